#pragma once

#include "ticket_row.h"

#include <QList>
#include <array>

// The supervisor's view of the queue: open, at-risk and breached tickets per engineer and per team,
// the unassigned count, and how old the open tickets are.
namespace noc {

struct WorkloadEntry {
    QString id;
    QString name;
    int open = 0;
    int atRisk = 0;
    int breached = 0;
    EpochMs oldestCreated = 0; // creation time of the oldest open ticket
};

struct Workload {
    QList<WorkloadEntry> engineers; // most open first
    QList<WorkloadEntry> teams;
    int unassigned = 0;
    int open = 0;
    // Open tickets by age: < 1 h, 1–4 h, 4–24 h, > 24 h.
    std::array<int, 4> ageing{};
};

Workload computeWorkload(const QList<TicketRow> &rows, EpochMs nowMs);

} // namespace noc
