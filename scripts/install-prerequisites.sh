#!/usr/bin/env bash
# Installs the few things GPU Sentinel's build and test suite need beside Node.js 20:
# a C++ tool chain for better-sqlite3, Debian's Chromium for the browser tests and Debian's
# Alertmanager for the notification tests (they start a real one).
set -euo pipefail

missing=()
command -v g++ >/dev/null || missing+=(g++)
command -v make >/dev/null || missing+=(make)
command -v python3 >/dev/null || missing+=(python3)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/prometheus-alertmanager ] || missing+=(prometheus-alertmanager)
[ -x /usr/bin/prometheus ] || missing+=(prometheus)
fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)

if [ ${#missing[@]} -eq 0 ]; then
  echo "prerequisites present"
  exit 0
fi

echo "installing: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
