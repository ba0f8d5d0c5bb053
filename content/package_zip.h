/* package_zip.h: unpacks a SCORM package (a zip file) into a folder, refusing anything that could
 * write outside it or exhaust the disk: see README.md, "SCORM packages", for the rules. */
#ifndef STEPWISE_PACKAGE_ZIP_H
#define STEPWISE_PACKAGE_ZIP_H

#include <stddef.h>

/* The limits of an import; every one has an option and a STEPWISE_* variable (server/config.h). */
struct package_limits {
    unsigned long long max_bytes;       /* total unpacked size (default 512 MiB) */
    unsigned long long max_files;       /* entries in the zip (default 10 000) */
    unsigned max_ratio;                 /* unpacked / packed size of one entry (default 100) */
    size_t max_manifest_bytes;          /* imsmanifest.xml (default 4 MiB) */
};

#define PACKAGE_DEFAULT_MAX_BYTES (512ull << 20)
#define PACKAGE_DEFAULT_MAX_FILES 10000ull
#define PACKAGE_DEFAULT_MAX_RATIO 100u
#define PACKAGE_DEFAULT_MAX_MANIFEST (4u << 20)
/* Entries smaller than this may compress better than max_ratio (a page of blanks does). */
#define PACKAGE_RATIO_FLOOR (64u << 10)

void package_limits_default(struct package_limits *l);

/* Checks every entry of the zip at zip_path (names, types, sizes, ratios) and only then writes
 * its files under dir, an empty folder. Returns 0, or -1 with a message in *err (caller frees): a
 * phrase worded when shown (i18n_msg_phrase, for diag_add_text);
 * dir may then hold part of the files, so the caller removes it. */
int package_unzip(const char *zip_path, const char *dir, const struct package_limits *l,
                  char **err);

#endif
