#include "topology/network_generator.h"
#include "topology/region_frames.h"
#include "topology/topology_graph.h"
#include "topology/topology_layout.h"
#include "topology/topology_layout_runner.h"

#include <QSignalSpy>
#include <QTest>
#include <cmath>
#include <numeric>
#include <random>

using namespace noc;

namespace {
TopologyGraph generatedGraph(int elements, NetworkGeneratorOptions options = {}) {
    options.elements = elements;
    const GeneratedNetwork net = generateNetwork(options);
    return TopologyGraph::build(net.sites, net.elements, net.links);
}
// A city of `count` site areas (172x126, as a three-element site) on a grid 400 apart, its top-left
// site at `origin`.
std::vector<QRectF> citySites(int count, QPointF origin = {}) {
    std::vector<QRectF> sites;
    for (int k = 0; k < count; ++k)
        sites.emplace_back(origin + QPointF(400.0 * (k % 6), 400.0 * (k / 6)), QSizeF(172, 126));
    return sites;
}
// Five cities hundreds of kilometres apart (two of them neighbours), each with 60 sites within ~15 km
// of its centre and two or three elements per site: how operators' sites cluster.
struct City {
    const char *region;
    double lat, lon;
};
const City kCities[] = {
    {"BJ", 39.9, 116.4}, {"SH", 31.2, 121.3}, {"CD", 30.5, 104.0}, {"GZ", 23.2, 113.1}, {"SZ", 22.5, 114.0}};
void addSite(QList<Site> &sites, QList<NetworkElement> &elements, const QString &id, const char *region,
             double lat, double lon, int elementCount) {
    Site site;
    site.id = id;
    site.region = region;
    site.latitude = lat;
    site.longitude = lon;
    sites << site;
    for (int e = 0; e < elementCount; ++e) {
        NetworkElement element;
        element.id = QString("%1-E%2").arg(id).arg(e);
        element.siteId = id;
        elements << element;
    }
}
void addCities(QList<Site> &sites, QList<NetworkElement> &elements) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> jitter(-0.12, 0.12);
    for (const City &c : kCities)
        for (int k = 0; k < 60; ++k) {
            const double lat = c.lat + jitter(rng);
            addSite(sites, elements, QString("%1-S%2").arg(c.region).arg(k), c.region, lat,
                    c.lon + jitter(rng) * 1.2, 2 + k % 2);
        }
}
// The drawn area of a region's sites (by site id prefix), leaving out `except`.
QRectF regionArea(const TopologyGraph &g, const LayoutResult &result, const char *region,
                  const QString &except = {}) {
    QRectF area;
    for (size_t s = 0; s < g.sites().size(); ++s)
        if (g.sites()[s].id.startsWith(QLatin1String(region)) && g.sites()[s].id != except)
            area = area.united(result.siteAreas[s]);
    return area;
}
} // namespace

class TopologyLayoutTest : public QObject {
    Q_OBJECT
private slots:
    void generatorIsDeterministicAndRealistic() {
        // Given the same seed twice  When networks are generated
        NetworkGeneratorOptions options;
        options.elements = 2000;
        const GeneratedNetwork a = generateNetwork(options);
        const GeneratedNetwork b = generateNetwork(options);
        // Then they are identical, with the asked size, 1.5x links, and all three layers present
        QCOMPARE(a.elements, b.elements);
        QCOMPARE(a.links, b.links);
        QCOMPARE(a.elements.size(), 2000);
        QVERIFY(std::abs(a.links.size() - 3000) <= 3);
        int layers[4] = {};
        for (const NetworkElement &e : a.elements)
            ++layers[int(e.layer)];
        QVERIFY(layers[int(NetworkLayer::Core)] > 0);
        QVERIFY(layers[int(NetworkLayer::Aggregation)] > 0);
        QVERIFY(layers[int(NetworkLayer::Access)] > layers[int(NetworkLayer::Aggregation)]);
        // And a different seed gives a different network
        options.seed = 7;
        QVERIFY(generateNetwork(options).links != a.links);
    }

    void graphIndexesElementsSitesAndLinks() {
        // Given two sites, three elements and two links
        Site s1{"s1", "Site one", "North", 39.9, 116.4, {}, 0};
        Site s2{"s2", "Site two", "North", 31.2, 121.5, {}, 0};
        NetworkElement a, b, c;
        a.id = "a";
        a.siteId = "s1";
        b.id = "b";
        b.siteId = "s1";
        c.id = "c";
        c.siteId = "s2";
        Link ab, bc;
        ab.id = "ab";
        ab.aEndId = "a";
        ab.zEndId = "b";
        bc.id = "bc";
        bc.aEndId = "b";
        bc.zEndId = "c";
        bc.operationalState = "disable";
        // When the graph is built
        const TopologyGraph g = TopologyGraph::build({s1, s2}, {a, b, c}, {ab, bc});
        // Then indexes, adjacency and membership match, and nothing is skipped
        QCOMPARE(int(g.nodes().size()), 3);
        QCOMPARE(int(g.edges().size()), 2);
        QCOMPARE(g.sites()[size_t(g.siteIndex("s1"))].elements.size(), size_t(2));
        const int bi = g.nodeIndex("b");
        QCOMPARE(g.adjacencyBegin(bi + 1) - g.adjacencyBegin(bi), 2);
        QVERIFY(g.edges()[1].operDown);
        QCOMPARE(g.skipped().total(), 0);
        QCOMPARE(g.syntheticSite(), -1);
    }

