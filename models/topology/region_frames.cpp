#include "region_frames.h"

#include <QHash>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace noc {

namespace {

// Single-linkage clusters of the sites' centres within `gap`: each site's cluster root. On a grid of
// cells gap/sqrt(2) wide any two sites in one cell are within the gap, so a cell is joined at once;
// two cells up to two apart are joined at their first pair within the gap, and not looked at again
// once they are in one cluster (a city's dense cells would otherwise cost a comparison per pair).
std::vector<int> clusterRoots(const std::vector<QRectF> &siteAreas, double gap) {
    const size_t n = siteAreas.size();
    std::vector<int> parent(n);
    std::iota(parent.begin(), parent.end(), 0);
    const auto find = [&parent](int i) {
        while (parent[size_t(i)] != i)
            i = parent[size_t(i)] = parent[size_t(parent[size_t(i)])];
        return i;
    };
    const double cell = gap / std::sqrt(2.0);
    using Cell = std::pair<qint64, qint64>;
    QHash<Cell, std::vector<int>> grid;
    grid.reserve(qsizetype(n));
    for (size_t i = 0; i < n; ++i) {
        const QPointF c = siteAreas[i].center();
        std::vector<int> &members =
            grid[Cell(qint64(std::floor(c.x() / cell)), qint64(std::floor(c.y() / cell)))];
        if (!members.empty())
            parent[i] = members.front();
        members.push_back(int(i));
    }
    const double gap2 = gap * gap;
    // The box around each cell's centres: two cells whose boxes are farther apart than the gap hold no
    // pair within it, and a site farther than the gap from the other cell's box has no partner there.
    // Without them, two dense cities of one region a little more than the gap apart compared every
    // pair of their sites (~150 million at 25,000 sites, on the GUI thread).
    QHash<Cell, QRectF> boxes;
    boxes.reserve(grid.size());
    for (auto it = grid.cbegin(); it != grid.cend(); ++it) {
        QRectF box(siteAreas[size_t(it.value().front())].center(), QSizeF(0, 0));
        for (int i : it.value()) {
            const QPointF c = siteAreas[size_t(i)].center();
            box.setLeft(std::min(box.left(), c.x()));
            box.setRight(std::max(box.right(), c.x()));
            box.setTop(std::min(box.top(), c.y()));
            box.setBottom(std::max(box.bottom(), c.y()));
        }
        boxes.insert(it.key(), box);
    }
    const auto distance2 = [](const QRectF &a, const QRectF &b) {
        const double dx = std::max({a.left() - b.right(), b.left() - a.right(), 0.0});
        const double dy = std::max({a.top() - b.bottom(), b.top() - a.bottom(), 0.0});
        return dx * dx + dy * dy;
    };
    const auto near = [&](const std::vector<int> &a, const std::vector<int> &b, const QRectF &boxOfB) {
        for (int i : a) {
            const QPointF c = siteAreas[size_t(i)].center();
            if (distance2(QRectF(c, QSizeF(0, 0)), boxOfB) > gap2)
                continue;
            for (int j : b) {
                const QPointF d = c - siteAreas[size_t(j)].center();
                if (d.x() * d.x() + d.y() * d.y() <= gap2)
                    return true;
            }
        }
        return false;
    };
    for (auto it = grid.cbegin(); it != grid.cend(); ++it)
        for (qint64 dx = -2; dx <= 2; ++dx)
            for (qint64 dy = -2; dy <= 2; ++dy) {
                const auto other = grid.constFind(Cell(it.key().first + dx, it.key().second + dy));
                if (other == grid.cend() || !(it.key() < other.key()))
                    continue; // each pair of cells once
                const int a = find(it.value().front()), b = find(other.value().front());
                const QRectF boxOfB = boxes.value(other.key());
                if (a != b && distance2(boxes.value(it.key()), boxOfB) <= gap2 &&
                    near(it.value(), other.value(), boxOfB))
                    parent[size_t(a)] = b;
            }
    std::vector<int> roots(n);
    for (size_t i = 0; i < n; ++i)
        roots[i] = find(int(i));
    return roots;
}

} // namespace

double regionClusterGap(const std::vector<QRectF> &siteAreas, double minGap) {
    double packed = 0;
    for (const QRectF &a : siteAreas)
        packed += a.width() * a.height();
    return std::max(2 * std::sqrt(packed), minGap);
}

std::vector<RegionFrame> regionFrames(const std::vector<QRectF> &siteAreas, double minGap) {
    const size_t n = siteAreas.size();
    if (n == 0)
        return {};
    const std::vector<int> roots = clusterRoots(siteAreas, regionClusterGap(siteAreas, minGap));
    std::vector<int> frameOf(n, -1);
    std::vector<RegionFrame> clusters; // in the order of their first site
    for (size_t i = 0; i < n; ++i) {
        int &f = frameOf[size_t(roots[i])];
        if (f < 0) {
            f = int(clusters.size());
            clusters.push_back({siteAreas[i], 0});
        }
        clusters[size_t(f)].area = clusters[size_t(f)].area.united(siteAreas[i]);
        ++clusters[size_t(f)].sites;
    }
    std::stable_sort(clusters.begin(), clusters.end(),
                     [](const RegionFrame &a, const RegionFrame &b) { return a.sites > b.sites; });
    const int outlying = int(n) - clusters.front().sites;
    if (outlying > std::max(2, int(n) / 20)) {
        QRectF all;
        for (const RegionFrame &c : clusters)
            all = all.united(c.area);
        return {{all, int(n)}};
    }
    // An outlying cluster close enough that the main frame grows by less than half with it goes in:
    // a frame that size still shows the city, and a small frame just beside it would only add noise.
    const double mainArea = clusters.front().area.width() * clusters.front().area.height();
    for (size_t c = 1; c < clusters.size();) {
        const QRectF united = clusters.front().area.united(clusters[c].area);
        if (united.width() * united.height() <= 1.5 * mainArea) {
            clusters.front().area = united;
            clusters.front().sites += clusters[c].sites;
            clusters.erase(clusters.begin() + std::ptrdiff_t(c));
        } else {
            ++c;
        }
    }
    return clusters;
}

} // namespace noc
