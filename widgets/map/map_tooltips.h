#pragma once

#include <QCoreApplication>
#include <QString>

class QGraphicsItem;

// The map's tooltips (rich text). Built only when the view is asked for one (QEvent::ToolTip), from
// what the scene already holds for drawing: no tooltip is stored on an item and nothing is formatted
// while painting or updating, so 100,000 elements cost nothing until one is hovered.
namespace noc {

class TopologyScene;
struct TopologyAggregate;

class MapToolTips {
    Q_DECLARE_TR_FUNCTIONS(MapToolTips)
public:
    // The tooltip of any of the map's items; empty for an item that has none.
    static QString forItem(const TopologyScene &scene, const QGraphicsItem *item);

    // Name, type, site, operational state, active alarms per severity (unacknowledged ones marked)
    // and whether the user pinned its position.
    static QString element(const TopologyScene &scene, int node);
    // Name, how many elements, worst active alarm.
    static QString site(const TopologyScene &scene, int site);
    static QString region(const TopologyScene &scene, int region);
    // Both ends, capacity, use, and whether it is down.
    static QString link(const TopologyScene &scene, int edge);
    // Links between two sites (or regions) folded into one line.
    static QString aggregate(const TopologyScene &scene, const TopologyAggregate &aggregate,
                             bool regionLevel);

    // "10 Gbit/s", "622 Mbit/s".
    static QString capacityText(double bps);
};

} // namespace noc
