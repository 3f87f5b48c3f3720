#include "sync_engine.h"

#include "cache/cache_reader.h"
#include "domain/tmf_codec.h"
#include "logging.h"
#include "sync/network_failure.h"
#include "sync/ops_api_client.h"
#include "sync/outbox_sender.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSignalBlocker>
#include <QUrlQuery>
#include <algorithm>

namespace noc {

namespace {
const QString kEventCollection = QStringLiteral("event");
const QString kResumeCollection = QStringLiteral("sync.initial.collection");
const QString kResumeCursor = QStringLiteral("sync.initial.cursor");
const QString kResumeSeq = QStringLiteral("sync.initial.seq");
const QString kReconcileStep = QStringLiteral("reconcile");

EpochMs nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

// Drops all but the last record per id, keeping the order of the last occurrences.
template <typename Record> void keepLatestPerId(QList<Record> &records) {
    if (records.size() < 2)
        return;
    QHash<QString, qsizetype> last;
    last.reserve(records.size());
    for (qsizetype i = 0; i < records.size(); ++i)
        last.insert(records[i].id, i);
    if (last.size() == records.size())
        return;
    QList<Record> kept;
    kept.reserve(last.size());
    for (qsizetype i = 0; i < records.size(); ++i)
        if (last.value(records[i].id) == i)
            kept.append(std::move(records[i]));
    records = std::move(kept);
}

auto log() {
    return logging::logger("sync");
}

// A server's Retry-After in milliseconds, at most a day: the header is the server's to write, and
// seconds * 1000 in an int overflows past ~24 days (a negative delay would retry at once).
int retryAfterMs(int retryAfterSeconds) {
    constexpr int kDayMs = 24 * 60 * 60 * 1000;
    return int(std::clamp<qint64>(qint64(retryAfterSeconds) * 1000, 0, kDayMs));
}
} // namespace

QString phaseName(SyncPhase phase) {
    switch (phase) {
    case SyncPhase::Offline:
        return QStringLiteral("offline");
    case SyncPhase::Connecting:
        return QStringLiteral("connecting");
    case SyncPhase::InitialSync:
        return QStringLiteral("initial sync");
    case SyncPhase::Live:
        return QStringLiteral("live");
    case SyncPhase::Reconnecting:
        return QStringLiteral("reconnecting");
    }
    return {};
}

SyncEngine::SyncEngine(const ConnectionProfile &profile, const QString &token, const QString &cachePath,
                       Submit submit, QObject *parent)
    : SyncEngine(profile, token, cachePath, std::move(submit), Options(), parent) {}

SyncEngine::SyncEngine(const ConnectionProfile &profile, const QString &token, const QString &cachePath,
                       Submit submit, const Options &options, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_token(token)
    , m_cachePath(cachePath)
    , m_submit(std::move(submit))
    , m_options(options)
    , m_retryTimer(new QTimer(this))
    , m_flushTimer(new QTimer(this))
    , m_pollTimer(new QTimer(this))
    , m_catchUpTimer(new QTimer(this)) {
    qRegisterMetaType<noc::SyncStatus>();
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &SyncEngine::connectToServer);
    m_flushTimer->setSingleShot(true);
    connect(m_flushTimer, &QTimer::timeout, this, &SyncEngine::flushEvents);
    connect(m_pollTimer, &QTimer::timeout, this, &SyncEngine::pollDeltas);
    connect(m_catchUpTimer, &QTimer::timeout, this, &SyncEngine::catchUp);
}

SyncEngine::~SyncEngine() {
    stop();
}

void SyncEngine::start() {
    if (m_running)
        return;
    QString warning;
    QString refusal = checkTransport(m_profile, &warning);
    if (refusal.isEmpty())
        refusal = TlsPolicy(m_profile).error();
    m_status.warning = warning;
    if (!refusal.isEmpty()) {
        m_status.error = refusal;
        log()->error("Not connecting to {}: {}", m_profile.serverUrl.toString().toStdString(),
                     refusal.toStdString());
        setPhase(SyncPhase::Offline);
        return;
    }
    m_reader = std::make_unique<CacheReader>();
    if (!m_reader->open(m_cachePath)) {
        m_status.error = m_reader->lastError().message;
        setPhase(SyncPhase::Offline);
        return;
    }
    // How old the cached data is comes from the cache: a console started in the basement must say
    // "as of yesterday 17:40", not "never synced", while it cannot reach the server.
    m_status.lastSuccess = m_reader->lastSuccessTimes();
    m_running = true;
    // Connecting from here on: the outbox counts below are published before connectToServer(), and
    // they must not say Offline ("never synced" in the views' headers) for that moment.
    m_status.phase = SyncPhase::Connecting;
    m_client = new OpsApiClient(m_profile, m_token, this);
    m_client->setTimeoutMs(m_options.requestTimeoutMs);
    m_stream = new EventStream(this);
    connect(m_stream, &EventStream::envelopesReceived, this, &SyncEngine::onEnvelopes);
    connect(m_stream, &EventStream::malformedFrame, this, [this](const QString &reason, int skipped) {
        m_status.framesSkipped += skipped;
        log()->warn("Skipped {} malformed event(s): {}", skipped, reason.toStdString());
    });
    connect(m_stream, &EventStream::closed, this, [this](const QString &reason) {
        flushEvents();
        // Stored as a code, put into words when shown: the close reason comes from the server or the
        // socket, and text ending in "(HTTP 503)" would otherwise read as a server's answer.
        const QString interrupted = NetworkFailure{NetworkFailure::Code::StreamInterrupted, reason}.stored();
        if (m_status.phase == SyncPhase::Live) {
            onTransientFailure(interrupted);
            return;
        }
        // The handshake was refused, and QWebSocket does not say why. A console resuming its stream
        // talks to the server first through the stream, so an expired token would otherwise mean
        // "reconnecting" forever instead of "sign in again": one HTTP request tells which it is.
        const quint64 generation = m_generation;
        m_client->get(eventsUrl(m_lastSeq, 1), [this, generation, interrupted](const ApiResponse &response) {
            if (generation != m_generation)
                return;
            if (response.status == 401)
                onAuthenticationFailed(response.storedError());
            else
                onTransientFailure(interrupted, response.retryAfterSeconds());
        });
    });
    connect(m_stream, &EventStream::opened, this, [this] {
        m_failures = 0;
        m_status.failures = 0;
        m_status.error.clear();
        m_status.offlineSinceMs = 0;
        m_status.lastContactMs = nowMs();
        setPhase(SyncPhase::Live);
        m_catchUpTimer->start(m_options.catchUpIntervalMs);
        m_sender->kick();
    });
    m_sender = new OutboxSender(m_client, m_reader.get(), m_submit, m_options.unconfirmedCreates, this);
    connect(m_sender, &OutboxSender::authenticationFailed, this, &SyncEngine::onAuthenticationFailed);
    connect(m_sender, &OutboxSender::connectionLost, this,
            [this](const QString &reason, int retryAfterSeconds) {
                onTransientFailure(reason, retryAfterSeconds);
            });
    connect(m_sender, &OutboxSender::countsChanged, this, &SyncEngine::refreshOutboxCounts);
    refreshOutboxCounts();
    connectToServer();
}

void SyncEngine::stop() {
    if (!m_running)
        return;
    flushEvents();
    m_running = false;
    ++m_generation;
    m_retryTimer->stop();
    m_pollTimer->stop();
    m_flushTimer->stop();
    m_catchUpTimer->stop();
    delete m_sender;
    m_sender = nullptr;
    delete m_stream;
    m_stream = nullptr;
    delete m_client;
    m_client = nullptr;
    m_reader.reset();
    setPhase(SyncPhase::Offline);
}

void SyncEngine::retryNow() {
    if (!m_running || m_status.phase == SyncPhase::Live || m_status.phase == SyncPhase::InitialSync)
        return;
    m_retryTimer->stop();
    connectToServer();
}

void SyncEngine::restartWithToken(const QString &token) {
    {
        // One step for the views: no "Offline" between the refused token and the new one.
        const QSignalBlocker quiet(this);
        stop();
    }
    m_token = token;
    m_failures = 0;
    m_status.failures = 0;
    m_status.authenticationFailed = false;
    m_status.error.clear();
    m_status.nextRetrySeconds = 0;
    emit tokenReplaced();
    start();
}

void SyncEngine::setPhase(SyncPhase phase) {
    if (phase != SyncPhase::Live && m_status.phase == SyncPhase::Live && !m_status.offlineSinceMs)
        m_status.offlineSinceMs = nowMs();
    m_status.phase = phase;
    publishStatus();
}

void SyncEngine::publishStatus() {
    emit statusChanged(m_status);
}

void SyncEngine::refreshOutboxCounts() {
    if (!m_reader)
        return;
    m_status.pending = m_status.failed = 0;
    for (const OutboxEntry &entry : m_reader->outbox()) {
        // Sent: a ticket created on the server whose id the console is still finding (outbox_sender.h);
        // its later changes wait for it, so it still waits too.
        if (entry.state == OutboxState::Pending || entry.state == OutboxState::Sent)
            ++m_status.pending;
        else if (entry.state == OutboxState::Failed)
            ++m_status.failed;
    }
    m_status.conflicts = m_reader->conflicts().size();
    publishStatus();
}

void SyncEngine::onCommitted(const ChangeSet &changes) {
    if (!m_running)
        return;
    // The writer works again: its error is no longer the last problem (a later one stays).
    if (!m_cacheWriteProblem.isEmpty()) {
        if (m_status.error == m_cacheWriteProblem) {
            m_status.error.clear();
            publishStatus();
        }
        m_cacheWriteProblem.clear();
    }
    if (changes.outboxChanged || changes.conflictsChanged) {
        refreshOutboxCounts();
        if (m_status.phase == SyncPhase::Live)
            m_sender->kick();
    }
}

void SyncEngine::onWriteFailed(const QString &message) {
    // The writer keeps the batch and retries; the user must know their data is not on disk yet.
    m_cacheWriteProblem = message;
    m_status.error = message;
    publishStatus();
}

// ---- connection -------------------------------------------------------------------------------

void SyncEngine::connectToServer() {
    if (!m_running)
        return;
    setPhase(m_failures > 0 ? SyncPhase::Reconnecting : SyncPhase::Connecting);
    const std::optional<SyncState> events = m_reader->syncState(kEventCollection);
    const QString resumeCollection = m_reader->metadata(kResumeCollection);
    if (!resumeCollection.isEmpty() || !events || events->streamSeq <= 0 || m_options.fullSyncOnConnect) {
        beginInitialSync(false);
        return;
    }
    // A cache that finished an initial sync before: continue the stream where it stopped. If the
    // server no longer has those events it answers ResyncRequired and we reconcile.
    m_lastSeq = events->streamSeq;
    for (Collection c : {Collection::Resources, Collection::Alarms, Collection::Tickets})
        if (const auto state = m_reader->syncState(collectionName(c)))
            m_pollHighWater[int(c)] = state->highWaterMs;
    openStream();
}

bool SyncEngine::handleFailure(const ApiResponse &response) {
    if (response.ok())
        return false;
    if (response.status == 401) {
        onAuthenticationFailed(response.storedError());
    } else if (response.isTransient()) {
        onTransientFailure(response.storedError(), response.retryAfterSeconds());
    } else {
        // A 4xx on a listing means this client and the server disagree on the API: retrying soon
        // will not help, but retrying later might (server upgrade); keep the cache as it is.
        onTransientFailure(response.storedError(), m_options.backoffCapMs / 1000);
    }
    return true;
}

void SyncEngine::onTransientFailure(const QString &reason, int retryAfterSeconds) {
    if (!m_running)
        return;
    // One lost connection is one failure. It is often reported twice: the stream closes, and the
    // outbox send that was in flight on the same connection fails too (its request is aborted below,
    // and an aborted reply answers at once, from inside abortAll()). Counting both doubled the backoff.
    // A report that arrives while the retry is already scheduled belongs to the failure that
    // scheduled it, except for the server's Retry-After, which no earlier report could know.
    if (m_retryTimer->isActive()) {
        deferRetry(retryAfterSeconds);
        return;
    }
    ++m_generation; // answers of the failed attempt are ignored from now on
    ++m_failures;
    // Exponential backoff with jitter, capped: a fleet of consoles must not hammer a recovering server.
    const double exponential = m_options.backoffBaseMs * std::pow(2.0, std::min(m_failures - 1, 16));
    const double capped = std::min<double>(exponential, m_options.backoffCapMs);
    int delayMs = int(capped * (0.5 + 0.5 * QRandomGenerator::global()->generateDouble()));
    delayMs = std::max(delayMs, retryAfterMs(retryAfterSeconds));
    m_status.error = reason;
    m_status.nextRetrySeconds = (delayMs + 999) / 1000;
    m_status.failures = m_failures;
    log()->warn("Sync interrupted ({}); retrying in {} ms",
                ApiResponse::describeStoredError(reason).toStdString(), delayMs);
    // Scheduled before the connection is torn down, so that the reports the teardown provokes find
    // the retry already there.
    m_retryTimer->start(delayMs);
    m_pollTimer->stop();
    m_catchUpTimer->stop();
    if (m_stream)
        m_stream->close();
    if (m_client)
        m_client->abortAll();
    setPhase(SyncPhase::Reconnecting);
}

void SyncEngine::deferRetry(int retryAfterSeconds) {
    const int askedMs = retryAfterMs(retryAfterSeconds);
    if (askedMs <= m_retryTimer->remainingTime())
        return;
    // The server asked us to keep away longer than the backoff planned: trying earlier only earns
    // another 429 (and a fleet of consoles doing so keeps the server down).
    m_retryTimer->start(askedMs);
    m_status.nextRetrySeconds = askedMs / 1000;
    log()->warn("The server asked to wait {} s before trying again", askedMs / 1000);
    publishStatus();
}

void SyncEngine::onAuthenticationFailed(const QString &reason) {
    ++m_generation;
    m_retryTimer->stop(); // retrying with the same token cannot help: the user signs in again
    m_pollTimer->stop();
    m_catchUpTimer->stop();
    if (m_stream)
        m_stream->close();
    m_status.authenticationFailed = true;
    m_status.error = tr("The server refused the access token (%1). Local changes are kept; "
                        "sign in again (File ▸ Sign in…) to send them.")
                         .arg(reason);
    log()->error("Authentication failed: {}", reason.toStdString());
    setPhase(SyncPhase::Offline);
}

// ---- initial sync -----------------------------------------------------------------------------

QString SyncEngine::collectionName(Collection collection) const {
    switch (collection) {
    case Collection::Resources:
        return QStringLiteral("resource");
    case Collection::Alarms:
        return QStringLiteral("alarm");
    case Collection::Tickets:
        return QStringLiteral("troubleTicket");
    }
    return {};
}

QUrl SyncEngine::collectionUrl(Collection collection) const {
    QUrl url;
    switch (collection) {
    case Collection::Resources:
        url = m_profile.resourceApi();
        break;
    case Collection::Alarms:
        url = m_profile.alarmApi();
        break;
    case Collection::Tickets:
        url = m_profile.ticketApi();
        break;
    }
    url.setPath(url.path() + QLatin1Char('/') + collectionName(collection));
    return url;
}

void SyncEngine::beginInitialSync(bool resync) {
    m_resync = resync;
    m_seenIds.clear();
    m_serverIds.clear();
    m_pendingCollections = {Collection::Resources, Collection::Alarms, Collection::Tickets};
    const QString resumeCollection = resync ? QString() : m_reader->metadata(kResumeCollection);
    QString cursor;
    bool reconcileOnly = false;
    if (resumeCollection == kReconcileStep) {
        reconcileOnly = true;
        m_syncSeq = m_reader->metadata(kResumeSeq).toLongLong();
    } else if (!resumeCollection.isEmpty()) {
        while (!m_pendingCollections.isEmpty() &&
               collectionName(m_pendingCollections.first()) != resumeCollection)
            m_pendingCollections.removeFirst();
        cursor = m_reader->metadata(kResumeCursor);
        m_syncSeq = m_reader->metadata(kResumeSeq).toLongLong();
        log()->info("Resuming the initial sync at {} after id '{}'", resumeCollection.toStdString(),
                    cursor.toStdString());
    }
    if (m_pendingCollections.isEmpty())
        m_pendingCollections = {Collection::Resources, Collection::Alarms, Collection::Tickets};
    if (reconcileOnly)
        m_pendingCollections = {Collection(-1)};
    const bool resumed = !resumeCollection.isEmpty();
    setPhase(SyncPhase::InitialSync);

    // Capture the event sequence before listing: every change after this point reaches us as an
    // event, so records that change while we page are repaired by the stream.
    const quint64 generation = m_generation;
    QUrl eventsUrl = m_profile.eventApi();
    eventsUrl.setPath(eventsUrl.path() + QStringLiteral("/events"));
    eventsUrl.setQuery(QStringLiteral("since=0&limit=1"));
    m_client->get(eventsUrl, [this, generation, resumed, cursor](const ApiResponse &response) {
        if (generation != m_generation)
            return;
        if (response.status == 404) {
            m_syncSeq = -1; // no event channel: live by polling
        } else if (handleFailure(response)) {
            return;
        } else if (!resumed || m_syncSeq <= 0) {
            bool ok = false;
            const qint64 latest = response.headers.value("x-latest-seq").toLongLong(&ok);
            if (ok) {
                m_syncSeq = latest;
            } else {
                // Without the header the envelope of ResyncRequired or the last event tells it.
                const QJsonDocument doc = QJsonDocument::fromJson(response.body);
                const QJsonArray items = doc.isArray() ? doc.array() : QJsonArray{doc.object()};
                qint64 seq = 0;
                for (const QJsonValue &item : items)
                    seq = std::max({seq, qint64(item[QLatin1String("latestSeq")].toDouble()),
                                    qint64(item[QLatin1String("seq")].toDouble())});
                m_syncSeq = seq;
            }
        }
        m_status.lastContactMs = nowMs();
        m_current = m_pendingCollections.takeFirst();
        m_offset = 0;
        m_status.progressDone = 0;
        m_status.progressTotal = 0;
        m_status.progressCollection = collectionName(m_current);
        m_status.lastSuccess.remove(QString());
        // The cursor is stored as the last id listed; listing is ordered by id (keyset paging, stable
        // while records are added or removed, unlike offsets).
        m_cursor = cursor;
        m_resumed = resumed;
        if (m_current == Collection(-1)) {
            beginReconcile();
            return;
        }
        fetchPage();
    });
}

void SyncEngine::fetchPage() {
    QUrl url = collectionUrl(m_current);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("sort"), QStringLiteral("id"));
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_options.pageSize));
    const QString cursor = m_cursor;
    if (!cursor.isEmpty())
        query.addQueryItem(QStringLiteral("id.gt"), cursor);
    url.setQuery(query);
    const quint64 generation = m_generation;
    m_client->get(url, [this, generation](const ApiResponse &response) {
        if (generation == m_generation)
            onPage(response);
    });
}

