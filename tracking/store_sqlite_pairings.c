/* store_sqlite_pairings.c: who may mentor whom, in SQLite (store_plans.h: store_pairing_*).
 * A pairing is one mentor with one mentee, optionally in a named group; the plans schema's
 * second migration makes the table. Also each person's private calendar feed token (hashed),
 * the people's side of the plans. */
#include "tracking/store_sqlite_pairings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server/buf.h"
#include "tracking/sqlite_conn.h"

void plan_pairings_free(struct plan_pairing *list, size_t n)
{
    for (size_t i = 0; i < n; i++) free(list[i].group_name);
    free(list);
}

int sq_pairing_add(struct store *base, const struct plan_pairing *pp, int64_t *id, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    char today[11];
    time_t now = time(NULL);
    struct tm tm;
    strftime(today, sizeof today, "%Y-%m-%d", gmtime_r(&now, &tm));
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    struct conn *c = s->writer;
    int status = STORE_ERROR;
    sqlite3_stmt *q = sq_prep(c, "INSERT OR IGNORE INTO plan_pairings (mentor_id, mentee_id,"
                              " group_name, since, made_by) VALUES (:mentor, :mentee, :group,"
                              " :since, :by)", err);
    if (q) {
        sq_bind_int(q, ":mentor", pp->mentor_id);
        sq_bind_int(q, ":mentee", pp->mentee_id);
        sq_bind(q, ":group", pp->group_name ? pp->group_name : "");
        sq_bind(q, ":since", today);
        sq_bind_int(q, ":by", pp->made_by);
        if (sq_step_done(c, q, err) == 0) {
            status = sqlite3_changes(c->db) ? STORE_OK : STORE_CONFLICT;
            if (id && status == STORE_OK) *id = sqlite3_last_insert_rowid(c->db);
        }
    }
    return sq_write_end(s, status, err);
}

int sq_pairing_list(struct store *base, enum plan_filter f, int64_t user_id,
                    struct plan_pairing **out, size_t *n, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    *out = NULL;
    *n = 0;
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = STORE_ERROR, rc = SQLITE_ERROR;
    sqlite3_stmt *q = sq_prep(c, "SELECT id, mentor_id, mentee_id, group_name, since, made_by"
                              " FROM plan_pairings WHERE (:f = 0 AND mentee_id = :u)"
                              " OR (:f = 1 AND mentor_id = :u) OR :f = 2 ORDER BY id", err);
    if (q) {
        sq_bind_int(q, ":f", f);
        sq_bind_int(q, ":u", user_id);
        while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
            *out = xrealloc(*out, (*n + 1) * sizeof **out);
            struct plan_pairing *pp = &(*out)[(*n)++];
            pp->id = sqlite3_column_int64(q, 0);
            pp->mentor_id = sqlite3_column_int64(q, 1);
            pp->mentee_id = sqlite3_column_int64(q, 2);
            pp->group_name = sq_column_dup(q, 3);
            const char *since = (const char *)sqlite3_column_text(q, 4);
            snprintf(pp->since, sizeof pp->since, "%s", since ? since : "");
            pp->made_by = sqlite3_column_int64(q, 5);
        }
        sqlite3_reset(q);
        if (rc == SQLITE_DONE) status = STORE_OK;
        else *err = sq_db_error(c->db, "database");
    }
    sq_reader_put(s, c);
    if (status != STORE_OK) plan_pairings_free(*out, *n), *out = NULL, *n = 0;
    return status;
}

int sq_pairing_end(struct store *base, int64_t id, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    struct conn *c = s->writer;
    int status = STORE_ERROR;
    sqlite3_stmt *q = sq_prep(c, "DELETE FROM plan_pairings WHERE id = :id", err);
    if (q) {
        sq_bind_int(q, ":id", id);
        if (sq_step_done(c, q, err) == 0) status = sqlite3_changes(c->db) ? STORE_OK
                                                                           : STORE_NOT_FOUND;
    }
    return sq_write_end(s, status, err);
}

int sq_calendar_set(struct store *base, int64_t user_id, const char *token_hash, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    if (sq_write_begin(s, err) < 0) return STORE_ERROR;
    int status = STORE_ERROR;
    sqlite3_stmt *q = sq_prep(s->writer, "INSERT OR REPLACE INTO plan_calendars (user_id,"
                              " token_hash, created) VALUES (:user, :hash, :now)", err);
    if (q) {
        sq_bind_int(q, ":user", user_id);
        sq_bind(q, ":hash", token_hash);
        sq_bind(q, ":now", now);
        if (sq_step_done(s->writer, q, err) == 0) status = STORE_OK;
    }
    return sq_write_end(s, status, err);
}

int sq_calendar_find(struct store *base, const char *token_hash, int64_t *user_id, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = STORE_ERROR;
    sqlite3_stmt *q = sq_prep(c, "SELECT user_id FROM plan_calendars WHERE token_hash = :hash",
                              err);
    if (q) {
        sq_bind(q, ":hash", token_hash);
        int rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) *user_id = sqlite3_column_int64(q, 0);
        status = rc == SQLITE_ROW ? STORE_OK : rc == SQLITE_DONE ? STORE_NOT_FOUND : STORE_ERROR;
        if (status == STORE_ERROR) *err = sq_db_error(c->db, "database");
        sqlite3_reset(q);
    }
    sq_reader_put(s, c);
    return status;
}
