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
    explicit EventStream(QObject *parent = nullptr);
    ~EventStream() override;

    // Streams the events after `since` (0 = from the first the server kept). wss:// uses `tls` (the
    // profile's CAs and pin, as the HTTP client does).
    void open(const QUrl &streamUrl, qint64 since, const QString &token,
              const TlsPolicy &tls = TlsPolicy(ConnectionProfile{}));
    void close();
    bool isOpen() const { return m_open; }

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
