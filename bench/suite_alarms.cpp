#include "bench_registry.h"
#include "suite_alarms_storm.h"

#include "alarm_table_model.h"
#include "cache/cache_database.h"
#include "cache/cache_writer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <unistd.h>

// noc-bench alarms: the alarm list (issue 6) with a real QTableView over the real AlarmTableModel,
// offscreen. Each figure is from the request to the first page painted with its text (a grab of the
// view; the model reads the visible rows' text on its text thread, and the page is grabbed again once
// that text has arrived).
// - cold_first_page_ms: a new model on a cache the OS has cached, to its first page painted (read from
//   the cache while the worker loads the index); index_ready_ms: to the whole list (every key loaded);
// - sort_ms: sort by raised time; filter_ms: critical + unacknowledged; fts_ms: free text "power";
//   each to its first page painted, and as sort_full_ms etc. to the whole sorted list in the model;
// - delta_10k_ms: 10,000 alarm changes written, their ChangeSet applied to the list and painted;
// - model_bytes_per_alarm: the process's resident memory growth from opening the list, per alarm.
// Options: alarms=N (default 1,000,000; --quick 100,000); --no-storm; the storm's own options
// (suite_alarms_storm.cpp).
namespace {

using namespace noc;

constexpr int kBatch = 5000;
const char *const kCauses[] = {
    "linkDown",        "powerProblem", "lossOfSignal", "temperatureUnacceptable", "equipmentMalfunction",
    "thresholdCrossed"};

qint64 residentBytes() {
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> parts = f.readAll().split(' ');
    return parts.size() > 1 ? parts[1].toLongLong() * sysconf(_SC_PAGESIZE) : 0;
}

Alarm makeAlarm(QRandomGenerator &random, qint64 i, int elements) {
    static const Severity severities[] = {Severity::Critical, Severity::Major,        Severity::Major,
                                          Severity::Minor,    Severity::Minor,        Severity::Warning,
                                          Severity::Warning,  Severity::Indeterminate};
    Alarm a;
    a.id = QStringLiteral("ALM-%1").arg(i);
    const bool cleared = random.bounded(10) == 0;
    a.state = cleared ? AlarmState::Cleared : AlarmState::Raised;
    a.perceivedSeverity = cleared ? Severity::Cleared : severities[random.bounded(8)];
    a.alarmType = QStringLiteral("communicationsAlarm");
    const int kind = int(random.bounded(6));
    a.probableCause = QString::fromLatin1(kCauses[kind]);
    a.specificProblem = QStringLiteral("%1 on port %2").arg(a.probableCause).arg(random.bounded(48));
    a.alarmedObjectType = QStringLiteral("PhysicalResource");
    a.alarmedObjectId = QStringLiteral("NE-%1").arg(random.bounded(elements));
    a.sourceSystemId = QStringLiteral("EMS-1");
    a.alarmRaisedTime = 1'795'000'000'000LL + qint64(random.bounded(86'400'000));
    a.alarmChangedTime = a.alarmRaisedTime + qint64(random.bounded(600'000));
    a.ackState = random.bounded(4) == 0 ? AckState::Acknowledged : AckState::Unacknowledged;
    return a;
}

bool waitFor(QSignalSpy &spy, int ms = 120'000) {
    return !spy.isEmpty() || spy.wait(ms);
}

int runAlarms(const bench::BenchOptions &options, bench::BenchReporter &reporter) {
    const qint64 n = options.value(QStringLiteral("alarms"), options.quick ? 100'000 : 1'000'000);
    const int elements = 5000;

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("alarms.sqlite"));
    if (!CacheDatabase::open(path).ok())
        return 1;
    {
        CacheWriter writer;
        if (!writer.open(path))
            return 1;
        QRandomGenerator random(42);
        CacheBatch inventory;
        for (int e = 0; e < elements; ++e) {
            NetworkElement ne;
            ne.id = QStringLiteral("NE-%1").arg(e);
            ne.name = QStringLiteral("router-%1").arg(e);
            ne.siteId = QStringLiteral("S-%1").arg(e / 10);
            inventory.elements.append(ne);
        }
        writer.apply(inventory);
        QElapsedTimer fill;
        fill.start();
        for (qint64 i = 0; i < n; i += kBatch) {
            CacheBatch b;
            for (qint64 j = i; j < std::min(n, i + kBatch); ++j)
                b.alarms.append(makeAlarm(random, j, elements));
            writer.apply(b);
        }
        reporter.note(
            QStringLiteral("cache of %1 alarms written in %2 s").arg(n).arg(fill.elapsed() / 1000.0));
    }

    const qint64 rssBefore = residentBytes();
    QTableView view;
    view.resize(1400, 900);
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    auto *model = new AlarmTableModel(&view);
    QSignalSpy finished(model, &AlarmTableModel::queryFinished);
    QSignalSpy firstPage(model, &AlarmTableModel::firstPageReady);
    QSignalSpy updated(model, &AlarmTableModel::rowsUpdated);

    // A page counts as painted when it shows its text: the model reads row text on a thread of its
    // own and paints "…" until it arrives, so paint, wait for that text, paint again.
    const auto paintPage = [&] {
        (void)view.grab();
        if (!model->isTextPending())
            return;
        // Woken by the text's arrival (a queued event), not by a polling interval that would add to
        // the figure.
        QElapsedTimer waited;
        waited.start();
        while (model->isTextPending() && waited.elapsed() < 10000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        (void)view.grab();
    };

    QElapsedTimer t;
    t.start();
    view.setModel(model);
    model->open(path);
    if (!waitFor(firstPage))
        return 1;
    paintPage();
    reporter.report(QStringLiteral("cold_first_page_ms"), double(t.nsecsElapsed()) / 1e6,
                    QStringLiteral("ms"), model->rowCount());
    if (!waitFor(finished))
        return 1;
    paintPage();
    reporter.report(QStringLiteral("index_ready_ms"), double(t.nsecsElapsed()) / 1e6, QStringLiteral("ms"),
                    n);
    const qint64 rssAfter = residentBytes();
    reporter.report(QStringLiteral("model_bytes_per_alarm"), double(rssAfter - rssBefore) / double(n),
                    QStringLiteral("B"), n);
    reporter.note(QStringLiteral("rows listed (active): %1").arg(model->rowCount()));

    // A query change, timed twice: to its first page painted (`metric`: a large list shows the first
    // rows the worker's filter pass found, before the sort) and to the whole list in the model and
    // painted (`metric`_full).
    const auto timed = [&](const QString &metric, const std::function<void()> &change) {
        finished.clear();
        firstPage.clear();
        QElapsedTimer timer;
        timer.start();
        change();
        if (!waitFor(firstPage))
            return false;
        // A small list comes whole at once (no first page before it): one paint for both figures.
        const bool whole = !finished.isEmpty();
        paintPage();
        const double firstMs = double(timer.nsecsElapsed()) / 1e6;
        reporter.report(metric, firstMs, QStringLiteral("ms"), model->rowCount());
        if (!whole) {
            if (!waitFor(finished))
                return false;
            paintPage();
        }
        reporter.report(metric.chopped(3) + QStringLiteral("_full_ms"),
                        whole ? firstMs : double(timer.nsecsElapsed()) / 1e6, QStringLiteral("ms"),
                        model->rowCount());
        return true;
    };
    if (!timed(QStringLiteral("sort_ms"),
               [&] { model->sort(int(AlarmColumn::Raised), Qt::DescendingOrder); }))
        return 1;
    if (!timed(QStringLiteral("filter_ms"), [&] {
            AlarmQuery q = model->query();
            q.severityMask = 1u << 0;
            q.ack = AckState::Unacknowledged;
            model->setQuery(q);
        }))
        return 1;
    if (!timed(QStringLiteral("fts_ms"), [&] {
            AlarmQuery q;
            q.text = QStringLiteral("power");
            model->setQuery(q);
        }))
        return 1;
    // Back to the default list for the delta.
    finished.clear();
    model->setQuery(AlarmQuery{});
    if (!waitFor(finished))
        return 1;

    {
        CacheWriter writer;
        if (!writer.open(path))
            return 1;
        QRandomGenerator random(7);
        CacheBatch b;
        for (int i = 0; i < 10'000; ++i) {
            Alarm a = makeAlarm(random, qint64(random.bounded(quint32(n))), elements);
            a.alarmChangedTime += 1'000'000;
            b.alarms.append(a);
        }
        const ChangeSet changes = writer.apply(b);
        model->setUpdateInterval(0);
        updated.clear();
        QElapsedTimer timer;
        timer.start();
        model->onCommitted(changes);
        if (!waitFor(updated))
            return 1;
        paintPage();
        reporter.report(QStringLiteral("delta_10k_ms"), double(timer.nsecsElapsed()) / 1e6,
                        QStringLiteral("ms"), changes.alarms.count());
    }
    // The storm figures (bench/suite_alarms_storm.cpp) on a cache of their own; --no-storm skips them.
    // (QCommandLineParser hands unknown options over without their dashes.)
    if (options.args.contains(QStringLiteral("--no-storm")) ||
        options.args.contains(QStringLiteral("no-storm")))
        return 0;
    return bench::runAlarmStorm(options, reporter);
}

} // namespace

NOC_BENCH_SUITE("alarms", "alarm list: cold first page, sort, filter, free text, 10k delta, memory per alarm",
                runAlarms);
