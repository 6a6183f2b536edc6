#!/usr/bin/env bash
# Makes .venv with the Python packages the tests use: python-stdnum as the reference for resident-ID
# checks, openpyxl to write XLSX files the way other programs do, Selenium to drive Chromium in the
# browser tests. Only installs what is missing.
# Usage: scripts/python-env.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -x .venv/bin/python ]] || python3 -m venv .venv
.venv/bin/python -c 'import stdnum, sys; sys.exit(0 if stdnum.__version__ == "2.2" else 1)' 2>/dev/null \
  || .venv/bin/pip install --quiet --disable-pip-version-check python-stdnum==2.2
.venv/bin/python -c 'import openpyxl, sys; sys.exit(0 if openpyxl.__version__ == "3.1.5" else 1)' 2>/dev/null \
  || .venv/bin/pip install --quiet --disable-pip-version-check openpyxl==3.1.5
.venv/bin/python -c 'import selenium, sys; sys.exit(0 if selenium.__version__ == "4.51.0" else 1)' 2>/dev/null \
  || .venv/bin/pip install --quiet --disable-pip-version-check selenium==4.51.0
