#!/bin/sh
# The page benchmark (part of `make bench`): a cached lesson page and a static file of the release
# server against nginx serving the same bytes as files from a temporary folder, in the same run
# (nginx with 2 workers and sendfile, on loopback). wrk -t2 -c64; the two servers take turns in
# each of BENCH_ROUNDS rounds, so that a burst of load on the shared machine hits both, and the
# median of the rounds is printed. /healthz shows what the HTTP engine alone does.
set -eu
cd "$(dirname "$0")/../.."
. tests/bench/lib.sh
dir=$(mktemp -d)
nginx_pid=
trap 'stop_server; [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null; rm -rf "$dir"' EXIT
start_server "$dir"

module=$(curl -fs "$server_url/" | grep -o 'href="/modules/[^"?]*"' | head -n 1 | sed 's/href="//; s/"$//')
mkdir -p "$dir/www/static" "$dir/www/modules" "$dir/nginx"
curl -fs "$server_url$module" -o "$dir/www$module.html"
curl -fs "$server_url/static/style.css" -o "$dir/www/static/style.css"
nport=$(free_port)
cat >"$dir/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    types { text/html html; text/css css; }
    client_body_temp_path $dir/nginx; proxy_temp_path $dir/nginx; fastcgi_temp_path $dir/nginx;
    uwsgi_temp_path $dir/nginx; scgi_temp_path $dir/nginx;
    server { listen 127.0.0.1:$nport; root $dir/www; }
}
CONF
nginx -c "$dir/nginx/nginx.conf" -g 'daemon off;' 2>"$dir/nginx/stderr" &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nport"
for _ in $(seq 100); do curl -fs "$nginx_url/static/style.css" >/dev/null && break; sleep 0.05; done
nginx_pids="$nginx_pid $(cat /proc/$nginx_pid/task/*/children)"

# compare LABEL STEPWISE_PATH NGINX_PATH: the median rate of each, the ratio with its goal, and
# the CPU time each server spent per request (steadier than rates when the machine is busy).
compare() {
    ours="" theirs="" our_cpu=0 their_cpu=0 our_n=0 their_n=0
    for _ in $(seq "$bench_rounds"); do
        c=$(cpu_ticks "$server_pid")
        run=$(wrk_rate "$server_url$2")
        our_cpu=$((our_cpu + $(cpu_ticks "$server_pid") - c))
        ours="$ours ${run% *}" our_n=$((our_n + ${run#* }))
        c=$(cpu_ticks $nginx_pids)
        run=$(wrk_rate "$nginx_url$3")
        their_cpu=$((their_cpu + $(cpu_ticks $nginx_pids) - c))
        theirs="$theirs ${run% *}" their_n=$((their_n + ${run#* }))
    done
    o=$(median $ours) t=$(median $theirs)
    printf '%-9s %-36s %7.0f req/s  nginx %7.0f req/s  ratio %s (goal >= 1.0)  CPU per request %s / %s us\n' \
        page "$1" "$o" "$t" "$(ratio "$o" "$t")" "$(per_request "$our_cpu" "$our_n")" \
        "$(per_request "$their_cpu" "$their_n")"
}

# per_request TICKS REQUESTS: microseconds of CPU per request.
per_request() {
    awk -v c="$1" -v n="$2" -v k="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", c * 1e6 / k / n}'
}
bytes=$(wc -c <"$dir/www$module.html")
compare "$module ($bytes B, cached)" "$module" "$module.html"
compare "/static/style.css ($(wc -c <"$dir/www/static/style.css") B)" /static/style.css /static/style.css
compare "/healthz (the engine alone)" /healthz "$module.html"
