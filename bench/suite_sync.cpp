// noc-bench sync: initial sync, live stream ingest and delta apply from opsim over loopback into the
// real cache through the real SyncSession.
#include "bench_registry.h"

#include "bench_support.h"
#include "cache/cache_reader.h"
#include "opsim_thread.h"
#include "sync/sync_session.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <memory>
#include <utility>

using namespace noc;

namespace {

const QString kToken = QStringLiteral("bench-token");

using ServerThread = bench::OpsimThread;
using bench::waitUntil;
constexpr auto streamSeq = bench::cachedStreamSeq;

ConnectionProfile profile(const QUrl &url, const QString &cache) {
    ConnectionProfile p;
    p.name = QStringLiteral("bench");
    p.serverUrl = url;
    p.cachePath = cache;
    return p;
}

// Suite arguments (BenchOptions::value): `alarms=N` and `storm-seconds=S` shorten a run while comparing
// changes, `no-backlog` and `no-delta` skip those phases. The figures for PERFORMANCE.md come from runs
// without them.

int runSync(const bench::BenchOptions &options, bench::BenchReporter &reporter) {
    const int scale = options.quick ? 10 : 1;
    opsim::ServerConfig config;
    config.elements = 50000 / scale;
    config.initialAlarms = options.value(QStringLiteral("alarms"), 1000000 / scale);
    config.initialTickets = 100000 / scale;
    config.simulate = true;
    config.alarmRate = 0;
    config.eventRetention = 2000000;
    config.tokens.insert(kToken, QStringLiteral("supervisor"));
    reporter.note(QStringLiteral("generating %1 elements, %2 alarms, %3 tickets in opsim...")
                      .arg(config.elements)
                      .arg(config.initialAlarms)
                      .arg(config.initialTickets));
    ServerThread server(config);
    if (!server.ok()) {
        reporter.note("opsim failed: " + server.error());
        return 1;
    }
    QTemporaryDir dir;
    const QString cache = dir.filePath("bench.sqlite");
    SyncEngine::Options engineOptions;
    engineOptions.pageSize = 5000;
    engineOptions.idPageSize = 50000;

    // Initial sync
    qint64 alarmsInCache = 0;
    {
        SyncSession session(profile(server.url(), cache), kToken);
        session.openCache();
        session.setEngineOptions(engineOptions);
        QSignalSpy synced(&session, &SyncSession::initialSyncCompleted);
        QElapsedTimer timer;
        timer.start();
        session.start();
        if (!waitUntil([&] { return !synced.isEmpty() && session.queuedBatches() == 0; }, 600000)) {
            reporter.note("initial sync did not finish");
            return 1;
        }
        const double seconds = timer.elapsed() / 1000.0;
        CacheReader reader;
        reader.open(cache);
        alarmsInCache = reader.alarmCount(false);
        reporter.report("initial_sync_s", seconds, "s", alarmsInCache);

        // Live stream: a storm into the cache while connected. opsim is asked for more than the
        // 20,000/s target so that the producer is not what the figure measures: the rate is what the
        // client took in, from the storm's start until its cache held the last event produced.
        const int stormSeconds = int(options.value(QStringLiteral("storm-seconds"), options.quick ? 10 : 60));
        const double stormRate = 25000;
        const qint64 seqBefore = server.call([](opsim::Server &s) { return s.stats().lastSeq; });
        waitUntil([&] { return session.status().phase == SyncPhase::Live; }, 30000);
        const double syncCpuBefore = bench::threadCpuMs("sync");
        const double writerCpuBefore = bench::threadCpuMs("cache-writer");
        QElapsedTimer storm;
        storm.start();
        server.call([stormSeconds, stormRate](opsim::Server &s) {
            s.triggerStorm(stormRate, stormSeconds);
            return 0;
        });
        QTest::qWait(stormSeconds * 1000);
        const double producedElapsed = storm.elapsed() / 1000.0;
        const qint64 produced = server.call([](opsim::Server &s) { return s.stats().lastSeq; }) - seqBefore;
        const qint64 target = seqBefore + produced;
        waitUntil([&] { return streamSeq(cache) >= target; }, 300000);
        const double stormElapsed = storm.elapsed() / 1000.0;
        const qint64 received = streamSeq(cache) - seqBefore;
        reporter.report("stream_events_produced", double(produced), "events");
        reporter.report("stream_produced_per_s", produced / producedElapsed, "1/s", produced);
        // Every event the cache took in also counted: alarms in the cache before + alarms the storm
        // created == alarms in the cache after (a storm only raises new alarms).
        {
            const qint64 serverAlarms = server.call([](opsim::Server &s) { return s.stats().alarms; });
            const qint64 serverSeq = server.call([](opsim::Server &s) { return s.stats().lastSeq; });
            waitUntil([&] { return streamSeq(cache) >= serverSeq; }, 60000);
            CacheReader reader;
            reader.open(cache);
            const qint64 alarmsAfter = reader.alarmCount(false);
            reporter.report("stream_alarms_missing", double(serverAlarms - alarmsAfter), "alarms",
                            alarmsAfter);
        }
        reporter.report("stream_ingest_events_per_s", received / stormElapsed, "1/s", received);
        // CPU per event of the console's two ingest threads in the storm (see threadCpuMs).
        if (received > 0) {
            reporter.report("stream_sync_cpu_us_per_event",
                            (bench::threadCpuMs("sync") - syncCpuBefore) * 1000.0 / double(received), "us",
                            received);
            reporter.report("stream_writer_cpu_us_per_event",
                            (bench::threadCpuMs("cache-writer") - writerCpuBefore) * 1000.0 /
                                double(received),
                            "us", received);
        }
        reporter.report("events_lost", double(std::max<qint64>(0, produced - received)), "events");
        session.stop();
    }

    // Backlog (a diagnostic, not the figure): a storm produced while the console is away,
    // then taken in over the stream on reconnect, with opsim paused (no auto-clears) so that it only
    // sends. The live figure above shares the two cores with opsim generating the storm; this one
    // shows what the client takes in when it has them (mostly) to itself.
    const auto lastSeq = [&] { return server.call([](opsim::Server &s) { return s.stats().lastSeq; }); };
    // Pauses opsim (no more events), reconnects a console and times it until the cache holds the last
    // event: the backlog and delta phases. Returns the milliseconds and the events taken in.
    struct CatchUp {
        qint64 ms;
        qint64 received;
        double syncCpuMs; // the session's threads, from their start
        double writerCpuMs;
    };
    const auto timeCatchUp = [&](qint64 before, int timeoutMs) {
        server.call([](opsim::Server &s) {
            s.setPaused(true);
            return 0;
        });
        const qint64 target = lastSeq();
        SyncSession session(profile(server.url(), cache), kToken);
        session.openCache();
        session.setEngineOptions(engineOptions);
        QElapsedTimer timer;
        timer.start();
        session.start();
        waitUntil([&] { return streamSeq(cache) >= target; }, timeoutMs);
        const CatchUp result{timer.elapsed(), streamSeq(cache) - before, bench::threadCpuMs("sync"),
                             bench::threadCpuMs("cache-writer")};
        session.stop();
        return result;
    };
    if (!options.args.contains(QStringLiteral("no-backlog"))) {
        const int seconds = options.quick ? 5 : 20;
        const qint64 before = lastSeq();
        server.call([seconds](opsim::Server &s) {
            s.triggerStorm(25000, seconds);
            return 0;
        });
        QTest::qWait(seconds * 1000);
        // The simulator may still owe part of the storm (it carries what it could not raise in time).
        for (qint64 previous = -1, now = lastSeq(); now != previous; previous = now, now = lastSeq())
            QTest::qWait(500);
        const CatchUp backlog = timeCatchUp(before, 300000);
        const qint64 received = backlog.received;
        reporter.report("stream_backlog_ingest_per_s", received / (backlog.ms / 1000.0), "1/s", received);
        if (received > 0) {
            reporter.report("stream_backlog_sync_cpu_us_per_event",
                            backlog.syncCpuMs * 1000.0 / double(received), "us", received);
            reporter.report("stream_backlog_writer_cpu_us_per_event",
                            backlog.writerCpuMs * 1000.0 / double(received), "us", received);
        }
        server.call([](opsim::Server &s) {
            s.setPaused(false);
            return 0;
        });
    }
    if (options.args.contains(QStringLiteral("no-delta")))
        return 0;

    // Delta: 10,000 changes made while the console was away, applied on reconnect.
    {
        const qint64 before = lastSeq();
        server.call([](opsim::Server &s) {
            s.triggerStorm(50000, 1);
            return 0;
        });
        waitUntil([&] { return lastSeq() >= before + 10000; }, 60000);
        const CatchUp delta = timeCatchUp(before, 120000);
        reporter.report("delta_10k_apply_ms", double(delta.ms), "ms", delta.received);
    }
    return 0;
}

} // namespace

NOC_BENCH_SUITE("sync", "initial sync, stream ingest and delta apply from opsim over loopback", runSync);
