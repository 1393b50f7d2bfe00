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
repo="$(cd "$(dirname "$0")/.." && pwd)"
launcher="$repo/deploy/local/arca-local"
work="$(mktemp -d /tmp/arca-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

"$launcher" status >/dev/null 2>&1 && curl -sf "$("$launcher" env | sed -n 's/^export ARCA_URL=//p')/q/health/ready" >/dev/null \
  || "$launcher" up >&2
eval "$("$launcher" env)"
export PGPASSWORD="$ARCA_PG_PASSWORD"
pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
psql_() { "$pgbin/psql" -X -q -v ON_ERROR_STOP=1 -h "$ARCA_PG_HOST" -p "$ARCA_PG_PORT" -U "$ARCA_PG_USER" "$@"; }
auth=(-H "Authorization: Bearer $ARCA_ADMIN_KEY" -H 'Content-Type: application/json')
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {}, {'d': d}))" "$1"; }
now() { date +%s.%N; }
secs() { python3 -c "print(f'{$2 - $1:.1f}')"; }
# CPU time the whole machine was busy (all processes: PostgreSQL, the Arca services, S3Proxy, Kafka, the tools)
hz=$(getconf CLK_TCK)
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }
cpus() { python3 -c "print(f'{($2 - $1) / $hz:.1f}')"; }
# Before each timed step: a checkpoint, then wait (up to 30 s) until the machine is idle, so no step pays for the
# previous one's dirty buffers or for an autovacuum it set off (unsettled, the Arca restore measured 21-22 s here
# against 14-16 s on its own).
settle() {
  psql_ -d postgres -c checkpoint
  local a b
  for _ in $(seq 1 30); do
    a=$(busy); sleep 1; b=$(busy)
    (( (b - a) * 100 < hz * 15 )) && return 0   # under 15% of one core busy for a second
  done
  echo "machine not idle after 30 s; timing anyway" >&2
}
# clock_start, the timed step, clock_stop: sets $wall and $cpu (seconds) for it
clock_start() { settle; c0=$(busy); t0=$(now); }
clock_stop() { local t1 c1; t1=$(now); c1=$(busy); wall=$(secs "$t0" "$t1"); cpu=$(cpus "$c0" "$c1"); }

echo "== preparing arca_bench at scale $scale" >&2
for db in arca_bench arca_bench_restored arca_bench_pgrestore; do
  psql_ -d postgres -c "drop database if exists $db with (force)"
done
psql_ -d postgres -c "create database arca_bench"
"$pgbin/pgbench" -q -i -s "$scale" -h "$ARCA_PG_HOST" -p "$ARCA_PG_PORT" -U "$ARCA_PG_USER" arca_bench >/dev/null 2>&1
psql_ -d arca_bench <<SQL
select setseed(0.42) \gset
create table bench_mixed (
  id bigint primary key, title text, doc jsonb, blob bytea, amount numeric(14,2), at timestamptz);
insert into bench_mixed
select g, md5(g::text) || ' ' || repeat(chr(97 + g % 26), 20 + g % 80),
       jsonb_build_object('n', g, 'tags', jsonb_build_array('a' || g % 7, 'b' || g % 13), 'ok', g % 2 = 0),
       decode(md5(g::text) || md5((g * 7)::text), 'hex'),
       (random() * 100000)::numeric(14,2),
       timestamptz '2026-01-01' + g * interval '1 minute'
from generate_series(1, $scale * 20000) g;
analyze;
SQL
db_bytes=$(psql_ -d arca_bench -Atc "select pg_database_size('arca_bench')")
db_mb=$(python3 -c "print(f'{$db_bytes/1048576:.0f}')")
mbps() { python3 -c "print(f'{$db_bytes/1048576/max($1,0.001):.1f}')"; }

pg_dump_fc() { clock_start; "$pgbin/pg_dump" -Fc -h "$ARCA_PG_HOST" -p "$ARCA_PG_PORT" -U "$ARCA_PG_USER" -f "$work/fc.dump" arca_bench; clock_stop; }
pg_dump_zstd() { clock_start; "$pgbin/pg_dump" -Fp -h "$ARCA_PG_HOST" -p "$ARCA_PG_PORT" -U "$ARCA_PG_USER" arca_bench | zstd -q -f -3 -T2 -o "$work/plain.sql.zst"; clock_stop; }
pg_dump_fc; t_fc=$wall; c_fc=$cpu; size_fc=$(stat -c %s "$work/fc.dump")
pg_dump_zstd; t_zstd=$wall; c_zstd=$cpu; size_zstd=$(stat -c %s "$work/plain.sql.zst")

# A tenant of its own per run: dedup is per tenant, and the generated data is deterministic, so a reused tenant
# would find the first backup's chunks already stored by an earlier run.
admin_auth=("${auth[@]}")
new_tenant() { # name-prefix -> sets auth and source_id to a new tenant holding arca_bench as a source
  local key
  key=$(curl -sf "${admin_auth[@]}" -X POST "$ARCA_URL/api/v1/tenants" -d "{\"name\":\"$1-$(date +%s%N)\"}" \
    | json "d['adminKey']['secret']")
  auth=(-H "Authorization: Bearer $key" -H 'Content-Type: application/json')
  source_id=$(curl -sf "${auth[@]}" -X POST "$ARCA_URL/api/v1/sources" -d "{\"name\":\"bench\",\"type\":\"postgresql\",\"host\":\"$ARCA_PG_HOST\",\"port\":$ARCA_PG_PORT,\"database\":\"arca_bench\",\"username\":\"$ARCA_PG_USER\",\"password\":\"$ARCA_PG_PASSWORD\",\"sslMode\":\"disable\"}" | json "d['id']")
}
new_tenant bench

wait_done() { # kind id -> prints final JSON
  local body state
  for _ in $(seq 1 3600); do
    body=$(curl -sf "${auth[@]}" "$ARCA_URL/api/v1/$1/$2")
    # a bash match, not a python process per poll: on 2 cores the poller must not take CPU from what it times
    # (a poller starting python every 0.1 s took about 3 CPU-seconds of an 8 s backup)
    [[ $body =~ \"state\":\"([a-z]+)\" ]] && state=${BASH_REMATCH[1]} || state=unknown
    case "$state" in completed) echo "$body"; return 0 ;; failed|cancelled) echo "$body" >&2; return 1 ;; esac
    sleep 0.2
  done
  echo "timed out waiting for $1 $2" >&2; return 1
}
arca_backup() {
  local id body
  clock_start
  id=$(curl -sf "${auth[@]}" -X POST "$ARCA_URL/api/v1/backups" -d "{\"sourceId\":\"$source_id\",\"type\":\"full\",\"compression\":{\"algorithm\":\"zstd\",\"level\":3},\"encrypt\":true}" | json "d['id']")
  body=$(wait_done backups "$id"); clock_stop
  echo "$wall $cpu $(echo "$body" | json "d['result']['storedSize']") $(echo "$body" | json "d['result']['newBytes']") $id"
}
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
