#include "bench_registry.h"

#include "cache/cache_database.h"
#include "cache/cache_reader.h"
#include "cache/cache_writer.h"
#include "cache/row_codec.h"
#include "cache/sqlite_statement.h"
#include "domain/tmf_codec.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <algorithm>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>
#include <vector>

// noc-bench ingest: the local cache under an alarm load (issue 3, performance.md).
// - raw_insert_per_s: the same decoded rows through one plain prepared INSERT, one transaction, no
//   index, no FTS, no triggers: the ceiling of this machine, measured in the same run.
// - upserts_per_s: pages of TMF642 JSON parsed, decoded with tmf::decodeAlarm and upserted by the real
//   CacheWriter (all indexes, FTS5 triggers, counters), 5,000 alarms per batch = per transaction.
// - cold_open_first_page_ms: a fresh reader connection on the finished cache, with the file evicted
//   from the OS page cache, to the first page of the alarm list.
// - filtered_page_ms (severity + site), fts_query_ms, bytes_per_alarm; plus storm_updates_per_s
//   (state/severity/ack changes only, the bulk of a storm) and startup_check_ms (CacheDatabase::open
//   with its quick_check) for context.
// Arguments: `noc-bench ingest [N] [/dir/to/keep/files]` (N alarms instead of 1M / 100k).
namespace {

using namespace noc;

constexpr int kBatch = 5000;
constexpr int kRegions = 20;

const char *const kCauses[] = {
    "lossOfSignal",         "linkDown",         "powerProblem",       "temperatureUnacceptable",
    "equipmentMalfunction", "thresholdCrossed", "transmitterFailure", "receiveFailure",
    "fanFailure",           "rectifierFailure", "softwareError",      "congestion"};
const char *const kProblems[] = {"LOS on port ge-0/0/%1",
                                 "Link down on uplink xe-1/0/%1",
                                 "Mains failure, on battery %1",
                                 "Board temperature %1 C above threshold",
                                 "Line card %1 not responding",
                                 "CRC errors on port %1 above 1e-6",
                                 "Laser bias current high lane %1",
                                 "BER degraded on radio %1",
                                 "Fan tray %1 stopped",
                                 "Rectifier %1 failed",
                                 "Process restarted %1 times",
                                 "Queue %1 drops above threshold"};
const char *const kSeverities[] = {"critical", "major",   "major",   "minor",   "minor",
                                   "minor",    "warning", "warning", "warning", "indeterminate"};

QString elementId(int e) {
    return QStringLiteral("NE-%1").arg(e, 5, 10, QLatin1Char('0'));
}

QByteArray alarmPage(QRandomGenerator &random, qint64 first, int count, int elements) {
    const EpochMs base = 1'795'000'000'000LL;
    QJsonArray page;
    for (qint64 i = first; i < first + count; ++i) {
        const int kind = int(random.bounded(12));
        const bool cleared = random.bounded(10) == 0;
        const EpochMs raised = base + EpochMs(random.bounded(86'400'000));
        const int element = int(random.bounded(elements));
        QJsonObject a{
            {"id", QStringLiteral("ALM-%1").arg(i)},
            {"href", QStringLiteral("/tmf-api/alarm/v4/alarm/ALM-%1").arg(i)},
            {"externalAlarmId", QStringLiteral("ems-%1").arg(i)},
            {"state", cleared ? "cleared" : "raised"},
            {"perceivedSeverity", cleared ? "cleared" : kSeverities[random.bounded(10)]},
            {"alarmType", "communicationsAlarm"},
            {"probableCause", kCauses[kind]},
            {"specificProblem", QString::fromLatin1(kProblems[kind]).arg(random.bounded(48))},
            {"alarmedObjectType", "PhysicalResource"},
            {"alarmedObject",
             QJsonObject{{"id", elementId(element)},
                         {"href", "/tmf-api/resourceInventoryManagement/v4/resource/" + elementId(element)}}},
            {"sourceSystemId", "EMS-1"},
            {"alarmRaisedTime", tmf::formatTime(raised)},
            {"alarmReportingTime", tmf::formatTime(raised + 20)},
            {"alarmChangedTime", tmf::formatTime(raised + 40)},
            {"ackState", random.bounded(4) == 0 ? "acknowledged" : "unacknowledged"},
            {"isRootCause", random.bounded(20) == 0},
            {"serviceAffecting", random.bounded(3) == 0}};
        if (cleared)
            a.insert("alarmClearedTime", tmf::formatTime(raised + 60));
        page.append(a);
    }
    return QJsonDocument(page).toJson(QJsonDocument::Compact);
}

// The raw ceiling: the same columns, a plain rowid table, nothing else.
struct RawTable {
    sqlite3 *db = nullptr;
    std::optional<SqliteStatement> insert;

