// noc-bench alarms-storm (also run at the end of `noc-bench alarms`): the alarm list during an opsim
// storm. opsim (in-process, own thread) streams alarm events over loopback WebSocket into the real
// SyncSession -> CacheWriter -> ChangeSet -> AlarmConsole (its AlarmTableModel, QTableView, severity
// lights), while the list scrolls on the GUI thread (1400 x 900, offscreen). Figures:
// - gui_max_stall_ms / gui_p99_stall_ms: longest (99th percentile) gap between runs of a 5 ms timer on
//   the GUI thread, i.e. how long the event loop was blocked (a free loop shows ~5 ms);
//   gui_max_stall_cpu_ms: the GUI thread's CPU time in that longest gap, gui_max_gap_cpu_ms the most
//   it spent in any one gap (the thread's clock: on this project's VM it also advances while the
//   vCPU does not run the thread, see docs/PERFORMANCE.md; the rest of a gap is waiting);
//   gui_max_stall_wait_ms: the time in that longest gap the GUI thread was runnable but waited for a
//   core (/proc/thread-self/schedstat);
// - gui_p99_frame_ms / gui_median_frame_ms: time between consecutive frames of the scrolling view (a
//   frame = scroll by 3 rows + paint of what became dirty, asked for every 16 ms);
//   gui_text_pending_frames_pct: frames that showed a row whose text had not arrived from the
//   model's text thread yet (a light "…" in its text cells);
// - reference_max_gap_ms / reference_p99_gap_ms / reference_gaps_over_50ms: the same gaps for a
//   thread that only sleeps 1 ms (ReferenceSleeper): what the machine costs a thread doing nothing;
// - gui_merge_allocations: buffers of a large list the model allocated on the GUI thread instead of
//   taking one prepared on its pool (AlarmTableModel::waitsForSpare);
// - events_lost: events the server sent that the cache did not get (by event seq), plus alarms on
//   which the list and the cache disagree once the stream has settled (missing or extra rows).
// Options: server-background (opsim at the console's background nice level: see below),
// server-process (opsim as a process of its own: opsim::OpsimProcess),
// --storm-rate R (20000), --storm-seconds S (60; --quick 10), --storm-alarms N (100,000 cached
// before the storm; --quick 20,000). Environment NOC_BENCH_GAP_LOG_MS=N: at the end, every gap over N ms,
// paint over N/2 and batch over N/4 ms, with its start on CLOCK_MONOTONIC and the GUI thread's CPU in
// it, to line up with `perf record -k CLOCK_MONOTONIC` beside the run.
#include "suite_alarms_storm.h"

#include "alarm_table_model.h"
#include "alarms/alarm_console.h"
#include "bench_support.h"
#include "cache/cache_reader.h"
#include "opsim_process.h"
#include "opsim_thread.h"
#include "sync/sync_session.h"
#include "thread_priority.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHeaderView>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <optional>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace noc;

