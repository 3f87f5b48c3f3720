#include "topology/topology_layout.h"

#include "topology/region_frames.h"

#include <QElapsedTimer>
#include <QLineF>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <unordered_map>

namespace noc {

namespace {

bool cancelled(const std::atomic_bool *cancel) {
    return cancel && cancel->load(std::memory_order_relaxed);
}

// Uniform grid over the plane holding rectangles (as index lists per cell). Cell size at least the
// largest rectangle, so each one touches at most 4 cells and a query looks at a handful of cells.
class RectGrid {
public:
    RectGrid(double cellW, double cellH)
        : m_cw(std::max(cellW, 1.0))
        , m_ch(std::max(cellH, 1.0)) {}

    void insert(int id, const QRectF &r) {
        forCells(r, [&](quint64 key) {
            m_cells[key].push_back(id);
            return true;
        });
    }
    // True when `r` intersects (strictly) no stored rectangle.
    bool isFree(const QRectF &r, const std::vector<QRectF> &rects) const {
        bool free = true;
        forCells(r, [&](quint64 key) {
            const auto it = m_cells.find(key);
            if (it == m_cells.end())
                return true;
            for (int other : it->second) {
                const QRectF &o = rects[size_t(other)];
                if (!o.isEmpty() && r.left() < o.right() && o.left() < r.right() && r.top() < o.bottom() &&
                    o.top() < r.bottom()) {
                    free = false;
                    return false;
                }
            }
            return true;
        });
        return free;
    }

private:
    template <typename F> void forCells(const QRectF &r, F f) const {
        const qint64 x0 = qint64(std::floor(r.left() / m_cw)), x1 = qint64(std::floor(r.right() / m_cw));
        const qint64 y0 = qint64(std::floor(r.top() / m_ch)), y1 = qint64(std::floor(r.bottom() / m_ch));
        for (qint64 x = x0; x <= x1; ++x)
            for (qint64 y = y0; y <= y1; ++y)
                if (!f((quint64(quint32(qint32(x))) << 32) | quint32(qint32(y))))
                    return;
    }
    double m_cw, m_ch;
    std::unordered_map<quint64, std::vector<int>> m_cells;
};

// `r` moved to the free spot nearest to where it is, on a square spiral of (stepX, stepY) steps: the
// nearest free candidate of the first ring that has one.
QRectF nearestFreeRect(const RectGrid &grid, const std::vector<QRectF> &rects, const QRectF &r, double stepX,
                       double stepY) {
    const QPointF wish = r.center();
    for (int ring = 1; ring < 100000; ++ring) {
        double bestD = 0;
        QRectF best;
        bool found = false;
        for (int dx = -ring; dx <= ring; ++dx) {
            for (int dy = -ring; dy <= ring; ++dy) {
                if (std::max(std::abs(dx), std::abs(dy)) != ring)
                    continue;
                QRectF c = r;
                c.moveCenter(wish + QPointF(dx * stepX, dy * stepY));
                const double d = double(dx) * dx * stepX * stepX + double(dy) * dy * stepY * stepY;
                if ((!found || d < bestD) && grid.isFree(c, rects)) {
                    found = true;
                    bestD = d;
                    best = c;
                }
            }
        }
        if (found)
            return best;
    }
    return r;
}

// Places rectangles (given centred where they want to be) in `order`, each at the free spot nearest
// its wish on a spiral of half-size steps. Rectangles flagged in `fixed` stay where they are.
void placeGreedy(std::vector<QRectF> &rects, const std::vector<int> &order, const std::vector<char> &fixed,
                 double stepX, double stepY, const std::atomic_bool *cancel, int *movedCount = nullptr) {
    double maxW = 1, maxH = 1;
    for (const QRectF &r : rects) {
        maxW = std::max(maxW, r.width());
        maxH = std::max(maxH, r.height());
    }
    RectGrid grid(maxW, maxH);
    int moved = 0;
    // Fixed rectangles claim their space first.
    for (size_t i = 0; i < rects.size(); ++i)
        if (!fixed.empty() && fixed[i])
            grid.insert(int(i), rects[i]);
    int counter = 0;
    for (int i : order) {
        if (!fixed.empty() && fixed[size_t(i)])
            continue;
        if ((++counter & 1023) == 0 && cancelled(cancel))
            return;
        QRectF r = rects[size_t(i)];
        if (!grid.isFree(r, rects)) {
            r = nearestFreeRect(grid, rects, r, stepX, stepY);
            rects[size_t(i)] = r;
            ++moved;
        }
        grid.insert(i, r);
    }
    if (movedCount)
        *movedCount = moved;
}

struct Block {
    int cols = 1;
    int rows = 1;
};

Block blockFor(size_t n) {
    Block b;
    // Near-square block in scene units: cols * W ~ rows * H.
    b.cols = std::max(1, int(std::ceil(std::sqrt(double(n) * LayoutMetrics::kFootprintHeight /
                                                 LayoutMetrics::kFootprintWidth))));
    b.rows = std::max(1, int((n + size_t(b.cols) - 1) / size_t(b.cols)));
    return b;
}

constexpr double kSiteHeader = LayoutMetrics::kSiteHeader;
constexpr double kSiteStepX = LayoutMetrics::kFootprintWidth / 2;  // the spiral's steps when sites
constexpr double kSiteStepY = LayoutMetrics::kFootprintHeight / 2; // are pushed apart

int layerRank(NetworkLayer layer) {
    switch (layer) {
    case NetworkLayer::Core:
        return 0;
    case NetworkLayer::Aggregation:
        return 1;
    case NetworkLayer::Access:
        return 2;
    case NetworkLayer::Unknown:
        return 3;
    }
    return 3;
}

void fillSiteGeometry(const TopologyGraph &graph, LayoutResult &result) {
    const auto &sites = graph.sites();
    result.sitePositions.assign(sites.size(), QPointF());
    result.siteAreas.assign(sites.size(), QRectF());
    for (size_t s = 0; s < sites.size(); ++s) {
        QRectF area;
        QPointF sum;
        for (int e : sites[s].elements) {
            const QPointF p = result.positions[size_t(e)];
            sum += p;
            const QRectF fp(p.x() - LayoutMetrics::kFootprintWidth / 2,
                            p.y() - LayoutMetrics::kIconSize / 2 - 4, LayoutMetrics::kFootprintWidth,
                            LayoutMetrics::kFootprintHeight);
            area = area.isNull() ? fp : area.united(fp);
        }
        if (!sites[s].elements.empty())
            result.sitePositions[s] = sum / double(sites[s].elements.size());
        result.siteAreas[s] = area.adjusted(0, -kSiteHeader, 0, 0);
    }
}

// Scene units per degree for a group of sites (projected points, and the area of their blocks). Two
// estimates: the group's box filled to ~30% (right for evenly spread sites), and the median
// nearest-neighbour distance stretched to about one and a half site blocks (right for sites clustered
// around cities, where the first would pile them on each other). The larger wins, capped so a few
// far-away sites cannot blow the map up.
double spreadScale(const std::vector<QPointF> &points, double blockArea) {
    if (points.size() < 2)
        return 1.0;
    QRectF box(points.front(), QSizeF(0, 0));
    for (const QPointF &p : points) {
        box.setLeft(std::min(box.left(), p.x()));
        box.setRight(std::max(box.right(), p.x()));
        box.setTop(std::min(box.top(), p.y()));
        box.setBottom(std::max(box.bottom(), p.y()));
    }
    const double degArea = std::max(box.width() * box.height(), 1e-9);
    const double scale = std::sqrt(blockArea / (0.3 * degArea));
    if (points.size() < 3)
        return scale;
    const double cell = std::max(std::sqrt(degArea / double(points.size())), 1e-6);
    std::unordered_map<quint64, std::vector<int>> grid;
    const auto key = [](qint64 x, qint64 y) {
        return (quint64(quint32(qint32(x))) << 32) | quint32(qint32(y));
    };
    const auto cellOf = [&](const QPointF &p) {
        return std::pair{qint64(std::floor(p.x() / cell)), qint64(std::floor(p.y() / cell))};
    };
    for (size_t k = 0; k < points.size(); ++k) {
        const auto [cx, cy] = cellOf(points[k]);
        grid[key(cx, cy)].push_back(int(k));
    }
    std::vector<double> nearest;
    for (size_t k = 0; k < points.size(); ++k) {
        const auto [cx, cy] = cellOf(points[k]);
        double best = 1e300;
        for (qint64 x = cx - 1; x <= cx + 1; ++x)
            for (qint64 y = cy - 1; y <= cy + 1; ++y) {
                const auto it = grid.find(key(x, y));
                if (it == grid.end())
                    continue;
                for (int o : it->second)
                    if (size_t(o) != k) {
                        const QPointF d = points[size_t(o)] - points[k];
                        best = std::min(best, std::hypot(d.x(), d.y()));
                    }
            }
        if (best < 1e300 && best > 1e-9)
            nearest.push_back(best);
    }
    if (nearest.size() <= 2)
        return scale;
    std::nth_element(nearest.begin(), nearest.begin() + long(nearest.size() / 2), nearest.end());
    const double median = nearest[nearest.size() / 2];
    const double blockDiagonal = std::sqrt(blockArea / double(points.size())) * 1.5;
    return std::clamp(blockDiagonal / median, scale, scale * 8);
}

// Where each region's sites go. Operators' sites cluster around cities hundreds of kilometres apart:
// one scale for the whole map either piles a city's sites on each other or makes the map mostly
// empty space. So each region is magnified on its own (its sites keep their arrangement around the
// region's centre, spread so they do not pile up), and the regions keep their geographic arrangement
// at a scale of their own, with far-away ones brought closer.
class RegionFrames {
public:
    RegionFrames(const TopologyGraph &graph, const std::vector<QPointF> &projected,
                 const std::vector<Block> &blocks) {
        const auto &sites = graph.sites();
        const size_t regionCount = size_t(graph.regions().size());
        std::vector<std::vector<int>> members(regionCount); // sites with coordinates, by region
        std::vector<QPointF> all;
        double allArea = 0;
        const auto areaOf = [&](size_t s) {
            return blocks[s].cols * LayoutMetrics::kFootprintWidth *
                   (blocks[s].rows * LayoutMetrics::kFootprintHeight + kSiteHeader);
        };
        for (size_t s = 0; s < sites.size(); ++s) {
            if (!sites[s].hasCoordinates || sites[s].region_index < 0)
                continue;
            members[size_t(sites[s].region_index)].push_back(int(s));
            all.push_back(projected[s]);
            allArea += areaOf(s);
        }
        m_frames.assign(regionCount, Frame{});
        m_drawnIn.assign(sites.size(), -1);
        const double allBase = spreadScale(all, allArea);
        // The region's scale from all its sites, as it was before the main cluster was looked for
        // (a stray widens the region's box, so this is mostly smaller than the main cluster's: the
        // clusters are found at most as far apart as they end up drawn).
        const auto memberScale = [&](const std::vector<int> &sitesOfRegion) {
            if (sitesOfRegion.size() < 3)
                return allBase;
            std::vector<QPointF> points;
            double blockArea = 0;
            for (int s : sitesOfRegion) {
                points.push_back(projected[size_t(s)]);
                blockArea += areaOf(size_t(s));
            }
            return std::max(allBase, spreadScale(points, blockArea));
        };
        // A region's centre, scale and radius come from its main cluster only (the one its frame is
        // drawn around, regionFrames): one far-away site (a hub in another city, a site filed under
        // the wrong region) would otherwise shift the centre towards it, shrink the scale and inflate
        // the radius that keeps regions apart, spreading the whole map, and the site itself would be
        // drawn at the region's magnification, far from every city. Stray sites are drawn by their
        // own coordinates instead (below). So is the whole map's base scale: one site out in the sea
        // widened the box of all sites, shrank the base scale and with it every city drawn at it, and
        // brought the cities closer together (the map 30% smaller).
        std::vector<std::vector<int>> mains(regionCount);
        std::vector<int> stray;
        all.clear();
        allArea = 0;
        for (size_t r = 0; r < regionCount; ++r) {
            if (members[r].empty())
                continue;
            std::vector<int> &main = mains[r];
            main = mainCluster(members[r], projected, blocks, memberScale(members[r]));
            for (int s : members[r])
                if (!std::binary_search(main.begin(), main.end(), s))
                    stray.push_back(s);
            for (int s : main) {
                all.push_back(projected[size_t(s)]);
                allArea += areaOf(size_t(s));
            }
        }
        const double base = spreadScale(all, allArea);
        m_centreScale = base;
        double largestScale = base;
        std::vector<double> radius(regionCount, 0);
        for (size_t r = 0; r < regionCount; ++r) {
            Frame &f = m_frames[r];
            f.scale = base;
            if (members[r].empty())
                continue;
            f.known = true;
            const std::vector<int> &main = mains[r];
            std::vector<QPointF> points;
            double blockArea = 0, largestBlock = 0;
            for (int s : main) {
                points.push_back(projected[size_t(s)]);
                f.centre += projected[size_t(s)];
                blockArea += areaOf(size_t(s));
                largestBlock = std::max(largestBlock, areaOf(size_t(s)));
            }
            f.centre /= double(points.size());
            f.sites = int(points.size());
            if (points.size() >= 3)
                f.scale = std::max(base, spreadScale(points, blockArea));
            largestScale = std::max(largestScale, f.scale);
            for (const QPointF &p : points)
                radius[r] = std::max(radius[r], QLineF(p, f.centre).length() * f.scale);
            radius[r] += std::sqrt(largestBlock);
        }
        // A stray site is drawn in the frame of the region whose centre is nearest to it (a Shanghai
        // site at Chengdu's coordinates among Chengdu's sites), so it lies where its coordinates are
        // among the magnified cities; the site placement then only nudges it off others' blocks.
        for (int s : stray) {
            double nearest = 1e300;
            for (size_t r = 0; r < regionCount; ++r) {
                const double d = QLineF(projected[size_t(s)], m_frames[r].centre).length();
                if (m_frames[r].known && d < nearest) {
                    nearest = d;
                    m_drawnIn[size_t(s)] = int(r);
                }
            }
        }
        // The regions' centres: far-apart cities would leave the map mostly empty at the scale where
        // the closest two just touch, so the scale is the one where a typical region's nearest
        // neighbour is a little more than touching (the median over the regions), and regions that
        // then overlap are pushed apart, the bigger ones keeping their place.
        // (Pairs of regions are compared: with more than a few hundred "regions" they are not cities
        // any more, and the whole map keeps one scale.)
        if (regionCount > size_t(kMaxMagnifiedRegions)) {
            for (Frame &f : m_frames) {
                f.scale = base;
                f.origin = f.centre * base;
            }
            return;
        }
        std::vector<double> wanted;
        for (size_t a = 0; a < regionCount; ++a) {
            double nearest = 1e300, need = 0;
            for (size_t b = 0; b < regionCount; ++b) {
                if (b == a || !m_frames[a].known || !m_frames[b].known)
                    continue;
                const double d = QLineF(m_frames[a].centre, m_frames[b].centre).length();
                if (d > 1e-9 && d < nearest) {
                    nearest = d;
                    need = 1.25 * (radius[a] + radius[b]) / d;
                }
            }
            if (nearest < 1e300)
                wanted.push_back(need);
        }
        if (!wanted.empty()) {
            std::nth_element(wanted.begin(), wanted.begin() + long(wanted.size() / 2), wanted.end());
            m_centreScale = std::clamp(wanted[wanted.size() / 2], base, largestScale);
        }
        std::vector<QRectF> discs(regionCount);
        std::vector<int> order;
        double step = 1;
        for (size_t r = 0; r < regionCount; ++r) {
            m_frames[r].origin = m_frames[r].centre * m_centreScale;
            if (!m_frames[r].known)
                continue;
            discs[r] = QRectF(m_frames[r].origin - QPointF(radius[r], radius[r]),
                              QSizeF(2 * radius[r], 2 * radius[r]));
            order.push_back(int(r));
            step = std::max(step, radius[r] / 8);
        }
        std::stable_sort(order.begin(), order.end(),
                         [&](int a, int b) { return m_frames[size_t(a)].sites > m_frames[size_t(b)].sites; });
        placeGreedy(discs, order, {}, step, step, nullptr);
        for (int r : order)
            m_frames[size_t(r)].origin = discs[size_t(r)].center();
        // The box each main cluster's blocks take where they are drawn (before they are nudged
        // apart): what the map's frame of the region is drawn around, which a site far beyond it
        // keeps near (keptNearFrame).
        for (int r : order) {
            Frame &f = m_frames[size_t(r)];
            for (int s : mains[size_t(r)]) {
                const QSizeF size(blocks[size_t(s)].cols * LayoutMetrics::kFootprintWidth,
                                  blocks[size_t(s)].rows * LayoutMetrics::kFootprintHeight + kSiteHeader);
                const QPointF at = f.origin + (projected[size_t(s)] - f.centre) * f.scale;
                const QRectF block(at - QPointF(size.width(), size.height()) / 2, size);
                f.box = f.box.isNull() ? block : f.box.united(block);
            }
        }
        for (Frame &f : m_frames)
            if (!f.known)
                f.scale = m_centreScale; // a site placed near others without a region of its own
    }