    void elementsOutOfServiceAreMarkedAndFollowTheirState() {
        // Given an element whose operational state is disable, and one in service
        Site s1{"s1", "Site one", "North", 39.9, 116.4, {}, 0};
        NetworkElement down, up;
        down.id = "down";
        down.siteId = "s1";
        down.operationalState = "disable";
        up.id = "up";
        up.siteId = "s1";
        up.operationalState = "enable";
        TopologyGraph g = TopologyGraph::build({s1}, {down, up}, {});
        // Then only the first is out of service
        QVERIFY(g.nodes()[size_t(g.nodeIndex("down"))].outOfService);
        QVERIFY(!g.nodes()[size_t(g.nodeIndex("up"))].outOfService);
        // When it returns to service  Then that element, and only it, is reported changed
        InventoryChanges back;
        down.operationalState = "enable";
        back.elements << down;
        const GraphDelta delta = g.apply(back);
        QVERIFY(!g.nodes()[size_t(g.nodeIndex("down"))].outOfService);
        QCOMPARE(delta.nodesChanged, std::vector<int>{g.nodeIndex("down")});
    }

    void appliedChangesKeepIndicesAndTouchOnlyWhatChanged() {
        // Given a built graph of a generated network
        const GeneratedNetwork net = generateNetwork([] {
            NetworkGeneratorOptions o;
            o.elements = 500;
            return o;
        }());
        TopologyGraph g = TopologyGraph::build(net.sites, net.elements, net.links);
        const auto before = g.nodes().size();
        const int renamed = g.nodeIndex(net.elements.at(10).id);
        const int removed = g.nodeIndex(net.elements.at(20).id);
        const int removedDegree = g.adjacencyBegin(removed + 1) - g.adjacencyBegin(removed);
        QVERIFY(removedDegree > 0);

        // When one element is renamed, one removed, and a new one with a link arrives
        InventoryChanges changes;
        NetworkElement r = net.elements.at(10);
        r.name = "RENAMED";
        changes.elements << r << net.elements.at(11); // 11 unchanged: no change reported
        changes.removedElements << net.elements.at(20).id;
        NetworkElement fresh = net.elements.at(30);
        fresh.id = "NEW-1";
        fresh.name = "NEW-1";
        changes.elements << fresh;
        Link link;
        link.id = "NEW-LINK";
        link.aEndId = "NEW-1";
        link.zEndId = net.elements.at(30).id;
        link.capacityBps = 1e9;
        changes.links << link;
        const GraphDelta delta = g.apply(changes);

        // Then only those show up in the delta, and every other index is where it was
        QCOMPARE(delta.nodesChanged, std::vector<int>{renamed});
        QCOMPARE(delta.nodesRemoved, std::vector<int>{removed});
        QCOMPARE(delta.nodesAdded, std::vector<int>{int(before)});
        QCOMPARE(delta.edgesAdded.size(), size_t(1));
        QCOMPARE(int(delta.edgesRemoved.size()), removedDegree);
        QCOMPARE(g.nodes()[size_t(renamed)].name, QStringLiteral("RENAMED"));
        QVERIFY(g.nodes()[size_t(removed)].removed);
        QCOMPARE(g.nodeIndex(net.elements.at(20).id), -1);
        QCOMPARE(g.nodeIndex(net.elements.at(100).id), 100);
        QCOMPARE(g.liveNodeCount(), int(before));
        const int added = g.nodeIndex("NEW-1");
        QCOMPARE(g.adjacencyBegin(added + 1) - g.adjacencyBegin(added), 1);
        // The removed element's links wait for it (listed), and come back when it does
        QCOMPARE(int(g.skipped().linksWithUnknownEnd.size()), removedDegree);
        InventoryChanges back;
        back.elements << net.elements.at(20);
        const GraphDelta again = g.apply(back);
        QCOMPARE(int(again.edgesAdded.size()), removedDegree);
        QCOMPARE(g.skipped().linksWithUnknownEnd.size(), 0);

        // And a utilisation change on a link between two sites updates only its folded link
        InventoryChanges use;
        int between = -1;
        for (size_t k = 0; k < g.edges().size() && between < 0; ++k)
            if (!g.edges()[k].removed && g.edges()[k].siteAggregate >= 0)
                between = int(k);
        QVERIFY(between >= 0);
        Link busy;
        for (const Link &l : net.links)
            if (l.id == g.edges()[size_t(between)].id)
                busy = l;
        busy.utilization = 0.97;
        use.links << busy;
        const GraphDelta used = g.apply(use);
        QCOMPARE(used.edgesChanged, std::vector<int>{between});
        QCOMPARE(used.siteAggregates, std::vector<int>{g.edges()[size_t(between)].siteAggregate});
        QVERIFY(g.siteAggregates()[size_t(g.edges()[size_t(between)].siteAggregate)].maxUtilization >= 0.97);
        QVERIFY(used.nodesAdded.empty() && used.edgesAdded.empty());

        // And a graph with removed entries still lays out without overlaps, in its own indices
        const LayoutResult layout = computeLayout(g, LayoutOptions{});
        QCOMPARE(layout.positions.size(), g.nodes().size());
        QCOMPARE(layout.overlaps, 0);
        QVERIFY(layout.positions[size_t(added)] != layout.positions[0]);
    }

