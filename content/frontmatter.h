/* frontmatter.h: the YAML header between the two leading "---" lines of a module file, checked
 * against the format in README.md ("Writing a module"). */
#ifndef STEPWISE_FRONTMATTER_H
#define STEPWISE_FRONTMATTER_H

#include <stddef.h>

#include "content/diag.h"
#include "content/module.h"

/* Parses the front matter at the start of text (a whole module file of len bytes, named file in
 * diagnostics) into m's id, title, summary, language, version, skills, minutes and levels, and
 * sets m->markdown (a copy of the body, owned by m) and m->body_line. Returns 0, or -1 after
 * adding at least one DIAG_ERROR with the file's real line and column. Fields already set are
 * left for module_free to release either way. */
int frontmatter_parse(struct module *m, const char *text, size_t len, const char *file,
                      struct diag_list *diags);

/* 1 when s is a valid id or skill tag: 1 to 64 characters out of a-z, 0-9 and '-'. */
int frontmatter_valid_id(const char *s);
/* 1 when s is a language tag such as en, nl or pt-BR. */
int frontmatter_valid_language(const char *s);

#endif
