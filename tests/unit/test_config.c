/* test_config.c: server settings from options and environment, with their limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "server/config.h"
#include "tracking/store.h"

static void test_defaults(void **state)
{
    (void)state;
    struct config c;
    config_defaults(&c);
    assert_string_equal(c.listen_host, "127.0.0.1");
    assert_int_equal(c.port, 8080);
    assert_string_equal(c.content_dir, "modules");
    assert_true(c.max_body_bytes > 0);
    config_free(&c);
}

static void test_listen_forms(void **state)
{
    (void)state;
    struct config c;
    char *err = NULL;
    config_defaults(&c);
    assert_int_equal(config_set_listen(&c, "0.0.0.0:9000", &err), 0);
    assert_string_equal(c.listen_host, "0.0.0.0");
    assert_int_equal(c.port, 9000);
    assert_int_equal(config_set_listen(&c, "[::1]:8081", &err), 0);
    assert_string_equal(c.listen_host, "::1");
    assert_int_equal(c.port, 8081);
    const char *bad[] = {"8080", ":8080", "host:", "host:0", "host:70000", "host:80x", "[::1:80"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(config_set_listen(&c, bad[i], &err), -1);
        assert_non_null(strstr(err, "--listen"));
        free(err);
        err = NULL;
    }
    config_free(&c);
}

static void test_sizes_with_suffixes_and_limits(void **state)
{
    (void)state;
    struct config c;
    char *err = NULL;
    config_defaults(&c);
    assert_int_equal(config_set_option(&c, "max-body", "2M", &err), 0);
    assert_int_equal(c.max_body_bytes, 2u << 20);
    assert_int_equal(config_set_option(&c, "max-body", "64k", &err), 0);
    assert_int_equal(c.max_body_bytes, 64u << 10);
    assert_int_equal(config_set_option(&c, "max-body", "10", &err), -1);
    assert_non_null(strstr(err, "from 1024"));
    free(err);
    assert_int_equal(config_set_option(&c, "threads", "-1", &err), -1);
    free(err);
    assert_int_equal(c.write_threads, 32);
    assert_int_equal(config_set_option(&c, "write-threads", "4", &err), 0);
    assert_int_equal(c.write_threads, 4);
    assert_int_equal(config_set_option(&c, "write-threads", "0", &err), -1);
    assert_non_null(strstr(err, "--write-threads"));
    free(err);
    assert_int_equal(config_set_option(&c, "write-threads", "257", &err), -1);
    free(err);
    assert_int_equal(config_set_option(&c, "timeout", "12", &err), 0);
    assert_int_equal(c.timeout_seconds, 12);
    assert_int_equal(config_set_option(&c, "colour", "blue", &err), -1);
    assert_non_null(strstr(err, "unknown option --colour"));
    free(err);
    config_free(&c);
}

/* The limits of issue 10: defaults, options, and body memory that must hold the largest body. */
static void test_request_limits(void **state)
{
    (void)state;
    struct config c;
    char *err = NULL;
    config_defaults(&c);
    assert_int_equal(c.max_form_bytes, 64u << 10);
    assert_int_equal(c.max_body_memory, 64u << 20);
    assert_int_equal(c.header_timeout_seconds, 10);
    assert_int_equal(c.max_per_address, 128);
    assert_int_equal(c.max_batch, 1000);
    assert_int_equal(c.max_attachments, 100);
    assert_int_equal(c.max_json_values, 200000);
    assert_int_equal(c.max_json_values_session, 10000);
    assert_int_equal(config_check(&c, &err), 0);
    assert_int_equal(config_set_option(&c, "max-form-bytes", "8k", &err), 0);
    assert_int_equal(c.max_form_bytes, 8u << 10);
    assert_int_equal(config_set_option(&c, "header-timeout", "0", &err), -1);
    free(err);
    assert_int_equal(c.max_head_bytes, 8u << 10);
    assert_int_equal(config_set_option(&c, "max-head", "16k", &err), 0);
    assert_int_equal(c.max_head_bytes, 16u << 10);
    assert_int_equal(config_set_option(&c, "max-head", "512", &err), -1);
    assert_non_null(strstr(err, "--max-head"));
    free(err);
    err = NULL;
    assert_int_equal(config_set_option(&c, "max-head", "65k", &err), -1);
    free(err);
    err = NULL;
    assert_int_equal(config_set_option(&c, "max-connections-per-address", "8", &err), 0);
    assert_int_equal(c.max_per_address, 8);
    assert_int_equal(config_set_option(&c, "max-batch", "50", &err), 0);
    assert_int_equal(config_set_option(&c, "max-attachments", "0", &err), 0);
    assert_int_equal(config_set_option(&c, "max-json-values", "99", &err), -1);
    free(err);
    assert_int_equal(config_set_option(&c, "max-json-values-session", "500", &err), 0);
    assert_int_equal(c.max_json_values_session, 500);
    assert_int_equal(c.media_completion, 90);
    assert_int_equal(config_set_option(&c, "media-completion", "75", &err), 0);
    assert_int_equal(c.media_completion, 75);
    assert_int_equal(config_set_option(&c, "media-completion", "101", &err), -1);
    assert_non_null(strstr(err, "--media-completion"));
    free(err);
    assert_int_equal(config_set_option(&c, "media-completion", "0", &err), -1);
    free(err);
    assert_int_equal(config_set_option(&c, "max-body-memory", "8M", &err), 0);
    assert_int_equal(config_check(&c, &err), -1);
    assert_non_null(strstr(err, "--max-body-memory (8388608 bytes) must be at least --max-body"));
    free(err);
    config_free(&c);
}

