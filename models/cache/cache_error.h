#pragma once

#include <QString>

namespace noc {

// A failed cache operation, in plain words for the user and with the SQLite code for the code.
struct CacheError {
    int sqliteCode = 0;     // extended result code; 0 = no error
    QString message;        // plain words, names the file
    bool transient = false; // disk full, read-only, I/O, busy: the same write may succeed later

    bool isError() const { return sqliteCode != 0 || !message.isEmpty(); }
    // The file itself is damaged (SQLITE_CORRUPT / SQLITE_NOTADB): no retry will help until the
    // start-up check has moved it aside.
    bool isDamage() const;
    // The disk (or the cache's size limit) is full.
    bool isDiskFull() const;

    // Builds the plain-words message for a SQLite failure while doing `action` on `path`.
    static CacheError fromSqlite(int code, const QString &path, const QString &action, const QString &detail);
    static bool isTransientCode(int code);
};

} // namespace noc
