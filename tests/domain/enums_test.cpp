#include "domain/enums.h"

#include <QSet>
#include <QTest>

using namespace noc;

namespace {

// QCOMPARE cannot print the domain enums: inside QTest, argument-dependent lookup finds
// noc::toString(enum) -> QString instead of a char * formatter. Compare their TMF spellings instead,
// which also makes a failure readable.
template <typename E> QString enumText(E value) {
    return noc::toString(value);
}
template <typename E> QString enumText(const std::optional<E> &value) {
    return value ? noc::toString(*value) : QStringLiteral("<nullopt>");
}
#define QCOMPARE_ENUM(actual, expected) QCOMPARE(enumText(actual), enumText(expected))

constexpr Severity kSeverities[] = {Severity::Critical, Severity::Major,         Severity::Minor,
                                    Severity::Warning,  Severity::Indeterminate, Severity::Cleared};
constexpr TicketStatus kStatuses[] = {
    TicketStatus::Acknowledged, TicketStatus::Rejected,  TicketStatus::Pending, TicketStatus::Held,
    TicketStatus::InProgress,   TicketStatus::Cancelled, TicketStatus::Closed,  TicketStatus::Resolved};

// The 3GPP way of writing a TMF value: inProgress -> IN_PROGRESS.
QString screamingSnake(const QString &camel) {
    QString out;
    for (const QChar c : camel) {
        if (c.isUpper() && !out.isEmpty())
            out += u'_';
        out += c.toUpper();
    }
    return out;
}

} // namespace

class EnumsTest : public QObject {
    Q_OBJECT
private slots:
    void everyValueSurvivesFormatThenParse() {
        // Given every value of every enum
        // When it is formatted and parsed back, in TMF, upper-case and 3GPP spelling
        // Then the same value comes back
        for (const Severity s : kSeverities) {
            QCOMPARE_ENUM(parseSeverity(toString(s)), s);
            QCOMPARE_ENUM(parseSeverity(toString(s).toUpper()), s);
        }
        for (const TicketStatus s : kStatuses) {
            QCOMPARE_ENUM(parseTicketStatus(toString(s)), s);
            QCOMPARE_ENUM(parseTicketStatus(screamingSnake(toString(s))), s);
        }
        for (const AlarmState s : {AlarmState::Raised, AlarmState::Updated, AlarmState::Cleared})
            QCOMPARE_ENUM(parseAlarmState(toString(s).toUpper()), s);
        for (const AckState s : {AckState::Unacknowledged, AckState::Acknowledged})
            QCOMPARE_ENUM(parseAckState(toString(s).toUpper()), s);
        for (const NetworkLayer l : {NetworkLayer::Core, NetworkLayer::Aggregation, NetworkLayer::Access})
            QCOMPARE_ENUM(parseNetworkLayer(toString(l).toUpper()), l);
        for (int i = 0; i <= int(ElementCategory::Other); ++i) {
            const auto c = ElementCategory(i);
            QCOMPARE_ENUM(parseElementCategory(toString(c).toUpper()), c);
        }
    }

    void ticketStatusAcceptsEverySpellingServersUse_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("tmf") << "inProgress";
        QTest::newRow("3gpp") << "IN_PROGRESS";
        QTest::newRow("lower") << "inprogress";
        QTest::newRow("kebab") << "in-progress";
        QTest::newRow("padded") << "  InProgress ";
    }
    void ticketStatusAcceptsEverySpellingServersUse() {
        QFETCH(QString, text);
        QCOMPARE_ENUM(parseTicketStatus(text), TicketStatus::InProgress);
    }

    void unknownValuesAreRejectedNotGuessed_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("blank") << "   ";
        QTest::newRow("prefix") << "crit";
        QTest::newRow("longer") << "criticalx";
        QTest::newRow("other word") << "severe";
        QTest::newRow("only separators") << "___";
        QTest::newRow("non-latin") << QString::fromUtf8("критический");
    }
    void unknownValuesAreRejectedNotGuessed() {
        QFETCH(QString, text);
        QVERIFY(!parseSeverity(text));
        QVERIFY(!parseTicketStatus(text));
        QVERIFY(!parseAlarmState(text));
        QVERIFY(!parseAckState(text));
        QCOMPARE_ENUM(parseElementCategory(text), ElementCategory::Other);
        QCOMPARE_ENUM(parseNetworkLayer(text), NetworkLayer::Unknown);
    }

    void ticketStatusFormatsWithTheSwaggerSpelling() {
        // The swagger's TroubleTicketStatusType enum is camelCase; a server validates against it.
        QCOMPARE(toString(TicketStatus::InProgress), QStringLiteral("inProgress"));
        QCOMPARE(toString(Severity::Critical), QStringLiteral("critical"));
    }

    void severityRankOrdersWorstFirst() {
        // Given the severities in X.733 order of urgency
        // Then their ranks are 0..5 in that order, so min() picks the worst of a group
        for (int i = 0; i < 6; ++i)
            QCOMPARE(severityRank(kSeverities[i]), i);
    }

    void alarmTypeIsCanonicalised_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("3gpp") << "COMMUNICATIONS_ALARM"
                              << "communicationsAlarm";
        QTest::newRow("lower") << "communicationsalarm"
                               << "communicationsAlarm";
        QTest::newRow("canonical") << "equipmentAlarm"
                                   << "equipmentAlarm";
        QTest::newRow("x733 words") << "Quality of Service Alarm"
                                    << "qualityOfServiceAlarm";
        QTest::newRow("violation") << "TIME_DOMAIN_VIOLATION"
                                   << "timeDomainViolation";
        QTest::newRow("unknown kept") << "vendorSpecificThing"
                                      << "vendorSpecificThing";
        QTest::newRow("empty") << ""
                               << "";
    }
    void alarmTypeIsCanonicalised() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(canonicalAlarmType(text), expected);
    }

    void ticketWorkflowFollowsTheProfile() {
        // Given the transition table of ops-api.md, written out as pairs
        using S = TicketStatus;
        const QSet<QPair<int, int>> allowed = {
            {int(S::Acknowledged), int(S::InProgress)}, {int(S::Acknowledged), int(S::Rejected)},
            {int(S::Acknowledged), int(S::Cancelled)},  {int(S::InProgress), int(S::Pending)},
            {int(S::InProgress), int(S::Held)},         {int(S::InProgress), int(S::Resolved)},
            {int(S::InProgress), int(S::Cancelled)},    {int(S::Pending), int(S::InProgress)},
            {int(S::Pending), int(S::Cancelled)},       {int(S::Held), int(S::InProgress)},
            {int(S::Held), int(S::Cancelled)},          {int(S::Resolved), int(S::Closed)},
            {int(S::Resolved), int(S::InProgress)},
        };
        // When every pair of statuses is checked
        // Then exactly the listed pairs are allowed (terminal states and self-transitions are not)
        for (const S from : kStatuses)
            for (const S to : kStatuses)
                QVERIFY2(isTicketTransitionAllowed(from, to) == allowed.contains({int(from), int(to)}),
                         qPrintable(toString(from) + " -> " + toString(to)));
    }
};

QTEST_GUILESS_MAIN(EnumsTest)
#include "enums_test.moc"
