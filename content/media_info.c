/* media_info.c: the size and length of a media file (media_info.h). MP4 and M4A: the top-level
 * boxes are walked to "moov", whose "mvhd" box holds the time scale and the duration. MP3: an
 * ID3v2 tag is skipped, the first frame header gives the MPEG version, bit rate and sample rate,
 * and a Xing/Info header after it the number of frames; without one the file is taken to have a
 * constant bit rate. At most MAX_BOXES boxes and the first SYNC_WINDOW bytes are looked at. */
#include "content/media_info.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_BOXES 64
#define SYNC_WINDOW 65536
#define MAX_SECONDS (100 * 3600)

static uint64_t be(const unsigned char *p, int n)
{
    uint64_t v = 0;
    for (int i = 0; i < n; i++) v = v << 8 | p[i];
    return v;
}

static int read_at(FILE *f, long long off, void *out, size_t n)
{
    return fseeko(f, (off_t)off, SEEK_SET) == 0 && fread(out, 1, n, f) == n;
}

/* The box of type inside [start, end): its payload's offset and end; 0 when not found. */
static int find_box(FILE *f, long long start, long long end, const char *type, long long *at,
                    long long *stop)
{
    long long off = start;
    for (int i = 0; i < MAX_BOXES && off + 8 <= end; i++) {
        unsigned char h[16];
        if (!read_at(f, off, h, 8)) return 0;
        long long size = (long long)be(h, 4), head = 8;
        if (size == 1) {
            if (!read_at(f, off + 8, h + 8, 8)) return 0;
            size = (long long)be(h + 8, 8);
            head = 16;
        } else if (size == 0) {
            size = end - off;
        }
        if (size < head || size > end - off) return 0;
        if (!memcmp(h + 4, type, 4)) {
            *at = off + head;
            *stop = off + size;
            return 1;
        }
        off += size;
    }
    return 0;
}

static int mp4_seconds(FILE *f, long long size)
{
    long long moov, moov_end, mvhd, mvhd_end;
    unsigned char v[32];
    if (!find_box(f, 0, size, "moov", &moov, &moov_end) ||
        !find_box(f, moov, moov_end, "mvhd", &mvhd, &mvhd_end) || mvhd_end - mvhd < 32 ||
        !read_at(f, mvhd, v, 32))
        return -1;
    uint64_t scale = v[0] == 1 ? be(v + 20, 4) : be(v + 12, 4);
    uint64_t duration = v[0] == 1 ? be(v + 24, 8) : be(v + 16, 4);
    if (!scale || duration / scale > MAX_SECONDS) return -1;
    return (int)((duration + scale / 2) / scale);
}

static int mp3_seconds(FILE *f, long long size)
{
    static const int kbps[2][16] = {
        {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0},   /* MPEG 1 */
        {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0},       /* MPEG 2, 2.5 */
    };
    static const int rates[3] = {44100, 48000, 32000};
    unsigned char h[10];
    long long off = 0;
    if (read_at(f, 0, h, 10) && !memcmp(h, "ID3", 3))
        off = 10 + (long long)((h[6] & 127) << 21 | (h[7] & 127) << 14 | (h[8] & 127) << 7 | (h[9] & 127)) +
              (h[5] & 0x10 ? 10 : 0);
    unsigned char w[512];
    for (long long end = off + SYNC_WINDOW; off + 4 <= size && off < end; off++) {
        if (!read_at(f, off, w, 4)) return -1;
        if (w[0] != 0xff || (w[1] & 0xe0) != 0xe0) continue;
        int version = (w[1] >> 3) & 3, layer = (w[1] >> 1) & 3;   /* 3: MPEG 1; 1: layer III */
        int bitrate = (w[2] >> 4) & 15, rate = (w[2] >> 2) & 3;
        if (version == 1 || layer != 1 || bitrate == 0 || bitrate == 15 || rate == 3) continue;
        int mpeg1 = version == 3, mono = (w[3] >> 6) == 3;
        int hz = rates[rate] >> (mpeg1 ? 0 : version == 2 ? 1 : 2);
        int samples = mpeg1 ? 1152 : 576;
        long long side = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        unsigned char x[12];
        if (read_at(f, off + 4 + side, x, 12) && (!memcmp(x, "Xing", 4) || !memcmp(x, "Info", 4)) &&
            (x[7] & 1)) {
            uint64_t frames = be(x + 8, 4);
            if (frames * samples / hz > MAX_SECONDS) return -1;
            return (int)((frames * samples + hz / 2) / hz);
        }
        long long bits = (size - off) * 8, bps = 1000LL * kbps[mpeg1 ? 0 : 1][bitrate];
        return (int)((bits + bps / 2) / bps);
    }
    return -1;
}

struct media_info media_info_read(const char *path)
{
    struct media_info info = {-1, -1};
    struct stat st;
    FILE *f = fopen(path, "rb");
    if (!f) return info;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
        info.bytes = (long long)st.st_size;
        size_t n = strlen(path);
        if (n > 4 && (!strcasecmp(path + n - 4, ".mp4") || !strcasecmp(path + n - 4, ".m4a")))
            info.seconds = mp4_seconds(f, info.bytes);
        else if (n > 4 && !strcasecmp(path + n - 4, ".mp3"))
            info.seconds = mp3_seconds(f, info.bytes);
    }
    fclose(f);
    return info;
}
