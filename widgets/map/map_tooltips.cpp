#include "map/map_tooltips.h"

#include "map/map_element_card.h"
#include "map/map_items.h"
#include "map/map_style.h"
#include "map/topology_scene.h"

#include <QLocale>
#include <QStringList>
#include <cmath>

namespace noc {

namespace {

QString escaped(const QString &text) {
    return text.toHtmlEscaped();
}

// A small square in a severity's colour, as the element card draws it.
QString severityMark(Severity severity) {
    return QStringLiteral("<span style=\"color:%1\">&#9632;</span>")
        .arg(mapstyle::severityColor(severity).name());
}

QString grey(const QString &text) {
    return QStringLiteral("<span style=\"color:#607d8b\">%1</span>").arg(escaped(text));
}

// One line per text, never wrapped: names and counts read in one glance.
QString asToolTip(const QStringList &lines) {
    return QStringLiteral("<p style=\"white-space:pre\">") + lines.join(QStringLiteral("<br>")) +
           QStringLiteral("</p>");
}

QString percent(double fraction) {
    return QLocale().toString(std::lround(std::clamp(fraction, 0.0, 1.0) * 100)) + QStringLiteral("%");
}

} // namespace

QString MapToolTips::capacityText(double bps) {
    if (bps >= 1e9)
        return tr("%1 Gbit/s").arg(QLocale().toString(bps / 1e9, 'g', 3));
    if (bps >= 1e6)
        return tr("%1 Mbit/s").arg(QLocale().toString(bps / 1e6, 'g', 3));
    return tr("%1 kbit/s").arg(QLocale().toString(bps / 1e3, 'g', 3));
}

QString MapToolTips::forItem(const TopologyScene &scene, const QGraphicsItem *item) {
    if (!item || !scene.graph())
        return {};
    switch (item->type()) {
    case ElementItem::Type:
        return element(scene, static_cast<const ElementItem *>(item)->node());
    case SiteItem::Type:
        return site(scene, static_cast<const SiteItem *>(item)->site());
    case RegionItem::Type:
        return region(scene, static_cast<const RegionItem *>(item)->region());
    case LinkItem::Type:
        return link(scene, static_cast<const LinkItem *>(item)->edge());
    case AggregateLinkItem::Type: {
        const auto *folded = static_cast<const AggregateLinkItem *>(item);
        return aggregate(scene,
                         folded->regionLevel() ? scene.regionAggregate(folded->aggregate())
                                               : scene.siteAggregate(folded->aggregate()),
                         folded->regionLevel());
    }
    default:
        return {};
    }
}

QString MapToolTips::element(const TopologyScene &scene, int node) {
    const TopologyNode &n = scene.graph()->nodes()[size_t(node)];
    const ElementStatus status = scene.status(node);
    QStringList lines;
    lines << QStringLiteral("<b>%1</b>").arg(escaped(n.name.isEmpty() ? n.id : n.name));
    lines << escaped(
        tr("%1 at site %2").arg(MapElementCard::categoryName(n.category), scene.siteName(n.site)));
    lines << (n.outOfService ? QStringLiteral("<span style=\"color:#c62828\">%1</span>")
                                   .arg(escaped(tr("Out of service (operational state: disabled)")))
                             : escaped(tr("In service (operational state: enabled)")));
    bool anyAlarm = false;
    for (int k = 0; k < ElementStatus::kSeverities; ++k) {
        const int active = status.active[size_t(k)];
        if (active == 0)
            continue;
        if (!anyAlarm)
            lines << escaped(tr("Active alarms:"));
        anyAlarm = true;
        const int unacknowledged = status.unacknowledged[size_t(k)];
        const QString count =
            QStringLiteral("%1 %2: %3")
                .arg(severityMark(Severity(k)), escaped(MapElementCard::severityName(Severity(k))),
                     escaped(QLocale().toString(active)));
        // Unacknowledged ones are what someone still has to look at: in bold, with their number.
        lines << (unacknowledged > 0
                      ? QStringLiteral("%1 <b>%2</b>")
                            .arg(count,
                                 escaped(
                                     unacknowledged == active
                                         ? tr("(none acknowledged)")
                                         : tr("(%1 unacknowledged)").arg(QLocale().toString(unacknowledged))))
                      : count + QLatin1Char(' ') + grey(tr("(all acknowledged)")));
    }
    if (!anyAlarm)
        lines << (status.worst == Severity::Cleared
                      ? grey(tr("No active alarms"))
                      // Known only from the colour (an in-memory map given no counts).
                      : severityMark(status.worst) + QLatin1Char(' ') +
                            escaped(tr("Worst active alarm: %1")
                                        .arg(MapElementCard::severityName(status.worst))));
    if (status.linkDown)
        lines << QStringLiteral("<span style=\"color:#c62828\">%1</span>")
                     .arg(escaped(tr("Link down or loss of signal")));
    lines << (scene.isPinned(node) ? escaped(tr("Position pinned (right-click to unpin)"))
                                   : grey(tr("Position from the layout")));
    return asToolTip(lines);
}

QString MapToolTips::site(const TopologyScene &scene, int site) {
    const TopologySite &s = scene.graph()->sites()[size_t(site)];
    const int elements = int(s.elements.size());
    const std::array<int, 6> &counts = scene.siteSeverityCounts(site);
    const int alarmed = elements - counts[size_t(Severity::Cleared)];
    const Severity worst = scene.siteWorst(site);
    QStringList lines;
    lines << QStringLiteral("<b>%1</b>").arg(escaped(scene.siteName(site)));
    if (!s.synthetic && !s.region.isEmpty())
        lines << escaped(tr("Region %1").arg(scene.regionName(s.region_index)));
    lines << escaped(elements == 1 ? tr("1 element") : tr("%1 elements").arg(QLocale().toString(elements)));
    lines << (worst == Severity::Cleared
                  ? grey(tr("No active alarms"))
                  : severityMark(worst) + QLatin1Char(' ') +
                        escaped(tr("Worst active alarm: %1 (%2 of %3 elements alarmed)")
                                    .arg(MapElementCard::severityName(worst), QLocale().toString(alarmed),
                                         QLocale().toString(elements))));
    return asToolTip(lines);
}

QString MapToolTips::region(const TopologyScene &scene, int region) {
    const std::vector<int> &sites = scene.regionSites(region);
    const Severity worst = scene.regionWorst(region);
    QStringList lines;
    lines << QStringLiteral("<b>%1</b>").arg(escaped(tr("Region %1").arg(scene.regionName(region))));
    lines << escaped(sites.size() == 1 ? tr("1 site")
                                       : tr("%1 sites").arg(QLocale().toString(qint64(sites.size()))));
    lines << (worst == Severity::Cleared
                  ? grey(tr("No active alarms"))
                  : severityMark(worst) + QLatin1Char(' ') +
                        escaped(tr("Worst active alarm: %1").arg(MapElementCard::severityName(worst))));
    return asToolTip(lines);
}

QString MapToolTips::link(const TopologyScene &scene, int edge) {
    const TopologyEdge &e = scene.graph()->edges()[size_t(edge)];
    const auto &nodes = scene.graph()->nodes();
    const TopologyNode &a = nodes[size_t(e.a)];
    const TopologyNode &b = nodes[size_t(e.b)];
    QStringList lines;
    lines << QStringLiteral("<b>%1 \u2194 %2</b>").arg(escaped(a.name), escaped(b.name));
    if (a.site != b.site)
        lines << grey(tr("Between sites %1 and %2").arg(scene.siteName(a.site), scene.siteName(b.site)));
    lines << escaped(tr("%1, %2 in use").arg(capacityText(e.capacityBps), percent(e.utilization)));
    if (scene.linkDown(edge))
        lines << QStringLiteral("<span style=\"color:#c62828\">%1</span>")
                     .arg(escaped(e.operDown ? tr("Down (its operational state is disabled)")
                                             : tr("Down (an end reports link down or loss of signal)")));
    return asToolTip(lines);
}

QString MapToolTips::aggregate(const TopologyScene &scene, const TopologyAggregate &agg, bool regionLevel) {
    const auto name = [&](int i) { return regionLevel ? scene.regionName(i) : scene.siteName(i); };
    const auto &edges = scene.graph()->edges();
    int down = 0;
    for (int e : agg.edges)
        if (!edges[size_t(e)].removed && scene.linkDown(e))
            ++down;
    QStringList lines;
    lines << QStringLiteral("<b>%1 \u2194 %2</b>").arg(escaped(name(agg.a)), escaped(name(agg.b)));
    const int count = int(agg.edges.size());
    lines << escaped(
        (count == 1 ? tr("1 link") : tr("%1 links").arg(QLocale().toString(count))) + QStringLiteral(", ") +
        tr("%1 in total, busiest %2 in use").arg(capacityText(agg.capacityBps), percent(agg.maxUtilization)));
    if (down > 0)
        lines << QStringLiteral("<span style=\"color:#c62828\">%1</span>")
                     .arg(escaped(down == 1 ? tr("1 link down") : tr("%1 links down").arg(down)));
    return asToolTip(lines);
}

} // namespace noc
