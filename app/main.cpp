// noc-console: the composition root. Parses the command line, sets up logging and language, and
// wires the libraries together; everything with behaviour lives in noc_models / noc_widgets.
#include "app_options.h"
#include "cache/cache_schema.h"
#include "console_icon.h"
#include "demo_failure.h"
#include "demo_server.h"
#include "headless_sync.h"
#include "language_manager.h"
#include "logging.h"
#include "main_window.h"
#include "startup_notice.h"
#include "sync/sync_session.h"
#include "sync/token_store.h"
#include "sync_status_text.h"
#include "view_wiring.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <cstdio>
#include <memory>

namespace {

// Which server and token this run uses: the demo, a saved profile, or none (the local cache only).
struct Connection {
    noc::ConnectionProfile profile;
    QString token;
    QString warning;
};

// The demo's server URL is not known yet: the session connects when the server is ready.
Connection chooseConnection(const noc::AppOptions &options, QString *error) {
    Connection connection;
    if (options.demo) {
        connection.profile.name = QStringLiteral("demo");
        connection.profile.userId = QString::fromLatin1(noc::DemoServer::kDemoUser);
        connection.profile.role = QStringLiteral("supervisor");
        connection.token = QString::fromLatin1(noc::DemoServer::kToken);
    } else if (!options.profile.isEmpty()) {
        if (!noc::ProfileStore::load(options.profile, &connection.profile)) {
            *error = QCoreApplication::translate("main", "There is no connection profile named \"%1\".")
                         .arg(options.profile);
            connection.profile.name = options.profile;
        } else {
            const noc::TokenStore::Result token = noc::TokenStore::read(options.profile);
            connection.token = token.token;
            connection.warning = token.ok() ? token.warning : token.error;
        }
    } else {
        connection.profile.name = QStringLiteral("local");
    }
    if (!options.cachePath.isEmpty())
        connection.profile.cachePath = options.cachePath;
    return connection;
}

} // namespace

void setApplicationIdentity() {
    QCoreApplication::setOrganizationName(QStringLiteral("noc-console"));
    QCoreApplication::setApplicationName(QStringLiteral("noc-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NOC_VERSION));
}

void initializeLogging(const noc::AppOptions &options) {
    noc::logging::Settings logSettings;
    logSettings.directory = QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
                                .filePath(QStringLiteral("logs"));
    logSettings.level = *noc::logging::parseLevel(options.logLevel);
    noc::logging::initialize(logSettings);
}

int main(int argc, char **argv) {
    QElapsedTimer sinceStart; // for the "window shown" log line: how long a person waits for the window
    sinceStart.start();
    noc::CacheSchema::configureLibrary(); // before anything opens a database
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const noc::AppOptions options = noc::parseAppOptions(arguments);
    switch (options.action) {
    case noc::AppOptions::Action::Help:
        std::fputs(qPrintable(options.helpText), stdout);
        return 0;
    case noc::AppOptions::Action::Version:
        std::printf("noc-console %s\n", NOC_VERSION);
        return 0;
    case noc::AppOptions::Action::Error:
        std::fprintf(stderr, "noc-console: %s\n", qPrintable(options.errorText));
        return 2;
    case noc::AppOptions::Action::Sync: {
        // Headless: no display needed (engineers run it over ssh or from cron).
        QCoreApplication app(argc, argv);
        setApplicationIdentity();
        initializeLogging(options);
        return noc::runHeadlessSync(options);
    }
    case noc::AppOptions::Action::Run:
        break;
    }

    QApplication app(argc, argv);
    setApplicationIdentity();
    QGuiApplication::setApplicationDisplayName(QStringLiteral("NOC Console"));
    QApplication::setWindowIcon(noc::consoleIcon());
    initializeLogging(options);
    auto log = noc::logging::logger("app");
    log->info("NOC Console {} starting; log file {}", NOC_VERSION, noc::logging::logFilePath().toStdString());

    noc::LanguageManager languages;
    languages.setLanguage(noc::LanguageManager::resolveLanguage(options.language));

    noc::DemoServer demo;
    QString connectionError;
    const Connection connection = chooseConnection(options, &connectionError);

    noc::MainWindow window(&languages);
    noc::SyncSession session(connection.profile, connection.token);
    QStringList problems;
    if (!connectionError.isEmpty())
        problems << connectionError;
    if (!connection.warning.isEmpty())
        problems << connection.warning;
    if (!session.openCache())
        // Failed, or ReadOnly: the file is shown but nothing can be saved; the message says what to do
        problems << session.openResult().message;
    else if (session.openResult().outcome == noc::CacheOpenResult::Outcome::Recovered ||
             session.openResult().restoredUnsavedEntries > 0 || session.openResult().keptUnsavedEntries > 0)
        // a damaged cache moved aside, or last session's unsaved changes taken in: the user must know
        problems << session.openResult().message;

    // The status bar says what sync is doing; a timer keeps "offline 12 min" honest between events.
    bool demoStarting = options.demo && session.openResult().ok();
    auto refreshStatus = [&window, &session, &demoStarting] {
        if (demoStarting) {
            window.setConnectionStatus(
                QCoreApplication::translate("main", "Starting the demo server…"),
                QCoreApplication::translate("main", "The built-in demo server is building its simulated "
                                                    "network; the console connects as soon as it is ready."));
            return;
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        window.setConnectionStatus(noc::SyncStatusText::summary(session.status(), now),
                                   noc::SyncStatusText::details(session.status(), now));
    };
    QObject::connect(&session, &noc::SyncSession::statusChanged, &window, refreshStatus);
    QObject::connect(&window, &noc::MainWindow::retranslated, &window, refreshStatus);
    QObject::connect(&session, &noc::SyncSession::writeFailed, &window,
                     [&window](const QString &message) { window.statusBar()->showMessage(message, 15000); });
    QTimer ageTimer;
    QObject::connect(&ageTimer, &QTimer::timeout, &window, refreshStatus);
    ageTimer.start(30000);
    if (!session.openResult().readable())
        window.setCacheProblem(session.openResult().message);
    // A read-only cache is still shown (its views open their own read connections).
    if (session.openResult().readable()) {
        noc::wireViews(window, session);
        noc::wireSignIn(window, session);
    }
    window.restoreLayout();
    // The demo's server builds its network and a day of history on its own thread (a second or
    // two): the window is shown first and the session connects when the server is ready.
    QObject::connect(&demo, &noc::DemoServer::ready, &window,
                     [&session, &demoStarting, &refreshStatus, log, &sinceStart](const QUrl &url) {
                         log->info("Demo server ready {} ms after start", sinceStart.elapsed());
                         demoStarting = false;
                         session.connectTo(url);
                         refreshStatus();
                     });
    noc::handleDemoServerFailure(demo, session, window, [&demoStarting, &refreshStatus] {
        demoStarting = false;
        refreshStatus();
    });
    window.show();
    log->info("Main window shown {} ms after start", sinceStart.elapsed());
    if (session.openResult().readable()) {
        session.start();
        if (demoStarting)
            session.expectServer(); // the views' headers say "connecting…" while the server starts
        if (!connection.profile.serverUrl.isEmpty() || demoStarting)
            refreshStatus();
        if (demoStarting)
            demo.start();
    }

    if (!problems.isEmpty()) {
        // Non-modal: the console stays usable while the user reads it.
        auto *box = new noc::StartupNotice(problems, &window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }

    const int rc = QApplication::exec();
    session.stop();
    demo.stop();
    log->info("NOC Console exiting with code {}", rc);
    return rc;
}
