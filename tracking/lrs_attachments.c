/* lrs_attachments.c: attachment content kept through the store's document interface, so that
 * every backend stores it without an operation of its own. The documents live under an agent
 * key that no xAPI Agent can produce (statements_agent_key always starts with an IFI name and
 * a colon, never "stepwise-attachment"), so the Agent Profile resource never reaches them. */
#include "tracking/lrs_attachments.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "server/buf.h"

#define ATTACHMENT_AGENT "stepwise-attachment"

static char *lower(const char *s)
{
    char *p = xstrdup(s);
    for (char *c = p; *c; c++) *c = (char)tolower((unsigned char)*c);
    return p;
}

int lrs_attachments_put(struct store *s, const char *sha2, int verified, const char *content_type,
                        const void *data, size_t len, char **err)
{
    char *id = lower(sha2);
    struct store_doc_key k = {.kind = STORE_DOC_AGENT_PROFILE, .agent = ATTACHMENT_AGENT,
                              .doc_id = id};
    struct store_doc_precondition pre = {.if_none_match = !verified};
    int st = store_doc_put(s, &k, data, len, content_type, &pre, 0, err);
    free(id);
    return st == STORE_PRECONDITION ? STORE_OK : st;
}

int lrs_attachments_get(struct store *s, const char *sha2, struct store_doc *out, char **err)
{
    char *id = lower(sha2);
    struct store_doc_key k = {.kind = STORE_DOC_AGENT_PROFILE, .agent = ATTACHMENT_AGENT,
                              .doc_id = id};
    int st = store_doc_get(s, &k, out, err);
    free(id);
    return st;
}
