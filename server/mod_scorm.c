/* mod_scorm.c: the SCORM launch page and the package's files.
 *
 * GET /play/ID is the player for the signed-in learner: their latest attempt (or a new one when
 * that one is completed, or with ?attempt=new), a table of contents when the package has more
 * than one SCO, the frame the SCO runs in, and as JSON what player/static/scorm-player.js needs
 * (each SCO's stored data with the values the LMS sets: cmi.entry, total time, learner; for
 * SCORM 2004 the attempt's sequencing state as the last commit left it).
 *
 * GET /scorm-files/ID/VERSION/PATH serves a file of the package version under a policy of its
 * own: CSP sandbox (an opaque origin: the package's script cannot read this site's pages or
 * send requests with the learner's session), frame-ancestors 'self'. HTML files get the two
 * scripts of the runtime bridge (scorm-again's CrossFrameAPI and scorm-frame.js), so that the
 * SCO finds API / API_1484_11 on its own window; every call goes by postMessage to the runtime
 * in the player page, the only side that holds the session. */
#include "server/mod_scorm.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "content/frontmatter.h"
#include "content/package.h"
#include "player/i18n.h"
#include "player/pages.h"
#include "server/auth.h"
#include "server/buf.h"
#include "server/http_file.h"
#include "server/mime.h"
#include "server/scorm_launch.h"
#include "server/scorm_origin.h"
#include "server/server.h"
#include "tracking/store_scorm.h"

#define HTML "text/html; charset=utf-8"
/* The policy of a package's files: its own opaque origin, framed only by the player; from a
 * separate origin (--scorm-origin), that origin with its own storage, framed only by the site. */
#define SCORM_SANDBOX "sandbox allow-scripts allow-forms allow-popups allow-modals allow-downloads"
#define SCORM_FILE_CSP SCORM_SANDBOX "; frame-ancestors 'self'"
/* An HTML file of a package larger than this is served as it is, without the bridge. */
#define SCORM_HTML_MAX (16u << 20)

static void not_found(struct request *r)
{
    reply_error_page(r, MHD_HTTP_NOT_FOUND, _("Lesson not found"),
                     _("There is no SCORM lesson at this address. Go back to the list of "
                       "lessons to find it."));
}

/* The values the LMS gives a SCO when it launches: the learner, credit and mode, launch data
 * and mastery from the manifest, cmi.entry from how the last session ended, and the total time
 * (kept by the server). */
static json_t *launch_values(const struct scorm_package *p, const json_t *item, const json_t *stored,
                             const struct user *u)
{
    const struct scorm_cmi_names *n = scorm_cmi_names(p->cmi);
    json_t *v = stored ? json_deep_copy(stored) : json_object();
    const char *exit = json_string_value(json_object_get(v, n->exit));
    const char *entry = exit && !strcmp(exit, "suspend") ? "resume"
                        : stored && json_object_size(stored) ? "" : "ab-initio";
    json_object_set_new(v, n->entry, json_string(entry));
    if (!json_object_get(v, n->total_time))
        json_object_set_new(v, n->total_time,
                            json_string(p->cmi == SCORM_CMI_12 ? "0000:00:00" : "PT0S"));
    json_object_set_new(v, n->learner_id, json_string(u->login));
    json_object_set_new(v, n->learner_name, json_string(u->display_name ? u->display_name : u->login));
    json_object_set_new(v, n->credit, json_string("credit"));
    json_object_set_new(v, n->mode, json_string("normal"));
    const char *launch_data = json_string_value(json_object_get(item, "data_from_lms"));
    if (launch_data) json_object_set_new(v, n->launch_data, json_string(launch_data));
    json_t *mastery = json_object_get(item, p->cmi == SCORM_CMI_12 ? "mastery_score"
                                                                   : "min_normalized_measure");
    if (json_is_number(mastery)) {
        char text[32];
        snprintf(text, sizeof text, "%g", json_number_value(mastery));
        json_object_set_new(v, n->mastery, json_string(text));
    }
    json_t *threshold = json_object_get(json_object_get(item, "completion_threshold"),
                                        "min_progress_measure");
    if (p->cmi == SCORM_CMI_2004 && json_is_number(threshold)) {
        char text[32];
        snprintf(text, sizeof text, "%g", json_number_value(threshold));
        json_object_set_new(v, "cmi.completion_threshold", json_string(text));
    }
    return v;
}

