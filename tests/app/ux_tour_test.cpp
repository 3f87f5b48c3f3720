// A shift's tour of the whole console, as `--demo` wires it (the real demo server over loopback, the
// real session and views): every tab and dialog a NOC engineer reaches, in English and in Chinese.
// It checks what a person would notice all shift long (a key bound twice, English left in the
// Chinese window, a dialog too small for its text) and, with NOC_SCREENSHOT_DIR set, saves what it
// visited for a person to look at.
#include "alarm_table_model.h"
#include "alarms/alarm_console.h"
#include "alarms/alarm_details_view.h"
#include "cache/cache_reader.h"
#include "conflicts_dialog.h"
#include "demo_server.h"
#include "isolated_settings.h"
#include "language_manager.h"
#include "main_window.h"
#include "map/map_element_card.h"
#include "map/topology_map_widget.h"
#include "sync/sync_session.h"
#include "sync_status_text.h"
#include "tickets/ticket_console.h"
#include "tickets/ticket_editor_dialog.h"
#include "view_wiring.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QShortcut>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QXmlStreamReader>
#include <functional>
#include <memory>

using namespace noc;

namespace {

opsim::ServerConfig tourDemo() {
    opsim::ServerConfig config = DemoServer::demoConfig();
    config.elements = 150;
    config.historyHours = 2;
    config.initialAlarms = 300;
    config.initialTickets = 40;
    config.alarmRate = 0; // a still picture: the checks see the same window twice
    return config;
}

void saveShot(QWidget *widget, const QString &name) {
    const QString dir = qEnvironmentVariable("NOC_SCREENSHOT_DIR");
    if (dir.isEmpty() || !widget)
        return;
    QDir().mkpath(dir);
    for (int pass = 0; pass < 3; ++pass)
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QTest::qWait(30);
    QVERIFY(widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png"))));
}

// Runs `open` (which shows a modal dialog and returns when it closes) and hands the dialog to
// `visit` while it is up, then closes it.
void withModal(const std::function<void()> &open, const std::function<void(QWidget *)> &visit) {
    bool seen = false;
    QTimer::singleShot(300, [&] {
        QWidget *modal = QApplication::activeModalWidget();
        if (modal) {
            seen = true;
            visit(modal);
            if (auto *dialog = qobject_cast<QDialog *>(modal))
                dialog->reject();
            else
                modal->close();
        }
    });
    open();
    QVERIFY2(seen, "the dialog opened");
}

// A text is cut off when its label is narrower than the text needs (single-line labels only).
QStringList clippedTexts(QWidget *root) {
    QStringList clipped;
    // Shown now (a tabbed-away dock is laid out only when it is raised).
    const auto visible = [](QWidget *w) { return w->isVisible() && !w->visibleRegion().isEmpty(); };
    for (QLabel *label : root->findChildren<QLabel *>()) {
        if (!visible(label) || label->wordWrap() || label->text().isEmpty() ||
            label->textFormat() == Qt::RichText || Qt::mightBeRichText(label->text()) ||
            label->pixmap().toImage().width() > 0)
            continue;
        const int needed = label->fontMetrics().horizontalAdvance(label->text()) +
                           label->contentsMargins().left() + label->contentsMargins().right();
        if (needed > label->width() + 1)
            clipped << QStringLiteral("label \"%1\" (%2 of %3 px)")
                           .arg(label->text())
                           .arg(label->width())
                           .arg(needed);
    }
    for (QLineEdit *edit : root->findChildren<QLineEdit *>()) {
        // A placeholder says what to type; cut off ("Alarm or elem…") it says less. 12 px: the
        // frame and text margins of the style.
        if (!visible(edit) || edit->placeholderText().isEmpty() || !edit->text().isEmpty())
            continue;
        const int needed = edit->fontMetrics().horizontalAdvance(edit->placeholderText()) + 12;
        if (needed > edit->width())
            clipped << QStringLiteral("placeholder \"%1\" (%2 of %3 px)")
                           .arg(edit->placeholderText())
                           .arg(edit->width())
                           .arg(needed);
    }
    for (QAbstractButton *button : root->findChildren<QAbstractButton *>()) {
        if (!visible(button) || button->text().isEmpty())
            continue;
        if (button->width() < button->minimumSizeHint().width() - 1)
            clipped << QStringLiteral("button \"%1\" (%2 of %3 px)")
                           .arg(button->text())
                           .arg(button->width())
                           .arg(button->minimumSizeHint().width());
    }
    return clipped;
}

// The English words of the console's own texts: the sources of the translation file.
QSet<QString> englishWords() {
    QSet<QString> words;
    QFile file(QStringLiteral(NOC_TS_FILE));
    if (!file.open(QIODevice::ReadOnly))
        return words;
    QXmlStreamReader xml(&file);
    static const QRegularExpression word(QStringLiteral("[A-Za-z]{4,}"));
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("source")) {
            const QString text = xml.readElementText();
            for (auto it = word.globalMatch(text); it.hasNext();)
                words.insert(it.next().captured().toLower());
        }
    }
    // Names that stay as they are in Chinese too.
    for (const char *keep : {"english"}) // the Language menu names each language in its own words
        words.remove(QLatin1String(keep));
    return words;
}

