"""Reading a single calendar date typed as Danish text in a date cell.

Covers what people type into a date cell: ``1. marts 2027``, ``1 mar. 27``,
``01-03-2027``, ``1/3-27``, ``1.3.2027``, ``1/3/2027`` and ISO ``2027-03-01``.
Anything else (including impossible dates such as ``31. juni 2027``) gives
``None``; the caller keeps the text as typed.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "januar": 1, "jan": 1,
    "februar": 2, "feb": 2,
    "marts": 3, "mar": 3,
    "april": 4, "apr": 4,
    "maj": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
# Monday to Sunday; the first five are the working days
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")

_NUMERIC = re.compile(r"^(\d{1,2})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{2}|\d{4})$|^(\d{1,2})/(\d{1,2})\s+(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(r"^(?:den\s+)?(\d{1,2})\s*\.?\s*([a-zæøå]+)\.?\s*(\d{2}|\d{4})$")


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def format_date(d: dt.date) -> str:
    """A date as HR writes it: 1-3-2027."""
    return f"{d.day}-{d.month}-{d.year}"


def parse_date_text(text: str) -> dt.date | None:
    """The date a Danish date text names, or ``None`` when it names none."""
    s = " ".join(text.strip().casefold().split())
    if not s:
        return None
    if m := _ISO.match(s):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC.match(s):
        day, month, year = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])  # "1-3-2027" or "1/3 2027"
        return _make(_year(year), int(month), int(day))
    if m := _WORDS.match(s):
        month = MONTHS.get(m[2])
        if month is None:
            return None
        return _make(_year(m[3]), month, int(m[1]))
    return None
