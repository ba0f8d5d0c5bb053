/* package_zip.c: the safe unpacking of a package with libzip. A first pass looks at every entry
 * before anything is written: its name (no absolute path, "..", backslash or control
 * character, no name twice), its type (files and folders only: no symbolic link, device or
 * encrypted entry), its size against the total and its compression ratio. Only then are the
 * files written, each created anew (O_EXCL, O_NOFOLLOW) and counted as it is read. */
#include "content/package_zip.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "player/i18n_msg.h"
#include "server/buf.h"

#define MAX_NAME 1024

void package_limits_default(struct package_limits *l)
{
    l->max_bytes = PACKAGE_DEFAULT_MAX_BYTES;
    l->max_files = PACKAGE_DEFAULT_MAX_FILES;
    l->max_ratio = PACKAGE_DEFAULT_MAX_RATIO;
    l->max_manifest_bytes = PACKAGE_DEFAULT_MAX_MANIFEST;
}

/* What is wrong with an entry name, or NULL when it stays inside the package. */
static const char *name_problem(const char *name)
{
    size_t n = strlen(name);
    if (!n) return W_("has an empty name");
    if (n > MAX_NAME) return W_("has a name over 1024 bytes");
    if (name[0] == '/') return W_("has an absolute path");
    for (const char *p = name; *p; p++) {
        if (*p == '\\') return W_("has a backslash in its name (zip names use '/')");
        if ((unsigned char)*p < 0x20 || *p == 0x7f) return W_("has a control character in its name");
        if (*p == ':') return W_("has a ':' in its name (a drive letter?)");
    }
    for (const char *seg = name; *seg;) {
        size_t len = strcspn(seg, "/");
        if (len == 2 && !strncmp(seg, "..", 2)) return W_("goes outside the package (\"..\")");
        if (len == 1 && seg[0] == '.') return W_("has a \".\" folder in its name");
        if (!len) return W_("has an empty folder name (\"//\")");
        seg += len;
        if (*seg == '/') seg++;
    }
    return NULL;
}

/* What kind of entry the Unix mode bits (when the zip has them) say this is; NULL when it may
 * be unpacked. */
static const char *type_problem(zip_t *za, zip_uint64_t i)
{
    zip_uint8_t opsys;
    zip_uint32_t attr;
    if (zip_file_get_external_attributes(za, i, 0, &opsys, &attr) < 0 || opsys != ZIP_OPSYS_UNIX)
        return NULL;
    mode_t type = (attr >> 16) & S_IFMT;
    if (type == S_IFLNK) return W_("is a symbolic link: a package may hold only files and folders");
    if (type && type != S_IFREG && type != S_IFDIR)
        return W_("is a device, pipe or socket: a package may hold only files and folders");
    return NULL;
}

static int by_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The first name given twice (a folder entry "a/" counts as "a"), or NULL. */
static const char *find_duplicate(char **names, size_t n)
{
    qsort(names, n, sizeof *names, by_string);
    for (size_t i = 1; i < n; i++)
        if (!strcmp(names[i - 1], names[i])) return names[i];
    return NULL;
}

