#pragma once

#include "domain/types.h"

#include <QMetaType>
#include <QString>

// One ticket as the queues show it: the list columns only, no notes or history (tens of thousands
// of these are held in memory). Element and site names are resolved by the loader.
namespace noc {

struct TicketRow {
    QString id;
    QString name;
    QString description;
    QString severity;
    QString priority;
    QString ticketType;
    TicketStatus status = TicketStatus::Acknowledged;
    EpochMs created = 0;
    EpochMs lastUpdate = 0;
    EpochMs due = 0;            // effective SLA due time (see ticket_sla.h)
    bool dueFromPolicy = false; // no expectedResolutionDate: due comes from the priority policy
    EpochMs resolved = 0;
    QString assigneeId;
    QString assigneeName;
    QString teamId;
    QString teamName;
    QString elementId; // first related PhysicalResource
    QString elementName;
    QString siteName;
    int alarmCount = 0;
    bool pending = false; // local change not yet confirmed by the server

    friend bool operator==(const TicketRow &, const TicketRow &) = default;
};

// The row of a ticket read with its parties and entities; element and site names are left to the
// caller (they need the cache).
TicketRow makeTicketRow(const TroubleTicket &ticket, bool pending);

// Plain, translated name of a status for people ("In progress"); toString() gives the TMF spelling.
QString ticketStatusDisplayName(TicketStatus status);
// 0 Critical, 1 High, 2 Medium, 3 Low, 4 anything else: for sorting.
int priorityRank(const QString &priority);
// Severity of a ticket ("Critical", "major", ...) as a sort rank; unknown values last.
int ticketSeverityRank(const QString &severity);

} // namespace noc

Q_DECLARE_METATYPE(noc::TicketRow)
