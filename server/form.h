/* form.h: application/x-www-form-urlencoded bodies and query strings, decoded into name/value
 * pairs in order. */
#ifndef STEPWISE_FORM_H
#define STEPWISE_FORM_H

#include <stddef.h>

struct form {
    char **names;       /* n decoded names; owned */
    char **values;      /* n decoded values; owned */
    size_t n;
};

/* Decodes data (len bytes: '+' is a space, %XX a byte). Returns 0, or -1 when data is malformed
 * (a bad % escape or a NUL byte) or holds more than max_fields pairs. Free with form_free. */
int form_parse(const char *data, size_t len, size_t max_fields, struct form *out);
void form_free(struct form *f);
/* The first value of name, or NULL. */
const char *form_get(const struct form *f, const char *name);
/* How many values name has; fills up to max of them into values (borrowed). */
size_t form_get_all(const struct form *f, const char *name, const char **values, size_t max);

#endif
