/* cli_xapi.c: `stepwise xapi-client` (create, list and revoke the key/secret pairs that xAPI
 * clients authenticate with) and `stepwise erase` (right to erasure and retention), working on
 * the database file directly; the server may keep running meanwhile (SQLite WAL). */
#include "tracking/cli_xapi.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "server/buf.h"
#include "tracking/credentials.h"
#include "tracking/statements.h"
#include "tracking/store.h"
#include "tracking/validate.h"

#define DEFAULT_DB "data/stepwise.db"

static const char usage_client[] =
    "Usage: stepwise xapi-client add NAME --scope SCOPE [--scope SCOPE...] [--db FILE]\n"
    "                                [--public-url URL]\n"
    "       stepwise xapi-client list [--db FILE]\n"
    "       stepwise xapi-client revoke KEY [--db FILE]\n"
    "\n"
    "Manages the API clients of the xAPI Learning Record Store at /xapi/. Each client has a key\n"
    "and a secret that it sends with HTTP Basic authentication.\n"
    "\n"
    "  add NAME      create a client; prints its key and secret. The secret is shown only\n"
    "                this once (the database keeps a hash of it): store it safely.\n"
    "  list          show every client: key, creation time, status, scopes and name\n"
    "  revoke KEY    stop accepting the client's key at once (its statements stay)\n"
    "\n"
    "  --scope SCOPE what the client may do; repeat it or give a comma-separated list:\n"
    "                statements/write, statements/read, statements/read/mine, state,\n"
    "                profile, define, all/read, all\n"
    "  --db FILE     SQLite database file   STEPWISE_DB (data/stepwise.db)\n"
    "  --public-url URL  the server's address, for the example command that add prints\n"
    "                STEPWISE_PUBLIC_URL (http:// and STEPWISE_LISTEN, or 127.0.0.1:8080)\n"
    "  -h, --help    show this help\n"
    "\n"
    "Exit status: 0 done, 1 failed, 2 bad usage.\n";

static const char usage_erase[] =
    "Usage: stepwise erase --learner AGENT_JSON [--db FILE]\n"
    "       stepwise erase --before DATE [--db FILE]\n"
    "\n"
    "Deletes learning records for good and prints how many were deleted.\n"
    "\n"
    "  --learner AGENT_JSON  right to erasure: every statement that mentions the learner (as\n"
    "                        actor, object, instructor, team or group member, also inside\n"
    "                        sub-statements) and every state and profile document stored for\n"
    "                        them, e.g. --learner '{\"mbox\":\"mailto:ann@example.com\"}'\n"
    "  --before DATE         retention: statements stored and documents last changed before\n"
    "                        DATE (2025-01-31 means midnight UTC, or a full ISO 8601 time)\n"
    "  --db FILE             SQLite database file   STEPWISE_DB (data/stepwise.db)\n"
    "  -h, --help            show this help\n"
    "\n"
    "Either way, attachment content that no remaining statement names is deleted too.\n"
    "Each erasure is written to the database's erasure log (counts and a hash, no personal\n"
    "data) and reported on standard error. Exit status: 0 done, 1 failed, 2 bad usage.\n";

/* The options every command takes; filled by parse_options. */
struct cli_opts {
    const char *db;
    char *scopes;               /* --scope values joined with ',', owned; NULL when none */
    const char *learner;
    const char *before;
    const char *public_url;
    char **args;                /* the positional arguments (borrowed from argv) */
    int nargs;
};

/* Parses argv (argv[0] is the command's name) against the long options allowed, a
 * space-separated list such as "db scope". Returns 0, 1 after printing help (exit 0), or 2
 * after printing a usage error. */
