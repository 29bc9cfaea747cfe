#!/usr/bin/env bash
# Set up everything evidence-mapper needs on a fresh Debian/Ubuntu machine:
# system packages (when run as root) and a Python virtual environment in .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="poppler-utils tesseract-ocr tesseract-ocr-ind tesseract-ocr-osd chromium"
if command -v apt-get >/dev/null 2>&1; then
  missing=""
  for p in $APT_PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = "0" ]; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
    else
      echo "note: missing system packages:$missing (run as root or: sudo apt-get install$missing)" >&2
    fi
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
# the browser tests drive the system's Chromium; Playwright must not download its own
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 .venv/bin/python -m pip install -q -e ".[dev,explore]"
echo "setup done: .venv/bin/evidence-mapper"
