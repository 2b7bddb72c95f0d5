"""The escape a workbook file uses for characters in cell text (ECMA-376 Part 1, ST_Xstring: ``_xHHHH_``).

Excel writes a carriage return in a cell as ``_x000D_`` (XML would turn a bare one into a line feed) and a
typed ``_x0041_`` as ``_x005F_x0041_`` (``_x005F_`` is the underscore itself). Excel and LibreOffice decode
these when they open a file; openpyxl does not, so a pasted Windows line break reached the plan as the text
"_x000D_", and a cell holding only one read as filled while Excel shows it empty. The file reader decodes,
and the writer escapes a typed ``_xHHHH_`` so that Excel shows what the plan says. A code that a workbook
cannot hold as a character (the XML 1.0 control characters) stays as written: that is what the cell showed.
"""

from __future__ import annotations

import re

from ..model.plan import _ILLEGAL_XML

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_STARTS_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")  # overlapping: '_x005F_x0041_' has two


def _char(match: re.Match) -> str:
    code = int(match.group(1), 16)
    if code in (0x9, 0xA, 0xD) or 0x20 <= code < 0xD800 or 0xE000 <= code < 0xFFFE:
        return chr(code)
    return match.group(0)


def decode(text: str) -> str:
    """Cell text as the file stores it -> the text Excel shows."""
    return _ESCAPE.sub(_char, text) if "_x" in text else text


def encode(text: str) -> str:
    """Text to store so that Excel shows it as it is: a typed ``_xHHHH_`` gets the escaped underscore."""
    return _STARTS_ESCAPE.sub("_x005F_", text) if "_x" in text else text


def shown(text: str) -> str:
    """Text of our own making for a cell (a file name: Linux allows a control character in one, a workbook
    does not) with each character a workbook cannot hold written as ``\\xNN``, as the manifest shows the
    bytes of a name that is not UTF-8. Plan text never needs it: the model refuses such characters."""
    return _ILLEGAL_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
