#include "outbox_sender.h"

#include "cache/cache_reader.h"
#include "domain/tmf_codec.h"
#include "logging.h"
#include "sync/local_actions.h"
#include "sync/ops_api_client.h"
#include "sync/outbox_reason.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace noc {

namespace {
QList<OutboxEntry> pendingEntries(CacheReader &reader) {
    QList<OutboxEntry> pending;
    for (OutboxEntry &entry : reader.outbox())
        if (entry.state == OutboxState::Pending)
            pending.append(std::move(entry));
    return pending;
}

auto log() {
    return logging::logger("sync");
}
const QString kIdMapPrefix = QStringLiteral("idmap/");
const QString kTicketCreate = QStringLiteral("ticket.create");
} // namespace

OutboxSender::OutboxSender(OpsApiClient *client, CacheReader *reader, Submit submit,
                           const UnconfirmedCreates::Patience &patience, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_reader(reader)
    , m_submit(std::move(submit))
    , m_unconfirmed(patience) {}

QString OutboxSender::resolvedId(const QString &id) const {
    if (!actions::isLocalTicketId(id))
        return id;
    if (const auto it = m_idMap.constFind(id); it != m_idMap.cend())
        return *it;
    const QString stored = m_reader->metadata(kIdMapPrefix + id);
    return stored.isEmpty() ? id : stored;
}

QUrl OutboxSender::targetUrl(const QString &targetKind, const QString &targetId) const {
    const ConnectionProfile &profile = m_client->profile();
    QUrl url = targetKind == QLatin1String("ticket") ? profile.ticketApi() : profile.alarmApi();
    url.setPath(url.path() +
                (targetKind == QLatin1String("ticket") ? QStringLiteral("/troubleTicket/")
                                                       : QStringLiteral("/alarm/")) +
                resolvedId(targetId));
    return url;
}

void OutboxSender::kick() {
    if (m_busy)
        return;
    const QList<OutboxEntry> entries = m_reader->outbox();
    for (const OutboxEntry &entry : entries) {
        if (m_done.contains(entry.uuid) || m_notFound.contains(entry.targetId))
            continue;
        // Sent: created on the server, id not known yet. The set covers the moment before the mark
        // reaches the disk, when the row still says Pending: such a create is looked up, and posted
        // again only when UnconfirmedCreates says so.
        if (entry.kind == kTicketCreate &&
            (entry.state == OutboxState::Sent || m_createdUnread.contains(entry.uuid))) {
            confirmCreate(entry);
            return;
        }
        if (entry.state == OutboxState::Pending) {
            if (const auto without = ticketNeverCreated(entry, entries)) {
                if (*without == Orphan::Waits)
                    continue;
                refuseWithoutTicket(entry, entries);
                return;
            }
            send(entry);
            return;
        }
    }
}

// A change of a ticket made here whose create did not give it a server id, and will not now: sent, it
// would go to /troubleTicket/local-..., which no server has. nullopt for every other entry.
std::optional<OutboxSender::Orphan> OutboxSender::ticketNeverCreated(const OutboxEntry &entry,
                                                                     const QList<OutboxEntry> &outbox) const {
    if (entry.kind == kTicketCreate || entry.targetKind != QLatin1String("ticket") ||
        !actions::isLocalTicketId(resolvedId(entry.targetId)))
        return std::nullopt;
    if (m_noTicket.contains(entry.targetId))
        return Orphan::Refused;
    for (const OutboxEntry &create : outbox) {
        if (create.kind != kTicketCreate || create.targetId != entry.targetId)
            continue;
        // A create in conflict waits for the user to apply it again or discard it; its changes wait
        // with it. Done this run without a server id and not refused (m_noTicket) is such a conflict
        // whose mark has not reached the disk yet.
        if (create.state == OutboxState::Conflict || m_done.contains(create.uuid))
            return Orphan::Waits;
        return create.state == OutboxState::Failed ? std::optional(Orphan::Refused) : std::nullopt;
    }
    return Orphan::Refused; // its create was discarded
}

// Refused with the create's reason, keeping the user's data in the entry.
void OutboxSender::refuseWithoutTicket(const OutboxEntry &entry, const QList<OutboxEntry> &outbox) {
    OutboxReason reason =
        m_noTicket.value(entry.targetId, {OutboxReason::Code::CreateRefused, entry.targetId, 0});
    for (const OutboxEntry &create : outbox) {
        const auto createReason = OutboxReason::parse(create.lastError);
        if (create.kind == kTicketCreate && create.targetId == entry.targetId && createReason &&
            createReason->code == OutboxReason::Code::CreateNotConfirmed)
            reason = {OutboxReason::Code::WaitsForCreate, entry.targetId, createReason->answers};
    }
    log()->warn("Not sending outbox entry {} ({}): ticket {} was never created on the server",
                entry.uuid.toStdString(), entry.kind.toStdString(), entry.targetId.toStdString());
    CacheBatch batch;
    batch.outboxUpdates.append({entry.uuid, OutboxState::Failed, entry.attempts, reason.stored()});
    m_busy = true; // finish() ends it
    finish(entry, batch);
    kick();
}

void OutboxSender::retryLookups() {
    if (m_notFound.isEmpty())
        return;
    m_notFound.clear();
    kick();
}

void OutboxSender::send(const OutboxEntry &entry) {
    const QJsonObject request = QJsonDocument::fromJson(entry.payload).object();
    const QString api = request.value(QLatin1String("api")).toString();
    QString path = request.value(QLatin1String("path")).toString();
    const QString resolved = resolvedId(entry.targetId);
    if (resolved != entry.targetId)
        path.replace(entry.targetId, resolved);
    const ConnectionProfile &profile = m_client->profile();
    QUrl url = api == QLatin1String("ticket") ? profile.ticketApi() : profile.alarmApi();
    url.setPath(url.path() + path);

    QHash<QByteArray, QByteArray> headers;
    headers.insert("Idempotency-Key", entry.uuid.toUtf8());
    if (!entry.baseVersion.isEmpty())
        headers.insert("If-Match", entry.baseVersion.toUtf8());
    QJsonObject json = request.value(QLatin1String("body")).toObject();
    // The create's correlation key: should its answer not be readable, the ticket is found by it
    // (lookUpCreatedTicket). Added here, not when the entry is made, so that creates queued by an
    // older console carry it too.
    if (entry.kind == kTicketCreate && !json.contains(QLatin1String("externalId")))
        json.insert(QStringLiteral("externalId"), entry.targetId);
    const QByteArray body = QJsonDocument(json).toJson(QJsonDocument::Compact);
    m_busy = true;
    log()->debug("Sending outbox entry {} ({} {})", entry.uuid.toStdString(), entry.kind.toStdString(),
                 entry.targetId.toStdString());
    m_client->send(request.value(QLatin1String("method")).toString().toLatin1(), url, body,
                   request.value(QLatin1String("contentType")).toString().toLatin1(), headers,
                   [this, entry](const ApiResponse &response) { onAnswer(entry, response); });
}

void OutboxSender::addServerVersion(const QString &targetKind, const QByteArray &body,
                                    CacheBatch &batch) const {
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    if (targetKind == QLatin1String("ticket")) {
        if (auto ticket = tmf::decodeTicket(json))
            batch.tickets.append(*ticket);
    } else if (auto alarm = tmf::decodeAlarm(json)) {
        batch.alarms.append(*alarm);
    }
}

// Bookkeeping common to every final outcome: the pending mark stays while other entries for the
// same target are still waiting.
void OutboxSender::finish(const OutboxEntry &entry, CacheBatch &batch) {
    m_done.insert(entry.uuid);
    bool othersPending = false;
    for (const OutboxEntry &other : pendingEntries(*m_reader))
        if (other.uuid != entry.uuid && !m_done.contains(other.uuid) && other.targetId == entry.targetId)
            othersPending = true;
    const QString id = resolvedId(entry.targetId);
    if (!othersPending) {
        if (entry.targetKind == QLatin1String("ticket"))
            batch.pendingTicketIds.insert(id, false);
        else
            batch.pendingAlarmIds.insert(id, false);
    }
    m_submit(batch);
    m_busy = false;
    emit countsChanged();
}

void OutboxSender::onAnswer(const OutboxEntry &entry, const ApiResponse &response) {
    if (response.ok()) {
        CacheBatch batch;
        batch.outboxRemovals.append(entry.uuid);
        if (entry.kind == kTicketCreate) {
            const auto created = tmf::decodeTicket(QJsonDocument::fromJson(response.body).object());
            if (!created) {
                keepUnconfirmedCreate(entry);
                return;
            }
            m_createdUnread.remove(entry.uuid);
            m_unconfirmed.forget(entry.uuid);
            adoptCreatedTicket(entry, *created, batch);
            finish(entry, batch);
            kick();
            return;
        }
        // Task resources (commentAlarms) answer with the task, not the alarm: fetch the alarm.
        const QJsonObject answer = QJsonDocument::fromJson(response.body).object();
        if (answer.contains(QLatin1String("alarmPattern")) || answer.isEmpty()) {
            m_client->get(targetUrl(entry.targetKind, entry.targetId),
                          [this, entry, batch](const ApiResponse &current) mutable {
                              if (current.ok())
                                  addServerVersion(entry.targetKind, current.body, batch);
                              finish(entry, batch);
                              kick();
                          });
            return;
        }
        addServerVersion(entry.targetKind, response.body, batch);
        finish(entry, batch);
        kick();
        return;
    }

    if (response.status == 401) {
        m_busy = false;
        emit authenticationFailed(response.storedError());
        return;
    }
    if (response.isTransient()) {
        onTransientAnswer(entry, response);
        return;
    }
    const bool conflict = response.status == 409 || response.status == 412;
    restoreServerState(entry, response, conflict);
}

void OutboxSender::onTransientAnswer(const OutboxEntry &entry, const ApiResponse &response) {
    m_busy = false;
    // Aborted here before any answer (the engine tears the connection down because another request
    // failed, or stops): the server never saw or never answered this try, and the network did not
    // fail it, so it is no attempt and its "cancelled" is no error worth keeping. The engine is already
    // handling the failure that caused the abort; the report below is one it ignores.
    if (!response.abandoned()) {
        CacheBatch batch;
        // A create posted again (Sent) keeps its mark and reason: it is still created and unconfirmed.
        const bool sent = entry.state == OutboxState::Sent;
        batch.outboxUpdates.append({entry.uuid, sent ? OutboxState::Sent : OutboxState::Pending,
                                    entry.attempts + 1, sent ? entry.lastError : response.storedError()});
        m_submit(batch);
    }
    emit connectionLost(response.storedError(), response.retryAfterSeconds());
}

// The server named the ticket: the local stand-in gives way to it, and later entries that still say
// "local-..." are sent to the real id.
void OutboxSender::adoptCreatedTicket(const OutboxEntry &entry, const TroubleTicket &created,
                                      CacheBatch &batch) {
    m_idMap.insert(entry.targetId, created.id);
    batch.metadata.insert(kIdMapPrefix + entry.targetId, created.id);
    batch.removedTicketIds.append(entry.targetId);
    batch.tickets.append(created);
    batch.pendingTicketIds.insert(entry.targetId, false);
}

// A 2xx to a create without a ticket we can read (a body cut short by a dropped connection, a proxy
// that spoilt it, a server that left out the id). Dropping the entry, as this once did, lost the
// local id -> server id mapping: the ticket's later edits went to no ticket. Posting again at once
// asks the server for nothing new. So the entry stays, marked Sent, with the reason, and the ticket
// is looked up by its externalId first; it is posted again (same key, well inside the server's 24 h)
// only after the lookups kept missing (UnconfirmedCreates).
void OutboxSender::keepUnconfirmedCreate(const OutboxEntry &entry) {
    const bool again = entry.state == OutboxState::Sent || m_createdUnread.contains(entry.uuid);
    const OutboxReason reason{OutboxReason::Code::CreateUnconfirmed, entry.targetId,
                              again ? UnconfirmedCreates::answersSoFar(entry) + 1 : 1};
    log()->warn("The server created ticket {} (outbox entry {}) but its answer named no ticket ({} such "
                "answer(s)); looking it up by its externalId",
                entry.targetId.toStdString(), entry.uuid.toStdString(), reason.answers);
    m_createdUnread.insert(entry.uuid);
    m_unconfirmed.forget(entry.uuid); // a new round of lookups
    CacheBatch batch;
    batch.outboxUpdates.append({entry.uuid, OutboxState::Sent, entry.attempts + 1, reason.stored()});
    m_submit(batch);
    m_busy = false;
    emit countsChanged();
    kick();
}

void OutboxSender::confirmCreate(const OutboxEntry &entry) {
    switch (m_unconfirmed.next(entry, QDateTime::currentMSecsSinceEpoch())) {
    case UnconfirmedCreates::Step::LookUp:
        lookUpCreatedTicket(entry);
        return;
    case UnconfirmedCreates::Step::PostAgain:
        log()->warn("Ticket {} is still not found; posting its create again with the same Idempotency-Key {}",
                    entry.targetId.toStdString(), entry.uuid.toStdString());
        m_unconfirmed.forget(entry.uuid);
        send(entry);
        return;
    case UnconfirmedCreates::Step::GiveUp:
        giveUpOnCreate(entry);
        return;
    }
}

void OutboxSender::lookUpCreatedTicket(const OutboxEntry &entry) {
    QUrl url = m_client->profile().ticketApi();
    url.setPath(url.path() + QStringLiteral("/troubleTicket"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("externalId"), entry.targetId);
    url.setQuery(query);
    m_busy = true;
    m_client->get(url, [this, entry](const ApiResponse &response) {
        if (!response.ok()) {
            onLookupFailed(entry, response);
            return;
        }
        // Checked here too: a server that ignores an unknown filter answers with every ticket.
        std::optional<TroubleTicket> found;
        for (const QJsonValue &value : QJsonDocument::fromJson(response.body).array()) {
            const QJsonObject json = value.toObject();
            if (json.value(QLatin1String("externalId")).toString() != entry.targetId)
                continue;
            found = tmf::decodeTicket(json);
            if (found)
                break;
        }
        if (!found) {
            // Not listed (yet): the entry and the ticket's later ones wait for the next catch-up;
            // other entries go on.
            log()->warn("Ticket {} is not on the server's list yet (no ticket with that externalId); looking "
                        "again later",
                        entry.targetId.toStdString());
            m_unconfirmed.missed(entry.uuid);
            m_notFound.insert(entry.targetId);
            m_busy = false;
            kick();
            return;
        }
        log()->info("Ticket {} is {} on the server", entry.targetId.toStdString(), found->id.toStdString());
        m_createdUnread.remove(entry.uuid);
        m_unconfirmed.forget(entry.uuid);
        CacheBatch batch;
        batch.outboxRemovals.append(entry.uuid);
        adoptCreatedTicket(entry, *found, batch);
        finish(entry, batch);
        kick();
    });
}

// An error is an answer about the lookup, not "the ticket is not there": counted as a miss, a server
// in trouble or a refused token would have ended in a repost and a give-up instead of a backoff or
// "sign in again".
void OutboxSender::onLookupFailed(const OutboxEntry &entry, const ApiResponse &response) {
    m_busy = false;
    if (response.status == 401) {
        emit authenticationFailed(response.storedError());
        return;
    }
    if (response.isTransient()) {
        emit connectionLost(response.storedError(), response.retryAfterSeconds());
        return;
    }
    // Refused (403, 400, 404 ...): asking again the same way will not help; posting the create again
    // with its key is the other way to learn the ticket's id.
    log()->warn("The server refused to look up ticket {} by its externalId: {}", entry.targetId.toStdString(),
                response.storedError().toStdString());
    m_unconfirmed.lookupRefused(entry.uuid);
    kick();
}

// Never named nor found: the entry leaves the wait, shown among the refused changes with everything
// the user entered (its payload) and the reason. The ticket's later entries cannot reach it (no server
// id), so they are refused with it rather than sent to no ticket or left waiting for ever.
void OutboxSender::giveUpOnCreate(const OutboxEntry &entry) {
    const int answers = UnconfirmedCreates::answersSoFar(entry);
    log()->error(
        "Giving up on confirming ticket {} (outbox entry {}) after {} answer(s) that named no ticket; "
        "listed among the refused changes",
        entry.targetId.toStdString(), entry.uuid.toStdString(), answers);
    m_unconfirmed.forget(entry.uuid);
    m_createdUnread.remove(entry.uuid);
    m_notFound.remove(entry.targetId);
    CacheBatch batch;
    batch.outboxUpdates.append(
        {entry.uuid, OutboxState::Failed, entry.attempts,
         OutboxReason{OutboxReason::Code::CreateNotConfirmed, entry.targetId, answers}.stored()});
    m_noTicket.insert(entry.targetId, {OutboxReason::Code::WaitsForCreate, entry.targetId, answers});
    finish(entry, batch);
    kick();
}

void OutboxSender::restoreServerState(const OutboxEntry &entry, const ApiResponse &answer, bool conflict) {
    // Kept in the outbox and the conflict list: the stored form, read back and put in the user's
    // words when shown (refused_changes.h, the conflicts dialog).
    const QString message = answer.storedError();
    log()->warn("Server refused outbox entry {} ({} on {}): {}", entry.uuid.toStdString(),
                entry.kind.toStdString(), entry.targetId.toStdString(), message.toStdString());
    m_client->get(targetUrl(entry.targetKind, entry.targetId), [this, entry, conflict,
                                                                message](const ApiResponse &current) {
        CacheBatch batch;
        if (current.ok()) {
            addServerVersion(entry.targetKind, current.body, batch);
        } else if ((current.status == 404 || current.status == 410) && !conflict) {
            // The server no longer has the target (an alarm purged while we were offline): the cache
            // drops it too rather than showing the refused change on it. A ticket created offline
            // keeps its local copy: the refused entry is all the user has of it.
            const QString id = resolvedId(entry.targetId);
            if (entry.targetKind == QLatin1String("alarm"))
                batch.removedAlarmIds.append(id);
            else if (entry.targetKind == QLatin1String("ticket") && !actions::isLocalTicketId(id))
                batch.removedTicketIds.append(id);
        }
        if (conflict) {
            ConflictRecord record;
            record.outboxUuid = entry.uuid;
            record.kind = entry.kind;
            record.targetKind = entry.targetKind;
            record.targetId = resolvedId(entry.targetId);
            record.userIntent = entry.payload;
            record.serverState = current.ok() ? current.body : QByteArray();
            record.message = message;
            record.createdMs = QDateTime::currentMSecsSinceEpoch();
            batch.conflictInserts.append(record);
            batch.outboxUpdates.append({entry.uuid, OutboxState::Conflict, entry.attempts + 1, message});
        } else {
            // Listed from the outbox (refused_changes.h); the engine recounts on countsChanged.
            batch.outboxUpdates.append({entry.uuid, OutboxState::Failed, entry.attempts + 1, message});
        }
        // Its later changes have no ticket to go to (kick() refuses them); after a conflict they wait.
        if (entry.kind == kTicketCreate && !conflict)
            m_noTicket.insert(entry.targetId, {OutboxReason::Code::CreateRefused, entry.targetId, 0});
        finish(entry, batch);
        kick();
    });
}

} // namespace noc
