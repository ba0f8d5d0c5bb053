/* fuzz_manifest.c: libFuzzer harness for SCORM manifests (content/scorm_manifest.h): any bytes
 * must give a manifest object or errors, never a crash, leak or hang; launch files are taken as
 * present when their name is short, so both paths of the launch check run. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content/scorm_manifest.h"

static int short_names(void *ctx, const char *path)
{
    (void)ctx;
    return strlen(path) < 16;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diag_list diags;
    diag_list_init(&diags);
    json_t *m = scorm_manifest_parse((const char *)data, size, "imsmanifest.xml", short_names, NULL, &diags);
    if (!m && !diag_count(&diags, DIAG_ERROR)) abort();     /* a refusal always says why */
    if (m && !json_is_array(json_object_get(m, "items"))) abort();
    json_decref(m);
    diag_list_free(&diags);
    return 0;
}
