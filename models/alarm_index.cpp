#include "alarm_index.h"

#include "alarm_key_store.h"

#include "cache/cache_schema.h"
#include "cache/row_codec.h"
#include "cache/sqlite_statement.h"
#include "logging.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>
#ifdef __linux__
#include <sys/mman.h>
#endif
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <array>

namespace noc {

namespace {

// max(changed_ms, cleared_ms): a clear made here carries its clear time before the server's answer
// brings a new change time; "last change" and the lingering of cleared alarms count from it.
constexpr const char *kKeyColumns =
    "aid, id, severity, state, active, ack, pending, max(changed_ms, cleared_ms), "
    "raised_ms, parent_ids IS NOT NULL, root_cause";

// The first parent of a changed alarm (column 11 of a delta read); a million-row load reads the
// correlation table instead.
constexpr const char *kParentColumn = "(SELECT min(value) FROM json_each(parent_ids))";

// The id hash of a text column, read without a QString per row.
quint64 columnHash(const SqliteStatement &s, int column) {
    return alarmIdHash(reinterpret_cast<const char *>(sqlite3_column_text(s.handle(), column)),
                       sqlite3_column_bytes(s.handle(), column));
}

AlarmKey readKey(const SqliteStatement &s) {
    AlarmKey k;
    k.aid = s.columnInt64(0);
    k.idHash = columnHash(s, 1);
    k.severity = quint8(s.columnInt(2));
    k.state = quint8(s.columnInt(3));
    k.flags = quint8((s.columnInt(4) ? AlarmKey::Active : 0) | (s.columnInt(5) ? AlarmKey::Acked : 0) |
                     (s.columnInt(6) ? AlarmKey::Pending : 0) | (s.columnInt(9) ? AlarmKey::HasParent : 0) |
                     (s.columnInt(10) ? AlarmKey::RootCause : 0));
    k.changedMs = s.columnInt64(7);
    k.raisedMs = s.columnInt64(8);
    return k;
}

// The list order: active first, worst severity, newest change, newest row.
inline bool listLess(const AlarmKey &a, const AlarmKey &b) {
    const bool aa = a.isActive(), ba = b.isActive();
    if (aa != ba)
        return aa;
    if (a.severity != b.severity)
        return a.severity < b.severity;
    if (a.changedMs != b.changedMs)
        return a.changedMs > b.changedMs;
    return a.aid > b.aid;
}

// The list order squeezed into `bits` bits (monotone: listLess(a, b) => listRank(a) <= listRank(b)):
// active first, severity, newest change; what does not fit (fine changed time, aid) is left to the
// comparator that orders the few equal keys afterwards.
inline quint64 listRank(const AlarmKey &k, int bits) {
    constexpr int kTimeBits = 42; // ms since 1970 up to the year 2109
    const quint64 time = quint64(std::clamp<qint64>(k.changedMs, 0, (qint64(1) << kTimeBits) - 1));
    const quint64 newestFirst = ((quint64(1) << kTimeBits) - 1) - time;
    const int timeBits = bits - 4;
    const quint64 t = timeBits >= kTimeBits ? newestFirst : newestFirst >> (kTimeBits - timeBits);
    return (quint64(k.isActive() ? 0 : 1) << (bits - 1)) | (quint64(k.severity & 7) << (bits - 4)) | t;
}

// A 64-bit key that sorts like AlarmKeyLess up to ties (less(a, b) => sortKey(a) <= sortKey(b)).
inline quint64 sortKey(const AlarmKey &k, AlarmColumn column, Qt::SortOrder order) {
    const bool asc = order == Qt::AscendingOrder;
    constexpr int kTimeBits = 42;
    const auto time = [&](EpochMs ms) {
        const quint64 t = quint64(std::clamp<qint64>(ms, 0, (qint64(1) << kTimeBits) - 1));
        return asc ? t : ((quint64(1) << kTimeBits) - 1) - t;
    };
    switch (column) {
    case AlarmColumn::State:
        return (quint64(asc ? (k.state & 15) : 15 - (k.state & 15)) << 60) | listRank(k, 60);
    case AlarmColumn::Acknowledged:
        return (quint64(k.isAcked() == asc ? 1 : 0) << 63) | listRank(k, 63);
    // Times alone: equal times are rare and left to the comparator, and the fewer bits vary, the
    // fewer radix passes run.
    case AlarmColumn::Raised:
        return time(k.raisedMs);
    case AlarmColumn::Changed:
        return time(k.changedMs);
    case AlarmColumn::Severity:
        return asc ? listRank(k, 64) : ~listRank(k, 64);
    default:
        return listRank(k, 64);
    }
}

// Large buffers filled once per query: ask for 2 MB pages. Filling a fresh 36 MB vector otherwise
// costs ~9,000 page faults, which on the shared VM were most of a sort's time.
template <typename T> void adviseHugePages(std::vector<T> &v) {
    noc::adviseHugePages(v.data(), v.capacity() * sizeof(T));
}

// A 40-byte key may straddle two cache lines: both are asked for.
inline void prefetchKey(const AlarmKey &k) {
#if defined(__GNUC__)
    const char *p = reinterpret_cast<const char *>(&k);
    __builtin_prefetch(p);
    __builtin_prefetch(p + sizeof(AlarmKey) - 1);
#else
    Q_UNUSED(k);
#endif
}

struct SortItem {
    quint64 key; // sortKey()
    quint32 slot;
};

// Orders items like AlarmKeyLess orders their keys, an order of magnitude faster than std::sort with
// the comparator on a million keys: an LSD radix sort on the 64-bit key (digits that are the same in
// every key are skipped), then the comparator only within runs of equal keys.
void sortItems(std::vector<SortItem> &a, const AlarmKeyLess &less, const AlarmKeyStore &store) {
    // 11-bit digits: six passes at most over 64 bits, counters small enough for the L1 cache.
    constexpr int kBits = 11;
    constexpr int kDigits = (64 + kBits - 1) / kBits;
    constexpr quint64 kMask = (1u << kBits) - 1;
    const size_t n = a.size();
    std::vector<std::array<quint32, 1u << kBits>> counts(kDigits);
    for (const SortItem &it : a)
        for (int p = 0; p < kDigits; ++p)
            ++counts[size_t(p)][(it.key >> (kBits * p)) & kMask];
    std::vector<SortItem> b;
    for (int p = 0; p < kDigits; ++p) {
        auto &c = counts[size_t(p)];
        if (std::find(c.begin(), c.end(), quint32(n)) != c.end())
            continue; // every key has the same digit here
        if (b.empty()) {
            b.reserve(n);
            adviseHugePages(b);
            b.resize(n);
        }
        quint32 sum = 0;
        for (auto &v : c) {
            const quint32 here = v;
            v = sum;
            sum += here;
        }
        for (const SortItem &it : a)
            b[c[(it.key >> (kBits * p)) & kMask]++] = it;
        a.swap(b);
    }
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && a[j].key == a[i].key)
            ++j;
        if (j - i > 1)
            std::sort(a.begin() + qsizetype(i), a.begin() + qsizetype(j),
                      [&](const SortItem &x, const SortItem &y) {
                          return less(store.at(x.slot), store.at(y.slot));
                      });
        i = j;
    }
}

