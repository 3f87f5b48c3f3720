#include "topology/topology_graph.h"

#include <QSet>
#include <cmath>

namespace noc {

TopologyGraph TopologyGraph::build(const QList<Site> &sites, const QList<NetworkElement> &elements,
                                   const QList<Link> &links) {
    TopologyGraph g;
    QHash<QString, int> regionIndex;
    g.m_sites.reserve(size_t(sites.size()) + 1);
    for (const Site &s : sites) {
        if (s.id.isEmpty() || g.m_siteById.contains(s.id)) {
            g.m_skipped.duplicateIds << s.id;
            continue;
        }
        TopologySite ts;
        ts.id = s.id;
        ts.name = s.name.isEmpty() ? s.id : s.name;
        ts.region = s.region;
        ts.hasCoordinates = s.hasCoordinates() && std::abs(s.latitude) <= 90 && std::abs(s.longitude) <= 180;
        if (ts.hasCoordinates) {
            ts.latitude = s.latitude;
            ts.longitude = s.longitude;
        } else {
            g.m_skipped.sitesWithoutCoordinates << s.id;
        }
        auto it = regionIndex.find(s.region);
        if (it == regionIndex.end()) {
            it = regionIndex.insert(s.region, int(g.m_regions.size()));
            g.m_regions << s.region;
        }
        ts.region_index = *it;
        g.m_siteById.insert(s.id, int(g.m_sites.size()));
        g.m_sites.push_back(std::move(ts));
    }

    g.m_nodes.reserve(size_t(elements.size()));
    g.m_nodeById.reserve(elements.size());
    for (const NetworkElement &e : elements) {
        if (e.id.isEmpty() || g.m_nodeById.contains(e.id)) {
            g.m_skipped.duplicateIds << e.id;
            continue;
        }
        TopologyNode n;
        n.id = e.id;
        n.name = e.name.isEmpty() ? e.id : e.name;
        n.mgmtIp = e.mgmtIp;
        n.category = e.category;
        n.layer = e.layer;
        n.site = g.m_siteById.value(e.siteId, -1);
        if (n.site < 0) {
            // Kept on the map in one synthetic group so they can still be found and alarmed.
            g.m_skipped.elementsWithoutSite << e.id;
            if (g.m_syntheticSite < 0) {
                g.m_syntheticSite = int(g.m_sites.size());
                TopologySite ts;
                ts.synthetic = true;
                auto it = regionIndex.find(QString());
                if (it == regionIndex.end()) {
                    it = regionIndex.insert(QString(), int(g.m_regions.size()));
                    g.m_regions << QString();
                }
                ts.region_index = *it;
                g.m_sites.push_back(std::move(ts));
            }
            n.site = g.m_syntheticSite;
        }
        const int index = int(g.m_nodes.size());
        g.m_sites[size_t(n.site)].elements.push_back(index);
        g.m_nodeById.insert(n.id, index);
        g.m_nodes.push_back(std::move(n));
    }

    QSet<QString> linkIds;
    linkIds.reserve(links.size());
    g.m_edges.reserve(size_t(links.size()));
    std::vector<int> degree(g.m_nodes.size(), 0);
    for (const Link &l : links) {
        if (linkIds.contains(l.id)) {
            g.m_skipped.duplicateIds << l.id;
            continue;
        }
        linkIds.insert(l.id);
        const int a = g.nodeIndex(l.aEndId);
        const int b = g.nodeIndex(l.zEndId);
        if (a < 0 || b < 0) {
            g.m_skipped.linksWithUnknownEnd << l.id;
            continue;
        }
        if (a == b) {
            g.m_skipped.selfLinks << l.id;
            continue;
        }
        TopologyEdge edge;
        edge.id = l.id;
        edge.a = a;
        edge.b = b;
        edge.capacityBps = l.capacityBps;
        edge.utilization = l.utilization;
        const QString state = l.operationalState.toLower();
        edge.operDown = state == QLatin1String("disable") || state == QLatin1String("down");
        ++degree[size_t(a)];
        ++degree[size_t(b)];
        g.m_edges.push_back(std::move(edge));
    }

    // Compressed adjacency (CSR): one allocation, cache-friendly for the force layout.
    g.m_adjOffsets.assign(g.m_nodes.size() + 1, 0);
    for (size_t i = 0; i < degree.size(); ++i)
        g.m_adjOffsets[i + 1] = g.m_adjOffsets[i] + degree[i];
    g.m_adj.assign(size_t(g.m_adjOffsets.back()), 0);
    std::vector<int> fill(g.m_adjOffsets.begin(), g.m_adjOffsets.end() - 1);
    for (const TopologyEdge &e : g.m_edges) {
        g.m_adj[size_t(fill[size_t(e.a)]++)] = e.b;
        g.m_adj[size_t(fill[size_t(e.b)]++)] = e.a;
    }
    return g;
}

} // namespace noc
