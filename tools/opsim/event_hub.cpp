#include "event_hub.h"

#include <QWebSocket>

namespace noc::opsim {

namespace {
constexpr qint64 kMaxBufferedBytes = 8 * 1024 * 1024; // per client before we wait for the socket
}

EventHub::EventHub(qint64 retention, int maxBatch, QObject *parent)
    : QObject(parent)
    , m_retention(qMax<qint64>(1, retention))
    , m_maxBatch(qMax(1, maxBatch)) {
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &EventHub::flush);
}

EventHub::~EventHub() {
    for (auto &c : m_clients) {
        if (c->socket) {
            c->socket->disconnect(this);
            c->socket->abort();
            delete c->socket;
        }
    }
}

qint64 EventHub::publish(const QByteArray &eventType, const QByteArray &payloadKey, const QByteArray &payload,
                         QByteArrayView eventTime) {
    const qint64 seq = ++m_lastSeq;
    QByteArray env;
    env.reserve(payload.size() + 160);
    env += "{\"seq\":";
    env += QByteArray::number(seq);
    env += ",\"eventId\":\"EV-";
    env += QByteArray::number(seq);
    env += "\",\"eventTime\":\"";
    env += eventTime;
    env += "\",\"eventType\":\"";
    env += eventType;
    env += "\",\"event\":{\"";
    env += payloadKey;
    env += "\":";
    env += payload;
    env += "}}";
    m_events.push_back(std::move(env));
    while (qint64(m_events.size()) > m_retention)
        m_events.pop_front();
    if (!m_clients.empty() && !m_flushTimer.isActive())
        scheduleFlush(0);
    return seq;
}

bool EventHub::canResume(qint64 since) const {
    if (since < 0 || since > m_lastSeq)
        return false;
    const qint64 floor = m_events.empty() ? m_lastSeq : oldestSeq() - 1;
    return since >= floor;
}

QList<QByteArray> EventHub::range(qint64 since, int limit) const {
    QList<QByteArray> out;
    if (!canResume(since))
        return out;
    const qint64 first = oldestSeq();
    for (qint64 seq = since + 1; seq <= m_lastSeq && out.size() < limit; ++seq)
        out << m_events[size_t(seq - first)];
    return out;
}

QByteArray EventHub::resyncMessage() const {
    return "{\"eventType\":\"ResyncRequired\",\"latestSeq\":" + QByteArray::number(m_lastSeq) +
           ",\"oldestSeq\":" + QByteArray::number(oldestSeq()) + "}";
}

void EventHub::addClient(QWebSocket *socket, qint64 since, bool hasSince) {
    auto client = std::make_unique<Client>();
    client->socket = socket;
    Client *raw = client.get();
    // Queued: a socket can disconnect while flush() or closeAll() walks m_clients.
    connect(
        socket, &QWebSocket::disconnected, this,
        [this, raw] {
            for (auto it = m_clients.begin(); it != m_clients.end(); ++it) {
                if (it->get() == raw) {
                    raw->socket->deleteLater();
                    m_clients.erase(it);
                    return;
                }
            }
        },
        Qt::QueuedConnection);
    // Clients only read; anything they send is ignored.
    if (!hasSince) {
        client->next = m_lastSeq + 1;
    } else if (!canResume(since)) {
        socket->sendTextMessage(QString::fromUtf8(resyncMessage()));
        client->next = m_lastSeq + 1;
    } else {
        client->next = since + 1;
    }
    m_clients.push_back(std::move(client));
    scheduleFlush(0);
}

void EventHub::scheduleFlush(int delayMs) {
    if (!m_flushTimer.isActive() || delayMs == 0)
        m_flushTimer.start(delayMs);
}

void EventHub::sendFrame(Client &client, const QByteArray &frame) {
    if (m_malformedRate > 0 && std::uniform_real_distribution<double>(0, 1)(m_rng) < m_malformedRate) {
        client.socket->sendTextMessage(QString::fromUtf8(frame.left(frame.size() / 2)) +
                                       QStringLiteral("\x01garbage"));
        return;
    }
    client.socket->sendTextMessage(QString::fromUtf8(frame));
}

void EventHub::flush() {
    bool backlog = false;
    const qint64 first = oldestSeq();
    for (auto &cp : m_clients) {
        Client &c = *cp;
        if (c.socket->state() != QAbstractSocket::ConnectedState)
            continue;
        if (c.next <= m_lastSeq && (m_events.empty() || c.next < first)) {
            // Fell behind the retained history.
            c.socket->sendTextMessage(QString::fromUtf8(resyncMessage()));
            c.next = m_lastSeq + 1;
            continue;
        }
        while (c.next <= m_lastSeq && c.socket->bytesToWrite() < kMaxBufferedBytes) {
            const qint64 n = qMin<qint64>(m_maxBatch, m_lastSeq - c.next + 1);
            if (n == 1) {
                sendFrame(c, m_events[size_t(c.next - first)]);
            } else {
                qsizetype size = 2;
                for (qint64 i = 0; i < n; ++i)
                    size += m_events[size_t(c.next - first + i)].size() + 1;
                QByteArray frame;
                frame.reserve(size);
                frame += '[';
                for (qint64 i = 0; i < n; ++i) {
                    if (i)
                        frame += ',';
                    frame += m_events[size_t(c.next - first + i)];
                }
                frame += ']';
                sendFrame(c, frame);
            }
            c.next += n;
        }
        // Hand the frames to the kernel now instead of at the socket's next write notification: during
        // a storm the simulator's next tick may already be due, and the client would wait for it.
        c.socket->flush();
        if (c.next <= m_lastSeq)
            backlog = true;
    }
    if (backlog)
        scheduleFlush(2);
}

void EventHub::closeAll() {
    for (auto &c : m_clients) {
        if (c->socket)
            c->socket->abort();
    }
}

void EventHub::restart() {
    m_events.clear();
    m_lastSeq = 0;
    for (auto &c : m_clients) {
        if (c->socket && c->socket->state() == QAbstractSocket::ConnectedState)
            c->socket->sendTextMessage(QString::fromUtf8(resyncMessage()));
        c->next = 1;
    }
}

} // namespace noc::opsim