namespace {

const QString kToken = QStringLiteral("bench-token");

// Keeps the GUI thread in a real event loop (as QApplication::exec() does) until `done` holds or
// `timeoutMs` passes. Not QTest::qWait (bench::waitUntil): between its rounds of event processing it
// sleeps 10 ms, in which no timer, paint or posted answer can run; off-CPU analysis of the storm
// (perf sched) showed the measured GUI thread asleep there ~70 % of the time, every gap of the stall
// probe at least 10 ms long. A console's event loop wakes at once.
bool runEventLoopUntil(const std::function<bool()> &done, int timeoutMs) {
    if (done())
        return true;
    QEventLoop loop;
    QTimer check;
    check.setInterval(20);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    check.start();
    deadline.start(timeoutMs);
    loop.exec();
    return done();
}
constexpr auto streamSeq = bench::cachedStreamSeq;

// opsim on its own thread (the server's work must not count against the GUI thread we measure), with
// the calls the storm needs while the GUI is being measured.
class StormServer : public bench::OpsimThread {
public:
    using OpsimThread::OpsimThread;
    qint64 lastSeq() {
        return call([](opsim::Server &s) { return s.stats().lastSeq; });
    }
    // While the GUI is measured: the server's thread is busy for seconds in a storm, so the GUI thread
    // must not block on it (a blocking call would be counted as a GUI stall). Runs `f` there and keeps
    // the GUI's event loop turning until it has answered.
    qint64 callWithoutBlocking(std::function<qint64(opsim::Server &)> f) {
        auto result = std::make_shared<std::atomic<qint64>>(-1);
        QMetaObject::invokeMethod(
            &context(), [this, f, result] { result->store(f(server())); }, Qt::QueuedConnection);
        runEventLoopUntil([&] { return result->load() >= 0; }, 300000);
        return result->load();
    }
};

// The event seq the cache holds, read every 50 ms on a thread of its own: the bench must not put SQL on
// the GUI thread it measures (the console does not poll the cache there either).
class SeqWatcher {
public:
    explicit SeqWatcher(const QString &cache)
        : m_thread(QThread::create([this, cache] {
            CacheReader reader;
            reader.open(cache);
            while (!m_stop.load()) {
                const auto state = reader.syncState(QStringLiteral("event"));
                m_seq.store(state ? state->streamSeq : 0);
                QThread::msleep(50);
            }
        })) {
        m_thread->start();
    }
    ~SeqWatcher() {
        m_stop.store(true);
        m_thread->wait();
    }
    qint64 seq() const { return m_seq.load(); }

private:
    std::atomic<bool> m_stop{false};
    std::atomic<qint64> m_seq{0};
    std::unique_ptr<QThread> m_thread;
};

double percentile(std::vector<double> values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t at = std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5));
    return values[at];
}

// CPU time of the calling thread (ns): tells a GUI thread that worked from one that waited for a core.
qint64 threadCpuNs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// CLOCK_MONOTONIC (ns): the clock `perf record -k CLOCK_MONOTONIC` stamps its samples with.
qint64 monotonicNs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Time the calling thread has spent runnable but waiting for a core (ns), from the kernel's scheduler
// statistics (/proc/thread-self/schedstat, second field); -1 where the kernel does not offer them.
// Opened once: the file descriptor keeps naming the thread that opened it.
class RunQueueWait {
public:
    RunQueueWait()
        : m_fd(::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC)) {}
    ~RunQueueWait() {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    RunQueueWait(const RunQueueWait &) = delete;
    RunQueueWait &operator=(const RunQueueWait &) = delete;
    qint64 ns() const {
        char text[96];
        const ssize_t n = m_fd < 0 ? -1 : ::pread(m_fd, text, sizeof text - 1, 0);
        if (n <= 0)
            return -1;
        text[n] = '\0';
        unsigned long long onCpu = 0, waiting = 0;
        // A kernel without scheduler statistics prints zeros: not known, rather than "never waited".
        return std::sscanf(text, "%llu %llu", &onCpu, &waiting) == 2 && onCpu > 0 ? qint64(waiting) : -1;
    }

private:
    int m_fd;
};

