/* store_sqlite_activities.c: canonical Activity definitions in the SQLite store: one row per
 * Activity id with its definition as JSON, updated from the statements of trusted authorities
 * (activities_merge) in the transaction that stores them; "updated" is when it last changed. */
#include "tracking/store_sqlite_activities.h"

#include <stdlib.h>
#include <string.h>

#include "server/buf.h"
#include "tracking/activities.h"

/* The stored definition of id as JSON text in *text (caller frees): STORE_OK, STORE_NOT_FOUND,
 * or STORE_ERROR with *err. */
static int read_definition(struct conn *c, const char *id, char **text, char **err)
{
    *text = NULL;
    sqlite3_stmt *q = sq_prep(c, "SELECT definition FROM activities WHERE id = :id", err);
    if (!q) return STORE_ERROR;
    sq_bind(q, ":id", id);
    int rc = sqlite3_step(q), status = STORE_NOT_FOUND;
    if (rc == SQLITE_ROW) *text = sq_column_dup(q, 0), status = STORE_OK;
    else if (rc != SQLITE_DONE) *err = sq_db_error(c->db, "database"), status = STORE_ERROR;
    sqlite3_reset(q);
    return status;
}

/* 1 when text is v as json_dumps writes it. */
static int is_text_of(const char *text, const json_t *v)
{
    char *t = json_dumps(v, JSON_COMPACT);
    int same = t && !strcmp(text, t);
    free(t);
    return same;
}

/* Merges add into id's stored definition; writes only when that changes it. A definition
 * stored as a statement carried it (its text is add's, as a module's questions are on every
 * answer) is left as it is by the same again, which the text alone shows. */
static int define_one(struct conn *c, const char *id, const json_t *add, const char *updated,
                      char **err)
{
    char *old = NULL;
    if (read_definition(c, id, &old, err) == STORE_ERROR) return -1;
    if (old && is_text_of(old, add)) {
        free(old);
        return 0;
    }
    json_t *before = old ? json_loads(old, 0, NULL) : NULL;
    free(old);
    if (!json_is_object(before)) {
        json_decref(before);
        before = json_object();
    }
    json_t *def = json_deep_copy(before);
    activities_merge(def, add);
    int changed = !json_equal(before, def);
    char *text = changed ? json_dumps(def, JSON_COMPACT) : NULL;
    json_decref(before);
    json_decref(def);
    if (!changed) return 0;
    sqlite3_stmt *q = sq_prep(c, "INSERT INTO activities (id, definition, updated)"
                              " VALUES (:id, :def, :updated) ON CONFLICT (id) DO UPDATE"
                              " SET definition = excluded.definition, updated = excluded.updated",
                              err);
    int rc = -1;
    if (q) {
        sq_bind(q, ":id", id);
        sq_bind(q, ":def", text);
        sq_bind(q, ":updated", updated);
        rc = sq_step_done(c, q, err);
    }
    free(text);
    return rc;
}

int sq_activities_define(struct conn *c, const struct store_statement *st, char **err)
{
    if (!st->define_activities) return 0;
    const char *updated = json_string_value(json_object_get(st->stmt, "stored"));
    json_t *defs = st->definitions ? json_incref(st->definitions)
                                   : activities_definitions(st->stmt), *add;
    const char *id;
    int rc = 0;
    size_t n = st->define_prefix ? strlen(st->define_prefix) : 0;
    json_object_foreach(defs, id, add) {
        if (n && strncmp(id, st->define_prefix, n)) continue;
        if ((rc = define_one(c, id, add, updated, err)) < 0) break;
    }
    json_decref(defs);
    return rc;
}

int sqlite_activity_get(struct store *base, const char *id, char **definition, char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    *definition = NULL;
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = read_definition(c, id, definition, err);
    sq_reader_put(s, c);
    return status;
}
