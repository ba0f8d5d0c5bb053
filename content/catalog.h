/* catalog.h: every module of a content folder. Broken modules are reported in diags and skipped,
 * so the rest are still served. */
#ifndef STEPWISE_CATALOG_H
#define STEPWISE_CATALOG_H

#include <stddef.h>

#include "content/diag.h"
#include "content/module.h"

struct catalog {
    char *dir;
    struct module **modules;    /* sorted by title; owned */
    size_t len;
    size_t nfound;              /* modules found, counting the skipped ones */
    struct diag_list diags;     /* what was wrong with the modules that were skipped, and warnings */
};

/* Loads every "*.md" file, every folder holding index.md and every package folder (holding
 * package.json) directly under dir (names starting with '.' or '_' are ignored). Returns NULL
 * only when dir cannot be read (message in *err, caller frees). A module whose id is already
 * taken is an error and skipped. */
struct catalog *catalog_load(const char *dir, char **err);
void catalog_free(struct catalog *c);
const struct module *catalog_find(const struct catalog *c, const char *id);

#endif
