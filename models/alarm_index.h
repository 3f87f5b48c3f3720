#pragma once

#include "cache/change_set.h"
#include "domain/types.h"

#include <QHash>
#include <QMetaType>
#include <QObject>
#include <QSet>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

struct sqlite3;
class QTimer;

// The lean in-memory index behind the alarm list. One AlarmKey (40 bytes) per alarm holds what
// filtering and sorting on the common columns need; text is fetched lazily for the visible rows
// (AlarmTableModel). The index is built and kept by AlarmIndexWorker on its own thread with its own
// read connection, so a filter or sort change over a million alarms never runs on the GUI thread.
namespace noc {

class AlarmKeyStore;

struct AlarmKey {
    // HasChildren is no cache column: the worker sets it on a listed root cause that has correlated
    // children nested under it in the current query's tree (the universe never holds it).
    enum Flag : quint8 {
        Active = 1,
        Acked = 2,
        Pending = 4,
        HasParent = 8,
        RootCause = 16,
        HasChildren = 32
    };

    qint64 aid = 0; // the cache's integer row id: unique, the final tie-break
    EpochMs changedMs = 0;
    EpochMs raisedMs = 0;
    quint64 idHash = 0;  // FNV-1a of the alarm id: ChangeSets name alarms by id
    quint8 severity = 4; // cache severity code, 0 = critical (sorts worst first)
    quint8 state = 0;    // cache state code
    quint8 flags = 0;

    bool isActive() const { return flags & Active; }
    bool isAcked() const { return flags & Acked; }
    bool isPending() const { return flags & Pending; }
    bool hasChildren() const { return flags & HasChildren; }
    friend bool operator==(const AlarmKey &, const AlarmKey &) = default;
};

// FNV-1a of an alarm id's UTF-8 bytes: ChangeSets name alarms by id, the index and the trends by hash.
// The byte form hashes a text column straight from SQLite, without a QString per row on a large load.
quint64 alarmIdHash(const char *utf8, int bytes);
quint64 alarmIdHash(const QString &id);

// Columns of the alarm list (AlarmTableModel's column order).
enum class AlarmColumn {
    Severity,
    State,
    Acknowledged,
    Raised,
    Changed,
    Element,
    Site,
    AlarmType,
    ProbableCause,
    SpecificProblem,
    Occurrences, // derived: alarms in the cache on the same element with the same probable cause
    Ticket,
    SourceSystem,
    Count
};
// Only the columns the index holds can be sorted over a million rows in time; the rest keep the
// default order.
bool isSortableColumn(AlarmColumn column);

enum class AlarmActivity { Active, Cleared, All };

// What the list shows and in which order. Empty / unset members do not filter.
struct AlarmQuery {
    quint8 severityMask = 0; // bit per severity code; 0 = every severity
    AlarmActivity activity = AlarmActivity::Active;
    std::optional<AckState> ack;
    QString elementId;
    QString siteId;
    QString region;
    QString alarmType;
    EpochMs changedFrom = 0;
    EpochMs changedTo = 0;
    EpochMs raisedFrom = 0; // raised time range (the quick filter bar's "last 24 h", "custom")
    EpochMs raisedTo = 0;
    // Active view only: a cleared alarm stays listed (faded) this long after its last change, then
    // leaves. 0 = it leaves at once. The cut-off moves with the clock (AlarmIndexWorker::expireCleared).
    qint64 clearedLingerMs = 0;
    QString text; // free text (FTS): probable cause, problem, element
    // Correlation. A listed alarm whose parent (root cause) is listed too is "nested": in tree mode
    // it is not a top-level row but a child row under its root; hideCorrelatedChildren drops it in
    // either mode. An alarm whose root is not listed (cleared, filtered out) stays a top-level row.
    bool tree = false;
    bool hideCorrelatedChildren = false;
    AlarmColumn sortColumn = AlarmColumn::Severity; // Severity ascending = the cache's list order
    Qt::SortOrder sortOrder = Qt::AscendingOrder;

