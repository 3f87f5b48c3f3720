#include "cache/sqlite_statement.h"

#include <cmath>
#include <utility>

namespace noc {

void sqliteCheck(sqlite3 *db, int rc, const char *what) {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE)
        return;
    std::string message = what;
    message += ": ";
    message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw SqliteError(db ? sqlite3_extended_errcode(db) : rc, message);
}

void sqliteExec(sqlite3 *db, const char *sql) {
    char *error = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        throw SqliteError(sqlite3_extended_errcode(db), message);
    }
}

void sqliteExec(sqlite3 *db, const QString &sql) {
    sqliteExec(db, sql.toUtf8().constData());
}

SqliteStatement::SqliteStatement(sqlite3 *db, const char *sql, bool persistent)
    : m_db(db) {
    const int rc =
        sqlite3_prepare_v3(db, sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0, &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = "prepare failed: ";
        message += sqlite3_errmsg(db);
        message += " in: ";
        message += sql;
        throw SqliteError(sqlite3_extended_errcode(db), message);
    }
}

SqliteStatement::SqliteStatement(sqlite3 *db, const QString &sql, bool persistent)
    : SqliteStatement(db, sql.toUtf8().constData(), persistent) {}

SqliteStatement::~SqliteStatement() {
    if (m_stmt)
        sqlite3_finalize(m_stmt);
}

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr))
    , m_stmt(std::exchange(other.m_stmt, nullptr))
    , m_text(std::move(other.m_text)) {}

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&other) noexcept {
    if (this != &other) {
        if (m_stmt)
            sqlite3_finalize(m_stmt);
        m_db = std::exchange(other.m_db, nullptr);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_text = std::move(other.m_text);
    }
    return *this;
}

void SqliteStatement::bind(int index, const QString &value) {
    if (value.isEmpty()) {
        bindNull(index);
        return;
    }
    if (index < 1)
        throw SqliteError(SQLITE_RANGE, "bind: parameter index out of range");
    if (size_t(index) > m_text.size())
        m_text.resize(size_t(index));
    QByteArray &utf8 = m_text[size_t(index) - 1];
    utf8 = value.toUtf8();
    sqliteCheck(m_db, sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_STATIC),
                "bind");
}

void SqliteStatement::bindText(int index, const QByteArray &utf8) {
    if (utf8.isEmpty()) {
        bindNull(index);
        return;
    }
    sqliteCheck(m_db, sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT),
                "bind");
}

void SqliteStatement::bind(int index, qint64 value) {
    sqliteCheck(m_db, sqlite3_bind_int64(m_stmt, index, value), "bind");
}

void SqliteStatement::bind(int index, double value) {
    if (std::isnan(value))
        bindNull(index);
    else
        sqliteCheck(m_db, sqlite3_bind_double(m_stmt, index, value), "bind");
}

void SqliteStatement::bindNull(int index) {
    sqliteCheck(m_db, sqlite3_bind_null(m_stmt, index), "bind");
}

bool SqliteStatement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    std::string message = "step failed: ";
    message += sqlite3_errmsg(m_db);
    const int code = sqlite3_extended_errcode(m_db);
    sqlite3_reset(m_stmt);
    throw SqliteError(code, message);
}

void SqliteStatement::exec() {
    while (step()) {
    }
    sqlite3_reset(m_stmt);
}

void SqliteStatement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

double SqliteStatement::columnDouble(int column) const {
    if (sqlite3_column_type(m_stmt, column) == SQLITE_NULL)
        return std::nan("");
    return sqlite3_column_double(m_stmt, column);
}

QString SqliteStatement::columnText(int column) const {
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!text)
        return {};
    return QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, column));
}

QByteArray SqliteStatement::columnBytes(int column) const {
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!text)
        return {};
    return QByteArray(text, sqlite3_column_bytes(m_stmt, column));
}

bool SqliteStatement::columnEquals(int column, const QString &value) const {
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    const qsizetype size = text ? sqlite3_column_bytes(m_stmt, column) : 0;
    return QAnyStringView::equal(QUtf8StringView(text, size), QStringView(value));
}

bool SqliteStatement::columnEquals(int column, const QByteArray &utf8) const {
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    const qsizetype size = text ? sqlite3_column_bytes(m_stmt, column) : 0;
    return QByteArrayView(text, size) == QByteArrayView(utf8);
}

} // namespace noc
