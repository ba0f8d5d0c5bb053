/* main.c: the `stepwise` command line: subcommands, --help and --version. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/check.h"
#include "server/buf.h"
#include "server/cli_db.h"
#include "server/cli_export.h"
#include "server/cli_import.h"
#include "server/cli_seed.h"
#include "server/cli_user.h"
#include "server/config.h"
#include "server/server.h"
#include "server/version.h"
#include "tracking/cli_xapi.h"

static const char usage_main[] =
    "Usage: stepwise COMMAND [OPTIONS]\n"
    "\n"
    "Stepwise serves lesson modules written in Markdown as accessible, phone-first pages.\n"
    "\n"
    "Commands:\n"
    "  serve            run the web server (see stepwise serve --help)\n"
    "  check PATH...    check modules for errors (a content folder, a module folder or file)\n"
    "  import FILE.zip  add a SCORM 1.2 or 2004 package as a module (see stepwise import --help)\n"
    "  export ID        write a module as a SCORM 1.2 or 2004 package (see stepwise export --help)\n"
    "  xapi-client      add, list or revoke xAPI API clients (see stepwise xapi-client --help)\n"
    "  erase            erase a learner's records, or records older than a date (--help)\n"
    "  user             add or list users, make login cards (see stepwise user --help)\n"
    "  seed-demo        add a demo mentor, mentees and plans (see stepwise seed-demo --help)\n"
    "  backup FILE      a consistent copy of the database, also while serving (--help)\n"
    "  restore BACKUP   put a backup back in place, with the server stopped (--help)\n"
    "  check-db         check the database and say what is wrong (--help)\n"
    "\n"
    "Options:\n"
    "  -h, --help       show this help\n"
    "  -V, --version    show the version\n";

static const char usage_serve[] =
    "Usage: stepwise serve [OPTIONS]\n"
    "\n"
    "Runs the web server until it gets SIGINT (Ctrl-C) or SIGTERM. Every option can also be set\n"
    "with the environment variable shown; an option on the command line wins.\n"
    "\n"
    "  --content DIR          folder of lesson modules      STEPWISE_CONTENT  (modules)\n"
    "  --db FILE              SQLite database file          STEPWISE_DB       (data/stepwise.db)\n"
    "  --listen HOST:PORT     address to listen on          STEPWISE_LISTEN   (127.0.0.1:8080)\n"
    "  --max-body BYTES       largest xAPI request body     STEPWISE_MAX_BODY (16M)\n"
    "                         (k/M/G)\n"
    "  --max-form-bytes BYTES largest form body of a page   STEPWISE_MAX_FORM_BYTES (64k)\n"
    "  --max-scorm-bytes BYTES  largest SCORM commit and    STEPWISE_MAX_SCORM_BYTES (512k)\n"
    "                         SCO runtime data\n"
    "  --max-body-memory BYTES  request bodies held in      STEPWISE_MAX_BODY_MEMORY (64M)\n"
    "                         memory at once; more: 503\n"
    "  --max-module-bytes N   largest module file saved in  STEPWISE_MAX_MODULE_BYTES\n"
    "                         the browser editor (k/M)      (512k)\n"
    "  --sync full|normal     full: flush every database    STEPWISE_SYNC     (full)\n"
    "                         commit to disk before the reply; normal: faster, a power cut\n"
    "                         may lose the last commits\n"
    "  --max-connections N    open connections at most      STEPWISE_MAX_CONNECTIONS (512)\n"
    "  --max-connections-per-address N  open connections of STEPWISE_MAX_CONNECTIONS_PER_ADDRESS\n"
    "                         one client address            (128)\n"
    "  --timeout SECONDS      idle connection time-out; a   STEPWISE_TIMEOUT  (30)\n"
    "                         kept-alive connection's next request head is due within it\n"
    "  --header-timeout SECONDS  time a new connection has  STEPWISE_HEADER_TIMEOUT (10)\n"
    "                         to send its request head\n"
    "  --max-head BYTES       largest request head (431     STEPWISE_MAX_HEAD (8k)\n"
    "                         above it), 1k to 64k\n"
    "  --max-batch N          statements in one request     STEPWISE_MAX_BATCH (1000)\n"
    "  --max-attachments N    attachments in one request    STEPWISE_MAX_ATTACHMENTS (100)\n"
    "  --max-json-values N    values in one JSON body of an STEPWISE_MAX_JSON_VALUES (200000)\n"
    "                         API client\n"
    "  --max-json-values-session N  the same for the        STEPWISE_MAX_JSON_VALUES_SESSION\n"
    "                         player's browser session      (10000)\n"
    "  --media-completion PERCENT  part of a video or       STEPWISE_MEDIA_COMPLETION\n"
    "                         podcast to play to finish it  (90)\n"
    "  --threads N            worker threads                STEPWISE_THREADS  (2)\n"
    "  --write-threads N      threads for writes and sign-  STEPWISE_WRITE_THREADS (32)\n"
    "                         ins, which may wait for the disk\n"
    "  --cache-bytes BYTES    memory for rendered pages     STEPWISE_CACHE_BYTES (32M)\n"
    "  --public-url URL       address people use to reach   STEPWISE_PUBLIC_URL\n"
    "                         Stepwise; base of xAPI IRIs   (http://HOST:PORT)\n"
    "  --scorm-origin URL     serve SCORM packages' files   STEPWISE_SCORM_ORIGIN\n"
    "                         from this other origin only   (none: a sandbox)\n"
    "  --session-idle SECONDS sign out after this long      STEPWISE_SESSION_IDLE (900)\n"
    "                         without use (shared tablets)\n"
    "  --session-max SECONDS  sign out this long after      STEPWISE_SESSION_MAX (43200)\n"
    "                         sign-in, however busy\n"
    "  --db-max-bytes BYTES   largest database (k/M/G; 0:  STEPWISE_DB_MAX_BYTES (0)\n"
    "                         up to the disk); past it 507\n"
    "  --db-cache-bytes BYTES database pages kept in memory STEPWISE_DB_CACHE_BYTES (32M)\n"
    "                         by the connection that writes (512k to 64G)\n"
    "  --db-reader-cache-bytes BYTES  the same for each of  STEPWISE_DB_READER_CACHE_BYTES\n"
    "                         up to 8 reading connections   (8M)\n"
    "  --login-attempts N     failed sign-ins of one name   STEPWISE_LOGIN_ATTEMPTS (5)\n"
    "                         from one address before a wait\n"
    "  --login-delay SECONDS  the first wait; each further  STEPWISE_LOGIN_DELAY (60)\n"
    "                         failure doubles it (up to 1 h)\n"
    "  --max-package-bytes N, --max-package-files N, --max-compression-ratio N,\n"
    "  --max-manifest-bytes N the limits of SCORM packages uploaded on /author/import, as\n"
    "                         for stepwise import (see stepwise import --help)\n"
    "  --reopen-days N        a closed plan can be opened   STEPWISE_REOPEN_DAYS (30)\n"
    "                         again this long (0: never)\n"
    "  --organisation NAME    the name on certificates      STEPWISE_ORGANISATION (none)\n"
    "  --offline-lessons N    lessons a device keeps        STEPWISE_OFFLINE_LESSONS (20)\n"
    "                         readable offline (0: none)\n"
    "  --offline-bytes BYTES  what they may take on it      STEPWISE_OFFLINE_BYTES (64M)\n"
    "  --metrics-token TOKEN  turn on GET /metrics for      STEPWISE_METRICS_TOKEN (off)\n"
    "                         \"Authorization: Bearer TOKEN\" (16 to 256 characters)\n"
    "  --trusted-proxy ADDR   believe X-Forwarded-For from  STEPWISE_TRUSTED_PROXY (none)\n"
    "                         this reverse proxy's address only (such as 127.0.0.1)\n"
    "  --language TAG         the interface language when   STEPWISE_LANGUAGE (en)\n"
    "                         neither the account nor the browser chooses one (en, nl)\n"
    "  -h, --help             show this help\n";

static const char usage_check[] =
    "Usage: stepwise check [--json] [--strict] PATH...\n"
    "\n"
    "Checks lesson modules and prints each problem as file:line:column: error: message, then a\n"
    "plain-language report per module and level (sentences, words, LIX, Flesch) with the verdict\n"
    "\"B1 ok\" or \"harder than B1\". PATH is a content folder, a module folder (holding index.md)\n"
    "or a module .md file.\n"
    "\n"
    "  --json       print one JSON document instead, for tools\n"
    "  --strict     fail on warnings too (style, \"harder than B1\")\n"
    "  -h, --help   show this help\n"
    "\n"
    "Exit status: 0 when no errors were found, 1 when there were errors (or warnings, with\n"
    "--strict), 2 on bad usage.\n";

static int cmd_serve(int argc, char **argv)
{
    static const struct option opts[] = {
        {"content", required_argument, NULL, 0},     {"db", required_argument, NULL, 0},
        {"listen", required_argument, NULL, 0},      {"max-body", required_argument, NULL, 0},
        {"max-connections", required_argument, NULL, 0}, {"timeout", required_argument, NULL, 0},
        {"threads", required_argument, NULL, 0},     {"cache-bytes", required_argument, NULL, 0},
        {"sync", required_argument, NULL, 0},        {"write-threads", required_argument, NULL, 0},
        {"public-url", required_argument, NULL, 0},  {"scorm-origin", required_argument, NULL, 0},
        {"max-module-bytes", required_argument, NULL, 0},
        {"session-idle", required_argument, NULL, 0}, {"session-max", required_argument, NULL, 0},
        {"login-attempts", required_argument, NULL, 0}, {"login-delay", required_argument, NULL, 0},
        {"db-max-bytes", required_argument, NULL, 0},
        {"db-cache-bytes", required_argument, NULL, 0},
        {"db-reader-cache-bytes", required_argument, NULL, 0},
        {"max-form-bytes", required_argument, NULL, 0},
        {"max-scorm-bytes", required_argument, NULL, 0},
        {"max-body-memory", required_argument, NULL, 0},
        {"header-timeout", required_argument, NULL, 0},
        {"max-head", required_argument, NULL, 0},
        {"max-connections-per-address", required_argument, NULL, 0},
        {"max-batch", required_argument, NULL, 0},
        {"max-attachments", required_argument, NULL, 0},
        {"max-json-values", required_argument, NULL, 0},
        {"max-json-values-session", required_argument, NULL, 0},
        {"media-completion", required_argument, NULL, 0},
        {"max-package-bytes", required_argument, NULL, 0},
        {"max-package-files", required_argument, NULL, 0},
        {"max-compression-ratio", required_argument, NULL, 0},
        {"max-manifest-bytes", required_argument, NULL, 0},
        {"reopen-days", required_argument, NULL, 0}, {"organisation", required_argument, NULL, 0},
        {"offline-lessons", required_argument, NULL, 0},
        {"offline-bytes", required_argument, NULL, 0},
        {"metrics-token", required_argument, NULL, 0}, {"trusted-proxy", required_argument, NULL, 0},
        {"language", required_argument, NULL, 0},
        {"help", no_argument, NULL, 'h'},            {NULL, 0, NULL, 0},
    };
    struct config cfg;
    config_defaults(&cfg);
    char *err = NULL;
    int status = 2;
    if (config_from_env(&cfg, &err) < 0) goto done;
    int c, index;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, &index)) != -1) {
        if (c == 'h') {
            fputs(usage_serve, stdout);
            status = 0;
            goto done;
        }
        if (c != 0) {
            err = xstrdup("see stepwise serve --help");
            goto done;
        }
        if (config_set_option(&cfg, opts[index].name, optarg, &err) < 0) goto done;
    }
    if (optind < argc) {
        err = xasprintf("unexpected argument \"%s\" (see stepwise serve --help)", argv[optind]);
        goto done;
    }
    if (config_check(&cfg, &err) < 0) goto done;
    config_public_url(&cfg);
    status = server_run(&cfg);
done:
    if (err) fprintf(stderr, "stepwise serve: %s\n", err);
    free(err);
    config_free(&cfg);
    return status;
}

static int cmd_check(int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'}, {"strict", no_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0},
    };
    unsigned flags = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(usage_check, stdout);
            return 0;
        }
        if (c == 'j') flags |= CHECK_JSON;
        else if (c == 's') flags |= CHECK_STRICT;
        else return fputs(usage_check, stderr), 2;
    }
    if (optind >= argc) {
        fputs(usage_check, stderr);
        return 2;
    }
    return check_run(argc - optind, argv + optind, flags, stdout);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_main, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        fputs(usage_main, stdout);
        return 0;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        printf("stepwise %s\n", STEPWISE_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "serve")) return cmd_serve(argc - 1, argv + 1);
    if (!strcmp(cmd, "check")) return cmd_check(argc - 1, argv + 1);
    if (!strcmp(cmd, "import")) return cli_import(argc - 1, argv + 1);
    if (!strcmp(cmd, "export")) return cli_export(argc - 1, argv + 1);
    if (!strcmp(cmd, "xapi-client")) return cli_xapi_client(argc - 1, argv + 1);
    if (!strcmp(cmd, "erase")) return cli_xapi_erase(argc - 1, argv + 1);
    if (!strcmp(cmd, "user")) return cli_user(argc - 1, argv + 1);
    if (!strcmp(cmd, "seed-demo")) return cli_seed_demo(argc - 1, argv + 1);
    if (!strcmp(cmd, "backup")) return cli_backup(argc - 1, argv + 1);
    if (!strcmp(cmd, "restore")) return cli_restore(argc - 1, argv + 1);
    if (!strcmp(cmd, "check-db")) return cli_check_db(argc - 1, argv + 1);
    fprintf(stderr, "stepwise: unknown command \"%s\"\n\n%s", cmd, usage_main);
    return 2;
}