// The order of SortItems: sortKey(), then AlarmKeyLess for the few equal keys. A total order, the
// same that sortItems() produces.
struct SortItemLess {
    const AlarmKeyLess &less;
    const AlarmKeyStore &store;
    bool operator()(const SortItem &x, const SortItem &y) const {
        return x.key != y.key ? x.key < y.key : less(store.at(x.slot), store.at(y.slot));
    }
};

// The first k items of a stream in SortItemLess order, found during the one filter pass (top-K
// selection), so that the first page of a list is known before the list is sorted.
//
// Why a buffer with a bound rather than a heap: a heap costs log k per item that beats its top, and
// when the keys arrive in the sort's order (slots are in cache row order, which follows raised time)
// every item does. Here an item is one comparison with the bound; the buffer of 4k candidates is cut
// back to the best k (nth_element, linear) when full, so even that worst case stays linear.
class FirstItems {
public:
    FirstItems(size_t k, SortItemLess less)
        : m_k(k)
        , m_less(less) {
        m_items.reserve(4 * k);
    }
    void offer(const SortItem &item) {
        if (m_bounded && !m_less(item, m_bound))
            return;
        m_items.push_back(item);
        if (m_items.size() == m_items.capacity())
            cut();
    }
    // The best k (or fewer) in order.
    std::vector<SortItem> take() {
        if (m_items.size() > m_k)
            cut();
        std::sort(m_items.begin(), m_items.end(), m_less);
        return std::move(m_items);
    }

private:
    void cut() {
        const auto nth = m_items.begin() + qsizetype(m_k) - 1;
        std::nth_element(m_items.begin(), nth, m_items.end(), m_less);
        m_bound = *nth;
        m_bounded = true;
        m_items.resize(m_k);
    }

    size_t m_k;
    SortItemLess m_less;
    std::vector<SortItem> m_items;
    SortItem m_bound{};
    bool m_bounded = false;
};

QString inList(const std::vector<qint64> &aids, size_t from, size_t to) {
    QString list;
    list.reserve(int((to - from) * 9));
    for (size_t i = from; i < to; ++i) {
        if (i > from)
            list += QLatin1Char(',');
        list += QString::number(aids[i]);
    }
    return list;
}

} // namespace

quint64 alarmIdHash(const char *utf8, int bytes) {
    quint64 h = 1469598103934665603ULL;
    for (int i = 0; i < bytes; ++i) {
        h ^= quint8(utf8[i]);
        h *= 1099511628211ULL;
    }
    return h;
}

