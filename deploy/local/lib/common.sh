# shellcheck shell=bash
# Shared helpers for arca-local: configuration, logging, PID files, waiting, Java and JSON.
# Sourced by deploy/local/arca-local; expects ARCA_REPO and ARCA_LOCAL_HOME to be set.

log()  { printf '[arca-local] %s\n' "$*" >&2; }
warn() { printf '[arca-local] WARNING: %s\n' "$*" >&2; }
die()  { printf '[arca-local] ERROR: %s\n' "$*" >&2; exit 1; }

# Configuration from the environment, with the documented defaults. Called once at start-up and again by
# `test`, which points everything at a separate instance.
load_config() {
  ARCA_LOCAL_DIR="${ARCA_LOCAL_DIR:-$ARCA_REPO/.arca-local}"
  ARCA_PG_PORT="${ARCA_PG_PORT:-55432}"
  ARCA_PG_USER="${ARCA_PG_USER:-arca}"
  ARCA_PG_PASSWORD="${ARCA_PG_PASSWORD:-arca-local}"
  ARCA_KAFKA_PORT="${ARCA_KAFKA_PORT:-59092}"
  ARCA_KAFKA_CONTROLLER_PORT="${ARCA_KAFKA_CONTROLLER_PORT:-59093}"
  ARCA_S3_PORT="${ARCA_S3_PORT:-59000}"
  ARCA_S3_ACCESS_KEY="${ARCA_S3_ACCESS_KEY:-arca-local}"
  ARCA_S3_SECRET_KEY="${ARCA_S3_SECRET_KEY:-arca-local-secret}"
  ARCA_S3_REGION="${ARCA_S3_REGION:-us-east-1}"
  ARCA_API_PORT="${ARCA_API_PORT:-8080}"
  ARCA_WORKER_PORT="${ARCA_WORKER_PORT:-8081}"
  ARCA_SCHEDULER_PORT="${ARCA_SCHEDULER_PORT:-8082}"
  # The address the three services listen on. Loopback by default: `up` prints the bootstrap admin key, and an API
  # on every interface would hand the whole instance to anyone on the network. PostgreSQL, Kafka and S3Proxy always
  # listen on 127.0.0.1 only.
  # (what the environment asked for is kept apart: a running instance's settings win for `env` and `status`, but
  # services started anew listen where they are told, see services_up)
  ARCA_BIND_ADDRESS_ASKED="${ARCA_BIND_ADDRESS:-}"
  ARCA_BIND_ADDRESS="${ARCA_BIND_ADDRESS:-127.0.0.1}"
  # Jar caches are shared by every instance (the developer's and the test run's), so a test run does not
  # copy 75 MB of jars again.
  ARCA_LOCAL_CACHE="${ARCA_LOCAL_CACHE:-$ARCA_REPO/.arca-local/cache}"
  ARCA_PG_BIN="${ARCA_PG_BIN:-/usr/lib/postgresql/15/bin}"
  # Fixed so the broker can be stopped and started on the same data directory (KRaft refuses another id).
  ARCA_KAFKA_CLUSTER_ID="${ARCA_KAFKA_CLUSTER_ID:-YXJjYS1sb2NhbC1rYWZrYQ}"
  ARCA_INSTANCE_FILE="$ARCA_LOCAL_DIR/instance.env"
  ARCA_PID_DIR="$ARCA_LOCAL_DIR/pids"
}

# The settings a running instance was started with win over the current environment, so `env`, `status`
# and `down` describe the instance that is really there.
load_instance_settings() {
  if [[ -f "$ARCA_INSTANCE_FILE" ]] && any_component_running; then
    # shellcheck disable=SC1090
    source "$ARCA_INSTANCE_FILE"
  fi
}

