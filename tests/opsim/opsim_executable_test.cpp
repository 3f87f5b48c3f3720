// The opsim executable: first stdout line, command-line options, bearer tokens, and --db keeping state
// across a restart (NOC_OPSIM is the path CTest exports).
#include "opsim_test_util.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace noc::opsim;
using namespace noc::opsim::test;

namespace {
const QString A = QStringLiteral("/tmf-api/alarm/v4");

class OpsimProcess {
public:
    bool start(const QStringList &args, QString *error) {
        const QString exe = qEnvironmentVariable("NOC_OPSIM");
        if (exe.isEmpty()) {
            *error = QStringLiteral("NOC_OPSIM not set");
            return false;
        }
        proc.setProgram(exe);
        proc.setArguments(QStringList{QStringLiteral("--port"), QStringLiteral("0")} + args);
        proc.start();
        if (!proc.waitForStarted(5000)) {
            *error = proc.errorString();
            return false;
        }
        QElapsedTimer t;
        t.start();
        while (!proc.canReadLine() && t.elapsed() < 30000 && proc.state() == QProcess::Running)
            proc.waitForReadyRead(200);
        firstLine = QString::fromUtf8(proc.readLine()).trimmed();
        const auto m = QRegularExpression(QStringLiteral("^listening on http://127\\.0\\.0\\.1:(\\d+)$"))
                           .match(firstLine);
        if (!m.hasMatch()) {
            *error = QStringLiteral("first line: '%1' stderr: %2")
                         .arg(firstLine, QString::fromUtf8(proc.readAllStandardError()));
            return false;
        }
        base = QStringLiteral("http://127.0.0.1:") + m.captured(1);
        return true;
    }
    ~OpsimProcess() { stop(); }
    void stop() {
        if (proc.state() != QProcess::NotRunning) {
            proc.kill();
            proc.waitForFinished(5000);
        }
    }
    QProcess proc;
    QString firstLine, base;
};
} // namespace

class OpsimExecutableTest : public QObject {
    Q_OBJECT
    QNetworkAccessManager nam;

private slots:
    void printsListeningLineFirstAndServesWithTokens() {
        OpsimProcess p;
        QString error;
        QVERIFY2(p.start({QStringLiteral("--elements"), QStringLiteral("100"), QStringLiteral("--alarms"),
                          QStringLiteral("50"), QStringLiteral("--alarm-rate"), QStringLiteral("0"),
                          QStringLiteral("--token"), QStringLiteral("s3:engineer")},
                         &error),
                 qPrintable(error));
        QCOMPARE(httpRequest(nam, "GET", QUrl(p.base + A + QStringLiteral("/alarm?limit=1"))).status, 401);
        const HttpReply ok = httpRequest(nam, "GET", QUrl(p.base + A + QStringLiteral("/alarm?limit=1")), {},
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
            QString error;
            QVERIFY2(p.start(args, &error), qPrintable(error));
            id = httpRequest(
                     nam, "GET",
                     QUrl(p.base + A + QStringLiteral("/alarm?state=raised&ackState=unacknowledged&limit=1")))
                     .array()
                     .first()
                     .toObject()
                     .value("id")
                     .toString();
            QCOMPARE(httpRequest(nam, "PATCH", QUrl(p.base + A + QStringLiteral("/alarm/") + id),
                                 R"({"ackState":"acknowledged","ackUserId":"x"})")
                         .status,
                     200);
            seq = httpRequest(nam, "GET", QUrl(p.base + QStringLiteral("/control/stats")))
                      .object()
                      .value("lastSeq")
                      .toInteger();
            QCOMPARE(seq, 1);
            // the sequence number is saved with the next simulator tick or change; give it one
            QCOMPARE(httpRequest(nam, "POST", QUrl(p.base + QStringLiteral("/control/tick")), "{}").status,
                     200);
        }
        OpsimProcess p;
        QString error;
        QVERIFY2(p.start(args, &error), qPrintable(error));
        const QJsonObject a =
            httpRequest(nam, "GET", QUrl(p.base + A + QStringLiteral("/alarm/") + id)).object();
        QCOMPARE(a.value("ackState").toString(), QStringLiteral("acknowledged"));
        QCOMPARE(httpRequest(nam, "GET", QUrl(p.base + A + QStringLiteral("/alarm?limit=1")))
                     .header("X-Total-Count")
                     .toInt(),
                 30);
        // the history is gone: resuming from before it needs a resync, resuming at the latest works
        QCOMPARE(httpRequest(nam, "GET", QUrl(p.base + QStringLiteral("/tmf-api/event/v4/events?since=0")))
                     .object()
                     .value("eventType")
                     .toString(),
                 QStringLiteral("ResyncRequired"));
        QCOMPARE(httpRequest(nam, "GET",
                             QUrl(p.base + QStringLiteral("/tmf-api/event/v4/events?since=%1").arg(seq)))
                     .status,
                 200);
    }
};

QTEST_GUILESS_MAIN(OpsimExecutableTest)
#include "opsim_executable_test.moc"
