/* route.c: the route table. Patterns are exact paths or prefixes ending in '*'; the first match
 * wins, so list specific routes before general ones. */
#include "server/route.h"

#include <string.h>

#include "server/metrics.h"
#include "server/mod_account.h"
#include "server/mod_author.h"
#include "server/mod_author_edit.h"
#include "server/mod_author_import.h"
#include "server/mod_pages.h"
#include "server/mod_plans.h"
#include "server/mod_plans_plan.h"
#include "server/mod_static.h"
#include "tracking/lrs.h"

static const struct route routes[] = {
    {"/", mod_pages_catalogue, 0},
    {"/modules/*", mod_pages_module, 0},
    {"/author/edit/*", mod_author_edit, 0},
    {"/author/import", mod_author_import, 0},
    {"/author", mod_author_list, 0},
    {"/author/modules/*", mod_author_module, 0},
    {"/static/*", mod_static_asset, 0},
    {"/healthz", mod_static_health, 0},
    {"/metrics", metrics_handle, 0},
    {"/xapi/*", lrs_handle, 1},
    {"/login", mod_account_login, 0},
    {"/logout", mod_account_logout, 0},
    {"/card", mod_account_card, 0},
    {"/card/*", mod_account_card, 0},
    {"/admin/users", mod_account_admin, 0},
    {"/admin/users/*", mod_account_admin, 0},
    {"/plan", mod_plans_home, 0},
    {"/plan/steps/*", mod_plans_step, 0},
    {"/mentor", mod_plans_mentor, 0},
    {"/plans/*", mod_plans_plan, 0},
    {"/groups/assign", mod_plans_group, 0},
    {"/admin/plans.csv", mod_plans_csv, 0},
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
