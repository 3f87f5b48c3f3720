// `--demo` starts its server in the background (issue 6): the window no longer waits the second or
// two the server takes to build its network and history, and the console syncs once it is ready.
#include "alarms/alarm_console.h"
#include "cache/cache_reader.h"
#include "demo_failure.h"
#include "demo_server.h"
#include "isolated_settings.h"
#include "sync/sync_session.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QMessageBox>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace noc;

namespace {

// The demo's set-up at a smaller scale: the same kinds of data, a quicker start and sync.
opsim::ServerConfig smallDemo() {
    opsim::ServerConfig config = DemoServer::demoConfig();
    config.elements = 100;
    config.historyHours = 1;
    config.initialAlarms = 200;
    config.initialTickets = 10;
    config.alarmRate = 0;
    return config;
}

ConnectionProfile demoProfile(const QTemporaryDir &dir) {
    ConnectionProfile profile;
    profile.name = QStringLiteral("demo");
    profile.cachePath = dir.filePath(QStringLiteral("demo.sqlite"));
    profile.userId = QString::fromLatin1(DemoServer::kDemoUser);
    profile.role = QStringLiteral("supervisor");
    return profile;
}

} // namespace

class DemoStartupTest : public QObject {
    Q_OBJECT
    test::IsolatedSettings m_settings; // the alarm console saves its layout

private slots:
    void initTestCase() { QVERIFY(m_settings.isValid()); }

    void startReturnsAtOnceAndTheSessionSyncsWhenTheServerIsReady() {
        // Given a started session without a server (the console's window is up at this point)
        QTemporaryDir dir;
        SyncSession session(demoProfile(dir), QString::fromLatin1(DemoServer::kToken));
        QVERIFY(session.openCache());
        session.start();
        DemoServer demo(smallDemo());
        connect(&demo, &DemoServer::ready, &session, &SyncSession::connectTo);
        QSignalSpy ready(&demo, &DemoServer::ready);
        QSignalSpy synced(&session, &SyncSession::initialSyncCompleted);
        // When the demo server is started
        demo.start();
        // Then start() returned before the server was up: no address yet, nothing announced
        QVERIFY(demo.isStarting());
        QVERIFY(demo.baseUrl().isEmpty());
        QCOMPARE(ready.size(), 0);
        // And once it is ready, the session connects, syncs and goes live
        QVERIFY(ready.wait(60000));
        QVERIFY(!demo.isStarting());
        QCOMPARE(ready.first().first().toUrl(), demo.baseUrl());
        QVERIFY(synced.wait(60000));
        QTRY_VERIFY_WITH_TIMEOUT(session.status().isLive(), 10000);
        CacheReader reader;
        QVERIFY(reader.open(session.cachePath()));
        QVERIFY(reader.alarmCount(false) >= 200);
        session.stop();
        demo.stop();
    }

    void theAlarmHeaderSaysConnectingWhileTheServerStartsAndLiveOnceSynced() {
        // Given the console's set-up while the demo server starts: a started session expecting its
        // server, and the alarm list on it
        QTemporaryDir dir;
        SyncSession session(demoProfile(dir), QString::fromLatin1(DemoServer::kToken));
        QVERIFY(session.openCache());
        session.start();
        session.expectServer();
        AlarmConsole alarms(session);
        auto *freshness = alarms.findChild<QLabel *>(QStringLiteral("alarmFreshness"));
        QVERIFY(freshness);
        // Then the header says it is connecting, not "never synced"
        QCOMPARE(session.status().phase, SyncPhase::Connecting);
        QCOMPARE(freshness->text(), QStringLiteral("connecting…"));
        // And when the server is ready the session connects and syncs, and no header said "never
        // synced" on the way; live at the end
        DemoServer demo(smallDemo());
        connect(&demo, &DemoServer::ready, &session, &SyncSession::connectTo);
        QStringList said;
        connect(&session, &SyncSession::statusChanged, this, [&] {
            if (said.isEmpty() || said.last() != freshness->text())
                said << freshness->text();
        });
        QSignalSpy synced(&session, &SyncSession::initialSyncCompleted);
        demo.start();
        QVERIFY(synced.wait(60000));
        QTRY_COMPARE_WITH_TIMEOUT(freshness->text(), QStringLiteral("live"), 10000);
        QVERIFY2(!said.contains(QStringLiteral("never synced")),
                 qPrintable(said.join(QStringLiteral(" | "))));
        QCOMPARE(said.first(), QStringLiteral("connecting…"));
        session.stop();
        demo.stop();
    }

