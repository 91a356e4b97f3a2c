#!/usr/bin/env bash
# Runs `systemd-analyze verify` on the service units, with /opt/dialer/bin/dialer pointed at this checkout's launcher
# (verify checks that the executables exist). Fails on any complaint: verify itself exits 0 on some of them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
launcher="$(cd "$here/.." && pwd)/dialer"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for unit in "$here"/systemd/*.service; do
  sed "s#/opt/dialer/bin/dialer#$launcher#g" "$unit" >"$work/$(basename "$unit")"
done
output="$(cd "$work" && systemd-analyze verify ./*.service 2>&1)" || { echo "$output" >&2; exit 1; }
if [ -n "$output" ]; then
  echo "$output" >&2
  exit 1
fi
echo "systemd-analyze verify: $(cd "$work" && ls ./*.service | wc -l) units, no complaints."
