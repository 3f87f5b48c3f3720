#include "map/topology_view.h"

#include "logging.h"
#include "map/map_items.h"
#include "map/map_style.h"
#include "map/map_tooltips.h"
#include "map/topology_scene.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>
#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <unordered_set>
#include <utility>

namespace noc {

namespace {
constexpr double kMinScale = 0.002;
constexpr double kMaxScale = 4.0;
constexpr int kMaxLabels = 160;
constexpr double kSiteCellPixels = 20; // about a site node with its ring
} // namespace

TopologyView::TopologyView(TopologyScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent)
    , m_scene(scene) {
    // As in qtbase's chip demo: set once, never per frame.
    setOptimizationFlags(QGraphicsView::DontSavePainterState | QGraphicsView::DontAdjustForAntialiasing);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setRenderHint(QPainter::Antialiasing, false); // items switch it on where it shows
    setRenderHint(QPainter::TextAntialiasing, true);
    setCacheMode(QGraphicsView::CacheNone);
    setFocusPolicy(Qt::StrongFocus);
}

double TopologyView::scale() const {
    return transform().m11();
}

void TopologyView::setScale(double scale, const QPointF &sceneAnchor) {
    scale = std::clamp(scale, kMinScale, kMaxScale);
    if (!m_fitting)
        m_atFit = false;
    ensureSceneRect();
    setTransform(QTransform::fromScale(scale, scale));
    updateDetail(); // may swap scenes: centre afterwards
    centerOn(sceneAnchor);
    emit viewChanged();
}

void TopologyView::zoomBy(double factor) {
    const double target = std::clamp(scale() * factor, kMinScale, kMaxScale);
    if (target == scale())
        return;
    m_atFit = false;
    QGraphicsView::scale(target / scale(), target / scale());
    updateDetail();
    emit viewChanged();
}

void TopologyView::fitAll() {
    // A margin so nodes and names at the map's edge are not cut by the view's border (more at the
    // top, where region names stand above their frames).
    const QRectF b = m_scene->mapBounds();
    fitRect(b.adjusted(-b.width() * 0.04, -b.height() * 0.07, b.width() * 0.04, b.height() * 0.04));
    m_atFit = !m_scene->mapBounds().isEmpty();
}

void TopologyView::ensureSceneRect() {
    // The view keeps its own scene rect so that swapping scenes cannot move or re-range the scroll
    // bars, with generous margins so any element, even one at the map's edge, can be centred.
    const QRectF b = m_scene->mapBounds();
    const QRectF wanted = b.adjusted(-b.width() / 2 - 2000, -b.height() / 2 - 2000, b.width() / 2 + 2000,
                                     b.height() / 2 + 2000);
    if (!b.isEmpty() && sceneRect() != wanted)
        setSceneRect(wanted);
}

void TopologyView::fitRect(const QRectF &rect) {
    if (rect.isEmpty())
        return;
    m_atFit = false;
    m_fitting = true;
    ensureSceneRect();
    fitInView(rect, Qt::KeepAspectRatio);
    if (scale() > kMaxScale || scale() < kMinScale)
        setScale(scale(), rect.center());
    m_fitting = false;
    updateDetail();
    emit viewChanged();
}

void TopologyView::centreOn(const QPointF &scenePos, double minScale) {
    setScale(std::max(scale(), minScale), scenePos);
}

void TopologyView::updateDetail() {
    const double s = scale();
    m_scene->setViewScale(s);
    MapDetail detail = MapDetail::Elements;
    if (s < TopologyScene::kElementScale) {
        // Sites while a readable number of them is in view and they do not pile up on the screen
        // (a city's sites seen from a country away are one blob of overlapping nodes), else regions.
        // Piling up: fewer than half the sites in view have a screen cell of a node's size to
        // themselves.
        const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
        const double cell = kSiteCellPixels / s;
        std::unordered_set<quint64> cells;
        int inView = 0;
        const auto &items = m_scene->siteItems();
        for (size_t k = 0; k < items.size() && inView <= TopologyScene::kMaxVisibleSites; ++k) {
            const QPointF p = m_scene->sitePosition(int(k));
            if (!visible.contains(p))
                continue;
            ++inView;
            const auto x = quint32(qint32(std::floor((p.x() - visible.left()) / cell)));
            const auto y = quint32(qint32(std::floor((p.y() - visible.top()) / cell)));
            cells.insert((quint64(x) << 32) | y);
        }
        const bool readable = inView <= TopologyScene::kMaxVisibleSites && int(cells.size()) * 2 >= inView;
        detail = readable ? MapDetail::Sites : MapDetail::Regions;
    }
    m_scene->setDetail(detail);
    ensureSceneRect();
    QGraphicsScene *wanted = m_scene->sceneFor(detail);
    if (QGraphicsView::scene() != wanted) {
        // Same scene rect and transform in both scenes: swapping keeps the view exactly in place.
        const QPointF centre = mapToScene(viewport()->rect().center());
        const QTransform t = transform();
        const bool fitting = std::exchange(m_fitting, true); // not a pan by the user
        setScene(wanted);
        setTransform(t);
        centerOn(centre);
        m_fitting = fitting;
        if (QLineF(mapToScene(viewport()->rect().center()), centre).length() > 1 / std::max(t.m11(), 1e-6))
            logging::logger("ui")->debug("map: view moved while swapping scenes");
    }
}

void TopologyView::wheelEvent(QWheelEvent *event) {
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    zoomBy(std::pow(1.25, steps));
    event->accept();
}

void TopologyView::keyPressEvent(QKeyEvent *event) {
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.25);
        return;
    case Qt::Key_Minus:
        zoomBy(0.8);
        return;
    case Qt::Key_0:
    case Qt::Key_Home:
        fitAll();
        return;
    default:
        break;
    }
    QGraphicsView::keyPressEvent(event);
}

