/* store_sqlite.c: the embedded SQLite backend of struct store: schema and migrations,
 * connections and their prepared-statement caches, and every store operation in SQL.
 *
 * Durability: WAL, and the writer connection at synchronous=FULL: COMMIT returns once the
 * log is flushed to the disk, and replies are only sent after COMMIT, so an acknowledged write
 * survives a power cut. store_set_sync(STORE_SYNC_NORMAL) (serve --sync normal) trades that for
 * speed: the log is then flushed only at checkpoints, and a power cut or OS crash (not a crash
 * of Stepwise) may lose the last commits.
 *
 * Threads: the libmicrohttpd pool calls in from several threads. All writes go through one
 * writer connection guarded by write_lock (SQLite allows one writer anyway, and serializing in
 * the process avoids SQLITE_BUSY retries); reads take a connection from a small pool of reader
 * connections, so reads run in parallel with each other and, thanks to WAL, with the writer.
 * A connection is used by one thread at a time, so connections are opened NOMUTEX. Statements
 * are written by group commit (sqlite_group.c): the POSTs that wait while one commits share
 * the next transaction and its one flush. */
#include "tracking/store_sqlite.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <sqlite3.h>

#include "server/buf.h"
#include "tracking/progress.h"
#include "tracking/sqlite_conn.h"
#include "tracking/store_sqlite_accounts.h"
#include "tracking/store_sqlite_activities.h"
#include "tracking/store_sqlite_admin.h"
#include "tracking/store_sqlite_attachments.h"
#include "tracking/store_sqlite_plans.h"
#include "tracking/store_sqlite_scorm.h"
#include "tracking/sha1.h"
#include "tracking/statements.h"

/* The rule of progress.c (progress_of_statement) in SQL, over the statement row t: the state
 * one statement shows. json_type tells a JSON true or false from anything else, as
 * json_is_boolean does. */
#define PROGRESS_STATE(t)                                                                    \
    "CASE WHEN " t ".verb_id = '" PROGRESS_VERB_PASSED "'"                                   \
    "  OR json_type(" t ".json, '$.result.success') = 'true' THEN 4"                         \
    " WHEN " t ".verb_id = '" PROGRESS_VERB_COMPLETED "'"                                    \
    "  OR json_type(" t ".json, '$.result.completion') = 'true' THEN 3"                      \
    " WHEN " t ".verb_id = '" PROGRESS_VERB_FAILED "'"                                       \
    "  OR json_type(" t ".json, '$.result.success') = 'false' THEN 2 ELSE 1 END"
/* A statement has a part in the progress summary when it is about an activity and has an actor
 * (a voiding statement's object is a StatementRef, never an activity). */
#define COUNTED(t) " " t ".actor_key IS NOT NULL AND " t ".object_activity IS NOT NULL"
/* Adds statement t's part to its row (made when missing), or takes it back out (and removes a
 * row whose counts are all 0). These are lrs migration 4's, for the summary keyed by text; lrs 5
 * replaced them, and migration 4 must stay as it shipped. */
#define SUMMARY_ADD_V4(t)                                                                    \
    "INSERT INTO progress_summary (actor_key, activity, in_progress, failed, completed, passed)" \
    " SELECT " t ".actor_key, " t ".object_activity, s = 1, s = 2, s = 3, s = 4"             \
    " FROM (SELECT " PROGRESS_STATE(t) " AS s) WHERE 1"                                      \
    " ON CONFLICT (actor_key, activity) DO UPDATE SET in_progress = in_progress"             \
    " + excluded.in_progress, failed = failed + excluded.failed, completed = completed"     \
    " + excluded.completed, passed = passed + excluded.passed;"
#define SUMMARY_KEY_V4(t) " WHERE actor_key = " t ".actor_key AND activity = " t ".object_activity"
#define SUMMARY_TAKE_V4(t)                                                                   \
    "UPDATE progress_summary SET (in_progress, failed, completed, passed) = (SELECT"          \
    " in_progress - (s = 1), failed - (s = 2), completed - (s = 3), passed - (s = 4)"        \
    " FROM (SELECT " PROGRESS_STATE(t) " AS s))" SUMMARY_KEY_V4(t) ";"                       \
    " DELETE FROM progress_summary" SUMMARY_KEY_V4(t)                                        \
    " AND in_progress + failed + completed + passed = 0;"
#define SUMMARY_TRIGGERS(add, take)                                                          \
    "CREATE TRIGGER progress_summary_insert AFTER INSERT ON statements"                      \
    "  WHEN NEW.voided = 0 AND" COUNTED("NEW") " BEGIN " add("NEW") " END;"                  \
    "CREATE TRIGGER progress_summary_void AFTER UPDATE OF voided ON statements"              \
    "  WHEN OLD.voided = 0 AND NEW.voided = 1 AND" COUNTED("OLD") " BEGIN " take("OLD")      \
    " END;"                                                                                  \
    "CREATE TRIGGER progress_summary_unvoid AFTER UPDATE OF voided ON statements"            \
    "  WHEN OLD.voided = 1 AND NEW.voided = 0 AND" COUNTED("NEW") " BEGIN " add("NEW")       \
    " END;"                                                                                  \
    "CREATE TRIGGER progress_summary_delete AFTER DELETE ON statements"                      \
    "  WHEN OLD.voided = 0 AND" COUNTED("OLD") " BEGIN " take("OLD") " END;"

/* The same since lrs 5, where the summary is keyed by the numbers summary_agents and
 * summary_activities give each agent key and activity IRI. An agent's number goes with its last
 * row (an erased learner leaves nothing behind); an activity's stays, as its definition does. */
#define AGENT_ID(t) "(SELECT id FROM summary_agents WHERE key = " t ".actor_key)"
#define ACTIVITY_ID(t) "(SELECT id FROM summary_activities WHERE iri = " t ".object_activity)"
#define SUMMARY_ADD(t)                                                                       \
    "INSERT INTO summary_agents (key) VALUES (" t ".actor_key) ON CONFLICT DO NOTHING;"       \
    "INSERT INTO summary_activities (iri) VALUES (" t ".object_activity)"                    \
    " ON CONFLICT DO NOTHING;"                                                               \
    "INSERT INTO progress_summary (agent, activity, in_progress, failed, completed, passed)" \
    " SELECT " AGENT_ID(t) ", " ACTIVITY_ID(t) ", s = 1, s = 2, s = 3, s = 4"                 \
    " FROM (SELECT " PROGRESS_STATE(t) " AS s) WHERE 1"                                      \
    " ON CONFLICT (agent, activity) DO UPDATE SET in_progress = in_progress"                 \
    " + excluded.in_progress, failed = failed + excluded.failed, completed = completed"     \
    " + excluded.completed, passed = passed + excluded.passed;"
