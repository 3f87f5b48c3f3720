#include "event_stream.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QUrlQuery>
#include <QWebSocket>

namespace noc {

namespace {
bool parseEnvelope(const QJsonValue &value, EventEnvelope *out, QString *error) {
    if (!value.isObject()) {
        *error = QStringLiteral("event envelope is not a JSON object");
        return false;
    }
    const QJsonObject json = value.toObject();
    out->eventType = json.value(QLatin1String("eventType")).toString();
    if (out->eventType.isEmpty()) {
        *error = QStringLiteral("event envelope has no eventType");
        return false;
    }
    if (out->eventType == QLatin1String("ResyncRequired")) {
        out->latestSeq = json.value(QLatin1String("latestSeq")).toVariant().toLongLong();
        return true;
    }
    const QJsonValue seq = json.value(QLatin1String("seq"));
    out->seq = seq.isString() ? seq.toString().toLongLong() : seq.toVariant().toLongLong();
    if (out->seq <= 0) {
        *error = QStringLiteral("event envelope has no valid seq");
        return false;
    }
    out->event = json.value(QLatin1String("event")).toObject();
    return true;
}
} // namespace

QList<EventEnvelope> parseEventFrame(const QByteArray &frame, int *skipped, QString *error) {
    *skipped = 0;
    QList<EventEnvelope> result;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(frame, &parseError);
    if (doc.isNull()) {
        *skipped = 1;
        *error = QStringLiteral("malformed event frame: %1").arg(parseError.errorString());
        return result;
    }
    const QJsonArray items = doc.isArray() ? doc.array() : QJsonArray{doc.object()};
    result.reserve(items.size());
    for (const QJsonValue &item : items) {
        EventEnvelope envelope;
        QString reason;
        if (parseEnvelope(item, &envelope, &reason)) {
            result.append(std::move(envelope));
        } else {
            ++*skipped;
            *error = reason;
        }
    }
    return result;
}

EventStream::EventStream(QObject *parent)
    : QObject(parent) {}

EventStream::~EventStream() {
    close();
}

void EventStream::open(const QUrl &streamUrl, qint64 since, const QString &token, const TlsPolicy &tls) {
    close();
    m_closing = false;
    m_refusal.clear();
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    QWebSocket *socket = m_socket;
    socket->setSslConfiguration(tls.configuration());
    connect(socket, &QWebSocket::sslErrors, this,
            [this](const QList<QSslError> &errors) { m_refusal = TlsPolicy::describe(errors); });
    // QWebSocket shows the peer certificate only once the upgrade has been answered; a key that is not
    // the pinned one ends the stream before any event is taken from it. (The HTTP client checks the pin
    // before it sends anything, and the engine always talks HTTP to the server before it opens a stream.)
    const bool pinned = tls.hasPin();
    const TlsPolicy policy = tls;
    connect(socket, &QWebSocket::connected, this, [this, socket, pinned, policy] {
        if (pinned && !policy.acceptsPeer(socket->sslConfiguration().peerCertificate())) {
            m_refusal = TlsPolicy::pinMismatchMessage();
            socket->abort();
            return;
        }
        m_open = true;
        emit opened();
    });
    connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        if (!m_open)
            return; // refused in `connected` (pin)
        int skipped = 0;
        QString error;
        const QList<EventEnvelope> envelopes = parseEventFrame(text.toUtf8(), &skipped, &error);
        if (skipped > 0)
            emit malformedFrame(error, skipped);
        if (!envelopes.isEmpty())
            emit envelopesReceived(envelopes);
    });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] {
        const bool wasClosing = m_closing;
        m_open = false;
        if (m_socket == socket) {
            m_socket = nullptr;
            socket->deleteLater();
        }
        if (!wasClosing) {
            const QString reason = !m_refusal.isEmpty()              ? m_refusal
                                   : socket->closeReason().isEmpty() ? socket->errorString()
                                                                     : socket->closeReason();
            emit closed(reason.isEmpty() ? tr("The event stream closed.") : reason);
        }
    });

    QUrl url = streamUrl;
    QUrlQuery query(url);
    // since=0 asks for everything from the first event; without `since` the server would start
    // from "now" and events between our listing and this call would be lost.
    if (since >= 0)
        query.addQueryItem(QStringLiteral("since"), QString::number(since));
    url.setQuery(query);
    if (url.scheme() == QLatin1String("http"))
        url.setScheme(QStringLiteral("ws"));
    else if (url.scheme() == QLatin1String("https"))
        url.setScheme(QStringLiteral("wss"));
    QNetworkRequest request(url);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    socket->open(request);
}

void EventStream::close() {
    if (!m_socket)
        return;
    m_closing = true;
    QWebSocket *socket = m_socket;
    m_socket = nullptr;
    m_open = false;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

} // namespace noc
