"""Hostile workbooks made from an example plan: shared by the reader-limit tests and benchmarks/hostile.py.

Each builder returns a change to one part's XML (``rewrite`` applies it), so a test and the benchmark
time and check the very same files.
"""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent / "examples" / "ics_familieafdeling.xlsx"
SHEET = "xl/worksheets/sheet3.xml"  # "Sigtepunkt 1" in the examples


def rewrite(target: Path, change, part: str = SHEET, source: Path = SOURCE) -> Path:
    """A copy of ``source`` at ``target`` with ``change`` applied to the bytes of ``part``."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item)
            if item.filename == part:
                body = change(body)
            zout.writestr(item, body)
    return target


def merged_ranges(refs: list[str]):
    """The sheet's merged ranges replaced by ``refs`` ("A1:BH5000", …)."""
    def change(body: bytes) -> bytes:
        body = re.sub(rb"<mergeCells[^>]*>.*?</mergeCells>", b"", body, flags=re.S)
        block = b'<mergeCells count="%d">' % len(refs) + b"".join(b'<mergeCell ref="%s"/>' % r.encode() for r in refs)
        return body.replace(b"</sheetData>", b"</sheetData>" + block + b"</mergeCells>", 1)

    return change


def xml_comment(megabytes: float):
    """An XML comment of ``megabytes`` at the start of the sheet's data, which deflate packs about 50:1 (not
    enough to look like a zip bomb); openpyxl's load time grows with the square of its length."""
    rnd = random.Random(7)
    runs, size = [], 0
    while size < megabytes * 2**20:
        run = b"x" * rnd.randint(60, 260) + bytes([rnd.choice(b"abcdefghij")])
        runs.append(run)
        size += len(run)
    comment = b"<!--" + b"".join(runs) + b"-->"
    return lambda body: body.replace(b"<sheetData>", b"<sheetData>" + comment, 1)