quint64 alarmIdHash(const QString &id) {
    const QByteArray utf8 = id.toUtf8();
    return alarmIdHash(utf8.constData(), int(utf8.size()));
}

void adviseHugePages(const void *data, size_t bytes) {
#ifdef __linux__
    constexpr quintptr kHuge = 2 * 1024 * 1024;
    const auto begin = (quintptr(data) + kHuge - 1) & ~(kHuge - 1);
    const auto end = (quintptr(data) + bytes) & ~(kHuge - 1);
    if (end > begin)
        madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
#else
    Q_UNUSED(data);
    Q_UNUSED(bytes);
#endif
}

bool isSortableColumn(AlarmColumn column) {
    switch (column) {
    case AlarmColumn::Severity:
    case AlarmColumn::State:
    case AlarmColumn::Acknowledged:
    case AlarmColumn::Raised:
    case AlarmColumn::Changed:
        return true;
    default:
        return false;
    }
}

bool AlarmKeyLess::operator()(const AlarmKey &a, const AlarmKey &b) const {
    // Primary comparison on the sort column; ties (and unsortable columns) fall back to the list
    // order, so every sort is total and binary search finds a row by its key.
    int c = 0;
    switch (column) {
    case AlarmColumn::State:
        c = a.state < b.state ? -1 : a.state > b.state ? 1 : 0;
        break;
    case AlarmColumn::Acknowledged:
        c = int(a.isAcked()) - int(b.isAcked());
        break;
    case AlarmColumn::Raised:
        c = a.raisedMs < b.raisedMs ? -1 : a.raisedMs > b.raisedMs ? 1 : 0;
        break;
    case AlarmColumn::Changed:
        c = a.changedMs < b.changedMs ? -1 : a.changedMs > b.changedMs ? 1 : 0;
        break;
    default:
        break; // Severity: the list order itself
    }
    if (c != 0)
        return order == Qt::AscendingOrder ? c < 0 : c > 0;
    return order == Qt::AscendingOrder || column != AlarmColumn::Severity ? listLess(a, b) : listLess(b, a);
}

sqlite3 *openAlarmReadConnection(const QString &path, QString *error) {
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        if (error)
            *error = QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close_v2(db);
        return nullptr;
    }
    try {
        CacheSchema::configureConnection(db, false);
        sqliteExec(db, "PRAGMA query_only=1");
    } catch (const SqliteError &e) {
        if (error)
            *error = QString::fromStdString(e.what());
        sqlite3_close_v2(db);
        return nullptr;
    }
    return db;
}

QString alarmFtsQuery(const QString &text) {
    static const QRegularExpression separators(QStringLiteral("[\\s\"]+"));
    QStringList terms;
    for (const auto &word : text.split(separators, Qt::SkipEmptyParts)) {
        if (std::any_of(word.cbegin(), word.cend(), [](QChar c) { return c.isLetterOrNumber(); }))
            terms.append(QLatin1Char('"') + word + QStringLiteral("\"*"));
    }
    return terms.join(QLatin1Char(' '));
}

AlarmIndexWorker::AlarmIndexWorker()
    : m_universe(std::make_unique<AlarmKeyStore>())
    , m_retryTimer(new QTimer(this)) {
    m_retryTimer->setSingleShot(true);
    m_retryTimer->setInterval(kRetryMs);
    connect(m_retryTimer, &QTimer::timeout, this, [this] { applyChanges(m_generation, {}); });
}

AlarmIndexWorker::~AlarmIndexWorker() {
    if (m_db)
        sqlite3_close_v2(m_db);
}

void AlarmIndexWorker::open(const QString &cachePath) {
    if (m_db)
        sqlite3_close_v2(m_db);
    m_loaded = false;
    m_universe->clear();
    m_parentOf.clear();
    m_childrenOf.clear();
    m_path = cachePath;
    QString error;
    m_db = openAlarmReadConnection(cachePath, &error);
    if (!m_db)
        emit failed(error);
}

bool AlarmIndexWorker::ensureLoaded() {
    if (m_loaded)
        return true;
    if (!m_db)
        return false;
    try {
        QElapsedTimer timer;
        timer.start();
        sqliteExec(m_db, "BEGIN");
        qint64 count = 0;
        {
            SqliteStatement n(m_db, "SELECT count(*) FROM alarms", false);
            if (n.step())
                count = n.columnInt64(0);
        }
        m_universe->reserve(size_t(count + count / 8));
        SqliteStatement s(m_db, QStringLiteral("SELECT %1 FROM alarms").arg(QLatin1String(kKeyColumns)),
                          false);
        while (s.step()) {
            const AlarmKey k = readKey(s);
            m_universe->insert(k);
        }
        s = SqliteStatement();
        loadCorrelation();
        sqliteExec(m_db, "COMMIT");
        // The scan filled this connection's page cache with every alarm page; nothing reads them
        // from here again soon (the OS keeps its own copy).
        sqlite3_db_release_memory(m_db);
        m_loaded = true;
        logging::logger("ui")->info("alarm index: {} alarms loaded in {} ms", m_universe->size(),
                                    timer.elapsed());
        return true;
    } catch (const SqliteError &e) {
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        emit failed(QString::fromStdString(e.what()));
        return false;
    }
}

