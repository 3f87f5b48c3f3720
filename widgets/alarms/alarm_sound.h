#pragma once

#include <QByteArray>
#include <QObject>
#include <QTemporaryDir>
#include <memory>

class QSoundEffect;

namespace noc {

// The tones of the alarm console, synthesised here (no third-party audio): 16-bit mono PCM in a WAV
// container. Critical: a fast high-low siren (880/660 Hz, three times); major: two 660 Hz beeps.
// Other severities have no tone (empty).
QByteArray alarmToneWav(int severityCode, int sampleRate = 22050);

// Plays the tone of a severity when AlarmAttention rings. Mute and volume are the user's (QSettings
// "alarms/soundMuted", "alarms/soundVolume" 0..100). With Qt Multimedia (NOC_HAVE_MULTIMEDIA) the
// tones go through QSoundEffect; without an audio output device - a headless test machine, a remote
// desktop without sound - the player says so once in the log and falls back to the desktop bell
// (QApplication::beep); the visual attention (lights, window alert) does not depend on it.
class AlarmSoundPlayer : public QObject {
    Q_OBJECT
public:
    enum class Outcome { Silent, Tone, Bell };
    Q_ENUM(Outcome)

    explicit AlarmSoundPlayer(QObject *parent = nullptr);
    ~AlarmSoundPlayer() override;

    bool isMuted() const { return m_muted; }
    void setMuted(bool muted);
    int volume() const { return m_volume; }
    void setVolume(int percent);
    // True when tones can reach a speaker (Qt Multimedia built in and an output device present).
    bool hasAudioOutput() const { return m_audio; }

    // What play() does for a severity, given mute, volume and the audio output; no sound is made.
    Outcome decide(int severityCode) const;
    // Sounds made so far (tones and bells): the attention test counts them.
    int soundsMade() const { return m_made; }

public slots:
    Outcome play(int severityCode);

signals:
    void played(int severityCode, noc::AlarmSoundPlayer::Outcome outcome);
    // Mute was switched (by the Sound button, the settings or the tray): every switch shows it.
    void mutedChanged(bool muted);

private:
    bool m_muted = false;
    int m_volume = 80;
    bool m_audio = false;
    int m_made = 0;
    QTemporaryDir m_dir;                             // the generated WAV files QSoundEffect reads
    QSoundEffect *m_effects[2] = {nullptr, nullptr}; // critical, major
};

} // namespace noc