// Gaps between runs of a 5 ms timer on the GUI thread, the GUI thread's own CPU time in each gap and
// the time it was runnable but waited for a core (for a core shared with opsim, the sync thread, the
// writer, builds, the kernel's own threads); the rest of a gap it slept (idle, or blocked on a lock).
class StallProbe : public QObject {
public:
    StallProbe() {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const qint64 cpu = threadCpuNs();
            const qint64 waited = m_runQueue.ns();
            if (m_last >= 0) {
                gaps.push_back(double(now - m_last) / 1e6);
                cpuInGaps.push_back(double(cpu - m_lastCpu) / 1e6);
                waitInGaps.push_back(waited < 0 || m_lastWaited < 0 ? -1
                                                                    : double(waited - m_lastWaited) / 1e6);
                if (m_logAboveMs > 0) {
                    rusage usage{};
                    getrusage(RUSAGE_THREAD, &usage);
                    const double sysMs =
                        double(usage.ru_stime.tv_sec) * 1e3 + double(usage.ru_stime.tv_usec) / 1e3;
                    if (gaps.back() > m_logAboveMs)
                        m_logged.push_back({monotonicNs() - (now - m_last), gaps.back(), cpuInGaps.back(),
                                            waitInGaps.back(), sysMs - m_lastSysMs,
                                            usage.ru_minflt - m_lastFaults});
                    m_lastSysMs = sysMs;
                    m_lastFaults = usage.ru_minflt;
                }
            }
            m_last = now;
            m_lastCpu = cpu;
            m_lastWaited = waited;
        });
    }
    void start() {
        m_clock.start();
        m_last = -1;
        m_timer.start();
    }
    void stop() {
        m_timer.stop();
        // NOC_BENCH_GAP_LOG_MS: every gap longer than that, with its start on CLOCK_MONOTONIC, to line
        // up with a profile recorded beside the run (`perf record -k CLOCK_MONOTONIC`).
        for (const auto &g : m_logged)
            std::fprintf(stderr,
                         "# gap at %.6f s: %.1f ms, GUI CPU %.1f ms (system %.1f ms, %ld page faults), "
                         "waited for a core %s\n",
                         double(g.startNs) / 1e9, g.ms, g.cpuMs, g.sysMs, g.faults,
                         g.waitMs < 0 ? "n/a" : qPrintable(QStringLiteral("%1 ms").arg(g.waitMs, 0, 'f', 1)));
    }
    std::vector<double> gaps;
    std::vector<double> cpuInGaps;
    std::vector<double> waitInGaps; // -1: not known (no scheduler statistics)

private:
    struct LoggedGap {
        qint64 startNs;
        double ms;
        double cpuMs;
        double waitMs;
        double sysMs;
        long faults;
    };
    double m_lastSysMs = 0;
    long m_lastFaults = 0;
    const double m_logAboveMs = qEnvironmentVariableIntValue("NOC_BENCH_GAP_LOG_MS");
    std::vector<LoggedGap> m_logged;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    qint64 m_lastCpu = 0;
    RunQueueWait m_runQueue;
    qint64 m_lastWaited = -1;
};

// Scrolls the view by three rows every 16 ms and paints what that made dirty at once (the scrolled-in
// rows; everything after a batch changed the list), as the event loop would; records the time between
// frames.
class ScrollDriver : public QObject {
public:
    explicit ScrollDriver(QTableView &view)
        : m_view(view) {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(16);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] { frame(); });
        m_view.viewport()->installEventFilter(this);
    }
    void start() {
        m_clock.start();
        m_last = -1;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    std::vector<double> intervals;
    std::vector<double> paintMs;
    qint64 paints = 0;
    qint64 framesWithPendingText = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }

private:
    void frame() {
        QScrollBar *bar = m_view.verticalScrollBar();
        const int next = bar->value() + 3;
        bar->setValue(next > bar->maximum() ? 0 : next);
        const qint64 before = m_clock.nsecsElapsed();
        const qint64 cpuBefore = threadCpuNs();
        QCoreApplication::sendPostedEvents(m_view.window(), QEvent::UpdateRequest);
        const qint64 now = m_clock.nsecsElapsed();
        paintMs.push_back(double(now - before) / 1e6);
        if (m_logAboveMs > 0 && paintMs.back() > m_logAboveMs)
            std::fprintf(stderr, "# paint at %.6f s: %.1f ms, GUI CPU %.1f ms\n",
                         double(monotonicNs() - (now - before)) / 1e9, paintMs.back(),
                         double(threadCpuNs() - cpuBefore) / 1e6);
        if (m_last >= 0)
            intervals.push_back(double(now - m_last) / 1e6);
        m_last = now;
        // Did this frame show a row whose text had not arrived yet ("…")?
        if (const auto *model = qobject_cast<const AlarmTableModel *>(m_view.model())) {
            const int first = m_view.rowAt(0);
            int last = m_view.rowAt(m_view.viewport()->height() - 1);
            if (last < 0)
                last = model->rowCount() - 1;
            for (int r = std::max(first, 0); r <= last; ++r) {
                if (!model->isPlaceholder(r) && !model->hasText(r)) {
                    ++framesWithPendingText;
                    break;
                }
            }
        }
    }

    QTableView &m_view;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    const double m_logAboveMs = qEnvironmentVariableIntValue("NOC_BENCH_GAP_LOG_MS") / 2.0;
};

