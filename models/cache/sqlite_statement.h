#pragma once

#include <QByteArray>
#include <QString>
#include <sqlite3.h>
#include <stdexcept>
#include <string>
#include <vector>

// Thin RAII layer over the sqlite3 C API used by the cache writer and reader. The writer's hot path
// binds values straight into reused prepared statements; QtSql's QVariant round trip would cost more
// than the B-tree work for an 11-column alarm row.
namespace noc {

// Thrown inside the cache implementation only; the public classes catch it and report CacheError.
class SqliteError : public std::runtime_error {
public:
    SqliteError(int code, const std::string &message)
        : std::runtime_error(message)
        , m_code(code) {}
    int code() const { return m_code; }

private:
    int m_code;
};

// Throws SqliteError with the connection's message when rc is not one of the accepted codes.
void sqliteCheck(sqlite3 *db, int rc, const char *what);
// Runs one or more statements without results (schema, pragmas, BEGIN/COMMIT).
void sqliteExec(sqlite3 *db, const char *sql);
void sqliteExec(sqlite3 *db, const QString &sql);

class SqliteStatement {
public:
    SqliteStatement() = default;
    SqliteStatement(sqlite3 *db, const char *sql, bool persistent = true);
    SqliteStatement(sqlite3 *db, const QString &sql, bool persistent = true);
    ~SqliteStatement();
    SqliteStatement(SqliteStatement &&other) noexcept;
    SqliteStatement &operator=(SqliteStatement &&other) noexcept;
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool isValid() const { return m_stmt != nullptr; }
    sqlite3_stmt *handle() const { return m_stmt; }

    // Parameters are 1-based as in SQLite. Empty strings are stored as NULL (smaller rows; read back
    // they become an empty QString, which compares equal to the original).
    void bind(int index, const QString &value);
    void bindText(int index, const QByteArray &utf8); // NULL when empty
    void bind(int index, qint64 value);
    void bind(int index, int value) { bind(index, qint64(value)); }
    void bind(int index, bool value) { bind(index, qint64(value ? 1 : 0)); }
    void bind(int index, double value); // NaN becomes NULL
    void bindNull(int index);

    // true while a row is available; false when done. Throws on error.
    bool step();
    // Runs to completion (statements without rows).
    void exec();
    void reset();

    qint64 columnInt64(int column) const { return sqlite3_column_int64(m_stmt, column); }
    int columnInt(int column) const { return sqlite3_column_int(m_stmt, column); }
    double columnDouble(int column) const; // NULL -> NaN
    bool columnIsNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
    QString columnText(int column) const;
    QByteArray columnBytes(int column) const;
    // Compares a column with a value as bind() would store it ("" and NULL alike), without copying
    // the column: the writer compares the old row's indexed columns with every upsert.
    bool columnEquals(int column, const QString &value) const;
    bool columnEquals(int column, const QByteArray &utf8) const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    // UTF-8 of bound QStrings, bound SQLITE_STATIC: one conversion (Qt's, vectorised) instead of
    // SQLite copying the UTF-16 and translating it again when the row is stored.
    std::vector<QByteArray> m_text;
};

// Resets a statement when leaving a scope so that its read lock or bindings never linger.
class StatementResetter {
public:
    explicit StatementResetter(SqliteStatement &statement)
        : m_statement(statement) {}
    ~StatementResetter() { m_statement.reset(); }
    StatementResetter(const StatementResetter &) = delete;
    StatementResetter &operator=(const StatementResetter &) = delete;

private:
    SqliteStatement &m_statement;
};

} // namespace noc
