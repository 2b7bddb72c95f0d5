"""Writing ``forankring udsend``'s output: one pre-filled plan per unit and the send list.

All or nothing: every file is first written into a private staging folder inside the output folder,
then renamed into place; if anything fails, whatever was already placed is removed again, so the
folder never holds half a send-out. Existing files are refused before anything is written.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Protection

from ..layout import spec as L
from ..sendout.units import Unit
from .outputs_local import refuse_existing
from .template import DATE_FORMAT, HEADER_FILL, HEADER_FONT, workbook_bytes
from .writer import plan_to_workbook

SEND_LIST = "Udsendelsesliste.xlsx"
SEND_LIST_SHEET = "Udsendelse"
#: Columns of the send list: (header, width, value). The headers are the mail-merge field names.
SEND_LIST_COLUMNS = (
    ("Kommune", 18, lambda u: u.kommune),
    ("Enhed", 34, lambda u: u.enhed),
    ("Kontaktperson", 24, lambda u: u.kontaktperson),
    ("E-mail", 30, lambda u: u.email),
    ("Fil", 44, lambda u: u.file_name),
    ("Svarfrist", 12, lambda u: u.svarfrist),
    ("Indsats", 34, lambda u: u.indsats),
    ("Enheds-ID", 18, lambda u: u.unit_id),
)
#: Front fields HR decides; they are locked in the sent plan (the unit fills in the rest).
HR_FIELDS = ("kommune", "enhed", "indsats", "periode_start", "periode_slut")
LOCKED = Protection(locked=True)


def unit_workbook(unit: Unit) -> Workbook:
    """The template, written through the plan writer with the unit's front page, HR's fields locked."""
    wb = plan_to_workbook(unit.plan())
    front = wb[L.FRONT_SHEET]
    for field in L.FRONT_FIELDS:
        if field.key in HR_FIELDS and getattr(unit.plan(), field.key) is not None:
            front.cell(row=field.row, column=L.VALUE_COL).protection = LOCKED
    for n, _title in enumerate(unit.sigtepunkter, start=1):
        ws = wb[L.sigtepunkt_sheet_name(n)]
        for field in L.SIGTEPUNKT_FIELDS:
            if field.key == "titel":
                ws.cell(row=field.row, column=L.VALUE_COL).protection = LOCKED
    return wb


def send_list_workbook(units: list[Unit]) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = SEND_LIST_SHEET
    ws.append([header for header, _, _ in SEND_LIST_COLUMNS])
    for col, (_, width, _) in enumerate(SEND_LIST_COLUMNS, start=1):
        cell = ws.cell(row=1, column=col)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        ws.column_dimensions[cell.column_letter].width = width
    for unit in units:
        ws.append([value(unit) for _, _, value in SEND_LIST_COLUMNS])
        for cell in ws[ws.max_row]:
            if hasattr(cell.value, "year"):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # a name starting with '=' stays text
    ws.freeze_panes = ws.cell(row=2, column=1)
    ws.auto_filter.ref = ws.dimensions
    return wb


def targets(units: list[Unit], out_dir: Path) -> list[Path]:
    return [out_dir / u.file_name for u in units] + [out_dir / SEND_LIST]


def write_sendout(units: list[Unit], out_dir: Path, overwrite: bool = False) -> list[Path]:
    """Write every unit's plan and the send list into ``out_dir``; all or nothing. Returns the paths."""
    out_dir = Path(out_dir)
    paths = targets(units, out_dir)
    refuse_existing(paths, overwrite)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".udsend-", dir=out_dir))
    placed: list[Path] = []
    try:
        contents = [(u.file_name, lambda u=u: workbook_bytes(unit_workbook(u))) for u in units]
        contents.append((SEND_LIST, lambda: workbook_bytes(send_list_workbook(units))))
        for name, make in contents:
            with open(staging / name, "wb") as handle:
                handle.write(make())
                handle.flush()
                os.fsync(handle.fileno())
        if not overwrite:
            refuse_existing(paths)  # a file that appeared while we were writing is not replaced either
        for name, _ in contents:
            os.replace(staging / name, out_dir / name)
            placed.append(out_dir / name)
    except BaseException:
        if not overwrite:
            for path in placed:
                path.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return paths