// The visible texts of a window's own furniture (labels, buttons, tabs, menus, placeholders, column
// titles, tool tips); the data it lists (alarm rows, element names) is not looked at.
QStringList chromeTexts(QWidget *root) {
    QStringList texts;
    const auto add = [&texts](const QString &where, const QString &text) {
        if (!text.isEmpty())
            texts << where + QStringLiteral(": ") + text;
    };
    const auto visible = [root](QWidget *w) { return w == root || w->isVisibleTo(root); };
    QList<QWidget *> widgets = root->findChildren<QWidget *>();
    widgets.prepend(root);
    for (QWidget *w : widgets) {
        // A menu is looked at closed too: its actions are what a person reads when it opens.
        if (!visible(w) && !qobject_cast<QMenu *>(w))
            continue;
        add(QStringLiteral("window title"), w->isWindow() ? w->windowTitle() : QString());
        add(QStringLiteral("tool tip"), w->toolTip());
        if (auto *label = qobject_cast<QLabel *>(w))
            add(QStringLiteral("label"), label->text());
        if (auto *button = qobject_cast<QAbstractButton *>(w))
            add(QStringLiteral("button"), button->text());
        if (auto *box = qobject_cast<QGroupBox *>(w))
            add(QStringLiteral("group"), box->title());
        if (auto *edit = qobject_cast<QLineEdit *>(w))
            add(QStringLiteral("placeholder"), edit->placeholderText());
        if (auto *tabs = qobject_cast<QTabBar *>(w))
            for (int i = 0; i < tabs->count(); ++i)
                add(QStringLiteral("tab"), tabs->tabText(i));
        if (auto *combo = qobject_cast<QComboBox *>(w); combo && !combo->isEditable())
            add(QStringLiteral("choice"), combo->itemText(0));
        if (auto *header = qobject_cast<QHeaderView *>(w); header && header->model())
            for (int c = 0; c < header->count(); ++c)
                add(QStringLiteral("column"),
                    header->model()->headerData(c, header->orientation()).toString());
        for (QAction *action : w->actions())
            if (!action->isSeparator()) {
                add(QStringLiteral("action"), action->text());
                if (action->toolTip() != action->text())
                    add(QStringLiteral("action tip"), action->toolTip());
            }
    }
    return texts;
}

// What a rich text label shows, without its markup.
QString shownText(const QString &text) {
    static const QRegularExpression tag(QStringLiteral("<[^>]*>"));
    return Qt::mightBeRichText(text) ? QString(text).remove(tag) : text;
}

QStringList englishIn(const QStringList &texts, const QSet<QString> &words) {
    QStringList found;
    static const QRegularExpression word(QStringLiteral("[A-Za-z]{4,}"));
    // Key names stay as they are on the keyboard: "(Ctrl+F)", "(Home)".
    static const QRegularExpression keys(QStringLiteral("\\b(Ctrl|Shift|Alt|Home|Enter|Del|Backspace)\\b"));
    for (const QString &text : texts)
        for (auto it = word.globalMatch(shownText(text.section(QStringLiteral(": "), 1)).remove(keys));
             it.hasNext();)
            if (words.contains(it.next().captured().toLower())) {
                found << text;
                break;
            }
    return found;
}

