// The event stream's frame parser (simdjson, sync/event_frame.h) against the QJsonDocument reading
// of the same frames: envelope by envelope, field by field (EventEnvelope's == compares every field
// of the decoded record), on opsim's own event output and on hand-written edge cases. Both readings
// go through the same decoders (domain/tmf_decode.h); what this proves is that the two JSON views
// feed them the same values.

#include "../opsim/opsim_test_util.h"
#include "domain/tmf_codec.h"
#include "sync/event_frame.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrl>

// Declared before the frames below: moc does not read C++ raw strings.
using namespace noc;

class EventFrameTest : public QObject {
    Q_OBJECT

private slots:
    void agreesOnOpsimEvents();
    void agreesOnEdgeCases_data();
    void agreesOnEdgeCases();
    void decodesWhatTheFrameSays();
    void agreesOnOpsimListPages();
    void agreesOnEdgePages();
};

using namespace noc::opsim::test;

namespace {

const QString kEvents = QStringLiteral("/tmf-api/event/v4/events");

QString describe(const EventEnvelope &e) {
    return QStringLiteral("%1 seq %2 target %3 delete %4 id '%5' record %6 rejection '%7'")
        .arg(e.eventType)
        .arg(e.seq)
        .arg(int(e.target))
        .arg(e.isDelete)
        .arg(e.recordId)
        .arg(e.record.index())
        .arg(e.rejection);
}

struct Reading {
    QList<EventEnvelope> envelopes;
    int skipped = 0;
    QString error;
    bool fallback = false;
};

Reading fast(EventFrameParser &parser, const QByteArray &frame) {
    Reading r;
    r.envelopes = parser.parse(QByteArrayView(frame), &r.skipped, &r.error);
    r.fallback = parser.usedFallback();
    return r;
}

Reading reference(const QByteArray &frame) {
    Reading r;
    r.envelopes = EventFrameParser::parseWithQt(frame, &r.skipped, &r.error);
    return r;
}

// Both readings of `frame` agree; returns false (after a QTest failure) when they do not.
bool agree(EventFrameParser &parser, const QByteArray &frame, bool expectFallback = false) {
    const Reading a = fast(parser, frame);
    const Reading b = reference(frame);
    // The same frame as QWebSocket hands it over (UTF-16) takes the same path.
    int skippedText = 0;
    QString errorText;
    const QList<EventEnvelope> fromText =
        parser.parse(QStringView(QString::fromUtf8(frame)), &skippedText, &errorText);
    [&] {
        QCOMPARE(a.fallback, expectFallback);
        QCOMPARE(a.skipped, b.skipped);
        QCOMPARE(a.error, b.error);
        QCOMPARE(a.envelopes.size(), b.envelopes.size());
        for (qsizetype i = 0; i < a.envelopes.size(); ++i)
            QVERIFY2(
                a.envelopes[i] == b.envelopes[i],
                qPrintable(QStringLiteral("envelope %1 differs:\n  simdjson: %2\n  Qt:       %3\n  frame: %4")
                               .arg(i)
                               .arg(describe(a.envelopes[i]), describe(b.envelopes[i]),
                                    QString::fromUtf8(frame.left(600)))));
        QCOMPARE(skippedText, b.skipped);
        QVERIFY(fromText == b.envelopes);
    }();
    return !QTest::currentTestFailed();
}

QByteArray alarmFrame(const QByteArray &alarmMembers, const QByteArray &envelopeExtra = {}) {
    return R"({"eventType":"AlarmCreateEvent","seq":1,"eventTime":"2026-11-22T10:00:00Z")" + envelopeExtra +
           R"(,"event":{"alarm":{)" + alarmMembers + "}}}";
}

} // namespace

