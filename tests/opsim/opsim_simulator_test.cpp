// The simulated network: deterministic topology for a seed, cascading faults with a flagged root cause,
// site power failures, storms, and tickets opened for service-affecting root causes.
#include "opsim_test_util.h"

#include <QTest>

using namespace noc::opsim;
using namespace noc::opsim::test;

namespace {
const QString A = QStringLiteral("/tmf-api/alarm/v4");
const QString T = QStringLiteral("/tmf-api/troubleTicket/v4");
const QString R = QStringLiteral("/tmf-api/resourceInventoryManagement/v4");

ServerConfig netConfig(quint64 seed, int elements) {
    ServerConfig cfg = ServerFixture::quietConfig();
    cfg.seed = seed;
    cfg.elements = elements;
    cfg.initialAlarms = 0;
    cfg.initialTickets = 0;
    return cfg;
}

// The topology without the parts that depend on port and time.
QStringList fingerprint(ServerFixture &f) {
    QStringList out;
    const QJsonArray all = f.get(R + QStringLiteral("/resource?limit=10000")).array();
    for (const QJsonValue &v : all) {
        QJsonObject o = v.toObject();
        o.remove("href");
        o.remove("lastUpdate");
        o.remove("place");
        o.remove("resourceRelationship");
        out << QString::fromUtf8(compact(o));
    }
    return out;
}
} // namespace

class OpsimSimulatorTest : public QObject {
    Q_OBJECT

private slots:
    void sameSeedBuildsTheSameNetwork() {
        ServerFixture a(netConfig(11, 300)), b(netConfig(11, 300)), c(netConfig(12, 300));
        QVERIFY(a.ok && b.ok && c.ok);
        const QStringList fa = fingerprint(a);
        QCOMPARE(fingerprint(b), fa);
        QVERIFY(fingerprint(c) != fa);
    }

    void elementCountLayersAndNamesFollowTheRequest() {
        ServerFixture f(netConfig(3, 1200));
        QVERIFY(f.ok);
        const QJsonArray all =
            f.get(R + QStringLiteral("/resource?@type=PhysicalResource&limit=10000")).array();
        QCOMPARE(all.size(), 1200);
        QSet<QString> layers, categories, names;
        const QRegularExpression nameRe(QStringLiteral("^[A-Z]{2}-[A-Z]{2,4}-[A-Z]{2,4}-\\d{2,4}$"));
        for (const QJsonValue &v : all) {
            const QJsonObject o = v.toObject();
            categories.insert(o.value("category").toString());
            names.insert(o.value("name").toString());
            QVERIFY2(nameRe.match(o.value("name").toString()).hasMatch(),
                     qPrintable(o.value("name").toString()));
            for (const QJsonValue &c : o.value("resourceCharacteristic").toArray())
                if (c.toObject().value("name").toString() == QLatin1String("layer"))
                    layers.insert(c.toObject().value("value").toString());
        }
        QCOMPARE(names.size(), 1200); // unique names
        QCOMPARE(layers, QSet<QString>({"core", "aggregation", "access"}));
        for (const char *cat : {"router", "switch", "olt", "bts", "microwave"})
            QVERIFY2(categories.contains(QLatin1String(cat)), cat);
        const int links =
            f.get(R + QStringLiteral("/resource?category=link&limit=1")).header("X-Total-Count").toInt();
        QVERIFY(links >= 1200);
        QVERIFY(f.get(R + QStringLiteral("/resource?category=site&limit=1")).header("X-Total-Count").toInt() >
                100);
    }

