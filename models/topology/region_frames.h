#pragma once

#include <QRectF>
#include <vector>

// The frames a region is drawn with when zoomed out. A region's sites usually cluster around a city,
// but inventory often has one or two far from it (a remote repeater, a hub in another city, a site
// filed under the wrong region). One frame around all of them would span the map and cover the
// regions in between, so that the frame no longer tells which dots belong where. So the region's
// main cluster gets the frame, and each far-away handful of sites a small frame of its own (all under
// the region's name).
namespace noc {

struct RegionFrame {
    QRectF area;   // union of the framed site areas
    int sites = 0; // how many sites it frames
};

// Two sites belong to one cluster when their centres are at most this far apart (directly or through
// other sites of the cluster): twice the side of the square the region's site areas would fill packed
// together, but at least `minGap`. It grows with the region and does not depend on the layout's
// scale. On generated networks a gap of one such side left a few sites of each city's sparse
// outskirts apart (up to 1.5 sides from the rest); two leave none. A site in another city is further.
double regionClusterGap(const std::vector<QRectF> &siteAreas, double minGap);

// The frames of one region's sites (their areas, in scene coordinates), the main one first.
// - Sites are clustered by regionClusterGap (single linkage on a grid: near-linear).
// - Outlying clusters keep frames of their own only while together they hold a handful of the
//   region's sites (at most 2, or 5%); more than that and the region has no main cluster to speak of
//   (two cities, or a force layout that spreads the region among others'): one frame around all.
// - An outlying cluster that would grow the main frame's area by less than half goes into it (so
//   does one inside the main frame, e.g. in the empty middle of a city built round a lake).
std::vector<RegionFrame> regionFrames(const std::vector<QRectF> &siteAreas, double minGap);

} // namespace noc
