/* render.h: turns a module's Markdown into the HTML fragment of one level (CommonMark via cmark).
 * Raw HTML is never passed through; video/audio embeds become native players with captions and
 * transcripts; questions become form fields without their answers; media references become URLs under /modules/<id>/media/. */
#ifndef STEPWISE_RENDER_H
#define STEPWISE_RENDER_H

#include "content/diag.h"
#include "content/media.h"
#include "content/module.h"

/* Returns the HTML of the module body at the given level (caller frees), or NULL if the level is
 * not offered. Problems found while rendering (missing captions, transcript or alt text, unknown
 * embed keys) are added to diags and also shown as visible warnings inside the HTML. */
char *render_module(const struct module *m, int level, struct diag_list *diags);
/* The same for a package that holds the module's media (content/scorm_export.c): media links
 * are "media/<rel>", each file linked is added to packaged, and links to paths of the server
 * ("/modules/...") become their text. */
char *render_module_packaged(const struct module *m, int level, struct media_list *packaged,
                             struct diag_list *diags);

/* Returns the HTML of a podcast transcript (Markdown text md read from file, a file of module m)
 * with the same rules as a body, its headings moved two levels down and no embeds; caller frees.
 * packaged as for render_module_packaged (NULL on the server). */
char *render_transcript(const struct module *m, const char *md, const char *file,
                        struct media_list *packaged, struct diag_list *diags);

#endif
