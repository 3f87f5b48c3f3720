#pragma once

#include "domain/types.h"

#include <QByteArray>
#include <QString>

// Small records of the cache besides the domain values: conflicts, sync state, map positions.
namespace noc {

// The kinds of domain rows the cache holds; ChangeSet and CacheBatch report per kind.
enum class EntityKind { Alarm, Ticket, Element, Site, Link };

// A local mutation the server refused because the target changed (409/412): the user decides.
struct ConflictRecord {
    qint64 id = 0;      // assigned by the cache on insert
    QString outboxUuid; // empty when the outbox entry has been removed since
    QString kind;       // the outbox entry's kind
    QString targetKind;
    QString targetId;
    QByteArray userIntent;  // JSON: what the user wanted
    QByteArray serverState; // JSON: the server's current version of the target
    QString message;        // plain words, shown in the Conflicts list
    EpochMs createdMs = 0;

    friend bool operator==(const ConflictRecord &, const ConflictRecord &) = default;
};

// Per collection ("alarm", "troubleTicket", "resource", "event") sync bookkeeping.
struct SyncState {
    QString collection;
    EpochMs highWaterMs = 0;    // newest change time seen (delta queries start here minus skew)
    EpochMs lastFullSyncMs = 0; // last full reconcile
    EpochMs lastSuccessMs = 0;  // last successful contact; the UI's "fresh as of"
    qint64 streamSeq = 0;       // event stream sequence number to resume from

    friend bool operator==(const SyncState &, const SyncState &) = default;
};

// Where an element sits on one map view; pinned positions are left alone by auto-layout.
struct MapPosition {
    QString mapViewId;
    QString elementId;
    double x = 0;
    double y = 0;
    bool pinned = false;

    friend bool operator==(const MapPosition &, const MapPosition &) = default;
};

} // namespace noc
