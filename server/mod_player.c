/* mod_player.c: fills a lesson page's player slot for a signed-in learner: data attributes with
 * their login and the public URL (their agent and the module's IRI), the CSRF token that every
 * LRS write needs, the plan's IRI when the lesson is a step of their plan, the words of the
 * player's bar and save indicator and of the resume offer in the interface language, and the
 * media completion threshold (media.js); then the scripts that record the lesson: lesson.js,
 * media.js when the lesson has a video or podcast, resume.js. And the learner's key for the
 * statements the player keeps on the device. */
#include "server/mod_player.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "player/i18n.h"
#include "player/pages.h"
#include "server/auth.h"
#include "server/buf.h"
#include "server/mod_check.h"
#include "server/server.h"
#include "tracking/quiz_statements.h"
#include "tracking/store_accounts.h"

static void put_attr(struct buf *b, const char *name, const char *value)
{
    buf_printf(b, " data-%s=\"", name);
    buf_put_html(b, value);
    buf_puts(b, "\"");
}

char *mod_player_fill(struct request *r, const char *module_id, char *html, size_t *len)
{
    const char *slot = memmem(html, *len, PAGE_PLAYER_SLOT, strlen(PAGE_PLAYER_SLOT));
    if (!slot) return html;
    struct buf b;
    buf_init(&b);
    buf_append(&b, html, (size_t)(slot - html));
    struct user u;
    const char *csrf = auth_csrf_token(r);
    if (csrf && auth_user(r, &u)) {
        const char *home = r->srv->cfg.public_url;
        int64_t plan = mod_check_plan_of(r, u.id, module_id);
        buf_puts(&b, "<div id=\"player\" hidden");
        put_attr(&b, "home", home);
        put_attr(&b, "login", u.login);
        put_attr(&b, "csrf", csrf);
        if (plan) {
            char *iri = quiz_plan_iri(home, plan);
            put_attr(&b, "plan", iri);
            free(iri);
        }
        /* lesson.js shows these texts in the interface language, so that it holds no text of
         * its own (the player's bar, README "Offline and shared tablets"). */
        put_attr(&b, "read", _("Read so far"));
        put_attr(&b, "saving", _("Saving"));
        put_attr(&b, "waiting", _("Saved on this device. It will be sent when you are online."));
        put_attr(&b, "saved", _("Saved."));
        buf_printf(&b, " data-threshold=\"%.2f\"", r->srv->cfg.media_completion / 100.0);
        put_attr(&b, "t-resume", _("Continue where you stopped?"));
        put_attr(&b, "t-section", _("You stopped at: {section}."));
        put_attr(&b, "t-media", _("The video or podcast was at {time}."));
        put_attr(&b, "t-continue", _("Continue there"));
        put_attr(&b, "t-top", _("Start at the top"));
        put_attr(&b, "t-answers", _("Your answers so far are filled in again."));
        /* In this order: media.js and resume.js use lesson.js's queue (window.stepwise). */
        buf_puts(&b, "></div><script src=\"/static/lesson.js\" defer></script>");
        if (memmem(html, *len, "<video", 6) || memmem(html, *len, "<audio", 6))
            buf_puts(&b, "<script src=\"/static/media.js\" defer></script>");
        buf_puts(&b, "<script src=\"/static/resume.js\" defer></script>");
        user_clear(&u);
    }
    size_t rest = (size_t)(slot - html) + strlen(PAGE_PLAYER_SLOT);
    buf_append(&b, html + rest, *len - rest);
    free(html);
    return buf_detach(&b, len);
}

void mod_player_key(struct request *r)
{
    if (!request_allow(r, "GET")) return;
    struct user u;
    if (!auth_user(r, &u)) {
        reply_error_page(r, MHD_HTTP_UNAUTHORIZED, _("Not signed in"),
                         _("Sign in to send what you did in a lesson."));
        return;
    }
    if (!auth_check_header_csrf(r)) {
        user_clear(&u);
        reply_error_page(r, MHD_HTTP_FORBIDDEN, _("Not allowed"),
                         _("Only a page of this site can ask for this key."));
        return;
    }
    unsigned char raw[32];
    char fresh[STORE_PLAYER_KEY_LEN + 1], key[STORE_PLAYER_KEY_LEN + 1];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(fresh, sizeof fresh, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
    char *err = NULL;
    int status = store_player_key(r->srv->store, u.id, fresh, key, &err);
    user_clear(&u);
    if (status != STORE_OK) {
        fprintf(stderr, "stepwise: player key: %s\n", err ? err : "database failure");
        free(err);
        reply_error_page(r, MHD_HTTP_SERVICE_UNAVAILABLE, _("Try again"),
                         _("The key could not be read. Try again in a moment."));
        return;
    }
    json_t *j = json_pack("{s:s}", "key", key);
    char *body = json_dumps(j, 0);
    json_decref(j);
    sodium_memzero(key, sizeof key);
    reply_private(r, MHD_HTTP_OK, "application/json", body, strlen(body));
}