static int check_entries(zip_t *za, zip_uint64_t n, const struct package_limits *l, char **err)
{
    char **names = xcalloc(n ? n : 1, sizeof *names);
    unsigned long long total = 0;
    int rc = -1;
    zip_uint64_t i;
    for (i = 0; i < n; i++) {
        zip_stat_t st;
        const char *name = zip_get_name(za, i, ZIP_FL_ENC_GUESS);
        const char *why = !name ? W_("cannot be read") : name_problem(name);
        if (!why) why = type_problem(za, i);
        if (!why && zip_stat_index(za, i, 0, &st) < 0) why = W_("cannot be read");
        if (!why && (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
            why = W_("is encrypted: build the package without a password");
        if (why) {
            *err = i18n_msg_phrase(N_("entry \"%s\" %s"), name ? name : "?", why);
            goto done;
        }
        size_t len = strlen(name);
        names[i] = xstrndup(name, name[len - 1] == '/' ? len - 1 : len);
        if (st.size > l->max_bytes - total) {
            *err = i18n_msg_phrase(N_("the package unpacks to more than %llu bytes (entry \"%s\" is %llu "
                             "bytes); the limit is --max-package-bytes"), l->max_bytes, name,
                             (unsigned long long)st.size);
            goto done;
        }
        total += st.size;
        if (st.size > PACKAGE_RATIO_FLOOR && st.size / l->max_ratio > st.comp_size) {
            *err = i18n_msg_phrase(N_("entry \"%s\" unpacks to %llu times its packed size (at most %u, "
                             "--max-compression-ratio): this looks like a zip bomb"), name,
                             (unsigned long long)(st.size / (st.comp_size ? st.comp_size : 1)),
                             l->max_ratio);
            goto done;
        }
    }
    const char *dup = find_duplicate(names, n);
    if (dup) *err = i18n_msg_phrase(N_("entry \"%s\" is in the package twice"), dup);
    else rc = 0;
done:
    for (zip_uint64_t k = 0; k < n; k++) free(names[k]);
    free(names);
    return rc;
}

/* Creates the folders on the way to rel (a checked entry name; a folder entry ends in '/')
 * below dir. */
static int make_parents(const char *dir, const char *rel, char **err)
{
    char *path = xasprintf("%s/%s", dir, rel);
    char *start = path + strlen(dir) + 1;
    int rc = 0;
    for (char *p = strchr(start, '/'); rc == 0 && p; p = strchr(p + 1, '/')) {
        *p = '\0';
        struct stat st;
        int made = mkdir(path, 0755) == 0;
        if (!made && !(errno == EEXIST && lstat(path, &st) == 0 && S_ISDIR(st.st_mode))) {
            *err = i18n_msg_phrase(N_("entry \"%s\" cannot be unpacked: \"%s\" is %s"), rel, start,
                             errno == EEXIST ? W_("a file and a folder in the package")
                                             : strerror(errno));
            rc = -1;
        }
        *p = '/';
    }
    free(path);
    return rc;
}

static int extract_file(zip_t *za, zip_uint64_t i, const char *name, const char *dir,
                        unsigned long long declared, char **err)
{
    char *path = xasprintf("%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    zip_file_t *zf = fd >= 0 ? zip_fopen_index(za, i, 0) : NULL;
    unsigned long long written = 0;
    int rc = -1;
    if (fd < 0) {
        *err = i18n_msg_phrase(N_("entry \"%s\" cannot be unpacked: %s"), name, errno == EEXIST
                         ? W_("a file and a folder in the package have this name") : strerror(errno));
        goto done;
    }
    if (!zf) goto damaged;
    static __thread char chunk[1 << 16];
    zip_int64_t got;
    while ((got = zip_fread(zf, chunk, sizeof chunk)) > 0) {
        written += (unsigned long long)got;
        if (written > declared) {
            *err = i18n_msg_phrase(N_("entry \"%s\" holds more than the %llu bytes its header says: the "
                             "package is damaged or hostile"), name, declared);
            goto done;
        }
        if (write(fd, chunk, (size_t)got) != got) {
            *err = i18n_msg_phrase(N_("cannot write %s: %s"), path, strerror(errno));
            goto done;
        }
    }
    if (got < 0 || written != declared) goto damaged;
    rc = 0;
    goto done;
damaged:
    *err = i18n_msg_phrase(N_("entry \"%s\" is damaged (%s): build the package again"), name,
                     zf ? zip_error_strerror(zip_file_get_error(zf)) : zip_strerror(za));
done:
    if (zf && zip_fclose(zf) != 0 && rc == 0) {
        *err = i18n_msg_phrase(N_("entry \"%s\" is damaged (its checksum does not match): build the "
                         "package again"), name);
        rc = -1;
    }
    if (fd >= 0 && close(fd) != 0 && rc == 0) {
        *err = i18n_msg_phrase(N_("cannot write %s: %s"), path, strerror(errno));
        rc = -1;
    }
    free(path);
    return rc;
}

static int extract_entries(zip_t *za, zip_uint64_t n, const char *dir, char **err)
{
    for (zip_uint64_t i = 0; i < n; i++) {
        zip_stat_t st;
        const char *name = zip_get_name(za, i, ZIP_FL_ENC_GUESS);
        if (!name || zip_stat_index(za, i, 0, &st) < 0) {
            *err = i18n_msg_phrase(N_("entry %llu cannot be read: %s"), (unsigned long long)i,
                             zip_strerror(za));
            return -1;
        }
        int folder = name[strlen(name) - 1] == '/';
        if (make_parents(dir, name, err) < 0) return -1;
        if (!folder && extract_file(za, i, name, dir, st.size, err) < 0) return -1;
    }
    return 0;
}

int package_unzip(const char *zip_path, const char *dir, const struct package_limits *l, char **err)
{
    int code = 0;
    zip_t *za = zip_open(zip_path, ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!za) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, code);
        /* libzip itself refuses an archive that names one entry twice. */
        *err = code == ZIP_ER_OPEN || code == ZIP_ER_NOENT
                   ? i18n_msg_phrase(N_("cannot open %s: %s"), zip_path, strerror(errno))
               : code == ZIP_ER_EXISTS
                   ? i18n_msg_phrase(N_("%s holds the same name twice: build the package again without "
                               "the second copy"), zip_path)
                   : i18n_msg_phrase(N_("%s is not a zip file, or it is damaged or cut short (%s): build "
                               "the package again"), zip_path, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return -1;
    }
    zip_int64_t n = zip_get_num_entries(za, 0);
    int rc = -1;
    if (n < 0 || (unsigned long long)n > l->max_files)
        *err = i18n_msg_phrase(N_("the package holds %lld files; the limit is %llu (--max-package-files)"),
                         (long long)n, l->max_files);
    else if (check_entries(za, (zip_uint64_t)n, l, err) == 0 &&
             extract_entries(za, (zip_uint64_t)n, dir, err) == 0)
        rc = 0;
    zip_discard(za);
    return rc;
}