#define SUMMARY_KEY(t) " WHERE agent = " AGENT_ID(t) " AND activity = " ACTIVITY_ID(t)
#define SUMMARY_TAKE(t)                                                                      \
    "UPDATE progress_summary SET (in_progress, failed, completed, passed) = (SELECT"          \
    " in_progress - (s = 1), failed - (s = 2), completed - (s = 3), passed - (s = 4)"        \
    " FROM (SELECT " PROGRESS_STATE(t) " AS s))" SUMMARY_KEY(t) ";"                          \
    " DELETE FROM progress_summary" SUMMARY_KEY(t)                                           \
    " AND in_progress + failed + completed + passed = 0;"                                    \
    " DELETE FROM summary_agents WHERE key = " t ".actor_key AND NOT EXISTS"                 \
    " (SELECT 1 FROM progress_summary WHERE agent = summary_agents.id);"

/* Ordered migrations: index i brings the schema from version i to i + 1. Never edit one that
 * has shipped; append a new one. */
static const char *const lrs_steps[] = {
    /* 1: statements, their related index, documents, credentials, erasure log. The rowid alias
     * seq gives a stable order for paging; id is the statement's UUID (unique key). */
    "CREATE TABLE statements ("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  id TEXT NOT NULL UNIQUE,"
    "  stored TEXT NOT NULL,"
    "  content_hash TEXT NOT NULL,"
    "  actor_key TEXT,"
    "  verb_id TEXT NOT NULL,"
    "  object_activity TEXT,"
    "  object_agent TEXT,"
    "  object_ref TEXT,"
    "  registration TEXT,"
    "  authority_key TEXT,"
    "  voiding INTEGER NOT NULL DEFAULT 0,"
    "  voided INTEGER NOT NULL DEFAULT 0,"
    "  json TEXT NOT NULL);"
    "CREATE INDEX statements_actor ON statements(actor_key, seq);"
    "CREATE INDEX statements_verb ON statements(verb_id, seq);"
    "CREATE INDEX statements_activity ON statements(object_activity, seq);"
    "CREATE INDEX statements_object_agent ON statements(object_agent, seq)"
    "  WHERE object_agent IS NOT NULL;"
    "CREATE INDEX statements_ref ON statements(object_ref) WHERE object_ref IS NOT NULL;"
    "CREATE INDEX statements_registration ON statements(registration, seq)"
    "  WHERE registration IS NOT NULL;"
    "CREATE INDEX statements_authority ON statements(authority_key, seq);"
    "CREATE INDEX statements_stored ON statements(stored);"
    "CREATE TABLE related ("
    "  statement_seq INTEGER NOT NULL REFERENCES statements(seq) ON DELETE CASCADE,"
    "  kind TEXT NOT NULL CHECK (kind IN ('agent', 'activity')),"
    "  key TEXT NOT NULL,"
    "  PRIMARY KEY (kind, key, statement_seq)) WITHOUT ROWID;"
    "CREATE INDEX related_statement ON related(statement_seq);"
    "CREATE TABLE documents ("
    "  kind TEXT NOT NULL CHECK (kind IN ('state', 'activity_profile', 'agent_profile')),"
    "  activity_id TEXT NOT NULL DEFAULT '',"   /* '' rather than NULL: part of the key */
    "  agent_key TEXT NOT NULL DEFAULT '',"
    "  registration TEXT NOT NULL DEFAULT '',"
    "  doc_id TEXT NOT NULL,"
    "  content BLOB NOT NULL,"
    "  content_type TEXT NOT NULL,"
    "  etag TEXT NOT NULL,"
    "  updated TEXT NOT NULL,"
    "  PRIMARY KEY (kind, activity_id, agent_key, registration, doc_id));"
    "CREATE INDEX documents_agent ON documents(agent_key);"
    "CREATE INDEX documents_updated ON documents(updated);"
    "CREATE TABLE credentials ("
    "  key TEXT PRIMARY KEY,"
    "  secret_hash TEXT NOT NULL,"
    "  name TEXT NOT NULL,"
    "  scopes TEXT NOT NULL,"
    "  authority TEXT NOT NULL,"
    "  created TEXT NOT NULL,"
    "  revoked INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE erasure_log ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('learner', 'before')),"
    "  subject TEXT NOT NULL,"      /* SHA-256 of the agent key, or the cut-off timestamp */
    "  statements INTEGER NOT NULL,"
    "  documents INTEGER NOT NULL);",
    /* 2: attachment payloads by hash, linked to the statements that declare them (they were
     * agent-profile documents under the reserved agent "stepwise-attachment", which erasure
     * could not tell apart); canonical Activity definitions; attachments erased per log row. */
    "CREATE TABLE attachments ("
    "  sha2 TEXT PRIMARY KEY,"          /* lowercase hex */
    "  content_type TEXT NOT NULL,"
    "  content BLOB NOT NULL);"
    "CREATE TABLE statement_attachments ("
    "  statement_seq INTEGER NOT NULL REFERENCES statements(seq) ON DELETE CASCADE,"
    "  sha2 TEXT NOT NULL,"
    "  PRIMARY KEY (statement_seq, sha2)) WITHOUT ROWID;"
    "CREATE INDEX statement_attachments_sha2 ON statement_attachments(sha2);"
    "CREATE TABLE activities ("
    "  id TEXT PRIMARY KEY,"
    "  definition TEXT NOT NULL,"       /* JSON object */
    "  updated TEXT NOT NULL);"
    "ALTER TABLE erasure_log ADD COLUMN attachments INTEGER NOT NULL DEFAULT 0;"
    "INSERT OR IGNORE INTO statement_attachments (statement_seq, sha2)"
    "  SELECT s.seq, lower(json_extract(a.value, '$.sha2'))"
    "  FROM statements s, json_each(s.json, '$.attachments') a"
    "  WHERE json_type(a.value, '$.sha2') = 'text';"
    "INSERT OR REPLACE INTO attachments (sha2, content_type, content)"
    "  SELECT lower(doc_id), content_type, content FROM documents"
    "  WHERE kind = 'agent_profile' AND agent_key = 'stepwise-attachment';"
    "DELETE FROM documents WHERE kind = 'agent_profile' AND agent_key = 'stepwise-attachment';",
    /* 3: one learner's statements about one activity, newest first: a plan step's progress
     * (the mentor dashboard asks it for every step of every mentee) and agent + activity
     * queries read those rows alone instead of all of the learner's statements. */
    "CREATE INDEX statements_actor_activity ON statements(actor_key, object_activity, seq);",
    /* 4: the progress summary: for each learner (actor_key) and activity ONE row with how many
     * of the statements that count (not voided) show each state of progress.h on their own
     * (PROGRESS_STATE above), so a plan step's state, the highest one with a count, is one row
     * read however many statements the learner sent. Counts rather than just the highest
     * state, so that voiding and erasure take a statement's part back out exactly: triggers keep
     * them in the transaction of every insert, voiding (or its undoing) and delete, and a row
     * whose counts are all 0 is removed (an erased learner leaves none). Built here from the
     * statements already stored (about 6 s for the 1 M of the scale bench, busy machine). */
    "CREATE TABLE progress_summary ("
    "  actor_key TEXT NOT NULL,"
    "  activity TEXT NOT NULL,"
    "  in_progress INTEGER NOT NULL,"
    "  failed INTEGER NOT NULL,"
    "  completed INTEGER NOT NULL,"
    "  passed INTEGER NOT NULL,"
    "  PRIMARY KEY (actor_key, activity)) WITHOUT ROWID;"
    "INSERT INTO progress_summary (actor_key, activity, in_progress, failed, completed, passed)"
    "  SELECT actor_key, object_activity, sum(s = 1), sum(s = 2), sum(s = 3), sum(s = 4)"
    "  FROM (SELECT actor_key, object_activity, " PROGRESS_STATE("statements") " AS s"
    "    FROM statements WHERE voided = 0 AND" COUNTED("statements") ")"
    "  GROUP BY actor_key, object_activity;"
    SUMMARY_TRIGGERS(SUMMARY_ADD_V4, SUMMARY_TAKE_V4),
    /* 5: the progress summary keyed by numbers instead of the agent key and activity IRI
     * (about 90 bytes a row of text, 12 as numbers): its 200 000 rows at 1 M statements took
     * 4 481 pages, now 798, so the rows of a mentor dashboard of 200 mentees (a leaf per mentee
     * and its five steps) stay in a reader's page cache. The counts are moved as they are. */
    "CREATE TABLE summary_agents (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);"
    "CREATE TABLE summary_activities (id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE);"
    "INSERT INTO summary_agents (key)"
    "  SELECT DISTINCT actor_key FROM progress_summary ORDER BY actor_key;"
    "INSERT INTO summary_activities (iri)"
    "  SELECT DISTINCT activity FROM progress_summary ORDER BY activity;"
    "CREATE TABLE progress_summary_by_id ("
    "  agent INTEGER NOT NULL,"         /* summary_agents.id */
    "  activity INTEGER NOT NULL,"      /* summary_activities.id */
    "  in_progress INTEGER NOT NULL,"
    "  failed INTEGER NOT NULL,"
    "  completed INTEGER NOT NULL,"
    "  passed INTEGER NOT NULL,"
    "  PRIMARY KEY (agent, activity)) WITHOUT ROWID;"
    "INSERT INTO progress_summary_by_id (agent, activity, in_progress, failed, completed, passed)"
    "  SELECT a.id, t.id, s.in_progress, s.failed, s.completed, s.passed FROM progress_summary s"
    "  JOIN summary_agents a ON a.key = s.actor_key JOIN summary_activities t ON t.iri = s.activity"
    "  ORDER BY a.id, t.id;"
    "DROP TRIGGER progress_summary_insert; DROP TRIGGER progress_summary_void;"
    "DROP TRIGGER progress_summary_unvoid; DROP TRIGGER progress_summary_delete;"
    "DROP TABLE progress_summary;"
    "ALTER TABLE progress_summary_by_id RENAME TO progress_summary;"
    SUMMARY_TRIGGERS(SUMMARY_ADD, SUMMARY_TAKE),
};

