/* statements.c: prepares validated xAPI statements for the store: LRS-assigned properties,
 * query keys, the related agents/activities, and the canonical-form hash that decides whether
 * a statement sent again with a known id is "the same" (xAPI Data 2.3.1 comparison rules). */
#include "tracking/statements.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "server/buf.h"
#include "tracking/activities.h"

static const char *str_prop(const json_t *o, const char *name)
{
    return json_string_value(json_object_get(o, name));
}

static char *lowercase_dup(const char *s)
{
    char *p = xstrdup(s);
    for (char *c = p; *c; c++) *c = (char)tolower((unsigned char)*c);
    return p;
}

/* "mailto:Name@Example.COM" -> "mailto:Name@example.com": only the domain is case-insensitive. */
static char *mbox_normalize(const char *mbox)
{
    char *p = xstrdup(mbox);
    char *at = strrchr(p, '@');
    for (char *c = at ? at : p + strlen(p); *c; c++) *c = (char)tolower((unsigned char)*c);
    return p;
}

char *statements_agent_key(const json_t *agent)
{
    if (!json_is_object(agent)) return NULL;
    const char *v;
    if ((v = str_prop(agent, "mbox"))) {
        char *m = mbox_normalize(v);
        char *key = xasprintf("mbox:%s", m);
        free(m);
        return key;
    }
    if ((v = str_prop(agent, "mbox_sha1sum"))) {
        char *h = lowercase_dup(v);
        char *key = xasprintf("mbox_sha1sum:%s", h);
        free(h);
        return key;
    }
    if ((v = str_prop(agent, "openid"))) return xasprintf("openid:%s", v);
    const json_t *acc = json_object_get(agent, "account");
    const char *home = str_prop(acc, "homePage"), *name = str_prop(acc, "name");
    /* '|' cannot appear unescaped in an IRL, so the key is unambiguous. */
    if (home && name) return xasprintf("account:%s|%s", home, name);
    return NULL;
}

/* "YYYY-MM-DDTHH:MM:SS.mmmZ": fixed width, so these strings sort in time order. strftime's %Y
 * neither pads nor limits the year, so the year is written here and years outside 0000..9999
 * (which a timestamp's offset can reach) are refused. */
static int format_utc(time_t t, int ms, char out[32])
{
    struct tm u;
    if (!gmtime_r(&t, &u) || u.tm_year < -1900 || u.tm_year > 9999 - 1900) return -1;
    snprintf(out, 32, "%04d", u.tm_year + 1900);
    strftime(out + 4, 32 - 4, "-%m-%dT%H:%M:%S", &u);
    snprintf(out + 19, 32 - 19, ".%03uZ", (unsigned)ms % 1000);
    return 0;
}

int statements_timestamp_normalize(const char *in, char out[32])
{
    struct xapi_timestamp t;
    /* The ISO 8601 forms only: RFC 3339's space separator, which a statement may use, is left
     * as it was sent. */
    if (!in || (strlen(in) > 10 && in[10] == ' ') || xapi_parse_timestamp(in, &t) < 0) return -1;
    struct tm tm = {.tm_year = t.year - 1900, .tm_mon = t.month - 1, .tm_mday = t.day,
                    .tm_hour = t.hour, .tm_min = t.minute, .tm_sec = t.second};
    return format_utc(timegm(&tm) - t.offset_minutes * 60L, t.millis, out);
}

int64_t statements_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void statements_format_ms(int64_t ms, char out[32])
{
    format_utc((time_t)(ms / 1000), (int)(ms % 1000), out);
}

void statements_now(char out[32])
{
    statements_format_ms(statements_now_ms(), out);
}

/* The 16 bytes as 8-4-4-4-12 lowercase hex digits (as "%02x" writes them). */
static void format_uuid(const unsigned char b[16], char out[37])
{
    static const char hex[] = "0123456789abcdef";
    char *p = out;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) *p++ = '-';
        *p++ = hex[b[i] >> 4];
        *p++ = hex[b[i] & 15];
    }
    *p = '\0';
}

