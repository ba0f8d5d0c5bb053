# lib.sh: what the bench scripts share (sourced): a free loopback port, the release server started
# on it, wrk's rate, the CPU time processes use, medians and ratios.
bench_bin=${STEPWISE_BIN:-build/release/stepwise}
bench_seconds=${BENCH_SECONDS:-3}
bench_rounds=${BENCH_ROUNDS:-3}

free_port() {
    node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# start_server DIR [OPTION...]: serves the sample modules from DIR/bench.db on a free port; sets
# server_pid and server_url. The log is DIR/server.log.
start_server() {
    sdir=$1
    shift
    sport=$(free_port)
    "$bench_bin" serve --content modules --db "$sdir/bench.db" --listen "127.0.0.1:$sport" "$@" \
        2>"$sdir/server.log" &
    server_pid=$!
    server_url="http://127.0.0.1:$sport"
    for _ in $(seq 200); do curl -fs "$server_url/healthz" >/dev/null && return 0; sleep 0.05; done
    echo "bench: the server did not start:" >&2
    cat "$sdir/server.log" >&2
    return 1
}

stop_server() {
    kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
}

# wrk_rate URL: "RATE REQUESTS" of one wrk round (-t2 -c64): requests per second, and answered.
wrk_rate() {
    wrk -t2 -c64 -d"${bench_seconds}s" "$1" | awk '/requests in/ {n = $1} /Requests\/sec/ {r = $2} END {print r, n}'
}

# cpu_ticks PID...: the CPU time (user and system, in clock ticks) the processes used so far.
cpu_ticks() {
    for p in "$@"; do cat "/proc/$p/stat"; done | awk '{t += $14 + $15} END {print t}'
}

# median NUMBER...: the median of the numbers.
median() {
    printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

# ratio A B: A / B with two decimals.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'
}
