#!/usr/bin/env bash
# The main job on the bundled examples: install into a fresh virtual environment,
# export every example plan to JSON in out/, and show what came out.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="$(mktemp -d)/venv"
trap 'rm -rf "$(dirname "$venv")"' EXIT
python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q .
# out/ is never emptied: a rerun replaces only the examples' own JSON files (--overskriv), nothing else in it
"$venv/bin/forankring" export examples/*.xlsx -o out/ --overskriv
echo
echo "JSON-arkiver i out/:"
ls -l out/
echo
echo "Uddrag af out/ics_familieafdeling.json:"
head -n 25 out/ics_familieafdeling.json
