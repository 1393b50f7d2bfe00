# shellcheck shell=bash
# The three Arca services as background JVMs (Quarkus fast-jar; the worker aot-jar, started from its ahead-of-time
# cache: lib/warm.sh), configured for the local infrastructure.
#
# Object storage: quarkus-minio 3.8 relocates quarkus.minio.url to quarkus.minio.host, so the environment
# variable QUARKUS_MINIO_URL alone is not seen; QUARKUS_MINIO_HOST (a full URL) is what configures the client.
# Both are passed, so the services work whichever name a later quarkus-minio reads.

ARCA_SERVICES=(api-service backup-worker scheduler-service)

secrets_dir() { printf '%s/secrets' "$ARCA_LOCAL_DIR"; }

# The bootstrap admin key (arca_ + 40 base62 characters, the API's key format), generated once per instance.
admin_key() {
  local file; file="$(secrets_dir)/bootstrap-admin-key"
  if [[ ! -s "$file" ]]; then
    mkdir -p "$(secrets_dir)"; chmod 700 "$(secrets_dir)"
    (umask 077; printf 'arca_%s\n' "$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 40)" >"$file")
  fi
  tr -d '\n' <"$file"
}

# The master key that wraps the tenants' data keys: 32 random bytes, base64. Losing it loses every
# encrypted backup of this instance, so it is generated once and kept with the data.
master_key() {
  local file; file="$(secrets_dir)/master-key"
  if [[ ! -s "$file" ]]; then
    mkdir -p "$(secrets_dir)"; chmod 700 "$(secrets_dir)"
    (umask 077; head -c 32 /dev/urandom | base64 -w0 >"$file")
  fi
  tr -d '\n' <"$file"
}

service_port() {
  case "$1" in
    api-service) echo "$ARCA_API_PORT" ;;
    backup-worker) echo "$ARCA_WORKER_PORT" ;;
    scheduler-service) echo "$ARCA_SCHEDULER_PORT" ;;
  esac
}

# Where clients on this machine reach the services: the bind address, or loopback when it is a wildcard.
service_host() {
  case "$ARCA_BIND_ADDRESS" in
    0.0.0.0|::|'[::]') echo 127.0.0.1 ;;
    *:*) echo "[${ARCA_BIND_ADDRESS#[}" | sed 's/]*$/]/' ;;
    *) echo "$ARCA_BIND_ADDRESS" ;;
  esac
}

service_url() { printf 'http://%s:%s' "$(service_host)" "$1"; } # port

service_jar() { printf '%s/%s/target/quarkus-app/quarkus-run.jar' "$ARCA_REPO" "$1"; }
cli_jar() { printf '%s/arca-cli/target/arca.jar' "$ARCA_REPO"; }
cli_bin_dir() { printf '%s/bin' "$ARCA_LOCAL_DIR"; }

# The arca CLI for this instance: the launcher and the jar in $ARCA_LOCAL_DIR/bin (`env` puts it on PATH).
cli_install() {
  [[ -f "$(cli_jar)" ]] || die "$(cli_jar) is missing (the build makes it)"
  mkdir -p "$(cli_bin_dir)"
  cp -f "$ARCA_REPO/deploy/cli/arca" "$(cli_bin_dir)/arca"
  cp -f "$(cli_jar)" "$(cli_bin_dir)/arca.jar"
  chmod 755 "$(cli_bin_dir)/arca"
}
service_log() { printf '%s/logs/%s.log' "$ARCA_LOCAL_DIR" "$1"; }

# Stale when a service jar is missing or any module's sources or POM are newer than the oldest jar.
services_stale() {
  local oldest="" svc jar
  [[ -f "$(cli_jar)" ]] || return 0
  for svc in "${ARCA_SERVICES[@]}"; do
    jar="$(service_jar "$svc")"
    [[ -f "$jar" ]] || return 0
    if [[ -z "$oldest" || "$jar" -ot "$oldest" ]]; then oldest="$jar"; fi
  done
  local newer
  newer="$(cd "$ARCA_REPO" && find pom.xml ./*/pom.xml ./*/src -newer "$oldest" -type f -print -quit 2>/dev/null)"
  [[ -n "$newer" ]]
}

