#include "../sync/sync_test_support.h"

#include "conflicts_dialog.h"
#include "display_time.h"
#include "isolated_settings.h"
#include "language_manager.h"
#include "sync/local_actions.h"
#include "sync_status_text.h"

#include <QDateTime>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTest>

using namespace noc;
using namespace noc::test;

namespace {
// With NOC_SCREENSHOT_DIR set, the dialog is saved so a person can look at it (docs/USER_GUIDE.md).
void saveScreenshot(QWidget &widget, const QString &name) {
    const QString dir = qEnvironmentVariable("NOC_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(widget.grab().save(QDir(dir).filePath(name + ".png")));
}

QString cell(ConflictsDialog &dialog, int row, int column) {
    auto *table = dialog.findChild<QTableWidget *>();
    return table && table->item(row, column) ? table->item(row, column)->text() : QString();
}

// An alarm the cache holds (synced earlier) but the server has purged since: a copy of a real one
// under an id the server never had.
Alarm purgedAlarm(const QString &cachePath) {
    Alarm alarm = anUnacknowledgedAlarm(cachePath);
    alarm.id = QStringLiteral("purged-alarm-1");
    return alarm;
}

// One offline session's batches, written before it stops.
void submitOffline(const QString &cachePath, const QList<CacheBatch> &batches) {
    SyncSession offline(profileFor(QUrl(), cachePath), QString());
    QVERIFY(offline.openCache());
    offline.start();
    for (const CacheBatch &batch : batches)
        offline.submit(batch);
    offline.stop();
}

// A ticket being worked on, as the server listed it.
TroubleTicket anInProgressTicket(const QString &id, const QString &name) {
    TroubleTicket ticket;
    ticket.id = id;
    ticket.name = name;
    ticket.severity = "Minor";
    ticket.priority = "Medium";
    ticket.ticketType = "incident";
    ticket.status = TicketStatus::InProgress;
    return ticket;
}

const QString kAuditorToken = QStringLiteral("auditor-token");
} // namespace

class RefusedChangesTest : public QObject {
    Q_OBJECT
    test::IsolatedSettings m_settings;

private slots:
    void initTestCase() {
        QVERIFY(m_settings.isValid());
        QStandardPaths::setTestModeEnabled(true);
    }

    void offlineAckOfAPurgedAlarmIsListedWithItsReasonAndDiscarded() {
        // Given a synced cache, and an alarm in it that the server has purged since
        opsim::ServerConfig cfg = syncServerConfig(20, 60, 5);
        opsim::test::ServerFixture server(cfg);
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        {
            Client client(server.server->baseUrl(), cache);
            QVERIFY(client.waitSynced());
            QTRY_VERIFY(client.drained());
        }
        const Alarm gone = purgedAlarm(cache);
        QVERIFY(!gone.alarmedObjectId.isEmpty());
        CacheBatch known;
        known.alarms.append(gone);

        // When the engineer acknowledges it offline, and the link comes back
        actions::Context context{"field.engineer", "noc-console", 0};
        submitOffline(cache, {known, actions::acknowledgeAlarms({gone}, context)});
        CacheReader reader;
        QVERIFY(reader.open(cache));
        QCOMPARE(reader.outbox().size(), 1);
        Client client(server.server->baseUrl(), cache);
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive() && client.last.failed == 1, 20000);

        // Then the entry is failed, the cache no longer shows the alarm, and the status leads to the list
        QCOMPARE(reader.outbox().size(), 1);
        QVERIFY(reader.outbox().first().state == OutboxState::Failed);
        QTRY_VERIFY(!reader.alarm(gone.id).has_value());
        QVERIFY(
            SyncStatusText::summary(client.last, QDateTime::currentMSecsSinceEpoch()).contains("1 failed"));
        QVERIFY(SyncStatusText::details(client.last, QDateTime::currentMSecsSinceEpoch())
                    .contains("File ▸ Conflicts and refused changes…"));

