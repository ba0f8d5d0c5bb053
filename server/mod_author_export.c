/* mod_author_export.c: the SCORM download (see mod_author_export.h). The module is loaded afresh
 * from its file, so the package is built outside the server lock; it is written to a temporary
 * file (removed at once, the open descriptor is sent), so a module with large videos is never
 * held in memory. */
#include "server/mod_author_export.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content/scorm_export.h"
#include "player/i18n.h"
#include "server/auth.h"
#include "server/server.h"

/* The module's own copy, or NULL after answering 404 or 409. */
static struct module *load_module(struct request *r, const char *id)
{
    struct server *srv = r->srv;
    pthread_mutex_lock(&srv->lock);
    const struct module *m = strchr(id, '/') ? NULL : server_module_fresh(srv, id);
    enum module_kind kind = m ? m->kind : MODULE_MARKDOWN;
    char *path = m ? xstrdup(m->media_dir ? m->media_dir : m->source_path) : NULL;
    pthread_mutex_unlock(&srv->lock);
    struct diag_list diags;
    diag_list_init(&diags);
    struct module *copy = path && kind == MODULE_MARKDOWN ? module_load(path, &diags) : NULL;
    diag_list_free(&diags);
    if (!copy && path && kind == MODULE_PACKAGE)
        reply_error_page(r, MHD_HTTP_CONFLICT, _("This is a SCORM package already"),
                         _("Only modules written in Markdown are exported as SCORM. An imported "
                           "package is SCORM already: give the other LMS the file you imported."));
    else if (!copy)
        reply_error_page(r, MHD_HTTP_NOT_FOUND, _("Module not found"),
                         _("No module has this id. It may have been renamed, or it does not load: "
                           "the list of all modules at /author shows the files that do not load "
                           "and why."));
    free(path);
    return copy;
}

/* Writes the package to a temporary file and returns it open (already removed), or -1. */
static int write_package(const struct module *m, enum scorm_export_version v, char **err)
{
    const char *tmp = getenv("TMPDIR");
    char *path = xasprintf("%s/stepwise-export-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        *err = xasprintf("cannot make a temporary file in %s", tmp && *tmp ? tmp : "/tmp");
    } else {
        close(fd);
        fd = scorm_export(m, v, path, err) == 0 ? open(path, O_RDONLY | O_CLOEXEC) : -1;
        unlink(path);
    }
    free(path);
    return fd;
}

void mod_author_export(struct request *r)
{
    struct user u;
    if (!request_allow(r, "GET, HEAD") || !auth_require_role(r, ROLE_AUTHOR, &u)) return;
    user_clear(&u);
    enum scorm_export_version v;
    if (scorm_export_version_parse(request_query(r, "scorm"), &v) < 0) {
        reply_error_page(r, MHD_HTTP_BAD_REQUEST, _("Choose a SCORM version"),
                         _("Add ?scorm=1.2 or ?scorm=2004 to the address, or use the download "
                           "links on the module's preview page."));
        return;
    }
    struct module *m = load_module(r, r->path + strlen("/author/export/"));
    if (!m) return;
    char *err = NULL;
    int fd = write_package(m, v, &err);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        /* TRANSLATORS: %s is the reason, in English (from the system). */
        char *msg = xasprintf(_("The package could not be made: %s. Try again; if it keeps "
                                "failing, tell the person who runs Stepwise."), err ? err : "");
        reply_error_page(r, MHD_HTTP_INTERNAL_SERVER_ERROR, _("Export failed"), msg);
        free(msg);
        if (fd >= 0) close(fd);
    } else {
        char *name = xasprintf("attachment; filename=\"%s-%s.zip\"", m->id,
                               scorm_export_version_slug(v));
        reply_fd(r, MHD_HTTP_OK, "application/zip", fd, 0, (size_t)st.st_size);
        reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "private, no-store");
        reply_header(r, "Content-Disposition", name);
        free(name);
    }
    free(err);
    module_free(m);
}
