/* lrs_format.h: the "format" parameter of GET /xapi/statements: exact (as stored), ids (Agents
 * reduced to their identifier, Activities and Verbs to their id) and canonical (the LRS's
 * canonical Activity definitions, one language per language map chosen by Accept-Language). */
#ifndef STEPWISE_LRS_FORMAT_H
#define STEPWISE_LRS_FORMAT_H

#include <jansson.h>

enum lrs_format { LRS_FORMAT_EXACT, LRS_FORMAT_IDS, LRS_FORMAT_CANONICAL };

/* "exact", "ids" or "canonical" (NULL: exact). Returns 0, or -1 for anything else. */
int lrs_format_parse(const char *s, enum lrs_format *out);

/* The LRS's canonical definition of the Activity id as a new reference (caller decrefs), or NULL
 * to keep the definition the statement carries. */
typedef json_t *(*lrs_definition_fn)(void *arg, const char *activity_id);

/* Rewrites the statement stmt in place for format f. For canonical, every Activity's definition
 * is first replaced by definition(arg, id) when that gives one (definition may be NULL); then
 * accept_language (an Accept-Language header value, may be NULL) picks one language per map;
 * without a match the map keeps its first entry. */
void lrs_format_apply(json_t *stmt, enum lrs_format f, const char *accept_language,
                      lrs_definition_fn definition, void *arg);

#endif
