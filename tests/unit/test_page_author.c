/* test_page_author.c: the author pages (the preview list, one level's preview with its report,
 * the browser editor and the SCORM import page) in both interface languages: each English text
 * listed is on the English page and gone from the Dutch one, whose own texts are there instead,
 * while the module's own text stays as it is written (lang="en" on the lesson). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "content/render.h"
#include "player/page_author.h"
#include "player/page_author_edit.h"
#include "player/page_author_import.h"
#include "tests/unit/content_expect.h"
#include "tests/unit/i18n_expect.h"

static struct module *hard;
static struct module_report report;
static char *body;
static struct diag_list not_loaded, findings;

static int setup(void **state)
{
    (void)state;
    struct diag_list d;
    diag_list_init(&d);
    hard = module_load(MODULES_DATA "/check/hard.md", &d);
    assert_non_null(hard);
    diag_list_free(&d);
    check_module_report(hard, NULL, &report);
    diag_list_init(&d);
    body = render_module(hard, 1, &d);
    diag_list_free(&d);
    diag_list_init(&not_loaded);
    diag_add(&not_loaded, DIAG_ERROR, "content/broken.md", 3, 2, "front matter: no title");
    diag_list_init(&findings);
    diag_add(&findings, DIAG_ERROR, "content/hard.md", 2, 1, "front matter: no title");
    diag_add(&findings, DIAG_WARNING, "content/hard.md", 16, 0, "a long sentence");
    diag_add(&findings, DIAG_WARNING, "content/other.md", 0, 0, "imsmanifest.xml is odd");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    diag_list_free(&findings);
    diag_list_free(&not_loaded);
    free(body);
    check_module_report_free(&report);
    module_free(hard);
    return 0;
}

static char *render_list(void)
{
    struct page_author_module mods[] = {{hard, &report}};
    size_t len;
    return page_author_list(mods, 1, &not_loaded, "content", NULL, &len);
}

static char *render_preview(void)
{
    struct page_author_preview p = {hard, &report, &report.levels[0], body, "content"};
    size_t len;
    return page_author_preview(&p, NULL, &len);
}

static char *render_edit(void)
{
    struct page_author_edit p = {.id = "hard", .title = "A hard module", .file = "hard.md",
                                 .lang = "en", .text = "---\n", .base = "", .csrf = "t",
                                 .error = "Fix it", .current = "---\nold\n",
                                 .findings = &findings, .source_path = "content/hard.md",
                                 .preview_html = "<p>Lift.</p>", .plain = "B1 ok", .level = 1,
                                 .levels = (1u << 1) | (1u << 2)};
    size_t len;
    return page_author_edit(&p, NULL, &len);
}

static char *render_import_done(void)
{
    struct page_author_import p = {.csrf = "t", .imported_id = "safety", .imported_version = 2,
                                   .findings = &findings};
    size_t len;
    return page_author_import(&p, NULL, &len);
}

static char *render_import_failed(void)
{
    struct page_author_import p = {.csrf = "t", .error = "see below."};
    size_t len;
    return page_author_import(&p, NULL, &len);
}

static void test_list(void **state)
{
    (void)state;
    check_page(render_list,
               TEXTS("<h1>Author preview</h1>", "Every module at every level, checked like "
                     "<code>stepwise check</code> does.", "Import a SCORM package",
                     ">File: <", "In all:", "0 errors", "3 warnings", "aria-label=\"Levels\"",
                     "Harder than B1", ">Edit<", "Files that do not load",
                     "Learners do not see these files.", ">Error<", "line 3, column 2"),
               TEXTS("<h1>Voorbeeld voor auteurs</h1>", "gecontroleerd zoals <code>stepwise "
                     "check</code> dat doet.", "1 module.", "0 fouten", "3 waarschuwingen",
                     "Moeilijker dan B1", ">Bewerken<span class=\"visually-hidden\"> A hard "
                     "module</span>", ">Fout<", "regel 3, kolom 2",
                     /* the module's title keeps the module's language */
                     "<h2 lang=\"en\">A hard module</h2>"));
}

static void test_preview(void **state)
{
    (void)state;
    check_page(render_preview,
               TEXTS("<title>Preview: A hard module", "Author preview", "All modules",
                     "Check of the ",
                     "B1 ok means: no sentence over 25 words", "<dt>Sentences</dt>",
                     "<dt>Words</dt>", "Words a sentence", "Long words",
                     "Sentences over 20 words", "Line 16, 29 words", "Rewrite first",
                     "<h3>Findings</h3>", ">Warning<", "line 14", "The lesson at the ",
                     "Long sentence: 29 words"),
               TEXTS("<title>Voorbeeld: A hard module", "Alle modules",
                     "een zin van 29 woorden (hoogstens 25)", "<dt>Zinnen</dt>",
                     "Zinnen van meer dan 20 woorden", "Regel 16, 29 woorden",
                     "Lange zin: 29 woorden", ">Waarschuwing<", "regel 14",
                     "Lift with your legs."));
}

static void test_editor(void **state)
{
    (void)state;
    check_page(render_edit,
               TEXTS("<title>Edit: A hard module", "<h1>Edit: A hard module</h1>", "File <code>",
                     "the lesson as learners see it", "the author preview",
                     "The module file: front matter and Markdown", "are the front matter",
                     "The check found 1 error and 2 warnings, listed below with their line.",
                     "Fix the errors: a text with errors is not saved.", "Level to preview",
                     ">Preview<", ">Save<", "The file on disk now",
                     "The file as it is now (read only)", "To start again from this version",
                     "open the current file in the editor", "<h2>Check findings</h2>",
                     ", line 16", "Not saved yet", "Plain language:"),
               TEXTS("<h1>Bewerken: <span lang=\"en\">A hard module</span></h1>", "Bestand <code>hard.md</code>. Bekijk "
                     "<a href=\"/modules/hard\">de les zoals deelnemers hem zien</a>",
                     "De controle vond 1 fout en 2 waarschuwingen.", ">Bekijken<", ">Opslaan<",
                     "<strong>Waarschuwing</strong> in other.md", "regel 16"));
}

static void test_import(void **state)
{
    (void)state;
    check_page(render_import_done,
               TEXTS("<h1>Import a SCORM package</h1>", "becomes a module in the catalogue",
                     "Imported: version 2 of <a href=\"/modules/safety\">safety</a>. It is in "
                     "the catalogue now.", "What the import found", "Not supported",
                     "(line 2 of the manifest)", "The package (.zip)", ">Summary<",
                     ">Minutes<", ">Title<", ">Language<", ">Skills<",
                     "Leave empty to use the package's own title.", ">Import<",
                     "Back to all modules"),
               TEXTS("<h1>Een SCORM-pakket importeren</h1>", "Geïmporteerd: versie 2 van "
                     "<a href=\"/modules/safety\">safety</a>.", "(regel 2 van het manifest)",
                     ">Importeren<", "Terug naar alle lessen"));
    check_page(render_import_failed, TEXTS("Nothing was imported: "),
               TEXTS("Er is niets geïmporteerd: see below."));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_preview),
        cmocka_unit_test(test_editor),
        cmocka_unit_test(test_import),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