static int parse_options(int argc, char **argv, const char *allowed, const char *usage,
                         const char *what, struct cli_opts *o)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},       {"scope", required_argument, NULL, 's'},
        {"learner", required_argument, NULL, 'l'},  {"before", required_argument, NULL, 'b'},
        {"public-url", required_argument, NULL, 'u'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    memset(o, 0, sizeof *o);
    o->db = getenv("STEPWISE_DB");
    if (!o->db || !*o->db) o->db = DEFAULT_DB;
    int c, index = 0;
    optind = 0;     /* 0 makes glibc start over (another command may have used getopt) */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", opts, &index)) != -1) {
        if (c == 'h') {
            fputs(usage, stdout);
            return 1;
        }
        const char *name = NULL;
        for (const struct option *p = opts; p->name; p++)
            if (p->val == c) name = p->name;
        if (c == '?' || c == ':' || !strstr(allowed, name)) {
            /* optind has moved past the option (and past its value when it took one) */
            fprintf(stderr, "stepwise %s: %s \"%s%s\" (see stepwise %s --help)\n", what,
                    c == ':' ? "missing value for" : "unknown option", name ? "--" : "",
                    name ? name : argv[optind - 1], what);
            return 2;
        }
        if (c == 'd') o->db = optarg;
        if (c == 'l') o->learner = optarg;
        if (c == 'b') o->before = optarg;
        if (c == 'u') o->public_url = optarg;
        if (c == 's') {
            char *joined = o->scopes ? xasprintf("%s,%s", o->scopes, optarg) : xstrdup(optarg);
            free(o->scopes);
            o->scopes = joined;
        }
    }
    o->args = argv + optind;
    o->nargs = argc - optind;
    return 0;
}

/* Opens the database. For a command that only reads or deletes, a missing file is an error
 * (creating an empty database would hide a wrong --db); add creates it. */
static struct store *open_db(const char *path, int create, const char *what)
{
    struct stat st;
    if (!create && stat(path, &st) != 0) {
        fprintf(stderr, "stepwise %s: no database at %s (give --db FILE or set STEPWISE_DB)\n",
                what, path);
        return NULL;
    }
    char *slash = create ? strrchr(path, '/') : NULL;
    if (slash && slash != path) {
        /* The folder the file goes into (data/ by default); only that one, so that a mistyped
         * path fails instead of growing a tree of folders. */
        char *dir = xstrndup(path, (size_t)(slash - path));
        if (mkdir(dir, 0755) != 0 && errno != EEXIST)
            fprintf(stderr, "stepwise %s: cannot create folder %s: %s\n", what, dir, strerror(errno));
        free(dir);
    }
    char *err = NULL;
    struct store *s = store_open(path, &err);
    if (!s && strstr(err, path)) fprintf(stderr, "stepwise %s: %s\n", what, err);
    else if (!s) fprintf(stderr, "stepwise %s: %s: %s\n", what, path, err);
    free(err);
    return s;
}

/* --- xapi-client ------------------------------------------------------------------------- */

/* The address the example command uses: --public-url, else STEPWISE_PUBLIC_URL, else the
 * server's default (http:// and STEPWISE_LISTEN or 127.0.0.1:8080); no trailing '/'. Caller
 * frees. */
static char *example_base_url(const char *public_url)
{
    if (!public_url || !*public_url) public_url = getenv("STEPWISE_PUBLIC_URL");
    const char *listen = getenv("STEPWISE_LISTEN");
    char *url = public_url && *public_url ? xstrdup(public_url)
                : xasprintf("http://%s", listen && *listen ? listen : "127.0.0.1:8080");
    size_t n = strlen(url);
    while (n > 0 && url[n - 1] == '/') url[--n] = '\0';
    return url;
}

