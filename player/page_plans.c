/* page_plans.c: the mentoring plan pages (see page_plans.h). Mentors are busy and mentees use
 * phones with gloves: few words, one main action per screen, large targets, states said in
 * words and icons (never colour alone), forms that work without JavaScript. */
#include "player/page_plans.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "player/page_layout.h"
#include "server/buf.h"

#define EN NULL     /* the interface is English */

void page_plans_put_date(struct buf *b, const char *day)
{
    static const char *const months[] = {"January", "February", "March", "April", "May", "June",
                                         "July", "August", "September", "October", "November",
                                         "December"};
    struct tm tm = {0};
    const char *end = day ? strptime(day, "%Y-%m-%d", &tm) : NULL;
    if (!end || *end) {
        buf_put_html(b, day ? day : "");
        return;
    }
    buf_printf(b, "%d %s %d", tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900);
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
    buf_printf(b, "<div class=\"progress\"><label for=\"%s\">%d of %zu step%s done</label>"
                  "<progress id=\"%s\" max=\"100\" value=\"%d\">%d%%</progress></div>\n",
               id, v->ndone, v->nsteps, v->nsteps == 1 ? "" : "s", id, v->percent, v->percent);
}

static const char *state_icon(enum progress_state s)
{
    static const char *const icons[] = {"\u25CB", "\u25D1", "\u2715", "\u2713", "\u2605"};
    return (unsigned)s <= PROGRESS_PASSED ? icons[s] : icons[0];
}

static void put_state(struct buf *b, const struct plan_view_step *s)
{
    const char *label = s->step->kind == PLAN_STEP_PRACTICAL
                        ? (s->done ? "Signed off" : "Not done yet") : progress_label(s->state);
    buf_printf(b, "<span class=\"state %s\"><span aria-hidden=\"true\">%s</span> %s</span>",
               progress_token(s->state), state_icon(s->state), label);
}

/* "Lesson: Title (Basic)" or "With your mentor: task", then the due date. link: the lesson's
 * title links to the lesson at the step's level. */
