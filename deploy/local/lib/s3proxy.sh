# shellcheck shell=bash
# S3Proxy: a real S3 API server (SigV2/SigV4 auth, multipart, presigned URLs) storing objects as files.
# Stands in for MinIO, which has no Debian or Maven package; the services speak plain S3 to both.

s3_dir()  { printf '%s/s3proxy' "$ARCA_LOCAL_DIR"; }
s3_log()  { printf '%s/s3proxy.log' "$(s3_dir)"; }
s3_conf() { printf '%s/s3proxy.conf' "$(s3_dir)"; }
s3_endpoint() { printf 'http://127.0.0.1:%s' "$ARCA_S3_PORT"; }

s3_write_config() {
  local dir; dir="$(s3_dir)"
  mkdir -p "$dir/data"
  chmod 700 "$dir"
  cat >"$(s3_conf)" <<EOF
# Written by deploy/local/arca-local.
s3proxy.endpoint=$(s3_endpoint)
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$ARCA_S3_ACCESS_KEY
s3proxy.credential=$ARCA_S3_SECRET_KEY
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$dir/data
jclouds.identity=$ARCA_S3_ACCESS_KEY
jclouds.credential=$ARCA_S3_SECRET_KEY
jclouds.region=$ARCA_S3_REGION
EOF
  chmod 600 "$(s3_conf)"
  # Without a configuration file logback logs every request at DEBUG.
  cat >"$dir/logback.xml" <<'EOF'
<configuration>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <root level="WARN"><appender-ref ref="STDOUT"/></root>
</configuration>
EOF
}

# Any HTTP answer (403 for an anonymous request) means the server is up.
s3_ready() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$(s3_endpoint)/" 2>/dev/null)" || true
  [[ -n "$code" && "$code" != 000 ]]
}

s3_up() {
  s3_start
  s3_wait
}

s3_start() {
  if is_running s3proxy; then
    log "S3Proxy already running on $(s3_endpoint) (pid $(pid_of s3proxy))"
    return 0
  fi
  port_busy_check "$ARCA_S3_PORT" S3Proxy
  local libs; libs="$(resolve_jars s3proxy)"
  s3_write_config
  if [[ -f "$(s3_log)" ]]; then mv -f "$(s3_log)" "$(s3_log).previous"; fi
  log "starting S3Proxy on $(s3_endpoint)"
  start_detached s3proxy "$(s3_conf)" "$(s3_log)" "$(s3_dir)" \
      "$(find_java 17)" -Xms64m -Xmx384m -Djava.awt.headless=true \
      -Dlogback.configurationFile="$(s3_dir)/logback.xml" \
      -cp "$libs/lib/*" org.gaul.s3proxy.Main --properties "$(s3_conf)"
}

s3_wait() {
  wait_until 60 S3Proxy s3proxy "$(s3_log)" s3_ready
  log "S3Proxy ready on $(s3_endpoint)"
}

s3_down() {
  stop_pid s3proxy 20
}
