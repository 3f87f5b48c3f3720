#include "simulator.h"

#include "json_text.h"

#include "query.h"
#include "server_p.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace noc::opsim {

namespace {

struct Region {
    const char *code, *name;
    double lat, lon;
    const char *districts[8];
};

const Region kRegions[] = {
    {"BJ", "Beijing", 39.90, 116.40, {"HD", "CY", "DC", "XC", "FT", "SJS", "TZ", "CP"}},
    {"SH", "Shanghai", 31.23, 121.47, {"PD", "HP", "JA", "XH", "MH", "BS", "YP", "JD"}},
    {"GZ", "Guangzhou", 23.13, 113.26, {"TH", "YX", "HZ", "BY", "PY", "LW", "ZC", "HD"}},
    {"SZ", "Shenzhen", 22.54, 114.06, {"FT", "NS", "LH", "BA", "LG", "YT", "GM", "PS"}},
    {"CD", "Chengdu", 30.57, 104.07, {"JJ", "QY", "JN", "WH", "CH", "LQ", "XD", "PD"}},
    {"WH", "Wuhan", 30.59, 114.30, {"JA", "JH", "QK", "HY", "WC", "QS", "HS", "CD"}},
    {"XA", "Xian", 34.34, 108.94, {"XC", "BL", "LH", "YT", "WY", "CA", "GL", "LT"}},
    {"HZ", "Hangzhou", 30.27, 120.15, {"SC", "XH", "BJ", "GS", "XS", "YH", "FY", "LA"}},
    {"NJ", "Nanjing", 32.06, 118.80, {"XW", "QH", "GL", "JY", "YH", "PK", "QX", "JN"}},
    {"CQ", "Chongqing", 29.56, 106.55, {"YZ", "JB", "SP", "JL", "NA", "BB", "YB", "BN"}},
};

struct Hardware {
    const char *vendor, *model;
};

const Hardware kCoreRouters[] = {{"Huawei", "NE5000E"}, {"Cisco", "CRS-X"}, {"Juniper", "PTX10008"}};
const Hardware kAggRouters[] = {{"Huawei", "NE40E-X8"}, {"ZTE", "ZXR10 M6000-18S"}, {"Cisco", "ASR 9906"}};

struct AccessKind {
    const char *category, *code;
    int weight;
    Hardware hw[3];
};

const AccessKind kAccess[] = {
    {"switch", "SW", 30, {{"Huawei", "S6730-H"}, {"ZTE", "ZXR10 5960"}, {"H3C", "S6850"}}},
    {"olt", "OLT", 20, {{"Huawei", "MA5800-X17"}, {"ZTE", "TITAN C600"}, {"FiberHome", "AN6000-17"}}},
    {"bts", "BTS", 30, {{"Huawei", "BBU5900"}, {"ZTE", "V9200"}, {"Ericsson", "Baseband 6630"}}},
    {"microwave",
     "MW",
     8,
     {{"Huawei", "OptiX RTN 950A"}, {"Ericsson", "MINI-LINK 6651"}, {"NEC", "iPASOLINK VR"}}},
    {"firewall", "FW", 4, {{"Huawei", "USG6650"}, {"Hillstone", "SG-6000-X7180"}, {"H3C", "SecPath F5080"}}},
    {"server", "SRV", 4, {{"Inspur", "NF5280M6"}, {"Huawei", "2288H V5"}, {"Lenovo", "SR650"}}},
    {"power", "PWR", 4, {{"Emerson", "NetSure 701"}, {"Huawei", "ETP48200"}, {"ZTE", "ZXDU68"}}},
};

// X.733 flavoured background alarms.
struct CauseDef {
    const char *alarmType, *probableCause, *severity, *problem;
    bool serviceAffecting;
    int weight;
};

const CauseDef kCauses[] = {
    {"communicationsAlarm", "lossOfSignal", "major", "LOS on optical port", true, 10},
    {"communicationsAlarm", "linkDown", "major", "Interface down", true, 14},
    {"communicationsAlarm", "degradedSignal", "minor", "Optical receive power below threshold", false, 10},
    {"environmentalAlarm", "highTemperature", "minor", "Board temperature above 75C", false, 12},
    {"equipmentAlarm", "powerSupplyFailure", "major", "Power supply unit 2 failed", false, 6},
    {"equipmentAlarm", "fanFailure", "minor", "Fan tray 1 speed abnormal", false, 8},
    {"equipmentAlarm", "equipmentMalfunction", "critical", "Line card not responding", true, 3},
    {"qualityOfServiceAlarm", "thresholdCrossed", "warning", "CPU utilisation above 90%", false, 14},
    {"qualityOfServiceAlarm", "congestion", "minor", "Packet loss above 1% on uplink", false, 8},
    {"processingErrorAlarm", "softwareError", "minor", "Process restarted unexpectedly", false, 6},
    {"securityService", "authenticationFailure", "warning", "Repeated SSH login failures", false, 5},
    {"timeDomainViolation", "timingProblem", "major", "PTP clock source lost", false, 2},
    {"integrityViolation", "duplicateInformation", "warning", "Duplicate IP address detected", false, 2},
};

const char *kEngineers[][2] = {
    {"zhang.wei", "Zhang Wei"}, {"li.na", "Li Na"},       {"wang.fang", "Wang Fang"},
    {"liu.yang", "Liu Yang"},   {"chen.jie", "Chen Jie"}, {"yang.min", "Yang Min"},
    {"zhao.lei", "Zhao Lei"},   {"huang.li", "Huang Li"},
};

// A ticket's assignment: the assignee and the field team of the element's region.
void appendAssignment(QJsonArray &parties, const QString &userId, const QString &userName,
                      const QString &region) {
    parties.append(QJsonObject{{QStringLiteral("id"), userId},
                               {QStringLiteral("name"), userName},
                               {QStringLiteral("role"), QStringLiteral("assignee")},
                               {QStringLiteral("@referredType"), QStringLiteral("Individual")}});
    parties.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("team-%1-field").arg(region)},
                               {QStringLiteral("name"), QStringLiteral("%1 field operations").arg(region)},
                               {QStringLiteral("role"), QStringLiteral("team")},
                               {QStringLiteral("@referredType"), QStringLiteral("Team")}});
}

QJsonObject characteristic(const QString &name, const QJsonValue &value) {
    const char *type = value.isDouble() ? "number" : "string";
    return {{QStringLiteral("name"), name},
            {QStringLiteral("valueType"), QLatin1String(type)},
            {QStringLiteral("value"), value}};
}

QString capitalised(const QString &s) {
    return s.isEmpty() ? s : s.left(1).toUpper() + s.mid(1);
}

} // namespace

Simulator::Simulator(ServerPrivate *d, quint64 seed, int elements)
    : d(d)
    , m_seed(seed)
    , m_target(qBound(12, elements, 100000))
    , m_rng(seed) {}

qint64 Simulator::secs(int seconds) const {
    return qMax<qint64>(1, qint64(seconds * 1000.0 * m_timeScale));
}

int Simulator::randomInt(int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(m_rng);
}

double Simulator::random01() {
    return std::uniform_real_distribution<double>(0, 1)(m_rng);
}

