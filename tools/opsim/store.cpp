#include "store.h"

#include "json_text.h"

#include <cstring>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>
#include <QStringList>

#include <atomic>

#include <sqlite3.h>

namespace noc::opsim {

namespace {

QStringList alarmTop() {
    return {"id",
            "href",
            "ackState",
            "ackSystemId",
            "ackUserId",
            "alarmChangedTime",
            "alarmClearedTime",
            "alarmDetails",
            "alarmEscalation",
            "alarmRaisedTime",
            "alarmReportingTime",
            "alarmType",
            "alarmedObjectType",
            "clearSystemId",
            "clearUserId",
            "externalAlarmId",
            "isRootCause",
            "perceivedSeverity",
            "plannedOutageIndicator",
            "probableCause",
            "proposedRepairedActions",
            "reportingSystemId",
            "serviceAffecting",
            "sourceSystemId",
            "specificProblem",
            "state",
            "affectedService",
            "alarmedObject",
            "comment",
            "correlatedAlarm",
            "crossedThresholdInformation",
            "parentAlarm",
            "place",
            "@baseType",
            "@schemaLocation",
            "@type"};
}

QStringList ticketTop() {
    return {"id",
            "href",
            "creationDate",
            "description",
            "expectedResolutionDate",
            "externalId",
            "lastUpdate",
            "name",
            "priority",
            "requestedResolutionDate",
            "resolutionDate",
            "severity",
            "statusChangeDate",
            "statusChangeReason",
            "ticketType",
            "attachment",
            "channel",
            "note",
            "relatedEntity",
            "relatedParty",
            "status",
            "statusChange",
            "troubleTicketRelationship",
            "@baseType",
            "@schemaLocation",
            "@type"};
}

QStringList resourceTop() {
    return {"id",
            "href",
            "category",
            "description",
            "endOperatingDate",
            "manufactureDate",
            "name",
            "powerState",
            "resourceVersion",
            "serialNumber",
            "startOperatingDate",
            "versionNumber",
            "value",
            "activationFeature",
            "administrativeState",
            "attachment",
            "note",
            "operationalState",
            "place",
            "relatedParty",
            "resourceCharacteristic",
            "resourceRelationship",
            "resourceSpecification",
            "resourceStatus",
            "usageState",
            "lastUpdate",
            "@baseType",
            "@schemaLocation",
            "@type"};
}

const KindSpec kSpecs[kKindCount] = {
    {Kind::Resource,
     "resources",
     "",
     {
         {"@type", "rtype", ColType::Text, false},
         {"category", "category", ColType::Text, true},
         {"name", "name", ColType::Text, false},
         {"operationalState", "opState", ColType::Text, false},
         {"place.id", "placeId", ColType::Text, false},
         {"lastUpdate", "lastUpdate", ColType::Time, true},
     },
     resourceTop(),
     {"activationFeature", "attachment", "note", "relatedParty", "resourceCharacteristic",
      "resourceRelationship"}},
    {Kind::Alarm,
     "alarms",
     "ALM-",
     {
         {"state", "state", ColType::Text, true},
         {"perceivedSeverity", "severity", ColType::Text, false},
         {"ackState", "ackState", ColType::Text, false},
         {"alarmType", "alarmType", ColType::Text, false},
         {"probableCause", "probableCause", ColType::Text, false},
         {"alarmedObject.id", "objectId", ColType::Text, true},
         {"alarmChangedTime", "changedTime", ColType::Time, true},
         {"alarmRaisedTime", "raisedTime", ColType::Time, false},
         {"isRootCause", "isRootCause", ColType::Bool, false},
         {"serviceAffecting", "serviceAffecting", ColType::Bool, false},
     },
     alarmTop(),
     {"affectedService", "comment", "correlatedAlarm", "parentAlarm", "place"}},
    {Kind::Ticket,
     "tickets",
     "TT-",
     {
         {"status", "status", ColType::Text, true},
         {"priority", "priority", ColType::Text, false},
         {"severity", "severity", ColType::Text, false},
         {"ticketType", "ticketType", ColType::Text, false},
         {"creationDate", "creationDate", ColType::Time, false},
         {"lastUpdate", "lastUpdate", ColType::Time, true},
         {"expectedResolutionDate", "dueDate", ColType::Time, false},
     },
     ticketTop(),
     {"attachment", "note", "relatedEntity", "relatedParty", "statusChange", "troubleTicketRelationship"}},
};

std::atomic<int> s_connectionCounter{0};

sqlite3_stmt *prepareRaw(sqlite3 *db, const QString &sql, QString *error) {
    sqlite3_stmt *stmt = nullptr;
    const QByteArray text = sql.toUtf8();
    if (sqlite3_prepare_v3(db, text.constData(), int(text.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                           nullptr) != SQLITE_OK) {
        if (error)
            *error = QString::fromUtf8(sqlite3_errmsg(db)) + QStringLiteral(" in ") + sql;
        sqlite3_finalize(stmt);
        return nullptr;
    }
    return stmt;
}

// Binds as the QSQLITE driver would (null, integer, real or text), the text as UTF-8.
void bindVariant(sqlite3_stmt *stmt, int index, const QVariant &value) {
    if (value.isNull()) {
        sqlite3_bind_null(stmt, index);
        return;
    }
    switch (value.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        sqlite3_bind_int64(stmt, index, value.toLongLong());
        return;
    case QMetaType::Double:
        sqlite3_bind_double(stmt, index, value.toDouble());
        return;
    default: {
        const QByteArray text = value.toString().toUtf8();
        sqlite3_bind_text(stmt, index, text.constData(), int(text.size()), SQLITE_TRANSIENT);
        return;
    }
    }
}

void bindText(sqlite3_stmt *stmt, int index, QByteArrayView utf8) {
    // The caller keeps the bytes alive until the statement is reset (every use below).
    sqlite3_bind_text(stmt, index, utf8.data() ? utf8.data() : "", int(utf8.size()), SQLITE_STATIC);
}

// Resets a statement after use and drops its bindings (SQLITE_STATIC ones point into the caller's data).
struct StatementReset {
    sqlite3_stmt *stmt;
    ~StatementReset() {
        sqlite3_reset(stmt);
        sqlite3_clear_bindings(stmt);
    }
};

QVariant columnValue(const QJsonObject &json, const ColumnSpec &c) {
    // Most columns are top-level attributes: no path splitting (this runs for every stored record).
    const QJsonValue v = std::strchr(c.attr, '.') ? jsonPath(json, QString::fromLatin1(c.attr))
                                                  : json.value(QLatin1String(c.attr));
    if (v.isUndefined() || v.isNull())
        return QVariant(QMetaType::fromType<QString>());
    if (c.type == ColType::Bool)
        return v.toBool() ? 1 : 0;
    if (v.isString())
        return v.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact));
}

} // namespace