    explicit RawTable(const QString &path) {
        sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr);
        sqliteExec(
            db,
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
            "CREATE TABLE alarms(id TEXT, external_id TEXT, state INTEGER, severity INTEGER, active INTEGER, "
            "alarm_type TEXT, probable_cause TEXT, specific_problem TEXT, object_type TEXT, object_id TEXT, "
            "source_system TEXT, raised_ms INTEGER, reported_ms INTEGER, changed_ms INTEGER, cleared_ms "
            "INTEGER, "
            "ack INTEGER, ack_user TEXT, ack_system TEXT, clear_user TEXT, clear_system TEXT, "
            "root_cause INTEGER, service_affecting INTEGER, parent_ids TEXT, correlated_ids TEXT, comments "
            "TEXT, "
            "pending INTEGER NOT NULL DEFAULT 0, h INTEGER)");
        insert.emplace(
            db, "INSERT INTO alarms VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,"
                "?19,?20,?21,?22,?23,?24,?25,0,?26)");
    }
    ~RawTable() {
        insert.reset();
        sqlite3_close_v2(db);
    }
    void add(const Alarm &a) {
        using namespace rowcodec;
        auto &s = *insert;
        s.bind(1, a.id);
        s.bind(2, a.externalAlarmId);
        s.bind(3, alarmStateCode(a.state));
        s.bind(4, severityCode(a.perceivedSeverity));
        s.bind(5, a.state != AlarmState::Cleared);
        s.bind(6, a.alarmType);
        s.bind(7, a.probableCause);
        s.bind(8, a.specificProblem);
        s.bind(9, a.alarmedObjectType);
        s.bind(10, a.alarmedObjectId);
        s.bind(11, a.sourceSystemId);
        s.bind(12, a.alarmRaisedTime);
        s.bind(13, a.alarmReportingTime);
        s.bind(14, a.alarmChangedTime);
        s.bind(15, a.alarmClearedTime);
        s.bind(16, ackCode(a.ackState));
        s.bind(17, a.ackUserId);
        s.bind(18, a.ackSystemId);
        s.bind(19, a.clearUserId);
        s.bind(20, a.clearSystemId);
        s.bind(21, a.isRootCause);
        s.bind(22, a.serviceAffecting);
        s.bindText(23, idsToJson(a.parentAlarmIds));
        s.bindText(24, idsToJson(a.correlatedAlarmIds));
        s.bindText(25, commentsToJson(a.comments));
        s.bind(26, contentHash(a));
        s.exec();
    }
};

// Drops the file's pages from the OS page cache so that the next open reads the disk.
bool evictFromPageCache(const QString &path) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd < 0)
        return false;
    ::fdatasync(fd);
    const bool ok = ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0;
    ::close(fd);
    return ok;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

