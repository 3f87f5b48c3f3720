#include "cache/cache_database.h"

#include "cache/cache_batch.h"
#include "cache/cache_schema.h"
#include "cache/cache_writer.h"
#include "cache/row_codec.h"
#include "cache/sqlite_statement.h"
#include "cache/unsaved_work.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <spdlog/spdlog.h>

namespace noc {

namespace {

std::shared_ptr<spdlog::logger> logger() {
    auto log = spdlog::get("cache");
    return log ? log : spdlog::default_logger();
}

bool isCorruptionCode(int code) {
    const int primary = code & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || primary == SQLITE_FORMAT;
}

struct Connection {
    sqlite3 *db = nullptr;
    ~Connection() {
        if (db)
            sqlite3_close_v2(db);
    }
};

enum class Probe { Healthy, Corrupt, Failed };

// Opens the existing file and looks at it the way the console will: header, schema, integrity.
Probe probe(const QString &path, CacheDatabase::Check check, int *version, bool *checked, CacheError *error,
            QString *why) {
    Connection c;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &c.db,
                                   SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const int code = c.db ? sqlite3_extended_errcode(c.db) : rc;
        if (isCorruptionCode(code)) {
            *why = QString::fromUtf8(sqlite3_errstr(code));
            return Probe::Corrupt;
        }
        *error = CacheError::fromSqlite(code, path, QStringLiteral("open"),
                                        QString::fromUtf8(c.db ? sqlite3_errmsg(c.db) : sqlite3_errstr(rc)));
        return Probe::Failed;
    }
    try {
        sqliteExec(c.db, "PRAGMA foreign_keys=ON");
        {
            SqliteStatement schema(c.db, "SELECT count(*) FROM sqlite_schema", false);
            schema.step();
        }
        *version = CacheSchema::userVersion(c.db);
        if (check == CacheDatabase::Check::Auto) {
            bool cleanClose = false;
            if (*version > 0) {
                SqliteStatement marker(c.db, "SELECT value FROM metadata WHERE key='writer_clean_close'",
                                       false);
                cleanClose = marker.step() && marker.columnText(0) == QLatin1String("1");
            }
            if (cleanClose)
                return Probe::Healthy;
        }
        *checked = true;
        SqliteStatement integrity(c.db,
                                  check == CacheDatabase::Check::Full ? "PRAGMA integrity_check(20)"
                                                                      : "PRAGMA quick_check(20)",
                                  false);
        QStringList problems;
        while (integrity.step()) {
            const QString line = integrity.columnText(0);
            if (line != QLatin1String("ok"))
                problems.append(line);
        }
        if (!problems.isEmpty()) {
            *why = problems.join(QLatin1String("; "));
            return Probe::Corrupt;
        }
        // A file that is a database but not a cache (no outbox table while claiming a version) is
        // damaged in the sense that matters here: the console cannot use it.
        if (*version > 0) {
            SqliteStatement tables(c.db,
                                   "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name IN "
                                   "('alarms','outbox','metadata')",
                                   false);
            if (tables.step() && tables.columnInt(0) != 3) {
                *why = QStringLiteral("tables of the cache are missing");
                return Probe::Corrupt;
            }
        }
        return Probe::Healthy;
    } catch (const SqliteError &e) {
        if (isCorruptionCode(e.code())) {
            *why = QString::fromStdString(e.what());
            return Probe::Corrupt;
        }
        *error =
            CacheError::fromSqlite(e.code(), path, QStringLiteral("open"), QString::fromStdString(e.what()));
        return Probe::Failed;
    }
}

// Reads whatever outbox rows the damaged file still gives, row by row, stopping at the first error.
QList<OutboxEntry> salvageOutbox(const QString &path) {
    QList<OutboxEntry> entries;
    Connection c;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &c.db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
        return entries;
    // A truncated file claims more pages than it has; SQLite refuses such a file unless
    // writable_schema is on. The connection is read-only, so this cannot write anything.
    sqlite3_exec(c.db, "PRAGMA writable_schema=ON", nullptr, nullptr, nullptr);
    const auto readAll = [&](const char *tail) {
        SqliteStatement s(c.db,
                          QStringLiteral("SELECT %1 FROM outbox %2")
                              .arg(QLatin1String(rowcodec::kOutboxColumns), QLatin1String(tail)),
                          false);
        while (s.step()) {
            const OutboxEntry e = rowcodec::outboxFromRow(s);
            if (!e.uuid.isEmpty() && !e.kind.isEmpty())
                entries.append(e);
        }
    };
    try {
        readAll("ORDER BY seq");
    } catch (const SqliteError &e) {
        // The ORDER BY seq may fail on a damaged index; retry in table order before giving up.
        if (entries.isEmpty()) {
            try {
                readAll("NOT INDEXED");
            } catch (const SqliteError &) {
            }
        }
        logger()->warn("outbox salvage from {} stopped: {}", path.toStdString(), e.what());
    }
    return entries;
}

QString moveAside(const QString &path, QString *error) {
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss"));
    QString target = path + QStringLiteral(".corrupt-") + stamp;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = path + QStringLiteral(".corrupt-") + stamp + QStringLiteral("-%1").arg(n);
    if (!QFile::rename(path, target)) {
        *error = QFile(path).errorString();
        return {};
    }
    // The WAL belongs to the damaged file: keep it next to it under the matching name so the pair can
    // still be examined; the -shm index is rebuilt from it.
    for (const char *suffix : {"-wal", "-shm"}) {
        const QString side = path + QLatin1String(suffix);
        if (QFileInfo::exists(side) && !QFile::rename(side, target + QLatin1String(suffix)))
            logger()->warn("could not move {} aside", side.toStdString());
    }
    return target;
}

CacheOpenResult failed(const QString &path, CacheError error) {
    CacheOpenResult result;
    result.outcome = CacheOpenResult::Outcome::Failed;
    result.path = path;
    result.message = error.message;
    result.error = std::move(error);
    logger()->error("{}", result.message.toStdString());
    return result;
}

// Creates or migrates with a short-lived writer connection.
bool createOrMigrate(const QString &path, const QList<OutboxEntry> &outbox, CacheError *error) {
    CacheWriter writer;
    if (!writer.open(path)) {
        *error = writer.lastError();
        return false;
    }
    if (!outbox.isEmpty()) {
        CacheBatch batch;
        batch.outboxInserts = outbox;
        writer.apply(batch);
        if (writer.lastError().isError()) {
            *error = writer.lastError();
            return false;
        }
    }
    return true;
}

QSet<QString> outboxUuids(const QString &path) {
    QSet<QString> uuids;
    Connection c;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &c.db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK)
        return uuids;
    try {
        SqliteStatement s(c.db, "SELECT uuid FROM outbox", false);
        while (s.step())
            uuids.insert(s.columnText(0));
    } catch (const SqliteError &) {
    }
    return uuids;
}

