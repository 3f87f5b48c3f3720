#pragma once

#include "domain/types.h"

#include <QString>

// SLA of a trouble ticket: the due time is expectedResolutionDate, or, when the server sent none,
// the per-priority policy below (the same hours the reference server uses). States are computed
// from times held in memory, so the queue can tick every second without touching the cache.
namespace noc {

enum class SlaState { None, OnTrack, AtRisk, Breached };

// Resolution time allowed per priority: Critical 4 h, High 8 h, Medium 24 h, anything else 72 h.
qint64 slaPolicyMs(const QString &priority);
// expectedResolutionDate when set, else creationDate + slaPolicyMs(priority); 0 when neither is known.
EpochMs effectiveDueMs(EpochMs created, EpochMs expectedResolution, const QString &priority);
// Whether the SLA clock runs: acknowledged, in progress, pending and held tickets.
bool isOpenStatus(TicketStatus status);
// None for tickets that are no longer open or have no due time; Breached once due has passed;
// AtRisk when less than 25 % of the allowed time (due - created) is left; OnTrack otherwise.
SlaState slaState(TicketStatus status, EpochMs created, EpochMs due, EpochMs nowMs);
// "3 h 05 min", "12 min 40 s", "2 d 4 h"; negative values give the overdue text "overdue 5 min".
QString slaCountdownText(qint64 remainingMs);
QString slaStateName(SlaState state);

} // namespace noc
