/* scorm_manifest.c: the SCORM Content Aggregation Model as far as Stepwise uses it: the version
 * (1.2, 2004 2nd/3rd/4th Edition), the default organization's items, their resources and launch
 * addresses, the per-item settings the runtime needs, and (2004) the sequencing rules kept as
 * JSON. Any address that leaves the package, and any launch file it lacks, is an error. */
#include "content/scorm_manifest.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "content/scorm_xml.h"
#include "server/buf.h"

struct reader {
    const char *file;
    struct diag_list *diags;
    scorm_has_file has_file;
    void *ctx;
    int v2004;
    size_t errors;          /* errors in diags before this manifest */
    xmlNodePtr resources;
    xmlNodePtr *sorted;     /* the resources with an identifier, by identifier */
    size_t nsorted;
    char *base;             /* xml:base of the manifest and its resources element, joined */
    json_t *out, *items, *unsupported;
};

static void manifest_report(struct reader *r, enum diag_severity sev, xmlNodePtr at, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void manifest_report(struct reader *r, enum diag_severity sev, xmlNodePtr at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vadd(r->diags, sev, r->file, at ? (int)xmlGetLineNo(at) : 0, 0, fmt, ap);
    va_end(ap);
    const struct diag *d = &r->diags->items[r->diags->len - 1];
    if (sev == DIAG_WARNING) json_array_append_new(r->unsupported, json_string(d->message));
}

static void set_text(json_t *o, const char *key, xmlNodePtr node)
{
    char *text = scorm_xml_text(node);
    if (*text) json_object_set_new(o, key, json_string(text));
    free(text);
}

/* Reads the element's text (or attribute, when attr is given) as a number in [min, max] into
 * o[key]; a missing value is fine, a bad one is an error. */
static void set_number(struct reader *r, json_t *o, const char *key, xmlNodePtr node,
                       const char *attr, double min, double max, const char *what)
{
    if (!node) return;
    char *text = attr ? xstrdup(scorm_xml_attr(node, attr) ? scorm_xml_attr(node, attr) : "")
                      : scorm_xml_text(node);
    char *end;
    double v = strtod(text, &end);
    if (!*text) goto done;
    if (end == text || *end || !(v >= min && v <= max))
        manifest_report(r, DIAG_ERROR, node, "%s \"%s\" is not a number from %g to %g", what, text, min,
               max);
    else
        json_object_set_new(o, key, json_real(v));
done:
    free(text);
}

static int detect_version(struct reader *r, xmlNodePtr root)
{
    char *sv = scorm_xml_text(scorm_xml_child(scorm_xml_child(root, "metadata"), "schemaversion"));
    int v12_ns = 0, v2004_ns = 0;
    for (xmlNsPtr ns = root->nsDef; ns; ns = ns->next) {
        const char *href = (const char *)ns->href;
        v12_ns |= strstr(href, "adlcp_rootv1p2") != NULL ||
                  strstr(href, "imscp_rootv1p1p2") != NULL;
        v2004_ns |= strstr(href, "adlcp_v1p3") != NULL || strstr(href, "imsss") != NULL;
    }
    const char *version = NULL;
    if (!strcmp(sv, "1.2")) version = "1.2";
    else if (!strcmp(sv, "CAM 1.3")) version = "2004 2nd Edition";
    else if (!strcasecmp(sv, "2004 3rd Edition")) version = "2004 3rd Edition";
    else if (!strcasecmp(sv, "2004 4th Edition")) version = "2004 4th Edition";
    else if (*sv)
        manifest_report(r, DIAG_ERROR, root, "metadata/schemaversion \"%s\" is not a SCORM version Stepwise "
               "reads (1.2, CAM 1.3, 2004 3rd Edition, 2004 4th Edition)", sv);
    else if (v2004_ns || v12_ns) {
        version = v2004_ns ? "2004 4th Edition" : "1.2";
        diag_add(r->diags, DIAG_WARNING, r->file, (int)xmlGetLineNo(root), 0, "the manifest has no "
                 "metadata/schemaversion; read as SCORM %s from its namespaces", version);
    } else
        manifest_report(r, DIAG_ERROR, root, "this is not a SCORM manifest: it has no "
               "metadata/schemaversion and no SCORM (adlcp) namespace");
    free(sv);
    if (!version) return -1;
    r->v2004 = version[0] == '2';
    json_object_set_new(r->out, "scorm", json_string(version));
    return 0;
}

/* href's path (query and fragment cut off) with percent-escapes decoded, or NULL when it holds
 * a NUL or a backslash once decoded. Decoding comes first, so "%2e%2e" is folded as "..". */
static char *decode_path(const char *href, size_t n)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "");
    for (size_t k = 0; k < n; k++) {
        char c = href[k];
        if (c == '%' && k + 2 < n && isxdigit((unsigned char)href[k + 1]) &&
            isxdigit((unsigned char)href[k + 2])) {
            char hex[3] = {href[k + 1], href[k + 2], '\0'};
            c = (char)strtol(hex, NULL, 16);
            k += 2;
        }
        if (c == '\0' || c == '\\') {
            buf_free(&b);
            return NULL;
        }
        buf_putc(&b, c);
    }
    return buf_detach(&b, NULL);
}

