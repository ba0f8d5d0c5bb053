/* embed.c: reads the key: value lines of a video or audio block, checks the keys and the files
 * they name, and writes a <figure> with a native player, captions track or transcript. */
#include "content/embed.h"

#include <stdlib.h>
#include <string.h>

#include "content/media.h"
#include "content/media_info.h"
#include "content/render.h"
#include "player/i18n.h"

#define MAX_TRANSCRIPT (1024 * 1024)

enum key { KEY_SRC, KEY_CAPTIONS, KEY_POSTER, KEY_TITLE, KEY_TRANSCRIPT, NKEYS };

static const char *const key_names[NKEYS] = {"src", "captions", "poster", "title", "transcript"};
static const char *const video_exts[] = {".mp4", ".webm", NULL};
static const char *const audio_exts[] = {".mp3", ".ogg", ".m4a", NULL};
static const char *const vtt_exts[] = {".vtt", NULL};
static const char *const md_exts[] = {".md", NULL};

struct embed {
    const struct module *m;
    const char *kind;
    int video;
    int line;                   /* the opening fence */
    struct diag_list *diags;
    struct media_list *packaged;    /* NULL on the server */
    char *value[NKEYS];         /* owned */
    int value_line[NKEYS];
    char *path[NKEYS];          /* resolved files, owned; NULL when missing or wrong */
    struct buf warnings;        /* <p class="warning"> paragraphs for the learner */
};

const char *embed_kind(const char *info)
{
    size_t n = strcspn(info, " \t");
    if (n == 5 && memcmp(info, "video", 5) == 0) return "video";
    if (n == 5 && memcmp(info, "audio", 5) == 0) return "audio";
    return NULL;
}

unsigned embed_kinds(const char *markdown)
{
    unsigned kinds = 0;
    for (const char *l = markdown; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        const char *p = l + strspn(l, " ");
        if (p - l > 3 || (strncmp(p, "```", 3) && strncmp(p, "~~~", 3))) continue;
        p += strspn(p, p[0] == '`' ? "`" : "~");
        p += strspn(p, " \t");
        size_t n = strcspn(p, " \t\r\n");
        if (n == 5 && !memcmp(p, "video", 5)) kinds |= EMBED_HAS_VIDEO;
        if (n == 5 && !memcmp(p, "audio", 5)) kinds |= EMBED_HAS_AUDIO;
    }
    return kinds;
}

static void warn_learner(struct embed *e, const char *text)
{
    buf_puts(&e->warnings, "<p class=\"warning\" role=\"note\"");
    i18n_put_ui_lang(&e->warnings, e->m->language);
    buf_puts(&e->warnings, ">");
    buf_put_html(&e->warnings, text);
    buf_puts(&e->warnings, "</p>\n");
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) s[--n] = '\0';
    return s;
}

/* Cuts a " # comment" off an unquoted value, and the quotes off a quoted one. */
static char *value_text(char *v)
{
    v = trim(v);
    if ((v[0] == '"' || v[0] == '\'') && strchr(v + 1, v[0])) {
        char *close = strchr(v + 1, v[0]);
        *close = '\0';
        return v + 1;
    }
    for (char *p = v; *p; p++)
        if (*p == '#' && (p == v || p[-1] == ' ' || p[-1] == '\t')) *p = '\0';
    return trim(v);
}

static int key_allowed(const struct embed *e, enum key k)
{
    if (k == KEY_CAPTIONS || k == KEY_POSTER) return e->video;
    if (k == KEY_TRANSCRIPT) return !e->video;
    return 1;
}