save_instance_settings() {
  mkdir -p "$ARCA_LOCAL_DIR"
  {
    local name
    for name in ARCA_PG_PORT ARCA_PG_USER ARCA_PG_PASSWORD ARCA_KAFKA_PORT ARCA_KAFKA_CONTROLLER_PORT \
        ARCA_S3_PORT ARCA_S3_ACCESS_KEY ARCA_S3_SECRET_KEY ARCA_S3_REGION \
        ARCA_API_PORT ARCA_WORKER_PORT ARCA_SCHEDULER_PORT ARCA_BIND_ADDRESS; do
      printf '%s=%q\n' "$name" "${!name}"
    done
  } >"$ARCA_INSTANCE_FILE"
  chmod 600 "$ARCA_INSTANCE_FILE"
}

# ---- PID files -------------------------------------------------------------------------------------------
# A component is "running" when its PID file names a live process whose command line still contains the
# marker recorded with it (guards against a recycled PID after a reboot or crash).

pid_file() { printf '%s/%s.pid' "$ARCA_PID_DIR" "$1"; }

pid_of() {
  local file; file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  local pid marker
  pid="$(sed -n 1p "$file")"; marker="$(sed -n 2p "$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -n "$marker" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"; then
    return 1
  fi
  printf '%s' "$pid"
}

is_running() { pid_of "$1" >/dev/null; }

record_pid() { # name pid marker
  mkdir -p "$ARCA_PID_DIR"
  printf '%s\n%s\n' "$2" "$3" >"$(pid_file "$1")"
}

any_component_running() {
  local c
  for c in postgres kafka s3proxy api-service backup-worker scheduler-service; do
    is_running "$c" && return 0
  done
  return 1
}

