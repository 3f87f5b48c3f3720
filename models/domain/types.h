#pragma once

#include "enums.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <cmath>

// Value types of the console's domain. Times are milliseconds since the Unix epoch (UTC), 0 when
// absent: cheaper than QDateTime in a million-row cache and exact to the millisecond that RFC 3339
// with milliseconds carries.
namespace noc {

using EpochMs = qint64;

struct Site {
    QString id;
    QString name;
    QString region;
    double latitude = std::nan(""); // NaN when the site has no coordinates
    double longitude = std::nan("");
    QString address;
    EpochMs lastUpdate = 0;

    bool hasCoordinates() const { return !std::isnan(latitude) && !std::isnan(longitude); }
    // Not defaulted: NaN != NaN would make a site without coordinates unequal to itself, so every
    // re-sync would report it as changed. Two absent coordinates are equal. Keep in step with the fields.
    friend bool operator==(const Site &a, const Site &b) {
        const auto same = [](double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); };
        return a.id == b.id && a.name == b.name && a.region == b.region && same(a.latitude, b.latitude) &&
               same(a.longitude, b.longitude) && a.address == b.address && a.lastUpdate == b.lastUpdate;
    }
};

struct NetworkElement {
    QString id;
    QString name;
    ElementCategory category = ElementCategory::Other;
    QString vendor;
    QString model;
    QString mgmtIp;
    NetworkLayer layer = NetworkLayer::Unknown;
    QString siteId;
    QString operationalState;    // enable | disable
    QString administrativeState; // locked | unlocked | shutdown
    QMap<QString, QString> otherCharacteristics;
    EpochMs lastUpdate = 0;

    friend bool operator==(const NetworkElement &, const NetworkElement &) = default;
};

struct Link {
    QString id;
    QString name;
    QString aEndId;
    QString aPort;
    QString zEndId;
    QString zPort;
    double capacityBps = 0;
    double utilization = 0; // 0..1
    QString operationalState;
    EpochMs lastUpdate = 0;

    friend bool operator==(const Link &, const Link &) = default;
};

struct AlarmComment {
    QString userId;
    QString systemId;
    EpochMs time = 0;
    QString comment;

    friend bool operator==(const AlarmComment &, const AlarmComment &) = default;
};

struct Alarm {
    QString id;
    QString externalAlarmId;
    AlarmState state = AlarmState::Raised;
    Severity perceivedSeverity = Severity::Indeterminate;
    QString alarmType;
    QString probableCause;
    QString specificProblem;
    QString alarmedObjectType;
    QString alarmedObjectId;
    QString sourceSystemId;
    EpochMs alarmRaisedTime = 0;
    EpochMs alarmReportingTime = 0;
    EpochMs alarmChangedTime = 0;
    EpochMs alarmClearedTime = 0;
    AckState ackState = AckState::Unacknowledged;
    QString ackUserId;
    QString ackSystemId;
    QString clearUserId;
    QString clearSystemId;
    bool isRootCause = false;
    bool serviceAffecting = false;
    QStringList parentAlarmIds;
    QStringList correlatedAlarmIds;
    QList<AlarmComment> comments;

    bool isActive() const { return state != AlarmState::Cleared; }
    friend bool operator==(const Alarm &, const Alarm &) = default;
};

struct RelatedParty {
    QString id;
    QString name;
    QString role;         // assignee | team | reporter
    QString referredType; // Individual | Team

    friend bool operator==(const RelatedParty &, const RelatedParty &) = default;
};

struct RelatedEntity {
    QString id;
    QString name;
    QString role;
    QString referredType; // Alarm | PhysicalResource | ...

    friend bool operator==(const RelatedEntity &, const RelatedEntity &) = default;
};

struct TicketNote {
    QString id;
    QString author;
    EpochMs date = 0;
    QString text;

    friend bool operator==(const TicketNote &, const TicketNote &) = default;
};

struct StatusChange {
    EpochMs changeDate = 0;
    QString changeReason;
    TicketStatus status = TicketStatus::Acknowledged;

    friend bool operator==(const StatusChange &, const StatusChange &) = default;
};

struct TroubleTicket {
    QString id;
    QString name;
    QString description;
    QString severity;
    QString priority;
    QString ticketType;
    TicketStatus status = TicketStatus::Acknowledged;
    QString statusChangeReason;
    EpochMs creationDate = 0;
    EpochMs lastUpdate = 0;
    EpochMs expectedResolutionDate = 0; // SLA due time
    EpochMs resolutionDate = 0;
    QList<RelatedParty> relatedParties;
    QList<RelatedEntity> relatedEntities;
    QList<TicketNote> notes;
    QList<StatusChange> statusChanges;

    QString partyId(const QString &role) const {
        for (const auto &p : relatedParties)
            if (p.role == role)
                return p.id;
        return {};
    }
    friend bool operator==(const TroubleTicket &, const TroubleTicket &) = default;
};

} // namespace noc