    // The region whose frame draws site `site` of region `region`: its own, or for a stray site the
    // region nearest to its coordinates.
    int drawnIn(size_t site, int region) const { return m_drawnIn[site] >= 0 ? m_drawnIn[site] : region; }
    // Site `site` (one without coordinates) is drawn in the frame of `region`.
    void drawIn(size_t site, int region) { m_drawnIn[site] = region; }

    bool known(int region) const {
        return region >= 0 && size_t(region) < m_frames.size() && m_frames[size_t(region)].known;
    }
    QPointF centre(int region) const { return m_frames[size_t(region)].centre; }

    // Scene position of site `site` of region `region` at `projected`.
    QPointF map(size_t site, int region, const QPointF &projected) const {
        region = drawnIn(site, region);
        if (region < 0 || size_t(region) >= m_frames.size())
            return projected * m_centreScale;
        const Frame &f = m_frames[size_t(region)];
        // A site of the main cluster is inside the box anyway; one far beyond it (a stray in the sea)
        // is kept beside it.
        return keptNearFrame(f.origin + (projected - f.centre) * f.scale, f.box);
    }

private:
    // The sites (sorted) of a region's main cluster, as regionFrames finds it with the sites' blocks
    // at `scale`. All of them when the region has no main cluster to speak of.
    static std::vector<int> mainCluster(const std::vector<int> &members,
                                        const std::vector<QPointF> &projected,
                                        const std::vector<Block> &blocks, double scale) {
        std::vector<QRectF> areas;
        areas.reserve(members.size());
        for (int s : members) {
            const QSizeF size(blocks[size_t(s)].cols * LayoutMetrics::kFootprintWidth,
                              blocks[size_t(s)].rows * LayoutMetrics::kFootprintHeight + kSiteHeader);
            areas.emplace_back(projected[size_t(s)] * scale - QPointF(size.width(), size.height()) / 2, size);
        }
        const std::vector<RegionFrame> frames = regionFrames(areas, kMinClusterGap);
        if (frames.size() <= 1)
            return members;
        std::vector<int> main;
        for (size_t k = 0; k < members.size(); ++k)
            if (frames.front().area.contains(areas[k]))
                main.push_back(members[k]);
        return main.empty() ? members : main;
    }

