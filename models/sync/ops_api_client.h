#pragma once

#include "sync/connection_profile.h"
#include "sync/network_failure.h"
#include "sync/outbox_reason.h"
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
    // When status == 0: why there was no answer (kept as a code, put into words when shown) and what
    // Qt or the TLS layer said about it, as technical detail.
    NetworkFailure::Code networkFailure = NetworkFailure::Code::NoAnswer;
    QString networkError;
    bool aborted = false; // ended by this side (OpsApiClient::abortAll), not by a timeout

    bool ok() const { return status >= 200 && status < 300; }
    // Ended by this side before the server said anything: tells nothing about the server or the
    // network (abortAll() tears a connection down because of some other request's failure, or a stop).
    bool abandoned() const { return aborted && status == 0; }
    // Worth retrying later: no answer, 5xx, 429 (slow down), 408.
    bool isTransient() const { return status == 0 || status >= 500 || status == 429 || status == 408; }
    int retryAfterSeconds() const; // from Retry-After, 0 when absent
    // The error as the cache keeps it (an outbox entry's last error, a conflict's message) and the sync
    // status carries it: for an answer, the TMF error body's message (or reason, or code) and the
    // status, "<words> (HTTP 404)" or "HTTP 404"; without one, the console's code form
    // (NetworkFailure::stored()). The same in every language, so that it can be read back
    // (parseStoredError) and shown in whatever language the console shows later.
    QString storedError() const;
    // The same in plain words of the user's language, for the log and the status bar.
    QString errorMessage() const { return describeStoredError(storedError()); }

    // A stored error read back, and whose words they are. Who said it is told by the form alone: only
    // the server's answers carry the "(HTTP nnn)" status, and the console's own forms ("[noc] ...")
    // never end so (their values hold no space or parenthesis); the server's form is recognised
    // first, so server words shaped like the console's stay the server's.
    struct StoredError {
        enum class Origin {
            Server,  // the server answered: httpStatus and its words
            Console, // the console's own reason for an outbox entry (consoleReason)
            Network, // no answer at all (network)
            Older,   // plain words: an older console's, or a sync status sentence this one still puts
                     // into words when it happens (a refused token, a refused transport, a cache error),
                     // shown as they are (serverWords holds them)
        };
        Origin origin = Origin::Older;
        int httpStatus = 0;  // 0 unless Server
        QString serverWords; // Server: its message without the status, empty when it gave none
        std::optional<OutboxReason> consoleReason;
        std::optional<NetworkFailure> network;
    };
    static StoredError parseStoredError(const QString &stored);
    // storedError()'s text (or an OutboxReason's, or plain words of older consoles) in plain words of
    // the user's language, at display time.
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
