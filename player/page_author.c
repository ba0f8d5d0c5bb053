/* page_author.c: the author preview pages (see page_author.h). The interface is in the person's
 * language; the module's own text carries the module's language. Findings are said in words and icons, never
 * by colour alone: "Error" and "Warning" labels, "Long sentence: N words" before each marked
 * sentence, a tick or a warning sign with each verdict. */
#include "player/page_author.h"

#include <stdlib.h>
#include <string.h>

#include "player/i18n.h"
#include "player/page_check.h"
#include "player/page_layout.h"
#include "server/buf.h"

/* --- long sentences marked in the rendered body --------------------------------------------- */

/* The text of a rendered body as readability.c sees it (tags left out, entities decoded, white
 * space collapsed), with the byte range of html each text byte came from. */
struct text_view {
    struct buf text;
    size_t *from, *to;
    size_t cap;
};

static void view_add(struct text_view *t, char c, size_t from, size_t to)
{
    if (t->text.len == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 256;
        t->from = xrealloc(t->from, t->cap * sizeof *t->from);
        t->to = xrealloc(t->to, t->cap * sizeof *t->to);
    }
    t->from[t->text.len] = from;
    t->to[t->text.len] = to;
    buf_putc(&t->text, c);
}

/* The character an entity at html + i stands for (cmark writes &amp; &lt; &gt; &quot; and the
 * embeds the same), or 0 when it is none of them; *end is set after the ';'. */
static char entity_char(const char *html, size_t i, size_t *end)
{
    static const struct { const char *name; char c; } known[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&#x27;", '\''},
    };
    for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
        size_t n = strlen(known[k].name);
        if (!strncmp(html + i, known[k].name, n)) {
            *end = i + n;
            return known[k].c;
        }
    }
    return 0;
}

static void view_build(struct text_view *t, const char *html)
{
    for (size_t i = 0; html[i];) {
        char c = html[i];
        size_t end = i + 1;
        if (c == '<') {
            const char *close = strchr(html + i, '>');
            i = close ? (size_t)(close - html) + 1 : strlen(html);
            continue;
        }
        if (c == '&') {
            char e = entity_char(html, i, &end);
            if (e) c = e;
            else end = i + 1;
        }
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            if (t->text.len && t->text.data[t->text.len - 1] != ' ') view_add(t, ' ', i, end);
        } else {
            view_add(t, c, i, end);
        }
        i = end;
    }
}

/* Copies html[from, to) with every run of text in <mark>, tags left outside. */
static void put_marked(struct buf *out, const char *html, size_t from, size_t to)
{
    int open = 0;
    for (size_t k = from; k < to; k++) {
        if (html[k] == '<') {
            if (open) buf_puts(out, "</mark>");
            open = 0;
            const char *close = memchr(html + k, '>', to - k);
            size_t n = close ? (size_t)(close - (html + k)) + 1 : to - k;
            buf_append(out, html + k, n);
            k += n - 1;
            continue;
        }
        if (!open) buf_puts(out, "<mark class=\"long\">");
        open = 1;
        buf_putc(out, html[k]);
    }
    if (open) buf_puts(out, "</mark>");
}

char *page_author_mark_long(const char *html, const struct readability *text, int *found)
{
    struct text_view view = {.cap = 0};
    buf_init(&view.text);
    view_build(&view, html);
    const char *hay = view.text.data ? view.text.data : "";
    struct buf out;
    buf_init(&out);
    size_t copied = 0, searched = 0;
    for (size_t i = 0; i < text->len; i++) {
        const struct readability_sentence *s = &text->items[i];
        found[i] = 0;
        size_t n = strlen(s->text);
        if (s->words <= READABILITY_LONG_SENTENCE || !n) continue;
        const char *at = memmem(hay + searched, view.text.len - searched, s->text, n);
        if (!at) continue;
        size_t first = (size_t)(at - hay), from = view.from[first], to = view.to[first + n - 1];
        buf_append(&out, html + copied, from - copied);
        buf_printf(&out, "<span class=\"long-label\" id=\"sentence-%zu\">", i);
        /* TRANSLATORS: before a sentence marked in the lesson: %1$d its number of words. */
        buf_printf(&out, n_("Long sentence: %1$d word", "Long sentence: %1$d words",
                            (unsigned long)s->words), s->words);
        buf_puts(&out, "</span> ");
        put_marked(&out, html, from, to);
        copied = to;
        searched = first + n;
        found[i] = 1;
    }
    buf_puts(&out, html + copied);
    buf_free(&view.text);
    free(view.from);
    free(view.to);
    return buf_detach(&out, NULL);
}

