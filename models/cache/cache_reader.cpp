#include "cache/cache_reader.h"

#include "cache/cache_schema.h"
#include "cache/row_codec.h"
#include "cache/sqlite_statement.h"

#include <QFile>
#include <QRegularExpression>
#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace noc {

namespace {

using namespace rowcodec;

const char *const kAlarmColumns =
    "aid, id, external_id, state, severity, active, alarm_type, probable_cause, specific_problem, "
    "object_type, "
    "object_id, source_system, raised_ms, reported_ms, changed_ms, cleared_ms, ack, ack_user, ack_system, "
    "clear_user, clear_system, root_cause, service_affecting, parent_ids, correlated_ids, comments, pending";

Alarm readAlarm(const SqliteStatement &s) {
    Alarm a;
    a.id = s.columnText(1);
    a.externalAlarmId = s.columnText(2);
    a.state = alarmStateFromCode(s.columnInt(3));
    a.perceivedSeverity = severityFromCode(s.columnInt(4));
    a.alarmType = s.columnText(6);
    a.probableCause = s.columnText(7);
    a.specificProblem = s.columnText(8);
    a.alarmedObjectType = s.columnText(9);
    a.alarmedObjectId = s.columnText(10);
    a.sourceSystemId = s.columnText(11);
    a.alarmRaisedTime = s.columnInt64(12);
    a.alarmReportingTime = s.columnInt64(13);
    a.alarmChangedTime = s.columnInt64(14);
    a.alarmClearedTime = s.columnInt64(15);
    a.ackState = ackFromCode(s.columnInt(16));
    a.ackUserId = s.columnText(17);
    a.ackSystemId = s.columnText(18);
    a.clearUserId = s.columnText(19);
    a.clearSystemId = s.columnText(20);
    a.isRootCause = s.columnInt(21) != 0;
    a.serviceAffecting = s.columnInt(22) != 0;
    if (!s.columnIsNull(23))
        a.parentAlarmIds = idsFromJson(s.columnBytes(23));
    if (!s.columnIsNull(24))
        a.correlatedAlarmIds = idsFromJson(s.columnBytes(24));
    if (!s.columnIsNull(25))
        a.comments = commentsFromJson(s.columnBytes(25));
    return a;
}

const char *const kElementColumns = "id, name, category, vendor, model, mgmt_ip, layer, site_id, oper_state, "
                                    "admin_state, other_json, last_update";

NetworkElement readElement(const SqliteStatement &s) {
    NetworkElement e;
    e.id = s.columnText(0);
    e.name = s.columnText(1);
    e.category = categoryFromCode(s.columnInt(2));
    e.vendor = s.columnText(3);
    e.model = s.columnText(4);
    e.mgmtIp = s.columnText(5);
    e.layer = layerFromCode(s.columnInt(6));
    e.siteId = s.columnText(7);
    e.operationalState = s.columnText(8);
    e.administrativeState = s.columnText(9);
    if (!s.columnIsNull(10))
        e.otherCharacteristics = mapFromJson(s.columnBytes(10));
    e.lastUpdate = s.columnInt64(11);
    return e;
}

const char *const kSiteColumns = "id, name, region, latitude, longitude, address, last_update";

Site readSite(const SqliteStatement &s) {
    Site x;
    x.id = s.columnText(0);
    x.name = s.columnText(1);
    x.region = s.columnText(2);
    x.latitude = s.columnDouble(3);
    x.longitude = s.columnDouble(4);
    x.address = s.columnText(5);
    x.lastUpdate = s.columnInt64(6);
    return x;
}

const char *const kLinkColumns =
    "id, name, a_end_id, a_port, z_end_id, z_port, capacity_bps, utilization, oper_state, last_update";

Link readLink(const SqliteStatement &s) {
    Link l;
    l.id = s.columnText(0);
    l.name = s.columnText(1);
    l.aEndId = s.columnText(2);
    l.aPort = s.columnText(3);
    l.zEndId = s.columnText(4);
    l.zPort = s.columnText(5);
    l.capacityBps = s.columnIsNull(6) ? 0 : s.columnDouble(6);
    l.utilization = s.columnIsNull(7) ? 0 : s.columnDouble(7);
    l.operationalState = s.columnText(8);
    l.lastUpdate = s.columnInt64(9);
    return l;
}

const char *const kTicketColumns = "tid, id, name, description, severity, priority, ticket_type, status, "
                                   "status_reason, created_ms, last_update, due_ms, resolved_ms, pending";

TroubleTicket readTicket(const SqliteStatement &s) {
    TroubleTicket t;
    t.id = s.columnText(1);
    t.name = s.columnText(2);
    t.description = s.columnText(3);
    t.severity = s.columnText(4);
    t.priority = s.columnText(5);
    t.ticketType = s.columnText(6);
    t.status = ticketStatusFromCode(s.columnInt(7));
    t.statusChangeReason = s.columnText(8);
    t.creationDate = s.columnInt64(9);
    t.lastUpdate = s.columnInt64(10);
    t.expectedResolutionDate = s.columnInt64(11);
    t.resolutionDate = s.columnInt64(12);
    return t;
}

// User text -> FTS5 query: every word quoted (no FTS syntax from the user reaches the parser) and
// made a prefix, words ANDed.
QString ftsQuery(const QString &text) {
    static const QRegularExpression separators(QStringLiteral("[\\s\"]+"));
    QStringList terms;
    for (const auto &word : text.split(separators, Qt::SkipEmptyParts)) {
        // A word without letters or digits ("(", "-") yields no token and would be an empty phrase.
        if (std::any_of(word.cbegin(), word.cend(), [](QChar c) { return c.isLetterOrNumber(); }))
            terms.append(QLatin1Char('"') + word + QStringLiteral("\"*"));
    }
    return terms.join(QLatin1Char(' '));
}

constexpr qint64 kMax = std::numeric_limits<qint64>::max();

} // namespace

