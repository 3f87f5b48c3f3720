#pragma once

#include "cache/outbox_entry.h"

#include <QElapsedTimer>
#include <QHash>

namespace noc {

// What the outbox sender does next with a ticket create the server answered with a 201 that named no
// ticket (outbox_sender.h): look the ticket up by its externalId, post the create again with the same
// Idempotency-Key, or give up and show it among the refused changes. Without a bound the entry waited
// for ever, holding the ticket's later edits and counted as pending.
class UnconfirmedCreates {
public:
    struct Patience {
        // A lookup can miss for a while on a server whose search lags its writes (an index refreshed
        // every few seconds, a read replica behind). Several misses spread over two minutes say it will
        // not list the ticket this way; one quick miss does not. Both must hold, as the lookups come
        // with the engine's catch-ups (every 15 s) and may come faster after a reconnect.
        int lookupsPerRound = 5;
        int roundMs = 2 * 60 * 1000;
        // Posting again with the same key is answered from the server's stored result (ops-api.md), so
        // it makes no second ticket. If the answer is spoilt each time (a proxy that breaks them), more
        // tries will not help: after this many such answers the entry is given up, about 6 minutes
        // after the first while connected.
        int answers = 3;
    };
    // The server keeps Idempotency-Keys for at least 24 h (ops-api.md); after that a post with the same
    // key could make a second ticket. A create the user made longer ago than this (its first post can
    // only be later) is given up instead of posted again: e.g. a console closed for a day while the
    // create waited to be confirmed.
    static constexpr qint64 kPostAgainWithinMs = 20LL * 60 * 60 * 1000;
    enum class Step { LookUp, PostAgain, GiveUp };

    explicit UnconfirmedCreates(const Patience &patience)
        : m_patience(patience) {}

    // The next step for this entry; the first call for it in this run starts its round of lookups.
    // nowMs: the wall clock, to compare with the entry's createdMs.
    Step next(const OutboxEntry &entry, qint64 nowMs);
    void missed(const QString &uuid); // a lookup answered, without the ticket
    // The server will not answer the lookup at all (403, 400, 404 ...): more lookups cannot help, so
    // the round ends now.
    void lookupRefused(const QString &uuid);
    void forget(const QString &uuid); // found, posted again (a new round follows), or given up

    // How many 201s without a ticket the create has had, from its stored reason (at least 1).
    static int answersSoFar(const OutboxEntry &entry);

private:
    struct Round {
        int misses = 0;
        bool refused = false;
        QElapsedTimer since;
    };
    Patience m_patience;
    // In memory: after a restart a create gets a new round, but the answers count is on disk, so the
    // number of posts stays bounded.
    QHash<QString, Round> m_rounds;
};

} // namespace noc