// A thread of the bench's own that only sleeps 1 ms and wakes, beside the GUI thread and at its
// priority: the gaps it sees are what the machine alone costs a thread that does nothing (no lock, no
// allocation, no work). On this project's VM such a thread saw 40-130 ms gaps during the storm
// (docs/PERFORMANCE.md): the GUI's longest stall is read against it. Fixed-size storage only: the loop
// must not allocate, or it would wait on malloc's locks like the threads it is a reference for.
class ReferenceSleeper {
public:
    void start() {
        m_stop = false;
        m_thread = std::thread([this] { run(); });
    }
    void stop() {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
        for (int i = 0; i < m_loggedCount; ++i)
            std::fprintf(stderr, "# reference gap at %.6f s: %.1f ms\n", m_logged[i].startS, m_logged[i].ms);
    }
    double maxGapMs() const { return m_maxMs; }
    double percentileMs(double p) const {
        const qint64 want = qint64(double(m_count) * p);
        qint64 seen = 0;
        for (int i = 0; i < kBuckets; ++i) {
            seen += m_histogram[i];
            if (seen > want)
                return i + 1; // upper edge of the 1 ms bucket
        }
        return m_maxMs;
    }
    qint64 count() const { return m_count; }
    qint64 gapsOver(double ms) const {
        qint64 n = 0;
        for (int i = int(ms); i < kBuckets; ++i)
            n += m_histogram[i];
        return n;
    }

private:
    void run() {
        const double logAboveMs = qEnvironmentVariableIntValue("NOC_BENCH_GAP_LOG_MS");
        qint64 last = monotonicNs();
        while (!m_stop) {
            const timespec oneMs{0, 1'000'000};
            clock_nanosleep(CLOCK_MONOTONIC, 0, &oneMs, nullptr);
            const qint64 now = monotonicNs();
            const double ms = double(now - last) / 1e6;
            last = now;
            ++m_count;
            ++m_histogram[std::min(int(ms), kBuckets - 1)];
            m_maxMs = std::max(m_maxMs, ms);
            if (logAboveMs > 0 && ms > logAboveMs && m_loggedCount < kMaxLogged)
                m_logged[m_loggedCount++] = {double(now) / 1e9 - ms / 1e3, ms};
        }
    }
    static constexpr int kBuckets = 1000;
    static constexpr int kMaxLogged = 256;
    struct Logged {
        double startS;
        double ms;
    };
    std::array<qint64, kBuckets> m_histogram{};
    std::array<Logged, kMaxLogged> m_logged{};
    int m_loggedCount = 0;
    qint64 m_count = 0;
    double m_maxMs = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

qint64 argValue(const bench::BenchOptions &options, const QString &name, qint64 fallback) {
    const int at = int(options.args.indexOf(name));
    return at >= 0 && at + 1 < options.args.size() ? options.args[at + 1].toLongLong() : fallback;
}

} // namespace

