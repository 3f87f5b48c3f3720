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
    bool fresh = false;
    for (const QString &id : changes.alarms.inserted) {
        const auto a = m_reader.alarm(id);
        if (a && a->isActive() && a->ackState == AckState::Unacknowledged &&
            (a->perceivedSeverity == Severity::Critical || a->perceivedSeverity == Severity::Major)) {
            m_waiting.insert(id);
            fresh = true;
        }
    }
    // Updates may acknowledge or clear a waiting alarm: prune without ringing.
    if (fresh || (!m_waiting.isEmpty() && !changes.alarms.updated.isEmpty()))
        check(fresh);
}

void AlarmAttention::check(bool ringNow) {
    int worst = 9;
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
        const auto a = m_reader.alarm(*it);
        if (!a || !a->isActive() || a->ackState == AckState::Acknowledged) {
            it = m_waiting.erase(it);
            continue;
        }
        worst = std::min(worst, a->perceivedSeverity == Severity::Critical ? 0 : 1);
        ++it;
    }
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
