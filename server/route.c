/* route.c: the route table. Patterns are exact paths or prefixes ending in '*'; the first match
 * wins, so list specific routes before general ones. */
#include "server/route.h"

#include <string.h>

#include "server/mod_account.h"
#include "server/mod_pages.h"
#include "server/mod_plans.h"
#include "server/mod_plans_plan.h"
#include "server/mod_static.h"
#include "tracking/lrs.h"

static const struct route routes[] = {
    {"/", mod_pages_catalogue},
    {"/modules/*", mod_pages_module},
    {"/static/*", mod_static_asset},
    {"/healthz", mod_static_health},
    {"/xapi/*", lrs_handle},
    {"/login", mod_account_login},
    {"/logout", mod_account_logout},
    {"/card/*", mod_account_card},
    {"/admin/users", mod_account_admin},
    {"/admin/users/*", mod_account_admin},
    {"/plan", mod_plans_home},
    {"/plan/steps/*", mod_plans_step},
    {"/mentor", mod_plans_mentor},
    {"/plans/*", mod_plans_plan},
    {"/groups/assign", mod_plans_group},
    {"/admin/plans.csv", mod_plans_csv},
};

route_handler route_find(const char *path)
{
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        const char *pat = routes[i].pattern;
        size_t n = strlen(pat);
        if (pat[n - 1] == '*' ? !strncmp(path, pat, n - 1) : !strcmp(path, pat))
            return routes[i].handler;
    }
    return NULL;
}