    static constexpr double kMinClusterGap = 1000; // as the map's region frames (TopologyScene)
    struct Frame {
        QPointF centre; // mean of the region's main cluster (projected degrees)
        QPointF origin; // where that centre goes on the map
        QRectF box;     // the main cluster's blocks on the map; null when regions are not magnified
        double scale = 1;
        int sites = 0; // in the main cluster
        bool known = false;
    };
    std::vector<Frame> m_frames;
    std::vector<int> m_drawnIn; // per site: the region whose frame draws it, or -1 for its own
    double m_centreScale = 1;
};

// Sites by latitude/longitude (equirectangular around the mean latitude, each region magnified as
// RegionFrames explains), each site's elements in a block around it, blocks pushed apart.
void geographic(const TopologyGraph &graph, const LayoutOptions &options, LayoutResult &result,
                const std::atomic_bool *cancel) {
    const auto &sites = graph.sites();
    const auto &nodes = graph.nodes();
    std::vector<Block> blocks(sites.size());
    std::vector<QRectF> rects(sites.size());
    double blockArea = 0;
    double latSum = 0;
    int withCoords = 0;
    for (size_t s = 0; s < sites.size(); ++s) {
        blocks[s] = blockFor(sites[s].elements.size());
        const double w = blocks[s].cols * LayoutMetrics::kFootprintWidth;
        const double h = blocks[s].rows * LayoutMetrics::kFootprintHeight + kSiteHeader;
        rects[s] = QRectF(0, 0, w, h);
        blockArea += w * h;
        if (sites[s].hasCoordinates) {
            latSum += sites[s].latitude;
            ++withCoords;
        }
    }
    const double lat0 = withCoords ? latSum / withCoords : 0;
    const double cosLat = std::max(0.2, std::cos(lat0 * M_PI / 180.0));
    std::vector<QPointF> projected(sites.size());
    for (size_t s = 0; s < sites.size(); ++s) {
        if (!sites[s].hasCoordinates)
            continue;
        projected[s] = QPointF(sites[s].longitude * cosLat, -sites[s].latitude);
    }

    // Frames from the sites with coordinates only (projected[] of the others is filled in below).
    RegionFrames frames(graph, projected, blocks);
    // A site without coordinates goes where its neighbours are drawn: beside the sites its elements
    // link to, else in the middle of its region's main cluster. Only when neither is known (and for
    // the synthetic group of elements without a site) it goes in rows under the map, visible and
    // findable.
    // "Where its neighbours are drawn", not "at their coordinates in its own region's frame": a site
    // linked to a stray (a Shanghai site standing in Chengdu, drawn among Chengdu's sites) would
    // otherwise be drawn at Chengdu's coordinates magnified by Shanghai's scale, thousands of pixels
    // out in the empty map between the cities, linked to nothing near it. The link is all that says
    // where the site is, so it is drawn in the frame that draws its linked sites, by their mean
    // coordinates, as a site with those coordinates would be. Linked to sites drawn in several frames
    // (two cities), it goes with the most of them (its own region's frame on a tie, else the first),
    // not half-way between the cities.
    std::vector<char> placedNear(sites.size(), 0);
    if (withCoords > 0) {
        const auto &adj = graph.adjacency();
        struct Linked {
            int frame = -1; // the region whose frame draws these linked sites
            int count = 0;
            QPointF sum;
        };
        std::vector<Linked> linked;
        for (size_t s = 0; s < sites.size(); ++s) {
            if (sites[s].hasCoordinates || sites[s].synthetic)
                continue;
            linked.clear();
            for (int e : sites[s].elements)
                for (int a = graph.adjacencyBegin(e); a < graph.adjacencyBegin(e + 1); ++a) {
                    const int other = nodes[size_t(adj[size_t(a)])].site;
                    if (!sites[size_t(other)].hasCoordinates)
                        continue;
                    const int frame = frames.drawnIn(size_t(other), sites[size_t(other)].region_index);
                    auto it = std::find_if(linked.begin(), linked.end(),
                                           [frame](const Linked &l) { return l.frame == frame; });
                    if (it == linked.end())
                        it = linked.insert(linked.end(), Linked{frame, 0, {}});
                    ++it->count;
                    it->sum += projected[size_t(other)];
                }
            const Linked *most = nullptr;
            for (const Linked &l : linked)
                if (!most || l.count > most->count ||
                    (l.count == most->count && l.frame == sites[s].region_index))
                    most = &l;
            if (most) {
                projected[s] = most->sum / most->count;
                frames.drawIn(s, most->frame);
                placedNear[s] = 1;
            } else if (frames.known(sites[s].region_index)) {
                projected[s] = frames.centre(sites[s].region_index); // of its main cluster, not its strays
                placedNear[s] = 1;
            }
        }
    }
    QRectF mapBox;
    for (size_t s = 0; s < sites.size(); ++s) {
        if (!sites[s].hasCoordinates)
            continue;
        const QPointF p = frames.map(s, sites[s].region_index, projected[s]);
        mapBox = mapBox.isNull() ? QRectF(p, QSizeF(0, 0)) : mapBox.united(QRectF(p, QSizeF(0, 0)));
    }
    const double rowWidth = std::max(mapBox.width(), std::sqrt(blockArea) * 1.5);
    double cx = mapBox.left(), cy = mapBox.bottom() + 6 * LayoutMetrics::kFootprintHeight, rowH = 0;
    for (size_t s = 0; s < sites.size(); ++s) {
        if (!sites[s].hasCoordinates && !sites[s].synthetic)
            ++result.sitesPlacedWithoutCoordinates;
        if (sites[s].hasCoordinates || placedNear[s]) {
            rects[s].moveCenter(frames.map(s, sites[s].region_index, projected[s]));
            continue;
        }
        if (cx > mapBox.left() && cx + rects[s].width() > mapBox.left() + rowWidth) {
            cx = mapBox.left();
            cy += rowH + LayoutMetrics::kFootprintHeight;
            rowH = 0;
        }
        rects[s].moveTopLeft(QPointF(cx, cy));
        cx += rects[s].width() + LayoutMetrics::kFootprintWidth;
        rowH = std::max(rowH, rects[s].height());
    }

    // Bigger sites (core, aggregation) keep their true place; small ones make way.
    std::vector<int> order(sites.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return sites[size_t(a)].elements.size() > sites[size_t(b)].elements.size();
    });
    // Blocks are padded so neighbouring sites read as separate groups (paddedSiteBlock).
    for (QRectF &r : rects)
        r = paddedSiteBlock(r);
    placeGreedy(rects, order, {}, kSiteStepX, kSiteStepY, cancel);
    if (cancelled(cancel))
        return;
    for (QRectF &r : rects)
        r.adjust(LayoutMetrics::kFootprintWidth / 4, LayoutMetrics::kFootprintHeight / 4,
                 -LayoutMetrics::kFootprintWidth / 4, -LayoutMetrics::kFootprintHeight / 4);

