"""Writing ``forankring udsend``'s output: one pre-filled plan per unit and the send list.

All or nothing through the shared output policy (``outputs.write_files``): the folder never holds half
a send-out, existing files are refused before anything is written (unless ``--overskriv``), and the
unit list itself is never replaced.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Protection

from ..layout import spec as L
from ..layout.own_outputs import SEND_LIST_SHEET
from ..sendout.units import Unit
from .outputs import write_files
from .template import DATE_FORMAT, HEADER_FILL, HEADER_FONT, workbook_bytes
from .writer import plan_to_workbook

SEND_LIST = "Udsendelsesliste.xlsx"
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


def write_sendout(units: list[Unit], out_dir: Path, overwrite: bool = False, inputs: tuple[Path, ...] = ()) -> list[Path]:
    """Write every unit's plan and the send list into ``out_dir``; all or nothing. Returns the paths.
    ``inputs`` (the unit list) are never replaced, not even with ``overwrite``."""
    contents = [(u.file_name, lambda u=u: workbook_bytes(unit_workbook(u))) for u in units]
    contents.append((SEND_LIST, lambda: workbook_bytes(send_list_workbook(units))))
    return write_files(Path(out_dir), contents, overwrite=overwrite, inputs=inputs)
