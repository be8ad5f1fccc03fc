#!/usr/bin/env bash
# Rewrites client-web/src/generated/contract.ts, the browser's copy of the wire
# contract (command, event and error names, permissions, limits), from the
# server's protocol library: builds debrief-contract and runs it. The unit
# test contract_is_generated fails until this has been run after a change.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${DEBRIEF_BUILD_DIR:-$ROOT/build}"
if [ ! -f "$BUILD_DIR/build.ninja" ] && [ ! -f "$BUILD_DIR/Makefile" ]; then
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$BUILD_DIR" --target debrief-contract
mkdir -p "$ROOT/client-web/src/generated"
"$BUILD_DIR/protocol/debrief-contract" >"$ROOT/client-web/src/generated/contract.ts.new"
mv "$ROOT/client-web/src/generated/contract.ts.new" "$ROOT/client-web/src/generated/contract.ts"
echo "wrote client-web/src/generated/contract.ts" >&2