bool AlarmIndexWorker::emitPreview(int generation) {
    const AlarmQuery &q = m_query;
    // Only the list order over key filters can be read page-first from the alarms_list index; other
    // queries wait for the index.
    if (q.sortColumn != AlarmColumn::Severity || q.sortOrder != Qt::AscendingOrder || q.needsSqlFilter() ||
        q.tree || q.hideCorrelatedChildren)
        return false;
    auto result = std::make_shared<AlarmQueryResult>();
    try {
        // One backward walk of alarms_list per (active, severity) group, newest change first: the
        // first rows of the list in a few milliseconds, however many alarms there are.
        SqliteStatement s(m_db,
                          QStringLiteral("SELECT %1 FROM alarms WHERE active=?1 AND severity=?2 "
                                         "ORDER BY changed_ms DESC, aid DESC LIMIT ?3")
                              .arg(QLatin1String(kKeyColumns)),
                          false);
        // Cleared alarms that still linger in the Active view come after every active one.
        const QList<int> actives = q.activity == AlarmActivity::Active
                                       ? q.clearedLingerMs > 0 ? QList<int>{1, 0} : QList<int>{1}
                                   : q.activity == AlarmActivity::Cleared ? QList<int>{0}
                                                                          : QList<int>{1, 0};
        constexpr int kPreviewRows = kFirstPageRows;
        for (const int active : actives) {
            for (int sev = 0; sev < 8 && int(result->rows.size()) < kPreviewRows; ++sev) {
                if (q.severityMask && !(q.severityMask & (1u << sev)))
                    continue;
                s.reset();
                s.bind(1, active);
                s.bind(2, sev);
                s.bind(3, 4 * kPreviewRows); // room for the key filters (ack, time) applied below
                while (int(result->rows.size()) < kPreviewRows && s.step()) {
                    const AlarmKey k = readKey(s);
                    if (matchesKey(k))
                        result->rows.push_back(k);
                }
            }
        }
    } catch (const SqliteError &e) {
        logging::logger("ui")->warn("alarm index: first page failed: {}", e.what());
        return false;
    }
    emit previewReady(generation, result);
    return true;
}

void AlarmIndexWorker::emitFirstPage(int generation, AlarmKeyVector first, qint64 listedRows,
                                     const AlarmChildren &children) {
    auto page = std::make_shared<AlarmQueryResult>();
    page->rows.reserve(first.size());
    const AlarmKeyLess less{m_query.sortColumn, m_query.sortOrder};
    for (AlarmKey &k : first) {
        // Tree mode: the page's roots with their children, as the whole answer will have them.
        if (const auto c = children.constFind(k.aid); c != children.cend()) {
            k.flags |= AlarmKey::HasChildren;
            AlarmKeyVector list = c.value();
            std::sort(list.begin(), list.end(), less);
            page->children.insert(k.aid, std::move(list));
        }
        page->rows.push_back(k);
    }
    page->listedRows = listedRows;
    page->universeSize = qint64(m_universe->size());
    emit previewReady(generation, page);
}

bool AlarmIndexWorker::loadCorrelation() {
    // Only children have rows here (a few per cent of the alarms): cheap next to the key load.
    SqliteStatement s(
        m_db, "SELECT alarm_id, min(related_id) FROM alarm_correlation WHERE kind=0 GROUP BY alarm_id",
        false);
    while (s.step())
        setParent(columnHash(s, 0), columnHash(s, 1));
    return true;
}

void AlarmIndexWorker::setParent(quint64 child, quint64 parent) {
    const auto old = m_parentOf.constFind(child);
    if (old != m_parentOf.cend()) {
        if (old.value() == parent)
            return;
        m_childrenOf.remove(old.value(), child);
        m_parentOf.erase(old);
    }
    if (parent) {
        m_parentOf.insert(child, parent);
        m_childrenOf.insert(parent, child);
    }
}

const AlarmKey *AlarmIndexWorker::keyOf(quint64 idHash) const {
    return m_universe->find(idHash);
}

const AlarmKey *AlarmIndexWorker::listedParent(const AlarmKey &k) const {
    const auto p = m_parentOf.constFind(k.idHash);
    if (p == m_parentOf.cend())
        return nullptr;
    const AlarmKey *parent = keyOf(p.value());
    return parent && matches(*parent) ? parent : nullptr;
}

