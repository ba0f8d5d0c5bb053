#!/bin/sh
# Runs every test suite (unit: cmocka binaries under ASan+UBSan; http and browser: node --test
# against the real server; setup: the README's two commands on a machine without the packages;
# fuzz: each libFuzzer harness for FUZZ_TEST_SECONDS, default 3, one pass or fail each, when clang
# is installed) and ends with one line "N passed, N failed" summing all of them.
# SUITES="unit http browser setup fuzz" picks suites (empty: none). Exit status 1 when anything
# failed.
set -u
cd "$(dirname "$0")/.."
SUITES=${SUITES-"unit po http browser setup fuzz"}
export STEPWISE_BIN=${STEPWISE_BIN:-$PWD/build/asan/stepwise}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count() { # count PATTERN: the number in the first line of $log matching PATTERN, or 0
    n=$(grep -E "$1" "$log" | head -n 1 | grep -oE '[0-9]+' | head -n 1)
    echo "${n:-0}"
}

run_unit() {
    for t in build/asan/tests/test_*; do
        [ -x "$t" ] || continue
        case "$t" in *.d) continue ;; esac
        echo "== unit: $t"
        "$t" >"$log" 2>&1
        rc=$?
        cat "$log"
        p=$(count '^\[  PASSED  \] [0-9]+ test')
        f=$(count '^\[  FAILED  \] [0-9]+ test')
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "!! $t exited with status $rc"; fi
        passed=$((passed + p))
        failed=$((failed + f))
    done
}

run_node() { # run_node DIR
    ls "$1"/*.test.mjs >/dev/null 2>&1 || return 0
    echo "== $1"
    node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
        --test-reporter=tap --test-reporter-destination="$log.tap" "$1"/*.test.mjs
    rc=$?
    cp "$log.tap" "$log"
    rm -f "$log.tap"
    p=$(count '^# pass [0-9]+')
    f=$(count '^# fail [0-9]+')
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "!! $1 exited with status $rc"; fi
    passed=$((passed + p))
    failed=$((failed + f))
}

run_fuzz() {
    if ! command -v clang >/dev/null 2>&1; then
        echo "== fuzz: skipped, clang is not installed (scripts/install-deps.sh installs it)"
        return 0
    fi
    for src in tests/fuzz/fuzz_*.c; do
        bin=build/fuzz/bin/$(basename "$src" .c)
        if [ ! -x "$bin" ]; then
            echo "!! $bin is not built (make test builds it)"
            failed=$((failed + 1))
        elif sh tests/fuzz/run.sh "${FUZZ_TEST_SECONDS:-3}" "$bin"; then
            passed=$((passed + 1))
        else
            failed=$((failed + 1))
        fi
    done
}

for s in $SUITES; do
    case "$s" in
    unit) run_unit ;;
    http) run_node tests/http ;;
    browser) run_node tests/browser ;;
    po) run_node tests/po ;;
    setup) run_node tests/setup ;;
    fuzz) run_fuzz ;;
    *) echo "unknown suite $s" >&2; failed=$((failed + 1)) ;;
    esac
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