struct CacheReader::Impl {
    sqlite3 *db = nullptr;
    QString path;
    CacheError error;
    std::map<QString, SqliteStatement> statements;

    SqliteStatement &statement(const QString &sql) {
        auto it = statements.find(sql);
        if (it == statements.end())
            it = statements.emplace(sql, SqliteStatement(db, sql)).first;
        return it->second;
    }

    template <typename Fn, typename R = std::invoke_result_t<Fn>> R guard(Fn fn, R fallback = R{}) {
        error = {};
        if (!db) {
            error = CacheError::fromSqlite(SQLITE_MISUSE, path, QStringLiteral("read"),
                                           QStringLiteral("the cache is not open"));
            return fallback;
        }
        try {
            return fn();
        } catch (const SqliteError &e) {
            error = CacheError::fromSqlite(e.code(), path, QStringLiteral("read"),
                                           QString::fromStdString(e.what()));
            return fallback;
        }
    }

    QString alarmSql(const AlarmFilter &f, bool grouped) const;
    void bindAlarmFilter(SqliteStatement &s, const AlarmFilter &f) const;
    void loadTicketDetails(TroubleTicket &t);
    QStringList idList(const QString &sql, const QString &arg);
};

// Two shapes, each served by an index:
// - grouped: one (active, severity) group at a time along alarms_list(active, severity, changed_ms,
//   aid), keyset by the row value (changed_ms, aid). The region filter is a row check (+object_id
//   keeps the planner on the list index), so the first page stops after `limit` matches.
// - element/site: the few alarms of one element or site via alarms_object, sorted in memory.
QString CacheReader::Impl::alarmSql(const AlarmFilter &f, bool grouped) const {
    QString sql = QStringLiteral("SELECT %1 FROM alarms WHERE ").arg(QLatin1String(kAlarmColumns));
    if (grouped) {
        sql += QStringLiteral("active=?1 AND severity=?2 AND (changed_ms, aid) < (?3, ?4)");
    } else {
        sql += f.elementId.isEmpty()
                   ? QStringLiteral("object_id IN (SELECT id FROM elements WHERE site_id=?12)")
                   : QStringLiteral("object_id=?11");
        if (!f.elementId.isEmpty() && !f.siteId.isEmpty())
            sql += QStringLiteral(" AND object_id IN (SELECT id FROM elements WHERE site_id=?12)");
        sql += QStringLiteral(" AND (+active < ?1 OR (active = ?1 AND (+severity > ?2 OR (severity = ?2 AND "
                              "(changed_ms, aid) < (?3, ?4)))))");
        if (f.activeOnly)
            sql += QStringLiteral(" AND +active = 1");
        if (!f.severities.isEmpty()) {
            QStringList params;
            for (int i = 0; i < f.severities.size() && i < 6; ++i)
                params.append(QStringLiteral("?%1").arg(20 + i));
            sql += QStringLiteral(" AND +severity IN (%1)").arg(params.join(QLatin1Char(',')));
        }
    }
    if (f.state)
        sql += QStringLiteral(" AND state=?5");
    if (f.ack)
        sql += QStringLiteral(" AND ack=?6");
    if (f.changedFrom > 0)
        sql += QStringLiteral(" AND changed_ms>=?7");
    if (f.changedTo > 0)
        sql += QStringLiteral(" AND changed_ms<=?8");
    if (!f.region.isEmpty())
        sql +=
            QStringLiteral(" AND +object_id IN (SELECT e.id FROM elements e JOIN sites s ON s.id=e.site_id "
                           "WHERE s.region=?9)");
    sql += grouped ? QStringLiteral(" ORDER BY changed_ms DESC, aid DESC LIMIT ?10")
                   : QStringLiteral(" ORDER BY active DESC, severity, changed_ms DESC, aid DESC LIMIT ?10");
    return sql;
}

