# shellcheck shell=bash
# A single-node Kafka broker in KRaft mode (broker and controller in one JVM), jars from Maven Central.

kafka_dir()  { printf '%s/kafka' "$ARCA_LOCAL_DIR"; }
kafka_log()  { printf '%s/kafka.log' "$(kafka_dir)"; }
kafka_conf() { printf '%s/server.properties' "$(kafka_dir)"; }

kafka_java() {
  # Kafka 4.x brokers need Java 17+; prefer the machine's default java, the services take the newest.
  find_java 17
}

kafka_write_config() {
  local dir; dir="$(kafka_dir)"
  mkdir -p "$dir/data"
  cat >"$(kafka_conf)" <<EOF
# Written by deploy/local/arca-local: single-node KRaft broker for development and tests.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$ARCA_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$ARCA_KAFKA_PORT,CONTROLLER://127.0.0.1:$ARCA_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$ARCA_KAFKA_PORT,CONTROLLER://127.0.0.1:$ARCA_KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
# workers scale up to the partition count (KEDA never goes past it)
num.partitions=12
auto.create.topics.enable=true
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# tests create many consumer groups: do not wait 3 s for more members to join
group.initial.rebalance.delay.ms=0
log.retention.hours=24
log.segment.bytes=67108864
EOF
  cat >"$dir/log4j2.properties" <<'EOF'
# Broker logs to stdout (redirected to kafka.log by arca-local); the state machinery is chatty at INFO.
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRefs = stdout
rootLogger.appenderRef.stdout.ref = STDOUT
logger.kafka.name = kafka
logger.kafka.level = info
logger.apache.name = org.apache.kafka
logger.apache.level = warn
logger.request.name = kafka.request.logger
logger.request.level = warn
logger.controller.name = kafka.controller
logger.controller.level = warn
logger.coordinator.name = kafka.coordinator
logger.coordinator.level = warn
logger.cluster.name = kafka.cluster
logger.cluster.level = warn
logger.log.name = kafka.log
logger.log.level = warn
EOF
}

kafka_format() {
  local dir; dir="$(kafka_dir)"
  [[ -f "$dir/data/meta.properties" ]] && return 0
  log "formatting Kafka storage (cluster id $ARCA_KAFKA_CLUSTER_ID)"
  "$(kafka_java)" -cp "$KAFKA_LIBS/lib/*" -Dlog4j2.configurationFile="$dir/log4j2.properties" \
      kafka.tools.StorageTool format --standalone -t "$ARCA_KAFKA_CLUSTER_ID" -c "$(kafka_conf)" \
      >"$dir/format.log" 2>&1 || { cat "$dir/format.log" >&2; die "formatting Kafka storage failed"; }
}

# Ready when the broker's port answers and it has logged that it started (it opens the port a little earlier).
kafka_ready() {
  port_open "$ARCA_KAFKA_PORT" && grep -q 'Kafka Server started' "$(kafka_log)"
}

kafka_up() {
  kafka_start
  kafka_wait
}

# Starts the broker without waiting for it (infra up starts S3Proxy meanwhile: the two cores are shared).
kafka_start() {
  if is_running kafka; then
    log "Kafka already running on 127.0.0.1:$ARCA_KAFKA_PORT (pid $(pid_of kafka))"
    return 0
  fi
  port_busy_check "$ARCA_KAFKA_PORT" Kafka
  port_busy_check "$ARCA_KAFKA_CONTROLLER_PORT" "the Kafka controller"
  KAFKA_LIBS="$(resolve_jars kafka)"
  kafka_write_config
  kafka_format
  local dir; dir="$(kafka_dir)"
  # a fresh log per start, so the readiness check sees this start's "started" line
  if [[ -f "$(kafka_log)" ]]; then mv -f "$(kafka_log)" "$(kafka_log).previous"; fi
  log "starting Kafka on 127.0.0.1:$ARCA_KAFKA_PORT (controller $ARCA_KAFKA_CONTROLLER_PORT)"
  start_detached kafka "$(kafka_conf)" "$(kafka_log)" "$dir" \
      "$(kafka_java)" -Xms128m -Xmx512m -XX:+UseG1GC -Djava.awt.headless=true \
      -Dlog4j2.configurationFile="$dir/log4j2.properties" -Dkafka.logs.dir="$dir" \
      -cp "$KAFKA_LIBS/lib/*" kafka.Kafka "$(kafka_conf)"
}

# Also for an already running broker: it may still be starting (a parallel `up`).
kafka_wait() {
  wait_until 90 Kafka kafka "$(kafka_log)" kafka_ready
  log "Kafka ready on 127.0.0.1:$ARCA_KAFKA_PORT"
}

kafka_down() {
  # a controlled shutdown flushes the log; give it time before KILL
  stop_pid kafka 45
}

# Runs one of Kafka's command-line tools (kafka-tools module) against this broker.
kafka_tool() { # main-class args...
  local main="$1"; shift
  KAFKA_LIBS="${KAFKA_LIBS:-$(resolve_jars kafka)}"
  "$(kafka_java)" -Xmx256m -cp "$KAFKA_LIBS/lib/*" -Dlog4j2.configurationFile="$(kafka_dir)/log4j2.properties" \
      "$main" "$@"
}
