/* activities.h: canonical Activity definitions, backend-independent: which definitions a
 * statement carries, and how a new definition merges into the stored one. The store keeps the
 * result (store_statements_insert with define_activities, store_activity_get). */
#ifndef STEPWISE_ACTIVITIES_H
#define STEPWISE_ACTIVITIES_H

#include <jansson.h>

/* The definitions stmt carries, as a new JSON object from Activity id to definition: the
 * object, the context activities (parent, grouping, category, other; also the 1.0.3 single
 * object form), and the same for a SubStatement object. Several definitions of one id merge in
 * that order. An empty object when there are none. Caller decrefs. A definition that only one
 * Activity of the statement carries is that Activity's own (shared): change neither. */
json_t *activities_definitions(const json_t *stmt);

/* Merges definition add into def: properties that are objects on both sides (the name and
 * description language maps, extensions) merge key by key, so a statement that names an
 * Activity in one language keeps the others; any other property is replaced. */
void activities_merge(json_t *def, const json_t *add);

#endif
