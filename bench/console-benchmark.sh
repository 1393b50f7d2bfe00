#!/usr/bin/env bash
# The web console's page benchmark (docs/benchmarks.md, "Web console"): one tenant with 200 sources and 10,000
# backups; each page's time on loopback (median and p95 of N warm requests), the API process's CPU per request and
# the page's bytes. Starts its own infrastructure and services (as the test command does; the ARCA_TEST_* ports and
# ARCA_TEST_LOCAL_DIR choose where) and prints a Markdown table, also written to
# system-tests/target/console-benchmark.md.
#   bench/console-benchmark.sh                        # 200 timed requests per page
#   ARCA_BENCH_REQUESTS=50 bench/console-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exec deploy/local/arca-local test -pl system-tests -am -Dtest=ConsoleBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Darca.bench.requests="${ARCA_BENCH_REQUESTS:-200}"
