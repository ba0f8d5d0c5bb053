/* i18n_msg.h: a message kept apart from its language, to be worded when it is shown: its msgid
 * (an English printf format, marked for the catalogue) and its arguments, each already text. The
 * findings of `stepwise check` and of a package import, and the lines of a plan's history, are kept
 * this way, so one finding or line reads in the language of whoever looks at it. */
#ifndef STEPWISE_I18N_MSG_H
#define STEPWISE_I18N_MSG_H

#include <stdarg.h>
#include <stddef.h>

#include "player/i18n.h"

/* An argument that starts with I18N_WORD is itself a msgid, worded in the reader's language too:
 * W_("basic") for a word in the code, i18n_msg_word(s) for a message made elsewhere, and
 * i18n_msg_phrase() for a phrase with arguments of its own (I18N_WORD msgid, I18N_ARG arg ...). */
#define I18N_WORD "\x1d"
#define I18N_ARG '\x1f'
#define W_(s) (I18N_WORD s)

struct i18n_msg {
    char *msgid;        /* owned */
    char **args;        /* owned, nargs of them */
    size_t nargs;
};

/* Takes the arguments of the printf format msgid from ap, each written as text the way its
 * conversion says (%d, %zu, %lld, %.*s ...). */
void i18n_msg_init(struct i18n_msg *m, const char *msgid, va_list ap);
/* A message with arguments already text (from the store); copies them. */
void i18n_msg_set(struct i18n_msg *m, const char *msgid, const char *const *args, size_t nargs);
void i18n_msg_copy(struct i18n_msg *dst, const struct i18n_msg *src);
void i18n_msg_free(struct i18n_msg *m);

/* The message in l: its msgid looked up in l's catalogue, each conversion (%s, %1$s, %2$d ...)
 * replaced by its argument. A number N$ counts conversions, so a format with %.*s (one conversion,
 * two C arguments) is translated with its conversions in order, without numbers. Caller frees. */
char *i18n_msg_text(const struct i18n_msg *m, const struct i18n_lang *l);

/* Appends the argument arg (text, or a word or phrase marked I18N_WORD) worded in l. */
void i18n_msg_put_arg(struct buf *b, const char *arg, const struct i18n_lang *l);
/* s as an argument worded in the reader's language (I18N_WORD s). Caller frees. */
char *i18n_msg_word(const char *s);
/* The phrase msgid (marked N_()) with its arguments, as one argument of another message.
 * Caller frees. */
char *i18n_msg_phrase(const char *msgid, ...) __attribute__((format(printf, 1, 2)));

#endif