static void parse_line(struct embed *e, char *l, int line)
{
    const char *file = e->m->source_path;
    l = trim(l);
    if (!*l || *l == '#') return;
    char *colon = strchr(l, ':');
    if (!colon) {
        diag_add(e->diags, DIAG_ERROR, file, line, 1,
                 "\"%s\" is not a \"key: value\" line: write e.g. \"src: %s\"", l,
                 e->video ? "lift.mp4" : "talk.mp3");
        return;
    }
    *colon = '\0';
    char *key = trim(l), *value = value_text(colon + 1);
    int k = 0;
    while (k < NKEYS && strcmp(key, key_names[k]) != 0) k++;
    if (k == NKEYS || !key_allowed(e, (enum key)k)) {
        diag_add(e->diags, DIAG_ERROR, file, line, 1, "unknown key \"%s\" in %s: the keys are %s",
                 key, e->kind, e->video ? W_("src, captions, poster and title")
                                        : W_("src, transcript and title"));
    } else if (!*value) {
        return;     /* "captions:" with nothing after it is reported as missing */
    } else if (e->value[k]) {
        diag_add(e->diags, DIAG_ERROR, file, line, 1, "key \"%s\" appears twice in this %s: "
                 "keep one", key, e->kind);
    } else {
        e->value[k] = xstrdup(value);
        e->value_line[k] = line;
    }
}

static void parse_body(struct embed *e, const char *body)
{
    char *copy = xstrdup(body);
    int line = e->line + 1;
    for (char *l = copy; l; line++) {
        char *nl = strchr(l, '\n');
        if (nl) *nl = '\0';
        parse_line(e, l, line);
        l = nl ? nl + 1 : NULL;
    }
    free(copy);
}

/* Checks one file key; sets e->path[k] when the file is usable. Returns 0 when the key is set. */
static int check_file(struct embed *e, enum key k, const char *what, const char *const *exts,
                      const char *ext_hint)
{
    const char *v = e->value[k];
    const char *file = e->m->source_path;
    if (!v) return -1;
    char *err = NULL;
    if (!media_has_ext(v, exts)) {
        char *hint = i18n_msg_word(ext_hint);
        diag_add(e->diags, DIAG_ERROR, file, e->value_line[k], 1, "%s \"%s\" has the wrong "
                 "type: use %s", what, v, hint);
        free(hint);
    } else if (!e->m->media_dir) {
        diag_add(e->diags, DIAG_ERROR, file, e->value_line[k], 1, "%s \"%s\" needs a folder "
                 "module: move this file to a folder as index.md and put the media beside it",
                 what, v);
    } else if (!(e->path[k] = media_resolve(e->m->media_dir, v, &err))) {
        char *why = i18n_msg_word(err);
        diag_add(e->diags, DIAG_ERROR, file, e->value_line[k], 1, "%s \"%s\" %s", what, v, why);
        free(why);
        free(err);
    }
    return 0;
}

static void check_keys(struct embed *e)
{
    const char *file = e->m->source_path;
    if (!e->value[KEY_TITLE] || !*e->value[KEY_TITLE])
        diag_add(e->diags, DIAG_ERROR, file, e->line, 1, "%s has no title: add \"title: ...\" "
                 "saying what it %s", e->kind, e->video ? W_("shows") : W_("is about"));
    if (check_file(e, KEY_SRC, e->kind, e->video ? video_exts : audio_exts,
                   e->video ? N_("an .mp4 or .webm file") : N_("an .mp3, .ogg or .m4a file")) != 0)
        diag_add(e->diags, DIAG_ERROR, file, e->line, 1, "%s has no file: add \"src: %s\"",
                 e->kind, e->video ? "lift.mp4" : "talk.mp3");
    if (!e->video) {
        if (check_file(e, KEY_TRANSCRIPT, "transcript", md_exts, N_("a Markdown file ending in .md")))
            diag_add(e->diags, DIAG_ERROR, file, e->line, 1, "audio \"%s\" has no transcript: "
                     "add \"transcript: talk.md\" (a Markdown file in the module folder)",
                     e->value[KEY_SRC] ? e->value[KEY_SRC] : "");
        return;
    }
    check_file(e, KEY_POSTER, "poster", media_image_exts, N_("a .jpg, .png, .gif or .webp picture"));
    if (check_file(e, KEY_CAPTIONS, "captions", vtt_exts, N_("a WebVTT file ending in .vtt")) != 0) {
        const char *src = e->value[KEY_SRC] ? e->value[KEY_SRC] : "lift.mp4";
        size_t stem = strcspn(src, ".");
        diag_add(e->diags, DIAG_ERROR, file, e->line, 1, "video \"%s\" has no captions: add "
                 "\"captions: %.*s.%s.vtt\" (a WebVTT file)", src, (int)stem, src,
                 e->m->language ? e->m->language : "en");
    }
}

