#pragma once

#include "sync/connection_profile.h"
#include "sync/tls_policy.h"

#include <QHash>
#include <QObject>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace noc {

// One answer of the operations API, or the reason there was none.
struct ApiResponse {
    int status = 0; // HTTP status; 0 = no answer (network error, timeout, TLS failure)
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QString networkError;                  // plain words when status == 0
    bool aborted = false;                  // ended by this side (OpsApiClient::abortAll), not by a timeout

    bool ok() const { return status >= 200 && status < 300; }
    // Ended by this side before the server said anything: tells nothing about the server or the
    // network (abortAll() tears a connection down because of some other request's failure, or a stop).
    bool abandoned() const { return aborted && status == 0; }
    // Worth retrying later: no answer, 5xx, 429 (slow down), 408.
    bool isTransient() const { return status == 0 || status >= 500 || status == 429 || status == 408; }
    int retryAfterSeconds() const; // from Retry-After, 0 when absent
    // The error as the cache keeps it (an outbox entry's last error, a conflict's message): the TMF
    // error body's message (or reason, or code) and the status, "<words> (HTTP 404)" or "HTTP 404",
    // or the network error. The same in every language, so that it can be read back
    // (parseStoredError) whatever language the console shows later.
    QString storedError() const;
    // The same in plain words of the user's language, for the status bar.
    QString errorMessage() const { return describeStoredError(storedError()); }

    // What storedError() wrote, read back; httpStatus 0 when it names none.
    struct StoredError {
        int httpStatus = 0;
        QString serverWords; // the server's message without the status; empty when it gave none
    };
    static StoredError parseStoredError(const QString &stored);
    // storedError()'s text in plain words of the user's language, at display time.
    static QString describeStoredError(const QString &stored);
};

// HTTP client of the TMF Open APIs for one profile. Lives on the sync thread. Adds the bearer token,
// gzip, a per-request timeout, TLS with the system CAs plus the profile's CA and optional public-key
// pin. Callbacks run on this object's thread and never after it is destroyed.
class OpsApiClient : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const ApiResponse &)>;

    OpsApiClient(const ConnectionProfile &profile, const QString &token, QObject *parent = nullptr);

    const ConnectionProfile &profile() const { return m_profile; }
    const TlsPolicy &tls() const { return m_tls; }
    void setToken(const QString &token) { m_token = token; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    void get(const QUrl &url, Callback callback);
    // POST / PATCH / DELETE with optional JSON body and extra headers (Idempotency-Key, If-Match).
    void send(const QByteArray &method, const QUrl &url, const QByteArray &body,
              const QByteArray &contentType, const QHash<QByteArray, QByteArray> &headers, Callback callback);

    // Aborts every request in flight; their callbacks see `aborted` (and status 0 unless the server's
    // status line had already arrived).
    void abortAll();
    int inFlight() const { return m_inFlight; }

private:
    void dispatch(QNetworkReply *reply, Callback callback);
    void prepare(QNetworkRequest &request) const;

    ConnectionProfile m_profile;
    QString m_token;
    int m_timeoutMs = 30000;
    int m_inFlight = 0;
    QNetworkAccessManager *m_network;
    TlsPolicy m_tls;
};

} // namespace noc
