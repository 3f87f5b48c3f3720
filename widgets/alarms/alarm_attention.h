#pragma once

#include "alarm_index.h" // declares KindChanges as a metatype (queued to the tracker)
#include "cache/change_set.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QThread>
#include <QTimer>

struct sqlite3;

namespace noc {

// Keeps the set of alarms that call for attention (active, unacknowledged, critical or major) from
// ChangeSets, on its own thread with its own read connection: in a storm ~10,000 new alarms a second
// are read, which on the GUI thread cost a full alarm read each (noc-bench alarms-storm). Reads one
// narrow row per new alarm and per waiting alarm the change names; the others are as they were.
class AlarmAttentionTracker : public QObject {
    Q_OBJECT
public:
    ~AlarmAttentionTracker() override;

public slots:
    void open(const QString &cachePath);
    void apply(const noc::KindChanges &alarms);

signals:
    // After each change: alarms waiting, how many of them critical, and whether a new one started to.
    void stateChanged(int waiting, int critical, bool fresh);

private:
    sqlite3 *m_db = nullptr;
    QSet<QString> m_waiting;
    QSet<QString> m_waitingCritical;
};

// When to call for attention: at once for a new unacknowledged critical or major alarm, then again
// every repeat interval until each of them is acknowledged or cleared. It decides only; ring() is
// played by AlarmSoundPlayer (mute, volume, the audio device) and alerts the window. The waiting set
// is kept by AlarmAttentionTracker on a thread of its own; a ring follows a commit by one read there.
class AlarmAttention : public QObject {
    Q_OBJECT
public:
    explicit AlarmAttention(const QString &cachePath, QObject *parent = nullptr);
    ~AlarmAttention() override;

    // How often the sound repeats while an alarm waits (ms); tests shorten it.
    void setRepeatInterval(int ms) { m_repeat.setInterval(ms); }
    // Alarms that still call for attention (as of the last change the tracker has answered).
    int waiting() const { return m_waiting; }

public slots:
    void onCommitted(const noc::ChangeSet &changes);

signals:
    // Severity code of the worst waiting alarm (0 critical, 1 major).
    void ring(int severityCode);
    // to the tracker (queued)
    void requestOpen(const QString &cachePath);
    void requestApply(const noc::KindChanges &alarms);

private:
    void onState(int waiting, int critical, bool fresh);
    // Rings when asked and something still waits (no cache read).
    void check(bool ringNow);

    QThread m_thread;
    QPointer<AlarmAttentionTracker> m_tracker;
    int m_waiting = 0;
    int m_waitingCritical = 0;
    QTimer m_repeat;
};

} // namespace noc
