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

from .cell_text import decode
from .formula_value import FormulaValue  # defined apart: the reader uses it without importing openpyxl

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")
_NUMBER = re.compile(r"[0-9]+(?:\.0*)?")


def _may_have_bare_cells(data: bytes) -> bool:
    """True unless every cell and row starts with its r= reference (as Excel and openpyxl write them).

    Counting is ten times faster than a regular expression here; an unusual attribute order or a
    namespace prefix only takes the slower, always correct path.
    """
    if b":c " in data or b":c>" in data or b":row" in data:
        return True
    cells = data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/>")
    rows = data.count(b"<row ") + data.count(b"<row>") + data.count(b"<row/>")
    return cells != data.count(b'<c r="') or rows != data.count(b'<row r="')
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
        self.missing_strings: list[tuple[str, int, int, str]] = []  # (sheet, row, col, index) not in the list
        root = fromstring(self.zip.read("xl/workbook.xml"))
        pr = root.find(f"{NS}workbookPr")
        self.date1904 = pr is not None and pr.get("date1904") in ("1", "true")
        self.epoch = CALENDAR_MAC_1904 if self.date1904 else CALENDAR_WINDOWS_1900
        rels = self._rels("xl/_rels/workbook.xml.rels")
        self.sheet_paths: dict[str, str] = {}
        listed = [sheet.get("name") or "" for sheet in root.iter(f"{NS}sheet")]
        names = unique_sheet_names(listed)
        # two sheets with one name (Excel never writes that, a tool might): the later is read under a new
        # name instead of replacing the first
        self.renamed = [(old, new) for old, new in zip(listed, names) if old != new]
        for sheet, name in zip(root.iter(f"{NS}sheet"), names):
            target = rels.get(sheet.get(f"{REL_NS}id"))
            if target:
                self.sheet_paths[name] = target
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
            self._strings = [] if root is None else [decode(_text_of(si)) for si in root.iter(f"{NS}si")]
        return self._strings

    def sheet(self, title: str) -> FastSheet:
        out = FastSheet(title)
        data = self.zip.read(self.sheet_paths[title])
        # the extent as openpyxl sees it counts empty styled cells too: take it before dropping them
        letters = set(re.findall(rb'<c r="([A-Z]{1,3})[0-9]', data))
        out.max_col = max((column_index_from_string(x.decode()) for x in letters), default=0)
        rows = re.findall(rb'<row r="([0-9]+)"', data)
        out.max_row = max((int(r) for r in rows), default=0)
        # a cell without an r= reference is placed by counting, as openpyxl (and Excel) do; then the empty
        # cells must stay, since they count
        bare = _may_have_bare_cells(data)
        root = fromstring(data if bare else _EMPTY_CELL.sub(b"", data))
        cell_tag, row_tag = f"{NS}c", f"{NS}row"
        row_number = 0
        for row_el in root.iter(row_tag):
            r = row_el.get("r")
            row_number = int(float(r)) if r and _NUMBER.fullmatch(r) else row_number + 1
            col_number = 0
            for c in row_el.iter(cell_tag):
                ref = c.get("r")
                m = _REF.fullmatch(ref) if ref else None
                if m:
                    row, col_number = int(m[2]), column_index_from_string(m[1])
                else:  # counted: not in the extent taken from the references above
                    col_number += 1
                    row = row_number
                    out.max_row, out.max_col = max(out.max_row, row), max(out.max_col, col_number)
                value = self._value(c, title, row, col_number)
                if value is not None:
                    out.cells[(row, col_number)] = value
        for merge in root.iter(f"{NS}mergeCell"):
            bounds = _bounds((merge.get("ref") or "").encode("ascii", "replace"))
            if bounds is not None:
                out.merged.append(bounds)
        for min_col, min_row, max_col, max_row in out.merged:
            out.max_row, out.max_col = max(out.max_row, max_row), max(out.max_col, max_col)
        return out

    def _value(self, c, title: str = "", row: int = 0, col: int = 0) -> object:
        kind = c.get("t", "n")
        v = c.find(f"{NS}v")
        f = c.find(f"{NS}f")
        text = v.text if v is not None else None
        if kind == "inlineStr":
            node = c.find(f"{NS}is")
            value: object = decode(_text_of(node)) if node is not None else None
        elif text is None:
            value = None
        elif kind == "s":
            index = int(text) if text.strip().isdigit() else -1
            if not 0 <= index < len(self.strings):
                self.missing_strings.append((title, row, col, text.strip()))
                return None
            value = self.strings[index]
        elif kind == "str":
            value = decode(text)
        elif kind == "e":
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


def unique_sheet_names(names: list[str]) -> list[str]:
    """The names in order, a repeated one (Excel compares without case) becoming "name (2)", "name (3)" …"""
    seen: set[str] = set()
    out = []
    for name in names:
        new, n = name, 1
        while new.casefold() in seen:
            n += 1
            new = f"{name} ({n})"
        seen.add(new.casefold())
        out.append(new)
    return out


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


_MERGE_REF = re.compile(rb'<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref="([^"]*)"')
_MERGE_BLOCK = re.compile(rb'<((?:[A-Za-z_][\w.-]*:)?)mergeCells\b[^>]*?(?:/>|>.*?</\1mergeCells>)', re.S)


def merge_refs(data: bytes) -> list[tuple[int, int, int, int]]:
    """The merged ranges a sheet part lists (min_col, min_row, max_col, max_row), in order; bad refs skipped."""
    out = []
    for ref in _MERGE_REF.findall(data):
        bounds = _bounds(ref)
        if bounds is not None:
            out.append(bounds)
    return out