static const char *mime_type(const char *name)
{
    static const char *const types[][2] = {
        {".mp4", "video/mp4"}, {".webm", "video/webm"}, {".mp3", "audio/mpeg"},
        {".ogg", "audio/ogg"}, {".m4a", "audio/mp4"},
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        const char *const ext[] = {types[i][0], NULL};
        if (media_has_ext(name, ext)) return types[i][1];
    }
    return "application/octet-stream";
}

/* A few names for the captions menu; other languages show their tag. */
static const char *language_label(const char *tag)
{
    static const char *const names[][2] = {
        {"en", "English"}, {"nl", "Nederlands"}, {"de", "Deutsch"}, {"fr", "Français"},
        {"es", "Español"}, {"pl", "Polski"}, {"pt", "Português"}, {"it", "Italiano"},
        {"tr", "Türkçe"}, {"ro", "Română"}, {"uk", "Українська"}, {"ar", "العربية"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t n = strlen(names[i][0]);
        if (strncmp(tag, names[i][0], n) == 0 && (tag[n] == '\0' || tag[n] == '-'))
            return names[i][1];
    }
    return tag;
}

static void put_attr_url(struct buf *out, const char *attr, const struct embed *e, enum key k)
{
    buf_printf(out, " %s=\"", attr);
    struct buf url;
    buf_init(&url);
    media_put_url(&url, e->m->id, e->value[k], e->packaged);
    buf_put_html(out, url.data);
    buf_free(&url);
    buf_putc(out, '"');
}

static void put_download(struct buf *out, const struct embed *e)
{
    buf_puts(out, "<a");
    put_attr_url(out, "href", e, KEY_SRC);
    buf_puts(out, " download");
    i18n_put_ui_lang(out, e->m->language);
    buf_puts(out, ">");
    buf_put_html(out, e->video ? _("Download the video") : _("Download the podcast"));
    if (e->value[KEY_TITLE] && *e->value[KEY_TITLE]) {
        buf_puts(out, ": ");
        buf_put_html(out, e->value[KEY_TITLE]);
    }
    buf_puts(out, "</a>\n");
}

/* Length and size before the player, read from the file when the page is rendered (the page
 * cache renders again when the module folder changes), so nobody has to press play to know. */
static void put_media_facts(struct buf *out, const struct embed *e)
{
    struct media_info info = media_info_read(e->path[KEY_SRC]);
    if (info.bytes < 0) return;
    buf_puts(out, "<p class=\"media-facts\"");
    i18n_put_ui_lang(out, e->m->language);
    buf_puts(out, ">");
    if (info.seconds >= 0) {
        buf_printf(out, "%s <strong>", _("Length"));
        if (info.seconds >= 3600) buf_printf(out, "%d:%02d:%02d", info.seconds / 3600,
                                             info.seconds / 60 % 60, info.seconds % 60);
        else buf_printf(out, "%d:%02d", info.seconds / 60, info.seconds % 60);
        buf_printf(out, "</strong> %s · ", _("min"));
    }
    buf_printf(out, "%s <strong>", _("Size"));
    if (info.bytes < 1000 * 1000) buf_printf(out, "%lld KB", (info.bytes + 999) / 1000);
    else buf_printf(out, "%lld.%lld MB", info.bytes / 1000000, info.bytes / 100000 % 10);
    buf_puts(out, "</strong></p>\n");
}

static void put_video(struct buf *out, struct embed *e)
{
    buf_puts(out, "<video controls preload=\"metadata\" playsinline");
    if (e->path[KEY_POSTER]) put_attr_url(out, "poster", e, KEY_POSTER);
    buf_puts(out, ">\n<source");
    put_attr_url(out, "src", e, KEY_SRC);
    buf_printf(out, " type=\"%s\">\n", mime_type(e->value[KEY_SRC]));
    if (e->path[KEY_CAPTIONS]) {
        const char *lang = e->m->language ? e->m->language : "en";
        buf_puts(out, "<track kind=\"captions\"");
        put_attr_url(out, "src", e, KEY_CAPTIONS);
        buf_puts(out, " srclang=\"");
        buf_put_html(out, lang);
        buf_puts(out, "\" label=\"");
        buf_put_html(out, language_label(lang));
        buf_puts(out, "\" default>\n");
    } else {
        warn_learner(e, _("This video has no captions yet: turn the sound on or ask your mentor."));
    }
    put_download(out, e);
    buf_puts(out, "</video>\n");
}

static char *read_small_file(const char *path)
{
    size_t len;
    return read_file_max(path, MAX_TRANSCRIPT, &len);
}

static void put_transcript(struct buf *out, struct embed *e)
{
    char *text = e->path[KEY_TRANSCRIPT] ? read_small_file(e->path[KEY_TRANSCRIPT]) : NULL;
    if (!text) {
        if (e->path[KEY_TRANSCRIPT])
            diag_add(e->diags, DIAG_ERROR, e->m->source_path, e->value_line[KEY_TRANSCRIPT], 1,
                     "transcript \"%s\" cannot be read or is over 1 MiB: shorten it",
                     e->value[KEY_TRANSCRIPT]);
        warn_learner(e, _("This podcast has no transcript yet: ask your mentor for the text."));
        return;
    }
    char *file = xasprintf("%s/%s", e->m->media_dir, e->value[KEY_TRANSCRIPT]);
    char *html = render_transcript(e->m, text, file, e->packaged, e->diags);
    buf_puts(out, "<details class=\"transcript\"><summary");
    i18n_put_ui_lang(out, e->m->language);
    buf_printf(out, ">%s</summary>\n", _("Transcript"));
    buf_puts(out, html);
    buf_puts(out, "</details>\n");
    free(html);
    free(file);
    free(text);
}

static void put_audio(struct buf *out, struct embed *e)
{
    buf_puts(out, "<audio controls preload=\"none\">\n<source");
    put_attr_url(out, "src", e, KEY_SRC);
    buf_printf(out, " type=\"%s\">\n", mime_type(e->value[KEY_SRC]));
    put_download(out, e);
    buf_puts(out, "</audio>\n");
}

void embed_render(struct buf *out, const struct module *m, const char *kind, const char *body,
                  int line, struct media_list *packaged, struct diag_list *diags)
{
    struct embed e = {.m = m, .kind = kind, .video = strcmp(kind, "video") == 0, .line = line,
                      .diags = diags, .packaged = packaged};
    buf_init(&e.warnings);
    parse_body(&e, body);
    check_keys(&e);
    buf_printf(out, "<figure class=\"%s\">\n", kind);
    if (e.value[KEY_TITLE] && *e.value[KEY_TITLE]) {
        buf_puts(out, "<figcaption>");
        buf_put_html(out, e.value[KEY_TITLE]);
        buf_puts(out, "</figcaption>\n");
    }
    if (!e.path[KEY_SRC]) {
        warn_learner(&e, e.video ? _("This video cannot be played here yet: ask your mentor to show it.")
                                 : _("This podcast cannot be played here yet: ask your mentor for it."));
    } else {
        put_media_facts(out, &e);
        if (e.video) put_video(out, &e);
        else put_audio(out, &e);
    }
    if (!e.video) put_transcript(out, &e);
    if (e.warnings.len) buf_puts(out, e.warnings.data);
    buf_puts(out, "</figure>\n");
    buf_free(&e.warnings);
    for (int k = 0; k < NKEYS; k++) {
        free(e.value[k]);
        free(e.path[k]);
    }
}
