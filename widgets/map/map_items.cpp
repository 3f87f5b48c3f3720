#include "map/map_items.h"

#include "map/map_style.h"
#include "map/topology_scene.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QGraphicsSceneMouseEvent>
#include <QHash>
#include <QPainter>
#include <QPixmap>
#include <QRegularExpression>
#include <QStyleOptionGraphicsItem>
#include <cmath>

namespace noc {

namespace {

// Level of detail thresholds (view scale).
constexpr double kPlainIconLod = 0.45; // below: a flat coloured square, no glyph
constexpr double kBadgeLod = 0.5;
constexpr double kLabelLod = 0.75;
// Sites as dots at the region level, in device pixels.
constexpr int kQuietDotPx = 3;
constexpr int kAlarmDotPx = 5;

const QRectF kElementBounds(-LayoutMetrics::kFootprintWidth / 2, -LayoutMetrics::kIconSize / 2 - 4,
                            LayoutMetrics::kFootprintWidth, LayoutMetrics::kFootprintHeight);

QFont labelFont(double pixelSize, bool bold = false) {
    QFont font;
    font.setPixelSize(int(pixelSize));
    font.setBold(bold);
    return font;
}

} // namespace

// ---- ElementItem ---------------------------------------------------------------------------------

ElementItem::ElementItem(TopologyScene *scene, int node)
    : m_scene(scene)
    , m_node(node) {
    setFlags(ItemIsSelectable | ItemSendsGeometryChanges);
    setFlag(ItemIsMovable, scene->elementsMovable());
    setAcceptedMouseButtons(Qt::LeftButton);
}

QRectF ElementItem::boundingRect() const {
    return kElementBounds;
}

QPainterPath ElementItem::shape() const {
    QPainterPath path;
    path.addRect(-LayoutMetrics::kIconSize / 2, -LayoutMetrics::kIconSize / 2, LayoutMetrics::kIconSize,
                 LayoutMetrics::kIconSize);
    return path;
}

void ElementItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *) {
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const ElementStatus status = m_scene->status(m_node);
    const double half = LayoutMetrics::kIconSize / 2;
    if (lod < kPlainIconLod) {
        painter->fillRect(QRectF(-half, -half, 2 * half, 2 * half), mapstyle::severityColor(status.worst));
        return;
    }
    const TopologyNode &node = m_scene->graph()->nodes()[size_t(m_node)];
    painter->setRenderHint(QPainter::Antialiasing, true);
    const bool highlighted = m_scene->highlightedNode() == m_node;
    if (highlighted || (option->state & QStyle::State_Selected)) {
        painter->setPen(QPen(highlighted ? mapstyle::highlightColor() : QColor(0x26, 0x32, 0x38),
                             highlighted ? 3.5 : 1.5, highlighted ? Qt::SolidLine : Qt::DashLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(QPointF(0, 0), half + 3.5, half + 3.5);
    }
    mapstyle::drawElementIcon(painter, node.category, status.worst, LayoutMetrics::kIconSize);
    if (node.outOfService) {
        // Out of service (maintenance, decommissioning): veiled, with a grey "off" mark at the
        // bottom-left; its alarm colour still shows through.
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(255, 255, 255, 150));
        painter->drawRoundedRect(QRectF(-half, -half, 2 * half, 2 * half), half * 0.44, half * 0.44);
        if (lod >= kBadgeLod) {
            const QPointF c(-half + 1, half - 1);
            painter->setPen(QPen(Qt::white, 1.2));
            painter->setBrush(mapstyle::outOfServiceColor());
            painter->drawEllipse(c, 5.5, 5.5);
            painter->setPen(QPen(Qt::white, 1.6, Qt::SolidLine, Qt::RoundCap));
            painter->drawLine(c + QPointF(-3, 3), c + QPointF(3, -3));
        }
    }
    if (lod >= kBadgeLod && status.worst != Severity::Cleared) {
        const QPointF c(half - 1, -half + 1);
        painter->setPen(QPen(Qt::white, 1.2));
        painter->setBrush(mapstyle::severityColor(status.worst));
        painter->drawEllipse(c, 5.5, 5.5);
        painter->setPen(mapstyle::severityTextColor(status.worst));
        painter->setFont(labelFont(8, true));
        painter->drawText(QRectF(c.x() - 5.5, c.y() - 5.5, 11, 11), Qt::AlignCenter,
                          mapstyle::severityLetter(status.worst));
    }
    if (m_scene->isPinned(m_node) && lod >= kBadgeLod) {
        // A small pin head at the top-left corner: this element stays where the user put it.
        painter->setPen(QPen(Qt::white, 1));
        painter->setBrush(QColor(0x37, 0x47, 0x4f));
        painter->drawEllipse(QPointF(-half + 1, -half + 1), 3.5, 3.5);
    }
    if (lod >= kLabelLod) {
        const QFont font = labelFont(10);
        painter->setFont(font);
        painter->setPen(QColor(0x26, 0x32, 0x38));
        const QRectF textRect(kElementBounds.left() + 2, half + 2, kElementBounds.width() - 4, 14);
        // Inside a drawn site area the site's name is in its header: "BJ-BTS-0012-MW1" reads "MW1".
        QString name = node.name;
        const int site = node.site;
        if (m_scene->detail() == MapDetail::Elements && m_scene->siteAreaIsCompact(site)) {
            const QString &siteName = m_scene->graph()->sites()[size_t(site)].name;
            if (!siteName.isEmpty() && name.size() > siteName.size() + 1 && name.startsWith(siteName)) {
                static const QRegularExpression separators(QStringLiteral("^[-_./: ]+"));
                name = name.mid(siteName.size()).remove(separators);
            }
        }
        const QString text = QFontMetricsF(font).elidedText(name, Qt::ElideMiddle, textRect.width());
        painter->drawText(textRect, Qt::AlignHCenter | Qt::AlignTop, text);
    }
}

QVariant ElementItem::itemChange(GraphicsItemChange change, const QVariant &value) {
    if (change == ItemPositionHasChanged)
        m_scene->elementMoved(m_node, value.toPointF());
    return QGraphicsItem::itemChange(change, value);
}

void ElementItem::mousePressEvent(QGraphicsSceneMouseEvent *event) {
    m_scene->beginDrag();
    QGraphicsItem::mousePressEvent(event);
}

void ElementItem::mouseMoveEvent(QGraphicsSceneMouseEvent *event) {
    QGraphicsItem::mouseMoveEvent(event);
    // Not movable: the base did nothing. A real drag (not a click that wobbled) is told why.
    if (!(flags() & ItemIsMovable) && (event->buttons() & Qt::LeftButton) &&
        (event->screenPos() - event->buttonDownScreenPos(Qt::LeftButton)).manhattanLength() >=
            QApplication::startDragDistance())
        m_scene->refuseDrag();
}

void ElementItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *event) {
    QGraphicsItem::mouseReleaseEvent(event);
    m_scene->endDrag();
}

