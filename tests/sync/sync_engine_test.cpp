#include "sync_test_support.h"

#include "cache/cache_writer_worker.h"
#include "domain/tmf_codec.h"
#include "sync/local_actions.h"

#include <QStandardPaths>
#include <QTcpServer>
#include <QTest>
#include <spdlog/spdlog.h>

using namespace noc;
using namespace noc::test;

namespace {
QList<Alarm> someAlarms(const QString &cachePath, int n) {
    CacheReader reader;
    reader.open(cachePath);
    AlarmFilter filter;
    filter.ack = AckState::Unacknowledged;
    return reader.alarmPage(filter, n).alarms;
}

// Waits until the cache holds what the server holds (bounded).
bool converged(const QString &cachePath, const opsim::Server &server, int ms = 30000) {
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        if (cacheCounts(cachePath) == serverCounts(server))
            return true;
        QTest::qWait(50);
    }
    return false;
}
} // namespace

class SyncEngineTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        if (qEnvironmentVariableIsSet("NOC_TEST_DEBUG"))
            spdlog::set_level(spdlog::level::debug);
    }

    void initialSyncFillsTheCacheWithEverythingTheServerHas() {
        // Given a server with elements, alarms and tickets, and an empty cache
        opsim::test::ServerFixture server(syncServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");

        // When a client syncs
        Client client(server.server->baseUrl(), cache);
        QVERIFY(client.opened);
        QVERIFY(client.waitSynced());

        // Then the cache holds exactly the server's records, and the client is live on the stream
        QVERIFY2(converged(cache, *server.server), toString(cacheCounts(cache)));
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive(), 10000);
        QVERIFY(client.last.lastSuccess.contains("alarm"));
        CacheReader reader;
        QVERIFY(reader.open(cache));
        const QJsonArray serverAlarms = server
                                            .get("/tmf-api/alarm/v4/alarm?limit=5&sort=id",
                                                 {{"Authorization", "Bearer " + kToken.toUtf8()}})
                                            .array();
        QCOMPARE(serverAlarms.size(), 5);
        for (const QJsonValue &json : serverAlarms) {
            const auto cached = reader.alarm(json["id"].toString());
            QVERIFY(cached);
            QCOMPARE(*cached, *tmf::decodeAlarm(json.toObject()));
        }
    }

    void liveEventsKeepTheCacheInStep() {
        // Given a synced client
        opsim::test::ServerFixture server(syncServerConfig());
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        Client client(server.server->baseUrl(), cache);
        QVERIFY(client.waitSynced());
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive(), 10000);

        // When the network has a fibre cut and the simulator runs
        QString root;
        QVERIFY(server.server->triggerFault("fibreCut", &root));
        for (int i = 0; i < 20; ++i)
            server.server->tick();

        // Then the cache follows through events alone, root cause included
        QVERIFY2(converged(cache, *server.server), toString(cacheCounts(cache)));
        CacheReader reader;
        QVERIFY(reader.open(cache));
        QTRY_VERIFY_WITH_TIMEOUT(reader.alarm(root).has_value(), 5000);
        QVERIFY(reader.alarm(root)->isRootCause);
        QTRY_VERIFY(client.last.eventsApplied > 0);
    }

    void offlineActionsReachTheServerExactlyOnce() {
        // Given a synced cache, and then no connection
        opsim::test::ServerFixture server(syncServerConfig());
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        const QList<Alarm> alarms = someAlarms(cache, 6);
        QCOMPARE(alarms.size(), 6);
        actions::Context context{"field.engineer", "noc-console", 0};
        QStringList uuids;
        {
            // When the engineer acknowledges five alarms and comments on one while offline
            SyncSession offline(profileFor(QUrl(), cache), QString());
            QVERIFY(offline.openCache());
            offline.start();
            const CacheBatch ack = actions::acknowledgeAlarms(alarms.mid(0, 5), context);
            const CacheBatch comment =
                actions::commentAlarms({alarms[5]}, "fibre spliced, watching", context);
            for (const CacheBatch &batch : {ack, comment}) {
                for (const OutboxEntry &entry : batch.outboxInserts)
                    uuids << entry.uuid;
                offline.submit(batch);
            }
            offline.stop();
        }
        CacheReader reader;
        QVERIFY(reader.open(cache));
        QCOMPARE(reader.outbox().size(), 6);
        QVERIFY(reader.isAlarmPending(alarms[0].id)); // shown at once, marked pending
        QVERIFY(reader.alarm(alarms[0].id)->ackState == AckState::Acknowledged);

        // ... and the link comes back
        {
            Client client(server.server->baseUrl(), cache);
            QTRY_VERIFY_WITH_TIMEOUT(client.isLive() && client.last.pending == 0, 20000);
            QTRY_VERIFY(reader.outbox().isEmpty());
        }

        // Then every action was applied exactly once, and the cache holds the server's confirmation
        for (const QString &uuid : uuids)
            QCOMPARE(server.server->appliedCount(uuid), 1);
        const QJsonObject onServer = server
                                         .get("/tmf-api/alarm/v4/alarm/" + alarms[0].id,
                                              {{"Authorization", "Bearer " + kToken.toUtf8()}})
                                         .object();
        QCOMPARE(onServer["ackState"].toString(), QStringLiteral("acknowledged"));
        QCOMPARE(onServer["ackUserId"].toString(), QStringLiteral("field.engineer"));
        QVERIFY(!reader.isAlarmPending(alarms[0].id));
        QCOMPARE(reader.alarm(alarms[5].id)->comments.last().comment,
                 QStringLiteral("fibre spliced, watching"));

        // And a later session sends nothing again
        const qint64 appliedBefore = server.server->stats().actionsApplied;
        {
            Client again(server.server->baseUrl(), cache);
            QTRY_VERIFY_WITH_TIMEOUT(again.isLive(), 10000);
            QTest::qWait(200);
        }
        QCOMPARE(server.server->stats().actionsApplied, appliedBefore);
    }

    void aConsoleStartedWithoutTheServerSaysHowOldItsDataIs() {
        // Given a synced cache
        opsim::test::ServerFixture server(syncServerConfig());
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        // When the console starts where the server cannot be reached (a port nobody listens on)
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        Client offline(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), cache);
        QTRY_VERIFY_WITH_TIMEOUT(offline.last.failures > 0, 10000); // it tried, and failed
        // Then its status gives the age of the cached data (the views say "as of 14:02", not
        // "never synced")
        QVERIFY(!offline.last.lastSuccess.isEmpty());
        const EpochMs now = QDateTime::currentMSecsSinceEpoch();
        for (EpochMs ms : std::as_const(offline.last.lastSuccess))
            QVERIFY(ms > now - 120'000 && ms <= now);
    }

    void ticketCreateAnsweredUnreadablyIsFoundAndItsEditsLandOnIt_data() {
        QTest::addColumn<QString>("answer");
        QTest::newRow("body not JSON") << QStringLiteral("malformed");
        QTest::newRow("body without id") << QStringLiteral("noId");
    }

    void ticketCreateAnsweredUnreadablyIsFoundAndItsEditsLandOnIt() {
        QFETCH(QString, answer);
        // Given a synced cache, then offline: a ticket created, its description edited, a note added
        opsim::test::ServerFixture server(syncServerConfig());
        const QByteArray auth = "Bearer " + kToken.toUtf8();
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        const qint64 ticketsBefore = server.server->stats().tickets;
        actions::Context context{"field.engineer", "noc-console", 0};
        const TroubleTicket draft = aCabinetDoorTicket();
        const CacheBatch create = actions::createTicket(draft, context);
        const TroubleTicket local = create.tickets.first();
        TroubleTicket edited = local;
        edited.description = QStringLiteral("Cabinet door forced; police informed");
        const CacheBatch edit = actions::editTicket(local, edited, context);
        const CacheBatch note = actions::addTicketNote(edited, "crew on site 14:10", context);
        QCOMPARE(edit.outboxInserts.size(), 1);
        const QString createKey = create.outboxInserts.first().uuid;
        const QString editKey = edit.outboxInserts.first().uuid;
        const QString noteKey = note.outboxInserts.first().uuid;
        {
            SyncSession offline(profileFor(QUrl(), cache), QString());
            QVERIFY(offline.openCache());
            offline.start();
            for (const CacheBatch &batch : {create, edit, note})
                offline.submit(batch);
            offline.stop();
        }

        // When the link comes back and the server creates the ticket but answers with a body the
        // console cannot read
        QVERIFY(server.server->garbleNextTicketCreate(answer));
        Client client(server.server->baseUrl(), cache);

        // Then the console finds the ticket by its reference: nothing waits, nothing failed
        CacheReader reader;
        QVERIFY(reader.open(cache));
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive() && client.last.pending == 0, 20000);
        QTRY_VERIFY2(reader.outbox().isEmpty(), qPrintable(reader.outbox().value(0).lastError));
        QCOMPARE(client.last.failed, 0);
        // ... the server has exactly one new ticket, made once, and the edit and the note landed on it
        QCOMPARE(server.server->stats().tickets, ticketsBefore + 1);
        QCOMPARE(server.server->appliedCount(createKey), 1);
        QCOMPARE(server.server->appliedCount(editKey), 1);
        QCOMPARE(server.server->appliedCount(noteKey), 1);
        const QJsonArray found = server
                                     .get("/tmf-api/troubleTicket/v4/troubleTicket?externalId=" + local.id,
                                          {{"Authorization", auth}})
                                     .array();
        QCOMPARE(found.size(), 1);
        const QJsonObject onServer = found.first().toObject();
        QCOMPARE(onServer["description"].toString(), edited.description);
        QCOMPARE(onServer["note"].toArray().size(), 1);
        QCOMPARE(onServer["note"].toArray().first()["text"].toString(), QStringLiteral("crew on site 14:10"));
        // ... and the cache holds it under the server's id, the local stand-in gone
        const QString serverId = onServer["id"].toString();
        QTRY_VERIFY(!reader.ticket(local.id).has_value());
        QTRY_VERIFY(reader.ticket(serverId).has_value() && reader.ticket(serverId)->notes.size() == 1);
        QCOMPARE(reader.ticket(serverId)->description, edited.description);
        QTRY_VERIFY(!reader.isTicketPending(serverId));
    }

    void conflictingTicketEditLandsInConflicts() {
        // Given two consoles synced with the same in-progress ticket
        opsim::test::ServerFixture server(syncServerConfig());
        const QByteArray auth = "Bearer " + kToken.toUtf8();
        const QJsonArray open =
            server
                .get("/tmf-api/troubleTicket/v4/troubleTicket?status=acknowledged&limit=1",
                     {{"Authorization", auth}})
                .array();
        QCOMPARE(open.size(), 1);
        const QString ticketId = open[0]["id"].toString();
        QCOMPARE(server
                     .patch("/tmf-api/troubleTicket/v4/troubleTicket/" + ticketId,
                            R"({"status":"inProgress"})", {{"Authorization", auth}})
                     .status,
                 200);
        QTemporaryDir dir;
        const QString cacheA = dir.filePath("a.sqlite");
        const QString cacheB = dir.filePath("b.sqlite");
        {
            Client a(server.server->baseUrl(), cacheA);
            QVERIFY(a.waitSynced());
            QTRY_VERIFY(a.drained());
        }

        // When A, offline, resolves it while B, online, puts it on hold
        CacheReader readerA;
        QVERIFY(readerA.open(cacheA));
        const TroubleTicket ticket = *readerA.ticket(ticketId);
        QVERIFY(ticket.status == TicketStatus::InProgress);
        actions::Context context{"engineer.a", "noc-console", 0};
        QString error;
        {
            SyncSession offline(profileFor(QUrl(), cacheA), QString());
            QVERIFY(offline.openCache());
            offline.start();
            offline.submit(
                actions::changeTicketStatus(ticket, TicketStatus::Resolved, "splice done", context, &error));
            offline.stop();
        }
        {
            Client b(server.server->baseUrl(), cacheB);
            QVERIFY(b.waitSynced());
            CacheReader readerB;
            QVERIFY(readerB.open(cacheB));
            QTRY_VERIFY(readerB.ticket(ticketId).has_value());
            b.session.submit(actions::changeTicketStatus(*readerB.ticket(ticketId), TicketStatus::Held,
                                                         "waiting for parts",
                                                         {"engineer.b", "noc-console", 0}, &error));
            QTRY_COMPARE_WITH_TIMEOUT(
                server.get("/tmf-api/troubleTicket/v4/troubleTicket/" + ticketId, {{"Authorization", auth}})
                    .object()["status"]
                    .toString(),
                QStringLiteral("held"), 10000);
        }
        Client a(server.server->baseUrl(), cacheA);

        // Then B's change wins, and A's intent waits in A's Conflicts list with the server's state shown
        QTRY_VERIFY_WITH_TIMEOUT(readerA.conflicts().size() == 1, 15000);
        const ConflictRecord conflict = readerA.conflicts().first();
        QCOMPARE(conflict.targetId, ticketId);
        QVERIFY(conflict.userIntent.contains("resolved"));
        QVERIFY(!conflict.message.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(readerA.ticket(ticketId)->status == TicketStatus::Held, 10000);
        QVERIFY(!readerA.isTicketPending(ticketId));
        QTRY_COMPARE(a.last.conflicts, qint64(1));
    }

    void serverFaultsDoNotStopTheCacheFromConverging() {
        // Given a server answering 20 % of requests with 5xx, dropping 5 % and garbling 5 %
        opsim::test::ServerFixture server(syncServerConfig());
        server.server->setFaults(0, 0.2, 0.05, 0.05);
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");

        // When a client syncs through it and the server changes meanwhile
        Client client(server.server->baseUrl(), cache);
        QVERIFY(server.server->triggerFault("powerFailure"));
        QTest::qWait(500);
        server.server->cutConnections(1);
        QTest::qWait(1200);
        server.server->setFaults(0, 0, 0, 0);
        for (int i = 0; i < 10; ++i)
            server.server->tick();

        // Then the cache still ends equal to the server, and skipped garbage was counted, not fatal
        QVERIFY(client.waitSynced(60000));
        QVERIFY2(converged(cache, *server.server, 60000), toString(cacheCounts(cache)));
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive(), 20000);
    }

    void aDropWithASendInFlightCountsAsOneFailure() {
        // Given a live client whose backoff is long enough to be read before it retries
        opsim::test::ServerFixture server(syncServerConfig());
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        SyncEngine::Options options = fastOptions();
        options.backoffBaseMs = 4000; // one failure: retry in 2-4 s; counted twice it was 4-8 s
        options.backoffCapMs = 60000;
        Client client(server.server->baseUrl(), cache, kToken, options);
        QVERIFY(client.waitSynced());
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive(), 10000);

        // When an acknowledge is in flight (applied by the server, its answer slow) and the event
        // stream's connection drops
        server.server->setFaults(3000, 0, 0, 0);
        const CacheBatch ack = actions::acknowledgeAlarms(someAlarms(cache, 1), {"x", "noc-console", 0});
        const QString key = ack.outboxInserts.first().uuid;
        client.session.submit(ack);
        QTRY_COMPARE_WITH_TIMEOUT(server.server->appliedCount(key), 1, 5000);
        QVERIFY(client.isLive());
        server.server->dropStreams();

        // Then that is one failure: one step of backoff, however many requests it broke
        QTRY_COMPARE_WITH_TIMEOUT(client.last.phase, SyncPhase::Reconnecting, 5000);
        QTest::qWait(300); // a second report of the same drop would have arrived by now
        QCOMPARE(client.last.phase, SyncPhase::Reconnecting);
        QCOMPARE(client.last.failures, 1);
        QVERIFY2(client.last.nextRetrySeconds <= 4,
                 qPrintable(QString::number(client.last.nextRetrySeconds)));
        // ... and after the retry the acknowledge is confirmed, not applied again
        server.server->setFaults(0, 0, 0, 0);
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive() && client.last.pending == 0, 15000);
        QCOMPARE(client.last.failures, 0);
        QCOMPARE(server.server->appliedCount(key), 1);
    }

    void aSendAbortedHereIsNoAttempt() {
        // Given a live client whose backoff is long enough to read the outbox before it retries
        opsim::test::ServerFixture server(syncServerConfig());
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        SyncEngine::Options options = fastOptions();
        options.backoffBaseMs = 4000;
        options.backoffCapMs = 60000;
        Client client(server.server->baseUrl(), cache, kToken, options);
        QVERIFY(client.waitSynced());
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive(), 10000);

        // When an acknowledge is in flight and the console aborts it because the event stream dropped
        server.server->setFaults(3000, 0, 0, 0);
        const CacheBatch ack = actions::acknowledgeAlarms(someAlarms(cache, 1), {"x", "noc-console", 0});
        const QString key = ack.outboxInserts.first().uuid;
        client.session.submit(ack);
        QTRY_COMPARE_WITH_TIMEOUT(server.server->appliedCount(key), 1, 5000);
        server.server->dropStreams();
        QTRY_COMPARE_WITH_TIMEOUT(client.last.phase, SyncPhase::Reconnecting, 5000);

        // Then that send is no attempt of the entry and left no error on it: the server's answer never
        // came and the network did not fail it (an attempt the server answered still counts: see
        // aRetryAfterLongerThanTheBackoffIsHonoured)
        QTest::qWait(500); // an update of the entry would be on disk by now
        CacheReader reader;
        QVERIFY(reader.open(cache));
        QCOMPARE(reader.outbox().size(), 1);
        QCOMPARE(reader.outbox().first().attempts, 0);
        QVERIFY2(reader.outbox().first().lastError.isEmpty(), qPrintable(reader.outbox().first().lastError));
        // ... and after the retry it is confirmed, not applied again
        server.server->setFaults(0, 0, 0, 0);
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive() && client.last.pending == 0, 15000);
        QCOMPARE(server.server->appliedCount(key), 1);
    }

    void aRetryAfterLongerThanTheBackoffIsHonoured() {
        // Given a live client whose backoff is far shorter than what the server will ask (≤ 400 ms)
        opsim::test::ServerFixture server(syncServerConfig());
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        Client client(server.server->baseUrl(), cache);
        QVERIFY(client.waitSynced());
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive(), 10000);

        // When the server answers an acknowledge with 429 and Retry-After: 6 (twice the quiet time checked
        // below: a busy machine may delay this test's own steps by a second or more)
        server.server->throttle(1, 6, QStringLiteral("/tmf-api/alarm/"));
        const CacheBatch ack = actions::acknowledgeAlarms(someAlarms(cache, 1), {"x", "noc-console", 0});
        const QString key = ack.outboxInserts.first().uuid;
        client.session.submit(ack);
        QTRY_COMPARE_WITH_TIMEOUT(server.server->throttledCount(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(client.last.phase, SyncPhase::Reconnecting, 5000);

        // Then the next try is planned no earlier than asked, and none reaches the server before
        QVERIFY2(client.last.nextRetrySeconds >= 6,
                 qPrintable(QString::number(client.last.nextRetrySeconds)));
        const qint64 requests = server.server->stats().requests;
        QTest::qWait(3000);
        QCOMPARE(server.server->stats().requests, requests);
        // ... the answered 429 is one attempt of the entry
        CacheReader reader;
        QVERIFY(reader.open(cache));
        QCOMPARE(reader.outbox().first().attempts, 1);
        // ... and afterwards the acknowledge lands once
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive() && client.last.pending == 0, 15000);
        QCOMPARE(server.server->appliedCount(key), 1);
    }

    void aRetryAfterArrivingWhileARetryIsScheduledPushesItOut() {
        // Given a live client whose backoff after one failure is 0.5-1 s
        opsim::test::ServerFixture server(syncServerConfig());
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        SyncEngine::Options options = fastOptions();
        options.backoffBaseMs = 1000;
        options.backoffCapMs = 60000;
        Client client(server.server->baseUrl(), cache, kToken, options);
        QVERIFY(client.waitSynced());
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive(), 10000);

        // When the server has answered an acknowledge with 429 and Retry-After: 7 (its body still on
        // the way), and the event stream drops: the drop schedules the retry first, and the 429 is
        // reported while that retry is already scheduled
        server.server->throttle(1, 7, QStringLiteral("/tmf-api/alarm/"), 5000);
        const CacheBatch ack = actions::acknowledgeAlarms(someAlarms(cache, 1), {"x", "noc-console", 0});
        const QString key = ack.outboxInserts.first().uuid;
        client.session.submit(ack);
        QTRY_COMPARE_WITH_TIMEOUT(server.server->throttledCount(), 1, 5000);
        QTest::qWait(1000); // the status line and headers have reached the client (the body takes 5 s)
        server.server->dropStreams();
        QTRY_COMPARE_WITH_TIMEOUT(client.last.phase, SyncPhase::Reconnecting, 5000);

        // Then the retry waits as long as the server asked, not the 0.5-1 s of the backoff
        QTRY_VERIFY_WITH_TIMEOUT(client.last.nextRetrySeconds >= 7, 1000);
        QCOMPARE(client.last.failures, 1); // still one failure
        const qint64 requests = server.server->stats().requests;
        QTest::qWait(3000);
        QCOMPARE(server.server->stats().requests, requests);
        // ... and afterwards the acknowledge lands once
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive() && client.last.pending == 0, 15000);
        QCOMPARE(server.server->appliedCount(key), 1);
    }

    void lostEventHistoryTriggersAFullReconcile() {
        // Given a cache synced up to some event sequence
        opsim::test::ServerFixture server(syncServerConfig());
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));

        // When the server restarts its event sequence (history lost) and changes while we are away
        server.server->restartEventSequence();
        server.server->triggerFault("fibreCut");
        for (int i = 0; i < 5; ++i)
            server.server->tick();

        // Then the client notices (ResyncRequired) and reconciles to the server's truth
        Client client(server.server->baseUrl(), cache);
        QVERIFY2(converged(cache, *server.server), toString(cacheCounts(cache)));
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive(), 20000);
    }

    void refusedTokenKeepsPendingWorkAndSaysSo() {
        // Given an outbox entry waiting and a token the server does not accept
        opsim::test::ServerFixture server(syncServerConfig());
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        const QList<Alarm> alarms = someAlarms(cache, 1);
        {
            SyncSession offline(profileFor(QUrl(), cache), QString());
            QVERIFY(offline.openCache());
            offline.start();
            offline.submit(actions::acknowledgeAlarms(alarms, {"x", "noc-console", 0}));
            offline.stop();
        }

        // When the console connects with an expired token
        Client client(server.server->baseUrl(), cache, "expired-token");

        // Then it stops, tells the user in plain words, and keeps the pending action
        QTRY_VERIFY_WITH_TIMEOUT(client.last.authenticationFailed, 10000);
        QVERIFY(client.last.error.contains("token"));
        CacheReader reader;
        QVERIFY(reader.open(cache));
        QCOMPARE(reader.outbox().size(), 1);
        QVERIFY(reader.isAlarmPending(alarms[0].id));
    }

    void aCacheWriteErrorIsNoLongerTheLastProblemOnceWritesWorkAgain() {
        // Given a live engine and its cache writer, wired as SyncSession wires them
        opsim::test::ServerFixture server(syncServerConfig(20, 60, 5));
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(CacheDatabase::open(cache).ok());
        QThread writerThread;
        auto *writer = new CacheWriterWorker(cache);
        writer->setRetryIntervalMs(60'000); // only retryNow() resumes: the test frees the space
        writer->moveToThread(&writerThread);
        connect(&writerThread, &QThread::started, writer, &CacheWriterWorker::start);
        SyncEngine engine(
            profileFor(server.server->baseUrl(), cache), kToken, cache,
            [writer](const CacheBatch &batch) { writer->enqueue(batch); }, fastOptions());
        connect(writer, &CacheWriterWorker::committed, &engine, &SyncEngine::onCommitted);
        connect(writer, &CacheWriterWorker::writeFailed, &engine, &SyncEngine::onWriteFailed);
        SyncStatus last;
        connect(&engine, &SyncEngine::statusChanged, this, [&last](const SyncStatus &s) { last = s; });
        writerThread.start();
        engine.start();
        QTRY_VERIFY_WITH_TIMEOUT(last.isLive() && writer->queuedBatches() == 0, 20000);
        QVERIFY(last.error.isEmpty());

        // When the disk fills up (the file capped at its size; SQLite keeps the pages it has) as
        // records arrive
        QMetaObject::invokeMethod(
            writer, [writer] { writer->setPageLimit(1); }, Qt::BlockingQueuedConnection);
        const Alarm model = someAlarms(cache, 1).value(0);
        QVERIFY(!model.id.isEmpty());
        CacheBatch arriving;
        for (int i = 0; i < 2000; ++i) {
            Alarm alarm = model;
            alarm.id = QStringLiteral("disk-full-%1").arg(i);
            arriving.alarms.append(alarm);
        }
        writer->enqueue(arriving);
        QTRY_VERIFY_WITH_TIMEOUT(last.error.contains(cache), 10000);
        const QString writeError = last.error;

        // And space is freed and the writer commits again
        QMetaObject::invokeMethod(writer, [writer] {
            writer->setPageLimit(0);
            writer->retryNow();
        });
        QTRY_COMPARE_WITH_TIMEOUT(writer->queuedBatches(), 0, 10000);

        // Then the write error is no longer the last problem (the engine stayed live throughout)
        QTRY_VERIFY_WITH_TIMEOUT(last.error.isEmpty(), 5000); // cleared, not replaced by another problem
        QVERIFY(last.isLive());

        engine.stop();
        QMetaObject::invokeMethod(writer, &CacheWriterWorker::stop, Qt::BlockingQueuedConnection);
        QMetaObject::invokeMethod(
            writer, [writer] { delete writer; }, Qt::BlockingQueuedConnection);
        writerThread.quit();
        writerThread.wait();
    }

    void plainHttpToARemoteHostIsRefused() {
        ConnectionProfile profile;
        profile.serverUrl = QUrl("http://ops.example.com");
        QVERIFY(!checkTransport(profile).isEmpty());
        profile.allowInsecureTransport = true;
        QString warning;
        QVERIFY(checkTransport(profile, &warning).isEmpty());
        QVERIFY(!warning.isEmpty());
        profile.serverUrl = QUrl("http://127.0.0.1:8080");
        profile.allowInsecureTransport = false;
        QVERIFY(checkTransport(profile).isEmpty());
        profile.serverUrl = QUrl("https://ops.example.com");
        QVERIFY(checkTransport(profile).isEmpty());
    }
};

QTEST_GUILESS_MAIN(SyncEngineTest)
#include "sync_engine_test.moc"
