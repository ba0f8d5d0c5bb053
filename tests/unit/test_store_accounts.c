/* test_store_accounts.c: the accounts part of the SQLite store against a real database file:
 * users (unique logins, updates, deactivation), sessions, login cards (one active per user,
 * reissue and revoke) and failed sign-in attempts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "server/buf.h"
#include "tracking/store.h"
#include "tracking/store_accounts.h"

#include "tests/unit/store_fixture.h"


static int64_t add_user(struct store *s, const char *login, const char *name, unsigned roles,
                        const char *hash)
{
    struct store_user u = {.login = (char *)login, .display_name = (char *)name,
                           .language = "en", .roles = roles, .password_hash = (char *)hash,
                           .active = 1};
    int64_t id = 0;
    char *err = NULL;
    assert_int_equal(store_user_add(s, &u, &id, &err), STORE_OK);
    assert_true(id > 0);
    return id;
}

static void hash_of(char c, char out[65])
{
    memset(out, c, 64);
    out[64] = '\0';
}

static void test_users(void **state)
{
    struct store *s = ((struct fixture *)*state)->store;
    char *err = NULL;
    int64_t anna = add_user(s, "anna", "Anna de Vries", 1, "$argon2id$fake");
    int64_t bob = add_user(s, "bob", "Bob Bakker", 0, NULL);
    assert_int_not_equal(anna, bob);

    /* a taken login is a conflict, and nothing is added */
    struct store_user dup = {.login = "anna", .display_name = "Other", .active = 1};
    assert_int_equal(store_user_add(s, &dup, NULL, &err), STORE_CONFLICT);

    struct store_user u;
    assert_int_equal(store_user_find_login(s, "anna", &u, &err), STORE_OK);
    assert_int_equal(u.id, anna);
    assert_string_equal(u.display_name, "Anna de Vries");
    assert_string_equal(u.language, "en");
    assert_string_equal(u.password_hash, "$argon2id$fake");
    assert_int_equal(u.roles, 1);
    assert_int_equal(u.active, 1);
    assert_true(u.created > 1700000000);
    store_user_clear(&u);
    assert_int_equal(store_user_find_login(s, "nobody", &u, &err), STORE_NOT_FOUND);
    assert_int_equal(store_user_get(s, 999, &u, &err), STORE_NOT_FOUND);
    assert_int_equal(store_user_get(s, bob, &u, &err), STORE_OK);
    assert_null(u.password_hash);
    store_user_clear(&u);

    /* the list is sorted by name and carries no password hashes */
    struct store_user *list;
    size_t n;
    assert_int_equal(store_user_list(s, &list, &n, &err), STORE_OK);
    assert_int_equal(n, 2);
    assert_string_equal(list[0].login, "anna");
    assert_string_equal(list[1].login, "bob");
    assert_null(list[0].password_hash);
    store_users_free(list, n);

    /* update: NULL password keeps it; a new one replaces it; login never changes */
    struct store_user ch = {.id = anna, .display_name = "Anna V.", .language = "nl", .roles = 3,
                            .active = 1};
    assert_int_equal(store_user_update(s, &ch, &err), STORE_OK);
    assert_int_equal(store_user_get(s, anna, &u, &err), STORE_OK);
    assert_string_equal(u.display_name, "Anna V.");
    assert_string_equal(u.language, "nl");
    assert_int_equal(u.roles, 3);
    assert_string_equal(u.password_hash, "$argon2id$fake");
    assert_string_equal(u.login, "anna");
    store_user_clear(&u);
    ch.password_hash = "$argon2id$new";
    assert_int_equal(store_user_update(s, &ch, &err), STORE_OK);
    assert_int_equal(store_user_get(s, anna, &u, &err), STORE_OK);
    assert_string_equal(u.password_hash, "$argon2id$new");
    store_user_clear(&u);
    ch.id = 999;
    assert_int_equal(store_user_update(s, &ch, &err), STORE_NOT_FOUND);
}

/* store_users_by_id: only the users asked for, by id, an id given twice once, an id of nobody
 * left out, no password hashes; no ids, no users. */
