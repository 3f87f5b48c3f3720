#include "demo_server.h"

#include "opsim_server.h"

namespace noc {

DemoServer::~DemoServer() {
    stop();
}

bool DemoServer::start(QString *error) {
    opsim::ServerConfig config;
    config.seed = 42;
    config.elements = 2000;
    // Half an alarm a second (plus the simulator's cascading faults) keeps the list moving without
    // burying it; the last day at that rate gives the trends chart a past like its present.
    config.alarmRate = 0.5;
    config.historyHours = 24;
    config.initialAlarms = 3000;
    config.initialTickets = 120;
    config.ticketsAssignedTo = QString::fromLatin1(kDemoUser);
    config.tokens.insert(QString::fromLatin1(kToken), QStringLiteral("supervisor"));

    m_thread.setObjectName(QStringLiteral("opsim-demo"));
    m_thread.start();
    bool started = false;
    // The server and its sockets must be created on the thread that runs them.
    auto *context = new QObject;
    context->moveToThread(&m_thread);
    QMetaObject::invokeMethod(
        context,
        [this, config, error, &started] {
            auto *server = new opsim::Server(config);
            started = server->start(error);
            if (started) {
                m_server = server;
                m_baseUrl = server->baseUrl();
            } else {
                delete server;
            }
        },
        Qt::BlockingQueuedConnection);
    context->deleteLater();
    if (!started)
        stop();
    return started;
}

void DemoServer::stop() {
    if (m_server) {
        QMetaObject::invokeMethod(
            m_server, [server = m_server] { delete server; }, Qt::BlockingQueuedConnection);
        m_server = nullptr;
    }
    if (m_thread.isRunning()) {
        m_thread.quit();
        m_thread.wait();
    }
}

} // namespace noc
