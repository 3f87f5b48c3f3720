#include "opsim_server.h"

#include "query.h"
#include "server_p.h"
#include "simulator.h"

#include <QDateTime>
#include <QFile>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace noc::opsim {

namespace {

const QString kAlarmBase = QStringLiteral("/tmf-api/alarm/v4");
const QString kAlarmBaseAlt = QStringLiteral("/tmf-api/alarmManagement/v4");
const QString kTicketBase = QStringLiteral("/tmf-api/troubleTicket/v4");
const QString kResourceBase = QStringLiteral("/tmf-api/resourceInventoryManagement/v4");
const QString kEventBase = QStringLiteral("/tmf-api/event/v4");
const QStringList kRoles = {QStringLiteral("engineer"), QStringLiteral("supervisor"),
                            QStringLiteral("auditor"), QStringLiteral("readonly")};

QByteArray reasonPhrase(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Payload Too Large";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

bool canAct(const QString &role) {
    return role == QLatin1String("engineer") || role == QLatin1String("supervisor");
}

Response forbidden(const QString &role, const QString &what) {
    return errorResponse(403, QStringLiteral("FORBIDDEN"), QStringLiteral("Role may not do this"),
                         QStringLiteral("role '%1' may not %2").arg(role, what));
}

// Parses a JSON object body: 400 for malformed JSON, 422 when it is valid JSON of the wrong shape.
bool parseObject(const QByteArray &body, QJsonObject *out, Response *error) {
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = errorResponse(400, QStringLiteral("INVALID_JSON"), QStringLiteral("Malformed JSON body"),
                               pe.errorString() + QStringLiteral(" at offset ") + QString::number(pe.offset));
        return false;
    }
    if (!doc.isObject()) {
        *error = errorResponse(422, QStringLiteral("INVALID_BODY"),
                               QStringLiteral("The body must be a JSON object"));
        return false;
    }
    *out = doc.object();
    return true;
}

Response invalid(const QString &message) {
    return errorResponse(422, QStringLiteral("INVALID_BODY"), QStringLiteral("Invalid request body"),
                         message);
}

bool ifMatchFails(const QHttpServerRequest &request, qint64 version) {
    QByteArray im = request.value("if-match").trimmed();
    if (im.isEmpty() || im == "*")
        return false;
    for (QByteArray tag : im.split(',')) {
        tag = tag.trimmed();
        if (tag.startsWith("W/"))
            tag = tag.mid(2);
        if (tag == etagFor(version))
            return false;
    }
    return true;
}

Response preconditionFailed(qint64 version) {
    Response r = errorResponse(412, QStringLiteral("PRECONDITION_FAILED"),
                               QStringLiteral("The resource changed since it was read"),
                               QStringLiteral("current version is %1").arg(version));
    r.headers.emplaceBack("ETag", etagFor(version));
    return r;
}

QString methodName(QHttpServerRequest::Method m) {
    switch (m) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    default:
        return QStringLiteral("OTHER");
    }
}

Response methodNotAllowed() {
    return errorResponse(405, QStringLiteral("METHOD_NOT_ALLOWED"),
                         QStringLiteral("Method not allowed on this path"));
}

Response notFound(const QString &what) {
    return errorResponse(404, QStringLiteral("NOT_FOUND"), QStringLiteral("Not found"), what);
}

bool isString(const QJsonValue &v) {
    return v.isString();
}

// Validates an array of references with the required string attributes.
bool validRefs(const QJsonValue &v, const QStringList &required, QString *message, const QString &name) {
    if (!v.isArray()) {
        *message = name + QStringLiteral(" must be an array");
        return false;
    }
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isObject()) {
            *message = name + QStringLiteral(" items must be objects");
            return false;
        }
        const QJsonObject o = item.toObject();
        for (const QString &r : required) {
            if (!o.value(r).isString()) {
                *message = QStringLiteral("%1 items need the string attribute '%2'").arg(name, r);
                return false;
            }
        }
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!it.value().isString()) {
                *message = QStringLiteral("%1.%2 must be a string").arg(name, it.key());
                return false;
            }
        }
    }
    return true;
}

void flatten(const QJsonObject &obj, const QString &prefix, QUrlQuery *q) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const QString key = prefix + it.key();
        const QJsonValue v = it.value();
        if (it.key() == QLatin1String("href") || it.key() == QLatin1String("@type") ||
            it.key() == QLatin1String("@baseType") || it.key() == QLatin1String("@schemaLocation"))
            continue;
        if (v.isObject())
            flatten(v.toObject(), key + u'.', q);
        else if (v.isBool())
            q->addQueryItem(key, v.toBool() ? QStringLiteral("true") : QStringLiteral("false"));
        else if (v.isString())
            q->addQueryItem(key, v.toString());
        else if (v.isDouble())
            q->addQueryItem(key, QString::number(v.toDouble()));
    }
}

// The "opsim" logger; on stderr unless the host application registered its own.
std::shared_ptr<spdlog::logger> logger() {
    auto l = spdlog::get("opsim");
    if (!l)
        l = spdlog::stderr_color_mt("opsim");
    return l;
}

} // namespace

// ---------------------------------------------------------------------------------------------------------
// Shared helpers

Response errorResponse(int status, const QString &code, const QString &reason, const QString &message) {
    QJsonObject o{{QStringLiteral("code"), code},
                  {QStringLiteral("reason"), reason},
                  {QStringLiteral("status"), QString::number(status)},
                  {QStringLiteral("@type"), QStringLiteral("Error")}};
    if (!message.isEmpty())
        o.insert(QStringLiteral("message"), message);
    Response r;
    r.status = status;
    r.body = QJsonDocument(o).toJson(QJsonDocument::Compact);
    return r;
}

Response jsonResponse(int status, const QJsonObject &obj) {
    Response r;
    r.status = status;
    r.body = QJsonDocument(obj).toJson(QJsonDocument::Compact);
    return r;
}

QByteArray etagFor(qint64 version) {
    return '"' + QByteArray::number(version) + '"';
}

bool ticketTransitionAllowed(const QString &from, const QString &to) {
    static const QHash<QString, QStringList> allowed = {
        {QStringLiteral("acknowledged"),
         {QStringLiteral("inProgress"), QStringLiteral("rejected"), QStringLiteral("cancelled")}},
        {QStringLiteral("inProgress"),
         {QStringLiteral("pending"), QStringLiteral("held"), QStringLiteral("resolved"),
          QStringLiteral("cancelled")}},
        {QStringLiteral("pending"), {QStringLiteral("inProgress"), QStringLiteral("cancelled")}},
        {QStringLiteral("held"), {QStringLiteral("inProgress"), QStringLiteral("cancelled")}},
        {QStringLiteral("resolved"), {QStringLiteral("closed"), QStringLiteral("inProgress")}},
    };
    return allowed.value(from).contains(to);
}

