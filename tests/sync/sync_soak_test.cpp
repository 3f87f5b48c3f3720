// A bounded randomized soak: server faults, connection cuts, client restarts and user actions mixed
// for NOC_SOAK_SECONDS (default 40). It must end with cache == server and every outbox entry applied
// at most once (exactly once unless the server refused it). The seed is printed; set NOC_SOAK_SEED to
// replay a failure.
#include "sync_test_support.h"

#include "sync/local_actions.h"

#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>

using namespace noc;
using namespace noc::test;

class SyncSoakTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void faultsRestartsAndActionsStillConverge() {
        const quint32 seed = qEnvironmentVariableIsSet("NOC_SOAK_SEED")
                                 ? qEnvironmentVariableIntValue("NOC_SOAK_SEED")
                                 : QRandomGenerator::global()->generate();
        const int seconds = qEnvironmentVariableIsSet("NOC_SOAK_SECONDS")
                                ? qEnvironmentVariableIntValue("NOC_SOAK_SECONDS")
                                : 40;
        qInfo("soak seed %u for %d s (replay with NOC_SOAK_SEED=%u)", seed, seconds, seed);
        QRandomGenerator random(seed);

        opsim::ServerConfig config = syncServerConfig(120, 800, 60);
        config.simulate = true;
        config.alarmRate = 20;
        config.tickMs = 100;
        config.seed = seed;
        opsim::test::ServerFixture server(config);
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        const QString cache = dir.filePath("soak.sqlite");
        auto client = std::make_unique<Client>(server.server->baseUrl(), cache);
        QVERIFY(client->waitSynced(60000));

        QStringList uuids;
        QElapsedTimer clock;
        clock.start();
        int actions = 0, restarts = 0, cuts = 0;
        while (clock.elapsed() < seconds * 1000) {
            const int dice = random.bounded(100);
            if (dice < 40) {
                // A user action on a few alarms, online or not
                CacheReader reader;
                if (reader.open(cache)) {
                    const QList<Alarm> alarms = reader.alarmPage({}, 30).alarms;
                    if (!alarms.isEmpty()) {
                        const Alarm alarm = alarms[random.bounded(int(alarms.size()))];
                        const actions::Context context{"soak", "noc-console", 0};
                        const CacheBatch batch = dice < 20 ? actions::acknowledgeAlarms({alarm}, context)
                                                 : dice < 30
                                                     ? actions::commentAlarms({alarm}, "soak", context)
                                                     : actions::clearAlarms({alarm}, context);
                        for (const OutboxEntry &entry : batch.outboxInserts)
                            uuids << entry.uuid;
                        client->session.submit(batch);
                        ++actions;
                    }
                }
            } else if (dice < 50) {
                server.server->setFaults(0, random.bounded(30) / 100.0, random.bounded(10) / 100.0,
                                         random.bounded(10) / 100.0);
            } else if (dice < 55) {
                server.server->setFaults(0, 0, 0, 0);
            } else if (dice < 60) {
                server.server->cutConnections(1);
                ++cuts;
            } else if (dice < 65) {
                client.reset(); // the console closes (queued writes are kept) ...
                client = std::make_unique<Client>(server.server->baseUrl(), cache); // ... and starts again
                ++restarts;
            } else if (dice < 68) {
                server.server->triggerFault(random.bounded(2) ? "fibreCut" : "flap");
            }
            QTest::qWait(50 + random.bounded(250));
        }

        // Quiet end: no faults, simulator paused; everything must settle.
        server.server->setFaults(0, 0, 0, 0);
        server.server->setPaused(true);
        qInfo("soak: %d actions, %d restarts, %d cuts", actions, restarts, cuts);
        QTRY_VERIFY_WITH_TIMEOUT(client->isLive() && client->last.pending == 0 && client->drained(), 90000);
        QTRY_VERIFY2_WITH_TIMEOUT(
            cacheCounts(cache) == serverCounts(*server.server),
            qPrintable(QStringLiteral("seed %1: cache %2, server %3")
                           .arg(seed)
                           .arg(QString::fromLatin1(toString(cacheCounts(cache))),
                                QString::fromLatin1(toString(serverCounts(*server.server))))),
            30000);

        CacheReader reader;
        QVERIFY(reader.open(cache));
        for (const OutboxEntry &entry : reader.outbox())
            QVERIFY2(entry.state != OutboxState::Pending, qPrintable("still pending: " + entry.uuid));
        // Each action is accounted for: applied once, or visibly refused (failed / conflict), or
        // answered by the server as a no-op success (acknowledging an alarm someone else already
        // acknowledged applies nothing): then the server holds an answer for its key.
        QSet<QString> visible;
        for (const OutboxEntry &entry : reader.outbox())
            if (entry.state == OutboxState::Failed || entry.state == OutboxState::Conflict)
                visible.insert(entry.uuid);
        for (const QString &uuid : uuids) {
            const int applied = server.server->appliedCount(uuid);
            QVERIFY2(
                applied <= 1,
                qPrintable(QStringLiteral("seed %1: %2 applied %3 times").arg(seed).arg(uuid).arg(applied)));
            if (applied == 1 || visible.contains(uuid))
                continue;
            const QJsonObject key = server.get("/control/idempotency?key=" + uuid).object();
            QVERIFY2(key["known"].toBool(),
                     qPrintable(QStringLiteral("seed %1: action %2 never reached the server and is not shown")
                                    .arg(seed)
                                    .arg(uuid)));
        }
    }
};

QTEST_GUILESS_MAIN(SyncSoakTest)
#include "sync_soak_test.moc"
