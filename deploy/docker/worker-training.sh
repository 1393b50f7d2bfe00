#!/bin/sh
# worker-training.sh — the backup-worker image's training run, at image build (deploy/docker/backup-worker.Dockerfile).
# The build has no PostgreSQL, Kafka or S3, so the worker is started as it starts in production, pointed at nothing
# (it becomes ready-to-retry rather than failing: every dependency is retried), stopped once it reports started,
# and the JVM writes the cache of everything start-up loaded and linked when it exits (deploy/docker/jvm-warm.sh
# picks the kind per JDK). The options that use it go to <cache-dir>/jvm.opts, which the entrypoint reads: computed
# here once, since the image's JDK is fixed, rather than by starting a JVM at every container start.
# A training run that fails leaves an empty jvm.opts: the image then starts cold, never not at all.
#
#   worker-training.sh <cache-dir> <jar>     (JAVA_OPTS as the container runs the worker; JAVA, default java;
#                                             TRAINING_PORT, default 8081: arca-local sets both)
set -eu
dir="$1" jar="$2"
here="$(dirname "$0")"
mkdir -p "$dir"
: >"$dir/jvm.opts"
java="${JAVA:-java}" port="${TRAINING_PORT:-8081}"
train="$("$here/jvm-warm.sh" train "$java" "$dir")"
[ -n "$train" ] || { echo "worker-training: this JDK has no cache to train; the worker starts cold"; exit 0; }

# shellcheck disable=SC2086 # JAVA_OPTS and the training options are lists of options
env ARCA_SECURITY_MASTER_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= \
    QUARKUS_MINIO_ACCESS_KEY=training QUARKUS_MINIO_SECRET_KEY=training-secret \
    QUARKUS_MINIO_HOST=http://127.0.0.1:9 QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:9/arca \
    KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9 QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" \
  "$java" ${JAVA_OPTS:-} $train -jar "$jar" >"$dir/training.log" 2>&1 &
pid=$!
i=0
until curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/started" 2>/dev/null; do
  i=$((i + 1))
  if [ "$i" -gt 300 ] || ! kill -0 "$pid" 2>/dev/null; then break; fi
  sleep 1
done
kill -TERM "$pid" 2>/dev/null || true
wait "$pid" || true

if [ -s "$dir/app.aot" ] || [ -s "$dir/app.jsa" ]; then
  "$here/jvm-warm.sh" use "$java" "$dir" >"$dir/jvm.opts"
  echo "worker-training: cache written ($(du -sh "$dir" | cut -f1)); the worker starts with: $(cat "$dir/jvm.opts")"
else
  tail -n 30 "$dir/training.log"
  echo "worker-training: WARNING: no cache was written; the worker starts cold"
fi
