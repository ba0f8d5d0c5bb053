/* levels.h: the "::: level N [N...]" fences that mark parts of a module body for some levels. */
#ifndef STEPWISE_LEVELS_H
#define STEPWISE_LEVELS_H

#include "content/diag.h"

/* Checks the fences of body md, whose first line is line first_line of file: every fence is
 * closed, none nests, and every level named is one of offered (bit 1u << n per level n).
 * Returns 0, or -1 after adding DIAG_ERRORs. Fences inside fenced code blocks are text. */
int levels_check(const char *md, unsigned offered, const char *file, int first_line,
                 struct diag_list *diags);

/* Returns a copy of md (caller frees) holding what shows at level: the fence lines and the lines
 * of fences for other levels become empty lines, so line numbers stay those of md. */
char *levels_select(const char *md, int level);

#endif
