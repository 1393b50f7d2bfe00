#!/usr/bin/env bash
# Backup throughput and dedup benchmark against a running local Arca (deploy/local/arca-local up).
#
#   backup-worker/bench/backup-bench.sh [pgbench-scale=50]
#
# Creates a pgbench database of the given scale (about 15 MB of table per unit) on the local PostgreSQL,
# registers it as a source, runs a full backup, an unchanged second backup, and a backup after updating 1% of
# pgbench_accounts, and prints wall time, MB/s of plaintext and new bytes for each. Drops the database after.
set -euo pipefail

SCALE="${1:-50}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
eval "$("$REPO/deploy/local/arca-local" env)"
AUTH="Authorization: Bearer $ARCA_ADMIN_KEY"
export PGHOST="$ARCA_PG_HOST" PGPORT="$ARCA_PG_PORT" PGUSER="$ARCA_PG_USER" PGPASSWORD="$ARCA_PG_PASSWORD"
DB="bench_$(date +%s)"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"

json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {'d': d}))" "$1"; }
cleanup() { "$PG_BIN/psql" -X -q -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || true; }
trap cleanup EXIT

echo "creating $DB (pgbench scale $SCALE)"
"$PG_BIN/psql" -X -q -d postgres -c "create database $DB"
"$PG_BIN/pgbench" -i -q -s "$SCALE" "$DB" >/dev/null 2>&1
echo "database size: $("$PG_BIN/psql" -X -Atq -d "$DB" -c "select pg_size_pretty(pg_database_size(current_database()))")"

SOURCE_ID=$(curl -fsS -X POST "$ARCA_URL/api/v1/sources" -H "$AUTH" -H 'Content-Type: application/json' \
  -d "{\"name\":\"$DB\",\"type\":\"postgresql\",\"host\":\"$ARCA_PG_HOST\",\"port\":$ARCA_PG_PORT,\"database\":\"$DB\",\"username\":\"$ARCA_PG_USER\",\"password\":\"$ARCA_PG_PASSWORD\",\"sslMode\":\"disable\"}" \
  | json "d['id']")

run_backup() { # label
  local start end id view state
  start=$(date +%s.%N)
  id=$(curl -fsS -X POST "$ARCA_URL/api/v1/backups" -H "$AUTH" -H 'Content-Type: application/json' \
    -d "{\"sourceId\":\"$SOURCE_ID\",\"type\":\"full\"}" | json "d['id']")
  while :; do
    view=$(curl -fsS "$ARCA_URL/api/v1/backups/$id" -H "$AUTH")
    state=$(echo "$view" | json "d['state']")
    [[ "$state" == completed || "$state" == failed || "$state" == cancelled ]] && break
    sleep 0.5
  done
  end=$(date +%s.%N)
  echo "$view" | python3 -c "
import json, sys
d = json.load(sys.stdin); r = d['result'] or {}; secs = $end - $start
if d['state'] != 'completed':
    print('$1: ' + d['state'] + ': ' + str(d['error'])); sys.exit(1)
mb = r['logicalSize'] / 1e6
print('%-12s %6.1f s  %7.1f MB plaintext  %6.1f MB/s  stored %7.1f MB  new %7.2f MB  dedup %.3f' % (
    '$1', secs, mb, mb / secs, r['storedSize'] / 1e6, r['newBytes'] / 1e6, r['dedupRatio']))"
}

run_backup first
run_backup unchanged
ACCOUNTS=$((SCALE * 100000)); FROM=$((ACCOUNTS / 2)); TO=$((FROM + ACCOUNTS / 100 - 1))
"$PG_BIN/psql" -X -q -d "$DB" -c "update pgbench_accounts set abalance = abalance + 1 where aid between $FROM and $TO"
run_backup 1%-updated
