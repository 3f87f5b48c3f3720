// `noc-console sync --once` as a real child process against a real opsim process: exit codes,
// a filled cache, and exactly-once replay when the console is killed with SIGKILL mid-replay.
#include "cache/cache_reader.h"
#include "opsim_process.h"
#include "sync/local_actions.h"
#include "sync/sync_session.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace noc;

namespace {
const QByteArray kToken = "headless-token";

// The opsim executable on a free loopback port, with the network these tests sync.
bool startServer(opsim::OpsimProcess &server, const QStringList &extra = {}) {
    return server.start(QStringList{"--token", QString::fromLatin1(kToken) + ":supervisor", "--elements",
                                    "60", "--alarms", "400", "--tickets", "20", "--no-sim", "--seed", "11"} +
                            extra,
                        15000);
}

struct RunResult {
    int exitCode = -1;
    QString stderrText;
};

QStringList syncArguments(const QUrl &url, const QString &tokenFile, const QString &cache) {
    return {"sync", "--once", "--api", url.toString(), "--token-file", tokenFile, "--cache", cache};
}

RunResult runConsole(const QStringList &arguments, int timeoutMs = 60000) {
    QProcess console;
    console.start(qEnvironmentVariable("NOC_CONSOLE"), arguments);
    RunResult result;
    if (!console.waitForFinished(timeoutMs)) {
        console.kill();
        console.waitForFinished();
        result.stderrText = "timed out";
        return result;
    }
    result.exitCode = console.exitCode();
    result.stderrText = QString::fromUtf8(console.readAllStandardError());
    return result;
}

QString writeTokenFile(const QTemporaryDir &dir, const QByteArray &token) {
    const QString path = dir.filePath("token");
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(token);
    file.close();
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return path;
}
} // namespace

class HeadlessSyncTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        if (qEnvironmentVariable("NOC_CONSOLE").isEmpty() || qEnvironmentVariable("NOC_OPSIM").isEmpty())
            QSKIP("NOC_CONSOLE and NOC_OPSIM are set by CTest; run this test through ctest");
    }

    void syncOnceFillsTheCacheAndExitsZero() {
        // Given a server and an empty cache path
        opsim::OpsimProcess server;
        QVERIFY2(startServer(server), qPrintable(server.error()));
        QTemporaryDir dir;
        const QString cache = dir.filePath("field.sqlite");

        // When the engineer runs the headless sync
        const RunResult run = runConsole(syncArguments(server.url(), writeTokenFile(dir, kToken), cache));

        // Then it exits 0 with progress on stderr, and the cache holds what the server holds
        QVERIFY2(run.exitCode == 0, qPrintable(run.stderrText));
        QVERIFY(run.stderrText.contains("sync: alarm"));
        const auto stats = server.stats();
        QVERIFY2(stats, qPrintable(server.error()));
        CacheReader reader;
        QVERIFY(reader.open(cache));
        QCOMPARE(reader.alarmCount(false), qint64(stats->value("alarms").toDouble()));
        QCOMPARE(qint64(reader.tickets({}, -1, false).size()), qint64(stats->value("tickets").toDouble()));
    }

    void refusedTokenExitsThreeWithAReason() {
        opsim::OpsimProcess server;
        QVERIFY2(startServer(server), qPrintable(server.error()));
        QTemporaryDir dir;
        const RunResult run =
            runConsole(syncArguments(server.url(), writeTokenFile(dir, "wrong"), dir.filePath("c.sqlite")));
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.stderrText.contains("token"), qPrintable(run.stderrText));
    }

    void unreachableServerExitsFourWithAReason() {
        QUrl deadUrl;
        {
            opsim::OpsimProcess server;
            QVERIFY2(startServer(server), qPrintable(server.error()));
            deadUrl = server.url();
        }
        QTemporaryDir dir;
        const RunResult run =
            runConsole(syncArguments(deadUrl, writeTokenFile(dir, kToken), dir.filePath("c.sqlite")));
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.stderrText.contains("unreachable"), qPrintable(run.stderrText));
    }

    void worldReadableTokenFileIsRefused() {
        QTemporaryDir dir;
        const QString token = writeTokenFile(dir, kToken);
        QFile::setPermissions(token,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
        const RunResult run =
            runConsole(syncArguments(QUrl("http://127.0.0.1:9"), token, dir.filePath("c.sqlite")));
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.stderrText.contains("chmod 600"));
    }

    void killedDuringReplayStillAppliesEachActionExactlyOnce() {
        // Given a synced cache and 150 acknowledgements made offline
        opsim::OpsimProcess server;
        QVERIFY2(startServer(server, {"--alarms", "1500"}), qPrintable(server.error()));
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        const QString tokenFile = writeTokenFile(dir, kToken);
        QCOMPARE(runConsole(syncArguments(server.url(), tokenFile, cache)).exitCode, 0);
        QStringList uuids;
        {
            CacheReader reader;
            QVERIFY(reader.open(cache));
            AlarmFilter unacked;
            unacked.ack = AckState::Unacknowledged;
            unacked.activeOnly = false;
            const QList<Alarm> alarms = reader.alarmPage(unacked, 150).alarms;
            QCOMPARE(alarms.size(), 150);
            ConnectionProfile offlineProfile;
            offlineProfile.cachePath = cache;
            SyncSession offline(offlineProfile, QString());
            QVERIFY(offline.openCache());
            offline.start();
            for (const Alarm &alarm : alarms) { // one action per alarm, as a busy shift would
                const CacheBatch batch =
                    actions::acknowledgeAlarms({alarm}, {"night.shift", "noc-console", 0});
                uuids << batch.outboxInserts.first().uuid;
                offline.submit(batch);
            }
            offline.stop();
        }
        // ... and a slow link, so that the replay takes seconds
        QVERIFY2(server.setLatency(25), qPrintable(server.error()));

        // When the console is killed with SIGKILL in the middle of the replay
        QProcess console;
        console.start(qEnvironmentVariable("NOC_CONSOLE"), syncArguments(server.url(), tokenFile, cache));
        // Nothing when /control/stats failed: the wait ends at once and the test says why (not 60 s
        // of "0 applied").
        const auto actionsApplied = [&server]() -> std::optional<int> {
            const auto stats = server.stats();
            if (!stats)
                return std::nullopt;
            return stats->value("actionsApplied").toInt();
        };
        QElapsedTimer timer;
        timer.start();
        std::optional<int> applied;
        while ((applied = actionsApplied()) && *applied < 30 && timer.elapsed() < 60000)
            QTest::qWait(50);
        console.kill();
        QVERIFY(console.waitForFinished(5000));
        QVERIFY2(applied, qPrintable(server.error()));
        const std::optional<int> appliedAtKill = actionsApplied();
        QVERIFY2(appliedAtKill, qPrintable(server.error()));
        QVERIFY2(*appliedAtKill >= 30 && *appliedAtKill < 150, qPrintable(QString::number(*appliedAtKill)));

        // ... and started again
        QVERIFY2(server.setLatency(0), qPrintable(server.error()));
        const RunResult again = runConsole(syncArguments(server.url(), tokenFile, cache));
        QVERIFY2(again.exitCode == 0, qPrintable(again.stderrText));

        // Then every acknowledgement was applied exactly once, and the outbox is empty
        for (const QString &uuid : uuids) {
            const auto key = server.idempotency(uuid);
            QVERIFY2(key, qPrintable(server.error()));
            QVERIFY2(key->value("applied").toInt() == 1,
                     qPrintable(uuid + " applied " + QString::number(key->value("applied").toInt())));
        }
        QCOMPARE(actionsApplied(), 150);
        CacheReader reader;
        QVERIFY(reader.open(cache));
        QVERIFY(reader.outbox().isEmpty());
        QVERIFY(reader.pendingAlarmIds().isEmpty());
    }
};

QTEST_GUILESS_MAIN(HeadlessSyncTest)
#include "headless_sync_test.moc"
