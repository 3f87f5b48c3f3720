// A cache file that is there but cannot be written (mode 0444; for root, which ignores mode bits, the
// immutable attribute): the console shows what it holds, says in plain words that the file cannot be
// written and what to do, keeps the actions that write disabled with that reason, syncs nothing
// until the file can be written, and loses nothing the user did. Real parts: the SQLite file, opsim on
// 127.0.0.1 (in-process, port 0), the main window with the real views offscreen, EN and zh_CN.
#include "../sync/sync_test_support.h"

#include "alarms/alarm_console.h"
#include "cache/unsaved_work.h"
#include "isolated_settings.h"
#include "language_manager.h"
#include "main_window.h"
#include "read_only_file.h"
#include "sync/local_actions.h"
#include "sync_status_text.h"
#include "tickets/ticket_console.h"
#include "tickets/ticket_editor_dialog.h"
#include "view_wiring.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableView>
#include <QTest>

using namespace noc;
using namespace noc::test;

namespace {

void saveScreenshot(QWidget &widget, const QString &name) {
    const QString dir = qEnvironmentVariable("NOC_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(widget.grab().save(QDir(dir).filePath(name + ".png")));
}

// A cache filled by a real sync with the server, then closed.
// The server's request count once it has had no request for 300 ms (at most 10 s).
qint64 requestsOnceQuiet(const opsim::Server &server) {
    qint64 seen = -1;
    for (QDeadlineTimer deadline(10'000); !deadline.hasExpired();) {
        const qint64 now = server.stats().requests;
        if (now == seen)
            break;
        seen = now;
        QTest::qWait(300);
    }
    return seen;
}

} // namespace

class ReadOnlyCacheTest : public QObject {
    Q_OBJECT
    IsolatedSettings m_settings;

private slots:
    void initTestCase() { QVERIFY(m_settings.isValid()); }
    void init() { IsolatedSettings::reset(); }

    void readOnlyCacheIsShownWithWritingActionsDisabledInBothLanguages() {
        // Given a cache synced with the server, and then made read-only
        opsim::test::ServerFixture server(syncServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        ReadOnlyFile readOnly(cache);
        if (!readOnly.isReadOnly())
            QSKIP(qPrintable(readOnly.why()));
        // (the server in this thread first answers what the syncing client left in flight: counted
        // once no request has come for a while, not after a fixed wait a busy machine may outlast)
        const qint64 requestsBefore = requestsOnceQuiet(*server.server);

        LanguageManager languages;
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QVERIFY(languages.setLanguage(lang));
            const bool english = lang == QLatin1String("en");
            // When the console starts on it (as app/main.cpp does)
            SyncSession session(profileFor(server.server->baseUrl(), cache), kToken);
            session.setEngineOptions(fastOptions());
            QVERIFY(!session.openCache());
            QCOMPARE(session.openResult().outcome, CacheOpenResult::Outcome::ReadOnly);
            QVERIFY(session.openResult().readable());
            MainWindow window(&languages);
            wireViews(window, session);
            auto refresh = [&window, &session] {
                const EpochMs now = QDateTime::currentMSecsSinceEpoch();
                window.setConnectionStatus(SyncStatusText::summary(session.status(), now),
                                           SyncStatusText::details(session.status(), now));
            };
            QObject::connect(&session, &SyncSession::statusChanged, &window, refresh);
            window.resize(1280, 760);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            session.start();
            refresh();
            QMessageBox notice(QMessageBox::Warning, QGuiApplication::applicationDisplayName(),
                               session.openResult().message, QMessageBox::Ok, &window);
            notice.show();

            // Then the start-up notice names the file and what to do, in the user's language
            const QString message = session.openResult().message;
            QVERIFY2(message.contains(cache), qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("--cache")), qPrintable(message));
            QVERIFY2(
                message.contains(english ? QStringLiteral("cannot be written") : QStringLiteral("无法写入")),
                qPrintable(message));
            // And the alarms the file holds are listed
            auto *table = window.findChild<QTableView *>(QStringLiteral("alarmTable"));
            QVERIFY(table);
            QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 0, 10000);
            // And the status bar says changes cannot be saved, its tooltip why, naming the file
            QTRY_VERIFY2(window.connectionStatus().contains(
                             english ? QStringLiteral("not saved: cache cannot be written")
                                     : QStringLiteral("未保存：无法写入缓存")),
                         qPrintable(window.connectionStatus()));
            // And how old the shown data is (the file's last sync), not "never synced"
            QVERIFY(!session.status().lastSuccess.isEmpty());
            QVERIFY2(SyncStatusText::details(session.status(), 0).contains(cache),
                     qPrintable(SyncStatusText::details(session.status(), 0)));
            // And acknowledging (even with a selection) and a new ticket are disabled, saying why
            table->selectRow(0);
            auto *alarms = window.findChild<AlarmConsole *>();
            QVERIFY(alarms);
            QAction *acknowledge = alarms->action(AlarmConsole::Action::Acknowledge);
            QTRY_VERIFY(!acknowledge->isEnabled());
            QVERIFY2(acknowledge->toolTip().contains(cache), qPrintable(acknowledge->toolTip()));
            QVERIFY(alarms->action(AlarmConsole::Action::Copy)->isEnabled()); // reading still works
            auto *tickets = window.findChild<TicketConsole *>();
            QVERIFY(tickets);
            QAction *newTicket = tickets->menuActions().first();
            QVERIFY(!newTicket->isEnabled());
            QVERIFY2(newTicket->toolTip().contains(cache), qPrintable(newTicket->toolTip()));
            QTest::qWait(300);
            saveScreenshot(window, QStringLiteral("read_only_cache_") + lang);
            saveScreenshot(notice, QStringLiteral("read_only_cache_notice_") + lang);
            saveScreenshot(*window.statusBar(), QStringLiteral("read_only_cache_status_") + lang);
            // And nothing is synced into a file that cannot take it: the server hears nothing
            QTest::qWait(700);
            QCOMPARE(session.status().phase, SyncPhase::Offline);
            QCOMPARE(session.status().lastContactMs, EpochMs(0));
            QCOMPARE(server.server->stats().requests, requestsBefore);
            notice.close();
            session.stop();
        }
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
    }

