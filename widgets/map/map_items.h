#pragma once

#include <QGraphicsItem>
#include <QLineF>
#include <QPainterPath>

// The map's items: plain QGraphicsItems (not QObjects; 100,000 of them must stay cheap) that keep
// only an index and read everything else from their TopologyScene's arrays. Each has a constant
// boundingRect() between layouts, an exact shape() for hit tests, and level-of-detail branches in
// paint() (qtbase's chip example is the model).
namespace noc {

class TopologyScene;

class ElementItem : public QGraphicsItem {
public:
    enum { Type = UserType + 1 };
    ElementItem(TopologyScene *scene, int node);
    int type() const override { return Type; }
    int node() const { return m_node; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseMoveEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

private:
    TopologyScene *m_scene;
    int m_node;
};

class LinkItem : public QGraphicsItem {
public:
    enum { Type = UserType + 2 };
    LinkItem(TopologyScene *scene, int edge);
    int type() const override { return Type; }
    int edge() const { return m_edge; }
    // Called when an end moves; the only time the bounding rect changes.
    void setEnds(const QPointF &a, const QPointF &b);
    QLineF ends() const { return QLineF(m_a, m_b); }
    QRectF boundingRect() const override { return m_bounds; }
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    TopologyScene *m_scene;
    int m_edge;
    QPointF m_a, m_b;
    QRectF m_bounds;
};

// A site, in one of three parts: zoomed out (overview scene) a single node coloured by its worst
// active alarm; zoomed in (detail scene) the shaded area behind its elements (below the links) and
// its header with the site's name (above the links, so that no line crosses the name).
class SiteItem : public QGraphicsItem {
public:
    enum { Type = UserType + 3 };
    enum class Part { Node, Area, Header };
    SiteItem(TopologyScene *scene, int site, Part part);
    Part part() const { return m_part; }
    int type() const override { return Type; }
    int site() const { return m_site; }
    void updateGeometry(); // after a layout
    QRectF boundingRect() const override { return m_bounds; }
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    double nodeRadius() const { return m_radius; }
    // Radius the node is drawn with at a view scale (scene units).
    double displayRadius(double scale) const;
    static constexpr double kMaxNodeRadius = 800;

protected:
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;

private:
    TopologyScene *m_scene;
    int m_site;
    Part m_part;
    QRectF m_bounds;
    double m_radius = 20;
};

// A region, shown only when zoomed far out: its area, and each of its sites as one dot in the
// site's worst-alarm colour, drawn in one batch per colour (thousands of sites, one item).
class RegionItem : public QGraphicsItem {
public:
    enum { Type = UserType + 4 };
    RegionItem(TopologyScene *scene, int region);
    int type() const override { return Type; }
    int region() const { return m_region; }
    // The frame drawn around a region's frame area (its sites' areas): a margin so edge dots are inside.
    static constexpr double kOutlineMargin = 80;
    static QRectF outlineOf(const QRectF &area) {
        return area.adjusted(-kOutlineMargin, -kOutlineMargin, kOutlineMargin, kOutlineMargin);
    }
    void updateGeometry();
    // Repaints only the dot of the site at `sitePos` (a recolour), not the whole region.
    void updateDot(const QPointF &sitePos);
    QRectF boundingRect() const override { return m_bounds; }
    // Its frames only: the space between a main frame and an outlier's is other regions'.
    QPainterPath shape() const override { return m_shape; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

protected:
    void mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) override;

private:
    TopologyScene *m_scene;
    int m_region;
    QRectF m_bounds;
    QPainterPath m_shape;
};

// Links between two sites (or two regions) folded into one line when zoomed out: width by total
// capacity, red if any member is down, else coloured by the busiest member.
class AggregateLinkItem : public QGraphicsItem {
public:
    enum { Type = UserType + 5 };
    AggregateLinkItem(TopologyScene *scene, int aggregate, bool regionLevel);
    int type() const override { return Type; }
    int aggregate() const { return m_aggregate; }
    bool regionLevel() const { return m_regionLevel; }
    void setEnds(const QPointF &a, const QPointF &b);
    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    TopologyScene *m_scene;
    int m_aggregate;
    bool m_regionLevel;
    QPointF m_a, m_b;
    QRectF m_bounds;
};

} // namespace noc