void CacheReader::Impl::bindAlarmFilter(SqliteStatement &s, const AlarmFilter &f) const {
    const int count = sqlite3_bind_parameter_count(s.handle());
    const auto bindIf = [&](int index, auto value) {
        if (index <= count && sqlite3_bind_parameter_name(s.handle(), index))
            s.bind(index, value);
    };
    if (f.state)
        bindIf(5, alarmStateCode(*f.state));
    if (f.ack)
        bindIf(6, ackCode(*f.ack));
    bindIf(7, qint64(f.changedFrom));
    bindIf(8, qint64(f.changedTo));
    if (!f.region.isEmpty())
        bindIf(9, f.region);
    if (!f.elementId.isEmpty())
        bindIf(11, f.elementId);
    if (!f.siteId.isEmpty())
        bindIf(12, f.siteId);
    for (int i = 0; i < f.severities.size() && i < 6; ++i)
        bindIf(20 + i, severityCode(f.severities[i]));
}

void CacheReader::Impl::loadTicketDetails(TroubleTicket &t) {
    {
        auto &s = statement(QStringLiteral(
            "SELECT note_id, author, date_ms, text FROM ticket_notes WHERE ticket_id=?1 ORDER BY ord"));
        StatementResetter r(s);
        s.bind(1, t.id);
        while (s.step())
            t.notes.append({s.columnText(0), s.columnText(1), s.columnInt64(2), s.columnText(3)});
    }
    {
        auto &s = statement(QStringLiteral(
            "SELECT change_ms, reason, status FROM ticket_status_history WHERE ticket_id=?1 ORDER BY ord"));
        StatementResetter r(s);
        s.bind(1, t.id);
        while (s.step())
            t.statusChanges.append({s.columnInt64(0), s.columnText(1), ticketStatusFromCode(s.columnInt(2))});
    }
    {
        auto &s = statement(QStringLiteral("SELECT party_id, name, role, referred_type FROM ticket_parties "
                                           "WHERE ticket_id=?1 ORDER BY ord"));
        StatementResetter r(s);
        s.bind(1, t.id);
        while (s.step())
            t.relatedParties.append({s.columnText(0), s.columnText(1), s.columnText(2), s.columnText(3)});
    }
    {
        auto &s = statement(QStringLiteral("SELECT entity_id, name, role, referred_type FROM ticket_entities "
                                           "WHERE ticket_id=?1 ORDER BY ord"));
        StatementResetter r(s);
        s.bind(1, t.id);
        while (s.step())
            t.relatedEntities.append({s.columnText(0), s.columnText(1), s.columnText(2), s.columnText(3)});
    }
}

QStringList CacheReader::Impl::idList(const QString &sql, const QString &arg) {
    QStringList ids;
    auto &s = statement(sql);
    StatementResetter r(s);
    if (!arg.isNull())
        s.bind(1, arg);
    while (s.step())
        ids.append(s.columnText(0));
    return ids;
}

