#include "alarm_action_job.h"

#include "cache/cache_reader.h"

namespace noc {

AlarmActionResult runAlarmAction(const AlarmActionJob &job) {
    AlarmActionResult result;
    CacheReader reader;
    if (!reader.open(job.cachePath)) {
        result.error = reader.lastError().message;
        return result;
    }
    result.alarms = reader.alarmsByAid(job.aids);
    if (reader.lastError().isError()) {
        result.error = reader.lastError().message;
        result.alarms.clear();
        return result;
    }
    switch (job.kind) {
    case AlarmActionJob::Kind::Acknowledge:
        result.batch = actions::acknowledgeAlarms(result.alarms, job.context);
        break;
    case AlarmActionJob::Kind::Unacknowledge:
        result.batch = actions::unacknowledgeAlarms(result.alarms, job.context);
        break;
    case AlarmActionJob::Kind::Clear:
        result.batch = actions::clearAlarms(result.alarms, job.context);
        break;
    case AlarmActionJob::Kind::Comment:
        result.batch = actions::commentAlarms(result.alarms, job.comment, job.context);
        break;
    case AlarmActionJob::Kind::ReadOnly:
        break;
    }
    return result;
}

} // namespace noc
