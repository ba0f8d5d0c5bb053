/* style.c: one walk over the cmark tree of the text a level shows: heading levels must go down
 * one step at a time, sections stay short, link text says where the link goes, and relative
 * links and "/modules/<id>" links lead somewhere. */
#include "content/style.h"

#include <cmark.h>
#include <ctype.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "content/levels.h"
#include "content/media.h"
#include "server/buf.h"

struct style {
    const struct module *m;
    const struct catalog *c;
    struct diag_list *diags;
    int heading;            /* level of the last heading; 1 stands for the page title */
    int section_line;       /* line of the heading that starts the section, or of the body */
    int section_words;
};

static int line_of(const struct style *s, cmark_node *n)
{
    return cmark_node_get_start_line(n) + s->m->body_line - 1;
}

static int count_words(const char *text)
{
    int words = 0, in_word = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        int word_char = !isspace(*p);
        if (word_char && !in_word && (isalnum(*p) || *p >= 0x80 || isalnum(p[1]))) words++;
        in_word = word_char;
    }
    return words;
}

static void end_section(struct style *s)
{
    if (s->section_words > STYLE_MAX_SECTION_WORDS)
        diag_add(s->diags, DIAG_WARNING, s->m->source_path, s->section_line, 1, "this section has "
                 "%d words: keep a section under %d words (about two minutes of reading), for "
                 "example by splitting it with a \"###\" heading or moving part to another level",
                 s->section_words, STYLE_MAX_SECTION_WORDS);
    s->section_words = 0;
}

static void heading(struct style *s, cmark_node *n)
{
    int level = cmark_node_get_heading_level(n), line = line_of(s, n);
    if (level == 1) level = 2;      /* a "#" in the body is an error of its own (render.c) */
    if (level > s->heading + 1)
        diag_add(s->diags, DIAG_WARNING, s->m->source_path, line, cmark_node_get_start_column(n),
                 "heading level %d follows level %d: use %.*s here, or add the missing level "
                 "above, so screen-reader users can follow the outline", level, s->heading,
                 s->heading + 1, "######");
    end_section(s);
    s->heading = level;
    s->section_line = line;
}

/* The link's text, lowercased, without spaces and punctuation at either end. */
static char *link_words(cmark_node *link)
{
    struct buf b;
    buf_init(&b);
    cmark_iter *it = cmark_iter_new(link);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        if (ev != CMARK_EVENT_ENTER) continue;
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) buf_puts(&b, cmark_node_get_literal(n));
        if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK) buf_putc(&b, ' ');
    }
    cmark_iter_free(it);
    char *s = buf_detach(&b, NULL);
    if (!s) return xstrdup("");
    size_t start = 0, end = strlen(s);
    while (start < end && (isspace((unsigned char)s[start]) || ispunct((unsigned char)s[start]))) start++;
    while (end > start && (isspace((unsigned char)s[end - 1]) || ispunct((unsigned char)s[end - 1]))) end--;
    for (size_t i = start; i < end; i++) s[i] = (char)tolower((unsigned char)s[i]);
    char *words = xstrndup(s + start, end - start);
    free(s);
    return words;
}

static void vague_text(struct style *s, cmark_node *link)
{
    static const char *const vague[] = {"click here", "click", "here", "read more", "more",
                                        "this link", "link", "klik hier", "klik", "hier",
                                        "lees meer", "meer", "deze link", NULL};
    char *words = link_words(link);
    for (int i = 0; vague[i]; i++)
        if (!strcmp(words, vague[i]))
            diag_add(s->diags, DIAG_WARNING, s->m->source_path, line_of(s, link),
                     cmark_node_get_start_column(link), "link text \"%s\" does not say where the "
                     "link goes: name the page or file, e.g. [the lifting checklist](...)", words);
    free(words);
}

static void module_link(struct style *s, cmark_node *link, const char *url)
{
    const char *id = url + strlen("/modules/");
    size_t n = strcspn(id, "/?#");
    char *wanted = xstrndup(id, n);
    if (n && !catalog_find(s->c, wanted))
        diag_add(s->diags, DIAG_ERROR, s->m->source_path, line_of(s, link),
                 cmark_node_get_start_column(link), "link to \"%s\": there is no module with id "
                 "\"%s\" in %s: correct the id", url, wanted, s->c->dir);
    free(wanted);
}

/* A relative link must name a file beside the module: in its folder, or for a one-file module
 * in the content folder. */
static void file_link(struct style *s, cmark_node *link, const char *url)
{
    char *rel = xstrndup(url, strcspn(url, "?#"));
    char *decoded = media_url_decode(rel);
    char *source = xstrdup(s->m->source_path);
    const char *dir = s->m->media_dir ? s->m->media_dir : dirname(source);
    char *err = NULL, *path = *decoded ? media_resolve(dir, decoded, &err) : NULL;
    char *why = err ? i18n_msg_word(err) : NULL;
    if (err)
        diag_add(s->diags, DIAG_ERROR, s->m->source_path, line_of(s, link),
                 cmark_node_get_start_column(link), "link \"%s\" %s", url, why);
    free(why);
    free(err);
    free(path);
    free(source);
    free(decoded);
    free(rel);
}

static void link(struct style *s, cmark_node *n)
{
    const char *url = cmark_node_get_url(n);
    vague_text(s, n);
    if (!url || !*url || url[0] == '#' || (url[0] == '/' && url[1] == '/')) return;
    size_t scheme = strcspn(url, ":/?#");
    if (url[scheme] == ':') return;                     /* https:, mailto: */
    if (!strncmp(url, "/modules/", 9)) {
        if (s->c) module_link(s, n, url);
    } else if (url[0] != '/') {
        file_link(s, n, url);
    }
}

void style_check(const struct module *m, int level, const struct catalog *c, struct diag_list *diags)
{
    char *md = levels_select(m->markdown, level);
    struct style s = {.m = m, .c = c, .diags = diags, .heading = 1, .section_line = m->body_line};
    cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    int in_heading = 0;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_HEADING) in_heading = ev == CMARK_EVENT_ENTER;
        if (ev != CMARK_EVENT_ENTER) continue;
        if (t == CMARK_NODE_HEADING) heading(&s, n);
        else if (t == CMARK_NODE_LINK) link(&s, n);
        else if ((t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) && !in_heading)
            s.section_words += count_words(cmark_node_get_literal(n));
    }
    end_section(&s);
    cmark_iter_free(it);
    cmark_node_free(doc);
    free(md);
}
