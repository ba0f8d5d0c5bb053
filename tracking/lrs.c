/* lrs.c: the xAPI entry point: sets up the request context (lrs_common.c), hands the request to
 * the resource named by the path, and stamps the xAPI headers on whatever reply was made. */
#include "tracking/lrs.h"

#include <string.h>

#include "tracking/lrs_about.h"
#include "tracking/lrs_common.h"
#include "tracking/lrs_documents.h"
#include "tracking/lrs_statements.h"

struct lrs_resource {
    const char *name;           /* path after "/xapi/" */
    void (*handler)(struct lrs_ctx *c);
};

static const struct lrs_resource resources[] = {
    {"statements", lrs_statements},
    {"activities/state", lrs_documents_state},
    {"activities/profile", lrs_documents_activity_profile},
    {"agents/profile", lrs_documents_agent_profile},
    {"activities", lrs_documents_activities},
    {"agents", lrs_documents_agents},
    {"about", lrs_about},
};

void lrs_handle(struct request *r)
{
    const char *name = r->path + strlen("/xapi/");
    const struct lrs_resource *res = NULL;
    for (size_t i = 0; i < sizeof resources / sizeof *resources; i++)
        if (!strcmp(name, resources[i].name)) res = &resources[i];
    struct lrs_ctx c;
    if (lrs_begin(&c, r, name) == 0) {
        if (res) res->handler(&c);
        else lrs_reply_error(&c, MHD_HTTP_NOT_FOUND, "no xAPI resource at %s", r->path);
    }
    lrs_finish(&c);
    lrs_end(&c);
}

int lrs_head(struct request *r)
{
    struct lrs_ctx c;
    int refused = lrs_begin_head(&c, r, r->path + strlen("/xapi/")) < 0;
    if (refused) lrs_finish(&c);
    lrs_end(&c);
    return refused;
}