def _bounds(ref: bytes) -> tuple[int, int, int, int] | None:
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref.decode("ascii"))
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    if None in (min_col, min_row, max_col, max_row):
        return None  # a whole row or column ("A:A", "1:1") is no merged range Excel writes
    return min_col, min_row, max_col, max_row


@dataclass
class PackageView:
    """What the openpyxl engine loads, and what was done to make it safe (the reader reports it)."""

    package: object  # the file's path, or an in-memory copy
    merged: dict[str, list[tuple[int, int, int, int]]] = field(default_factory=dict)  # as listed, by sheet
    renamed: list[tuple[str, str]] = field(default_factory=list)
    missing_strings: list[tuple[str, int, int, str]] = field(default_factory=list)


def package_for_openpyxl(path, keep) -> PackageView:
    """The merged ranges of each sheet as listed, and what openpyxl should load: the file, or a copy.

    openpyxl makes an object for every cell of every merged range, so 3,000 overlapping sheet-sized
    ranges take it minutes and gigabytes; and its load time grows with the square of an XML comment's
    length. ``keep(ranges)`` gives the ranges the reader keeps, clipped to what it scans; when that is not
    what the file lists, or a part has comments, openpyxl gets an in-memory copy of the package whose
    sheets list only those ranges and no part has comments (the file itself is never changed).
    """
    import io

    book = FastWorkbook(path)
    view = PackageView(path, renamed=book.renamed)
    try:
        merged = view.merged
        replace: dict[str, bytes] = {}
        sheets = {part: title for title, part in book.sheet_paths.items()}
        for info in book.zip.infolist():
            if not info.filename.endswith((".xml", ".rels")):
                continue
            if info.filename not in sheets and info.file_size < 1 << 18 and not (
                    info.filename == "xl/workbook.xml" and book.renamed):
                continue  # a comment in a part this small costs openpyxl nothing worth a copy
            data = book.zip.read(info)
            original = data
            if b"<!--" in data or b"<?" in data[5:]:
                # openpyxl's load time grows with the square of an XML comment's length (a 16 MB comment
                # took 95 s): comments and processing instructions carry no data, so openpyxl gets none
                data = _strip_comments(data)
            if info.filename == "xl/workbook.xml" and book.renamed:
                data = _rename_sheets(data)
            title = sheets.get(info.filename)
            if title is not None and b't="s"' in data:
                data = _blank_missing_strings(data, len(book.strings), title, view.missing_strings)
            if title is not None:
                listed = merge_refs(data)
                merged[title] = listed
                kept = keep(listed)
                if kept != listed or len(listed) != len(_MERGE_REF.findall(data)):
                    data = _with_merges(data, kept)
            if data is not original:
                replace[info.filename] = data
        if not replace:
            return view
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            for info in book.zip.infolist():
                out.writestr(info, replace.get(info.filename) or book.zip.read(info))
        buffer.seek(0)
        view.package = buffer
        return view
    finally:
        book.close()


_COMMENT = re.compile(rb"<!--.*?-->|<\?(?!xml[\s?]).*?\?>", re.S)


_SHEET_NAME = re.compile(rb'(<(?:\w+:)?sheet\b[^>]*?\bname=")([^"]*)(")')
_STRING_CELL = re.compile(rb'(<(?:\w+:)?c\b[^>]*\bt="s"[^>]*>)\s*<((?:\w+:)?)v>\s*([^<]*?)\s*</\2v>')


def _rename_sheets(data: bytes) -> bytes:
    """workbook.xml with repeated sheet names renamed as ``unique_sheet_names`` does (for openpyxl)."""
    from html import escape, unescape

    found = list(_SHEET_NAME.finditer(data))
    names = unique_sheet_names([unescape(m[2].decode("utf-8", "replace")) for m in found])
    out, last = [], 0
    for m, name in zip(found, names):
        out += [data[last:m.start(2)], escape(name, quote=True).encode("utf-8")]
        last = m.end(2)
    out.append(data[last:])
    return b"".join(out)


_CELL_REF = re.compile(rb'\sr="\$?([A-Z]{1,3})\$?([0-9]+)"')


def _blank_missing_strings(data: bytes, count: int, title: str, missing: list) -> bytes:
    """A cell that names a shared string the file does not have is left empty (openpyxl would fail on it)."""

    def fix(m) -> bytes:
        index = m[3]
        if index.isdigit() and int(index) < count:
            return m[0]
        ref = _CELL_REF.search(m[1])
        if ref:
            missing.append((title, int(ref[2]), column_index_from_string(ref[1].decode()), index.decode("ascii", "replace")))
        return m[1]

    return _STRING_CELL.sub(fix, data)


def _strip_comments(data: bytes) -> bytes:
    """The part without XML comments and processing instructions (the XML declaration stays)."""
    return _COMMENT.sub(b"", data)


def _with_merges(data: bytes, ranges: list[tuple[int, int, int, int]]) -> bytes:
    from openpyxl.utils import get_column_letter

    def block(match) -> bytes:
        prefix = match[1]
        if not ranges:
            return b""
        refs = b"".join(b'<%smergeCell ref="%s%d:%s%d"/>' % (prefix, get_column_letter(a).encode(), b,
                                                              get_column_letter(c).encode(), d)
                        for a, b, c, d in ranges)
        return b'<%smergeCells count="%d">%s</%smergeCells>' % (prefix, len(ranges), refs, prefix)

    return _MERGE_BLOCK.sub(block, data, count=1)