// opsim's generator output (alarms raised, changed and cleared, faults with their resource state
// changes, tickets opened and progressed), as /events pages (arrays of up to 500 envelopes) and
// as single-envelope frames.
void EventFrameTest::agreesOnOpsimEvents() {
    opsim::ServerConfig cfg = ServerFixture::quietConfig();
    cfg.elements = 300;
    cfg.initialAlarms = 0;
    cfg.timeScale = 2000; // auto-clears, repairs and ticket steps within the test's ticks
    cfg.alarmRate = 400;
    ServerFixture f(cfg);
    QVERIFY2(f.ok, qPrintable(f.error));
    QVERIFY(f.server->generateAlarms(1500) > 0);
    for (const char *fault : {"fibreCut", "powerFailure", "flap", "fibreCut"})
        QVERIFY(f.server->triggerFault(QString::fromLatin1(fault)));
    for (int i = 0; i < 30; ++i) {
        QTest::qWait(20);
        f.server->tick();
    }
    const qint64 last = f.server->stats().lastSeq;
    QVERIFY2(last > 1500, qPrintable(QString::number(last)));

    EventFrameParser parser;
    QHash<int, int> targets; // EventEnvelope::Target -> decoded records
    int deletes = 0;
    int rejected = 0;
    qint64 seen = 0;
    for (qint64 since = 0; since < last;) {
        const HttpReply page = f.get(kEvents + QStringLiteral("?since=%1&limit=500").arg(since));
        QCOMPARE(page.status, 200);
        if (!agree(parser, page.body))
            return;
        int skipped = 0;
        QString error;
        const QList<EventEnvelope> envelopes = parser.parse(QByteArrayView(page.body), &skipped, &error);
        QCOMPARE(skipped, 0);
        QVERIFY(!envelopes.isEmpty());
        for (const EventEnvelope &e : envelopes) {
            QCOMPARE(e.seq, since + 1);
            since = e.seq;
            ++seen;
            if (e.isDelete)
                ++deletes;
            else if (e.record.index() == 0)
                ++rejected;
            else
                ++targets[int(e.target)];
        }
        // Single-envelope frames, and the REST decoders on each payload.
        const QJsonArray items = QJsonDocument::fromJson(page.body).array();
        for (qsizetype i = 0; i < items.size(); i += 7) {
            const QJsonObject envelope = items.at(i).toObject();
            if (!agree(parser, QJsonDocument(envelope).toJson(QJsonDocument::Compact)))
                return;
            const QJsonObject alarm = envelope.value("event").toObject().value("alarm").toObject();
            if (const auto *decoded = std::get_if<Alarm>(&envelopes.at(i).record))
                QVERIFY(tmf::decodeAlarm(alarm) == *decoded);
        }
    }
    QCOMPARE(seen, last);
    QCOMPARE(rejected, 0);
    // The generator's output covered every kind of record the stream carries.
    QVERIFY2(targets.value(int(EventEnvelope::Target::Alarm)) > 1000, "alarm events");
    QVERIFY2(targets.value(int(EventEnvelope::Target::Resource)) > 0, "resource events");
    QVERIFY2(targets.value(int(EventEnvelope::Target::Ticket)) > 0, "ticket events");
    Q_UNUSED(deletes);
}

