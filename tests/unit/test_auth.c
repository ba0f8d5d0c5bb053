/* test_auth.c: server/auth.c without HTTP: token making and hashing, argon2id passwords,
 * login names, creating users, login cards, the sign-in rate limit, cookies and the xAPI agent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include <sodium.h>

#include "server/auth.h"
#include "server/buf.h"
#include "server/server.h"
#include "tracking/store_accounts.h"

#include "tests/unit/store_fixture.h"


static void test_tokens(void **state)
{
    (void)state;
    char a[64], b[64], h[65];
    auth_random_token(a);
    auth_random_token(b);
    assert_int_equal(strlen(a), 43);    /* 32 bytes, base64url without padding */
    assert_string_not_equal(a, b);
    for (const char *p = a; *p; p++)
        assert_true((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_');
    auth_token_hash("abc", h);          /* FIPS 180-2 test vector */
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_passwords(void **state)
{
    (void)state;
    char *hash = auth_password_hash("correct horse");
    assert_non_null(hash);
    assert_memory_equal(hash, "$argon2id$", 10);
    assert_true(auth_password_check(hash, "correct horse"));
    assert_false(auth_password_check(hash, "correct horsE"));
    assert_false(auth_password_check(hash, ""));
    assert_false(auth_password_check(hash, NULL));
    assert_false(auth_password_check(NULL, "correct horse"));   /* unknown login */
    char *again = auth_password_hash("correct horse");
    assert_string_not_equal(hash, again);                        /* salted */
    free(again);
    free(hash);

    char *p = auth_password_generate(), *q = auth_password_generate();
    assert_int_equal(strlen(p), 19);                             /* "baki-dufo-...": 4 x 4 + 3 */
    for (int i = 0; i < 19; i++) assert_true(i % 5 == 4 ? p[i] == '-' : (p[i] >= 'a' && p[i] <= 'z'));
    assert_string_not_equal(p, q);
    free(p);
    free(q);
}

static void test_login_names(void **state)
{
    (void)state;
    assert_null(auth_login_problem("anna"));
    assert_null(auth_login_problem("anna.de-vries_2"));
    assert_null(auth_login_problem("7up"));
    assert_non_null(auth_login_problem(""));
    assert_non_null(auth_login_problem(NULL));
    assert_non_null(auth_login_problem("Anna"));
    assert_non_null(auth_login_problem(".anna"));
    assert_non_null(auth_login_problem("anna devries"));
    assert_non_null(auth_login_problem("anna@x"));
    char long_name[70];
    memset(long_name, 'a', 65);
    long_name[65] = '\0';
    assert_non_null(auth_login_problem(long_name));
    long_name[64] = '\0';
    assert_null(auth_login_problem(long_name));
    char typed[] = "AnNa.X";
    auth_login_normalize(typed);
    assert_string_equal(typed, "anna.x");
}

static void test_user_create(void **state)
{
    struct store *s = ((struct fixture *)*state)->store;
    char *err = NULL;
    int64_t id = 0;
    assert_int_equal(auth_user_create(s, "Anna", "Anna de Vries", NULL, ROLE_ADMIN, "secret-pw",
                                      &id, &err), STORE_OK);
    struct store_user u;
    assert_int_equal(store_user_get(s, id, &u, &err), STORE_OK);
    assert_string_equal(u.login, "anna");              /* normalized */
    assert_string_equal(u.language, "");             /* not chosen: the browser's */
    assert_int_equal(u.roles, ROLE_ADMIN);
    assert_true(auth_password_check(u.password_hash, "secret-pw"));
    store_user_clear(&u);

    assert_int_equal(auth_user_create(s, "anna", "Other", "nl", 0, NULL, NULL, &err), STORE_CONFLICT);
    assert_int_equal(auth_user_create(s, "bad name", "X", NULL, 0, NULL, NULL, &err), STORE_ERROR);
    assert_non_null(strstr(err, "login name"));
    free(err);
    err = NULL;
    assert_int_equal(auth_user_create(s, "carl", "", NULL, 0, NULL, NULL, &err), STORE_ERROR);
    free(err);
    err = NULL;
    /* a card-only user has no password hash */
    assert_int_equal(auth_user_create(s, "dirk", "Dirk", "nl", 0, NULL, &id, &err), STORE_OK);
    assert_int_equal(store_user_get(s, id, &u, &err), STORE_OK);
    assert_null(u.password_hash);
    assert_string_equal(u.language, "nl");
    store_user_clear(&u);
}

static void test_cards(void **state)
{
    struct store *s = ((struct fixture *)*state)->store;
    char *err = NULL, *t1, *t2, h[65];
    int64_t id;
    assert_int_equal(auth_user_create(s, "anna", "Anna", NULL, 0, NULL, &id, &err), STORE_OK);
    assert_int_equal(auth_card_issue(s, id, &t1, &err), STORE_OK);
    assert_int_equal(strlen(t1), 43);
    struct store_card c;
    auth_token_hash(t1, h);
    assert_int_equal(store_card_find(s, h, &c, &err), STORE_OK);   /* only the hash is stored */
    assert_int_equal(c.user_id, id);
    assert_int_equal(auth_card_issue(s, id, &t2, &err), STORE_OK);
    assert_string_not_equal(t1, t2);
    assert_int_equal(store_card_find(s, h, &c, &err), STORE_NOT_FOUND);
    char *url = auth_card_url("https://learn.example", t2);
    char *want = xasprintf("https://learn.example/card/%s", t2);
    assert_string_equal(url, want);
    free(want);
    free(url);
    free(t1);
    free(t2);
    assert_int_equal(auth_card_issue(s, 999, &t1, &err), STORE_NOT_FOUND);
    assert_null(t1);
}

/* From the 3rd failure on, a key waits 60 s after its latest failure, twice as long after each
 * further one, at most AUTH_DELAY_MAX; other keys are not touched. */
static void test_rate_limit(void **state)
{
    struct store *s = ((struct fixture *)*state)->store;
    char *err = NULL;
    int64_t t = 1800000000;
    const char *k = "pair:anna 10.0.0.1";
    assert_int_equal(auth_attempts_blocked(s, k, 3, 60, t, &err), 0);
    store_attempt_add(s, k, t, &err);
    store_attempt_add(s, k, t + 5, &err);
    assert_int_equal(auth_attempts_blocked(s, k, 3, 60, t + 6, &err), 0);
    store_attempt_add(s, k, t + 10, &err);
    assert_int_equal(auth_attempts_blocked(s, k, 3, 60, t + 11, &err), t + 70);
    assert_int_equal(auth_attempts_blocked(s, k, 3, 60, t + 70, &err), 0);      /* waited */
    store_attempt_add(s, k, t + 70, &err);                                      /* 4th: 120 s */
    assert_int_equal(auth_attempts_blocked(s, k, 3, 60, t + 71, &err), t + 190);
    store_attempt_add(s, k, t + 190, &err);                                     /* 5th: 240 s */
    assert_int_equal(auth_attempts_blocked(s, k, 3, 60, t + 191, &err), t + 430);
    for (int i = 0; i < 40; i++) store_attempt_add(s, k, t + 430, &err);        /* capped */
    assert_int_equal(auth_attempts_blocked(s, k, 3, 60, t + 431, &err), t + 430 + AUTH_DELAY_MAX);
    assert_int_equal(auth_attempts_blocked(s, "pair:anna 10.0.0.2", 3, 60, t + 431, &err), 0);
    assert_int_equal(auth_attempts_blocked(s, k, 100, 60, t + 431, &err), 0);  /* per max */
    /* failures are forgotten after a day */
    assert_int_equal(auth_attempts_blocked(s, k, 3, 60, t + 430 + AUTH_ATTEMPT_MEMORY + 1, &err), 0);
    assert_null(err);
}

static void test_cookies(void **state)
{
    (void)state;
    struct server srv;
    memset(&srv, 0, sizeof srv);
    struct request r = {.srv = &srv};
    srv.cfg.public_url = "http://127.0.0.1:8080";
    char *c = auth_cookie(&r, AUTH_COOKIE, "tok", "/", "Lax", -1);
    assert_string_equal(c, "stepwise_session=tok; Path=/; HttpOnly; SameSite=Lax");
    free(c);
    srv.cfg.public_url = "https://learn.example";
    c = auth_cookie(&r, AUTH_COOKIE, "", "/", "Lax", 0);
    assert_string_equal(c, "stepwise_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure");
    free(c);
}

static void test_agent(void **state)
{
    (void)state;
    json_t *a = auth_agent_for_login("https://learn.example", "anna");
    char *s = json_dumps(a, JSON_COMPACT | JSON_SORT_KEYS);
    assert_string_equal(s, "{\"account\":{\"homePage\":\"https://learn.example\",\"name\":\"anna\"},"
                           "\"objectType\":\"Agent\"}");
    free(s);
    json_decref(a);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_tokens), T(test_passwords), T(test_login_names), T(test_user_create),
        T(test_cards), T(test_rate_limit), T(test_cookies), T(test_agent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
