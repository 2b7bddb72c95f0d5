"""Reading a plan from an open workbook through xlwings' object model."""

from __future__ import annotations

from ..io.reader import MAX_SCAN_COLS, MAX_SCAN_ROWS, ReadResult, read_sources


class XlwingsSheetSource:
    """One sheet's used range, read in one call and served cell by cell to the reader."""

    def __init__(self, sheet):
        self.title = sheet.name
        used = sheet.used_range
        values = used.options(ndim=2).value or [[]]
        self.top, self.left = used.row, used.column
        self.grid = [row[:MAX_SCAN_COLS] for row in values[:MAX_SCAN_ROWS]]
        self.max_row = self.top + len(self.grid) - 1
        self.max_col = self.left + max((len(r) for r in self.grid), default=1) - 1
        self.merged: list[tuple[int, int, int, int]] = []  # Excel returns a merged range's value in its first cell only

    def items(self):
        for i, row in enumerate(self.grid):
            for j, value in enumerate(row):
                if value is not None and value != "":
                    yield self.top + i, self.left + j

    def value(self, row: int, col: int):
        i, j = row - self.top, col - self.left
        if 0 <= i < len(self.grid) and 0 <= j < len(self.grid[i]):
            value = self.grid[i][j]
            return None if value == "" else value
        return None


def read_book(book) -> ReadResult:
    """The plan in an open xlwings Book (desktop Excel, or xlwings' remote engine in tests)."""
    sources = [XlwingsSheetSource(sheet) for sheet in book.sheets]
    try:
        date1904 = bool(book.api.Date1904) if hasattr(book.api, "Date1904") else False
    except Exception:  # the remote engine has no COM object; xlwings gives dates as datetimes on desktop
        date1904 = False
    return read_sources(book.name, sources, date1904)
