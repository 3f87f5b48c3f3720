#include "alarm_table_model.h"

#include "alarm_vocabulary.h"
#include "display_time.h"

#include "cache/row_codec.h"
#include "cache/sqlite_statement.h"
#include "logging.h"
#include "thread_priority.h"

#include <QColor>
#include <QDateTime>
#include <QHash>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cstdint>

namespace noc {

namespace {

// Rows of text read around the row a view asks for: more than a screenful (~40 rows at 900 px) above
// and below, so scrolling by a page costs one read, not sixty, and the next rows are usually read
// before they scroll into view (placeholders are seldom seen). A read of 240 rows costs the reader
// thread 5-15 ms.
constexpr int kWindowBefore = 60;
constexpr int kWindowAfter = 180;
// A painted row whose text is known looks this far up and down: rows not read there are read now, so
// that a scroll finds their text there (at three rows per frame, ~1.5 s ahead).
constexpr int kReadAhead = 100;
constexpr int kTextCacheRows = 4000;
// Why 100 ms: the issue allows ~10 list updates per second; faster gains nothing a person can see
// and every batch costs a layout pass of the view.
constexpr int kDefaultUpdateMs = 100;
// Most separate places of the list one batch may change with row removals and insertions; more
// become one layout change. Each insertion or removal costs a view O(rows) (QHeaderView moves its
// section table), a layout change one pass: 16 ranges of 400,000 rows are a few ms.
constexpr size_t kMaxRanges = 16;
// How long the replaced rows are kept for the next batch's merge (a storm sends one every 100 ms).
constexpr int kSpareKeepMs = 2000;
// Lists from this size get their next merge buffer prepared on a pool thread (prepareSpare): below
// it a fresh buffer costs the GUI thread a few ms at most.
constexpr size_t kPrepareSpareMinRows = 16384;
// A batch waits at most this long for a buffer being prepared (a pool thread writing 20-50 MB of
// pages, ~10-40 ms), then takes a fresh one here: an update never waits on a busy pool for long.
constexpr qint64 kMaxSpareWaitMs = 250;

// One place of the list a batch changes: old rows [oldFirst, +oldCount) leave and
// added[addFirst, +addCount) enter there, with no kept row between them.
struct Place {
    size_t oldFirst = 0;
    size_t oldCount = 0;
    size_t addFirst = 0;
    size_t addCount = 0;
};

// std::lower_bound for sorted queries: searches [first, last) probing 1, 2, 4, ... keys past
// `first` (the previous query's answer), then bisects the last step. A plain binary search over
// ~300,000 keys (12 MB) reads ~8 cold cache lines per query: ~2.5 us each, 23 ms of GUI-thread CPU
// for the 9,500 removals of one storm batch. Galloping from the previous answer reads a few lines
// near it: O(k log(n/k)) for k sorted queries, mostly memory just read.
template <typename It, typename T, typename Less>
It gallopLowerBound(It first, It last, const T &value, const Less &less) {
    if (first == last || !less(*first, value))
        return first;
    // *lo < value throughout; the answer is past lo.
    It lo = first;
    for (ptrdiff_t step = 1;; step *= 2) {
        if (last - lo <= step)
            return std::lower_bound(lo + 1, last, value, less);
        const It probe = lo + step;
        if (!less(*probe, value))
            return std::lower_bound(lo + 1, probe + 1, value, less);
        lo = probe;
    }
}

// The places of a batch, top down, from the sorted positions of the rows that leave and the sorted
// keys that enter (galloping searches: O(changes x log rows) at most, no pass over the rows). Stops after
// `limit` places (the caller then knows there are more).
std::vector<Place> placesOf(const AlarmKeyVector &rows, const std::vector<size_t> &removedPos,
                            const AlarmKeyVector &added, const AlarmKeyLess &less, size_t limit) {
    std::vector<size_t> at(added.size()); // insertion point of each added key among the old rows
    auto from = rows.begin();
    for (size_t i = 0; i < added.size(); ++i) {
        from = gallopLowerBound(from, rows.end(), added[i], less);
        at[i] = size_t(from - rows.begin());
    }
    std::vector<Place> places;
    size_t ri = 0, ai = 0;
    while ((ri < removedPos.size() || ai < added.size()) && places.size() <= limit) {
        size_t pos = std::min(ri < removedPos.size() ? removedPos[ri] : SIZE_MAX,
                              ai < added.size() ? at[ai] : SIZE_MAX);
        Place p{pos, 0, ai, 0};
        for (;;) {
            while (ai < added.size() && at[ai] <= pos) {
                ++p.addCount;
                ++ai;
            }
            if (ri < removedPos.size() && removedPos[ri] == pos) {
                ++p.oldCount;
                ++ri;
                ++pos;
                continue;
            }
            break;
        }
        places.push_back(p);
    }
    return places;
}

// The rows after a batch: kept stretches copied in bulk, the added keys between them, written into
// `spare` (the rows before the previous batch) when it is large enough: a fresh buffer of 300,000
// keys costs ~3,000 page faults per batch (perf of the full storm). `capacity`: at least the new
// size. An eighth more is reserved: in a storm the list grows by thousands of rows a batch, and with
// a thirty-second more (before) nearly every batch of a growing list needed a fresh buffer of both
// (up to 26 ms of GUI-thread CPU at 140,000 rows). It costs at most 5 B per listed alarm while the
// buffer lives.
AlarmKeyVector mergeAt(const AlarmKeyVector &rows, const std::vector<Place> &places,
                       const AlarmKeyVector &added, size_t capacity, AlarmKeyVector &spare,
                       int &allocations) {
    AlarmKeyVector next = std::move(spare);
    spare = {};
    next.clear();
    if (next.capacity() < capacity) {
        if (capacity >= kPrepareSpareMinRows) // smaller ones are allocated here by design
            ++allocations;
        next = {};
        next.reserve(capacity + capacity / 8 + 1024);
        adviseHugePages(next.data(), next.capacity() * sizeof(AlarmKey));
    }
    size_t from = 0;
    for (const Place &p : places) {
        next.insert(next.end(), rows.begin() + ptrdiff_t(from), rows.begin() + ptrdiff_t(p.oldFirst));
        next.insert(next.end(), added.begin() + ptrdiff_t(p.addFirst),
                    added.begin() + ptrdiff_t(p.addFirst + p.addCount));
        from = p.oldFirst + p.oldCount;
    }
    next.insert(next.end(), rows.begin() + ptrdiff_t(from), rows.end());
    return next;
}

} // namespace

AlarmTableModel::AlarmTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_text(kTextCacheRows) {
    qRegisterMetaType<noc::AlarmQuery>();
    qRegisterMetaType<noc::SharedAlarmResult>();
    qRegisterMetaType<std::shared_ptr<noc::AlarmDelta>>();
    qRegisterMetaType<noc::KindChanges>();
    qRegisterMetaType<noc::ChangeSet>();
    qRegisterMetaType<noc::SharedAlarmRowTexts>();
    qRegisterMetaType<std::vector<qint64>>();

    m_updateTimer.setSingleShot(true);
    m_updateTimer.setInterval(kDefaultUpdateMs);
    connect(&m_updateTimer, &QTimer::timeout, this, &AlarmTableModel::flushChanges);
    m_spentDeltaTimer.setSingleShot(true);
    m_spentDeltaTimer.setInterval(0);
    connect(&m_spentDeltaTimer, &QTimer::timeout, this, &AlarmTableModel::returnSpentDeltas);
    m_spareTimer.setSingleShot(true);
    m_spareTimer.setInterval(kSpareKeepMs);
    connect(&m_spareTimer, &QTimer::timeout, this, [this] { m_spare = {}; });
    connect(&m_spareWatcher, &QFutureWatcherBase::finished, this, &AlarmTableModel::takePreparedSpare);
    m_spareThreads.setMaxThreadCount(1);
    m_spareThreads.setObjectName(QStringLiteral("alarm-spare"));
    connect(&m_expiryTimer, &QTimer::timeout, this, [this] {
        if (!isLoading())
            emit requestExpire(m_generation, QDateTime::currentMSecsSinceEpoch());
    });

    m_thread.setObjectName(QStringLiteral("alarm-index"));
    auto *worker = new AlarmIndexWorker;
    worker->moveToThread(&m_thread);
    m_worker = worker;
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    // Bulk work in a storm (a batch every 100 ms): below the GUI thread (thread_priority.h). The text
    // reader below stays at the GUI's priority: a paint waits for its answer.
    connect(&m_thread, &QThread::started, worker, [] { lowerCurrentThreadPriority(); });
    connect(this, &AlarmTableModel::requestOpen, worker, &AlarmIndexWorker::open);
    connect(this, &AlarmTableModel::requestQuery, worker, &AlarmIndexWorker::runQuery);
    connect(this, &AlarmTableModel::requestChanges, worker, &AlarmIndexWorker::applyChanges);
    connect(this, &AlarmTableModel::requestExpire, worker, &AlarmIndexWorker::expireCleared);
    // Queued to this object: a model deleted before the answer arrives is never called.
    connect(worker, &AlarmIndexWorker::queryReady, this, &AlarmTableModel::onQueryReady,
            Qt::QueuedConnection);
    connect(worker, &AlarmIndexWorker::previewReady, this, &AlarmTableModel::onPreviewReady,
            Qt::QueuedConnection);
    connect(worker, &AlarmIndexWorker::deltaReady, this, &AlarmTableModel::onDeltaReady,
            Qt::QueuedConnection);
    connect(worker, &AlarmIndexWorker::failed, this, &AlarmTableModel::errorOccurred, Qt::QueuedConnection);
    m_thread.start();

    m_textThread.setObjectName(QStringLiteral("alarm-text"));
    auto *reader = new AlarmTextReader;
    reader->moveToThread(&m_textThread);
    connect(&m_textThread, &QThread::finished, reader, &QObject::deleteLater);
    connect(this, &AlarmTableModel::requestTextOpen, reader, &AlarmTextReader::open);
    connect(this, &AlarmTableModel::requestText, reader, &AlarmTextReader::fetch);
    connect(reader, &AlarmTextReader::fetched, this, &AlarmTableModel::onTextFetched, Qt::QueuedConnection);
    m_textThread.start();
    // Rows that move while a window of text is being read: its answer repaints every row (cheap: the
    // view repaints what is visible), since the rows it was asked for may show other alarms now.
    const auto moved = [this] { ++m_rowMoves; };
    connect(this, &QAbstractItemModel::rowsInserted, this, moved);
    connect(this, &QAbstractItemModel::rowsRemoved, this, moved);
    connect(this, &QAbstractItemModel::rowsMoved, this, moved);
    connect(this, &QAbstractItemModel::layoutChanged, this, moved);
    connect(this, &QAbstractItemModel::modelReset, this, moved);
}

AlarmTableModel::~AlarmTableModel() {
    m_thread.quit();
    m_textThread.quit();
    m_thread.wait();
    m_textThread.wait();
    if (m_db)
        sqlite3_close_v2(m_db);
}

bool AlarmTableModel::open(const QString &cachePath) {
    if (m_db)
        sqlite3_close_v2(m_db);
    QString error;
    m_db = openAlarmReadConnection(cachePath, &error);
    if (!m_db) {
        logging::logger("ui")->error("alarm list: cannot open cache {}: {}", cachePath.toStdString(),
                                     error.toStdString());
        emit errorOccurred(error);
        return false;
    }
    m_text.clear();
    m_inFlight.clear();
    emit requestTextOpen(cachePath);
    emit requestOpen(cachePath);
    setQuery(m_query);
    return true;
}

void AlarmTableModel::setQuery(const AlarmQuery &query) {
    m_query = query;
    if (!m_db)
        return; // open() runs it
    // Changes merged but not yet handed over go to the worker first: its index of every alarm is
    // loaded once and kept, so a new query does not read them by itself. (Queued in order: the
    // worker applies them before it runs the query; their delta, of the old generation, is dropped.)
    if (!m_pendingChanges.isEmpty())
        emit requestChanges(m_generation, m_pendingChanges);
    m_generation++;
    // A new list reads its text afresh: derived text (occurrences, ticket) may have moved on. The
    // known text is shown meanwhile (no "…" over a whole page after a sort).
    for (const qint64 aid : m_text.keys())
        m_text.object(aid)->stale = true;
    m_inFlight.clear();
    const bool wasLoading = isLoading();
    m_loadingGeneration = m_generation;
    m_pendingChanges = {};
    m_updateTimer.stop();
    emit requestQuery(m_generation, m_query);
    if (m_query.activity == AlarmActivity::Active && m_query.clearedLingerMs > 0) {
        m_expiryTimer.start(m_expiryOverrideMs > 0
                                ? m_expiryOverrideMs
                                : int(std::clamp<qint64>(m_query.clearedLingerMs / 10, 50, 5000)));
    } else {
        m_expiryTimer.stop();
    }
    if (!wasLoading)
        emit loadingChanged(true);
}

void AlarmTableModel::setFirstPageMinRows(int rows) {
    // Queued to the worker's thread: it applies before any query asked after this call.
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, rows] { worker->setPreviewMinRows(rows); }, Qt::QueuedConnection);
}

