/* fuzz_module.c: libFuzzer harness for lesson modules typed in the editor: the bytes are parsed by
 * module_parse (front matter via libyaml, level fences, embeds) as the index.md of the test module
 * folder tests/data/modules/valid/safe-lifting (run from the project root, so that embeds find its
 * media, captions and transcripts), then every level it offers is rendered to HTML (which must
 * hold no script or iframe element) and measured for readability (content/module.h, render.h,
 * readability.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "content/readability.h"
#include "content/render.h"

#define FOLDER "tests/data/modules/valid/safe-lifting"

static void level(const struct module *m, int n, struct diag_list *diags)
{
    char *html = render_module(m, n, diags);
    /* Raw HTML is never passed through: no markup of the author's may open a script or frame. */
    if (html && (strcasestr(html, "<script") || strcasestr(html, "<iframe"))) abort();
    free(html);
    struct readability r;
    readability_init(&r, readability_lang(m->language));
    readability_module(&r, m, n);
    struct readability_scores s;
    readability_score(&r, &s);
    size_t worst[5];
    readability_worst(&r, worst, 5);
    readability_free(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MODULE_MAX_BYTES) return 0;
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    struct diag_list diags;
    diag_list_init(&diags);
    struct module *m = module_parse(FOLDER "/index.md", FOLDER, text, size, &diags);
    if (m)
        for (int n = MODULE_MIN_LEVEL; n <= MODULE_MAX_LEVEL; n++)
            if (module_has_level(m, n)) level(m, n, &diags);
    module_free(m);
    diag_list_free(&diags);
    free(text);
    return 0;
}
