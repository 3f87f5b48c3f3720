#include "cache/cache_database.h"
#include "cache/cache_reader.h"
#include "cache/cache_schema.h"
#include "cache/cache_writer.h"
#include "cache/sqlite_statement.h"
#include "cache_test_data.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <sqlite3.h>

using namespace noc;
using namespace noc::testdata;

namespace {

// Raw SQL on a cache file, for checks the public API deliberately does not offer.
class RawDb {
public:
    explicit RawDb(const QString &path) {
        sqlite3_open_v2(QFile::encodeName(path).constData(), &m_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    }
    ~RawDb() { sqlite3_close_v2(m_db); }
    sqlite3 *db() const { return m_db; }
    QString text(const char *sql) const {
        SqliteStatement s(m_db, sql, false);
        return s.step() ? s.columnText(0) : QString();
    }
    qint64 number(const char *sql) const {
        SqliteStatement s(m_db, sql, false);
        return s.step() ? s.columnInt64(0) : -1;
    }
    void exec(const char *sql) const { sqliteExec(m_db, sql); }

private:
    sqlite3 *m_db = nullptr;
};

// Sort key of the alarm list: active first, severity worst first, newest change first, newest row.
struct Expected {
    QString id;
    bool active;
    int severity;
    qint64 changed;
    int seq; // insertion order = rowid order
};

int sevCode(Severity s) {
    return int(s); // the enum is declared worst first, as the cache's codes are
}

} // namespace

class CacheStoreTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_counter = 0;

    QString freshPath() { return m_dir.filePath(QStringLiteral("c%1.sqlite").arg(++m_counter)); }

    // Opens a new cache and its writer; the writer is ready for apply().
    QString openWriter(CacheWriter &writer) {
        const QString path = freshPath();
        const auto result = CacheDatabase::open(path);
        if (!result.ok())
            qWarning() << result.message;
        if (!writer.open(path))
            qWarning() << writer.lastError().message;
        return path;
    }

    // Data a cache of schema version `version` holds before migration, written with that version's
    // SQL. Every new schema step adds a case here that seeds the tables of that version.
    static void seedVersion(sqlite3 *db, int version) {
        switch (version) {
        case 1:
        case 2: // v2 added derived counts (kept by triggers then), no new shape to seed
            sqliteExec(db, R"SQL(
INSERT INTO sites(id, name, region, latitude, longitude) VALUES ('S-1', 'Munich', 'south', 48.1, 11.5);
INSERT INTO elements(id, name, category, layer, site_id) VALUES ('NE-1', 'core-router-1', 0, 0, 'S-1');
INSERT INTO alarms(id, state, severity, active, probable_cause, specific_problem, object_id, changed_ms, ack,
                   parent_ids)
  VALUES ('A-1', 0, 0, 1, 'linkDown', 'Link down on uplink', 'NE-1', 1000, 0, NULL),
         ('A-2', 0, 1, 1, 'powerProblem', 'Rectifier failure', 'NE-1', 2000, 1, '["A-1"]'),
         ('A-3', 2, 5, 0, 'linkDown', 'Cleared link', 'NE-9', 3000, 0, NULL);
INSERT INTO tickets(id, name, status) VALUES ('TT-1', 'Fibre cut', 4);
INSERT INTO ticket_notes(ticket_id, ord, note_id, author, text) VALUES ('TT-1', 0, 'N1', 'bob', 'dispatched');
INSERT INTO outbox(uuid, seq, kind, target_kind, target_id, payload, state)
  VALUES ('u-1', 1, 'alarm.ack', 'alarm', 'A-1', '{}', 'pending');
INSERT INTO sync_state(collection, high_water_ms, stream_seq) VALUES ('alarm', 5000, 42);
INSERT INTO metadata(key, value) VALUES ('server', 'https://oss.example');
INSERT INTO map_positions(map_id, element_id, x, y, pinned) VALUES ('main', 'NE-1', 10, 20, 1);
)SQL");
            break;
        case 3: // v3 dropped the triggers: the rows and, as the writer keeps them, the derived tables
            seedVersion(db, 1);
            sqliteExec(db, R"SQL(
INSERT INTO alarm_correlation(alarm_id, kind, related_id) VALUES ('A-2', 0, 'A-1');
INSERT INTO alarms_fts(rowid, probable_cause, specific_problem, object_id)
  SELECT aid, probable_cause, specific_problem, object_id FROM alarms;
UPDATE alarm_counts SET n = (SELECT count(*) FROM alarms
  WHERE alarms.active = alarm_counts.active AND alarms.severity = alarm_counts.severity
    AND alarms.ack = alarm_counts.ack);
)SQL");
            break;
        default:
            QFAIL(qPrintable(QStringLiteral("no seed for schema version %1").arg(version)));
        }
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        // As noc-console's main() does, before anything opens a database.
        QVERIFY(CacheSchema::configureLibrary());
    }

    void librarySettingsApplyBeforeTheFirstConnectionOnly() {
        CacheWriter writer;
        openWriter(writer);
        CacheBatch batch;
        for (int i = 0; i < 100; ++i)
            batch.alarms.append(makeAlarm(i));
        writer.apply(batch);
        // Memory statistics are off (no process-wide mutex per allocation): nothing is counted
        QCOMPARE(sqlite3_memory_used(), sqlite3_int64(0));
        // and once SQLite is initialized the settings can no longer change
        QVERIFY(!CacheSchema::configureLibrary());
    }

    // --- schema and migrations

