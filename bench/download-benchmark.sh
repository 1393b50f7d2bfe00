#!/usr/bin/env bash
# Download benchmark: a backup fetched through a download link against making the file yourself, in one run.
#
#   bench/download-benchmark.sh [scale] [rounds]   (default scale 50, as bench/e2e-benchmark.sh; 3 rounds)
#
# Uses the local instance of deploy/local/arca-local (starts it with `up` if needed), (re)creates arca_bench as the
# e2e benchmark does, takes one Arca backup of it (zstd 3, encrypted), then times, interleaved per round:
#   pg_dump -Fp > /dev/null            | curl of the link for format sql, compression none (-o /dev/null)
#   pg_dump -Fp | gzip -6 > /dev/null  | curl of the link for format sql, compression gzip
# after one untimed-in-the-medians download of each link (the JIT warm-up of the API's read path, reported apart).
# Then 4 concurrent uncompressed downloads while sampling the API's heap (its /q/metrics, every 0.25 s; arca-local
# runs the API with -Xmx256m) and prints the peak. Prints markdown; paste it into docs/benchmarks.md.
set -euo pipefail
scale="${1:-50}"
rounds="${2:-3}"
source "$(dirname "$0")/lib/common.sh"
prepare_bench_db
new_tenant download-bench
read -r _ _ _ _ backup_id < <(arca_backup)
echo "== backup $backup_id of arca_bench ($db_mb MB)" >&2

link() { # compression -> absolute URL of a one-hour link for format sql
  local url
  url=$(curl -sf "${auth[@]}" -X POST "$ARCA_URL/api/v1/backups/$backup_id/download-links" \
    -d "{\"format\":\"sql\",\"compression\":\"$1\",\"expiresInSeconds\":3600}" | json "d['url']")
  [[ $url == /* ]] && url="$ARCA_URL$url"
  echo "$url"
}
url_plain=$(link none)
url_gzip=$(link gzip)
# the download must be the whole script: its bytes equal the link's Content-Length, and it ends with post-data
plain_len=$(curl -sfI "$url_plain" | tr -d '\r' | sed -n 's/^[Cc]ontent-[Ll]ength: //p')

dump_plain() { clock_start; "$pgbin/pg_dump" -Fp -h "$ARCA_PG_HOST" -p "$ARCA_PG_PORT" -U "$ARCA_PG_USER" arca_bench >/dev/null; clock_stop; }
dump_gzip() { clock_start; "$pgbin/pg_dump" -Fp -h "$ARCA_PG_HOST" -p "$ARCA_PG_PORT" -U "$ARCA_PG_USER" arca_bench | gzip -6 >/dev/null; clock_stop; }
fetch() { # url -> sets wall, cpu, got (bytes)
  clock_start; got=$(curl -sf -o /dev/null -w '%{size_download}' "$1"); clock_stop
}

# The first downloads are reported apart: a freshly started API also pays for JIT compilation of the read path
# (measured: 1.8 s against 0.5-0.8 s warm for the scale-10 script), as the worker's first backup does in the e2e
# benchmark. A long-running API serves the later ones.
fetch "$url_plain"; t_first_plain=$wall
fetch "$url_gzip"; t_first_gzip=$wall
declare -a r_pd r_dl r_pg r_dg
for r in $(seq 1 "$rounds"); do
  dump_plain; r_pd+=("$wall")
  fetch "$url_plain"; r_dl+=("$wall")
  [[ $got == "$plain_len" ]] || { echo "download of $got bytes, Content-Length said $plain_len" >&2; exit 1; }
  dump_gzip; r_pg+=("$wall")
  fetch "$url_gzip"; r_dg+=("$wall")
  echo "round $r: pg_dump -Fp ${r_pd[-1]} s, sql download ${r_dl[-1]} s, pg_dump -Fp | gzip -6 ${r_pg[-1]} s, sql.gz download ${r_dg[-1]} s" >&2
done

# used heap (garbage included) and the old generation (what survived collections): peaks over the samples
heap() { curl -sf "$ARCA_URL/q/metrics" | awk '/^jvm_memory_used_bytes\{.*area="heap"/{s+=$NF} /^jvm_memory_used_bytes\{.*Old Gen/{o+=$NF} END{printf "%d %d\n", s, o}'; }
peak=0; peak_old=0
settle
for _ in 1 2 3 4; do curl -sf -o /dev/null "$url_plain" & done
while [[ -n $(jobs -rp) ]]; do
  read -r h o < <(heap || echo "0 0"); (( h > peak )) && peak=$h; (( o > peak_old )) && peak_old=$o
  sleep 0.25
done
wait

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { python3 -c "print(f'{$1/max($2,0.001):.2f}')"; }
m_pd=$(median "${r_pd[@]}"); m_dl=$(median "${r_dl[@]}"); m_pg=$(median "${r_pg[@]}"); m_dg=$(median "${r_dg[@]}")
cat <<EOF

Database arca_bench, scale $scale ($db_mb MB), $rounds interleaved rounds; plain script $((plain_len / 1048576)) MiB.

| step | median wall s | rounds | ratio |
|---|---|---|---|
| \`pg_dump -Fp > /dev/null\` | $m_pd | ${r_pd[*]} | |
| sql download (\`curl -o /dev/null\`) | $m_dl | ${r_dl[*]} | $(ratio "$m_pd" "$m_dl")x pg_dump speed |
| \`pg_dump -Fp \| gzip -6 > /dev/null\` | $m_pg | ${r_pg[*]} | |
| sql.gz download | $m_dg | ${r_dg[*]} | $(ratio "$m_pg" "$m_dg")x pg_dump \| gzip speed |

First downloads after the rounds' links were made (warm-up, not in the medians): sql $t_first_plain s, sql.gz $t_first_gzip s.

API heap during 4 concurrent uncompressed downloads (-Xmx256m): peak used $((peak / 1048576)) MiB, of which old generation $((peak_old / 1048576)) MiB (sampled every 0.25 s).
EOF