CacheReader::CacheReader()
    : d(std::make_unique<Impl>()) {}

CacheReader::~CacheReader() {
    close();
}

bool CacheReader::open(const QString &path) {
    close();
    d->path = path;
    d->error = {};
    // Read-write without CREATE: a WAL reader may need to create the -shm index; query_only makes
    // sure this connection never writes.
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &d->db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        d->error =
            CacheError::fromSqlite(d->db ? sqlite3_extended_errcode(d->db) : rc, path, QStringLiteral("open"),
                                   QString::fromUtf8(d->db ? sqlite3_errmsg(d->db) : sqlite3_errstr(rc)));
        close();
        return false;
    }
    try {
        CacheSchema::configureConnection(d->db, false);
        sqliteExec(d->db, "PRAGMA query_only=1");
    } catch (const SqliteError &e) {
        d->error =
            CacheError::fromSqlite(e.code(), path, QStringLiteral("open"), QString::fromStdString(e.what()));
        close();
        return false;
    }
    return true;
}

void CacheReader::close() {
    d->statements.clear();
    if (d->db) {
        sqlite3_close_v2(d->db);
        d->db = nullptr;
    }
}

bool CacheReader::isOpen() const {
    return d->db != nullptr;
}

const CacheError &CacheReader::lastError() const {
    return d->error;
}

AlarmPage CacheReader::alarmPage(const AlarmFilter &filter, int limit,
                                 const std::optional<AlarmCursor> &after) {
    return d->guard([&]() -> AlarmPage {
        AlarmPage page;
        if (limit <= 0)
            return page;
        const bool grouped = filter.elementId.isEmpty() && filter.siteId.isEmpty();
        auto &s = d->statement(d->alarmSql(filter, grouped));
        AlarmCursor last;
        const auto collect = [&](int remaining) {
            s.bind(10, qint64(remaining));
            int n = 0;
            while (s.step()) {
                Alarm a = readAlarm(s);
                last.active = s.columnInt(5) != 0;
                last.severityCode = s.columnInt(4);
                last.changedMs = a.alarmChangedTime;
                last.rowId = s.columnInt64(0);
                if (s.columnInt(26) != 0)
                    page.pendingIds.insert(a.id);
                page.alarms.append(std::move(a));
                ++n;
            }
            s.reset();
            return n;
        };
        if (grouped) {
            QList<int> severities;
            for (const auto sev : filter.severities)
                severities.append(severityCode(sev));
            if (severities.isEmpty())
                severities = {0, 1, 2, 3, 4, 5};
            std::sort(severities.begin(), severities.end());
            severities.erase(std::unique(severities.begin(), severities.end()), severities.end());
            const QList<int> actives = filter.activeOnly ? QList<int>{1} : QList<int>{1, 0};
            for (const int active : actives) {
                if (after && int(after->active) < active)
                    continue; // cursor is already in the cleared part
                for (const int sev : severities) {
                    const bool cursorGroup =
                        after && int(after->active) == active && after->severityCode == sev;
                    if (after && int(after->active) == active && sev < after->severityCode)
                        continue;
                    const int remaining = limit - int(page.alarms.size());
                    if (remaining <= 0)
                        break;
                    d->bindAlarmFilter(s, filter);
                    s.bind(1, active);
                    s.bind(2, sev);
                    s.bind(3, cursorGroup ? after->changedMs : kMax);
                    s.bind(4, cursorGroup ? after->rowId : kMax);
                    collect(remaining);
                }
            }
        } else {
            d->bindAlarmFilter(s, filter);
            s.bind(1, after ? int(after->active) : 1);
            s.bind(2, after ? after->severityCode : -1);
            s.bind(3, after ? after->changedMs : kMax);
            s.bind(4, after ? after->rowId : kMax);
            collect(limit);
        }
        if (page.alarms.size() >= limit)
            page.next = last;
        return page;
    });
}

