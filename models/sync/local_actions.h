#pragma once

#include "cache/cache_batch.h"

#include <QJsonObject>

// What a user does, turned into one CacheBatch: the optimistic effect on the cached rows, the
// pending marks, and one outbox entry per request the server must see. The batch is applied in one
// transaction, so the UI shows the change at once and nothing is lost if the console dies before
// it is sent. The sender (OutboxSender) replays entries with their uuid as Idempotency-Key.
//
// An entry's payload is the request to make:
//   {"api": "alarm"|"ticket", "method": "PATCH"|"POST", "path": "/alarm/42",
//    "contentType": "application/merge-patch+json", "body": {...}}
namespace noc::actions {

struct Context {
    QString userId;                                   // ackUserId, note author, ...
    QString systemId = QStringLiteral("noc-console"); // ackSystemId / clearSystemId
    EpochMs nowMs = 0;                                // 0 = current time
};

CacheBatch acknowledgeAlarms(const QList<Alarm> &alarms, const Context &context);
CacheBatch unacknowledgeAlarms(const QList<Alarm> &alarms, const Context &context);
CacheBatch clearAlarms(const QList<Alarm> &alarms, const Context &context);
CacheBatch commentAlarms(const QList<Alarm> &alarms, const QString &text, const Context &context);

// A ticket created offline gets a temporary id "local-<uuid>" until the server answers with its own.
CacheBatch createTicket(const TroubleTicket &draft, const Context &context);
// Status change checked against the profile's workflow; an invalid one returns an empty batch and
// a plain-words reason in *error.
CacheBatch changeTicketStatus(const TroubleTicket &ticket, TicketStatus to, const QString &reason,
                              const Context &context, QString *error);
CacheBatch addTicketNote(const TroubleTicket &ticket, const QString &text, const Context &context);
// Generic edit (description, severity, priority, assignee, related entities): `after` is the
// edited ticket; the merge-patch holds only the fields that differ.
CacheBatch editTicket(const TroubleTicket &before, const TroubleTicket &after, const Context &context);

// The Conflicts list: send the user's intent again (a new outbox entry with the same request), or
// drop it. Both remove the conflict and the refused outbox entry.
CacheBatch reapplyConflict(const ConflictRecord &conflict, const Context &context);
CacheBatch discardConflict(const ConflictRecord &conflict);

bool isLocalTicketId(const QString &id);

} // namespace noc::actions