/* --- pieces both pages show ---------------------------------------------------------------- */

/* file without the content folder in front. */
static const char *short_name(const char *file, const char *dir)
{
    size_t n = dir ? strlen(dir) : 0;
    return n && !strncmp(file, dir, n) && file[n] == '/' ? file + n + 1 : file;
}

/* ' lang="xx">': closes a start tag for text in the module's language. */
static void end_tag_lang(struct buf *b, const struct module *m)
{
    buf_puts(b, " lang=\"");
    buf_put_html(b, m->language);
    buf_puts(b, "\">");
}

static void put_counts(struct buf *b, size_t errors, size_t warnings)
{
    buf_printf(b, "<span class=\"tally%s\">", errors ? " has-errors" : "");
    /* TRANSLATORS: the check's findings: %1$zu errors (then ", N warnings"). */
    buf_printf(b, n_("%1$zu error", "%1$zu errors", errors), errors);
    buf_printf(b, "</span>, <span class=\"tally%s\">", warnings ? " has-warnings" : "");
    /* TRANSLATORS: the check's findings: %1$zu warnings (after "N errors, "). */
    buf_printf(b, n_("%1$zu warning", "%1$zu warnings", warnings), warnings);
    buf_puts(b, "</span>");
}

static void put_verdict(struct buf *b, const struct level_report *l)
{
    if (l->scores.b1_ok)
        buf_printf(b, "<span class=\"verdict ok\"><span aria-hidden=\"true\">\u2713 </span>%s</span>",
                   _("B1 ok"));
    else
        buf_printf(b, "<span class=\"verdict hard\"><span aria-hidden=\"true\">\u26A0\uFE0E </span>"
                      "%s</span>", _("Harder than B1"));
}

/* "Error, line 12, column 3: message"; the file is named when it is not the module's own. */
static void put_finding(struct buf *b, const struct diag *d, const char *module_file, const char *dir)
{
    int error = d->severity == DIAG_ERROR;
    buf_printf(b, "<li class=\"finding is-%s\"><strong class=\"severity\">%s</strong> <span class=\"where\">",
               error ? "error" : "warning", error ? C_("finding", "Error") : C_("finding", "Warning"));
    if (!module_file || strcmp(d->file, module_file)) {
        buf_put_html(b, short_name(d->file, dir));
        if (d->line) buf_puts(b, ", ");
    }
    /* TRANSLATORS: where a finding is in the module's file: %1$d the line, %2$d the column. */
    if (d->line && d->column) buf_printf(b, _("line %1$d, column %2$d"), d->line, d->column);
    /* TRANSLATORS: where a finding is in the module's file: %1$d the line. */
    else if (d->line) buf_printf(b, _("line %1$d"), d->line);
    if (!d->line && module_file && !strcmp(d->file, module_file)) buf_puts(b, _("the whole file"));
    buf_puts(b, "</span>: ");
    diag_put_html(b, d);
    buf_puts(b, "</li>\n");
}

/* A Markdown module is edited in the browser; a package changes by importing a new version. */
static void put_edit_link(struct buf *b, const struct module *m, const char *cls)
{
    int package = m->kind == MODULE_PACKAGE;
    buf_printf(b, "<a class=\"%s\" href=\"%s", cls, package ? "/author/import?id=" : "/author/edit/");
    buf_put_url_segment(b, m->id);
    char *title = html_escape(m->title);
    /* TRANSLATORS: a link's words for screen readers after "New version": %1$s the module's title. */
    const char *which = package ? _(" of %1$s") : " %1$s";
    buf_printf(b, "\">%s<span class=\"visually-hidden\">", package ? _("New version") : _("Edit"));
    buf_printf(b, which, title);
    buf_puts(b, "</span></a>");
    free(title);
}

static void put_preview_url(struct buf *b, const struct module *m, int level)
{
    buf_puts(b, "/author/modules/");
    buf_put_url_segment(b, m->id);
    buf_printf(b, "?level=%d", level);
}

/* --- the list ------------------------------------------------------------------------------- */

static void put_level_row(struct buf *b, const struct module *m, const struct level_report *l)
{
    buf_puts(b, "<li><a class=\"level-link\" href=\"");
    put_preview_url(b, m, l->level);
    buf_printf(b, "\"><span class=\"level-name\">%s</span> ", page_layout_level_name(l->level));
    put_verdict(b, l);
    buf_puts(b, "</a><span class=\"level-counts\">");
    put_counts(b, diag_count(&l->diags, DIAG_ERROR), diag_count(&l->diags, DIAG_WARNING));
    buf_puts(b, "</span></li>");
}

