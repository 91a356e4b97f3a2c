#!/usr/bin/env bash
# Checks the Prometheus configuration and alert rules with promtool, and runs the rules' unit tests (each alert fires on
# series made for it). Installs promtool from Debian's packages when it is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/install-promtool.sh"
cd "$here/prometheus"
promtool check config prometheus.yml
promtool check rules dialer-alerts.yml
promtool test rules dialer-alerts.test.yml
