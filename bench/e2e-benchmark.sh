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
set -euo pipefail
scale="${1:-50}"
rounds="${2:-1}"
source "$(dirname "$0")/lib/common.sh"
prepare_bench_db

pg_dump_fc() { clock_start; "$pgbin/pg_dump" -Fc -h "$ARCA_PG_HOST" -p "$ARCA_PG_PORT" -U "$ARCA_PG_USER" -f "$work/fc.dump" arca_bench; clock_stop; }
pg_dump_zstd() { clock_start; "$pgbin/pg_dump" -Fp -h "$ARCA_PG_HOST" -p "$ARCA_PG_PORT" -U "$ARCA_PG_USER" arca_bench | zstd -q -f -3 -T2 -o "$work/plain.sql.zst"; clock_stop; }
pg_dump_fc; t_fc=$wall; c_fc=$cpu; size_fc=$(stat -c %s "$work/fc.dump")
pg_dump_zstd; t_zstd=$wall; c_zstd=$cpu; size_zstd=$(stat -c %s "$work/plain.sql.zst")
new_tenant bench
# Backup #0 goes to a tenant of its own and is reported apart: the first large backup a worker runs after it starts
# also pays for JIT compilation, on the same 2 cores. #1 is the first backup of the database in the bench tenant,
# on a worker in its steady state (a long-running worker).
bench_auth=("${auth[@]}"); bench_source="$source_id"
new_tenant bench-warmup
read -r t_b0 c_b0 stored_b0 new_b0 _ < <(arca_backup)
auth=("${bench_auth[@]}"); source_id="$bench_source"
read -r t_b1 c_b1 stored_b1 new_b1 backup_id < <(arca_backup)
read -r t_b2 c_b2 stored_b2 new_b2 _ < <(arca_backup)
rows=$(psql_ -d arca_bench -Atc "select count(*) from pgbench_accounts")
lo=$((rows / 2)); hi=$((lo + rows / 100))
psql_ -d arca_bench -c "update pgbench_accounts set abalance = abalance + 1 where aid between $lo and $hi"
read -r t_b3 c_b3 stored_b3 new_b3 _ < <(arca_backup)

