#include "store.h"

#include <cstring>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlRecord>
#include <QStringList>

#include <atomic>

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
        delete m_put[i];
        delete m_putRid[i];
    }
    delete m_clearAlarm;
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
        m_put[k] = new QSqlQuery(m_db);
        m_put[k]->prepare(QStringLiteral("INSERT INTO %1(%2) VALUES(%3)")
                              .arg(QLatin1String(spec.table), names.join(u','), marks.join(u',')) +
                          upsert);
        m_putRid[k] = new QSqlQuery(m_db);
        m_putRid[k]->prepare(QStringLiteral("INSERT INTO %1(rid,%2) VALUES(?,%3)")
                                 .arg(QLatin1String(spec.table), names.join(u','), marks.join(u',')) +
                             upsert);
    }
    m_clearAlarm = new QSqlQuery(m_db);
    m_clearAlarm->prepare(QStringLiteral(
        "UPDATE alarms SET state='cleared', changedTime=?, version=version+1, "
        "json=json_set(json, '$.state', 'cleared', '$.alarmClearedTime', ?, '$.alarmChangedTime', ?, "
        "'$.clearSystemId', 'opsim') WHERE id=? AND state<>'cleared' RETURNING json"));
    return true;
}

QByteArray Store::clearAlarm(const QString &id, const QString &time) {
    m_clearAlarm->bindValue(0, time);
    m_clearAlarm->bindValue(1, time);
    m_clearAlarm->bindValue(2, time);
    m_clearAlarm->bindValue(3, id);
    QByteArray json;
    if (m_clearAlarm->exec() && m_clearAlarm->next())
        json = m_clearAlarm->value(0).toString().toUtf8();
    m_clearAlarm->finish();
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
    QSqlQuery *q = rid > 0 ? m_putRid[int(kind)] : m_put[int(kind)];
    int i = 0;
    if (rid > 0)
        q->bindValue(i++, rid);
    q->bindValue(i++, id);
    for (const QVariant &value : columns)
        q->bindValue(i++, value);
    q->bindValue(i++, version);
    q->bindValue(i++, QString::fromUtf8(compact));
    const bool ok = q->exec();
    q->finish();
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
