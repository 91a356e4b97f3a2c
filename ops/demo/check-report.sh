#!/usr/bin/env bash
# Opens a compliance report (HTML) in headless Chromium, as a reviewer's browser would, and checks that
# it renders its charts without console errors. With a second argument it also saves a screenshot.
#   ops/demo/check-report.sh data/demo/reports/demo-....html [screenshot.png]
set -euo pipefail
report="${1:?usage: check-report.sh REPORT.html [SCREENSHOT.png]}"
shot="${2:-}"
[ -f "$report" ] || { echo "No such report: $report" >&2; exit 2; }

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Chromium (Debian package)..." >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$profile" --enable-logging=stderr --v=0)

dom="$(timeout 60 chromium "${flags[@]}" --dump-dom "$url" 2>"$profile/console.log")"
if grep -E "CONSOLE.*(Uncaught|Error)" "$profile/console.log" >/dev/null; then
  echo "The report logged errors in the browser:" >&2
  grep -E "CONSOLE" "$profile/console.log" >&2
  exit 1
fi
charts=$(grep -o '<svg' <<<"$dom" | wc -l)
bars=$(grep -o 'class="bar"' <<<"$dom" | wc -l)
rows=$(grep -o '<tr>' <<<"$dom" | wc -l)
if [ "$charts" -lt 3 ] || [ "$bars" -lt 1 ]; then
  echo "The report rendered $charts charts with $bars bars; expected 3 charts with bars." >&2
  exit 1
fi
echo "Report renders in Chromium: $charts charts, $bars bars, $((rows - 1)) attempt rows, no console errors."

if [ -n "$shot" ]; then
  timeout 60 chromium "${flags[@]}" --hide-scrollbars --window-size=1280,900 --screenshot="$shot" "$url" 2>/dev/null
  echo "Screenshot: $shot"
fi
