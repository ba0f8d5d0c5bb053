/* fuzz_statement.c: libFuzzer harness for xAPI statements as a client sends them: the bytes are
 * parsed as JSON (as POST /xapi/statements does), each statement (an object, every element of an
 * array, or the "statement" member of a tests/data/statements fixture) is validated for xAPI 1.0.3
 * and 2.0.0, and a valid one is prepared for the store, hashed, and formatted as ids and
 * canonical (tracking/validate.h, statements.h, lrs_format.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "tracking/lrs_format.h"
#include "tracking/statements.h"

static void check(const json_t *stmt, enum xapi_version v)
{
    char err[512];
    if (xapi_validate_statement(stmt, v, err, sizeof err) < 0) return;
    struct store_statement st;
    memset(&st, 0, sizeof st);
    json_t *authority = json_pack("{s:s,s:s}", "objectType", "Agent", "mbox", "mailto:lrs@e.com");
    if (statements_prepare(stmt, v, authority, &st, err, sizeof err) == 0) {
        char hash[65];
        statements_content_hash(st.stmt, hash);
        json_t *ids = json_deep_copy(st.stmt);
        lrs_format_apply(ids, LRS_FORMAT_IDS, NULL, NULL, NULL);
        json_t *canonical = json_deep_copy(st.stmt);
        lrs_format_apply(canonical, LRS_FORMAT_CANONICAL, "nl-BE, en;q=0.5, *;q=0.1", NULL, NULL);
        /* What the LRS stores and returns must itself be a valid statement. */
        if (xapi_validate_statement(st.stmt, v, err, sizeof err) < 0 ||
            xapi_validate_statement(ids, v, err, sizeof err) < 0 ||
            xapi_validate_statement(canonical, v, err, sizeof err) < 0) {
            fprintf(stderr, "invalid after preparing or formatting: %s\n", err);
            abort();
        }
        json_decref(ids);
        json_decref(canonical);
    }
    statements_clear(&st);
    json_decref(authority);
}

static void check_both(const json_t *stmt)
{
    check(stmt, XAPI_1_0_3);
    check(stmt, XAPI_2_0_0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready && sodium_init() < 0) abort();
    ready = 1;
    json_t *j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
    if (!j) return 0;
    json_t *fixture = json_object_get(j, "statement");
    size_t i;
    json_t *s;
    if (fixture) check_both(fixture);
    else if (json_is_array(j)) json_array_foreach(j, i, s) check_both(s);
    else check_both(j);
    json_decref(j);
    return 0;
}
