#include "language_manager.h"
#include "ticket_queue_filter_model.h"
#include "ticket_test_data.h"
#include "tickets/ticket_console.h"
#include "tickets/ticket_editor_dialog.h"
#include "tickets/workload_view.h"

#include "alarm_table_model.h"
#include "cache/cache_reader.h"
#include "display_time.h"
#include "isolated_settings.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace noc;
using namespace noc::tickettest;

namespace {
void saveScreenshot(QWidget &widget, const QString &name) {
    const QString dir = qEnvironmentVariable("NOC_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(widget.grab().save(QDir(dir).filePath(name + ".png")));
}

// A cache file and a console on it whose submit goes through the real cache writer, the way the
// session's writer thread would apply it, and feeds the commit back into the console.
struct Fixture {
    QTemporaryDir dir;
    QString path = dir.filePath("tickets.sqlite");
    CacheWriter writer;
    QList<CacheBatch> submitted;
    std::unique_ptr<TicketConsole> console;

    explicit Fixture(Role role, int extraTickets = 0) {
        writer.open(path);
        CacheBatch batch = standardTickets();
        const EpochMs now = QDateTime::currentMSecsSinceEpoch();
        // The standard tickets are relative to kNow; the live console runs on the real clock.
        for (TroubleTicket &t : batch.tickets) {
            const qint64 shift = now - kNow;
            t.creationDate += shift;
            t.lastUpdate += shift;
            if (t.expectedResolutionDate)
                t.expectedResolutionDate += shift;
            if (t.resolutionDate)
                t.resolutionDate += shift;
        }
        static const char *const engineers[] = {"li.wei", "zhang.min", "wang.fang", "chen.jie"};
        static const char *const teams[] = {"team-north-field", "team-south-field"};
        for (int i = 0; i < extraTickets; ++i) {
            const TicketStatus status = i % 5 == 0   ? TicketStatus::Acknowledged
                                        : i % 5 == 1 ? TicketStatus::Held
                                                     : TicketStatus::InProgress;
            const QString priority = QStringList{"Critical", "High", "Medium", "Low"}[i % 4];
            // One of them open for 3 d 7 h: the workload's "oldest open" over a day.
            const EpochMs created = i == 3 ? now - (79 * 60 + 1) * kMinute : now - (i * 37 % 600) * kMinute;
            TroubleTicket t =
                makeTicket(QStringLiteral("TT-%1").arg(1040 + i), status, created, 0,
                           i % 6 == 0 ? QString() : QString(engineers[i % 4]), teams[i % 2], priority);
            t.name = QStringList{"Loss of signal at olt-%1", "Power problem at bts-%1",
                                 "High temperature at agg-%1", "Link down at core-%1"}[i % 4]
                         .arg(100 + i);
            batch.tickets.append(t);
        }
        writer.apply(batch);
        Alarm a;
        a.id = "A-1";
        a.perceivedSeverity = Severity::Major;
        a.probableCause = "lossOfSignal";
        a.alarmedObjectId = "NE-1";
        CacheBatch alarms;
        alarms.alarms.append(a);
        writer.apply(alarms);
        console = std::make_unique<TicketConsole>(
            path,
            [this](const CacheBatch &b) {
                submitted.append(b);
                console->applyChanges(writer.apply(b));
            },
            role, "me");
        console->model()->setCoalesceInterval(0);
    }
    bool loaded() {
        QSignalSpy spy(console->model(), &TicketQueueModel::loaded);
        return console->model()->isLoaded() || spy.wait(10000);
    }
};

QList<Alarm> alarmsOnElement() {
    Alarm a;
    a.id = "A-7";
    a.perceivedSeverity = Severity::Minor;
    a.probableCause = "highTemperature";
    a.alarmedObjectId = "NE-1";
    Alarm b = a;
    b.id = "A-8";
    b.perceivedSeverity = Severity::Critical;
    b.probableCause = "lossOfSignal";
    return {a, b};
}
} // namespace

class TicketConsoleTest : public QObject {
    Q_OBJECT
    // The console saves its columns and views; not in the user's settings, nor another copy's.
    test::IsolatedSettings m_settings;

private slots:
    void initTestCase() {
        QVERIFY(m_settings.isValid());
        QCoreApplication::setOrganizationName("noc-console-test");
        QCoreApplication::setApplicationName("test_ticket_console");
    }
    void init() { test::IsolatedSettings::reset(); }

