"""What xlwings Lite's Office.js client would give Python for a workbook file, read with openpyxl.

``lite_payload`` is the book data a sync script receives (values, and which cells have notes);
``lite_formats`` is what Lite's awaitable reads return (fills as RRGGBB, note texts). Shared by
tests/test_lite.py (CPython) and tests/test_pyodide.py (which hands both to a stand-in for Lite's
client in Node, so Pyodide and CPython see the same workbook).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from test_excel import payload_from


def lite_formats(path: Path) -> dict:
    """{"fills": {sheet: {A1: RRGGBB}}, "notes": {sheet: {A1: text}}} for solid RGB fills and notes."""
    wb = load_workbook(path)
    fills: dict[str, dict[str, str]] = {}
    notes: dict[str, dict[str, str]] = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                fill = cell.fill
                if fill is not None and fill.fill_type == "solid" and fill.fgColor is not None and fill.fgColor.type == "rgb":
                    fills.setdefault(ws.title, {})[cell.coordinate] = str(fill.fgColor.rgb)[-6:].upper()
                if cell.comment is not None:
                    notes.setdefault(ws.title, {})[cell.coordinate] = cell.comment.text
    return {"fills": fills, "notes": notes}


def lite_payload(path: Path, notes_supported: bool = True) -> dict:
    payload = payload_from(path)
    formats = lite_formats(path)
    for sheet in payload["sheets"]:
        sheet["notes"] = [{"address": f"${''.join(c for c in a if c.isalpha())}${''.join(c for c in a if c.isdigit())}"}
                          for a in formats["notes"].get(sheet["name"], {})] if notes_supported else []
        sheet["notes_supported"] = notes_supported
    return payload


def known_formats_for(formats: dict, payload: dict):
    """The KnownFormats that Lite's reads give for the used ranges (every cell the payload holds)."""
    from forankring_xl.excel.surface import KnownFormats

    known = KnownFormats()
    for sheet in payload["sheets"]:
        known.sheets.add(sheet["name"])
        known.note_sheets.add(sheet["name"])
        for a1, rgb in formats["fills"].get(sheet["name"], {}).items():
            known.fills[(sheet["name"], a1)] = rgb
        for a1, text in formats["notes"].get(sheet["name"], {}).items():
            known.notes[(sheet["name"], a1)] = text
    return known


def with_user_marks(path: Path, out: Path, cells: dict[tuple[str, str], tuple[str, str]]) -> Path:
    """A copy of ``path`` where (sheet, A1) has the user's own (fill RRGGBB, note text)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    wb = load_workbook(path)
    for (sheet, a1), (rgb, note) in cells.items():
        cell = wb[sheet][a1]
        if rgb:
            cell.fill = PatternFill("solid", fgColor="FF" + rgb)
        if note:
            cell.comment = Comment(note, "Bruger")
    wb.save(out)
    return out


__all__ = ["lite_formats", "lite_payload", "known_formats_for", "with_user_marks"]