void TopologyView::scrollContentsBy(int dx, int dy) {
    if (!m_fitting && !m_resizing)
        m_atFit = false; // the user panned
    QGraphicsView::scrollContentsBy(dx, dy);
    emit viewChanged();
}

void TopologyView::resizeEvent(QResizeEvent *event) {
    const bool atFit = m_atFit;
    m_resizing = true;
    QGraphicsView::resizeEvent(event);
    m_resizing = false;
    if (atFit)
        fitAll();
    emit viewChanged();
}

QGraphicsItem *TopologyView::mapItemAt(const QPoint &viewportPos) const {
    if (!QGraphicsView::scene() || !m_scene->graph())
        return nullptr;
    // Topmost first: an element before the link under it, a site's name before its area.
    for (QGraphicsItem *item : items(viewportPos)) {
        switch (item->type()) {
        case ElementItem::Type:
        case LinkItem::Type:
        case SiteItem::Type:
        case RegionItem::Type:
        case AggregateLinkItem::Type:
            return item;
        default:
            break;
        }
    }
    // The shaded area of a site has no shape (clicks pass through it to pan the map); between its
    // elements it still names the site.
    for (QGraphicsItem *item : items(QRect(viewportPos, QSize(1, 1)), Qt::IntersectsItemBoundingRect))
        if (item->type() == SiteItem::Type && static_cast<SiteItem *>(item)->part() == SiteItem::Part::Area)
            return item;
    return nullptr;
}

QString TopologyView::toolTipAt(const QPoint &viewportPos) const {
    return MapToolTips::forItem(*m_scene, mapItemAt(viewportPos));
}

bool TopologyView::viewportEvent(QEvent *event) {
    if (event->type() != QEvent::ToolTip)
        return QGraphicsView::viewportEvent(event);
    const auto *help = static_cast<QHelpEvent *>(event);
    const QString text = toolTipAt(help->pos());
    if (text.isEmpty()) {
        QToolTip::hideText();
        event->ignore();
    } else {
        QToolTip::showText(help->globalPos(), text, viewport());
    }
    return true;
}

void TopologyView::contextMenuEvent(QContextMenuEvent *event) {
    QGraphicsItem *item = mapItemAt(event->pos());
    if (!item) {
        event->ignore();
        return;
    }
    event->accept();
    emit itemContextMenuRequested(item, event->globalPos());
}

void TopologyView::drawBackground(QPainter *painter, const QRectF &rect) {
    painter->fillRect(rect, mapstyle::mapBackground());
}