void statements_uuid4(char out[37])
{
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);  /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);  /* RFC 4122 variant */
    format_uuid(b, out);
}

void statements_uuid7(char out[37])
{
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    uint64_t ms = (uint64_t)statements_now_ms();
    for (int i = 0; i < 6; i++) b[i] = (unsigned char)(ms >> (40 - 8 * i));  /* big-endian */
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x70);  /* version 7 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);  /* RFC 4122 variant */
    format_uuid(b, out);
}

/* --- canonical form ------------------------------------------------------------------ */

static int member_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void canon_value(json_t *v);

/* Group members are an unordered list: sort them by their own canonical serialization. */
static void canon_members(json_t *arr)
{
    size_t n = json_array_size(arr);
    char **ser = xcalloc(n, sizeof *ser);
    for (size_t i = 0; i < n; i++) {
        canon_value(json_array_get(arr, i));
        ser[i] = json_dumps(json_array_get(arr, i), JSON_SORT_KEYS | JSON_COMPACT);
    }
    qsort(ser, n, sizeof *ser, member_cmp);
    json_array_clear(arr);
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(arr, json_loads(ser[i], 0, NULL));
        free(ser[i]);
    }
    free(ser);
}

/* Walks every object except extension values (free-form data that must compare as sent). */
static void canon_value(json_t *v)
{
    if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++) canon_value(json_array_get(v, i));
        return;
    }
    if (!json_is_object(v)) return;
    const char *type = str_prop(v, "objectType");
    if (type && (!strcmp(type, "Agent") || !strcmp(type, "Activity")))
        json_object_del(v, "objectType");
    if (str_prop(v, "mbox")) {
        char *m = mbox_normalize(str_prop(v, "mbox"));
        json_object_set_new(v, "mbox", json_string(m));
        free(m);
    }
    const char *key;
    json_t *child;
    void *tmp;
    json_object_foreach_safe(v, tmp, key, child) {
        if (!strcmp(key, "extensions")) continue;
        if (!strcmp(key, "member") && json_is_array(child)) canon_members(child);
        else canon_value(child);
    }
}

static void drop_activity_definition(json_t *obj)
{
    const char *type = str_prop(obj, "objectType");
    if (!type || !strcmp(type, "Activity")) json_object_del(obj, "definition");
}

static void drop_context_definitions(json_t *ctx)
{
    json_t *ca = json_object_get(ctx, "contextActivities");
    const char *key;
    json_t *list;
    json_object_foreach(ca, key, list) {
        for (size_t i = 0; i < json_array_size(list); i++)
            json_object_del(json_array_get(list, i), "definition");
    }
}

/* xAPI 2.0 4.2.7: digits of a duration beyond 0.01 s take no part in a comparison, and
 * neither do trailing zeros ("PT1.50S" is "PT1.5S"). */
static void truncate_duration(json_t *result)
{
    const char *d = str_prop(result, "duration");
    const char *dot = d ? strchr(d, '.') : NULL;
    if (!dot) return;
    size_t digits = strspn(dot + 1, "0123456789"), keep = digits < 2 ? digits : 2;
    while (keep && dot[keep] == '0') keep--;
    char *t = xasprintf("%.*s%s", (int)(dot - d + (keep ? (long)keep + 1 : 0)), d,
                        dot + 1 + digits);
    json_object_set_new(result, "duration", json_string(t));
    free(t);
}

/* Removes what xAPI lists as exceptions to immutability from one statement level. */
static void drop_exceptions(json_t *s)
{
    truncate_duration(json_object_get(s, "result"));
    json_object_del(json_object_get(s, "verb"), "display");
    json_t *obj = json_object_get(s, "object");
    drop_activity_definition(obj);
    drop_context_definitions(json_object_get(s, "context"));
    const char *type = str_prop(obj, "objectType");
    if (type && !strcmp(type, "SubStatement")) drop_exceptions(obj);
    const char *ts = str_prop(s, "timestamp");
    char norm[32];
    if (ts && statements_timestamp_normalize(ts, norm) == 0)
        json_object_set_new(s, "timestamp", json_string(norm));
}