static void put_module_card(struct buf *b, const struct page_author_module *a, const char *dir)
{
    const struct module *m = a->m;
    buf_puts(b, "<li class=\"card author-module\"><h2");
    end_tag_lang(b, m);
    buf_put_html(b, m->title);
    buf_printf(b, "</h2>\n<p class=\"file\"><span class=\"visually-hidden\">%s </span><code>",
               _("File:"));
    buf_put_html(b, short_name(m->source_path, dir));
    buf_printf(b, "</code></p>\n<p class=\"module-counts\">%s ", _("In all:"));
    put_counts(b, check_module_count(a->report, DIAG_ERROR), check_module_count(a->report, DIAG_WARNING));
    buf_puts(b, "</p>\n<ul class=\"author-levels\" aria-label=\"");
    buf_put_html(b, _("Levels"));
    buf_puts(b, "\">");
    for (int k = 0; k < a->report->nlevels; k++) put_level_row(b, m, &a->report->levels[k]);
    buf_puts(b, "</ul>\n<p class=\"actions\">");
    put_edit_link(b, m, "button secondary");
    buf_puts(b, "</p></li>\n");
}

static void put_not_loaded(struct buf *b, const struct diag_list *l, const char *dir)
{
    if (!l->len) return;
    buf_printf(b, "<section class=\"not-loaded\" aria-labelledby=\"not-loaded\">\n"
                  "<h2 id=\"not-loaded\">%s</h2>\n<p>%s</p>\n<ul class=\"files\">",
               _("Files that do not load"), _("Learners do not see these files. Fix the errors "
                                              "and the module appears in the list above."));
    for (size_t i = 0; i < l->len; i++) {
        const char *file = l->items[i].file;
        if (i == 0 || strcmp(file, l->items[i - 1].file)) {
            buf_puts(b, i ? "</ul></li>\n<li><h3><code>" : "<li><h3><code>");
            buf_put_html(b, short_name(file, dir));
            buf_puts(b, "</code></h3><ul class=\"author-findings\">");
        }
        put_finding(b, &l->items[i], file, dir);
    }
    buf_puts(b, "</ul></li></ul>\n</section>\n");
}

char *page_author_list(const struct page_author_module *mods, size_t n,
                       const struct diag_list *not_loaded, const char *dir,
                       const struct page_viewer *v, size_t *len)
{
    struct buf b;
    buf_init(&b);
    page_layout_begin(&b, _("Author preview"), NULL, v);
    buf_printf(&b, "<h1>%s</h1>\n<p class=\"lead\">", _("Author preview"));
    /* TRANSLATORS: %1$s the command "stepwise check", shown as code. */
    buf_printf(&b, _("Every module at every level, checked like %1$s does. Open a level to read "
                     "it with the findings marked in the text."), "<code>stepwise check</code>");
    buf_puts(&b, "</p>\n<p>");
    /* TRANSLATORS: %1$zu the number of modules in the author preview. */
    buf_printf(&b, n_("%1$zu module.", "%1$zu modules.", n), n);
    buf_printf(&b, " <a href=\"/author/import\">%s</a></p>\n", _("Import a SCORM package"));
    if (n) buf_puts(&b, "<ul class=\"author-modules\">\n");
    for (size_t i = 0; i < n; i++) put_module_card(&b, &mods[i], dir);
    if (n) buf_puts(&b, "</ul>\n");
    put_not_loaded(&b, not_loaded, dir);
    page_layout_end(&b);
    return buf_detach(&b, len);
}

/* --- one level ------------------------------------------------------------------------------- */

static void put_level_tabs(struct buf *b, const struct page_author_preview *p)
{
    if (p->report->nlevels < 2) return;
    buf_puts(b, "<nav class=\"levels author-tabs\" aria-label=\"");
    buf_put_html(b, _("Level"));
    buf_puts(b, "\"><ul>");
    for (int k = 0; k < p->report->nlevels; k++) {
        const struct level_report *l = &p->report->levels[k];
        buf_puts(b, "<li><a href=\"");
        put_preview_url(b, p->m, l->level);
        buf_printf(b, "\"%s><span class=\"tab-name\">%s</span> ", l == p->level ? " aria-current=\"page\"" : "",
                   page_layout_level_name(l->level));
        put_verdict(b, l);
        buf_puts(b, "</a></li>");
    }
    buf_puts(b, "</ul></nav>\n");
}

static void put_measure(struct buf *b, const char *name, const char *fmt, double value)
{
    buf_printf(b, "<div><dt>%s</dt><dd>", name);
    buf_printf(b, fmt, value);
    buf_puts(b, "</dd></div>");
}

