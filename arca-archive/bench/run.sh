#!/usr/bin/env bash
# Archive engine benchmark: Arca vs `zstd -3 -T2` and `sha256sum` on the same files, in the same run.
# Usage: arca-archive/bench/run.sh [work-dir=/tmp/arca-bench] [size-MiB=1024]
# Prints markdown for docs/benchmarks.md. Needs zstd and sha256sum on PATH; ~2 x size of disk in work-dir.
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=${1:-/tmp/arca-bench}
SIZE=${2:-1024}
./mvnw -B -q -pl arca-archive -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
    -Dmdep.includeScope=test >/dev/null
CP="arca-archive/target/classes:arca-archive/target/test-classes:$(cat arca-archive/target/bench.classpath)"
JAVA=${JAVA:-$(ls -d /usr/lib/jvm/temurin-25-jdk-amd64 2>/dev/null || true)/bin/java}
[ -x "$JAVA" ] || JAVA=java
echo "## Throughput ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
echo
"$JAVA" -Xmx3g ${BENCH_JAVA_OPTS:-} -cp "$CP" io.arca.archive.bench.ArchiveBenchmark throughput "$DIR" "$SIZE"
echo
echo "## Memory: a 2 GiB entry (text.sql + random.bin) with -Xmx128m"
echo
"$JAVA" -Xmx128m -cp "$CP" io.arca.archive.bench.ArchiveBenchmark memory "$DIR" "$SIZE"
echo
echo "## Memory: the same 2 GiB entry with -Xmx64m (headroom check)"
echo
"$JAVA" -Xmx64m -cp "$CP" io.arca.archive.bench.ArchiveBenchmark memory "$DIR" "$SIZE"
