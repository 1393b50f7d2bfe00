# shellcheck shell=bash disable=SC2153  # ARCA_* settings come from load_config in common.sh
# A throwaway PostgreSQL 15 cluster (Debian's packages): own data directory, port and socket directory.

# The cluster lives in $ARCA_LOCAL_DIR/postgres, unless the postgres user cannot reach that directory (a checkout
# under /root, mode 0700, is common in CI): then under /var/tmp, keyed by the instance directory.
pg_dir() {
  if [[ -z "${ARCA_PG_DIR:-}" ]]; then
    ARCA_PG_DIR="$ARCA_LOCAL_DIR/postgres"
    if [[ $EUID -eq 0 ]] && ! runuser -u postgres -- test -x "$ARCA_LOCAL_DIR" 2>/dev/null; then
      ARCA_PG_DIR="/var/tmp/arca-local-postgres/$(printf '%s' "$ARCA_LOCAL_DIR" | sha256sum | cut -c1-12)"
    fi
  fi
  printf '%s' "$ARCA_PG_DIR"
}
pg_data()   { printf '%s/data' "$(pg_dir)"; }
pg_socket() { printf '%s/run' "$(pg_dir)"; }
pg_log()    { printf '%s/postgres.log' "$(pg_dir)"; }

# The server refuses to run as root: as root, run its tools as the postgres user.
pg_as_owner() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_ensure_installed() {
  if [[ -x "$ARCA_PG_BIN/initdb" ]]; then
    return 0
  fi
  if [[ $EUID -ne 0 ]]; then
    die "PostgreSQL 15 is not installed ($ARCA_PG_BIN/initdb missing): install the 'postgresql' package (Debian 12) or set ARCA_PG_BIN"
  fi
  log "installing PostgreSQL 15 (apt-get install postgresql)"
  dpkg -s postgresql-15 >/dev/null 2>&1 || {
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  } || die "could not install PostgreSQL"
  [[ -x "$ARCA_PG_BIN/initdb" ]] || die "PostgreSQL installed but $ARCA_PG_BIN/initdb is missing (set ARCA_PG_BIN)"
}

# psql over the Unix socket (trust auth): used by the launcher itself, never by the services.
pg_psql() { # psql args...
  pg_as_owner "$ARCA_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$(pg_socket)" -p "$ARCA_PG_PORT" -U "$ARCA_PG_USER" "$@"
}

pg_ready() {
  "$ARCA_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$ARCA_PG_PORT" -d postgres
}

pg_init() {
  local data; data="$(pg_data)"
  [[ -f "$data/PG_VERSION" ]] && return 0
  log "initialising a PostgreSQL cluster in $data"
  mkdir -p "$(pg_dir)" "$(pg_socket)"
  [[ "$(pg_dir)" == "$ARCA_LOCAL_DIR/postgres" ]] || log "the postgres user cannot reach $ARCA_LOCAL_DIR: cluster in $(pg_dir)"
  rm -rf "$data"
  local pwfile; pwfile="$(pg_dir)/.initpw"
  printf '%s\n' "$ARCA_PG_PASSWORD" >"$pwfile"
  if [[ $EUID -eq 0 ]]; then
    chown -R postgres:postgres "$(pg_dir)"
  fi
  chmod 700 "$(pg_dir)"
  # Local (socket) connections are trusted: only the launcher uses the socket, and its directory is 0700.
  # TCP connections need the password, as in production.
  pg_as_owner "$ARCA_PG_BIN/initdb" -D "$data" -U "$ARCA_PG_USER" --pwfile="$pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$(pg_dir)/initdb.log" 2>&1 \
    || { rm -f "$pwfile"; cat "$(pg_dir)/initdb.log" >&2; die "initdb failed"; }
  rm -f "$pwfile"
  cat >>"$data/postgresql.conf" <<EOF

# ---- arca-local: a throwaway cluster for development and tests ----
listen_addresses = '127.0.0.1'
port = $ARCA_PG_PORT
unix_socket_directories = '$(pg_socket)'
# durability is not needed for throwaway data; this makes tests much faster
fsync = off
synchronous_commit = off
full_page_writes = off
# three services with connection pools, plus tests that open their own
max_connections = 300
shared_buffers = 128MB
max_wal_size = 1GB
log_min_messages = warning
log_connections = off
EOF
}

pg_up() {
  pg_ensure_installed
  ARCA_PG_DIR="$(pg_dir)"   # resolved once, now that the postgres user and $ARCA_LOCAL_DIR exist
  if is_running postgres; then
    log "PostgreSQL already running on 127.0.0.1:$ARCA_PG_PORT (pid $(pid_of postgres))"
  else
    port_busy_check "$ARCA_PG_PORT" PostgreSQL
    pg_init
    # the port lives in postgresql.conf from initdb; keep it in step with the requested port
    sed -i "s/^port = .*/port = $ARCA_PG_PORT/" "$(pg_data)/postgresql.conf"
    mkdir -p "$(pg_socket)"; [[ $EUID -eq 0 ]] && chown postgres:postgres "$(pg_socket)"
    log "starting PostgreSQL on 127.0.0.1:$ARCA_PG_PORT"
    # 8>&-: the server must not inherit the test run's lock (see run_tests)
    pg_as_owner "$ARCA_PG_BIN/pg_ctl" -D "$(pg_data)" -l "$(pg_log)" -w -t 60 -s start 8>&- \
      || { tail -n 30 "$(pg_log)" >&2; die "PostgreSQL did not start (log: $(pg_log))"; }
    record_pid postgres "$(head -n 1 "$(pg_data)/postmaster.pid")" "$(pg_data)"
  fi
  wait_until 30 PostgreSQL postgres "$(pg_log)" pg_ready
  # The password follows ARCA_PG_PASSWORD even when the cluster was initialised with another one.
  pg_psql -d postgres -c "ALTER ROLE \"$ARCA_PG_USER\" PASSWORD '${ARCA_PG_PASSWORD//\'/\'\'}'" >/dev/null
  if [[ "$(pg_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'arca'")" != 1 ]]; then
    pg_psql -d postgres -c 'CREATE DATABASE arca' >/dev/null
    log "created the catalog database 'arca'"
  fi
}

pg_down() {
  is_running postgres || { rm -f "$(pid_file postgres)"; return 0; }
  log "stopping PostgreSQL (pid $(pid_of postgres))"
  pg_as_owner "$ARCA_PG_BIN/pg_ctl" -D "$(pg_data)" -m fast -w -t 60 -s stop || stop_pid postgres 30
  rm -f "$(pid_file postgres)"
}
