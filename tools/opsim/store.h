#pragma once

// SQLite state of opsim: one table per kind (resources, alarms, tickets) holding each record's TMF JSON
// plus the indexed columns the filters and sorts use, the idempotency keys and a small meta table.

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <optional>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace noc::opsim {

enum class Kind { Resource = 0, Alarm = 1, Ticket = 2 };
constexpr int kKindCount = 3;

enum class ColType { Text, Time, Bool };

struct ColumnSpec {
    const char *attr;   // TMF attribute path, dotted
    const char *column; // SQL column
    ColType type;
    bool indexed;
};

struct KindSpec {
    Kind kind;
    const char *table;
    const char *idPrefix;      // "ALM-", "TT-", ""
    QList<ColumnSpec> columns; // besides rid, id, version, json
    QStringList topLevel;      // attributes the swagger knows (filters on others: 400)
    QStringList arrays;        // top-level attributes that are arrays
};

const KindSpec &kindSpec(Kind kind);

struct ListQuery {
    QString where; // SQL, may be empty
    QVariantList binds;
    QString orderBy; // empty = rid ascending (keyset-friendly)
    qint64 offset = 0;
    qint64 limit = 100;
};

struct ListResult {
    qint64 total = 0;
    QList<QByteArray> rows; // stored JSON, compact
};

// A column value for Store::putText: UTF-8 text the caller keeps alive, or an integer.
struct ColumnValue {
    QByteArrayView text;
    qint64 integer = 0;
    bool isInteger = false;
    static ColumnValue number(qint64 value) { return {{}, value, true}; }
};

struct Record {
    QJsonObject json;
    qint64 version = 0;
    qint64 rid = 0;
};

class Store {
public:
    Store();
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    bool open(const QString &path, QString *error);

    void begin();
    void commit();

    std::optional<Record> get(Kind kind, const QString &id);
    // Inserts or updates by id; keeps the rowid of an existing record. rid > 0 forces the rowid on insert.
    // compact: the record already serialised (saves a second serialisation when it is also published).
    bool put(Kind kind, const QJsonObject &json, qint64 version, qint64 rid = 0,
             const QByteArray &compact = {});
    // The same with the indexed columns already extracted, in the order of kindSpec(kind).columns
    // (the storm generator writes JSON text directly and knows them without parsing it back).
    bool putColumns(Kind kind, const QString &id, const QVariantList &columns, qint64 version,
                    const QByteArray &compact, qint64 rid = 0);
    // The same without a conversion or a copy of any value (the storm's alarms).
    bool putText(Kind kind, QByteArrayView id, const std::vector<ColumnValue> &columns, qint64 version,
                 QByteArrayView compact);
    // Marks a raised alarm cleared at `time` (ISO text); returns the new JSON, or empty when the alarm
    // is unknown or already cleared. The JSON text is edited at its top level (setJsonMembers), not
    // parsed and re-serialised: the storm's auto-clears are about half of its events.
    QByteArray clearAlarm(QByteArrayView id, QByteArrayView time); // both UTF-8
    bool list(Kind kind, const ListQuery &query, ListResult *result, QString *error);
    qint64 count(Kind kind, const QString &where = {}, const QVariantList &binds = {});
    qint64 maxRid(Kind kind);
    // Every record of a kind matching the SQL condition, in rowid order (used by task resources).
    QList<Record> select(Kind kind, const QString &where, const QVariantList &binds, int limit = 100000);

    QString meta(const QString &key) const;
    void setMeta(const QString &key, const QString &value);

    // Idempotency results.
    struct StoredResult {
        int status = 0;
        QByteArray headers; // "Name: value\r\n" lines
        QByteArray body;
        int replays = 0;
    };
    std::optional<StoredResult> idempotent(const QString &key);
    void storeIdempotent(const QString &key, const StoredResult &result);
    void countReplay(const QString &key);
    void purgeIdempotent(qint64 olderThanMs);
    qint64 idempotencyKeyCount();

    // Bulk loads: secondary indexes dropped before and built after (faster than maintaining them per row).
    void dropSecondaryIndexes(Kind kind);
    void createSecondaryIndexes(Kind kind);

    qint64 tableVersion(Kind kind) const { return m_tableVersion[int(kind)]; }

private:
    bool exec(const QString &sql, QString *error = nullptr);
    QByteArray clearAlarmInSql(QByteArrayView id, QByteArrayView time);
    QSqlDatabase m_db;
    QString m_connection;
    int m_txDepth = 0;
    qint64 m_tableVersion[kKindCount] = {0, 0, 0};
    QSqlQuery *m_get[kKindCount] = {nullptr, nullptr, nullptr};
    // The write statements of every record (and the storm's clears) go to SQLite directly on the
    // driver's connection: QSqlQuery's bindValue, its UTF-16 text binds and its result cache were 40 %
    // of a storm alarm's cost (callgrind), and a record's JSON is UTF-8 already.
    sqlite3 *m_handle = nullptr;
    sqlite3_stmt *m_put[kKindCount] = {nullptr, nullptr, nullptr};
    sqlite3_stmt *m_putRid[kKindCount] = {nullptr, nullptr, nullptr};
    sqlite3_stmt *m_clearAlarm = nullptr; // json_set() in SQLite: the fallback of clearAlarm()
    sqlite3_stmt *m_openAlarm = nullptr;
    sqlite3_stmt *m_setCleared = nullptr;
    // count cache: (kind, where + binds) -> (table version, count)
    QHash<QString, QPair<qint64, qint64>> m_countCache;
    // offset continuation: (kind, where + binds, offset) -> rid of the last row before that offset
    QHash<QString, qint64> m_continuation;
};

// Value of a dotted path in a JSON object (undefined QJsonValue when absent).
QJsonValue jsonPath(const QJsonObject &obj, const QString &path);

} // namespace noc::opsim
