/* media_info.h: the size and playing time of a video or podcast file, shown before it plays so
 * that someone on mobile data knows what a tap costs (README, "Video and podcast"). */
#ifndef STEPWISE_MEDIA_INFO_H
#define STEPWISE_MEDIA_INFO_H

struct media_info {
    long long bytes;    /* -1 when the file cannot be read */
    int seconds;        /* -1 when the file does not say (only MP4/M4A and MP3 are read) */
};

/* Reads path's size (stat) and, for .mp4/.m4a (the movie header) and .mp3 (the first frame and
 * its Xing/Info header, or the bit rate of a constant-rate file), its length. Reads at most a few
 * headers of a file, never the whole file, and trusts none of their numbers beyond its size. */
struct media_info media_info_read(const char *path);

#endif
