#include "alarm_action_job.h"

#include "cache/cache_reader.h"

#include <algorithm>

namespace noc {

namespace {

CacheBatch buildBatch(const AlarmActionJob &job, const QList<Alarm> &alarms) {
    switch (job.kind) {
    case AlarmActionJob::Kind::Acknowledge:
        return actions::acknowledgeAlarms(alarms, job.context);
    case AlarmActionJob::Kind::Unacknowledge:
        return actions::unacknowledgeAlarms(alarms, job.context);
    case AlarmActionJob::Kind::Clear:
        return actions::clearAlarms(alarms, job.context);
    case AlarmActionJob::Kind::Comment:
        return actions::commentAlarms(alarms, job.comment, job.context);
    case AlarmActionJob::Kind::ReadOnly:
        break;
    }
    return {};
}

} // namespace

void runAlarmActionInParts(const AlarmActionJob &job, const std::function<void(AlarmActionResult)> &deliver) {
    CacheReader reader;
    if (!reader.open(job.cachePath)) {
        AlarmActionResult failed;
        failed.error = reader.lastError().message;
        deliver(std::move(failed));
        return;
    }
    const size_t total = job.aids.size();
    const size_t part = job.partSize > 0 ? size_t(job.partSize) : std::max<size_t>(total, 1);
    for (size_t first = 0; first < total; first += part) {
        const size_t end = std::min(total, first + part);
        AlarmActionResult result;
        result.alarms = reader.alarmsByAid(
            std::vector<qint64>(job.aids.begin() + qsizetype(first), job.aids.begin() + qsizetype(end)));
        if (reader.lastError().isError()) {
            result.error = reader.lastError().message;
            result.alarms.clear();
            deliver(std::move(result));
            return;
        }
        result.batch = buildBatch(job, result.alarms);
        deliver(std::move(result));
    }
}

} // namespace noc
