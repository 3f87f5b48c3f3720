#pragma once

#include "topology/region_frames.h"
#include "topology/topology_graph.h"
#include "topology/topology_layout.h"

#include <QGraphicsScene>
#include <QHash>
#include <QSet>
#include <array>
#include <memory>
#include <optional>
#include <vector>

// The topology map's scene: one item per element, link, site and region, plus folded site-to-site
// and region-to-region links for the zoomed-out levels. State (positions, alarm status, pins) lives
// here in flat arrays indexed like the TopologyGraph; items read it when they paint, so a recolour
// touches only the changed items and the site/region they belong to.
namespace noc {

class ElementItem;
class LinkItem;
class SiteItem;
class RegionItem;
class AggregateLinkItem;
class CoordinateFrames;

enum class MapDetail { Regions, Sites, Elements };

class TopologyScene : public QGraphicsScene {
    Q_OBJECT
public:
    // View scale at and above which single elements are drawn.
    static constexpr double kElementScale = 0.3;
    // At the Sites level no more than this many sites should be in view; beyond that, regions.
    static constexpr int kMaxVisibleSites = 4000;

    explicit TopologyScene(QObject *parent = nullptr);
    // The zoomed-out scene (regions, site nodes, folded links); this scene holds the elements, links
    // and site areas. The view shows one or the other, so a zoomed-out frame never walks the
    // 250,000 detail items, and switching the level of detail toggles no element's visibility.
    QGraphicsScene *overviewScene() const { return m_overview; }
    // The regions level has a scene of its own (regions and region-to-region links only): a whole-map
    // frame must not walk the index of 23,000 hidden site nodes and their folded links to find the
    // 32 regions (that index walk was two thirds of the zoomed-to-fit frame at 100k).
    QGraphicsScene *regionScene() const { return m_regionScene; }
    // The scene the view shows for a level of detail.
    QGraphicsScene *sceneFor(MapDetail detail) const;
    ~TopologyScene() override;

    // Replaces everything: items for the graph, placed as `layout` says, coloured by `status`
    // (element id -> status; absent = no active alarm). `pinned`: element ids the user placed.
    void setTopology(std::shared_ptr<const TopologyGraph> graph, const LayoutResult &layout,
                     const QHash<QString, ElementStatus> &status, const QSet<QString> &pinned = {});
    void applyLayout(const LayoutResult &layout);
    std::shared_ptr<const TopologyGraph> graph() const { return m_graph; }

    // Inventory changed: `graph` is the shown graph with `delta` applied (same indices, new entries
    // appended, removed ones tombstoned). Only the items named by the delta are created, removed,
    // moved or repainted; new elements are placed in free space next to their site or neighbours.
    // `status`: alarm status of the new elements. Returns how many items were touched.
    int applyDelta(std::shared_ptr<const TopologyGraph> graph, const GraphDelta &delta,
                   const QHash<QString, ElementStatus> &status);
    // Items created since construction (tests: an incremental change creates only the new ones).
    quint64 itemsCreated() const { return m_itemsCreated; }

    // Live recolour: only the given elements change; returns how many items were repainted.
    int updateStatus(const QHash<QString, ElementStatus> &changes);
    ElementStatus status(int node) const { return m_status[size_t(node)]; }
    Severity siteWorst(int site) const;
    // A site's live elements by their worst active alarm (index: severity, Cleared = none).
    const std::array<int, 6> &siteSeverityCounts(int site) const { return m_siteCounts[size_t(site)]; }
    Severity regionWorst(int region) const;
    bool linkDown(int edge) const;

    // Geographic layout: a site whose coordinates change or that gains some (a sync) moves, and its
    // elements with it, to the nearest place free of other sites. One that loses them stays.
    // Other layouts place sites by their links, not their coordinates, so nothing moves there.
    void setFollowSiteCoordinates(bool follow) { m_followSiteCoordinates = follow; }

    void setDetail(MapDetail detail);
    MapDetail detail() const { return m_detail; }