void SyncEngine::decodeInto(Collection collection, const QJsonArray &items, CacheBatch &batch,
                            QSet<QString> *seen) {
    for (const QJsonValue &value : items) {
        const QJsonObject json = value.toObject();
        QString error;
        QString id;
        switch (collection) {
        case Collection::Alarms:
            if (auto alarm = tmf::decodeAlarm(json, &error)) {
                id = alarm->id;
                batch.alarms.append(std::move(*alarm));
            }
            break;
        case Collection::Tickets:
            if (auto ticket = tmf::decodeTicket(json, &error)) {
                id = ticket->id;
                batch.tickets.append(std::move(*ticket));
            }
            break;
        case Collection::Resources:
            switch (tmf::resourceKind(json)) {
            case tmf::ResourceKind::Site:
                if (auto site = tmf::decodeSite(json, &error)) {
                    id = site->id;
                    batch.sites.append(std::move(*site));
                }
                break;
            case tmf::ResourceKind::Link:
                if (auto link = tmf::decodeLink(json, &error)) {
                    id = link->id;
                    batch.links.append(std::move(*link));
                }
                break;
            case tmf::ResourceKind::Element:
            case tmf::ResourceKind::Unknown:
                if (auto element = tmf::decodeElement(json, &error)) {
                    id = element->id;
                    batch.elements.append(std::move(*element));
                }
                break;
            }
            break;
        }
        if (id.isEmpty()) {
            ++m_status.recordsRejected;
            log()->warn("Skipped a {} record: {}", collectionName(collection).toStdString(),
                        error.toStdString());
        } else if (seen) {
            seen->insert(id);
        }
    }
}

