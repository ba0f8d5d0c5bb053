/* lrs_format.c: statement formats for GET /xapi/statements (Communication 2.1.3). "ids" keeps
 * only what identifies each Agent, Group, Activity and Verb; "canonical" gives each Activity the
 * LRS's canonical definition and keeps one language of each language map, the one the client
 * prefers. */
#include "tracking/lrs_format.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "server/buf.h"

#define MAX_LANGS 16

int lrs_format_parse(const char *s, enum lrs_format *out)
{
    if (!s || !strcmp(s, "exact")) *out = LRS_FORMAT_EXACT;
    else if (!strcmp(s, "ids")) *out = LRS_FORMAT_IDS;
    else if (!strcmp(s, "canonical")) *out = LRS_FORMAT_CANONICAL;
    else return -1;
    return 0;
}

/* ---- ids ---- */

static const char *const agent_ids[] = {"objectType", "mbox", "mbox_sha1sum", "openid", "account"};

static int has_ifi(const json_t *a)
{
    for (size_t i = 1; i < sizeof agent_ids / sizeof *agent_ids; i++)
        if (json_object_get(a, agent_ids[i])) return 1;
    return 0;
}

static int kept(const char *key, const char *const *keys, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(key, keys[i])) return 1;
    return 0;
}

static void keep_only(json_t *o, const char *const *keys, size_t n)
{
    const char *key;
    json_t *v;
    void *tmp;
    json_object_foreach_safe(o, tmp, key, v) {
        if (!kept(key, keys, n)) json_object_del(o, key);
    }
}

/* An identified Agent or Group keeps its IFI; an anonymous Group keeps its members' IFIs. */
static void ids_agent(json_t *a)
{
    if (!json_is_object(a)) return;
    static const char *const anonymous[] = {"objectType", "member"};
    if (has_ifi(a)) {
        keep_only(a, agent_ids, sizeof agent_ids / sizeof *agent_ids);
        return;
    }
    keep_only(a, anonymous, 2);
    json_t *members = json_object_get(a, "member");
    for (size_t i = 0; i < json_array_size(members); i++) ids_agent(json_array_get(members, i));
}

/* An Activity is its id: objectType "Activity" is the default wherever an Activity stands, and
 * the conformance suite wants a SubStatement's Activity as {"id"} alone (XAPI-00171). */
static void ids_activity(json_t *a)
{
    static const char *const keys[] = {"id"};
    if (json_is_object(a)) keep_only(a, keys, 1);
}

static void ids_context(json_t *ctx)
{
    if (!json_is_object(ctx)) return;
    ids_agent(json_object_get(ctx, "instructor"));
    ids_agent(json_object_get(ctx, "team"));
    const char *key;
    json_t *list;
    json_object_foreach(json_object_get(ctx, "contextActivities"), key, list) {
        for (size_t i = 0; i < json_array_size(list); i++) ids_activity(json_array_get(list, i));
    }
    json_t *agents = json_object_get(ctx, "contextAgents");
    for (size_t i = 0; i < json_array_size(agents); i++)
        ids_agent(json_object_get(json_array_get(agents, i), "agent"));
    json_t *groups = json_object_get(ctx, "contextGroups");
    for (size_t i = 0; i < json_array_size(groups); i++)
        ids_agent(json_object_get(json_array_get(groups, i), "group"));
}

static void ids_statement(json_t *s)
{
    static const char *const verb[] = {"id"};
    ids_agent(json_object_get(s, "actor"));
    json_t *verb_obj = json_object_get(s, "verb");
    if (json_is_object(verb_obj)) keep_only(verb_obj, verb, 1);
    json_t *obj = json_object_get(s, "object");
    const char *type = json_string_value(json_object_get(obj, "objectType"));
    if (!type || !strcmp(type, "Activity")) ids_activity(obj);
    else if (!strcmp(type, "Agent") || !strcmp(type, "Group")) ids_agent(obj);
    else if (!strcmp(type, "SubStatement")) ids_statement(obj);
    ids_context(json_object_get(s, "context"));
    ids_agent(json_object_get(s, "authority"));
}

/* ---- canonical ---- */

struct langs {
    char tag[MAX_LANGS][36];
    size_t n;
};

