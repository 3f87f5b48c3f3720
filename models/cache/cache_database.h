#pragma once

#include "cache/cache_error.h"

#include <QString>

namespace noc {

// What opening a cache file did, in plain words for the user (shown in the status bar / a dialog).
struct CacheOpenResult {
    enum class Outcome {
        Opened,    // existing cache, schema current
        Created,   // no file before: a fresh empty cache
        Migrated,  // existing cache brought to the current schema
        Recovered, // the file was damaged: moved aside, a fresh cache made (outbox recovered if readable)
        // The file is there and can be read, but not written (mode 0444, read-only folder or mount):
        // the views can show it; nothing can be saved into it (error says why).
        ReadOnly,
        Failed // nothing usable: see error (read-only folder, disk full, newer schema ...)
    };
    Outcome outcome = Outcome::Failed;
    QString path;           // the cache file in use
    QString message;        // plain words, names the file; empty for a plain Opened
    QString movedAsidePath; // Recovered: where the damaged file now is
    int recoveredOutboxEntries = 0;
    // Changes the last session could not write (UnsavedWork's side file): put into the cache now, or
    // still kept in the side file because the cache refused them again (the message says why).
    int restoredUnsavedEntries = 0;
    int keptUnsavedEntries = 0;
    int previousVersion = 0; // schema version found (0 = new file)
    bool checked = false;    // quick_check / integrity_check ran (see CacheDatabase::Check)
    CacheError error;        // Failed, ReadOnly: why

    // Ready for reading and writing.
    bool ok() const { return outcome != Outcome::Failed && outcome != Outcome::ReadOnly; }
    // Ready for reading: the views can show what the file holds (ok(), or ReadOnly).
    bool readable() const { return ok() || outcome == Outcome::ReadOnly; }
};

// Start-up side of the cache: where the file lives, integrity, migration and recovery. After a
// successful open() the path is ready for one CacheWriter and any number of CacheReaders.
class CacheDatabase {
public:
    enum class Check {
        // Quick when the last writer did not close cleanly (crash, power cut, kill), otherwise only
        // the header and schema are read. quick_check reads the whole file (about 1 s for 1M alarms),
        // too slow for every start-up; random bytes, a truncated file or a foreign file are still
        // caught by the header and schema read.
        Auto,
        Quick, // PRAGMA quick_check: structure and page-level damage, O(file) but no index cross-check
        Full   // PRAGMA integrity_check: also every index against its table (slow on large caches)
    };

    // <AppLocalDataLocation>/cache/<profile>.sqlite; the profile name is made file-name safe.
    static QString defaultPath(const QString &profileName);

    // Opens (creates) and migrates the cache at `path`. A damaged file is renamed to
    // `<name>.corrupt-<yyyyMMdd-hhmmss>` (never deleted), its outbox is salvaged when readable, and a
    // fresh cache takes its place. Changes left in `<path>.unsaved` by the last session (disk full,
    // damaged file at quit) are then written into the cache. An existing file this user cannot write
    // is only read, never changed: ReadOnly when it is a current cache that can be read, Failed
    // otherwise. Never throws, never crashes on bad files.
    static CacheOpenResult open(const QString &path, Check check = Check::Auto);
};

} // namespace noc
