/* activities.c: the Activity definitions a statement carries and the merge of a definition into
 * the canonical one (xAPI: an LRS may update its definition from a trusted statement). */
#include "tracking/activities.h"

#include <string.h>

void activities_merge(json_t *def, const json_t *add)
{
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)add, k, v) {
        json_t *old = json_object_get(def, k);
        if (json_is_object(v) && json_is_object(old)) json_object_update(old, v);
        else json_object_set_new(def, k, json_deep_copy(v));
    }
}

/* Adds a's definition to defs when a is an Activity with an id and a definition object: the
 * definition itself for the first Activity of that id (a question's is most of its answered
 * statement, and copying it cost more than writing the statement out), a merged copy once
 * another one names the same id. */
static void add_activity(const json_t *a, json_t *defs)
{
    const char *type = json_string_value(json_object_get(a, "objectType"));
    const char *id = json_string_value(json_object_get(a, "id"));
    const json_t *d = json_object_get(a, "definition");
    if ((type && strcmp(type, "Activity")) || !id || !json_is_object(d)) return;
    json_t *def = json_object_get(defs, id);
    if (!def) {
        json_object_set(defs, id, (json_t *)d);
        return;
    }
    json_t *merged = json_deep_copy(def);
    activities_merge(merged, d);
    json_object_set_new(defs, id, merged);
}

static void add_context(const json_t *ctx, json_t *defs)
{
    static const char *const kinds[] = {"parent", "grouping", "category", "other"};
    const json_t *ca = json_object_get(ctx, "contextActivities");
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
        const json_t *list = json_object_get(ca, kinds[i]);
        if (json_is_object(list)) add_activity(list, defs);    /* 1.0.3 allows one object */
        for (size_t j = 0; j < json_array_size(list); j++)
            add_activity(json_array_get(list, j), defs);
    }
}

json_t *activities_definitions(const json_t *stmt)
{
    json_t *defs = json_object();
    const json_t *obj = json_object_get(stmt, "object");
    add_activity(obj, defs);
    add_context(json_object_get(stmt, "context"), defs);
    const char *type = json_string_value(json_object_get(obj, "objectType"));
    if (type && !strcmp(type, "SubStatement")) {
        add_activity(json_object_get(obj, "object"), defs);
        add_context(json_object_get(obj, "context"), defs);
    }
    return defs;
}