    void changeMadeWhileReadOnlyReachesTheServerOnceTheFileIsWritable() {
        // Given a console started on a read-only cache
        opsim::test::ServerFixture server(syncServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        const Alarm alarm = anUnacknowledgedAlarm(cache);
        QVERIFY(!alarm.id.isEmpty());
        ReadOnlyFile readOnly(cache);
        if (!readOnly.isReadOnly())
            QSKIP(qPrintable(readOnly.why()));
        Client client(server.server->baseUrl(), cache);
        QVERIFY(!client.opened);
        QVERIFY(client.session.openResult().readable());
        // When a change is made (e.g. from an editor left open) while the file cannot be written
        const CacheBatch ack = actions::acknowledgeAlarms({alarm}, {"night.shift", "noc-console", 0});
        const QString uuid = ack.outboxInserts.first().uuid;
        client.session.submit(ack);
        QTest::qWait(500);
        // Then it waits, not sent, not dropped
        QCOMPARE(client.session.queuedBatches(), 1);
        QCOMPARE(server.server->appliedCount(uuid), 0);
        QVERIFY(!client.session.status().cacheWriteError.isEmpty());
        // When the user makes the file writable, Then the writer takes it within its retry, sync starts
        // and the change reaches the server exactly once
        readOnly.release();
        QTRY_VERIFY_WITH_TIMEOUT(client.session.status().cacheWriteError.isEmpty(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(server.server->appliedCount(uuid), 1, 20000);
        CacheReader reader;
        QVERIFY(reader.open(cache));
        QTRY_VERIFY_WITH_TIMEOUT(reader.outbox().isEmpty(), 10000);
        QTest::qWait(500);
        QCOMPARE(server.server->appliedCount(uuid), 1);
    }

    void changeMadeWhileReadOnlySurvivesAQuit() {
        // Given a console started on a read-only cache, and a change made there
        opsim::test::ServerFixture server(syncServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        const Alarm alarm = anUnacknowledgedAlarm(cache);
        QVERIFY(!alarm.id.isEmpty());
        const CacheBatch ack = actions::acknowledgeAlarms({alarm}, {"night.shift", "noc-console", 0});
        const QString uuid = ack.outboxInserts.first().uuid;
        {
            ReadOnlyFile readOnly(cache);
            if (!readOnly.isReadOnly())
                QSKIP(qPrintable(readOnly.why()));
            Client client(server.server->baseUrl(), cache);
            QVERIFY(!client.opened);
            client.session.submit(ack);
            QTRY_VERIFY(!client.session.status().cacheWriteError.isEmpty());
            // When the user quits
            client.session.stop();
            // Then the change is kept in the side file next to the cache
            QString error;
            const QList<CacheBatch> kept = UnsavedWork::read(cache, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(kept.size(), 1);
            QCOMPARE(kept.first().outboxInserts.first().uuid, uuid);
            // And a start while the file is still read-only says it is kept there
            const CacheOpenResult stillReadOnly = CacheDatabase::open(cache);
            QCOMPARE(stillReadOnly.keptUnsavedEntries, 1);
            QVERIFY(QFileInfo::exists(UnsavedWork::sidePath(cache)));
        }
        // When the console starts on the file made writable, Then the change is sent exactly once
        Client again(server.server->baseUrl(), cache);
        QVERIFY2(again.opened, qPrintable(again.session.openResult().message));
        QCOMPARE(again.session.openResult().restoredUnsavedEntries, 1);
        QTRY_COMPARE_WITH_TIMEOUT(server.server->appliedCount(uuid), 1, 20000);
        QTest::qWait(500);
        QCOMPARE(server.server->appliedCount(uuid), 1);
    }
};

QTEST_MAIN(ReadOnlyCacheTest)
#include "read_only_cache_test.moc"
