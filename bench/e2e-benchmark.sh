#!/usr/bin/env bash
# End-to-end benchmark of Arca against the reference tools, in one run on one machine.
#
#   bench/e2e-benchmark.sh [scale] [rounds]   (default scale 50 plus a mixed-type table; 1 round)
#
# Uses the local instance of deploy/local/arca-local (starts it with `up` if needed). Creates database
# arca_bench (pgbench tables + bench_mixed with text, jsonb, bytea, numeric, timestamptz), then times:
#   pg_dump -Fc | pg_dump -Fp | zstd -3 -T2 | Arca backup #0 (a cold worker's first, in a tenant of its own)
#   Arca backup #1 (request -> completed, zstd 3, encrypted)
#   Arca backup #2 (unchanged) | Arca backup #3 (after updating a contiguous 1% key range)
#   Arca restore (into a new database) | pg_restore -j 2 (into a new database)
# and prints a markdown table (wall time, machine CPU time, MB/s of database size, stored and new bytes, peak worker RSS).
# With rounds > 1 it then repeats the steps the ratio targets compare (pg_dump -Fc, pg_dump | zstd, an Arca first
# backup into a new tenant, its restore, pg_restore -j 2) rounds - 1 more times, interleaved, and prints each
# round's times and ratios and their medians: on a shared 2-core machine one run's ratio moves by 15-30%.
#
# ARCA_BENCH_MODE=shared (default) | production | both. shared: no pinning, the database server and the client side
# compete for the same cores. production: the PostgreSQL server (postmaster and every backend) on core 0, the client
# side (pg_dump, zstd, pg_restore, Arca's worker, API, scheduler, Kafka, S3Proxy, this script) on core 1, as if they
# were two machines. both: the two modes alternate round by round in one run, and a table compares them. Every step
# also reports CPU seconds per process (lib/processes.sh says how they are counted). Affinity is restored on exit.
# ARCA_BENCH_SHAPE=standard (default) | onebig: see prepare_bench_db in lib/common.sh.
set -euo pipefail
scale="${1:-50}"
rounds="${2:-1}"
case "${ARCA_BENCH_MODE:-shared}" in
  shared) modes=(shared) ;;
  production) modes=(production) ;;
  both) modes=(shared production) ;;
  *) echo "ARCA_BENCH_MODE must be shared, production or both, not '$ARCA_BENCH_MODE'" >&2; exit 2 ;;
esac
if [[ " ${modes[*]} " == *" production "* ]] && ! { command -v taskset >/dev/null && (($(nproc) >= 2)); }; then
  echo "the production-shaped mode needs taskset (util-linux) and at least 2 cores" >&2; exit 2
fi
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/processes.sh"
trap 'unpin_all; rm -rf "$work"' EXIT
unpin_all   # a run killed hard leaves no trap behind: start from the whole machine
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
prepare_bench_db
bench_steps="$work/steps.tsv"; sizes="$work/sizes.tsv"
: >"$bench_steps"; : >"$sizes"
step() { bench_step="$mode	$round	$1"; }   # the key clock_stop records the step under
record_size() { printf '%s\t%s\t%s\n' "$bench_step" "$1" "$2" >>"$sizes"; }

enter_mode() {
  case "$mode" in
    shared) unpin_all; check_affinity "$all_cpus" "$all_cpus" ;;
    production) pin_postgres 0; pin_clients 1; check_affinity 0 1 ;;
  esac
}
pg_dump_fc() { clock_start; "$pgbin/pg_dump" -Fc -h "$ARCA_PG_HOST" -p "$ARCA_PG_PORT" -U "$ARCA_PG_USER" -f "$work/fc.dump" arca_bench; clock_stop; }
pg_dump_zstd() { clock_start; "$pgbin/pg_dump" -Fp -h "$ARCA_PG_HOST" -p "$ARCA_PG_PORT" -U "$ARCA_PG_USER" arca_bench | zstd -q -f -3 -T2 -o "$work/plain.sql.zst"; clock_stop; }
arca_restore() { # backup-id: restores into arca_bench_restored (dropped first)
  local id
  psql_ -d postgres -c "drop database if exists arca_bench_restored with (force)" 2>/dev/null
  clock_start
  id=$(curl -sf "${auth[@]}" -X POST "$ARCA_URL/api/v1/restores" -d "{\"backupId\":\"$1\",\"target\":{\"sourceId\":\"$source_id\",\"database\":\"arca_bench_restored\"}}" | json "d['id']")
  wait_done restores "$id" >/dev/null; clock_stop
}
pg_restore_j2() { # restores $work/fc.dump into arca_bench_pgrestore (dropped first)
  psql_ -d postgres -c "drop database if exists arca_bench_pgrestore with (force)" 2>/dev/null
  psql_ -d postgres -c "create database arca_bench_pgrestore"
  clock_start; "$pgbin/pg_restore" -j 2 -h "$ARCA_PG_HOST" -p "$ARCA_PG_PORT" -U "$ARCA_PG_USER" -d arca_bench_pgrestore "$work/fc.dump"; clock_stop
}
backup_step() { # step-name: an Arca backup of arca_bench in the current tenant; sets backup_id
  local stored new
  step "$1"
  read -r _ _ stored new backup_id < <(arca_backup)
  record_size "$stored" "$new"
}

# Round 1 of each mode runs every step; later rounds repeat the steps the ratio targets compare, each Arca backup in
# a new tenant (dedup is per tenant). Backup #0 (a cold worker's first) runs once, in the first mode: in the other
# mode the worker is warm already.
run_round() {
  echo "== round $round of $rounds, mode $mode" >&2
  enter_mode
  step fc; pg_dump_fc; record_size "$(stat -c %s "$work/fc.dump")" 0
  step zstd; pg_dump_zstd; record_size "$(stat -c %s "$work/plain.sql.zst")" 0
  if ((round > 1)); then
    new_tenant "bench-$mode-round-$round"; backup_step b1
  else
    if [[ $mode == "${modes[0]}" ]]; then new_tenant bench-warmup; backup_step b0; fi
    new_tenant "bench-$mode"
    backup_step b1; local first=$backup_id
    backup_step b2
    local rows lo hi
    rows=$(psql_ -d arca_bench -Atc "select count(*) from pgbench_accounts")
    lo=$((rows / 2)); hi=$((lo + rows / 100))
    psql_ -d arca_bench -c "update pgbench_accounts set abalance = abalance + 1 where aid between $lo and $hi"
    backup_step b3
    backup_id=$first
  fi
  step restore; arca_restore "$backup_id"
  step pgr; pg_restore_j2
}
for round in $(seq 1 "$rounds"); do
  for mode in "${modes[@]}"; do run_round; done
done
unpin_all

worker_pid=$(component_pid backup-worker)
export db_bytes bench_shape_desc rounds load_start
export bench_modes="${modes[*]}" cores="$(nproc)" pg_version="$("$pgbin/postgres" --version)"
export rss="$(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$worker_pid/status")"
export load_end="$(cut -d' ' -f1-3 /proc/loadavg)"
if ! python3 "$(dirname "$0")/lib/e2e-report.py" "$bench_steps" "$sizes"; then
  kept=$(mktemp -d /tmp/arca-bench-steps.XXXXXX); cp "$bench_steps" "$sizes" "$kept/"
  echo "the report failed; the measured steps are kept in $kept" >&2; exit 1
fi
for db in arca_bench_restored arca_bench_pgrestore; do psql_ -d postgres -c "drop database if exists $db with (force)"; done
