// noc-bench map: the topology map at 10,000 and 100,000 elements (1.5x links) on a generated network.
// Frames are timed as a synchronous viewport repaint (offscreen raster, as on the 2-core target), and
// each frame figure is also given against a plain QGraphicsScene of the same number of rectangle
// items, measured in the same run, so machine noise cancels in the ratio.
#include "bench_registry.h"

#include "map/topology_map_widget.h"
#include "map/topology_scene.h"
#include "map/topology_view.h"
#include "topology/network_generator.h"
#include "topology/topology_layout.h"

#include <QElapsedTimer>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

using namespace noc;
using noc::bench::BenchOptions;
using noc::bench::BenchReporter;

namespace {

constexpr QSize kViewSize(1280, 800);

double median(std::vector<double> v) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Pans `frames` times by 40 px and repaints synchronously after each step; ms per frame.
std::vector<double> panFrames(QGraphicsView *view, int frames) {
    std::vector<double> times;
    QScrollBar *bar = view->horizontalScrollBar();
    int direction = 1;
    for (int f = 0; f < frames; ++f) {
        if (bar->value() + 40 > bar->maximum() || bar->value() - 40 < bar->minimum())
            direction = -direction;
        QElapsedTimer t;
        t.start();
        bar->setValue(bar->value() + direction * 40);
        view->viewport()->repaint();
        times.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    return times;
}

std::vector<double> fullFrames(QGraphicsView *view, int frames) {
    std::vector<double> times;
    for (int f = 0; f < frames; ++f) {
        QElapsedTimer t;
        t.start();
        view->viewport()->repaint();
        times.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    return times;
}

QString sizeTag(int n) {
    return n >= 1000 ? QStringLiteral("%1k").arg(n / 1000) : QString::number(n);
}

int runSize(int n, BenchReporter &reporter) {
    NetworkGeneratorOptions gen;
    gen.elements = n;
    gen.linkFactor = 1.5;
    gen.seed = 42;
    QElapsedTimer timer;
    timer.start();
    const GeneratedNetwork net = generateNetwork(gen);
    const auto graph =
        std::make_shared<const TopologyGraph>(TopologyGraph::build(net.sites, net.elements, net.links));
    reporter.note(QStringLiteral("n=%1: %2 sites, %3 elements, %4 links, %5 regions (generated in %6 s)")
                      .arg(n)
                      .arg(net.sites.size())
                      .arg(net.elements.size())
                      .arg(net.links.size())
                      .arg(graph->regions().size())
                      .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 2));
    const QString tag = sizeTag(n);

    // Layouts, each on the worker pool (the GUI thread only waits here because nothing else runs).
    // layout_<n>_s is the force-directed layout (Barnes-Hut), the one the target is about; the
    // geographic and layered ones are given beside it.
    const std::pair<LayoutKind, QString> kinds[] = {{LayoutKind::ForceDirected, QStringLiteral("")},
                                                    {LayoutKind::Geographic, QStringLiteral("geographic_")},
                                                    {LayoutKind::Layered, QStringLiteral("layered_")}};
    for (const auto &[kind, prefix] : kinds) {
        LayoutOptions options;
        options.kind = kind;
        QElapsedTimer t;
        t.start();
        QFuture<LayoutResult> future =
            QtConcurrent::run([graph, options] { return computeLayout(*graph, options); });
        const LayoutResult result = future.result();
        const double seconds = double(t.nsecsElapsed()) / 1e9;
        reporter.report(QStringLiteral("layout_%1%2_s").arg(prefix, tag), seconds, QStringLiteral("s"), n);
        reporter.report(prefix.isEmpty() ? QStringLiteral("overlaps_%1").arg(tag)
                                         : QStringLiteral("layout_%1%2_overlaps").arg(prefix, tag),
                        result.overlaps, QStringLiteral("count"), n);
    }

    // The map widget, as the console shows it.
    TopologyMapWidget map;
    map.resize(kViewSize + QSize(0, 90));
    map.show();
    QSignalSpy shown(&map, &TopologyMapWidget::topologyShown);
    const auto status = generateSeverities(net.elements, 0.05, 7);
    timer.restart();
    map.setTopology(net.sites, net.elements, net.links, status);
    if (!shown.wait(600000)) {
        reporter.note(QStringLiteral("map did not show n=%1").arg(n));
        return 1;
    }
    reporter.report(QStringLiteral("show_%1_s").arg(tag), double(timer.elapsed()) / 1000.0,
                    QStringLiteral("s"), n);
    TopologyView *view = map.view();
    TopologyScene *scene = map.scene();
    view->viewport()->repaint();

    // Pan at 1:1 from the busiest spot: the first region's core site, where aggregation and access
    // sites crowd around.
    const QPointF centre = scene->sitePosition(0);
    QElapsedTimer lod;
    lod.start();
    view->setScale(1.0, centre);
    const double lodSwitch = double(lod.nsecsElapsed()) / 1e6;
    view->viewport()->repaint();
    const double pan = median(panFrames(view, 60));
    reporter.report(QStringLiteral("pan_frame_ms"), pan, QStringLiteral("ms"), n);
    reporter.note(QStringLiteral("items in view at 1:1: %1")
                      .arg(scene->items(view->mapToScene(view->viewport()->rect())).size()));
    reporter.report(QStringLiteral("lod_switch_ms"), lodSwitch, QStringLiteral("ms"), n);

    // Hit tests at 1:1: what the item under the mouse is.
    std::mt19937 rng(1);
    QElapsedTimer hit;
    hit.start();
    int found = 0;
    constexpr int kHits = 2000;
    for (int k = 0; k < kHits; ++k)
        found +=
            view->itemAt(int(rng() % unsigned(kViewSize.width())), int(rng() % unsigned(kViewSize.height())))
                ? 1
                : 0;
    reporter.report(QStringLiteral("hit_test_ms"), double(hit.nsecsElapsed()) / 1e6 / kHits,
                    QStringLiteral("ms"), n);

    // Recolour 1% of the elements (alarm storm step): the update call plus the frame that shows it,
    // at 1:1 and zoomed to fit.
    std::vector<double> recolorNear, recolorFit, recolorCall;
    std::vector<int> order(graph->nodes().size());
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    const int onePercent = std::max(1, int(graph->nodes().size() / 100));
    for (int round = 0; round < 30; ++round) {
        QHash<QString, ElementStatus> changes;
        for (int k = 0; k < onePercent; ++k) {
            const int node = order[size_t((round * onePercent + k) % int(order.size()))];
            changes.insert(graph->nodes()[size_t(node)].id,
                           ElementStatus{Severity((round + k) % 6), ((round + k) % 11) == 0});
        }
        if (round == 15)
            view->fitAll();
        QElapsedTimer t;
        t.start();
        map.updateElementStatus(changes);
        const double call = double(t.nsecsElapsed()) / 1e6;
        view->viewport()->repaint();
        (round < 15 ? recolorNear : recolorFit).push_back(double(t.nsecsElapsed()) / 1e6);
        recolorCall.push_back(call);
    }
    reporter.report(QStringLiteral("recolor_1pct_ms"), std::max(median(recolorNear), median(recolorFit)),
                    QStringLiteral("ms"), n);
    reporter.report(QStringLiteral("recolor_1pct_at_1to1_ms"), median(recolorNear), QStringLiteral("ms"), n);
    reporter.report(QStringLiteral("recolor_1pct_at_fit_ms"), median(recolorFit), QStringLiteral("ms"), n);
    reporter.report(QStringLiteral("recolor_1pct_update_only_ms"), median(recolorCall), QStringLiteral("ms"),
                    n);

    // An inventory change (the demo's simulator flips element states and link use every few
    // seconds): the worker copies the graph and applies the changed rows, the GUI thread touches
    // only the changed items. One renamed element plus 1% of the links with a new utilisation.
    {
        std::vector<double> worker, gui;
        for (int round = 0; round < 5; ++round) {
            InventoryChanges changes;
            NetworkElement e = net.elements.at(round * 97);
            e.name = QStringLiteral("RENAMED-%1").arg(round);
            changes.elements << e;
            for (int k = 0; k < int(net.links.size()) / 100; ++k) {
                Link l = net.links.at((k * 101 + round) % int(net.links.size()));
                l.utilization = (round % 2) ? 0.9 : 0.1;
                changes.links << l;
            }
            const auto base = scene->graph();
            QElapsedTimer w;
            w.start();
            auto next = std::make_shared<TopologyGraph>(*base);
            const GraphDelta delta = next->apply(changes);
            worker.push_back(double(w.nsecsElapsed()) / 1e6);
            QElapsedTimer g;
            g.start();
            scene->applyDelta(next, delta, {});
            view->viewport()->repaint();
            gui.push_back(double(g.nsecsElapsed()) / 1e6);
        }
        reporter.report(QStringLiteral("inventory_change_worker_ms"), median(worker), QStringLiteral("ms"),
                        n);
        reporter.report(QStringLiteral("inventory_change_gui_ms"), median(gui), QStringLiteral("ms"), n);
    }

    // A sync that brings sites new coordinates (geographic layout): each moved site goes to the nearest
    // free place among every other site's block (FreeSiteBlocks::nearestFree), on the GUI thread. One site,
    // then 100 in one change (a region re-surveyed). Sites moved 0.05 degrees north-east, a few km.
    for (const int count : {1, 100}) {
        std::vector<double> gui;
        for (int round = 0; round < 3; ++round) {
            InventoryChanges changes;
            for (int k = 0; changes.sites.size() < count && k < int(net.sites.size()); ++k) {
                Site site = net.sites.at((k * 37 + round * 1009 + 11) % int(net.sites.size()));
                if (std::isnan(site.latitude) || std::isnan(site.longitude))
                    continue;
                site.latitude += 0.05 * (round + 1);
                site.longitude += 0.05 * (round + 1);
                changes.sites << site;
            }
            auto next = std::make_shared<TopologyGraph>(*scene->graph());
            const GraphDelta delta = next->apply(changes);
            QElapsedTimer g;
            g.start();
            scene->applyDelta(next, delta, {});
            view->viewport()->repaint();
            gui.push_back(double(g.nsecsElapsed()) / 1e6);
        }
        reporter.report(QStringLiteral("site_move_%1_gui_ms").arg(count), median(gui), QStringLiteral("ms"),
                        n);
    }

    // Zoomed to fit.
    view->fitAll();
    view->viewport()->repaint();
    const double fit = median(fullFrames(view, 15));
    reporter.report(QStringLiteral("fit_frame_ms"), fit, QStringLiteral("ms"), n);
    reporter.note(QStringLiteral("fit level of detail: %1, scale %2")
                      .arg(scene->detail() == MapDetail::Regions ? "regions"
                           : scene->detail() == MapDetail::Sites ? "sites"
                                                                 : "elements")
                      .arg(view->scale()));

    // The plain QGraphicsScene baseline: one rectangle item per element at the same places.
    {
        QGraphicsScene plain;
        const auto &positions = scene->positions();
        for (const QPointF &p : positions) {
            auto *item = plain.addRect(-12, -12, 24, 24, QPen(Qt::NoPen), QBrush(QColor(0x45, 0x5a, 0x64)));
            item->setPos(p);
        }
        QGraphicsView plainView(&plain);
        plainView.resize(kViewSize);
        plainView.show();
        if (!QTest::qWaitForWindowExposed(&plainView))
            reporter.note(QStringLiteral("plain view not exposed"));
        plainView.setTransform(QTransform::fromScale(1, 1));
        plainView.centerOn(centre);
        plainView.viewport()->repaint();
        const double plainPan = median(panFrames(&plainView, 60));
        plainView.fitInView(plain.itemsBoundingRect(), Qt::KeepAspectRatio);
        plainView.viewport()->repaint();
        const double plainFit = median(fullFrames(&plainView, 7));
        reporter.report(QStringLiteral("plain_pan_frame_ms"), plainPan, QStringLiteral("ms"), n);
        reporter.report(QStringLiteral("plain_fit_frame_ms"), plainFit, QStringLiteral("ms"), n);
        reporter.report(QStringLiteral("pan_ratio_vs_plain_scene"), plainPan > 0 ? pan / plainPan : 0,
                        QStringLiteral("ratio"), n);
        reporter.report(QStringLiteral("fit_ratio_vs_plain_scene"), plainFit > 0 ? fit / plainFit : 0,
                        QStringLiteral("ratio"), n);
    }
    return found >= 0 ? 0 : 1;
}

int runMap(const BenchOptions &options, BenchReporter &reporter) {
    std::vector<int> sizes = options.quick ? std::vector<int>{10000} : std::vector<int>{10000, 100000};
    for (const QString &arg : options.args)
        if (arg.startsWith(QLatin1String("--size=")))
            sizes = {arg.mid(7).toInt()};
    reporter.note(
        QStringLiteral("view %1x%2 offscreen raster; frames are synchronous viewport repaints (median)")
            .arg(kViewSize.width())
            .arg(kViewSize.height()));
    for (int n : sizes)
        if (const int rc = runSize(n, reporter))
            return rc;
    return 0;
}

} // namespace

NOC_BENCH_SUITE("map", "topology map: pan/fit frames vs plain scene, recolour, hit test, layouts (10k, 100k)",
                runMap);