void AlarmTableModel::sort(int column, Qt::SortOrder order) {
    const auto col = AlarmColumn(column);
    if (column < 0 || column >= int(AlarmColumn::Count) || !isSortableColumn(col))
        return;
    if (m_query.sortColumn == col && m_query.sortOrder == order)
        return;
    AlarmQuery q = m_query;
    q.sortColumn = col;
    q.sortOrder = order;
    setQuery(q);
}

void AlarmTableModel::onQueryReady(int generation, const SharedAlarmResult &result) {
    if (generation != m_generation)
        return;   // a newer query is on its way
    m_spare = {}; // a new list: the last batch's buffer is no use to it
    const bool previewed = m_previewGeneration == generation;
    if (previewed && m_previewCounted && fillIn(*result)) {
        // The first page stays; the rows below it arrive without a reset (scroll, selection kept).
    } else {
        beginResetModel(); // a new filter or sort: a different list, not an update of the old one
        // Moved, not copied: the worker made the vector for us (a million keys are 40 MB).
        m_rows = std::move(result->rows);
        m_children = std::move(result->children);
        m_pendingTop = 0;
        m_universeSize = result->universeSize;
        collectExpandedKeys();
        rebuildSpans();
        endResetModel();
    }
    m_loadingGeneration = 0;
    m_previewGeneration = 0;
    m_previewCounted = false;
    emit loadingChanged(false);
    if (!previewed)
        emit firstPageReady();
    emit queryFinished();
    if (!m_pendingChanges.isEmpty() && !m_updateTimer.isActive())
        m_updateTimer.start();
}

