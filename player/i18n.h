/* i18n.h: the interface languages. Every text a person reads on a page is written in English in
 * the code, marked _("...") (or n_() for a count, C_() with a context), and looked up in the
 * catalogue of the language chosen for the request: po/LANG.po, compiled by msgfmt at build time
 * and built into the binary. The language is set per thread for the request being answered
 * (i18n_use), never through the process's locale. */
#ifndef STEPWISE_I18N_H
#define STEPWISE_I18N_H

#include <stddef.h>
#include <stdint.h>

#include "server/buf.h"

struct i18n_lang;

/* The languages built in: English (the language of the code, with no catalogue) first, then one
 * per po/LANG.po in tag order. i18n_at(i) for i < i18n_count(). */
size_t i18n_count(void);
const struct i18n_lang *i18n_at(size_t i);
const struct i18n_lang *i18n_english(void);

/* The language's tag ("en", "nl") and its name in itself ("English", "Nederlands"). */
const char *i18n_tag(const struct i18n_lang *l);
const char *i18n_name(const struct i18n_lang *l);

/* The built-in language for a tag: an exact match, else its primary subtag ("nl-BE" finds nl);
 * case-insensitive. NULL when none. */
const struct i18n_lang *i18n_find(const char *tag);
/* The built-in tags as a list for a message: "en, nl" (caller frees). */
char *i18n_tags(void);
/* The built-in language an Accept-Language header prefers most (RFC 9110 12.5.4: q-values, then
 * order; "*" and q=0 choose nothing), or NULL when it names none of them. */
const struct i18n_lang *i18n_negotiate(const char *accept_language);

/* The language of the request this thread answers; English until set. */
void i18n_use(const struct i18n_lang *l);
const struct i18n_lang *i18n_current(void);

/* For interface text inside text in the language `around` (a lesson in a module's language):
 * appends ' lang="TAG"' of the request's interface language when they differ, nothing when
 * they match or around is NULL or "". */
void i18n_put_ui_lang(struct buf *b, const char *around);
/* The reverse, for a module's text on an interface page: ' lang="TAG"' of text when it is not
 * the interface language. */
void i18n_put_text_lang(struct buf *b, const char *text);
/* text written in lang (a lesson's title; "en" for an old plan-history line stored in English),
 * escaped; in <span lang="..."> when that is not the interface language (lang NULL: the page's). */
void i18n_put_in_lang(struct buf *b, const char *text, const char *lang);

/* msgid in l (with context ctx, or NULL), or msgid itself when l has no translation. */
const char *i18n_text(const struct i18n_lang *l, const char *ctx, const char *msgid);
/* The form of msgid/plural for the count n, by l's plural rule (English: n == 1 is singular). */
const char *i18n_ntext(const struct i18n_lang *l, const char *msgid, const char *plural, unsigned long n);

#define _(s) i18n_text(i18n_current(), NULL, (s))
#define C_(ctx, s) i18n_text(i18n_current(), (ctx), (s))
#define n_(s, p, n) i18n_ntext(i18n_current(), (s), (p), (n))
/* Mark a text for the catalogue where it is looked up later with _() or C_(ctx, s). */
#define N_(s) (s)
#define NC_(ctx, s) (s)

/* Appends the local date of `when` (seconds since 1970) as people write it in l: "3 December
 * 2026" / "3 december 2026", with ", 14:30" (24-hour clock) when with_time. */
void i18n_put_date(struct buf *b, const struct i18n_lang *l, int64_t when, int with_time);
/* The same for a calendar day "YYYY-MM-DD" (no time zone: the day as written); anything else is
 * appended as it is, escaped. */
void i18n_put_day(struct buf *b, const struct i18n_lang *l, const char *day);

/* Reads a catalogue compiled by msgfmt (a GNU .mo file, either byte order) for tag; the data must
 * stay valid while the language is used. NULL with *err (caller frees) when it is not a valid
 * catalogue. The built-in languages are loaded with it; free with i18n_lang_free. */
struct i18n_lang *i18n_lang_load(const char *tag, const unsigned char *mo, size_t len, char **err);
void i18n_lang_free(struct i18n_lang *l);

#endif