const KindSpec &kindSpec(Kind kind) {
    return kSpecs[int(kind)];
}

QJsonValue jsonPath(const QJsonObject &obj, const QString &path) {
    QJsonValue cur = obj;
    for (const QString &seg : path.split(QLatin1Char('.'))) {
        if (!cur.isObject())
            return QJsonValue(QJsonValue::Undefined);
        cur = cur.toObject().value(seg);
    }
    return cur;
}

Store::Store()
    : m_connection(QStringLiteral("opsim-%1").arg(s_connectionCounter.fetch_add(1))) {}

Store::~Store() {
    for (int i = 0; i < kKindCount; ++i) {
        delete m_get[i];
        sqlite3_finalize(m_put[i]);
        sqlite3_finalize(m_putRid[i]);
    }
    sqlite3_finalize(m_clearAlarm);
    sqlite3_finalize(m_openAlarm);
    sqlite3_finalize(m_setCleared);
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

bool Store::exec(const QString &sql, QString *error) {
    QSqlQuery q(m_db);
    if (!q.exec(sql)) {
        if (error)
            *error = q.lastError().text() + QStringLiteral(" in ") + sql;
        return false;
    }
    return true;
}

bool Store::open(const QString &path, QString *error) {
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(path.isEmpty() ? QStringLiteral(":memory:") : path);
    if (!m_db.open()) {
        if (error)
            *error = m_db.lastError().text();
        return false;
    }
    QStringList ddl = {
        QStringLiteral("PRAGMA synchronous=OFF"),
        QStringLiteral("PRAGMA cache_size=-200000"),
        QStringLiteral("PRAGMA temp_store=MEMORY"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v TEXT)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS idem(key TEXT PRIMARY KEY, status INTEGER, headers BLOB, "
                       "body BLOB, created INTEGER, replays INTEGER DEFAULT 0)"),
    };
    if (!path.isEmpty())
        ddl.prepend(QStringLiteral("PRAGMA journal_mode=WAL"));
    for (const KindSpec &spec : kSpecs) {
        QStringList cols = {QStringLiteral("rid INTEGER PRIMARY KEY"),
                            QStringLiteral("id TEXT NOT NULL UNIQUE")};
        for (const ColumnSpec &c : spec.columns)
            cols << QString::fromLatin1(c.column) +
                        (c.type == ColType::Bool ? QStringLiteral(" INTEGER") : QStringLiteral(" TEXT"));
        cols << QStringLiteral("version INTEGER") << QStringLiteral("json TEXT");
        ddl << QStringLiteral("CREATE TABLE IF NOT EXISTS %1(%2)")
                   .arg(QLatin1String(spec.table), cols.join(u','));
        for (const ColumnSpec &c : spec.columns) {
            if (c.indexed)
                ddl << QStringLiteral("CREATE INDEX IF NOT EXISTS %1_%2 ON %1(%2)")
                           .arg(QLatin1String(spec.table), QLatin1String(c.column));
        }
    }
    for (const QString &sql : ddl) {
        if (!exec(sql, error))
            return false;
    }
    const QVariant handle = m_db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        m_handle = *static_cast<sqlite3 *const *>(handle.constData());
    if (!m_handle) {
        if (error)
            *error = QStringLiteral("the QSQLITE driver gave no sqlite3 handle");
        return false;
    }
    for (const KindSpec &spec : kSpecs) {
        const int k = int(spec.kind);
        m_get[k] = new QSqlQuery(m_db);
        m_get[k]->prepare(
            QStringLiteral("SELECT json, version, rid FROM %1 WHERE id = ?").arg(QLatin1String(spec.table)));
        QStringList names = {QStringLiteral("id")}, marks = {QStringLiteral("?")}, sets;
        for (const ColumnSpec &c : spec.columns) {
            names << QLatin1String(c.column);
            marks << QStringLiteral("?");
        }
        names << QStringLiteral("version") << QStringLiteral("json");
        marks << QStringLiteral("?") << QStringLiteral("?");
        for (int i = 1; i < names.size(); ++i)
            sets << QStringLiteral("%1=excluded.%1").arg(names[i]);
        const QString upsert = QStringLiteral(" ON CONFLICT(id) DO UPDATE SET ") + sets.join(u',');
        m_put[k] = prepareRaw(m_handle,
                              QStringLiteral("INSERT INTO %1(%2) VALUES(%3)")
                                      .arg(QLatin1String(spec.table), names.join(u','), marks.join(u',')) +
                                  upsert,
                              error);
        m_putRid[k] = prepareRaw(m_handle,
                                 QStringLiteral("INSERT INTO %1(rid,%2) VALUES(?,%3)")
                                         .arg(QLatin1String(spec.table), names.join(u','), marks.join(u',')) +
                                     upsert,
                                 error);
        if (!m_put[k] || !m_putRid[k])
            return false;
    }
    m_clearAlarm =
        prepareRaw(m_handle,
                   QStringLiteral("UPDATE alarms SET state='cleared', changedTime=?1, version=version+1, "
                                  "json=json_set(json, '$.state', 'cleared', '$.alarmClearedTime', ?1, "
                                  "'$.alarmChangedTime', ?1, '$.clearSystemId', 'opsim') "
                                  "WHERE id=?2 AND state<>'cleared' RETURNING json"),
                   error);
    m_openAlarm = prepareRaw(
        m_handle, QStringLiteral("SELECT rid, json FROM alarms WHERE id=?1 AND state<>'cleared'"), error);
    m_setCleared = prepareRaw(
        m_handle,
        QStringLiteral(
            "UPDATE alarms SET state='cleared', changedTime=?1, version=version+1, json=?2 WHERE rid=?3"),
        error);
    return m_clearAlarm && m_openAlarm && m_setCleared;
}

QByteArray Store::clearAlarm(QByteArrayView id, QByteArrayView time) {
    QByteArray json;
    qint64 rid = 0;
    {
        const StatementReset reset{m_openAlarm};
        bindText(m_openAlarm, 1, id);
        if (sqlite3_step(m_openAlarm) != SQLITE_ROW)
            return {};
        rid = sqlite3_column_int64(m_openAlarm, 0);
        const QByteArrayView stored(reinterpret_cast<const char *>(sqlite3_column_text(m_openAlarm, 1)),
                                    sqlite3_column_bytes(m_openAlarm, 1));
        const QByteArray quotedTime = '"' + time.toByteArray() + '"';
        if (!setJsonMembers(stored,
                            {{"state", "\"cleared\""},
                             {"alarmClearedTime", quotedTime},
                             {"alarmChangedTime", quotedTime},
                             {"clearSystemId", "\"opsim\""}},
                            &json))
            json.clear();
    }
    if (!json.isEmpty()) {
        const StatementReset reset{m_setCleared};
        bindText(m_setCleared, 1, time);
        bindText(m_setCleared, 2, json);
        sqlite3_bind_int64(m_setCleared, 3, rid);
        if (sqlite3_step(m_setCleared) != SQLITE_DONE)
            json.clear();
        ++m_tableVersion[int(Kind::Alarm)];
        return json;
    }
    return clearAlarmInSql(id, time); // a record the text scan does not follow: let SQLite parse it
}

QByteArray Store::clearAlarmInSql(QByteArrayView id, QByteArrayView time) {
    const StatementReset reset{m_clearAlarm};
    bindText(m_clearAlarm, 1, time);
    bindText(m_clearAlarm, 2, id);
    QByteArray json;
    if (sqlite3_step(m_clearAlarm) == SQLITE_ROW)
        json = QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(m_clearAlarm, 0)),
                          sqlite3_column_bytes(m_clearAlarm, 0));
    ++m_tableVersion[int(Kind::Alarm)];
    return json;
}

