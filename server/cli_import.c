/* cli_import.c: `stepwise import [OPTIONS] FILE.zip`: the options, the limits from the
 * environment, and the report: what was imported, what is not supported, or why nothing was. */
#include "server/cli_import.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/package_import.h"
#include "server/buf.h"
#include "server/config.h"

static const char usage[] =
    "Usage: stepwise import [OPTIONS] FILE.zip\n"
    "\n"
    "Imports a SCORM 1.2 or 2004 package into the content folder as a module, shown in the\n"
    "catalogue like the Markdown ones. Importing a package again adds a new version; attempts\n"
    "begun on an older version finish there. The catalogue words come from the manifest; give\n"
    "those it lacks (kept for later versions):\n"
    "\n"
    "  --id ID                  module id (default: from the manifest's identifier)\n"
    "  --title TEXT             title in the catalogue\n"
    "  --summary TEXT           one or two sentences for the catalogue\n"
    "  --minutes N              estimated minutes (1 to 600)\n"
    "  --language TAG           language of the package, such as en or nl\n"
    "  --skills TAG,TAG         skill tags for the catalogue filter (\"\" for none)\n"
    "  --content DIR            folder of lesson modules     STEPWISE_CONTENT (modules)\n"
    "\n"
    "Limits (sizes take k, M or G):\n"
    "  --max-package-bytes N    total unpacked size          STEPWISE_MAX_PACKAGE_BYTES (512M)\n"
    "  --max-package-files N    files and folders in the zip STEPWISE_MAX_PACKAGE_FILES (10000)\n"
    "  --max-compression-ratio N  unpacked / packed size of  STEPWISE_MAX_COMPRESSION_RATIO (100)\n"
    "                           one file over 64k\n"
    "  --max-manifest-bytes N   size of imsmanifest.xml      STEPWISE_MAX_MANIFEST_BYTES (4M)\n"
    "  -h, --help               show this help\n"
    "\n"
    "Exit status: 0 imported, 1 refused (nothing is stored), 2 bad usage.\n";

static int parse_minutes(const char *s, int *out)
{
    char *end;
    long n = strtol(s, &end, 10);
    if (end == s || *end || n < 1 || n > 600) return -1;
    *out = (int)n;
    return 0;
}

static void report(const struct diag_list *diags, const struct package_result *res, int ok)
{
    diag_print(diags, stderr);
    if (!ok) {
        fprintf(stderr, "stepwise import: nothing was imported\n");
        return;
    }
    size_t unsupported = diag_count(diags, DIAG_WARNING);
    printf("imported %s version %d: SCORM %s, %zu launchable item%s%s\n", res->id, res->version,
           res->scorm, res->launchable, res->launchable == 1 ? "" : "s",
           unsupported ? "; see the warnings above" : "");
}

int cli_import(int argc, char **argv)
{
    static const struct option opts[] = {
        {"id", required_argument, NULL, 'i'},      {"title", required_argument, NULL, 't'},
        {"summary", required_argument, NULL, 's'}, {"minutes", required_argument, NULL, 'm'},
        {"language", required_argument, NULL, 'l'}, {"skills", required_argument, NULL, 'k'},
        {"content", required_argument, NULL, 0},
        {"max-package-bytes", required_argument, NULL, 0},
        {"max-package-files", required_argument, NULL, 0},
        {"max-compression-ratio", required_argument, NULL, 0},
        {"max-manifest-bytes", required_argument, NULL, 0},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0},
    };
    struct config cfg;
    struct package_options o = {0};
    struct package_result res = {0};
    struct diag_list diags;
    diag_list_init(&diags);
    config_defaults(&cfg);
    char *err = NULL;
    int status = 2, c, index;
    if (config_from_env(&cfg, &err) < 0) goto done;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, &index)) != -1) {
        if (c == 'h') {
            fputs(usage, stdout);
            status = 0;
            goto done;
        }
        if (c == 'i') o.id = optarg;
        else if (c == 't') o.title = optarg;
        else if (c == 's') o.summary = optarg;
        else if (c == 'l') o.language = optarg;
        else if (c == 'k') o.skills = optarg;
        else if (c == 'm' && parse_minutes(optarg, &o.minutes) < 0)
            err = xasprintf("--minutes: \"%s\" is not a number from 1 to 600", optarg);
        else if (c == 0 && config_set_option(&cfg, opts[index].name, optarg, &err) < 0) goto done;
        else if (c == '?') err = xstrdup("see stepwise import --help");
        if (err) goto done;
    }
    if (optind != argc - 1) {
        err = xstrdup(optind < argc ? "give one FILE.zip (see stepwise import --help)"
                                    : "give the package: stepwise import FILE.zip");
        goto done;
    }
    int ok = package_import(cfg.content_dir, argv[optind], &o, &cfg.packages, &diags, &res) == 0;
    report(&diags, &res, ok);
    status = ok ? 0 : 1;
done:
    if (err) fprintf(stderr, "stepwise import: %s\n", err);
    free(err);
    package_result_free(&res);
    diag_list_free(&diags);
    config_free(&cfg);
    return status;
}
