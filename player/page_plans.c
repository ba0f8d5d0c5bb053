/* page_plans.c: the mentoring plan pages (see page_plans.h). Mentors are busy and mentees use
 * phones with gloves: few words, one main action per screen, large targets, states said in
 * words and icons (never colour alone), forms that work without JavaScript. */
#include "player/page_plans.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "player/i18n.h"
#include "player/page_layout.h"
#include "server/buf.h"

void page_plans_put_date(struct buf *b, const char *day)
{
    i18n_put_day(b, i18n_current(), day);
}

/* A date as a string the page shows (caller frees). */
static char *date_text(const char *day)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "");
    page_plans_put_date(&b, day);
    return buf_detach(&b, NULL);
}

/* "2 steps late". */
static void put_late_steps(struct buf *b, int n)
{
    /* TRANSLATORS: %1$d the number of steps past their due date. */
    buf_printf(b, n_("%1$d step late", "%1$d steps late", (unsigned long)n), n);
}

static void put_form(struct buf *b, const struct plan_page_ctx *c, const char *action,
                     const char *cls)
{
    page_layout_form(b, action, c->csrf, cls);
}

static void put_hidden(struct buf *b, const char *name, const char *value)
{
    buf_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"", name);
    buf_put_html(b, value);
    buf_puts(b, "\">");
}

static void put_notice(struct buf *b, const char *notice, int error)
{
    page_layout_notice(b, notice, error);
}

/* What was just done, and a button that takes it back (a small POST form). */
static void put_undo(struct buf *b, const struct plan_page_ctx *c, const struct plan_undo *u)
{
    if (!u) return;
    buf_puts(b, "<div class=\"notice undo\" role=\"status\"><p>");
    buf_put_html(b, u->text);
    buf_puts(b, "</p>");
    put_form(b, c, u->action, "inline");
    if (u->what) put_hidden(b, "do", u->what);
    buf_printf(b, "<input type=\"hidden\" name=\"step\" value=\"%lld\"><button type=\"submit\" "
                  "class=\"secondary\">", (long long)u->step);
    buf_put_html(b, u->button);
    buf_puts(b, "</button></form></div>\n");
}

/* The progress bar with its sentence; id makes the label unique on the page. */
static void put_progress(struct buf *b, const struct plan_view *v, const char *id)
{
    buf_printf(b, "<div class=\"progress\"><label for=\"%s\">", id);
    /* TRANSLATORS: the progress bar of a plan: %1$d steps done, of %2$zu steps in all. */
    buf_printf(b, n_("%1$d of %2$zu step done", "%1$d of %2$zu steps done", v->nsteps), v->ndone,
               v->nsteps);
    buf_printf(b, "</label><progress id=\"%s\" max=\"100\" value=\"%d\">%d%%</progress></div>\n",
               id, v->percent, v->percent);
}

static const char *state_icon(enum progress_state s)
{
    static const char *const icons[] = {"\u25CB", "\u25D1", "\u2715", "\u2713", "\u2605"};
    return (unsigned)s <= PROGRESS_PASSED ? icons[s] : icons[0];
}

static void put_state(struct buf *b, const struct plan_view_step *s)
{
    const char *label = s->step->kind == PLAN_STEP_PRACTICAL
                        ? (s->done ? C_("task state", "Signed off") : C_("task state", "Not done yet"))
                        : progress_label(s->state);
    buf_printf(b, "<span class=\"state %s\"><span aria-hidden=\"true\">%s</span> %s</span>",
               progress_token(s->state), state_icon(s->state), label);
}

/* "Lesson: Title (Basic)" or "With your mentor: task", then the due date. link: the lesson's
 * title links to the lesson at the step's level. */
static void put_step_line_linked(struct buf *b, const struct plan_view_step *s, int link)
{
    const struct plan_step *st = s->step;
    if (st->kind == PLAN_STEP_MODULE) {
        buf_printf(b, "<span class=\"kind\">%s</span> ", _("Lesson:"));
        if (link) {
            buf_puts(b, "<a href=\"/modules/");
            buf_put_url_segment(b, st->module_id);
            buf_printf(b, "?level=%d\">", st->level);
        }
        i18n_put_in_lang(b, s->title, s->lang);
        if (link) buf_puts(b, "</a>");
        const char *lv = page_layout_level_name(st->level);
        if (lv) buf_printf(b, " <span class=\"level\">(%s)</span>", lv);
    } else {
        buf_printf(b, "<span class=\"kind\">%s</span> ", _("With your mentor:"));
        buf_put_html(b, s->title);
    }
    if (*st->due) {
        char *day = date_text(st->due);
        if (s->overdue) {
            buf_printf(b, " <span class=\"due late\"><strong>%s</strong> ", _("Late:"));
            /* TRANSLATORS: after "Late:": %1$s the date the step was due ("3 December 2026"). */
            buf_printf(b, _("was due %1$s"), day);
        } else {
            /* TRANSLATORS: %1$s the date a step is due ("3 December 2026"). */
            buf_puts(b, " <span class=\"due\">"), buf_printf(b, _("Due %1$s"), day);
        }
        buf_puts(b, "</span>");
        free(day);
    }
}

static void put_step_line(struct buf *b, const struct plan_view_step *s)
{
    put_step_line_linked(b, s, 0);
}

static void put_plan_link(struct buf *b, const struct plan *p, const char *suffix)
{
    buf_printf(b, "/plans/%lld%s", (long long)p->id, suffix);
}

/* The plan pages are interface only: the page's language is the person's. */
static void begin(struct buf *b, const struct plan_page_ctx *c, const char *title)
{
    page_layout_begin(b, title, NULL, c->viewer);
    buf_puts(b, PAGE_PLANS_CSS);
}

static char *end(struct buf *b, size_t *len)
{
    page_layout_end(b);
    return buf_detach(b, len);
}

/* --- My plan ----------------------------------------------------------------------------- */

static void put_due(struct buf *b, const struct plan_view_step *s)
{
    if (!*s->step->due) return;
    char *day = date_text(s->step->due);
    if (s->overdue) {
        buf_printf(b, "<p class=\"due late\"><strong>%s</strong> ", _("Late:"));
        /* TRANSLATORS: after "Late:": %1$s the date the step was due ("3 December 2026"). */
        buf_printf(b, _("it was due %1$s."), day);
    } else {
        /* TRANSLATORS: %1$s the date the mentee should do the step by ("3 December 2026"). */
        buf_puts(b, "<p class=\"due\">"), buf_printf(b, _("Do it by %1$s."), day);
    }
    buf_puts(b, "</p>\n");
    free(day);
}

/* The next lesson as one big button (the mentee can always do that now); a task that waits
 * for the mentor comes after it, so it never blocks the lessons. i numbers the plan on the
 * page (ids stay unique when a mentee has several plans). */
static void put_next_step(struct buf *b, const struct plan_page_ctx *c, const struct plan_view *v,
                          size_t i)
{
    const struct plan_view_step *s = v->next_lesson;
    buf_printf(b, "<section class=\"next\" aria-labelledby=\"next-h-%zu\"><h3 "
                  "id=\"next-h-%zu\">%s</h3>\n", i, i, _("Your next step"));
    if (!v->nsteps) {
        buf_printf(b, "<p>%s</p></section>\n", _("This plan has no steps yet. Your mentor adds them."));
        return;
    }
    if (!v->next) {
        buf_printf(b, "<p>%s</p></section>\n", _("You did every step. Well done! Talk with your "
                                                 "mentor about what is next."));
        return;
    }
    if (s) {
        char *action = xasprintf("/plan/steps/%lld/start", (long long)s->step->id);
        put_form(b, c, action, "big-step");
        free(action);
        /* A failed check is "Not passed yet": the button says to try again. */
        buf_printf(b, "<button type=\"submit\" class=\"big\"><span class=\"verb\">%s"
                      "</span> <span class=\"what\">", s->state == PROGRESS_NOT_STARTED
                      ? _("Start lesson") : s->state == PROGRESS_FAILED ? _("Try again:")
                      : _("Go on with lesson"));
        i18n_put_in_lang(b, s->title, s->lang);
        buf_puts(b, "</span></button></form>\n");
        put_due(b, s);
    }
    if (v->next->step->kind == PLAN_STEP_PRACTICAL) {
        buf_printf(b, "<div class=\"big-task\"><p><span class=\"verb\">%s</span> "
                      "<span class=\"what\">", _("With your mentor:"));
        buf_put_html(b, v->next->title);
        buf_printf(b, "</span></p><p>%s</p>", _("Your mentor signs it off when it is done."));
        put_due(b, v->next);
        buf_puts(b, "</div>\n");
    }
    buf_puts(b, "</section>\n");
}