bool AlarmTableModel::fillIn(AlarmQueryResult &result) {
    // The worker answers a query's first page and its whole list from the same keys, and changes wait
    // while a query is loading: the whole list starts with the page. Checked anyway (400 keys): if it
    // did not, the reset below is still right.
    const size_t shown = m_rows.size();
    if (result.rows.size() != shown + size_t(m_pendingTop) ||
        !std::equal(m_rows.begin(), m_rows.end(), result.rows.begin()))
        return false;
    const int firstPlaceholder = m_displayRows - int(m_pendingTop);
    const int lastPlaceholder = m_displayRows - 1;
    m_rows = std::move(result.rows);
    m_children = std::move(result.children);
    m_pendingTop = 0;
    m_universeSize = result.universeSize;
    rebuildSpans(); // the same spans: the page's expanded roots and their children are unchanged
    if (lastPlaceholder >= firstPlaceholder)
        emit dataChanged(index(firstPlaceholder, 0), index(lastPlaceholder, int(AlarmColumn::Count) - 1));
    // Roots the person expanded earlier that are listed below the first page: their children come in
    // as rows (one insertion per such root: a handful).
    if (!m_expanded.isEmpty() && !m_children.isEmpty()) {
        for (size_t top = shown; top < m_rows.size(); ++top) {
            const AlarmKey &k = m_rows[top];
            if (!k.hasChildren() || !m_expanded.contains(k.aid))
                continue;
            const int count = int(m_children.value(k.aid).size());
            if (count == 0)
                continue;
            const int row = displayRowOfTop(int(top));
            beginInsertRows({}, row + 1, row + count);
            m_expandedKeys.insert(k.aid, k);
            rebuildSpans();
            endInsertRows();
        }
    }
    return true;
}

void AlarmTableModel::onPreviewReady(int generation, const SharedAlarmResult &result) {
    if (generation != m_generation || !isLoading())
        return; // stale: a newer query is on its way, or this one's whole answer is already shown
    // The first page while the rest is sorted (or, on open, while the index loads); still loading:
    // changes wait, and the whole answer fills in or replaces these rows. With the list's count known,
    // the rows below the page are placeholders, so the scroll bar is true from the start.
    beginResetModel();
    m_rows = std::move(result->rows);
    m_children = std::move(result->children);
    m_previewCounted = result->listedRows >= 0;
    m_pendingTop = m_previewCounted ? std::max<qint64>(0, result->listedRows - qint64(m_rows.size())) : 0;
    if (m_previewCounted)
        m_universeSize = result->universeSize;
    collectExpandedKeys();
    rebuildSpans();
    endResetModel();
    const bool first = m_previewGeneration != generation;
    m_previewGeneration = generation;
    if (first)
        emit firstPageReady();
}

bool AlarmTableModel::isPlaceholder(int row) const {
    const int tail = int(m_pendingTop) + m_padTop;
    return tail > 0 && row >= m_displayRows - tail && row < m_displayRows;
}

void AlarmTableModel::collectExpandedKeys() {
    // A new list: the roots the person opened that it lists, with their keys in it.
    m_expandedKeys.clear();
    if (m_expanded.isEmpty() || m_children.isEmpty())
        return;
    for (const auto &k : m_rows)
        if (k.hasChildren() && m_expanded.contains(k.aid))
            m_expandedKeys.insert(k.aid, k);
}

void AlarmTableModel::rebuildSpans() {
    m_spans.clear();
    int shown = 0;
    if (!m_expandedKeys.isEmpty()) {
        const AlarmKeyLess less{m_query.sortColumn, m_query.sortOrder};
        for (auto it = m_expandedKeys.cbegin(); it != m_expandedKeys.cend(); ++it) {
            const auto c = m_children.constFind(it.key());
            if (c == m_children.cend() || c->empty())
                continue;
            const auto pos = std::lower_bound(m_rows.begin(), m_rows.end(), it.value(), less);
            if (pos == m_rows.end() || pos->aid != it.key())
                continue;
            m_spans.push_back(Span{int(pos - m_rows.begin()), 0, int(c->size()), &*c});
        }
        std::sort(m_spans.begin(), m_spans.end(), [](const Span &a, const Span &b) { return a.top < b.top; });
        for (auto &span : m_spans) {
            span.start = span.top + shown;
            shown += span.count;
        }
    }
    m_displayRows = int(m_rows.size()) + int(m_pendingTop) + m_padTop + shown;
}

AlarmTableModel::Location AlarmTableModel::locate(int row) const {
    if (m_spans.empty())
        return {row, -1, -1};
    // The last span whose root is at or above `row`.
    auto it = std::upper_bound(m_spans.begin(), m_spans.end(), row,
                               [](int r, const Span &s) { return r < s.start; });
    if (it == m_spans.begin())
        return {row, -1, -1};
    --it;
    const int span = int(it - m_spans.begin());
    if (row == it->start)
        return {it->top, -1, span};
    if (row <= it->start + it->count)
        return {it->top, row - it->start - 1, span};
    return {it->top + (row - it->start - it->count), -1, -1};
}

int AlarmTableModel::displayRowOfTop(int top) const {
    auto it =
        std::lower_bound(m_spans.begin(), m_spans.end(), top, [](const Span &s, int t) { return s.top < t; });
    if (it == m_spans.begin())
        return top;
    --it;
    return top + (it->start - it->top) + it->count;
}