    void fibreCutRaisesRootCauseWithCorrelatedChildrenAndATicket() {
        ServerFixture f(netConfig(5, 400));
        QVERIFY(f.ok);
        const QJsonObject res = f.post(QStringLiteral("/control/fault?kind=fibreCut"), "{}").object();
        const QString root = res.value("rootAlarmId").toString();
        QVERIFY(!root.isEmpty());
        const QJsonObject r = f.get(A + QStringLiteral("/alarm/") + root).object();
        QCOMPARE(r.value("isRootCause").toBool(), true);
        QCOMPARE(r.value("serviceAffecting").toBool(), true);
        QCOMPARE(r.value("probableCause").toString(), QStringLiteral("lossOfSignal"));
        const QJsonArray corr = r.value("correlatedAlarm").toArray();
        QVERIFY(corr.size() >= 2); // far end LOS + at least one downstream element
        const QJsonObject farEnd =
            f.get(A + QStringLiteral("/alarm/") + corr[0].toObject().value("id").toString()).object();
        QCOMPARE(farEnd.value("probableCause").toString(), QStringLiteral("lossOfSignal"));
        QVERIFY(farEnd.value("alarmedObject").toObject().value("id") !=
                r.value("alarmedObject").toObject().value("id"));
        const HttpReply children =
            f.get(A + QStringLiteral("/alarm?parentAlarm.id=") + root + QStringLiteral("&limit=1000"));
        QCOMPARE(children.array().size(), corr.size());
        for (const QJsonValue &c : children.array())
            QCOMPARE(c.toObject().value("isRootCause").toBool(), false);
        // the link went down
        const QString ne = r.value("alarmedObject").toObject().value("id").toString();
        Q_UNUSED(ne);
        QVERIFY(f.get(R + QStringLiteral("/resource?category=link&operationalState=disable"))
                    .header("X-Total-Count")
                    .toInt() >= 1);
        // a ticket was opened for the root cause with an SLA
        const HttpReply tt = f.get(T + QStringLiteral("/troubleTicket?relatedEntity.id=") + root);
        QCOMPARE(tt.array().size(), 1);
        const QJsonObject t = tt.array().first().toObject();
        QCOMPARE(t.value("status").toString(), QStringLiteral("acknowledged"));
        QCOMPARE(t.value("priority").toString(), QStringLiteral("Critical"));
        QVERIFY(!t.value("expectedResolutionDate").toString().isEmpty());
    }

    void sitePowerFailureTakesDownEveryElementAtTheSite() {
        ServerFixture f(netConfig(5, 400));
        QVERIFY(f.ok);
        const QString root = f.post(QStringLiteral("/control/fault?kind=powerFailure"), "{}")
                                 .object()
                                 .value("rootAlarmId")
                                 .toString();
        const QJsonObject r = f.get(A + QStringLiteral("/alarm/") + root).object();
        QCOMPARE(r.value("probableCause").toString(), QStringLiteral("powerSupplyFailure"));
        const QString site = r.value("place").toArray().first().toObject().value("id").toString();
        const QJsonArray atSite = f.get(R + QStringLiteral("/resource?place.id=") + site).array();
        QVERIFY(atSite.size() >= 2);
        for (const QJsonValue &e : atSite)
            QCOMPARE(e.toObject().value("operationalState").toString(), QStringLiteral("disable"));
        QCOMPARE(r.value("correlatedAlarm").toArray().size(), atSite.size() - 1);
    }

    void backgroundAlarmsFollowTheRateAndAreRealistic() {
        ServerConfig cfg = netConfig(9, 300);
        cfg.alarmRate = 200;
        ServerFixture f(cfg);
        QVERIFY(f.ok);
        QTest::qWait(200);
        f.server->tick();
        const QJsonArray alarms = f.get(A + QStringLiteral("/alarm?limit=1000")).array();
        QVERIFY2(alarms.size() >= 20, qPrintable(QString::number(alarms.size())));
        static const QStringList types = {
            "communicationsAlarm", "processingErrorAlarm", "environmentalAlarm",   "qualityOfServiceAlarm",
            "equipmentAlarm",      "integrityViolation",   "operationalViolation", "physicalViolation",
            "securityService",     "mechanismViolation",   "timeDomainViolation"};
        for (const QJsonValue &v : alarms) {
            const QJsonObject a = v.toObject();
            QVERIFY(types.contains(a.value("alarmType").toString()));
            QVERIFY(QStringList({"critical", "major", "minor", "warning", "indeterminate"})
                        .contains(a.value("perceivedSeverity").toString()));
            QVERIFY(QStringList({"raised", "updated"}).contains(a.value("state").toString()));
            QCOMPARE(f.get(R + QStringLiteral("/resource/") +
                           a.value("alarmedObject").toObject().value("id").toString())
                         .status,
                     200);
        }
    }