    void elementsWaitingForASiteJoinItWhenItArrives() {
        // Given an element whose site is not known yet
        NetworkElement e;
        e.id = "e1";
        e.siteId = "later";
        TopologyGraph g = TopologyGraph::build({}, {e}, {});
        QCOMPARE(g.skipped().elementsWithoutSite, QStringList{"e1"});
        QCOMPARE(g.nodes()[0].site, g.syntheticSite());
        // When the site arrives  Then the element moves to it and is no longer listed
        InventoryChanges changes;
        changes.sites << Site{"later", "Later", "R", 10, 20, {}, 0};
        const GraphDelta delta = g.apply(changes);
        QCOMPARE(delta.nodesResited, std::vector<int>{0});
        QCOMPARE(g.nodes()[0].site, g.siteIndex("later"));
        QCOMPARE(g.skipped().elementsWithoutSite.size(), 0);
        // When the site goes away again  Then the element is back among those without a site
        InventoryChanges gone;
        gone.removedSites << "later";
        g.apply(gone);
        QCOMPARE(g.nodes()[0].site, g.syntheticSite());
        QCOMPARE(g.skipped().elementsWithoutSite, QStringList{"e1"});
    }

    void imperfectInventoryIsCountedAndStillPlaced() {
        // Given a network with links to unknown elements, elements without a site and sites without
        // coordinates
        NetworkGeneratorOptions options;
        options.elements = 3000;
        options.elementsWithoutSite = 0.02;
        options.linksToUnknownElements = 0.01;
        options.sitesWithoutCoordinates = 0.05;
        const GeneratedNetwork net = generateNetwork(options);
        QSet<QString> siteIds, unknownLinks, noSite, noCoords;
        for (const Site &s : net.sites) {
            siteIds.insert(s.id);
            if (!s.hasCoordinates())
                noCoords.insert(s.id);
        }
        for (const NetworkElement &e : net.elements)
            if (!siteIds.contains(e.siteId))
                noSite.insert(e.id);
        for (const Link &l : net.links)
            if (l.zEndId.startsWith("ne-unknown"))
                unknownLinks.insert(l.id);
        QVERIFY(!unknownLinks.isEmpty() && !noSite.isEmpty() && !noCoords.isEmpty());

        // When the graph is built and laid out geographically
        const TopologyGraph g = TopologyGraph::build(net.sites, net.elements, net.links);
        const LayoutResult result = computeLayout(g, {});

        // Then every problem is listed with the right count
        QCOMPARE(g.skipped().linksWithUnknownEnd.size(), unknownLinks.size());
        QCOMPARE(g.skipped().elementsWithoutSite.size(), noSite.size());
        QCOMPARE(g.skipped().sitesWithoutCoordinates.size(), noCoords.size());
        QCOMPARE(int(g.edges().size()), int(net.links.size() - unknownLinks.size()));
        // And all elements are still placed, siteless ones in the synthetic group, without overlaps
        QCOMPARE(int(g.nodes().size()), int(net.elements.size()));
        QVERIFY(g.syntheticSite() >= 0);
        QCOMPARE(g.sites()[size_t(g.syntheticSite())].elements.size(), size_t(noSite.size()));
        QCOMPARE(result.sitesPlacedWithoutCoordinates, int(noCoords.size()));
        for (const QPointF &p : result.positions)
            QVERIFY(std::isfinite(p.x()) && std::isfinite(p.y()));
        QCOMPARE(result.overlaps, 0);
    }

    void emptyAndTinyInventoriesDoNotCrash() {
        // Given nothing at all, and one element with no site and a link to nowhere
        NetworkElement lone;
        lone.id = "lone";
        Link dangling;
        dangling.id = "l1";
        dangling.aEndId = "lone";
        dangling.zEndId = "lone";
        for (LayoutKind kind : {LayoutKind::Geographic, LayoutKind::ForceDirected, LayoutKind::Layered}) {
            LayoutOptions options;
            options.kind = kind;
            // When laid out  Then nothing crashes and the lone element gets a finite place
            const LayoutResult empty = computeLayout(TopologyGraph::build({}, {}, {}), options);
            QVERIFY(empty.positions.empty());
            const TopologyGraph g = TopologyGraph::build({}, {lone}, {dangling});
            QCOMPARE(g.skipped().selfLinks.size(), 1);
            const LayoutResult one = computeLayout(g, options);
            QCOMPARE(int(one.positions.size()), 1);
            QVERIFY(std::isfinite(one.positions[0].x()));
        }
    }