void SyncEngine::onPage(const ApiResponse &response) {
    if (handleFailure(response))
        return;
    m_status.lastContactMs = nowMs();
    // simdjson straight into records, with the decoders REST and the stream share (event_frame.h).
    const RecordPage page = m_pageParser.parsePage(response.body, targetOf(m_current));
    if (!page.ok) {
        // A malformed page is retried like a dropped connection; the cursor has not moved.
        ++m_status.recordsRejected;
        onTransientFailure(tr("The server sent a malformed %1 page.").arg(collectionName(m_current)));
        return;
    }
    CacheBatch batch;
    QSet<QString> &seen = m_seenIds[int(m_current)];
    for (const RecordPage::Item &item : page.items) {
        const QString id = appendRecord(item.record, batch);
        if (id.isEmpty())
            rejectRecord(m_current, item.rejection);
        else
            seen.insert(id);
    }
    const QString &lastId = page.lastId;
    const qsizetype pageSize = page.items.size();
    m_status.progressDone += pageSize;
    m_status.progressTotal =
        std::max(m_status.progressDone, response.headers.value("x-total-count").toLongLong());
    const bool lastPage = pageSize < m_options.pageSize || lastId.isEmpty();
    // Progress is stored with the page it describes, so an interrupted sync resumes exactly here.
    // After a collection's last page, the resume point is the start of the next one (or the
    // reconcile step when none is left).
    const QString next =
        m_pendingCollections.isEmpty() ? kReconcileStep : collectionName(m_pendingCollections.first());
    batch.metadata.insert(kResumeCollection, lastPage ? next : collectionName(m_current));
    batch.metadata.insert(kResumeCursor, lastPage ? QString() : lastId);
    batch.metadata.insert(kResumeSeq, QString::number(m_syncSeq));
    if (lastPage) {
        SyncState state;
        if (auto existing = m_reader->syncState(collectionName(m_current)))
            state = *existing;
        state.collection = collectionName(m_current);
        state.lastSuccessMs = nowMs();
        state.highWaterMs = nowMs();
        m_pollHighWater[int(m_current)] = state.highWaterMs;
        batch.syncStates.append(state);
        m_status.lastSuccess.insert(state.collection, state.lastSuccessMs);
    }
    m_submit(batch);
    publishStatus();

    if (!lastPage) {
        m_cursor = lastId;
        fetchPage();
        return;
    }
    if (!m_pendingCollections.isEmpty()) {
        m_current = m_pendingCollections.takeFirst();
        m_status.progressCollection = collectionName(m_current);
        m_status.progressDone = 0;
        m_status.progressTotal = 0;
        m_cursor.clear();
        fetchPage();
        return;
    }
    beginReconcile();
}