static void put_measures(struct buf *b, const struct level_report *l)
{
    const struct readability_scores *s = &l->scores;
    buf_puts(b, "<dl class=\"facts measures\">");
    put_measure(b, _("Sentences"), "%.0f", (double)l->text.len);
    put_measure(b, _("Words"), "%.0f", (double)l->text.words);
    put_measure(b, _("Words a sentence"), "%.1f", s->average_sentence);
    put_measure(b, _("Long words"), "%.0f%%", s->long_word_percent);
    put_measure(b, "LIX", "%.1f", s->lix);
    const char *formula = check_formula_name(l->text.lang);
    if (s->has_flesch && formula) put_measure(b, formula, "%.1f", s->flesch);
    buf_puts(b, "</dl>\n");
}

/* A sentence of the report: a link to where it is marked in the text, when it is. */
static void put_sentence(struct buf *b, const struct readability *t, size_t i, const int *found)
{
    const struct readability_sentence *s = &t->items[i];
    buf_puts(b, "<li>");
    if (found[i]) buf_printf(b, "<a href=\"#sentence-%zu\">", i);
    /* TRANSLATORS: a sentence in the check's report: %1$d its line, %2$d its number of words. */
    buf_printf(b, n_("Line %1$d, %2$d word", "Line %1$d, %2$d words", (unsigned long)s->words),
               s->line, s->words);
    if (found[i]) buf_puts(b, "</a>");
    buf_puts(b, ": <q>");
    buf_put_html(b, s->text);
    buf_puts(b, "</q></li>\n");
}

static void put_sentences(struct buf *b, const struct page_author_preview *p, const int *found)
{
    const struct level_report *l = p->level;
    if (l->scores.long_sentences) {
        /* TRANSLATORS: a heading: %1$d the number of words a long sentence has more of. */
        buf_puts(b, "<h3>"), buf_printf(b, _("Sentences over %1$d words"), READABILITY_LONG_SENTENCE);
        buf_puts(b, "</h3>\n<ol class=\"sentences\"");
        end_tag_lang(b, p->m);
        for (size_t i = 0; i < l->text.len; i++)
            if (l->text.items[i].words > READABILITY_LONG_SENTENCE) put_sentence(b, &l->text, i, found);
        buf_puts(b, "</ol>\n");
    }
    size_t worst[CHECK_WORST_SHOWN], n = check_rewrite_first(l, worst);
    if (!n) return;
    buf_printf(b, "<h3>%s</h3>\n<ol class=\"sentences\"", _("Rewrite first"));
    end_tag_lang(b, p->m);
    for (size_t i = 0; i < n; i++) put_sentence(b, &l->text, worst[i], found);
    buf_puts(b, "</ol>\n");
}

static void put_findings(struct buf *b, const struct page_author_preview *p)
{
    const struct diag_list *level = &p->level->diags;
    buf_printf(b, "<h3>%s</h3>\n", _("Findings"));
    if (!level->len) {
        buf_printf(b, "<p class=\"no-findings\">%s</p>\n", _("No errors or warnings at this level."));
        return;
    }
    buf_puts(b, "<ul class=\"author-findings\">");
    for (size_t i = 0; i < level->len; i++) put_finding(b, &level->items[i], p->m->source_path, p->dir);
    buf_puts(b, "</ul>\n");
}

static void put_report(struct buf *b, const struct page_author_preview *p, const int *found)
{
    const struct level_report *l = p->level;
    const char *name = page_layout_level_name(l->level);
    buf_puts(b, "<section class=\"author-report\" aria-labelledby=\"report-title\">\n"
                "<h2 id=\"report-title\">");
    /* TRANSLATORS: a heading: %1$s the level's name ("Basic"). */
    buf_printf(b, _("Check of the %1$s level"), name);
    buf_puts(b, "</h2>\n<p class=\"summary\">");
    put_verdict(b, l);
    char *why = check_harder_because(l, i18n_current());
    if (*why) {
        buf_puts(b, ": ");
        buf_put_html(b, why);
    }
    free(why);
    buf_puts(b, ". ");
    put_counts(b, diag_count(&l->diags, DIAG_ERROR), diag_count(&l->diags, DIAG_WARNING));
    buf_puts(b, ".</p>\n<p class=\"hint\">");
    if (l->scores.has_flesch)
        /* TRANSLATORS: %1$d the most words a sentence may have, %2$.0f the most words a sentence
         * on average, %3$.0f the highest LIX, %4$s the name of a Flesch formula, %5$.0f its lowest
         * score. */
        buf_printf(b, _("B1 ok means: no sentence over %1$d words, at most %2$.0f words a sentence "
                        "on average, LIX at most %3$.0f and %4$s at least %5$.0f."),
                   READABILITY_MAX_SENTENCE, READABILITY_MAX_AVERAGE, READABILITY_MAX_LIX,
                   check_formula_name(l->text.lang), READABILITY_MIN_FLESCH);
    else
        /* TRANSLATORS: %1$d the most words a sentence may have, %2$.0f the most words a sentence
         * on average, %3$.0f the highest LIX. */
        buf_printf(b, _("B1 ok means: no sentence over %1$d words, at most %2$.0f words a sentence "
                        "on average and LIX at most %3$.0f."), READABILITY_MAX_SENTENCE,
                   READABILITY_MAX_AVERAGE, READABILITY_MAX_LIX);
    buf_puts(b, "</p>\n");
    put_measures(b, l);
    put_sentences(b, p, found);
    put_findings(b, p);
    buf_puts(b, "</section>\n");
}

