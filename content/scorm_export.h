/* scorm_export.h: a Markdown module as a SCORM 1.2 or SCORM 2004 4th Edition package that plays
 * on its own in another LMS: one SCO (index.html) holding every level of the module, its media,
 * captions and transcripts, the knowledge check of each level scored in the page, and a small
 * runtime wrapper that reports completion, score and passed/failed to the host LMS. See
 * README.md, "Exporting a module as SCORM". */
#ifndef STEPWISE_SCORM_EXPORT_H
#define STEPWISE_SCORM_EXPORT_H

#include <stddef.h>

#include "content/module.h"

enum scorm_export_version { SCORM_EXPORT_12, SCORM_EXPORT_2004 };

/* "1.2" or "2004" (also "2004-4"): 0 with *out set, or -1. */
int scorm_export_version_parse(const char *s, enum scorm_export_version *out);
/* "scorm12" or "scorm2004", as the download's file name says it. */
const char *scorm_export_version_slug(enum scorm_export_version v);

/* Writes the package of m (a Markdown module) to zip_path, replacing what is there. The same
 * module gives the same bytes. Returns 0, or -1 with a sentence in *err (caller frees). The
 * package's own texts are in the module's language when Stepwise has it, else in English. */
int scorm_export(const struct module *m, enum scorm_export_version v, const char *zip_path,
                 char **err);

/* The package's imsmanifest.xml (caller frees, length in *len), written with libxml2: one
 * organization, one item and one SCO resource listing files (nfiles package paths) — for 1.2
 * adlcp:masteryscore, for 2004 a primary objective satisfied by the measure with the module's
 * mastery as imsss:minNormalizedMeasure — and LOM metadata (title, language, summary, skills,
 * minutes as the typical learning time). */
char *scorm_export_manifest(const struct module *m, enum scorm_export_version v,
                            char *const *files, size_t nfiles, size_t *len);

/* The SCO's index.html (caller frees, length in *len): bodies[level] is the module's HTML at
 * that level (render_module_packaged), NULL for a level it does not offer. Each level is a
 * <template> with its body and check; the answers of the checks are in a JSON block that
 * player/static/sco.js scores with. The current language (i18n_use) gives its texts. */
char *scorm_export_page(const struct module *m, enum scorm_export_version v,
                        char *const bodies[MODULE_MAX_LEVEL + 1], size_t *len);

#endif