/* The state word of a SCO for the table of contents. */
static const char *sco_state(const struct scorm_package *p, const json_t *stored)
{
    if (!stored) return "not-started";
    int success = scorm_sco_success(p->cmi, stored);
    if (success == 1) return "passed";
    if (scorm_sco_done(p->cmi, stored)) return "completed";
    return success == 0 ? "failed" : "in-progress";
}

static const json_t *stored_of(const struct scorm_sco_data *list, size_t n, const char *sco)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(list[i].sco, sco)) return list[i].values;
    return NULL;
}

/* The SCOs (items that launch), each with its launch values and state. */
static json_t *sco_list(const struct scorm_package *p, const struct scorm_sco_data *list,
                        size_t n, const struct user *u)
{
    json_t *out = json_array();
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(p->manifest, "items"), i, item) {
        const char *id = json_string_value(json_object_get(item, "identifier"));
        const char *launch = json_string_value(json_object_get(item, "launch"));
        if (!id || !launch) continue;
        const json_t *stored = stored_of(list, n, id);
        const char *type = json_string_value(json_object_get(item, "scorm_type"));
        json_array_append_new(out, json_pack("{s:s,s:O,s:s,s:b,s:b,s:o,s:s}", "id", id,
            "title", json_object_get(item, "title"), "launch", launch,
            "sco", type && !strcmp(type, "sco"),
            "visible", !json_is_false(json_object_get(item, "visible")),
            "values", launch_values(p, item, stored, u), "state", sco_state(p, stored)));
    }
    return out;
}

/* The activity tree scorm-again's 2004 sequencing takes, from the manifest's items (depth
 * order) with their sequencing elements as the manifest parser kept them. */
static json_t *activity_tree(const struct scorm_package *p)
{
    json_t *root = json_pack("{s:s,s:O,s:[]}", "id",
                             json_string_value(json_object_get(p->manifest, "organization"))
                                 ? json_string_value(json_object_get(p->manifest, "organization"))
                                 : "organization",
                             "title", json_object_get(p->manifest, "title"), "children");
    json_t *stack[64] = {root};
    size_t i;
    json_t *item;
    json_array_foreach(json_object_get(p->manifest, "items"), i, item) {
        json_int_t depth = json_integer_value(json_object_get(item, "depth"));
        if (depth < 1 || depth >= 64) continue;
        json_t *parent = stack[depth - 1];
        if (!parent) continue;
        json_t *node = json_pack("{s:O,s:O,s:b}", "id", json_object_get(item, "identifier"),
                                 "title", json_object_get(item, "title"), "isVisible",
                                 !json_is_false(json_object_get(item, "visible")));
        json_t *seq = json_object_get(item, "sequencing");
        if (seq) json_object_set(node, "sequencing", seq);
        json_t *kids = json_object_get(parent, "children");
        if (!kids) json_object_set_new(parent, "children", kids = json_array());
        json_array_append_new(kids, node);
        stack[depth] = node;
        for (size_t d = (size_t)depth + 1; d < 64; d++) stack[d] = NULL;
    }
    json_t *org_seq = json_object_get(p->manifest, "organization_sequencing");
    if (org_seq) json_object_set(root, "sequencing", org_seq);
    return root;
}

static json_t *player_texts(void)
{
    return json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}",
        "saved", _("Your progress is saved."),
        "pending", _("Saving your progress..."),
        "offline", _("Saved on this device. It is sent when you are online again."),
        "refused", _("The server did not accept some data from this lesson."),
        "not-started", _("Not started"),
        "in-progress", _("Started"),
        "completed", _("Done"),
        "passed", _("Passed"),
        "failed", _("Not passed yet"));
}