static const struct sq_schema lrs_schema = {"lrs", lrs_steps, sizeof lrs_steps / sizeof *lrs_steps};

/* Every schema in the database, migrated in this order when the store opens. */
const struct sq_schema *const sq_schemas[] = {
    &lrs_schema,
    &accounts_schema,
    &plans_schema,
    &scorm_schema,
};
const size_t sq_nschemas = sizeof sq_schemas / sizeof *sq_schemas;

static void sqlite_close(struct store *base)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    sq_checkpointer_stop(s);
    for (size_t i = 0; i < s->nidle; i++) sq_conn_close(s->idle[i]);
    sq_conn_close(s->writer);
    pthread_mutex_destroy(&s->write_lock);
    pthread_mutex_destroy(&s->stamp_lock);
    pthread_mutex_destroy(&s->pool_lock);
    sq_group_destroy(s);
    free(s->path);
    free(s);
}

/* --- statements ---------------------------------------------------------------------- */

/* Sets stored (and the LRS-assigned timestamp) inside the write transaction. */
static void stamp(struct sqlite_store *s, struct store_statement *st, char stored[32])
{
    int64_t now = statements_now_ms();
    pthread_mutex_lock(&s->stamp_lock);
    if (now < s->last_ms) now = s->last_ms;
    s->last_ms = now;
    if (!s->inflight_ms) s->inflight_ms = now;
    pthread_mutex_unlock(&s->stamp_lock);
    statements_format_ms(now, stored);
    statements_stamp(st, stored);
}

/* Every statement stored at or before the returned instant is committed, so a read started
 * after this call sees it: one writer at a time, stamps never decrease, and the open
 * transaction's stamps are all at or after inflight_ms. One millisecond is taken off because
 * a writer may still stamp the current millisecond (stamps have millisecond precision). */
static void consistent_through(struct sqlite_store *s, char out[32])
{
    int64_t now = statements_now_ms();
    pthread_mutex_lock(&s->stamp_lock);
    if (now > s->last_ms) s->last_ms = now;   /* later stamps stay at or after now even if */
    int64_t t = s->inflight_ms ? s->inflight_ms : s->last_ms;   /* the clock steps back */
    pthread_mutex_unlock(&s->stamp_lock);
    statements_format_ms(t - 1, out);
}

/* Looks up id: 1 and its voiding flag (and, when json is not NULL, a copy of its text), 0 when
 * absent, -1 on error. */
static int find_statement(struct conn *c, const char *id, char **json, int *voiding, char **err)
{
    sqlite3_stmt *st = sq_prep(c, "SELECT voiding, json FROM statements WHERE id = :id", err);
    if (!st) return -1;
    sq_bind(st, ":id", id);
    int rc = sqlite3_step(st), found = rc == SQLITE_ROW;
    if (found) {
        *voiding = sqlite3_column_int(st, 0);
        if (json) *json = xstrdup((const char *)sqlite3_column_text(st, 1));
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) return found;
    *err = sq_db_error(c->db, "database");
    return -1;
}

static int insert_related(struct conn *c, int64_t seq, const struct store_statement *st,
                          char **err)
{
    for (size_t i = 0; i < st->nrelated; i++) {
        sqlite3_stmt *q = sq_prep(c, "INSERT OR IGNORE INTO related (statement_seq, kind, key) "
                                  "VALUES (:seq, :kind, :key)", err);
        if (!q) return -1;
        sq_bind_int(q, ":seq", seq);
        sq_bind(q, ":kind", st->related[i].kind == STORE_REL_AGENT ? "agent" : "activity");
        sq_bind(q, ":key", st->related[i].key);
        if (sq_step_done(c, q, err) < 0) return -1;
    }
    return 0;
}

/* A voiding statement voids its target, unless the target is itself a voiding statement. */
static int mark_voided(struct conn *c, const char *target, char **err)
{
    sqlite3_stmt *q = sq_prep(c, "UPDATE statements SET voided = 1 WHERE id = :ref AND voiding = 0",
                           err);
    if (!q) return -1;
    sq_bind(q, ":ref", target);
    return sq_step_done(c, q, err);
}

