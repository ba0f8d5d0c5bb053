/* page_plan_figures.c: a lesson step's figures on the mentor's plan page, in words: the latest
 * score, the time spent, and for a lesson with a video or podcast whether it was played to the
 * end (its completion threshold). Nothing is shown for what the statements do not say. */
#include "player/page_plans.h"

#include "player/i18n.h"

void page_plans_put_figures(struct buf *b, const struct plan_step_figures *f)
{
    long minutes = (f->seconds + 30) / 60;
    if (!f->has_score && !f->seconds && !f->has_media) return;
    buf_puts(b, "<ul class=\"figures\">");
    if (f->has_score) {
        buf_puts(b, "<li>");
        buf_printf(b, _("Latest score: %d%%"), f->score_percent);
        buf_puts(b, "</li>");
    }
    if (f->seconds) {
        buf_puts(b, "<li>");
        if (minutes) buf_printf(b, n_("Time spent: %ld minute", "Time spent: %ld minutes",
                                      (unsigned long)minutes), minutes);
        else buf_puts(b, _("Time spent: less than a minute"));
        buf_puts(b, "</li>");
    }
    if (f->has_media)
        buf_printf(b, "<li>%s</li>", f->media_watched ? _("Video or podcast: watched to the end")
                                                      : _("Video or podcast: not watched to the end yet"));
    buf_puts(b, "</ul>");
}