static int client_add(struct cli_opts *o)
{
    if (o->nargs != 1 || !o->args[0][0]) {
        fprintf(stderr, "stepwise xapi-client add: give the client's NAME, e.g. "
                        "stepwise xapi-client add \"Quiz app\" --scope statements/write\n");
        return 2;
    }
    unsigned bits;
    char msg[160];
    if (credentials_parse_scopes(o->scopes, &bits, msg, sizeof msg) < 0) {
        fprintf(stderr, "stepwise xapi-client add: --scope: %s (see stepwise xapi-client --help)\n",
                msg);
        return 2;
    }
    struct store *s = open_db(o->db, 1, "xapi-client add");
    if (!s) return 1;
    char *scopes = credentials_format_scopes(bits), *key = NULL, *secret = NULL, *err = NULL;
    int status = credentials_create(s, o->args[0], scopes, NULL, &key, &secret, &err);
    if (status == STORE_OK) {
        char *base = example_base_url(o->public_url);
        printf("key: %s\nsecret: %s\n\n"
               "The secret is shown only this once: store it now. Clients send the pair with\n"
               "HTTP Basic authentication, for example:\n"
               "  curl -u %s:%s -H 'X-Experience-API-Version: 1.0.3' \\\n"
               "       %s/xapi/statements\n",
               key, secret, key, secret, base);
        free(base);
        fprintf(stderr, "stepwise xapi-client add: created client %s with scopes: %s\n", key,
                scopes);
    } else {
        fprintf(stderr, "stepwise xapi-client add: %s\n", err ? err : "could not store the client");
    }
    free(scopes);
    free(key);
    free(secret);
    free(err);
    store_close(s);
    return status == STORE_OK ? 0 : 1;
}

static int client_list(struct cli_opts *o)
{
    if (o->nargs != 0) {
        fprintf(stderr, "stepwise xapi-client list: unexpected argument \"%s\"\n", o->args[0]);
        return 2;
    }
    struct store *s = open_db(o->db, 0, "xapi-client list");
    if (!s) return 1;
    struct store_credential *list = NULL;
    size_t n = 0;
    char *err = NULL;
    int status = store_credential_list(s, &list, &n, &err);
    if (status != STORE_OK) {
        fprintf(stderr, "stepwise xapi-client list: %s\n", err ? err : "database error");
    } else if (n == 0) {
        printf("No API clients yet. Create one with: stepwise xapi-client add NAME --scope all\n");
    } else {
        printf("%-24s  %-24s  %-7s  %-40s  %s\n", "KEY", "CREATED", "STATUS", "SCOPES", "NAME");
        for (size_t i = 0; i < n; i++)
            printf("%-24s  %-24s  %-7s  %-40s  %s\n", list[i].key, list[i].created,
                   list[i].revoked ? "revoked" : "active", list[i].scopes, list[i].name);
    }
    store_credentials_free(list, n);
    free(err);
    store_close(s);
    return status == STORE_OK ? 0 : 1;
}

static int client_revoke(struct cli_opts *o)
{
    if (o->nargs != 1) {
        fprintf(stderr, "stepwise xapi-client revoke: give the KEY of one client "
                        "(stepwise xapi-client list shows them)\n");
        return 2;
    }
    struct store *s = open_db(o->db, 0, "xapi-client revoke");
    if (!s) return 1;
    char *err = NULL;
    int status = store_credential_revoke(s, o->args[0], &err);
    if (status == STORE_OK)
        printf("revoked: %s\n", o->args[0]);
    else if (status == STORE_NOT_FOUND)
        fprintf(stderr, "stepwise xapi-client revoke: no API client with key \"%s\"\n", o->args[0]);
    else
        fprintf(stderr, "stepwise xapi-client revoke: %s\n", err ? err : "database error");
    free(err);
    store_close(s);
    return status == STORE_OK ? 0 : 1;
}

int cli_xapi_client(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_client, stderr);
        return 2;
    }
    const char *sub = argv[1];
    if (!strcmp(sub, "-h") || !strcmp(sub, "--help")) {
        fputs(usage_client, stdout);
        return 0;
    }
    static const char *const allowed[] = {"db scope public-url", "db", "db"};
    static const char *const names[] = {"add", "list", "revoke"};
    static int (*const run[])(struct cli_opts *) = {client_add, client_list, client_revoke};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        if (strcmp(sub, names[i])) continue;
        struct cli_opts o;
        char *what = xasprintf("xapi-client %s", sub);
        int status = parse_options(argc - 1, argv + 1, allowed[i], usage_client, what, &o);
        if (status == 0) status = run[i](&o);
        else if (status == 1) status = 0;
        free(o.scopes);
        free(what);
        return status;
    }
    fprintf(stderr, "stepwise xapi-client: unknown subcommand \"%s\" (add, list or revoke; "
                    "see stepwise xapi-client --help)\n", sub);
    return 2;
}

