/* plan_csv.h: the CSV export of plan progress for HR (RFC 4180: comma-separated, CRLF line
 * ends, fields quoted when needed). */
#ifndef STEPWISE_PLAN_CSV_H
#define STEPWISE_PLAN_CSV_H

#include <stddef.h>

#include "server/buf.h"
#include "server/plan_view.h"

/* Appends s as one CSV field: quoted (with quotes doubled) when it holds a comma, quote, CR or
 * LF; a field that starts with = + - @, a tab or a line break, or has one of = + - @ after
 * leading blanks (spaces, no-break spaces, tabs, line breaks), is prefixed with ' so that a
 * spreadsheet never runs it as a formula. */
void plan_csv_field(struct buf *b, const char *s);
/* The whole export: a header line and one line per plan. Caller frees; length in *len. */
char *plan_csv(const struct plan_views *v, size_t *len);

#endif
