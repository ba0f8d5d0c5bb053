/* lrs_format.h: the "format" parameter of GET /xapi/statements: exact (as stored), ids (Agents
 * reduced to their identifier, Activities and Verbs to their id) and canonical (one language per
 * language map, chosen by Accept-Language). */
#ifndef STEPWISE_LRS_FORMAT_H
#define STEPWISE_LRS_FORMAT_H

#include <jansson.h>

enum lrs_format { LRS_FORMAT_EXACT, LRS_FORMAT_IDS, LRS_FORMAT_CANONICAL };

/* "exact", "ids" or "canonical" (NULL: exact). Returns 0, or -1 for anything else. */
int lrs_format_parse(const char *s, enum lrs_format *out);

/* Rewrites the statement stmt in place for format f. accept_language (an Accept-Language header
 * value, may be NULL) picks the language for canonical; without a match the map keeps its
 * first entry. */
void lrs_format_apply(json_t *stmt, enum lrs_format f, const char *accept_language);

#endif