void Simulator::build() {
    m_rng.seed(m_seed);
    m_elements.clear();
    m_sites.clear();
    m_links.clear();
    const int regions = qBound(2, m_target / 400, 10);
    const int districts = qBound(1, m_target / (regions * 250), 8);
    const int aggPerRing = 4;
    const int fixed = regions * (2 + districts * aggPerRing);
    const int access = qMax(0, m_target - fixed);

    auto addSite = [&](const QString &region, const QString &name, double lat, double lon,
                       const QString &addr) {
        SimSite s;
        s.id = QStringLiteral("SITE-%1").arg(m_sites.size() + 1, 5, 10, QLatin1Char('0'));
        s.name = name;
        s.region = region;
        s.lat = std::round(lat * 1e5) / 1e5;
        s.lon = std::round(lon * 1e5) / 1e5;
        s.address = addr;
        m_sites.push_back(s);
        return int(m_sites.size() - 1);
    };
    auto addElement = [&](const QString &name, const char *category, const char *layer, const Hardware &hw,
                          const QString &region, int site, const QString &ip) {
        SimElement e;
        e.id = QStringLiteral("NE-%1").arg(m_elements.size() + 1, 6, 10, QLatin1Char('0'));
        e.name = name;
        e.category = QLatin1String(category);
        e.layer = QLatin1String(layer);
        e.vendor = QLatin1String(hw.vendor);
        e.model = QLatin1String(hw.model);
        e.region = region;
        e.site = site;
        e.mgmtIp = ip;
        m_elements.push_back(e);
        m_sites[size_t(site)].elements.push_back(int(m_elements.size() - 1));
        return int(m_elements.size() - 1);
    };
    auto addLink = [&](int a, int z, qint64 capacity, const QString &aPort, const QString &zPort) {
        SimLink l;
        l.id = QStringLiteral("LNK-%1").arg(m_links.size() + 1, 6, 10, QLatin1Char('0'));
        l.a = a;
        l.z = z;
        l.capacityBps = capacity;
        l.utilization = std::round((0.05 + 0.8 * random01()) * 1000) / 1000;
        l.aPort = aPort;
        l.zPort = zPort;
        l.name = m_elements[size_t(a)].name + QStringLiteral("--") + m_elements[size_t(z)].name;
        m_links.push_back(l);
        return int(m_links.size() - 1);
    };
    auto linkChild = [&](int parent, int child, qint64 capacity, const QString &aPort, const QString &zPort) {
        const int l = addLink(parent, child, capacity, aPort, zPort);
        m_elements[size_t(child)].parent = parent;
        m_elements[size_t(child)].uplink = l;
        m_elements[size_t(parent)].children.push_back(child);
    };

    std::vector<int> cores;
    std::vector<std::vector<int>> ringOfDistrict;
    std::vector<int> districtRegion;
    std::vector<std::pair<double, double>> districtCentre;
    for (int r = 0; r < regions; ++r) {
        const Region &reg = kRegions[r];
        const QString rc = QLatin1String(reg.code);
        int c1 = -1;
        for (int k = 1; k <= 2; ++k) {
            const int site =
                addSite(rc, QStringLiteral("%1-IDC-%2").arg(rc).arg(k, 2, 10, QLatin1Char('0')),
                        reg.lat + 0.02 * (k - 1.5), reg.lon + 0.03 * (k - 1.5),
                        QStringLiteral("%1 core data centre %2").arg(QLatin1String(reg.name)).arg(k));
            const int e = addElement(QStringLiteral("%1-CORE-CR-%2").arg(rc).arg(k, 2, 10, QLatin1Char('0')),
                                     "router", "core", kCoreRouters[(r + k) % 3], rc, site,
                                     QStringLiteral("10.%1.0.%2").arg(r).arg(k));
            cores.push_back(e);
            if (k == 1)
                c1 = e;
            else
                addLink(c1, e, 400'000'000'000LL, QStringLiteral("HundredGigE0/0/0/0"),
                        QStringLiteral("HundredGigE0/0/0/0"));
        }
        for (int dd = 0; dd < districts; ++dd) {
            const QString dc = QLatin1String(reg.districts[dd]);
            const double dlat = reg.lat + (random01() - 0.5) * 0.5, dlon = reg.lon + (random01() - 0.5) * 0.6;
            std::vector<int> ring;
            for (int k = 1; k <= aggPerRing; ++k) {
                const QString name =
                    QStringLiteral("%1-%2-AGG-%3").arg(rc, dc).arg(k, 2, 10, QLatin1Char('0'));
                const int site =
                    addSite(rc,
                            name.left(name.lastIndexOf(QLatin1String("-AGG"))) +
                                QStringLiteral("-HUB-%1").arg(k, 2, 10, QLatin1Char('0')),
                            dlat + (random01() - 0.5) * 0.08, dlon + (random01() - 0.5) * 0.08,
                            QStringLiteral("%1 %2 district hub %3").arg(QLatin1String(reg.name), dc).arg(k));
                ring.push_back(addElement(name, "router", "aggregation", kAggRouters[(dd + k) % 3], rc, site,
                                          QStringLiteral("10.%1.%2.%3").arg(r).arg(dd * 16 + 1).arg(k)));
            }
            for (int k = 0; k < aggPerRing; ++k) {
                if (k == 0)
                    linkChild(c1, ring[0], 100'000'000'000LL, QStringLiteral("HundredGigE0/1/0/%1").arg(dd),
                              QStringLiteral("xe-0/0/0"));
                else
                    linkChild(ring[size_t(k - 1)], ring[size_t(k)], 10'000'000'000LL,
                              QStringLiteral("xe-0/0/1"), QStringLiteral("xe-0/0/0"));
            }
            // close the ring towards the second core router
            addLink(ring.back(), cores.back(), 100'000'000'000LL, QStringLiteral("xe-0/0/1"),
                    QStringLiteral("HundredGigE0/1/0/%1").arg(dd));
            ringOfDistrict.push_back(ring);
            districtRegion.push_back(r);
            districtCentre.push_back({dlat, dlon});
        }
    }
    // core ring across regions
    for (int r = 0; r < regions && regions > 1; ++r) {
        const int a = cores[size_t(2 * r)], z = cores[size_t(2 * ((r + 1) % regions) + 1)];
        addLink(a, z, 400'000'000'000LL, QStringLiteral("HundredGigE0/2/0/0"),
                QStringLiteral("HundredGigE0/2/0/1"));
    }
    // access elements spread over districts, grouped into sites of 1..4
    const int totalWeight = [] {
        int w = 0;
        for (const AccessKind &k : kAccess)
            w += k.weight;
        return w;
    }();
    const int districtCount = int(ringOfDistrict.size());
    std::vector<int> counter(size_t(districtCount) * 8, 0);
    std::vector<int> lastMicrowave(size_t(districtCount), -1);
    int site = -1, siteLeft = 0, siteDistrict = -1;
    for (int i = 0; i < access; ++i) {
        const int dist = int((qint64(i) * districtCount) / qMax(1, access));
        const int r = districtRegion[size_t(dist)];
        const Region &reg = kRegions[r];
        const QString rc = QLatin1String(reg.code);
        const QString dc = QLatin1String(reg.districts[dist % districts]);
        if (siteLeft == 0 || siteDistrict != dist) {
            const auto [clat, clon] = districtCentre[size_t(dist)];
            siteLeft = randomInt(1, 4);
            siteDistrict = dist;
            const int n = ++counter[size_t(dist) * 8 + 7];
            site = addSite(rc, QStringLiteral("%1-%2-S%3").arg(rc, dc).arg(n, 4, 10, QLatin1Char('0')),
                           clat + (random01() - 0.5) * 0.12, clon + (random01() - 0.5) * 0.14,
                           QStringLiteral("%1 %2 access site %3").arg(QLatin1String(reg.name), dc).arg(n));
        }
        --siteLeft;
        int pick = randomInt(0, totalWeight - 1), kind = 0;
        while (pick >= kAccess[kind].weight) {
            pick -= kAccess[kind].weight;
            ++kind;
        }
        const AccessKind &ak = kAccess[kind];
        const int n = ++counter[size_t(dist) * 8 + size_t(kind)];
        const QString name =
            QStringLiteral("%1-%2-%3-%4").arg(rc, dc, QLatin1String(ak.code)).arg(n, 4, 10, QLatin1Char('0'));
        const int idx = i + 1;
        const QString ip = QStringLiteral("10.%1.%2.%3")
                               .arg(r)
                               .arg((dist % districts) * 16 + 2 + (idx / 250) % 14)
                               .arg(idx % 250 + 1);
        const int e = addElement(name, ak.category, "access", ak.hw[randomInt(0, 2)], rc, site, ip);
        const auto &ring = ringOfDistrict[size_t(dist)];
        if (qstrcmp(ak.category, "bts") == 0 && lastMicrowave[size_t(dist)] >= 0 && random01() < 0.4) {
            linkChild(lastMicrowave[size_t(dist)], e, 1'000'000'000LL, QStringLiteral("RF-1/%1").arg(n % 8),
                      QStringLiteral("GE0/0/1"));
        } else {
            const int agg = ring[size_t(randomInt(0, int(ring.size()) - 1))];
            const bool fast = qstrcmp(ak.category, "olt") == 0 || qstrcmp(ak.category, "server") == 0;
            linkChild(agg, e, fast ? 10'000'000'000LL : 1'000'000'000LL,
                      QStringLiteral("GE1/0/%1").arg(m_elements[size_t(agg)].children.size()),
                      QStringLiteral("GE0/0/1"));
        }
        if (qstrcmp(ak.category, "microwave") == 0)
            lastMicrowave[size_t(dist)] = e;
    }
}