namespace noc::bench {

int runAlarmStorm(const BenchOptions &options, BenchReporter &reporter) {
    const double rate = double(argValue(options, QStringLiteral("--storm-rate"), 20000));
    const int seconds = int(argValue(options, QStringLiteral("--storm-seconds"), options.quick ? 10 : 60));
    opsim::ServerConfig config;
    config.elements = 5000;
    config.initialAlarms =
        argValue(options, QStringLiteral("--storm-alarms"), options.quick ? 20000 : 100000);
    config.simulate = true;
    config.alarmRate = 0;
    config.eventRetention = 4000000; // the whole storm stays resumable: nothing may be lost to retention
    config.tokens.insert(kToken, QStringLiteral("supervisor"));
    const bool serverProcess = options.args.contains(QStringLiteral("server-process")) ||
                               options.args.contains(QStringLiteral("--server-process"));
    std::unique_ptr<StormServer> inProcess;
    // `server-process`: opsim as a process of its own, as a deployed server is one (on another
    // machine). In-process, opsim's thread shares the console's allocator and Qt's process-wide locks:
    // the GUI thread was seen waiting for malloc arena locks that opsim's thread held
    // (docs/PERFORMANCE.md). Here only the two cores are shared. Controlled over its loopback
    // /control endpoints; every call keeps the GUI's event loop turning until it has answered.
    const QString opsimExe = qEnvironmentVariableIsEmpty("NOC_OPSIM") ? QStringLiteral(NOC_OPSIM_PATH)
                                                                      : qEnvironmentVariable("NOC_OPSIM");
    opsim::OpsimProcess process(opsimExe);
    process.setControlTimeout(60000);
    QUrl url;
    if (serverProcess) {
        const QStringList args{QStringLiteral("--elements"),        QString::number(config.elements),
                               QStringLiteral("--alarms"),          QString::number(config.initialAlarms),
                               QStringLiteral("--alarm-rate"),      QStringLiteral("0"),
                               QStringLiteral("--event-retention"), QString::number(config.eventRetention),
                               QStringLiteral("--token"),           kToken + QStringLiteral(":supervisor")};
        if (!process.start(args, 120000)) {
            reporter.note(QStringLiteral("opsim failed: ") + process.error());
            return 1;
        }
        url = process.url();
    } else {
        inProcess = std::make_unique<StormServer>(config);
        if (!inProcess->ok()) {
            reporter.note(QStringLiteral("opsim failed: ") + inProcess->error());
            return 1;
        }
        url = inProcess->call([](opsim::Server &s) { return s.baseUrl(); });
    }
    // What the storm needs of the server, in either form. A control call to the opsim process that
    // fails gives nothing (its reason in process.error()): the storm stops rather than count from a
    // made-up seq.
    const auto serverLastSeq = [&]() -> std::optional<qint64> {
        return serverProcess ? process.lastSeq() : std::optional<qint64>(inProcess->lastSeq());
    };
    const auto startStorm = [&] {
        if (serverProcess)
            return process.triggerStorm(rate, seconds);
        inProcess->callWithoutBlocking([rate, seconds](opsim::Server &s) {
            s.triggerStorm(rate, seconds);
            return qint64(0);
        });
        return true;
    };
    const auto pauseServer = [&]() -> std::optional<qint64> {
        if (serverProcess)
            return process.pause() ? process.lastSeq() : std::nullopt;
        return inProcess->callWithoutBlocking([](opsim::Server &s) {
            s.setPaused(true);
            return s.stats().lastSeq;
        });
    };
    const auto serverFailed = [&](const QString &what) {
        reporter.note(QStringLiteral("storm: stopped: %1: %2").arg(what, process.error()));
        return 1;
    };
    // `server-background`: opsim's thread runs at the console's background level (thread_priority.h),
    // like the cache writer and the sync thread. A real server is another machine and takes no core of
    // the console's at all; here it shares the two cores, and at the GUI's own priority it competes
    // with the GUI thread for them, which no deployment does. Off by default: both are reported.
    const bool serverBackground = options.args.contains(QStringLiteral("server-background")) ||
                                  options.args.contains(QStringLiteral("--server-background"));
    if (serverBackground && serverProcess)
        setpriority(PRIO_PROCESS, id_t(process.pid()), backgroundNice()); // opsim serves on one thread
    else if (serverBackground)
        inProcess->call([](opsim::Server &) { return lowerCurrentThreadPriority(); });
    reporter.note(
        QStringLiteral("storm: opsim %1 at %2 nice levels below the GUI (console's background "
                       "threads: %3)")
            .arg(serverProcess ? QStringLiteral("in a process of its own") : QStringLiteral("on a thread"))
            .arg(serverBackground ? backgroundNice() : 0)
            .arg(backgroundNice()));

    QTemporaryDir dir;
    ConnectionProfile profile;
    profile.name = QStringLiteral("bench");
    profile.serverUrl = url;
    profile.cachePath = dir.filePath(QStringLiteral("storm.sqlite"));
    SyncSession session(profile, kToken);
    if (!session.openCache())
        return 1;
    SyncEngine::Options engineOptions;
    engineOptions.pageSize = 5000;
    session.setEngineOptions(engineOptions);
    QSignalSpy synced(&session, &SyncSession::initialSyncCompleted);
    session.start();
    if (!runEventLoopUntil(
            [&] { return !synced.isEmpty() && session.queuedBatches() == 0 && session.status().isLive(); },
            600000)) {
        reporter.note(QStringLiteral("storm: initial sync did not finish"));
        return 1;
    }

    // The real alarm console (list, lights, filter bar, details) on the session, as the main window has
    // it: default query (active alarms, worst first), live from the session's commits.
    AlarmConsole console(session);
    // Cleared alarms leave the list at once: the list is compared with the cache's active alarms at the
    // end, and cleared ones lingering (faded) for the default five minutes would count as extra rows.
    console.setClearedLingerMs(0);
    console.resize(1400, 900);
    QTableView &view = *console.view();
    AlarmTableModel *model = console.model();
    QSignalSpy finished(model, &AlarmTableModel::queryFinished);
    QSignalSpy updated(model, &AlarmTableModel::rowsUpdated);
    QSignalSpy resets(model, &QAbstractItemModel::modelReset);
    if (finished.isEmpty() && !finished.wait(120000))
        return 1;
    console.show();
    QTest::qWait(200);
    resets.clear();
    reporter.note(QStringLiteral("storm: %1 alarms cached (%2 active) before the storm; %3 events/s for %4 s")
                      .arg(model->totalAlarms())
                      .arg(model->rowCount())
                      .arg(rate)
                      .arg(seconds));

    SeqWatcher seqWatcher(session.cachePath());
    // How long the GUI thread spends applying one batch to the list (first model signal of the batch
    // to rowsUpdated, views' reactions included): tells a slow apply from slow paints.
    QElapsedTimer applyClock;
    applyClock.start();
    const double logAboveMs = qEnvironmentVariableIntValue("NOC_BENCH_GAP_LOG_MS") / 4.0;
    qint64 applyStart = -1;
    qint64 applyCpuStart = 0;
    std::vector<double> applyMs;
    const auto markStart = [&] {
        if (applyStart < 0) {
            applyStart = applyClock.nsecsElapsed();
            applyCpuStart = threadCpuNs();
        }
    };
    QObject::connect(model, &QAbstractItemModel::rowsAboutToBeInserted, model, markStart);
    QObject::connect(model, &QAbstractItemModel::layoutAboutToBeChanged, model, markStart);
    QObject::connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, model, markStart);
    // Not the row text arriving from the model's text thread (dataChanged with DisplayRole only): that
    // is no batch.
    QObject::connect(model, &QAbstractItemModel::dataChanged, model,
                     [&](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                         if (roles != QList<int>{Qt::DisplayRole})
                             markStart();
                     });
    QObject::connect(model, &AlarmTableModel::rowsUpdated, model, [&] {
        if (applyStart >= 0) {
            applyMs.push_back(double(applyClock.nsecsElapsed() - applyStart) / 1e6);
            if (logAboveMs > 0 && applyMs.back() > logAboveMs)
                std::fprintf(stderr, "# batch at %.6f s: %.1f ms, GUI CPU %.1f ms, %d rows\n",
                             double(monotonicNs()) / 1e9 - applyMs.back() / 1e3, applyMs.back(),
                             double(threadCpuNs() - applyCpuStart) / 1e6, model->rowCount());
        }
        applyStart = -1;
    });
    StallProbe stalls;
    ReferenceSleeper reference;
    ScrollDriver scroll(view);
    const std::optional<qint64> before = serverLastSeq();
    if (!before)
        return serverFailed(QStringLiteral("the server's event seq before the storm"));
    const qint64 seqBefore = *before;
    const qint64 appliedBefore = session.status().eventsApplied;
    stalls.start();
    reference.start();
    scroll.start();
    QElapsedTimer storm;
    storm.start();
    if (!startStorm())
        return serverFailed(QStringLiteral("starting the storm"));
    runEventLoopUntil([] { return false; }, seconds * 1000);
    // The storm is over: the simulator stops (no auto-clears afterwards), so that the list and the
    // cache can be compared on a final state.
    const std::optional<qint64> seqAfter = pauseServer();
    if (!seqAfter)
        return serverFailed(QStringLiteral("pausing the server after the storm"));
    const qint64 produced = *seqAfter - seqBefore;
    // Keep scrolling and measuring until the cache has every event: the list is busiest while the
    // writer catches up, so that time counts too.
    const bool caughtUp = runEventLoopUntil([&] { return seqWatcher.seq() >= seqBefore + produced; }, 300000);
    const double ingestSeconds = storm.elapsed() / 1000.0;
    // Then until the list has taken the last batch: no update for a second.
    QElapsedTimer quiet;
    quiet.start();
    qint64 lastCount = updated.size();
    runEventLoopUntil(
        [&] {
            if (updated.size() != lastCount || model->isLoading()) {
                lastCount = updated.size();
                quiet.restart();
            }
            return quiet.elapsed() >= 1000;
        },
        60000);
    scroll.stop();
    stalls.stop();
    reference.stop();
    const qint64 received = streamSeq(session.cachePath()) - seqBefore;

