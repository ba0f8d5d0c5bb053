/* store_sqlite_scorm.c: SCORM attempts and runtime data in SQLite (store_scorm.h). A commit is
 * one write of the group commit: the attempt (made by its first commit), the SCO's data with its
 * rev checked, the attempt's 2004 sequencing state, the commit's id and its xAPI statements, all
 * or nothing. */
#include "tracking/store_sqlite_scorm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/buf.h"

static const char *const scorm_steps[] = {
    /* 1: attempts per learner and package (pinned to a package version), each SCO's runtime
     * data as a JSON object of element -> value, and the commits already applied. */
    "CREATE TABLE scorm_attempts ("
    "  id INTEGER PRIMARY KEY,"
    "  user_id INTEGER NOT NULL,"
    "  package TEXT NOT NULL,"
    "  number INTEGER NOT NULL,"
    "  version INTEGER NOT NULL,"
    "  registration TEXT NOT NULL,"
    "  completed INTEGER NOT NULL DEFAULT 0,"
    "  started TEXT NOT NULL,"
    "  updated TEXT NOT NULL,"
    "  UNIQUE (user_id, package, number));"
    "CREATE TABLE scorm_sco_data ("
    "  attempt_id INTEGER NOT NULL REFERENCES scorm_attempts(id) ON DELETE CASCADE,"
    "  sco TEXT NOT NULL,"
    "  rev INTEGER NOT NULL,"
    "  data TEXT NOT NULL,"
    "  updated TEXT NOT NULL,"
    "  PRIMARY KEY (attempt_id, sco)) WITHOUT ROWID;"
    "CREATE TABLE scorm_commits ("
    "  attempt_id INTEGER NOT NULL REFERENCES scorm_attempts(id) ON DELETE CASCADE,"
    "  commit_id TEXT NOT NULL,"
    "  at TEXT NOT NULL,"
    "  PRIMARY KEY (attempt_id, commit_id)) WITHOUT ROWID;",
    /* 2: an attempt's SCORM 2004 sequencing state (scorm-again's serialized activity tree:
     * attempt counts, objective and rollup status, the current activity), so that it goes on
     * where it was on any device. */
    "CREATE TABLE scorm_sequencing ("
    "  attempt_id INTEGER PRIMARY KEY REFERENCES scorm_attempts(id) ON DELETE CASCADE,"
    "  state TEXT NOT NULL,"
    "  updated TEXT NOT NULL);",
};

const struct sq_schema scorm_schema = {"scorm", scorm_steps,
                                       sizeof scorm_steps / sizeof *scorm_steps};

void scorm_sco_data_free(struct scorm_sco_data *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(list[i].sco);
        json_decref(list[i].values);
    }
    free(list);
}

static void now_text(char out[32])
{
    time_t t = time(NULL);
    struct tm tm;
    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
}

static int attempt_latest(struct store *base, int64_t user_id, const char *package,
                          struct scorm_attempt *out, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = STORE_ERROR;
    sqlite3_stmt *q = sq_prep(c, "SELECT id, number, version, completed, registration"
                              " FROM scorm_attempts WHERE user_id = :u AND package = :p"
                              " ORDER BY number DESC LIMIT 1", err);
    if (q) {
        sq_bind_int(q, ":u", user_id);
        sq_bind(q, ":p", package);
        int rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) {
            out->id = sqlite3_column_int64(q, 0);
            out->number = sqlite3_column_int(q, 1);
            out->version = sqlite3_column_int(q, 2);
            out->completed = sqlite3_column_int(q, 3);
            snprintf(out->registration, sizeof out->registration, "%s",
                     (const char *)sqlite3_column_text(q, 4));
        }
        status = rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOT_FOUND : STORE_ERROR;
        if (status == STORE_ERROR) *err = sq_db_error(c->db, "database");
        sqlite3_reset(q);
    }
    sq_reader_put(s, c);
    return status;
}

static int sco_list(struct store *base, int64_t attempt_id, struct scorm_sco_data **out,
                    size_t *n, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    *out = NULL;
    *n = 0;
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = STORE_ERROR, rc = SQLITE_ERROR;
    sqlite3_stmt *q = sq_prep(c, "SELECT sco, rev, data FROM scorm_sco_data"
                              " WHERE attempt_id = :a ORDER BY sco", err);
    if (q) {
        sq_bind_int(q, ":a", attempt_id);
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
            *out = xrealloc(*out, (*n + 1) * sizeof **out);
            struct scorm_sco_data *d = &(*out)[(*n)++];
            d->sco = sq_column_dup(q, 0);
            d->rev = sqlite3_column_int64(q, 1);
            d->values = json_loads((const char *)sqlite3_column_text(q, 2), 0, NULL);
            if (!json_is_object(d->values)) {
                json_decref(d->values);
                d->values = json_object();
            }
        }
        sqlite3_reset(q);
        if (rc == SQLITE_DONE) status = STORE_OK;
        else *err = sq_db_error(c->db, "database");
    }
    sq_reader_put(s, c);
    if (status != STORE_OK) scorm_sco_data_free(*out, *n), *out = NULL, *n = 0;
    return status;
}

static int sequencing_get(struct store *base, int64_t attempt_id, char **out, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    *out = NULL;
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = STORE_ERROR;
    sqlite3_stmt *q = sq_prep(c, "SELECT state FROM scorm_sequencing WHERE attempt_id = :a", err);
    if (q) {
        sq_bind_int(q, ":a", attempt_id);
        int rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) *out = sq_column_dup(q, 0);
        status = rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOT_FOUND : STORE_ERROR;
        if (status == STORE_ERROR) *err = sq_db_error(c->db, "database");
        sqlite3_reset(q);
    }
    sq_reader_put(s, c);
    return status;
}

struct commit_job {
    const struct scorm_commit *c;
    int *duplicate;
};

/* The attempt's id: made now when the commit starts it (STORE_CONFLICT when it exists). */
static int commit_attempt(struct conn *w, const struct scorm_commit *c, const char *now,
                          int64_t *id, char **err)
{
    sqlite3_stmt *q;
    if (c->create) {
        q = sq_prep(w, "INSERT OR IGNORE INTO scorm_attempts (user_id, package, number, version,"
                    " registration, started, updated) VALUES (:u, :p, :n, :v, :r, :now, :now)",
                    err);
        if (!q) return STORE_ERROR;
        sq_bind_int(q, ":u", c->user_id);
        sq_bind(q, ":p", c->package);
        sq_bind_int(q, ":n", c->attempt->number);
        sq_bind_int(q, ":v", c->attempt->version);
        sq_bind(q, ":r", c->attempt->registration);
        sq_bind(q, ":now", now);
        if (sq_step_done(w, q, err) < 0) return STORE_ERROR;
        if (!sqlite3_changes(w->db)) return STORE_CONFLICT;
        *id = sqlite3_last_insert_rowid(w->db);
        return STORE_OK;
    }
    *id = c->attempt->id;
    return STORE_OK;
}

/* 1 when the attempt already has the commit, 0 when not (it is recorded now), -1 on error. */
static int commit_seen(struct conn *w, int64_t attempt_id, const char *commit_id,
                       const char *now, char **err)
{
    sqlite3_stmt *q = sq_prep(w, "INSERT OR IGNORE INTO scorm_commits (attempt_id, commit_id, at)"
                              " VALUES (:a, :c, :now)", err);
    if (!q) return -1;
    sq_bind_int(q, ":a", attempt_id);
    sq_bind(q, ":c", commit_id);
    sq_bind(q, ":now", now);
    if (sq_step_done(w, q, err) < 0) return -1;
    return sqlite3_changes(w->db) ? 0 : 1;
}

static int commit_data(struct conn *w, const struct scorm_commit *c, int64_t attempt_id,
                       const char *now, char **err)
{
    char *json = json_dumps(c->values, JSON_COMPACT);
    sqlite3_stmt *q = c->expected_rev
        ? sq_prep(w, "UPDATE scorm_sco_data SET rev = rev + 1, data = :d, updated = :now"
                  " WHERE attempt_id = :a AND sco = :s AND rev = :rev", err)
        : sq_prep(w, "INSERT OR IGNORE INTO scorm_sco_data (attempt_id, sco, rev, data, updated)"
                  " VALUES (:a, :s, 1, :d, :now)", err);
    int status = STORE_ERROR;
    if (q) {
        sq_bind_int(q, ":a", attempt_id);
        sq_bind(q, ":s", c->sco);
        sq_bind(q, ":d", json);
        sq_bind(q, ":now", now);
        if (c->expected_rev) sq_bind_int(q, ":rev", c->expected_rev);
        if (sq_step_done(w, q, err) == 0) status = sqlite3_changes(w->db) ? STORE_OK
                                                                           : STORE_CONFLICT;
    }
    free(json);
    if (status != STORE_OK) return status;
    q = sq_prep(w, "UPDATE scorm_attempts SET updated = :now, completed = max(completed, :done)"
                " WHERE id = :a", err);
    if (!q) return STORE_ERROR;
    sq_bind(q, ":now", now);
    sq_bind_int(q, ":done", c->completed);
    sq_bind_int(q, ":a", attempt_id);
    return sq_step_done(w, q, err) < 0 ? STORE_ERROR : STORE_OK;
}

static int commit_work(struct sqlite_store *s, void *arg, char **err)
{
    struct commit_job *job = arg;
    const struct scorm_commit *c = job->c;
    char now[32];
    now_text(now);
    int64_t attempt_id = 0;
    int status = commit_attempt(s->writer, c, now, &attempt_id, err);
    if (status != STORE_OK) return status;
    int seen = commit_seen(s->writer, attempt_id, c->commit_id, now, err);
    if (seen < 0) return STORE_ERROR;
    if (seen) {
        *job->duplicate = 1;
        return STORE_OK;
    }
    status = commit_data(s->writer, c, attempt_id, now, err);
    if (status != STORE_OK) return status;
    if (c->sequencing) {
        sqlite3_stmt *q = sq_prep(s->writer, "INSERT INTO scorm_sequencing (attempt_id, state, updated)"
                                  " VALUES (:a, :s, :now) ON CONFLICT (attempt_id) DO UPDATE"
                                  " SET state = excluded.state, updated = excluded.updated", err);
        if (!q) return STORE_ERROR;
        sq_bind_int(q, ":a", attempt_id);
        sq_bind(q, ":s", c->sequencing);
        sq_bind(q, ":now", now);
        if (sq_step_done(s->writer, q, err) < 0) return STORE_ERROR;
    }
    size_t failed;
    return sq_statements_insert_open(s, c->statements, c->nstatements, &failed, err);
}

static int commit(struct store *base, const struct scorm_commit *c, int *duplicate, char **err)
{
    *duplicate = 0;
    struct commit_job job = {c, duplicate};
    return sq_group_write((struct sqlite_store *)base, commit_work, &job, err);
}

const struct store_scorm_ops sqlite_scorm_ops = {
    .attempt_latest = attempt_latest,
    .sco_list = sco_list,
    .commit = commit,
    .sequencing_get = sequencing_get,
};
