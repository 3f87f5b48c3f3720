#include "map/topology_scene.h"

#include "map/map_items.h"

#include <QCoreApplication>
#include <QSet>
#include <algorithm>

namespace noc {

namespace {
constexpr int kNone = int(Severity::Cleared);
} // namespace

TopologyScene::TopologyScene(QObject *parent)
    : QGraphicsScene(parent) {
    // Items never move except by layouts and drags; the BSP index makes hit tests and exposed-rect
    // lookups logarithmic at 250,000 items.
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    m_overview = new QGraphicsScene(this);
    m_overview->setItemIndexMethod(QGraphicsScene::BspTreeIndex);
}

TopologyScene::~TopologyScene() {
    clearItems();
}

void TopologyScene::clearItems() {
    // clear() deletes the items; the vectors only borrowed them.
    clear();
    m_overview->clear();
    m_elementItems.clear();
    m_siteAreaItems.clear();
    m_linkItems.clear();
    m_siteItems.clear();
    m_regionItems.clear();
    m_siteLinkItems.clear();
    m_regionLinkItems.clear();
    m_highlightedNode = -1;
}

int TopologyScene::worstOf(const std::array<int, 6> &counts) {
    for (int s = 0; s < 6; ++s)
        if (counts[size_t(s)] > 0)
            return s;
    return kNone;
}

Severity TopologyScene::siteWorst(int site) const {
    return Severity(worstOf(m_siteCounts[size_t(site)]));
}

Severity TopologyScene::regionWorst(int region) const {
    return Severity(worstOf(m_regionCounts[size_t(region)]));
}

bool TopologyScene::linkDown(int edge) const {
    const TopologyEdge &e = m_graph->edges()[size_t(edge)];
    return e.operDown || m_status[size_t(e.a)].linkDown || m_status[size_t(e.b)].linkDown;
}

bool TopologyScene::aggregateDown(const Aggregate &aggregate) const {
    for (int e : aggregate.edges)
        if (linkDown(e))
            return true;
    return false;
}

QString TopologyScene::siteName(int site) const {
    const TopologySite &s = m_graph->sites()[size_t(site)];
    return s.synthetic ? QCoreApplication::translate("noc::TopologyScene", "Elements without a site")
                       : s.name;
}

QString TopologyScene::regionName(int region) const {
    const QString name = m_graph->regions().value(region);
    return name.isEmpty() ? QCoreApplication::translate("noc::TopologyScene", "No region") : name;
}

void TopologyScene::setTopology(std::shared_ptr<const TopologyGraph> graph, const LayoutResult &layout,
                                const QHash<QString, ElementStatus> &status, const QSet<QString> &pinned) {
    clearItems();
    m_graph = std::move(graph);
    const auto &nodes = m_graph->nodes();
    const auto &edges = m_graph->edges();
    const auto &sites = m_graph->sites();
    const size_t n = nodes.size();

    m_status.assign(n, ElementStatus());
    m_pinned.assign(n, 0);
    m_siteCounts.assign(sites.size(), {});
    m_regionCounts.assign(size_t(m_graph->regions().size()), {});
    for (size_t i = 0; i < n; ++i) {
        const auto it = status.constFind(nodes[i].id);
        if (it != status.constEnd())
            m_status[i] = *it;
        if (pinned.contains(nodes[i].id))
            m_pinned[i] = 1;
        const int sev = int(m_status[i].worst);
        ++m_siteCounts[size_t(nodes[i].site)][size_t(sev)];
        ++m_regionCounts[size_t(sites[size_t(nodes[i].site)].region_index)][size_t(sev)];
    }
    // Incident edges per node, so a status change repaints only the links at that element.
    m_nodeEdgeOffsets.assign(n + 1, 0);
    for (const TopologyEdge &e : edges) {
        ++m_nodeEdgeOffsets[size_t(e.a) + 1];
        ++m_nodeEdgeOffsets[size_t(e.b) + 1];
    }
    for (size_t i = 0; i < n; ++i)
        m_nodeEdgeOffsets[i + 1] += m_nodeEdgeOffsets[i];
    m_nodeEdges.assign(size_t(m_nodeEdgeOffsets.back()), 0);
    {
        std::vector<int> fill(m_nodeEdgeOffsets.begin(), m_nodeEdgeOffsets.end() - 1);
        for (size_t k = 0; k < edges.size(); ++k) {
            m_nodeEdges[size_t(fill[size_t(edges[k].a)]++)] = int(k);
            m_nodeEdges[size_t(fill[size_t(edges[k].b)]++)] = int(k);
        }
    }
    buildAggregates();

    m_pos = layout.positions;
    m_pos.resize(n);
    m_sitePos = layout.sitePositions;
    m_sitePos.resize(sites.size());
    m_siteArea = layout.siteAreas;
    m_siteArea.resize(sites.size());
    m_siteCompact.assign(sites.size(), 1);

    // Regions at the bottom, then folded links, sites, links, elements on top.
    m_regionItems.reserve(size_t(m_graph->regions().size()));
    for (int r = 0; r < m_graph->regions().size(); ++r) {
        auto *item = new RegionItem(this, r);
        item->setZValue(0);
        m_regionItems.push_back(item);
    }
    for (size_t k = 0; k < m_regionAggregates.size(); ++k) {
        auto *item = new AggregateLinkItem(this, int(k), true);
        item->setZValue(1);
        m_regionLinkItems.push_back(item);
    }
    for (size_t k = 0; k < m_siteAggregates.size(); ++k) {
        auto *item = new AggregateLinkItem(this, int(k), false);
        item->setZValue(1);
        m_siteLinkItems.push_back(item);
    }
    m_siteItems.reserve(sites.size());
    m_siteAreaItems.reserve(sites.size());
    m_regionSites.assign(size_t(m_graph->regions().size()), {});
    for (size_t s = 0; s < sites.size(); ++s) {
        auto *item = new SiteItem(this, int(s), false);
        item->setZValue(2);
        m_siteItems.push_back(item);
        auto *area = new SiteItem(this, int(s), true);
        area->setZValue(2);
        m_siteAreaItems.push_back(area);
        if (!sites[s].elements.empty())
            m_regionSites[size_t(sites[s].region_index)].push_back(int(s));
    }
    m_linkItems.reserve(edges.size());
    for (size_t k = 0; k < edges.size(); ++k) {
        auto *item = new LinkItem(this, int(k));
        item->setZValue(3);
        m_linkItems.push_back(item);
    }
    m_elementItems.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        auto *item = new ElementItem(this, int(i));
        item->setZValue(4);
        m_elementItems.push_back(item);
    }
    applyLayout(layout);
    // Visibility before adding: hidden items cost nothing to add and nothing to draw.
    applyVisibility();
    for (auto *item : m_regionItems)
        m_overview->addItem(item);
    for (auto *item : m_regionLinkItems)
        m_overview->addItem(item);
    for (auto *item : m_siteLinkItems)
        m_overview->addItem(item);
    for (auto *item : m_siteItems)
        m_overview->addItem(item);
    for (auto *item : m_siteAreaItems)
        addItem(item);
    for (auto *item : m_linkItems)
        addItem(item);
    for (auto *item : m_elementItems)
        addItem(item);
    ++m_version;
    ++m_geometryVersion;
}

