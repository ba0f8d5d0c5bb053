/* cli_db.c: `stepwise backup FILE`, `stepwise restore BACKUP` and `stepwise check-db`: a
 * consistent copy of the database while the server runs, putting one back while it is stopped,
 * and a check that says in words what is wrong with a database file. */
#include "server/cli_db.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/buf.h"
#include "server/config.h"
#include "tracking/store.h"

static const char usage_backup[] =
    "Usage: stepwise backup FILE [--db DB]\n"
    "\n"
    "Writes a consistent copy of the database to FILE, also while stepwise serve runs and\n"
    "writes: the copy holds everything stored before the backup began. FILE is replaced only\n"
    "once the whole copy is written and checked. Restore it with stepwise restore.\n"
    "\n"
    "  --db DB      the database to copy   STEPWISE_DB (data/stepwise.db)\n"
    "  -h, --help   show this help\n"
    "\n"
    "Exit status: 0 done, 1 failed, 2 bad usage.\n";

static const char usage_restore[] =
    "Usage: stepwise restore BACKUP [--db DB]\n"
    "\n"
    "Replaces the database with the backup file BACKUP (made by stepwise backup). Stop\n"
    "stepwise serve first: the restore is refused while the database is in use. BACKUP is\n"
    "checked first (as stepwise check-db does); a damaged backup, or one from a newer\n"
    "Stepwise, is refused and the database is left as it was.\n"
    "\n"
    "  --db DB      the database to replace   STEPWISE_DB (data/stepwise.db)\n"
    "  -h, --help   show this help\n"
    "\n"
    "Exit status: 0 done, 1 failed, 2 bad usage.\n";

static const char usage_check_db[] =
    "Usage: stepwise check-db [--db DB]\n"
    "\n"
    "Checks the database without changing it (also while stepwise serve runs): SQLite's\n"
    "integrity check of every page and index, the links between tables, and that each part's\n"
    "schema version and its tables, columns and indexes are what this Stepwise's migrations\n"
    "make. Prints one line per problem, or that the database is sound.\n"
    "\n"
    "  --db DB      the database to check   STEPWISE_DB (data/stepwise.db)\n"
    "  -h, --help   show this help\n"
    "\n"
    "Exit status: 0 sound, 1 problems found (or the check could not run), 2 bad usage.\n";

/* Reads --db (after STEPWISE_DB) and nargs positional arguments into cfg and args. Returns -1
 * to go on, or the exit status once done: 0 after printing help, 2 after a usage error. */
static int parse(int argc, char **argv, const char *usage, int nargs, struct config *cfg,
                 char **args)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    char *err = NULL;
    if (config_from_env(cfg, &err) < 0) goto bad;
    int c;
    optind = 0;     /* 0 makes glibc start over (another command may have used getopt) */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        if (c == 'h') return fputs(usage, stdout), 0;
        if (c != 'd') {
            err = xasprintf("unknown option or missing value \"%s\" (see stepwise %s --help)",
                            argv[optind - 1], argv[0]);
            goto bad;
        }
        if (config_set_option(cfg, "db", optarg, &err) < 0) goto bad;
    }
    if (argc - optind != nargs) {
        err = xasprintf(nargs ? "name one file (see stepwise %s --help)"
                              : "takes no arguments (see stepwise %s --help)", argv[0]);
        goto bad;
    }
    for (int i = 0; i < nargs; i++) args[i] = argv[optind + i];
    return -1;
bad:
    fprintf(stderr, "stepwise %s: %s\n", argv[0], err);
    free(err);
    return 2;
}

int cli_backup(int argc, char **argv)
{
    struct config cfg;
    config_defaults(&cfg);
    char *file = NULL, *err = NULL;
    int status = parse(argc, argv, usage_backup, 1, &cfg, &file);
    if (status >= 0) goto done;
    status = 1;
    if (store_backup(cfg.db_path, file, &err) == STORE_OK) {
        printf("backup of %s written to %s\n", cfg.db_path, file);
        status = 0;
    }
done:
    if (err) fprintf(stderr, "stepwise backup: %s\n", err);
    free(err);
    config_free(&cfg);
    return status;
}

int cli_restore(int argc, char **argv)
{
    struct config cfg;
    config_defaults(&cfg);
    char *backup = NULL, *err = NULL;
    int status = parse(argc, argv, usage_restore, 1, &cfg, &backup);
    if (status >= 0) goto done;
    status = 1;
    if (store_restore(cfg.db_path, backup, &err) == STORE_OK) {
        printf("%s restored from %s\n", cfg.db_path, backup);
        status = 0;
    }
done:
    if (err) fprintf(stderr, "stepwise restore: %s\n", err);
    free(err);
    config_free(&cfg);
    return status;
}

int cli_check_db(int argc, char **argv)
{
    struct config cfg;
    config_defaults(&cfg);
    char *err = NULL, **problems = NULL;
    size_t n = 0;
    int status = parse(argc, argv, usage_check_db, 0, &cfg, NULL);
    if (status >= 0) goto done;
    status = 1;
    if (store_check(cfg.db_path, &problems, &n, &err) != STORE_OK) goto done;
    for (size_t i = 0; i < n; i++) printf("%s: %s\n", cfg.db_path, problems[i]);
    if (n) printf("%s: %zu problem%s found: restore the latest backup (stepwise restore --help)\n",
                  cfg.db_path, n, n == 1 ? "" : "s");
    else printf("%s: the database is sound\n", cfg.db_path);
    status = n ? 1 : 0;
done:
    if (err) fprintf(stderr, "stepwise check-db: %s\n", err);
    free(err);
    store_strings_free(problems, n);
    config_free(&cfg);
    return status;
}