/* The database's page caches: defaults as store.h says, sizes with suffixes, from the
 * environment too, and a size outside 512k to 64G refused with the option's name and range. */
static void test_database_caches(void **state)
{
    (void)state;
    struct config c;
    char *err = NULL;
    config_defaults(&c);
    assert_true(c.db_cache_bytes == STORE_CACHE_BYTES_DEFAULT);
    assert_true(c.db_reader_cache_bytes == STORE_READER_CACHE_BYTES_DEFAULT);
    assert_int_equal(config_set_option(&c, "db-cache-bytes", "16M", &err), 0);
    assert_true(c.db_cache_bytes == 16u << 20);
    assert_int_equal(config_set_option(&c, "db-reader-cache-bytes", "512k", &err), 0);
    assert_true(c.db_reader_cache_bytes == 512u << 10);
    assert_int_equal(config_set_option(&c, "db-reader-cache-bytes", "100k", &err), -1);
    assert_string_equal(err, "--db-reader-cache-bytes: \"100k\" is not a number from 524288 to "
                             "68719476736");
    free(err);
    assert_int_equal(config_set_option(&c, "db-cache-bytes", "65G", &err), -1);
    assert_non_null(strstr(err, "--db-cache-bytes: \"65G\" is not a number"));
    free(err);
    setenv("STEPWISE_DB_READER_CACHE_BYTES", "2M", 1);
    assert_int_equal(config_from_env(&c, &err), 0);
    assert_true(c.db_reader_cache_bytes == 2u << 20);
    setenv("STEPWISE_DB_CACHE_BYTES", "lots", 1);
    assert_int_equal(config_from_env(&c, &err), -1);
    assert_non_null(strstr(err, "STEPWISE_DB_CACHE_BYTES: --db-cache-bytes"));
    free(err);
    unsetenv("STEPWISE_DB_READER_CACHE_BYTES");
    unsetenv("STEPWISE_DB_CACHE_BYTES");
    config_free(&c);
}

