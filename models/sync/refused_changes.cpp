#include "refused_changes.h"

#include "cache/cache_reader.h"
#include "sync/ops_api_client.h"
#include "ticket_workflow.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace noc {

RefusedChange::Reason RefusedChange::reason() const {
    if (consoleReason)
        return consoleReason->code == OutboxReason::Code::CreateRefused ? Reason::NoTicket
                                                                        : Reason::NotConfirmed;
    if (httpStatus == 404 || httpStatus == 410)
        return Reason::TargetGone;
    if (httpStatus == 403)
        return Reason::NotAllowed;
    return Reason::Rejected;
}

namespace refused {

RefusedChange fromEntry(const OutboxEntry &entry) {
    // Stored by OutboxSender as ApiResponse::storedError() or OutboxReason::stored() gives it, the
    // same in every language; the form says whose reason it is.
    const ApiResponse::StoredError stored = ApiResponse::parseStoredError(entry.lastError);
    RefusedChange change;
    change.entry = entry;
    change.consoleReason = stored.consoleReason;
    change.httpStatus = stored.httpStatus;
    // (An older console's plain words are kept too: they are all such a row says.)
    change.serverMessage = stored.serverWords;
    return change;
}

QList<RefusedChange> list(CacheReader &reader) {
    QList<RefusedChange> failed;
    // Only the failed rows: the outbox may hold many thousands of pending ones after a storm.
    for (const OutboxEntry &entry : reader.outboxInState(OutboxState::Failed))
        failed.append(fromEntry(entry));
    return failed;
}

CacheBatch discard(const RefusedChange &change) {
    CacheBatch batch;
    batch.outboxRemovals.append(change.entry.uuid);
    return batch;
}

QString reapplyRefusal(const ConflictRecord &conflict, Role role,
                       const std::optional<TroubleTicket> &ticketNow) {
    const QString &kind = conflict.kind;
    std::optional<Permission> needs;
    if (kind == QLatin1String("alarm.ack") || kind == QLatin1String("alarm.unack"))
        needs = Permission::AcknowledgeAlarm;
    else if (kind == QLatin1String("alarm.clear"))
        needs = Permission::ClearAlarm;
    else if (kind == QLatin1String("alarm.comment"))
        needs = Permission::CommentAlarm;
    else if (kind == QLatin1String("ticket.create"))
        needs = Permission::CreateTicket;
    else if (kind == QLatin1String("ticket.edit") || kind == QLatin1String("ticket.note"))
        needs = Permission::EditTicket;
    if (needs)
        return refusalReason(role, *needs);
    if (kind != QLatin1String("ticket.status"))
        return {};
    // The workflow is checked against the ticket as it is now, not as it was when the change was made.
    const QJsonObject body =
        QJsonDocument::fromJson(conflict.userIntent).object().value(QLatin1String("body")).toObject();
    const auto to = parseTicketStatus(body.value(QLatin1String("status")).toString());
    if (!to || !ticketNow)
        return refusalReason(role, Permission::ChangeTicketStatus);
    return ticketTransitionRefusal(*ticketNow, *to, role);
}

} // namespace refused
} // namespace noc
