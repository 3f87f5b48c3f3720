#pragma once

#include <QString>
#include <optional>

// Enumerations of the TMF profile (../shared/docs/ops-api.md). Parsing is case-insensitive and
// accepts the 3GPP upper-case spellings (CRITICAL, IN_PROGRESS); formatting always gives the
// canonical TMF spelling.
namespace noc {

enum class Severity { Critical, Major, Minor, Warning, Indeterminate, Cleared };
enum class AlarmState { Raised, Updated, Cleared };
enum class AckState { Unacknowledged, Acknowledged };
enum class TicketStatus { Acknowledged, Rejected, Pending, Held, InProgress, Cancelled, Closed, Resolved };
enum class ElementCategory { Router, Switch, Olt, Bts, Microwave, Firewall, Server, Power, Other };
enum class NetworkLayer { Core, Aggregation, Access, Unknown };

std::optional<Severity> parseSeverity(QStringView text);
std::optional<AlarmState> parseAlarmState(QStringView text);
std::optional<AckState> parseAckState(QStringView text);
std::optional<TicketStatus> parseTicketStatus(QStringView text);
ElementCategory parseElementCategory(QStringView text); // unknown -> Other
NetworkLayer parseNetworkLayer(QStringView text);       // unknown -> Unknown

// Tests: QCOMPARE on these enums does not compile, because QTest's unqualified toString(value) finds
// these overloads (returning QString, not char *) by argument-dependent lookup. Compare
// toString(actual) with toString(expected) instead; it also gives a readable failure.
QString toString(Severity value);
QString toString(AlarmState value);
QString toString(AckState value);
QString toString(TicketStatus value);
QString toString(ElementCategory value);
QString toString(NetworkLayer value);

// Lower rank = worse. Used to order and to pick the worst severity of a group.
int severityRank(Severity value);

// The canonical X.733 alarm type for any spelling (COMMUNICATIONS_ALARM, communicationsalarm, ...);
// an unknown type is returned unchanged.
QString canonicalAlarmType(const QString &text);

// Workflow of ../shared/docs/ops-api.md: acknowledged -> inProgress|rejected|cancelled; ...
bool isTicketTransitionAllowed(TicketStatus from, TicketStatus to);

} // namespace noc