    // Search by element name, id or management IP, and site name; best matches first.
    struct Hit {
        bool isSite = false;
        int index = -1;
    };
    QList<Hit> find(const QString &text, int limit = 50) const;

    void setHighlightedNode(int node);
    int highlightedNode() const { return m_highlightedNode; }

    QPointF nodePosition(int node) const { return m_pos[size_t(node)]; }
    bool isPinned(int node) const { return m_pinned[size_t(node)] != 0; }
    void setPinned(int node, bool pinned);
    const std::vector<QPointF> &positions() const { return m_pos; }
    const std::vector<char> &pinnedFlags() const { return m_pinned; }
    QPointF sitePosition(int site) const { return m_sitePos[size_t(site)]; }
    QRectF siteArea(int site) const { return m_siteArea[size_t(site)]; }
    bool siteAreaIsCompact(int site) const { return m_siteCompact[size_t(site)] != 0; }
    // Everything of a region (all its sites' areas): what zooming to the region shows.
    QRectF regionArea(int region) const { return m_regionArea[size_t(region)]; }
    // The frames the region is drawn with when zoomed out, one per cluster of its sites, its main
    // cluster first (regionFrames()); empty for a region with no site shown.
    const std::vector<RegionFrame> &regionFrames(int region) const { return m_regionFrames[size_t(region)]; }
    QRectF mapBounds() const { return m_bounds; }
    ElementItem *elementItem(int node) const { return m_elementItems[size_t(node)]; }
    SiteItem *siteItem(int site) const { return m_siteItems[size_t(site)]; }
    SiteItem *siteAreaItem(int site) const { return m_siteAreaItems[size_t(site)]; }
    SiteItem *siteHeaderItem(int site) const { return m_siteHeaderItems[size_t(site)]; }
    const std::vector<int> &regionSites(int region) const { return m_regionSites[size_t(region)]; }
    const std::vector<SiteItem *> &siteItems() const { return m_siteItems; }
    const std::vector<RegionItem *> &regionItems() const { return m_regionItems; }
    // Display name of a site or region (the synthetic site and the unnamed region get tr() names).
    QString siteName(int site) const;
    QString regionName(int region) const;
    // Incremented on every change the minimap must redraw for (positions and colours).
    quint64 version() const { return m_version; }
    // Incremented only when positions, names or the level of detail change: what labels depend on.
    quint64 geometryVersion() const { return m_geometryVersion; }

    const TopologyAggregate &siteAggregate(int i) const { return m_graph->siteAggregates()[size_t(i)]; }
    const TopologyAggregate &regionAggregate(int i) const { return m_graph->regionAggregates()[size_t(i)]; }
    bool aggregateDown(const TopologyAggregate &aggregate) const;
    // The view's scale, for items that invalidate only the few pixels they draw at it.
    void setViewScale(double scale) { m_viewScale = scale; }
    double viewScale() const { return m_viewScale; }
    // Sites of a region by worst severity, for the region item's dots; rebuilt only when dirty.
    const std::array<QVector<QPointF>, 6> &regionDots(int region);

    // False while the positions could not be saved (the cache cannot be written): a moved element
    // would jump back at the next start, so elements cannot be dragged at all then.
    void setElementsMovable(bool movable);
    bool elementsMovable() const { return m_elementsMovable; }

