#!/usr/bin/env bash
# HR's follow-up cycle (issue 16) on the bundled examples, from the command line, in a temporary folder:
#   1. udsend: pre-filled templates for three units from a unit list (CSV as Danish Excel saves it);
#   2. batch: the example plans returned in September, archived;
#   3. batch again in November with later versions of them (scripts/later_versions.py) and the overview
#      workbook (Overblik with charts, "Udvikling siden sidst");
#   4. udvikling: one unit's two returns, and the whole archive against its earlier versions;
#   5. påmind: reminder drafts per responsible person from the archive.
# Needs the package installed (`forankring` on PATH). Nothing outside the temporary folder is written,
# unless KEEP=folder is given (a folder that must not exist yet), where the results are then kept.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-python3}"
if [ -n "${KEEP:-}" ] && [ -e "$KEEP" ]; then echo "$KEEP findes allerede; intet er gemt." >&2; exit 1; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

echo "== 1. udsend: skabeloner til tre enheder"
printf '%s\n' \
  'Kommune;Enhed;Kontaktperson;E-mail;Indsats;Planperiode;Svarfrist;Sigtepunkter' \
  'Eksempel Kommune;Engskolen;Mette Sørensen;meso@eksempel.dk;Trivsel i personalegruppen;1-1-2027 – 31-12-2027;15-12-2026;"Trivselsmåling;Sidemandsoplæring"' \
  'Eksempel Kommune;Dagtilbud Kløverbakken;Jens Ølgaard;jeol@eksempel.dk;Sprog i dagtilbud;1-2-2027 – 31-1-2028;15-12-2026;' \
  'Eksempel Kommune;Hjemmeplejen Nord;Aisha Khan;aikh@eksempel.dk;Velfærdsteknologi;1-1-2027 – 31-12-2027;15-12-2026;' \
  > enheder.csv
forankring udsend enheder.csv -o udsendelse
ls udsendelse

echo
echo "== 2. batch: de seks eksempler afleveret i september"
mkdir indbakke
cp "$root"/examples/*.xlsx indbakke/
forankring batch indbakke -o arkiv --as-of 2026-09-01 | tail -n 3

echo
echo "== 3. batch: senere versioner afleveret i november, med oversigt"
"$python" "$root/scripts/later_versions.py" senere
cp senere/*.xlsx indbakke/
forankring batch indbakke -o arkiv --overview oversigt.xlsx --as-of 2026-11-22 | tail -n 3
"$python" -c "import openpyxl, sys; wb = openpyxl.load_workbook(sys.argv[1]); print('Oversigtens ark:', ', '.join(wb.sheetnames)); print('Diagrammer på Overblik:', len(wb['Overblik']._charts))" oversigt.xlsx

echo
echo "== 4. udvikling: Engskolen i september og november, og hele arkivet"
forankring udvikling "$root/examples/trivsel_engskolen.xlsx" senere/trivsel_engskolen.xlsx --as-of 2026-11-22 | head -n 25
echo "..."
forankring udvikling arkiv --as-of 2026-11-22 | tail -n 8

echo
echo "== 5. påmind: påmindelser pr. ansvarlig fra arkivet"
forankring påmind arkiv --as-of 2026-11-22 -o påmindelser | tail -n 6
ls påmindelser | head -n 8

if [ -n "${KEEP:-}" ]; then
  cp -r "$work" "$KEEP"
  echo "Resultaterne er gemt i $KEEP"
fi
