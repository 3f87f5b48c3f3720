#pragma once

#include "domain/types.h"

#include <QHash>
#include <QMetaType>
#include <QString>

namespace noc {

// What the sync engine is doing, for the status bar and the "fresh as of" lines of the views.
enum class SyncPhase { Offline, Connecting, InitialSync, Live, Reconnecting };

struct SyncStatus {
    SyncPhase phase = SyncPhase::Offline;
    bool polling = false; // Live by polling deltas (server without an event stream)
    // Empty when fine. A request's error in its stored form (ApiResponse::storedError(): the server's
    // "(HTTP nnn)" or the console's code for no answer or an interrupted stream), shown through
    // ApiResponse::describeStoredError() in the language of the moment it is read; else plain words
    // in the language active when it happened (a refused token or transport, a cache error).
    QString error;
    QString warning; // e.g. insecure transport
    bool authenticationFailed = false;
    qint64 pending = 0;                  // outbox entries waiting to be sent
    qint64 failed = 0;                   // refused by the server (4xx), shown to the user
    qint64 conflicts = 0;                // in the Conflicts list
    QHash<QString, EpochMs> lastSuccess; // collection -> last successful sync
    EpochMs lastContactMs = 0;           // last answer of any kind from the server
    EpochMs offlineSinceMs = 0;          // when the link was lost; 0 when online
    QString progressCollection;          // during InitialSync
    qint64 progressDone = 0;
    qint64 progressTotal = 0;
    qint64 eventsApplied = 0;
    qint64 recordsRejected = 0; // server records the codec could not use
    qint64 framesSkipped = 0;   // malformed event frames
    int nextRetrySeconds = 0;
    int failures = 0; // failed connection attempts in a row (the backoff's exponent); 0 once connected
    // Set by SyncSession while the cache writer cannot write (disk full, damaged file): the user's
    // latest changes are not on disk yet. Cleared by the writer's next successful commit.
    QString cacheWriteError; // plain words; empty when the writer is fine
    bool cacheDiskFull = false;

    bool isLive() const { return phase == SyncPhase::Live; }
};

QString phaseName(SyncPhase phase); // untranslated, for logs and the command line

} // namespace noc

Q_DECLARE_METATYPE(noc::SyncStatus)
