#include "cache/cache_database.h"
#include "cache/cache_reader.h"
#include "cache/cache_writer.h"
#include "cache/cache_writer_worker.h"
#include "cache/unsaved_work.h"
#include "cache_test_data.h"
#include "read_only_file.h"
#include "sync/local_actions.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <sqlite3.h>
#include <unistd.h>

using namespace noc;
using namespace noc::testdata;

namespace {

QString integrity(const QString &path) {
    sqlite3 *db = nullptr;
    sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    QString result;
    sqlite3_stmt *s = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, nullptr) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        result = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(s, 0)));
    sqlite3_finalize(s);
    sqlite3_close_v2(db);
    return result;
}

QStringList corruptSiblings(const QString &path) {
    const QFileInfo info(path);
    QStringList names =
        QDir(info.absolutePath()).entryList({info.fileName() + QStringLiteral(".corrupt-*")}, QDir::Files);
    // the damaged file's -wal / -shm travel with it under the matching name
    names.removeIf([](const QString &n) {
        return n.endsWith(QLatin1String("-wal")) || n.endsWith(QLatin1String("-shm"));
    });
    return names;
}

// A worker on its own thread, torn down in order.
struct WorkerThread {
    QThread thread;
    CacheWriterWorker *worker;
    explicit WorkerThread(const QString &path)
        : worker(new CacheWriterWorker(path)) {
        worker->moveToThread(&thread);
        QObject::connect(&thread, &QThread::started, worker, &CacheWriterWorker::start);
        QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    }
    ~WorkerThread() {
        QMetaObject::invokeMethod(worker, &CacheWriterWorker::stop, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }
};

} // namespace

class CacheFaultsTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("f%1/cache.sqlite").arg(++m_counter)); }

    // A real cache holding outbox entries (written first, so their pages come early in the file)
    // and enough alarms that damage further in leaves the outbox readable.
    static void buildCacheWithOutbox(const QString &path, int outboxEntries) {
        QVERIFY(CacheDatabase::open(path).ok());
        CacheWriter writer;
        QVERIFY(writer.open(path));
        CacheBatch first;
        for (int i = 0; i < outboxEntries; ++i)
            first.outboxInserts.append(makeOutbox(i, QStringLiteral("A-%1").arg(i)));
        writer.apply(first);
        CacheBatch bulk;
        for (int i = 0; i < 5000; ++i)
            bulk.alarms.append(makeAlarm(i));
        writer.apply(bulk);
        QVERIFY(!writer.lastError().isError());
        writer.close(); // checkpoints the WAL into the main file
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
    }

    static void checkFreshCacheWorks(const QString &path) {
        CacheWriter writer;
        QVERIFY2(writer.open(path), qPrintable(writer.lastError().message));
        CacheBatch batch;
        batch.alarms = {makeAlarm(1)};
        QCOMPARE(writer.apply(batch).alarms.inserted, QStringList{QStringLiteral("A-1")});
        QCOMPARE(integrity(path), QStringLiteral("ok"));
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void damagedFileIsMovedAsideAndAFreshCacheIsMade_data() {
        QTest::addColumn<QByteArray>("content");
        QByteArray random(64 * 1024, '\0');
        QRandomGenerator rng(7);
        for (auto &c : random)
            c = char(rng.bounded(256));
        QTest::addRow("random bytes") << random;
        QTest::addRow("text file") << QByteArray("this is not a database\n");
        QByteArray fakeHeader = QByteArray("SQLite format 3") + '\0' + random.left(4000);
        QTest::addRow("header then garbage") << fakeHeader;
    }

    void damagedFileIsMovedAsideAndAFreshCacheIsMade() {
        QFETCH(QByteArray, content);
        // Given a cache file that is not a database
        const QString path = freshPath();
        QDir().mkpath(QFileInfo(path).absolutePath());
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        // When it is opened
        const auto result = CacheDatabase::open(path);
        // Then it was moved aside (not deleted), a fresh cache works, and the user is told in words
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.outcome, CacheOpenResult::Outcome::Recovered);
        QVERIFY(QFileInfo::exists(result.movedAsidePath));
        QCOMPARE(corruptSiblings(path).size(), 1);
        QVERIFY(
            result.movedAsidePath.contains(QRegularExpression(QStringLiteral("\\.corrupt-\\d{8}-\\d{6}$"))));
        {
            QFile moved(result.movedAsidePath);
            QVERIFY(moved.open(QIODevice::ReadOnly));
            QCOMPARE(moved.readAll(), content);
        }
        QVERIFY(result.message.contains(path));
        QVERIFY(result.message.contains(QStringLiteral("damaged")));
        checkFreshCacheWorks(path);
    }

    void truncatedCacheIsMovedAsideAndItsOutboxRecovered() {
        // Given a real cache with 12 unsent changes, cut to 60% of its length (a torn copy)
        const QString path = freshPath();
        buildCacheWithOutbox(path, 12);
        const qint64 size = QFileInfo(path).size();
        QVERIFY(QFile::resize(path, (size * 6 / 10) / 4096 * 4096 + 100));
        // When it is opened
        const auto result = CacheDatabase::open(path);
        // Then it is moved aside, the outbox is recovered into the fresh cache in order
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.outcome, CacheOpenResult::Outcome::Recovered);
        QVERIFY(QFileInfo::exists(result.movedAsidePath));
        QCOMPARE(result.recoveredOutboxEntries, 12);
        QVERIFY(result.message.contains(QStringLiteral("12 unsent")));
        CacheReader reader;
        QVERIFY(reader.open(path));
        const auto outbox = reader.outbox();
        QCOMPARE(outbox.size(), 12);
        for (int i = 0; i < 12; ++i) {
            OutboxEntry want = makeOutbox(i, QStringLiteral("A-%1").arg(i));
            want.seq = outbox[i].seq;
            QCOMPARE(outbox[i], want);
        }
        QCOMPARE(reader.alarmCount(false), 0);
        checkFreshCacheWorks(path);
    }

    void cacheWithDamagedPagesFailsTheCheckAndIsMovedAside() {
        // Given a real cache whose alarm pages were overwritten in the middle (a bad sector)
        const QString path = freshPath();
        buildCacheWithOutbox(path, 3);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            const qint64 size = f.size();
            f.seek(size / 2 / 4096 * 4096);
            f.write(QByteArray(4096 * 4, char(0x5a)));
        }
        const auto result = CacheDatabase::open(path, CacheDatabase::Check::Full);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.outcome, CacheOpenResult::Outcome::Recovered);
        QCOMPARE(result.recoveredOutboxEntries, 3);
        QCOMPARE(corruptSiblings(path).size(), 1);
        checkFreshCacheWorks(path);
    }

    void startUpChecksTheWholeFileOnlyAfterAnUncleanEnd() {
        const QString path = freshPath();
        QVERIFY(CacheDatabase::open(path).ok());
        {
            CacheWriter writer;
            QVERIFY(writer.open(path));
            CacheBatch batch;
            batch.alarms = {makeAlarm(1)};
            writer.apply(batch);
        } // closed cleanly
        auto result = CacheDatabase::open(path);
        QVERIFY(result.ok());
        QVERIFY(!result.checked);
        // Given a writer that never got to close (its process died)
        {
            sqlite3 *db = nullptr;
            sqlite3_open(QFile::encodeName(path).constData(), &db);
            sqlite3_exec(db, "UPDATE metadata SET value='0' WHERE key='writer_clean_close'", nullptr, nullptr,
                         nullptr);
            sqlite3_close(db);
        }
        result = CacheDatabase::open(path);
        QVERIFY(result.ok());
        QVERIFY(result.checked);
        QCOMPARE(result.outcome, CacheOpenResult::Outcome::Opened);
    }

    void readOnlyFolderGivesAClearErrorNamingThePath() {
        QString path;
        QTemporaryDir locked;
        if (geteuid() != 0) {
            path = locked.filePath(QStringLiteral("ro/cache.sqlite"));
            QDir().mkpath(QFileInfo(path).absolutePath());
            QFile::setPermissions(QFileInfo(path).absolutePath(), QFile::ReadOwner | QFile::ExeOwner);
        } else {
            // root ignores permission bits; sysfs refuses new files even to root
            path = QStringLiteral("/sys/noc-cache-test.sqlite");
        }
        const auto result = CacheDatabase::open(path);
        if (geteuid() != 0)
            QFile::setPermissions(QFileInfo(path).absolutePath(),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QVERIFY(!result.ok());
        QCOMPARE(result.outcome, CacheOpenResult::Outcome::Failed);
        QVERIFY2(result.message.contains(path), qPrintable(result.message));
        QVERIFY2(result.message.contains(QStringLiteral("writable")), qPrintable(result.message));
        QVERIFY(result.error.transient);
        // The writer alone reports the same way
        CacheWriter writer;
        QVERIFY(!writer.open(path));
        QVERIFY(writer.lastError().message.contains(path));
    }

    void fullDiskKeepsTheBatchAndRetriesAfterSpaceIsFreed() {
        const QString path = freshPath();
        QVERIFY(CacheDatabase::open(path).ok());
        WorkerThread w(path);
        w.worker->setRetryIntervalMs(60'000); // only retryNow() resumes, so the test controls timing
        w.worker->setPageLimit(40);           // ~160 KB: the "disk" is full after a few hundred alarms
        QSignalSpy committed(w.worker, &CacheWriterWorker::committed);
        QSignalSpy failed(w.worker, &CacheWriterWorker::writeFailed);
        QVERIFY(committed.isValid() && failed.isValid());
        w.thread.start();
        // When a batch too large for the space left arrives
        CacheBatch big;
        for (int i = 0; i < 3000; ++i)
            big.alarms.append(makeAlarm(i));
        w.worker->enqueue(big);
        // Then the user is told in plain words naming the file, and the batch is kept
        QVERIFY(failed.wait(10'000));
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("full")), qPrintable(message));
        QCOMPARE(committed.count(), 0);
        QCOMPARE(w.worker->queuedBatches(), 1);
        QVERIFY(!w.worker->isHealthy());
        // When retries fail the same way, Then the user is not told again (every 2 s would keep
        // covering the status bar's other messages)
        for (int retry = 0; retry < 3; ++retry)
            QMetaObject::invokeMethod(w.worker, &CacheWriterWorker::retryNow, Qt::BlockingQueuedConnection);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(w.worker->queuedBatches(), 1);
        // When space is freed and the user retries, Then the kept batch is written whole
        QMetaObject::invokeMethod(w.worker, [worker = w.worker] {
            worker->setPageLimit(0);
            worker->retryNow();
        });
        QVERIFY(committed.wait(10'000));
        const auto changes = committed.first().first().value<ChangeSet>();
        QCOMPARE(changes.alarms.inserted.size(), 3000);
        QCOMPARE(w.worker->queuedBatches(), 0);
        QVERIFY(w.worker->isHealthy());
        CacheReader reader;
        QVERIFY(reader.open(path));
        QCOMPARE(reader.alarmCount(false), 3000);
        // When the disk fills up again later, Then that is told again
        QMetaObject::invokeMethod(w.worker, [worker = w.worker] { worker->setPageLimit(40); });
        CacheBatch more;
        for (int i = 3000; i < 6000; ++i)
            more.alarms.append(makeAlarm(i));
        w.worker->enqueue(more);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 10'000);
    }

    void ackMadeWhileTheDiskIsFullSurvivesAQuit() {
        // Given a cache with one alarm, and a "disk" that fills up while sync data is being written
        const QString path = freshPath();
        QVERIFY(CacheDatabase::open(path).ok());
        const Alarm alarm = makeAlarm(1);
        {
            CacheWriter writer;
            QVERIFY(writer.open(path));
            CacheBatch batch;
            batch.alarms = {alarm};
            writer.apply(batch);
        }
        const CacheBatch ack = actions::acknowledgeAlarms({alarm}, actions::Context{QStringLiteral("alice")});
        QCOMPARE(ack.outboxInserts.size(), 1);
        {
            WorkerThread w(path);
            w.worker->setRetryIntervalMs(60'000);
            w.worker->setPageLimit(40);
            QSignalSpy failed(w.worker, &CacheWriterWorker::writeFailed);
            w.thread.start();
            CacheBatch big;
            for (int i = 100; i < 3100; ++i)
                big.alarms.append(makeAlarm(i));
            w.worker->enqueue(big);
            // When the user acknowledges the alarm while nothing can be written, and then quits
            w.worker->enqueue(ack);
            QVERIFY(failed.wait(10'000));
            QCOMPARE(failed.first().at(1).toInt() & 0xff, SQLITE_FULL);
            QCOMPARE(w.worker->queuedBatches(), 2);
        } // stop(): the session's quit
        // Then the acknowledgement waits in the side file (the sync data is not kept: the server has it)
        QVERIFY(QFileInfo::exists(UnsavedWork::sidePath(path)));
        {
            QString error;
            const QList<CacheBatch> kept = UnsavedWork::read(path, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(kept.size(), 1);
            QCOMPARE(kept.first().outboxInserts, ack.outboxInserts);
            QCOMPARE(kept.first().alarms, ack.alarms);
        }
        // When the console starts again with space, Then the ack is in the cache exactly once
        const auto result = CacheDatabase::open(path);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.restoredUnsavedEntries, 1);
        QVERIFY2(result.message.contains(QStringLiteral("1 change")), qPrintable(result.message));
        QVERIFY(!QFileInfo::exists(UnsavedWork::sidePath(path)));
        CacheReader reader;
        QVERIFY(reader.open(path));
        const auto outbox = reader.outbox();
        QCOMPARE(outbox.size(), 1);
        QCOMPARE(outbox.first().uuid, ack.outboxInserts.first().uuid);
        QCOMPARE(outbox.first().payload, ack.outboxInserts.first().payload);
        QVERIFY(reader.alarm(alarm.id)->ackState == AckState::Acknowledged);
        // and a further start does not add it again
        QCOMPARE(CacheDatabase::open(path).restoredUnsavedEntries, 0);
        QCOMPARE(reader.outbox().size(), 1);
    }

    void pinPlacedWhileTheDiskIsFullSurvivesAQuit() {
        // Given a cache with an element, and a "disk" that fills up while sync data is being written
        const QString path = freshPath();
        QVERIFY(CacheDatabase::open(path).ok());
        {
            CacheWriter writer;
            QVERIFY(writer.open(path));
            CacheBatch inventory;
            inventory.sites = {makeSite(1, QStringLiteral("North"))};
            inventory.elements = {makeElement(1, QStringLiteral("S-1"))};
            writer.apply(inventory);
        }
        // (what the map hands the writer after the user dropped the element: it exists nowhere else)
        CacheBatch pin;
        pin.mapPositions = {
            MapPosition{QStringLiteral("ops/geographic"), QStringLiteral("NE-1"), 120.5, -40.25, true}};
        {
            WorkerThread w(path);
            w.worker->setRetryIntervalMs(60'000);
            w.worker->setPageLimit(40);
            QSignalSpy failed(w.worker, &CacheWriterWorker::writeFailed);
            w.thread.start();
            CacheBatch big;
            for (int i = 100; i < 3100; ++i)
                big.alarms.append(makeAlarm(i));
            w.worker->enqueue(big);
            // When the user places an element on the map while nothing can be written, and then quits
            w.worker->enqueue(pin);
            QVERIFY(failed.wait(10'000));
            QCOMPARE(w.worker->queuedBatches(), 2);
        } // stop(): the session's quit
        // Then the position waits in the side file with the user's other unsaved work
        {
            QString error;
            const QList<CacheBatch> kept = UnsavedWork::read(path, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(kept.size(), 1);
            QCOMPARE(kept.first().mapPositions, pin.mapPositions);
        }
        // When the console starts again with space, Then the element is pinned where the user put it
        const auto result = CacheDatabase::open(path);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.restoredUnsavedEntries, 1);
        QVERIFY2(result.message.contains(QStringLiteral("1 change")), qPrintable(result.message));
        QVERIFY(!QFileInfo::exists(UnsavedWork::sidePath(path)));
        CacheReader reader;
        QVERIFY(reader.open(path));
        QCOMPARE(reader.mapPositions(QStringLiteral("ops/geographic")), pin.mapPositions);
    }

    void damagedFileKeepsTheUserBatchAndIsCheckedAtTheNextStart() {
        // Given a cache closed cleanly, then damaged in the middle (a bad sector): the start-up check
        // trusts the clean close and does not read the whole file
        const QString path = freshPath();
        buildCacheWithOutbox(path, 3);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(f.size() / 2 / 4096 * 4096);
            f.write(QByteArray(4096 * 4, char(0x5a)));
        }
        auto result = CacheDatabase::open(path);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.outcome, CacheOpenResult::Outcome::Opened);
        QVERIFY(!result.checked);
        // When a user's change arrives with rows that live on the damaged pages
        CacheBatch batch;
        for (int i = 0; i < 5000; ++i) {
            Alarm a = makeAlarm(i);
            a.ackState = AckState::Acknowledged;
            batch.alarms.append(a);
        }
        batch.outboxInserts = {makeOutbox(99, QStringLiteral("A-99"))};
        {
            WorkerThread w(path);
            w.worker->setRetryIntervalMs(60'000);
            QSignalSpy failed(w.worker, &CacheWriterWorker::writeFailed);
            w.thread.start();
            w.worker->enqueue(batch);
            // Then it is reported as damage with a request to restart, and kept, not dropped
            QVERIFY(failed.wait(10'000));
            const int code = failed.first().at(1).toInt() & 0xff;
            QVERIFY2(code == SQLITE_CORRUPT || code == SQLITE_NOTADB, qPrintable(QString::number(code)));
            const QString message = failed.first().first().toString();
            QVERIFY2(message.contains(QStringLiteral("damaged")), qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("Restart")), qPrintable(message));
            QCOMPARE(w.worker->queuedBatches(), 1);
        } // the user quits
        QVERIFY(QFileInfo::exists(UnsavedWork::sidePath(path)));
        // When the console starts again, Then the file is checked (not trusted as cleanly closed),
        // moved aside, and the outbox holds the salvaged entries and the kept one
        result = CacheDatabase::open(path);
        QVERIFY2(result.ok(), qPrintable(result.message));
        QVERIFY(result.checked);
        QCOMPARE(result.outcome, CacheOpenResult::Outcome::Recovered);
        QCOMPARE(result.recoveredOutboxEntries, 3);
        QCOMPARE(result.restoredUnsavedEntries, 1);
        CacheReader reader;
        QVERIFY(reader.open(path));
        const auto outbox = reader.outbox();
        QCOMPARE(outbox.size(), 4);
        QCOMPARE(outbox.last().uuid, makeOutbox(99, {}).uuid);
    }

    void sideFileIsWrittenIntoTheCacheOnlyOnceEvenIfItWasNotRemoved() {
        // Given a side file whose entry is already in the cache (a start that died before removing it)
        const QString path = freshPath();
        QVERIFY(CacheDatabase::open(path).ok());
        CacheBatch batch;
        batch.outboxInserts = {makeOutbox(5, QStringLiteral("A-5"))};
        QString error;
        QVERIFY2(UnsavedWork::append(path, {batch}, &error), qPrintable(error));
        QCOMPARE(CacheDatabase::open(path).restoredUnsavedEntries, 1);
        QVERIFY(UnsavedWork::append(path, {batch}, &error));
        // When the cache is opened again, Then the entry is not doubled
        QCOMPARE(CacheDatabase::open(path).restoredUnsavedEntries, 0);
        QVERIFY(!QFileInfo::exists(UnsavedWork::sidePath(path)));
        CacheReader reader;
        QVERIFY(reader.open(path));
        QCOMPARE(reader.outbox().size(), 1);
    }

    void readOnlyCacheIsShownAndNeverChanged() {
        // Given a cache holding an alarm and an unsent change, and a change the last session could not
        // save still in the side file
        const QString path = freshPath();
        QVERIFY(CacheDatabase::open(path).ok());
        const Alarm alarm = makeAlarm(1);
        {
            CacheWriter writer;
            QVERIFY(writer.open(path));
            CacheBatch batch;
            batch.alarms = {alarm};
            batch.outboxInserts = {makeOutbox(1, alarm.id)};
            writer.apply(batch);
            QVERIFY(!writer.lastError().isError());
        }
        CacheBatch unsaved;
        unsaved.outboxInserts = {makeOutbox(2, alarm.id)};
        QString error;
        QVERIFY2(UnsavedWork::append(path, {unsaved}, &error), qPrintable(error));
        const auto contents = [&path] {
            QFile file(path);
            return file.open(QIODevice::ReadOnly)
                       ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
                       : QByteArray();
        };
        const QByteArray before = contents();
        QVERIFY(!before.isEmpty());

        // When the file cannot be written (mode 0444; for root the immutable attribute) and the console
        // starts
        test::ReadOnlyFile readOnly(path);
        if (!readOnly.isReadOnly())
            QSKIP(qPrintable(readOnly.why()));
        const CacheOpenResult result = CacheDatabase::open(path);

        // Then it is open for reading only, and the message names the file and says what to do
        QCOMPARE(result.outcome, CacheOpenResult::Outcome::ReadOnly);
        QVERIFY(!result.ok());
        QVERIFY(result.readable());
        QVERIFY2(result.message.contains(path), qPrintable(result.message));
        QVERIFY2(result.message.contains(QStringLiteral("cannot be written")), qPrintable(result.message));
        QVERIFY2(result.message.contains(QStringLiteral("chmod u+w")), qPrintable(result.message));
        QVERIFY2(result.message.contains(QStringLiteral("--cache")), qPrintable(result.message));
        QVERIFY(result.error.message.contains(path));
        // And the change of the last session stays in its side file, said so
        QCOMPARE(result.keptUnsavedEntries, 1);
        QVERIFY(QFileInfo::exists(UnsavedWork::sidePath(path)));
        QVERIFY2(result.message.contains(UnsavedWork::sidePath(path)), qPrintable(result.message));
        // And what the file holds can be read
        {
            CacheReader reader;
            QVERIFY2(reader.open(path), qPrintable(reader.lastError().message));
            QCOMPARE(reader.alarmCount(false), 1);
            QCOMPARE(reader.outbox().size(), 1);
        }
        // And the file is exactly as it was
        QCOMPARE(contents(), before);

        // When it is writable again (the user fixed the permissions), Then the next start is a normal
        // one and takes the kept change in
        readOnly.release();
        const CacheOpenResult again = CacheDatabase::open(path);
        QVERIFY2(again.ok(), qPrintable(again.message));
        QCOMPARE(again.restoredUnsavedEntries, 1);
        QVERIFY(!QFileInfo::exists(UnsavedWork::sidePath(path)));
        CacheReader reader;
        QVERIFY(reader.open(path));
        QCOMPARE(reader.outbox().size(), 2);
    }

    void readOnlyCacheOfAnOlderFormatFailsWithTheSameAdvice() {
        // Given a cache of format 1 (it would need a migration, which writes) that cannot be written
        const QString path = freshPath();
        QVERIFY(CacheDatabase::open(path).ok());
        {
            sqlite3 *db = nullptr;
            QCOMPARE(
                sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE, nullptr),
                SQLITE_OK);
            QCOMPARE(sqlite3_exec(db, "PRAGMA user_version=1", nullptr, nullptr, nullptr), SQLITE_OK);
            sqlite3_close_v2(db);
        }
        test::ReadOnlyFile readOnly(path);
        if (!readOnly.isReadOnly())
            QSKIP(qPrintable(readOnly.why()));
        // When it is opened, Then it fails (not half-shown) with the read-only advice naming the file
        const CacheOpenResult result = CacheDatabase::open(path);
        QCOMPARE(result.outcome, CacheOpenResult::Outcome::Failed);
        QVERIFY(!result.readable());
        QVERIFY2(result.message.contains(path), qPrintable(result.message));
        QVERIFY2(result.message.contains(QStringLiteral("read-only")), qPrintable(result.message));
    }

    void workerTurnsManySmallBatchesIntoFewTransactions() {
        const QString path = freshPath();
        QVERIFY(CacheDatabase::open(path).ok());
        WorkerThread w(path);
        QSignalSpy committed(w.worker, &CacheWriterWorker::committed);
        // Given 400 batches of 25 alarms queued before the writer runs (a storm backlog)
        for (int b = 0; b < 400; ++b) {
            CacheBatch batch;
            for (int i = 0; i < 25; ++i)
                batch.alarms.append(makeAlarm(b * 25 + i));
            w.worker->enqueue(batch);
        }
        w.thread.start();
        // Then all 10,000 alarms land in far fewer than 400 commits. Counted from the commits that have
        // arrived: the queue is empty as soon as the last batch is taken, before its commit is told.
        const auto insertedSoFar = [&committed] {
            ChangeSet total;
            for (const auto &args : committed)
                total.merge(args.first().value<ChangeSet>());
            return total.alarms.inserted.size();
        };
        QTRY_COMPARE_WITH_TIMEOUT(insertedSoFar(), qsizetype(10'000), 30'000);
        QCOMPARE(w.worker->queuedBatches(), 0);
        QVERIFY2(committed.count() < 40, qPrintable(QString::number(committed.count())));
    }

    void enqueueIsSafeFromManyThreads() {
        const QString path = freshPath();
        QVERIFY(CacheDatabase::open(path).ok());
        WorkerThread w(path);
        w.thread.start();
        QList<QThread *> producers;
        for (int t = 0; t < 4; ++t) {
            producers.append(QThread::create([worker = w.worker, t] {
                for (int b = 0; b < 50; ++b) {
                    CacheBatch batch;
                    for (int i = 0; i < 10; ++i)
                        batch.alarms.append(makeAlarm(t * 100'000 + b * 10 + i));
                    worker->enqueue(batch);
                }
            }));
            producers.last()->start();
        }
        for (auto *p : producers) {
            QVERIFY(p->wait(30'000));
            delete p;
        }
        QTRY_COMPARE_WITH_TIMEOUT(w.worker->queuedBatches(), 0, 30'000);
        CacheReader reader;
        QVERIFY(reader.open(path));
        QTRY_COMPARE(reader.alarmCount(false), 2000);
    }
};

QTEST_GUILESS_MAIN(CacheFaultsTest)
#include "cache_faults_test.moc"
