/* fuzz_form.c: libFuzzer harness for application/x-www-form-urlencoded bodies and query strings
 * (server/form.h): form_parse with a small field limit, then lookups of every decoded name. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/form.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size ? size : 1);   /* exact size: ASan sees reads past the end */
    memcpy(copy, data, size);
    struct form f;
    if (form_parse(copy, size, 64, &f) == 0) {
        const char *values[4];
        for (size_t i = 0; i < f.n; i++) {
            if (!form_get(&f, f.names[i])) abort();
            if (form_get_all(&f, f.names[i], values, 4) == 0) abort();
        }
    }
    form_free(&f);
    free(copy);
    return 0;
}
