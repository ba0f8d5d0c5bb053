/* mod_author_edit.c: /author/edit/ID, the browser editor of a module's file (see
 * mod_author_edit.h).
 *
 * The conflict rule: the form carries the version of the file it was opened from (SHA-256 hex
 * of its bytes). A save reads the file again and writes only when that version is still the one
 * on disk; otherwise it answers 409 and keeps the author's text on the page, next to the file as
 * it is now. Saves are serialized by one mutex, so two saves from the same version cannot both
 * pass the check. Outside edits (a text editor, git) race only with the rename, a window of
 * microseconds that the version check cannot close without file locks the other tools ignore.
 *
 * Only the file the catalogue loaded for the module is written, never a path from the request,
 * and only when it resolves inside the content folder. The write is atomic: a temporary file in
 * the same folder (same mode), fsync, rename, fsync of the folder; a reader sees the old file or
 * the new one, never half of it. Live reload (content/watch.c) then shows the new text. */
#include "server/mod_author_edit.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "content/check_module.h"
#include "content/frontmatter.h"
#include "player/i18n.h"
#include "player/page_author_edit.h"
#include "server/auth.h"
#include "server/form_request.h"
#include "server/server.h"

#define HTML "text/html; charset=utf-8"
#define MAX_FIELDS 8
#define VERSION_HEX (2 * crypto_hash_sha256_BYTES)

static pthread_mutex_t save_lock = PTHREAD_MUTEX_INITIALIZER;

/* The module being edited, copied from the catalogue (which live reload may swap at any time). */
struct target {
    char *id, *title, *language, *source_path, *media_dir;
    const char *file;       /* source_path within the content folder (points into it) */
    unsigned levels;
    int lowest;
};

static void target_free(struct target *t)
{
    free(t->id);
    free(t->title);
    free(t->language);
    free(t->source_path);
    free(t->media_dir);
}

/* Finds the module id in the catalogue; 0, or -1 when there is none. */
static int target_find(struct server *srv, const char *id, struct target *t)
{
    memset(t, 0, sizeof *t);
    pthread_mutex_lock(&srv->lock);
    const struct module *m = catalog_find(srv->catalog, id);
    if (m && m->kind != MODULE_MARKDOWN) m = NULL;      /* a package is imported, not typed */
    if (m) {
        *t = (struct target){xstrdup(m->id), xstrdup(m->title), xstrdup(m->language),
                             xstrdup(m->source_path), m->media_dir ? xstrdup(m->media_dir) : NULL,
                             NULL, m->levels, module_lowest_level(m)};
    }
    pthread_mutex_unlock(&srv->lock);
    if (!m) return -1;
    size_t n = strlen(srv->cfg.content_dir);
    t->file = t->source_path;
    if (!strncmp(t->source_path, srv->cfg.content_dir, n) && t->source_path[n] == '/')
        t->file = t->source_path + n + 1;
    return 0;
}

static void version_of(const char *text, size_t len, char out[VERSION_HEX + 1])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)text, len);
    sodium_bin2hex(out, VERSION_HEX + 1, h, sizeof h);
}

static int version_valid(const char *v)
{
    if (!v || strlen(v) != VERSION_HEX) return 0;
    for (const char *p = v; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))) return 0;
    return 1;
}

/* Browsers send the lines of a text area ended by CR LF: the file gets LF, like the others. */
static char *unix_newlines(const char *s, size_t *len)
{
    char *out = xmalloc(strlen(s) + 1), *o = out;
    for (; *s; s++) {
        if (*s != '\r') *o++ = *s;
        else if (s[1] != '\n') *o++ = '\n';
    }
    *o = '\0';
    *len = (size_t)(o - out);
    return out;
}

static void reply_page(struct request *r, int status, struct page_author_edit *p)
{
    p->csrf = auth_csrf_token(r);
    size_t len;
    char *html = page_author_edit(p, auth_viewer(r), &len);
    reply_private(r, status, HTML, html, len);
}

static struct page_author_edit page_for(const struct target *t, const char *text, const char *base)
{
    return (struct page_author_edit){.id = t->id, .title = t->title, .file = t->file,
                                     .lang = t->language, .text = text, .base = base,
                                     .source_path = t->source_path, .level = t->lowest,
                                     .levels = t->levels};
}

