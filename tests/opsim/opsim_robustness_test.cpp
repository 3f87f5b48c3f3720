// Bad requests never crash opsim: random queries, random JSON bodies and raw garbage on the socket get
// 4xx answers (or a closed connection for broken HTTP), and the server keeps serving.
#include "opsim_test_util.h"

#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>

using namespace noc::opsim;
using namespace noc::opsim::test;

namespace {
const QString A = QStringLiteral("/tmf-api/alarm/v4");
const QString T = QStringLiteral("/tmf-api/troubleTicket/v4");

QJsonValue randomValue(QRandomGenerator &rng, int depth = 0) {
    switch (rng.bounded(depth > 2 ? 5 : 7)) {
    case 0:
        return QJsonValue();
    case 1:
        return rng.bounded(2) == 1;
    case 2:
        return double(rng.bounded(-1000, 1000));
    case 3:
        return QStringLiteral("x%1").arg(rng.bounded(100));
    case 4:
        return QStringList({"cleared", "acknowledged", "inProgress", "closed", "2026-01-01T00:00:00Z", "",
                            "' OR 1=1 --"})[rng.bounded(7)];
    case 5: {
        QJsonArray a;
        for (int i = 0, n = rng.bounded(4); i < n; ++i)
            a.append(randomValue(rng, depth + 1));
        return a;
    }
    default: {
        QJsonObject o;
        static const QStringList keys = {"id",     "comment", "text", "role", "@referredType",
                                         "userId", "state",   "time"};
        for (int i = 0, n = rng.bounded(4); i < n; ++i)
            o.insert(keys[rng.bounded(keys.size())], randomValue(rng, depth + 1));
        return o;
    }
    }
}
} // namespace

class OpsimRobustnessTest : public QObject {
    Q_OBJECT
    std::unique_ptr<ServerFixture> f;

private slots:
    void initTestCase() {
        f = std::make_unique<ServerFixture>();
        QVERIFY2(f->ok, qPrintable(f->error));
    }
    void cleanupTestCase() { f.reset(); }

    void randomQueriesAnswer200Or206Or400() {
        QRandomGenerator rng(1234);
        const QStringList keys = {"state",
                                  "alarmedObject.id",
                                  "alarmChangedTime.gte",
                                  "limit",
                                  "offset",
                                  "fields",
                                  "sort",
                                  "perceivedSeverity.lt",
                                  "comment.comment",
                                  "isRootCause",
                                  "x.y.z",
                                  "@type",
                                  "id.gt",
                                  "alarmedObject.id\"); DROP TABLE alarms; --",
                                  "place.role",
                                  ".gte",
                                  "",
                                  "parentAlarm"};
        const QStringList values = {"raised,cleared",
                                    "-1",
                                    "0",
                                    "5",
                                    "abc",
                                    "' OR 1=1 --",
                                    "2026-13-45T99:00:00Z",
                                    "true",
                                    "",
                                    ",,,",
                                    "-alarmChangedTime",
                                    "%00",
                                    "1e309",
                                    "NE-000001"};
        for (int i = 0; i < 300; ++i) {
            QUrlQuery q;
            for (int k = 0, n = rng.bounded(1, 4); k < n; ++k)
                q.addQueryItem(keys[rng.bounded(keys.size())], values[rng.bounded(values.size())]);
            QUrl url = f->url(A + QStringLiteral("/alarm"));
            url.setQuery(q);
            const HttpReply r = httpRequest(f->nam, "GET", url);
            QVERIFY2(r.status == 200 || r.status == 206 || r.status == 400,
                     qPrintable(url.toString() + QStringLiteral(" -> %1").arg(r.status)));
            if (r.status == 400)
                QVERIFY(!r.object().value("reason").toString().isEmpty());
        }
        QCOMPARE(f->get(A + QStringLiteral("/alarm?limit=1")).header("X-Total-Count").toInt(),
                 200); // table intact
    }

