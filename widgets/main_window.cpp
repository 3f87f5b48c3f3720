#include "main_window.h"

#include "about_dialog.h"
#include "console_icon.h"
#include "empty_state_widget.h"
#include "language_manager.h"
#include "status_notices.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QShowEvent>
#include <QStatusBar>
#include <QToolButton>

namespace noc {

namespace {
const char *const kGeometryKey = "mainWindow/geometry";
const char *const kStateKey = "mainWindow/state";
// Bump when docks are added or renamed so an old saved layout does not hide a new dock.
constexpr int kLayoutVersion = 2; // 2: Trends dock

QDockWidget *makeDock(const char *objectName, QWidget *content, QMainWindow *window) {
    auto *dock = new QDockWidget(window);
    dock->setObjectName(QLatin1String(objectName));
    dock->setWidget(content);
    dock->setAllowedAreas(Qt::AllDockWidgetAreas);
    return dock;
}
} // namespace

MainWindow::MainWindow(LanguageManager *languages, QWidget *parent)
    : QMainWindow(parent)
    , m_languages(languages) {
    setObjectName("mainWindow");
    m_mapEmpty = new EmptyStateWidget(this);
    m_mapEmpty->setObjectName("mapEmptyState");
    setCentralWidget(m_mapEmpty);

    createDocks();
    createMenus();

    m_notices = new StatusNotices(this);
    statusBar()->addWidget(m_notices, 1);
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName("connectionStatus");
    m_connectionLabel->setContentsMargins(8, 0, 8, 0);
    statusBar()->addPermanentWidget(m_connectionLabel);
    m_signInButton = new QToolButton(this);
    m_signInButton->setObjectName("signInStatusButton");
    m_signInButton->hide();
    connect(m_signInButton, &QToolButton::clicked, this, &MainWindow::signInRequested);
    statusBar()->addPermanentWidget(m_signInButton);

    retranslateUi();
    resize(1400, 900);
    m_defaultState = saveState(kLayoutVersion);
}

void MainWindow::createDocks() {
    m_alarmsEmpty = new EmptyStateWidget(this);
    m_ticketsEmpty = new EmptyStateWidget(this);
    m_detailsEmpty = new EmptyStateWidget(this);
    m_trendsEmpty = new EmptyStateWidget(this);
    m_alarmsDock = makeDock("alarmsDock", m_alarmsEmpty, this);
    m_ticketsDock = makeDock("ticketsDock", m_ticketsEmpty, this);
    m_detailsDock = makeDock("detailsDock", m_detailsEmpty, this);
    m_trendsDock = makeDock("trendsDock", m_trendsEmpty, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_alarmsDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_ticketsDock);
    addDockWidget(Qt::BottomDockWidgetArea, m_trendsDock);
    tabifyDockWidget(m_alarmsDock, m_ticketsDock);
    tabifyDockWidget(m_ticketsDock, m_trendsDock);
    m_alarmsDock->raise();
    addDockWidget(Qt::RightDockWidgetArea, m_detailsDock);
}

void MainWindow::setCacheProblem(const QString &message) {
    m_cacheProblem = message;
    retranslateUi();
}

void MainWindow::showNotice(const QString &text) {
    static_assert(kNoticeMs == StatusNotices::kShowMs);
    m_notices->post(text);
}

void MainWindow::applyDefaultDockSizes() {
    // Dock sizes only stick once the window has its real size, hence from the first show.
    resizeDocks({m_alarmsDock}, {height() * 2 / 5}, Qt::Vertical);
    resizeDocks({m_detailsDock}, {360}, Qt::Horizontal);
}

void MainWindow::showEvent(QShowEvent *event) {
    QMainWindow::showEvent(event);
    if (!m_shownOnce && !m_layoutRestored)
        applyDefaultDockSizes();
    m_shownOnce = true;
}

void MainWindow::createMenus() {
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName("fileMenu");
    m_signInAction = m_fileMenu->addAction(QString(), this, &MainWindow::signInRequested);
    m_signInAction->setObjectName("signInAction");
    m_signInAction->setEnabled(false); // until a session with a server is wired
    m_conflictsAction = m_fileMenu->addAction(QString(), this, &MainWindow::conflictsRequested);
    m_conflictsAction->setObjectName("conflictsAction");
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), QKeySequence::Quit, this, &QWidget::close);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->setObjectName("viewMenu");
    m_viewMenu->addAction(m_alarmsDock->toggleViewAction());
    m_viewMenu->addAction(m_ticketsDock->toggleViewAction());
    m_viewMenu->addAction(m_detailsDock->toggleViewAction());
    m_viewMenu->addAction(m_trendsDock->toggleViewAction());
    m_viewMenu->addSeparator();
    m_resetLayoutAction = m_viewMenu->addAction(QString(), this, &MainWindow::resetLayout);
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->setObjectName("languageMenu");
    auto *languageGroup = new QActionGroup(this);
    // Language names are shown in their own language so a user can always find theirs.
    m_englishAction = m_languageMenu->addAction(QStringLiteral("English"));
    m_chineseAction = m_languageMenu->addAction(QStringLiteral("中文 (简体)"));
    for (QAction *action : {m_englishAction, m_chineseAction}) {
        action->setCheckable(true);
        languageGroup->addAction(action);
    }
    connect(m_englishAction, &QAction::triggered, this, [this] { switchLanguage(QStringLiteral("en")); });
    connect(m_chineseAction, &QAction::triggered, this, [this] { switchLanguage(QStringLiteral("zh_CN")); });

    m_alarmsMenu = menuBar()->addMenu(QString());
    m_alarmsMenu->setObjectName("alarmsMenu");
    m_noAlarmActions = m_alarmsMenu->addAction(QString());
    m_noAlarmActions->setEnabled(false);

    m_ticketsMenu = menuBar()->addMenu(QString());
    m_ticketsMenu->setObjectName("ticketsMenu");
    m_noTicketActions = m_ticketsMenu->addAction(QString());
    m_noTicketActions->setEnabled(false);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName("helpMenu");
    m_aboutAction = m_helpMenu->addAction(QString(), this, [this] {
        AboutDialog dialog(this);
        dialog.exec();
    });
}

