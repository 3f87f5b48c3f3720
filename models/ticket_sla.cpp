#include "ticket_sla.h"

#include <QCoreApplication>

namespace noc {

namespace {
constexpr qint64 kHour = 3600LL * 1000;
} // namespace

qint64 slaPolicyMs(const QString &priority) {
    if (priority.compare(QLatin1String("Critical"), Qt::CaseInsensitive) == 0)
        return 4 * kHour;
    if (priority.compare(QLatin1String("High"), Qt::CaseInsensitive) == 0)
        return 8 * kHour;
    if (priority.compare(QLatin1String("Medium"), Qt::CaseInsensitive) == 0)
        return 24 * kHour;
    return 72 * kHour;
}

EpochMs effectiveDueMs(EpochMs created, EpochMs expectedResolution, const QString &priority) {
    if (expectedResolution > 0)
        return expectedResolution;
    if (created > 0)
        return created + slaPolicyMs(priority);
    return 0;
}

bool isOpenStatus(TicketStatus status) {
    return status == TicketStatus::Acknowledged || status == TicketStatus::InProgress ||
           status == TicketStatus::Pending || status == TicketStatus::Held;
}

SlaState slaState(TicketStatus status, EpochMs created, EpochMs due, EpochMs nowMs) {
    if (!isOpenStatus(status) || due <= 0)
        return SlaState::None;
    const qint64 left = due - nowMs;
    if (left <= 0)
        return SlaState::Breached;
    // A due time before the creation time (clock skew on the server) leaves no allowed span: the
    // ticket is at risk until it breaches rather than on track forever.
    const qint64 allowed = created > 0 ? due - created : 0;
    if (allowed <= 0 || left * 4 < allowed)
        return SlaState::AtRisk;
    return SlaState::OnTrack;
}

QString slaCountdownText(qint64 remainingMs) {
    const bool overdue = remainingMs < 0;
    const qint64 s = (overdue ? -remainingMs : remainingMs) / 1000;
    const qint64 days = s / 86400, hours = (s % 86400) / 3600, minutes = (s % 3600) / 60, seconds = s % 60;
    QString text;
    if (days > 0)
        text = QCoreApplication::translate("TicketSla", "%1 d %2 h").arg(days).arg(hours);
    else if (hours > 0)
        text = QCoreApplication::translate("TicketSla", "%1 h %2 min")
                   .arg(hours)
                   .arg(minutes, 2, 10, QLatin1Char('0'));
    else
        text = QCoreApplication::translate("TicketSla", "%1 min %2 s")
                   .arg(minutes)
                   .arg(seconds, 2, 10, QLatin1Char('0'));
    return overdue ? QCoreApplication::translate("TicketSla", "overdue %1").arg(text) : text;
}

QString slaStateName(SlaState state) {
    switch (state) {
    case SlaState::None:
        return {};
    case SlaState::OnTrack:
        return QCoreApplication::translate("TicketSla", "On track");
    case SlaState::AtRisk:
        return QCoreApplication::translate("TicketSla", "At risk");
    case SlaState::Breached:
        return QCoreApplication::translate("TicketSla", "Breached");
    }
    return {};
}

} // namespace noc
