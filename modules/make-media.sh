#!/bin/sh
# make-media.sh: how the media of the sample modules were made, kept so they can be made again.
# Pictures are drawn with ImageMagick, voices are espeak-ng, videos are ffmpeg slide shows whose
# WebVTT captions are timed from the measured length of each spoken line. The build never runs it.
#
#   apt-get install -y --no-install-recommends ffmpeg espeak-ng sox imagemagick fonts-dejavu-core
#   sh modules/make-media.sh          # rewrites the media files next to each index.md
#
# The podcast is spoken from its transcript file, so the transcript always matches the sound.
set -eu

MODULES=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
BG='#f4f1e8'     # warm paper
BAR='#1f3b57'    # dark blue title bar
INK='#222222'    # stick figures
BOX='#b5803a'    # cardboard
GOOD='#2e7d32'
BAD='#c62828'
VOICE=en-gb
SPEED=155

# ---- drawing helpers (480x270 frames; the floor is at y=240) --------------------------------

# frame OUT "TITLE" [convert drawing options...]: a slide with a title bar and a floor.
frame() {
    out=$1 title=$2
    shift 2
    convert -size 480x270 "xc:$BG" \
        -fill '#d9d2c0' -draw 'rectangle 0,240 480,270' \
        -fill "$BAR" -draw 'rectangle 0,0 480,52' \
        -font "$FONT" -pointsize 26 -fill white -annotate +16+36 "$title" \
        -stroke "$INK" -strokewidth 6 \
        "$@" "$out"
}

# Stick figures as MVG, drawn around x=200; move them with "translate DX,0".
LINE='stroke-linecap round stroke-linejoin round fill none'
STAND="$LINE polyline 185,240 200,185 215,240 line 200,185 200,124 polyline 200,140 218,165 232,182 fill $INK circle 200,110 200,96"
SQUAT="$LINE polyline 220,240 226,198 185,205 polyline 210,240 218,207 185,205 line 185,205 202,150 polyline 201,156 230,192 250,222 fill $INK circle 207,133 207,119"
STOOP="$LINE polyline 195,240 200,170 polyline 210,240 200,170 line 200,170 255,172 polyline 250,172 262,200 266,212 fill $INK circle 270,170 270,156"
CARRY="$LINE polyline 185,240 200,185 215,240 line 200,185 200,124 polyline 200,140 222,158 232,150 fill $INK circle 200,110 200,96"
CARRY_BOX="fill $BOX stroke-width 3 rectangle 207,140 257,190"
FLOOR_BOX="fill $BOX stroke-width 3 rectangle 250,200 300,240"

# Green tick and red cross at x,y.
tick() { echo "translate $1,$2 stroke $GOOD stroke-width 8 $LINE polyline 0,14 12,26 34,0"; }
cross() { echo "translate $1,$2 stroke $BAD stroke-width 8 $LINE line 0,0 28,28 line 28,0 0,28"; }

# Machine, main switch, padlock and tag for the lock-out pictures.
MACHINE="stroke-width 3 fill #8a9aa6 rectangle 40,90 230,240 fill #5f6f7a rectangle 60,110 210,170 fill $BAD circle 90,205 90,191 fill $GOOD circle 150,205 150,191"
SWITCH="stroke-width 3 fill #e0c341 rectangle 300,80 380,180 fill #ffffff circle 340,130 340,100"
LEVER_ON="stroke-width 10 $LINE line 340,130 340,100"
LEVER_OFF="stroke-width 10 $LINE line 340,130 368,130"
LOCK="stroke-width 6 $LINE arc 326,170 354,206 180,360 stroke-width 3 fill $BAD rectangle 322,186 358,214"
TAG="stroke-width 2 fill #fff59d rectangle 366,188 474,238 line 358,200 366,200"

# ---- sound and timing helpers --------------------------------------------------------------

# speak "TEXT" OUT.wav: one spoken line, with the silence espeak-ng adds at both ends cut off.
speak() {
    espeak-ng -v "$VOICE" -s "$SPEED" -w "$WORK/raw.wav" "$1"
    sox "$WORK/raw.wav" "$2" silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
}

seconds() { soxi -D "$1"; }

# vtt_time SECONDS: 00:00:01.250
vtt_time() { awk -v t="$1" 'BEGIN { printf "00:%02d:%06.3f", int(t / 60), t - 60 * int(t / 60) }'; }