    result.positions.assign(nodes.size(), QPointF());
    std::vector<int> members;
    for (size_t s = 0; s < sites.size(); ++s) {
        members.assign(sites[s].elements.begin(), sites[s].elements.end());
        std::stable_sort(members.begin(), members.end(), [&](int a, int b) {
            const auto &na = nodes[size_t(a)], &nb = nodes[size_t(b)];
            if (layerRank(na.layer) != layerRank(nb.layer))
                return layerRank(na.layer) < layerRank(nb.layer);
            return int(na.category) < int(nb.category);
        });
        for (size_t k = 0; k < members.size(); ++k) {
            const int col = int(k) % blocks[s].cols, row = int(k) / blocks[s].cols;
            result.positions[size_t(members[k])] =
                QPointF(rects[s].left() + (col + 0.5) * LayoutMetrics::kFootprintWidth,
                        rects[s].top() + kSiteHeader + row * LayoutMetrics::kFootprintHeight +
                            LayoutMetrics::kIconSize / 2 + 4);
        }
    }
    (void)options;
}

// Barnes–Hut quadtree over the current positions: mass and centre of mass per cell.
class QuadTree {
public:
    struct Cell {
        double cx = 0, cy = 0, half = 0; // square cell: centre and half side
        double mx = 0, my = 0;           // sum of positions (centre of mass = m / mass)
        int mass = 0;
        int child[4] = {-1, -1, -1, -1};
        int point = -1; // the single point of a leaf
    };

