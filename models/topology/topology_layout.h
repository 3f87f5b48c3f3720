#pragma once

#include "topology/topology_graph.h"

#include <QPointF>
#include <QRectF>
#include <atomic>
#include <memory>
#include <vector>

// Layout algorithms for the topology map. Pure functions over a TopologyGraph: they run on a worker
// thread (TopologyLayoutRunner), poll `cancel` between steps, and never touch Qt GUI objects.
namespace noc {

enum class LayoutKind { Geographic, ForceDirected, Layered };

// Scene geometry shared by the layouts and the map items: a node's icon is kIconSize square; the
// footprint (icon + elided label underneath + margin) is what layouts keep apart, so that neither
// icons nor labels overlap at full zoom.
struct LayoutMetrics {
    static constexpr double kIconSize = 24;
    static constexpr double kFootprintWidth = 80;  // label elided to kFootprintWidth - 8
    static constexpr double kFootprintHeight = 52; // icon + label line + gap
    static constexpr double kSiteHeader = 18;      // room for a site's name above its elements
};

struct LayoutOptions {
    LayoutKind kind = LayoutKind::Geographic;
    // Current positions (same size as the graph's nodes) for an incremental layout, or empty.
    std::vector<QPointF> initial;
    // Non-zero entries are pinned: kept exactly at initial[i]. Empty = nothing pinned.
    std::vector<char> pinned;
    int iterations = 0; // force-directed: 0 = chosen from the graph's size
    unsigned seed = 1;
};

struct LayoutResult {
    LayoutKind kind = LayoutKind::Geographic;
    std::vector<QPointF> positions;     // per node: icon centre
    std::vector<QPointF> sitePositions; // per site: where its single node sits when zoomed out
    std::vector<QRectF> siteAreas;      // per site: bounding box of its elements' footprints
    int overlaps = 0;                   // nodes whose icons overlap another icon
    int sitesPlacedWithoutCoordinates = 0;
    bool cancelled = false;
    double seconds = 0;
};

LayoutResult computeLayout(const TopologyGraph &graph, const LayoutOptions &options,
                           const std::atomic_bool *cancel = nullptr);

// Number of nodes whose square icon (side `iconSize`, centred on the position) overlaps another's.
int countOverlaps(const std::vector<QPointF> &positions, double iconSize = LayoutMetrics::kIconSize);

// Moves non-pinned nodes the least it can (nearest free slot on a spiral) so that no two footprints
// overlap; pinned nodes stay put and claim their space first. Returns how many nodes moved.
int separateFootprints(std::vector<QPointF> &positions, const std::vector<char> &pinned,
                       double width = LayoutMetrics::kFootprintWidth,
                       double height = LayoutMetrics::kFootprintHeight,
                       const std::atomic_bool *cancel = nullptr);

// The geographic layout magnifies each region on its own scale while there are at most this many
// regions; with more, they are not cities any more and the whole map keeps one scale.
constexpr int kMaxMagnifiedRegions = 500;

// A site drawn in a region's frame (its own, or the nearest region's for a site far from its own
// region) whose coordinates lie far beyond that frame (in the sea, thousands of kilometres from any
// city) would be drawn at the region's magnification, tens of thousands of pixels out in the empty
// scene: too small to find once fit-to-view shrank the whole map to reach it. It is drawn at most
// farSiteReach(frame) beyond the frame's box instead, on the side where its coordinates are: about
// the frame's size (at least two site blocks). Near enough to be seen beside the city and not to
// stretch the map by more than a city, far enough that the site still reads as outside the city (a
// site that far out is beyond the gap that joins a region's sites into one frame, regionClusterGap,
// so it keeps a small frame of its own). The geographic layout and a site moved by sync follow this
// one rule.
constexpr double kFarSiteReach = 2 * LayoutMetrics::kFootprintWidth + LayoutMetrics::kFootprintHeight;
double farSiteReach(const QRectF &frame);
// `wish` moved towards the centre of `frame` until it is at most farSiteReach(frame) beyond the
// frame (along the line between them, so it stays on the side where it was); unmoved if already so
// close, or if the frame is null.
QPointF keptNearFrame(const QPointF &wish, const QRectF &frame);

// How the geographic layout keeps sites apart. A site's block is its elements' footprints with
// kSiteHeader above them for its name; blocks are padded by a quarter footprint on every side and
// padded blocks may not overlap, so neighbouring sites read as separate groups.
QRectF paddedSiteBlock(const QRectF &block);
// Where sites moved by a sync may go: the padded blocks of the sites on the map, indexed once per
// change, so that moving k sites costs one pass over the sites plus k searches (not k passes; 100
// sites moved at 100k elements took 1.4 s of the GUI thread when every search indexed all sites anew).
class FreeSiteBlocks {
public:
    // Padded blocks by site index; an empty rectangle for a site that takes no place.
    explicit FreeSiteBlocks(std::vector<QRectF> blocks);
    ~FreeSiteBlocks();
    FreeSiteBlocks(const FreeSiteBlocks &) = delete;
    FreeSiteBlocks &operator=(const FreeSiteBlocks &) = delete;

    // Site `site` now takes `padded` (empty: no place, e.g. while it is being moved).
    void set(int site, const QRectF &padded);
    // `padded` (a padded site block) moved to the free place nearest to where it is, searched as the
    // layout searches (a square spiral of half-footprint steps), where it overlaps no site's block.
    // Returned unmoved if it is free already.
    QRectF nearestFree(const QRectF &padded) const;

private:
    struct Grid;
    std::unique_ptr<Grid> m_grid;
};

} // namespace noc