    // The list against the cache: every active alarm listed once, nothing else.
    struct Agreement {
        qint64 missing = 0;
        qint64 extra = 0;
        qint64 cachedActive = 0;
    };
    const auto compareWithCache = [&] {
        Agreement a;
        QSet<quint64> listed;
        for (int r = 0; r < model->rowCount(); ++r)
            listed.insert(model->keyAt(r).idHash);
        CacheReader reader;
        reader.open(session.cachePath());
        std::optional<AlarmCursor> cursor;
        do {
            const AlarmPage page = reader.alarmPage(AlarmFilter{}, 5000, cursor);
            for (const Alarm &alarm : page.alarms) {
                ++a.cachedActive;
                if (!listed.remove(alarmIdHash(alarm.id)))
                    ++a.missing;
            }
            cursor = page.next;
        } while (cursor);
        a.extra = listed.size();
        return a;
    };
    Agreement agreement = compareWithCache();
    if (agreement.missing + agreement.extra > 0) {
        // Told apart: a list still catching up (it agrees a little later) from one that lost changes.
        reporter.note(QStringLiteral("storm: the list disagreed with the cache after a quiet second "
                                     "(%1 missing, %2 extra); again after 10 more seconds:")
                          .arg(agreement.missing)
                          .arg(agreement.extra));
        runEventLoopUntil([] { return false; }, 10000);
        agreement = compareWithCache();
    }
    const qint64 missing = agreement.missing;
    const qint64 extra = agreement.extra;
    const qint64 cachedActive = agreement.cachedActive;
    const qint64 lost = std::max<qint64>(0, produced - received) + missing + extra;