// ---- LinkItem ------------------------------------------------------------------------------------

LinkItem::LinkItem(TopologyScene *scene, int edge)
    : m_scene(scene)
    , m_edge(edge) {
    setAcceptedMouseButtons(Qt::NoButton);
}

void LinkItem::setEnds(const QPointF &a, const QPointF &b) {
    if (a == m_a && b == m_b && !m_bounds.isNull())
        return;
    prepareGeometryChange();
    m_a = a;
    m_b = b;
    m_bounds = QRectF(a, b).normalized().adjusted(-4, -4, 4, 4);
}

QPainterPath LinkItem::shape() const {
    QPainterPath line(m_a);
    line.lineTo(m_b);
    QPainterPathStroker stroker;
    stroker.setWidth(6);
    return stroker.createStroke(line);
}

void LinkItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *) {
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const TopologyEdge &edge = m_scene->graph()->edges()[size_t(m_edge)];
    const bool down = m_scene->linkDown(m_edge);
    const QColor color = mapstyle::linkColor(edge.utilization, down);
    if (lod < kPlainIconLod) {
        painter->setPen(QPen(color, 0)); // cosmetic hairline: the cheapest line raster draws
        painter->drawLine(m_a, m_b);
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing, true);
    const double width = mapstyle::linkWidth(edge.capacityBps) + (down ? 1.0 : 0.0);
    painter->setPen(QPen(color, width, down ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap));
    painter->drawLine(m_a, m_b);
}

