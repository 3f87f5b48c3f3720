#pragma once

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace noc::opsim {

// The opsim executable as a child process on 127.0.0.1 and a free port, for tests and the bench (a
// server in a process of its own, as a deployed one is). start() reads the address from the first
// line opsim prints; the typed calls use its loopback /control endpoints. Every wait is bounded, and
// a control call keeps the calling thread's event loop turning while it waits (the bench's GUI keeps
// painting). Not thread-safe: use it on the thread that made it.
class OpsimProcess {
public:
    // `program`: the opsim executable; CTest exports its path as NOC_OPSIM.
    explicit OpsimProcess(const QString &program = qEnvironmentVariable("NOC_OPSIM"));
    ~OpsimProcess();
    OpsimProcess(const OpsimProcess &) = delete;
    OpsimProcess &operator=(const OpsimProcess &) = delete;

    // Starts opsim with `--port 0` and `args`, and waits up to `timeoutMs` for its first line,
    // "listening on http://127.0.0.1:PORT" (a large network takes a while to build). False with
    // error() when it did not start, ended, or said something else.
    bool start(const QStringList &args, int timeoutMs = 30000);
    // Ends it: SIGTERM, up to 5 s, then SIGKILL. Also done by the destructor.
    void stop();

    QUrl url() const { return m_url; } // http://127.0.0.1:PORT once started, else empty
    QString firstLine() const { return m_firstLine; }
    qint64 pid() const { return m_process.processId(); }
    // Why the last start() or control call failed.
    QString error() const { return m_error; }
    // How long a control call may take (default 30 s).
    void setControlTimeout(int ms) { m_controlTimeoutMs = ms; }

    // GET /control/stats: alarms, tickets, lastSeq, actionsApplied, …; nothing when the call failed.
    std::optional<QJsonObject> stats();
    // The last event seq the server produced (/control/stats), nothing when the call failed.
    std::optional<qint64> lastSeq();
    // GET /control/idempotency?key=: how often the action with this key was applied and replayed.
    std::optional<QJsonObject> idempotency(const QString &key);
    // POST /control/pause: the simulator stops producing events.
    bool pause();
    // POST /control/storm: `rate` alarm events per second for `seconds`.
    bool triggerStorm(double rate, int seconds);
    // POST /control/faults?latencyMs=: latency added to every API answer.
    bool setLatency(int ms);
    // POST /control/tick: one simulator step (also saves the event seq with --db).
    bool tick();
    // POST /control/token: the token is refused (401) from now on / accepted from now on.
    bool revokeToken(const QString &secret);
    bool addToken(const QString &secret, const QString &role);

private:
    std::optional<QJsonObject> control(const QString &command, bool post);

    QProcess m_process;
    QNetworkAccessManager m_network;
    QUrl m_url;
    QString m_firstLine;
    QString m_error;
    int m_controlTimeoutMs = 30000;
};

} // namespace noc::opsim
