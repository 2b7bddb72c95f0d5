"""Reader: workbook → Plan (openpyxl).

Finds everything by its labels rather than by fixed addresses, so real
returned workbooks read: rows inserted above the table, extra empty rows,
sigtepunkt sheets copied and renamed, labels with other case or trailing
spaces, extra sigtepunkt sheets, merged cells, formulas (their cached value),
dates typed as Danish text, and the 1904 date system.

Whatever cannot be read becomes a :class:`Finding` with sheet and cell; the
text is kept in the plan (as :class:`Raw` where the field needs a date or a
list value). A file that is not a readable forankringsplan raises
:class:`ReadError` with a Danish reason.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..annotate.marks import REGISTRY_SHEET, is_report_sheet
from ..findings import Finding, Severity
from ..layout import spec as L
from ..layout.locator import Locator
from ..layout.own_outputs import own_output_kind
from ..model import (MAX_CELL_TEXT, Opfoelgning, Plan, PlanRow, Raw, Sigtepunkt, TeamMember,
                     date_cell_value, list_member)
from ..text.datecell import ONGOING_LABELS, is_ongoing, ongoing_message, unreadable_message
from .cell_text import decode
from .formula_value import FormulaValue
from .limits import Expired, bounded
from .safety import ReadError, Skipped, damaged_reason, preflight

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from .xlsx_fast import FastSheet

# openpyxl and the fast engine (which uses openpyxl's helpers) are imported where a file is read: reading
# through an adapter (xlwings, in a ribbon click's fresh Python) then never loads openpyxl (~150 ms).

ENGINES = ("fast", "openpyxl")
#: Sheets that hold no plan data and are not read: what `check --annotate` adds, and the template's
#: guide and hidden lists, which are fully protected (no unlocked cell) so a unit cannot type in them.
NOT_PLAN_SHEETS = frozenset({REGISTRY_SHEET, L.GUIDE_SHEET, L.LISTS_SHEET})
# a sheet named "Tjek" is left out only when it is our report (its first cell says so): a unit may well
# have named a sigtepunkt sheet "Tjek"

_REMARK = re.compile(r"\([^)]*\)")
MAX_SCAN_ROWS = 5000  # rows looked at per sheet; bounded work for any input
MAX_SCAN_COLS = 60
MAX_MERGED_AREA = 2000  # cells in one merged range (the template's largest has 12)
SERIAL_MIN, SERIAL_MAX = 18264, 73415  # 1950-01-01 .. 2100-12-31 in the 1900 system
DATE_MIN, DATE_MAX = dt.date(*L.PLAN_DATE_MIN), dt.date(*L.PLAN_DATE_MAX)


def _as_date(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value

_CLOSED = L.LIST_ENUMS
_KIND_NAMES = {L.Kind.STATUS: "status", L.Kind.PHASE: "fase", L.Kind.ROLE: "rolle"}


class OwnOutput(Skipped):
    """A workbook forankring wrote itself that is no plan (a påmind list, a send list, a batch overview)."""

    def __init__(self, path: Path | str, what: str):
        super().__init__(path, f"det er {what}, ikke en plan.")
        self.what = what

    @property
    def message(self) -> str:
        return f"Kan ikke læse '{self.path}': det er {self.what}, ikke en plan. Angiv en plan, som en enhed har udfyldt."


@dataclass
class ReadResult:
    plan: Plan
    findings: list[Finding] = field(default_factory=list)
    locator: Locator = field(default_factory=Locator)
    template_version: str | None = None


def normalise_label(text: object) -> str:
    """Lower-case, single spaces, no '(…)' remarks and no trailing ':' or '?'."""
    if not isinstance(text, str):
        return ""
    return _normalise(text)


@lru_cache(maxsize=4096)
def _normalise(text: str) -> str:
    s = _REMARK.sub(" ", text.casefold())
    s = " ".join(s.split())
    return s.rstrip(" :?*.").strip()


_PLURAL_ENDINGS = ("er", "e", "r")  # aktivitet-er, ansvarlig-e, …: a header in the plural is the same column


def _label_matches(cell_text: str, label: str) -> bool:
    """``label`` is a whole-word prefix of ``cell_text`` (both normalised), also in the plural."""
    if not cell_text.startswith(label):
        return False
    rest = cell_text[len(label):]
    if not rest or not rest[0].isalnum():
        return True
    for ending in _PLURAL_ENDINGS:
        if rest.startswith(ending) and (len(rest) == len(ending) or not rest[len(ending)].isalnum()):
            return True
    return False


_LABELS: dict[int, tuple[tuple[L.Column, ...], tuple[tuple[L.Column, str], ...]]] = {}


def _column_labels(columns: tuple[L.Column, ...]) -> tuple[tuple[L.Column, str], ...]:
    """The normalised match label of each column, computed once per columns tuple."""
    hit = _LABELS.get(id(columns))
    if hit is None or hit[0] is not columns:
        hit = (columns, tuple((column, normalise_label(column.match)) for column in columns))
        _LABELS[id(columns)] = hit
    return hit[1]


def _match_column(text: object, columns: tuple[L.Column, ...], normalised: bool = False) -> L.Column | None:
    """The column whose label is the longest whole-word prefix of ``text``."""
    norm = text if normalised else normalise_label(text)
    if not norm:
        return None
    best, best_len = None, -1
    for column, label in _column_labels(columns):
        if len(label) > best_len and _label_matches(norm, label):
            best, best_len = column, len(label)
    return best


def _serial_date(serial: float) -> dt.date:
    """The day of a 1900-system date serial from 1900-03-01 on, as openpyxl's ``from_excel`` gives it
    (the time of day rounded to milliseconds first, so 0.9999999 of a day is the next day)."""
    days, fraction = divmod(serial, 1)
    return (EXCEL_EPOCH + dt.timedelta(days=days, milliseconds=round(fraction * 86_400_000))).date()


EXCEL_EPOCH = dt.datetime(1899, 12, 30)


_DROPPED = (0, 0)  # the anchor of a cell inside a merged range that was dropped


@dataclass
class MergedIndex:
    """Merged ranges within the scan window: each covered cell's top-left cell, and the dropped ranges."""

    anchor: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    dropped: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_col, min_row, max_col, max_row
    kept: list[tuple[int, int, int, int]] = field(default_factory=list)  # clipped to the window

    def hidden(self, row: int, col: int) -> bool:
        """Inside a kept range but not its top-left cell: such a cell shows nothing (openpyxl: a MergedCell)."""
        return (row, col) in self.hidden_cells

    @property
    def hidden_cells(self) -> set[tuple[int, int]]:
        cells = self.__dict__.get("_hidden")
        if cells is None:
            cells = self.__dict__["_hidden"] = {cell for cell, at in self.anchor.items()
                                                if at != _DROPPED and at != cell}
        return cells

    def top_left(self, row: int, col: int) -> tuple[int, int]:
        at = self.anchor.get((row, col))
        return (row, col) if at is None or at == _DROPPED else at