// After listing everything: rows the server no longer has are removed. A listing that ran in one
// go knows every id it saw; a resumed one lists the ids again (cheap: fields=id).
void SyncEngine::beginReconcile() {
    if (!m_resumed) {
        m_serverIds = m_seenIds;
        finishInitialSync();
        return;
    }
    m_serverIds.clear();
    m_pendingCollections = {Collection::Resources, Collection::Alarms, Collection::Tickets};
    m_current = m_pendingCollections.takeFirst();
    m_cursor.clear();
    fetchIdPage();
}

void SyncEngine::fetchIdPage() {
    QUrl url = collectionUrl(m_current);
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("fields"),
                       m_current == Collection::Resources
                           ? QStringLiteral("id,category,@type,resourceRelationship")
                           : QStringLiteral("id"));
    query.addQueryItem(QStringLiteral("sort"), QStringLiteral("id"));
    query.addQueryItem(QStringLiteral("limit"), QString::number(m_options.idPageSize));
    const QString cursor = m_cursor;
    if (!cursor.isEmpty())
        query.addQueryItem(QStringLiteral("id.gt"), cursor);
    url.setQuery(query);
    const quint64 generation = m_generation;
    m_client->get(url, [this, generation](const ApiResponse &response) {
        if (generation != m_generation || handleFailure(response))
            return;
        const QJsonDocument doc = QJsonDocument::fromJson(response.body);
        if (!doc.isArray()) {
            // Never read a garbled page as "no more ids": the reconcile would delete real rows.
            onTransientFailure(tr("The server sent a malformed %1 id list.").arg(collectionName(m_current)));
            return;
        }
        const QJsonArray items = doc.array();
        QString lastId;
        for (const QJsonValue &value : items) {
            const QJsonValue id = value.toObject().value(QLatin1String("id"));
            lastId = id.isString() ? id.toString() : QString::number(id.toDouble(), 'f', 0);
            m_serverIds[int(m_current)].insert(lastId);
        }
        if (items.size() >= m_options.idPageSize && !lastId.isEmpty()) {
            m_cursor = lastId;
            fetchIdPage();
        } else if (!m_pendingCollections.isEmpty()) {
            m_current = m_pendingCollections.takeFirst();
            m_cursor.clear();
            fetchIdPage();
        } else {
            finishInitialSync();
        }
    });
}

