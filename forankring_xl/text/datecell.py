"""The one reading of a date cell: what a person typed where a date belongs.

Every consumer of a date cell (the workbook reader, the model, the rules, SMART T, ``overdue``, the
årshjul and the overview) goes through :func:`read_date_cell`, so they cannot disagree about a cell.

A cell is one of:

* ``date``: one calendar day ("1. marts 2027", "01-03-2027", an Excel date);
* ``period``: Danish time text that names an interval with a year ("2028", "August 2027",
  "primo 2027", "2026-2028", "frem mod 2030", "efteråret 2027", "skoleårets slut (juli 2027)",
  "senest ved udgangen af 1. kvartal 2027"). A deadline is the interval's end, a start its beginning;
* ``no_year``: time text without a year ("september", "begyndelse af året", "uge 12"): it says when
  in the year, but not which year, so no deadline is computed from it;
* ``relative``: a span counted from an event ("inden for 5 arbejdsdage", "senest 8 uger efter
  APV-mødet"): a time limit, but no calendar date;
* ``frequency``: how often, not when ("løbende", "hver 2. måned");
* ``unreadable``: anything else ("31. juni 2027", "når budgettet er vedtaget").

The reading depends on the text alone (never on today or the plan), so it is the same every time: the
model's normal form and the JSON round trip rely on that.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .dates import MONTHS, format_date, parse_date_text
from .timeexpr import find_time_expressions

CellKind = Literal["date", "period", "no_year", "relative", "frequency", "unreadable"]

#: The year a year-less text is parsed against. Never shown and never used for a deadline: a leap year,
#: so "29. februar" still parses as a day that exists.
_NO_YEAR = 2000
_YEAR = re.compile(r"(?<![\d-])((?:19|20)\d\d)(?![\d])")
# a day and a month ("31. juni", "31/6"): a cell shaped like a date that no span read names no such day
_DAY_MONTH = re.compile(rf"\b\d{{1,2}}\s*[-./]\s*\d{{1,2}}\b|\b\d{{1,2}}\.?\s*(?:{'|'.join(MONTHS)})\b", re.IGNORECASE)
_BASELINE = re.compile(r"\b(?:i forhold til|sammenlignet med|niveau(?:et)? i|siden)\b", re.IGNORECASE)
# seasons alone in a date cell ("foråret", "i efteråret", "vinter/ forår"); inside a sentence the parser
# wants a year or "i" before a season
_SEASON = r"(?:i\s+(?:løbet\s+af\s+)?)?(?:forår|sommer|efterår|vinter)(?:et|en)?"
_SEASON_ALONE = re.compile(rf"^{_SEASON}(?:\s*(?:/|-|–|,|og|eller)\s*{_SEASON})*$", re.IGNORECASE)


@dataclass(frozen=True)
class CellTime:
    """What a date cell's text says about time."""

    text: str
    kind: CellKind
    start: dt.date | None = None  # first day of the interval (period and date only)
    end: dt.date | None = None  # last day: the deadline (period and date only)
    what: str | None = None  # the time expression's own kind (month, year, quarter …), when one was found

    @property
    def has_interval(self) -> bool:
        return self.start is not None and self.end is not None

    @property
    def is_time_limit(self) -> bool:
        """The cell says when something must happen (with or without a calendar date): T holds."""
        return self.kind in ("date", "period", "no_year", "relative")


def read_date_cell(text: str) -> CellTime:
    """Read the text of one date cell."""
    return _read(" ".join(text.split()))


@lru_cache(maxsize=4096)
def _read(text: str) -> CellTime:
    if not text:
        return CellTime(text, "unreadable")
    exact = parse_date_text(text)
    if exact is not None:
        return CellTime(text, "date", exact, exact, "date")
    years = [int(y) for y in _YEAR.findall(text)]
    # a year written anywhere in the cell is the year of the parts that name none ("januar-marts 2027")
    ref = years[-1] if years else _NO_YEAR
    spans = find_time_expressions(text, None, ref)
    deadlines = [s for s in spans if s.is_deadline]
    relative = [s for s in deadlines if s.kind == "relative"]
    if relative and relative[0] is deadlines[0]:
        # "senest 3 måneder efter opstarten i januar 2027": the date belongs to the event, not the deadline
        return CellTime(text, "relative", what="relative")
    dated = [s for s in deadlines if s.start and s.end and (s.year_given or years)]
    if dated:
        start = min(s.start for s in dated)
        end = max(s.end for s in dated)
        what = dated[0].kind if len(dated) == 1 else "period"
        return CellTime(text, "period", start, end, what)
    if relative:
        return CellTime(text, "relative", what="relative")
    if deadlines:
        return CellTime(text, "no_year", what=deadlines[0].kind)
    if _SEASON_ALONE.match(text):
        return CellTime(text, "no_year", what="season")
    if len(set(years)) == 1 and not _DAY_MONTH.search(text) and not _BASELINE.search(text):
        # a bare year among other words: "Budget 2027", "2027."
        year = years[0]
        return CellTime(text, "period", dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    if spans:
        return CellTime(text, "frequency", what="frequency")
    return CellTime(text, "unreadable")


def describe(cell: CellTime) -> str:
    """The reading in Danish: '1-8-2027 – 31-8-2027', for messages."""
    if cell.start is None or cell.end is None:
        return ""
    if cell.start == cell.end:
        return format_date(cell.end)
    return f"{format_date(cell.start)} – {format_date(cell.end)}"


def unreadable_message(label: str, text: str) -> tuple[str, str]:
    """Danish message and advice for a date cell whose text names no time (the reader and the rules share it)."""
    if read_date_cell(text).kind == "frequency":
        return (f"{label}: '{text}' siger, hvor ofte – ikke hvornår. Teksten er bevaret.",
                "Skriv datoen eller perioden, hvor det skal være sket, fx 1-3-2027 eller 'marts 2027'.")
    return (f"{label}: '{text}' kan ikke læses som en dato eller en periode. Teksten er bevaret.",
            "Skriv en gyldig dato, fx 1-3-2027 eller 1. marts 2027.")