QJsonObject Simulator::elementJson(int i, const QString &now) const {
    const SimElement &e = m_elements[size_t(i)];
    const SimSite &s = m_sites[size_t(e.site)];
    QJsonArray ch{
        characteristic(QStringLiteral("vendor"), e.vendor), characteristic(QStringLiteral("model"), e.model),
        characteristic(QStringLiteral("mgmtIp"), e.mgmtIp), characteristic(QStringLiteral("layer"), e.layer),
        characteristic(QStringLiteral("region"), e.region)};
    return {
        {QStringLiteral("id"), e.id},
        {QStringLiteral("href"), d->resourceHref(e.id)},
        {QStringLiteral("@type"), QStringLiteral("PhysicalResource")},
        {QStringLiteral("@baseType"), QStringLiteral("Resource")},
        {QStringLiteral("name"), e.name},
        {QStringLiteral("category"), e.category},
        {QStringLiteral("description"), QStringLiteral("%1 %2 (%3)").arg(e.vendor, e.model, e.layer)},
        {QStringLiteral("serialNumber"), QStringLiteral("SN%1%2")
                                             .arg(e.vendor.left(2).toUpper())
                                             .arg(qHash(e.id) % 100000000, 8, 10, QLatin1Char('0'))},
        {QStringLiteral("resourceCharacteristic"), ch},
        {QStringLiteral("operationalState"), e.up ? QStringLiteral("enable") : QStringLiteral("disable")},
        {QStringLiteral("administrativeState"), QStringLiteral("unlocked")},
        {QStringLiteral("resourceStatus"), e.up ? QStringLiteral("available") : QStringLiteral("alarm")},
        {QStringLiteral("usageState"), QStringLiteral("active")},
        {QStringLiteral("place"),
         QJsonObject{{QStringLiteral("id"), s.id},
                     {QStringLiteral("href"), d->resourceHref(s.id)},
                     {QStringLiteral("name"), s.name},
                     {QStringLiteral("role"), QStringLiteral("installedAt")},
                     {QStringLiteral("@referredType"), QStringLiteral("GeographicSite")}}},
        {QStringLiteral("lastUpdate"), now},
    };
}

QJsonObject Simulator::siteJson(int i, const QString &now) const {
    const SimSite &s = m_sites[size_t(i)];
    QJsonArray ch{characteristic(QStringLiteral("latitude"), s.lat),
                  characteristic(QStringLiteral("longitude"), s.lon),
                  characteristic(QStringLiteral("region"), s.region),
                  characteristic(QStringLiteral("address"), s.address)};
    return {
        {QStringLiteral("id"), s.id},
        {QStringLiteral("href"), d->resourceHref(s.id)},
        {QStringLiteral("@type"), QStringLiteral("Resource")},
        {QStringLiteral("name"), s.name},
        {QStringLiteral("category"), QStringLiteral("site")},
        {QStringLiteral("resourceCharacteristic"), ch},
        {QStringLiteral("operationalState"), QStringLiteral("enable")},
        {QStringLiteral("administrativeState"), QStringLiteral("unlocked")},
        {QStringLiteral("lastUpdate"), now},
    };
}

QJsonObject Simulator::linkJson(int i, const QString &now) const {
    const SimLink &l = m_links[size_t(i)];
    const SimElement &a = m_elements[size_t(l.a)], &z = m_elements[size_t(l.z)];
    auto end = [&](const char *type, const SimElement &e) {
        return QJsonObject{
            {QStringLiteral("relationshipType"), QLatin1String(type)},
            {QStringLiteral("resource"), QJsonObject{{QStringLiteral("id"), e.id},
                                                     {QStringLiteral("href"), d->resourceHref(e.id)},
                                                     {QStringLiteral("name"), e.name}}}};
    };
    const bool radio = a.category == QLatin1String("microwave");
    QJsonArray ch{characteristic(QStringLiteral("capacityBps"), double(l.capacityBps)),
                  characteristic(QStringLiteral("utilization"), l.utilization),
                  characteristic(QStringLiteral("aPort"), l.aPort),
                  characteristic(QStringLiteral("zPort"), l.zPort),
                  characteristic(QStringLiteral("medium"),
                                 radio ? QStringLiteral("microwave") : QStringLiteral("fibre"))};
    const bool up = a.up && z.up;
    return {
        {QStringLiteral("id"), l.id},
        {QStringLiteral("href"), d->resourceHref(l.id)},
        {QStringLiteral("@type"), QStringLiteral("LogicalResource")},
        {QStringLiteral("@baseType"), QStringLiteral("Resource")},
        {QStringLiteral("name"), l.name},
        {QStringLiteral("category"), QStringLiteral("link")},
        {QStringLiteral("resourceRelationship"), QJsonArray{end("aEnd", a), end("zEnd", z)}},
        {QStringLiteral("resourceCharacteristic"), ch},
        {QStringLiteral("operationalState"), up ? QStringLiteral("enable") : QStringLiteral("disable")},
        {QStringLiteral("administrativeState"), QStringLiteral("unlocked")},
        {QStringLiteral("lastUpdate"), now},
    };
}

void Simulator::writeResources() {
    const QString now = isoNow();
    d->store.begin();
    for (int i = 0; i < int(m_sites.size()); ++i)
        d->store.put(Kind::Resource, siteJson(i, now), 1);
    for (int i = 0; i < int(m_elements.size()); ++i)
        d->store.put(Kind::Resource, elementJson(i, now), 1);
    for (int i = 0; i < int(m_links.size()); ++i)
        d->store.put(Kind::Resource, linkJson(i, now), 1);
    d->store.commit();
}

