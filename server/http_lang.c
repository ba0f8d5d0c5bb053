/* http_lang.c: chooses the interface language of a request (http_lang.h). The account's choice
 * needs the session, looked up once per request (server/auth.c); the other sources are the
 * request head alone. Static files carry no text, so they never look the session up. */
#include "server/http_lang.h"

#include <string.h>

#include "server/auth.h"
#include "server/server.h"

#define YEAR_SECONDS (365 * 86400)

const struct i18n_lang *http_lang_choose(struct request *r, char **cookie)
{
    *cookie = NULL;
    const struct i18n_lang *picked = i18n_find(request_query(r, HTTP_LANG_PARAM));
    if (picked) *cookie = auth_cookie(r, HTTP_LANG_COOKIE, i18n_tag(picked), "/", "Lax", YEAR_SECONDS);
    const struct i18n_lang *l = NULL;
    if (strncmp(r->path, "/static/", 8)) l = i18n_find(auth_language(r));
    if (!l) l = picked;
    if (!l) l = i18n_find(request_cookie(r, HTTP_LANG_COOKIE));
    if (!l) l = i18n_negotiate(request_header(r, MHD_HTTP_HEADER_ACCEPT_LANGUAGE));
    if (!l) l = i18n_find(r->srv->cfg.language);
    return l ? l : i18n_english();
}