    void build(const std::vector<QPointF> &pos) {
        m_cells.clear();
        m_cells.reserve(pos.size() * 2 + 1);
        double minX = 1e300, minY = 1e300, maxX = -1e300, maxY = -1e300;
        for (const QPointF &p : pos) {
            minX = std::min(minX, p.x());
            minY = std::min(minY, p.y());
            maxX = std::max(maxX, p.x());
            maxY = std::max(maxY, p.y());
        }
        Cell root;
        root.cx = (minX + maxX) / 2;
        root.cy = (minY + maxY) / 2;
        root.half = std::max(maxX - minX, maxY - minY) / 2 + 1;
        m_cells.push_back(root);
        for (size_t i = 0; i < pos.size(); ++i)
            insert(int(i), pos);
    }

    // Repulsive force on point i (Fruchterman–Reingold k^2/d), cells far enough are one mass.
    QPointF repulsion(int i, const std::vector<QPointF> &pos, double k2, double theta2) const {
        const double px = pos[size_t(i)].x(), py = pos[size_t(i)].y();
        double fx = 0, fy = 0;
        int stack[256];
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            const Cell &c = m_cells[size_t(stack[--top])];
            if (c.mass == 0 || c.point == i)
                continue;
            const double gx = c.mx / c.mass, gy = c.my / c.mass;
            double dx = px - gx, dy = py - gy;
            double d2 = dx * dx + dy * dy;
            const bool leaf = c.child[0] < 0 && c.child[1] < 0 && c.child[2] < 0 && c.child[3] < 0;
            if (leaf || (4 * c.half * c.half) < theta2 * d2) {
                if (d2 < 1e-6) {
                    // Coincident: a deterministic nudge so they separate.
                    dx = (i % 7) - 3 + 0.5;
                    dy = (i % 5) - 2 + 0.5;
                    d2 = dx * dx + dy * dy;
                }
                const double f = k2 * c.mass / d2;
                fx += dx * f;
                fy += dy * f;
            } else {
                for (int ch : c.child)
                    if (ch >= 0 && top < 252)
                        stack[top++] = ch;
            }
        }
        return {fx, fy};
    }

private:
    void insert(int i, const std::vector<QPointF> &pos) {
        int cellIndex = 0;
        const double px = pos[size_t(i)].x(), py = pos[size_t(i)].y();
        for (int depth = 0;; ++depth) {
            Cell &c = m_cells[size_t(cellIndex)];
            c.mx += px;
            c.my += py;
            ++c.mass;
            const bool leaf = c.child[0] < 0 && c.child[1] < 0 && c.child[2] < 0 && c.child[3] < 0;
            if (leaf && c.mass == 1) {
                c.point = i;
                return;
            }
            if (depth > 40) // coincident points: keep them together in this leaf
                return;
            if (leaf) {
                // Push the existing point down one level.
                const int old = c.point;
                c.point = -1;
                if (old >= 0) {
                    const int q = quadrant(c, pos[size_t(old)]);
                    const int child = makeChild(cellIndex, q);
                    Cell &cc = m_cells[size_t(child)];
                    cc.mx = pos[size_t(old)].x();
                    cc.my = pos[size_t(old)].y();
                    cc.mass = 1;
                    cc.point = old;
                }
            }
            Cell &c2 = m_cells[size_t(cellIndex)];
            const int q = quadrant(c2, pos[size_t(i)]);
            int next = c2.child[q];
            if (next < 0)
                next = makeChild(cellIndex, q);
            cellIndex = next;
        }
    }
    static int quadrant(const Cell &c, const QPointF &p) {
        return (p.x() >= c.cx ? 1 : 0) + (p.y() >= c.cy ? 2 : 0);
    }
    int makeChild(int parent, int q) {
        Cell child;
        const Cell &p = m_cells[size_t(parent)];
        child.half = p.half / 2;
        child.cx = p.cx + ((q & 1) ? child.half : -child.half);
        child.cy = p.cy + ((q & 2) ? child.half : -child.half);
        m_cells.push_back(child);
        const int index = int(m_cells.size() - 1);
        m_cells[size_t(parent)].child[q] = index;
        return index;
    }
    std::vector<Cell> m_cells;
};

