#include "display_time.h"

#include <QDateTime>

namespace noc {

QString localDateTimeText(EpochMs ms) {
    if (ms <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace noc