const AlarmKey &AlarmTableModel::keyAt(int row) const {
    static const AlarmKey placeholder; // aid 0: no alarm
    if (isPlaceholder(row))
        return placeholder;
    if (m_stageNext) [[unlikely]]
        return row < m_stageDone ? (*m_stageNext)[size_t(row)]
                                 : m_rows[size_t(m_stageOld + row - m_stageDone)];
    if (m_spans.empty())
        return m_rows[size_t(row)];
    const Location l = locate(row);
    return l.child >= 0 ? (*m_spans[size_t(l.span)].children)[size_t(l.child)] : m_rows[size_t(l.top)];
}

AlarmTableModel::TreeNode AlarmTableModel::treeNode(int row) const {
    if (!m_query.tree || row < 0 || row >= m_displayRows || isPlaceholder(row))
        return NotTree;
    const Location l = locate(row);
    if (l.child >= 0)
        return Child;
    if (!keyAt(row).hasChildren())
        return Leaf;
    return l.span >= 0 ? Expanded : Collapsed;
}

bool AlarmTableModel::isExpanded(int row) const {
    return treeNode(row) == Expanded;
}

bool AlarmTableModel::setExpanded(int row, bool expanded) {
    const TreeNode node = treeNode(row);
    if (node != Collapsed && node != Expanded)
        return false;
    if ((node == Expanded) == expanded)
        return true;
    const AlarmKey key = keyAt(row);
    const int count = int(m_children.value(key.aid).size());
    if (count == 0)
        return false;
    if (expanded) {
        beginInsertRows({}, row + 1, row + count);
        m_expanded.insert(key.aid);
        m_expandedKeys.insert(key.aid, key);
        rebuildSpans();
        endInsertRows();
    } else {
        beginRemoveRows({}, row + 1, row + count);
        m_expanded.remove(key.aid);
        m_expandedKeys.remove(key.aid);
        rebuildSpans();
        endRemoveRows();
    }
    emit dataChanged(index(row, 0), index(row, 0), {TreeRole, ExpandedRole});
    return true;
}

