/* levels.c: finds level fences line by line (skipping fenced code blocks, where ":::" is text),
 * checks them, and blanks what one level does not show so cmark's line numbers stay right. */
#include "content/levels.h"

#include <stdlib.h>
#include <string.h>

#include "content/module.h"
#include "player/i18n.h"
#include "server/buf.h"

enum line_kind { LINE_TEXT, LINE_OPEN, LINE_CLOSE, LINE_BAD };

struct scan {
    const char *p;
    int line;               /* line number of the next line, counted from 1 */
    int in_code;            /* inside a ``` or ~~~ code block */
    char code_char;
    size_t code_len;
};

struct fence {
    enum line_kind kind;
    unsigned mask;          /* LINE_OPEN: the levels named */
    int column;             /* LINE_BAD: where the problem is */
    const char *error;      /* LINE_BAD: the message's msgid, with at most one "%s" ... */
    char *what;             /* ... that is this text of the line; owned */
};

/* Moves to the next line; returns 0 at the end. */
static int scan_next(struct scan *s, const char **line, size_t *len)
{
    if (!*s->p) return 0;
    const char *nl = strchr(s->p, '\n');
    *line = s->p;
    *len = nl ? (size_t)(nl - s->p) : strlen(s->p);
    s->p = nl ? nl + 1 : s->p + *len;
    s->line++;
    return 1;
}

static size_t indent(const char *l, size_t n)
{
    size_t i = 0;
    while (i < n && i < 4 && l[i] == ' ') i++;
    return i;
}

/* Tracks fenced code blocks; returns 1 when the line opens, closes or is inside one. */
static int code_line(struct scan *s, const char *l, size_t n)
{
    size_t i = indent(l, n);
    if (i > 3) return s->in_code;
    size_t run = 0;
    char c = i < n ? l[i] : 0;
    while ((c == '`' || c == '~') && i + run < n && l[i + run] == c) run++;
    if (s->in_code) {
        size_t rest = i + run;
        while (rest < n && (l[rest] == ' ' || l[rest] == '\t' || l[rest] == '\r')) rest++;
        if (c == s->code_char && run >= s->code_len && rest == n) s->in_code = 0;
        return 1;
    }
    if (run < 3) return 0;
    s->in_code = 1, s->code_char = c, s->code_len = run;
    return 1;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == ',';
}

static void fence_levels(struct fence *f, const char *l, size_t n, size_t i)
{
    while (1) {
        while (i < n && is_space(l[i])) i++;
        if (i == n) break;
        size_t start = i;
        while (i < n && !is_space(l[i])) i++;
        if (i - start != 1 || l[start] < '0' + MODULE_MIN_LEVEL || l[start] > '0' + MODULE_MAX_LEVEL) {
            f->kind = LINE_BAD;
            f->column = (int)start + 1;
            f->error = N_("level \"%s\" does not exist: use 1 (basic), 2 (intermediate) or 3 "
                          "(advanced)");
            f->what = xstrndup(l + start, i - start);
            return;
        }
        f->mask |= 1u << (l[start] - '0');
    }
    if (!f->mask) {
        f->kind = LINE_BAD;
        f->error = N_("this level fence names no level: write e.g. \"::: level 1\"");
    }
}

/* Reads one line that is not code. */
static struct fence classify(const char *l, size_t n)
{
    struct fence f = {.kind = LINE_TEXT, .column = 1};
    size_t i = indent(l, n), colons = 0;
    if (i > 3) return f;
    while (i + colons < n && l[i + colons] == ':') colons++;
    if (colons < 3) return f;
    i += colons;
    while (i < n && is_space(l[i])) i++;
    if (i == n) {
        f.kind = LINE_CLOSE;
    } else if (n - i >= 5 && memcmp(l + i, "level", 5) == 0 && (n - i == 5 || is_space(l[i + 5]))) {
        f.kind = LINE_OPEN;
        fence_levels(&f, l, n, i + 5);
    } else {
        f.kind = LINE_BAD;
        f.column = (int)i + 1;
        f.error = N_("unknown fence \"%s\": the only fence is \"::: level N\", e.g. "
                     "\"::: level 1\" (close it with \":::\")");
        f.what = xstrndup(l, n - (n && l[n - 1] == '\r'));
    }
    return f;
}

static void check_offered(unsigned mask, unsigned offered, const char *file, int line,
                          const char *l, struct diag_list *diags)
{
    for (int lv = MODULE_MIN_LEVEL; lv <= MODULE_MAX_LEVEL; lv++) {
        if (!(mask & (1u << lv)) || (offered & (1u << lv))) continue;
        const char *at = strchr(l + 3, '0' + lv);
        diag_add(diags, DIAG_ERROR, file, line, at ? (int)(at - l) + 1 : 1,
                 "level %d is used here but the front matter does not list it: add it to "
                 "\"levels\" or change this fence", lv);
    }
}

int levels_check(const char *md, unsigned offered, const char *file, int first_line,
                 struct diag_list *diags)
{
    struct scan s = {.p = md, .line = first_line - 1};
    size_t before = diag_count(diags, DIAG_ERROR);
    int open_line = 0;
    const char *l;
    size_t n;
    while (scan_next(&s, &l, &n)) {
        if (code_line(&s, l, n)) continue;
        struct fence f = classify(l, n);
        if (f.kind == LINE_BAD) {
            diag_add(diags, DIAG_ERROR, file, s.line, f.column, f.error, f.what ? f.what : "");
            free(f.what);
            /* Its ":::" most likely closes it: do not report that line as well. */
            if (!open_line) open_line = s.line;
        } else if (f.kind == LINE_OPEN && open_line) {
            diag_add(diags, DIAG_ERROR, file, s.line, 1,
                     "level fences do not nest: close the fence of line %d with \":::\" first",
                     open_line);
        } else if (f.kind == LINE_OPEN) {
            check_offered(f.mask, offered, file, s.line, l, diags);
            open_line = s.line;
        } else if (f.kind == LINE_CLOSE && !open_line) {
            diag_add(diags, DIAG_ERROR, file, s.line, 1,
                     "\":::\" closes no level fence: remove it or open one with \"::: level 1\"");
        } else if (f.kind == LINE_CLOSE) {
            open_line = 0;
        }
    }
    if (open_line)
        diag_add(diags, DIAG_ERROR, file, open_line, 1,
                 "this level fence is not closed: add a line \":::\" after its content");
    return diag_count(diags, DIAG_ERROR) > before ? -1 : 0;
}

char *levels_select(const char *md, int level)
{
    struct scan s = {.p = md};
    struct buf out;
    buf_init(&out);
    int shown = 1;
    const char *l;
    size_t n;
    while (scan_next(&s, &l, &n)) {
        int keep = shown;
        if (!code_line(&s, l, n)) {
            struct fence f = classify(l, n);
            free(f.what);
            if (f.kind != LINE_TEXT) keep = 0;
            if (f.kind == LINE_OPEN) shown = (f.mask >> level) & 1u;
            if (f.kind == LINE_CLOSE) shown = 1;
        }
        if (keep) buf_append(&out, l, n);
        if (l[n] == '\n') buf_putc(&out, '\n');
    }
    return buf_detach(&out, NULL);
}
