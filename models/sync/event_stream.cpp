#include "event_stream.h"

#include "logging.h"

#include <QNetworkRequest>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>

namespace noc {

namespace {

// QWebSocket keeps its TCP (or TLS) socket as a child and offers no option for it; set the cap once
// the connection is up (autotuning only grows the buffer after data has flowed).
void capReceiveBuffer(QWebSocket *socket) {
    auto *tcp = socket->findChild<QTcpSocket *>();
    if (!tcp) {
        logging::logger("sync")->warn(
            "event stream: the WebSocket's TCP socket was not found; its reads stay unbounded");
        return;
    }
    const auto apply = [tcp] {
        tcp->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption,
                             EventStream::kReceiveBufferBytes);
    };
    if (tcp->state() == QAbstractSocket::ConnectedState)
        apply();
    else
        QObject::connect(tcp, &QAbstractSocket::connected, tcp, apply);
}

} // namespace

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
        const QList<EventEnvelope> envelopes = m_parser.parse(text, &skipped, &error);
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
    capReceiveBuffer(socket);
}

int EventStream::receiveBufferBytes() const {
    auto *tcp = m_socket ? m_socket->findChild<QTcpSocket *>() : nullptr;
    return tcp ? tcp->socketOption(QAbstractSocket::ReceiveBufferSizeSocketOption).toInt() : -1;
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
