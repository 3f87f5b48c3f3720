#pragma once

#include "cache/cache_batch.h"
#include "cache/cache_error.h"
#include "cache/change_set.h"

#include <QString>
#include <memory>

struct sqlite3;

namespace noc {

// The single writer connection of one cache file. Synchronous and not thread-safe: create, use and
// destroy it on one thread (CacheWriterWorker does that on its own QThread). Every apply is one
// transaction; it either lands whole or not at all.
class CacheWriter {
public:
    CacheWriter();
    ~CacheWriter();
    CacheWriter(const CacheWriter &) = delete;
    CacheWriter &operator=(const CacheWriter &) = delete;

    // Opens (creating if needed) and migrates the cache at `path`. Corruption handling is
    // CacheDatabase::open's job; call that first at start-up. false + lastError() on failure.
    bool open(const QString &path);
    void close();
    bool isOpen() const;
    QString path() const;

    // Applies `batch` in ONE transaction. On failure nothing is written, lastError() says why and the
    // returned ChangeSet is empty.
    ChangeSet apply(const CacheBatch &batch);
    // Applies several batches in order in ONE transaction; the ChangeSet is their merge.
    ChangeSet apply(const QList<CacheBatch> &batches);

    // Lower level, for callers that group batches themselves (the worker): begin(), any number of
    // applyInTransaction(), then commit() or rollback(). Each returns false + lastError() on failure.
    bool begin();
    bool applyInTransaction(const CacheBatch &batch, ChangeSet *changes);
    bool commit();
    void rollback();
    bool inTransaction() const;

    const CacheError &lastError() const;

    // Caps the file at `maxPages` pages (PRAGMA max_page_count); writes past it fail with
    // SQLITE_FULL exactly like a full disk. 0 restores the default. A guard, and the fault tests' way
    // to fill the "disk".
    bool setPageLimit(qint64 maxPages);
    // PRAGMA wal_checkpoint(PASSIVE); the periodic checkpoints of SQLite suffice normally.
    bool checkpoint();

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace noc
