#pragma once

#include "topology/topology_graph.h"
#include "topology/topology_layout.h"

#include <QGraphicsScene>
#include <QHash>
#include <QSet>
#include <array>
#include <memory>
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
    ~TopologyScene() override;

    // Replaces everything: items for the graph, placed as `layout` says, coloured by `status`
    // (element id -> status; absent = no active alarm). `pinned`: element ids the user placed.
    void setTopology(std::shared_ptr<const TopologyGraph> graph, const LayoutResult &layout,
                     const QHash<QString, ElementStatus> &status, const QSet<QString> &pinned = {});
    void applyLayout(const LayoutResult &layout);
    std::shared_ptr<const TopologyGraph> graph() const { return m_graph; }

    // Live recolour: only the given elements change; returns how many items were repainted.
    int updateStatus(const QHash<QString, ElementStatus> &changes);
    ElementStatus status(int node) const { return m_status[size_t(node)]; }
    Severity siteWorst(int site) const;
    Severity regionWorst(int region) const;
    bool linkDown(int edge) const;

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
    QRectF regionArea(int region) const { return m_regionArea[size_t(region)]; }
    QRectF mapBounds() const { return m_bounds; }
    ElementItem *elementItem(int node) const { return m_elementItems[size_t(node)]; }
    SiteItem *siteItem(int site) const { return m_siteItems[size_t(site)]; }
    SiteItem *siteAreaItem(int site) const { return m_siteAreaItems[size_t(site)]; }
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

    struct Aggregate {
        int a = -1, b = -1; // sites or regions
        double capacityBps = 0;
        double maxUtilization = 0;
        std::vector<int> edges;
    };
    const Aggregate &siteAggregate(int i) const { return m_siteAggregates[size_t(i)]; }
    const Aggregate &regionAggregate(int i) const { return m_regionAggregates[size_t(i)]; }
    bool aggregateDown(const Aggregate &aggregate) const;

    // Called by the items.
    void elementMoved(int node, const QPointF &pos);
    void beginDrag() { m_dragging = true; }
    void endDrag();
    void requestDrillDown(bool region, int index) { emit drillDownRequested(region, index); }

signals:
    // The user dragged these elements; they are pinned now and their positions want saving.
    void nodesPinned(const QList<int> &nodes);
    void drillDownRequested(bool region, int index);

private:
    void clearItems();
    void buildAggregates();
    void placeAggregates();
    void recomputeSiteGeometry(int site);
    void recomputeRegionAreas();
    void applyVisibility();
    static int worstOf(const std::array<int, 6> &counts);

    std::shared_ptr<const TopologyGraph> m_graph;
    std::vector<QPointF> m_pos;
    std::vector<char> m_pinned;
    std::vector<ElementStatus> m_status;
    std::vector<std::array<int, 6>> m_siteCounts; // elements per severity code (0 = critical .. 5 = none)
    std::vector<std::array<int, 6>> m_regionCounts;
    std::vector<int> m_downEnds;                     // per node: 1 when linkDown
    std::vector<int> m_nodeEdgeOffsets, m_nodeEdges; // node -> incident edges (CSR)
    std::vector<QPointF> m_sitePos;
    std::vector<QRectF> m_siteArea;
    std::vector<char> m_siteCompact;
    std::vector<QRectF> m_regionArea;
    std::vector<Aggregate> m_siteAggregates, m_regionAggregates;
    std::vector<int> m_edgeSiteAggregate;

    std::vector<ElementItem *> m_elementItems;
    std::vector<LinkItem *> m_linkItems;
    std::vector<SiteItem *> m_siteItems;     // nodes, in the overview scene
    std::vector<SiteItem *> m_siteAreaItems; // areas, in this scene
    std::vector<std::vector<int>> m_regionSites;
    QGraphicsScene *m_overview = nullptr;
    std::vector<RegionItem *> m_regionItems;
    std::vector<AggregateLinkItem *> m_siteLinkItems, m_regionLinkItems;

    MapDetail m_detail = MapDetail::Sites;
    int m_highlightedNode = -1;
    bool m_applyingLayout = false;
    bool m_dragging = false;
    QList<int> m_dragged;
    QRectF m_bounds;
    quint64 m_version = 0;
    quint64 m_geometryVersion = 0;
};

} // namespace noc
