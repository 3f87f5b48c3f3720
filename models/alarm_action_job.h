#pragma once

#include "cache/cache_batch.h"
#include "sync/local_actions.h"

#include <QList>
#include <QString>
#include <functional>
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
    // Alarms per part (see runAlarmActionInParts); 0 = all in one.
    qsizetype partSize = 0;
};

// One part of an action: its alarms and its batch.
struct AlarmActionResult {
    QList<Alarm> alarms; // as read from the cache, in the selection's order (deleted ones left out)
    CacheBatch batch;    // the action's optimistic rows and outbox entries; empty for ReadOnly
    QString error;       // empty when the cache could be read
};

// Reads the job's alarms and builds the action's batches (actions::*). Runs on a worker thread: a
// select-all of a storm list is hundreds of thousands of reads, seconds that froze the console when
// they ran on the GUI thread. The alarms are taken in parts of job.partSize in the selection's order,
// each handed to `deliver` as soon as its batch is built, so that the caller can submit one part
// (one transaction: the alarms' optimistic rows with their outbox entries) while the next one is
// read: a select-all of 400,000 alarms then keeps the writer and the reads on the two cores at once
// instead of taking turns. Every alarm is in exactly one part. After a part with an error nothing
// more is delivered.
void runAlarmActionInParts(const AlarmActionJob &job, const std::function<void(AlarmActionResult)> &deliver);

} // namespace noc