// ---- SiteItem ------------------------------------------------------------------------------------

namespace {
constexpr int kStampMaxPx = 16;

// An antialiased dot of `diameter` device pixels in a severity's colour with a white (or, selected,
// dark) rim; one per (severity, selected, size), kept for the life of the process.
const QPixmap &siteStamp(Severity severity, bool selected, int diameter) {
    static QHash<int, QPixmap> stamps;
    const int key = (int(severity) << 8) | (selected ? 0x80 : 0) | diameter;
    auto it = stamps.find(key);
    if (it == stamps.end()) {
        QPixmap pixmap(diameter + 2, diameter + 2);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(QPen(selected ? QColor(0x26, 0x32, 0x38) : QColor(Qt::white), selected ? 1.5 : 1));
        p.setBrush(mapstyle::severityColor(severity));
        p.drawEllipse(QRectF(1, 1, diameter, diameter));
        p.end();
        it = stamps.insert(key, pixmap);
    }
    return *it;
}
} // namespace

SiteItem::SiteItem(TopologyScene *scene, int site, Part part)
    : m_scene(scene)
    , m_site(site)
    , m_part(part) {
    // The area is scenery: clicks inside it belong to the elements or pan the map.
    if (part == Part::Area) {
        setAcceptedMouseButtons(Qt::NoButton);
    } else {
        setFlags(ItemIsSelectable);
        setAcceptedMouseButtons(Qt::LeftButton);
    }
}

void SiteItem::updateGeometry() {
    prepareGeometryChange();
    const QRectF area = m_scene->siteArea(m_site);
    const QPointF c = m_scene->sitePosition(m_site);
    // Sized by how many elements the site holds, not by its area: in force/layered layouts a site's
    // elements can be spread wide, and an area-sized node would cover its neighbours.
    m_radius =
        std::clamp(24.0 + 8.0 * std::sqrt(double(m_scene->graph()->sites()[size_t(m_site)].elements.size())),
                   30.0, 140.0);
    // The node is drawn at least a few pixels wide when zoomed far out (see displayRadius()).
    const QRectF node(c.x() - kMaxNodeRadius, c.y() - kMaxNodeRadius, 2 * kMaxNodeRadius, 2 * kMaxNodeRadius);
    const QRectF header(area.left(), area.top(), area.width(), 18);
    m_bounds = (m_part == Part::Node ? node : m_part == Part::Area ? area : header).adjusted(-2, -2, 2, 2);
}

QPainterPath SiteItem::shape() const {
    QPainterPath path;
    if (m_part == Part::Area) {
        return path; // not clickable
    } else if (m_part == Part::Header) {
        const QRectF area = m_scene->siteArea(m_site);
        path.addRect(QRectF(area.left(), area.top(), area.width(), 18));
    } else {
        // As big as drawn, so a dot of a few pixels can still be clicked.
        const double r = displayRadius(m_scene->viewScale());
        path.addEllipse(m_scene->sitePosition(m_site), r, r);
    }
    return path;
}

void SiteItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *) {
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const Severity worst = m_scene->siteWorst(m_site);
    if (m_part == Part::Area) {
        const QRectF area = m_scene->siteArea(m_site);
        const SiteItem *header = m_scene->siteHeaderItem(m_site);
        painter->setRenderHint(QPainter::Antialiasing, lod >= kPlainIconLod);
        painter->setPen(
            QPen(header && header->isSelected() ? QColor(0x26, 0x32, 0x38) : mapstyle::siteAreaBorder(), 1));
        painter->setBrush(mapstyle::siteAreaFill());
        painter->drawRoundedRect(area, 6, 6);
        return;
    }
    if (m_part == Part::Header) {
        const QRectF area = m_scene->siteArea(m_site);
        if (lod >= kPlainIconLod) {
            QRectF header(area.left() + 6, area.top() + 2, area.width() - 12, 15);
            if (worst != Severity::Cleared) {
                painter->setPen(Qt::NoPen);
                painter->setBrush(mapstyle::severityColor(worst));
                painter->drawEllipse(QPointF(header.right() - 4, header.center().y()), 4, 4);
                header.setRight(header.right() - 11);
            }
            const QFont font = labelFont(11, true);
            const QFontMetricsF metrics(font);
            const QString name =
                metrics.elidedText(m_scene->siteName(m_site), Qt::ElideRight, header.width());
            // An opaque backdrop the colour of the shaded area: links passing under the name stop at it.
            const QRectF backdrop(header.left() - 3, header.top(), metrics.horizontalAdvance(name) + 6,
                                  header.height());
            painter->setPen(Qt::NoPen);
            painter->setBrush(mapstyle::siteHeaderBackdrop());
            painter->drawRoundedRect(backdrop, 3, 3);
            painter->setFont(font);
            painter->setPen(QColor(0x37, 0x47, 0x4f));
            painter->drawText(header, Qt::AlignLeft | Qt::AlignVCenter, name);
        }
        return;
    }
    const double r = displayRadius(lod);
    const bool selected = option->state & QStyle::State_Selected;
    const int diameterPx = int(std::lround(2 * r * lod));
    if (diameterPx <= kStampMaxPx) {
        // Small nodes (thousands of them in a zoomed-out frame) are a pre-rendered antialiased dot
        // blitted at device pixels: a rasterised ellipse each cost ten times more.
        const QTransform world = painter->worldTransform();
        const QPointF c = world.map(m_scene->sitePosition(m_site));
        const QPixmap &stamp = siteStamp(worst, selected, std::max(diameterPx, 2));
        painter->resetTransform();
        painter->drawPixmap(
            QPointF(std::round(c.x() - stamp.width() / 2.0), std::round(c.y() - stamp.height() / 2.0)),
            stamp);
        painter->setWorldTransform(world);
        return;
    }
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->setPen(
        QPen(option->state & QStyle::State_Selected ? QColor(0x26, 0x32, 0x38) : QColor(Qt::white),
             option->state & QStyle::State_Selected ? 2.5 : 1.2, Qt::SolidLine));
    painter->setPen(QPen(painter->pen().color(), 0)); // cosmetic: crisp at any zoom
    painter->setBrush(mapstyle::severityColor(worst));
    painter->drawEllipse(m_scene->sitePosition(m_site), r, r);
}

double SiteItem::displayRadius(double scale) const {
    // At least 7 px across at any zoom the Sites level is used at, else its size by element count.
    return std::clamp(3.5 / std::max(scale, 1e-6), m_radius, kMaxNodeRadius);
}

QVariant SiteItem::itemChange(GraphicsItemChange change, const QVariant &value) {
    // The area's border shows that its header is selected.
    if (change == ItemSelectedHasChanged && m_part == Part::Header)
        if (SiteItem *area = m_scene->siteAreaItem(m_site))
            area->update();
    return QGraphicsItem::itemChange(change, value);
}

void SiteItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) {
    event->accept();
    m_scene->requestDrillDown(false, m_site);
}

// ---- RegionItem ----------------------------------------------------------------------------------

