/* test_media_info.c: the length and size read from media files (content/media_info.c): the
 * sample modules' real MP4 and MP3, made-up files for each header form (MP4 mvhd version 0 and 1,
 * MP3 with an Info header and at a constant bit rate after an ID3 tag), and files that lie
 * (a box larger than the file, a zero time scale, no frame) or are not media at all. Also which
 * embeds a module body has (embed_kinds), for the catalogue's marks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "content/embed.h"
#include "content/media_info.h"

static char path[64];

static void write_file(const char *ext, const unsigned char *data, size_t len)
{
    snprintf(path, sizeof path, "/tmp/stepwise-media-%d%s", (int)getpid(), ext);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static void test_sample_files(void **state)
{
    (void)state;
    struct media_info v = media_info_read("modules/safe-lifting/lift.mp4");
    assert_int_equal(v.bytes, 181512);
    assert_int_equal(v.seconds, 18);
    struct media_info a = media_info_read("modules/giving-feedback/feedback-talk.mp3");
    assert_int_equal(a.bytes, 147767);
    assert_int_equal(a.seconds, 37);
    /* a file that only pretends: its size, no length */
    struct media_info fake = media_info_read("tests/data/modules/valid/safe-lifting/lift.mp4");
    assert_int_equal(fake.bytes, 15);
    assert_int_equal(fake.seconds, -1);
    struct media_info gone = media_info_read("tests/data/no-such-file.mp4");
    assert_int_equal(gone.bytes, -1);
    assert_int_equal(gone.seconds, -1);
    struct media_info dir = media_info_read("modules");
    assert_int_equal(dir.bytes, -1);
}

/* ftyp, then moov holding an mvhd of version v: time scale 600, duration 600 * 95 + 299. */
static void test_mp4_versions(void **state)
{
    (void)state;
    unsigned char v0[16 + 8 + 8 + 32] = {0, 0, 0, 16, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};
    unsigned char *moov = v0 + 16;
    moov[3] = 8 + 8 + 32;
    memcpy(moov + 4, "moov", 4);
    moov[11] = 8 + 32;
    memcpy(moov + 12, "mvhd", 4);
    unsigned char *m = moov + 16;
    m[14] = 600 >> 8, m[15] = 600 & 255;                    /* time scale */
    uint32_t d = 600 * 95 + 299;
    m[16] = d >> 24, m[17] = d >> 16 & 255, m[18] = d >> 8 & 255, m[19] = d & 255;
    write_file(".mp4", v0, sizeof v0);
    assert_int_equal(media_info_read(path).seconds, 95);
    unsigned char v1[16 + 8 + 8 + 32];
    memcpy(v1, v0, sizeof v1);
    m = v1 + 32;
    memset(m, 0, 32);
    m[0] = 1;
    m[22] = 1000 >> 8, m[23] = 1000 & 255;                  /* time scale at 20 */
    m[29] = 0x0f, m[30] = 0x42, m[31] = 0x40;              /* duration 1000000 at 24: 1000 s */
    write_file(".m4a", v1, sizeof v1);
    assert_int_equal(media_info_read(path).seconds, 1000);
    m[23] = 0, m[22] = 0;                                   /* time scale 0: no length */
    write_file(".mp4", v1, sizeof v1);
    assert_int_equal(media_info_read(path).seconds, -1);
    v0[3] = 200;                                            /* ftyp claims more than the file */
    write_file(".mp4", v0, sizeof v0);
    struct media_info lie = media_info_read(path);
    assert_int_equal(lie.bytes, (long long)sizeof v0);
    assert_int_equal(lie.seconds, -1);
    unlink(path);
}

static void test_mp3_forms(void **state)
{
    (void)state;
    /* MPEG 1 layer III, 128 kbit/s, 44.1 kHz, stereo; 32 bytes of side information, then Info
     * with the frame-count flag: 3828 frames of 1152 samples = 100 s. */
    unsigned char info[4 + 32 + 12 + 400] = {0xff, 0xfb, 0x90, 0x00};
    memcpy(info + 36, "Info", 4);
    info[43] = 1;
    info[46] = 3828 >> 8, info[47] = 3828 & 255;
    write_file(".mp3", info, sizeof info);
    assert_int_equal(media_info_read(path).seconds, 100);
    /* no Info header: the bit rate and the size, after a 10-byte ID3v2 tag with 20 bytes */
    size_t n = 30 + 16000 * 5;  /* 5 s at 128 kbit/s */
    unsigned char *cbr = calloc(1, n);
    memcpy(cbr, "ID3\x04\x00\x00\x00\x00\x00\x14", 10);
    memcpy(cbr + 30, "\xff\xfb\x90\x00", 4);
    write_file(".mp3", cbr, n);
    assert_int_equal(media_info_read(path).seconds, 5);
    /* a "frame" of the reserved version or a bad bit rate is no frame; none at all: no length */
    memcpy(cbr + 30, "\xff\xeb\xf0\x00", 4);
    write_file(".mp3", cbr, n);
    assert_int_equal(media_info_read(path).seconds, -1);
    free(cbr);
    unlink(path);
}

static void test_embed_kinds(void **state)
{
    (void)state;
    assert_int_equal(embed_kinds("# Title\n\n```video\nsrc: a.mp4\n```\n"), EMBED_HAS_VIDEO);
    assert_int_equal(embed_kinds("~~~ audio\nsrc: a.mp3\n~~~\n\n  ```video extra\n```"),
                     EMBED_HAS_VIDEO | EMBED_HAS_AUDIO);
    assert_int_equal(embed_kinds("```videos\n```\n    ```video\n(indented code)\n```c\nvideo\n"), 0);
    assert_int_equal(embed_kinds(""), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_files),
        cmocka_unit_test(test_mp4_versions),
        cmocka_unit_test(test_mp3_forms),
        cmocka_unit_test(test_embed_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
