#include "alarm_table_model.h"
#include "alarm_test_support.h"

#include "alarm_vocabulary.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QItemSelectionModel>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>
#include <sqlite3.h>

using namespace noc;
using namespace noc::alarmtest;

// AlarmTableModel over real cache files: list order, incremental updates from ChangeSets, sort,
// filters, correlation. Every model is watched by QAbstractItemModelTester.
class AlarmTableModelTest : public QObject {
    Q_OBJECT

private:
    struct Fixture {
        explicit Fixture(int alarms)
            : cache(alarms) {
            model.setUpdateInterval(0);
        }
        bool openAndWait() {
            QSignalSpy finished(&model, &AlarmTableModel::queryFinished);
            return model.open(cache.path) && (finished.size() > 0 || finished.wait(10000));
        }
        bool queryAndWait(const AlarmQuery &q) {
            QSignalSpy finished(&model, &AlarmTableModel::queryFinished);
            model.setQuery(q);
            return finished.wait(10000);
        }
        // Applies a batch to the cache and hands the ChangeSet to the model, as SyncSession would.
        bool commitAndWait(const CacheBatch &b) {
            QSignalSpy updated(&model, &AlarmTableModel::rowsUpdated);
            model.onCommitted(cache.apply(b));
            return updated.wait(10000);
        }
        bool isSorted() const {
            const AlarmKeyLess less{model.query().sortColumn, model.query().sortOrder};
            for (int r = 1; r < model.rowCount(); ++r)
                if (!less(model.keyAt(r - 1), model.keyAt(r)))
                    return false;
            return true;
        }
        // The model's rows are those of a model opened on the same cache now.
        bool matchesAFreshQuery() const {
            AlarmTableModel fresh;
            fresh.setInitialQuery(model.query());
            QSignalSpy finished(&fresh, &AlarmTableModel::queryFinished);
            if (!fresh.open(cache.path) || (finished.isEmpty() && !finished.wait(10000)))
                return false;
            if (fresh.rowCount() != model.rowCount())
                return false;
            for (int r = 0; r < model.rowCount(); ++r)
                if (fresh.keyAt(r).aid != model.keyAt(r).aid ||
                    fresh.keyAt(r).changedMs != model.keyAt(r).changedMs)
                    return false;
            return true;
        }
        TestCache cache;
        AlarmTableModel model;
        QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
    };

    // Batch `batch` of `count` new alarms whose changed times fall between those of the first 20,000
    // (makeAlarm: one second apart), each at a place of its own in the list.
    static CacheBatch newAlarmsAmongTheOld(int batch, int count) {
        CacheBatch b;
        for (int j = 0; j < count; ++j) {
            Alarm a = makeAlarm(100000 + batch * count + j);
            a.alarmChangedTime = kBase + ((j * 13 + batch) % 20000) * 1000LL + 300;
            b.alarms.append(a);
        }
        return b;
    }

private slots:
    void opensInListOrderActiveWorstNewestFirst() {
        // Given a cache with 50 alarms, one of them cleared
        Fixture f(50);
        QVERIFY(f.cache.ok);
        Alarm cleared = makeAlarm(0);
        cleared.state = AlarmState::Cleared;
        cleared.perceivedSeverity = Severity::Cleared;
        f.cache.apply(batchOf({cleared}));
        AlarmQuery all;
        all.activity = AlarmActivity::All;
        f.model.setQuery(all);
        // When the model opens
        QVERIFY(f.openAndWait());
        // Then every alarm is a row, critical first, the newest critical on top, the cleared one last
        QCOMPARE(f.model.rowCount(), 50);
        QCOMPARE(f.model.alarmId(0), QStringLiteral("ALM-00045"));
        QCOMPARE(f.model.data(f.model.index(0, int(AlarmColumn::Severity))).toString(),
                 QStringLiteral("Critical"));
        QCOMPARE(f.model.alarmId(49), QStringLiteral("ALM-00000"));
        QVERIFY(f.isSorted());
        QCOMPARE(f.model.totalAlarms(), 50);
        // and text columns are read lazily from the cache
        QTRY_COMPARE(f.model.data(f.model.index(0, int(AlarmColumn::Element))).toString(),
                     QStringLiteral("router-5"));
        QTRY_COMPARE(f.model.data(f.model.index(0, int(AlarmColumn::Site))).toString(),
                     QStringLiteral("Hilltop Tower"));
        QTRY_COMPARE(f.model.data(f.model.index(0, int(AlarmColumn::ProbableCause))).toString(),
                     QStringLiteral("Power problem"));
    }

    void insertsUpdatesAndRemovalsApplyWithoutResetAndSelectionFollows() {
        // Given an open list of 40 alarms and a persistent index on a minor alarm
        Fixture f(40);
        QVERIFY(f.openAndWait());
        const int watched = f.model.rowOf(QStringLiteral("ALM-00012"));
        QVERIFY(watched >= 0);
        QPersistentModelIndex follow(f.model.index(watched, int(AlarmColumn::Element)));
        QSignalSpy resets(&f.model, &QAbstractItemModel::modelReset);
        // When one batch inserts a critical alarm, removes one, and escalates ALM-00012 to critical
        CacheBatch b;
        Alarm fresh = makeAlarm(100);
        fresh.perceivedSeverity = Severity::Critical;
        b.alarms.append(fresh);
        Alarm escalated = makeAlarm(12);
        escalated.perceivedSeverity = Severity::Critical;
        escalated.alarmChangedTime += 500'000;
        b.alarms.append(escalated);
        b.removedAlarmIds.append(QStringLiteral("ALM-00001"));
        QVERIFY(f.commitAndWait(b));
        // Then the rows follow, in order, without a reset
        QCOMPARE(resets.size(), 0);
        QCOMPARE(f.model.rowCount(), 40);
        QVERIFY(f.isSorted());
        QCOMPARE(f.model.rowOf(QStringLiteral("ALM-00001")), -1);
        QCOMPARE(f.model.alarmId(0), QStringLiteral("ALM-00012")); // newest change among the criticals
        QCOMPARE(f.model.alarmId(1), QStringLiteral("ALM-00100"));
        // and the persistent index (a view's selection) moved with its alarm
        QVERIFY(follow.isValid());
        QCOMPARE(follow.row(), 0);
        QTRY_COMPARE(f.model.data(follow).toString(), QStringLiteral("router-2"));
    }

    void changesWhoseReadFailedAreReadAgainUntilTheCacheAnswers() {
        // Given an open list of 20 alarms, and ALM-00012 escalated to critical in the cache
        Fixture f(20);
        QVERIFY(f.openAndWait());
        const int before = f.model.rowOf(QStringLiteral("ALM-00012"));
        QVERIFY(before > 0);
        CacheBatch b;
        Alarm escalated = makeAlarm(12);
        escalated.perceivedSeverity = Severity::Critical;
        escalated.alarmChangedTime += 500'000;
        b.alarms.append(escalated);
        const ChangeSet changes = f.cache.apply(b);
        QCOMPARE(changes.alarms.updated, QStringList{escalated.id});
        // And the alarms table out of the list's reach for a while: another connection renamed it,
        // so reading the changed alarms fails with a real SQLite error, as SQLITE_BUSY in a storm does
        sqlite3 *other = nullptr;
        QCOMPARE(sqlite3_open(QFile::encodeName(f.cache.path).constData(), &other), SQLITE_OK);
        QCOMPARE(sqlite3_exec(other, "ALTER TABLE alarms RENAME TO alarms_away", nullptr, nullptr, nullptr),
                 SQLITE_OK);
        QSignalSpy errors(&f.model, &AlarmTableModel::errorOccurred);
        QSignalSpy updated(&f.model, &AlarmTableModel::rowsUpdated);
        // When the model is told of the change
        f.model.onCommitted(changes);
        // Then the read fails, more than once (it is retried), and the list keeps its rows
        QTRY_VERIFY_WITH_TIMEOUT(errors.size() >= 2, 5000);
        QCOMPARE(updated.size(), 0);
        QCOMPARE(f.model.rowOf(escalated.id), before);
        // And once the table is back, with no further change committed, the list shows the escalation
        QCOMPARE(sqlite3_exec(other, "ALTER TABLE alarms_away RENAME TO alarms", nullptr, nullptr, nullptr),
                 SQLITE_OK);
        sqlite3_close(other);
        QTRY_COMPARE_WITH_TIMEOUT(f.model.alarmId(0), escalated.id, 5000);
        QVERIFY(f.isSorted());
        QVERIFY(f.matchesAFreshQuery());
    }

