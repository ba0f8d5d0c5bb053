/* store_sqlite_activities.c: canonical Activity definitions in the SQLite store: one row per
 * Activity id with its definition as JSON, updated from the statements of trusted authorities
 * (activities_merge) in the transaction that stores them. */
#include "tracking/store_sqlite_activities.h"

#include <stdlib.h>
#include <string.h>

#include "server/buf.h"
#include "tracking/activities.h"

/* The stored definition of id as JSON (an empty object when none); NULL with *err. */
static json_t *stored_definition(struct conn *c, const char *id, char **err)
{
    sqlite3_stmt *q = sq_prep(c, "SELECT definition FROM activities WHERE id = :id", err);
    if (!q) return NULL;
    sq_bind(q, ":id", id);
    int rc = sqlite3_step(q);
    json_t *def = rc == SQLITE_ROW ? json_loads((const char *)sqlite3_column_text(q, 0), 0, NULL)
                                   : NULL;
    sqlite3_reset(q);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        *err = sq_db_error(c->db, "database");
        return NULL;
    }
    if (!json_is_object(def)) {
        json_decref(def);
        def = json_object();
    }
    return def;
}

static int define_one(struct conn *c, const char *id, const json_t *add, const char *updated,
                      char **err)
{
    json_t *def = stored_definition(c, id, err);
    if (!def) return -1;
    activities_merge(def, add);
    char *text = json_dumps(def, JSON_COMPACT);
    json_decref(def);
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
    json_t *defs = activities_definitions(st->stmt), *add;
    const char *id;
    int rc = 0;
    json_object_foreach(defs, id, add) {
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
    int status = STORE_ERROR;
    sqlite3_stmt *q = sq_prep(c, "SELECT definition FROM activities WHERE id = :id", err);
    if (q) {
        sq_bind(q, ":id", id);
        int rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) *definition = sq_column_dup(q, 0), status = STORE_OK;
        else if (rc == SQLITE_DONE) status = STORE_NOT_FOUND;
        else *err = sq_db_error(c->db, "database");
        sqlite3_reset(q);
    }
    sq_reader_put(s, c);
    return status;
}