    void queuesShowLiveCountsAndSwitchTheList() {
        // Given an engineer's console on the standard tickets
        Fixture f(Role::Engineer);
        QVERIFY(f.loaded());
        // Then the queue list carries the counts, and "My tickets" is shown first
        QCOMPARE(f.console->queueLabel(TicketQueue::AllOpen), QStringLiteral("All open (3)"));
        QVERIFY(f.console->currentQueue() == TicketQueue::Mine);
        QCOMPARE(f.console->queueModel()->rowCount(), 1);
        // When the breached queue is chosen  Then only T3 is listed
        f.console->selectQueue(TicketQueue::Breached);
        QCOMPARE(f.console->queueModel()->rowCount(), 1);
        QCOMPARE(f.console->queueModel()->index(0, 0).data(TicketQueueModel::TicketIdRole).toString(),
                 QStringLiteral("T3"));
    }

    void theKeyboardOpensCreatesAndSearchesTickets() {
        // Given an engineer's console with the focus in the list of all open tickets
        Fixture f(Role::Engineer);
        QVERIFY(f.loaded());
        f.console->selectQueue(TicketQueue::AllOpen);
        f.console->resize(1200, 500);
        f.console->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.console.get()));
        QTableView *table = f.console->table();
        table->setFocus();
        QTRY_VERIFY(table->hasFocus());
        // With no current ticket, Open says why it is disabled
        QAction *open = f.console->menuActions().at(1);
        table->setCurrentIndex(QModelIndex());
        QVERIFY(!open->isEnabled());
        QCOMPARE(open->toolTip(), QStringLiteral("Select a ticket first."));
        // When a row is made current and Enter is pressed  Then that ticket opens in the editor
        table->setCurrentIndex(f.console->queueModel()->index(0, 0));
        QVERIFY(open->isEnabled());
        const QString id =
            f.console->queueModel()->index(0, 0).data(TicketQueueModel::TicketIdRole).toString();
        QTest::keyClick(table, Qt::Key_Return);
        QTRY_VERIFY(f.console->currentEditor());
        QCOMPARE(f.console->currentEditor()->editedTicket().id, id);
        f.console->currentEditor()->close();
        QTRY_VERIFY(!f.console->currentEditor());
        // And Ctrl+N opens the new-ticket editor, Ctrl+F puts the cursor in the search field
        table->activateWindow();
        table->setFocus();
        QTRY_VERIFY(table->hasFocus());
        QTest::keyClick(table, Qt::Key_N, Qt::ControlModifier);
        QTRY_VERIFY(f.console->currentEditor());
        QVERIFY(f.console->currentEditor()->isNewTicket());
        f.console->currentEditor()->close();
        table->activateWindow();
        table->setFocus();
        QTRY_VERIFY(table->hasFocus());
        QTest::keyClick(table, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(f.console->searchField()->hasFocus());
    }

    void aReadOnlyUserIsToldWhyNewTicketIsDisabled() {
        Fixture f(Role::ReadOnly);
        QVERIFY(f.loaded());
        QAction *create = f.console->menuActions().first();
        QVERIFY(!create->isEnabled());
        QCOMPARE(create->toolTip(), refusalReason(Role::ReadOnly, Permission::CreateTicket));
        QVERIFY(!create->toolTip().isEmpty());
    }