// Fruchterman–Reingold with Barnes–Hut repulsion. Starts from the given positions (incremental:
// cooler start, fewer moves) or from the geographic layout, which already groups sites and regions,
// so far fewer iterations are needed than from random positions.
void forceDirected(const TopologyGraph &graph, const LayoutOptions &options, LayoutResult &result,
                   const std::atomic_bool *cancel) {
    const size_t n = graph.nodes().size();
    const bool incremental = options.initial.size() == n && n > 0;
    if (incremental) {
        result.positions = options.initial;
    } else {
        geographic(graph, options, result, cancel);
        if (cancelled(cancel))
            return;
    }
    std::vector<QPointF> &pos = result.positions;
    const double k = LayoutMetrics::kFootprintWidth * 1.2;
    const double k2 = k * k;
    const double theta = 1.0;
    int iterations = options.iterations;
    if (iterations <= 0)
        iterations = n <= 20000 ? 60 : 30;
    double temperature = incremental ? k : 3 * k;
    const double cooling = temperature / (iterations + 1);
    std::vector<QPointF> disp(n);
    const auto &adj = graph.adjacency();
    const bool hasPins = options.pinned.size() == n;
    QuadTree tree;
    for (int it = 0; it < iterations; ++it) {
        if (cancelled(cancel))
            return;
        tree.build(pos);
        for (size_t i = 0; i < n; ++i) {
            QPointF f = tree.repulsion(int(i), pos, k2, theta * theta);
            for (int a = graph.adjacencyBegin(int(i)); a < graph.adjacencyBegin(int(i) + 1); ++a) {
                const QPointF d = pos[size_t(adj[size_t(a)])] - pos[i];
                const double dist = std::hypot(d.x(), d.y());
                f += d * (dist / k);
            }
            disp[i] = f;
        }
        for (size_t i = 0; i < n; ++i) {
            if (hasPins && options.pinned[i])
                continue;
            const double len = std::hypot(disp[i].x(), disp[i].y());
            if (len > 1e-9)
                pos[i] += disp[i] * (std::min(len, temperature) / len);
        }
        temperature = std::max(temperature - cooling, k * 0.05);
    }
}