services_build() {
  if [[ "${ARCA_SKIP_BUILD:-false}" == true ]]; then
    local svc
    for svc in "${ARCA_SERVICES[@]}"; do
      [[ -f "$(service_jar "$svc")" ]] || die "ARCA_SKIP_BUILD=true but $(service_jar "$svc") is missing"
    done
    if [[ -f "$(cli_jar)" ]]; then cli_install; fi
    return 0
  fi
  if services_stale; then
    log "building the services (./mvnw -B -q -DskipTests install)"
    (cd "$ARCA_REPO" && ./mvnw -B -q -DskipTests install) || die "the build failed"
  fi
  cli_install
}

service_ready() { # port
  curl -fsS --max-time 3 -o /dev/null "$(service_url "$1")/q/health/ready"
}

services_up() {
  if ! { is_running postgres && is_running kafka && is_running s3proxy; }; then
    die "the infrastructure is not running: deploy/local/arca-local infra up"
  fi
  services_build
  # ARCA_BIND_ADDRESS belongs to the services: given now, it applies when none of them runs yet (infra_up recorded
  # the address of its time), and the instance file records it for `env` and `status`
  if [[ -n "$ARCA_BIND_ADDRESS_ASKED" && "$ARCA_BIND_ADDRESS_ASKED" != "$ARCA_BIND_ADDRESS" ]]; then
    local svc
    for svc in "${ARCA_SERVICES[@]}"; do
      is_running "$svc" && die "$svc runs on $ARCA_BIND_ADDRESS; stop the services first to listen on $ARCA_BIND_ADDRESS_ASKED"
    done
    ARCA_BIND_ADDRESS="$ARCA_BIND_ADDRESS_ASKED"
    save_instance_settings
  fi
  local java
  java="$(find_java 21)"
  local admin master
  admin="$(admin_key)"; master="$(master_key)"
  # api-service owns the catalog schema (Flyway) and migrates it at start-up; the worker and the scheduler only
  # check that it is there, so they start once the API is ready, in parallel on the two cores.
  service_start api-service "$java" "$admin" "$master"
  service_wait api-service
  warm_worker_opts "$java"
  service_start backup-worker "$java" "$admin" "$master" "$WARM_WORKER_OPTS"
  service_start scheduler-service "$java" "$admin" "$master"
  service_wait backup-worker
  service_wait scheduler-service
}

service_start() { # service java admin-key master-key [more JVM options]
  local svc="$1" java="$2" admin="$3" master="$4" more="${5:-}" port
  port="$(service_port "$svc")"
  if is_running "$svc"; then
    log "$svc already running on port $port (pid $(pid_of "$svc"))"
    return 0
  fi
  port_busy_check "$port" "$svc"
  [[ -f "$(service_log "$svc")" ]] && mv -f "$(service_log "$svc")" "$(service_log "$svc").previous"
  log "starting $svc on port $port"
  # webhook receivers of a local instance run on this machine: allow loopback destinations, which production denies
  # (arca.notifications.destinations.allow; link-local and 0.0.0.0/8 stay denied). The demo's and the user's source
  # databases live on the catalog's own server, which production refuses as a source destination
  # (arca.sources.destinations.allow-catalog-server; the deny list stays as it is).
  start_detached "$svc" "$(service_jar "$svc")" "$(service_log "$svc")" "$ARCA_REPO/$svc" \
      env QUARKUS_HTTP_PORT="$port" \
        QUARKUS_HTTP_HOST="$ARCA_BIND_ADDRESS" \
        QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$ARCA_PG_PORT/arca" \
        QUARKUS_DATASOURCE_USERNAME="$ARCA_PG_USER" \
        QUARKUS_DATASOURCE_PASSWORD="$ARCA_PG_PASSWORD" \
        KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$ARCA_KAFKA_PORT" \
        QUARKUS_MINIO_URL="$(s3_endpoint)" \
        QUARKUS_MINIO_HOST="$(s3_endpoint)" \
        QUARKUS_MINIO_SECURE=false \
        QUARKUS_MINIO_ACCESS_KEY="$ARCA_S3_ACCESS_KEY" \
        QUARKUS_MINIO_SECRET_KEY="$ARCA_S3_SECRET_KEY" \
        QUARKUS_MINIO_REGION="$ARCA_S3_REGION" \
        ARCA_STORAGE_BUCKET=arca \
        ARCA_SECURITY_MASTER_KEY="$master" \
        ARCA_SECURITY_BOOTSTRAP_ADMIN_KEY="$admin" \
        ARCA_NOTIFICATIONS_DESTINATIONS_ALLOW="127.0.0.0/8,::1/128" \
        ARCA_SOURCES_DESTINATIONS_ALLOW_CATALOG_SERVER=true \
      "$java" $(service_java_opts "$svc") ${ARCA_JAVA_OPTS:-} $more -jar "$(service_jar "$svc")"
}

