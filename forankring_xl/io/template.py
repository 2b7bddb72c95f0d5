"""Builds the template workbook from the layout spec (openpyxl).

The same builder lays out the workbook that the writer fills, sized to fit
the plan (more rows, team members or sigtepunkter than the defaults).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..layout import guidance
from ..layout import spec as L
from ..model import BLANK_CHARS, CLOSED_LEADS, CLOSED_WHOLE, TEMPLATE_VERSION
from .atomic import atomic_write_bytes

DATE_FORMAT = "dd-mm-yyyy"
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
INPUT_FILL = PatternFill("solid", fgColor="FFF9DB")
LABEL_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=16, color="1F4E78")
HEADING_FONT = Font(bold=True, size=13, color="1F4E78")
OVERDUE_FILL = PatternFill("solid", fgColor="F8CBAD", bgColor="F8CBAD")
MISSING_FILL = PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE")
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
UNLOCKED = Protection(locked=False)
FIXED_TIMESTAMP = dt.datetime(2026, 1, 1, 0, 0, 0)

LIST_VALUES: dict[L.Kind, tuple[str, ...]] = {
    **{kind: tuple(member.value for member in enum) for kind, enum in L.LIST_ENUMS.items()},
    L.Kind.FREQUENCY: L.FREQUENCY_SUGGESTIONS,
}


@dataclass(frozen=True)
class Size:
    """How much room the built workbook has."""

    sigtepunkter: int = L.DEFAULT_SIGTEPUNKTER
    rows: int = L.ROW_TABLE.min_rows
    team: int = L.TEAM_TABLE.min_rows
    followup_dates: int = L.FOLLOWUP_DATE_CELLS


class _Validations:
    """One DataValidation object per kind and sheet, collecting ranges."""

    def __init__(self, ws: Worksheet):
        self.ws = ws
        self.by_kind: dict[L.Kind, DataValidation] = {}

    def add(self, kind: L.Kind, ref: str) -> None:
        dv = self.by_kind.get(kind)
        if dv is None:
            dv = _make_validation(kind)
            if dv is None:
                return
            self.by_kind[kind] = dv
            self.ws.add_data_validation(dv)
        dv.add(ref)


def _make_validation(kind: L.Kind) -> DataValidation | None:
    if kind is L.Kind.DATE:
        lo, hi = L.DATE_MIN, L.DATE_MAX
        return DataValidation(
            type="date",
            operator="between",
            formula1=f"DATE({lo[0]},{lo[1]},{lo[2]})",
            formula2=f"DATE({hi[0]},{hi[1]},{hi[2]})",
            allow_blank=True,
            showErrorMessage=True,
            showInputMessage=True,
            errorStyle="stop",
            errorTitle="Ugyldig dato",
            error=f"Skriv en dato mellem {lo[2]}-{lo[1]}-{lo[0]} og {hi[2]}-{hi[1]}-{hi[0]}, fx 1-3-2027.",
            promptTitle="Dato",
            prompt="Skriv en dato, fx 1-3-2027.",
        )
    if kind in LIST_VALUES:
        strict = kind is not L.Kind.FREQUENCY
        return DataValidation(
            type="list",
            formula1=f"={L.LIST_NAMES[kind]}",
            allow_blank=True,
            showErrorMessage=True,
            showInputMessage=True,
            errorStyle="stop" if strict else "information",
            errorTitle="Vælg fra listen" if strict else "Egen tekst",
            error=(
                "Vælg en værdi fra listen."
                if strict
                else "Teksten står ikke på listen. Det er i orden, hvis den siger, hvor ofte I følger op."
            ),
            promptTitle="Vælg",
            prompt="Vælg fra listen." if strict else "Vælg fra listen, eller skriv selv.",
        )
    return None


def _input_cell(ws: Worksheet, row: int, col: int, kind: L.Kind) -> None:
    cell = ws.cell(row=row, column=col)
    cell.protection = UNLOCKED
    cell.fill = INPUT_FILL
    cell.border = BOX
    cell.alignment = WRAP
    if kind is L.Kind.DATE:
        cell.number_format = DATE_FORMAT


def _label(ws: Worksheet, row: int, col: int, text: str, font: Font = LABEL_FONT) -> None:
    cell = ws.cell(row=row, column=col, value=text)
    cell.font = font
    cell.alignment = Alignment(vertical="top", wrap_text=True)


def _protect(ws: Worksheet) -> None:
    p = ws.protection
    p.sheet = True
    # False = the action stays allowed on the protected sheet.
    p.formatCells = False
    p.formatColumns = False
    p.formatRows = False
    p.insertRows = False
    p.autoFilter = False
    p.sort = False


def landscape_a4(ws, pages_wide: int = 1, title_rows: str | None = None, title_cols: str | None = None) -> None:
    """Print on A4 landscape, ``pages_wide`` pages across and as many down as needed, with title rows/columns
    repeated on every page (also for the overview's write-only sheets)."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = pages_wide, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols


def _print_setup(ws: Worksheet, title_rows: str | None = None) -> None:
    landscape_a4(ws, title_rows=title_rows)
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4


def _local_name(ws: Worksheet, name: str, ref: str) -> None:
    ws.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(ws.title)}!{ref}")