arca_restore() { # backup-id: restores into arca_bench_restored (dropped first); sets $wall and $cpu
  local id
  psql_ -d postgres -c "drop database if exists arca_bench_restored with (force)" 2>/dev/null
  clock_start
  id=$(curl -sf "${auth[@]}" -X POST "$ARCA_URL/api/v1/restores" -d "{\"backupId\":\"$1\",\"target\":{\"sourceId\":\"$source_id\",\"database\":\"arca_bench_restored\"}}" | json "d['id']")
  wait_done restores "$id" >/dev/null; clock_stop
}
pg_restore_j2() { # restores $work/fc.dump into arca_bench_pgrestore (dropped first); sets $wall and $cpu
  psql_ -d postgres -c "drop database if exists arca_bench_pgrestore with (force)" 2>/dev/null
  psql_ -d postgres -c "create database arca_bench_pgrestore"
  clock_start; "$pgbin/pg_restore" -j 2 -h "$ARCA_PG_HOST" -p "$ARCA_PG_PORT" -U "$ARCA_PG_USER" -d arca_bench_pgrestore "$work/fc.dump"; clock_stop
}
arca_restore "$backup_id"; t_restore=$wall; c_restore=$cpu
pg_restore_j2; t_pgr=$wall; c_pgr=$cpu
worker_pid=$(head -n 1 "$ARCA_LOCAL_DIR/pids/backup-worker.pid")  # line 1: pid, line 2: what it runs
rss=$(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$worker_pid/status")
pct() { python3 -c "print(f'{100*$1/max($2,1):.2f}%')"; }

cat <<MD
Database arca_bench: pgbench scale $scale + bench_mixed ($((scale * 20000)) rows), ${db_mb} MB on disk; $(nproc) cores; $("$pgbin/postgres" --version).

| run | wall time (s) | machine CPU (s) | MB/s (db size) | stored bytes | new bytes |
|---|---:|---:|---:|---:|---:|
| \`pg_dump -Fc\` | $t_fc | $c_fc | $(mbps "$t_fc") | $size_fc | - |
| \`pg_dump -Fp \| zstd -3 -T2\` | $t_zstd | $c_zstd | $(mbps "$t_zstd") | $size_zstd | - |
| Arca backup #0 (worker's first large backup: includes JIT warm-up; own tenant) | $t_b0 | $c_b0 | $(mbps "$t_b0") | $stored_b0 | $new_b0 |
| Arca backup #1 (zstd 3, encrypted, uploaded) | $t_b1 | $c_b1 | $(mbps "$t_b1") | $stored_b1 | $new_b1 |
| Arca backup #2 (unchanged) | $t_b2 | $c_b2 | $(mbps "$t_b2") | $stored_b2 | $new_b2 ($(pct "$new_b2" "$stored_b1") of #1) |
| Arca backup #3 (contiguous 1% of pgbench_accounts updated) | $t_b3 | $c_b3 | $(mbps "$t_b3") | $stored_b3 | $new_b3 ($(pct "$new_b3" "$stored_b1") of #1) |
| Arca restore (into a new database) | $t_restore | $c_restore | $(mbps "$t_restore") | - | - |
| \`pg_restore -j 2\` | $t_pgr | $c_pgr | $(mbps "$t_pgr") | - | - |

Peak worker RSS (VmHWM over the worker's life): $rss. Machine CPU: seconds all processes kept a core busy during the
run (from /proc/stat; 2 x wall time is the most 2 cores can give).
MD

if (( rounds > 1 )); then
  # round 1 is the run above; each further round backs up into a new tenant (dedup is per tenant) and restores that
  r_fc=("$t_fc"); r_zstd=("$t_zstd"); r_b=("$t_b1"); r_restore=("$t_restore"); r_pgr=("$t_pgr")
  for round in $(seq 2 "$rounds"); do
    echo "== round $round of $rounds" >&2
    pg_dump_fc; r_fc+=("$wall")
    pg_dump_zstd; r_zstd+=("$wall")
    new_tenant "bench-round-$round"
    read -r t _ _ _ id < <(arca_backup); r_b+=("$t")
    arca_restore "$id"; r_restore+=("$wall")
    pg_restore_j2; r_pgr+=("$wall")
  done
  python3 - "$rounds" "${r_fc[@]}" "${r_zstd[@]}" "${r_b[@]}" "${r_restore[@]}" "${r_pgr[@]}" <<'PY'
import statistics, sys
n = int(sys.argv[1]); v = [float(x) for x in sys.argv[2:]]
fc, zstd, b, rs, pgr = (v[i * n:(i + 1) * n] for i in range(5))
print(f"\nRounds ({n}, interleaved; wall seconds; ratio = Arca / reference, lower is better):\n")
print("| round | `pg_dump -Fc` | `pg_dump \\| zstd -3 -T2` | Arca first backup | backup / zstd | backup / -Fc "
      "| Arca restore | `pg_restore -j 2` | restore / pg_restore |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
rows = [(str(i + 1), fc[i], zstd[i], b[i], rs[i], pgr[i]) for i in range(n)]
med = statistics.median
rows.append(("median", med(fc), med(zstd), med(b), med(rs), med(pgr)))
for name, f, z, bb, r, p in rows:
    print(f"| {name} | {f:.1f} | {z:.1f} | {bb:.1f} | {bb / z:.2f} | {bb / f:.2f} | {r:.1f} | {p:.1f} | {r / p:.2f} |")
ratios = lambda xs, ys: med([x / y for x, y in zip(xs, ys)])
print(f"\nMedian of the per-round ratios: backup / zstd {ratios(b, zstd):.2f}, backup / -Fc {ratios(b, fc):.2f}, "
      f"restore / pg_restore {ratios(rs, pgr):.2f}.")
PY
fi
for db in arca_bench_restored arca_bench_pgrestore; do psql_ -d postgres -c "drop database if exists $db with (force)"; done
