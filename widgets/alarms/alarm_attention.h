#pragma once

#include "cache/cache_reader.h"
#include "cache/change_set.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace noc {

// Sound for new critical and major alarms, repeated until each of them is acknowledged or cleared.
// Qt Multimedia is not a dependency of the project (qt6-multimedia-dev is not installed), so the
// sound is QApplication::beep() - the desktop's bell - and ring() lets a host play something else.
// Mute is kept in QSettings ("alarms/soundMuted").
class AlarmAttention : public QObject {
    Q_OBJECT
public:
    explicit AlarmAttention(const QString &cachePath, QObject *parent = nullptr);

    bool isMuted() const { return m_muted; }
    void setMuted(bool muted);
    // How often the sound repeats while an alarm waits (ms); tests shorten it.
    void setRepeatInterval(int ms) { m_repeat.setInterval(ms); }
    // Alarms that still call for attention.
    int waiting() const { return int(m_waiting.size()); }

public slots:
    void onCommitted(const noc::ChangeSet &changes);

signals:
    // Severity code of the worst waiting alarm (0 critical, 1 major); emitted also when muted (only the beep
    // is muted).
    void ring(int severityCode);

private:
    // Drops alarms acknowledged or cleared since; rings when asked and something still waits.
    void check(bool ringNow);

    CacheReader m_reader;
    QSet<QString> m_waiting;
    QTimer m_repeat;
    bool m_muted = false;
};

} // namespace noc
