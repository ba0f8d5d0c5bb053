/* module.h: one lesson module, loaded from a Markdown file or a folder holding index.md and media.
 * See README.md, "Writing a module", for the format. */
#ifndef STEPWISE_MODULE_H
#define STEPWISE_MODULE_H

#include <stddef.h>
#include <time.h>

#include "content/diag.h"

#define MODULE_MIN_LEVEL 1
#define MODULE_MAX_LEVEL 3
/* The largest module file that is loaded; a bigger one is an error (split the module). */
#define MODULE_MAX_BYTES (1024 * 1024)
/* The mastery of a module whose front matter sets none. */
#define MODULE_DEFAULT_MASTERY 0.8

/* A module is Markdown written by an author, or a SCORM package imported into the content
 * folder (content/package.h), which the player launches. */
enum module_kind { MODULE_MARKDOWN, MODULE_PACKAGE };

struct module {
    enum module_kind kind;
    int package_version; /* MODULE_PACKAGE: the version new attempts start (folder N beside
                          * source_path); older versions stay for attempts begun there */
    char *id;           /* stable, [a-z0-9-]; the basis of the module's xAPI activity IRI */
    char *title;
    char *summary;
    char *language;     /* BCP 47 tag, e.g. "en" or "nl" */
    char *version;
    char **skills;      /* nskills tags */
    size_t nskills;
    int minutes;        /* estimated minutes */
    unsigned levels;    /* bit (1u << n) set for each level n (1..3) the module offers */
    char *source_path;  /* the Markdown file (path/index.md for a folder module); for a package
                         * its package.json */
    char *media_dir;    /* folder that holds the module's media; NULL for a single-file module */
    char *markdown;     /* the body after the front matter; for a package, made from its items */
    int body_line;      /* line of source_path on which markdown starts (1-based) */
    time_t mtime;       /* newest modification time of the source file and the media folder */
    unsigned long files_seen;   /* the watch's count when the files were last looked at
                                 * (server_module_fresh, watch_changed_since) */
    int id_line;        /* line of source_path holding the id, for "id already used" errors */
    double mastery;     /* the part of a level's questions to get right to pass (0..1] */
};

/* Loads a module from a .md file, a folder with index.md, or a package folder (holding
 * package.json, or that file itself; content/package.h). On any error returns NULL and adds
 * at least one DIAG_ERROR to diags; warnings may be added either way. Caller frees with module_free. */
struct module *module_load(const char *path, struct diag_list *diags);
/* Parses a module from text (len bytes: a whole module file, NUL-terminated at len), as if it
 * were the file source_path; media_dir is its module folder, or NULL for a one-file module.
 * module_load reads the file and calls this, so text typed in the editor is checked the same way.
 * Errors, diags and freeing as for module_load; mtime is that of the files on disk. */
struct module *module_parse(const char *source_path, const char *media_dir, const char *text,
                            size_t len, struct diag_list *diags);
void module_free(struct module *m);

int module_has_level(const struct module *m, int level);
int module_lowest_level(const struct module *m);
/* Newest modification time of what the module is built from, or 0 when it is gone. */
time_t module_current_mtime(const struct module *m);

#endif