    void randomBodiesAnswer4xxNeverServerErrors() {
        QRandomGenerator rng(99);
        const QString alarm = f->get(A + QStringLiteral("/alarm?state=raised&limit=1"))
                                  .array()
                                  .first()
                                  .toObject()
                                  .value("id")
                                  .toString();
        const QString ticket = f->get(T + QStringLiteral("/troubleTicket?limit=1"))
                                   .array()
                                   .first()
                                   .toObject()
                                   .value("id")
                                   .toString();
        const QList<QPair<QByteArray, QString>> targets = {
            {"PATCH", A + QStringLiteral("/alarm/") + alarm},
            {"POST", A + QStringLiteral("/ackAlarms")},
            {"POST", A + QStringLiteral("/clearAlarms")},
            {"POST", A + QStringLiteral("/commentAlarms")},
            {"POST", T + QStringLiteral("/troubleTicket")},
            {"PATCH", T + QStringLiteral("/troubleTicket/") + ticket},
            {"POST", T + QStringLiteral("/troubleTicket/") + ticket + QStringLiteral("/note")},
            {"DELETE", A + QStringLiteral("/alarm/") + alarm},
            {"PUT", T + QStringLiteral("/troubleTicket")}};
        static const QStringList fields = {"ackState",
                                           "state",
                                           "comment",
                                           "alarmPattern",
                                           "description",
                                           "severity",
                                           "ticketType",
                                           "status",
                                           "note",
                                           "relatedParty",
                                           "relatedEntity",
                                           "text",
                                           "expectedResolutionDate",
                                           "id",
                                           "clearUserId",
                                           "perceivedSeverity"};
        for (int i = 0; i < 400; ++i) {
            const auto &[verb, path] = targets[rng.bounded(targets.size())];
            QByteArray body;
            if (rng.bounded(10) == 0) {
                body = QByteArray::number(rng.generate64()) + "{\"";
            } else {
                QJsonObject o;
                for (int k = 0, n = rng.bounded(1, 5); k < n; ++k)
                    o.insert(fields[rng.bounded(fields.size())], randomValue(rng));
                body = compact(o);
            }
            const HttpReply r = httpRequest(f->nam, verb, f->url(path), body);
            QVERIFY2(r.status >= 200 && r.status < 500,
                     qPrintable(QStringLiteral("%1 %2 %3 -> %4")
                                    .arg(QString::fromLatin1(verb), path, QString::fromUtf8(body))
                                    .arg(r.status)));
        }
        QCOMPARE(f->get(A + QStringLiteral("/alarm/") + alarm).status, 200);
    }

    void rawGarbageOnTheSocketIsSurvived() {
        QRandomGenerator rng(7);
        const QList<QByteArray> payloads = {
            "GARBAGE\r\n\r\n",
            "GET\r\n\r\n",
            "GET / HTTP/9.9\r\n\r\n",
            "POST /tmf-api/troubleTicket/v4/troubleTicket HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n{",
            "GET /tmf-api/alarm/v4/alarm HTTP/1.1\r\nHost: x\r\n" + QByteArray(200000, 'h') + "\r\n\r\n",
            "PATCH /tmf-api/alarm/v4/alarm/%ZZ HTTP/1.1\r\nContent-Length: 3\r\n\r\n{}}",
        };
        for (int i = 0; i < 30; ++i) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, f->server->port());
            QVERIFY(s.waitForConnected(3000));
            QByteArray p = i < payloads.size() ? payloads[i] : QByteArray();
            if (p.isEmpty())
                for (int k = 0, n = rng.bounded(1, 2000); k < n; ++k)
                    p += char(rng.bounded(256));
            s.write(p);
            s.waitForBytesWritten(1000);
            s.waitForReadyRead(200);
            s.abort();
        }
        QTest::qWait(50);
        QCOMPARE(f->get(A + QStringLiteral("/alarm?limit=1")).status, 206);
    }
};

QTEST_GUILESS_MAIN(OpsimRobustnessTest)
#include "opsim_robustness_test.moc"
