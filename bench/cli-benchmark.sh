#!/usr/bin/env bash
# The arca CLI against the tools it replaces, in one run, interleaved rounds:
#
#   bench/cli-benchmark.sh [scale] [rounds]   (default scale 50, as bench/e2e-benchmark.sh; 3 rounds)
#
# Uses the local instance of deploy/local/arca-local (starts it with `up` if needed, which installs the CLI in
# $ARCA_LOCAL_DIR/bin), (re)creates arca_bench as the e2e benchmark does, takes one Arca backup of it (zstd 3,
# encrypted), then per round times:
#   curl of a download link (format sql, compression none) into a file | arca download --format sql --compression none
#     (the CLI's time includes its JVM start and asking for the link)
#   the service's restore (POST /restores -> completed) | arca repo restore (from the bucket and the master key alone,
#     no API, no catalog: the same restore engine, in the CLI's JVM, with --jobs 2 as the worker's default)
# Both restores go into a new database (dropped before each). Prints markdown; paste it into docs/benchmarks.md.
set -euo pipefail
scale="${1:-50}"
rounds="${2:-3}"
source "$(dirname "$0")/lib/common.sh"
prepare_bench_db
new_tenant cli-bench
read -r _ _ _ _ backup_id < <(arca_backup)
tenant_key=$(printf '%s' "${auth[1]}" | sed 's/^Authorization: Bearer //')
echo "== backup $backup_id of arca_bench ($db_mb MB)" >&2
arca_cli="$ARCA_LOCAL_DIR/bin/arca"
[[ -x $arca_cli ]] || { echo "no $arca_cli: run deploy/local/arca-local up" >&2; exit 1; }

curl_download() {
  local url
  url=$(curl -sf "${auth[@]}" -X POST "$ARCA_URL/api/v1/backups/$backup_id/download-links" \
    -d '{"format":"sql","compression":"none","expiresInSeconds":3600}' | json "d['url']")
  [[ $url == /* ]] && url="$ARCA_URL$url"
  clock_start; curl -sf -o "$work/curl.sql" "$url"; clock_stop
}
cli_download() {
  clock_start
  ARCA_API_KEY="$tenant_key" "$arca_cli" download "$backup_id" --format sql --compression none -o "$work/cli.sql" 2>/dev/null
  clock_stop
}
service_restore() {
  local id
  psql_ -d postgres -c "drop database if exists arca_bench_restored with (force)" 2>/dev/null
  clock_start
  id=$(curl -sf "${auth[@]}" -X POST "$ARCA_URL/api/v1/restores" -d "{\"backupId\":\"$backup_id\",\"target\":{\"sourceId\":\"$source_id\",\"database\":\"arca_bench_restored\"}}" | json "d['id']")
  wait_done restores "$id" >/dev/null; clock_stop
}
repo_restore() {
  psql_ -d postgres -c "drop database if exists arca_bench_repo with (force)" 2>/dev/null
  clock_start
  ARCA_S3_BUCKET=arca PGPASSWORD="$ARCA_PG_PASSWORD" "$arca_cli" repo restore "$backup_id" \
    --master-key-file "$ARCA_LOCAL_DIR/secrets/master-key" --jobs 2 \
    --to "postgresql://$ARCA_PG_USER@$ARCA_PG_HOST:$ARCA_PG_PORT/arca_bench_repo" 2>/dev/null
  clock_stop
}

declare -a r_curl r_cli r_srv r_repo c_srv c_repo
for r in $(seq 1 "$rounds"); do
  curl_download; r_curl+=("$wall")
  cli_download; r_cli+=("$wall")
  cmp -s "$work/curl.sql" "$work/cli.sql" || { echo "arca download and curl wrote different files" >&2; exit 1; }
  service_restore; r_srv+=("$wall"); c_srv+=("$cpu")
  repo_restore; r_repo+=("$wall"); c_repo+=("$cpu")
  echo "round $r: curl ${r_curl[-1]} s, arca download ${r_cli[-1]} s, service restore ${r_srv[-1]} s, arca repo restore ${r_repo[-1]} s" >&2
done
for t in pgbench_accounts bench_mixed; do
  a=$(psql_ -d arca_bench_restored -Atc "select count(*) from $t"); b=$(psql_ -d arca_bench_repo -Atc "select count(*) from $t")
  [[ $a == "$b" ]] || { echo "$t: service restore has $a rows, repo restore $b" >&2; exit 1; }
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { python3 -c "print(f'{$1/max($2,0.001):.2f}')"; }
m_curl=$(median "${r_curl[@]}"); m_cli=$(median "${r_cli[@]}"); m_srv=$(median "${r_srv[@]}"); m_repo=$(median "${r_repo[@]}")
# the medians of the per-round ratios (each round's two steps ran side by side, under the same load)
declare -a q_dl q_repo
for i in "${!r_curl[@]}"; do
  q_dl+=("$(ratio "${r_cli[$i]}" "${r_curl[$i]}")"); q_repo+=("$(ratio "${r_repo[$i]}" "${r_srv[$i]}")")
done
size=$(stat -c %s "$work/cli.sql")
cat <<MD

Database arca_bench, scale $scale ($db_mb MB), $rounds interleaved rounds; plain SQL script $((size / 1048576)) MiB.

| step | median wall s | rounds (wall s) | ratio |
|---|---|---|---|
| \`curl\` of a download link (sql, none) into a file | $m_curl | ${r_curl[*]} | |
| \`arca download --format sql --compression none -o file\` | $m_cli | ${r_cli[*]} | $(median "${q_dl[@]}")x curl (per round: ${q_dl[*]}) |
| service restore (request -> completed) | $m_srv | ${r_srv[*]} (CPU ${c_srv[*]}) | |
| \`arca repo restore\` (bucket + master key, no services) | $m_repo | ${r_repo[*]} (CPU ${c_repo[*]}) | $(median "${q_repo[@]}")x service (per round: ${q_repo[*]}) |
MD