int runIngest(const bench::BenchOptions &options, bench::BenchReporter &out) {
    qint64 n = options.quick ? 100'000 : 1'000'000;
    const int elements = 50'000;
    const int sites = 5'000;
    QString keepDir;
    // noc-bench passes suite arguments as positionals: a number is the alarm count, a path keeps the
    // files there (main.cpp's parser would separate "--alarms" from its value).
    for (const auto &arg : options.args) {
        bool isNumber = false;
        const qint64 value = arg.toLongLong(&isNumber);
        if (isNumber && value > 0)
            n = value;
        else if (arg.contains(QLatin1Char('/')))
            keepDir = arg;
    }
    QTemporaryDir tmp;
    const QString dir = keepDir.isEmpty() ? tmp.path() : keepDir;
    QDir().mkpath(dir);
    const QString cachePath = QDir(dir).filePath(QStringLiteral("ingest-cache.sqlite"));
    const QString rawPath = QDir(dir).filePath(QStringLiteral("ingest-raw.sqlite"));
    for (const auto &p : {cachePath, rawPath})
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(p + QLatin1String(suffix));
    out.note(
        QStringLiteral("%1 alarms across %2 elements at %3 sites in %4 regions; batches of %5; files in %6")
            .arg(n)
            .arg(elements)
            .arg(sites)
            .arg(kRegions)
            .arg(kBatch)
            .arg(dir));

    const auto opened = CacheDatabase::open(cachePath);
    if (!opened.ok()) {
        out.note(opened.message);
        return 1;
    }
    CacheWriter writer;
    if (!writer.open(cachePath)) {
        out.note(writer.lastError().message);
        return 1;
    }
    // Inventory first (not timed): the site/region filters join through it.
    {
        CacheBatch inventory;
        for (int s = 0; s < sites; ++s) {
            Site site;
            site.id = QStringLiteral("S-%1").arg(s);
            site.name = QStringLiteral("Site %1").arg(s);
            site.region = QStringLiteral("region-%1").arg(s % kRegions);
            site.latitude = 40 + (s % 100) * 0.1;
            site.longitude = 5 + (s / 100) * 0.1;
            inventory.sites.append(site);
        }
        for (int e = 0; e < elements; ++e) {
            NetworkElement element;
            element.id = elementId(e);
            element.name = QStringLiteral("%1-%2-%3")
                               .arg(e % 3 == 0   ? "core-router"
                                    : e % 3 == 1 ? "agg-switch"
                                                 : "access-olt")
                               .arg(QStringLiteral("S-%1").arg(e % sites))
                               .arg(e);
            element.category = ElementCategory(e % 8);
            element.siteId = QStringLiteral("S-%1").arg(e % sites);
            inventory.elements.append(element);
        }
        writer.apply(inventory);
    }

    RawTable raw(rawPath);
    sqliteExec(raw.db, "BEGIN");
    QRandomGenerator random(20261122);
    qint64 decodeApplyNs = 0;
    qint64 decodeNs = 0; // JSON parse + decode part of decodeApplyNs
    qint64 rawNs = 0;
    qint64 decoded = 0;
    qint64 rejected = 0;
    QElapsedTimer clock;
    for (qint64 first = 0; first < n; first += kBatch) {
        const int count = int(std::min<qint64>(kBatch, n - first));
        const QByteArray json = alarmPage(random, first, count, elements); // generation is not timed
        clock.start();
        const QJsonArray page = QJsonDocument::fromJson(json).array();
        CacheBatch batch;
        batch.alarms.reserve(count);
        for (const auto &value : page) {
            QString error;
            if (auto alarm = tmf::decodeAlarm(value.toObject(), &error))
                batch.alarms.append(std::move(*alarm));
            else
                ++rejected;
        }
        decodeNs += clock.nsecsElapsed();
        writer.apply(batch);
        decodeApplyNs += clock.nsecsElapsed();
        if (writer.lastError().isError()) {
            out.note(writer.lastError().message);
            return 1;
        }
        decoded += batch.alarms.size();
        clock.start();
        for (const auto &a : std::as_const(batch.alarms))
            raw.add(a);
        rawNs += clock.nsecsElapsed();
    }
    clock.start();
    sqliteExec(raw.db, "COMMIT");
    rawNs += clock.nsecsElapsed();
    if (rejected)
        out.note(QStringLiteral("decoder rejected %1 generated alarms").arg(rejected));

    const double upserts = decoded / (decodeApplyNs / 1e9);
    const double rawRate = decoded / (rawNs / 1e9);
    out.report(QStringLiteral("raw_insert_per_s"), rawRate, QStringLiteral("1/s"), decoded);
    out.report(QStringLiteral("upserts_per_s"), upserts, QStringLiteral("1/s"), decoded);
    out.report(QStringLiteral("ratio_vs_raw"), upserts / rawRate, QStringLiteral("ratio"));
    out.report(QStringLiteral("decode_per_s"), decoded / (decodeNs / 1e9), QStringLiteral("1/s"), decoded);
    out.report(QStringLiteral("cache_apply_per_s"), decoded / ((decodeApplyNs - decodeNs) / 1e9),
               QStringLiteral("1/s"), decoded);

    // A storm: 10% of the alarms change state/severity/ack (no text), in batches of 5,000.
    {
        const qint64 changes = n / 10;
        CacheReader reader;
        reader.open(cachePath);
        QList<Alarm> sample;
        std::optional<AlarmCursor> cursor;
        AlarmFilter all;
        all.activeOnly = false;
        while (sample.size() < changes) {
            const auto page =
                reader.alarmPage(all, int(std::min<qint64>(5000, changes - sample.size())), cursor);
            sample += page.alarms;
            if (!page.next)
                break;
            cursor = page.next;
        }
        std::shuffle(sample.begin(), sample.end(), std::mt19937(7));
        qint64 ns = 0;
        for (qsizetype first = 0; first < sample.size(); first += kBatch) {
            CacheBatch batch;
            for (qsizetype i = first; i < std::min<qsizetype>(first + kBatch, sample.size()); ++i) {
                Alarm a = sample[i];
                a.ackState =
                    a.ackState == AckState::Acknowledged ? AckState::Unacknowledged : AckState::Acknowledged;
                a.perceivedSeverity =
                    a.perceivedSeverity == Severity::Major ? Severity::Critical : Severity::Major;
                a.state = AlarmState::Updated;
                a.alarmChangedTime += 1000;
                batch.alarms.append(a);
            }
            clock.start();
            writer.apply(batch);
            ns += clock.nsecsElapsed();
        }
        out.report(QStringLiteral("storm_updates_per_s"), sample.size() / (ns / 1e9), QStringLiteral("1/s"),
                   sample.size());
    }
    writer.close(); // checkpoints and removes the WAL: the file is what a restart finds

    const qint64 bytes = QFileInfo(cachePath).size();
    out.report(QStringLiteral("bytes_per_alarm"), double(bytes) / n, QStringLiteral("B"), n);

    // Cold open: new connection, file evicted from the page cache, first page of the alarm list.
    const bool evicted = evictFromPageCache(cachePath);
    out.note(evicted ? QStringLiteral("cache file evicted from the OS page cache before the cold open")
                     : QStringLiteral("could not evict the file from the page cache: cold open is warm"));
    {
        clock.start();
        CacheReader reader;
        if (!reader.open(cachePath)) {
            out.note(reader.lastError().message);
            return 1;
        }
        const AlarmPage page = reader.alarmPage({}, 100);
        const double ms = clock.nsecsElapsed() / 1e6;
        out.report(QStringLiteral("cold_open_first_page_ms"), ms, QStringLiteral("ms"), page.alarms.size());
    }
    {
        // Severity + site, and severity + region; median over different sites (warm statement cache
        // after the first, as in a view that changes its filter).
        CacheReader reader;
        reader.open(cachePath);
        std::vector<double> siteMs;
        std::vector<double> regionMs;
        qint64 rows = 0;
        for (int k = 0; k < 9; ++k) {
            AlarmFilter f;
            f.severities = {Severity::Critical, Severity::Major};
            f.siteId = QStringLiteral("S-%1").arg(k * 517 % sites);
            clock.start();
            rows += reader.alarmPage(f, 100).alarms.size();
            siteMs.push_back(clock.nsecsElapsed() / 1e6);
            AlarmFilter r;
            r.severities = {Severity::Minor};
            r.region = QStringLiteral("region-%1").arg(k);
            clock.start();
            reader.alarmPage(r, 100);
            regionMs.push_back(clock.nsecsElapsed() / 1e6);
        }
        out.report(QStringLiteral("filtered_page_ms"), median(siteMs), QStringLiteral("ms"), rows / 9);
        out.report(QStringLiteral("region_page_ms"), median(regionMs), QStringLiteral("ms"));

        std::vector<double> ftsMs;
        qint64 hits = 0;
        for (const char *q : {"rectifier", "laser bias", "core-router-S-17", "fan tray", "mains battery"}) {
            clock.start();
            hits += reader.searchAlarms(QString::fromLatin1(q), 200).size();
            ftsMs.push_back(clock.nsecsElapsed() / 1e6);
        }
        out.report(QStringLiteral("fts_query_ms"), median(ftsMs), QStringLiteral("ms"), hits / 5);
        std::sort(ftsMs.begin(), ftsMs.end());
        out.report(QStringLiteral("fts_query_max_ms"), ftsMs.back(), QStringLiteral("ms"));

        clock.start();
        const auto counts = reader.activeSeverityCounts();
        out.report(QStringLiteral("severity_counts_ms"), clock.nsecsElapsed() / 1e6, QStringLiteral("ms"));
    }
    {
        // What a start-up costs before the first query: after a clean close (header + schema), and
        // after a crash (quick_check of the whole file).
        evictFromPageCache(cachePath);
        clock.start();
        auto reopened = CacheDatabase::open(cachePath);
        out.report(QStringLiteral("startup_open_ms"), clock.nsecsElapsed() / 1e6, QStringLiteral("ms"));
        evictFromPageCache(cachePath);
        clock.start();
        reopened = CacheDatabase::open(cachePath, CacheDatabase::Check::Quick);
        out.report(QStringLiteral("startup_after_crash_ms"), clock.nsecsElapsed() / 1e6,
                   QStringLiteral("ms"));
        if (!reopened.ok())
            out.note(reopened.message);
    }
    return 0;
}

} // namespace

NOC_BENCH_SUITE("ingest",
                "1M TMF642 alarms: decode + upsert through the cache writer vs raw SQLite; list, filter, FTS",
                runIngest);
