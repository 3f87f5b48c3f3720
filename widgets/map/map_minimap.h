#pragma once

#include <QElapsedTimer>
#include <QImage>
#include <QPolygonF>
#include <QWidget>

// Overview of the whole map in a corner of the view: every site as a dot in its worst-alarm colour
// and the part the view shows as a frame. Click or drag to move the view there. The dots are
// painted into a cached image that is rebuilt only when the scene's version changed, and at most
// every kRefreshMs during an alarm storm (an overview need not follow every 1% recolour at once).
namespace noc {

class TopologyScene;

class MapMinimap : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRefreshMs = 500;
    explicit MapMinimap(TopologyScene *scene, QWidget *parent = nullptr);
    // Set to 0 in tests to rebuild on every change.
    void setRefreshIntervalMs(int ms) { m_refreshMs = ms; }
    void setVisibleArea(const QPolygonF &sceneArea);
    QSize sizeHint() const override { return {200, 150}; }

signals:
    void centreRequested(const QPointF &scenePos);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    QTransform sceneToWidget() const;
    void rebuildCache();
    TopologyScene *m_scene;
    QPolygonF m_visible;
    QImage m_cache;
    quint64 m_cacheVersion = ~0ULL;
    QElapsedTimer m_sinceRebuild;
    bool m_refreshQueued = false;
    int m_refreshMs = kRefreshMs;
};

} // namespace noc
