#include "about_dialog.h"
#include "cache/cache_database.h"
#include "cache/cache_reader.h"
#include "conflicts_dialog.h"
#include "empty_state_widget.h"
#include "isolated_settings.h"
#include "language_manager.h"
#include "main_window.h"
#include "sync/sync_session.h"
#include "sync_status_text.h"

#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <sqlite3.h>

using namespace noc;

namespace {
// With NOC_SCREENSHOT_DIR set, GUI tests save what they render so a person can look at it
// (docs/USER_GUIDE.md screenshots come from here).
void saveScreenshot(QWidget &widget, const QString &name) {
    const QString dir = qEnvironmentVariable("NOC_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(widget.grab().save(QDir(dir).filePath(name + ".png")));
}
} // namespace

class MainWindowTest : public QObject {
    Q_OBJECT
    // The window saves its layout and the language; not in the user's settings, nor another copy's.
    test::IsolatedSettings m_settings;

private slots:
    void initTestCase() {
        QVERIFY(m_settings.isValid());
        QCoreApplication::setOrganizationName("noc-console-test");
        QCoreApplication::setApplicationName("test_main_window");
    }
    void init() { test::IsolatedSettings::reset(); }

    void opensWithDocksMenusAndStatusArea() {
        // Given a fresh console  When the main window opens
        LanguageManager languages;
        MainWindow window(&languages);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // Then the four docks, five menus and the connection area exist with English text
        QCOMPARE(window.alarmsDock()->windowTitle(), QStringLiteral("Alarms"));
        QCOMPARE(window.ticketsDock()->windowTitle(), QStringLiteral("Tickets"));
        QCOMPARE(window.detailsDock()->windowTitle(), QStringLiteral("Details"));
        QCOMPARE(window.trendsDock()->windowTitle(), QStringLiteral("Trends"));
        QStringList menus;
        for (QAction *action : window.menuBar()->actions())
            menus << action->text();
        QCOMPARE(menus, (QStringList{"&File", "&View", "&Alarms", "&Tickets", "&Help"}));
        QCOMPARE(window.connectionStatus(), QStringLiteral("Offline · not connected"));
    }

    void aCacheThatCannotBeWrittenSaysSoInTheStatusBar() {
        // Given a console working offline whose cache writer reports a full disk
        LanguageManager languages;
        MainWindow window(&languages);
        window.resize(1200, 300);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const EpochMs now = QDateTime::currentMSecsSinceEpoch();
        SyncStatus status;
        status.phase = SyncPhase::Offline;
        status.pending = 3;
        status.lastSuccess.insert(QStringLiteral("alarm"), now - 5 * 60000);
        status.cacheDiskFull = true;
        status.cacheWriteError = QStringLiteral("The disk holding the cache is full.");
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QVERIFY(languages.setLanguage(lang));
            QCoreApplication::processEvents();
            // When the status bar shows the session's status
            window.setConnectionStatus(SyncStatusText::summary(status, now),
                                       SyncStatusText::details(status, now));
            // Then it says the latest changes are not saved, in the user's language, and whole
            const QString shown = window.connectionStatus();
            QVERIFY2(shown.contains(lang == QLatin1String("en") ? QStringLiteral("not saved: disk full")
                                                                : QStringLiteral("未保存：磁盘已满")),
                     qPrintable(shown));
            QCoreApplication::processEvents(); // the status bar lays out again
            saveScreenshot(*window.statusBar(), QStringLiteral("status_bar_not_saved_") + lang);
            auto *label = window.statusBar()->findChild<QLabel *>(QStringLiteral("connectionStatus"));
            QVERIFY(label);
            QVERIFY2(label->width() >= label->fontMetrics().horizontalAdvance(label->text()),
                     qPrintable(label->text()));
        }
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
    }