void Simulator::loadOpenAlarms() {
    QHash<QString, int> byId;
    for (int i = 0; i < int(m_elements.size()); ++i)
        byId.insert(m_elements[size_t(i)].id, i);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const Record &r : d->store.select(Kind::Alarm, QStringLiteral("state <> 'cleared'"), {}, 2000000)) {
        const QString id = r.json.value(QLatin1String("id")).toString();
        OpenAlarm oa;
        oa.element = byId.value(jsonPath(r.json, QStringLiteral("alarmedObject.id")).toString(), -1);
        oa.clearAt = now + secs(randomInt(30, 600));
        m_open.insert(id, oa);
        m_openIds << id;
        m_autoClear.emplace(oa.clearAt, id);
    }
}

const Simulator::Cause &Simulator::randomCause() {
    static const std::vector<Cause> causes = [] {
        std::vector<Cause> v;
        for (const CauseDef &c : kCauses)
            v.push_back({c.alarmType, c.probableCause, c.severity, c.problem, c.serviceAffecting, c.weight});
        return v;
    }();
    static const int total = [] {
        int t = 0;
        for (const CauseDef &c : kCauses)
            t += c.weight;
        return t;
    }();
    int pick = randomInt(0, total - 1);
    for (const Cause &c : causes) {
        if (pick < c.weight)
            return c;
        pick -= c.weight;
    }
    return causes.front();
}

QJsonObject Simulator::makeAlarm(const QString &id, int element, const Cause &cause, const QString &severity,
                                 qint64 raisedMs) const {
    const SimElement &e = m_elements[size_t(element)];
    const SimSite &s = m_sites[size_t(e.site)];
    const QString t = isoTime(raisedMs);
    return {
        {QStringLiteral("id"), id},
        {QStringLiteral("href"), d->alarmHref(id)},
        {QStringLiteral("@type"), QStringLiteral("Alarm")},
        {QStringLiteral("externalAlarmId"),
         QStringLiteral("%1:%2").arg(e.mgmtIp).arg(id.mid(4).toLongLong())},
        {QStringLiteral("state"), QStringLiteral("raised")},
        {QStringLiteral("perceivedSeverity"), severity},
        {QStringLiteral("alarmType"), QLatin1String(cause.alarmType)},
        {QStringLiteral("probableCause"), QLatin1String(cause.probableCause)},
        {QStringLiteral("specificProblem"), QLatin1String(cause.problem)},
        {QStringLiteral("alarmedObjectType"), e.category},
        {QStringLiteral("alarmedObject"),
         QJsonObject{{QStringLiteral("id"), e.id}, {QStringLiteral("href"), d->resourceHref(e.id)}}},
        {QStringLiteral("sourceSystemId"), QStringLiteral("EMS-%1-%2").arg(e.region, e.vendor)},
        {QStringLiteral("reportingSystemId"), QStringLiteral("opsim")},
        {QStringLiteral("alarmDetails"),
         QStringLiteral("%1 %2 at %3").arg(e.name, QLatin1String(cause.problem), s.name)},
        {QStringLiteral("alarmRaisedTime"), t},
        {QStringLiteral("alarmReportingTime"), t},
        {QStringLiteral("alarmChangedTime"), t},
        {QStringLiteral("ackState"), QStringLiteral("unacknowledged")},
        {QStringLiteral("isRootCause"), false},
        {QStringLiteral("serviceAffecting"), cause.serviceAffecting},
        {QStringLiteral("place"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), s.id},
                                {QStringLiteral("href"), d->resourceHref(s.id)},
                                {QStringLiteral("name"), s.name},
                                {QStringLiteral("role"), QStringLiteral("installedAt")},
                                {QStringLiteral("@referredType"), QStringLiteral("GeographicSite")}}}},
    };
}

namespace {

void appendJsonString(QByteArray &out, QAnyStringView text) {
    text.visit([&out](auto view) {
        using View = decltype(view);
        if constexpr (std::is_same_v<View, QLatin1StringView>) {
            const bool ascii = std::all_of(view.begin(), view.end(), [](char c) { return uchar(c) < 0x80; });
            if (ascii)
                appendJsonUtf8(out, QByteArrayView(view.data(), view.size()));
            else
                appendJsonUtf8(out, QByteArrayView(QString(view).toUtf8()));
        } else if constexpr (std::is_same_v<View, QUtf8StringView>) {
            appendJsonUtf8(out, QByteArrayView(view.data(), view.size()));
        } else {
            appendJsonUtf8(out, QByteArrayView(view.toUtf8()));
        }
    });
}

void appendMember(QByteArray &out, const char *key, QAnyStringView value) {
    out += '"';
    out += key;
    out += "\":";
    appendJsonString(out, value);
    out += ',';
}

} // namespace

const Simulator::ElementText &Simulator::elementText(int element) {
    // The parts of a new alarm that depend only on the element and its site, serialised once.
    if (m_elementTexts.size() != m_elements.size())
        m_elementTexts.assign(m_elements.size(), ElementText());
    ElementText &cached = m_elementTexts[size_t(element)];
    if (!cached.fragment.isEmpty())
        return cached;
    const SimElement &e = m_elements[size_t(element)];
    const SimSite &s = m_sites[size_t(e.site)];
    QByteArray out;
    appendMember(out, "alarmedObjectType", e.category);
    out += "\"alarmedObject\":{\"id\":";
    appendJsonString(out, e.id);
    out += ",\"href\":";
    appendJsonString(out, d->resourceHref(e.id));
    out += "},";
    appendMember(out, "sourceSystemId", QStringLiteral("EMS-%1-%2").arg(e.region, e.vendor));
    out += "\"place\":[{\"@referredType\":\"GeographicSite\",\"href\":";
    appendJsonString(out, d->resourceHref(s.id));
    out += ",\"id\":";
    appendJsonString(out, s.id);
    out += ",\"name\":";
    appendJsonString(out, s.name);
    out += ",\"role\":\"installedAt\"}],";
    cached.fragment = out;
    cached.name = e.name.toUtf8();
    cached.siteName = s.name.toUtf8();
    cached.mgmtIp = e.mgmtIp.toUtf8();
    cached.id8 = e.id.toUtf8();
    return cached;
}

const QByteArray &Simulator::timeText(qint64 ms) {
    // Every alarm of a tick has the same time: format it once per tick, not per alarm.
    if (ms != m_timeTextMs || m_timeText.isEmpty()) {
        m_timeTextMs = ms;
        m_timeText = isoTime(ms).toUtf8();
    }
    return m_timeText;
}