    void ticketEngineAssignsProgressesAndClosesWhenTheRootCauseClears() {
        ServerConfig cfg = netConfig(21, 300);
        cfg.timeScale = 0.001; // seconds of simulated work become milliseconds
        ServerFixture f(cfg);
        QVERIFY(f.ok);
        QString root;
        QVERIFY(f.server->triggerFault(QStringLiteral("fibreCut"), &root));
        const QString ticket = f.get(T + QStringLiteral("/troubleTicket?relatedEntity.id=") + root)
                                   .array()
                                   .first()
                                   .toObject()
                                   .value("id")
                                   .toString();
        QVERIFY(!ticket.isEmpty());
        // When time passes
        QJsonObject t;
        for (int i = 0; i < 300; ++i) {
            QTest::qWait(10);
            f.server->tick();
            t = f.get(T + QStringLiteral("/troubleTicket/") + ticket).object();
            if (t.value("status").toString() == QLatin1String("closed"))
                break;
        }
        // Then the root cause and its children cleared, and the ticket went through the workflow
        QCOMPARE(f.get(A + QStringLiteral("/alarm/") + root).object().value("state").toString(),
                 QStringLiteral("cleared"));
        QCOMPARE(f.get(A + QStringLiteral("/alarm?parentAlarm.id=") + root +
                       QStringLiteral("&state=raised,updated"))
                     .header("X-Total-Count")
                     .toInt(),
                 0);
        QCOMPARE(t.value("status").toString(), QStringLiteral("closed"));
        QStringList history;
        for (const QJsonValue &c : t.value("statusChange").toArray())
            history << c.toObject().value("status").toString();
        QCOMPARE(history.first(), QStringLiteral("acknowledged"));
        QVERIFY(history.contains(QStringLiteral("inProgress")));
        QCOMPARE(history.mid(history.size() - 2), QStringList({"resolved", "closed"}));
        QSet<QString> roles;
        for (const QJsonValue &p : t.value("relatedParty").toArray())
            roles.insert(p.toObject().value("role").toString() + u'/' +
                         p.toObject().value("@referredType").toString());
        QVERIFY(roles.contains(QStringLiteral("assignee/Individual")));
        QVERIFY(roles.contains(QStringLiteral("team/Team")));
        QVERIFY(!t.value("resolutionDate").toString().isEmpty());
        // the link came back
        QCOMPARE(f.get(R + QStringLiteral("/resource?category=link&operationalState=disable"))
                     .header("X-Total-Count")
                     .toInt(),
                 0);
    }

