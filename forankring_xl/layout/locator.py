"""Where each value of a plan sits in a workbook: the bridge from model to cells.

Rules work on the model and ask a :class:`Locator` for the cell of a value, so
they never compute addresses. The reader records the real positions it found;
a plan that came from JSON gets the positions the writer would use.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
        """Positions as the writer lays out ``plan``."""
        from ..io.writer import size_for  # the writer's sizing decides the follow-up block's place

        size = size_for(plan)
        loc = cls(sheets=[L.sigtepunkt_sheet_name(n) for n in range(1, len(plan.sigtepunkter) + 1)])
        for f in L.FRONT_FIELDS:
            loc.set(("plan", f.key), L.FRONT_SHEET, f.row, L.VALUE_COL)
        if getattr(plan, "enheds_id", None) is not None:
            loc.set(("plan", L.UNIT_ID.key), L.FRONT_SHEET, L.UNIT_ID.row, L.VALUE_COL)
        t = L.TEAM_TABLE
        for i in range(len(plan.team)):
            for c in t.columns:
                loc.set(("team", i, c.key), L.FRONT_SHEET, t.first_data_row + i, t.col(c.key))
        rt = L.ROW_TABLE
        heading = L.followup_heading_row(size.rows)
        for s, point in enumerate(plan.sigtepunkter):
            sheet = loc.sheets[s]
            for f in L.SIGTEPUNKT_FIELDS:
                loc.set(("sigtepunkt", s, f.key), sheet, f.row, L.VALUE_COL)
            for r in range(len(point.raekker)):
                for c in rt.columns:
                    loc.set(("row", s, r, c.key), sheet, rt.first_data_row + r, rt.col(c.key))
            for f in L.FOLLOWUP_FIELDS:
                if f.key == "datoer":
                    for k in range(len(point.opfoelgning.datoer)):
                        loc.set(("opf_dato", s, k), sheet, heading + f.row, L.VALUE_COL + k)
                    loc.set(("opf", s, f.key), sheet, heading + f.row, L.VALUE_COL)
                else:
                    loc.set(("opf", s, f.key), sheet, heading + f.row, L.VALUE_COL)
        return loc