void addLine(QString *message, const QString &line) {
    if (!message->isEmpty())
        message->append(QLatin1Char(' '));
    message->append(line);
}

// Writes what the last session left in `<path>.unsaved` (UnsavedWork) into the cache; the side file
// goes only after the commit. Entries already in the outbox are skipped: a start that committed
// them but died before removing the file must not send them twice.
void replayUnsaved(const QString &path, CacheOpenResult *result) {
    const QString side = UnsavedWork::sidePath(path);
    if (!QFileInfo::exists(side))
        return;
    QString readError;
    QList<CacheBatch> batches = UnsavedWork::read(path, &readError);
    if (!readError.isEmpty()) {
        logger()->error("cannot read the unsaved changes in {}: {}", side.toStdString(),
                        readError.toStdString());
        addLine(&result->message, QCoreApplication::translate("noc::CacheDatabase",
                                                              "Changes that could not be saved last time are "
                                                              "in %1, but that file cannot be read (%2).")
                                      .arg(QDir::toNativeSeparators(side), readError));
        return;
    }
    const QSet<QString> known = outboxUuids(path);
    int entries = 0;
    for (CacheBatch &b : batches) {
        b.outboxInserts.removeIf([&known](const OutboxEntry &e) { return known.contains(e.uuid); });
        entries += UnsavedWork::changeCount(b);
    }
    // Map positions are written again even after such a start: writing a position twice leaves the
    // same row, and the map's batches hold nothing else.
    batches.removeIf([](const CacheBatch &b) { return !UnsavedWork::holdsUserWork(b); });
    CacheWriter writer;
    bool written = batches.isEmpty();
    if (!written && writer.open(path)) {
        writer.apply(batches);
        written = !writer.lastError().isError();
    }
    if (!written) {
        result->keptUnsavedEntries = entries;
        logger()->error("could not write the unsaved changes of {} into the cache: {}", side.toStdString(),
                        writer.lastError().message.toStdString());
        addLine(&result->message,
                QCoreApplication::translate("noc::CacheDatabase",
                                            "%n change(s) that could not be saved last time still cannot be "
                                            "written to the cache, so they stay in %1 and are tried again at "
                                            "the next start: %2",
                                            nullptr, entries)
                    .arg(QDir::toNativeSeparators(side), writer.lastError().message));
        return;
    }
    writer.close();
    if (!UnsavedWork::remove(path))
        logger()->warn("could not remove {}", side.toStdString());
    result->restoredUnsavedEntries = entries;
    if (entries == 0)
        return;
    logger()->warn("{} unsaved change(s) of the last session written into the cache from {}", entries,
                   side.toStdString());
    addLine(&result->message, QCoreApplication::translate("noc::CacheDatabase",
                                                          "%n change(s) that could not be saved when the "
                                                          "console last stopped are now in the cache; those "
                                                          "for the server will be sent.",
                                                          nullptr, entries));
}

