#pragma once

#include "sync/sync_status.h"

#include <QCoreApplication>
#include <QString>

namespace noc {

// Plain-words descriptions of the sync status for the status bar and the views' "fresh as of"
// lines. Nothing looks live when it is not: anything but Live names the age of the data.
class SyncStatusText {
    Q_DECLARE_TR_FUNCTIONS(SyncStatusText)
public:
    // One line for the status bar, e.g. "Live · 3 pending" or "Offline · data as of 14:02 (12 min ago)".
    static QString summary(const SyncStatus &status, EpochMs nowMs);
    // Several lines for the tooltip: per-collection last sync, counts, last error.
    static QString details(const SyncStatus &status, EpochMs nowMs);
    // "as of 14:02, offline 12 min" for a view's header; before the first sync "connecting…" or
    // "first sync…".
    static QString freshness(const SyncStatus &status, EpochMs nowMs);
    // What a sync step brings in, in words ("tickets" for "troubleTicket"); unknown names as they are.
    static QString collectionText(const QString &collection);
    // "just now", "3 min", "2 h 5 min", "3 d 7 h" (from a day on: the ticket workload's oldest open
    // ticket, a long offline spell).
    static QString age(qint64 ms);
    // Why an action that writes (alarm actions, a new ticket) is disabled while the cache cannot be
    // written (disk full, read-only file, damaged file), for its tooltip; empty when it can be.
    static QString cannotSaveReason(const SyncStatus &status);
};

} // namespace noc
