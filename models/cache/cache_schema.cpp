#include "cache/cache_schema.h"

#include "cache/sqlite_statement.h"

#include <string>

namespace noc {

namespace {

// v1: the tables of issue 3.
// - Domain tables carry an integer rowid alias (aid, eid, tid) where FTS5 needs a stable rowid, plus a
//   unique text id, and `h`: a content hash so that an unchanged upsert is skipped.
// - Alarm comments are a JSON column, not a table: a storm rewrites alarms thousands of times per
//   second and almost never touches comments; a child table would cost a DELETE + INSERTs per
//   upsert, the column costs nothing when NULL, and comments are only read on the detail view.
// - Parent/correlated ids are kept as JSON on the alarm (to read the Alarm back in one row) and
//   mirrored by triggers into alarm_correlation, indexed both ways for "children of this root cause".
// - No FK alarm -> element and element -> site / link -> element: inventory is imperfect and an
//   alarm for an unknown element must still be stored. FKs where the child is owned by the parent.
// - FTS5 external-content tables, kept by triggers that fire only when an indexed text column really
//   changes (AFTER UPDATE OF ... WHEN old IS NOT new): a storm changes state/severity/ack, not text.
const char *const kSchemaV1 = R"SQL(
CREATE TABLE metadata(
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT
) WITHOUT ROWID;

CREATE TABLE sites(
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT, region TEXT, latitude REAL, longitude REAL, address TEXT,
  last_update INTEGER NOT NULL DEFAULT 0,
  h INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sites_region ON sites(region);

CREATE TABLE elements(
  eid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT, category INTEGER NOT NULL DEFAULT 8, vendor TEXT, model TEXT, mgmt_ip TEXT,
  layer INTEGER NOT NULL DEFAULT 3, site_id TEXT, oper_state TEXT, admin_state TEXT, other_json TEXT,
  last_update INTEGER NOT NULL DEFAULT 0,
  h INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX elements_site ON elements(site_id);

CREATE TABLE links(
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT, a_end_id TEXT, a_port TEXT, z_end_id TEXT, z_port TEXT,
  capacity_bps REAL NOT NULL DEFAULT 0, utilization REAL NOT NULL DEFAULT 0, oper_state TEXT,
  last_update INTEGER NOT NULL DEFAULT 0,
  h INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX links_a_end ON links(a_end_id);
CREATE INDEX links_z_end ON links(z_end_id);

CREATE TABLE alarms(
  aid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  external_id TEXT,
  state INTEGER NOT NULL,
  severity INTEGER NOT NULL,
  active INTEGER NOT NULL,
  alarm_type TEXT, probable_cause TEXT, specific_problem TEXT,
  object_type TEXT, object_id TEXT, source_system TEXT,
  raised_ms INTEGER NOT NULL DEFAULT 0, reported_ms INTEGER NOT NULL DEFAULT 0,
  changed_ms INTEGER NOT NULL DEFAULT 0, cleared_ms INTEGER NOT NULL DEFAULT 0,
  ack INTEGER NOT NULL DEFAULT 0, ack_user TEXT, ack_system TEXT, clear_user TEXT, clear_system TEXT,
  root_cause INTEGER NOT NULL DEFAULT 0, service_affecting INTEGER NOT NULL DEFAULT 0,
  parent_ids TEXT, correlated_ids TEXT, comments TEXT,
  pending INTEGER NOT NULL DEFAULT 0,
  h INTEGER NOT NULL DEFAULT 0
);
-- The alarm list: active first, then severity (0 = critical), newest first; keyset pages walk it.
CREATE INDEX alarms_list ON alarms(active, severity, changed_ms, aid);
CREATE INDEX alarms_object ON alarms(object_id);
CREATE INDEX alarms_pending ON alarms(pending) WHERE pending <> 0;

CREATE TABLE alarm_correlation(
  alarm_id TEXT NOT NULL REFERENCES alarms(id) ON DELETE CASCADE,
  kind INTEGER NOT NULL,            -- 0 parent, 1 correlated
  related_id TEXT NOT NULL,
  PRIMARY KEY(alarm_id, kind, related_id)
) WITHOUT ROWID;
CREATE INDEX alarm_correlation_related ON alarm_correlation(related_id, kind);

CREATE TRIGGER alarms_corr_ai AFTER INSERT ON alarms
WHEN new.parent_ids IS NOT NULL OR new.correlated_ids IS NOT NULL BEGIN
  INSERT OR IGNORE INTO alarm_correlation(alarm_id, kind, related_id)
    SELECT new.id, 0, value FROM json_each(new.parent_ids);
  INSERT OR IGNORE INTO alarm_correlation(alarm_id, kind, related_id)
    SELECT new.id, 1, value FROM json_each(new.correlated_ids);
END;
CREATE TRIGGER alarms_corr_au AFTER UPDATE OF parent_ids, correlated_ids ON alarms
WHEN old.parent_ids IS NOT new.parent_ids OR old.correlated_ids IS NOT new.correlated_ids BEGIN
  DELETE FROM alarm_correlation WHERE alarm_id = old.id;
  INSERT OR IGNORE INTO alarm_correlation(alarm_id, kind, related_id)
    SELECT new.id, 0, value FROM json_each(new.parent_ids);
  INSERT OR IGNORE INTO alarm_correlation(alarm_id, kind, related_id)
    SELECT new.id, 1, value FROM json_each(new.correlated_ids);
END;

CREATE VIRTUAL TABLE alarms_fts USING fts5(
  probable_cause, specific_problem, object_id,
  content='alarms', content_rowid='aid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER alarms_fts_ai AFTER INSERT ON alarms BEGIN
  INSERT INTO alarms_fts(rowid, probable_cause, specific_problem, object_id)
    VALUES (new.aid, new.probable_cause, new.specific_problem, new.object_id);
END;
CREATE TRIGGER alarms_fts_ad AFTER DELETE ON alarms BEGIN
  INSERT INTO alarms_fts(alarms_fts, rowid, probable_cause, specific_problem, object_id)
    VALUES ('delete', old.aid, old.probable_cause, old.specific_problem, old.object_id);
END;
CREATE TRIGGER alarms_fts_au AFTER UPDATE OF probable_cause, specific_problem, object_id ON alarms
WHEN old.probable_cause IS NOT new.probable_cause OR old.specific_problem IS NOT new.specific_problem
  OR old.object_id IS NOT new.object_id BEGIN
  INSERT INTO alarms_fts(alarms_fts, rowid, probable_cause, specific_problem, object_id)
    VALUES ('delete', old.aid, old.probable_cause, old.specific_problem, old.object_id);
  INSERT INTO alarms_fts(rowid, probable_cause, specific_problem, object_id)
    VALUES (new.aid, new.probable_cause, new.specific_problem, new.object_id);
END;

CREATE VIRTUAL TABLE elements_fts USING fts5(
  name, id, content='elements', content_rowid='eid', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER elements_fts_ai AFTER INSERT ON elements BEGIN
  INSERT INTO elements_fts(rowid, name, id) VALUES (new.eid, new.name, new.id);
END;
CREATE TRIGGER elements_fts_ad AFTER DELETE ON elements BEGIN
  INSERT INTO elements_fts(elements_fts, rowid, name, id) VALUES ('delete', old.eid, old.name, old.id);
END;
CREATE TRIGGER elements_fts_au AFTER UPDATE OF name, id ON elements
WHEN old.name IS NOT new.name OR old.id IS NOT new.id BEGIN
  INSERT INTO elements_fts(elements_fts, rowid, name, id) VALUES ('delete', old.eid, old.name, old.id);
  INSERT INTO elements_fts(rowid, name, id) VALUES (new.eid, new.name, new.id);
END;

CREATE TABLE tickets(
  tid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT, description TEXT, severity TEXT, priority TEXT, ticket_type TEXT,
  status INTEGER NOT NULL DEFAULT 0, status_reason TEXT,
  created_ms INTEGER NOT NULL DEFAULT 0, last_update INTEGER NOT NULL DEFAULT 0,
  due_ms INTEGER NOT NULL DEFAULT 0, resolved_ms INTEGER NOT NULL DEFAULT 0,
  pending INTEGER NOT NULL DEFAULT 0,
  h INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX tickets_status ON tickets(status, last_update);
CREATE INDEX tickets_updated ON tickets(last_update);
CREATE INDEX tickets_due ON tickets(due_ms) WHERE due_ms <> 0;
CREATE INDEX tickets_pending ON tickets(pending) WHERE pending <> 0;

CREATE TABLE ticket_notes(
  ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  note_id TEXT, author TEXT, date_ms INTEGER NOT NULL DEFAULT 0, text TEXT,
  PRIMARY KEY(ticket_id, ord)
) WITHOUT ROWID;
CREATE TABLE ticket_status_history(
  ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  change_ms INTEGER NOT NULL DEFAULT 0, reason TEXT, status INTEGER NOT NULL,
  PRIMARY KEY(ticket_id, ord)
) WITHOUT ROWID;
CREATE TABLE ticket_parties(
  ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  party_id TEXT, name TEXT, role TEXT, referred_type TEXT,
  PRIMARY KEY(ticket_id, ord)
) WITHOUT ROWID;
CREATE INDEX ticket_parties_party ON ticket_parties(party_id, role);
CREATE TABLE ticket_entities(
  ticket_id TEXT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL,
  entity_id TEXT, name TEXT, role TEXT, referred_type TEXT,
  PRIMARY KEY(ticket_id, ord)
) WITHOUT ROWID;
CREATE INDEX ticket_entities_entity ON ticket_entities(entity_id);

CREATE TABLE map_positions(
  map_id TEXT NOT NULL,
  element_id TEXT NOT NULL REFERENCES elements(id) ON DELETE CASCADE,
  x REAL NOT NULL, y REAL NOT NULL,
  pinned INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(map_id, element_id)
) WITHOUT ROWID;
CREATE INDEX map_positions_element ON map_positions(element_id);

CREATE TABLE outbox(
  uuid TEXT PRIMARY KEY NOT NULL,
  seq INTEGER NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  target_kind TEXT NOT NULL,
  target_id TEXT NOT NULL,
  payload TEXT NOT NULL,
  base_version TEXT,
  created_ms INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'failed', 'conflict', 'sent'))
);
CREATE INDEX outbox_target ON outbox(target_kind, target_id, seq);

CREATE TABLE conflicts(
  id INTEGER PRIMARY KEY,
  outbox_uuid TEXT REFERENCES outbox(uuid) ON DELETE SET NULL,
  kind TEXT, target_kind TEXT, target_id TEXT,
  user_intent TEXT, server_state TEXT, message TEXT,
  created_ms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX conflicts_outbox ON conflicts(outbox_uuid);

CREATE TABLE sync_state(
  collection TEXT PRIMARY KEY NOT NULL,
  high_water_ms INTEGER NOT NULL DEFAULT 0,
  last_full_sync_ms INTEGER NOT NULL DEFAULT 0,
  last_success_ms INTEGER NOT NULL DEFAULT 0,
  stream_seq INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
)SQL";

// v2: alarm counts per (active, severity, ack), kept by triggers, so the severity summary bar reads
// 24 rows instead of counting a million index entries. Existing alarms are counted once here.
const char *const kSchemaV2 = R"SQL(
CREATE TABLE alarm_counts(
  active INTEGER NOT NULL, severity INTEGER NOT NULL, ack INTEGER NOT NULL,
  n INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(active, severity, ack)
) WITHOUT ROWID;
WITH a(v) AS (VALUES(0),(1)), s(v) AS (VALUES(0),(1),(2),(3),(4),(5)), k(v) AS (VALUES(0),(1))
INSERT INTO alarm_counts(active, severity, ack, n) SELECT a.v, s.v, k.v, 0 FROM a, s, k;
UPDATE alarm_counts SET n = (SELECT count(*) FROM alarms
  WHERE alarms.active = alarm_counts.active AND alarms.severity = alarm_counts.severity
    AND alarms.ack = alarm_counts.ack);
CREATE TRIGGER alarm_counts_ai AFTER INSERT ON alarms BEGIN
  UPDATE alarm_counts SET n = n + 1 WHERE active = new.active AND severity = new.severity AND ack = new.ack;
END;
CREATE TRIGGER alarm_counts_ad AFTER DELETE ON alarms BEGIN
  UPDATE alarm_counts SET n = n - 1 WHERE active = old.active AND severity = old.severity AND ack = old.ack;
END;
CREATE TRIGGER alarm_counts_au AFTER UPDATE OF active, severity, ack ON alarms
WHEN old.active IS NOT new.active OR old.severity IS NOT new.severity OR old.ack IS NOT new.ack BEGIN
  UPDATE alarm_counts SET n = n - 1 WHERE active = old.active AND severity = old.severity AND ack = old.ack;
  UPDATE alarm_counts SET n = n + 1 WHERE active = new.active AND severity = new.severity AND ack = new.ack;
END;
)SQL";

// v3: the alarms table loses its triggers; CacheWriter keeps the FTS index, the counts and the
// correlation rows itself, once per batch. FTS5 flushes its pending terms to a new segment at every
// statement savepoint, and a table with triggers makes each alarm write a statement with a savepoint:
// callgrind showed a third of ingest in sqlite3VtabSavepoint. The data the triggers kept is already
// right, so nothing is rebuilt.
const char *const kSchemaV3 = R"SQL(
DROP TRIGGER alarms_fts_ai;
DROP TRIGGER alarms_fts_ad;
DROP TRIGGER alarms_fts_au;
DROP TRIGGER alarm_counts_ai;
DROP TRIGGER alarm_counts_ad;
DROP TRIGGER alarm_counts_au;
DROP TRIGGER alarms_corr_ai;
DROP TRIGGER alarms_corr_au;
)SQL";

// v4: the alarm list's Occurrences column counts the alarms on an element with the same probable
// cause for every visible row; (object_id, probable_cause) answers that from the index alone. It
// replaces alarms_object, whose queries (by object_id) it serves as well, so ingest keeps one index.
const char *const kSchemaV4 = R"SQL(
DROP INDEX alarms_object;
CREATE INDEX alarms_object_cause ON alarms(object_id, probable_cause);
)SQL";

// Index = target version - 1. Append a step for every schema change; never edit a shipped one.
const char *const kSteps[] = {kSchemaV1, kSchemaV2, kSchemaV3, kSchemaV4};
static_assert(sizeof(kSteps) / sizeof(kSteps[0]) == CacheSchema::kCurrentVersion);

} // namespace

bool CacheSchema::configureLibrary() {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
}

void CacheSchema::configureConnection(sqlite3 *db, bool writer) {
    sqlite3_busy_timeout(db, 5000);
    sqliteExec(db, "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32768;");
    if (writer) {
        // WAL: readers never block the writer and a crash loses at most the uncommitted transaction.
        // synchronous=NORMAL: commits are atomic and durable up to the last checkpoint-safe frame;
        // a power cut may lose the last transactions, never corrupt the file.
        // wal_autocheckpoint 65536 pages (~256 MB) instead of 1000: during a storm the same index pages
        // are rewritten in every transaction, and each checkpoint copies them back and syncs the file;
        // perf showed a quarter of the writer thread in commit + checkpoint with the default, 30 % with
        // ~32 MB and 13 % in the checkpoint alone with ~128 MB at a million alarms (the hot pages are
        // spread over more of the file: a longer WAL holds more rewrites of the same page, copied
        // once). Not longer: a reader looks a page up in one wal-index block per 4096 frames, and
        // recovery after a crash reads the whole WAL. The file is cut back to this size after a
        // checkpoint, not below it, so that the next storm overwrites blocks instead of allocating.
        sqliteExec(db,
                   "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA journal_size_limit=268435456; "
                   "PRAGMA wal_autocheckpoint=65536;");
    }
}

int CacheSchema::userVersion(sqlite3 *db) {
    SqliteStatement statement(db, "PRAGMA user_version", false);
    return statement.step() ? statement.columnInt(0) : 0;
}

void CacheSchema::migrate(sqlite3 *db, int targetVersion) {
    // BEGIN IMMEDIATE: two processes opening the same fresh cache must not both run step 1.
    sqliteExec(db, "BEGIN IMMEDIATE");
    try {
        const int version = userVersion(db);
        if (version > kCurrentVersion)
            throw SqliteError(SQLITE_MISMATCH,
                              "the cache was written by a newer version of the console (schema " +
                                  std::to_string(version) + ", this build knows " +
                                  std::to_string(kCurrentVersion) + ")");
        for (int next = version + 1; next <= targetVersion; ++next) {
            sqliteExec(db, kSteps[next - 1]);
            sqliteExec(db, ("PRAGMA user_version=" + std::to_string(next)).c_str());
        }
        sqliteExec(db, "COMMIT");
    } catch (...) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

} // namespace noc
