#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format (.clang-format)
# would make of it. `scripts/check-format.sh --fix` formats them instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
if ! clang-format --dry-run --Werror "${files[@]}"; then
  echo "Some C++ files are not formatted: run scripts/check-format.sh --fix" >&2
  exit 1
fi
