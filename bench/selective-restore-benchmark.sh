#!/usr/bin/env bash
# Selective restore and dry run benchmark: one table out of a backup against pg_restore -t out of a pg_dump -Fc file.
#
#   bench/selective-restore-benchmark.sh [scale] [rounds]   (default scale 50, as bench/e2e-benchmark.sh; 3 rounds)
#
# Uses the local instance of deploy/local/arca-local (starts it with `up` if needed), (re)creates arca_bench as the
# e2e benchmark does, takes one Arca backup of it (zstd 3, encrypted) and one pg_dump -Fc, then times, interleaved per
# round, for the smallest table of arca_bench and for pgbench_branches:
#   Arca restore with tables=[that table] into an empty database | pg_restore -t <table> into an empty database
# (both databases are created before the clock starts; into an existing database Arca restores in one transaction)
# (pg_restore -t restores the table's definition and rows only; Arca also restores its indexes, constraints and owned
# sequences: Arca does more of the work.) Then times dry runs of a full restore of the backup. Reports bytes Arca
# fetched from the bucket (the restore's result.bytesFetched) against the backup's stored size.
# Prints markdown; paste it into docs/benchmarks.md.
set -euo pipefail
scale="${1:-50}"
rounds="${2:-3}"
source "$(dirname "$0")/lib/common.sh"
prepare_bench_db
new_tenant selective-bench
read -r _ _ stored _ backup_id < <(arca_backup)
"$pgbin/pg_dump" -Fc -h "$ARCA_PG_HOST" -p "$ARCA_PG_PORT" -U "$ARCA_PG_USER" -f "$work/fc.dump" arca_bench
smallest=$(psql_ -d arca_bench -Atc "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind = 'r' order by pg_total_relation_size(c.oid), c.relname limit 1")
echo "== backup $backup_id of arca_bench ($db_mb MB, $stored bytes stored); smallest table: $smallest" >&2

# millisecond wall times: a one-table pg_restore takes well under the 0.1 s that common.sh's clock_stop resolves
clock_stop_ms() { local t1; t1=$(now); wall=$(python3 -c "print(f'{$t1 - $t0:.3f}')"); }
fresh_db() { psql_ -d postgres -c "drop database if exists $1 with (force)" 2>/dev/null; }
arca_one() { # table -> sets wall, cpu, fetched (bytes)
  local id body
  fresh_db arca_bench_sel
  psql_ -d postgres -c "create database arca_bench_sel"
  clock_start
  id=$(curl -sf "${auth[@]}" -X POST "$ARCA_URL/api/v1/restores" -d "{\"backupId\":\"$backup_id\",\"target\":{\"sourceId\":\"$source_id\",\"database\":\"arca_bench_sel\"},\"tables\":[\"public.$1\"]}" | json "d['id']")
  body=$(wait_done restores "$id"); clock_stop_ms
  fetched=$(echo "$body" | json "d['result']['bytesFetched']")
  # request recorded -> job finished, from the restore's own timestamps: the polling loop's 0.2 s steps left out
  server=$(echo "$body" | python3 -c "import json,sys,datetime as t; d=json.load(sys.stdin); p=lambda s: t.datetime.fromisoformat(s.replace('Z','+00:00')); print(f\"{(p(d['finishedAt'])-p(d['createdAt'])).total_seconds():.3f}\")")
  rows_arca=$(psql_ -d arca_bench_sel -Atc "select count(*) from public.$1")
}
pg_restore_t() { # table -> sets wall, cpu
  fresh_db arca_bench_pgrestore
  psql_ -d postgres -c "create database arca_bench_pgrestore"
  clock_start; "$pgbin/pg_restore" -t "$1" -h "$ARCA_PG_HOST" -p "$ARCA_PG_PORT" -U "$ARCA_PG_USER" -d arca_bench_pgrestore "$work/fc.dump"; clock_stop_ms
  rows_pg=$(psql_ -d arca_bench_pgrestore -Atc "select count(*) from public.$1")
}
dry_run() { # sets wall, cpu, preview_ms (the job's own duration)
  local id body
  clock_start
  id=$(curl -sf "${auth[@]}" -X POST "$ARCA_URL/api/v1/restores" -d "{\"backupId\":\"$backup_id\",\"target\":{\"sourceId\":\"$source_id\",\"database\":\"arca_bench_dry\"},\"dryRun\":true}" | json "d['id']")
  body=$(wait_done restores "$id"); clock_stop_ms
  preview_ms=$(echo "$body" | python3 -c "import json,sys,datetime as t; d=json.load(sys.stdin); p=lambda s: t.datetime.fromisoformat(s.replace('Z','+00:00')); print(int((p(d['finishedAt'])-p(d['startedAt'])).total_seconds()*1000))")
}

results=()
for round in $(seq 1 "$rounds"); do
  echo "== round $round of $rounds" >&2
  for table in "$smallest" pgbench_branches; do
    arca_one "$table"; a=$server; f=$fetched; polled=$wall
    pg_restore_t "$table"; p=$wall
    [[ $rows_arca == "$rows_pg" ]] || { echo "row counts differ for $table: Arca $rows_arca, pg_restore $rows_pg" >&2; exit 1; }
    results+=("$table $a $p $f")
    echo "   $table: Arca $a s (request to finished; $polled s polled by curl; $f bytes fetched), pg_restore -t $p s" >&2
  done
  dry_run; results+=("dry-run $wall $preview_ms 0")
done
fresh_db arca_bench_sel; fresh_db arca_bench_pgrestore

python3 - "$stored" "${results[@]}" <<'PY'
import statistics, sys
stored = int(sys.argv[1]); rows = [r.split() for r in sys.argv[2:]]
med = statistics.median
print(f"\nBackup stored size: {stored} bytes. Rounds interleaved; wall seconds; median of rounds.\n")
print("Arca: from the request being recorded to the job finishing (createdAt to finishedAt: outbox, Kafka, worker,\n"
      "restore), so the 0.2 s steps of the polling loop are left out. pg_restore -t: its process's wall time.\n")
print("| restore | Arca (tables=[t]) | `pg_restore -t` | Arca / pg_restore | bytes fetched | share of stored |")
print("|---|---:|---:|---:|---:|---:|")
for table in dict.fromkeys(r[0] for r in rows if r[0] != "dry-run"):
    mine = [r for r in rows if r[0] == table]
    a = med(float(r[1]) for r in mine); p = med(float(r[2]) for r in mine); f = med(int(r[3]) for r in mine)
    ratio = med(float(r[1]) / float(r[2]) for r in mine)
    print(f"| {table} | {a:.3f} | {p:.3f} | {ratio:.2f} | {f} | {100 * f / stored:.3f}% |")
dry = [r for r in rows if r[0] == "dry-run"]
print(f"\nDry run of a full restore: request to completed {med(float(r[1]) for r in dry):.2f} s (median), "
      f"the job itself {med(int(r[2]) for r in dry)} ms (median).")
PY