QString Simulator::raise(int element, const Cause &cause, qint64 nowMs, qint64 clearAfterMs, bool root,
                         const QString &parent) {
    const qint64 number = d->nextAlarm;
    const QByteArray id8 = d->newAlarmIdLatin1();
    const QString id = QString::fromLatin1(id8);
    if (!root && parent.isEmpty()) {
        // The storm path: the same record as makeAlarm() describes, written as JSON text directly
        // (building a QJsonObject and serialising it was 40 % of opsim's time per alarm in a storm),
        // from UTF-8 parts cached per element and per tick, into one buffer (no temporaries).
        const ElementText &e = elementText(element);
        const QByteArray &t = timeText(nowMs);
        if (m_alarmHrefPrefix.isEmpty())
            m_alarmHrefPrefix = d->alarmHref(QString()).toUtf8();
        const QByteArrayView severity(cause.severity);
        QByteArray json;
        json.reserve(e.fragment.size() + e.name.size() + e.siteName.size() + m_alarmHrefPrefix.size() + 640);
        json += "{\"@type\":\"Alarm\",\"ackState\":\"unacknowledged\",\"alarmChangedTime\":";
        appendJsonUtf8(json, t);
        json += ",\"alarmDetails\":\"";
        appendJsonEscaped(json, e.name);
        json += ' ';
        appendJsonEscaped(json, QByteArrayView(cause.problem));
        json += " at ";
        appendJsonEscaped(json, e.siteName);
        json += "\",\"alarmRaisedTime\":";
        appendJsonUtf8(json, t);
        json += ",\"alarmReportingTime\":";
        appendJsonUtf8(json, t);
        json += ",\"alarmType\":";
        appendJsonUtf8(json, QByteArrayView(cause.alarmType));
        json += ',';
        json += e.fragment;
        json += "\"externalAlarmId\":\"";
        appendJsonEscaped(json, e.mgmtIp);
        json += ':';
        json += QByteArray::number(number);
        json += "\",\"href\":\"";
        appendJsonEscaped(json, m_alarmHrefPrefix);
        json += id8;
        json += "\",\"id\":\"";
        json += id8;
        json += "\",\"isRootCause\":false,\"perceivedSeverity\":";
        appendJsonUtf8(json, severity);
        json += ",\"probableCause\":";
        appendJsonUtf8(json, QByteArrayView(cause.probableCause));
        json += ",\"reportingSystemId\":\"opsim\",";
        json += cause.serviceAffecting ? "\"serviceAffecting\":true," : "\"serviceAffecting\":false,";
        json += "\"specificProblem\":";
        appendJsonUtf8(json, QByteArrayView(cause.problem));
        json += ",\"state\":\"raised\"}";
        // In the order of the store's alarm columns (store.cpp kSpecs).
        const std::vector<ColumnValue> columns{{"raised"},
                                               {severity},
                                               {"unacknowledged"},
                                               {QByteArrayView(cause.alarmType)},
                                               {QByteArrayView(cause.probableCause)},
                                               {e.id8},
                                               {t},
                                               {t},
                                               ColumnValue::number(0),
                                               ColumnValue::number(cause.serviceAffecting ? 1 : 0)};
        d->saveAlarmText(id8, columns, json, 1, "AlarmCreateEvent", t);
    } else {
        QJsonObject a = makeAlarm(id, element, cause, QLatin1String(cause.severity), nowMs);
        if (root) {
            a.insert(QStringLiteral("isRootCause"), true);
            a.insert(QStringLiteral("serviceAffecting"), true);
        }
        if (!parent.isEmpty())
            a.insert(QStringLiteral("parentAlarm"),
                     QJsonArray{QJsonObject{{QStringLiteral("id"), parent},
                                            {QStringLiteral("href"), d->alarmHref(parent)}}});
        d->saveAlarm(a, 1, "AlarmCreateEvent");
    }
    OpenAlarm oa;
    oa.element = element;
    oa.clearAt = clearAfterMs > 0 ? nowMs + clearAfterMs : 0;
    m_open.insert(id, oa);
    m_openIds << id;
    if (oa.clearAt)
        m_autoClear.emplace(oa.clearAt, id);
    return id;
}

void Simulator::clear(const QString &id, qint64 nowMs) {
    m_open.remove(id);
    const QByteArray &t = timeText(nowMs);
    const QByteArray json = d->store.clearAlarm(id.toLatin1(), t);
    if (!json.isEmpty())
        d->hub->publish("AlarmStateChangeEvent", "alarm", json, t);
}

void Simulator::updateSeverity(const QString &id, qint64 nowMs) {
    auto rec = d->store.get(Kind::Alarm, id);
    if (!rec || rec->json.value(QLatin1String("state")).toString() == QLatin1String("cleared"))
        return;
    static const QStringList ladder = {QStringLiteral("warning"), QStringLiteral("minor"),
                                       QStringLiteral("major"), QStringLiteral("critical")};
    const int cur = qMax(0, ladder.indexOf(rec->json.value(QLatin1String("perceivedSeverity")).toString()));
    const int next = qBound(0, cur + (random01() < 0.6 ? 1 : -1), 3);
    if (next == cur)
        return;
    rec->json.insert(QStringLiteral("perceivedSeverity"), ladder[next]);
    rec->json.insert(QStringLiteral("state"), QStringLiteral("updated"));
    rec->json.insert(QStringLiteral("alarmChangedTime"), isoTime(nowMs));
    d->saveAlarm(rec->json, rec->version + 1, "AlarmAttributeValueChangeEvent");
}

void Simulator::setElementUp(int element, bool up, qint64 nowMs) {
    SimElement &e = m_elements[size_t(element)];
    if (e.up == up)
        return;
    e.up = up;
    auto rec = d->store.get(Kind::Resource, e.id);
    d->saveResource(elementJson(element, isoTime(nowMs)), rec ? rec->version + 1 : 1,
                    "ResourceStateChangeEvent");
}

void Simulator::storm(double rate, int seconds, qint64 nowMs) {
    m_stormRate = rate;
    m_stormUntil = nowMs + qint64(seconds) * 1000;
}

QString Simulator::fibreCut(qint64 nowMs) {
    // a link whose far end carries traffic for others
    std::vector<int> candidates;
    for (int i = 0; i < int(m_links.size()); ++i) {
        const SimLink &l = m_links[size_t(i)];
        if (m_elements[size_t(l.z)].parent == l.a && !m_elements[size_t(l.z)].children.empty())
            candidates.push_back(i);
    }
    if (candidates.empty())
        return {};
    const int li = candidates[size_t(randomInt(0, int(candidates.size()) - 1))];
    const SimLink &l = m_links[size_t(li)];
    static const Cause los{"communicationsAlarm",         "lossOfSignal", "critical",
                           "Fibre cut: LOS on line port", true,           0};
    static const Cause losFar{"communicationsAlarm", "lossOfSignal", "major", "LOS on uplink port", true, 0};
    static const Cause down{"communicationsAlarm",           "linkDown", "major",
                            "Uplink down, element isolated", true,       0};
    Job job;
    job.type = Job::FibreCut;
    job.link = li;
    job.at = nowMs + secs(randomInt(60, 240));
    d->store.begin();
    job.root = raise(l.a, los, nowMs, 0, true);
    job.children << raise(l.z, losFar, nowMs, 0, false, job.root);
    std::vector<int> stack(m_elements[size_t(l.z)].children.begin(), m_elements[size_t(l.z)].children.end());
    while (!stack.empty() && job.children.size() < 200) {
        const int e = stack.back();
        stack.pop_back();
        job.children << raise(e, down, nowMs, 0, false, job.root);
        for (int c : m_elements[size_t(e)].children)
            stack.push_back(c);
    }
    // the root lists its correlated children
    if (auto rec = d->store.get(Kind::Alarm, job.root)) {
        QJsonArray corr;
        for (const QString &c : job.children)
            corr.append(QJsonObject{{QStringLiteral("id"), c}, {QStringLiteral("href"), d->alarmHref(c)}});
        rec->json.insert(QStringLiteral("correlatedAlarm"), corr);
        rec->json.insert(QStringLiteral("alarmChangedTime"), isoTime(nowMs));
        d->saveAlarm(rec->json, rec->version + 1, "AlarmAttributeValueChangeEvent");
    }
    m_links[size_t(li)].utilization = 0;
    if (auto rec = d->store.get(Kind::Resource, l.id)) {
        QJsonObject lj = linkJson(li, isoTime(nowMs));
        lj.insert(QStringLiteral("operationalState"), QStringLiteral("disable"));
        d->saveResource(lj, rec->version + 1, "ResourceStateChangeEvent");
    }
    openTicket(job.root, nowMs);
    d->store.commit();
    m_jobs.push_back(job);
    return job.root;
}

