#!/usr/bin/env bash
# Garbage collection benchmark: chunks deleted per second and the worker's peak heap.
#
#   ARCA_JAVA_OPTS=-Xmx128m deploy/local/arca-local up      # the services at -Xmx128m (appended, so it wins)
#   bench/gc-benchmark.sh [rows] [objects]                  # default 1000000 rows, 20000 objects
#
# Run 1 (synthetic): a new tenant gets `rows` chunk rows, created two days ago and referenced by no backup, inserted
# with generate_series; their objects do NOT exist in the bucket (the worker still sends the multi-object deletes,
# which the store answers for absent keys like for present ones, so the catalog side and the request count are real).
# Run 2 (real objects): another tenant gets `objects` small objects (1 KiB) uploaded under its chunk prefix with the
# aws CLI and one row each, to show the per-object delete cost. Each run is one POST /api/v1/admin/gc (bootstrap key,
# grace period PT1H) timed from the run's started_at to finished_at, while the worker's heap is sampled from its
# /q/metrics every 0.25 s (ARCA_WORKER_PORT, default 8081). Prints markdown; paste it into docs/benchmarks.md.
set -euo pipefail
rows="${1:-1000000}"
objects="${2:-20000}"
scale=1
source "$(dirname "$0")/lib/common.sh"
worker_metrics="http://127.0.0.1:${ARCA_WORKER_PORT:-8081}/q/metrics"
admin=(-H "Authorization: Bearer $ARCA_ADMIN_KEY" -H 'Content-Type: application/json')

heap_max_mb=$(curl -sf "$worker_metrics" | awk '/^jvm_memory_max_bytes\{.*area="heap"/{if ($NF > 0) s+=$NF} END{printf "%d", s/1048576}')
echo "== worker heap max ${heap_max_mb} MiB (start the instance with ARCA_JAVA_OPTS=-Xmx128m for the documented run)" >&2

new_gc_tenant() { # -> tenant id
  curl -sf "${admin[@]}" -X POST "$ARCA_URL/api/v1/tenants" -d "{\"name\":\"gc-bench-$(date +%s%N)\"}" \
    | json "d['tenant']['id']"
}

heap() { curl -sf "$worker_metrics" | awk '/^jvm_memory_used_bytes\{.*area="heap"/{s+=$NF} END{printf "%d", s}'; }

gc_run() { # tenant -> prints "deleted bytes seconds peak_heap_mib"
  local run body state peak=0 h
  run=$(curl -sf "${admin[@]}" -X POST "$ARCA_URL/api/v1/admin/gc" \
    -d "{\"tenantId\":\"$1\",\"gracePeriod\":\"PT1H\"}" | json "d['runs'][0]['id']")
  while :; do
    h=$(heap); (( h > peak )) && peak=$h
    body=$(curl -sf "${admin[@]}" "$ARCA_URL/api/v1/admin/gc/$run")
    [[ $body =~ \"state\":\"([a-z]+)\" ]] && state=${BASH_REMATCH[1]}
    case "$state" in completed) break ;; failed|cancelled) echo "$body" >&2; exit 1 ;; esac
    sleep 0.25
  done
  echo "$body" | python3 -c "
import json, sys, datetime
d = json.load(sys.stdin)
t = lambda s: datetime.datetime.fromisoformat(s.replace('Z', '+00:00'))
print(d['chunksDeleted'], d['bytesFreed'], f\"{(t(d['finishedAt']) - t(d['startedAt'])).total_seconds():.1f}\", $peak // 1048576)"
}

report() { # label count deleted bytes seconds peak
  python3 -c "print(f'| $1 | {$2:,} | {$3:,} | $5 | {$3 / $5:,.0f} | $6 MiB |')"
}

echo "== run 1: $rows synthetic rows" >&2
t1=$(new_gc_tenant)
psql_ -d arca -c "insert into chunks (tenant_id, name, stored_size, created_at) select '$t1', \
  encode(sha256(g::text::bytea), 'hex'), 1048576, now() - interval '2 days' from generate_series(1, $rows) g"
settle
read -r d1 b1 s1 p1 < <(gc_run "$t1")
left=$(psql_ -d arca -tAc "select count(*) from chunks where tenant_id = '$t1'")

echo "== run 2: $objects real objects" >&2
t2=$(new_gc_tenant)
dir="$work/objects"
mkdir -p "$dir"
python3 - "$dir" "$objects" <<'PY'
import hashlib, os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    name = hashlib.sha256(f"gc-bench-{i}".encode()).hexdigest()
    os.makedirs(os.path.join(root, name[:2]), exist_ok=True)
    with open(os.path.join(root, name[:2], name), "wb") as f:
        f.write(os.urandom(1024))
PY
AWS_ACCESS_KEY_ID="$ARCA_S3_ACCESS_KEY" AWS_SECRET_ACCESS_KEY="$ARCA_S3_SECRET_KEY" AWS_DEFAULT_REGION="$ARCA_S3_REGION" \
  aws --endpoint-url "$ARCA_S3_ENDPOINT" s3 cp --recursive --quiet "$dir" "s3://arca/tenants/$t2/chunks/"
psql_ -d arca -c "insert into chunks (tenant_id, name, stored_size, created_at) select '$t2', \
  encode(sha256(('gc-bench-' || g)::bytea), 'hex'), 1024, now() - interval '2 days' from generate_series(0, $objects - 1) g"
settle
read -r d2 b2 s2 p2 < <(gc_run "$t2")
remaining=$(AWS_ACCESS_KEY_ID="$ARCA_S3_ACCESS_KEY" AWS_SECRET_ACCESS_KEY="$ARCA_S3_SECRET_KEY" \
  AWS_DEFAULT_REGION="$ARCA_S3_REGION" aws --endpoint-url "$ARCA_S3_ENDPOINT" s3 ls --recursive \
  "s3://arca/tenants/$t2/chunks/" | wc -l || true)   # aws s3 ls exits 1 on an empty prefix

echo
echo "worker heap max ${heap_max_mb} MiB, batch size 1000 (one multi-object delete per batch)"
echo
echo "| run | rows | chunks deleted | seconds | chunks/s | peak heap used |"
echo "|---|---|---|---|---|---|"
report "synthetic rows, no objects" "$rows" "$d1" "$b1" "$s1" "$p1"
report "rows with real 1 KiB objects" "$objects" "$d2" "$b2" "$s2" "$p2"
echo
echo "rows left in run 1: $left; objects left in run 2's prefix: $remaining"
