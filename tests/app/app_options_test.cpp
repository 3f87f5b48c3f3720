#include "app_options.h"

#include <QTest>

using namespace noc;

class AppOptionsTest : public QObject {
    Q_OBJECT
private slots:
    void parsesEveryOption() {
        const AppOptions o = parseAppOptions({"noc-console", "--profile", "acme", "--cache", "/tmp/c.db",
                                              "--lang", "zh_CN", "--log-level", "debug", "--demo"});
        QCOMPARE(o.action, AppOptions::Action::Run);
        QCOMPARE(o.profile, QStringLiteral("acme"));
        QCOMPARE(o.cachePath, QStringLiteral("/tmp/c.db"));
        QCOMPARE(o.language, QStringLiteral("zh_CN"));
        QCOMPARE(o.logLevel, QStringLiteral("debug"));
        QVERIFY(o.demo);
    }

    void syncCommandWithOnce() {
        const AppOptions o = parseAppOptions(
            {"noc-console", "sync", "--once", "--api", "http://127.0.0.1:1", "--token-file", "t"});
        QCOMPARE(o.action, AppOptions::Action::Sync);
        QVERIFY(o.syncOnce);
        QCOMPARE(o.apiUrl, QStringLiteral("http://127.0.0.1:1"));
    }

    void helpAndVersion() {
        QCOMPARE(parseAppOptions({"noc-console", "--help"}).action, AppOptions::Action::Help);
        QCOMPARE(parseAppOptions({"noc-console", "--version"}).action, AppOptions::Action::Version);
        QVERIFY(parseAppOptions({"noc-console"}).helpText.contains("--log-level"));
    }

    void badInputGivesAClearError_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown option") << QStringList{"noc-console", "--frobnicate"} << "frobnicate";
        QTest::newRow("bad log level") << QStringList{"noc-console", "--log-level", "loud"} << "loud";
        QTest::newRow("unknown command") << QStringList{"noc-console", "launch"} << "launch";
        QTest::newRow("missing value") << QStringList{"noc-console", "--cache"} << "cache";
    }
    void badInputGivesAClearError() {
        QFETCH(QStringList, arguments);
        QFETCH(QString, mentions);
        const AppOptions o = parseAppOptions(arguments);
        QCOMPARE(o.action, AppOptions::Action::Error);
        QVERIFY2(o.errorText.contains(mentions), qPrintable(o.errorText));
    }
};

QTEST_GUILESS_MAIN(AppOptionsTest)
#include "app_options_test.moc"
