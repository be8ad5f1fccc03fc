#!/usr/bin/env bash
# Debrief behind HAProxy (deploy/haproxy/) on loopback: two instances, TLS with
# a certificate made now, WebSockets over wss://. Usage: proxy_test.sh SERVER_BINARY
# Ports DEBRIEF_DEPLOY_PORT (default 18240) to +3; needs haproxy, openssl,
# sqlite3 and node-ws (scripts/common.sh installs them).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
server="$(realpath "$1")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=localhost \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
cat "$work/cert.pem" "$work/key.pem" >"$work/haproxy.pem"

# Debian's node-ws lives outside node's default module paths.
status=0
NODE_PATH=/usr/share/nodejs DEBRIEF_SERVER="$server" DEBRIEF_DEPLOY_WORK="$work" \
  DEBRIEF_DEPLOY_CERT="$work/haproxy.pem" node "$here/through_proxy.cjs" || status=$?
if [ "$status" -ne 0 ]; then
  for f in "$work"/*.log; do echo "--- $(basename "$f")"; tail -n 30 "$f"; done
fi
exit "$status"
