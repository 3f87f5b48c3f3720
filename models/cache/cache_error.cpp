#include "cache/cache_error.h"

#include <QCoreApplication>
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

bool CacheError::isDamage() const {
    const int primary = sqliteCode & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

bool CacheError::isDiskFull() const {
    return (sqliteCode & 0xff) == SQLITE_FULL;
}

CacheError CacheError::fromSqlite(int code, const QString &path, const QString &action,
                                  const QString &detail) {
    CacheError error;
    error.sqliteCode = code == 0 ? SQLITE_ERROR : code;
    error.transient = isTransientCode(error.sqliteCode);
    const QString file = QDir::toNativeSeparators(path);
    const QString folder = QDir::toNativeSeparators(QFileInfo(path).absolutePath());
    // Shown to the user in their language; the context is the class's name.
    QString why;
    switch (error.sqliteCode & 0xff) {
    case SQLITE_FULL:
        why = QCoreApplication::translate(
                  "noc::CacheError", "the disk holding %1 is full (or the cache reached its size limit). "
                                     "Free some space; nothing was lost, the write will be retried.")
                  .arg(folder);
        break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
        why = QCoreApplication::translate(
                  "noc::CacheError",
                  "the file or its folder %1 is read-only. Make it writable or choose another "
                  "cache location.")
                  .arg(folder);
        break;
    case SQLITE_CANTOPEN:
        why = QCoreApplication::translate(
                  "noc::CacheError",
                  "the file cannot be created or opened; check that the folder %1 exists and "
                  "is writable.")
                  .arg(folder);
        break;
    case SQLITE_IOERR:
        why = QCoreApplication::translate("noc::CacheError", "the disk reported an input/output error.");
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        why = QCoreApplication::translate(
            "noc::CacheError", "another program is writing to it (is a second console open with the same "
                               "profile?).");
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        why = QCoreApplication::translate("noc::CacheError", "the file is damaged or is not a cache file.");
        break;
    default:
        why = QCoreApplication::translate("noc::CacheError", "SQLite reported an error.");
        break;
    }
    // The action is a keyword of the code ("open", "read", "write to", "configure"): each has its own
    // sentence, so that a translation can put the verb where its language wants it.
    if (action == QLatin1String("open"))
        error.message =
            QCoreApplication::translate("noc::CacheError", "Could not open the cache %1: %2").arg(file, why);
    else if (action == QLatin1String("read"))
        error.message =
            QCoreApplication::translate("noc::CacheError", "Could not read the cache %1: %2").arg(file, why);
    else if (action == QLatin1String("write to"))
        error.message = QCoreApplication::translate("noc::CacheError", "Could not write to the cache %1: %2")
                            .arg(file, why);
    else
        error.message = QCoreApplication::translate("noc::CacheError", "Could not configure the cache %1: %2")
                            .arg(file, why);
    if (!detail.isEmpty())
        error.message += QStringLiteral(" (%1)").arg(detail);
    return error;
}

} // namespace noc
