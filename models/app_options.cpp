#include "app_options.h"

#include "logging.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace noc {

AppOptions parseAppOptions(const QStringList &arguments) {
    AppOptions options;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("AppOptions", "NOC Console: topology, live alarms and trouble tickets, "
                                                  "online and offline.\n\nCommands:\n  sync   fill the cache "
                                                  "from the server and exit (use with --once)"));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption profileOption({"p", "profile"}, "Connection profile to use.", "NAME");
    const QCommandLineOption cacheOption("cache", "Cache file to use instead of the profile's.", "PATH");
    const QCommandLineOption langOption("lang", "User interface language (en, zh_CN).", "CODE");
    const QCommandLineOption logLevelOption("log-level", "trace, debug, info, warn, error or off.", "LEVEL",
                                            QStringLiteral("info"));
    const QCommandLineOption demoOption("demo", "Start the built-in simulator and connect to it.");
    const QCommandLineOption onceOption("once", "With sync: one full sync, then exit.");
    const QCommandLineOption apiOption("api", "With sync: server base URL.", "URL");
    const QCommandLineOption tokenFileOption("token-file", "With sync: file holding the bearer token.",
                                             "FILE");
    parser.addOptions({profileOption, cacheOption, langOption, logLevelOption, demoOption, onceOption,
                       apiOption, tokenFileOption});
    parser.addPositionalArgument("command", "Optional command: sync.", "[sync]");

    options.helpText = parser.helpText();
    if (!parser.parse(arguments)) {
        options.action = AppOptions::Action::Error;
        options.errorText = parser.errorText();
        return options;
    }
    if (parser.isSet(helpOption)) {
        options.action = AppOptions::Action::Help;
        return options;
    }
    if (parser.isSet(versionOption)) {
        options.action = AppOptions::Action::Version;
        return options;
    }

    options.profile = parser.value(profileOption);
    options.cachePath = parser.value(cacheOption);
    options.language = parser.value(langOption);
    options.logLevel = parser.value(logLevelOption);
    options.demo = parser.isSet(demoOption);
    options.syncOnce = parser.isSet(onceOption);
    options.apiUrl = parser.value(apiOption);
    options.tokenFile = parser.value(tokenFileOption);

    if (!logging::parseLevel(options.logLevel)) {
        options.action = AppOptions::Action::Error;
        options.errorText =
            QStringLiteral("unknown log level '%1' (use trace, debug, info, warn, error or off)")
                .arg(options.logLevel);
        return options;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1 || (positional.size() == 1 && positional.first() != "sync")) {
        options.action = AppOptions::Action::Error;
        options.errorText =
            QStringLiteral("unknown command '%1' (the only command is 'sync')").arg(positional.join(' '));
        return options;
    }
    if (positional.size() == 1)
        options.action = AppOptions::Action::Sync;
    return options;
}

} // namespace noc
