/* page_catalogue.c: the home page, every module as a card with a filter form (level, skill, max
 * minutes). The form is a plain GET form with a submit button, so it works without JavaScript. */
#include "player/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "content/embed.h"
#include "player/i18n.h"
#include "player/page_layout.h"
#include "server/buf.h"
#include "tracking/progress.h"

/* The choices of the "time" filter, in minutes. */
static const int minute_choices[] = {5, 10, 15, 20, 30, 60};

static int skill_wanted(const struct catalogue_filter *f)
{
    return f->skill && f->skill[0];
}

static int module_matches(const struct module *m, const struct catalogue_filter *f)
{
    if (f->level >= MODULE_MIN_LEVEL && f->level <= MODULE_MAX_LEVEL && !module_has_level(m, f->level))
        return 0;
    if (f->max_minutes > 0 && m->minutes > f->max_minutes) return 0;
    if (!skill_wanted(f)) return 1;
    for (size_t i = 0; i < m->nskills; i++)
        if (strcmp(m->skills[i], f->skill) == 0) return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every skill of every module, sorted, without duplicates (caller frees the array only). */
static const char **all_skills(const struct catalog *c, size_t *n)
{
    size_t total = 0;
    for (size_t i = 0; i < c->len; i++) total += c->modules[i]->nskills;
    const char **v = xcalloc(total, sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < c->len; i++)
        for (size_t j = 0; j < c->modules[i]->nskills; j++) v[k++] = c->modules[i]->skills[j];
    qsort(v, k, sizeof *v, cmp_str);
    size_t out = 0;
    for (size_t i = 0; i < k; i++)
        if (out == 0 || strcmp(v[out - 1], v[i]) != 0) v[out++] = v[i];
    *n = out;
    return v;
}

/* lang: the language of label when it is a module's word (a skill), else NULL. */
static void put_option(struct buf *b, const char *value, const char *label, const char *lang,
                       int selected)
{
    buf_puts(b, "<option");
    i18n_put_text_lang(b, lang);
    buf_puts(b, " value=\"");
    buf_put_html(b, value);
    buf_puts(b, selected ? "\" selected>" : "\">");
    buf_put_html(b, label);
    buf_puts(b, "</option>");
}

static void put_level_select(struct buf *b, const struct catalogue_filter *f)
{
    buf_printf(b, "<div class=\"field\"><label for=\"f-level\">%s</label>"
                  "<select id=\"f-level\" name=\"level\">", C_("level", "Level"));
    put_option(b, "", _("Any level"), NULL, page_layout_level_name(f->level) == NULL);
    for (int l = MODULE_MIN_LEVEL; l <= MODULE_MAX_LEVEL; l++) {
        char value[16];
        snprintf(value, sizeof value, "%d", l);
        put_option(b, value, page_layout_level_name(l), NULL, f->level == l);
    }
    buf_puts(b, "</select></div>\n");
}

/* The language of the first module with this skill: the language the word is written in. */
static const char *skill_language(const struct catalog *c, const char *skill)
{
    for (size_t i = 0; i < c->len; i++)
        for (size_t j = 0; j < c->modules[i]->nskills; j++)
            if (!strcmp(c->modules[i]->skills[j], skill)) return c->modules[i]->language;
    return NULL;
}

static void put_skill_select(struct buf *b, const struct catalog *c, const struct catalogue_filter *f)
{
    size_t n;
    const char **skills = all_skills(c, &n);
    int known = !skill_wanted(f);
    buf_printf(b, "<div class=\"field\"><label for=\"f-skill\">%s</label>"
                  "<select id=\"f-skill\" name=\"skill\">", _("Skill"));
    put_option(b, "", _("Any skill"), NULL, !skill_wanted(f));
    for (size_t i = 0; i < n; i++) {
        int sel = skill_wanted(f) && strcmp(skills[i], f->skill) == 0;
        known |= sel;
        put_option(b, skills[i], skills[i], skill_language(c, skills[i]), sel);
    }
    /* A skill no module has (an old link): keep it visible so the empty result makes sense. */
    if (!known) put_option(b, f->skill, f->skill, NULL, 1);
    buf_puts(b, "</select></div>\n");
    free(skills);
}

static void put_minutes_option(struct buf *b, int minutes, int selected)
{
    char value[16], label[96];
    snprintf(value, sizeof value, "%d", minutes);
    snprintf(label, sizeof label, n_("%d minute or less", "%d minutes or less", (unsigned long)minutes),
             minutes);
    put_option(b, value, label, NULL, selected);
}

static void put_minutes_select(struct buf *b, const struct catalogue_filter *f)
{
    size_t n = sizeof minute_choices / sizeof minute_choices[0];
    int known = f->max_minutes <= 0;
    buf_printf(b, "<div class=\"field\"><label for=\"f-minutes\">%s</label>"
                  "<select id=\"f-minutes\" name=\"minutes\">", _("Time"));
    put_option(b, "", _("Any length"), NULL, f->max_minutes <= 0);
    for (size_t i = 0; i < n; i++) {
        if (!known && f->max_minutes < minute_choices[i]) {
            put_minutes_option(b, f->max_minutes, 1);   /* a value from a typed or old URL */
            known = 1;
        }
        known |= f->max_minutes == minute_choices[i];
        put_minutes_option(b, minute_choices[i], f->max_minutes == minute_choices[i]);
    }
    if (!known) put_minutes_option(b, f->max_minutes, 1);
    buf_puts(b, "</select></div>\n");
}

static int filter_active(const struct catalogue_filter *f)
{
    return page_layout_level_name(f->level) || skill_wanted(f) || f->max_minutes > 0;
}

static void put_filters(struct buf *b, const struct catalog *c, const struct catalogue_filter *f)
{
    buf_printf(b, "<form class=\"filters\" method=\"get\" action=\"/\" role=\"search\" "
                  "aria-label=\"%s\">\n", _("Filter modules"));
    put_level_select(b, f);
    put_skill_select(b, c, f);
    put_minutes_select(b, f);
    buf_printf(b, "<div class=\"actions\"><button type=\"submit\">%s</button>", _("Show modules"));
    if (filter_active(f))
        buf_printf(b, "<a class=\"button secondary\" href=\"/\">%s</a>", _("Clear filters"));
    buf_puts(b, "</div>\n</form>\n");
}

static const struct catalogue_mark *mark_of(const struct module *m,
                                            const struct catalogue_mark *marks, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(marks[i].module_id, m->id)) return &marks[i];
    return NULL;
}

