# shellcheck shell=bash
demo() { log "demo: not yet"; }
