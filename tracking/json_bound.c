/* json_bound.c: counts the values of a JSON text with a small scanner (strings skipped with
 * their escapes, every other token start counted), so that a body that would explode into
 * millions of parsed values is refused before jansson allocates any of them. */
#include "tracking/json_bound.h"

/* A character that continues a number or a literal (true, false, null, or a typo of one). */
static int is_token_char(char c)
{
    return c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z');
}

int json_bound_within(const char *text, size_t len, size_t max)
{
    size_t count = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '"') {
            for (i++; i < len && text[i] != '"'; i++)
                if (text[i] == '\\') i++;
        } else if (c == '[' || c == '{') {
            /* counted below */
        } else if (c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
            /* A number or a literal: one value, however long. */
            while (i + 1 < len && is_token_char(text[i + 1])) i++;
        } else {
            continue;       /* white space, ',', ':', ']', '}' and bytes no value starts with */
        }
        if (++count > max) return 0;
    }
    return 1;
}