static void play_page(struct request *r, const struct scorm_package *p, const struct user *u,
                      int attempt, int resumed, const struct scorm_sco_data *list, size_t n,
                      const char *sequencing)
{
    json_t *scos = sco_list(p, list, n, u);
    const char *own = r->srv->cfg.scorm_origin;
    char *files = xasprintf("%s/scorm-files/%s/%d/", own ? own : "", p->id, p->version);
    char *commit = xasprintf("/scorm/%s/commit", p->id);
    json_t *data = json_pack("{s:s,s:s,s:O,s:i,s:i,s:b,s:s,s:s,s:s,s:s,s:O,s:o}",
        "package", p->id, "title", p->title, "scorm", json_object_get(p->manifest, "scorm"),
        "version", p->version, "attempt", attempt, "resumed", resumed, "files", files,
        "commit", commit,
        "csrf", auth_csrf_token(r), "login", u->login, "scos", scos, "texts", player_texts());
    if (p->cmi == SCORM_CMI_2004) {
        json_object_set_new(data, "tree", activity_tree(p));
        json_t *collection = json_object_get(p->manifest, "sequencing_collection");
        if (collection) json_object_set(data, "collection", collection);
        if (sequencing) json_object_set_new(data, "sequencing", json_string(sequencing));
    }
    char *json = json_dumps(data, JSON_COMPACT);
    struct page_scorm ps = {p->id, p->title, p->cmi == SCORM_CMI_12, attempt, resumed, scos, json,
                            own != NULL};
    size_t len;
    char *html = page_scorm_play(&ps, auth_viewer(r), &len);
    reply_private(r, MHD_HTTP_OK, HTML, html, len);
    if (own) reply_allow_frames(r, own);
    free(json);
    json_decref(data);
    json_decref(scos);
    free(files);
    free(commit);
}

void mod_scorm_play(struct request *r)
{
    if (!request_allow(r, "GET, HEAD")) return;
    const char *id = r->path + strlen("/play/");
    struct user u;
    if (!frontmatter_valid_id(id)) {
        not_found(r);
        return;
    }
    if (!auth_require(r, &u)) return;
    struct scorm_attempt latest;
    char *err = NULL;
    int found = store_scorm_attempt_latest(r->srv->store, u.id, id, &latest, &err);
    const char *want = request_query(r, "attempt");
    int fresh = found != STORE_OK || latest.completed || (want && !strcmp(want, "new"));
    struct scorm_sco_data *list = NULL;
    size_t n = 0;
    char *sequencing = NULL;
    struct scorm_package p;
    if (found == STORE_ERROR ||
        (!fresh && store_scorm_sco_list(r->srv->store, latest.id, &list, &n, &err) != STORE_OK) ||
        (!fresh && store_scorm_sequencing_get(r->srv->store, latest.id, &sequencing, &err) ==
                       STORE_ERROR)) {
        reply_error_page(r, MHD_HTTP_SERVICE_UNAVAILABLE, _("Try again soon"),
                         _("Your progress could not be read just now. Reload the page in a "
                           "moment."));
    } else if (scorm_package_load(r, id, fresh ? 0 : latest.version, &p) < 0) {
        not_found(r);
    } else {
        int attempt = fresh ? (found == STORE_OK ? latest.number + 1 : 1) : latest.number;
        play_page(r, &p, &u, attempt, !fresh, list, n, sequencing);
        scorm_package_clear(&p);
    }
    scorm_sco_data_free(list, n);
    free(sequencing);
    free(err);
    user_clear(&u);
}

/* Every segment a plain name: no "..", no hidden file, no absolute path, no backslash. */
static int file_path_ok(const char *rel)
{
    if (!*rel || strchr(rel, '\\')) return 0;
    for (const char *seg = rel; seg; seg = strchr(seg, '/') ? strchr(seg, '/') + 1 : NULL)
        if (*seg == '.' || *seg == '/' || *seg == '\0') return 0;
    return 1;
}

/* The Content-Type of a package file: the module media types and what web content uses. */
static const char *file_type(const char *path)
{
    static const struct { const char *ext, *type; } types[] = {
        {"html", HTML}, {"htm", HTML}, {"xml", "application/xml"}, {"json", "application/json"},
        {"svg", "image/svg+xml"}, {"woff", "font/woff"}, {"woff2", "font/woff2"},
        {"ttf", "font/ttf"}, {"otf", "font/otf"}, {"txt", "text/plain; charset=utf-8"},
        {"wav", "audio/wav"}, {"ico", "image/x-icon"}, {"xsd", "application/xml"},
    };
    const char *known = mime_for_path(path);
    if (known) return known;
    const char *dot = strrchr(path, '.');
    if (!dot || strchr(dot, '/')) return "application/octet-stream";
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (!strcasecmp(dot + 1, types[i].ext)) return types[i].type;
    return "application/octet-stream";
}