void TopologyScene::buildAggregates() {
    const auto &edges = m_graph->edges();
    const auto &nodes = m_graph->nodes();
    const auto &sites = m_graph->sites();
    m_siteAggregates.clear();
    m_regionAggregates.clear();
    m_edgeSiteAggregate.assign(edges.size(), -1);
    QHash<quint64, int> siteIndex, regionIndex;
    for (size_t k = 0; k < edges.size(); ++k) {
        const TopologyEdge &e = edges[k];
        int sa = nodes[size_t(e.a)].site, sb = nodes[size_t(e.b)].site;
        if (sa == sb)
            continue;
        if (sa > sb)
            std::swap(sa, sb);
        const quint64 key = (quint64(quint32(sa)) << 32) | quint32(sb);
        auto it = siteIndex.find(key);
        if (it == siteIndex.end()) {
            it = siteIndex.insert(key, int(m_siteAggregates.size()));
            Aggregate agg;
            agg.a = sa;
            agg.b = sb;
            m_siteAggregates.push_back(agg);
        }
        Aggregate &agg = m_siteAggregates[size_t(*it)];
        agg.capacityBps += e.capacityBps;
        agg.maxUtilization = std::max(agg.maxUtilization, e.utilization);
        agg.edges.push_back(int(k));
        m_edgeSiteAggregate[k] = *it;

        int ra = sites[size_t(sa)].region_index, rb = sites[size_t(sb)].region_index;
        if (ra == rb)
            continue;
        if (ra > rb)
            std::swap(ra, rb);
        const quint64 rkey = (quint64(quint32(ra)) << 32) | quint32(rb);
        auto rit = regionIndex.find(rkey);
        if (rit == regionIndex.end()) {
            rit = regionIndex.insert(rkey, int(m_regionAggregates.size()));
            Aggregate ragg;
            ragg.a = ra;
            ragg.b = rb;
            m_regionAggregates.push_back(ragg);
        }
        Aggregate &ragg = m_regionAggregates[size_t(*rit)];
        ragg.capacityBps += e.capacityBps;
        ragg.maxUtilization = std::max(ragg.maxUtilization, e.utilization);
        ragg.edges.push_back(int(k));
    }
}

