#include "logging.h"

#include <QDir>
#include <QRegularExpression>
#include <csignal>
#include <cstdlib>
#include <mutex>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace noc::logging {
namespace {

const char *const kSubsystems[] = {"app", "sync", "cache", "ui", "opsim"};

std::mutex s_mutex;
QString s_logFile;

spdlog::level::level_enum toSpdlog(QtMsgType type) {
    switch (type) {
    case QtDebugMsg:
        return spdlog::level::debug;
    case QtInfoMsg:
        return spdlog::level::info;
    case QtWarningMsg:
        return spdlog::level::warn;
    case QtCriticalMsg:
        return spdlog::level::err;
    case QtFatalMsg:
        return spdlog::level::critical;
    }
    return spdlog::level::info;
}

void qtMessageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message) {
    // Qt's own categories ("qt.network.ssl", "default") go to the "ui" logger only when they came
    // from widgets; everything else lands in "app" with the category kept in the text.
    auto target = logger("app");
    const QString category = QString::fromLatin1(context.category ? context.category : "default");
    target->log(toSpdlog(type), "[{}] {}", category.toStdString(),
                message.toStdString()); // redacted by the sink
    if (type == QtFatalMsg) {
        spdlog::apply_all([](const std::shared_ptr<spdlog::logger> &l) { l->flush(); });
        std::abort();
    }
}

// Every line goes through here on its way to the file and the terminal, so a token, password or
// URL credential is starred out whoever logged it: the console's own spdlog calls as much as Qt's
// messages. Most lines name no secret at all and pass through untouched (one cheap look first).
class RedactingSink : public spdlog::sinks::sink {
public:
    explicit RedactingSink(std::vector<spdlog::sink_ptr> sinks)
        : m_sinks(std::move(sinks)) {}

    void log(const spdlog::details::log_msg &message) override {
        const QString text = QString::fromUtf8(message.payload.data(), qsizetype(message.payload.size()));
        const QString redacted = mayHoldSecret(text) ? redactSecrets(text) : text;
        if (redacted == text) {
            forward(message);
            return;
        }
        const std::string payload = redacted.toStdString();
        spdlog::details::log_msg copy = message;
        copy.payload = payload;
        forward(copy);
    }
    void flush() override {
        for (const auto &sink : m_sinks)
            sink->flush();
    }
    void set_pattern(const std::string &pattern) override {
        for (const auto &sink : m_sinks)
            sink->set_pattern(pattern);
    }
    void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override {
        for (const auto &sink : m_sinks)
            sink->set_formatter(formatter->clone());
    }

private:
    static bool mayHoldSecret(const QString &text) {
        for (const char *word : {"bearer", "token", "password", "secret", "@"})
            if (text.contains(QLatin1String(word), Qt::CaseInsensitive))
                return true;
        return false;
    }
    void forward(const spdlog::details::log_msg &message) {
        for (const auto &sink : m_sinks)
            if (sink->should_log(message.level))
                sink->log(message);
    }

    std::vector<spdlog::sink_ptr> m_sinks;
};

void flushAll() {
    spdlog::apply_all([](const std::shared_ptr<spdlog::logger> &l) { l->flush(); });
}

extern "C" void crashHandler(int signal) {
    // Not async-signal-safe in the strict sense, but the process is dying anyway and the last lines
    // of the log are what a crash investigation needs most.
    flushAll();
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

} // namespace

std::optional<spdlog::level::level_enum> parseLevel(const QString &text) {
    const QString t = text.trimmed().toLower();
    if (t == "trace")
        return spdlog::level::trace;
    if (t == "debug")
        return spdlog::level::debug;
    if (t == "info")
        return spdlog::level::info;
    if (t == "warn" || t == "warning")
        return spdlog::level::warn;
    if (t == "error")
        return spdlog::level::err;
    if (t == "critical")
        return spdlog::level::critical;
    if (t == "off")
        return spdlog::level::off;
    return std::nullopt;
}

std::shared_ptr<spdlog::logger> logger(const char *name) {
    if (auto existing = spdlog::get(name))
        return existing;
    return spdlog::default_logger();
}

QString redactSecrets(const QString &text) {
    static const QRegularExpression bearer(QStringLiteral("(Bearer\\s+)[^\\s\"',;]+"),
                                           QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression keyValue(
        QStringLiteral("((?:access_?token|token|password|secret)[\"']?\\s*[=:]\\s*[\"']?)[^\\s\"'&,;]+"),
        QRegularExpression::CaseInsensitiveOption);
    // The password of a URL's user info: "https://bob:hunter2@host/" logs as "https://bob:***@host/".
    static const QRegularExpression urlPassword(QStringLiteral("(://[^/\\s:@]*:)[^/\\s@]+@"));
    QString result = text;
    result.replace(bearer, QStringLiteral("\\1***"));
    result.replace(keyValue, QStringLiteral("\\1***"));
    result.replace(urlPassword, QStringLiteral("\\1***@"));
    return result;
}

QString logFilePath() {
    std::lock_guard lock(s_mutex);
    return s_logFile;
}

void initialize(const Settings &settings) {
    std::lock_guard lock(s_mutex);
    std::vector<spdlog::sink_ptr> sinks;
    if (settings.console)
        sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    s_logFile.clear();
    if (!settings.directory.isEmpty() && QDir().mkpath(settings.directory)) {
        const QString file = QDir(settings.directory).filePath(QStringLiteral("noc-console.log"));
        try {
            sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(file.toStdString(),
                                                                                   5 * 1024 * 1024, 5));
            s_logFile = file;
        } catch (const spdlog::spdlog_ex &error) {
            // A read-only or full log folder must not stop the console: keep the console sink.
            std::fprintf(stderr, "noc-console: cannot write the log file %s: %s\n", qPrintable(file),
                         error.what());
        }
    }

    spdlog::drop_all();
    const auto redacting = std::make_shared<RedactingSink>(std::move(sinks));
    for (const char *name : kSubsystems) {
        auto l = std::make_shared<spdlog::logger>(name, redacting);
        l->set_level(settings.level);
        l->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ [%n] %v");
        l->flush_on(spdlog::level::warn);
        spdlog::register_logger(l);
    }
    spdlog::set_default_logger(spdlog::get("app"));
    spdlog::flush_every(std::chrono::seconds(2));

    qInstallMessageHandler(qtMessageHandler);
    static bool handlersInstalled = false;
    if (!handlersInstalled) {
        handlersInstalled = true;
        std::atexit(flushAll);
        for (int sig : {SIGSEGV, SIGABRT, SIGFPE, SIGILL, SIGBUS})
            std::signal(sig, crashHandler);
    }
}

} // namespace noc::logging
