#include "cache/cache_writer.h"
#include "isolated_settings.h"
#include "language_manager.h"
#include "map/map_element_card.h"
#include "map/map_items.h"
#include "map/map_style.h"
#include "map/topology_map_widget.h"
#include "map/topology_scene.h"
#include "map/topology_view.h"
#include "topology/network_generator.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QContextMenuEvent>
#include <QDir>
#include <QFile>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPainter>
#include <QPrinter>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QTextTable>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>

using namespace noc;

namespace {

GeneratedNetwork network(int elements, unsigned seed = 42) {
    NetworkGeneratorOptions options;
    options.elements = elements;
    options.seed = seed;
    return generateNetwork(options);
}

// Five cities far apart (regions BJ, SH, CD, GZ, SZ), each with 60 sites "<region>-S<k>" of two
// elements within ~15 km of its centre, how operators' sites cluster.
GeneratedNetwork fiveCities() {
    GeneratedNetwork net;
    const std::pair<const char *, QPointF> cities[] = {{"BJ", {116.4, 39.9}},
                                                       {"SH", {121.3, 31.2}},
                                                       {"CD", {104.0, 30.5}},
                                                       {"GZ", {113.1, 23.2}},
                                                       {"SZ", {114.0, 22.5}}};
    for (const auto &[region, where] : cities)
        for (int k = 0; k < 60; ++k) {
            Site site;
            site.id = QString("%1-S%2").arg(region).arg(k);
            site.region = region;
            site.latitude = where.y() + 0.1 * std::sin(k * 2.4);
            site.longitude = where.x() + 0.12 * std::cos(k * 1.7);
            net.sites << site;
            for (int e = 0; e < 2; ++e) {
                NetworkElement element;
                element.id = QString("%1-E%2").arg(site.id).arg(e);
                element.siteId = site.id;
                net.elements << element;
            }
        }
    return net;
}

// Shows the map at a fixed size and waits until the first layout is in the scene.
bool showAndLoad(TopologyMapWidget &map, const GeneratedNetwork &net,
                 const QHash<QString, ElementStatus> &status = {}) {
    map.resize(1100, 760);
    map.show();
    if (!QTest::qWaitForWindowExposed(&map))
        return false;
    QSignalSpy shown(&map, &TopologyMapWidget::topologyShown);
    map.setTopology(net.sites, net.elements, net.links, status);
    return shown.wait(120000);
}

bool writeInventory(const QString &path, const GeneratedNetwork &net) {
    CacheWriter writer;
    if (!writer.open(path))
        return false;
    CacheBatch batch;
    batch.sites = net.sites;
    batch.elements = net.elements;
    batch.links = net.links;
    return !writer.apply(batch).isEmpty();
}

// A map shown from a real cache file holding a generated network (geographic layout, 900×600), with
// spies on its full loads and in-place changes, and a writer on the file for the changes of a sync.
struct CachedMap {
    QTemporaryDir dir;
    QString path = dir.filePath("cache.sqlite");
    GeneratedNetwork net;
    TopologyMapWidget map;
    QSignalSpy shown{&map, &TopologyMapWidget::topologyShown};
    QSignalSpy applied{&map, &TopologyMapWidget::inventoryApplied};
    CacheWriter writer;

    // Writes `network` to the cache, shows the map on it and waits until the first layout is shown.
    bool load(GeneratedNetwork network) {
        net = std::move(network);
        if (!dir.isValid() || !writeInventory(path, net))
            return false;
        map.resize(900, 600);
        map.show();
        map.setCacheFile(path);
        return shown.wait(60000) && writer.open(path);
    }
    // Commits `batch` as a sync would and hands the changes to the map (which applies them later).
    ChangeSet sync(const CacheBatch &batch) {
        const ChangeSet changes = writer.apply(batch);
        map.applyChangeSet(changes);
        return changes;
    }
    // The generated site with this id (the test changes it and syncs it).
    Site &site(const QString &id) {
        for (Site &s : net.sites)
            if (s.id == id)
                return s;
        qFatal("no site %s", qPrintable(id));
    }
    // Syncs site `id` with the coordinates of site `other`, as a server's change would bring them,
    // and waits until the map applied it. False if the commit did not update exactly that site.
    bool syncSiteToCoordinatesOf(const QString &id, const QString &other) {
        Site &moved = site(id);
        moved.latitude = site(other).latitude;
        moved.longitude = site(other).longitude;
        CacheBatch batch;
        batch.sites << moved;
        return sync(batch).sites.updated.size() == 1 && applied.wait(30000);
    }
};

// The block of a site's elements, padded as the geographic layout keeps sites apart
// (paddedSiteBlock): their footprints (icon and label) with room for the site's name above them.
QRectF paddedBlock(const TopologyScene &scene, const std::vector<int> &elements) {
    QRectF block;
    for (int e : elements) {
        const QPointF p = scene.nodePosition(e);
        const QRectF fp(p.x() - LayoutMetrics::kFootprintWidth / 2, p.y() - LayoutMetrics::kIconSize / 2 - 4,
                        LayoutMetrics::kFootprintWidth, LayoutMetrics::kFootprintHeight);
        block = block.isNull() ? fp : block.united(fp);
    }
    block.setTop(block.top() - LayoutMetrics::kSiteHeader);
    return paddedSiteBlock(block);
}
QRectF paddedBlock(const TopologyScene &scene, int site) {
    return paddedBlock(scene, scene.graph()->sites()[size_t(site)].elements);
}

// Ids of the shown sites other than `site` closer to these of its elements than the full layout keeps
// sites (padded blocks overlap).
QStringList sitesTooClose(const TopologyScene &scene, int site, const std::vector<int> &elements) {
    QStringList ids;
    const auto &sites = scene.graph()->sites();
    const QRectF mine = paddedBlock(scene, elements);
    for (size_t s = 0; s < sites.size(); ++s)
        if (int(s) != site && !sites[s].removed && !sites[s].elements.empty() &&
            paddedBlock(scene, int(s)).intersects(mine))
            ids << sites[s].id;
    return ids;
}
QStringList sitesTooClose(const TopologyScene &scene, int site) {
    return sitesTooClose(scene, site, scene.graph()->sites()[size_t(site)].elements);
}

// Mean position of these elements.
QPointF centreOf(const TopologyScene &scene, const std::vector<int> &elements) {
    QPointF sum;
    for (int e : elements)
        sum += scene.nodePosition(e);
    return elements.empty() ? sum : sum / double(elements.size());
}

// Pixels of `color` (within a small tolerance) inside `area` of `image`.
int countColor(const QImage &image, const QRect &area, const QColor &color) {
    int count = 0;
    const QRect r = area.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) <= 10 && std::abs(c.green() - color.green()) <= 10 &&
                std::abs(c.blue() - color.blue()) <= 10)
                ++count;
        }
    return count;
}

QRect iconRectInViewport(TopologyMapWidget &map, int node) {
    const QPoint c = map.view()->mapFromScene(map.scene()->nodePosition(node));
    const int half = int(LayoutMetrics::kIconSize / 2 * map.view()->scale());
    return QRect(c.x() - half, c.y() - half, 2 * half, 2 * half);
}

// The baselines of the rows of an element card's table (its label and its value cell), in the
// coordinates of the document the card's label lays out and draws (the label's own, found as its child).
struct CardRowLines {
    double labelBaseline = 0, valueBaseline = 0;
    double tallestLine = 0; // the natural height (ascent + descent) of the row's tallest line
};
QList<CardRowLines> cardRows(const MapElementCard &card) {
    QList<CardRowLines> rows;
    const auto *label = card.findChild<QLabel *>();
    const auto *doc = label ? label->findChild<QTextDocument *>() : nullptr;
    if (!doc)
        return rows;
    QTextTable *table = nullptr;
    for (QTextFrame *frame : doc->rootFrame()->childFrames())
        if (auto *t = qobject_cast<QTextTable *>(frame))
            table = t;
    if (!table)
        return rows;
    const auto firstLine = [doc](const QTextTableCell &cell, double *tallest) {
        const QTextBlock block = cell.firstCursorPosition().block();
        const QTextLine line = block.layout()->lineAt(0);
        *tallest = std::max(*tallest, line.ascent() + line.descent());
        return doc->documentLayout()->blockBoundingRect(block).top() + line.y() + line.ascent();
    };
    for (int r = 0; r < table->rows(); ++r) {
        CardRowLines row;
        row.labelBaseline = firstLine(table->cellAt(r, 0), &row.tallestLine);
        row.valueBaseline = firstLine(table->cellAt(r, 1), &row.tallestLine);
        rows << row;
    }
    return rows;
}

void saveScreenshot(QWidget &widget, const QString &name) {
    const QString dir = qEnvironmentVariable("NOC_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    QVERIFY(widget.grab().save(QDir(dir).filePath(name + ".png")));
}

// The tooltip the map shows when the mouse rests at `pos` (viewport pixels), as plain text; empty
// when it shows none. The visible tooltip widget goes to `tip` (for screenshots).
QString toolTipAt(TopologyMapWidget &map, const QPoint &pos, QWidget **tip = nullptr) {
    QToolTip::hideText();
    QWidget *viewport = map.view()->viewport();
    QHelpEvent event(QEvent::ToolTip, pos, viewport->mapToGlobal(pos));
    QApplication::sendEvent(viewport, &event);
    if (!QToolTip::isVisible())
        return {};
    if (tip)
        for (QWidget *w : QApplication::topLevelWidgets())
            if (w->inherits("QTipLabel") && w->isVisible())
                *tip = w;
    QTextDocument doc;
    doc.setHtml(QToolTip::text());
    return doc.toPlainText();
}

// The map with a popup (tooltip, menu) drawn where it shows over it, as a person sees them.
void savePopupShot(QWidget &base, QWidget *popup, const QString &name) {
    const QString dir = qEnvironmentVariable("NOC_SCREENSHOT_DIR");
    if (dir.isEmpty() || !popup)
        return;
    QPixmap shot = base.grab();
    {
        QPainter painter(&shot);
        painter.drawPixmap(base.mapFromGlobal(popup->mapToGlobal(QPoint(0, 0))), popup->grab());
    }
    QDir().mkpath(dir);
    QVERIFY(shot.save(QDir(dir).filePath(name + ".png")));
}

Alarm alarmOn(const QString &id, const QString &element, Severity severity, AckState ack) {
    Alarm alarm;
    alarm.id = id;
    alarm.alarmedObjectId = element;
    alarm.perceivedSeverity = severity;
    alarm.ackState = ack;
    alarm.probableCause = QStringLiteral("powerProblem");
    alarm.alarmRaisedTime = alarm.alarmChangedTime = QDateTime::currentMSecsSinceEpoch();
    return alarm;
}

// Drags the element in several mouse moves, as a person does, to a free place nearby (not under
// another element); it is then pinned there.
void dragElement(TopologyMapWidget &map, int node) {
    QWidget *viewport = map.view()->viewport();
    const QPoint start = map.view()->mapFromScene(map.scene()->nodePosition(node));
    QPoint offset(90, 48);
    bool found = false;
    for (int ring = 3; ring <= 12 && !found; ++ring)
        for (int k = 0; k < 16 && !found; ++k) {
            const double angle = k * M_PI / 8;
            const QPoint candidate(int(ring * 30 * std::cos(angle)), int(ring * 30 * std::sin(angle)));
            bool free = map.view()->viewport()->rect().adjusted(30, 30, -30, -30).contains(start + candidate);
            for (int dx = -30; dx <= 30 && free; dx += 10)
                for (int dy = -30; dy <= 30 && free; dy += 10) {
                    const QGraphicsItem *item = map.view()->mapItemAt(start + candidate + QPoint(dx, dy));
                    free = !item || item->type() != ElementItem::Type;
                }
            if (free) {
                offset = candidate;
                found = true;
            }
        }
    QTest::mousePress(viewport, Qt::LeftButton, {}, start);
    for (int step = 1; step <= 6; ++step)
        QTest::mouseMove(viewport, start + offset * step / 6);
    QTest::mouseRelease(viewport, Qt::LeftButton, {}, start + offset);
}

} // namespace