static void put_achievements(struct buf *b, const struct plan_view *v)
{
    int shown = 0;
    buf_printf(b, "<h3>%s</h3>\n", _("What you did"));
    for (size_t i = v->nsteps; i-- > 0 && shown < 3;) {
        const struct plan_view_step *s = &v->steps[i];
        if (!s->done) continue;
        if (!shown++) buf_puts(b, "<ul class=\"done-list\">");
        buf_printf(b, "<li><span aria-hidden=\"true\">%s</span> ", state_icon(s->state));
        i18n_put_in_lang(b, s->title, s->lang);
        buf_puts(b, "</li>");
    }
    if (shown) buf_puts(b, "</ul>\n");
    else buf_printf(b, "<p>%s</p>\n", _("Nothing yet. Your first step is waiting!"));
}

/* One active plan on My plan: its goal as the heading, then the next step and progress. */
static void put_active_plan(struct buf *b, const struct plan_page_ctx *c,
                            const struct plan_view *v, size_t i)
{
    char id[48];
    snprintf(id, sizeof id, "my-progress-%zu", i);
    buf_printf(b, "<section class=\"my-plan\" aria-labelledby=\"goal-%zu\"><h2 class=\"goal\" "
                  "id=\"goal-%zu\"><span class=\"label\">%s</span> ", i, i, _("My goal:"));
    buf_put_html(b, v->plan->goal);
    buf_puts(b, "</h2>\n");
    put_next_step(b, c, v, i);
    put_progress(b, v, id);
    if (v->next_eval) {
        buf_printf(b, "<p class=\"next-eval\">%s <strong>", _("Next talk with your mentor:"));
        page_plans_put_date(b, v->next_eval->scheduled);
        buf_puts(b, "</strong></p>\n");
    }
    put_achievements(b, v);
    buf_puts(b, "<p><a class=\"button secondary\" href=\"");
    put_plan_link(b, v->plan, "");
    buf_printf(b, "\">%s</a></p>\n</section>\n", _("See my whole plan"));
}

static void put_my_mentors(struct buf *b, const struct plan_mentor_line *m, size_t n)
{
    if (!n) return;
    buf_puts(b, "<ul class=\"plain my-mentors\">");
    for (size_t i = 0; i < n; i++) {
        struct buf name, group, since;
        buf_init(&name), buf_init(&group), buf_init(&since);
        buf_puts(&name, "<strong>"), buf_puts(&group, ""), buf_puts(&since, "");
        buf_put_html(&name, m[i].name);
        buf_puts(&name, "</strong>");
        buf_put_html(&group, m[i].group);
        page_plans_put_date(&since, m[i].since);
        buf_puts(b, "<li>");
        if (*m[i].group)
            /* TRANSLATORS: %1$s the group's name, %2$s the mentor's name, %3$s the date the
             * pairing began ("3 December 2026"). */
            buf_printf(b, _("Your mentor in the group %1$s is %2$s, since %3$s."), group.data,
                       name.data, since.data);
        else
            /* TRANSLATORS: %1$s the mentor's name, %2$s the date the pairing began. */
            buf_printf(b, _("Your mentor is %1$s, since %2$s."), name.data, since.data);
        buf_puts(b, "</li>");
        buf_free(&name), buf_free(&group), buf_free(&since);
    }
    buf_puts(b, "</ul>\n");
}

char *page_plans_home(const struct plan_page_ctx *c, const struct plan_view *active,
                      size_t nactive, const struct plan_view *finished, size_t nfinished,
                      const struct plan_mentor_line *mentors, size_t nmentors, size_t nmentored,
                      const char *notice, size_t *len)
{
    struct buf b;
    buf_init(&b);
    begin(&b, c, _("My plan"));
    buf_printf(&b, "<h1>%s</h1>\n", _("My plan"));
    put_notice(&b, notice, 0);
    put_my_mentors(&b, mentors, nmentors);
    for (size_t i = 0; i < nactive; i++) put_active_plan(&b, c, &active[i], i);
    if (!nactive && !nmentored)
        buf_printf(&b, "<p class=\"empty\">%s</p>\n", _("You have no plan right now. Ask your "
                                                        "mentor to make one with you."));
    if (nmentored) {
        buf_printf(&b, "<h2>%s</h2>\n<p>", _("You are a mentor"));
        /* TRANSLATORS: %1$zu the number of plans the person mentors. */
        buf_printf(&b, n_("You mentor %1$zu plan.", "You mentor %1$zu plans.", nmentored),
                   nmentored);
        buf_printf(&b, "</p>\n<p><a class=\"button\" href=\"/mentor\">%s</a></p>\n",
                   _("My mentees"));
    }
    if (nactive || nmentored)
        buf_printf(&b, "<p><a class=\"button secondary\" href=\"/calendar\">%s</a></p>\n",
                   _("Put the evaluations in my agenda"));
    if (nfinished) {
        buf_printf(&b, "<h2>%s</h2>\n<ul class=\"plain\">", _("Plans you finished"));
        for (size_t i = 0; i < nfinished; i++) {
            buf_puts(&b, "<li><a href=\"");
            put_plan_link(&b, finished[i].plan, "");
            buf_puts(&b, "\">");
            buf_put_html(&b, finished[i].plan->goal);
            buf_puts(&b, "</a></li>");
        }
        buf_puts(&b, "</ul>\n");
    }
    return end(&b, len);
}

/* --- the mentor's dashboard ------------------------------------------------------------- */

/* The next evaluation in words: overdue, today, or in N days. */
static void put_eval_when(struct buf *b, const struct plan_view *v)
{
    if (!v->next_eval) {
        buf_puts(b, _("No evaluation planned"));
        return;
    }
    char *day = date_text(v->next_eval->scheduled);
    int d = v->eval_days;
    if (d < 0) {
        buf_printf(b, "<strong>%s</strong> ", _("Evaluation overdue"));
        /* TRANSLATORS: after "Evaluation overdue": %1$s the date it was planned for. */
        buf_printf(b, _("since %1$s"), day);
    }
    else if (d == 0) buf_printf(b, "<strong>%s</strong> (%s)", _("Evaluation today"), day);
    /* TRANSLATORS: %1$s the date of the evaluation ("3 December 2026"). */
    else if (d == 1) buf_printf(b, _("Evaluation tomorrow (%1$s)"), day);
    /* TRANSLATORS: %1$d the number of days until the evaluation, %2$s its date. */
    else buf_printf(b, n_("Evaluation in %1$d day (%2$s)", "Evaluation in %1$d days (%2$s)",
                          (unsigned long)d), d, day);
    free(day);
}

static void put_last_activity(struct buf *b, const struct plan_view *v)
{
    if (!*v->last_activity) {
        buf_puts(b, _("No activity yet"));
        return;
    }
    char *day = date_text(v->last_activity);
    /* TRANSLATORS: %1$s the date the mentee last did something ("3 December 2026"). */
    buf_printf(b, _("Last active on %1$s"), day);
    free(day);
}

/* What needs the mentor on one plan, as short lines. */
static void put_needs(struct buf *b, const struct plan_view *v)
{
    if (v->nwaiting)
        buf_printf(b, "<p class=\"late\"><span aria-hidden=\"true\">\u270B\uFE0E</span> <strong>%s"
                      "</strong></p>", v->nwaiting == 1 ? _("A task waits for your sign-off")
                                                        : _("Tasks wait for your sign-off"));
    if (v->noverdue) {
        buf_puts(b, "<p class=\"late\"><span aria-hidden=\"true\">\u26A0\uFE0E</span> <strong>");
        put_late_steps(b, v->noverdue);
        buf_puts(b, "</strong></p>");
    }
}

