/* fuzz_head.c: libFuzzer harness for the gate's check of a request head (server/gate_head.h):
 * a head it passes ends in an empty line, within the bytes given and the size limit, and every
 * line of it ends in CR LF; a refusal always says why. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/gate_head.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size ? size : 1);   /* exact size: ASan sees reads past the end */
    memcpy(copy, data, size);
    size_t max = 512, end = 0;
    const char *why = NULL;
    int status = gate_head_check(copy, size, max, &end, &why);
    if (status == GATE_HEAD_OK) {
        if (end < 4 || end > size || end > max || memcmp(copy + end - 4, "\r\n\r\n", 4)) abort();
        for (size_t i = 0; i < end; i++) {
            if (copy[i] == '\n' && (i == 0 || copy[i - 1] != '\r')) abort();
            if (copy[i] == '\r' && copy[i + 1] != '\n') abort();
        }
    } else if (status != GATE_HEAD_INCOMPLETE && (!why || status < 400)) {
        abort();
    } else if (status == GATE_HEAD_INCOMPLETE && size >= max) {
        abort();    /* a head that cannot fit must be refused, not waited for */
    }
    free(copy);
    return 0;
}