// Core, aggregation, access (and unknown) in bands of rows from top to bottom. Within a band, sites
// are ordered by the mean position of their upstream neighbours, so access hangs under its
// aggregation; long bands wrap so the map stays roughly square.
void layered(const TopologyGraph &graph, LayoutResult &result, const std::atomic_bool *cancel) {
    const auto &nodes = graph.nodes();
    const auto &adj = graph.adjacency();
    const size_t n = nodes.size();
    result.positions.assign(n, QPointF());
    std::vector<char> placed(n, 0);
    const double bandWidth =
        std::max(8.0, std::ceil(std::sqrt(double(n)) * 1.2)) * LayoutMetrics::kFootprintWidth;
    const int perRow = std::max(1, int(bandWidth / LayoutMetrics::kFootprintWidth));
    double y = 0;
    for (int layer = 0; layer < 4; ++layer) {
        if (cancelled(cancel))
            return;
        std::vector<int> members;
        for (size_t i = 0; i < n; ++i)
            if (layerRank(nodes[i].layer) == layer)
                members.push_back(int(i));
        if (members.empty())
            continue;
        // Barycentre of already placed neighbours, per node and then per site.
        std::vector<double> key(n, 0);
        QHash<int, std::pair<double, int>> siteKey;
        for (int m : members) {
            double sum = 0;
            int count = 0;
            for (int a = graph.adjacencyBegin(m); a < graph.adjacencyBegin(m + 1); ++a) {
                const int o = adj[size_t(a)];
                if (placed[size_t(o)]) {
                    sum += result.positions[size_t(o)].x() + result.positions[size_t(o)].y() * 1e-3;
                    ++count;
                }
            }
            key[size_t(m)] = count ? sum / count : 1e12 + nodes[size_t(m)].site;
            auto &sk = siteKey[nodes[size_t(m)].site];
            sk.first += key[size_t(m)];
            sk.second += 1;
        }
        std::stable_sort(members.begin(), members.end(), [&](int a, int b) {
            const auto &sa = siteKey[nodes[size_t(a)].site], &sb = siteKey[nodes[size_t(b)].site];
            const double ka = sa.first / sa.second, kb = sb.first / sb.second;
            if (ka != kb)
                return ka < kb;
            if (nodes[size_t(a)].site != nodes[size_t(b)].site)
                return nodes[size_t(a)].site < nodes[size_t(b)].site;
            return key[size_t(a)] < key[size_t(b)];
        });
        // Short bands are centred over the map.
        const int count = int(members.size());
        const int cols = std::min(count, perRow);
        const double x0 = (bandWidth - cols * LayoutMetrics::kFootprintWidth) / 2;
        for (int k = 0; k < count; ++k) {
            const int col = k % perRow, row = k / perRow;
            result.positions[size_t(members[size_t(k)])] = QPointF(
                x0 + (col + 0.5) * LayoutMetrics::kFootprintWidth, y + row * LayoutMetrics::kFootprintHeight);
            placed[size_t(members[size_t(k)])] = 1;
        }
        y += ((count + perRow - 1) / perRow) * LayoutMetrics::kFootprintHeight +
             3 * LayoutMetrics::kFootprintHeight;
    }
}

} // namespace

double farSiteReach(const QRectF &frame) {
    return std::max({kFarSiteReach, frame.width(), frame.height()});
}

QPointF keptNearFrame(const QPointF &wish, const QRectF &frame) {
    if (frame.isNull())
        return wish;
    const QPointF c = frame.center();
    const QPointF d = wish - c;
    const double reach = farSiteReach(frame);
    const double halfW = frame.width() / 2 + reach, halfH = frame.height() / 2 + reach;
    double t = 1;
    if (std::abs(d.x()) > halfW)
        t = std::min(t, halfW / std::abs(d.x()));
    if (std::abs(d.y()) > halfH)
        t = std::min(t, halfH / std::abs(d.y()));
    return c + d * t;
}

QRectF paddedSiteBlock(const QRectF &block) {
    return block.adjusted(-LayoutMetrics::kFootprintWidth / 4, -LayoutMetrics::kFootprintHeight / 4,
                          LayoutMetrics::kFootprintWidth / 4, LayoutMetrics::kFootprintHeight / 4);
}

struct FreeSiteBlocks::Grid {
    RectGrid grid;
    std::vector<QRectF> blocks;
};

FreeSiteBlocks::FreeSiteBlocks(std::vector<QRectF> blocks) {
    double maxW = 1, maxH = 1;
    for (const QRectF &b : blocks) {
        maxW = std::max(maxW, b.width());
        maxH = std::max(maxH, b.height());
    }
    m_grid = std::make_unique<Grid>(Grid{RectGrid(maxW, maxH), std::move(blocks)});
    for (size_t i = 0; i < m_grid->blocks.size(); ++i)
        if (!m_grid->blocks[i].isEmpty())
            m_grid->grid.insert(int(i), m_grid->blocks[i]);
}

FreeSiteBlocks::~FreeSiteBlocks() = default;

void FreeSiteBlocks::set(int site, const QRectF &padded) {
    if (size_t(site) >= m_grid->blocks.size())
        m_grid->blocks.resize(size_t(site) + 1);
    // The cells of its old block still name it; they look at its current block, so that costs only a
    // comparison.
    m_grid->blocks[size_t(site)] = padded;
    if (!padded.isEmpty())
        m_grid->grid.insert(site, padded);
}

QRectF FreeSiteBlocks::nearestFree(const QRectF &padded) const {
    if (m_grid->grid.isFree(padded, m_grid->blocks))
        return padded;
    return nearestFreeRect(m_grid->grid, m_grid->blocks, padded, kSiteStepX, kSiteStepY);
}

