#include "cache/cache_writer_worker.h"

#include "cache/cache_writer.h"

#include <QMetaObject>
#include <QMutexLocker>
#include <QTimer>
#include <spdlog/spdlog.h>

namespace noc {

namespace {

std::shared_ptr<spdlog::logger> logger() {
    auto log = spdlog::get("cache");
    return log ? log : spdlog::default_logger();
}

} // namespace

CacheWriterWorker::CacheWriterWorker(QString path, QObject *parent)
    : QObject(parent)
    , m_path(std::move(path)) {
    qRegisterMetaType<noc::ChangeSet>("noc::ChangeSet");
    qRegisterMetaType<noc::CacheBatch>("noc::CacheBatch");
    m_retryTimer = new QTimer(this);
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &CacheWriterWorker::process);
}

CacheWriterWorker::~CacheWriterWorker() {
    if (m_writer)
        m_writer->close();
}

void CacheWriterWorker::enqueue(CacheBatch batch) {
    {
        QMutexLocker lock(&m_mutex);
        m_queue.append(std::move(batch));
    }
    scheduleProcess();
}

qsizetype CacheWriterWorker::queuedBatches() const {
    QMutexLocker lock(&m_mutex);
    return m_queue.size();
}

bool CacheWriterWorker::isHealthy() const {
    QMutexLocker lock(&m_mutex);
    return m_healthy;
}

void CacheWriterWorker::setMaxTransactionMs(int ms) {
    m_maxTransactionMs = qMax(1, ms);
}

void CacheWriterWorker::setRetryIntervalMs(int ms) {
    m_retryIntervalMs = qMax(0, ms);
}

void CacheWriterWorker::setPageLimit(qint64 maxPages) {
    m_pageLimit = maxPages;
    if (m_writer && m_writer->isOpen())
        m_writer->setPageLimit(maxPages);
}

void CacheWriterWorker::scheduleProcess() {
    {
        QMutexLocker lock(&m_mutex);
        if (m_scheduled)
            return;
        m_scheduled = true;
    }
    // Queued: runs on the worker's thread after the events already posted there, which lets
    // batches arriving meanwhile join the same transaction.
    QMetaObject::invokeMethod(this, &CacheWriterWorker::process, Qt::QueuedConnection);
}

void CacheWriterWorker::start() {
    m_stopped = false;
    if (!m_writer)
        m_writer = std::make_unique<CacheWriter>();
    if (!m_writer->open(m_path)) {
        const QString message = m_writer->lastError().message;
        logger()->error("cache writer: {}", message.toStdString());
        emit writeFailed(message);
        m_retryTimer->start(m_retryIntervalMs);
        return;
    }
    if (m_pageLimit > 0)
        m_writer->setPageLimit(m_pageLimit);
    {
        QMutexLocker lock(&m_mutex);
        m_healthy = true;
    }
    emit opened();
    scheduleProcess();
}

void CacheWriterWorker::retryNow() {
    m_retryTimer->stop();
    process();
}

void CacheWriterWorker::stop() {
    m_retryTimer->stop();
    // One last drain; batches that still fail stay in the queue (and are reported) rather than vanish.
    if (m_writer && m_writer->isOpen()) {
        while (queuedBatches() > 0 && applyOneTransaction()) {
        }
        m_writer->close();
    }
    m_stopped = true;
}

void CacheWriterWorker::process() {
    {
        QMutexLocker lock(&m_mutex);
        m_scheduled = false;
    }
    if (m_stopped)
        return;
    if (!m_writer || !m_writer->isOpen()) {
        start();
        return;
    }
    if (m_retryTimer->isActive())
        return; // waiting out a failure; retryNow() or the timer resumes
    if (queuedBatches() == 0)
        return;
    if (applyOneTransaction() && queuedBatches() > 0)
        scheduleProcess(); // more arrived: next transaction after the event loop had a turn
}

// Applies queued batches in one transaction until the queue is empty or the time budget is spent.
bool CacheWriterWorker::applyOneTransaction() {
    QElapsedTimer clock;
    clock.start();
    if (!m_writer->begin()) {
        const CacheError error = m_writer->lastError();
        {
            QMutexLocker lock(&m_mutex);
            m_healthy = false;
        }
        emit writeFailed(error.message);
        m_retryTimer->start(m_retryIntervalMs);
        return false;
    }
    ChangeSet changes;
    qsizetype applied = 0;
    qsizetype rows = 0;
    bool failed = false;
    for (;;) {
        CacheBatch batch;
        {
            QMutexLocker lock(&m_mutex);
            if (applied >= m_queue.size())
                break;
            batch = m_queue.at(applied); // implicitly shared copy; removed only after COMMIT
        }
        if (!m_writer->applyInTransaction(batch, &changes)) {
            failed = true;
            break;
        }
        ++applied;
        rows += batch.size();
        if (clock.elapsed() >= m_maxTransactionMs)
            break;
    }
    if (!failed && !m_writer->commit())
        failed = true;

    if (failed) {
        m_writer->rollback();
        const CacheError error = m_writer->lastError();
        if (!error.transient && applied == 0) {
            // The first batch itself is the problem: report loudly and drop it, keep the rest.
            CacheBatch dropped;
            {
                QMutexLocker lock(&m_mutex);
                if (!m_queue.isEmpty())
                    dropped = m_queue.takeFirst();
            }
            const QString message =
                QStringLiteral("%1 One batch of %2 records could not be stored and was skipped.")
                    .arg(error.message)
                    .arg(dropped.size());
            logger()->error("cache writer: {}", message.toStdString());
            emit writeFailed(message);
            if (queuedBatches() > 0)
                scheduleProcess();
            return false;
        }
        if (!error.transient) {
            // A later batch failed on its content: commit the good prefix first, next round isolates it.
            ChangeSet prefixChanges;
            QList<CacheBatch> prefix;
            {
                QMutexLocker lock(&m_mutex);
                prefix = m_queue.mid(0, applied);
            }
            prefixChanges = m_writer->apply(prefix);
            if (!m_writer->lastError().isError()) {
                {
                    QMutexLocker lock(&m_mutex);
                    m_queue.remove(0, applied);
                }
                emit committed(prefixChanges);
                scheduleProcess();
                return true;
            }
        }
        {
            QMutexLocker lock(&m_mutex);
            m_healthy = false;
        }
        logger()->error("cache writer: {} ({} batches kept for retry)", error.message.toStdString(),
                        queuedBatches());
        emit writeFailed(error.message);
        m_retryTimer->start(m_retryIntervalMs);
        return false;
    }

    {
        QMutexLocker lock(&m_mutex);
        m_queue.remove(0, applied);
        m_healthy = true;
    }
    logger()->debug("cache writer: committed {} batches ({} records) in {} ms", applied, rows,
                    clock.elapsed());
    emit committed(changes);
    return true;
}

} // namespace noc
