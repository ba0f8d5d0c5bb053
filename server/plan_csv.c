/* plan_csv.c: plan progress as CSV for HR: one line per plan with its people, goal, dates,
 * steps done and late, and the next evaluation. The column names and the status are in the
 * person's language (one word or words joined by "_", so that scripts can still name them);
 * dates stay ISO 8601 ("2026-12-03") in every language, so that spreadsheets read them as
 * dates. */
#include "server/plan_csv.h"

#include <string.h>

#include "player/i18n.h"
#include "tracking/store_accounts.h"

/* 1 when a spreadsheet could read s as a formula: it starts with = + - @, a tab or a line
 * break, or has one of = + - @ after leading spaces, tabs, line breaks and no-break spaces
 * (spreadsheets trim those: "\r=1+1" and " =1+1" are formulas too). */
static int csv_formula(const char *s)
{
    if (*s && strchr("=+-@\t\r\n", *s)) return 1;
    for (;;) {
        if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') s++;
        else if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) s += 2;   /* U+00A0 */
        else break;
    }
    return *s && strchr("=+-@", *s) != NULL;
}

void plan_csv_field(struct buf *b, const char *s)
{
    if (!s) s = "";
    int formula = csv_formula(s);
    if (!formula && !strpbrk(s, ",\"\r\n")) {
        buf_puts(b, s);
        return;
    }
    buf_putc(b, '"');
    if (formula) buf_putc(b, '\'');
    for (; *s; s++) {
        if (*s == '"') buf_putc(b, '"');
        buf_putc(b, *s);
    }
    buf_putc(b, '"');
}

static void field_int(struct buf *b, long long v)
{
    buf_printf(b, "%lld", v);
}

char *plan_csv(const struct plan_views *v, size_t *len)
{
    struct buf b;
    buf_init(&b);
    /* TRANSLATORS: the column names of the CSV export of plans, in this order; keep each one
     * word or words joined by "_" and keep the commas between them. */
    buf_puts(&b, C_("CSV columns", "plan_id,mentee_login,mentee_name,mentors,goal,status,start,"
                                   "target,steps_total,steps_done,progress_percent,steps_late,"
                                   "next_evaluation,finished_at,follows_plan"));
    buf_puts(&b, "\r\n");
    for (size_t i = 0; i < v->n; i++) {
        const struct plan_view *pv = &v->views[i];
        const struct plan *p = pv->plan;
        const struct store_user *mentee = plan_views_user(v, p->mentee_id);
        field_int(&b, (long long)p->id);
        buf_putc(&b, ',');
        plan_csv_field(&b, mentee ? mentee->login : "");
        buf_putc(&b, ',');
        plan_csv_field(&b, pv->mentee_name);
        buf_putc(&b, ',');
        plan_csv_field(&b, pv->mentor_names);
        buf_putc(&b, ',');
        plan_csv_field(&b, p->goal);
        buf_puts(&b, ",");
        plan_csv_field(&b, p->finished ? C_("CSV plan status", "finished")
                                       : C_("CSV plan status", "active"));
        buf_printf(&b, ",%s,%s,%zu,%d,%d,%d,%s,",
                   p->start, p->target, pv->nsteps, pv->ndone, pv->percent, pv->noverdue,
                   pv->next_eval ? pv->next_eval->scheduled : "");
        plan_csv_field(&b, p->finished_at);
        buf_putc(&b, ',');
        if (p->follows) field_int(&b, (long long)p->follows);
        buf_puts(&b, "\r\n");
    }
    return buf_detach(&b, len);
}