static void context_activities_as_arrays(json_t *s);
static int is_activity_object(const json_t *obj);

/* v's objects and arrays copied, its strings, numbers and literals shared: what the hash
 * changes (drop_exceptions, canon_value) it changes in objects and arrays, replacing values,
 * never changing one. Half the values of a statement are not made again. */
static json_t *copy_structure(const json_t *v)
{
    if (json_is_object(v)) {
        json_t *c = json_object();
        const char *key;
        json_t *m;
        json_object_foreach((json_t *)v, key, m) json_object_set_new(c, key, copy_structure(m));
        return c;
    }
    if (!json_is_array(v)) return json_incref((json_t *)v);
    json_t *c = json_array();
    for (size_t i = 0; i < json_array_size(v); i++)
        json_array_append_new(c, copy_structure(json_array_get(v, i)));
    return c;
}

/* o's structure copied without its member "definition". */
static json_t *copy_without_definition(const json_t *o)
{
    json_t *c = json_object();
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)o, key, v)
        if (strcmp(key, "definition")) json_object_set_new(c, key, copy_structure(v));
    return c;
}

/* contextActivities with the definitions of its Activities left out (one Activity or a list,
 * as sent; context_activities_as_arrays makes lists of them after). */
static json_t *copy_context_activities(const json_t *ca)
{
    json_t *c = json_object();
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)ca, key, v) {
        json_t *copy = json_is_object(v) ? copy_without_definition(v)
                       : json_is_array(v) ? json_array() : copy_structure(v);
        for (size_t i = 0; json_is_array(v) && i < json_array_size(v); i++) {
            json_t *a = json_array_get(v, i);
            json_array_append_new(copy, json_is_object(a) ? copy_without_definition(a)
                                                          : copy_structure(a));
        }
        json_object_set_new(c, key, copy);
    }
    return c;
}

static json_t *copy_context(const json_t *ctx)
{
    json_t *c = json_object();
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)ctx, key, v)
        json_object_set_new(c, key, !strcmp(key, "contextActivities") && json_is_object(v)
                                    ? copy_context_activities(v) : copy_structure(v));
    return c;
}

/* What of stmt the hash reads: the members the LRS assigns left out, and the Activity
 * definitions (of the object and of the context activities) not copied only to be dropped by
 * drop_exceptions, since they are most of a statement such as a question's `answered`. The
 * rest, and a SubStatement whole, is copied as it is, so the hash stays what it was. */
static json_t *copy_for_hash(const json_t *stmt, int without_timestamp)
{
    static const char *const assigned[] = {"id", "stored", "authority", "version", "attachments"};
    json_t *c = json_object();
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)stmt, key, v) {
        size_t i = 0;
        while (i < sizeof assigned / sizeof *assigned && strcmp(key, assigned[i])) i++;
        if (i < sizeof assigned / sizeof *assigned) continue;
        if (without_timestamp && !strcmp(key, "timestamp")) continue;
        json_t *copy = !strcmp(key, "object") && json_is_object(v) && is_activity_object(v)
                       ? copy_without_definition(v)
                       : !strcmp(key, "context") && json_is_object(v) ? copy_context(v)
                                                                       : copy_structure(v);
        json_object_set_new(c, key, copy);
    }
    return c;
}

/* statements_content_hash, leaving out the timestamp when without_timestamp. */
static void content_hash(const json_t *stmt, int without_timestamp, char out[65])
{
    json_t *c = copy_for_hash(stmt, without_timestamp);
    context_activities_as_arrays(c);
    drop_exceptions(c);
    canon_value(c);
    char *ser = json_dumps(c, JSON_SORT_KEYS | JSON_COMPACT);
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)ser, strlen(ser));
    sodium_bin2hex(out, 65, h, sizeof h);
    free(ser);
    json_decref(c);
}