QString priorityForSeverity(const QString &s) {
    if (s.compare(QLatin1String("critical"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("Critical");
    if (s.compare(QLatin1String("major"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("High");
    if (s.compare(QLatin1String("minor"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("Medium");
    return QStringLiteral("Low");
}

qint64 slaMsForPriority(const QString &p) {
    const qint64 h = 3600 * 1000;
    if (p.compare(QLatin1String("Critical"), Qt::CaseInsensitive) == 0)
        return 4 * h;
    if (p.compare(QLatin1String("High"), Qt::CaseInsensitive) == 0)
        return 8 * h;
    if (p.compare(QLatin1String("Medium"), Qt::CaseInsensitive) == 0)
        return 24 * h;
    return 72 * h;
}

bool isKnownRole(const QString &role) {
    return kRoles.contains(role.toLower());
}

bool loadTokensFile(const QString &path, QMap<QString, QString> *tokens, QString *error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return false;
    }
    int lineNo = 0;
    while (!f.atEnd()) {
        ++lineNo;
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList parts = line.split(QRegularExpression(QStringLiteral("\\s+")));
        if (parts.size() != 2 || !isKnownRole(parts[1])) {
            *error = QStringLiteral("%1:%2: expected 'SECRET ROLE' with ROLE one of %3")
                         .arg(path)
                         .arg(lineNo)
                         .arg(kRoles.join(u','));
            return false;
        }
        tokens->insert(parts[0], parts[1].toLower());
    }
    return true;
}

QJsonObject ServerStats::toJson() const {
    return {{QStringLiteral("requests"), requests},
            {QStringLiteral("actionsApplied"), actionsApplied},
            {QStringLiteral("idempotencyKeys"), idempotencyKeys},
            {QStringLiteral("idempotentReplays"), idempotentReplays},
            {QStringLiteral("lastSeq"), lastSeq},
            {QStringLiteral("oldestSeq"), oldestSeq},
            {QStringLiteral("alarms"), alarms},
            {QStringLiteral("openAlarms"), openAlarms},
            {QStringLiteral("tickets"), tickets},
            {QStringLiteral("resources"), resources},
            {QStringLiteral("streamClients"), streamClients}};
}

// ---------------------------------------------------------------------------------------------------------
// ServerPrivate

ServerPrivate::ServerPrivate(Server *q, const ServerConfig &c)
    : q(q)
    , cfg(c)
    , authRequired(!c.tokens.isEmpty())
    , hub(std::make_unique<EventHub>(c.eventRetention, c.maxBatch))
    , http(std::make_unique<HttpFrontend>(this))
    , sim(std::make_unique<Simulator>(this, c.seed, c.elements))
    , faultRng(c.seed ^ 0x5eed) {
    hub->setMalformedRate(c.malformedRate);
}

ServerPrivate::~ServerPrivate() = default;

void ServerPrivate::saveAlarm(const QJsonObject &alarm, qint64 version, const QByteArray &eventType) {
    const QByteArray compact = QJsonDocument(alarm).toJson(QJsonDocument::Compact);
    store.put(Kind::Alarm, alarm, version, 0, compact);
    hub->publish(eventType, "alarm", compact,
                 alarm.value(QLatin1String("alarmChangedTime")).toString().toLatin1());
}

void ServerPrivate::saveAlarmText(QByteArrayView id, const std::vector<ColumnValue> &columns,
                                  const QByteArray &compact, qint64 version, const QByteArray &eventType,
                                  QByteArrayView changedTime) {
    store.putText(Kind::Alarm, id, columns, version, compact);
    hub->publish(eventType, "alarm", compact, changedTime);
}

void ServerPrivate::saveTicket(const QJsonObject &ticket, qint64 version, const QByteArray &eventType) {
    const QByteArray compact = QJsonDocument(ticket).toJson(QJsonDocument::Compact);
    store.put(Kind::Ticket, ticket, version, 0, compact);
    hub->publish(eventType, "troubleTicket", compact,
                 ticket.value(QLatin1String("lastUpdate")).toString().toLatin1());
}

void ServerPrivate::saveResource(const QJsonObject &resource, qint64 version, const QByteArray &eventType) {
    const QByteArray compact = QJsonDocument(resource).toJson(QJsonDocument::Compact);
    store.put(Kind::Resource, resource, version, 0, compact);
    hub->publish(eventType, "resource", compact,
                 resource.value(QLatin1String("lastUpdate")).toString().toLatin1());
}

void ServerPrivate::persistSeq() {
    if (hub->lastSeq() == persistedSeq)
        return;
    persistedSeq = hub->lastSeq();
    store.setMeta(QStringLiteral("lastSeq"), QString::number(persistedSeq));
    store.setMeta(QStringLiteral("nextNote"), QString::number(nextNote - 1));
}

bool ServerPrivate::roll(double rate) {
    return rate > 0 && std::uniform_real_distribution<double>(0, 1)(faultRng) < rate;
}

bool HttpFrontend::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) {
    return m_d->handle(request, socket);
}

void HttpFrontend::missingHandler(const QHttpServerRequest &, QTcpSocket *socket) {
    if (responded) {
        responded = false;
        return;
    }
    Response r = errorResponse(404, QStringLiteral("NOT_FOUND"), QStringLiteral("No such path"));
    m_d->send(socket, r, false, false);
}

void ServerPrivate::send(QTcpSocket *socket, const Response &response, bool api, bool closeAfter) {
    QByteArray body = response.body;
    bool drop = false;
    if (api) {
        if (!body.isEmpty() && response.status < 300 && roll(cfg.malformedRate))
            body = body.left(body.size() / 2) + "\x01{not json";
        drop = roll(cfg.dropRate);
    }
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    bool hasType = false;
    for (const auto &[k, v] : response.headers) {
        head += k + ": " + v + "\r\n";
        if (k.compare("content-type", Qt::CaseInsensitive) == 0)
            hasType = true;
    }
    if (!hasType && !body.isEmpty())
        head += "Content-Type: application/json;charset=utf-8\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (closeAfter)
        head += "Connection: close\r\n";
    head += "\r\n";
    const int bodyDelayMs = response.bodyDelayMs;
    auto write = [socket, head, body, drop, closeAfter, bodyDelayMs] {
        if (socket->state() != QAbstractSocket::ConnectedState)
            return;
        if (bodyDelayMs > 0) {
            socket->write(head);
            QTimer::singleShot(bodyDelayMs, socket, [socket, body] {
                if (socket->state() == QAbstractSocket::ConnectedState)
                    socket->write(body);
            });
            return;
        }
        if (drop) {
            socket->write(head);
            socket->write(body.left(body.size() / 2));
            socket->disconnectFromHost();
            return;
        }
        socket->write(head);
        socket->write(body);
        if (closeAfter)
            socket->disconnectFromHost();
    };
    if (api && cfg.latencyMs > 0)
        QTimer::singleShot(cfg.latencyMs, socket, write);
    else
        write();
}

bool ServerPrivate::handle(const QHttpServerRequest &request, QTcpSocket *socket) {
    ++counters.requests;
    QString path = request.url().path();
    while (path.size() > 1 && path.endsWith(u'/'))
        path.chop(1);
    const bool closeAfter = request.value("connection").compare("close", Qt::CaseInsensitive) == 0;

    if (path.startsWith(QLatin1String("/control"))) {
        if (!request.remoteAddress().isLoopback()) {
            send(socket,
                 errorResponse(403, QStringLiteral("FORBIDDEN"), QStringLiteral("control is loopback only")),
                 false, closeAfter);
            return true;
        }
        send(socket, control(request, path), false, closeAfter);
        return true;
    }

    const bool isUpgrade = request.value("upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
    if (QDateTime::currentMSecsSinceEpoch() < cutUntilMs) {
        socket->abort();
        if (isUpgrade)
            http->responded = true;
        return !isUpgrade;
    }

    // authentication
    QString role = QStringLiteral("supervisor");
    if (authRequired) {
        const QByteArray auth = request.value("authorization");
        QString token;
        if (auth.startsWith("Bearer ") || auth.startsWith("bearer "))
            token = QString::fromUtf8(auth.mid(7).trimmed());
        if (token.isEmpty() && isUpgrade)
            token = QUrlQuery(request.url()).queryItemValue(QStringLiteral("access_token"));
        if (token.isEmpty() || !cfg.tokens.contains(token)) {
            Response r = errorResponse(401, QStringLiteral("UNAUTHORIZED"),
                                       token.isEmpty() ? QStringLiteral("Missing bearer token")
                                                       : QStringLiteral("Invalid bearer token"));
            r.headers.emplaceBack("WWW-Authenticate", "Bearer realm=\"opsim\"");
            send(socket, r, false, closeAfter || isUpgrade);
            if (isUpgrade) {
                http->responded = true;
                return false;
            }
            return true;
        }
        role = cfg.tokens.value(token);
    }

    if (isUpgrade) {
        if (path == kEventBase + QStringLiteral("/stream"))
            return true; // QAbstractHttpServer upgrades; the socket arrives in onWebSocket()
        send(socket, notFound(QStringLiteral("no WebSocket endpoint at ") + path), false, true);
        http->responded = true;
        return false;
    }

    if (!path.startsWith(QLatin1String("/tmf-api/"))) {
        send(socket, notFound(QStringLiteral("no such path ") + path), false, closeAfter);
        return true;
    }

    if (roll(cfg.errorRate)) {
        const bool unavailable = roll(0.5);
        Response r = errorResponse(unavailable ? 503 : 500,
                                   unavailable ? QStringLiteral("UNAVAILABLE") : QStringLiteral("INTERNAL"),
                                   QStringLiteral("Injected fault"));
        if (unavailable)
            r.headers.emplaceBack("Retry-After", "1");
        send(socket, r, true, closeAfter);
        return true;
    }

    if (throttleAnswers > 0 && path.startsWith(throttlePath)) {
        // Before the idempotency store: a throttled request is refused, not applied or replayed.
        --throttleAnswers;
        ++throttled;
        Response r = errorResponse(429, QStringLiteral("TOO_MANY_REQUESTS"), QStringLiteral("Slow down"));
        r.headers.emplaceBack("Retry-After", QByteArray::number(throttleRetryAfter));
        r.bodyDelayMs = throttleBodyDelayMs;
        send(socket, r, true, closeAfter);
        return true;
    }

    if (request.body().size() > cfg.maxBodyBytes) {
        send(socket,
             errorResponse(413, QStringLiteral("PAYLOAD_TOO_LARGE"), QStringLiteral("Request body too large"),
                           QStringLiteral("at most %1 bytes").arg(cfg.maxBodyBytes)),
             true, true);
        return true;
    }

    const auto method = request.method();
    const bool mutating =
        method == QHttpServerRequest::Method::Post || method == QHttpServerRequest::Method::Patch;
    const QString key = mutating ? QString::fromUtf8(request.value("idempotency-key").trimmed()) : QString();
    if (!key.isEmpty()) {
        if (auto stored = store.idempotent(key)) {
            store.countReplay(key);
            ++counters.idempotentReplays;
            replaysByKey[key] += 1;
            Response r;
            r.status = stored->status;
            r.body = stored->body;
            for (const QByteArray &line : stored->headers.split('\n')) {
                const int colon = line.indexOf(':');
                if (colon > 0)
                    r.headers.emplaceBack(line.left(colon), line.mid(colon + 1).trimmed());
            }
            r.headers.emplaceBack("Idempotent-Replayed", "true");
            if (method == QHttpServerRequest::Method::Post &&
                path == kTicketBase + QStringLiteral("/troubleTicket"))
                garbleCreateAnswer(r);
            send(socket, r, true, closeAfter);
            return true;
        }
    }

    Response r;
    store.begin();
    try {
        r = route(request, path, role);
    } catch (const std::exception &e) {
        r = errorResponse(500, QStringLiteral("INTERNAL"), QStringLiteral("Unexpected error"),
                          QString::fromUtf8(e.what()));
    }
    persistSeq();
    store.commit();
    if (r.applied) {
        ++counters.actionsApplied;
        actionLog.append({QDateTime::currentMSecsSinceEpoch(), methodName(method), path, key, r.status});
        if (actionLog.size() > 100000)
            actionLog.remove(0, 10000);
        if (!key.isEmpty())
            appliedByKey[key] += 1;
    }
    if (!key.isEmpty() && r.status < 500) {
        Store::StoredResult sr;
        sr.status = r.status;
        sr.body = r.body;
        for (const auto &[k, v] : r.headers)
            sr.headers += k + ": " + v + "\n";
        store.storeIdempotent(key, sr);
        ++counters.idempotencyKeys;
    }
    if (r.applied && method == QHttpServerRequest::Method::Post &&
        path == kTicketBase + QStringLiteral("/troubleTicket"))
        garbleCreateAnswer(r); // after the stored result: only this answer is spoilt, as by a faulty proxy
    send(socket, r, true, closeAfter);
    return true;
}

void ServerPrivate::garbleCreateAnswer(Response &r) {
    if (garbleCreateAnswers <= 0 || r.status != 201)
        return;
    if (garbleNextCreate == QLatin1String("malformed")) {
        r.body = r.body.left(r.body.size() / 2) + "\x01{not json";
    } else {
        QJsonObject ticket = QJsonDocument::fromJson(r.body).object();
        ticket.remove(QStringLiteral("id"));
        ticket.remove(QStringLiteral("href"));
        r.body = QJsonDocument(ticket).toJson(QJsonDocument::Compact);
    }
    if (--garbleCreateAnswers == 0)
        garbleNextCreate.clear();
}

std::optional<Response> ServerPrivate::externalIdLookupOverride(const QHttpServerRequest &request) const {
    if (externalIdLookupStatus == 0 || !QUrlQuery(request.url()).hasQueryItem(QStringLiteral("externalId")))
        return std::nullopt;
    if (externalIdLookupStatus == 200) {
        Response r;
        r.body = "[]";
        r.headers.emplaceBack("X-Total-Count", "0");
        r.headers.emplaceBack("X-Result-Count", "0");
        return r;
    }
    Response r = errorResponse(externalIdLookupStatus, QStringLiteral("LOOKUP_REFUSED"),
                               QStringLiteral("Injected lookup answer"));
    if (externalIdLookupRetryAfter > 0)
        r.headers.emplaceBack("Retry-After", QByteArray::number(externalIdLookupRetryAfter));
    return r;
}

void ServerPrivate::onWebSocket() {
    while (http->hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> ws = http->nextPendingWebSocketConnection();
        if (!ws)
            continue;
        const QUrlQuery query(ws->requestUrl());
        bool ok = false;
        const qint64 since = query.queryItemValue(QStringLiteral("since")).toLongLong(&ok);
        const bool hasSince = query.hasQueryItem(QStringLiteral("since"));
        QWebSocket *raw = ws.release();
        if (hasSince && !ok) {
            raw->sendTextMessage(QString::fromUtf8(
                errorResponse(400, QStringLiteral("BAD_REQUEST"), QStringLiteral("since must be an integer"))
                    .body));
            raw->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("bad since"));
            raw->deleteLater();
            continue;
        }
        hub->addClient(raw, since, hasSince);
    }
}

Response ServerPrivate::route(const QHttpServerRequest &request, const QString &path, const QString &role) {
    auto under = [&](const QString &base, QStringList *rest) {
        if (path == base || path.startsWith(base + u'/')) {
            *rest = path.mid(base.size()).split(u'/', Qt::SkipEmptyParts);
            return true;
        }
        return false;
    };
    QStringList rest;
    if (under(kResourceBase, &rest))
        return resources(request, rest);
    if (under(kAlarmBase, &rest) || under(kAlarmBaseAlt, &rest))
        return alarms(request, rest, role);
    if (under(kTicketBase, &rest))
        return tickets(request, rest, role);
    if (under(kEventBase, &rest)) {
        if (rest == QStringList{QStringLiteral("events")}) {
            if (request.method() != QHttpServerRequest::Method::Get)
                return methodNotAllowed();
            return events(request);
        }
        if (rest == QStringList{QStringLiteral("stream")})
            return errorResponse(426, QStringLiteral("UPGRADE_REQUIRED"), QStringLiteral("Use a WebSocket"));
    }
    return notFound(QStringLiteral("no such path ") + path);
}

Response ServerPrivate::list(Kind kind, const QHttpServerRequest &request) {
    ParsedList pl;
    QString err;
    if (!parseListQuery(kind, QUrlQuery(request.url()), cfg.maxLimit, &pl, &err))
        return errorResponse(400, QStringLiteral("BAD_REQUEST"), QStringLiteral("Invalid query"), err);
    ListResult lr;
    if (!store.list(kind, pl.query, &lr, &err))
        return errorResponse(400, QStringLiteral("BAD_REQUEST"), QStringLiteral("Invalid query"), err);
    Response r;
    qsizetype size = 2;
    for (const QByteArray &row : lr.rows)
        size += row.size() + 1;
    r.body.reserve(size);
    r.body += '[';
    for (qsizetype i = 0; i < lr.rows.size(); ++i) {
        if (i)
            r.body += ',';
        r.body += pl.fields.isEmpty() ? lr.rows[i] : selectFields(lr.rows[i], pl.fields);
    }
    r.body += ']';
    r.status = lr.rows.size() < lr.total ? 206 : 200;
    r.headers.emplaceBack("X-Total-Count", QByteArray::number(lr.total));
    r.headers.emplaceBack("X-Result-Count", QByteArray::number(lr.rows.size()));
    return r;
}

Response ServerPrivate::getOne(Kind kind, const QString &id) {
    auto rec = store.get(kind, id);
    if (!rec)
        return notFound(QStringLiteral("no record with id ") + id);
    Response r = jsonResponse(200, rec->json);
    r.headers.emplaceBack("ETag", etagFor(rec->version));
    return r;
}

Response ServerPrivate::resources(const QHttpServerRequest &request, const QStringList &rest) {
    if (rest.isEmpty() || rest.first() != QLatin1String("resource") || rest.size() > 2)
        return notFound(QStringLiteral("unknown resource path"));
    if (request.method() != QHttpServerRequest::Method::Get)
        return methodNotAllowed();
    return rest.size() == 1 ? list(Kind::Resource, request) : getOne(Kind::Resource, rest[1]);
}

Response ServerPrivate::alarms(const QHttpServerRequest &request, const QStringList &rest,
                               const QString &role) {
    if (rest.isEmpty())
        return notFound(QStringLiteral("unknown alarm path"));
    const QString head = rest.first();
    if (head == QLatin1String("alarm")) {
        if (rest.size() == 1) {
            if (request.method() != QHttpServerRequest::Method::Get)
                return methodNotAllowed();
            return list(Kind::Alarm, request);
        }
        if (rest.size() != 2)
            return notFound(QStringLiteral("unknown alarm path"));
        if (request.method() == QHttpServerRequest::Method::Get)
            return getOne(Kind::Alarm, rest[1]);
        if (request.method() == QHttpServerRequest::Method::Patch)
            return patchAlarm(request, rest[1], role);
        return methodNotAllowed();
    }
    static const QStringList tasks = {QStringLiteral("ackAlarms"), QStringLiteral("unAckAlarms"),
                                      QStringLiteral("clearAlarms"), QStringLiteral("commentAlarms")};
    if (tasks.contains(head))
        return alarmTask(request, head, rest.mid(1), role);
    return notFound(QStringLiteral("unknown alarm path"));
}

namespace {

enum class AlarmOp { Ack, UnAck, Clear, Comment };

// Applies one operation; returns false when it does not apply (already in that state).
bool applyAlarmOp(QJsonObject &a, AlarmOp op, const QJsonObject &params, const QString &now) {
    switch (op) {
    case AlarmOp::Ack:
    case AlarmOp::UnAck: {
        const QString target =
            op == AlarmOp::Ack ? QStringLiteral("acknowledged") : QStringLiteral("unacknowledged");
        if (a.value(QLatin1String("ackState")).toString() == target)
            return false;
        a.insert(QStringLiteral("ackState"), target);
        for (const char *k : {"ackUserId", "ackSystemId"}) {
            if (params.contains(QLatin1String(k)))
                a.insert(QLatin1String(k), params.value(QLatin1String(k)));
        }
        break;
    }
    case AlarmOp::Clear:
        if (a.value(QLatin1String("state")).toString() == QLatin1String("cleared"))
            return false;
        a.insert(QStringLiteral("state"), QStringLiteral("cleared"));
        a.insert(QStringLiteral("alarmClearedTime"), params.contains(QLatin1String("alarmClearedTime"))
                                                         ? params.value(QLatin1String("alarmClearedTime"))
                                                         : QJsonValue(now));
        for (const char *k : {"clearUserId", "clearSystemId"}) {
            if (params.contains(QLatin1String(k)))
                a.insert(QLatin1String(k), params.value(QLatin1String(k)));
        }
        break;
    case AlarmOp::Comment: {
        QJsonArray comments = a.value(QLatin1String("comment")).toArray();
        QJsonObject c = params;
        if (!c.contains(QLatin1String("time")))
            c.insert(QStringLiteral("time"), now);
        comments.append(c);
        a.insert(QStringLiteral("comment"), comments);
        break;
    }
    }
    a.insert(QStringLiteral("alarmChangedTime"), now);
    return true;
}

} // namespace

Response ServerPrivate::patchAlarm(const QHttpServerRequest &request, const QString &id,
                                   const QString &role) {
    auto rec = store.get(Kind::Alarm, id);
    if (!rec)
        return notFound(QStringLiteral("no alarm ") + id);
    if (!canAct(role))
        return forbidden(role, QStringLiteral("change alarms"));
    QJsonObject patch;
    Response err;
    if (!parseObject(request.body(), &patch, &err))
        return err;
    if (ifMatchFails(request, rec->version))
        return preconditionFailed(rec->version);
    QJsonObject a = rec->json;
    const QString now = isoNow();
    bool stateChange = false, changed = false;
    QJsonObject ackParams, clearParams;
    QJsonArray newComments;
    QString ackTarget;
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        const QString k = it.key();
        const QJsonValue v = it.value();
        if (k == QLatin1String("id") || k == QLatin1String("href") || k == QLatin1String("@type")) {
            if (v != a.value(k))
                return invalid(QStringLiteral("%1 cannot be changed").arg(k));
        } else if (k == QLatin1String("ackState")) {
            if (v.toString() != QLatin1String("acknowledged") &&
                v.toString() != QLatin1String("unacknowledged"))
                return invalid(QStringLiteral("ackState must be acknowledged or unacknowledged"));
            ackTarget = v.toString();
        } else if (k == QLatin1String("ackUserId") || k == QLatin1String("ackSystemId")) {
            if (!isString(v))
                return invalid(k + QStringLiteral(" must be a string"));
            ackParams.insert(k, v);
        } else if (k == QLatin1String("clearUserId") || k == QLatin1String("clearSystemId")) {
            if (!isString(v))
                return invalid(k + QStringLiteral(" must be a string"));
            clearParams.insert(k, v);
        } else if (k == QLatin1String("alarmClearedTime")) {
            if (canonicalTime(v.toString()).isEmpty())
                return invalid(QStringLiteral("alarmClearedTime must be an RFC 3339 date-time"));
            clearParams.insert(k, canonicalTime(v.toString()));
        } else if (k == QLatin1String("state")) {
            if (v.toString() != QLatin1String("cleared"))
                return invalid(QStringLiteral("state can only be set to cleared"));
            stateChange = true;
        } else if (k == QLatin1String("comment")) {
            if (!v.isArray())
                return invalid(QStringLiteral("comment must be an array"));
            const QJsonArray existing = a.value(QLatin1String("comment")).toArray();
            for (const QJsonValue &c : v.toArray()) {
                if (!c.isObject() || !c.toObject().value(QLatin1String("comment")).isString())
                    return invalid(QStringLiteral("comment items need a string 'comment'"));
                const QJsonObject co = c.toObject();
                for (auto ci = co.begin(); ci != co.end(); ++ci) {
                    if (!ci.value().isString())
                        return invalid(QStringLiteral("comment.%1 must be a string").arg(ci.key()));
                }
                if (!existing.contains(c))
                    newComments.append(c);
            }
        } else if (k == QLatin1String("alarmDetails")) {
            if (!isString(v))
                return invalid(QStringLiteral("alarmDetails must be a string"));
            a.insert(k, v);
            changed = true;
        } else {
            return invalid(QStringLiteral("attribute '%1' cannot be patched").arg(k));
        }
    }
    if (stateChange && a.value(QLatin1String("state")).toString() == QLatin1String("cleared"))
        return errorResponse(409, QStringLiteral("INVALID_STATE"),
                             QStringLiteral("Alarm is already cleared"));
    if (!ackTarget.isEmpty())
        changed |= applyAlarmOp(a, ackTarget == QLatin1String("acknowledged") ? AlarmOp::Ack : AlarmOp::UnAck,
                                ackParams, now);
    else if (!ackParams.isEmpty()) {
        for (auto it = ackParams.begin(); it != ackParams.end(); ++it)
            a.insert(it.key(), it.value());
        changed = true;
    }
    for (const QJsonValue &c : newComments)
        changed |= applyAlarmOp(a, AlarmOp::Comment, c.toObject(), now);
    if (stateChange)
        applyAlarmOp(a, AlarmOp::Clear, clearParams, now);
    if (changed || stateChange) {
        a.insert(QStringLiteral("alarmChangedTime"), now);
        saveAlarm(a, rec->version + 1,
                  stateChange ? "AlarmStateChangeEvent" : "AlarmAttributeValueChangeEvent");
        rec->version += 1;
    }
    Response r = jsonResponse(200, a);
    r.headers.emplaceBack("ETag", etagFor(rec->version));
    r.applied = changed || stateChange;
    return r;
}

Response ServerPrivate::alarmTask(const QHttpServerRequest &request, const QString &task,
                                  const QStringList &rest, const QString &role) {
    if (!rest.isEmpty()) {
        if (rest.size() != 1 || request.method() != QHttpServerRequest::Method::Get)
            return notFound(QStringLiteral("unknown task path"));
        auto it = tasks.constFind(task + u'/' + rest[0]);
        if (it == tasks.constEnd())
            return notFound(QStringLiteral("no task ") + rest[0]);
        return jsonResponse(200, *it);
    }
    if (request.method() != QHttpServerRequest::Method::Post)
        return methodNotAllowed();
    if (!canAct(role))
        return forbidden(role, QStringLiteral("change alarms"));
    QJsonObject body;
    Response err;
    if (!parseObject(request.body(), &body, &err))
        return err;
    const QJsonValue patterns = body.value(QLatin1String("alarmPattern"));
    if (!patterns.isArray() || patterns.toArray().isEmpty())
        return invalid(QStringLiteral("alarmPattern must be a non-empty array"));
    AlarmOp op = AlarmOp::Ack;
    QString resultName, typeName;
    QStringList paramNames;
    if (task == QLatin1String("ackAlarms")) {
        op = AlarmOp::Ack;
        resultName = QStringLiteral("ackedAlarm");
        typeName = QStringLiteral("AckAlarms");
        paramNames = {QStringLiteral("ackUserId"), QStringLiteral("ackSystemId")};
    } else if (task == QLatin1String("unAckAlarms")) {
        op = AlarmOp::UnAck;
        resultName = QStringLiteral("unAckedAlarm");
        typeName = QStringLiteral("UnAckAlarms");
        paramNames = {QStringLiteral("ackUserId"), QStringLiteral("ackSystemId")};
    } else if (task == QLatin1String("clearAlarms")) {
        op = AlarmOp::Clear;
        resultName = QStringLiteral("clearedAlarm");
        typeName = QStringLiteral("ClearAlarms");
        paramNames = {QStringLiteral("clearUserId"), QStringLiteral("clearSystemId"),
                      QStringLiteral("alarmClearedTime")};
    } else {
        op = AlarmOp::Comment;
        resultName = QStringLiteral("commentedAlarm");
        typeName = QStringLiteral("CommentAlarms");
    }
    QJsonObject params;
    for (const QString &p : paramNames) {
        if (!body.contains(p))
            continue;
        if (!body.value(p).isString())
            return invalid(p + QStringLiteral(" must be a string"));
        params.insert(p, body.value(p));
    }
    if (op == AlarmOp::Comment) {
        const QJsonValue c = body.value(QLatin1String("comment"));
        if (!c.isObject() || !c.toObject().value(QLatin1String("comment")).isString())
            return invalid(QStringLiteral("comment must be an object with a string 'comment'"));
        params = c.toObject();
    }
    // match
    QHash<QString, bool> seen;
    QList<Record> matched;
    for (const QJsonValue &pv : patterns.toArray()) {
        if (!pv.isObject() || pv.toObject().isEmpty())
            return invalid(QStringLiteral("alarmPattern items must be non-empty objects"));
        QUrlQuery q;
        flatten(pv.toObject(), QString(), &q);
        ParsedList pl;
        QString perr;
        if (q.isEmpty() || !parseListQuery(Kind::Alarm, q, cfg.maxLimit, &pl, &perr))
            return invalid(QStringLiteral("alarmPattern: ") +
                           (perr.isEmpty() ? QStringLiteral("no usable attributes") : perr));
        for (const Record &rec : store.select(Kind::Alarm, pl.query.where, pl.query.binds, 100000)) {
            const QString id = rec.json.value(QLatin1String("id")).toString();
            if (!seen.contains(id)) {
                seen.insert(id, true);
                matched << rec;
            }
        }
    }
    const QString now = isoNow();
    QJsonArray done;
    for (Record &rec : matched) {
        if (!applyAlarmOp(rec.json, op, params, now))
            continue;
        saveAlarm(rec.json, rec.version + 1,
                  op == AlarmOp::Clear ? "AlarmStateChangeEvent" : "AlarmAttributeValueChangeEvent");
        done.append(QJsonObject{{QStringLiteral("id"), rec.json.value(QLatin1String("id"))},
                                {QStringLiteral("href"), rec.json.value(QLatin1String("href"))}});
    }
    const QString taskId = QString::number(nextTask++);
    QJsonObject t{{QStringLiteral("id"), taskId},
                  {QStringLiteral("href"), base + kAlarmBase + u'/' + task + u'/' + taskId},
                  {QStringLiteral("@type"), typeName},
                  {QStringLiteral("state"), QStringLiteral("done")},
                  {QStringLiteral("alarmPattern"), patterns},
                  {resultName, done}};
    if (op == AlarmOp::Comment)
        t.insert(QStringLiteral("comment"), params);
    else
        for (auto it = params.begin(); it != params.end(); ++it)
            t.insert(it.key(), it.value());
    if (op == AlarmOp::Ack || op == AlarmOp::UnAck)
        t.insert(QStringLiteral("ackTime"), now);
    if (op == AlarmOp::Clear && !t.contains(QLatin1String("alarmClearedTime")))
        t.insert(QStringLiteral("alarmClearedTime"), now);
    tasks.insert(task + u'/' + taskId, t);
    Response r = jsonResponse(201, t);
    r.headers.emplaceBack("Location", t.value(QLatin1String("href")).toString().toUtf8());
    r.applied = !done.isEmpty();
    return r;
}

Response ServerPrivate::tickets(const QHttpServerRequest &request, const QStringList &rest,
                                const QString &role) {
    if (rest.isEmpty() || rest.first() != QLatin1String("troubleTicket") || rest.size() > 3)
        return notFound(QStringLiteral("unknown ticket path"));
    const auto m = request.method();
    if (rest.size() == 1) {
        if (m == QHttpServerRequest::Method::Get) {
            if (auto injected = externalIdLookupOverride(request))
                return *injected;
            return list(Kind::Ticket, request);
        }
        if (m == QHttpServerRequest::Method::Post)
            return createTicket(request, role);
        return methodNotAllowed();
    }
    if (rest.size() == 3) {
        if (rest[2] != QLatin1String("note"))
            return notFound(QStringLiteral("unknown ticket path"));
        if (m != QHttpServerRequest::Method::Post)
            return methodNotAllowed();
        return addNote(request, rest[1], role);
    }
    if (m == QHttpServerRequest::Method::Get)
        return getOne(Kind::Ticket, rest[1]);
    if (m == QHttpServerRequest::Method::Patch)
        return patchTicket(request, rest[1], role);
    return methodNotAllowed();
}

namespace {

const QStringList kTicketStatuses = {QStringLiteral("acknowledged"), QStringLiteral("rejected"),
                                     QStringLiteral("pending"),      QStringLiteral("held"),
                                     QStringLiteral("inProgress"),   QStringLiteral("cancelled"),
                                     QStringLiteral("closed"),       QStringLiteral("resolved")};

// Validates the writable attributes shared by create and patch; normalises dates and notes.
bool validateTicketAttr(const QString &k, const QJsonValue &v, QString *message) {
    static const QStringList strings = {QStringLiteral("name"),
                                        QStringLiteral("description"),
                                        QStringLiteral("severity"),
                                        QStringLiteral("priority"),
                                        QStringLiteral("ticketType"),
                                        QStringLiteral("externalId"),
                                        QStringLiteral("statusChangeReason"),
                                        QStringLiteral("@baseType"),
                                        QStringLiteral("@schemaLocation")};
    if (strings.contains(k)) {
        if (!v.isString()) {
            *message = k + QStringLiteral(" must be a string");
            return false;
        }
        return true;
    }
    if (k == QLatin1String("expectedResolutionDate") || k == QLatin1String("requestedResolutionDate")) {
        if (canonicalTime(v.toString()).isEmpty()) {
            *message = k + QStringLiteral(" must be an RFC 3339 date-time");
            return false;
        }
        return true;
    }
    if (k == QLatin1String("status")) {
        if (!kTicketStatuses.contains(v.toString())) {
            *message = QStringLiteral("status must be one of ") + kTicketStatuses.join(u',');
            return false;
        }
        return true;
    }
    if (k == QLatin1String("relatedEntity"))
        return validRefs(v, {QStringLiteral("id"), QStringLiteral("role"), QStringLiteral("@referredType")},
                         message, k);
    if (k == QLatin1String("relatedParty"))
        return validRefs(v, {QStringLiteral("id"), QStringLiteral("@referredType")}, message, k);
    if (k == QLatin1String("note"))
        return validRefs(v, {QStringLiteral("text")}, message, k);
    *message = QStringLiteral("attribute '%1' cannot be written").arg(k);
    return false;
}

} // namespace

Response ServerPrivate::createTicket(const QHttpServerRequest &request, const QString &role) {
    if (!canAct(role))
        return forbidden(role, QStringLiteral("create tickets"));
    QJsonObject in;
    Response err;
    if (!parseObject(request.body(), &in, &err))
        return err;
    for (const char *required : {"description", "severity", "ticketType"}) {
        if (!in.value(QLatin1String(required)).isString())
            return invalid(
                QStringLiteral("missing mandatory string attribute '%1'").arg(QLatin1String(required)));
    }
    QString message;
    for (auto it = in.begin(); it != in.end(); ++it) {
        if (it.key() == QLatin1String("@type"))
            continue;
        if (!validateTicketAttr(it.key(), it.value(), &message))
            return invalid(message);
    }
    if (in.contains(QLatin1String("status")) &&
        in.value(QLatin1String("status")).toString() != QLatin1String("acknowledged"))
        return invalid(QStringLiteral("a new ticket starts as acknowledged"));
    const QString now = isoNow();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const QString id = newTicketId();
    QJsonObject t = in;
    t.insert(QStringLiteral("id"), id);
    t.insert(QStringLiteral("href"), ticketHref(id));
    t.insert(QStringLiteral("@type"), QStringLiteral("TroubleTicket"));
    t.insert(QStringLiteral("status"), QStringLiteral("acknowledged"));
    t.insert(QStringLiteral("creationDate"), now);
    t.insert(QStringLiteral("lastUpdate"), now);
    t.insert(QStringLiteral("statusChangeDate"), now);
    if (!t.contains(QLatin1String("priority")))
        t.insert(QStringLiteral("priority"),
                 priorityForSeverity(in.value(QLatin1String("severity")).toString()));
    if (t.contains(QLatin1String("expectedResolutionDate")))
        t.insert(QStringLiteral("expectedResolutionDate"),
                 canonicalTime(t.value(QLatin1String("expectedResolutionDate")).toString()));
    else
        t.insert(QStringLiteral("expectedResolutionDate"),
                 isoTime(nowMs + slaMsForPriority(t.value(QLatin1String("priority")).toString())));
    t.insert(QStringLiteral("statusChange"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("changeDate"), now},
                 {QStringLiteral("changeReason"),
                  in.value(QLatin1String("statusChangeReason")).toString(QStringLiteral("created"))},
                 {QStringLiteral("status"), QStringLiteral("acknowledged")}}});
    if (t.contains(QLatin1String("note"))) {
        QJsonArray notes;
        for (const QJsonValue &n : t.value(QLatin1String("note")).toArray()) {
            QJsonObject o = n.toObject();
            o.insert(QStringLiteral("id"), QString::number(nextNote++));
            if (!o.contains(QLatin1String("date")))
                o.insert(QStringLiteral("date"), now);
            notes.append(o);
        }
        t.insert(QStringLiteral("note"), notes);
    }
    saveTicket(t, 1, "TroubleTicketCreateEvent");
    Response r = jsonResponse(201, t);
    r.headers.emplaceBack("ETag", etagFor(1));
    r.headers.emplaceBack("Location", ticketHref(id).toUtf8());
    r.applied = true;
    return r;
}

Response ServerPrivate::patchTicket(const QHttpServerRequest &request, const QString &id,
                                    const QString &role) {
    auto rec = store.get(Kind::Ticket, id);
    if (!rec)
        return notFound(QStringLiteral("no ticket ") + id);
    if (!canAct(role))
        return forbidden(role, QStringLiteral("change tickets"));
    QJsonObject patch;
    Response err;
    if (!parseObject(request.body(), &patch, &err))
        return err;
    QString message;
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        const QString k = it.key();
        if (k == QLatin1String("id") || k == QLatin1String("href") || k == QLatin1String("@type")) {
            if (it.value() != rec->json.value(k))
                return invalid(k + QStringLiteral(" cannot be changed"));
            continue;
        }
        if (!validateTicketAttr(k, it.value(), &message))
            return invalid(message);
    }
    if (ifMatchFails(request, rec->version))
        return preconditionFailed(rec->version);
    QJsonObject t = rec->json;
    const QString now = isoNow();
    const QString from = t.value(QLatin1String("status")).toString();
    bool statusChanged = false;
    if (patch.contains(QLatin1String("status"))) {
        const QString to = patch.value(QLatin1String("status")).toString();
        if (to != from) {
            if (!ticketTransitionAllowed(from, to))
                return errorResponse(409, QStringLiteral("INVALID_TRANSITION"),
                                     QStringLiteral("Invalid status transition"),
                                     QStringLiteral("%1 -> %2 is not allowed").arg(from, to));
            if ((to == QLatin1String("closed") || to == QLatin1String("cancelled")) &&
                role != QLatin1String("supervisor"))
                return forbidden(role, QStringLiteral("set status ") + to);
            statusChanged = true;
            t.insert(QStringLiteral("status"), to);
            t.insert(QStringLiteral("statusChangeDate"), now);
            const QString reason = patch.value(QLatin1String("statusChangeReason")).toString();
            QJsonArray changes = t.value(QLatin1String("statusChange")).toArray();
            QJsonObject change{{QStringLiteral("changeDate"), now}, {QStringLiteral("status"), to}};
            if (!reason.isEmpty())
                change.insert(QStringLiteral("changeReason"), reason);
            changes.append(change);
            t.insert(QStringLiteral("statusChange"), changes);
            if (to == QLatin1String("resolved"))
                t.insert(QStringLiteral("resolutionDate"), now);
        }
    }
    if (patch.contains(QLatin1String("relatedParty"))) {
        if (role != QLatin1String("supervisor") &&
            patch.value(QLatin1String("relatedParty")) != t.value(QLatin1String("relatedParty")))
            return forbidden(role, QStringLiteral("assign tickets"));
    }
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        const QString k = it.key();
        if (k == QLatin1String("status") || k == QLatin1String("id") || k == QLatin1String("href") ||
            k == QLatin1String("@type"))
            continue;
        if (k == QLatin1String("note")) {
            QJsonArray notes = t.value(QLatin1String("note")).toArray();
            QStringList texts;
            for (const QJsonValue &n : notes)
                texts << n.toObject().value(QLatin1String("text")).toString() + u'\x1f' +
                             n.toObject().value(QLatin1String("author")).toString();
            for (const QJsonValue &n : it.value().toArray()) {
                QJsonObject o = n.toObject();
                const QString sig = o.value(QLatin1String("text")).toString() + u'\x1f' +
                                    o.value(QLatin1String("author")).toString();
                if (o.contains(QLatin1String("id")) || texts.contains(sig))
                    continue; // already there (clients may send the whole array back)
                o.insert(QStringLiteral("id"), QString::number(nextNote++));
                if (!o.contains(QLatin1String("date")))
                    o.insert(QStringLiteral("date"), now);
                notes.append(o);
            }
            t.insert(QStringLiteral("note"), notes);
        } else if (k.endsWith(QLatin1String("Date"))) {
            t.insert(k, canonicalTime(it.value().toString()));
        } else {
            t.insert(k, it.value());
        }
    }
    t.insert(QStringLiteral("lastUpdate"), now);
    saveTicket(t, rec->version + 1,
               statusChanged ? "TroubleTicketStatusChangeEvent" : "TroubleTicketAttributeValueChangeEvent");
    Response r = jsonResponse(200, t);
    r.headers.emplaceBack("ETag", etagFor(rec->version + 1));
    r.applied = true;
    return r;
}

Response ServerPrivate::addNote(const QHttpServerRequest &request, const QString &id, const QString &role) {
    auto rec = store.get(Kind::Ticket, id);
    if (!rec)
        return notFound(QStringLiteral("no ticket ") + id);
    if (!canAct(role))
        return forbidden(role, QStringLiteral("add notes"));
    QJsonObject note;
    Response err;
    if (!parseObject(request.body(), &note, &err))
        return err;
    QString message;
    if (!validRefs(QJsonArray{note}, {QStringLiteral("text")}, &message, QStringLiteral("note")))
        return invalid(message);
    if (ifMatchFails(request, rec->version))
        return preconditionFailed(rec->version);
    const QString now = isoNow();
    note.insert(QStringLiteral("id"), QString::number(nextNote++));
    if (!note.contains(QLatin1String("date")))
        note.insert(QStringLiteral("date"), now);
    QJsonObject t = rec->json;
    QJsonArray notes = t.value(QLatin1String("note")).toArray();
    notes.append(note);
    t.insert(QStringLiteral("note"), notes);
    t.insert(QStringLiteral("lastUpdate"), now);
    saveTicket(t, rec->version + 1, "TroubleTicketAttributeValueChangeEvent");
    Response r = jsonResponse(201, t);
    r.headers.emplaceBack("ETag", etagFor(rec->version + 1));
    r.applied = true;
    return r;
}

Response ServerPrivate::events(const QHttpServerRequest &request) {
    const QUrlQuery q(request.url());
    bool ok = true;
    const qint64 since = q.hasQueryItem(QStringLiteral("since"))
                             ? q.queryItemValue(QStringLiteral("since")).toLongLong(&ok)
                             : 0;
    if (!ok || since < 0)
        return errorResponse(400, QStringLiteral("BAD_REQUEST"), QStringLiteral("Invalid query"),
                             QStringLiteral("since must be a non-negative integer"));
    qint64 limit = 1000;
    if (q.hasQueryItem(QStringLiteral("limit"))) {
        limit = q.queryItemValue(QStringLiteral("limit")).toLongLong(&ok);
        if (!ok || limit < 1 || limit > cfg.maxLimit)
            return errorResponse(
                400, QStringLiteral("BAD_REQUEST"), QStringLiteral("Invalid query"),
                QStringLiteral("limit must be an integer between 1 and %1").arg(cfg.maxLimit));
    }
    Response r;
    r.headers.emplaceBack("X-Latest-Seq", QByteArray::number(hub->lastSeq()));
    if (!hub->canResume(since)) {
        r.body = hub->resyncMessage();
        return r;
    }
    const QList<QByteArray> evs = hub->range(since, int(limit));
    r.body = '[' + evs.join(',') + ']';
    r.headers.emplaceBack("X-Result-Count", QByteArray::number(evs.size()));
    return r;
}

Response ServerPrivate::control(const QHttpServerRequest &request, const QString &path) {
    const QUrlQuery uq(request.url());
    const QString cmd = path.mid(QStringLiteral("/control").size());
    const bool post = request.method() == QHttpServerRequest::Method::Post;
    auto num = [&](const char *name, double def) {
        bool ok = false;
        const double v = uq.queryItemValue(QLatin1String(name)).toDouble(&ok);
        return ok ? v : def;
    };
    if (cmd == QLatin1String("/stats") || cmd.isEmpty())
        return jsonResponse(200, q->stats().toJson());
    if (cmd == QLatin1String("/idempotency")) {
        const QString key = uq.queryItemValue(QStringLiteral("key"));
        return jsonResponse(200, {{QStringLiteral("key"), key},
                                  {QStringLiteral("applied"), appliedByKey.value(key)},
                                  {QStringLiteral("replays"), replaysByKey.value(key)},
                                  {QStringLiteral("known"), store.idempotent(key).has_value()}});
    }
    if (cmd == QLatin1String("/actions")) {
        QJsonArray arr;
        for (const ActionLogEntry &e : std::as_const(actionLog))
            arr.append(QJsonObject{{QStringLiteral("time"), isoTime(e.timeMs)},
                                   {QStringLiteral("method"), e.method},
                                   {QStringLiteral("path"), e.path},
                                   {QStringLiteral("idempotencyKey"), e.key},
                                   {QStringLiteral("status"), e.status}});
        Response r;
        r.body = QJsonDocument(arr).toJson(QJsonDocument::Compact);
        return r;
    }
    if (!post)
        return methodNotAllowed();
    QJsonObject ok{{QStringLiteral("ok"), true}};
    if (cmd == QLatin1String("/pause")) {
        q->setPaused(true);
        return jsonResponse(200, ok);
    }
    if (cmd == QLatin1String("/resume")) {
        q->setPaused(false);
        return jsonResponse(200, ok);
    }
    if (cmd == QLatin1String("/cut")) {
        const int seconds = int(num("seconds", 5));
        // answer first, then cut (this connection is not cut: it is the control caller's)
        QTimer::singleShot(0, q, [this, seconds] { q->cutConnections(seconds); });
        ok.insert(QStringLiteral("seconds"), seconds);
        return jsonResponse(200, ok);
    }
    if (cmd == QLatin1String("/dropStreams")) {
        q->dropStreams();
        return jsonResponse(200, ok);
    }
    if (cmd == QLatin1String("/garbleNextCreate")) {
        if (!q->garbleNextTicketCreate(uq.queryItemValue(QStringLiteral("body")),
                                       qMax(1, int(num("answers", 1)))))
            return errorResponse(400, QStringLiteral("BAD_REQUEST"),
                                 QStringLiteral("body must be malformed or noId"));
        return jsonResponse(200, ok);
    }
    if (cmd == QLatin1String("/ticketLookup")) {
        if (!q->setExternalIdLookupAnswer(int(num("status", 0)), int(num("retryAfter", 0))))
            return errorResponse(400, QStringLiteral("BAD_REQUEST"),
                                 QStringLiteral("status must be 0, 200 or an error status 400-599"));
        return jsonResponse(200, ok);
    }
    if (cmd == QLatin1String("/throttle")) {
        q->throttle(qMax(0, int(num("answers", 1))), qMax(0, int(num("retryAfter", 1))),
                    uq.queryItemValue(QStringLiteral("path")), qMax(0, int(num("bodyDelayMs", 0))));
        return jsonResponse(200, ok);
    }
    if (cmd == QLatin1String("/storm")) {
        q->triggerStorm(num("rate", 1000), int(num("seconds", 10)));
        return jsonResponse(200, ok);
    }
    if (cmd == QLatin1String("/fault")) {
        QString root;
        if (!q->triggerFault(uq.queryItemValue(QStringLiteral("kind")), &root))
            return errorResponse(400, QStringLiteral("BAD_REQUEST"),
                                 QStringLiteral("kind must be fibreCut, powerFailure or flap"));
        ok.insert(QStringLiteral("rootAlarmId"), root);
        return jsonResponse(200, ok);
    }
    if (cmd == QLatin1String("/restartSequence")) {
        q->restartEventSequence();
        return jsonResponse(200, ok);
    }
    if (cmd == QLatin1String("/faults")) {
        q->setFaults(int(num("latencyMs", cfg.latencyMs)), num("errorRate", cfg.errorRate),
                     num("dropRate", cfg.dropRate), num("malformedRate", cfg.malformedRate));
        return jsonResponse(200, ok);
    }
    if (cmd == QLatin1String("/token")) {
        // Loopback only, like all of /control: tests and demos expire or issue tokens while running.
        const QString revoke = uq.queryItemValue(QStringLiteral("revoke"));
        const QString add = uq.queryItemValue(QStringLiteral("add"));
        if (!revoke.isEmpty() && !q->revokeToken(revoke))
            return notFound(QStringLiteral("no such token"));
        if (!add.isEmpty() && !q->addToken(add, uq.queryItemValue(QStringLiteral("role"))))
            return errorResponse(400, QStringLiteral("BAD_REQUEST"),
                                 QStringLiteral("role must be engineer, supervisor, auditor or readonly"));
        if (revoke.isEmpty() && add.isEmpty())
            return errorResponse(400, QStringLiteral("BAD_REQUEST"),
                                 QStringLiteral("give revoke= or add=&role="));
        return jsonResponse(200, ok);
    }
    if (cmd == QLatin1String("/tick")) {
        const int n = qBound(1, int(num("n", 1)), 100000);
        for (int i = 0; i < n; ++i)
            q->tick();
        return jsonResponse(200, ok);
    }
    return notFound(QStringLiteral("unknown control command ") + cmd);
}

// ---------------------------------------------------------------------------------------------------------
// Server

Server::Server(const ServerConfig &config, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<ServerPrivate>(this, config)) {}

Server::~Server() = default;

const ServerConfig &Server::config() const {
    return d->cfg;
}

namespace {

bool loadTlsConfiguration(const ServerConfig &cfg, QSslConfiguration *ssl, QString *error) {
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (cfg.tlsCertificatePath.isEmpty() || cfg.tlsKeyPath.isEmpty())
        return fail(QStringLiteral("TLS needs both a certificate and a private key"));
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(cfg.tlsCertificatePath, QSsl::Pem);
    if (chain.isEmpty())
        return fail(QStringLiteral("no PEM certificate in %1").arg(cfg.tlsCertificatePath));
    QFile keyFile(cfg.tlsKeyPath);
    if (!keyFile.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(cfg.tlsKeyPath, keyFile.errorString()));
    const QByteArray pem = keyFile.readAll();
    QSslKey key(pem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        return fail(QStringLiteral("no EC or RSA PEM private key in %1").arg(cfg.tlsKeyPath));
    *ssl = QSslConfiguration::defaultConfiguration();
    ssl->setLocalCertificateChain(chain);
    ssl->setPrivateKey(key);
    ssl->setPeerVerifyMode(QSslSocket::VerifyNone); // clients are not asked for certificates
    return true;
}

} // namespace

bool Server::start(QString *error) {
    QString err;
    if (!d->store.open(d->cfg.dbPath, &err)) {
        if (error)
            *error = QStringLiteral("database: ") + err;
        return false;
    }
    const bool tls = !d->cfg.tlsCertificatePath.isEmpty() || !d->cfg.tlsKeyPath.isEmpty();
    QSslConfiguration ssl;
    if (tls && !loadTlsConfiguration(d->cfg, &ssl, error))
        return false;
    QTcpServer *tcp = nullptr;
    if (tls) {
        // QSslServer hands the HTTP server a socket only once the TLS handshake has finished.
        auto *sslServer = new QSslServer(d->http.get());
        sslServer->setSslConfiguration(ssl);
        tcp = sslServer;
    } else {
        tcp = new QTcpServer(d->http.get());
    }
    if (!tcp->listen(QHostAddress(d->cfg.bindAddress), d->cfg.port)) {
        if (error)
            *error = QStringLiteral("listen on %1:%2: %3")
                         .arg(d->cfg.bindAddress)
                         .arg(d->cfg.port)
                         .arg(tcp->errorString());
        return false;
    }
    d->http->bind(tcp);
    d->port = tcp->serverPort();
    d->base = QStringLiteral("%1://%2:%3")
                  .arg(tls ? QStringLiteral("https") : QStringLiteral("http"), d->cfg.bindAddress)
                  .arg(d->port);
    connect(d->http.get(), &QAbstractHttpServer::newWebSocketConnection, this, [this] { d->onWebSocket(); });

    d->nextAlarm = d->store.maxRid(Kind::Alarm) + 1;
    d->nextTicket = d->store.maxRid(Kind::Ticket) + 1;
    d->hub->setLastSeq(d->store.meta(QStringLiteral("lastSeq")).toLongLong());
    d->persistedSeq = d->hub->lastSeq();
    d->nextNote = d->store.meta(QStringLiteral("nextNote")).toLongLong() + 1;

    d->sim->build();
    d->sim->setTimeScale(d->cfg.timeScale);
    if (d->store.count(Kind::Resource) == 0)
        d->sim->writeResources();
    d->sim->loadOpenAlarms();
    const qint64 haveAlarms = d->store.count(Kind::Alarm);
    if (d->cfg.initialAlarms > haveAlarms)
        d->sim->preloadAlarms(d->cfg.initialAlarms - haveAlarms);
    d->sim->setAlarmRate(d->cfg.alarmRate);
    if (d->cfg.historyHours > 0 && haveAlarms == 0)
        d->sim->preloadRecentHistory(d->cfg.historyHours);
    const qint64 haveTickets = d->store.count(Kind::Ticket);
    if (d->cfg.initialTickets > haveTickets)
        d->sim->preloadTickets(int(d->cfg.initialTickets - haveTickets), d->cfg.ticketsAssignedTo);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (d->cfg.stormRate > 0 && d->cfg.stormSeconds > 0)
        d->sim->storm(d->cfg.stormRate, d->cfg.stormSeconds, now);
    d->sim->tick(now); // sets the tick base

    if (d->cfg.simulate) {
        auto *timer = new QTimer(this);
        connect(timer, &QTimer::timeout, this, [this] { tick(); });
        timer->start(qMax(10, d->cfg.tickMs));
    }
    auto *housekeeping = new QTimer(this);
    connect(housekeeping, &QTimer::timeout, this,
            [this] { d->store.purgeIdempotent(QDateTime::currentMSecsSinceEpoch() - 25LL * 3600 * 1000); });
    housekeeping->start(3600 * 1000);
    logger()->info("{} elements, {} resources, {} alarms on {}", d->sim->elementCount(),
                   d->store.count(Kind::Resource), d->store.count(Kind::Alarm), d->base.toStdString());
    return true;
}

quint16 Server::port() const {
    return d->port;
}

QUrl Server::baseUrl() const {
    return QUrl(d->base);
}

void Server::tick() {
    d->sim->tick(QDateTime::currentMSecsSinceEpoch());
    d->persistSeq();
    // Behind the storm rate: tick again as soon as the event loop has sent what this tick published.
    if (d->cfg.simulate && d->sim->behind() && !d->catchUpTickQueued) {
        d->catchUpTickQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                d->catchUpTickQueued = false;
                tick();
            },
            Qt::QueuedConnection);
    }
}

int Server::generateAlarms(int n) {
    const int done = d->sim->burst(qMax(0, n), QDateTime::currentMSecsSinceEpoch());
    d->persistSeq();
    return done;
}

ServerStats Server::stats() const {
    ServerStats s = d->counters;
    s.idempotencyKeys = d->store.idempotencyKeyCount();
    s.lastSeq = d->hub->lastSeq();
    s.oldestSeq = d->hub->oldestSeq();
    s.alarms = d->store.count(Kind::Alarm);
    s.openAlarms = d->store.count(Kind::Alarm, QStringLiteral("state <> 'cleared'"));
    s.tickets = d->store.count(Kind::Ticket);
    s.resources = d->store.count(Kind::Resource);
    s.streamClients = d->hub->clientCount();
    return s;
}

qint64 Server::lastSeq() const {
    return d->hub->lastSeq();
}

int Server::appliedCount(const QString &key) const {
    return d->appliedByKey.value(key);
}

int Server::replayCount(const QString &key) const {
    return d->replaysByKey.value(key);
}

void Server::setPaused(bool paused) {
    d->sim->setPaused(paused);
}

void Server::cutConnections(int seconds) {
    d->cutUntilMs = QDateTime::currentMSecsSinceEpoch() + qint64(seconds) * 1000;
    d->hub->closeAll();
    for (QTcpServer *s : d->http->servers()) {
        for (QTcpSocket *sock : s->findChildren<QTcpSocket *>()) {
            sock->flush(); // answers already written (e.g. to the control call that asked for the cut) go out
            sock->abort();
        }
    }
}

void Server::dropStreams() {
    d->hub->closeAll();
}

bool Server::garbleNextTicketCreate(const QString &how, int answers) {
    if ((how != QLatin1String("malformed") && how != QLatin1String("noId")) || answers < 1)
        return false;
    d->garbleNextCreate = how;
    d->garbleCreateAnswers = answers;
    return true;
}

bool Server::setExternalIdLookupAnswer(int status, int retryAfterSeconds) {
    if (status != 0 && status != 200 && (status < 400 || status > 599))
        return false;
    d->externalIdLookupStatus = status;
    d->externalIdLookupRetryAfter = retryAfterSeconds;
    return true;
}

void Server::throttle(int answers, int retryAfterSeconds, const QString &pathPrefix, int bodyDelayMs) {
    d->throttleBodyDelayMs = bodyDelayMs;
    d->throttleAnswers = answers;
    d->throttleRetryAfter = retryAfterSeconds;
    d->throttlePath = pathPrefix;
}

int Server::throttledCount() const {
    return d->throttled;
}

void Server::triggerStorm(double rate, int seconds) {
    d->sim->storm(rate, seconds, QDateTime::currentMSecsSinceEpoch());
}

bool Server::triggerFault(const QString &kind, QString *rootAlarmId) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QString root;
    if (kind == QLatin1String("fibreCut"))
        root = d->sim->fibreCut(now);
    else if (kind == QLatin1String("powerFailure"))
        root = d->sim->powerFailure(now);
    else if (kind == QLatin1String("flap"))
        root = d->sim->flap(now);
    else
        return false;
    if (rootAlarmId)
        *rootAlarmId = root;
    return !root.isEmpty();
}

void Server::restartEventSequence() {
    d->hub->restart();
    d->persistSeq();
}

void Server::setFaults(int latencyMs, double errorRate, double dropRate, double malformedRate) {
    d->cfg.latencyMs = latencyMs;
    d->cfg.errorRate = errorRate;
    d->cfg.dropRate = dropRate;
    d->cfg.malformedRate = malformedRate;
    d->hub->setMalformedRate(malformedRate);
}

bool Server::addToken(const QString &secret, const QString &role) {
    if (secret.isEmpty() || !isKnownRole(role))
        return false;
    d->cfg.tokens.insert(secret, role.toLower());
    d->authRequired = true;
    return true;
}

bool Server::revokeToken(const QString &secret) {
    return d->cfg.tokens.remove(secret) > 0;
}

} // namespace noc::opsim
