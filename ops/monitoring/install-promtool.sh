#!/usr/bin/env bash
# Installs promtool (Debian's prometheus package) when it is missing: ops/monitoring/check-rules.sh needs it.
set -euo pipefail
command -v promtool >/dev/null && exit 0
echo "Installing promtool from Debian's prometheus package..." >&2
# The package starts a Prometheus server where a service manager runs; a policy-rc.d that refuses keeps it from it.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
command -v promtool >/dev/null