/* content_hash is left empty: up to lrs 5 it held each statement's hash for the comparison of
 * a statement sent again, which statements_same_content now makes from the stored text when an
 * id comes again (rows stored before keep a hash nobody reads). */
static int insert_one(struct sqlite_store *s, struct store_statement *st, char **err)
{
    struct conn *c = s->writer;
    char stored[32];
    stamp(s, st, stored);
    sqlite3_stmt *q = sq_prep(c,
        "INSERT INTO statements (id, stored, content_hash, actor_key, verb_id, object_activity,"
        " object_agent, object_ref, registration, authority_key, voiding, voided, json) "
        "VALUES (:id, :stored, '', :actor, :verb, :activity, :agent, :ref, :reg, :auth,"
        " :voiding, :voiding = 0 AND EXISTS (SELECT 1 FROM statements"
        "   WHERE voiding = 1 AND object_ref = :id), :json)", err);
    if (!q) return -1;
    sq_bind(q, ":id", st->id);
    sq_bind(q, ":stored", stored);
    sq_bind(q, ":actor", st->actor_key);
    sq_bind(q, ":verb", st->verb_id);
    sq_bind(q, ":activity", st->object_activity);
    sq_bind(q, ":agent", st->object_agent);
    sq_bind(q, ":ref", st->object_ref);
    sq_bind(q, ":reg", st->registration);
    sq_bind(q, ":auth", st->authority_key);
    sq_bind_int(q, ":voiding", st->is_voiding);
    sq_bind(q, ":json", st->json);
    if (sq_step_done(c, q, err) < 0) return -1;
    int64_t seq = sqlite3_last_insert_rowid(c->db);
    if (insert_related(c, seq, st, err) < 0 || sq_attachments_insert(c, seq, st, err) < 0 ||
        sq_activities_define(c, st, err) < 0)
        return -1;
    return st->is_voiding ? mark_voided(c, st->object_ref, err) : 0;
}

/* Stores one statement of a batch inside the open transaction; returns a STORE_* status. */
static int insert_checked(struct sqlite_store *s, struct store_statement *st, char **err)
{
    char *json = NULL;
    int voiding = 0, found = find_statement(s->writer, st->id, &json, &voiding, err);
    if (found < 0) return STORE_ERROR;
    if (found) {    /* the same content again is not an error and changes nothing */
        int same = statements_same_content(json, st);
        free(json);
        if (same < 0) *err = xasprintf("database: statement %s is stored as unreadable JSON", st->id);
        return same < 0 ? STORE_ERROR : same ? STORE_OK : STORE_CONFLICT;
    }
    if (st->is_voiding) {
        found = find_statement(s->writer, st->object_ref, NULL, &voiding, err);
        if (found < 0) return STORE_ERROR;
        if (found && voiding) return STORE_VOIDING_VOIDING;
    }
    return insert_one(s, st, err) < 0 ? STORE_ERROR : STORE_OK;
}

struct insert_job {
    struct store_statement *batch;
    size_t n;
    size_t *failed;
};

int sq_statements_insert_open(struct sqlite_store *s, struct store_statement *batch, size_t n,
                              size_t *failed, char **err)
{
    for (size_t i = 0; i < n; i++) {
        int status = insert_checked(s, &batch[i], err);
        if (status == STORE_OK) continue;
        if (failed) *failed = i;
        return status;
    }
    return STORE_OK;
}

/* A batch is all or nothing: its savepoint in the group is undone at the first that fails. */
static int insert_batch(struct sqlite_store *s, void *arg, char **err)
{
    struct insert_job *job = arg;
    return sq_statements_insert_open(s, job->batch, job->n, job->failed, err);
}

static int sqlite_statements_insert(struct store *base, struct store_statement *batch, size_t n,
                                    size_t *failed, char **err)
{
    for (size_t i = 0; i < n; i++) statements_dump(&batch[i]);    /* before the writer */
    struct insert_job job = {batch, n, failed};
    return sq_group_write((struct sqlite_store *)base, insert_batch, &job, err);
}

static int sqlite_statement_get(struct store *base, const char *id, int voided, char **json,
                                char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = STORE_ERROR;
    char *low = xstrdup(id);
    for (char *p = low; *p; p++) *p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    sqlite3_stmt *st = sq_prep(c, "SELECT json FROM statements WHERE id = :id AND voided = :v", err);
    if (!st) goto done;
    sq_bind(st, ":id", low);
    sq_bind_int(st, ":v", voided ? 1 : 0);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *json = sq_column_dup(st, 0), status = STORE_OK;
    else if (rc == SQLITE_DONE) status = STORE_NOT_FOUND;
    else *err = sq_db_error(c->db, "database");
    sqlite3_reset(st);
done:
    free(low);
    sq_reader_put(s, c);
    return status;
}

/* The non-time filters of q on table alias t, ANDed; empty when q has none. */
static void filter_sql(struct buf *b, const struct store_query *q, const char *t)
{
    if (q->agent && q->related_agents)
        buf_printf(b, " AND (%s.actor_key = :agent OR %s.object_agent = :agent"
                      " OR %s.authority_key = :agent OR %s.seq IN (SELECT statement_seq"
                      " FROM related WHERE kind = 'agent' AND key = :agent))", t, t, t, t);
    else if (q->agent)
        buf_printf(b, " AND (%s.actor_key = :agent OR %s.object_agent = :agent)", t, t);
    if (q->verb) buf_printf(b, " AND %s.verb_id = :verb", t);
    if (q->activity && q->related_activities)
        buf_printf(b, " AND (%s.object_activity = :activity OR %s.seq IN (SELECT statement_seq"
                      " FROM related WHERE kind = 'activity' AND key = :activity))", t, t);
    else if (q->activity)
        buf_printf(b, " AND %s.object_activity = :activity", t);
    if (q->registration) buf_printf(b, " AND %s.registration = lower(:registration)", t);
}

/* Voided statements never match; time, paging and authority apply to the statement itself. */
static void own_sql(struct buf *b, const struct store_query *q)
{
    buf_puts(b, " WHERE s.voided = 0");
    if (q->since) buf_puts(b, " AND s.stored > :since");
    if (q->until) buf_puts(b, " AND s.stored <= :until");
    if (q->cursor) buf_puts(b, q->ascending ? " AND s.seq > :cursor" : " AND s.seq < :cursor");
    if (q->authority) buf_puts(b, " AND s.authority_key = :authority");
}

/* The ways a statement can match the agent filter, and the activity filter: xAPI's actor or
 * object, and with related_agents / related_activities anywhere in it. */
static const char *const agent_ways[] = {
    "%s.actor_key = :agent", "%s.object_agent = :agent", "%s.authority_key = :agent",
    "%s.seq IN (SELECT statement_seq FROM related WHERE kind = 'agent' AND key = :agent)",
};
static const char *const activity_ways[] = {
    "%s.object_activity = :activity",
    "%s.seq IN (SELECT statement_seq FROM related WHERE kind = 'activity' AND key = :activity)",
};