static void put_lesson(struct buf *b, const struct page_author_preview *p, const char *body)
{
    const struct module *m = p->m;
    buf_puts(b, "<section class=\"author-lesson\" aria-labelledby=\"lesson-title\">\n"
                "<h2 id=\"lesson-title\">");
    /* TRANSLATORS: a heading: %1$s the level's name ("Basic"). */
    buf_printf(b, _("The lesson at the %1$s level"), page_layout_level_name(p->level->level));
    buf_puts(b, "</h2>\n<div");
    end_tag_lang(b, m);
    buf_puts(b, "\n<p class=\"lead\">");
    buf_put_html(b, m->summary);
    buf_puts(b, "</p>\n");
    page_layout_facts(b, m);
    buf_puts(b, "<div class=\"body\">\n");
    buf_puts(b, body);
    buf_puts(b, "\n</div>\n</div>\n</section>\n");
}

/* The downloads of a Markdown module as SCORM packages for another LMS
 * (server/mod_author_export.c). */
static void put_export(struct buf *b, const struct module *m)
{
    static const char *const versions[][2] = {{"1.2", "1.2"}, {"2004", "2004 4th Edition"}};
    if (m->kind != MODULE_MARKDOWN) return;
    buf_printf(b, "<section class=\"author-export\" aria-labelledby=\"export-title\">\n"
                  "<h2 id=\"export-title\">%s</h2>\n<p>%s</p>\n<p class=\"actions\">",
               _("Use this module in another LMS"),
               _("Download it as a SCORM package: every level with its media, captions, "
                 "transcripts and checks. The LMS records completion, the score and passed or "
                 "failed. The package holds the right answers, so give it only to the LMS."));
    for (size_t i = 0; i < 2; i++) {
        buf_puts(b, "<a class=\"button secondary\" href=\"/author/export/");
        buf_put_url_segment(b, m->id);
        buf_printf(b, "?scorm=%s\" download>", versions[i][0]);
        buf_printf(b, _("Download as SCORM %s"), versions[i][1]);
        buf_puts(b, "</a>");
    }
    buf_puts(b, "</p>\n</section>\n");
}

char *page_author_preview(const struct page_author_preview *p, const struct page_viewer *v,
                          size_t *len)
{
    const struct module *m = p->m;
    struct buf b, title;
    buf_init(&b);
    buf_init(&title);
    /* TRANSLATORS: a page title: %1$s the module's title, %2$s the level's name ("Basic"). */
    buf_printf(&title, _("Preview: %1$s (%2$s)"), m->title, page_layout_level_name(p->level->level));
    int *found = xcalloc(p->level->text.len + 1, sizeof *found);
    char *body = page_author_mark_long(p->body_html, &p->level->text, found);

    page_layout_begin(&b, title.data, NULL, v);
    buf_printf(&b, "<p class=\"kicker\">%s</p>\n<h1", _("Author preview"));
    end_tag_lang(&b, m);
    buf_put_html(&b, m->title);
    buf_puts(&b, "</h1>\n<p class=\"actions\">");
    put_edit_link(&b, m, "button");
    buf_printf(&b, "<a class=\"button secondary\" href=\"/author\">%s</a></p>\n", _("All modules"));
    put_level_tabs(&b, p);
    put_report(&b, p, found);
    put_lesson(&b, p, body);
    page_check_answer_key(&b, m, p->level->level);
    put_export(&b, m);
    page_layout_end(&b);
    free(body);
    free(found);
    buf_free(&title);
    return buf_detach(&b, len);
}
