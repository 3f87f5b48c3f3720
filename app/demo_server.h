#pragma once

#include <QString>
#include <QThread>
#include <QUrl>

namespace noc {

// `--demo`: the reference server (tools/opsim) running in-process on its own thread, on a free
// loopback port, with a simulated network and a demo token, so a newcomer sees a live console
// with one command.
class DemoServer {
public:
    static constexpr const char *kToken = "demo-supervisor-token";
    static constexpr const char *kDemoUser = "demo.supervisor"; // the user the demo console acts as

    DemoServer() = default;
    ~DemoServer();
    DemoServer(const DemoServer &) = delete;
    DemoServer &operator=(const DemoServer &) = delete;

    bool start(QString *error);
    void stop();
    QUrl baseUrl() const { return m_baseUrl; }

private:
    QThread m_thread;
    QObject *m_server = nullptr;
    QUrl m_baseUrl;
};

} // namespace noc
