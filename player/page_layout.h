/* page_layout.h: the frame every learner page shares (head, site header, footer) and the pieces
 * that more than one page shows (level names, a module's facts). Internal to player/page_*.c. */
#ifndef STEPWISE_PAGE_LAYOUT_H
#define STEPWISE_PAGE_LAYOUT_H

#include "content/module.h"
#include "player/pages.h"
#include "server/buf.h"

/* Marks where the signed-in user's name and log-out form go in a page shared by every viewer
 * (page_with_viewer fills it). Pass as the viewer of page_layout_begin. */
extern const struct page_viewer page_layout_viewer_slot;

/* Opens the document up to and including <main id="main">, in the request's interface language
 * (i18n_current: <html lang>). title is plain text, escaped here; description may be NULL. v:
 * the signed-in user shown in the header with a "Log out / switch user" button, NULL when nobody
 * is signed in, or &page_layout_viewer_slot for a shared page. */
void page_layout_begin(struct buf *b, const char *title, const char *description,
                       const struct page_viewer *v);
/* The plan pages', the catalogue's and the SCORM player's own stylesheets, put right after
 * page_layout_begin (a stylesheet link may sit in the body): style.css stays what a learner's
 * lesson page needs, under its size budget (tests/http/player.test.mjs). The staff's pages get staff.css from
 * page_layout_begin. */
#define PAGE_PLANS_CSS "<link rel=\"stylesheet\" href=\"/static/plans.css\">\n"
#define PAGE_SCORM_CSS "<link rel=\"stylesheet\" href=\"/static/scorm.css\">\n"
#define PAGE_CATALOGUE_CSS "<link rel=\"stylesheet\" href=\"/static/catalogue.css\">\n"
/* The header part for v: its name, its menu and the log-out form, or a "Sign in" link and a
 * link per other interface language when v is NULL. */
void page_layout_viewer(struct buf *b, const struct page_viewer *v);
/* Closes <main>, adds the footer and ends the document. */
void page_layout_end(struct buf *b);
/* "Basic", "Intermediate", "Advanced" in the interface language, or NULL for any other number. */
const char *page_layout_level_name(int level);
/* A <dl> with the module's time, levels offered and skills (the skills in the module's language). */
void page_layout_facts(struct buf *b, const struct module *m);

/* Opens a POST form to action (escaped here) with the session's CSRF token in a hidden field;
 * cls: its class, or NULL. The caller closes it with </form>. */
void page_layout_form(struct buf *b, const char *action, const char *csrf, const char *cls);
/* A sentence at the top of a page: a status notice, or an alert when error. Nothing when NULL. */
void page_layout_notice(struct buf *b, const char *notice, int error);

#endif
