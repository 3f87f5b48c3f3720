#include "opsim_process.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>
#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

namespace noc::opsim {

OpsimProcess::OpsimProcess(const QString &program) {
    m_process.setProgram(program);
    // stdout carries the address line; stderr (opsim's log) is kept apart for error messages.
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
#ifdef Q_OS_LINUX
    // opsim dies with its parent: a test or bench killed by a timeout or a crash would otherwise leave
    // opsim running, busy, holding the descriptors it inherited (a build lock among them). Linux sends
    // the signal when the thread that started opsim ends: OpsimProcess lives on the main thread.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
}

OpsimProcess::~OpsimProcess() {
    stop();
}

bool OpsimProcess::start(const QStringList &args, int timeoutMs) {
    // A second start() ends the first opsim, so the address line read below is the new one's.
    stop();
    m_firstLine.clear();
    m_error.clear();
    if (m_process.program().isEmpty()) {
        m_error = QStringLiteral("no opsim executable (NOC_OPSIM is not set)");
        return false;
    }
    m_process.setArguments(QStringList{QStringLiteral("--port"), QStringLiteral("0")} + args);
    m_process.start();
    if (!m_process.waitForStarted(10000)) {
        m_error = m_process.program() + QStringLiteral(": ") + m_process.errorString();
        return false;
    }
    QElapsedTimer waited;
    waited.start();
    while (!m_process.canReadLine() && waited.elapsed() < timeoutMs && m_process.state() == QProcess::Running)
        m_process.waitForReadyRead(200);
    m_firstLine = QString::fromUtf8(m_process.readLine()).trimmed();
    const auto match =
        QRegularExpression(QStringLiteral("^listening on (http://127\\.0\\.0\\.1:\\d+)$")).match(m_firstLine);
    if (!match.hasMatch()) {
        m_error = QStringLiteral("opsim's first line: '%1' (after %2 ms) stderr: %3")
                      .arg(m_firstLine)
                      .arg(waited.elapsed())
                      .arg(QString::fromUtf8(m_process.readAllStandardError()).left(500));
        return false;
    }
    m_url = QUrl(match.captured(1));
    return true;
}

void OpsimProcess::stop() {
    // url() is empty unless opsim runs: a control call afterwards says "not running" instead of
    // reaching whatever process has taken the old port since.
    m_url.clear();
    if (m_process.state() == QProcess::NotRunning)
        return;
    // SIGTERM first so opsim can finish its --db writes and close its socket; 5 s bounds a teardown
    // (tests, the bench) should it hang, then SIGKILL.
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

std::optional<QJsonObject> OpsimProcess::control(const QString &command, bool post) {
    if (!m_url.isValid()) {
        m_error = QStringLiteral("/control%1: opsim is not running").arg(command);
        return std::nullopt;
    }
    QNetworkRequest request(m_url.resolved(QUrl(QStringLiteral("/control") + command)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json")); // empty body
    QNetworkReply *reply = post ? m_network.post(request, QByteArray()) : m_network.get(request);
    if (!reply->isFinished()) {
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(m_controlTimeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    std::optional<QJsonObject> answer;
    if (!reply->isFinished()) {
        m_error = QStringLiteral("/control%1: no answer in %2 ms").arg(command).arg(m_controlTimeoutMs);
        reply->abort();
    } else if (reply->error() != QNetworkReply::NoError) {
        m_error = QStringLiteral("/control%1: %2").arg(command, reply->errorString());
    } else {
        QJsonParseError parse{};
        const QJsonDocument json = QJsonDocument::fromJson(reply->readAll(), &parse);
        if (json.isObject())
            answer = json.object();
        else
            m_error = QStringLiteral("/control%1: the answer is no JSON object (%2)")
                          .arg(command, parse.errorString());
    }
    reply->deleteLater();
    return answer;
}

std::optional<QJsonObject> OpsimProcess::stats() {
    return control(QStringLiteral("/stats"), false);
}

std::optional<qint64> OpsimProcess::lastSeq() {
    const auto answer = stats();
    if (!answer)
        return std::nullopt;
    const QJsonValue seq = answer->value(QStringLiteral("lastSeq"));
    if (!seq.isDouble()) {
        m_error = QStringLiteral("/control/stats: no lastSeq in the answer");
        return std::nullopt;
    }
    return seq.toInteger();
}

std::optional<QJsonObject> OpsimProcess::idempotency(const QString &key) {
    return control(QStringLiteral("/idempotency?key=") + QString::fromLatin1(QUrl::toPercentEncoding(key)),
                   false);
}

bool OpsimProcess::pause() {
    return control(QStringLiteral("/pause"), true).has_value();
}

bool OpsimProcess::triggerStorm(double rate, int seconds) {
    return control(QStringLiteral("/storm?rate=%1&seconds=%2").arg(rate).arg(seconds), true).has_value();
}

bool OpsimProcess::setLatency(int ms) {
    return control(QStringLiteral("/faults?latencyMs=%1").arg(ms), true).has_value();
}

bool OpsimProcess::tick() {
    return control(QStringLiteral("/tick"), true).has_value();
}

bool OpsimProcess::revokeToken(const QString &secret) {
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("revoke"), secret);
    return control(QStringLiteral("/token?") + query.toString(QUrl::FullyEncoded), true).has_value();
}

bool OpsimProcess::addToken(const QString &secret, const QString &role) {
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("add"), secret);
    query.addQueryItem(QStringLiteral("role"), role);
    return control(QStringLiteral("/token?") + query.toString(QUrl::FullyEncoded), true).has_value();
}

} // namespace noc::opsim