QString Simulator::powerFailure(qint64 nowMs) {
    std::vector<int> candidates;
    for (int i = 0; i < int(m_sites.size()); ++i) {
        if (m_sites[size_t(i)].elements.size() >= 2)
            candidates.push_back(i);
    }
    if (candidates.empty())
        candidates.push_back(0);
    const int si = candidates[size_t(randomInt(0, int(candidates.size()) - 1))];
    const SimSite &s = m_sites[size_t(si)];
    static const Cause mains{"environmentalAlarm",
                             "powerSupplyFailure",
                             "critical",
                             "Mains failure, batteries exhausted",
                             true,
                             0};
    static const Cause down{"equipmentAlarm", "powerProblem", "major", "Element lost power", true, 0};
    Job job;
    job.type = Job::Power;
    job.site = si;
    job.at = nowMs + secs(randomInt(90, 300));
    d->store.begin();
    job.root = raise(s.elements.front(), mains, nowMs, 0, true);
    for (size_t k = 1; k < s.elements.size(); ++k)
        job.children << raise(s.elements[k], down, nowMs, 0, false, job.root);
    for (int e : s.elements) {
        setElementUp(e, false, nowMs);
        job.downElements.push_back(e);
    }
    if (auto rec = d->store.get(Kind::Alarm, job.root)) {
        QJsonArray corr;
        for (const QString &c : job.children)
            corr.append(QJsonObject{{QStringLiteral("id"), c}, {QStringLiteral("href"), d->alarmHref(c)}});
        if (!corr.isEmpty()) {
            rec->json.insert(QStringLiteral("correlatedAlarm"), corr);
            d->saveAlarm(rec->json, rec->version + 1, "AlarmAttributeValueChangeEvent");
        }
    }
    openTicket(job.root, nowMs);
    d->store.commit();
    m_jobs.push_back(job);
    return job.root;
}

QString Simulator::flap(qint64 nowMs) {
    if (m_links.empty())
        return {};
    const int li = randomInt(0, int(m_links.size()) - 1);
    static const Cause down{"communicationsAlarm", "linkDown", "major", "Interface flapping", true, 0};
    Job job;
    job.type = Job::Flap;
    job.link = li;
    job.remaining = randomInt(4, 8);
    job.root = raise(m_links[size_t(li)].a, down, nowMs, 0);
    job.at = nowMs + secs(randomInt(2, 5));
    m_jobs.push_back(job);
    return job.root;
}

void Simulator::runJobs(qint64 nowMs) {
    static const Cause down{"communicationsAlarm", "linkDown", "major", "Interface flapping", true, 0};
    for (size_t i = 0; i < m_jobs.size();) {
        Job &j = m_jobs[i];
        if (j.at > nowMs) {
            ++i;
            continue;
        }
        bool done = true;
        if (j.type == Job::Flap) {
            if (m_open.contains(j.root)) {
                clear(j.root, nowMs);
                done = j.remaining-- <= 0;
            } else {
                j.root = raise(m_links[size_t(j.link)].a, down, nowMs, 0);
                done = false;
            }
            j.at = nowMs + secs(randomInt(2, 6));
        } else {
            for (const QString &c : j.children)
                clear(c, nowMs);
            clear(j.root, nowMs);
            for (int e : j.downElements)
                setElementUp(e, true, nowMs);
            if (j.type == Job::FibreCut) {
                m_links[size_t(j.link)].utilization = std::round((0.05 + 0.8 * random01()) * 1000) / 1000;
                if (auto rec = d->store.get(Kind::Resource, m_links[size_t(j.link)].id))
                    d->saveResource(linkJson(j.link, isoTime(nowMs)), rec->version + 1,
                                    "ResourceStateChangeEvent");
            }
        }
        if (done)
            m_jobs.erase(m_jobs.begin() + qptrdiff(i));
        else
            ++i;
    }
}

void Simulator::openTicket(const QString &rootAlarm, qint64 nowMs) {
    auto rec = d->store.get(Kind::Alarm, rootAlarm);
    if (!rec)
        return;
    const QJsonObject &a = rec->json;
    const QString severity = a.value(QLatin1String("perceivedSeverity")).toString();
    const QString priority = priorityForSeverity(severity);
    const QString elementId = jsonPath(a, QStringLiteral("alarmedObject.id")).toString();
    QString elementName = elementId;
    for (const SimElement &e : m_elements) {
        if (e.id == elementId) {
            elementName = e.name;
            break;
        }
    }
    const QString id = d->newTicketId();
    const QString t = isoTime(nowMs);
    QJsonObject tt{
        {QStringLiteral("id"), id},
        {QStringLiteral("href"), d->ticketHref(id)},
        {QStringLiteral("@type"), QStringLiteral("TroubleTicket")},
        {QStringLiteral("name"),
         QStringLiteral("%1 at %2").arg(a.value(QLatin1String("probableCause")).toString(), elementName)},
        {QStringLiteral("description"), a.value(QLatin1String("alarmDetails")).toString()},
        {QStringLiteral("severity"), capitalised(severity)},
        {QStringLiteral("priority"), priority},
        {QStringLiteral("ticketType"), QStringLiteral("incident")},
        {QStringLiteral("status"), QStringLiteral("acknowledged")},
        {QStringLiteral("statusChangeDate"), t},
        {QStringLiteral("statusChangeReason"),
         QStringLiteral("Opened by correlation for a service-affecting root cause")},
        {QStringLiteral("creationDate"), t},
        {QStringLiteral("lastUpdate"), t},
        {QStringLiteral("expectedResolutionDate"), isoTime(nowMs + slaMsForPriority(priority))},
        {QStringLiteral("statusChange"),
         QJsonArray{QJsonObject{{QStringLiteral("changeDate"), t},
                                {QStringLiteral("changeReason"), QStringLiteral("opened")},
                                {QStringLiteral("status"), QStringLiteral("acknowledged")}}}},
        {QStringLiteral("relatedEntity"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), rootAlarm},
                                {QStringLiteral("href"), d->alarmHref(rootAlarm)},
                                {QStringLiteral("name"), a.value(QLatin1String("probableCause")).toString()},
                                {QStringLiteral("role"), QStringLiteral("rootCause")},
                                {QStringLiteral("@referredType"), QStringLiteral("Alarm")}},
                    QJsonObject{{QStringLiteral("id"), elementId},
                                {QStringLiteral("href"), d->resourceHref(elementId)},
                                {QStringLiteral("name"), elementName},
                                {QStringLiteral("role"), QStringLiteral("affectedResource")},
                                {QStringLiteral("@referredType"), QStringLiteral("PhysicalResource")}}}},
        {QStringLiteral("relatedParty"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("opsim-correlator")},
                                {QStringLiteral("name"), QStringLiteral("opsim correlation engine")},
                                {QStringLiteral("role"), QStringLiteral("reporter")},
                                {QStringLiteral("@referredType"), QStringLiteral("Individual")}}}},
    };
    d->saveTicket(tt, 1, "TroubleTicketCreateEvent");
    m_ticketJobs.insert(id, {rootAlarm, nowMs + secs(randomInt(5, 20))});
    if (m_open.contains(rootAlarm))
        m_open[rootAlarm].ticket = id;
}

