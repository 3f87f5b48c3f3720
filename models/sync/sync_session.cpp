#include "sync_session.h"

#include "cache/cache_batch.h"
#include "cache/cache_reader.h"
#include "cache/cache_writer_worker.h"
#include "logging.h"
#include "thread_priority.h"

#include <QNetworkInformation>
#include <sqlite3.h>

namespace noc {

SyncSession::SyncSession(const ConnectionProfile &profile, const QString &token, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_token(token) {
    qRegisterMetaType<noc::ChangeSet>();
    qRegisterMetaType<noc::SyncStatus>();
    m_writerThread.setObjectName(QStringLiteral("cache-writer"));
    m_syncThread.setObjectName(QStringLiteral("sync"));
}

SyncSession::~SyncSession() {
    // No statusChanged from a session being destroyed: its receivers may be half-destroyed too.
    blockSignals(true);
    stop();
}

bool SyncSession::openCache() {
    m_openResult = CacheDatabase::open(m_profile.effectiveCachePath());
    auto log = logging::logger("cache");
    if (!m_openResult.ok())
        log->error("Cannot open the cache: {}", m_openResult.message.toStdString());
    else if (!m_openResult.message.isEmpty())
        log->warn("{}", m_openResult.message.toStdString());
    return m_openResult.ok();
}

void SyncSession::start() {
    if (m_writer)
        return;
    m_writer = new CacheWriterWorker(m_openResult.path);
    m_writer->moveToThread(&m_writerThread);
    // The writer and the sync thread are bulk work in a storm: below the GUI thread, which must stay
    // responsive (thread_priority.h). Connected first: they run on the thread before its work starts.
    connect(&m_writerThread, &QThread::started, m_writer, [] { lowerCurrentThreadPriority(); });
    connect(&m_writerThread, &QThread::started, m_writer, &CacheWriterWorker::start);
    connect(m_writer, &CacheWriterWorker::committed, this, &SyncSession::committed);
    connect(m_writer, &CacheWriterWorker::writeFailed, this, &SyncSession::writeFailed);
    // The status line and the alarm actions show "not saved" until the writer commits again.
    connect(m_writer, &CacheWriterWorker::writeFailed, this, [this](const QString &message, int code) {
        setCacheWriteError(message, (code & 0xff) == SQLITE_FULL);
    });
    connect(m_writer, &CacheWriterWorker::committed, this, [this] { setCacheWriteError({}, false); });
    m_waitingForWritableCache = m_openResult.outcome == CacheOpenResult::Outcome::ReadOnly;
    if (m_waitingForWritableCache) {
        // Said from the first status on, not only after the writer's first attempt: the views must
        // never offer an action that cannot be saved.
        // How old the shown data is, from the cache itself: without an engine nothing else says it, and
        // "never synced" would be untrue of a file that holds a sync's data.
        CacheReader reader;
        if (reader.open(m_openResult.path))
            m_status.lastSuccess = reader.lastSuccessTimes();
        setCacheWriteError(m_openResult.error.message, false);
        connect(m_writer, &CacheWriterWorker::opened, this, &SyncSession::onWriterOpened);
    }
    m_writerThread.start();

    if (!m_profile.serverUrl.isEmpty() && !m_waitingForWritableCache)
        startEngine();
}

void SyncSession::onWriterOpened() {
    // The read-only cache became writable (the user fixed its permissions): sync can start now.
    if (!m_waitingForWritableCache)
        return;
    m_waitingForWritableCache = false;
    logging::logger("cache")->info("The cache {} can be written now", m_openResult.path.toStdString());
    setCacheWriteError({}, false);
    if (!m_profile.serverUrl.isEmpty() && !m_engine)
        startEngine();
}

void SyncSession::connectTo(const QUrl &serverUrl) {
    if (!m_writer || m_engine || serverUrl.isEmpty())
        return;
    m_profile.serverUrl = serverUrl;
    if (!m_waitingForWritableCache)
        startEngine();
}

void SyncSession::expectServer(bool expected) {
    if (m_engine)
        return; // the engine reports its own phase
    const SyncPhase phase = expected ? SyncPhase::Connecting : SyncPhase::Offline;
    if (m_status.phase == phase)
        return;
    m_status.phase = phase;
    emit statusChanged(m_status);
}

void SyncSession::startEngine() {
    CacheWriterWorker *writer = m_writer;
    m_engine = new SyncEngine(
        m_profile, m_token, m_openResult.path, [writer](const CacheBatch &batch) { writer->enqueue(batch); },
        m_engineOptions);
    m_engine->moveToThread(&m_syncThread);
    connect(&m_syncThread, &QThread::started, m_engine, [] { lowerCurrentThreadPriority(); });
    connect(&m_syncThread, &QThread::started, m_engine, &SyncEngine::start);
    connect(m_writer, &CacheWriterWorker::committed, m_engine, &SyncEngine::onCommitted);
    connect(m_writer, &CacheWriterWorker::writeFailed, m_engine, &SyncEngine::onWriteFailed);
    connect(m_engine, &SyncEngine::statusChanged, this, [this](const SyncStatus &status) {
        m_status = status;
        m_status.cacheWriteError = m_cacheWriteError;
        m_status.cacheDiskFull = m_cacheDiskFull;
        emit statusChanged(m_status);
    });
    connect(m_engine, &SyncEngine::initialSyncCompleted, this, &SyncSession::initialSyncCompleted);
    // Queued like statusChanged, so it arrives after the old token's statuses and before the new one's.
    connect(m_engine, &SyncEngine::tokenReplaced, this, [this] {
        // The old token's refusal is over: a status sent before the new engine's first (a cache
        // write error set or cleared) must not report it again.
        m_status.authenticationFailed = false;
        emit tokenReplaced();
    });
    m_syncThread.start();
    watchNetwork();
}

void SyncSession::watchNetwork() {
    // Once per session: the engine may be restarted (setToken), the connection must not multiply.
    if (m_watchingNetwork)
        return;
    m_watchingNetwork = true;
    // When the operating system says the network is back, retry at once instead of waiting out the
    // backoff (an engineer walking out of the basement should not wait a minute). Without a
    // reachability backend the backoff alone does the job.
    if (QNetworkInformation::loadDefaultBackend() && QNetworkInformation::instance()) {
        connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
                [this](QNetworkInformation::Reachability reachability) {
                    if (reachability == QNetworkInformation::Reachability::Online ||
                        reachability == QNetworkInformation::Reachability::Local)
                        retryNow();
                });
    }
}

bool SyncSession::setToken(const QString &token) {
    m_token = token;
    if (!m_engine)
        return false; // not started, or no server yet: the engine will start with this token
    // Queued, not stopEngine() + startEngine(): those wait for the sync thread, and this is called
    // from the GUI (File ▸ Sign in…), which must not freeze while the old connection winds down.
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine, token] { engine->restartWithToken(token); }, Qt::QueuedConnection);
    return true;
}