static void show_editor(struct request *r, const struct target *t)
{
    size_t len = 0, max = r->srv->cfg.max_module_bytes;
    char *text = read_file_max(t->source_path, max, &len);
    if (!text) {
        char *msg = errno == EFBIG
            /* TRANSLATORS: %1$s the module's file, %2$zu the most the editor takes in KiB, set
             * with the option --max-module-bytes. */
            ? xasprintf(_("The file %1$s is larger than the editor takes (%2$zu KiB, set with "
                          "--max-module-bytes). Edit it in a text editor, or split the lesson."),
                        t->file, max / 1024)
            /* TRANSLATORS: %1$s the module's file, %2$s the system's reason (in English). */
            : xasprintf(_("The file %1$s cannot be read (%2$s). Reload the page in a moment."),
                        t->file, strerror(errno));
        reply_error_page(r, errno == EFBIG ? MHD_HTTP_CONTENT_TOO_LARGE : MHD_HTTP_NOT_FOUND,
                         _("Cannot open the lesson"), msg);
        free(msg);
        return;
    }
    char base[VERSION_HEX + 1];
    version_of(text, len, base);
    struct page_author_edit p = page_for(t, text, base);
    if (request_query(r, "saved"))
        p.notice = _("Saved. Learners see the new text now; the editor holds the saved file.");
    reply_page(r, MHD_HTTP_OK, &p);
    free(text);
}

/* The plain-language verdict of one level, as the author preview words it (caller frees). */
static char *plain_verdict(const struct level_report *l)
{
    char *why = check_harder_because(l, i18n_current());
    /* TRANSLATORS: %1$s why the level is harder than B1 (from the check). */
    char *verdict = *why ? xasprintf(_("Harder than B1: %1$s."), why)
                         : xstrdup(_("B1 ok: plain enough for the learners."));
    free(why);
    return verdict;
}

/* Checks every level of m as `stepwise check` does, against the catalogue: the findings of all
 * levels go to d with check's severities (what check calls an error, the editor refuses to
 * save), the previewed level's plain-language verdict to *plain (caller frees). Renders the
 * level previewed (when m does not offer *level: its lowest); returns its HTML (caller frees). */
static char *render_preview(struct server *srv, const struct module *m, int *level,
                            struct diag_list *d, char **plain)
{
    if (!module_has_level(m, *level)) *level = module_lowest_level(m);
    struct module_report rep;
    pthread_mutex_lock(&srv->lock);
    check_module_report(m, srv->catalog, &rep);
    pthread_mutex_unlock(&srv->lock);
    struct level_report *l = check_module_level(&rep, *level);
    *plain = plain_verdict(l);
    char *html = l->html;
    l->html = NULL;     /* the caller's now */
    check_module_take_diags(&rep, d);
    check_module_report_free(&rep);
    return html;
}

/* Parses text as module t, adding the findings to d (sorted, repeats dropped), and renders the
 * preview (*html, caller frees; NULL when the text does not parse) with its plain-language
 * verdict (*plain, caller frees; NULL when the text does not parse). Returns 1 when the text
 * may be saved: a module with t's id and no finding that `stepwise check` calls an error. */
static int check_text(struct request *r, const struct target *t, const char *text, size_t len,
                      int *level, struct diag_list *d, char **html, char **plain)
{
    struct module *m = module_parse(t->source_path, t->media_dir, text, len, d);
    int ok = m && !strcmp(m->id, t->id);
    if (m && !ok)
        diag_add(d, DIAG_ERROR, t->source_path, m->id_line, 1, "the id must stay \"%s\": learners' "
                 "records and links use it. For a new lesson, add a new file", t->id);
    *html = m ? render_preview(r->srv, m, level, d, plain) : NULL;
    diag_sort(d);
    check_drop_repeats(d);
    module_free(m);
    return ok && diag_count(d, DIAG_ERROR) == 0;
}

