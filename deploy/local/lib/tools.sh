# shellcheck shell=bash
# The checkers the test suite runs on Arca's deploy files (alert rules and dashboards, the compose file, the
# Dockerfiles, the Kubernetes manifests), fetched from Debian's packages and the npm registry into the shared cache
# on first use. None of them is a server: they only read files. Sourced by deploy/local/arca-local.

DOCKERFILE_UTILS_VERSION=0.16.3

tools_dir() { printf '%s' "$ARCA_LOCAL_CACHE/tools"; }

# promtool from Debian's prometheus package, extracted (not installed: no server, no systemd unit).
ensure_promtool() {
  local dir; dir="$(tools_dir)/prometheus"
  if [[ ! -x "$dir/usr/bin/promtool" ]]; then
    log "fetching promtool (Debian package prometheus, extracted into $dir)"
    rm -rf "$dir" "$dir.tmp"; mkdir -p "$dir.tmp"
    # a fresh machine may have no package lists yet: update them once and retry
    if (cd "$dir.tmp" && { apt-get download prometheus >/dev/null 2>&1 \
          || { [[ $EUID -eq 0 ]] && apt-get update -qq >/dev/null 2>&1 && apt-get download prometheus >/dev/null 2>&1; }; } \
        && dpkg-deb -x prometheus_*.deb "$dir.tmp/x" && [[ -x "$dir.tmp/x/usr/bin/promtool" ]]); then
      mv "$dir.tmp/x" "$dir"; rm -rf "$dir.tmp"
    else
      rm -rf "$dir.tmp"; warn "promtool could not be fetched (apt-get download prometheus)"; return 0
    fi
  fi
  ARCA_PROMTOOL="$dir/usr/bin/promtool"
}

# docker-compose 1.x reads and validates a compose file without a Docker engine.
ensure_docker_compose() {
  if ! command -v docker-compose >/dev/null 2>&1; then
    if [[ $EUID -ne 0 ]]; then warn "docker-compose missing (apt-get install --no-install-recommends docker-compose)"; return 0; fi
    log "installing docker-compose (apt-get install --no-install-recommends)"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get install -y -qq --no-install-recommends docker-compose >/dev/null 2>&1 \
      || { apt-get update -qq && apt-get install -y -qq --no-install-recommends docker-compose >/dev/null 2>&1; }; } \
      || { warn "docker-compose could not be installed"; return 0; }
  fi
  ARCA_DOCKER_COMPOSE="$(command -v docker-compose)"
}

# dockerfile-utils (a Dockerfile parser and linter) from the npm registry, pinned.
ensure_dockerfile_utils() {
  local dir; dir="$(tools_dir)/dockerfile-utils-$DOCKERFILE_UTILS_VERSION"
  if [[ ! -x "$dir/node_modules/.bin/dockerfile-utils" ]]; then
    command -v npm >/dev/null 2>&1 || { warn "npm missing: dockerfile-utils not fetched"; return 0; }
    log "fetching dockerfile-utils@$DOCKERFILE_UTILS_VERSION (npm) into $dir"
    rm -rf "$dir"; mkdir -p "$dir"
    (cd "$dir" && npm install --silent --no-audit --no-fund --prefix "$dir" \
        "dockerfile-utils@$DOCKERFILE_UTILS_VERSION" >/dev/null 2>&1) \
      || { rm -rf "$dir"; warn "dockerfile-utils could not be fetched (npm)"; return 0; }
  fi
  ARCA_DOCKERFILE_UTILS="$dir/node_modules/.bin/dockerfile-utils"
}

# Debian's Chromium and its ChromeDriver for the console's browser tests (Selenium drives the system browser; nothing
# downloads a browser at run time). Installed as packages: the browser needs its shared libraries.
ensure_browser() {
  if ! { command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; }; then
    if [[ $EUID -ne 0 ]]; then warn "chromium/chromedriver missing (apt-get install --no-install-recommends chromium chromium-driver)"; return 0; fi
    log "installing chromium, chromium-driver and fonts-liberation (apt-get install --no-install-recommends)"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-liberation >/dev/null 2>&1 \
      || { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-liberation >/dev/null 2>&1; }; } \
      || { warn "chromium could not be installed"; return 0; }
  fi
  ARCA_CHROMIUM="$(command -v chromium)" ARCA_CHROMEDRIVER="$(command -v chromedriver)"
  export ARCA_CHROMIUM ARCA_CHROMEDRIVER
}

# Exports ARCA_PROMTOOL, ARCA_DOCKER_COMPOSE, ARCA_DOCKERFILE_UTILS and ARCA_KUBECTL (absolute paths, empty when the
# tool could not be had: the tests then fail under ARCA_REQUIRE_INFRA=true, saying which one).
ensure_check_tools() {
  mkdir -p "$(tools_dir)"
  ARCA_PROMTOOL="" ARCA_DOCKER_COMPOSE="" ARCA_DOCKERFILE_UTILS="" ARCA_KUBECTL="" ARCA_CHROMIUM="" ARCA_CHROMEDRIVER=""
  ensure_promtool
  ensure_docker_compose
  ensure_dockerfile_utils
  ensure_browser
  # kubectl cannot be installed from the registries here; it is on the project's machine image. Only its
  # `kustomize` subcommand is ever run (any other would talk to localhost:8080, which is Arca's API).
  ARCA_KUBECTL="$(command -v kubectl 2>/dev/null || true)"
  export ARCA_PROMTOOL ARCA_DOCKER_COMPOSE ARCA_DOCKERFILE_UTILS ARCA_KUBECTL
}
