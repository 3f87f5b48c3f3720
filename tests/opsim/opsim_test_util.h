#pragma once

// Helpers for opsim tests: synchronous HTTP over QNetworkAccessManager (127.0.0.1 only) with a bound
// wait, and an in-process server on a free port.

#include "opsim_server.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace noc::opsim::test {

struct HttpReply {
    int status = 0;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    bool timedOut = false;

    QJsonDocument json() const { return QJsonDocument::fromJson(body); }
    QJsonObject object() const { return json().object(); }
    QJsonArray array() const { return json().array(); }
    QByteArray header(const char *name) const { return headers.value(QByteArray(name).toLower()); }
};

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

inline HttpReply httpRequest(QNetworkAccessManager &nam, const QByteArray &verb, const QUrl &url,
                             const QByteArray &body = {}, const HeaderList &headers = {},
                             int timeoutMs = 15000) {
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader,
                      verb == "PATCH" ? "application/merge-patch+json" : "application/json");
    for (const auto &[k, v] : headers)
        req.setRawHeader(k, v);
    QNetworkReply *reply = nam.sendCustomRequest(req, verb, body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();
    HttpReply r;
    if (!reply->isFinished()) {
        r.timedOut = true;
        reply->abort();
    }
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.error = reply->error();
    for (const auto &[k, v] : reply->rawHeaderPairs())
        r.headers.insert(k.toLower(), v);
    reply->deleteLater();
    return r;
}

// An in-process opsim on 127.0.0.1 and a free port, no background simulation unless asked.
class ServerFixture {
public:
    explicit ServerFixture(ServerConfig cfg = quietConfig()) {
        server = std::make_unique<Server>(cfg);
        ok = server->start(&error);
    }
    static ServerConfig quietConfig() {
        ServerConfig cfg;
        cfg.port = 0;
        cfg.elements = 60;
        cfg.alarmRate = 0;
        cfg.simulate = false;
        cfg.initialAlarms = 200;
        cfg.initialTickets = 20;
        cfg.seed = 7;
        return cfg;
    }
    QUrl url(const QString &pathAndQuery) const { return QUrl(server->baseUrl().toString() + pathAndQuery); }
    HttpReply get(const QString &p, const HeaderList &h = {}) {
        return httpRequest(nam, "GET", url(p), {}, h);
    }
    HttpReply post(const QString &p, const QByteArray &body, const HeaderList &h = {}) {
        return httpRequest(nam, "POST", url(p), body, h);
    }
    HttpReply patch(const QString &p, const QByteArray &body, const HeaderList &h = {}) {
        return httpRequest(nam, "PATCH", url(p), body, h);
    }

    std::unique_ptr<Server> server;
    QNetworkAccessManager nam;
    bool ok = false;
    QString error;
};

inline QByteArray compact(const QJsonObject &o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace noc::opsim::test

#include <QWebSocket>

namespace noc::opsim::test {

// Collects envelopes from the event stream; frames may hold one envelope or an array of them.
class StreamClient : public QObject {
public:
    explicit StreamClient(const QUrl &url, const QByteArray &bearer = {}) {
        QObject::connect(&ws, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
            ++frames;
            const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
            if (doc.isArray()) {
                ++arrayFrames;
                for (const QJsonValue &v : doc.array())
                    messages.append(v.toObject());
            } else if (doc.isObject()) {
                messages.append(doc.object());
            } else {
                ++invalidFrames;
            }
        });
        QObject::connect(&ws, &QWebSocket::disconnected, this, [this] { disconnected = true; });
        QNetworkRequest req(url);
        if (!bearer.isEmpty())
            req.setRawHeader("Authorization", "Bearer " + bearer);
        ws.open(req);
    }
    bool waitConnected(int ms = 5000) {
        QElapsedTimer t;
        t.start();
        while (ws.state() != QAbstractSocket::ConnectedState && !disconnected && t.elapsed() < ms)
            QTest::qWait(10);
        return ws.state() == QAbstractSocket::ConnectedState;
    }
    bool waitForMessages(int n, int ms = 10000) {
        QElapsedTimer t;
        t.start();
        while (messages.size() < n && t.elapsed() < ms && !disconnected)
            QTest::qWait(10);
        return messages.size() >= n;
    }
    QList<QJsonObject> events() const // envelopes with a seq
    {
        QList<QJsonObject> out;
        for (const QJsonObject &m : messages)
            if (m.contains(QLatin1String("seq")))
                out << m;
        return out;
    }
    QWebSocket ws;
    QList<QJsonObject> messages;
    int frames = 0, arrayFrames = 0, invalidFrames = 0;
    bool disconnected = false;
};

inline QUrl streamUrl(const Server &s, qint64 since = -1) {
    QUrl u(QStringLiteral("ws://127.0.0.1:%1/tmf-api/event/v4/stream").arg(s.port()));
    if (since >= 0)
        u.setQuery(QStringLiteral("since=%1").arg(since));
    return u;
}

} // namespace noc::opsim::test
