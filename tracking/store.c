/* store.c: picks the backend for a location and frees what store operations hand out; the
 * operations themselves dispatch through struct store_ops (store.h). */
#include "tracking/store.h"

#include <stdlib.h>
#include <string.h>

#include "server/buf.h"
#include "tracking/store_sqlite.h"
#include "tracking/store_sqlite_admin.h"

static int is_postgres(const char *location, char **err)
{
    if (strncmp(location, "postgres://", 11) && strncmp(location, "postgresql://", 13)) return 0;
    *err = xstrdup("PostgreSQL storage is not built in yet: use a file path for SQLite");
    return 1;
}

struct store *store_open_with(const char *location, const struct store_options *o, char **err)
{
    static const struct store_options defaults = {STORE_CACHE_BYTES_DEFAULT,
                                                  STORE_READER_CACHE_BYTES_DEFAULT};
    return is_postgres(location, err) ? NULL : store_sqlite_open(location, o ? o : &defaults, err);
}

struct store *store_open(const char *location, char **err)
{
    return store_open_with(location, NULL, err);
}

int store_check(const char *location, char ***problems, size_t *n, char **err)
{
    return is_postgres(location, err) ? STORE_ERROR : sqlite_check(location, problems, n, err);
}

int store_backup(const char *location, const char *dest, char **err)
{
    return is_postgres(location, err) ? STORE_ERROR : sqlite_backup(location, dest, err);
}

int store_restore(const char *location, const char *backup, char **err)
{
    return is_postgres(location, err) ? STORE_ERROR : sqlite_restore(location, backup, err);
}

void store_close(struct store *s)
{
    if (s) s->ops->close(s);
}

/* Per thread: each request runs on one thread of the HTTP engine from start to reply. */
static _Thread_local enum store_failure last_failure;

enum store_failure store_last_failure(void)
{
    return last_failure;
}

void store_failure_note(enum store_failure f)
{
    last_failure = f;
}

void store_failure_clear(void)
{
    last_failure = STORE_FAILURE_OTHER;
}

void store_strings_free(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++) free(list[i]);
    free(list);
}

void store_result_clear(struct store_result *r)
{
    store_strings_free(r->json, r->n);
    r->json = NULL;
    r->n = 0;
}

void store_doc_clear(struct store_doc *d)
{
    free(d->content);
    free(d->content_type);
    memset(d, 0, sizeof *d);
}

void store_credential_clear(struct store_credential *c)
{
    free(c->key);
    free(c->secret_hash);
    free(c->name);
    free(c->scopes);
    free(c->authority);
    memset(c, 0, sizeof *c);
}

void store_credentials_free(struct store_credential *list, size_t n)
{
    for (size_t i = 0; i < n; i++) store_credential_clear(&list[i]);
    free(list);
}
