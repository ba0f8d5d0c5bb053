/* mod_author.c: the author preview routes (see mod_author.h). Each request checks the modules
 * it shows afresh (content/check_module.c), under the server lock, since the catalog may be
 * swapped by live reload: a check renders every level of a module, which takes milliseconds,
 * so the list of a content folder of a few dozen modules stays well under a second. */
#include "server/mod_author.h"

#include <stdlib.h>
#include <string.h>

#include "content/check_module.h"
#include "player/i18n.h"
#include "player/page_author.h"
#include "server/auth.h"
#include "server/server.h"

#define HTML "text/html; charset=utf-8"

/* The method and the author role. Returns 1 to go on; 0 when an answer was given. Admins are
 * not let in for being admins: an admin who writes lessons gets the author role too. */
static int author_begin(struct request *r)
{
    struct user u;
    if (!request_allow(r, "GET, HEAD") || !auth_require_role(r, ROLE_AUTHOR, &u)) return 0;
    user_clear(&u);
    return 1;
}

static int is_loaded(const struct catalog *c, const char *file)
{
    for (size_t i = 0; i < c->len; i++)
        if (!strcmp(c->modules[i]->source_path, file)) return 1;
    return 0;
}

/* The catalog's findings about files that are not served as modules, sorted by file. */
static void not_loaded(const struct catalog *c, struct diag_list *out)
{
    diag_list_init(out);
    for (size_t i = 0; i < c->diags.len; i++) {
        const struct diag *d = &c->diags.items[i];
        if (!is_loaded(c, d->file))
            diag_copy(out, d);
    }
    diag_sort(out);
}

void mod_author_list(struct request *r)
{
    if (!author_begin(r)) return;
    struct server *srv = r->srv;
    pthread_mutex_lock(&srv->lock);
    const struct catalog *c = srv->catalog;
    size_t n = c->len;
    struct module_report *reports = xcalloc(n + 1, sizeof *reports);
    struct page_author_module *mods = xcalloc(n + 1, sizeof *mods);
    for (size_t i = 0; i < n; i++) {
        check_module_report(c->modules[i], c, &reports[i]);
        mods[i] = (struct page_author_module){c->modules[i], &reports[i]};
    }
    struct diag_list broken;
    not_loaded(c, &broken);
    size_t len;
    char *html = page_author_list(mods, n, &broken, c->dir, auth_viewer(r), &len);
    pthread_mutex_unlock(&srv->lock);
    reply_private(r, MHD_HTTP_OK, HTML, html, len);   /* unpublished findings */
    for (size_t i = 0; i < n; i++) check_module_report_free(&reports[i]);
    free(reports);
    free(mods);
    diag_list_free(&broken);
}

/* The level asked for: the module's lowest when there is no ?level, -1 when it is not a level
 * the module offers. */
static int level_asked(struct request *r, const struct module *m)
{
    const char *v = request_query(r, "level");
    if (!v || !*v) return module_lowest_level(m);
    char *end;
    long n = strtol(v, &end, 10);
    return !*end && n >= MODULE_MIN_LEVEL && n <= MODULE_MAX_LEVEL && module_has_level(m, (int)n)
           ? (int)n : -1;
}

/* The preview of m at level (offered), as a document. Caller holds the server lock. */
static char *preview(struct request *r, const struct catalog *c, const struct module *m, int level,
                     size_t *len)
{
    struct module_report rep;
    check_module_report(m, c, &rep);
    const struct level_report *l = check_module_level(&rep, level);
    struct page_author_preview p = {m, &rep, l, l->html ? l->html : "", c->dir};
    char *html = page_author_preview(&p, auth_viewer(r), len);
    check_module_report_free(&rep);
    return html;
}

void mod_author_module(struct request *r)
{
    if (!author_begin(r)) return;
    const char *id = r->path + strlen("/author/modules/");
    struct server *srv = r->srv;
    pthread_mutex_lock(&srv->lock);
    const struct module *m = strchr(id, '/') ? NULL : server_module_fresh(srv, id);
    int level = m ? level_asked(r, m) : 0;
    char *html = NULL, *title = m ? xstrdup(m->title) : NULL;
    size_t len = 0;
    if (m && level > 0) html = preview(r, srv->catalog, m, level, &len);
    pthread_mutex_unlock(&srv->lock);
    if (html) {
        reply_private(r, MHD_HTTP_OK, HTML, html, len);
    } else if (!m) {
        reply_error_page(r, MHD_HTTP_NOT_FOUND, _("Module not found"), _("No module has this id. "
                         "It may have been renamed, or it does not load: the list of all modules "
                         "at /author shows the files that do not load and why."));
    } else {
        /* TRANSLATORS: %1$s the module's title. */
        char *msg = xasprintf(_("The module \"%1$s\" has no such level. Choose one of the levels "
                                "it offers on the list at /author."), title);
        reply_error_page(r, MHD_HTTP_NOT_FOUND, _("Level not found"), msg);
        free(msg);
    }
    free(title);
}