void Store::begin() {
    if (m_txDepth++ == 0)
        m_db.transaction();
}

void Store::commit() {
    if (m_txDepth > 0 && --m_txDepth == 0)
        m_db.commit();
}

void Store::dropSecondaryIndexes(Kind kind) {
    const KindSpec &spec = kSpecs[int(kind)];
    for (const ColumnSpec &c : spec.columns) {
        if (c.indexed)
            exec(QStringLiteral("DROP INDEX IF EXISTS %1_%2")
                     .arg(QLatin1String(spec.table), QLatin1String(c.column)));
    }
}

void Store::createSecondaryIndexes(Kind kind) {
    const KindSpec &spec = kSpecs[int(kind)];
    for (const ColumnSpec &c : spec.columns) {
        if (c.indexed)
            exec(QStringLiteral("CREATE INDEX IF NOT EXISTS %1_%2 ON %1(%2)")
                     .arg(QLatin1String(spec.table), QLatin1String(c.column)));
    }
}

std::optional<Record> Store::get(Kind kind, const QString &id) {
    QSqlQuery *q = m_get[int(kind)];
    q->bindValue(0, id);
    if (!q->exec() || !q->next()) {
        q->finish();
        return std::nullopt;
    }
    Record r;
    r.json = QJsonDocument::fromJson(q->value(0).toString().toUtf8()).object();
    r.version = q->value(1).toLongLong();
    r.rid = q->value(2).toLongLong();
    q->finish();
    return r;
}