QString CacheReader::alarmPagePlan(const AlarmFilter &filter) {
    return d->guard([&]() -> QString {
        const bool grouped = filter.elementId.isEmpty() && filter.siteId.isEmpty();
        SqliteStatement s(d->db, QStringLiteral("EXPLAIN QUERY PLAN ") + d->alarmSql(filter, grouped), false);
        QStringList lines;
        while (s.step())
            lines.append(s.columnText(3));
        return lines.join(QLatin1Char('\n'));
    });
}

QList<SeverityCount> CacheReader::activeSeverityCounts() {
    return d->guard([&]() -> QList<SeverityCount> {
        QList<SeverityCount> counts;
        for (int code = 0; code < 6; ++code)
            counts.append({severityFromCode(code), 0, 0});
        auto &s = d->statement(QStringLiteral("SELECT severity, ack, n FROM alarm_counts WHERE active=1"));
        StatementResetter r(s);
        while (s.step()) {
            const int code = s.columnInt(0);
            if (code < 0 || code >= 6)
                continue;
            counts[code].total += s.columnInt64(2);
            if (s.columnInt(1) == 0)
                counts[code].unacknowledged += s.columnInt64(2);
        }
        return counts;
    });
}

qint64 CacheReader::alarmCount(bool activeOnly) {
    return d->guard([&]() -> qint64 {
        auto &s = d->statement(activeOnly ? QStringLiteral("SELECT sum(n) FROM alarm_counts WHERE active=1")
                                          : QStringLiteral("SELECT sum(n) FROM alarm_counts"));
        StatementResetter r(s);
        return s.step() ? s.columnInt64(0) : 0;
    });
}

std::optional<Alarm> CacheReader::alarm(const QString &id) {
    return d->guard([&]() -> std::optional<Alarm> {
        auto &s = d->statement(
            QStringLiteral("SELECT %1 FROM alarms WHERE id=?1").arg(QLatin1String(kAlarmColumns)));
        StatementResetter r(s);
        s.bind(1, id);
        if (s.step())
            return readAlarm(s);
        return std::nullopt;
    });
}

