/* check.h: `stepwise check [--json] [--strict] DIR|FILE ...`, which validates modules, reports
 * findings as file:line:column and gives a plain-language (B1) report per module and level. */
#ifndef STEPWISE_CHECK_H
#define STEPWISE_CHECK_H

#include <stdio.h>

#define CHECK_JSON 1u       /* one JSON document on out instead of text */
#define CHECK_STRICT 2u     /* warnings fail the check too */

/* Checks each path (a content folder, a module folder or a module file), printing findings, the
 * plain-language report and a summary to out. Returns the process exit status: 1 when errors
 * were found (or warnings, with CHECK_STRICT), else 0. */
int check_run(int npaths, char **paths, unsigned flags, FILE *out);

#endif
