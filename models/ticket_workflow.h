#pragma once

#include "domain/types.h"
#include "sync/roles.h"

#include <QList>
#include <QString>
#include <functional>
#include <optional>

// Ticket rules the console checks before anything is sent: the workflow of the ops API profile,
// the role's permissions, and the draft of a ticket raised from alarms.
namespace noc {

// Statuses a ticket may go to next, in the workflow's order.
QList<TicketStatus> nextTicketStatuses(TicketStatus from);

// Empty when `role` may move the ticket to `to`; otherwise plain words for the user, e.g.
// "A ticket that is Acknowledged cannot go straight to Resolved. Next it can be: In progress, ...".
QString ticketTransitionRefusal(const TroubleTicket &ticket, TicketStatus to, Role role);

// The draft of a ticket about `alarms`: title and description from the alarms, severity of the
// worst one, priority from that severity, the alarms and their elements as related entities, and
// the user as reporter. `elementName` looks up display names (may return empty).
TroubleTicket ticketDraftFromAlarms(const QList<Alarm> &alarms, const QString &reporterId,
                                    const std::function<QString(const QString &elementId)> &elementName = {});

// "Critical" for critical, "High" for major, "Medium" for minor, "Low" otherwise.
QString priorityForSeverity(Severity severity);
// "Critical", "Major", ...: the capitalised spelling tickets carry.
QString ticketSeverityText(Severity severity);

} // namespace noc