bool Store::put(Kind kind, const QJsonObject &json, qint64 version, qint64 rid, const QByteArray &compact) {
    const KindSpec &spec = kSpecs[int(kind)];
    QVariantList columns;
    columns.reserve(spec.columns.size());
    for (const ColumnSpec &c : spec.columns)
        columns.append(columnValue(json, c));
    return putColumns(kind, json.value(QLatin1String("id")).toString(), columns, version,
                      compact.isEmpty() ? QJsonDocument(json).toJson(QJsonDocument::Compact) : compact, rid);
}

bool Store::putColumns(Kind kind, const QString &id, const QVariantList &columns, qint64 version,
                       const QByteArray &compact, qint64 rid) {
    Q_ASSERT(columns.size() == kSpecs[int(kind)].columns.size());
    sqlite3_stmt *stmt = rid > 0 ? m_putRid[int(kind)] : m_put[int(kind)];
    const StatementReset reset{stmt};
    int i = 1;
    if (rid > 0)
        sqlite3_bind_int64(stmt, i++, rid);
    const QByteArray id8 = id.toUtf8();
    bindText(stmt, i++, id8);
    for (const QVariant &value : columns)
        bindVariant(stmt, i++, value);
    sqlite3_bind_int64(stmt, i++, version);
    bindText(stmt, i++, compact);
    const bool ok = sqlite3_step(stmt) == SQLITE_DONE;
    ++m_tableVersion[int(kind)];
    return ok;
}