    // Filters needing SQL (an id set) rather than only the key.
    bool needsSqlFilter() const {
        return !elementId.isEmpty() || !siteId.isEmpty() || !region.isEmpty() || !alarmType.isEmpty() ||
               !text.trimmed().isEmpty();
    }
    friend bool operator==(const AlarmQuery &, const AlarmQuery &) = default;
};

// Strict weak (in fact total) order of keys for a query: the sort column, then the list order
// (active first, worst severity, newest change), then aid.
struct AlarmKeyLess {
    AlarmColumn column = AlarmColumn::Severity;
    Qt::SortOrder order = Qt::AscendingOrder;
    bool operator()(const AlarmKey &a, const AlarmKey &b) const;
};

using AlarmKeyVector = std::vector<AlarmKey>;
using SharedAlarmKeys = std::shared_ptr<const AlarmKeyVector>;

// Tree mode: root aid -> the nested children listed under it, sorted like the list.
using AlarmChildren = QHash<qint64, AlarmKeyVector>;

// A query's answer: the top-level rows (sorted) and, in tree mode, the children of each root cause.
struct AlarmQueryResult {
    AlarmKeyVector rows;
    AlarmChildren children;
    qint64 universeSize = 0;
    // A first page (previewReady): how many top-level rows the whole answer has, of which `rows` are
    // the first; -1 when unknown (the cold-open page read before the index is loaded).
    qint64 listedRows = -1;
};
using SharedAlarmResult = std::shared_ptr<AlarmQueryResult>;

// The rows that left and entered a list after one batch of changes. An updated alarm that still
// matches appears in both (old key in `removed`, new key in `added`). `children` holds the complete
// new child list of every root whose nested children changed (empty: it has none any more).
struct AlarmDelta {
    // Both in the order of the query the delta belongs to (AlarmKeyLess).
    AlarmKeyVector removed;
    AlarmKeyVector added;
    AlarmChildren children;
    qint64 universeSize = -1; // alarms in the cache after the batch (-1: unknown)
};

// Lives on its own QThread (AlarmTableModel starts it). Every request carries the generation of the
// query it belongs to; answers come back with it so that the model drops stale ones.
class AlarmIndexWorker : public QObject {
    Q_OBJECT
public:
    // Rows of a first page: a few screens, enough to scroll a little before the whole list arrives.
    static constexpr int kFirstPageRows = 400;
    // Why 20,000: below that the whole sort takes a few ms, and a first page first would only add a
    // model reset the person cannot see.
    static constexpr int kPreviewMinRows = 20000;

    AlarmIndexWorker();
    ~AlarmIndexWorker() override;

public slots:
    void open(const QString &cachePath);
    // Builds (first time: loads every alarm's key) and answers queryReady.
    void runQuery(int generation, const noc::AlarmQuery &query);
    // Re-reads the keys of changed alarms and answers deltaReady for the current query.
    void applyChanges(int generation, const noc::KindChanges &changes);
    // Moves the lingering-cleared cut-off to nowMs - clearedLingerMs and answers deltaReady with the
    // cleared alarms that aged out.
    void expireCleared(int generation, qint64 nowMs);
    // Lists of at least this many top-level rows get their first page (previewReady) before the full
    // sort; smaller ones sort in a few ms anyway. 0: every list (tests).
    void setPreviewMinRows(int rows) { m_previewMinRows = rows; }

signals:
    void queryReady(int generation, const noc::SharedAlarmResult &result);
    // The first rows of a query's list, so that a view can paint before the whole answer is ready:
    // - before the first index load, read straight from the cache (list order and key filters only;
    //   listedRows -1);
    // - once loaded, for a large list: the first kFirstPageRows rows found by the filter pass (top-K
    //   selection) with the count of the whole list (listedRows); queryReady follows with the same
    //   rows in full after the sort.
    void previewReady(int generation, const noc::SharedAlarmResult &result);
    void deltaReady(int generation, const std::shared_ptr<noc::AlarmDelta> &delta);
    void failed(const QString &message);

private:
    // Where an alarm is in the current query's list.
    struct Placement {
        bool listed = false;
        AlarmKey key;       // with HasChildren set for a top-level root that has nested children
        qint64 rootAid = 0; // nested under this root (0: top level)
        quint64 rootHash = 0;
    };

