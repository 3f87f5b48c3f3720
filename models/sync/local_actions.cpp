#include "local_actions.h"

#include "domain/tmf_codec.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace noc::actions {

namespace {
const QString kMergePatch = QStringLiteral("application/merge-patch+json");
const QString kJson = QStringLiteral("application/json");

EpochMs now(const Context &context) {
    return context.nowMs ? context.nowMs : QDateTime::currentMSecsSinceEpoch();
}

OutboxEntry makeEntry(const QString &kind, const QString &targetKind, const QString &targetId,
                      const QString &method, const QString &api, const QString &path, const QJsonObject &body,
                      const QString &contentType, const Context &context) {
    OutboxEntry entry;
    entry.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    entry.kind = kind;
    entry.targetKind = targetKind;
    entry.targetId = targetId;
    entry.createdMs = now(context);
    const QJsonObject request{
        {"api", api}, {"method", method}, {"path", path}, {"body", body}, {"contentType", contentType}};
    entry.payload = QJsonDocument(request).toJson(QJsonDocument::Compact);
    return entry;
}

template <typename Change>
CacheBatch alarmPatches(const QList<Alarm> &alarms, const QString &kind, const Context &context,
                        Change change) {
    CacheBatch batch;
    for (Alarm alarm : alarms) {
        const QJsonObject patch = change(alarm);
        if (patch.isEmpty())
            continue; // already in the wanted state: nothing to tell the server
        alarm.alarmChangedTime = now(context);
        batch.alarms.append(alarm);
        batch.pendingAlarmIds.insert(alarm.id, true);
        batch.outboxInserts.append(makeEntry(kind, QStringLiteral("alarm"), alarm.id, QStringLiteral("PATCH"),
                                             QStringLiteral("alarm"), QStringLiteral("/alarm/") + alarm.id,
                                             patch, kMergePatch, context));
    }
    return batch;
}

QJsonArray encodeNotes(const QList<TicketNote> &notes) {
    TroubleTicket holder;
    holder.notes = notes;
    return tmf::encodeTicket(holder).value(QLatin1String("note")).toArray();
}
} // namespace

bool isLocalTicketId(const QString &id) {
    return id.startsWith(QLatin1String("local-"));
}

CacheBatch discardConflict(const ConflictRecord &conflict) {
    CacheBatch batch;
    batch.conflictRemovals.append(conflict.id);
    if (!conflict.outboxUuid.isEmpty())
        batch.outboxRemovals.append(conflict.outboxUuid);
    return batch;
}

CacheBatch reapplyConflict(const ConflictRecord &conflict, const Context &context) {
    CacheBatch batch = discardConflict(conflict);
    OutboxEntry entry;
    entry.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces); // a new intent: a new key
    entry.kind = conflict.kind;
    entry.targetKind = conflict.targetKind;
    entry.targetId = conflict.targetId;
    entry.payload = conflict.userIntent;
    entry.createdMs = now(context);
    batch.outboxInserts.append(entry);
    if (conflict.targetKind == QLatin1String("ticket"))
        batch.pendingTicketIds.insert(conflict.targetId, true);
    else
        batch.pendingAlarmIds.insert(conflict.targetId, true);
    return batch;
}

CacheBatch acknowledgeAlarms(const QList<Alarm> &alarms, const Context &context) {
    return alarmPatches(alarms, QStringLiteral("alarm.ack"), context, [&](Alarm &alarm) {
        if (alarm.ackState == AckState::Acknowledged)
            return QJsonObject{};
        alarm.ackState = AckState::Acknowledged;
        alarm.ackUserId = context.userId;
        alarm.ackSystemId = context.systemId;
        return QJsonObject{
            {"ackState", "acknowledged"}, {"ackUserId", context.userId}, {"ackSystemId", context.systemId}};
    });
}

CacheBatch unacknowledgeAlarms(const QList<Alarm> &alarms, const Context &context) {
    return alarmPatches(alarms, QStringLiteral("alarm.unack"), context, [&](Alarm &alarm) {
        if (alarm.ackState == AckState::Unacknowledged)
            return QJsonObject{};
        alarm.ackState = AckState::Unacknowledged;
        alarm.ackUserId.clear();
        alarm.ackSystemId.clear();
        return QJsonObject{
            {"ackState", "unacknowledged"}, {"ackUserId", context.userId}, {"ackSystemId", context.systemId}};
    });
}

CacheBatch clearAlarms(const QList<Alarm> &alarms, const Context &context) {
    return alarmPatches(alarms, QStringLiteral("alarm.clear"), context, [&](Alarm &alarm) {
        if (alarm.state == AlarmState::Cleared)
            return QJsonObject{};
        alarm.state = AlarmState::Cleared;
        alarm.clearUserId = context.userId;
        alarm.clearSystemId = context.systemId;
        alarm.alarmClearedTime = now(context);
        return QJsonObject{
            {"state", "cleared"}, {"clearUserId", context.userId}, {"clearSystemId", context.systemId}};
    });
}