bool Store::putText(Kind kind, QByteArrayView id, const std::vector<ColumnValue> &columns, qint64 version,
                    QByteArrayView compact) {
    Q_ASSERT(qsizetype(columns.size()) == kSpecs[int(kind)].columns.size());
    sqlite3_stmt *stmt = m_put[int(kind)];
    const StatementReset reset{stmt};
    int i = 1;
    bindText(stmt, i++, id);
    for (const ColumnValue &value : columns) {
        if (value.isInteger)
            sqlite3_bind_int64(stmt, i++, value.integer);
        else if (value.text.data())
            bindText(stmt, i++, value.text);
        else
            sqlite3_bind_null(stmt, i++);
    }
    sqlite3_bind_int64(stmt, i++, version);
    bindText(stmt, i++, compact);
    const bool ok = sqlite3_step(stmt) == SQLITE_DONE;
    ++m_tableVersion[int(kind)];
    return ok;
}

qint64 Store::count(Kind kind, const QString &where, const QVariantList &binds) {
    QString key = QString::number(int(kind)) + u'|' + where;
    for (const QVariant &b : binds)
        key += u'|' + b.toString();
    auto it = m_countCache.constFind(key);
    if (it != m_countCache.constEnd() && it->first == m_tableVersion[int(kind)])
        return it->second;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM %1 t").arg(QLatin1String(kSpecs[int(kind)].table)) +
              (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where));
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds[i]);
    qint64 n = 0;
    if (q.exec() && q.next())
        n = q.value(0).toLongLong();
    if (m_countCache.size() > 1000)
        m_countCache.clear();
    m_countCache.insert(key, {m_tableVersion[int(kind)], n});
    return n;
}

qint64 Store::maxRid(Kind kind) {
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT COALESCE(MAX(rid),0) FROM %1")
                   .arg(QLatin1String(kSpecs[int(kind)].table))) &&
        q.next())
        return q.value(0).toLongLong();
    return 0;
}

