// A cache file that is there but cannot be written (mode 0444; for root, which ignores mode bits, the
// immutable attribute): the console shows what it holds, says in plain words that the file cannot be
// written and what to do, keeps the actions that write disabled with that reason, syncs nothing
// until the file can be written, and loses nothing the user did. Real parts: the SQLite file, opsim on
// 127.0.0.1 (in-process, port 0), the main window with the real views offscreen, EN and zh_CN.
#include "../sync/sync_test_support.h"

#include "alarms/alarm_console.h"
#include "cache/cache_reader.h"
#include "cache/cache_writer.h"
#include "cache/unsaved_work.h"
#include "isolated_settings.h"
#include "language_manager.h"
#include "main_window.h"
#include "map/topology_map_widget.h"
#include "map/topology_scene.h"
#include "map/topology_view.h"
#include "read_only_file.h"
#include "startup_notice.h"
#include "status_notices.h"
#include "sync/local_actions.h"
#include "sync_status_text.h"
#include "tickets/ticket_console.h"
#include "tickets/ticket_editor_dialog.h"
#include "view_wiring.h"

#include <QAbstractItemModel>
#include <QClipboard>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <algorithm>

using namespace noc;
using namespace noc::test;

namespace {

void saveScreenshot(QWidget &widget, const QString &name) {
    const QString dir = qEnvironmentVariable("NOC_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(widget.grab().save(QDir(dir).filePath(name + ".png")));
}

// A cache filled by a real sync with the server, then closed.
// The server's request count once it has had no request for 300 ms (at most 10 s).
qint64 requestsOnceQuiet(const opsim::Server &server) {
    qint64 seen = -1;
    for (QDeadlineTimer deadline(10'000); !deadline.hasExpired();) {
        const qint64 now = server.stats().requests;
        if (now == seen)
            break;
        seen = now;
        QTest::qWait(300);
    }
    return seen;
}

// The map of the window once it shows the cache's network, zoomed onto an element; that element's node.
int showAnElement(MainWindow &window, TopologyMapWidget **mapOut) {
    auto *map = window.findChild<TopologyMapWidget *>();
    *mapOut = map;
    if (!map || !QTest::qWaitFor([map] { return map->scene()->graph() != nullptr; }, 30000))
        return -1;
    const auto &nodes = map->scene()->graph()->nodes();
    for (size_t i = 0; i < nodes.size(); ++i) {
        if (map->scene()->elementItem(int(i)) && map->showElement(nodes[i].id)) {
            QTest::qWait(50);
            return int(i);
        }
    }
    return -1;
}

// Drags the element in several mouse moves, as a person does.
void dragElement(TopologyMapWidget &map, int node) {
    QWidget *viewport = map.view()->viewport();
    const QPoint start = map.view()->mapFromScene(map.scene()->nodePosition(node));
    QTest::mousePress(viewport, Qt::LeftButton, {}, start);
    for (int step = 1; step <= 6; ++step)
        QTest::mouseMove(viewport, start + QPoint(step * 15, step * 8));
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, start + QPoint(90, 48));
}

} // namespace

class ReadOnlyCacheTest : public QObject {
    Q_OBJECT
    IsolatedSettings m_settings;

private slots:
    void initTestCase() { QVERIFY(m_settings.isValid()); }
    void init() { IsolatedSettings::reset(); }