void EventFrameTest::agreesOnEdgeCases_data() {
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<bool>("fallback");
    const auto row = [](const char *name, const QByteArray &frame, bool fallback = false) {
        QTest::newRow(name) << frame << fallback;
    };
    row("escapes and unicode",
        alarmFrame(
            R"("id":"A-\u00e9\"1\"","perceivedSeverity":"major",)"
            R"("specificProblem":"Fibre \"cut\" at \u00e9t\u00e9 \ud83d\udce1 \\ \/ \b\f\n\r\t 中文 ✓",)"
            R"("alarmedObject":{"id":"NE-\u4e2d"},"probableCause":"\u0000x")"));
    row("minimal alarm", alarmFrame(R"("id":"A-1","perceivedSeverity":"critical")"));
    row("unknown fields",
        alarmFrame(R"("id":"A-2","x-vendor":{"a":[1,2,{"b":null}],"c":true},"perceivedSeverity":"MINOR",)"
                   R"("@baseType":"Alarm","alarmType":"COMMUNICATIONS_ALARM")",
                   R"(,"x-trace":[1,{"z":2}],"domain":"alarm")"));
    row("numbers as strings and strings as numbers",
        R"({"eventType":"AlarmChangeEvent","seq":"17","event":{"alarm":{"id":8044,"perceivedSeverity":"major",)"
        R"("externalAlarmId":12.5,"specificProblem":-0,"alarmedObject":{"id":1.0},"sourceSystemId":true,)"
        R"("isRootCause":"yes","serviceAffecting":1,"alarmRaisedTime":1795000000,)"
        R"("alarmChangedTime":1795000000123.4,"alarmReportingTime":"2026-11-22T10:00:00.123456+05:30",)"
        R"("alarmClearedTime":" 2026-11-22t10:00Z ","parentAlarm":[{"id":12345678901234567890},7,"P-1"],)"
        R"("correlatedAlarm":{"id":9007199254740993},"comment":[{"comment":"c","time":"2026-11-22 10:00:00"}]}}})");
    row("non-ASCII space around a time",
        alarmFrame(
            R"("id":"A-3","perceivedSeverity":"warning","alarmRaisedTime":"\u00a02026-11-22T10:00:00Z\u2003")"));
    row("nulls", alarmFrame(R"("id":"A-4","perceivedSeverity":"major","state":null,"alarmedObject":null,)"
                            R"("comment":null,"ackState":null,"isRootCause":null,"specificProblem":null)"));
    row("null severity", alarmFrame(R"("id":"A-5","perceivedSeverity":null)"));
    row("unknown severity", alarmFrame(R"("id":"A-6","perceivedSeverity":["critical"])"));
    row("no id", alarmFrame(R"("perceivedSeverity":"major")"));
    row("wrong types",
        alarmFrame(R"("id":"A-7","perceivedSeverity":"major","alarmType":["x"],"comment":{"comment":"one"},)"
                   R"("parentAlarm":"A-1","alarmedObject":["NE-1",{"id":"NE-2"}],"state":5,)"
                   R"("alarmRaisedTime":{"t":1},"ackState":"ACKNOWLEDGED","isRoot":true)"));
    row("alarmed object array of objects",
        alarmFrame(R"("id":"A-8","perceivedSeverity":"cleared","alarmedObject":[{"id":5}])"));
    row("duplicate keys: the last wins",
        alarmFrame(R"("id":"A-9","perceivedSeverity":"major","id":"A-10","perceivedSeverity":"minor")"));
    row("alarm payload not an object", R"({"eventType":"AlarmCreateEvent","seq":3,"event":{"alarm":"A-1"}})");
    row("no event member", R"({"eventType":"AlarmCreateEvent","seq":3})");
    row("delete events",
        R"([{"eventType":"AlarmDeleteEvent","seq":4,"event":{"alarm":{"id":77}}},)"
        R"({"eventType":"TroubleTicketDeleteEvent","seq":5,"event":{"troubleTicket":{"id":"T-1"}}},)"
        R"({"eventType":"ResourceDeleteEvent","seq":6,"event":{"resource":{"id":"NE-1"}}},)"
        R"({"eventType":"AlarmDeleteEvent","seq":7,"event":{}}])");
    row("unknown event type and resync",
        R"([{"eventType":"ServiceCreateEvent","seq":8,"event":{"service":{"id":"S"}}},)"
        R"({"eventType":"ResyncRequired","latestSeq":"99"},{"eventType":"ResyncRequired","latestSeq":12.6}])");
    row("bad envelopes are skipped, the rest kept",
        R"([1,{"eventType":"AlarmCreateEvent"},{"seq":9},{"eventType":7,"seq":9},)"
        R"({"eventType":"AlarmCreateEvent","seq":0},{"eventType":"AlarmCreateEvent","seq":-3},)"
        R"({"eventType":"AlarmCreateEvent","seq":"x"},null,)"
        R"({"eventType":"AlarmCreateEvent","seq":10,"event":{"alarm":{"id":"A-11","perceivedSeverity":"major"}}}])");
    row("tickets",
        R"([{"eventType":"TroubleTicketCreateEvent","seq":11,"event":{"troubleTicket":{"id":"T-1",)"
        R"("name":"Fibre cut \u2014 site 3","status":"InProgress","severity":"Critical","priority":1,)"
        R"("creationDate":"2026-11-22T10:00:00Z","expectedResolutionDate":1795003600,)"
        R"("relatedParty":[{"id":"u1","name":"Ann","role":"assignee","@referredType":"Individual"},)"
        R"({"role":"team","partyOrPartyRole":{"id":"t1","name":"Core","@referredType":"Team"}},{"name":"no id"}],)"
        R"("relatedEntity":{"role":"rootAlarm","entity":{"id":"A-1","@type":"Alarm"}},)"
        R"("note":[{"id":1,"author":"Ann","date":"2026-11-22T10:05:00Z","text":"on site"},"x"],)"
        R"("statusChange":[],"statusChangeHistory":[{"status":"acknowledged","statusChangeDate":"2026-11-22T10:00:00Z",)"
        R"("statusChangeReason":"new"},{"status":"bogus"}]}}},)"
        R"({"eventType":"TroubleTicketStateChangeEvent","seq":12,"event":{"troubleTicket":{"id":"T-2","status":"weird"}}},)"
        R"({"eventType":"TroubleTicketStateChangeEvent","seq":13,"event":{"troubleTicket":{"id":"T-3","status":null}}}])");
    row("resources",
        R"([{"eventType":"ResourceCreateEvent","seq":14,"event":{"resource":{"id":"NE-1","@type":"PhysicalResource",)"
        R"("category":"Router","name":"core-1","operationalState":"ENABLE","administrativeState":"Unlocked",)"
        R"("lastUpdate":"2026-11-22T10:00:00Z","resourceCharacteristic":[{"name":"vendor","value":"Nokia"},)"
        R"({"name":"layer","value":"CORE"},{"name":"slots","value":{"z":1,"a":[1.0,2.5e3,-0,1e-7,"s"]}},)"
        R"({"name":"ports","value":[48,true,null]},{"name":"rack","value":12},{"name":"","value":1},"x"],)"
        R"("place":[{"id":"S-9"},{"id":"S-1","role":"installedAt"}]}}},)"
        R"({"eventType":"ResourceCreateEvent","seq":15,"event":{"resource":{"id":"S-1","category":"site",)"
        R"("name":"Site 1","resourceCharacteristic":[{"name":"latitude","value":" 48.2 "},)"
        R"({"name":"longitude","value":200},{"name":"region","value":"North"}]}}},)"
        R"({"eventType":"ResourceStateChangeEvent","seq":16,"event":{"resource":{"id":"L-1","@type":"LogicalResource",)"
        R"("category":"link","resourceRelationship":[{"relationshipType":"aEnd","resource":{"id":"NE-1"}},)"
        R"({"relationshipType":"z_end","resource":"NE-2"}],"resourceCharacteristic":[{"name":"capacityBps","value":"1e10"},)"
        R"({"name":"utilization","value":-0.5}]}}},)"
        R"({"eventType":"ResourceStateChangeEvent","seq":17,"event":{"resource":{"id":"L-2","@type":"LogicalResource",)"
        R"("resourceRelationship":[{"relationshipType":"aEnd","resource":{"id":"NE-1"}}]}}},)"
        R"({"eventType":"ResourceCreateEvent","seq":18,"event":{"resource":{"id":42}}}])");
    row("empty array", "[]");
    // Frames simdjson refuses: read by QJsonDocument instead, with the same outcome.
    row("lone surrogate escape (Qt reads it, simdjson does not)",
        alarmFrame(R"("id":"A-12","perceivedSeverity":"major","specificProblem":"x\ud800y")"), true);
    row("truncated frame", R"({"eventType":"AlarmCreateEvent","seq":1,"event":{"alarm":{"id":)", true);
    row("not JSON", "garbage", true);
    row("number out of range", alarmFrame(R"("id":"A-13","perceivedSeverity":"major","x":1e400)"), true);
    row("trailing text", R"({"eventType":"ResyncRequired","latestSeq":1} x)", true);
}