void SyncEngine::finishInitialSync() {
    CacheBatch batch;
    // Resource ids cover sites, elements and links alike; an id of another kind is simply absent
    // from that kind's table, so one keep-set serves all three.
    const QSet<QString> resources = m_serverIds.value(int(Collection::Resources));
    batch.replaceAll.append({EntityKind::Site, resources});
    batch.replaceAll.append({EntityKind::Element, resources});
    batch.replaceAll.append({EntityKind::Link, resources});
    batch.replaceAll.append({EntityKind::Alarm, m_serverIds.value(int(Collection::Alarms))});
    batch.replaceAll.append({EntityKind::Ticket, m_serverIds.value(int(Collection::Tickets))});
    batch.metadata.insert(kResumeCollection, QString());
    batch.metadata.insert(kResumeCursor, QString());
    batch.metadata.insert(kResumeSeq, QString());
    SyncState events;
    if (auto existing = m_reader->syncState(kEventCollection))
        events = *existing;
    events.collection = kEventCollection;
    events.streamSeq = std::max<qint64>(m_syncSeq, 0);
    events.lastFullSyncMs = nowMs();
    events.lastSuccessMs = nowMs();
    batch.syncStates.append(events);
    m_submit(batch);
    m_seenIds.clear();
    m_serverIds.clear();
    m_status.progressCollection.clear();
    log()->info("Initial sync {} complete; continuing from event {}", m_resync ? "(reconcile)" : "",
                m_syncSeq);
    emit initialSyncCompleted();
    m_lastSeq = std::max<qint64>(m_syncSeq, 0);
    if (m_syncSeq < 0) {
        // No event channel on this server: poll the deltas of the profile.
        m_status.polling = true;
        m_failures = 0;
        m_status.failures = 0;
        m_status.error.clear();
        m_status.offlineSinceMs = 0;
        setPhase(SyncPhase::Live);
        m_pollTimer->start(m_options.pollIntervalMs);
        m_sender->kick();
        return;
    }
    openStream();
}

