#!/bin/sh
# Runs each libFuzzer harness given (build/fuzz/bin/fuzz_NAME) for $1 seconds (make fuzz).
# Each gets a corpus in build/fuzz/corpus/NAME, seeded at run time from the test fixtures and
# kept between runs; a crash, leak, UB report or timeout stops the run with its input saved in
# build/fuzz/crashes/ (replay: build/fuzz/bin/fuzz_NAME build/fuzz/crashes/FILE).
set -eu
seconds=$1
shift

# The fixtures a harness starts from.
seeds() {
    case "$1" in
        fuzz_multipart) echo tests/fuzz/seeds/multipart ;;
        fuzz_statement) echo tests/data/statements/valid tests/data/statements/invalid ;;
        fuzz_module) echo modules tests/data/modules ;;
        fuzz_form) echo tests/fuzz/seeds/form ;;
        fuzz_signature) echo tests/fuzz/seeds/signature ;;
        fuzz_timestamp) echo tests/fuzz/seeds/timestamp ;;
        fuzz_head) echo tests/fuzz/seeds/head ;;
        fuzz_json_bound) echo tests/data/statements/valid tests/data/statements/invalid ;;
        fuzz_manifest) echo tests/data/scorm ;;
    esac
}

mkdir -p build/fuzz/crashes
for bin in "$@"; do
    name=$(basename "$bin")
    corpus=build/fuzz/corpus/${name#fuzz_}
    mkdir -p "$corpus"
    for dir in $(seeds "$name"); do
        # Named after their path, since many modules are an index.md.
        find "$dir" -type f \( -name '*.json' -o -name '*.md' -o -name '*.txt' -o -name '*.xml' \) \
            -exec sh -c 'for f; do cp "$f" "$0/$(echo "$f" | tr / _)"; done' "$corpus" {} +
    done
    echo "== $name: ${seconds}s"
    "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix=build/fuzz/crashes/"$name"- "$corpus" 2>build/fuzz/"$name".log ||
        { tail -n 60 build/fuzz/"$name".log; echo "$name failed: see build/fuzz/$name.log" >&2;
          exit 1; }
    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec)|cov: ' \
        build/fuzz/"$name".log | tail -n 3
done