/* The card's link names the mentee and the goal, so two plans of one person differ. */
static void put_plan_name_link(struct buf *b, const struct plan_view *v)
{
    buf_puts(b, "<a href=\"");
    put_plan_link(b, v->plan, "");
    buf_puts(b, "\">");
    buf_put_html(b, v->mentee_name);
    buf_puts(b, "<span class=\"goal-in-link\">: ");
    buf_put_html(b, v->plan->goal);
    buf_puts(b, "</span></a>");
}

/* An active plan's next evaluation and last activity in words, made once for both the table
 * and the cards that show them (formatting the dates was a twentieth of a dashboard). */
struct dash_words {
    char *eval;
    char *active;
};

static struct dash_words dash_words_of(const struct plan_view *v)
{
    struct buf eval, active;
    buf_init(&eval);
    buf_init(&active);
    put_eval_when(&eval, v);
    put_last_activity(&active, v);
    return (struct dash_words){buf_detach(&eval, NULL), buf_detach(&active, NULL)};
}

/* words: NULL for a finished plan, which shows neither. */
static void put_dashboard_card(struct buf *b, const struct plan_view *v, size_t i,
                               const struct dash_words *words)
{
    buf_puts(b, "<li class=\"card plan-card\"><h3>");
    put_plan_name_link(b, v);
    buf_puts(b, "</h3>");
    char id[32];
    snprintf(id, sizeof id, "progress-%zu", i);
    put_progress(b, v, id);
    if (v->plan->finished) {
        char day[11];
        snprintf(day, sizeof day, "%.10s", v->plan->finished_at);
        char *text = date_text(day);
        /* TRANSLATORS: %1$s the date the plan was closed ("3 December 2026"). */
        buf_puts(b, "<p>"), buf_printf(b, _("Finished on %1$s"), text), buf_puts(b, "</p></li>\n");
        free(text);
        return;
    }
    put_needs(b, v);
    buf_puts(b, "<p>");
    buf_puts(b, words->eval);
    buf_puts(b, "</p><p class=\"muted\">");
    buf_puts(b, words->active);
    buf_puts(b, "</p></li>\n");
}

/* How urgent a plan is for its mentor: sign-offs waiting, late steps and overdue evaluations
 * first, then the nearest evaluation. */
static long urgency(const struct plan_view *v)
{
    long needs = v->nwaiting + v->noverdue + (v->next_eval && v->eval_days < 0);
    long days = v->next_eval ? v->eval_days : 100000;
    return needs ? -1000000 + days - needs * 10000 : days;
}

static int by_urgency(const void *a, const void *b)
{
    long ua = urgency(*(const struct plan_view *const *)a);
    long ub = urgency(*(const struct plan_view *const *)b);
    return ua < ub ? -1 : ua > ub;
}

/* At desktop width the active plans are also a table (CSS shows one or the other). */
static void put_dashboard_table(struct buf *b, const struct plan_view *const *order,
                                const struct dash_words *words, size_t n)
{
    buf_printf(b, "<table class=\"dash-table\"><caption class=\"visually-hidden\">%s</caption>"
                  "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">"
                  "%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
               _("Active plans, most urgent first"), C_("table header", "Plan"),
               C_("table header", "Needs you"), C_("table header", "Steps done"),
               C_("table header", "Evaluation"), C_("table header", "Last activity"));
    for (size_t i = 0; i < n; i++) {
        const struct plan_view *v = order[i];
        buf_puts(b, "<tr><th scope=\"row\">");
        put_plan_name_link(b, v);
        buf_puts(b, "</th><td>");
        put_needs(b, v);
        /* TRANSLATORS: steps done in a table cell: %1$d done, of %2$zu steps in all. */
        buf_puts(b, "</td><td>"), buf_printf(b, _("%1$d of %2$zu"), v->ndone, v->nsteps);
        buf_puts(b, "</td><td>");
        buf_puts(b, words[i].eval);
        buf_puts(b, "</td><td>");
        buf_puts(b, words[i].active);
        buf_puts(b, "</td></tr>\n");
    }
    buf_puts(b, "</tbody></table>\n");
}

char *page_plans_mentor(const struct plan_page_ctx *c, const struct plan_view *views, size_t n,
                        const char *notice, size_t *len)
{
    struct buf b;
    buf_init(&b);
    begin(&b, c, _("My mentees"));
    buf_printf(&b, "<h1>%s</h1>\n", _("My mentees"));
    put_notice(&b, notice, 0);
    const struct plan_view **order = xcalloc(n + 1, sizeof *order);
    size_t nactive = 0;
    int waiting = 0, late = 0, overdue = 0;
    for (size_t i = 0; i < n; i++) {
        if (views[i].plan->finished) continue;
        order[nactive++] = &views[i];
        waiting += views[i].nwaiting;
        late += views[i].noverdue;
        overdue += views[i].next_eval && views[i].eval_days < 0;
    }
    qsort(order, nactive, sizeof *order, by_urgency);
    struct dash_words *words = xcalloc(nactive + 1, sizeof *words);
    for (size_t i = 0; i < nactive; i++) words[i] = dash_words_of(order[i]);
    if (waiting || late || overdue) {
        buf_puts(&b, "<ul class=\"needs-you\" aria-label=\"");
        buf_put_html(&b, _("What needs you"));
        buf_puts(&b, "\">");
        /* TRANSLATORS: %1$d the number of tasks waiting for the mentor's sign-off. */
        if (waiting)
            buf_puts(&b, "<li>"), buf_printf(&b, n_("%1$d sign-off waits for you.",
                                                    "%1$d sign-offs wait for you.",
                                                    (unsigned long)waiting), waiting),
            buf_puts(&b, "</li>");
        /* TRANSLATORS: %1$d the number of steps past their due date, over all plans. */
        if (late)
            buf_puts(&b, "<li>"), buf_printf(&b, n_("%1$d step is late.", "%1$d steps are late.",
                                                    (unsigned long)late), late),
            buf_puts(&b, "</li>");
        /* TRANSLATORS: %1$d the number of evaluations past their date. */
        if (overdue)
            buf_puts(&b, "<li>"), buf_printf(&b, n_("%1$d evaluation is overdue.",
                                                    "%1$d evaluations are overdue.",
                                                    (unsigned long)overdue), overdue),
            buf_puts(&b, "</li>");
        buf_puts(&b, "</ul>\n");
    }
    buf_printf(&b, "<p class=\"actions\"><a class=\"button\" href=\"/plans/new\">%s</a> "
                   "<a class=\"button secondary\" href=\"/groups/assign\">%s</a> <a class=\"button "
                   "secondary\" href=\"/admin/pairings\">%s</a> <a class=\"button secondary\" "
                   "href=\"/calendar\">%s</a></p>\n", _("New plan"), _("Give a lesson to a group"),
               _("Pair yourself with a mentee"), _("Evaluations in my agenda"));
    /* TRANSLATORS: a heading: %1$zu the number of active plans. */
    buf_puts(&b, "<h2>"), buf_printf(&b, _("Active plans (%1$zu)"), nactive), buf_puts(&b, "</h2>\n");
    if (!nactive) buf_printf(&b, "<p class=\"empty\">%s</p>\n", _("You have no active plans. "
                                                                    "Make a new plan with a "
                                                                    "mentee to start."));
    else {
        put_dashboard_table(&b, order, words, nactive);
        buf_puts(&b, "<ul class=\"cards dash-cards\">\n");
    }
    for (size_t i = 0; i < nactive; i++) put_dashboard_card(&b, order[i], i, &words[i]);
    if (nactive) buf_puts(&b, "</ul>\n");
    if (n > nactive) {
        /* TRANSLATORS: a heading: %1$zu the number of finished plans. */
        buf_puts(&b, "<h2>"), buf_printf(&b, _("Finished plans (%1$zu)"), n - nactive);
        buf_puts(&b, "</h2>\n<ul class=\"cards\">\n");
        for (size_t i = 0; i < n; i++)
            if (views[i].plan->finished) put_dashboard_card(&b, &views[i], nactive + i, NULL);
        buf_puts(&b, "</ul>\n");
    }
    for (size_t i = 0; i < nactive; i++) free(words[i].eval), free(words[i].active);
    free(words);
    free(order);
    return end(&b, len);
}

/* --- one plan ---------------------------------------------------------------------------- */

