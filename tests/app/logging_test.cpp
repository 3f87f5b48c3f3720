#include "logging.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace noc;

namespace {
// Debug-level logging into `dir`'s log file only (no terminal).
void startLoggingInto(const QTemporaryDir &dir) {
    logging::Settings settings;
    settings.directory = dir.path();
    settings.level = spdlog::level::debug;
    settings.console = false;
    logging::initialize(settings);
}

// The log file's text once every logger has flushed (empty when it cannot be read).
QString flushedLogFile() {
    spdlog::apply_all([](const std::shared_ptr<spdlog::logger> &l) { l->flush(); });
    QFile file(logging::logFilePath());
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}
} // namespace

class LoggingTest : public QObject {
    Q_OBJECT
private slots:
    void secretsAreRedacted_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("secret");
        QTest::newRow("bearer header") << "Authorization: Bearer s3cr3t-T0ken.xyz"
                                       << "s3cr3t-T0ken.xyz";
        QTest::newRow("query item") << "GET /x?access_token=abc123&y=1"
                                    << "abc123";
        QTest::newRow("json field") << R"({"token": "deadbeef"})"
                                    << "deadbeef";
        QTest::newRow("password") << "password=hunter2"
                                  << "hunter2";
        QTest::newRow("url user info") << "connecting to https://bob:hunter2@ops.example.net/tmf-api"
                                       << "hunter2";
    }
    void secretsAreRedacted() {
        QFETCH(QString, line);
        QFETCH(QString, secret);
        const QString redacted = logging::redactSecrets(line);
        QVERIFY2(!redacted.contains(secret), qPrintable(redacted));
        QVERIFY(redacted.contains("***"));
    }

    void qtMessagesReachTheLogFileWithoutSecrets() {
        // Given logging into a temporary folder
        QTemporaryDir dir;
        startLoggingInto(dir);

        // When Qt code warns with a token in the text
        qWarning("request failed; header was Bearer abc.def.ghi");
        logging::logger("sync")->info("sync subsystem line");

        // Then the file holds both lines, names the subsystem, and not the token
        const QString text = flushedLogFile();
        QVERIFY2(text.contains("request failed"), qPrintable(text));
        QVERIFY(text.contains("[sync] sync subsystem line"));
        QVERIFY(!text.contains("abc.def.ghi"));
        spdlog::drop_all();
    }

    void theConsolesOwnLinesAreRedactedToo() {
        // Given logging into a temporary folder
        QTemporaryDir dir;
        startLoggingInto(dir);

        // When the console's own code (spdlog, not Qt) logs a header, a URL with a password and a
        // line with neither
        logging::logger("sync")->warn("refused; header was Bearer eyJhbGciOi.payload.sig");
        logging::logger("app")->info("server https://bob:hunter2@ops.example.net/tmf-api");
        logging::logger("cache")->info("plain line, 100% fine");

        // Then the file has every line, with the secrets starred out and the rest as it was
        const QString text = flushedLogFile();
        QVERIFY2(text.contains("[sync] refused; header was Bearer ***"), qPrintable(text));
        QVERIFY2(text.contains("[app] server https://bob:***@ops.example.net/tmf-api"), qPrintable(text));
        QVERIFY(text.contains("[cache] plain line, 100% fine"));
        QVERIFY(!text.contains("eyJhbGciOi"));
        QVERIFY(!text.contains("hunter2"));
        spdlog::drop_all();
    }

    void levelsParse() {
        QCOMPARE(*logging::parseLevel("WARNING"), spdlog::level::warn);
        QVERIFY(!logging::parseLevel("loud"));
    }
};

QTEST_GUILESS_MAIN(LoggingTest)
#include "logging_test.moc"
