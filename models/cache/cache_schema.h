#pragma once

#include <sqlite3.h>

// Schema of the local cache and its forward-only migrations. Version N is PRAGMA user_version = N;
// step k (1-based) turns a version k-1 cache into version k and runs in the same transaction as the
// user_version bump, so an interrupted migration leaves the previous version intact.
namespace noc {

class CacheSchema {
public:
    static constexpr int kCurrentVersion = 4;

    // Process-wide SQLite settings. Call first in main(), before any connection exists: SQLite takes
    // them only before it initializes, so false means it was too late (the defaults then stay, which
    // is correct, only slower). Turns SQLite's memory statistics off: with them on, every
    // sqlite3_malloc and sqlite3_free takes one process-wide mutex, which the cache writer, the
    // alarm index, the readers (and opsim in the demo) all contend on; perf of the writer during a
    // storm showed ~10 % of its time in that mutex. Nothing here reads the statistics or sets a heap
    // limit.
    static bool configureLibrary();

    // Connection settings every cache connection uses: WAL, synchronous=NORMAL, foreign keys,
    // busy timeout. Throws SqliteError.
    static void configureConnection(sqlite3 *db, bool writer);
    static int userVersion(sqlite3 *db);
    // Brings the cache to `targetVersion` (default: current). Throws SqliteError; a cache newer than
    // this build is refused with SQLITE_MISMATCH (the caller reports it, never downgrades).
    static void migrate(sqlite3 *db, int targetVersion = kCurrentVersion);
};

} // namespace noc
