#!/bin/sh
# The SCORM commit benchmark (part of `make bench`): a release server with the 1.2 test package
# and 8 signed-in learners; wrk sends small commits (a bookmark and suspend data, each with a new
# commit id, round robin over the learners) to POST /scorm/ID/commit, and, as the baseline in the
# same run, one plain statement per request to POST /xapi/statements. The target: commits at
# 50 % or more of the statement rate. BENCH_SECONDS (default 5) per load.
set -eu
cd "$(dirname "$0")/../.."
bin=${1:-build/release/stepwise}
seconds=${BENCH_SECONDS:-5}
users=8
dir=$(mktemp -d)
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
mkdir "$dir/content" "$dir/pkg"
cp tests/data/scorm/play12/* tests/data/scorm/sco.js "$dir/pkg/"
(cd "$dir/pkg" && python3 -c 'import os, zipfile
with zipfile.ZipFile("../pkg.zip", "w") as z:
    [z.write(f) for f in sorted(os.listdir("."))]')
"$bin" import --content "$dir/content" --id pallet-jack --minutes 10 --summary "Bench." --language en "$dir/pkg.zip" >/dev/null
for i in $(seq $users); do
    echo "bench-password-$i" | "$bin" user add "learner$i" --name "Learner $i" --password-stdin --db "$dir/bench.db" >/dev/null
done
auth=$("$bin" xapi-client add bench --scope all --db "$dir/bench.db" 2>/dev/null | awk '/^key:/ {k=$2} /^secret:/ {s=$2} END {printf "%s:%s", k, s}' | base64 -w0)
"$bin" serve --content "$dir/content" --db "$dir/bench.db" --listen "127.0.0.1:$port" 2>"$dir/log" &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done

# Each learner's session cookie and CSRF token, as Lua table rows.
sessions=""
for i in $(seq $users); do
    jar="$dir/jar$i"
    curl -fs -c "$jar" "$base/login" >/dev/null
    token=$(awk '$6 == "stepwise_login" {print $7}' "$jar")
    curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$token" --data-urlencode "login=learner$i" \
        --data-urlencode "password=bench-password-$i" "$base/login"
    cookie=$(awk '$6 == "stepwise_session" {print $6 "=" $7}' "$jar")
    csrf=$(curl -fs -b "$jar" "$base/play/pallet-jack" | grep -o '"csrf":"[^"]*"' | cut -d'"' -f4)
    sessions="$sessions{\"$cookie\", \"$csrf\"},"
done

cat >"$dir/commit.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local sessions = {$sessions}
local sent = 0
math.randomseed(os.time())
request = function()
  sent = sent + 1
  local s = sessions[sent % #sessions + 1]
  wrk.headers["Cookie"] = s[1]
  wrk.headers["X-CSRF-Token"] = s[2]
  local id = string.format("%08x-%04x-4%03x-8%03x-%012x", math.random(0, 0x7fffffff), math.random(0, 0xffff),
    math.random(0, 0xfff), math.random(0, 0xfff), sent)
  return wrk.format(nil, nil, nil, '{"attempt":1,"sco":"JACK","commit":"' .. id ..
    '","values":{"cmi.core.lesson_location":"page-' .. sent .. '","cmi.suspend_data":"seen=' .. sent .. '"}}')
end
LUA
cat >"$dir/statement.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Basic $auth"
wrk.headers["X-Experience-API-Version"] = "1.0.3"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[$(tr -d '\n' < tests/bench/statement.json)]]
LUA
run() { # run SCRIPT PATH: "rate non2xx"
    wrk -t2 -c16 -d"${seconds}s" -s "$1" "$base$2" | awk '/Requests\/sec/ {r=$2} /Non-2xx/ {n=$4} END {print r, n+0}'
}
set -- $(run "$dir/statement.lua" /xapi/statements)
statements=$1 statement_errors=$2
set -- $(run "$dir/commit.lua" /scorm/pallet-jack/commit)
commits=$1 commit_errors=$2
awk -v c="$commits" -v s="$statements" -v ce="$commit_errors" -v se="$statement_errors" 'BEGIN {
    printf "scorm     POST /xapi/statements (baseline)   %s req/s  (%d not 2xx)\n", s, se
    printf "scorm     POST /scorm/ID/commit              %s req/s  (%d not 2xx)  (%.2f of baseline, target >= 0.50: %s)\n",
        c, ce, c / s, (c / s >= 0.5 && ce == 0) ? "ok" : "SLOW" }'