/* The Accept-Language tags in order of preference (q=0 and "*" dropped). */
static void langs_parse(const char *header, struct langs *l)
{
    double q[MAX_LANGS];
    l->n = 0;
    for (const char *p = header ? header : ""; *p && l->n < MAX_LANGS;) {
        p += strspn(p, " ,");
        size_t len = strcspn(p, ",");
        size_t tlen = strcspn(p, ";, ");
        const char *qs = memchr(p, ';', len);
        double weight = 1.0;
        if (qs) {
            const char *eq = strstr(qs, "q=");
            if (eq && eq < p + len) weight = strtod(eq + 2, NULL);
        }
        if (tlen && tlen < sizeof l->tag[0] && weight > 0 && !(tlen == 1 && *p == '*')) {
            size_t at = l->n++;
            while (at > 0 && q[at - 1] < weight) {   /* stable insertion by weight */
                memcpy(l->tag[at], l->tag[at - 1], sizeof l->tag[0]);
                q[at] = q[at - 1];
                at--;
            }
            memcpy(l->tag[at], p, tlen);
            l->tag[at][tlen] = '\0';
            q[at] = weight;
        }
        p += len;
    }
}

/* 1 when tag and key share their primary language subtag ("en-GB" and "en-US"). */
static int same_primary(const char *tag, const char *key)
{
    size_t a = strcspn(tag, "-"), b = strcspn(key, "-");
    return a == b && !strncasecmp(tag, key, a);
}

static void canonical_map(json_t *map, const struct langs *l)
{
    if (!json_is_object(map) || json_object_size(map) < 2) return;
    const char *key, *pick = NULL;
    json_t *v;
    for (size_t i = 0; i < l->n && !pick; i++)
        json_object_foreach(map, key, v) if (!pick && !strcasecmp(key, l->tag[i])) pick = key;
    for (size_t i = 0; i < l->n && !pick; i++)
        json_object_foreach(map, key, v) if (!pick && same_primary(l->tag[i], key)) pick = key;
    if (!pick) pick = json_object_iter_key(json_object_iter(map));
    char *keep = xstrdup(pick);
    json_t *value = json_incref(json_object_get(map, keep));
    json_object_clear(map);
    json_object_set_new(map, keep, value);
    free(keep);
}

/* What canonical needs: the client's languages and where canonical definitions come from. */
struct canon {
    struct langs langs;
    lrs_definition_fn definition;
    void *arg;
};

static void canonical_activity(json_t *a, const struct canon *k)
{
    const char *id = json_string_value(json_object_get(a, "id"));
    json_t *known = id && k->definition ? k->definition(k->arg, id) : NULL;
    if (known) json_object_set_new(a, "definition", known);
    const struct langs *l = &k->langs;
    json_t *def = json_object_get(a, "definition");
    if (!json_is_object(def)) return;
    canonical_map(json_object_get(def, "name"), l);
    canonical_map(json_object_get(def, "description"), l);
    static const char *const lists[] = {"choices", "scale", "source", "target", "steps"};
    for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
        json_t *list = json_object_get(def, lists[i]);
        for (size_t j = 0; j < json_array_size(list); j++)
            canonical_map(json_object_get(json_array_get(list, j), "description"), l);
    }
}

static void canonical_statement(json_t *s, const struct canon *k)
{
    const struct langs *l = &k->langs;
    canonical_map(json_object_get(json_object_get(s, "verb"), "display"), l);
    json_t *obj = json_object_get(s, "object");
    const char *type = json_string_value(json_object_get(obj, "objectType"));
    if (!type || !strcmp(type, "Activity")) canonical_activity(obj, k);
    else if (!strcmp(type, "SubStatement")) canonical_statement(obj, k);
    const char *key;
    json_t *list;
    json_object_foreach(json_object_get(json_object_get(s, "context"), "contextActivities"), key,
                        list) {
        for (size_t i = 0; i < json_array_size(list); i++)
            canonical_activity(json_array_get(list, i), k);
    }
    json_t *atts = json_object_get(s, "attachments");
    for (size_t i = 0; i < json_array_size(atts); i++) {
        canonical_map(json_object_get(json_array_get(atts, i), "display"), l);
        canonical_map(json_object_get(json_array_get(atts, i), "description"), l);
    }
}

void lrs_format_apply(json_t *stmt, enum lrs_format f, const char *accept_language,
                      lrs_definition_fn definition, void *arg)
{
    if (f == LRS_FORMAT_IDS) {
        ids_statement(stmt);
    } else if (f == LRS_FORMAT_CANONICAL) {
        struct canon k = {.definition = definition, .arg = arg};
        langs_parse(accept_language, &k.langs);
        canonical_statement(stmt, &k);
    }
}
