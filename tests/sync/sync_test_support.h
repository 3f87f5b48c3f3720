#pragma once

// Helpers for sync tests: a SyncSession against an in-process opsim (on the test's thread, served
// while the test waits in QTRY_*/QSignalSpy::wait), and cache-vs-server comparisons.

#include "../opsim/opsim_test_util.h"
#include "cache/cache_reader.h"
#include "sync/sync_session.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

namespace noc::test {

inline const QString kToken = QStringLiteral("sync-test-token");

inline opsim::ServerConfig syncServerConfig(int elements = 80, int alarms = 600, int tickets = 40) {
    opsim::ServerConfig cfg = opsim::test::ServerFixture::quietConfig();
    cfg.elements = elements;
    cfg.initialAlarms = alarms;
    cfg.initialTickets = tickets;
    cfg.tokens.insert(kToken, QStringLiteral("supervisor"));
    return cfg;
}

inline SyncEngine::Options fastOptions() {
    SyncEngine::Options options;
    options.pageSize = 100; // several pages even for small test data
    options.idPageSize = 150;
    options.backoffBaseMs = 50; // tests must not wait for production backoffs
    options.backoffCapMs = 400;
    options.requestTimeoutMs = 5000;
    options.catchUpIntervalMs = 500;
    return options;
}

inline ConnectionProfile profileFor(const QUrl &server, const QString &cachePath,
                                    const QString &user = "tester") {
    ConnectionProfile profile;
    profile.name = QStringLiteral("test");
    profile.serverUrl = server;
    profile.cachePath = cachePath;
    profile.userId = user;
    return profile;
}

// One console's sync stack on a cache file.
struct Client {
    Client(const QUrl &server, const QString &cachePath, const QString &token = kToken,
           const SyncEngine::Options &options = fastOptions())
        : session(profileFor(server, cachePath), token)
        , synced(&session, &SyncSession::initialSyncCompleted) {
        opened = session.openCache();
        session.setEngineOptions(options);
        QObject::connect(&session, &SyncSession::statusChanged, &session,
                         [this](const SyncStatus &s) { last = s; });
        session.start();
    }
    bool waitSynced(int ms = 30000) { return !synced.isEmpty() || synced.wait(ms); }
    bool isLive() const { return last.phase == SyncPhase::Live; }
    bool drained() const { return session.queuedBatches() == 0; }

    SyncSession session;
    QSignalSpy synced;
    SyncStatus last;
    bool opened = false;
};

// Syncs the cache file with the server once and closes the session again: a console used before.
inline bool syncOnce(const QUrl &server, const QString &cachePath) {
    Client client(server, cachePath);
    return client.opened && client.waitSynced() &&
           QTest::qWaitFor([&client] { return client.drained(); }, 5000);
}

// An unacknowledged alarm the cache holds (a null Alarm when there is none).
inline Alarm anUnacknowledgedAlarm(const QString &cachePath) {
    CacheReader reader;
    reader.open(cachePath);
    AlarmFilter filter;
    filter.ack = AckState::Unacknowledged;
    const QList<Alarm> alarms = reader.alarmPage(filter, 1).alarms;
    return alarms.isEmpty() ? Alarm() : alarms.first();
}

// A new ticket as an engineer on site would draft it (no id yet: actions::createTicket gives one).
inline TroubleTicket aCabinetDoorTicket() {
    TroubleTicket draft;
    draft.name = QStringLiteral("Cabinet door forced");
    draft.description = QStringLiteral("Alarm panel shows intrusion at the cabinet");
    draft.severity = QStringLiteral("Major");
    draft.ticketType = QStringLiteral("incident");
    return draft;
}

struct Counts {
    qint64 alarms = 0, tickets = 0, resources = 0;
    friend bool operator==(const Counts &, const Counts &) = default;
};

inline Counts cacheCounts(const QString &cachePath) {
    CacheReader reader;
    if (!reader.open(cachePath))
        return {};
    return {reader.alarmCount(false), qint64(reader.tickets({}, -1, false).size()),
            qint64(reader.elements().size() + reader.sites().size() + reader.links().size())};
}

inline Counts serverCounts(const opsim::Server &server) {
    const opsim::ServerStats stats = server.stats();
    return {stats.alarms, stats.tickets, stats.resources};
}

inline char *toString(const Counts &c) {
    return QTest::toString(
        QStringLiteral("alarms=%1 tickets=%2 resources=%3").arg(c.alarms).arg(c.tickets).arg(c.resources));
}

} // namespace noc::test