/* One way of matching all the filters (agent way a, activity way v), ANDed, on alias t. */
static void way_sql(struct buf *b, const struct store_query *q, const char *t, size_t a, size_t v)
{
    if (q->agent) {
        buf_puts(b, " AND ");
        buf_printf(b, agent_ways[a], t);
    }
    if (q->verb) buf_printf(b, " AND %s.verb_id = :verb", t);
    if (q->activity) {
        buf_puts(b, " AND ");
        buf_printf(b, activity_ways[v], t);
    }
    if (q->registration) buf_printf(b, " AND %s.registration = lower(:registration)", t);
}

/* Builds the query. Each way of matching the filters is its own branch, newest first and cut
 * at the limit, so SQLite walks one index per branch and stops after :limit rows (one query
 * with ORs collected every match, 5 000 rows for an activity at 1 M statements, before
 * sorting); the branches are merged, cut again, and only then are the rows' JSON read. With
 * filters, a statement also matches when its StatementRef object targets (through any chain
 * of StatementRefs) a statement matching them, as xAPI requires; the chain CTE walks only
 * statements that have a StatementRef object. */
static char *query_sql(const struct store_query *q)
{
    const char *dir = q->ascending ? "ASC" : "DESC";
    size_t nagent = !q->agent ? 1 : q->related_agents ? 4 : 2;
    size_t nactivity = q->activity && q->related_activities ? 2 : 1;
    int filtered = q->agent || q->verb || q->activity || q->registration;
    struct buf f, b;
    buf_init(&f);
    buf_init(&b);
    if (filtered) {
        buf_puts(&b, "WITH RECURSIVE chain(seq, target) AS ("
                     " SELECT seq, object_ref FROM statements WHERE object_ref IS NOT NULL"
                     " UNION SELECT c.seq, t.object_ref FROM chain c"
                     " JOIN statements t ON t.id = c.target WHERE t.object_ref IS NOT NULL) ");
    }
    buf_puts(&b, "SELECT x.seq, x.json FROM statements x WHERE x.seq IN (");
    for (size_t a = 0; a < nagent; a++) {
        for (size_t v = 0; v < nactivity; v++) {
            if (a || v) buf_puts(&b, " UNION ");
            buf_puts(&b, "SELECT seq FROM (SELECT s.seq FROM statements s");
            own_sql(&b, q);
            way_sql(&b, q, "s", a, v);
            buf_printf(&b, " ORDER BY s.seq %s LIMIT :limit)", dir);
        }
    }
    if (filtered) {
        buf_puts(&b, " UNION SELECT seq FROM (SELECT s.seq FROM statements s");
        own_sql(&b, q);
        buf_puts(&b, " AND s.seq IN (SELECT c.seq FROM chain c JOIN statements t"
                     " ON t.id = c.target WHERE 1");
        filter_sql(&f, q, "t");
        buf_append(&b, f.data, f.len);
        buf_printf(&b, ") ORDER BY s.seq %s LIMIT :limit)", dir);
    }
    buf_printf(&b, " ORDER BY 1 %s LIMIT :limit) ORDER BY x.seq %s", dir, dir);
    buf_free(&f);
    return buf_detach(&b, NULL);
}

static int sqlite_statements_query(struct store *base, const struct store_query *q,
                                   struct store_result *out, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    memset(out, 0, sizeof *out);
    consistent_through(s, out->consistent_through);  /* before the read starts */
    size_t limit = q->limit && q->limit <= STORE_MAX_LIMIT ? q->limit : STORE_MAX_LIMIT;
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = STORE_ERROR;
    char *sql = query_sql(q);
    sqlite3_stmt *st = sq_prep(c, sql, err);
    if (!st) goto done;
    sq_bind(st, ":agent", q->agent);
    sq_bind(st, ":verb", q->verb);
    sq_bind(st, ":activity", q->activity);
    sq_bind(st, ":registration", q->registration);
    sq_bind(st, ":authority", q->authority);
    sq_bind(st, ":since", q->since);
    sq_bind(st, ":until", q->until);
    sq_bind_int(st, ":cursor", q->cursor);
    sq_bind_int(st, ":limit", (int64_t)limit + 1);  /* one more tells whether a next page exists */
    out->json = xcalloc(limit, sizeof *out->json);
    int64_t last = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (out->n == limit) {
            out->next_cursor = last;    /* the next page continues after the last row sent */
            rc = SQLITE_DONE;
            break;
        }
        last = sqlite3_column_int64(st, 0);
        out->json[out->n++] = sq_column_dup(st, 1);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) status = STORE_OK;
    else *err = sq_db_error(c->db, "database");
done:
    if (status != STORE_OK) store_result_clear(out);
    free(sql);
    sq_reader_put(s, c);
    return status;
}

/* --- documents ----------------------------------------------------------------------- */

static const char *doc_kind_name(enum store_doc_kind kind)
{
    return kind == STORE_DOC_STATE ? "state"
         : kind == STORE_DOC_ACTIVITY_PROFILE ? "activity_profile" : "agent_profile";
}

/* Registrations are UUIDs, kept in lowercase like statement ids. */
#define DOC_WHERE " kind = :kind AND activity_id = :activity AND agent_key = :agent" \
                  " AND registration = lower(:reg)"

static void bind_doc_key(sqlite3_stmt *st, const struct store_doc_key *k)
{
    sq_bind(st, ":kind", doc_kind_name(k->kind));
    sq_bind(st, ":activity", k->activity_id ? k->activity_id : "");
    sq_bind(st, ":agent", k->agent ? k->agent : "");
    sq_bind(st, ":reg", k->registration ? k->registration : "");
    sq_bind(st, ":doc", k->doc_id);
}

/* Reads one document into out (NULL: only its etag into etag). 1 found, 0 absent, -1 error. */
static int doc_read(struct conn *c, const struct store_doc_key *k, struct store_doc *out,
                    char etag[41], char **err)
{
    sqlite3_stmt *st = sq_prep(c, "SELECT content, content_type, etag, updated FROM documents"
                               " WHERE" DOC_WHERE " AND doc_id = :doc", err);
    if (!st) return -1;
    bind_doc_key(st, k);
    int rc = sqlite3_step(st), found = rc == SQLITE_ROW;
    if (found) snprintf(etag, 41, "%s", (const char *)sqlite3_column_text(st, 2));
    if (found && out) {
        out->len = (size_t)sqlite3_column_bytes(st, 0);
        out->content = xmalloc(out->len + 1);
        if (out->len) memcpy(out->content, sqlite3_column_blob(st, 0), out->len);
        out->content[out->len] = '\0';
        out->content_type = sq_column_dup(st, 1);
        memcpy(out->etag, etag, 41);
        snprintf(out->updated, sizeof out->updated, "%s",
                 (const char *)sqlite3_column_text(st, 3));
    }
    sqlite3_reset(st);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) return found;
    *err = sq_db_error(c->db, "database");
    return -1;
}

