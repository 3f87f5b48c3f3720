#include "outbox_sender.h"

#include "cache/cache_reader.h"
#include "domain/tmf_codec.h"
#include "logging.h"
#include "sync/local_actions.h"
#include "sync/ops_api_client.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

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
} // namespace

OutboxSender::OutboxSender(OpsApiClient *client, CacheReader *reader, Submit submit, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_reader(reader)
    , m_submit(std::move(submit)) {}

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
    const QList<OutboxEntry> entries = pendingEntries(*m_reader);
    for (const OutboxEntry &entry : entries) {
        if (m_done.contains(entry.uuid))
            continue;
        send(entry);
        return;
    }
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
    const QByteArray body =
        QJsonDocument(request.value(QLatin1String("body")).toObject()).toJson(QJsonDocument::Compact);
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
        if (entry.kind == QLatin1String("ticket.create")) {
            // The server named the ticket: the local stand-in gives way to it, and later entries
            // that still say "local-..." are sent to the real id.
            const auto created = tmf::decodeTicket(QJsonDocument::fromJson(response.body).object());
            if (created) {
                m_idMap.insert(entry.targetId, created->id);
                batch.metadata.insert(kIdMapPrefix + entry.targetId, created->id);
                batch.removedTicketIds.append(entry.targetId);
                batch.tickets.append(*created);
                batch.pendingTicketIds.insert(entry.targetId, false);
            }
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
        CacheBatch batch;
        batch.outboxUpdates.append(
            {entry.uuid, OutboxState::Pending, entry.attempts + 1, response.storedError()});
        m_submit(batch);
        m_busy = false;
        emit connectionLost(response.errorMessage());
        return;
    }
    const bool conflict = response.status == 409 || response.status == 412;
    restoreServerState(entry, response, conflict);
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
        finish(entry, batch);
        kick();
    });
}

} // namespace noc