const AlarmKey *AlarmIndexWorker::nestingRoot(const AlarmKey &k) const {
    if (!m_query.tree && !m_query.hideCorrelatedChildren)
        return nullptr; // the flat list without hiding: every listed alarm is a row of its own
    const AlarmKey *parent = listedParent(k);
    return parent && !listedParent(*parent) ? parent : nullptr;
}

bool AlarmIndexWorker::hasNestedChildren(const AlarmKey &root) const {
    for (auto it = m_childrenOf.constFind(root.idHash); it != m_childrenOf.cend() && it.key() == root.idHash;
         ++it) {
        const AlarmKey *c = keyOf(it.value());
        if (c && matches(*c) && nestingRoot(*c) == &root)
            return true;
    }
    return false;
}

AlarmKeyVector AlarmIndexWorker::nestedChildren(quint64 rootHash) const {
    AlarmKeyVector children;
    const AlarmKey *root = keyOf(rootHash);
    if (!root)
        return children;
    for (auto it = m_childrenOf.constFind(rootHash); it != m_childrenOf.cend() && it.key() == rootHash;
         ++it) {
        const AlarmKey *c = keyOf(it.value());
        if (c && matches(*c) && nestingRoot(*c) == root)
            children.push_back(*c);
    }
    std::sort(children.begin(), children.end(), AlarmKeyLess{m_query.sortColumn, m_query.sortOrder});
    return children;
}

AlarmIndexWorker::Placement AlarmIndexWorker::placement(quint64 idHash) const {
    Placement p;
    const AlarmKey *k = keyOf(idHash);
    if (!k || !matches(*k))
        return p;
    p.listed = true;
    p.key = *k;
    if (const AlarmKey *root = nestingRoot(*k)) {
        p.rootAid = root->aid;
        p.rootHash = root->idHash;
    } else if (showsChildren() && hasNestedChildren(*k)) {
        p.key.flags |= AlarmKey::HasChildren;
    }
    return p;
}

bool AlarmIndexWorker::matchesKey(const AlarmKey &k) const {
    const AlarmQuery &q = m_query;
    if (q.activity == AlarmActivity::Active && !k.isActive() &&
        (q.clearedLingerMs <= 0 || k.changedMs < m_clearedCutoff))
        return false;
    if (q.activity == AlarmActivity::Cleared && k.isActive())
        return false;
    if (q.severityMask && !(q.severityMask & (1u << k.severity)))
        return false;
    if (q.ack && (*q.ack == AckState::Acknowledged) != k.isAcked())
        return false;
    if (q.changedFrom > 0 && k.changedMs < q.changedFrom)
        return false;
    if (q.changedTo > 0 && k.changedMs > q.changedTo)
        return false;
    if (q.raisedFrom > 0 && k.raisedMs < q.raisedFrom)
        return false;
    if (q.raisedTo > 0 && k.raisedMs > q.raisedTo)
        return false;
    if (q.hideCorrelatedChildren && (k.flags & AlarmKey::HasParent))
        return false;
    return true;
}

bool AlarmIndexWorker::matches(const AlarmKey &k) const {
    if (!matchesKey(k))
        return false;
    if (!m_query.needsSqlFilter())
        return true;
    const auto bit = quint64(k.aid);
    return bit / 64 < m_sqlAidBits.size() && (m_sqlAidBits[bit / 64] >> (bit % 64)) & 1;
}

void AlarmIndexWorker::setSqlAids(std::vector<qint64> aids) {
    m_sqlAids = std::move(aids);
    m_sqlAidBits.assign(m_sqlAids.empty() ? 0 : size_t(m_sqlAids.back()) / 64 + 1, 0);
    for (const qint64 aid : m_sqlAids)
        m_sqlAidBits[size_t(aid) / 64] |= quint64(1) << (quint64(aid) % 64);
}