CacheBatch commentAlarms(const QList<Alarm> &alarms, const QString &text, const Context &context) {
    CacheBatch batch;
    const AlarmComment comment{context.userId, context.systemId, now(context), text};
    const QJsonObject commentJson{{"userId", comment.userId},
                                  {"systemId", comment.systemId},
                                  {"time", tmf::formatTime(comment.time)},
                                  {"comment", comment.comment}};
    for (Alarm alarm : alarms) {
        alarm.comments.append(comment);
        batch.alarms.append(alarm);
        batch.pendingAlarmIds.insert(alarm.id, true);
        // The task resource appends; a merge-patch of "comment" would replace other users' comments.
        const QJsonObject body{{"comment", commentJson},
                               {"alarmPattern", QJsonArray{QJsonObject{{"id", alarm.id}}}}};
        batch.outboxInserts.append(makeEntry(QStringLiteral("alarm.comment"), QStringLiteral("alarm"),
                                             alarm.id, QStringLiteral("POST"), QStringLiteral("alarm"),
                                             QStringLiteral("/commentAlarms"), body, kJson, context));
    }
    return batch;
}

CacheBatch createTicket(const TroubleTicket &draft, const Context &context) {
    CacheBatch batch;
    TroubleTicket ticket = draft;
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    ticket.id = QStringLiteral("local-") + uuid;
    ticket.creationDate = ticket.lastUpdate = now(context);
    if (ticket.statusChanges.isEmpty())
        ticket.statusChanges.append({ticket.creationDate, QString(), ticket.status});
    QJsonObject body = tmf::encodeTicket(draft);
    body.remove(QStringLiteral("id"));
    body.remove(QStringLiteral("href"));
    OutboxEntry entry = makeEntry(QStringLiteral("ticket.create"), QStringLiteral("ticket"), ticket.id,
                                  QStringLiteral("POST"), QStringLiteral("ticket"),
                                  QStringLiteral("/troubleTicket"), body, kJson, context);
    entry.uuid = uuid;
    batch.tickets.append(ticket);
    batch.pendingTicketIds.insert(ticket.id, true);
    batch.outboxInserts.append(entry);
    return batch;
}

static CacheBatch ticketPatch(const TroubleTicket &after, const QString &kind, const QJsonObject &patch,
                              const Context &context) {
    CacheBatch batch;
    if (patch.isEmpty())
        return batch;
    TroubleTicket ticket = after;
    ticket.lastUpdate = now(context);
    batch.tickets.append(ticket);
    batch.pendingTicketIds.insert(ticket.id, true);
    batch.outboxInserts.append(makeEntry(
        kind, QStringLiteral("ticket"), ticket.id, QStringLiteral("PATCH"), QStringLiteral("ticket"),
        QStringLiteral("/troubleTicket/") + ticket.id, patch, kMergePatch, context));
    return batch;
}

CacheBatch changeTicketStatus(const TroubleTicket &ticket, TicketStatus to, const QString &reason,
                              const Context &context, QString *error) {
    if (!isTicketTransitionAllowed(ticket.status, to)) {
        if (error)
            *error =
                QCoreApplication::translate("TicketWorkflow", "A ticket cannot go from \"%1\" to \"%2\".")
                    .arg(toString(ticket.status), toString(to));
        return {};
    }
    TroubleTicket after = ticket;
    after.status = to;
    after.statusChangeReason = reason;
    after.statusChanges.append({now(context), reason, to});
    if (to == TicketStatus::Resolved)
        after.resolutionDate = now(context);
    QJsonObject patch{{"status", toString(to)}};
    if (!reason.isEmpty())
        patch.insert(QStringLiteral("statusChangeReason"), reason);
    return ticketPatch(after, QStringLiteral("ticket.status"), patch, context);
}

CacheBatch addTicketNote(const TroubleTicket &ticket, const QString &text, const Context &context) {
    TroubleTicket after = ticket;
    after.notes.append(
        {QUuid::createUuid().toString(QUuid::WithoutBraces), context.userId, now(context), text});
    // The new note goes without an id: the server names notes, and treats a note that has an id as
    // one it already holds (the local id only keys the optimistic copy until the server's arrives).
    QJsonArray notes = encodeNotes(after.notes);
    QJsonObject added = notes.last().toObject();
    added.remove(QStringLiteral("id"));
    notes.replace(notes.size() - 1, added);
    return ticketPatch(after, QStringLiteral("ticket.note"), QJsonObject{{"note", notes}}, context);
}

CacheBatch editTicket(const TroubleTicket &before, const TroubleTicket &after, const Context &context) {
    const QJsonObject a = tmf::encodeTicket(before);
    const QJsonObject b = tmf::encodeTicket(after);
    QJsonObject patch;
    for (const char *field : {"name", "description", "severity", "priority", "ticketType",
                              "expectedResolutionDate", "relatedParty", "relatedEntity"}) {
        const QString key = QLatin1String(field);
        if (a.value(key) != b.value(key))
            patch.insert(key, b.contains(key) ? b.value(key) : QJsonValue(QJsonValue::Null));
    }
    return ticketPatch(after, QStringLiteral("ticket.edit"), patch, context);
}

} // namespace noc::actions