def _abs(col: int, row: int) -> str:
    return f"${get_column_letter(col)}${row}"


#: The lists the red overdue marking compares a status with: the model's one definition of a closed status.
CLOSED_LISTS: dict[str, tuple[str, ...]] = {
    L.CLOSED_LIST: tuple(sorted(CLOSED_WHOLE)),
    L.CLOSED_NOTE_LIST: CLOSED_LEADS,
}


#: The characters a cell may hold and still be empty, as code points: a cell cannot keep a lone space, tab or
#: line break reliably (XML may drop white space), a number it can, and ``UNICHAR`` makes the character again.
BLANK_CODES: tuple[int, ...] = tuple(ord(c) for c in BLANK_CHARS)


def _build_lists(wb: Workbook) -> None:
    ws = wb.create_sheet(L.LISTS_SHEET)
    lists = {L.LIST_NAMES[kind]: values for kind, values in LIST_VALUES.items()} | CLOSED_LISTS | {L.BLANK_LIST: BLANK_CODES}
    for index, (name, values) in enumerate(lists.items(), start=1):
        ws.cell(row=1, column=index, value=name).font = LABEL_FONT
        for offset, value in enumerate(values, start=2):
            ws.cell(row=offset, column=index, value=value)
        ref = f"{quote_sheetname(ws.title)}!{_abs(index, 2)}:{_abs(index, len(values) + 1)}"
        wb.defined_names[name] = DefinedName(name, attr_text=ref)
    ws.sheet_state = "hidden"
    _protect(ws)


def _build_front(wb: Workbook, size: Size) -> None:
    ws = wb.active
    ws.title = L.FRONT_SHEET
    dvs = _Validations(ws)
    ws.column_dimensions["A"].width = L.TEAM_TABLE.columns[0].width
    ws.column_dimensions["B"].width = L.TEAM_TABLE.columns[1].width
    ws.column_dimensions["C"].width = 40
    _label(ws, L.FRONT_TITLE_ROW, 1, guidance.FRONT_TITLE, TITLE_FONT)
    # a 16-point title in a row of the default height touched the intro line below it when printed
    ws.row_dimensions[L.FRONT_TITLE_ROW].height = 30  # the title sits at the top, the gap below it
    ws.merge_cells(start_row=L.FRONT_INTRO_ROW, start_column=1, end_row=L.FRONT_INTRO_ROW, end_column=3)
    intro = ws.cell(row=L.FRONT_INTRO_ROW, column=1, value=guidance.FRONT_INTRO)
    intro.alignment = WRAP
    ws.row_dimensions[L.FRONT_INTRO_ROW].height = 48
    for field in L.FRONT_FIELDS:
        _label(ws, field.row, L.LABEL_COL, field.label)
        ref = _abs(L.VALUE_COL, field.row)
        wb.defined_names[field.name] = DefinedName(field.name, attr_text=f"{quote_sheetname(ws.title)}!{ref}")
        if field.kind is L.Kind.VERSION:
            cell = ws.cell(row=field.row, column=L.VALUE_COL, value=TEMPLATE_VERSION)
            cell.border = BOX
            continue
        ws.merge_cells(start_row=field.row, start_column=L.VALUE_COL, end_row=field.row, end_column=3)
        _input_cell(ws, field.row, L.VALUE_COL, field.kind)
        dvs.add(field.kind, f"{get_column_letter(L.VALUE_COL)}{field.row}")
        if field.kind is L.Kind.LONG_TEXT:
            ws.row_dimensions[field.row].height = 32
    _label(ws, L.TEAM_HEADING_ROW, 1, L.TEAM_HEADING, HEADING_FONT)
    _build_table(ws, L.TEAM_TABLE, size.team, dvs)
    ws.freeze_panes = ws.cell(row=L.FRONT_FIELDS[0].row, column=1)
    _print_setup(ws)
    ws.page_setup.fitToHeight = 1
    _protect(ws)


