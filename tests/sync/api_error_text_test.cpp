// The operations API's error texts: in plain words of the user's language where a person reads them
// (status bar, conflicts list), while the form kept in the cache stays the same in every language, so
// that the refused-changes list still reads the HTTP status back after a language switch. Real parts:
// opsim on 127.0.0.1 (in-process) answering a real 404, the real zh_CN translation.
#include "sync_test_support.h"

#include "language_manager.h"
#include "sync/ops_api_client.h"
#include "sync/refused_changes.h"
#include "sync_status_text.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace noc;
using namespace noc::test;

namespace {
// One GET answered however `server` (or nobody) answers it.
ApiResponse getOnce(const QUrl &url, int timeoutMs = 10000) {
    OpsApiClient client(profileFor(QUrl(QStringLiteral("http://127.0.0.1")), {}), kToken);
    client.setTimeoutMs(timeoutMs);
    ApiResponse answer;
    bool answered = false;
    client.get(url, [&](const ApiResponse &response) {
        answer = response;
        answered = true;
    });
    if (!QTest::qWaitFor([&] { return answered; }, 15000))
        qWarning("no answer, not even a network error, within 15 s");
    return answer;
}

// How the refused-changes list reads an outbox entry whose last error is `stored`.
RefusedChange refusedWith(const QString &stored) {
    OutboxEntry entry;
    entry.targetKind = QStringLiteral("ticket");
    entry.lastError = stored;
    return refused::fromEntry(entry);
}
} // namespace

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

    void noAnswerIsStoredAsTheConsolesCodeAndShownInTheLanguageOfTheMoment() {
        // Given a port nobody listens on (a server that was there a moment ago), and a server that
        // takes the connection but never answers
        QTcpServer gone;
        QVERIFY(gone.listen(QHostAddress::LocalHost));
        const quint16 refusedPort = gone.serverPort();
        gone.close();
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        LanguageManager languages;
        // When the requests fail while the console is in Chinese
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        const ApiResponse refused =
            getOnce(QUrl(QStringLiteral("http://127.0.0.1:%1/tmf-api/alarm/v4/alarm").arg(refusedPort)));
        const ApiResponse timedOut = getOnce(
            QUrl(QStringLiteral("http://127.0.0.1:%1/tmf-api/alarm/v4/alarm").arg(silent.serverPort())), 300);
        QCOMPARE(refused.status, 0);
        QCOMPARE(timedOut.status, 0);
        // Then what is kept is the console's code, not the words of the language active then
        const QString storedRefused = refused.storedError();
        const QString storedTimeout = timedOut.storedError();
        QVERIFY2(storedRefused.startsWith(QStringLiteral("[noc] connection-refused")),
                 qPrintable(storedRefused));
        QVERIFY2(storedTimeout.startsWith(QStringLiteral("[noc] timed-out")), qPrintable(storedTimeout));
        // And after a switch to English it reads in English, Qt's own words kept as the detail
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        const QString english = ApiResponse::describeStoredError(storedRefused);
        QVERIFY2(english.startsWith(QStringLiteral("The server refused the connection")),
                 qPrintable(english));
        QVERIFY2(english.endsWith(QStringLiteral("(%1)").arg(refused.networkError)), qPrintable(english));
        QVERIFY2(!refused.networkError.isEmpty(), "Qt said nothing about the refused connection");
        QVERIFY2(ApiResponse::describeStoredError(storedTimeout)
                     .startsWith(QStringLiteral("The request timed out or was cancelled.")),
                 qPrintable(ApiResponse::describeStoredError(storedTimeout)));
        // And back in Chinese, in Chinese
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        const QString chinese = ApiResponse::describeStoredError(storedRefused);
        QVERIFY2(!chinese.startsWith(QStringLiteral("The server")) &&
                     chinese.contains(QStringLiteral("服务器")),
                 qPrintable(chinese));
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
    }

    void theStatusBarsLastProblemFollowsTheLanguage() {
        // Given a console in Chinese whose server is not there (nothing listens on its port)
        QTcpServer gone;
        QVERIFY(gone.listen(QHostAddress::LocalHost));
        const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(gone.serverPort()));
        gone.close();
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        QTemporaryDir dir;
        Client client(url, dir.filePath(QStringLiteral("c.sqlite")));
        QTRY_VERIFY_WITH_TIMEOUT(!client.last.error.isEmpty(), 10000);
        // When the user switches to English, Then the status bar's tooltip says the problem in English
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        const EpochMs now = QDateTime::currentMSecsSinceEpoch();
        const QString english = SyncStatusText::details(client.last, now);
        QVERIFY2(english.contains(QStringLiteral("Last problem: The server refused the connection")),
                 qPrintable(english));
        // And back in Chinese, in Chinese
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        const QString chinese = SyncStatusText::details(client.last, now);
        QVERIFY2(!chinese.contains(QStringLiteral("The server refused")), qPrintable(chinese));
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        client.session.stop();
    }

    void wordsFromOutsideNeverPassForAnotherOrigin() {
        // Given words that are not the console's but look like its reason: the network layer's (no
        // answer), and the server's in a 422
        const QString lookalike = QStringLiteral("[noc] create-refused ref=local-1234 answers=2");
        ApiResponse network;
        network.networkError = lookalike;
        ApiResponse server;
        server.status = 422;
        server.body = QByteArray(R"({"code":"422","message":")") + lookalike.toUtf8() + "\"}";
        // When they are stored and read back as the refused-changes list does
        const RefusedChange fromNetwork = refusedWith(network.storedError());
        const RefusedChange fromServer = refusedWith(server.storedError());
        // Then neither is taken for the console's own reason
        QVERIFY2(!fromNetwork.consoleReason, qPrintable(network.storedError()));
        QVERIFY(fromNetwork.reason() != RefusedChange::Reason::NoTicket);
        QVERIFY(!fromServer.consoleReason);
        QVERIFY(fromServer.reason() == RefusedChange::Reason::Rejected);
        QCOMPARE(fromServer.httpStatus, 422);
        QCOMPARE(fromServer.serverMessage, lookalike);
        // And network words that end like a server's answer are no 404 from the server
        ApiResponse proxy;
        proxy.networkError = QStringLiteral("tunnel failed (HTTP 404)");
        const RefusedChange fromProxy = refusedWith(proxy.storedError());
        QCOMPARE(fromProxy.httpStatus, 0);
        QVERIFY(fromProxy.reason() != RefusedChange::Reason::TargetGone);
        QVERIFY2(ApiResponse::describeStoredError(proxy.storedError()).contains(proxy.networkError),
                 qPrintable(ApiResponse::describeStoredError(proxy.storedError())));
    }

    void anInterruptedStreamIsTheConsolesWordsWhateverItsCloseReasonSays() {
        // Given the event stream closed with a reason that ends like a server's answer
        QVERIFY(LanguageManager().setLanguage("en"));
        const QString stored =
            NetworkFailure{NetworkFailure::Code::StreamInterrupted, QStringLiteral("going away (HTTP 503)")}
                .stored();
        // When it is shown
        const QString shown = ApiResponse::describeStoredError(stored);
        // Then it says the stream was interrupted, with the close reason as the detail, and is no 503
        QVERIFY2(shown.startsWith(QStringLiteral("The event stream was interrupted.")), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("going away (HTTP 503)")), qPrintable(shown));
        QVERIFY2(!shown.contains(QStringLiteral("The server answered")), qPrintable(shown));
    }

    void rowsOlderConsolesStoredStillReadSensibly() {
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        // "No answer" as consoles before the code form stored it
        QCOMPARE(ApiResponse::describeStoredError(QStringLiteral("no answer from the server")),
                 QStringLiteral("The server did not answer."));
        // Qt's words as they were stored then: shown as they are
        QCOMPARE(ApiResponse::describeStoredError(QStringLiteral("Connection refused")),
                 QStringLiteral("Connection refused"));
        QCOMPARE(refusedWith(QStringLiteral("Connection refused")).serverMessage,
                 QStringLiteral("Connection refused"));
        // The server's answers and the console's reasons kept their forms
        QCOMPARE(refusedWith(QStringLiteral("no such alarm (HTTP 404)")).httpStatus, 404);
        QVERIFY(refusedWith(QStringLiteral("[noc] create-refused ref=local-9 answers=0")).reason() ==
                RefusedChange::Reason::NoTicket);
        QVERIFY(
            refusedWith(QStringLiteral("Created on the server, but its answer named no ticket; finding it "
                                       "by externalId local-9"))
                .consoleReason.has_value());
    }
};

QTEST_MAIN(ApiErrorTextTest)
#include "api_error_text_test.moc"
