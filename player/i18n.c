/* i18n.c: the interface languages and their catalogues (player/i18n.h). A catalogue is a GNU .mo
 * file, read in place: its table of message ids is sorted, so a lookup is a binary search. The
 * built-in languages are loaded once, on first use; a catalogue that does not load is reported on
 * standard error and its language left out, so the pages fall back to English. */
#include "player/i18n.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "player/i18n_catalogs.h"
#include "player/i18n_plural.h"

#define MO_MAGIC 0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u
#define MAX_LANGS 32

struct i18n_lang {
    char tag[16];
    const char *name;               /* in the language itself */
    const unsigned char *mo;        /* NULL for English */
    size_t len;
    int swapped;                    /* the file's byte order differs from ours */
    uint32_t count;                 /* messages */
    uint32_t ids, strs;             /* offsets of the two tables */
    struct plural_rule *plural;     /* NULL: English rule (n != 1) */
};

static struct i18n_lang english = {"en", "English", NULL, 0, 0, 0, 0, 0, NULL};
static const struct i18n_lang *langs[MAX_LANGS];
static size_t nlangs;
static pthread_once_t langs_once = PTHREAD_ONCE_INIT;
static _Thread_local const struct i18n_lang *current;

static uint32_t word(const struct i18n_lang *l, uint32_t off)
{
    uint32_t v;
    memcpy(&v, l->mo + off, 4);
    return l->swapped ? __builtin_bswap32(v) : v;
}

/* Entry i of the table at `table` (8 bytes each: length, offset); NULL when out of the file. */
static const char *entry(const struct i18n_lang *l, uint32_t table, uint32_t i, uint32_t *len)
{
    uint32_t n = word(l, table + 8 * i), off = word(l, table + 8 * i + 4);
    if (off >= l->len || n >= l->len - off || l->mo[off + n] != '\0') return NULL;
    if (len) *len = n;
    return (const char *)l->mo + off;
}

/* The value of header field `name` ("Plural-Forms") in the catalogue's header, copied to out. */
static int header_field(const char *header, const char *name, char *out, size_t size)
{
    size_t n = strlen(name);
    for (const char *line = header; *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : "") {
        if (strncmp(line, name, n) != 0 || line[n] != ':') continue;
        const char *v = line + n + 1;
        while (*v == ' ') v++;
        size_t len = strcspn(v, "\n");
        if (len >= size) return 0;
        memcpy(out, v, len);
        out[len] = '\0';
        return 1;
    }
    return 0;
}

static const char *lookup(const struct i18n_lang *l, const char *key, uint32_t *len);

struct i18n_lang *i18n_lang_load(const char *tag, const unsigned char *mo, size_t len, char **err)
{
    struct i18n_lang *l = xcalloc(1, sizeof *l);
    snprintf(l->tag, sizeof l->tag, "%s", tag);
    l->mo = mo;
    l->len = len;
    uint32_t magic = 0;
    if (len >= 28) memcpy(&magic, mo, 4);
    if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED) {
        *err = xasprintf("catalogue %s: not a compiled gettext catalogue (.mo)", tag);
        goto fail;
    }
    l->swapped = magic == MO_MAGIC_SWAPPED;
    l->count = word(l, 8);
    l->ids = word(l, 12);
    l->strs = word(l, 16);
    if (word(l, 4) >> 16 != 0) {
        *err = xasprintf("catalogue %s: format revision %u is not supported", tag, word(l, 4) >> 16);
        goto fail;
    }
    if (l->ids > len || l->strs > len || l->count > (len - l->ids) / 8 ||
        l->count > (len - l->strs) / 8) {
        *err = xasprintf("catalogue %s: its tables lie outside the file", tag);
        goto fail;
    }
    const char *prev = NULL;
    for (uint32_t i = 0; i < l->count; i++) {
        const char *id = entry(l, l->ids, i, NULL);
        if (!id || !entry(l, l->strs, i, NULL)) {
            *err = xasprintf("catalogue %s: message %u lies outside the file", tag, i);
            goto fail;
        }
        if (prev && strcmp(prev, id) >= 0) {
            *err = xasprintf("catalogue %s: messages are not sorted", tag);
            goto fail;
        }
        prev = id;
    }
    const char *header = lookup(l, "", NULL);
    char forms[256];
    if (header && header_field(header, "Plural-Forms", forms, sizeof forms)) {
        l->plural = plural_rule_parse(forms, NULL);
        if (!l->plural) {
            *err = xasprintf("catalogue %s: Plural-Forms \"%s\" is not a valid rule", tag, forms);
            goto fail;
        }
    }
    /* TRANSLATORS: the name of your language in itself, as a person picks it from a list. */
    l->name = i18n_text(l, "language name", "English");
    if (!strcmp(l->name, "English")) l->name = l->tag;   /* the catalogue does not name it */
    return l;
