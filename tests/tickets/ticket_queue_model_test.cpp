#include "ticket_queue_filter_model.h"
#include "ticket_queue_model.h"
#include "ticket_test_data.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace noc;
using namespace noc::tickettest;

namespace {
struct Fixture {
    QTemporaryDir dir;
    QString path = dir.filePath("tickets.sqlite");
    CacheWriter writer;
    EpochMs clock = kNow;

    Fixture() {
        writer.open(path);
        writer.apply(standardTickets());
    }
    std::unique_ptr<TicketQueueModel> model() {
        auto m = std::make_unique<TicketQueueModel>(path);
        m->setClock([this] { return clock; });
        m->setUser("me");
        m->setCoalesceInterval(0);
        return m;
    }
};

bool waitLoaded(TicketQueueModel &model) {
    QSignalSpy spy(&model, &TicketQueueModel::loaded);
    return model.isLoaded() || spy.wait(10000);
}
} // namespace

class TicketQueueModelTest : public QObject {
    Q_OBJECT
private slots:
    void loadsEveryTicketAndCountsEachQueue() {
        // Given a cache with the five standard tickets
        Fixture f;
        // When the model loads it (on its worker thread)
        auto model = f.model();
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(waitLoaded(*model));

        // Then every ticket is a row, and each queue counts what it should
        QCOMPARE(model->rowCount(), 5);
        QCOMPARE(model->count(TicketQueue::Mine), 1);
        QCOMPARE(model->count(TicketQueue::Unassigned), 1);
        QCOMPARE(model->count(TicketQueue::MyTeam), 2); // team-a, the team of my tickets: T1 and T3
        QCOMPARE(model->count(TicketQueue::AtRisk), 1);
        QCOMPARE(model->count(TicketQueue::Breached), 1);
        QCOMPARE(model->count(TicketQueue::AllOpen), 3);
        QCOMPARE(model->count(TicketQueue::RecentlyResolved), 1);
        // And element and site are resolved from the inventory
        const int t1 = model->rowOf("T1");
        QCOMPARE(model->index(t1, TicketQueueModel::Element).data().toString(),
                 QStringLiteral("core-router-1 / Harbour POP"));
        QCOMPARE(model->index(t1, TicketQueueModel::Assignee).data().toString(), QStringLiteral("me name"));
    }

    void slaDueComesFromThePriorityPolicyWhenTheServerSendsNone() {
        // Given T2: Critical, no expectedResolutionDate, created 3 h 30 min ago
        Fixture f;
        auto model = f.model();
        QVERIFY(waitLoaded(*model));
        const QModelIndex sla = model->index(model->rowOf("T2"), TicketQueueModel::SlaDue);

        // Then its due time is creation + 4 h, so 30 min are left and it is at risk
        QCOMPARE(sla.data(TicketQueueModel::SlaRemainingRole).toLongLong(), 30 * kMinute);
        QCOMPARE(sla.data(TicketQueueModel::SlaStateRole).toInt(), int(SlaState::AtRisk));
        QCOMPARE(sla.data().toString(), QStringLiteral("30 min 00 s"));
        QVERIFY(sla.data(Qt::ToolTipRole).toString().contains("4 h policy"));
    }