# slideshow OUTDIR NAME SLIDES_FILE: SLIDES_FILE holds "picture.png|spoken line" rows. Each line is
# spoken with 0.3 s before and 0.4 s after it; its slide stays up that long and its caption cue
# covers exactly the speech. Writes NAME.mp4 and NAME.en.vtt into OUTDIR.
slideshow() {
    dir=$1 name=$2 slides=$3
    t=0 n=0 wavs=
    printf 'WEBVTT\n' >"$dir/$name.en.vtt"
    : >"$WORK/list.txt"
    while IFS='|' read -r png text; do
        n=$((n + 1))
        speak "$text" "$WORK/line$n.wav"
        len=$(seconds "$WORK/line$n.wav")
        sox "$WORK/line$n.wav" "$WORK/pad$n.wav" pad 0.3 0.4
        wavs="$wavs $WORK/pad$n.wav"
        start=$(awk -v a="$t" 'BEGIN { print a + 0.3 }')
        end=$(awk -v a="$start" -v b="$len" 'BEGIN { print a + b }')
        printf '\n%s\n%s --> %s\n%s\n' "$n" "$(vtt_time "$start")" "$(vtt_time "$end")" "$text" \
            >>"$dir/$name.en.vtt"
        slide=$(awk -v b="$len" 'BEGIN { print b + 0.7 }')
        printf "file '%s'\nduration %s\n" "$WORK/$png" "$slide" >>"$WORK/list.txt"
        t=$(awk -v a="$t" -v b="$slide" 'BEGIN { print a + b }')
        last=$png
    done <"$slides"
    # The concat demuxer needs the last picture twice to keep its duration.
    printf "file '%s'\n" "$WORK/$last" >>"$WORK/list.txt"
    # shellcheck disable=SC2086  # $wavs is a list of paths without spaces
    sox $wavs "$WORK/voice.wav"
    ffmpeg -loglevel error -y -f concat -safe 0 -i "$WORK/list.txt" -i "$WORK/voice.wav" \
        -vf 'fps=10,format=yuv420p' -c:v libx264 -profile:v main -preset veryslow \
        -tune stillimage -crf 30 -g 20 \
        -c:a aac -b:a 40k -ac 1 -ar 22050 -shortest -movflags +faststart \
        "$dir/$name.mp4"
}

# ---- safe-lifting: a level 2 video with captions and poster, and a right/wrong picture -------
# The title slides (lift0, lock0) are only posters; each video starts at step one.

D=$MODULES/safe-lifting
frame "$WORK/lift0.png" 'Lift a box the safe way' -draw "$SQUAT" -draw "$FLOOR_BOX" -draw "$(tick 360 120)"
frame "$WORK/lift1.png" '1  Feet apart, close to the box' -draw "$STAND" -draw "$FLOOR_BOX"
frame "$WORK/lift2.png" '2  Bend your knees' -draw "$SQUAT" -draw "$FLOOR_BOX" -draw "$(tick 360 120)"
frame "$WORK/lift3.png" '3  Box close, lift with legs' -draw "$CARRY" -draw "$CARRY_BOX" \
    -draw "stroke $GOOD stroke-width 6 $LINE line 330,220 330,120 polyline 312,140 330,118 348,140"
frame "$WORK/lift4.png" '4  Turn with your feet' -draw "$CARRY" -draw "$CARRY_BOX" \
    -draw "stroke $GOOD stroke-width 5 $LINE arc 150,222 250,262 200,340 polyline 239,237 251,239 251,227"
cat >"$WORK/lift.txt" <<'EOF'
lift1.png|Step one. Stand close to the box. Put your feet apart.
lift2.png|Step two. Bend your knees. Keep your back straight.
lift3.png|Step three. Hold the box close. Lift with your legs.
lift4.png|Step four. Do not twist your back. Turn with your feet.
EOF
slideshow "$D" lift "$WORK/lift.txt"
convert "$WORK/lift0.png" -strip -quality 80 "$D/lift.jpg"

