/* json_bound.h: how large a JSON text becomes in memory, known before it is parsed. A parsed
 * value costs tens of bytes however short its text ("0," is two bytes), so a body's size alone
 * does not bound the tree that jansson builds from it. */
#ifndef STEPWISE_JSON_BOUND_H
#define STEPWISE_JSON_BOUND_H

#include <stddef.h>

/* 1 when text (len bytes) holds at most max values (objects, arrays, strings, object keys,
 * numbers, true, false, null), counted in one pass without parsing; 0 as soon as there are more.
 * For text that is not JSON the count is still an upper bound of what a parser would build. */
int json_bound_within(const char *text, size_t len, size_t max);

#endif
