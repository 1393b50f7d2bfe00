#!/usr/bin/env bash
# The notifications benchmark (docs/benchmarks.md, "Notifications and live events"): webhook delivery with one slow
# receiver among ten, API CPU per event with 200 stream clients, long polls against 5/s polling. Starts its own
# infrastructure and services (as the test command does) and prints a Markdown table, also written to
# system-tests/target/notifications-benchmark.md.
#   bench/notifications-benchmark.sh            # 1,000 events
#   ARCA_BENCH_EVENTS=200 bench/notifications-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exec deploy/local/arca-local test -pl system-tests -am -Dtest=NotificationsBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Darca.bench.events="${ARCA_BENCH_EVENTS:-1000}"
