// noc-bench stream-parse: the console's per-event cost of reading the live stream, without the
// network, the cache or opsim competing for the cores. opsim generates alarm events (as in a storm:
// AlarmCreateEvents, plus the changes and clears of its ticks), the bench takes them as the stream
// delivers them (JSON-array frames of up to 500 envelopes, handed over by QWebSocket as QString) and
// times, on this thread alone:
// - stream_parse_us_per_event: EventFrameParser (simdjson, decoded into domain records), the path
//   the sync thread runs for every frame;
// - stream_parse_qt_us_per_event: the same frames through QString::toUtf8 + QJsonDocument + the same
//   decoders, i.e. what the sync thread did per frame before simdjson (the reference reading).
// `events=N` (default 200,000; --quick 50,000), `rounds=R` (default 5; the best round counts).
#include "bench_registry.h"

#include "sync/event_frame.h"

#include "opsim_server.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <limits>

using namespace noc;

namespace {

QByteArray get(QNetworkAccessManager &nam, const QUrl &url) {
    QNetworkReply *reply = nam.get(QNetworkRequest(url));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

int runStreamParse(const bench::BenchOptions &options, bench::BenchReporter &reporter) {
    const qint64 wanted = options.value(QStringLiteral("events"), options.quick ? 50000 : 200000);
    const int rounds = int(options.value(QStringLiteral("rounds"), 5));
    opsim::ServerConfig config;
    config.elements = 5000;
    config.simulate = false;
    config.alarmRate = 0;
    config.timeScale = 1000; // the ticks below clear and change some of the alarms
    config.eventRetention = wanted + 100000;
    config.maxLimit = 500;
    opsim::Server server(config);
    QString error;
    if (!server.start(&error)) {
        reporter.note("opsim failed: " + error);
        return 1;
    }
    while (server.stats().lastSeq < wanted) {
        server.generateAlarms(5000);
        server.tick();
    }
    // The frames as the stream sends them: arrays of up to 500 envelopes (opsim's maxBatch).
    QNetworkAccessManager nam;
    QList<QString> frames;
    qint64 events = 0;
    const QString base = server.baseUrl().toString() + QStringLiteral("/tmf-api/event/v4/events");
    for (qint64 since = 0; since < server.stats().lastSeq; since += 500) {
        const QByteArray page = get(nam, QUrl(base + QStringLiteral("?since=%1&limit=500").arg(since)));
        if (page.isEmpty() || page.front() != '[') {
            reporter.note(QStringLiteral("opsim sent no event page after %1").arg(since));
            return 1;
        }
        frames.append(QString::fromUtf8(page));
    }
    EventFrameParser parser;
    int skipped = 0;
    for (const QString &frame : std::as_const(frames))
        events += parser.parse(QStringView(frame), &skipped, &error).size();
    reporter.note(QStringLiteral("%1 events in %2 frames, %3 bytes per event")
                      .arg(events)
                      .arg(frames.size())
                      .arg(frames.isEmpty() ? 0 : frames.first().toUtf8().size() / 500));

    const auto best = [&](auto &&parseAll) {
        double bestNs = std::numeric_limits<double>::max();
        for (int round = 0; round < rounds; ++round) {
            QElapsedTimer timer;
            timer.start();
            qint64 decoded = 0;
            for (const QString &frame : std::as_const(frames))
                decoded += parseAll(frame);
            bestNs = std::min(bestNs, double(timer.nsecsElapsed()));
            if (decoded != events)
                return -1.0;
        }
        return bestNs / 1000.0 / double(events);
    };
    const double fast =
        best([&](const QString &frame) { return parser.parse(QStringView(frame), &skipped, &error).size(); });
    const double reference = best([&](const QString &frame) {
        return EventFrameParser::parseWithQt(frame.toUtf8(), &skipped, &error).size();
    });
    if (fast < 0 || reference < 0) {
        reporter.note("the two readings decoded different numbers of events");
        return 1;
    }
    reporter.report("stream_parse_us_per_event", fast, "us", events);
    reporter.report("stream_parse_qt_us_per_event", reference, "us", events);
    return 0;
}

} // namespace

NOC_BENCH_SUITE("stream-parse",
                "the live stream's per-event parse + decode cost on one thread (simdjson vs QJsonDocument)",
                runStreamParse);