void statements_content_hash(const json_t *stmt, char out[65])
{
    content_hash(stmt, 0, out);
}

int statements_same_content(const char *stored, const struct store_statement *st)
{
    json_t *old = json_loads(stored, 0, NULL);
    if (!json_is_object(old)) {
        json_decref(old);
        return -1;
    }
    const char *ts = str_prop(old, "timestamp"), *at = str_prop(old, "stored");
    char a[65], b[65];
    content_hash(old, ts && at && !strcmp(ts, at), a);
    content_hash(st->stmt, st->timestamp_assigned, b);
    json_decref(old);
    return !strcmp(a, b);
}

/* --- preparation --------------------------------------------------------------------- */

/* xAPI 1.0.3 allows one Activity where an array is meant; the LRS returns arrays. */
static void context_activities_as_arrays(json_t *s)
{
    json_t *ca = json_object_get(json_object_get(s, "context"), "contextActivities");
    const char *key;
    json_t *v;
    void *tmp;
    json_object_foreach_safe(ca, tmp, key, v) {
        if (json_is_object(v)) {
            json_t *arr = json_array();
            json_array_append(arr, v);
            json_object_set_new(ca, key, arr);
        }
    }
    json_t *obj = json_object_get(s, "object");
    const char *type = str_prop(obj, "objectType");
    if (type && !strcmp(type, "SubStatement")) context_activities_as_arrays(obj);
}

static void add_related(struct store_statement *st, enum store_related_kind kind, const char *key)
{
    if (!key) return;
    for (size_t i = 0; i < st->nrelated; i++)
        if (st->related[i].kind == kind && !strcmp(st->related[i].key, key)) return;
    st->related = xrealloc(st->related, (st->nrelated + 1) * sizeof *st->related);
    st->related[st->nrelated].kind = kind;
    st->related[st->nrelated].key = xstrdup(key);
    st->nrelated++;
}

/* An Agent or Group and all its members. */
static void relate_agent(struct store_statement *st, const json_t *agent)
{
    char *key = statements_agent_key(agent);
    add_related(st, STORE_REL_AGENT, key);
    free(key);
    const json_t *members = json_object_get(agent, "member");
    for (size_t i = 0; i < json_array_size(members); i++)
        relate_agent(st, json_array_get(members, i));
}

static int is_agent_object(const json_t *obj)
{
    const char *type = str_prop(obj, "objectType");
    return type && (!strcmp(type, "Agent") || !strcmp(type, "Group"));
}

static int is_activity_object(const json_t *obj)
{
    const char *type = str_prop(obj, "objectType");
    return !type || !strcmp(type, "Activity");
}

/* actor, object, context agents and activities of a statement or SubStatement. */
static void relate_level(struct store_statement *st, const json_t *s)
{
    relate_agent(st, json_object_get(s, "actor"));
    const json_t *obj = json_object_get(s, "object");
    if (is_agent_object(obj)) relate_agent(st, obj);
    else if (is_activity_object(obj)) add_related(st, STORE_REL_ACTIVITY, str_prop(obj, "id"));
    const json_t *ctx = json_object_get(s, "context");
    relate_agent(st, json_object_get(ctx, "instructor"));
    relate_agent(st, json_object_get(ctx, "team"));
    /* xAPI 2.0 adds contextAgents [{agent}] and contextGroups [{group}]. */
    const json_t *list;
    size_t i;
    json_array_foreach(json_object_get(ctx, "contextAgents"), i, list)
        relate_agent(st, json_object_get(list, "agent"));
    json_array_foreach(json_object_get(ctx, "contextGroups"), i, list)
        relate_agent(st, json_object_get(list, "group"));
    const json_t *ca = json_object_get(ctx, "contextActivities");
    const char *key;
    json_t *acts;
    json_object_foreach((json_t *)ca, key, acts) {
        for (i = 0; i < json_array_size(acts); i++)
            add_related(st, STORE_REL_ACTIVITY, str_prop(json_array_get(acts, i), "id"));
    }
    const char *type = str_prop(obj, "objectType");
    if (type && !strcmp(type, "SubStatement")) relate_level(st, obj);
}

