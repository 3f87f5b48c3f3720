#pragma once

// Cache files for the alarm list tests: a real SQLite cache in a temporary folder, written by the
// real CacheWriter, with a few sites, elements and generated alarms.

#include "cache/cache_database.h"
#include "cache/cache_writer.h"
#include "domain/types.h"

#include <QString>
#include <QTemporaryDir>

namespace noc::alarmtest {

inline const EpochMs kBase = 1'795'000'000'000LL;

// Alarm i: severity cycles critical..indeterminate, every 4th acknowledged, element NE-(i % 10) at
// site S-(i % 10 / 5) (region North for S-0, South for S-1), changed 1 s apart (newer i = newer).
inline Alarm makeAlarm(int i) {
    static const Severity severities[] = {Severity::Critical, Severity::Major, Severity::Minor,
                                          Severity::Warning, Severity::Indeterminate};
    static const QString causes[] = {QStringLiteral("linkDown"), QStringLiteral("powerProblem"),
                                     QStringLiteral("lossOfSignal"),
                                     QStringLiteral("temperatureUnacceptable")};
    Alarm a;
    a.id = QStringLiteral("ALM-%1").arg(i, 5, 10, QLatin1Char('0'));
    a.state = AlarmState::Raised;
    a.perceivedSeverity = severities[i % 5];
    a.alarmType = QStringLiteral("communicationsAlarm");
    a.probableCause = causes[i % 4];
    a.specificProblem = QStringLiteral("Problem number %1").arg(i);
    a.alarmedObjectType = QStringLiteral("PhysicalResource");
    a.alarmedObjectId = QStringLiteral("NE-%1").arg(i % 10);
    a.sourceSystemId = QStringLiteral("EMS-1");
    a.alarmRaisedTime = kBase + i * 1000LL;
    a.alarmReportingTime = a.alarmRaisedTime;
    a.alarmChangedTime = a.alarmRaisedTime;
    a.ackState = i % 4 == 0 ? AckState::Acknowledged : AckState::Unacknowledged;
    if (a.ackState == AckState::Acknowledged)
        a.ackUserId = QStringLiteral("alice");
    return a;
}

inline CacheBatch batchOf(const QList<Alarm> &alarms) {
    CacheBatch b;
    b.alarms = alarms;
    return b;
}

inline CacheBatch inventory() {
    CacheBatch b;
    for (int s = 0; s < 2; ++s) {
        Site site;
        site.id = QStringLiteral("S-%1").arg(s);
        site.name = s == 0 ? QStringLiteral("Harbour Exchange") : QStringLiteral("Hilltop Tower");
        site.region = s == 0 ? QStringLiteral("North") : QStringLiteral("South");
        b.sites.append(site);
    }
    for (int e = 0; e < 10; ++e) {
        NetworkElement ne;
        ne.id = QStringLiteral("NE-%1").arg(e);
        ne.name = QStringLiteral("router-%1").arg(e);
        ne.category = ElementCategory::Router;
        ne.siteId = QStringLiteral("S-%1").arg(e / 5);
        ne.vendor = QStringLiteral("Acme");
        b.elements.append(ne);
    }
    return b;
}

// A cache with `alarms` alarms (ids ALM-00000 ..) and the inventory; the writer stays open for changes.
struct TestCache {
    explicit TestCache(int alarms = 0) {
        path = dir.path() + QStringLiteral("/cache.sqlite");
        ok = CacheDatabase::open(path).ok() && writer.open(path);
        CacheBatch b = inventory();
        for (int i = 0; i < alarms; ++i)
            b.alarms.append(makeAlarm(i));
        writer.apply(b);
    }
    ChangeSet apply(const CacheBatch &b) { return writer.apply(b); }

    QTemporaryDir dir;
    QString path;
    CacheWriter writer;
    bool ok = false;
};

} // namespace noc::alarmtest