// Reads the header, schema and version of a file this user cannot write, without changing it. A WAL
// cache in a folder that cannot be written either has no -shm index to read through: SQLite then
// cannot open it at all, and the caller says so.
bool readableCache(const QString &path, int *version, QString *why) {
    Connection c;
    const int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &c.db,
                                   SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        *why = QString::fromUtf8(c.db ? sqlite3_errmsg(c.db) : sqlite3_errstr(rc));
        return false;
    }
    try {
        *version = CacheSchema::userVersion(c.db);
        SqliteStatement tables(c.db,
                               "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name IN "
                               "('alarms','outbox','metadata')",
                               false);
        if (!tables.step() || tables.columnInt(0) != 3) {
            *why = QStringLiteral("tables of the cache are missing");
            return false;
        }
        return true;
    } catch (const SqliteError &e) {
        *why = QString::fromStdString(e.what());
        return false;
    }
}

// The file is there but this user cannot write it (mode 0444, a read-only folder or mount). Nothing
// here may change it: no check that could end in moving it aside, no migration. When it is a
// current cache that can be read, the console shows it (ReadOnly); otherwise Failed. Either way
// the message names the file and says what to do.
CacheOpenResult openReadOnly(const QString &path, CacheOpenResult result) {
    CacheError cannotWrite = CacheError::fromSqlite(SQLITE_READONLY, path, QStringLiteral("open"), {});
    QString why;
    if (!readableCache(path, &result.previousVersion, &why)) {
        logger()->error("cache {} cannot be written, and reading it failed too: {}", path.toStdString(),
                        why.toStdString());
        return failed(path, cannotWrite);
    }
    if (result.previousVersion != CacheSchema::kCurrentVersion) {
        // An older file needs a migration (a write); a newer one is not this console's to read.
        logger()->error("cache {} cannot be written and has format {} (this console reads {})",
                        path.toStdString(), result.previousVersion, CacheSchema::kCurrentVersion);
        return failed(path, cannotWrite);
    }
    result.outcome = CacheOpenResult::Outcome::ReadOnly;
    result.error = cannotWrite;
    result.message = QCoreApplication::translate(
                         "noc::CacheDatabase",
                         "The cache file %1 cannot be written: the file or its folder is read-only. The "
                         "console shows what the file holds, but it cannot sync or save changes until "
                         "the file can be written. Make the file and its folder writable for your user "
                         "(for example: chmod u+w %1), or start the console with --cache and another "
                         "file.")
                         .arg(QDir::toNativeSeparators(path));
    logger()->error("{}", result.message.toStdString());
    // What the last session could not save stays in its side file; the message says so.
    replayUnsaved(path, &result);
    return result;
}

} // namespace

QString CacheDatabase::defaultPath(const QString &profileName) {
    QString safe = profileName;
    safe.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    if (safe.isEmpty() || safe.startsWith(QLatin1Char('.')))
        safe.prepend(QStringLiteral("profile"));
    const QString base = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    return QDir(base).filePath(QStringLiteral("cache/%1.sqlite").arg(safe));
}