    void anEditorThatCannotSaveSaysWhyInTheNewLanguage() {
        // Given a ticket open in the editor while the disk is full, in English
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        Fixture f(Role::Supervisor);
        QVERIFY(f.loaded());
        SyncStatus status;
        status.cacheWriteError = QStringLiteral("disk full");
        status.cacheDiskFull = true;
        f.console->setSyncStatus(status);
        f.console->openTicket(QStringLiteral("T1"));
        QTRY_VERIFY(f.console->currentEditor());
        TicketEditorDialog *editor = f.console->currentEditor();
        QVERIFY2(editor->message().startsWith(QStringLiteral("The disk is full")),
                 qPrintable(editor->message()));
        auto *save = editor->findChild<QPushButton *>(QStringLiteral("save"));
        QVERIFY(save && !save->isEnabled());
        // When the user switches to Chinese (the write state stays as it was)
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        QCoreApplication::processEvents();
        // Then the message line and the greyed-out buttons say why in Chinese
        QVERIFY2(editor->message().startsWith(QStringLiteral("磁盘已满")), qPrintable(editor->message()));
        QVERIFY2(save->toolTip().startsWith(QStringLiteral("磁盘已满")), qPrintable(save->toolTip()));
        // And a refused action says it in Chinese too
        QVERIFY2(editor->addNote(QStringLiteral("checked")).startsWith(QStringLiteral("磁盘已满")),
                 qPrintable(editor->message()));
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        QCoreApplication::processEvents();
        QVERIFY2(editor->message().startsWith(QStringLiteral("The disk is full")),
                 qPrintable(editor->message()));
        editor->close();
    }

    void createFromAlarmsPrefillsTheEditorAndTheTicketLandsInTheQueue() {
        // Given an engineer's console
        Fixture f(Role::Engineer);
        QVERIFY(f.loaded());
        QSignalSpy applied(f.console->model(), &TicketQueueModel::changesApplied);
        // When they raise a ticket from a minor and a critical alarm on NE-1
        f.console->createFromAlarms(alarmsOnElement());
        TicketEditorDialog *editor = f.console->currentEditor();
        QVERIFY(editor);
        QVERIFY(editor->isNewTicket());
        // Then the form holds the worst severity and both alarms and the element
        const TroubleTicket draft = editor->editedTicket();
        QCOMPARE(draft.severity, QStringLiteral("Critical"));
        QCOMPARE(draft.relatedEntities.size(), 3);
        QVERIFY(draft.description.contains("A-7") && draft.description.contains("A-8"));
        // And saving creates it locally (pending, through the outbox) and lists it
        QCOMPARE(editor->save(), QString());
        QCOMPARE(f.submitted.size(), 1);
        QCOMPARE(f.submitted[0].outboxInserts.size(), 1);
        QVERIFY(applied.wait(5000));
        const QString id = f.submitted[0].tickets[0].id;
        QVERIFY(id.startsWith("local-"));
        const int row = f.console->model()->rowOf(id);
        QVERIFY(row >= 0);
        QVERIFY(f.console->model()->rowAt(row).pending);
        QCOMPARE(f.console->model()->rowAt(row).alarmCount, 2);
    }