void TopologyScene::applyLayout(const LayoutResult &layout) {
    const size_t n = m_graph->nodes().size();
    m_applyingLayout = true;
    for (size_t i = 0; i < n && i < layout.positions.size(); ++i) {
        if (!m_pinned[i])
            m_pos[i] = layout.positions[i];
        m_elementItems[i]->setPos(m_pos[i]);
    }
    m_applyingLayout = false;
    const auto &edges = m_graph->edges();
    for (size_t k = 0; k < edges.size(); ++k)
        m_linkItems[k]->setEnds(m_pos[size_t(edges[k].a)], m_pos[size_t(edges[k].b)]);
    for (size_t s = 0; s < m_graph->sites().size(); ++s)
        recomputeSiteGeometry(int(s));
    recomputeRegionAreas();
    placeAggregates();
    QRectF bounds;
    for (size_t r = 0; r < m_regionArea.size(); ++r)
        bounds = bounds.isNull() ? m_regionArea[r] : bounds.united(m_regionArea[r]);
    m_bounds = bounds.adjusted(-200, -200, 200, 200);
    setSceneRect(m_bounds);
    m_overview->setSceneRect(m_bounds);
    ++m_version;
    ++m_geometryVersion;
}

void TopologyScene::recomputeSiteGeometry(int site) {
    const TopologySite &s = m_graph->sites()[size_t(site)];
    QRectF area;
    QPointF sum;
    for (int e : s.elements) {
        const QPointF p = m_pos[size_t(e)];
        sum += p;
        const QRectF fp(p.x() - LayoutMetrics::kFootprintWidth / 2, p.y() - LayoutMetrics::kIconSize / 2 - 4,
                        LayoutMetrics::kFootprintWidth, LayoutMetrics::kFootprintHeight);
        area = area.isNull() ? fp : area.united(fp);
    }
    if (!s.elements.empty()) {
        m_sitePos[size_t(site)] = area.center();
        m_siteArea[size_t(site)] = area.adjusted(-6, -20, 6, 2);
    }
    // A site whose elements are spread over the map (force/layered layouts) gets no shaded area:
    // it would cover other sites.
    const double footprint =
        double(s.elements.size()) * LayoutMetrics::kFootprintWidth * LayoutMetrics::kFootprintHeight;
    m_siteCompact[size_t(site)] = area.width() * area.height() <= 4 * footprint + 20000 ? 1 : 0;
    (void)sum;
    if (size_t(site) < m_siteItems.size()) {
        m_siteItems[size_t(site)]->updateGeometry();
        m_siteAreaItems[size_t(site)]->updateGeometry();
        m_siteAreaItems[size_t(site)]->setVisible(m_siteCompact[size_t(site)] != 0);
    }
}

