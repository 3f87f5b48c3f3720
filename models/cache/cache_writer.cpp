#include "cache/cache_writer.h"

#include "cache/cache_schema.h"
#include "cache/row_codec.h"
#include "cache/sqlite_statement.h"

#include <QFile>
#include <QHash>
#include <QSet>
#include <algorithm>
#include <optional>
#include <spdlog/spdlog.h>

namespace noc {

namespace {

std::shared_ptr<spdlog::logger> logger() {
    auto log = spdlog::get("cache");
    return log ? log : spdlog::default_logger();
}

// Records what happened to each id during one apply, with ChangeSet's merge rules, so that an id
// upserted twice in one batch is reported once.
class ChangeRecorder {
public:
    enum class Op { Inserted, Updated, Removed };
    void note(const QString &id, Op op) {
        auto it = m_state.find(id);
        if (it == m_state.end()) {
            m_state.insert(id, op);
            m_order.append(id);
            return;
        }
        if (it.value() == Op::Inserted && op == Op::Removed)
            m_state.erase(it);
        else if (it.value() == Op::Inserted)
            ;
        else if (it.value() == Op::Removed && op != Op::Removed)
            it.value() = Op::Updated;
        else
            it.value() = op;
    }
    void writeTo(KindChanges &out) const {
        for (const auto &id : m_order) {
            const auto it = m_state.constFind(id);
            if (it == m_state.cend())
                continue;
            switch (it.value()) {
            case Op::Inserted:
                out.inserted.append(id);
                break;
            case Op::Updated:
                out.updated.append(id);
                break;
            case Op::Removed:
                out.removed.append(id);
                break;
            }
        }
    }
    bool isEmpty() const { return m_order.isEmpty(); }

private:
    QHash<QString, Op> m_state;
    QStringList m_order;
};

const char *tableOf(EntityKind kind) {
    switch (kind) {
    case EntityKind::Alarm:
        return "alarms";
    case EntityKind::Ticket:
        return "tickets";
    case EntityKind::Element:
        return "elements";
    case EntityKind::Site:
        return "sites";
    case EntityKind::Link:
        return "links";
    }
    return "alarms";
}

constexpr int kKinds = 5;
int kindIndex(EntityKind kind) {
    return int(kind);
}

// Columns 1..26 of alarms in the order bindAlarm uses; the update statement binds the same numbers
// and adds ?27 = aid.
const char *const kAlarmInsert =
    "INSERT INTO alarms(id, external_id, state, severity, active, alarm_type, probable_cause, "
    "specific_problem, object_type, object_id, source_system, raised_ms, reported_ms, changed_ms, "
    "cleared_ms, "
    "ack, ack_user, ack_system, clear_user, clear_system, root_cause, service_affecting, parent_ids, "
    "correlated_ids, comments, h) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,"
    "?20,?21,?22,?23,?24,?25,?26)";
// The update of an existing alarm, built for the indexed columns that change: SQLite rewrites an
// index entry whenever one of its columns is in the SET list, even with an equal value. A storm's
// clear changes the list key (active, changed_ms) but not (object_id, probable_cause), whose entry
// sits on a random leaf of a million-entry index: leaving those columns out saves a page write per
// clear. Parameters are numbered as in kAlarmInsert, ?27 = aid; a variant binds the unused ones too.
// kPendingChanges also sets the pending mark (?28) that the batch asks for this alarm, which spares
// setPending a second lookup and row write per alarm (a select-all acknowledge marks 300,000).
enum AlarmUpdateColumns {
    kListKeyChanges = 1,
    kObjectKeyChanges = 2,
    kPendingChanges = 4,
    kAlarmUpdateVariants = 8
};
std::string alarmUpdateSql(int variant) {
    std::string sql = "UPDATE alarms SET external_id=?2, state=?3, alarm_type=?6, specific_problem=?8, "
                      "object_type=?9, source_system=?11, raised_ms=?12, reported_ms=?13, cleared_ms=?15, "
                      "ack=?16, ack_user=?17, ack_system=?18, clear_user=?19, clear_system=?20, "
                      "root_cause=?21, service_affecting=?22, parent_ids=?23, correlated_ids=?24, "
                      "comments=?25, h=?26";
    if (variant & kListKeyChanges)
        sql += ", active=?5, severity=?4, changed_ms=?14";
    if (variant & kObjectKeyChanges)
        sql += ", object_id=?10, probable_cause=?7";
    if (variant & kPendingChanges)
        sql += ", pending=?28";
    sql += " WHERE aid=?27 AND id=?1";
    return sql;
}

} // namespace

struct CacheWriter::Impl {
    sqlite3 *db = nullptr;
    QString path;
    CacheError error;
    bool inTransaction = false;
    bool damaged = false; // a statement reported SQLITE_CORRUPT / NOTADB since open()

    // Prepared once, reused for every row (reset + rebind).
    std::optional<SqliteStatement> alarmLookup, alarmInsert, alarmDelete, alarmPending;
    std::optional<SqliteStatement> alarmUpdate[kAlarmUpdateVariants];
    std::optional<SqliteStatement> ticketLookup, ticketInsert, ticketUpdate, ticketDelete, ticketPending;
    std::optional<SqliteStatement> ticketNotesDelete, ticketHistoryDelete, ticketPartiesDelete,
        ticketEntitiesDelete;
    std::optional<SqliteStatement> ticketNoteInsert, ticketHistoryInsert, ticketPartyInsert,
        ticketEntityInsert;
    std::optional<SqliteStatement> elementLookup, elementInsert, elementUpdate, elementDelete;
    std::optional<SqliteStatement> siteLookup, siteInsert, siteUpdate, siteDelete;
    std::optional<SqliteStatement> linkLookup, linkInsert, linkUpdate, linkDelete;
    std::optional<SqliteStatement> keepClear, keepInsert;
    std::optional<SqliteStatement> replaceDelete[kKinds];
    std::optional<SqliteStatement> outboxInsert, outboxMaxSeq, outboxUpdate, outboxDelete;
    std::optional<SqliteStatement> conflictInsert, conflictDelete;
    std::optional<SqliteStatement> mapPositionUpsert, syncStateUpsert, metadataUpsert, metadataDelete;

