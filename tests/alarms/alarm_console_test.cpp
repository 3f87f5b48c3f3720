#include "alarm_table_model.h"
#include "alarm_test_support.h"
#include "alarms/alarm_attention.h"
#include "alarms/alarm_console.h"
#include "alarms/alarm_details_view.h"
#include "alarms/alarm_filter_bar.h"
#include "alarms/alarm_saved_views.h"
#include "alarms/alarm_selection_keeper.h"
#include "alarms/alarm_sound.h"
#include "alarms/alarm_style.h"
#include "alarms/severity_lights.h"
#include "cache/cache_reader.h"
#include "domain/tmf_codec.h"
#include "isolated_settings.h"
#include "language_manager.h"
#include "main_window.h"
#include "status_notices.h"
#include "sync/local_actions.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QUuid>
#include <algorithm>
#include <memory>

using namespace noc;
using namespace noc::alarmtest;

namespace {

// With NOC_SCREENSHOT_DIR set, the rendered console is saved for a person to look at. The list's row
// text arrives from the model's text thread: unless `pendingText`, it is painted, waited for and
// painted again, so that the picture shows the text and not its placeholders.
void saveScreenshot(QWidget &widget, const QString &name, bool pendingText = false) {
    const QString dir = qEnvironmentVariable("NOC_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    // Lay out what a language switch just changed (posted layout requests, child before parent), and
    // nothing else: the text answers the placeholder shot must not see stay queued.
    for (int pass = 0; pass < 3; ++pass)
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    if (!pendingText) {
        (void)widget.grab();
        const auto models = widget.findChildren<AlarmTableModel *>();
        QTRY_VERIFY(std::none_of(models.cbegin(), models.cend(),
                                 [](const AlarmTableModel *m) { return m->isTextPending(); }));
    }
    QVERIFY(widget.grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

// The lower part of a main window (the last rows of the list and the status bar), for the guide.
void saveStatusBarShot(QMainWindow &window, const QString &name) {
    const QString dir = qEnvironmentVariable("NOC_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QCoreApplication::processEvents();
    const QImage whole = window.grab().toImage();
    const int height = window.statusBar()->height() + 140;
    QVERIFY(whole
                .copy(0, whole.height() - height * whole.devicePixelRatio(), whole.width(),
                      height * whole.devicePixelRatio())
                .save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

// A console on a real cache whose submit applies the batch with the real writer and feeds the
// ChangeSet back, as SyncSession does (minus the server).
struct Console {
    explicit Console(int alarms, Role role = Role::Engineer)
        : cache(alarms) {
        widget = std::make_unique<AlarmConsole>(
            cache.path,
            [this](const CacheBatch &b) {
                ++submits;
                widget->onCommitted(cache.apply(b));
            },
            role, QStringLiteral("tester"));
        widget->model()->setUpdateInterval(0);
        widget->filterBar()->setDebounce(0);
        widget->resize(1400, 600);
    }
    // Exports the list (or the selection) to `file` and waits for the worker writing it: true when
    // the file was written in full.
    bool exportTo(const QString &file) {
        QSignalSpy done(widget.get(), &AlarmConsole::exportFinished);
        widget->setNextExportFileName(file);
        widget->action(AlarmConsole::Action::ExportCsv)->trigger();
        return done.wait(10000) && done.first().at(1).toBool();
    }
    bool waitLoaded() {
        QSignalSpy finished(widget->model(), &AlarmTableModel::queryFinished);
        return !widget->model()->isLoading() || finished.wait(10000);
    }
    void selectRows(int first, int last) {
        QTableView *v = widget->view();
        v->selectionModel()->select(QItemSelection(widget->model()->index(first, 0),
                                                   widget->model()->index(last, int(AlarmColumn::Count) - 1)),
                                    QItemSelectionModel::ClearAndSelect);
        v->selectionModel()->setCurrentIndex(widget->model()->index(first, 0), QItemSelectionModel::NoUpdate);
    }
    TestCache cache;
    std::unique_ptr<AlarmConsole> widget;
    int submits = 0; // batches the console submitted
};

// A fibre cut: a critical root cause on NE-1 and `children` major alarms correlated to it.
QString addFibreCut(Console &console, int children) {
    CacheBatch b;
    Alarm root = makeAlarm(900);
    root.isRootCause = true;
    root.alarmedObjectId = QStringLiteral("NE-1");
    root.probableCause = QStringLiteral("lossOfSignal");
    root.specificProblem = QStringLiteral("Fibre cut: LOS on line port");
    root.ackState = AckState::Unacknowledged;
    b.alarms.append(root);
    for (int i = 0; i < children; ++i) {
        Alarm child = makeAlarm(901 + i);
        child.perceivedSeverity = Severity::Major;
        child.probableCause = QStringLiteral("linkDown");
        child.specificProblem = QStringLiteral("Uplink down, element isolated");
        child.parentAlarmIds = {root.id};
        b.alarms.append(child);
    }
    // Told to the console as SyncSession would: its index may have loaded before these arrived.
    console.widget->onCommitted(console.cache.apply(b));
    return root.id;
}

} // namespace

class AlarmConsoleTest : public QObject {
    Q_OBJECT
    // The console saves its column layout, tree mode, views, sound and language: tests must neither
    // read nor change the user's, nor another running copy's, nor the last test function's.
    test::IsolatedSettings m_settings;

private slots:
    void initTestCase() {
        QVERIFY(m_settings.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("noc-console-alarm-tests"));
    }
    void init() { test::IsolatedSettings::reset(); }

    void lightsCountActiveAlarmsAndClickFilters() {
        // Given 100 active alarms, 20 of them critical (15 unacknowledged)
        Console c(100);
        QVERIFY(c.waitLoaded());
        QToolButton *critical = c.widget->lights()->light(0);
        QVERIFY(critical->text().contains(QStringLiteral("20")));
        QVERIFY(critical->text().contains(QStringLiteral("15")));
        QCOMPARE(c.widget->unacknowledgedCritical(), 15);
        // When the critical light is clicked
        QSignalSpy finished(c.widget->model(), &AlarmTableModel::queryFinished);
        critical->click();
        QVERIFY(finished.wait(5000));
        // Then only critical alarms are listed
        QCOMPARE(c.widget->model()->rowCount(), 20);
        for (int r = 0; r < 20; ++r)
            QCOMPARE(c.widget->model()
                         ->data(c.widget->model()->index(r, 0), AlarmTableModel::SeverityCodeRole)
                         .toInt(),
                     0);
        // When it is clicked again, every severity is back
        critical->click();
        QVERIFY(finished.wait(5000));
        QCOMPARE(c.widget->model()->rowCount(), 100);
    }

    void searchFieldFiltersByFreeText() {
        // Given the console
        Console c(100);
        QVERIFY(c.waitLoaded());
        // When "power" is typed in the search field
        QSignalSpy finished(c.widget->model(), &AlarmTableModel::queryFinished);
        QTest::keyClicks(c.widget->searchField(), QStringLiteral("power"));
        QVERIFY(finished.wait(5000));
        // Then the list holds the 25 power problems
        QCOMPARE(c.widget->model()->rowCount(), 25);
        // When the map asks for one element's alarms, filters combine
        c.widget->filterToElement(QStringLiteral("NE-1"));
        QVERIFY(finished.wait(5000));
        QCOMPARE(c.widget->model()->rowCount(), 5);
        c.widget->clearFilters();
        QVERIFY(finished.wait(5000));
        QCOMPARE(c.widget->model()->rowCount(), 100);
    }

    void acknowledgeReachesOutboxAndRowsShowPending() {
        // Given three unacknowledged alarms selected
        Console c(30);
        QVERIFY(c.waitLoaded());
        c.widget->show();
        QApplication::setActiveWindow(c.widget.get());
        QVERIFY(QTest::qWaitForWindowActive(c.widget.get()));
        c.widget->view()->setFocus();
        QList<int> rows;
        for (int r = 0; r < c.widget->model()->rowCount() && rows.size() < 3; ++r)
            if (!c.widget->model()->data(c.widget->model()->index(r, 0), AlarmTableModel::AckedRole).toBool())
                rows.append(r);
        QCOMPARE(rows.size(), 3);
        c.selectRows(rows.first(), rows.first());
        QStringList ids{c.widget->model()->alarmId(rows.first())};
        QAction *ack = c.widget->action(AlarmConsole::Action::Acknowledge);
        QVERIFY(ack->isEnabled());
        QSignalSpy updated(c.widget->model(), &AlarmTableModel::rowsUpdated);
        // When Acknowledge is triggered by its shortcut
        QTest::keyClick(c.widget->view(), Qt::Key_K, Qt::ControlModifier);
        QVERIFY(updated.wait(5000));
        // Then the outbox holds the request and the row is acknowledged with a pending mark
        CacheReader reader;
        QVERIFY(reader.open(c.cache.path));
        const QList<OutboxEntry> outbox = reader.outbox();
        QVERIFY(!outbox.isEmpty());
        QCOMPARE(outbox.first().targetId, ids.first());
        const int row = c.widget->model()->rowOf(ids.first());
        QVERIFY(
            c.widget->model()->data(c.widget->model()->index(row, 0), AlarmTableModel::AckedRole).toBool());
        QVERIFY(
            c.widget->model()->data(c.widget->model()->index(row, 0), AlarmTableModel::PendingRole).toBool());
        QVERIFY(reader.isAlarmPending(ids.first()));
        saveScreenshot(*c.widget, QStringLiteral("alarms_pending"));
    }

    void commentAndClearGoThroughOutbox() {
        // Given two selected alarms
        Console c(10);
        QVERIFY(c.waitLoaded());
        c.widget->setClearedLingerMs(0); // cleared alarms leave the active list at once
        QVERIFY(c.waitLoaded());
        c.selectRows(0, 1);
        const QString first = c.widget->model()->alarmId(0);
        // When a comment is added and then they are cleared
        c.widget->setNextComment(QStringLiteral("fibre cut, crew dispatched"));
        c.widget->action(AlarmConsole::Action::Comment)->trigger();
        CacheReader reader;
        QVERIFY(reader.open(c.cache.path));
        QTRY_VERIFY(!reader.alarm(first)->comments.isEmpty());
        QTRY_VERIFY(!c.widget->isActionRunning()); // the alarm actions wait while one is read
        c.widget->action(AlarmConsole::Action::Clear)->trigger();
        // (the actions read the selection on a worker: the list may still be updating for the
        // comment when the clear is submitted)
        QTRY_VERIFY(!c.widget->isActionRunning());
        // Then both requests are in the outbox, and the cleared alarms left the active list
        QVERIFY(reader.outbox().size() >= 4);
        QCOMPARE(reader.alarm(first)->comments.first().comment, QStringLiteral("fibre cut, crew dispatched"));
        QTRY_COMPARE(c.widget->model()->rowCount(), 8);
        QCOMPARE(c.widget->model()->rowOf(first), -1);
        c.widget->setClearedLingerMs(300'000);
    }

    void aLargeSelectionIsAcknowledgedOffTheGuiThreadOncePerAlarm() {
        // Given 6,000 alarms, all selected; every 4th is acknowledged already
        Console c(6000);
        QVERIFY(c.waitLoaded());
        QCOMPARE(c.widget->model()->rowCount(), 6000);
        c.widget->view()->selectAll();
        QSet<QString> unacknowledged;
        for (int i = 0; i < 6000; ++i)
            if (makeAlarm(i).ackState == AckState::Unacknowledged)
                unacknowledged.insert(makeAlarm(i).id);
        QCOMPARE(unacknowledged.size(), 4500);
        QAction *ack = c.widget->action(AlarmConsole::Action::Acknowledge);
        QVERIFY(ack->isEnabled());
        // When Acknowledge is clicked
        ack->trigger();
        // Then the click returns before the alarms are read: nothing is submitted yet, and the alarm
        // actions wait disabled, saying why (copy and export stay usable)
        QVERIFY(c.widget->isActionRunning());
        CacheReader reader;
        QVERIFY(reader.open(c.cache.path));
        QVERIFY(reader.outbox().isEmpty());
        QVERIFY(!ack->isEnabled());
        QCOMPARE(ack->toolTip(), QStringLiteral("Working on the selected alarms…"));
        QVERIFY(!c.widget->action(AlarmConsole::Action::Clear)->isEnabled());
        QVERIFY(c.widget->action(AlarmConsole::Action::Copy)->isEnabled());
        QVERIFY(c.widget->action(AlarmConsole::Action::ExportCsv)->isEnabled());
        // And a second press of the shortcut meanwhile adds nothing
        QTest::keyClick(c.widget->view(), Qt::Key_K, Qt::ControlModifier);
        // And when the alarms are read, every unacknowledged one has exactly one request in the outbox
        QTRY_VERIFY_WITH_TIMEOUT(!c.widget->isActionRunning(), 30000);
        const QList<OutboxEntry> outbox = reader.outbox();
        QCOMPARE(outbox.size(), unacknowledged.size());
        QSet<QString> targets;
        for (const OutboxEntry &entry : outbox) {
            QCOMPARE(entry.kind, QStringLiteral("alarm.ack"));
            targets.insert(entry.targetId);
        }
        QCOMPARE(targets, unacknowledged);
        QVERIFY(reader.isAlarmPending(makeAlarm(1).id));
        QVERIFY(ack->isEnabled());
        // And acknowledging them again sends nothing more
        ack->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!c.widget->isActionRunning(), 30000);
        QCOMPARE(reader.outbox().size(), unacknowledged.size());
    }

    void aLargeSelectionIsSubmittedInPartsEachAlarmOnceInListOrder() {
        // Given 3,000 alarms, all selected, and actions taken in parts of 700 alarms
        Console c(3000);
        QVERIFY(c.waitLoaded());
        c.widget->setActionPartSize(700);
        c.widget->view()->selectAll();
        AlarmTableModel *model = c.widget->model();
        QStringList unacknowledged; // in list order
        for (int row = 0; row < model->rowCount(); ++row)
            if (!model->data(model->index(row, 0), AlarmTableModel::AckedRole).toBool())
                unacknowledged.append(model->alarmId(row));
        QVERIFY(unacknowledged.size() > 2000);
        // When Acknowledge is clicked
        c.widget->action(AlarmConsole::Action::Acknowledge)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!c.widget->isActionRunning(), 30000);
        // Then the selection went in five parts, and the outbox holds one request per unacknowledged
        // alarm, sent in list order
        QCOMPARE(c.submits, 5);
        CacheReader reader;
        QVERIFY(reader.open(c.cache.path));
        QStringList sent;
        for (const OutboxEntry &entry : reader.outbox())
            sent.append(entry.targetId);
        QCOMPARE(sent, unacknowledged);
        QStringList pending = reader.pendingAlarmIds();
        pending.sort();
        QStringList expected = unacknowledged;
        expected.sort();
        QCOMPARE(pending, expected);
    }

    void aLargeSelectionStaysOnItsAlarmsWhenAnUpdateMovesThemWithoutAPersistentIndexPerRow() {
        // Given 6,000 alarms, 3,500 of them selected in two ranges, and a current row
        Console c(6000);
        QVERIFY(c.waitLoaded());
        AlarmTableModel *model = c.widget->model();
        QItemSelectionModel *selection = c.widget->view()->selectionModel();
        c.selectRows(100, 2599);
        selection->select(
            QItemSelection(model->index(4000, 0), model->index(4999, int(AlarmColumn::Count) - 1)),
            QItemSelectionModel::Select);
        const QString current = model->alarmId(150);
        selection->setCurrentIndex(model->index(150, 0), QItemSelectionModel::NoUpdate);
        const auto selectedIds = [&] {
            QSet<QString> ids;
            for (const QModelIndex &idx : selection->selectedRows())
                ids.insert(model->alarmId(idx.row()));
            return ids;
        };
        const QSet<QString> before = selectedIds();
        QCOMPARE(before.size(), 3500);
        // When an update changes 300 alarms spread over the list, selected or not, so that they move to
        // the top of their severity (newest change first)
        int persistentDuringChange = -1;
        QSignalSpy layouts(model, &QAbstractItemModel::layoutChanged);
        connect(model, &QAbstractItemModel::layoutAboutToBeChanged, this,
                [&] { persistentDuringChange = int(model->persistentIndexCount()); });
        QList<Alarm> changed;
        for (int i = 0; i < 6000; i += 7) {
            Alarm a = makeAlarm(i);
            a.alarmChangedTime = kBase + 10'000'000LL + i;
            a.specificProblem = QStringLiteral("Changed %1").arg(i);
            changed.append(a);
        }
        QString movedSelected, movedUnselected; // one of each, and where they were
        int movedSelectedRow = -1, movedUnselectedRow = -1;
        for (const Alarm &a : changed) {
            const int row = model->rowOf(a.id);
            if (selection->isRowSelected(row, {}) && movedSelected.isEmpty() && row > 500) {
                movedSelected = a.id;
                movedSelectedRow = row;
            } else if (!selection->isRowSelected(row, {}) && movedUnselected.isEmpty() && row > 500) {
                movedUnselected = a.id;
                movedUnselectedRow = row;
            }
        }
        QVERIFY(!movedSelected.isEmpty() && !movedUnselected.isEmpty());
        c.widget->onCommitted(c.cache.apply(batchOf(changed)));
        QTRY_VERIFY_WITH_TIMEOUT(layouts.size() > 0 && persistentDuringChange >= 0, 10000);
        // Then the same alarms are selected, wherever they are now, and the current row is on its alarm
        QTRY_COMPARE_WITH_TIMEOUT(selectedIds(), before, 10000);
        QCOMPARE(model->alarmId(c.widget->view()->currentIndex().row()), current);
        QVERIFY(model->rowOf(movedSelected) < movedSelectedRow);
        QVERIFY(selection->isRowSelected(model->rowOf(movedSelected), {}));
        QVERIFY(model->rowOf(movedUnselected) < movedUnselectedRow);
        QVERIFY(!selection->isRowSelected(model->rowOf(movedUnselected), {}));
        // And the selection model did not hold a persistent index per selected row meanwhile (Qt's own
        // way: one per row, sorted and merged again; 300-500 ms for a select-all of 400,000)
        QVERIFY2(persistentDuringChange < 10, qPrintable(QString::number(persistentDuringChange)));
        QCOMPARE(c.widget->view()->findChild<AlarmSelectionKeeper *>()->keptCount(), int(layouts.size()));
        c.widget->view()->scrollToTop();
        saveScreenshot(*c.widget, QStringLiteral("alarms_selection_kept"));
    }

    void selectedAlarmsThatMoveInASmallUpdateStaySelected_data() {
        QTest::addColumn<int>("first");
        QTest::addColumn<int>("last");
        QTest::newRow("all 6,000 rows (the keeper's way)") << 0 << 5999;
        QTest::newRow("a block of 500 rows (Qt's way)") << 1000 << 1499;
    }
    void selectedAlarmsThatMoveInASmallUpdateStaySelected() {
        QFETCH(int, first);
        QFETCH(int, last);
        // Given 6,000 alarms and a block of rows selected: one selection range, which holds persistent
        // indexes at its first and last cells only
        Console c(6000);
        QVERIFY(c.waitLoaded());
        AlarmTableModel *model = c.widget->model();
        QItemSelectionModel *selection = c.widget->view()->selectionModel();
        c.selectRows(first, last);
        // When two selected alarms in the middle of the block and the one at row 5,900 change so that
        // they move up (a few places of the list: rows removed and inserted, no layout change of the list)
        const int middle = (first + last) / 2;
        const QStringList moving = {model->alarmId(middle), model->alarmId(middle + 7), model->alarmId(5900)};
        QList<Alarm> changed;
        for (const QString &id : moving) {
            Alarm a = makeAlarm(id.mid(4).toInt());
            a.alarmChangedTime = kBase + 10'000'000LL;
            changed.append(a);
        }
        c.widget->onCommitted(c.cache.apply(batchOf(changed)));
        QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(moving[0]) < middle, 10000);
        // Then the moved alarms that were selected still are, the one from row 5,900 only if it was, and
        // so are all the others
        QVERIFY(selection->isRowSelected(model->rowOf(moving[0]), {}));
        QVERIFY(selection->isRowSelected(model->rowOf(moving[1]), {}));
        QCOMPARE(selection->isRowSelected(model->rowOf(moving[2]), {}), last >= 5900);
        QCOMPARE(selection->selectedRows().size(), last - first + 1);
    }

    void acknowledgeRequestsAreTheirJsonWithTimeOrderedKeys() {
        // Given alarms whose ids JSON writes as they are, and ones it escapes
        QList<Alarm> alarms;
        for (const QString &id :
             {QStringLiteral("ALM-1"), QStringLiteral("ALM \"quoted\""), QStringLiteral("ALM\\back"),
              QStringLiteral("ALM-\u00e9t\u00e9-\u544a\u8b66"), QStringLiteral("ALM\tTab"),
              QStringLiteral("ALM-2")}) {
            Alarm a;
            a.id = id;
            alarms.append(a);
        }
        // When they are acknowledged
        const actions::Context context{QStringLiteral("alice \"night\""), QStringLiteral("noc-console"), 0};
        const CacheBatch batch = actions::acknowledgeAlarms(alarms, context);
        // Then each request is the JSON of the PATCH of its alarm, byte for byte as QJsonDocument writes it
        QCOMPARE(batch.outboxInserts.size(), alarms.size());
        const QJsonObject body{
            {"ackState", "acknowledged"}, {"ackUserId", context.userId}, {"ackSystemId", context.systemId}};
        QString previous;
        for (int i = 0; i < alarms.size(); ++i) {
            const OutboxEntry &entry = batch.outboxInserts[i];
            const QJsonObject request{{"api", "alarm"},
                                      {"method", "PATCH"},
                                      {"path", QStringLiteral("/alarm/") + alarms[i].id},
                                      {"body", body},
                                      {"contentType", "application/merge-patch+json"}};
            QCOMPARE(entry.payload, QJsonDocument(request).toJson(QJsonDocument::Compact));
            QCOMPARE(entry.targetId, alarms[i].id);
            // And its key is a version 7 UUID, unique, not before the one made before it
            const QUuid key(entry.uuid);
            QVERIFY(!key.isNull());
            QCOMPARE(key.variant(), QUuid::DCE);
            QCOMPARE(entry.uuid.at(14), QLatin1Char('7')); // the version (QUuid 6.4 knows 1 to 5 only)
            QVERIFY(entry.uuid.left(13) >= previous.left(13));
            QVERIFY(entry.uuid != previous);
            previous = entry.uuid;
        }
    }

    void commentRequestsAreTheirJson() {
        // Given alarms whose ids JSON writes as they are, and ones it escapes
        QList<Alarm> alarms;
        for (const QString &id :
             {QStringLiteral("ALM-1"), QStringLiteral("ALM \"quoted\""),
              QStringLiteral("ALM-\u00e9t\u00e9-\u544a\u8b66"), QStringLiteral("ALM-2")}) {
            Alarm a;
            a.id = id;
            a.comments.append(
                {QStringLiteral("bob"), QStringLiteral("ems"), 1000, QStringLiteral("earlier")});
            alarms.append(a);
        }
        // When they get a plain comment, and one with quotes, a line break, Chinese text and the shape of
        // the marker the requests are spliced around
        const actions::Context context{QStringLiteral("alice"), QStringLiteral("noc-console"),
                                       1'700'000'000'000};
        for (const QString &text : {QStringLiteral("fibre spliced, watching"),
                                    QStringLiteral("fibre \"spliced\"\n\u5149\u7ea4 @@noc-alarm-id@@")}) {
            const CacheBatch batch = actions::commentAlarms(alarms, text, context);
            // Then each request is the JSON of the task for its alarm, byte for byte as QJsonDocument
            // writes it
            QCOMPARE(batch.outboxInserts.size(), alarms.size());
            const QJsonObject comment{{"userId", context.userId},
                                      {"systemId", context.systemId},
                                      {"time", tmf::formatTime(context.nowMs)},
                                      {"comment", text}};
            for (int i = 0; i < alarms.size(); ++i) {
                const OutboxEntry &entry = batch.outboxInserts[i];
                const QJsonObject body{{"comment", comment},
                                       {"alarmPattern", QJsonArray{QJsonObject{{"id", alarms[i].id}}}}};
                const QJsonObject request{{"api", "alarm"},
                                          {"method", "POST"},
                                          {"path", "/commentAlarms"},
                                          {"body", body},
                                          {"contentType", "application/json"}};
                QCOMPARE(entry.payload, QJsonDocument(request).toJson(QJsonDocument::Compact));
                QCOMPARE(entry.kind, QStringLiteral("alarm.comment"));
                QCOMPARE(entry.targetId, alarms[i].id);
                QCOMPARE(entry.createdMs, context.nowMs);
                // And the alarm keeps its earlier comment and shows the new one, pending
                QCOMPARE(batch.alarms[i].comments.size(), 2);
                QCOMPARE(batch.alarms[i].comments.last().comment, text);
                QVERIFY(batch.pendingAlarmIds.contains(alarms[i].id));
            }
        }
    }

    void createTicketGetsTheSelectedAlarmsInListOrder() {
        // Given two selected rows
        Console c(10);
        QVERIFY(c.waitLoaded());
        c.selectRows(2, 3);
        const QStringList ids{c.widget->model()->alarmId(2), c.widget->model()->alarmId(3)};
        QSignalSpy requested(c.widget.get(), &AlarmConsole::createTicketRequested);
        // When Create ticket is clicked
        c.widget->action(AlarmConsole::Action::CreateTicket)->trigger();
        // Then the ticket editor is asked for with both alarms, read from the cache
        QVERIFY(requested.wait(5000));
        const auto alarms = requested.first().first().value<QList<Alarm>>();
        QCOMPARE(alarms.size(), 2);
        QCOMPARE(alarms[0].id, ids[0]);
        QCOMPARE(alarms[1].id, ids[1]);
        QCOMPARE(alarms[0].specificProblem, makeAlarm(ids[0].mid(4).toInt()).specificProblem);
        CacheReader reader;
        QVERIFY(reader.open(c.cache.path));
        QVERIFY(reader.outbox().isEmpty());
    }

    void roleWithoutPermissionDisablesActionsAndSaysWhy() {
        // Given an auditor's console with a selection
        Console c(10, Role::Auditor);
        QVERIFY(c.waitLoaded());
        c.selectRows(0, 0);
        // Then acknowledge and clear are disabled with the role's reason; copy is available
        QAction *ack = c.widget->action(AlarmConsole::Action::Acknowledge);
        QVERIFY(!ack->isEnabled());
        QCOMPARE(ack->toolTip(), refusalReason(Role::Auditor, Permission::AcknowledgeAlarm));
        QVERIFY(!c.widget->action(AlarmConsole::Action::Clear)->isEnabled());
        QVERIFY(c.widget->action(AlarmConsole::Action::Copy)->isEnabled());
        // And triggering the shortcut writes nothing
        QTest::keyClick(c.widget->view(), Qt::Key_K, Qt::ControlModifier);
        CacheReader reader;
        QVERIFY(reader.open(c.cache.path));
        QVERIFY(reader.outbox().isEmpty());
    }

    void exportWritesSelectedRowsAsCsv() {
        // Given two selected rows
        Console c(10);
        QVERIFY(c.waitLoaded());
        c.selectRows(0, 1);
        QTemporaryDir out;
        const QString file = out.filePath(QStringLiteral("alarms.csv"));
        // When exported
        QVERIFY(c.exportTo(file));
        // Then the file has a header and the two alarms
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith(QStringLiteral("Alarm id,Severity")));
        QVERIFY(lines[1].startsWith(c.widget->model()->alarmId(0) + QStringLiteral(",Critical")));
    }

    void aWrittenExportIsConfirmedInTheStatusBar() {
        // Given the console in the main window, wired as app/view_wiring.cpp does, with 3 rows selected
        // (the window first: it owns the console, which the Console helper deletes first)
        LanguageManager languages;
        MainWindow window(&languages);
        Console c(40);
        window.setAlarmsView(c.widget.get());
        connect(c.widget.get(), &AlarmConsole::notice, &window, &MainWindow::showNotice);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(c.waitLoaded());
        c.selectRows(0, 2);
        QTemporaryDir out;
        const QString file = out.filePath(QStringLiteral("night shift.csv"));
        QSignalSpy notices(c.widget.get(), &AlarmConsole::notice);
        // When the selection is exported
        QVERIFY(c.exportTo(file));
        // Then the status bar says how many alarms went where, and nothing waits to be closed
        QCOMPARE(notices.size(), 1);
        const QString expected =
            QStringLiteral("Exported 3 alarms to %1").arg(QDir::toNativeSeparators(file));
        QCOMPARE(window.notices()->currentText(), expected);
        QVERIFY(!c.widget->findChild<QMessageBox *>());
        saveStatusBarShot(window, QStringLiteral("alarms_export_done_en"));
        // And the whole list (nothing selected)
        c.widget->view()->clearSelection();
        QVERIFY(c.exportTo(file));
        QCOMPARE(window.notices()->currentText(),
                 QStringLiteral("Exported 40 alarms to %1").arg(QDir::toNativeSeparators(file)));
        // And in Chinese
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        c.selectRows(0, 0);
        QVERIFY(c.exportTo(file));
        QVERIFY2(window.notices()->currentText().startsWith(QStringLiteral("已导出 1 条告警")),
                 qPrintable(window.notices()->currentText()));
        saveStatusBarShot(window, QStringLiteral("alarms_export_done_zh_CN"));
        languages.setLanguage(QStringLiteral("en"));
        // And a failure does not leave a success line behind
        window.notices()->clearCurrent();
        QVERIFY(!c.exportTo(out.filePath(QStringLiteral("gone/alarms.csv"))));
        QCOMPARE(notices.size(), 3);
        QVERIFY(window.notices()->currentText().isEmpty());
    }

    void anExportThatCannotBeWrittenSaysSoAndWhere() {
        // Given a console and a file in a directory that does not exist
        Console c(10);
        QVERIFY(c.waitLoaded());
        QTemporaryDir out;
        const QString file = out.filePath(QStringLiteral("gone/alarms.csv"));
        // When the list is exported there
        QVERIFY(!c.exportTo(file));
        // Then a warning names the file, and the console goes on
        auto *box = c.widget->findChild<QMessageBox *>(QStringLiteral("alarmExportFailed"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(QDir::toNativeSeparators(file)), qPrintable(box->text()));
        QVERIFY(!QFile::exists(file));
        saveScreenshot(*box, QStringLiteral("alarms_export_failed_en"));
        box->close(); // deletes itself
        QTRY_VERIFY(!c.widget->findChild<QMessageBox *>(QStringLiteral("alarmExportFailed")));
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        QVERIFY(!c.exportTo(file));
        box = c.widget->findChild<QMessageBox *>(QStringLiteral("alarmExportFailed"));
        QVERIFY(box);
        QVERIFY2(box->text().startsWith(QStringLiteral("无法将告警写入")), qPrintable(box->text()));
        saveScreenshot(*box, QStringLiteral("alarms_export_failed_zh_CN"));
        box->close();
        languages.setLanguage(QStringLiteral("en"));
    }

    void detailsShowTheCurrentAlarmAndShowOnMap() {
        // Given a console and its details pane
        Console c(10);
        QVERIFY(c.waitLoaded());
        QSignalSpy map(c.widget.get(), &AlarmConsole::showOnMap);
        // When a row becomes current
        c.selectRows(0, 0);
        // Then the details name the alarm, its element and site
        const QString text = c.widget->detailsView()->plainText();
        QVERIFY2(text.contains(c.widget->model()->alarmId(0)), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Hilltop Tower")));
        // And "show on map" names the element
        c.widget->action(AlarmConsole::Action::ShowOnMap)->trigger();
        QCOMPARE(map.size(), 1);
        QCOMPARE(map.first().first().toString(), QStringLiteral("NE-5"));
    }

    void newCriticalAlarmRingsUntilAcknowledged() {
        // Given a console with a short repeat
        Console c(5);
        QVERIFY(c.waitLoaded());
        AlarmSoundPlayer *player = c.widget->soundPlayer();
        player->setMuted(false);
        player->setVolume(60);
        c.widget->attention()->setRepeatInterval(50);
        QSignalSpy ring(c.widget->attention(), &AlarmAttention::ring);
        QSignalSpy played(player, &AlarmSoundPlayer::played);
        // When a new unacknowledged critical alarm arrives
        Alarm a = makeAlarm(700); // 700 % 5 == 0: critical, 700 % 4 == 0 would be acked: make it not
        a.ackState = AckState::Unacknowledged;
        a.ackUserId.clear();
        c.widget->onCommitted(c.cache.apply(batchOf({a})));
        // Then it rings at once (after one read on the attention thread) and again while it waits,
        // each time with a sound (the critical tone, or the bell on a machine without an audio device)
        QTRY_VERIFY(!ring.isEmpty());
        QCOMPARE(ring.first().first().toInt(), 0);
        QTRY_VERIFY(ring.size() >= 3);
        QCOMPARE(played.size(), ring.size());
        const auto sounding =
            player->hasAudioOutput() ? AlarmSoundPlayer::Outcome::Tone : AlarmSoundPlayer::Outcome::Bell;
        QCOMPARE(played.first().at(1).value<AlarmSoundPlayer::Outcome>(), sounding);
        // When muted, it still calls for attention but makes no sound
        const int made = player->soundsMade();
        QVERIFY(made >= 3);
        c.widget->findChild<QToolButton *>(QStringLiteral("alarmSound"))->click();
        QVERIFY(player->isMuted());
        const int ringsBefore = int(ring.size());
        QTRY_VERIFY(ring.size() >= ringsBefore + 2);
        QCOMPARE(player->soundsMade(), made);
        QCOMPARE(played.last().at(1).value<AlarmSoundPlayer::Outcome>(), AlarmSoundPlayer::Outcome::Silent);
        // When it is acknowledged, the ringing stops
        Alarm acked = a;
        acked.ackState = AckState::Acknowledged;
        c.widget->onCommitted(c.cache.apply(batchOf({acked})));
        QTRY_COMPARE(c.widget->attention()->waiting(), 0);
        const int rings = int(ring.size());
        QTest::qWait(200);
        QCOMPARE(int(ring.size()), rings);
        player->setMuted(false);
    }

    void attentionFollowsCommitsItHasNotAnsweredYet() {
        // Given a console
        Console c(5);
        QVERIFY(c.waitLoaded());
        AlarmAttention *attention = c.widget->attention();
        QSignalSpy ring(attention, &AlarmAttention::ring);
        // When 200 new unacknowledged major alarms arrive, and the next commit (before the attention
        // thread has answered the first) acknowledges all but one of them
        QList<Alarm> fresh;
        for (int i = 0; i < 200; ++i) {
            Alarm a = makeAlarm(1001 + i * 5); // major
            a.ackState = AckState::Unacknowledged;
            a.ackUserId.clear();
            fresh.append(a);
        }
        c.widget->onCommitted(c.cache.apply(batchOf(fresh)));
        QList<Alarm> acked = fresh.mid(1);
        for (Alarm &a : acked)
            a.ackState = AckState::Acknowledged;
        c.widget->onCommitted(c.cache.apply(batchOf(acked)));
        // Then one alarm waits and it rang for a major alarm
        QTRY_COMPARE(attention->waiting(), 1);
        QTRY_VERIFY(!ring.isEmpty());
        QCOMPARE(ring.first().first().toInt(), 1);
        // When it is removed from the cache, nothing waits any more
        CacheBatch gone;
        gone.removedAlarmIds.append(fresh.first().id);
        c.widget->onCommitted(c.cache.apply(gone));
        QTRY_COMPARE(attention->waiting(), 0);
    }

    void soundDecisionsAndGeneratedTones() {
        // Given the player (sound on, some volume)
        AlarmSoundPlayer player;
        player.setMuted(false);
        player.setVolume(50);
        const auto sounding =
            player.hasAudioOutput() ? AlarmSoundPlayer::Outcome::Tone : AlarmSoundPlayer::Outcome::Bell;
        // Then critical and major sound, the other severities do not
        QCOMPARE(player.decide(0), sounding);
        QCOMPARE(player.decide(1), sounding);
        QCOMPARE(player.decide(2), AlarmSoundPlayer::Outcome::Silent);
        // And volume 0 or mute silence everything, and both are kept for the next start
        player.setVolume(0);
        QCOMPARE(player.decide(0), AlarmSoundPlayer::Outcome::Silent);
        player.setVolume(70);
        player.setMuted(true);
        QCOMPARE(player.decide(0), AlarmSoundPlayer::Outcome::Silent);
        AlarmSoundPlayer next;
        QVERIFY(next.isMuted());
        QCOMPARE(next.volume(), 70);
        player.setMuted(false);
        // And the tones are real WAV files, different per severity
        const QByteArray critical = alarmToneWav(0), major = alarmToneWav(1);
        QVERIFY(critical.startsWith("RIFF") && critical.mid(8, 4) == "WAVE");
        QVERIFY(critical.size() > 20'000 && major.size() > 10'000);
        QVERIFY(critical != major);
        QVERIFY(alarmToneWav(2).isEmpty());
    }

    void alarmTypeTimeRangeAndPlaceFilters() {
        // Given 100 communications alarms raised at kBase + i s, and three equipment alarms raised now
        Console c(100);
        QVERIFY(c.waitLoaded());
        QList<Alarm> fresh;
        for (int i = 0; i < 3; ++i) {
            Alarm a = makeAlarm(200 + i);
            a.alarmType = QStringLiteral("equipmentAlarm");
            a.alarmRaisedTime = a.alarmChangedTime = QDateTime::currentMSecsSinceEpoch() - 60'000;
            fresh.append(a);
        }
        QSignalSpy updated(c.widget->model(), &AlarmTableModel::rowsUpdated);
        c.widget->onCommitted(c.cache.apply(batchOf(fresh)));
        QVERIFY(updated.wait(5000));
        QCOMPARE(c.widget->model()->rowCount(), 103);
        AlarmFilterBar *bar = c.widget->filterBar();
        QSignalSpy finished(c.widget->model(), &AlarmTableModel::queryFinished);
        // When the alarm type "Equipment alarm" is chosen
        bar->alarmTypeBox()->setCurrentIndex(bar->alarmTypeBox()->findData(QStringLiteral("equipmentAlarm")));
        QVERIFY(finished.wait(5000));
        QCOMPARE(c.widget->model()->rowCount(), 3);
        QTRY_COMPARE(
            c.widget->model()->data(c.widget->model()->index(0, int(AlarmColumn::AlarmType))).toString(),
            QStringLiteral("Equipment alarm"));
        bar->alarmTypeBox()->setCurrentIndex(0);
        QVERIFY(finished.wait(5000));
        // When "raised in the last hour" is chosen
        bar->timeRangeBox()->setCurrentIndex(int(AlarmFilterState::TimeRange::LastHour));
        QVERIFY(finished.wait(5000));
        QCOMPARE(c.widget->model()->rowCount(), 3);
        QVERIFY(bar->fromEdit()->isHidden());
        // When a custom range is chosen, the from-to fields appear and narrow the list
        bar->timeRangeBox()->setCurrentIndex(int(AlarmFilterState::TimeRange::Custom));
        QVERIFY(finished.wait(5000));
        QVERIFY(!bar->fromEdit()->isHidden());
        bar->fromEdit()->setDateTime(QDateTime::fromMSecsSinceEpoch(kBase + 10'000));
        bar->toEdit()->setDateTime(QDateTime::fromMSecsSinceEpoch(kBase + 70'000));
        QTRY_VERIFY(!c.widget->model()->isLoading() &&
                    c.widget->model()->query().raisedTo == bar->toEdit()->dateTime().toMSecsSinceEpoch() &&
                    c.widget->model()->query().raisedFrom == bar->fromEdit()->dateTime().toMSecsSinceEpoch());
        // The fields show minutes: count what the range they hold covers
        int expected = 0;
        for (int i = 0; i < 100; ++i) {
            const EpochMs t = kBase + i * 1000LL;
            if (t >= c.widget->model()->query().raisedFrom && t <= c.widget->model()->query().raisedTo)
                ++expected;
        }
        QVERIFY(expected > 0 && expected < 100);
        QCOMPARE(c.widget->model()->rowCount(), expected);
        bar->timeRangeBox()->setCurrentIndex(0);
        QVERIFY(finished.wait(5000));
        // When a region is chosen, then one site of the other region
        QComboBox *place = bar->placeBox();
        place->setCurrentIndex(place->findData(QStringLiteral("region:North")));
        QVERIFY(finished.wait(5000));
        QCOMPARE(c.widget->model()->rowCount(), 53); // NE-0..4: 50 of 100, plus ALM-00200..202 on NE-0..2
        place->setCurrentIndex(place->findData(QStringLiteral("site:S-1")));
        QVERIFY(finished.wait(5000));
        QCOMPARE(c.widget->model()->rowCount(), 50);
        for (int r = 0; r < 50; ++r)
            QTRY_COMPARE(
                c.widget->model()->data(c.widget->model()->index(r, int(AlarmColumn::Site))).toString(),
                QStringLiteral("Hilltop Tower"));
    }

    void savedViewsKeepFiltersSortAndColumns() {
        // Given a console filtered to unacknowledged critical alarms of the North, newest raised first,
        // with the Source system column hidden
        Console c(100);
        QVERIFY(c.waitLoaded());
        QSignalSpy finished(c.widget->model(), &AlarmTableModel::queryFinished);
        c.widget->lights()->light(0)->click();
        QVERIFY(finished.wait(5000));
        AlarmFilterState wanted = c.widget->filterBar()->state(c.widget->lights()->checkedMask());
        wanted.ack = AckState::Unacknowledged;
        wanted.region = QStringLiteral("North");
        c.widget->filterBar()->setState(wanted);
        emit c.widget->filterBar()->changed();
        QVERIFY(finished.wait(5000));
        c.widget->view()->sortByColumn(int(AlarmColumn::Raised), Qt::DescendingOrder);
        QVERIFY(finished.wait(5000));
        c.widget->view()->setColumnHidden(int(AlarmColumn::SourceSystem), true);
        const int rows = c.widget->model()->rowCount();
        QCOMPARE(rows, 5); // critical in the North: 10, of them unacknowledged: 5
        const QString first = c.widget->model()->alarmId(0);
        // When it is saved under a name and the filters are cleared
        const QString name = QStringLiteral("North region – critical unacknowledged");
        c.widget->saveView(name);
        QCOMPARE(c.widget->currentView(), name);
        c.widget->clearFilters();
        QVERIFY(finished.wait(5000));
        c.widget->view()->setColumnHidden(int(AlarmColumn::SourceSystem), false);
        c.widget->view()->sortByColumn(int(AlarmColumn::Severity), Qt::AscendingOrder);
        QVERIFY(finished.wait(5000));
        QCOMPARE(c.widget->model()->rowCount(), 100);
        QVERIFY(c.widget->currentView().isEmpty());
        // Then a new console (next start) lists the view and picking it from the menu restores it all
        Console again(100);
        QVERIFY(again.waitLoaded());
        QCOMPARE(again.widget->savedViews(), QStringList{name});
        QSignalSpy againFinished(again.widget->model(), &AlarmTableModel::queryFinished);
        QMenu *menu = again.widget->viewsButton()->menu();
        emit menu->aboutToShow();
        QAction *pick = nullptr;
        for (QAction *a : menu->actions())
            if (a->text() == name)
                pick = a;
        QVERIFY(pick);
        pick->trigger();
        QVERIFY(againFinished.wait(5000));
        QCOMPARE(again.widget->model()->rowCount(), rows);
        QCOMPARE(again.widget->model()->alarmId(0), first);
        QVERIFY(again.widget->view()->isColumnHidden(int(AlarmColumn::SourceSystem)));
        QCOMPARE(again.widget->model()->query().sortColumn, AlarmColumn::Raised);
        QCOMPARE(again.widget->view()->horizontalHeader()->sortIndicatorSection(), int(AlarmColumn::Raised));
        QCOMPARE(again.widget->lights()->checkedMask(), quint8(1));
        QCOMPARE(again.widget->filterBar()->placeBox()->currentData().toString(),
                 QStringLiteral("region:North"));
        QCOMPARE(again.widget->currentView(), name);
        // When renamed: a taken or empty name is refused, a new one kept
        again.widget->saveView(QStringLiteral("Everything"));
        QVERIFY(!again.widget->renameView(name, QStringLiteral("Everything")));
        QVERIFY(!again.widget->renameView(name, QStringLiteral("  ")));
        QVERIFY(again.widget->renameView(name, QStringLiteral("North critical")));
        QCOMPARE(AlarmViewStore().names(),
                 (QStringList{QStringLiteral("North critical"), QStringLiteral("Everything")}));
        // When deleted, it is gone for good
        again.widget->deleteView(QStringLiteral("North critical"));
        QCOMPARE(AlarmViewStore().names(), QStringList{QStringLiteral("Everything")});
        QVERIFY(!again.widget->applyView(QStringLiteral("North critical")));
        again.widget->deleteView(QStringLiteral("Everything"));
    }

    void clearedAlarmFadesThenLeavesTheActiveList() {
        // Given a console keeping cleared alarms 500 ms
        Console c(10);
        QVERIFY(c.waitLoaded());
        c.widget->model()->setExpiryInterval(20);
        c.widget->setClearedLingerMs(500);
        QVERIFY(c.waitLoaded());
        c.selectRows(0, 0);
        const QString id = c.widget->model()->alarmId(0);
        // When the alarm is cleared here
        c.widget->action(AlarmConsole::Action::Clear)->trigger();
        // Then it stays listed, faded, at the end of the active list
        QTRY_COMPARE_WITH_TIMEOUT(c.widget->model()->rowOf(id), 9, 5000);
        const int row = c.widget->model()->rowOf(id);
        QVERIFY(
            !c.widget->model()->data(c.widget->model()->index(row, 0), AlarmTableModel::ActiveRole).toBool());
        QVERIFY(c.widget->model()
                    ->data(c.widget->model()->index(row, 2), Qt::ForegroundRole)
                    .value<QColor>()
                    .isValid());
        // And leaves after the linger time
        QTRY_COMPARE_WITH_TIMEOUT(c.widget->model()->rowOf(id), -1, 5000);
        QCOMPARE(c.widget->model()->rowCount(), 9);
        c.widget->setClearedLingerMs(300'000);
    }

    void headerLineSaysLoadingUntilTheTotalIsKnown() {
        // Given a console just made (its list not answered yet)
        Console c(50);
        auto *shown = c.widget->findChild<QLabel *>(QStringLiteral("alarmShown"));
        QVERIFY(shown);
        QCOMPARE(shown->text(), QStringLiteral("Loading alarms…"));
        // Then, answered, it names the listed and the total
        QVERIFY(c.waitLoaded());
        QCOMPARE(shown->text(), QStringLiteral("50 of 50 alarms listed"));
        // While the first sync is filling the cache there is no total to claim
        SyncStatus status;
        status.phase = SyncPhase::InitialSync;
        c.widget->setSyncStatus(status);
        QCOMPARE(shown->text(), QStringLiteral("50 alarms listed · loading…"));
        status.phase = SyncPhase::Live;
        c.widget->setSyncStatus(status);
        QCOMPARE(shown->text(), QStringLiteral("50 of 50 alarms listed"));
    }

    void freshnessSaysWhatHappensBeforeTheFirstSyncHasFinished() {
        // Given a console on a cache that was never synced
        Console c(5);
        auto *freshness = c.widget->findChild<QLabel *>(QStringLiteral("alarmFreshness"));
        QVERIFY(freshness);
        SyncStatus status;
        // Then while it connects (or waits for the demo's server) it says so, not "never synced"
        status.phase = SyncPhase::Connecting;
        c.widget->setSyncStatus(status);
        QCOMPARE(freshness->text(), QStringLiteral("connecting…"));
        // and while the first download fills the cache
        status.phase = SyncPhase::InitialSync;
        c.widget->setSyncStatus(status);
        QCOMPARE(freshness->text(), QStringLiteral("first sync…"));
        // Offline without any sync it was never synced; once synced, the time of the data
        status.phase = SyncPhase::Offline;
        c.widget->setSyncStatus(status);
        QCOMPARE(freshness->text(), QStringLiteral("never synced"));
        status.phase = SyncPhase::Live;
        status.lastSuccess.insert(QStringLiteral("alarm"), QDateTime::currentMSecsSinceEpoch());
        c.widget->setSyncStatus(status);
        QCOMPARE(freshness->text(), QStringLiteral("live"));
        status.phase = SyncPhase::Connecting;
        c.widget->setSyncStatus(status);
        QVERIFY2(freshness->text().startsWith(QStringLiteral("as of ")) &&
                     freshness->text().endsWith(QStringLiteral(" (just now)")),
                 qPrintable(freshness->text()));
    }

    void chineseUiTranslatesTypesAndCausesAndExportStaysEnglish() {
        // Given the console in Chinese
        Console c(4);
        QVERIFY(c.waitLoaded());
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        QCoreApplication::processEvents();                                     // the LanguageChange events
        const int row = c.widget->model()->rowOf(QStringLiteral("ALM-00000")); // linkDown
        // Then alarm type and probable cause read in Chinese
        QTRY_COMPARE(
            c.widget->model()->data(c.widget->model()->index(row, int(AlarmColumn::AlarmType))).toString(),
            QStringLiteral("通信告警"));
        QTRY_COMPARE(c.widget->model()
                         ->data(c.widget->model()->index(row, int(AlarmColumn::ProbableCause)))
                         .toString(),
                     QStringLiteral("链路中断"));
        QCOMPARE(c.widget->filterBar()->alarmTypeBox()->itemText(
                     c.widget->filterBar()->alarmTypeBox()->findData(QStringLiteral("equipmentAlarm"))),
                 QStringLiteral("设备告警"));
        // And an export is English
        QTemporaryDir out;
        const QString file = out.filePath(QStringLiteral("alarms.csv"));
        QVERIFY(c.exportTo(file));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.startsWith(QStringLiteral("Alarm id,Severity,State")));
        QVERIFY2(text.contains(QStringLiteral(",Communications alarm,Link down,")), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("链路中断")));
        languages.setLanguage(QStringLiteral("en"));
    }

    void treeModeAndHidingChildrenPersistAndTheArrowOpensARoot() {
        // Given a console on a cache with a fibre cut (root cause and four correlated children)
        auto c = std::make_unique<Console>(20);
        QVERIFY(c->waitLoaded());
        const QString root = addFibreCut(*c, 4);
        QTRY_VERIFY(c->widget->model()->rowOf(root) >= 0);
        AlarmTableModel *model = c->widget->model();
        QCOMPARE(model->rowCount(), 25); // flat: every alarm
        // When the user switches to the tree
        QSignalSpy finished(model, &AlarmTableModel::queryFinished);
        c->widget->layoutModeBox()->setCurrentIndex(1);
        QVERIFY(finished.wait(5000));
        // Then the children are nested under the root, which is closed
        QVERIFY(model->query().tree);
        QCOMPARE(model->rowCount(), 21);
        int rootRow = model->rowOf(root);
        QCOMPARE(model->treeNode(rootRow), AlarmTableModel::Collapsed);
        // When the arrow in the root's severity cell is clicked
        c->widget->show();
        QVERIFY(QTest::qWaitForWindowExposed(c->widget.get()));
        QTableView *view = c->widget->view();
        const QRect cell = view->visualRect(model->index(rootRow, int(AlarmColumn::Severity)));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, SeverityDelegate::arrowRect(cell).center());
        // Then the root opens
        QCOMPARE(model->treeNode(rootRow), AlarmTableModel::Expanded);
        QCOMPARE(model->rowCount(), 25);
        // and "-" on a child closes its root
        view->setFocus();
        view->setCurrentIndex(model->index(rootRow + 2, 0));
        QTest::keyClick(view, Qt::Key_Minus);
        QCOMPARE(model->treeNode(rootRow), AlarmTableModel::Collapsed);
        QTest::keyClick(view, Qt::Key_Plus);
        QCOMPARE(model->treeNode(rootRow), AlarmTableModel::Expanded);
        // When correlated children are hidden too, and the console is closed and opened again
        c->widget->hideChildrenBox()->setChecked(true);
        QVERIFY(finished.wait(5000));
        const QString path = c->cache.path;
        c->widget.reset();
        AlarmConsole again(path, {}, Role::Engineer, QStringLiteral("tester"));
        QSignalSpy loaded(again.model(), &AlarmTableModel::queryFinished);
        QVERIFY(loaded.wait(5000));
        // Then both choices are back
        QCOMPARE(again.layoutModeBox()->currentIndex(), 1);
        QVERIFY(again.hideChildrenBox()->isChecked());
        QVERIFY(again.model()->query().tree);
        QVERIFY(again.model()->query().hideCorrelatedChildren);
        QCOMPARE(again.model()->rowCount(), 21);
    }

    void rowsBelowAFirstPageShowNoSeverityUntilTheListFillsIn() {
        // Given a console whose list shows a first page before the whole sorted list
        Console c(1000);
        c.widget->model()->setFirstPageMinRows(0);
        c.widget->show();
        QVERIFY(QTest::qWaitForWindowExposed(c.widget.get()));
        QVERIFY(c.waitLoaded());
        QTableView *v = c.widget->view();
        AlarmTableModel *m = c.widget->model();
        const int last = AlarmIndexWorker::kFirstPageRows - 1; // the page's last row
        // Sampled while the first page is shown, the only time its placeholders are there: the whole
        // list may fill them in at the next turn of the event loop. What the page's last row must
        // show is read then too, not after the list filled in (a change would move rows).
        struct Sample {
            int pages = 0;
            bool placeholder = false;
            QString pageAlarm;
            int pageSeverity = -1;
            QColor pageBadge, placeholderCell, placeholderBackground;
            int severityWidth = 0;
        } seen;
        connect(m, &AlarmTableModel::firstPageReady, this, [&] {
            if (++seen.pages > 1)
                return;
            v->scrollTo(m->index(last - 3, 0), QAbstractItemView::PositionAtTop);
            const QImage shot = v->viewport()->grab().toImage();
            const QRect real = v->visualRect(m->index(last, 0));
            const QRect below = v->visualRect(m->index(last + 2, 0));
            seen.placeholder = m->isPlaceholder(last + 2);
            seen.pageAlarm = m->alarmId(last);
            seen.pageSeverity = int(m->keyAt(last).severity);
            seen.severityWidth = real.width();
            seen.pageBadge = shot.pixelColor(real.right() - 5, real.center().y());
            seen.placeholderCell = shot.pixelColor(below.right() - 5, below.center().y());
            seen.placeholderBackground = shot.pixelColor(v->visualRect(m->index(last + 2, 1)).center());
            saveScreenshot(*c.widget, QStringLiteral("alarm-list-first-page-placeholders"), true);
        });
        // When the list is sorted by raised time, and the whole sorted list has filled in the page
        QSignalSpy finished(m, &AlarmTableModel::queryFinished);
        m->sort(int(AlarmColumn::Raised), Qt::DescendingOrder);
        QVERIFY(finished.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(!m->isLoading() && !m->isPlaceholder(last + 2), 10000);
        // Then there was one first page; its rows had their severity badge, the rows below it none
        // (not a critical-looking badge for an alarm that is not known yet), only the row's background
        QCOMPARE(seen.pages, 1);
        QVERIFY(seen.placeholder);
        QVERIFY2(seen.pageBadge == alarmstyle::severityColor(seen.pageSeverity),
                 qPrintable(QStringLiteral("%1 (severity %2) badge %3 in a column %4 px wide")
                                .arg(seen.pageAlarm)
                                .arg(seen.pageSeverity)
                                .arg(seen.pageBadge.name())
                                .arg(seen.severityWidth)));
        QCOMPARE(seen.placeholderCell, seen.placeholderBackground);
        // and once filled in, the page's rows are the same alarms and the row below has its alarm
        QCOMPARE(m->alarmId(last), seen.pageAlarm);
        QVERIFY(!m->alarmId(last + 2).isEmpty());
    }

    void rowsScrolledIntoViewShowALightPlaceholderUntilTheirTextArrives() {
        // Given a shown console of 3,000 alarms, scrolled to its top
        Console c(3000);
        c.widget->resize(1400, 520);
        c.widget->show();
        QVERIFY(c.waitLoaded());
        QTableView *v = c.widget->view();
        AlarmTableModel *m = c.widget->model();
        QTRY_VERIFY(!m->isTextPending());
        // When the view jumps to rows far from anything read and paints at once
        v->scrollTo(m->index(1500, 0), QAbstractItemView::PositionAtTop);
        const int top = v->rowAt(0);
        QVERIFY(!m->hasText(top));
        const QImage pending = v->viewport()->grab().toImage();
        // Then its text cells show a light "…" (asked for, not waited for) and its badges are there
        QVERIFY(m->isTextPending());
        QCOMPARE(m->data(m->index(top, int(AlarmColumn::Element))).toString(), QStringLiteral("…"));
        const QRect badge = v->visualRect(m->index(top, 0));
        QCOMPARE(pending.pixelColor(badge.right() - 5, badge.center().y()),
                 alarmstyle::severityColor(m->keyAt(top).severity));
        const auto darkestIn = [](const QImage &image, const QRect &r) {
            int darkest = 255;
            for (int y = r.top(); y <= r.bottom(); ++y)
                for (int x = r.left(); x <= r.right(); ++x)
                    darkest = std::min(darkest, image.pixelColor(x, y).lightness());
            return darkest;
        };
        // (inside the grid lines; text is black, a cleared alarm's grey 128, the placeholder's 176)
        const QRect element = v->visualRect(m->index(top, int(AlarmColumn::Element))).adjusted(1, 1, -2, -2);
        QVERIFY2(darkestIn(pending, element) > 150, "the placeholder is lighter than any text");
        saveScreenshot(*c.widget, QStringLiteral("alarms_text_pending_en"), true);
        {
            LanguageManager languages;
            QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
            QCoreApplication::processEvents();
            v->scrollTo(m->index(2500, 0), QAbstractItemView::PositionAtTop);
            saveScreenshot(*c.widget, QStringLiteral("alarms_text_pending_zh_CN"), true);
            languages.setLanguage(QStringLiteral("en"));
        }
        // and when the text has arrived the next paint shows it in the text's colour
        // (the language change may have re-run the query: that drops answers on their way, and the
        // next paint asks again)
        v->scrollTo(m->index(1500, 0), QAbstractItemView::PositionAtTop);
        (void)v->viewport()->grab();
        QTRY_VERIFY(!m->isTextPending());
        QVERIFY(m->hasText(v->rowAt(0)));
        const QImage done = v->viewport()->grab().toImage();
        QVERIFY2(darkestIn(done, v->visualRect(m->index(v->rowAt(0), int(AlarmColumn::Element)))
                                     .adjusted(1, 1, -2, -2)) < 140,
                 "the element's name is drawn in the text's colour");
    }

    void screenshotsOfTheTreeInEnglishAndChinese() {
        if (qEnvironmentVariableIsEmpty("NOC_SCREENSHOT_DIR"))
            QSKIP("set NOC_SCREENSHOT_DIR to save screenshots");
        Console c(60);
        QVERIFY(c.waitLoaded());
        const QString root = addFibreCut(c, 5);
        QTRY_VERIFY(c.widget->model()->rowOf(root) >= 0);
        QSignalSpy finished(c.widget->model(), &AlarmTableModel::queryFinished);
        c.widget->layoutModeBox()->setCurrentIndex(1);
        QVERIFY(finished.wait(5000));
        c.widget->resize(1400, 520);
        c.widget->show();
        AlarmTableModel *model = c.widget->model();
        QVERIFY(model->setExpanded(model->rowOf(root), true));
        c.selectRows(model->rowOf(root), model->rowOf(root));
        QTest::qWait(50);
        saveScreenshot(*c.widget, QStringLiteral("alarms_tree_en"));
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        QTest::qWait(50);
        saveScreenshot(*c.widget, QStringLiteral("alarms_tree_zh_CN"));
        languages.setLanguage(QStringLiteral("en"));
    }

    void screenshotsInEnglishAndChinese() {
        if (qEnvironmentVariableIsEmpty("NOC_SCREENSHOT_DIR"))
            QSKIP("set NOC_SCREENSHOT_DIR to save screenshots");
        Console c(300);
        QVERIFY(c.waitLoaded());
        // Two alarms just cleared: they stay in the active list, faded, for the linger time.
        QList<Alarm> cleared;
        for (int i : {7, 12}) {
            Alarm a = makeAlarm(i);
            a.state = AlarmState::Cleared;
            a.alarmClearedTime = a.alarmChangedTime = QDateTime::currentMSecsSinceEpoch();
            cleared.append(a);
        }
        QSignalSpy updated(c.widget->model(), &AlarmTableModel::rowsUpdated);
        c.widget->onCommitted(c.cache.apply(batchOf(cleared)));
        QVERIFY(updated.wait(5000));
        QSplitter frame(Qt::Horizontal);
        frame.addWidget(c.widget.get());
        frame.addWidget(c.widget->detailsView());
        c.widget->detailsView()->show();
        frame.resize(1800, 760);
        frame.setSizes({1350, 450});
        frame.show();
        // Newest first mixes the severities, as a real shift does.
        QSignalSpy finished(c.widget->model(), &AlarmTableModel::queryFinished);
        c.widget->view()->sortByColumn(int(AlarmColumn::Raised), Qt::DescendingOrder);
        QVERIFY(finished.wait(5000));
        c.widget->saveView(QStringLiteral("North region – critical unacknowledged"));
        c.widget->saveView(QStringLiteral("Transmission – last 24 h"));
        c.selectRows(2, 4);
        QTest::qWait(50);
        saveScreenshot(frame, QStringLiteral("alarms_en"));
        // The filter bar with a custom raised-time range and an alarm type chosen.
        AlarmFilterBar *bar = c.widget->filterBar();
        bar->alarmTypeBox()->setCurrentIndex(
            bar->alarmTypeBox()->findData(QStringLiteral("communicationsAlarm")));
        bar->timeRangeBox()->setCurrentIndex(int(AlarmFilterState::TimeRange::Custom));
        bar->fromEdit()->setDateTime(QDateTime::fromMSecsSinceEpoch(kBase));
        bar->toEdit()->setDateTime(QDateTime::fromMSecsSinceEpoch(kBase + 300'000));
        QTRY_VERIFY(!c.widget->model()->isLoading() && c.widget->model()->query().raisedTo > 0);
        c.widget->view()->scrollToBottom();
        LanguageManager languages;
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QVERIFY(languages.setLanguage(lang));
            QTest::qWait(50);
            saveScreenshot(*c.widget, QStringLiteral("alarms_filters_") + lang);
            QMenu *menu = c.widget->viewsButton()->menu();
            emit menu->aboutToShow();
            menu->popup(c.widget->viewsButton()->mapToGlobal(QPoint(0, c.widget->viewsButton()->height())));
            QTest::qWait(100);
            saveScreenshot(*menu, QStringLiteral("alarms_views_menu_") + lang);
            menu->hide();
        }
        saveScreenshot(frame, QStringLiteral("alarms_zh_CN"));
        languages.setLanguage(QStringLiteral("en"));
        c.widget->deleteView(QStringLiteral("North region – critical unacknowledged"));
        c.widget->deleteView(QStringLiteral("Transmission – last 24 h"));
        frame.hide();
        c.widget->detailsView()->setParent(nullptr);
        c.widget->setParent(nullptr);
    }
};

QTEST_MAIN(AlarmConsoleTest)
#include "alarm_console_test.moc"
