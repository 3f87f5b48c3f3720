#include "alarm_index.h"

#include "cache/cache_schema.h"
#include "cache/row_codec.h"
#include "cache/sqlite_statement.h"
#include "logging.h"

#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <algorithm>

namespace noc {

namespace {

constexpr const char *kKeyColumns = "aid, id, severity, state, active, ack, pending, changed_ms, raised_ms, "
                                    "parent_ids IS NOT NULL, root_cause";

AlarmKey readKey(const SqliteStatement &s) {
    AlarmKey k;
    k.aid = s.columnInt64(0);
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(s.handle(), 1));
    const int bytes = sqlite3_column_bytes(s.handle(), 1);
    // Hash the UTF-8 bytes straight from SQLite: no QString per row on a million-row load.
    quint64 h = 1469598103934665603ULL;
    for (int i = 0; i < bytes; ++i) {
        h ^= quint8(text[i]);
        h *= 1099511628211ULL;
    }
    k.idHash = h;
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

quint64 alarmIdHash(const QString &id) {
    const QByteArray utf8 = id.toUtf8();
    quint64 h = 1469598103934665603ULL;
    for (const char c : utf8) {
        h ^= quint8(c);
        h *= 1099511628211ULL;
    }
    return h;
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

AlarmIndexWorker::AlarmIndexWorker() = default;

AlarmIndexWorker::~AlarmIndexWorker() {
    if (m_db)
        sqlite3_close_v2(m_db);
}

void AlarmIndexWorker::open(const QString &cachePath) {
    if (m_db)
        sqlite3_close_v2(m_db);
    m_loaded = false;
    m_universe.clear();
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
        m_universe.reserve(count + count / 8);
        SqliteStatement s(m_db, QStringLiteral("SELECT %1 FROM alarms").arg(QLatin1String(kKeyColumns)),
                          false);
        while (s.step()) {
            const AlarmKey k = readKey(s);
            m_universe.insert(k.idHash, k);
        }
        s = SqliteStatement();
        sqliteExec(m_db, "COMMIT");
        m_loaded = true;
        logging::logger("ui")->info("alarm index: {} alarms loaded in {} ms", m_universe.size(),
                                    timer.elapsed());
        return true;
    } catch (const SqliteError &e) {
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        emit failed(QString::fromStdString(e.what()));
        return false;
    }
}

bool AlarmIndexWorker::matchesKey(const AlarmKey &k) const {
    const AlarmQuery &q = m_query;
    if (q.activity == AlarmActivity::Active && !k.isActive())
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
    if (q.hideCorrelatedChildren && (k.flags & AlarmKey::HasParent))
        return false;
    return true;
}

bool AlarmIndexWorker::matches(const AlarmKey &k) const {
    if (!matchesKey(k))
        return false;
    return !m_query.needsSqlFilter() || std::binary_search(m_sqlAids.begin(), m_sqlAids.end(), k.aid);
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
    if (!ensureLoaded()) {
        emit queryReady(generation, std::make_shared<AlarmKeyVector>(), 0);
        return;
    }
    try {
        if (query.needsSqlFilter())
            m_sqlAids = sqlFilterAids(nullptr);
        else
            m_sqlAids.clear();
    } catch (const SqliteError &e) {
        emit failed(QString::fromStdString(e.what()));
        m_sqlAids.clear();
    }
    auto rows = std::make_shared<AlarmKeyVector>();
    rows->reserve(query.needsSqlFilter() ? m_sqlAids.size() : size_t(m_universe.size()));
    for (auto it = m_universe.cbegin(); it != m_universe.cend(); ++it) {
        if (matches(it.value()))
            rows->push_back(it.value());
    }
    std::sort(rows->begin(), rows->end(), AlarmKeyLess{query.sortColumn, query.sortOrder});
    rows->shrink_to_fit();
    emit queryReady(generation, rows, m_universe.size());
}

void AlarmIndexWorker::applyChanges(int generation, const KindChanges &changes) {
    if (!m_loaded || !m_db)
        return; // the next query loads everything anyway
    auto delta = std::make_shared<AlarmDelta>();
    const bool current = generation == m_generation;
    try {
        for (const QString &id : changes.removed) {
            const auto it = m_universe.find(alarmIdHash(id));
            if (it == m_universe.end())
                continue;
            if (current && matches(it.value()))
                delta->removed.push_back(it.value());
            m_universe.erase(it);
        }
        QStringList ids = changes.inserted + changes.updated;
        std::vector<AlarmKey> fresh;
        fresh.reserve(size_t(ids.size()));
        constexpr int kChunk = 400;
        for (int i = 0; i < ids.size(); i += kChunk) {
            const int n = std::min<int>(kChunk, int(ids.size()) - i);
            QStringList params;
            for (int p = 0; p < n; ++p)
                params.append(QStringLiteral("?%1").arg(p + 1));
            SqliteStatement s(m_db,
                              QStringLiteral("SELECT %1 FROM alarms WHERE id IN (%2)")
                                  .arg(QLatin1String(kKeyColumns), params.join(QLatin1Char(','))),
                              false);
            for (int p = 0; p < n; ++p)
                s.bind(p + 1, ids[i + p]);
            while (s.step())
                fresh.push_back(readKey(s));
        }
        // Ids named as changed but gone from the cache (removed by a later transaction) leave too.
        QSet<quint64> seen;
        for (const auto &k : fresh)
            seen.insert(k.idHash);
        for (const QString &id : std::as_const(ids)) {
            const quint64 h = alarmIdHash(id);
            if (seen.contains(h))
                continue;
            const auto it = m_universe.find(h);
            if (it != m_universe.end()) {
                if (current && matches(it.value()))
                    delta->removed.push_back(it.value());
                m_universe.erase(it);
            }
        }
        if (current && m_query.needsSqlFilter() && !fresh.empty()) {
            // Re-check the SQL-side filter for the changed rows and fold the answer into the id set.
            std::vector<qint64> changedAids;
            for (const auto &k : fresh)
                changedAids.push_back(k.aid);
            std::sort(changedAids.begin(), changedAids.end());
            const std::vector<qint64> matching = sqlFilterAids(&changedAids);
            for (const auto &k : fresh) {
                const auto old = m_universe.constFind(k.idHash);
                if (old != m_universe.cend() && matches(old.value()))
                    delta->removed.push_back(old.value());
            }
            std::vector<qint64> merged;
            std::vector<qint64> kept;
            std::set_difference(m_sqlAids.begin(), m_sqlAids.end(), changedAids.begin(), changedAids.end(),
                                std::back_inserter(kept));
            std::set_union(kept.begin(), kept.end(), matching.begin(), matching.end(),
                           std::back_inserter(merged));
            m_sqlAids.swap(merged);
            for (const auto &k : fresh) {
                m_universe.insert(k.idHash, k);
                if (matches(k))
                    delta->added.push_back(k);
            }
        } else {
            for (const auto &k : fresh) {
                const auto old = m_universe.constFind(k.idHash);
                if (current && old != m_universe.cend() && matches(old.value()))
                    delta->removed.push_back(old.value());
                m_universe.insert(k.idHash, k);
                if (current && matches(k))
                    delta->added.push_back(k);
            }
        }
    } catch (const SqliteError &e) {
        emit failed(QString::fromStdString(e.what()));
    }
    if (current && (!delta->removed.empty() || !delta->added.empty()))
        emit deltaReady(generation, delta);
}

} // namespace noc
