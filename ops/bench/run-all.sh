#!/usr/bin/env bash
# Runs every benchmark once, one after the other (about 10 minutes in all), each writing its table to
# ops/bench/results/<date>-<benchmark>.md. Loopback only; each script stops what it started.
#
#   ops/bench/run-all.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[[ $# -eq 0 ]] || { echo "usage: $0   (no arguments; run the scripts one by one to change their sizes)" >&2; exit 2; }
"$here/pacing.sh"
"$here/dial.sh" 2000 h2
"$here/import.sh" 1000000 h2
"$here/ingest.sh" 15
