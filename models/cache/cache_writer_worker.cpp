#include "cache/cache_writer_worker.h"

#include "cache/cache_writer.h"
#include "cache/unsaved_work.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QMutexLocker>
#include <QTimer>
#include <spdlog/spdlog.h>
#include <utility>

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
        reportKept(m_writer->lastError());
        return;
    }
    if (m_pageLimit > 0)
        m_writer->setPageLimit(m_pageLimit);
    markHealthy();
    emit opened();
    scheduleProcess();
}

void CacheWriterWorker::retryNow() {
    m_retryTimer->stop();
    process();
}

void CacheWriterWorker::stop() {
    m_retryTimer->stop();
    // One last drain; what still fails and is the user's work goes to the side file.
    if (m_writer && m_writer->isOpen()) {
        while (queuedBatches() > 0 && applyOneTransaction()) {
        }
        m_writer->close();
    }
    keepUserWorkAtStop();
    m_stopped = true;
}

void CacheWriterWorker::keepUserWorkAtStop() {
    QList<CacheBatch> left;
    {
        QMutexLocker lock(&m_mutex);
        left = std::exchange(m_queue, {});
    }
    if (left.isEmpty())
        return;
    QList<CacheBatch> userWork;
    qsizetype entries = 0;
    for (const CacheBatch &b : std::as_const(left)) {
        if (UnsavedWork::holdsUserWork(b)) {
            userWork.append(b);
            entries += UnsavedWork::changeCount(b);
        }
    }
    logger()->warn("cache writer: stopping with {} batches not written; {} hold user changes", left.size(),
                   userWork.size());
    if (userWork.isEmpty())
        return;
    QString error;
    if (UnsavedWork::append(m_path, userWork, &error)) {
        logger()->warn(
            "cache writer: {} unsaved change(s) kept in {}; they go into the cache at the next start",
            entries, UnsavedWork::sidePath(m_path).toStdString());
        return;
    }
    // Last resort: the log, so that a person can still recover the requests by hand.
    logger()->error("cache writer: could not keep {} unsaved change(s) in {} ({}); here they are: {}",
                    entries, UnsavedWork::sidePath(m_path).toStdString(), error.toStdString(),
                    UnsavedWork::toJson(userWork).toStdString());
}

// Marks the writer unhealthy, tells the user and retries later; the queue keeps every batch.
void CacheWriterWorker::reportKept(const CacheError &error) {
    {
        QMutexLocker lock(&m_mutex);
        m_healthy = false;
    }
    QString message = error.message;
    if (error.isDamage())
        message += QLatin1Char(' ') +
                   QCoreApplication::translate("noc::CacheWriterWorker",
                                               "Your changes are kept. Restart the console: it checks the "
                                               "cache, keeps your unsent changes and loads the rest again.");
    if (message != m_keptMessage) {
        logger()->error("cache writer: {} ({} batches kept for retry)", message.toStdString(),
                        queuedBatches());
        emit writeFailed(message, error.sqliteCode);
        m_keptMessage = message;
        m_keptRetries = 0;
        m_keptReminder.start();
    } else {
        ++m_keptRetries;
        if (m_keptReminder.hasExpired(60'000)) {
            logger()->error("cache writer: still cannot write after {} retries: {} ({} batches kept)",
                            m_keptRetries, message.toStdString(), queuedBatches());
            m_keptReminder.start();
        } else {
            logger()->debug("cache writer: retry {} failed the same way", m_keptRetries);
        }
    }
    m_retryTimer->start(m_retryIntervalMs);
}

void CacheWriterWorker::markHealthy() {
    {
        QMutexLocker lock(&m_mutex);
        m_healthy = true;
    }
    if (!m_keptMessage.isEmpty()) {
        logger()->info("cache writer: writing again after {} failed retries", m_keptRetries);
        m_keptMessage.clear(); // a later failure is told again
    }
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
        reportKept(m_writer->lastError());
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
        // A damaged file is not the batch's fault: it is kept (below) like a full disk's.
        if (!error.transient && !error.isDamage() && applied == 0) {
            // The first batch itself is the problem: report loudly and drop it, keep the rest.
            CacheBatch dropped;
            {
                QMutexLocker lock(&m_mutex);
                if (!m_queue.isEmpty())
                    dropped = m_queue.takeFirst();
            }
            const QString message =
                error.message + QLatin1Char(' ') +
                QCoreApplication::translate("noc::CacheWriterWorker",
                                            "One batch of %n record(s) could not be stored and was skipped.",
                                            nullptr, int(dropped.size()));
            logger()->error("cache writer: {}", message.toStdString());
            emit writeFailed(message, error.sqliteCode);
            if (queuedBatches() > 0)
                scheduleProcess();
            return false;
        }
        if (!error.transient && !error.isDamage()) {
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
        reportKept(error);
        return false;
    }

    {
        QMutexLocker lock(&m_mutex);
        m_queue.remove(0, applied);
    }
    markHealthy();
    logger()->debug("cache writer: committed {} batches ({} records) in {} ms", applied, rows,
                    clock.elapsed());
    emit committed(changes);
    return true;
}

} // namespace noc
