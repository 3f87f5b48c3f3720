#include "display_time.h"

#include <QDateTime>
#include <cstdlib>

namespace noc {

QString localDateTimeText(EpochMs ms) {
    if (ms <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString localDateTimeTextWithOffset(EpochMs ms) {
    if (ms <= 0)
        return {};
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(ms).toLocalTime();
    const int offsetMinutes = local.offsetFromUtc() / 60;
    return QStringLiteral("%1 UTC%2%3:%4")
        .arg(local.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
             offsetMinutes < 0 ? QStringLiteral("-") : QStringLiteral("+"))
        .arg(std::abs(offsetMinutes) / 60, 2, 10, QLatin1Char('0'))
        .arg(std::abs(offsetMinutes) % 60, 2, 10, QLatin1Char('0'));
}

} // namespace noc