    void batchAtFewPlacesAppliesAsRowRangesAndIndexesFollow() {
        // Given an open list of 40 alarms, persistent indexes on a warning alarm and on the last row
        Fixture f(40);
        QVERIFY(f.openAndWait());
        QPersistentModelIndex warning(
            f.model.index(f.model.rowOf(QStringLiteral("ALM-00013")), int(AlarmColumn::Element)));
        QPersistentModelIndex last(f.model.index(39, 0));
        const QString lastId = f.model.alarmId(39);
        QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&f.model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy layout(&f.model, &QAbstractItemModel::layoutChanged);
        QSignalSpy resets(&f.model, &QAbstractItemModel::modelReset);
        // When one batch raises two new critical alarms and a new major one, removes a minor alarm and
        // escalates the minor alarm next to it (held by no index) to critical
        CacheBatch b;
        b.alarms.append(makeAlarm(100)); // critical
        b.alarms.append(makeAlarm(105)); // critical
        b.alarms.append(makeAlarm(101)); // major
        Alarm escalated = makeAlarm(17); // minor
        escalated.perceivedSeverity = Severity::Critical;
        escalated.alarmChangedTime += 500'000;
        b.alarms.append(escalated);
        b.removedAlarmIds.append(QStringLiteral("ALM-00022")); // the minor above ALM-00017
        QVERIFY(f.commitAndWait(b));
        // Then the views are told three places: the critical group's top (three rows in), the major
        // group's top (one row in), and the two minor rows that left; no layout change, no reset
        QCOMPARE(resets.size(), 0);
        QCOMPARE(layout.size(), 0);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted.first().at(1).toInt(), 0);
        QCOMPARE(inserted.first().at(2).toInt(), 2);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.first().at(2).toInt() - removed.first().at(1).toInt(), 1);
        QCOMPARE(f.model.rowCount(), 42);
        QVERIFY(f.isSorted());
        QCOMPARE(f.model.alarmId(0), QStringLiteral("ALM-00017"));
        QCOMPARE(f.model.alarmId(1), QStringLiteral("ALM-00105"));
        QCOMPARE(f.model.alarmId(2), QStringLiteral("ALM-00100"));
        QCOMPARE(f.model.rowOf(QStringLiteral("ALM-00022")), -1);
        QCOMPARE(f.model.rowOf(QStringLiteral("ALM-00101")), f.model.rowOf(QStringLiteral("ALM-00036")) - 1);
        // and the persistent indexes stay on their alarms
        QVERIFY(warning.isValid());
        QCOMPARE(f.model.alarmId(warning.row()), QStringLiteral("ALM-00013"));
        QTRY_COMPARE(f.model.data(warning).toString(), QStringLiteral("router-3"));
        QCOMPARE(last.row(), 41);
        QCOMPARE(f.model.alarmId(last.row()), lastId);
    }

    void scatteredBatchIsOneLayoutChangeAndIndexesFollow() {
        // Given an open list of 60 alarms and a persistent index on ALM-00013
        Fixture f(60);
        QVERIFY(f.openAndWait());
        QPersistentModelIndex follow(f.model.index(f.model.rowOf(QStringLiteral("ALM-00013")), 0));
        QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&f.model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy layout(&f.model, &QAbstractItemModel::layoutChanged);
        // When one batch removes every third alarm: twenty places all over the list
        CacheBatch b;
        for (int i = 0; i < 60; i += 3)
            b.removedAlarmIds.append(QStringLiteral("ALM-%1").arg(i, 5, 10, QLatin1Char('0')));
        QVERIFY(f.commitAndWait(b));
        // Then it is one layout change and one removal at the end, not twenty removals
        QCOMPARE(layout.size(), 1);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(f.model.rowCount(), 40);
        QVERIFY(f.isSorted());
        QCOMPARE(f.model.rowOf(QStringLiteral("ALM-00030")), -1);
        QVERIFY(follow.isValid());
        QCOMPARE(f.model.alarmId(follow.row()), QStringLiteral("ALM-00013"));
    }

    void scatteredBatchesAtThousandsOfRowsMatchAFreshQueryAndSelectionFollows() {
        // Given an open list of 3,000 alarms with rows selected (a view's selection model: single
        // rows and a range of four adjacent rows) and the current row on one of them
        Fixture f(3000);
        QVERIFY(f.openAndWait());
        QItemSelectionModel selection(&f.model);
        QStringList selectedIds{QStringLiteral("ALM-00010"), QStringLiteral("ALM-00733"),
                                QStringLiteral("ALM-01502"), QStringLiteral("ALM-02222"),
                                QStringLiteral("ALM-02999")};
        for (const QString &id : selectedIds)
            selection.select(f.model.index(f.model.rowOf(id), 0),
                             QItemSelectionModel::Select | QItemSelectionModel::Rows);
        // (rows of a range in the middle have no persistent index until the selection model makes
        // one on layoutAboutToBeChanged)
        const int rangeTop = f.model.rowOf(QStringLiteral("ALM-01100"));
        selection.select(QItemSelection(f.model.index(rangeTop, 0), f.model.index(rangeTop + 3, 0)),
                         QItemSelectionModel::Select | QItemSelectionModel::Rows);
        for (int r = rangeTop; r <= rangeTop + 3; ++r)
            selectedIds.append(f.model.alarmId(r));
        selectedIds.sort();
        selection.setCurrentIndex(f.model.index(f.model.rowOf(QStringLiteral("ALM-01502")), 2),
                                  QItemSelectionModel::NoUpdate);
        const auto selectedNow = [&] {
            QStringList ids;
            for (const QModelIndex &idx : selection.selectedRows())
                ids.append(f.model.alarmId(idx.row()));
            ids.sort();
            return ids;
        };
        QCOMPARE(selectedNow(), selectedIds);
        QSignalSpy layout(&f.model, &QAbstractItemModel::layoutChanged);
        QSignalSpy resets(&f.model, &QAbstractItemModel::modelReset);

        // When one batch adds 1,200 alarms between the old ones (changed at older times: hundreds of
        // places), escalates the selected ALM-00733 to critical and removes every 11th alarm
        CacheBatch grow;
        for (int j = 0; j < 1200; ++j) {
            Alarm a = makeAlarm(5000 + j);
            a.alarmChangedTime = kBase + ((j * 7) % 3000) * 1000LL + 500;
            grow.alarms.append(a);
        }
        Alarm escalated = makeAlarm(733);
        escalated.perceivedSeverity = Severity::Critical;
        escalated.alarmChangedTime += 5'000'000;
        grow.alarms.append(escalated);
        for (int i = 1; i < 3000; i += 11)
            grow.removedAlarmIds.append(QStringLiteral("ALM-%1").arg(i, 5, 10, QLatin1Char('0')));
        QVERIFY(f.commitAndWait(grow));
        // Then it is one layout change (the list grew: one insertion at the end before it), the
        // list is the one a fresh query reads, and the selection and current row stayed on their
        // alarms
        QCOMPARE(layout.size(), 1);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(f.model.rowCount(), 3000 + 1200 - 273);
        QVERIFY(f.isSorted());
        QVERIFY(f.matchesAFreshQuery());
        QVERIFY(selectedIds.removeAll(QStringLiteral("ALM-01090")) == 1); // removed (every 11th)
        QCOMPARE(selectedNow(), selectedIds);
        QCOMPARE(f.model.alarmId(selection.currentIndex().row()), QStringLiteral("ALM-01502"));
        QCOMPARE(selection.currentIndex().column(), 2);
        QCOMPARE(f.model.rowOf(QStringLiteral("ALM-00733")), 0);

        // When the next batch clears every 5th of the alarms added and removes the selected
        // ALM-02222 (the list shrinks)
        CacheBatch shrink;
        for (int j = 0; j < 1200; j += 5) {
            Alarm a = makeAlarm(5000 + j);
            a.alarmChangedTime = kBase + ((j * 7) % 3000) * 1000LL + 500;
            a.state = AlarmState::Cleared;
            a.alarmClearedTime = a.alarmChangedTime += 1000;
            shrink.alarms.append(a);
        }
        shrink.removedAlarmIds.append(QStringLiteral("ALM-02222"));
        QVERIFY(f.commitAndWait(shrink));
        // Then again one layout change (and a removal at the end), the fresh query's list, and the
        // other selected alarms still selected
        QCOMPARE(layout.size(), 2);
        QCOMPARE(f.model.rowCount(), 3000 + 1200 - 273 - 240 - 1);
        QVERIFY(f.isSorted());
        QVERIFY(f.matchesAFreshQuery());
        QStringList left = selectedIds;
        left.removeAll(QStringLiteral("ALM-02222"));
        QCOMPARE(selectedNow(), left);
        QCOMPARE(resets.size(), 0);
    }

    void growingLargeListTakesBatchesIntoPreparedBuffersAndMatchesAFreshQuery() {
        // Given an open list of 20,000 alarms (large enough for merge buffers prepared off the GUI
        // thread)
        Fixture f(20000);
        QVERIFY(f.openAndWait());
        // When eight batches each add 2,000 alarms between the old ones and remove 400, with time
        // between them for a bigger buffer to be prepared
        int expected = 20000;
        for (int batch = 0; batch < 8; ++batch) {
            CacheBatch b = newAlarmsAmongTheOld(batch, 2000);
            for (int i = batch; i < 20000; i += 50) // 400 old alarms spread over the list
                b.removedAlarmIds.append(QStringLiteral("ALM-%1").arg(i, 5, 10, QLatin1Char('0')));
            expected += 2000 - int(b.removedAlarmIds.size());
            QVERIFY(f.commitAndWait(b));
            QTest::qWait(150);
            QCOMPARE(f.model.rowCount(), expected);
        }
        // Then the list is in order and the one a fresh query reads
        QVERIFY(f.isSorted());
        QVERIFY(f.matchesAFreshQuery());
    }

    void batchesThatGrowALargeListBackToBackWaitForPreparedBuffers() {
        // Given an open list of 20,000 alarms (large enough for merge buffers prepared off the GUI thread)
        Fixture f(20000);
        QVERIFY(f.openAndWait());
        // When six batches each add 3,000 alarms between the old ones, one right after the other (the
        // first finds no spare buffer at all, the later ones outgrow theirs)
        int expected = 20000;
        for (int batch = 0; batch < 6; ++batch) {
            expected += 3000;
            QVERIFY(f.commitAndWait(newAlarmsAmongTheOld(batch, 3000)));
            QCOMPARE(f.model.rowCount(), expected);
        }
        // Then no merge buffer was allocated on the GUI thread (each batch waited the few ms for one
        // prepared on the pool), and the list is in order and the one a fresh query reads
        QCOMPARE(f.model.mergeAllocations(), 0);
        QVERIFY(f.isSorted());
        QVERIFY(f.matchesAFreshQuery());
    }

    void acknowledgementChangesRowInPlaceWithOneDataChanged() {
        // Given an open list
        Fixture f(30);
        QVERIFY(f.openAndWait());
        const int row = f.model.rowOf(QStringLiteral("ALM-00007"));
        QVERIFY(!f.model.data(f.model.index(row, 0), AlarmTableModel::AckedRole).toBool());
        QSignalSpy changed(&f.model, &QAbstractItemModel::dataChanged);
        QSignalSpy layout(&f.model, &QAbstractItemModel::layoutChanged);
        // When the alarm is acknowledged (position unchanged in severity order)
        Alarm acked = makeAlarm(7);
        acked.ackState = AckState::Acknowledged;
        QVERIFY(f.commitAndWait(batchOf({acked})));
        // Then exactly one dataChanged covers it and no layout change happened
        QCOMPARE(changed.size(), 1);
        QCOMPARE(layout.size(), 0);
        QCOMPARE(f.model.rowOf(QStringLiteral("ALM-00007")), row);
        QVERIFY(f.model.data(f.model.index(row, 0), AlarmTableModel::AckedRole).toBool());
    }

    void rowTextArrivesFromItsThreadAndAChangedRowKeepsItsTextUntilTheFreshOne() {
        // Given an open list of 600 alarms whose text nobody has asked for yet
        Fixture f(600);
        QVERIFY(f.openAndWait());
        QTRY_VERIFY(!f.model.isTextPending());
        int row = f.model.rowOf(QStringLiteral("ALM-00004")); // the oldest indeterminate: the last row
        QCOMPARE(row, f.model.rowCount() - 1);
        QVERIFY(!f.model.hasText(row));
        QSignalSpy changed(&f.model, &QAbstractItemModel::dataChanged);
        // When a view paints the row's element
        const QModelIndex element = f.model.index(row, int(AlarmColumn::Element));
        // Then it gets a light placeholder at once (no SQL on this thread) while the text is read
        QCOMPARE(f.model.data(element).toString(), QStringLiteral("…"));
        QVERIFY(f.model.isTextPending());
        const QColor light = f.model.data(element, Qt::ForegroundRole).value<QColor>();
        QVERIFY(light.isValid() && light.lightness() > 150);
        // and key columns are there already
        QCOMPARE(f.model.data(f.model.index(row, int(AlarmColumn::Severity))).toString(),
                 QStringLiteral("Indeterminate"));
        // and when the text has arrived, one dataChanged covers the row and the cell shows it
        QTRY_VERIFY(!f.model.isTextPending());
        QCOMPARE(changed.size(), 1);
        QVERIFY(changed[0][0].toModelIndex().row() <= row && changed[0][1].toModelIndex().row() >= row);
        QCOMPARE(f.model.data(element).toString(), QStringLiteral("router-4"));
        QVERIFY(!f.model.data(element, Qt::ForegroundRole).isValid());
        // and the rows above it were read with it (a screenful and more: scrolling up shows text)
        QVERIFY(f.model.hasText(row - 50));
        QVERIFY(!f.model.hasText(0));

        // When the alarm's specific problem changes (and it moves up: the newest indeterminate change)
        Alarm changedAlarm = makeAlarm(4);
        changedAlarm.specificProblem = QStringLiteral("Fan failed");
        changedAlarm.alarmChangedTime += 10'000'000;
        QVERIFY(f.commitAndWait(batchOf({changedAlarm})));
        row = f.model.rowOf(QStringLiteral("ALM-00004"));
        QVERIFY(row < f.model.rowCount() - 1);
        const QModelIndex problem = f.model.index(row, int(AlarmColumn::SpecificProblem));
        // Then the row shows its text as known until the fresh text arrives (no flicker to "…")
        QCOMPARE(f.model.data(problem).toString(), QStringLiteral("Problem number 4"));
        QVERIFY(f.model.isTextPending());
        QTRY_COMPARE(f.model.data(problem).toString(), QStringLiteral("Fan failed"));
        // and an export reads the current text at once, whatever the reader thread is doing
        Alarm again = makeAlarm(4);
        again.specificProblem = QStringLiteral("Fan replaced");
        again.alarmChangedTime += 20'000'000;
        QVERIFY(f.commitAndWait(batchOf({again})));
        row = f.model.rowOf(QStringLiteral("ALM-00004"));
        QCOMPARE(
            f.model
                .data(f.model.index(row, int(AlarmColumn::SpecificProblem)), AlarmTableModel::ExportTextRole)
                .toString(),
            QStringLiteral("Fan replaced"));
        QCOMPARE(f.model.alarmId(row), QStringLiteral("ALM-00004"));
    }

    void manyCommitsAreCoalescedIntoFewBatches() {
        // Given an open list with a 200 ms coalescing interval
        Fixture f(20);
        QVERIFY(f.openAndWait());
        f.model.setUpdateInterval(200);
        QSignalSpy requests(&f.model, &AlarmTableModel::requestChanges);
        QSignalSpy updated(&f.model, &AlarmTableModel::rowsUpdated);
        // When 30 transactions each insert one alarm
        for (int i = 0; i < 30; ++i)
            f.model.onCommitted(f.cache.apply(batchOf({makeAlarm(1000 + i)})));
        // Then they reach the worker as one batch and the rows appear together
        QVERIFY(updated.wait(5000));
        QCOMPARE(requests.size(), 1);
        QCOMPARE(f.model.rowCount(), 50);
        QVERIFY(f.isSorted());
    }

    void sortsByRaisedTimeBothWays() {
        // Given an open list
        Fixture f(25);
        QVERIFY(f.openAndWait());
        QSignalSpy finished(&f.model, &AlarmTableModel::queryFinished);
        // When sorted by raised time, oldest first
        f.model.sort(int(AlarmColumn::Raised), Qt::AscendingOrder);
        QVERIFY(finished.wait(5000));
        // Then the first row is the oldest alarm
        QCOMPARE(f.model.alarmId(0), QStringLiteral("ALM-00000"));
        QVERIFY(f.isSorted());
        // When newest first
        f.model.sort(int(AlarmColumn::Raised), Qt::DescendingOrder);
        QVERIFY(finished.wait(5000));
        QCOMPARE(f.model.alarmId(0), QStringLiteral("ALM-00024"));
        // And a column the index cannot sort keeps the current order (no query at all)
        f.model.sort(int(AlarmColumn::SpecificProblem), Qt::AscendingOrder);
        QVERIFY(!f.model.isLoading());
        QVERIFY(f.model.query().sortColumn == AlarmColumn::Raised);
    }

    void sortsLargeListsByEveryColumnBothWays_data() {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        for (const auto column : {AlarmColumn::Severity, AlarmColumn::State, AlarmColumn::Acknowledged,
                                  AlarmColumn::Raised, AlarmColumn::Changed}) {
            for (const auto order : {Qt::AscendingOrder, Qt::DescendingOrder})
                QTest::addRow("column %d order %d", int(column), int(order)) << int(column) << int(order);
        }
    }

    void sortsLargeListsByEveryColumnBothWays() {
        QFETCH(int, column);
        QFETCH(int, order);
        // Given 6,000 alarms (enough for the radix sort), some cleared, many sharing a changed time
        Fixture f(0);
        CacheBatch b;
        for (int i = 0; i < 6000; ++i) {
            Alarm a = makeAlarm(i);
            a.alarmChangedTime = kBase + (i % 7) * 1000; // ties everywhere: the comparator decides
            if (i % 11 == 0) {
                a.state = AlarmState::Cleared;
                a.perceivedSeverity = Severity::Cleared;
            }
            b.alarms.append(a);
        }
        f.cache.apply(b);
        AlarmQuery q;
        q.activity = AlarmActivity::All;
        q.sortColumn = AlarmColumn(column);
        q.sortOrder = Qt::SortOrder(order);
        f.model.setQuery(q);
        // When the list opens sorted by the column
        QVERIFY(f.openAndWait());
        // Then every alarm is there, in exactly the comparator's order
        QCOMPARE(f.model.rowCount(), 6000);
        QVERIFY(f.isSorted());
    }

    void firstPageIsShownBeforeTheIndexIsLoaded() {
        // Given a cache of 2,000 alarms
        Fixture f(2000);
        QStringList firstPage;
        int firstPageRows = -1;
        QSignalSpy finished(&f.model, &AlarmTableModel::queryFinished);
        connect(&f.model, &AlarmTableModel::firstPageReady, this, [&] {
            firstPageRows = f.model.rowCount();
            for (int r = 0; r < std::min(50, f.model.rowCount()); ++r)
                firstPage.append(f.model.alarmId(r));
        });
        // When the list opens
        QVERIFY(f.model.open(f.cache.path));
        QVERIFY(finished.wait(10000));
        // Then a first page was painted before the whole list, and it is the list's beginning
        QVERIFY(firstPageRows > 0);
        QVERIFY(firstPageRows < 2000);
        QCOMPARE(f.model.rowCount(), 2000);
        QCOMPARE(firstPage.size(), 50);
        for (int r = 0; r < firstPage.size(); ++r)
            QCOMPARE(firstPage[r], f.model.alarmId(r));
    }

    void filtersBySeverityAckElementSiteRegionAndText_data() {
        QTest::addColumn<AlarmQuery>("query");
        QTest::addColumn<int>("expected");
        AlarmQuery q;
        q.severityMask = 1u << 0; // critical: i % 5 == 0 of 100
        QTest::newRow("critical") << q << 20;
        q = {};
        q.severityMask = (1u << 0) | (1u << 1);
        QTest::newRow("critical or major") << q << 40;
        q = {};
        q.ack = AckState::Unacknowledged;
        QTest::newRow("unacknowledged") << q << 75;
        q = {};
        q.elementId = QStringLiteral("NE-3");
        QTest::newRow("element") << q << 10;
        q = {};
        q.siteId = QStringLiteral("S-1");
        QTest::newRow("site") << q << 50;
        q = {};
        q.region = QStringLiteral("North");
        q.severityMask = 1u << 0;
        QTest::newRow("region and critical") << q << 10;
        q = {};
        q.text = QStringLiteral("power");
        QTest::newRow("free text cause") << q << 25;
        q = {};
        q.text = QStringLiteral("router-7");
        QTest::newRow("free text element name") << q << 10;
        q = {};
        q.text = QStringLiteral("((");
        QTest::newRow("punctuation only") << q << 0;
        q = {};
        q.activity = AlarmActivity::Cleared;
        QTest::newRow("cleared only") << q << 0;
        q = {};
        q.raisedFrom = kBase + 10'000; // alarm i is raised at kBase + i s
        q.raisedTo = kBase + 19'000;
        QTest::newRow("raised between") << q << 10;
        q = {};
        q.raisedFrom = kBase + 90'000;
        q.severityMask = 1u << 0;
        QTest::newRow("raised since and critical") << q << 2;
        q = {};
        q.alarmType = QStringLiteral("equipmentAlarm");
        QTest::newRow("alarm type none") << q << 0;
        q = {};
        q.alarmType = QStringLiteral("COMMUNICATIONS_ALARM"); // any spelling of the X.733 code
        QTest::newRow("alarm type every") << q << 100;
    }

    void filtersBySeverityAckElementSiteRegionAndText() {
        QFETCH(AlarmQuery, query);
        QFETCH(int, expected);
        // Given 100 alarms
        Fixture f(100);
        QVERIFY(f.openAndWait());
        QCOMPARE(f.model.rowCount(), 100);
        // When the filter is applied
        QVERIFY(f.queryAndWait(query));
        // Then only the matching alarms are listed, still in order
        QCOMPARE(f.model.rowCount(), expected);
        QVERIFY(f.isSorted());
    }

    void filteredListTakesAndDropsChangedAlarms() {
        // Given a list filtered to element NE-3 (text-side filter, checked in SQL)
        Fixture f(30);
        QVERIFY(f.openAndWait());
        AlarmQuery q;
        q.elementId = QStringLiteral("NE-3");
        QVERIFY(f.queryAndWait(q));
        QCOMPARE(f.model.rowCount(), 3);
        // When one alarm moves to NE-3, one of NE-3 moves away, and an unrelated alarm changes
        Alarm in = makeAlarm(4);
        in.alarmedObjectId = QStringLiteral("NE-3");
        Alarm out = makeAlarm(13);
        out.alarmedObjectId = QStringLiteral("NE-9");
        Alarm other = makeAlarm(5);
        other.ackState = AckState::Acknowledged;
        QVERIFY(f.commitAndWait(batchOf({in, out, other})));
        // Then the list holds exactly the alarms of NE-3
        QCOMPARE(f.model.rowCount(), 3);
        QVERIFY(f.model.rowOf(QStringLiteral("ALM-00004")) >= 0);
        QCOMPARE(f.model.rowOf(QStringLiteral("ALM-00013")), -1);
        QVERIFY(f.isSorted());
    }

    void clearedAlarmLeavesTheActiveView() {
        // Given the active view
        Fixture f(10);
        QVERIFY(f.openAndWait());
        // When an alarm clears
        Alarm cleared = makeAlarm(3);
        cleared.state = AlarmState::Cleared;
        cleared.alarmClearedTime = cleared.alarmChangedTime = kBase + 99'000;
        QVERIFY(f.commitAndWait(batchOf({cleared})));
        // Then it is no longer listed
        QCOMPARE(f.model.rowCount(), 9);
        QCOMPARE(f.model.rowOf(QStringLiteral("ALM-00003")), -1);
    }

    void clearedAlarmLingersFadedThenLeavesTheActiveView() {
        // Given the active view keeping cleared alarms 400 ms
        Fixture f(10);
        f.model.setExpiryInterval(20);
        AlarmQuery q;
        q.clearedLingerMs = 400;
        f.model.setInitialQuery(q);
        QVERIFY(f.openAndWait());
        // When an alarm clears now
        Alarm cleared = makeAlarm(3);
        cleared.state = AlarmState::Cleared;
        cleared.alarmClearedTime = cleared.alarmChangedTime = QDateTime::currentMSecsSinceEpoch();
        QElapsedTimer since;
        since.start();
        QVERIFY(f.commitAndWait(batchOf({cleared})));
        // Then it is still listed, after the active alarms, drawn faded
        QCOMPARE(f.model.rowCount(), 10);
        const int row = f.model.rowOf(QStringLiteral("ALM-00003"));
        QCOMPARE(row, 9);
        QVERIFY(!f.model.data(f.model.index(row, 0), AlarmTableModel::ActiveRole).toBool());
        const QColor faded = f.model.data(f.model.index(row, 1), Qt::ForegroundRole).value<QColor>();
        QVERIFY(faded.isValid());
        QVERIFY(!f.model.data(f.model.index(0, 1), Qt::ForegroundRole).isValid());
        // And once it is older than the linger time it leaves, by one removal (no reset)
        QSignalSpy reset(&f.model, &QAbstractItemModel::modelReset);
        QTRY_COMPARE_WITH_TIMEOUT(f.model.rowCount(), 9, 5000);
        QVERIFY(since.elapsed() >= 380);
        QCOMPARE(f.model.rowOf(QStringLiteral("ALM-00003")), -1);
        QCOMPARE(reset.size(), 0);
        // And an alarm cleared long ago does not come back
        Alarm old = makeAlarm(4);
        old.state = AlarmState::Cleared;
        old.alarmClearedTime = old.alarmChangedTime = kBase;
        QVERIFY(f.commitAndWait(batchOf({old})));
        QCOMPARE(f.model.rowCount(), 8);
    }

    void changesPendingWhenTheQueryChangesAreNotLost() {
        // Given an open list whose index is loaded
        Fixture f(10);
        QVERIFY(f.openAndWait());
        // When alarms arrive and the filter changes before the batch was handed over
        f.model.onCommitted(f.cache.apply(batchOf({makeAlarm(50), makeAlarm(51)})));
        AlarmQuery q;
        q.ack = AckState::Unacknowledged;
        QVERIFY(f.queryAndWait(q));
        // Then the new list has them (the index was told before the query ran)
        QVERIFY(f.model.rowOf(QStringLiteral("ALM-00050")) >= 0);
        QVERIFY(f.model.rowOf(QStringLiteral("ALM-00051")) >= 0);
        QCOMPARE(f.model.totalAlarms(), 12);
    }

    void totalFollowsTheCacheBetweenQueries() {
        // Given a list filtered to critical alarms over 10 alarms
        Fixture f(10);
        AlarmQuery q;
        q.severityMask = 1u << 0;
        f.model.setInitialQuery(q);
        QCOMPARE(f.model.totalAlarms(), -1); // unknown before the first answer
        QVERIFY(f.openAndWait());
        QCOMPARE(f.model.totalAlarms(), 10);
        // When alarms arrive that the filter does not list
        QList<Alarm> minor;
        for (int i = 0; i < 5; ++i)
            minor.append(makeAlarm(100 + i * 5 + 2)); // i % 5 == 2: minor
        QVERIFY(f.commitAndWait(batchOf(minor)));
        // Then the total counts them all the same
        QCOMPARE(f.model.rowCount(), 2);
        QCOMPARE(f.model.totalAlarms(), 15);
    }

    void occurrencesCountTheSameProblemOnTheSameElement() {
        // Given 100 alarms: element i % 10 and cause i % 4 repeat every 20 alarms, 5 times each
        Fixture f(100);
        QVERIFY(f.openAndWait());
        const auto occurrences = [&](const QString &id) {
            return f.model.data(f.model.index(f.model.rowOf(id), int(AlarmColumn::Occurrences))).toString();
        };
        QTRY_COMPARE(occurrences(QStringLiteral("ALM-00001")), QStringLiteral("5"));
        // When the problem occurs once more on the element and clears (cleared ones count too)
        Alarm again = makeAlarm(101); // element 1, cause 1 like alarm 1
        again.state = AlarmState::Cleared;
        QVERIFY(f.commitAndWait(batchOf({again})));
        f.model.setQuery(f.model.query()); // fresh text for every row
        QTRY_VERIFY(!f.model.isLoading());
        QTRY_COMPARE(occurrences(QStringLiteral("ALM-00001")), QStringLiteral("6"));
        QTRY_COMPARE(occurrences(QStringLiteral("ALM-00002")), QStringLiteral("5"));
    }

    void typesAndCausesReadAsWordsAndExportInEnglish() {
        // Given the list (no translation installed)
        Fixture f(4);
        QVERIFY(f.openAndWait());
        const int row = f.model.rowOf(QStringLiteral("ALM-00000")); // linkDown, communicationsAlarm
        QTRY_COMPARE(f.model.data(f.model.index(row, int(AlarmColumn::AlarmType))).toString(),
                     QStringLiteral("Communications alarm"));
        QCOMPARE(
            f.model.data(f.model.index(row, int(AlarmColumn::ProbableCause)), AlarmTableModel::ExportTextRole)
                .toString(),
            QStringLiteral("Link down"));
        QCOMPARE(
            f.model.headerData(int(AlarmColumn::Severity), Qt::Horizontal, AlarmTableModel::ExportTextRole)
                .toString(),
            QStringLiteral("Severity"));
        // Known codes in any spelling read as the standard's words; unknown ones are split
        QCOMPARE(alarmvocabulary::probableCauseText(QStringLiteral("LOSS_OF_SIGNAL")),
                 QStringLiteral("Loss of signal"));
        QCOMPARE(alarmvocabulary::alarmTypeText(QStringLiteral("qualityOfServiceAlarm")),
                 QStringLiteral("Quality of service alarm"));
        QCOMPARE(alarmvocabulary::probableCauseText(QStringLiteral("fibreCutSuspected")),
                 QStringLiteral("Fibre cut suspected"));
    }

    void hidingCorrelatedChildrenKeepsRootCauses() {
        // Given a root cause with three correlated children
        Fixture f(10);
        CacheBatch b;
        Alarm root = makeAlarm(500);
        root.isRootCause = true;
        b.alarms.append(root);
        for (int i = 0; i < 3; ++i) {
            Alarm child = makeAlarm(501 + i);
            child.parentAlarmIds = {root.id};
            b.alarms.append(child);
        }
        f.cache.apply(b);
        QVERIFY(f.openAndWait());
        QCOMPARE(f.model.rowCount(), 14);
        // When correlated children are hidden
        AlarmQuery q;
        q.hideCorrelatedChildren = true;
        QVERIFY(f.queryAndWait(q));
        // Then the root cause stays and its children are gone
        QCOMPARE(f.model.rowCount(), 11);
        const int rootRow = f.model.rowOf(root.id);
        QVERIFY(rootRow >= 0);
        QVERIFY(f.model.data(f.model.index(rootRow, 0), AlarmTableModel::RootCauseRole).toBool());
        QCOMPARE(f.model.rowOf(QStringLiteral("ALM-00501")), -1);
    }

    // A root cause (ALM-00500, critical) with three correlated children (ALM-00501..503, major), on
    // top of `others` plain alarms.
    // A root cause (alarm `first`) with three major correlated children (the next three).
    static Alarm correlatedRoot(CacheBatch &b, int first = 500) {
        Alarm root = makeAlarm(first);
        root.isRootCause = true;
        b.alarms.append(root);
        for (int i = 0; i < 3; ++i) {
            Alarm child = makeAlarm(first + 1 + i);
            child.perceivedSeverity = Severity::Major;
            child.parentAlarmIds = {root.id};
            b.alarms.append(child);
        }
        return root;
    }
    static AlarmQuery treeQuery() {
        AlarmQuery q;
        q.tree = true;
        return q;
    }
    static QStringList childrenShownUnder(const AlarmTableModel &m, int rootRow) {
        QStringList ids;
        for (int r = rootRow + 1; r < m.rowCount() && m.treeNode(r) == AlarmTableModel::Child; ++r)
            ids.append(m.alarmId(r));
        return ids;
    }

    void treeModeNestsChildrenUnderTheirRootAndFlatModeShowsAll() {
        // Given a root cause with three children among ten other alarms
        Fixture f(10);
        CacheBatch b;
        const Alarm root = correlatedRoot(b);
        f.cache.apply(b);
        QVERIFY(f.openAndWait());
        // Then the flat list shows every alarm as a row of its own
        QCOMPARE(f.model.rowCount(), 14);
        QCOMPARE(f.model.treeNode(0), AlarmTableModel::NotTree);
        // When the list is a tree
        QVERIFY(f.queryAndWait(treeQuery()));
        // Then the children are not top-level rows; the root is a closed node
        QCOMPARE(f.model.rowCount(), 11);
        const int rootRow = f.model.rowOf(root.id);
        QVERIFY(rootRow >= 0);
        QCOMPARE(f.model.treeNode(rootRow), AlarmTableModel::Collapsed);
        QCOMPARE(f.model.rowOf(QStringLiteral("ALM-00501")), -1);
        QCOMPARE(f.model.data(f.model.index(0, 0), AlarmTableModel::TreeRole).toInt(),
                 int(f.model.treeNode(0)));
        // When the root is expanded (as the view's delegate does it)
        QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
        QVERIFY(f.model.setData(f.model.index(rootRow, 0), true, AlarmTableModel::ExpandedRole));
        // Then its three children follow it, newest change first, and nothing else moved
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(f.model.rowCount(), 14);
        QCOMPARE(f.model.treeNode(rootRow), AlarmTableModel::Expanded);
        QCOMPARE(childrenShownUnder(f.model, rootRow),
                 QStringList({QStringLiteral("ALM-00503"), QStringLiteral("ALM-00502"),
                              QStringLiteral("ALM-00501")}));
        QTRY_COMPARE(f.model.data(f.model.index(rootRow + 1, int(AlarmColumn::SpecificProblem))).toString(),
                     QStringLiteral("Problem number 503"));
        QCOMPARE(f.model.treeNode(rootRow + 4), AlarmTableModel::Leaf); // the next top-level row
        // When collapsed again
        QVERIFY(f.model.setExpanded(rootRow, false));
        QCOMPARE(f.model.rowCount(), 11);
        QCOMPARE(f.model.treeNode(rootRow), AlarmTableModel::Collapsed);
        // A leaf cannot be expanded
        const int leaf = rootRow == 0 ? 1 : 0;
        QCOMPARE(f.model.treeNode(leaf), AlarmTableModel::Leaf);
        QVERIFY(!f.model.setExpanded(leaf, true));
    }

    void childCorrelatedLiveMovesUnderItsRootWithoutReset() {
        // Given a tree with the root expanded and a persistent index on a plain alarm
        Fixture f(10);
        CacheBatch b;
        const Alarm root = correlatedRoot(b);
        f.cache.apply(b);
        f.model.setQuery(treeQuery());
        QVERIFY(f.openAndWait());
        QVERIFY(f.model.setExpanded(f.model.rowOf(root.id), true));
        QCOMPARE(f.model.rowCount(), 14);
        QPersistentModelIndex follow(f.model.index(f.model.rowOf(QStringLiteral("ALM-00003")), 0));
        QSignalSpy resets(&f.model, &QAbstractItemModel::modelReset);
        // When the correlation engine makes ALM-00003 a child of the root
        Alarm correlated = makeAlarm(3);
        correlated.parentAlarmIds = {root.id};
        QVERIFY(f.commitAndWait(batchOf({correlated})));
        // Then it is shown under its root (the same number of rows: it left the top level)
        QCOMPARE(resets.size(), 0);
        QCOMPARE(f.model.rowCount(), 14);
        const int rootRow = f.model.rowOf(root.id);
        QVERIFY(childrenShownUnder(f.model, rootRow).contains(QStringLiteral("ALM-00003")));
        QCOMPARE(childrenShownUnder(f.model, rootRow).size(), 4);
        // and the persistent index moved with it
        QVERIFY(follow.isValid());
        QCOMPARE(f.model.alarmId(follow.row()), QStringLiteral("ALM-00003"));
        QCOMPARE(f.model.treeNode(follow.row()), AlarmTableModel::Child);
        // When a child of a closed root changes, the closed root keeps its place
        QVERIFY(f.model.setExpanded(rootRow, false));
        Alarm acked = makeAlarm(502);
        acked.perceivedSeverity = Severity::Major;
        acked.parentAlarmIds = {root.id};
        acked.ackState = AckState::Acknowledged;
        QVERIFY(f.commitAndWait(batchOf({acked})));
        QCOMPARE(f.model.rowCount(), 10);
        QVERIFY(f.model.setExpanded(f.model.rowOf(root.id), true));
        const int ackedRow = f.model.rowOf(QStringLiteral("ALM-00502"));
        QVERIFY(f.model.data(f.model.index(ackedRow, 0), AlarmTableModel::AckedRole).toBool());
    }

    void treeWithClosedRootsTakesRowRangesAndStaysATree() {
        // Given a tree of eleven top-level rows, the root cause closed
        Fixture f(10);
        CacheBatch b;
        const Alarm root = correlatedRoot(b);
        f.cache.apply(b);
        f.model.setQuery(treeQuery());
        QVERIFY(f.openAndWait());
        QCOMPARE(f.model.rowCount(), 11);
        QSignalSpy layout(&f.model, &QAbstractItemModel::layoutChanged);
        QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
        // When a new critical alarm arrives and a new alarm correlates to the root
        Alarm child = makeAlarm(504);
        child.perceivedSeverity = Severity::Major;
        child.parentAlarmIds = {root.id};
        QVERIFY(f.commitAndWait(batchOf({makeAlarm(200), child})));
        // Then one row is inserted (the child nests under the closed root), without a layout change
        QCOMPARE(layout.size(), 0);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(f.model.rowCount(), 12);
        QVERIFY(f.isSorted());
        const int rootRow = f.model.rowOf(root.id);
        QCOMPARE(f.model.treeNode(rootRow), AlarmTableModel::Collapsed);
        QCOMPARE(f.model.treeNode(f.model.rowOf(QStringLiteral("ALM-00200"))), AlarmTableModel::Leaf);
        QCOMPARE(f.model.rowOf(QStringLiteral("ALM-00504")), -1);
        // and opening the root shows its four children
        QVERIFY(f.model.setExpanded(rootRow, true));
        QCOMPARE(childrenShownUnder(f.model, rootRow).size(), 4);
        QVERIFY(childrenShownUnder(f.model, rootRow).contains(QStringLiteral("ALM-00504")));
        // When another alarm arrives while the root is open, the children stay under it
        QVERIFY(f.commitAndWait(batchOf({makeAlarm(205)})));
        QCOMPARE(f.model.rowCount(), 17);
        QCOMPARE(childrenShownUnder(f.model, f.model.rowOf(root.id)).size(), 4);
        QCOMPARE(f.model.treeNode(f.model.rowOf(QStringLiteral("ALM-00205"))), AlarmTableModel::Leaf);
    }

    void childrenComeUpWhenTheirRootClearsAndGoBackWhenItReturns() {
        // Given a tree of the active alarms
        Fixture f(10);
        CacheBatch b;
        Alarm root = correlatedRoot(b);
        f.cache.apply(b);
        f.model.setQuery(treeQuery());
        QVERIFY(f.openAndWait());
        QCOMPARE(f.model.rowCount(), 11);
        // When the root cause clears while its children stay active
        Alarm cleared = root;
        cleared.state = AlarmState::Cleared;
        cleared.perceivedSeverity = Severity::Cleared;
        cleared.alarmChangedTime += 1000;
        QVERIFY(f.commitAndWait(batchOf({cleared})));
        // Then the children are top-level rows: nothing active is hidden
        QCOMPARE(f.model.rowCount(), 13);
        QCOMPARE(f.model.rowOf(root.id), -1);
        QCOMPARE(f.model.treeNode(f.model.rowOf(QStringLiteral("ALM-00501"))), AlarmTableModel::Leaf);
        QVERIFY(f.isSorted());
        // When it is raised again, they nest under it again
        root.alarmChangedTime += 2000;
        QVERIFY(f.commitAndWait(batchOf({root})));
        QCOMPARE(f.model.rowCount(), 11);
        QCOMPARE(f.model.treeNode(f.model.rowOf(root.id)), AlarmTableModel::Collapsed);
        QCOMPARE(f.model.rowOf(QStringLiteral("ALM-00501")), -1);
    }

    void treeFollowsTheFilterAndHidingDropsTheChildren() {
        // Given the tree filtered to critical alarms: the root is critical, its children major
        Fixture f(10);
        CacheBatch b;
        const Alarm root = correlatedRoot(b);
        f.cache.apply(b);
        QVERIFY(f.openAndWait());
        AlarmQuery q = treeQuery();
        q.severityMask = 1u << 0;
        QVERIFY(f.queryAndWait(q));
        // Then the root has no children to show (they are not listed)
        QCOMPARE(f.model.treeNode(f.model.rowOf(root.id)), AlarmTableModel::Leaf);
        // When the filter takes majors too, they nest under the root
        q.severityMask |= 1u << 1;
        QVERIFY(f.queryAndWait(q));
        const int rootRow = f.model.rowOf(root.id);
        QCOMPARE(f.model.treeNode(rootRow), AlarmTableModel::Collapsed);
        QVERIFY(f.model.setExpanded(rootRow, true));
        QCOMPARE(childrenShownUnder(f.model, rootRow).size(), 3);
        // and the expansion survives a new query
        q.activity = AlarmActivity::All;
        QVERIFY(f.queryAndWait(q));
        QCOMPARE(f.model.treeNode(f.model.rowOf(root.id)), AlarmTableModel::Expanded);
        // When correlated children are hidden, the tree has nothing to open
        q.hideCorrelatedChildren = true;
        QVERIFY(f.queryAndWait(q));
        QCOMPARE(f.model.treeNode(f.model.rowOf(root.id)), AlarmTableModel::Leaf);
        QCOMPARE(f.model.rowOf(QStringLiteral("ALM-00501")), -1);
    }

    // First pages of a loaded list (top-K picked by the worker's filter pass, shown before the sort).
    void firstPageOfALargeListIsTheBeginningOfTheWholeSort_data() {
        QTest::addColumn<AlarmQuery>("query");
        const auto sorted = [](AlarmColumn column, Qt::SortOrder order) {
            AlarmQuery q;
            q.sortColumn = column;
            q.sortOrder = order;
            return q;
        };
        // Cache rows are stored oldest first: raised descending offers every key a better place
        // than the last (the selection's worst case), ascending none after the first page.
        QTest::newRow("severity descending") << sorted(AlarmColumn::Severity, Qt::DescendingOrder);
        QTest::newRow("raised descending") << sorted(AlarmColumn::Raised, Qt::DescendingOrder);
        QTest::newRow("raised ascending") << sorted(AlarmColumn::Raised, Qt::AscendingOrder);
        QTest::newRow("last change descending") << sorted(AlarmColumn::Changed, Qt::DescendingOrder);
        QTest::newRow("state ascending") << sorted(AlarmColumn::State, Qt::AscendingOrder);
        AlarmQuery ack = sorted(AlarmColumn::Acknowledged, Qt::DescendingOrder);
        ack.activity = AlarmActivity::All;
        QTest::newRow("acknowledged descending, all") << ack;
        AlarmQuery critical = sorted(AlarmColumn::Raised, Qt::DescendingOrder);
        critical.severityMask = (1u << 0) | (1u << 1);
        critical.ack = AckState::Unacknowledged; // ~770 of 3,000
        QTest::newRow("critical and major unacknowledged by raised") << critical;
        AlarmQuery text = sorted(AlarmColumn::Changed, Qt::AscendingOrder);
        text.text = QStringLiteral("power"); // ~640 of 3,000
        QTest::newRow("free text by last change") << text;
    }

    void firstPageOfALargeListIsTheBeginningOfTheWholeSort() {
        QFETCH(AlarmQuery, query);
        // Given a loaded list of 3,000 alarms that shows first pages of every list
        Fixture f(3000);
        CacheBatch cleared;
        for (int i = 0; i < 3000; i += 7) {
            Alarm a = makeAlarm(i);
            a.state = AlarmState::Cleared;
            a.perceivedSeverity = Severity::Cleared;
            cleared.alarms.append(a);
        }
        f.cache.apply(cleared);
        f.model.setFirstPageMinRows(0);
        QVERIFY(f.openAndWait());
        // When the query changes
        AlarmKeyVector page;
        int pageRowCount = -1;
        bool loadingAtPage = false, placeholderData = true;
        QPersistentModelIndex selected;
        QSignalSpy resets(&f.model, &QAbstractItemModel::modelReset);
        int resetsAtPage = -1;
        connect(&f.model, &AlarmTableModel::firstPageReady, this, [&] {
            pageRowCount = f.model.rowCount();
            loadingAtPage = f.model.isLoading();
            resetsAtPage = int(resets.size());
            for (int r = 0; r < f.model.rowCount() && !f.model.isPlaceholder(r); ++r)
                page.push_back(f.model.keyAt(r));
            if (page.size() < size_t(pageRowCount))
                placeholderData = f.model.data(f.model.index(int(page.size()), 1)).isValid();
            selected = f.model.index(5, 0); // a person clicks a row of the first page
        });
        QVERIFY(f.queryAndWait(query));
        // Then a first page came first, with the whole list's row count, the rows below it unknown
        QVERIFY(loadingAtPage);
        QCOMPARE(pageRowCount, f.model.rowCount());
        QCOMPARE(page.size(), size_t(std::min(pageRowCount, AlarmIndexWorker::kFirstPageRows)));
        QVERIFY(page.size() < size_t(pageRowCount));
        QVERIFY(!placeholderData);
        // and it is exactly the beginning of the whole sorted list, which filled in without a reset
        QVERIFY(f.isSorted());
        for (size_t r = 0; r < page.size(); ++r)
            QCOMPARE(f.model.keyAt(int(r)), page[r]);
        QCOMPARE(int(resets.size()), resetsAtPage);
        QVERIFY(!f.model.isPlaceholder(pageRowCount - 1));
        QVERIFY(f.model.data(f.model.index(pageRowCount - 1, 1)).isValid());
        // and the row clicked on the first page is still that row
        QVERIFY(selected.isValid());
        QCOMPARE(selected.row(), 5);
    }

    void staleFirstPagesAreDroppedByGeneration() {
        // Given a loaded list that shows first pages of every list
        Fixture f(3000);
        f.model.setFirstPageMinRows(0);
        QVERIFY(f.openAndWait());
        QSignalSpy pages(&f.model, &AlarmTableModel::firstPageReady);
        QList<int> severitiesShown;
        connect(&f.model, &QAbstractItemModel::modelReset, this, [&] {
            for (int r = 0; r < f.model.rowCount() && !f.model.isPlaceholder(r); ++r)
                severitiesShown.append(f.model.keyAt(r).severity);
        });
        // When the person picks critical and at once major, before any answer came back
        AlarmQuery critical;
        critical.severityMask = 1u << 0;
        critical.sortColumn = AlarmColumn::Raised;
        f.model.setQuery(critical);
        AlarmQuery major = critical;
        major.severityMask = 1u << 1;
        QVERIFY(f.queryAndWait(major));
        // Then only the last query's first page and list were shown: no critical row ever appeared
        QCOMPARE(pages.size(), 1);
        QVERIFY(!severitiesShown.isEmpty());
        QVERIFY(std::all_of(severitiesShown.cbegin(), severitiesShown.cend(), [](int s) { return s == 1; }));
        QCOMPARE(f.model.rowCount(), 600);
        QVERIFY(f.isSorted());
    }

    void expandedRootsBelowTheFirstPageComeBackWhenTheListFillsIn() {
        // Given 3,000 alarms with two root causes, one newest (ALM-02995) and one old (ALM-00500),
        // three children each, in a tree that shows first pages of every list
        Fixture f(3000);
        CacheBatch b;
        const Alarm oldRoot = correlatedRoot(b);
        const Alarm newRoot = correlatedRoot(b, 2995);
        f.cache.apply(b);
        f.model.setFirstPageMinRows(0);
        f.model.setInitialQuery(treeQuery());
        QVERIFY(f.openAndWait());
        QCOMPARE(f.model.rowCount(), 2994);
        // and both roots expanded by the person
        QVERIFY(f.model.setExpanded(f.model.rowOf(newRoot.id), true));
        QVERIFY(f.model.setExpanded(f.model.rowOf(oldRoot.id), true));
        QCOMPARE(f.model.rowCount(), 3000);
        // When the tree is sorted by raised time, newest first
        int pageRows = -1;
        bool newRootOpenOnPage = false;
        connect(&f.model, &AlarmTableModel::firstPageReady, this, [&] {
            pageRows = f.model.rowCount();
            const int r = f.model.rowOf(newRoot.id);
            newRootOpenOnPage = r >= 0 && f.model.isExpanded(r) && childrenShownUnder(f.model, r).size() == 3;
        });
        QSignalSpy resets(&f.model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
        AlarmQuery q = treeQuery();
        q.sortColumn = AlarmColumn::Raised;
        q.sortOrder = Qt::DescendingOrder;
        QVERIFY(f.queryAndWait(q));
        // Then the first page showed the new root open, the old one (row ~2,500) not yet known
        QVERIFY(newRootOpenOnPage);
        QCOMPARE(pageRows, 2997);
        // and when the list filled in, the old root's children came in under it: one insertion
        QCOMPARE(resets.size(), 1); // the first page's
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(f.model.rowCount(), 3000);
        const int oldRow = f.model.rowOf(oldRoot.id);
        QVERIFY(oldRow > AlarmIndexWorker::kFirstPageRows);
        QVERIFY(f.model.isExpanded(oldRow));
        QCOMPARE(childrenShownUnder(f.model, oldRow),
                 QStringList({QStringLiteral("ALM-00503"), QStringLiteral("ALM-00502"),
                              QStringLiteral("ALM-00501")}));
    }

    void pendingLocalChangeIsMarked() {
        // Given an open list
        Fixture f(5);
        QVERIFY(f.openAndWait());
        // When a local change marks an alarm pending
        CacheBatch b;
        b.pendingAlarmIds.insert(QStringLiteral("ALM-00002"), true);
        QVERIFY(f.commitAndWait(b));
        // Then its row says so
        const int row = f.model.rowOf(QStringLiteral("ALM-00002"));
        QVERIFY(f.model.data(f.model.index(row, 0), AlarmTableModel::PendingRole).toBool());
        QVERIFY(f.model.data(f.model.index(row, int(AlarmColumn::Acknowledged)))
                    .toString()
                    .contains(QStringLiteral("pending")));
    }

    void causesReadAsWords() {
        QCOMPARE(AlarmTableModel::readableCause(QStringLiteral("linkDown")), QStringLiteral("Link down"));
        QCOMPARE(AlarmTableModel::readableCause(QStringLiteral("lossOfSignal")),
                 QStringLiteral("Loss of signal"));
        QCOMPARE(AlarmTableModel::readableCause(QStringLiteral("LOSS_OF_SIGNAL")),
                 QStringLiteral("Loss of signal"));
        QCOMPARE(AlarmTableModel::readableCause(QStringLiteral("highBER")), QStringLiteral("High BER"));
        QCOMPARE(AlarmTableModel::readableCause(QString()), QString());
    }
};

QTEST_GUILESS_MAIN(AlarmTableModelTest)
#include "alarm_table_model_test.moc"
