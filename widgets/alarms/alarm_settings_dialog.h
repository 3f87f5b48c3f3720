#pragma once

#include <QDialog>

class QCheckBox;
class QSlider;
class QSpinBox;

namespace noc {

class AlarmSoundPlayer;

// Alarm settings: sound (mute, volume, try the tones) and how long cleared alarms stay, faded, in
// the active list. Sound changes apply at once (the player keeps them); the linger time is read by
// the caller after accept() (lingerMinutes()).
class AlarmSettingsDialog : public QDialog {
    Q_OBJECT
public:
    AlarmSettingsDialog(AlarmSoundPlayer &player, int lingerMinutes, QWidget *parent = nullptr);

    int lingerMinutes() const;
    QCheckBox *muteBox() const { return m_mute; }
    QSlider *volumeSlider() const { return m_volume; }
    QSpinBox *lingerBox() const { return m_linger; }

private:
    AlarmSoundPlayer &m_player;
    QCheckBox *m_mute = nullptr;
    QSlider *m_volume = nullptr;
    QSpinBox *m_linger = nullptr;
};

} // namespace noc
