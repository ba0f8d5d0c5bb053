/* config.c: server settings from defaults, STEPWISE_* environment variables and options. */
#include "server/config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "content/module.h"
#include "player/i18n.h"
#include "server/buf.h"
#include "server/proxy.h"
#include "tracking/store.h"

#define METRICS_TOKEN_MIN 16     /* characters: a guessable token would open /metrics */

void config_defaults(struct config *c)
{
    c->content_dir = xstrdup("modules");
    c->db_path = xstrdup("data/stepwise.db");
    c->listen_host = xstrdup("127.0.0.1");
    c->port = 8080;
    c->max_body_bytes = 16u << 20;
    c->max_module_bytes = 512u << 10;
    c->max_form_bytes = 64u << 10;
    c->max_scorm_bytes = 512u << 10;
    c->max_body_memory = 64u << 20;
    c->max_head_bytes = 8u << 10;
    c->header_timeout_seconds = 10;
    c->max_per_address = 128;
    c->max_batch = 1000;
    c->max_attachments = 100;
    c->max_json_values = 200000;
    c->max_json_values_session = 10000;
    c->media_completion = 90;
    c->sync_full = 1;
    c->max_connections = 512;
    c->timeout_seconds = 30;
    c->threads = 2;
    c->write_threads = 32;
    c->cache_bytes = 32u << 20;
    c->public_url = NULL;
    c->scorm_origin = NULL;
    c->session_idle_seconds = 900;
    c->session_max_seconds = 12 * 3600;
    c->login_attempts = 5;
    package_limits_default(&c->packages);
    c->reopen_days = 30;
    c->offline_lessons = 20;
    c->offline_bytes = 64ull << 20;
    c->organisation = xstrdup("");
    c->login_delay_seconds = 60;
    c->db_cache_bytes = STORE_CACHE_BYTES_DEFAULT;
    c->db_reader_cache_bytes = STORE_READER_CACHE_BYTES_DEFAULT;
    c->metrics_token = NULL;
    c->trusted_proxy = NULL;
    c->language = xstrdup("en");
}

void config_public_url(struct config *c)
{
    if (c->public_url) return;
    int v6 = strchr(c->listen_host, ':') != NULL;
    c->public_url = xasprintf("http://%s%s%s:%u", v6 ? "[" : "", c->listen_host, v6 ? "]" : "", c->port);
}

void config_free(struct config *c)
{
    free(c->content_dir);
    free(c->db_path);
    free(c->listen_host);
    free(c->public_url);
    free(c->scorm_origin);
    free(c->organisation);
    free(c->metrics_token);
    free(c->trusted_proxy);
    free(c->language);
    c->language = NULL;
    c->content_dir = c->db_path = c->listen_host = c->public_url = c->organisation = NULL;
    c->metrics_token = c->trusted_proxy = c->scorm_origin = NULL;
}

int config_check(const struct config *c, char **err)
{
    if (c->max_body_memory >= c->max_body_bytes) return 0;
    *err = xasprintf("--max-body-memory (%zu bytes) must be at least --max-body (%zu bytes), or "
                     "no body of the largest size could ever be taken", c->max_body_memory,
                     c->max_body_bytes);
    return -1;
}

static int parse_number(const char *name, const char *value, unsigned long long min,
                        unsigned long long max, unsigned long long *out, char **err)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(value, &end, 10);
    unsigned long long scale = 1;
    if (end != value && *end && !end[1]) {
        if (*end == 'k' || *end == 'K') scale = 1ull << 10;
        else if (*end == 'm' || *end == 'M') scale = 1ull << 20;
        else if (*end == 'g' || *end == 'G') scale = 1ull << 30;
        if (scale > 1) end++;
    }
    if (value[0] == '-' || end == value || *end || errno || n > max / scale || n * scale < min) {
        *err = xasprintf("%s: \"%s\" is not a number from %llu to %llu", name, value, min, max);
        return -1;
    }
    *out = n * scale;
    return 0;
}

int config_set_listen(struct config *c, const char *value, char **err)
{
    const char *colon = strrchr(value, ':');
    const char *host = value, *host_end = colon;
    if (!colon || colon == value || !colon[1]) goto bad;
    if (value[0] == '[') {
        if (colon[-1] != ']') goto bad;
        host++;
        host_end--;
    }
    unsigned long long port;
    if (parse_number("--listen", colon + 1, 1, 65535, &port, err) < 0) return -1;
    free(c->listen_host);
    c->listen_host = xstrndup(host, (size_t)(host_end - host));
    c->port = (unsigned)port;
    return 0;
bad:
    *err = xasprintf("--listen: \"%s\" is not HOST:PORT (for example 127.0.0.1:8080)", value);
    return -1;
}

static void set_string(char **field, const char *value)
{
    free(*field);
    *field = xstrdup(value);
}

