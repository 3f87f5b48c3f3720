#pragma once

#include "sync/event_frame.h"
#include "sync/tls_policy.h"

#include <QList>
#include <QObject>
#include <QUrl>

class QWebSocket;

namespace noc {

// The WebSocket event stream (/tmf-api/event/v4/stream?since=SEQ) with the bearer token. Emits
// envelopes in batches, one signal per frame; the engine detects gaps and resyncs.
class EventStream : public QObject {
    Q_OBJECT
public:
    // Caps the kernel's receive queue of the stream's TCP connection, and with it the size of one read.
    // QWebSocket reads all the socket holds in one call; in a storm, with the kernel's receive
    // autotuning, that was up to 10-14 MB per read(), copied into fresh pages by a kernel built
    // without preemption (the VM this was measured on): 40-50 ms during which another thread waiting
    // for that core, the GUI's among them, does not run. Capped, a read is at
    // most about twice this (the kernel doubles the value for its bookkeeping) and the server waits
    // through TCP's flow control; nothing is lost. QWebSocket::setReadBufferSize is not the way: in
    // Qt 6.4 a frame larger than that buffer never arrives.
    // The cost is throughput over long paths: the window this leaves (~1.5 MB) carries ~30 MB/s at a
    // 50 ms round trip, more than a 20,000 events/s storm (~22 MB/s of opsim's envelopes).
    static constexpr int kReceiveBufferBytes = 1024 * 1024;

    explicit EventStream(QObject *parent = nullptr);
    ~EventStream() override;

    // Streams the events after `since` (0 = from the first the server kept). wss:// uses `tls` (the
    // profile's CAs and pin, as the HTTP client does).
    void open(const QUrl &streamUrl, qint64 since, const QString &token,
              const TlsPolicy &tls = TlsPolicy(ConnectionProfile{}));
    void close();
    bool isOpen() const { return m_open; }
    // The kernel's receive buffer of the stream's connection in bytes (as the kernel reports it:
    // twice what was asked), -1 without a connection.
    int receiveBufferBytes() const;

signals:
    void opened();
    void envelopesReceived(const QList<noc::EventEnvelope> &envelopes);
    void malformedFrame(const QString &reason, int skipped);
    // The stream ended or could not start; `reason` in plain words.
    void closed(const QString &reason);

private:
    QWebSocket *m_socket = nullptr;
    EventFrameParser m_parser;
    bool m_open = false;
    bool m_closing = false;
    QString m_refusal; // why this side dropped the connection (TLS), reported in closed()
};

} // namespace noc