std::vector<qint64> AlarmIndexWorker::sqlFilterAids(const std::vector<qint64> *onlyAids) const {
    const AlarmQuery &q = m_query;
    QString where;
    const QString fts = alarmFtsQuery(q.text);
    if (!q.elementId.isEmpty())
        where += QStringLiteral(" AND object_id=?1");
    if (!q.siteId.isEmpty())
        where += QStringLiteral(" AND object_id IN (SELECT id FROM elements WHERE site_id=?2)");
    if (!q.region.isEmpty())
        where +=
            QStringLiteral(" AND object_id IN (SELECT e.id FROM elements e JOIN sites s ON s.id=e.site_id "
                           "WHERE s.region=?3)");
    if (!q.alarmType.isEmpty())
        where += QStringLiteral(" AND alarm_type=?4");
    const bool noTextMatch = !q.text.trimmed().isEmpty() && fts.isEmpty();
    if (!fts.isEmpty())
        where += QStringLiteral(" AND aid IN (SELECT rowid FROM alarms_fts WHERE alarms_fts MATCH ?5 "
                                "UNION SELECT a.aid FROM elements_fts f JOIN elements e ON e.eid=f.rowid "
                                "JOIN alarms a ON a.object_id=e.id WHERE elements_fts MATCH ?5)");
    std::vector<qint64> aids;
    if (noTextMatch)
        return aids; // only punctuation typed: nothing can match
    if (!onlyAids && q.elementId.isEmpty() && q.siteId.isEmpty() && q.region.isEmpty() &&
        q.alarmType.isEmpty()) {
        // Free text alone: the FTS row ids are the alarm ids. No lookup of every match in alarms, no
        // temporary b-tree for UNION: duplicates go after the sort.
        SqliteStatement s(m_db,
                          "SELECT rowid FROM alarms_fts WHERE alarms_fts MATCH ?1 "
                          "UNION ALL SELECT a.aid FROM elements_fts f JOIN elements e ON e.eid=f.rowid "
                          "JOIN alarms a ON a.object_id=e.id WHERE elements_fts MATCH ?1",
                          false);
        s.bind(1, fts);
        while (s.step())
            aids.push_back(s.columnInt64(0));
        std::sort(aids.begin(), aids.end());
        aids.erase(std::unique(aids.begin(), aids.end()), aids.end());
        return aids;
    }
    const auto run = [&](const QString &extra) {
        SqliteStatement s(m_db, QStringLiteral("SELECT aid FROM alarms WHERE 1") + where + extra, false);
        const int count = sqlite3_bind_parameter_count(s.handle());
        const auto bindIf = [&](int index, const QString &value) {
            if (index <= count && sqlite3_bind_parameter_name(s.handle(), index))
                s.bind(index, value);
        };
        bindIf(1, q.elementId);
        bindIf(2, q.siteId);
        bindIf(3, q.region);
        bindIf(4, canonicalAlarmType(q.alarmType));
        bindIf(5, fts);
        while (s.step())
            aids.push_back(s.columnInt64(0));
    };
    if (onlyAids) {
        // Chunks of literal integers: the changed rows of one batch, checked against the same filter.
        constexpr size_t kChunk = 500;
        for (size_t i = 0; i < onlyAids->size(); i += kChunk)
            run(QStringLiteral(" AND aid IN (%1)")
                    .arg(inList(*onlyAids, i, std::min(onlyAids->size(), i + kChunk))));
    } else {
        run(QString());
    }
    std::sort(aids.begin(), aids.end());
    return aids;
}

void AlarmIndexWorker::runQuery(int generation, const AlarmQuery &query) {
    m_generation = generation;
    m_query = query;
    m_clearedCutoff = QDateTime::currentMSecsSinceEpoch() - query.clearedLingerMs;
    auto result = std::make_shared<AlarmQueryResult>();
    // On open, the first page comes from the cache while the index loads; no second one after.
    const bool previewed = !m_loaded && m_db && emitPreview(generation);
    if (!ensureLoaded()) {
        emit queryReady(generation, result);
        return;
    }
    QElapsedTimer timer;
    timer.start();
    try {
        if (query.needsSqlFilter()) {
            setSqlAids(sqlFilterAids(nullptr));
            // The id query walked many pages; the OS keeps them, this connection need not.
            sqlite3_db_release_memory(m_db);
        } else {
            setSqlAids({});
        }
    } catch (const SqliteError &e) {
        emit failed(QString::fromStdString(e.what()));
        setSqlAids({});
    }
    const qint64 sqlMs = timer.restart();
    // One pass over every key: the matching ones as (sort key, slot), 16 bytes each, and the first
    // page picked on the way; then sorted; then the keys gathered in order into the answer.
    std::vector<SortItem> items;
    items.reserve(query.needsSqlFilter() ? m_sqlAids.size() : m_universe->size());
    adviseHugePages(items);
    const bool correlation = query.tree || query.hideCorrelatedChildren;
    const AlarmKeyLess less{query.sortColumn, query.sortOrder};
    FirstItems firstPage(size_t(kFirstPageRows), SortItemLess{less, *m_universe});
    m_universe->forEachSlot([&](quint32 slot, const AlarmKey &k) {
        if (!matches(k))
            return;
        // Only alarms with a parent can nest: one hash lookup for the few, none for the rest.
        const AlarmKey *root = correlation && m_parentOf.contains(k.idHash) ? nestingRoot(k) : nullptr;
        if (!root) {
            const SortItem item{sortKey(k, query.sortColumn, query.sortOrder), slot};
            items.push_back(item);
            firstPage.offer(item);
        } else if (showsChildren()) {
            result->children[root->aid].push_back(k);
        }
    });
    const qint64 filterMs = timer.restart();
    if (!previewed && qint64(items.size()) >= qint64(std::max(1, m_previewMinRows))) {
        AlarmKeyVector first;
        for (const SortItem &it : firstPage.take())
            first.push_back(m_universe->at(it.slot));
        emitFirstPage(generation, std::move(first), qint64(items.size()), result->children);
    }
    const qint64 previewMs = timer.restart();
    sortItems(items, less, *m_universe);
    const qint64 radixMs = timer.restart();
    AlarmKeyVector &rows = result->rows;
    rows.reserve(items.size());
    adviseHugePages(rows);
    // Random reads of 40-byte keys: each a cache miss. Asking for the key a few places ahead lets the
    // misses overlap instead of waiting for one at a time.
    constexpr size_t kAhead = 12;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i + kAhead < items.size())
            prefetchKey(m_universe->at(items[i + kAhead].slot));
        rows.push_back(m_universe->at(items[i].slot));
    }
    items = {};
    if (!result->children.isEmpty()) {
        for (auto &k : rows)
            if (result->children.contains(k.aid))
                k.flags |= AlarmKey::HasChildren;
        for (auto &list : result->children)
            std::sort(list.begin(), list.end(), less);
    }
    result->universeSize = qint64(m_universe->size());
    logging::logger("ui")->info(
        "alarm index: {} rows: sql {} ms, filter {} ms, first page {} ms, sort {} ms, gather {} ms",
        rows.size(), sqlMs, filterMs, previewMs, radixMs, timer.elapsed());
    emit queryReady(generation, result);
}

