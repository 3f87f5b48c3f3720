#include "topology/topology_queries.h"

#include "cache/cache_reader.h"
#include "cache/row_codec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
#include <sqlite3.h>

namespace noc {

namespace {

// linkDown / lossOfSignal in the spellings seen from different vendors (LINK_DOWN, link-down, ...).
constexpr const char *kDownExpr =
    "lower(replace(replace(coalesce(probable_cause,''),'_',''),'-','')) IN ('linkdown','lossofsignal')";

// After object id, worst severity and link state: active alarms per severity code 0..4, then the
// unacknowledged ones (ack = 0) per severity (ElementStatus::active / unacknowledged).
constexpr const char *kCountColumns =
    ", SUM(severity = 0), SUM(severity = 1), SUM(severity = 2), SUM(severity = 3), SUM(severity = 4)"
    ", SUM(severity = 0 AND ack = 0), SUM(severity = 1 AND ack = 0), SUM(severity = 2 AND ack = 0)"
    ", SUM(severity = 3 AND ack = 0), SUM(severity = 4 AND ack = 0)";

QByteArray toJsonArray(const QStringList &ids) {
    return QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact);
}

QString columnText(sqlite3_stmt *stmt, int column) {
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, column));
    return text ? QString::fromUtf8(text, sqlite3_column_bytes(stmt, column)) : QString();
}

} // namespace

TopologyQueries::~TopologyQueries() {
    close();
}

bool TopologyQueries::open(const QString &path) {
    close();
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &m_db,
                                   SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        m_error = QString::fromUtf8(m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc));
        close();
        return false;
    }
    // The writer commits every ~100 ms under load; wait for it rather than fail.
    sqlite3_busy_timeout(m_db, 2000);
    return true;
}

void TopologyQueries::close() {
    if (m_db)
        sqlite3_close(m_db);
    m_db = nullptr;
}

QHash<QString, ElementStatus> TopologyQueries::runStatusQuery(const char *sql, const QByteArray *jsonIds) {
    QHash<QString, ElementStatus> result;
    if (!m_db) {
        m_error = QStringLiteral("not open");
        return result;
    }
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return result;
    }
    if (jsonIds)
        sqlite3_bind_text(stmt, 1, jsonIds->constData(), int(jsonIds->size()), SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        ElementStatus status;
        status.worst = rowcodec::severityFromCode(sqlite3_column_int(stmt, 1));
        status.linkDown = sqlite3_column_int(stmt, 2) != 0;
        for (int k = 0; k < ElementStatus::kSeverities; ++k) {
            const auto clamp16 = [](sqlite3_int64 n) {
                return quint16(std::clamp<sqlite3_int64>(n, 0, 0xffff));
            };
            status.active[size_t(k)] = clamp16(sqlite3_column_int64(stmt, 3 + k));
            status.unacknowledged[size_t(k)] =
                clamp16(sqlite3_column_int64(stmt, 3 + ElementStatus::kSeverities + k));
        }
        result.insert(columnText(stmt, 0), status);
    }
    if (rc != SQLITE_DONE)
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
    sqlite3_finalize(stmt);
    return result;
}

QHash<QString, ElementStatus> TopologyQueries::activeStatus() {
    static const QByteArray sql =
        QByteArray("SELECT object_id, MIN(severity), MAX(") + kDownExpr + ")" + kCountColumns +
        " FROM alarms WHERE active = 1 AND object_id IS NOT NULL GROUP BY object_id";
    return runStatusQuery(sql.constData(), nullptr);
}

QHash<QString, ElementStatus> TopologyQueries::statusOf(const QStringList &elementIds) {
    // alarms_object index: one lookup per id.
    static const QByteArray sql = QByteArray("SELECT object_id, MIN(severity), MAX(") + kDownExpr + ")" +
                                  kCountColumns +
                                  " FROM alarms WHERE active = 1 AND object_id IN (SELECT value FROM "
                                  "json_each(?1)) GROUP BY object_id";
    const QByteArray json = toJsonArray(elementIds);
    QHash<QString, ElementStatus> result = runStatusQuery(sql.constData(), &json);
    for (const QString &id : elementIds)
        if (!result.contains(id))
            result.insert(id, ElementStatus());
    return result;
}

QStringList TopologyQueries::alarmedObjects(const QStringList &alarmIds) {
    QStringList result;
    if (!m_db)
        return result;
    sqlite3_stmt *stmt = nullptr;
    const char *sql = "SELECT DISTINCT object_id FROM alarms WHERE id IN (SELECT value FROM json_each(?1)) "
                      "AND object_id IS NOT NULL";
    if (sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr) != SQLITE_OK) {
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return result;
    }
    const QByteArray json = toJsonArray(alarmIds);
    sqlite3_bind_text(stmt, 1, json.constData(), int(json.size()), SQLITE_TRANSIENT);
    while (sqlite3_step(stmt) == SQLITE_ROW)
        result << columnText(stmt, 0);
    sqlite3_finalize(stmt);
    return result;
}

TopologySnapshot TopologyQueries::loadSnapshot(const QString &path, const QString &mapViewId) {
    TopologySnapshot snapshot;
    CacheReader reader;
    if (!reader.open(path)) {
        snapshot.error = reader.lastError().message;
        return snapshot;
    }
    snapshot.sites = reader.sites();
    snapshot.elements = reader.elements();
    snapshot.links = reader.links();
    snapshot.positions = reader.mapPositions(mapViewId);
    for (const SyncState &state : reader.syncStates())
        snapshot.dataAsOfMs = std::max(snapshot.dataAsOfMs, state.lastSuccessMs);
    TopologyQueries queries;
    if (!queries.open(path)) {
        snapshot.error = queries.lastError();
        return snapshot;
    }
    snapshot.status = queries.activeStatus();
    return snapshot;
}

std::optional<InventoryChanges> TopologyQueries::readInventoryChanges(const QString &path,
                                                                      const QStringList &siteIds,
                                                                      const QStringList &elementIds,
                                                                      const QStringList &linkIds,
                                                                      QString *error) {
    CacheReader reader;
    if (!reader.open(path)) {
        if (error)
            *error = reader.lastError().message;
        return std::nullopt;
    }
    InventoryChanges changes;
    for (const QString &id : siteIds) {
        if (auto site = reader.site(id))
            changes.sites << *site;
        else
            changes.removedSites << id;
    }
    for (const QString &id : elementIds) {
        if (auto element = reader.element(id))
            changes.elements << *element;
        else
            changes.removedElements << id;
    }
    for (const QString &id : linkIds) {
        if (auto link = reader.link(id))
            changes.links << *link;
        else
            changes.removedLinks << id;
    }
    // A failed read is not a removal: give up and let the caller read everything again.
    if (!reader.lastError().message.isEmpty()) {
        if (error)
            *error = reader.lastError().message;
        return std::nullopt;
    }
    return changes;
}

} // namespace noc
