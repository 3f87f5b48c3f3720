#pragma once

#include "opsim_server.h"

#include <QMetaObject>
#include <QObject>
#include <QThread>
#include <QUrl>

namespace noc::bench {

// opsim on its own thread, so that the server's work does not count against the thread a suite measures.
// call() runs a function on the server's thread and waits for its answer.
class OpsimThread {
public:
    explicit OpsimThread(const opsim::ServerConfig &config) {
        m_thread.setObjectName(QStringLiteral("opsim-bench"));
        m_thread.start();
        m_context.moveToThread(&m_thread);
        QMetaObject::invokeMethod(
            &m_context,
            [this, config] {
                m_server = new opsim::Server(config);
                m_ok = m_server->start(&m_error);
            },
            Qt::BlockingQueuedConnection);
    }
    ~OpsimThread() {
        QMetaObject::invokeMethod(
            &m_context, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    OpsimThread(const OpsimThread &) = delete;
    OpsimThread &operator=(const OpsimThread &) = delete;

    template <typename F> auto call(F f) {
        decltype(f(*m_server)) result{};
        QMetaObject::invokeMethod(
            &m_context, [&] { result = f(*m_server); }, Qt::BlockingQueuedConnection);
        return result;
    }
    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    QUrl url() {
        return call([](opsim::Server &s) { return s.baseUrl(); });
    }

protected:
    QObject &context() { return m_context; }
    opsim::Server &server() { return *m_server; }

private:
    QThread m_thread;
    QObject m_context;
    opsim::Server *m_server = nullptr;
    bool m_ok = false;
    QString m_error;
};

} // namespace noc::bench
