#pragma once

#include "cache/cache_batch.h"
#include "sync/outbox_reason.h"
#include "sync/unconfirmed_creates.h"

#include <QObject>
#include <QSet>
#include <QTimer>
#include <functional>
#include <optional>

namespace noc {

class CacheReader;
class OpsApiClient;
struct ApiResponse;

// Sends the outbox to the server, one entry at a time in outbox order (so per target, too), each with
// `Idempotency-Key: <uuid>` and `If-Match` when the entry knows its base version. The outcome is
// written back through `submit` in one batch with the server's version of the target:
//   2xx          entry removed, server state replaces the optimistic one, pending mark cleared
//   5xx/429/none entry kept, attempts and last error recorded; the engine reconnects with backoff
//                (no later than Retry-After asks). A request this side aborted before any answer is
//                not an attempt: nothing is recorded.
//   409/412      server state replaces the optimistic one; the user's intent goes to Conflicts
//   401          nothing changes; the engine reports the refused token
//   201 to a ticket create whose body names no ticket (not JSON, no id): the server has the ticket
//                but the console does not know its id. The entry stays, marked Sent with the reason
//                (OutboxReason, one form for every language), and the sender finds the ticket by the
//                externalId the create carried (the local id), then goes on as after a readable answer.
//                Until then the ticket's later entries wait, so they reach the right ticket. A lookup
//                that keeps missing (UnconfirmedCreates says how long) is followed by the create posted
//                again with the same Idempotency-Key, which the server answers from its stored result
//                without making a second ticket; when that never names the ticket either, the create
//                and the ticket's later entries are marked failed with the reason, shown among the
//                refused changes with everything the user entered. A lookup answered with an error is
//                handled like any other answer (401, transient, refused), never as a miss.
//   other 4xx    entry marked failed with the server's message; server state restored (a target the
//                server no longer has leaves the cache); listed with its reason (refused_changes.h)
// An entry is resent after a crash with the same key, so the server applies it at most once.
class OutboxSender : public QObject {
    Q_OBJECT
public:
    using Submit = std::function<void(const CacheBatch &)>;

    OutboxSender(OpsApiClient *client, CacheReader *reader, Submit submit,
                 const UnconfirmedCreates::Patience &patience = {}, QObject *parent = nullptr);

    // Sends what is pending; a no-op while a request is in flight.
    void kick();
    // Looks again for the tickets whose create was answered unreadably and not found yet (the
    // engine's periodic catch-up), then kicks.
    void retryLookups();
    bool isBusy() const { return m_busy; }

signals:
    void authenticationFailed(const QString &reason);
    // reason: ApiResponse::storedError(); retryAfterSeconds: the server's Retry-After, 0 when it sent none.
    void connectionLost(const QString &reason, int retryAfterSeconds);
    void countsChanged();

private:
    void send(const OutboxEntry &entry);
    void keepUnconfirmedCreate(const OutboxEntry &entry);
    void confirmCreate(const OutboxEntry &entry);
    void lookUpCreatedTicket(const OutboxEntry &entry);
    void onLookupFailed(const OutboxEntry &entry, const ApiResponse &response);
    void giveUpOnCreate(const OutboxEntry &entry);
    enum class Orphan { Waits, Refused };
    std::optional<Orphan> ticketNeverCreated(const OutboxEntry &entry,
                                             const QList<OutboxEntry> &outbox) const;
    void refuseWithoutTicket(const OutboxEntry &entry, const QList<OutboxEntry> &outbox);
    void onTransientAnswer(const OutboxEntry &entry, const ApiResponse &response);
    void adoptCreatedTicket(const OutboxEntry &entry, const TroubleTicket &created, CacheBatch &batch);
    void onAnswer(const OutboxEntry &entry, const ApiResponse &response);
    void restoreServerState(const OutboxEntry &entry, const ApiResponse &answer, bool conflict);
    void addServerVersion(const QString &targetKind, const QByteArray &body, CacheBatch &batch) const;
    QUrl targetUrl(const QString &targetKind, const QString &targetId) const;
    QString resolvedId(const QString &id) const;
    void finish(const OutboxEntry &entry, CacheBatch &batch);

    OpsApiClient *m_client;
    CacheReader *m_reader;
    Submit m_submit;
    bool m_busy = false;
    // Entries answered but whose removal may not have reached the disk yet: never sent twice.
    QSet<QString> m_done;
    QHash<QString, QString> m_idMap;         // local ticket id -> server id, learnt this run
    QHash<QString, OutboxReason> m_noTicket; // local ticket id -> why its create failed, this run
    // Local ids whose ticket the server did not list (yet): their entries wait for retryLookups().
    QSet<QString> m_notFound;
    // Creates answered unreadably this run (uuids), Sent even before that mark is on disk.
    QSet<QString> m_createdUnread;
    UnconfirmedCreates m_unconfirmed;
};

} // namespace noc
