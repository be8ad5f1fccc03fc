#!/usr/bin/env bash
# Rewrites tests/golden/reducer-vectors.json from what evolve gives now: builds
# the protocol tests and runs only the reducer vectors with
# DEBRIEF_UPDATE_GOLDEN=1. Review the diff, then check the browser's reducer
# agrees: cd client-web && npm run test:unit.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  log "configuring"
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
log "building the protocol tests"
cmake --build "$BUILD_DIR" --target protocol_tests -- -j"$(nproc)"
log "rewriting tests/golden/reducer-vectors.json"
DEBRIEF_UPDATE_GOLDEN=1 "$BUILD_DIR/tests/protocol_tests" --gtest_filter='ReducerVectors.*'
git -C "$ROOT" diff --stat -- tests/golden/