static void test_users_by_id(void **state)
{
    struct store *s = ((struct fixture *)*state)->store;
    char *err = NULL;
    int64_t cora = add_user(s, "cora", "Cora", 0, "$argon2id$fake");
    int64_t anna = add_user(s, "anna", "Anna", 0, "$argon2id$fake");
    add_user(s, "bob", "Bob", 0, NULL);
    const int64_t ids[] = {cora, 999, anna, cora};
    struct store_user *list;
    size_t n;
    assert_int_equal(store_users_by_id(s, ids, 4, &list, &n, &err), STORE_OK);
    assert_int_equal(n, 2);
    assert_true(list[0].id == cora && list[1].id == anna);   /* cora was added first */
    assert_string_equal(list[0].login, "cora");
    assert_string_equal(list[1].display_name, "Anna");
    assert_null(list[0].password_hash);
    store_users_free(list, n);
    assert_int_equal(store_users_by_id(s, ids, 0, &list, &n, &err), STORE_OK);
    assert_int_equal(n, 0);
}

static void test_sessions(void **state)
{
    struct store *s = ((struct fixture *)*state)->store;
    char *err = NULL;
    int64_t anna = add_user(s, "anna", "Anna", 0, NULL);
    struct store_session a = {.user_id = anna, .csrf = "csrf-a", .created = 1000, .last_seen = 1000};
    struct store_session b = {.user_id = anna, .csrf = "csrf-b", .created = 1000, .last_seen = 1000};
    hash_of('a', a.token_hash);
    hash_of('b', b.token_hash);
    assert_int_equal(store_session_create(s, &a, &err), STORE_OK);
    assert_int_equal(store_session_create(s, &b, &err), STORE_OK);

    struct store_session got;
    assert_int_equal(store_session_find(s, a.token_hash, &got, &err), STORE_OK);
    assert_int_equal(got.user_id, anna);
    assert_string_equal(got.csrf, "csrf-a");
    assert_int_equal(got.created, 1000);
    assert_int_equal(store_session_touch(s, a.token_hash, 1500, &err), STORE_OK);
    assert_int_equal(store_session_find(s, a.token_hash, &got, &err), STORE_OK);
    assert_int_equal(got.last_seen, 1500);
    assert_int_equal(got.created, 1000);

    /* purge: idle before 1200 goes (b), a stays */
    assert_int_equal(store_session_purge(s, 1200, 0, &err), STORE_OK);
    assert_int_equal(store_session_find(s, b.token_hash, &got, &err), STORE_NOT_FOUND);
    assert_int_equal(store_session_find(s, a.token_hash, &got, &err), STORE_OK);
    /* purge: created before 1001 goes too, however recently used */
    assert_int_equal(store_session_purge(s, 0, 1001, &err), STORE_OK);
    assert_int_equal(store_session_find(s, a.token_hash, &got, &err), STORE_NOT_FOUND);
    assert_int_equal(store_session_touch(s, a.token_hash, 1600, &err), STORE_NOT_FOUND);

    assert_int_equal(store_session_create(s, &a, &err), STORE_OK);
    assert_int_equal(store_session_delete(s, a.token_hash, &err), STORE_OK);
    assert_int_equal(store_session_find(s, a.token_hash, &got, &err), STORE_NOT_FOUND);
    assert_int_equal(store_session_delete(s, a.token_hash, &err), STORE_OK);  /* gone: fine */

    assert_int_equal(store_session_create(s, &a, &err), STORE_OK);
    assert_int_equal(store_session_create(s, &b, &err), STORE_OK);
    assert_int_equal(store_session_delete_user(s, anna, NULL, &err), STORE_OK);
    assert_int_equal(store_session_find(s, a.token_hash, &got, &err), STORE_NOT_FOUND);
    assert_int_equal(store_session_find(s, b.token_hash, &got, &err), STORE_NOT_FOUND);
}

