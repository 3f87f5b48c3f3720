#include "cache/cache_error.h"

#include <QDir>
#include <QFileInfo>
#include <sqlite3.h>

namespace noc {

bool CacheError::isTransientCode(int code) {
    switch (code & 0xff) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
    case SQLITE_NOMEM:
    case SQLITE_PROTOCOL:
    case SQLITE_PERM:
        return true;
    default:
        return false;
    }
}

CacheError CacheError::fromSqlite(int code, const QString &path, const QString &action,
                                  const QString &detail) {
    CacheError error;
    error.sqliteCode = code == 0 ? SQLITE_ERROR : code;
    error.transient = isTransientCode(error.sqliteCode);
    const QString file = QDir::toNativeSeparators(path);
    const QString folder = QDir::toNativeSeparators(QFileInfo(path).absolutePath());
    QString why;
    switch (error.sqliteCode & 0xff) {
    case SQLITE_FULL:
        why = QStringLiteral("the disk holding %1 is full (or the cache reached its size limit). "
                             "Free some space; nothing was lost, the write will be retried.")
                  .arg(folder);
        break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
        why = QStringLiteral("the file or its folder %1 is read-only. Make it writable or choose another "
                             "cache location.")
                  .arg(folder);
        break;
    case SQLITE_CANTOPEN:
        why = QStringLiteral("the file cannot be created or opened; check that the folder %1 exists and "
                             "is writable.")
                  .arg(folder);
        break;
    case SQLITE_IOERR:
        why = QStringLiteral("the disk reported an input/output error.");
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        why = QStringLiteral("another program is writing to it (is a second console open with the same "
                             "profile?).");
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        why = QStringLiteral("the file is damaged or is not a cache file.");
        break;
    default:
        why = QStringLiteral("SQLite reported an error.");
        break;
    }
    error.message = QStringLiteral("Could not %1 the cache %2: %3").arg(action, file, why);
    if (!detail.isEmpty())
        error.message += QStringLiteral(" (%1)").arg(detail);
    return error;
}

} // namespace noc
