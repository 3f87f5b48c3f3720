#include "refused_changes.h"

#include "cache/cache_reader.h"
#include "ticket_workflow.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace noc {

RefusedChange::Reason RefusedChange::reason() const {
    if (httpStatus == 404 || httpStatus == 410)
        return Reason::TargetGone;
    if (httpStatus == 403)
        return Reason::NotAllowed;
    return Reason::Rejected;
}

namespace refused {

RefusedChange fromEntry(const OutboxEntry &entry) {
    // The two shapes ApiResponse::errorMessage() gives an answer with a status.
    static const QRegularExpression withMessage(QStringLiteral("^(.*) \\(HTTP (\\d{3})\\)$"),
                                                QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression statusOnly(QStringLiteral("^HTTP (\\d{3})$"));
    RefusedChange change;
    change.entry = entry;
    change.serverMessage = entry.lastError;
    if (const auto m = withMessage.match(entry.lastError); m.hasMatch()) {
        change.serverMessage = m.captured(1);
        change.httpStatus = m.captured(2).toInt();
    } else if (const auto s = statusOnly.match(entry.lastError); s.hasMatch()) {
        change.serverMessage.clear();
        change.httpStatus = s.captured(1).toInt();
    }
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
