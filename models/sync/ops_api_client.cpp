#include "ops_api_client.h"

#include "logging.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslKey>

namespace noc {

int ApiResponse::retryAfterSeconds() const {
    bool ok = false;
    const int seconds = headers.value("retry-after").trimmed().toInt(&ok);
    return ok && seconds > 0 ? seconds : 0;
}

QString ApiResponse::errorMessage() const {
    if (status == 0)
        return networkError.isEmpty() ? QStringLiteral("no answer from the server") : networkError;
    const QJsonObject error = QJsonDocument::fromJson(body).object();
    for (const char *field : {"message", "reason", "code"}) {
        const QString text = error.value(QLatin1String(field)).toString();
        if (!text.isEmpty())
            return QStringLiteral("%1 (HTTP %2)").arg(text).arg(status);
    }
    return QStringLiteral("HTTP %1").arg(status);
}

OpsApiClient::OpsApiClient(const ConnectionProfile &profile, const QString &token, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_token(token)
    , m_network(new QNetworkAccessManager(this))
    , m_ssl(QSslConfiguration::defaultConfiguration()) {
    m_network->setAutoDeleteReplies(true);
    if (!profile.caCertificatePath.isEmpty()) {
        QFile file(profile.caCertificatePath);
        if (file.open(QIODevice::ReadOnly)) {
            m_ssl.addCaCertificates(QSslCertificate::fromData(file.readAll(), QSsl::Pem));
        } else {
            logging::logger("sync")->warn("Cannot read the profile's CA certificate {}",
                                          profile.caCertificatePath.toStdString());
        }
    }
    if (!profile.pinnedPublicKeySha256.isEmpty())
        m_pin = QByteArray::fromBase64(profile.pinnedPublicKeySha256.toLatin1());
}

void OpsApiClient::prepare(QNetworkRequest &request) const {
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setRawHeader("Accept", "application/json");
    // QNetworkAccessManager asks for gzip and inflates the body itself.
    request.setTransferTimeout(m_timeoutMs);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (request.url().scheme() == QLatin1String("https"))
        request.setSslConfiguration(m_ssl);
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
    if (!m_pin.isEmpty()) {
        connect(reply, &QNetworkReply::encrypted, reply, [this, reply] {
            const QByteArray key = reply->sslConfiguration().peerCertificate().publicKey().toDer();
            if (QCryptographicHash::hash(key, QCryptographicHash::Sha256) != m_pin) {
                logging::logger("sync")->error("TLS public key of {} does not match the profile's pin",
                                               reply->url().host().toStdString());
                reply->setProperty("nocPinMismatch", true);
                reply->abort();
            }
        });
    }
    connect(reply, &QNetworkReply::finished, this, [this, reply, callback = std::move(callback)] {
        --m_inFlight;
        ApiResponse response;
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.body = reply->readAll();
        for (const auto &pair : reply->rawHeaderPairs())
            response.headers.insert(pair.first.toLower(), pair.second);
        if (reply->property("nocPinMismatch").toBool()) {
            response.status = 0;
            response.networkError = tr("The server's certificate does not match the pinned key.");
        } else if (response.status == 0) {
            response.networkError = reply->error() == QNetworkReply::OperationCanceledError
                                        ? tr("The request timed out or was cancelled.")
                                        : reply->errorString();
        }
        callback(response);
    });
}

void OpsApiClient::abortAll() {
    for (QNetworkReply *reply : m_network->findChildren<QNetworkReply *>())
        reply->abort();
}

} // namespace noc
