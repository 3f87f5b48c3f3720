#include "../sync/sync_test_support.h"

#include "isolated_settings.h"
#include "tickets/ticket_console.h"
#include "tickets/ticket_editor_dialog.h"

#include <QApplication>
#include <QPlainTextEdit>
#include <QTest>

using namespace noc;
using namespace noc::test;

namespace {
ConnectionProfile supervisorProfile(const QUrl &server, const QString &cache, const QString &user) {
    ConnectionProfile profile = profileFor(server, cache, user);
    profile.role = QStringLiteral("supervisor");
    return profile;
}

QString inProgressTicket(opsim::test::ServerFixture &server, const QByteArray &auth) {
    const QJsonArray open = server
                                .get("/tmf-api/troubleTicket/v4/troubleTicket?status=acknowledged&limit=1",
                                     {{"Authorization", auth}})
                                .array();
    if (open.isEmpty())
        return {};
    const QString id = open[0]["id"].toString();
    server.patch("/tmf-api/troubleTicket/v4/troubleTicket/" + id, R"({"status":"inProgress"})",
                 {{"Authorization", auth}});
    return id;
}
} // namespace

class TicketSyncTest : public QObject {
    Q_OBJECT
    test::IsolatedSettings m_settings; // the ticket console saves its columns

private slots:
    void initTestCase() { QVERIFY(m_settings.isValid()); }

    void anOfflineEditInTheEditorReachesTheServerOnReconnect() {
        // Given a synced cache with an in-progress ticket, and then no connection
        opsim::test::ServerFixture server(syncServerConfig());
        const QByteArray auth = "Bearer " + kToken.toUtf8();
        const QString id = inProgressTicket(server, auth);
        QVERIFY(!id.isEmpty());
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        {
            Client c(server.server->baseUrl(), cache);
            QVERIFY(c.waitSynced());
            QTRY_VERIFY(c.drained());
        }
        {
            // When the engineer, offline, edits the description, adds a note and holds the ticket
            SyncSession offline(supervisorProfile(QUrl(), cache, "field.engineer"), QString());
            QVERIFY(offline.openCache());
            offline.start();
            TicketConsole console(offline);
            console.openTicket(id);
            TicketEditorDialog *editor = console.currentEditor();
            QVERIFY(editor);
            editor->findChild<QPlainTextEdit *>("description")
                ->setPlainText("Fibre cut near the bridge; crew dispatched");
            QCOMPARE(editor->save(), QString());
            QCOMPARE(editor->addNote("ETA 40 min"), QString());
            QCOMPARE(editor->changeStatus(TicketStatus::Held, "waiting for the crew"), QString());
            offline.stop();
        }
        CacheReader reader;
        QVERIFY(reader.open(cache));
        QVERIFY(reader.isTicketPending(id));
        QCOMPARE(reader.outboxFor("ticket", id).size(), 3);

        // ... and the link comes back
        Client client(server.server->baseUrl(), cache);
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive() && client.last.pending == 0, 20000);
        QTRY_VERIFY(reader.outboxFor("ticket", id).isEmpty());

        // Then the server holds the edit, and the cache ends in the server's state, no longer pending
        const QJsonObject onServer =
            server.get("/tmf-api/troubleTicket/v4/troubleTicket/" + id, {{"Authorization", auth}}).object();
        QCOMPARE(onServer["status"].toString(), QStringLiteral("held"));
        QCOMPARE(onServer["description"].toString(),
                 QStringLiteral("Fibre cut near the bridge; crew dispatched"));
        QTRY_VERIFY_WITH_TIMEOUT(!reader.isTicketPending(id), 10000);
        const TroubleTicket cached = *reader.ticket(id);
        QVERIFY(cached.status == TicketStatus::Held);
        QCOMPARE(cached.description, onServer["description"].toString());
        // ... including the note written offline, exactly once, in the cache as on the server
        int serverCopies = 0;
        for (const QJsonValue &note : onServer["note"].toArray())
            serverCopies += note["text"].toString() == QLatin1String("ETA 40 min");
        QCOMPARE(serverCopies, 1);
        QCOMPARE(cached.notes.size(), onServer["note"].toArray().size());
        QCOMPARE(cached.notes.last().text, QStringLiteral("ETA 40 min"));
    }

    void aConflictingStatusChangeFromASecondConsoleLandsInConflicts() {
        // Given two consoles synced with the same in-progress ticket
        opsim::test::ServerFixture server(syncServerConfig());
        const QByteArray auth = "Bearer " + kToken.toUtf8();
        const QString id = inProgressTicket(server, auth);
        QVERIFY(!id.isEmpty());
        QTemporaryDir dir;
        const QString cacheA = dir.filePath("a.sqlite"), cacheB = dir.filePath("b.sqlite");
        {
            Client a(server.server->baseUrl(), cacheA);
            QVERIFY(a.waitSynced());
            QTRY_VERIFY(a.drained());
        }

        // When A, offline, resolves it in the editor while B, online, holds it in B's editor
        {
            SyncSession offline(supervisorProfile(QUrl(), cacheA, "engineer.a"), QString());
            QVERIFY(offline.openCache());
            offline.start();
            TicketConsole console(offline);
            console.openTicket(id);
            QCOMPARE(console.currentEditor()->changeStatus(TicketStatus::Resolved, "splice done"), QString());
            offline.stop();
        }
        {
            Client b(server.server->baseUrl(), cacheB);
            QVERIFY(b.waitSynced());
            CacheReader readerB;
            QVERIFY(readerB.open(cacheB));
            QTRY_VERIFY(readerB.ticket(id).has_value());
            TicketConsole consoleB(
                cacheB, [&](const CacheBatch &batch) { b.session.submit(batch); }, Role::Supervisor,
                "engineer.b");
            consoleB.openTicket(id);
            QCOMPARE(consoleB.currentEditor()->changeStatus(TicketStatus::Held, "waiting for parts"),
                     QString());
            QTRY_COMPARE_WITH_TIMEOUT(
                server.get("/tmf-api/troubleTicket/v4/troubleTicket/" + id, {{"Authorization", auth}})
                    .object()["status"]
                    .toString(),
                QStringLiteral("held"), 10000);
        }
        Client a(server.server->baseUrl(), cacheA);

        // Then B's change wins; A's intent waits in A's Conflicts list, and A's queue shows the server's
        // state
        CacheReader readerA;
        QVERIFY(readerA.open(cacheA));
        QTRY_VERIFY_WITH_TIMEOUT(readerA.conflicts().size() == 1, 15000);
        QCOMPARE(readerA.conflicts().first().targetId, id);
        QVERIFY(readerA.conflicts().first().userIntent.contains("resolved"));
        QTRY_VERIFY_WITH_TIMEOUT(readerA.ticket(id)->status == TicketStatus::Held, 10000);
        TicketQueueModel model(cacheA);
        QSignalSpy loaded(&model, &TicketQueueModel::loaded);
        QVERIFY(loaded.wait(10000));
        QVERIFY(model.rowAt(model.rowOf(id)).status == TicketStatus::Held);
        QVERIFY(!model.rowAt(model.rowOf(id)).pending);
    }
};

QTEST_MAIN(TicketSyncTest)
#include "ticket_sync_test.moc"
