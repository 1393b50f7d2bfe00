# shellcheck shell=bash
# `demo`: creates the demo database from deploy/local/demo/demo-db.sql, registers it as a source through the
# HTTP API and backs it up, polling until the backup finishes. Exits non-zero (printing the response) on failure.

DEMO_DB=arca_demo
DEMO_SOURCE_NAME=demo

demo_create_database() {
  if [[ "$(pg_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DEMO_DB'")" == 1 ]]; then
    log "demo: database $DEMO_DB exists, reusing it"
    return 0
  fi
  log "demo: creating database $DEMO_DB from deploy/local/demo/demo-db.sql"
  pg_psql -d postgres -c "CREATE DATABASE $DEMO_DB" >/dev/null
  # one transaction: a failed load leaves no half-filled database behind
  if ! pg_psql -d "$DEMO_DB" --single-transaction -f - <"$ARCA_LOCAL_HOME/demo/demo-db.sql" >/dev/null; then
    pg_psql -d postgres -c "DROP DATABASE $DEMO_DB" >/dev/null || true
    die "demo: loading demo-db.sql failed"
  fi
}

# api <method> <path> [json-body] : sets API_STATUS and API_BODY.
api() {
  local method="$1" path="$2" body="${3:-}" out
  local args=(-sS -X "$method" -H "Authorization: Bearer $(admin_key)" -H 'Accept: application/json'
      -w '\n%{http_code}' --max-time 30)
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  out="$(curl "${args[@]}" "$(service_url "$ARCA_API_PORT")$path")" || { API_STATUS=000; API_BODY="(no answer)"; return 0; }
  API_STATUS="${out##*$'\n'}"
  API_BODY="${out%$'\n'*}"
}

api_fail() { # what
  printf '%s\n' "$API_BODY" | json_pretty >&2
  die "demo: $1 failed (HTTP $API_STATUS)"
}

json_string() { # value -> JSON string literal
  python3 -c 'import json,sys; print(json.dumps(sys.argv[1]))' "$1"
}

demo_source_id() {
  api GET "/api/v1/sources"
  [[ "$API_STATUS" == 200 ]] || api_fail "listing sources"
  local id
  id="$(printf '%s' "$API_BODY" | json_find_id_by_name "$DEMO_SOURCE_NAME")"
  if [[ -n "$id" ]]; then
    log "demo: reusing source '$DEMO_SOURCE_NAME' ($id)"
    printf '%s' "$id"
    return 0
  fi
  api POST /api/v1/sources "{\"name\":\"$DEMO_SOURCE_NAME\",\"type\":\"postgresql\",\"host\":\"127.0.0.1\",\
\"port\":$ARCA_PG_PORT,\"database\":\"$DEMO_DB\",\"username\":$(json_string "$ARCA_PG_USER"),\
\"password\":$(json_string "$ARCA_PG_PASSWORD"),\"sslMode\":\"disable\",\"labels\":{\"env\":\"demo\"}}"
  [[ "$API_STATUS" == 201 ]] || api_fail "registering the demo source"
  id="$(printf '%s' "$API_BODY" | json_field id)"
  [[ -n "$id" ]] || api_fail "registering the demo source (no id in the answer)"
  log "demo: registered source '$DEMO_SOURCE_NAME' ($id)"
  printf '%s' "$id"
}

demo() {
  is_running postgres || die "the infrastructure is not running: deploy/local/arca-local up"
  service_ready "$ARCA_API_PORT" 2>/dev/null || die "the API is not ready on port $ARCA_API_PORT: deploy/local/arca-local up"
  demo_create_database
  local source_id backup_id state=""
  source_id="$(demo_source_id)"
  api POST /api/v1/backups "{\"sourceId\":\"$source_id\",\"type\":\"full\",\
\"compression\":{\"algorithm\":\"zstd\",\"level\":3},\"encrypt\":true,\"labels\":{\"reason\":\"demo\"}}"
  [[ "$API_STATUS" == 202 ]] || api_fail "requesting a backup"
  backup_id="$(printf '%s' "$API_BODY" | json_field id)"
  [[ -n "$backup_id" ]] || api_fail "requesting a backup (no id in the answer)"
  log "demo: backup $backup_id requested; waiting for it to finish (up to 5 min)"
  local deadline=$((SECONDS + ${ARCA_DEMO_TIMEOUT_SECONDS:-300})) last=""
  while ((SECONDS < deadline)); do
    api GET "/api/v1/backups/$backup_id"
    [[ "$API_STATUS" == 200 ]] || api_fail "reading backup $backup_id"
    state="$(printf '%s' "$API_BODY" | json_field state)"
    [[ "$state" != "$last" ]] && log "demo: backup $backup_id is $state"
    last="$state"
    case "$state" in
      completed|failed) break ;;
    esac
    sleep 2
  done
  printf '%s\n' "$API_BODY" | json_pretty
  case "$state" in
    completed) log "demo: backup completed" ;;
    failed) die "demo: backup $backup_id failed" ;;
    *) die "demo: backup $backup_id still '$state' after the timeout (worker log: $(service_log backup-worker))" ;;
  esac
}
