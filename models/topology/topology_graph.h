#pragma once

#include "domain/types.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <vector>

// The map's graph: elements (nodes), sites (groups) and links (edges), indexed by position so that
// layouts and the scene work on ints and flat arrays instead of string lookups. Built from whatever
// inventory the cache holds; imperfect inventory is normal and is recorded, never fatal.
namespace noc {

struct TopologyNode {
    QString id;
    QString name;
    QString mgmtIp;
    ElementCategory category = ElementCategory::Other;
    NetworkLayer layer = NetworkLayer::Unknown;
    int site = -1; // index into sites(); elements without a (known) site go to the synthetic site
};

struct TopologySite {
    QString id; // empty for the synthetic "elements without a site" group
    QString name;
    QString region;
    double latitude = 0;
    double longitude = 0;
    bool hasCoordinates = false;
    bool synthetic = false;
    int region_index = -1;
    std::vector<int> elements;
};

struct TopologyEdge {
    QString id;
    int a = -1;
    int b = -1;
    double capacityBps = 0;
    double utilization = 0;
    bool operDown = false; // the link's own operationalState says disable/down
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

class TopologyGraph {
public:
    static TopologyGraph build(const QList<Site> &sites, const QList<NetworkElement> &elements,
                               const QList<Link> &links);

    const std::vector<TopologyNode> &nodes() const { return m_nodes; }
    const std::vector<TopologySite> &sites() const { return m_sites; }
    const std::vector<TopologyEdge> &edges() const { return m_edges; }
    const QStringList &regions() const { return m_regions; }
    const SkippedInventory &skipped() const { return m_skipped; }

    int nodeIndex(const QString &elementId) const { return m_nodeById.value(elementId, -1); }
    int siteIndex(const QString &siteId) const { return m_siteById.value(siteId, -1); }
    // Neighbours of node i as a range into adjacency(): [adjacencyBegin(i), adjacencyBegin(i + 1)).
    int adjacencyBegin(int node) const { return m_adjOffsets[size_t(node)]; }
    const std::vector<int> &adjacency() const { return m_adj; }
    // Index of the synthetic site holding elements without a site, or -1 when every element has one.
    int syntheticSite() const { return m_syntheticSite; }

private:
    std::vector<TopologyNode> m_nodes;
    std::vector<TopologySite> m_sites;
    std::vector<TopologyEdge> m_edges;
    QStringList m_regions;
    QHash<QString, int> m_nodeById;
    QHash<QString, int> m_siteById;
    std::vector<int> m_adjOffsets;
    std::vector<int> m_adj;
    SkippedInventory m_skipped;
    int m_syntheticSite = -1;
};

} // namespace noc

namespace noc {

// What the map shows per element: the worst active alarm (Cleared = none) and whether the element
// has an active linkDown / lossOfSignal alarm (its links are drawn down).
struct ElementStatus {
    Severity worst = Severity::Cleared;
    bool linkDown = false;

    friend bool operator==(const ElementStatus &, const ElementStatus &) = default;
};

} // namespace noc
