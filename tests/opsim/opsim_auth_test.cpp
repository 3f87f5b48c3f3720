// Bearer tokens and the profile's roles: 401 without or with a bad token, 403 when the role may not.
#include "opsim_test_util.h"

#include <QTemporaryDir>
#include <QTest>

using namespace noc::opsim;
using namespace noc::opsim::test;

namespace {
const QString A = QStringLiteral("/tmf-api/alarm/v4");
const QString T = QStringLiteral("/tmf-api/troubleTicket/v4");
HeaderList bearer(const QByteArray &t) {
    return {{"Authorization", "Bearer " + t}};
}
} // namespace

class OpsimAuthTest : public QObject {
    Q_OBJECT
    std::unique_ptr<ServerFixture> f;

    QString raised(int i) {
        return f->get(A + QStringLiteral("/alarm?state=raised&limit=20"), bearer("ro"))
            .array()
            .at(i)
            .toObject()
            .value("id")
            .toString();
    }
    QString newTicket() {
        return f
            ->post(T + QStringLiteral("/troubleTicket"),
                   R"({"description":"auth","severity":"Minor","ticketType":"incident"})", bearer("eng"))
            .object()
            .value("id")
            .toString();
    }

private slots:
    void initTestCase() {
        ServerConfig cfg = ServerFixture::quietConfig();
        cfg.tokens = {{"eng", "engineer"}, {"sup", "supervisor"}, {"aud", "auditor"}, {"ro", "readonly"}};
        f = std::make_unique<ServerFixture>(cfg);
        QVERIFY2(f->ok, qPrintable(f->error));
    }
    void cleanupTestCase() { f.reset(); }

    void missingOrUnknownTokenIs401() {
        const HttpReply none = f->get(A + QStringLiteral("/alarm?limit=1"));
        QCOMPARE(none.status, 401);
        QVERIFY(none.header("WWW-Authenticate").startsWith("Bearer"));
        QCOMPARE(none.object().value("code").toString(), QStringLiteral("UNAUTHORIZED"));
        QCOMPARE(f->get(A + QStringLiteral("/alarm?limit=1"), bearer("nope")).status, 401);
        QCOMPARE(
            f->get(A + QStringLiteral("/alarm?limit=1"), {{"Authorization", "Basic ZW5nOmVuZw=="}}).status,
            401);
    }

    void readOnlyRolesReadButCannotWrite() {
        for (const QByteArray &t : {QByteArray("ro"), QByteArray("aud")}) {
            QCOMPARE(f->get(A + QStringLiteral("/alarm?limit=1"), bearer(t)).status, 206);
            const HttpReply p = f->patch(A + QStringLiteral("/alarm/") + raised(0),
                                         R"({"ackState":"acknowledged"})", bearer(t));
            QCOMPARE(p.status, 403);
            QCOMPARE(p.object().value("code").toString(), QStringLiteral("FORBIDDEN"));
            QCOMPARE(f->post(T + QStringLiteral("/troubleTicket"),
                             R"({"description":"x","severity":"Minor","ticketType":"incident"})", bearer(t))
                         .status,
                     403);
            QCOMPARE(f->post(A + QStringLiteral("/ackAlarms"), R"({"alarmPattern":[{"state":"raised"}]})",
                             bearer(t))
                         .status,
                     403);
        }
    }

    void engineerActsOnAlarmsAndWorksTicketsButCannotCloseOrAssign() {
        QCOMPARE(f->patch(A + QStringLiteral("/alarm/") + raised(1), R"({"ackState":"acknowledged"})",
                          bearer("eng"))
                     .status,
                 200);
        const QString p = T + QStringLiteral("/troubleTicket/") + newTicket();
        QCOMPARE(f->patch(p, R"({"status":"cancelled"})", bearer("eng")).status, 403);
        QCOMPARE(
            f->patch(p, R"({"relatedParty":[{"id":"eng-x","role":"assignee","@referredType":"Individual"}]})",
                     bearer("eng"))
                .status,
            403);
        QCOMPARE(f->patch(p, R"({"status":"inProgress"})", bearer("eng")).status, 200);
        QCOMPARE(f->patch(p, R"({"status":"resolved"})", bearer("eng")).status, 200);
        QCOMPARE(f->patch(p, R"({"status":"closed"})", bearer("eng")).status, 403);
        QCOMPARE(
            f->post(p + QStringLiteral("/note"), R"({"text":"done","author":"eng"})", bearer("eng")).status,
            201);
    }

