/* form.h: application/x-www-form-urlencoded bodies and query strings, decoded into name/value
 * pairs in order. */
#ifndef STEPWISE_FORM_H
#define STEPWISE_FORM_H

#include <stddef.h>

struct form {
    char **names;       /* n decoded names; owned */
    char **values;      /* n decoded values; owned */
    size_t n;
    char *not_utf8;     /* after FORM_NOT_UTF8: the name of the field whose name or value is
                         * not UTF-8 text ("" when the name itself is not); owned */
};

enum { FORM_OK = 0, FORM_MALFORMED = -1, FORM_NOT_UTF8 = -2 };

/* Decodes data (len bytes: '+' is a space, %XX a byte). Returns FORM_OK; FORM_MALFORMED when
 * data is malformed (a bad % escape or a NUL byte) or holds more than max_fields pairs; or
 * FORM_NOT_UTF8 when a decoded name or value is not UTF-8 (out->not_utf8 says which). The
 * pages are UTF-8, so such text is refused rather than stored and echoed. Free with form_free
 * either way. */
int form_parse(const char *data, size_t len, size_t max_fields, struct form *out);
void form_free(struct form *f);
/* The first value of name, or NULL. */
const char *form_get(const struct form *f, const char *name);
/* How many values name has; fills up to max of them into values (borrowed). */
size_t form_get_all(const struct form *f, const char *name, const char **values, size_t max);

#endif
