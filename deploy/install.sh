#!/usr/bin/env bash
# Installs Debrief as a systemd service on this machine (Debian), as root:
#   deploy/install.sh            build (release), install, enable and start
#   deploy/install.sh --no-start install only
# The binary goes to /usr/local/bin, the web client to
# /usr/local/share/debrief/client, the unit to /etc/systemd/system; the data
# lives in /var/lib/debrief, owned by the system user `debrief`. Options go in
# /etc/default/debrief (created once, never overwritten). Safe to run again:
# that is how to upgrade (the service restarts on the new binary).
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"

[ "$(id -u)" -eq 0 ] || { echo "run as root (sudo $0)" >&2; exit 1; }
start=1
[ "${1:-}" = "--no-start" ] && start=0

ensure_packages "${BUILD_PACKAGES[@]}"
BUILD_DIR="${DEBRIEF_BUILD_DIR:-$ROOT/build-release}"
build_preset release "$BUILD_DIR"
build_client

log "installing into /usr/local"
install -D -m 0755 "$BUILD_DIR/debrief-server" /usr/local/bin/debrief-server
rm -rf /usr/local/share/debrief/client
install -d -m 0755 /usr/local/share/debrief
cp -r "$ROOT/client-web/dist" /usr/local/share/debrief/client
chmod -R u=rwX,go=rX /usr/local/share/debrief/client
install -D -m 0644 "$ROOT/deploy/debrief.service" /etc/systemd/system/debrief.service

if ! getent passwd debrief >/dev/null; then
  log "creating the system user debrief"
  useradd --system --user-group --home-dir /var/lib/debrief --no-create-home --shell /usr/sbin/nologin debrief
fi
if [ ! -e /etc/default/debrief ]; then
  cat >/etc/default/debrief <<'CONF'
# Debrief's options (README, "Server options"); these win over the unit's
# Environment= lines. After a change: systemctl restart debrief
#DEBRIEF_PORT=8080
#DEBRIEF_BIND=127.0.0.1
#DEBRIEF_TRUSTED_PROXY=127.0.0.1
#DEBRIEF_CODE_PREFIX=A
# Ended sessions are deleted completely this many days after they end (0: never).
#DEBRIEF_RETENTION_DAYS=180
# A checked backup every day, the newest 7 kept.
#DEBRIEF_BACKUP_DIR=/var/lib/debrief/backups
#DEBRIEF_BACKUP_EVERY=1440
#DEBRIEF_BACKUP_KEEP=7
# Prometheus metrics for a scraper on this machine only.
#DEBRIEF_METRICS_BIND=127.0.0.1:9090
#DEBRIEF_LOG_FORMAT=json
CONF
  chmod 0644 /etc/default/debrief
fi

systemctl daemon-reload
if [ "$start" -eq 1 ]; then
  systemctl enable debrief.service
  systemctl restart debrief.service
  log "started: systemctl status debrief, journalctl -u debrief"
else
  log "installed; start with: systemctl enable --now debrief"
fi
