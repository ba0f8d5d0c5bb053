/* resume.c: the kept form of a timed-out session (see resume.h). The cookie value is
 * "<user id>.<path>.<fields>", path and fields (urlencoded, the CSRF token left out) in
 * unpadded base64url so that the value needs no quoting. */
#include "server/resume.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "server/buf.h"

static void put_b64(struct buf *b, const char *data, size_t len)
{
    size_t size = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = xmalloc(size);
    sodium_bin2base64(out, size, (const unsigned char *)data, len,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    buf_puts(b, out);
    free(out);
}

/* Decodes n base64url characters at s into a new NUL-terminated string; NULL when bad. */
static char *get_b64(const char *s, size_t n)
{
    char *out = xmalloc(n + 1);
    size_t len = 0;
    if (sodium_base642bin((unsigned char *)out, n, s, n, NULL, &len, NULL,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        memchr(out, '\0', len)) {
        free(out);
        return NULL;
    }
    out[len] = '\0';
    return out;
}

/* A path on this site: "/x", never "//host" or one with control characters. */
static int local_path(const char *p)
{
    if (p[0] != '/' || p[1] == '/' || p[1] == '\\') return 0;
    for (; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) return 0;
    return 1;
}

char *resume_encode(const char *path, const char *body, size_t len, int64_t user_id)
{
    struct form f;
    if (!local_path(path) || form_parse(body ? body : "", len, RESUME_MAX_FIELDS, &f) < 0)
        return NULL;
    struct buf fields, out;
    buf_init(&fields);
    buf_init(&out);
    for (size_t i = 0; i < f.n; i++) {
        if (!strcmp(f.names[i], "csrf")) continue;
        if (fields.len) buf_putc(&fields, '&');
        buf_put_url_segment(&fields, f.names[i]);
        buf_putc(&fields, '=');
        buf_put_url_segment(&fields, f.values[i]);
    }
    form_free(&f);
    buf_printf(&out, "%lld.", (long long)user_id);
    put_b64(&out, path, strlen(path));
    buf_putc(&out, '.');
    put_b64(&out, fields.data ? fields.data : "", fields.len);
    buf_free(&fields);
    if (out.len > RESUME_MAX_BYTES) {
        buf_free(&out);
        return NULL;
    }
    return buf_detach(&out, NULL);
}

int resume_decode(const char *value, struct resume *out)
{
    memset(out, 0, sizeof *out);
    const char *dot1 = value ? strchr(value, '.') : NULL;
    const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
    if (!dot2 || dot1 == value || strlen(value) > RESUME_MAX_BYTES) return -1;
    char *end;
    long long uid = strtoll(value, &end, 10);
    char *fields = NULL;
    if (end != dot1 || uid < 0) return -1;
    out->user_id = uid;
    out->path = get_b64(dot1 + 1, (size_t)(dot2 - dot1 - 1));
    fields = get_b64(dot2 + 1, strlen(dot2 + 1));
    if (!out->path || !fields || !local_path(out->path) ||
        form_parse(fields, strlen(fields), RESUME_MAX_FIELDS, &out->form) < 0) {
        free(fields);
        free(out->path);
        memset(out, 0, sizeof *out);
        return -1;
    }
    free(fields);
    return 0;
}

void resume_free(struct resume *r)
{
    free(r->path);
    form_free(&r->form);
    memset(r, 0, sizeof *r);
}