void EventFrameTest::agreesOnEdgeCases() {
    QFETCH(QByteArray, frame);
    QFETCH(bool, fallback);
    EventFrameParser parser;
    agree(parser, frame, fallback);
}

// The fast path really decodes (not only agrees): spot checks of what the edge frames mean.
void EventFrameTest::decodesWhatTheFrameSays() {
    EventFrameParser parser;
    int skipped = 0;
    QString error;
    const QList<EventEnvelope> envelopes =
        parser.parse(QByteArrayView(alarmFrame(
                         R"("id":"A-1","perceivedSeverity":"CRITICAL","specificProblem":"\u00e9\n",)"
                         R"("alarmRaisedTime":"2026-11-22T10:00:00.5+01:00","alarmedObject":{"id":7})")),
                     &skipped, &error);
    QCOMPARE(skipped, 0);
    QCOMPARE(envelopes.size(), 1);
    QVERIFY(!parser.usedFallback());
    const auto *alarm = std::get_if<Alarm>(&envelopes[0].record);
    QVERIFY(alarm);
    QCOMPARE(alarm->id, QStringLiteral("A-1"));
    QCOMPARE(toString(alarm->perceivedSeverity), toString(Severity::Critical));
    QCOMPARE(alarm->specificProblem, QStringLiteral("\u00e9\n"));
    QCOMPARE(alarm->alarmedObjectId, QStringLiteral("7"));
    QCOMPARE(alarm->alarmRaisedTime, tmf::parseTime(u"2026-11-22T09:00:00.500Z"));

    const QList<EventEnvelope> bad = parser.parse(QByteArrayView("[1,{\"seq\":2}]"), &skipped, &error);
    QVERIFY(bad.isEmpty());
    QCOMPARE(skipped, 2);
    QCOMPARE(error, QStringLiteral("event envelope has no eventType"));
}

