/* style.h: findings about how a module's text is built, at one level: headings out of order,
 * very long sections and vague link text (warnings), and links to files or modules that do not
 * exist (errors). See README.md, "Checking modules". */
#ifndef STEPWISE_STYLE_H
#define STEPWISE_STYLE_H

#include "content/catalog.h"
#include "content/diag.h"
#include "content/module.h"

/* A section (the text between two headings) over this many words is too long to read on a
 * phone in one go: about two minutes of reading at B1. */
#define STYLE_MAX_SECTION_WORDS 250

/* Checks the text m shows at level, adding findings to diags. Links to "/modules/<id>" are
 * checked against c, the modules of the content folder, or not at all when c is NULL. */
void style_check(const struct module *m, int level, const struct catalog *c, struct diag_list *diags);

#endif
