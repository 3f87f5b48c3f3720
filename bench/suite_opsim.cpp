// noc-bench opsim: how fast opsim serves what the console's own benchmarks consume, so that opsim is
// never the limit. The server runs in its own thread; the client (this thread) reads over loopback.
//   stream_events_per_s   events the WebSocket stream delivers to one client, received and parsed
//   alarm_generate_per_s  alarms the simulator raises and stores (with their events)
//   list_alarms_per_s     alarms listed over HTTP in pages of 5000 (an initial sync of the alarm list)
//   storm_*               opsim's own cost of a live storm at 25,000/s into a 1M-alarm store (what
//                         `noc-bench sync` asks of it): events produced per second and CPU µs of
//                         opsim's thread per event, with no client and with a loopback client that
//                         only counts what arrives (the console's ingest cost left out)
// Suite words: `storm-only` runs only the storm phases, `storm-seconds=S` (default 20, quick 5).
#include "bench_registry.h"

#include "opsim_server.h"
#include "opsim_thread.h"

#include <sys/resource.h>

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QWebSocket>

namespace {

using noc::opsim::Server;
using noc::opsim::ServerConfig;

// Owns a Server living in a worker thread.
class ThreadedServer {
public:
    explicit ThreadedServer(const ServerConfig &cfg) {
        m_thread.start();
        m_context.moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            &m_context,
            [&] {
                m_server = new Server(cfg);
                m_ok = m_server->start(&m_error);
            },
            Qt::BlockingQueuedConnection);
    }
    ~ThreadedServer() {
        QMetaObject::invokeMethod(
            &m_context, [&] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    template <typename F> void run(F f) {
        QMetaObject::invokeMethod(
            &m_context, [&] { f(m_server); }, Qt::BlockingQueuedConnection);
    }
    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    quint16 port() const { return m_server->port(); }

private:
    QThread m_thread;
    QObject m_context;
    Server *m_server = nullptr;
    bool m_ok = false;
    QString m_error;
};

struct ThreadUsage {
    double user = 0, system = 0; // seconds
    qint64 minorFaults = 0;
    ThreadUsage operator-(const ThreadUsage &o) const {
        return {user - o.user, system - o.system, minorFaults - o.minorFaults};
    }
};

// The calling thread's CPU time and page faults (sys time and faults show memory growth in the VM).
ThreadUsage threadUsage() {
    rusage ru{};
    getrusage(RUSAGE_THREAD, &ru);
    return {double(ru.ru_utime.tv_sec) + double(ru.ru_utime.tv_usec) / 1e6,
            double(ru.ru_stime.tv_sec) + double(ru.ru_stime.tv_usec) / 1e6, qint64(ru.ru_minflt)};
}

// A live storm at `rate` for `seconds` into the server's store; with `consume`, a WebSocket client on
// this thread takes the stream and only counts events (no JSON parse: what opsim costs, not a client).
// Reports storm_<label>_produced_per_s and storm_<label>_cpu_us_per_event (opsim's thread).
int runStorm(noc::bench::OpsimThread &server, const QString &label, double rate, int seconds, bool consume,
             noc::bench::BenchReporter &reporter) {
    const auto lastSeq = [&] { return server.call([](Server &s) { return s.lastSeq(); }); };
    QWebSocket ws;
    qint64 frames = 0, received = 0, lastReceived = 0;
    bool ordered = true;
    if (consume) {
        QObject::connect(&ws, &QWebSocket::textMessageReceived, &ws, [&](const QString &text) {
            ++frames;
            // Envelopes start with {"seq":N (opsim writes seq first); count them and keep the last seq.
            const QStringView view(text);
            static const QString marker = QStringLiteral("{\"seq\":");
            for (qsizetype at = view.indexOf(marker); at >= 0; at = view.indexOf(marker, at + 1)) {
                qsizetype end = at + marker.size();
                while (end < view.size() && view[end].isDigit())
                    ++end;
                const qint64 seq = view.mid(at + marker.size(), end - at - marker.size()).toLongLong();
                ordered = ordered && (lastReceived == 0 || seq == lastReceived + 1);
                lastReceived = seq;
                ++received;
            }
        });
        QEventLoop open;
        QObject::connect(&ws, &QWebSocket::connected, &open, &QEventLoop::quit);
        QTimer::singleShot(10000, &open, &QEventLoop::quit);
        const QUrl base = server.url();
        ws.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/tmf-api/event/v4/stream").arg(base.port())));
        open.exec();
        if (ws.state() != QAbstractSocket::ConnectedState) {
            reporter.note(QStringLiteral("storm %1: the stream did not connect").arg(label));
            return 1;
        }
    }
    const qint64 before = lastSeq();
    const ThreadUsage usageBefore = server.call([](Server &) { return threadUsage(); });
    QElapsedTimer wall;
    wall.start();
    server.call([rate, seconds](Server &s) {
        s.triggerStorm(rate, seconds);
        return 0;
    });
    QTest::qWait(seconds * 1000);
    const double elapsed = wall.nsecsElapsed() / 1e9;
    const qint64 produced = lastSeq() - before;
    const ThreadUsage usage = server.call([](Server &) { return threadUsage(); }) - usageBefore;
    const double cpu = usage.user + usage.system;
    reporter.report(QStringLiteral("storm_%1_produced_per_s").arg(label), produced / elapsed,
                    QStringLiteral("1/s"), produced);
    reporter.report(QStringLiteral("storm_%1_cpu_us_per_event").arg(label),
                    cpu * 1e6 / double(qMax<qint64>(1, produced)), QStringLiteral("us"), produced);
    reporter.report(QStringLiteral("storm_%1_cpu_share").arg(label), cpu / elapsed, QStringLiteral("cores"));
    reporter.report(QStringLiteral("storm_%1_sys_us_per_event").arg(label),
                    usage.system * 1e6 / double(qMax<qint64>(1, produced)), QStringLiteral("us"), produced);
    reporter.report(QStringLiteral("storm_%1_page_faults_per_event").arg(label),
                    double(usage.minorFaults) / double(qMax<qint64>(1, produced)), QStringLiteral("faults"),
                    produced);
    // Let the storm's remainder and its auto-clears (10-60 s) not run into the next phase.
    server.call([](Server &s) {
        s.setPaused(true);
        return 0;
    });
    if (consume) {
        const qint64 target = lastSeq();
        QElapsedTimer drain;
        drain.start();
        while (lastReceived < target && drain.elapsed() < 60000)
            QTest::qWait(20);
        ws.close();
        reporter.report(QStringLiteral("storm_%1_events_per_frame").arg(label),
                        double(received) / double(qMax<qint64>(1, frames)), QStringLiteral("events"));
        if (lastReceived < target || !ordered) {
            reporter.note(QStringLiteral("storm %1: the client got up to seq %2 of %3, ordered=%4")
                              .arg(label)
                              .arg(lastReceived)
                              .arg(target)
                              .arg(ordered));
            return 1;
        }
    }
    server.call([](Server &s) {
        s.setPaused(false);
        return 0;
    });
    return 0;
}

int runOpsimStorm(const noc::bench::BenchOptions &options, noc::bench::BenchReporter &reporter) {
    ServerConfig cfg;
    cfg.elements = options.quick ? 5000 : 50000;
    cfg.initialAlarms = options.value(QStringLiteral("alarms"), options.quick ? 100000 : 1000000);
    cfg.alarmRate = 0;
    cfg.simulate = true;
    cfg.eventRetention = 2000000;
    const int seconds = int(options.value(QStringLiteral("storm-seconds"), options.quick ? 5 : 20));
    const double rate = 25000;
    reporter.note(QStringLiteral("storm: %1 elements, %2 alarms, %3/s for %4 s")
                      .arg(cfg.elements)
                      .arg(cfg.initialAlarms)
                      .arg(rate)
                      .arg(seconds));
    noc::bench::OpsimThread server(cfg);
    if (!server.ok()) {
        reporter.note(QStringLiteral("opsim failed to start: ") + server.error());
        return 1;
    }
    if (runStorm(server, QStringLiteral("alone"), rate, seconds, false, reporter) != 0)
        return 1;
    return runStorm(server, QStringLiteral("counted"), rate, seconds, true, reporter);
}

int runOpsim(const noc::bench::BenchOptions &options, noc::bench::BenchReporter &reporter) {
    if (options.args.contains(QStringLiteral("storm-only")))
        return runOpsimStorm(options, reporter);
    const int events = options.quick ? 100000 : 500000;
    const int listAlarms = options.quick ? 100000 : 1000000;

    // 1) stream delivery from a backlog of `events` alarm events
    {
        ServerConfig cfg;
        cfg.elements = 2000;
        cfg.alarmRate = 0;
        cfg.simulate = false;
        cfg.eventRetention = events + 10;
        ThreadedServer server(cfg);
        if (!server.ok()) {
            reporter.note(QStringLiteral("opsim failed to start: ") + server.error());
            return 1;
        }
        QElapsedTimer gen;
        gen.start();
        server.run([&](Server *s) { s->generateAlarms(events); });
        const double genSecs = gen.nsecsElapsed() / 1e9;
        reporter.report(QStringLiteral("alarm_generate_per_s"), events / genSecs, QStringLiteral("1/s"),
                        events);

        QWebSocket ws;
        qint64 received = 0, lastSeq = 0, frames = 0;
        bool ordered = true;
        QEventLoop loop;
        QObject::connect(&ws, &QWebSocket::textMessageReceived, &loop, [&](const QString &text) {
            ++frames;
            const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
            auto take = [&](const QJsonObject &env) {
                const qint64 seq = env.value(QLatin1String("seq")).toInteger();
                ordered = ordered && seq == lastSeq + 1;
                lastSeq = seq;
                ++received;
            };
            if (doc.isArray()) {
                for (const QJsonValue &v : doc.array())
                    take(v.toObject());
            } else {
                take(doc.object());
            }
            if (received >= events)
                loop.quit();
        });
        QTimer guard;
        guard.setSingleShot(true);
        QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
        guard.start(120000);
        QElapsedTimer t;
        t.start();
        ws.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/tmf-api/event/v4/stream?since=0").arg(server.port())));
        loop.exec();
        const double secs = t.nsecsElapsed() / 1e9;
        ws.close();
        if (received < events || !ordered) {
            reporter.note(QStringLiteral("stream incomplete: %1 of %2 events, ordered=%3")
                              .arg(received)
                              .arg(events)
                              .arg(ordered));
            return 1;
        }
        reporter.report(QStringLiteral("stream_events_per_s"), received / secs, QStringLiteral("1/s"),
                        received);
        reporter.report(QStringLiteral("stream_events_per_frame"), double(received) / double(frames),
                        QStringLiteral("events"));
    }

    // 2) listing a large alarm table in pages (what an initial sync does)
    {
        ServerConfig cfg;
        cfg.elements = 5000;
        cfg.alarmRate = 0;
        cfg.simulate = false;
        cfg.initialAlarms = listAlarms;
        QElapsedTimer pre;
        pre.start();
        ThreadedServer server(cfg);
        if (!server.ok()) {
            reporter.note(QStringLiteral("opsim failed to start: ") + server.error());
            return 1;
        }
        reporter.report(QStringLiteral("preload_alarms_per_s"), listAlarms / (pre.nsecsElapsed() / 1e9),
                        QStringLiteral("1/s"), listAlarms);
        QNetworkAccessManager nam;
        const int limit = 5000;
        qint64 got = 0, bytes = 0, total = -1;
        QElapsedTimer t;
        t.start();
        for (qint64 offset = 0; total < 0 || offset < total; offset += limit) {
            QNetworkReply *reply = nam.get(QNetworkRequest(
                QUrl(QStringLiteral("http://127.0.0.1:%1/tmf-api/alarm/v4/alarm?offset=%2&limit=%3")
                         .arg(server.port())
                         .arg(offset)
                         .arg(limit))));
            QEventLoop loop;
            QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
            loop.exec();
            const QByteArray body = reply->readAll();
            total = reply->rawHeader("X-Total-Count").toLongLong();
            bytes += body.size();
            got += QJsonDocument::fromJson(body).array().size();
            reply->deleteLater();
            if (reply->error() != QNetworkReply::NoError)
                break;
        }
        const double secs = t.nsecsElapsed() / 1e9;
        if (got != listAlarms) {
            reporter.note(QStringLiteral("listing incomplete: %1 of %2").arg(got).arg(listAlarms));
            return 1;
        }
        reporter.report(QStringLiteral("list_alarms_per_s"), got / secs, QStringLiteral("1/s"), got);
        reporter.report(QStringLiteral("list_mb_per_s"), bytes / secs / 1e6, QStringLiteral("MB/s"), got);
    }
    // 3) opsim's own cost of a live storm
    return runOpsimStorm(options, reporter);
}

} // namespace

NOC_BENCH_SUITE("opsim", "opsim event stream, alarm generation, alarm listing and its own cost of a storm",
                runOpsim);
