#pragma once

#include "opsim_server.h"

#include <QObject>
#include <QString>
#include <QThread>
#include <QUrl>

namespace noc {

// `--demo`: the reference server (tools/opsim) running in-process on its own thread, on a free
// loopback port, with a simulated network and a demo token, so a newcomer sees a live console
// with one command.
//
// start() returns at once: building the simulated network and its day of alarm history takes the
// server a second or two, and the window must not wait for it. ready() or failed() follows, on the
// thread that called start().
class DemoServer : public QObject {
    Q_OBJECT
public:
    static constexpr const char *kToken = "demo-supervisor-token";
    static constexpr const char *kDemoUser = "demo.supervisor"; // the user the demo console acts as

    // The demo's network, history and token.
    static opsim::ServerConfig demoConfig();

    explicit DemoServer(const opsim::ServerConfig &config = demoConfig(), QObject *parent = nullptr);
    ~DemoServer() override;

    void start();
    // From start() until ready() or failed() is delivered.
    bool isStarting() const { return m_starting; }
    // Stops the server; a start still under way is waited for first (the server thread cannot be
    // interrupted while it builds the history). Neither ready() nor failed() comes after it.
    void stop();
    QUrl baseUrl() const { return m_baseUrl; }

signals:
    void ready(const QUrl &baseUrl);
    void failed(const QString &error);

private:
    void onStarted(const QUrl &baseUrl, const QString &error);

    opsim::ServerConfig m_config;
    QThread m_thread;
    QObject *m_home = nullptr; // lives on m_thread; the server is its child
    QUrl m_baseUrl;
    bool m_starting = false;
    bool m_stopped = false;
};

} // namespace noc
