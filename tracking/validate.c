/* validate.c: the xAPI data rules (1.0.3 and 2.0.0 Part Two) as a pure checker over a jansson
 * tree. Where the spec leaves room, the ADL LRS conformance suite decides. Every failure names
 * the offending field by its JSON path, e.g. "context.contextActivities.parent[0].id: ...". */
#include "tracking/validate.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

enum { PATHLEN = 256 };

struct vctx {
    enum xapi_version v;
    char *err;
    size_t errlen;
};

typedef int (*checker)(struct vctx *c, const json_t *v, const char *path);

static const char VOIDED_VERB[] = "http://adlnet.gov/expapi/verbs/voided";
static const char SIGNATURE_USAGE[] = "http://adlnet.gov/expapi/attachments/signature";

/* ---- messages and paths ---- */

__attribute__((format(printf, 3, 4)))
static int fail(struct vctx *c, const char *path, const char *fmt, ...)
{
    if (!c->errlen) return -1;
    int n = snprintf(c->err, c->errlen, "%s: ", *path ? path : "statement");
    if (n >= 0 && (size_t)n < c->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* A path too deep for PATHLEN ends in "..." so the message still shows it was cut. */
static const char *mark_cut(char out[PATHLEN], int n)
{
    if (n >= PATHLEN) memcpy(out + PATHLEN - 4, "...", 4);
    return out;
}

/* a, b and c one after the other in out (as snprintf "%s%s%s" writes them, cut to fit);
 * returns the length they have together. Paths are joined for every member checked, so this is
 * plain copying: snprintf took a tenth of validating a statement. */
static int concat(char out[PATHLEN], const char *a, const char *b, const char *c)
{
    const char *parts[] = {a, b, c};
    size_t n = 0;
    for (size_t i = 0; i < 3; i++) {
        size_t len = strlen(parts[i]), room = n < PATHLEN - 1 ? PATHLEN - 1 - n : 0;
        memcpy(out + (n < PATHLEN - 1 ? n : PATHLEN - 1), parts[i], len < room ? len : room);
        n += len;
    }
    out[n < PATHLEN - 1 ? n : PATHLEN - 1] = '\0';
    return (int)n;
}

static const char *join(char out[PATHLEN], const char *base, const char *key)
{
    return mark_cut(out, concat(out, base, *base ? "." : "", key));
}

static const char *join_index(char out[PATHLEN], const char *base, size_t i)
{
    char digits[24], *d = digits + sizeof digits;
    *--d = '\0';
    *--d = ']';
    do *--d = (char)('0' + i % 10); while (i /= 10);
    *--d = '[';
    return mark_cut(out, concat(out, base, d, ""));
}

/* Map keys that are not property names (language tags, extension IRIs) are quoted. */
static const char *join_key(char out[PATHLEN], const char *base, const char *key)
{
    char quoted[PATHLEN];
    concat(quoted, "[\"", key, "\"]");
    concat(out, base, quoted, "");
    return out;
}

/* ---- generic shape checks ---- */

static bool in_list(const char *s, const char *const list[])
{
    for (size_t i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0) return true;
    return false;
}

/* Rejects any key not in allowed: xAPI names are case-sensitive and extra properties are not
 * interoperable (conformance XAPI-00008). jansson's iterator takes a non-const object; it only
 * reads here. */
static int only_keys(struct vctx *c, const json_t *obj, const char *path,
                     const char *const allowed[])
{
    json_t *o = (json_t *)obj;
    for (void *it = json_object_iter(o); it; it = json_object_iter_next(o, it)) {
        const char *key = json_object_iter_key(it);
        char p[PATHLEN];
        if (!in_list(key, allowed)) return fail(c, join(p, path, key), "unknown property");
    }
    return 0;
}

static int need_object(struct vctx *c, const json_t *v, const char *path, const char *what)
{
    return json_is_object(v) ? 0 : fail(c, path, "must be %s", what);
}

static int opt(struct vctx *c, const json_t *obj, const char *path, const char *key, checker fn)
{
    const json_t *v = json_object_get(obj, key);
    char p[PATHLEN];
    return v ? fn(c, v, join(p, path, key)) : 0;
}

static int req(struct vctx *c, const json_t *obj, const char *path, const char *key, checker fn)
{
    const json_t *v = json_object_get(obj, key);
    char p[PATHLEN];
    join(p, path, key);
    return v ? fn(c, v, p) : fail(c, p, "is required");
}

/* objectType as a string, or NULL when absent; -1 in *rc when present but not a string. */
static const char *object_type(struct vctx *c, const json_t *obj, const char *path, int *rc)
{
    const json_t *t = json_object_get(obj, "objectType");
    char p[PATHLEN];
    *rc = 0;
    if (!t) return NULL;
    if (!json_is_string(t)) {
        *rc = fail(c, join(p, path, "objectType"), "must be a string");
        return NULL;
    }
    return json_string_value(t);
}

static int expect_type(struct vctx *c, const json_t *obj, const char *path, const char *want,
                       bool required)
{
    int rc;
    const char *t = object_type(c, obj, path, &rc);
    char p[PATHLEN];
    if (rc) return rc;
    if (!t) return required ? fail(c, join(p, path, "objectType"), "must be \"%s\"", want) : 0;
    return strcmp(t, want) == 0 ? 0 : fail(c, join(p, path, "objectType"), "must be \"%s\"", want);
}

/* ---- scalar checkers ---- */

static int check_string(struct vctx *c, const json_t *v, const char *path)
{
    return json_is_string(v) ? 0 : fail(c, path, "must be a string");
}

static int check_bool(struct vctx *c, const json_t *v, const char *path)
{
    return json_is_boolean(v) ? 0 : fail(c, path, "must be true or false (a JSON boolean)");
}

static int check_number(struct vctx *c, const json_t *v, const char *path)
{
    return json_is_number(v) ? 0 : fail(c, path, "must be a number");
}

static int check_iri(struct vctx *c, const json_t *v, const char *path)
{
    if (check_string(c, v, path)) return -1;
    return xapi_is_iri(json_string_value(v)) ? 0 : fail(c, path, "must be an absolute IRI");
}

static int check_uuid(struct vctx *c, const json_t *v, const char *path)
{
    if (check_string(c, v, path)) return -1;
    return xapi_is_uuid(json_string_value(v)) ? 0 : fail(c, path, "must be a UUID");
}

static int check_timestamp(struct vctx *c, const json_t *v, const char *path)
{
    if (check_string(c, v, path)) return -1;
    return xapi_is_timestamp(json_string_value(v))
               ? 0
               : fail(c, path, "must be an ISO 8601 timestamp with a time zone (not -00:00)");
}

static int check_duration(struct vctx *c, const json_t *v, const char *path)
{
    if (check_string(c, v, path)) return -1;
    return xapi_is_duration(json_string_value(v)) ? 0
                                                  : fail(c, path, "must be an ISO 8601 duration");
}

static int check_language(struct vctx *c, const json_t *v, const char *path)
{
    if (check_string(c, v, path)) return -1;
    /* Data 2.4.6 table 1 row 7 (every 1.0.x and 2.0.0): an RFC 5646 tag (XAPI-00013). */
    return xapi_is_language_tag(json_string_value(v))
               ? 0
               : fail(c, path, "must be an RFC 5646 language tag");
}

static int check_version(struct vctx *c, const json_t *v, const char *path)
{
    enum xapi_version sv;
    if (check_string(c, v, path)) return -1;
    bool known = xapi_parse_version(json_string_value(v), &sv) == 0;
    if (known && (sv == XAPI_1_0_3 || c->v == XAPI_2_0_0)) return 0;
    return fail(c, path, c->v == XAPI_1_0_3 ? "must be 1.0 or 1.0.x" : "must be 1.0.x or 2.0.x");
}

/* ---- maps ---- */

static int check_lang_map(struct vctx *c, const json_t *v, const char *path)
{
    json_t *o = (json_t *)v;
    if (need_object(c, v, path, "a language map (an object)")) return -1;
    /* Data 4.2: a language map has at least one entry (conformance, Data 4.2 languages). */
    if (!json_object_size(v)) return fail(c, path, "must hold at least one language");
    for (void *it = json_object_iter(o); it; it = json_object_iter_next(o, it)) {
        const char *key = json_object_iter_key(it);
        char p[PATHLEN];
        join_key(p, path, key);
        if (!xapi_is_language_tag(key)) return fail(c, p, "key must be an RFC 5646 language tag");
        if (!json_is_string(json_object_iter_value(it))) return fail(c, p, "must be a string");
    }
    return 0;
}

/* Extension values can be anything, null included (conformance XAPI-00001); only keys are
 * checked. */
static int check_extensions(struct vctx *c, const json_t *v, const char *path)
{
    json_t *o = (json_t *)v;
    if (need_object(c, v, path, "an object")) return -1;
    for (void *it = json_object_iter(o); it; it = json_object_iter_next(o, it)) {
        const char *key = json_object_iter_key(it);
        char p[PATHLEN];
        if (!xapi_is_iri(key)) return fail(c, join_key(p, path, key), "key must be an IRI");
    }
    return 0;
}

/* ---- agents and groups ---- */

static const char *const IFIS[] = {"mbox", "mbox_sha1sum", "openid", "account", NULL};

static int check_mbox(struct vctx *c, const json_t *v, const char *path)
{
    if (check_string(c, v, path)) return -1;
    const char *s = json_string_value(v);
    const char *at = strchr(s, '@');
    bool ok = strncmp(s, "mailto:", 7) == 0 && at && at > s + 7 && at[1] && !strchr(at + 1, '@') &&
              xapi_is_iri(s);
    return ok ? 0 : fail(c, path, "must be a mailto: IRI with an email address");
}

static int check_sha1sum(struct vctx *c, const json_t *v, const char *path)
{
    if (check_string(c, v, path)) return -1;
    const char *s = json_string_value(v);
    return strlen(s) == 40 && xapi_is_hex(s, 40) ? 0 : fail(c, path, "must be 40 hexadecimal digits");
}

static int check_account(struct vctx *c, const json_t *v, const char *path)
{
    static const char *const keys[] = {"homePage", "name", NULL};
    if (need_object(c, v, path, "an object") || only_keys(c, v, path, keys)) return -1;
    if (req(c, v, path, "homePage", check_iri)) return -1;
    return req(c, v, path, "name", check_string);
}

/* Counts the inverse functional identifiers and checks each; more than one is an error. */
static int check_ifis(struct vctx *c, const json_t *o, const char *path, int *count)
{
    static const checker fns[] = {check_mbox, check_sha1sum, check_iri, check_account};
    *count = 0;
    for (size_t i = 0; IFIS[i]; i++) {
        if (!json_object_get(o, IFIS[i])) continue;
        if (++*count > 1)
            return fail(c, path, "must have only one of mbox, mbox_sha1sum, openid, account");
        if (opt(c, o, path, IFIS[i], fns[i])) return -1;
    }
    return 0;
}

static int check_agent(struct vctx *c, const json_t *a, const char *path)
{
    static const char *const keys[] = {"objectType", "name", "mbox", "mbox_sha1sum", "openid",
                                       "account", NULL};
    int n;
    if (need_object(c, a, path, "an Agent object") || only_keys(c, a, path, keys)) return -1;
    if (expect_type(c, a, path, "Agent", false) || opt(c, a, path, "name", check_string)) return -1;
    if (check_ifis(c, a, path, &n)) return -1;
    return n ? 0 : fail(c, path, "an Agent needs one of mbox, mbox_sha1sum, openid, account");
}

static int check_members(struct vctx *c, const json_t *m, const char *path)
{
    size_t i;
    const json_t *a;
    char p[PATHLEN];
    if (!json_is_array(m)) return fail(c, path, "must be an array of Agents");
    json_array_foreach(m, i, a) {
        const char *t = json_string_value(json_object_get(a, "objectType"));
        join_index(p, path, i);
        if (t && strcmp(t, "Group") == 0)
            return fail(c, p, "must be an Agent (Groups cannot be members)");
        if (check_agent(c, a, p)) return -1;
    }
    return 0;
}

static int check_group(struct vctx *c, const json_t *g, const char *path)
{
    static const char *const keys[] = {"objectType", "name", "member", "mbox", "mbox_sha1sum",
                                       "openid", "account", NULL};
    int n;
    if (need_object(c, g, path, "a Group object") || only_keys(c, g, path, keys)) return -1;
    if (expect_type(c, g, path, "Group", true) || opt(c, g, path, "name", check_string)) return -1;
    if (check_ifis(c, g, path, &n) || opt(c, g, path, "member", check_members)) return -1;
    if (n) return 0;
    const json_t *m = json_object_get(g, "member");
    char p[PATHLEN];
    if (!m) return fail(c, join(p, path, "member"), "is required in an anonymous Group");
    join(p, path, "member");
    return json_array_size(m) ? 0 : fail(c, p, "must list the Group's Agents");
}

/* An Agent (objectType absent or "Agent") or a Group (objectType "Group"). */
static int check_actor(struct vctx *c, const json_t *a, const char *path)
{
    int rc;
    char p[PATHLEN];
    if (need_object(c, a, path, "an Agent or Group object")) return -1;
    const char *t = object_type(c, a, path, &rc);
    if (rc) return rc;
    if (!t || strcmp(t, "Agent") == 0) return check_agent(c, a, path);
    if (strcmp(t, "Group") == 0) return check_group(c, a, path);
    return fail(c, join(p, path, "objectType"), "must be \"Agent\" or \"Group\"");
}

/* An Agent, or for 3-legged OAuth an anonymous Group of exactly two Agents (Data 2.4.9). */
static int check_authority(struct vctx *c, const json_t *a, const char *path)
{
    int rc, n;
    if (check_actor(c, a, path)) return -1;
    const char *t = object_type(c, a, path, &rc);
    if (!t || strcmp(t, "Group") != 0) return 0;
    if (check_ifis(c, a, path, &n)) return -1;
    if (n) return fail(c, path, "a Group authority must be anonymous (OAuth consumer and user)");
    char p[PATHLEN];
    return json_array_size(json_object_get(a, "member")) == 2
               ? 0
               : fail(c, join(p, path, "member"), "must hold exactly two Agents in an authority");
}

/* ---- verb ---- */

static int check_verb(struct vctx *c, const json_t *v, const char *path)
{
    static const char *const keys[] = {"id", "display", NULL};
    if (need_object(c, v, path, "a Verb object") || only_keys(c, v, path, keys)) return -1;
    if (req(c, v, path, "id", check_iri)) return -1;
    return opt(c, v, path, "display", check_lang_map);
}

/* ---- activities ---- */

struct interaction {
    const char *type;
    const char *lists[3]; /* the interaction component lists this type may carry */
};

static const struct interaction INTERACTIONS[] = {
    {"true-false", {NULL}},       {"choice", {"choices", NULL}},
    {"fill-in", {NULL}},          {"long-fill-in", {NULL}},
    {"matching", {"source", "target", NULL}},
    {"performance", {"steps", NULL}},
    {"sequencing", {"choices", NULL}},
    {"likert", {"scale", NULL}},  {"numeric", {NULL}},
    {"other", {NULL}},
};

static const char *const COMPONENT_LISTS[] = {"choices", "scale", "source", "target", "steps",
                                               NULL};

static int check_component(struct vctx *c, const json_t *v, const char *path)
{
    static const char *const keys[] = {"id", "description", NULL};
    if (need_object(c, v, path, "an interaction component object") || only_keys(c, v, path, keys))
        return -1;
    if (req(c, v, path, "id", check_string)) return -1;
    return opt(c, v, path, "description", check_lang_map);
}

static int check_component_list(struct vctx *c, const json_t *list, const char *path)
{
    size_t i, j;
    const json_t *item;
    char p[PATHLEN];
    if (!json_is_array(list)) return fail(c, path, "must be an array of interaction components");
    json_array_foreach(list, i, item) {
        if (check_component(c, item, join_index(p, path, i))) return -1;
        const char *id = json_string_value(json_object_get(item, "id"));
        for (j = 0; j < i; j++) {
            const char *prev = json_string_value(json_object_get(json_array_get(list, j), "id"));
            char q[PATHLEN];
            if (strcmp(id, prev) == 0) return fail(c, join(q, p, "id"), "repeats id \"%s\"", id);
        }
    }
    return 0;
}

static int check_string_array(struct vctx *c, const json_t *v, const char *path)
{
    size_t i;
    const json_t *s;
    char p[PATHLEN];
    if (!json_is_array(v)) return fail(c, path, "must be an array of strings");
    json_array_foreach(v, i, s)
        if (!json_is_string(s)) return fail(c, join_index(p, path, i), "must be a string");
    return 0;
}

static const struct interaction *find_interaction(const char *type)
{
    for (size_t i = 0; i < sizeof INTERACTIONS / sizeof *INTERACTIONS; i++)
        if (strcmp(INTERACTIONS[i].type, type) == 0) return &INTERACTIONS[i];
    return NULL;
}

/* interactionType must be one of the ten (exact case); the response pattern and the component
 * lists only make sense with it, and each list only with its own types (Data 2.4.4.1.s15). */
static int check_interaction(struct vctx *c, const json_t *def, const char *path)
{
    const json_t *t = json_object_get(def, "interactionType");
    const struct interaction *it = NULL;
    char p[PATHLEN];
    if (t) {
        join(p, path, "interactionType");
        if (check_string(c, t, p)) return -1;
        it = find_interaction(json_string_value(t));
        if (!it) return fail(c, p, "\"%s\" is not an xAPI interaction type", json_string_value(t));
    }
    if (json_object_get(def, "correctResponsesPattern") && !it)
        return fail(c, join(p, path, "correctResponsesPattern"), "needs an interactionType");
    if (opt(c, def, path, "correctResponsesPattern", check_string_array)) return -1;
    for (size_t i = 0; COMPONENT_LISTS[i]; i++) {
        const char *name = COMPONENT_LISTS[i];
        if (!json_object_get(def, name)) continue;
        join(p, path, name);
        if (!it) return fail(c, p, "needs an interactionType");
        if (!in_list(name, it->lists))
            return fail(c, p, "is not allowed with interactionType \"%s\"", it->type);
        if (opt(c, def, path, name, check_component_list)) return -1;
    }
    return 0;
}

static int check_definition(struct vctx *c, const json_t *d, const char *path)
{
    static const char *const keys[] = {"name", "description", "type", "moreInfo", "extensions",
                                       "interactionType", "correctResponsesPattern", "choices",
                                       "scale", "source", "target", "steps", NULL};
    if (need_object(c, d, path, "an object") || only_keys(c, d, path, keys)) return -1;
    if (opt(c, d, path, "name", check_lang_map) || opt(c, d, path, "description", check_lang_map))
        return -1;
    if (opt(c, d, path, "type", check_iri) || opt(c, d, path, "moreInfo", check_iri)) return -1;
    if (opt(c, d, path, "extensions", check_extensions)) return -1;
    return check_interaction(c, d, path);
}

static int check_activity(struct vctx *c, const json_t *a, const char *path)
{
    static const char *const keys[] = {"objectType", "id", "definition", NULL};
    if (need_object(c, a, path, "an Activity object") || only_keys(c, a, path, keys)) return -1;
    if (expect_type(c, a, path, "Activity", false) || req(c, a, path, "id", check_iri)) return -1;
    return opt(c, a, path, "definition", check_definition);
}

static int check_statement_ref(struct vctx *c, const json_t *r, const char *path)
{
    static const char *const keys[] = {"objectType", "id", NULL};
    if (need_object(c, r, path, "a StatementRef object") || only_keys(c, r, path, keys)) return -1;
    if (expect_type(c, r, path, "StatementRef", true)) return -1;
    return req(c, r, path, "id", check_uuid);
}

/* ---- result ---- */

static int check_score(struct vctx *c, const json_t *s, const char *path)
{
    static const char *const keys[] = {"scaled", "raw", "min", "max", NULL};
    if (need_object(c, s, path, "an object") || only_keys(c, s, path, keys)) return -1;
    for (size_t i = 0; keys[i]; i++)
        if (opt(c, s, path, keys[i], check_number)) return -1;
    const json_t *scaled = json_object_get(s, "scaled"), *raw = json_object_get(s, "raw");
    const json_t *min = json_object_get(s, "min"), *max = json_object_get(s, "max");
    char p[PATHLEN];
    if (scaled && (json_number_value(scaled) < -1 || json_number_value(scaled) > 1))
        return fail(c, join(p, path, "scaled"), "must be between -1 and 1");
    if (min && max && json_number_value(min) >= json_number_value(max))
        return fail(c, join(p, path, "min"), "must be less than max");
    if (raw && min && json_number_value(raw) < json_number_value(min))
        return fail(c, join(p, path, "raw"), "must not be less than min");
    if (raw && max && json_number_value(raw) > json_number_value(max))
        return fail(c, join(p, path, "raw"), "must not be greater than max");
    return 0;
}

static int check_result(struct vctx *c, const json_t *r, const char *path)
{
    static const char *const keys[] = {"score", "success", "completion", "response", "duration",
                                       "extensions", NULL};
    if (need_object(c, r, path, "an object") || only_keys(c, r, path, keys)) return -1;
    if (opt(c, r, path, "score", check_score) || opt(c, r, path, "success", check_bool)) return -1;
    if (opt(c, r, path, "completion", check_bool) || opt(c, r, path, "response", check_string))
        return -1;
    if (opt(c, r, path, "duration", check_duration)) return -1;
    return opt(c, r, path, "extensions", check_extensions);
}

/* ---- context ---- */

static int check_context_activity_list(struct vctx *c, const json_t *v, const char *path)
{
    size_t i;
    const json_t *a;
    char p[PATHLEN];
    /* A single Activity is accepted for 0.95 compatibility (Data 2.4.6.2). */
    if (json_is_object(v)) return check_activity(c, v, path);
    if (!json_is_array(v)) return fail(c, path, "must be an Activity or an array of Activities");
    json_array_foreach(v, i, a)
        if (check_activity(c, a, join_index(p, path, i))) return -1;
    return 0;
}

static int check_context_activities(struct vctx *c, const json_t *ca, const char *path)
{
    static const char *const keys[] = {"parent", "grouping", "category", "other", NULL};
    if (need_object(c, ca, path, "an object") || only_keys(c, ca, path, keys)) return -1;
    /* Conformance 4.1.6.2.b: when present it holds at least one of the four lists. */
    if (!json_object_size(ca)) return fail(c, path, "must not be empty");
    for (size_t i = 0; keys[i]; i++)
        if (opt(c, ca, path, keys[i], check_context_activity_list)) return -1;
    return 0;
}

static int check_relevant_types(struct vctx *c, const json_t *v, const char *path)
{
    size_t i;
    const json_t *t;
    char p[PATHLEN];
    if (!json_is_array(v) || !json_array_size(v))
        return fail(c, path, "must be a non-empty array of IRIs");
    json_array_foreach(v, i, t)
        if (check_iri(c, t, join_index(p, path, i))) return -1;
    return 0;
}

static int check_plain_agent(struct vctx *c, const json_t *a, const char *path)
{
    int rc;
    if (need_object(c, a, path, "an Agent object")) return -1;
    const char *t = object_type(c, a, path, &rc);
    if (t && strcmp(t, "Group") == 0) return fail(c, path, "must be an Agent, not a Group");
    return rc ? rc : check_agent(c, a, path);
}

/* contextAgents/contextGroups (2.0.0): arrays of {objectType, agent|group, relevantTypes}. */
static int check_context_entries(struct vctx *c, const json_t *v, const char *path,
                                 const char *type, const char *member, checker fn)
{
    const char *const keys[] = {"objectType", member, "relevantTypes", NULL};
    size_t i;
    const json_t *e;
    char p[PATHLEN];
    if (!json_is_array(v)) return fail(c, path, "must be an array of %s objects", type);
    json_array_foreach(v, i, e) {
        join_index(p, path, i);
        if (need_object(c, e, p, "an object") || only_keys(c, e, p, keys)) return -1;
        if (expect_type(c, e, p, type, true) || req(c, e, p, member, fn)) return -1;
        if (opt(c, e, p, "relevantTypes", check_relevant_types)) return -1;
    }
    return 0;
}

static int check_context_agents(struct vctx *c, const json_t *v, const char *path)
{
    return check_context_entries(c, v, path, "contextAgent", "agent", check_plain_agent);
}

static int check_context_groups(struct vctx *c, const json_t *v, const char *path)
{
    return check_context_entries(c, v, path, "contextGroup", "group", check_group);
}

static int check_context(struct vctx *c, const json_t *ctx, const char *path,
                         bool object_is_activity)
{
    static const char *const keys_1[] = {"registration", "instructor", "team", "contextActivities",
                                         "revision", "platform", "language", "statement",
                                         "extensions", NULL};
    static const char *const keys_2[] = {"registration", "instructor", "team", "contextActivities",
                                         "revision", "platform", "language", "statement",
                                         "extensions", "contextAgents", "contextGroups", NULL};
    char p[PATHLEN];
    if (need_object(c, ctx, path, "an object")) return -1;
    if (only_keys(c, ctx, path, c->v == XAPI_2_0_0 ? keys_2 : keys_1)) return -1;
    if (opt(c, ctx, path, "registration", check_uuid)) return -1;
    if (opt(c, ctx, path, "instructor", check_actor)) return -1;
    if (opt(c, ctx, path, "team", check_group)) return -1;
    if (opt(c, ctx, path, "contextActivities", check_context_activities)) return -1;
    if (opt(c, ctx, path, "revision", check_string) || opt(c, ctx, path, "platform", check_string))
        return -1;
    /* Data 2.4.6.s4: revision and platform only describe an Activity. */
    if (!object_is_activity && json_object_get(ctx, "revision"))
        return fail(c, join(p, path, "revision"), "is only allowed when the object is an Activity");
    if (!object_is_activity && json_object_get(ctx, "platform"))
        return fail(c, join(p, path, "platform"), "is only allowed when the object is an Activity");
    if (opt(c, ctx, path, "language", check_language)) return -1;
    if (opt(c, ctx, path, "statement", check_statement_ref)) return -1;
    if (opt(c, ctx, path, "extensions", check_extensions)) return -1;
    if (opt(c, ctx, path, "contextAgents", check_context_agents)) return -1;
    return opt(c, ctx, path, "contextGroups", check_context_groups);
}

/* ---- attachments ---- */

static int check_content_type(struct vctx *c, const json_t *v, const char *path)
{
    if (check_string(c, v, path)) return -1;
    const char *s = json_string_value(v), *slash = strchr(s, '/');
    return slash && slash > s && slash[1] && slash[1] != ';' && !strchr(s, '\n')
               ? 0
               : fail(c, path, "must be an Internet media type such as \"text/plain\"");
}

static int check_length(struct vctx *c, const json_t *v, const char *path)
{
    return json_is_integer(v) && json_integer_value(v) >= 0
               ? 0
               : fail(c, path, "must be a non-negative integer");
}

static int check_sha2(struct vctx *c, const json_t *v, const char *path)
{
    if (check_string(c, v, path)) return -1;
    const char *s = json_string_value(v);
    size_t n = strlen(s);
    bool ok = (n == 56 || n == 64 || n == 96 || n == 128) && xapi_is_hex(s, n);
    return ok ? 0 : fail(c, path, "must be a hex SHA-2 hash (224, 256, 384 or 512 bits)");
}

static int check_attachment(struct vctx *c, const json_t *a, const char *path)
{
    static const char *const keys[] = {"usageType", "display", "description", "contentType",
                                       "length", "sha2", "fileUrl", NULL};
    char p[PATHLEN];
    if (need_object(c, a, path, "an Attachment object") || only_keys(c, a, path, keys)) return -1;
    if (req(c, a, path, "usageType", check_iri) || req(c, a, path, "display", check_lang_map))
        return -1;
    if (opt(c, a, path, "description", check_lang_map)) return -1;
    if (req(c, a, path, "contentType", check_content_type)) return -1;
    if (req(c, a, path, "length", check_length)) return -1;
    if (req(c, a, path, "sha2", check_sha2) || opt(c, a, path, "fileUrl", check_iri)) return -1;
    /* Data 2.6.s4.b1: a JWS signature travels as application/octet-stream. */
    const char *usage = json_string_value(json_object_get(a, "usageType"));
    const char *type = json_string_value(json_object_get(a, "contentType"));
    if (strcmp(usage, SIGNATURE_USAGE) == 0 && strcmp(type, "application/octet-stream") != 0)
        return fail(c, join(p, path, "contentType"),
                    "must be application/octet-stream for a signature");
    return 0;
}

static int check_attachments(struct vctx *c, const json_t *v, const char *path)
{
    size_t i;
    const json_t *a;
    char p[PATHLEN];
    if (!json_is_array(v)) return fail(c, path, "must be an array of Attachment objects");
    json_array_foreach(v, i, a)
        if (check_attachment(c, a, join_index(p, path, i))) return -1;
    return 0;
}

/* ---- statements ---- */

static int check_substatement(struct vctx *c, const json_t *s, const char *path);

/* The statement's object, dispatched on objectType (absent means Activity, Data 2.4.4). */
static int check_object(struct vctx *c, const json_t *o, const char *path, bool in_substatement)
{
    int rc;
    char p[PATHLEN];
    if (need_object(c, o, path, "an object")) return -1;
    const char *t = object_type(c, o, path, &rc);
    if (rc) return rc;
    if (!t || strcmp(t, "Activity") == 0) return check_activity(c, o, path);
    if (strcmp(t, "Agent") == 0 || strcmp(t, "Group") == 0) return check_actor(c, o, path);
    if (strcmp(t, "StatementRef") == 0) return check_statement_ref(c, o, path);
    if (strcmp(t, "SubStatement") == 0 && in_substatement)
        return fail(c, join(p, path, "objectType"), "a SubStatement cannot contain a SubStatement");
    if (strcmp(t, "SubStatement") == 0) return check_substatement(c, o, path);
    return fail(c, join(p, path, "objectType"),
                "must be Activity, Agent, Group, StatementRef or SubStatement");
}

static int check_object_top(struct vctx *c, const json_t *o, const char *path)
{
    return check_object(c, o, path, false);
}

static int check_object_sub(struct vctx *c, const json_t *o, const char *path)
{
    return check_object(c, o, path, true);
}

static bool is_activity(const json_t *o)
{
    const char *t = json_string_value(json_object_get(o, "objectType"));
    return !t || strcmp(t, "Activity") == 0;
}

/* The parts a Statement and a SubStatement share: actor, verb, object, result, context,
 * timestamp, attachments. */
static int check_core(struct vctx *c, const json_t *s, const char *path, bool sub)
{
    char p[PATHLEN];
    if (req(c, s, path, "actor", check_actor) || req(c, s, path, "verb", check_verb)) return -1;
    if (req(c, s, path, "object", sub ? check_object_sub : check_object_top)) return -1;
    const json_t *object = json_object_get(s, "object");
    const char *verb = json_string_value(json_object_get(json_object_get(s, "verb"), "id"));
    /* Data 2.3.2: a voiding statement points at the voided one by StatementRef. */
    const char *type = json_string_value(json_object_get(object, "objectType"));
    if (strcmp(verb, VOIDED_VERB) == 0 && !(type && strcmp(type, "StatementRef") == 0))
        return fail(c, join(p, path, "object"), "must be a StatementRef when the verb is voided");
    if (opt(c, s, path, "result", check_result)) return -1;
    const json_t *ctx = json_object_get(s, "context");
    if (ctx && check_context(c, ctx, join(p, path, "context"), is_activity(object))) return -1;
    if (opt(c, s, path, "timestamp", check_timestamp)) return -1;
    return opt(c, s, path, "attachments", check_attachments);
}

static int check_substatement(struct vctx *c, const json_t *s, const char *path)
{
    static const char *const keys[] = {"objectType", "actor", "verb", "object", "result",
                                       "context", "timestamp", "attachments", NULL};
    static const char *const forbidden[] = {"id", "stored", "version", "authority", NULL};
    char p[PATHLEN];
    if (need_object(c, s, path, "a SubStatement object")) return -1;
    for (size_t i = 0; forbidden[i]; i++)
        if (json_object_get(s, forbidden[i]))
            return fail(c, join(p, path, forbidden[i]), "is not allowed in a SubStatement");
    if (only_keys(c, s, path, keys) || expect_type(c, s, path, "SubStatement", true)) return -1;
    return check_core(c, s, path, true);
}

static int check_statement(struct vctx *c, const json_t *s)
{
    static const char *const keys[] = {"id", "actor", "verb", "object", "result", "context",
                                       "timestamp", "stored", "authority", "version",
                                       "attachments", NULL};
    if (need_object(c, s, "", "a JSON object")) return -1;
    if (only_keys(c, s, "", keys) || opt(c, s, "", "id", check_uuid)) return -1;
    if (check_core(c, s, "", false)) return -1;
    if (opt(c, s, "", "stored", check_timestamp) || opt(c, s, "", "authority", check_authority))
        return -1;
    return opt(c, s, "", "version", check_version);
}

/* ---- public entry points ---- */

static struct vctx start(enum xapi_version v, char *err, size_t errlen)
{
    if (errlen) err[0] = '\0';
    return (struct vctx){v, err, errlen};
}

int xapi_validate_statement(const json_t *stmt, enum xapi_version v, char *err, size_t errlen)
{
    struct vctx c = start(v, err, errlen);
    return check_statement(&c, stmt);
}

int xapi_validate_substatement(const json_t *sub, enum xapi_version v, char *err, size_t errlen)
{
    struct vctx c = start(v, err, errlen);
    return check_substatement(&c, sub, "");
}

int xapi_validate_agent(const json_t *agent, enum xapi_version v, const char *path, char *err,
                        size_t errlen)
{
    struct vctx c = start(v, err, errlen);
    return check_actor(&c, agent, path && *path ? path : "agent");
}
