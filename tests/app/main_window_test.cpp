#include "about_dialog.h"
#include "language_manager.h"
#include "main_window.h"

#include <QDir>
#include <QDockWidget>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace noc;

namespace {
// With NOC_SCREENSHOT_DIR set, GUI tests save what they render so a person can look at it
// (docs/USER_GUIDE.md screenshots come from here).
void saveScreenshot(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("NOC_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(widget.grab().save(QDir(dir).filePath(name + ".png")));
}
} // namespace

class MainWindowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("noc-console-test");
        QCoreApplication::setApplicationName("test_main_window");
        QSettings().clear();
    }

    void opensWithDocksMenusAndStatusArea()
    {
        // Given a fresh console  When the main window opens
        LanguageManager languages;
        MainWindow window(&languages);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // Then the three docks, five menus and the connection area exist with English text
        QCOMPARE(window.alarmsDock()->windowTitle(), QStringLiteral("Alarms"));
        QCOMPARE(window.ticketsDock()->windowTitle(), QStringLiteral("Tickets"));
        QCOMPARE(window.detailsDock()->windowTitle(), QStringLiteral("Details"));
        QStringList menus;
        for (QAction *action : window.menuBar()->actions())
            menus << action->text();
        QCOMPARE(menus, (QStringList{"&File", "&View", "&Alarms", "&Tickets", "&Help"}));
        QCOMPARE(window.connectionStatus(), QStringLiteral("Offline · not connected"));
    }

    void switchingToChineseTranslatesTheWindowLive()
    {
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
        QCOMPARE(window.windowTitle(), QStringLiteral("NOC 控制台"));
        QTest::qWait(50);
        saveScreenshot(window, "main_window_zh_CN");
        QVERIFY(languages.setLanguage("en"));
        QCoreApplication::processEvents();
        QCOMPARE(window.alarmsDock()->windowTitle(), QStringLiteral("Alarms"));
    }

    void dockLayoutPersistsAcrossRestarts()
    {
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

    void unknownLanguageFallsBackToEnglish()
    {
        LanguageManager languages;
        QVERIFY(!languages.setLanguage("xx_YY"));
        QCOMPARE(languages.language(), QStringLiteral("en"));
        QCOMPARE(LanguageManager::resolveLanguage("zh"), QStringLiteral("zh_CN"));
    }

    void aboutListsLibraryVersions()
    {
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
