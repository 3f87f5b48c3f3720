#pragma once

#include "cache/cache_writer.h"
#include "domain/types.h"

#include <QString>

// Tickets for the ticket tests, written through the real cache writer into real SQLite files.
namespace noc::tickettest {

constexpr qint64 kMinute = 60LL * 1000;
constexpr qint64 kHour = 60 * kMinute;
constexpr EpochMs kNow = 1'790'000'000'000LL; // a fixed "now" for the tests' clocks

inline TroubleTicket makeTicket(const QString &id, TicketStatus status, EpochMs created, EpochMs due,
                                const QString &assignee = {}, const QString &team = {},
                                const QString &priority = QStringLiteral("High")) {
    TroubleTicket t;
    t.id = id;
    t.name = QStringLiteral("Link down at %1").arg(id);
    t.description = QStringLiteral("Loss of signal on the uplink of %1").arg(id);
    t.severity = QStringLiteral("Major");
    t.priority = priority;
    t.ticketType = QStringLiteral("incident");
    t.status = status;
    t.creationDate = created;
    t.lastUpdate = created + kMinute;
    t.expectedResolutionDate = due;
    if (status == TicketStatus::Resolved || status == TicketStatus::Closed)
        t.resolutionDate = t.lastUpdate;
    if (!assignee.isEmpty())
        t.relatedParties.append({assignee, assignee + QStringLiteral(" name"), QStringLiteral("assignee"),
                                 QStringLiteral("Individual")});
    if (!team.isEmpty())
        t.relatedParties.append({team, team + QStringLiteral(" field operations"), QStringLiteral("team"),
                                 QStringLiteral("Team")});
    t.relatedEntities.append({QStringLiteral("NE-1"), QStringLiteral("core-router-1"),
                              QStringLiteral("affectedResource"), QStringLiteral("PhysicalResource")});
    t.statusChanges.append({created, QStringLiteral("opened"), TicketStatus::Acknowledged});
    return t;
}

// The five tickets most model tests start from ("me" is the user):
//   T1 mine, team-a, in progress, due in 6 h of 8 h         -> on track
//   T2 unassigned, acknowledged, Critical, no due time, created 3.5 h ago -> policy 4 h, at risk
//   T3 bob, team-a, held, due 10 min ago                     -> breached
//   T4 resolved an hour ago                                  -> recently resolved
//   T5 closed three days ago
inline CacheBatch standardTickets() {
    CacheBatch b;
    Site site;
    site.id = QStringLiteral("S-1");
    site.name = QStringLiteral("Harbour POP");
    b.sites.append(site);
    NetworkElement e;
    e.id = QStringLiteral("NE-1");
    e.name = QStringLiteral("core-router-1");
    e.siteId = site.id;
    b.elements.append(e);
    b.tickets.append(
        makeTicket("T1", TicketStatus::InProgress, kNow - 2 * kHour, kNow + 6 * kHour, "me", "team-a"));
    b.tickets.append(
        makeTicket("T2", TicketStatus::Acknowledged, kNow - 210 * kMinute, 0, {}, {}, "Critical"));
    b.tickets.append(
        makeTicket("T3", TicketStatus::Held, kNow - 5 * kHour, kNow - 10 * kMinute, "bob", "team-a"));
    b.tickets.append(
        makeTicket("T4", TicketStatus::Resolved, kNow - 3 * kHour, kNow + 5 * kHour, "bob", "team-b"));
    b.tickets.append(
        makeTicket("T5", TicketStatus::Closed, kNow - 80 * kHour, kNow - 70 * kHour, "bob", "team-b"));
    b.tickets[3].resolutionDate = b.tickets[3].lastUpdate = kNow - kHour;
    b.tickets[4].resolutionDate = b.tickets[4].lastUpdate = kNow - 72 * kHour;
    return b;
}

} // namespace noc::tickettest
