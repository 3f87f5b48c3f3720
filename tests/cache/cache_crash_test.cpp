#include "cache/cache_database.h"
#include "cache/cache_reader.h"
#include "cache/sqlite_statement.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

using namespace noc;

class CacheCrashTest : public QObject {
    Q_OBJECT

private slots:
    // A process killed with SIGKILL in the middle of ingest leaves a cache that opens, passes
    // integrity_check, holds every committed batch whole and no partial batch.
    void sigkillDuringIngestLosesNoCommittedBatchAndLeavesNoPartialOne() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("crash.sqlite"));
        constexpr int kPerBatch = 3000;
        QRandomGenerator rng(20261122);
        qint64 lastReported = 0;
        for (int round = 0; round < 4; ++round) {
            // Given a child ingesting batches into the cache
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(QStringLiteral(NOC_CACHE_INGEST_CHILD), {path, QString::number(kPerBatch)});
            QVERIFY2(child.waitForStarted(10'000), qPrintable(child.errorString()));
            // When it is killed after a random number of commits (mid-transaction most of the time:
            // applying a batch takes far longer than printing its number)
            const int killAfter = 2 + int(rng.bounded(6));
            int seenThisRound = 0;
            QByteArray pending;
            while (seenThisRound < killAfter) {
                QVERIFY2(child.waitForReadyRead(30'000), "child stopped reporting");
                pending += child.readAllStandardOutput();
                qsizetype nl;
                while ((nl = pending.indexOf('\n')) >= 0) {
                    const QByteArray line = pending.left(nl);
                    pending.remove(0, nl + 1);
                    if (line.startsWith("committed ")) {
                        lastReported = line.mid(10).toLongLong();
                        ++seenThisRound;
                    }
                }
            }
            QTest::qWait(int(rng.bounded(40))); // land somewhere inside the next transaction
            child.kill();                       // SIGKILL on Unix
            QVERIFY(child.waitForFinished(10'000));
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);

            // Then start-up notices the unclean end and checks the file; it needs no recovery
            const auto autoOpened = CacheDatabase::open(path);
            QVERIFY2(autoOpened.ok(), qPrintable(autoOpened.message));
            QVERIFY(autoOpened.checked);
            QCOMPARE(autoOpened.outcome, CacheOpenResult::Outcome::Opened);
            // And it passes integrity_check
            const auto opened = CacheDatabase::open(path, CacheDatabase::Check::Full);
            QVERIFY2(opened.ok(), qPrintable(opened.message));
            QCOMPARE(opened.outcome, CacheOpenResult::Outcome::Opened);
            sqlite3 *db = nullptr;
            QCOMPARE(sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr),
                     SQLITE_OK);
            const auto scalar = [db](const char *sql) {
                SqliteStatement s(db, sql, false);
                return s.step() ? s.columnText(0) : QString();
            };
            QCOMPARE(scalar("PRAGMA integrity_check"), QStringLiteral("ok"));
            // And every batch present is whole, batches are 1..M without a gap, M >= last reported
            SqliteStatement perBatch(
                db,
                "SELECT CAST(substr(id, 2, instr(id, '-') - 2) AS INTEGER) AS b, count(*), "
                "sum(state = 2) FROM alarms GROUP BY b ORDER BY b",
                false);
            qint64 expectedBatch = 1;
            while (perBatch.step()) {
                const qint64 batch = perBatch.columnInt64(0);
                QCOMPARE(batch, expectedBatch);
                QCOMPARE(perBatch.columnInt(1), kPerBatch);
                ++expectedBatch;
            }
            const qint64 present = expectedBatch - 1;
            QVERIFY2(present >= lastReported,
                     qPrintable(QStringLiteral("batch %1 was reported committed but only %2 are in the cache")
                                    .arg(lastReported)
                                    .arg(present)));
            // The rest of each batch came with it, and nothing of batch M+1
            QCOMPARE(scalar("SELECT stream_seq FROM sync_state WHERE collection='alarm'").toLongLong(),
                     present);
            QCOMPARE(scalar("SELECT value FROM metadata WHERE key='last_batch'").toLongLong(), present);
            QCOMPARE(scalar("SELECT count(*) FROM outbox").toLongLong(), present);
            // Batch k cleared every 10th alarm of batch k-1: all batches but the last carry those
            QCOMPARE(scalar("SELECT count(*) FROM alarms WHERE state = 2").toLongLong(),
                     (present - 1) * (kPerBatch / 10));
            // Derived data agrees with the rows (trigger-kept counts, FTS)
            QCOMPARE(scalar("SELECT sum(n) FROM alarm_counts").toLongLong(), present * kPerBatch);
            SqliteStatement fts(db, "INSERT INTO alarms_fts(alarms_fts, rank) VALUES('integrity-check', 1)",
                                false);
            sqlite3_close_v2(db);
            CacheReader reader;
            QVERIFY(reader.open(path));
            QCOMPARE(reader.alarmCount(false), present * kPerBatch);
            qInfo("round %d: killed after batch %lld reported, %lld batches whole in the cache", round,
                  static_cast<long long>(lastReported), static_cast<long long>(present));
            lastReported = present;
        }
    }
};

QTEST_GUILESS_MAIN(CacheCrashTest)
#include "cache_crash_test.moc"
