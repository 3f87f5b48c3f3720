#include "local_actions.h"

#include "domain/tmf_codec.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUuid>

#include <functional>

namespace noc::actions {

namespace {
const QString kMergePatch = QStringLiteral("application/merge-patch+json");
const QString kJson = QStringLiteral("application/json");

EpochMs now(const Context &context) {
    return context.nowMs ? context.nowMs : QDateTime::currentMSecsSinceEpoch();
}

// An outbox entry's uuid (its Idempotency-Key): a time-ordered UUID (version 7, RFC 9562: 48 bits of
// Unix milliseconds, then 74 random bits), so that a new entry's key sorts after the ones before it.
// The outbox's primary key is this text; with random (version 4) keys every insert landed on a random
// leaf, and a select-all acknowledge of 300,000 alarms rewrote the whole key index in each commit.
QString newEntryKey() {
    const quint64 ms = quint64(QDateTime::currentMSecsSinceEpoch());
    quint64 random[2];
    QRandomGenerator::system()->fillRange(random);
    quint8 bytes[16];
    for (int i = 0; i < 6; ++i)
        bytes[i] = quint8(ms >> (40 - 8 * i));
    for (int i = 6; i < 16; ++i)
        bytes[i] = quint8(random[i / 8] >> (8 * (i % 8)));
    bytes[6] = quint8(0x70 | (bytes[6] & 0x0f)); // version 7
    bytes[8] = quint8(0x80 | (bytes[8] & 0x3f)); // RFC 4122 variant
    return QUuid::fromRfc4122(QByteArrayView(bytes, 16)).toString(QUuid::WithoutBraces);
}

OutboxEntry makeEntry(const QString &kind, const QString &targetKind, const QString &targetId,
                      const QString &method, const QString &api, const QString &path, const QJsonObject &body,
                      const QString &contentType, const Context &context) {
    OutboxEntry entry;
    entry.uuid = newEntryKey();
    entry.kind = kind;
    entry.targetKind = targetKind;
    entry.targetId = targetId;
    entry.createdMs = now(context);
    const QJsonObject request{
        {"api", api}, {"method", method}, {"path", path}, {"body", body}, {"contentType", contentType}};
    entry.payload = QJsonDocument(request).toJson(QJsonDocument::Compact);
    return entry;
}

QByteArray requestJson(const QString &method, const QString &path, const QJsonObject &body,
                       const QString &contentType) {
    const QJsonObject request{{"api", QStringLiteral("alarm")},
                              {"method", method},
                              {"path", path},
                              {"body", body},
                              {"contentType", contentType}};
    return QJsonDocument(request).toJson(QJsonDocument::Compact);
}

// The request of every alarm in one action differs only in the alarm's id (in the path of a PATCH,
// in the alarm pattern of a task): encoded once around a marker, the id is spliced in per alarm. A
// select-all of a storm list is hundreds of thousands of entries, and a JSON document per entry was a
// quarter of building the batch (and half of a comment's). An id that JSON would escape is encoded the
// long way.
class AlarmRequests {
public:
    // `encode` makes the whole request for one alarm id.
    explicit AlarmRequests(std::function<QByteArray(const QString &id)> encode)
        : m_encode(std::move(encode)) {
        const QByteArray marker = "@@noc-alarm-id@@";
        const QByteArray json = m_encode(QString::fromLatin1(marker));
        const qsizetype at = json.indexOf(marker);
        if (at >= 0 && json.lastIndexOf(marker) == at) {
            m_before = json.left(at);
            m_after = json.mid(at + marker.size());
        }
    }

    QByteArray payload(const QString &id) const {
        if (m_before.isEmpty() || !isPlain(id))
            return m_encode(id);
        QByteArray out;
        out.reserve(m_before.size() + id.size() + m_after.size());
        out += m_before;
        out += id.toLatin1();
        out += m_after;
        return out;
    }

private:
    // Printable ASCII other than the quote and the backslash: JSON writes it as it is.
    static bool isPlain(const QString &text) {
        for (const QChar c : text)
            if (c.unicode() < 0x20 || c.unicode() > 0x7e || c == u'"' || c == u'\\')
                return false;
        return true;
    }

