#include "alarms/alarm_sound.h"
#include "console_icon.h"
#include "console_tray.h"
#include "isolated_settings.h"
#include "language_manager.h"
#include "main_window.h"

#include <QAction>
#include <QDir>
#include <QImage>
#include <QMenu>
#include <QPainter>
#include <QTest>

using namespace noc;

namespace {
void saveScreenshot(const QImage &image, const QString &name) {
    const QString dir = qEnvironmentVariable("NOC_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(image.save(QDir(dir).filePath(name + ".png")));
}

// How red a pixel is: red well above green and blue.
bool isRed(QRgb c) {
    return qAlpha(c) > 200 && qRed(c) > 180 && qGreen(c) < 110 && qBlue(c) < 110;
}

int redPixels(const QImage &image, const QRect &area) {
    int n = 0;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            n += isRed(image.pixel(x, y));
    return n;
}
} // namespace

class ConsoleTrayTest : public QObject {
    Q_OBJECT
    // The sound player keeps mute and volume in the settings: not in the user's.
    test::IsolatedSettings m_settings;

private slots:
    void initTestCase() {
        QVERIFY(m_settings.isValid());
        QCoreApplication::setOrganizationName("noc-console-test");
        QCoreApplication::setApplicationName("test_console_tray");
    }
    void init() { test::IsolatedSettings::reset(); }

    void theIconShowsUnacknowledgedCriticalAlarmsAsARedBadge() {
        // Given the icon with none, and with three
        const QImage calm = consoleIcon(0).pixmap(64, 64).toImage();
        const QImage three = consoleIcon(3).pixmap(64, 64).toImage();
        const QImage many = consoleIcon(1234).pixmap(64, 64).toImage();
        QCOMPARE(calm.size(), QSize(64, 64));
        // Then only with alarms is the top right corner (the badge) red
        const QRect corner(44, 4, 16, 16);
        QCOMPARE(redPixels(calm, corner), 0);
        QVERIFY(redPixels(three, corner) > 100);
        QVERIFY(redPixels(many, corner) > 100);
        // And the count is written on it (white text inside the badge): the two differ there
        QVERIFY(three != many);
        // And the smallest size still shows the badge, without text
        QVERIFY(redPixels(consoleIcon(3).pixmap(16, 16).toImage(), QRect(11, 1, 4, 4)) > 4);
    }

    void theTooltipAndMenuFollowTheCountAndTheLanguage() {
        // Given a console window and its tray
        LanguageManager languages;
        MainWindow window(&languages);
        AlarmSoundPlayer player;
        ConsoleTray tray(window, player);
        connect(&window, &MainWindow::retranslated, &tray, &ConsoleTray::retranslate);
        QVERIFY(tray.trayIcon()->toolTip().contains(QStringLiteral("No unacknowledged critical alarms")));
        // When three critical alarms wait, and then 1,200
        tray.setUnacknowledgedCritical(3);
        // Then the tooltip says how many
        QVERIFY2(tray.trayIcon()->toolTip().endsWith(QStringLiteral("Unacknowledged critical alarms: 3")),
                 qPrintable(tray.trayIcon()->toolTip()));
        tray.setUnacknowledgedCritical(1200);
        QVERIFY(tray.trayIcon()->toolTip().endsWith(QStringLiteral("Unacknowledged critical alarms: 1,200")));
        // And the icon is the one with the badge
        QCOMPARE(tray.trayIcon()->icon().pixmap(32, 32).toImage(),
                 consoleIcon(1200).pixmap(32, 32).toImage());
        const QStringList english{tray.showAction()->text(), tray.muteAction()->text(),
                                  tray.quitAction()->text()};
        QCOMPARE(english, (QStringList{"Show console", "Mute alarm sounds", "Quit"}));
        saveMenu(tray, QStringLiteral("tray_en"));
        // When the console switches to Chinese
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        // Then the tooltip and the menu are in Chinese (the window retranslates when the event arrives),
        // with the same count
        QTRY_VERIFY(tray.showAction()->text() != english[0]);
        const QString tip = tray.trayIcon()->toolTip();
        QVERIFY2(!tip.contains(QLatin1String("critical")) && tip.contains(QLatin1String("1,200")),
                 qPrintable(tip));
        QVERIFY(tray.showAction()->text() != english[0]);
        QVERIFY(tray.muteAction()->text() != english[1]);
        saveMenu(tray, QStringLiteral("tray_zh_CN"));
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
    }

