// noc-bench opsim: how fast opsim serves what the console's own benchmarks consume, so that opsim is
// never the limit. The server runs in its own thread; the client (this thread) reads over loopback.
//   stream_events_per_s   events the WebSocket stream delivers to one client, received and parsed
//   alarm_generate_per_s  alarms the simulator raises and stores (with their events)
//   list_alarms_per_s     alarms listed over HTTP in pages of 5000 (an initial sync of the alarm list)
#include "bench_registry.h"

#include "opsim_server.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
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

int runOpsim(const noc::bench::BenchOptions &options, noc::bench::BenchReporter &reporter) {
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
    return 0;
}

} // namespace

NOC_BENCH_SUITE("opsim", "opsim event stream, alarm generation and alarm listing throughput", runOpsim);
