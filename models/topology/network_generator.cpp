#include "topology/network_generator.h"

#include <QPointF>
#include <algorithm>
#include <cmath>
#include <random>

namespace noc {

namespace {

struct RegionSeed {
    const char *code;
    double lat;
    double lon;
};

// Provincial hubs: a plausible national footprint for a Chinese operator (the console ships zh_CN).
constexpr RegionSeed kRegions[] = {
    {"BJ", 39.9, 116.4}, {"SH", 31.2, 121.5},  {"GZ", 23.1, 113.3}, {"CD", 30.7, 104.1}, {"WH", 30.6, 114.3},
    {"XA", 34.3, 108.9}, {"NJ", 32.1, 118.8},  {"HZ", 30.3, 120.2}, {"CQ", 29.6, 106.5}, {"TJ", 39.1, 117.2},
    {"SY", 41.8, 123.4}, {"HRB", 45.8, 126.6}, {"CC", 43.9, 125.3}, {"JN", 36.7, 117.0}, {"ZZ", 34.7, 113.6},
    {"CS", 28.2, 112.9}, {"NC", 28.7, 115.9},  {"FZ", 26.1, 119.3}, {"KM", 25.0, 102.7}, {"GY", 26.6, 106.7},
    {"NN", 22.8, 108.3}, {"HK", 20.0, 110.3},  {"LZ", 36.1, 103.8}, {"XN", 36.6, 101.8}, {"YC", 38.5, 106.3},
    {"UR", 43.8, 87.6},  {"LS", 29.6, 91.1},   {"HH", 40.8, 111.7}, {"TY", 37.9, 112.5}, {"SJZ", 38.0, 114.5},
    {"HF", 31.8, 117.2}, {"QD", 36.1, 120.4},
};
constexpr int kRegionCount = int(sizeof(kRegions) / sizeof(kRegions[0]));

struct SiteProfile {
    const char *suffix;
    std::vector<ElementCategory> elements; // first one is the hub that uplinks
};

} // namespace

GeneratedNetwork generateNetwork(const NetworkGeneratorOptions &options) {
    GeneratedNetwork net;
    std::mt19937 rng(options.seed);
    std::uniform_real_distribution<double> uni(0.0, 1.0);
    std::normal_distribution<double> gauss(0.0, 1.0);
    const int total = std::max(1, options.elements);
    const int regions = std::clamp(total / 2500, std::min(3, total), kRegionCount);
    int elementSerial = 0, linkSerial = 0;

    const auto addElement = [&](const QString &siteId, const QString &name, ElementCategory category,
                                NetworkLayer layer, int region) {
        NetworkElement e;
        e.id = QStringLiteral("ne-%1").arg(++elementSerial, 6, 10, QLatin1Char('0'));
        e.name = name;
        e.category = category;
        e.layer = layer;
        e.siteId = siteId;
        e.mgmtIp = QStringLiteral("10.%1.%2.%3")
                       .arg(region)
                       .arg((elementSerial >> 8) & 255)
                       .arg(elementSerial & 255);
        e.vendor = category == ElementCategory::Router ? QStringLiteral("Huawei") : QStringLiteral("ZTE");
        e.operationalState = QStringLiteral("enable");
        e.administrativeState = QStringLiteral("unlocked");
        net.elements << e;
        return e.id;
    };
    const auto addLink = [&](const QString &a, const QString &z, double capacity) {
        Link l;
        l.id = QStringLiteral("ln-%1").arg(++linkSerial, 7, 10, QLatin1Char('0'));
        l.aEndId = a;
        l.zEndId = z;
        l.capacityBps = capacity;
        l.utilization = std::clamp(std::pow(uni(rng), 1.8), 0.0, 1.0);
        l.operationalState = QStringLiteral("enable");
        net.links << l;
    };
    const auto addSite = [&](const QString &id, const QString &name, int region, double lat, double lon) {
        Site s;
        s.id = id;
        s.name = name;
        s.region = QString::fromLatin1(kRegions[region].code);
        s.latitude = lat;
        s.longitude = lon;
        net.sites << s;
    };
    const auto catCode = [](ElementCategory c) {
        switch (c) {
        case ElementCategory::Router:
            return "RT";
        case ElementCategory::Switch:
            return "SW";
        case ElementCategory::Olt:
            return "OLT";
        case ElementCategory::Bts:
            return "BTS";
        case ElementCategory::Microwave:
            return "MW";
        case ElementCategory::Firewall:
            return "FW";
        case ElementCategory::Server:
            return "SRV";
        case ElementCategory::Power:
            return "PWR";
        case ElementCategory::Other:
            return "NE";
        }
        return "NE";
    };

    // Core: one site per region with two routers and a firewall; ring plus chords between regions.
    std::vector<QStringList> core(static_cast<size_t>(regions));
    for (int r = 0; r < regions && elementSerial < total; ++r) {
        const QString code = QString::fromLatin1(kRegions[r].code);
        const QString siteId = QStringLiteral("site-%1-core").arg(code.toLower());
        addSite(siteId, QStringLiteral("%1-CORE").arg(code), r, kRegions[r].lat, kRegions[r].lon);
        for (int k = 1; k <= 2 && elementSerial < total; ++k)
            core[size_t(r)] << addElement(siteId, QStringLiteral("%1-CORE-RT%2").arg(code).arg(k),
                                          ElementCategory::Router, NetworkLayer::Core, r);
        if (elementSerial < total && total > 50)
            addElement(siteId, QStringLiteral("%1-CORE-FW1").arg(code), ElementCategory::Firewall,
                       NetworkLayer::Core, r);
        if (core[size_t(r)].size() == 2)
            addLink(core[size_t(r)][0], core[size_t(r)][1], 400e9);
    }
    for (int r = 0; r < regions && regions > 1; ++r) {
        const auto &a = core[size_t(r)], &b = core[size_t((r + 1) % regions)];
        if (!a.isEmpty() && !b.isEmpty()) {
            addLink(a.first(), b.first(), 100e9);
            addLink(a.last(), b.last(), 100e9);
        }
        if (regions > 4 && r % 3 == 0) {
            const auto &c = core[size_t((r + regions / 2) % regions)];
            if (!a.isEmpty() && !c.isEmpty())
                addLink(a.first(), c.last(), 100e9);
        }
    }

    // Aggregation and access per region, sharing out the remaining element budget evenly.
    const std::vector<SiteProfile> profiles = {
        {"BTS",
         {ElementCategory::Microwave, ElementCategory::Bts, ElementCategory::Bts, ElementCategory::Power}},
        {"OLT",
         {ElementCategory::Switch, ElementCategory::Olt, ElementCategory::Olt, ElementCategory::Power}},
        {"CAB", {ElementCategory::Switch, ElementCategory::Power}},
        {"BTS",
         {ElementCategory::Switch, ElementCategory::Bts, ElementCategory::Bts, ElementCategory::Bts,
          ElementCategory::Microwave, ElementCategory::Power}},
        {"IDC",
         {ElementCategory::Switch, ElementCategory::Firewall, ElementCategory::Server,
          ElementCategory::Server, ElementCategory::Server, ElementCategory::Power}},
    };
    struct AccessSite {
        std::vector<QString> elements;
    };
    std::vector<std::vector<AccessSite>> access(static_cast<size_t>(regions));
    const int remaining = total - elementSerial;
    for (int r = 0; r < regions && elementSerial < total; ++r) {
        const QString code = QString::fromLatin1(kRegions[r].code);
        const int budget = remaining / regions + (r < remaining % regions ? 1 : 0);
        const int regionEnd = std::min(total, elementSerial + budget);
        const int aggSites = std::max(2, budget / 180);
        std::vector<std::vector<QString>> agg;
        std::vector<QPointF> aggPos;
        for (int a = 0; a < aggSites && elementSerial < regionEnd; ++a) {
            const double angle = 2 * M_PI * a / aggSites;
            const double lat = kRegions[r].lat + 0.8 * std::sin(angle),
                         lon = kRegions[r].lon + 1.0 * std::cos(angle);
            const QString siteId = QStringLiteral("site-%1-agg%2").arg(code.toLower()).arg(a + 1);
            addSite(siteId, QStringLiteral("%1-AGG-%2").arg(code).arg(a + 1, 2, 10, QLatin1Char('0')), r, lat,
                    lon);
            std::vector<QString> ids;
            ids.push_back(addElement(siteId, QStringLiteral("%1-AGG%2-RT1").arg(code).arg(a + 1),
                                     ElementCategory::Router, NetworkLayer::Aggregation, r));
            if (elementSerial < regionEnd)
                ids.push_back(addElement(siteId, QStringLiteral("%1-AGG%2-SW1").arg(code).arg(a + 1),
                                         ElementCategory::Switch, NetworkLayer::Aggregation, r));
            if (ids.size() == 2)
                addLink(ids[0], ids[1], 100e9);
            agg.push_back(ids);
            aggPos.push_back(QPointF(lon, lat));
        }
        // Aggregation ring, closed through the region's two core routers.
        for (size_t a = 0; a + 1 < agg.size(); ++a)
            addLink(agg[a].front(), agg[a + 1].front(), 10e9);
        if (!agg.empty() && !core[size_t(r)].isEmpty()) {
            addLink(agg.front().front(), core[size_t(r)].first(), 10e9);
            addLink(agg.back().front(), core[size_t(r)].last(), 10e9);
        }
        int serial = 0;
        while (elementSerial < regionEnd) {
            const SiteProfile &profile = profiles[size_t(rng() % profiles.size())];
            const double dist = 0.3 + std::abs(gauss(rng)) * 1.1;
            const double angle = uni(rng) * 2 * M_PI;
            const double lat = kRegions[r].lat + dist * std::sin(angle) * 0.8,
                         lon = kRegions[r].lon + dist * std::cos(angle);
            const QString siteId =
                QStringLiteral("site-%1-%2").arg(code.toLower()).arg(++serial, 5, 10, QLatin1Char('0'));
            const QString siteName = QStringLiteral("%1-%2-%3")
                                         .arg(code, QLatin1String(profile.suffix))
                                         .arg(serial, 4, 10, QLatin1Char('0'));
            addSite(siteId, siteName, r, lat, lon);
            AccessSite site;
            int perCategory[9] = {};
            for (ElementCategory c : profile.elements) {
                if (elementSerial >= regionEnd)
                    break;
                site.elements.push_back(addElement(siteId,
                                                   QStringLiteral("%1-%2%3")
                                                       .arg(siteName, QLatin1String(catCode(c)))
                                                       .arg(++perCategory[int(c)]),
                                                   c, NetworkLayer::Access, r));
            }
            for (size_t k = 1; k < site.elements.size(); ++k)
                addLink(site.elements[0], site.elements[k], 1e9);
            // Uplink from the hub to the nearest aggregation site, dual-homed half of the time.
            if (!agg.empty() && !site.elements.empty()) {
                size_t best = 0, second = 0;
                double bestD = 1e300, secondD = 1e300;
                for (size_t a = 0; a < aggPos.size(); ++a) {
                    const double d = std::hypot(aggPos[a].x() - lon, aggPos[a].y() - lat);
                    if (d < bestD) {
                        second = best;
                        secondD = bestD;
                        best = a;
                        bestD = d;
                    } else if (d < secondD) {
                        second = a;
                        secondD = d;
                    }
                }
                addLink(site.elements[0], agg[best].back(), 10e9);
                if (second != best && uni(rng) < 0.5)
                    addLink(site.elements[0], agg[second].back(), 10e9);
            }
            access[size_t(r)].push_back(std::move(site));
        }
    }

    // Neighbours for the chains below are neighbours on the ground: order each region's access sites
    // in a boustrophedon over a 0.25 degree grid so consecutive sites are close to each other.
    {
        QHash<QString, QPointF> where;
        for (const Site &s : std::as_const(net.sites))
            where.insert(s.id, QPointF(s.longitude, s.latitude));
        QHash<QString, QString> siteOf;
        for (const NetworkElement &e : std::as_const(net.elements))
            siteOf.insert(e.id, e.siteId);
        for (auto &sites : access) {
            const auto order = [&](const AccessSite &a) {
                const QPointF p =
                    a.elements.empty() ? QPointF() : where.value(siteOf.value(a.elements.front()));
                const int row = int(std::floor(p.y() / 0.25));
                return std::make_pair(row, (row % 2 ? -1.0 : 1.0) * p.x());
            };
            std::stable_sort(sites.begin(), sites.end(),
                             [&](const AccessSite &a, const AccessSite &b) { return order(a) < order(b); });
        }
    }

    // Top up to the wanted link count with microwave/fibre chains between neighbouring access sites
    // and protection links inside sites, as real access networks have.
    const qsizetype wanted = qsizetype(std::llround(total * options.linkFactor));
    for (int guard = 0; net.links.size() < wanted && guard < total * 10; ++guard) {
        const int r = int(rng() % unsigned(regions));
        auto &sites = access[size_t(r)];
        if (sites.size() < 2)
            continue;
        const size_t s = rng() % sites.size();
        const auto &a = sites[s].elements;
        if (a.empty())
            continue;
        if (uni(rng) < 0.7) {
            const auto &b = sites[(s + 1) % sites.size()].elements;
            if (!b.empty())
                addLink(a.front(), b.front(), 1e9);
        } else if (a.size() > 2) {
            const size_t i = 1 + rng() % (a.size() - 1), j = 1 + rng() % (a.size() - 1);
            if (i != j)
                addLink(a[i], a[j], 1e9);
        }
    }

    // Imperfect inventory, on request.
    if (options.elementsWithoutSite > 0) {
        const int count = int(net.elements.size() * options.elementsWithoutSite);
        for (int k = 0; k < count; ++k) {
            NetworkElement &e = net.elements[qsizetype(rng() % unsigned(net.elements.size()))];
            e.siteId = (k % 2) ? QString() : QStringLiteral("site-not-in-inventory");
        }
    }
    if (options.sitesWithoutCoordinates > 0) {
        const int count = int(net.sites.size() * options.sitesWithoutCoordinates);
        for (int k = 0; k < count; ++k) {
            Site &s = net.sites[qsizetype(rng() % unsigned(net.sites.size()))];
            s.latitude = std::nan("");
            s.longitude = std::nan("");
        }
    }
    if (options.linksToUnknownElements > 0) {
        const int count = int(net.links.size() * options.linksToUnknownElements);
        for (int k = 0; k < count; ++k) {
            Link &l = net.links[qsizetype(rng() % unsigned(net.links.size()))];
            l.zEndId = QStringLiteral("ne-unknown-%1").arg(k);
        }
    }
    return net;
}

QHash<QString, ElementStatus> generateSeverities(const QList<NetworkElement> &elements, double fraction,
                                                 unsigned seed) {
    QHash<QString, ElementStatus> result;
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> uni(0.0, 1.0);
    for (const NetworkElement &e : elements) {
        if (uni(rng) >= fraction)
            continue;
        const double w = uni(rng);
        ElementStatus status;
        status.worst = w < 0.08   ? Severity::Critical
                       : w < 0.25 ? Severity::Major
                       : w < 0.55 ? Severity::Minor
                                  : Severity::Warning;
        status.linkDown = w < 0.016;
        result.insert(e.id, status);
    }
    return result;
}

} // namespace noc