static void put_plan_facts(struct buf *b, const struct plan_view *v)
{
    const struct plan *p = v->plan;
    buf_printf(b, "<dl class=\"facts plan-facts\"><div><dt>%s</dt><dd>", _("Mentee"));
    buf_put_html(b, v->mentee_name);
    buf_printf(b, "</dd></div><div><dt>%s</dt><dd>", _("Mentor"));
    buf_put_html(b, v->mentor_names);
    buf_printf(b, "</dd></div><div><dt>%s</dt><dd>", C_("plan", "Start"));
    page_plans_put_date(b, p->start);
    buf_printf(b, "</dd></div><div><dt>%s</dt><dd>", _("Goal date"));
    page_plans_put_date(b, p->target);
    buf_puts(b, "</dd></div></dl>\n");
}

static void put_steps(struct buf *b, const struct plan_page_ctx *c, const struct plan_view *v,
                      int is_mentor)
{
    buf_printf(b, "<h2>%s</h2>\n", _("Steps"));
    if (!v->nsteps) {
        buf_printf(b, "<p class=\"empty\">%s</p>\n", _("No steps yet."));
        return;
    }
    buf_puts(b, "<ol class=\"steps\">\n");
    for (size_t i = 0; i < v->nsteps; i++) {
        const struct plan_view_step *s = &v->steps[i];
        buf_puts(b, "<li>");
        put_state(b, s);
        buf_puts(b, " <span class=\"step-line\">");
        put_step_line_linked(b, s, 1);
        buf_puts(b, "</span>");
        if (is_mentor && s->step->kind == PLAN_STEP_MODULE) page_plans_put_figures(b, &s->figures);
        if (is_mentor && !v->plan->finished && s->step->kind == PLAN_STEP_PRACTICAL && !s->done) {
            char *action = xasprintf("/plans/%lld/steps/%lld/signoff", (long long)v->plan->id,
                                     (long long)s->step->id);
            put_form(b, c, action, "inline");
            free(action);
            buf_printf(b, "<button type=\"submit\">%s<span class=\"visually-hidden\">: ",
                       _("Sign off as done"));
            buf_put_html(b, s->title);
            buf_puts(b, "</span></button></form>");
        }
        buf_puts(b, "</li>\n");
    }
    buf_puts(b, "</ol>\n");
}

static const char *outcome_label(const char *outcome)
{
    return !strcmp(outcome, "on-track") ? _("On track") : !strcmp(outcome, "adjust")
           ? _("Adjust the plan") : "";
}

static void put_evaluations(struct buf *b, const struct plan_view *v)
{
    const struct plan *p = v->plan;
    buf_printf(b, "<h2>%s</h2>\n", _("Evaluations"));
    if (!p->nevals) {
        buf_printf(b, "<p class=\"empty\">%s</p>\n", _("No evaluations planned."));
        return;
    }
    buf_puts(b, "<ul class=\"evals\">\n");
    for (size_t i = 0; i < p->nevals; i++) {
        const struct plan_evaluation *e = &p->evals[i];
        buf_printf(b, "<li><a href=\"/plans/%lld/evaluations/%lld\">", (long long)p->id,
                   (long long)e->id);
        page_plans_put_date(b, e->scheduled);
        buf_puts(b, "</a> ");
        if (*e->held) {
            buf_printf(b, "<span class=\"state completed\"><span aria-hidden=\"true\">\u2713"
                          "</span> %s</span> %s", C_("evaluation state", "Held"),
                       outcome_label(e->outcome));
        } else {
            buf_printf(b, "<span class=\"state not-started\">%s</span>",
                       C_("evaluation state", "Planned"));
        }
        buf_puts(b, "</li>\n");
    }
    buf_puts(b, "</ul>\n");
}

static const struct plan_reflection *reflection_of(const struct plan *p, int64_t user)
{
    for (size_t i = 0; i < p->nreflections; i++)
        if (p->reflections[i].user_id == user) return &p->reflections[i];
    return NULL;
}

static void put_finish_part(struct buf *b, const struct plan_page_ctx *c,
                            const struct plan_view *v, int is_mentor)
{
    const struct plan *p = v->plan;
    char *action;
    buf_printf(b, "<h2>%s</h2>\n<p class=\"notice\">%s</p>\n<p><a class=\"button\" href=\"",
               C_("heading", "Finish"), _("The goal is reached. Well done!"));
    put_plan_link(b, p, "/certificate");
    buf_printf(b, "\">%s</a></p>\n<h3>%s</h3>\n", _("Certificate"), _("Reflections"));
    for (size_t i = 0; i < p->nreflections; i++) {
        const struct plan_reflection *r = &p->reflections[i];
        buf_printf(b, "<blockquote class=\"reflection\"><p>%s</p>",
                   r->user_id == p->mentee_id ? _("From the mentee:") : _("From a mentor:"));
        buf_puts(b, "<p>");
        buf_put_html(b, r->text);
        buf_puts(b, "</p></blockquote>\n");
    }
    const struct plan_reflection *mine = reflection_of(p, c->user_id);
    action = xasprintf("/plans/%lld/reflection", (long long)p->id);
    put_form(b, c, action, "plan-form");
    free(action);
    buf_printf(b, "<label for=\"reflection\">%s</label><textarea id=\"reflection\" name=\"text\" "
                  "rows=\"4\" required>", _("Your reflection: what went well, and a tip for next "
                                            "time"));
    if (mine) buf_put_html(b, mine->text);
    buf_printf(b, "</textarea><button type=\"submit\">%s</button></form>\n",
               _("Save my reflection"));
    if (!is_mentor) return;
    buf_printf(b, "<h3>%s</h3>\n", _("A new goal"));
    action = xasprintf("/plans/%lld/follow-up", (long long)p->id);
    put_form(b, c, action, "plan-form");
    free(action);
    buf_printf(b, "<label for=\"new-goal\">%s</label><input id=\"new-goal\" name=\"goal\" "
                  "required maxlength=\"300\"><label for=\"new-target\">%s</label>"
                  "<input id=\"new-target\" name=\"target\" type=\"date\" required>"
                  "<button type=\"submit\">%s</button></form>\n", _("New goal"), _("Goal date"),
               _("Start a follow-up plan"));
}

/* text, escaped, with every date "YYYY-MM-DD" in it written as on the rest of the page
 * ("22 November 2026"): one date format per language everywhere. */
static void put_text_dates(struct buf *b, const char *text)
{
    const char *run = text;
    for (const char *p = text; *p; p++) {
        char day[11];
        int date = strlen(p) >= 10 && (p == text || !isdigit((unsigned char)p[-1])) &&
                   !isdigit((unsigned char)p[10]);
        for (int i = 0; date && i < 10; i++)
            date = i == 4 || i == 7 ? p[i] == '-' : isdigit((unsigned char)p[i]);
        if (!date) continue;
        memcpy(day, p, 10);
        day[10] = '\0';
        char *chunk = xstrndup(run, (size_t)(p - run));
        buf_put_html(b, chunk);
        free(chunk);
        page_plans_put_date(b, day);
        p += 9;
        run = p + 1;
    }
    buf_put_html(b, run);
}

static void put_history(struct buf *b, const struct plan_history_entry *h, size_t n)
{
    buf_printf(b, "<details class=\"history\"><summary>%s</summary><ol class=\"history-list\">\n",
               _("Plan history (every change)"));
    for (size_t i = n; i-- > 0;) {
        char day[11];
        snprintf(day, sizeof day, "%.10s", h[i].at);
        buf_puts(b, "<li><span class=\"when\">");
        page_plans_put_date(b, day);
        buf_puts(b, ", ");
        buf_put_html(b, h[i].user_name);
        buf_puts(b, ":</span> ");
        if (h[i].msg.msgid) {
            char *text = i18n_msg_text(&h[i].msg, i18n_current());
            put_text_dates(b, text);
            free(text);
            buf_puts(b, "</li>\n");
            continue;
        }
        /* A line written before plans schema 4 is a record in the words it was written in. */
        int other = !!strcmp(i18n_tag(i18n_current()), "en");
        if (other) buf_puts(b, "<span lang=\"en\">");
        put_text_dates(b, h[i].text);
        buf_puts(b, other ? "</span></li>\n" : "</li>\n");
    }
    buf_puts(b, "</ol></details>\n");
}