void Simulator::progressTickets(qint64 nowMs) {
    QStringList finished;
    for (auto it = m_ticketJobs.begin(); it != m_ticketJobs.end(); ++it) {
        if (it->nextAt > nowMs)
            continue;
        auto rec = d->store.get(Kind::Ticket, it.key());
        if (!rec) {
            finished << it.key();
            continue;
        }
        QJsonObject tt = rec->json;
        const QString status = tt.value(QLatin1String("status")).toString();
        QString next, reason;
        bool assign = false;
        const bool rootOpen = m_open.contains(it->rootAlarm);
        if (status == QLatin1String("acknowledged")) {
            next = QStringLiteral("inProgress");
            reason = QStringLiteral("Assigned to field engineer");
            assign = true;
        } else if (status == QLatin1String("inProgress")) {
            if (!rootOpen) {
                next = QStringLiteral("resolved");
                reason = QStringLiteral("Root cause alarm cleared");
            } else if (random01() < 0.15) {
                next = QStringLiteral("pending");
                reason = QStringLiteral("Waiting for spare parts");
            }
        } else if (status == QLatin1String("pending") || status == QLatin1String("held")) {
            next = QStringLiteral("inProgress");
            reason = QStringLiteral("Work resumed");
        } else if (status == QLatin1String("resolved")) {
            next = QStringLiteral("closed");
            reason = QStringLiteral("Service verified");
        } else {
            finished << it.key();
            continue;
        }
        it->nextAt = nowMs + secs(randomInt(10, 40));
        if (next.isEmpty())
            continue;
        const QString t = isoTime(nowMs);
        if (assign) {
            QJsonArray parties = tt.value(QLatin1String("relatedParty")).toArray();
            const auto &eng = kEngineers[randomInt(0, 7)];
            const QString region =
                tt.value(QLatin1String("name")).toString().section(u' ', -1).section(u'-', 0, 0);
            appendAssignment(parties, QStringLiteral("eng-") + QLatin1String(eng[0]), QLatin1String(eng[1]),
                             region);
            tt.insert(QStringLiteral("relatedParty"), parties);
        }
        QJsonArray changes = tt.value(QLatin1String("statusChange")).toArray();
        changes.append(QJsonObject{{QStringLiteral("changeDate"), t},
                                   {QStringLiteral("changeReason"), reason},
                                   {QStringLiteral("status"), next}});
        tt.insert(QStringLiteral("statusChange"), changes);
        tt.insert(QStringLiteral("status"), next);
        tt.insert(QStringLiteral("statusChangeReason"), reason);
        tt.insert(QStringLiteral("statusChangeDate"), t);
        tt.insert(QStringLiteral("lastUpdate"), t);
        if (next == QLatin1String("resolved"))
            tt.insert(QStringLiteral("resolutionDate"), t);
        d->saveTicket(tt, rec->version + 1, "TroubleTicketStatusChangeEvent");
        if (next == QLatin1String("closed"))
            finished << it.key();
    }
    for (const QString &id : finished)
        m_ticketJobs.remove(id);
}

void Simulator::tick(qint64 nowMs) {
    const qint64 dt = m_lastTick ? qBound(qint64(0), nowMs - m_lastTick, qint64(5000)) : 0;
    m_lastTick = nowMs;
    if (m_paused || m_elements.empty())
        return;
    d->store.begin();
    // auto-clear
    while (!m_autoClear.empty() && m_autoClear.begin()->first <= nowMs) {
        const QString id = m_autoClear.begin()->second;
        m_autoClear.erase(m_autoClear.begin());
        if (m_open.contains(id))
            clear(id, nowMs);
    }
    runJobs(nowMs);
    double rate = m_alarmRate;
    if (m_stormUntil > nowMs)
        rate += m_stormRate;
    // At most kMaxRaisesPerTick per call, the rest carried over (up to 5 s of the rate, as dt was):
    // one tick raising a whole storm second at once kept opsim's thread from its event loop for that
    // long, so the event hub sent nothing while a 25,000/s storm ran at full size and the client sat
    // idle until it ended (perf: opsim 98 % of the samples, sync and writer threads ~0 %). The
    // server ticks again at once while behind(), with sends in between.
    constexpr int kMaxRaisesPerTick = 1000;
    m_carry = std::min(m_carry + rate * double(dt) / 1000.0, std::max(1.0, rate * 5.0));
    const int n = std::min(int(m_carry), kMaxRaisesPerTick);
    m_carry -= n;
    for (int i = 0; i < n; ++i) {
        const Cause &c = randomCause();
        const bool storming = m_stormUntil > nowMs;
        const qint64 clearAfter = storming ? secs(randomInt(10, 60)) : secs(randomInt(30, 600));
        const QString id = raise(randomInt(0, int(m_elements.size()) - 1), c, nowMs, clearAfter);
        if (c.serviceAffecting && qstrcmp(c.severity, "critical") == 0 && !storming)
            openTicket(id, nowMs);
    }
    // severity updates of open alarms (about one in ten background alarms)
    if (m_alarmRate > 0 && !m_openIds.isEmpty() && random01() < m_alarmRate * 0.1 * double(dt) / 1000.0) {
        const QString id = m_openIds[randomInt(0, int(m_openIds.size()) - 1)];
        if (m_open.contains(id))
            updateSeverity(id, nowMs);
    }
    if (m_openIds.size() > 4 * m_open.size() + 1000) { // compact the random-pick list
        QStringList keep;
        for (const QString &id : std::as_const(m_openIds)) {
            if (m_open.contains(id))
                keep << id;
        }
        m_openIds = keep;
    }
    // occasional cascading faults while the background runs
    if (m_alarmRate > 0) {
        if (m_nextFaultAt == 0)
            m_nextFaultAt = nowMs + secs(randomInt(20, 60));
        if (nowMs >= m_nextFaultAt) {
            const int kind = randomInt(0, 2);
            if (kind == 0)
                fibreCut(nowMs);
            else if (kind == 1)
                powerFailure(nowMs);
            else
                flap(nowMs);
            m_nextFaultAt = nowMs + secs(randomInt(30, 120)) / qint64(qMax(1.0, qMin(m_alarmRate, 5.0)));
        }
        // link utilisation drifts
        if (!m_links.empty() && random01() < double(dt) / 1000.0) {
            const int li = randomInt(0, int(m_links.size()) - 1);
            SimLink &l = m_links[size_t(li)];
            l.utilization =
                std::round(qBound(0.01, l.utilization + (random01() - 0.5) * 0.2, 0.99) * 1000) / 1000;
            if (auto rec = d->store.get(Kind::Resource, l.id))
                d->saveResource(linkJson(li, isoTime(nowMs)), rec->version + 1,
                                "ResourceAttributeValueChangeEvent");
        }
    }
    progressTickets(nowMs);
    d->store.commit();
}

int Simulator::burst(int n, qint64 nowMs) {
    d->store.begin();
    for (int i = 0; i < n; ++i) {
        raise(randomInt(0, int(m_elements.size()) - 1), randomCause(), nowMs, secs(randomInt(30, 600)));
        if ((i + 1) % 20000 == 0) {
            d->store.commit();
            d->store.begin();
        }
    }
    d->store.commit();
    return n;
}

