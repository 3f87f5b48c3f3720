#include "map/map_minimap.h"

#include "map/map_style.h"
#include "map/topology_scene.h"

#include <QMouseEvent>
#include <QPainter>
#include <QTimer>
#include <array>
#include <vector>

namespace noc {

MapMinimap::MapMinimap(TopologyScene *scene, QWidget *parent)
    : QWidget(parent)
    , m_scene(scene) {
    setFixedSize(200, 150);
    setCursor(Qt::PointingHandCursor);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void MapMinimap::setVisibleArea(const QPolygonF &sceneArea) {
    m_visible = sceneArea;
    update();
}

QTransform MapMinimap::sceneToWidget() const {
    const QRectF bounds = m_scene->mapBounds();
    if (bounds.isEmpty())
        return {};
    const QRectF target = QRectF(rect()).adjusted(4, 4, -4, -4);
    const double s = std::min(target.width() / bounds.width(), target.height() / bounds.height());
    const QPointF offset = target.center() - QPointF(bounds.center().x() * s, bounds.center().y() * s);
    return QTransform(s, 0, 0, s, offset.x(), offset.y());
}

void MapMinimap::rebuildCache() {
    m_cache = QImage(size(), QImage::Format_ARGB32_Premultiplied);
    m_cache.fill(QColor(Qt::white)); // opaque: the view must not show through
    QPainter p(&m_cache);
    if (m_scene->graph()) {
        // One pass over the sites into buckets per colour, quiet ones first, then worst on top.
        const QTransform t = sceneToWidget();
        const auto &sites = m_scene->graph()->sites();
        std::array<std::vector<QPoint>, 6> buckets;
        for (size_t s = 0; s < sites.size(); ++s)
            if (!sites[s].removed && !sites[s].elements.empty())
                buckets[size_t(m_scene->siteWorst(int(s)))].push_back(
                    t.map(m_scene->sitePosition(int(s))).toPoint());
        for (int sev = 5; sev >= 0; --sev) {
            const QColor color = mapstyle::severityColor(Severity(sev));
            const int size = sev == 5 ? 2 : 3;
            for (const QPoint &pt : buckets[size_t(sev)])
                p.fillRect(QRect(pt.x() - size / 2, pt.y() - size / 2, size, size), color);
        }
    }
    p.setPen(QColor(0x90, 0xa4, 0xae));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5));
    m_cacheVersion = m_scene->version();
    m_sinceRebuild.start();
}

void MapMinimap::paintEvent(QPaintEvent *) {
    if (m_cache.size() != size()) {
        rebuildCache();
    } else if (m_cacheVersion != m_scene->version()) {
        if (!m_sinceRebuild.isValid() || m_sinceRebuild.elapsed() >= m_refreshMs) {
            rebuildCache();
        } else if (!m_refreshQueued) {
            m_refreshQueued = true;
            QTimer::singleShot(m_refreshMs - int(m_sinceRebuild.elapsed()) + 1, this, [this] {
                m_refreshQueued = false;
                update();
            });
        }
    }
    QPainter painter(this);
    painter.drawImage(0, 0, m_cache);
    if (!m_visible.isEmpty()) {
        painter.setPen(QPen(mapstyle::highlightColor(), 1.5));
        painter.setBrush(QColor(0, 184, 212, 30));
        painter.drawPolygon(sceneToWidget().map(m_visible).intersected(QPolygonF(QRectF(rect()))));
    }
}

void MapMinimap::mousePressEvent(QMouseEvent *event) {
    bool invertible = false;
    const QTransform inverse = sceneToWidget().inverted(&invertible);
    if (invertible)
        emit centreRequested(inverse.map(event->position()));
}

void MapMinimap::mouseMoveEvent(QMouseEvent *event) {
    if (event->buttons() & Qt::LeftButton)
        mousePressEvent(event);
}

} // namespace noc
