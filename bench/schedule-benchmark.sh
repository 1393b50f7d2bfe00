#!/usr/bin/env bash
# Schedule firing benchmark: N schedules (default 10,000) due in the same minute, fired by two real scheduler-service
# processes against one catalog. Measures the time from the due instant to the moment the last backup row is visible
# (polled every 0.1 s with clock_timestamp()), and checks that no (schedule, slot) has two backups.
#
#   bench/schedule-benchmark.sh [schedules=10000]
#
# Starts its own infrastructure instance through deploy/local/arca-local (ARCA_LOCAL_DIR, default
# /tmp/arca-schedule-bench; ports from ARCA_PG_PORT, ARCA_KAFKA_PORT, ARCA_KAFKA_CONTROLLER_PORT, ARCA_S3_PORT as
# arca-local reads them) and stops it at the end; builds scheduler-service (./mvnw package, tests skipped) unless
# ARCA_SKIP_BUILD=true. The replicas listen on BENCH_SCHEDULER_PORTS (default "8082 8083") and run with arca-local's
# heap (-Xmx256m), the default tick (5 s) and claim batch (100), and their outbox relays publishing to Kafka.
# Prints markdown for docs/benchmarks.md.
set -euo pipefail
count="${1:-10000}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
export ARCA_LOCAL_DIR="${ARCA_LOCAL_DIR:-/tmp/arca-schedule-bench}"
read -r port1 port2 <<<"${BENCH_SCHEDULER_PORTS:-8082 8083}"
arca_local="$repo/deploy/local/arca-local"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  "$arca_local" infra down >/dev/null 2>&1 || true
}
trap cleanup EXIT

"$arca_local" infra up
eval "$("$arca_local" env)"
if [[ "${ARCA_SKIP_BUILD:-false}" != true ]]; then
  (cd "$repo" && ./mvnw -B -q -DskipTests -pl scheduler-service -am package)
fi
source "$repo/deploy/local/lib/common.sh"
java="$(find_java 21)"
jar="$repo/scheduler-service/target/quarkus-app/quarkus-run.jar"
psql_arca() { PGPASSWORD="$ARCA_PG_PASSWORD" psql -X -q -At -h "$ARCA_PG_HOST" -p "$ARCA_PG_PORT" -U "$ARCA_PG_USER" -d arca "$@"; }

start_replica() { # port migrate log
  env QUARKUS_HTTP_PORT="$1" QUARKUS_FLYWAY_MIGRATE_AT_START="$2" \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$ARCA_PG_HOST:$ARCA_PG_PORT/arca" \
    QUARKUS_DATASOURCE_USERNAME="$ARCA_PG_USER" QUARKUS_DATASOURCE_PASSWORD="$ARCA_PG_PASSWORD" \
    KAFKA_BOOTSTRAP_SERVERS="$ARCA_KAFKA_BOOTSTRAP" \
    QUARKUS_MINIO_HOST="$ARCA_S3_ENDPOINT" QUARKUS_MINIO_SECURE=false QUARKUS_MINIO_ACCESS_KEY="$ARCA_S3_ACCESS_KEY" \
    QUARKUS_MINIO_SECRET_KEY="$ARCA_S3_SECRET_KEY" QUARKUS_MINIO_REGION="$ARCA_S3_REGION" ARCA_STORAGE_BUCKET=arca \
    "$java" -Xmx256m -jar "$jar" >"$3" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "http://127.0.0.1:$1/q/health/ready" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "replica on port $1 did not become ready; see $3" >&2; exit 1
}
# the first replica migrates the fresh catalog (the API owns migrations in a deployment)
start_replica "$port1" true "$ARCA_LOCAL_DIR/scheduler-1.log"
start_replica "$port2" false "$ARCA_LOCAL_DIR/scheduler-2.log"

# N schedules of one source, all due at the next whole minute that is at least 40 s away
due_epoch=$(( ($(date +%s) + 40 + 59) / 60 * 60 ))
due=$(date -u -d "@$due_epoch" +%Y-%m-%dT%H:%M:%SZ)
minute=$(date -u -d "@$due_epoch" +%-M); hour=$(date -u -d "@$due_epoch" +%-H)
psql_arca -v ON_ERROR_STOP=1 <<SQL
insert into tenants (id, name) values ('00000000-0000-0000-0000-00000000be01', 'schedule-bench');
insert into sources (id, tenant_id, name, host, port, database_name, username, password_sealed) values
  ('00000000-0000-0000-0000-00000000be02', '00000000-0000-0000-0000-00000000be01', 'bench', 'localhost', 5432,
   'bench', 'u', '\x00'::bytea);
insert into schedules (id, tenant_id, source_id, name, backup_options, timing, cron, time_zone, overlap, next_run_at)
select gen_random_uuid(), '00000000-0000-0000-0000-00000000be01', '00000000-0000-0000-0000-00000000be02',
       'bench-' || g, '{"type":"full","tables":{"include":[],"exclude":[],"excludeData":[]},
       "compression":{"algorithm":"zstd","level":3},"encrypt":false}',
       jsonb_build_object('cron', '$minute $hour * * *'), '$minute $hour * * *', 'UTC', 'skip', '$due'
from generate_series(1, $count) g;
SQL
echo "== $count schedules due at $due (in $(( due_epoch - $(date +%s) )) s)" >&2

# poll until every backup row is visible, or 120 s after the due time
done_at=""
while :; do
  read -r n now_epoch < <(psql_arca -F ' ' -c "select count(*), extract(epoch from clock_timestamp()) from backups
    where schedule_id is not null")
  if (( n >= count )); then done_at="$now_epoch"; break; fi
  if (( ${now_epoch%.*} > due_epoch + 120 )); then break; fi
  sleep 0.1
done
twice=$(psql_arca -c "select count(*) from (select schedule_id, scheduled_for from backups where schedule_id is not null
  group by 1, 2 having count(*) > 1) d")
fires=$(psql_arca -c "select count(*) from schedule_fires")
late=$(psql_arca -F ' ' -c "select min(late_by_ms), max(late_by_ms) from backups where schedule_id is not null")
created=$(psql_arca -c "select count(*) from backups where schedule_id is not null")

echo
echo "| schedules | replicas | backups created | fires recorded | (schedule, slot) with 2+ backups | due → last backup row visible | late_by_ms min / max |"
echo "|---|---|---|---|---|---|---|"
if [[ -n "$done_at" ]]; then
  elapsed=$(awk -v a="$done_at" -v b="$due_epoch" 'BEGIN { printf "%.1f s", a - b }')
else
  elapsed="not all within 120 s"
fi
echo "| $count | 2 processes | $created | $fires | $twice | $elapsed | ${late/ / \/ } |"
echo
echo "Per replica (their 'fired N due schedule(s)' log lines):"
for i in 1 2; do
  total=$(grep -o 'fired [0-9]* due' "$ARCA_LOCAL_DIR/scheduler-$i.log" | awk '{ s += $2 } END { print s + 0 }')
  echo "- replica $i: $total schedules"
  grep 'fired [0-9]* due' "$ARCA_LOCAL_DIR/scheduler-$i.log" | sed 's/^/    /' >&2 || true
done
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