// ---- live -------------------------------------------------------------------------------------

void SyncEngine::openStream() {
    QUrl url = m_profile.eventApi();
    url.setPath(url.path() + QStringLiteral("/stream"));
    m_stream->open(url, m_lastSeq, m_token, m_client->tls());
}

void SyncEngine::onEnvelopes(const QList<EventEnvelope> &envelopes) {
    m_status.lastContactMs = nowMs();
    for (const EventEnvelope &envelope : envelopes) {
        if (envelope.eventType == QLatin1String("ResyncRequired")) {
            log()->warn("The server no longer has events after {}: full reconcile", m_lastSeq);
            flushEvents();
            m_stream->close();
            beginInitialSync(true);
            return;
        }
        if (envelope.seq <= m_lastSeq)
            continue; // a duplicate delivery
        if (envelope.seq != m_lastSeq + 1) {
            log()->warn("Gap in the event sequence ({} after {}): full reconcile", envelope.seq, m_lastSeq);
            flushEvents();
            m_stream->close();
            beginInitialSync(true);
            return;
        }
        m_lastSeq = envelope.seq;
        ++m_eventBatchCount;
        applyEnvelope(envelope);
    }
    if (m_eventBatchCount >= m_options.eventFlushCount)
        flushEvents();
    else if (!m_flushTimer->isActive())
        m_flushTimer->start(m_options.eventFlushMs);
}