static void put_step_line_linked(struct buf *b, const struct plan_view_step *s, int link)
{
    const struct plan_step *st = s->step;
    if (st->kind == PLAN_STEP_MODULE) {
        buf_puts(b, "<span class=\"kind\">Lesson:</span> ");
        if (link) {
            buf_puts(b, "<a href=\"/modules/");
            buf_put_url_segment(b, st->module_id);
            buf_printf(b, "?level=%d\">", st->level);
        }
        buf_put_html(b, s->title);
        if (link) buf_puts(b, "</a>");
        const char *lv = page_layout_level_name(st->level);
        if (lv) buf_printf(b, " <span class=\"level\">(%s)</span>", lv);
    } else {
        buf_puts(b, "<span class=\"kind\">With your mentor:</span> ");
        buf_put_html(b, s->title);
    }
    if (*st->due) {
        buf_puts(b, s->overdue ? " <span class=\"due late\"><strong>Late:</strong> was due "
                               : " <span class=\"due\">Due ");
        page_plans_put_date(b, st->due);
        buf_puts(b, "</span>");
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

static void begin(struct buf *b, const struct plan_page_ctx *c, const char *title)
{
    page_layout_begin(b, EN, title, NULL, c->viewer);
    buf_puts(b, PAGE_PLANS_CSS);
}

static char *end(struct buf *b, size_t *len)
{
    page_layout_end(b, EN);
    return buf_detach(b, len);
}

/* --- My plan ----------------------------------------------------------------------------- */

static void put_due(struct buf *b, const struct plan_view_step *s)
{
    if (!*s->step->due) return;
    buf_puts(b, s->overdue ? "<p class=\"due late\"><strong>Late:</strong> it was due "
                           : "<p class=\"due\">Do it by ");
    page_plans_put_date(b, s->step->due);
    buf_puts(b, ".</p>\n");
}

/* The next lesson as one big button (the mentee can always do that now); a task that waits
 * for the mentor comes after it, so it never blocks the lessons. i numbers the plan on the
 * page (ids stay unique when a mentee has several plans). */
static void put_next_step(struct buf *b, const struct plan_page_ctx *c, const struct plan_view *v,
                          size_t i)
{
    const struct plan_view_step *s = v->next_lesson;
    buf_printf(b, "<section class=\"next\" aria-labelledby=\"next-h-%zu\"><h3 "
                  "id=\"next-h-%zu\">Your next step</h3>\n", i, i);
    if (!v->nsteps) {
        buf_puts(b, "<p>This plan has no steps yet. Your mentor adds them.</p></section>\n");
        return;
    }
    if (!v->next) {
        buf_puts(b, "<p>You did every step. Well done! Talk with your mentor about what is "
                    "next.</p></section>\n");
        return;
    }
    if (s) {
        char *action = xasprintf("/plan/steps/%lld/start", (long long)s->step->id);
        put_form(b, c, action, "big-step");
        free(action);
        /* A failed check is "Not passed yet": the button says to try again. */
        buf_printf(b, "<button type=\"submit\" class=\"big\"><span class=\"verb\">%s"
                      "</span> <span class=\"what\">", s->state == PROGRESS_NOT_STARTED
                      ? "Start lesson" : s->state == PROGRESS_FAILED ? "Try again:"
                      : "Go on with lesson");
        buf_put_html(b, s->title);
        buf_puts(b, "</span></button></form>\n");
        put_due(b, s);
    }
    if (v->next->step->kind == PLAN_STEP_PRACTICAL) {
        buf_puts(b, "<div class=\"big-task\"><p><span class=\"verb\">With your mentor:</span> "
                    "<span class=\"what\">");
        buf_put_html(b, v->next->title);
        buf_puts(b, "</span></p><p>Your mentor signs it off when it is done.</p>");
        put_due(b, v->next);
        buf_puts(b, "</div>\n");
    }
    buf_puts(b, "</section>\n");
}

static void put_achievements(struct buf *b, const struct plan_view *v)
{
    int shown = 0;
    buf_puts(b, "<h3>What you did</h3>\n");
    for (size_t i = v->nsteps; i-- > 0 && shown < 3;) {
        const struct plan_view_step *s = &v->steps[i];
        if (!s->done) continue;
        if (!shown++) buf_puts(b, "<ul class=\"done-list\">");
        buf_printf(b, "<li><span aria-hidden=\"true\">%s</span> ", state_icon(s->state));
        buf_put_html(b, s->title);
        buf_puts(b, "</li>");
    }
    buf_puts(b, shown ? "</ul>\n" : "<p>Nothing yet. Your first step is waiting!</p>\n");
}

/* One active plan on My plan: its goal as the heading, then the next step and progress. */
static void put_active_plan(struct buf *b, const struct plan_page_ctx *c,
                            const struct plan_view *v, size_t i)
{
    char id[48];
    snprintf(id, sizeof id, "my-progress-%zu", i);
    buf_printf(b, "<section class=\"my-plan\" aria-labelledby=\"goal-%zu\"><h2 class=\"goal\" "
                  "id=\"goal-%zu\"><span class=\"label\">My goal:</span> ", i, i);
    buf_put_html(b, v->plan->goal);
    buf_puts(b, "</h2>\n");
    put_next_step(b, c, v, i);
    put_progress(b, v, id);
    if (v->next_eval) {
        buf_puts(b, "<p class=\"next-eval\">Next talk with your mentor: <strong>");
        page_plans_put_date(b, v->next_eval->scheduled);
        buf_puts(b, "</strong></p>\n");
    }
    put_achievements(b, v);
    buf_puts(b, "<p><a class=\"button secondary\" href=\"");
    put_plan_link(b, v->plan, "");
    buf_puts(b, "\">See my whole plan</a></p>\n</section>\n");
}

static void put_my_mentors(struct buf *b, const struct plan_mentor_line *m, size_t n)
{
    if (!n) return;
    buf_puts(b, "<ul class=\"plain my-mentors\">");
    for (size_t i = 0; i < n; i++) {
        struct buf name, group, since;
        buf_init(&name), buf_init(&group), buf_init(&since);
        buf_puts(&name, ""), buf_puts(&group, ""), buf_puts(&since, "");   /* never NULL */
        buf_put_html(&name, m[i].name);
        buf_put_html(&group, m[i].group);
        page_plans_put_date(&since, m[i].since);
        buf_puts(b, "<li>");
        if (*m[i].group)
            buf_printf(b, "Your mentor in the group %s is <strong>%s</strong>, since %s.",
                       group.data, name.data, since.data);
        else
            buf_printf(b, "Your mentor is <strong>%s</strong>, since %s.", name.data, since.data);
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
    begin(&b, c, "My plan");
    buf_puts(&b, "<h1>My plan</h1>\n");
    put_notice(&b, notice, 0);
    put_my_mentors(&b, mentors, nmentors);
    for (size_t i = 0; i < nactive; i++) put_active_plan(&b, c, &active[i], i);
    if (!nactive && !nmentored)
        buf_puts(&b, "<p class=\"empty\">You have no plan right now. Ask your mentor to make "
                     "one with you.</p>\n");
    if (nmentored)
        buf_printf(&b, "<h2>You are a mentor</h2>\n<p>You mentor %zu plan%s.</p>\n<p><a "
                       "class=\"button\" href=\"/mentor\">My mentees</a></p>\n", nmentored,
                   nmentored == 1 ? "" : "s");
    if (nactive || nmentored)
        buf_puts(&b, "<p><a class=\"button secondary\" href=\"/calendar\">Put the evaluations "
                     "in my agenda</a></p>\n");
    if (nfinished) {
        buf_puts(&b, "<h2>Plans you finished</h2>\n<ul class=\"plain\">");
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

/* A date as a string the page shows (caller frees). */
static char *date_text(const char *day)
{
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "");
    page_plans_put_date(&b, day);
    return buf_detach(&b, NULL);
}

/* The next evaluation in words: overdue, today, or in N days. */
static void put_eval_when(struct buf *b, const struct plan_view *v)
{
    if (!v->next_eval) {
        buf_puts(b, "No evaluation planned");
        return;
    }
    char *day = date_text(v->next_eval->scheduled);
    int d = v->eval_days;
    if (d < 0) buf_printf(b, "<strong>Evaluation overdue</strong> since %s", day);
    else if (d == 0) buf_printf(b, "<strong>Evaluation today</strong> (%s)", day);
    else if (d == 1) buf_printf(b, "Evaluation tomorrow (%s)", day);
    else buf_printf(b, "Evaluation in %d days (%s)", d, day);
    free(day);
}

static void put_last_activity(struct buf *b, const struct plan_view *v)
{
    if (!*v->last_activity) {
        buf_puts(b, "No activity yet");
        return;
    }
    char *day = date_text(v->last_activity);
    buf_printf(b, "Last active on %s", day);
    free(day);
}

/* What needs the mentor on one plan, as short lines. */
static void put_needs(struct buf *b, const struct plan_view *v)
{
    if (v->nwaiting)
        buf_printf(b, "<p class=\"late\"><span aria-hidden=\"true\">\u270B\uFE0E</span> <strong>%s"
                      "</strong></p>", v->nwaiting == 1 ? "A task waits for your sign-off"
                                                        : "Tasks wait for your sign-off");
    if (v->noverdue)
        buf_printf(b, "<p class=\"late\"><span aria-hidden=\"true\">\u26A0\uFE0E</span> "
                      "<strong>%d step%s late</strong></p>", v->noverdue,
                   v->noverdue == 1 ? "" : "s");
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

static void put_dashboard_card(struct buf *b, const struct plan_view *v, size_t i)
{
    buf_puts(b, "<li class=\"card plan-card\"><h3>");
    put_plan_name_link(b, v);
    buf_puts(b, "</h3>");
    char id[32];
    snprintf(id, sizeof id, "progress-%zu", i);
    put_progress(b, v, id);
    if (v->plan->finished) {
        buf_puts(b, "<p>Finished on ");
        char day[11];
        snprintf(day, sizeof day, "%.10s", v->plan->finished_at);
        page_plans_put_date(b, day);
        buf_puts(b, "</p></li>\n");
        return;
    }
    put_needs(b, v);
    buf_puts(b, "<p>");
    put_eval_when(b, v);
    buf_puts(b, "</p><p class=\"muted\">");
    put_last_activity(b, v);
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
static void put_dashboard_table(struct buf *b, const struct plan_view *const *order, size_t n)
{
    buf_puts(b, "<table class=\"dash-table\"><caption class=\"visually-hidden\">Active plans, most "
                "urgent first</caption><thead><tr><th scope=\"col\">Plan</th><th scope=\"col\">"
                "Needs you</th><th scope=\"col\">Steps done</th><th scope=\"col\">Evaluation</th>"
                "<th scope=\"col\">Last activity</th></tr></thead><tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const struct plan_view *v = order[i];
        buf_puts(b, "<tr><th scope=\"row\">");
        put_plan_name_link(b, v);
        buf_puts(b, "</th><td>");
        put_needs(b, v);
        buf_printf(b, "</td><td>%d of %zu</td><td>", v->ndone, v->nsteps);
        put_eval_when(b, v);
        buf_puts(b, "</td><td>");
        put_last_activity(b, v);
        buf_puts(b, "</td></tr>\n");
    }
    buf_puts(b, "</tbody></table>\n");
}

char *page_plans_mentor(const struct plan_page_ctx *c, const struct plan_view *views, size_t n,
                        const char *notice, size_t *len)
{
    struct buf b;
    buf_init(&b);
    begin(&b, c, "My mentees");
    buf_puts(&b, "<h1>My mentees</h1>\n");
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
    if (waiting || late || overdue) {
        buf_puts(&b, "<ul class=\"needs-you\" aria-label=\"What needs you\">");
        if (waiting)
            buf_printf(&b, waiting == 1 ? "<li>%d sign-off waits for you.</li>"
                                        : "<li>%d sign-offs wait for you.</li>", waiting);
        if (late)
            buf_printf(&b, late == 1 ? "<li>%d step is late.</li>" : "<li>%d steps are late.</li>",
                       late);
        if (overdue)
            buf_printf(&b, overdue == 1 ? "<li>%d evaluation is overdue.</li>"
                                        : "<li>%d evaluations are overdue.</li>", overdue);
        buf_puts(&b, "</ul>\n");
    }
    buf_puts(&b, "<p class=\"actions\"><a class=\"button\" href=\"/plans/new\">New plan</a> "
                 "<a class=\"button secondary\" href=\"/groups/assign\">Give a lesson to a "
                 "group</a> <a class=\"button secondary\" href=\"/admin/pairings\">Pair yourself "
                 "with a mentee</a> <a class=\"button secondary\" href=\"/calendar\">Evaluations "
                 "in my agenda</a></p>\n");
    buf_printf(&b, "<h2>Active plans (%zu)</h2>\n", nactive);
    if (!nactive) buf_puts(&b, "<p class=\"empty\">You have no active plans. Make a new plan "
                               "with a mentee to start.</p>\n");
    else {
        put_dashboard_table(&b, order, nactive);
        buf_puts(&b, "<ul class=\"cards dash-cards\">\n");
    }
    for (size_t i = 0; i < nactive; i++) put_dashboard_card(&b, order[i], i);
    if (nactive) buf_puts(&b, "</ul>\n");
    if (n > nactive) {
        buf_printf(&b, "<h2>Finished plans (%zu)</h2>\n<ul class=\"cards\">\n", n - nactive);
        for (size_t i = 0; i < n; i++)
            if (views[i].plan->finished) put_dashboard_card(&b, &views[i], nactive + i);
        buf_puts(&b, "</ul>\n");
    }
    free(order);
    return end(&b, len);
}

/* --- one plan ---------------------------------------------------------------------------- */

static void put_plan_facts(struct buf *b, const struct plan_view *v)
{
    const struct plan *p = v->plan;
    buf_puts(b, "<dl class=\"facts plan-facts\"><div><dt>Mentee</dt><dd>");
    buf_put_html(b, v->mentee_name);
    buf_puts(b, "</dd></div><div><dt>Mentor</dt><dd>");
    buf_put_html(b, v->mentor_names);
    buf_puts(b, "</dd></div><div><dt>Start</dt><dd>");
    page_plans_put_date(b, p->start);
    buf_puts(b, "</dd></div><div><dt>Goal date</dt><dd>");
    page_plans_put_date(b, p->target);
    buf_puts(b, "</dd></div></dl>\n");
}

static void put_steps(struct buf *b, const struct plan_page_ctx *c, const struct plan_view *v,
                      int is_mentor)
{
    buf_puts(b, "<h2>Steps</h2>\n");
    if (!v->nsteps) {
        buf_puts(b, "<p class=\"empty\">No steps yet.</p>\n");
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
            buf_puts(b, "<button type=\"submit\">Sign off as done"
                        "<span class=\"visually-hidden\">: ");
            buf_put_html(b, s->title);
            buf_puts(b, "</span></button></form>");
        }
        buf_puts(b, "</li>\n");
    }
    buf_puts(b, "</ol>\n");
}

static const char *outcome_label(const char *outcome)
{
    return !strcmp(outcome, "on-track") ? "On track" : !strcmp(outcome, "adjust")
           ? "Adjust the plan" : "";
}

static void put_evaluations(struct buf *b, const struct plan_view *v)
{
    const struct plan *p = v->plan;
    buf_puts(b, "<h2>Evaluations</h2>\n");
    if (!p->nevals) {
        buf_puts(b, "<p class=\"empty\">No evaluations planned.</p>\n");
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
                          "</span> Held</span> %s", outcome_label(e->outcome));
        } else {
            buf_puts(b, "<span class=\"state not-started\">Planned</span>");
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
    buf_puts(b, "<h2>Finish</h2>\n<p class=\"notice\">The goal is reached. Well done!</p>\n"
                "<p><a class=\"button\" href=\"");
    put_plan_link(b, p, "/certificate");
    buf_puts(b, "\">Certificate</a></p>\n<h3>Reflections</h3>\n");
    for (size_t i = 0; i < p->nreflections; i++) {
        const struct plan_reflection *r = &p->reflections[i];
        buf_printf(b, "<blockquote class=\"reflection\"><p>%s</p>",
                   r->user_id == p->mentee_id ? "From the mentee:" : "From a mentor:");
        buf_puts(b, "<p>");
        buf_put_html(b, r->text);
        buf_puts(b, "</p></blockquote>\n");
    }
    const struct plan_reflection *mine = reflection_of(p, c->user_id);
    action = xasprintf("/plans/%lld/reflection", (long long)p->id);
    put_form(b, c, action, "plan-form");
    free(action);
    buf_puts(b, "<label for=\"reflection\">Your reflection: what went well, and a tip for next "
                "time</label><textarea id=\"reflection\" name=\"text\" rows=\"4\" required>");
    if (mine) buf_put_html(b, mine->text);
    buf_puts(b, "</textarea><button type=\"submit\">Save my reflection</button></form>\n");
    if (!is_mentor) return;
    buf_puts(b, "<h3>A new goal</h3>\n");
    action = xasprintf("/plans/%lld/follow-up", (long long)p->id);
    put_form(b, c, action, "plan-form");
    free(action);
    buf_puts(b, "<label for=\"new-goal\">New goal</label><input id=\"new-goal\" name=\"goal\" "
                "required maxlength=\"300\"><label for=\"new-target\">Goal date</label>"
                "<input id=\"new-target\" name=\"target\" type=\"date\" required>"
                "<button type=\"submit\">Start a follow-up plan</button></form>\n");
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
    buf_puts(b, "<details class=\"history\"><summary>Plan history (every change)</summary>"
                "<ol class=\"history-list\">\n");
    for (size_t i = n; i-- > 0;) {
        char day[11];
        snprintf(day, sizeof day, "%.10s", h[i].at);
        buf_puts(b, "<li><span class=\"when\">");
        page_plans_put_date(b, day);
        buf_puts(b, ", ");
        buf_put_html(b, h[i].user_name);
        buf_puts(b, ":</span> ");
        put_text_dates(b, h[i].text);
        buf_puts(b, "</li>\n");
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
    buf_printf(b, "<p>Closed too early? You can open the plan again until %s.</p>\n", day.data);
    buf_free(&day);
    put_form(b, c, action, NULL);
    free(action);
    buf_puts(b, "<button type=\"submit\" class=\"secondary\">Open the plan again</button></form>\n");
}

char *page_plans_plan(const struct plan_page_ctx *c, const struct plan_view *v, int is_mentor,
                      const struct plan_history_entry *history, size_t nhistory,
                      const struct plan_undo *undo, const char *reopen_until, size_t *len)
{
    const struct plan *p = v->plan;
    struct buf b;
    buf_init(&b);
    begin(&b, c, is_mentor ? v->mentee_name : "My plan");
    buf_puts(&b, "<h1>");
    if (is_mentor) {
        buf_puts(&b, "Plan of ");
        buf_put_html(&b, v->mentee_name);
    } else {
        buf_puts(&b, "My plan");
    }
    buf_puts(&b, "</h1>\n<p class=\"goal\"><span class=\"label\">Goal:</span> ");
    buf_put_html(&b, p->goal);
    buf_puts(&b, "</p>\n");
    put_undo(&b, c, undo);
    put_plan_facts(&b, v);
    put_progress(&b, v, "plan-progress");
    if (is_mentor && !p->finished) {
        buf_puts(&b, "<p class=\"actions\"><a class=\"button\" href=\"");
        put_plan_link(&b, p, "/edit");
        buf_puts(&b, "\">Change plan</a></p>\n");
    }
    put_steps(&b, c, v, is_mentor);
    put_evaluations(&b, v);
    if (p->finished) {
        put_finish_part(&b, c, v, is_mentor);
        if (is_mentor) put_reopen(&b, c, p, reopen_until);
    } else if (is_mentor) {
        char *action = xasprintf("/plans/%lld/finish", (long long)p->id);
        buf_puts(&b, "<h2>Finish</h2>\n<p>Is the goal reached? Then close the plan. The mentee "
                     "gets a certificate.</p>\n");
        put_form(&b, c, action, NULL);
        free(action);
        /* Steps left: without JavaScript the server asks on a page of its own; with it the
         * browser asks here (player.js), and the page is not needed. */
        buf_puts(&b, "<button type=\"submit\"");
        if ((size_t)v->ndone < v->nsteps)
            buf_printf(&b, " data-confirm=\"%zu of %zu steps are not done yet. Close the plan "
                           "anyway? The mentee gets a certificate.\"",
                       v->nsteps - (size_t)v->ndone, v->nsteps);
        buf_puts(&b, ">Goal reached: close the plan</button></form>\n");
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
    begin(&b, c, "Close the plan?");
    buf_puts(&b, "<h1>Close the plan of ");
    buf_put_html(&b, v->mentee_name);
    buf_printf(&b, "?</h1>\n<p class=\"alert\" role=\"alert\">Not every step is done: %zu of %zu "
                   "steps are not done yet.</p>\n<ul class=\"not-done\">", v->nsteps - (size_t)v->ndone,
               v->nsteps);
    for (size_t i = 0; i < v->nsteps; i++) {
        if (v->steps[i].done) continue;
        buf_puts(&b, "<li>");
        put_step_line(&b, &v->steps[i]);
        buf_puts(&b, "</li>");
    }
    buf_puts(&b, "</ul>\n<p>When you close the plan, the mentee gets a certificate.</p>\n");
    if (reopen_days)
        buf_printf(&b, "<p>You can open the plan again within %u days.</p>\n", reopen_days);
    char *action = xasprintf("/plans/%lld/finish", (long long)p->id);
    put_form(&b, c, action, "inline");
    free(action);
    put_hidden(&b, "confirm", "yes");
    buf_puts(&b, "<button type=\"submit\">Yes, close the plan</button></form>\n<p><a class=\"button "
                 "secondary\" href=\"");
    put_plan_link(&b, p, "");
    buf_puts(&b, "\">No, back to the plan</a></p>\n");
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
    buf_printf(b, "<select id=\"%s\" name=\"%s\"><option value=\"-1\"%s>Not talked about yet"
                  "</option><option value=\"1\"%s>Yes</option><option value=\"0\"%s>No"
                  "</option></select>", id, name, value < 0 ? " selected" : "",
               value > 0 ? " selected" : "", value == 0 ? " selected" : "");
}

static void put_goal_fields(struct buf *b, const struct plan *p)
{
    buf_puts(b, "<label for=\"goal\">Goal (the dot on the horizon)</label>"
                "<input id=\"goal\" name=\"goal\" required maxlength=\"300\" value=\"");
    buf_put_html(b, p ? p->goal : "");
    buf_printf(b, "\"><label for=\"start\">Start date</label><input id=\"start\" name=\"start\" "
                  "type=\"date\" required value=\"%s\"><label for=\"target\">Goal date</label>"
                  "<input id=\"target\" name=\"target\" type=\"date\" required value=\"%s\">"
                  "<label for=\"interval\">Days between evaluations</label><input id=\"interval\""
                  " name=\"interval\" type=\"number\" min=\"7\" max=\"182\" required "
                  "value=\"%d\">", p ? p->start : "", p ? p->target : "",
               p && p->eval_interval_days > 0 ? p->eval_interval_days : 28);
    buf_puts(b, "<fieldset><legend>Intake talk</legend><label for=\"click\">Is there a click "
                "between you?</label>");
    put_yes_no(b, "click", "click", p ? p->intake_click : -1);
    buf_puts(b, "<label for=\"clear\">Is the learning question clear?</label>");
    put_yes_no(b, "clear", "clear", p ? p->intake_clear : -1);
    buf_puts(b, "<label for=\"notes\">Notes</label><textarea id=\"notes\" name=\"notes\" "
                "rows=\"3\">");
    buf_put_html(b, p ? p->intake_notes : "");
    buf_puts(b, "</textarea></fieldset>");
}

/* "Saved." in the part of the editor that was just saved (saved names it: "goal", "step-<id>",
 * "steps"), so the person sees it where the page opens. */
static void put_saved(struct buf *b, const char *saved, const char *here)
{
    if (saved && !strcmp(saved, here))
        buf_puts(b, "<p class=\"notice saved\" role=\"status\">Saved.</p>");
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
        buf_printf(b, "<label for=\"%s\">Level</label>", id);
        put_level_select_named(b, id, id, st->level, levels);
    } else {
        buf_printf(b, "<label for=\"title-%lld\">Task</label><input id=\"title-%lld\" "
                      "name=\"title-%lld\" required maxlength=\"300\" value=\"", sid, sid, sid);
        buf_put_html(b, st->title);
        buf_puts(b, "\">");
    }
    buf_printf(b, "<label for=\"due-%lld\">Due date</label><input id=\"due-%lld\" "
                  "name=\"due-%lld\" type=\"date\" value=\"%s\"><div class=\"actions\">", sid, sid,
               sid, st->due);
    /* No "Move up" on the first step, no "Move down" on the last: they would do nothing. */
    if (i > 0)
        buf_printf(b, "<button type=\"submit\" name=\"do\" value=\"step-up:%lld\" "
                      "class=\"secondary\">Move up<span class=\"visually-hidden\"> step %d</span>"
                      "</button>", sid, st->position);
    if (i + 1 < n)
        buf_printf(b, "<button type=\"submit\" name=\"do\" value=\"step-down:%lld\" "
                      "class=\"secondary\">Move down<span class=\"visually-hidden\"> step %d"
                      "</span></button>", sid, st->position);
    buf_printf(b, "<button type=\"submit\" name=\"do\" value=\"step-remove:%lld\" "
                  "class=\"secondary\">Remove<span class=\"visually-hidden\"> step %d</span>"
                  "</button></div></li>\n", sid, st->position);
}

static void put_module_select(struct buf *b, const char *id, const struct plan_choice *modules,
                              size_t n)
{
    buf_printf(b, "<select id=\"%s\" name=\"module\"><option value=\"\">Choose a lesson</option>",
               id);
    for (size_t i = 0; i < n; i++) {
        buf_puts(b, "<option value=\"");
        buf_put_html(b, modules[i].key);
        buf_puts(b, "\">");
        buf_put_html(b, modules[i].label);
        buf_puts(b, "</option>");
    }
    buf_puts(b, "</select>");
}

static void put_save_button(struct buf *b)
{
    buf_puts(b, "<p class=\"save-all\"><button type=\"submit\" name=\"do\" value=\"save\">"
                "Save all changes</button></p>\n");
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
    begin(&b, c, "Change plan");
    buf_puts(&b, "<h1>Change the plan of ");
    buf_put_html(&b, v->mentee_name);
    buf_puts(&b, "</h1>\n");
    put_notice(&b, error, 1);
    buf_puts(&b, "<p><a class=\"button secondary\" href=\"");
    put_plan_link(&b, p, "");
    buf_puts(&b, "\">Back to the plan</a></p>\n<p>Change what you want, then press \"Save all "
                 "changes\". Every change is kept in the plan history.</p>\n");
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

    buf_puts(&b, "<h2 id=\"goal\">Goal and dates</h2>\n");
    put_saved(&b, saved, "goal");
    put_goal_fields(&b, p);

    buf_puts(&b, "<h2 id=\"steps\">Steps</h2>\n");
    put_saved(&b, saved, "steps");
    if (!v->nsteps) buf_puts(&b, "<p class=\"empty\">No steps yet. Add the first one below.</p>\n");
    else buf_puts(&b, "<ol class=\"cards\">\n");
    for (size_t i = 0; i < v->nsteps; i++)
        put_step_editor(&b, &v->steps[i], i, v->nsteps, modules, nmodules, saved);
    if (v->nsteps) buf_puts(&b, "</ol>\n");
    put_save_button(&b);

    buf_puts(&b, "<h2 id=\"add\">Add a lesson</h2>\n");
    put_saved(&b, saved, "add");
    buf_puts(&b, "<label for=\"add-module\">Lesson</label>");
    put_module_select(&b, "add-module", modules, nmodules);
    buf_puts(&b, "<label for=\"add-level\">Level</label>");
    put_level_select_named(&b, "add-level", "level", 1, 0);
    buf_puts(&b, "<label for=\"add-due\">Due date</label><input id=\"add-due\" name=\"due\" "
                 "type=\"date\"><button type=\"submit\" name=\"do\" value=\"add-module\">Add lesson"
                 "</button>\n");

    buf_puts(&b, "<h2>Add a task to do with the mentor</h2>\n");
    buf_puts(&b, "<label for=\"task-title\">Task (for example: do the changeover while your "
                 "mentor watches)</label><input id=\"task-title\" name=\"title\" "
                 "maxlength=\"300\"><label for=\"task-due\">Due date</label><input "
                 "id=\"task-due\" name=\"task_due\" type=\"date\"><button type=\"submit\" "
                 "name=\"do\" value=\"add-task\">Add task</button>\n");

    buf_puts(&b, "<h2 id=\"evaluation\">Add an evaluation</h2>\n");
    put_saved(&b, saved, "evaluation");
    buf_puts(&b, "<label for=\"eval-day\">Date</label><input id=\"eval-day\" name=\"day\" "
                 "type=\"date\"><button type=\"submit\" name=\"do\" value=\"add-evaluation\">Plan "
                 "evaluation</button></form>\n");
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
    begin(&b, c, "New plan");
    buf_puts(&b, "<h1>New plan</h1>\n");
    put_notice(&b, error, 1);
    if (!npeople) {
        buf_puts(&b, "<p class=\"empty\">Nobody is paired with you as a mentee yet. Ask your "
                     "coordinator to pair you with your mentees.</p>\n");
        return end(&b, len);
    }
    buf_puts(&b, "<p>You are the mentor of this plan. Add the steps on the next screen.</p>\n");
    put_form(&b, c, "/plans/new", "plan-form");
    /* No one is chosen for the mentor: a plan for the wrong person is worse than one tap. */
    buf_puts(&b, "<label for=\"mentee\">Mentee</label><select id=\"mentee\" name=\"mentee\" "
                 "required><option value=\"\">Choose your mentee</option>");
    put_people_options(&b, people, npeople);
    buf_puts(&b, "</select><label for=\"mentor2\">Second mentor (if any)</label>"
                 "<select id=\"mentor2\" name=\"mentor2\"><option value=\"0\">None</option>");
    put_people_options(&b, mentors, nmentors);
    buf_puts(&b, "</select>");
    struct plan draft = {.goal = "", .intake_notes = "", .intake_click = -1, .intake_clear = -1,
                         .eval_interval_days = 28};
    snprintf(draft.start, sizeof draft.start, "%s", c->today);
    put_goal_fields(&b, &draft);
    buf_puts(&b, "<button type=\"submit\">Make the plan</button></form>\n");
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
        buf_put_html(b, *value ? value : "Nothing written yet.");
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
    buf_puts(b, "<dl class=\"facts\"><div><dt>Date of the talk</dt><dd>");
    if (*e->held) page_plans_put_date(b, e->held);
    else buf_puts(b, "Not held yet");
    buf_puts(b, "</dd></div><div><dt>Outcome</dt><dd>");
    buf_puts(b, *e->outcome ? outcome_label(e->outcome) : "Not decided yet");
    buf_puts(b, "</dd></div></dl>\n");
}

char *page_plans_evaluation(const struct plan_page_ctx *c, const struct plan_view *v,
                            const struct plan_evaluation *e, int is_mentor, size_t *len)
{
    struct buf b;
    buf_init(&b);
    begin(&b, c, "Evaluation");
    buf_puts(&b, "<h1>Evaluation of ");
    page_plans_put_date(&b, e->scheduled);
    buf_puts(&b, "</h1>\n<p class=\"goal\"><span class=\"label\">Goal:</span> ");
    buf_put_html(&b, v->plan->goal);
    buf_puts(&b, "</p>\n");
    put_progress(&b, v, "eval-progress");
    if (v->noverdue)
        buf_printf(&b, "<p class=\"late\"><strong>%d step%s late</strong></p>\n", v->noverdue,
                   v->noverdue == 1 ? "" : "s");
    if (v->plan->finished) {
        /* A finished plan's evaluations are a record: shown, no longer changed. */
        buf_puts(&b, "<p class=\"notice\">This plan is finished: its evaluations stay as they "
                     "were.</p>\n");
        put_textarea(&b, "mentor_notes", "Notes from the mentor", e->mentor_notes, 0);
        put_textarea(&b, "mentee_notes", "Notes from the mentee", e->mentee_notes, 0);
        buf_puts(&b, "<p><a class=\"button secondary\" href=\"");
        put_plan_link(&b, v->plan, "");
        buf_puts(&b, "\">Back to the plan</a></p>\n");
        return end(&b, len);
    }
    char *action = xasprintf("/plans/%lld/evaluations/%lld", (long long)v->plan->id,
                             (long long)e->id);
    put_form(&b, c, action, "plan-form");
    free(action);
    if (is_mentor) {
        buf_printf(&b, "<label for=\"held\">Date of the talk</label><input id=\"held\" "
                       "name=\"held\" type=\"date\" required value=\"%s\">",
                   *e->held ? e->held : c->today);
        buf_puts(&b, "<fieldset><legend>How is it going?</legend>");
        put_outcome(&b, "on-track", "On track: keep the plan", e->outcome);
        put_outcome(&b, "adjust", "Adjust the plan (steps, pace or dates)", e->outcome);
        buf_puts(&b, "</fieldset>");
    }
    if (!is_mentor) put_eval_outcome(&b, e);
    put_textarea(&b, "mentor_notes", "Notes from the mentor", e->mentor_notes, is_mentor);
    put_textarea(&b, "mentee_notes", "Notes from the mentee", e->mentee_notes, !is_mentor);
    buf_puts(&b, "<button type=\"submit\">Save evaluation</button></form>\n"
                 "<p><a class=\"button secondary\" href=\"");
    put_plan_link(&b, v->plan, "");
    buf_puts(&b, "\">Back to the plan</a></p>\n");
    return end(&b, len);
}

/* --- certificate ------------------------------------------------------------------------- */

char *page_plans_certificate(const struct plan_page_ctx *c, const struct plan_view *v,
                             const char *organisation, size_t *len)
{
    const struct plan *p = v->plan;
    struct buf b;
    buf_init(&b);
    begin(&b, c, "Certificate");
    char day[11];
    snprintf(day, sizeof day, "%.10s", p->finished_at);
    buf_puts(&b, "<article class=\"certificate\">");
    if (organisation && *organisation) {
        buf_puts(&b, "<p class=\"cert-org\">");
        buf_put_html(&b, organisation);
        buf_puts(&b, "</p>\n");
    }
    buf_puts(&b, "<p class=\"cert-kicker\">Certificate</p>\n<h1>");
    buf_put_html(&b, v->mentee_name);
    buf_puts(&b, "</h1>\n<p>reached the goal</p>\n<p class=\"cert-goal\">");
    buf_put_html(&b, p->goal);
    buf_puts(&b, "</p>\n<p>in a mentoring program from ");
    page_plans_put_date(&b, p->start);
    buf_puts(&b, " to ");
    page_plans_put_date(&b, day);
    buf_puts(&b, ".</p>\n");
    if (v->ndone) {
        buf_puts(&b, "<h2>Steps done</h2>\n<ul class=\"cert-steps\">");
        for (size_t i = 0; i < v->nsteps; i++) {
            if (!v->steps[i].done) continue;
            buf_puts(&b, "<li>");
            buf_put_html(&b, v->steps[i].title);
            buf_puts(&b, "</li>");
        }
        buf_puts(&b, "</ul>\n");
    }
    buf_puts(&b, "<div class=\"cert-foot\"><p class=\"cert-sign\">Mentor: ");
    buf_put_html(&b, v->mentor_names);
    buf_puts(&b, "</p><p class=\"cert-line\" aria-hidden=\"true\"></p><p>Signature of the mentor"
                 "</p><p class=\"cert-issued\">Date of issue: ");
    page_plans_put_date(&b, day);
    buf_puts(&b, "</p></div>\n</article>\n<p class=\"no-print\"><button type=\"button\" data-print "
                 "hidden>Print the certificate</button></p>\n<p class=\"no-print\">To print it or "
                 "save it as a PDF, you can also use Print in your browser menu.</p>\n"
                 "<p class=\"no-print\"><a class=\"button secondary\" href=\"");
    put_plan_link(&b, p, "");
    buf_puts(&b, "\">Back to the plan</a></p>\n");
    return end(&b, len);
}

/* --- the agenda ------------------------------------------------------------------------ */

char *page_plans_calendar(const struct plan_page_ctx *c, const char *url, size_t *len)
{
    struct buf b;
    buf_init(&b);
    begin(&b, c, "Evaluations in your agenda");
    buf_puts(&b, "<h1>Evaluations in your agenda</h1>\n<p>Your agenda app (on your phone or "
                 "computer) can show every evaluation of your plans. Make a private address, "
                 "then add it to your agenda as a calendar subscription.</p>\n");
    if (url) {
        buf_puts(&b, "<div class=\"notice\" role=\"status\"><p>This is your private address. "
                     "Copy it now: it is shown only this once.</p><p class=\"card-url\">");
        buf_put_html(&b, url);
        buf_puts(&b, "</p></div>\n");
    }
    buf_puts(&b, "<p>Keep the address to yourself. A new address stops the old one.</p>\n");
    put_form(&b, c, "/calendar", NULL);
    buf_puts(&b, "<button type=\"submit\">Make my agenda address</button></form>\n");
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
    begin(&b, c, "Give a lesson to a group");
    buf_puts(&b, "<h1>Give a lesson to a group</h1>\n");
    put_notice(&b, error, 1);
    size_t nactive = 0, nfree = 0;
    for (size_t i = 0; i < n; i++) {
        nactive += !views[i].plan->finished;
        nfree += !views[i].plan->finished && !has[i];
    }
    if (!nactive) {
        buf_puts(&b, "<p class=\"empty\">None of your mentees has an active plan.</p>\n");
        return end(&b, len);
    }
    if (!chosen) {
        /* First screen: the lesson, so that the next one can say who has it already. */
        buf_puts(&b, "<form method=\"get\" action=\"/groups/assign\" class=\"plan-form\">"
                     "<label for=\"module\">Lesson</label>");
        put_module_select(&b, "module", modules, nmodules);
        buf_puts(&b, "<button type=\"submit\">Next: choose the mentees</button></form>\n");
        return end(&b, len);
    }
    buf_puts(&b, "<p class=\"goal\"><span class=\"label\">Lesson:</span> ");
    buf_put_html(&b, chosen->label);
    buf_puts(&b, " <a href=\"/groups/assign\">Choose another lesson</a></p>\n");
    put_form(&b, c, "/groups/assign", "plan-form");
    put_hidden(&b, "module", chosen->key);
    buf_puts(&b, "<label for=\"level\">Level</label>");
    put_level_select_named(&b, "level", "level", 1, chosen->levels);
    buf_puts(&b, "<label for=\"due\">Due date</label><input id=\"due\" name=\"due\" type=\"date\">"
                 "<fieldset><legend>Mentees</legend>");
    if (nfree > 1)
        buf_puts(&b, "<div class=\"choice\"><input type=\"checkbox\" id=\"plan-all\" name=\"all\" "
                     "value=\"1\" data-select-all=\"plan\"><label for=\"plan-all\"><strong>All my "
                     "mentees who do not have it yet</strong></label></div>");
    for (size_t i = 0; i < n; i++) {
        if (views[i].plan->finished) continue;
        long long id = (long long)views[i].plan->id;
        if (has[i]) {
            buf_puts(&b, "<p class=\"choice has\"><span aria-hidden=\"true\">\u2713</span> ");
            buf_put_html(&b, views[i].mentee_name);
            buf_puts(&b, " <span class=\"muted\">(");
            buf_put_html(&b, views[i].plan->goal);
            buf_puts(&b, "): already in the plan</span></p>");
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
    buf_puts(&b, nfree ? "<button type=\"submit\">Add to their plans</button></form>\n"
                       : "<p class=\"empty\">Every mentee has this lesson already.</p></form>\n");
    return end(&b, len);
}
