#include "topology/topology_layout_runner.h"

#include "logging.h"

#include <QtConcurrent/QtConcurrentRun>

namespace noc {

TopologyLayoutRunner::TopologyLayoutRunner(QObject *parent)
    : QObject(parent) {
    m_watcher = new QFutureWatcher<LayoutResult>(this);
    connect(m_watcher, &QFutureWatcher<LayoutResult>::finished, this, &TopologyLayoutRunner::onFinished);
}

TopologyLayoutRunner::~TopologyLayoutRunner() {
    // The worker holds its own references to the graph and the flag; cancel it and wait so no
    // pool thread outlives the objects the application is tearing down.
    cancel();
    m_watcher->waitForFinished();
}

void TopologyLayoutRunner::start(std::shared_ptr<const TopologyGraph> graph, LayoutOptions options) {
    cancel();
    // A fresh flag per run: the previous worker keeps seeing "cancelled" while this one starts clean.
    m_cancel = std::make_shared<std::atomic_bool>(false);
    auto flag = m_cancel;
    m_watcher->setFuture(QtConcurrent::run([graph = std::move(graph), options = std::move(options), flag]() {
        return computeLayout(*graph, options, flag.get());
    }));
}

void TopologyLayoutRunner::cancel() {
    if (m_cancel)
        m_cancel->store(true);
}

bool TopologyLayoutRunner::isRunning() const {
    return m_watcher->isRunning();
}

void TopologyLayoutRunner::waitForFinished() {
    m_watcher->waitForFinished();
}

void TopologyLayoutRunner::onFinished() {
    if (m_watcher->future().isCanceled() || m_watcher->future().resultCount() == 0)
        return;
    const LayoutResult result = m_watcher->result();
    if (result.cancelled)
        return;
    logging::logger("ui")->info("topology layout done: {} nodes in {:.2f} s, {} overlaps",
                                result.positions.size(), result.seconds, result.overlaps);
    emit finished(result);
}

} // namespace noc
