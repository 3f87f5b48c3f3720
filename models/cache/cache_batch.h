#pragma once

#include "cache/cache_records.h"
#include "cache/outbox_entry.h"
#include "domain/types.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>

namespace noc {

// Change of one outbox entry's delivery state (the sender's bookkeeping).
struct OutboxStateUpdate {
    QString uuid;
    OutboxState state = OutboxState::Pending;
    int attempts = 0;
    QString lastError;
};

// "The server's full listing of kind K is exactly these ids": rows of that kind whose id is not in
// keepIds are removed, except rows with a pending local change (a ticket created offline must not
// vanish because the server has not seen it yet). Applied after the batch's upserts and removals.
struct ReplaceAll {
    EntityKind kind = EntityKind::Alarm;
    QSet<QString> keepIds;
};

// Everything one sync step wants written, applied by CacheWriter in ONE transaction, in this order:
// sites, elements, links, alarms, tickets (upserts); removals; replace-all reconciles; outbox inserts,
// state updates, removals; conflicts; pending marks; map positions; sync state; metadata.
// An optimistic local effect and its outbox entry therefore land together or not at all.
struct CacheBatch {
    QList<Site> sites;
    QList<NetworkElement> elements;
    QList<Link> links;
    QList<Alarm> alarms;
    QList<TroubleTicket> tickets;

    QStringList removedSiteIds;
    QStringList removedElementIds;
    QStringList removedLinkIds;
    QStringList removedAlarmIds;
    QStringList removedTicketIds;

    QList<ReplaceAll> replaceAll;

    QList<OutboxEntry> outboxInserts;
    QList<OutboxStateUpdate> outboxUpdates;
    QStringList outboxRemovals; // uuids
    QList<ConflictRecord> conflictInserts;
    QList<qint64> conflictRemovals; // ConflictRecord::id

    // id -> true sets the "local unconfirmed change" mark, false clears it.
    QHash<QString, bool> pendingAlarmIds;
    QHash<QString, bool> pendingTicketIds;

    QList<MapPosition> mapPositions;
    QList<SyncState> syncStates;      // replaces the row of that collection
    QHash<QString, QString> metadata; // key -> value; a null QString removes the key

    bool isEmpty() const;
    // Rough number of rows; the worker uses it only for logging.
    qsizetype size() const;
};

} // namespace noc

Q_DECLARE_METATYPE(noc::CacheBatch)