/* For a finished plan's mentor: open it again, while that is still possible. */
static void put_reopen(struct buf *b, const struct plan_page_ctx *c, const struct plan *p,
                       const char *until)
{
    if (!*until) return;
    char *action = xasprintf("/plans/%lld/reopen", (long long)p->id);
    struct buf day;
    buf_init(&day);
    buf_puts(&day, "");
    page_plans_put_date(&day, until);
    /* TRANSLATORS: %1$s the last date the plan can be opened again ("3 December 2026"). */
    buf_puts(b, "<p>"), buf_printf(b, _("Closed too early? You can open the plan again until %1$s."),
                                   day.data);
    buf_puts(b, "</p>\n");
    buf_free(&day);
    put_form(b, c, action, NULL);
    free(action);
    buf_printf(b, "<button type=\"submit\" class=\"secondary\">%s</button></form>\n",
               _("Open the plan again"));
}

char *page_plans_plan(const struct plan_page_ctx *c, const struct plan_view *v, int is_mentor,
                      const struct plan_history_entry *history, size_t nhistory,
                      const struct plan_undo *undo, const char *reopen_until, size_t *len)
{
    const struct plan *p = v->plan;
    struct buf b;
    buf_init(&b);
    begin(&b, c, is_mentor ? v->mentee_name : _("My plan"));
    buf_puts(&b, "<h1>");
    if (is_mentor) {
        char *name = html_escape(v->mentee_name);
        /* TRANSLATORS: a heading: %1$s the mentee's name. */
        buf_printf(&b, _("Plan of %1$s"), name);
        free(name);
    } else {
        buf_puts(&b, _("My plan"));
    }
    buf_printf(&b, "</h1>\n<p class=\"goal\"><span class=\"label\">%s</span> ", _("Goal:"));
    buf_put_html(&b, p->goal);
    buf_puts(&b, "</p>\n");
    put_undo(&b, c, undo);
    put_plan_facts(&b, v);
    put_progress(&b, v, "plan-progress");
    if (is_mentor && !p->finished) {
        buf_puts(&b, "<p class=\"actions\"><a class=\"button\" href=\"");
        put_plan_link(&b, p, "/edit");
        buf_printf(&b, "\">%s</a></p>\n", _("Change plan"));
    }
    put_steps(&b, c, v, is_mentor);
    put_evaluations(&b, v);
    if (p->finished) {
        put_finish_part(&b, c, v, is_mentor);
        if (is_mentor) put_reopen(&b, c, p, reopen_until);
    } else if (is_mentor) {
        char *action = xasprintf("/plans/%lld/finish", (long long)p->id);
        buf_printf(&b, "<h2>%s</h2>\n<p>%s</p>\n", C_("heading", "Finish"),
                   _("Is the goal reached? Then close the plan. The mentee gets a certificate."));
        put_form(&b, c, action, NULL);
        free(action);
        /* Steps left: without JavaScript the server asks on a page of its own; with it the
         * browser asks here (player.js), and the page is not needed. */
        buf_puts(&b, "<button type=\"submit\"");
        if ((size_t)v->ndone < v->nsteps) {
            struct buf ask;
            buf_init(&ask);
            /* TRANSLATORS: %1$zu the steps not done yet, of %2$zu steps in all. */
            buf_printf(&ask, n_("%1$zu of %2$zu step is not done yet. Close the plan anyway? The "
                                "mentee gets a certificate.",
                                "%1$zu of %2$zu steps are not done yet. Close the plan anyway? "
                                "The mentee gets a certificate.", v->nsteps),
                       v->nsteps - (size_t)v->ndone, v->nsteps);
            buf_puts(&b, " data-confirm=\"");
            buf_put_html(&b, ask.data);
            buf_puts(&b, "\"");
            buf_free(&ask);
        }
        buf_printf(&b, ">%s</button></form>\n", _("Goal reached: close the plan"));
    }
    put_history(&b, history, nhistory);
    return end(&b, len);
}

char *page_plans_finish_confirm(const struct plan_page_ctx *c, const struct plan_view *v,
                                unsigned reopen_days, size_t *len)
{
    const struct plan *p = v->plan;
    struct buf b;
    buf_init(&b);
    begin(&b, c, _("Close the plan?"));
    char *name = html_escape(v->mentee_name);
    /* TRANSLATORS: a heading: %1$s the mentee's name. */
    buf_puts(&b, "<h1>"), buf_printf(&b, _("Close the plan of %1$s?"), name);
    free(name);
    buf_puts(&b, "</h1>\n<p class=\"alert\" role=\"alert\">");
    /* TRANSLATORS: %1$zu the steps not done yet, of %2$zu steps in all. */
    buf_printf(&b, n_("Not every step is done: %1$zu of %2$zu step is not done yet.",
                      "Not every step is done: %1$zu of %2$zu steps are not done yet.", v->nsteps),
               v->nsteps - (size_t)v->ndone, v->nsteps);
    buf_puts(&b, "</p>\n<ul class=\"not-done\">");
    for (size_t i = 0; i < v->nsteps; i++) {
        if (v->steps[i].done) continue;
        buf_puts(&b, "<li>");
        put_step_line(&b, &v->steps[i]);
        buf_puts(&b, "</li>");
    }
    buf_printf(&b, "</ul>\n<p>%s</p>\n", _("When you close the plan, the mentee gets a "
                                           "certificate."));
    /* TRANSLATORS: %1$u the number of days in which a closed plan can be opened again. */
    if (reopen_days)
        buf_puts(&b, "<p>"), buf_printf(&b, n_("You can open the plan again within %1$u day.",
                                               "You can open the plan again within %1$u days.",
                                               reopen_days), reopen_days),
        buf_puts(&b, "</p>\n");
    char *action = xasprintf("/plans/%lld/finish", (long long)p->id);
    put_form(&b, c, action, "inline");
    free(action);
    put_hidden(&b, "confirm", "yes");
    buf_printf(&b, "<button type=\"submit\">%s</button></form>\n<p><a class=\"button "
                   "secondary\" href=\"", _("Yes, close the plan"));
    put_plan_link(&b, p, "");
    buf_printf(&b, "\">%s</a></p>\n", _("No, back to the plan"));
    return end(&b, len);
}

/* --- the plan editor --------------------------------------------------------------------- */

static void put_level_select_named(struct buf *b, const char *id, const char *name, int level,
                                   unsigned levels)
{
    buf_printf(b, "<select id=\"%s\" name=\"%s\">", id, name);
    for (int l = 1; l <= 3; l++) {
        if (levels && !(levels & (1u << l))) continue;
        buf_printf(b, "<option value=\"%d\"%s>%s</option>", l, l == level ? " selected" : "",
                   page_layout_level_name(l));
    }
    buf_puts(b, "</select>");
}

static void put_yes_no(struct buf *b, const char *id, const char *name, int value)
{
    buf_printf(b, "<select id=\"%s\" name=\"%s\"><option value=\"-1\"%s>%s</option><option "
                  "value=\"1\"%s>%s</option><option value=\"0\"%s>%s</option></select>", id, name,
               value < 0 ? " selected" : "", _("Not talked about yet"), value > 0 ? " selected" : "",
               _("Yes"), value == 0 ? " selected" : "", _("No"));
}

static void put_goal_fields(struct buf *b, const struct plan *p)
{
    buf_printf(b, "<label for=\"goal\">%s</label><input id=\"goal\" name=\"goal\" required "
                  "maxlength=\"300\" value=\"", _("Goal (the dot on the horizon)"));
    buf_put_html(b, p ? p->goal : "");
    buf_printf(b, "\"><label for=\"start\">%s</label><input id=\"start\" name=\"start\" "
                  "type=\"date\" required value=\"%s\"><label for=\"target\">%s</label>"
                  "<input id=\"target\" name=\"target\" type=\"date\" required value=\"%s\">"
                  "<label for=\"interval\">%s</label><input id=\"interval\""
                  " name=\"interval\" type=\"number\" min=\"7\" max=\"182\" required "
                  "value=\"%d\">", _("Start date"), p ? p->start : "", _("Goal date"),
               p ? p->target : "", _("Days between evaluations"),
               p && p->eval_interval_days > 0 ? p->eval_interval_days : 28);
    buf_printf(b, "<fieldset><legend>%s</legend><label for=\"click\">%s</label>",
               _("Intake talk"), _("Is there a click between you?"));
    put_yes_no(b, "click", "click", p ? p->intake_click : -1);
    buf_printf(b, "<label for=\"clear\">%s</label>", _("Is the learning question clear?"));
    put_yes_no(b, "clear", "clear", p ? p->intake_clear : -1);
    buf_printf(b, "<label for=\"notes\">%s</label><textarea id=\"notes\" name=\"notes\" "
                  "rows=\"3\">", _("Notes"));
    buf_put_html(b, p ? p->intake_notes : "");
    buf_puts(b, "</textarea></fieldset>");
}

