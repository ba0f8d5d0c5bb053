/* package_import.h: `stepwise import` and (later) the upload page: a SCORM zip becomes a new
 * version of a package module in the content folder, or nothing is stored at all. */
#ifndef STEPWISE_PACKAGE_IMPORT_H
#define STEPWISE_PACKAGE_IMPORT_H

#include "content/diag.h"
#include "content/package_zip.h"

/* What the author sets; NULL or 0 keeps the value of the version before, or takes the
 * manifest's (title, LOM description and language). */
struct package_options {
    const char *id;         /* NULL: the manifest's identifier made an id, else the file name's */
    const char *title;
    const char *summary;
    const char *language;
    int minutes;
    const char *skills;     /* skill tags separated by ',' ("" for none) */
    const char *file_name;  /* recorded as where the version came from; NULL: zip_path's name */
};

struct package_result {
    char *id;               /* owned */
    int version;            /* the folder number of the new version */
    char *scorm;            /* owned: "1.2", "2004 4th Edition", ... */
    size_t launchable;      /* items with something to launch */
};

/* Unpacks zip_path into a hidden folder of content_dir, reads its manifest, and moves it into
 * place as version N of DIR/ID (content/package.h): the folder of a new package, or the next
 * version folder and then package.json of an existing one, so a reader sees the old or the new
 * package and never a part. Imports into one folder run one at a time. Returns 0 and fills
 * *res; or -1 with at least one DIAG_ERROR in diags and nothing stored. Warnings (what is not
 * supported) go to diags either way. */
int package_import(const char *content_dir, const char *zip_path, const struct package_options *o,
                   const struct package_limits *l, struct diag_list *diags,
                   struct package_result *res);
void package_result_free(struct package_result *res);

#endif