    void readOnlyCacheIsShownWithWritingActionsDisabledInBothLanguages() {
        // Given a cache synced with the server, and then made read-only
        opsim::test::ServerFixture server(syncServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        ReadOnlyFile readOnly(cache);
        if (!readOnly.isReadOnly())
            QSKIP(qPrintable(readOnly.why()));
        // (the server in this thread first answers what the syncing client left in flight: counted
        // once no request has come for a while, not after a fixed wait a busy machine may outlast)
        const qint64 requestsBefore = requestsOnceQuiet(*server.server);

        LanguageManager languages;
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QVERIFY(languages.setLanguage(lang));
            const bool english = lang == QLatin1String("en");
            // When the console starts on it (as app/main.cpp does)
            SyncSession session(profileFor(server.server->baseUrl(), cache), kToken);
            session.setEngineOptions(fastOptions());
            QVERIFY(!session.openCache());
            QCOMPARE(session.openResult().outcome, CacheOpenResult::Outcome::ReadOnly);
            QVERIFY(session.openResult().readable());
            MainWindow window(&languages);
            wireViews(window, session);
            auto refresh = [&window, &session] {
                const EpochMs now = QDateTime::currentMSecsSinceEpoch();
                window.setConnectionStatus(SyncStatusText::summary(session.status(), now),
                                           SyncStatusText::details(session.status(), now));
            };
            QObject::connect(&session, &SyncSession::statusChanged, &window, refresh);
            window.resize(1280, 760);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            session.start();
            refresh();
            StartupNotice notice({session.openResult().message}, &window);
            notice.show();

            // Then the start-up notice names the file and what to do, in the user's language
            const QString message = session.openResult().message;
            QVERIFY2(message.contains(cache), qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("--cache")), qPrintable(message));
            QVERIFY2(
                message.contains(english ? QStringLiteral("cannot be written") : QStringLiteral("无法写入")),
                qPrintable(message));
            // And the alarms the file holds are listed
            auto *table = window.findChild<QTableView *>(QStringLiteral("alarmTable"));
            QVERIFY(table);
            QTRY_VERIFY_WITH_TIMEOUT(table->model()->rowCount() > 0, 10000);
            // And the status bar says changes cannot be saved, its tooltip why, naming the file
            QTRY_VERIFY2(window.connectionStatus().contains(
                             english ? QStringLiteral("not saved: cache cannot be written")
                                     : QStringLiteral("未保存：无法写入缓存")),
                         qPrintable(window.connectionStatus()));
            // And how old the shown data is (the file's last sync), not "never synced"
            QVERIFY(!session.status().lastSuccess.isEmpty());
            QVERIFY2(SyncStatusText::details(session.status(), 0).contains(cache),
                     qPrintable(SyncStatusText::details(session.status(), 0)));
            // And acknowledging (even with a selection) and a new ticket are disabled, saying why
            table->selectRow(0);
            auto *alarms = window.findChild<AlarmConsole *>();
            QVERIFY(alarms);
            QAction *acknowledge = alarms->action(AlarmConsole::Action::Acknowledge);
            QTRY_VERIFY(!acknowledge->isEnabled());
            QVERIFY2(acknowledge->toolTip().contains(cache), qPrintable(acknowledge->toolTip()));
            QVERIFY(alarms->action(AlarmConsole::Action::Copy)->isEnabled()); // reading still works
            auto *tickets = window.findChild<TicketConsole *>();
            QVERIFY(tickets);
            QAction *newTicket = tickets->menuActions().first();
            QVERIFY(!newTicket->isEnabled());
            QVERIFY2(newTicket->toolTip().contains(cache), qPrintable(newTicket->toolTip()));
            // And an existing ticket opens to be read and copied, not changed: its text fields are
            // read-only (not disabled: the text can be selected), its buttons off, each saying why
            QTRY_VERIFY_WITH_TIMEOUT(!tickets->model()->rows().isEmpty(), 10000);
            const QString ticketId = tickets->model()->rows().first().id;
            tickets->openTicket(ticketId);
            TicketEditorDialog *editor = tickets->currentEditor();
            QVERIFY(editor);
            auto *title = editor->findChild<QLineEdit *>(QStringLiteral("title"));
            auto *description = editor->findChild<QPlainTextEdit *>(QStringLiteral("description"));
            auto *note = editor->findChild<QLineEdit *>(QStringLiteral("note"));
            QVERIFY(title && description && note);
            QVERIFY(!title->text().isEmpty());
            QVERIFY(title->isEnabled() && title->isReadOnly());
            QVERIFY(description->isEnabled() && description->isReadOnly());
            QVERIFY(note->isReadOnly());
            title->selectAll();
            QCOMPARE(title->selectedText(), title->text());
            for (const char *name : {"save", "addNote", "applyStatus"}) {
                auto *button = editor->findChild<QPushButton *>(QLatin1String(name));
                QVERIFY2(button && !button->isEnabled(), name);
                QVERIFY2(button->toolTip().contains(cache), qPrintable(button->toolTip()));
            }
            QVERIFY2(editor->message().contains(cache), qPrintable(editor->message()));
            // (and the editor's actions refuse when called directly, e.g. by Enter in a field)
            QVERIFY(editor->addNote(QStringLiteral("checked the fibre")).contains(cache));
            QVERIFY(editor->changeStatus(TicketStatus::Resolved, {}).contains(cache));
            QVERIFY(editor->save().contains(cache));
            QCOMPARE(session.queuedBatches(), 0);
            editor->resize(760, 640);
            QTest::qWait(100);
            saveScreenshot(*editor, QStringLiteral("read_only_ticket_editor_") + lang);
            editor->close();
            // And an element on the map cannot be dragged: it stays, unpinned, and the status bar says why
            TopologyMapWidget *map = nullptr;
            const int node = showAnElement(window, &map);
            QVERIFY(node >= 0);
            const QPointF before = map->scene()->nodePosition(node);
            dragElement(*map, node);
            QCOMPARE(map->scene()->nodePosition(node), before);
            QVERIFY(!map->scene()->isPinned(node));
            QVERIFY2(window.notices()->currentText().contains(english ? QStringLiteral("stays where it is")
                                                                      : QStringLiteral("保持在原位")),
                     qPrintable(window.notices()->currentText()));
            QTest::qWait(300);
            saveScreenshot(window, QStringLiteral("read_only_map_drag_") + lang);
            window.notices()->clearCurrent();
            QTest::qWait(300);
            saveScreenshot(window, QStringLiteral("read_only_cache_") + lang);
            saveScreenshot(notice, QStringLiteral("read_only_cache_notice_") + lang);
            saveScreenshot(*window.statusBar(), QStringLiteral("read_only_cache_status_") + lang);
            // And nothing is synced into a file that cannot take it: the server hears nothing
            QTest::qWait(700);
            QCOMPARE(session.status().phase, SyncPhase::Offline);
            QCOMPARE(session.status().lastContactMs, EpochMs(0));
            QCOMPARE(server.server->stats().requests, requestsBefore);
            notice.close();
            session.stop();
        }
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
    }