    void freshCacheIsCreatedAtCurrentVersionInWalMode() {
        // Given no file, When the cache is opened
        const QString path = freshPath();
        const auto result = CacheDatabase::open(path);
        // Then it is created at the current schema version, in WAL mode
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.outcome, CacheOpenResult::Outcome::Created);
        RawDb raw(path);
        QCOMPARE(raw.number("PRAGMA user_version"), qint64(CacheSchema::kCurrentVersion));
        QCOMPARE(raw.text("PRAGMA journal_mode"), QStringLiteral("wal"));
        // And opening again changes nothing
        QCOMPARE(CacheDatabase::open(path).outcome, CacheOpenResult::Outcome::Opened);
    }

    void everyOlderVersionMigratesWithItsDataIntact_data() {
        QTest::addColumn<int>("version");
        for (int v = 1; v < CacheSchema::kCurrentVersion; ++v)
            QTest::addRow("v%d", v) << v;
    }

    void everyOlderVersionMigratesWithItsDataIntact() {
        QFETCH(int, version);
        // Given a cache at an older schema version holding data
        const QString path = freshPath();
        {
            RawDb raw(path);
            CacheSchema::migrate(raw.db(), version);
            QCOMPARE(raw.number("PRAGMA user_version"), qint64(version));
            seedVersion(raw.db(), version);
        }
        // When the current console opens it
        const auto result = CacheDatabase::open(path);
        // Then it is migrated and every row survived
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.outcome, CacheOpenResult::Outcome::Migrated);
        QCOMPARE(result.previousVersion, version);
        CacheReader reader;
        QVERIFY(reader.open(path));
        QCOMPARE(reader.schemaVersion(), CacheSchema::kCurrentVersion);
        QCOMPARE(reader.alarm(QStringLiteral("A-2"))->parentAlarmIds, QStringList{QStringLiteral("A-1")});
        QCOMPARE(reader.childAlarmIds(QStringLiteral("A-1")), QStringList{QStringLiteral("A-2")});
        QCOMPARE(reader.element(QStringLiteral("NE-1"))->siteId, QStringLiteral("S-1"));
        QCOMPARE(reader.site(QStringLiteral("S-1"))->region, QStringLiteral("south"));
        QCOMPARE(reader.ticket(QStringLiteral("TT-1"))->notes.value(0).text, QStringLiteral("dispatched"));
        QCOMPARE(reader.outbox().size(), 1);
        QCOMPARE(reader.syncState(QStringLiteral("alarm"))->streamSeq, 42);
        QCOMPARE(reader.metadata(QStringLiteral("server")), QStringLiteral("https://oss.example"));
        QCOMPARE(reader.mapPositions(QStringLiteral("main")).size(), 1);
        QCOMPARE(reader.searchAlarms(QStringLiteral("rectifier")).size(), 1);
        // v2 counts alarms that existed before the migration: 1 critical unacked, 1 major acked
        const auto counts = reader.activeSeverityCounts();
        QCOMPARE(counts[0].total, 1);
        QCOMPARE(counts[0].unacknowledged, 1);
        QCOMPARE(counts[1].total, 1);
        QCOMPARE(counts[1].unacknowledged, 0);
        QCOMPARE(reader.alarmCount(false), 3);
        // And the writer keeps working on the migrated file
        CacheWriter writer;
        QVERIFY(writer.open(path));
        CacheBatch batch;
        batch.alarms = {makeAlarm(1)};
        batch.alarms = {makeAlarm(100)};
        QCOMPARE(writer.apply(batch).alarms.inserted, QStringList{QStringLiteral("A-100")});
    }

    void cacheFromANewerConsoleIsRefusedAndLeftInPlace() {
        const QString path = freshPath();
        QVERIFY(CacheDatabase::open(path).ok());
        {
            RawDb raw(path);
            raw.exec("PRAGMA user_version=99");
        }
        const auto result = CacheDatabase::open(path);
        QVERIFY(!result.ok());
        QVERIFY2(result.message.contains(path), qPrintable(result.message));
        QVERIFY(result.message.contains(QStringLiteral("newer")));
        QVERIFY(QFileInfo::exists(path));
        QVERIFY(result.movedAsidePath.isEmpty());
    }

    // --- writer and change sets

    void applyingABatchReportsInsertedThenOnlyRealChanges() {
        CacheWriter writer;
        openWriter(writer);
        CacheBatch batch;
        for (int i = 0; i < 10; ++i)
            batch.alarms.append(makeAlarm(i));
        // When ten new alarms are applied, Then all ten are reported inserted
        ChangeSet first = writer.apply(batch);
        QVERIFY2(!writer.lastError().isError(), qPrintable(writer.lastError().message));
        QCOMPARE(first.alarms.inserted.size(), 10);
        QVERIFY(first.alarms.updated.isEmpty());
        // When the same batch comes again, Then nothing is reported
        ChangeSet again = writer.apply(batch);
        QVERIFY(again.isEmpty());
        // When one alarm changes severity, Then only that one is reported updated
        batch.alarms[3].perceivedSeverity = Severity::Critical;
        batch.alarms[3].alarmChangedTime += 1;
        ChangeSet third = writer.apply(batch);
        QCOMPARE(third.alarms.updated, QStringList{QStringLiteral("A-3")});
        QVERIFY(third.alarms.inserted.isEmpty());
    }

    void everyAlarmFieldSurvivesTheRoundTrip() {
        CacheWriter writer;
        const QString path = openWriter(writer);
        Alarm a = makeAlarm(5);
        a.clearUserId = QStringLiteral("carol");
        a.clearSystemId = QStringLiteral("oss");
        a.alarmClearedTime = 123;
        a.parentAlarmIds = {QStringLiteral("A-1"), QStringLiteral("A-2")};
        a.correlatedAlarmIds = {QStringLiteral("A-9")};
        a.comments = {{QStringLiteral("alice"), QStringLiteral("noc"), 77, QStringLiteral("on it, 中文")}};
        CacheBatch batch;
        batch.alarms = {a};
        writer.apply(batch);
        CacheReader reader;
        QVERIFY(reader.open(path));
        QCOMPARE(*reader.alarm(a.id), a);
        QCOMPARE(reader.childAlarmIds(QStringLiteral("A-2")), QStringList{a.id});
        QCOMPARE(reader.correlatedAlarmIds(QStringLiteral("A-9")), QStringList{a.id});
        // When the parent list changes, the correlation table follows
        a.parentAlarmIds = {QStringLiteral("A-3")};
        batch.alarms = {a};
        writer.apply(batch);
        QVERIFY(reader.childAlarmIds(QStringLiteral("A-2")).isEmpty());
        QCOMPARE(reader.childAlarmIds(QStringLiteral("A-3")), QStringList{a.id});
    }

    void inventoryAndTicketsSurviveTheRoundTrip() {
        CacheWriter writer;
        const QString path = openWriter(writer);
        Site site = makeSite(1, QStringLiteral("north"));
        Site bare;
        bare.id = QStringLiteral("S-bare"); // no coordinates: NaN must come back as NaN
        NetworkElement element = makeElement(1, site.id);
        Link link{QStringLiteral("L-1"),
                  QStringLiteral("ring"),
                  QStringLiteral("NE-1"),
                  QStringLiteral("ge-0/0/1"),
                  QStringLiteral("NE-2"),
                  QStringLiteral("ge-0/0/2"),
                  1e10,
                  0.42,
                  QStringLiteral("enable"),
                  9};
        TroubleTicket t;
        t.id = QStringLiteral("TT-9");
        t.name = QStringLiteral("Fibre cut");
        t.description = QStringLiteral("Backhoe");
        t.severity = QStringLiteral("critical");
        t.priority = QStringLiteral("1");
        t.ticketType = QStringLiteral("incident");
        t.status = TicketStatus::InProgress;
        t.statusChangeReason = QStringLiteral("crew sent");
        t.creationDate = 1;
        t.lastUpdate = 2;
        t.expectedResolutionDate = 3;
        t.relatedParties = {{QStringLiteral("u1"), QStringLiteral("Ann"), QStringLiteral("assignee"),
                             QStringLiteral("Individual")}};
        t.relatedEntities = {{QStringLiteral("A-1"), QStringLiteral("alarm"), QStringLiteral("cause"),
                              QStringLiteral("Alarm")}};
        t.notes = {{QStringLiteral("n1"), QStringLiteral("Ann"), 5, QStringLiteral("on site")}};
        t.statusChanges = {{4, QStringLiteral("start"), TicketStatus::InProgress}};
        CacheBatch batch;
        batch.sites = {site, bare};
        batch.elements = {element};
        batch.links = {link};
        batch.tickets = {t};
        const ChangeSet changes = writer.apply(batch);
        QCOMPARE(changes.sites.inserted.size(), 2);
        QCOMPARE(changes.elements.inserted, QStringList{element.id});
        QCOMPARE(changes.links.inserted, QStringList{link.id});
        QCOMPARE(changes.tickets.inserted, QStringList{t.id});
        // Identical inventory (including the NaN coordinates) is not reported again
        QVERIFY(writer.apply(batch).isEmpty());

        CacheReader reader;
        QVERIFY(reader.open(path));
        QCOMPARE(*reader.site(site.id), site);
        QVERIFY(!reader.site(bare.id)->hasCoordinates());
        QCOMPARE(*reader.element(element.id), element);
        QCOMPARE(*reader.link(link.id), link);
        QCOMPARE(*reader.ticket(t.id), t);
        QCOMPARE(reader.tickets({{}, QStringLiteral("u1"), {}, false}).size(), 1);
        QCOMPARE(reader.tickets({{}, {}, QStringLiteral("A-1"), false}).size(), 1);
        QCOMPARE(reader.tickets({{TicketStatus::Closed}, {}, {}, false}).size(), 0);
        // When a ticket changes, its notes are replaced, not appended
        t.notes.append({QStringLiteral("n2"), QStringLiteral("Ann"), 6, QStringLiteral("spliced")});
        batch = {};
        batch.tickets = {t};
        QCOMPARE(writer.apply(batch).tickets.updated, QStringList{t.id});
        QCOMPARE(reader.ticket(t.id)->notes.size(), 2);
    }

    void removalsReportOnlyRowsThatExisted() {
        CacheWriter writer;
        openWriter(writer);
        CacheBatch batch;
        batch.alarms = {makeAlarm(1), makeAlarm(2)};
        writer.apply(batch);
        CacheBatch removal;
        removal.removedAlarmIds = {QStringLiteral("A-1"), QStringLiteral("A-404")};
        const ChangeSet changes = writer.apply(removal);
        QCOMPARE(changes.alarms.removed, QStringList{QStringLiteral("A-1")});
    }

    void aBatchThatFailsHalfwayLeavesNothingBehind() {
        CacheWriter writer;
        const QString path = openWriter(writer);
        // Given a batch whose last part violates a constraint (an outbox entry without a kind)
        CacheBatch batch;
        batch.alarms = {makeAlarm(1), makeAlarm(2)};
        OutboxEntry broken = makeOutbox(1, QStringLiteral("A-1"));
        broken.kind.clear();
        batch.outboxInserts = {broken};
        // When it is applied, Then it fails and none of its alarms are stored
        const ChangeSet changes = writer.apply(batch);
        QVERIFY(changes.isEmpty());
        QVERIFY(writer.lastError().isError());
        QVERIFY(!writer.lastError().transient);
        CacheReader reader;
        QVERIFY(reader.open(path));
        QCOMPARE(reader.alarmCount(false), 0);
        // And the writer still works afterwards
        batch.outboxInserts.clear();
        QCOMPARE(writer.apply(batch).alarms.inserted.size(), 2);
    }

    void changeSetMergeFollowsTheRowLifecycle() {
        ChangeSet a;
        a.alarms.inserted = {QStringLiteral("x"), QStringLiteral("y")};
        a.alarms.updated = {QStringLiteral("z")};
        a.alarms.removed = {QStringLiteral("w")};
        ChangeSet b;
        b.alarms.updated = {QStringLiteral("x")};
        b.alarms.removed = {QStringLiteral("y"), QStringLiteral("z")};
        b.alarms.inserted = {QStringLiteral("w")};
        b.outboxChanged = true;
        a.merge(b);
        QCOMPARE(a.alarms.inserted, QStringList{QStringLiteral("x")}); // insert + update
        QCOMPARE(a.alarms.removed, QStringList{QStringLiteral("z")});  // update + remove; y never seen
        QCOMPARE(a.alarms.updated, QStringList{QStringLiteral("w")});  // remove + insert
        QVERIFY(a.outboxChanged);
        QVERIFY(!a.syncStateChanged);
    }

    void pendingMarksAreSetClearedAndReportedOnce() {
        CacheWriter writer;
        const QString path = openWriter(writer);
        CacheBatch batch;
        batch.alarms = {makeAlarm(1), makeAlarm(2)};
        TroubleTicket t;
        t.id = QStringLiteral("TT-1");
        batch.tickets = {t};
        writer.apply(batch);
        // When the user acks A-1 (optimistic effect + outbox entry + pending mark, one transaction)
        CacheBatch ack;
        Alarm acked = makeAlarm(1);
        acked.ackState = AckState::Acknowledged;
        ack.alarms = {acked};
        ack.outboxInserts = {makeOutbox(1, acked.id)};
        ack.pendingAlarmIds.insert(acked.id, true);
        ack.pendingTicketIds.insert(t.id, true);
        const ChangeSet changes = writer.apply(ack);
        QCOMPARE(changes.alarms.updated, QStringList{acked.id});
        QCOMPARE(changes.tickets.updated, QStringList{t.id});
        QVERIFY(changes.outboxChanged);
        CacheReader reader;
        QVERIFY(reader.open(path));
        QVERIFY(reader.isAlarmPending(acked.id));
        QVERIFY(!reader.isAlarmPending(QStringLiteral("A-2")));
        QVERIFY(reader.isTicketPending(t.id));
        QCOMPARE(reader.pendingAlarmIds(), QStringList{acked.id});
        QVERIFY(reader.alarmPage({}, 10).pendingIds.contains(acked.id));
        // Setting a mark that is already set reports nothing
        CacheBatch same;
        same.pendingAlarmIds.insert(acked.id, true);
        QVERIFY(writer.apply(same).alarms.isEmpty());
        // When the server confirms, the mark is cleared and reported
        CacheBatch confirm;
        confirm.pendingAlarmIds.insert(acked.id, false);
        confirm.outboxRemovals = {makeOutbox(1, acked.id).uuid};
        QCOMPARE(writer.apply(confirm).alarms.updated, QStringList{acked.id});
        QVERIFY(!reader.isAlarmPending(acked.id));
        QVERIFY(reader.outbox().isEmpty());
    }

    void outboxKeepsSendOrderPerTargetAndState() {
        CacheWriter writer;
        const QString path = openWriter(writer);
        CacheBatch batch;
        for (int i = 0; i < 6; ++i)
            batch.outboxInserts.append(
                makeOutbox(i, i % 2 ? QStringLiteral("A-odd") : QStringLiteral("A-even")));
        writer.apply(batch);
        CacheBatch later;
        later.outboxInserts = {makeOutbox(6, QStringLiteral("A-odd"))};
        writer.apply(later);
        CacheReader reader;
        QVERIFY(reader.open(path));
        const auto all = reader.outbox();
        QCOMPARE(all.size(), 7);
        for (int i = 0; i < all.size(); ++i) {
            QCOMPARE(all[i].uuid, makeOutbox(i, {}).uuid);
            if (i > 0)
                QVERIFY(all[i].seq > all[i - 1].seq);
        }
        const auto odd = reader.outboxFor(QStringLiteral("alarm"), QStringLiteral("A-odd"));
        QCOMPARE(odd.size(), 4);
        QCOMPARE(odd.first().uuid, makeOutbox(1, {}).uuid);
        QCOMPARE(odd.last().uuid, makeOutbox(6, {}).uuid);
        QCOMPARE(odd.first().payload, makeOutbox(1, {}).payload);
        // State updates and conflicts
        CacheBatch sent;
        sent.outboxUpdates = {{makeOutbox(1, {}).uuid, OutboxState::Conflict, 3, QStringLiteral("412")}};
        ConflictRecord conflict;
        conflict.outboxUuid = makeOutbox(1, {}).uuid;
        conflict.kind = QStringLiteral("alarm.ack");
        conflict.targetKind = QStringLiteral("alarm");
        conflict.targetId = QStringLiteral("A-odd");
        conflict.userIntent = "{\"ackState\":\"acknowledged\"}";
        conflict.serverState = "{\"state\":\"cleared\"}";
        conflict.message = QStringLiteral("The alarm was cleared meanwhile.");
        conflict.createdMs = 5;
        sent.conflictInserts = {conflict};
        const ChangeSet changes = writer.apply(sent);
        QVERIFY(changes.outboxChanged && changes.conflictsChanged);
        const auto updated = reader.outboxFor(QStringLiteral("alarm"), QStringLiteral("A-odd")).first();
        QVERIFY(updated.state == OutboxState::Conflict);
        QCOMPARE(updated.attempts, 3);
        QCOMPARE(updated.lastError, QStringLiteral("412"));
        auto stored = reader.conflicts();
        QCOMPARE(stored.size(), 1);
        conflict.id = stored.first().id;
        QCOMPARE(stored.first(), conflict);
        // Removing the outbox entry keeps the conflict (the user still has to decide)
        CacheBatch discard;
        discard.outboxRemovals = {conflict.outboxUuid};
        writer.apply(discard);
        QCOMPARE(reader.conflicts().size(), 1);
        QVERIFY(reader.conflicts().first().outboxUuid.isEmpty());
    }

    void pendingMarksOfUpsertedAlarmsAreWrittenAsTheSeparateWriteDid() {
        CacheWriter writer;
        const QString path = openWriter(writer);
        CacheBatch stored;
        stored.alarms = {makeAlarm(0), makeAlarm(1), makeAlarm(2), makeAlarm(3)};
        writer.apply(stored);
        // When one batch acks A-0 and A-1, carries A-2 unchanged, and marks all three
        CacheBatch ack;
        for (int i : {0, 1}) {
            Alarm a = makeAlarm(i);
            a.ackState = AckState::Acknowledged;
            ack.alarms.append(a);
        }
        ack.alarms.append(makeAlarm(2));
        for (int i : {0, 1, 2})
            ack.pendingAlarmIds.insert(makeAlarm(i).id, true);
        const ChangeSet changes = writer.apply(ack);
        // Then all three are pending (the unchanged row too) and each is reported once
        QStringList updated = changes.alarms.updated;
        updated.sort();
        QCOMPARE(updated, QStringList({QStringLiteral("A-0"), QStringLiteral("A-1"), QStringLiteral("A-2")}));
        CacheReader reader;
        QVERIFY(reader.open(path));
        QStringList pending = reader.pendingAlarmIds();
        pending.sort();
        QCOMPARE(pending, updated);
        QVERIFY(reader.alarm(QStringLiteral("A-0"))->ackState == AckState::Acknowledged);
        // And a mark on an acknowledged alarm cleared in the same batch as its new version clears it
        CacheBatch confirm;
        Alarm server = makeAlarm(0);
        server.ackState = AckState::Acknowledged;
        server.ackUserId = QStringLiteral("alice");
        confirm.alarms = {server};
        confirm.pendingAlarmIds.insert(server.id, false);
        QCOMPARE(writer.apply(confirm).alarms.updated, QStringList{server.id});
        QVERIFY(!reader.isAlarmPending(server.id));
        QCOMPARE(reader.alarm(server.id)->ackUserId, QStringLiteral("alice"));
        // And in a batch with a replace-all of alarms the marks are still written after it: an alarm
        // upserted with a mark but left out of the server's listing is removed, as it always was
        CacheBatch full;
        Alarm gone = makeAlarm(3);
        gone.perceivedSeverity = Severity::Minor;
        full.alarms = {gone};
        full.pendingAlarmIds.insert(gone.id, true);
        ReplaceAll listing;
        listing.kind = EntityKind::Alarm;
        listing.keepIds = {QStringLiteral("A-0"), QStringLiteral("A-1"), QStringLiteral("A-2")};
        full.replaceAll = {listing};
        writer.apply(full);
        QVERIFY(!reader.alarm(gone.id).has_value());
        QCOMPARE(reader.alarmCount(false), 3);
    }

    void outboxSeqsFollowTheQueueWhateverABatchHolds() {
        CacheWriter writer;
        const QString path = openWriter(writer);
        CacheBatch first;
        first.outboxInserts = {makeOutbox(0, QStringLiteral("A-0")), makeOutbox(1, QStringLiteral("A-1"))};
        writer.apply(first);
        // When a batch repeats an entry already queued (a replay after a crash), names an explicit
        // seq for one, and adds others
        CacheBatch next;
        OutboxEntry pinned = makeOutbox(3, QStringLiteral("A-3"));
        pinned.seq = 10;
        next.outboxInserts = {makeOutbox(1, QStringLiteral("A-1")), makeOutbox(2, QStringLiteral("A-2")),
                              pinned, makeOutbox(4, QStringLiteral("A-4"))};
        writer.apply(next);
        // Then the repeated entry is stored once and takes no seq; the others follow the queue
        CacheReader reader;
        QVERIFY(reader.open(path));
        const QList<OutboxEntry> all = reader.outbox();
        QList<qint64> seqs;
        QStringList uuids;
        for (const OutboxEntry &e : all) {
            seqs.append(e.seq);
            uuids.append(e.uuid);
        }
        QCOMPARE(seqs, QList<qint64>({1, 2, 3, 10, 11}));
        QStringList expected;
        for (int i = 0; i < 5; ++i)
            expected.append(makeOutbox(i, {}).uuid);
        QCOMPARE(uuids, expected);
    }

    void fullReconcileRemovesWhatTheServerNoLongerHasButKeepsPendingRows() {
        CacheWriter writer;
        const QString path = openWriter(writer);
        CacheBatch batch;
        for (int i = 0; i < 5; ++i)
            batch.alarms.append(makeAlarm(i));
        batch.pendingAlarmIds.insert(QStringLiteral("A-4"), true);
        batch.elements = {makeElement(1, {}), makeElement(2, {})};
        batch.mapPositions = {{QStringLiteral("main"), QStringLiteral("NE-2"), 1, 2, true}};
        writer.apply(batch);
        // When a full listing holds only A-0 and A-1 (and updates A-1), and only NE-1
        CacheBatch full;
        Alarm a1 = makeAlarm(1);
        a1.perceivedSeverity = Severity::Critical;
        full.alarms = {makeAlarm(0), a1};
        full.replaceAll = {{EntityKind::Alarm, {QStringLiteral("A-0"), QStringLiteral("A-1")}},
                           {EntityKind::Element, {QStringLiteral("NE-1")}}};
        const ChangeSet changes = writer.apply(full);
        // Then A-2, A-3 are removed, A-4 (pending local change) stays, NE-2 and its position go
        QCOMPARE(changes.alarms.updated, QStringList{QStringLiteral("A-1")});
        auto removed = changes.alarms.removed;
        removed.sort();
        QCOMPARE(removed, (QStringList{QStringLiteral("A-2"), QStringLiteral("A-3")}));
        QCOMPARE(changes.elements.removed, QStringList{QStringLiteral("NE-2")});
        CacheReader reader;
        QVERIFY(reader.open(path));
        QVERIFY(reader.alarm(QStringLiteral("A-4")));
        QCOMPARE(reader.alarmCount(false), 3);
        QVERIFY(reader.mapPositions(QStringLiteral("main")).isEmpty());
    }

    void mapPositionsSyncStateAndMetadataAreStored() {
        CacheWriter writer;
        const QString path = openWriter(writer);
        CacheBatch batch;
        batch.elements = {makeElement(1, {})};
        batch.mapPositions = {{QStringLiteral("main"), QStringLiteral("NE-1"), 1.5, -2.5, true},
                              {QStringLiteral("main"), QStringLiteral("NE-unknown"), 0, 0, false}};
        batch.syncStates = {{QStringLiteral("alarm"), 10, 20, 30, 40}};
        batch.metadata.insert(QStringLiteral("profile"), QStringLiteral("lab"));
        batch.metadata.insert(QStringLiteral("empty"), QStringLiteral(""));
        const ChangeSet changes = writer.apply(batch);
        QVERIFY(changes.mapPositionsChanged && changes.syncStateChanged && changes.metadataChanged);
        CacheReader reader;
        QVERIFY(reader.open(path));
        const auto positions = reader.mapPositions(QStringLiteral("main"));
        QCOMPARE(positions.size(), 1); // the unknown element was skipped, not a failed batch
        QCOMPARE(positions.first(),
                 (MapPosition{QStringLiteral("main"), QStringLiteral("NE-1"), 1.5, -2.5, true}));
        QCOMPARE(*reader.syncState(QStringLiteral("alarm")),
                 (SyncState{QStringLiteral("alarm"), 10, 20, 30, 40}));
        QCOMPARE(reader.metadata(QStringLiteral("profile")), QStringLiteral("lab"));
        QVERIFY(!reader.metadata(QStringLiteral("empty")).isNull());
        QVERIFY(reader.metadata(QStringLiteral("missing")).isNull());
        CacheBatch remove;
        remove.metadata.insert(QStringLiteral("profile"), QString());
        writer.apply(remove);
        QVERIFY(reader.metadata(QStringLiteral("profile")).isNull());
    }

    void freeTextStaysExactWhenOneBatchTouchesARowSeveralTimes() {
        CacheWriter writer;
        const QString path = openWriter(writer);
        RawDb raw(path);
        const auto ftsIntact = [&raw] {
            // FTS5 compares its index with the alarms table; throws (fails) when they differ
            raw.exec("INSERT INTO alarms_fts(alarms_fts, rank) VALUES('integrity-check', 1)");
        };
        CacheReader reader;
        QVERIFY(reader.open(path));
        const auto withProblem = [](int i, const char *problem) {
            Alarm a = makeAlarm(i);
            a.specificProblem = QString::fromUtf8(problem);
            return a;
        };
        // Inserted and rewritten in the same batch: only the last text is found
        CacheBatch first;
        first.alarms = {withProblem(1, "alpha"), withProblem(1, "bravo"), withProblem(2, "charlie")};
        QCOMPARE(writer.apply(first).alarms.inserted.size(), 2);
        ftsIntact();
        QVERIFY(reader.searchAlarms(QStringLiteral("alpha")).isEmpty());
        QCOMPARE(reader.searchAlarms(QStringLiteral("bravo")).size(), 1);
        // Existing row rewritten twice, another removed and re-added, in one batch
        CacheBatch second;
        second.alarms = {withProblem(1, "delta"), withProblem(1, "echo"), withProblem(3, "foxtrot")};
        second.removedAlarmIds = {QStringLiteral("A-2"), QStringLiteral("A-3")};
        const ChangeSet changes = writer.apply(second);
        QCOMPARE(changes.alarms.updated, QStringList{QStringLiteral("A-1")});
        QCOMPARE(changes.alarms.removed, QStringList{QStringLiteral("A-2")}); // A-3 came and went
        ftsIntact();
        for (const char *gone : {"bravo", "delta", "charlie", "foxtrot"})
            QVERIFY2(reader.searchAlarms(QString::fromLatin1(gone)).isEmpty(), gone);
        QCOMPARE(reader.searchAlarms(QStringLiteral("echo")).size(), 1);
        // Re-added after removal in a later batch, and a full reconcile that removes it again
        CacheBatch third;
        third.alarms = {withProblem(2, "golf \"quoted\" \\ back\nslash 中文")};
        writer.apply(third);
        ftsIntact();
        QCOMPARE(reader.searchAlarms(QStringLiteral("golf")).size(), 1);
        QCOMPARE(reader.searchAlarms(QStringLiteral("中文")).size(), 1);
        CacheBatch reconcile;
        reconcile.replaceAll = {{EntityKind::Alarm, {QStringLiteral("A-1")}}};
        QCOMPARE(writer.apply(reconcile).alarms.removed, QStringList{QStringLiteral("A-2")});
        ftsIntact();
        QVERIFY(reader.searchAlarms(QStringLiteral("golf")).isEmpty());
        // A failed batch leaves the index as it was (its pending FTS work is rolled back too)
        CacheBatch failing;
        failing.alarms = {withProblem(1, "hotel")};
        OutboxEntry broken = makeOutbox(1, QStringLiteral("A-1"));
        broken.kind.clear();
        failing.outboxInserts = {broken};
        QVERIFY(writer.apply(failing).isEmpty());
        CacheBatch after;
        after.alarms = {withProblem(4, "india")};
        writer.apply(after);
        ftsIntact();
        QVERIFY(reader.searchAlarms(QStringLiteral("hotel")).isEmpty());
        QCOMPARE(reader.searchAlarms(QStringLiteral("echo")).size(), 1);
    }

    // --- reader

    void keysetPagesVisitEveryAlarmOnceInListOrder_data() {
        QTest::addColumn<bool>("activeOnly");
        QTest::addColumn<int>("filterKind"); // 0 none, 1 severities, 2 unacked, 3 element, 4 site, 5 region
        for (bool active : {true, false})
            for (int f = 0; f <= 5; ++f)
                QTest::addRow("%s-filter%d", active ? "active" : "all", f) << active << f;
    }

    void keysetPagesVisitEveryAlarmOnceInListOrder() {
        QFETCH(bool, activeOnly);
        QFETCH(int, filterKind);
        CacheWriter writer;
        const QString path = openWriter(writer);
        // Given 1500 alarms over 20 elements at 4 sites in 2 regions, with many equal change times
        CacheBatch batch;
        for (int s = 0; s < 4; ++s)
            batch.sites.append(makeSite(s, s < 2 ? QStringLiteral("north") : QStringLiteral("south")));
        for (int e = 0; e < 20; ++e)
            batch.elements.append(makeElement(e, QStringLiteral("S-%1").arg(e % 4)));
        QRandomGenerator rng(42);
        QList<Expected> expected;
        for (int i = 0; i < 1500; ++i) {
            Alarm a = makeAlarm(i, QStringLiteral("NE-%1").arg(rng.bounded(22))); // NE-20/21: unknown
            a.perceivedSeverity = Severity(rng.bounded(6));
            a.alarmChangedTime = 1000 + rng.bounded(40); // lots of ties: the rowid breaks them
            a.state = rng.bounded(5) == 0 ? AlarmState::Cleared : AlarmState::Raised;
            a.ackState = rng.bounded(2) ? AckState::Acknowledged : AckState::Unacknowledged;
            batch.alarms.append(a);
        }
        writer.apply(batch);
        AlarmFilter filter;
        filter.activeOnly = activeOnly;
        switch (filterKind) {
        case 1:
            filter.severities = {Severity::Minor, Severity::Critical};
            break;
        case 2:
            filter.ack = AckState::Unacknowledged;
            break;
        case 3:
            filter.elementId = QStringLiteral("NE-7");
            break;
        case 4:
            filter.siteId = QStringLiteral("S-2");
            break;
        case 5:
            filter.region = QStringLiteral("north");
            break;
        default:
            break;
        }
        for (int i = 0; i < batch.alarms.size(); ++i) {
            const Alarm &a = batch.alarms[i];
            const int element = a.alarmedObjectId.mid(3).toInt();
            const bool known = element < 20;
            if (activeOnly && !a.isActive())
                continue;
            if (filterKind == 1 && !filter.severities.contains(a.perceivedSeverity))
                continue;
            if (filterKind == 2 && a.ackState != AckState::Unacknowledged)
                continue;
            if (filterKind == 3 && a.alarmedObjectId != filter.elementId)
                continue;
            if (filterKind == 4 && !(known && element % 4 == 2))
                continue;
            if (filterKind == 5 && !(known && element % 4 < 2))
                continue;
            expected.append({a.id, a.isActive(), sevCode(a.perceivedSeverity), a.alarmChangedTime, i});
        }
        std::sort(expected.begin(), expected.end(), [](const Expected &x, const Expected &y) {
            if (x.active != y.active)
                return x.active;
            if (x.severity != y.severity)
                return x.severity < y.severity;
            if (x.changed != y.changed)
                return x.changed > y.changed;
            return x.seq > y.seq;
        });
        QVERIFY(!expected.isEmpty());
        // When the list is read in pages of 37
        CacheReader reader;
        QVERIFY(reader.open(path));
        QStringList seen;
        std::optional<AlarmCursor> cursor;
        for (int guard = 0; guard < 1000; ++guard) {
            const AlarmPage page = reader.alarmPage(filter, 37, cursor);
            QVERIFY2(!reader.lastError().isError(), qPrintable(reader.lastError().message));
            for (const auto &a : page.alarms)
                seen.append(a.id);
            if (!page.next)
                break;
            cursor = page.next;
        }
        // Then every matching alarm comes exactly once, in list order
        QStringList want;
        for (const auto &e : expected)
            want.append(e.id);
        QCOMPARE(seen.size(), want.size());
        QCOMPARE(seen, want);
    }

    void eachAlarmViewIsServedByAnIndex() {
        CacheWriter writer;
        const QString path = openWriter(writer);
        CacheReader reader;
        QVERIFY(reader.open(path));
        AlarmFilter plain;
        AlarmFilter severity;
        severity.severities = {Severity::Critical};
        severity.ack = AckState::Unacknowledged;
        AlarmFilter element;
        element.elementId = QStringLiteral("NE-1");
        AlarmFilter site;
        site.siteId = QStringLiteral("S-1");
        AlarmFilter region;
        region.region = QStringLiteral("north");
        for (const auto &[filter, index] :
             {std::pair{plain, "alarms_list"}, std::pair{severity, "alarms_list"},
              std::pair{region, "alarms_list"}, std::pair{element, "alarms_object"},
              std::pair{site, "alarms_object"}}) {
            const QString plan = reader.alarmPagePlan(filter);
            QVERIFY2(plan.contains(QLatin1String(index)), qPrintable(plan));
            QVERIFY2(!plan.contains(QLatin1String("SCAN alarms")), qPrintable(plan));
        }
    }

    // The writer leaves the list key (active, severity, changed_ms) and the object key (object_id,
    // probable_cause) out of an update that does not change them; every kind of change must still
    // leave each index, the FTS index and the counts equal to the rows.
    void updatesKeepEveryIndexExactWhicheverColumnsChange() {
        CacheWriter writer;
        const QString path = openWriter(writer);
        CacheBatch batch;
        for (int i = 0; i < 50; ++i)
            batch.alarms.append(makeAlarm(i)); // one per element, NE-0..NE-49
        writer.apply(batch);
        CacheReader reader;
        QVERIFY(reader.open(path));
        RawDb raw(path);
        const auto elementAlarms = [&](const QString &elementId) {
            AlarmFilter filter;
            filter.elementId = elementId;
            QStringList ids;
            for (const auto &a : reader.alarmPage(filter, 1000).alarms)
                ids.append(a.id);
            std::sort(ids.begin(), ids.end());
            return ids;
        };
        const auto checkIndexes = [&](const char *step) {
            QVERIFY2(raw.text("PRAGMA integrity_check") == QLatin1String("ok"), step);
            // FTS5's own check of its index structure (it does not compare with the alarms rows in
            // SQLite 3.40; the searches below do that).
            raw.exec("INSERT INTO alarms_fts(alarms_fts) VALUES('integrity-check')");
            QCOMPARE(
                raw.number("SELECT count(*) FROM alarm_counts c WHERE n <> (SELECT count(*) FROM alarms a "
                           "WHERE a.active=c.active AND a.severity=c.severity AND a.ack=c.ack)"),
                0);
        };
        checkIndexes("after insert");
        QCOMPARE(elementAlarms(QStringLiteral("NE-7")), QStringList{QStringLiteral("A-7")});

        // Given alarms A-1..A-6, When each changes a different set of columns
        Alarm ackOnly = makeAlarm(1); // ack: neither key
        ackOnly.ackState = AckState::Acknowledged;
        ackOnly.ackUserId = QStringLiteral("bob");
        Alarm cleared = makeAlarm(2); // a storm's clear: list key only
        cleared.state = AlarmState::Cleared;
        cleared.alarmClearedTime = cleared.alarmChangedTime = cleared.alarmRaisedTime + 60'000;
        Alarm worse = makeAlarm(3); // severity, same change time: list key only
        worse.perceivedSeverity = Severity::Critical;
        Alarm newCause = makeAlarm(4); // object key only (and FTS)
        newCause.probableCause = QStringLiteral("equipmentMalfunction");
        Alarm moved = makeAlarm(6); // object key, list key and FTS
        moved.alarmedObjectId = QStringLiteral("NE-7");
        moved.alarmChangedTime += 5;
        Alarm problemOnly = makeAlarm(5); // FTS text, neither key
        problemOnly.specificProblem = QStringLiteral("Fan tray replaced");
        CacheBatch change;
        change.alarms = {ackOnly, cleared, worse, newCause, moved, problemOnly};
        const ChangeSet changes = writer.apply(change);
        QVERIFY2(!writer.lastError().isError(), qPrintable(writer.lastError().message));
        QCOMPARE(changes.alarms.updated.size(), 6);

        // Then every index still matches the rows, and the views read through them see the change
        checkIndexes("after updates");
        for (const Alarm &a : {ackOnly, cleared, worse, newCause, moved, problemOnly})
            QCOMPARE(*reader.alarm(a.id), a);
        QCOMPARE(elementAlarms(QStringLiteral("NE-7")),
                 (QStringList{QStringLiteral("A-6"), QStringLiteral("A-7")}));
        QVERIFY(elementAlarms(QStringLiteral("NE-6")).isEmpty());
        QCOMPARE(raw.number("SELECT count(*) FROM alarms INDEXED BY alarms_object_cause "
                            "WHERE object_id='NE-4' AND probable_cause='equipmentMalfunction'"),
                 1);
        QCOMPARE(raw.number("SELECT count(*) FROM alarms INDEXED BY alarms_object_cause "
                            "WHERE object_id='NE-4' AND probable_cause='linkDown'"),
                 0);
        QCOMPARE(reader.searchAlarms(QStringLiteral("replaced")).size(), 1);
        QCOMPARE(reader.searchAlarms(QStringLiteral("equipmentMalfunction")).size(), 1);
        QCOMPARE(reader.searchAlarms(QStringLiteral("linkDown")).size(), 12); // A-0, A-8, .. A-48
        QCOMPARE(raw.number("SELECT count(*) FROM alarms INDEXED BY alarms_list WHERE active=0"), 1);
        QCOMPARE(
            raw.number("SELECT count(*) FROM alarms INDEXED BY alarms_list WHERE active=1 AND severity=0 "
                       "AND changed_ms=1760000003010"),
            1);
    }

    void severityCountsFollowInsertsUpdatesAndRemovals() {
        CacheWriter writer;
        const QString path = openWriter(writer);
        CacheBatch batch;
        for (int i = 0; i < 100; ++i)
            batch.alarms.append(makeAlarm(i)); // severities cycle over 5, every third acked
        writer.apply(batch);
        CacheReader reader;
        QVERIFY(reader.open(path));
        auto counts = reader.activeSeverityCounts();
        QCOMPARE(counts.size(), 6);
        QVERIFY(counts[0].severity == Severity::Critical);
        QCOMPARE(counts[0].total, 20);
        qint64 unacked = 0;
        for (int i = 0; i < 100; i += 5)
            unacked += i % 3 != 0;
        QCOMPARE(counts[0].unacknowledged, unacked);
        // Clear A-0 (critical) and acknowledge A-5 (critical), remove A-10 (critical)
        Alarm cleared = makeAlarm(0);
        cleared.state = AlarmState::Cleared;
        Alarm acked = makeAlarm(5);
        acked.ackState = AckState::Acknowledged;
        CacheBatch change;
        change.alarms = {cleared, acked};
        change.removedAlarmIds = {QStringLiteral("A-10")};
        writer.apply(change);
        counts = reader.activeSeverityCounts();
        QCOMPARE(counts[0].total, 18);
        QCOMPARE(counts[0].unacknowledged, unacked - 2); // A-5 acked, A-10 removed (both were unacked)
        QCOMPARE(reader.alarmCount(true), 98);
        QCOMPARE(reader.alarmCount(false), 99);
    }

    void freeTextFindsAlarmTextAndElementNamesAndFollowsTextChanges() {
        CacheWriter writer;
        const QString path = openWriter(writer);
        CacheBatch batch;
        batch.elements = {makeElement(1, {})};
        batch.elements[0].name = QStringLiteral("edge-olt-münchen");
        for (int i = 0; i < 40; ++i)
            batch.alarms.append(makeAlarm(i)); // NE-0..NE-39 (i % 50)
        writer.apply(batch);
        CacheReader reader;
        QVERIFY(reader.open(path));
        // probable cause / specific problem, prefix, case and accents folded
        QCOMPARE(reader.searchAlarms(QStringLiteral("rectif")).size(), 10);
        QCOMPARE(reader.searchAlarms(QStringLiteral("OPTICAL los")).size(), 10);
        QCOMPARE(reader.searchAlarms(QStringLiteral("optical rectifier")).size(), 0);
        // element name (A-1 is on NE-1) and alarmed object id
        QCOMPARE(reader.searchAlarms(QStringLiteral("munchen")).size(), 1);
        bool found = false;
        for (const auto &hit : reader.searchAlarms(QStringLiteral("NE-1")))
            found = found || hit.id == QStringLiteral("A-1");
        QVERIFY(found);
        QCOMPARE(reader.searchElements(QStringLiteral("edge olt")).value(0).id, QStringLiteral("NE-1"));
        // FTS syntax typed by a user is just text
        QVERIFY(reader.searchAlarms(QStringLiteral("\"unbalanced AND (")).isEmpty());
        QVERIFY(!reader.lastError().isError());
        // A state-only change keeps the text searchable; a text change moves it
        Alarm a = makeAlarm(1);
        a.ackState = AckState::Acknowledged;
        batch = {};
        batch.alarms = {a};
        writer.apply(batch);
        QCOMPARE(reader.searchAlarms(QStringLiteral("rectifier")).size(), 10);
        a.specificProblem = QStringLiteral("Battery discharge");
        batch.alarms = {a};
        writer.apply(batch);
        QCOMPARE(reader.searchAlarms(QStringLiteral("rectifier")).size(), 9);
        QCOMPARE(reader.searchAlarms(QStringLiteral("battery")).size(), 1);
        // removal leaves no ghost in the index
        batch = {};
        batch.removedAlarmIds = {a.id};
        writer.apply(batch);
        QCOMPARE(reader.searchAlarms(QStringLiteral("battery")).size(), 0);
        RawDb raw(path);
        QCOMPARE(raw.text("PRAGMA integrity_check"), QStringLiteral("ok"));
        raw.exec("INSERT INTO alarms_fts(alarms_fts, rank) VALUES('integrity-check', 1)");
    }

    void searchTextIsNeitherSqlNorSearchSyntax_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("sql quote") << QStringLiteral("'; DROP TABLE alarms;--");
        QTest::newRow("double quote") << QStringLiteral("rectifier\"");
        QTest::newRow("OR") << QStringLiteral("rectifier OR battery");
        QTest::newRow("NEAR") << QStringLiteral("NEAR(rectifier battery)");
        QTest::newRow("NOT") << QStringLiteral("rectifier NOT optical");
        QTest::newRow("column filter") << QStringLiteral("probable_cause:rectifier");
        QTest::newRow("star") << QStringLiteral("*");
        QTest::newRow("caret") << QStringLiteral("^rectifier");
        QTest::newRow("minus") << QStringLiteral("-rectifier");
        QTest::newRow("braces") << QStringLiteral("{probable_cause specific_problem}: rectifier");
    }
    void searchTextIsNeitherSqlNorSearchSyntax() {
        // Given alarms about rectifiers and optical loss
        QFETCH(QString, text);
        CacheWriter writer;
        const QString path = openWriter(writer);
        CacheBatch batch;
        for (int i = 0; i < 40; ++i)
            batch.alarms.append(makeAlarm(i));
        writer.apply(batch);
        CacheReader reader;
        QVERIFY(reader.open(path));
        // When a person types SQL or full-text syntax into the search
        const QList<Alarm> hits = reader.searchAlarms(text);
        reader.searchElements(text);
        // Then it is no error, every table is still there, and the words are only words: a hit holds
        // every word (with letters or digits) of the text, as it is written
        QVERIFY2(!reader.lastError().isError(), qPrintable(reader.lastError().message));
        static const QRegularExpression notWord(QStringLiteral("[^\\p{L}\\p{N}]+"));
        const QStringList words = text.split(notWord, Qt::SkipEmptyParts);
        for (const Alarm &hit : hits) {
            const QString haystack = (hit.probableCause + QLatin1Char(' ') + hit.specificProblem +
                                      QLatin1Char(' ') + hit.alarmedObjectId)
                                         .toLower();
            for (const QString &word : words)
                QVERIFY2(haystack.contains(word.toLower()),
                         qPrintable(word + QStringLiteral(" not in ") + haystack));
        }
        QCOMPARE(reader.searchAlarms(QStringLiteral("rectifier")).size(), 10);
        RawDb raw(path);
        QCOMPARE(raw.text("SELECT count(*) FROM alarms"), QStringLiteral("40"));
        QCOMPARE(raw.text("PRAGMA integrity_check"), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(CacheStoreTest)
#include "cache_store_test.moc"
