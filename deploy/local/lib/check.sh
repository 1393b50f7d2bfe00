# shellcheck shell=bash
# `infra check`: proves each piece of infrastructure does real work, the way the services will use it —
# PostgreSQL over TCP with the password, a Kafka produce and consume, an S3 SigV4 put/get/delete.

check_postgres() {
  local out
  out="$(PGPASSWORD="$ARCA_PG_PASSWORD" "$ARCA_PG_BIN/psql" -X -h 127.0.0.1 -p "$ARCA_PG_PORT" -U "$ARCA_PG_USER" \
      -d arca -Atc 'SELECT current_user || $$ on $$ || version()')" || return 1
  log "  PostgreSQL: $out"
}

check_kafka() {
  # a fresh topic each time, so the consumer can stop after exactly one record
  local topic marker="check-$$-$RANDOM" out
  topic="arca-local.check.$(date +%s).$RANDOM"
  printf '%s\n' "$marker" | kafka_tool org.apache.kafka.tools.ConsoleProducer \
      --bootstrap-server "127.0.0.1:$ARCA_KAFKA_PORT" --topic "$topic" >/dev/null 2>&1 || return 1
  out="$(kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "127.0.0.1:$ARCA_KAFKA_PORT" \
      --topic "$topic" --from-beginning --max-messages 1 --timeout-ms 30000 2>/dev/null)" || true
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$ARCA_KAFKA_PORT" \
      --delete --topic "$topic" >/dev/null 2>&1 || true
  grep -qxF "$marker" <<<"$out" || return 1
  log "  Kafka: produced and consumed a record on a fresh topic ($topic, now deleted)"
}

check_s3() {
  local bucket="arca-local-check" body="check-$$-$RANDOM" got code
  local sign=(--aws-sigv4 "aws:amz:$ARCA_S3_REGION:s3" --user "$ARCA_S3_ACCESS_KEY:$ARCA_S3_SECRET_KEY"
      -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD')
  local url; url="$(s3_endpoint)/$bucket"
  curl -fsS "${sign[@]}" -X PUT -o /dev/null "$url" 2>/dev/null || true   # 409 when it exists
  printf '%s' "$body" | curl -fsS "${sign[@]}" -T - -o /dev/null "$url/object" || return 1
  got="$(curl -fsS "${sign[@]}" "$url/object")" || return 1
  [[ "$got" == "$body" ]] || return 1
  code="$(curl -s -o /dev/null -w '%{http_code}' --aws-sigv4 "aws:amz:$ARCA_S3_REGION:s3" \
      --user "$ARCA_S3_ACCESS_KEY:wrong-secret" -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' "$url/object")"
  [[ "$code" == 403 ]] || { warn "S3 answered $code to a wrong secret"; return 1; }
  curl -fsS "${sign[@]}" -X DELETE -o /dev/null "$url/object" || return 1
  curl -fsS "${sign[@]}" -X DELETE -o /dev/null "$url" || return 1
  log "  S3: SigV4 bucket create, put, get, delete; a wrong secret gets 403"
}

infra_check() {
  local failed=0
  log "checking the infrastructure in $ARCA_LOCAL_DIR"
  check_postgres || { warn "PostgreSQL check failed"; failed=1; }
  check_kafka || { warn "Kafka check failed"; failed=1; }
  check_s3 || { warn "S3 check failed"; failed=1; }
  ((failed == 0)) || die "infrastructure check failed"
  log "all checks passed"
}