    // Called by the items.
    void elementMoved(int node, const QPointF &pos);
    void beginDrag() {
        m_dragging = true;
        m_dragRefusalTold = false;
    }
    void endDrag();
    // An element was dragged while elements cannot be moved; said once per press.
    void refuseDrag();
    void requestDrillDown(bool region, int index) { emit drillDownRequested(region, index); }

signals:
    // The user dragged these elements; they are pinned now and their positions want saving.
    void nodesPinned(const QList<int> &nodes);
    void drillDownRequested(bool region, int index);
    // The user tried to drag an element while elements cannot be moved (setElementsMovable()).
    void dragRefused();

private:
    void clearItems();
    void createSiteItems(int site);
    void createAggregateItem(int aggregate, bool regionLevel);
    void recomputeSiteGeometry(int site);
    void recomputeSiteCounts(int site);
    void recomputeRegionCounts();
    bool recomputeRegionAreas();
    // Where a region's folded links meet: the centre of its main frame (not of all its sites, which
    // an outlying site would pull into the empty map between).
    QPointF regionAnchor(int region) const;
    void recomputeBounds();
    void placeAggregates();
    void placeLinksOf(int node);
    // Where the last search around an anchor found its place (ring and step on the spiral). Within one
    // applyDelta() every footprint before it was taken then and still is, so the next search around the
    // same anchor goes on from there: placing k new elements at one site costs O(k) searches, not O(k²).
    struct SpiralCursor {
        int ring = 0;
        int step = 0;
    };
    using SpiralCursors = QHash<QPair<qint64, qint64>, SpiralCursor>;
    // What one change (applyDelta) builds when it first needs it and shares: the frames sites are
    // placed in by their coordinates, and the blocks of the sites on the map.
    struct ChangePlaces {
        std::unique_ptr<CoordinateFrames> frames;
        std::unique_ptr<FreeSiteBlocks> free;
        ChangePlaces();
        ~ChangePlaces();
    };
    CoordinateFrames &coordinateFrames(ChangePlaces &places) const;
    QPointF placeNewNode(int node, const QPointF &anchor, SpiralCursors *cursors = nullptr);
    QPointF anchorFor(int node, ChangePlaces &places) const;
    // Moves the site where its new coordinates say (as the geographic layout would draw a site there,
    // CoordinateFrames), to the nearest place free of other sites' blocks, and updates its block.
    bool moveSiteToNewCoordinates(int site, const TopologySite &before, ChangePlaces &places);
    // The padded block a site takes (what the geographic layout keeps apart); empty for a site with
    // no shaded area (spread out, or not shown), which is not a block one could land on.
    QRectF takenSiteBlock(int site) const;
    // The padded block around these footprints (icon and label of each element) with room for the
    // site's name above them.
    static QRectF paddedBlockAround(QRectF footprints);
    bool siteShown(int site) const;
    void applyVisibility();
    static int worstOf(const std::array<int, 6> &counts);

    std::shared_ptr<const TopologyGraph> m_graph;
    std::vector<QPointF> m_pos;
    std::vector<char> m_pinned;
    std::vector<ElementStatus> m_status;
    std::vector<std::array<int, 6>> m_siteCounts; // elements per severity code (0 = critical .. 5 = none)
    std::vector<std::array<int, 6>> m_regionCounts;
    std::vector<QPointF> m_sitePos;
    std::vector<QRectF> m_siteArea;
    std::vector<char> m_siteCompact;
    std::vector<QRectF> m_regionArea;
    std::vector<std::vector<RegionFrame>> m_regionFrames;
    std::vector<std::array<QVector<QPointF>, 6>> m_regionDots;
    std::vector<char> m_regionDotsDirty;

    std::vector<ElementItem *> m_elementItems;
    std::vector<LinkItem *> m_linkItems;
    std::vector<SiteItem *> m_siteItems;       // nodes, in the overview scene
    std::vector<SiteItem *> m_siteAreaItems;   // areas, in this scene, below the links
    std::vector<SiteItem *> m_siteHeaderItems; // names, in this scene, above the links
    std::vector<std::vector<int>> m_regionSites;
    QGraphicsScene *m_overview = nullptr;
    QGraphicsScene *m_regionScene = nullptr;
    std::vector<RegionItem *> m_regionItems;
    std::vector<AggregateLinkItem *> m_siteLinkItems, m_regionLinkItems;

    MapDetail m_detail = MapDetail::Sites;
    int m_highlightedNode = -1;
    bool m_applyingLayout = false;
    bool m_dragging = false;
    bool m_elementsMovable = true;
    bool m_dragRefusalTold = false;
    bool m_followSiteCoordinates = true;
    QList<int> m_dragged;
    QRectF m_bounds;
    quint64 m_version = 0;
    quint64 m_geometryVersion = 0;
    quint64 m_itemsCreated = 0;
    double m_viewScale = 1.0;
};

} // namespace noc
