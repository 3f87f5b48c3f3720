#pragma once

#include <QString>
#include <memory>
#include <optional>
#include <spdlog/spdlog.h>

// Application logging: spdlog with a rotating file (5 MB x 5) in the application's local data
// folder plus a console sink; Qt's qDebug/qWarning/qCritical (with categories) are routed into it.
// One logger per subsystem ("app", "sync", "cache", "ui", "opsim") sharing the same sinks.
namespace noc::logging {

struct Settings {
    QString directory; // where noc-console.log goes; empty = no file sink
    spdlog::level::level_enum level = spdlog::level::info;
    bool console = true;
};

// Sets up the sinks and loggers, installs the Qt message handler and flushes on crash and exit.
// Safe to call more than once (later calls replace the sinks).
void initialize(const Settings &settings);

// "trace|debug|info|warn|warning|error|critical|off" (any case); nullopt when unknown.
std::optional<spdlog::level::level_enum> parseLevel(const QString &text);

// A named subsystem logger; falls back to the default logger before initialize() (tests).
std::shared_ptr<spdlog::logger> logger(const char *name);

// Masks secrets before they reach a sink: bearer tokens, token=... query items, passwords.
QString redactSecrets(const QString &text);

// The file the rotating sink writes, or empty.
QString logFilePath();

} // namespace noc::logging