void SyncSession::stop() {
    if (m_writer)
        emit aboutToStop();
    if (!m_engine && m_status.phase == SyncPhase::Connecting) {
        // Stopped while its server was still on its way (expectServer()): no engine will ever say
        // otherwise, and "connecting…" would stay in the header.
        m_status.phase = SyncPhase::Offline;
        emit statusChanged(m_status);
    }
    stopEngine();
    if (m_writer) {
        // Everything queued reaches the disk before the thread ends: nothing a user did is lost.
        QMetaObject::invokeMethod(m_writer, &CacheWriterWorker::stop, Qt::BlockingQueuedConnection);
        QMetaObject::invokeMethod(
            m_writer, [writer = m_writer] { delete writer; }, Qt::BlockingQueuedConnection);
        m_writer = nullptr;
        m_writerThread.quit();
        m_writerThread.wait();
    }
}

void SyncSession::setCacheWriteError(const QString &message, bool diskFull) {
    if (message == m_cacheWriteError && diskFull == m_cacheDiskFull)
        return;
    m_cacheWriteError = message;
    m_cacheDiskFull = diskFull;
    m_status.cacheWriteError = message;
    m_status.cacheDiskFull = diskFull;
    emit statusChanged(m_status);
}

void SyncSession::stopEngine() {
    if (!m_engine)
        return;
    QMetaObject::invokeMethod(m_engine, &SyncEngine::stop, Qt::BlockingQueuedConnection);
    // Deleted on its own thread: its network objects belong there.
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine] { delete engine; }, Qt::BlockingQueuedConnection);
    m_engine = nullptr;
    m_syncThread.quit();
    m_syncThread.wait();
}

void SyncSession::submit(const CacheBatch &batch) {
    if (m_writer)
        m_writer->enqueue(batch);
}

qsizetype SyncSession::queuedBatches() const {
    return m_writer ? m_writer->queuedBatches() : 0;
}

void SyncSession::retryNow() {
    if (m_engine)
        QMetaObject::invokeMethod(m_engine, &SyncEngine::retryNow, Qt::QueuedConnection);
}

} // namespace noc
