"""Build the real municipal plans in data/real/plans/ from their source descriptions.

Each ``data/real/plans/<slug>.json`` describes one plan quoted from a public
Danish municipal document (cited by URL in the file), typed into the template
the way a unit or an HR consultant would: text as written, empty where the
source says nothing. This script writes ``<slug>.xlsx`` next to it through the
template builder and writer.

Date cells hold what a person types: a text that names one calendar day
("1. juni 2020", "28-08-2018") becomes a real Excel date, as Excel turns such
typing into a date; anything else ("2021", "primo 2024", "vinter/ forår",
"senest 4 uger efter ...") stays text exactly as written. The cells are
written after the writer, so the files keep the text as written whatever the
model's own date reading does with it.

Run ``python scripts/build_real_plans.py`` after changing a description or the
layout; a test checks that the committed workbooks equal a fresh build.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sys
import zipfile
from pathlib import Path

from forankring_xl.io.atomic import atomic_write_bytes
from forankring_xl.io.template import workbook_bytes
from forankring_xl.io.writer import plan_to_workbook, set_value, size_for
from forankring_xl.layout import spec as L
from forankring_xl.model import Opfoelgning, Plan, PlanRow, Sigtepunkt, TeamMember
from forankring_xl.text.dates import parse_date_text

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "data" / "real" / "plans"

ROW_DATE_KEYS = ("start", "slut", "delmaal_dato", "maal_dato", "sidst_fulgt_op")
FRONT_DATE_KEYS = ("periode_start", "periode_slut", "godkendt_dato")
ROW_KEYS = (
    "formaal", "aktivitet", "ansvarlig", "start", "slut", "delmaal", "delmaal_dato",
    "maal", "maal_dato", "status", "sidst_fulgt_op", "bemaerkning",
)
FOLLOWUP_TEXT_KEYS = ("hyppighed", "form", "informeres", "ansvarlig", "formidling_ansvarlig")


def cell_value(text: str | None) -> dt.date | str | None:
    """What a date cell holds when ``text`` is typed into it."""
    if text is None or not str(text).strip():
        return None
    return parse_date_text(str(text)) or str(text)


def _model_date(text: str | None) -> dt.date | None:
    value = cell_value(text)
    return value if isinstance(value, dt.date) else None


def description_files(folder: Path = PLANS) -> list[Path]:
    return sorted(p for p in folder.glob("*.json") if not p.name.endswith(".gold.json"))


def load_description(path: Path) -> dict:
    desc = json.loads(path.read_text(encoding="utf-8"))
    for key in ("slug", "split", "source_urls", "as_of", "front", "sigtepunkter"):
        if key not in desc:
            raise ValueError(f"{path.name}: mangler '{key}'")
    if desc["split"] not in ("dev", "holdout"):
        raise ValueError(f"{path.name}: split skal være 'dev' eller 'holdout'")
    if desc["slug"] != path.stem:
        raise ValueError(f"{path.name}: slug '{desc['slug']}' svarer ikke til filnavnet")
    return desc


def to_plan(desc: dict) -> Plan:
    """The plan's text content; date cells carry only what parses as one day (patched later)."""
    front = desc["front"]
    points = []
    for sp in desc["sigtepunkter"]:
        rows = []
        for raw in sp.get("raekker", []):
            unknown = set(raw) - set(ROW_KEYS)
            if unknown:
                raise ValueError(f"{desc['slug']}: ukendte felter i en række: {sorted(unknown)}")
            values = {k: raw.get(k) for k in ROW_KEYS}
            for k in ROW_DATE_KEYS:
                values[k] = _model_date(values[k])
            rows.append(PlanRow(**values))
        opf = sp.get("opfoelgning", {})
        points.append(
            Sigtepunkt(
                titel=sp.get("titel"),
                beskrivelse=sp.get("beskrivelse"),
                raekker=rows,
                opfoelgning=Opfoelgning(
                    **{k: opf.get(k) for k in FOLLOWUP_TEXT_KEYS},
                    datoer=[d for d in (_model_date(t) for t in opf.get("datoer", [])) if d is not None],
                ),
            )
        )
    return Plan(
        kommune=front.get("kommune"),
        enhed=front.get("enhed"),
        indsats=front.get("indsats"),
        periode_start=_model_date(front.get("periode_start")),
        periode_slut=_model_date(front.get("periode_slut")),
        fase=front.get("fase"),
        team=[TeamMember(navn=m.get("navn"), rolle=m.get("rolle")) for m in desc.get("team", [])],
        godkendt_af=front.get("godkendt_af"),
        godkendt_dato=_model_date(front.get("godkendt_dato")),
        sigtepunkter=points,
    )


def build_bytes(desc: dict) -> bytes:
    plan = to_plan(desc)
    wb = plan_to_workbook(plan)
    n_rows = size_for(plan).rows
    front = wb[L.FRONT_SHEET]
    for field in L.FRONT_FIELDS:
        if field.key in FRONT_DATE_KEYS:
            set_value(front.cell(row=field.row, column=L.VALUE_COL), cell_value(desc["front"].get(field.key)))
    table = L.ROW_TABLE
    followup_dates_row = L.followup_heading_row(n_rows) + next(f.row for f in L.FOLLOWUP_FIELDS if f.key == "datoer")
    for n, sp in enumerate(desc["sigtepunkter"], start=1):
        ws = wb[L.sigtepunkt_sheet_name(n)]
        for offset, raw in enumerate(sp.get("raekker", [])):
            for key in ROW_DATE_KEYS:
                set_value(ws.cell(row=table.first_data_row + offset, column=table.col(key)), cell_value(raw.get(key)))
        for k, text in enumerate(sp.get("opfoelgning", {}).get("datoer", [])):
            set_value(ws.cell(row=followup_dates_row, column=L.VALUE_COL + k), cell_value(text))
    return workbook_bytes(wb)


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist() if name != "docProps/core.xml"}


def same_workbook(path: Path, data: bytes) -> bool:
    """True when ``path`` already holds this workbook: every part but the save time stamp in
    docProps/core.xml (which, like the zip entry times, differs on every build)."""
    try:
        return _parts(path.read_bytes()) == _parts(data)
    except (OSError, zipfile.BadZipFile):
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=PLANS, help="folder to write to (default: data/real/plans)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in description_files():
        desc = load_description(path)
        target = args.out / f"{desc['slug']}.xlsx"
        data = build_bytes(desc)
        if same_workbook(target, data):
            print(f"{target} (unchanged)")
            continue
        atomic_write_bytes(target, data)
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