static void test_public_url(void **state)
{
    (void)state;
    struct config c;
    char *err = NULL;
    config_defaults(&c);
    config_public_url(&c);
    assert_string_equal(c.public_url, "http://127.0.0.1:8080");
    assert_int_equal(config_set_option(&c, "public-url", "https://learn.example.com//", &err), 0);
    assert_string_equal(c.public_url, "https://learn.example.com");
    config_public_url(&c); /* an explicit address is kept */
    assert_string_equal(c.public_url, "https://learn.example.com");
    assert_int_equal(config_set_option(&c, "public-url", "ftp://x", &err), -1);
    assert_non_null(strstr(err, "--public-url"));
    free(err);
    config_free(&c);
}

static void test_environment(void **state)
{
    (void)state;
    struct config c;
    char *err = NULL;
    config_defaults(&c);
    setenv("STEPWISE_LISTEN", "127.0.0.2:7000", 1);
    setenv("STEPWISE_MAX_CONNECTIONS", "7", 1);
    assert_int_equal(config_from_env(&c, &err), 0);
    assert_string_equal(c.listen_host, "127.0.0.2");
    assert_int_equal(c.port, 7000);
    assert_int_equal(c.max_connections, 7);
    setenv("STEPWISE_THREADS", "many", 1);
    assert_int_equal(config_from_env(&c, &err), -1);
    assert_non_null(strstr(err, "STEPWISE_THREADS"));
    free(err);
    unsetenv("STEPWISE_LISTEN");
    unsetenv("STEPWISE_MAX_CONNECTIONS");
    unsetenv("STEPWISE_THREADS");
    config_free(&c);
}

/* Both are off by default; the token must be long and printable, the proxy an IP address. */
static void test_metrics_token_and_trusted_proxy(void **state)
{
    (void)state;
    struct config c;
    char *err = NULL;
    config_defaults(&c);
    assert_null(c.metrics_token);
    assert_null(c.trusted_proxy);
    const char *bad_tokens[] = {"", "fifteen-chars-x", "has a space in the middle",
                                "tab\there-0123456789"};
    for (size_t i = 0; i < sizeof bad_tokens / sizeof *bad_tokens; i++) {
        assert_int_equal(config_set_option(&c, "metrics-token", bad_tokens[i], &err), -1);
        assert_non_null(strstr(err, "--metrics-token"));
        free(err);
    }
    assert_null(c.metrics_token);
    assert_int_equal(config_set_option(&c, "metrics-token", "sixteen-chars-xx", &err), 0);
    assert_string_equal(c.metrics_token, "sixteen-chars-xx");
    setenv("STEPWISE_TRUSTED_PROXY", "::1", 1);
    assert_int_equal(config_from_env(&c, &err), 0);
    assert_string_equal(c.trusted_proxy, "::1");
    setenv("STEPWISE_TRUSTED_PROXY", "10.0.0.0/8", 1);
    assert_int_equal(config_from_env(&c, &err), -1);
    assert_non_null(strstr(err, "STEPWISE_TRUSTED_PROXY: --trusted-proxy: \"10.0.0.0/8\" is not "
                                "an IP address"));
    free(err);
    unsetenv("STEPWISE_TRUSTED_PROXY");
    config_free(&c);
}

/* --language: en by default; only a built-in interface language, kept as its own tag. */
static void test_language(void **state)
{
    (void)state;
    struct config c;
    char *err = NULL;
    config_defaults(&c);
    assert_string_equal(c.language, "en");
    assert_int_equal(config_set_option(&c, "language", "nl-NL", &err), 0);
    assert_string_equal(c.language, "nl");
    assert_int_equal(config_set_option(&c, "language", "de", &err), -1);
    assert_non_null(strstr(err, "\"de\" is not an interface language of this Stepwise (en, nl)"));
    free(err);
    assert_string_equal(c.language, "nl");
    config_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_listen_forms),
        cmocka_unit_test(test_sizes_with_suffixes_and_limits),
        cmocka_unit_test(test_request_limits),
        cmocka_unit_test(test_database_caches),
        cmocka_unit_test(test_public_url),
        cmocka_unit_test(test_environment),
        cmocka_unit_test(test_metrics_token_and_trusted_proxy),
        cmocka_unit_test(test_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
