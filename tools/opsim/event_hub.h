#pragma once

// The event channel: a retained log of TMF688-style envelopes with a strictly increasing seq, served
// by GET /events?since= and pushed to WebSocket clients of /stream?since= (batched into JSON-array
// frames when more than one event is pending).

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTimer>

#include <deque>
#include <memory>
#include <random>

class QWebSocket;

namespace noc::opsim {

class EventHub : public QObject {
    Q_OBJECT
public:
    EventHub(qint64 retention, int maxBatch, QObject *parent = nullptr);
    ~EventHub() override;

    // payloadKey: "alarm", "troubleTicket" or "resource"; payload: the record's compact JSON.
    // eventTime: ISO text (ASCII, written as is).
    qint64 publish(const QByteArray &eventType, const QByteArray &payloadKey, const QByteArray &payload,
                   QByteArrayView eventTime);

    qint64 lastSeq() const { return m_lastSeq; }
    qint64 oldestSeq() const { return m_events.empty() ? 0 : m_lastSeq - qint64(m_events.size()) + 1; }
    void setLastSeq(qint64 seq) { m_lastSeq = seq; } // on start from a file database (no history kept)
    // True when `since` can be served (events after it are all retained).
    bool canResume(qint64 since) const;
    QList<QByteArray> range(qint64 since, int limit) const;
    QByteArray resyncMessage() const;

    void addClient(QWebSocket *socket, qint64 since, bool hasSince);
    int clientCount() const { return int(m_clients.size()); }
    void closeAll();
    void restart(); // forget history, seq starts again at 1; clients get ResyncRequired
    void setMalformedRate(double rate) { m_malformedRate = rate; }

private:
    struct Client {
        QWebSocket *socket = nullptr;
        qint64 next = 1; // seq of the next event to send
    };
    void scheduleFlush(int delayMs = 0);
    void flush();
    void sendFrame(Client &client, const QByteArray &frame);

    qint64 m_retention;
    int m_maxBatch;
    qint64 m_lastSeq = 0;
    std::deque<QByteArray> m_events; // envelopes, seq oldestSeq() .. m_lastSeq
    std::vector<std::unique_ptr<Client>> m_clients;
    QTimer m_flushTimer;
    double m_malformedRate = 0;
    std::mt19937_64 m_rng{42};
};

} // namespace noc::opsim