    std::function<QByteArray(const QString &)> m_encode;
    QByteArray m_before, m_after;
};

// `apply` changes one alarm as the action does and returns false when it is already in the wanted
// state (nothing to tell the server); `patch` is what the server is told, the same for every alarm.
template <typename Apply>
CacheBatch alarmPatches(const QList<Alarm> &alarms, const QString &kind, const QJsonObject &patch,
                        const Context &context, Apply apply) {
    CacheBatch batch;
    batch.alarms.reserve(alarms.size());
    batch.outboxInserts.reserve(alarms.size());
    batch.pendingAlarmIds.reserve(alarms.size());
    const AlarmRequests requests([&patch](const QString &id) {
        return requestJson(QStringLiteral("PATCH"), QStringLiteral("/alarm/") + id, patch, kMergePatch);
    });
    const QString targetKind = QStringLiteral("alarm");
    for (const Alarm &original : alarms) {
        Alarm alarm = original;
        if (!apply(alarm))
            continue;
        alarm.alarmChangedTime = now(context);
        OutboxEntry entry;
        entry.uuid = newEntryKey();
        entry.kind = kind;
        entry.targetKind = targetKind;
        entry.targetId = alarm.id;
        entry.createdMs = now(context);
        entry.payload = requests.payload(alarm.id);
        batch.pendingAlarmIds.insert(alarm.id, true);
        batch.outboxInserts.append(std::move(entry));
        batch.alarms.append(std::move(alarm));
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
    entry.uuid = newEntryKey(); // a new intent: a new key
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
    const QJsonObject patch{
        {"ackState", "acknowledged"}, {"ackUserId", context.userId}, {"ackSystemId", context.systemId}};
    return alarmPatches(alarms, QStringLiteral("alarm.ack"), patch, context, [&](Alarm &alarm) {
        if (alarm.ackState == AckState::Acknowledged)
            return false;
        alarm.ackState = AckState::Acknowledged;
        alarm.ackUserId = context.userId;
        alarm.ackSystemId = context.systemId;
        return true;
    });
}

CacheBatch unacknowledgeAlarms(const QList<Alarm> &alarms, const Context &context) {
    const QJsonObject patch{
        {"ackState", "unacknowledged"}, {"ackUserId", context.userId}, {"ackSystemId", context.systemId}};
    return alarmPatches(alarms, QStringLiteral("alarm.unack"), patch, context, [&](Alarm &alarm) {
        if (alarm.ackState == AckState::Unacknowledged)
            return false;
        alarm.ackState = AckState::Unacknowledged;
        alarm.ackUserId.clear();
        alarm.ackSystemId.clear();
        return true;
    });
}

CacheBatch clearAlarms(const QList<Alarm> &alarms, const Context &context) {
    const QJsonObject patch{
        {"state", "cleared"}, {"clearUserId", context.userId}, {"clearSystemId", context.systemId}};
    return alarmPatches(alarms, QStringLiteral("alarm.clear"), patch, context, [&](Alarm &alarm) {
        if (alarm.state == AlarmState::Cleared)
            return false;
        alarm.state = AlarmState::Cleared;
        alarm.clearUserId = context.userId;
        alarm.clearSystemId = context.systemId;
        alarm.alarmClearedTime = now(context);
        return true;
    });
}

CacheBatch commentAlarms(const QList<Alarm> &alarms, const QString &text, const Context &context) {
    CacheBatch batch;
    batch.alarms.reserve(alarms.size());
    batch.outboxInserts.reserve(alarms.size());
    batch.pendingAlarmIds.reserve(alarms.size());
    const AlarmComment comment{context.userId, context.systemId, now(context), text};
    const QJsonObject commentJson{{"userId", comment.userId},
                                  {"systemId", comment.systemId},
                                  {"time", tmf::formatTime(comment.time)},
                                  {"comment", comment.comment}};
    // The task resource appends; a merge-patch of "comment" would replace other users' comments.
    const AlarmRequests requests([&commentJson](const QString &id) {
        const QJsonObject body{{"comment", commentJson},
                               {"alarmPattern", QJsonArray{QJsonObject{{"id", id}}}}};
        return requestJson(QStringLiteral("POST"), QStringLiteral("/commentAlarms"), body, kJson);
    });
    const QString kind = QStringLiteral("alarm.comment");
    const QString targetKind = QStringLiteral("alarm");
    for (Alarm alarm : alarms) {
        alarm.comments.append(comment);
        OutboxEntry entry;
        entry.uuid = newEntryKey();
        entry.kind = kind;
        entry.targetKind = targetKind;
        entry.targetId = alarm.id;
        entry.createdMs = comment.time;
        entry.payload = requests.payload(alarm.id);
        batch.pendingAlarmIds.insert(alarm.id, true);
        batch.outboxInserts.append(std::move(entry));
        batch.alarms.append(std::move(alarm));
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