void TopologyScene::recomputeRegionAreas() {
    m_regionArea.assign(size_t(m_graph->regions().size()), QRectF());
    const auto &sites = m_graph->sites();
    for (size_t s = 0; s < sites.size(); ++s) {
        if (sites[s].elements.empty())
            continue;
        QRectF &r = m_regionArea[size_t(sites[s].region_index)];
        r = r.isNull() ? m_siteArea[s] : r.united(m_siteArea[s]);
    }
    for (auto *item : m_regionItems)
        item->updateGeometry();
}

void TopologyScene::placeAggregates() {
    for (size_t k = 0; k < m_siteLinkItems.size(); ++k)
        m_siteLinkItems[k]->setEnds(m_sitePos[size_t(m_siteAggregates[k].a)],
                                    m_sitePos[size_t(m_siteAggregates[k].b)]);
    for (size_t k = 0; k < m_regionLinkItems.size(); ++k)
        m_regionLinkItems[k]->setEnds(m_regionArea[size_t(m_regionAggregates[k].a)].center(),
                                      m_regionArea[size_t(m_regionAggregates[k].b)].center());
}

int TopologyScene::updateStatus(const QHash<QString, ElementStatus> &changes) {
    if (!m_graph)
        return 0;
    const auto &nodes = m_graph->nodes();
    const auto &sites = m_graph->sites();
    QSet<int> dirtySites, dirtyRegions;
    int touched = 0;
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
        const int node = m_graph->nodeIndex(it.key());
        if (node < 0 || m_status[size_t(node)] == *it)
            continue;
        const ElementStatus old = m_status[size_t(node)];
        m_status[size_t(node)] = *it;
        const int site = nodes[size_t(node)].site;
        const int region = sites[size_t(site)].region_index;
        if (old.worst != it->worst) {
            auto &sc = m_siteCounts[size_t(site)];
            auto &rc = m_regionCounts[size_t(region)];
            const int siteBefore = worstOf(sc), regionBefore = worstOf(rc);
            --sc[size_t(old.worst)];
            ++sc[size_t(it->worst)];
            --rc[size_t(old.worst)];
            ++rc[size_t(it->worst)];
            if (worstOf(sc) != siteBefore)
                dirtySites.insert(site);
            if (worstOf(rc) != regionBefore || worstOf(sc) != siteBefore)
                dirtyRegions.insert(region); // the region item draws its sites' dots
        }
        m_elementItems[size_t(node)]->update();
        ++touched;
        if (old.linkDown != it->linkDown) {
            for (int k = m_nodeEdgeOffsets[size_t(node)]; k < m_nodeEdgeOffsets[size_t(node) + 1]; ++k) {
                const int edge = m_nodeEdges[size_t(k)];
                m_linkItems[size_t(edge)]->update();
                ++touched;
                const int agg = m_edgeSiteAggregate[size_t(edge)];
                if (agg >= 0) {
                    m_siteLinkItems[size_t(agg)]->update();
                    ++touched;
                }
            }
        }
    }
    for (int s : dirtySites) {
        m_siteItems[size_t(s)]->update();
        m_siteAreaItems[size_t(s)]->update(); // the worst-alarm dot in its header
        ++touched;
    }
    for (int r : dirtyRegions) {
        m_regionItems[size_t(r)]->update();
        ++touched;
    }
    if (touched)
        ++m_version;
    return touched;
}

