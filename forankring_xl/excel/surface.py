"""The annotation surface for an open workbook, through xlwings' object model.

The same ``annotate``/``clear`` code that writes the annotated copy for ``check --annotate`` writes here:
values, fill colours, notes, hyperlinks and the Tjek sheet go through xlwings.
"""

from __future__ import annotations

import datetime as dt

from ..annotate.marks import Link

UNKNOWN_FILL = "?"  # the engine could not tell the cell's fill (xlwings' remote engine reads no formats)
TEMPLATE_INPUT_FILL = "FFF9DB"  # what the template's input cells have; restored when the fill was unknown


def _hex(rgb) -> str:
    if rgb is None:
        return ""
    if isinstance(rgb, str):
        return rgb.lstrip("#").upper()
    return "{:02X}{:02X}{:02X}".format(*rgb)


_UNSEEN = object()


class XlwingsSurface:
    """Every call here is a round trip to Excel (COM on Windows, AppleScript on macOS), so the sheets and
    the note ``get_note`` just read are kept for the ``set_note`` that follows, instead of asked again."""

    def __init__(self, book):
        self.book = book
        self._foreign_notes: set[tuple[str, str]] = set()
        self._sheets: dict[str, object] = {}
        self._notes: dict[tuple[str, str], object] = {}

    def sheet_names(self) -> list[str]:
        return [s.name for s in self.book.sheets]

    def _sheet(self, name: str):
        if name not in self._sheets:
            self._sheets[name] = self.book.sheets[name]
        return self._sheets[name]

    def _rng(self, sheet: str, cell: str):
        return self._sheet(sheet).range(cell)

    def get_fill(self, sheet: str, cell: str) -> str:
        try:
            return _hex(self._rng(sheet, cell).color)
        except NotImplementedError:
            return UNKNOWN_FILL

    def set_fill(self, sheet: str, cell: str, fill: str | None, rgb: str | None = None) -> None:
        value = rgb or fill or None
        if value == UNKNOWN_FILL:
            value = TEMPLATE_INPUT_FILL
        self._rng(sheet, cell).color = f"#{value}" if value else None

    def get_note(self, sheet: str, cell: str) -> str:
        note = self._rng(sheet, cell).note
        self._notes[(sheet, cell)] = note
        if note is None:
            return ""
        try:
            return note.text
        except NotImplementedError:
            # a note we cannot read (remote engine): leave it alone rather than risk losing it
            self._foreign_notes.add((sheet, cell))
            return ""

    def set_note(self, sheet: str, cell: str, text: str) -> None:
        if (sheet, cell) in self._foreign_notes:
            return
        rng = self._rng(sheet, cell)
        note = self._notes.pop((sheet, cell), _UNSEEN)
        if note is _UNSEEN:
            note = rng.note
        if note is not None:
            note.delete()
        if text:
            rng.add_note(text)

    def _sheets_changed(self) -> None:
        # a sheet object may stand for a position (xlwings' remote engine): forget them all
        self._sheets.clear()
        self._notes.clear()

    def remove_sheet(self, name: str) -> None:
        self._sheets_changed()
        self.book.sheets[name].delete()

    def read_sheet(self, name: str) -> list[list[object]]:
        values = self.book.sheets[name].used_range.options(ndim=2).value or []
        return [list(row) for row in values]

    def write_sheet(self, name, rows, links: dict[tuple[int, int], Link], hidden=False, first=False) -> None:
        self._sheets_changed()
        sheets = self.book.sheets
        sheet = sheets.add(name, before=sheets[0]) if first else sheets.add(name, after=sheets[len(sheets) - 1])
        width = max((len(r) for r in rows), default=1)
        grid = [[(v.isoformat() if isinstance(v, dt.date) else v) for v in r] + [None] * (width - len(r)) for r in rows]
        if grid:
            sheet.range((1, 1)).value = grid
        for (r, c), link in links.items():
            target = sheet.range((r, c))
            target.add_hyperlink(f"#'{link.sheet}'!{link.cell}", link.cell)
        if hidden:
            sheet.visible = False