/* A token of printable characters without spaces, long enough not to be guessed. */
static int set_metrics_token(struct config *c, const char *value, char **err)
{
    size_t n = strlen(value);
    for (const char *p = value; *p; p++) {
        if (*p <= ' ' || *p == 0x7f) {
            *err = xstrdup("--metrics-token: use printable characters without spaces");
            return -1;
        }
    }
    if (n < METRICS_TOKEN_MIN || n > 256) {
        *err = xasprintf("--metrics-token: use %d to 256 characters (for example the output of "
                         "openssl rand -hex 32)", METRICS_TOKEN_MIN);
        return -1;
    }
    set_string(&c->metrics_token, value);
    return 0;
}

/* One of the built-in interface languages (po/LANG.po), kept as its own tag ("nl-NL" is nl). */
static int set_language(struct config *c, const char *value, char **err)
{
    const struct i18n_lang *l = i18n_find(value);
    if (!l) {
        char *tags = i18n_tags();
        *err = xasprintf("--language: \"%s\" is not an interface language of this Stepwise (%s)",
                         value, tags);
        free(tags);
        return -1;
    }
    set_string(&c->language, i18n_tag(l));
    return 0;
}

int config_set_option(struct config *c, const char *name, const char *value, char **err)
{
    unsigned long long n;
    if (!strcmp(name, "content")) {
        set_string(&c->content_dir, value);
    } else if (!strcmp(name, "db")) {
        set_string(&c->db_path, value);
    } else if (!strcmp(name, "public-url")) {
        size_t n = strlen(value);
        if ((strncmp(value, "http://", 7) && strncmp(value, "https://", 8)) || strpbrk(value, " ?#")) {
            *err = xasprintf("--public-url: \"%s\" is not an http:// or https:// address", value);
            return -1;
        }
        while (n > 8 && value[n - 1] == '/') n--;
        free(c->public_url);
        c->public_url = xstrndup(value, n);
    } else if (!strcmp(name, "scorm-origin")) {
        const char *host = !strncmp(value, "http://", 7) ? value + 7
                           : !strncmp(value, "https://", 8) ? value + 8 : NULL;
        size_t n = strlen(value);
        while (n > 8 && value[n - 1] == '/') n--;
        if (!host || !*host || *host == '/' || strpbrk(host, " ?#@") ||
            memchr(host, '/', n - (size_t)(host - value))) {
            *err = xasprintf("--scorm-origin: \"%s\" is not an origin: give http:// or https:// "
                             "and a host name (with a port if needed), no path", value);
            return -1;
        }
        free(c->scorm_origin);
        c->scorm_origin = xstrndup(value, n);
    } else if (!strcmp(name, "listen")) {
        return config_set_listen(c, value, err);
    } else if (!strcmp(name, "max-body")) {
        if (parse_number("--max-body", value, 1024, 1ull << 32, &n, err) < 0) return -1;
        c->max_body_bytes = (size_t)n;
    } else if (!strcmp(name, "max-module-bytes")) {
        if (parse_number("--max-module-bytes", value, 1024, MODULE_MAX_BYTES, &n, err) < 0) return -1;
        c->max_module_bytes = (size_t)n;
    } else if (!strcmp(name, "max-form-bytes")) {
        if (parse_number("--max-form-bytes", value, 1024, 16u << 20, &n, err) < 0) return -1;
        c->max_form_bytes = (size_t)n;
    } else if (!strcmp(name, "max-scorm-bytes")) {
        if (parse_number("--max-scorm-bytes", value, 1024, 64u << 20, &n, err) < 0) return -1;
        c->max_scorm_bytes = (size_t)n;
    } else if (!strcmp(name, "max-body-memory")) {
        if (parse_number("--max-body-memory", value, 1024, 1ull << 36, &n, err) < 0) return -1;
        c->max_body_memory = (size_t)n;
    } else if (!strcmp(name, "max-head")) {
        if (parse_number("--max-head", value, 1024, 64u << 10, &n, err) < 0) return -1;
        c->max_head_bytes = (size_t)n;
    } else if (!strcmp(name, "header-timeout")) {
        if (parse_number("--header-timeout", value, 1, 600, &n, err) < 0) return -1;
        c->header_timeout_seconds = (unsigned)n;
    } else if (!strcmp(name, "max-connections-per-address")) {
        if (parse_number("--max-connections-per-address", value, 1, 100000, &n, err) < 0)
            return -1;
        c->max_per_address = (unsigned)n;
    } else if (!strcmp(name, "max-batch")) {
        if (parse_number("--max-batch", value, 1, 1000000, &n, err) < 0) return -1;
        c->max_batch = (unsigned)n;
    } else if (!strcmp(name, "max-attachments")) {
        if (parse_number("--max-attachments", value, 0, 1000000, &n, err) < 0) return -1;
        c->max_attachments = (unsigned)n;
    } else if (!strcmp(name, "max-json-values")) {
        if (parse_number("--max-json-values", value, 100, 100000000, &n, err) < 0) return -1;
        c->max_json_values = (unsigned)n;
    } else if (!strcmp(name, "max-json-values-session")) {
        if (parse_number("--max-json-values-session", value, 100, 100000000, &n, err) < 0)
            return -1;
        c->max_json_values_session = (unsigned)n;
    } else if (!strcmp(name, "media-completion")) {
        if (parse_number("--media-completion", value, 1, 100, &n, err) < 0) return -1;
        c->media_completion = (unsigned)n;
    } else if (!strcmp(name, "sync")) {
        if (strcmp(value, "full") && strcmp(value, "normal")) {
            *err = xasprintf("--sync: \"%s\" is not full or normal", value);
            return -1;
        }
        c->sync_full = !strcmp(value, "full");
    } else if (!strcmp(name, "max-connections")) {
        if (parse_number("--max-connections", value, 1, 100000, &n, err) < 0) return -1;
        c->max_connections = (unsigned)n;
    } else if (!strcmp(name, "timeout")) {
        if (parse_number("--timeout", value, 1, 3600, &n, err) < 0) return -1;
        c->timeout_seconds = (unsigned)n;
    } else if (!strcmp(name, "threads")) {
        if (parse_number("--threads", value, 1, 64, &n, err) < 0) return -1;
        c->threads = (unsigned)n;
    } else if (!strcmp(name, "write-threads")) {
        if (parse_number("--write-threads", value, 1, 256, &n, err) < 0) return -1;
        c->write_threads = (unsigned)n;
    } else if (!strcmp(name, "cache-bytes")) {
        if (parse_number("--cache-bytes", value, 0, 1ull << 34, &n, err) < 0) return -1;
        c->cache_bytes = (size_t)n;
    } else if (!strcmp(name, "session-idle")) {
        if (parse_number("--session-idle", value, 1, 7 * 86400, &n, err) < 0) return -1;
        c->session_idle_seconds = (unsigned)n;
    } else if (!strcmp(name, "session-max")) {
        if (parse_number("--session-max", value, 1, 30 * 86400, &n, err) < 0) return -1;
        c->session_max_seconds = (unsigned)n;
    } else if (!strcmp(name, "login-attempts")) {
        if (parse_number("--login-attempts", value, 1, 1000, &n, err) < 0) return -1;
        c->login_attempts = (unsigned)n;
    } else if (!strcmp(name, "max-package-bytes")) {
        if (parse_number("--max-package-bytes", value, 1024, 1ull << 40, &n, err) < 0) return -1;
        c->packages.max_bytes = n;
    } else if (!strcmp(name, "max-package-files")) {
        if (parse_number("--max-package-files", value, 1, 10000000, &n, err) < 0) return -1;
        c->packages.max_files = n;
    } else if (!strcmp(name, "max-compression-ratio")) {
        if (parse_number("--max-compression-ratio", value, 1, 100000, &n, err) < 0) return -1;
        c->packages.max_ratio = (unsigned)n;
    } else if (!strcmp(name, "max-manifest-bytes")) {
        if (parse_number("--max-manifest-bytes", value, 1024, 64u << 20, &n, err) < 0) return -1;
        c->packages.max_manifest_bytes = (size_t)n;
    } else if (!strcmp(name, "reopen-days")) {
        if (parse_number("--reopen-days", value, 0, 3650, &n, err) < 0) return -1;
        c->reopen_days = (unsigned)n;
    } else if (!strcmp(name, "offline-lessons")) {
        if (parse_number("--offline-lessons", value, 0, 1000, &n, err) < 0) return -1;
        c->offline_lessons = (unsigned)n;
    } else if (!strcmp(name, "offline-bytes")) {
        if (parse_number("--offline-bytes", value, 1u << 20, 1ull << 34, &n, err) < 0) return -1;
        c->offline_bytes = n;
    } else if (!strcmp(name, "organisation")) {
        if (strlen(value) > 120) {
            *err = xstrdup("--organisation: at most 120 characters");
            return -1;
        }
        set_string(&c->organisation, value);
    } else if (!strcmp(name, "db-max-bytes")) {
        if (parse_number("--db-max-bytes", value, 0, 1ull << 46, &n, err) < 0) return -1;
        c->db_max_bytes = n;
    } else if (!strcmp(name, "db-cache-bytes")) {
        if (parse_number("--db-cache-bytes", value, STORE_CACHE_BYTES_MIN, STORE_CACHE_BYTES_MAX,
                         &n, err) < 0)
            return -1;
        c->db_cache_bytes = n;
    } else if (!strcmp(name, "db-reader-cache-bytes")) {
        if (parse_number("--db-reader-cache-bytes", value, STORE_CACHE_BYTES_MIN,
                         STORE_CACHE_BYTES_MAX, &n, err) < 0)
            return -1;
        c->db_reader_cache_bytes = n;
    } else if (!strcmp(name, "login-delay")) {
        if (parse_number("--login-delay", value, 1, 3600, &n, err) < 0) return -1;
        c->login_delay_seconds = (unsigned)n;
    } else if (!strcmp(name, "metrics-token")) {
        return set_metrics_token(c, value, err);
    } else if (!strcmp(name, "language")) {
        return set_language(c, value, err);
    } else if (!strcmp(name, "trusted-proxy")) {
        if (!proxy_address_valid(value)) {
            *err = xasprintf("--trusted-proxy: \"%s\" is not an IP address (such as 127.0.0.1 "
                             "or ::1)", value);
            return -1;
        }
        set_string(&c->trusted_proxy, value);
    } else {
        *err = xasprintf("unknown option --%s (see stepwise serve --help)", name);
        return -1;
    }
    return 0;
}