    void aCacheThatCannotBeOpenedSaysSoWhereTheViewsWouldBe() {
        // Given a cache file the console cannot open (written by a newer version)
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("newer.sqlite"));
        QVERIFY(CacheDatabase::open(path).ok());
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(QFile::encodeName(path).constData(), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "PRAGMA user_version=999", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
        LanguageManager languages;
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            // When the console starts on it in the user's language (as app/main.cpp does)
            QVERIFY(languages.setLanguage(lang));
            const CacheOpenResult result = CacheDatabase::open(path);
            QVERIFY(!result.readable());
            QVERIFY(result.message.contains(path));
            MainWindow window(&languages);
            window.setCacheProblem(result.message);
            window.resize(1200, 700);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            // Then the empty map, alarm and ticket areas say the cache could not be opened and why, not
            // that data comes "after the first sync"
            int saying = 0;
            for (EmptyStateWidget *empty : window.findChildren<EmptyStateWidget *>()) {
                QVERIFY2(!empty->explanation().contains(QStringLiteral("first sync")),
                         qPrintable(empty->explanation()));
                if (empty->explanation() == result.message) {
                    ++saying;
                    QCOMPARE(empty->title(), lang == QLatin1String("en")
                                                 ? QStringLiteral("The cache could not be opened")
                                                 : QStringLiteral("无法打开缓存"));
                }
            }
            QCOMPARE(saying, 3);
            saveScreenshot(window, QStringLiteral("cache_not_opened_") + lang);
        }
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
    }

    void switchingToChineseTranslatesTheWindowLive() {
        // Given an English window
        LanguageManager languages;
        MainWindow window(&languages);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        saveScreenshot(window, "main_window_en");

        // When the language switches to zh_CN
        QVERIFY(languages.setLanguage("zh_CN"));
        QCoreApplication::processEvents();

        // Then the known strings are in Chinese, and switching back restores English
        QCOMPARE(window.alarmsDock()->windowTitle(), QStringLiteral("告警"));
        QCOMPARE(window.ticketsDock()->windowTitle(), QStringLiteral("工单"));
        QCOMPARE(window.trendsDock()->windowTitle(), QStringLiteral("趋势"));
        QCOMPARE(window.windowTitle(), QStringLiteral("NOC 控制台"));
        QTest::qWait(50);
        saveScreenshot(window, "main_window_zh_CN");
        QVERIFY(languages.setLanguage("en"));
        QCoreApplication::processEvents();
        QCOMPARE(window.alarmsDock()->windowTitle(), QStringLiteral("Alarms"));
    }

    void windowTitleNamesTheConsoleOnceInTheUsersLanguage() {
        // Given a window with 3 unacknowledged critical alarms
        LanguageManager languages;
        MainWindow window(&languages);
        window.setUnacknowledgedCritical(3);
        // Then the count comes first and the title ends with the application's display name, which
        // the platform appends to any title that does not ("… — NOC Console — NOC Console" before)
        QCOMPARE(window.windowTitle(), QStringLiteral("3 unacknowledged critical — NOC Console"));
        QVERIFY(window.windowTitle().endsWith(QGuiApplication::applicationDisplayName()));
        // And in Chinese the display name is Chinese too, so no English is appended
        QVERIFY(languages.setLanguage("zh_CN"));
        QCoreApplication::processEvents();
        QCOMPARE(QGuiApplication::applicationDisplayName(), QStringLiteral("NOC 控制台"));
        QVERIFY2(window.windowTitle().startsWith(QStringLiteral("3 ")), qPrintable(window.windowTitle()));
        QVERIFY(window.windowTitle().endsWith(QGuiApplication::applicationDisplayName()));
        window.setUnacknowledgedCritical(0);
        QCOMPARE(window.windowTitle(), QGuiApplication::applicationDisplayName());
        QVERIFY(languages.setLanguage("en"));
    }

    void dockLayoutPersistsAcrossRestarts() {
        // Given a window whose details dock the user closed
        LanguageManager languages;
        {
            MainWindow window(&languages);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.detailsDock()->hide();
            window.close();
        }
        // When the console starts again
        MainWindow again(&languages);
        again.restoreLayout();
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        // Then the dock is still closed, and Reset Layout brings it back
        QVERIFY(!again.detailsDock()->isVisible());
        again.resetLayout();
        QVERIFY(again.detailsDock()->isVisible());
    }

    void unknownLanguageFallsBackToEnglish() {
        LanguageManager languages;
        QVERIFY(!languages.setLanguage("xx_YY"));
        QCOMPARE(languages.language(), QStringLiteral("en"));
        QCOMPARE(LanguageManager::resolveLanguage("zh"), QStringLiteral("zh_CN"));
    }

    void conflictsListShowsRefusedChangesAndDiscardsThem() {
        // Given a cache holding one refused change and its outbox entry
        QTemporaryDir dir;
        ConnectionProfile profile;
        profile.cachePath = dir.filePath("c.sqlite");
        SyncSession session(profile, QString());
        QVERIFY(session.openCache());
        session.start();
        CacheBatch batch;
        OutboxEntry entry;
        entry.uuid = "u-1";
        entry.kind = "ticket.status";
        entry.targetKind = "ticket";
        entry.targetId = "TT-1";
        entry.payload =
            R"({"api":"ticket","method":"PATCH","path":"/troubleTicket/TT-1","body":{"status":"resolved"}})";
        entry.state = OutboxState::Conflict;
        batch.outboxInserts.append(entry);
        ConflictRecord conflict;
        conflict.outboxUuid = "u-1";
        conflict.kind = entry.kind;
        conflict.targetKind = "ticket";
        conflict.targetId = "TT-1";
        conflict.userIntent = entry.payload;
        conflict.serverState = R"({"id":"TT-1","status":"held"})";
        conflict.message = "held -> resolved is not allowed (HTTP 409)";
        batch.conflictInserts.append(conflict);
        session.submit(batch);
        CacheReader reader;
        QVERIFY(reader.open(profile.cachePath));
        QTRY_COMPARE(reader.conflicts().size(), 1);

        // When the user opens the Conflicts list
        ConflictsDialog dialog(session);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        saveScreenshot(dialog, "conflicts_en");

        // Then the change is listed in words, not the server's field names
        QCOMPARE(dialog.conflictCount(), 1);
        auto *table = dialog.findChild<QTableWidget *>();
        QVERIFY(table);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("Conflict"));
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("Ticket TT-1"));
        QCOMPARE(table->item(0, 3)->text(), QStringLiteral("Status → Resolved"));
        QCOMPARE(table->item(0, 4)->text(), QStringLiteral("Status: Held"));
        // And the server's answer, said to be the server's, from the stored "(HTTP 409)" form
        QCOMPARE(table->item(0, 5)->text(),
                 QStringLiteral("The server said: “held -> resolved is not allowed” (HTTP 409)"));
        // And the greyed-out buttons say why
        auto *discard = dialog.findChild<QPushButton *>(QStringLiteral("conflictDiscard"));
        QVERIFY(discard && !discard->isEnabled());
        QCOMPARE(discard->toolTip(), QStringLiteral("Select one or more changes first."));
        // And in Chinese the rows read in Chinese too
        LanguageManager languages;
        QVERIFY(languages.setLanguage("zh_CN"));
        QCoreApplication::processEvents();
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("工单 TT-1"));
        QVERIFY2(table->item(0, 5)->text().startsWith(QStringLiteral("服务器称")),
                 qPrintable(table->item(0, 5)->text()));
        QVERIFY(table->item(0, 5)->text().contains(QStringLiteral("HTTP 409")));
        saveScreenshot(dialog, "conflicts_zh_CN");
        QVERIFY(languages.setLanguage("en"));
        QCoreApplication::processEvents();
        // And Discard removes it with its outbox entry
        dialog.discard(0);
        QTRY_COMPARE(dialog.conflictCount(), 0);
        QVERIFY(reader.outbox().isEmpty());
        session.stop();
    }

    void aLongNoticeStaysReadableCutInTheMiddleAndInRecentNotices() {
        // Given the window at a usual width, and a notice longer than its status bar (an export to a
        // deep folder)
        LanguageManager languages;
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QVERIFY(languages.setLanguage(lang));
            MainWindow window(&languages);
            window.resize(900, 600);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            const QString file = QStringLiteral("/srv/noc/exports/2026/november/night-shift/beijing-core/"
                                                "alarms-critical-and-major-since-the-fibre-cut-at-hut-7.csv");
            const bool english = lang == QLatin1String("en");
            const QString first =
                english ? QStringLiteral("Copied 3 alarms") : QStringLiteral("已复制 3 条告警");
            const QString text = (english ? QStringLiteral("Exported 12,345 alarms to ")
                                          : QStringLiteral("已导出 12,345 条告警到 ")) +
                                 file;
            // When two notices are shown, the long one last
            window.showNotice(first);
            window.showNotice(text);
            // Then the status bar shows it cut in the middle, fitting, with the file's name still there
            auto *label = window.statusBar()->findChild<QLabel *>(QStringLiteral("notice"));
            QVERIFY(label);
            QVERIFY(label->isVisible());
            const QString shown = label->text();
            QVERIFY2(shown != text && shown.contains(QChar(0x2026)), qPrintable(shown));
            QVERIFY2(shown.startsWith(text.left(4)), qPrintable(shown));
            QVERIFY2(shown.endsWith(QStringLiteral("hut-7.csv")), qPrintable(shown));
            QVERIFY(label->fontMetrics().horizontalAdvance(shown) <= label->contentsRect().width());
            QVERIFY(label->geometry().right() < window.statusBar()->width());
            // And its tooltip holds the whole text
            QCOMPARE(label->toolTip(), text);
            saveScreenshot(*window.statusBar(), QStringLiteral("notice_elided_") + lang);
            // And "Recent notices" lists both, newest first, whole and selectable
            auto *recent =
                window.statusBar()->findChild<QToolButton *>(QStringLiteral("recentNoticesButton"));
            QVERIFY(recent && recent->isVisible());
            QVERIFY(!recent->toolTip().isEmpty());
            if (lang == QLatin1String("zh_CN"))
                QCOMPARE(recent->toolTip(), QString::fromUtf8("最近的通知"));
            recent->click();
            auto *dialog = window.findChild<QDialog *>(QStringLiteral("recentNotices"));
            QVERIFY(dialog && dialog->isVisible());
            auto *list = dialog->findChild<QPlainTextEdit *>();
            QVERIFY(list && list->isReadOnly());
            const QString listed = list->toPlainText();
            QVERIFY2(listed.indexOf(text) >= 0 && listed.indexOf(text) < listed.indexOf(first),
                     qPrintable(listed));
            QTest::qWait(50);
            saveScreenshot(*dialog, QStringLiteral("notices_recent_") + lang);
            // And a short notice is shown whole, with no tooltip to repeat it
            window.showNotice(first);
            QCOMPARE(label->text(), first);
            QVERIFY(label->toolTip().isEmpty());
            QVERIFY2(list->toPlainText().startsWith(QDateTime::currentDateTime().toString("yyyy-MM-dd")),
                     qPrintable(list->toPlainText()));
            dialog->close();
        }
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
    }

    void aboutListsLibraryVersions() {
        const QStringList versions = AboutDialog::componentVersions();
        QCOMPARE(versions.size(), 4);
        QVERIFY(versions[0].startsWith("Qt 6."));
        QVERIFY(versions[1].startsWith("SQLite 3."));
        QVERIFY(versions[2].startsWith("spdlog 1."));
        QVERIFY(versions[3].startsWith("QCustomPlot 2."));
    }
};

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