/* "Saved." in the part of the editor that was just saved (saved names it: "goal", "step-<id>",
 * "steps"), so the person sees it where the page opens. */
static void put_saved(struct buf *b, const char *saved, const char *here)
{
    if (saved && !strcmp(saved, here))
        buf_printf(b, "<p class=\"notice saved\" role=\"status\">%s</p>", _("Saved."));
}

/* A button of one step in the editor: what it does, and (for screen readers) which step. */
static void put_step_button(struct buf *b, const char *what, long long sid, const char *label,
                            const char *which, int position)
{
    buf_printf(b, "<button type=\"submit\" name=\"do\" value=\"%s:%lld\" class=\"secondary\">%s"
                  "<span class=\"visually-hidden\">", what, sid, label);
    buf_printf(b, which, position);
    buf_puts(b, "</span></button>");
}

/* One step's fields in the editor's one form: level or task, due date, and its move and remove
 * buttons (each also saves every other change of the form). */
static void put_step_editor(struct buf *b, const struct plan_view_step *s, size_t i, size_t n,
                            const struct plan_choice *modules, size_t nmodules, const char *saved)
{
    const struct plan_step *st = s->step;
    long long sid = (long long)st->id;
    char here[32];
    snprintf(here, sizeof here, "step-%lld", sid);
    buf_printf(b, "<li class=\"card step-edit\" id=\"%s\"><p class=\"step-line\">", here);
    put_step_line(b, s);
    buf_puts(b, "</p>");
    put_saved(b, saved, here);
    if (st->kind == PLAN_STEP_MODULE) {
        unsigned levels = 0;
        for (size_t k = 0; k < nmodules; k++)
            if (st->module_id && !strcmp(modules[k].key, st->module_id)) levels = modules[k].levels;
        char id[32];
        snprintf(id, sizeof id, "level-%lld", sid);
        buf_printf(b, "<label for=\"%s\">%s</label>", id, _("Level"));
        put_level_select_named(b, id, id, st->level, levels);
    } else {
        buf_printf(b, "<label for=\"title-%lld\">%s</label><input id=\"title-%lld\" "
                      "name=\"title-%lld\" required maxlength=\"300\" value=\"", sid, _("Task"),
                   sid, sid);
        buf_put_html(b, st->title);
        buf_puts(b, "\">");
    }
    buf_printf(b, "<label for=\"due-%lld\">%s</label><input id=\"due-%lld\" "
                  "name=\"due-%lld\" type=\"date\" value=\"%s\"><div class=\"actions\">", sid,
               _("Due date"), sid, sid, st->due);
    /* No "Move up" on the first step, no "Move down" on the last: they would do nothing. The
     * hidden part names the step for screen readers. */
    /* TRANSLATORS: after a step's button ("Move up"), read by screen readers only: %1$d the
     * step's number. */
    const char *which = _(" step %1$d");
    if (i > 0) put_step_button(b, "step-up", sid, _("Move up"), which, st->position);
    if (i + 1 < n) put_step_button(b, "step-down", sid, _("Move down"), which, st->position);
    put_step_button(b, "step-remove", sid, _("Remove"), which, st->position);
    buf_puts(b, "</div></li>\n");
}

static void put_module_select(struct buf *b, const char *id, const struct plan_choice *modules,
                              size_t n)
{
    buf_printf(b, "<select id=\"%s\" name=\"module\"><option value=\"\">%s</option>", id,
               _("Choose a lesson"));
    for (size_t i = 0; i < n; i++) {
        buf_puts(b, "<option value=\"");
        buf_put_html(b, modules[i].key);
        buf_puts(b, "\"");
        i18n_put_text_lang(b, modules[i].lang);
        buf_puts(b, ">");
        buf_put_html(b, modules[i].label);
        buf_puts(b, "</option>");
    }
    buf_puts(b, "</select>");
}

static void put_save_button(struct buf *b)
{
    buf_printf(b, "<p class=\"save-all\"><button type=\"submit\" name=\"do\" value=\"save\">%s"
                  "</button></p>\n", _("Save all changes"));
}

/* Everything is one form: whichever button is pressed, every change typed anywhere on the page
 * is saved with it, so no edit is ever dropped. The first button is "Save all changes", so the
 * Enter key saves too. */
char *page_plans_edit(const struct plan_page_ctx *c, const struct plan_view *v,
                      const struct plan_choice *modules, size_t nmodules, const char *error,
                      const struct plan_undo *undo, const char *saved, size_t *len)
{
    const struct plan *p = v->plan;
    struct buf b;
    buf_init(&b);
    begin(&b, c, _("Change plan"));
    char *name = html_escape(v->mentee_name);
    /* TRANSLATORS: a heading: %1$s the mentee's name. */
    buf_puts(&b, "<h1>"), buf_printf(&b, _("Change the plan of %1$s"), name);
    free(name);
    buf_puts(&b, "</h1>\n");
    put_notice(&b, error, 1);
    buf_puts(&b, "<p><a class=\"button secondary\" href=\"");
    put_plan_link(&b, p, "");
    buf_printf(&b, "\">%s</a></p>\n<p>", _("Back to the plan"));
    /* TRANSLATORS: %1$s the name of the button "Save all changes". */
    buf_printf(&b, _("Change what you want, then press \"%1$s\". Every change is kept in "
                     "the plan history."), _("Save all changes"));
    buf_puts(&b, "</p>\n");
    char *action = xasprintf("/plans/%lld/edit", (long long)p->id);
    put_form(&b, c, action, "plan-form editor");
    free(action);
    put_save_button(&b);
    if (undo) {
        /* Inside the one form, so that undoing also keeps what was typed meanwhile. */
        buf_puts(&b, "<div class=\"notice undo\" role=\"status\"><p>");
        buf_put_html(&b, undo->text);
        buf_printf(&b, "</p><button type=\"submit\" name=\"do\" value=\"%s:%lld\" "
                       "class=\"secondary\">", undo->what, (long long)undo->step);
        buf_put_html(&b, undo->button);
        buf_puts(&b, "</button></div>\n");
    }

    buf_printf(&b, "<h2 id=\"goal\">%s</h2>\n", _("Goal and dates"));
    put_saved(&b, saved, "goal");
    put_goal_fields(&b, p);

    buf_printf(&b, "<h2 id=\"steps\">%s</h2>\n", _("Steps"));
    put_saved(&b, saved, "steps");
    if (!v->nsteps) buf_printf(&b, "<p class=\"empty\">%s</p>\n", _("No steps yet. Add the first "
                                                                      "one below."));
    else buf_puts(&b, "<ol class=\"cards\">\n");
    for (size_t i = 0; i < v->nsteps; i++)
        put_step_editor(&b, &v->steps[i], i, v->nsteps, modules, nmodules, saved);
    if (v->nsteps) buf_puts(&b, "</ol>\n");
    put_save_button(&b);

    buf_printf(&b, "<h2 id=\"add\">%s</h2>\n", _("Add a lesson"));
    put_saved(&b, saved, "add");
    buf_printf(&b, "<label for=\"add-module\">%s</label>", C_("form", "Lesson"));
    put_module_select(&b, "add-module", modules, nmodules);
    buf_printf(&b, "<label for=\"add-level\">%s</label>", _("Level"));
    put_level_select_named(&b, "add-level", "level", 1, 0);
    buf_printf(&b, "<label for=\"add-due\">%s</label><input id=\"add-due\" name=\"due\" "
                   "type=\"date\"><button type=\"submit\" name=\"do\" value=\"add-module\">%s"
                   "</button>\n", _("Due date"), _("Add lesson"));

    buf_printf(&b, "<h2>%s</h2>\n", _("Add a task to do with the mentor"));
    buf_printf(&b, "<label for=\"task-title\">%s</label><input id=\"task-title\" name=\"title\" "
                   "maxlength=\"300\"><label for=\"task-due\">%s</label><input "
                   "id=\"task-due\" name=\"task_due\" type=\"date\"><button type=\"submit\" "
                   "name=\"do\" value=\"add-task\">%s</button>\n",
               _("Task (for example: do the changeover while your mentor watches)"), _("Due date"),
               _("Add task"));

    buf_printf(&b, "<h2 id=\"evaluation\">%s</h2>\n", _("Add an evaluation"));
    put_saved(&b, saved, "evaluation");
    buf_printf(&b, "<label for=\"eval-day\">%s</label><input id=\"eval-day\" name=\"day\" "
                   "type=\"date\"><button type=\"submit\" name=\"do\" value=\"add-evaluation\">"
                   "%s</button></form>\n", C_("form", "Date"), _("Plan evaluation"));
    return end(&b, len);
}

