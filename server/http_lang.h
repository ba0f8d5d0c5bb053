/* http_lang.h: the interface language of a request: the signed-in person's own choice (their
 * account), else a language picked with a link (?lang=TAG, kept in a cookie), else the browser's
 * Accept-Language, else the server's --language. */
#ifndef STEPWISE_HTTP_LANG_H
#define STEPWISE_HTTP_LANG_H

#include "player/i18n.h"
#include "server/http.h"

/* The query parameter of the language links and the cookie that keeps the choice. */
#define HTTP_LANG_PARAM "lang"
#define HTTP_LANG_COOKIE "stepwise_lang"

/* The language to answer r in. When r picks one with ?lang=TAG, *cookie is the Set-Cookie value
 * that keeps it (caller frees), else NULL. */
const struct i18n_lang *http_lang_choose(struct request *r, char **cookie);

#endif
