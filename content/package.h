/* package.h: a SCORM package as stored in the content folder, beside the Markdown modules:
 * DIR/ID/package.json holds what the catalogue shows and the list of imported versions, and
 * DIR/ID/N/ is version N: manifest.json (content/scorm_manifest.h) and files/ (the package). */
#ifndef STEPWISE_PACKAGE_H
#define STEPWISE_PACKAGE_H

#include <jansson.h>

#include "content/diag.h"
#include "content/module.h"

#define PACKAGE_FILE "package.json"
#define PACKAGE_MANIFEST "manifest.json"
#define PACKAGE_FILES "files"
/* package.json and manifest.json are written by Stepwise; a bigger one is damaged. */
#define PACKAGE_MAX_JSON (8u << 20)

/* 1 when path is a package folder (holding package.json) or its package.json. */
int package_at(const char *path);
/* Loads the package at path (a folder or its package.json) as a module of kind MODULE_PACKAGE;
 * on error NULL and a DIAG_ERROR in diags, as module_load. */
struct module *package_load(const char *path, struct diag_list *diags);
/* Reads a JSON file Stepwise wrote (at most PACKAGE_MAX_JSON bytes); NULL with *err set (caller
 * frees): a phrase worded when shown (i18n_msg_phrase, for diag_add_text). */
json_t *package_read_json(const char *path, char **err);

#endif