    void supervisorAssignsClosesAndCancels() {
        const QString p = T + QStringLiteral("/troubleTicket/") + newTicket();
        const HttpReply a = f->patch(
            p,
            R"({"relatedParty":[{"id":"eng-li.na","name":"Li Na","role":"assignee","@referredType":"Individual"},{"id":"team-BJ","role":"team","@referredType":"Team"}]})",
            bearer("sup"));
        QCOMPARE(a.status, 200);
        QCOMPARE(a.object().value("relatedParty").toArray().size(), 2);
        QCOMPARE(f->patch(p, R"({"status":"cancelled"})", bearer("sup")).status, 200);
        const QString p2 = T + QStringLiteral("/troubleTicket/") + newTicket();
        f->patch(p2, R"({"status":"inProgress"})", bearer("sup"));
        f->patch(p2, R"({"status":"resolved"})", bearer("sup"));
        QCOMPARE(f->patch(p2, R"({"status":"closed"})", bearer("sup")).status, 200);
    }

    void streamNeedsATokenToo() {
        StreamClient anonymous(streamUrl(*f->server));
        QVERIFY(!anonymous.waitConnected(3000));
        StreamClient authorised(streamUrl(*f->server), "ro");
        QVERIFY(authorised.waitConnected());
    }

    void tokensCanBeRevokedAndIssuedWhileRunning() {
        // A token that worked a moment ago is refused once revoked (it expired), and a new one works
        // at once: over the loopback control endpoint as a separate process is driven, and in-process.
        QCOMPARE(f->get(A + QStringLiteral("/alarm?limit=1"), bearer("eng")).status, 206);
        QCOMPARE(f->post(QStringLiteral("/control/token?revoke=eng"), {}).status, 200);
        QCOMPARE(f->get(A + QStringLiteral("/alarm?limit=1"), bearer("eng")).status, 401);
        QCOMPARE(f->post(QStringLiteral("/control/token?revoke=eng"), {}).status, 404);
        QCOMPARE(f->post(QStringLiteral("/control/token?add=eng2&role=admin"), {}).status, 400);
        QCOMPARE(f->get(A + QStringLiteral("/alarm?limit=1"), bearer("eng2")).status, 401);
        QCOMPARE(f->post(QStringLiteral("/control/token?add=eng2&role=engineer"), {}).status, 200);
        QCOMPARE(f->get(A + QStringLiteral("/alarm?limit=1"), bearer("eng2")).status, 206);
        QVERIFY(f->server->revokeToken("eng2"));
        QCOMPARE(f->get(A + QStringLiteral("/alarm?limit=1"), bearer("eng2")).status, 401);
        // Revoking every token refuses everyone (it does not turn authentication off)
        for (const char *t : {"sup", "aud", "ro"})
            QVERIFY(f->server->revokeToken(t));
        QCOMPARE(f->get(A + QStringLiteral("/alarm?limit=1")).status, 401);
        QCOMPARE(f->get(A + QStringLiteral("/alarm?limit=1"), bearer("ro")).status, 401);
        for (auto [t, role] : {std::pair{"sup", "supervisor"}, {"aud", "auditor"}, {"ro", "readonly"}})
            QVERIFY(f->server->addToken(t, role));
        QVERIFY(f->server->addToken("eng", "Engineer")); // as before, for the other cases
        QCOMPARE(f->get(A + QStringLiteral("/alarm?limit=1"), bearer("eng")).status, 206);
    }

    void tokensFileReadsSecretRoleLines() {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("tokens")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# comment\n\nabc engineer\ndef  Supervisor\n");
        file.close();
        QMap<QString, QString> tokens;
        QString error;
        QVERIFY2(loadTokensFile(file.fileName(), &tokens, &error), qPrintable(error));
        QCOMPARE(tokens.value("abc"), QStringLiteral("engineer"));
        QCOMPARE(tokens.value("def"), QStringLiteral("supervisor"));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("abc admin\n");
        file.close();
        QVERIFY(!loadTokensFile(file.fileName(), &tokens, &error));
        QVERIFY(error.contains(QLatin1String(":1:")));
    }
};

QTEST_GUILESS_MAIN(OpsimAuthTest)
#include "opsim_auth_test.moc"
