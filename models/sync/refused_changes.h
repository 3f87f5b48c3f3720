#pragma once

#include "cache/cache_batch.h"
#include "cache/cache_records.h"
#include "sync/outbox_reason.h"
#include "sync/roles.h"

#include <optional>

namespace noc {

class CacheReader;

// A local change the server refused outright (a 4xx other than a conflict: 403, 404, 422 ...). The
// sender leaves it in the outbox marked failed, with the server's words as its last error, and has
// already put the server's state into the cache; the user reads why and discards it. Also a ticket
// create the server answered but never named, and that ticket's later changes (OutboxReason): the
// console gave up on them, with the reason as their last error.
struct RefusedChange {
    enum class Reason {
        TargetGone,   // 404/410: the server no longer has the alarm or ticket
        NotAllowed,   // 403: the user's role may not do this
        Rejected,     // any other 4xx: the server's own words say why
        NotConfirmed, // the console's own reason (OutboxReason): created, but never named by the server
        NoTicket,     // the console's own reason: a change of a ticket the server refused to create
    };

    OutboxEntry entry;
    int httpStatus = 0;                        // 0 when the stored error names none
    QString serverMessage;                     // the server's words without the "(HTTP n)" suffix
    std::optional<OutboxReason> consoleReason; // set for NotConfirmed and NoTicket

    Reason reason() const;
};

namespace refused {

// The failed entries of the outbox, in send order.
QList<RefusedChange> list(CacheReader &reader);
// Reads an entry's last error as OutboxSender stored it (ApiResponse::storedError(): "<message>
// (HTTP 404)" or "HTTP 404").
RefusedChange fromEntry(const OutboxEntry &entry);
// Drops the entry: the cache already shows the server's state, so nothing else changes.
CacheBatch discard(const RefusedChange &change);

// Why "Apply again" must not send a conflict's change: the user's role (roles.h) or the ticket
// workflow (ticket_workflow.h) does not allow it. Empty when it may go. `ticketNow` is the cached
// ticket a status change would move (the server's version after the conflict).
QString reapplyRefusal(const ConflictRecord &conflict, Role role,
                       const std::optional<TroubleTicket> &ticketNow);

} // namespace refused
} // namespace noc
