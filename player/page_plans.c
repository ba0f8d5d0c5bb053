/* page_plans.c: the mentoring plan pages (see page_plans.h). Mentors are busy and mentees use
 * phones with gloves: few words, one main action per screen, large targets, states said in
 * words and icons (never colour alone), forms that work without JavaScript. */
#include "player/page_plans.h"

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
    buf_puts(b, "<form method=\"post\" action=\"");
    buf_put_html(b, action);
    buf_puts(b, "\"");
    if (cls) buf_printf(b, " class=\"%s\"", cls);
    buf_puts(b, "><input type=\"hidden\" name=\"csrf\" value=\"");
    buf_put_html(b, c->csrf ? c->csrf : "");
    buf_puts(b, "\">");
}

static void put_hidden(struct buf *b, const char *name, const char *value)
{
    buf_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"", name);
    buf_put_html(b, value);
    buf_puts(b, "\">");
}

static void put_notice(struct buf *b, const char *notice, int error)
{
    if (!notice) return;
    buf_printf(b, "<p class=\"%s\" role=\"%s\">", error ? "alert" : "notice",
               error ? "alert" : "status");
    buf_put_html(b, notice);
    buf_puts(b, "</p>\n");
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

/* "Lesson: Title (Basic)" or "With your mentor: task", then the due date. */
static void put_step_line(struct buf *b, const struct plan_view_step *s)
{
    const struct plan_step *st = s->step;
    if (st->kind == PLAN_STEP_MODULE) {
        buf_puts(b, "<span class=\"kind\">Lesson:</span> ");
        buf_put_html(b, s->title);
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

static void put_plan_link(struct buf *b, const struct plan *p, const char *suffix)
{
    buf_printf(b, "/plans/%lld%s", (long long)p->id, suffix);
}

static void begin(struct buf *b, const struct plan_page_ctx *c, const char *title)
{
    page_layout_begin(b, EN, title, NULL, c->viewer);
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
 * for the mentor comes after it, so it never blocks the lessons. */
static void put_next_step(struct buf *b, const struct plan_page_ctx *c, const struct plan_view *v)
{
    const struct plan_view_step *s = v->next_lesson;
    buf_puts(b, "<section class=\"next\" aria-labelledby=\"next-h\"><h2 id=\"next-h\">"
                "Your next step</h2>\n");
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
    buf_puts(b, "<h2>What you did</h2>\n");
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

char *page_plans_home(const struct plan_page_ctx *c, const struct plan_view *active,
                      const struct plan_view *finished, size_t nfinished, size_t nmentored,
                      const char *notice, size_t *len)
{
    struct buf b;
    buf_init(&b);
    begin(&b, c, "My plan");
    buf_puts(&b, "<h1>My plan</h1>\n");
    put_notice(&b, notice, 0);
    if (active) {
        buf_puts(&b, "<p class=\"goal\"><span class=\"label\">My goal:</span> ");
        buf_put_html(&b, active->plan->goal);
        buf_puts(&b, "</p>\n");
        put_next_step(&b, c, active);
        put_progress(&b, active, "my-progress");
        if (active->next_eval) {
            buf_puts(&b, "<p class=\"next-eval\">Next talk with your mentor: <strong>");
            page_plans_put_date(&b, active->next_eval->scheduled);
            buf_puts(&b, "</strong></p>\n");
        }
        put_achievements(&b, active);
        buf_puts(&b, "<p><a class=\"button secondary\" href=\"");
        put_plan_link(&b, active->plan, "");
        buf_puts(&b, "\">See my whole plan</a></p>\n");
    } else if (!nmentored) {
        buf_puts(&b, "<p class=\"empty\">You have no plan right now. Ask your mentor to make "
                     "one with you.</p>\n");
    }
    if (nmentored)
        buf_printf(&b, "<h2>You are a mentor</h2>\n<p>You mentor %zu plan%s.</p>\n<p><a "
                       "class=\"button\" href=\"/mentor\">My mentees</a></p>\n", nmentored,
                   nmentored == 1 ? "" : "s");
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

static void put_dashboard_card(struct buf *b, const struct plan_view *v, size_t i)
{
    buf_puts(b, "<li class=\"card plan-card\"><h3><a href=\"");
    put_plan_link(b, v->plan, "");
    buf_puts(b, "\">");
    buf_put_html(b, v->mentee_name);
    buf_puts(b, "</a></h3><p class=\"goal\">");
    buf_put_html(b, v->plan->goal);
    buf_puts(b, "</p>");
    char id[32];
    snprintf(id, sizeof id, "progress-%zu", i);
    put_progress(b, v, id);
    if (v->noverdue)
        buf_printf(b, "<p class=\"late\"><span aria-hidden=\"true\">\u26A0\uFE0E</span> "
                      "<strong>%d step%s late</strong></p>", v->noverdue,
                   v->noverdue == 1 ? "" : "s");
    if (v->plan->finished) {
        buf_puts(b, "<p>Finished on ");
        char day[11];
        snprintf(day, sizeof day, "%.10s", v->plan->finished_at);
        page_plans_put_date(b, day);
        buf_puts(b, "</p>");
    } else if (v->next_eval) {
        buf_puts(b, "<p>Next evaluation: ");
        page_plans_put_date(b, v->next_eval->scheduled);
        buf_puts(b, "</p>");
    }
    buf_puts(b, "</li>\n");
}

char *page_plans_mentor(const struct plan_page_ctx *c, const struct plan_view *views, size_t n,
                        const char *notice, size_t *len)
{
    struct buf b;
    buf_init(&b);
    begin(&b, c, "My mentees");
    buf_puts(&b, "<h1>My mentees</h1>\n");
    put_notice(&b, notice, 0);
    buf_puts(&b, "<p class=\"actions\"><a class=\"button\" href=\"/plans/new\">New plan</a> "
                 "<a class=\"button secondary\" href=\"/groups/assign\">Give a lesson to a "
                 "group</a></p>\n");
    size_t nactive = 0;
    for (size_t i = 0; i < n; i++) nactive += !views[i].plan->finished;
    buf_printf(&b, "<h2>Active plans (%zu)</h2>\n", nactive);
    if (!nactive) buf_puts(&b, "<p class=\"empty\">You have no active plans. Make a new plan "
                               "with a mentee to start.</p>\n");
    else buf_puts(&b, "<ul class=\"cards\">\n");
    for (size_t i = 0; i < n; i++)
        if (!views[i].plan->finished) put_dashboard_card(&b, &views[i], i);
    if (nactive) buf_puts(&b, "</ul>\n");
    if (n > nactive) {
        buf_printf(&b, "<h2>Finished plans (%zu)</h2>\n<ul class=\"cards\">\n", n - nactive);
        for (size_t i = 0; i < n; i++)
            if (views[i].plan->finished) put_dashboard_card(&b, &views[i], i);
        buf_puts(&b, "</ul>\n");
    }
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
        put_step_line(b, s);
        buf_puts(b, "</span>");
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
        buf_put_html(b, h[i].text);
        buf_puts(b, "</li>\n");
    }
    buf_puts(b, "</ol></details>\n");
}

char *page_plans_plan(const struct plan_page_ctx *c, const struct plan_view *v, int is_mentor,
                      const struct plan_history_entry *history, size_t nhistory, size_t *len)
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
    } else if (is_mentor) {
        char *action = xasprintf("/plans/%lld/finish", (long long)p->id);
        buf_puts(&b, "<h2>Finish</h2>\n<p>Is the goal reached? Then close the plan. The mentee "
                     "gets a certificate.</p>\n");
        put_form(&b, c, action, NULL);
        free(action);
        buf_puts(&b, "<button type=\"submit\">Goal reached: close the plan</button></form>\n");
    }
    put_history(&b, history, nhistory);
    return end(&b, len);
}

/* --- the plan editor --------------------------------------------------------------------- */

static void put_level_select(struct buf *b, const char *id, int level, unsigned levels)
{
    buf_printf(b, "<select id=\"%s\" name=\"level\">", id);
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

static void put_step_editor(struct buf *b, const struct plan_page_ctx *c, const struct plan *p,
                            const struct plan_view_step *s, const struct plan_choice *modules,
                            size_t nmodules)
{
    const struct plan_step *st = s->step;
    long long sid = (long long)st->id;
    char *action = xasprintf("/plans/%lld/edit", (long long)p->id);
    char sidtext[24];
    snprintf(sidtext, sizeof sidtext, "%lld", sid);
    buf_puts(b, "<li class=\"card step-edit\"><p class=\"step-line\">");
    put_step_line(b, s);
    buf_puts(b, "</p>");
    put_form(b, c, action, "plan-form");
    put_hidden(b, "do", "step-save");
    put_hidden(b, "step", sidtext);
    if (st->kind == PLAN_STEP_MODULE) {
        unsigned levels = 0;
        for (size_t i = 0; i < nmodules; i++)
            if (st->module_id && !strcmp(modules[i].key, st->module_id)) levels = modules[i].levels;
        buf_printf(b, "<label for=\"level-%lld\">Level</label>", sid);
        char id[32];
        snprintf(id, sizeof id, "level-%lld", sid);
        put_level_select(b, id, st->level, levels);
    } else {
        buf_printf(b, "<label for=\"title-%lld\">Task</label><input id=\"title-%lld\" "
                      "name=\"title\" required maxlength=\"300\" value=\"", sid, sid);
        buf_put_html(b, st->title);
        buf_puts(b, "\">");
    }
    buf_printf(b, "<label for=\"due-%lld\">Due date</label><input id=\"due-%lld\" name=\"due\" "
                  "type=\"date\" value=\"%s\"><button type=\"submit\">Save step %d</button></form>"
                  "<div class=\"actions\">", sid, sid, st->due, st->position);
    static const char *const moves[][2] = {{"step-up", "Move up"}, {"step-down", "Move down"},
                                           {"step-remove", "Remove"}};
    for (size_t i = 0; i < 3; i++) {
        put_form(b, c, action, "inline");
        put_hidden(b, "do", moves[i][0]);
        put_hidden(b, "step", sidtext);
        buf_printf(b, "<button type=\"submit\" class=\"secondary\">%s<span "
                      "class=\"visually-hidden\"> step %d</span></button></form>",
                   moves[i][1], st->position);
    }
    buf_puts(b, "</div></li>\n");
    free(action);
}

static void put_module_select(struct buf *b, const char *id, const struct plan_choice *modules,
                              size_t n)
{
    buf_printf(b, "<select id=\"%s\" name=\"module\" required>", id);
    for (size_t i = 0; i < n; i++) {
        buf_puts(b, "<option value=\"");
        buf_put_html(b, modules[i].key);
        buf_puts(b, "\">");
        buf_put_html(b, modules[i].label);
        buf_puts(b, "</option>");
    }
    buf_puts(b, "</select>");
}

char *page_plans_edit(const struct plan_page_ctx *c, const struct plan_view *v,
                      const struct plan_choice *modules, size_t nmodules, const char *error,
                      size_t *len)
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
    buf_puts(&b, "\">Back to the plan</a></p>\n<p>Every change is kept in the plan history.</p>\n");
    char *action = xasprintf("/plans/%lld/edit", (long long)p->id);

    buf_puts(&b, "<h2>Goal and dates</h2>\n");
    put_form(&b, c, action, "plan-form");
    put_hidden(&b, "do", "plan");
    put_goal_fields(&b, p);
    buf_puts(&b, "<button type=\"submit\">Save goal and dates</button></form>\n");

    buf_puts(&b, "<h2>Steps</h2>\n");
    if (!v->nsteps) buf_puts(&b, "<p class=\"empty\">No steps yet. Add the first one below.</p>\n");
    else buf_puts(&b, "<ol class=\"cards\">\n");
    for (size_t i = 0; i < v->nsteps; i++)
        put_step_editor(&b, c, p, &v->steps[i], modules, nmodules);
    if (v->nsteps) buf_puts(&b, "</ol>\n");

    buf_puts(&b, "<h2>Add a lesson</h2>\n");
    put_form(&b, c, action, "plan-form");
    put_hidden(&b, "do", "add-module");
    buf_puts(&b, "<label for=\"add-module\">Lesson</label>");
    put_module_select(&b, "add-module", modules, nmodules);
    buf_puts(&b, "<label for=\"add-level\">Level</label>");
    put_level_select(&b, "add-level", 1, 0);
    buf_puts(&b, "<label for=\"add-due\">Due date</label><input id=\"add-due\" name=\"due\" "
                 "type=\"date\"><button type=\"submit\">Add lesson</button></form>\n");

    buf_puts(&b, "<h2>Add a task to do with the mentor</h2>\n");
    put_form(&b, c, action, "plan-form");
    put_hidden(&b, "do", "add-task");
    buf_puts(&b, "<label for=\"task-title\">Task (for example: do the changeover while your "
                 "mentor watches)</label><input id=\"task-title\" name=\"title\" required "
                 "maxlength=\"300\"><label for=\"task-due\">Due date</label><input "
                 "id=\"task-due\" name=\"due\" type=\"date\"><button type=\"submit\">Add task"
                 "</button></form>\n");

    buf_puts(&b, "<h2>Add an evaluation</h2>\n");
    put_form(&b, c, action, "plan-form");
    put_hidden(&b, "do", "add-evaluation");
    buf_puts(&b, "<label for=\"eval-day\">Date</label><input id=\"eval-day\" name=\"day\" "
                 "type=\"date\" required><button type=\"submit\">Plan evaluation</button>"
                 "</form>\n");
    free(action);
    return end(&b, len);
}

/* --- a new plan ------------------------------------------------------------------------- */

char *page_plans_new(const struct plan_page_ctx *c, const struct plan_choice *people,
                     size_t npeople, const char *error, size_t *len)
{
    struct buf b;
    buf_init(&b);
    begin(&b, c, "New plan");
    buf_puts(&b, "<h1>New plan</h1>\n");
    put_notice(&b, error, 1);
    buf_puts(&b, "<p>You are the mentor of this plan. Add the steps on the next screen.</p>\n");
    put_form(&b, c, "/plans/new", "plan-form");
    buf_puts(&b, "<label for=\"mentee\">Mentee</label><select id=\"mentee\" name=\"mentee\" "
                 "required>");
    for (size_t i = 0; i < npeople; i++) {
        buf_printf(&b, "<option value=\"%lld\">", (long long)people[i].id);
        buf_put_html(&b, people[i].label);
        buf_puts(&b, "</option>");
    }
    buf_puts(&b, "</select><label for=\"mentor2\">Second mentor (if any)</label>"
                 "<select id=\"mentor2\" name=\"mentor2\"><option value=\"0\">None</option>");
    for (size_t i = 0; i < npeople; i++) {
        buf_printf(&b, "<option value=\"%lld\">", (long long)people[i].id);
        buf_put_html(&b, people[i].label);
        buf_puts(&b, "</option>");
    }
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
    put_textarea(&b, "mentor_notes", "Notes from the mentor", e->mentor_notes, is_mentor);
    put_textarea(&b, "mentee_notes", "Notes from the mentee", e->mentee_notes, 1);
    buf_puts(&b, "<button type=\"submit\">Save evaluation</button></form>\n"
                 "<p><a class=\"button secondary\" href=\"");
    put_plan_link(&b, v->plan, "");
    buf_puts(&b, "\">Back to the plan</a></p>\n");
    return end(&b, len);
}

/* --- certificate ------------------------------------------------------------------------- */

char *page_plans_certificate(const struct plan_page_ctx *c, const struct plan_view *v,
                             size_t *len)
{
    const struct plan *p = v->plan;
    struct buf b;
    buf_init(&b);
    begin(&b, c, "Certificate");
    char day[11];
    snprintf(day, sizeof day, "%.10s", p->finished_at);
    buf_puts(&b, "<article class=\"certificate\"><p class=\"cert-kicker\">Certificate</p>\n<h1>");
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
    buf_puts(&b, "<p class=\"cert-sign\">Mentor: ");
    buf_put_html(&b, v->mentor_names);
    buf_puts(&b, "</p>\n</article>\n<p class=\"no-print\">To print it or save it as a PDF, use "
                 "Print in your browser menu.</p>\n"
                 "<p class=\"no-print\"><a class=\"button secondary\" href=\"");
    put_plan_link(&b, p, "");
    buf_puts(&b, "\">Back to the plan</a></p>\n");
    return end(&b, len);
}

/* --- group assignment --------------------------------------------------------------------- */

char *page_plans_group(const struct plan_page_ctx *c, const struct plan_view *views, size_t n,
                       const struct plan_choice *modules, size_t nmodules, const char *error,
                       size_t *len)
{
    struct buf b;
    buf_init(&b);
    begin(&b, c, "Give a lesson to a group");
    buf_puts(&b, "<h1>Give a lesson to a group</h1>\n");
    put_notice(&b, error, 1);
    size_t nactive = 0;
    for (size_t i = 0; i < n; i++) nactive += !views[i].plan->finished;
    if (!nactive) {
        buf_puts(&b, "<p class=\"empty\">None of your mentees has an active plan.</p>\n");
        return end(&b, len);
    }
    put_form(&b, c, "/groups/assign", "plan-form");
    buf_puts(&b, "<label for=\"module\">Lesson</label>");
    put_module_select(&b, "module", modules, nmodules);
    buf_puts(&b, "<label for=\"level\">Level</label>");
    put_level_select(&b, "level", 1, 0);
    buf_puts(&b, "<label for=\"due\">Due date</label><input id=\"due\" name=\"due\" type=\"date\">"
                 "<fieldset><legend>Mentees</legend>");
    for (size_t i = 0; i < n; i++) {
        if (views[i].plan->finished) continue;
        long long id = (long long)views[i].plan->id;
        buf_printf(&b, "<div class=\"choice\"><input type=\"checkbox\" id=\"plan-%lld\" "
                       "name=\"plan\" value=\"%lld\"><label for=\"plan-%lld\">", id, id, id);
        buf_put_html(&b, views[i].mentee_name);
        buf_puts(&b, " <span class=\"muted\">(");
        buf_put_html(&b, views[i].plan->goal);
        buf_puts(&b, ")</span></label></div>");
    }
    buf_puts(&b, "</fieldset><button type=\"submit\">Add to their plans</button></form>\n");
    return end(&b, len);
}