namespace {
bool pagesAgree(EventFrameParser &parser, const QByteArray &body, EventEnvelope::Target target,
                bool expectFallback = false) {
    const RecordPage fast = parser.parsePage(body, target);
    const bool fellBack = parser.usedFallback();
    const RecordPage reference = EventFrameParser::parsePageWithQt(body, target);
    [&] {
        QCOMPARE(fellBack, expectFallback);
        QCOMPARE(fast.ok, reference.ok);
        QCOMPARE(fast.lastId, reference.lastId);
        QCOMPARE(fast.items.size(), reference.items.size());
        for (qsizetype i = 0; i < fast.items.size(); ++i) {
            QCOMPARE(fast.items[i].rejection, reference.items[i].rejection);
            QVERIFY2(fast.items[i] == reference.items[i],
                     qPrintable(QStringLiteral("item %1 differs; page: %2")
                                    .arg(i)
                                    .arg(QString::fromUtf8(body.left(600)))));
        }
    }();
    return !QTest::currentTestFailed();
}
} // namespace

// The initial sync's list pages (alarms, tickets, resources of every kind) as opsim serves them.
void EventFrameTest::agreesOnOpsimListPages() {
    opsim::ServerConfig cfg = ServerFixture::quietConfig();
    cfg.elements = 200;
    cfg.initialAlarms = 1200;
    cfg.initialTickets = 150;
    ServerFixture f(cfg);
    QVERIFY2(f.ok, qPrintable(f.error));
    EventFrameParser parser;
    struct Collection {
        QString path;
        EventEnvelope::Target target;
    };
    const Collection collections[] = {
        {QStringLiteral("/tmf-api/alarm/v4/alarm"), EventEnvelope::Target::Alarm},
        {QStringLiteral("/tmf-api/troubleTicket/v4/troubleTicket"), EventEnvelope::Target::Ticket},
        {QStringLiteral("/tmf-api/resourceInventoryManagement/v4/resource"),
         EventEnvelope::Target::Resource}};
    QHash<qsizetype, int> kinds; // Record::index() -> records
    for (const Collection &c : collections) {
        QString cursor;
        for (;;) {
            QString query = QStringLiteral("?sort=id&limit=400");
            if (!cursor.isEmpty())
                query += QStringLiteral("&id.gt=") + QString::fromLatin1(QUrl::toPercentEncoding(cursor));
            const HttpReply reply = f.get(c.path + query);
            QVERIFY2(reply.status == 200 || reply.status == 206, qPrintable(QString::number(reply.status)));
            if (!pagesAgree(parser, reply.body, c.target))
                return;
            const RecordPage page = parser.parsePage(reply.body, c.target);
            QVERIFY(page.ok);
            for (const RecordPage::Item &item : page.items) {
                QVERIFY2(item.record.index() != 0, qPrintable(item.rejection));
                ++kinds[item.record.index()];
            }
            if (page.items.size() < 400)
                break;
            QVERIFY(page.lastId != cursor);
            cursor = page.lastId;
        }
    }
    QCOMPARE(kinds.value(1), 1200); // alarms
    QCOMPARE(kinds.value(2), 150);  // tickets
    QVERIFY(kinds.value(3) > 0);    // sites
    QCOMPARE(kinds.value(4), 200);  // elements
    QVERIFY(kinds.value(5) > 0);    // links
}

