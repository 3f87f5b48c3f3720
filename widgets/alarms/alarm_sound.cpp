#include "alarm_sound.h"

#include "logging.h"

#include <QApplication>
#include <QDataStream>
#include <QFile>
#include <QIODevice>
#include <QSettings>
#include <QUrl>
#include <cmath>
#include <numbers>

#ifdef NOC_HAVE_MULTIMEDIA
#include <QAudioDevice>
#include <QMediaDevices>
#include <QSoundEffect>
#endif

namespace noc {

namespace {

struct Note {
    double hz; // 0 = rest
    int ms;
};

void appendNote(QByteArray &pcm, const Note &note, int rate) {
    const int n = rate * note.ms / 1000;
    // 6 ms ramps: a tone switched on and off at full level clicks.
    const int ramp = std::max(1, rate * 6 / 1000);
    for (int i = 0; i < n; ++i) {
        double v = 0;
        if (note.hz > 0) {
            const double envelope = std::min({1.0, double(i) / ramp, double(n - 1 - i) / ramp});
            // A little third harmonic makes the tone cut through a noisy room.
            const double t = double(i) / rate;
            v = envelope * (0.8 * std::sin(2 * std::numbers::pi * note.hz * t) +
                            0.2 * std::sin(2 * std::numbers::pi * 3 * note.hz * t));
        }
        const qint16 sample = qint16(std::lround(v * 0.7 * 32767));
        pcm.append(char(sample & 0xff));
        pcm.append(char((sample >> 8) & 0xff));
    }
}

const char *const kMuted = "alarms/soundMuted";
const char *const kVolume = "alarms/soundVolume";

} // namespace

QByteArray alarmToneWav(int severityCode, int sampleRate) {
    QList<Note> notes;
    if (severityCode == 0) {
        for (int i = 0; i < 3; ++i)
            notes << Note{880, 140} << Note{660, 140};
    } else if (severityCode == 1) {
        notes << Note{660, 180} << Note{0, 120} << Note{660, 180};
    } else {
        return {};
    }
    QByteArray pcm;
    for (const Note &n : std::as_const(notes))
        appendNote(pcm, n, sampleRate);
    QByteArray wav;
    QDataStream out(&wav, QIODevice::WriteOnly);
    out.setByteOrder(QDataStream::LittleEndian);
    out.writeRawData("RIFF", 4);
    out << quint32(36 + pcm.size());
    out.writeRawData("WAVEfmt ", 8);
    out << quint32(16) << quint16(1) << quint16(1) << quint32(sampleRate) << quint32(sampleRate * 2)
        << quint16(2) << quint16(16);
    out.writeRawData("data", 4);
    out << quint32(pcm.size());
    out.writeRawData(pcm.constData(), int(pcm.size()));
    return wav;
}

AlarmSoundPlayer::AlarmSoundPlayer(QObject *parent)
    : QObject(parent) {
    QSettings settings;
    m_muted = settings.value(QLatin1String(kMuted), false).toBool();
    m_volume = std::clamp(settings.value(QLatin1String(kVolume), 80).toInt(), 0, 100);
#ifdef NOC_HAVE_MULTIMEDIA
    m_audio = !QMediaDevices::audioOutputs().isEmpty() && m_dir.isValid();
    if (m_audio) {
        for (int code = 0; code < 2; ++code) {
            const QString path = m_dir.filePath(QStringLiteral("alarm-%1.wav").arg(code));
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(alarmToneWav(code)) < 0) {
                m_audio = false;
                break;
            }
            file.close();
            m_effects[code] = new QSoundEffect(this);
            m_effects[code]->setSource(QUrl::fromLocalFile(path));
            m_effects[code]->setVolume(m_volume / 100.0f);
        }
    }
    if (!m_audio)
        logging::logger("ui")->warn("alarm sound: no audio output device; new critical and major alarms "
                                    "ring the desktop bell instead (the lights and window alert still work)");
#else
    logging::logger("ui")->warn("alarm sound: built without Qt Multimedia; new critical and major alarms "
                                "ring the desktop bell");
#endif
}

AlarmSoundPlayer::~AlarmSoundPlayer() = default;

void AlarmSoundPlayer::setMuted(bool muted) {
    const bool changed = muted != m_muted;
    m_muted = muted;
    QSettings().setValue(QLatin1String(kMuted), muted);
#ifdef NOC_HAVE_MULTIMEDIA
    if (muted)
        for (QSoundEffect *e : m_effects)
            if (e)
                e->stop();
#endif
    if (changed)
        emit mutedChanged(muted);
}

void AlarmSoundPlayer::setVolume(int percent) {
    m_volume = std::clamp(percent, 0, 100);
    QSettings().setValue(QLatin1String(kVolume), m_volume);
#ifdef NOC_HAVE_MULTIMEDIA
    for (QSoundEffect *e : m_effects)
        if (e)
            e->setVolume(m_volume / 100.0f);
#endif
}

AlarmSoundPlayer::Outcome AlarmSoundPlayer::decide(int severityCode) const {
    if (m_muted || m_volume == 0 || severityCode < 0 || severityCode > 1)
        return Outcome::Silent;
    return m_audio ? Outcome::Tone : Outcome::Bell;
}

AlarmSoundPlayer::Outcome AlarmSoundPlayer::play(int severityCode) {
    const Outcome outcome = decide(severityCode);
    switch (outcome) {
    case Outcome::Silent:
        break;
    case Outcome::Tone:
#ifdef NOC_HAVE_MULTIMEDIA
        m_effects[severityCode]->play();
#endif
        ++m_made;
        break;
    case Outcome::Bell:
        QApplication::beep();
        ++m_made;
        break;
    }
    emit played(severityCode, outcome);
    return outcome;
}

} // namespace noc