fail:
    i18n_lang_free(l);
    return NULL;
}

void i18n_lang_free(struct i18n_lang *l)
{
    if (!l || l == &english) return;
    plural_rule_free(l->plural);
    free(l);
}

/* The translation of key (the msgid, or "context\4msgid"), or NULL. An empty translation counts as
 * none, as msgfmt leaves untranslated messages out anyway. */
static const char *lookup(const struct i18n_lang *l, const char *key, uint32_t *len)
{
    if (!l->mo) return NULL;
    uint32_t lo = 0, hi = l->count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = strcmp(key, entry(l, l->ids, mid, NULL));
        if (c == 0) {
            const char *s = entry(l, l->strs, mid, len);
            return *key && !*s ? NULL : s;
        }
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return NULL;
}

static void langs_load(void)
{
    langs[nlangs++] = &english;
    struct i18n_catalog cats[MAX_LANGS - 1];
    size_t n = i18n_catalogs(cats, MAX_LANGS - 1);
    for (size_t i = 0; i < n && i < MAX_LANGS - 1; i++) {
        char *err = NULL;
        struct i18n_lang *l = i18n_lang_load(cats[i].tag, cats[i].mo, cats[i].len, &err);
        if (l) langs[nlangs++] = l;
        else {
            fprintf(stderr, "stepwise: %s; its pages are shown in English\n", err);
            free(err);
        }
    }
}

size_t i18n_count(void)
{
    pthread_once(&langs_once, langs_load);
    return nlangs;
}

const struct i18n_lang *i18n_at(size_t i)
{
    return i < i18n_count() ? langs[i] : NULL;
}

const struct i18n_lang *i18n_english(void)
{
    return &english;
}

const char *i18n_tag(const struct i18n_lang *l)
{
    return l->tag;
}

const char *i18n_name(const struct i18n_lang *l)
{
    return l->name;
}

const struct i18n_lang *i18n_find(const char *tag)
{
    if (!tag) return NULL;
    size_t primary = strcspn(tag, "-_");
    const struct i18n_lang *match = NULL;
    for (size_t i = 0; i < i18n_count(); i++) {
        if (!strcasecmp(langs[i]->tag, tag)) return langs[i];
        if (!match && strlen(langs[i]->tag) == primary && !strncasecmp(langs[i]->tag, tag, primary))
            match = langs[i];
    }
    return match;
}

char *i18n_tags(void)
{
    struct buf b;
    buf_init(&b);
    for (size_t i = 0; i < i18n_count(); i++) buf_printf(&b, "%s%s", i ? ", " : "", langs[i]->tag);
    return buf_detach(&b, NULL);
}