CacheOpenResult CacheDatabase::open(const QString &givenPath, Check check) {
    const QString path = QFileInfo(givenPath).absoluteFilePath();
    const QFileInfo info(path);
    const QString folder = info.absolutePath();
    if (!QDir().mkpath(folder)) {
        CacheError error;
        error.sqliteCode = SQLITE_CANTOPEN;
        error.message = QCoreApplication::translate(
                            "noc::CacheDatabase",
                            "Could not create the folder %1 for the cache %2. Check that its parent "
                            "folder exists and is writable, or choose another cache location.")
                            .arg(QDir::toNativeSeparators(folder), QDir::toNativeSeparators(path));
        return failed(path, error);
    }

    CacheOpenResult result;
    result.path = path;
    const bool existed = info.exists() && info.size() > 0;
    if (existed) {
        if (!info.isWritable() || !QFileInfo(folder).isWritable())
            return openReadOnly(path, std::move(result));
        CacheError error;
        QString why;
        const Probe p = probe(path, check, &result.previousVersion, &result.checked, &error, &why);
        if (p == Probe::Failed)
            return failed(path, error);
        if (p == Probe::Corrupt) {
            logger()->error("cache {} is damaged: {}", path.toStdString(), why.toStdString());
            const QList<OutboxEntry> salvaged = salvageOutbox(path);
            QString moveError;
            const QString aside = moveAside(path, &moveError);
            if (aside.isEmpty()) {
                CacheError e;
                e.sqliteCode = SQLITE_CORRUPT;
                e.message = QCoreApplication::translate(
                                "noc::CacheDatabase",
                                "The cache %1 is damaged and could not be moved aside (%2). Move or "
                                "delete it by hand, or choose another cache location.")
                                .arg(QDir::toNativeSeparators(path), moveError);
                return failed(path, e);
            }
            CacheError createError;
            if (!createOrMigrate(path, salvaged, &createError))
                return failed(path, createError);
            result.outcome = CacheOpenResult::Outcome::Recovered;
            result.movedAsidePath = aside;
            result.recoveredOutboxEntries = int(salvaged.size());
            result.message =
                QCoreApplication::translate(
                    "noc::CacheDatabase",
                    "The cache file %1 was damaged, so it was moved aside to %2 and a new, empty "
                    "cache was created. Alarms, tickets and inventory will be loaded again from the "
                    "server. %3")
                    .arg(QDir::toNativeSeparators(path), QDir::toNativeSeparators(aside),
                         salvaged.isEmpty()
                             ? QCoreApplication::translate(
                                   "noc::CacheDatabase",
                                   "No unsent changes could be recovered from the damaged file.")
                             : QCoreApplication::translate(
                                   "noc::CacheDatabase",
                                   "%n unsent change(s) were recovered and will still be sent.", nullptr,
                                   int(salvaged.size())));
            logger()->warn("{}", result.message.toStdString());
            replayUnsaved(path, &result);
            return result;
        }
        if (result.previousVersion > CacheSchema::kCurrentVersion) {
            CacheError e;
            e.sqliteCode = SQLITE_MISMATCH;
            e.message = QCoreApplication::translate(
                            "noc::CacheDatabase",
                            "The cache %1 was written by a newer version of the console (schema %2; "
                            "this version knows %3). Use the newer console or another cache file.")
                            .arg(QDir::toNativeSeparators(path))
                            .arg(result.previousVersion)
                            .arg(CacheSchema::kCurrentVersion);
            return failed(path, e);
        }
    }

    CacheError error;
    if (!createOrMigrate(path, {}, &error))
        return failed(path, error);
    if (!existed) {
        result.outcome = CacheOpenResult::Outcome::Created;
        result.message = QCoreApplication::translate("noc::CacheDatabase", "A new cache was created at %1.")
                             .arg(QDir::toNativeSeparators(path));
    } else if (result.previousVersion < CacheSchema::kCurrentVersion) {
        result.outcome = CacheOpenResult::Outcome::Migrated;
        result.message = QCoreApplication::translate("noc::CacheDatabase",
                                                     "The cache %1 was updated from format %2 to %3.")
                             .arg(QDir::toNativeSeparators(path))
                             .arg(result.previousVersion)
                             .arg(CacheSchema::kCurrentVersion);
    } else {
        result.outcome = CacheOpenResult::Outcome::Opened;
    }
    replayUnsaved(path, &result);
    logger()->info("cache {}: {}", path.toStdString(),
                   result.message.isEmpty() ? std::string("opened") : result.message.toStdString());
    return result;
}

} // namespace noc