void TopologyView::layoutLabels() {
    m_labels.clear();
    if (!m_scene->graph() || m_scene->detail() == MapDetail::Elements)
        return;
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    const QRectF viewportRect = viewport()->rect();
    const auto &graph = *m_scene->graph();
    const bool regions = m_scene->detail() == MapDetail::Regions;
    QFont font;
    font.setPixelSize(regions ? 14 : 11);
    font.setBold(regions);
    const QFontMetricsF fm(font);

    // A name and the places it may go, best first (viewport rects); `region` is the region whose
    // frame it names (-1 for a site's name).
    struct Candidate {
        int weight;
        int region;
        QString text;
        std::vector<QRectF> places;
    };
    std::vector<Candidate> candidates;
    // Every frame's outline on the screen, so that a name can keep off other regions' frames.
    std::vector<std::pair<int, QRectF>> frameOutlines;
    if (regions) {
        struct Frame {
            int region;
            bool main;
            QRectF area;    // scene
            QRectF outline; // viewport
        };
        std::vector<Frame> frames;
        for (int r = 0; r < graph.regions().size(); ++r) {
            const std::vector<RegionFrame> &regionFrames = m_scene->regionFrames(r);
            for (size_t f = 0; f < regionFrames.size(); ++f) {
                const QRectF area = regionFrames[f].area;
                if (area.isValid() && visible.intersects(area))
                    frames.push_back(
                        {r, f == 0, area, mapFromScene(RegionItem::outlineOf(area)).boundingRect()});
            }
        }
        for (const Frame &frame : frames)
            frameOutlines.emplace_back(frame.region, frame.outline);
        const double h = fm.height() + 2;
        for (const Frame &frame : frames) {
            // Each of a region's frames is named (an outlier's too, so its dots are not taken for
            // another region's); the main one first, so it keeps its name where names collide.
            const QString text = fm.elidedText(m_scene->regionName(frame.region), Qt::ElideRight, 180);
            const double w = fm.horizontalAdvance(text) + 8;
            const auto at = [w, h](QPointF centre) {
                return QRectF(centre.x() - w / 2, centre.y() - h / 2, w, h);
            };
            // Above a box, so the name does not hide its dots; else below, right or left of it.
            const auto around = [&at, w, h](const QRectF &box) {
                const QPointF c = box.center();
                return std::array{at({c.x(), box.top() - h / 2 - 2}), at({c.x(), box.bottom() + h / 2 + 2}),
                                  at({box.right() + w / 2 + 3, c.y()}), at({box.left() - w / 2 - 3, c.y()})};
            };
            // First around the frame itself; an outlier inside or beside another city's frame is
            // named around both frames instead of on the city's dots; in the middle when no side is
            // in view.
            QRectF block = frame.outline;
            for (const auto &[region, outline] : frameOutlines)
                if (region != frame.region && outline.intersects(frame.outline))
                    block = block.united(outline);
            std::vector<QRectF> places;
            for (const QRectF &place : around(frame.outline))
                places.push_back(place);
            if (block != frame.outline)
                for (const QRectF &place : around(block))
                    places.push_back(place);
            places.push_back(at(mapFromScene(frame.area.center())));
            candidates.push_back({frame.main ? int(frame.area.width() * frame.area.height() / 1000) : -1,
                                  frame.region, text, std::move(places)});
        }
    } else {
        const double s = scale();
        for (size_t k = 0; k < graph.sites().size(); ++k) {
            const QPointF p = m_scene->sitePosition(int(k));
            if (graph.sites()[k].elements.empty() || !visible.contains(p))
                continue;
            const double radiusPx = m_scene->siteItem(int(k))->displayRadius(s) * s;
            const QPointF a = mapFromScene(p) + QPointF(0, radiusPx + 2);
            const QString text = fm.elidedText(m_scene->siteName(int(k)), Qt::ElideRight, 180);
            const double w = fm.horizontalAdvance(text) + 8;
            candidates.push_back({int(graph.sites()[k].elements.size()),
                                  -1,
                                  text,
                                  {QRectF(a.x() - w / 2, a.y(), w, fm.height() + 2)}});
        }
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate &a, const Candidate &b) { return a.weight > b.weight; });
    const auto clashesWithPlaced = [this](const QRectF &rect) {
        return std::any_of(m_labels.cbegin(), m_labels.cend(), [&rect](const Label &placed) {
            return placed.rect.adjusted(-3, -2, 3, 2).intersects(rect);
        });
    };
    const auto onOtherRegionsFrame = [&frameOutlines](const QRectF &rect, int region) {
        return std::any_of(frameOutlines.cbegin(), frameOutlines.cend(), [&](const auto &frame) {
            return frame.first != region && frame.second.intersects(rect);
        });
    };
    for (const Candidate &candidate : candidates) {
        if (m_labels.size() >= kMaxLabels)
            break;
        // The first place in view and free of other names; better, the first also off other regions'
        // frames.
        std::optional<QRectF> chosen;
        for (const QRectF &rect : candidate.places) {
            if (!viewportRect.contains(rect) || clashesWithPlaced(rect))
                continue;
            if (!onOtherRegionsFrame(rect, candidate.region)) {
                chosen = rect;
                break;
            }
            if (!chosen)
                chosen = rect;
        }
        if (chosen)
            m_labels.append({*chosen, candidate.text, regions});
    }
}

void TopologyView::drawForeground(QPainter *painter, const QRectF &) {
    if (viewportTransform() != m_labelsTransform || m_scene->geometryVersion() != m_labelsVersion) {
        layoutLabels();
        m_labelsTransform = viewportTransform();
        m_labelsVersion = m_scene->geometryVersion();
    }
    if (m_labels.isEmpty())
        return;
    painter->save();
    painter->resetTransform();
    painter->setRenderHint(QPainter::Antialiasing, true);
    QFont font;
    for (const Label &label : std::as_const(m_labels)) {
        font.setPixelSize(label.bold ? 14 : 11);
        font.setBold(label.bold);
        painter->setFont(font);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(255, 255, 255, 215));
        painter->drawRoundedRect(label.rect, 3, 3);
        painter->setPen(QColor(0x26, 0x32, 0x38));
        painter->drawText(label.rect, Qt::AlignCenter, label.text);
    }
    painter->restore();
}

} // namespace noc