    void noticeNeverBreaksTheOptionNameInBothLanguages() {
        // Given the read-only notice, whose --cache in the Chinese text fell to "--" at a line's end
        // and "cache" at the next one's start
        opsim::test::ServerFixture server(syncServerConfig(20, 10, 2));
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        ReadOnlyFile readOnly(cache);
        if (!readOnly.isReadOnly())
            QSKIP(qPrintable(readOnly.why()));
        LanguageManager languages;
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QVERIFY(languages.setLanguage(lang));
            const CacheOpenResult opened = CacheDatabase::open(cache);
            QCOMPARE(opened.outcome, CacheOpenResult::Outcome::ReadOnly);
            StartupNotice notice({opened.message}, nullptr);
            // When it is laid out at any width a notice may have
            // Then no line ends inside "--cache", and the option reads as typed
            for (int width = 160; width <= 900; width += 3) {
                const QStringList lines = notice.lineTexts(width);
                const QString joined = lines.join(QString());
                QVERIFY2(joined.contains(QStringLiteral("--cache")), qPrintable(joined));
                const qsizetype option = joined.indexOf(QStringLiteral("--cache"));
                qsizetype lineStart = 0;
                for (const QString &line : lines) {
                    lineStart += line.size();
                    QVERIFY2(
                        lineStart <= option || lineStart >= option + 7,
                        qPrintable(
                            QStringLiteral("%1 at %2 px: %3").arg(lang).arg(width).arg(lines.join(u'|'))));
                }
            }
        }
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
    }

    void noticeIsCopiedAsTypedAndLaidOutWithoutQtsLabel() {
        // Given the read-only notice, whose "--cache" is held together with invisible word joiners
        opsim::test::ServerFixture server(syncServerConfig(20, 10, 2));
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        ReadOnlyFile readOnly(cache);
        if (!readOnly.isReadOnly())
            QSKIP(qPrintable(readOnly.why()));
        const CacheOpenResult opened = CacheDatabase::open(cache);
        StartupNotice notice({opened.message}, nullptr);
        notice.show();
        QVERIFY(QTest::qWaitForWindowExposed(&notice));
        QVERIFY(notice.text().contains(QChar(0x2060)));
        QClipboard *clipboard = QGuiApplication::clipboard();
        // When the user copies it with Ctrl+C
        clipboard->clear();
        QTest::keyClick(&notice, Qt::Key_C, Qt::ControlModifier);
        // Then what is pasted is the message as typed: the option a shell knows and the whole path
        const QString copied = clipboard->text();
        QCOMPARE(copied, opened.message);
        QVERIFY2(copied.contains(QStringLiteral("--cache")) && copied.contains(cache), qPrintable(copied));
        // And where the style lets the text be selected, a copy of the selection is as typed too
        auto *label = notice.findChild<QLabel *>(QStringLiteral("qt_msgbox_label"));
        QVERIFY(label);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        label->setSelection(0, int(label->text().size()));
        clipboard->clear();
        QTest::keyClick(label, Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(clipboard->text(), opened.message);
        // And when Qt's private label is not there (Qt renames it), the lines are still laid out
        label->setObjectName(QStringLiteral("renamed"));
        const QStringList lines = notice.lineTexts(300);
        QVERIFY(lines.size() > 1);
        QVERIFY(lines.join(QString()).contains(QStringLiteral("--cache")));
    }

    void aPinnedElementCannotBeUnpinnedOnAReadOnlyCacheAndTheMenuSaysWhy() {
        // Given a cache synced with the server in which the user had pinned an element, then made
        // read-only
        opsim::test::ServerFixture server(syncServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        QString pinnedId;
        {
            CacheReader reader;
            QVERIFY(reader.open(cache));
            pinnedId = reader.elements().first().id;
            CacheWriter writer;
            QVERIFY(writer.open(cache));
            CacheBatch pin;
            pin.mapPositions << MapPosition{profileFor(QUrl(), cache).name + QStringLiteral("/geographic"),
                                            pinnedId, 100, 100, true};
            QVERIFY(writer.apply(pin).mapPositionsChanged);
        }
        ReadOnlyFile readOnly(cache);
        if (!readOnly.isReadOnly())
            QSKIP(qPrintable(readOnly.why()));
        LanguageManager languages;
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QVERIFY(languages.setLanguage(lang));
            // When the console starts on it and the user opens that element's menu
            SyncSession session(profileFor(server.server->baseUrl(), cache), kToken);
            session.setEngineOptions(fastOptions());
            QVERIFY(!session.openCache());
            MainWindow window(&languages);
            wireViews(window, session);
            window.resize(1280, 760);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            session.start();
            auto *map = window.findChild<TopologyMapWidget *>();
            QVERIFY(map);
            QTRY_VERIFY_WITH_TIMEOUT(map->scene()->graph() != nullptr, 30000);
            const int node = map->scene()->graph()->nodeIndex(pinnedId);
            QVERIFY(node >= 0 && map->scene()->isPinned(node));
            QTRY_VERIFY(!map->cannotSaveReason().isEmpty());
            std::unique_ptr<QMenu> menu(map->createElementMenu(pinnedId, &window));
            QVERIFY(menu);
            // Then "Unpin position" is there but off, with the reason every writing action gives
            QAction *unpin = menu->findChild<QAction *>(QStringLiteral("unpin"));
            QVERIFY(unpin && !unpin->isEnabled());
            QCOMPARE(unpin->toolTip(), SyncStatusText::cannotSaveReason(session.status()));
            QVERIFY2(unpin->toolTip().contains(cache), qPrintable(unpin->toolTip()));
            auto *alarms = window.findChild<AlarmConsole *>();
            QTRY_COMPARE(alarms->action(AlarmConsole::Action::Acknowledge)->toolTip(), unpin->toolTip());
            // And reading still works: its alarms can be shown
            QVERIFY(menu->findChild<QAction *>(QStringLiteral("showAlarms"))->isEnabled());
            // And the element stays pinned: nothing is written
            QVERIFY(!map->unpinElement(pinnedId));
            QVERIFY(map->scene()->isPinned(node));
            QCOMPARE(session.queuedBatches(), 0);
            if (!qEnvironmentVariable("NOC_SCREENSHOT_DIR").isEmpty()) {
                QVERIFY(map->showElement(pinnedId));
                const QPoint at = map->view()->mapFromScene(map->scene()->nodePosition(node));
                menu->popup(map->view()->viewport()->mapToGlobal(at));
                QTest::qWait(200);
                QPixmap shot = map->grab();
                {
                    QPainter painter(&shot);
                    painter.drawPixmap(map->mapFromGlobal(menu->mapToGlobal(QPoint(0, 0))), menu->grab());
                }
                QVERIFY(shot.save(QDir(qEnvironmentVariable("NOC_SCREENSHOT_DIR"))
                                      .filePath(QStringLiteral("read_only_map_menu_") + lang + ".png")));
                menu->close();
            }
            session.stop();
        }
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
    }

    void pinDroppedJustBeforeQuittingIsSaved() {
        // Given a console on a writable cache that holds a network
        opsim::test::ServerFixture server(syncServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        LanguageManager languages;
        SyncSession session(profileFor(QUrl(), cache), kToken); // offline: only the map writes
        QVERIFY(session.openCache());
        MainWindow window(&languages);
        wireViews(window, session);
        window.resize(1280, 760);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        session.start();
        TopologyMapWidget *map = nullptr;
        const int node = showAnElement(window, &map);
        QVERIFY(node >= 0);
        const QString id = map->scene()->graph()->nodes()[size_t(node)].id;
        // When the user drops an element somewhere else and quits at once (the map waits a second
        // after the last move before it saves)
        dragElement(*map, node);
        QVERIFY(map->scene()->isPinned(node));
        const QPointF dropped = map->scene()->nodePosition(node);
        session.stop();
        // Then the position is in the cache, pinned: the next start shows the element there
        CacheReader reader;
        QVERIFY(reader.open(cache));
        const QList<MapPosition> saved = reader.mapPositions(map->mapViewId());
        const auto it = std::find_if(saved.cbegin(), saved.cend(),
                                     [&id](const MapPosition &p) { return p.elementId == id; });
        QVERIFY2(it != saved.cend(), qPrintable(id));
        QVERIFY(it->pinned);
        QCOMPARE(QPointF(it->x, it->y), dropped);
    }

    void changeMadeWhileReadOnlyReachesTheServerOnceTheFileIsWritable() {
        // Given a console started on a read-only cache
        opsim::test::ServerFixture server(syncServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        const Alarm alarm = anUnacknowledgedAlarm(cache);
        QVERIFY(!alarm.id.isEmpty());
        ReadOnlyFile readOnly(cache);
        if (!readOnly.isReadOnly())
            QSKIP(qPrintable(readOnly.why()));
        Client client(server.server->baseUrl(), cache);
        QVERIFY(!client.opened);
        QVERIFY(client.session.openResult().readable());
        // When a change is made (e.g. from an editor left open) while the file cannot be written
        const CacheBatch ack = actions::acknowledgeAlarms({alarm}, {"night.shift", "noc-console", 0});
        const QString uuid = ack.outboxInserts.first().uuid;
        client.session.submit(ack);
        QTest::qWait(500);
        // Then it waits, not sent, not dropped
        QCOMPARE(client.session.queuedBatches(), 1);
        QCOMPARE(server.server->appliedCount(uuid), 0);
        QVERIFY(!client.session.status().cacheWriteError.isEmpty());
        // When the user makes the file writable, Then the writer takes it within its retry, sync starts
        // and the change reaches the server exactly once
        readOnly.release();
        QTRY_VERIFY_WITH_TIMEOUT(client.session.status().cacheWriteError.isEmpty(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(client.isLive(), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(server.server->appliedCount(uuid), 1, 20000);
        CacheReader reader;
        QVERIFY(reader.open(cache));
        QTRY_VERIFY_WITH_TIMEOUT(reader.outbox().isEmpty(), 10000);
        QTest::qWait(500);
        QCOMPARE(server.server->appliedCount(uuid), 1);
    }

    void changeMadeWhileReadOnlySurvivesAQuit() {
        // Given a console started on a read-only cache, and a change made there
        opsim::test::ServerFixture server(syncServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        QVERIFY(syncOnce(server.server->baseUrl(), cache));
        const Alarm alarm = anUnacknowledgedAlarm(cache);
        QVERIFY(!alarm.id.isEmpty());
        const CacheBatch ack = actions::acknowledgeAlarms({alarm}, {"night.shift", "noc-console", 0});
        const QString uuid = ack.outboxInserts.first().uuid;
        {
            ReadOnlyFile readOnly(cache);
            if (!readOnly.isReadOnly())
                QSKIP(qPrintable(readOnly.why()));
            Client client(server.server->baseUrl(), cache);
            QVERIFY(!client.opened);
            client.session.submit(ack);
            QTRY_VERIFY(!client.session.status().cacheWriteError.isEmpty());
            // When the user quits
            client.session.stop();
            // Then the change is kept in the side file next to the cache
            QString error;
            const QList<CacheBatch> kept = UnsavedWork::read(cache, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(kept.size(), 1);
            QCOMPARE(kept.first().outboxInserts.first().uuid, uuid);
            // And a start while the file is still read-only says it is kept there
            const CacheOpenResult stillReadOnly = CacheDatabase::open(cache);
            QCOMPARE(stillReadOnly.keptUnsavedEntries, 1);
            QVERIFY(QFileInfo::exists(UnsavedWork::sidePath(cache)));
        }
        // When the console starts on the file made writable, Then the change is sent exactly once
        Client again(server.server->baseUrl(), cache);
        QVERIFY2(again.opened, qPrintable(again.session.openResult().message));
        QCOMPARE(again.session.openResult().restoredUnsavedEntries, 1);
        QTRY_COMPARE_WITH_TIMEOUT(server.server->appliedCount(uuid), 1, 20000);
        QTest::qWait(500);
        QCOMPARE(server.server->appliedCount(uuid), 1);
    }
};

QTEST_MAIN(ReadOnlyCacheTest)
#include "read_only_cache_test.moc"