class TopologyMapTest : public QObject {
    Q_OBJECT
    test::IsolatedSettings m_settings; // switching the language saves it

private slots:
    void initTestCase() { QVERIFY(m_settings.isValid()); }
    void sceneIsBuiltFromInventoryData() {
        // Given a generated network of 800 elements  When the map shows it
        const GeneratedNetwork net = network(800);
        TopologyMapWidget map;
        QVERIFY(showAndLoad(map, net));
        // Then there is one item per element, link and site, placed where the scene says
        int elements = 0, links = 0, sites = 0;
        for (QGraphicsItem *item : map.scene()->items()) {
            if (item->type() == ElementItem::Type) {
                ++elements;
                const int node = static_cast<ElementItem *>(item)->node();
                QCOMPARE(item->pos(), map.scene()->nodePosition(node));
            }
            links += item->type() == LinkItem::Type;
            sites += item->type() == SiteItem::Type &&
                     static_cast<SiteItem *>(item)->part() == SiteItem::Part::Header;
        }
        QCOMPARE(elements, int(net.elements.size()));
        QCOMPARE(links, int(net.links.size()));
        QCOMPARE(sites, int(net.sites.size()));
        QCOMPARE(map.lastOverlaps(), 0);
    }

    void levelOfDetailFollowsTheZoom() {
        // Given a 20,000-element network shown whole
        const GeneratedNetwork net = network(20000);
        TopologyMapWidget map;
        QVERIFY(showAndLoad(map, net));
        TopologyScene *scene = map.scene();
        TopologyView *view = map.view();
        const QPointF centre = scene->nodePosition(0);

        // When zoomed right out  Then regions stand for everything: the view shows the regions'
        // scene (no site or element item is walked or drawn)
        view->setScale(0.004, scene->mapBounds().center());
        QCOMPARE(scene->detail(), MapDetail::Regions);
        QCOMPARE(view->scene(), scene->regionScene());
        QVERIFY(scene->regionItems().front()->isVisible());
        QVERIFY(!view->scene()->items().contains(scene->siteItem(0)));
        QVERIFY(view->scene()->items().size() < 100);

        // When zoomed to a few hundred sites  Then sites are single nodes, elements not drawn
        view->setScale(0.1, centre);
        QCOMPARE(scene->detail(), MapDetail::Sites);
        QCOMPARE(view->scene(), scene->overviewScene());
        QVERIFY(scene->siteItem(0)->isVisible());
        QVERIFY(!view->scene()->items().contains(scene->regionItems().front()));

        // When zoomed to 1:1  Then the elements' scene is shown, centred where it was
        view->setScale(1.0, centre);
        QCOMPARE(scene->detail(), MapDetail::Elements);
        QCOMPARE(view->scene(), static_cast<QGraphicsScene *>(scene));
        QVERIFY(QLineF(view->mapToScene(view->viewport()->rect().center()), centre).length() < 2);
        QVERIFY(scene->elementItem(0)->isVisible());

        // When a site node is double-clicked at the site level  Then the map drills down to it
        view->setScale(0.12, scene->sitePosition(5));
        QCOMPARE(scene->detail(), MapDetail::Sites);
        QTest::qWait(20);
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, view->mapFromScene(scene->sitePosition(5)));
        QTRY_COMPARE(scene->detail(), MapDetail::Elements);
        QVERIFY(map.breadcrumbText().contains(scene->siteName(5)));
        QVERIFY(map.breadcrumbText().contains(scene->regionName(scene->graph()->sites()[5].region_index)));