# Starts a command detached from this shell (own session, so Ctrl-C or a CI job's process-group kill of
# the launcher does not take it down) and records its PID. The marker must appear in the command line.
start_detached() { # name marker logfile workdir cmd...
  local name="$1" marker="$2" logfile="$3" workdir="$4"; shift 4
  local pidtmp="$ARCA_PID_DIR/$name.starting"
  mkdir -p "$ARCA_PID_DIR" "$(dirname "$logfile")"
  rm -f "$pidtmp"
  # The background subshell exec()s setsid, which (not being a group leader) makes a new session in place and
  # exec()s bash; bash writes its PID and exec()s the command, so the recorded PID is the command's own. No
  # shell is left waiting on it, and nothing keeps the caller's stdout open (a `... | tail` returns).
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner bash
  (cd "$workdir" && exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$pidtmp" "$@" >>"$logfile" 2>&1 </dev/null 8>&-) &
  local i
  for ((i = 0; i < 50; i++)); do
    [[ -s "$pidtmp" ]] && break
    sleep 0.1
  done
  [[ -s "$pidtmp" ]] || die "$name did not start (see $logfile)"
  record_pid "$name" "$(cat "$pidtmp")" "$marker"
  rm -f "$pidtmp"
}

# Stops a component by its recorded PID: TERM, then KILL after the grace period.
stop_pid() { # name [grace-seconds]
  local name="$1" grace="${2:-30}" pid
  if ! pid="$(pid_of "$name")"; then
    rm -f "$(pid_file "$name")"
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < grace * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name (pid $pid) did not stop in ${grace}s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$(pid_file "$name")"
}

# ---- waiting ---------------------------------------------------------------------------------------------

port_open() { # port
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

port_busy_check() { # port what
  if port_open "$1"; then
    die "port $1 (for $2) is already in use by another process; choose another with the environment variables (see arca-local help)"
  fi
}

# wait_until <seconds> <description> <name-of-process-or-empty> <logfile> <command...>
wait_until() {
  local timeout="$1" what="$2" name="$3" logfile="$4"; shift 4
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if [[ -n "$name" ]] && ! is_running "$name"; then
      tail -n 40 "$logfile" >&2 2>/dev/null || true
      die "$what: the process exited during start-up (log: $logfile)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 40 "$logfile" >&2 2>/dev/null || true
      die "$what: not ready after ${timeout}s (log: $logfile)"
    fi
    sleep 0.3
  done
}

# ---- Java ------------------------------------------------------------------------------------------------

java_major() { # java-executable
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | sed 's/^1\.//'
}

# A java >= $1: JAVA_HOME, then `java` on PATH, then the newest JDK under /usr/lib/jvm (as ./mvnw does).
find_java() { # min-major
  local min="$1" candidate best="" best_major=0 major
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null || true)"; do
    [[ -n "$candidate" && -x "$candidate" ]] || continue
    major="$(java_major "$candidate")"
    if [[ "$major" =~ ^[0-9]+$ ]] && ((major >= min)); then
      printf '%s' "$candidate"; return 0
    fi
  done
  for candidate in /usr/lib/jvm/*/bin/java /opt/java/*/bin/java; do
    [[ -x "$candidate" ]] || continue
    major="$(java_major "$candidate")"
    if [[ "$major" =~ ^[0-9]+$ ]] && ((major >= min && major > best_major)); then
      best="$candidate"; best_major="$major"
    fi
  done
  [[ -n "$best" ]] || die "no Java >= $min found (set JAVA_HOME)"
  printf '%s' "$best"
}

# ---- JSON (jq when installed, else python3) --------------------------------------------------------------

# json_field <field> : prints a top-level field of the JSON document on stdin ("" when absent).
json_field() {
  if command -v jq >/dev/null 2>&1; then
    jq -r --arg f "$1" '.[$f] // empty'
  else
    python3 -c 'import json,sys
d=json.load(sys.stdin); v=d.get(sys.argv[1]) if isinstance(d,dict) else None
print("" if v is None else (json.dumps(v) if isinstance(v,(dict,list)) else v))' "$1"
  fi
}

# json_find_id_by_name <name> : id of the element named <name> in a JSON array, or in {"items"|"content"|"data": [...]}.
json_find_id_by_name() {
  python3 -c 'import json,sys
d=json.load(sys.stdin)
if isinstance(d,dict):
    for k in ("items","content","data","sources","results"):
        if isinstance(d.get(k),list): d=d[k]; break
for e in (d if isinstance(d,list) else []):
    if isinstance(e,dict) and e.get("name")==sys.argv[1]: print(e.get("id","")); break' "$1"
}

json_pretty() {
  python3 -m json.tool 2>/dev/null || cat
}

# Copies the runtime jars of deploy/local/infra/<name>/pom.xml into a cache directory keyed by the POM's hash,
# so a changed POM gets fresh jars and an unchanged one costs nothing. Prints the directory.
resolve_jars() { # name
  local name="$1" pom="$ARCA_LOCAL_HOME/infra/$1/pom.xml" hash dir
  hash="$(sha256sum "$pom" | cut -c1-12)"
  dir="$ARCA_LOCAL_CACHE/$name-$hash"
  if [[ ! -f "$dir/.complete" ]]; then
    log "resolving $name jars from Maven Central (first run only) into $dir"
    rm -rf "$dir"; mkdir -p "$dir/lib"
    (cd "$ARCA_LOCAL_HOME/infra/$name" && "$ARCA_REPO/mvnw" -B -q dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$dir/lib" >"$dir/resolve.log" 2>&1) \
      || { cat "$dir/resolve.log" >&2; die "could not resolve the $name jars"; }
    touch "$dir/.complete"
  fi
  printf '%s' "$dir"
}

# The command-line tools the tests run as a user would (decompressing downloads and exports, unpacking the archive
# format); installed from Debian when missing and running as root.
ensure_test_tools() {
  local missing=() tool
  for tool in zstd gzip tar; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  ((${#missing[@]})) || return 0
  [[ $EUID -eq 0 ]] || die "the tests need ${missing[*]}: install them (Debian: apt-get install ${missing[*]})"
  log "installing ${missing[*]} (apt-get install)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null || die "could not install ${missing[*]}"
}
