#include "map/coordinate_frames.h"

#include "topology/topology_layout.h"

#include <QLineF>
#include <cmath>

namespace noc {

void CoordinateFrames::Frame::add(double lon, double lat, const QPointF &p, double cosLat, double sign) {
    n += sign;
    cx += sign * lon * cosLat, cy += sign * -lat;
    sx += sign * lon, sxx += sign * lon * lon, sxX += sign * lon * p.x(), sX += sign * p.x();
    sy += sign * lat, syy += sign * lat * lat, syY += sign * lat * p.y(), sY += sign * p.y();
}

CoordinateFrames::CoordinateFrames(const TopologyGraph &graph, const std::vector<QPointF> &sitePos,
                                   const std::vector<QRectF> &siteArea,
                                   const std::vector<std::vector<RegionFrame>> &regionFrames)
    : m_graph(graph) {
    const auto &sites = graph.sites();
    // The layout's projection: equirectangular around the mean latitude of the sites with coordinates.
    double latSum = 0;
    int withCoords = 0;
    for (const TopologySite &s : sites)
        if (s.hasCoordinates && !s.removed) {
            latSum += s.latitude;
            ++withCoords;
        }
    m_cosLat = std::max(0.2, std::cos((withCoords ? latSum / withCoords : 0) * M_PI / 180.0));
    // With more regions than the layout magnifies, the map has one scale and no site is pulled in.
    m_keepNear = graph.regions().size() <= kMaxMagnifiedRegions;
    m_frames.resize(regionFrames.size());
    for (size_t r = 0; r < regionFrames.size(); ++r)
        if (!regionFrames[r].empty())
            m_frames[r].area = regionFrames[r].front().area;
    m_frameOf.assign(sites.size(), -1);
    m_summed.assign(sites.size(), QPointF());
    for (size_t s = 0; s < sites.size(); ++s) {
        const int r = sites[s].region_index;
        const bool shown = !sites[s].removed && !sites[s].elements.empty() && s < siteArea.size();
        if (!sites[s].hasCoordinates || !shown || r < 0 || size_t(r) >= m_frames.size() ||
            !m_frames[size_t(r)].area.contains(siteArea[s]))
            continue;
        m_frameOf[s] = r;
        m_summed[s] = sitePos[s];
        m_frames[size_t(r)].add(sites[s].longitude, sites[s].latitude, sitePos[s], m_cosLat, 1);
    }
}

void CoordinateFrames::forget(int site) {
    if (site < 0 || size_t(site) >= m_frameOf.size() || m_frameOf[size_t(site)] < 0)
        return;
    const TopologySite &s = m_graph.sites()[size_t(site)];
    m_frames[size_t(m_frameOf[size_t(site)])].add(s.longitude, s.latitude, m_summed[size_t(site)], m_cosLat,
                                                  -1);
    m_frameOf[size_t(site)] = -1;
}

std::optional<CoordinateFrames::Place> CoordinateFrames::place(double longitude, double latitude) const {
    const QPointF projected(longitude * m_cosLat, -latitude);
    int nearest = -1;
    double best = 0;
    for (size_t r = 0; r < m_frames.size(); ++r) {
        const Frame &f = m_frames[r];
        if (f.n < 0.5)
            continue;
        const double d = QLineF(projected, QPointF(f.cx, f.cy) / f.n).length();
        if (nearest < 0 || d < best) {
            nearest = int(r);
            best = d;
        }
    }
    if (nearest < 0)
        return std::nullopt;
    const Frame &f = m_frames[size_t(nearest)];
    // The fit (least squares) of the frame's sites; a frame of one site, or of sites on one line of
    // longitude or latitude, gives no scale: the site goes to the frame's middle (beside its sites).
    QPointF at = f.area.center();
    const double dx = f.n * f.sxx - f.sx * f.sx, dy = f.n * f.syy - f.sy * f.sy;
    if (f.n >= 1.5 && std::abs(dx) > 1e-12 && std::abs(dy) > 1e-12) {
        const double ax = (f.n * f.sxX - f.sx * f.sX) / dx, bx = (f.sX - ax * f.sx) / f.n;
        const double ay = (f.n * f.syY - f.sy * f.sY) / dy, by = (f.sY - ay * f.sy) / f.n;
        at = QPointF(ax * longitude + bx, ay * latitude + by);
    }
    if (m_keepNear)
        at = keptNearFrame(at, f.area);
    return Place{at, nearest};
}

} // namespace noc
