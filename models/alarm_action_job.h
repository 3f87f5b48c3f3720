#pragma once

#include "cache/cache_batch.h"
#include "sync/local_actions.h"

#include <QList>
#include <QString>
#include <vector>

namespace noc {

// What an alarm action (acknowledge, unacknowledge, clear, comment, create ticket) does with the
// alarms a person selected, taken at the click as row ids only (AlarmKey::aid, 8 bytes a row).
struct AlarmActionJob {
    enum class Kind { Acknowledge, Unacknowledge, Clear, Comment, ReadOnly };
    QString cachePath; // read with a connection of the job's own
    Kind kind = Kind::ReadOnly;
    std::vector<qint64> aids;
    QString comment; // Kind::Comment
    actions::Context context;
};

struct AlarmActionResult {
    QList<Alarm> alarms; // as read from the cache, in the selection's order (deleted ones left out)
    CacheBatch batch;    // the action's optimistic rows and outbox entries; empty for ReadOnly
    QString error;       // empty when the cache could be read
};

// Reads the job's alarms and builds the action's batch (actions::*). Runs on a worker thread: a
// select-all of a storm list is hundreds of thousands of reads, seconds that froze the console when
// they ran on the GUI thread. The caller submits the batch (one transaction, as for one alarm).
AlarmActionResult runAlarmAction(const AlarmActionJob &job);

} // namespace noc
