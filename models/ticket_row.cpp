#include "ticket_row.h"

#include "ticket_sla.h"

#include <QCoreApplication>

namespace noc {

TicketRow makeTicketRow(const TroubleTicket &ticket, bool pending) {
    TicketRow row;
    row.id = ticket.id;
    row.name = ticket.name;
    row.description = ticket.description;
    row.severity = ticket.severity;
    row.priority = ticket.priority;
    row.ticketType = ticket.ticketType;
    row.status = ticket.status;
    row.created = ticket.creationDate;
    row.lastUpdate = ticket.lastUpdate;
    row.due = effectiveDueMs(ticket.creationDate, ticket.expectedResolutionDate, ticket.priority);
    row.dueFromPolicy = ticket.expectedResolutionDate <= 0;
    row.resolved = ticket.resolutionDate;
    row.pending = pending;
    for (const RelatedParty &p : ticket.relatedParties) {
        if (p.role == QLatin1String("assignee") && row.assigneeId.isEmpty()) {
            row.assigneeId = p.id;
            row.assigneeName = p.name.isEmpty() ? p.id : p.name;
        } else if (p.role == QLatin1String("team") && row.teamId.isEmpty()) {
            row.teamId = p.id;
            row.teamName = p.name.isEmpty() ? p.id : p.name;
        }
    }
    for (const RelatedEntity &e : ticket.relatedEntities) {
        if (e.referredType == QLatin1String("Alarm"))
            ++row.alarmCount;
        else if (row.elementId.isEmpty() && e.referredType != QLatin1String("Alarm")) {
            row.elementId = e.id;
            row.elementName = e.name;
        }
    }
    return row;
}

QString ticketStatusDisplayName(TicketStatus status) {
    switch (status) {
    case TicketStatus::Acknowledged:
        return QCoreApplication::translate("TicketStatus", "Acknowledged");
    case TicketStatus::Rejected:
        return QCoreApplication::translate("TicketStatus", "Rejected");
    case TicketStatus::Pending:
        return QCoreApplication::translate("TicketStatus", "Pending");
    case TicketStatus::Held:
        return QCoreApplication::translate("TicketStatus", "Held");
    case TicketStatus::InProgress:
        return QCoreApplication::translate("TicketStatus", "In progress");
    case TicketStatus::Cancelled:
        return QCoreApplication::translate("TicketStatus", "Cancelled");
    case TicketStatus::Closed:
        return QCoreApplication::translate("TicketStatus", "Closed");
    case TicketStatus::Resolved:
        return QCoreApplication::translate("TicketStatus", "Resolved");
    }
    return {};
}

int priorityRank(const QString &priority) {
    static const char *const order[] = {"critical", "high", "medium", "low"};
    for (int i = 0; i < 4; ++i)
        if (priority.compare(QLatin1String(order[i]), Qt::CaseInsensitive) == 0)
            return i;
    return 4;
}

int ticketSeverityRank(const QString &severity) {
    const auto parsed = parseSeverity(severity);
    return parsed ? severityRank(*parsed) : 9;
}

} // namespace noc
