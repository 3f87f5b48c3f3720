#pragma once

#include "alarm_index.h"
#include "alarm_text_reader.h"
#include "cache/change_set.h"
#include "domain/types.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QPointer>
#include <QSet>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <deque>

struct sqlite3;

namespace noc {

// The alarm list over the cache, for a million alarms and a storm of changes.
//
// - Rows are AlarmKeys (40 bytes each) of the alarms matching the query, sorted; AlarmIndexWorker
//   builds them on its own thread. Text for a row (element, cause, ...) is read when a view asks,
//   a window of rows around it at a time, by AlarmTextReader on a thread of its own, into a small
//   cache. Until it arrives the row's text cells show a light "…" (severity, state, ack and times
//   come from the key and are always there); then one dataChanged over the window repaints them. A
//   paint never waits for SQLite. Only callers that need the text now (alarmId() for an action,
//   ExportTextRole, the element id) read it synchronously: a bounded window, never per paint.
// - ChangeSets are merged and handed to the worker at most every updateInterval() (100 ms): a storm
//   of 20,000 events/s becomes ten batches a second. A batch that touches few places of the list
//   (new alarms land at the top of their severity group) is applied as that many row removals and
//   insertions plus dataChanged for rows updated in place; a scattered one as at most one insertion
//   at the end, one layout change (persistent indexes - selection, current - follow their alarm) and
//   one removal at the end: never a reset, never a signal per row.
// - A query change (filter, sort) increments the generation; answers of older generations are dropped.
//
// Correlation: in tree mode (AlarmQuery::tree) the top-level rows are the listed alarms that are not
// nested under a listed root cause; a root with nested children can be expanded, and its children
// then follow it as rows of the same flat table (indented by the severity delegate). The view stays a
// QTableView: a QTreeView lays out every top-level row on each change, which a million rows cannot
// afford. Expanded roots are remembered by alarm, across filters and updates.
//
// Roles: Qt::DisplayRole text; Qt::ToolTipRole; Qt::TextAlignmentRole; Qt::FontRole is not set (the
// view decides); the roles below for delegates and actions.
class AlarmTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        SeverityCodeRole = Qt::UserRole + 1, // int: cache code, 0 = critical .. 5 = cleared
        AlarmIdRole,                         // QString
        PendingRole,                         // bool: a local change not yet confirmed by the server
        ActiveRole,                          // bool
        AckedRole,                           // bool
        ElementIdRole,                       // QString
        RootCauseRole,                       // bool
        TreeRole,                            // TreeNode: where the row is in the correlation tree
        ExpandedRole,                        // bool; setData(true/false) expands / collapses a root
        // QString: the cell (and, in headerData, the title) in English whatever the language, for
        // exports: a file that leaves the console reads the same whoever wrote it.
        ExportTextRole,
    };
    enum TreeNode {
        NotTree = 0,   // flat mode
        Leaf = 1,      // top-level alarm without nested children
        Collapsed = 2, // root cause with nested children, closed
        Expanded = 3,  // root cause with its children shown below it
        Child = 4,     // a correlated child shown under its root
    };

    explicit AlarmTableModel(QObject *parent = nullptr);
    ~AlarmTableModel() override;

    // Opens the cache (a read connection here for row text, one on the worker for the index) and
    // runs the current query.
    bool open(const QString &cachePath);

    const AlarmQuery &query() const { return m_query; }
    void setQuery(const AlarmQuery &query);
    // The query open() runs first (no request now: nothing is open yet).
    void setInitialQuery(const AlarmQuery &query) { m_query = query; }
    // True while a query's answer is outstanding (the view may show "loading"). A large list shows its
    // first page before that (firstPageReady): rowCount() is then the whole list's, and rows below
    // the page are placeholders (data() invalid, keyAt() aid 0) until queryFinished.
    bool isLoading() const { return m_loadingGeneration != 0; }
    bool isPlaceholder(int row) const;
    // Lists of at least this many rows show their first page before the whole sorted list (tests: 0).
    void setFirstPageMinRows(int rows);
    // True while row text the model asked for has not arrived (benchmarks and tests wait for it).
    bool isTextPending() const { return !m_textRequests.isEmpty(); }
    // The text of `row` is known (it may be being refreshed): data() shows it rather than "…".
    bool hasText(int row) const;

    // Alarms in the cache, whatever the filter (kept by every query answer and batch of changes);
    // -1 until the first answer.
    qint64 totalAlarms() const { return m_universeSize; }

    // Coalescing interval for ChangeSets; tests set 0 (apply on the next event-loop turn).
    void setUpdateInterval(int ms) { m_updateTimer.setInterval(ms); }
    int updateInterval() const { return m_updateTimer.interval(); }
    // How often cleared alarms lingering in the active view are checked for their age (ms). By
    // default a tenth of the query's clearedLingerMs, between 50 ms and 5 s.
    void setExpiryInterval(int ms) { m_expiryOverrideMs = ms; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    QString alarmId(int row) const;
    // Row of an alarm id in the current list, or -1 (linear in the rows: for tests and "go to").
    int rowOf(const QString &alarmId) const;
    const AlarmKey &keyAt(int row) const;
    // How many persistent indexes the views hold on this model, for tests: every list update that
    // moves rows has to look each one up and move it, so thousands of them make each update slow.
    qsizetype persistentIndexCount() const { return persistentIndexList().size(); }
    // Merge buffers for large lists allocated on this (the GUI) thread so far, not prepared on the pool
    // (waitsForSpare): for tests and benchmarks.
    int mergeAllocations() const { return m_mergeAllocations; }
    // Tree mode: shows / hides the nested children of the root cause at `row`. False when the row is
    // no root with children.
    bool setExpanded(int row, bool expanded);
    bool isExpanded(int row) const;
    TreeNode treeNode(int row) const;

    // Plain words for the cache's codes and X.733 causes ("linkDown" -> "Link down").
    static QString severityName(int code, bool english = false);
    static QString stateName(int code, bool english = false);
    // camelCase / UPPER_CASE split into English words (alarmvocabulary has the translated words).
    static QString readableCause(const QString &probableCause);
    // A cell as a file shows it (ExportTextRole): English words whatever the console's language. Free
    // of the model's state, so that an export can run on another thread with the text it read itself
    // (AlarmTextReader::read); `text` may be null for an alarm no longer in the cache.
    static QString exportText(const AlarmKey &key, const AlarmRowText *text, AlarmColumn column);

public slots:
    // Connect SyncSession::committed here.
    void onCommitted(const noc::ChangeSet &changes);

signals:
    // A query's rows arrived (after a filter / sort change or open()).
    void queryFinished();
    // The first rows of a query can be painted: the first page read before the index was loaded
    // (open()), the first page of a large list before the whole list is sorted, or the query's rows.
    // Once per query.
    void firstPageReady();
    // A batch of changes was applied.
    void rowsUpdated();
    void loadingChanged(bool loading);
    void errorOccurred(const QString &message);

    // to the worker (queued)
    void requestOpen(const QString &cachePath);
    void requestQuery(int generation, const noc::AlarmQuery &query);
    void requestChanges(int generation, const noc::KindChanges &changes);
    void requestExpire(int generation, qint64 nowMs);
    void requestTextOpen(const QString &cachePath);
    void requestText(int serial, const std::vector<qint64> &aids);

private:
    using RowText = AlarmRowText;
    // A window of row text asked of the reader: the rows it covered then, the aids it asks for, and
    // the model's row-move count then (rows moved since: the answer repaints every row).
    struct TextRequest {
        int first = 0;
        int last = 0;
        quint64 moves = 0;
        std::vector<qint64> aids;
    };

    // An expanded root whose children are shown: its top-level row, its own display row and children.
    struct Span {
        int top = 0;
        int start = 0; // display row of the root; its children follow
        int count = 0;
        const AlarmKeyVector *children = nullptr;
    };
    struct Location {
        int top = 0;
        int child = -1; // >= 0: the child's index in span `span`
        int span = -1;
    };

    void onQueryReady(int generation, const noc::SharedAlarmResult &result);
    void onPreviewReady(int generation, const noc::SharedAlarmResult &result);
    // The whole answer of a query whose counted first page is shown: fills in the rows below the page.
    // False (nothing changed) when the answer does not start with the page.
    bool fillIn(AlarmQueryResult &result);
    void collectExpandedKeys();
    void rebuildSpans();
    Location locate(int row) const;
    int displayRowOfTop(int top) const;
    void onDeltaReady(int generation, const std::shared_ptr<noc::AlarmDelta> &delta);
    // Applies the deltas that arrived, in order, up to one that must wait for a prepared buffer.
    void applyWaitingDeltas();
    // True (and a bigger buffer being prepared) when merging `delta` into a large list would need a
    // buffer bigger than m_spare: allocated here, its page faults cost the batch 30-60 ms.
    bool waitsForSpare(const AlarmDelta &delta);
    void applyDelta(const std::shared_ptr<noc::AlarmDelta> &delta);
    // Hands the applied deltas back to the index thread, which frees them (see m_spentDeltas).
    void returnSpentDeltas();
    // A batch as a few row removals and insertions (and dataChanged for rows updated in place), when
    // no root shows children and the batch touches few places of the list. False: not applied (too
    // scattered, or a persistent index would lose an alarm that moves); the caller changes the layout.
    bool applyAsRanges(const std::vector<size_t> &removedPos, const AlarmKeyVector &added,
                       const AlarmDelta &delta);
    void flushChanges();
    // m_rows becomes m_spare (the next merge writes there), for a while.
    void keepSpare();
    // When m_spare would not hold the next batch's rows of a growing list, a pool thread allocates a
    // bigger one and writes its pages (a fresh 12 MB buffer is ~3,000 page faults: 30-40 ms of the
    // GUI thread's CPU in the batch that needed it); it replaces m_spare when ready.
    void prepareSpare();
    void prepareSpareFor(size_t rows);
    void takePreparedSpare();
    // For painting: the known text of `row` (perhaps stale: shown while a fresh read is on its way),
    // or nullptr; asks the reader for the window around `row` when the text is missing or stale.
    const RowText *shownText(int row) const;
    void requestWindow(int row) const;
    void onTextFetched(int serial, const noc::SharedAlarmRowTexts &texts);
    // For callers that need the text now (not painting): reads the window around `row` on this
    // thread when unknown (or, with `fresh`, stale). Bounded: at most kWindowBefore + kWindowAfter rows.
    const RowText *textNow(int row, bool fresh) const;
    void readWindowNow(int row, bool fresh) const;
    // A changed alarm's text: kept for painting, read again.
    void markTextStale(qint64 aid);
    QString displayText(int row, AlarmColumn column, bool english) const;
    // The cell from the alarm's key and text (null: not known); times through `model`'s cache when given.
    static QString cellText(const AlarmKey &key, const RowText *text, AlarmColumn column, bool english,
                            const AlarmTableModel *model);
    QString timeText(EpochMs ms) const; // localDateTimeText, remembered by second
    static QString pick(const char *source, bool english);

    QThread m_thread;
    QPointer<AlarmIndexWorker> m_worker;
    QThread m_textThread;
    sqlite3 *m_db = nullptr;
    AlarmKeyVector m_rows;                         // top-level rows, sorted
    AlarmKeyVector m_spare;                        // the rows before the last batch: the next merge's buffer
    QTimer m_spareTimer;                           // frees m_spare when batches stop
    QFutureWatcher<AlarmKeyVector> m_spareWatcher; // a bigger m_spare being prepared
    // Preparing and freeing spare buffers (30-40 ms jobs in a storm) run here, not on Qt's global pool:
    // the raster paint engine splits large fills (the scroll bar's gradients) into jobs on the global
    // pool and the GUI thread waits for them; queued behind these jobs, a paint waited up to 115 ms.
    QThreadPool m_spareThreads;
    AlarmChildren m_children;               // tree mode: root aid -> its nested children
    QSet<qint64> m_expanded;                // root aids the user expanded
    QHash<qint64, AlarmKey> m_expandedKeys; // their current keys (to find them in m_rows)
    std::vector<Span> m_spans;              // expanded roots present, by top row
    int m_displayRows = 0;
    // While applyAsRanges tells the views: rows [0, m_stageDone) are (*m_stageNext)'s, the rest are
    // m_rows from m_stageOld on. nullptr otherwise.
    const AlarmKeyVector *m_stageNext = nullptr;
    int m_stageDone = 0;
    int m_stageOld = 0;
    AlarmQuery m_query;
    int m_generation = 0;
    int m_loadingGeneration = 0;
    int m_previewGeneration = 0;   // the query whose first page is shown while the rest loads
    bool m_previewCounted = false; // that page knows the whole list's row count
    qint64 m_pendingTop = 0;       // top-level rows below the page, not yet known (placeholders)
    int m_padTop = 0;              // placeholder rows at the end while a layout change changes the row count
    qint64 m_universeSize = -1;
    KindChanges m_pendingChanges;
    // Deltas applied here, freed on the index thread that allocated them: glibc frees a block under
    // the lock of the arena that allocated it, and the index thread (below the GUI's priority) holding
    // that lock without a core kept the GUI thread waiting 20 ms and more in a storm. Handed back one
    // event-loop turn after their event (whose copy must be gone first, or it would be the last owner).
    std::vector<std::shared_ptr<AlarmDelta>> m_spentDeltas;
    // Deltas not applied yet, by generation: behind one waiting for a prepared buffer (waitsForSpare).
    std::deque<std::pair<int, std::shared_ptr<AlarmDelta>>> m_waitingDeltas;
    QElapsedTimer m_waitingSince; // how long the first of them waits (see kMaxSpareWaitMs)
    int m_mergeAllocations = 0;
    QTimer m_spentDeltaTimer;
    QTimer m_updateTimer;
    QTimer m_expiryTimer;
    int m_expiryOverrideMs = 0;
    mutable QCache<qint64, RowText> m_text;         // aid -> text of recently shown rows
    mutable QHash<qint64, int> m_inFlight;          // aid -> serial of the request reading it
    mutable QHash<int, TextRequest> m_textRequests; // by serial, until answered
    mutable int m_textSerial = 0;
    quint64 m_rowMoves = 0;                     // row insertions, removals, layout changes and resets so far
    mutable QHash<qint64, QString> m_timeTexts; // second -> local time text
};

} // namespace noc
