"""The annotation surface for an open workbook, through xlwings' object model.

The same ``annotate``/``clear`` code that writes the annotated copy for ``check --annotate`` writes here:
values, fill colours, notes, hyperlinks and the Tjek sheet go through xlwings.
"""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar
from dataclasses import dataclass, field

from ..annotate.marks import Link
from ..layout.spec import row_col

UNKNOWN_FILL = "?"  # the engine could not tell the cell's fill (xlwings' remote engine reads no formats)
TEMPLATE_INPUT_FILL = "FFF9DB"  # what the template's input cells have; restored when the fill was unknown


@dataclass
class KnownFormats:
    """Fills and note texts read ahead of a run, for engines where reading them is asynchronous.

    In xlwings Lite, ``rng.color`` and ``note.text`` cannot be read synchronously; ``await rng.get_colors()``
    and ``await note.get_text()`` can (``lite.py`` reads them before calling ``dispatch``). Keys are
    (sheet, A1 cell without ``$``); a cell missing from ``fills`` has no fill.
    """

    fills: dict[tuple[str, str], str] = field(default_factory=dict)
    notes: dict[tuple[str, str], str] = field(default_factory=dict)
    sheets: set[str] = field(default_factory=set)  # the sheets whose fills were read
    #: where fills were read, per sheet: (first row, first column, last row, last column); a sheet
    #: missing here was read whole. A cell outside is treated as unknown, like on the remote engine.
    fill_ranges: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    note_sheets: set[str] = field(default_factory=set)  # the sheets whose notes were read (all of them)


#: Set by the Lite entry module around a ``dispatch`` call; ``None`` everywhere else.
known_formats: ContextVar[KnownFormats | None] = ContextVar("known_formats", default=None)


def _hex(rgb) -> str:
    if rgb is None:
        return ""
    if isinstance(rgb, str):
        return rgb.lstrip("#").upper()
    return "{:02X}{:02X}{:02X}".format(*rgb)


_UNSEEN = object()


class XlwingsSurface:
    """Every call here is a round trip to Excel (COM on Windows, AppleScript on macOS), so the sheets and
    the note ``get_note`` just read are kept for the ``set_note`` that follows, instead of asked again.

    In xlwings Lite the fills and notes were read ahead (``known_formats``); they answer the reads and are
    kept current as we write, and a note that this Excel cannot add is counted (``notes_skipped``)."""

    def __init__(self, book):
        self.book = book
        self._foreign_notes: set[tuple[str, str]] = set()
        self._sheets: dict[str, object] = {}
        self._notes: dict[tuple[str, str], object] = {}
        self._known = known_formats.get()
        self.notes_skipped = 0  # notes this Excel cannot add (Office 2021: notes need ExcelApi 1.18)

    def sheet_names(self) -> list[str]:
        return [s.name for s in self.book.sheets]

    def _sheet(self, name: str):
        if name not in self._sheets:
            self._sheets[name] = self.book.sheets[name]
        return self._sheets[name]

    def _rng(self, sheet: str, cell: str):
        return self._sheet(sheet).range(cell)

    def _fill_known(self, sheet: str, cell: str) -> bool:
        if self._known is None or sheet not in self._known.sheets:
            return False
        if sheet not in self._known.fill_ranges:
            return True
        row, col = row_col(cell)
        top, left, bottom, right = self._known.fill_ranges[sheet]
        return top <= row <= bottom and left <= col <= right

    def _known_note(self, sheet: str, cell: str) -> str | None:
        """The note as read ahead ("" = none), or None when this sheet's notes were not read ahead."""
        if self._known is None or sheet not in self._known.note_sheets:
            return None
        return self._known.notes.get((sheet, cell), "")

    def get_fill(self, sheet: str, cell: str) -> str:
        if self._fill_known(sheet, cell):
            return self._known.fills.get((sheet, cell), "")
        try:
            return _hex(self._rng(sheet, cell).color)
        except NotImplementedError:
            return UNKNOWN_FILL

    def set_fill(self, sheet: str, cell: str, fill: str | None, rgb: str | None = None) -> None:
        value = rgb or fill or None
        if value == UNKNOWN_FILL:
            value = TEMPLATE_INPUT_FILL
        if self._fill_known(sheet, cell):  # keep what was read ahead current
            if value:
                self._known.fills[(sheet, cell)] = value
            else:
                self._known.fills.pop((sheet, cell), None)
        self._rng(sheet, cell).color = f"#{value}" if value else None

    def get_note(self, sheet: str, cell: str) -> str:
        known = self._known_note(sheet, cell)
        if known is not None:
            return known
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
        known = self._known_note(sheet, cell)
        note = self._notes.pop((sheet, cell), _UNSEEN)
        if known == "":  # read ahead: no note here, nothing to look up or delete
            note = None
        elif note is _UNSEEN:
            note = rng.note
        if note is not None:
            note.delete()
        added = ""
        if text:
            try:
                rng.add_note(text)
                added = text
            except NotImplementedError:  # Lite on Office 2021: the fill and the Tjek sheet still show it
                self.notes_skipped += 1
        if known is not None:  # keep what was read ahead current
            self._known.notes[(sheet, cell)] = added

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
