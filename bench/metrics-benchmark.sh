#!/usr/bin/env bash
# The metrics endpoint benchmark (docs/benchmarks.md, "Metrics endpoint"): a catalog of 1,000 sources (10 tenants,
# 3,000 completed backups, 500 daily schedules, 250 drills) plus one real backup and restore; then the time and size
# of /q/metrics of the scheduler, the worker and the API (median and p95 of 200 scrapes each), the CPU each process
# spends per scrape, and the scheduler's CPU and time per refresh of its source gauges. Starts its own infrastructure
# and services (as the test command does; the ARCA_TEST_* ports and ARCA_TEST_LOCAL_DIR choose where) and prints a
# Markdown table, also written to system-tests/target/metrics-benchmark.md.
#   bench/metrics-benchmark.sh                      # 200 scrapes per service
#   ARCA_BENCH_SCRAPES=50 bench/metrics-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
exec deploy/local/arca-local test -pl system-tests -am -Dtest=MetricsBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Darca.bench.scrapes="${ARCA_BENCH_SCRAPES:-200}"
