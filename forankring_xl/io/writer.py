"""Writer: Plan → workbook in the template layout (openpyxl).

The workbook is built by the template builder, sized to fit the plan, so a
written plan has every drop-down, date check and colour rule of the template.
Text is always stored as text: a value starting with ``=``, ``+``, ``-`` or
``@`` never becomes a formula.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..layout import spec as L
from ..layout.fit import LINE_HEIGHT, text_lines
from ..model import DateText, Plan, Raw, Sigtepunkt
from .atomic import atomic_write_bytes
from .cell_text import encode
from .template import DATE_FORMAT, Size, build_workbook, workbook_bytes

FORMULA_STARTS = ("=", "+", "-", "@")


def set_value(cell: Cell, value: object) -> None:
    """Put a model value into a cell; text stays text whatever it starts with."""
    if value is None:
        cell.value = None
        return
    if isinstance(value, Raw):
        value = value.raw
    elif isinstance(value, DateText):
        value = value.tekst  # the time text exactly as written; reading it back gives the same interval
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        cell.value = value
        cell.number_format = DATE_FORMAT
        return
    text = str(value)  # a StrEnum member gives its value
    stored = encode(text)  # a typed '_x000D_' must not become a line break in Excel
    cell.value = stored
    if len(stored) > len(cell.value):
        # openpyxl cuts a string at 32,767 characters, but Excel's limit is on the text shown: a text of up to
        # that many characters whose typed escapes each got '_x005F_' is stored longer, and must be whole
        cell._value = stored
    # openpyxl turns a leading "=" into a formula; force a plain string instead,
    # and mark it with Excel's quote prefix so editing it in Excel keeps it text.
    cell.data_type = "s"
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True




def fit_row_height(ws: Worksheet, row: int, cells: list[tuple[object, float]]) -> None:
    """Give ``row`` room for its wrapped text (openpyxl cannot autofit, and LibreOffice does not on open)."""
    lines = max((text_lines(str(v), w) for v, w in cells if v is not None), default=1)
    if lines > 1:
        ws.row_dimensions[row].height = min(409, LINE_HEIGHT * lines + 2)


def size_for(plan: Plan) -> Size:
    rows = max((len(s.raekker) for s in plan.sigtepunkter), default=0)
    dates = max((len(s.opfoelgning.datoer) for s in plan.sigtepunkter), default=0)
    return Size(
        sigtepunkter=max(L.DEFAULT_SIGTEPUNKTER, len(plan.sigtepunkter)),
        rows=L.table_rows_needed(rows),
        team=L.team_rows_needed(len(plan.team)),
        followup_dates=max(L.FOLLOWUP_DATE_CELLS, dates),
    )


def _write_front(ws: Worksheet, plan: Plan) -> None:
    for field in L.FRONT_FIELDS:
        set_value(ws.cell(row=field.row, column=L.VALUE_COL), getattr(plan, field.key))
    if plan.enheds_id is not None:
        write_unit_id(ws, plan.enheds_id)
    table = L.TEAM_TABLE
    for offset, member in enumerate(plan.team):
        row = table.first_data_row + offset
        for column in table.columns:
            set_value(ws.cell(row=row, column=table.col(column.key)), getattr(member, column.key))


def write_unit_id(ws: Worksheet, unit_id: str) -> None:
    """The Enheds-ID label and its locked value on the front sheet, with a workbook-level name."""
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.utils import quote_sheetname

    from .template import BOX, LABEL_FONT

    field = L.UNIT_ID
    label = ws.cell(row=field.row, column=L.LABEL_COL, value=field.label)
    label.font = LABEL_FONT
    cell = ws.cell(row=field.row, column=L.VALUE_COL)
    set_value(cell, unit_id)
    cell.border = BOX  # locked, like the template version: the tool writes it, the unit does not
    ref = f"${get_column_letter(L.VALUE_COL)}${field.row}"
    ws.parent.defined_names[field.name] = DefinedName(field.name, attr_text=f"{quote_sheetname(ws.title)}!{ref}")


def _write_sigtepunkt(ws: Worksheet, point: Sigtepunkt, n_rows: int) -> None:
    for field in L.SIGTEPUNKT_FIELDS:
        set_value(ws.cell(row=field.row, column=L.VALUE_COL), getattr(point, field.key))
    table = L.ROW_TABLE
    for offset, plan_row in enumerate(point.raekker):
        row = table.first_data_row + offset
        for column in table.columns:
            set_value(ws.cell(row=row, column=table.col(column.key)), getattr(plan_row, column.key))
        fit_row_height(ws, row, [(getattr(plan_row, c.key), c.width) for c in table.columns])
    heading = L.followup_heading_row(n_rows)
    for field in L.FOLLOWUP_FIELDS:
        row = heading + field.row
        if field.key == "datoer":
            for offset, value in enumerate(point.opfoelgning.datoer):
                set_value(ws.cell(row=row, column=L.VALUE_COL + offset), value)
            continue
        set_value(ws.cell(row=row, column=L.VALUE_COL), getattr(point.opfoelgning, field.key))


def plan_to_workbook(plan: Plan) -> Workbook:
    """A workbook in the template layout holding ``plan``."""
    size = size_for(plan)
    wb = build_workbook(size)
    _write_front(wb[L.FRONT_SHEET], plan)
    for n, point in enumerate(plan.sigtepunkter, start=1):
        _write_sigtepunkt(wb[L.sigtepunkt_sheet_name(n)], point, size.rows)
    return wb


def write_plan(plan: Plan, path: Path, lite: bool = False) -> None:
    """Write ``plan`` to an .xlsx file at ``path``, atomically; ``lite``: with the xlwings Lite parts."""
    data = workbook_bytes(plan_to_workbook(plan))
    if lite:
        from .lite_parts import add_lite_parts

        data = add_lite_parts(data)
    atomic_write_bytes(Path(path), data)