        // And the Conflicts dialog lists it in words, with the server's reason
        ConflictsDialog dialog(client.session);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.conflictCount(), 0);
        QCOMPARE(dialog.refusedCount(), 1);
        QCOMPARE(cell(dialog, 0, 0), QStringLiteral("Refused"));
        QCOMPARE(cell(dialog, 0, 2), QStringLiteral("Alarm purged-alarm-1"));
        QCOMPARE(cell(dialog, 0, 3), QStringLiteral("Acknowledge"));
        QCOMPARE(cell(dialog, 0, 4), QStringLiteral("Gone"));
        QCOMPARE(cell(dialog, 0, 5), QStringLiteral("The server said it no longer has this alarm."));
        // And its time is in the alarm list's format, not the locale's short one (11/23/26)
        const EpochMs created = reader.outbox().first().createdMs;
        QCOMPARE(cell(dialog, 0, 1), localDateTimeText(created));
        QCOMPARE(cell(dialog, 0, 1),
                 QDateTime::fromMSecsSinceEpoch(created).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        // And it cannot be applied again, and says so
        auto *table = dialog.findChild<QTableWidget *>();
        table->selectRow(0);
        auto *reapply = dialog.findChild<QPushButton *>(QStringLiteral("conflictReapply"));
        auto *discard = dialog.findChild<QPushButton *>(QStringLiteral("conflictDiscard"));
        QVERIFY(!reapply->isEnabled() && discard->isEnabled());
        QVERIFY(reapply->toolTip().contains("cannot be applied again"));
        QVERIFY(!dialog.reapply(0).isEmpty());
        saveScreenshot(dialog, "refused_change_en");
        {
            LanguageManager languages;
            QVERIFY(languages.setLanguage("zh_CN"));
            QCoreApplication::processEvents();
            QVERIFY2(cell(dialog, 0, 5).startsWith(QStringLiteral("服务器称")) &&
                         cell(dialog, 0, 5).contains(QStringLiteral("告警")),
                     qPrintable(cell(dialog, 0, 5)));
            QCOMPARE(cell(dialog, 0, 1), localDateTimeText(created)); // the same in Chinese
            saveScreenshot(dialog, "refused_change_zh_CN");
            QVERIFY(languages.setLanguage("en"));
            QCoreApplication::processEvents();
        }

        // When the user discards it
        dialog.discard(0);

        // Then it leaves the outbox and the list, and the count goes to 0; the server saw nothing new
        QTRY_COMPARE(dialog.refusedCount(), 0);
        QVERIFY(reader.outbox().isEmpty());
        QTRY_COMPARE(client.last.failed, qint64(0));
        QVERIFY(
            !SyncStatusText::summary(client.last, QDateTime::currentMSecsSinceEpoch()).contains("failed"));
    }

    void actionTheRoleMayNotDoIsListedAsNotAllowed() {
        // Given a console whose token is an auditor's (the server says 403 to alarm changes)
        opsim::ServerConfig cfg = syncServerConfig(20, 60, 5);
        cfg.tokens.insert(kAuditorToken, QStringLiteral("auditor"));
        opsim::test::ServerFixture server(cfg);
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        {
            Client client(server.server->baseUrl(), cache, kAuditorToken);
            QVERIFY(client.waitSynced());
            QTRY_VERIFY(client.drained());
        }
        CacheReader reader;
        QVERIFY(reader.open(cache));
        AlarmFilter filter;
        filter.ack = AckState::Unacknowledged;
        const QList<Alarm> alarms = reader.alarmPage(filter, 1).alarms;
        QCOMPARE(alarms.size(), 1);

        // When an acknowledge made offline reaches the server
        submitOffline(cache, {actions::acknowledgeAlarms(alarms, {"auditor.a", "noc-console", 0})});
        Client client(server.server->baseUrl(), cache, kAuditorToken);
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive() && client.last.failed == 1, 20000);