/* The q-value of one Accept-Language item's parameters (";q=0.5"), 1000 for 1, -1 if malformed. */
static int quality(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    if (p == end) return 1000;
    if (end - p < 4 || *p != ';') return -1;
    p++;
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    if (end - p < 3 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=') return -1;
    p += 2;
    int q = 0, scale = 1000;
    if (*p == '1') q = 1000;
    else if (*p != '0') return -1;
    p++;
    if (p < end && *p == '.') {
        p++;
        for (int digits = 0; p < end && isdigit((unsigned char)*p) && digits < 3; p++, digits++) {
            scale /= 10;
            q += (*p - '0') * scale;
        }
    }
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    return p == end && q <= 1000 ? q : -1;
}

const struct i18n_lang *i18n_negotiate(const char *header)
{
    if (!header) return NULL;
    const struct i18n_lang *best = NULL;
    int best_q = 0;
    for (const char *p = header; *p;) {
        const char *end = p + strcspn(p, ",");
        while (p < end && (*p == ' ' || *p == '\t')) p++;
        size_t n = strcspn(p, ";, \t");
        if (p + n > end) n = (size_t)(end - p);
        char tag[36];
        int q = quality(p + n, end);
        if (n > 0 && n < sizeof tag && q > best_q) {
            memcpy(tag, p, n);
            tag[n] = '\0';
            const struct i18n_lang *l = i18n_find(tag);
            if (l) {
                best = l;
                best_q = q;
            }
        }
        p = *end ? end + 1 : end;
    }
    return best;
}

void i18n_use(const struct i18n_lang *l)
{
    current = l;
}

const struct i18n_lang *i18n_current(void)
{
    return current ? current : &english;
}

static int same_language(const char *a, const char *b)
{
    return i18n_find(a) == i18n_find(b) && i18n_find(a) ? 1 : !strcasecmp(a, b);
}

void i18n_put_ui_lang(struct buf *b, const char *around)
{
    const char *ui = i18n_tag(i18n_current());
    if (around && *around && !same_language(around, ui)) buf_printf(b, " lang=\"%s\"", ui);
}

void i18n_put_text_lang(struct buf *b, const char *text)
{
    if (!text || !*text || same_language(text, i18n_tag(i18n_current()))) return;
    buf_puts(b, " lang=\"");
    buf_put_html(b, text);
    buf_puts(b, "\"");
}

void i18n_put_in_lang(struct buf *b, const char *text, const char *lang)
{
    int other = lang && *lang && !same_language(lang, i18n_tag(i18n_current()));
    if (other) buf_puts(b, "<span"), i18n_put_text_lang(b, lang), buf_puts(b, ">");
    buf_put_html(b, text);
    if (other) buf_puts(b, "</span>");
}

const char *i18n_text(const struct i18n_lang *l, const char *ctx, const char *msgid)
{
    if (!l->mo) return msgid;
    const char *s;
    if (ctx) {
        char key[512];
        int n = snprintf(key, sizeof key, "%s\004%s", ctx, msgid);
        s = n > 0 && (size_t)n < sizeof key ? lookup(l, key, NULL) : NULL;
    } else {
        s = lookup(l, msgid, NULL);
    }
    return s ? s : msgid;
}

const char *i18n_ntext(const struct i18n_lang *l, const char *msgid, const char *plural, unsigned long n)
{
    uint32_t len;
    const char *s = lookup(l, msgid, &len);
    if (!s) return n == 1 ? msgid : plural;
    unsigned form = l->plural ? plural_rule_eval(l->plural, n) : n != 1;
    const char *end = s + len;
    for (; form > 0 && s < end; form--) s += strlen(s) + 1;
    return s < end && *s ? s : (n == 1 ? msgid : plural);
}

/* The date of tm as people write it in l, and its time when with_time. */
static void put_tm(struct buf *b, const struct i18n_lang *l, const struct tm *tm, int with_time)
{
    static const char *const months[] = {
        NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
        NC_("month", "April"), NC_("month", "May"), NC_("month", "June"), NC_("month", "July"),
        NC_("month", "August"), NC_("month", "September"), NC_("month", "October"),
        NC_("month", "November"), NC_("month", "December")};
    /* TRANSLATORS: a date: %1$d the day, %2$s the month's name, %3$d the year. */
    static const char *const date_format = N_("%1$d %2$s %3$d");
    /* TRANSLATORS: the time after a date, on the 24-hour clock: %1$02d hours, %2$02d minutes. */
    static const char *const time_format = N_(", %1$02d:%2$02d");
    const char *month = i18n_text(l, "month", months[tm->tm_mon]);
    buf_printf(b, i18n_text(l, NULL, date_format), tm->tm_mday, month, tm->tm_year + 1900);
    if (with_time) buf_printf(b, i18n_text(l, NULL, time_format), tm->tm_hour, tm->tm_min);
}

void i18n_put_date(struct buf *b, const struct i18n_lang *l, int64_t when, int with_time)
{
    time_t t = (time_t)when;
    struct tm tm;
    localtime_r(&t, &tm);
    put_tm(b, l, &tm, with_time);
}

void i18n_put_day(struct buf *b, const struct i18n_lang *l, const char *day)
{
    struct tm tm = {0};
    const char *end = day ? strptime(day, "%Y-%m-%d", &tm) : NULL;
    if (!end || *end || tm.tm_mon < 0 || tm.tm_mon > 11) {
        buf_put_html(b, day ? day : "");
        return;
    }
    put_tm(b, l, &tm, 0);
}
