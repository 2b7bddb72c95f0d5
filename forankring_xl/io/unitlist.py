"""Reading HR's unit list (Excel or CSV) into plain rows for :mod:`forankring_xl.sendout.units`.

The file is only read. An .xlsx goes through the same preflight as a returned plan; a CSV may be
UTF-8 (with or without BOM) or Windows-1252, as Danish Excel saves it, separated by semicolons,
commas or tabs.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..sendout.units import ListRow, map_columns
from .safety import ReadError, preflight

MAX_ROWS = 5000
MAX_COLS = 60
HEADER_SCAN_ROWS = 20


def _header(rows: list[tuple[int, dict[int, object]]]) -> tuple[int, dict[int, object]] | None:
    """The first row (within the first rows) that names at least two known columns."""
    for number, cells in rows[:HEADER_SCAN_ROWS]:
        found, _ = map_columns(cells)
        if len(found) >= 2:
            return number, cells
    return None


def _split(path: Path, sheet: str, rows: list[tuple[int, dict[int, object]]]):
    header = _header(rows)
    if header is None:
        raise ReadError(
            path,
            f"arket '{sheet}' har ingen overskriftsrække med fx Kommune, Enhed, E-mail og Svarfrist "
            f"i de første {HEADER_SCAN_ROWS} rækker.",
        )
    number, cells = header
    body = [ListRow(row=n, cells=c) for n, c in rows if n > number]
    return sheet, number, cells, body


def _read_xlsx(path: Path):
    from openpyxl import load_workbook

    preflight(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True, keep_vba=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds; none may reach the user as a traceback
        raise ReadError(path, f"filen kunne ikke læses som Excel-projektmappe ({type(exc).__name__}).") from None
    try:
        best = None
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue
            rows: list[tuple[int, dict[int, object]]] = []
            # every row is looked at (a gap costs nothing), so content past the limits is said, never dropped;
            # one column past the limit is read to see whether anything is there
            for number, values in enumerate(ws.iter_rows(max_col=MAX_COLS + 1, values_only=True), 1):
                cells = {c: v for c, v in enumerate(values, 1) if v is not None and str(v).strip() != ""}
                if cells:
                    _within_limits(path, ws.title, number, max(cells))
                    rows.append((number, cells))
            if _header(rows) is not None:
                best = (ws.title, rows)
                break
        if best is None:
            raise ReadError(path, "ingen ark har en overskriftsrække med fx Kommune, Enhed, E-mail og Svarfrist.")
        return _split(path, *best)
    finally:
        wb.close()


def _within_limits(path: Path, sheet: str, row: int, last_col: int) -> None:
    """A row with content past the list's limits stops the reading with a Danish reason: a unit list is
    never cut short without a word."""
    from ..layout.spec import column_letter

    if row > MAX_ROWS:
        raise ReadError(path, f"arket '{sheet}' har indhold i række {row}, men en enhedsliste kan have højst "
                              f"{MAX_ROWS} rækker. Del listen op i flere filer.")
    if last_col > MAX_COLS:
        raise ReadError(path, f"arket '{sheet}' har indhold i kolonne {column_letter(last_col)} (række {row}), men "
                              f"kun de første {MAX_COLS} kolonner (til og med {column_letter(MAX_COLS)}) læses. "
                              "Flyt eller slet det, der står længere ude.")


def _decode(path: Path, data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError(path, "teksten kunne ikke læses (hverken UTF-8 eller Windows-1252).")


def _read_csv(path: Path):
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError(path, "filen findes ikke.") from None
    except OSError as exc:
        raise ReadError(path, f"filen kunne ikke åbnes ({exc.strerror}).") from None
    text = _decode(path, data)
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    rows: list[tuple[int, dict[int, object]]] = []
    try:
        for number, values in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1):
            cells = {c: v.strip() for c, v in enumerate(values, 1) if v.strip()}
            if cells:
                _within_limits(path, path.name, number, max(cells))
                rows.append((number, cells))
    except csv.Error as exc:
        raise ReadError(path, f"CSV-filen kunne ikke læses ({exc}).") from None
    return _split(path, path.name, rows)


def read_unit_list(path: Path | str) -> tuple[str, int, dict[int, object], list[ListRow]]:
    """(sheet name, header row number, header cells, data rows) of a unit list (.xlsx or .csv)."""
    path = Path(path)
    suffix = path.suffix.casefold()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raise ReadError(path, "enhedslisten skal være en Excel-fil (.xlsx) eller en CSV-fil (.csv).")