        // Then it is listed as not allowed for the role, and the cache shows the server's state again
        ConflictsDialog dialog(client.session);
        QCOMPARE(dialog.refusedCount(), 1);
        QCOMPARE(cell(dialog, 0, 5), QStringLiteral("The server said your role may not do this."));
        QCOMPARE(cell(dialog, 0, 4), QStringLiteral("Unchanged"));
        QTRY_VERIFY(reader.alarm(alarms[0].id)->ackState == AckState::Unacknowledged);
    }

    void aTicketTheServerNeverNamedIsListedWithItsLaterChanges() {
        // Given a ticket and a note on it made offline, a server that cannot find tickets by externalId,
        // and every answer to the create spoilt on the way back (opsim's controls)
        opsim::test::ServerFixture server(syncServerConfig(20, 60, 5));
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        {
            Client client(server.server->baseUrl(), cache);
            QVERIFY(client.waitSynced());
            QTRY_VERIFY(client.drained());
        }
        const actions::Context context{"field.engineer", "noc-console", 0};
        const TroubleTicket draft = aCabinetDoorTicket();
        const CacheBatch create = actions::createTicket(draft, context);
        const TroubleTicket local = create.tickets.first();
        submitOffline(cache, {create, actions::addTicketNote(local, "crew on site 14:10", context)});
        QVERIFY(server.server->setExternalIdLookupAnswer(200));
        QVERIFY(server.server->garbleNextTicketCreate(QStringLiteral("malformed"), 100));

        // When the console has looked and asked again as often as it will
        SyncEngine::Options options = fastOptions();
        options.unconfirmedCreates = {2, 300, 2};
        Client client(server.server->baseUrl(), cache, kToken, options);
        QTRY_VERIFY_WITH_TIMEOUT(client.last.failed == 2 && client.last.pending == 0, 20000);

        // Then both are listed in words, with the reference to look for on the server
        ConflictsDialog dialog(client.session);
        dialog.resize(1100, 320);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.refusedCount(), 2);
        QCOMPARE(cell(dialog, 0, 2), QStringLiteral("New ticket"));
        QCOMPARE(cell(dialog, 0, 3), QStringLiteral("Create ticket “Cabinet door forced”"));
        QCOMPARE(cell(dialog, 0, 4), QStringLiteral("Created, not named"));
        QVERIFY2(cell(dialog, 0, 5).contains(local.id), qPrintable(cell(dialog, 0, 5)));
        QVERIFY2(cell(dialog, 0, 5)
                     .startsWith(QStringLiteral("The console gave up: the server created this ticket")),
                 qPrintable(cell(dialog, 0, 5)));
        QCOMPARE(cell(dialog, 1, 3), QStringLiteral("Note: crew on site 14:10"));
        QCOMPARE(cell(dialog, 1, 4), QStringLiteral("Unchanged"));
        QVERIFY2(cell(dialog, 1, 5)
                     .startsWith(QStringLiteral("The console did not send this: the server never said")),
                 qPrintable(cell(dialog, 1, 5)));
        // And "Apply again" says why it cannot, and discarding is left to the user
        auto *table = dialog.findChild<QTableWidget *>();
        table->selectRow(0);
        QVERIFY(dialog.findChild<QPushButton *>(QStringLiteral("conflictDiscard"))->isEnabled());
        QVERIFY2(dialog.reapply(0).contains(QStringLiteral("second ticket")), qPrintable(dialog.reapply(0)));
        saveScreenshot(dialog, "refused_unconfirmed_en");
        {
            LanguageManager languages;
            QVERIFY(languages.setLanguage("zh_CN"));
            QCoreApplication::processEvents();
            QVERIFY2(cell(dialog, 0, 5).contains(local.id) &&
                         cell(dialog, 0, 5).contains(QStringLiteral("工单")),
                     qPrintable(cell(dialog, 0, 5)));
            QVERIFY2(!cell(dialog, 1, 5).contains(QStringLiteral("not send")),
                     qPrintable(cell(dialog, 1, 5)));
            QVERIFY2(cell(dialog, 1, 3).contains(QStringLiteral("crew on site 14:10")) &&
                         !cell(dialog, 1, 3).startsWith(QStringLiteral("Note")),
                     qPrintable(cell(dialog, 1, 3)));
            saveScreenshot(dialog, "refused_unconfirmed_zh_CN");
            QVERIFY(languages.setLanguage("en"));
            QCoreApplication::processEvents();
        }
    }

    void aTicketTheServerRefusesIsListedWithItsLaterChanges() {
        // Given a ticket and a note on it made offline, and a console whose token is an auditor's (the
        // server refuses ticket creates with 403)
        opsim::ServerConfig cfg = syncServerConfig(20, 60, 5);
        cfg.tokens.insert(kAuditorToken, QStringLiteral("auditor"));
        opsim::test::ServerFixture server(cfg);
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        {
            Client client(server.server->baseUrl(), cache, kAuditorToken);
            QVERIFY(client.waitSynced());
            QTRY_VERIFY(client.drained());
        }
        const actions::Context context{"field.engineer", "noc-console", 0};
        const TroubleTicket draft = aCabinetDoorTicket();
        const CacheBatch create = actions::createTicket(draft, context);
        const TroubleTicket local = create.tickets.first();
        submitOffline(cache, {create, actions::addTicketNote(local, "crew on site 14:10", context)});

        // When the server refuses the create
        Client client(server.server->baseUrl(), cache, kAuditorToken);
        QTRY_VERIFY_WITH_TIMEOUT(client.last.failed == 2 && client.last.pending == 0, 20000);

        // Then the create is listed as not allowed, and the note with it, never sent
        ConflictsDialog dialog(client.session);
        dialog.resize(1100, 320);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.refusedCount(), 2);
        QCOMPARE(cell(dialog, 0, 5), QStringLiteral("The server said your role may not do this."));
        QCOMPARE(cell(dialog, 1, 3), QStringLiteral("Note: crew on site 14:10"));
        QVERIFY2(cell(dialog, 1, 5)
                         .startsWith(
                             QStringLiteral("The console did not send this: the server refused to create")) &&
                     cell(dialog, 1, 5).contains(local.id),
                 qPrintable(cell(dialog, 1, 5)));
        QVERIFY2(dialog.reapply(1).contains(QStringLiteral("refused to create")),
                 qPrintable(dialog.reapply(1)));
        saveScreenshot(dialog, "refused_create_en");
        {
            LanguageManager languages;
            QVERIFY(languages.setLanguage("zh_CN"));
            QCoreApplication::processEvents();
            QVERIFY2(cell(dialog, 1, 5).contains(QStringLiteral("拒绝创建")), qPrintable(cell(dialog, 1, 5)));
            saveScreenshot(dialog, "refused_create_zh_CN");
            QVERIFY(languages.setLanguage("en"));
            QCoreApplication::processEvents();
        }
    }

    void ticketEditsReadInTheEditorsWordsAndEachReasonSaysWhoseItIs() {
        // Given a console with three changes that did not go through: a ticket edit in conflict (the
        // server's words say why), a ticket edit the server refused, and a note the console did not
        // send because the server refused to create its ticket. The edits are made as the ticket
        // editor makes them (actions::editTicket).
        QTemporaryDir dir;
        ConnectionProfile profile = profileFor(QUrl(), dir.filePath("c.sqlite"), "li.wei");
        profile.role = QStringLiteral("supervisor");
        SyncSession session(profile, QString());
        QVERIFY(session.openCache());
        session.start();
        const actions::Context context{"li.wei", "noc-console", 0};
        const TroubleTicket fibre = anInProgressTicket("TT-1042", "Loss of signal at olt-104");
        TroubleTicket fibreEdited = fibre;
        fibreEdited.severity = "Major";
        fibreEdited.description = "Splice box 12 re-opened by the field crew; two fibres of the "
                                  "feeder cable found bent near the tray, re-spliced and measured again.";
        TroubleTicket power = fibre;
        power.id = "TT-1043";
        power.name = "Power problem at bts-105";
        TroubleTicket powerEdited = power;
        powerEdited.ticketType = "maintenance";
        powerEdited.relatedParties.append({"zhang.min", "Zhang Min", "assignee", "Individual"});
        CacheBatch batch;
        batch.tickets = {fibre, power};
        CacheBatch conflictEdit = actions::editTicket(fibre, fibreEdited, context);
        OutboxEntry edit = conflictEdit.outboxInserts.first();
        edit.state = OutboxState::Conflict;
        batch.outboxInserts.append(edit);
        ConflictRecord conflict;
        conflict.outboxUuid = edit.uuid;
        conflict.kind = edit.kind;
        conflict.targetKind = edit.targetKind;
        conflict.targetId = edit.targetId;
        conflict.userIntent = edit.payload;
        conflict.serverState = R"({"id":"TT-1042","status":"held"})";
        conflict.message = "the ticket was changed by someone else since version 4 (HTTP 412)";
        conflict.createdMs = QDateTime::currentMSecsSinceEpoch();
        batch.conflictInserts.append(conflict);
        OutboxEntry refusedEdit = actions::editTicket(power, powerEdited, context).outboxInserts.first();
        refusedEdit.state = OutboxState::Failed;
        refusedEdit.lastError = "zhang.min is not in the ticket's team (HTTP 422)";
        batch.outboxInserts.append(refusedEdit);
        const CacheBatch create = actions::createTicket(aCabinetDoorTicket(), context);
        const TroubleTicket local = create.tickets.first();
        OutboxEntry note = actions::addTicketNote(local, "crew on site 14:10", context).outboxInserts.first();
        note.state = OutboxState::Failed;
        note.lastError = OutboxReason{OutboxReason::Code::CreateRefused, local.id, 0}.stored();
        batch.outboxInserts.append(note);
        session.submit(batch);
        CacheReader reader;
        QVERIFY(reader.open(profile.cachePath));
        QTRY_COMPARE(reader.outbox().size(), 3);

        // When the user opens the list
        LanguageManager languages;
        QVERIFY(languages.setLanguage("en"));
        ConflictsDialog dialog(session);
        dialog.resize(1180, 360);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.conflictCount(), 1);
        QCOMPARE(dialog.refusedCount(), 2);
        auto *table = dialog.findChild<QTableWidget *>();

        // Then the edits read under the editor's labels, with its words for the values
        const QString fibreChange = cell(dialog, 0, 3);
        QVERIFY2(fibreChange.contains(QStringLiteral("Severity: Major")), qPrintable(fibreChange));
        QVERIFY2(fibreChange.contains(QStringLiteral("Description: Splice box 12")), qPrintable(fibreChange));
        QVERIFY2(!fibreChange.contains(QStringLiteral("severity:")) &&
                     !fibreChange.contains(QStringLiteral("description:")),
                 qPrintable(fibreChange));
        // (a long description cut short in the cell, whole in its tooltip)
        QVERIFY2(table->item(0, 3)->toolTip().contains(QStringLiteral("measured again.")),
                 qPrintable(table->item(0, 3)->toolTip()));
        const QString powerChange = cell(dialog, 1, 3);
        QVERIFY2(powerChange.contains(QStringLiteral("Type: Maintenance")) &&
                     powerChange.contains(QStringLiteral("Assignee: Zhang Min")),
                 qPrintable(powerChange));
        QVERIFY2(!powerChange.contains(QStringLiteral("ticketType")), qPrintable(powerChange));
        // And the reasons are under a neutral heading, and say whose they are
        QCOMPARE(table->horizontalHeaderItem(5)->text(), QStringLiteral("Reason"));
        QCOMPARE(cell(dialog, 0, 5),
                 QStringLiteral(
                     "The server said: “the ticket was changed by someone else since version 4” (HTTP 412)"));
        QCOMPARE(cell(dialog, 1, 5),
                 QStringLiteral("The server said: “zhang.min is not in the ticket's team” (HTTP 422)"));
        QVERIFY2(cell(dialog, 2, 5).startsWith(QStringLiteral("The console did not send this:")) &&
                     cell(dialog, 2, 5).contains(local.id),
                 qPrintable(cell(dialog, 2, 5)));
        saveScreenshot(dialog, "conflicts_reasons_en");

        // And in Chinese, the same in Chinese, with the editor's Chinese labels
        QVERIFY(languages.setLanguage("zh_CN"));
        QCoreApplication::processEvents();
        // (the editor's: 严重程度 Severity, 主要 Major, 类型 Type, 维护 Maintenance)
        QVERIFY2(cell(dialog, 0, 3).contains(QStringLiteral("严重程度：主要")),
                 qPrintable(cell(dialog, 0, 3)));
        QVERIFY2(!cell(dialog, 0, 3).contains(QStringLiteral("everity")), qPrintable(cell(dialog, 0, 3)));
        QVERIFY2(cell(dialog, 1, 3).contains(QStringLiteral("类型：维护")), qPrintable(cell(dialog, 1, 3)));
        QVERIFY2(table->horizontalHeaderItem(5)->text() != QStringLiteral("Reason"),
                 qPrintable(table->horizontalHeaderItem(5)->text()));
        QVERIFY2(cell(dialog, 0, 5).startsWith(QStringLiteral("服务器称")) &&
                     cell(dialog, 0, 5).contains(QStringLiteral("HTTP 412")),
                 qPrintable(cell(dialog, 0, 5)));
        QVERIFY2(cell(dialog, 2, 5).startsWith(QStringLiteral("控制台")) &&
                     cell(dialog, 2, 5).contains(local.id),
                 qPrintable(cell(dialog, 2, 5)));
        saveScreenshot(dialog, "conflicts_reasons_zh_CN");
        QVERIFY(languages.setLanguage("en"));
        QCoreApplication::processEvents();

        // And a server refusal whose words look like the console's reason stays the server's
        OutboxEntry lookalike = refusedEdit;
        lookalike.uuid = "u-lookalike";
        lookalike.lastError =
            QStringLiteral("[noc] create-refused ref=%1 answers=0 (HTTP 422)").arg(local.id);
        CacheBatch more;
        more.outboxInserts.append(lookalike);
        session.submit(more);
        QTRY_COMPARE(dialog.refusedCount(), 3);
        QVERIFY2(cell(dialog, 3, 5).startsWith(QStringLiteral("The server said: “[noc] create-refused")),
                 qPrintable(cell(dialog, 3, 5)));
        session.stop();
    }

    void clearingTheAssigneeAndTheTeamReadsAsNone() {
        // Given a refused edit that took a ticket's assignee and team away (the editor's "Unassigned"
        // and "No team": the patch removes the whole party list)
        QTemporaryDir dir;
        ConnectionProfile profile = profileFor(QUrl(), dir.filePath("c.sqlite"), "li.wei");
        profile.role = QStringLiteral("supervisor");
        SyncSession session(profile, QString());
        QVERIFY(session.openCache());
        session.start();
        const actions::Context context{"li.wei", "noc-console", 0};
        TroubleTicket ticket = anInProgressTicket("TT-2001", "Rectifier alarm at bts-201");
        ticket.relatedParties.append({"zhang.min", "Zhang Min", "assignee", "Individual"});
        ticket.relatedParties.append({"power-team", "Power team", "team", "Organization"});
        TroubleTicket cleared = ticket;
        cleared.relatedParties.clear();
        CacheBatch batch;
        batch.tickets = {ticket};
        OutboxEntry edit = actions::editTicket(ticket, cleared, context).outboxInserts.first();
        edit.state = OutboxState::Failed;
        edit.lastError = "the ticket must have an assignee while in progress (HTTP 422)";
        batch.outboxInserts.append(edit);
        session.submit(batch);
        CacheReader reader;
        QVERIFY(reader.open(profile.cachePath));
        QTRY_COMPARE(reader.outbox().size(), 1);

        // When the user opens the list
        LanguageManager languages;
        QVERIFY(languages.setLanguage("en"));
        ConflictsDialog dialog(session);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.refusedCount(), 1);

        // Then the change says what the editor said: no assignee, no team (not " removed")
        const QString change = cell(dialog, 0, 3);
        QVERIFY2(change.contains(QStringLiteral("Assignee: none")) &&
                     change.contains(QStringLiteral("Team: none")),
                 qPrintable(change));
        QVERIFY2(!change.trimmed().startsWith(QStringLiteral("removed")), qPrintable(change));
        session.stop();
    }

    void applyAgainRefusesWhatTheRoleOrTheWorkflowDoesNotAllow() {
        // Given an auditor's console with a conflicting acknowledge and a conflicting ticket status change
        QTemporaryDir dir;
        ConnectionProfile profile = profileFor(QUrl(), dir.filePath("c.sqlite"), "auditor.a");
        profile.role = QStringLiteral("auditor");
        SyncSession session(profile, QString());
        QVERIFY(session.openCache());
        session.start();
        CacheBatch batch;
        TroubleTicket closed;
        closed.id = "TT-1";
        closed.name = "Fibre cut";
        closed.status = TicketStatus::Closed;
        batch.tickets.append(closed);
        const QList<std::pair<QString, QByteArray>> intents{
            {"alarm.ack",
             R"({"api":"alarm","method":"PATCH","path":"/alarm/A-1","body":{"ackState":"acknowledged"}})"},
            {"ticket.status",
             R"({"api":"ticket","method":"PATCH","path":"/troubleTicket/TT-1","body":{"status":"inProgress"}})"}};
        for (const auto &[kind, payload] : intents) {
            OutboxEntry entry;
            entry.uuid = "u-" + kind;
            entry.kind = kind;
            entry.targetKind = kind.section('.', 0, 0);
            entry.targetId = entry.targetKind == "alarm" ? "A-1" : "TT-1";
            entry.payload = payload;
            entry.state = OutboxState::Conflict;
            batch.outboxInserts.append(entry);
            ConflictRecord conflict;
            conflict.outboxUuid = entry.uuid;
            conflict.kind = kind;
            conflict.targetKind = entry.targetKind;
            conflict.targetId = entry.targetId;
            conflict.userIntent = payload;
            conflict.message = "changed by someone else (HTTP 412)";
            batch.conflictInserts.append(conflict);
        }
        session.submit(batch);
        CacheReader reader;
        QVERIFY(reader.open(profile.cachePath));
        QTRY_COMPARE(reader.conflicts().size(), 2);
        ConflictsDialog dialog(session);
        QCOMPARE(dialog.conflictCount(), 2);

        // When the user tries "Apply again" on both
        auto *table = dialog.findChild<QTableWidget *>();
        table->selectAll();
        dialog.findChild<QPushButton *>(QStringLiteral("conflictReapply"))->click();

        // Then nothing is sent, and the dialog says why: the role, and the workflow
        auto *problem = dialog.findChild<QLabel *>(QStringLiteral("conflictProblem"));
        QVERIFY(problem && !problem->isHidden());
        QVERIFY2(problem->text().contains("Your role (auditor) may not acknowledge alarms."),
                 qPrintable(problem->text()));
        QVERIFY2(problem->text().contains("Your role (auditor) may not change a ticket's status."),
                 qPrintable(problem->text()));
        QTest::qWait(200);
        QCOMPARE(reader.conflicts().size(), 2);
        QCOMPARE(reader.outbox().size(), 2);
        for (const OutboxEntry &entry : reader.outbox())
            QVERIFY(entry.state == OutboxState::Conflict);

        // And for a supervisor the closed ticket's workflow is what says no
        session.stop();
        profile.role = QStringLiteral("supervisor");
        SyncSession supervisor(profile, QString());
        QVERIFY(supervisor.openCache());
        supervisor.start();
        ConflictsDialog again(supervisor);
        QCOMPARE(again.conflictCount(), 2);
        QVERIFY(again.reapply(0).isEmpty()); // the acknowledge may go
        const QString workflow = again.reapply(1);
        QVERIFY2(workflow.contains("cannot change any more"), qPrintable(workflow));
        QTRY_COMPARE(reader.conflicts().size(), 1);
        supervisor.stop();
    }
};

QTEST_MAIN(RefusedChangesTest)
#include "refused_changes_test.moc"
