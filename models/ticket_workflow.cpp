#include "ticket_workflow.h"

#include "ticket_row.h"

#include <QCoreApplication>
#include <QDateTime>

namespace noc {

namespace {
constexpr TicketStatus kAllStatuses[] = {
    TicketStatus::Acknowledged, TicketStatus::InProgress, TicketStatus::Pending,  TicketStatus::Held,
    TicketStatus::Resolved,     TicketStatus::Closed,     TicketStatus::Rejected, TicketStatus::Cancelled};
} // namespace

QList<TicketStatus> nextTicketStatuses(TicketStatus from) {
    QList<TicketStatus> next;
    for (TicketStatus to : kAllStatuses)
        if (isTicketTransitionAllowed(from, to))
            next.append(to);
    return next;
}

QString ticketTransitionRefusal(const TroubleTicket &ticket, TicketStatus to, Role role) {
    if (!isAllowed(role, Permission::ChangeTicketStatus))
        return refusalReason(role, Permission::ChangeTicketStatus);
    if ((to == TicketStatus::Closed || to == TicketStatus::Cancelled) &&
        !isAllowed(role, Permission::CloseTicket))
        return refusalReason(role, Permission::CloseTicket);
    if (ticket.status == to)
        return QCoreApplication::translate("TicketWorkflow", "The ticket is already %1.")
            .arg(ticketStatusDisplayName(to));
    if (isTicketTransitionAllowed(ticket.status, to))
        return {};
    QStringList next;
    for (TicketStatus s : nextTicketStatuses(ticket.status))
        next.append(ticketStatusDisplayName(s));
    if (next.isEmpty())
        return QCoreApplication::translate("TicketWorkflow", "A ticket that is %1 cannot change any more.")
            .arg(ticketStatusDisplayName(ticket.status));
    return QCoreApplication::translate("TicketWorkflow",
                                       "A ticket that is %1 cannot go to %2. Next it can be: %3.")
        .arg(ticketStatusDisplayName(ticket.status), ticketStatusDisplayName(to),
             next.join(QCoreApplication::translate("TicketWorkflow", ", ")));
}

QString priorityForSeverity(Severity severity) {
    switch (severity) {
    case Severity::Critical:
        return QStringLiteral("Critical");
    case Severity::Major:
        return QStringLiteral("High");
    case Severity::Minor:
        return QStringLiteral("Medium");
    default:
        return QStringLiteral("Low");
    }
}

QString ticketSeverityText(Severity severity) {
    const QString s = toString(severity);
    return s.isEmpty() ? s : s.left(1).toUpper() + s.mid(1);
}

TroubleTicket ticketDraftFromAlarms(const QList<Alarm> &alarms, const QString &reporterId,
                                    const std::function<QString(const QString &)> &elementName) {
    TroubleTicket draft;
    draft.ticketType = QStringLiteral("incident");
    draft.status = TicketStatus::Acknowledged;
    if (!reporterId.isEmpty())
        draft.relatedParties.append(
            {reporterId, reporterId, QStringLiteral("reporter"), QStringLiteral("Individual")});
    if (alarms.isEmpty())
        return draft;

    // The worst alarm names the ticket; a root cause wins among equally severe ones.
    const Alarm *worst = &alarms.first();
    for (const Alarm &a : alarms) {
        const int rank = severityRank(a.perceivedSeverity),
                  worstRank = severityRank(worst->perceivedSeverity);
        if (rank < worstRank || (rank == worstRank && a.isRootCause && !worst->isRootCause))
            worst = &a;
    }
    Severity severity = worst->perceivedSeverity;
    if (severity == Severity::Cleared || severity == Severity::Indeterminate)
        severity = Severity::Warning;
    draft.severity = ticketSeverityText(severity);
    draft.priority = priorityForSeverity(severity);

    const auto nameOf = [&](const QString &id) {
        const QString name = elementName ? elementName(id) : QString();
        return name.isEmpty() ? id : name;
    };
    const QString cause = worst->probableCause.isEmpty() ? worst->alarmType : worst->probableCause;
    draft.name = alarms.size() == 1
                     ? QCoreApplication::translate("TicketWorkflow", "%1 at %2")
                           .arg(cause, nameOf(worst->alarmedObjectId))
                     : QCoreApplication::translate("TicketWorkflow", "%1 at %2 and %3 more alarms")
                           .arg(cause, nameOf(worst->alarmedObjectId))
                           .arg(alarms.size() - 1);

    QStringList lines;
    lines.append(QCoreApplication::translate("TicketWorkflow", "Raised from %n alarm(s):", nullptr,
                                             int(alarms.size())));
    QStringList elements;
    for (const Alarm &a : alarms) {
        const QString when = QDateTime::fromMSecsSinceEpoch(a.alarmRaisedTime).toUTC().toString(Qt::ISODate);
        lines.append(QCoreApplication::translate("TicketWorkflow", "- %1 %2 on %3: %4 (%5, raised %6)")
                         .arg(a.id, toString(a.perceivedSeverity), nameOf(a.alarmedObjectId),
                              a.probableCause.isEmpty() ? a.alarmType : a.probableCause, a.specificProblem,
                              when));
        draft.relatedEntities.append(
            {a.id, a.probableCause,
             a.isRootCause ? QStringLiteral("rootCause") : QStringLiteral("relatedAlarm"),
             QStringLiteral("Alarm")});
        if (!a.alarmedObjectId.isEmpty() && !elements.contains(a.alarmedObjectId))
            elements.append(a.alarmedObjectId);
    }
    for (const QString &id : elements)
        draft.relatedEntities.append(
            {id, nameOf(id), QStringLiteral("affectedResource"), QStringLiteral("PhysicalResource")});
    draft.description = lines.join(QLatin1Char('\n'));
    return draft;
}

} // namespace noc
