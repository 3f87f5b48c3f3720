#include "alarm_trends.h"

#include "cache/sqlite_statement.h"
#include "logging.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <algorithm>

namespace noc {

namespace {

constexpr qint64 kMinuteMs = 60'000;
constexpr int kDefaultUpdateMs = 250;
constexpr int kChunk = 400; // bound parameters per IN (...) when re-reading changed alarms

qint32 minuteOfMs(qint64 ms) {
    // Floor division: raised times before 1970 (bad data) must not round towards zero.
    return qint32(ms >= 0 ? ms / kMinuteMs : -((-ms + kMinuteMs - 1) / kMinuteMs));
}

// The alarm id hash (alarmIdHash) of a text column, without a QString per row while the first load
// walks every relevant alarm.
quint64 idHashOf(const SqliteStatement &s, int column) {
    return alarmIdHash(reinterpret_cast<const char *>(sqlite3_column_text(s.handle(), column)),
                       sqlite3_column_bytes(s.handle(), column));
}

constexpr const char *kColumns = "id, raised_ms, cleared_ms, changed_ms, active, severity";

} // namespace

int AlarmTrendSeries::minuteOf(EpochMs ms) const {
    if (ms < windowStartMs)
        return -1;
    const qint64 m = (ms - windowStartMs) / kMinuteMs;
    return m < kMinutes ? int(m) : -1;
}

qint64 AlarmTrendSeries::raisedTotal(int severity) const {
    qint64 n = 0;
    for (int v : raised[size_t(severity)])
        n += v;
    return n;
}

// --- worker

AlarmTrendWorker::AlarmTrendWorker() = default;

AlarmTrendWorker::~AlarmTrendWorker() {
    if (m_db)
        sqlite3_close_v2(m_db);
}

void AlarmTrendWorker::setWindow(qint64 nowMs) {
    m_firstMinute = minuteOfMs(nowMs) - (AlarmTrendSeries::kMinutes - 1);
}

bool AlarmTrendWorker::touchesWindow(const Record &r) const {
    return r.raisedMinute >= m_firstMinute || r.endMinute > m_firstMinute;
}

namespace {
struct RowRecord {
    quint64 hash;
    qint32 raisedMinute;
    qint32 endMinute;
    quint8 severity;
};

RowRecord readRow(const SqliteStatement &s, qint32 stillActive) {
    RowRecord r{};
    r.hash = idHashOf(s, 0);
    const qint64 raised = s.columnInt64(1);
    r.raisedMinute = minuteOfMs(raised);
    if (s.columnInt(4)) {
        r.endMinute = stillActive;
    } else {
        // Cleared: the cleared time, or the last change when the server sent no cleared time.
        const qint64 cleared = s.columnInt64(2);
        const qint64 changed = s.columnInt64(3);
        const qint64 end = cleared > 0 ? cleared : changed > 0 ? changed : raised;
        r.endMinute = std::max(minuteOfMs(end), r.raisedMinute);
    }
    const int severity = s.columnInt(5);
    r.severity = quint8(severity >= 0 && severity < AlarmTrendSeries::kSeverities ? severity : 4);
    return r;
}
} // namespace

void AlarmTrendWorker::open(const QString &cachePath, qint64 nowMs) {
    if (m_db)
        sqlite3_close_v2(m_db);
    m_records.clear();
    QString error;
    m_db = openAlarmReadConnection(cachePath, &error);
    if (!m_db) {
        emit failed(error);
        return;
    }
    setWindow(nowMs);
    try {
        QElapsedTimer timer;
        timer.start();
        // Alarms touching the window: still active, or raised / cleared / changed inside it. A scan of
        // the alarms table (no index on raised_ms; the writer's hot path should not maintain one for
        // this), once per open, on this thread.
        SqliteStatement s(m_db,
                          QStringLiteral("SELECT %1 FROM alarms WHERE active = 1 OR raised_ms >= ?1 OR "
                                         "cleared_ms >= ?1 OR changed_ms >= ?1")
                              .arg(QLatin1String(kColumns)),
                          false);
        s.bind(1, qint64(m_firstMinute) * kMinuteMs);
        while (s.step()) {
            const RowRecord r = readRow(s, kStillActive);
            m_records.insert(r.hash, Record{r.raisedMinute, r.endMinute, r.severity});
        }
        logging::logger("ui")->info("alarm trends: {} alarms in the 24 h window loaded in {} ms",
                                    m_records.size(), timer.elapsed());
    } catch (const SqliteError &e) {
        emit failed(QString::fromStdString(e.what()));
    }
    publish();
}

void AlarmTrendWorker::applyChanges(const KindChanges &changes, qint64 nowMs) {
    if (!m_db)
        return;
    setWindow(nowMs);
    for (const QString &id : changes.removed)
        m_records.remove(alarmIdHash(id));
    const QStringList ids = changes.inserted + changes.updated;
    try {
        QSet<quint64> seen;
        for (int i = 0; i < ids.size(); i += kChunk) {
            const int n = std::min<int>(kChunk, int(ids.size()) - i);
            QStringList params;
            for (int p = 0; p < n; ++p)
                params.append(QStringLiteral("?%1").arg(p + 1));
            SqliteStatement s(m_db,
                              QStringLiteral("SELECT %1 FROM alarms WHERE id IN (%2)")
                                  .arg(QLatin1String(kColumns), params.join(QLatin1Char(','))),
                              false);
            for (int p = 0; p < n; ++p)
                s.bind(p + 1, ids[i + p]);
            while (s.step()) {
                const RowRecord r = readRow(s, kStillActive);
                seen.insert(r.hash);
                const Record rec{r.raisedMinute, r.endMinute, r.severity};
                if (touchesWindow(rec))
                    m_records.insert(r.hash, rec);
                else
                    m_records.remove(r.hash);
            }
        }
        // Named as changed but gone (removed by a later transaction): it no longer counts.
        for (const QString &id : ids) {
            const quint64 h = alarmIdHash(id);
            if (!seen.contains(h))
                m_records.remove(h);
        }
    } catch (const SqliteError &e) {
        emit failed(QString::fromStdString(e.what()));
    }
    publish();
}

void AlarmTrendWorker::slide(qint64 nowMs) {
    if (!m_db)
        return;
    const qint32 before = m_firstMinute;
    setWindow(nowMs);
    if (m_firstMinute != before) {
        // Alarms that ended before the new window no longer matter (they cannot come back into it:
        // the window only moves forward).
        for (auto it = m_records.begin(); it != m_records.end();)
            it = touchesWindow(*it) ? std::next(it) : m_records.erase(it);
    }
    publish();
}

void AlarmTrendWorker::publish() {
    auto series = std::make_shared<AlarmTrendSeries>();
    constexpr int kMinutes = AlarmTrendSeries::kMinutes;
    series->windowStartMs = qint64(m_firstMinute) * kMinuteMs;
    for (auto &v : series->raised)
        v.fill(0, kMinutes);
    // Active over time as a difference array: +1 where an alarm starts counting, -1 where it stops,
    // then a running sum. O(alarms + minutes) per publish, no per-minute scan of the alarms.
    std::vector<qint64> diff(size_t(kMinutes) + 1, 0);
    for (const Record &r : std::as_const(m_records)) {
        const qint64 raisedAt = qint64(r.raisedMinute) - m_firstMinute;
        if (raisedAt >= 0 && raisedAt < kMinutes)
            series->raised[r.severity][int(raisedAt)]++;
        const qint64 from = std::max<qint64>(raisedAt, 0);
        const qint64 to = std::min<qint64>(qint64(r.endMinute) - m_firstMinute, kMinutes);
        if (from < to) {
            diff[size_t(from)]++;
            diff[size_t(to)]--;
        }
    }
    series->active.resize(kMinutes);
    qint64 running = 0;
    for (int m = 0; m < kMinutes; ++m) {
        running += diff[size_t(m)];
        series->active[m] = running;
    }
    series->trackedAlarms = m_records.size();
    emit seriesReady(series);
}

// --- model

AlarmTrendModel::AlarmTrendModel(QObject *parent)
    : QObject(parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {
    qRegisterMetaType<noc::SharedAlarmTrendSeries>();
    qRegisterMetaType<noc::KindChanges>();
    qRegisterMetaType<noc::ChangeSet>();

    m_updateTimer.setSingleShot(true);
    m_updateTimer.setInterval(kDefaultUpdateMs);
    connect(&m_updateTimer, &QTimer::timeout, this, &AlarmTrendModel::flushChanges);
    // The window moves on every minute even when nothing changes (a quiet night still scrolls).
    m_minuteTimer.setSingleShot(true);
    m_minuteTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_minuteTimer, &QTimer::timeout, this, &AlarmTrendModel::slideNow);

    m_thread.setObjectName(QStringLiteral("alarm-trends"));
    auto *worker = new AlarmTrendWorker;
    worker->moveToThread(&m_thread);
    m_worker = worker;
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(this, &AlarmTrendModel::requestOpen, worker, &AlarmTrendWorker::open);
    connect(this, &AlarmTrendModel::requestChanges, worker, &AlarmTrendWorker::applyChanges);
    connect(this, &AlarmTrendModel::requestSlide, worker, &AlarmTrendWorker::slide);
    connect(worker, &AlarmTrendWorker::seriesReady, this, &AlarmTrendModel::onSeriesReady,
            Qt::QueuedConnection);
    connect(worker, &AlarmTrendWorker::failed, this, &AlarmTrendModel::errorOccurred, Qt::QueuedConnection);
    m_thread.start();
}

AlarmTrendModel::~AlarmTrendModel() {
    m_thread.quit();
    m_thread.wait();
}

void AlarmTrendModel::open(const QString &cachePath) {
    m_pending = {};
    emit requestOpen(cachePath, now());
    armMinuteTimer();
}

void AlarmTrendModel::onCommitted(const ChangeSet &changes) {
    if (changes.alarms.isEmpty())
        return;
    m_pending.merge(changes.alarms);
    if (!m_updateTimer.isActive())
        m_updateTimer.start();
}

void AlarmTrendModel::flushChanges() {
    if (m_pending.isEmpty())
        return;
    emit requestChanges(m_pending, now());
    m_pending = {};
}

void AlarmTrendModel::slideNow() {
    const qint64 t = now();
    flushChanges(); // changes first: they are read at the new window
    emit requestSlide(t);
    armMinuteTimer();
}

void AlarmTrendModel::armMinuteTimer() {
    // Next turn just after the next minute boundary.
    m_minuteTimer.start(int(kMinuteMs - now() % kMinuteMs) + 50);
}

void AlarmTrendModel::onSeriesReady(const SharedAlarmTrendSeries &series) {
    m_series = series;
    emit seriesChanged();
}

} // namespace noc
