#pragma once

#include "alarm_index.h"
#include "cache/change_set.h"
#include "domain/types.h"

#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <QVector>
#include <array>
#include <functional>
#include <limits>
#include <memory>

struct sqlite3;

// The alarm trends (issue 6): alarms raised per minute by severity over the last 24 hours, and the
// number of active alarms over the same window, kept live from the writer's ChangeSets.
//
// How the active count over time is obtained: it is DERIVED from each alarm's raised and cleared
// times in the cache, not sampled. An alarm counts as active at the end of minute m when it was
// raised in or before m and is not cleared by then (cleared_ms, or for a cleared alarm without a
// cleared time its last change). Why derived: the curve is right from the first start (a sampled
// series would be empty for the first 24 hours and have holes while the console was closed), it needs
// no new table written by the cache writer on every storm batch, and it agrees with the severity
// lights by construction (the current minute equals the active count). The price, stated in the
// user guide: an alarm the server has purged (removed from the cache) no longer counts in the past.
//
// "Raised per minute by severity" counts alarms by raised minute and by the severity they have now:
// the cache keeps the current severity only. A cleared alarm whose severity became "cleared" counts
// as indeterminate (its raised severity is no longer known).
namespace noc {

struct AlarmTrendSeries {
    static constexpr int kSeverities = 5; // critical, major, minor, warning, indeterminate (cache codes 0..4)
    static constexpr int kMinutes = 24 * 60;

    EpochMs windowStartMs = 0; // start of the first minute; the last minute is the current one
    std::array<QVector<int>, kSeverities> raised; // [severity][minute]
    QVector<qint64> active;                       // [minute]: active at the end of the minute (last: now)
    qint64 trackedAlarms = 0;                     // alarms that touch the window (for the log and tests)

    EpochMs minuteStartMs(int minute) const { return windowStartMs + qint64(minute) * 60'000; }
    // Index of the minute holding `ms`, or -1 outside the window.
    int minuteOf(EpochMs ms) const;
    qint64 raisedTotal(int severity) const;
};
using SharedAlarmTrendSeries = std::shared_ptr<const AlarmTrendSeries>;

// Lives on its own thread (AlarmTrendModel starts it) with its own read connection: the first load
// scans the alarms table, which must never happen on the GUI thread. Keeps, per alarm that touches the
// window, its raised and end minute and severity (12 bytes), so that a batch of changes only re-reads
// the changed rows and the window slides without SQL.
class AlarmTrendWorker : public QObject {
    Q_OBJECT
public:
    AlarmTrendWorker();
    ~AlarmTrendWorker() override;

public slots:
    void open(const QString &cachePath, qint64 nowMs);
    void applyChanges(const noc::KindChanges &changes, qint64 nowMs);
    // Moves the window to end at the minute of `nowMs` and answers with the new series.
    void slide(qint64 nowMs);

signals:
    void seriesReady(const noc::SharedAlarmTrendSeries &series);
    void failed(const QString &message);

private:
    // Active at the end of minute m  <=>  raisedMinute <= m < endMinute (minutes since the epoch).
    struct Record {
        qint32 raisedMinute = 0;
        qint32 endMinute = 0; // kStillActive while the alarm is active
        quint8 severity = 4;  // 0..4
    };
    static constexpr qint32 kStillActive = std::numeric_limits<qint32>::max();
    void setWindow(qint64 nowMs);
    bool touchesWindow(const Record &r) const;
    void publish();

    sqlite3 *m_db = nullptr;
    QHash<quint64, Record> m_records; // alarm id hash -> record (alarms touching the window only)
    qint32 m_firstMinute = 0;         // minutes since the epoch of the window's first minute
};

// The GUI-thread side: owns the worker thread, merges ChangeSets and hands them over at most every
// updateInterval() (250 ms: four redraws a second in a storm), slides the window every minute, and
// keeps the latest series for the chart.
class AlarmTrendModel : public QObject {
    Q_OBJECT
public:
    explicit AlarmTrendModel(QObject *parent = nullptr);
    ~AlarmTrendModel() override;

    void open(const QString &cachePath);
    const SharedAlarmTrendSeries &series() const { return m_series; }

    void setUpdateInterval(int ms) { m_updateTimer.setInterval(ms); }
    int updateInterval() const { return m_updateTimer.interval(); }
    // Tests pin the clock; the default is the system clock.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }
    qint64 now() const { return m_clock(); }

public slots:
    // Connect SyncSession::committed here.
    void onCommitted(const noc::ChangeSet &changes);
    void slideNow();

signals:
    void seriesChanged();
    void errorOccurred(const QString &message);

    // to the worker (queued)
    void requestOpen(const QString &cachePath, qint64 nowMs);
    void requestChanges(const noc::KindChanges &changes, qint64 nowMs);
    void requestSlide(qint64 nowMs);

private:
    void flushChanges();
    void armMinuteTimer();
    void onSeriesReady(const noc::SharedAlarmTrendSeries &series);

    QThread m_thread;
    QPointer<AlarmTrendWorker> m_worker;
    KindChanges m_pending;
    QTimer m_updateTimer;
    QTimer m_minuteTimer;
    std::function<qint64()> m_clock;
    SharedAlarmTrendSeries m_series;
};

} // namespace noc

Q_DECLARE_METATYPE(noc::SharedAlarmTrendSeries)