int countOverlaps(const std::vector<QPointF> &positions, double iconSize) {
    std::unordered_map<quint64, std::vector<int>> cells;
    cells.reserve(positions.size());
    const auto key = [](qint64 x, qint64 y) {
        return (quint64(quint32(qint32(x))) << 32) | quint32(qint32(y));
    };
    for (size_t i = 0; i < positions.size(); ++i)
        cells[key(qint64(std::floor(positions[i].x() / iconSize)),
                  qint64(std::floor(positions[i].y() / iconSize)))]
            .push_back(int(i));
    int overlapping = 0;
    for (size_t i = 0; i < positions.size(); ++i) {
        const qint64 cx = qint64(std::floor(positions[i].x() / iconSize));
        const qint64 cy = qint64(std::floor(positions[i].y() / iconSize));
        bool hit = false;
        for (qint64 x = cx - 1; x <= cx + 1 && !hit; ++x) {
            for (qint64 y = cy - 1; y <= cy + 1 && !hit; ++y) {
                const auto it = cells.find(key(x, y));
                if (it == cells.end())
                    continue;
                for (int j : it->second) {
                    if (size_t(j) != i && std::abs(positions[size_t(j)].x() - positions[i].x()) < iconSize &&
                        std::abs(positions[size_t(j)].y() - positions[i].y()) < iconSize) {
                        hit = true;
                        break;
                    }
                }
            }
        }
        overlapping += hit ? 1 : 0;
    }
    return overlapping;
}

int separateFootprints(std::vector<QPointF> &positions, const std::vector<char> &pinned, double width,
                       double height, const std::atomic_bool *cancel) {
    std::vector<QRectF> rects(positions.size());
    for (size_t i = 0; i < positions.size(); ++i)
        rects[i] = QRectF(positions[i].x() - width / 2, positions[i].y() - height / 2, width, height);
    std::vector<int> order(positions.size());
    std::iota(order.begin(), order.end(), 0);
    int moved = 0;
    placeGreedy(rects, order, pinned.size() == positions.size() ? pinned : std::vector<char>(), width / 2,
                height / 2, cancel, &moved);
    for (size_t i = 0; i < positions.size(); ++i)
        positions[i] = rects[i].center();
    return moved;
}

namespace {

LayoutResult layoutWithoutTombstones(const TopologyGraph &graph, const LayoutOptions &options,
                                     const std::atomic_bool *cancel) {
    QElapsedTimer timer;
    timer.start();
    LayoutResult result;
    result.kind = options.kind;
    const size_t n = graph.nodes().size();
    switch (options.kind) {
    case LayoutKind::Geographic:
        geographic(graph, options, result, cancel);
        break;
    case LayoutKind::ForceDirected:
        forceDirected(graph, options, result, cancel);
        break;
    case LayoutKind::Layered:
        layered(graph, result, cancel);
        break;
    }
    if (cancelled(cancel)) {
        result.cancelled = true;
        return result;
    }
    result.positions.resize(n);
    const bool hasPins = options.pinned.size() == n && options.initial.size() == n;
    std::vector<char> pins;
    if (hasPins) {
        pins = options.pinned;
        for (size_t i = 0; i < n; ++i)
            if (pins[i])
                result.positions[i] = options.initial[i];
    }
    separateFootprints(result.positions, pins, LayoutMetrics::kFootprintWidth,
                       LayoutMetrics::kFootprintHeight, cancel);
    if (cancelled(cancel)) {
        result.cancelled = true;
        return result;
    }
    fillSiteGeometry(graph, result);
    result.overlaps = countOverlaps(result.positions);
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    return result;
}

} // namespace

LayoutResult computeLayout(const TopologyGraph &graph, const LayoutOptions &options,
                           const std::atomic_bool *cancel) {
    if (!graph.hasTombstones())
        return layoutWithoutTombstones(graph, options, cancel);
    // A graph that inventory changes left with removed entries is laid out without them, and the
    // result is given back in the graph's own (stable) indices; removed entries keep (0, 0).
    QElapsedTimer timer;
    timer.start();
    TopologyGraph::Compaction map;
    const TopologyGraph compact = graph.compacted(&map);
    LayoutOptions inner = options;
    const size_t n = graph.nodes().size();
    const auto squeeze = [&](const auto &values, auto &out) {
        out.assign(size_t(compact.nodes().size()), {});
        for (size_t i = 0; i < n; ++i)
            if (map.nodes[i] >= 0)
                out[size_t(map.nodes[i])] = values[i];
    };
    if (options.initial.size() == n)
        squeeze(options.initial, inner.initial);
    if (options.pinned.size() == n)
        squeeze(options.pinned, inner.pinned);
    const LayoutResult r = layoutWithoutTombstones(compact, inner, cancel);
    LayoutResult result;
    result.kind = r.kind;
    result.cancelled = r.cancelled;
    result.overlaps = r.overlaps;
    result.sitesPlacedWithoutCoordinates = r.sitesPlacedWithoutCoordinates;
    if (r.cancelled)
        return result;
    result.positions.assign(n, QPointF());
    for (size_t i = 0; i < n; ++i)
        if (map.nodes[i] >= 0)
            result.positions[i] = r.positions[size_t(map.nodes[i])];
    result.sitePositions.assign(graph.sites().size(), QPointF());
    result.siteAreas.assign(graph.sites().size(), QRectF());
    for (size_t s = 0; s < graph.sites().size(); ++s) {
        const int to = map.sites[s];
        if (to >= 0 && size_t(to) < r.sitePositions.size()) {
            result.sitePositions[s] = r.sitePositions[size_t(to)];
            result.siteAreas[s] = r.siteAreas[size_t(to)];
        }
    }
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    return result;
}

} // namespace noc
