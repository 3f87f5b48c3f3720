#include "bench_registry.h"

#include "domain/tmf_codec.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <vector>

// noc-bench codec: the TMF642 alarm decoder alone, the way ingest drives it (pages of alarm JSON as
// a server sends them), so a slow decode shows up here before it hides inside the ingest figure.
namespace {

using namespace noc;

constexpr int kPageSize = 500; // the profile's default list limit

// One page of generated alarms as JSON text, with the variety real servers send: 3GPP upper-case
// enums, numeric ids, comments, parents, cleared alarms.
QByteArray generatePage(QRandomGenerator &random, int first, int count) {
    static const char *const severities[] = {"critical", "major", "minor", "warning", "CRITICAL", "Major"};
    static const char *const types[] = {"communicationsAlarm", "EQUIPMENT_ALARM", "qualityOfServiceAlarm",
                                        "environmentalAlarm", "processingErrorAlarm"};
    const EpochMs base = tmf::parseTime(u"2026-11-22T00:00:00Z");
    QJsonArray page;
    for (int i = first; i < first + count; ++i) {
        const EpochMs raised = base + EpochMs(random.bounded(86'400'000));
        QJsonObject a{
            {"id", i % 4 == 0 ? QJsonValue(i) : QJsonValue(QStringLiteral("A-%1").arg(i))},
            {"href", QStringLiteral("/tmf-api/alarm/v4/alarm/A-%1").arg(i)},
            {"@type", "Alarm"},
            {"externalAlarmId", QStringLiteral("ems-%1").arg(i)},
            {"state", i % 10 == 0 ? "cleared" : "raised"},
            {"perceivedSeverity", i % 10 == 0 ? "cleared" : severities[random.bounded(6)]},
            {"alarmType", types[random.bounded(5)]},
            {"probableCause", "lossOfSignal"},
            {"specificProblem", QStringLiteral("LOS on port ge-0/0/%1").arg(random.bounded(48))},
            {"alarmedObjectType", "Router"},
            {"alarmedObject", QJsonObject{{"id", QStringLiteral("NE-%1").arg(random.bounded(50'000))},
                                          {"href", "/resource/NE"}}},
            {"sourceSystemId", "ems-1"},
            {"alarmRaisedTime", tmf::formatTime(raised)},
            {"alarmReportingTime", tmf::formatTime(raised + 150)},
            {"alarmChangedTime", tmf::formatTime(raised + 1000)},
            {"ackState", i % 3 == 0 ? "acknowledged" : "unacknowledged"},
            {"isRootCause", i % 7 == 0},
            {"serviceAffecting", i % 5 == 0},
        };
        if (i % 10 == 0)
            a.insert("alarmClearedTime", tmf::formatTime(raised + 60'000));
        if (i % 20 == 0)
            a.insert("parentAlarm", QJsonArray{QJsonObject{{"id", QStringLiteral("A-%1").arg(i - 1)}}});
        if (i % 10 == 1)
            a.insert("comment", QJsonArray{QJsonObject{{"userId", "ops"},
                                                       {"time", tmf::formatTime(raised + 5000)},
                                                       {"comment", "dispatched"}}});
        page.append(a);
    }
    return QJsonDocument(page).toJson(QJsonDocument::Compact);
}

int runCodec(const bench::BenchOptions &options, bench::BenchReporter &reporter) {
    const int total = options.quick ? 50'000 : 200'000;
    QRandomGenerator random(20261122);
    std::vector<QByteArray> pages;
    qint64 bytes = 0;
    for (int first = 0; first < total; first += kPageSize) {
        pages.push_back(generatePage(random, first, std::min(kPageSize, total - first)));
        bytes += pages.back().size();
    }
    reporter.note(QStringLiteral("%1 alarms in %2 pages of %3, %4 bytes of JSON per alarm")
                      .arg(total)
                      .arg(pages.size())
                      .arg(kPageSize)
                      .arg(bytes / total));

    // Parse and decode are timed separately: the parse is Qt's, the decode is ours.
    qint64 parseNs = 0, decodeNs = 0;
    qint64 decoded = 0, rejected = 0, checksum = 0;
    QElapsedTimer timer;
    for (const QByteArray &text : pages) {
        timer.start();
        const QJsonArray page = QJsonDocument::fromJson(text).array();
        parseNs += timer.nsecsElapsed();
        timer.start();
        for (const QJsonValue &value : page) {
            QString error;
            if (const auto alarm = tmf::decodeAlarm(value.toObject(), &error)) {
                ++decoded;
                // Keeps the decode observable so the optimiser cannot drop it.
                checksum +=
                    severityRank(alarm->perceivedSeverity) + alarm->id.size() + alarm->alarmChangedTime % 7;
            } else {
                ++rejected;
            }
        }
        decodeNs += timer.nsecsElapsed();
    }
    if (rejected != 0 || decoded != total) {
        reporter.note(QStringLiteral("unexpected: %1 decoded, %2 rejected").arg(decoded).arg(rejected));
        return 1;
    }
    reporter.note(QStringLiteral("checksum %1").arg(checksum));

    reporter.report("alarms_decoded_per_s", double(decoded) * 1e9 / double(decodeNs), "1/s", decoded);
    reporter.report("decode_us_per_alarm", double(decodeNs) / 1e3 / double(decoded), "us", decoded);
    reporter.report("alarms_parsed_and_decoded_per_s", double(decoded) * 1e9 / double(parseNs + decodeNs),
                    "1/s", decoded);

    // The time codec on its own: it runs four times per alarm on ingest.
    const int times = options.quick ? 200'000 : 1'000'000;
    std::vector<QString> texts;
    texts.reserve(1000);
    for (int i = 0; i < 1000; ++i)
        texts.push_back(tmf::formatTime(1'700'000'000'000 + qint64(random.bounded(1'000'000'000))));
    EpochMs sum = 0;
    timer.start();
    for (int i = 0; i < times; ++i)
        sum += tmf::parseTime(texts[std::size_t(i % 1000)]);
    const qint64 parseTimeNs = timer.nsecsElapsed();
    qint64 length = 0;
    timer.start();
    for (int i = 0; i < times; ++i)
        length += tmf::formatTime(1'700'000'000'000 + i).size();
    const qint64 formatTimeNs = timer.nsecsElapsed();
    reporter.note(QStringLiteral("time checksums %1 %2").arg(sum).arg(length));
    reporter.report("parse_time_ns", double(parseTimeNs) / times, "ns", times);
    reporter.report("format_time_ns", double(formatTimeNs) / times, "ns", times);
    return 0;
}

} // namespace

NOC_BENCH_SUITE("codec", "decode throughput", runCodec);