/* --- a new plan ------------------------------------------------------------------------- */

static void put_people_options(struct buf *b, const struct plan_choice *people, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        buf_printf(b, "<option value=\"%lld\">", (long long)people[i].id);
        buf_put_html(b, people[i].label);
        buf_puts(b, "</option>");
    }
}

char *page_plans_new(const struct plan_page_ctx *c, const struct plan_choice *people,
                     size_t npeople, const struct plan_choice *mentors, size_t nmentors,
                     const char *error, size_t *len)
{
    struct buf b;
    buf_init(&b);
    begin(&b, c, _("New plan"));
    buf_printf(&b, "<h1>%s</h1>\n", _("New plan"));
    put_notice(&b, error, 1);
    if (!npeople) {
        buf_printf(&b, "<p class=\"empty\">%s</p>\n", _("Nobody is paired with you as a mentee "
                                                        "yet. Ask your coordinator to pair you "
                                                        "with your mentees."));
        return end(&b, len);
    }
    buf_printf(&b, "<p>%s</p>\n", _("You are the mentor of this plan. Add the steps on the next "
                                    "screen."));
    put_form(&b, c, "/plans/new", "plan-form");
    /* No one is chosen for the mentor: a plan for the wrong person is worse than one tap. */
    buf_printf(&b, "<label for=\"mentee\">%s</label><select id=\"mentee\" name=\"mentee\" "
                   "required><option value=\"\">%s</option>", _("Mentee"), _("Choose your mentee"));
    put_people_options(&b, people, npeople);
    buf_printf(&b, "</select><label for=\"mentor2\">%s</label><select id=\"mentor2\" "
                   "name=\"mentor2\"><option value=\"0\">%s</option>", _("Second mentor (if any)"),
               C_("second mentor", "None"));
    put_people_options(&b, mentors, nmentors);
    buf_puts(&b, "</select>");
    struct plan draft = {.goal = "", .intake_notes = "", .intake_click = -1, .intake_clear = -1,
                         .eval_interval_days = 28};
    snprintf(draft.start, sizeof draft.start, "%s", c->today);
    put_goal_fields(&b, &draft);
    buf_printf(&b, "<button type=\"submit\">%s</button></form>\n", _("Make the plan"));
    return end(&b, len);
}

/* --- evaluation --------------------------------------------------------------------------- */

static void put_outcome(struct buf *b, const char *value, const char *label, const char *current)
{
    buf_printf(b, "<div class=\"choice\"><input type=\"radio\" id=\"outcome-%s\" name=\"outcome\""
                  " value=\"%s\"%s><label for=\"outcome-%s\">%s</label></div>", value, value,
               !strcmp(current, value) ? " checked" : "", value, label);
}

static void put_textarea(struct buf *b, const char *id, const char *label, const char *value,
                         int editable)
{
    if (!editable) {
        buf_printf(b, "<h2 class=\"small\">%s</h2><p>", label);
        buf_put_html(b, *value ? value : _("Nothing written yet."));
        buf_puts(b, "</p>");
        return;
    }
    buf_printf(b, "<label for=\"%s\">%s</label><textarea id=\"%s\" name=\"%s\" rows=\"4\">", id,
               label, id, id);
    buf_put_html(b, value);
    buf_puts(b, "</textarea>");
}

/* For the mentee: when the talk was and what was decided, in words. */
static void put_eval_outcome(struct buf *b, const struct plan_evaluation *e)
{
    buf_printf(b, "<dl class=\"facts\"><div><dt>%s</dt><dd>", _("Date of the talk"));
    if (*e->held) page_plans_put_date(b, e->held);
    else buf_puts(b, _("Not held yet"));
    buf_printf(b, "</dd></div><div><dt>%s</dt><dd>", _("Outcome"));
    buf_puts(b, *e->outcome ? outcome_label(e->outcome) : _("Not decided yet"));
    buf_puts(b, "</dd></div></dl>\n");
}

char *page_plans_evaluation(const struct plan_page_ctx *c, const struct plan_view *v,
                            const struct plan_evaluation *e, int is_mentor, size_t *len)
{
    struct buf b;
    buf_init(&b);
    begin(&b, c, C_("page title", "Evaluation"));
    char *day = date_text(e->scheduled);
    /* TRANSLATORS: a heading: %1$s the planned date of the evaluation ("3 December 2026"). */
    buf_puts(&b, "<h1>"), buf_printf(&b, _("Evaluation of %1$s"), day);
    free(day);
    buf_printf(&b, "</h1>\n<p class=\"goal\"><span class=\"label\">%s</span> ", _("Goal:"));
    buf_put_html(&b, v->plan->goal);
    buf_puts(&b, "</p>\n");
    put_progress(&b, v, "eval-progress");
    if (v->noverdue) {
        buf_puts(&b, "<p class=\"late\"><strong>");
        put_late_steps(&b, v->noverdue);
        buf_puts(&b, "</strong></p>\n");
    }
    if (v->plan->finished) {
        /* A finished plan's evaluations are a record: shown, no longer changed. */
        buf_printf(&b, "<p class=\"notice\">%s</p>\n", _("This plan is finished: its "
                                                         "evaluations stay as they were."));
        put_textarea(&b, "mentor_notes", _("Notes from the mentor"), e->mentor_notes, 0);
        put_textarea(&b, "mentee_notes", _("Notes from the mentee"), e->mentee_notes, 0);
        buf_puts(&b, "<p><a class=\"button secondary\" href=\"");
        put_plan_link(&b, v->plan, "");
        buf_printf(&b, "\">%s</a></p>\n", _("Back to the plan"));
        return end(&b, len);
    }
    char *action = xasprintf("/plans/%lld/evaluations/%lld", (long long)v->plan->id,
                             (long long)e->id);
    put_form(&b, c, action, "plan-form");
    free(action);
    if (is_mentor) {
        buf_printf(&b, "<label for=\"held\">%s</label><input id=\"held\" "
                       "name=\"held\" type=\"date\" required value=\"%s\">",
                   _("Date of the talk"), *e->held ? e->held : c->today);
        buf_printf(&b, "<fieldset><legend>%s</legend>", _("How is it going?"));
        put_outcome(&b, "on-track", _("On track: keep the plan"), e->outcome);
        put_outcome(&b, "adjust", _("Adjust the plan (steps, pace or dates)"), e->outcome);
        buf_puts(&b, "</fieldset>");
    }
    if (!is_mentor) put_eval_outcome(&b, e);
    put_textarea(&b, "mentor_notes", _("Notes from the mentor"), e->mentor_notes, is_mentor);
    put_textarea(&b, "mentee_notes", _("Notes from the mentee"), e->mentee_notes, !is_mentor);
    buf_printf(&b, "<button type=\"submit\">%s</button></form>\n"
                   "<p><a class=\"button secondary\" href=\"", _("Save evaluation"));
    put_plan_link(&b, v->plan, "");
    buf_printf(&b, "\">%s</a></p>\n", _("Back to the plan"));
    return end(&b, len);
}

/* --- certificate ------------------------------------------------------------------------- */

