/* route.c: the route table. Patterns are exact paths or prefixes ending in '*'; the first match
 * wins, so list specific routes before general ones. */
#include "server/route.h"

#include <string.h>

#include "server/metrics.h"
#include "server/mod_account.h"
#include "server/mod_admin.h"
#include "server/mod_app.h"
#include "server/mod_author.h"
#include "server/mod_author_edit.h"
#include "server/mod_author_export.h"
#include "server/mod_author_import.h"
#include "server/mod_calendar.h"
#include "server/mod_own_account.h"
#include "server/mod_pages.h"
#include "server/mod_plans.h"
#include "server/mod_plans_plan.h"
#include "server/mod_player.h"
#include "server/mod_resume.h"
#include "server/mod_scorm.h"
#include "server/mod_static.h"
#include "tracking/lrs.h"

#define PAGE "GET, HEAD"
#define PAGE_FORM "GET, HEAD, POST"

static const struct route routes[] = {
    {"/", PAGE, BODY_NONE, mod_pages_catalogue, NULL, 0},
    {"/modules/*", PAGE_FORM, BODY_FORM, mod_pages_module, NULL, 0},   /* POST: .../check */
    {"/author/edit/*", PAGE_FORM, BODY_EDITOR, mod_author_edit, NULL, 0},
    {"/author/import", PAGE_FORM, BODY_UPLOAD, mod_author_import, NULL, 0},
    {"/author/export/*", PAGE, BODY_NONE, mod_author_export, NULL, 0},
    {"/author", PAGE, BODY_NONE, mod_author_list, NULL, 0},
    {"/author/modules/*", PAGE, BODY_NONE, mod_author_module, NULL, 0},
    {"/play/*", PAGE, BODY_NONE, mod_scorm_play, NULL, 0},
    {"/scorm/*", "POST", BODY_SCORM, mod_scorm_commit, NULL, 1},
    {"/scorm-files/*", PAGE, BODY_NONE, mod_scorm_file, NULL, 0},
    {"/static/*", PAGE, BODY_NONE, mod_static_asset, NULL, 0},
    {"/healthz", PAGE, BODY_NONE, mod_static_health, NULL, 0},
    {"/manifest.webmanifest", PAGE, BODY_NONE, mod_app_manifest, NULL, 0},
    {"/icons/*", PAGE, BODY_NONE, mod_app_icon, NULL, 0},
    {"/favicon.ico", PAGE, BODY_NONE, mod_app_favicon, NULL, 0},
    {"/sw.js", PAGE, BODY_NONE, mod_app_worker, NULL, 0},
    {"/player/key", "GET", BODY_NONE, mod_player_key, NULL, 0},
    {"/metrics", PAGE, BODY_NONE, metrics_handle, NULL, 0},
    {"/xapi/*", "GET, HEAD, PUT, POST, DELETE, OPTIONS", BODY_XAPI, lrs_handle, lrs_head, 1},
    {"/login", PAGE_FORM, BODY_FORM, mod_account_login, NULL, 0},
    {"/logout", "POST", BODY_FORM, mod_account_logout, NULL, 0},
    {"/account", PAGE_FORM, BODY_FORM, mod_own_account, NULL, 0},
    {"/card", "GET, POST", BODY_FORM, mod_account_card, NULL, 0},
    {"/card/*", "GET", BODY_NONE, mod_account_card, NULL, 0},
    {"/resume", PAGE, BODY_NONE, mod_resume, NULL, 0},
    {"/calendar", PAGE_FORM, BODY_FORM, mod_calendar_page, NULL, 0},
    {"/calendar/*", PAGE, BODY_NONE, mod_calendar_feed, NULL, 0},
    {"/admin", PAGE, BODY_NONE, mod_admin_home, NULL, 0},
    {"/admin/users", PAGE_FORM, BODY_FORM, mod_account_admin, NULL, 0},
    {"/admin/users/*", PAGE_FORM, BODY_FORM, mod_account_admin, NULL, 0},
    {"/plan", PAGE, BODY_NONE, mod_plans_home, NULL, 0},
    {"/plan/steps/*", "POST", BODY_FORM, mod_plans_step, NULL, 0},
    {"/mentor", PAGE, BODY_NONE, mod_plans_mentor, NULL, 0},
    {"/plans/*", PAGE_FORM, BODY_FORM, mod_plans_plan, NULL, 0},
    {"/groups/assign", PAGE_FORM, BODY_FORM, mod_plans_group, NULL, 0},
    {"/admin/plans.csv", PAGE, BODY_NONE, mod_plans_csv, NULL, 0},
    {"/admin/pairings", PAGE_FORM, BODY_FORM, mod_pairings, NULL, 0},
};

const struct route *route_find(const char *path)
{
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        const char *pat = routes[i].pattern;
        size_t n = strlen(pat);
        if (pat[n - 1] == '*' ? !strncmp(path, pat, n - 1) : !strcmp(path, pat))
            return &routes[i];
    }
    return NULL;
}

size_t route_body_limit(const struct route *route, const struct config *cfg)
{
    switch (route->body) {
    case BODY_FORM: return cfg->max_form_bytes;
    /* Percent-encoding makes a byte of the text at most three, plus the form's other fields. */
    case BODY_EDITOR: return 3 * cfg->max_module_bytes + cfg->max_form_bytes;
    case BODY_XAPI:
    case BODY_UPLOAD: return cfg->max_body_bytes;
    case BODY_SCORM: return cfg->max_scorm_bytes;
    case BODY_NONE: break;
    }
    return 0;
}

size_t route_count(void)
{
    return sizeof routes / sizeof routes[0];
}

const struct route *route_get(size_t i)
{
    return &routes[i];
}

size_t route_index(const struct route *r)
{
    return (size_t)(r - routes);
}
