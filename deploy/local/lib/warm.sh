# shellcheck shell=bash
# Warm workers: the backup-worker starts from an ahead-of-time cache (JDK 25+) that a training run of this very
# build made: the worker runs one small backup and one restore with -XX:AOTCacheOutput, and the JVM writes the
# cache (the classes it loaded and linked, the method profiles of the code the jobs ran) when it exits. A worker
# started from it skips most of the class loading and compiles the hot job code from the recorded profiles instead
# of profiling it again during its first job. deploy/docker/jvm-warm.sh picks the options per JDK (JDK 21: a
# class-data sharing archive the JVM keeps by itself); docs/operations.md, "Warm workers".
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
      warm_train "$1" || { warn "training the worker's AOT cache failed; starting it without (log: $(service_log backup-worker).training)"; return 0; }
    fi
  fi
  WARM_WORKER_OPTS="$("$(warm_script)" use "$1" "$(warm_dir)")"
}

# The training run: a worker that records, one backup and one restore of a small database with every column type
# the dump and the restore handle, in a tenant of its own; then the worker stops and the JVM writes the cache.
warm_train() { # java
  local java="$1" dir log started=$SECONDS
  dir="$(warm_dir)"; log="$(service_log backup-worker).training"
  mkdir -p "$dir"; rm -f "$dir/app.aot" "$dir/app.aot.key"
  log "training the worker's AOT cache (once per build; about a minute)"
  warm_training_database
  service_start backup-worker "$java" "$(admin_key)" "$(master_key)" "$("$(warm_script)" train "$java" "$dir")"
  service_wait backup-worker
  local ok=0
  warm_training_jobs || ok=$?
  # the JVM writes the cache at exit, in a child process it waits for: give it time before stop_pid kills
  stop_pid backup-worker 180
  cp -f "$(service_log backup-worker)" "$log" 2>/dev/null || true
  pg_psql -d postgres -c "DROP DATABASE IF EXISTS arca_aot_training WITH (FORCE)" >/dev/null || true
  pg_psql -d postgres -c "DROP DATABASE IF EXISTS arca_aot_training_restored WITH (FORCE)" >/dev/null || true
  ((ok == 0)) && [[ -s "$dir/app.aot" ]] || return 1
  warm_key "$java" >"$dir/app.aot.key"
  log "worker AOT cache written in $((SECONDS - started))s: $dir/app.aot ($(du -h "$dir/app.aot" | cut -f1))"
}

# Enough rows that the chunking, compression, encryption and COPY loops run hot (about 25 MB).
warm_training_database() {
  pg_psql -d postgres -c "DROP DATABASE IF EXISTS arca_aot_training WITH (FORCE)" >/dev/null
  pg_psql -d postgres -c "CREATE DATABASE arca_aot_training" >/dev/null
  pg_psql -d arca_aot_training >/dev/null <<'SQL'
create table training (
  id bigint primary key, title text, doc jsonb, blob bytea, amount numeric(14,2), at timestamptz, flag boolean);
insert into training
select g, md5(g::text) || repeat(chr(97 + g % 26), g % 60),
       jsonb_build_object('n', g, 'tags', jsonb_build_array('a' || g % 7)), decode(md5(g::text), 'hex'),
       (g * 7.31)::numeric(14,2), timestamptz '2026-01-01' + g * interval '1 second', g % 3 = 0
from generate_series(1, 120000) g;
create index training_title on training (title);
create view training_flagged as select id, title from training where flag;
SQL
}

warm_training_jobs() {
  local key auth source backup restore
  key="$(warm_api POST /api/v1/tenants "" "{\"name\":\"aot-training-$(date +%s)\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["adminKey"]["secret"])')" || return 1
  source="$(warm_api POST /api/v1/sources "$key" "{\"name\":\"aot-training\",\"type\":\"postgresql\",\
\"host\":\"127.0.0.1\",\"port\":$ARCA_PG_PORT,\"database\":\"arca_aot_training\",\"username\":$(json_string "$ARCA_PG_USER"),\
\"password\":$(json_string "$ARCA_PG_PASSWORD"),\"sslMode\":\"disable\"}" | json_field id)" || return 1
  backup="$(warm_api POST /api/v1/backups "$key" "{\"sourceId\":\"$source\",\"type\":\"full\",\
\"compression\":{\"algorithm\":\"zstd\",\"level\":3},\"encrypt\":true}" | json_field id)" || return 1
  warm_wait backups "$backup" "$key" || return 1
  restore="$(warm_api POST /api/v1/restores "$key" "{\"backupId\":\"$backup\",\
\"target\":{\"sourceId\":\"$source\",\"database\":\"arca_aot_training_restored\"}}" | json_field id)" || return 1
  warm_wait restores "$restore" "$key"
}

warm_api() { # method path key(empty: the bootstrap admin) [body] -> body on stdout; fails on an HTTP error
  local args=(-fsS -X "$1" -H "Authorization: Bearer ${3:-$(admin_key)}" -H 'Content-Type: application/json' --max-time 30)
  [[ -n "${4:-}" ]] && args+=(--data-binary "$4")
  curl "${args[@]}" "$(service_url "$ARCA_API_PORT")$2"
}

warm_wait() { # kind id key: until the job ends (5 minutes at most); fails unless it completed
  local deadline=$((SECONDS + 300)) state
  while ((SECONDS < deadline)); do
    state="$(warm_api GET "/api/v1/$1/$2" "$3" | json_field state)" || return 1
    case "$state" in
      completed) return 0 ;;
      failed|cancelled) warn "training: $1 $2 $state"; return 1 ;;
    esac
    sleep 0.5
  done
  warn "training: $1 $2 did not finish in 5 minutes"; return 1
}