static int precondition_holds(const struct store_doc_precondition *pre, int found,
                              const char *etag)
{
    if (!pre) return 1;
    if (pre->if_none_match && found) return 0;
    if (pre->if_match && (!found || strcmp(pre->if_match, etag))) return 0;
    return 1;
}

static int is_json_type(const char *content_type)
{
    return content_type && !strncmp(content_type, "application/json", 16);
}

/* xAPI document merge: both sides JSON objects, the new top-level keys win. *merged: caller
 * frees. Returns STORE_OK or STORE_NOT_MERGEABLE. */
static int doc_merge(const struct store_doc *old, const char *content, size_t len,
                     const char *content_type, char **merged)
{
    int status = STORE_NOT_MERGEABLE;
    json_t *a = json_loadb(old->content, old->len, 0, NULL);
    json_t *b = json_loadb(content, len, 0, NULL);
    if (is_json_type(old->content_type) && is_json_type(content_type) && json_is_object(a) &&
        json_is_object(b) && json_object_update(a, b) == 0) {
        *merged = json_dumps(a, JSON_COMPACT);
        status = STORE_OK;
    }
    json_decref(a);
    json_decref(b);
    return status;
}

static int doc_write(struct conn *c, const struct store_doc_key *k, const char *content,
                     size_t len, const char *content_type, char **err)
{
    char etag[41], now[32];
    sha1_hex(content, len, etag);
    statements_now(now);
    sqlite3_stmt *st = sq_prep(c, "INSERT OR REPLACE INTO documents (kind, activity_id, agent_key,"
                               " registration, doc_id, content, content_type, etag, updated)"
                               " VALUES (:kind, :activity, :agent, lower(:reg), :doc, :content,"
                               " :type, :etag, :updated)", err);
    if (!st) return -1;
    bind_doc_key(st, k);
    sqlite3_bind_blob(st, sqlite3_bind_parameter_index(st, ":content"), len ? content : "",
                      (int)len, SQLITE_STATIC);
    sq_bind(st, ":type", content_type ? content_type : "application/octet-stream");
    sq_bind(st, ":etag", etag);
    sq_bind(st, ":updated", now);
    return sq_step_done(c, st, err);
}

static int sqlite_doc_put(struct store *base, const struct store_doc_key *k, const char *content,
                          size_t len, const char *content_type,
                          const struct store_doc_precondition *pre, int merge, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    struct store_doc old = {0};
    char etag[41] = "", *merged = NULL;
    int found = doc_read(s->writer, k, merge ? &old : NULL, etag, err), status = STORE_OK;
    if (found < 0) status = STORE_ERROR;
    else if (!precondition_holds(pre, found, etag)) status = STORE_PRECONDITION;
    else if (merge && found) status = doc_merge(&old, content, len, content_type, &merged);
    if (status == STORE_OK && merged &&
        doc_write(s->writer, k, merged, strlen(merged), "application/json", err) < 0)
        status = STORE_ERROR;
    if (status == STORE_OK && !merged &&
        doc_write(s->writer, k, content, len, content_type, err) < 0)
        status = STORE_ERROR;
    free(merged);
    store_doc_clear(&old);
    return sq_write_end(s, status, err);
}

static int sqlite_doc_get(struct store *base, const struct store_doc_key *k,
                          struct store_doc *out, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    memset(out, 0, sizeof *out);
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    char etag[41];
    int found = doc_read(c, k, out, etag, err);
    sq_reader_put(s, c);
    return found < 0 ? STORE_ERROR : found ? STORE_OK : STORE_NOT_FOUND;
}

static int sqlite_doc_delete(struct store *base, const struct store_doc_key *k,
                             const struct store_doc_precondition *pre, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    int status = STORE_OK;
    sqlite3_stmt *st;
    if (k->doc_id) {
        char etag[41] = "";
        int found = doc_read(s->writer, k, NULL, etag, err);
        if (found < 0) status = STORE_ERROR;
        else if (!found) status = STORE_NOT_FOUND;
        else if (!precondition_holds(pre, found, etag)) status = STORE_PRECONDITION;
        st = sq_prep(s->writer, "DELETE FROM documents WHERE" DOC_WHERE " AND doc_id = :doc", err);
    } else {
        /* Without a registration, a state delete covers every registration. */
        st = sq_prep(s->writer, "DELETE FROM documents WHERE kind = :kind"
                             " AND activity_id = :activity AND agent_key = :agent"
                             " AND (:anyreg OR registration = lower(:reg))", err);
    }
    if (status == STORE_OK && !st) status = STORE_ERROR;
    if (status == STORE_OK) {
        bind_doc_key(st, k);
        sq_bind_int(st, ":anyreg", k->registration == NULL);
        if (sq_step_done(s->writer, st, err) < 0) status = STORE_ERROR;
    }
    return sq_write_end(s, status, err);
}

static int sqlite_doc_list(struct store *base, const struct store_doc_key *k, const char *since,
                           char ***ids, size_t *n, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    *ids = NULL;
    *n = 0;
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = STORE_ERROR, rc = SQLITE_ERROR;
    sqlite3_stmt *st = sq_prep(c, "SELECT doc_id FROM documents WHERE" DOC_WHERE
                               " AND (:since IS NULL OR updated > :since) ORDER BY doc_id", err);
    if (!st) goto done;
    bind_doc_key(st, k);
    sq_bind(st, ":since", since);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        *ids = xrealloc(*ids, (*n + 1) * sizeof **ids);
        (*ids)[(*n)++] = sq_column_dup(st, 0);
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE) status = STORE_OK;
    else *err = sq_db_error(c->db, "database");
done:
    if (status != STORE_OK) store_strings_free(*ids, *n), *ids = NULL, *n = 0;
    sq_reader_put(s, c);
    return status;
}

/* --- credentials --------------------------------------------------------------------- */

static int sqlite_credential_add(struct store *base, const struct store_credential *cr,
                                 char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    int status = STORE_ERROR;
    sqlite3_stmt *st = sq_prep(s->writer, "INSERT INTO credentials (key, secret_hash, name, scopes,"
                                       " authority, created) VALUES (:key, :hash, :name, :scopes,"
                                       " :authority, :created)", err);
    if (st) {
        sq_bind(st, ":key", cr->key);
        sq_bind(st, ":hash", cr->secret_hash);
        sq_bind(st, ":name", cr->name);
        sq_bind(st, ":scopes", cr->scopes);
        sq_bind(st, ":authority", cr->authority);
        sq_bind(st, ":created", cr->created);
        if (sq_step_done(s->writer, st, err) == 0) status = STORE_OK;
    }
    return sq_write_end(s, status, err);
}