// A key binding and the part of the window where it works.
struct Binding {
    QKeySequence keys;
    QWidget *scope = nullptr;
    QString what;
};

QWidget *scopeOf(Qt::ShortcutContext context, QWidget *owner, QWidget *window) {
    return context == Qt::WindowShortcut || context == Qt::ApplicationShortcut ? window : owner;
}

QList<Binding> bindingsOf(QWidget *window) {
    QList<Binding> bindings;
    for (QAction *action : window->findChildren<QAction *>()) {
        auto *owner = qobject_cast<QWidget *>(action->parent());
        if (!owner)
            continue;
        for (const QKeySequence &keys : action->shortcuts())
            bindings.append(
                {keys, scopeOf(action->shortcutContext(), owner, window),
                 QStringLiteral("action \"%1\" of %2")
                     .arg(action->text(), QString::fromLatin1(owner->metaObject()->className()))});
    }
    for (QShortcut *shortcut : window->findChildren<QShortcut *>()) {
        auto *owner = qobject_cast<QWidget *>(shortcut->parent());
        if (owner && !shortcut->key().isEmpty())
            bindings.append(
                {shortcut->key(), scopeOf(shortcut->context(), owner, window),
                 QStringLiteral("shortcut of %1 %2")
                     .arg(QString::fromLatin1(owner->metaObject()->className()), owner->objectName())});
    }
    return bindings;
}

// Two bindings of one key clash when one works where the other does (same part of the window, or
// one's part inside the other's): the key then does one of the two, or nothing ("ambiguous").
QStringList clashes(const QList<Binding> &bindings) {
    QStringList found;
    const auto within = [](QWidget *inner, QWidget *outer) {
        return inner == outer || outer->isAncestorOf(inner);
    };
    for (int i = 0; i < bindings.size(); ++i)
        for (int j = i + 1; j < bindings.size(); ++j) {
            const Binding &a = bindings[i];
            const Binding &b = bindings[j];
            if (a.keys == b.keys && (within(a.scope, b.scope) || within(b.scope, a.scope)))
                found << QStringLiteral("%1: %2 and %3").arg(a.keys.toString(), a.what, b.what);
        }
    return found;
}

// The &-letters of a menu (or the menu bar) must differ, or Alt+letter picks only the first.
QStringList mnemonicClashes(QWidget *menu, const QString &where) {
    QStringList found;
    QHash<QChar, QString> seen;
    static const QRegularExpression mnemonic(QStringLiteral("&([^&\\s])"));
    for (QAction *action : menu->actions()) {
        const auto match = mnemonic.match(action->text());
        if (!match.hasMatch())
            continue;
        const QChar letter = match.captured(1).at(0).toLower();
        if (seen.contains(letter))
            found << QStringLiteral("%1: &%2 in \"%3\" and \"%4\"")
                         .arg(where, letter, seen[letter], action->text());
        seen.insert(letter, action->text());
    }
    return found;
}

} // namespace

class UxTourTest : public QObject {
    Q_OBJECT
    test::IsolatedSettings m_settings;
    QTemporaryDir m_dir;
    LanguageManager m_languages;
    std::unique_ptr<DemoServer> m_demo;
    std::unique_ptr<SyncSession> m_session;
    std::unique_ptr<MainWindow> m_window;

    AlarmConsole *alarms() const { return m_window->findChild<AlarmConsole *>(); }
    TicketConsole *tickets() const { return m_window->findChild<TicketConsole *>(); }

    // Not QTableView::selectRow: it toggles when the view believes Ctrl is held (after a Ctrl+key test).
    static void selectFirstAlarm(AlarmConsole *a) {
        const QModelIndex first = a->model()->index(0, 0);
        a->view()->selectionModel()->setCurrentIndex(first, QItemSelectionModel::ClearAndSelect |
                                                                QItemSelectionModel::Rows);
    }

