#!/usr/bin/env bash
# Builds the protocol fuzzer (clang-14, libFuzzer + AddressSanitizer + UBSan,
# in build-fuzz/) and runs it: scripts/fuzz.sh [seconds] (default 600).
# New interesting inputs collect in build-fuzz/corpus/ and are reused by the
# next run; a crash or broken invariant stops the run, fails it, and leaves
# the input in build-fuzz/artifacts/ (replay it with
# build-fuzz/protocol_fuzzer build-fuzz/artifacts/crash-…).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

seconds="${1:-600}"
FUZZ_DIR="${DEBRIEF_FUZZ_DIR:-$ROOT/build-fuzz}"

ensure_packages "${FUZZ_PACKAGES[@]}"
if [ ! -f "$FUZZ_DIR/build.ninja" ]; then
  log "configuring the fuzzer (clang++-14)"
  cmake -S "$ROOT/tests/fuzz" -B "$FUZZ_DIR" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
fi
log "building the fuzzer"
cmake --build "$FUZZ_DIR" -- -j"$(nproc)"

mkdir -p "$FUZZ_DIR/corpus" "$FUZZ_DIR/artifacts"
log "fuzzing the protocol core for ${seconds} s"
status=0
# The first corpus folder receives new inputs; the seeds stay read-only.
"$FUZZ_DIR/protocol_fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -dict="$ROOT/tests/fuzz/protocol.dict" -artifact_prefix="$FUZZ_DIR/artifacts/" \
  "$FUZZ_DIR/corpus" "$ROOT/tests/fuzz/corpus" >"$FUZZ_DIR/last-run.log" 2>&1 || status=$?
executions="$(sed -n 's/^stat::number_of_executed_units: *//p' "$FUZZ_DIR/last-run.log" | tail -1)"
if [ "$status" -ne 0 ]; then
  tail -n 60 "$FUZZ_DIR/last-run.log" >&2
  log "fuzzer FAILED after ${executions:-?} executions (full log: $FUZZ_DIR/last-run.log)"
  exit "$status"
fi
printf 'fuzz: %s executions in %s s, no crash, every invariant held (corpus: %s inputs)\n' \
  "${executions:-?}" "$seconds" "$(find "$FUZZ_DIR/corpus" -type f | wc -l)"