/* --- erase ------------------------------------------------------------------------------- */

/* The agent key of a learner given as Agent JSON; NULL after printing why not. */
static char *learner_key(const char *text)
{
    json_error_t jerr;
    json_t *agent = json_loads(text, JSON_DECODE_ANY, &jerr);
    char msg[256];
    char *key = NULL;
    if (!agent) {
        fprintf(stderr, "stepwise erase: --learner: not JSON: %s\n", jerr.text);
    } else if (xapi_validate_agent(agent, XAPI_2_0_0, "learner", msg, sizeof msg) < 0) {
        fprintf(stderr, "stepwise erase: --learner: %s\n", msg);
    } else if (!(key = statements_agent_key(agent))) {
        fprintf(stderr, "stepwise erase: --learner: needs mbox, mbox_sha1sum, openid or account "
                        "to tell who the learner is\n");
    }
    json_decref(agent);
    return key;
}

/* --before DATE: a date (midnight UTC) or an ISO 8601 date-time, normalized into out. */
static int cutoff(const char *text, char out[32])
{
    int y, m, d, n = 0;
    char full[48];
    const char *t = text;
    if (strlen(text) == 10 && sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10) {
        snprintf(full, sizeof full, "%sT00:00:00Z", text);
        t = full;
    }
    if (!xapi_is_timestamp(t) || statements_timestamp_normalize(t, out) < 0) {
        fprintf(stderr, "stepwise erase: --before: \"%s\" is not a date (2025-01-31) or an "
                        "ISO 8601 time with a time zone (2025-01-31T12:00:00Z)\n", text);
        return -1;
    }
    return 0;
}

int cli_xapi_erase(int argc, char **argv)
{
    struct cli_opts o;
    int status = parse_options(argc, argv, "db learner before", usage_erase, "erase", &o);
    if (status == 1) return 0;
    if (status) goto done;
    status = 2;
    if (o.nargs) {
        fprintf(stderr, "stepwise erase: unexpected argument \"%s\"\n", o.args[0]);
        goto done;
    }
    if (!o.learner == !o.before) {
        fprintf(stderr, "stepwise erase: give either --learner AGENT_JSON or --before DATE "
                        "(see stepwise erase --help)\n");
        goto done;
    }
    char *key = o.learner ? learner_key(o.learner) : NULL;
    char before[32];
    if ((o.learner && !key) || (o.before && cutoff(o.before, before) < 0)) goto done;
    struct store *s = open_db(o.db, 0, "erase");
    status = 1;
    if (s) {
        struct store_erasure e;
        char *err = NULL;
        int rc = key ? store_erase_learner(s, key, &e, &err) : store_erase_before(s, before, &e, &err);
        if (rc == STORE_OK) {
            printf("erased %lld statements, %lld documents and %lld attachments %s%s\n",
                   (long long)e.statements, (long long)e.documents, (long long)e.attachments,
                   key ? "of the learner" : "stored before ", key ? "" : before);
            char now[32];
            statements_now(now);
            /* No personal data here: the log names the erasure, not the learner. */
            fprintf(stderr, "time=%s erase=%s statements=%lld documents=%lld attachments=%lld"
                    " erasure_log=%lld\n", now, key ? "learner" : "before",
                    (long long)e.statements, (long long)e.documents, (long long)e.attachments,
                    (long long)e.log_id);
            status = 0;
        } else {
            fprintf(stderr, "stepwise erase: %s\n", err ? err : "database error");
        }
        free(err);
        store_close(s);
    }
    free(key);
done:
    free(o.scopes);
    return status;
}