    void aDemoServerThatFailsLeavesTheSessionOfflineAndSaysWhy() {
        // Given the console's set-up while the demo server starts: a session expecting its server, a
        // window, and the console's own handling of a failed start; the server's port is taken
        QTemporaryDir dir;
        SyncSession session(demoProfile(dir), QString::fromLatin1(DemoServer::kToken));
        QVERIFY(session.openCache());
        session.start();
        session.expectServer();
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost));
        opsim::ServerConfig config = smallDemo();
        config.port = taken.serverPort();
        DemoServer demo(config);
        QWidget window;
        int settled = 0;
        handleDemoServerFailure(demo, session, window, [&settled] { ++settled; });
        QSignalSpy failed(&demo, &DemoServer::failed);
        QSignalSpy changed(&session, &SyncSession::statusChanged);
        // When the server is started and cannot listen
        demo.start();
        QVERIFY(failed.wait(60000));
        // Then the session is offline again (the header: "never synced"), the caller was told once,
        // and a box on the window says why
        QCOMPARE(session.status().phase, SyncPhase::Offline);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(settled, 1);
        auto *box = window.findChild<QMessageBox *>(QStringLiteral("demoServerFailed"));
        QVERIFY(box);
        const QString error = failed.first().first().toString();
        QVERIFY(!error.isEmpty());
        QCOMPARE(box->text(), QStringLiteral("The demo server could not start: ") + error);
        session.stop();
    }

    void aSessionStoppedWhileExpectingItsServerIsOffline() {
        // Given a session expecting its server, which has not come yet
        QTemporaryDir dir;
        SyncSession session(demoProfile(dir), QString::fromLatin1(DemoServer::kToken));
        QVERIFY(session.openCache());
        session.start();
        session.expectServer();
        QCOMPARE(session.status().phase, SyncPhase::Connecting);
        QSignalSpy changed(&session, &SyncSession::statusChanged);
        // When it is stopped before any engine started
        session.stop();
        // Then it says Offline (no engine is left to leave "connecting"), and says so once
        QCOMPARE(session.status().phase, SyncPhase::Offline);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().value<SyncStatus>().phase, SyncPhase::Offline);
        session.stop();
        QCOMPARE(changed.size(), 1);
    }

    void stoppingWhileTheServerStartsEndsItCleanly() {
        // Given a demo server that is still starting
        DemoServer demo(smallDemo());
        QSignalSpy ready(&demo, &DemoServer::ready);
        QSignalSpy failed(&demo, &DemoServer::failed);
        demo.start();
        QVERIFY(demo.isStarting());
        // When the console closes at once
        QElapsedTimer stopping;
        stopping.start();
        demo.stop();
        // Then the server thread has ended (stop() waited for the start), and nothing is announced
        // afterwards to a console that is going away
        QVERIFY(!demo.isStarting());
        QTest::qWait(200);
        QCOMPARE(ready.size() + failed.size(), 0);
        qInfo("stop while starting took %lld ms", stopping.elapsed());
        demo.start(); // a stopped demo does not start again
        QVERIFY(!demo.isStarting());
    }

    void aServerThatCannotStartSaysWhy() {
        // Given the port the server must use is taken
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost));
        opsim::ServerConfig config = smallDemo();
        config.port = taken.serverPort();
        DemoServer demo(config);
        QSignalSpy ready(&demo, &DemoServer::ready);
        QSignalSpy failed(&demo, &DemoServer::failed);
        // When it is started
        demo.start();
        // Then failed() says why, and no ready() comes
        QVERIFY(failed.wait(60000));
        QVERIFY(!failed.first().first().toString().isEmpty());
        QCOMPARE(ready.size(), 0);
        QVERIFY(!demo.isStarting());
    }

    void theConsoleShowsItsWindowBeforeTheDemoServerIsReady() {
        // Given the real console executable with --demo, headless, on a cache and settings of its own
        const QString console = qEnvironmentVariable("NOC_CONSOLE");
        if (console.isEmpty())
            QSKIP("NOC_CONSOLE is not set (run through ctest)");
        QTemporaryDir dir;
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
        process.setProcessEnvironment(env);
        process.setProcessChannelMode(QProcess::MergedChannels);
        // When it starts
        process.start(console, {QStringLiteral("--demo"), QStringLiteral("--cache"),
                                dir.filePath(QStringLiteral("demo.sqlite"))});
        QVERIFY(process.waitForStarted());
        QString log;
        QElapsedTimer waited;
        waited.start();
        while (!log.contains(QLatin1String("Initial sync")) && waited.elapsed() < 90000 &&
               process.state() == QProcess::Running) {
            process.waitForReadyRead(500);
            log += QString::fromUtf8(process.readAll());
        }
        process.terminate();
        process.waitForFinished(10000);
        log += QString::fromUtf8(process.readAll());
        // Then the window was shown before the demo server had built its network, and the console
        // connected and synced once the server was ready
        const qsizetype shown = log.indexOf(QLatin1String("Main window shown"));
        const qsizetype serverUp = log.indexOf(QLatin1String(" alarms on http"));
        const qsizetype ready = log.indexOf(QLatin1String("Demo server ready"));
        const qsizetype synced = log.indexOf(QLatin1String("Initial sync"));
        QVERIFY2(shown >= 0 && serverUp >= 0 && ready >= 0 && synced >= 0, qPrintable(log));
        QVERIFY2(shown < serverUp, qPrintable(log));
        QVERIFY2(serverUp < ready && ready < synced, qPrintable(log));
    }
};

QTEST_MAIN(DemoStartupTest)
#include "demo_startup_test.moc"
