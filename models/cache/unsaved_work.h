#pragma once

#include "cache/cache_batch.h"

#include <QList>
#include <QString>

namespace noc {

// The user's work the cache could not take before the console stopped (disk full, damaged file),
// kept in a side file `<cache>.unsaved` next to the cache and put into the cache at the next start.
//
// Why a side file and not "keep retrying until it works": quitting cannot wait for a disk to be freed,
// and a writer that is torn down with batches still queued would drop them. The file is small (only
// the parts of a batch that are the user's: outbox entries, the optimistic rows and pending marks,
// the map positions the user placed (they exist nowhere else: the server does not keep them), never
// the server's data, which the next sync loads again), so it usually fits where the cache's
// next page did not; when even it cannot be written the entries go to the log (error level, as JSON)
// so an engineer can still recover them by hand.
//
// Format (UTF-8 JSON, one object): {"format": "noc-console-unsaved", "version": 1, "batches": [b...]}
// where each b holds "outbox" (entries with uuid, kind, targetKind, targetId, payload (text),
// baseVersion, createdMs), "alarms" / "tickets" (TMF JSON as tmf_codec encodes them),
// "pendingAlarms" / "pendingTickets" ({id: bool}), "outboxRemovals" ([uuid]), "conflictRemovals" ([id]),
// "mapPositions" ([{mapViewId, elementId, x, y, pinned}]; a file without it, as written before pins
// were kept, reads as having none).
class UnsavedWork {
public:
    static QString sidePath(const QString &cachePath);

    // True when the batch holds something the user did (an outbox entry to send, a map position).
    static bool holdsUserWork(const CacheBatch &batch);
    // The user's part of a batch (see above); server data in it is left out.
    static CacheBatch userPart(const CacheBatch &batch);

    // Adds `batches` (their user parts) after what the side file already holds. Atomic (QSaveFile):
    // on failure the old file is untouched and *error says why.
    static bool append(const QString &cachePath, const QList<CacheBatch> &batches, QString *error);
    // The batches in the side file; empty when there is none. A file that cannot be read gives an
    // empty list and *error (the file is then left alone for a person to look at).
    static QList<CacheBatch> read(const QString &cachePath, QString *error);
    static bool remove(const QString &cachePath);

    static QByteArray toJson(const QList<CacheBatch> &batches);
    static QList<CacheBatch> fromJson(const QByteArray &json, QString *error);
    // What a batch counts as in the "N change(s)" notices: its outbox entries and map positions.
    static int changeCount(const CacheBatch &batch);
};

} // namespace noc
