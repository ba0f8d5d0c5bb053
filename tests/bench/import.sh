#!/bin/sh
# The import benchmark (part of `make bench`): `stepwise import` of a 50 MB SCORM package with
# 2 000 files (the 1.2 fixture's manifest, half the files random bytes as media are, half text)
# into an empty content folder. The target is under 3 seconds.
set -eu
cd "$(dirname "$0")/../.."
bin=${1:-build/release/stepwise}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir/package.zip" <<'PY'
import os, random, sys, zipfile
random.seed(14)
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    z.write('tests/data/scorm/scorm12-single/imsmanifest.xml', 'imsmanifest.xml')
    z.write('tests/data/scorm/scorm12-single/index.html', 'index.html')
    words = b'lift the box with your legs and keep it close to your body '
    for i in range(1998):
        name = 'media/clip%04d.bin' % i if i % 2 else 'pages/%02d/page%04d.html' % (i % 40, i)
        data = os.urandom(26000) if i % 2 else (words * 440)[:26000]
        z.writestr(name, data)
PY
mkdir "$dir/content"
start=$(date +%s.%N)
"$bin" import --content "$dir/content" --minutes 10 "$dir/package.zip" >/dev/null 2>"$dir/log" || { cat "$dir/log" >&2; exit 1; }
end=$(date +%s.%N)
files=$(find "$dir/content" -type f | wc -l)
bytes=$(du -sb "$dir/content" | cut -f1)
awk -v s="$start" -v e="$end" -v f="$files" -v b="$bytes" 'BEGIN {
    t = e - s; printf "import    %d files, %.1f MB unpacked       %.2f s  (target < 3 s: %s)\n", f, b / 1e6, t, t < 3 ? "ok" : "SLOW" }'
