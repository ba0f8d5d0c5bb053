#!/bin/sh
# `make bench`: measures the release server on loopback, one script per part, each printing its
# figures with their goals as ratios against a baseline measured in the same run (the machine is
# shared and absolute numbers drift). BENCH_SECONDS (default 3) is the length of each wrk load,
# BENCH_ROUNDS (default 3) the rounds whose median is taken.
set -eu
cd "$(dirname "$0")/../.."
sh tests/bench/pages.sh                 # lesson page and static file against nginx
node tests/bench/ingest.mjs             # statement POSTs against the store API
node tests/bench/quiz.mjs               # a knowledge-check answer round trip against a statement POST
node tests/bench/scale.mjs              # 1 M statements: queries, dashboard, RSS, start-up, memory
sh tests/bench/import.sh                # a 50 MB SCORM package
sh tests/bench/scorm_commit.sh          # SCORM commits against a statement POST
