/* store_sqlite_attachments.c: attachment payloads in the SQLite store. attachments holds one
 * payload per hash; statement_attachments links each statement to the hashes it declares
 * (deleted with the statement), so a payload several statements share is stored once and
 * pruned when erasure removes the last statement that names it. */
#include "tracking/store_sqlite_attachments.h"

#include <stdlib.h>
#include <string.h>

#include "server/buf.h"

static int link_hash(struct conn *c, int64_t seq, const char *sha2, char **err)
{
    sqlite3_stmt *q = sq_prep(c, "INSERT OR IGNORE INTO statement_attachments"
                              " (statement_seq, sha2) VALUES (:seq, lower(:sha2))", err);
    if (!q) return -1;
    sq_bind_int(q, ":seq", seq);
    sq_bind(q, ":sha2", sha2);
    return sq_step_done(c, q, err);
}

/* Verified bytes replace what is stored; unverified ones only fill an empty place, so bytes
 * that lie about their hash never replace good ones. */
static int put_payload(struct conn *c, const struct store_attachment *a, char **err)
{
    sqlite3_stmt *q = sq_prep(c, "INSERT INTO attachments (sha2, content_type, content)"
                              " VALUES (lower(:sha2), :type, :content) ON CONFLICT (sha2) DO UPDATE"
                              " SET content_type = excluded.content_type,"
                              " content = excluded.content WHERE :verified", err);
    if (!q) return -1;
    sq_bind(q, ":sha2", a->sha2);
    sq_bind(q, ":type", a->content_type ? a->content_type : "application/octet-stream");
    sqlite3_bind_blob(q, sqlite3_bind_parameter_index(q, ":content"), a->len ? a->data : "",
                      (int)a->len, SQLITE_STATIC);
    sq_bind_int(q, ":verified", a->verified != 0);
    return sq_step_done(c, q, err);
}

int sq_attachments_insert(struct conn *c, int64_t seq, const struct store_statement *st,
                          char **err)
{
    for (size_t i = 0; i < st->nattachments; i++) {
        const struct store_attachment *a = &st->attachments[i];
        if (link_hash(c, seq, a->sha2, err) < 0) return -1;
        if (a->data && put_payload(c, a, err) < 0) return -1;
    }
    return 0;
}

int sq_attachments_prune(struct conn *c, int64_t *count, char **err)
{
    sqlite3_stmt *q = sq_prep(c, "DELETE FROM attachments WHERE NOT EXISTS (SELECT 1 FROM"
                              " statement_attachments l WHERE l.sha2 = attachments.sha2)", err);
    if (!q || sq_step_done(c, q, err) < 0) return -1;
    *count += sqlite3_changes(c->db);
    return 0;
}

int sqlite_attachment_get(struct store *base, const char *sha2, struct store_doc *out,
                          char **err)
{
    struct sqlite_store *s = (struct sqlite_store *)base;
    memset(out, 0, sizeof *out);
    struct conn *c = sq_reader_get(s, err);
    if (!c) return STORE_ERROR;
    int status = STORE_ERROR;
    sqlite3_stmt *q = sq_prep(c, "SELECT content, content_type FROM attachments"
                              " WHERE sha2 = lower(:sha2)", err);
    if (q) {
        sq_bind(q, ":sha2", sha2);
        int rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) {
            out->len = (size_t)sqlite3_column_bytes(q, 0);
            out->content = xmalloc(out->len + 1);
            if (out->len) memcpy(out->content, sqlite3_column_blob(q, 0), out->len);
            out->content[out->len] = '\0';
            out->content_type = sq_column_dup(q, 1);
            status = STORE_OK;
        } else if (rc == SQLITE_DONE) {
            status = STORE_NOT_FOUND;
        } else {
            *err = sq_db_error(c->db, "database");
        }
        sqlite3_reset(q);
    }
    sq_reader_put(s, c);
    return status;
}