void AlarmIndexWorker::applyChanges(int generation, const KindChanges &incoming) {
    if (!m_loaded || !m_db)
        return; // the next query loads everything anyway
    // Changes a failed read left over come first (in order: `incoming` happened after them).
    KindChanges changes = std::move(m_retryChanges);
    m_retryChanges = {};
    changes.merge(incoming);
    if (changes.isEmpty())
        return;
    auto delta = std::make_shared<AlarmDelta>();
    const bool current = generation == m_generation;
    const qint64 sizeBefore = m_universe->size();
    try {
        const QStringList ids = changes.inserted + changes.updated;
        // Fresh keys (and first parent) of the inserted and updated alarms.
        std::vector<std::pair<AlarmKey, quint64>> fresh;
        fresh.reserve(size_t(ids.size()));
        constexpr int kChunk = 400;
        for (int i = 0; i < ids.size(); i += kChunk) {
            const int n = std::min<int>(kChunk, int(ids.size()) - i);
            QStringList params;
            for (int p = 0; p < n; ++p)
                params.append(QStringLiteral("?%1").arg(p + 1));
            SqliteStatement s(m_db,
                              QStringLiteral("SELECT %1, %2 FROM alarms WHERE id IN (%3)")
                                  .arg(QLatin1String(kKeyColumns), QLatin1String(kParentColumn),
                                       params.join(QLatin1Char(','))),
                              false);
            for (int p = 0; p < n; ++p)
                s.bind(p + 1, ids[i + p]);
            while (s.step())
                fresh.emplace_back(
                    readKey(s), sqlite3_column_type(s.handle(), 11) == SQLITE_NULL ? 0 : columnHash(s, 11));
        }
        // Gone: removed, or named as changed but deleted by a later transaction.
        QSet<quint64> seen;
        for (const auto &f : fresh)
            seen.insert(f.first.idHash);
        std::vector<quint64> gone;
        for (const QString &id : changes.removed)
            gone.push_back(alarmIdHash(id));
        for (const QString &id : ids) {
            const quint64 h = alarmIdHash(id);
            if (!seen.contains(h))
                gone.push_back(h);
        }

        // Every alarm whose place in the list may change: the changed ones, their parents (old and
        // new: a root gains or loses children), their children and grandchildren (a root that leaves
        // the list lets its children up to the top level, and their own children nest under them).
        QSet<quint64> affected;
        if (current) {
            for (quint64 h : gone)
                addFamily(affected, h);
            for (const auto &f : fresh) {
                addFamily(affected, f.first.idHash);
                if (f.second)
                    affected.insert(f.second);
            }
        }
        QHash<quint64, Placement> before;
        for (quint64 h : std::as_const(affected))
            before.insert(h, placement(h));

        // Apply the changes to the index.
        for (quint64 h : gone) {
            m_universe->remove(h);
            setParent(h, 0);
        }
        if (current && m_query.needsSqlFilter() && !fresh.empty()) {
            // Re-check the SQL-side filter for the changed rows and fold the answer into the id set.
            std::vector<qint64> changedAids;
            for (const auto &f : fresh)
                changedAids.push_back(f.first.aid);
            std::sort(changedAids.begin(), changedAids.end());
            const std::vector<qint64> matching = sqlFilterAids(&changedAids);
            std::vector<qint64> kept;
            std::vector<qint64> merged;
            std::set_difference(m_sqlAids.begin(), m_sqlAids.end(), changedAids.begin(), changedAids.end(),
                                std::back_inserter(kept));
            std::set_union(kept.begin(), kept.end(), matching.begin(), matching.end(),
                           std::back_inserter(merged));
            setSqlAids(std::move(merged));
        }
        for (const auto &f : fresh) {
            m_universe->insert(f.first);
            setParent(f.first.idHash, f.second);
        }

        answerMoves(affected, before, *delta);
    } catch (const SqliteError &e) {
        // Reading the changed alarms failed (e.g. SQLITE_BUSY or SQLITE_PROTOCOL while the writer
        // checkpoints in a storm). The failure is in the reads, before the index changes: the whole
        // batch is kept and read again, merged with the next one, so the list never silently misses
        // a change the cache has.
        logging::logger("ui")->warn("alarm index: reading {} changed alarms failed ({}); retrying in {} ms",
                                    changes.count(), e.what(), kRetryMs);
        m_retryChanges = std::move(changes);
        m_retryTimer->start();
        emit failed(QString::fromStdString(e.what()));
        return;
    }
    delta->universeSize = m_universe->size();
    // A changed total alone is news too: the header line counts the cache.
    if (current && (!delta->removed.empty() || !delta->added.empty() || !delta->children.isEmpty() ||
                    delta->universeSize != sizeBefore)) {
        sortForTheList(*delta);
        emit deltaReady(generation, delta);
    }
}