def index_merged(ranges, max_row: int, max_col: int) -> MergedIndex:
    """Index merged ranges in time linear in the scan window plus their number, whatever the ranges.

    Every step either claims a cell no range has claimed (at most ``max_row * max_col`` of them), or ends
    a range at its first already-claimed cell. Such a range overlaps an earlier one, which Excel itself
    does not allow (it repairs the file by removing the range); it is dropped here too, as is a range of
    more than MAX_MERGED_AREA cells. A dropped range's cells keep their own values. Before this, each
    range was expanded in full: 3,000 overlapping sheet-sized ranges in a 25 KB file took over 90 seconds.
    """
    index = MergedIndex()
    claimed = index.anchor
    for min_col, min_row, max_col_r, max_row_r in ranges:
        mark = (min_row, min_col)
        area = max(0, min(max_row_r, max_row) - min_row + 1) * max(0, min(max_col_r, max_col) - min_col + 1)
        if area > MAX_MERGED_AREA:  # no plan merges this much; dropping a merge never loses a value
            index.dropped.append((min_col, min_row, max_col_r, max_row_r))
            continue
        conflict = None
        cols = range(min_col, min(max_col_r, max_col) + 1)
        for row in range(min_row, min(max_row_r, max_row) + 1):
            for col in cols:
                cell = (row, col)
                if cell in claimed:
                    conflict = cell
                    break
                claimed[cell] = mark
            if conflict:
                break
        if conflict:
            for row in range(min_row, conflict[0] + 1):  # what this range claimed before the conflict
                for col in cols:
                    if (row, col) == conflict:
                        break
                    claimed[(row, col)] = _DROPPED
            index.dropped.append((min_col, min_row, max_col_r, max_row_r))
        elif min_row <= max_row and min_col <= max_col:
            index.kept.append((min_col, min_row, min(max_col_r, max_col), min(max_row_r, max_row)))
    return index