void SyncEngine::applyEnvelope(const EventEnvelope &envelope) {
    using Target = EventEnvelope::Target;
    if (envelope.target == Target::None) {
        log()->debug("Ignoring event type {}", envelope.eventType.toStdString());
        return;
    }
    if (envelope.isDelete) {
        switch (envelope.target) {
        case Target::Alarm:
            m_eventBatch.removedAlarmIds.append(envelope.recordId);
            break;
        case Target::Ticket:
            m_eventBatch.removedTicketIds.append(envelope.recordId);
            break;
        case Target::Resource:
            m_eventBatch.removedSiteIds.append(envelope.recordId);
            m_eventBatch.removedElementIds.append(envelope.recordId);
            m_eventBatch.removedLinkIds.append(envelope.recordId);
            break;
        case Target::None:
            break;
        }
        return;
    }
    // The stream's parser decoded the record already (event_frame.h), with the REST pages' decoders.
    if (appendRecord(envelope.record, m_eventBatch).isEmpty())
        rejectRecord(envelope.target == Target::Alarm    ? Collection::Alarms
                     : envelope.target == Target::Ticket ? Collection::Tickets
                                                         : Collection::Resources,
                     envelope.rejection);
}

QString SyncEngine::appendRecord(const EventEnvelope::Record &record, CacheBatch &batch) {
    QString id;
    if (const auto *alarm = std::get_if<Alarm>(&record)) {
        id = alarm->id;
        batch.alarms.append(*alarm);
    } else if (const auto *ticket = std::get_if<TroubleTicket>(&record)) {
        id = ticket->id;
        batch.tickets.append(*ticket);
    } else if (const auto *element = std::get_if<NetworkElement>(&record)) {
        id = element->id;
        batch.elements.append(*element);
    } else if (const auto *site = std::get_if<Site>(&record)) {
        id = site->id;
        batch.sites.append(*site);
    } else if (const auto *link = std::get_if<Link>(&record)) {
        id = link->id;
        batch.links.append(*link);
    }
    return id;
}

EventEnvelope::Target SyncEngine::targetOf(Collection collection) {
    switch (collection) {
    case Collection::Alarms:
        return EventEnvelope::Target::Alarm;
    case Collection::Tickets:
        return EventEnvelope::Target::Ticket;
    case Collection::Resources:
        break;
    }
    return EventEnvelope::Target::Resource;
}

void SyncEngine::rejectRecord(Collection collection, const QString &reason) {
    ++m_status.recordsRejected;
    log()->warn("Skipped a {} record: {}", collectionName(collection).toStdString(), reason.toStdString());
}