static int is_column_key(const struct store_statement *st, const struct store_related *rel)
{
    if (rel->kind == STORE_REL_ACTIVITY)
        return st->object_activity && !strcmp(rel->key, st->object_activity);
    return (st->actor_key && !strcmp(rel->key, st->actor_key)) ||
           (st->object_agent && !strcmp(rel->key, st->object_agent)) ||
           (st->authority_key && !strcmp(rel->key, st->authority_key));
}

/* The related rows need not repeat what the statement's own columns already index (actor,
 * object, authority): queries match those columns too. Fewer rows make a write touch fewer
 * index pages, which is most of the cost of storing one statement. */
static void drop_column_keys(struct store_statement *st)
{
    size_t kept = 0;
    for (size_t i = 0; i < st->nrelated; i++) {
        if (is_column_key(st, &st->related[i])) free(st->related[i].key);
        else st->related[kept++] = st->related[i];
    }
    st->nrelated = kept;
}

static void fill_keys(struct store_statement *st)
{
    const json_t *s = st->stmt, *obj = json_object_get(s, "object");
    st->actor_key = statements_agent_key(json_object_get(s, "actor"));
    st->verb_id = xstrdup(str_prop(json_object_get(s, "verb"), "id"));
    const char *type = str_prop(obj, "objectType");
    if (is_activity_object(obj)) st->object_activity = xstrdup(str_prop(obj, "id"));
    else if (is_agent_object(obj)) st->object_agent = statements_agent_key(obj);
    else if (!strcmp(type, "StatementRef")) st->object_ref = lowercase_dup(str_prop(obj, "id"));
    const char *reg = str_prop(json_object_get(s, "context"), "registration");
    if (reg) st->registration = lowercase_dup(reg);
    st->authority_key = statements_agent_key(json_object_get(s, "authority"));
    st->is_voiding = st->object_ref && !strcmp(st->verb_id, STATEMENTS_VERB_VOIDED);
    relate_level(st, s);
    relate_agent(st, json_object_get(s, "authority"));    drop_column_keys(st);
}

/* The prepared statement's own tree: new objects where preparing changes something (the
 * statement, its context and contextActivities, a SubStatement's too), the rest shared with in,
 * which nothing changes afterwards (jansson counts references atomically, so the group's writer
 * thread may hold them). A deep copy made every value again: a tenth of preparing a question's
 * answered statement, most of it its definition. */
static json_t *own_copy(const json_t *s)
{
    json_t *c = json_copy((json_t *)s), *ctx = json_object_get(c, "context");
    if (json_is_object(ctx)) {
        json_t *cc = json_copy(ctx), *ca = json_object_get(cc, "contextActivities");
        if (json_is_object(ca)) json_object_set_new(cc, "contextActivities", json_copy(ca));
        json_object_set_new(c, "context", cc);
    }
    const json_t *obj = json_object_get(c, "object");
    const char *type = str_prop(obj, "objectType");
    if (type && !strcmp(type, "SubStatement")) json_object_set_new(c, "object", own_copy(obj));
    return c;
}

