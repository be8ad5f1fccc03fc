#!/usr/bin/env bash
# deploy/debrief.service: systemd-analyze verify finds nothing to say about it,
# its hardening keeps the exposure score low, and every DEBRIEF_* variable it
# sets is one the server reads. Works without systemd running (offline, in a
# scratch root). Usage: systemd_unit_test.sh SERVER_BINARY
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
unit="$here/../../deploy/debrief.service"
server="$(realpath "$1")"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT

# A root with the unit, the binary where ExecStart says and systemd's own units.
mkdir -p "$root/etc/systemd/system" "$root/usr/local/bin" "$root/usr/lib/systemd"
cp "$unit" "$root/etc/systemd/system/debrief.service"
cp "$server" "$root/usr/local/bin/debrief-server"
cp -a /lib/systemd/system "$root/usr/lib/systemd/system"

# verify exits 0 even for an unknown key or a bad value: it must say nothing.
said="$(systemd-analyze verify --root="$root" debrief.service 2>&1)" || { echo "$said"; exit 1; }
if [ -n "$said" ]; then
  echo "systemd-analyze verify complained:"
  echo "$said"
  exit 1
fi
echo "- systemd-analyze verify: clean"

# Exposure from 0 (locked down) to 10; the threshold is in tenths.
if ! systemd-analyze security --offline=yes --root="$root" --threshold=20 debrief.service >"$root/security.txt" 2>&1; then
  cat "$root/security.txt"
  echo "the unit's exposure is over 2.0"
  exit 1
fi
grep -o 'Overall exposure level.*' "$root/security.txt"

help="$("$server" --help)"
for var in $(grep -o 'DEBRIEF_[A-Z_]*' "$unit" | sort -u); do
  grep -q -- "$var" <<<"$help" || { echo "$var (in the unit) is not an option of debrief-server"; exit 1; }
done
echo "- every DEBRIEF_* variable in the unit is one the server reads"
