"""The annotation surface for a workbook file (openpyxl), and the annotated copy that ``check`` writes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.colors import Color
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink

from ..annotate.marks import NOTE_AUTHOR, SEVERITY_FILL, Link, annotate
from ..findings import SEVERITY_DA
from .atomic import atomic_write_bytes
from ..text.errors_da import os_error_reason
from .lite_parts import carry_lite_parts
from .limits import Expired, bounded
from .reader import kept_merges
from .safety import ReadError, damaged_reason, preflight
from .xlsx_fast import package_for_openpyxl
from .template import DATE_FORMAT, landscape_a4, workbook_bytes
from .writer import fit_row_height

WIDTHS = (26, 16, 10, 24, 70, 55, 30)  # Tjek sheet columns: Alvor, Ark, Celle, Felt, Besked, Forslag, Kode
WRAP_COLUMNS = {5, 6}


def _color(c: Color | None) -> dict | None:
    if c is None:
        return None
    if c.type == "rgb":
        return {"rgb": c.rgb}
    if c.type == "theme":
        return {"theme": c.theme, "tint": c.tint}
    if c.type == "indexed":
        return {"indexed": c.indexed}
    return None


def _uncolor(d: dict | None) -> Color | None:
    if not d:
        return None
    if "rgb" in d:
        return Color(rgb=d["rgb"])
    if "theme" in d:
        return Color(theme=d["theme"], tint=d.get("tint", 0.0))
    return Color(indexed=d["indexed"])


class OpenpyxlSurface:
    def __init__(self, wb: Workbook):
        self.wb = wb

    def sheet_names(self) -> list[str]:
        return list(self.wb.sheetnames)

    def _cell(self, sheet: str, ref: str):
        """The cell that holds ``ref``'s value (a merged range's top-left cell), or None for no such cell.

        A finding may name a cell that a unit merged into its neighbour, and a forged or damaged marks
        sheet may name a cell that cannot exist: neither may stop the annotation.
        """
        try:
            ws = self.wb[sheet]
            cell = ws[ref]
        except (KeyError, ValueError, IndexError, TypeError):
            return None
        if isinstance(cell, tuple):  # a range, not one cell
            return None
        if isinstance(cell, MergedCell):
            for merged in ws.merged_cells.ranges:
                if cell.coordinate in merged:
                    return ws.cell(row=merged.min_row, column=merged.min_col)
            return None
        return cell

    def get_fill(self, sheet: str, cell: str) -> str:
        target = self._cell(sheet, cell)
        fill = target.fill if target is not None else None
        if fill is None or not fill.fill_type:
            return ""
        return json.dumps({"type": fill.fill_type, "fg": _color(fill.fgColor), "bg": _color(fill.bgColor)})

    def set_fill(self, sheet: str, cell: str, fill: str | None, rgb: str | None = None) -> None:
        target = self._cell(sheet, cell)
        if target is None:
            return
        if rgb:
            target.fill = PatternFill("solid", fgColor=rgb, bgColor=rgb)
        elif fill:
            try:  # the earlier fill as we recorded it; a forged record restores no fill rather than failing
                data = json.loads(fill)
                kwargs = {"fill_type": data["type"]}
                if data.get("fg"):
                    kwargs["fgColor"] = _uncolor(data["fg"])
                if data.get("bg"):
                    kwargs["bgColor"] = _uncolor(data["bg"])
                target.fill = PatternFill(**kwargs)
            except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
                target.fill = PatternFill(fill_type=None)
        else:
            target.fill = PatternFill(fill_type=None)

    def get_note(self, sheet: str, cell: str) -> str:
        target = self._cell(sheet, cell)
        comment = target.comment if target is not None else None
        return comment.text if comment else ""

    def set_note(self, sheet: str, cell: str, text: str) -> None:
        target = self._cell(sheet, cell)
        if target is None:
            return
        if text:
            comment = Comment(text, NOTE_AUTHOR)
            comment.width, comment.height = 320, 160
            target.comment = comment
        else:
            target.comment = None

    def remove_sheet(self, name: str) -> None:
        self.wb.remove(self.wb[name])

    def read_sheet(self, name: str) -> list[list[object]]:
        return [list(row) for row in self.wb[name].iter_rows(values_only=True)]

    def write_sheet(self, name, rows, links: dict[tuple[int, int], Link], hidden=False, first=False) -> None:
        ws = self.wb.create_sheet(name, 0 if first else None)
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text stays text
                if isinstance(value, dt.date):
                    cell.number_format = DATE_FORMAT
                cell.alignment = Alignment(wrap_text=c in WRAP_COLUMNS, vertical="top")
            if not hidden:
                fit_row_height(ws, r, [(v, WIDTHS[c - 1]) for c, v in enumerate(values, start=1) if c in WRAP_COLUMNS])
        for (r, c), link in links.items():
            cell = ws.cell(row=r, column=c)
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{quote_sheetname(link.sheet)}!{link.cell}")
            cell.font = Font(color="0563C1", underline="single")
        if hidden:
            ws.sheet_state = "hidden"
            return
        ws.cell(row=1, column=1).font = Font(bold=True, size=14)
        for r, values in enumerate(rows, start=1):
            if values and values[0] in ("Belastningsprøve", "Alvor"):
                for c in range(1, len(values) + 1):
                    ws.cell(row=r, column=c).font = Font(bold=True)
                if values[0] == "Alvor":
                    ws.freeze_panes = ws.cell(row=r + 1, column=1)
                    ws.auto_filter.ref = f"A{r}:G{max(r, len(rows))}"
        for index, width in enumerate(WIDTHS, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        # printed like the rest: A4 landscape, one page wide, the findings' header row on every page, and
        # each finding's severity in the colour its cells have in the plan
        header = next((r for r, values in enumerate(rows, start=1) if values and values[0] == "Alvor"), None)
        landscape_a4(ws, pages_wide=1, title_rows=f"{header}:{header}" if header else None)
        ws.page_margins.left = ws.page_margins.right = 0.4
        if header:
            fills = {SEVERITY_DA[s]: PatternFill("solid", fgColor=rgb, bgColor=rgb) for s, rgb in SEVERITY_FILL.items()}
            for r in range(header + 1, len(rows) + 1):
                fill = fills.get(rows[r - 1][0] if rows[r - 1] else None)
                if fill is not None:
                    for c in range(1, len(WIDTHS) + 1):
                        ws.cell(row=r, column=c).fill = fill
        self.wb.active = 0
        for other in self.wb.worksheets[1:]:
            other.sheet_view.tabSelected = False


def write_annotated_copy(source: Path, target: Path, report) -> int:
    """Write ``source`` with the report's marks to ``target``; the source is never written."""
    source, target = Path(source), Path(target)
    if target.exists() and target.resolve() == source.resolve():
        raise ReadError(source, "den annoterede kopi må ikke overskrive den oprindelige fil. Vælg et andet navn.")
    preflight(source)
    with bounded(source):
        try:
            # the same bounded view of the package as the reader's openpyxl engine: no comments, and merged
            # ranges only as the reader keeps them (see xlsx_fast.package_for_openpyxl)
            package = package_for_openpyxl(source, kept_merges).package
            if isinstance(package, (str, Path)):  # a file object: openpyxl would refuse a name like '.xlsx'
                with Path(package).open("rb") as handle:
                    wb = load_workbook(handle, keep_vba=False, keep_links=False)
            else:
                wb = load_workbook(package, keep_vba=False, keep_links=False)
        except (ReadError, MemoryError, Expired):  # the limits say what they are (io/limits.py)
            raise
        except OSError as exc:
            raise ReadError(source, f"{os_error_reason(exc)}.") from None
        except Exception as exc:  # openpyxl raises many kinds on a damaged package; none reaches the user in English
            raise ReadError(source, f"den annoterede kopi kan ikke laves: {damaged_reason(exc)}") from None
        marks = annotate(OpenpyxlSurface(wb), report)
        # openpyxl drops an xlwings Lite workbook's code (its web extension parts): carry them over
        data = carry_lite_parts(source, workbook_bytes(wb))
    atomic_write_bytes(target, data)
    return len(marks)
