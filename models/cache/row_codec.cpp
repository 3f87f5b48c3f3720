#include "cache/row_codec.h"

#include "cache/sqlite_statement.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <cstring>

namespace noc::rowcodec {

const char *const kOutboxColumns =
    "uuid, seq, kind, target_kind, target_id, payload, base_version, created_ms, "
    "attempts, last_error, state";

OutboxEntry outboxFromRow(const SqliteStatement &s) {
    OutboxEntry e;
    e.uuid = s.columnText(0);
    e.seq = s.columnInt64(1);
    e.kind = s.columnText(2);
    e.targetKind = s.columnText(3);
    e.targetId = s.columnText(4);
    e.payload = s.columnBytes(5);
    e.baseVersion = s.columnText(6);
    e.createdMs = s.columnInt64(7);
    e.attempts = s.columnInt(8);
    e.lastError = s.columnText(9);
    e.state = parseOutboxState(s.columnText(10)).value_or(OutboxState::Pending);
    return e;
}

int severityCode(Severity value) {
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

Severity severityFromCode(int code) {
    static constexpr Severity table[] = {Severity::Critical, Severity::Major,         Severity::Minor,
                                         Severity::Warning,  Severity::Indeterminate, Severity::Cleared};
    return code >= 0 && code < 6 ? table[code] : Severity::Indeterminate;
}

int alarmStateCode(AlarmState value) {
    switch (value) {
    case AlarmState::Raised:
        return 0;
    case AlarmState::Updated:
        return 1;
    case AlarmState::Cleared:
        return kClearedStateCode;
    }
    return 0;
}

AlarmState alarmStateFromCode(int code) {
    return code == 1                   ? AlarmState::Updated
           : code == kClearedStateCode ? AlarmState::Cleared
                                       : AlarmState::Raised;
}

int ackCode(AckState value) {
    return value == AckState::Acknowledged ? 1 : 0;
}

AckState ackFromCode(int code) {
    return code == 1 ? AckState::Acknowledged : AckState::Unacknowledged;
}

int ticketStatusCode(TicketStatus value) {
    switch (value) {
    case TicketStatus::Acknowledged:
        return 0;
    case TicketStatus::Rejected:
        return 1;
    case TicketStatus::Pending:
        return 2;
    case TicketStatus::Held:
        return 3;
    case TicketStatus::InProgress:
        return 4;
    case TicketStatus::Cancelled:
        return 5;
    case TicketStatus::Closed:
        return 6;
    case TicketStatus::Resolved:
        return 7;
    }
    return 0;
}

TicketStatus ticketStatusFromCode(int code) {
    static constexpr TicketStatus table[] = {
        TicketStatus::Acknowledged, TicketStatus::Rejected,  TicketStatus::Pending, TicketStatus::Held,
        TicketStatus::InProgress,   TicketStatus::Cancelled, TicketStatus::Closed,  TicketStatus::Resolved};
    return code >= 0 && code < 8 ? table[code] : TicketStatus::Acknowledged;
}

int categoryCode(ElementCategory value) {
    switch (value) {
    case ElementCategory::Router:
        return 0;
    case ElementCategory::Switch:
        return 1;
    case ElementCategory::Olt:
        return 2;
    case ElementCategory::Bts:
        return 3;
    case ElementCategory::Microwave:
        return 4;
    case ElementCategory::Firewall:
        return 5;
    case ElementCategory::Server:
        return 6;
    case ElementCategory::Power:
        return 7;
    case ElementCategory::Other:
        return 8;
    }
    return 8;
}

ElementCategory categoryFromCode(int code) {
    static constexpr ElementCategory table[] = {
        ElementCategory::Router, ElementCategory::Switch,    ElementCategory::Olt,
        ElementCategory::Bts,    ElementCategory::Microwave, ElementCategory::Firewall,
        ElementCategory::Server, ElementCategory::Power,     ElementCategory::Other};
    return code >= 0 && code < 9 ? table[code] : ElementCategory::Other;
}

int layerCode(NetworkLayer value) {
    switch (value) {
    case NetworkLayer::Core:
        return 0;
    case NetworkLayer::Aggregation:
        return 1;
    case NetworkLayer::Access:
        return 2;
    case NetworkLayer::Unknown:
        return 3;
    }
    return 3;
}

NetworkLayer layerFromCode(int code) {
    static constexpr NetworkLayer table[] = {NetworkLayer::Core, NetworkLayer::Aggregation,
                                             NetworkLayer::Access, NetworkLayer::Unknown};
    return code >= 0 && code < 4 ? table[code] : NetworkLayer::Unknown;
}

QByteArray idsToJson(const QStringList &ids) {
    if (ids.isEmpty())
        return {};
    return QJsonDocument(QJsonArray::fromStringList(ids)).toJson(QJsonDocument::Compact);
}

QStringList idsFromJson(const QByteArray &json) {
    QStringList ids;
    if (json.isEmpty())
        return ids;
    const auto array = QJsonDocument::fromJson(json).array();
    ids.reserve(array.size());
    for (const auto &value : array)
        ids.append(value.toString());
    return ids;
}

QByteArray commentsToJson(const QList<AlarmComment> &comments) {
    if (comments.isEmpty())
        return {};
    QJsonArray array;
    for (const auto &c : comments)
        array.append(
            QJsonObject{{"u", c.userId}, {"s", c.systemId}, {"t", double(c.time)}, {"c", c.comment}});
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QList<AlarmComment> commentsFromJson(const QByteArray &json) {
    QList<AlarmComment> comments;
    if (json.isEmpty())
        return comments;
    const auto array = QJsonDocument::fromJson(json).array();
    comments.reserve(array.size());
    for (const auto &value : array) {
        const auto o = value.toObject();
        comments.append({o.value("u").toString(), o.value("s").toString(), qint64(o.value("t").toDouble()),
                         o.value("c").toString()});
    }
    return comments;
}

QByteArray mapToJson(const QMap<QString, QString> &map) {
    if (map.isEmpty())
        return {};
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QMap<QString, QString> mapFromJson(const QByteArray &json) {
    QMap<QString, QString> map;
    if (json.isEmpty())
        return map;
    const auto object = QJsonDocument::fromJson(json).object();
    for (auto it = object.begin(); it != object.end(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

namespace {

// A 64-bit hash of a record's fields, compared with the stored `h` to skip unchanged upserts. It
// reads eight bytes per step (a byte-at-a-time FNV-1a was ~5 % of the cache writer in a storm): each
// word is xor-multiplied into the state and the high half folded down; value() finishes with
// MurmurHash3's fmix64 so that every input bit reaches every output bit. Strings add their length
// first, so "ab" + "c" and "a" + "bc" differ. Only this process's writer compares these values; a
// change of the function costs one rewrite of each row on its next sync, nothing else.
class Hasher {
public:
    void add(const QString &s) {
        mix(quint64(s.size()));
        addRaw(s.utf16(), size_t(s.size()) * sizeof(char16_t));
    }
    void add(qint64 v) { mix(quint64(v)); }
    void add(int v) { add(qint64(v)); }
    void add(bool v) { add(qint64(v ? 1 : 0)); }
    void add(double v) {
        if (std::isnan(v)) {
            add(qint64(0x7ff8dead));
            return;
        }
        quint64 bits;
        std::memcpy(&bits, &v, sizeof bits);
        mix(bits);
    }
    void add(const QStringList &list) {
        add(qint64(list.size()));
        for (const auto &s : list)
            add(s);
    }
    qint64 value() const {
        quint64 h = m_h;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53ULL;
        h ^= h >> 33;
        return qint64(h);
    }

private:
    void mix(quint64 word) {
        m_h = (m_h ^ word) * 0x9e3779b97f4a7c15ULL;
        m_h ^= m_h >> 32;
    }
    void addRaw(const void *data, size_t n) {
        const auto *p = static_cast<const unsigned char *>(data);
        for (; n >= 8; p += 8, n -= 8) {
            quint64 word;
            std::memcpy(&word, p, 8);
            mix(word);
        }
        if (n > 0) {
            quint64 word = 0; // the length was added first, so zero padding is unambiguous
            std::memcpy(&word, p, n);
            mix(word);
        }
    }
    quint64 m_h = 0xcbf29ce484222325ULL;
};

} // namespace

qint64 contentHash(const Alarm &a) {
    Hasher h;
    h.add(a.id);
    h.add(a.externalAlarmId);
    h.add(alarmStateCode(a.state));
    h.add(severityCode(a.perceivedSeverity));
    h.add(a.alarmType);
    h.add(a.probableCause);
    h.add(a.specificProblem);
    h.add(a.alarmedObjectType);
    h.add(a.alarmedObjectId);
    h.add(a.sourceSystemId);
    h.add(a.alarmRaisedTime);
    h.add(a.alarmReportingTime);
    h.add(a.alarmChangedTime);
    h.add(a.alarmClearedTime);
    h.add(ackCode(a.ackState));
    h.add(a.ackUserId);
    h.add(a.ackSystemId);
    h.add(a.clearUserId);
    h.add(a.clearSystemId);
    h.add(a.isRootCause);
    h.add(a.serviceAffecting);
    h.add(a.parentAlarmIds);
    h.add(a.correlatedAlarmIds);
    h.add(qint64(a.comments.size()));
    for (const auto &c : a.comments) {
        h.add(c.userId);
        h.add(c.systemId);
        h.add(c.time);
        h.add(c.comment);
    }
    return h.value();
}

qint64 contentHash(const TroubleTicket &t) {
    Hasher h;
    h.add(t.id);
    h.add(t.name);
    h.add(t.description);
    h.add(t.severity);
    h.add(t.priority);
    h.add(t.ticketType);
    h.add(ticketStatusCode(t.status));
    h.add(t.statusChangeReason);
    h.add(t.creationDate);
    h.add(t.lastUpdate);
    h.add(t.expectedResolutionDate);
    h.add(t.resolutionDate);
    h.add(qint64(t.relatedParties.size()));
    for (const auto &p : t.relatedParties) {
        h.add(p.id);
        h.add(p.name);
        h.add(p.role);
        h.add(p.referredType);
    }
    h.add(qint64(t.relatedEntities.size()));
    for (const auto &e : t.relatedEntities) {
        h.add(e.id);
        h.add(e.name);
        h.add(e.role);
        h.add(e.referredType);
    }
    h.add(qint64(t.notes.size()));
    for (const auto &n : t.notes) {
        h.add(n.id);
        h.add(n.author);
        h.add(n.date);
        h.add(n.text);
    }
    h.add(qint64(t.statusChanges.size()));
    for (const auto &s : t.statusChanges) {
        h.add(s.changeDate);
        h.add(s.changeReason);
        h.add(ticketStatusCode(s.status));
    }
    return h.value();
}

qint64 contentHash(const NetworkElement &e) {
    Hasher h;
    h.add(e.id);
    h.add(e.name);
    h.add(categoryCode(e.category));
    h.add(e.vendor);
    h.add(e.model);
    h.add(e.mgmtIp);
    h.add(layerCode(e.layer));
    h.add(e.siteId);
    h.add(e.operationalState);
    h.add(e.administrativeState);
    h.add(qint64(e.otherCharacteristics.size()));
    for (auto it = e.otherCharacteristics.cbegin(); it != e.otherCharacteristics.cend(); ++it) {
        h.add(it.key());
        h.add(it.value());
    }
    h.add(e.lastUpdate);
    return h.value();
}

qint64 contentHash(const Site &s) {
    Hasher h;
    h.add(s.id);
    h.add(s.name);
    h.add(s.region);
    h.add(s.latitude);
    h.add(s.longitude);
    h.add(s.address);
    h.add(s.lastUpdate);
    return h.value();
}

qint64 contentHash(const Link &l) {
    Hasher h;
    h.add(l.id);
    h.add(l.name);
    h.add(l.aEndId);
    h.add(l.aPort);
    h.add(l.zEndId);
    h.add(l.zPort);
    h.add(l.capacityBps);
    h.add(l.utilization);
    h.add(l.operationalState);
    h.add(l.lastUpdate);
    return h.value();
}

} // namespace noc::rowcodec