static void credential_row(sqlite3_stmt *st, struct store_credential *out)
{
    out->key = sq_column_dup(st, 0);
    out->secret_hash = sq_column_dup(st, 1);
    out->name = sq_column_dup(st, 2);
    out->scopes = sq_column_dup(st, 3);
    out->authority = sq_column_dup(st, 4);
    snprintf(out->created, sizeof out->created, "%s", (const char *)sqlite3_column_text(st, 5));
    out->revoked = sqlite3_column_int(st, 6);
}

static int sqlite_credential_find(struct store *base, const char *key,
                                  struct store_credential *out, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    memset(out, 0, sizeof *out);
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = STORE_ERROR;
    sqlite3_stmt *st = sq_prep(c, "SELECT key, secret_hash, name, scopes, authority, created,"
                               " revoked FROM credentials WHERE key = :key", err);
    if (st) {
        sq_bind(st, ":key", key);
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) credential_row(st, out), status = STORE_OK;
        else if (rc == SQLITE_DONE) status = STORE_NOT_FOUND;
        else *err = sq_db_error(c->db, "database");
        sqlite3_reset(st);
    }
    sq_reader_put(s, c);
    return status;
}

static int sqlite_credential_list(struct store *base, struct store_credential **out, size_t *n,
                                  char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    *out = NULL;
    *n = 0;
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = STORE_ERROR, rc = SQLITE_ERROR;
    sqlite3_stmt *st = sq_prep(c, "SELECT key, NULL, name, scopes, authority, created, revoked"
                               " FROM credentials ORDER BY created, key", err);
    if (st) {
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            *out = xrealloc(*out, (*n + 1) * sizeof **out);
            memset(&(*out)[*n], 0, sizeof **out);
            credential_row(st, &(*out)[(*n)++]);
        }
        sqlite3_reset(st);
        if (rc == SQLITE_DONE) status = STORE_OK;
        else *err = sq_db_error(c->db, "database");
    }
    if (status != STORE_OK) store_credentials_free(*out, *n), *out = NULL, *n = 0;
    sq_reader_put(s, c);
    return status;
}

static int sqlite_credential_revoke(struct store *base, const char *key, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    int status = STORE_ERROR;
    sqlite3_stmt *st = sq_prep(s->writer, "UPDATE credentials SET revoked = 1 WHERE key = :key", err);
    if (st) {
        sq_bind(st, ":key", key);
        if (sq_step_done(s->writer, st, err) == 0)
            status = sqlite3_changes(s->writer->db) ? STORE_OK : STORE_NOT_FOUND;
    }
    return sq_write_end(s, status, err);
}

/* --- erasure ------------------------------------------------------------------------- */

/* Runs one deleting statement with :key bound; adds the rows deleted to *count. */
static int erase_step(struct conn *c, const char *sql, const char *key, int64_t *count,
                      char **err)
{
    sqlite3_stmt *st = sq_prep(c, sql, err);
    if (!st) return -1;
    sq_bind(st, ":key", key);
    if (sq_step_done(c, st, err) < 0) return -1;
    if (count) *count += sqlite3_changes(c->db);
    return 0;
}

/* Deletes, re-derives voided flags (a deleted voiding statement no longer voids its target),
 * drops the attachment payloads no statement names any more and logs, in one transaction.
 * secure_delete overwrites the freed pages so erased personal data does not linger in the
 * file; the checkpoint afterwards clears it from the WAL. */
static int erase(struct sqlite_store *s, const char *const sql[2], const char *key,
                 const char *kind, const char *subject, struct store_erasure *out, char **err)
{
    memset(out, 0, sizeof *out);
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    struct conn *c = s->writer;
    char now[32];
    statements_now(now);
    int status = STORE_ERROR;
    if (sq_exec(c, "PRAGMA secure_delete = ON", err) < 0 ||
        erase_step(c, sql[0], key, &out->statements, err) < 0 ||
        erase_step(c, "UPDATE statements SET voided = 0 WHERE voided = 1 AND NOT EXISTS"
                      " (SELECT 1 FROM statements v WHERE v.voiding = 1"
                      "  AND v.object_ref = statements.id)", NULL, NULL, err) < 0 ||
        erase_step(c, sql[1], key, &out->documents, err) < 0 ||
        sq_attachments_prune(c, &out->attachments, err) < 0)
        goto done;
    sqlite3_stmt *st = sq_prep(c, "INSERT INTO erasure_log (at, kind, subject, statements,"
                               " documents, attachments) VALUES (:at, :kind, :subject, :st,"
                               " :docs, :atts)", err);
    if (!st) goto done;
    sq_bind(st, ":at", now);
    sq_bind(st, ":kind", kind);
    sq_bind(st, ":subject", subject);
    sq_bind_int(st, ":st", out->statements);
    sq_bind_int(st, ":docs", out->documents);
    sq_bind_int(st, ":atts", out->attachments);
    if (sq_step_done(c, st, err) < 0) goto done;
    out->log_id = sqlite3_last_insert_rowid(c->db);
    status = STORE_OK;
done:
    status = sq_write_end(s, status, err);
    pthread_mutex_lock(&s->write_lock);
    sqlite3_exec(c->db, "PRAGMA secure_delete = OFF; PRAGMA wal_checkpoint(TRUNCATE);",
                 NULL, NULL, NULL);
    pthread_mutex_unlock(&s->write_lock);
    return status;
}

static int sqlite_erase_learner(struct store *base, const char *agent_key,
                                struct store_erasure *out, char **err)
{
    static const char *const sql[2] = {
        "DELETE FROM statements WHERE actor_key = :key OR object_agent = :key"
        " OR authority_key = :key OR seq IN"
        " (SELECT statement_seq FROM related WHERE kind = 'agent' AND key = :key)",
        "DELETE FROM documents WHERE agent_key = :key",
    };
    /* The log keeps no personal data: only a hash that proves which key was erased. */
    unsigned char h[crypto_hash_sha256_BYTES];
    char subject[2 * crypto_hash_sha256_BYTES + 1];
    crypto_hash_sha256(h, (const unsigned char *)agent_key, strlen(agent_key));
    sodium_bin2hex(subject, sizeof subject, h, sizeof h);
    return erase((struct sqlite_store *)base, sql, agent_key, "learner", subject, out, err);
}

static int sqlite_erase_before(struct store *base, const char *before,
                               struct store_erasure *out, char **err)
{
    static const char *const sql[2] = {
        "DELETE FROM statements WHERE stored < :key",
        "DELETE FROM documents WHERE updated < :key",
    };
    return erase((struct sqlite_store *)base, sql, before, "before", before, out, err);
}

/* --- durability ---------------------------------------------------------------------- */

static int sqlite_set_sync(struct store *base, enum store_sync sync, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    pthread_mutex_lock(&s->write_lock);
    int rc = sq_exec(s->writer, sync == STORE_SYNC_FULL ? "PRAGMA synchronous = FULL"
                                                        : "PRAGMA synchronous = NORMAL", err);
    pthread_mutex_unlock(&s->write_lock);
    return rc < 0 ? STORE_ERROR : STORE_OK;
}

