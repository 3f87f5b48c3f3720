#pragma once

#include <QGraphicsView>
#include <QHash>

// The map's view: wheel/keyboard zoom anchored under the mouse, hand-drag panning, fit, and the
// level of detail (regions / sites / elements) chosen from the zoom. Site and region names are drawn
// in a screen-space label layer (drawForeground) so they stay readable at any zoom and never
// overlap each other: labels that would collide are left out, biggest sites first.
namespace noc {

class TopologyScene;

class TopologyView : public QGraphicsView {
    Q_OBJECT
public:
    explicit TopologyView(TopologyScene *scene, QWidget *parent = nullptr);

    double scale() const;
    void setScale(double scale, const QPointF &sceneAnchor);
    void zoomBy(double factor);
    void fitAll();
    void fitRect(const QRectF &rect);
    void centreOn(const QPointF &scenePos, double minScale);
    // Chooses the scene's level of detail for the current zoom.
    void updateDetail();

    struct Label {
        QRectF rect; // viewport pixels
        QString text;
        bool bold = false;
    };
    // The names drawn at the last paint, in viewport pixels.
    const QList<Label> &labels() const { return m_labels; }

    // The map item under a viewport position that has something to say: an element, link, site
    // (node, name or the shaded area around its elements), region or folded link; null for none.
    QGraphicsItem *mapItemAt(const QPoint &viewportPos) const;
    // Its tooltip (MapToolTips), built now; empty where there is no item.
    QString toolTipAt(const QPoint &viewportPos) const;

signals:
    void viewChanged(); // zoom or scroll: the minimap follows
    // Right click (or the menu key) on a map item; `globalPos` is where the menu goes.
    void itemContextMenuRequested(QGraphicsItem *item, const QPoint &globalPos);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void scrollContentsBy(int dx, int dy) override;
    void resizeEvent(QResizeEvent *event) override;
    // Tooltips are built here, on QEvent::ToolTip only, never stored on the items.
    bool viewportEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void layoutLabels();
    void ensureSceneRect();

    TopologyScene *m_scene;
    QList<Label> m_labels;
    QTransform m_labelsTransform;
    quint64 m_labelsVersion = ~0ULL;
    // "Fit" stays fit when the viewport changes size (a banner appearing above the map, a dock
    // resized) until the user zooms or pans.
    bool m_atFit = false;
    bool m_fitting = false;
    bool m_resizing = false;
};

} // namespace noc
