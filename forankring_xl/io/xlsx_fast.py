"""A small, fast .xlsx cell reader: only what a plan needs, straight from the package's XML.

openpyxl builds the whole workbook object model (styles, validations, formatting …), which costs
about 100 ms for one returned plan. Reading a plan needs far less: sheet names, the date system,
shared strings, which styles are date formats, merged ranges and the cells' values (formulas through
their cached value). This module reads exactly that with the standard library's XML parser, behind
defusedxml, and yields the same Python values openpyxl would (str, int, float, bool, datetime).
The reader (``io/reader.py``) uses it through the same sheet interface as openpyxl, and the
round-trip tests run on both.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from xml.etree.ElementTree import XMLParser

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import column_index_from_string, range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

from .formula_value import FormulaValue  # defined apart: the reader uses it without importing openpyxl

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF = re.compile(r"([A-Z]+)(\d+)")
# A cell with a style and no value: the template has hundreds. Dropping them before parsing halves the work.
_EMPTY_CELL = re.compile(rb'<c r="[A-Z]{1,3}[0-9]{1,7}"(?: s="[0-9]+")?(?: t="[a-zA-Z]+")?\s*/>')


class UnsafeXML(ValueError):
    """An XML part with a document type declaration: the door to (external) entities."""


def fromstring(data: bytes):
    """Parse a package part with the C parser, refusing any DOCTYPE anywhere in it.

    Entities can only be declared inside a DOCTYPE, so a part without one cannot define, let alone
    resolve, an external entity; ElementTree does not process XInclude. This is as safe as defusedxml
    for these parts, and about twice as fast.
    """
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data or b"<\x00!\x00D\x00O\x00C" in data:
        raise UnsafeXML("DOCTYPE/ENTITY in XML part")
    parser = XMLParser()
    parser.feed(data)
    return parser.close()




@dataclass
class FastSheet:
    title: str
    cells: dict[tuple[int, int], object] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_col, min_row, max_col, max_row
    max_row: int = 0
    max_col: int = 0


class FastWorkbook:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        self._strings: list[str] | None = None
        root = fromstring(self.zip.read("xl/workbook.xml"))
        pr = root.find(f"{NS}workbookPr")
        self.date1904 = pr is not None and pr.get("date1904") in ("1", "true")
        self.epoch = CALENDAR_MAC_1904 if self.date1904 else CALENDAR_WINDOWS_1900
        rels = self._rels("xl/_rels/workbook.xml.rels")
        self.sheet_paths: dict[str, str] = {}
        for sheet in root.iter(f"{NS}sheet"):
            target = rels.get(sheet.get(f"{REL_NS}id"))
            if target:
                self.sheet_paths[sheet.get("name")] = target
        self.sheetnames = list(self.sheet_paths)
        self.date_styles = self._date_styles()

    def close(self) -> None:
        self.zip.close()

    def _rels(self, name: str) -> dict[str, str]:
        try:
            root = fromstring(self.zip.read(name))
        except KeyError:
            return {}
        out = {}
        for rel in root.iter(f"{PKG_REL}Relationship"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            out[rel.get("Id")] = path
        return out

    def _date_styles(self) -> set[int]:
        try:
            root = fromstring(self.zip.read("xl/styles.xml"))
        except KeyError:
            return set()
        custom = {}
        numfmts = root.find(f"{NS}numFmts")
        if numfmts is not None:
            for fmt in numfmts.iter(f"{NS}numFmt"):
                custom[int(fmt.get("numFmtId"))] = fmt.get("formatCode", "")
        xfs = root.find(f"{NS}cellXfs")
        dates = set()
        if xfs is not None:
            for index, xf in enumerate(xfs.iter(f"{NS}xf")):
                fid = int(xf.get("numFmtId", 0))
                code = custom.get(fid, BUILTIN_FORMATS.get(fid, "General"))
                if is_date_format(code):
                    dates.add(index)
        return dates

    @property
    def strings(self) -> list[str]:
        if self._strings is None:
            try:
                root = fromstring(self.zip.read("xl/sharedStrings.xml"))
            except KeyError:
                root = None
            self._strings = [] if root is None else [_text_of(si) for si in root.iter(f"{NS}si")]
        return self._strings

    def sheet(self, title: str) -> FastSheet:
        out = FastSheet(title)
        data = self.zip.read(self.sheet_paths[title])
        # the extent as openpyxl sees it counts empty styled cells too: take it before dropping them
        letters = set(re.findall(rb'<c r="([A-Z]{1,3})[0-9]', data))
        out.max_col = max((column_index_from_string(x.decode()) for x in letters), default=0)
        rows = re.findall(rb'<row r="([0-9]+)"', data)
        out.max_row = max((int(r) for r in rows), default=0)
        root = fromstring(_EMPTY_CELL.sub(b"", data))
        cell_tag = f"{NS}c"
        for c in root.iter(cell_tag):
            ref = c.get("r")
            m = _REF.match(ref) if ref else None
            if m:
                value = self._value(c)
                if value is not None:
                    out.cells[(int(m[2]), column_index_from_string(m[1]))] = value
        for merge in root.iter(f"{NS}mergeCell"):
            out.merged.append(range_boundaries(merge.get("ref")))
        for min_col, min_row, max_col, max_row in out.merged:
            out.max_row, out.max_col = max(out.max_row, max_row), max(out.max_col, max_col)
        return out

    def _value(self, c) -> object:
        kind = c.get("t", "n")
        v = c.find(f"{NS}v")
        f = c.find(f"{NS}f")
        text = v.text if v is not None else None
        if kind == "inlineStr":
            node = c.find(f"{NS}is")
            value: object = _text_of(node) if node is not None else None
        elif text is None:
            value = None
        elif kind == "s":
            value = self.strings[int(text)]
        elif kind in ("str", "e"):
            value = text
        elif kind == "b":
            value = text.strip() in ("1", "true")
        elif kind == "d":
            value = dt.datetime.fromisoformat(text.rstrip("Z"))
        else:
            value = float(text) if any(ch in text for ch in ".eE") else int(text)
            if int(c.get("s", 0)) in self.date_styles:
                try:
                    value = from_excel(value, self.epoch)
                except (ValueError, OverflowError):
                    pass
        if f is not None:
            formula = "=" + (f.text or "")
            return FormulaValue(formula, value)
        return value


def _text_of(node) -> str:
    """Text of a string item: plain <t>, or the runs of rich text, without phonetic guides."""
    t = node.find(f"{NS}t")
    if t is not None and len(node) == 1:
        return t.text or ""
    parts = []
    for child in node:
        if child.tag == f"{NS}t":
            parts.append(child.text or "")
        elif child.tag == f"{NS}r":
            rt = child.find(f"{NS}t")
            if rt is not None:
                parts.append(rt.text or "")
    return "".join(parts)
