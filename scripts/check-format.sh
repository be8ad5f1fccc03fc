#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format (.clang-format)
# would make of it, or a client file from what Prettier
# (client-web/.prettierrc.json) would. `scripts/check-format.sh --fix`
# formats them instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h')
client_files=("src/**/*.{ts,tsx,css}" "unit/**/*.ts" "tests/**/*.ts" "*.{mjs,ts,json}")
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  (cd client-web && npx --no-install prettier --log-level warn --write "${client_files[@]}")
  exit 0
fi
status=0
if ! clang-format --dry-run --Werror "${files[@]}"; then
  echo "Some C++ files are not formatted: run scripts/check-format.sh --fix" >&2
  status=1
fi
if ! (cd client-web && npx --no-install prettier --log-level warn --check "${client_files[@]}"); then
  echo "Some client files are not formatted: run scripts/check-format.sh --fix" >&2
  status=1
fi
exit $status
