// A ticket create the server answered with a 201 that named no ticket (OutboxSender, UnconfirmedCreates):
// looked up by its externalId, posted again with the same Idempotency-Key when the lookups keep missing,
// and given up, visibly and with the user's data, when even that never names it. A lookup answered with
// an error is handled as an error, not as a miss. Real parts: opsim on 127.0.0.1 (its garbleNextCreate
// and ticketLookup controls), a real SQLite cache file, the real zh_CN translation.
#include "sync_test_support.h"

#include "language_manager.h"
#include "sync/local_actions.h"
#include "sync/ops_api_client.h"
#include "sync/outbox_reason.h"
#include "sync/refused_changes.h"
#include "sync/unconfirmed_creates.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTest>
#include <spdlog/spdlog.h>

using namespace noc;
using namespace noc::test;

namespace {

// A ticket created offline, its description edited and a note added: three outbox entries.
struct OfflineTicket {
    TroubleTicket local;
    QString description; // after the edit
    QString createKey, editKey, noteKey;
};

OfflineTicket queueTicketOffline(const QString &cache) {
    const actions::Context context{"field.engineer", "noc-console", 0};
    const TroubleTicket draft = aCabinetDoorTicket();
    const CacheBatch create = actions::createTicket(draft, context);
    OfflineTicket queued;
    queued.local = create.tickets.first();
    TroubleTicket edited = queued.local;
    edited.description = QStringLiteral("Cabinet door forced; police informed");
    queued.description = edited.description;
    const CacheBatch edit = actions::editTicket(queued.local, edited, context);
    const CacheBatch note = actions::addTicketNote(edited, "crew on site 14:10", context);
    queued.createKey = create.outboxInserts.first().uuid;
    queued.editKey = edit.outboxInserts.first().uuid;
    queued.noteKey = note.outboxInserts.first().uuid;
    SyncSession offline(profileFor(QUrl(), cache), QString());
    if (!offline.openCache())
        return {};
    offline.start();
    for (const CacheBatch &batch : {create, edit, note})
        offline.submit(batch);
    offline.stop();
    return queued;
}

// Lookups come with the catch-ups (every 500 ms in fastOptions()): a round is two misses and 300 ms.
SyncEngine::Options impatient() {
    SyncEngine::Options options = fastOptions();
    options.unconfirmedCreates.lookupsPerRound = 2;
    options.unconfirmedCreates.roundMs = 300;
    options.unconfirmedCreates.answers = 2;
    return options;
}

// As patient as production: nothing in a test's time is posted again because of misses.
SyncEngine::Options patient() {
    SyncEngine::Options options = fastOptions();
    options.unconfirmedCreates.lookupsPerRound = 1000;
    options.unconfirmedCreates.roundMs = 10 * 60 * 1000;
    return options;
}

QJsonArray ticketsWithExternalId(opsim::test::ServerFixture &server, const QString &externalId) {
    return server
        .get("/tmf-api/troubleTicket/v4/troubleTicket?externalId=" + externalId,
             {{"Authorization", "Bearer " + kToken.toUtf8()}})
        .array();
}

} // namespace

class UnconfirmedCreateTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        if (qEnvironmentVariableIsSet("NOC_TEST_DEBUG"))
            spdlog::set_level(spdlog::level::debug);
    }

    void aCreateTheServerNeverListsIsPostedAgainWithItsKeyAndLandsOnce() {
        // Given a ticket, its edit and a note queued offline, and a server that does not find tickets by
        // externalId
        opsim::test::ServerFixture server(syncServerConfig());
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        const qint64 ticketsBefore = server.server->stats().tickets;
        const OfflineTicket queued = queueTicketOffline(cache);
        QVERIFY(!queued.createKey.isEmpty());
        QVERIFY(server.server->setExternalIdLookupAnswer(200));

        // When the create is applied but its answer names no ticket
        QVERIFY(server.server->garbleNextTicketCreate(QStringLiteral("noId")));
        Client client(server.server->baseUrl(), cache, kToken, impatient());

        // Then, after the lookups missed, the create is posted again with the same key and answered from
        // the server's store: nothing waits, nothing failed, one ticket
        CacheReader reader;
        QVERIFY(reader.open(cache));
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive() && client.last.pending == 0, 20000);
        QTRY_VERIFY2(reader.outbox().isEmpty(), qPrintable(reader.outbox().value(0).lastError));
        QCOMPARE(client.last.failed, 0);
        QCOMPARE(server.server->stats().tickets, ticketsBefore + 1);
        QCOMPARE(server.server->appliedCount(queued.createKey), 1);
        QVERIFY(server.server->replayCount(queued.createKey) >= 1);
        // ... and the edit and the note landed on that ticket
        QCOMPARE(server.server->appliedCount(queued.editKey), 1);
        QCOMPARE(server.server->appliedCount(queued.noteKey), 1);
        QVERIFY(server.server->setExternalIdLookupAnswer(0));
        const QJsonArray found = ticketsWithExternalId(server, queued.local.id);
        QCOMPARE(found.size(), 1);
        const QString serverId = found.first()["id"].toString();
        QCOMPARE(found.first()["description"].toString(), queued.description);
        QTRY_VERIFY(reader.ticket(serverId).has_value() && reader.ticket(serverId)->notes.size() == 1);
        QVERIFY(!reader.ticket(queued.local.id).has_value());
    }

    void aCreateNeverNamedEndsAmongTheRefusedChangesWithTheUsersData() {
        // Given the same queued ticket, a server that does not find it by externalId, and every answer to
        // its create spoilt on the way back (the first and the repeats with the same key)
        opsim::test::ServerFixture server(syncServerConfig());
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        const qint64 ticketsBefore = server.server->stats().tickets;
        const OfflineTicket queued = queueTicketOffline(cache);
        QVERIFY(!queued.createKey.isEmpty());
        QVERIFY(server.server->setExternalIdLookupAnswer(200));
        QVERIFY(server.server->garbleNextTicketCreate(QStringLiteral("malformed"), 100));

        // When the console has tried as often as it will
        Client client(server.server->baseUrl(), cache, kToken, impatient());

        // Then the create and the ticket's two later changes are refused changes, nothing is pending
        CacheReader reader;
        QVERIFY(reader.open(cache));
        QTRY_VERIFY_WITH_TIMEOUT(client.last.failed == 3 && client.last.pending == 0, 20000);
        const QList<RefusedChange> refusedChanges = refused::list(reader);
        QCOMPARE(refusedChanges.size(), 3);
        QCOMPARE(refusedChanges[0].entry.uuid, queued.createKey);
        for (const RefusedChange &change : refusedChanges)
            QVERIFY(change.reason() == RefusedChange::Reason::NotConfirmed);
        QVERIFY(refusedChanges[0].consoleReason->code == OutboxReason::Code::CreateNotConfirmed);
        QCOMPARE(refusedChanges[0].consoleReason->answers, 2); // the first answer and one repeat
        QVERIFY(refusedChanges[1].consoleReason->code == OutboxReason::Code::WaitsForCreate);
        // ... with everything the user entered
        QVERIFY(refusedChanges[0].entry.payload.contains("Cabinet door forced"));
        QVERIFY(refusedChanges[1].entry.payload.contains(queued.description.toUtf8()));
        QVERIFY(refusedChanges[2].entry.payload.contains("crew on site 14:10"));
        // ... the server made the ticket once, posted again once, and got nothing meant for another ticket
        QCOMPARE(server.server->stats().tickets, ticketsBefore + 1);
        QCOMPARE(server.server->appliedCount(queued.createKey), 1);
        QCOMPARE(server.server->replayCount(queued.createKey), 1);
        QCOMPARE(server.server->appliedCount(queued.editKey), 0);
        QCOMPARE(server.server->appliedCount(queued.noteKey), 0);
        // ... and it stays so: given up means no more posts
        QTest::qWait(1500);
        QCOMPARE(server.server->replayCount(queued.createKey), 1);

        // And the reason is stored the same in every language and read in the user's
        const QString stored = refusedChanges[0].entry.lastError;
        QVERIFY2(stored.startsWith(QStringLiteral("[noc] create-not-confirmed ref=") + queued.local.id),
                 qPrintable(stored));
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        const QString english = ApiResponse::describeStoredError(stored);
        QVERIFY2(english.contains(queued.local.id) && english.contains(QStringLiteral("ticket")),
                 qPrintable(english));
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        const QString chinese = ApiResponse::describeStoredError(stored);
        QVERIFY2(chinese.contains(queued.local.id) && chinese.contains(QStringLiteral("工单")),
                 qPrintable(chinese));
        QVERIFY2(!chinese.contains(QStringLiteral("server")), qPrintable(chinese));
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
    }

    void whileLookingTheSentReasonIsStoredInOneFormAndShownInTheUsersLanguage() {
        // Given a create answered without its ticket and a server that has not listed it yet
        opsim::test::ServerFixture server(syncServerConfig());
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        const OfflineTicket queued = queueTicketOffline(cache);
        QVERIFY(server.server->setExternalIdLookupAnswer(200));
        QVERIFY(server.server->garbleNextTicketCreate(QStringLiteral("noId")));
        Client client(server.server->baseUrl(), cache, kToken, patient());

        // When the console marks it Sent
        CacheReader reader;
        QVERIFY(reader.open(cache));
        QTRY_VERIFY_WITH_TIMEOUT(
            !reader.outbox().isEmpty() && reader.outbox().first().state == OutboxState::Sent, 20000);
        const QString stored = reader.outbox().first().lastError;

        // Then its reason is the language-neutral form, and reads in English and in Chinese
        QCOMPARE(stored, QStringLiteral("[noc] create-unconfirmed ref=%1 answers=1").arg(queued.local.id));
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        QVERIFY2(ApiResponse::describeStoredError(stored).startsWith(
                     QStringLiteral("The console is looking for this ticket")),
                 qPrintable(ApiResponse::describeStoredError(stored)));
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        const QString chinese = ApiResponse::describeStoredError(stored);
        QVERIFY2(chinese.contains(QStringLiteral("工单")) && chinese.contains(queued.local.id),
                 qPrintable(chinese));
        // The English sentence older consoles stored is read as the same reason
        const auto older = OutboxReason::parse(
            QStringLiteral(
                "Created on the server, but its answer named no ticket; finding it by externalId %1")
                .arg(queued.local.id));
        QVERIFY(older && older->code == OutboxReason::Code::CreateUnconfirmed &&
                older->reference == queued.local.id);
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
    }

    void aLookupAnsweredWithAnErrorIsNoMiss_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("retryAfter");
        QTest::newRow("403 refused") << 403 << 0;
        QTest::newRow("429 slow down") << 429 << 3;
        QTest::newRow("503 unavailable") << 503 << 0;
    }

    void aLookupAnsweredWithAnErrorIsNoMiss() {
        QFETCH(int, status);
        QFETCH(int, retryAfter);
        // Given a create answered without its ticket, and lookups answered with an error
        opsim::test::ServerFixture server(syncServerConfig());
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        const qint64 ticketsBefore = server.server->stats().tickets;
        const OfflineTicket queued = queueTicketOffline(cache);
        QVERIFY(server.server->setExternalIdLookupAnswer(status, retryAfter));
        QVERIFY(server.server->garbleNextTicketCreate(QStringLiteral("noId")));
        // With a round of one miss and no wait, a miss would make the console post the create again at once
        SyncEngine::Options options = fastOptions();
        options.unconfirmedCreates.lookupsPerRound = 1;
        options.unconfirmedCreates.roundMs = 0;
        Client client(server.server->baseUrl(), cache, kToken, status == 403 ? patient() : options);
        CacheReader reader;
        QVERIFY(reader.open(cache));

        if (status == 403) {
            // Then a refusal ends the lookups at once (with production patience a miss would not): the
            // create is posted again with its key, answered from the server's store, and adopted
            QTRY_VERIFY_WITH_TIMEOUT(client.isLive() && client.last.pending == 0, 20000);
            QTRY_VERIFY(reader.outbox().isEmpty());
            QCOMPARE(server.server->replayCount(queued.createKey), 1);
        } else {
            // Then it is a server in trouble: the engine backs off (as long as the server asked), and
            // nothing is posted again for it
            QTRY_VERIFY_WITH_TIMEOUT(
                client.last.phase == SyncPhase::Reconnecting && !client.last.error.isEmpty(), 20000);
            QVERIFY2(client.last.nextRetrySeconds >= retryAfter,
                     qPrintable(QString::number(client.last.nextRetrySeconds)));
            QTest::qWait(1000);
            QCOMPARE(server.server->replayCount(queued.createKey), 0);
            QVERIFY(reader.outbox().first().state == OutboxState::Sent);
            // ... and once the server answers again, the ticket is found
            QVERIFY(server.server->setExternalIdLookupAnswer(0));
            QTRY_VERIFY_WITH_TIMEOUT(client.isLive() && client.last.pending == 0, 20000);
            QTRY_VERIFY(reader.outbox().isEmpty());
            QCOMPARE(server.server->replayCount(queued.createKey), 0);
        }
        QCOMPARE(client.last.failed, 0);
        QCOMPARE(server.server->stats().tickets, ticketsBefore + 1);
        QCOMPARE(server.server->appliedCount(queued.createKey), 1);
        QCOMPARE(server.server->appliedCount(queued.editKey), 1);
        QCOMPARE(server.server->appliedCount(queued.noteKey), 1);
    }

    void aCreateMadeOverTwentyHoursAgoIsGivenUpNotPostedAgain() {
        // Given a create whose lookups have missed for a whole round
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        OutboxEntry entry;
        entry.uuid = QStringLiteral("create-1");
        entry.kind = QStringLiteral("ticket.create");
        UnconfirmedCreates unconfirmed({1, 0, 3});
        const auto afterAMissedRound = [&](qint64 createdMs) {
            entry.createdMs = createdMs;
            unconfirmed.forget(entry.uuid);
            QVERIFY(unconfirmed.next(entry, now) == UnconfirmedCreates::Step::LookUp);
            unconfirmed.missed(entry.uuid);
        };
        // When it was made an hour ago, it is posted again with its key (the server still knows it)
        afterAMissedRound(now - 60 * 60 * 1000);
        QVERIFY(unconfirmed.next(entry, now) == UnconfirmedCreates::Step::PostAgain);
        // When it was made a day ago, the server may have forgotten the key: a post could make a second
        // ticket, so it is given up (and listed with the user's data)
        afterAMissedRound(now - 24 * 60 * 60 * 1000);
        QVERIFY(unconfirmed.next(entry, now) == UnconfirmedCreates::Step::GiveUp);
    }

    void aCreateTheServerRefusesTakesTheTicketsLaterChangesWithIt() {
        // Given a ticket, its edit and a note queued offline, and a console whose token turns out to be
        // an auditor's (the server refuses ticket creates: 403)
        const QString auditorToken = QStringLiteral("auditor-token");
        opsim::ServerConfig cfg = syncServerConfig();
        cfg.tokens.insert(auditorToken, QStringLiteral("auditor"));
        opsim::test::ServerFixture server(cfg);
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        const OfflineTicket queued = queueTicketOffline(cache);
        QVERIFY(!queued.createKey.isEmpty());

        // When the server refuses the create
        Client client(server.server->baseUrl(), cache, auditorToken, patient());

        // Then the create is refused for the role, and its edit and note are refused with it, with the
        // console's reason and the user's data, instead of being sent to a ticket no server has
        CacheReader reader;
        QVERIFY(reader.open(cache));
        QTRY_VERIFY_WITH_TIMEOUT(client.last.failed == 3 && client.last.pending == 0, 20000);
        const QList<RefusedChange> refusedChanges = refused::list(reader);
        QCOMPARE(refusedChanges.size(), 3);
        QCOMPARE(refusedChanges[0].entry.uuid, queued.createKey);
        QVERIFY(refusedChanges[0].reason() == RefusedChange::Reason::NotAllowed);
        for (int i : {1, 2}) {
            QVERIFY(refusedChanges[i].reason() == RefusedChange::Reason::NoTicket);
            QVERIFY2(refusedChanges[i].consoleReason &&
                         refusedChanges[i].consoleReason->code == OutboxReason::Code::CreateRefused &&
                         refusedChanges[i].consoleReason->reference == queued.local.id,
                     qPrintable(refusedChanges[i].entry.lastError));
        }
        QVERIFY(refusedChanges[1].entry.payload.contains(queued.description.toUtf8()));
        QVERIFY(refusedChanges[2].entry.payload.contains("crew on site 14:10"));
        QCOMPARE(server.server->appliedCount(queued.editKey), 0);
        QCOMPARE(server.server->appliedCount(queued.noteKey), 0);

        // And a note added to that ticket afterwards is refused the same way, not sent
        const CacheBatch late =
            actions::addTicketNote(queued.local, "door replaced", {"field.engineer", "noc-console", 0});
        client.session.submit(late);
        QTRY_VERIFY_WITH_TIMEOUT(client.last.failed == 4 && client.last.pending == 0, 20000);
        const QList<RefusedChange> withLate = refused::list(reader);
        const auto lateChange = std::find_if(withLate.begin(), withLate.end(), [&](const RefusedChange &c) {
            return c.entry.uuid == late.outboxInserts.first().uuid;
        });
        QVERIFY(lateChange != withLate.end());
        QVERIFY2(lateChange->consoleReason &&
                     lateChange->consoleReason->code == OutboxReason::Code::CreateRefused,
                 qPrintable(lateChange->entry.lastError));
        QCOMPARE(server.server->appliedCount(late.outboxInserts.first().uuid), 0);

        // And the reason reads in the user's language
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        const QString chinese = ApiResponse::describeStoredError(refusedChanges[1].entry.lastError);
        QVERIFY2(chinese.contains(queued.local.id) && chinese.contains(QStringLiteral("拒绝")),
                 qPrintable(chinese));
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
    }
};

QTEST_MAIN(UnconfirmedCreateTest)
#include "unconfirmed_create_test.moc"
