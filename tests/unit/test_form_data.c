/* test_form_data.c: multipart/form-data bodies of upload forms: text fields by name, the file
 * part with its quoted filename and its bytes (NULs too), and the refusals: another content
 * type, a malformed body, a field too many, a second file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "server/form_data.h"

#define TYPE "multipart/form-data; boundary=XyZ"

static const char body[] =
    "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntoken-1\r\n"
    "--XyZ\r\nContent-Disposition: form-data; name=\"summary\"\r\n\r\nTwo\r\nlines\r\n"
    "--XyZ\r\nContent-Disposition: form-data; name=\"package\"; filename=\"my \\\"best\\\" one.zip\"\r\n"
    "Content-Type: application/zip\r\n\r\nPK\0\3bytes\r\n"
    "--XyZ--\r\n";

static void test_fields_and_file(void **state)
{
    (void)state;
    struct form_data fd;
    char err[128];
    assert_int_equal(form_data_parse(body, sizeof body - 1, TYPE, "package", 4, &fd, err, sizeof err), 0);
    assert_string_equal(form_get(&fd.fields, "csrf"), "token-1");
    assert_string_equal(form_get(&fd.fields, "summary"), "Two\r\nlines");
    assert_null(form_get(&fd.fields, "package"));
    assert_string_equal(fd.file_name, "my \"best\" one.zip");
    assert_int_equal(fd.file_len, 9);
    assert_memory_equal(fd.file, "PK\0\3bytes", 9);
    form_data_free(&fd);
}

static void test_refusals(void **state)
{
    (void)state;
    struct form_data fd;
    char err[128];
    assert_int_equal(form_data_parse(body, sizeof body - 1, "application/x-www-form-urlencoded",
                                     "package", 4, &fd, err, sizeof err), -1);
    assert_string_equal(err, "the form must be sent as multipart/form-data with a boundary");
    form_data_free(&fd);
    assert_int_equal(form_data_parse(body, 20, TYPE, "package", 4, &fd, err, sizeof err), -1);
    form_data_free(&fd);
    assert_int_equal(form_data_parse(body, sizeof body - 1, TYPE, "package", 1, &fd, err, sizeof err), -1);
    assert_string_equal(err, "the form has more than 2 fields and files");
    form_data_free(&fd);
    /* The file under another field name is not the package. */
    assert_int_equal(form_data_parse(body, sizeof body - 1, TYPE, "upload", 4, &fd, err, sizeof err), -1);
    assert_string_equal(err, "the form has a field \"package\" it should not have");
    form_data_free(&fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields_and_file),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