char *page_plans_certificate(const struct plan_page_ctx *c, const struct plan_view *v,
                             const char *organisation, size_t *len)
{
    const struct plan *p = v->plan;
    struct buf b;
    buf_init(&b);
    begin(&b, c, _("Certificate"));
    char day[11];
    snprintf(day, sizeof day, "%.10s", p->finished_at);
    buf_puts(&b, "<article class=\"certificate\">");
    if (organisation && *organisation) {
        buf_puts(&b, "<p class=\"cert-org\">");
        buf_put_html(&b, organisation);
        buf_puts(&b, "</p>\n");
    }
    buf_printf(&b, "<p class=\"cert-kicker\">%s</p>\n<h1>", _("Certificate"));
    buf_put_html(&b, v->mentee_name);
    /* TRANSLATORS: on the certificate, below the mentee's name and above the goal. */
    buf_printf(&b, "</h1>\n<p>%s</p>\n<p class=\"cert-goal\">", _("reached the goal"));
    buf_put_html(&b, p->goal);
    char *from = date_text(p->start), *to = date_text(day);
    /* TRANSLATORS: on the certificate, below the goal: %1$s the plan's start date, %2$s the date
     * it was closed ("3 December 2026"). */
    buf_puts(&b, "</p>\n<p>"), buf_printf(&b, _("in a mentoring program from %1$s to %2$s."), from, to);
    buf_puts(&b, "</p>\n");
    free(from), free(to);
    if (v->ndone) {
        buf_printf(&b, "<h2>%s</h2>\n<ul class=\"cert-steps\">", C_("certificate", "Steps done"));
        for (size_t i = 0; i < v->nsteps; i++) {
            if (!v->steps[i].done) continue;
            buf_puts(&b, "<li>");
            i18n_put_in_lang(&b, v->steps[i].title, v->steps[i].lang);
            buf_puts(&b, "</li>");
        }
        buf_puts(&b, "</ul>\n");
    }
    char *names = html_escape(v->mentor_names), *issued = date_text(day);
    /* TRANSLATORS: on the certificate: %1$s the names of the mentors ("Marco, Sara"). */
    buf_puts(&b, "<div class=\"cert-foot\"><p class=\"cert-sign\">");
    buf_printf(&b, _("Mentor: %1$s"), names);
    buf_printf(&b, "</p><p class=\"cert-line\" aria-hidden=\"true\"></p><p>%s</p><p "
                   "class=\"cert-issued\">", _("Signature of the mentor"));
    /* TRANSLATORS: on the certificate: %1$s the date it was given ("3 December 2026"). */
    buf_printf(&b, _("Date of issue: %1$s"), issued);
    free(names), free(issued);
    buf_printf(&b, "</p></div>\n</article>\n<p class=\"no-print\"><button type=\"button\" "
                   "data-print hidden>%s</button></p>\n<p class=\"no-print\">%s</p>\n"
                   "<p class=\"no-print\"><a class=\"button secondary\" href=\"",
               _("Print the certificate"), _("To print it or save it as a PDF, you can also use "
                                             "Print in your browser menu."));
    put_plan_link(&b, p, "");
    buf_printf(&b, "\">%s</a></p>\n", _("Back to the plan"));
    return end(&b, len);
}

/* --- the agenda ------------------------------------------------------------------------ */

char *page_plans_calendar(const struct plan_page_ctx *c, const char *url, size_t *len)
{
    struct buf b;
    buf_init(&b);
    begin(&b, c, _("Evaluations in your agenda"));
    buf_printf(&b, "<h1>%s</h1>\n<p>%s</p>\n", _("Evaluations in your agenda"),
               _("Your agenda app (on your phone or computer) can show every evaluation of your "
                 "plans. Make a private address, then add it to your agenda as a calendar "
                 "subscription."));
    if (url) {
        buf_printf(&b, "<div class=\"notice\" role=\"status\"><p>%s</p><p class=\"card-url\">",
                   _("This is your private address. Copy it now: it is shown only this once."));
        buf_put_html(&b, url);
        buf_puts(&b, "</p></div>\n");
    }
    buf_printf(&b, "<p>%s</p>\n", _("Keep the address to yourself. A new address stops the old "
                                    "one."));
    put_form(&b, c, "/calendar", NULL);
    buf_printf(&b, "<button type=\"submit\">%s</button></form>\n", _("Make my agenda address"));
    return end(&b, len);
}

/* --- group assignment --------------------------------------------------------------------- */

char *page_plans_group(const struct plan_page_ctx *c, const struct plan_view *views, size_t n,
                       const struct plan_choice *modules, size_t nmodules,
                       const struct plan_choice *chosen, const int *has, const char *error,
                       size_t *len)
{
    struct buf b;
    buf_init(&b);
    begin(&b, c, _("Give a lesson to a group"));
    buf_printf(&b, "<h1>%s</h1>\n", _("Give a lesson to a group"));
    put_notice(&b, error, 1);
    size_t nactive = 0, nfree = 0;
    for (size_t i = 0; i < n; i++) {
        nactive += !views[i].plan->finished;
        nfree += !views[i].plan->finished && !has[i];
    }
    if (!nactive) {
        buf_printf(&b, "<p class=\"empty\">%s</p>\n", _("None of your mentees has an active "
                                                        "plan."));
        return end(&b, len);
    }
    if (!chosen) {
        /* First screen: the lesson, so that the next one can say who has it already. */
        buf_printf(&b, "<form method=\"get\" action=\"/groups/assign\" class=\"plan-form\">"
                       "<label for=\"module\">%s</label>", C_("form", "Lesson"));
        put_module_select(&b, "module", modules, nmodules);
        buf_printf(&b, "<button type=\"submit\">%s</button></form>\n",
                   _("Next: choose the mentees"));
        return end(&b, len);
    }
    buf_printf(&b, "<p class=\"goal\"><span class=\"label\">%s</span> ", _("Lesson:"));
    i18n_put_in_lang(&b, chosen->label, chosen->lang);
    buf_printf(&b, " <a href=\"/groups/assign\">%s</a></p>\n", _("Choose another lesson"));
    put_form(&b, c, "/groups/assign", "plan-form");
    put_hidden(&b, "module", chosen->key);
    buf_printf(&b, "<label for=\"level\">%s</label>", _("Level"));
    put_level_select_named(&b, "level", "level", 1, chosen->levels);
    buf_printf(&b, "<label for=\"due\">%s</label><input id=\"due\" name=\"due\" type=\"date\">"
                   "<fieldset><legend>%s</legend>", _("Due date"), _("Mentees"));
    if (nfree > 1)
        buf_printf(&b, "<div class=\"choice\"><input type=\"checkbox\" id=\"plan-all\" "
                       "name=\"all\" value=\"1\" data-select-all=\"plan\"><label for=\"plan-all\">"
                       "<strong>%s</strong></label></div>",
                   _("All my mentees who do not have it yet"));
    for (size_t i = 0; i < n; i++) {
        if (views[i].plan->finished) continue;
        long long id = (long long)views[i].plan->id;
        if (has[i]) {
            buf_puts(&b, "<p class=\"choice has\"><span aria-hidden=\"true\">\u2713</span> ");
            buf_put_html(&b, views[i].mentee_name);
            buf_puts(&b, " <span class=\"muted\">(");
            buf_put_html(&b, views[i].plan->goal);
            /* TRANSLATORS: after a mentee's name and goal in the group assignment. */
            buf_printf(&b, "): %s</span></p>", _("already in the plan"));
            continue;
        }
        buf_printf(&b, "<div class=\"choice\"><input type=\"checkbox\" id=\"plan-%lld\" "
                       "name=\"plan\" value=\"%lld\"><label for=\"plan-%lld\">", id, id, id);
        buf_put_html(&b, views[i].mentee_name);
        buf_puts(&b, " <span class=\"muted\">(");
        buf_put_html(&b, views[i].plan->goal);
        buf_puts(&b, ")</span></label></div>");
    }
    buf_puts(&b, "</fieldset>");
    if (nfree) buf_printf(&b, "<button type=\"submit\">%s</button></form>\n",
                          _("Add to their plans"));
    else buf_printf(&b, "<p class=\"empty\">%s</p></form>\n",
                    _("Every mentee has this lesson already."));
    return end(&b, len);
}
