#pragma once

#include "cache/cache_records.h"
#include "topology/topology_graph.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

struct sqlite3;

// The map's own read-only queries on the cache file (the CacheReader has no per-element alarm
// roll-up): worst active severity per element and whether it has an active linkDown/lossOfSignal
// alarm. Own sqlite3 connection, bound parameters only. One thread at a time (the worker pool).
namespace noc {

// Everything the map needs from the cache, read in one go on a worker thread.
struct TopologySnapshot {
    QList<Site> sites;
    QList<NetworkElement> elements;
    QList<Link> links;
    QHash<QString, ElementStatus> status; // only elements with active alarms
    QList<MapPosition> positions;         // saved for the requested map view
    EpochMs dataAsOfMs = 0;               // newest successful sync of any collection, 0 = never
    QString error;                        // non-empty when the cache could not be read
};

class TopologyQueries {
public:
    TopologyQueries() = default;
    ~TopologyQueries();
    TopologyQueries(const TopologyQueries &) = delete;
    TopologyQueries &operator=(const TopologyQueries &) = delete;

    bool open(const QString &path);
    void close();
    QString lastError() const { return m_error; }

    // All elements with an active alarm.
    QHash<QString, ElementStatus> activeStatus();
    // The given elements, each present in the result (no active alarm = default ElementStatus).
    QHash<QString, ElementStatus> statusOf(const QStringList &elementIds);
    // Alarmed object ids of the given alarms (the elements an alarm ChangeSet touches).
    QStringList alarmedObjects(const QStringList &alarmIds);

    // Reads inventory (through CacheReader), positions of `mapViewId`, alarm status and freshness.
    static TopologySnapshot loadSnapshot(const QString &path, const QString &mapViewId);

    // The current rows of the given changed inventory ids: a row still in the cache is an upsert,
    // a row gone is a removal (so replaying the same ids twice gives the same graph).
    static std::optional<InventoryChanges> readInventoryChanges(const QString &path,
                                                                const QStringList &siteIds,
                                                                const QStringList &elementIds,
                                                                const QStringList &linkIds, QString *error);

private:
    QHash<QString, ElementStatus> runStatusQuery(const char *sql, const QByteArray *jsonIds);

    sqlite3 *m_db = nullptr;
    QString m_error;
};

} // namespace noc
