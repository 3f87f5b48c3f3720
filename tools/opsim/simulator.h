#pragma once

// The simulated service-provider network behind opsim: a deterministic topology (regions, a core
// ring, aggregation rings, access elements, sites, links) and the alarm and ticket engines.

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <map>
#include <random>
#include <vector>

namespace noc::opsim {

class ServerPrivate;

struct SimElement {
    QString id, name, category, layer, vendor, model, mgmtIp, region;
    int site = -1;
    int parent = -1;           // upstream element (towards the core)
    std::vector<int> children; // downstream elements
    int uplink = -1;           // link to the parent
    bool up = true;
};

struct SimSite {
    QString id, name, region, address;
    double lat = 0, lon = 0;
    std::vector<int> elements;
};

struct SimLink {
    QString id, name, aPort, zPort;
    int a = -1, z = -1;
    qint64 capacityBps = 0;
    double utilization = 0;
};

class Simulator {
public:
    Simulator(ServerPrivate *d, quint64 seed, int elements);

    void build();                 // the topology (deterministic)
    void writeResources();        // into the store (first start of a database)
    void loadOpenAlarms();        // rebuild the engine's view from the store
    void preloadAlarms(qint64 n); // history for benchmarks, no events
    // The background alarms of the last `hours` at the alarm rate, no events (the demo's trends).
    qint64 preloadRecentHistory(int hours);
    void preloadTickets(int n, const QString &ticketsAssignedTo = {});
    void tick(qint64 nowMs);
    // True when the last tick left alarms it owed to the rate for the next call (see tick()).
    bool behind() const { return m_carry >= 1.0; }

    void setPaused(bool paused) { m_paused = paused; }
    bool paused() const { return m_paused; }
    void setAlarmRate(double rate) { m_alarmRate = rate; }
    void setTimeScale(double scale) { m_timeScale = scale > 0 ? scale : 1.0; }
    void storm(double rate, int seconds, qint64 nowMs);
    QString fibreCut(qint64 nowMs);
    QString powerFailure(qint64 nowMs);
    QString flap(qint64 nowMs);
    int burst(int n, qint64 nowMs);

    int elementCount() const { return int(m_elements.size()); }
    const std::vector<SimElement> &elements() const { return m_elements; }
    const std::vector<SimLink> &links() const { return m_links; }
    const std::vector<SimSite> &sites() const { return m_sites; }

private:
    struct Cause {
        const char *alarmType, *probableCause, *severity, *problem;
        bool serviceAffecting;
        int weight;
    };
    struct OpenAlarm {
        int element = -1;
        qint64 clearAt = 0; // 0 = cleared by its fault job
        QString ticket;
    };
    struct Job { // a cascading fault that repairs itself
        enum Type { FibreCut, Power, Flap } type;
        qint64 at;
        QString root;
        QStringList children;
        int link = -1, site = -1, remaining = 0;
        std::vector<int> downElements;
    };
    struct TicketJob {
        QString rootAlarm;
        qint64 nextAt;
    };

    QJsonObject elementJson(int i, const QString &now) const;
    QJsonObject siteJson(int i, const QString &now) const;
    QJsonObject linkJson(int i, const QString &now) const;
    QJsonObject makeAlarm(const QString &id, int element, const Cause &cause, const QString &severity,
                          qint64 raisedMs) const;
    struct ElementText {     // UTF-8 parts of a storm alarm on one element
        QByteArray fragment; // the JSON members that depend only on the element and its site
        QByteArray name, siteName, mgmtIp, id8;
    };
    const ElementText &elementText(int element);
    const QByteArray &timeText(qint64 ms); // isoTime(ms) as UTF-8, cached for the tick
    QString raise(int element, const Cause &cause, qint64 nowMs, qint64 clearAfterMs, bool root = false,
                  const QString &parent = {});
    void clear(const QString &id, qint64 nowMs);
    void updateSeverity(const QString &id, qint64 nowMs);
    void setElementUp(int element, bool up, qint64 nowMs);
    void openTicket(const QString &rootAlarm, qint64 nowMs);
    void progressTickets(qint64 nowMs);
    void runJobs(qint64 nowMs);
    const Cause &randomCause();
    int randomInt(int lo, int hi); // inclusive
    double random01();
    qint64 secs(int seconds) const; // a simulated duration, scaled by the time scale

    ServerPrivate *d;
    quint64 m_seed;
    int m_target;
    std::mt19937_64 m_rng;
    std::vector<SimElement> m_elements;
    std::vector<SimSite> m_sites;
    std::vector<SimLink> m_links;
    std::vector<ElementText> m_elementTexts;
    QByteArray m_alarmHrefPrefix;
    QByteArray m_timeText;
    qint64 m_timeTextMs = 0;
    QHash<QString, OpenAlarm> m_open;
    QStringList m_openIds; // for random picks; may hold ids already cleared (skipped lazily)
    std::multimap<qint64, QString> m_autoClear;
    std::vector<Job> m_jobs;
    QHash<QString, TicketJob> m_ticketJobs;
    bool m_paused = false;
    double m_alarmRate = 0;
    double m_timeScale = 1.0;
    double m_stormRate = 0;
    qint64 m_stormUntil = 0;
    double m_carry = 0;
    qint64 m_lastTick = 0;
    qint64 m_nextFaultAt = 0;
};

} // namespace noc::opsim
