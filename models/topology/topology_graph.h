#pragma once

#include "domain/types.h"

#include <QHash>
#include <QList>
#include <QMultiHash>
#include <QString>
#include <QStringList>
#include <array>
#include <vector>

// The map's graph: elements (nodes), sites (groups) and links (edges), indexed by position so that
// layouts and the scene work on ints and flat arrays instead of string lookups. Built from whatever
// inventory the cache holds; imperfect inventory is normal and is recorded, never fatal.
//
// Indices are stable for the life of a graph and its copies: inventory changes (apply()) append new
// entries and leave removed ones in place as tombstones (`removed`), so the map's items, which keep
// only an index, survive every change that does not concern them.
namespace noc {

struct TopologyNode {
    QString id;
    QString name;
    QString mgmtIp;
    QString siteId; // as given by the inventory (may name a site that is not known)
    ElementCategory category = ElementCategory::Other;
    NetworkLayer layer = NetworkLayer::Unknown;
    int site = -1;             // index into sites(); elements without a (known) site go to the synthetic site
    bool outOfService = false; // operationalState disable/down: drawn faded with an "off" mark
    bool removed = false;
};

struct TopologySite {
    QString id; // empty for the synthetic "elements without a site" group
    QString name;
    QString region;
    double latitude = 0;
    double longitude = 0;
    bool hasCoordinates = false;
    bool synthetic = false;
    bool removed = false;
    int region_index = -1;
    std::vector<int> elements; // live elements only
};

struct TopologyEdge {
    QString id;
    int a = -1;
    int b = -1;
    double capacityBps = 0;
    double utilization = 0;
    bool operDown = false; // the link's own operationalState says disable/down
    bool removed = false;
    int siteAggregate = -1;   // the folded site-to-site link it belongs to (-1: both ends at one site)
    int regionAggregate = -1; // the folded region-to-region link (-1: both ends in one region)
};

// Links between two sites (or two regions) folded into one for the zoomed-out levels. An aggregate
// whose links all went away stays (empty) so that indices remain stable.
struct TopologyAggregate {
    int a = -1, b = -1; // sites or regions, a < b
    double capacityBps = 0;
    double maxUtilization = 0;
    std::vector<int> edges;
};

// What could not be used as given. Everything listed here is still drawn where possible (elements
// without a site join a synthetic group, sites without coordinates are placed beside the map); only
// links with an unknown end and duplicate ids are left out of the graph.
struct SkippedInventory {
    QStringList linksWithUnknownEnd; // link ids
    QStringList selfLinks;           // link ids whose two ends are the same element
    QStringList elementsWithoutSite; // element ids (no siteId, or a siteId not in the inventory)
    QStringList sitesWithoutCoordinates;
    QStringList duplicateIds; // element/site/link ids seen twice (the first one wins)

    qsizetype total() const {
        return linksWithUnknownEnd.size() + selfLinks.size() + elementsWithoutSite.size() +
               sitesWithoutCoordinates.size() + duplicateIds.size();
    }
};

// Inventory rows that changed: upserts (inserted or updated, as read back from the cache) and removals.
struct InventoryChanges {
    QList<Site> sites;
    QList<NetworkElement> elements;
    QList<Link> links;
    QStringList removedSites;
    QStringList removedElements;
    QStringList removedLinks;

    bool isEmpty() const {
        return sites.isEmpty() && elements.isEmpty() && links.isEmpty() && removedSites.isEmpty() &&
               removedElements.isEmpty() && removedLinks.isEmpty();
    }
};

// What apply() did, by index, so the map can touch exactly those items.
struct GraphDelta {
    std::vector<int> nodesAdded, nodesRemoved,
        nodesChanged;              // changed: name, IP, category, layer or service state
    std::vector<int> nodesResited; // moved to another site
    std::vector<int> edgesAdded, edgesRemoved, edgesChanged; // changed: capacity, use, state or ends
    std::vector<int> sitesAdded, sitesRemoved, sitesChanged; // changed: name, region or coordinates
    std::vector<int> sitesTouched;   // sites whose element list changed (old and new sites)
    std::vector<int> siteAggregates; // added or changed (index >= the old count = new)
    std::vector<int> regionAggregates;
    int regionsBefore = 0; // regions with an index >= this are new
    bool skippedChanged = false;

    bool isEmpty() const {
        return nodesAdded.empty() && nodesRemoved.empty() && nodesChanged.empty() && nodesResited.empty() &&
               edgesAdded.empty() && edgesRemoved.empty() && edgesChanged.empty() && sitesAdded.empty() &&
               sitesRemoved.empty() && sitesChanged.empty() && !skippedChanged;
    }
};

class TopologyGraph {
public:
    static TopologyGraph build(const QList<Site> &sites, const QList<NetworkElement> &elements,
                               const QList<Link> &links);

