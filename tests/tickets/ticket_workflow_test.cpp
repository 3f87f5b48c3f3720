#include "ticket_sla.h"
#include "ticket_workflow.h"

#include <QDateTime>
#include <QTest>

using namespace noc;

namespace {
constexpr qint64 kHour = 3600LL * 1000;
constexpr EpochMs kNow = 1'790'000'000'000LL;

Alarm alarm(const QString &id, Severity severity, const QString &element, bool root = false) {
    Alarm a;
    a.id = id;
    a.perceivedSeverity = severity;
    a.probableCause = QStringLiteral("lossOfSignal");
    a.specificProblem = QStringLiteral("LOS on port 1/1/%1").arg(id);
    a.alarmType = QStringLiteral("communicationsAlarm");
    a.alarmedObjectId = element;
    a.alarmRaisedTime = kNow;
    a.isRootCause = root;
    return a;
}
} // namespace

class TicketWorkflowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        // The drafts give local times: a fixed zone (UTC+8, no daylight saving) so that the test reads
        // the same on every machine. POSIX spelling: no time zone database needed.
        qputenv("TZ", "CST-8");
    }

    void slaStatesFollowTheShareOfTimeLeft() {
        // Given a ticket created at 0 and due after 8 h
        const EpochMs created = kNow, due = kNow + 8 * kHour;
        // Then with more than 25 % left it is on track, below that at risk, after due breached
        QVERIFY(slaState(TicketStatus::InProgress, created, due, kNow + 5 * kHour) == SlaState::OnTrack);
        QVERIFY(slaState(TicketStatus::InProgress, created, due, kNow + 6 * kHour) ==
                SlaState::OnTrack); // exactly 25 %
        QVERIFY(slaState(TicketStatus::InProgress, created, due, kNow + 6 * kHour + 1) == SlaState::AtRisk);
        QVERIFY(slaState(TicketStatus::Held, created, due, due) == SlaState::Breached);
        // And a ticket no longer open has no SLA state
        QVERIFY(slaState(TicketStatus::Resolved, created, due, due + kHour) == SlaState::None);
        QVERIFY(slaState(TicketStatus::InProgress, created, 0, kNow) == SlaState::None);
    }

    void withoutAServerDueTimeThePriorityPolicyApplies() {
        // Given no expectedResolutionDate  Then due = created + 4/8/24/72 h by priority
        QCOMPARE(effectiveDueMs(kNow, 0, "Critical"), kNow + 4 * kHour);
        QCOMPARE(effectiveDueMs(kNow, 0, "high"), kNow + 8 * kHour);
        QCOMPARE(effectiveDueMs(kNow, 0, "Medium"), kNow + 24 * kHour);
        QCOMPARE(effectiveDueMs(kNow, 0, "Low"), kNow + 72 * kHour);
        // And the server's due time wins when there is one
        QCOMPARE(effectiveDueMs(kNow, kNow + kHour, "Low"), kNow + kHour);
    }

    void countdownTextIsPlain() {
        QCOMPARE(slaCountdownText(3 * kHour + 5 * 60000), QStringLiteral("3 h 05 min"));
        QCOMPARE(slaCountdownText(12 * 60000 + 40000), QStringLiteral("12 min 40 s"));
        QCOMPARE(slaCountdownText(50 * kHour), QStringLiteral("2 d 2 h"));
        QCOMPARE(slaCountdownText(-5 * 60000), QStringLiteral("overdue 5 min 00 s"));
    }

    void allowedTransitionsPassAndOthersAreExplained() {
        // Given an acknowledged ticket and an engineer
        TroubleTicket t;
        t.id = "TT-1";
        t.status = TicketStatus::Acknowledged;
        // Then moving it to in progress is fine
        QVERIFY(ticketTransitionRefusal(t, TicketStatus::InProgress, Role::Engineer).isEmpty());
        // But resolving it straight away is refused with the statuses it can go to
        const QString refusal = ticketTransitionRefusal(t, TicketStatus::Resolved, Role::Engineer);
        QVERIFY2(refusal.contains("cannot go to Resolved") && refusal.contains("In progress"),
                 qPrintable(refusal));
        // And cancelling needs a supervisor
        QVERIFY(ticketTransitionRefusal(t, TicketStatus::Cancelled, Role::Engineer).contains("supervisor"));
        QVERIFY(ticketTransitionRefusal(t, TicketStatus::Cancelled, Role::Supervisor).isEmpty());
        // And a read-only user may change nothing
        QVERIFY(!ticketTransitionRefusal(t, TicketStatus::InProgress, Role::ReadOnly).isEmpty());
        // And a closed ticket goes nowhere
        t.status = TicketStatus::Closed;
        QVERIFY(
            ticketTransitionRefusal(t, TicketStatus::InProgress, Role::Supervisor).contains("cannot change"));
        QVERIFY(nextTicketStatuses(TicketStatus::Resolved) ==
                (QList<TicketStatus>{TicketStatus::InProgress, TicketStatus::Closed}));
    }

    void aDraftFromAlarmsTakesTheWorstSeverityAndLinksAlarmsAndElements() {
        // Given a minor, a critical root cause and a major alarm on two elements
        const QList<Alarm> alarms{alarm("A-1", Severity::Minor, "NE-1"),
                                  alarm("A-2", Severity::Critical, "NE-2", true),
                                  alarm("A-3", Severity::Major, "NE-1")};
        // When a ticket is drafted from them
        const TroubleTicket draft = ticketDraftFromAlarms(alarms, "alice", [](const QString &id) {
            return id == "NE-2" ? QStringLiteral("agg-switch-2") : QString();
        });
        // Then severity and priority come from the critical one, and the title names it
        QCOMPARE(draft.severity, QStringLiteral("Critical"));
        QCOMPARE(draft.priority, QStringLiteral("Critical"));
        QCOMPARE(draft.name, QStringLiteral("Loss of signal at agg-switch-2 and 2 more alarms"));
        // And the description lists every alarm
        for (const Alarm &a : alarms)
            QVERIFY(draft.description.contains(a.id));
        // And the three alarms and the two elements (once each) are linked, the root cause as such
        QStringList ids;
        for (const RelatedEntity &e : draft.relatedEntities)
            ids << e.referredType + ":" + e.id + ":" + e.role;
        QCOMPARE(ids, (QStringList{"Alarm:A-1:relatedAlarm", "Alarm:A-2:rootCause", "Alarm:A-3:relatedAlarm",
                                   "PhysicalResource:NE-1:affectedResource",
                                   "PhysicalResource:NE-2:affectedResource"}));
        QCOMPARE(draft.partyId("reporter"), QStringLiteral("alice"));
        QVERIFY(draft.status == TicketStatus::Acknowledged);
    }

    void aDraftFromAlarmsReadsLikeAPersonWroteIt() {
        // Given a major link-down alarm raised at 10:00 UTC on NE-2 (agg-switch-2), with the server's codes
        Alarm down = alarm("A-9", Severity::Major, "NE-2");
        down.probableCause = QStringLiteral("linkDown");
        down.alarmType = QStringLiteral("COMMUNICATIONS_ALARM");
        down.specificProblem = QStringLiteral("ge-0/0/1 down");
        down.alarmRaisedTime = QDateTime::fromString("2026-11-23T10:00:00Z", Qt::ISODate).toMSecsSinceEpoch();
        const auto names = [](const QString &id) {
            return id == "NE-2" ? QStringLiteral("agg-switch-2") : QString();
        };
        // When a ticket is drafted from it alone
        TroubleTicket draft = ticketDraftFromAlarms({down}, "alice", names);
        // Then title and description use the alarm list's words and its local time format with the
        // UTC offset (the description is read in other time zones too), one alarm
        // is singular, and the ids and element names are kept as they are
        QCOMPARE(draft.name, QStringLiteral("Link down at agg-switch-2"));
        QCOMPARE(draft.description.split('\n'),
                 (QStringList{"Raised from 1 alarm:",
                              "- A-9 Major on agg-switch-2: Link down — ge-0/0/1 down (Communications alarm, "
                              "raised 2026-11-23 18:00:00 UTC+08:00)"}));
        QCOMPARE(draft.relatedEntities.first().name, QStringLiteral("Link down"));

        // When it is drafted with two more alarms, one without a probable cause nor a raised time
        Alarm noCause = alarm("A-10", Severity::Minor, "NE-1");
        noCause.probableCause.clear();
        noCause.specificProblem.clear();
        noCause.alarmType = QStringLiteral("equipmentAlarm");
        noCause.alarmRaisedTime = 0;
        draft =
            ticketDraftFromAlarms({down, noCause, alarm("A-11", Severity::Warning, "NE-1")}, "alice", names);
        // Then the count is plural, the alarm without a cause is named by its type, nothing is left blank
        QCOMPARE(draft.name, QStringLiteral("Link down at agg-switch-2 and 2 more alarms"));
        const QStringList lines = draft.description.split('\n');
        QCOMPARE(lines.value(0), QStringLiteral("Raised from 3 alarms:"));
        QCOMPARE(lines.value(2), QStringLiteral("- A-10 Minor on NE-1: Equipment alarm"));
        QVERIFY2(lines.value(3).startsWith("- A-11 Warning on NE-1: Loss of signal — LOS on port 1/1/A-11 "
                                           "(Communications alarm, raised "),
                 qPrintable(lines.value(3)));
        for (const char *raw : {"(s)", "linkDown", "lossOfSignal", "communicationsAlarm", ":00Z", "T10:"})
            QVERIFY2(!draft.description.contains(QLatin1String(raw)), qPrintable(draft.description));
        // And two alarms say "1 more alarm"
        QCOMPARE(ticketDraftFromAlarms({down, noCause}, "alice", names).name,
                 QStringLiteral("Link down at agg-switch-2 and 1 more alarm"));
    }
};

QTEST_GUILESS_MAIN(TicketWorkflowTest)
#include "ticket_workflow_test.moc"