bool AlarmTableModel::setData(const QModelIndex &index, const QVariant &value, int role) {
    if (role != ExpandedRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    return setExpanded(index.row(), value.toBool());
}

void AlarmTableModel::onCommitted(const ChangeSet &changes) {
    if (changes.alarms.isEmpty())
        return;
    m_pendingChanges.merge(changes.alarms);
    if (!m_updateTimer.isActive() && !isLoading())
        m_updateTimer.start();
}

void AlarmTableModel::flushChanges() {
    if (m_pendingChanges.isEmpty() || isLoading())
        return;
    emit requestChanges(m_generation, m_pendingChanges);
    m_pendingChanges = {};
}

void AlarmTableModel::returnSpentDeltas() {
    if (m_spentDeltas.empty() || !m_worker)
        return;
    // The lambda, and with it the last owner of each delta, is destroyed on the worker's thread.
    QMetaObject::invokeMethod(
        m_worker, [spent = std::move(m_spentDeltas)] {}, Qt::QueuedConnection);
    m_spentDeltas = {};
}

void AlarmTableModel::onDeltaReady(int generation, const std::shared_ptr<AlarmDelta> &delta) {
    m_spentDeltas.push_back(delta);
    if (!m_spentDeltaTimer.isActive())
        m_spentDeltaTimer.start();
    if (generation != m_generation || isLoading())
        return;
    m_waitingDeltas.push_back({generation, delta});
    applyWaitingDeltas();
}

void AlarmTableModel::applyWaitingDeltas() {
    while (!m_waitingDeltas.empty()) {
        const auto [generation, delta] = m_waitingDeltas.front();
        if (generation == m_generation && !isLoading() && waitsForSpare(*delta))
            return; // takePreparedSpare() comes back here
        m_waitingDeltas.pop_front();
        if (generation == m_generation && !isLoading())
            applyDelta(delta);
    }
}

bool AlarmTableModel::waitsForSpare(const AlarmDelta &delta) {
    // The most rows the merge may write (removals only make it fewer).
    const size_t rows = m_rows.size() + size_t(delta.added.size());
    if (rows < kPrepareSpareMinRows || m_spare.capacity() >= rows) {
        m_waitingSince.invalidate();
        return false;
    }
    if (m_waitingSince.isValid() && m_waitingSince.elapsed() > kMaxSpareWaitMs) {
        logging::logger("ui")->info(
            "alarm list: no prepared buffer for {} rows after {} ms; one is allocated here", rows,
            m_waitingSince.elapsed());
        m_waitingSince.invalidate();
        return false;
    }
    if (!m_waitingSince.isValid())
        m_waitingSince.start();
    // Batches are coming: keep the spare (takePreparedSpare only takes one while the timer runs).
    m_spareTimer.start();
    prepareSpareFor(rows);
    // Looked at again when the buffer is ready, or at the latest when the wait is over.
    QTimer::singleShot(kMaxSpareWaitMs + 1, this, &AlarmTableModel::applyWaitingDeltas);
    return true;
}

void AlarmTableModel::applyDelta(const std::shared_ptr<AlarmDelta> &delta) {
    const bool totalChanged = delta->universeSize >= 0 && delta->universeSize != m_universeSize;
    if (delta->universeSize >= 0)
        m_universeSize = delta->universeSize;
    const AlarmKeyLess less{m_query.sortColumn, m_query.sortOrder};
    const int oldN = m_displayRows;

    // The rows that leave, found in list order (galloping from one to the next: see
    // gallopLowerBound). The index thread sent both lists sorted for this query.
    const AlarmKeyVector &removed = delta->removed;
    const AlarmKeyVector &added = delta->added;
    Q_ASSERT(std::is_sorted(removed.begin(), removed.end(), less));
    Q_ASSERT(std::is_sorted(added.begin(), added.end(), less));
    std::vector<size_t> removedPos;
    removedPos.reserve(removed.size());
    {
        auto from = m_rows.begin();
        for (const auto &k : removed) {
            from = gallopLowerBound(from, m_rows.end(), k, less);
            if (from != m_rows.end() && from->aid == k.aid)
                removedPos.push_back(size_t(from - m_rows.begin()));
        }
    }
    removedPos.erase(std::unique(removedPos.begin(), removedPos.end()), removedPos.end());
    for (const auto &k : added) {
        markTextStale(k.aid);
        if (m_expandedKeys.contains(k.aid))
            m_expandedKeys.insert(k.aid, k);
    }
    for (const auto &list : std::as_const(delta->children))
        for (const auto &k : list)
            markTextStale(k.aid);

    // Child lists of expanded roots that keep their alarms in their order change in place; any other
    // change of a shown child list moves rows.
    bool childrenInPlace = true;
    for (auto it = delta->children.cbegin(); it != delta->children.cend() && childrenInPlace; ++it) {
        if (!m_expandedKeys.contains(it.key()))
            continue;
        const AlarmKeyVector old = m_children.value(it.key());
        childrenInPlace = old.size() == it->size() &&
                          std::equal(old.begin(), old.end(), it->begin(),
                                     [](const AlarmKey &a, const AlarmKey &b) { return a.aid == b.aid; });
    }

    // Fast path: every change replaced a row by a newer version of the same alarm that sorts to the
    // same place (an ack, a text change). One dataChanged over the span of changed rows.
    if (childrenInPlace && removedPos.size() == added.size()) {
        QHash<qint64, AlarmKey> byAid;
        for (const auto &k : added)
            byAid.insert(k.aid, k);
        std::vector<AlarmKey> saved;
        bool inPlace = true;
        for (size_t p : removedPos) {
            const auto it = byAid.constFind(m_rows[p].aid);
            if (it == byAid.cend()) {
                inPlace = false;
                break;
            }
            saved.push_back(m_rows[p]);
            m_rows[p] = it.value();
        }
        if (inPlace) {
            for (size_t p : removedPos) {
                if ((p > 0 && !less(m_rows[p - 1], m_rows[p])) ||
                    (p + 1 < m_rows.size() && !less(m_rows[p], m_rows[p + 1]))) {
                    inPlace = false;
                    break;
                }
            }
        }
        if (inPlace) {
            int first = m_displayRows, last = -1;
            for (size_t p : removedPos) {
                const int r = displayRowOfTop(int(p));
                first = std::min(first, r);
                last = std::max(last, r);
            }
            for (auto it = delta->children.cbegin(); it != delta->children.cend(); ++it) {
                if (it->empty())
                    m_children.remove(it.key());
                else
                    m_children.insert(it.key(), it.value());
            }
            rebuildSpans();
            for (const Span &span : m_spans) {
                if (!delta->children.contains(m_rows[size_t(span.top)].aid))
                    continue;
                first = std::min(first, span.start + 1);
                last = std::max(last, span.start + span.count);
            }
            if (last >= first)
                emit dataChanged(index(first, 0), index(last, int(AlarmColumn::Count) - 1));
            emit rowsUpdated();
            return;
        }
        for (size_t i = 0; i < saved.size(); ++i)
            m_rows[removedPos[i]] = saved[i];
    }
    if (removedPos.empty() && added.empty() && delta->children.isEmpty()) {
        if (totalChanged)
            emit rowsUpdated();
        return;
    }

    if (applyAsRanges(removedPos, added, *delta)) {
        emit rowsUpdated();
        return;
    }

    // General path: merge, then tell the views with at most three signals.
    AlarmKeyVector next =
        mergeAt(m_rows, placesOf(m_rows, removedPos, added, less, SIZE_MAX), added,
                m_rows.size() - removedPos.size() + added.size(), m_spare, m_mergeAllocations);
    AlarmChildren nextChildren = m_children;
    for (auto it = delta->children.cbegin(); it != delta->children.cend(); ++it) {
        if (it->empty())
            nextChildren.remove(it.key());
        else
            nextChildren.insert(it.key(), it.value());
    }
    int shownChildren = 0;
    for (auto it = m_expandedKeys.cbegin(); it != m_expandedKeys.cend(); ++it) {
        const auto pos = std::lower_bound(next.begin(), next.end(), it.value(), less);
        if (pos != next.end() && pos->aid == it.key() && pos->hasChildren())
            shownChildren += int(nextChildren.value(it.key()).size());
    }
    const int newTop = int(next.size());
    const int newN = newTop + shownChildren;

    const auto commit = [&] {
        keepSpare();
        m_rows = std::move(next);
        m_children = std::move(nextChildren);
        rebuildSpans();
    };
    if (oldN == 0) {
        beginInsertRows({}, 0, newN - 1);
        commit();
        endInsertRows();
        emit rowsUpdated();
        return;
    }
    if (newN == 0) {
        beginRemoveRows({}, 0, oldN - 1);
        commit();
        endRemoveRows();
        emit rowsUpdated();
        return;
    }
    // The row count changes at the end, around the layout change, through placeholder rows (no
    // alarm, no data) instead of copies of the last key: padding the rows vector itself reallocated
    // it now and then (12 MB copied and page-faulted in: 30-37 ms of GUI-thread CPU at 270,000 rows).
    if (newN > oldN) {
        beginInsertRows({}, oldN, newN - 1);
        m_padTop = newN - oldN;
        rebuildSpans();
        endInsertRows();
    }
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    // What each persistent index points at, in the old shape; taken after layoutAboutToBeChanged,
    // whose receivers make persistent indexes of their own (QItemSelectionModel: one per selected
    // row) to find their rows again after the change.
    const QModelIndexList from = persistentIndexList();
    AlarmKeyVector identities;
    identities.reserve(size_t(from.size()));
    for (const QModelIndex &idx : from)
        identities.push_back(keyAt(idx.row()));
    {
        QHash<qint64, AlarmKey> addedByAid;
        for (const auto &k : added)
            addedByAid.insert(k.aid, k);
        // Rows removed at the end below keep the old count until then.
        m_padTop = std::max(0, oldN - newN);
        commit();
        // Where the children shown now are.
        QHash<qint64, int> childRow;
        for (const Span &span : m_spans)
            for (int c = 0; c < span.count; ++c)
                childRow.insert((*span.children)[size_t(c)].aid, span.start + 1 + c);
        QModelIndexList to;
        to.reserve(from.size());
        for (qsizetype i = 0; i < from.size(); ++i) {
            const AlarmKey &old = identities[size_t(i)];
            if (old.aid == 0) { // a placeholder row: no alarm to follow
                to.append(QModelIndex());
                continue;
            }
            if (const auto c = childRow.constFind(old.aid); c != childRow.cend()) {
                to.append(index(c.value(), from[i].column()));
                continue;
            }
            const AlarmKey key = addedByAid.value(old.aid, old);
            const auto pos = std::lower_bound(m_rows.begin(), m_rows.end(), key, less);
            to.append(pos != m_rows.end() && pos->aid == key.aid
                          ? index(displayRowOfTop(int(pos - m_rows.begin())), from[i].column())
                          : QModelIndex());
        }
        changePersistentIndexList(from, to);
    }
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    if (newN < oldN) {
        beginRemoveRows({}, newN, oldN - 1);
        m_padTop = 0;
        rebuildSpans();
        endRemoveRows();
    }
    emit rowsUpdated();
}

bool AlarmTableModel::applyAsRanges(const std::vector<size_t> &removedPos, const AlarmKeyVector &added,
                                    const AlarmDelta &delta) {
    // Rows shown as children would need their spans moved too: the layout change handles those.
    if (!m_expandedKeys.isEmpty())
        return false;
    const AlarmKeyLess less{m_query.sortColumn, m_query.sortOrder};
    const std::vector<Place> places = placesOf(m_rows, removedPos, added, less, kMaxRanges);
    if (places.size() > kMaxRanges)
        return false;
    const auto inPlace = [&](const Place &p) {
        if (p.oldCount != p.addCount)
            return false;
        for (size_t j = 0; j < p.oldCount; ++j)
            if (m_rows[p.oldFirst + j].aid != added[p.addFirst + j].aid)
                return false;
        return true;
    };
    // An alarm that moves is removed at one place and inserted at another: a persistent index on it
    // (the selection, the current row) would be lost. The layout change keeps it on its alarm.
    // A selection range holds persistent indexes at its first and last cells only, so a row that moves
    // from anywhere between the first and the last persistent index may be selected: that takes the
    // layout change too (selecting all, then acknowledging, deselected the alarms that moved).
    const QModelIndexList persistent = persistentIndexList();
    if (!persistent.isEmpty()) {
        size_t firstHeld = SIZE_MAX, lastHeld = 0;
        for (const QModelIndex &idx : persistent) {
            firstHeld = std::min(firstHeld, size_t(idx.row()));
            lastHeld = std::max(lastHeld, size_t(idx.row()));
        }
        QSet<qint64> addedAids;
        for (const auto &k : added)
            addedAids.insert(k.aid);
        for (const Place &pl : places) {
            const size_t from = std::max(pl.oldFirst, firstHeld);
            const size_t to = std::min(pl.oldFirst + pl.oldCount, lastHeld + 1);
            if (from >= to || inPlace(pl))
                continue;
            for (size_t row = from; row < to; ++row)
                if (addedAids.contains(m_rows[row].aid))
                    return false;
        }
    }

    AlarmKeyVector next = mergeAt(m_rows, places, added, m_rows.size() - removedPos.size() + added.size(),
                                  m_spare, m_mergeAllocations);
    for (auto it = delta.children.cbegin(); it != delta.children.cend(); ++it) {
        if (it->empty())
            m_children.remove(it.key());
        else
            m_children.insert(it.key(), it.value());
    }

    // Top down: rows above the place being told are next's, the rest still the old ones (keyAt).
    m_stageNext = &next;
    m_stageDone = 0;
    m_stageOld = 0;
    const int oldTop = int(m_rows.size());
    const auto setCount = [&] { m_displayRows = m_stageDone + (oldTop - m_stageOld); };
    for (const Place &p : places) {
        m_stageDone += int(p.oldFirst) - m_stageOld; // kept rows: the same in both
        m_stageOld = int(p.oldFirst);
        if (p.oldCount > 0 && inPlace(p)) {
            const int first = m_stageDone;
            m_stageDone += int(p.oldCount);
            m_stageOld += int(p.oldCount);
            emit dataChanged(index(first, 0), index(m_stageDone - 1, int(AlarmColumn::Count) - 1));
            continue;
        }
        if (p.oldCount > 0) {
            beginRemoveRows({}, m_stageDone, m_stageDone + int(p.oldCount) - 1);
            m_stageOld += int(p.oldCount);
            setCount();
            endRemoveRows();
        }
        if (p.addCount > 0) {
            beginInsertRows({}, m_stageDone, m_stageDone + int(p.addCount) - 1);
            m_stageDone += int(p.addCount);
            setCount();
            endInsertRows();
        }
    }
    m_stageNext = nullptr;
    keepSpare();
    m_rows = std::move(next);
    rebuildSpans();
    return true;
}

void AlarmTableModel::keepSpare() {
    // The rows being replaced become the next batch's buffer while batches keep coming; given back
    // when they stop (40 bytes per listed alarm, only during a stream of changes).
    m_spare = std::move(m_rows);
    m_rows = {};
    m_spareTimer.start();
    // After the batch (m_rows is the new list then).
    QMetaObject::invokeMethod(this, &AlarmTableModel::prepareSpare, Qt::QueuedConnection);
}

void AlarmTableModel::prepareSpare() {
    const size_t rows = m_rows.size();
    // Room for the next batch: storm batches add a few thousand rows to hundreds of thousands.
    if (m_spareTimer.isActive())
        prepareSpareFor(rows + rows / 16 + 4096);
}

void AlarmTableModel::prepareSpareFor(size_t rows) {
    if (rows < kPrepareSpareMinRows || m_spare.capacity() >= rows || m_spareWatcher.isRunning())
        return;
    const size_t capacity = rows + rows / 4 + 4096;
    m_spareWatcher.setFuture(QtConcurrent::run(&m_spareThreads, [capacity] {
        lowerCurrentThreadPriority();
        AlarmKeyVector v;
        v.reserve(capacity);
        adviseHugePages(v.data(), v.capacity() * sizeof(AlarmKey));
        v.resize(capacity); // writes every page here, not in the GUI thread's next merge
        v.clear();
        return v;
    }));
}

void AlarmTableModel::takePreparedSpare() {
    const QFuture<AlarmKeyVector> future = m_spareWatcher.future();
    if (!future.isValid() || future.resultCount() == 0)
        return;
    auto prepared = std::make_shared<AlarmKeyVector>(m_spareWatcher.future().takeResult());
    // Only while batches come (the timer frees m_spare when they stop) and when it is bigger.
    if (m_spareTimer.isActive() && prepared->capacity() > m_spare.capacity())
        std::swap(*prepared, m_spare);
    // The other buffer is given back on the pool thread too (unmapping 12 MB is not free either).
    (void)QtConcurrent::run(&m_spareThreads, [unused = std::move(prepared)] {
        lowerCurrentThreadPriority();
        unused->clear();
        unused->shrink_to_fit();
    });
    applyWaitingDeltas();
}

int AlarmTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : m_displayRows;
}

int AlarmTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(AlarmColumn::Count);
}

void AlarmTableModel::markTextStale(qint64 aid) {
    if (RowText *t = m_text.object(aid))
        t->stale = true;
    m_inFlight.remove(aid); // an answer on its way may have been read before the change
}

bool AlarmTableModel::hasText(int row) const {
    if (row < 0 || row >= m_displayRows)
        return false;
    const qint64 aid = keyAt(row).aid;
    return aid != 0 && m_text.contains(aid);
}

const AlarmTableModel::RowText *AlarmTableModel::shownText(int row) const {
    const qint64 aid = keyAt(row).aid;
    if (aid == 0)
        return nullptr; // a placeholder row
    const RowText *t = m_text.object(aid);
    if (!t || t->stale) {
        requestWindow(row);
        return t;
    }
    // Known: then read ahead of a scroll, before the rows come into view (a hash lookup per cell).
    for (const int near : {row + kReadAhead, row - kReadAhead}) {
        if (near < 0 || near >= m_displayRows)
            continue;
        const qint64 nearAid = keyAt(near).aid;
        if (nearAid != 0 && !m_text.contains(nearAid))
            requestWindow(near);
    }
    return t;
}

void AlarmTableModel::requestWindow(int row) const {
    if (!m_db || m_inFlight.contains(keyAt(row).aid))
        return;
    TextRequest request;
    request.first = std::max(0, row - kWindowBefore);
    request.last = std::min(m_displayRows - 1, row + kWindowAfter);
    request.moves = m_rowMoves;
    const int serial = ++m_textSerial;
    for (int r = request.first; r <= request.last; ++r) {
        const qint64 aid = keyAt(r).aid;
        if (aid == 0 || m_inFlight.contains(aid))
            continue; // a placeholder row, or already asked for
        if (const RowText *t = m_text.object(aid); t && !t->stale)
            continue;
        m_inFlight.insert(aid, serial);
        request.aids.push_back(aid);
    }
    if (request.aids.empty())
        return;
    const std::vector<qint64> aids = request.aids;
    m_textRequests.insert(serial, std::move(request));
    // A signal from a const data(): the request is state of the model's cache, not of its rows.
    emit const_cast<AlarmTableModel *>(this)->requestText(serial, aids);
}

