/* config.h: the server's settings, from command-line options and STEPWISE_* environment variables. */
#ifndef STEPWISE_CONFIG_H
#define STEPWISE_CONFIG_H

#include <stddef.h>

#include "content/package_zip.h"

struct config {
    char *content_dir;          /* STEPWISE_CONTENT, --content; default "modules" */
    char *db_path;              /* STEPWISE_DB, --db; default "data/stepwise.db" */
    char *listen_host;          /* STEPWISE_LISTEN, --listen HOST:PORT; default 127.0.0.1:8080 */
    unsigned port;
    size_t max_body_bytes;      /* STEPWISE_MAX_BODY, --max-body; the largest xAPI request body */
    size_t max_form_bytes;      /* STEPWISE_MAX_FORM_BYTES, --max-form-bytes; the largest form
                                 * body of a page (default 64 KiB) */
    size_t max_scorm_bytes;     /* STEPWISE_MAX_SCORM_BYTES, --max-scorm-bytes; the largest SCORM
                                 * commit body and a SCO's stored runtime data (default 512 KiB) */
    size_t max_body_memory;     /* STEPWISE_MAX_BODY_MEMORY, --max-body-memory; all request bodies
                                 * held at once (default 64 MiB, at least max_body_bytes) */
    size_t max_module_bytes;    /* STEPWISE_MAX_MODULE_BYTES, --max-module-bytes; the largest module
                                 * file the browser editor saves (default 512 KiB, at most
                                 * MODULE_MAX_BYTES, the largest file the loader reads) */
    unsigned max_connections;   /* STEPWISE_MAX_CONNECTIONS, --max-connections */
    unsigned timeout_seconds;   /* STEPWISE_TIMEOUT, --timeout; idle connection time-out, and
                                 * the time a kept-alive connection has for its next head */
    size_t max_head_bytes;      /* STEPWISE_MAX_HEAD, --max-head; the largest request head, 431
                                 * above it (default 8 KiB, 1 KiB to 64 KiB) */
    unsigned header_timeout_seconds;    /* STEPWISE_HEADER_TIMEOUT, --header-timeout; a new
                                         * connection's whole request head (default 10) */
    unsigned max_per_address;   /* STEPWISE_MAX_CONNECTIONS_PER_ADDRESS,
                                 * --max-connections-per-address; open connections of one client
                                 * address (default 128: a workshop of tablets may share one) */
    unsigned max_batch;         /* STEPWISE_MAX_BATCH, --max-batch; statements in one request
                                 * (default 1000) */
    unsigned max_attachments;   /* STEPWISE_MAX_ATTACHMENTS, --max-attachments; attachment parts
                                 * in one request (default 100) */
    unsigned max_json_values;   /* STEPWISE_MAX_JSON_VALUES, --max-json-values; values (numbers,
                                 * strings, arrays, ...) in one JSON body of an API client
                                 * (default 200000) */
    unsigned max_json_values_session;   /* STEPWISE_MAX_JSON_VALUES_SESSION,
                                         * --max-json-values-session; the same for the player's
                                         * browser session (default 10000) */
    unsigned media_completion;  /* STEPWISE_MEDIA_COMPLETION, --media-completion; percent of a
                                 * video or podcast to play before it counts as watched (the
                                 * Video Profile's completion-threshold; default 90) */
    unsigned threads;           /* STEPWISE_THREADS, --threads; worker threads */
    unsigned write_threads;     /* STEPWISE_WRITE_THREADS, --write-threads; threads for the
                                 * requests that may wait (http_pool.c) */
    size_t cache_bytes;         /* STEPWISE_CACHE_BYTES, --cache-bytes; rendered page cache */
    char *public_url;           /* STEPWISE_PUBLIC_URL, --public-url; the address people use to
                                 * reach Stepwise, without a trailing '/'. The base of xAPI agent
                                 * accounts and activity IRIs, so set it once and keep it. Default:
                                 * http://HOST:PORT of --listen (config_public_url) */
    char *scorm_origin;         /* STEPWISE_SCORM_ORIGIN, --scorm-origin; when set, SCORM
                                 * packages' files are served only to requests for this origin
                                 * (scheme://host[:port], another host name of this server) and
                                 * nothing else is; NULL: from the site's own address in an
                                 * opaque sandbox (server/scorm_origin.h) */
    unsigned session_idle_seconds;  /* STEPWISE_SESSION_IDLE, --session-idle; a session unused
                                     * this long ends (default 900: shared break-room tablets) */
    unsigned session_max_seconds;   /* STEPWISE_SESSION_MAX, --session-max; a session ends this
                                     * long after sign-in however busy (default 43200: 12 h) */
    int sync_full;                  /* STEPWISE_SYNC, --sync full|normal; 1 (full, the default):
                                     * every database commit is flushed to disk before the reply
                                     * (tracking/store.h, enum store_sync) */
    unsigned login_attempts;        /* STEPWISE_LOGIN_ATTEMPTS, --login-attempts; failed sign-ins
                                     * of one login name from one address before it has to wait
                                     * (default 5; an address over all names: 4 times as many) */
    unsigned long long db_max_bytes;    /* STEPWISE_DB_MAX_BYTES, --db-max-bytes; the largest the
                                         * database may grow (0, the default: up to the disk);
                                         * past it writes get 507 like on a full disk */
    unsigned long long db_cache_bytes;  /* STEPWISE_DB_CACHE_BYTES, --db-cache-bytes; the page
                                         * cache of the database connection that writes
                                         * (default 32 MiB; store_options) */
    unsigned long long db_reader_cache_bytes;   /* STEPWISE_DB_READER_CACHE_BYTES,
                                                 * --db-reader-cache-bytes; the page cache of
                                                 * each connection that reads (default 8 MiB) */
    unsigned login_delay_seconds;   /* STEPWISE_LOGIN_DELAY, --login-delay; the first wait after
                                     * that many failures, doubled by each further one up to an
                                     * hour (default 60) */
    struct package_limits packages; /* STEPWISE_MAX_PACKAGE_BYTES, _MAX_PACKAGE_FILES,
                                     * _MAX_COMPRESSION_RATIO, _MAX_MANIFEST_BYTES and the options
                                     * of the same names: SCORM imports (content/package_zip.h) */
    unsigned reopen_days;           /* STEPWISE_REOPEN_DAYS, --reopen-days; a mentor may open a
                                     * closed plan again this many days after closing it
                                     * (default 30; 0: never) */
    char *organisation;             /* STEPWISE_ORGANISATION, --organisation; the name on
                                     * certificates (default "": none shown) */
    char *metrics_token;            /* STEPWISE_METRICS_TOKEN, --metrics-token; GET /metrics
                                     * answers only "Authorization: Bearer" this; NULL (the
                                     * default): /metrics is off (404) */
    unsigned offline_lessons;       /* STEPWISE_OFFLINE_LESSONS, --offline-lessons; lessons the
                                     * service worker keeps readable offline on a device
                                     * (default 20; 0: no offline copies, an installed worker
                                     * removes itself and what it stored) */
    unsigned long long offline_bytes;   /* STEPWISE_OFFLINE_BYTES, --offline-bytes; what those
                                         * copies may take on a device in all (default 64 MiB);
                                         * one file at most an eighth of it */
    char *language;                 /* STEPWISE_LANGUAGE, --language; the interface language of
                                     * a person who chose none and whose browser asks for none
                                     * of the built-in ones (default "en"; a po/LANG.po tag) */
    char *trusted_proxy;            /* STEPWISE_TRUSTED_PROXY, --trusted-proxy; the address of
                                     * the reverse proxy whose X-Forwarded-For is believed; NULL
                                     * (the default): the header is never believed */
};

void config_defaults(struct config *c);
void config_free(struct config *c);
/* Reads STEPWISE_* variables, then the options in argv (options win). Returns 0, or -1 with a
 * message in *err (caller frees). */
int config_from_env(struct config *c, char **err);
int config_set_option(struct config *c, const char *name, const char *value, char **err);
/* Splits "HOST:PORT" (or "[v6]:PORT") into c->listen_host and c->port. */
int config_set_listen(struct config *c, const char *value, char **err);
/* Checks the settings against each other once all are read. 0, or -1 with *err. */
int config_check(const struct config *c, char **err);
/* Fills public_url from the listen address when it was not set. */
void config_public_url(struct config *c);

#endif