void TopologyScene::setDetail(MapDetail detail) {
    if (detail == m_detail)
        return;
    m_detail = detail;
    applyVisibility();
    ++m_version;
    ++m_geometryVersion;
}

void TopologyScene::applyVisibility() {
    // Only the overview scene's items change: the detail scene is either shown whole or not at all.
    const bool sitesLevel = m_detail == MapDetail::Sites;
    const bool regions = m_detail == MapDetail::Regions;
    for (auto *item : m_siteItems)
        item->setVisible(sitesLevel);
    for (auto *item : m_siteLinkItems)
        item->setVisible(sitesLevel);
    for (auto *item : m_regionItems)
        item->setVisible(regions);
    for (auto *item : m_regionLinkItems)
        item->setVisible(regions);
}

QList<TopologyScene::Hit> TopologyScene::find(const QString &text, int limit) const {
    QList<Hit> exact, prefix, contains;
    const QString needle = text.trimmed();
    if (needle.isEmpty() || !m_graph)
        return {};
    const auto &nodes = m_graph->nodes();
    for (size_t i = 0; i < nodes.size(); ++i) {
        const TopologyNode &n = nodes[i];
        const Hit hit{false, int(i)};
        if (n.name.compare(needle, Qt::CaseInsensitive) == 0 || n.id == needle || n.mgmtIp == needle)
            exact << hit;
        else if (n.name.startsWith(needle, Qt::CaseInsensitive) || n.mgmtIp.startsWith(needle))
            prefix << hit;
        else if (contains.size() < limit && n.name.contains(needle, Qt::CaseInsensitive))
            contains << hit;
    }
    const auto &sites = m_graph->sites();
    for (size_t s = 0; s < sites.size(); ++s) {
        const Hit hit{true, int(s)};
        if (sites[s].name.compare(needle, Qt::CaseInsensitive) == 0 || sites[s].id == needle)
            exact.prepend(hit);
        else if (sites[s].name.startsWith(needle, Qt::CaseInsensitive))
            prefix << hit;
    }
    QList<Hit> all = exact + prefix + contains;
    if (all.size() > limit)
        all.resize(limit);
    return all;
}

void TopologyScene::setHighlightedNode(int node) {
    if (node == m_highlightedNode)
        return;
    if (m_highlightedNode >= 0)
        m_elementItems[size_t(m_highlightedNode)]->update();
    m_highlightedNode = node;
    if (node >= 0)
        m_elementItems[size_t(node)]->update();
}

void TopologyScene::setPinned(int node, bool pinned) {
    m_pinned[size_t(node)] = pinned ? 1 : 0;
    m_elementItems[size_t(node)]->update();
}

void TopologyScene::elementMoved(int node, const QPointF &pos) {
    if (m_applyingLayout)
        return;
    m_pos[size_t(node)] = pos;
    const auto &edges = m_graph->edges();
    for (int k = m_nodeEdgeOffsets[size_t(node)]; k < m_nodeEdgeOffsets[size_t(node) + 1]; ++k) {
        const int edge = m_nodeEdges[size_t(k)];
        m_linkItems[size_t(edge)]->setEnds(m_pos[size_t(edges[size_t(edge)].a)],
                                           m_pos[size_t(edges[size_t(edge)].b)]);
    }
    if (m_dragging && !m_dragged.contains(node))
        m_dragged << node;
}

void TopologyScene::endDrag() {
    m_dragging = false;
    if (m_dragged.isEmpty())
        return;
    QSet<int> sites;
    for (int node : std::as_const(m_dragged)) {
        m_pinned[size_t(node)] = 1;
        m_elementItems[size_t(node)]->update();
        sites.insert(m_graph->nodes()[size_t(node)].site);
    }
    for (int s : sites)
        recomputeSiteGeometry(s);
    recomputeRegionAreas();
    placeAggregates();
    ++m_version;
    ++m_geometryVersion;
    const QList<int> dragged = m_dragged;
    m_dragged.clear();
    emit nodesPinned(dragged);
}

} // namespace noc