RegionItem::RegionItem(TopologyScene *scene, int region)
    : m_scene(scene)
    , m_region(region) {
    setFlags(ItemIsSelectable);
    setAcceptedMouseButtons(Qt::LeftButton);
}

void RegionItem::updateGeometry() {
    prepareGeometryChange();
    m_bounds = m_scene->regionArea(m_region).adjusted(-160, -160, 160, 160);
    m_shape = QPainterPath();
    m_shape.setFillRule(Qt::WindingFill); // where two frames overlap, the overlap is the region's too
    for (const RegionFrame &frame : m_scene->regionFrames(m_region))
        m_shape.addRect(outlineOf(frame.area));
}

void RegionItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *) {
    // Outline only: 32 translucent fills of overlapping region boxes cost more than everything else
    // in the zoomed-out frame (each blends most of the viewport).
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(QPen(
        option->state & QStyle::State_Selected ? QColor(0x26, 0x32, 0x38) : QColor(0xb0, 0xbe, 0xc5), 0));
    painter->setBrush(Qt::NoBrush);
    for (const RegionFrame &frame : m_scene->regionFrames(m_region))
        painter->drawRect(outlineOf(frame.area));
    // Each site one dot in its worst colour; worst drawn last so it stays on top. Square, aliased,
    // filled in device pixels: thousands of them per frame, and a wide-pen drawPoints would stroke a
    // path per point (that was most of the zoomed-out frame).
    const QTransform world = painter->worldTransform();
    painter->resetTransform();
    const auto &dots = m_scene->regionDots(m_region);
    for (int sev = 5; sev >= 0; --sev) {
        const QColor color = mapstyle::severityColor(Severity(sev));
        const int size = sev == 5 ? kQuietDotPx : kAlarmDotPx;
        for (const QPointF &p : dots[size_t(sev)]) {
            const QPointF d = world.map(p);
            painter->fillRect(
                QRect(int(std::lround(d.x())) - size / 2, int(std::lround(d.y())) - size / 2, size, size),
                color);
        }
    }
    painter->setWorldTransform(world);
}

void RegionItem::updateDot(const QPointF &sitePos) {
    const double half = (kAlarmDotPx + 2) / std::max(m_scene->viewScale(), 1e-6) / 2;
    // Through the scene, not update(rect): the item is not marked dirty, the rect goes to the view.
    if (QGraphicsScene *s = scene())
        s->update(QRectF(sitePos.x() - half, sitePos.y() - half, 2 * half, 2 * half));
}

void RegionItem::mouseDoubleClickEvent(QGraphicsSceneMouseEvent *event) {
    event->accept();
    m_scene->requestDrillDown(true, m_region);
}

// ---- AggregateLinkItem ---------------------------------------------------------------------------

AggregateLinkItem::AggregateLinkItem(TopologyScene *scene, int aggregate, bool regionLevel)
    : m_scene(scene)
    , m_aggregate(aggregate)
    , m_regionLevel(regionLevel) {
    setAcceptedMouseButtons(Qt::NoButton);
}

void AggregateLinkItem::setEnds(const QPointF &a, const QPointF &b) {
    if (a == m_a && b == m_b && !m_bounds.isNull())
        return; // a geometry change re-indexes the item: only when it really moved
    prepareGeometryChange();
    m_a = a;
    m_b = b;
    m_bounds = QRectF(a, b).normalized().adjusted(-60, -60, 60, 60);
}

void AggregateLinkItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) {
    const auto &agg =
        m_regionLevel ? m_scene->regionAggregate(m_aggregate) : m_scene->siteAggregate(m_aggregate);
    const bool down = m_scene->aggregateDown(agg);
    QPen pen(mapstyle::linkColor(agg.maxUtilization, down),
             std::clamp(1.0 + 0.8 * std::log10(std::max(agg.capacityBps / 1e9, 1.0)), 1.0, 5.0));
    pen.setCosmetic(true);
    painter->setPen(pen);
    painter->drawLine(m_a, m_b);
}

} // namespace noc
