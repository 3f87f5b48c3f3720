#pragma once

#include "topology/region_frames.h"
#include "topology/topology_graph.h"

#include <QPointF>
#include <QRectF>
#include <optional>
#include <vector>

// Where a site goes on the geographic map by its coordinates, between two layouts (a site moved by
// sync, a new site with coordinates), by the rule the geographic layout draws it with: in the frame
// of the region whose main cluster's centre is nearest to its coordinates (its own region, or the
// city a stray stands in), at the place that frame gives those coordinates, and at most kFarSiteReach
// beyond the frame (keptNearFrame). Each region's frame is read off the map as it is: its main frame
// (TopologyScene::regionFrames) and a least-squares fit of its sites' coordinates there to their
// places (x from longitude, y from latitude: the layout magnifies each region on a scale of its
// own, so a fit over all sites, or over a region's sites with its strays in other cities, points
// between the cities). Built once per change: one pass over the sites, then each place costs a pass
// over the regions.
namespace noc {

class CoordinateFrames {
public:
    // `sitePos`, `siteArea`, `regionFrames`: the scene's, by site and region (`graph` must outlive
    // this).
    CoordinateFrames(const TopologyGraph &graph, const std::vector<QPointF> &sitePos,
                     const std::vector<QRectF> &siteArea,
                     const std::vector<std::vector<RegionFrame>> &regionFrames);

    struct Place {
        QPointF at;
        int region = -1; // whose frame it is in
    };
    // Where a site at these coordinates is drawn; nothing if no region has a site with coordinates
    // in its main frame.
    std::optional<Place> place(double longitude, double latitude) const;
    // Site `site` no longer tells where its frame's coordinates are (it is being moved).
    void forget(int site);

private:
    struct Frame {
        QRectF area; // the main frame on the map
        // Sums over the sites with coordinates in the main frame: of their projected coordinates
        // (the centre), and for the fit of x to longitude and y to latitude.
        double n = 0, cx = 0, cy = 0;
        double sx = 0, sxx = 0, sxX = 0, sX = 0;
        double sy = 0, syy = 0, syY = 0, sY = 0;
        void add(double lon, double lat, const QPointF &p, double cosLat, double sign);
    };
    std::vector<Frame> m_frames;
    std::vector<int> m_frameOf;    // per site: the frame it is summed in, or -1
    std::vector<QPointF> m_summed; // per site: the place it was summed with
    const TopologyGraph &m_graph;
    double m_cosLat = 1;
    bool m_keepNear = true;
};

} // namespace noc
