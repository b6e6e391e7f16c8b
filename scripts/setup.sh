#!/usr/bin/env bash
# Installs what the platform and its tests need beyond npm packages: Java 17+ for DynamoDB Local
# and Debian's Chromium for the browser tests with a CJK font for it, and poppler-utils (pdftotext,
# pdftoppm) with which the tests read and render the PDFs. Safe to run again; does nothing when all is there.
set -euo pipefail

need_apt=()
if ! command -v java >/dev/null 2>&1; then need_apt+=(openjdk-17-jre-headless); fi
if [ "${1:-}" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then need_apt+=(chromium); fi
if [ "${1:-}" = "--browser" ] && ! command -v pdftoppm >/dev/null 2>&1; then need_apt+=(poppler-utils); fi
# Chromium draws Chinese with the system's fonts: without a CJK font the e2e screenshots show boxes.
if [ "${1:-}" = "--browser" ] && [ "$(fc-list 2>/dev/null | grep -ci 'Noto Sans CJK')" = 0 ]; then
  need_apt+=(fonts-noto-cjk)
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: installing ${need_apt[*]} from Debian" >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: need root to install ${need_apt[*]}; install them and run again" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi
