#include "domain/enums.h"

#include <array>
#include <string_view>

namespace noc {

namespace {

constexpr char16_t toLowerAscii(char16_t c) {
    return (c >= u'A' && c <= u'Z') ? char16_t(c + 32) : c;
}

// Separators that spellings of the same value differ by: IN_PROGRESS (3GPP), in-progress, "Communications
// Alarm" (the swagger's description). Skipping them lets one canonical key match every spelling.
constexpr bool isSeparator(char16_t c) {
    return c == u'_' || c == u'-' || c == u' ';
}

// Compares `text` with `key` (lower-case ASCII, no separators) ignoring case and separators, without
// allocating: this runs for every enum field of every record on the ingest path.
bool matchesKey(QStringView text, std::string_view key) {
    std::size_t k = 0;
    for (const QChar qc : text) {
        const char16_t c = qc.unicode();
        if (isSeparator(c))
            continue;
        if (k == key.size() || toLowerAscii(c) != char16_t(key[k]))
            return false;
        ++k;
    }
    return k == key.size();
}

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(QStringView text, const std::array<std::pair<std::string_view, Enum>, N> &table) {
    text = text.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    for (const auto &[key, value] : table)
        if (matchesKey(text, key))
            return value;
    return std::nullopt;
}

constexpr std::array<std::pair<std::string_view, Severity>, 6> kSeverities{{
    {"critical", Severity::Critical},
    {"major", Severity::Major},
    {"minor", Severity::Minor},
    {"warning", Severity::Warning},
    {"indeterminate", Severity::Indeterminate},
    {"cleared", Severity::Cleared},
}};

constexpr std::array<std::pair<std::string_view, AlarmState>, 3> kAlarmStates{{
    {"raised", AlarmState::Raised},
    {"updated", AlarmState::Updated},
    {"cleared", AlarmState::Cleared},
}};

constexpr std::array<std::pair<std::string_view, AckState>, 2> kAckStates{{
    {"unacknowledged", AckState::Unacknowledged},
    {"acknowledged", AckState::Acknowledged},
}};

constexpr std::array<std::pair<std::string_view, TicketStatus>, 9> kTicketStatuses{{
    {"acknowledged", TicketStatus::Acknowledged},
    {"rejected", TicketStatus::Rejected},
    {"pending", TicketStatus::Pending},
    {"held", TicketStatus::Held},
    {"inprogress", TicketStatus::InProgress},
    {"cancelled", TicketStatus::Cancelled},
    {"canceled", TicketStatus::Cancelled}, // US spelling, seen on real servers
    {"closed", TicketStatus::Closed},
    {"resolved", TicketStatus::Resolved},
}};

constexpr std::array<std::pair<std::string_view, ElementCategory>, 9> kCategories{{
    {"router", ElementCategory::Router},
    {"switch", ElementCategory::Switch},
    {"olt", ElementCategory::Olt},
    {"bts", ElementCategory::Bts},
    {"microwave", ElementCategory::Microwave},
    {"firewall", ElementCategory::Firewall},
    {"server", ElementCategory::Server},
    {"power", ElementCategory::Power},
    {"other", ElementCategory::Other},
}};

constexpr std::array<std::pair<std::string_view, NetworkLayer>, 3> kLayers{{
    {"core", NetworkLayer::Core},
    {"aggregation", NetworkLayer::Aggregation},
    {"access", NetworkLayer::Access},
}};

// X.733 8.1.1 / 3GPP TS 32.111-2 Annex A event types, keyed by their separator-free lower-case form.
// The profile lists securityService and mechanismViolation separately; X.733 names the combined
// securityServiceOrMechanismViolation: all three are kept as sent.
struct AlarmTypeSpelling {
    std::string_view key;
    QStringView canonical;
};
constexpr std::array<AlarmTypeSpelling, 12> kAlarmTypes{{
    {"communicationsalarm", u"communicationsAlarm"},
    {"processingerroralarm", u"processingErrorAlarm"},
    {"environmentalalarm", u"environmentalAlarm"},
    {"qualityofservicealarm", u"qualityOfServiceAlarm"},
    {"equipmentalarm", u"equipmentAlarm"},
    {"integrityviolation", u"integrityViolation"},
    {"operationalviolation", u"operationalViolation"},
    {"physicalviolation", u"physicalViolation"},
    {"securityservice", u"securityService"},
    {"mechanismviolation", u"mechanismViolation"},
    {"securityserviceormechanismviolation", u"securityServiceOrMechanismViolation"},
    {"timedomainviolation", u"timeDomainViolation"},
}};

// QString over static UTF-16 data: no allocation, the canonical spellings are immortal literals.
QString staticString(QStringView view) {
    return QString::fromRawData(reinterpret_cast<const QChar *>(view.utf16()), view.size());
}

} // namespace

std::optional<Severity> parseSeverity(QStringView text) {
    return lookup(text, kSeverities);
}
std::optional<AlarmState> parseAlarmState(QStringView text) {
    return lookup(text, kAlarmStates);
}
std::optional<AckState> parseAckState(QStringView text) {
    return lookup(text, kAckStates);
}
std::optional<TicketStatus> parseTicketStatus(QStringView text) {
    return lookup(text, kTicketStatuses);
}

ElementCategory parseElementCategory(QStringView text) {
    return lookup(text, kCategories).value_or(ElementCategory::Other);
}

NetworkLayer parseNetworkLayer(QStringView text) {
    return lookup(text, kLayers).value_or(NetworkLayer::Unknown);
}

QString toString(Severity value) {
    switch (value) {
    case Severity::Critical:
        return QStringLiteral("critical");
    case Severity::Major:
        return QStringLiteral("major");
    case Severity::Minor:
        return QStringLiteral("minor");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Indeterminate:
        return QStringLiteral("indeterminate");
    case Severity::Cleared:
        return QStringLiteral("cleared");
    }
    return QStringLiteral("indeterminate");
}

QString toString(AlarmState value) {
    switch (value) {
    case AlarmState::Raised:
        return QStringLiteral("raised");
    case AlarmState::Updated:
        return QStringLiteral("updated");
    case AlarmState::Cleared:
        return QStringLiteral("cleared");
    }
    return QStringLiteral("raised");
}

QString toString(AckState value) {
    switch (value) {
    case AckState::Unacknowledged:
        return QStringLiteral("unacknowledged");
    case AckState::Acknowledged:
        return QStringLiteral("acknowledged");
    }
    return QStringLiteral("unacknowledged");
}

QString toString(TicketStatus value) {
    switch (value) {
    case TicketStatus::Acknowledged:
        return QStringLiteral("acknowledged");
    case TicketStatus::Rejected:
        return QStringLiteral("rejected");
    case TicketStatus::Pending:
        return QStringLiteral("pending");
    case TicketStatus::Held:
        return QStringLiteral("held");
    case TicketStatus::InProgress:
        return QStringLiteral("inProgress");
    case TicketStatus::Cancelled:
        return QStringLiteral("cancelled");
    case TicketStatus::Closed:
        return QStringLiteral("closed");
    case TicketStatus::Resolved:
        return QStringLiteral("resolved");
    }
    return QStringLiteral("acknowledged");
}

QString toString(ElementCategory value) {
    switch (value) {
    case ElementCategory::Router:
        return QStringLiteral("router");
    case ElementCategory::Switch:
        return QStringLiteral("switch");
    case ElementCategory::Olt:
        return QStringLiteral("olt");
    case ElementCategory::Bts:
        return QStringLiteral("bts");
    case ElementCategory::Microwave:
        return QStringLiteral("microwave");
    case ElementCategory::Firewall:
        return QStringLiteral("firewall");
    case ElementCategory::Server:
        return QStringLiteral("server");
    case ElementCategory::Power:
        return QStringLiteral("power");
    case ElementCategory::Other:
        return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

QString toString(NetworkLayer value) {
    switch (value) {
    case NetworkLayer::Core:
        return QStringLiteral("core");
    case NetworkLayer::Aggregation:
        return QStringLiteral("aggregation");
    case NetworkLayer::Access:
        return QStringLiteral("access");
    case NetworkLayer::Unknown:
        return QStringLiteral("unknown");
    }
    return QStringLiteral("unknown");
}

int severityRank(Severity value) {
    switch (value) {
    case Severity::Critical:
        return 0;
    case Severity::Major:
        return 1;
    case Severity::Minor:
        return 2;
    case Severity::Warning:
        return 3;
    case Severity::Indeterminate:
        return 4;
    case Severity::Cleared:
        return 5;
    }
    return 4;
}

QString canonicalAlarmType(const QString &text) {
    const QStringView trimmed = QStringView(text).trimmed();
    for (const auto &spelling : kAlarmTypes) {
        if (matchesKey(trimmed, spelling.key)) {
            // Already canonical (the common case): share the caller's string instead of a new one.
            if (trimmed.size() == text.size() && trimmed == spelling.canonical)
                return text;
            return staticString(spelling.canonical);
        }
    }
    return text;
}

bool isTicketTransitionAllowed(TicketStatus from, TicketStatus to) {
    using S = TicketStatus;
    switch (from) {
    case S::Acknowledged:
        return to == S::InProgress || to == S::Rejected || to == S::Cancelled;
    case S::InProgress:
        return to == S::Pending || to == S::Held || to == S::Resolved || to == S::Cancelled;
    case S::Pending:
    case S::Held:
        return to == S::InProgress || to == S::Cancelled;
    case S::Resolved:
        return to == S::Closed || to == S::InProgress; // reopen
    case S::Rejected:
    case S::Cancelled:
    case S::Closed:
        return false; // terminal
    }
    return false;
}

} // namespace noc