void MainWindow::retranslateUi() {
    // The platform appends the application's display name to every window's title unless the title
    // already ends with it: the name is translated here, and the count ends with it rather than
    // following it ("NOC Console — 3 unacknowledged critical — NOC Console" before). The count comes
    // first, where a narrow task bar entry still shows it.
    QGuiApplication::setApplicationDisplayName(tr("NOC Console"));
    setWindowTitle(m_unackCritical > 0 ? tr("%n unacknowledged critical", nullptr, m_unackCritical) +
                                             QStringLiteral(" — ") + tr("NOC Console")
                                       : tr("NOC Console"));
    // Each empty state exists only until a real view replaces it.
    if (!m_cacheProblem.isEmpty()) {
        // Not "after the first sync": no sync can fill a cache that cannot be opened.
        for (EmptyStateWidget *empty : {m_mapEmpty, m_alarmsEmpty, m_ticketsEmpty}) {
            if (!empty)
                continue;
            empty->setTitle(tr("The cache could not be opened"));
            empty->setExplanation(m_cacheProblem);
        }
    } else if (m_mapEmpty) {
        m_mapEmpty->setTitle(tr("No topology yet"));
        m_mapEmpty->setExplanation(tr("The network map appears here once the cache holds network elements. "
                                      "Connect to an operations server, or start the console with --demo."));
    }
    if (m_alarmsEmpty && m_cacheProblem.isEmpty()) {
        m_alarmsEmpty->setTitle(tr("No alarms in the cache"));
        m_alarmsEmpty->setExplanation(
            tr("Alarms appear here after the first sync with the operations server."));
    }
    if (m_ticketsEmpty && m_cacheProblem.isEmpty()) {
        m_ticketsEmpty->setTitle(tr("No trouble tickets in the cache"));
        m_ticketsEmpty->setExplanation(tr("Ticket queues appear here after the first sync."));
    }
    if (m_detailsEmpty) {
        m_detailsEmpty->setTitle(tr("Nothing selected"));
        m_detailsEmpty->setExplanation(
            tr("Select an alarm, a ticket or a network element to see its details."));
    }
    if (m_trendsEmpty) {
        m_trendsEmpty->setTitle(tr("No alarm trends yet"));
        m_trendsEmpty->setExplanation(tr("Alarms raised per minute and active alarms over the last 24 hours "
                                         "appear here once the cache is open."));
    }
    m_alarmsDock->setWindowTitle(tr("Alarms"));
    m_ticketsDock->setWindowTitle(tr("Tickets"));
    m_detailsDock->setWindowTitle(tr("Details"));
    m_trendsDock->setWindowTitle(tr("Trends"));

    m_fileMenu->setTitle(tr("&File"));
    m_quitAction->setText(tr("&Quit"));
    m_conflictsAction->setText(tr("&Conflicts and refused changes…"));
    m_signInAction->setText(tr("&Sign in…"));
    m_signInButton->setText(tr("Sign in…"));
    m_signInButton->setToolTip(
        tr("The server refused the access token: sign in again to send your changes."));
    m_viewMenu->setTitle(tr("&View"));
    m_resetLayoutAction->setText(tr("&Reset Layout"));
    m_languageMenu->setTitle(tr("&Language"));
    m_alarmsMenu->setTitle(tr("&Alarms"));
    m_noAlarmActions->setText(tr("No alarm actions until alarms are loaded"));
    m_ticketsMenu->setTitle(tr("&Tickets"));
    m_noTicketActions->setText(tr("No ticket actions until tickets are loaded"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About NOC Console"));

    if (m_connectionTextIsDefault) {
        m_connectionLabel->setText(tr("Offline · not connected"));
        m_connectionLabel->setToolTip(
            tr("No connection profile is active; the console shows the local cache."));
    }
    const bool chinese = m_languages && m_languages->language() == QLatin1String("zh_CN");
    m_chineseAction->setChecked(chinese);
    m_englishAction->setChecked(!chinese);
}

void MainWindow::setUnacknowledgedCritical(int count) {
    if (count != m_unackCritical)
        setWindowIcon(consoleIcon(count)); // the task bar's entry shows the count too
    m_unackCritical = count;
    retranslateUi();
}

void MainWindow::setAlarmActions(const QList<QAction *> &actions) {
    m_alarmsMenu->removeAction(m_noAlarmActions);
    m_alarmsMenu->addActions(actions);
}

void MainWindow::setTicketActions(const QList<QAction *> &actions) {
    m_ticketsMenu->removeAction(m_noTicketActions);
    m_ticketsMenu->addActions(actions);
}

void MainWindow::setMapView(QWidget *view) {
    setCentralWidget(view);
    m_mapEmpty = nullptr;
}

// QDockWidget::setWidget keeps the old widget; the empty state has done its job, so it goes.
static void replaceDockWidget(QDockWidget *dock, QWidget *view, EmptyStateWidget *&emptyState) {
    dock->setWidget(view);
    delete emptyState;
    emptyState = nullptr;
}

void MainWindow::setAlarmsView(QWidget *view) {
    replaceDockWidget(m_alarmsDock, view, m_alarmsEmpty);
}
void MainWindow::setTicketsView(QWidget *view) {
    replaceDockWidget(m_ticketsDock, view, m_ticketsEmpty);
}
void MainWindow::setDetailsView(QWidget *view) {
    replaceDockWidget(m_detailsDock, view, m_detailsEmpty);
}
void MainWindow::setTrendsView(QWidget *view) {
    replaceDockWidget(m_trendsDock, view, m_trendsEmpty);
}

void MainWindow::setConnectionStatus(const QString &text, const QString &toolTip) {
    m_connectionTextIsDefault = false;
    m_connectionLabel->setText(text);
    m_connectionLabel->setToolTip(toolTip);
}

void MainWindow::setSignInAvailable(bool available) {
    m_signInAction->setEnabled(available);
}

void MainWindow::setSignInNeeded(bool needed) {
    m_signInButton->setVisible(needed);
}

QString MainWindow::connectionStatus() const {
    return m_connectionLabel->text();
}

void MainWindow::restoreLayout() {
    QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    m_layoutRestored = restoreState(settings.value(kStateKey).toByteArray(), kLayoutVersion);
}

void MainWindow::resetLayout() {
    restoreState(m_defaultState, kLayoutVersion);
    for (QDockWidget *dock : {m_alarmsDock, m_ticketsDock, m_trendsDock, m_detailsDock})
        dock->show();
    applyDefaultDockSizes();
}

void MainWindow::saveLayout() const {
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState(kLayoutVersion));
}

void MainWindow::closeEvent(QCloseEvent *event) {
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        emit retranslated();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::switchLanguage(const QString &code) {
    if (!m_languages)
        return;
    m_languages->setLanguage(code);
    LanguageManager::saveLanguage(code);
}

} // namespace noc
