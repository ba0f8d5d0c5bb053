/* mod_author_import.c: the upload of a SCORM package (see mod_author_import.h). The body is
 * bounded by --max-body before it is read (the engine answers 413); the file goes to a hidden
 * file of the content folder, which package_import unpacks with the same checks and limits as
 * the command line, and is removed either way. Live reload then shows the new module. */
#include "server/mod_author_import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "content/package_import.h"
#include "player/i18n.h"
#include "player/page_author_import.h"
#include "server/auth.h"
#include "server/form_data.h"
#include "server/server.h"

#define HTML "text/html; charset=utf-8"
#define MAX_FIELDS 8

static void show(struct request *r, int status, struct page_author_import *p)
{
    p->csrf = auth_csrf_token(r);
    size_t len;
    char *html = page_author_import(p, auth_viewer(r), &len);
    reply_private(r, status, HTML, html, len);
}

static const char *field(const struct form_data *fd, const char *name)
{
    const char *v = form_get(&fd->fields, name);
    return v && *v ? v : NULL;
}

/* Writes the uploaded bytes to a hidden file in dir; its path (caller unlinks and frees), or
 * NULL. */
static char *save_upload(const char *dir, const struct form_data *fd)
{
    char *path = xasprintf("%s/.upload-XXXXXX", dir);
    int fd_out = mkstemp(path);
    int ok = fd_out >= 0 && write(fd_out, fd->file, fd->file_len) == (ssize_t)fd->file_len;
    if (fd_out >= 0 && close(fd_out) != 0) ok = 0;
    if (!ok) {
        if (fd_out >= 0) unlink(path);
        free(path);
        return NULL;
    }
    return path;
}

static void import_upload(struct request *r, const struct form_data *fd,
                          struct page_author_import *p)
{
    struct server *srv = r->srv;
    struct diag_list diags;
    diag_list_init(&diags);
    struct package_options o = {p->id, p->title, p->summary, p->language, 0, p->skills,
                                fd->file_name};
    char *end;
    long minutes = p->minutes ? strtol(p->minutes, &end, 10) : 0;
    char *path = NULL;
    struct package_result res = {0};
    int status = MHD_HTTP_BAD_REQUEST;
    if (!fd->file_name || !fd->file_len) {
        p->error = _("choose the package's .zip file.");
    } else if (p->minutes && (*end || minutes < 1 || minutes > 600)) {
        p->error = _("the minutes must be a number from 1 to 600.");
    } else if (!(path = save_upload(srv->cfg.content_dir, fd))) {
        p->error = _("the file could not be saved on the server (is the disk full?).");
        status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    } else {
        o.minutes = (int)minutes;
        if (package_import(srv->cfg.content_dir, path, &o, &srv->cfg.packages, &diags, &res) == 0) {
            p->imported_id = res.id;
            p->imported_version = res.version;
            status = MHD_HTTP_OK;
        } else {
            p->error = _("see the errors below.");
        }
        unlink(path);
    }
    p->findings = &diags;
    show(r, status, p);
    free(path);
    package_result_free(&res);
    diag_list_free(&diags);
}

void mod_author_import(struct request *r)
{
    struct user u;
    if (!request_allow(r, "GET, HEAD, POST") || !auth_require_role(r, ROLE_AUTHOR, &u)) return;
    user_clear(&u);
    struct page_author_import p = {0};
    if (strcmp(r->method, "POST")) {
        p.id = request_query(r, "id");      /* "New version" on /author fills it in */
        show(r, MHD_HTTP_OK, &p);
        return;
    }
    struct form_data fd;
    char err[160];
    if (form_data_parse(r->body.data, r->body.len, request_header(r, "Content-Type"), "package",
                        MAX_FIELDS, &fd, err, sizeof err) < 0) {
        p.error = err;
        show(r, MHD_HTTP_BAD_REQUEST, &p);
    } else if (auth_check_csrf(r, form_get(&fd.fields, "csrf"))) {
        p.id = field(&fd, "id");
        p.title = field(&fd, "title");
        p.summary = field(&fd, "summary");
        p.minutes = field(&fd, "minutes");
        p.language = field(&fd, "language");
        p.skills = field(&fd, "skills");
        import_upload(r, &fd, &p);
    }
    form_data_free(&fd);
}