    void aDraftFromAlarmsIsWrittenInTheUsersLanguage() {
        // Given an engineer's console, in English and then in Chinese
        Fixture f(Role::Engineer);
        QVERIFY(f.loaded());
        f.console->resize(1200, 700);
        LanguageManager languages;
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QVERIFY(languages.setLanguage(lang));
            // When a ticket is raised from a minor and a critical alarm raised an hour ago
            QList<Alarm> alarms = alarmsOnElement();
            for (Alarm &a : alarms) {
                a.alarmType = QStringLiteral("communicationsAlarm");
                a.alarmRaisedTime = QDateTime::currentMSecsSinceEpoch() - 3600 * 1000;
            }
            f.console->createFromAlarms(alarms);
            TicketEditorDialog *editor = f.console->currentEditor();
            QVERIFY(editor);
            QVERIFY(QTest::qWaitForWindowExposed(editor));
            const TroubleTicket draft = editor->editedTicket();
            // Then cause, type and severity are in the alarm list's words of that language, the ids stay
            const QString critical = AlarmTableModel::severityName(0);
            const QString lossOfSignal = QCoreApplication::translate("AlarmVocabulary", "Loss of signal");
            QVERIFY2(draft.description.contains(
                         QStringLiteral("- A-8 %1 on core-router-1: %2").arg(critical, lossOfSignal)) ||
                         lang != "en",
                     qPrintable(draft.description));
            QVERIFY2(draft.description.contains(critical) && draft.description.contains(lossOfSignal) &&
                         draft.description.contains("A-7") && draft.description.contains("core-router-1"),
                     qPrintable(draft.description));
            for (const char *raw : {"lossOfSignal", "highTemperature", "communicationsAlarm", "(s)"})
                QVERIFY2(!draft.description.contains(QLatin1String(raw)) &&
                             !draft.name.contains(QLatin1String(raw)),
                         qPrintable(draft.name + '\n' + draft.description));
            if (lang == "zh_CN") {
                QVERIFY2(draft.description.startsWith(QStringLiteral("由 2 条告警创建：")),
                         qPrintable(draft.description));
                QVERIFY2(draft.description.contains(QStringLiteral("通信告警")),
                         qPrintable(draft.description));
                QVERIFY2(!draft.description.contains(QStringLiteral("Raised")),
                         qPrintable(draft.description));
            }
            saveScreenshot(*editor, "tickets_draft_from_alarms_" + lang);
            editor->close();
        }
        QVERIFY(languages.setLanguage("en"));
    }

    void aTransitionTheWorkflowForbidsIsExplainedAndNothingIsSent() {
        // Given an engineer with the acknowledged ticket T2 open
        Fixture f(Role::Engineer);
        QVERIFY(f.loaded());
        f.console->openTicket("T2");
        TicketEditorDialog *editor = f.console->currentEditor();
        QVERIFY(editor);
        // When they try to resolve it straight away
        const QString refusal = editor->changeStatus(TicketStatus::Resolved, "fixed");
        // Then they read why, and nothing went to the outbox
        QVERIFY2(refusal.contains("cannot go to Resolved"), qPrintable(refusal));
        QCOMPARE(editor->message(), refusal);
        QVERIFY(f.submitted.isEmpty());
        // And closing is a supervisor's
        QVERIFY(editor->changeStatus(TicketStatus::Cancelled, {}).contains("supervisor"));
        QVERIFY(f.submitted.isEmpty());
        // When they start work on it  Then it is sent, and the timeline shows the change
        QCOMPARE(editor->changeStatus(TicketStatus::InProgress, "on my way"), QString());
        QCOMPARE(f.submitted.size(), 1);
        CacheReader reader;
        QVERIFY(reader.open(f.path));
        QVERIFY(reader.ticket("T2")->status == TicketStatus::InProgress);
        QVERIFY(reader.isTicketPending("T2"));
        QCOMPARE(editor->addNote("spare SFP on the way"), QString());
        QCOMPARE(reader.ticket("T2")->notes.last().text, QStringLiteral("spare SFP on the way"));
    }

    void onlyASupervisorMayReassignAndDropOnAnEngineerDoesIt() {
        // Given an engineer: assigning is refused and the assignee field is disabled
        {
            Fixture f(Role::Engineer);
            QVERIFY(f.loaded());
            QVERIFY(f.console->assignTickets({"T2"}, "bob", "bob name").contains("supervisor"));
            QVERIFY(f.submitted.isEmpty());
            f.console->openTicket("T2");
            QVERIFY(!f.console->currentEditor()->findChild<QComboBox *>("assignee")->isEnabled());
        }
        // Given a supervisor's workload view listing bob
        Fixture f(Role::Supervisor);
        QVERIFY(f.loaded());
        f.console->resize(1000, 500);
        f.console->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.console.get()));
        f.console->findChild<QTabWidget *>()->setCurrentWidget(f.console->workloadView());
        QTest::qWait(100);                    // the tab's layout is applied
        f.console->refreshWorkloadForTests(); // no event loop runs between here and the drop
        WorkloadTree *tree = f.console->workloadView()->tree();
        QCOMPARE(tree->topLevelItemCount(), 2);
        QTreeWidgetItem *bob = nullptr;
        for (int i = 0; i < tree->topLevelItem(0)->childCount(); ++i)
            if (tree->topLevelItem(0)->child(i)->toolTip(0) == "bob")
                bob = tree->topLevelItem(0)->child(i);
        QVERIFY(bob);
        // When unassigned T2 is dropped on bob
        QMimeData mime;
        mime.setData(TicketQueueModel::ticketIdsMimeType(), "T2");
        const QPoint at = tree->visualItemRect(bob).center();
        // (the drop handler itself: a synthetic QDropEvent is not routed to item views offscreen)
        QSignalSpy dropped(tree, &WorkloadTree::ticketsDropped);
        QVERIFY(tree->dropTickets(&mime, at));
        QCOMPARE(dropped.size(), 1);
        // Then T2 is bob's, with bob's team, through the outbox
        QCOMPARE(f.submitted.size(), 1);
        CacheReader reader;
        QVERIFY(reader.open(f.path));
        QCOMPARE(reader.ticket("T2")->partyId("assignee"), QStringLiteral("bob"));
        QVERIFY(!reader.ticket("T2")->partyId("team").isEmpty());
        QTRY_COMPARE(f.console->model()->count(TicketQueue::Unassigned), 0);
    }

    void aSavedViewBringsBackQueueFiltersAndColumns() {
        // Given a console on the breached queue, searching "t3", with the Created column hidden
        Fixture f(Role::Supervisor);
        QVERIFY(f.loaded());
        f.console->selectQueue(TicketQueue::Breached);
        f.console->findChild<QLineEdit *>()->setText("t3");
        f.console->table()->horizontalHeader()->setSectionHidden(TicketQueueModel::Created, true);
        // When it is saved, everything is changed, and the view applied again
        f.console->saveView("night shift");
        f.console->selectQueue(TicketQueue::AllOpen);
        f.console->findChild<QLineEdit *>()->clear();
        f.console->table()->horizontalHeader()->setSectionHidden(TicketQueueModel::Created, false);
        QVERIFY(TicketConsole::savedViews().contains("night shift"));
        QVERIFY(f.console->applyView("night shift"));
        // Then queue, search and columns are as saved
        QVERIFY(f.console->currentQueue() == TicketQueue::Breached);
        QCOMPARE(f.console->queueModel()->text(), QStringLiteral("t3"));
        QVERIFY(f.console->table()->horizontalHeader()->isSectionHidden(TicketQueueModel::Created));
        f.console->deleteView("night shift");
        QVERIFY(!TicketConsole::savedViews().contains("night shift"));
    }

    void timesShowSecondsAsInTheAlarmListAndFitTheirColumns() {
        // Given a console whose column layout was saved when times had no seconds (narrower columns)
        {
            Fixture old(Role::Supervisor);
            QVERIFY(old.loaded());
            for (int c : {int(TicketQueueModel::Created), int(TicketQueueModel::LastUpdate)})
                old.console->table()->horizontalHeader()->resizeSection(c, 110);
        }
        Fixture f(Role::Supervisor, 40);
        QVERIFY(f.loaded());
        f.console->resize(1400, 520);
        f.console->selectQueue(TicketQueue::AllOpen);
        f.console->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.console.get()));
        const QRegularExpression timeWithSeconds(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$"));
        LanguageManager languages;
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QVERIFY(languages.setLanguage(lang));
            QTest::qWait(50);
            // When the list shows the tickets
            QTableView *table = f.console->table();
            QHeaderView *header = table->horizontalHeader();
            for (int c : {int(TicketQueueModel::Created), int(TicketQueueModel::LastUpdate)}) {
                // Then each time reads as the alarm list's (local, with seconds: localDateTimeText)
                for (int r = 0; r < table->model()->rowCount(); ++r) {
                    const QString text = table->model()->index(r, c).data().toString();
                    QVERIFY2(timeWithSeconds.match(text).hasMatch(), qPrintable(text));
                }
                const qint64 created = f.console->model()->rows().first().created;
                QVERIFY(f.console->model()->rows().size() > 40);
                QCOMPARE(f.console->model()
                             ->data(f.console->model()->index(0, TicketQueueModel::Created))
                             .toString(),
                         localDateTimeText(created));
                // And the column is wide enough for it and its header: nothing is cut off
                QVERIFY2(header->sectionSize(c) >=
                             static_cast<QAbstractItemView *>(table)->sizeHintForColumn(c),
                         qPrintable(QStringLiteral("%1: column %2 is %3 px, its times need %4")
                                        .arg(lang)
                                        .arg(c)
                                        .arg(header->sectionSize(c))
                                        .arg(static_cast<QAbstractItemView *>(table)->sizeHintForColumn(c))));
                QVERIFY(header->sectionSize(c) >= header->sectionSizeHint(c));
            }
            table->scrollTo(table->model()->index(0, TicketQueueModel::LastUpdate));
            QTest::qWait(50);
            saveScreenshot(*f.console, QStringLiteral("tickets_times_") + lang);
            // And the editor's timeline uses the same form, in a column that fits it
            f.console->openTicket("T3");
            TicketEditorDialog *editor = f.console->currentEditor();
            QVERIFY(QTest::qWaitForWindowExposed(editor));
            auto *timeline = editor->findChild<QTreeWidget *>();
            QVERIFY(timeline && timeline->topLevelItemCount() > 0);
            const QString first = timeline->topLevelItem(0)->text(0);
            QVERIFY2(timeWithSeconds.match(first).hasMatch(), qPrintable(first));
            QVERIFY(timeline->columnWidth(0) >=
                    static_cast<QAbstractItemView *>(timeline)->sizeHintForColumn(0));
            saveScreenshot(*editor, QStringLiteral("tickets_editor_times_") + lang);
            editor->close();
        }
        languages.setLanguage("en");
    }

    void screenshotsInEnglishAndChinese() {
        // Given a supervisor's console with a realistic queue
        Fixture f(Role::Supervisor, 40);
        QVERIFY(f.loaded());
        f.console->resize(1400, 520);
        f.console->selectQueue(TicketQueue::AllOpen);
        f.console->show();
        QVERIFY(QTest::qWaitForWindowExposed(f.console.get()));
        LanguageManager languages;
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            // When shown in each language  Then the queue, workload and editor render (saved for eyes)
            QVERIFY(languages.setLanguage(lang));
            QTest::qWait(50); // LanguageChange reaches the widgets through the event queue
            const QString suffix = lang == "en" ? "en" : "zh";
            if (lang == "zh_CN")
                QVERIFY(f.console->queueLabel(TicketQueue::AllOpen) != QStringLiteral("All open (43)"));
            saveScreenshot(*f.console, "tickets_queue_" + suffix);
            f.console->findChild<QTabWidget *>()->setCurrentIndex(1);
            f.console->refreshWorkloadForTests();
            const QString oldest = lang == "en" ? QStringLiteral("3 d 7 h") : QStringLiteral("3 天 7 小时");
            // on its engineer's row and on its team's
            QVERIFY(!f.console->workloadView()
                         ->tree()
                         ->findItems(oldest, Qt::MatchExactly | Qt::MatchRecursive, 4)
                         .isEmpty());
            saveScreenshot(*f.console, "tickets_workload_" + suffix);
            f.console->findChild<QTabWidget *>()->setCurrentIndex(0);
            f.console->openTicket("T3");
            TicketEditorDialog *editor = f.console->currentEditor();
            QVERIFY(QTest::qWaitForWindowExposed(editor));
            editor->changeStatus(TicketStatus::Resolved, {}); // refused: shows the plain message
            saveScreenshot(*editor, "tickets_editor_" + suffix);
            editor->close();
        }
        languages.setLanguage("en");
    }
};

QTEST_MAIN(TicketConsoleTest)
#include "ticket_console_test.moc"
