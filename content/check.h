/* check.h: `stepwise check DIR|FILE ...`, which validates modules and reports file:line:column. */
#ifndef STEPWISE_CHECK_H
#define STEPWISE_CHECK_H

#include <stdio.h>

/* Checks each path (a content folder, a module folder or a module file), printing findings and a
 * summary to out. Returns the process exit status: 0 when no errors, 1 when errors were found. */
int check_run(int npaths, char **paths, FILE *out);

#endif
