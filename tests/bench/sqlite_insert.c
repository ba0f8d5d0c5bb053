/* sqlite_insert.c: the baseline of the xAPI ingest benchmark (`make bench`): how many statement
 * rows per second the store API itself writes into a fresh SQLite database, one row per call
 * and 100 rows per call, with the same rows tests/bench/ingest.mjs sends over HTTP.
 *
 * Usage: sqlite_insert TEMPLATE.json DB_FILE [MAX_ROWS [MAX_SECONDS]]
 * Prints one line per mode: "store rows_per_call=N rows=N seconds=S rate=R cpu_us_per_row=C"
 * (C: the CPU time of this process per row, steadier than the rate on a busy machine). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "server/buf.h"
#include "tracking/statements.h"
#include "tracking/store.h"
#include "tracking/validate.h"

static double clock_seconds(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now_seconds(void)
{
    return clock_seconds(CLOCK_MONOTONIC);
}

/* Row i of the benchmark: the template with learner, module and registration varied exactly as
 * ingest.mjs varies them. */
static json_t *make_row(const json_t *tmpl, size_t i)
{
    json_t *st = json_deep_copy(tmpl);
    json_t *actor = json_object_get(st, "actor");
    char *s = xasprintf("Learner %zu", i % 1000);
    json_object_set_new(actor, "name", json_string(s));
    free(s);
    s = xasprintf("mailto:learner%zu@example.com", i % 1000);
    json_object_set_new(actor, "mbox", json_string(s));
    free(s);
    s = xasprintf("http://stepwise.example/modules/module-%zu", i % 50);
    json_object_set_new(json_object_get(st, "object"), "id", json_string(s));
    free(s);
    char reg[37];
    statements_uuid4(reg);
    json_object_set_new(json_object_get(st, "context"), "registration", json_string(reg));
    return st;
}

/* Prepares n rows (validated as the server does) into a new array; NULL on a bad template. */
static struct store_statement *prepare_rows(const json_t *tmpl, size_t n, const json_t *authority)
{
    struct store_statement *rows = xcalloc(n, sizeof *rows);
    char err[256];
    for (size_t i = 0; i < n; i++) {
        json_t *st = make_row(tmpl, i);
        int rc = xapi_validate_statement(st, XAPI_1_0_3, err, sizeof err);
        if (rc == 0) rc = statements_prepare(st, XAPI_1_0_3, authority, &rows[i], err, sizeof err);
        json_decref(st);
        if (rc < 0) {
            fprintf(stderr, "sqlite_insert: row %zu: %s\n", i, err);
            statements_free_batch(rows, n);
            return NULL;
        }
    }
    return rows;
}

/* Inserts rows in calls of per_call rows until all n are in or max_seconds passed; prints the
 * rate. Returns 0, or -1 on a store failure. */
static int run(struct store *s, struct store_statement *rows, size_t n, size_t per_call,
               double max_seconds)
{
    double start = now_seconds(), elapsed = 0, cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
    size_t done = 0;
    while (done < n && elapsed < max_seconds) {
        size_t k = n - done < per_call ? n - done : per_call, failed = 0;
        char *err = NULL;
        int rc = store_statements_insert(s, rows + done, k, &failed, &err);
        if (rc != STORE_OK) {
            fprintf(stderr, "sqlite_insert: insert failed (%d): %s\n", rc, err ? err : "");
            free(err);
            return -1;
        }
        done += k;
        elapsed = now_seconds() - start;
    }
    printf("store rows_per_call=%zu rows=%zu seconds=%.3f rate=%.0f cpu_us_per_row=%.1f\n", per_call,
           done, elapsed, (double)done / elapsed,
           (clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu) * 1e6 / (double)done);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: sqlite_insert TEMPLATE.json DB_FILE [MAX_ROWS [MAX_SECONDS]]\n");
        return 2;
    }
    size_t n = argc > 3 ? strtoul(argv[3], NULL, 10) : 5000;
    double max_seconds = argc > 4 ? strtod(argv[4], NULL) : 10;
    json_error_t jerr;
    json_t *tmpl = json_load_file(argv[1], 0, &jerr);
    if (!tmpl) {
        fprintf(stderr, "sqlite_insert: %s: %s\n", argv[1], jerr.text);
        return 1;
    }
    json_t *authority = json_pack("{s:s, s:s, s:{s:s, s:s}}", "objectType", "Agent", "name",
                                  "bench", "account", "homePage", "http://stepwise.invalid/",
                                  "name", "bench");
    char *err = NULL;
    struct store *s = store_open(argv[2], &err);
    int status = 1;
    struct store_statement *single = NULL, *batch = NULL;
    if (!s) {
        fprintf(stderr, "sqlite_insert: %s: %s\n", argv[2], err);
        goto done;
    }
    single = prepare_rows(tmpl, n, authority);
    batch = prepare_rows(tmpl, n, authority);
    if (single && batch && run(s, single, n, 1, max_seconds) == 0 &&
        run(s, batch, n, 100, max_seconds) == 0)
        status = 0;
done:
    if (single) statements_free_batch(single, n);
    if (batch) statements_free_batch(batch, n);
    store_close(s);
    free(err);
    json_decref(authority);
    json_decref(tmpl);
    return status;
}
