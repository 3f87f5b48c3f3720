// The operations API's error texts: in plain words of the user's language where a person reads them
// (status bar, conflicts list), while the form kept in the cache stays the same in every language, so
// that the refused-changes list still reads the HTTP status back after a language switch. Real parts:
// opsim on 127.0.0.1 (in-process) answering a real 404, the real zh_CN translation.
#include "sync_test_support.h"

#include "language_manager.h"
#include "sync/ops_api_client.h"
#include "sync/refused_changes.h"

#include <QTest>

using namespace noc;
using namespace noc::test;

class ApiErrorTextTest : public QObject {
    Q_OBJECT

private slots:
    void serverErrorIsTranslatedAndItsStoredFormStaysReadable() {
        // Given a real 404 from the server (an alarm it does not have)
        opsim::test::ServerFixture server(syncServerConfig(10, 5, 0));
        QVERIFY2(server.ok, qPrintable(server.error));
        OpsApiClient client(profileFor(server.server->baseUrl(), {}), kToken);
        ApiResponse answer;
        bool answered = false;
        client.get(server.url(QStringLiteral("/tmf-api/alarm/v4/alarm/NO-SUCH-ALARM")),
                   [&](const ApiResponse &response) {
                       answer = response;
                       answered = true;
                   });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 10000);
        QCOMPARE(answer.status, 404);

        LanguageManager languages;
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QVERIFY(languages.setLanguage(lang));
            // When the console shows it, Then it reads in the user's language and names the status
            const QString shown = answer.errorMessage();
            QVERIFY2(shown.contains(QStringLiteral("HTTP 404")), qPrintable(shown));
            if (lang == QLatin1String("en"))
                QVERIFY2(shown.startsWith(QStringLiteral("The server answered with an error (HTTP 404): ")),
                         qPrintable(shown));
            else
                QVERIFY2(shown.startsWith(QStringLiteral("服务器返回错误")), qPrintable(shown));
            // And the form kept in the outbox is the same in both languages and reads back as a 404
            const QString stored = answer.storedError();
            QVERIFY2(stored.endsWith(QStringLiteral(" (HTTP 404)")), qPrintable(stored));
            OutboxEntry entry;
            entry.targetKind = QStringLiteral("alarm");
            entry.lastError = stored;
            const RefusedChange refused = refused::fromEntry(entry);
            QCOMPARE(refused.httpStatus, 404);
            QVERIFY(refused.reason() == RefusedChange::Reason::TargetGone);
            QVERIFY(!refused.serverMessage.isEmpty());
            QVERIFY(!refused.serverMessage.contains(QStringLiteral("HTTP")));
        }
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
    }

    void statusOnlyAndNoAnswerAreTranslatedToo() {
        ApiResponse unavailable;
        unavailable.status = 503; // a proxy's bare 503, no TMF body
        ApiResponse silent;       // no answer and no network error to say why
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        QCOMPARE(unavailable.errorMessage(), QStringLiteral("The server answered with an error (HTTP 503)."));
        QCOMPARE(silent.errorMessage(), QStringLiteral("The server did not answer."));
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        QVERIFY2(unavailable.errorMessage().contains(QStringLiteral("HTTP 503")),
                 qPrintable(unavailable.errorMessage()));
        QVERIFY2(!unavailable.errorMessage().contains(QStringLiteral("The server")),
                 qPrintable(unavailable.errorMessage()));
        QVERIFY2(!silent.errorMessage().contains(QStringLiteral("server")),
                 qPrintable(silent.errorMessage()));
        // The stored forms do not depend on the language, and still read back
        QCOMPARE(unavailable.storedError(), QStringLiteral("HTTP 503"));
        QCOMPARE(ApiResponse::parseStoredError(unavailable.storedError()).httpStatus, 503);
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
    }
};

QTEST_MAIN(ApiErrorTextTest)
#include "api_error_text_test.moc"