void EventFrameTest::agreesOnEdgePages() {
    using T = EventEnvelope::Target;
    EventFrameParser parser;
    QVERIFY(pagesAgree(parser, "[]", T::Alarm));
    QVERIFY(pagesAgree(parser, R"({"id":"A-1","perceivedSeverity":"major"})", T::Alarm));
    QVERIFY(pagesAgree(parser, "garbage", T::Alarm, true));
    QVERIFY(pagesAgree(
        parser, R"([{"id":"A-1","perceivedSeverity":"major"},{"id":8044,"perceivedSeverity":"minor"}])",
        T::Alarm));
    QVERIFY(pagesAgree(parser, R"([{"id":"A-1","perceivedSeverity":"major"},{"perceivedSeverity":"minor"}])",
                       T::Alarm));
    QVERIFY(pagesAgree(parser, R"([{"id":"A-1","perceivedSeverity":"major"},7])", T::Alarm));
    QVERIFY(pagesAgree(parser, R"([{"id":"A-1","perceivedSeverity":"major"},{"id":true}])", T::Alarm));
    QVERIFY(pagesAgree(parser, R"([{"id":"T-1","status":"held"},{"id":12.7,"status":"bogus"}])", T::Ticket));
    QVERIFY(pagesAgree(parser, R"([{"id":"S-1","category":"site"},{"id":"x"},null])", T::Resource));
    QVERIFY(pagesAgree(parser, R"([{"id":"A-1","perceivedSeverity":"major","specificProblem":"\ud800"}])",
                       T::Alarm, true));
    // What the cursor reads: the last element's id, a number as a whole number.
    QCOMPARE(parser.parsePage(R"([{"id":"b"},{"id":8044}])", T::Alarm).lastId, QStringLiteral("8044"));
    QCOMPARE(parser.parsePage(R"([{"id":"b"},{"id":"NE-9"}])", T::Resource).lastId, QStringLiteral("NE-9"));
    QVERIFY(!parser.parsePage(R"({"id":"b"})", T::Alarm).ok);
}

QTEST_GUILESS_MAIN(EventFrameTest)
#include "event_frame_test.moc"