void AlarmTableModel::onTextFetched(int serial, const SharedAlarmRowTexts &texts) {
    const auto it = m_textRequests.find(serial);
    if (it == m_textRequests.end())
        return;
    const TextRequest request = std::move(it.value());
    m_textRequests.erase(it);
    bool any = false;
    for (const auto &[aid, text] : *texts) {
        const auto flight = m_inFlight.constFind(aid);
        if (flight == m_inFlight.cend() || flight.value() != serial)
            continue; // changed (or the list was queried again) since this read: asked for anew
        m_inFlight.erase(flight);
        m_text.insert(aid, new RowText(text));
        any = true;
    }
    // Asked for but not in the cache (deleted since; a batch will remove the row): empty text, so that
    // painting the row does not ask for it again and again.
    for (const qint64 aid : request.aids) {
        const auto flight = m_inFlight.constFind(aid);
        if (flight == m_inFlight.cend() || flight.value() != serial)
            continue;
        m_inFlight.erase(flight);
        if (!texts->empty() && !m_text.contains(aid)) {
            m_text.insert(aid, new RowText);
            any = true;
        }
    }
    if (!any || m_displayRows == 0)
        return;
    const bool moved = request.moves != m_rowMoves;
    const int first = moved ? 0 : std::min(request.first, m_displayRows - 1);
    const int last = moved ? m_displayRows - 1 : std::min(request.last, m_displayRows - 1);
    emit dataChanged(index(first, 0), index(last, int(AlarmColumn::Count) - 1), {Qt::DisplayRole});
}

void AlarmTableModel::readWindowNow(int row, bool fresh) const {
    if (!m_db)
        return;
    const int first = std::max(0, row - kWindowBefore);
    const int last = std::min(m_displayRows - 1, row + kWindowAfter);
    std::vector<qint64> aids;
    for (int r = first; r <= last; ++r) {
        const qint64 aid = keyAt(r).aid;
        if (aid == 0)
            continue; // a placeholder
        if (const RowText *t = m_text.object(aid); t && !(fresh && t->stale))
            continue;
        aids.push_back(aid);
    }
    try {
        for (auto &[aid, text] : AlarmTextReader::read(m_db, aids)) {
            m_inFlight.remove(aid); // this read is newer than any answer on its way
            m_text.insert(aid, new RowText(std::move(text)));
        }
    } catch (const SqliteError &e) {
        logging::logger("ui")->warn("alarm list: reading rows failed: {}", e.what());
    }
}

const AlarmTableModel::RowText *AlarmTableModel::textNow(int row, bool fresh) const {
    const qint64 aid = keyAt(row).aid;
    if (aid == 0)
        return nullptr; // a placeholder row
    if (const RowText *t = m_text.object(aid); t && !(fresh && t->stale))
        return t;
    readWindowNow(row, fresh);
    return m_text.object(aid);
}

QString AlarmTableModel::alarmId(int row) const {
    if (row < 0 || row >= m_displayRows)
        return {};
    // The id never changes: a text being refreshed has the right one.
    const RowText *t = textNow(row, false);
    return t ? t->id : QString();
}

int AlarmTableModel::rowOf(const QString &alarmId) const {
    const quint64 h = alarmIdHash(alarmId);
    for (const Span &span : m_spans)
        for (int c = 0; c < span.count; ++c)
            if ((*span.children)[size_t(c)].idHash == h)
                return span.start + 1 + c;
    for (size_t r = 0; r < m_rows.size(); ++r)
        if (m_rows[r].idHash == h)
            return displayRowOfTop(int(r));
    return -1;
}

QString AlarmTableModel::pick(const char *source, bool english) {
    return english ? QString::fromUtf8(source) : tr(source);
}

QString AlarmTableModel::severityName(int code, bool english) {
    switch (code) {
    case 0:
        return pick(QT_TR_NOOP("Critical"), english);
    case 1:
        return pick(QT_TR_NOOP("Major"), english);
    case 2:
        return pick(QT_TR_NOOP("Minor"), english);
    case 3:
        return pick(QT_TR_NOOP("Warning"), english);
    case 4:
        return pick(QT_TR_NOOP("Indeterminate"), english);
    case 5:
        return pick(QT_TR_NOOP("Cleared"), english);
    }
    return {};
}

QString AlarmTableModel::stateName(int code, bool english) {
    switch (code) {
    case 0:
        return pick(QT_TR_NOOP("Raised"), english);
    case 1:
        return pick(QT_TR_NOOP("Updated"), english);
    case rowcodec::kClearedStateCode:
        return pick(QT_TR_NOOP("Cleared"), english);
    }
    return {};
}

QString AlarmTableModel::readableCause(const QString &cause) {
    return alarmvocabulary::splitWords(cause);
}

QString AlarmTableModel::timeText(EpochMs ms) const {
    // The text has whole seconds; converting to local time is the costly part (3 % of the GUI thread
    // in a storm, perf), and a screen shows the same few seconds many times.
    const qint64 second = ms / 1000;
    if (const auto it = m_timeTexts.constFind(second); it != m_timeTexts.cend())
        return it.value();
    if (m_timeTexts.size() > 4096)
        m_timeTexts.clear();
    const QString text = localDateTimeText(ms);
    m_timeTexts.insert(second, text);
    return text;
}