def kept_merges(ranges: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """The merged ranges the reader keeps, clipped to what it scans (what openpyxl may be given)."""
    return index_merged(ranges, MAX_SCAN_ROWS, MAX_SCAN_COLS).kept


class _OpenpyxlSource:
    """Cells of an openpyxl worksheet; formulas get their cached value from a values-only load.

    ``merged`` are the ranges as the package lists them (read before openpyxl, see ``merged_ranges``),
    so the reader indexes them exactly as for the fast engine.
    """

    def __init__(self, reader: "_Reader", ws: Worksheet, merged: list[tuple[int, int, int, int]]):
        from openpyxl.cell.cell import MergedCell

        self._merged_cell = MergedCell
        self.reader, self.ws, self.title = reader, ws, ws.title
        self.max_row, self.max_col = ws.max_row, ws.max_column
        self.merged = merged

    def items(self):
        """(row, col) of every cell that may hold a value, within the scan bounds."""
        for row in self.ws.iter_rows(max_row=min(self.max_row, MAX_SCAN_ROWS), max_col=min(self.max_col, MAX_SCAN_COLS)):
            for cell in row:
                if cell.value is not None and not isinstance(cell, self._merged_cell):
                    yield cell.row, cell.column

    def value(self, row: int, col: int) -> Any:
        cell = self.ws._cells.get((row, col))  # never create a cell just by looking (ws.cell would)
        if cell is None or isinstance(cell, self._merged_cell):
            return None
        value = cell.value
        if cell.data_type == "f":
            text = value if isinstance(value, str) else str(getattr(value, "text", value))
            cached = self.reader.cached_value(self.title, row, col)
            return FormulaValue(text, decode(cached) if isinstance(cached, str) else cached)
        if not isinstance(value, (str, int, float, dt.date, dt.time, bool, type(None))):
            value = str(getattr(value, "text", value))
        return decode(value) if isinstance(value, str) else value  # openpyxl keeps '_x000D_' as written

    def beyond(self) -> tuple[int, int] | None:
        return min(((r, c) for (r, c), cell in self.ws._cells.items()
                    if (r > MAX_SCAN_ROWS or c > MAX_SCAN_COLS) and not isinstance(cell, self._merged_cell)
                    and _holds(cell.value)), default=None)


class _FastSource:
    """Cells of a sheet read by ``xlsx_fast``."""

    def __init__(self, sheet: FastSheet):
        self.sheet, self.title = sheet, sheet.title
        self.max_row, self.max_col, self.merged = sheet.max_row, sheet.max_col, sheet.merged

    def items(self):
        return self.sheet.cells.keys()

    def value(self, row: int, col: int) -> Any:
        return self.sheet.cells.get((row, col))

    def beyond(self) -> tuple[int, int] | None:
        """The first cell holding something outside the scan window, or None."""
        return min(((r, c) for (r, c), v in self.sheet.cells.items()
                    if (r > MAX_SCAN_ROWS or c > MAX_SCAN_COLS) and _holds(v)), default=None)


def _holds(value: Any) -> bool:
    if isinstance(value, FormulaValue):
        value = value.cached if value.cached is not None else value.formula
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


class _Sheet:
    """One worksheet with merged-cell and formula resolution and bounded scanning."""

    def __init__(self, reader: "_Reader", source):
        self.reader = reader
        self.source = source
        self.title = source.title
        self.max_row = min(source.max_row, MAX_SCAN_ROWS)
        self.max_col = min(source.max_col, MAX_SCAN_COLS)
        # the index spans the whole scan window (not the sheet's own extent), so both engines agree on it
        self._merged = index_merged(source.merged, MAX_SCAN_ROWS, MAX_SCAN_COLS)
        self._seen_formulas: set[tuple[int, int]] = set()
        # an index of the cells that hold something, by row: the scans below visit only these
        self.by_row: dict[int, list[int]] = {}
        self.labels: dict[tuple[int, int], str] = {}
        hidden = self._merged.hidden_cells
        for row, col in sorted(source.items()):
            if row > MAX_SCAN_ROWS or col > MAX_SCAN_COLS or (row, col) in hidden:
                continue
            self.by_row.setdefault(row, []).append(col)
            value = source.value(row, col)
            if isinstance(value, FormulaValue):
                value = value.cached
            if isinstance(value, str):
                self.labels[(row, col)] = normalise_label(value)
        self._report_limits()

    def _report_limits(self) -> None:
        """Say what the bounded scan leaves out, and the merged ranges that had to be dropped."""
        dropped = self._merged.dropped
        if dropped:
            min_col, min_row, max_col, max_row = dropped[0]
            first = f"{L.column_letter(min_col)}{min_row}:{L.column_letter(min(max_col, 16384))}{max_row}"
            count = "1 flettet område er" if len(dropped) == 1 else f"{len(dropped)} flettede områder er"
            self.reader.add(
                "MERGED_OVERLAP",
                Severity.WARNING,
                self.title,
                min_row if min_row <= MAX_SCAN_ROWS else None,
                min_col if min_row <= MAX_SCAN_ROWS and min_col <= MAX_SCAN_COLS else None,
                None,
                f"{count} ignoreret, fordi de overlapper et andet eller er urimeligt store (det første: {first}). "
                "Cellerne i dem er læst hver for sig.",
                "Åbn filen i Excel, ophæv fletningen af de viste celler, og gem den igen.",
            )
        beyond = getattr(self.source, "beyond", None)
        outside = beyond() if beyond else None
        if outside:
            row, col = outside
            where = (f"efter række {MAX_SCAN_ROWS}" if row > MAX_SCAN_ROWS else f"efter kolonne "
                     f"{L.column_letter(MAX_SCAN_COLS)}")
            self.reader.add(
                "CELLS_BEYOND_SCAN",
                Severity.WARNING,
                self.title,
                None,
                None,
                None,
                f"Arket har indhold {where} (fx i {L.column_letter(col)}{row}). Kun de første {MAX_SCAN_ROWS} "
                f"rækker og {MAX_SCAN_COLS} kolonner læses, så det er ikke med i planen.",
                "Flyt indholdet op i tabellen, eller del planen på flere sigtepunkt-ark.",
            )

    def raw(self, row: int, col: int) -> Any:
        """The cell's value; a formula gives its cached value."""
        if self._merged.hidden(row, col):
            return None  # like Excel: only a merged range's top-left cell holds its value
        value = self.source.value(row, col)
        if isinstance(value, FormulaValue):
            if value.cached is not None:
                return value.cached
            if (row, col) not in self._seen_formulas:
                self._seen_formulas.add((row, col))
                self.reader.add(
                    "FORMULA_NO_VALUE",
                    Severity.WARNING,
                    self.title,
                    row,
                    col,
                    None,
                    f"Cellen indeholder formlen {value.formula}, men ingen beregnet værdi. Formlen er læst som tekst.",
                    "Åbn filen i Excel, lad den beregne, og gem den igen – eller skriv værdien direkte.",
                )
            return value.formula
        return value

    def anchor(self, row: int, col: int) -> tuple[int, int]:
        return self._merged.top_left(row, col)

    def rows_in(self, rows: range) -> list[int]:
        return [r for r in self.by_row if r in rows]

    def label(self, row: int, col: int) -> str:
        return self.labels.get((row, col), "")

    def find_label(self, label: str, rows: range, cols: int = 3) -> tuple[int, int] | None:
        """The label's cell among the first ``cols`` columns: the leftmost, then the topmost. Labels stand
        left of their values, so a value that reads like a label (Godkendt af: "Skabelonversion") is
        never taken for the label further down."""
        target = normalise_label(label)
        hits = [(col, row) for row in self.rows_in(rows) for col in self.by_row[row]
                if col <= cols and _label_matches(self.label(row, col), target)]
        if not hits:
            return None
        col, row = min(hits)
        return row, col


class _Reader:
    def __init__(self, path: Path, engine: str = "fast", sources: list | None = None):
        if engine not in ENGINES and sources is None:
            raise ValueError(f"unknown engine {engine!r}")
        self.path = Path(path)
        self.engine = engine
        self.sources = sources
        self.date1904 = False
        self.findings: list[Finding] = []
        self.locator = Locator(front_sheet=None)
        self.wb: Workbook | None = None
        self._values_wb: Workbook | None = None
        self._package: Any = self.path  # what openpyxl loads: the file, or a copy with fewer merged ranges

    # -- opening -------------------------------------------------------------

    def open(self, skip: frozenset[str] = frozenset()) -> list[_Sheet]:
        """The workbook's sheets but ``skip``, read with the chosen engine (or given as sources by an adapter)."""
        if self.sources is not None:
            self._refuse_own_output([source.title for source in self.sources])
            return [_Sheet(self, source) for source in self.sources if source.title not in skip]
        # the fast engine checks every XML part it parses in full for a DOCTYPE, so the preflight
        # needs to look only at the package; openpyxl gets the preflight's scan of every part as well
        preflight(self.path, scan_xml=self.engine == "openpyxl")
        if self.engine == "openpyxl":
            from .xlsx_fast import package_for_openpyxl

            try:
                view = package_for_openpyxl(self.path, kept_merges)
            except (ReadError, MemoryError, Expired):
                raise
            except Exception as exc:
                raise self._as_read_error(exc) from None
            self._package = view.package
            self.wb = self._load(data_only=False)
            self._refuse_own_output(self.wb.sheetnames)
            self.date1904 = self.wb.epoch.year == 1904
            self._package_findings(self.wb.sheetnames, view.renamed, view.missing_strings)
            return [_Sheet(self, _OpenpyxlSource(self, ws, view.merged.get(ws.title, [])))
                    for ws in self.wb.worksheets if ws.title not in skip]
        from .xlsx_fast import FastWorkbook

        try:
            book = FastWorkbook(self.path)
            try:
                self._refuse_own_output(book.sheetnames)  # before any sheet is parsed
                self.date1904 = book.date1904
                sheets = [book.sheet(name) for name in book.sheetnames if name not in skip]
                self._package_findings(book.sheetnames, book.renamed, book.missing_strings)
                return [_Sheet(self, _FastSource(sheet)) for sheet in sheets]
            finally:
                book.close()
        except (ReadError, MemoryError, Expired):  # the limits say what they are (io/limits.py)
            raise
        except Exception as exc:  # a package the fast reader cannot follow: say why, never a traceback
            raise self._as_read_error(exc) from None

    def _refuse_own_output(self, names: list[str]) -> None:
        what = own_output_kind(names)
        if what is not None:
            raise OwnOutput(self.path, what)

    def _package_findings(self, names: list[str], renamed, missing_strings) -> None:
        """What the package itself got wrong: repeated sheet names, cells naming text the file lacks."""
        for old, new in renamed:
            self.add(
                "SHEET_NAME_REPEATED",
                Severity.WARNING,
                new,
                None,
                None,
                None,
                f"Projektmappen har to ark, der hedder '{old}'; det sidste er læst som '{new}'.",
                "Omdøb det ene ark i Excel, så hvert ark har sit eget navn.",
            )
        order = {name: i for i, name in enumerate(names)}
        for sheet, row, col, index in sorted(missing_strings, key=lambda m: (order.get(m[0], len(order)), m[1], m[2])):
            self.add(
                "TEXT_MISSING_IN_FILE",
                Severity.ERROR,
                sheet,
                row,
                col,
                None,
                f"Cellen henviser til tekst nr. {index} i filens tekstliste, som ikke findes; filen er delvis "
                "beskadiget, og cellen er læst som tom.",
                "Åbn filen i Excel, kontrollér cellen, og gem filen igen.",
            )

    def _as_read_error(self, exc: BaseException) -> ReadError:
        chain = []
        cause: BaseException | None = exc
        while cause is not None and len(chain) < 10:
            chain.append(type(cause).__name__)
            cause = cause.__cause__ or cause.__context__
        if any(word in name for name in chain for word in ("Entities", "DTD", "External", "UnsafeXML")):
            return ReadError(self.path, "filen indeholder XML-entiteter (DOCTYPE) og afvises af sikkerhedshensyn.")
        return ReadError(self.path, damaged_reason(exc))

    def _load(self, data_only: bool) -> Workbook:
        from openpyxl import load_workbook

        try:
            package = self._package
            if isinstance(package, (str, Path)):  # a file object: openpyxl refuses names like '.xlsx'
                with Path(package).open("rb") as handle:
                    return load_workbook(handle, data_only=data_only, keep_vba=False, keep_links=False, rich_text=False)
            if hasattr(package, "seek"):
                package.seek(0)
            return load_workbook(
                package, data_only=data_only, keep_vba=False, keep_links=False, rich_text=False
            )
        except (ReadError, MemoryError, Expired):  # the limits say what they are (io/limits.py)
            raise
        except Exception as exc:  # openpyxl raises many kinds; none may reach the user as a traceback
            raise self._as_read_error(exc) from None

    def cached_value(self, sheet: str, row: int, col: int) -> Any:
        """The value Excel last calculated for a formula cell (openpyxl engine)."""
        if self._values_wb is None:
            self._values_wb = self._load(data_only=True)
        return self._values_wb[sheet].cell(row=row, column=col).value

    # -- findings ------------------------------------------------------------

    def add(self, code, severity, sheet, row, col, field_name, message, suggestion=None) -> None:
        cell = f"{L.column_letter(col)}{row}" if row and col else None
        self.findings.append(
            Finding(
                code=code,
                severity=severity,
                sheet=sheet,
                cell=cell,
                field=field_name,
                message=message,
                suggestion=suggestion,
            )
        )

    # -- values ----------------------------------------------------------------

    def value(self, sheet: _Sheet, row: int, col: int, kind: L.Kind, label: str) -> Any:
        """The model value of one cell, with findings for what could not be read."""
        value = sheet.raw(row, col)
        if value is None:
            return None
        if isinstance(value, str) and len(value) > MAX_CELL_TEXT:
            self.add(
                "TEXT_TOO_LONG",
                Severity.ERROR,
                sheet.title,
                row,
                col,
                label,
                f"{label}: teksten er på {len(value):,} tegn, mere end Excels grænse på {MAX_CELL_TEXT:,} tegn; "
                f"kun de første {MAX_CELL_TEXT:,} er læst.".replace(",", "."),
                "Forkort teksten, eller del den på flere rækker.",
            )
            value = value[:MAX_CELL_TEXT]
        if kind is L.Kind.DATE:
            return self._date(sheet, row, col, value, label)
        text = self._text(value)
        if text is None:
            return None
        if kind in _CLOSED:
            enum = _CLOSED[kind]
            member = list_member(enum, text)
            if member is not None:
                return member
            allowed = ", ".join(m.value for m in enum)
            self.add(
                "VALUE_NOT_IN_LIST",
                Severity.ERROR,
                sheet.title,
                row,
                col,
                label,
                f"{label}: '{text}' er ikke en gyldig {_KIND_NAMES[kind]}. Teksten er bevaret.",
                f"Vælg en af: {allowed}.",
            )
            return Raw(raw=text)
        return text

    @staticmethod
    def _text(value: Any) -> str | None:
        if isinstance(value, bool):
            return "SAND" if value else "FALSK"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, dt.datetime):
            return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
        if isinstance(value, (dt.date, dt.time)):
            return value.isoformat()
        text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
        return text or None

    def _date(self, sheet: _Sheet, row: int, col: int, value: Any, label: str) -> dt.date | Raw | None:
        def invalid(kept: str, message: str, suggestion: str = "Skriv en dato, fx 1-3-2027.") -> Raw:
            """DATE_INVALID on this cell; what it holds is kept as written."""
            self.add("DATE_INVALID", Severity.ERROR, sheet.title, row, col, label, message, suggestion)
            return Raw(raw=kept)

        if isinstance(value, dt.date) and not DATE_MIN <= _as_date(value) <= DATE_MAX:
            # a negative number in a date-formatted cell comes out as a day in 1899: not a plan date
            day = _as_date(value)
            epoch = dt.date(1904, 1, 1) if self.date1904 else EXCEL_EPOCH.date()
            number = str((day - epoch).days)
            return invalid(number, f"{label}: cellen indeholder tallet {number}, som Excel viser som "
                                   f"{day:%d-%m-%Y} – uden for {DATE_MIN.year}–{DATE_MAX.year}, så det er ikke en "
                                   "dato i planen. Tallet er bevaret.")
        if isinstance(value, dt.datetime):
            if value.time() != dt.time():
                self.add(
                    "DATE_HAS_TIME",
                    Severity.INFO,
                    sheet.title,
                    row,
                    col,
                    label,
                    f"{label}: cellen har også et klokkeslæt ({value:%H:%M}); kun datoen bruges.",
                )
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            serial = float(value)
            if self.date1904:
                serial += 1462  # the same day in the 1900 system
            if SERIAL_MIN <= serial <= SERIAL_MAX:
                return _serial_date(serial)
            number = self._text(value)
            return invalid(number, f"{label}: tallet {number} er ikke en dato. Tallet er bevaret.")
        text = self._text(value)
        if text is None:
            return None
        # the one date-cell reader: a date, Danish time text with its interval (kept as written), or
        # text that names no time, which is reported
        parsed = date_cell_value(text)
        if isinstance(parsed, Raw) and label in ONGOING_LABELS and is_ongoing(text):
            # "Løbende" as an activity's Start or Slut: a choice, not an unreadable date
            message, suggestion = ongoing_message(label, text)
            self.add("DATE_ONGOING", Severity.INFO, sheet.title, row, col, label, message, suggestion)
        elif isinstance(parsed, Raw):
            return invalid(parsed.raw, *unreadable_message(label, text))
        return parsed

    # -- sheets ------------------------------------------------------------------

    def read(self) -> ReadResult:
        sheets = self.open(skip=NOT_PLAN_SHEETS)
        sheets = [s for s in sheets if not is_report_sheet(s.title, s.raw(1, 1))]
        front = self._find_front(sheets)
        tables = [(s, self._find_header(s)) for s in sheets if s is not front]
        for sheet, header in tables:
            if header is None and sheet.by_row:
                self._unread_sheet(sheet)
        tables = [(s, h) for s, h in tables if h is not None]
        if front is None and not tables:
            raise ReadError(
                self.path,
                "projektmappen er ikke en forankringsplan: der er hverken en forside med 'Kommune' "
                "eller et ark med tabeloverskrifterne Formål, Aktivitet og Ansvarlig.",
            )
        data: dict[str, Any] = {}
        if front is None:
            self.add(
                "FRONT_SHEET_MISSING",
                Severity.ERROR,
                None,
                None,
                None,
                None,
                "Forsiden med kommune, enhed, planperiode og team blev ikke fundet.",
                "Brug skabelonen, og bevar arket 'Forside'.",
            )
        else:
            self.locator.front_sheet = front.title
            data = self._read_front(front)
        version = data.get("skabelon_version")
        points = []
        for index, (sheet, header) in enumerate(tables):
            self.locator.sheets.append(sheet.title)
            points.append(self._read_sigtepunkt(sheet, header, index))
        data["sigtepunkter"] = points
        if not tables:
            self.add(
                "NO_SIGTEPUNKT_SHEET",
                Severity.ERROR,
                None,
                None,
                None,
                None,
                "Der blev ikke fundet noget sigtepunkt-ark med tabellen Formål, Aktivitet, Ansvarlig …",
                "Udfyld mindst ét sigtepunkt-ark i skabelonen.",
            )
        try:
            plan = Plan.model_validate(data)
        except ValidationError as exc:
            from ..text.errors_da import validation_problems

            raise ReadError(self.path, f"indholdet kunne ikke læses som en plan ({validation_problems(exc, 3)}).") from None
        return ReadResult(plan, self.findings, self.locator, version if isinstance(version, str) else None)

    def _unread_sheet(self, sheet: _Sheet) -> None:
        """A sheet with content that is neither the front page nor a sigtepunkt table: said, not dropped."""
        self.add(
            "SHEET_NOT_READ",
            Severity.WARNING,
            sheet.title,
            None,
            None,
            None,
            f"Arket '{sheet.title}' har indhold, men er ikke læst: det er hverken forsiden eller et "
            "sigtepunkt-ark med tabeloverskrifterne Formål, Aktivitet og Ansvarlig.",
            "Er det et sigtepunkt, så brug skabelonens ark og dens overskrifter; ellers kan arket blive.",
        )

    def _find_front(self, sheets: list[_Sheet]) -> _Sheet | None:
        ordered = sorted(sheets, key=lambda s: s.title != L.FRONT_SHEET)
        for sheet in ordered:
            hits = sum(
                1
                for f in L.FRONT_FIELDS[:4]
                if sheet.find_label(f.label, range(1, min(sheet.max_row, 60) + 1)) is not None
            )
            if hits >= 2:
                return sheet
        return None

    def _field_cell(self, sheet: _Sheet, spec: L.Scalar, rows: range, cols: int = 3) -> tuple[int, int] | None:
        hit = sheet.find_label(spec.label, rows, cols)
        if hit is None:
            return None
        row, col = hit
        return sheet.anchor(row, col + 1)

    def _missing(self, sheet: _Sheet, spec: L.Scalar, where: str) -> None:
        self.add(
            "FIELD_NOT_FOUND",
            Severity.WARNING,
            sheet.title,
            None,
            None,
            spec.label,
            f"Feltet '{spec.label}' blev ikke fundet {where}.",
            "Brug skabelonens ark, og lad ledeteksterne i kolonne A stå.",
        )

    def _read_front(self, sheet: _Sheet) -> dict[str, Any]:
        team_header = self._find_team_header(sheet)
        last = team_header[0] - 1 if team_header else sheet.max_row
        data: dict[str, Any] = {}
        label_cols = []
        for spec in L.FRONT_FIELDS:
            hit = sheet.find_label(spec.label, range(1, last + 1))
            if hit is None:
                self._missing(sheet, spec, "på forsiden")
                continue
            label_cols.append(hit[1])
            pos = sheet.anchor(hit[0], hit[1] + 1)
            self.locator.set(("plan", spec.key), sheet.title, *pos)
            data[spec.key] = self.value(sheet, *pos, spec.kind, spec.label)
        # optional (only sent-out plans have it), so looked for only where the labels stand: on any other
        # plan a value may read "Enheds-ID"
        pos = self._field_cell(sheet, L.UNIT_ID, range(1, last + 1), max(label_cols, default=3))
        if pos is not None:
            self.locator.set(("plan", L.UNIT_ID.key), sheet.title, *pos)
            data[L.UNIT_ID.key] = self.value(sheet, *pos, L.UNIT_ID.kind, L.UNIT_ID.label)
        team = []
        if team_header is None:
            self.add(
                "TEAM_TABLE_NOT_FOUND",
                Severity.WARNING,
                sheet.title,
                None,
                None,
                L.TEAM_HEADING,
                "Tabellen over forankringsteamet (Navn, Rolle) blev ikke fundet på forsiden.",
                "Brug skabelonens forside.",
            )
        else:
            header_row, columns = team_header
            for row in range(header_row + 1, sheet.max_row + 1):
                values = {c.key: self.value(sheet, row, col, c.kind, c.header) for col, c in columns.items()}
                member = TeamMember(**values)
                if member.is_empty():
                    continue
                for col, c in columns.items():
                    self.locator.set(("team", len(team), c.key), sheet.title, row, col)
                team.append(member)
            if not team:  # an empty team is reported at the table's first row, where the names belong
                for col, c in columns.items():
                    self.locator.set(("team", 0, c.key), sheet.title, header_row + 1, col)
        data["team"] = team
        return data

    def _find_team_header(self, sheet: _Sheet) -> tuple[int, dict[int, L.Column]] | None:
        for row in sheet.rows_in(range(1, sheet.max_row + 1)):
            columns: dict[int, L.Column] = {}
            for col in sheet.by_row[row]:
                norm = sheet.label(row, col)
                column = _match_column(norm, L.TEAM_TABLE.columns, normalised=True)
                if column is not None and norm == normalise_label(column.match):
                    columns[col] = column
            if {c.key for c in columns.values()} == {"navn", "rolle"}:
                return row, columns
        return None

    def _find_header(self, sheet: _Sheet) -> tuple[int, dict[int, L.Column]] | None:
        required = {"formaal", "aktivitet", "ansvarlig"}
        for row in sheet.rows_in(range(1, min(sheet.max_row, 300) + 1)):
            if len(sheet.by_row[row]) < 6:
                continue  # a header row names at least six columns
            columns: dict[int, L.Column] = {}
            for col in sheet.by_row[row]:
                column = _match_column(sheet.label(row, col), L.ROW_TABLE.columns, normalised=True)
                if column is not None and column.key not in {c.key for c in columns.values()}:
                    columns[col] = column
            if required <= {c.key for c in columns.values()} and len(columns) >= 6:
                return row, columns
        return None

    def _find_followup_heading(self, sheet: _Sheet, after: int) -> int | None:
        """The Opfølgning heading below the table. A plan row may hold the heading's or a label's text
        ('Opfølgning' as an aktivitet), so every row that reads like the heading is a candidate and the
        one followed by most of the block's labels, in the template's order, wins (the lowest on a tie:
        the block stands below the table). Taking the first candidate lost the rows beneath it."""
        heading = normalise_label(L.FOLLOWUP_HEADING)
        first_label = L.FOLLOWUP_FIELDS[0].label
        best: tuple[int, int] | None = None
        for row in sheet.rows_in(range(after + 1, sheet.max_row + 1)):
            if not any(col <= 3 and sheet.label(row, col) == heading for col in sheet.by_row[row]):
                continue
            if not sheet.find_label(first_label, range(row + 1, min(row + 4, sheet.max_row) + 1)):
                continue
            score = self._followup_labels_in_order(sheet, row)
            if best is None or score >= best[0]:
                best = (score, row)
        return best[1] if best else None

    @staticmethod
    def _followup_labels_in_order(sheet: _Sheet, heading: int) -> int:
        """How many of the Opfølgning block's labels follow ``heading`` in order, each within a few rows of
        the one before (a consultant may insert a row or two)."""
        found, row = 0, heading
        for spec in L.FOLLOWUP_FIELDS:
            hit = sheet.find_label(spec.label, range(row + 1, min(row + 4, sheet.max_row) + 1))
            if hit is None:
                break
            found, row = found + 1, hit[0]
        return found

    def _read_sigtepunkt(self, sheet: _Sheet, header: tuple[int, dict[int, L.Column]], index: int) -> Sigtepunkt:
        header_row, columns = header
        data: dict[str, Any] = {}
        for spec in L.SIGTEPUNKT_FIELDS:
            pos = self._field_cell(sheet, spec, range(1, header_row))
            if pos is None:
                self._missing(sheet, spec, "over tabellen")
                continue
            self.locator.set(("sigtepunkt", index, spec.key), sheet.title, *pos)
            data[spec.key] = self.value(sheet, *pos, spec.kind, spec.label)
        missing = [c.header for c in L.ROW_TABLE.columns if c.key not in {m.key for m in columns.values()}]
        if missing:
            self.add(
                "TABLE_COLUMN_MISSING",
                Severity.WARNING,
                sheet.title,
                header_row,
                1,
                None,
                f"Tabellen mangler kolonnen/kolonnerne: {', '.join(missing)}.",
                "Brug skabelonens kolonner, og slet ingen af dem.",
            )
        heading = self._find_followup_heading(sheet, header_row)
        last_row = (heading - 1) if heading else sheet.max_row
        # rows after the last one holding anything are empty template rows: nothing to read there
        used = sheet.rows_in(range(header_row + 1, last_row + 1))
        last_row = max(used, default=header_row)
        rows = []
        for row in range(header_row + 1, last_row + 1):
            values = {}
            for col, column in columns.items():
                values[column.key] = self.value(sheet, row, col, column.kind, column.header)
                self.locator.set(("row", index, len(rows), column.key), sheet.title, row, col)
            self._report_stray_cells(sheet, row, set(columns))
            rows.append(PlanRow(**values))
        data["raekker"] = rows
        data["opfoelgning"] = self._read_followup(sheet, heading, index)
        return Sigtepunkt(**data)

    def _report_stray_cells(self, sheet: _Sheet, row: int, known: set[int]) -> None:
        for col in sheet.by_row.get(row, ()):
            if col in known:
                continue
            value = sheet.raw(row, col)
            if value is not None and (not isinstance(value, str) or value.strip()):
                self.add(
                    "CELL_OUTSIDE_TABLE",
                    Severity.WARNING,
                    sheet.title,
                    row,
                    col,
                    None,
                    f"Cellen indeholder '{self._text(value)}', men ligger uden for tabellens kolonner og er ikke læst.",
                    "Flyt indholdet ind i en af tabellens kolonner, fx Bemærkning.",
                )

    def _read_followup(self, sheet: _Sheet, heading: int | None, index: int) -> Opfoelgning:
        if heading is None:
            self.add(
                "FOLLOWUP_BLOCK_NOT_FOUND",
                Severity.WARNING,
                sheet.title,
                None,
                None,
                L.FOLLOWUP_HEADING,
                "Blokken 'Opfølgning' under tabellen blev ikke fundet.",
                "Brug skabelonens ark, og lad overskriften 'Opfølgning' og ledeteksterne stå.",
            )
            return Opfoelgning()
        data: dict[str, Any] = {}
        rows = range(heading + 1, sheet.max_row + 1)
        for spec in L.FOLLOWUP_FIELDS:
            hit = sheet.find_label(spec.label, rows)
            if hit is None:
                self._missing(sheet, spec, "i blokken Opfølgning")
                continue
            row, col = hit
            if spec.key == "datoer":
                dates = []
                for c in range(col + 1, sheet.max_col + 1):
                    value = self.value(sheet, row, c, spec.kind, spec.label)
                    if value is not None:
                        self.locator.set(("opf_dato", index, len(dates)), sheet.title, row, c)
                        dates.append(value)
                self.locator.set(("opf", index, spec.key), sheet.title, row, col + 1)
                data["datoer"] = dates
                continue
            pos = sheet.anchor(row, col + 1)
            self.locator.set(("opf", index, spec.key), sheet.title, *pos)
            data[spec.key] = self.value(sheet, *pos, spec.kind, spec.label)
        return Opfoelgning(**data)


def read_sources(name: str, sources: list, date1904: bool = False) -> ReadResult:
    """Read a plan from sheet sources another adapter provides (the Excel adapter does).

    A source has ``title``, ``max_row``, ``max_col``, ``merged`` (a list of (min_col, min_row, max_col,
    max_row)), ``items()`` (positions that may hold a value) and ``value(row, col)``.
    """
    reader = _Reader(Path(name), sources=sources)
    reader.date1904 = date1904
    return reader.read()


def read_plan(path: Path | str, engine: str = "fast") -> ReadResult:
    """Read a forankringsplan workbook. Raises :class:`ReadError` when it cannot.

    ``engine="fast"`` reads the package XML directly (``xlsx_fast``); ``"openpyxl"`` loads the full
    workbook model. Both give the same plan, findings and locations; the tests hold them to that.
    """
    with bounded(path):
        return _Reader(Path(path), engine).read()