        // When the whole inventory is read again (a full reload after a resync)  Then the breadcrumb
        // still names the site the user drilled into
        const QString crumb = map.breadcrumbText();
        QSignalSpy shown(&map, &TopologyMapWidget::topologyShown);
        map.setTopology(net.sites, net.elements, net.links, {});
        QVERIFY(shown.wait(120000));
        QCOMPARE(map.breadcrumbText(), crumb);
    }

    void sitesPiledUpOnTheScreenAreShownAsRegions() {
        // Given five cities far apart, each with 60 sites within ~15 km of its centre (how operators'
        // sites cluster)
        const GeneratedNetwork net = fiveCities();
        TopologyMapWidget map;
        QVERIFY(showAndLoad(map, net));
        TopologyScene *scene = map.scene();
        TopologyView *view = map.view();

        // When the whole map is in view  Then the cities' 300 sites would pile up as nodes: regions
        // are shown (each an area with a dot per site), though far fewer sites than the site level's
        // limit are in view
        view->fitAll();
        QVERIFY(view->scale() < TopologyScene::kElementScale);
        QCOMPARE(scene->detail(), MapDetail::Regions);

        // When one city fills the view at the site level  Then its sites are nodes of their own
        QRectF city;
        for (int k = 0; k < 60; ++k)
            city = city.united(scene->siteArea(scene->graph()->siteIndex(QString("SH-S%1").arg(k))));
        view->fitRect(city);
        view->setScale(std::min(view->scale(), TopologyScene::kElementScale * 0.9), city.center());
        QCOMPARE(scene->detail(), MapDetail::Sites);
        saveScreenshot(map, "map_cities_sites");
    }

    void aFarAwaySiteGetsAFrameOfItsOwn() {
        LanguageManager languages;
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QVERIFY(languages.setLanguage(lang));
            // Given five cities, one site of Shanghai's region standing in Chengdu (1,700 km west)
            GeneratedNetwork net = fiveCities();
            for (Site &site : net.sites)
                if (site.id == QLatin1String("SH-S7")) {
                    site.latitude = 30.6;
                    site.longitude = 104.2;
                }
            // When the map shows them zoomed out
            TopologyMapWidget map;
            QVERIFY(showAndLoad(map, net));
            map.view()->fitAll();
            QCOMPARE(map.scene()->detail(), MapDetail::Regions);
            const TopologyGraph &graph = *map.scene()->graph();
            const int sh = graph.sites()[size_t(graph.siteIndex("SH-S0"))].region_index;
            const int outlier = graph.siteIndex("SH-S7");
            const RegionItem *shItem = map.scene()->regionItems()[size_t(sh)];

            // Then Shanghai's frames hold every site of its own and none of any other region's...
            for (size_t s = 0; s < graph.sites().size(); ++s) {
                const QPointF at = shItem->mapFromScene(map.scene()->sitePosition(int(s)));
                QVERIFY2(shItem->shape().contains(at) == (graph.sites()[s].region_index == sh),
                         qPrintable(graph.sites()[s].id));
            }
            // ...but not the empty map between the city and the far site
            QPointF city;
            for (int k = 0; k < 60; ++k)
                if (k != 7)
                    city += map.scene()->sitePosition(graph.siteIndex(QString("SH-S%1").arg(k))) / 59;
            const QPointF between = (city + map.scene()->sitePosition(outlier)) / 2;
            QVERIFY(!shItem->shape().contains(shItem->mapFromScene(between)));
            // The city has a frame about as big as the other cities', the far site a small one of its own
            const std::vector<RegionFrame> &frames = map.scene()->regionFrames(sh);
            QCOMPARE(int(frames.size()), 2);
            QCOMPARE(frames[0].sites, 59);
            QCOMPARE(frames[1].sites, 1);
            QVERIFY(frames[1].area.contains(map.scene()->sitePosition(outlier)));
            const QRectF bj =
                map.scene()->regionArea(graph.sites()[size_t(graph.siteIndex("BJ-S0"))].region_index);
            QVERIFY2(frames[0].area.width() * frames[0].area.height() < 1.5 * bj.width() * bj.height(),
                     qPrintable(QStringLiteral("SH %1x%2, BJ %3x%4")
                                    .arg(frames[0].area.width())
                                    .arg(frames[0].area.height())
                                    .arg(bj.width())
                                    .arg(bj.height())));
            // And the region is still all of its sites where the map zooms to it
            QVERIFY(map.scene()->regionArea(sh).contains(map.scene()->sitePosition(outlier)));
            QTest::qWait(50);
            saveScreenshot(map, "map_region_outlier_" + lang);
        }
        QVERIFY(languages.setLanguage("en"));
    }

    void anOutliersNameKeepsOffTheFrameOfTheCityItStandsBeside_data() {
        QTest::addColumn<QPointF>("where"); // longitude, latitude
        QTest::newRow("just south of Shenzhen's sites") << QPointF(114.0, 22.3);
        QTest::newRow("among Shenzhen's sites (the demo's GZ outlier)") << QPointF(114.0, 22.5);
    }

    void anOutliersNameKeepsOffTheFrameOfTheCityItStandsBeside() {
        // Given five cities, one site of Guangzhou's region standing in or beside Shenzhen
        QFETCH(QPointF, where);
        GeneratedNetwork net = fiveCities();
        for (Site &site : net.sites)
            if (site.id == QLatin1String("GZ-S7")) {
                site.latitude = where.y();
                site.longitude = where.x();
            }
        // When the map shows them zoomed out
        TopologyMapWidget map;
        QVERIFY(showAndLoad(map, net));
        map.view()->fitAll();
        QCOMPARE(map.scene()->detail(), MapDetail::Regions);
        map.view()->viewport()->grab(); // paints, which places the names
        const TopologyGraph &graph = *map.scene()->graph();
        const int gz = graph.sites()[size_t(graph.siteIndex("GZ-S0"))].region_index;
        const int sz = graph.sites()[size_t(graph.siteIndex("SZ-S0"))].region_index;
        QCOMPARE(map.scene()->regionFrames(gz).size(), size_t(2));
        const auto onScreen = [&map](const QRectF &area) {
            return map.view()->mapFromScene(RegionItem::outlineOf(area)).boundingRect();
        };
        const QRectF outlierFrame = onScreen(map.scene()->regionFrames(gz)[1].area);
        const QRectF szFrame = onScreen(map.scene()->regionFrames(sz)[0].area);

        // Then the outlier's frame is named, next to it and not on Shenzhen's frame (which would hide
        // Shenzhen's dots)
        const QList<TopologyView::Label> &labels = map.view()->labels();
        const QRectF mainFrame = onScreen(map.scene()->regionFrames(gz)[0].area);
        const auto gap = [](const QRectF &a, const QRectF &b) { // 0 when they touch
            return std::hypot(std::max({0.0, a.left() - b.right(), b.left() - a.right()}),
                              std::max({0.0, a.top() - b.bottom(), b.top() - a.bottom()}));
        };
        const auto named = std::find_if(labels.cbegin(), labels.cend(), [&](const TopologyView::Label &l) {
            return l.text == QLatin1String("GZ") && gap(l.rect, outlierFrame) < gap(l.rect, mainFrame) &&
                   gap(l.rect, outlierFrame) <= szFrame.height() + 8;
        });
        QVERIFY2(named != labels.cend(), "the outlier's frame has no name near it");
        QVERIFY2(!named->rect.intersects(szFrame),
                 qPrintable(QStringLiteral("GZ's name at %1,%2 sits on SZ's frame %3,%4 %5x%6")
                                .arg(named->rect.x())
                                .arg(named->rect.y())
                                .arg(szFrame.x())
                                .arg(szFrame.y())
                                .arg(szFrame.width())
                                .arg(szFrame.height())));
        saveScreenshot(map, QStringLiteral("map_outlier_name_") + QTest::currentDataTag());
    }

    void statusUpdateRecoloursOnlyTheChangedElement() {
        // Given a map with no alarms, zoomed onto one access element
        const GeneratedNetwork net = network(300);
        TopologyMapWidget map;
        QVERIFY(showAndLoad(map, net));
        const QString id = net.elements.at(120).id;
        const int node = map.scene()->graph()->nodeIndex(id);
        QVERIFY(map.showElement(id));
        QTest::qWait(20);
        const QColor critical = mapstyle::severityColor(Severity::Critical);
        QImage before = map.view()->viewport()->grab().toImage();
        QCOMPARE(countColor(before, iconRectInViewport(map, node), critical), 0);

        // When its worst active alarm becomes critical
        const int touched = map.scene()->updateStatus({{id, ElementStatus{Severity::Critical, false}}});

        // Then that element, its site and its region repaint (nothing else), and it is drawn red
        QCOMPARE(touched, 3);
        QCOMPARE(int(map.scene()->siteWorst(map.scene()->graph()->nodes()[size_t(node)].site)),
                 int(Severity::Critical));
        QTest::qWait(50);
        const QImage after = map.view()->viewport()->grab().toImage();
        QVERIFY2(countColor(after, iconRectInViewport(map, node), critical) > 30,
                 "element not drawn critical");

        // When the alarm clears  Then the element's colour returns to "no alarm"
        map.updateElementStatus({{id, ElementStatus()}});
        QTest::qWait(50);
        const QImage cleared = map.view()->viewport()->grab().toImage();
        QCOMPARE(countColor(cleared, iconRectInViewport(map, node), critical), 0);
    }

    void alarmChangeSetFromTheCacheRecoloursAndDownsLinks() {
        // Given a real cache file with a network, shown by the map
        CachedMap cached;
        QVERIFY(cached.load(network(200)));
        TopologyMapWidget &map = cached.map;
        QCOMPARE(int(map.scene()->graph()->nodes().size()), 200);

        // When the writer commits a major linkDown alarm on one element
        const QString id = cached.net.elements.at(50).id;
        const int node = map.scene()->graph()->nodeIndex(id);
        Alarm alarm;
        alarm.id = "A-1";
        alarm.alarmedObjectId = id;
        alarm.perceivedSeverity = Severity::Major;
        alarm.probableCause = "linkDown";
        alarm.alarmRaisedTime = alarm.alarmChangedTime = QDateTime::currentMSecsSinceEpoch();
        CacheBatch batch;
        batch.alarms << alarm;
        QCOMPARE(cached.sync(batch).alarms.inserted, QStringList{"A-1"});

        // Then the element turns major and its links are drawn down
        QTRY_COMPARE(int(map.scene()->status(node).worst), int(Severity::Major));
        QVERIFY(map.scene()->status(node).linkDown);
        int incident = -1;
        for (size_t k = 0; k < map.scene()->graph()->edges().size(); ++k)
            if (map.scene()->graph()->edges()[k].a == node || map.scene()->graph()->edges()[k].b == node)
                incident = int(k);
        QVERIFY(incident >= 0);
        QVERIFY(map.scene()->linkDown(incident));

        // When the alarm is cleared  Then the element is back to no alarm and the link is up
        alarm.state = AlarmState::Cleared;
        alarm.perceivedSeverity = Severity::Cleared;
        alarm.alarmClearedTime = alarm.alarmChangedTime = alarm.alarmRaisedTime + 1000;
        batch.alarms = {alarm};
        cached.sync(batch);
        QTRY_COMPARE(int(map.scene()->status(node).worst), int(Severity::Cleared));
        QVERIFY(!map.scene()->linkDown(incident));
    }

    void inventoryChangeTouchesOnlyTheChangedItemsAndKeepsTheView() {
        // Given a map from a cache, zoomed onto one element by the user
        CachedMap cached;
        QVERIFY(cached.load(network(300)));
        GeneratedNetwork &net = cached.net;
        TopologyMapWidget &map = cached.map;
        QSignalSpy &shown = cached.shown, &applied = cached.applied;
        CacheWriter &writer = cached.writer;
        const QString id = net.elements.at(40).id;
        QVERIFY(map.showElement(id));
        const QPointF centre = map.view()->mapToScene(map.view()->viewport()->rect().center());
        TopologyScene *scene = map.scene();
        std::vector<ElementItem *> itemsBefore;
        for (size_t i = 0; i < scene->graph()->nodes().size(); ++i)
            itemsBefore.push_back(scene->elementItem(int(i)));
        const quint64 createdBefore = scene->itemsCreated();

        // When the writer commits one renamed element
        net.elements[41].name = QStringLiteral("RENAMED-ELEMENT");
        CacheBatch batch;
        batch.elements << net.elements[41];
        const ChangeSet changes = writer.apply(batch);
        QCOMPARE(changes.elements.updated.size(), 1);
        map.applyChangeSet(changes);
        QVERIFY(applied.wait(30000));

        // Then exactly that item is touched, no item is created, every item is the same object, the
        // new name is on the map, and zoom, centre and highlight are as the user left them
        QCOMPARE(applied.takeFirst().at(0).toInt(), 1);
        QCOMPARE(shown.count(), 1); // no reload
        QCOMPARE(scene->itemsCreated(), createdBefore);
        for (size_t i = 0; i < itemsBefore.size(); ++i)
            QCOMPARE(scene->elementItem(int(i)), itemsBefore[i]);
        const int renamed = scene->graph()->nodeIndex(net.elements[41].id);
        QCOMPARE(scene->graph()->nodes()[size_t(renamed)].name, QStringLiteral("RENAMED-ELEMENT"));
        QVERIFY(std::abs(map.view()->scale() - 1.0) < 1e-9);
        QVERIFY(QLineF(map.view()->mapToScene(map.view()->viewport()->rect().center()), centre).length() < 2);
        QCOMPARE(scene->highlightedNode(), scene->graph()->nodeIndex(id));

        // When a new element with a link to element 40 arrives, and element 60 is removed
        NetworkElement added = net.elements.at(40);
        added.id = QStringLiteral("NE-NEW");
        added.name = QStringLiteral("NEW-ELEMENT");
        Link link;
        link.id = QStringLiteral("L-NEW");
        link.aEndId = added.id;
        link.zEndId = id;
        link.capacityBps = 10e9;
        link.operationalState = QStringLiteral("enable");
        CacheBatch grow;
        grow.elements << added;
        grow.links << link;
        map.applyChangeSet(writer.apply(grow));
        QVERIFY(applied.wait(30000));
        const QString gone = net.elements.at(60).id;
        ElementItem *goneItem = scene->elementItem(scene->graph()->nodeIndex(gone));
        CacheBatch shrink;
        shrink.removedElementIds << gone;
        const ChangeSet removed = writer.apply(shrink);
        QCOMPARE(removed.elements.removed, QStringList{gone});
        map.applyChangeSet(removed);
        QVERIFY(applied.wait(30000));

        // Then the new element and its link are the only new items, placed beside its site without
        // overlapping any icon; the removed element's item is gone; nothing else was recreated
        QCOMPARE(scene->itemsCreated(), createdBefore + 2);
        const int node = scene->graph()->nodeIndex(added.id);
        QVERIFY(node >= 0 && scene->elementItem(node));
        QVERIFY(scene->elementItem(node)->scene() == scene);
        QCOMPARE(scene->elementItem(node)->pos(), scene->nodePosition(node));
        std::vector<QPointF> live;
        for (size_t i = 0; i < scene->graph()->nodes().size(); ++i)
            if (scene->elementItem(int(i)))
                live.push_back(scene->nodePosition(int(i)));
        QCOMPARE(countOverlaps(live), 0);
        const int site = scene->graph()->nodes()[size_t(node)].site;
        double nearest = 1e18;
        for (int e : scene->graph()->sites()[size_t(site)].elements)
            if (e != node)
                nearest =
                    std::min(nearest, QLineF(scene->nodePosition(e), scene->nodePosition(node)).length());
        QVERIFY2(nearest <= 2.5 * LayoutMetrics::kFootprintWidth, qPrintable(QString::number(nearest)));
        QCOMPARE(scene->graph()->nodeIndex(gone), -1);
        QVERIFY(!scene->items().contains(goneItem));
        for (size_t i = 0; i < itemsBefore.size(); ++i)
            if (scene->graph()->nodes()[i].id != gone)
                QCOMPARE(scene->elementItem(int(i)), itemsBefore[i]);
        QCOMPARE(map.search(QStringLiteral("NEW-ELEMENT")), 1);
        QCOMPARE(shown.count(), 1);
    }

    void siteMovedBySyncTakesItsElementsAndLinksAlong() {
        // Given a map from a cache (geographic layout), zoomed by the user onto one element of a site
        CachedMap cached;
        QVERIFY(cached.load(network(300)));
        TopologyMapWidget &map = cached.map;
        QCOMPARE(map.layoutKind(), LayoutKind::Geographic);
        const QString id = cached.net.elements.at(40).id;
        QVERIFY(map.showElement(id));
        TopologyScene *scene = map.scene();
        const std::shared_ptr<const TopologyGraph> shownGraph = scene->graph(); // alive after the change
        const auto &graph = *shownGraph;
        const int moved = graph.nodes()[size_t(graph.nodeIndex(id))].site;
        const QString siteId = graph.sites()[size_t(moved)].id;
        QVERIFY(graph.sites()[size_t(moved)].elements.size() >= 2);
        saveScreenshot(map, "map_site_move_before");
        const double scaleBefore = map.view()->scale();
        const QPointF centre = map.view()->mapToScene(map.view()->viewport()->rect().center());
        const QPointF siteBefore = scene->sitePosition(moved);
        std::vector<QPointF> before = scene->positions();

        // When sync brings the site with new coordinates (north-east of where it was)
        Site &site = cached.site(siteId);
        site.latitude += 0.3;
        site.longitude += 0.3;
        CacheBatch batch;
        batch.sites << site;
        QCOMPARE(cached.sync(batch).sites.updated.size(), 1);
        QVERIFY(cached.applied.wait(30000));

        // Then the site moved north-east, every element of it by the same step (the site keeps its
        // shape), every other element stayed, and each link is drawn between its ends' new places
        const QPointF step = scene->sitePosition(moved) - siteBefore;
        QVERIFY2(step.x() > 20 && step.y() < -20,
                 qPrintable(QStringLiteral("site step %1,%2").arg(step.x()).arg(step.y())));
        const auto &nodes = scene->graph()->nodes();
        for (size_t i = 0; i < nodes.size(); ++i) {
            if (!scene->elementItem(int(i)))
                continue;
            const QPointF expected = nodes[i].site == moved ? before[i] + step : before[i];
            QVERIFY2(QLineF(scene->nodePosition(int(i)), expected).length() < 1e-6, qPrintable(nodes[i].id));
            QCOMPARE(scene->elementItem(int(i))->pos(), scene->nodePosition(int(i)));
        }
        const auto &edges = scene->graph()->edges();
        int linksOfSite = 0;
        for (QGraphicsItem *item : scene->items()) {
            if (item->type() != LinkItem::Type)
                continue;
            const TopologyEdge &e = edges[size_t(static_cast<LinkItem *>(item)->edge())];
            QCOMPARE(static_cast<LinkItem *>(item)->ends(),
                     QLineF(scene->nodePosition(e.a), scene->nodePosition(e.b)));
            linksOfSite += nodes[size_t(e.a)].site == moved || nodes[size_t(e.b)].site == moved;
        }
        QVERIFY(linksOfSite > 0);
        QVERIFY(scene->siteArea(moved).contains(scene->nodePosition(graph.nodeIndex(id))));

        // And the user's zoom, centre and selection are as they were, without a reload
        QCOMPARE(cached.shown.count(), 1);
        QVERIFY(std::abs(map.view()->scale() - scaleBefore) < 1e-9);
        QVERIFY(QLineF(map.view()->mapToScene(map.view()->viewport()->rect().center()), centre).length() < 2);
        QCOMPARE(scene->highlightedNode(), scene->graph()->nodeIndex(id));
        map.view()->setScale(scaleBefore, scene->sitePosition(moved));
        QTest::qWait(50);
        saveScreenshot(map, "map_site_move_after");
    }

    void siteMovedBySyncOntoANeighbourIsPlacedBesideItAndNoOtherSiteMoves() {
        // Given a map from a cache (geographic layout), a site A and B, the nearest site of its region
        CachedMap cached;
        QVERIFY(cached.load(network(300)));
        TopologyScene *scene = cached.map.scene();
        const std::shared_ptr<const TopologyGraph> graph = scene->graph();
        const int a = graph->nodes()[size_t(graph->nodeIndex(cached.net.elements.at(40).id))].site;
        int b = -1;
        for (int s : scene->regionSites(graph->sites()[size_t(a)].region_index))
            if (s != a && graph->sites()[size_t(s)].hasCoordinates &&
                (b < 0 || QLineF(scene->sitePosition(s), scene->sitePosition(a)).length() <
                              QLineF(scene->sitePosition(b), scene->sitePosition(a)).length()))
                b = s;
        QVERIFY(b >= 0);
        QCOMPARE(sitesTooClose(*scene, a), QStringList()); // the full layout kept them apart
        const std::vector<QPointF> before = scene->positions();
        const double distanceBefore = QLineF(scene->sitePosition(a), scene->sitePosition(b)).length();

        // When sync gives A the very coordinates of B
        QVERIFY(cached.syncSiteToCoordinatesOf(graph->sites()[size_t(a)].id, graph->sites()[size_t(b)].id));

        // Then A is beside B, not on it: as far from every site as the full layout keeps them, and
        // nearer to B than it was (within a block of each other)
        QCOMPARE(sitesTooClose(*scene, a), QStringList());
        const QRectF blockA = paddedBlock(*scene, a), blockB = paddedBlock(*scene, b);
        const double distance = QLineF(scene->sitePosition(a), scene->sitePosition(b)).length();
        const double besideB =
            QLineF(QPointF(0, 0), QPointF(blockA.width() + blockB.width(), blockA.height() + blockB.height()))
                .length();
        QVERIFY2(distance < distanceBefore && distance <= besideB,
                 qPrintable(QStringLiteral("A to B: %1 before, %2 now; beside: %3")
                                .arg(distanceBefore)
                                .arg(distance)
                                .arg(besideB)));
        // And A's elements moved by one step (it keeps its shape); no other element moved at all
        const auto &nodes = scene->graph()->nodes();
        const QPointF step = scene->nodePosition(graph->sites()[size_t(a)].elements.front()) -
                             before[size_t(graph->sites()[size_t(a)].elements.front())];
        for (size_t i = 0; i < nodes.size(); ++i) {
            if (!scene->elementItem(int(i)))
                continue;
            const QPointF expected = nodes[i].site == a ? before[i] + step : before[i];
            QVERIFY2(QLineF(scene->nodePosition(int(i)), expected).length() < 1e-6, qPrintable(nodes[i].id));
        }
    }

    void siteMovedBySyncToAnotherCityIsDrawnInThatCitysFrameAndOneMovedIntoTheSeaBesideTheNearest() {
        // Given five cities shown from a cache (geographic layout), and where a full layout draws a
        // Shanghai site standing at a Chengdu site's coordinates
        CachedMap cached;
        QVERIFY(cached.load(fiveCities()));
        TopologyScene *scene = cached.map.scene();
        const std::shared_ptr<const TopologyGraph> graph = scene->graph();
        const int moved = graph->siteIndex("SH-S7"), cd = graph->siteIndex("CD-S10");
        const int shRegion = graph->sites()[size_t(moved)].region_index;
        const int cdRegion = graph->sites()[size_t(cd)].region_index;
        const QRectF block = paddedBlock(*scene, moved);
        const double blockDiagonal = std::hypot(block.width(), block.height());
        GeneratedNetwork strayNet = fiveCities();
        for (Site &s : strayNet.sites)
            if (s.id == QLatin1String("SH-S7")) {
                s.latitude = cached.site("CD-S10").latitude;
                s.longitude = cached.site("CD-S10").longitude;
            }
        const TopologyGraph strayGraph =
            TopologyGraph::build(strayNet.sites, strayNet.elements, strayNet.links);
        const LayoutResult full = computeLayout(strayGraph, {});
        const double fullFromCd = QLineF(full.sitePositions[size_t(strayGraph.siteIndex("SH-S7"))],
                                         full.sitePositions[size_t(strayGraph.siteIndex("CD-S10"))])
                                      .length();
        const std::vector<QPointF> before = scene->positions();

        // When sync moves the site to that Chengdu site's coordinates (no new layout)
        QVERIFY(cached.syncSiteToCoordinatesOf("SH-S7", "CD-S10"));

        // Then it is drawn beside that Chengdu site, in Chengdu's frame, as the full layout draws it
        // there (within two site blocks of it), not where Shanghai's magnification puts Chengdu's
        // coordinates (far out in the empty map), and clear of every other site's block
        const double fromCd = QLineF(scene->sitePosition(moved), scene->sitePosition(cd)).length();
        qInfo("moved site %.0f from CD-S10 (full layout: %.0f; block diagonal %.0f)", fromCd, fullFromCd,
              blockDiagonal);
        QVERIFY(fullFromCd <= 2 * blockDiagonal);
        QVERIFY(fromCd <= 2 * blockDiagonal);
        QVERIFY(scene->regionFrames(cdRegion)
                    .front()
                    .area.adjusted(-blockDiagonal, -blockDiagonal, blockDiagonal, blockDiagonal)
                    .contains(scene->sitePosition(moved)));
        QCOMPARE(sitesTooClose(*scene, moved), QStringList());
        // ...drawn in a small frame of Shanghai's of its own there, Shanghai's main frame around its city
        const std::vector<RegionFrame> &shFrames = scene->regionFrames(shRegion);
        QCOMPARE(int(shFrames.size()), 2);
        QCOMPARE(shFrames[0].sites, 59);
        QVERIFY(shFrames[1].area.contains(scene->sitePosition(moved)));
        // ...and nothing else moved
        const auto &nodes = scene->graph()->nodes();
        for (size_t i = 0; i < nodes.size(); ++i)
            if (nodes[i].site != moved)
                QCOMPARE(scene->nodePosition(int(i)), before[i]);

        // When sync then moves another Shanghai site into the sea, 1,600 km east of Shanghai (the
        // nearest city) and farther from every other
        const QRectF boundsBefore = scene->mapBounds();
        const QRectF shMain = scene->regionFrames(shRegion).front().area;
        const int sea = graph->siteIndex("SH-S8");
        Site &seaSite = cached.site("SH-S8");
        seaSite.latitude = 29.46;
        seaSite.longitude = 138.0;
        CacheBatch batch;
        batch.sites << seaSite;
        QCOMPARE(cached.sync(batch).sites.updated.size(), 1);
        QVERIFY(cached.applied.wait(30000));

        // Then it is drawn just east of Shanghai's frame (at most the reach the layout allows beyond a
        // frame, about the city's size, plus a block for the nudge), as the full layout draws such a
        // site, and the map (fit-to-view) grows by no more than that
        const QPointF at = scene->sitePosition(sea);
        const double beyond = std::hypot(std::max({shMain.left() - at.x(), at.x() - shMain.right(), 0.0}),
                                         std::max({shMain.top() - at.y(), at.y() - shMain.bottom(), 0.0}));
        qInfo("sea site %.0f px beyond Shanghai's frame (reach %.0f); map %.0fx%.0f -> %.0fx%.0f", beyond,
              farSiteReach(shMain), boundsBefore.width(), boundsBefore.height(), scene->mapBounds().width(),
              scene->mapBounds().height());
        QVERIFY(at.x() > shMain.right());
        const double reach = farSiteReach(shMain);
        QVERIFY(beyond <= reach + blockDiagonal);
        QVERIFY(scene->mapBounds().width() <= boundsBefore.width() + reach + blockDiagonal);
        QVERIFY(scene->mapBounds().height() <= boundsBefore.height() + reach + blockDiagonal);
        QCOMPARE(sitesTooClose(*scene, sea), QStringList());

        // When sync brings a new Shanghai site at a Chengdu site's coordinates, with one element
        // linked to nothing
        Site newSite;
        newSite.id = QStringLiteral("SH-NEW");
        newSite.region = QStringLiteral("SH");
        newSite.latitude = cached.site("CD-S20").latitude;
        newSite.longitude = cached.site("CD-S20").longitude;
        NetworkElement newElement;
        newElement.id = QStringLiteral("SH-NEW-E0");
        newElement.siteId = newSite.id;
        CacheBatch added;
        added.sites << newSite;
        added.elements << newElement;
        QCOMPARE(cached.sync(added).elements.inserted.size(), 1);
        QVERIFY(cached.applied.wait(30000));

        // Then its element is placed as the site would be: beside that Chengdu site
        const int newNode = scene->graph()->nodeIndex(newElement.id);
        QVERIFY(newNode >= 0 && scene->elementItem(newNode));
        const double newFromCd =
            QLineF(scene->nodePosition(newNode), scene->sitePosition(graph->siteIndex("CD-S20"))).length();
        qInfo("new element %.0f from CD-S20", newFromCd);
        QVERIFY(newFromCd <= 2 * blockDiagonal);
        QCOMPARE(cached.shown.count(), 1); // no reload
    }

    void siteGainingCoordinatesThroughSyncMovesThereAndOneLosingThemStays() {
        // Given a map from a cache (geographic layout) in which one site has no coordinates (placed
        // near the sites it links to), one of its elements pinned by the user
        GeneratedNetwork net = network(300);
        const QString siteId = net.elements.at(40).siteId;
        for (Site &s : net.sites)
            if (s.id == siteId)
                s.latitude = s.longitude = std::nan("");
        CachedMap cached;
        QVERIFY(cached.load(std::move(net)));
        TopologyScene *scene = cached.map.scene();
        const std::shared_ptr<const TopologyGraph> graph = scene->graph();
        const int moved = graph->siteIndex(siteId);
        QVERIFY(!graph->sites()[size_t(moved)].hasCoordinates);
        QVERIFY(cached.map.skippedInventory().sitesWithoutCoordinates.contains(siteId));
        const std::vector<int> &members = graph->sites()[size_t(moved)].elements;
        QVERIFY(members.size() >= 3);
        const int pinned = members.back();
        scene->setPinned(pinned, true);
        const std::vector<int> free(members.begin(), members.end() - 1);
        // ...and the site of its region farthest from it, F
        int far = -1;
        for (int s : scene->regionSites(graph->sites()[size_t(moved)].region_index))
            if (s != moved && graph->sites()[size_t(s)].hasCoordinates &&
                (far < 0 || QLineF(scene->sitePosition(s), scene->sitePosition(moved)).length() >
                                QLineF(scene->sitePosition(far), scene->sitePosition(moved)).length()))
                far = s;
        QVERIFY(far >= 0);
        const std::vector<QPointF> before = scene->positions();
        const double distanceBefore = QLineF(centreOf(*scene, free), scene->sitePosition(far)).length();

        // When sync brings the site's coordinates: those of F
        QVERIFY(cached.syncSiteToCoordinatesOf(siteId, graph->sites()[size_t(far)].id));

        // Then the site went to F (beside it, not on it), its elements by one step, the pinned one
        // stayed, no other element moved, and its links are drawn between their ends' new places
        QCOMPARE(sitesTooClose(*scene, moved, free), QStringList());
        const QRectF blockA = paddedBlock(*scene, free), blockF = paddedBlock(*scene, far);
        const double distance = QLineF(centreOf(*scene, free), scene->sitePosition(far)).length();
        QVERIFY2(distance < distanceBefore / 2 &&
                     distance <= QLineF(QPointF(0, 0), QPointF(blockA.width() + blockF.width(),
                                                               blockA.height() + blockF.height()))
                                     .length(),
                 qPrintable(QStringLiteral("to F: %1 before, %2 now").arg(distanceBefore).arg(distance)));
        const QPointF step = scene->nodePosition(free.front()) - before[size_t(free.front())];
        const auto &nodes = scene->graph()->nodes();
        for (size_t i = 0; i < nodes.size(); ++i) {
            if (!scene->elementItem(int(i)))
                continue;
            const bool follows = nodes[i].site == moved && int(i) != pinned;
            const QPointF expected = follows ? before[i] + step : before[i];
            QVERIFY2(QLineF(scene->nodePosition(int(i)), expected).length() < 1e-6, qPrintable(nodes[i].id));
            QCOMPARE(scene->elementItem(int(i))->pos(), scene->nodePosition(int(i)));
        }
        for (QGraphicsItem *item : scene->items())
            if (item->type() == LinkItem::Type) {
                const TopologyEdge &e =
                    scene->graph()->edges()[size_t(static_cast<LinkItem *>(item)->edge())];
                QCOMPARE(static_cast<LinkItem *>(item)->ends(),
                         QLineF(scene->nodePosition(e.a), scene->nodePosition(e.b)));
            }
        QVERIFY(!cached.map.skippedInventory().sitesWithoutCoordinates.contains(siteId));

        // When sync takes the coordinates away again
        const std::vector<QPointF> placed = scene->positions();
        Site &site = cached.site(siteId);
        site.latitude = site.longitude = std::nan("");
        CacheBatch lose;
        lose.sites << site;
        QCOMPARE(cached.sync(lose).sites.updated.size(), 1);
        QVERIFY(cached.applied.wait(30000));

        // Then nothing moves (the engineer keeps seeing it where it was), and the site is counted
        // among the sites without coordinates again; no reload
        QVERIFY(scene->positions() == placed);
        QVERIFY(cached.map.skippedInventory().sitesWithoutCoordinates.contains(siteId));
        QCOMPARE(cached.shown.count(), 1);
    }

    void siteGainingCoordinatesThroughSyncStaysInTheForceAndLayeredLayouts_data() {
        QTest::addColumn<int>("kind");
        QTest::newRow("force-directed") << int(LayoutKind::ForceDirected);
        QTest::newRow("layered") << int(LayoutKind::Layered);
    }
    void siteGainingCoordinatesThroughSyncStaysInTheForceAndLayeredLayouts() {
        // Given a map from a cache in which one site has no coordinates, shown in a layout that does
        // not place sites by their coordinates (force-directed or layered)
        QFETCH(int, kind);
        GeneratedNetwork net = network(300);
        const QString siteId = net.elements.at(40).siteId;
        const QString otherId = net.elements.at(200).siteId; // a site with coordinates
        QVERIFY(otherId != siteId);
        for (Site &s : net.sites)
            if (s.id == siteId)
                s.latitude = s.longitude = std::nan("");
        CachedMap cached;
        QVERIFY(cached.load(std::move(net)));
        QSignalSpy laidOut(&cached.map, &TopologyMapWidget::layoutFinished);
        cached.map.setLayoutKind(LayoutKind(kind));
        QVERIFY(laidOut.wait(60000));
        TopologyScene *scene = cached.map.scene();
        QVERIFY(cached.map.skippedInventory().sitesWithoutCoordinates.contains(siteId));
        const std::vector<QPointF> before = scene->positions();

        // When sync brings the site's coordinates (those of another site)
        QVERIFY(cached.syncSiteToCoordinatesOf(siteId, otherId));
        // (a new layout would be computed on the layout thread and arrive later: given time to)
        QVERIFY(!laidOut.wait(500));

        // Then the map knows them (the site is no longer counted without coordinates), but nothing
        // moves: in this layout a site's place says nothing about its coordinates (only the
        // geographic layout moves it, siteGainingCoordinatesThroughSyncMovesThereAndOneLosingThemStays)
        const TopologySite &site = scene->graph()->sites()[size_t(scene->graph()->siteIndex(siteId))];
        QVERIFY(site.hasCoordinates);
        QVERIFY(!cached.map.skippedInventory().sitesWithoutCoordinates.contains(siteId));
        QVERIFY(scene->positions() == before);
        for (size_t i = 0; i < before.size(); ++i)
            if (scene->elementItem(int(i)))
                QCOMPARE(scene->elementItem(int(i))->pos(), before[i]);
        QCOMPARE(cached.shown.count(), 1); // no reload
        QCOMPARE(laidOut.count(), 1);      // and no new layout
    }

    void firstSyncIntoAnEmptyMapIsLaidOutAfreshAndManyNewElementsAtOneSiteDoNotOverlap() {
        // Given a map on an empty cache (a first start, before the first sync)
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        {
            CacheWriter empty;
            QVERIFY(empty.open(path));
        }
        TopologyMapWidget map;
        map.resize(900, 600);
        map.show();
        QSignalSpy shown(&map, &TopologyMapWidget::topologyShown);
        QSignalSpy applied(&map, &TopologyMapWidget::inventoryApplied);
        map.setCacheFile(path);
        QVERIFY(shown.wait(60000));
        QCOMPARE(map.scene()->graph()->liveNodeCount(), 0);

        // When the first sync writes a few hundred elements (fewer than a full resync's threshold)
        GeneratedNetwork net = network(300);
        CacheWriter writer;
        QVERIFY(writer.open(path));
        CacheBatch first;
        first.sites = net.sites;
        first.elements = net.elements;
        first.links = net.links;
        map.applyChangeSet(writer.apply(first));

        // Then the map reads and lays them out afresh (not one by one on the GUI thread) and fits them
        QVERIFY(shown.wait(60000));
        TopologyScene *scene = map.scene();
        QCOMPARE(scene->graph()->liveNodeCount(), 300);
        QCOMPARE(applied.count(), 0);
        const QRectF visible = map.view()->mapToScene(map.view()->viewport()->rect()).boundingRect();
        QVERIFY(visible.intersects(scene->mapBounds()));

        // When forty new elements arrive at one site in one change
        const QString siteId = net.elements.at(10).siteId;
        CacheBatch grow;
        for (int i = 0; i < 40; ++i) {
            NetworkElement e = net.elements.at(10);
            e.id = QStringLiteral("NE-BATCH-%1").arg(i);
            e.name = QStringLiteral("BATCH-%1").arg(i);
            grow.elements << e;
        }
        map.applyChangeSet(writer.apply(grow));
        QVERIFY(applied.wait(30000));

        // Then they are placed in place, beside their site, and no two icons overlap
        QCOMPARE(shown.count(), 2); // no reload for this one
        QCOMPARE(scene->graph()->liveNodeCount(), 340);
        std::vector<QPointF> live;
        for (size_t i = 0; i < scene->graph()->nodes().size(); ++i)
            if (scene->elementItem(int(i)))
                live.push_back(scene->nodePosition(int(i)));
        QCOMPARE(countOverlaps(live), 0);
        const QPointF anchor = scene->nodePosition(scene->graph()->nodeIndex(net.elements.at(10).id));
        for (int i = 0; i < 40; ++i) {
            const int node = scene->graph()->nodeIndex(QStringLiteral("NE-BATCH-%1").arg(i));
            QVERIFY(node >= 0);
            QCOMPARE(scene->graph()->sites()[size_t(scene->graph()->nodes()[size_t(node)].site)].id, siteId);
            QVERIFY(QLineF(scene->nodePosition(node), anchor).length() < 12 * LayoutMetrics::kFootprintWidth);
        }
    }

    void draggedElementIsPinnedAndSurvivesARestart() {
        // Given a map loaded from a cache file, zoomed onto one element
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        const GeneratedNetwork net = network(200);
        QVERIFY(writeInventory(path, net));
        const QString id = net.elements.at(80).id;
        QPointF dropped;
        QPointF otherBefore;
        {
            TopologyMapWidget map;
            map.setSaveDebounceMs(100);
            map.resize(900, 600);
            map.show();
            QVERIFY(QTest::qWaitForWindowExposed(&map));
            QSignalSpy shown(&map, &TopologyMapWidget::topologyShown);
            map.setCacheFile(path);
            QVERIFY(shown.wait(60000));
            const int node = map.scene()->graph()->nodeIndex(id);
            otherBefore = map.scene()->nodePosition(0);
            QVERIFY(map.showElement(id));
            QTest::qWait(20);
            QSignalSpy save(&map, &TopologyMapWidget::positionsSaveRequested);
            QVERIFY(save.isValid());

            // When the user drags it in several mouse moves
            QWidget *viewport = map.view()->viewport();
            const QPoint start = map.view()->mapFromScene(map.scene()->nodePosition(node));
            QTest::mousePress(viewport, Qt::LeftButton, {}, start);
            for (int step = 1; step <= 6; ++step)
                QTest::mouseMove(viewport, start + QPoint(step * 15, step * 8));
            QTest::mouseRelease(viewport, Qt::LeftButton, {}, start + QPoint(90, 48));

            // Then it is pinned where it was dropped, and ONE debounced batch carries the position
            QVERIFY(map.scene()->isPinned(node));
            dropped = map.scene()->nodePosition(node);
            QVERIFY(QLineF(dropped, map.view()->mapToScene(start)).length() > 40);
            QVERIFY(save.wait(5000));
            QTest::qWait(300);
            QCOMPARE(save.count(), 1);
            const CacheBatch batch = save.at(0).at(0).value<CacheBatch>();
            QCOMPARE(batch.mapPositions.size(), 1);
            const MapPosition saved = batch.mapPositions.first();
            QCOMPARE(saved.elementId, id);
            QCOMPARE(saved.mapViewId, QStringLiteral("main/geographic"));
            QVERIFY(saved.pinned);
            QCOMPARE(QPointF(saved.x, saved.y), dropped);
            // (the application wiring hands it to the writer)
            CacheWriter writer;
            QVERIFY(writer.open(path));
            QVERIFY(writer.apply(batch).mapPositionsChanged);
        }

        // When the console restarts on the same cache
        TopologyMapWidget again;
        again.resize(900, 600);
        again.show();
        QSignalSpy shown(&again, &TopologyMapWidget::topologyShown);
        again.setCacheFile(path);
        QVERIFY(shown.wait(60000));

        // Then the element is pinned at the dropped position and the rest is laid out as before
        const int node = again.scene()->graph()->nodeIndex(id);
        QVERIFY(again.scene()->isPinned(node));
        QCOMPARE(again.scene()->nodePosition(node), dropped);
        QVERIFY(!again.scene()->isPinned(0));
        QVERIFY(QLineF(again.scene()->nodePosition(0), otherBefore).length() < 100);
        QCOMPARE(again.lastOverlaps(), 0);
    }

    void hoveringAnElementShowsItsAlarmsByStateAndItsPin() {
        // Given a map from a real cache in which element 40 has two critical alarms (one
        // acknowledged) and a major one nobody acknowledged, and which the user has pinned
        CachedMap cached;
        QVERIFY(cached.load(network(200)));
        TopologyMapWidget &map = cached.map;
        map.resize(1000, 700);
        const NetworkElement &element = cached.net.elements.at(40);
        const int node = map.scene()->graph()->nodeIndex(element.id);
        CacheBatch batch;
        batch.alarms << alarmOn("A-1", element.id, Severity::Critical, AckState::Unacknowledged)
                     << alarmOn("A-2", element.id, Severity::Critical, AckState::Acknowledged)
                     << alarmOn("A-3", element.id, Severity::Major, AckState::Unacknowledged);
        QCOMPARE(cached.sync(batch).alarms.inserted.size(), 3);
        QTRY_COMPARE(int(map.scene()->status(node).active[0]), 2);
        QVERIFY(map.showElement(element.id));
        QTest::qWait(20);
        dragElement(map, node);
        QVERIFY(map.scene()->isPinned(node));
        // (nothing is stored on the items: the text is made when a tooltip is asked for)
        QVERIFY(map.scene()->elementItem(node)->toolTip().isEmpty());

        // When the mouse rests on it
        const QPoint at = map.view()->mapFromScene(map.scene()->nodePosition(node));
        QWidget *tip = nullptr;
        const QString text = toolTipAt(map, at, &tip);

        // Then its tooltip names it, its type and site, its state, its alarms by severity with the
        // unacknowledged ones counted, and that its position is pinned
        const TopologyNode &n = map.scene()->graph()->nodes()[size_t(node)];
        QVERIFY2(text.startsWith(element.name), qPrintable(text));
        QVERIFY2(text.contains(MapElementCard::categoryName(n.category) + " at site " +
                               map.scene()->siteName(n.site)),
                 qPrintable(text));
        QVERIFY2(text.contains(n.outOfService ? "Out of service" : "In service"), qPrintable(text));
        QVERIFY2(text.contains("Critical: 2 (1 unacknowledged)"), qPrintable(text));
        QVERIFY2(text.contains("Major: 1 (none acknowledged)"), qPrintable(text));
        QVERIFY2(!text.contains("Minor"), qPrintable(text));
        QVERIFY2(text.contains("Position pinned"), qPrintable(text));
        savePopupShot(map, tip, "map_tooltip_element_en");

        // And when all are acknowledged, it says so
        batch.alarms = {alarmOn("A-1", element.id, Severity::Critical, AckState::Acknowledged),
                        alarmOn("A-3", element.id, Severity::Major, AckState::Acknowledged)};
        cached.sync(batch);
        QTRY_COMPARE(int(map.scene()->status(node).unacknowledged[0]), 0);
        QTRY_COMPARE(int(map.scene()->status(node).unacknowledged[1]), 0);
        QVERIFY2(toolTipAt(map, at).contains("Major: 1 (all acknowledged)"), qPrintable(toolTipAt(map, at)));

        // And an element with no alarm and no pin says that
        const int quiet = map.scene()->graph()->nodeIndex(cached.net.elements.at(41).id);
        QVERIFY(map.showElement(cached.net.elements.at(41).id));
        const QPoint quietAt = map.view()->mapFromScene(map.scene()->nodePosition(quiet));
        QGraphicsItem *quietItem = map.view()->mapItemAt(quietAt);
        QVERIFY(quietItem && quietItem->type() == ElementItem::Type);
        if (static_cast<ElementItem *>(quietItem)->node() == quiet) { // not under the dragged one
            const QString quietText = toolTipAt(map, quietAt);
            QVERIFY2(quietText.contains("No active alarms"), qPrintable(quietText));
            QVERIFY2(quietText.contains("Position from the layout"), qPrintable(quietText));
        }

        // And a link between two elements names both ends, its capacity and how much of it is used
        bool sawLink = false;
        const auto &edges = map.scene()->graph()->edges();
        for (size_t k = 0; k < edges.size() && !sawLink; ++k) {
            const QPointF middle =
                (map.scene()->nodePosition(edges[k].a) + map.scene()->nodePosition(edges[k].b)) / 2;
            map.view()->centreOn(middle, 1.0);
            const QPoint p = map.view()->mapFromScene(middle);
            QGraphicsItem *item = map.view()->mapItemAt(p);
            if (!item || item->type() != LinkItem::Type)
                continue;
            const int edge = static_cast<LinkItem *>(item)->edge();
            const QString linkText = toolTipAt(map, p, &tip);
            QVERIFY2(linkText.contains(map.scene()->graph()->nodes()[size_t(edges[size_t(edge)].a)].name) &&
                         linkText.contains(map.scene()->graph()->nodes()[size_t(edges[size_t(edge)].b)].name),
                     qPrintable(linkText));
            QVERIFY2(linkText.contains("bit/s") && linkText.contains("in use"), qPrintable(linkText));
            savePopupShot(map, tip, "map_tooltip_link_en");
            sawLink = true;
        }
        QVERIFY(sawLink);

        // And zoomed out, a site's node says its name, how many elements it holds and its worst alarm
        map.fitToView();
        QCOMPARE(map.scene()->detail(), MapDetail::Sites);
        const int site = n.site;
        const QPoint sitePoint = map.view()->mapFromScene(map.scene()->sitePosition(site));
        const QString siteText = toolTipAt(map, sitePoint, &tip);
        const int count = int(map.scene()->graph()->sites()[size_t(site)].elements.size());
        QVERIFY2(siteText.startsWith(map.scene()->siteName(site)), qPrintable(siteText));
        QVERIFY2(siteText.contains(QString("%1 elements").arg(count)) || count == 1, qPrintable(siteText));
        QVERIFY2(
            siteText.contains(QString("Worst active alarm: Critical (1 of %1 elements alarmed)").arg(count)),
            qPrintable(siteText));
        savePopupShot(map, tip, "map_tooltip_site_en");

        // And in Chinese
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        QVERIFY(map.showElement(element.id));
        QTest::qWait(20);
        batch.alarms = {alarmOn("A-1", element.id, Severity::Critical, AckState::Unacknowledged)};
        cached.sync(batch);
        QTRY_COMPARE(int(map.scene()->status(node).unacknowledged[0]), 1);
        const QString chinese =
            toolTipAt(map, map.view()->mapFromScene(map.scene()->nodePosition(node)), &tip);
        QVERIFY2(chinese.contains(QString::fromUtf8("严重")) && chinese.contains(QString::fromUtf8("未确认")),
                 qPrintable(chinese));
        savePopupShot(map, tip, "map_tooltip_element_zh_CN");
        QWidget *zhTip = nullptr;
        map.fitToView();
        toolTipAt(map, map.view()->mapFromScene(map.scene()->sitePosition(site)), &zhTip);
        savePopupShot(map, zhTip, "map_tooltip_site_zh_CN");
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        QToolTip::hideText();
    }

    void rightClickOnAPinnedElementOffersItsAlarmsItsSiteAndUnpin() {
        // Given a map from a real cache with an element the user pinned (saved in the cache)
        QTemporaryDir dir;
        const QString path = dir.filePath("cache.sqlite");
        const GeneratedNetwork net = network(200);
        QVERIFY(writeInventory(path, net));
        const QString id = net.elements.at(80).id;
        CacheWriter writer;
        {
            TopologyMapWidget map;
            map.setSaveDebounceMs(100);
            map.resize(1000, 700);
            map.show();
            QVERIFY(QTest::qWaitForWindowExposed(&map));
            QSignalSpy shown(&map, &TopologyMapWidget::topologyShown);
            map.setCacheFile(path);
            QVERIFY(shown.wait(60000));
            const int node = map.scene()->graph()->nodeIndex(id);
            QVERIFY(map.showElement(id));
            QTest::qWait(20);
            QSignalSpy save(&map, &TopologyMapWidget::positionsSaveRequested);
            dragElement(map, node);
            QVERIFY(save.wait(5000));
            QVERIFY(writer.open(path));
            QVERIFY(writer.apply(save.takeFirst().at(0).value<CacheBatch>()).mapPositionsChanged);
            QVERIFY(map.scene()->isPinned(node));

            // When the user right-clicks it
            QStringList entries;
            QMenu *shownMenu = nullptr;
            QTimer::singleShot(200, &map, [&] {
                shownMenu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
                if (!shownMenu)
                    return;
                for (QAction *a : shownMenu->actions())
                    if (!a->isSeparator())
                        entries << a->text() + (a->isEnabled() ? "" : " (disabled)");
                savePopupShot(map, shownMenu, "map_element_menu_en");
                shownMenu->close();
            });
            const QPoint at = map.view()->mapFromScene(map.scene()->nodePosition(node));
            QGraphicsItem *under = map.view()->mapItemAt(at);
            QVERIFY(under && under->type() == ElementItem::Type);
            QCOMPARE(static_cast<ElementItem *>(under)->node(), node);
            QContextMenuEvent click(QContextMenuEvent::Mouse, at, map.view()->viewport()->mapToGlobal(at));
            QApplication::sendEvent(map.view()->viewport(), &click);
            QTRY_VERIFY(shownMenu != nullptr);

            // Then a menu offers its alarms, its site and to unpin it
            const QString siteName = map.scene()->siteName(map.scene()->graph()->nodes()[size_t(node)].site);
            QCOMPARE(entries, QStringList({"Show alarms in the alarm list", "Zoom to site " + siteName,
                                           "Unpin position"}));
            std::unique_ptr<QMenu> menu(map.createElementMenu(id));
            QVERIFY(menu);
            // When "Show alarms" is chosen  Then the map asks for this element's alarms
            QSignalSpy alarms(&map, &TopologyMapWidget::alarmsRequested);
            menu->findChild<QAction *>("showAlarms")->trigger();
            QCOMPARE(alarms.count(), 1);
            QCOMPARE(alarms.at(0).at(0).toString(), id);
            // When "Zoom to site" is chosen  Then the breadcrumb ends at its site
            menu->findChild<QAction *>("zoomToSite")->trigger();
            QVERIFY2(map.breadcrumbText().endsWith(siteName), qPrintable(map.breadcrumbText()));
            // When "Unpin position" is chosen
            menu->findChild<QAction *>("unpin")->trigger();
            // Then it is no longer pinned, and the change is saved like a pin: one batch, pinned off
            QVERIFY(!map.scene()->isPinned(node));
            QVERIFY(save.wait(5000));
            const CacheBatch batch = save.at(0).at(0).value<CacheBatch>();
            QCOMPARE(batch.mapPositions.size(), 1);
            QCOMPARE(batch.mapPositions.first().elementId, id);
            QVERIFY(!batch.mapPositions.first().pinned);
            QVERIFY(writer.apply(batch).mapPositionsChanged);
            // And an element that is not pinned has nothing to unpin
            std::unique_ptr<QMenu> other(map.createElementMenu(net.elements.at(81).id));
            QVERIFY(other && !other->findChild<QAction *>("unpin"));
            // And while positions cannot be saved, "Unpin" is there but off, saying why
            dragElement(map, node);
            QVERIFY(map.scene()->isPinned(node));
            map.setCannotSaveReason(
                QStringLiteral("The local cache cannot be written, so changes cannot be saved now: /x"));
            std::unique_ptr<QMenu> refused(map.createElementMenu(id));
            QAction *unpin = refused->findChild<QAction *>("unpin");
            QVERIFY(unpin && !unpin->isEnabled());
            QCOMPARE(unpin->toolTip(), map.cannotSaveReason());
            QVERIFY(!map.unpinElement(id));
            QVERIFY(map.scene()->isPinned(node));
        }
        // When the console starts again  Then the element is laid out, not pinned
        TopologyMapWidget again;
        again.resize(900, 600);
        again.show();
        QSignalSpy shown(&again, &TopologyMapWidget::topologyShown);
        again.setCacheFile(path);
        QVERIFY(shown.wait(60000));
        QVERIFY(!again.scene()->isPinned(again.scene()->graph()->nodeIndex(id)));
    }

    void searchFindsByNameOrIpAndCentresTheElement() {
        // Given a map of a generated network
        const GeneratedNetwork net = network(1000);
        TopologyMapWidget map;
        QVERIFY(showAndLoad(map, net));
        const NetworkElement &target = net.elements.at(700);
        const int node = map.scene()->graph()->nodeIndex(target.id);

        for (const QString &query : {target.name, target.mgmtIp, target.name.toLower()}) {
            map.fitToView();
            // When searching for it by name, by IP, or in lower case
            QVERIFY(map.search(query) >= 1);
            // Then it is highlighted, centred and drawn at element level, with a breadcrumb to it
            QCOMPARE(map.scene()->highlightedNode(), node);
            const QPointF centre = map.view()->mapToScene(map.view()->viewport()->rect().center());
            QVERIFY2(QLineF(centre, map.scene()->nodePosition(node)).length() < 3, qPrintable(query));
            QCOMPARE(map.scene()->detail(), MapDetail::Elements);
            QVERIFY(map.breadcrumbText().contains(target.name));
        }
        // And a search for something absent finds nothing and leaves the view alone
        QCOMPARE(map.search(QStringLiteral("no-such-element-anywhere")), 0);

        // And Ctrl+F opens the search field
        map.activateWindow();
        map.view()->setFocus();
        QTest::keyClick(map.view(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(map.findChild<QLineEdit *>()->hasFocus());
    }

    void selectingAnElementEmitsItsId() {
        // Given a map zoomed onto an element
        const GeneratedNetwork net = network(300);
        TopologyMapWidget map;
        QVERIFY(showAndLoad(map, net));
        const QString id = net.elements.at(30).id;
        QVERIFY(map.showElement(id));
        QTest::qWait(20);
        QSignalSpy selected(&map, &TopologyMapWidget::elementSelected);
        // When the user clicks it  Then elementSelected carries its id
        const QPoint at =
            map.view()->mapFromScene(map.scene()->nodePosition(map.scene()->graph()->nodeIndex(id)));
        QTest::mouseClick(map.view()->viewport(), Qt::LeftButton, {}, at);
        QTRY_COMPARE(selected.count(), 1);
        QCOMPARE(selected.at(0).at(0).toString(), id);
    }

    void selectedElementShowsItsDetailsAndOpenTickets() {
        // Given a map from a cache with a network, and an open ticket about element 30 synced into it
        CachedMap cached;
        QVERIFY(cached.load(network(200)));
        TopologyMapWidget &map = cached.map;
        map.resize(1000, 700);
        const NetworkElement &element = cached.net.elements.at(30);
        TroubleTicket ticket;
        ticket.id = QStringLiteral("TT-77");
        ticket.name = QStringLiteral("Fibre cut near the hut");
        ticket.status = TicketStatus::InProgress;
        ticket.creationDate = ticket.lastUpdate = QDateTime::currentMSecsSinceEpoch();
        ticket.relatedEntities << RelatedEntity{element.id, element.name, QStringLiteral("affected"),
                                                QStringLiteral("PhysicalResource")};
        CacheBatch batch;
        batch.tickets << ticket;
        QCOMPARE(cached.sync(batch).tickets.inserted, QStringList{"TT-77"});
        QVERIFY(map.showElement(element.id));
        QTest::qWait(20);

        // When the user clicks the element
        const QPoint at =
            map.view()->mapFromScene(map.scene()->nodePosition(map.scene()->graph()->nodeIndex(element.id)));
        QTest::mouseClick(map.view()->viewport(), Qt::LeftButton, {}, at);

        // Then its card shows name, IP, site, and (read from the cache) the open ticket
        MapElementCard *card = map.elementCard();
        QTRY_VERIFY(card->isVisible());
        QCOMPARE(card->elementId(), element.id);
        QVERIFY(card->text().contains(element.name));
        QVERIFY(card->text().contains(element.mgmtIp));
        QTRY_VERIFY2(card->text().contains(QStringLiteral("TT-77")), qPrintable(card->text()));
        QVERIFY(card->text().contains(QStringLiteral("In progress")));
        saveScreenshot(map, "map_card_en");
        // When the ticket link is followed  Then the map asks for that ticket
        QSignalSpy open(&map, &TopologyMapWidget::ticketOpenRequested);
        QVERIFY(QMetaObject::invokeMethod(card->findChild<QLabel *>(), "linkActivated",
                                          Q_ARG(QString, QStringLiteral("ticket:TT-77"))));
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.at(0).at(0).toString(), QStringLiteral("TT-77"));
    }

    void elementCardRowsAreEvenlySpacedInEnglishAndChinese() {
        // Given an element card with every row (Latin values, and a region named in Chinese, so rows of
        // Latin text alone, of Chinese alone and of both are there in either language)
        LanguageManager languages;
        TopologyNode node;
        node.id = QStringLiteral("E-1");
        node.name = QStringLiteral("SH-BTS-0107-BTS2");
        node.mgmtIp = QStringLiteral("10.1.9.197");
        node.category = ElementCategory::Bts;
        NetworkElement element;
        element.id = node.id;
        element.vendor = QStringLiteral("Huawei");
        element.model = QStringLiteral("BTS3900");
        element.operationalState = QStringLiteral("enable");
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QVERIFY(languages.setLanguage(lang));
            MapElementCard card;
            card.showNode(node, QStringLiteral("SH-BTS-0107"), QStringLiteral("华东 East"),
                          ElementStatus{Severity::Major, true});
            card.setCacheDetails(node.id, element, {});
            QVERIFY(QTest::qWaitForWindowExposed(&card));
            const QImage shot = card.grab().toImage(); // lays the card out and draws it
            QVERIFY(!shot.isNull());

            // When its rows are measured
            const QList<CardRowLines> rows = cardRows(card);
            QCOMPARE(rows.size(), 7); // type, IP, model, site, region, state, alarm

            // Then each row's label and value stand on one baseline, the rows are equally far apart,
            // and no row is closer to the next than its own text is tall (nothing overlaps or clips)
            const double pitch = rows[1].labelBaseline - rows[0].labelBaseline;
            for (int r = 0; r < rows.size(); ++r) {
                const QString where = QStringLiteral("%1 row %2: label %3 value %4 pitch %5")
                                          .arg(lang)
                                          .arg(r)
                                          .arg(rows[r].labelBaseline)
                                          .arg(rows[r].valueBaseline)
                                          .arg(pitch);
                QVERIFY2(std::abs(rows[r].labelBaseline - rows[r].valueBaseline) < 0.5, qPrintable(where));
                if (r > 0)
                    QVERIFY2(std::abs(rows[r].labelBaseline - rows[r - 1].labelBaseline - pitch) < 0.5,
                             qPrintable(where));
                QVERIFY2(pitch >= rows[r].tallestLine - 0.5, qPrintable(where));
            }
            const auto *label = card.findChild<QLabel *>();
            QVERIFY(label->height() >= label->findChild<QTextDocument *>()->size().height() - 0.5);
            saveScreenshot(card, "map_card_rows_" + lang);
        }
        QVERIFY(languages.setLanguage("en"));
    }

    void imperfectInventoryIsShownAsACount() {
        // Given inventory with dangling links, siteless elements and sites without coordinates
        NetworkGeneratorOptions options;
        options.elements = 1500;
        options.elementsWithoutSite = 0.02;
        options.linksToUnknownElements = 0.01;
        options.sitesWithoutCoordinates = 0.05;
        const GeneratedNetwork net = generateNetwork(options);
        // When the map shows it
        TopologyMapWidget map;
        QVERIFY(showAndLoad(map, net));
        // Then everything usable is drawn, and the problems are one button the user can open
        const SkippedInventory &skipped = map.skippedInventory();
        QVERIFY(skipped.linksWithUnknownEnd.size() > 0);
        QVERIFY(skipped.elementsWithoutSite.size() > 0);
        QVERIFY(skipped.sitesWithoutCoordinates.size() > 0);
        QCOMPARE(int(map.scene()->graph()->nodes().size()), int(net.elements.size()));
        QToolButton *button = nullptr;
        for (QToolButton *b : map.findChildren<QToolButton *>())
            if (b->text().contains(QString::number(skipped.total())))
                button = b;
        QVERIFY(button);
        QVERIFY(button->isVisible());
        QCOMPARE(button->menu()->actions().size(), 3);
        QCOMPARE(map.lastOverlaps(), 0);
    }

    void fitStaysFitWhenTheViewShrinksUntilTheUserMoves() {
        // Given a map zoomed to fit
        const GeneratedNetwork net = network(600);
        TopologyMapWidget map;
        QVERIFY(showAndLoad(map, net));
        map.fitToView();
        const auto wholeMapInView = [&map] {
            return map.view()
                ->mapToScene(map.view()->viewport()->rect())
                .boundingRect()
                .contains(map.scene()->mapBounds().adjusted(150, 150, -150, -150));
        };
        QVERIFY(wholeMapInView());
        // When the offline banner appears above the map (the view gets shorter)
        map.setFreshness(QDateTime::currentDateTime().addSecs(-600), true);
        QTRY_VERIFY(!map.bannerText().isEmpty());
        map.resize(map.width(), map.height() - 150);
        // Then the whole map is still in view
        QTRY_VERIFY(wholeMapInView());
        // When the user zooms in and the view changes size again  Then the user's zoom stays
        map.view()->zoomBy(2.0);
        const double zoomed = map.view()->scale();
        map.resize(map.width(), map.height() + 100);
        QTest::qWait(20);
        QCOMPARE(map.view()->scale(), zoomed);
    }

    void bannerShowsTheDataAgeWhenOfflineOrStale() {
        TopologyMapWidget map;
        map.show();
        const QDateTime now = QDateTime::currentDateTime();
        // Given data from 12 minutes ago  When the console is offline  Then the banner says so
        map.setFreshness(now.addSecs(-12 * 60 - 5), true, now.addSecs(-12 * 60 - 5));
        QVERIFY2(map.bannerText().contains(QStringLiteral("offline 12 min")), qPrintable(map.bannerText()));
        QVERIFY(map.bannerText().contains(QLocale().toString(now.addSecs(-12 * 60 - 5).time(), "HH:mm")));
        // Given data from three days ago  When still offline  Then the age is in days and hours
        map.setFreshness(now.addSecs(-(3 * 24 + 7) * 3600 - 5), true, now.addSecs(-(3 * 24 + 7) * 3600 - 5));
        QVERIFY2(map.bannerText().contains(QStringLiteral("offline 3 d 7 h")), qPrintable(map.bannerText()));
        // When online with fresh data  Then there is no banner
        map.setFreshness(now, false);
        QVERIFY(map.bannerText().isEmpty());
        // When online but nothing arrived for 10 minutes  Then the banner shows the age
        map.setFreshness(now.addSecs(-600), false);
        QVERIFY(map.bannerText().contains(QStringLiteral("not updated for 10 min")));
    }

    void exportsPngAndSvgAndPrintsWithoutBlocking() {
        // Given a map on screen
        const GeneratedNetwork net = network(400);
        TopologyMapWidget map;
        QVERIFY(showAndLoad(map, net));
        QTemporaryDir dir;
        // When exported as PNG and SVG through the (hooked) file dialog
        map.setNextFileName(dir.filePath("map"));
        map.exportPngInteractive();
        map.setNextFileName(dir.filePath("map.svg"));
        map.exportSvgInteractive();
        // Then the files exist and hold the view
        QImage png(dir.filePath("map.png"));
        QVERIFY(!png.isNull());
        QCOMPARE(png.size(), map.view()->viewport()->size());
        QFile svg(dir.filePath("map.svg"));
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray svgText = svg.readAll();
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.size() > 2000);

        // When printed (the print dialog replaced by a hook that prints to PDF)
        bool asked = false;
        const QString pdf = dir.filePath("map.pdf");
        map.setPrintDialogHook([&](QPrinter &printer) {
            asked = true;
            printer.setOutputFormat(QPrinter::PdfFormat);
            printer.setOutputFileName(pdf);
            return true;
        });
        map.printInteractive();
        // Then the hook was asked and a PDF was written
        QVERIFY(asked);
        QVERIFY(QFileInfo(pdf).size() > 1000);
    }

    void screenshotsAtSeveralZoomLevelsInEnglishAndChinese() {
        if (qEnvironmentVariableIsEmpty("NOC_SCREENSHOT_DIR"))
            QSKIP("NOC_SCREENSHOT_DIR not set");
        LanguageManager languages;
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QVERIFY(languages.setLanguage(lang));
            NetworkGeneratorOptions options;
            options.elements = 6000;
            options.elementsWithoutSite = 0.002;
            options.sitesWithoutCoordinates = 0.01;
            GeneratedNetwork net = generateNetwork(options);
            // Two elements of the site shown close up are out of service (drawn veiled, "off" mark).
            net.elements[2501].operationalState = QStringLiteral("disable");
            net.elements[2502].operationalState = QStringLiteral("disable");
            TopologyMapWidget map;
            QVERIFY(showAndLoad(map, net, generateSeverities(net.elements, 0.06, 3)));
            map.setFreshness(QDateTime::currentDateTime().addSecs(-12 * 60), true,
                             QDateTime::currentDateTime().addSecs(-12 * 60));
            QTest::qWait(50);
            saveScreenshot(map, "map_fit_" + lang);
            const int site = map.scene()->graph()->siteIndex(net.elements.at(2500).siteId);
            map.view()->setScale(0.12, map.scene()->sitePosition(site));
            QTest::qWait(50);
            saveScreenshot(map, "map_sites_" + lang);
            map.view()->setScale(0.55, map.scene()->sitePosition(site));
            QTest::qWait(50);
            saveScreenshot(map, "map_elements_" + lang);
            QVERIFY(map.showElement(net.elements.at(2500).id));
            map.view()->setScale(
                1.6, map.scene()->nodePosition(map.scene()->graph()->nodeIndex(net.elements.at(2500).id)));
            map.scene()
                ->elementItem(map.scene()->graph()->nodeIndex(net.elements.at(2500).id))
                ->setSelected(true);
            QTRY_VERIFY(map.elementCard()->isVisible());
            QTest::qWait(50);
            saveScreenshot(map, "map_detail_" + lang);
            map.setLayoutKind(LayoutKind::Layered);
            QSignalSpy done(&map, &TopologyMapWidget::layoutFinished);
            QVERIFY(done.wait(60000));
            QTest::qWait(50);
            saveScreenshot(map, "map_layered_" + lang);
        }
        QVERIFY(languages.setLanguage("en"));
    }

    void screenshotsOfASiteMovedBySyncInEnglishAndChinese() {
        if (qEnvironmentVariableIsEmpty("NOC_SCREENSHOT_DIR"))
            QSKIP("NOC_SCREENSHOT_DIR not set");
        LanguageManager languages;
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QVERIFY(languages.setLanguage(lang));
            CachedMap cached;
            QVERIFY(cached.load(network(300)));
            TopologyScene *scene = cached.map.scene();
            const std::shared_ptr<const TopologyGraph> graph = scene->graph();
            // Site A (an element of it selected) and a site B of its region a few sites away: sync
            // gives A the coordinates of B, and A goes beside B
            const int node = graph->nodeIndex(cached.net.elements.at(40).id);
            const int a = graph->nodes()[size_t(node)].site;
            int b = -1;
            for (int s : scene->regionSites(graph->sites()[size_t(a)].region_index)) {
                const double d = QLineF(scene->sitePosition(s), scene->sitePosition(a)).length();
                if (s != a && graph->sites()[size_t(s)].hasCoordinates && d > 350 && d < 700)
                    b = s;
            }
            QVERIFY(b >= 0);
            const QPointF middle = (scene->sitePosition(a) + scene->sitePosition(b)) / 2;
            cached.map.resize(1100, 760);
            QTest::qWait(50);
            cached.map.view()->setScale(0.7, middle);
            scene->elementItem(node)->setSelected(true);
            scene->setHighlightedNode(node);
            QTest::qWait(50);
            saveScreenshot(cached.map, "map_site_move_before_" + lang);
            QVERIFY(
                cached.syncSiteToCoordinatesOf(graph->sites()[size_t(a)].id, graph->sites()[size_t(b)].id));
            QTest::qWait(50);
            saveScreenshot(cached.map, "map_site_move_after_" + lang);
        }
        QVERIFY(languages.setLanguage("en"));
    }
};

QTEST_MAIN(TopologyMapTest)
#include "topology_map_test.moc"
