#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the C++ unit and
# integration tests through CTest (then again under ASan + UBSan), a short
# fuzzing run, then the browser tests in Chromium.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ensure_packages "${BUILD_PACKAGES[@]}" "${FUZZ_PACKAGES[@]}" "${DEPLOY_TEST_PACKAGES[@]}" chromium clang-format

build_server ci
build_client

log "format check (clang-format, Prettier)"
bash "$ROOT/scripts/check-format.sh"

log "C++ tests (ctest)"
ctest --test-dir "$BUILD_DIR" --output-on-failure -j"$(nproc)" --timeout 300

# --- sanitizer run -------------------------------------------------------------
# The same C++ tests built again with AddressSanitizer + UndefinedBehaviorSanitizer
# (Debug, in build-asan/; the crash test's server child is sanitized too). Any
# memory error, leak or undefined behaviour fails the run.
ASAN_DIR="${DEBRIEF_ASAN_DIR:-$ROOT/build-asan}"
log "the C++ tests with ASan + UBSan"
build_preset asan "$ASAN_DIR"
log "C++ tests under ASan + UBSan (ctest)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --test-dir "$ASAN_DIR" --output-on-failure -j"$(nproc)" --timeout 600

# --- fuzz smoke run ------------------------------------------------------------
# 20 seconds of libFuzzer on message parsing and command application, with its
# invariants (scripts/fuzz.sh runs it longer). Prints the number of executions.
log "fuzz smoke run (scripts/fuzz.sh 20)"
bash "$ROOT/scripts/fuzz.sh" 20

log "client type check"
(cd "$ROOT/client-web" && npm run --silent typecheck)

log "client unit tests (the reducer against the golden vectors)"
(cd "$ROOT/client-web" && npm run --silent test:unit)

log "browser tests (Playwright + Debian's Chromium)"
(cd "$ROOT/client-web" && npm run --silent test:browser)

# --- benchmark smoke run -------------------------------------------------------
# A few seconds of tiny load against the reference peer and the server, and
# the storage benchmark, so the harness never rots. It prints numbers and
# asserts none; it fails only if a command or event is lost or a run breaks.
log "benchmark smoke run (bench/run.sh --smoke)"
bash "$ROOT/bench/run.sh" --smoke
