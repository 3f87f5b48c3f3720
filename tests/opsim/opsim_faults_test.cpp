// Fault injection (error, drop, malformed, latency, cut) and the loopback control endpoint.
#include "opsim_test_util.h"

#include <QElapsedTimer>
#include <QTest>
#include <QUuid>

using namespace noc::opsim;
using namespace noc::opsim::test;

namespace {
const QString A = QStringLiteral("/tmf-api/alarm/v4");
} // namespace

class OpsimFaultsTest : public QObject {
    Q_OBJECT
    std::unique_ptr<ServerFixture> f;

private slots:
    void init() {
        f = std::make_unique<ServerFixture>();
        QVERIFY2(f->ok, qPrintable(f->error));
    }
    void cleanup() { f.reset(); }

    void errorRateAnswers500Or503WithTmfError() {
        QCOMPARE(f->post(QStringLiteral("/control/faults?errorRate=1"), "{}").status, 200);
        QSet<int> seen;
        for (int i = 0; i < 20; ++i) {
            const HttpReply r = f->get(A + QStringLiteral("/alarm?limit=1"));
            QVERIFY(r.status == 500 || r.status == 503);
            QVERIFY(!r.object().value("code").toString().isEmpty());
            if (r.status == 503)
                QCOMPARE(r.header("Retry-After"), QByteArray("1"));
            seen.insert(r.status);
        }
        QCOMPARE(seen.size(), 2);
        // the control endpoint itself is never faulted
        QCOMPARE(f->post(QStringLiteral("/control/faults?errorRate=0"), "{}").status, 200);
        QCOMPARE(f->get(A + QStringLiteral("/alarm?limit=1")).status, 206);
    }

    void droppedResponseStillAppliesOnceAndReplaysOnRetry() {
        const QString id = f->get(A + QStringLiteral("/alarm?state=raised&limit=1"))
                               .array()
                               .first()
                               .toObject()
                               .value("id")
                               .toString();
        const QByteArray key = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
        f->server->setFaults(0, 0, 1.0, 0);
        // When the connection drops mid-response
        const HttpReply dropped = f->patch(A + QStringLiteral("/alarm/") + id,
                                           R"({"comment":[{"comment":"once"}]})", {{"Idempotency-Key", key}});
        QVERIFY(dropped.error != QNetworkReply::NoError);
        f->server->setFaults(0, 0, 0, 0);
        // Then the retry with the same key gets the stored answer, and the comment exists once
        const HttpReply retry = f->patch(A + QStringLiteral("/alarm/") + id,
                                         R"({"comment":[{"comment":"once"}]})", {{"Idempotency-Key", key}});
        QCOMPARE(retry.status, 200);
        QCOMPARE(retry.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(f->get(A + QStringLiteral("/alarm/") + id).object().value("comment").toArray().size(), 1);
        QCOMPARE(f->server->appliedCount(QString::fromLatin1(key)), 1);
        const QJsonObject stats = f->get(QStringLiteral("/control/stats")).object();
        QCOMPARE(stats.value("actionsApplied").toInteger(), 1);
        QCOMPARE(stats.value("idempotentReplays").toInteger(), 1);
    }

    void malformedRateSendsInvalidJson() {
        f->server->setFaults(0, 0, 0, 1.0);
        const HttpReply r = f->get(A + QStringLiteral("/alarm?limit=3"));
        QCOMPARE(r.status, 206);
        QJsonParseError pe;
        QJsonDocument::fromJson(r.body, &pe);
        QVERIFY(pe.error != QJsonParseError::NoError);
        // frames on the stream too
        StreamClient c(streamUrl(*f->server, 0));
        QVERIFY(c.waitConnected());
        f->server->setFaults(0, 0, 0, 0);
        const QString alarm = f->get(A + QStringLiteral("/alarm?state=raised&limit=1"))
                                  .array()
                                  .first()
                                  .toObject()
                                  .value("id")
                                  .toString();
        f->server->setFaults(0, 0, 0, 1.0);
        f->patch(A + QStringLiteral("/alarm/") + alarm, R"({"alarmDetails":"x"})");
        QTRY_VERIFY_WITH_TIMEOUT(c.invalidFrames > 0, 5000);
    }

    void latencyDelaysAnswers() {
        f->server->setFaults(300, 0, 0, 0);
        QElapsedTimer t;
        t.start();
        QCOMPARE(f->get(A + QStringLiteral("/alarm?limit=1")).status, 206);
        QVERIFY(t.elapsed() >= 250);
    }

    void cutClosesConnectionsForAWhileThenRecovers() {
        StreamClient c(streamUrl(*f->server));
        QVERIFY(c.waitConnected());
        QCOMPARE(f->post(QStringLiteral("/control/cut?seconds=1"), "{}").status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(c.disconnected, 5000);
        const HttpReply during = f->get(A + QStringLiteral("/alarm?limit=1"));
        QVERIFY(during.error != QNetworkReply::NoError);
        QCOMPARE(f->get(QStringLiteral("/control/stats")).status, 200); // control stays reachable
        QTest::qWait(1200);
        QCOMPARE(f->get(A + QStringLiteral("/alarm?limit=1")).status, 206);
        StreamClient again(streamUrl(*f->server));
        QVERIFY(again.waitConnected());
    }

    void controlTriggersStormAndPause() {
        const qint64 before = f->get(QStringLiteral("/control/stats")).object().value("alarms").toInteger();
        QCOMPARE(f->post(QStringLiteral("/control/storm?rate=5000&seconds=2"), "{}").status, 200);
        QTest::qWait(100);
        QCOMPARE(f->post(QStringLiteral("/control/tick"), "{}").status, 200);
        const qint64 after = f->get(QStringLiteral("/control/stats")).object().value("alarms").toInteger();
        QVERIFY(after > before + 100);
        QCOMPARE(f->post(QStringLiteral("/control/pause"), "{}").status, 200);
        QTest::qWait(100);
        f->post(QStringLiteral("/control/tick"), "{}");
        QCOMPARE(f->get(QStringLiteral("/control/stats")).object().value("alarms").toInteger(), after);
        QCOMPARE(f->post(QStringLiteral("/control/resume"), "{}").status, 200);
        QCOMPARE(f->post(QStringLiteral("/control/nonsense"), "{}").status, 404);
        QCOMPARE(f->post(QStringLiteral("/control/fault?kind=meteor"), "{}").status, 400);
    }
};

QTEST_GUILESS_MAIN(OpsimFaultsTest)
#include "opsim_faults_test.moc"
