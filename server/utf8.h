/* utf8.h: strict UTF-8 checks (RFC 3629: no overlong forms, no surrogates, nothing above
 * U+10FFFF) for text that arrives from outside: module files and form fields. Implemented in
 * server/utf8.c. */
#ifndef STEPWISE_UTF8_H
#define STEPWISE_UTF8_H

#include <stddef.h>

/* The length (1-4) of the well-formed UTF-8 character at s (len bytes available), or 0 when the
 * bytes there are not one. A NUL byte counts as a character of length 1. */
size_t utf8_char_len(const char *s, size_t len);
/* 1 when all len bytes of s are well-formed UTF-8. */
int utf8_valid(const char *s, size_t len);

#endif
