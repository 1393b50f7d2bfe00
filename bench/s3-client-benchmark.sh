#!/usr/bin/env bash
# S3 client benchmark: the MinIO Java client 8.6 (S3ObjectStore) against the AWS SDK v2 client (AwsS3ObjectStore)
# behind the same ObjectStore interface, A/B interleaved in one run, against the local S3 server (S3Proxy).
#
#   bench/s3-client-benchmark.sh [rounds] [MiB per phase] [put threads] [get threads]   (default 5 384 4 8)
#
# Starts only the S3 server of the arca-local instance (`arca-local infra start s3`, the instance named by
# ARCA_LOCAL_DIR and ARCA_S3_PORT, as for every bench script) unless it runs already, and stops it again if it
# started it. Each round runs each client once, in alternating order, each in a JVM of its own (-Xmx256m, the
# worker's heap): an untimed warm-up, then puts of chunk-sized objects (256 KiB-4 MiB, random bytes) from
# `put threads` threads (the writer's 4 uploads in flight), then gets of them all from `get threads` threads (a
# restore of 2 tables reads 2 x 4 chunks ahead). Reports medians over the rounds: MB/s, CPU seconds of the client
# process and of the S3 server per phase, and the load average seen. Prints markdown; paste it into
# docs/benchmarks.md.
set -euo pipefail
rounds="${1:-5}"
mib="${2:-384}"
put_threads="${3:-4}"
get_threads="${4:-8}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
launcher="$repo/deploy/local/arca-local"
work="$(mktemp -d /tmp/arca-s3-bench.XXXXXX)"
started_s3=false
cleanup() {
  if $started_s3; then "$launcher" infra stop s3 >&2 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

eval "$("$launcher" env)"
pid_file="${ARCA_LOCAL_DIR:-$repo/.arca-local}/pids/s3proxy.pid"
if ! curl -s -o /dev/null --max-time 2 "$ARCA_S3_ENDPOINT/"; then
  "$launcher" infra start s3 >&2
  started_s3=true
fi
s3_pid="$(sed -n 1p "$pid_file")"

echo "== building arca-archive's test classes" >&2
# one invocation, so the reactor's own modules (arca-common, arca-test-support) resolve to their target/classes;
# each module writes the file, arca-archive (the last) wins
(cd "$repo" && ./mvnw -B -q -o -pl arca-archive -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >&2)
cp="$repo/arca-archive/target/test-classes:$repo/arca-archive/target/classes:$(cat "$work/cp.txt")"
source "$repo/deploy/local/lib/common.sh"
java="$(find_java 21)"

one() { # client -> appends its result line to $work/results
  "$java" -Xmx256m -XX:+UseG1GC -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" io.arca.archive.store.S3ClientBenchmark "$1" "$ARCA_S3_ENDPOINT" \
    "$ARCA_S3_ACCESS_KEY" "$ARCA_S3_SECRET_KEY" "${ARCA_S3_REGION:-us-east-1}" arca-s3-client-bench "$mib" \
    "$put_threads" "$get_threads" "$s3_pid" | tee -a "$work/results" >&2
}
loads=()
for r in $(seq 1 "$rounds"); do
  if ((r % 2)); then order=(minio aws); else order=(aws minio); fi
  for c in "${order[@]}"; do one "$c"; done
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
  echo "round $r done, load average ${loads[-1]}" >&2
done

python3 - "$work/results" "$rounds" "$mib" "$put_threads" "$get_threads" "${loads[*]}" <<'PY'
import statistics, sys
path, rounds, mib, pt, gt, loads = sys.argv[1:]
runs = {}
for line in open(path):
    d = dict(kv.split('=') for kv in line.split())
    runs.setdefault(d['client'], []).append(d)
def med(c, k): return statistics.median(float(d[k]) for d in runs[c])
name = {'minio': 'MinIO Java client 8.6.0 (S3ObjectStore)', 'aws': 'AWS SDK v2 2.57.8, apache5 (AwsS3ObjectStore)'}
print(f"{rounds} rounds, {mib} MiB per phase ({runs['minio'][0]['objects']} objects of 256 KiB-4 MiB), "
      f"{pt} put / {gt} get threads; load average at the end of each round: {loads}\n")
print("| client | put MB/s | put CPU s (client) | put CPU s (S3 server) | get MB/s | get CPU s (client) | get CPU s (S3 server) |")
print("|---|---|---|---|---|---|---|")
for c in ('minio', 'aws'):
    mb = float(runs[c][0]['mib']) * 1.048576
    print(f"| {name[c]} | {mb / med(c, 'put_s'):.0f} | {med(c, 'put_cpu'):.2f} | {med(c, 's3_put_cpu'):.2f} "
          f"| {mb / med(c, 'get_s'):.0f} | {med(c, 'get_cpu'):.2f} | {med(c, 's3_get_cpu'):.2f} |")
print("\nper round (put s / get s):")
for c in ('minio', 'aws'):
    print(f"- {c}: " + ", ".join(f"{float(d['put_s']):.2f}/{float(d['get_s']):.2f}" for d in runs[c]))
PY