/* The package path of a resource address: decoded, "." and ".." folded; NULL when it leaves
 * the package (a scheme such as https:, an absolute path, ".." above the top). */
static char *package_path(const char *href)
{
    size_t n = strcspn(href, "?#");
    if (!n || memchr(href, ':', strcspn(href, "/?#"))) return NULL;
    char *path = decode_path(href, n);
    if (!path || path[0] == '/') {
        free(path);
        return NULL;
    }
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "");
    for (char *seg = path, *next; seg; seg = next) {
        next = strchr(seg, '/');
        if (next) *next++ = '\0';
        if (!strcmp(seg, "..")) {
            if (!b.len) goto outside;
            while (b.len && b.data[b.len - 1] != '/') b.len--;
            if (b.len) b.len--;
            b.data[b.len] = '\0';
        } else if (*seg && strcmp(seg, ".")) {
            if (b.len) buf_putc(&b, '/');
            buf_puts(&b, seg);
        }
    }
    free(path);
    if (b.len) return buf_detach(&b, NULL);
    buf_free(&b);
    return NULL;
outside:
    free(path);
    buf_free(&b);
    return NULL;
}

/* The launch address: href with the item's parameters joined as SCORM CAM 2004 says (a
 * "#fragment" only when href has none; otherwise "?" or "&" and the pairs). */
static char *join_parameters(const char *href, const char *params)
{
    if (!params || !*params) return xstrdup(href);
    if (params[0] == '#')
        return strchr(href, '#') ? xstrdup(href) : xasprintf("%s%s", href, params);
    while (*params == '?' || *params == '&') params++;
    return xasprintf("%s%c%s", href, strchr(href, '?') ? '&' : '?', params);
}

static int by_identifier(const void *a, const void *b)
{
    return strcmp(scorm_xml_attr(*(xmlNodePtr const *)a, "identifier"),
                  scorm_xml_attr(*(xmlNodePtr const *)b, "identifier"));
}

/* Sorts the resources that have an identifier, so each item finds its own in log time: a
 * manifest of many items and resources costs no more than its length. */
static void index_resources(struct reader *r)
{
    size_t cap = 0;
    xmlNodePtr res = scorm_xml_child(r->resources, "resource");
    for (; res; res = scorm_xml_next(res)) {
        if (!scorm_xml_attr(res, "identifier")) continue;
        if (r->nsorted == cap)
            r->sorted = xrealloc(r->sorted, (cap = cap ? cap * 2 : 16) * sizeof *r->sorted);
        r->sorted[r->nsorted++] = res;
    }
    if (r->nsorted) qsort(r->sorted, r->nsorted, sizeof *r->sorted, by_identifier);
}

