# shellcheck shell=bash
# Warm workers: the backup-worker starts from an ahead-of-time cache (JDK 25+) that a training run of this very
# build made (the classes its start-up loaded and linked), as the image does: ready in about 60% of the time.
# deploy/docker/jvm-warm.sh picks the options per JDK (JDK 21: a class-data sharing archive the JVM keeps by
# itself); docs/operations.md, "Warm workers".
#
# ARCA_WORKER_AOT=train (default): train when the cache is missing or stale, then use it
#                 use:   use the cache if it is current, never train (a stale one is left unused)
#                 off:   start the worker without any cache

warm_dir() { printf '%s/aot/backup-worker' "$ARCA_LOCAL_DIR"; }
warm_script() { printf '%s/deploy/docker/jvm-warm.sh' "$ARCA_REPO"; }

# What the cache was made from: the JDK, the worker's JVM options and every file of the packaged worker (path,
# size, modification time). A cache made from anything else is stale: the JVM would reject a changed class path
# itself, but not a changed option or a rebuilt jar of the same size and time, so the launcher does not rely on it.
warm_key() { # java
  {
    "$1" -version 2>&1
    printf '%s %s\n' "$(service_java_opts backup-worker)" "${ARCA_JAVA_OPTS:-}"
    (cd "$ARCA_REPO/backup-worker/target/quarkus-app" && find . -type f ! -name '*.aot*' -printf '%P %s %T@\n' | sort)
  } | sha256sum | cut -c1-64
}

warm_current() { # java
  [[ -f "$(warm_dir)/app.aot" && "$(cat "$(warm_dir)/app.aot.key" 2>/dev/null)" == "$(warm_key "$1")" ]]
}

# Sets WARM_WORKER_OPTS to the options the worker starts with (none when ARCA_WORKER_AOT=off, or a stale cache under
# `use`); trains first when the cache is missing or stale. A variable, not output: training starts a worker.
warm_worker_opts() { # java
  local mode="${ARCA_WORKER_AOT:-train}"
  WARM_WORKER_OPTS=""
  # a running worker is left as it is (service_start will say so): never train behind its back
  is_running backup-worker && return 0
  case "$mode" in
    off) return 0 ;;
    train|use) ;;
    *) die "ARCA_WORKER_AOT=$mode: expected train, use or off" ;;
  esac
  if (( $(java_major "$1") >= 25 )); then
    if ! warm_current "$1"; then
      [[ "$mode" == train ]] || { warn "the worker's AOT cache is missing or stale; starting it without"; return 0; }
      warm_train "$1" || { warn "training the worker's AOT cache failed; starting it without (log: $(warm_dir)/training.log)"; return 0; }
    fi
  fi
  WARM_WORKER_OPTS="$("$(warm_script)" use "$1" "$(warm_dir)")"
}

# The training run, the image's (deploy/docker/worker-training.sh): the worker starts once with -XX:AOTCacheOutput,
# pointed at nothing, and is stopped once started; the JVM writes the cache of its start-up at exit. Training it on
# jobs too (a backup and a restore of a small database) was measured and dropped: the cache grew from 86 to 98 MB,
# the worker took longer to become ready (its recorded profiles queue compilations at start) and the first job cost
# the worker as much CPU as without a cache (docs/benchmarks.md, "Warm workers").
warm_train() { # java
  local java="$1" dir started=$SECONDS
  dir="$(warm_dir)"
  mkdir -p "$dir"; rm -f "$dir/app.aot" "$dir/app.aot.key"
  log "training the worker's AOT cache (once per build; under a minute)"
  port_busy_check "$ARCA_WORKER_PORT" "the worker's training run"
  # shellcheck disable=SC2046 # lists of options
  JAVA="$java" TRAINING_PORT="$ARCA_WORKER_PORT" JAVA_OPTS="$(service_java_opts backup-worker) ${ARCA_JAVA_OPTS:-}" \
    "$ARCA_REPO/deploy/docker/worker-training.sh" "$dir" "$(service_jar backup-worker)" >&2 || return 1
  [[ -s "$dir/app.aot" ]] || return 1
  warm_key "$java" >"$dir/app.aot.key"
  log "worker AOT cache written in $((SECONDS - started))s: $dir/app.aot ($(du -h "$dir/app.aot" | cut -f1))"
}