/* The temporary file next to path: ".NAME.XXXXXX", a name the catalogue ignores. */
static char *temp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return xasprintf(".%s.XXXXXX", path);
    return xasprintf("%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

static void sync_folder(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

/* Replaces the file at path with data, keeping its mode. Returns 0, or -1 with errno set. */
static int write_atomic(const char *path, const char *data, size_t len)
{
    struct stat st;
    if (stat(path, &st) != 0) return -1;
    char *tmp = temp_name(path);
    int fd = mkstemp(tmp), saved = 0;
    int ok = fd >= 0 && fchmod(fd, st.st_mode & 07777) == 0 && write_all(fd, data, len) == 0 &&
             fsync(fd) == 0;
    if (!ok) saved = errno;
    if (fd >= 0 && close(fd) != 0 && ok) ok = 0, saved = errno;
    if (ok && rename(tmp, path) != 0) ok = 0, saved = errno;
    if (!ok && fd >= 0) unlink(tmp);
    if (ok) sync_folder(path);
    free(tmp);
    errno = saved;
    return ok ? 0 : -1;
}

/* The file to write: source_path resolved, when that lies inside the content folder (caller
 * frees); else NULL. */
static char *writable_path(struct server *srv, const char *source_path)
{
    char dir[PATH_MAX], file[PATH_MAX];
    if (!realpath(srv->cfg.content_dir, dir) || !realpath(source_path, file)) return NULL;
    size_t n = strlen(dir);
    return !strncmp(file, dir, n) && file[n] == '/' ? xstrdup(file) : NULL;
}

/* The form's text and its length, or an answer (400) when there is none. */
static char *form_text(struct request *r, const struct form *f, size_t *len)
{
    const char *source = form_get(f, "source");
    if (source) return unix_newlines(source, len);
    reply_error_page(r, MHD_HTTP_BAD_REQUEST, _("No text sent"),
                     _("The form held no module text. Go back, reload the editor and try again."));
    return NULL;
}

/* Saves text over the file when it is still at version base. Returns the HTTP status to answer
 * with the page (0 when saved); p->error / p->current say why not (current: caller frees). */
static int save(struct request *r, const struct target *t, const char *text, size_t len,
                struct page_author_edit *p, char **current)
{
    char *path = writable_path(r->srv, t->source_path);
    if (!path) {
        p->error = _("This lesson's file is not inside the content folder (or is gone), so the "
                   "editor does not write it. Your text was not saved.");
        return MHD_HTTP_FORBIDDEN;
    }
    size_t cur_len = 0;
    char version[VERSION_HEX + 1] = "";
    *current = read_file_max(path, MODULE_MAX_BYTES, &cur_len);
    if (*current) version_of(*current, cur_len, version);
    int status = 0;
    if (strcmp(version, p->base)) {
        p->error = _("This lesson was changed on disk after you opened it (by someone else or in "
                   "another tab). Your text was not saved. Copy your changes, open the current "
                   "file, and apply them again.");
        p->current = *current;
        status = MHD_HTTP_CONFLICT;
    } else if (write_atomic(path, text, len) != 0) {
        fprintf(stderr, "stepwise: editor: cannot write %s: %s\n", path, strerror(errno));
        p->error = _("The server could not write the file. Your text was not saved: copy it, "
                   "and tell the person who runs Stepwise.");
        status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
    free(path);
    return status;
}

static void redirect_saved(struct request *r, const char *id)
{
    struct buf loc;
    buf_init(&loc);
    buf_puts(&loc, "/author/edit/");
    buf_put_url_segment(&loc, id);
    buf_puts(&loc, "?saved=1");
    reply_redirect(r, loc.data);
    buf_free(&loc);
}

/* Preview (always 200) or save; the page keeps the author's text whenever it is shown. */
static void handle_post(struct request *r, const struct target *t, const struct form *f)
{
    size_t len;
    char *text = form_text(r, f, &len), *html = NULL, *current = NULL, *plain = NULL;
    if (!text) return;
    const char *base = form_get(f, "base"), *action = form_get(f, "action");
    const char *level = form_get(f, "level");
    int save_it = action && !strcmp(action, "save"), status = MHD_HTTP_OK;
    struct page_author_edit p = page_for(t, text, version_valid(base) ? base : "");
    struct diag_list d;
    diag_list_init(&d);
    if (level) p.level = atoi(level);
    if (len > r->srv->cfg.max_module_bytes) {
        p.error = _("This text is too long for one lesson. Split it into smaller lessons; it was "
                  "not saved.");
        status = MHD_HTTP_CONTENT_TOO_LARGE;
        goto show;
    }
    if (save_it && !*p.base) {
        p.error = _("This form does not say which version of the file it was opened from, so it "
                  "cannot be saved safely. Your text was not saved: copy it, reload the editor "
                  "and apply your changes again.");
        status = MHD_HTTP_BAD_REQUEST;
        goto show;
    }
    if (save_it) pthread_mutex_lock(&save_lock);
    int ok = check_text(r, t, text, len, &p.level, &d, &html, &plain);
    p.findings = &d;
    p.preview_html = html;
    p.plain = plain;
    if (save_it && !ok) {
        p.error = _("This text has errors (see the check findings), so it was not saved. Fix them "
                  "and save again.");
        status = MHD_HTTP_BAD_REQUEST;
    } else if (save_it) {
        status = save(r, t, text, len, &p, &current);
    }
    if (save_it) pthread_mutex_unlock(&save_lock);
    if (save_it && status == 0) {
        redirect_saved(r, t->id);
        goto done;
    }
show:
    reply_page(r, status, &p);
done:
    diag_list_free(&d);
    free(html);
    free(plain);
    free(current);
    free(text);
}

void mod_author_edit(struct request *r)
{
    if (!request_allow(r, "GET, HEAD, POST")) return;
    struct user u;
    if (!auth_require_role(r, ROLE_AUTHOR, &u)) return;
    const char *id = r->path + strlen("/author/edit/");
    struct target t;
    struct form f = {0};
    if (!frontmatter_valid_id(id) || target_find(r->srv, id, &t) != 0) {
        reply_error_page(r, MHD_HTTP_NOT_FOUND, _("Lesson not found"),
                         _("There is no lesson with this id. Lessons with errors are not listed: "
                         "run stepwise check to find them."));
        user_clear(&u);
        return;
    }
    if (strcmp(r->method, "POST")) {
        show_editor(r, &t);
    } else if (form_request_read(r, MAX_FIELDS, &f) < 0) {
        /* answered */
    } else if (auth_check_csrf(r, form_get(&f, "csrf"))) {
        handle_post(r, &t, &f);
    }
    form_free(&f);
    target_free(&t);
    user_clear(&u);
}
