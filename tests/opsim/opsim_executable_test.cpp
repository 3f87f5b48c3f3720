// The opsim executable: first stdout line, command-line options, bearer tokens, and --db keeping state
// across a restart (NOC_OPSIM is the path CTest exports).
#include "opsim_process.h"
#include "opsim_test_util.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

using namespace noc::opsim;
using namespace noc::opsim::test;

namespace {
const QString A = QStringLiteral("/tmf-api/alarm/v4");
} // namespace

class OpsimExecutableTest : public QObject {
    Q_OBJECT
    QNetworkAccessManager nam;

private slots:
    void printsListeningLineFirstAndServesWithTokens() {
        OpsimProcess p;
        QVERIFY2(p.start({QStringLiteral("--elements"), QStringLiteral("100"), QStringLiteral("--alarms"),
                          QStringLiteral("50"), QStringLiteral("--alarm-rate"), QStringLiteral("0"),
                          QStringLiteral("--token"), QStringLiteral("s3:engineer")}),
                 qPrintable(p.error()));
        const QString base = p.url().toString();
        QCOMPARE(httpRequest(nam, "GET", QUrl(base + A + QStringLiteral("/alarm?limit=1"))).status, 401);
        const HttpReply ok = httpRequest(nam, "GET", QUrl(base + A + QStringLiteral("/alarm?limit=1")), {},
                                         {{"Authorization", "Bearer s3"}});
        QCOMPARE(ok.status, 206);
        QCOMPARE(ok.header("X-Total-Count").toInt(), 50);
    }

    void rejectsBadOptions() {
        for (const QStringList &args : {QStringList{QStringLiteral("--elements"), QStringLiteral("5")},
                                        QStringList{QStringLiteral("--token"), QStringLiteral("x:admin")},
                                        QStringList{QStringLiteral("--storm"), QStringLiteral("fast")}}) {
            QProcess proc;
            proc.start(qEnvironmentVariable("NOC_OPSIM"), args);
            QVERIFY(proc.waitForFinished(10000));
            QCOMPARE(proc.exitCode(), 2);
            QVERIFY(!proc.readAllStandardError().isEmpty());
        }
    }

    void theProcessHelperSaysWhyWhenStartOrAControlCallFails() {
        // Given opsim started with an option it refuses
        OpsimProcess bad;
        QVERIFY(!bad.start({QStringLiteral("--elements"), QStringLiteral("5")}));
        // Then start() fails at once with opsim's own complaint, and there is no address
        QVERIFY2(bad.error().contains(QStringLiteral("elements")), qPrintable(bad.error()));
        QVERIFY(bad.url().isEmpty());
        // Given a running one, its control calls answer
        OpsimProcess p;
        QVERIFY2(p.start({QStringLiteral("--elements"), QStringLiteral("20"), QStringLiteral("--no-sim")}),
                 qPrintable(p.error()));
        QCOMPARE(p.lastSeq(), std::optional<qint64>(0));
        // When it has gone, it has no address, and a control call gives nothing and says why (not a
        // made-up seq, and without asking whatever may have taken the old port since)
        p.stop();
        QVERIFY(p.url().isEmpty());
        QCOMPARE(p.lastSeq(), std::nullopt);
        QCOMPARE(p.error(), QStringLiteral("/control/stats: opsim is not running"));
        QVERIFY(!p.pause());
    }

    void aSecondStartReplacesTheFirstOpsim() {
        // Given a helper whose start failed, so it holds an error
        OpsimProcess p;
        QVERIFY(!p.start({QStringLiteral("--elements"), QStringLiteral("5")}));
        QVERIFY(!p.error().isEmpty());
        // When it starts opsim twice
        const QStringList args{QStringLiteral("--elements"), QStringLiteral("20"),
                               QStringLiteral("--no-sim")};
        QVERIFY2(p.start(args), qPrintable(p.error()));
        QVERIFY(p.error().isEmpty());
        const qint64 firstPid = p.pid();
        QVERIFY2(p.start(args), qPrintable(p.error()));
        // Then the second start ended the first process and reads the new one's address
        QVERIFY(p.pid() != firstPid);
        QCOMPARE(::kill(static_cast<pid_t>(firstPid), 0), -1);
        QCOMPARE(p.firstLine(), QStringLiteral("listening on ") + p.url().toString());
        QCOMPARE(p.lastSeq(), std::optional<qint64>(0));
    }

    void databaseFileKeepsStateAcrossRestart() {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("opsim.db"));
        const QStringList args{QStringLiteral("--db"),       db,
                               QStringLiteral("--elements"), QStringLiteral("100"),
                               QStringLiteral("--alarms"),   QStringLiteral("30"),
                               QStringLiteral("--no-sim")};
        QString id;
        qint64 seq = 0;
        {
            OpsimProcess p;
            QVERIFY2(p.start(args), qPrintable(p.error()));
            const QString base = p.url().toString();
            id = httpRequest(
                     nam, "GET",
                     QUrl(base + A + QStringLiteral("/alarm?state=raised&ackState=unacknowledged&limit=1")))
                     .array()
                     .first()
                     .toObject()
                     .value("id")
                     .toString();
            QCOMPARE(httpRequest(nam, "PATCH", QUrl(base + A + QStringLiteral("/alarm/") + id),
                                 R"({"ackState":"acknowledged","ackUserId":"x"})")
                         .status,
                     200);
            seq = p.lastSeq().value_or(-1);
            QCOMPARE(seq, 1);
            // the sequence number is saved with the next simulator tick or change; give it one
            QVERIFY2(p.tick(), qPrintable(p.error()));
        }
        OpsimProcess p;
        QVERIFY2(p.start(args), qPrintable(p.error()));
        const QString base = p.url().toString();
        const QJsonObject a =
            httpRequest(nam, "GET", QUrl(base + A + QStringLiteral("/alarm/") + id)).object();
        QCOMPARE(a.value("ackState").toString(), QStringLiteral("acknowledged"));
        QCOMPARE(httpRequest(nam, "GET", QUrl(base + A + QStringLiteral("/alarm?limit=1")))
                     .header("X-Total-Count")
                     .toInt(),
                 30);
        // the history is gone: resuming from before it needs a resync, resuming at the latest works
        QCOMPARE(httpRequest(nam, "GET", QUrl(base + QStringLiteral("/tmf-api/event/v4/events?since=0")))
                     .object()
                     .value("eventType")
                     .toString(),
                 QStringLiteral("ResyncRequired"));
        QCOMPARE(
            httpRequest(nam, "GET", QUrl(base + QStringLiteral("/tmf-api/event/v4/events?since=%1").arg(seq)))
                .status,
            200);
    }
};

QTEST_GUILESS_MAIN(OpsimExecutableTest)
#include "opsim_executable_test.moc"