int statements_prepare(const json_t *in, enum xapi_version v, const json_t *authority,
                       struct store_statement *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (!json_is_object(in) || !str_prop(json_object_get(in, "verb"), "id") ||
        !json_is_object(json_object_get(in, "object"))) {
        snprintf(err, errlen, "statement: not a validated statement");
        return -1;
    }
    out->stmt = own_copy(in);
    const char *id = str_prop(in, "id");
    if (id) {
        char *low = lowercase_dup(id);
        snprintf(out->id, sizeof out->id, "%s", low);
        free(low);
    } else {
        statements_uuid7(out->id);
    }
    json_object_set_new(out->stmt, "id", json_string(out->id));
    if (!json_object_get(in, "version"))
        json_object_set_new(out->stmt, "version", json_string(v == XAPI_2_0_0 ? "2.0.0" : "1.0.0"));
    context_activities_as_arrays(out->stmt);
    char now[32];
    statements_now(now);
    json_object_set_new(out->stmt, "stored", json_string(now));
    out->timestamp_assigned = !json_object_get(in, "timestamp");
    if (out->timestamp_assigned) json_object_set_new(out->stmt, "timestamp", json_string(now));
    if (authority) json_object_set_new(out->stmt, "authority", json_deep_copy(authority));
    fill_keys(out);
    return 0;
}

/* Where the value of the top-level member key begins in text, a JSON object as json_dumps
 * writes it (compact: only a key is followed by ':'), or 0 when there is none. strcspn jumps
 * from one bracket or quote to the next (and inside a string to its end), many bytes a step. */
static size_t member_value_at(const char *text, const char *key)
{
    static const char structure[] = "{}[]\"";
    size_t klen = strlen(key);
    int depth = 0;
    for (const char *p = text + strcspn(text, structure); *p; p += 1 + strcspn(p + 1, structure)) {
        if (*p != '"') {
            depth += *p == '{' || *p == '[' ? 1 : -1;
            continue;
        }
        const char *start = p + 1;
        for (p = start + strcspn(start, "\"\\"); *p == '\\'; p += 2 + strcspn(p + 2, "\"\\"))
            ;
        if (depth == 1 && p[1] == ':' && (size_t)(p - start) == klen && !memcmp(start, key, klen))
            return (size_t)(p + 2 - text);
    }
    return 0;
}

void statements_dump(struct store_statement *st)
{
    free(st->json);
    st->json = json_dumps(st->stmt, JSON_COMPACT);
    st->stored_at = st->json ? member_value_at(st->json, "stored") : 0;
    st->timestamp_at = st->json && st->timestamp_assigned ? member_value_at(st->json, "timestamp")
                                                          : 0;
    if (st->define_activities && !st->definitions)
        st->definitions = activities_definitions(st->stmt);
}

/* Writes the 24 characters of stamp over the string value that begins at json + at, when
 * that value is one of the same length; 0 when it is not (then json is made again). */
static int set_in_place(char *json, size_t at, const char *stamp)
{
    size_t n = strlen(stamp);
    if (!at || json[at] != '"' || strlen(json + at) < n + 2 || json[at + n + 1] != '"') return 0;
    memcpy(json + at + 1, stamp, n);
    return 1;
}

void statements_stamp(struct store_statement *st, const char *stored)
{
    json_object_set_new(st->stmt, "stored", json_string(stored));
    if (st->timestamp_assigned) json_object_set_new(st->stmt, "timestamp", json_string(stored));
    if (!st->json || !set_in_place(st->json, st->stored_at, stored) ||
        (st->timestamp_assigned && !set_in_place(st->json, st->timestamp_at, stored)))
        statements_dump(st);
}

void statements_clear(struct store_statement *st)
{
    json_decref(st->stmt);
    free(st->json);
    json_decref(st->definitions);
    free(st->actor_key);
    free(st->verb_id);
    free(st->object_activity);
    free(st->object_agent);
    free(st->object_ref);
    free(st->registration);
    free(st->authority_key);
    for (size_t i = 0; i < st->nrelated; i++) free(st->related[i].key);
    free(st->related);
    memset(st, 0, sizeof *st);
}

void statements_free_batch(struct store_statement *batch, size_t n)
{
    for (size_t i = 0; i < n; i++) statements_clear(&batch[i]);
    free(batch);
}