    // FTS5 flushes its pending terms to a new segment at every statement savepoint, and an alarm
    // upsert whose triggers write the FTS table opens one per row: callgrind showed 32% of ingest in
    // sqlite3VtabSavepoint. So alarm text is indexed here instead, once per batch in two statements.
    // Per touched rowid: the text the FTS index held before the batch (to delete), if any.
    struct FtsTouch {
        bool hadOriginal = false;
        QString probableCause, specificProblem, objectId;
    };
    QHash<qint64, FtsTouch> ftsAlarms;
    // Alarm counts per (active, severity, ack): kept here and written once per batch, for the same
    // reason (a trigger makes every alarm write a multi-statement program with a statement journal).
    qint64 countDelta[2][6][2] = {};
    std::optional<SqliteStatement> countUpdate;
    std::optional<SqliteStatement> correlationDelete, correlationInsert;
    void countAlarm(int active, int severity, int ack, int delta) {
        if (active >= 0 && active < 2 && severity >= 0 && severity < 6 && ack >= 0 && ack < 2)
            countDelta[active][severity][ack] += delta;
    }
    void flushCounts();
    void writeCorrelation(const QString &id, const Alarm &alarm);
    std::optional<SqliteStatement> ftsAlarmDelete, ftsAlarmAdd;
    void touchFts(qint64 aid, bool hadOriginal, const SqliteStatement &row, int firstTextColumn);
    void flushFts();

    void prepare();
    void finalizeAll();
    void fail(const SqliteError &e, const QString &action) {
        error = CacheError::fromSqlite(e.code(), path, action, QString::fromStdString(e.what()));
        if (error.isDamage())
            damaged = true;
    }