    // Applies changed inventory in place: new ids are appended, removed ones become tombstones,
    // everything else keeps its index. Upserting an unchanged row changes nothing. Links whose end
    // is unknown are remembered and join the graph when that element arrives.
    GraphDelta apply(const InventoryChanges &changes);
    // The same graph without tombstones (for layouts); oldToNew maps node/site/edge indices (-1 = gone).
    struct Compaction {
        std::vector<int> nodes, sites;
    };
    TopologyGraph compacted(Compaction *mapping) const;
    bool hasTombstones() const { return m_removedNodes + m_removedSites + m_removedEdges > 0; }

    const std::vector<TopologyNode> &nodes() const { return m_nodes; }
    const std::vector<TopologySite> &sites() const { return m_sites; }
    const std::vector<TopologyEdge> &edges() const { return m_edges; }
    const QStringList &regions() const { return m_regions; }
    const SkippedInventory &skipped() const { return m_skipped; }
    const std::vector<TopologyAggregate> &siteAggregates() const { return m_siteAggregates; }
    const std::vector<TopologyAggregate> &regionAggregates() const { return m_regionAggregates; }
    int liveNodeCount() const { return int(m_nodes.size()) - m_removedNodes; }
    int liveEdgeCount() const { return int(m_edges.size()) - m_removedEdges; }

    int nodeIndex(const QString &elementId) const { return m_nodeById.value(elementId, -1); }
    int siteIndex(const QString &siteId) const { return m_siteById.value(siteId, -1); }
    int edgeIndex(const QString &linkId) const { return m_edgeById.value(linkId, -1); }
    // Neighbours of node i as a range into adjacency(): [adjacencyBegin(i), adjacencyBegin(i + 1)).
    int adjacencyBegin(int node) const { return m_adjOffsets[size_t(node)]; }
    const std::vector<int> &adjacency() const { return m_adj; }
    // Links at node i, the same way: [incidentBegin(i), incidentBegin(i + 1)) into incidentEdges().
    int incidentBegin(int node) const { return m_adjOffsets[size_t(node)]; }
    const std::vector<int> &incidentEdges() const { return m_inc; }
    // Index of the synthetic site holding elements without a site, or -1 when there never was one.
    int syntheticSite() const { return m_syntheticSite; }

private:
    struct ApplyState;
    int ensureSyntheticSite(ApplyState &state);
    int regionIndexFor(const QString &region);
    void moveNode(int node, int site, ApplyState &state);
    void removeEdge(int edge, ApplyState &state);
    void upsertLink(const Link &link, ApplyState &state);
    // The inventory record an edge was built from (for re-resolving or rebuilding).
    Link linkOf(const TopologyEdge &edge) const;
    bool forgetUnresolved(const QString &linkId);
    void detachFromAggregates(int edge, ApplyState &state);
    void attachToAggregates(int edge, ApplyState &state);
    void rebuildAdjacency();

    std::vector<TopologyNode> m_nodes;
    std::vector<TopologySite> m_sites;
    std::vector<TopologyEdge> m_edges;
    QStringList m_regions;
    QHash<QString, int> m_regionById;
    QHash<QString, int> m_nodeById;
    QHash<QString, int> m_siteById;
    QHash<QString, int> m_edgeById;
    std::vector<int> m_adjOffsets;
    std::vector<int> m_adj;
    std::vector<int> m_inc;
    std::vector<TopologyAggregate> m_siteAggregates, m_regionAggregates;
    QHash<quint64, int> m_siteAggregateByKey, m_regionAggregateByKey;
    // Links that cannot be drawn yet (an end unknown, or both ends the same element), by id, and the
    // unknown element ids they wait for.
    QHash<QString, Link> m_unresolved;
    QMultiHash<QString, QString> m_waitingFor; // element id -> link id
    SkippedInventory m_skipped;
    int m_syntheticSite = -1;
    int m_removedNodes = 0, m_removedSites = 0, m_removedEdges = 0;
};

} // namespace noc

namespace noc {

// What the map shows per element: the worst active alarm (Cleared = none) and whether the element
// has an active linkDown / lossOfSignal alarm (its links are drawn down). The counts are what the
// element's tooltip lists: active alarms per severity (Critical .. Indeterminate) and how many of
// them nobody has acknowledged; read with the colour, so hovering reads nothing from the cache.
struct ElementStatus {
    static constexpr int kSeverities = 5; // Critical .. Indeterminate; Cleared is no active alarm
    Severity worst = Severity::Cleared;
    bool linkDown = false;
    std::array<quint16, kSeverities> active{};         // saturates at 65,535
    std::array<quint16, kSeverities> unacknowledged{}; // of those

    // Same colour and link state: nothing drawn differs, only the tooltip's counts.
    bool looksLike(const ElementStatus &other) const {
        return worst == other.worst && linkDown == other.linkDown;
    }
    friend bool operator==(const ElementStatus &, const ElementStatus &) = default;
};

} // namespace noc
