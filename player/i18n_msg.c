/* i18n_msg.c: messages worded when they are shown (player/i18n_msg.h). The arguments are taken by
 * the conversions of the English format and written one by one; the translated format may put
 * them in another order (%2$s before %1$s), which msgfmt --check has checked against the msgid. */
#include "player/i18n_msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/buf.h"

/* The end of the conversion that starts at p (just after its '%'); *pos: its argument's number
 * when it says one ("2$"), else 0; *spec: where its flags begin, after that number. */
static const char *conversion_end(const char *p, int *pos, const char **spec)
{
    *pos = 0;
    const char *q = p;
    int n = 0;
    while (*q >= '0' && *q <= '9') n = n * 10 + (*q++ - '0');
    if (*q == '$' && n > 0) *pos = n, p = q + 1;
    *spec = p;
    p += strspn(p, "-+ #0'");
    p += strspn(p, "0123456789*");
    if (*p == '.') p++, p += strspn(p, "0123456789*");
    p += strspn(p, "hljztL");
    return *p ? p + 1 : p;
}

static void push_arg(struct i18n_msg *m, char *text)
{
    m->args = xrealloc(m->args, (m->nargs + 1) * sizeof *m->args);
    m->args[m->nargs++] = text;
}

void i18n_msg_init(struct i18n_msg *m, const char *msgid, va_list ap)
{
    m->msgid = xstrdup(msgid);
    m->args = NULL;
    m->nargs = 0;
    for (const char *p = msgid; (p = strchr(p, '%'));) {
        if (p[1] == '%') { p += 2; continue; }
        int pos;
        const char *from;
        const char *end = conversion_end(p + 1, &pos, &from);
        char spec[32];
        snprintf(spec, sizeof spec, "%%%.*s", (int)(end - from), from);
        char conv = end[-1], *star = strchr(spec, '*');
        int width = star ? va_arg(ap, int) : 0;
        size_t lmods = strspn(spec + strcspn(spec, "hljztL"), "hljztL");
        const char *mod = spec + strcspn(spec, "hljztL");
        char *text;
        if (conv == 's')
            text = star ? xasprintf(spec, width, va_arg(ap, const char *)) : xasprintf(spec, va_arg(ap, const char *));
        else if (conv == 'c')
            text = xasprintf(spec, va_arg(ap, int));
        else if (lmods == 1 && *mod == 'z')
            text = xasprintf(spec, va_arg(ap, size_t));
        else if (lmods == 2)
            text = xasprintf(spec, va_arg(ap, long long));
        else if (lmods == 1 && *mod == 'l')
            text = xasprintf(spec, va_arg(ap, long));
        else if (conv == 'f' || conv == 'g' || conv == 'e')
            text = xasprintf(spec, va_arg(ap, double));
        else
            text = xasprintf(spec, va_arg(ap, int));
        push_arg(m, text);
        p = end;
    }
}

void i18n_msg_set(struct i18n_msg *m, const char *msgid, const char *const *args, size_t nargs)
{
    m->msgid = xstrdup(msgid);
    m->args = NULL;
    m->nargs = 0;
    for (size_t i = 0; i < nargs; i++) push_arg(m, xstrdup(args[i] ? args[i] : ""));
}

void i18n_msg_copy(struct i18n_msg *dst, const struct i18n_msg *src)
{
    i18n_msg_set(dst, src->msgid, (const char *const *)src->args, src->nargs);
}

void i18n_msg_free(struct i18n_msg *m)
{
    for (size_t i = 0; i < m->nargs; i++) free(m->args[i]);
    free(m->args);
    free(m->msgid);
    m->args = NULL;
    m->msgid = NULL;
    m->nargs = 0;
}

void i18n_msg_put_arg(struct buf *b, const char *arg, const struct i18n_lang *l)
{
    if (strncmp(arg, I18N_WORD, 1)) {
        buf_puts(b, arg);
        return;
    }
    if (!strchr(arg, I18N_ARG)) {
        buf_puts(b, i18n_text(l, NULL, arg + 1));
        return;
    }
    static const char separator[] = {I18N_ARG, '\0'};
    struct i18n_msg phrase = {NULL, NULL, 0};
    char *copy = xstrdup(arg + 1), *next = copy;
    phrase.msgid = xstrdup(strsep(&next, separator));
    while (next) push_arg(&phrase, xstrdup(strsep(&next, separator)));
    free(copy);
    char *text = i18n_msg_text(&phrase, l);
    buf_puts(b, text);
    free(text);
    i18n_msg_free(&phrase);
}

char *i18n_msg_text(const struct i18n_msg *m, const struct i18n_lang *l)
{
    const char *fmt = i18n_text(l, NULL, m->msgid);
    struct buf b;
    buf_init(&b);
    buf_puts(&b, "");
    size_t next = 0;
    for (const char *p = fmt; *p;) {
        const char *pct = strchr(p, '%');
        if (!pct) { buf_puts(&b, p); break; }
        buf_append(&b, p, (size_t)(pct - p));
        if (pct[1] == '%') { buf_puts(&b, "%"); p = pct + 2; continue; }
        int pos;
        const char *from;
        p = conversion_end(pct + 1, &pos, &from);
        size_t i = pos > 0 ? (size_t)pos - 1 : next++;
        i18n_msg_put_arg(&b, i < m->nargs ? m->args[i] : "", l);
    }
    return buf_detach(&b, NULL);
}

char *i18n_msg_word(const char *s)
{
    return xasprintf(I18N_WORD "%s", s ? s : "");
}

char *i18n_msg_phrase(const char *msgid, ...)
{
    struct i18n_msg m;
    va_list ap;
    va_start(ap, msgid);
    i18n_msg_init(&m, msgid, ap);
    va_end(ap);
    struct buf b;
    buf_init(&b);
    buf_puts(&b, I18N_WORD);
    buf_puts(&b, msgid);
    for (size_t i = 0; i < m.nargs; i++) buf_putc(&b, I18N_ARG), buf_puts(&b, m.args[i]);
    i18n_msg_free(&m);
    return buf_detach(&b, NULL);
}