QList<Alarm> CacheReader::alarmsByAid(const std::vector<qint64> &aids) {
    return d->guard([&]() -> QList<Alarm> {
        // Looked up in ascending aid order, then put back in the order asked: the list's order jumps
        // around the table, ascending rowids walk its leaves front to back. All in one read
        // transaction: outside one, every lookup took and released the WAL read lock by itself.
        std::vector<std::pair<qint64, size_t>> order(aids.size());
        for (size_t i = 0; i < aids.size(); ++i)
            order[i] = {aids[i], i};
        std::sort(order.begin(), order.end());
        std::vector<std::optional<Alarm>> found(aids.size());
        auto &s = d->statement(
            QStringLiteral("SELECT %1 FROM alarms WHERE aid=?1").arg(QLatin1String(kAlarmColumns)));
        const bool ownTransaction = sqlite3_get_autocommit(d->db) != 0;
        if (ownTransaction)
            sqliteExec(d->db, "BEGIN");
        try {
            for (const auto &[aid, index] : order) {
                StatementResetter r(s);
                s.bind(1, aid);
                if (s.step())
                    found[index] = readAlarm(s);
            }
        } catch (...) {
            if (ownTransaction)
                sqlite3_exec(d->db, "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
        if (ownTransaction)
            sqliteExec(d->db, "COMMIT");
        QList<Alarm> alarms;
        alarms.reserve(qsizetype(aids.size()));
        for (auto &alarm : found)
            if (alarm)
                alarms.append(std::move(*alarm));
        return alarms;
    });
}

bool CacheReader::isAlarmPending(const QString &id) {
    return d->guard([&]() -> bool {
        auto &s = d->statement(QStringLiteral("SELECT pending FROM alarms WHERE id=?1"));
        StatementResetter r(s);
        s.bind(1, id);
        return s.step() && s.columnInt(0) != 0;
    });
}

QStringList CacheReader::pendingAlarmIds() {
    return d->guard(
        [&] { return d->idList(QStringLiteral("SELECT id FROM alarms WHERE pending<>0"), QString()); });
}

QStringList CacheReader::childAlarmIds(const QString &alarmId) {
    return d->guard([&] {
        return d->idList(
            QStringLiteral("SELECT alarm_id FROM alarm_correlation WHERE related_id=?1 AND kind=0 "
                           "ORDER BY alarm_id"),
            alarmId);
    });
}

QStringList CacheReader::correlatedAlarmIds(const QString &alarmId) {
    return d->guard([&] {
        return d->idList(
            QStringLiteral("SELECT alarm_id FROM alarm_correlation WHERE related_id=?1 AND kind=1 "
                           "ORDER BY alarm_id"),
            alarmId);
    });
}

QList<Alarm> CacheReader::searchAlarms(const QString &text, int limit) {
    return d->guard([&]() -> QList<Alarm> {
        QList<Alarm> alarms;
        const QString query = ftsQuery(text);
        if (query.isEmpty() || limit <= 0)
            return alarms;
        auto &s = d->statement(
            QStringLiteral("SELECT %1 FROM alarms WHERE aid IN ("
                           "SELECT rowid FROM alarms_fts WHERE alarms_fts MATCH ?1 "
                           "UNION SELECT a.aid FROM elements_fts f JOIN elements e ON e.eid=f.rowid "
                           "JOIN alarms a ON a.object_id=e.id WHERE elements_fts MATCH ?1) "
                           "ORDER BY active DESC, severity, changed_ms DESC, aid DESC LIMIT ?2")
                .arg(QLatin1String(kAlarmColumns)));
        StatementResetter r(s);
        s.bind(1, query);
        s.bind(2, limit);
        while (s.step())
            alarms.append(readAlarm(s));
        return alarms;
    });
}

std::optional<NetworkElement> CacheReader::element(const QString &id) {
    return d->guard([&]() -> std::optional<NetworkElement> {
        auto &s = d->statement(
            QStringLiteral("SELECT %1 FROM elements WHERE id=?1").arg(QLatin1String(kElementColumns)));
        StatementResetter r(s);
        s.bind(1, id);
        if (s.step())
            return readElement(s);
        return std::nullopt;
    });
}

std::optional<Site> CacheReader::site(const QString &id) {
    return d->guard([&]() -> std::optional<Site> {
        auto &s =
            d->statement(QStringLiteral("SELECT %1 FROM sites WHERE id=?1").arg(QLatin1String(kSiteColumns)));
        StatementResetter r(s);
        s.bind(1, id);
        if (s.step())
            return readSite(s);
        return std::nullopt;
    });
}

std::optional<Link> CacheReader::link(const QString &id) {
    return d->guard([&]() -> std::optional<Link> {
        auto &s =
            d->statement(QStringLiteral("SELECT %1 FROM links WHERE id=?1").arg(QLatin1String(kLinkColumns)));
        StatementResetter r(s);
        s.bind(1, id);
        if (s.step())
            return readLink(s);
        return std::nullopt;
    });
}

QList<NetworkElement> CacheReader::elements() {
    return d->guard([&]() -> QList<NetworkElement> {
        QList<NetworkElement> list;
        auto &s = d->statement(
            QStringLiteral("SELECT %1 FROM elements ORDER BY id").arg(QLatin1String(kElementColumns)));
        StatementResetter r(s);
        while (s.step())
            list.append(readElement(s));
        return list;
    });
}

QList<Site> CacheReader::sites() {
    return d->guard([&]() -> QList<Site> {
        QList<Site> list;
        auto &s =
            d->statement(QStringLiteral("SELECT %1 FROM sites ORDER BY id").arg(QLatin1String(kSiteColumns)));
        StatementResetter r(s);
        while (s.step())
            list.append(readSite(s));
        return list;
    });
}

QList<Link> CacheReader::links() {
    return d->guard([&]() -> QList<Link> {
        QList<Link> list;
        auto &s =
            d->statement(QStringLiteral("SELECT %1 FROM links ORDER BY id").arg(QLatin1String(kLinkColumns)));
        StatementResetter r(s);
        while (s.step())
            list.append(readLink(s));
        return list;
    });
}

QList<NetworkElement> CacheReader::searchElements(const QString &text, int limit) {
    return d->guard([&]() -> QList<NetworkElement> {
        QList<NetworkElement> list;
        const QString query = ftsQuery(text);
        if (query.isEmpty() || limit <= 0)
            return list;
        auto &s = d->statement(
            QStringLiteral("SELECT %1 FROM elements WHERE eid IN (SELECT rowid FROM elements_fts "
                           "WHERE elements_fts MATCH ?1) ORDER BY name, id LIMIT ?2")
                .arg(QLatin1String(kElementColumns)));
        StatementResetter r(s);
        s.bind(1, query);
        s.bind(2, limit);
        while (s.step())
            list.append(readElement(s));
        return list;
    });
}

QList<MapPosition> CacheReader::mapPositions(const QString &mapViewId) {
    return d->guard([&]() -> QList<MapPosition> {
        QList<MapPosition> list;
        auto &s = d->statement(
            QStringLiteral("SELECT map_id, element_id, x, y, pinned FROM map_positions WHERE map_id=?1"));
        StatementResetter r(s);
        s.bind(1, mapViewId);
        while (s.step())
            list.append({s.columnText(0), s.columnText(1), s.columnDouble(2), s.columnDouble(3),
                         s.columnInt(4) != 0});
        return list;
    });
}

std::optional<TroubleTicket> CacheReader::ticket(const QString &id) {
    return d->guard([&]() -> std::optional<TroubleTicket> {
        std::optional<TroubleTicket> result;
        {
            auto &s = d->statement(
                QStringLiteral("SELECT %1 FROM tickets WHERE id=?1").arg(QLatin1String(kTicketColumns)));
            StatementResetter r(s);
            s.bind(1, id);
            if (s.step())
                result = readTicket(s);
        }
        if (result)
            d->loadTicketDetails(*result);
        return result;
    });
}

QList<TroubleTicket> CacheReader::tickets(const TicketFilter &filter, int limit, bool withDetails) {
    return d->guard([&]() -> QList<TroubleTicket> {
        QString sql = QStringLiteral("SELECT %1 FROM tickets WHERE 1").arg(QLatin1String(kTicketColumns));
        if (!filter.statuses.isEmpty()) {
            QStringList params;
            for (int i = 0; i < filter.statuses.size() && i < 8; ++i)
                params.append(QStringLiteral("?%1").arg(10 + i));
            sql += QStringLiteral(" AND status IN (%1)").arg(params.join(QLatin1Char(',')));
        }
        if (!filter.assigneeId.isEmpty())
            sql += QStringLiteral(" AND id IN (SELECT ticket_id FROM ticket_parties WHERE party_id=?2 AND "
                                  "role='assignee')");
        if (!filter.relatedEntityId.isEmpty())
            sql += QStringLiteral(" AND id IN (SELECT ticket_id FROM ticket_entities WHERE entity_id=?3)");
        if (filter.pendingOnly)
            sql += QStringLiteral(" AND pending<>0");
        sql += QStringLiteral(" ORDER BY last_update DESC, tid DESC LIMIT ?1");
        QList<TroubleTicket> list;
        {
            auto &s = d->statement(sql);
            StatementResetter r(s);
            s.bind(1, qint64(limit < 0 ? -1 : limit));
            if (!filter.assigneeId.isEmpty())
                s.bind(2, filter.assigneeId);
            if (!filter.relatedEntityId.isEmpty())
                s.bind(3, filter.relatedEntityId);
            for (int i = 0; i < filter.statuses.size() && i < 8; ++i)
                s.bind(10 + i, ticketStatusCode(filter.statuses[i]));
            while (s.step())
                list.append(readTicket(s));
        }
        if (withDetails) {
            for (auto &t : list)
                d->loadTicketDetails(t);
        }
        return list;
    });
}

bool CacheReader::isTicketPending(const QString &id) {
    return d->guard([&]() -> bool {
        auto &s = d->statement(QStringLiteral("SELECT pending FROM tickets WHERE id=?1"));
        StatementResetter r(s);
        s.bind(1, id);
        return s.step() && s.columnInt(0) != 0;
    });
}

QList<OutboxEntry> CacheReader::outbox() {
    return d->guard([&]() -> QList<OutboxEntry> {
        QList<OutboxEntry> list;
        auto &s = d->statement(QStringLiteral("SELECT %1 FROM outbox ORDER BY seq")
                                   .arg(QLatin1String(rowcodec::kOutboxColumns)));
        StatementResetter r(s);
        while (s.step())
            list.append(rowcodec::outboxFromRow(s));
        return list;
    });
}

QList<OutboxEntry> CacheReader::outboxInState(OutboxState state) {
    return d->guard([&]() -> QList<OutboxEntry> {
        QList<OutboxEntry> list;
        auto &s = d->statement(QStringLiteral("SELECT %1 FROM outbox WHERE state=?1 ORDER BY seq")
                                   .arg(QLatin1String(rowcodec::kOutboxColumns)));
        StatementResetter r(s);
        s.bind(1, toString(state));
        while (s.step())
            list.append(rowcodec::outboxFromRow(s));
        return list;
    });
}

QList<OutboxEntry> CacheReader::outboxFor(const QString &targetKind, const QString &targetId) {
    return d->guard([&]() -> QList<OutboxEntry> {
        QList<OutboxEntry> list;
        auto &s = d->statement(QStringLiteral("SELECT %1 FROM outbox WHERE target_kind=?1 AND target_id=?2 "
                                              "ORDER BY seq")
                                   .arg(QLatin1String(rowcodec::kOutboxColumns)));
        StatementResetter r(s);
        s.bind(1, targetKind);
        s.bind(2, targetId);
        while (s.step())
            list.append(rowcodec::outboxFromRow(s));
        return list;
    });
}

QList<ConflictRecord> CacheReader::conflicts() {
    return d->guard([&]() -> QList<ConflictRecord> {
        QList<ConflictRecord> list;
        auto &s =
            d->statement(QStringLiteral("SELECT id, outbox_uuid, kind, target_kind, target_id, user_intent, "
                                        "server_state, message, created_ms FROM conflicts ORDER BY id"));
        StatementResetter r(s);
        while (s.step()) {
            ConflictRecord c;
            c.id = s.columnInt64(0);
            c.outboxUuid = s.columnText(1);
            c.kind = s.columnText(2);
            c.targetKind = s.columnText(3);
            c.targetId = s.columnText(4);
            c.userIntent = s.columnBytes(5);
            c.serverState = s.columnBytes(6);
            c.message = s.columnText(7);
            c.createdMs = s.columnInt64(8);
            list.append(c);
        }
        return list;
    });
}

std::optional<SyncState> CacheReader::syncState(const QString &collection) {
    return d->guard([&]() -> std::optional<SyncState> {
        auto &s = d->statement(
            QStringLiteral("SELECT collection, high_water_ms, last_full_sync_ms, last_success_ms, "
                           "stream_seq FROM sync_state WHERE collection=?1"));
        StatementResetter r(s);
        s.bind(1, collection);
        if (!s.step())
            return std::nullopt;
        return SyncState{s.columnText(0), s.columnInt64(1), s.columnInt64(2), s.columnInt64(3),
                         s.columnInt64(4)};
    });
}

QHash<QString, EpochMs> CacheReader::lastSuccessTimes() {
    QHash<QString, EpochMs> times;
    for (const SyncState &state : syncStates())
        if (state.lastSuccessMs > 0)
            times.insert(state.collection, state.lastSuccessMs);
    return times;
}

QList<SyncState> CacheReader::syncStates() {
    return d->guard([&]() -> QList<SyncState> {
        QList<SyncState> list;
        auto &s = d->statement(
            QStringLiteral("SELECT collection, high_water_ms, last_full_sync_ms, last_success_ms, "
                           "stream_seq FROM sync_state ORDER BY collection"));
        StatementResetter r(s);
        while (s.step())
            list.append(
                {s.columnText(0), s.columnInt64(1), s.columnInt64(2), s.columnInt64(3), s.columnInt64(4)});
        return list;
    });
}

QString CacheReader::metadata(const QString &key) {
    return d->guard([&]() -> QString {
        auto &s = d->statement(QStringLiteral("SELECT value FROM metadata WHERE key=?1"));
        StatementResetter r(s);
        s.bind(1, key);
        if (!s.step())
            return QString();
        if (s.columnIsNull(0))
            return QString();
        QString value = s.columnText(0);
        if (value.isNull())
            value = QStringLiteral(""); // present but empty: not null
        return value;
    });
}

int CacheReader::schemaVersion() {
    return d->guard([&]() -> int { return CacheSchema::userVersion(d->db); });
}

} // namespace noc