    // The demo's past: the last hours at the background rate, cleared after the live lifetimes.
    void recentHistoryFollowsTheRateOverTheWholeWindow() {
        ServerConfig cfg = netConfig(5, 300);
        cfg.alarmRate = 0.5;
        cfg.historyHours = 2;
        cfg.simulate = false;
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        ServerFixture f(cfg);
        QVERIFY(f.ok);
        const QJsonArray alarms = f.get(A + QStringLiteral("/alarm?limit=10000")).array();
        // 3,600 expected (a Poisson count: standard deviation 60).
        QVERIFY2(alarms.size() > 3300 && alarms.size() < 3900, qPrintable(QString::number(alarms.size())));
        const qint64 windowStart = before - 2 * 3600 * 1000;
        QList<int> perTwelveMinutes(10, 0);
        int open = 0;
        for (const QJsonValue &v : alarms) {
            const QJsonObject a = v.toObject();
            const qint64 raised =
                QDateTime::fromString(a.value("alarmRaisedTime").toString(), Qt::ISODateWithMs)
                    .toMSecsSinceEpoch();
            QVERIFY(raised >= windowStart && raised <= QDateTime::currentMSecsSinceEpoch());
            ++perTwelveMinutes[qBound(0, int((raised - windowStart) / (12 * 60 * 1000)), 9)];
            if (a.value("state").toString() == QLatin1String("cleared")) {
                const qint64 cleared =
                    QDateTime::fromString(a.value("alarmClearedTime").toString(), Qt::ISODateWithMs)
                        .toMSecsSinceEpoch();
                QVERIFY2(cleared - raised >= 30000 && cleared - raised <= 600000,
                         qPrintable(QString::number(cleared - raised)));
            } else {
                ++open; // still within its lifetime: raised in the last ten minutes
                QVERIFY2(raised > before - 600000, qPrintable(a.value("alarmRaisedTime").toString()));
            }
        }
        for (int n : perTwelveMinutes) // 360 expected in each (standard deviation 19)
            QVERIFY2(n > 270 && n < 450, qPrintable(QString::number(n)));
        QVERIFY2(open > 50 && open < 300, qPrintable(QString::number(open))); // ~ 0.5/s × 315 s
    }

    void backgroundAlarmsAutoClear() {
        ServerConfig cfg = netConfig(22, 300);
        cfg.alarmRate = 500;
        cfg.timeScale = 0.001;
        ServerFixture f(cfg);
        QVERIFY(f.ok);
        QTest::qWait(100);
        f.server->tick();
        const int raised =
            f.get(A + QStringLiteral("/alarm?state=raised,updated&limit=1")).header("X-Total-Count").toInt();
        QVERIFY(raised > 10);
        QTest::qWait(700); // longest auto-clear is 600 simulated seconds = 600 ms here
        f.server->tick();
        QVERIFY(f.get(A + QStringLiteral("/alarm?state=cleared&limit=1")).header("X-Total-Count").toInt() >=
                raised);
    }

    void stormRaisesManyAlarmsQuickly() {
        ServerFixture f(netConfig(9, 300));
        QVERIFY(f.ok);
        f.server->triggerStorm(10000, 3);
        QTest::qWait(100);
        f.server->tick();
        QVERIFY(f.server->stats().alarms >= 500);
    }

