#pragma once

#include "cache/cache_batch.h"
#include "cache/change_set.h"
#include "sync/connection_profile.h"
#include "sync/event_stream.h"
#include "sync/sync_status.h"
#include "sync/unconfirmed_creates.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <functional>
#include <memory>

namespace noc {

class CacheReader;
class OpsApiClient;
class OutboxSender;

// Keeps one cache in step with one operations server: initial sync (paged, resumable), then live
// events over the WebSocket stream (or polling the deltas when the server has none), with
// reconnection and full reconciles on ResyncRequired or a gap in seq. Also drives the outbox sender.
// Lives on the sync thread. Writes go through `submit` (the cache writer worker's enqueue); the
// engine reads the cache through its own CacheReader connection.
class SyncEngine : public QObject {
    Q_OBJECT
public:
    using Submit = std::function<void(const CacheBatch &)>;

    struct Options {
        int pageSize = 1000;
        int idPageSize = 10000;
        // Events are written in batches at most this often, or when eventFlushCount are waiting. Each
        // batch is one cache transaction, and every commit rewrites the same hot pages (the tails of the
        // table and list index, the counts, a new FTS segment) to the WAL: at 50 ms a 25,000/s storm on
        // a million-alarm cache made ~20 small commits a second and the writer spent most of its time
        // in pwrite(). A quarter of a second is still well inside what a person sees as "live".
        int eventFlushMs = 250;
        int eventFlushCount = 10000;
        int backoffBaseMs = 1000;
        int backoffCapMs = 60000;
        int pollIntervalMs = 5000; // servers without an event stream
        int requestTimeoutMs = 30000;
        qint64 deltaSkewMs = 5000; // delta queries start this far before the high-water mark
        // List everything on connect even when the cache could resume the stream (`sync --once`
        // promises a cache that is complete as of now, not as of the last event received).
        bool fullSyncOnConnect = false;
        // While live, also ask /events over HTTP this often: a frame lost at the very end of a burst
        // (malformed, dropped) leaves no later seq to reveal the gap, so the cache would stay behind.
        int catchUpIntervalMs = 15000;
        // How long a ticket create answered without the ticket is looked for before it is posted
        // again or given up (its lookups come with the catch-ups above).
        UnconfirmedCreates::Patience unconfirmedCreates;
    };

    SyncEngine(const ConnectionProfile &profile, const QString &token, const QString &cachePath,
               Submit submit, QObject *parent = nullptr);
    SyncEngine(const ConnectionProfile &profile, const QString &token, const QString &cachePath,
               Submit submit, const Options &options, QObject *parent = nullptr);
    ~SyncEngine() override;

    const SyncStatus &status() const { return m_status; }

public slots:
    void start();
    void stop();
    // Retry now (the network came back, or the user asked).
    void retryNow();
    // Signing in again: the connection of the old token ends and a new one starts with `token`. The
    // outbox is in the cache and goes out with it. Emits tokenReplaced() between the two.
    void restartWithToken(const QString &token);
    // The cache writer committed: the outbox or sync state may have changed.
    void onCommitted(const noc::ChangeSet &changes);
    void onWriteFailed(const QString &message);

signals:
    void statusChanged(const noc::SyncStatus &status);
    // The first complete initial sync (or reconcile) of this run has been handed to the writer.
    void initialSyncCompleted();
    // restartWithToken(): every status from here on is of the new token.
    void tokenReplaced();

private:
    enum class Collection { Resources, Alarms, Tickets };
    struct Listing;

    void setPhase(SyncPhase phase);
    void publishStatus();
    void connectToServer();
    void beginInitialSync(bool resync);
    void fetchPage();
    void onPage(const struct ApiResponse &response);
    void beginReconcile();
    void fetchIdPage();
    void finishInitialSync();
    void openStream();
    void onEnvelopes(const QList<EventEnvelope> &envelopes);
    void applyEnvelope(const EventEnvelope &envelope);
    // Appends a decoded record to `batch`; its id, or empty for a record that did not decode.
    static QString appendRecord(const EventEnvelope::Record &record, CacheBatch &batch);
    void rejectRecord(Collection collection, const QString &reason); // counted and logged
    static EventEnvelope::Target targetOf(Collection collection);
    void flushEvents();
    void pollDeltas();
    void catchUp();
    QUrl eventsUrl(qint64 since, int limit) const;
    void onTransientFailure(const QString &reason, int retryAfterSeconds = 0);
    // A later report of the failure already scheduled for: only its Retry-After still counts.
    void deferRetry(int retryAfterSeconds);
    // reason: the server's words and status (ApiResponse::storedError()), inside a translated sentence.
    void onAuthenticationFailed(const QString &reason);
    bool handleFailure(const struct ApiResponse &response);
    QUrl collectionUrl(Collection collection) const;
    QString collectionName(Collection collection) const;
    void decodeInto(Collection collection, const QJsonArray &items, CacheBatch &batch, QSet<QString> *seen);
    void refreshOutboxCounts();

    ConnectionProfile m_profile;
    QString m_token;
    QString m_cachePath;
    Submit m_submit;
    Options m_options;
    // The cache writer's error while it lasts: cleared from m_status.error by its next commit.
    QString m_cacheWriteProblem;
    SyncStatus m_status;
    std::unique_ptr<CacheReader> m_reader;
    OpsApiClient *m_client = nullptr;
    EventStream *m_stream = nullptr;
    EventFrameParser m_catchUpParser; // pages of /events read while the stream is open
    EventFrameParser m_pageParser;    // list pages of the initial sync
    OutboxSender *m_sender = nullptr;
    // Children, so they move to the sync thread with the engine.
    QTimer *m_retryTimer;
    QTimer *m_flushTimer;
    QTimer *m_pollTimer;
    QTimer *m_catchUpTimer;
    int m_failures = 0;
    quint64 m_generation = 0; // bumps on stop/restart so late answers of an old attempt are ignored
    bool m_running = false;

    // initial sync / reconcile
    QList<Collection> m_pendingCollections;
    Collection m_current = Collection::Resources;
    qint64 m_offset = 0;
    qint64 m_syncSeq = 0;                // event seq captured before listing; the stream resumes after it
    QHash<int, QSet<QString>> m_seenIds; // per Collection: ids listed during this sync
    QHash<int, QSet<QString>> m_serverIds;
    bool m_resync = false;
    bool m_resumed = false; // this run continued an interrupted initial sync
    QString m_cursor;       // keyset paging: the last id listed

    // live
    qint64 m_lastSeq = 0;
    CacheBatch m_eventBatch;
    qint64 m_eventBatchCount = 0;
    EpochMs m_pollHighWater[3] = {0, 0, 0};
};

} // namespace noc
