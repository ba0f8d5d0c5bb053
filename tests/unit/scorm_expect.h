/* scorm_expect.h: helpers for the SCORM tests: parse a fixture package's manifest with the
 * package folder as the files it holds, remove a test's folder. Included by tests/unit/test_*.c
 * only. */
#ifndef STEPWISE_SCORM_EXPECT_H
#define STEPWISE_SCORM_EXPECT_H

#include <ftw.h>
#include <stdio.h>
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

static inline int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

/* Removes a test's folder and everything in it. */
static inline void remove_tree(const char *dir)
{
    nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
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