# JVM options per service; ARCA_JAVA_OPTS (environment) is appended to every service's.
# The worker uses the throughput collector: its heap churns through chunk-sized arrays (256 KiB to 4 MiB), which
# G1 on a 256 MiB heap (1 MiB regions) treats as humongous objects, each able to start a concurrent cycle; with
# ParallelGC a scale-50 backup took 15-20% less worker CPU (docs/benchmarks.md). Its pauses (tens of ms on a
# 256 MiB heap) do not matter to a batch job whose lease is renewed every few seconds.
service_java_opts() { # service
  case "$1" in
    backup-worker) echo "-Xmx256m -XX:+UseParallelGC" ;;
    *) echo "-Xmx256m" ;;
  esac
}

service_wait() { # service
  local port; port="$(service_port "$1")"
  wait_until 180 "$1" "$1" "$(service_log "$1")" service_ready "$port"
  log "$1 ready on $(service_url "$port") (listening on $ARCA_BIND_ADDRESS)"
}

services_down() {
  local i
  for ((i = ${#ARCA_SERVICES[@]} - 1; i >= 0; i--)); do
    stop_pid "${ARCA_SERVICES[i]}" 30
  done
}

services_status() {
  local svc
  for svc in "${ARCA_SERVICES[@]}"; do
    component_status "$svc" "$svc" "$(service_url "$(service_port "$svc")") (listening on $ARCA_BIND_ADDRESS)"
  done
}

services_print_summary() {
  local prefix=""
  [[ "$ARCA_LOCAL_DIR" == "$ARCA_REPO/.arca-local" ]] || prefix="ARCA_LOCAL_DIR=$ARCA_LOCAL_DIR "
  local exposure="this machine only (loopback; ARCA_BIND_ADDRESS=0.0.0.0 to expose them)"
  if [[ "$ARCA_BIND_ADDRESS" != 127.* && "$ARCA_BIND_ADDRESS" != ::1 && "$ARCA_BIND_ADDRESS" != localhost ]]; then
    exposure="$ARCA_BIND_ADDRESS: reachable from the network; the bootstrap key below is the whole instance"
  fi
  cat <<EOF

Arca is running.
  API:              $(service_url "$ARCA_API_PORT")/api/v1   (OpenAPI: /q/openapi, Swagger UI: /q/swagger-ui)
  web console:      $(service_url "$ARCA_API_PORT")/console   (sign in with an API key, e.g. the bootstrap key below)
  services listen:  $ARCA_BIND_ADDRESS:$ARCA_API_PORT (API), :$ARCA_WORKER_PORT (worker), :$ARCA_SCHEDULER_PORT (scheduler): $exposure
  infrastructure:   PostgreSQL 127.0.0.1:$ARCA_PG_PORT, Kafka 127.0.0.1:$ARCA_KAFKA_PORT, S3Proxy 127.0.0.1:$ARCA_S3_PORT (loopback only)
  bootstrap admin key: $(admin_key)
  logs:             $ARCA_LOCAL_DIR/logs/
  webhooks:         receivers on loopback allowed (ARCA_NOTIFICATIONS_DESTINATIONS_ALLOW); production denies them
  sources:          the catalog's own server allowed (ARCA_SOURCES_DESTINATIONS_ALLOW_CATALOG_SERVER); production refuses it
  environment:      eval "\$(${prefix}$ARCA_LOCAL_SCRIPT env)"
  stop:             ${prefix}$ARCA_LOCAL_SCRIPT down

EOF
}
