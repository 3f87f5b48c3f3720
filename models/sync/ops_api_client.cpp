#include "ops_api_client.h"

#include "logging.h"
#include "sync/outbox_reason.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>

namespace noc {

int ApiResponse::retryAfterSeconds() const {
    bool ok = false;
    const int seconds = headers.value("retry-after").trimmed().toInt(&ok);
    return ok && seconds > 0 ? seconds : 0;
}

QString ApiResponse::storedError() const {
    if (status == 0)
        return NetworkFailure{networkFailure, networkError}.stored();
    const QJsonObject error = QJsonDocument::fromJson(body).object();
    for (const char *field : {"message", "reason", "code"}) {
        const QString text = error.value(QLatin1String(field)).toString();
        if (!text.isEmpty())
            return QStringLiteral("%1 (HTTP %2)").arg(text).arg(status);
    }
    return QStringLiteral("HTTP %1").arg(status);
}

ApiResponse::StoredError ApiResponse::parseStoredError(const QString &stored) {
    // The two shapes storedError() gives an answer with a status, looked for first: the server's words
    // are whatever it sent, and may look like anything else stored here.
    static const QRegularExpression withWords(QStringLiteral("^(.*) \\(HTTP (\\d{3})\\)$"),
                                              QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression statusOnly(QStringLiteral("^HTTP (\\d{3})$"));
    StoredError parsed;
    if (const auto m = withWords.match(stored); m.hasMatch()) {
        parsed.origin = StoredError::Origin::Server;
        parsed.serverWords = m.captured(1);
        parsed.httpStatus = m.captured(2).toInt();
    } else if (const auto s = statusOnly.match(stored); s.hasMatch()) {
        parsed.origin = StoredError::Origin::Server;
        parsed.httpStatus = s.captured(1).toInt();
    } else if ((parsed.consoleReason = OutboxReason::parse(stored))) {
        parsed.origin = StoredError::Origin::Console;
    } else if ((parsed.network = NetworkFailure::parse(stored))) {
        parsed.origin = StoredError::Origin::Network;
    } else {
        // Written by a console before the network form: Qt's or the TLS layer's words as they were.
        parsed.serverWords = stored;
    }
    return parsed;
}

QString ApiResponse::describeStoredError(const QString &stored) {
    const StoredError parsed = parseStoredError(stored);
    switch (parsed.origin) {
    case StoredError::Origin::Console:
        return parsed.consoleReason->describe();
    case StoredError::Origin::Network:
        return parsed.network->describe();
    case StoredError::Origin::Older:
        return stored; // already in plain words (of the language active when it was stored)
    case StoredError::Origin::Server:
        break;
    }
    if (parsed.serverWords.isEmpty())
        return QCoreApplication::translate("noc::OpsApiClient",
                                           "The server answered with an error (HTTP %1).")
            .arg(parsed.httpStatus);
    return QCoreApplication::translate("noc::OpsApiClient", "The server answered with an error (HTTP %1): %2")
        .arg(QString::number(parsed.httpStatus), parsed.serverWords);
}

namespace {
NetworkFailure::Code networkFailureOf(QNetworkReply::NetworkError error) {
    switch (error) {
    case QNetworkReply::OperationCanceledError: // a transfer timeout (an abort here is `aborted`)
    case QNetworkReply::TimeoutError:
        return NetworkFailure::Code::TimedOut;
    case QNetworkReply::ConnectionRefusedError:
        return NetworkFailure::Code::ConnectionRefused;
    case QNetworkReply::HostNotFoundError:
        return NetworkFailure::Code::HostNotFound;
    case QNetworkReply::RemoteHostClosedError:
        return NetworkFailure::Code::ConnectionClosed;
    // A handshake failure here is not about trust (certificate problems arrive through sslErrors and
    // are told as TlsUntrusted there): a TLS version or cipher the two ends do not share, a client
    // certificate the server wants. Qt's own words say which.
    default:
        return NetworkFailure::Code::Other;
    }
}
} // namespace

OpsApiClient::OpsApiClient(const ConnectionProfile &profile, const QString &token, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_token(token)
    , m_network(new QNetworkAccessManager(this))
    , m_tls(profile) {
    m_network->setAutoDeleteReplies(true);
    if (!m_tls.error().isEmpty())
        logging::logger("sync")->warn("{}", m_tls.error().toStdString());
}

void OpsApiClient::prepare(QNetworkRequest &request) const {
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setRawHeader("Accept", "application/json");
    // QNetworkAccessManager asks for gzip and inflates the body itself.
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (request.url().scheme() == QLatin1String("https"))
        request.setSslConfiguration(m_tls.configuration());
}

void OpsApiClient::get(const QUrl &url, Callback callback) {
    QNetworkRequest request(url);
    prepare(request);
    dispatch(m_network->get(request), std::move(callback));
}

void OpsApiClient::send(const QByteArray &method, const QUrl &url, const QByteArray &body,
                        const QByteArray &contentType, const QHash<QByteArray, QByteArray> &headers,
                        Callback callback) {
    QNetworkRequest request(url);
    prepare(request);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    for (auto it = headers.cbegin(); it != headers.cend(); ++it)
        request.setRawHeader(it.key(), it.value());
    dispatch(m_network->sendCustomRequest(request, method, body), std::move(callback));
}

void OpsApiClient::dispatch(QNetworkReply *reply, Callback callback) {
    ++m_inFlight;
    if (m_tls.hasPin()) {
        // `encrypted` comes after the certificate was verified and before any request byte (and so the
        // token) is written: the right moment to refuse a key that is not the pinned one.
        connect(reply, &QNetworkReply::encrypted, reply, [this, reply] {
            if (!m_tls.acceptsPeer(reply->sslConfiguration().peerCertificate())) {
                logging::logger("sync")->error("TLS public key of {} does not match the profile's pin",
                                               reply->url().host().toStdString());
                reply->setProperty("nocPinMismatch", true);
                reply->abort();
            }
        });
    }
    connect(reply, &QNetworkReply::sslErrors, reply, [reply](const QList<QSslError> &errors) {
        reply->setProperty("nocTlsErrors", TlsPolicy::errorStrings(errors));
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, callback = std::move(callback)] {
        --m_inFlight;
        ApiResponse response;
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->isOpen()) // not after an abort (pin mismatch)
            response.body = reply->readAll();
        for (const auto &pair : reply->rawHeaderPairs())
            response.headers.insert(pair.first.toLower(), pair.second);
        response.aborted = reply->property("nocAbortedHere").toBool();
        // Why there was no answer, as a code the reader's language is applied to later, and what Qt
        // said, kept as the technical detail.
        if (reply->property("nocPinMismatch").toBool()) {
            response.status = 0;
            response.networkFailure = NetworkFailure::Code::TlsPinMismatch;
        } else if (response.status == 0 && reply->property("nocTlsErrors").isValid()) {
            response.networkFailure = NetworkFailure::Code::TlsUntrusted;
            response.networkError = reply->property("nocTlsErrors").toString();
        } else if (response.status == 0) {
            response.networkFailure = networkFailureOf(reply->error());
            response.networkError = reply->errorString();
        }
        callback(response);
    });
}

void OpsApiClient::abortAll() {
    for (QNetworkReply *reply : m_network->findChildren<QNetworkReply *>()) {
        // Told apart from a transfer timeout, which Qt also reports as OperationCanceledError.
        reply->setProperty("nocAbortedHere", true);
        reply->abort();
    }
}

} // namespace noc
