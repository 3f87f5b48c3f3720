#include "demo_server.h"

namespace noc {

opsim::ServerConfig DemoServer::demoConfig() {
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
    return config;
}

DemoServer::DemoServer(const opsim::ServerConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config) {
    m_thread.setObjectName(QStringLiteral("opsim-demo"));
}

DemoServer::~DemoServer() {
    stop();
}

void DemoServer::start() {
    if (m_home || m_stopped)
        return;
    m_starting = true;
    m_thread.start();
    // The server and its sockets must be created on the thread that runs them.
    m_home = new QObject;
    m_home->moveToThread(&m_thread);
    QMetaObject::invokeMethod(m_home, [this, home = m_home, config = m_config] {
        auto *server = new opsim::Server(config, home);
        QString error;
        QUrl url;
        if (server->start(&error))
            url = server->baseUrl();
        else
            delete server;
        // Queued to this object's thread; dropped if it is gone (stop() waits for this function, so
        // `this` is alive while the call is posted).
        QMetaObject::invokeMethod(
            this, [this, url, error] { onStarted(url, error); }, Qt::QueuedConnection);
    });
}

void DemoServer::onStarted(const QUrl &baseUrl, const QString &error) {
    if (m_stopped)
        return;
    m_starting = false;
    if (baseUrl.isEmpty()) {
        emit failed(error);
        return;
    }
    m_baseUrl = baseUrl;
    emit ready(baseUrl);
}

void DemoServer::stop() {
    m_stopped = true;
    m_starting = false;
    if (m_home) {
        // Runs after the start above (same thread, in order): a server still being built is
        // finished first, then deleted with its home.
        QMetaObject::invokeMethod(
            m_home, [home = m_home] { delete home; }, Qt::BlockingQueuedConnection);
        m_home = nullptr;
    }
    if (m_thread.isRunning()) {
        m_thread.quit();
        m_thread.wait();
    }
}

} // namespace noc
