// noc-console: the composition root. Parses the command line, sets up logging and language, and
// wires the libraries together; everything with behaviour lives in noc_models / noc_widgets.
#include "app_options.h"
#include "language_manager.h"
#include "logging.h"
#include "main_window.h"

#include <QApplication>
#include <QDir>
#include <QStandardPaths>
#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("noc-console"));
    QCoreApplication::setApplicationName(QStringLiteral("noc-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NOC_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("NOC Console"));

    const noc::AppOptions options = noc::parseAppOptions(QCoreApplication::arguments());
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
    default:
        break;
    }

    noc::logging::Settings logSettings;
    logSettings.directory =
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).filePath(QStringLiteral("logs"));
    logSettings.level = *noc::logging::parseLevel(options.logLevel);
    noc::logging::initialize(logSettings);
    auto log = noc::logging::logger("app");
    log->info("NOC Console {} starting; log file {}", NOC_VERSION, noc::logging::logFilePath().toStdString());

    noc::LanguageManager languages;
    languages.setLanguage(noc::LanguageManager::resolveLanguage(options.language));

    if (options.action == noc::AppOptions::Action::Sync) {
        std::fprintf(stderr, "noc-console: the sync command needs the sync engine, which this build does not have yet\n");
        return 3;
    }

    noc::MainWindow window(&languages);
    window.restoreLayout();
    window.show();
    const int rc = QApplication::exec();
    log->info("NOC Console exiting with code {}", rc);
    return rc;
}