QString AlarmTableModel::displayText(int row, AlarmColumn column, bool english) const {
    const AlarmKey &k = keyAt(row);
    switch (column) {
    case AlarmColumn::Severity:
    case AlarmColumn::State:
    case AlarmColumn::Acknowledged:
    case AlarmColumn::Raised:
    case AlarmColumn::Changed:
        return cellText(k, nullptr, column, english, this); // from the key alone
    default:
        break;
    }
    // Painting (DisplayRole) never waits for the text; an export (english) reads what is current.
    return cellText(k, english ? textNow(row, true) : shownText(row), column, english, this);
}

QString AlarmTableModel::exportText(const AlarmKey &key, const AlarmRowText *text, AlarmColumn column) {
    return cellText(key, text, column, true, nullptr);
}

QString AlarmTableModel::cellText(const AlarmKey &k, const RowText *t, AlarmColumn column, bool english,
                                  const AlarmTableModel *model) {
    switch (column) {
    case AlarmColumn::Severity:
        return severityName(k.severity, english);
    case AlarmColumn::State:
        return stateName(k.state, english);
    case AlarmColumn::Acknowledged: {
        const QString ack = k.isAcked() ? pick(QT_TR_NOOP("Yes"), english) : pick(QT_TR_NOOP("No"), english);
        return k.isPending() ? (english ? QStringLiteral("%1 · pending") : tr("%1 · pending")).arg(ack) : ack;
    }
    case AlarmColumn::Raised:
        return model ? model->timeText(k.raisedMs) : localDateTimeText(k.raisedMs);
    case AlarmColumn::Changed:
        return model ? model->timeText(k.changedMs) : localDateTimeText(k.changedMs);
    default:
        break;
    }
    if (!t)
        return english ? QString() : QStringLiteral("…");
    switch (column) {
    case AlarmColumn::Element:
        return t->elementName.isEmpty() ? t->elementId : t->elementName;
    case AlarmColumn::Site:
        return t->siteName;
    case AlarmColumn::AlarmType:
        return english ? alarmvocabulary::alarmTypeEnglish(t->alarmType)
                       : alarmvocabulary::alarmTypeText(t->alarmType);
    case AlarmColumn::ProbableCause:
        return english ? alarmvocabulary::probableCauseEnglish(t->probableCause)
                       : alarmvocabulary::probableCauseText(t->probableCause);
    case AlarmColumn::SpecificProblem:
        return t->specificProblem;
    case AlarmColumn::Occurrences:
        return t->occurrences > 0 ? QLocale().toString(t->occurrences) : QString();
    case AlarmColumn::Ticket:
        return t->ticketId;
    case AlarmColumn::SourceSystem:
        return t->sourceSystem;
    default:
        return {};
    }
}

QVariant AlarmTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    if (isPlaceholder(row))
        return {}; // below a first page: its alarm is not known yet
    const auto column = AlarmColumn(index.column());
    const AlarmKey &k = keyAt(row);
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, column, false);
    case ExportTextRole:
        return displayText(row, column, true);
    case Qt::ToolTipRole:
        if (column == AlarmColumn::Acknowledged && k.isPending())
            return tr("Changed here; waiting for the server to confirm.");
        if (column == AlarmColumn::Element) {
            const RowText *t = textNow(row, false); // a hover: one bounded read at most
            return t ? t->elementId : QVariant();
        }
        if (column == AlarmColumn::Acknowledged && k.isAcked()) {
            const RowText *t = shownText(row);
            return t && !t->ackUser.isEmpty() ? tr("Acknowledged by %1").arg(t->ackUser) : QVariant();
        }
        return displayText(row, column, false);
    case Qt::TextAlignmentRole:
        return column == AlarmColumn::Occurrences ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
                                                  : QVariant();
    case Qt::ForegroundRole:
        // A text cell whose text is on its way ("…") is lighter still: it is no value of the alarm's.
        if (column >= AlarmColumn::Element && !m_text.contains(k.aid))
            return QColor(0xb0, 0xb0, 0xb0);
        // Cleared alarms fade: they stay readable but step back behind the active ones.
        return k.isActive() ? QVariant() : QVariant(QColor(0x80, 0x80, 0x80));
    case SeverityCodeRole:
        return int(k.severity);
    case AlarmIdRole:
        return alarmId(row);
    case PendingRole:
        return k.isPending();
    case ActiveRole:
        return k.isActive();
    case AckedRole:
        return k.isAcked();
    case RootCauseRole:
        return bool(k.flags & AlarmKey::RootCause);
    case TreeRole:
        return int(treeNode(row));
    case ExpandedRole:
        return isExpanded(row);
    case ElementIdRole: {
        const RowText *t = textNow(row, false); // an element's id never changes
        return t ? t->elementId : QString();
    }
    default:
        return {};
    }
}

QVariant AlarmTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= int(AlarmColumn::Count))
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole && AlarmColumn(section) == AlarmColumn::Occurrences)
        return tr("How often this problem occurred: alarms in the cache on the same element with the same "
                  "probable cause, cleared ones included. Not sortable.");
    if (role == Qt::ToolTipRole && !isSortableColumn(AlarmColumn(section)))
        return tr("This column is not sortable; the list keeps its severity order.");
    if (role != Qt::DisplayRole && role != ExportTextRole)
        return {};
    const bool english = role == ExportTextRole;
    switch (AlarmColumn(section)) {
    case AlarmColumn::Severity:
        return pick(QT_TR_NOOP("Severity"), english);
    case AlarmColumn::State:
        return pick(QT_TR_NOOP("State"), english);
    case AlarmColumn::Acknowledged:
        return pick(QT_TR_NOOP("Acknowledged"), english);
    case AlarmColumn::Raised:
        return pick(QT_TR_NOOP("Raised"), english);
    case AlarmColumn::Changed:
        return pick(QT_TR_NOOP("Last change"), english);
    case AlarmColumn::Element:
        return pick(QT_TR_NOOP("Element"), english);
    case AlarmColumn::Site:
        return pick(QT_TR_NOOP("Site"), english);
    case AlarmColumn::AlarmType:
        return pick(QT_TR_NOOP("Alarm type"), english);
    case AlarmColumn::ProbableCause:
        return pick(QT_TR_NOOP("Probable cause"), english);
    case AlarmColumn::SpecificProblem:
        return pick(QT_TR_NOOP("Specific problem"), english);
    case AlarmColumn::Occurrences:
        return pick(QT_TR_NOOP("Occurrences"), english);
    case AlarmColumn::Ticket:
        return pick(QT_TR_NOOP("Ticket"), english);
    case AlarmColumn::SourceSystem:
        return pick(QT_TR_NOOP("Source system"), english);
    case AlarmColumn::Count:
        break;
    }
    return {};
}

} // namespace noc