    void layoutsLeaveNoOverlapsAt10kElements_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("geographic") << int(LayoutKind::Geographic);
        QTest::newRow("force-directed") << int(LayoutKind::ForceDirected);
        QTest::newRow("layered") << int(LayoutKind::Layered);
    }
    void layoutsLeaveNoOverlapsAt10kElements() {
        QFETCH(int, kind);
        // Given a generated 10,000-element network
        const TopologyGraph g = generatedGraph(10000);
        LayoutOptions options;
        options.kind = LayoutKind(kind);
        // When it is laid out
        const LayoutResult result = computeLayout(g, options);
        // Then no two icons overlap (counted independently here as well) and no footprints either
        QVERIFY(!result.cancelled);
        QCOMPARE(result.overlaps, 0);
        QCOMPARE(countOverlaps(result.positions), 0);
        QCOMPARE(countOverlaps(result.positions, LayoutMetrics::kFootprintHeight - 1), 0);
        qInfo("layout %d: %.2f s", kind, result.seconds);
    }

    void layeredLayoutPutsCoreAboveAggregationAboveAccess() {
        // Given a generated network  When laid out in layers
        const TopologyGraph g = generatedGraph(1500);
        LayoutOptions options;
        options.kind = LayoutKind::Layered;
        const LayoutResult result = computeLayout(g, options);
        // Then every core element is above every aggregation element, which is above every access one
        double maxY[3] = {-1e300, -1e300, -1e300}, minY[3] = {1e300, 1e300, 1e300};
        for (size_t i = 0; i < g.nodes().size(); ++i) {
            const int layer = int(g.nodes()[i].layer);
            if (layer > 2)
                continue;
            maxY[layer] = std::max(maxY[layer], result.positions[i].y());
            minY[layer] = std::min(minY[layer], result.positions[i].y());
        }
        QVERIFY(maxY[0] < minY[1]);
        QVERIFY(maxY[1] < minY[2]);
    }

    void geographicLayoutKeepsSitesWhereTheyAre() {
        // Given a site in the west and one in the east of the same latitude
        Site west{"w", "West", "R", 30.0, 100.0, {}, 0};
        Site east{"e", "East", "R", 30.0, 120.0, {}, 0};
        QList<NetworkElement> elements;
        for (int k = 0; k < 6; ++k) {
            NetworkElement e;
            e.id = QString("e%1").arg(k);
            e.siteId = k < 3 ? "w" : "e";
            elements << e;
        }
        // When laid out geographically
        const TopologyGraph g = TopologyGraph::build({west, east}, elements, {});
        const LayoutResult result = computeLayout(g, {});
        // Then the west site's elements are all left of the east site's, and grouped around it
        for (int k = 0; k < 3; ++k)
            for (int j = 3; j < 6; ++j)
                QVERIFY(result.positions[size_t(k)].x() < result.positions[size_t(j)].x());
        const QRectF westArea = result.siteAreas[size_t(g.siteIndex("w"))];
        for (int k = 0; k < 3; ++k)
            QVERIFY(westArea.contains(result.positions[size_t(k)]));
    }

    void geographicLayoutSpreadsCitiesAndKeepsTheirArrangement() {
        // Given five cities hundreds of kilometres apart (two of them neighbours), each with 60 sites
        // within ~15 km of its centre and two or three elements per site: how operators' sites cluster
        struct City {
            const char *region;
            double lat, lon;
        };
        const City cities[] = {{"BJ", 39.9, 116.4},
                               {"SH", 31.2, 121.3},
                               {"CD", 30.5, 104.0},
                               {"GZ", 23.2, 113.1},
                               {"SZ", 22.5, 114.0}};
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> jitter(-0.12, 0.12);
        QList<Site> sites;
        QList<NetworkElement> elements;
        for (const City &c : cities)
            for (int k = 0; k < 60; ++k) {
                Site site;
                site.id = QString("%1-S%2").arg(c.region).arg(k);
                site.region = c.region;
                site.latitude = c.lat + jitter(rng);
                site.longitude = c.lon + jitter(rng) * 1.2;
                sites << site;
                for (int e = 0; e < 2 + k % 2; ++e) {
                    NetworkElement element;
                    element.id = QString("%1-E%2").arg(site.id).arg(e);
                    element.siteId = site.id;
                    elements << element;
                }
            }
        // When laid out geographically
        const TopologyGraph g = TopologyGraph::build(sites, elements, {});
        const LayoutResult result = computeLayout(g, {});
        QCOMPARE(result.overlaps, 0);

        // Then within a city the sites do not pile up: a site's nearest neighbour is typically more
        // than a site's own size away (the city is magnified, not squeezed into one block)
        QRectF map, siteSize;
        for (size_t s = 0; s < g.sites().size(); ++s)
            map = map.united(result.siteAreas[s]);
        std::vector<double> nearest;
        double sizeSum = 0;
        for (size_t s = 0; s < g.sites().size(); ++s) {
            sizeSum += std::hypot(result.siteAreas[s].width(), result.siteAreas[s].height());
            double best = 1e300;
            for (size_t o = 0; o < g.sites().size(); ++o)
                if (o != s && g.sites()[o].region_index == g.sites()[s].region_index)
                    best = std::min(best, QLineF(result.sitePositions[s], result.sitePositions[o]).length());
            nearest.push_back(best);
        }
        std::sort(nearest.begin(), nearest.end());
        const double medianNearest = nearest[nearest.size() / 2];
        const double meanSiteSize = sizeSum / double(g.sites().size());
        qInfo("median nearest site %.0f, mean site block diagonal %.0f", medianNearest, meanSiteSize);
        QVERIFY(medianNearest > meanSiteSize);

        // And the map is not mostly empty space between far-apart cities: each city's area spans at
        // least a twelfth of the map's width or height
        const auto cityArea = [&](const char *region) {
            QRectF area;
            for (size_t s = 0; s < g.sites().size(); ++s)
                if (g.sites()[s].id.startsWith(QLatin1String(region)))
                    area = area.united(result.siteAreas[s]);
            return area;
        };
        for (const City &c : cities) {
            const QRectF area = cityArea(c.region);
            qInfo("%s spans %.2f x %.2f of the map", c.region, area.width() / map.width(),
                  area.height() / map.height());
            QVERIFY(area.width() > map.width() / 12 || area.height() > map.height() / 12);
        }
        // And the cities keep their arrangement: Beijing north of Shanghai and Chengdu, Chengdu west
        // of Shanghai, Guangzhou west of Shenzhen, the south below the rest; no two cities overlap
        const auto centre = [&](const char *region) { return cityArea(region).center(); };
        QVERIFY(centre("BJ").y() < centre("SH").y() && centre("BJ").y() < centre("CD").y());
        QVERIFY(centre("CD").x() < centre("SH").x());
        QVERIFY(centre("GZ").x() < centre("SZ").x());
        for (const char *south : {"GZ", "SZ"})
            for (const char *north : {"BJ", "SH", "CD"})
                QVERIFY(centre(north).y() < centre(south).y());
        for (size_t a = 0; a < std::size(cities); ++a)
            for (size_t b = a + 1; b < std::size(cities); ++b)
                QVERIFY(!cityArea(cities[a].region).intersects(cityArea(cities[b].region)));
    }

    void geographicLayoutDrawsAStraySiteAtItsCoordinatesWithoutMovingTheRegions() {
        // Given the five cities, and the same map with one Shanghai site at Chengdu's coordinates (a
        // hub in another city, or a site filed under the wrong region)
        QList<Site> sites;
        QList<NetworkElement> elements;
        addCities(sites, elements);
        const TopologyGraph plain = TopologyGraph::build(sites, elements, {});
        const QString strayId = "SH-STRAY";
        addSite(sites, elements, strayId, "SH", 30.5, 104.0, 3);
        const TopologyGraph withStray = TopologyGraph::build(sites, elements, {});
        // When both are laid out geographically
        const LayoutResult before = computeLayout(plain, {});
        const LayoutResult after = computeLayout(withStray, {});
        QCOMPARE(after.overlaps, 0);

        // Then the stray site is drawn at Chengdu, within two site blocks of the Chengdu site nearest
        // to its coordinates (blocks in between may push it that far), not somewhere between cities
        const int stray = withStray.siteIndex(strayId);
        QVERIFY(stray >= 0);
        const QRectF strayArea = after.siteAreas[size_t(stray)];
        const double block = std::hypot(strayArea.width(), strayArea.height());
        int nearestCd = -1;
        double nearestDeg = 1e300;
        for (size_t s = 0; s < withStray.sites().size(); ++s) {
            const auto &site = withStray.sites()[s];
            if (!site.id.startsWith(QLatin1String("CD")))
                continue;
            const double d = std::hypot(site.latitude - 30.5, site.longitude - 104.0);
            if (d < nearestDeg) {
                nearestDeg = d;
                nearestCd = int(s);
            }
        }
        const double fromNearest =
            QLineF(after.sitePositions[size_t(stray)], after.sitePositions[size_t(nearestCd)]).length();
        qInfo("stray site %.0f from the nearest Chengdu site (block diagonal %.0f)", fromNearest, block);
        QVERIFY(fromNearest <= 2 * block);
        QVERIFY(regionArea(withStray, after, "CD")
                    .adjusted(-block, -block, block, block)
                    .contains(after.sitePositions[size_t(stray)]));

        // And the regions stay where they were without it, relative to each other (the whole map may
        // shift: its projection is centred on the mean latitude of all sites, the stray's included):
        // each city keeps its size and its offset from the cities' mean centre changes by less than
        // a site block; the map grows by at most a few percent
        QRectF mapBefore, mapAfter;
        for (const QRectF &a : before.siteAreas)
            mapBefore = mapBefore.united(a);
        for (const QRectF &a : after.siteAreas)
            mapAfter = mapAfter.united(a);
        qInfo("map %.0fx%.0f -> %.0fx%.0f", mapBefore.width(), mapBefore.height(), mapAfter.width(),
              mapAfter.height());
        QPointF meanBefore, meanAfter;
        for (const City &c : kCities) {
            meanBefore += regionArea(plain, before, c.region).center() / double(std::size(kCities));
            meanAfter +=
                regionArea(withStray, after, c.region, strayId).center() / double(std::size(kCities));
        }
        for (const City &c : kCities) {
            const QRectF a = regionArea(plain, before, c.region),
                         b = regionArea(withStray, after, c.region, strayId);
            const double moved = QLineF(a.center() - meanBefore, b.center() - meanAfter).length();
            qInfo("%s moved %.0f relative to the others, size %.0fx%.0f -> %.0fx%.0f", c.region, moved,
                  a.width(), a.height(), b.width(), b.height());
            QVERIFY(moved < block);
            QVERIFY(std::abs(b.width() - a.width()) < 0.05 * a.width());
            QVERIFY(std::abs(b.height() - a.height()) < 0.05 * a.height());
        }
        QVERIFY(mapAfter.width() < 1.05 * mapBefore.width());
        QVERIFY(mapAfter.height() < 1.05 * mapBefore.height());
    }

    void geographicLayoutDrawsASiteFarFromEveryCityJustBesideTheNearestOne() {
        // Given the five cities, and the same map with one Shanghai site in the sea, 1,600 km east of
        // Shanghai (the nearest city) and farther from every other (a typo in the inventory, or an
        // island's repeater). (At about the cities' mean latitude, so that the projection, centred on
        // the mean latitude of all sites, stays the same: a shift of 0.03 degrees moved Shanghai's
        // nearest-neighbour scale by 5%, which is not what this test is about.)
        QList<Site> sites;
        QList<NetworkElement> elements;
        addCities(sites, elements);
        const TopologyGraph plain = TopologyGraph::build(sites, elements, {});
        const QString seaId = "SH-SEA";
        addSite(sites, elements, seaId, "SH", 29.46, 138.0, 3);
        const TopologyGraph withSea = TopologyGraph::build(sites, elements, {});
        // When both are laid out geographically
        const LayoutResult before = computeLayout(plain, {});
        const LayoutResult after = computeLayout(withSea, {});
        QCOMPARE(after.overlaps, 0);

        // Then the site is drawn just outside Shanghai's frame (at most the reach the layout allows
        // beyond a frame, about the city's size, plus a site block for the nudge off other blocks),
        // not hundreds of thousands of pixels into the empty scene where Shanghai's magnification
        // would put it...
        const int sea = withSea.siteIndex(seaId);
        QVERIFY(sea >= 0);
        const QRectF seaArea = after.siteAreas[size_t(sea)];
        const double block = std::hypot(seaArea.width(), seaArea.height());
        const QRectF sh = regionArea(withSea, after, "SH", seaId);
        const QPointF at = after.sitePositions[size_t(sea)];
        const double beyond = std::hypot(std::max({sh.left() - at.x(), at.x() - sh.right(), 0.0}),
                                         std::max({sh.top() - at.y(), at.y() - sh.bottom(), 0.0}));
        const double reach = farSiteReach(sh);
        qInfo("sea site %.0f px beyond Shanghai's sites (reach %.0f, block %.0f)", beyond, reach, block);
        QVERIFY(beyond > 0 && beyond <= reach + block);
        // ...on the side where its coordinates are (east of the city, its edge), and nearer to
        // Shanghai than to any other city
        QVERIFY(at.x() > sh.right());
        for (const City &c : kCities)
            if (QLatin1String(c.region) != QLatin1String("SH"))
                QVERIFY(QLineF(at, regionArea(withSea, after, c.region).center()).length() >
                        QLineF(at, sh.center()).length());

        // And the cities keep their sizes (one site out in the sea does not rescale every city)...
        for (const City &c : kCities) {
            const QRectF a = regionArea(plain, before, c.region),
                         b = regionArea(withSea, after, c.region, seaId);
            qInfo("%s size %.0fx%.0f -> %.0fx%.0f", c.region, a.width(), a.height(), b.width(), b.height());
            QVERIFY(std::abs(b.width() - a.width()) < 0.05 * a.width());
            QVERIFY(std::abs(b.height() - a.height()) < 0.05 * a.height());
        }
        // ...and the map (what fit-to-view shows) grows by no more than that reach, and does not
        // shrink (the cities brought closer) either
        QRectF mapBefore, mapAfter;
        for (const QRectF &a : before.siteAreas)
            mapBefore = mapBefore.united(a);
        for (const QRectF &a : after.siteAreas)
            mapAfter = mapAfter.united(a);
        qInfo("map %.0fx%.0f -> %.0fx%.0f", mapBefore.width(), mapBefore.height(), mapAfter.width(),
              mapAfter.height());
        QVERIFY(mapAfter.width() <= mapBefore.width() + reach + block);
        QVERIFY(mapAfter.height() <= mapBefore.height() + reach + block);
        QVERIFY(mapAfter.width() > 0.95 * mapBefore.width() && mapAfter.height() > 0.95 * mapBefore.height());
    }

    void geographicLayoutDrawsASiteWithoutCoordinatesBesideTheStraySiteItLinksTo() {
        // Given the five cities, one Shanghai site at Chengdu's coordinates (a stray, drawn among
        // Chengdu's sites), and a Shanghai site without coordinates whose only element links to the
        // stray's (a repeater nobody surveyed, hanging off the hub in Chengdu)
        QList<Site> sites;
        QList<NetworkElement> elements;
        addCities(sites, elements);
        addSite(sites, elements, "SH-STRAY", "SH", 30.5, 104.0, 3);
        addSite(sites, elements, "SH-NOCOORD", "SH", std::nan(""), std::nan(""), 1);
        // ...and one without coordinates linked to two Shanghai sites and to the stray
        addSite(sites, elements, "SH-NOCOORD2", "SH", std::nan(""), std::nan(""), 1);
        QList<Link> links;
        const auto link = [&links](const QString &a, const QString &z) {
            Link l;
            l.id = a + "~" + z;
            l.aEndId = a;
            l.zEndId = z;
            links << l;
        };
        link("SH-NOCOORD-E0", "SH-STRAY-E0");
        link("SH-NOCOORD2-E0", "SH-STRAY-E1");
        link("SH-NOCOORD2-E0", "SH-S1-E0");
        link("SH-NOCOORD2-E0", "SH-S2-E0");
        const TopologyGraph g = TopologyGraph::build(sites, elements, links);
        // When laid out geographically
        const LayoutResult result = computeLayout(g, {});
        QCOMPARE(result.overlaps, 0);
        QCOMPARE(result.sitesPlacedWithoutCoordinates, 2);

        // Then the first is drawn beside the stray (within two site blocks, as the stray is beside
        // the Chengdu site nearest to it), in Chengdu, not where Shanghai's magnification would put
        // Chengdu's coordinates (thousands of pixels out in the empty map)
        const int stray = g.siteIndex("SH-STRAY"), lone = g.siteIndex("SH-NOCOORD");
        const QRectF strayArea = result.siteAreas[size_t(stray)];
        const double block = std::hypot(strayArea.width(), strayArea.height());
        const double fromStray =
            QLineF(result.sitePositions[size_t(lone)], result.sitePositions[size_t(stray)]).length();
        qInfo("site without coordinates %.0f from the stray it links to (block %.0f)", fromStray, block);
        QVERIFY(fromStray <= 2 * block);
        QVERIFY(regionArea(g, result, "CD")
                    .adjusted(-block, -block, block, block)
                    .contains(result.sitePositions[size_t(lone)]));
        // And the second, linked to two sites in Shanghai and one in Chengdu, is drawn with the
        // most of them, in Shanghai (not half-way between the cities)
        const int most = g.siteIndex("SH-NOCOORD2");
        const QRectF sh = regionArea(g, result, "SH-S", "SH-STRAY");
        QVERIFY2(sh.adjusted(-block, -block, block, block).contains(result.sitePositions[size_t(most)]),
                 qPrintable(QStringLiteral("at %1,%2")
                                .arg(result.sitePositions[size_t(most)].x())
                                .arg(result.sitePositions[size_t(most)].y())));
    }

    void regionFramesLeaveAFarAwaySiteInAFrameOfItsOwn() {
        // Given a region of 30 sites around a city and one site 40,000 px away (another city)
        std::vector<QRectF> sites = citySites(30);
        const QRectF city = std::accumulate(sites.begin(), sites.end(), QRectF(),
                                            [](const QRectF &a, const QRectF &b) { return a.united(b); });
        sites.insert(sites.begin() + 3, QRectF(40000, 9000, 172, 126));
        // When its frames are computed  Then the city has one around it, and the far site its own
        std::vector<RegionFrame> frames = regionFrames(sites, 1000);
        QCOMPARE(int(frames.size()), 2);
        QCOMPARE(frames[0].sites, 30);
        QCOMPARE(frames[0].area, city);
        QCOMPARE(frames[1].sites, 1);
        QCOMPARE(frames[1].area, QRectF(40000, 9000, 172, 126));

        // When the far site is on the city's outskirts instead (800 px beyond its last site)  Then
        // the city's frame takes it in
        sites[3].moveTopLeft(QPointF(city.right() + 800, city.top()));
        frames = regionFrames(sites, 1000);
        QCOMPARE(int(frames.size()), 1);
        QCOMPARE(frames[0].sites, 31);

        // When a site is far from every other but inside the city's frame (in the empty middle of a
        // city built round a lake)  Then it is in that frame: a frame inside another sets nothing apart
        std::vector<QRectF> ring;
        for (int k = 0; k < 60; ++k)
            ring.emplace_back(QPointF(20000 * std::cos(k * M_PI / 30), 20000 * std::sin(k * M_PI / 30)),
                              QSizeF(172, 126));
        ring.emplace_back(QPointF(0, 0), QSizeF(172, 126));
        frames = regionFrames(ring, 1000);
        QCOMPARE(int(frames.size()), 1);
        QCOMPARE(frames[0].sites, 61);
    }

    void regionFramesOfTwoCitiesOrScatteredSitesAreOneFrame() {
        // Given a region of two equal cities far apart  When framed  Then one frame holds both: there
        // is no main city with a stray site to tell apart
        std::vector<QRectF> sites = citySites(20);
        for (const QRectF &r : citySites(20, QPointF(60000, 0)))
            sites.push_back(r);
        std::vector<RegionFrame> frames = regionFrames(sites, 1000);
        QCOMPARE(int(frames.size()), 1);
        QCOMPARE(frames[0].sites, 40);
        // Given sites scattered across the map one by one (a force layout's)  Then one frame
        std::vector<QRectF> scattered;
        for (int k = 0; k < 50; ++k)
            scattered.emplace_back(QPointF(20000.0 * (k % 7), 17000.0 * (k / 7)), QSizeF(172, 126));
        QCOMPARE(int(regionFrames(scattered, 1000).size()), 1);
        // Given nothing  Then no frame; one site  Then its own area
        QVERIFY(regionFrames({}, 1000).empty());
        QCOMPARE(regionFrames({QRectF(5, 5, 10, 10)}, 1000).front().area, QRectF(5, 5, 10, 10));
    }

    void regionFramesOfALargeRegionAreTheCityAndItsTwoStrays() {
        // Given one region of 25,000 sites (a whole 100k-element network in one region) spread as a
        // city is, plus two strays  When framed  Then one frame holds the city and each stray has its
        // own (how long it takes is for noc-bench map, not for a test on a shared machine)
        std::mt19937 rng(3);
        std::normal_distribution<double> gauss(0, 30000);
        std::vector<QRectF> sites;
        for (int k = 0; k < 25000; ++k)
            sites.emplace_back(QPointF(gauss(rng), gauss(rng)), QSizeF(172, 126));
        sites.emplace_back(QPointF(2e6, 0), QSizeF(172, 126));
        sites.emplace_back(QPointF(0, -2e6), QSizeF(172, 126));
        const std::vector<RegionFrame> frames = regionFrames(sites, 1000);
        QCOMPARE(int(frames.size()), 3);
        QCOMPARE(frames[0].sites, 25000);
    }

    void forceLayoutRespectsPinnedNodes() {
        // Given a network where three elements are pinned at chosen places
        const TopologyGraph g = generatedGraph(1200);
        LayoutOptions options;
        options.kind = LayoutKind::ForceDirected;
        options.initial.assign(g.nodes().size(), QPointF());
        options.pinned.assign(g.nodes().size(), 0);
        const QList<int> pinned = {0, 10, 500};
        for (int i : pinned) {
            options.initial[size_t(i)] = QPointF(100000 + i * 1000, -50000);
            options.pinned[size_t(i)] = 1;
        }
        // When laid out (incrementally from those positions)
        const LayoutResult result = computeLayout(g, options);
        // Then the pinned elements are exactly where they were put, and nothing overlaps
        for (int i : pinned)
            QCOMPARE(result.positions[size_t(i)], options.initial[size_t(i)]);
        QCOMPARE(result.overlaps, 0);
    }

    void cancelledLayoutReportsCancelled() {
        // Given a cancel flag that is already set  When a layout runs  Then it stops and says so
        const TopologyGraph g = generatedGraph(3000);
        std::atomic_bool cancel{true};
        LayoutOptions options;
        options.kind = LayoutKind::ForceDirected;
        QVERIFY(computeLayout(g, options, &cancel).cancelled);
    }

    void runnerDeliversOnlyTheLatestLayout() {
        // Given a runner  When a layout is started and replaced by another before it finishes
        auto graph = std::make_shared<const TopologyGraph>(generatedGraph(5000));
        TopologyLayoutRunner runner;
        QSignalSpy spy(&runner, &TopologyLayoutRunner::finished);
        QVERIFY(spy.isValid());
        LayoutOptions force;
        force.kind = LayoutKind::ForceDirected;
        runner.start(graph, force);
        LayoutOptions layered;
        layered.kind = LayoutKind::Layered;
        runner.start(graph, layered);
        // Then exactly one result arrives, the layered one, on this thread
        QVERIFY(spy.wait(60000));
        QTest::qWait(200);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(int(spy.at(0).at(0).value<LayoutResult>().kind), int(LayoutKind::Layered));
    }
};

QTEST_GUILESS_MAIN(TopologyLayoutTest)
#include "topology_layout_test.moc"
