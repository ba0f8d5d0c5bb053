/* mod_resume.c: GET /resume (see mod_resume.h). The kept form is used once: the reply clears
 * the cookie. A form kept for someone else (another person signed in on a shared tablet) is
 * dropped, never shown. */
#include "server/mod_resume.h"

#include <stdlib.h>

#include "player/page_resume.h"
#include "server/auth.h"
#include "server/resume.h"
#include "server/server.h"

void mod_resume(struct request *r)
{
    struct user u;
    if (!request_allow(r, "GET, HEAD") || !auth_require(r, &u)) return;
    struct resume kept;
    int ok = resume_decode(request_cookie(r, RESUME_COOKIE), &kept) == 0;
    if (ok && kept.user_id && kept.user_id != u.id) {
        resume_free(&kept);
        ok = 0;
    }
    if (ok) {
        size_t len;
        char *html = page_resume(auth_viewer(r), auth_csrf_token(r), kept.path, &kept.form, 1,
                                 kept.user_id == u.id, &len);
        reply(r, MHD_HTTP_OK, "text/html; charset=utf-8", html, len);
        reply_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
        resume_free(&kept);
    } else {
        reply_redirect(r, "/");
    }
    char *cookie = auth_cookie(r, RESUME_COOKIE, "", "/", "Lax", 0);
    reply_header(r, MHD_HTTP_HEADER_SET_COOKIE, cookie);
    free(cookie);
    user_clear(&u);
}
