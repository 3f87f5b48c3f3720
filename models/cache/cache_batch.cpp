#include "cache/cache_batch.h"

namespace noc {

qsizetype CacheBatch::size() const {
    qsizetype replaced = 0;
    for (const auto &r : replaceAll)
        replaced += r.keepIds.size();
    return sites.size() + elements.size() + links.size() + alarms.size() + tickets.size() +
           removedSiteIds.size() + removedElementIds.size() + removedLinkIds.size() + removedAlarmIds.size() +
           removedTicketIds.size() + replaced + outboxInserts.size() + outboxUpdates.size() +
           outboxRemovals.size() + conflictInserts.size() + conflictRemovals.size() + pendingAlarmIds.size() +
           pendingTicketIds.size() + mapPositions.size() + syncStates.size() + metadata.size();
}

bool CacheBatch::isEmpty() const {
    return size() == 0 && replaceAll.isEmpty();
}

} // namespace noc
