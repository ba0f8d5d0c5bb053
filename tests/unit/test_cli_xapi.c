/* test_cli_xapi.c: the `stepwise xapi-client` and `stepwise erase` commands, called as main
 * calls them, checked through the store they change: exit status, what was stored or erased,
 * and that bad usage changes nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <fcntl.h>

#include <jansson.h>

#include "server/buf.h"
#include "tracking/cli_xapi.h"
#include "tracking/statements.h"
#include "tracking/store.h"

struct fixture {
    char dir[64];
    char *db;
};

static int setup(void **state)
{
    struct fixture *f = xcalloc(1, sizeof *f);
    strcpy(f->dir, "/tmp/stepwise-cli-XXXXXX");
    if (!mkdtemp(f->dir)) return -1;
    f->db = xasprintf("%s/lrs.db", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char *cmd = xasprintf("rm -rf '%s'", f->dir);
    int rc = system(cmd);
    free(cmd);
    free(f->db);
    free(f);
    return rc == 0 ? 0 : -1;
}

/* Runs a command given as a NULL-terminated list, with stdout silenced. */
static int run(int (*cmd)(int, char **), ...)
{
    char *argv[16];
    int argc = 0;
    va_list ap;
    va_start(ap, cmd);
    for (char *a; argc < 15 && (a = va_arg(ap, char *)) != NULL;) argv[argc++] = a;
    va_end(ap);
    argv[argc] = NULL;
    fflush(stdout);
    int saved = dup(1), null = open("/dev/null", O_WRONLY);
    dup2(null, 1);
    close(null);
    int status = cmd(argc, argv);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    return status;
}

static struct store *open_store(const char *db)
{
    char *err = NULL;
    struct store *s = store_open(db, &err);
    assert_non_null(s);
    return s;
}

static void test_client_add_list_revoke(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(cli_xapi_client, "xapi-client", "add", "Quiz", "--db", f->db, NULL), 2);
    assert_int_equal(run(cli_xapi_client, "xapi-client", "add", "Quiz", "--scope", "nope", "--db",
                         f->db, NULL), 2);
    assert_int_equal(access(f->db, F_OK), -1);  /* bad usage creates no database */
    assert_int_equal(run(cli_xapi_client, "xapi-client", "add", "Quiz", "--scope", "state",
                         "--scope", "statements/write", "--db", f->db, NULL), 0);

    struct store *s = open_store(f->db);
    struct store_credential *list;
    size_t n;
    char *err = NULL;
    assert_int_equal(store_credential_list(s, &list, &n, &err), STORE_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].name, "Quiz");
    assert_string_equal(list[0].scopes, "statements/write state");
    assert_int_equal(list[0].revoked, 0);
    char *key = xstrdup(list[0].key);
    store_credentials_free(list, n);

    assert_int_equal(run(cli_xapi_client, "xapi-client", "list", "--db", f->db, NULL), 0);
    assert_int_equal(run(cli_xapi_client, "xapi-client", "revoke", "ffff", "--db", f->db, NULL), 1);
    assert_int_equal(run(cli_xapi_client, "xapi-client", "revoke", key, "--db", f->db, NULL), 0);
    struct store_credential c;
    assert_int_equal(store_credential_find(s, key, &c, &err), STORE_OK);
    assert_int_equal(c.revoked, 1);
    store_credential_clear(&c);
    free(key);
    store_close(s);
}

/* Stores a statement by actor mbox (instructor: another mbox or NULL). */
static void put_statement(struct store *s, const char *actor, const char *instructor)
{
    json_t *st = json_pack("{s:{s:s}, s:{s:s}, s:{s:s}}", "actor", "mbox", actor, "verb", "id",
                           "http://adlnet.gov/expapi/verbs/completed", "object", "id",
                           "http://example.com/a");
    if (instructor)
        json_object_set_new(st, "context", json_pack("{s:{s:s}}", "instructor", "mbox", instructor));
    struct store_statement row;
    char msg[128];
    assert_int_equal(statements_prepare(st, XAPI_1_0_3, NULL, &row, msg, sizeof msg), 0);
    size_t failed;
    char *err = NULL;
    assert_int_equal(store_statements_insert(s, &row, 1, &failed, &err), STORE_OK);
    statements_clear(&row);
    json_decref(st);
}

