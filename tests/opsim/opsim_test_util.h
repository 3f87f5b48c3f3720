#pragma once

// Helpers for opsim tests: synchronous HTTP over QNetworkAccessManager (127.0.0.1 only) with a bound
// wait, and an in-process server on a free port.

#include "opsim_server.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
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
                             const QByteArray &body = {}, const HeaderList &headers = {}, int timeoutMs = 15000)
{
    QNetworkRequest req(url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, verb == "PATCH" ? "application/merge-patch+json" : "application/json");
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
    explicit ServerFixture(ServerConfig cfg = quietConfig())
    {
        server = std::make_unique<Server>(cfg);
        ok = server->start(&error);
    }
    static ServerConfig quietConfig()
    {
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
    HttpReply get(const QString &p, const HeaderList &h = {}) { return httpRequest(nam, "GET", url(p), {}, h); }
    HttpReply post(const QString &p, const QByteArray &body, const HeaderList &h = {})
    {
        return httpRequest(nam, "POST", url(p), body, h);
    }
    HttpReply patch(const QString &p, const QByteArray &body, const HeaderList &h = {})
    {
        return httpRequest(nam, "PATCH", url(p), body, h);
    }

    std::unique_ptr<Server> server;
    QNetworkAccessManager nam;
    bool ok = false;
    QString error;
};

inline QByteArray compact(const QJsonObject &o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

} // namespace noc::opsim::test
