#pragma once

#include "cache/cache_database.h"
#include "cache/change_set.h"
#include "sync/connection_profile.h"
#include "sync/sync_engine.h"
#include "sync/sync_status.h"

#include <QObject>
#include <QThread>

namespace noc {

struct CacheBatch;
class CacheWriterWorker;

// Everything one connection profile runs: the cache writer on its own thread and the sync engine on
// the sync thread. The GUI and the headless `sync` command both use it. Signals arrive on the thread
// that owns the session (queued).
class SyncSession : public QObject {
    Q_OBJECT
public:
    SyncSession(const ConnectionProfile &profile, const QString &token, QObject *parent = nullptr);
    ~SyncSession() override;

    // Opens (creating, migrating or recovering) the cache; false with openResult().message on failure.
    // A cache that can be read but not written (CacheOpenResult::ReadOnly) gives false too, yet the
    // session can still start(): see there.
    bool openCache();
    const CacheOpenResult &openResult() const { return m_openResult; }
    QString cachePath() const { return m_openResult.path; }
    const ConnectionProfile &profile() const { return m_profile; }

    // Before start(): tuning of the engine (tests shorten backoffs; `sync --once` lists everything).
    void setEngineOptions(const SyncEngine::Options &options) { m_engineOptions = options; }

    // Starts the writer and the engine. Without a server URL the session is offline-only until
    // connectTo(). With a read-only cache the writer keeps trying to open it (the user may fix the
    // permissions), the status carries its error (so actions that write are disabled), and the engine
    // waits until the writer could open it: nothing the server sends could be stored before.
    void start();
    // A started session without a server connects to this one (the demo's server is ready only after
    // the window is up). Nothing happens when the session is not started or already has a server.
    void connectTo(const QUrl &serverUrl);
    // A started session whose server is on its way (the demo's, still building its network): until
    // connectTo() its status says Connecting, not Offline with "never synced". expectServer(false)
    // when the server will not come (it failed to start): Offline again.
    void expectServer(bool expected = true);
    // Stops the engine, writes everything still queued, and joins both threads. A session still
    // expecting its server (no engine yet) goes Offline. Emits aboutToStop() first.
    void stop();

    // A new access token (the user signed in again after the server refused the old one): the engine
    // restarts with it and sends what waits in the outbox, which is in the cache and survives the
    // restart. The cache writer keeps running. Does not wait: the restart is queued to the sync
    // thread, and tokenReplaced() says when it happened. False when there is no engine to restart
    // (no server yet): the session just keeps the token for when it starts one.
    bool setToken(const QString &token);

    // Thread-safe: hands a batch (a user action) to the cache writer.
    void submit(const CacheBatch &batch);
    // Thread-safe: batches waiting to be written.
    qsizetype queuedBatches() const;
    const SyncStatus &status() const { return m_status; }

public slots:
    void retryNow();

signals:
    void statusChanged(const noc::SyncStatus &status);
    void committed(const noc::ChangeSet &changes);
    void writeFailed(const QString &message);
    void initialSyncCompleted();
    // After setToken(): the engine now uses the new token, and every statusChanged() from here on
    // is about it (whether the server accepts it).
    void tokenReplaced();
    // From stop(), while the writer still takes batches: the last moment for a view to hand in work
    // it holds back (the map's pin positions wait a second after the last drag).
    void aboutToStop();

private:
    void startEngine();
    void onWriterOpened();
    void setCacheWriteError(const QString &message, bool diskFull);
    void stopEngine();
    void watchNetwork();

    ConnectionProfile m_profile;
    QString m_token;
    CacheOpenResult m_openResult;
    QThread m_writerThread;
    QThread m_syncThread;
    CacheWriterWorker *m_writer = nullptr;
    SyncEngine *m_engine = nullptr;
    SyncStatus m_status;
    QString m_cacheWriteError; // kept across the engine's status updates (it does not know it)
    bool m_cacheDiskFull = false;
    SyncEngine::Options m_engineOptions;
    bool m_watchingNetwork = false;
    bool m_waitingForWritableCache = false; // read-only cache: no engine until the writer opens it
};

} // namespace noc
