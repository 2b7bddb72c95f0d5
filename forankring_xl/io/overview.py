"""The overview workbook across all units (openpyxl, write-only so a big batch stays small in memory)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from ..overdue.items import KIND_LABELS
from ..text.dates import format_date
from .atomic import atomic_write_bytes
from .template import landscape_a4, workbook_bytes
from .writer import fit_row_height

HEADER_ROW, FIRST_DATA_ROW = 2, 3  # row 1: the as-of date
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")  # narrow number columns: the header wraps
LINK_FONT = Font(color="0563C1", underline="single")
DIMENSIONS = ("ejerskab", "tidsplan", "målkvalitet", "opfølgning", "organisatorisk forankring")
STATUS_DA = {"failed": "fejlet", "skipped": "sprunget over"}


CELL_ALIGNMENT = Alignment(wrap_text=True, vertical="top")  # long names wrap instead of being cut off


class _Sheet:
    def __init__(self, wb: Workbook, title: str, headers: list[str], widths: list[int], as_of: dt.date,
                 pages_wide: int = 2):
        self.ws = wb.create_sheet(title)
        self.headers = headers
        self.widths = widths
        self.rows = 0
        for i, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        self.ws.freeze_panes = f"A{FIRST_DATA_ROW}"  # the as-of line and the header stay in view
        # printed: A4 landscape, at most two pages wide (one is too small to read with 18 columns), the
        # as-of line and header on every page, and the first column (the unit, or the file) on both halves
        landscape_a4(self.ws, pages_wide=pages_wide, title_rows=f"1:{HEADER_ROW}",
                     title_cols="A:A" if pages_wide > 1 else None)
        self.ws.row_dimensions[HEADER_ROW].height = 30
        as_of_cell = self._text(f"Pr. {format_date(as_of)} (forankring-xl)")
        as_of_cell.alignment = Alignment(vertical="top")  # one line, over the columns beside it
        self.ws.append([as_of_cell])
        header = []
        for h in headers:
            cell = WriteOnlyCell(self.ws, value=h)
            cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
            header.append(cell)
        self.ws.append(header)

    def _text(self, value):
        cell = WriteOnlyCell(self.ws, value=value)
        cell.alignment = CELL_ALIGNMENT
        if isinstance(value, str):
            cell.data_type = "s"  # text from workbooks never becomes a formula
        if isinstance(value, dt.date):
            cell.number_format = "dd-mm-yyyy"
        return cell

    def link(self, text: str, target: str | None):
        cell = self._text(text)
        if target:
            cell.hyperlink = Hyperlink(ref="", target=target)
            cell.font = LINK_FONT
        return cell

    def append(self, values: list) -> None:
        # room for the wrapped text (neither openpyxl nor LibreOffice fits a row's height to it)
        fit_row_height(self.ws, FIRST_DATA_ROW + self.rows,
                       [(v, w) for v, w in zip(values, self.widths) if isinstance(v, str)])
        self.ws.append([v if isinstance(v, Cell) else self._text(v) for v in values])
        self.rows += 1

    def finish(self) -> None:
        last = get_column_letter(len(self.headers))
        self.ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(self.rows, 1)}"


def _rel(target: Path, start: Path) -> str:
    return Path(os.path.relpath(target, start)).as_posix()


def _date(text: str | None):
    return dt.date.fromisoformat(text) if text else None


PROGRESS_SHEET = "Udvikling siden sidst"


def _share(value: float | None) -> str | None:
    return None if value is None else f"{round(100 * value)} %"


def _before_after(before, after) -> str | None:
    if before is None and after is None:
        return None
    shown = ["–" if x is None else str(x) for x in (before, after)]
    return f"{shown[0]} → {shown[1]}"


def write_progress_sheet(wb: Workbook, as_of: dt.date, overview, links) -> None:
    """"Udvikling siden sidst": one line per unit, what moved since its previous version in the archive."""
    from ..progress import summary_of

    sheet = _Sheet(wb, PROGRESS_SHEET,
                   ["Enhed", "Kommune", "Indsats", "Forrige version pr.", "Delmål nået", "Mål nået", "Nye forfaldne",
                    "Ikke længere forfaldne", "Datoer flyttet", "Ansvarlige skiftet", "Rækker tilføjet",
                    "Rækker fjernet", "SMART bedre", "SMART dårligere", "SMART-andel før", "SMART-andel nu",
                    "Belastningsprøve før", "Belastningsprøve nu", *[d.capitalize() for d in DIMENSIONS],
                    "Bemærkning", "Fil", "Kildefil", "Arkiv"],
                   [26, 18, 30, 12, 9, 8, 10, 11, 9, 11, 10, 10, 9, 11, 10, 10, 13, 13, 10, 10, 12, 12, 15, 36, 30,
                    11, 11], as_of)
    for entry in overview:
        p, s = entry["plan"], summary_of(entry)
        if s is None:
            continue  # an entry from before progress was computed
        counts = [s.reached_delmaal, s.reached_maal, s.newly_late, s.no_longer_late, s.dates_moved,
                  s.owners_changed, s.rows_added, s.rows_removed, s.smart_up, s.smart_down] if s.compared else [None] * 10
        dims = [_before_after(*s.stress_dimensions.get(d, [None, None])) if s.compared else None for d in DIMENSIONS]
        sheet.append([p["enhed"], p["kommune"], p["indsats"], s.previous_as_of, *counts,
                      _share(s.smart_share_before), _share(s.smart_share_after),
                      s.stress_before if s.compared else None, s.stress_after if s.compared else None, *dims,
                      s.note, entry["source"], *links(sheet, entry["source"], entry["archive"])])
    sheet.finish()


def write_overview(path: Path, as_of: dt.date, overview, records: list[dict], inbox: Path,
                   archive_dir: Path) -> None:
    """``overview`` is an iterable of per-plan entries that can be iterated more than once (a store on disk)."""
    path = Path(path)
    base = path.resolve().parent
    wb = Workbook(write_only=True)

    def links(sheet: _Sheet, entry_source: str, archive: str | None):
        return [sheet.link("Kildefil", _rel(Path(inbox).resolve() / entry_source, base)),
                sheet.link("Arkiv-JSON", _rel(Path(archive_dir).resolve() / archive, base)) if archive else None]

    plans = _Sheet(wb, "Planer", ["Enhed", "Kommune", "Indsats", "Fase", "Fejl", "Advarsler", "Ikke-SMART delmål",
                                  "Forfaldne", "Sidst fulgt op", "Belastningsprøve", *[d.capitalize() for d in DIMENSIONS],
                                  "Fil", "Kildefil", "Arkiv"],
                   [28, 20, 40, 14, 7, 10, 12, 10, 13, 16, 10, 10, 12, 12, 15, 36, 11, 11], as_of)
    for entry in overview:
        p = entry["plan"]
        plans.append([p["enhed"], p["kommune"], p["indsats"], p["fase"], p["errors"], p["warnings"],
                      p["non_smart_delmaal"], p["overdue"], _date(p["last_followup"]), p["stress_overall"],
                      *[p["stress"].get(d) for d in DIMENSIONS], entry["source"],
                      *links(plans, entry["source"], entry["archive"])])
    plans.finish()

    overdue = _Sheet(wb, "Forfaldne", ["Enhed", "Ansvarlig", "Type", "Sigtepunkt", "Tekst", "Frist", "Dage over",
                                       "Status", "Ark", "Celle", "Fil", "Kildefil", "Arkiv"],
                     [26, 20, 11, 28, 50, 11, 9, 12, 13, 7, 30, 11, 11], as_of)
    rows = [(item, entry["source"], entry["archive"]) for entry in overview for item in entry["overdue"]]
    rows.sort(key=lambda x: (x[0]["plan"] or "", x[0]["owner"] or "", -(x[0]["days_overdue"] or 0)))
    for i, source, archive in rows:
        overdue.append([i["plan"], i["owner"], KIND_LABELS.get(i["kind"], i["kind"]), i["sigtepunkt"], i["text"],
                        _date(i["due"]), i["days_overdue"], i["status"], i["sheet"], i["cell"], source,
                        *links(overdue, source, archive)])
    overdue.finish()

    smart = _Sheet(wb, "Ikke-SMART delmål", ["Enhed", "Sigtepunkt", "Delmål", "Mangler", "Hvorfor", "Ansvarlig",
                                             "Ark", "Celle", "Fil", "Kildefil", "Arkiv"],
                   [26, 28, 50, 10, 70, 20, 13, 7, 30, 11, 11], as_of)
    for entry in overview:
        for n in entry["nonsmart"]:
            smart.append([entry["plan"]["enhed"], n["sigtepunkt"], n["text"], ", ".join(n["letters"]),
                          " ".join(n["reasons"]), n["owner"], n["sheet"], n["cell"], entry["source"],
                          *links(smart, entry["source"], entry["archive"])])
    smart.finish()

    write_progress_sheet(wb, as_of, overview, links)

    # one page wide: five columns, the reason wrapping in its own
    bad = _Sheet(wb, "Fejlede filer", ["Fil", "Status", "Begrundelse", "Kildefil", "Arkiv"], [34, 13, 62, 9, 9], as_of,
                 pages_wide=1)
    for r in records:
        if r["status"] in ("failed", "skipped"):
            bad.append([r["path"], STATUS_DA[r["status"]], r["reason"], *links(bad, r["path"], None)])
    bad.finish()
    atomic_write_bytes(path, workbook_bytes(wb))