    reporter.report(QStringLiteral("storm_events_produced"), double(produced), QStringLiteral("events"));
    reporter.report(QStringLiteral("storm_ingest_events_per_s"), double(received) / ingestSeconds,
                    QStringLiteral("1/s"), received);
    reporter.report(QStringLiteral("gui_max_stall_ms"),
                    stalls.gaps.empty() ? 0 : *std::max_element(stalls.gaps.begin(), stalls.gaps.end()),
                    QStringLiteral("ms"), qint64(stalls.gaps.size()));
    reporter.report(QStringLiteral("gui_p99_stall_ms"), percentile(stalls.gaps, 0.99), QStringLiteral("ms"),
                    qint64(stalls.gaps.size()));
    {
        // The longest stall's CPU on the GUI thread, and the most CPU the thread spent in any one gap:
        // a stall far above its CPU time was a wait for a core, not work of the console's.
        const auto longest = std::max_element(stalls.gaps.begin(), stalls.gaps.end());
        reporter.report(
            QStringLiteral("gui_max_stall_cpu_ms"),
            longest == stalls.gaps.end() ? 0 : stalls.cpuInGaps[size_t(longest - stalls.gaps.begin())],
            QStringLiteral("ms"));
        // The time it was runnable but not running in that stall (the kernel's scheduler statistics):
        // the part of a stall no work of the console's GUI thread can shorten.
        const double waited =
            longest == stalls.gaps.end() ? -1 : stalls.waitInGaps[size_t(longest - stalls.gaps.begin())];
        if (waited >= 0)
            reporter.report(QStringLiteral("gui_max_stall_wait_ms"), waited, QStringLiteral("ms"));
        reporter.report(QStringLiteral("gui_max_gap_cpu_ms"),
                        stalls.cpuInGaps.empty()
                            ? 0
                            : *std::max_element(stalls.cpuInGaps.begin(), stalls.cpuInGaps.end()),
                        QStringLiteral("ms"));
    }
    // The machine's share: the same measure for a thread that does nothing (ReferenceSleeper).
    reporter.report(QStringLiteral("reference_max_gap_ms"), reference.maxGapMs(), QStringLiteral("ms"),
                    reference.count());
    reporter.report(QStringLiteral("reference_p99_gap_ms"), reference.percentileMs(0.99),
                    QStringLiteral("ms"), reference.count());
    reporter.report(QStringLiteral("reference_gaps_over_50ms"), double(reference.gapsOver(50)),
                    QStringLiteral("gaps"));
    reporter.report(QStringLiteral("gui_p99_frame_ms"), percentile(scroll.intervals, 0.99),
                    QStringLiteral("ms"), qint64(scroll.intervals.size()));
    reporter.report(QStringLiteral("gui_median_frame_ms"), percentile(scroll.intervals, 0.5),
                    QStringLiteral("ms"), qint64(scroll.intervals.size()));
    reporter.report(QStringLiteral("gui_p99_paint_ms"), percentile(scroll.paintMs, 0.99),
                    QStringLiteral("ms"), qint64(scroll.paintMs.size()));
    reporter.report(QStringLiteral("gui_max_batch_apply_ms"),
                    applyMs.empty() ? 0 : *std::max_element(applyMs.begin(), applyMs.end()),
                    QStringLiteral("ms"), qint64(applyMs.size()));
    reporter.report(QStringLiteral("gui_text_pending_frames_pct"),
                    scroll.paintMs.empty()
                        ? 0.0
                        : 100.0 * double(scroll.framesWithPendingText) / double(scroll.paintMs.size()),
                    QStringLiteral("%"), qint64(scroll.paintMs.size()));
    reporter.report(QStringLiteral("gui_max_paint_ms"),
                    scroll.paintMs.empty() ? 0
                                           : *std::max_element(scroll.paintMs.begin(), scroll.paintMs.end()),
                    QStringLiteral("ms"), qint64(scroll.paintMs.size()));
    reporter.report(QStringLiteral("gui_merge_allocations"), double(model->mergeAllocations()),
                    QStringLiteral("buffers"), qint64(applyMs.size()));
    reporter.report(QStringLiteral("events_lost"), double(lost), QStringLiteral("events"));
    reporter.note(QStringLiteral("storm: server sent %1 events, cache took %2 (%3 applied by the session); "
                                 "caught up: %4; measured for %5 s")
                      .arg(produced)
                      .arg(received)
                      .arg(session.status().eventsApplied - appliedBefore)
                      .arg(caughtUp ? QStringLiteral("yes") : QStringLiteral("NO"))
                      .arg(ingestSeconds, 0, 'f', 1));
    reporter.note(QStringLiteral("storm: list %1 rows vs %2 active in the cache (%3 missing, %4 extra); %5 "
                                 "batches applied, %6 resets; %7 frames painted")
                      .arg(model->rowCount())
                      .arg(cachedActive)
                      .arg(missing)
                      .arg(extra)
                      .arg(updated.size())
                      .arg(resets.size())
                      .arg(scroll.paints));
    session.stop();
    return 0;
}

} // namespace noc::bench

NOC_BENCH_SUITE("alarms-storm",
                "alarm list during an opsim storm (20,000 events/s): GUI stalls, frame times, events lost",
                noc::bench::runAlarmStorm);
