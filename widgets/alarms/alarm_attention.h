#pragma once

#include "cache/cache_reader.h"
#include "cache/change_set.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace noc {

// When to call for attention: at once for a new unacknowledged critical or major alarm, then again
// every repeat interval until each of them is acknowledged or cleared. It decides only; ring() is
// played by AlarmSoundPlayer (mute, volume, the audio device) and alerts the window.
class AlarmAttention : public QObject {
    Q_OBJECT
public:
    explicit AlarmAttention(const QString &cachePath, QObject *parent = nullptr);

    // How often the sound repeats while an alarm waits (ms); tests shorten it.
    void setRepeatInterval(int ms) { m_repeat.setInterval(ms); }
    // Alarms that still call for attention.
    int waiting() const { return int(m_waiting.size()); }

public slots:
    void onCommitted(const noc::ChangeSet &changes);

signals:
    // Severity code of the worst waiting alarm (0 critical, 1 major).
    void ring(int severityCode);

private:
    // Rings when asked and something still waits (no cache read: onCommitted keeps m_waiting current).
    void check(bool ringNow);

    CacheReader m_reader;
    QSet<QString> m_waiting;         // kept current from ChangeSets: check() reads nothing
    QSet<QString> m_waitingCritical; // the critical ones among them (the worst severity to ring)
    QTimer m_repeat;
};

} // namespace noc
