#!/bin/sh
# Installs the Debian packages Stepwise needs to build, test and run, if any are missing.
# Libraries are checked with pkg-config, tools with `command -v`. Not root: prints the apt-get line.
# clang (whose package includes libFuzzer) builds the fuzz harnesses that make test and make fuzz
# run; the argument "fuzz" (make fuzz) is still accepted. The argument "bench" (make bench) adds
# wrk, which loads the server, and nginx, the reference the pages are measured against.
set -eu

missing=""
need_lib() { pkg-config --exists "$1" 2>/dev/null || missing="$missing $2"; }
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }

need_cmd pkg-config pkg-config
need_cmd gcc gcc
need_cmd make make
need_lib libmicrohttpd libmicrohttpd-dev
need_lib sqlite3 libsqlite3-dev
need_lib libcmark libcmark-dev
need_lib libxml-2.0 libxml2-dev
need_lib jansson libjansson-dev
need_lib libsodium libsodium-dev
need_lib libzip libzip-dev
need_lib zlib zlib1g-dev
need_lib yaml-0.1 libyaml-dev
need_lib libqrencode libqrencode-dev
need_lib libcrypto libssl-dev
need_lib cmocka libcmocka-dev
need_cmd node nodejs
need_cmd npm npm
need_cmd chromium chromium
need_cmd curl curl
need_cmd sqlite3 sqlite3     # tests/http/database.test.mjs holds a lock from another process
need_cmd msgfmt gettext
need_cmd clang clang
if [ "${1:-}" = bench ]; then
    need_cmd wrk wrk
    need_cmd nginx nginx
fi

[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "Stepwise needs these Debian packages. Install them as root with:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
    exit 1
fi
echo "Installing missing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends $missing