void AlarmIndexWorker::sortForTheList(AlarmDelta &delta) const {
    // Here, not on the GUI thread: acknowledging 50,000 alarms sorted 100,000 keys there (~20 ms).
    const AlarmKeyLess less{m_query.sortColumn, m_query.sortOrder};
    std::sort(delta.removed.begin(), delta.removed.end(), less);
    std::sort(delta.added.begin(), delta.added.end(), less);
}

void AlarmIndexWorker::addFamily(QSet<quint64> &affected, quint64 h) const {
    affected.insert(h);
    if (const auto p = m_parentOf.constFind(h); p != m_parentOf.cend())
        affected.insert(p.value());
    for (auto c = m_childrenOf.constFind(h); c != m_childrenOf.cend() && c.key() == h; ++c) {
        affected.insert(c.value());
        for (auto g = m_childrenOf.constFind(c.value()); g != m_childrenOf.cend() && g.key() == c.value();
             ++g)
            affected.insert(g.value());
    }
}

// The list's answer: old and new top-level rows of what moved, whole child lists of the roots whose
// nested children changed.
void AlarmIndexWorker::answerMoves(const QSet<quint64> &affected, const QHash<quint64, Placement> &before,
                                   AlarmDelta &delta) const {
    QSet<quint64> roots;
    for (quint64 h : std::as_const(affected)) {
        const Placement &b = before[h];
        const Placement a = placement(h);
        if (b.listed == a.listed && b.rootAid == a.rootAid && b.key == a.key)
            continue;
        if (b.listed && !b.rootAid)
            delta.removed.push_back(b.key);
        if (a.listed && !a.rootAid)
            delta.added.push_back(a.key);
        if (showsChildren()) {
            if (b.rootAid)
                roots.insert(b.rootHash);
            if (a.rootAid)
                roots.insert(a.rootHash);
        }
    }
    for (quint64 r : std::as_const(roots)) {
        const AlarmKey *root = keyOf(r);
        qint64 aid = root ? root->aid : 0;
        if (!aid) // the root itself left the cache: its aid is in the old placements
            for (const auto &b : std::as_const(before))
                if (b.rootHash == r)
                    aid = b.rootAid;
        if (aid)
            delta.children.insert(aid, nestedChildren(r));
    }
}

void AlarmIndexWorker::expireCleared(int generation, qint64 nowMs) {
    if (generation != m_generation || !m_loaded || m_query.activity != AlarmActivity::Active ||
        m_query.clearedLingerMs <= 0)
        return;
    const EpochMs cutoff = nowMs - m_query.clearedLingerMs;
    if (cutoff <= m_clearedCutoff)
        return;
    // Only cleared alarms changed in [old cut-off, new cut-off) stop matching: one pass over the keys
    // (a few ms for a million) on this thread, every few seconds. Their families move as for a change
    // (a root that leaves lets its children up).
    QSet<quint64> affected;
    m_universe->forEach([&](const AlarmKey &k) {
        if (!k.isActive() && k.changedMs < cutoff && k.changedMs >= m_clearedCutoff)
            addFamily(affected, k.idHash);
    });
    QHash<quint64, Placement> before;
    for (quint64 h : std::as_const(affected))
        before.insert(h, placement(h));
    m_clearedCutoff = cutoff;
    auto delta = std::make_shared<AlarmDelta>();
    answerMoves(affected, before, *delta);
    delta->universeSize = m_universe->size();
    if (!delta->removed.empty() || !delta->added.empty() || !delta->children.isEmpty()) {
        sortForTheList(*delta);
        emit deltaReady(generation, delta);
    }
}

} // namespace noc