/* The card's marks, each a word (with a symbol that screen readers skip), never a colour alone:
 * in the learner's plan, how far they are, and the media the module has. */
static void put_marks(struct buf *b, const struct module *m, const struct catalogue_mark *mark)
{
    unsigned kinds = embed_kinds(m->markdown);
    if (!mark && !kinds) return;
    buf_puts(b, "<p class=\"marks\">");
    if (mark && mark->in_plan) buf_printf(b, "<span class=\"mark plan\">%s</span> ", _("In your plan"));
    if (mark && mark->state != PROGRESS_NOT_STARTED)
        buf_printf(b, "<span class=\"mark state %s\">%s</span> ", progress_token(mark->state),
                   progress_label(mark->state));
    if (kinds & EMBED_HAS_VIDEO) buf_printf(b, "<span class=\"mark video\">%s</span> ", _("Video"));
    if (kinds & EMBED_HAS_AUDIO) buf_printf(b, "<span class=\"mark audio\">%s</span>", _("Podcast"));
    buf_puts(b, "</p>\n");
}

static void put_card(struct buf *b, const struct module *m, const struct catalogue_mark *mark)
{
    buf_puts(b, "<li class=\"card\"><h3");
    i18n_put_text_lang(b, m->language);
    buf_puts(b, "><a href=\"/modules/");
    buf_put_url_segment(b, m->id);
    buf_puts(b, "\"");
    if (m->language && *m->language) {
        buf_puts(b, " hreflang=\"");
        buf_put_html(b, m->language);
        buf_puts(b, "\"");
    }
    buf_puts(b, ">");
    buf_put_html(b, m->title);
    buf_puts(b, "</a></h3>\n<p");
    i18n_put_text_lang(b, m->language);
    buf_puts(b, ">");
    buf_put_html(b, m->summary);
    buf_puts(b, "</p>\n");
    page_layout_facts(b, m);
    put_marks(b, m, mark);
    buf_puts(b, "</li>\n");
}

char *page_catalogue(const struct catalog *c, const struct catalogue_filter *f,
                     const struct page_viewer *v, const struct catalogue_mark *marks,
                     size_t nmarks, size_t *len)
{
    static const struct catalogue_filter any = {0, NULL, 0};
    if (!f) f = &any;
    size_t shown = 0;
    for (size_t i = 0; i < c->len; i++) shown += module_matches(c->modules[i], f);

    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, filter_active(f) ? _("Modules (filtered)") : _("Modules"),
                      _("Short lessons with video and podcast, for learning on the job."), v);
    buf_puts(&b, PAGE_CATALOGUE_CSS);
    buf_printf(&b, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n", _("Learning modules"),
               _("Short lessons for your work. Choose a module, or filter the list."));
    put_filters(&b, c, f);
    buf_puts(&b, "<h2 class=\"count\" id=\"results\">");
    buf_printf(&b, n_("%zu module", "%zu modules", shown), shown);
    buf_puts(&b, "</h2>\n");
    if (shown == 0) {
        buf_printf(&b, "<p class=\"empty\">%s</p>\n",
                   _("No modules match these filters. Choose other filters, or "
                     "<a href=\"/\">show all modules</a>."));
    } else {
        buf_puts(&b, "<ul class=\"cards\">\n");
        for (size_t i = 0; i < c->len; i++)
            if (module_matches(c->modules[i], f))
                put_card(&b, c->modules[i], mark_of(c->modules[i], marks, nmarks));
        buf_puts(&b, "</ul>\n");
    }
    page_layout_end(&b);
    return buf_detach(&b, len);
}
