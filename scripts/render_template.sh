#!/usr/bin/env bash
# Render the committed template with LibreOffice headless and save page 1 as docs/template-page1.png.
# Needs: soffice (Debian libreoffice-calc-nogui) and pdftoppm (poppler-utils).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
soffice --headless -env:UserInstallation="file://$work/profile" --convert-to pdf --outdir "$work" \
  "$root/workbook_templates/forankringsplan.xlsx" >/dev/null
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/forankringsplan.pdf" "$root/docs/template-page1"
echo "$root/docs/template-page1.png"