/* Where an element's start tag <name ...> ends (just after its '>'), or 0 when there is none. */
static size_t after_tag(const char *html, size_t len, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i + n + 1 < len; i++) {
        if (html[i] != '<' || strncasecmp(html + i + 1, name, n)) continue;
        char c = html[i + n + 1];
        if (c != '>' && c != ' ' && c != '\t' && c != '\n' && c != '\r') continue;
        const char *close = memchr(html + i, '>', len - i);
        return close ? (size_t)(close - html) + 1 : 0;
    }
    return 0;
}

/* The HTML with the bridge's scripts as the first thing in <head>, else in <html>, else after
 * the doctype (never before it, which would switch the page to quirks mode). lms: the origin
 * of the player page the bridge talks to, when it is not the file's own (--scorm-origin). */
static char *with_bridge(const char *html, size_t len, const char *lms, size_t *out_len)
{
    size_t at = after_tag(html, len, "head");
    if (!at) at = after_tag(html, len, "html");
    if (!at) at = after_tag(html, len, "!doctype");
    struct buf b;
    buf_init(&b);
    buf_append(&b, html, at);
    buf_puts(&b, "<script src=\"/static/scorm-again/cross-frame-api.min.js\"></script>"
                 "<script src=\"/static/scorm-frame.js\"");
    if (lms) {
        buf_puts(&b, " data-lms=\"");
        buf_put_html(&b, lms);
        buf_putc(&b, '"');
    }
    buf_puts(&b, "></script>");
    buf_append(&b, html + at, len - at);
    return buf_detach(&b, out_len);
}

void mod_scorm_file(struct request *r)
{
    if (!request_allow(r, "GET, HEAD")) return;
    /* ID/VERSION/PATH */
    const char *rest = r->path + strlen("/scorm-files/");
    const char *s1 = strchr(rest, '/'), *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
    char *id = s1 ? xstrndup(rest, (size_t)(s1 - rest)) : NULL;
    int version = s2 ? atoi(s1 + 1) : 0;
    char *path = NULL, *dir = NULL;
    char real_dir[PATH_MAX], real_file[PATH_MAX];
    /* With --scorm-origin, only requests for that origin get the files. */
    int own = r->srv->cfg.scorm_origin != NULL;
    char *site = own ? scorm_site_origin(r->srv->cfg.public_url) : NULL;
    int ok = id && frontmatter_valid_id(id) && version > 0 && file_path_ok(s2 + 1) &&
             (!own || scorm_origin_request(r));
    if (ok) {
        pthread_mutex_lock(&r->srv->lock);
        const struct module *m = catalog_find(r->srv->catalog, id);
        if (m && m->kind == MODULE_PACKAGE) {
            const char *slash = strrchr(m->source_path, '/');
            dir = xasprintf("%.*s/%d/%s", (int)(slash - m->source_path), m->source_path, version,
                            PACKAGE_FILES);
        }
        pthread_mutex_unlock(&r->srv->lock);
        ok = dir != NULL;
    }
    if (ok) {
        path = xasprintf("%s/%s", dir, s2 + 1);
        size_t n = realpath(dir, real_dir) ? strlen(real_dir) : 0;
        ok = n && realpath(path, real_file) && !strncmp(real_file, real_dir, n) &&
             real_file[n] == '/';
    }
    const char *type = ok ? file_type(real_file) : NULL;
    size_t len;
    char *html = type && !strcmp(type, HTML) ? read_file_max(real_file, SCORM_HTML_MAX, &len)
                                             : NULL;
    if (!ok && own && scorm_origin_request(r)) {
        /* The lessons' origin never answers with a page (it would name the signed-in person). */
        reply_text(r, MHD_HTTP_NOT_FOUND, _("This file is not part of the lesson."));
    } else if (!ok) {
        reply_error_page(r, MHD_HTTP_NOT_FOUND, _("File not found"),
                         _("This file is not part of the lesson."));
    } else if (html) {
        size_t out_len;
        char *page = with_bridge(html, len, site, &out_len);
        reply(r, MHD_HTTP_OK, HTML, page, out_len);
        reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
    } else {
        http_reply_file(r, real_file, type);
    }
    if (own) {
        char *csp = xasprintf(SCORM_SANDBOX " allow-same-origin; frame-ancestors %s", site);
        reply_content_policy(r, csp);
        free(csp);
    } else {
        reply_content_policy(r, SCORM_FILE_CSP);
    }
    free(site);
    free(html);
    free(id);
    free(dir);
    free(path);
}