bool Store::list(Kind kind, const ListQuery &query, ListResult *result, QString *error) {
    const QString table = QLatin1String(kSpecs[int(kind)].table);
    result->total = count(kind, query.where, query.binds);
    result->rows.clear();
    if (query.offset >= result->total)
        return true;

    QString signature = QString::number(int(kind)) + u'|' + query.where;
    for (const QVariant &b : query.binds)
        signature += u'|' + b.toString();
    QString where = query.where;
    QVariantList binds = query.binds;
    qint64 offset = query.offset;
    // Offset paging over a large table in rowid order: continue after the last row of the previous page
    // instead of skipping `offset` rows again (pages of 1M alarms stay O(limit)). New rows only append
    // (higher rowids), so the continuation equals the offset unless rows left the filter meanwhile, in
    // which case it is what a client paging through wants anyway (nothing skipped).
    if (query.orderBy.isEmpty() && offset > 0) {
        auto it = m_continuation.constFind(signature + u'@' + QString::number(offset));
        if (it != m_continuation.constEnd()) {
            where = (where.isEmpty() ? QString() : QStringLiteral("(") + where + QStringLiteral(") AND ")) +
                    QStringLiteral("rid > ?");
            binds << *it;
            offset = 0;
        }
    }
    QString sql = QStringLiteral("SELECT json, rid FROM %1 t").arg(table);
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where;
    sql += QStringLiteral(" ORDER BY ") +
           (query.orderBy.isEmpty() ? QStringLiteral("rid") : query.orderBy + QStringLiteral(", rid"));
    sql += QStringLiteral(" LIMIT %1 OFFSET %2").arg(query.limit).arg(offset);
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.prepare(sql)) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds[i]);
    if (!q.exec()) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    qint64 lastRid = 0;
    while (q.next()) {
        result->rows << q.value(0).toString().toUtf8();
        lastRid = q.value(1).toLongLong();
    }
    if (query.orderBy.isEmpty() && !result->rows.isEmpty()) {
        if (m_continuation.size() > 10000)
            m_continuation.clear();
        m_continuation.insert(signature + u'@' + QString::number(query.offset + result->rows.size()),
                              lastRid);
    }
    return true;
}

QList<Record> Store::select(Kind kind, const QString &where, const QVariantList &binds, int limit) {
    QList<Record> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT json, version, rid FROM %1 t").arg(QLatin1String(kSpecs[int(kind)].table)) +
        (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where) +
        QStringLiteral(" ORDER BY rid LIMIT %1").arg(limit));
    for (int i = 0; i < binds.size(); ++i)
        q.bindValue(i, binds[i]);
    if (!q.exec())
        return out;
    while (q.next()) {
        Record r;
        r.json = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
        r.version = q.value(1).toLongLong();
        r.rid = q.value(2).toLongLong();
        out << r;
    }
    return out;
}

QString Store::meta(const QString &key) const {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT v FROM meta WHERE k = ?"));
    q.bindValue(0, key);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return {};
}

void Store::setMeta(const QString &key, const QString &value) {
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("INSERT INTO meta(k, v) VALUES(?, ?) ON CONFLICT(k) DO UPDATE SET v=excluded.v"));
    q.bindValue(0, key);
    q.bindValue(1, value);
    q.exec();
}

std::optional<Store::StoredResult> Store::idempotent(const QString &key) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT status, headers, body, replays FROM idem WHERE key = ?"));
    q.bindValue(0, key);
    if (!q.exec() || !q.next())
        return std::nullopt;
    StoredResult r;
    r.status = q.value(0).toInt();
    r.headers = q.value(1).toByteArray();
    r.body = q.value(2).toByteArray();
    r.replays = q.value(3).toInt();
    return r;
}

void Store::storeIdempotent(const QString &key, const StoredResult &result) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO idem(key, status, headers, body, created, replays) "
                             "VALUES(?, ?, ?, ?, ?, 0)"));
    q.bindValue(0, key);
    q.bindValue(1, result.status);
    q.bindValue(2, result.headers);
    q.bindValue(3, result.body);
    q.bindValue(4, QDateTime::currentMSecsSinceEpoch());
    q.exec();
}

void Store::countReplay(const QString &key) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE idem SET replays = replays + 1 WHERE key = ?"));
    q.bindValue(0, key);
    q.exec();
}

void Store::purgeIdempotent(qint64 olderThanMs) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM idem WHERE created < ?"));
    q.bindValue(0, olderThanMs);
    q.exec();
}

qint64 Store::idempotencyKeyCount() {
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM idem")) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

} // namespace noc::opsim
