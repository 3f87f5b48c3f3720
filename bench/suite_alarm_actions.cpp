#include "bench_registry.h"

#include "alarm_table_model.h"
#include "alarms/alarm_console.h"
#include "cache/cache_database.h"
#include "cache/cache_reader.h"
#include "cache/cache_writer.h"
#include "sync/local_actions.h"
#include "sync/sync_session.h"

#include <QAction>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

// noc-bench alarm-actions: Acknowledge (or another action) on a select-all of a large alarm list
// (issue 6), through the real AlarmConsole and a SyncSession (its writer thread; no server), offscreen.
// - click_ms: the click itself on the GUI thread (takes the rows' ids, starts the worker);
// - committed_ms: until the writer committed the batch (the outbox holds the requests; the selection
//   was read and the batch built on a worker before, "read ... in N ms" in the log);
// - enabled_ms: until the actions are enabled again (they wait for that commit);
// - first_listed_ms: until the list shows a first part of the change (its first rowsUpdated; the
//   console submits the selection in parts of AlarmConsole::kActionPartSize alarms);
// - listed_ms: until the list shows the last alarm the action changes as changed (pending);
// - gui_max_stall_ms: the longest the GUI thread did not turn its event loop from the click to
//   300 ms after listed (a 2 ms timer's largest gap): what a person would feel;
// - heap_growth_mb: memory allocated (malloc's count, not what it keeps for reuse) after the action
//   and the pool threads finished, less before the click: what the action keeps;
// - old_gui_read_ms (acknowledge only): what the click cost on the GUI thread before
// (AlarmTableModel::alarmId and
//   CacheReader::alarm per selected row, the former selectedAlarms()), measured on the same list.
// Options: alarms=N (default 400,000; --quick 50,000), part=N (alarms per part; default the console's),
// action=ack|unack|clear|comment (default ack; every 4th alarm is acknowledged before).
namespace {

using namespace noc;

// Bytes malloc has handed out and not got back, all threads (-1 without glibc).
qint64 heapInUseBytes() {
#if defined(__GLIBC__)
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
#else
    return -1;
#endif
}

Alarm benchAlarm(qint64 i) {
    Alarm a;
    a.id = QStringLiteral("ALM-%1").arg(i);
    a.state = AlarmState::Raised;
    a.perceivedSeverity = Severity(int(Severity::Critical) + int(i % 4));
    a.alarmType = QStringLiteral("communicationsAlarm");
    a.probableCause = QStringLiteral("linkDown");
    a.specificProblem = QStringLiteral("Uplink down on port %1").arg(i % 48);
    a.alarmedObjectType = QStringLiteral("PhysicalResource");
    a.alarmedObjectId = QStringLiteral("NE-%1").arg(i % 5000);
    a.sourceSystemId = QStringLiteral("EMS-1");
    a.alarmRaisedTime = 1'795'000'000'000LL + i * 100;
    a.alarmReportingTime = a.alarmRaisedTime;
    a.alarmChangedTime = a.alarmRaisedTime;
    a.ackState = i % 4 == 0 ? AckState::Acknowledged : AckState::Unacknowledged;
    return a;
}

int runAlarmActions(const bench::BenchOptions &options, bench::BenchReporter &reporter) {
    const qint64 n = options.value(QStringLiteral("alarms"), options.quick ? 50'000 : 400'000);
    QStandardPaths::setTestModeEnabled(true); // the console's column layout: not the user's settings
    QTemporaryDir dir;
    ConnectionProfile profile;
    profile.name = QStringLiteral("bench");
    profile.cachePath = dir.filePath(QStringLiteral("actions.sqlite"));
    profile.role = QStringLiteral("engineer");
    profile.userId = QStringLiteral("bench");
    if (!CacheDatabase::open(profile.cachePath).ok())
        return 1;
    qint64 unacknowledged = 0;
    {
        CacheWriter writer;
        if (!writer.open(profile.cachePath))
            return 1;
        for (qint64 i = 0; i < n; i += 5000) {
            CacheBatch b;
            for (qint64 j = i; j < std::min(n, i + 5000); ++j) {
                b.alarms.append(benchAlarm(j));
                unacknowledged += b.alarms.last().ackState == AckState::Unacknowledged;
            }
            writer.apply(b);
        }
    }
    SyncSession session(profile, QString());
    if (!session.openCache())
        return 1;
    session.start();
    AlarmConsole console(session);
    if (const qint64 part = options.value(QStringLiteral("part"), 0); part > 0)
        console.setActionPartSize(part);
    console.resize(1400, 900);
    console.show();
    AlarmTableModel *model = console.model();
    QSignalSpy finished(model, &AlarmTableModel::queryFinished);
    if (!finished.wait(120'000))
        return 1;
    reporter.note(
        QStringLiteral("%1 alarms listed, %2 unacknowledged").arg(model->rowCount()).arg(unacknowledged));

    QElapsedTimer selecting;
    selecting.start();
    console.view()->selectAll();
    reporter.report(QStringLiteral("select_all_ms"), double(selecting.nsecsElapsed()) / 1e6,
                    QStringLiteral("ms"), model->rowCount());

    // The former click of Acknowledge, for comparison (nothing is submitted).
    if (options.text(QStringLiteral("action"), QStringLiteral("ack")) == QLatin1String("ack")) {
        CacheReader reader;
        reader.open(profile.cachePath);
        QElapsedTimer old;
        old.start();
        QList<Alarm> alarms;
        for (int row = 0; row < model->rowCount(); ++row)
            if (auto a = reader.alarm(model->alarmId(row)))
                alarms.append(*a);
        reporter.report(QStringLiteral("old_gui_read_ms"), double(old.nsecsElapsed()) / 1e6,
                        QStringLiteral("ms"), alarms.size());
        actions::Context context;
        context.userId = profile.userId;
        const CacheBatch batch = actions::acknowledgeAlarms(alarms, context);
        reporter.report(QStringLiteral("old_gui_read_and_batch_ms"), double(old.nsecsElapsed()) / 1e6,
                        QStringLiteral("ms"), batch.outboxInserts.size());
    }

    // The action and the alarms it changes: acknowledge and unacknowledge skip those already so.
    const QString actionName = options.text(QStringLiteral("action"), QStringLiteral("ack"));
    const QHash<QString, AlarmConsole::Action> actions = {
        {QStringLiteral("ack"), AlarmConsole::Action::Acknowledge},
        {QStringLiteral("unack"), AlarmConsole::Action::Unacknowledge},
        {QStringLiteral("clear"), AlarmConsole::Action::Clear},
        {QStringLiteral("comment"), AlarmConsole::Action::Comment}};
    if (!actions.contains(actionName)) {
        reporter.note(QStringLiteral("unknown action=%1 (ack, unack, clear or comment)").arg(actionName));
        return 1;
    }
    const AlarmConsole::Action action = actions.value(actionName);
    const auto changes = [&](int row) {
        const bool acked = model->data(model->index(row, 0), AlarmTableModel::AckedRole).toBool();
        return action == AlarmConsole::Action::Acknowledge     ? !acked
               : action == AlarmConsole::Action::Unacknowledge ? acked
                                                               : true;
    };
    const qint64 changed = action == AlarmConsole::Action::Acknowledge     ? unacknowledged
                           : action == AlarmConsole::Action::Unacknowledge ? n - unacknowledged
                                                                           : n;
    reporter.note(QStringLiteral("action %1: %2 alarms change").arg(actionName).arg(changed));
    console.setNextComment(QStringLiteral("Bench comment"));

    qint64 committedAlarms = 0;
    QElapsedTimer clock;
    double committedMs = -1;
    QObject::connect(&session, &SyncSession::committed, &console, [&](const ChangeSet &changes) {
        committedAlarms += changes.alarms.count();
        if (committedMs < 0 && committedAlarms >= changed)
            committedMs = double(clock.nsecsElapsed()) / 1e6;
    });
    double maxStall = 0;
    double maxStallEndMs = 0;
    qint64 lastTick = 0;
    QTimer ticker;
    ticker.setInterval(2);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (double(now - lastTick) / 1e6 > maxStall) {
            maxStall = double(now - lastTick) / 1e6;
            maxStallEndMs = double(now) / 1e6;
        }
        lastTick = now;
    });
    QSignalSpy updated(model, &AlarmTableModel::rowsUpdated);
    // The last row of the selection the action changes: its alarm is in the action's last part, and
    // shows the pending mark once that part is listed (nothing is pending before).
    QString lastId;
    for (int row = model->rowCount() - 1; row >= 0 && lastId.isEmpty(); --row)
        if (changes(row))
            lastId = model->alarmId(row);
    const auto lastListed = [&] {
        const int row = model->rowOf(lastId);
        return row >= 0 && model->data(model->index(row, 0), AlarmTableModel::PendingRole).toBool();
    };

    const qint64 heapBefore = heapInUseBytes();
    clock.start();
    lastTick = 0;
    ticker.start();
    console.action(action)->trigger();
    const double clickMs = double(clock.nsecsElapsed()) / 1e6;
    maxStall = std::max(maxStall, clickMs);
    double enabledMs = -1;
    double firstListedMs = -1;
    double listedMs = -1;
    qsizetype updates = 0;
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 300'000) {
        // Blocks until an event comes (the 2 ms ticker at the latest). The (flags, maxtime) overload
        // ignores WaitForMoreEvents and spun a whole core here, beside the writer and the reads.
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        if (enabledMs < 0 && !console.isActionRunning())
            enabledMs = double(clock.nsecsElapsed()) / 1e6;
        if (updated.size() > updates) {
            updates = updated.size();
            if (firstListedMs < 0)
                firstListedMs = double(clock.nsecsElapsed()) / 1e6;
            if (listedMs < 0 && lastListed())
                listedMs = double(clock.nsecsElapsed()) / 1e6;
        }
        if (committedMs >= 0 && listedMs >= 0 && enabledMs >= 0)
            break;
    }
    // A little longer, so that the ticker measures the gap of the last list update too (the loop
    // above ends inside it, at its rowsUpdated).
    QElapsedTimer tail;
    tail.start();
    while (tail.elapsed() < 300)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    ticker.stop();
    if (committedMs < 0 || listedMs < 0)
        return 1;
    // What the action leaves behind once done: the parts are freed on the console's pool thread, so
    // the heap is read until it stays put for 200 ms (5 s at most).
    qint64 heapAfter = heapInUseBytes();
    for (int i = 0; i < 25; ++i) {
        QTest::qWait(200);
        const qint64 now = heapInUseBytes();
        const bool settled = std::abs(now - heapAfter) < 1'000'000;
        heapAfter = now;
        if (settled)
            break;
    }
    const double heapGrowthMb = double(heapAfter - heapBefore) / 1e6;
    reporter.report(QStringLiteral("click_ms"), clickMs, QStringLiteral("ms"), n);
    reporter.report(QStringLiteral("enabled_ms"), enabledMs, QStringLiteral("ms"), n);
    reporter.report(QStringLiteral("committed_ms"), committedMs, QStringLiteral("ms"), changed);
    reporter.report(QStringLiteral("first_listed_ms"), firstListedMs, QStringLiteral("ms"));
    reporter.report(QStringLiteral("listed_ms"), listedMs, QStringLiteral("ms"), changed);
    reporter.report(QStringLiteral("gui_max_stall_ms"), maxStall, QStringLiteral("ms"));
    if (heapBefore >= 0)
        reporter.report(QStringLiteral("heap_growth_mb"), heapGrowthMb, QStringLiteral("MB"));
    reporter.note(
        QStringLiteral("the longest stall ended %1 ms after the click").arg(maxStallEndMs, 0, 'f', 0));
    session.stop();
    return 0;
}

} // namespace

NOC_BENCH_SUITE(
    "alarm-actions",
    "acknowledge a select-all of a large list: the click, the worker's read, commit, list; GUI stalls",
    runAlarmActions);
