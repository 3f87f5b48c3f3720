#pragma once

// opsim: the reference operations API server (TMF639 / TMF642 / TMF621 + the event channel of
// ../shared/docs/ops-api.md) with a simulated service-provider network behind it.
//
// In-process use (tests, the console's demo mode, noc-bench):
//     noc::opsim::ServerConfig cfg;            // port 0 = any free port on 127.0.0.1
//     cfg.tokens.insert("s3cret", "engineer");
//     noc::opsim::Server server(cfg);
//     QString error;
//     if (!server.start(&error)) ...
//     QUrl base = server.baseUrl();            // http://127.0.0.1:PORT
// The Server lives in the thread that created it (all sockets and the SQLite connection too).

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace noc::opsim {

struct ServerConfig {
    quint16 port = 0; // 0 = any free port
    QString bindAddress = QStringLiteral("127.0.0.1");
    quint64 seed = 1;          // the simulator is deterministic for a given seed
    int elements = 2000;       // network elements (10 .. 100000)
    double alarmRate = 0.5;    // background alarms per second (0 = none)
    qint64 initialAlarms = 0;  // alarms pre-generated at start (benchmarks)
    int historyHours = 0;      // the last N hours of background alarms at alarmRate, pre-generated (the demo)
    int initialTickets = 0;    // tickets pre-generated at start (benchmarks)
    QString ticketsAssignedTo; // user id given a share of the pre-generated open tickets (the demo)
    double stormRate = 0;      // --storm RATE:SECONDS at start
    int stormSeconds = 0;
    bool simulate = true;              // run the alarm / ticket engines
    int tickMs = 100;                  // simulator tick
    double timeScale = 1.0;            // scales simulated durations (auto-clear, repairs, ticket steps)
    QMap<QString, QString> tokens;     // bearer secret -> role; empty = no authentication
    QString dbPath;                    // empty = in-memory SQLite
    int latencyMs = 0;                 // fault injection on /tmf-api paths
    double errorRate = 0;              // 500/503 answers
    double dropRate = 0;               // connection closed mid-response (after applying)
    double malformedRate = 0;          // invalid JSON bodies and frames
    qint64 eventRetention = 200000;    // events kept for /events and /stream resume
    int maxBatch = 500;                // events per WebSocket frame when batching
    int maxLimit = 10000;              // largest accepted ?limit=
    qint64 maxBodyBytes = 1024 * 1024; // larger request bodies answer 413
    // TLS (https:// and wss://) when both are set: PEM certificate (chain) and PEM private key.
    QString tlsCertificatePath;
    QString tlsKeyPath;
};

// Roles of the profile. Parsing is case-insensitive; unknown names are rejected.
bool isKnownRole(const QString &role);
// Reads "SECRET ROLE" lines (# comments, blank lines ignored) into tokens.
bool loadTokensFile(const QString &path, QMap<QString, QString> *tokens, QString *error);

struct ServerStats {
    qint64 requests = 0;
    qint64 actionsApplied = 0;    // state-changing API requests that were applied (not replays)
    qint64 idempotencyKeys = 0;   // distinct keys seen
    qint64 idempotentReplays = 0; // requests answered from a stored result
    qint64 lastSeq = 0;
    qint64 oldestSeq = 0; // oldest seq still retained (0 = none)
    qint64 alarms = 0, openAlarms = 0, tickets = 0, resources = 0;
    int streamClients = 0;
    QJsonObject toJson() const;
};

class ServerPrivate;

class Server : public QObject {
    Q_OBJECT
public:
    explicit Server(const ServerConfig &config, QObject *parent = nullptr);
    ~Server() override;

    bool start(QString *error);
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:PORT
    const ServerConfig &config() const;

    ServerStats stats() const;
    // The last event seq alone (stats() also counts the alarm table: hundreds of ms at 1M alarms).
    qint64 lastSeq() const;
    // How many times the request carrying this Idempotency-Key was applied (0 or 1) and replayed.
    int appliedCount(const QString &idempotencyKey) const;
    int replayCount(const QString &idempotencyKey) const;

    // Control (also reachable over HTTP under /control on loopback).
    void setPaused(bool paused);      // simulator stops producing changes
    void cutConnections(int seconds); // close every connection, refuse API requests for N s
    // Drops every event stream connection, the HTTP API stays up (a proxy ending long-lived
    // connections): a client's request in flight is not touched.
    void dropStreams();
    // The next ticket create is applied and stored as usual but answered 201 with a body a client
    // cannot use: "malformed" (not JSON) or "noId" (JSON without id and href). With answers > 1 the
    // repeats with the same Idempotency-Key are spoilt too, until that many answers went out (a proxy
    // that keeps breaking them); with 1 a repeat gets the real answer. False for another word.
    bool garbleNextTicketCreate(const QString &how, int answers = 1);
    // How GET /troubleTicket?externalId= answers from now on: 0 normally; 200 with an empty list (a
    // server that does not keep or search externalId); another status as that error, with
    // Retry-After when retryAfterSeconds > 0. False for a status that is none of these.
    bool setExternalIdLookupAnswer(int status, int retryAfterSeconds = 0);
    // The next `answers` API requests whose path starts with pathPrefix (empty = any) answer
    // 429 Too Many Requests with Retry-After: retryAfterSeconds, applying nothing. With bodyDelayMs
    // the status line and headers go out at once and the body that much later (a slow server or
    // proxy: the client knows the answer before the reply is complete).
    void throttle(int answers, int retryAfterSeconds, const QString &pathPrefix = {}, int bodyDelayMs = 0);
    int throttledCount() const; // 429s answered by throttle() so far
    void triggerStorm(double ratePerSecond, int seconds);
    bool triggerFault(const QString &kind, QString *rootAlarmId = nullptr); // fibreCut|powerFailure|flap
    void restartEventSequence(); // drop event history, seq starts again at 1
    void setFaults(int latencyMs, double errorRate, double dropRate, double malformedRate);
    // Tokens while running: an expired or revoked token answers 401 from the next request on (an
    // event stream already open stays open, as on a server that checks the token at the handshake);
    // a new one is accepted at once. False for an unknown role / an unknown token.
    bool addToken(const QString &secret, const QString &role);
    bool revokeToken(const QString &secret);
    // Raises n background-style alarms at once (AlarmCreateEvents); returns how many. For benchmarks and
    // demos.
    int generateAlarms(int n);
    // Runs the simulator for one tick now (tests use it with simulate=false).
    void tick();

private:
    std::unique_ptr<ServerPrivate> d;
    friend class ServerPrivate;
};

} // namespace noc::opsim