QUrl SyncEngine::eventsUrl(qint64 since, int limit) const {
    QUrl url = m_profile.eventApi();
    url.setPath(url.path() + QStringLiteral("/events"));
    url.setQuery(QStringLiteral("since=%1&limit=%2").arg(since).arg(limit));
    return url;
}

void SyncEngine::catchUp() {
    if (!m_stream || !m_stream->isOpen())
        return;
    m_sender->retryLookups(); // tickets created on the server whose id is not known yet
    const quint64 generation = m_generation;
    m_client->get(
        eventsUrl(m_lastSeq, m_options.eventFlushCount), [this, generation](const ApiResponse &response) {
            if (generation != m_generation)
                return;
            // A revoked or expired token: the open stream may go on (it was checked at the handshake),
            // but the user must sign in again before their next action is refused.
            if (response.status == 401) {
                onAuthenticationFailed(response.storedError());
                return;
            }
            // Any other failed check is not a failed stream: the stream reports its own end.
            if (!response.ok())
                return;
            int skipped = 0;
            QString error;
            const QList<EventEnvelope> envelopes = m_catchUpParser.parse(response.body, &skipped, &error);
            // Envelopes the stream already delivered are skipped by seq; a missing one shows as a gap.
            if (!envelopes.isEmpty() && m_stream && m_stream->isOpen())
                onEnvelopes(envelopes);
        });
}

void SyncEngine::flushEvents() {
    m_flushTimer->stop();
    if (m_eventBatchCount == 0 || !m_reader)
        return;
    // The sequence number travels with the events it covers: after a crash the stream resumes
    // exactly after the last batch that reached the disk.
    SyncState events;
    events.collection = kEventCollection;
    if (auto existing = m_reader->syncState(kEventCollection))
        events = *existing;
    events.collection = kEventCollection;
    events.streamSeq = m_lastSeq;
    events.lastSuccessMs = nowMs();
    m_eventBatch.syncStates.append(events);
    // A storm changes the same alarms again and again: only the newest state of each needs writing.
    keepLatestPerId(m_eventBatch.alarms);
    keepLatestPerId(m_eventBatch.tickets);
    keepLatestPerId(m_eventBatch.elements);
    m_status.eventsApplied += m_eventBatchCount;
    m_status.lastSuccess.insert(kEventCollection, events.lastSuccessMs);
    m_submit(m_eventBatch);
    m_eventBatch = CacheBatch();
    m_eventBatchCount = 0;
    publishStatus();
}

void SyncEngine::pollDeltas() {
    m_sender->retryLookups(); // as catchUp() does while the stream is open
    // Deltas of the profile: changed since the high-water mark minus a skew; duplicates are harmless
    // (upserts). Deletions are caught by the periodic reconcile.
    struct Delta {
        Collection collection;
        const char *attribute;
    };
    for (const Delta &delta :
         {Delta{Collection::Resources, "lastUpdate.gte"}, Delta{Collection::Alarms, "alarmChangedTime.gte"},
          Delta{Collection::Tickets, "lastUpdate.gte"}}) {
        QUrl url = collectionUrl(delta.collection);
        QUrlQuery query;
        const EpochMs since =
            std::max<EpochMs>(0, m_pollHighWater[int(delta.collection)] - m_options.deltaSkewMs);
        query.addQueryItem(QLatin1String(delta.attribute), tmf::formatTime(since));
        query.addQueryItem(QStringLiteral("limit"), QString::number(m_options.idPageSize));
        url.setQuery(query);
        const quint64 generation = m_generation;
        const EpochMs started = nowMs();
        const Collection collection = delta.collection;
        m_client->get(url, [this, generation, started, collection](const ApiResponse &response) {
            if (generation != m_generation || handleFailure(response))
                return;
            const QJsonDocument doc = QJsonDocument::fromJson(response.body);
            if (!doc.isArray()) {
                ++m_status.recordsRejected; // the next poll asks again from the same high-water mark
                return;
            }
            CacheBatch batch;
            decodeInto(collection, doc.array(), batch, nullptr);
            SyncState state;
            if (auto existing = m_reader->syncState(collectionName(collection)))
                state = *existing;
            state.collection = collectionName(collection);
            state.highWaterMs = started;
            state.lastSuccessMs = nowMs();
            batch.syncStates.append(state);
            m_pollHighWater[int(collection)] = started;
            m_status.lastContactMs = nowMs();
            m_status.lastSuccess.insert(state.collection, state.lastSuccessMs);
            m_submit(batch);
            publishStatus();
        });
    }
}

} // namespace noc
