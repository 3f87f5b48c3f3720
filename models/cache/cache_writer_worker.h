#pragma once

#include "cache/cache_batch.h"
#include "cache/cache_error.h"
#include "cache/change_set.h"

#include <QElapsedTimer>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <memory>

class QTimer;

namespace noc {

class CacheWriter;

// Owns the cache's writer connection on its own thread. Any thread hands it batches with enqueue();
// it applies everything queued in as few transactions as possible, committing at least every
// maxTransactionMs (~100 ms) under load, so an alarm storm becomes a few large transactions.
//
//   auto *worker = new CacheWriterWorker(path);
//   worker->moveToThread(&thread);
//   connect(&thread, &QThread::started, worker, &CacheWriterWorker::start);
//   connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
//   thread.start();
//
// Failures: a batch that fails for a passing reason (disk full, read-only, I/O, locked) stays queued,
// writeFailed() tells the user in plain words (once: retries failing the same way are not told
// again until a commit succeeds), and the worker retries every retryIntervalMs or on retryNow(). A batch that
// fails on its own content (a constraint) is reported with writeFailed() and dropped, so that one bad record
// cannot stop the cache forever. A damaged file (SQLITE_CORRUPT / NOTADB) drops nothing: the batches stay
// queued and the user is asked to restart, which runs the start-up check and salvage (the writer leaves the
// file marked "not closed cleanly").
//
// At stop(), batches holding the user's work (outbox entries, map positions) that still could not be written
// go to the side file `<cache>.unsaved` (UnsavedWork); CacheDatabase::open puts them into the cache at the
// next start. Server data still queued is dropped: the next sync loads it again.
class CacheWriterWorker : public QObject {
    Q_OBJECT
public:
    explicit CacheWriterWorker(QString path, QObject *parent = nullptr);
    ~CacheWriterWorker() override;

    // Thread-safe. Batches are applied in enqueue order.
    void enqueue(CacheBatch batch);
    // Thread-safe: batches waiting (including ones kept for retry).
    qsizetype queuedBatches() const;
    // Thread-safe: true when the writer is open and its last write succeeded.
    bool isHealthy() const;

    void setMaxTransactionMs(int ms); // default 100
    void setRetryIntervalMs(int ms);  // default 2000
    // Only for the worker's thread before start(): caps the file size (see CacheWriter::setPageLimit).
    void setPageLimit(qint64 maxPages);

public slots:
    // Opens the writer; call on the worker's thread (connect QThread::started).
    void start();
    // Retries kept batches now (e.g. after the user freed disk space).
    void retryNow();
    // Applies whatever is queued, then closes the connection. Call before quitting the thread
    // (BlockingQueuedConnection from the owner) so that nothing queued is lost at shutdown.
    void stop();

signals:
    void opened();
    void committed(noc::ChangeSet changes);
    // sqliteCode: the extended SQLite code (SQLITE_FULL, SQLITE_CORRUPT ...), for the status line.
    void writeFailed(QString plainMessage, int sqliteCode);

private:
    void scheduleProcess();
    void process();
    bool applyOneTransaction();
    void reportKept(const CacheError &error);
    void markHealthy();
    void keepUserWorkAtStop();

    QString m_path;
    std::unique_ptr<CacheWriter> m_writer;
    mutable QMutex m_mutex;
    QList<CacheBatch> m_queue; // guarded by m_mutex
    bool m_scheduled = false;  // guarded by m_mutex
    bool m_healthy = false;    // guarded by m_mutex
    QTimer *m_retryTimer = nullptr;
    // The failure being retried: told once, not every retryIntervalMs (a full disk would fill the log
    // and keep covering the status bar's other messages); a reminder in the log once a minute.
    QString m_keptMessage;
    int m_keptRetries = 0;
    QElapsedTimer m_keptReminder;
    int m_maxTransactionMs = 100;
    int m_retryIntervalMs = 2000;
    qint64 m_pageLimit = 0;
    bool m_stopped = false;
};

} // namespace noc
