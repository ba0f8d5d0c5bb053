/* cli_export.c: `stepwise export ID --scorm 1.2|2004 [-o FILE.zip]`: finds the module in the
 * content folder and writes its SCORM package (content/scorm_export.c). */
#include "server/cli_export.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/catalog.h"
#include "content/scorm_export.h"
#include "server/buf.h"
#include "server/config.h"

static const char usage[] =
    "Usage: stepwise export ID --scorm 1.2|2004 [-o FILE.zip]\n"
    "\n"
    "Writes the Markdown module ID as a SCORM package that plays on its own in another LMS:\n"
    "every level, its media, captions and transcripts, and the knowledge checks, which report\n"
    "completion, the score and passed or failed (the module's mastery) to that LMS.\n"
    "\n"
    "  --scorm 1.2|2004         SCORM 1.2 or SCORM 2004 4th Edition\n"
    "  -o, --output FILE.zip    where to write it (default: ID-scorm12.zip or ID-scorm2004.zip)\n"
    "  --content DIR            folder of lesson modules     STEPWISE_CONTENT (modules)\n"
    "  -h, --help               show this help\n"
    "\n"
    "The package holds the answers of the checks (the page scores them). Exit status: 0 written,\n"
    "1 refused (no such module, a SCORM package, or the file cannot be written), 2 bad usage.\n";

static int export_module(const char *content_dir, const char *id, enum scorm_export_version v,
                         const char *out, char **err)
{
    struct catalog *c = catalog_load(content_dir, err);
    if (!c) return -1;
    const struct module *m = catalog_find(c, id);
    int rc = -1;
    if (!m)
        *err = xasprintf("no module in %s has the id \"%s\" (see stepwise check %s)", content_dir,
                         id, content_dir);
    else
        rc = scorm_export(m, v, out, err);
    catalog_free(c);
    return rc;
}

int cli_export(int argc, char **argv)
{
    static const struct option opts[] = {
        {"scorm", required_argument, NULL, 's'},  {"output", required_argument, NULL, 'o'},
        {"content", required_argument, NULL, 0},  {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct config cfg;
    config_defaults(&cfg);
    char *err = NULL, *out = NULL;
    const char *scorm = NULL, *output = NULL;
    enum scorm_export_version v = SCORM_EXPORT_12;
    int status = 2, c, index;
    if (config_from_env(&cfg, &err) < 0) goto done;
    optind = 1;
    while ((c = getopt_long(argc, argv, "ho:", opts, &index)) != -1) {
        if (c == 'h') {
            fputs(usage, stdout);
            status = 0;
            goto done;
        }
        if (c == 's') scorm = optarg;
        else if (c == 'o') output = optarg;
        else if (c == 0 && config_set_option(&cfg, opts[index].name, optarg, &err) < 0) goto done;
        else if (c == '?') err = xstrdup("see stepwise export --help");
        if (err) goto done;
    }
    if (optind != argc - 1) {
        err = xstrdup(optind < argc ? "give one module id (see stepwise export --help)"
                                    : "give the module: stepwise export ID --scorm 1.2|2004");
        goto done;
    }
    if (!scorm) {
        err = xstrdup("say which version: --scorm 1.2 or --scorm 2004");
        goto done;
    }
    if (scorm_export_version_parse(scorm, &v) < 0) {
        err = xasprintf("--scorm \"%s\" is not a version: give 1.2 or 2004", scorm);
        goto done;
    }
    const char *id = argv[optind];
    out = output ? xstrdup(output) : xasprintf("%s-%s.zip", id, scorm_export_version_slug(v));
    status = 1;
    if (export_module(cfg.content_dir, id, v, out, &err) < 0) goto done;
    printf("wrote %s: %s as SCORM %s\n", out, id, v == SCORM_EXPORT_2004 ? "2004 4th Edition"
                                                                        : "1.2");
    status = 0;
done:
    if (err) fprintf(stderr, "stepwise export: %s\n", err);
    free(err);
    free(out);
    config_free(&cfg);
    return status;
}