    void aStormAlarmIsAFullRecordAndItsEventsCarryItAsStored() {
        // Given a storm whose alarms clear within a second (storm alarms are written as JSON text)
        ServerConfig cfg = netConfig(9, 300);
        cfg.timeScale = 0.01; // 10-60 s of auto-clear become 0.1-0.6 s
        ServerFixture f(cfg);
        QVERIFY(f.ok);
        const qint64 before = f.server->stats().lastSeq;
        f.server->triggerStorm(2000, 1);
        QTest::qWait(200);
        f.server->tick();
        // When the first raised alarm is read back and its create event is looked at
        const QJsonArray events =
            f.get(QStringLiteral("/tmf-api/event/v4/events?since=%1&limit=1").arg(before)).array();
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].toObject().value("eventType").toString(), QStringLiteral("AlarmCreateEvent"));
        const QJsonObject created = events[0].toObject().value("event").toObject().value("alarm").toObject();
        const QString id = created.value("id").toString();
        const QJsonObject stored = f.get(A + QStringLiteral("/alarm/") + id).object();
        // Then the event carries the stored record, a complete alarm of the element it is on
        QCOMPARE(created, stored);
        QVERIFY(id.startsWith(QStringLiteral("ALM-")));
        QVERIFY(stored.value("href").toString().endsWith(QStringLiteral("/alarm/") + id));
        QCOMPARE(stored.value("state").toString(), QStringLiteral("raised"));
        QCOMPARE(stored.value("@type").toString(), QStringLiteral("Alarm"));
        QCOMPARE(stored.value("alarmRaisedTime"), stored.value("alarmChangedTime"));
        QVERIFY(stored.value("externalAlarmId")
                    .toString()
                    .endsWith(u':' + QString::number(id.mid(4).toLongLong())));
        const QString elementId = stored.value("alarmedObject").toObject().value("id").toString();
        const QJsonObject element = f.get(R + QStringLiteral("/resource/") + elementId).object();
        QCOMPARE(element.value("id").toString(), elementId);
        const QJsonObject site = stored.value("place").toArray().at(0).toObject();
        QCOMPARE(stored.value("alarmDetails").toString(),
                 element.value("name").toString() + u' ' + stored.value("specificProblem").toString() +
                     QStringLiteral(" at ") + site.value("name").toString());
        for (const char *key : {"perceivedSeverity", "probableCause", "alarmType", "alarmedObjectType",
                                "sourceSystemId", "reportingSystemId", "ackState"})
            QVERIFY2(!stored.value(QLatin1String(key)).toString().isEmpty(), key);
        // ... and when it auto-clears, the clear event carries the same record with the clear's members
        QTRY_VERIFY_WITH_TIMEOUT(
            (f.server->tick(),
             f.get(A + QStringLiteral("/alarm/") + id).object().value("state").toString() == "cleared"),
            5000);
        const QJsonObject cleared = f.get(A + QStringLiteral("/alarm/") + id).object();
        QJsonObject expected = stored;
        expected.insert("state", "cleared");
        expected.insert("clearSystemId", "opsim");
        expected.insert("alarmClearedTime", cleared.value("alarmClearedTime"));
        expected.insert("alarmChangedTime", cleared.value("alarmClearedTime"));
        QCOMPARE(cleared, expected);
        QVERIFY(cleared.value("alarmClearedTime").toString() > stored.value("alarmChangedTime").toString());
        bool found = false;
        for (qint64 since = before;;) {
            const QJsonArray page =
                f.get(QStringLiteral("/tmf-api/event/v4/events?since=%1&limit=1000").arg(since)).array();
            if (page.isEmpty())
                break;
            for (const QJsonValue &v : page) {
                const QJsonObject env = v.toObject();
                since = env.value("seq").toInteger();
                if (env.value("eventType").toString() == QLatin1String("AlarmStateChangeEvent") &&
                    env.value("event").toObject().value("alarm").toObject().value("id").toString() == id) {
                    QCOMPARE(env.value("event").toObject().value("alarm").toObject(), cleared);
                    found = true;
                }
            }
        }
        QVERIFY(found);
    }

    void aStormTickRaisesABoundedShareAndCarriesTheRest() {
        ServerFixture f(netConfig(9, 300));
        QVERIFY(f.ok);
        // Given a storm far above what one tick may raise, and half a second since the last tick
        f.server->triggerStorm(40000, 5);
        QTest::qWait(500);
        const qint64 before = f.server->stats().lastSeq;
        // When the simulator ticks once
        f.server->tick();
        const qint64 first = f.server->stats().lastSeq - before;
        // Then it raised at most its per-tick share (the thread must get back to sending events) ...
        QVERIFY2(first > 0 && first <= 1000, qPrintable(QString::number(first)));
        // ... and the alarms it owes to the rate come with the next ticks, without time passing
        for (int i = 0; i < 30; ++i)
            f.server->tick();
        const qint64 total = f.server->stats().lastSeq - before;
        QVERIFY2(total >= 40000 * 0.5 * 0.9, qPrintable(QString::number(total)));
    }
};

QTEST_GUILESS_MAIN(OpsimSimulatorTest)
#include "opsim_simulator_test.moc"
