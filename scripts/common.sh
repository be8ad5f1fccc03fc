# Shared by run.sh and test.sh: install what is missing, then build.
# Everything here is idempotent and quick when nothing changed.

set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The presets in CMakePresets.json say how to configure; DEBRIEF_BUILD_DIR only
# moves the build tree (cmake --preset NAME -B DIR overrides the preset's binaryDir).
BUILD_DIR="${DEBRIEF_BUILD_DIR:-$ROOT/build}"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Debian packages the build needs (tzdata: the zones exports state times in; prometheus-cpp-dev: /metrics;
# python3-prometheus-client: the test that parses /metrics; python3-icalendar: the test that parses the check-in
# calendars); test.sh adds chromium.
BUILD_PACKAGES=(cmake ninja-build g++ pkg-config libboost1.81-dev nlohmann-json3-dev libsqlite3-dev
                libgtest-dev libgmock-dev libcli11-dev tzdata prometheus-cpp-dev python3-prometheus-client
                python3-icalendar)
# The deployment tests (tests/deploy/): HAProxy and a certificate made at test
# time, the databases read with sqlite3, a WebSocket client (node-ws), and
# systemd-analyze to check the unit offline.
DEPLOY_TEST_PACKAGES=(haproxy openssl sqlite3 node-ws systemd)
# The fuzzer (scripts/fuzz.sh, run briefly by test.sh) needs clang and libFuzzer.
FUZZ_PACKAGES=(cmake ninja-build clang-14 libfuzzer-14-dev libclang-rt-14-dev nlohmann-json3-dev)

missing_packages() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

ensure_packages() {
  local wanted=("$@")
  command -v node >/dev/null && command -v npm >/dev/null || wanted+=(nodejs npm)
  local missing
  missing="$(missing_packages "${wanted[@]}")"
  [ -z "$missing" ] && return 0
  log "installing Debian packages: $(echo $missing)"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# Configures (quick when nothing changed) and builds with a configure preset:
# dev by default, ci (warnings as errors) from test.sh. A compiler launcher such
# as ccache comes from the environment: CMake reads CMAKE_CXX_COMPILER_LAUNCHER.
build_preset() {
  local preset="$1" dir="$2"
  log "configuring ($preset preset, in ${dir#"$ROOT"/})"
  (cd "$ROOT" && cmake --preset "$preset" -B "$dir" >/dev/null)
  log "building ($preset preset)"
  cmake --build "$dir" -- -j"$(nproc)"
}

build_server() {
  build_preset "${1:-dev}" "$BUILD_DIR"
}

build_client() {
  cd "$ROOT/client-web"
  # npm ci only when the lock file changed since the last install.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing client packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  log "building the web client"
  npm run --silent build
  cd "$ROOT"
}