static void test_cards(void **state)
{
    struct store *s = ((struct fixture *)*state)->store;
    char *err = NULL, h1[65], h2[65], h3[65];
    hash_of('1', h1);
    hash_of('2', h2);
    hash_of('3', h3);
    int64_t anna = add_user(s, "anna", "Anna", 0, NULL);
    int64_t bob = add_user(s, "bob", "Bob", 0, NULL);
    struct store_card c;
    assert_int_equal(store_card_get_user(s, anna, &c, &err), STORE_NOT_FOUND);
    assert_int_equal(store_card_issue(s, anna, h1, 100, &err), STORE_OK);
    assert_int_equal(store_card_find(s, h1, &c, &err), STORE_OK);
    assert_int_equal(c.user_id, anna);
    assert_int_equal(c.issued, 100);
    assert_int_equal(c.revoked, 0);
    assert_string_equal(c.token_hash, h1);

    /* reissue: the new card works, the old one does not */
    assert_int_equal(store_card_issue(s, anna, h2, 200, &err), STORE_OK);
    assert_int_equal(store_card_find(s, h1, &c, &err), STORE_NOT_FOUND);
    assert_int_equal(store_card_find(s, h2, &c, &err), STORE_OK);
    assert_int_equal(store_card_get_user(s, anna, &c, &err), STORE_OK);
    assert_int_equal(c.issued, 200);

    /* other users' cards are not touched */
    assert_int_equal(store_card_issue(s, bob, h3, 300, &err), STORE_OK);
    assert_int_equal(store_card_revoke(s, anna, 400, &err), STORE_OK);
    assert_int_equal(store_card_find(s, h2, &c, &err), STORE_NOT_FOUND);
    assert_int_equal(store_card_get_user(s, anna, &c, &err), STORE_NOT_FOUND);
    assert_int_equal(store_card_revoke(s, anna, 500, &err), STORE_NOT_FOUND);
    assert_int_equal(store_card_find(s, h3, &c, &err), STORE_OK);

    /* no such user: nothing is stored */
    assert_int_equal(store_card_issue(s, 999, h1, 600, &err), STORE_NOT_FOUND);
    assert_int_equal(store_card_find(s, h1, &c, &err), STORE_NOT_FOUND);
}

/* Revoking or reissuing a card ends the sessions that card started, not the password ones;
 * ending a user's sessions can keep one (the admin's own, after changing their password). */
static void test_card_sessions_end_with_the_card(void **state)
{
    struct store *s = ((struct fixture *)*state)->store;
    char *err = NULL, h1[65], h2[65];
    hash_of('1', h1);
    hash_of('2', h2);
    int64_t anna = add_user(s, "anna", "Anna", 0, NULL);
    struct store_card c;
    struct store_session got;
    assert_int_equal(store_card_issue(s, anna, h1, 100, &err), STORE_OK);
    assert_int_equal(store_card_find(s, h1, &c, &err), STORE_OK);
    struct store_session by_card = {.user_id = anna, .csrf = "c", .created = 1, .last_seen = 1,
                                    .card_id = c.id};
    struct store_session by_password = {.user_id = anna, .csrf = "p", .created = 1, .last_seen = 1};
    hash_of('c', by_card.token_hash);
    hash_of('p', by_password.token_hash);
    assert_int_equal(store_session_create(s, &by_card, &err), STORE_OK);
    assert_int_equal(store_session_create(s, &by_password, &err), STORE_OK);
    assert_int_equal(store_session_find(s, by_card.token_hash, &got, &err), STORE_OK);
    assert_int_equal(got.card_id, c.id);
    assert_int_equal(store_session_find(s, by_password.token_hash, &got, &err), STORE_OK);
    assert_int_equal(got.card_id, 0);

    assert_int_equal(store_card_issue(s, anna, h2, 200, &err), STORE_OK);     /* reissue */
    assert_int_equal(store_session_find(s, by_card.token_hash, &got, &err), STORE_NOT_FOUND);
    assert_int_equal(store_session_find(s, by_password.token_hash, &got, &err), STORE_OK);

    assert_int_equal(store_card_find(s, h2, &c, &err), STORE_OK);
    by_card.card_id = c.id;
    assert_int_equal(store_session_create(s, &by_card, &err), STORE_OK);
    assert_int_equal(store_card_revoke(s, anna, 300, &err), STORE_OK);       /* revoke */
    assert_int_equal(store_session_find(s, by_card.token_hash, &got, &err), STORE_NOT_FOUND);
    assert_int_equal(store_session_find(s, by_password.token_hash, &got, &err), STORE_OK);

    assert_int_equal(store_session_create(s, &by_card, &err), STORE_OK);
    assert_int_equal(store_session_delete_user(s, anna, by_password.token_hash, &err), STORE_OK);
    assert_int_equal(store_session_find(s, by_card.token_hash, &got, &err), STORE_NOT_FOUND);
    assert_int_equal(store_session_find(s, by_password.token_hash, &got, &err), STORE_OK);
}