static void put_state(struct store *s, const char *agent_key)
{
    struct store_doc_key k = {STORE_DOC_STATE, "http://example.com/a", agent_key, NULL, "progress"};
    char *err = NULL;
    assert_int_equal(store_doc_put(s, &k, "{}", 2, "application/json", NULL, 0, &err), STORE_OK);
}

static size_t count_statements(struct store *s, const char *agent_key)
{
    struct store_query q = {.agent = agent_key, .related_agents = 1};
    struct store_result r = {0};
    char *err = NULL;
    assert_int_equal(store_statements_query(s, &q, &r, &err), STORE_OK);
    size_t n = r.n;
    store_result_clear(&r);
    return n;
}

static void test_erase_learner(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(run(cli_xapi_erase, "erase", "--learner", "{\"mbox\":\"mailto:a@x.org\"}",
                         "--db", f->db, NULL), 1);  /* no database yet */
    struct store *s = open_store(f->db);
    put_statement(s, "mailto:ann@example.com", NULL);
    put_statement(s, "mailto:bob@example.com", "mailto:ann@example.com");
    put_statement(s, "mailto:bob@example.com", NULL);
    put_state(s, "mbox:mailto:ann@example.com");
    put_state(s, "mbox:mailto:bob@example.com");

    assert_int_equal(run(cli_xapi_erase, "erase", "--learner", "{\"name\":\"Ann\"}", "--db", f->db,
                         NULL), 2);
    assert_int_equal(count_statements(s, "mbox:mailto:ann@example.com"), 2);
    assert_int_equal(run(cli_xapi_erase, "erase", "--learner",
                         "{\"mbox\":\"mailto:ann@EXAMPLE.com\"}", "--db", f->db, NULL), 0);
    assert_int_equal(count_statements(s, "mbox:mailto:ann@example.com"), 0);
    assert_int_equal(count_statements(s, "mbox:mailto:bob@example.com"), 1);
    struct store_doc_key k = {STORE_DOC_STATE, "http://example.com/a", NULL, NULL, "progress"};
    struct store_doc d;
    char *err = NULL;
    k.agent = "mbox:mailto:ann@example.com";
    assert_int_equal(store_doc_get(s, &k, &d, &err), STORE_NOT_FOUND);
    k.agent = "mbox:mailto:bob@example.com";
    assert_int_equal(store_doc_get(s, &k, &d, &err), STORE_OK);
    store_doc_clear(&d);
    store_close(s);
}

static void test_erase_before(void **state)
{
    struct fixture *f = *state;
    struct store *s = open_store(f->db);
    put_statement(s, "mailto:ann@example.com", NULL);
    assert_int_equal(run(cli_xapi_erase, "erase", "--before", "2000-01-01", "--db", f->db, NULL), 0);
    assert_int_equal(count_statements(s, "mbox:mailto:ann@example.com"), 1);
    assert_int_equal(run(cli_xapi_erase, "erase", "--before", "soon", "--db", f->db, NULL), 2);
    assert_int_equal(run(cli_xapi_erase, "erase", "--before", "2999-01-01", "--learner",
                         "{\"mbox\":\"mailto:ann@example.com\"}", "--db", f->db, NULL), 2);
    assert_int_equal(count_statements(s, "mbox:mailto:ann@example.com"), 1);
    assert_int_equal(run(cli_xapi_erase, "erase", "--before", "2999-01-01T00:00:00+02:00", "--db",
                         f->db, NULL), 0);
    assert_int_equal(count_statements(s, "mbox:mailto:ann@example.com"), 0);
    store_close(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_client_add_list_revoke, setup, teardown),
        cmocka_unit_test_setup_teardown(test_erase_learner, setup, teardown),
        cmocka_unit_test_setup_teardown(test_erase_before, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
