// The event channel: GET /events?since=, the WebSocket /stream?since= (resume, live push, batching),
// ResyncRequired when since is older than retention, and a restarted sequence.
#include "opsim_test_util.h"

#include <QTest>

using namespace noc::opsim;
using namespace noc::opsim::test;

namespace {
const QString A = QStringLiteral("/tmf-api/alarm/v4");
const QString E = QStringLiteral("/tmf-api/event/v4");

void verifyStrictlyIncreasing(const QList<QJsonObject> &events) {
    for (qsizetype i = 1; i < events.size(); ++i)
        QVERIFY2(events[i].value("seq").toInteger() > events[i - 1].value("seq").toInteger(),
                 "seq not increasing");
}
} // namespace

class OpsimEventsTest : public QObject {
    Q_OBJECT

    QString raisedAlarm(ServerFixture &f, int index = 0) {
        return f.get(A + QStringLiteral("/alarm?state=raised&limit=50"))
            .array()
            .at(index)
            .toObject()
            .value("id")
            .toString();
    }

private slots:
    void eventsSinceReturnsChangesInOrder() {
        ServerFixture f;
        QVERIFY2(f.ok, qPrintable(f.error));
        const qint64 s0 = f.server->stats().lastSeq;
        QStringList changed;
        for (int i = 0; i < 3; ++i) {
            changed << raisedAlarm(f, i);
            QCOMPARE(f.patch(A + QStringLiteral("/alarm/") + changed.last(), R"({"ackState":"acknowledged"})")
                         .status,
                     200);
        }
        const HttpReply r = f.get(E + QStringLiteral("/events?since=%1").arg(s0));
        QCOMPARE(r.status, 200);
        const QJsonArray arr = r.array();
        QCOMPARE(arr.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const QJsonObject env = arr[i].toObject();
            QCOMPARE(env.value("seq").toInteger(), s0 + 1 + i);
            QCOMPARE(env.value("eventType").toString(), QStringLiteral("AlarmAttributeValueChangeEvent"));
            QVERIFY(!env.value("eventId").toString().isEmpty());
            QVERIFY(!env.value("eventTime").toString().isEmpty());
            QCOMPARE(env.value("event").toObject().value("alarm").toObject().value("id").toString(),
                     changed[i]);
        }
        // limit
        QCOMPARE(f.get(E + QStringLiteral("/events?since=%1&limit=2").arg(s0)).array().size(), 2);
        QCOMPARE(f.get(E + QStringLiteral("/events?since=abc")).status, 400);
        QCOMPARE(f.get(E + QStringLiteral("/events?limit=0")).status, 400);
    }

    void sinceOlderThanRetentionAnswersResyncRequired() {
        ServerConfig cfg = ServerFixture::quietConfig();
        cfg.eventRetention = 5;
        ServerFixture f(cfg);
        QVERIFY(f.ok);
        for (int i = 0; i < 10; ++i)
            f.patch(A + QStringLiteral("/alarm/") + raisedAlarm(f, i), R"({"alarmDetails":"touched"})");
        const qint64 last = f.server->stats().lastSeq;
        QCOMPARE(last, 10);
        const HttpReply stale = f.get(E + QStringLiteral("/events?since=0"));
        QCOMPARE(stale.object().value("eventType").toString(), QStringLiteral("ResyncRequired"));
        QCOMPARE(stale.object().value("latestSeq").toInteger(), last);
        const HttpReply ok = f.get(E + QStringLiteral("/events?since=%1").arg(last - 3));
        QCOMPARE(ok.array().size(), 3);
        QCOMPARE(f.get(E + QStringLiteral("/events?since=%1").arg(last - 5)).array().size(),
                 5); // oldest retained
        // a since from the future (another server's sequence) also needs a resync
        QCOMPARE(f.get(E + QStringLiteral("/events?since=%1").arg(last + 100))
                     .object()
                     .value("eventType")
                     .toString(),
                 QStringLiteral("ResyncRequired"));
    }

