#pragma once

#include "cache/cache_batch.h"
#include "domain/types.h"

#include <QString>
#include <QStringList>

// Generated records for the cache tests: deterministic, every field filled so that a round trip
// through the cache checks every column.
namespace noc::testdata {

inline Alarm makeAlarm(int i, const QString &elementId = {}) {
    static const QString causes[] = {QStringLiteral("linkDown"), QStringLiteral("powerProblem"),
                                     QStringLiteral("temperatureUnacceptable"),
                                     QStringLiteral("lossOfSignal")};
    static const QString problems[] = {
        QStringLiteral("Link down on uplink"), QStringLiteral("Rectifier failure"),
        QStringLiteral("Fan tray overheating"), QStringLiteral("Optical LOS on port")};
    static const Severity severities[] = {Severity::Critical, Severity::Major, Severity::Minor,
                                          Severity::Warning, Severity::Indeterminate};
    Alarm a;
    a.id = QStringLiteral("A-%1").arg(i);
    a.externalAlarmId = QStringLiteral("EXT-%1").arg(i);
    a.state = i % 7 == 0 ? AlarmState::Updated : AlarmState::Raised;
    a.perceivedSeverity = severities[i % 5];
    a.alarmType = QStringLiteral("communicationsAlarm");
    a.probableCause = causes[i % 4];
    a.specificProblem = problems[i % 4];
    a.alarmedObjectType = QStringLiteral("PhysicalResource");
    a.alarmedObjectId = elementId.isEmpty() ? QStringLiteral("NE-%1").arg(i % 50) : elementId;
    a.sourceSystemId = QStringLiteral("EMS-1");
    a.alarmRaisedTime = 1'760'000'000'000LL + i * 1000LL;
    a.alarmReportingTime = a.alarmRaisedTime + 5;
    a.alarmChangedTime = a.alarmRaisedTime + 10;
    a.ackState = i % 3 == 0 ? AckState::Acknowledged : AckState::Unacknowledged;
    if (a.ackState == AckState::Acknowledged) {
        a.ackUserId = QStringLiteral("alice");
        a.ackSystemId = QStringLiteral("noc-console");
    }
    a.isRootCause = i % 11 == 0;
    a.serviceAffecting = i % 2 == 0;
    return a;
}

inline NetworkElement makeElement(int i, const QString &siteId) {
    NetworkElement e;
    e.id = QStringLiteral("NE-%1").arg(i);
    e.name = QStringLiteral("core-router-%1").arg(i);
    e.category = ElementCategory::Router;
    e.vendor = QStringLiteral("Acme");
    e.model = QStringLiteral("AR-9000");
    e.mgmtIp = QStringLiteral("10.0.%1.%2").arg(i / 250).arg(i % 250);
    e.layer = NetworkLayer::Core;
    e.siteId = siteId;
    e.operationalState = QStringLiteral("enable");
    e.administrativeState = QStringLiteral("unlocked");
    e.otherCharacteristics.insert(QStringLiteral("serial"), QStringLiteral("SN%1").arg(i));
    e.lastUpdate = 1'760'000'000'000LL + i;
    return e;
}

inline Site makeSite(int i, const QString &region) {
    Site s;
    s.id = QStringLiteral("S-%1").arg(i);
    s.name = QStringLiteral("Site %1").arg(i);
    s.region = region;
    s.latitude = 48.0 + i * 0.01;
    s.longitude = 11.0 + i * 0.01;
    s.address = QStringLiteral("Street %1").arg(i);
    s.lastUpdate = 1'760'000'000'000LL;
    return s;
}

inline OutboxEntry makeOutbox(int i, const QString &targetId) {
    OutboxEntry e;
    e.uuid = QStringLiteral("00000000-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0'));
    e.kind = QStringLiteral("alarm.ack");
    e.targetKind = QStringLiteral("alarm");
    e.targetId = targetId;
    e.payload = QByteArrayLiteral("{\"ackState\":\"acknowledged\",\"ackUserId\":\"alice\"}");
    e.baseVersion = QStringLiteral("7");
    e.createdMs = 1'760'000'000'000LL + i;
    return e;
}

} // namespace noc::testdata