static const struct {
    const char *env;
    const char *option;
} env_options[] = {
    {"STEPWISE_CONTENT", "content"},
    {"STEPWISE_DB", "db"},
    {"STEPWISE_LISTEN", "listen"},
    {"STEPWISE_MAX_BODY", "max-body"},
    {"STEPWISE_MAX_MODULE_BYTES", "max-module-bytes"},
    {"STEPWISE_MAX_FORM_BYTES", "max-form-bytes"},
    {"STEPWISE_MAX_SCORM_BYTES", "max-scorm-bytes"},
    {"STEPWISE_MAX_BODY_MEMORY", "max-body-memory"},
    {"STEPWISE_HEADER_TIMEOUT", "header-timeout"},
    {"STEPWISE_MAX_HEAD", "max-head"},
    {"STEPWISE_MAX_CONNECTIONS_PER_ADDRESS", "max-connections-per-address"},
    {"STEPWISE_MAX_BATCH", "max-batch"},
    {"STEPWISE_MAX_ATTACHMENTS", "max-attachments"},
    {"STEPWISE_MAX_JSON_VALUES", "max-json-values"},
    {"STEPWISE_MAX_JSON_VALUES_SESSION", "max-json-values-session"},
    {"STEPWISE_MEDIA_COMPLETION", "media-completion"},
    {"STEPWISE_SYNC", "sync"},
    {"STEPWISE_MAX_CONNECTIONS", "max-connections"},
    {"STEPWISE_TIMEOUT", "timeout"},
    {"STEPWISE_THREADS", "threads"},
    {"STEPWISE_WRITE_THREADS", "write-threads"},
    {"STEPWISE_CACHE_BYTES", "cache-bytes"},
    {"STEPWISE_PUBLIC_URL", "public-url"},
    {"STEPWISE_SCORM_ORIGIN", "scorm-origin"},
    {"STEPWISE_SESSION_IDLE", "session-idle"},
    {"STEPWISE_SESSION_MAX", "session-max"},
    {"STEPWISE_LOGIN_ATTEMPTS", "login-attempts"},
    {"STEPWISE_MAX_PACKAGE_BYTES", "max-package-bytes"},
    {"STEPWISE_MAX_PACKAGE_FILES", "max-package-files"},
    {"STEPWISE_MAX_COMPRESSION_RATIO", "max-compression-ratio"},
    {"STEPWISE_MAX_MANIFEST_BYTES", "max-manifest-bytes"},
    {"STEPWISE_REOPEN_DAYS", "reopen-days"},
    {"STEPWISE_ORGANISATION", "organisation"},
    {"STEPWISE_OFFLINE_LESSONS", "offline-lessons"},
    {"STEPWISE_OFFLINE_BYTES", "offline-bytes"},
    {"STEPWISE_LOGIN_DELAY", "login-delay"},
    {"STEPWISE_DB_MAX_BYTES", "db-max-bytes"},
    {"STEPWISE_DB_CACHE_BYTES", "db-cache-bytes"},
    {"STEPWISE_DB_READER_CACHE_BYTES", "db-reader-cache-bytes"},
    {"STEPWISE_METRICS_TOKEN", "metrics-token"},
    {"STEPWISE_TRUSTED_PROXY", "trusted-proxy"},
    {"STEPWISE_LANGUAGE", "language"},
};

int config_from_env(struct config *c, char **err)
{
    for (size_t i = 0; i < sizeof env_options / sizeof env_options[0]; i++) {
        const char *value = getenv(env_options[i].env);
        if (!value || !*value) continue;
        char *why = NULL;
        if (config_set_option(c, env_options[i].option, value, &why) < 0) {
            *err = xasprintf("%s: %s", env_options[i].env, why);
            free(why);
            return -1;
        }
    }
    return 0;
}
