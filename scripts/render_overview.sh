#!/usr/bin/env bash
# Render the overview's "Overblik" sheet for the README: batch the bundled examples, let LibreOffice
# headless print the overview to PDF, and save its first two pages (the charts, then the heat map) as
# docs/overblik-side1.png and docs/overblik-side2.png.
# Needs: the package installed (forankring), soffice (Debian libreoffice-calc-nogui), pdftoppm (poppler-utils).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/indbakke"
cp "$root"/examples/*.xlsx "$work/indbakke/"
forankring batch "$work/indbakke" -o "$work/arkiv" --overview "$work/oversigt.xlsx" --as-of 2026-11-22 >/dev/null
soffice --headless -env:UserInstallation="file://$work/profile" --convert-to pdf --outdir "$work" \
  "$work/oversigt.xlsx" >/dev/null
for page in 1 2; do
  pdftoppm -png -r 70 -f "$page" -l "$page" -singlefile "$work/oversigt.pdf" "$root/docs/overblik-side$page"
  echo "$root/docs/overblik-side$page.png"
done