    void streamResumesFromSinceThenPushesLiveChanges() {
        ServerFixture f;
        QVERIFY(f.ok);
        const qint64 s0 = f.server->stats().lastSeq;
        f.patch(A + QStringLiteral("/alarm/") + raisedAlarm(f, 0), R"({"alarmDetails":"before connect 1"})");
        f.patch(A + QStringLiteral("/alarm/") + raisedAlarm(f, 1), R"({"alarmDetails":"before connect 2"})");
        // When a client connects with since = s0
        StreamClient c(streamUrl(*f.server, s0));
        QVERIFY(c.waitConnected());
        QVERIFY(c.waitForMessages(2));
        // And a change happens while it is connected
        f.patch(A + QStringLiteral("/alarm/") + raisedAlarm(f, 2), R"({"alarmDetails":"live"})");
        QVERIFY(c.waitForMessages(3));
        const auto evs = c.events();
        QCOMPARE(evs.size(), 3);
        QCOMPARE(evs[0].value("seq").toInteger(), s0 + 1);
        verifyStrictlyIncreasing(evs);
        QCOMPARE(evs[2].value("event").toObject().value("alarm").toObject().value("alarmDetails").toString(),
                 QStringLiteral("live"));
        QCOMPARE(f.server->stats().streamClients, 1);
    }

    void streamBatchesIntoArrayFramesUnderLoad() {
        ServerFixture f;
        QVERIFY(f.ok);
        // Given a storm that produced many events
        f.server->triggerStorm(20000, 5);
        QTest::qWait(150);
        f.server->tick();
        const qint64 last = f.server->stats().lastSeq;
        QVERIFY(last > 600);
        // When a client resumes from 0
        StreamClient c(streamUrl(*f.server, 0));
        QVERIFY(c.waitConnected());
        QVERIFY(c.waitForMessages(int(last), 20000));
        const auto evs = c.events();
        QCOMPARE(evs.size(), int(last));
        for (int i = 0; i < evs.size(); ++i)
            QCOMPARE(evs[i].value("seq").toInteger(), qint64(i + 1));
        // Then the events came batched, several per frame
        QVERIFY(c.arrayFrames > 0);
        QVERIFY(c.frames < evs.size() / 10);
        QCOMPARE(c.invalidFrames, 0);
    }

    void streamWithStaleSinceStartsWithResyncRequired() {
        ServerConfig cfg = ServerFixture::quietConfig();
        cfg.eventRetention = 3;
        ServerFixture f(cfg);
        QVERIFY(f.ok);
        for (int i = 0; i < 6; ++i)
            f.patch(A + QStringLiteral("/alarm/") + raisedAlarm(f, i), R"({"alarmDetails":"x"})");
        StreamClient c(streamUrl(*f.server, 1));
        QVERIFY(c.waitConnected());
        QVERIFY(c.waitForMessages(1));
        QCOMPARE(c.messages.first().value("eventType").toString(), QStringLiteral("ResyncRequired"));
        QCOMPARE(c.messages.first().value("latestSeq").toInteger(), 6);
        // and it continues with live events after the latest seq
        f.patch(A + QStringLiteral("/alarm/") + raisedAlarm(f, 7), R"({"alarmDetails":"y"})");
        QVERIFY(c.waitForMessages(2));
        QCOMPARE(c.messages[1].value("seq").toInteger(), 7);
    }

    void restartedSequenceMakesClientsResync() {
        ServerFixture f;
        QVERIFY(f.ok);
        for (int i = 0; i < 4; ++i)
            f.patch(A + QStringLiteral("/alarm/") + raisedAlarm(f, i), R"({"alarmDetails":"x"})");
        StreamClient c(streamUrl(*f.server));
        QVERIFY(c.waitConnected());
        QCOMPARE(f.post(QStringLiteral("/control/restartSequence"), "{}").status, 200);
        QVERIFY(c.waitForMessages(1));
        QCOMPARE(c.messages.first().value("eventType").toString(), QStringLiteral("ResyncRequired"));
        QCOMPARE(f.get(E + QStringLiteral("/events?since=4")).object().value("eventType").toString(),
                 QStringLiteral("ResyncRequired"));
        f.patch(A + QStringLiteral("/alarm/") + raisedAlarm(f, 5), R"({"alarmDetails":"after restart"})");
        QVERIFY(c.waitForMessages(2));
        QCOMPARE(c.messages[1].value("seq").toInteger(), 1);
        QCOMPARE(f.get(E + QStringLiteral("/events?since=0")).array().size(), 1);
    }

    void streamWithoutUpgradeIsNotServedAsJson() {
        ServerFixture f;
        QVERIFY(f.ok);
        QCOMPARE(f.get(E + QStringLiteral("/stream")).status, 426);
    }
};

QTEST_GUILESS_MAIN(OpsimEventsTest)
#include "opsim_events_test.moc"
