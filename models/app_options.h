#pragma once

#include <QString>
#include <QStringList>

// The console's command line. Parsed in models/ (QtCore only) so tests can check it without a GUI.
namespace noc {

struct AppOptions {
    enum class Action { Run, Help, Version, Sync, Error };
    Action action = Action::Run;
    QString profile;   // connection profile name
    QString cachePath; // explicit cache file, overrides the profile's
    QString language;  // e.g. "zh_CN"; empty = setting or system locale
    QString logLevel = QStringLiteral("info");
    bool demo = false;
    // sync sub-command
    bool syncOnce = false;
    QString apiUrl;
    QString tokenFile;
    QString helpText;
    QString errorText;
};

// `arguments` includes the program name, as QCoreApplication::arguments() does.
AppOptions parseAppOptions(const QStringList &arguments);

} // namespace noc