static xmlNodePtr find_resource(struct reader *r, const char *id)
{
    size_t lo = 0, hi = r->nsorted;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(id, scorm_xml_attr(r->sorted[mid], "identifier"));
        if (!c) return r->sorted[mid];
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

static void read_launch(struct reader *r, xmlNodePtr item, const char *item_id, json_t *o)
{
    const char *ref = scorm_xml_attr(item, "identifierref");
    xmlNodePtr res = find_resource(r, ref);
    if (!res) {
        manifest_report(r, DIAG_ERROR, item, "item \"%s\" names resource \"%s\", which the manifest "
               "does not have", item_id, ref);
        return;
    }
    const char *href = scorm_xml_attr(res, "href");
    if (!href || !*href) {
        manifest_report(r, DIAG_ERROR, res, "resource \"%s\" has no href, so item \"%s\" cannot be launched",
               ref, item_id);
        return;
    }
    const char *type = scorm_xml_attr(res, r->v2004 ? "scormType" : "scormtype");
    const char *res_base = scorm_xml_attr(res, "base");
    char *full = xasprintf("%s%s%s", r->base, res_base ? res_base : "", href);
    char *path = package_path(full);
    const char *params = scorm_xml_attr(item, "parameters");
    if (!path)
        manifest_report(r, DIAG_ERROR, res, "resource \"%s\" points outside the package (\"%s\"): a launch "
               "file must be a file in the package", ref, full);
    else if (!r->has_file(r->ctx, path))
        manifest_report(r, DIAG_ERROR, res, "item \"%s\" launches \"%s\", which is not in the package",
               item_id, path);
    else {
        json_object_set_new(o, "resource", json_string(ref));
        int sco = type && !strcasecmp(type, "sco");
        json_object_set_new(o, "scorm_type", json_string(sco ? "sco" : "asset"));
        json_object_set_new(o, "href", json_string(full));
        if (params) json_object_set_new(o, "parameters", json_string(params));
        char *launch = join_parameters(full, params);
        json_object_set_new(o, "launch", json_string(launch));
        free(launch);
    }
    const char *kind = scorm_xml_attr(res, "type");
    if (kind && strcasecmp(kind, "webcontent"))
        manifest_report(r, DIAG_WARNING, res, "resource \"%s\" is of type \"%s\"; Stepwise plays web "
               "content only", ref, kind);
    free(path);
    free(full);
}

/* Time limits are read but not enforced: said once per item. */
static void report_time_limit(struct reader *r, xmlNodePtr item, const char *id)
{
    manifest_report(r, DIAG_WARNING, item, "item \"%s\" has a time limit; Stepwise does not enforce "
           "time limits, so learners may take as long as they need", id);
}

/* What of an imsss:sequencing element (an item's, the organization's or the collection's) the
 * player and the server's rollup leave out, said in words. */
static void report_sequencing(struct reader *r, xmlNodePtr seq, const char *id)
{
    if (scorm_xml_child(seq, "randomizationControls"))
        manifest_report(r, DIAG_WARNING, seq, "\"%s\" asks for randomization; Stepwise keeps the items in "
               "the order of the manifest", id);
    if (scorm_xml_child(seq, "rollupConsiderations"))
        manifest_report(r, DIAG_WARNING, seq, "\"%s\" sets when its parts count for rollup; Stepwise "
               "always counts every tracked part", id);
}

static void read_settings_12(struct reader *r, xmlNodePtr item, const char *id, json_t *o)
{
    set_number(r, o, "mastery_score", scorm_xml_child(item, "masteryscore"), NULL, 0, 100,
               "adlcp:masteryscore");
    set_text(o, "max_time_allowed", scorm_xml_child(item, "maxtimeallowed"));
    set_text(o, "time_limit_action", scorm_xml_child(item, "timelimitaction"));
    set_text(o, "data_from_lms", scorm_xml_child(item, "datafromlms"));
    if (json_object_get(o, "max_time_allowed") || json_object_get(o, "time_limit_action"))
        report_time_limit(r, item, id);
    xmlNodePtr pre = scorm_xml_child(item, "prerequisites");
    if (pre) {
        set_text(o, "prerequisites", pre);
        manifest_report(r, DIAG_WARNING, pre, "item \"%s\" has prerequisites; Stepwise does not enforce "
               "SCORM 1.2 prerequisites, so learners may open it at any time", id);
    }
}

static void read_sequencing(struct reader *r, xmlNodePtr seq, const char *id, json_t *o)
{
    json_object_set_new(o, "sequencing", scorm_xml_to_json(seq));
    xmlNodePtr primary = scorm_xml_child(scorm_xml_child(seq, "objectives"), "primaryObjective");
    set_number(r, o, "min_normalized_measure", scorm_xml_child(primary, "minNormalizedMeasure"),
               NULL, -1, 1, "imsss:minNormalizedMeasure");
    xmlNodePtr limits = scorm_xml_child(seq, "limitConditions");
    const char *duration = scorm_xml_attr(limits, "attemptAbsoluteDurationLimit");
    if (duration) json_object_set_new(o, "attempt_duration_limit", json_string(duration));
    set_number(r, o, "attempt_limit", limits, "attemptLimit", 0, 1e9, "imsss:attemptLimit");
    report_sequencing(r, seq, id);
}

static void read_settings_2004(struct reader *r, xmlNodePtr item, const char *id, json_t *o)
{
    xmlNodePtr ct = scorm_xml_child(item, "completionThreshold");
    if (ct) {
        json_t *t = json_object();
        const char *by = scorm_xml_attr(ct, "completedByMeasure");
        json_object_set_new(t, "completed_by_measure", json_boolean(by && !strcmp(by, "true")));
        /* 3rd Edition gives the threshold as the text, 4th as minProgressMeasure (default 1). */
        set_number(r, t, "min_progress_measure", ct, scorm_xml_attr(ct, "minProgressMeasure") ?
                   "minProgressMeasure" : NULL, 0, 1, "adlcp:completionThreshold");
        if (!json_object_get(t, "min_progress_measure"))
            json_object_set_new(t, "min_progress_measure", json_real(1));
        set_number(r, t, "progress_weight", ct, "progressWeight", 0, 1, "adlcp:progressWeight");
        json_object_set_new(o, "completion_threshold", t);
    }
    set_text(o, "data_from_lms", scorm_xml_child(item, "dataFromLMS"));
    set_text(o, "time_limit_action", scorm_xml_child(item, "timeLimitAction"));
    for (xmlNodePtr seq = scorm_xml_child(item, "sequencing"); seq; seq = scorm_xml_next(seq))
        if (scorm_xml_in(seq, "imsss")) read_sequencing(r, seq, id, o);
    if (json_object_get(o, "time_limit_action") || json_object_get(o, "attempt_duration_limit"))
        report_time_limit(r, item, id);
    xmlNodePtr nav = scorm_xml_child(scorm_xml_child(item, "presentation"), "navigationInterface");
    for (xmlNodePtr hide = scorm_xml_child(nav, "hideLMSUI"); hide; hide = scorm_xml_next(hide)) {
        char *what = scorm_xml_text(hide);
        manifest_report(r, DIAG_WARNING, hide, "item \"%s\" asks to hide the player's \"%s\" control; "
               "Stepwise keeps its buttons", id, what);
        free(what);
    }
}

static void read_items(struct reader *r, xmlNodePtr parent, int depth)
{
    for (xmlNodePtr item = scorm_xml_child(parent, "item"); item; item = scorm_xml_next(item)) {
        const char *id = scorm_xml_attr(item, "identifier");
        if (!id) id = "";
        json_t *o = json_object();
        json_object_set_new(o, "identifier", json_string(id));
        char *title = scorm_xml_text(scorm_xml_child(item, "title"));
        json_object_set_new(o, "title", json_string(*title ? title : id));
        free(title);
        json_object_set_new(o, "depth", json_integer(depth));
        const char *visible = scorm_xml_attr(item, "isvisible");
        json_object_set_new(o, "visible", json_boolean(!visible || strcmp(visible, "false")));
        json_array_append_new(r->items, o);
        if (scorm_xml_attr(item, "identifierref")) read_launch(r, item, id, o);
        if (r->v2004) read_settings_2004(r, item, id, o);
        else read_settings_12(r, item, id, o);
        read_items(r, item, depth + 1);
    }
}

static xmlNodePtr pick_organization(struct reader *r, xmlNodePtr root)
{
    xmlNodePtr orgs = scorm_xml_child(root, "organizations");
    xmlNodePtr first = scorm_xml_child(orgs, "organization"), chosen = first;
    const char *wanted = scorm_xml_attr(orgs, "default");
    size_t count = 0;
    for (xmlNodePtr o = first; o; o = scorm_xml_next(o)) {
        const char *id = scorm_xml_attr(o, "identifier");
        if (wanted && id && !strcmp(id, wanted)) chosen = o;
        count++;
    }
    if (!first) {
        manifest_report(r, DIAG_ERROR, orgs ? orgs : root, "the manifest has no organization: a package "
               "needs one whose items name what to launch");
        return NULL;
    }
    const char *cid = scorm_xml_attr(chosen, "identifier");
    if (wanted && (!cid || strcmp(cid, wanted))) {
        manifest_report(r, DIAG_ERROR, orgs, "organizations default=\"%s\" names no organization", wanted);
        return NULL;
    }
    char *title = scorm_xml_text(scorm_xml_child(chosen, "title"));
    if (count > 1)
        manifest_report(r, DIAG_WARNING, orgs, "the package has %zu organizations; Stepwise offers only the "
               "default one, \"%s\"", count, title);
    json_object_set_new(r->out, "organization", json_string(cid ? cid : ""));
    if (*title) json_object_set_new(r->out, "title", json_string(title));
    free(title);
    return chosen;
}

/* The minutes of an ISO 8601 duration of hours, minutes and seconds ("PT1H30M", "PT45S"),
 * rounded up; -1 when s is not one. */
static long duration_minutes(const char *s)
{
    if (strncmp(s, "PT", 2) || !s[2]) return -1;
    double seconds = 0;
    for (s += 2; *s;) {
        char *end;
        double v = strtod(s, &end);
        if (end == s || v < 0) return -1;
        if (*end == 'H') seconds += v * 3600;
        else if (*end == 'M') seconds += v * 60;
        else if (*end == 'S') seconds += v;
        else return -1;
        s = end + 1;
    }
    return (long)((seconds + 59) / 60);
}

/* LOM educational/typicalLearningTime (in SCORM 1.2's IMS metadata typicallearningtime/datetime)
 * as "minutes", so the catalogue needs no --minutes for a package that states it. */
static void read_learning_time(struct reader *r, xmlNodePtr lom)
{
    xmlNodePtr edu = scorm_xml_child(lom, "educational");
    xmlNodePtr tlt = scorm_xml_child(edu, "typicalLearningTime");
    if (!tlt) tlt = scorm_xml_child(edu, "typicallearningtime");
    xmlNodePtr value = scorm_xml_child(tlt, "duration");
    if (!value) value = scorm_xml_child(tlt, "datetime");
    if (!value) return;
    char *text = scorm_xml_text(value);
    long minutes = duration_minutes(text);
    if (minutes >= 1 && minutes <= 600)
        json_object_set_new(r->out, "minutes", json_integer(minutes));
    else
        manifest_report(r, DIAG_WARNING, value, "the typical learning time \"%s\" is not a duration of 1 "
               "to 600 minutes such as PT15M; give the minutes with --minutes", text);
    free(text);
}

static void read_metadata(struct reader *r, xmlNodePtr root)
{
    xmlNodePtr lom = scorm_xml_child(scorm_xml_child(root, "metadata"), "lom");
    xmlNodePtr general = scorm_xml_child(lom, "general");
    set_text(r->out, "description", scorm_xml_child(general, "description"));
    set_text(r->out, "language", scorm_xml_child(general, "language"));
    json_t *keywords = json_array();
    for (xmlNodePtr k = scorm_xml_child(general, "keyword"); k; k = scorm_xml_next(k)) {
        char *text = scorm_xml_text(k);
        if (*text) json_array_append_new(keywords, json_string(text));
        free(text);
    }
    if (json_array_size(keywords)) json_object_set(r->out, "keywords", keywords);
    json_decref(keywords);
    read_learning_time(r, lom);
}

static void read_collection(struct reader *r, xmlNodePtr root)
{
    xmlNodePtr coll = scorm_xml_child(root, "sequencingCollection");
    if (!coll) return;
    json_t *o = json_object();
    for (xmlNodePtr seq = scorm_xml_child(coll, "sequencing"); seq; seq = scorm_xml_next(seq)) {
        const char *id = scorm_xml_attr(seq, "ID");
        if (!id) continue;
        json_object_set_new(o, id, scorm_xml_to_json(seq));
        report_sequencing(r, seq, id);
    }
    json_object_set_new(r->out, "sequencing_collection", o);
}

static int has_launch(json_t *items)
{
    size_t i;
    json_t *item;
    json_array_foreach(items, i, item)
        if (json_object_get(item, "launch")) return 1;
    return 0;
}

static void read_manifest(struct reader *r, xmlNodePtr root)
{
    if (strcmp((const char *)root->name, "manifest")) {
        manifest_report(r, DIAG_ERROR, root, "the top element is <%s>, not <manifest>", root->name);
        return;
    }
    const char *id = scorm_xml_attr(root, "identifier");
    json_object_set_new(r->out, "identifier", json_string(id ? id : ""));
    if (detect_version(r, root) < 0) return;
    read_metadata(r, root);
    r->resources = scorm_xml_child(root, "resources");
    index_resources(r);
    const char *b1 = scorm_xml_attr(root, "base"), *b2 = scorm_xml_attr(r->resources, "base");
    r->base = xasprintf("%s%s", b1 ? b1 : "", b2 ? b2 : "");
    for (xmlNodePtr sub = scorm_xml_child(root, "manifest"); sub; sub = scorm_xml_next(sub))
        manifest_report(r, DIAG_WARNING, sub, "the package holds a sub-manifest (\"%s\"); Stepwise does "
               "not read sub-manifests, so what it holds is left out",
               scorm_xml_attr(sub, "identifier"));
    xmlNodePtr org = pick_organization(r, root);
    if (!org) return;
    xmlNodePtr seq = scorm_xml_child(org, "sequencing");
    if (r->v2004 && seq) {
        json_object_set_new(r->out, "organization_sequencing", scorm_xml_to_json(seq));
        report_sequencing(r, seq, json_string_value(json_object_get(r->out, "organization")));
    }
    read_items(r, org, 1);
    if (r->v2004) read_collection(r, root);
    if (!has_launch(r->items) && diag_count(r->diags, DIAG_ERROR) == r->errors)
        manifest_report(r, DIAG_ERROR, org, "the package has nothing to launch: no item of organization "
               "\"%s\" names a resource",
               json_string_value(json_object_get(r->out, "organization")));
}

json_t *scorm_manifest_parse(const char *xml, size_t len, const char *file, scorm_has_file has_file,
                             void *ctx, struct diag_list *diags)
{
    xmlDocPtr doc = scorm_xml_read(xml, len, file, diags);
    if (!doc) return NULL;
    size_t errors = diag_count(diags, DIAG_ERROR);
    struct reader r = {file, diags, has_file, ctx, 0, errors, NULL, NULL, 0, NULL, json_object(),
                       json_array(), json_array()};
    json_object_set_new(r.out, "items", r.items);
    json_object_set_new(r.out, "unsupported", r.unsupported);
    read_manifest(&r, xmlDocGetRootElement(doc));
    free(r.base);
    free(r.sorted);
    xmlFreeDoc(doc);
    if (diag_count(diags, DIAG_ERROR) > errors) {
        json_decref(r.out);
        return NULL;
    }
    return r.out;
}