    void setLanguage(const QString &code) {
        QVERIFY(m_languages.setLanguage(code));
        QTest::qWait(50);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_settings.isValid());
        ConnectionProfile profile;
        profile.name = QStringLiteral("demo");
        profile.cachePath = m_dir.filePath(QStringLiteral("demo.sqlite"));
        profile.userId = QString::fromLatin1(DemoServer::kDemoUser);
        profile.role = QStringLiteral("supervisor");
        m_session = std::make_unique<SyncSession>(profile, QString::fromLatin1(DemoServer::kToken));
        QVERIFY(m_session->openCache());
        m_window = std::make_unique<MainWindow>(&m_languages);
        wireViews(*m_window, *m_session);
        // The status bar's connection area, as main.cpp wires it.
        const auto refreshStatus = [this] {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            m_window->setConnectionStatus(SyncStatusText::summary(m_session->status(), now),
                                          SyncStatusText::details(m_session->status(), now));
        };
        connect(m_session.get(), &SyncSession::statusChanged, m_window.get(), refreshStatus);
        connect(m_window.get(), &MainWindow::retranslated, m_window.get(), refreshStatus);
        m_window->resize(1600, 1000);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_session->start();
        m_demo = std::make_unique<DemoServer>(tourDemo());
        connect(m_demo.get(), &DemoServer::ready, m_session.get(), &SyncSession::connectTo);
        QSignalSpy synced(m_session.get(), &SyncSession::initialSyncCompleted);
        m_demo->start();
        QVERIFY(synced.wait(90000));
        QTRY_VERIFY_WITH_TIMEOUT(m_session->status().isLive(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(alarms()->model()->rowCount() > 0, 20000);
        QTest::qWait(500);
    }

    void cleanupTestCase() {
        m_window.reset();
        if (m_session)
            m_session->stop();
        if (m_demo)
            m_demo->stop();
    }

    void noKeyIsBoundTwiceWhereBothWork() {
        const QList<Binding> bindings = bindingsOf(m_window.get());
        // The list a person reads in the guide's keyboard section.
        for (const Binding &b : bindings)
            qInfo("%s  %s", qPrintable(b.keys.toString(QKeySequence::NativeText)), qPrintable(b.what));
        QVERIFY(bindings.size() >= 12);
        const QStringList found = clashes(bindings);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(QLatin1Char('\n'))));
        QStringList mnemonics = mnemonicClashes(m_window->menuBar(), QStringLiteral("menu bar"));
        for (QAction *menu : m_window->menuBar()->actions())
            mnemonics += mnemonicClashes(menu->menu(), menu->text());
        QVERIFY2(mnemonics.isEmpty(), qPrintable(mnemonics.join(QLatin1Char('\n'))));
    }

    void theTicketsMenuOffersTheTicketActions() {
        // Not "No ticket actions until tickets are loaded" once they are.
        QMenu *menu = m_window->findChild<QMenu *>(QStringLiteral("ticketsMenu"));
        QVERIFY(menu);
        QCOMPARE(menu->actions(), tickets()->menuActions());
        QVERIFY(menu->actions().first()->isEnabled()); // the demo user is a supervisor
    }

    void ctrlFSearchesTheListTheFocusIsIn() {
        // Given the focus in the alarm list, then in the ticket list
        m_window->alarmsDock()->raise();
        alarms()->view()->setFocus();
        QTRY_VERIFY(alarms()->view()->hasFocus());
        QTest::keyClick(alarms()->view(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(alarms()->searchField()->hasFocus());
        m_window->ticketsDock()->raise();
        tickets()->table()->setFocus();
        QTRY_VERIFY(tickets()->table()->hasFocus());
        QTest::keyClick(tickets()->table(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(tickets()->searchField()->hasFocus());
        m_window->alarmsDock()->raise();
    }

    void englishTextsHaveNoLazyPlurals() {
        // "2000 element(s)": the English source has no plural translation of its own.
        setLanguage(QStringLiteral("en"));
        QStringList lazy;
        for (const QString &text : chromeTexts(m_window.get()))
            if (text.contains(QStringLiteral("(s)")))
                lazy << text;
        QVERIFY2(lazy.isEmpty(), qPrintable(lazy.join(QLatin1Char('\n'))));
    }

    void theChineseWindowShowsNoEnglish() {
        const QSet<QString> words = englishWords();
        QVERIFY(words.size() > 200);
        setLanguage(QStringLiteral("zh_CN"));
        // Tickets and trends too: a dock's content is checked while it is the raised tab.
        QStringList texts;
        for (QDockWidget *dock : {m_window->ticketsDock(), m_window->trendsDock(), m_window->alarmsDock()}) {
            dock->raise();
            QTest::qWait(100);
            texts += chromeTexts(m_window.get());
        }
        texts += QStringLiteral("status tip: ") +
                 m_window->findChild<QLabel *>(QStringLiteral("connectionStatus"))->toolTip();
        texts.removeDuplicates();
        const QStringList english = englishIn(texts, words);
        setLanguage(QStringLiteral("en"));
        QVERIFY2(english.isEmpty(), qPrintable(english.join(QLatin1Char('\n'))));
    }

    void aSeverityHasOneNameInChinese() {
        // A ticket's severity and an alarm's are the same X.733 scale: the editor said 紧急/重要 where
        // the alarm list says 严重/主要 for Critical/Major.
        setLanguage(QStringLiteral("zh_CN"));
        const char *const words[] = {"Critical", "Major", "Minor", "Warning"};
        for (int code = 0; code < 4; ++code) {
            const QString alarm = AlarmTableModel::severityName(code);
            QCOMPARE(QCoreApplication::translate("noc::TicketEditorDialog", words[code], "severity"), alarm);
            QCOMPARE(QCoreApplication::translate("noc::TicketQueueModel", words[code], "severity"), alarm);
            QVERIFY2(QCoreApplication::translate("noc::AlarmSettingsDialog",
                                                 (QByteArray(words[code]) + " tone").constData())
                             .startsWith(alarm) ||
                         code > 1,
                     words[code]);
        }
        setLanguage(QStringLiteral("en"));
    }

    void visitEveryTabAndDialog_data() {
        QTest::addColumn<QString>("lang");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
    }

    void visitEveryTabAndDialog() {
        QFETCH(QString, lang);
        setLanguage(lang);
        const QString sfx = QLatin1Char('_') + lang;
        AlarmConsole *a = alarms();
        TicketConsole *t = tickets();
        QVERIFY(a && t);

        // Alarms with one alarm selected (details pane filled).
        m_window->alarmsDock()->raise();
        selectFirstAlarm(a);
        QTest::qWait(200);
        saveShot(m_window.get(), QStringLiteral("tour_window") + sfx);
        {
            const QStringList clipped = clippedTexts(m_window.get());
            QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QLatin1Char('\n'))));
        }
        saveShot(a, QStringLiteral("tour_alarms") + sfx);
        saveShot(m_window->detailsDock(), QStringLiteral("tour_details") + sfx);

        // The details pane's Show on map, greyed out without an alarm, says why (not the last
        // alarm's element).
        {
            auto *map = m_window->detailsDock()->findChild<QPushButton *>(QStringLiteral("showOnMap"));
            QVERIFY(map && map->isEnabled());
            a->detailsView()->showAlarm(QString());
            QVERIFY(!map->isEnabled());
            QVERIFY2(!map->toolTip().contains(QStringLiteral("NE-")), qPrintable(map->toolTip()));
            QVERIFY(!map->toolTip().isEmpty());
            a->detailsView()->showAlarm(a->model()->alarmId(0));
            QVERIFY(map->isEnabled());
        }

        // Views menu and column chooser.
        QMenu *views = a->viewsButton()->menu();
        emit views->aboutToShow();
        views->popup(a->viewsButton()->mapToGlobal(QPoint(0, a->viewsButton()->height())));
        QTest::qWait(100);
        saveShot(views, QStringLiteral("tour_alarm_views_menu") + sfx);
        views->hide();

        // Alarm settings and the comment dialog (modal).
        withModal([a] { a->settingsAction()->trigger(); },
                  [&](QWidget *d) {
                      saveShot(d, QStringLiteral("tour_alarm_settings") + sfx);
                      const QStringList clipped = clippedTexts(d);
                      QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QLatin1Char('\n'))));
                  });
        withModal([a] { a->action(AlarmConsole::Action::Comment)->trigger(); },
                  [&](QWidget *d) { saveShot(d, QStringLiteral("tour_alarm_comment") + sfx); });

        // Trends.
        m_window->trendsDock()->raise();
        QTest::qWait(300);
        saveShot(m_window->trendsDock(), QStringLiteral("tour_trends") + sfx);

        // Tickets: queue, workload, editor, create from an alarm.
        m_window->ticketsDock()->raise();
        QTest::qWait(200);
        saveShot(t, QStringLiteral("tour_tickets_queue") + sfx);
        auto *tabs = t->findChild<QTabWidget *>();
        tabs->setCurrentIndex(1);
        t->refreshWorkloadForTests();
        QTest::qWait(100);
        saveShot(t, QStringLiteral("tour_tickets_workload") + sfx);
        tabs->setCurrentIndex(0);
        QVERIFY(t->table()->model()->rowCount() > 0);
        t->openTicket(t->table()->model()->index(0, 0).data(TicketQueueModel::TicketIdRole).toString());
        QTRY_VERIFY(t->currentEditor() && t->currentEditor()->isVisible());
        QTest::qWait(100);
        saveShot(t->currentEditor(), QStringLiteral("tour_ticket_editor") + sfx);
        {
            const QStringList clipped = clippedTexts(t->currentEditor());
            QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QLatin1Char('\n'))));
        }
        t->currentEditor()->close();
        QTest::qWait(50);
        m_window->alarmsDock()->raise();
        QTRY_VERIFY(!a->model()->isLoading() && !a->isActionRunning());
        selectFirstAlarm(a);
        QAction *create = a->action(AlarmConsole::Action::CreateTicket);
        QVERIFY2(create->isEnabled(), qPrintable(create->toolTip()));
        create->trigger();
        QTRY_VERIFY(t->currentEditor() && t->currentEditor()->isVisible());
        QTest::qWait(100);
        saveShot(t->currentEditor(), QStringLiteral("tour_ticket_create") + sfx);
        {
            const QStringList clipped = clippedTexts(t->currentEditor());
            QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QLatin1Char('\n'))));
        }
        t->currentEditor()->close();
        QTest::qWait(50);

        // Map: find an element (the search bar, the element centred), its card.
        auto *map = m_window->findChild<TopologyMapWidget *>();
        QVERIFY(map);
        map->openSearch();
        const QString element =
            a->model()->data(a->model()->index(0, 0), AlarmTableModel::ElementIdRole).toString();
        QVERIFY(map->search(element) >= 1);
        QTest::qWait(300);
        saveShot(map, QStringLiteral("tour_map_search") + sfx);
        if (map->elementCard()->isVisible())
            saveShot(map->elementCard(), QStringLiteral("tour_map_card") + sfx);
        QTest::keyClick(map->findChild<QLineEdit *>(), Qt::Key_Escape);

        // File ▸ Conflicts… (non-modal) and Help ▸ About (modal).
        emit m_window->conflictsRequested();
        QDialog *conflicts = nullptr;
        QTRY_VERIFY((conflicts = m_window->findChild<ConflictsDialog *>()) && conflicts->isVisible());
        QTest::qWait(100);
        saveShot(conflicts, QStringLiteral("tour_conflicts") + sfx);
        {
            const QStringList clipped = clippedTexts(conflicts);
            QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QLatin1Char('\n'))));
        }
        conflicts->close();
        QMenu *help = m_window->findChild<QMenu *>(QStringLiteral("helpMenu"));
        withModal([help] { help->actions().first()->trigger(); },
                  [&](QWidget *d) { saveShot(d, QStringLiteral("tour_about") + sfx); });

        // Menus of the window.
        for (QAction *menuAction : m_window->menuBar()->actions()) {
            QMenu *menu = menuAction->menu();
            emit menu->aboutToShow();
            menu->popup(m_window->mapToGlobal(QPoint(20, 20)));
            QTest::qWait(60);
            saveShot(menu, QStringLiteral("tour_menu_") + menu->objectName() + sfx);
            menu->hide();
        }
        saveShot(m_window->statusBar(), QStringLiteral("tour_status_bar") + sfx);
        m_window->alarmsDock()->raise();
    }
};

QTEST_MAIN(UxTourTest)
#include "ux_tour_test.moc"