convert -size 480x240 "xc:$BG" \
    \( -size 240x240 "xc:$BG" -fill '#d9d2c0' -draw 'rectangle 0,210 240,240' \
       -stroke "$INK" -strokewidth 6 -draw "translate -80,-30 $STOOP" -draw "translate -80,-30 $FLOOR_BOX" \
       -draw "$(cross 190 20)" -stroke none -font "$FONT" -pointsize 24 -fill "$BAD" -annotate +16+36 'Wrong' \) \
    -geometry +0+0 -composite \
    \( -size 240x240 "xc:$BG" -fill '#d9d2c0' -draw 'rectangle 0,210 240,240' \
       -stroke "$INK" -strokewidth 6 -draw "translate -90,-30 $SQUAT" -draw "translate -90,-30 $FLOOR_BOX" \
       -draw "$(tick 186 20)" -stroke none -font "$FONT" -pointsize 24 -fill "$GOOD" -annotate +16+36 'Right' \) \
    -geometry +240+0 -composite \
    -stroke "$INK" -strokewidth 2 -draw 'line 240,0 240,240' \
    +dither -colors 64 -strip "PNG8:$D/right-and-wrong.png"

# ---- machine-changeover: a video at every level and a lock-and-tag picture -----------------

D=$MODULES/machine-changeover
frame "$WORK/lock0.png" 'Lock-out, step by step' -draw "$MACHINE" -draw "$SWITCH" -draw "$LEVER_ON"
frame "$WORK/lock1.png" '1  Stop the machine' -draw "$MACHINE" -draw "$SWITCH" -draw "$LEVER_ON" \
    -draw "stroke $BAD stroke-width 4 fill none circle 90,205 90,183"
frame "$WORK/lock2.png" '2  Main power off' -draw "$MACHINE" -draw "$SWITCH" -draw "$LEVER_OFF" \
    -stroke none -fill "$INK" -font "$FONT" -pointsize 22 -annotate +392+138 'OFF'
frame "$WORK/lock3.png" '3  Your lock and your tag' -draw "$MACHINE" -draw "$SWITCH" -draw "$LEVER_OFF" \
    -draw "$LOCK" -draw "$TAG" -stroke none -fill "$INK" -font "$FONT" -pointsize 12 \
    -annotate +373+208 'DO NOT START' -annotate +373+228 'Name: Sam'
frame "$WORK/lock4.png" '4  Test: it must not start' -draw "$MACHINE" -draw "$SWITCH" -draw "$LEVER_OFF" \
    -draw "$LOCK" -draw "$TAG" -draw "stroke $GOOD stroke-width 4 fill none circle 150,205 150,183" \
    -draw "$(cross 100 115)" -stroke none -fill "$INK" -font "$FONT" -pointsize 12 \
    -annotate +373+208 'DO NOT START' -annotate +373+228 'Name: Sam'
frame "$WORK/lock5.png" 'Safe: start the changeover' -draw "$MACHINE" -draw "$SWITCH" -draw "$LEVER_OFF" \
    -draw "$LOCK" -draw "$TAG" -draw "$(tick 100 115)" -stroke none -fill "$INK" -font "$FONT" \
    -pointsize 12 -annotate +373+208 'DO NOT START' -annotate +373+228 'Name: Sam'
cat >"$WORK/lock.txt" <<'EOF'
lock1.png|Step one. Stop the machine.
lock2.png|Step two. Switch off the main power.
lock3.png|Step three. Put your own lock and tag on the switch.
lock4.png|Step four. Press start. The machine must not start.
lock5.png|Now it is safe. Start the changeover.
EOF
slideshow "$D" lockout "$WORK/lock.txt"
convert "$WORK/lock0.png" -strip -quality 80 "$D/lockout.jpg"
convert "$WORK/lock3.png" -crop 480x216+0+54 +repage +dither -colors 64 -strip "PNG8:$D/lock-and-tag.png"

# ---- giving-feedback: a podcast spoken from its transcript ---------------------------------

D=$MODULES/giving-feedback
espeak-ng -v en-gb+m3 -s 145 -w "$WORK/talk.wav" -f "$D/feedback-talk.md"
sox "$WORK/talk.wav" "$WORK/talk-trim.wav" silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse pad 0.3 0.5
ffmpeg -loglevel error -y -i "$WORK/talk-trim.wav" -c:a libmp3lame -b:a 32k -ac 1 -ar 22050 \
    "$D/feedback-talk.mp3"

echo "media written under $MODULES"
