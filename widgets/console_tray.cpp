#include "console_tray.h"

#include "alarms/alarm_sound.h"
#include "console_icon.h"
#include "logging.h"

#include <QMenu>
#include <QWidget>

namespace noc {

ConsoleTray::ConsoleTray(QWidget &window, AlarmSoundPlayer &player, QObject *parent)
    : QObject(parent)
    , m_window(&window)
    , m_player(player)
    , m_menu(std::make_unique<QMenu>()) {
    m_menu->setObjectName(QStringLiteral("consoleTrayMenu"));
    m_showAction = m_menu->addAction(QString(), this, &ConsoleTray::bringWindowForward);
    m_muteAction = m_menu->addAction(QString());
    m_muteAction->setCheckable(true);
    connect(m_muteAction, &QAction::toggled, this, [this](bool muted) {
        if (muted != m_player.isMuted())
            m_player.setMuted(muted);
    });
    connect(&m_player, &AlarmSoundPlayer::mutedChanged, this, &ConsoleTray::updateMuteAction);
    m_menu->addSeparator();
    m_quitAction = m_menu->addAction(QString(), this, [this] {
        if (m_window)
            m_window->close(); // as its own close button: pending work stays in the cache's outbox
    });

    m_icon = new QSystemTrayIcon(this);
    m_icon->setContextMenu(m_menu.get());
    connect(m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            bringWindowForward();
    });
    updateMuteAction();
    setUnacknowledgedCritical(0);
}

ConsoleTray::~ConsoleTray() = default;

bool ConsoleTray::show() {
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        logging::logger("ui")->info("tray: the desktop has no system tray; the console shows no tray icon");
        return false;
    }
    m_icon->show();
    return true;
}

void ConsoleTray::setUnacknowledgedCritical(int count) {
    count = std::max(count, 0);
    if (count != m_critical)
        m_icon->setIcon(consoleIcon(count));
    m_critical = count;
    retranslate();
}

void ConsoleTray::retranslate() {
    const QString name = tr("NOC Console");
    m_icon->setToolTip(m_critical > 0 ? name + QLatin1Char('\n') +
                                            tr("Unacknowledged critical alarms: %L1").arg(m_critical)
                                      : name + QLatin1Char('\n') + tr("No unacknowledged critical alarms"));
    m_showAction->setText(tr("Show console"));
    m_muteAction->setText(tr("Mute alarm sounds"));
    m_quitAction->setText(tr("Quit"));
}

void ConsoleTray::bringWindowForward() {
    if (!m_window)
        return;
    if (m_window->isMinimized())
        m_window->showNormal();
    else
        m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void ConsoleTray::updateMuteAction() {
    const QSignalBlocker block(m_muteAction);
    m_muteAction->setChecked(m_player.isMuted());
}

} // namespace noc
