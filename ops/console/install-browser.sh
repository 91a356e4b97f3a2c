#!/usr/bin/env bash
# Installs the headless browser the console's browser tests drive: Debian's chromium and its chromedriver
# (package chromium-driver), unless both are already there. Needs root (CI runs as root).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  echo "Chromium $(chromium --version 2>/dev/null | awk '{print $2}') and chromedriver are installed."
  exit 0
fi
echo "Installing Chromium and chromedriver (Debian packages chromium, chromium-driver)..." >&2
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
echo "Installed $(chromium --version 2>/dev/null) and $(chromedriver --version 2>/dev/null | head -n 1)."
