#include "topology/topology_graph.h"

#include <QSet>
#include <algorithm>
#include <cmath>

namespace noc {

namespace {

quint64 pairKey(int a, int b) {
    return (quint64(quint32(a)) << 32) | quint32(b);
}

bool isDownState(const QString &operationalState) {
    const QString state = operationalState.toLower();
    return state == QLatin1String("disable") || state == QLatin1String("down");
}

void removeValue(std::vector<int> &values, int value) {
    const auto it = std::find(values.begin(), values.end(), value);
    if (it != values.end())
        values.erase(it);
}

std::vector<int> sorted(const QSet<int> &set) {
    std::vector<int> v(set.cbegin(), set.cend());
    std::sort(v.begin(), v.end());
    return v;
}

} // namespace

struct TopologyGraph::ApplyState {
    GraphDelta &delta;
    QSet<int> reaggregate; // edges whose folded links must be found again (ends or sites changed)
    QSet<int> touchedSites;
    QSet<int> siteAggregates, regionAggregates; // to recompute
    bool adjacencyDirty = false;
};

TopologyGraph TopologyGraph::build(const QList<Site> &sites, const QList<NetworkElement> &elements,
                                   const QList<Link> &links) {
    // The first record of an id wins; later ones are listed as duplicates. apply() then does the rest,
    // so a graph built at once and one grown by changes are the same.
    InventoryChanges all;
    QStringList duplicates;
    QSet<QString> seen;
    seen.reserve(std::max(sites.size(), std::max(elements.size(), links.size())));
    for (const Site &s : sites) {
        if (s.id.isEmpty() || seen.contains(s.id))
            duplicates << s.id;
        else
            seen.insert(s.id), all.sites << s;
    }
    seen.clear();
    for (const NetworkElement &e : elements) {
        if (e.id.isEmpty() || seen.contains(e.id))
            duplicates << e.id;
        else
            seen.insert(e.id), all.elements << e;
    }
    seen.clear();
    for (const Link &l : links) {
        if (seen.contains(l.id))
            duplicates << l.id;
        else
            seen.insert(l.id), all.links << l;
    }
    TopologyGraph g;
    g.m_nodes.reserve(size_t(all.elements.size()));
    g.m_nodeById.reserve(all.elements.size());
    g.m_edges.reserve(size_t(all.links.size()));
    g.m_edgeById.reserve(all.links.size());
    g.apply(all);
    g.m_skipped.duplicateIds = duplicates;
    return g;
}

int TopologyGraph::regionIndexFor(const QString &region) {
    auto it = m_regionById.constFind(region);
    if (it != m_regionById.constEnd())
        return *it;
    m_regions << region;
    m_regionById.insert(region, int(m_regions.size()) - 1);
    return int(m_regions.size()) - 1;
}

int TopologyGraph::ensureSyntheticSite(ApplyState &state) {
    if (m_syntheticSite >= 0)
        return m_syntheticSite;
    // Kept on the map in one synthetic group so they can still be found and alarmed.
    TopologySite ts;
    ts.synthetic = true;
    ts.region_index = regionIndexFor(QString());
    m_syntheticSite = int(m_sites.size());
    m_sites.push_back(std::move(ts));
    state.delta.sitesAdded.push_back(m_syntheticSite);
    return m_syntheticSite;
}

void TopologyGraph::moveNode(int node, int site, ApplyState &state) {
    TopologyNode &n = m_nodes[size_t(node)];
    if (n.site == site)
        return;
    removeValue(m_sites[size_t(n.site)].elements, node);
    state.touchedSites.insert(n.site);
    n.site = site;
    m_sites[size_t(site)].elements.push_back(node);
    state.touchedSites.insert(site);
    state.delta.nodesResited.push_back(node);
    if (size_t(node) + 1 < m_adjOffsets.size())
        for (int k = m_adjOffsets[size_t(node)]; k < m_adjOffsets[size_t(node) + 1]; ++k)
            state.reaggregate.insert(m_inc[size_t(k)]);
}

void TopologyGraph::detachFromAggregates(int edge, ApplyState &state) {
    TopologyEdge &e = m_edges[size_t(edge)];
    if (e.siteAggregate >= 0) {
        removeValue(m_siteAggregates[size_t(e.siteAggregate)].edges, edge);
        state.siteAggregates.insert(e.siteAggregate);
        e.siteAggregate = -1;
    }
    if (e.regionAggregate >= 0) {
        removeValue(m_regionAggregates[size_t(e.regionAggregate)].edges, edge);
        state.regionAggregates.insert(e.regionAggregate);
        e.regionAggregate = -1;
    }
}

void TopologyGraph::attachToAggregates(int edge, ApplyState &state) {
    TopologyEdge &e = m_edges[size_t(edge)];
    if (e.removed)
        return;
    const auto join = [edge](std::vector<TopologyAggregate> &aggregates, QHash<quint64, int> &byKey, int a,
                             int b) {
        if (a > b)
            std::swap(a, b);
        auto it = byKey.find(pairKey(a, b));
        if (it == byKey.end()) {
            it = byKey.insert(pairKey(a, b), int(aggregates.size()));
            TopologyAggregate aggregate;
            aggregate.a = a;
            aggregate.b = b;
            aggregates.push_back(std::move(aggregate));
        }
        aggregates[size_t(*it)].edges.push_back(edge);
        return *it;
    };
    const int sa = m_nodes[size_t(e.a)].site, sb = m_nodes[size_t(e.b)].site;
    if (sa == sb)
        return;
    e.siteAggregate = join(m_siteAggregates, m_siteAggregateByKey, sa, sb);
    state.siteAggregates.insert(e.siteAggregate);
    const int ra = m_sites[size_t(sa)].region_index, rb = m_sites[size_t(sb)].region_index;
    if (ra == rb)
        return;
    e.regionAggregate = join(m_regionAggregates, m_regionAggregateByKey, ra, rb);
    state.regionAggregates.insert(e.regionAggregate);
}

void TopologyGraph::removeEdge(int edge, ApplyState &state) {
    TopologyEdge &e = m_edges[size_t(edge)];
    if (e.removed)
        return;
    detachFromAggregates(edge, state);
    e.removed = true;
    m_edgeById.remove(e.id);
    ++m_removedEdges;
    state.delta.edgesRemoved.push_back(edge);
    state.reaggregate.remove(edge);
    state.adjacencyDirty = true;
}

bool TopologyGraph::forgetUnresolved(const QString &linkId) {
    const auto it = m_unresolved.constFind(linkId);
    if (it == m_unresolved.constEnd())
        return false;
    m_waitingFor.remove(it->aEndId, linkId);
    m_waitingFor.remove(it->zEndId, linkId);
    m_unresolved.erase(it);
    m_skipped.linksWithUnknownEnd.removeOne(linkId);
    m_skipped.selfLinks.removeOne(linkId);
    return true;
}

Link TopologyGraph::linkOf(const TopologyEdge &edge) const {
    Link l;
    l.id = edge.id;
    l.aEndId = m_nodes[size_t(edge.a)].id;
    l.zEndId = m_nodes[size_t(edge.b)].id;
    l.capacityBps = edge.capacityBps;
    l.utilization = edge.utilization;
    l.operationalState = edge.operDown ? QStringLiteral("disable") : QStringLiteral("enable");
    return l;
}

void TopologyGraph::upsertLink(const Link &l, ApplyState &state) {
    const int a = nodeIndex(l.aEndId);
    const int b = nodeIndex(l.zEndId);
    const int index = edgeIndex(l.id);
    if (a < 0 || b < 0 || a == b) {
        // Not drawable (yet): remembered, listed, and joined up when the missing element arrives.
        if (index >= 0)
            removeEdge(index, state);
        forgetUnresolved(l.id);
        m_unresolved.insert(l.id, l);
        if (a >= 0 && a == b) {
            m_skipped.selfLinks << l.id;
        } else {
            m_skipped.linksWithUnknownEnd << l.id;
            if (a < 0)
                m_waitingFor.insert(l.aEndId, l.id);
            if (b < 0 && l.zEndId != l.aEndId)
                m_waitingFor.insert(l.zEndId, l.id);
        }
        state.delta.skippedChanged = true;
        return;
    }
    if (!m_unresolved.isEmpty() && forgetUnresolved(l.id))
        state.delta.skippedChanged = true;
    const bool down = isDownState(l.operationalState);
    if (index < 0) {
        TopologyEdge edge;
        edge.id = l.id;
        edge.a = a;
        edge.b = b;
        edge.capacityBps = l.capacityBps;
        edge.utilization = l.utilization;
        edge.operDown = down;
        const int k = int(m_edges.size());
        m_edgeById.insert(l.id, k);
        m_edges.push_back(std::move(edge));
        state.delta.edgesAdded.push_back(k);
        state.reaggregate.insert(k);
        state.adjacencyDirty = true;
        return;
    }
    TopologyEdge &e = m_edges[size_t(index)];
    const bool endsChanged = e.a != a || e.b != b;
    if (!endsChanged && e.capacityBps == l.capacityBps && e.utilization == l.utilization &&
        e.operDown == down)
        return;
    e.a = a;
    e.b = b;
    e.capacityBps = l.capacityBps;
    e.utilization = l.utilization;
    e.operDown = down;
    state.delta.edgesChanged.push_back(index);
    if (endsChanged) {
        state.reaggregate.insert(index);
        state.adjacencyDirty = true;
    } else {
        if (e.siteAggregate >= 0)
            state.siteAggregates.insert(e.siteAggregate);
        if (e.regionAggregate >= 0)
            state.regionAggregates.insert(e.regionAggregate);
    }
}

GraphDelta TopologyGraph::apply(const InventoryChanges &changes) {
    GraphDelta delta;
    delta.regionsBefore = int(m_regions.size());
    ApplyState state{delta, {}, {}, {}, {}, false};

    // Sites first: elements and links below may name them.
    for (const Site &s : changes.sites) {
        if (s.id.isEmpty())
            continue;
        const bool coords = s.hasCoordinates() && std::abs(s.latitude) <= 90 && std::abs(s.longitude) <= 180;
        const QString name = s.name.isEmpty() ? s.id : s.name;
        const int region = regionIndexFor(s.region);
        int index = siteIndex(s.id);
        if (index < 0) {
            TopologySite ts;
            ts.id = s.id;
            ts.name = name;
            ts.region = s.region;
            ts.hasCoordinates = coords;
            ts.latitude = coords ? s.latitude : 0;
            ts.longitude = coords ? s.longitude : 0;
            ts.region_index = region;
            index = int(m_sites.size());
            m_siteById.insert(s.id, index);
            m_sites.push_back(std::move(ts));
            delta.sitesAdded.push_back(index);
            if (!coords) {
                m_skipped.sitesWithoutCoordinates << s.id;
                delta.skippedChanged = true;
            }
            // Elements that named this site before it was known leave the synthetic group.
            if (m_syntheticSite >= 0) {
                const std::vector<int> waiting = m_sites[size_t(m_syntheticSite)].elements;
                for (int n : waiting) {
                    if (m_nodes[size_t(n)].siteId != s.id)
                        continue;
                    moveNode(n, index, state);
                    m_skipped.elementsWithoutSite.removeOne(m_nodes[size_t(n)].id);
                    delta.skippedChanged = true;
                }
            }
            continue;
        }
        TopologySite &ts = m_sites[size_t(index)];
        const bool sameCoords = ts.hasCoordinates == coords &&
                                (!coords || (ts.latitude == s.latitude && ts.longitude == s.longitude));
        if (ts.name == name && ts.region_index == region && sameCoords)
            continue;
        if (ts.hasCoordinates != coords) {
            if (coords)
                m_skipped.sitesWithoutCoordinates.removeOne(s.id);
            else
                m_skipped.sitesWithoutCoordinates << s.id;
            delta.skippedChanged = true;
        }
        if (ts.region_index != region) {
            for (int n : ts.elements)
                if (size_t(n) + 1 < m_adjOffsets.size())
                    for (int k = m_adjOffsets[size_t(n)]; k < m_adjOffsets[size_t(n) + 1]; ++k)
                        state.reaggregate.insert(m_inc[size_t(k)]);
            state.touchedSites.insert(index); // the region's counts and area change
        }
        ts.name = name;
        ts.region = s.region;
        ts.region_index = region;
        ts.hasCoordinates = coords;
        ts.latitude = coords ? s.latitude : 0;
        ts.longitude = coords ? s.longitude : 0;
        delta.sitesChanged.push_back(index);
    }

    // Removed elements: their links cannot be drawn any more and wait for the element to return.
    for (const QString &id : changes.removedElements) {
        const int index = nodeIndex(id);
        if (index < 0)
            continue;
        if (size_t(index) + 1 < m_adjOffsets.size()) {
            for (int k = m_adjOffsets[size_t(index)]; k < m_adjOffsets[size_t(index) + 1]; ++k) {
                const TopologyEdge &e = m_edges[size_t(m_inc[size_t(k)])];
                if (e.removed)
                    continue;
                const Link l = linkOf(e);
                removeEdge(m_inc[size_t(k)], state);
                m_unresolved.insert(l.id, l);
                m_waitingFor.insert(id, l.id);
                m_skipped.linksWithUnknownEnd << l.id;
                delta.skippedChanged = true;
            }
        }
        TopologyNode &n = m_nodes[size_t(index)];
        removeValue(m_sites[size_t(n.site)].elements, index);
        state.touchedSites.insert(n.site);
        if (m_sites[size_t(n.site)].synthetic && m_skipped.elementsWithoutSite.removeOne(id))
            delta.skippedChanged = true;
        n.removed = true;
        m_nodeById.remove(id);
        ++m_removedNodes;
        delta.nodesRemoved.push_back(index);
        state.adjacencyDirty = true;
    }

    QStringList resolvable; // links that waited for an element that arrived now
    for (const NetworkElement &e : changes.elements) {
        if (e.id.isEmpty())
            continue;
        int site = siteIndex(e.siteId);
        const bool siteless = site < 0;
        if (siteless)
            site = ensureSyntheticSite(state);
        const QString name = e.name.isEmpty() ? e.id : e.name;
        int index = nodeIndex(e.id);
        if (index < 0) {
            TopologyNode n;
            n.id = e.id;
            n.name = name;
            n.mgmtIp = e.mgmtIp;
            n.siteId = e.siteId;
            n.category = e.category;
            n.layer = e.layer;
            n.outOfService = isDownState(e.operationalState);
            n.site = site;
            index = int(m_nodes.size());
            m_sites[size_t(site)].elements.push_back(index);
            m_nodeById.insert(n.id, index);
            m_nodes.push_back(std::move(n));
            delta.nodesAdded.push_back(index);
            state.touchedSites.insert(site);
            state.adjacencyDirty = true;
            if (siteless) {
                m_skipped.elementsWithoutSite << e.id;
                delta.skippedChanged = true;
            }
            if (!m_waitingFor.isEmpty()) {
                for (auto it = m_waitingFor.constFind(e.id);
                     it != m_waitingFor.constEnd() && it.key() == e.id; ++it)
                    resolvable << it.value();
            }
            continue;
        }
        TopologyNode &n = m_nodes[size_t(index)];
        const bool outOfService = isDownState(e.operationalState);
        const bool changed = n.name != name || n.mgmtIp != e.mgmtIp || n.category != e.category ||
                             n.layer != e.layer || n.outOfService != outOfService;
        n.name = name;
        n.mgmtIp = e.mgmtIp;
        n.category = e.category;
        n.layer = e.layer;
        n.outOfService = outOfService;
        n.siteId = e.siteId;
        if (changed)
            delta.nodesChanged.push_back(index);
        if (n.site != site) {
            const bool wasSiteless = m_sites[size_t(n.site)].synthetic;
            moveNode(index, site, state);
            if (wasSiteless && !siteless)
                m_skipped.elementsWithoutSite.removeOne(e.id);
            else if (!wasSiteless && siteless)
                m_skipped.elementsWithoutSite << e.id;
            delta.skippedChanged = delta.skippedChanged || wasSiteless != siteless;
        }
    }

    // Removed sites: their remaining elements join the synthetic group.
    for (const QString &id : changes.removedSites) {
        const int index = siteIndex(id);
        if (index < 0)
            continue;
        const std::vector<int> members = m_sites[size_t(index)].elements;
        if (!members.empty()) {
            const int synthetic = ensureSyntheticSite(state);
            for (int n : members) {
                moveNode(n, synthetic, state);
                m_skipped.elementsWithoutSite << m_nodes[size_t(n)].id;
            }
            delta.skippedChanged = true;
        }
        TopologySite &ts = m_sites[size_t(index)];
        if (!ts.hasCoordinates && m_skipped.sitesWithoutCoordinates.removeOne(id))
            delta.skippedChanged = true;
        ts.removed = true;
        m_siteById.remove(id);
        ++m_removedSites;
        delta.sitesRemoved.push_back(index);
    }

    for (const QString &id : changes.removedLinks) {
        const int index = edgeIndex(id);
        if (index >= 0)
            removeEdge(index, state);
        else if (forgetUnresolved(id))
            delta.skippedChanged = true;
    }
    for (const Link &l : changes.links)
        upsertLink(l, state);
    for (const QString &id : std::as_const(resolvable)) {
        const auto it = m_unresolved.constFind(id);
        if (it != m_unresolved.constEnd()) {
            const Link l = *it;
            upsertLink(l, state);
        }
    }

    for (int k : std::as_const(state.reaggregate)) {
        detachFromAggregates(k, state);
        attachToAggregates(k, state);
    }
    const auto recompute = [](TopologyAggregate &aggregate, const std::vector<TopologyEdge> &edges) {
        aggregate.capacityBps = 0;
        aggregate.maxUtilization = 0;
        for (int k : aggregate.edges) {
            aggregate.capacityBps += edges[size_t(k)].capacityBps;
            aggregate.maxUtilization = std::max(aggregate.maxUtilization, edges[size_t(k)].utilization);
        }
    };
    for (int a : std::as_const(state.siteAggregates))
        recompute(m_siteAggregates[size_t(a)], m_edges);
    for (int a : std::as_const(state.regionAggregates))
        recompute(m_regionAggregates[size_t(a)], m_edges);
    delta.siteAggregates = sorted(state.siteAggregates);
    delta.regionAggregates = sorted(state.regionAggregates);
    delta.sitesTouched = sorted(state.touchedSites);
    if (state.adjacencyDirty || m_adjOffsets.size() != m_nodes.size() + 1)
        rebuildAdjacency();
    return delta;
}

void TopologyGraph::rebuildAdjacency() {
    // Compressed adjacency (CSR): one allocation, cache-friendly for the force layout; the incident
    // link list shares the offsets.
    const size_t n = m_nodes.size();
    std::vector<int> degree(n, 0);
    for (const TopologyEdge &e : m_edges) {
        if (e.removed)
            continue;
        ++degree[size_t(e.a)];
        ++degree[size_t(e.b)];
    }
    m_adjOffsets.assign(n + 1, 0);
    for (size_t i = 0; i < n; ++i)
        m_adjOffsets[i + 1] = m_adjOffsets[i] + degree[i];
    m_adj.assign(size_t(m_adjOffsets.back()), 0);
    m_inc.assign(size_t(m_adjOffsets.back()), 0);
    std::vector<int> fill(m_adjOffsets.begin(), m_adjOffsets.end() - 1);
    for (size_t k = 0; k < m_edges.size(); ++k) {
        const TopologyEdge &e = m_edges[k];
        if (e.removed)
            continue;
        m_adj[size_t(fill[size_t(e.a)])] = e.b;
        m_inc[size_t(fill[size_t(e.a)]++)] = int(k);
        m_adj[size_t(fill[size_t(e.b)])] = e.a;
        m_inc[size_t(fill[size_t(e.b)]++)] = int(k);
    }
}

TopologyGraph TopologyGraph::compacted(Compaction *mapping) const {
    QList<Site> sites;
    for (const TopologySite &s : m_sites) {
        if (s.removed || s.synthetic)
            continue;
        Site site;
        site.id = s.id;
        site.name = s.name;
        site.region = s.region;
        if (s.hasCoordinates) {
            site.latitude = s.latitude;
            site.longitude = s.longitude;
        }
        sites << site;
    }
    QList<NetworkElement> elements;
    for (const TopologyNode &n : m_nodes) {
        if (n.removed)
            continue;
        NetworkElement e;
        e.id = n.id;
        e.name = n.name;
        e.mgmtIp = n.mgmtIp;
        e.category = n.category;
        e.layer = n.layer;
        e.operationalState = n.outOfService ? QStringLiteral("disable") : QStringLiteral("enable");
        e.siteId = m_sites[size_t(n.site)].synthetic ? QString() : m_sites[size_t(n.site)].id;
        elements << e;
    }
    QList<Link> links;
    for (const TopologyEdge &edge : m_edges) {
        if (edge.removed)
            continue;
        links << linkOf(edge);
    }
    TopologyGraph g = build(sites, elements, links);
    if (mapping) {
        mapping->nodes.assign(m_nodes.size(), -1);
        for (size_t i = 0; i < m_nodes.size(); ++i)
            if (!m_nodes[i].removed)
                mapping->nodes[i] = g.nodeIndex(m_nodes[i].id);
        mapping->sites.assign(m_sites.size(), -1);
        for (size_t s = 0; s < m_sites.size(); ++s)
            if (!m_sites[s].removed)
                mapping->sites[s] = m_sites[s].synthetic ? g.syntheticSite() : g.siteIndex(m_sites[s].id);
    }
    return g;
}

} // namespace noc