    void commitsApplyAsRowChangesNeverAsAReset() {
        // Given a loaded model under the tester
        Fixture f;
        auto model = f.model();
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(waitLoaded(*model));
        QSignalSpy resets(model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy inserts(model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy removes(model.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy changes(model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy applied(model.get(), &TicketQueueModel::changesApplied);

        // When one commit resolves T1, adds T6 and removes T5
        CacheBatch batch;
        TroubleTicket t1 =
            makeTicket("T1", TicketStatus::Resolved, kNow - 2 * kHour, kNow + 6 * kHour, "me", "team-a");
        batch.tickets.append(t1);
        batch.tickets.append(makeTicket("T6", TicketStatus::Acknowledged, kNow, kNow + 8 * kHour));
        batch.removedTicketIds.append("T5");
        const ChangeSet cs = f.writer.apply(batch);
        QCOMPARE(cs.tickets.count(), 3);
        model->applyChanges(cs);
        QVERIFY(applied.wait(5000));

        // Then one insert, one removal and a dataChanged for T1, and no reset
        QCOMPARE(resets.size(), 0);
        QCOMPARE(inserts.size(), 1);
        QCOMPARE(removes.size(), 1);
        QVERIFY(!changes.isEmpty());
        QCOMPARE(model->rowCount(), 5);
        QCOMPARE(model->rowOf("T5"), -1);
        QVERIFY(model->rowAt(model->rowOf("T1")).status == TicketStatus::Resolved);
        QCOMPARE(model->count(TicketQueue::Mine), 0);
        QCOMPARE(model->count(TicketQueue::Unassigned), 2); // T2 and T6
        QCOMPARE(model->count(TicketQueue::RecentlyResolved), 2);
    }

    void aBurstOfCommitsIsReadInAFewCoalescedSteps() {
        // Given a loaded model that coalesces for 100 ms
        Fixture f;
        auto model = f.model();
        model->setCoalesceInterval(100);
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(waitLoaded(*model));
        QSignalSpy applied(model.get(), &TicketQueueModel::changesApplied);

        // When 60 commits arrive back to back, each inserting one ticket
        for (int i = 0; i < 60; ++i) {
            CacheBatch batch;
            batch.tickets.append(
                makeTicket(QStringLiteral("B%1").arg(i), TicketStatus::Acknowledged, kNow, kNow + kHour));
            model->applyChanges(f.writer.apply(batch));
        }
        QTRY_VERIFY_WITH_TIMEOUT(model->isIdle() && model->rowCount() == 65, 10000);

        // Then they were read in one or two steps, not sixty
        QVERIFY2(applied.size() <= 2, qPrintable(QString::number(applied.size())));
    }

    void slaTicksRepaintOnlyTheSlaColumnFromMemory() {
        // Given a loaded model, and the cache file gone (the tick must not read it)
        Fixture f;
        auto model = f.model();
        QAbstractItemModelTester tester(model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(waitLoaded(*model));
        f.writer.close();
        QVERIFY(QFile::remove(f.path));
        QSignalSpy changes(model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy counts(model.get(), &TicketQueueModel::countsChanged);

        // When 40 minutes pass
        f.clock += 40 * kMinute + 10000; // off minute boundaries, so the +100 ms tick below crosses none
        model->tickSla();

        // Then only SLA cells changed, T2 is breached now, and the queue counts follow
        QVERIFY(!changes.isEmpty());
        for (const auto &args : changes) {
            QCOMPARE(args.at(0).toModelIndex().column(), int(TicketQueueModel::SlaDue));
            QCOMPARE(args.at(1).toModelIndex().column(), int(TicketQueueModel::SlaDue));
        }
        QCOMPARE(model->index(model->rowOf("T2"), TicketQueueModel::SlaDue)
                     .data(TicketQueueModel::SlaStateRole)
                     .toInt(),
                 int(SlaState::Breached));
        QCOMPARE(model->count(TicketQueue::Breached), 2);
        QCOMPARE(model->count(TicketQueue::AtRisk), 0);
        QCOMPARE(counts.size(), 1);

        // And a tick with nothing visible changed signals nothing
        changes.clear();
        f.clock += 100;
        model->tickSla();
        QVERIFY(changes.isEmpty());
    }

    void queueFilterTextAndStatusNarrowTheList() {
        // Given the standard tickets behind the queue filter
        Fixture f;
        auto model = f.model();
        QVERIFY(waitLoaded(*model));
        TicketQueueFilterModel proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(model.get());

        // When the queues are switched, text typed and status chosen, the rows follow
        proxy.setQueue(TicketQueue::AllOpen);
        QCOMPARE(proxy.rowCount(), 3);
        proxy.setQueue(TicketQueue::MyTeam);
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setText("harbour t3");
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(TicketQueueModel::TicketIdRole).toString(), QStringLiteral("T3"));
        proxy.setText({});
        proxy.setStatusFilter(TicketStatus::InProgress);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setStatusFilter(std::nullopt);
        proxy.setQueue(TicketQueue::RecentlyResolved);
        QCOMPARE(proxy.rowCount(), 1);

        // And sorting by SLA due puts the most urgent first
        proxy.setQueue(TicketQueue::AllOpen);
        proxy.sort(TicketQueueModel::SlaDue, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data(TicketQueueModel::TicketIdRole).toString(), QStringLiteral("T3"));
        QCOMPARE(proxy.index(2, 0).data(TicketQueueModel::TicketIdRole).toString(), QStringLiteral("T1"));
    }
};

QTEST_GUILESS_MAIN(TicketQueueModelTest)
#include "ticket_queue_model_test.moc"