def _build_table(ws: Worksheet, table: L.Table, n_rows: int, dvs: _Validations) -> None:
    for column in table.columns:
        col = table.col(column.key)
        cell = ws.cell(row=table.header_row, column=col, value=column.header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        first, last = table.first_data_row, table.first_data_row + n_rows - 1
        for row in range(first, last + 1):
            _input_cell(ws, row, col, column.kind)
        letter = get_column_letter(col)
        dvs.add(column.kind, f"{letter}{first}:{letter}{last}")


def _build_sigtepunkt(wb: Workbook, n: int, size: Size) -> None:
    table = L.ROW_TABLE
    ws = wb.create_sheet(L.sigtepunkt_sheet_name(n))
    dvs = _Validations(ws)
    last_col = table.last_col
    for column in table.columns:
        ws.column_dimensions[get_column_letter(table.col(column.key))].width = column.width
    for field in L.SIGTEPUNKT_FIELDS:
        _label(ws, field.row, L.LABEL_COL, field.label, HEADING_FONT if field.key == "titel" else LABEL_FONT)
        ws.merge_cells(start_row=field.row, start_column=L.VALUE_COL, end_row=field.row, end_column=last_col)
        _input_cell(ws, field.row, L.VALUE_COL, field.kind)
        _local_name(ws, field.name, _abs(L.VALUE_COL, field.row))
    ws.row_dimensions[L.SIGTEPUNKT_FIELDS[1].row].height = 45
    hint = ws.cell(row=L.SIGTEPUNKT_HINT_ROW, column=1, value=guidance.SIGTEPUNKT_HINT)
    hint.font = Font(italic=True, color="595959")
    ws.merge_cells(start_row=L.SIGTEPUNKT_HINT_ROW, start_column=1, end_row=L.SIGTEPUNKT_HINT_ROW, end_column=last_col)

    _build_table(ws, table, size.rows, dvs)
    ws.row_dimensions[table.header_row].height = 30
    first, last = table.first_data_row, table.first_data_row + size.rows - 1
    _conditional_formats(ws, first, last)

    heading = L.followup_heading_row(size.rows)
    _label(ws, heading, L.LABEL_COL, L.FOLLOWUP_HEADING, HEADING_FONT)
    for field in L.FOLLOWUP_FIELDS:
        row = heading + field.row
        _label(ws, row, L.LABEL_COL, field.label)
        if field.key == "datoer":
            for offset in range(size.followup_dates):
                _input_cell(ws, row, L.VALUE_COL + offset, L.Kind.DATE)
            end = get_column_letter(L.VALUE_COL + size.followup_dates - 1)
            dvs.add(L.Kind.DATE, f"{get_column_letter(L.VALUE_COL)}{row}:{end}{row}")
            _local_name(ws, field.name, f"{_abs(L.VALUE_COL, row)}:{_abs(L.VALUE_COL + size.followup_dates - 1, row)}")
            continue
        ws.merge_cells(start_row=row, start_column=L.VALUE_COL, end_row=row, end_column=last_col)
        _input_cell(ws, row, L.VALUE_COL, field.kind)
        dvs.add(field.kind, f"{get_column_letter(L.VALUE_COL)}{row}")
        _local_name(ws, field.name, _abs(L.VALUE_COL, row))
        if field.kind is L.Kind.LONG_TEXT:
            ws.row_dimensions[row].height = 30
    ws.freeze_panes = ws.cell(row=table.first_data_row, column=1)
    _print_setup(ws, f"{table.header_row}:{table.header_row}")
    ws.print_area = f"A1:{get_column_letter(last_col)}{heading + len(L.FOLLOWUP_FIELDS)}"
    _protect(ws)


def _text(ref: str) -> str:
    """A cell's text as the model reads a status: line breaks as spaces, spacing trimmed and collapsed."""
    return f'TRIM(SUBSTITUTE({ref},CHAR(10)," "))'


def filled_formula(ref: str) -> str:
    """TRUE when a cell (or a concatenation of cells) holds something besides white space, as the model reads it:
    the count of the model's blank characters in the text (``Liste_blanktegn``, each made by ``UNICHAR``) is
    less than its length. TRIM alone removes only spaces, so a cell with a line break, a tab or a no-break
    space counted as filled in Excel and as empty in the program. An error value (#N/A) is filled, as the
    program reads its text. ``UNICHAR`` is Excel 2013's (hence the ``_xlfn.`` prefix a file must give it); in an
    older Excel it is an error, so every cell counts as filled there (the red mark on any overdue date, no
    missing-owner mark)."""
    return f'IFERROR(SUMPRODUCT(LEN({ref})-LEN(SUBSTITUTE({ref},_xlfn.UNICHAR({L.BLANK_LIST}),"")))<LEN({ref}),TRUE)'


def overdue_formula(date: str, text: str, status: str) -> str:
    """Excel's own red marking of an overdue date, as ``overdue.collect_items`` decides it: a real date in a
    plan (from ``PLAN_DATE_MIN``) before today, on a row whose item text is filled, and a status that does not
    close it: not one of the closed texts, nor a closed status with a note (the model's ``CLOSED_WHOLE`` and
    ``CLOSED_LEADS``, written into the hidden lists). Comparisons with ``=`` ignore case and, unlike MATCH or
    COUNTIF, know no wildcards, so 'Afsluttet?' is not taken for 'Afsluttet!'; an error in the status
    cell counts as open, as its text does in the program."""
    y, m, d = L.PLAN_DATE_MIN
    norm = _text(status)
    whole, notes = L.CLOSED_LIST, L.CLOSED_NOTE_LIST
    closed = f"IFERROR(SUMPRODUCT(--({whole}={norm}))+SUMPRODUCT(--({notes}=LEFT({norm},LEN({notes})))),0)>0"
    return f"AND(ISNUMBER({date}),{date}>=DATE({y},{m},{d}),{date}<TODAY(),{filled_formula(text)},NOT({closed}))"


#: The item text each overdue date belongs to (``overdue.collect_items``): no text on the row, no item.
OVERDUE_DATES = {"slut": "aktivitet", "delmaal_dato": "delmaal", "maal_dato": "maal"}


def _conditional_formats(ws: Worksheet, first: int, last: int) -> None:
    t = L.ROW_TABLE
    status = f"${t.letter('status')}{first}"
    for key, text in OVERDUE_DATES.items():
        formula = overdue_formula(f"{t.letter(key)}{first}", f"${t.letter(text)}{first}", status)
        ws.conditional_formatting.add(
            f"{t.letter(key)}{first}:{t.letter(key)}{last}",
            FormulaRule(formula=[formula], fill=OVERDUE_FILL, stopIfTrue=False),
        )
    ws.conditional_formatting.add(
        f"{t.letter('ansvarlig')}{first}:{t.letter('ansvarlig')}{last}",
        FormulaRule(formula=[owner_missing_formula(first)], fill=MISSING_FILL, stopIfTrue=False),
    )


#: The row texts that need an owner (``rules/owner.py``: an activity, a delmål or a mål on the row).
OWNER_NEEDED_BY = ("aktivitet", "delmaal", "maal")


def owner_missing_formula(row: int) -> str:
    """Excel's pink marking of a missing owner, as the OWNER_MISSING rule decides it: one of the row's own
    activity, delmål or mål filled (their texts joined: filled when one of them is), the owner cell not."""
    t = L.ROW_TABLE
    texts = "&".join(f"${t.letter(k)}{row}" for k in OWNER_NEEDED_BY)
    owner = f"${t.letter('ansvarlig')}{row}"
    return f"AND({filled_formula(texts)},NOT({filled_formula(owner)}))"


def _build_guide(wb: Workbook) -> None:
    ws = wb.create_sheet(L.GUIDE_SHEET, index=1)
    ws.column_dimensions["A"].width = 68
    _label(ws, 1, 1, guidance.GUIDE_TITLE, TITLE_FONT)
    row = 3
    for heading, paragraphs in guidance.GUIDE:
        _label(ws, row, 1, heading, HEADING_FONT)
        row += 1
        for paragraph in paragraphs:
            cell = ws.cell(row=row, column=1, value=paragraph)
            cell.alignment = WRAP
            ws.row_dimensions[row].height = 15 * (1 + len(paragraph) // 60)
            row += 1
        row += 1
    _print_setup(ws)
    ws.sheet_properties.pageSetUpPr.fitToPage = False  # A4 landscape at 100 %, text wrapped in column A
    _protect(ws)


def build_workbook(size: Size = Size()) -> Workbook:
    """The empty template, with room for ``size``."""
    wb = Workbook()
    wb.properties.creator = "forankring-xl"
    wb.properties.title = guidance.FRONT_TITLE
    wb.properties.created = FIXED_TIMESTAMP
    _build_front(wb, size)
    for n in range(1, size.sigtepunkter + 1):
        _build_sigtepunkt(wb, n, size)
    _build_guide(wb)
    _build_lists(wb)
    wb.security = WorkbookProtection(lockStructure=True)
    wb.active = 0
    return wb


def workbook_bytes(wb: Workbook) -> bytes:
    import io

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_template(path: Path, lite: bool = False) -> None:
    """Write the empty template to ``path`` (atomically); ``lite``: with the xlwings Lite parts."""
    data = workbook_bytes(build_workbook())
    if lite:
        from .lite_parts import add_lite_parts

        data = add_lite_parts(data)
    atomic_write_bytes(Path(path), data)