void Simulator::preloadAlarms(qint64 n) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 span = 7LL * 24 * 3600 * 1000;
    const bool bulk = n >= 20000;
    if (bulk)
        d->store.dropSecondaryIndexes(Kind::Alarm);
    d->store.begin();
    for (qint64 i = 0; i < n; ++i) {
        const qint64 num = d->nextAlarm;
        const QString id = d->newAlarmId();
        const Cause &c = randomCause();
        const qint64 raised = now - span + (span * i) / qMax<qint64>(1, n);
        QJsonObject a =
            makeAlarm(id, randomInt(0, int(m_elements.size()) - 1), c, QLatin1String(c.severity), raised);
        if (random01() < 0.85) {
            const QString t = isoTime(raised + randomInt(10, 3600) * 1000LL);
            a.insert(QStringLiteral("state"), QStringLiteral("cleared"));
            a.insert(QStringLiteral("alarmClearedTime"), t);
            a.insert(QStringLiteral("alarmChangedTime"), t);
        } else if (random01() < 0.3) {
            a.insert(QStringLiteral("ackState"), QStringLiteral("acknowledged"));
            a.insert(QStringLiteral("ackUserId"), QLatin1String(kEngineers[randomInt(0, 7)][0]));
        }
        d->store.put(Kind::Alarm, a, 1, num);
        if ((i + 1) % 50000 == 0) {
            d->store.commit();
            d->store.begin();
        }
    }
    d->store.commit();
    if (bulk)
        d->store.createSecondaryIndexes(Kind::Alarm);
}

// The live simulator's background alarms, run backwards from now: arrivals at the alarm rate (a
// Poisson process) over the last `hours`, each with the lifetime tick() gives a background alarm. Those
// whose lifetime ended before now are cleared, about a third of them acknowledged first; the rest are
// open and handed to the auto-clear like a live alarm. Without it the demo's trends showed a day of
// near silence (the benchmarks' preload spreads a few thousand alarms over a week) and then a wall of
// live alarms at the right edge.
qint64 Simulator::preloadRecentHistory(int hours) {
    if (m_alarmRate <= 0 || hours <= 0 || m_elements.empty())
        return 0;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::exponential_distribution<double> gapMs(m_alarmRate / 1000.0);
    qint64 written = 0;
    d->store.begin();
    for (double t = double(now - qint64(hours) * 3600 * 1000) + gapMs(m_rng); t < double(now);
         t += gapMs(m_rng)) {
        const qint64 raised = qint64(t);
        const int element = randomInt(0, int(m_elements.size()) - 1);
        const Cause &c = randomCause();
        const qint64 clearAt = raised + secs(randomInt(30, 600));
        const qint64 num = d->nextAlarm;
        const QString id = d->newAlarmId();
        QJsonObject a = makeAlarm(id, element, c, QLatin1String(c.severity), raised);
        if (clearAt <= now) {
            const QString cleared = isoTime(clearAt);
            if (random01() < 0.35) {
                a.insert(QStringLiteral("ackState"), QStringLiteral("acknowledged"));
                a.insert(QStringLiteral("ackUserId"), QLatin1String(kEngineers[randomInt(0, 7)][0]));
            }
            a.insert(QStringLiteral("state"), QStringLiteral("cleared"));
            a.insert(QStringLiteral("alarmClearedTime"), cleared);
            a.insert(QStringLiteral("alarmChangedTime"), cleared);
        } else {
            OpenAlarm oa;
            oa.element = element;
            oa.clearAt = clearAt;
            m_open.insert(id, oa);
            m_openIds << id;
            m_autoClear.emplace(clearAt, id);
        }
        d->store.put(Kind::Alarm, a, 1, num);
        if (++written % 20000 == 0) {
            d->store.commit();
            d->store.begin();
        }
    }
    d->store.commit();
    return written;
}

// Closed, resolved and cancelled tickets spread over the last 30 days. Open ones were opened
// recently, most within their SLA and about a quarter past it, as in a working queue (spread over 30
// days they were all breached). Most open tickets are assigned to an engineer and the field team of
// the element's region, some wait unassigned, and when `ticketsAssignedTo` is set every fifth
// assigned one is that user's (the demo's own user, so its "My tickets" queue is not empty).
void Simulator::preloadTickets(int n, const QString &ticketsAssignedTo) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    static const QStringList statuses = {QStringLiteral("closed"),       QStringLiteral("closed"),
                                         QStringLiteral("resolved"),     QStringLiteral("inProgress"),
                                         QStringLiteral("acknowledged"), QStringLiteral("pending"),
                                         QStringLiteral("cancelled")};
    const qint64 month = 30LL * 24 * 3600 * 1000;
    int assigned = 0;
    d->store.begin();
    for (int i = 0; i < n; ++i) {
        const qint64 num = d->nextTicket;
        const QString id = d->newTicketId();
        const int e = randomInt(0, int(m_elements.size()) - 1);
        const Cause &c = randomCause();
        const QString priority = priorityForSeverity(QLatin1String(c.severity));
        const QString status = statuses[randomInt(0, int(statuses.size()) - 1)];
        const bool open = status == QLatin1String("inProgress") || status == QLatin1String("acknowledged") ||
                          status == QLatin1String("pending");
        const qint64 sla = slaMsForPriority(priority);
        const qint64 created = open ? now - qint64(random01() * 1.3 * double(sla)) - 60000
                                    : now - month + (month * i) / qMax(1, n);
        const QString t = isoTime(created),
                      u = isoTime(std::min(now, created + randomInt(60, 36000) * 1000LL));
        QJsonArray parties;
        if (open && status != QLatin1String("acknowledged") && random01() < 0.8) {
            const SimElement &element = m_elements[size_t(e)];
            const bool mine = !ticketsAssignedTo.isEmpty() && assigned++ % 5 == 0;
            const auto &eng = kEngineers[randomInt(0, 7)];
            if (mine)
                appendAssignment(parties, ticketsAssignedTo, ticketsAssignedTo, element.region);
            else
                appendAssignment(parties, QStringLiteral("eng-") + QLatin1String(eng[0]),
                                 QLatin1String(eng[1]), element.region);
        }
        QJsonObject tt{
            {QStringLiteral("id"), id},
            {QStringLiteral("href"), d->ticketHref(id)},
            {QStringLiteral("@type"), QStringLiteral("TroubleTicket")},
            {QStringLiteral("name"),
             QStringLiteral("%1 at %2").arg(QLatin1String(c.probableCause), m_elements[size_t(e)].name)},
            {QStringLiteral("description"), QLatin1String(c.problem)},
            {QStringLiteral("severity"), capitalised(QLatin1String(c.severity))},
            {QStringLiteral("priority"), priority},
            {QStringLiteral("ticketType"), QStringLiteral("incident")},
            {QStringLiteral("status"), status},
            {QStringLiteral("creationDate"), t},
            {QStringLiteral("lastUpdate"), u},
            {QStringLiteral("expectedResolutionDate"), isoTime(created + sla)},
            {QStringLiteral("relatedEntity"),
             QJsonArray{QJsonObject{{QStringLiteral("id"), m_elements[size_t(e)].id},
                                    {QStringLiteral("href"), d->resourceHref(m_elements[size_t(e)].id)},
                                    {QStringLiteral("name"), m_elements[size_t(e)].name},
                                    {QStringLiteral("role"), QStringLiteral("affectedResource")},
                                    {QStringLiteral("@referredType"), QStringLiteral("PhysicalResource")}}}},
        };
        if (!parties.isEmpty())
            tt.insert(QStringLiteral("relatedParty"), parties);
        d->store.put(Kind::Ticket, tt, 1, num);
        if ((i + 1) % 50000 == 0) {
            d->store.commit();
            d->store.begin();
        }
    }
    d->store.commit();
}

} // namespace noc::opsim
