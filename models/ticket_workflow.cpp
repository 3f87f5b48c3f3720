#include "ticket_workflow.h"

#include "alarm_table_model.h"
#include "alarm_vocabulary.h"
#include "cache/row_codec.h"
#include "display_time.h"
#include "ticket_row.h"

#include <QCoreApplication>
#include <QLocale>

namespace noc {

namespace {
constexpr TicketStatus kAllStatuses[] = {
    TicketStatus::Acknowledged, TicketStatus::InProgress, TicketStatus::Pending,  TicketStatus::Held,
    TicketStatus::Resolved,     TicketStatus::Closed,     TicketStatus::Rejected, TicketStatus::Cancelled};
} // namespace

QList<TicketStatus> nextTicketStatuses(TicketStatus from) {
    QList<TicketStatus> next;
    for (TicketStatus to : kAllStatuses)
        if (isTicketTransitionAllowed(from, to))
            next.append(to);
    return next;
}

QString ticketTransitionRefusal(const TroubleTicket &ticket, TicketStatus to, Role role) {
    if (!isAllowed(role, Permission::ChangeTicketStatus))
        return refusalReason(role, Permission::ChangeTicketStatus);
    if ((to == TicketStatus::Closed || to == TicketStatus::Cancelled) &&
        !isAllowed(role, Permission::CloseTicket))
        return refusalReason(role, Permission::CloseTicket);
    if (ticket.status == to)
        return QCoreApplication::translate("TicketWorkflow", "The ticket is already %1.")
            .arg(ticketStatusDisplayName(to));
    if (isTicketTransitionAllowed(ticket.status, to))
        return {};
    QStringList next;
    for (TicketStatus s : nextTicketStatuses(ticket.status))
        next.append(ticketStatusDisplayName(s));
    if (next.isEmpty())
        return QCoreApplication::translate("TicketWorkflow", "A ticket that is %1 cannot change any more.")
            .arg(ticketStatusDisplayName(ticket.status));
    return QCoreApplication::translate("TicketWorkflow",
                                       "A ticket that is %1 cannot go to %2. Next it can be: %3.")
        .arg(ticketStatusDisplayName(ticket.status), ticketStatusDisplayName(to),
             next.join(QCoreApplication::translate("TicketWorkflow", ", ")));
}

QString priorityForSeverity(Severity severity) {
    switch (severity) {
    case Severity::Critical:
        return QStringLiteral("Critical");
    case Severity::Major:
        return QStringLiteral("High");
    case Severity::Minor:
        return QStringLiteral("Medium");
    default:
        return QStringLiteral("Low");
    }
}

QString ticketSeverityText(Severity severity) {
    const QString s = toString(severity);
    return s.isEmpty() ? s : s.left(1).toUpper() + s.mid(1);
}

TroubleTicket ticketDraftFromAlarms(const QList<Alarm> &alarms, const QString &reporterId,
                                    const std::function<QString(const QString &)> &elementName) {
    TroubleTicket draft;
    draft.ticketType = QStringLiteral("incident");
    draft.status = TicketStatus::Acknowledged;
    if (!reporterId.isEmpty())
        draft.relatedParties.append(
            {reporterId, reporterId, QStringLiteral("reporter"), QStringLiteral("Individual")});
    if (alarms.isEmpty())
        return draft;

    // The worst alarm names the ticket; a root cause wins among equally severe ones.
    const Alarm *worst = &alarms.first();
    for (const Alarm &a : alarms) {
        const int rank = severityRank(a.perceivedSeverity),
                  worstRank = severityRank(worst->perceivedSeverity);
        if (rank < worstRank || (rank == worstRank && a.isRootCause && !worst->isRootCause))
            worst = &a;
    }
    Severity severity = worst->perceivedSeverity;
    if (severity == Severity::Cleared || severity == Severity::Indeterminate)
        severity = Severity::Warning;
    draft.severity = ticketSeverityText(severity);
    draft.priority = priorityForSeverity(severity);

    const auto nameOf = [&](const QString &id) {
        const QString name = elementName ? elementName(id) : QString();
        return name.isEmpty() ? id : name;
    };
    // The draft is read (and sent) as a person's words in the user's language: the causes and types
    // as the alarm list words them, its severity names, local times in its format. Ids and element
    // names stay as they are: an engineer copies them into other tools.
    const auto causeOf = [](const Alarm &a) {
        return a.probableCause.isEmpty() ? alarmvocabulary::alarmTypeText(a.alarmType)
                                         : alarmvocabulary::probableCauseText(a.probableCause);
    };
    const QString cause = causeOf(*worst);
    const QString where = nameOf(worst->alarmedObjectId);
    const qsizetype others = alarms.size() - 1;
    if (others == 0)
        draft.name = QCoreApplication::translate("TicketWorkflow", "%1 at %2").arg(cause, where);
    else if (others == 1)
        draft.name =
            QCoreApplication::translate("TicketWorkflow", "%1 at %2 and 1 more alarm").arg(cause, where);
    else
        draft.name = QCoreApplication::translate("TicketWorkflow", "%1 at %2 and %3 more alarms")
                         .arg(cause, where, QLocale().toString(qint64(others)));

    QStringList lines;
    // Not "%n alarm(s)": the English source has no plural translation of its own.
    lines.append(alarms.size() == 1 ? QCoreApplication::translate("TicketWorkflow", "Raised from 1 alarm:")
                                    : QCoreApplication::translate("TicketWorkflow", "Raised from %L1 alarms:")
                                          .arg(qint64(alarms.size())));
    QStringList elements;
    for (const Alarm &a : alarms) {
        const QString severity = AlarmTableModel::severityName(rowcodec::severityCode(a.perceivedSeverity));
        const QString type = alarmvocabulary::alarmTypeText(a.alarmType);
        const QString raised = localDateTimeTextWithOffset(a.alarmRaisedTime);
        // "- A-2 Critical on agg-switch-2: Loss of signal — LOS on port 3 (Communications alarm,
        // raised 2026-11-23 18:00:00 UTC+08:00)"; the parts the server left empty are left out, not shown
        // blank.
        QString what = causeOf(a);
        if (!a.specificProblem.isEmpty())
            what = QCoreApplication::translate("TicketWorkflow", "%1 — %2").arg(what, a.specificProblem);
        const bool typeSaid = a.probableCause.isEmpty(); // then `what` is the type already
        QString about;
        if (!raised.isEmpty())
            about = typeSaid || type.isEmpty()
                        ? QCoreApplication::translate("TicketWorkflow", "raised %1").arg(raised)
                        : QCoreApplication::translate("TicketWorkflow", "%1, raised %2").arg(type, raised);
        else if (!typeSaid)
            about = type;
        if (!about.isEmpty())
            what = QCoreApplication::translate("TicketWorkflow", "%1 (%2)").arg(what, about);
        lines.append(QCoreApplication::translate("TicketWorkflow", "- %1 %2 on %3: %4")
                         .arg(a.id, severity, nameOf(a.alarmedObjectId), what));
        draft.relatedEntities.append(
            {a.id, causeOf(a), a.isRootCause ? QStringLiteral("rootCause") : QStringLiteral("relatedAlarm"),
             QStringLiteral("Alarm")});
        if (!a.alarmedObjectId.isEmpty() && !elements.contains(a.alarmedObjectId))
            elements.append(a.alarmedObjectId);
    }
    for (const QString &id : elements)
        draft.relatedEntities.append(
            {id, nameOf(id), QStringLiteral("affectedResource"), QStringLiteral("PhysicalResource")});
    draft.description = lines.join(QLatin1Char('\n'));
    return draft;
}

} // namespace noc
