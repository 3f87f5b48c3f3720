#pragma once

#include "cache/cache_error.h"
#include "cache/cache_records.h"
#include "cache/outbox_entry.h"
#include "domain/types.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

namespace noc {

// Which alarms a list shows. Empty / unset members do not filter.
struct AlarmFilter {
    bool activeOnly = true;     // false: cleared alarms too, listed after the active ones
    QList<Severity> severities; // any of these
    std::optional<AlarmState> state;
    std::optional<AckState> ack;
    QString elementId;       // alarmed object id
    QString siteId;          // alarms of elements installed at this site
    QString region;          // alarms of elements at sites of this region
    EpochMs changedFrom = 0; // alarmChangedTime >= this (0 = open)
    EpochMs changedTo = 0;   // alarmChangedTime <= this (0 = open)
};

// Position after the last row of a page. Order: active first, severity worst first, newest
// alarmChangedTime first, then newest row. Opaque to callers: pass back what a page returned.
struct AlarmCursor {
    bool active = true;
    int severityCode = 0;
    EpochMs changedMs = 0;
    qint64 rowId = 0;

    friend bool operator==(const AlarmCursor &, const AlarmCursor &) = default;
};

struct AlarmPage {
    QList<Alarm> alarms;
    QSet<QString> pendingIds;        // ids in `alarms` with a local unconfirmed change
    std::optional<AlarmCursor> next; // set when there may be more rows
};

struct SeverityCount {
    Severity severity = Severity::Indeterminate;
    qint64 total = 0;
    qint64 unacknowledged = 0;
};

struct TicketFilter {
    QList<TicketStatus> statuses; // any of these
    QString assigneeId;           // relatedParty with role "assignee"
    QString relatedEntityId;      // tickets about this alarm / element
    bool pendingOnly = false;
};

// A read connection to a cache file. Use it on one thread at a time; open one per thread that reads
// (GUI models, worker pool). Queries that fail return empty results and set lastError().
class CacheReader {
public:
    CacheReader();
    ~CacheReader();
    CacheReader(const CacheReader &) = delete;
    CacheReader &operator=(const CacheReader &) = delete;

    bool open(const QString &path);
    void close();
    bool isOpen() const;
    const CacheError &lastError() const;

    // --- alarms
    // Keyset pagination (never OFFSET): pass the previous page's `next` to continue.
    AlarmPage alarmPage(const AlarmFilter &filter, int limit, const std::optional<AlarmCursor> &after = {});
    // Active alarms per severity (worst first), total and unacknowledged. O(1): kept by triggers.
    QList<SeverityCount> activeSeverityCounts();
    qint64 alarmCount(bool activeOnly = true);
    std::optional<Alarm> alarm(const QString &id);
    // The alarms with these row ids (AlarmKey::aid), in the order asked; ids no longer in the cache
    // are left out. One primary-key lookup each: for worker threads when there are many.
    QList<Alarm> alarmsByAid(const std::vector<qint64> &aids);
    bool isAlarmPending(const QString &id);
    QStringList pendingAlarmIds();
    // Alarms that name `alarmId` as their parent (children of a root cause) or as correlated.
    QStringList childAlarmIds(const QString &alarmId);
    QStringList correlatedAlarmIds(const QString &alarmId);
    // Free text over probable cause, specific problem, alarmed object id, and the alarmed element's
    // name. Words are ANDed, each a prefix ("link dow" finds "Link down"). Ordered like the list.
    QList<Alarm> searchAlarms(const QString &text, int limit = 200);

    // --- inventory (the map loads everything)
    std::optional<NetworkElement> element(const QString &id);
    std::optional<Site> site(const QString &id);
    std::optional<Link> link(const QString &id);
    QList<NetworkElement> elements();
    QList<Site> sites();
    QList<Link> links();
    QList<NetworkElement> searchElements(const QString &text, int limit = 200);
    QList<MapPosition> mapPositions(const QString &mapViewId);

    // --- tickets
    std::optional<TroubleTicket> ticket(const QString &id);
    // Newest lastUpdate first; limit < 0 = all. withDetails=false skips notes/history/parties/entities.
    QList<TroubleTicket> tickets(const TicketFilter &filter = {}, int limit = -1, bool withDetails = true);
    bool isTicketPending(const QString &id);

    // --- sync bookkeeping
    QList<OutboxEntry> outbox();                                                      // all, in send order
    QList<OutboxEntry> outboxFor(const QString &targetKind, const QString &targetId); // in send order
    QList<OutboxEntry> outboxInState(OutboxState state); // in send order (the few failed ones)
    QList<ConflictRecord> conflicts();                   // oldest first
    std::optional<SyncState> syncState(const QString &collection);
    QList<SyncState> syncStates();
    // Collection -> when it last synced successfully (collections never synced are left out): how
    // old the cached data is, for the status before the server has answered.
    QHash<QString, EpochMs> lastSuccessTimes();
    QString metadata(const QString &key); // null QString when absent
    int schemaVersion();

    // EXPLAIN QUERY PLAN of the statement alarmPage would run for `filter` (tests check that an index
    // serves each view).
    QString alarmPagePlan(const AlarmFilter &filter);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace noc
