#!/usr/bin/env bash
# Fresh against warm workers, with and without the worker's ahead-of-time cache (docs/benchmarks.md, "Warm workers").
#
#   bench/warm-worker-benchmark.sh [scale] [rounds]   (default scale 50 plus bench_mixed, as the e2e benchmark; 3 rounds)
#
# Uses the local instance of deploy/local/arca-local (started with `up` if needed: that trains the cache on JDK 25+).
# Each round runs every variant, interleaved (each round starts one variant later in the list):
#   restart the worker -> time to ready -> backup A (the fresh worker's first job) -> backup B (the same worker, now
#   warm; a tenant of its own, so it stores everything again as A did)
#   restart the worker -> restore of B (the fresh worker's first job) -> the same restore again (warm)
# Prints per step the wall time (request -> completed) and the worker's CPU seconds (utime+stime from /proc), each
# round's and the medians, and fresh/warm ratios per variant.
# Variants: ARCA_BENCH_WARM_VARIANTS (default "off use"): off = no cache, use = arca-local's cache (ARCA_WORKER_AOT),
# startup = the cache file at ARCA_BENCH_STARTUP_CACHE, to compare another training, e.g. one made by hand with
#   JAVA=... JAVA_OPTS="-Xmx256m -XX:+UseParallelGC" deploy/docker/worker-training.sh DIR backup-worker/target/quarkus-app/quarkus-run.jar
set -euo pipefail
scale="${1:-50}"
rounds="${2:-3}"
source "$(dirname "$0")/lib/common.sh"
# The machine is shared while this runs; waiting for it to go idle (common.sh's 30 s) would mostly wait for others.
settle() { psql_ -d postgres -c checkpoint; sleep 2; }
# ARCA_BENCH_REUSE_DB=true: keep an arca_bench an earlier run made (same scale: the caller's word for it)
if [[ "${ARCA_BENCH_REUSE_DB:-false}" == true && -n "$(psql_ -d postgres -Atc "select 1 from pg_database where datname = 'arca_bench'")" ]]; then
  bench_db_size
else
  prepare_bench_db
fi

worker_pid() { head -n 1 "$ARCA_LOCAL_DIR/pids/backup-worker.pid"; }
worker_cpu() { awk -v hz="$hz" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$(worker_pid)/stat"; }
read -r -a all_variants <<<"${ARCA_BENCH_WARM_VARIANTS:-off use}"
restart_worker() { # variant -> sets $ready (seconds from start to ready)
  local pid t0 aot="$1" opts="${ARCA_JAVA_OPTS:-}"
  if [[ "$1" == startup ]]; then aot=off; opts="$opts -XX:AOTCache=${ARCA_BENCH_STARTUP_CACHE:?the startup variant needs it}"; fi
  pid=$(worker_pid)
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  t0=$(now)
  ARCA_WORKER_AOT="$aot" ARCA_JAVA_OPTS="$opts" ARCA_SKIP_BUILD=true "$launcher" services up >/dev/null
  ready=$(secs "$t0" "$(now)")
}
# a step: wall seconds and the worker's CPU seconds for it
timed_backup() { # -> wall, worker CPU, backup id
  local w0 t id; w0=$(worker_cpu); read -r t _ _ _ id < <(arca_backup); echo "$t $(secs "$w0" "$(worker_cpu)") $id"
}
timed_restore() { # backup-id
  local w0 id  # not c0: clock_start sets that one
  w0=$(worker_cpu)
  psql_ -d postgres -c "drop database if exists arca_bench_restored with (force)" 2>/dev/null
  clock_start
  id=$(curl -sf "${auth[@]}" -X POST "$ARCA_URL/api/v1/restores" -d "{\"backupId\":\"$1\",\"target\":{\"sourceId\":\"$source_id\",\"database\":\"arca_bench_restored\"}}" | json "d['id']")
  wait_done restores "$id" >/dev/null; clock_stop
  echo "$wall $(secs "$w0" "$(worker_cpu)")"
}

rows=()
for round in $(seq 1 "$rounds"); do
  n=${#all_variants[@]}; variants=()
  for i in $(seq 0 $((n - 1))); do variants+=("${all_variants[(i + round - 1) % n]}"); done
  for mode in "${variants[@]}"; do
    echo "== round $round of $rounds, cache $mode (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    restart_worker "$mode"; ready_b=$ready
    new_tenant "warm-$mode-a"; read -r bf bfc _ < <(timed_backup)
    new_tenant "warm-$mode-b"; read -r bw bwc restore_id < <(timed_backup)
    restart_worker "$mode"; ready_r=$ready
    read -r rf rfc < <(timed_restore "$restore_id")
    read -r rw rwc < <(timed_restore "$restore_id")
    rows+=("$round $mode $ready_b $ready_r $bf $bfc $bw $bwc $rf $rfc $rw $rwc")
  done
done
# the last variant may have been `off`: leave the worker started from the cache, as `up` does
restart_worker use
psql_ -d postgres -c "drop database if exists arca_bench_restored with (force)"

echo "Database arca_bench: pgbench scale $scale + bench_mixed, ${db_mb} MB on disk; $(nproc) cores; load average at the end $(cut -d' ' -f1-3 /proc/loadavg); $("$(readlink "/proc/$(worker_pid)/exe")" -version 2>&1 | head -n 1)."
python3 - "${rows[@]}" <<'PY'
import statistics, sys
rows = [r.split() for r in sys.argv[1:]]
cols = ["ready (backup)", "ready (restore)", "backup fresh", "cpu", "backup warm", "cpu", "restore fresh", "cpu",
        "restore warm", "cpu"]
print("\nWall seconds (request -> completed) and the worker's CPU seconds per step; ready = worker start to ready:\n")
print("| round | cache | " + " | ".join(cols) + " |")
print("|---|---|" + "---:|" * len(cols))
for r in rows:
    print(f"| {r[0]} | {r[1]} | " + " | ".join(r[2:]) + " |")
modes = list(dict.fromkeys(r[1] for r in rows))
for mode in modes:
    mine = [[float(x) for x in r[2:]] for r in rows if r[1] == mode]
    med = [statistics.median(c) for c in zip(*mine)]
    print(f"| median | {mode} | " + " | ".join(f"{m:.1f}" for m in med) + " |")
print()
for mode in modes:
    mine = [[float(x) for x in r[2:]] for r in rows if r[1] == mode]
    ratio = lambda i, j: statistics.median(m[i] / m[j] for m in mine)
    print(f"cache {mode}: fresh/warm backup {ratio(2, 4):.2f} (worker CPU {ratio(3, 5):.2f}), "
          f"fresh/warm restore {ratio(6, 8):.2f} (worker CPU {ratio(7, 9):.2f}) - medians of per-round ratios")
PY
