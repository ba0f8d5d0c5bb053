/* scorm_expect.h: helpers for the SCORM tests: parse a fixture package's manifest with the
 * package folder as the files it holds. Included by tests/unit/test_*.c only. */
#ifndef STEPWISE_SCORM_EXPECT_H
#define STEPWISE_SCORM_EXPECT_H

#include <stdlib.h>
#include <sys/stat.h>

#include "content/scorm_manifest.h"
#include "server/buf.h"

#define SCORM_DATA "tests/data/scorm"

static inline int fixture_has_file(void *ctx, const char *path)
{
    struct stat st;
    char *full = xasprintf("%s/%s", (const char *)ctx, path);
    int ok = lstat(full, &st) == 0 && S_ISREG(st.st_mode);
    free(full);
    return ok;
}

/* The parsed manifest of tests/data/scorm/NAME, or NULL (diags say why). */
static inline json_t *parse_fixture(const char *name, struct diag_list *diags)
{
    char *dir = xasprintf("%s/%s", SCORM_DATA, name), *path = xasprintf("%s/imsmanifest.xml", dir);
    size_t len;
    char *xml = read_file_max(path, 1 << 20, &len);
    json_t *m = xml ? scorm_manifest_parse(xml, len, "imsmanifest.xml", fixture_has_file, dir, diags) : NULL;
    free(xml);
    free(path);
    free(dir);
    return m;
}

#endif
