# Shared by the benchmarks in bench/: the local Arca instance (started with `arca-local up` when not running),
# psql against it, timing with a settled machine, the arca_bench database, tenants, backups.
# Callers set scale before sourcing; the sourcing script's own trap removes $work.
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
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
# With lib/processes.sh sourced, "idle" means the instance's own processes (PostgreSQL and the client-side
# components): on a machine shared with other people's builds the whole machine is never idle, and waiting for it
# only cost 30 s per step.
settle() {
  psql_ -d postgres -c checkpoint
  local a b probe=busy what=machine
  if declare -F instance_ticks >/dev/null; then probe=instance_ticks; what="instance's processes"; fi
  for _ in $(seq 1 30); do
    a=$($probe); sleep 1; b=$($probe)
    (( (b - a) * 100 < hz * 15 )) && return 0   # under 15% of one core busy for a second
  done
  echo "$what not idle after 30 s; timing anyway" >&2
}
# clock_start, the timed step, clock_stop: sets $wall and $cpu (seconds) for it. When the caller sets bench_steps
# (a file) and bench_step (a tab-separated key), clock_stop also appends the key, wall, machine CPU and the CPU
# seconds per process (lib/processes.sh) to that file: the e2e benchmark's steps run in subshells too.
clock_start() {
  settle
  [[ -n ${bench_steps:-} ]] && proc_snapshot_into p0
  c0=$(busy); t0=$(now)
}
clock_stop() {
  local t1 c1 p1
  t1=$(now); c1=$(busy)
  [[ -n ${bench_steps:-} ]] && proc_snapshot_into p1
  wall=$(secs "$t0" "$t1"); cpu=$(cpus "$c0" "$c1")
  if [[ -n ${bench_steps:-} ]]; then printf '%s\t%s\t%s\t%s\n' "$bench_step" "$wall" "$cpu" "$(proc_delta "$p0" "$p1")" >>"$bench_steps"; fi
}

# ARCA_BENCH_SHAPE=standard (default): pgbench at $scale plus bench_mixed with $scale x 20000 rows (a quarter of the
# database). onebig: bench_mixed with a fifth of those rows, so pgbench_accounts is about 90% of the database (the
# shape where a per-table parallel restore has one table to load). bench_shape_desc says what was built.
bench_shape="${ARCA_BENCH_SHAPE:-standard}"
prepare_bench_db() { # (re)creates arca_bench at $scale and drops the restore targets
  case "$bench_shape" in
    standard) mixed_rows=$((scale * 20000)) ;;
    onebig) mixed_rows=$((scale * 4000)) ;;
    *) echo "ARCA_BENCH_SHAPE must be standard or onebig, not '$bench_shape'" >&2; exit 2 ;;
  esac
  echo "== preparing arca_bench at scale $scale (shape $bench_shape)" >&2
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
from generate_series(1, $mixed_rows) g;
analyze;
SQL
  bench_db_size
}
bench_db_size() { # sets db_bytes and db_mb
  db_bytes=$(psql_ -d arca_bench -Atc "select pg_database_size('arca_bench')")
  db_mb=$(python3 -c "print(f'{$db_bytes/1048576:.0f}')")
  big_share=$(psql_ -d arca_bench -Atc "select round(100.0 * pg_total_relation_size('pgbench_accounts')
    / pg_database_size('arca_bench'), 1)")
  bench_shape_desc="pgbench scale $scale + bench_mixed ($mixed_rows rows), ${db_mb} MB on disk; pgbench_accounts with its index ${big_share}% of it"
}
mbps() { python3 -c "print(f'{$db_bytes/1048576/max($1,0.001):.1f}')"; }

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
