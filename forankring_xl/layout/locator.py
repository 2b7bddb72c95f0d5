"""Where each value of a plan sits in a workbook: the bridge from model to cells.

Rules work on the model and ask a :class:`Locator` for the cell of a value, so
they never compute addresses. The reader records the real positions it found;
a plan that came from JSON gets the positions the writer would use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from . import spec as L

Key = tuple  # ("plan", "kommune") / ("team", i, "navn") / ("row", s, r, "delmaal") / ("opf", s, "form") / ("opf_dato", s, k)


@dataclass
class Locator:
    sheets: list[str] = field(default_factory=list)  # sheet name per sigtepunkt index
    front_sheet: str | None = L.FRONT_SHEET
    cells: dict[Key, tuple[str, str]] = field(default_factory=dict)

    def set(self, key: Key, sheet: str, row: int, col: int) -> None:
        self.cells[key] = (sheet, f"{L.column_letter(col)}{row}")

    def get(self, key: Key) -> tuple[str | None, str | None]:
        """(sheet, A1 cell) of a value, or the best sheet and no cell when unknown."""
        if key in self.cells:
            return self.cells[key]
        kind = key[0]
        if kind in ("row", "opf", "opf_dato", "sigtepunkt") and len(key) > 1 and key[1] < len(self.sheets):
            return self.sheets[key[1]], None
        return self.front_sheet, None

    def plan_field(self, name: str) -> tuple[str | None, str | None]:
        return self.get(("plan", name))

    def row_field(self, s: int, r: int, name: str) -> tuple[str | None, str | None]:
        return self.get(("row", s, r, name))

    @classmethod
    def for_layout(cls, plan) -> "Locator":
        """Positions as the writer lays out ``plan``.

        Writes the cells dict directly with each table's column letters worked out once: a batch archive
        of 1,000 plans asks for ~100,000 positions here (``påmind``), so this loop is kept lean.
        """
        from ..io.writer import size_for  # the writer's sizing decides the follow-up block's place

        size = size_for(plan)
        loc = cls(sheets=[L.sigtepunkt_sheet_name(n) for n in range(1, len(plan.sigtepunkter) + 1)])
        cells = loc.cells
        front, value = L.FRONT_SHEET, L.column_letter(L.VALUE_COL)
        for f in L.FRONT_FIELDS:
            cells[("plan", f.key)] = (front, f"{value}{f.row}")
        if getattr(plan, "enheds_id", None) is not None:
            cells[("plan", L.UNIT_ID.key)] = (front, f"{value}{L.UNIT_ID.row}")
        t = L.TEAM_TABLE
        team_columns = _letters(t)
        for i in range(max(len(plan.team), 1)):  # an empty team: its first row, where the names belong
            row = str(t.first_data_row + i)
            for key, letter in team_columns:
                cells[("team", i, key)] = (front, letter + row)
        rt = L.ROW_TABLE
        row_columns = _letters(rt)
        heading = L.followup_heading_row(size.rows)
        for s, point in enumerate(plan.sigtepunkter):
            sheet = loc.sheets[s]
            for f in L.SIGTEPUNKT_FIELDS:
                cells[("sigtepunkt", s, f.key)] = (sheet, f"{value}{f.row}")
            for r in range(len(point.raekker)):
                row = str(rt.first_data_row + r)
                for key, letter in row_columns:
                    cells[("row", s, r, key)] = (sheet, letter + row)
            for f in L.FOLLOWUP_FIELDS:
                if f.key == "datoer":
                    for k in range(len(point.opfoelgning.datoer)):
                        cells[("opf_dato", s, k)] = (sheet, f"{L.column_letter(L.VALUE_COL + k)}{heading + f.row}")
                cells[("opf", s, f.key)] = (sheet, f"{value}{heading + f.row}")
        return loc


@lru_cache(maxsize=None)
def _letters(table: L.Table) -> tuple[tuple[str, str], ...]:
    """(key, column letters) of every column of ``table``."""
    return tuple((c.key, L.column_letter(table.first_col + offset)) for offset, c in enumerate(table.columns))
