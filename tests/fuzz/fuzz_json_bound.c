/* fuzz_json_bound.c: libFuzzer harness for counting JSON values before parsing
 * (tracking/json_bound.h): whatever jansson builds from a text, the count is never below it, so
 * a body within the limit never becomes a larger tree. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "tracking/json_bound.h"

/* The values of the tree, object keys included (as json_bound counts them). */
static size_t tree_values(const json_t *j)
{
    size_t n = 1, i;
    const char *key;
    const json_t *v;
    if (json_is_array(j)) json_array_foreach(j, i, v) n += tree_values(v);
    if (json_is_object(j)) json_object_foreach((json_t *)j, key, v) n += 1 + tree_values(v);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size ? size : 1);   /* exact size: ASan sees reads past the end */
    memcpy(copy, data, size);
    json_t *j = json_loadb(copy, size, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
    if (j && json_bound_within(copy, size, tree_values(j) - 1)) abort();
    json_decref(j);
    free(copy);
    return 0;
}