    void muteIsTheSameSwitchAsTheAlarmListsSoundButton() {
        // Given the tray and the sound player, sounds on
        QWidget window;
        AlarmSoundPlayer player;
        player.setMuted(false);
        ConsoleTray tray(window, player);
        QVERIFY(!tray.muteAction()->isChecked());
        // When Mute is chosen in the tray's menu
        tray.muteAction()->trigger();
        // Then the player is muted
        QVERIFY(player.isMuted());
        // And when it is switched back elsewhere (the Sound button), the tray's menu shows it
        player.setMuted(false);
        QVERIFY(!tray.muteAction()->isChecked());
        player.setMuted(true);
        QVERIFY(tray.muteAction()->isChecked());
    }

    void showBringsTheWindowBackAndQuitClosesIt() {
        // Given a minimised console window
        QWidget window;
        window.resize(400, 300);
        AlarmSoundPlayer player;
        ConsoleTray tray(window, player);
        window.showMinimized();
        QTRY_VERIFY(window.isMinimized() || !window.isVisible());
        // When Show console is chosen
        tray.showAction()->trigger();
        // Then it is shown, not minimised
        QVERIFY(window.isVisible());
        QVERIFY(!window.isMinimized());
        // When the tray icon is clicked while the window is hidden, it comes back too
        window.hide();
        emit tray.trayIcon()->activated(QSystemTrayIcon::Trigger);
        QVERIFY(window.isVisible());
        // When Quit is chosen, the window is closed (its close event decides about pending work)
        tray.quitAction()->trigger();
        QVERIFY(!window.isVisible());
    }

    void aDesktopWithoutATrayShowsNoIconAndLosesNothing() {
        // Given a platform without a system tray (the offscreen one has none)
        if (QSystemTrayIcon::isSystemTrayAvailable())
            QSKIP("this desktop has a system tray");
        QWidget window;
        AlarmSoundPlayer player;
        ConsoleTray tray(window, player);
        // Then show() says so, and the count and the menu still work
        QVERIFY(!tray.show());
        QVERIFY(!tray.trayIcon()->isVisible());
        tray.setUnacknowledgedCritical(2);
        QCOMPARE(tray.unacknowledgedCritical(), 2);
    }

private:
    // The menu beside the icon at three sizes, as a person sees them (tooltip text printed under it).
    void saveMenu(ConsoleTray &tray, const QString &name) {
        if (qEnvironmentVariableIsEmpty("NOC_SCREENSHOT_DIR"))
            return;
        tray.menu()->adjustSize();
        const QPixmap menu = tray.menu()->grab();
        const QStringList tip = tray.trayIcon()->toolTip().split(QLatin1Char('\n'));
        QImage image(QSize(std::max(menu.width() + 200, 420), std::max(menu.height(), 144) + 60),
                     QImage::Format_ARGB32);
        image.fill(QColor(0xee, 0xee, 0xee));
        QPainter p(&image);
        // No alarm waiting (above), and the tray's count now (below).
        int x = 8;
        for (int side : {16, 32, 64}) {
            p.drawPixmap(x, 8, consoleIcon(0).pixmap(side, side));
            p.drawPixmap(x, 80, tray.trayIcon()->icon().pixmap(side, side));
            x += side + 10;
        }
        p.drawPixmap(x + 10, 8, menu);
        p.setPen(Qt::black);
        int y = std::max(menu.height(), 144) + 20;
        for (const QString &line : tip) {
            p.drawText(8, y, line);
            y += p.fontMetrics().height();
        }
        p.end();
        saveScreenshot(image, name);
    }
};

QTEST_MAIN(ConsoleTrayTest)
#include "console_tray_test.moc"
