#!/bin/sh
# `make bench`: measures the release server on loopback with wrk. Figures are reported as ratios
# against a baseline measured in the same run (the minimal /healthz handler), since the machine
# is shared and absolute numbers drift. Each load lasts BENCH_SECONDS (default 5) seconds.
set -eu
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null 2>&1 || {
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y -q --no-install-recommends wrk >/dev/null
    else echo "make bench needs wrk: apt-get install wrk" >&2; exit 1; fi
}
seconds=${BENCH_SECONDS:-5}
bin=build/release/stepwise
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
"$bin" serve --content modules --db "$dir/bench.db" --listen "127.0.0.1:$port" 2>"$dir/log" &
pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

module=$(curl -fs "http://127.0.0.1:$port/" | grep -o 'href="/modules/[^"?]*"' | head -n 1 | sed 's/href="//; s/"$//')
rate() { # rate PATH: requests per second that wrk measured
    wrk -t2 -c64 -d"${seconds}s" "http://127.0.0.1:$port$1" | awk '/Requests\/sec/ {print $2}'
}
base=$(rate /healthz)
echo "baseline  /healthz                     $base req/s  (1.00)"
for p in /static/style.css / "$module"; do
    r=$(rate "$p")
    printf '%-9s %-28s %s req/s  (%s of baseline)\n' page "$p" "$r" "$(awk -v a="$r" -v b="$base" 'BEGIN {printf "%.2f", a / b}')"
done

# xAPI ingest: statements POSTed over HTTP against the store's own insert rate of the same rows.
STEPWISE_BIN="$bin" node tests/bench/ingest.mjs "http://127.0.0.1:$port" "$dir/bench.db"

# A knowledge-check answer round trip against a plain statement POST (tests/bench/quiz.mjs).
STEPWISE_BIN="$bin" node tests/bench/quiz.mjs "http://127.0.0.1:$port" "$dir/bench.db"

# SCORM import: a 50 MB package with 2 000 files (tests/bench/import.sh).
sh tests/bench/import.sh "$bin"
sh tests/bench/scorm_commit.sh "$bin"   # SCORM commits against a statement POST (tests/bench/scorm_commit.sh)
