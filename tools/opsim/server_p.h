#pragma once

// Private parts of noc::opsim::Server shared by the HTTP front end and the simulator.

#include "event_hub.h"
#include "opsim_server.h"
#include "store.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QPointer>

#include <cstdio>
#include <memory>
#include <optional>
#include <random>

class QTcpSocket;
class QHttpServerRequest;

namespace noc::opsim {

class Simulator;
class ServerPrivate;

class HttpFrontend : public QAbstractHttpServer {
public:
    explicit HttpFrontend(ServerPrivate *d)
        : m_d(d) {}
    bool responded = false; // handleRequest already answered a WebSocket upgrade request itself

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    ServerPrivate *m_d;
};

struct Response {
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool applied = false; // a state change was applied
    int bodyDelayMs = 0;  // the status line and headers go out at once, the body this much later
};

struct ActionLogEntry {
    qint64 timeMs;
    QString method, path, key;
    int status;
};

class ServerPrivate {
public:
    ServerPrivate(Server *q, const ServerConfig &cfg);
    ~ServerPrivate();

    Server *q;
    ServerConfig cfg;
    // Set by the tokens given at start or added later: revoking the last token must refuse
    // everyone, not turn authentication off (cfg.tokens empty = no authentication).
    bool authRequired = false;
    Store store;
    std::unique_ptr<EventHub> hub;
    std::unique_ptr<HttpFrontend> http;
    std::unique_ptr<Simulator> sim;
    quint16 port = 0;
    QString base; // http://127.0.0.1:PORT
    qint64 cutUntilMs = 0;
    // Set by Server::garbleNextTicketCreate: "malformed" or "noId"; empty = answer normally. How many
    // more answers to a ticket create (replays included) are spoilt.
    QString garbleNextCreate;
    int garbleCreateAnswers = 0;
    // Server::setExternalIdLookupAnswer: 0 = normal; 200 = an empty list; else that error status.
    int externalIdLookupStatus = 0;
    int externalIdLookupRetryAfter = 0;
    // Server::throttle: the next throttleAnswers API requests under throttlePath answer 429.
    int throttleAnswers = 0;
    int throttleRetryAfter = 0;
    int throttleBodyDelayMs = 0;
    QString throttlePath;
    int throttled = 0; // 429s answered so far
    std::mt19937_64 faultRng;
    ServerStats counters;
    QHash<QString, int> appliedByKey;
    QHash<QString, int> replaysByKey;
    QList<ActionLogEntry> actionLog;
    QHash<QString, QJsonObject> tasks; // ackAlarms/... task resources by id
    qint64 nextTask = 1;
    qint64 nextAlarm = 1, nextTicket = 1, nextNote = 1;
    qint64 persistedSeq = -1;
    bool catchUpTickQueued = false; // Server::tick() queued itself while the simulator is behind
    void persistSeq(); // lastSeq and counters into meta, when changed (inside the caller's transaction)

    // Writing records: store + event.
    void saveAlarm(const QJsonObject &alarm, qint64 version, const QByteArray &eventType);
    // The same for an alarm already serialised, with its indexed columns (see Store::putText).
    void saveAlarmText(QByteArrayView id, const std::vector<ColumnValue> &columns, const QByteArray &compact,
                       qint64 version, const QByteArray &eventType, QByteArrayView changedTime);
    void saveTicket(const QJsonObject &ticket, qint64 version, const QByteArray &eventType);
    void saveResource(const QJsonObject &resource, qint64 version, const QByteArray &eventType);
    QString alarmHref(const QString &id) const {
        return base + QStringLiteral("/tmf-api/alarm/v4/alarm/") + id;
    }
    QString ticketHref(const QString &id) const {
        return base + QStringLiteral("/tmf-api/troubleTicket/v4/troubleTicket/") + id;
    }
    QString resourceHref(const QString &id) const {
        return base + QStringLiteral("/tmf-api/resourceInventoryManagement/v4/resource/") + id;
    }
    QString newAlarmId() { return QString::fromLatin1(newAlarmIdLatin1()); }
    QByteArray newAlarmIdLatin1() { // "ALM-" and eight digits (more past 99,999,999)
        char text[32];
        const int n = std::snprintf(text, sizeof text, "ALM-%08lld", static_cast<long long>(nextAlarm++));
        return QByteArray(text, n);
    }
    QString newTicketId() { return QStringLiteral("TT-%1").arg(nextTicket++, 7, 10, QLatin1Char('0')); }

    // HTTP
    bool handle(const QHttpServerRequest &request, QTcpSocket *socket);
    void onWebSocket();
    void send(QTcpSocket *socket, const Response &response, bool api, bool closeAfter);
    Response route(const QHttpServerRequest &request, const QString &path, const QString &role);
    Response control(const QHttpServerRequest &request, const QString &path);
    Response resources(const QHttpServerRequest &request, const QStringList &rest);
    Response alarms(const QHttpServerRequest &request, const QStringList &rest, const QString &role);
    Response alarmTask(const QHttpServerRequest &request, const QString &task, const QStringList &rest,
                       const QString &role);
    Response tickets(const QHttpServerRequest &request, const QStringList &rest, const QString &role);
    Response events(const QHttpServerRequest &request);
    Response list(Kind kind, const QHttpServerRequest &request);
    // The answer Server::setExternalIdLookupAnswer asked for to GET /troubleTicket?externalId=, if any.
    std::optional<Response> externalIdLookupOverride(const QHttpServerRequest &request) const;
    void garbleCreateAnswer(Response &r);
    Response getOne(Kind kind, const QString &id);
    Response patchAlarm(const QHttpServerRequest &request, const QString &id, const QString &role);
    Response createTicket(const QHttpServerRequest &request, const QString &role);
    Response patchTicket(const QHttpServerRequest &request, const QString &id, const QString &role);
    Response addNote(const QHttpServerRequest &request, const QString &id, const QString &role);
    bool roll(double rate);
};

Response errorResponse(int status, const QString &code, const QString &reason, const QString &message = {});
Response jsonResponse(int status, const QJsonObject &obj);
QByteArray etagFor(qint64 version);

// Ticket workflow of the profile.
bool ticketTransitionAllowed(const QString &from, const QString &to);
QString priorityForSeverity(const QString &alarmSeverity);
qint64 slaMsForPriority(const QString &priority);

} // namespace noc::opsim
