#!/usr/bin/env bash
# Render the overview's "Overblik" sheet for the README: batch the bundled examples and later versions of
# them, let LibreOffice headless print the overview to PDF, and save the Overblik sheet's pages (the
# charts, then the heat map) as docs/overblik-side1.png, docs/overblik-side2.png, ...
# Needs: the package installed (forankring), soffice (Debian libreoffice-calc-nogui), pdftoppm (poppler-utils).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# the first returns in September, later versions of them in November (scripts/later_versions.py)
mkdir "$work/indbakke"
cp "$root"/examples/*.xlsx "$work/indbakke/"
forankring batch "$work/indbakke" -o "$work/arkiv" --as-of 2026-09-01 >/dev/null
python "$root/scripts/later_versions.py" "$work/senere"
cp "$work"/senere/*.xlsx "$work/indbakke/"
forankring batch "$work/indbakke" -o "$work/arkiv" --overview "$work/oversigt.xlsx" --as-of 2026-11-22 >/dev/null
soffice --headless -env:UserInstallation="file://$work/profile" --convert-to pdf --outdir "$work" \
  "$work/oversigt.xlsx" >/dev/null
pages=$(pdftotext "$work/oversigt.pdf" - | awk 'BEGIN{RS="\f"} !n && /Pr\. [0-9-]+ \(forankring-xl\)/{n=NR-1} END{print n}')
rm -f "$root"/docs/overblik-side*.png
for page in $(seq 1 "$pages"); do
  pdftoppm -png -r 70 -f "$page" -l "$page" -singlefile "$work/oversigt.pdf" "$root/docs/overblik-side$page"
  echo "$root/docs/overblik-side$page.png"
done
