/* store_reply.c: the 503 and 507 answers to a locked or full database (see store_reply.h). */
#include "server/store_reply.h"

#include <stdio.h>

#include "player/i18n.h"
#include "server/server.h"

int store_reply_status(enum store_failure f)
{
    return f == STORE_FAILURE_BUSY ? MHD_HTTP_SERVICE_UNAVAILABLE
         : f == STORE_FAILURE_FULL ? MHD_HTTP_INSUFFICIENT_STORAGE
                                   : MHD_HTTP_INTERNAL_SERVER_ERROR;
}

const char *store_reply_message(enum store_failure f)
{
    if (f == STORE_FAILURE_BUSY)
        return _("The database is busy: another program holds it locked, so nothing was saved. "
               "Try again in a few seconds.");
    if (f == STORE_FAILURE_FULL)
        return _("The server's disk is full, so nothing was saved (what was saved before is "
               "safe, and reading still works). Tell the person who runs Stepwise to free space "
               "on the disk that holds the database.");
    return NULL;
}

void store_reply_log(const char *db_path, enum store_failure f)
{
    if (f == STORE_FAILURE_BUSY)
        fprintf(stderr, "stepwise: database %s: locked by another process for over %d s; the "
                "write was refused with 503 (find the program that holds it: backup, sqlite3, "
                "a stepwise command)\n", db_path, STORE_REPLY_RETRY_SECONDS);
    else if (f == STORE_FAILURE_FULL)
        fprintf(stderr, "stepwise: database %s: disk full (or --db-max-bytes reached); writes "
                "get 507 until space is freed, reads go on\n", db_path);
}

void store_reply_page(struct request *r)
{
    enum store_failure f = store_last_failure();
    int status = store_reply_status(f);
    if (r->status != MHD_HTTP_INTERNAL_SERVER_ERROR || status == MHD_HTTP_INTERNAL_SERVER_ERROR)
        return;
    store_reply_log(r->srv->cfg.db_path, f);
    reply_error_page(r, status, f == STORE_FAILURE_BUSY ? _("Please try again") : _("Disk full"),
                     store_reply_message(f));
    store_reply_retry_after(r, f);
}

void store_reply_retry_after(struct request *r, enum store_failure f)
{
    if (f != STORE_FAILURE_BUSY) return;
    char secs[16];
    snprintf(secs, sizeof secs, "%d", STORE_REPLY_RETRY_SECONDS);
    reply_header(r, MHD_HTTP_HEADER_RETRY_AFTER, secs);
}