    bool ensureLoaded();
    bool emitPreview(int generation);
    // The first rows of a loaded query's list (sorted), with their children in tree mode.
    void emitFirstPage(int generation, AlarmKeyVector first, qint64 listedRows,
                       const AlarmChildren &children);
    bool loadCorrelation();
    void setParent(quint64 child, quint64 parent);
    bool matchesKey(const AlarmKey &key) const;
    bool matches(const AlarmKey &key) const;
    const AlarmKey *keyOf(quint64 idHash) const;
    const AlarmKey *listedParent(const AlarmKey &key) const;
    // The listed root an alarm nests under (one level: a root that is itself nested nests nothing),
    // or nullptr when it is a top-level row.
    const AlarmKey *nestingRoot(const AlarmKey &key) const;
    bool showsChildren() const { return m_query.tree && !m_query.hideCorrelatedChildren; }
    bool hasNestedChildren(const AlarmKey &root) const;
    AlarmKeyVector nestedChildren(quint64 rootHash) const;
    Placement placement(quint64 idHash) const;
    // `h`, its parent, children and grandchildren: whose place may move when `h` changes.
    void addFamily(QSet<quint64> &affected, quint64 h) const;
    // Sorts the delta's keys in the list's order, so that the GUI thread merges them as they come.
    void sortForTheList(AlarmDelta &delta) const;
    void answerMoves(const QSet<quint64> &affected, const QHash<quint64, Placement> &before,
                     AlarmDelta &delta) const;
    // aids (sorted) of the SQL-side filters, optionally restricted to `onlyAids`.
    std::vector<qint64> sqlFilterAids(const std::vector<qint64> *onlyAids) const;

    sqlite3 *m_db = nullptr;
    QString m_path;
    bool m_loaded = false;
    std::unique_ptr<AlarmKeyStore> m_universe; // idHash -> key
    // Correlation (first parent of each child; alarm_correlation kind 0), by id hash.
    QHash<quint64, quint64> m_parentOf;
    QMultiHash<quint64, quint64> m_childrenOf;
    AlarmQuery m_query;
    int m_generation = 0;
    std::vector<qint64> m_sqlAids;     // sorted; valid when m_query.needsSqlFilter()
    std::vector<quint64> m_sqlAidBits; // the same as a bit set by aid: O(1) in a million-key pass
    void setSqlAids(std::vector<qint64> aids);
    EpochMs m_clearedCutoff = 0; // cleared alarms changed at or after this still match (Active view)
    int m_previewMinRows = kPreviewMinRows;
    // A batch whose reads failed, read again with the next one or after kRetryMs (applyChanges).
    static constexpr int kRetryMs = 250;
    KindChanges m_retryChanges;
    QTimer *m_retryTimer = nullptr;
};

// Hints the kernel to back a large buffer about to be filled with 2 MB pages (Linux; elsewhere a
// no-op): thousands of page faults fewer per million keys.
void adviseHugePages(const void *data, size_t bytes);

// Opens a read-only connection for list queries (query_only, WAL reader). nullptr on failure.
sqlite3 *openAlarmReadConnection(const QString &path, QString *error = nullptr);
// Free text -> FTS5 query (every word a quoted prefix, words ANDed); empty when nothing searchable.
QString alarmFtsQuery(const QString &text);

} // namespace noc

Q_DECLARE_METATYPE(noc::AlarmQuery)
Q_DECLARE_METATYPE(noc::SharedAlarmResult)
Q_DECLARE_METATYPE(std::shared_ptr<noc::AlarmDelta>)
Q_DECLARE_METATYPE(noc::KindChanges)
