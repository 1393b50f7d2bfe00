#!/bin/sh
# jvm-warm.sh — the JVM options that start a Java service warm from a cache a training run left behind, chosen by
# the JDK that runs it. Used by the backup-worker image (deploy/docker/backup-worker.Dockerfile) and by arca-local
# (deploy/local/lib/warm.sh). POSIX sh: the image has no bash.
#
#   jvm-warm.sh use   <java> <cache-dir>   options that use the cache in <cache-dir> (prints nothing when none fits)
#   jvm-warm.sh train <java> <cache-dir>   options for a training run that writes it when the JVM exits
#
# JDK 25 and newer: an ahead-of-time cache, <cache-dir>/app.aot (JEP 483 classes loaded and linked, JEP 515 method
#   profiles; written by -XX:AOTCacheOutput, JEP 514). Used only when the file exists: -XX:AOTCache with the default
#   -XX:AOTMode=auto, under which a cache that does not match (another JDK build, changed jars, a damaged file) is
#   reported and ignored, never a reason not to start.
# JDK 19 to 24: a dynamic class-data sharing archive, <cache-dir>/app.jsa, kept by the JVM itself
#   (-XX:+AutoCreateSharedArchive: read when it matches, re-written at exit when it is missing or stale). JDK 24's
#   AOT cache has no method profiles and no one-step training, so the archive serves it as it serves 21.
# Older JDKs (Arca needs 21; the options would not exist): nothing.
set -eu

usage() {
  echo "usage: jvm-warm.sh use|train <java> <cache-dir>" >&2
  exit 2
}

[ "$#" -eq 3 ] || usage
mode="$1" java="$2" dir="$3"

major="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | sed 's/^1\.//')"
case "$major" in
  ''|*[!0-9]*) echo "jvm-warm.sh: cannot tell the version of $java" >&2; exit 1 ;;
esac

case "$mode" in
  use)
    if [ "$major" -ge 25 ]; then
      if [ -f "$dir/app.aot" ]; then echo "-XX:AOTCache=$dir/app.aot"; fi
    elif [ "$major" -ge 19 ]; then
      echo "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$dir/app.jsa"
    fi ;;
  train)
    if [ "$major" -ge 25 ]; then
      echo "-XX:AOTCacheOutput=$dir/app.aot"
    elif [ "$major" -ge 19 ]; then
      echo "-XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=$dir/app.jsa"
    fi ;;
  *) usage ;;
esac
