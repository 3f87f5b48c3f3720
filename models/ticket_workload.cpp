#include "ticket_workload.h"

#include "ticket_sla.h"

#include <QHash>
#include <algorithm>

namespace noc {

namespace {
void add(QHash<QString, WorkloadEntry> &map, const QString &id, const QString &name, const TicketRow &row,
         SlaState state) {
    WorkloadEntry &e = map[id];
    e.id = id;
    if (e.name.isEmpty())
        e.name = name.isEmpty() ? id : name;
    ++e.open;
    e.atRisk += state == SlaState::AtRisk;
    e.breached += state == SlaState::Breached;
    if (row.created > 0 && (e.oldestCreated == 0 || row.created < e.oldestCreated))
        e.oldestCreated = row.created;
}

QList<WorkloadEntry> sorted(const QHash<QString, WorkloadEntry> &map) {
    QList<WorkloadEntry> list = map.values();
    std::sort(list.begin(), list.end(), [](const WorkloadEntry &a, const WorkloadEntry &b) {
        if (a.open != b.open)
            return a.open > b.open;
        return a.name < b.name;
    });
    return list;
}
} // namespace

Workload computeWorkload(const QList<TicketRow> &rows, EpochMs nowMs) {
    constexpr qint64 hour = 3600LL * 1000;
    Workload w;
    QHash<QString, WorkloadEntry> engineers, teams;
    for (const TicketRow &row : rows) {
        if (!isOpenStatus(row.status))
            continue;
        ++w.open;
        const SlaState state = slaState(row.status, row.created, row.due, nowMs);
        if (row.assigneeId.isEmpty())
            ++w.unassigned;
        else
            add(engineers, row.assigneeId, row.assigneeName, row, state);
        if (!row.teamId.isEmpty())
            add(teams, row.teamId, row.teamName, row, state);
        const qint64 age = nowMs - row.created;
        ++w.ageing[age < hour ? 0 : age < 4 * hour ? 1 : age < 24 * hour ? 2 : 3];
    }
    w.engineers = sorted(engineers);
    w.teams = sorted(teams);
    return w;
}

} // namespace noc
