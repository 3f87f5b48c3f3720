#include "map/topology_scene.h"

#include "map/coordinate_frames.h"
#include "map/map_items.h"

#include <QCoreApplication>
#include <QSet>
#include <algorithm>
#include <cmath>

namespace noc {

namespace {
constexpr int kNone = int(Severity::Cleared);

// Repaints what an item covers without marking the item dirty: QGraphicsScene then hands the rect
// straight to the views, instead of walking every top-level item (250,000 in the detail scene) for
// dirty flags before the next frame, which made a 1% recolour at 1:1 cost three pan frames.
void repaint(QGraphicsItem *item) {
    if (QGraphicsScene *scene = item->scene())
        scene->update(item->sceneBoundingRect());
}

QRectF footprintAt(const QPointF &p) {
    return QRectF(p.x() - LayoutMetrics::kFootprintWidth / 2, p.y() - LayoutMetrics::kIconSize / 2 - 4,
                  LayoutMetrics::kFootprintWidth, LayoutMetrics::kFootprintHeight);
}

// A site's shaded area around its elements' footprints (its name goes in the top margin).
constexpr QMarginsF kSiteAreaMargins(6, 20, 6, 2);
// Sites of a region closer than this always share its frame (regionClusterGap): about five site
// blocks, so that a small region's few sites, which pack into a square smaller than the space the
// layout keeps between neighbouring sites, are not framed apart.
constexpr double kMinRegionClusterGap = 1000;
} // namespace

TopologyScene::TopologyScene(QObject *parent)
    : QGraphicsScene(parent) {
    // Items never move except by layouts and drags; the BSP index makes hit tests and exposed-rect
    // lookups logarithmic at 250,000 items.
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    m_overview = new QGraphicsScene(this);
    m_overview->setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    m_regionScene = new QGraphicsScene(this);
    m_regionScene->setItemIndexMethod(QGraphicsScene::NoIndex); // a few dozen items
}

QGraphicsScene *TopologyScene::sceneFor(MapDetail detail) const {
    switch (detail) {
    case MapDetail::Regions:
        return m_regionScene;
    case MapDetail::Sites:
        return m_overview;
    case MapDetail::Elements:
        break;
    }
    return const_cast<TopologyScene *>(this);
}

TopologyScene::~TopologyScene() {
    clearItems();
}

void TopologyScene::clearItems() {
    // clear() deletes the items; the vectors only borrowed them.
    clear();
    m_overview->clear();
    m_regionScene->clear();
    m_elementItems.clear();
    m_siteAreaItems.clear();
    m_siteHeaderItems.clear();
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

bool TopologyScene::aggregateDown(const TopologyAggregate &aggregate) const {
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

bool TopologyScene::siteShown(int site) const {
    const TopologySite &s = m_graph->sites()[size_t(site)];
    return !s.removed && !s.elements.empty();
}

void TopologyScene::createSiteItems(int site) {
    auto *item = new SiteItem(this, site, SiteItem::Part::Node);
    item->setZValue(2);
    m_siteItems[size_t(site)] = item;
    auto *area = new SiteItem(this, site, SiteItem::Part::Area);
    area->setZValue(2);
    m_siteAreaItems[size_t(site)] = area;
    auto *header = new SiteItem(this, site, SiteItem::Part::Header);
    header->setZValue(3.5); // over the links (3), under the elements (4)
    m_siteHeaderItems[size_t(site)] = header;
    m_itemsCreated += 3;
}

void TopologyScene::createAggregateItem(int aggregate, bool regionLevel) {
    auto *item = new AggregateLinkItem(this, aggregate, regionLevel);
    item->setZValue(1);
    (regionLevel ? m_regionLinkItems : m_siteLinkItems)[size_t(aggregate)] = item;
    ++m_itemsCreated;
}

void TopologyScene::setTopology(std::shared_ptr<const TopologyGraph> graph, const LayoutResult &layout,
                                const QHash<QString, ElementStatus> &status, const QSet<QString> &pinned) {
    clearItems();
    m_graph = std::move(graph);
    const auto &nodes = m_graph->nodes();
    const auto &edges = m_graph->edges();
    const auto &sites = m_graph->sites();
    const size_t n = nodes.size();
    const size_t regions = size_t(m_graph->regions().size());

    m_status.assign(n, ElementStatus());
    m_pinned.assign(n, 0);
    for (size_t i = 0; i < n; ++i) {
        if (nodes[i].removed)
            continue;
        const auto it = status.constFind(nodes[i].id);
        if (it != status.constEnd())
            m_status[i] = *it;
        if (pinned.contains(nodes[i].id))
            m_pinned[i] = 1;
    }
    m_siteCounts.assign(sites.size(), {});
    for (size_t s = 0; s < sites.size(); ++s)
        recomputeSiteCounts(int(s));
    recomputeRegionCounts();

    m_pos = layout.positions;
    m_pos.resize(n);
    m_sitePos = layout.sitePositions;
    m_sitePos.resize(sites.size());
    m_siteArea = layout.siteAreas;
    m_siteArea.resize(sites.size());
    m_siteCompact.assign(sites.size(), 1);
    m_regionArea.clear();
    m_regionFrames.clear();
    m_regionDots.assign(regions, {});
    m_regionDotsDirty.assign(regions, 1);

    // Regions at the bottom, then folded links, sites, links, elements on top.
    m_regionItems.assign(regions, nullptr);
    for (size_t r = 0; r < regions; ++r) {
        auto *item = new RegionItem(this, int(r));
        item->setZValue(0);
        m_regionItems[r] = item;
        ++m_itemsCreated;
    }
    m_regionLinkItems.assign(m_graph->regionAggregates().size(), nullptr);
    for (size_t k = 0; k < m_regionLinkItems.size(); ++k)
        createAggregateItem(int(k), true);
    m_siteLinkItems.assign(m_graph->siteAggregates().size(), nullptr);
    for (size_t k = 0; k < m_siteLinkItems.size(); ++k)
        createAggregateItem(int(k), false);
    m_siteItems.assign(sites.size(), nullptr);
    m_siteAreaItems.assign(sites.size(), nullptr);
    m_siteHeaderItems.assign(sites.size(), nullptr);
    m_regionSites.assign(regions, {});
    for (size_t s = 0; s < sites.size(); ++s) {
        if (sites[s].removed)
            continue;
        createSiteItems(int(s));
        m_regionSites[size_t(sites[s].region_index)].push_back(int(s));
    }
    m_linkItems.assign(edges.size(), nullptr);
    for (size_t k = 0; k < edges.size(); ++k) {
        if (edges[k].removed)
            continue;
        auto *item = new LinkItem(this, int(k));
        item->setZValue(3);
        m_linkItems[k] = item;
        ++m_itemsCreated;
    }
    m_elementItems.assign(n, nullptr);
    for (size_t i = 0; i < n; ++i) {
        if (nodes[i].removed)
            continue;
        auto *item = new ElementItem(this, int(i));
        item->setZValue(4);
        m_elementItems[i] = item;
        ++m_itemsCreated;
    }
    applyLayout(layout);
    // Visibility before adding: hidden items cost nothing to add and nothing to draw.
    applyVisibility();
    const auto addAll = [](QGraphicsScene *scene, const auto &items) {
        for (auto *item : items)
            if (item)
                scene->addItem(item);
    };
    addAll(m_regionScene, m_regionItems);
    addAll(m_regionScene, m_regionLinkItems);
    addAll(m_overview, m_siteLinkItems);
    addAll(m_overview, m_siteItems);
    addAll(this, m_siteAreaItems);
    addAll(this, m_siteHeaderItems);
    addAll(this, m_linkItems);
    addAll(this, m_elementItems);
    ++m_version;
    ++m_geometryVersion;
}

void TopologyScene::recomputeSiteCounts(int site) {
    auto &counts = m_siteCounts[size_t(site)];
    counts = {};
    for (int e : m_graph->sites()[size_t(site)].elements)
        ++counts[size_t(m_status[size_t(e)].worst)];
}

void TopologyScene::recomputeRegionCounts() {
    const auto &sites = m_graph->sites();
    m_regionCounts.assign(size_t(m_graph->regions().size()), {});
    for (size_t s = 0; s < sites.size(); ++s) {
        if (sites[s].removed)
            continue;
        auto &rc = m_regionCounts[size_t(sites[s].region_index)];
        for (size_t k = 0; k < 6; ++k)
            rc[k] += m_siteCounts[s][k];
    }
}

void TopologyScene::applyLayout(const LayoutResult &layout) {
    const size_t n = m_graph->nodes().size();
    m_applyingLayout = true;
    for (size_t i = 0; i < n && i < layout.positions.size(); ++i) {
        if (!m_elementItems[i])
            continue;
        if (!m_pinned[i])
            m_pos[i] = layout.positions[i];
        m_elementItems[i]->setPos(m_pos[i]);
    }
    m_applyingLayout = false;
    const auto &edges = m_graph->edges();
    for (size_t k = 0; k < edges.size(); ++k)
        if (m_linkItems[k])
            m_linkItems[k]->setEnds(m_pos[size_t(edges[k].a)], m_pos[size_t(edges[k].b)]);
    for (size_t s = 0; s < m_graph->sites().size(); ++s)
        recomputeSiteGeometry(int(s));
    recomputeRegionAreas();
    placeAggregates();
    recomputeBounds();
    ++m_version;
    ++m_geometryVersion;
}

void TopologyScene::recomputeBounds() {
    QRectF bounds;
    for (const QRectF &r : m_regionArea)
        if (!r.isNull())
            bounds = bounds.isNull() ? r : bounds.united(r);
    m_bounds = bounds.adjusted(-200, -200, 200, 200);
    if (sceneRect() != m_bounds) {
        setSceneRect(m_bounds);
        m_overview->setSceneRect(m_bounds);
        m_regionScene->setSceneRect(m_bounds);
    }
}

void TopologyScene::recomputeSiteGeometry(int site) {
    const TopologySite &s = m_graph->sites()[size_t(site)];
    QRectF area;
    for (int e : s.elements) {
        const QRectF fp = footprintAt(m_pos[size_t(e)]);
        area = area.isNull() ? fp : area.united(fp);
    }
    if (!s.elements.empty()) {
        m_sitePos[size_t(site)] = area.center();
        m_siteArea[size_t(site)] = area.marginsAdded(kSiteAreaMargins);
    }
    // A site whose elements are spread over the map (force/layered layouts) gets no shaded area:
    // it would cover other sites.
    const double footprint =
        double(s.elements.size()) * LayoutMetrics::kFootprintWidth * LayoutMetrics::kFootprintHeight;
    m_siteCompact[size_t(site)] = area.width() * area.height() <= 4 * footprint + 20000 ? 1 : 0;
    if (size_t(site) < m_siteItems.size() && m_siteItems[size_t(site)]) {
        m_siteItems[size_t(site)]->updateGeometry();
        const bool areaShown = m_siteCompact[size_t(site)] != 0 && siteShown(site);
        for (SiteItem *part : {m_siteAreaItems[size_t(site)], m_siteHeaderItems[size_t(site)]}) {
            part->updateGeometry();
            part->setVisible(areaShown);
        }
    }
    const int region = s.region_index;
    if (size_t(region) < m_regionDotsDirty.size())
        m_regionDotsDirty[size_t(region)] = 1;
}

bool TopologyScene::recomputeRegionAreas() {
    const size_t regions = size_t(m_graph->regions().size());
    std::vector<std::vector<QRectF>> siteAreas(regions);
    const auto &sites = m_graph->sites();
    for (size_t s = 0; s < sites.size(); ++s)
        if (siteShown(int(s)))
            siteAreas[size_t(sites[s].region_index)].push_back(m_siteArea[s]);
    bool changed = regions != m_regionArea.size();
    m_regionArea.resize(regions);
    m_regionFrames.resize(regions);
    for (size_t r = 0; r < regions; ++r) {
        QRectF area;
        for (const QRectF &a : siteAreas[r])
            area = area.isNull() ? a : area.united(a);
        std::vector<RegionFrame> frames = noc::regionFrames(siteAreas[r], kMinRegionClusterGap);
        const auto sameFrames = [&frames](const std::vector<RegionFrame> &old) {
            return std::equal(frames.begin(), frames.end(), old.begin(), old.end(),
                              [](const RegionFrame &a, const RegionFrame &b) {
                                  return a.area == b.area && a.sites == b.sites;
                              });
        };
        if (area == m_regionArea[r] && sameFrames(m_regionFrames[r]))
            continue;
        m_regionArea[r] = area;
        m_regionFrames[r] = std::move(frames);
        changed = true;
        if (r < m_regionItems.size() && m_regionItems[r])
            m_regionItems[r]->updateGeometry();
    }
    return changed;
}

QPointF TopologyScene::regionAnchor(int region) const {
    const std::vector<RegionFrame> &frames = m_regionFrames[size_t(region)];
    return frames.empty() ? m_regionArea[size_t(region)].center() : frames.front().area.center();
}

void TopologyScene::placeAggregates() {
    const auto &siteAggs = m_graph->siteAggregates();
    for (size_t k = 0; k < m_siteLinkItems.size(); ++k)
        if (m_siteLinkItems[k])
            m_siteLinkItems[k]->setEnds(m_sitePos[size_t(siteAggs[k].a)], m_sitePos[size_t(siteAggs[k].b)]);
    const auto &regionAggs = m_graph->regionAggregates();
    for (size_t k = 0; k < m_regionLinkItems.size(); ++k)
        if (m_regionLinkItems[k])
            m_regionLinkItems[k]->setEnds(regionAnchor(regionAggs[k].a), regionAnchor(regionAggs[k].b));
}

void TopologyScene::placeLinksOf(int node) {
    const auto &edges = m_graph->edges();
    const auto &incident = m_graph->incidentEdges();
    for (int k = m_graph->incidentBegin(node); k < m_graph->incidentBegin(node + 1); ++k) {
        const int edge = incident[size_t(k)];
        if (m_linkItems[size_t(edge)])
            m_linkItems[size_t(edge)]->setEnds(m_pos[size_t(edges[size_t(edge)].a)],
                                               m_pos[size_t(edges[size_t(edge)].b)]);
    }
}

TopologyScene::ChangePlaces::ChangePlaces() = default;
TopologyScene::ChangePlaces::~ChangePlaces() = default;

CoordinateFrames &TopologyScene::coordinateFrames(ChangePlaces &places) const {
    if (!places.frames)
        places.frames = std::make_unique<CoordinateFrames>(*m_graph, m_sitePos, m_siteArea, m_regionFrames);
    return *places.frames;
}

QPointF TopologyScene::anchorFor(int node, ChangePlaces &places) const {
    const auto &nodes = m_graph->nodes();
    const TopologyNode &n = nodes[size_t(node)];
    // Beside the other elements of its site when the site is drawn as a group...
    const TopologySite &site = m_graph->sites()[size_t(n.site)];
    QPointF sum;
    int placed = 0;
    for (int e : site.elements)
        if (e != node && m_elementItems[size_t(e)] && m_elementItems[size_t(e)]->scene())
            sum += m_pos[size_t(e)], ++placed;
    if (placed > 0 && m_siteCompact[size_t(n.site)])
        return sum / placed;
    // ...else among its neighbours...
    QPointF nsum;
    int neighbours = 0;
    const auto &adj = m_graph->adjacency();
    for (int a = m_graph->adjacencyBegin(node); a < m_graph->adjacencyBegin(node + 1); ++a) {
        const int other = adj[size_t(a)];
        if (m_elementItems[size_t(other)] && m_elementItems[size_t(other)]->scene())
            nsum += m_pos[size_t(other)], ++neighbours;
    }
    if (neighbours > 0)
        return nsum / neighbours;
    if (placed > 0)
        return sum / placed;
    // ...else where its site's coordinates say, as the geographic layout would draw a site there
    // (CoordinateFrames), else just right of the map.
    if (site.hasCoordinates)
        if (const auto place = coordinateFrames(places).place(site.longitude, site.latitude))
            return place->at;
    return QPointF(m_bounds.right() + LayoutMetrics::kFootprintWidth, m_bounds.center().y());
}

QPointF TopologyScene::placeNewNode(int node, const QPointF &anchor, SpiralCursors *cursors) {
    // The nearest free footprint on a square spiral around the anchor: no icon or label overlaps,
    // and nothing else on the map moves.
    const double w = LayoutMetrics::kFootprintWidth, h = LayoutMetrics::kFootprintHeight;
    const auto isFree = [&](const QPointF &p) {
        const QRectF fp = footprintAt(p).adjusted(1, 1, -1, -1);
        for (QGraphicsItem *item : items(fp, Qt::IntersectsItemBoundingRect, Qt::AscendingOrder))
            if (item->type() == ElementItem::Type && static_cast<ElementItem *>(item)->node() != node)
                return false;
        return true;
    };
    const auto key = qMakePair(qRound64(anchor.x()), qRound64(anchor.y()));
    const SpiralCursor start = cursors ? cursors->value(key) : SpiralCursor();
    const auto found = [&](int ring, int step, const QPointF &p) {
        if (cursors)
            cursors->insert(key, SpiralCursor{ring, step});
        return p;
    };
    if (start.ring == 0 && isFree(anchor))
        return found(0, 0, anchor);
    for (int ring = std::max(1, start.ring); ring < 200; ++ring) {
        int step = 0;
        for (int dx = -ring; dx <= ring; ++dx)
            for (int dy = -ring; dy <= ring; ++dy) {
                if (std::max(std::abs(dx), std::abs(dy)) != ring)
                    continue;
                if (ring == start.ring && step < start.step) {
                    ++step; // taken when the last search passed it
                    continue;
                }
                const QPointF p = anchor + QPointF(dx * w, dy * h);
                if (isFree(p))
                    return found(ring, step, p);
                ++step;
            }
    }
    return QPointF(m_bounds.right() + w, m_bounds.bottom() + h);
}

QRectF TopologyScene::paddedBlockAround(QRectF footprints) {
    footprints.setTop(footprints.top() - LayoutMetrics::kSiteHeader);
    return paddedSiteBlock(footprints);
}

QRectF TopologyScene::takenSiteBlock(int site) const {
    if (!siteShown(site) || !m_siteCompact[size_t(site)])
        return {};
    return paddedBlockAround(m_siteArea[size_t(site)].marginsRemoved(kSiteAreaMargins));
}

bool TopologyScene::moveSiteToNewCoordinates(int site, const TopologySite &before, ChangePlaces &places) {
    const TopologySite &now = m_graph->sites()[size_t(site)];
    // A site that loses its coordinates stays where it is: nothing says where else it should be, and
    // a group jumping away under the engineer's eyes is worse than one a little off. A full layout
    // then places it as any site without coordinates (near the sites it links to).
    if (!m_followSiteCoordinates || !now.hasCoordinates ||
        (before.hasCoordinates && before.latitude == now.latitude && before.longitude == now.longitude))
        return false;
    // Where the geographic layout would draw it (CoordinateFrames): a site moved to another city's
    // coordinates goes into that city's frame, as a stray placed there by a full layout, not where
    // its own region's magnification puts those coordinates (far out in the empty map); one moved
    // into the sea stays beside the nearest frame. Its own old place says nothing about the frames.
    CoordinateFrames &frames = coordinateFrames(places);
    frames.forget(site);
    const std::optional<CoordinateFrames::Place> target = frames.place(now.longitude, now.latitude);
    if (!target)
        return false;
    // A site that had coordinates and stays in the same frame moves by the step between the old and
    // new places (keeping the offset the layout gave it to make room); one that had none, or that
    // changes frames, goes where its new coordinates say. The whole site moves by one step: its
    // elements keep their places relative to each other, the user's pinned ones stay where put.
    const std::optional<CoordinateFrames::Place> was =
        before.hasCoordinates ? frames.place(before.longitude, before.latitude) : std::nullopt;
    QPointF step =
        was && was->region == target->region ? target->at - was->at : target->at - m_sitePos[size_t(site)];
    std::vector<int> moving;
    QRectF block;
    for (int e : now.elements) {
        if (!m_elementItems[size_t(e)] || m_pinned[size_t(e)])
            continue;
        moving.push_back(e);
        const QRectF fp = footprintAt(m_pos[size_t(e)] + step);
        block = block.isNull() ? fp : block.united(fp);
    }
    if (moving.empty())
        return false;
    // Not on top of a neighbour: the nearest free place by the spacing the full layout keeps between
    // sites. Only this site moves; the others stay where the user has seen them.
    std::unique_ptr<FreeSiteBlocks> &free = places.free;
    if (!free) {
        std::vector<QRectF> taken(m_graph->sites().size());
        for (size_t s = 0; s < taken.size(); ++s)
            taken[s] = takenSiteBlock(int(s));
        free = std::make_unique<FreeSiteBlocks>(std::move(taken));
    }
    free->set(site, {}); // where it was is no obstacle to itself
    const QRectF padded = paddedBlockAround(block);
    step += free->nearestFree(padded).center() - padded.center();
    for (int e : moving) {
        m_pos[size_t(e)] += step;
        m_applyingLayout = true;
        m_elementItems[size_t(e)]->setPos(m_pos[size_t(e)]);
        m_applyingLayout = false;
        placeLinksOf(e);
    }
    recomputeSiteGeometry(site);
    free->set(site, takenSiteBlock(site)); // the next site moved by this change keeps clear of this one
    return true;
}

int TopologyScene::applyDelta(std::shared_ptr<const TopologyGraph> graph, const GraphDelta &delta,
                              const QHash<QString, ElementStatus> &status) {
    if (!m_graph || !graph || graph->nodes().size() < m_graph->nodes().size())
        return 0;
    const std::shared_ptr<const TopologyGraph> before = m_graph;
    m_graph = std::move(graph);
    const auto &nodes = m_graph->nodes();
    const auto &edges = m_graph->edges();
    const auto &sites = m_graph->sites();
    const size_t n = nodes.size();
    const size_t regions = size_t(m_graph->regions().size());
    int touched = 0;
    bool geometry = false;

    // Grow the per-index arrays; new entries start empty.
    m_pos.resize(n);
    m_pinned.resize(n, 0);
    m_status.resize(n);
    m_elementItems.resize(n, nullptr);
    m_linkItems.resize(edges.size(), nullptr);
    m_siteItems.resize(sites.size(), nullptr);
    m_siteAreaItems.resize(sites.size(), nullptr);
    m_siteHeaderItems.resize(sites.size(), nullptr);
    m_sitePos.resize(sites.size());
    m_siteArea.resize(sites.size());
    m_siteCompact.resize(sites.size(), 1);
    m_siteCounts.resize(sites.size(), {});
    m_regionDots.resize(regions);
    m_regionDotsDirty.resize(regions, 1);
    m_regionSites.resize(regions);
    m_regionArea.resize(regions);
    m_regionFrames.resize(regions);
    m_regionCounts.resize(regions, {});
    for (size_t r = m_regionItems.size(); r < regions; ++r) {
        auto *item = new RegionItem(this, int(r));
        item->setZValue(0);
        m_regionItems.push_back(item);
        m_regionScene->addItem(item);
        ++m_itemsCreated;
        ++touched;
    }

    // Removed first, so that their space is free for what is added.
    for (int k : delta.edgesRemoved) {
        delete m_linkItems[size_t(k)]; // removes it from the scene
        m_linkItems[size_t(k)] = nullptr;
        ++touched;
    }
    for (int i : delta.nodesRemoved) {
        if (m_highlightedNode == i)
            m_highlightedNode = -1;
        m_dragged.removeAll(i);
        delete m_elementItems[size_t(i)];
        m_elementItems[size_t(i)] = nullptr;
        m_status[size_t(i)] = ElementStatus();
        m_pinned[size_t(i)] = 0;
        ++touched;
    }
    for (int s : delta.sitesRemoved) {
        delete m_siteItems[size_t(s)];
        delete m_siteAreaItems[size_t(s)];
        delete m_siteHeaderItems[size_t(s)];
        m_siteItems[size_t(s)] = m_siteAreaItems[size_t(s)] = m_siteHeaderItems[size_t(s)] = nullptr;
        ++touched;
    }
    for (int s : delta.sitesAdded) {
        if (m_siteItems[size_t(s)] || sites[size_t(s)].removed)
            continue;
        createSiteItems(s);
        m_siteItems[size_t(s)]->setVisible(false); // shown below once it has elements and a place
        m_siteAreaItems[size_t(s)]->setVisible(false);
        m_siteHeaderItems[size_t(s)]->setVisible(false);
        m_overview->addItem(m_siteItems[size_t(s)]);
        addItem(m_siteAreaItems[size_t(s)]);
        addItem(m_siteHeaderItems[size_t(s)]);
        ++touched;
    }

    // Sites whose members or region changed: their counts, geometry, region lists.
    QSet<int> sitesToRedo(delta.sitesTouched.begin(), delta.sitesTouched.end());
    for (int s : delta.sitesChanged)
        sitesToRedo.insert(s);
    for (int s : delta.sitesAdded)
        sitesToRedo.insert(s);

    // New elements: status, an item, a free place next to their site or neighbours.
    SpiralCursors cursors;
    ChangePlaces places; // built when first needed
    for (int i : delta.nodesAdded) {
        if (nodes[size_t(i)].removed)
            continue;
        m_status[size_t(i)] = status.value(nodes[size_t(i)].id);
        auto *item = new ElementItem(this, i);
        item->setZValue(4);
        m_elementItems[size_t(i)] = item;
        ++m_itemsCreated;
        m_pos[size_t(i)] = placeNewNode(i, anchorFor(i, places), &cursors);
        m_applyingLayout = true;
        item->setPos(m_pos[size_t(i)]);
        m_applyingLayout = false;
        addItem(item);
        ++touched;
        geometry = true;
    }
    // Elements that changed site move next to their new site (unless the user pinned them).
    for (int i : delta.nodesResited) {
        if (!m_elementItems[size_t(i)] || m_pinned[size_t(i)])
            continue;
        const bool wasAdded =
            std::find(delta.nodesAdded.begin(), delta.nodesAdded.end(), i) != delta.nodesAdded.end();
        if (wasAdded)
            continue;
        m_pos[size_t(i)] = placeNewNode(i, anchorFor(i, places));
        m_applyingLayout = true;
        m_elementItems[size_t(i)]->setPos(m_pos[size_t(i)]);
        m_applyingLayout = false;
        placeLinksOf(i);
        ++touched;
        geometry = true;
    }
    // Sites with new coordinates move, their elements along (placed before new links get their ends).
    for (int s : delta.sitesChanged) {
        if (size_t(s) < before->sites().size() && !sites[size_t(s)].removed &&
            moveSiteToNewCoordinates(s, before->sites()[size_t(s)], places)) {
            ++touched;
            geometry = true;
        }
    }
    for (int i : delta.nodesChanged) {
        if (m_elementItems[size_t(i)]) {
            repaint(m_elementItems[size_t(i)]);
            ++touched;
        }
    }

    // Links: new items, moved ends, new colours.
    for (int k : delta.edgesAdded) {
        if (edges[size_t(k)].removed || m_linkItems[size_t(k)])
            continue;
        auto *item = new LinkItem(this, k);
        item->setZValue(3);
        item->setEnds(m_pos[size_t(edges[size_t(k)].a)], m_pos[size_t(edges[size_t(k)].b)]);
        m_linkItems[size_t(k)] = item;
        addItem(item);
        ++m_itemsCreated;
        ++touched;
    }
    for (int k : delta.edgesChanged) {
        if (!m_linkItems[size_t(k)])
            continue;
        m_linkItems[size_t(k)]->setEnds(m_pos[size_t(edges[size_t(k)].a)], m_pos[size_t(edges[size_t(k)].b)]);
        repaint(m_linkItems[size_t(k)]);
        ++touched;
    }

    // Region membership of sites.
    bool regionsChanged =
        !delta.sitesChanged.empty() || !delta.sitesAdded.empty() || !delta.sitesRemoved.empty();
    for (int s : std::as_const(sitesToRedo)) {
        if (s >= int(before->sites().size()) ||
            before->sites()[size_t(s)].elements.empty() != sites[size_t(s)].elements.empty())
            regionsChanged = true;
    }
    if (regionsChanged) {
        for (auto &list : m_regionSites)
            list.clear();
        for (size_t s = 0; s < sites.size(); ++s)
            if (siteShown(int(s)))
                m_regionSites[size_t(sites[s].region_index)].push_back(int(s));
        std::fill(m_regionDotsDirty.begin(), m_regionDotsDirty.end(), 1);
    }
    for (int s : std::as_const(sitesToRedo)) {
        if (sites[size_t(s)].removed)
            continue;
        recomputeSiteCounts(s);
        recomputeSiteGeometry(s);
        m_siteItems[size_t(s)]->setVisible(siteShown(s));
        repaint(m_siteItems[size_t(s)]);
        repaint(m_siteHeaderItems[size_t(s)]);
        ++touched;
        geometry = true;
    }
    if (!sitesToRedo.isEmpty() || !delta.sitesRemoved.empty()) {
        recomputeRegionCounts();
        for (size_t r = 0; r < m_regionItems.size(); ++r)
            repaint(m_regionItems[r]);
    }

    // Folded links: new items, new ends, new colours.
    m_siteLinkItems.resize(m_graph->siteAggregates().size(), nullptr);
    m_regionLinkItems.resize(m_graph->regionAggregates().size(), nullptr);
    const auto refreshAggregate = [&](int k, bool regionLevel) {
        auto &items = regionLevel ? m_regionLinkItems : m_siteLinkItems;
        if (!items[size_t(k)]) {
            createAggregateItem(k, regionLevel);
            (regionLevel ? m_regionScene : m_overview)->addItem(items[size_t(k)]);
        }
        const TopologyAggregate &agg = regionLevel ? regionAggregate(k) : siteAggregate(k);
        items[size_t(k)]->setVisible(!agg.edges.empty());
        repaint(items[size_t(k)]);
        ++touched;
    };
    for (int k : delta.siteAggregates)
        refreshAggregate(k, false);
    for (int k : delta.regionAggregates)
        refreshAggregate(k, true);

    if (geometry) {
        recomputeRegionAreas();
        placeAggregates();
        recomputeBounds();
        ++m_geometryVersion;
    }
    ++m_version;
    return touched;
}

int TopologyScene::updateStatus(const QHash<QString, ElementStatus> &changes) {
    if (!m_graph)
        return 0;
    const auto &nodes = m_graph->nodes();
    const auto &sites = m_graph->sites();
    const auto &incident = m_graph->incidentEdges();
    const auto &edges = m_graph->edges();
    QSet<int> dirtySites, dirtyRegions;
    int touched = 0;
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
        const int node = m_graph->nodeIndex(it.key());
        if (node < 0 || m_status[size_t(node)] == *it)
            continue;
        const ElementStatus old = m_status[size_t(node)];
        m_status[size_t(node)] = *it;
        if (old.looksLike(*it))
            continue; // only the tooltip's counts changed: nothing to repaint
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
            if (worstOf(rc) != regionBefore)
                dirtyRegions.insert(region);
        }
        repaint(m_elementItems[size_t(node)]);
        ++touched;
        if (old.linkDown != it->linkDown) {
            for (int k = m_graph->incidentBegin(node); k < m_graph->incidentBegin(node + 1); ++k) {
                const int edge = incident[size_t(k)];
                repaint(m_linkItems[size_t(edge)]);
                ++touched;
                const int agg = edges[size_t(edge)].siteAggregate;
                if (agg >= 0) {
                    repaint(m_siteLinkItems[size_t(agg)]);
                    ++touched;
                }
                const int ragg = edges[size_t(edge)].regionAggregate;
                if (ragg >= 0)
                    repaint(m_regionLinkItems[size_t(ragg)]);
            }
        }
    }
    // A site whose worst colour changed repaints its node and header dot; its region's item draws
    // the site as a dot, so it repaints just that dot (a few pixels), not the whole region.
    for (int s : std::as_const(dirtySites)) {
        repaint(m_siteItems[size_t(s)]);
        repaint(m_siteHeaderItems[size_t(s)]);
        const int region = sites[size_t(s)].region_index;
        m_regionDotsDirty[size_t(region)] = 1;
        if (!dirtyRegions.contains(region))
            m_regionItems[size_t(region)]->updateDot(m_sitePos[size_t(s)]);
        ++touched;
    }
    for (int r : std::as_const(dirtyRegions)) {
        repaint(m_regionItems[size_t(r)]);
        ++touched;
    }
    if (touched)
        ++m_version;
    return touched;
}

const std::array<QVector<QPointF>, 6> &TopologyScene::regionDots(int region) {
    auto &dots = m_regionDots[size_t(region)];
    if (m_regionDotsDirty[size_t(region)]) {
        for (auto &bucket : dots)
            bucket.clear();
        for (int s : m_regionSites[size_t(region)])
            dots[size_t(siteWorst(s))].append(m_sitePos[size_t(s)]);
        m_regionDotsDirty[size_t(region)] = 0;
    }
    return dots;
}

void TopologyScene::setDetail(MapDetail detail) {
    if (detail == m_detail)
        return;
    m_detail = detail;
    ++m_version;
    ++m_geometryVersion;
}

void TopologyScene::applyVisibility() {
    // Each level has its own scene, so the level of detail toggles no item's visibility; only sites
    // without elements and folded links without members stay hidden.
    for (size_t s = 0; s < m_siteItems.size(); ++s)
        if (m_siteItems[s])
            m_siteItems[s]->setVisible(siteShown(int(s)));
    for (size_t k = 0; k < m_siteLinkItems.size(); ++k)
        if (m_siteLinkItems[k])
            m_siteLinkItems[k]->setVisible(!siteAggregate(int(k)).edges.empty());
    for (size_t k = 0; k < m_regionLinkItems.size(); ++k)
        if (m_regionLinkItems[k])
            m_regionLinkItems[k]->setVisible(!regionAggregate(int(k)).edges.empty());
}

QList<TopologyScene::Hit> TopologyScene::find(const QString &text, int limit) const {
    QList<Hit> exact, prefix, contains;
    const QString needle = text.trimmed();
    if (needle.isEmpty() || !m_graph)
        return {};
    const auto &nodes = m_graph->nodes();
    for (size_t i = 0; i < nodes.size(); ++i) {
        const TopologyNode &n = nodes[i];
        if (n.removed)
            continue;
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
        if (!siteShown(int(s)))
            continue;
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
    if (m_highlightedNode >= 0 && m_elementItems[size_t(m_highlightedNode)])
        repaint(m_elementItems[size_t(m_highlightedNode)]);
    m_highlightedNode = node;
    if (node >= 0 && m_elementItems[size_t(node)])
        repaint(m_elementItems[size_t(node)]);
}

void TopologyScene::setPinned(int node, bool pinned) {
    if (!m_elementItems[size_t(node)])
        return;
    m_pinned[size_t(node)] = pinned ? 1 : 0;
    repaint(m_elementItems[size_t(node)]);
}

void TopologyScene::setElementsMovable(bool movable) {
    if (movable == m_elementsMovable)
        return;
    m_elementsMovable = movable;
    for (ElementItem *item : m_elementItems)
        if (item)
            item->setFlag(QGraphicsItem::ItemIsMovable, movable);
}

void TopologyScene::refuseDrag() {
    if (m_dragRefusalTold)
        return;
    m_dragRefusalTold = true;
    emit dragRefused();
}

void TopologyScene::elementMoved(int node, const QPointF &pos) {
    if (m_applyingLayout)
        return;
    m_pos[size_t(node)] = pos;
    placeLinksOf(node);
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
        repaint(m_elementItems[size_t(node)]);
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
