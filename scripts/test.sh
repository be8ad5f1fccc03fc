#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the C++ unit and
# integration tests through CTest, then the browser tests in Chromium.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_packages "${BUILD_PACKAGES[@]}" chromium
build_server
build_client

log "C++ tests (ctest)"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)" --timeout 300

log "client type check"
(cd "$ROOT/client-web" && npm run --silent typecheck)

log "browser tests (Playwright + Debian's Chromium)"
(cd "$ROOT/client-web" && npm run --silent test:browser)