/* Deactivating a user ends their sessions and blocks their card in the same step. */
static void test_deactivate_shuts_out(void **state)
{
    struct store *s = ((struct fixture *)*state)->store;
    char *err = NULL, card[65];
    hash_of('c', card);
    int64_t anna = add_user(s, "anna", "Anna", 0, NULL);
    struct store_session ss = {.user_id = anna, .csrf = "x", .created = 1, .last_seen = 1};
    hash_of('s', ss.token_hash);
    assert_int_equal(store_session_create(s, &ss, &err), STORE_OK);
    assert_int_equal(store_card_issue(s, anna, card, 1, &err), STORE_OK);
    struct store_user ch = {.id = anna, .display_name = "Anna", .language = "en", .active = 0};
    assert_int_equal(store_user_update(s, &ch, &err), STORE_OK);
    struct store_session got;
    struct store_card c;
    struct store_user u;
    assert_int_equal(store_session_find(s, ss.token_hash, &got, &err), STORE_NOT_FOUND);
    assert_int_equal(store_card_find(s, card, &c, &err), STORE_NOT_FOUND);
    assert_int_equal(store_user_get(s, anna, &u, &err), STORE_OK);
    assert_int_equal(u.active, 0);
    store_user_clear(&u);
}

static void test_attempts(void **state)
{
    struct store *s = ((struct fixture *)*state)->store;
    char *err = NULL;
    int64_t count = -1, latest = -1, base = 1700000000;
    assert_int_equal(store_attempt_count(s, "login:anna", 0, &count, &latest, &err), STORE_OK);
    assert_int_equal(count, 0);
    assert_int_equal(latest, 0);
    assert_int_equal(store_attempt_add(s, "login:anna", base + 10, &err), STORE_OK);
    assert_int_equal(store_attempt_add(s, "login:anna", base + 20, &err), STORE_OK);
    assert_int_equal(store_attempt_add(s, "addr:10.0.0.1", base + 20, &err), STORE_OK);
    assert_int_equal(store_attempt_count(s, "login:anna", base, &count, &latest, &err), STORE_OK);
    assert_int_equal(count, 2);
    assert_int_equal(latest, base + 20);
    assert_int_equal(store_attempt_count(s, "login:anna", base + 15, &count, &latest, &err), STORE_OK);
    assert_int_equal(count, 1);
    assert_int_equal(latest, base + 20);
    assert_int_equal(store_attempt_clear(s, "login:anna", &err), STORE_OK);
    assert_int_equal(store_attempt_count(s, "login:anna", base, &count, NULL, &err), STORE_OK);
    assert_int_equal(count, 0);
    assert_int_equal(store_attempt_count(s, "addr:10.0.0.1", base, &count, NULL, &err), STORE_OK);
    assert_int_equal(count, 1);
    /* records older than a day are dropped when a new one comes */
    assert_int_equal(store_attempt_add(s, "login:bob", base + 20 + 86401, &err), STORE_OK);
    assert_int_equal(store_attempt_count(s, "addr:10.0.0.1", 0, &count, NULL, &err), STORE_OK);
    assert_int_equal(count, 0);
}

/* The player's key: made once from the first fresh value, then always the same for the user;
 * another user gets their own; none for a user that does not exist. */
static void test_player_key(void **state)
{
    struct fixture *f = *state;
    struct store *s = f->store;
    int64_t anna = add_user(s, "anna", "Anna", 0, NULL), bob = add_user(s, "bob", "Bob", 0, NULL);
    char key[STORE_PLAYER_KEY_LEN + 1], again[STORE_PLAYER_KEY_LEN + 1], *err = NULL;
    const char *k1 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const char *k2 = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    assert_int_equal(store_player_key(s, anna, k1, key, &err), STORE_OK);
    assert_string_equal(key, k1);
    assert_int_equal(store_player_key(s, anna, k2, again, &err), STORE_OK);
    assert_string_equal(again, k1);
    assert_int_equal(store_player_key(s, bob, k2, key, &err), STORE_OK);
    assert_string_equal(key, k2);
    assert_int_equal(store_player_key(s, 9999, k1, key, &err), STORE_NOT_FOUND);
}

/* Reopening a migrated database keeps the data and runs no migration twice. */
static void test_reopen(void **state)
{
    struct fixture *f = *state;
    add_user(f->store, "anna", "Anna", 0, NULL);
    store_close(f->store);
    char *err = NULL;
    f->store = store_open(f->path, &err);
    assert_non_null(f->store);
    struct store_user u;
    assert_int_equal(store_user_find_login(f->store, "anna", &u, &err), STORE_OK);
    store_user_clear(&u);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_users), T(test_users_by_id), T(test_sessions), T(test_cards), T(test_card_sessions_end_with_the_card),
        T(test_deactivate_shuts_out),
        T(test_attempts), T(test_player_key), T(test_reopen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
