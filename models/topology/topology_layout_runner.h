#pragma once

#include "topology/topology_layout.h"

#include <QFutureWatcher>
#include <QObject>
#include <atomic>
#include <memory>

// Runs a layout on the worker pool (QtConcurrent) and hands the result back on the owner's thread.
// Starting a new layout cancels the running one; a cancelled or superseded result is dropped, and
// because the watcher is a child of the runner, a deleted runner never gets a callback.
namespace noc {

class TopologyLayoutRunner : public QObject {
    Q_OBJECT
public:
    explicit TopologyLayoutRunner(QObject *parent = nullptr);
    ~TopologyLayoutRunner() override;

    // The graph is shared with the worker (read-only) so the GUI may keep using it meanwhile.
    void start(std::shared_ptr<const TopologyGraph> graph, LayoutOptions options);
    void cancel();
    bool isRunning() const;
    // Blocks until the running layout (if any) has finished. For tests and shutdown only.
    void waitForFinished();

signals:
    void finished(const noc::LayoutResult &result);

private:
    void onFinished();

    QFutureWatcher<LayoutResult> *m_watcher = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace noc

Q_DECLARE_METATYPE(noc::LayoutResult)
