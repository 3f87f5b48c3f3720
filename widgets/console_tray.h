#pragma once

#include <QObject>
#include <QPointer>
#include <QSystemTrayIcon>
#include <memory>

class QAction;
class QMenu;
class QWidget;

namespace noc {

class AlarmSoundPlayer;

// The console in the desktop's system tray. Its tooltip and icon say how many critical alarms wait
// for an acknowledgement (as the window title does), so an engineer working in another window sees
// it; a click brings the console forward; its menu shows the console, mutes the alarm sounds (the
// same switch as the alarm list's Sound button) or quits (by closing the window, as its close button
// does; pending work stays in the cache's outbox). A desktop without a tray (or the offscreen
// platform) shows no icon; the rest works the same and the console does not depend on it.
class ConsoleTray : public QObject {
    Q_OBJECT
public:
    ConsoleTray(QWidget &window, AlarmSoundPlayer &player, QObject *parent = nullptr);
    ~ConsoleTray() override;

    // Shows the icon where the desktop has a tray; false where it has none.
    bool show();
    QSystemTrayIcon *trayIcon() const { return m_icon; }
    QMenu *menu() const { return m_menu.get(); }
    QAction *showAction() const { return m_showAction; }
    QAction *muteAction() const { return m_muteAction; }
    QAction *quitAction() const { return m_quitAction; }
    int unacknowledgedCritical() const { return m_critical; }

public slots:
    void setUnacknowledgedCritical(int count);
    // The texts again in the current language (connect to the window's retranslation).
    void retranslate();

private:
    void bringWindowForward();
    void updateMuteAction();

    QPointer<QWidget> m_window;
    AlarmSoundPlayer &m_player;
    std::unique_ptr<QMenu> m_menu; // a tray menu has no parent widget
    QSystemTrayIcon *m_icon = nullptr;
    QAction *m_showAction = nullptr;
    QAction *m_muteAction = nullptr;
    QAction *m_quitAction = nullptr;
    int m_critical = -1; // unknown: the first count always draws
};

} // namespace noc
