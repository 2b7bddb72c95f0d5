#!/usr/bin/env bash
# The test command: a fresh virtual environment every run, the project installed into it, then pytest.
# System packages the tests use (LibreOffice as an independent reader, poppler for PDF pages)
# are installed from Debian when missing and we are root.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-calc-nogui poppler-utils >/dev/null
  else
    echo "LibreOffice mangler: kør 'sudo apt-get install libreoffice-calc-nogui poppler-utils'" >&2
    exit 2
  fi
fi

# Node.js runs Pyodide for the xlwings Lite tests (tests/test_pyodide.py)
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "Node.js mangler: kør 'sudo apt-get install nodejs npm'" >&2
    exit 2
  fi
fi

venv="$(mktemp -d)/venv"
trap 'rm -rf "$(dirname "$venv")"' EXIT
python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q ".[test]"
# Pyodide (npm) and the wheels for its platform (PyPI), into a cache that survives reruns
# ($FORANKRING_CI_CACHE or ~/.cache/forankring-ci): a rerun fetches nothing, the tests run offline.
"$venv/bin/python" scripts/pyodide_env.py >/dev/null
PATH="$venv/bin:$PATH" "$venv/bin/pytest" "$@"
