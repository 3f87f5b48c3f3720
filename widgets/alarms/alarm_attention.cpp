#include "alarm_attention.h"

#include "alarm_index.h"
#include "cache/row_codec.h"
#include "cache/sqlite_statement.h"
#include "logging.h"
#include "thread_priority.h"

#include <algorithm>

namespace noc {

namespace {
// Why 15 s: often enough that an unattended critical alarm is not missed, rare enough to talk over.
constexpr int kRepeatMs = 15'000;
// Ids bound per read (SQLite's default limit of host parameters is far above; the index reads alike).
constexpr int kChunk = 400;
} // namespace

AlarmAttentionTracker::~AlarmAttentionTracker() {
    if (m_db)
        sqlite3_close_v2(m_db);
}

void AlarmAttentionTracker::open(const QString &cachePath) {
    QString error;
    m_db = openAlarmReadConnection(cachePath, &error);
    if (!m_db)
        logging::logger("ui")->error("alarm attention: cannot open cache {}: {}", cachePath.toStdString(),
                                     error.toStdString());
}

void AlarmAttentionTracker::apply(const KindChanges &alarms) {
    // New alarms, and waiting ones that changed (acknowledged or cleared now?). Waiting alarms the
    // change does not name are as they were: not read again.
    QStringList ids = alarms.inserted;
    const bool hadWaiting = !m_waiting.isEmpty();
    for (const QString &id : alarms.updated)
        if (m_waiting.contains(id))
            ids.append(id);
    for (const QString &id : alarms.removed) {
        m_waiting.remove(id);
        m_waitingCritical.remove(id);
    }
    bool fresh = false;
    if (m_db && !ids.isEmpty()) {
        try {
            QSet<QString> seen;
            for (int i = 0; i < ids.size(); i += kChunk) {
                const int n = std::min<int>(kChunk, int(ids.size()) - i);
                QStringList params;
                for (int p = 0; p < n; ++p)
                    params.append(QStringLiteral("?%1").arg(p + 1));
                SqliteStatement s(
                    m_db,
                    QStringLiteral("SELECT id, severity, active, ack FROM alarms WHERE id IN (%1)")
                        .arg(params.join(QLatin1Char(','))),
                    false);
                for (int p = 0; p < n; ++p)
                    s.bind(p + 1, ids[i + p]);
                while (s.step()) {
                    const QString id = s.columnText(0);
                    seen.insert(id);
                    const int severity = s.columnInt(1);
                    const bool waits = s.columnInt(2) != 0 &&
                                       rowcodec::ackFromCode(s.columnInt(3)) == AckState::Unacknowledged &&
                                       (severity == rowcodec::severityCode(Severity::Critical) ||
                                        severity == rowcodec::severityCode(Severity::Major));
                    if (!waits) {
                        m_waiting.remove(id);
                        m_waitingCritical.remove(id);
                        continue;
                    }
                    // Waiting alarms the change names are updates: only a new one rings now.
                    if (!m_waiting.contains(id))
                        fresh = true;
                    m_waiting.insert(id);
                    if (severity == rowcodec::severityCode(Severity::Critical))
                        m_waitingCritical.insert(id);
                    else
                        m_waitingCritical.remove(id);
                }
            }
            // Named but gone from the cache (a later transaction deleted it): waits no more.
            for (const QString &id : std::as_const(ids)) {
                if (!seen.contains(id)) {
                    m_waiting.remove(id);
                    m_waitingCritical.remove(id);
                }
            }
        } catch (const SqliteError &e) {
            logging::logger("ui")->warn("alarm attention: reading alarms failed: {}", e.what());
        }
    }
    if (!hadWaiting && m_waiting.isEmpty())
        return; // nothing waited and nothing does: no news
    emit stateChanged(int(m_waiting.size()), int(m_waitingCritical.size()), fresh);
}

AlarmAttention::AlarmAttention(const QString &cachePath, QObject *parent)
    : QObject(parent) {
    qRegisterMetaType<noc::KindChanges>();
    m_repeat.setInterval(kRepeatMs);
    connect(&m_repeat, &QTimer::timeout, this, [this] { check(true); });
    m_thread.setObjectName(QStringLiteral("alarm-attention"));
    auto *tracker = new AlarmAttentionTracker;
    tracker->moveToThread(&m_thread);
    m_tracker = tracker;
    connect(&m_thread, &QThread::finished, tracker, &QObject::deleteLater);
    // Bulk work in a storm: below the GUI thread (thread_priority.h). Runs on the thread itself.
    connect(&m_thread, &QThread::started, tracker, [] { lowerCurrentThreadPriority(); });
    connect(this, &AlarmAttention::requestOpen, tracker, &AlarmAttentionTracker::open);
    connect(this, &AlarmAttention::requestApply, tracker, &AlarmAttentionTracker::apply);
    // Queued to this object: never called after it is gone.
    connect(tracker, &AlarmAttentionTracker::stateChanged, this, &AlarmAttention::onState,
            Qt::QueuedConnection);
    m_thread.start();
    emit requestOpen(cachePath);
}

AlarmAttention::~AlarmAttention() {
    m_thread.quit();
    m_thread.wait();
}

void AlarmAttention::onCommitted(const ChangeSet &changes) {
    if (!changes.alarms.isEmpty())
        emit requestApply(changes.alarms);
}

void AlarmAttention::onState(int waiting, int critical, bool fresh) {
    m_waiting = waiting;
    m_waitingCritical = critical;
    check(fresh);
}

void AlarmAttention::check(bool ringNow) {
    if (m_waiting == 0) {
        m_repeat.stop();
        return;
    }
    if (!m_repeat.isActive())
        m_repeat.start();
    if (ringNow)
        emit ring(m_waitingCritical > 0 ? 0 : 1);
}

} // namespace noc