static int sqlite_get_sync(struct store *base, enum store_sync *out, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    pthread_mutex_lock(&s->write_lock);
    sqlite3_stmt *st = sq_prep(s->writer, "PRAGMA synchronous", err);
    int level = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    if (st) sqlite3_reset(st);
    pthread_mutex_unlock(&s->write_lock);
    if (level < 0) {
        if (!*err) *err = sq_db_error(s->writer->db, "database");
        return STORE_ERROR;
    }
    *out = level >= 2 ? STORE_SYNC_FULL : STORE_SYNC_NORMAL;   /* 2 FULL, 3 EXTRA; 1 NORMAL */
    return STORE_OK;
}

/* --- the backend --------------------------------------------------------------------- */

static int sqlite_set_max_bytes(struct store *base, uint64_t max_bytes, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    pthread_mutex_lock(&s->write_lock);
    sqlite3_stmt *st = sq_prep(s->writer, "PRAGMA page_size", err);
    int64_t page = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    if (st) sqlite3_reset(st);
    int rc = -1;
    if (page > 0) {
        /* max_page_count holds for this connection: the writer is the only one that grows it. */
        uint64_t pages = max_bytes ? max_bytes / (uint64_t)page : 0xfffffffeu;
        char *sql = xasprintf("PRAGMA max_page_count = %llu", (unsigned long long)(pages ? pages : 1));
        rc = sq_exec(s->writer, sql, err);
        free(sql);
    } else if (!*err) {
        *err = sq_db_error(s->writer->db, "database");
    }
    pthread_mutex_unlock(&s->write_lock);
    return rc < 0 ? STORE_ERROR : STORE_OK;
}

static int sqlite_full(struct store *base)
{
    return atomic_load(&((struct sqlite_store *)base)->full);
}

static const struct store_ops sqlite_ops = {
    .name = "sqlite",
    .close = sqlite_close,
    .statements_insert = sqlite_statements_insert,
    .statement_get = sqlite_statement_get,
    .statements_query = sqlite_statements_query,
    .doc_put = sqlite_doc_put,
    .doc_get = sqlite_doc_get,
    .doc_delete = sqlite_doc_delete,
    .doc_list = sqlite_doc_list,
    .credential_add = sqlite_credential_add,
    .credential_find = sqlite_credential_find,
    .credential_list = sqlite_credential_list,
    .credential_revoke = sqlite_credential_revoke,
    .erase_learner = sqlite_erase_learner,
    .erase_before = sqlite_erase_before,
    .attachment_get = sqlite_attachment_get,
    .activity_get = sqlite_activity_get,
    .set_sync = sqlite_set_sync,
    .get_sync = sqlite_get_sync,
    .set_max_bytes = sqlite_set_max_bytes,
    .full = sqlite_full,
    .health = sqlite_health,
    .stats = sqlite_stats,
};

/* A write that changes nothing, so that a database that cannot be written (read-only file or
 * folder, locked by another process, full disk) is found at start, not at the first sign-in.
 * It is not flushed (nothing to keep): its two flushes (a fresh log's header, the commit) were
 * a third of start-up on a busy disk. */
static int write_probe(struct sqlite_store *s, char **err)
{
    if (sq_exec(s->writer, "PRAGMA synchronous = OFF", err) < 0 || sq_write_begin(s, err) < 0) return -1;
    int rc = sq_exec(s->writer, "CREATE TABLE IF NOT EXISTS write_probe (x); DROP TABLE write_probe",
                     err);
    rc = sq_write_end(s, rc < 0 ? STORE_ERROR : STORE_OK, err) == STORE_OK ? 0 : -1;
    return rc == 0 ? sq_exec(s->writer, "PRAGMA synchronous = FULL", err) : -1;
}

/* What to do about the failure just noted, for the messages at start. */
static const char *store_failure_hint(void)
{
    switch (store_last_failure()) {
    case STORE_FAILURE_BUSY:
        return " (another program holds the database locked: stop it, or wait and start again)";
    case STORE_FAILURE_FULL:
        return " (the disk is full: free space on it)";
    case STORE_FAILURE_READONLY:
        return " (make the file and its folder writable for the user that runs Stepwise)";
    default:
        return "";
    }
}

static int migrate_all(struct conn *c, char **err)
{
    for (size_t i = 0; i < sq_nschemas; i++)
        if (sq_migrate(c, sq_schemas[i], err) < 0) return -1;
    return 0;
}

/* SQLite takes a negative cache_size as KiB. */
static void cache_size_sql(char *out, size_t size, uint64_t bytes)
{
    snprintf(out, size, "PRAGMA cache_size = -%llu", (unsigned long long)(bytes >> 10));
}

struct store *store_sqlite_open(const char *path, const struct store_options *o, char **err)
{
    if (sodium_init() < 0) {
        *err = xstrdup("libsodium could not be initialised");
        return NULL;
    }
    struct sqlite_store *s = xcalloc(1, sizeof *s);
    s->base.ops = &sqlite_ops;
    s->base.accounts = &sqlite_account_ops;
    s->base.plans = &sqlite_plan_ops;
    s->base.scorm = &sqlite_scorm_ops;
    s->path = xstrdup(path);
    char writer_cache_sql[48];
    cache_size_sql(writer_cache_sql, sizeof writer_cache_sql, o->cache_bytes);
    cache_size_sql(s->reader_cache_sql, sizeof s->reader_cache_sql, o->reader_cache_bytes);
    pthread_mutex_init(&s->write_lock, NULL);
    pthread_mutex_init(&s->stamp_lock, NULL);
    pthread_mutex_init(&s->pool_lock, NULL);
    sq_group_init(s);
    s->writer = sq_conn_open(path, err);
    if (!s->writer) goto fail;
    /* SQLite opens a file it may not write read-only without a word; then every write would
     * fail. Better not to start. */
    if (sqlite3_db_readonly(s->writer->db, "main") == 1) {
        *err = xasprintf("the database file %s is read-only for this user: make it writable "
                         "(chmod u+w or chown it to the user that runs Stepwise; chattr -i if it "
                         "is immutable), or give another --db", path);
        goto fail;
    }
    s->has_file = sqlite_file_identity(path, &s->file_dev, &s->file_ino) == 0;
    /* WAL is a property of the file: set once here, every later connection uses it. The
     * writer's larger page cache keeps the hot index pages of inserts in memory.
     * A migration is a real write, so a file or folder that cannot be written stops here. */
    if (sq_exec(s->writer, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", err) < 0 ||
        sq_exec(s->writer, writer_cache_sql, err) < 0 ||
        migrate_all(s->writer, err) < 0 || write_probe(s, err) < 0 ||
        sq_checkpointer_start(s, err) < 0)
        goto fail;
    return &s->base;
fail:
    if (*err && !strstr(*err, path)) {
        /* Every message at start names the file, whatever SQLite said. */
        char *named = xasprintf("database %s: %s%s", path, *err, store_failure_hint());
        free(*err);
        *err = named;
    }
    sqlite_close(&s->base);
    return NULL;
}