    void applyBatch(const CacheBatch &batch, ChangeSet &changes);
    // `pending`: the batch's pending mark for this alarm, if it has one and may set it here.
    // Returns true when the update wrote that mark.
    bool upsertAlarm(const Alarm &alarm, const bool *pending, ChangeRecorder &rec);
    void upsertTicket(const TroubleTicket &ticket, ChangeRecorder &rec);
    void writeTicketChildren(const TroubleTicket &ticket);
    void upsertElement(const NetworkElement &element, ChangeRecorder &rec);
    void upsertSite(const Site &site, ChangeRecorder &rec);
    void upsertLink(const Link &link, ChangeRecorder &rec);
    void removeIds(SqliteStatement &statement, const QStringList &ids, ChangeRecorder &rec);
    void replaceAll(const ReplaceAll &replace, ChangeRecorder &rec);
    // `done`: ids whose mark the alarm upserts already wrote.
    void setPending(SqliteStatement &statement, const QHash<QString, bool> &marks, ChangeRecorder &rec,
                    const QSet<QString> &done = {});
    // The next outbox seq of this transaction, read once per batch instead of max(seq) per entry.
    qint64 nextOutboxSeq = 0;
};

void CacheWriter::Impl::prepare() {
    alarmLookup.emplace(db,
                        "SELECT aid, h, probable_cause, specific_problem, object_id, active, severity, ack, "
                        "parent_ids, correlated_ids, changed_ms FROM alarms WHERE id=?1");
    countUpdate.emplace(db, "UPDATE alarm_counts SET n = n + ?4 WHERE active=?1 AND severity=?2 AND ack=?3");
    correlationDelete.emplace(db, "DELETE FROM alarm_correlation WHERE alarm_id=?1");
    correlationInsert.emplace(db, "INSERT OR IGNORE INTO alarm_correlation(alarm_id, kind, related_id) "
                                  "VALUES (?1, ?2, ?3)");
    alarmInsert.emplace(db, kAlarmInsert);
    for (int variant = 0; variant < kAlarmUpdateVariants; ++variant)
        alarmUpdate[variant].emplace(db, alarmUpdateSql(variant).c_str());
    alarmDelete.emplace(db, "DELETE FROM alarms WHERE id=?1 RETURNING aid, probable_cause, specific_problem, "
                            "object_id, active, severity, ack");
    ftsAlarmDelete.emplace(
        db, "INSERT INTO alarms_fts(alarms_fts, rowid, probable_cause, specific_problem, object_id) "
            "SELECT 'delete', value->>0, value->>1, value->>2, value->>3 FROM json_each(?1)");
    ftsAlarmAdd.emplace(db, "INSERT INTO alarms_fts(rowid, probable_cause, specific_problem, object_id) "
                            "SELECT aid, probable_cause, specific_problem, object_id FROM alarms "
                            "WHERE aid IN (SELECT value FROM json_each(?1))");
    alarmPending.emplace(db, "UPDATE alarms SET pending=?2 WHERE id=?1 AND pending<>?2");

    ticketLookup.emplace(db, "SELECT tid, h FROM tickets WHERE id=?1");
    ticketInsert.emplace(
        db, "INSERT INTO tickets(id, name, description, severity, priority, ticket_type, status, "
            "status_reason, created_ms, last_update, due_ms, resolved_ms, h) "
            "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
    ticketUpdate.emplace(
        db, "UPDATE tickets SET name=?2, description=?3, severity=?4, priority=?5, ticket_type=?6, "
            "status=?7, status_reason=?8, created_ms=?9, last_update=?10, due_ms=?11, "
            "resolved_ms=?12, h=?13 WHERE id=?1");
    ticketDelete.emplace(db, "DELETE FROM tickets WHERE id=?1");
    ticketPending.emplace(db, "UPDATE tickets SET pending=?2 WHERE id=?1 AND pending<>?2");
    ticketNotesDelete.emplace(db, "DELETE FROM ticket_notes WHERE ticket_id=?1");
    ticketHistoryDelete.emplace(db, "DELETE FROM ticket_status_history WHERE ticket_id=?1");
    ticketPartiesDelete.emplace(db, "DELETE FROM ticket_parties WHERE ticket_id=?1");
    ticketEntitiesDelete.emplace(db, "DELETE FROM ticket_entities WHERE ticket_id=?1");
    ticketNoteInsert.emplace(db, "INSERT INTO ticket_notes(ticket_id, ord, note_id, author, date_ms, text) "
                                 "VALUES (?1,?2,?3,?4,?5,?6)");
    ticketHistoryInsert.emplace(db, "INSERT INTO ticket_status_history(ticket_id, ord, change_ms, reason, "
                                    "status) VALUES (?1,?2,?3,?4,?5)");
    ticketPartyInsert.emplace(
        db, "INSERT INTO ticket_parties(ticket_id, ord, party_id, name, role, referred_type) "
            "VALUES (?1,?2,?3,?4,?5,?6)");
    ticketEntityInsert.emplace(
        db, "INSERT INTO ticket_entities(ticket_id, ord, entity_id, name, role, referred_type) "
            "VALUES (?1,?2,?3,?4,?5,?6)");

    elementLookup.emplace(db, "SELECT eid, h FROM elements WHERE id=?1");
    elementInsert.emplace(db,
                          "INSERT INTO elements(id, name, category, vendor, model, mgmt_ip, layer, site_id, "
                          "oper_state, admin_state, other_json, last_update, h) "
                          "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
    elementUpdate.emplace(
        db, "UPDATE elements SET name=?2, category=?3, vendor=?4, model=?5, mgmt_ip=?6, layer=?7, "
            "site_id=?8, oper_state=?9, admin_state=?10, other_json=?11, last_update=?12, h=?13 "
            "WHERE id=?1");
    elementDelete.emplace(db, "DELETE FROM elements WHERE id=?1");

    siteLookup.emplace(db, "SELECT rowid, h FROM sites WHERE id=?1");
    siteInsert.emplace(db,
                       "INSERT INTO sites(id, name, region, latitude, longitude, address, last_update, h) "
                       "VALUES (?1,?2,?3,?4,?5,?6,?7,?8)");
    siteUpdate.emplace(db, "UPDATE sites SET name=?2, region=?3, latitude=?4, longitude=?5, address=?6, "
                           "last_update=?7, h=?8 WHERE id=?1");
    siteDelete.emplace(db, "DELETE FROM sites WHERE id=?1");

    linkLookup.emplace(db, "SELECT rowid, h FROM links WHERE id=?1");
    linkInsert.emplace(
        db, "INSERT INTO links(id, name, a_end_id, a_port, z_end_id, z_port, capacity_bps, utilization, "
            "oper_state, last_update, h) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)");
    linkUpdate.emplace(db,
                       "UPDATE links SET name=?2, a_end_id=?3, a_port=?4, z_end_id=?5, z_port=?6, "
                       "capacity_bps=?7, utilization=?8, oper_state=?9, last_update=?10, h=?11 WHERE id=?1");
    linkDelete.emplace(db, "DELETE FROM links WHERE id=?1");

    sqliteExec(db, "CREATE TEMP TABLE IF NOT EXISTS keep_ids(id TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID");
    keepClear.emplace(db, "DELETE FROM temp.keep_ids");
    keepInsert.emplace(db, "INSERT OR IGNORE INTO temp.keep_ids(id) VALUES (?1)");
    for (int k = 0; k < kKinds; ++k) {
        const auto kind = EntityKind(k);
        const bool hasPending = kind == EntityKind::Alarm || kind == EntityKind::Ticket;
        const QString sql =
            QStringLiteral("DELETE FROM %1 WHERE %2 id NOT IN (SELECT id FROM temp.keep_ids) "
                           "RETURNING id%3")
                .arg(QLatin1String(tableOf(kind)), hasPending ? QStringLiteral("pending = 0 AND") : QString(),
                     kind == EntityKind::Alarm
                         ? QStringLiteral(", aid, probable_cause, specific_problem, object_id, "
                                          "active, severity, ack")
                         : QString());
        replaceDelete[k].emplace(db, sql);
    }

    outboxInsert.emplace(
        db, "INSERT INTO outbox(uuid, seq, kind, target_kind, target_id, payload, base_version, "
            "created_ms, attempts, last_error, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
            "ON CONFLICT(uuid) DO NOTHING");
    outboxMaxSeq.emplace(db, "SELECT coalesce(max(seq), 0) FROM outbox");
    outboxUpdate.emplace(db, "UPDATE outbox SET state=?2, attempts=?3, last_error=?4 WHERE uuid=?1");
    outboxDelete.emplace(db, "DELETE FROM outbox WHERE uuid=?1");
    conflictInsert.emplace(
        db, "INSERT INTO conflicts(outbox_uuid, kind, target_kind, target_id, user_intent, "
            "server_state, message, created_ms) VALUES ((SELECT uuid FROM outbox WHERE uuid=?1), "
            "?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    conflictDelete.emplace(db, "DELETE FROM conflicts WHERE id=?1");
    // A position for an element the cache does not know is skipped instead of failing the batch.
    mapPositionUpsert.emplace(db,
                              "INSERT INTO map_positions(map_id, element_id, x, y, pinned) "
                              "SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM elements WHERE id=?2) "
                              "ON CONFLICT(map_id, element_id) DO UPDATE SET x=excluded.x, y=excluded.y, "
                              "pinned=excluded.pinned");
    syncStateUpsert.emplace(db,
                            "INSERT OR REPLACE INTO sync_state(collection, high_water_ms, last_full_sync_ms, "
                            "last_success_ms, stream_seq) VALUES (?1,?2,?3,?4,?5)");
    metadataUpsert.emplace(db, "INSERT OR REPLACE INTO metadata(key, value) VALUES (?1, ?2)");
    metadataDelete.emplace(db, "DELETE FROM metadata WHERE key=?1");
}

void CacheWriter::Impl::finalizeAll() {
    for (auto *s : {&alarmLookup,          &alarmInsert,       &alarmDelete,         &alarmPending,
                    &ticketLookup,         &ticketInsert,      &ticketUpdate,        &ticketDelete,
                    &ticketPending,        &ticketNotesDelete, &ticketHistoryDelete, &ticketPartiesDelete,
                    &ticketEntitiesDelete, &ticketNoteInsert,  &ticketHistoryInsert, &ticketPartyInsert,
                    &ticketEntityInsert,   &elementLookup,     &elementInsert,       &elementUpdate,
                    &elementDelete,        &siteLookup,        &siteInsert,          &siteUpdate,
                    &siteDelete,           &linkLookup,        &linkInsert,          &linkUpdate,
                    &linkDelete,           &keepClear,         &keepInsert,          &outboxInsert,
                    &outboxUpdate,         &outboxDelete,      &conflictInsert,      &conflictDelete,
                    &mapPositionUpsert,    &syncStateUpsert,   &metadataUpsert,      &metadataDelete,
                    &ftsAlarmDelete,       &ftsAlarmAdd,       &countUpdate,         &correlationDelete,
                    &correlationInsert,    &outboxMaxSeq})
        s->reset();
    for (auto &s : replaceDelete)
        s.reset();
    for (auto &s : alarmUpdate)
        s.reset();
}

bool CacheWriter::Impl::upsertAlarm(const Alarm &a, const bool *pending, ChangeRecorder &rec) {
    using namespace rowcodec;
    const qint64 hash = contentHash(a);
    const QByteArray parents = idsToJson(a.parentAlarmIds);
    const QByteArray correlated = idsToJson(a.correlatedAlarmIds);
    const int active = a.state != AlarmState::Cleared ? 1 : 0;
    const int severity = severityCode(a.perceivedSeverity);
    const int ack = ackCode(a.ackState);
    qint64 aid = 0;
    int variant = 0;
    bool correlationChanged = !parents.isEmpty() || !correlated.isEmpty();
    {
        const auto &l = *alarmLookup;
        StatementResetter r(*alarmLookup);
        alarmLookup->bind(1, a.id);
        if (alarmLookup->step()) {
            if (l.columnInt64(1) == hash)
                return false; // identical: no write, no report
            aid = l.columnInt64(0);
            const bool sameCause = l.columnEquals(2, a.probableCause);
            const bool sameObject = l.columnEquals(4, a.alarmedObjectId);
            if (!sameCause || !sameObject || !l.columnEquals(3, a.specificProblem))
                touchFts(aid, true, l, 2);
            if (!sameCause || !sameObject)
                variant |= kObjectKeyChanges;
            const int oldActive = l.columnInt(5), oldSeverity = l.columnInt(6);
            if (oldActive != active || oldSeverity != severity || l.columnInt64(10) != a.alarmChangedTime)
                variant |= kListKeyChanges;
            countAlarm(oldActive, oldSeverity, l.columnInt(7), -1);
            correlationChanged = !l.columnEquals(8, parents) || !l.columnEquals(9, correlated);
            if (pending)
                variant |= kPendingChanges;
        }
    }
    countAlarm(active, severity, ack, +1);
    SqliteStatement &s = aid ? *alarmUpdate[variant] : *alarmInsert;
    StatementResetter r(s);
    s.bind(1, a.id);
    s.bind(2, a.externalAlarmId);
    s.bind(3, alarmStateCode(a.state));
    s.bind(4, severity);
    s.bind(5, active);
    s.bind(6, a.alarmType);
    s.bind(7, a.probableCause);
    s.bind(8, a.specificProblem);
    s.bind(9, a.alarmedObjectType);
    s.bind(10, a.alarmedObjectId);
    s.bind(11, a.sourceSystemId);
    s.bind(12, a.alarmRaisedTime);
    s.bind(13, a.alarmReportingTime);
    s.bind(14, a.alarmChangedTime);
    s.bind(15, a.alarmClearedTime);
    s.bind(16, ack);
    s.bind(17, a.ackUserId);
    s.bind(18, a.ackSystemId);
    s.bind(19, a.clearUserId);
    s.bind(20, a.clearSystemId);
    s.bind(21, a.isRootCause);
    s.bind(22, a.serviceAffecting);
    s.bindText(23, parents);
    s.bindText(24, correlated);
    s.bindText(25, commentsToJson(a.comments));
    s.bind(26, hash);
    if (aid)
        s.bind(27, aid);
    if (variant & kPendingChanges)
        s.bind(28, *pending);
    s.exec();
    if (!aid) {
        const qint64 newAid = sqlite3_last_insert_rowid(db);
        if (!ftsAlarms.contains(newAid))
            ftsAlarms.insert(newAid, FtsTouch{});
    }
    if (correlationChanged)
        writeCorrelation(a.id, a);
    rec.note(a.id, aid ? ChangeRecorder::Op::Updated : ChangeRecorder::Op::Inserted);
    return (variant & kPendingChanges) != 0;
}

void CacheWriter::Impl::writeCorrelation(const QString &id, const Alarm &a) {
    {
        StatementResetter r(*correlationDelete);
        correlationDelete->bind(1, id);
        correlationDelete->exec();
    }
    const auto insert = [&](const QStringList &related, int kind) {
        for (const auto &other : related) {
            StatementResetter r(*correlationInsert);
            correlationInsert->bind(1, id);
            correlationInsert->bind(2, kind);
            correlationInsert->bind(3, other);
            correlationInsert->exec();
        }
    };
    insert(a.parentAlarmIds, 0);
    insert(a.correlatedAlarmIds, 1);
}

void CacheWriter::Impl::flushCounts() {
    for (int active = 0; active < 2; ++active)
        for (int severity = 0; severity < 6; ++severity)
            for (int ack = 0; ack < 2; ++ack) {
                qint64 &delta = countDelta[active][severity][ack];
                if (delta == 0)
                    continue;
                StatementResetter r(*countUpdate);
                countUpdate->bind(1, active);
                countUpdate->bind(2, severity);
                countUpdate->bind(3, ack);
                countUpdate->bind(4, delta);
                countUpdate->exec();
                delta = 0;
            }
}

void CacheWriter::Impl::writeTicketChildren(const TroubleTicket &t) {
    using namespace rowcodec;
    for (int i = 0; i < t.notes.size(); ++i) {
        const auto &n = t.notes[i];
        auto &s = *ticketNoteInsert;
        s.bind(1, t.id);
        s.bind(2, i);
        s.bind(3, n.id);
        s.bind(4, n.author);
        s.bind(5, n.date);
        s.bind(6, n.text);
        s.exec();
    }
    for (int i = 0; i < t.statusChanges.size(); ++i) {
        const auto &c = t.statusChanges[i];
        auto &s = *ticketHistoryInsert;
        s.bind(1, t.id);
        s.bind(2, i);
        s.bind(3, c.changeDate);
        s.bind(4, c.changeReason);
        s.bind(5, ticketStatusCode(c.status));
        s.exec();
    }
    for (int i = 0; i < t.relatedParties.size(); ++i) {
        const auto &p = t.relatedParties[i];
        auto &s = *ticketPartyInsert;
        s.bind(1, t.id);
        s.bind(2, i);
        s.bind(3, p.id);
        s.bind(4, p.name);
        s.bind(5, p.role);
        s.bind(6, p.referredType);
        s.exec();
    }
    for (int i = 0; i < t.relatedEntities.size(); ++i) {
        const auto &e = t.relatedEntities[i];
        auto &s = *ticketEntityInsert;
        s.bind(1, t.id);
        s.bind(2, i);
        s.bind(3, e.id);
        s.bind(4, e.name);
        s.bind(5, e.role);
        s.bind(6, e.referredType);
        s.exec();
    }
}

void CacheWriter::Impl::upsertTicket(const TroubleTicket &t, ChangeRecorder &rec) {
    using namespace rowcodec;
    const qint64 hash = contentHash(t);
    bool exists = false;
    {
        StatementResetter r(*ticketLookup);
        ticketLookup->bind(1, t.id);
        if (ticketLookup->step()) {
            if (ticketLookup->columnInt64(1) == hash)
                return;
            exists = true;
        }
    }
    SqliteStatement &s = exists ? *ticketUpdate : *ticketInsert;
    {
        StatementResetter r(s);
        s.bind(1, t.id);
        s.bind(2, t.name);
        s.bind(3, t.description);
        s.bind(4, t.severity);
        s.bind(5, t.priority);
        s.bind(6, t.ticketType);
        s.bind(7, ticketStatusCode(t.status));
        s.bind(8, t.statusChangeReason);
        s.bind(9, t.creationDate);
        s.bind(10, t.lastUpdate);
        s.bind(11, t.expectedResolutionDate);
        s.bind(12, t.resolutionDate);
        s.bind(13, hash);
        s.exec();
    }
    if (exists) {
        for (auto *d :
             {&ticketNotesDelete, &ticketHistoryDelete, &ticketPartiesDelete, &ticketEntitiesDelete}) {
            StatementResetter r(**d);
            (*d)->bind(1, t.id);
            (*d)->exec();
        }
    }
    writeTicketChildren(t);
    rec.note(t.id, exists ? ChangeRecorder::Op::Updated : ChangeRecorder::Op::Inserted);
}

void CacheWriter::Impl::upsertElement(const NetworkElement &e, ChangeRecorder &rec) {
    using namespace rowcodec;
    const qint64 hash = contentHash(e);
    bool exists = false;
    {
        StatementResetter r(*elementLookup);
        elementLookup->bind(1, e.id);
        if (elementLookup->step()) {
            if (elementLookup->columnInt64(1) == hash)
                return;
            exists = true;
        }
    }
    SqliteStatement &s = exists ? *elementUpdate : *elementInsert;
    StatementResetter r(s);
    s.bind(1, e.id);
    s.bind(2, e.name);
    s.bind(3, categoryCode(e.category));
    s.bind(4, e.vendor);
    s.bind(5, e.model);
    s.bind(6, e.mgmtIp);
    s.bind(7, layerCode(e.layer));
    s.bind(8, e.siteId);
    s.bind(9, e.operationalState);
    s.bind(10, e.administrativeState);
    s.bindText(11, mapToJson(e.otherCharacteristics));
    s.bind(12, e.lastUpdate);
    s.bind(13, hash);
    s.exec();
    rec.note(e.id, exists ? ChangeRecorder::Op::Updated : ChangeRecorder::Op::Inserted);
}

void CacheWriter::Impl::upsertSite(const Site &site, ChangeRecorder &rec) {
    const qint64 hash = rowcodec::contentHash(site);
    bool exists = false;
    {
        StatementResetter r(*siteLookup);
        siteLookup->bind(1, site.id);
        if (siteLookup->step()) {
            if (siteLookup->columnInt64(1) == hash)
                return;
            exists = true;
        }
    }
    SqliteStatement &s = exists ? *siteUpdate : *siteInsert;
    StatementResetter r(s);
    s.bind(1, site.id);
    s.bind(2, site.name);
    s.bind(3, site.region);
    s.bind(4, site.latitude);
    s.bind(5, site.longitude);
    s.bind(6, site.address);
    s.bind(7, site.lastUpdate);
    s.bind(8, hash);
    s.exec();
    rec.note(site.id, exists ? ChangeRecorder::Op::Updated : ChangeRecorder::Op::Inserted);
}

void CacheWriter::Impl::upsertLink(const Link &link, ChangeRecorder &rec) {
    const qint64 hash = rowcodec::contentHash(link);
    bool exists = false;
    {
        StatementResetter r(*linkLookup);
        linkLookup->bind(1, link.id);
        if (linkLookup->step()) {
            if (linkLookup->columnInt64(1) == hash)
                return;
            exists = true;
        }
    }
    SqliteStatement &s = exists ? *linkUpdate : *linkInsert;
    StatementResetter r(s);
    s.bind(1, link.id);
    s.bind(2, link.name);
    s.bind(3, link.aEndId);
    s.bind(4, link.aPort);
    s.bind(5, link.zEndId);
    s.bind(6, link.zPort);
    s.bind(7, link.capacityBps);
    s.bind(8, link.utilization);
    s.bind(9, link.operationalState);
    s.bind(10, link.lastUpdate);
    s.bind(11, hash);
    s.exec();
    rec.note(link.id, exists ? ChangeRecorder::Op::Updated : ChangeRecorder::Op::Inserted);
}

void CacheWriter::Impl::touchFts(qint64 aid, bool hadOriginal, const SqliteStatement &row,
                                 int firstTextColumn) {
    if (ftsAlarms.contains(aid))
        return; // the first touch in this batch knows what the index holds
    FtsTouch touch;
    touch.hadOriginal = hadOriginal;
    if (hadOriginal) {
        touch.probableCause = row.columnText(firstTextColumn);
        touch.specificProblem = row.columnText(firstTextColumn + 1);
        touch.objectId = row.columnText(firstTextColumn + 2);
    }
    ftsAlarms.insert(aid, touch);
}

void CacheWriter::Impl::flushFts() {
    if (ftsAlarms.isEmpty())
        return;
    QByteArray deletes = "[";
    QByteArray adds = "[";
    const auto text = [](const QString &v) {
        // JSON string literal, escaped in UTF-16 (surrogate pairs stay intact) and converted once.
        QString out;
        out.reserve(v.size() + 2);
        out += QLatin1Char('"');
        for (const QChar c : v) {
            const char16_t u = c.unicode();
            if (u == u'"' || u == u'\\') {
                out += QLatin1Char('\\');
                out += c;
            } else if (u < 0x20) {
                out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
            } else {
                out += c;
            }
        }
        out += QLatin1Char('"');
        return out.toUtf8();
    };
    for (auto it = ftsAlarms.cbegin(); it != ftsAlarms.cend(); ++it) {
        if (it.value().hadOriginal) {
            if (deletes.size() > 1)
                deletes += ',';
            deletes += '[' + QByteArray::number(it.key()) + ',' + text(it.value().probableCause) + ',' +
                       text(it.value().specificProblem) + ',' + text(it.value().objectId) + ']';
        }
        if (adds.size() > 1)
            adds += ',';
        adds += QByteArray::number(it.key());
    }
    deletes += ']';
    adds += ']';
    ftsAlarms.clear();
    if (deletes.size() > 2) {
        StatementResetter r(*ftsAlarmDelete);
        ftsAlarmDelete->bindText(1, deletes);
        ftsAlarmDelete->exec();
    }
    StatementResetter r(*ftsAlarmAdd);
    ftsAlarmAdd->bindText(1, adds);
    ftsAlarmAdd->exec();
}

void CacheWriter::Impl::removeIds(SqliteStatement &s, const QStringList &ids, ChangeRecorder &rec) {
    const bool alarms = &s == &*alarmDelete;
    for (const auto &id : ids) {
        StatementResetter r(s);
        s.bind(1, id);
        bool removed = false;
        if (alarms) {
            while (s.step()) {
                touchFts(s.columnInt64(0), true, s, 1);
                countAlarm(s.columnInt(4), s.columnInt(5), s.columnInt(6), -1);
                removed = true;
            }
        } else {
            s.exec();
            removed = sqlite3_changes(db) > 0;
        }
        if (removed)
            rec.note(id, ChangeRecorder::Op::Removed);
    }
}

void CacheWriter::Impl::replaceAll(const ReplaceAll &replace, ChangeRecorder &rec) {
    keepClear->exec();
    for (const auto &id : replace.keepIds) {
        StatementResetter r(*keepInsert);
        keepInsert->bind(1, id);
        keepInsert->exec();
    }
    auto &s = *replaceDelete[kindIndex(replace.kind)];
    StatementResetter r(s);
    QStringList removed;
    while (s.step()) {
        removed.append(s.columnText(0));
        if (replace.kind == EntityKind::Alarm) {
            touchFts(s.columnInt64(1), true, s, 2);
            countAlarm(s.columnInt(5), s.columnInt(6), s.columnInt(7), -1);
        }
    }
    for (const auto &id : std::as_const(removed))
        rec.note(id, ChangeRecorder::Op::Removed);
    keepClear->exec();
}

void CacheWriter::Impl::setPending(SqliteStatement &s, const QHash<QString, bool> &marks, ChangeRecorder &rec,
                                   const QSet<QString> &done) {
    for (auto it = marks.cbegin(); it != marks.cend(); ++it) {
        if (done.contains(it.key()))
            continue;
        StatementResetter r(s);
        s.bind(1, it.key());
        s.bind(2, it.value());
        s.exec();
        if (sqlite3_changes(db) > 0)
            rec.note(it.key(), ChangeRecorder::Op::Updated);
    }
}

void CacheWriter::Impl::applyBatch(const CacheBatch &b, ChangeSet &changes) {
    ChangeRecorder rec[kKinds];
    auto &sites = rec[kindIndex(EntityKind::Site)];
    auto &elements = rec[kindIndex(EntityKind::Element)];
    auto &links = rec[kindIndex(EntityKind::Link)];
    auto &alarms = rec[kindIndex(EntityKind::Alarm)];
    auto &tickets = rec[kindIndex(EntityKind::Ticket)];

    for (const auto &x : b.sites)
        upsertSite(x, sites);
    for (const auto &x : b.elements)
        upsertElement(x, elements);
    for (const auto &x : b.links)
        upsertLink(x, links);
    // The pending marks are written last (after removals and replace-all, which keep pending rows):
    // an upsert may write its alarm's mark itself only when no replace-all could see it early.
    const bool markInUpsert = !b.pendingAlarmIds.isEmpty() &&
                              std::none_of(b.replaceAll.cbegin(), b.replaceAll.cend(),
                                           [](const ReplaceAll &r) { return r.kind == EntityKind::Alarm; });
    QSet<QString> pendingDone;
    for (const auto &x : b.alarms) {
        const auto mark = markInUpsert ? b.pendingAlarmIds.constFind(x.id) : b.pendingAlarmIds.cend();
        const bool *pending = mark != b.pendingAlarmIds.cend() ? &mark.value() : nullptr;
        if (upsertAlarm(x, pending, alarms))
            pendingDone.insert(x.id);
    }
    for (const auto &x : b.tickets)
        upsertTicket(x, tickets);

    removeIds(*siteDelete, b.removedSiteIds, sites);
    removeIds(*elementDelete, b.removedElementIds, elements);
    removeIds(*linkDelete, b.removedLinkIds, links);
    removeIds(*alarmDelete, b.removedAlarmIds, alarms);
    removeIds(*ticketDelete, b.removedTicketIds, tickets);

    for (const auto &r : b.replaceAll)
        replaceAll(r, rec[kindIndex(r.kind)]);
    flushFts();
    flushCounts();

    if (!b.outboxInserts.isEmpty()) {
        StatementResetter r(*outboxMaxSeq);
        nextOutboxSeq = outboxMaxSeq->step() ? outboxMaxSeq->columnInt64(0) + 1 : 1;
    }
    for (const auto &e : b.outboxInserts) {
        auto &s = *outboxInsert;
        StatementResetter r(s);
        s.bind(1, e.uuid);
        // seq 0 = after everything queued (the max + 1 at this insert, as the statement did per row)
        const qint64 seq = e.seq > 0 ? e.seq : nextOutboxSeq;
        s.bind(2, seq);
        s.bind(3, e.kind);
        s.bind(4, e.targetKind);
        s.bind(5, e.targetId);
        // payload is NOT NULL: an empty body is stored as "{}"
        s.bindText(6, e.payload.isEmpty() ? QByteArrayLiteral("{}") : e.payload);
        s.bind(7, e.baseVersion);
        s.bind(8, e.createdMs);
        s.bind(9, e.attempts);
        s.bind(10, e.lastError);
        s.bind(11, toString(e.state));
        s.exec();
        if (sqlite3_changes(db) > 0)
            nextOutboxSeq = std::max(nextOutboxSeq, seq + 1); // an entry already there takes no seq
        changes.outboxChanged = true;
    }
    for (const auto &u : b.outboxUpdates) {
        auto &s = *outboxUpdate;
        StatementResetter r(s);
        s.bind(1, u.uuid);
        s.bind(2, toString(u.state));
        s.bind(3, u.attempts);
        s.bind(4, u.lastError);
        s.exec();
        changes.outboxChanged = true;
    }
    for (const auto &uuid : b.outboxRemovals) {
        StatementResetter r(*outboxDelete);
        outboxDelete->bind(1, uuid);
        outboxDelete->exec();
        changes.outboxChanged = true;
    }
    for (const auto &c : b.conflictInserts) {
        auto &s = *conflictInsert;
        StatementResetter r(s);
        s.bind(1, c.outboxUuid);
        s.bind(2, c.kind);
        s.bind(3, c.targetKind);
        s.bind(4, c.targetId);
        s.bindText(5, c.userIntent);
        s.bindText(6, c.serverState);
        s.bind(7, c.message);
        s.bind(8, c.createdMs);
        s.exec();
        changes.conflictsChanged = true;
    }
    for (const qint64 id : b.conflictRemovals) {
        StatementResetter r(*conflictDelete);
        conflictDelete->bind(1, id);
        conflictDelete->exec();
        changes.conflictsChanged = true;
    }

    setPending(*alarmPending, b.pendingAlarmIds, alarms, pendingDone);
    setPending(*ticketPending, b.pendingTicketIds, tickets);

    for (const auto &p : b.mapPositions) {
        auto &s = *mapPositionUpsert;
        StatementResetter r(s);
        s.bind(1, p.mapViewId);
        s.bind(2, p.elementId);
        s.bind(3, p.x);
        s.bind(4, p.y);
        s.bind(5, p.pinned);
        s.exec();
        if (sqlite3_changes(db) > 0)
            changes.mapPositionsChanged = true;
        else
            logger()->warn("map position for unknown element {} on map {} skipped", p.elementId.toStdString(),
                           p.mapViewId.toStdString());
    }
    for (const auto &st : b.syncStates) {
        auto &s = *syncStateUpsert;
        StatementResetter r(s);
        s.bind(1, st.collection);
        s.bind(2, st.highWaterMs);
        s.bind(3, st.lastFullSyncMs);
        s.bind(4, st.lastSuccessMs);
        s.bind(5, st.streamSeq);
        s.exec();
        changes.syncStateChanged = true;
    }
    for (auto it = b.metadata.cbegin(); it != b.metadata.cend(); ++it) {
        if (it.value().isNull()) {
            StatementResetter r(*metadataDelete);
            metadataDelete->bind(1, it.key());
            metadataDelete->exec();
        } else {
            StatementResetter r(*metadataUpsert);
            metadataUpsert->bind(1, it.key());
            // bind() stores "" as NULL; metadata keeps the difference between "" and absent
            if (it.value().isEmpty())
                sqlite3_bind_text(metadataUpsert->handle(), 2, "", 0, SQLITE_STATIC);
            else
                metadataUpsert->bindText(2, it.value().toUtf8());
            metadataUpsert->exec();
        }
        changes.metadataChanged = true;
    }

    for (int k = 0; k < kKinds; ++k) {
        if (rec[k].isEmpty())
            continue;
        KindChanges part;
        rec[k].writeTo(part);
        changes.of(EntityKind(k)).merge(part);
    }
}

CacheWriter::CacheWriter()
    : d(std::make_unique<Impl>()) {}

CacheWriter::~CacheWriter() {
    close();
}

bool CacheWriter::open(const QString &path) {
    close();
    d->path = path;
    d->damaged = false;
    d->error = {};
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &d->db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        d->error =
            CacheError::fromSqlite(d->db ? sqlite3_extended_errcode(d->db) : rc, path, QStringLiteral("open"),
                                   QString::fromUtf8(d->db ? sqlite3_errmsg(d->db) : sqlite3_errstr(rc)));
        close();
        return false;
    }
    try {
        CacheSchema::configureConnection(d->db, true);
        // 256 MB of page cache for the writer only (readers keep 32 MB): at a million alarms the
        // interior and hot leaf pages of the list, object and id indexes no longer fit in 64 MB, and
        // perf of a full-size storm showed a fifth of the writer thread in pread() of evicted pages.
        // The cache fills only as pages are touched, so a small cache file costs no more than before.
        sqliteExec(d->db, "PRAGMA cache_size=-262144");
        CacheSchema::migrate(d->db);
        // Until close() says otherwise, the next start treats this session as unclean and checks the file.
        sqliteExec(d->db, "INSERT OR REPLACE INTO metadata(key, value) VALUES ('writer_clean_close', '0')");
        d->prepare();
    } catch (const SqliteError &e) {
        d->fail(e, QStringLiteral("open"));
        close();
        return false;
    }
    return true;
}

void CacheWriter::close() {
    if (!d->db)
        return;
    if (d->inTransaction)
        rollback();
    d->finalizeAll();
    // A file found damaged keeps the '0' written at open(): the next start then runs the check and
    // salvages the outbox (CacheDatabase::open) instead of trusting the file again.
    // (written again here: open() may have failed on the damage before writing it)
    sqlite3_exec(d->db,
                 d->damaged
                     ? "INSERT OR REPLACE INTO metadata(key, value) VALUES ('writer_clean_close', '0')"
                     : "INSERT OR REPLACE INTO metadata(key, value) VALUES ('writer_clean_close', '1')",
                 nullptr, nullptr, nullptr);
    sqlite3_close_v2(d->db);
    d->db = nullptr;
}

bool CacheWriter::isOpen() const {
    return d->db != nullptr;
}

QString CacheWriter::path() const {
    return d->path;
}

const CacheError &CacheWriter::lastError() const {
    return d->error;
}

bool CacheWriter::inTransaction() const {
    return d->inTransaction;
}

bool CacheWriter::begin() {
    d->error = {};
    if (!d->db) {
        d->error = CacheError::fromSqlite(SQLITE_MISUSE, d->path, QStringLiteral("write to"),
                                          QStringLiteral("the cache is not open"));
        return false;
    }
    if (d->inTransaction)
        return true;
    try {
        // IMMEDIATE takes the write lock now, so a second writer fails here, not halfway through.
        sqliteExec(d->db, "BEGIN IMMEDIATE");
        d->inTransaction = true;
        return true;
    } catch (const SqliteError &e) {
        d->fail(e, QStringLiteral("write to"));
        return false;
    }
}

bool CacheWriter::applyInTransaction(const CacheBatch &batch, ChangeSet *changes) {
    if (!d->inTransaction && !begin())
        return false;
    ChangeSet local;
    try {
        d->applyBatch(batch, local);
    } catch (const SqliteError &e) {
        d->fail(e, QStringLiteral("write to"));
        rollback();
        return false;
    }
    if (changes)
        changes->merge(local);
    return true;
}

bool CacheWriter::commit() {
    if (!d->inTransaction)
        return true;
    try {
        sqliteExec(d->db, "COMMIT");
        d->inTransaction = false;
        return true;
    } catch (const SqliteError &e) {
        d->fail(e, QStringLiteral("write to"));
        rollback();
        return false;
    }
}

void CacheWriter::rollback() {
    if (!d->db)
        return;
    // After some errors (SQLITE_FULL, IOERR) SQLite has already rolled back; ROLLBACK then fails
    // harmlessly with "no transaction is active".
    if (!sqlite3_get_autocommit(d->db))
        sqlite3_exec(d->db, "ROLLBACK", nullptr, nullptr, nullptr);
    d->inTransaction = false;
    d->ftsAlarms.clear();
    std::fill(&d->countDelta[0][0][0], &d->countDelta[0][0][0] + 24, 0);
}

ChangeSet CacheWriter::apply(const CacheBatch &batch) {
    return apply(QList<CacheBatch>{batch});
}

ChangeSet CacheWriter::apply(const QList<CacheBatch> &batches) {
    ChangeSet changes;
    if (!begin())
        return {};
    for (const auto &batch : batches) {
        if (!applyInTransaction(batch, &changes))
            return {};
    }
    if (!commit())
        return {};
    return changes;
}

bool CacheWriter::setPageLimit(qint64 maxPages) {
    if (!d->db)
        return false;
    try {
        // max_page_count cannot go below the current size; 0 means "the compile-time maximum".
        const qint64 pages = maxPages > 0 ? maxPages : qint64(4294967294LL);
        sqliteExec(d->db, QStringLiteral("PRAGMA max_page_count=%1").arg(pages));
        return true;
    } catch (const SqliteError &e) {
        d->fail(e, QStringLiteral("configure"));
        return false;
    }
}

bool CacheWriter::checkpoint() {
    if (!d->db)
        return false;
    return sqlite3_wal_checkpoint_v2(d->db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr) ==
           SQLITE_OK;
}

} // namespace noc
