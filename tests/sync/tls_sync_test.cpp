// TLS of the sync client against a real TLS server on loopback: opsim serving https/wss with the
// test-only certificate of tests/sync/tls (signed by a test CA that no system trusts). The files are
// checked in (100-year validity, made by tests/sync/tls/make-test-certs.sh) rather than generated at
// test time, so the test needs no openssl binary and a pin can be compared with a value computed once
// by the openssl command line.
#include "sync/event_stream.h"
#include "sync/ops_api_client.h"
#include "sync/tls_policy.h"
#include "sync_test_support.h"

#include <QSslSocket>
#include <QStandardPaths>
#include <QTest>

using namespace noc;
using namespace noc::test;

namespace {

const QString kTlsDir = QStringLiteral(NOC_TLS_TEST_DIR);
// `openssl x509 -in server.pem -pubkey -noout | openssl pkey -pubin -outform der |
//  openssl dgst -sha256 -binary | base64`
const QString kServerPin = QStringLiteral("59JqiZsxrhbAZ/5a8dQG8S1ir5P+rxWqgz6DyRB8ZKs=");

opsim::ServerConfig tlsServerConfig() {
    opsim::ServerConfig cfg = syncServerConfig(40, 200, 10);
    cfg.tlsCertificatePath = kTlsDir + QStringLiteral("/server.pem");
    cfg.tlsKeyPath = kTlsDir + QStringLiteral("/server.key");
    return cfg;
}

struct TlsClient {
    explicit TlsClient(const ConnectionProfile &profile, const SyncEngine::Options &options = fastOptions())
        : session(profile, kToken)
        , synced(&session, &SyncSession::initialSyncCompleted) {
        opened = session.openCache();
        session.setEngineOptions(options);
        QObject::connect(&session, &SyncSession::statusChanged, &session,
                         [this](const SyncStatus &s) { last = s; });
        session.start();
    }
    SyncSession session;
    QSignalSpy synced;
    SyncStatus last;
    bool opened = false;
};

} // namespace

class TlsSyncTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        if (!QSslSocket::supportsSsl())
            QSKIP("this Qt has no TLS backend");
    }

    void opsimServesHttpsWithTheTestCertificate() {
        opsim::test::ServerFixture server(tlsServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        QCOMPARE(server.server->baseUrl().scheme(), QStringLiteral("https"));
    }

    void pinIsTheStandardSha256OfTheSubjectPublicKeyInfo() {
        const auto certs = QSslCertificate::fromPath(kTlsDir + QStringLiteral("/server.pem"));
        QCOMPARE(certs.size(), 1);
        QCOMPARE(TlsPolicy::publicKeyPin(certs.first()), kServerPin);
    }

    void systemCasAloneRefuseAPrivateCa() {
        // Given a TLS server whose certificate comes from a CA the system does not trust
        opsim::test::ServerFixture server(tlsServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        // When a profile without a CA of its own connects
        TlsClient client(profileFor(server.server->baseUrl(), dir.filePath("c.sqlite")));
        QVERIFY(client.opened);
        // Then it is refused, says why in plain words, and takes nothing from the server
        // (the status keeps the error's stored form; the status bar shows it in words)
        QTRY_VERIFY_WITH_TIMEOUT(ApiResponse::describeStoredError(client.last.error).contains("not trusted"),
                                 15000);
        QVERIFY2(ApiResponse::describeStoredError(client.last.error).contains("CA certificate"),
                 qPrintable(client.last.error));
        QVERIFY(client.synced.isEmpty());
        QCOMPARE(cacheCounts(dir.filePath("c.sqlite")).alarms, 0);
    }

    void customCaConnectsOverHttpsAndWss() {
        opsim::test::ServerFixture server(tlsServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        ConnectionProfile profile = profileFor(server.server->baseUrl(), cache);
        profile.caCertificatePath = kTlsDir + QStringLiteral("/test-ca.pem");
        SyncEngine::Options options = fastOptions();
        options.catchUpIntervalMs = 600000; // events must come through the wss:// stream, not HTTP polls
        TlsClient client(profile, options);
        QVERIFY(client.synced.wait(30000));
        // Live means the wss:// event stream is open with the same trust
        QTRY_VERIFY_WITH_TIMEOUT(client.last.phase == SyncPhase::Live, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(cacheCounts(cache), serverCounts(*server.server), 15000);
        QVERIFY(client.last.error.isEmpty());
        // and live events arrive through it
        const qint64 before = cacheCounts(cache).alarms;
        QCOMPARE(server.server->generateAlarms(25), 25);
        QTRY_COMPARE_WITH_TIMEOUT(cacheCounts(cache).alarms, before + 25, 15000);
    }

    void wssStreamKeepsItsReceiveBufferCapped() {
        // The cap reaches the stream's socket under TLS too (QWebSocket's child is a QSslSocket then,
        // which hands the option to its TCP socket).
        opsim::test::ServerFixture server(tlsServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        ConnectionProfile profile = profileFor(server.server->baseUrl(), dir.filePath("c.sqlite"));
        profile.caCertificatePath = kTlsDir + QStringLiteral("/test-ca.pem");
        const TlsPolicy tls(profile);
        QVERIFY2(tls.error().isEmpty(), qPrintable(tls.error()));
        EventStream stream;
        QSignalSpy opened(&stream, &EventStream::opened);
        QSignalSpy received(&stream, &EventStream::envelopesReceived);
        QSignalSpy closed(&stream, &EventStream::closed);
        QUrl url = server.server->baseUrl();
        url.setPath(QStringLiteral("/tmf-api/event/v4/stream"));
        stream.open(url, 0, kToken, tls);
        QVERIFY2(opened.wait(15000), qPrintable(closed.value(0).value(0).toString()));
        QCOMPARE(server.server->generateAlarms(5), 5);
        QTRY_VERIFY_WITH_TIMEOUT(!received.isEmpty(), 15000);
        QCOMPARE(stream.receiveBufferBytes(), 2 * EventStream::kReceiveBufferBytes);
    }

    void rightPinConnects() {
        opsim::test::ServerFixture server(tlsServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        ConnectionProfile profile = profileFor(server.server->baseUrl(), cache);
        profile.caCertificatePath = kTlsDir + QStringLiteral("/test-ca.pem");
        profile.pinnedPublicKeySha256 = kServerPin;
        TlsClient client(profile);
        QVERIFY(client.synced.wait(30000));
        QTRY_VERIFY_WITH_TIMEOUT(client.last.phase == SyncPhase::Live, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(cacheCounts(cache), serverCounts(*server.server), 15000);
    }

    void wrongPinIsRefusedBeforeAnythingIsSent() {
        opsim::test::ServerFixture server(tlsServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        const QString cache = dir.filePath("c.sqlite");
        ConnectionProfile profile = profileFor(server.server->baseUrl(), cache);
        profile.caCertificatePath = kTlsDir + QStringLiteral("/test-ca.pem");
        // a valid SHA-256 digest, of some other key
        profile.pinnedPublicKeySha256 = QString::fromLatin1(
            QCryptographicHash::hash("another key", QCryptographicHash::Sha256).toBase64());
        TlsClient client(profile);
        QTRY_VERIFY_WITH_TIMEOUT(ApiResponse::describeStoredError(client.last.error).contains("pinned"),
                                 15000);
        QVERIFY(client.synced.isEmpty());
        QCOMPARE(cacheCounts(cache).alarms, 0);
        // the connection was dropped before the request was written: the server answered nothing
        QCOMPARE(server.server->stats().requests, 0);
    }

    void unreadableCaOrMalformedPinStopsBeforeConnecting() {
        opsim::test::ServerFixture server(tlsServerConfig());
        QVERIFY2(server.ok, qPrintable(server.error));
        QTemporaryDir dir;
        ConnectionProfile profile = profileFor(server.server->baseUrl(), dir.filePath("c.sqlite"));
        profile.caCertificatePath = dir.filePath("missing-ca.pem");
        {
            TlsClient client(profile);
            QTRY_VERIFY_WITH_TIMEOUT(client.last.error.contains("missing-ca.pem"), 5000);
            QCOMPARE(client.last.phase, SyncPhase::Offline);
        }
        profile.caCertificatePath = kTlsDir + QStringLiteral("/test-ca.pem");
        profile.pinnedPublicKeySha256 = QStringLiteral("not-a-digest");
        {
            TlsClient client(profile);
            QTRY_VERIFY_WITH_TIMEOUT(client.last.error.contains("not-a-digest"), 5000);
            QCOMPARE(client.last.phase, SyncPhase::Offline);
        }
        QCOMPARE(server.server->stats().requests, 0);
    }

    void plainHttpToANonLoopbackHostIsRefusedUnlessAllowed() {
        // Refused at start: the engine does not try to reach the host at all (.invalid never resolves,
        // and nothing is looked up because the rule is checked first).
        QTemporaryDir dir;
        ConnectionProfile profile =
            profileFor(QUrl("http://ops.example.invalid:8080"), dir.filePath("c.sqlite"));
        {
            TlsClient client(profile);
            QTRY_VERIFY_WITH_TIMEOUT(client.last.error.contains("Plain http"), 5000);
            QCOMPARE(client.last.phase, SyncPhase::Offline);
            QVERIFY2(client.last.error.contains("ops.example.invalid"), qPrintable(client.last.error));
        }
        // Allowed by the profile: accepted, with a warning the status shows. (Not started: the test
        // sends nothing to a host outside this machine.)
        profile.allowInsecureTransport = true;
        QString warning;
        QVERIFY(checkTransport(profile, &warning).isEmpty());
        QVERIFY2(warning.contains("not encrypted"), qPrintable(warning));
        // Loopback needs no permission; https needs none either.
        profile.allowInsecureTransport = false;
        profile.serverUrl = QUrl("http://[::1]:8080");
        QVERIFY(checkTransport(profile).isEmpty());
        profile.serverUrl = QUrl("https://ops.example.invalid");
        QVERIFY(checkTransport(profile).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TlsSyncTest)
#include "tls_sync_test.moc"
