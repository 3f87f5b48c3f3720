#include "alarm_attention.h"

#include <algorithm>

namespace noc {

namespace {
// Why 15 s: often enough that an unattended critical alarm is not missed, rare enough to talk over.
constexpr int kRepeatMs = 15'000;
} // namespace

AlarmAttention::AlarmAttention(const QString &cachePath, QObject *parent)
    : QObject(parent) {
    m_reader.open(cachePath);
    m_repeat.setInterval(kRepeatMs);
    connect(&m_repeat, &QTimer::timeout, this, [this] { check(true); });
}

void AlarmAttention::onCommitted(const ChangeSet &changes) {
    // Reads only the alarms this change names: new ones, and waiting ones that changed (they may be
    // acknowledged or cleared now). Waiting alarms the change does not name are as they were, so they
    // are not read again: in a storm tens of thousands wait, and re-reading all of them per commit on
    // the GUI thread stalled it for seconds (noc-bench alarms-storm).
    bool fresh = false;
    const auto track = [this](const QString &id) {
        const auto a = m_reader.alarm(id);
        const bool waits =
            a && a->isActive() && a->ackState == AckState::Unacknowledged &&
            (a->perceivedSeverity == Severity::Critical || a->perceivedSeverity == Severity::Major);
        if (!waits) {
            m_waiting.remove(id);
            m_waitingCritical.remove(id);
            return false;
        }
        m_waiting.insert(id);
        if (a->perceivedSeverity == Severity::Critical)
            m_waitingCritical.insert(id);
        else
            m_waitingCritical.remove(id);
        return true;
    };
    for (const QString &id : changes.alarms.inserted)
        fresh = track(id) || fresh;
    if (m_waiting.isEmpty() && !fresh)
        return;
    for (const QString &id : changes.alarms.updated)
        if (m_waiting.contains(id))
            track(id);
    for (const QString &id : changes.alarms.removed) {
        m_waiting.remove(id);
        m_waitingCritical.remove(id);
    }
    check(fresh);
}

void AlarmAttention::check(bool ringNow) {
    const int worst = m_waitingCritical.isEmpty() ? 1 : 0;
    if (m_waiting.isEmpty()) {
        m_repeat.stop();
        return;
    }
    if (!m_repeat.isActive())
        m_repeat.start();
    if (ringNow)
        emit ring(worst);
}

} // namespace noc
