/* mod_player.c: fills a lesson page's player slot with data attributes for player.js: the
 * learner's login and the public URL (their agent and the module's IRI), the CSRF token that
 * every LRS write needs, the plan's IRI when the lesson is a step of their plan, the media
 * completion threshold (media.js), and the texts and script of the resume offer (resume.js). */
#include "server/mod_player.h"

#include <stdlib.h>
#include <string.h>

#include "player/i18n.h"
#include "player/pages.h"
#include "server/auth.h"
#include "server/buf.h"
#include "server/mod_check.h"
#include "server/server.h"
#include "tracking/quiz_statements.h"

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
        buf_printf(&b, " data-threshold=\"%.2f\"", r->srv->cfg.media_completion / 100.0);
        put_attr(&b, "t-resume", _("Continue where you stopped?"));
        put_attr(&b, "t-section", _("You stopped at: {section}."));
        put_attr(&b, "t-media", _("The video or podcast was at {time}."));
        put_attr(&b, "t-continue", _("Continue there"));
        put_attr(&b, "t-top", _("Start at the top"));
        put_attr(&b, "t-answers", _("Your answers so far are filled in again."));
        buf_puts(&b, "></div><script src=\"/static/resume.js\" defer></script>");
        user_clear(&u);
    }
    size_t rest = (size_t)(slot - html) + strlen(PAGE_PLAYER_SLOT);
    buf_append(&b, html + rest, *len - rest);
    free(html);
    return buf_detach(&b, len);
}
