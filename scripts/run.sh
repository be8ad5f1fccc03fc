#!/usr/bin/env bash
# Installs what is missing, builds, and serves Debrief on http://localhost:8080.
# Extra arguments go to debrief-server (see --help), e.g. scripts/run.sh --port 9000
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_packages "${BUILD_PACKAGES[@]}"
build_server dev
build_client

mkdir -p "$ROOT/data"
log "starting Debrief on http://localhost:${PORT:-8080} (data in data/debrief.db)"
exec "$BUILD_DIR/debrief-server" --port "${PORT:-8080}" --db "$ROOT/data/debrief.db" \
  --static-dir "$ROOT/client-web/dist" "$@"
