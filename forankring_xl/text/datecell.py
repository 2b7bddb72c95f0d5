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

import calendar
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
_YEAR_RANGE = re.compile(r"(?<![\d-])((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)(?![\d-])")
# a day and a month ("31. juni", "31/6"): a cell shaped like a date that no span read names no such day
_DAY_MONTH = re.compile(rf"\b\d{{1,2}}\s*[-./]\s*\d{{1,2}}\b|\b\d{{1,2}}\.?\s*(?:{'|'.join(MONTHS)})\b", re.IGNORECASE)
_BASELINE = re.compile(r"\b(?:i forhold til|sammenlignet med|niveau(?:et)? i|siden)\b", re.IGNORECASE)
# seasons alone in a date cell ("foråret", "i efteråret", "vinter/ forår"); inside a sentence the parser
# wants a year or "i" before a season
_SEASON = r"(?:(?:i|til|hen\s+mod)\s+(?:løbet\s+af\s+)?)?(?:forår|sommer|efterår|vinter)(?:et|en)?"
_SEASON_ALONE = re.compile(rf"^{_SEASON}(?:\s*(?:/|-|–|,|og|eller)\s*{_SEASON})*$", re.IGNORECASE)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# a two-digit year after a month, a season or primo/ultimo, as typed in a cell: "nov. 26", "jan-27",
# "Ultimo 27", "Foråret 27" (a day and month with a two-digit year, "1/3-27", is a date already)
_TWO_DIGIT_YEAR = re.compile(
    rf"^(.*?\b(?:{_MONTH_NAMES}|primo|ultimo|ult|prim|medio|forår\w*|sommer\w*|efterår\w*|vinter\w*|kvartal|kvt|halvår)\.?)"
    r"\s*[-/' ]\s*'?(\d\d)$",
    re.IGNORECASE,
)
# a month and a year in figures: "03/2027", "3-2027", "03.2027", "2027-03"
_MONTH_YEAR = re.compile(r"^(?:(\d{1,2})\s*[./-]\s*((?:19|20)\d\d)|((?:19|20)\d\d)\s*[-/.]\s*(\d{1,2}))$")
_DAY_MONTH_ALONE = re.compile(r"^(?:senest\s+|inden\s+|d\.\s*|den\s+|pr\.\s*)?(\d{1,2})\s*[./]\s*(\d{1,2})\.?$", re.IGNORECASE)
# a range of days without a year: "1/2 – 21/2", "1.2-21.2"
_DAY_MONTH_RANGE = re.compile(r"^(\d{1,2})\s*[./]\s*(\d{1,2})\.?\s*[-–]\s*(\d{1,2})\s*[./]\s*(\d{1,2})\.?$")
_PRIMO_ALONE = re.compile(r"^(?:primo|medio|ultimo|ult\.|prim\.)$", re.IGNORECASE)
_YEAR_PAIR = re.compile(r"^(?:[^\W\d_]+\.?\s+)?(\d\d)\s*/\s*(\d\d)$")
_SHORT_MONTH_ALONE = re.compile(rf"^(?:{_MONTH_NAMES})\.?$", re.IGNORECASE)
# several years: "2027 og 2028", and a plan period whose dash was lost when the title was copied ("2014 2024")
_YEARS_LISTED = re.compile(r"^(?:19|20)\d\d(?:\s*(?:,|og|&|\+|\s)\s*(?:19|20)\d\d)+$", re.IGNORECASE)
# a deadline tied to an event in the plan's own course: "Når medarbejderen er raskmeldt", "Ved opstart",
# "Før kommunen tager ICS i brug". Not a wish or an arrangement ("efter behov", "efter aftale").
_EVENT = re.compile(
    r"^(?:senest\s+|straks\s+|umiddelbart\s+|hurtigst\s+muligt\s+)?"
    r"(?:når|efter|før|inden|ved|forud\s+for|op\s+til|i\s+forbindelse\s+med|i\s+takt\s+med|så\s+snart|næste|førstkommende)\s+"
    # "inden for" takes a span ("inden for 5 arbejdsdage", read above); "inden for kort tid" names none
    r"(?!(?:behov|aftale|lejlighed|ønske|evt|eventuelt|nærmere\s+aftale|tid\s+og\s+lejlighed|for)\b)\w",
    re.IGNORECASE,
)
# a step in a course counted from its start, typed alone in a cell (the 1-5-14 model of sick-leave
# contact: "1. dag", "Dag 5", "14. dag"; "maks. 3 måneder", "senest 2-3 dage før mødet")
_COURSE_STEP = re.compile(
    r"^(?:(?:senest|inden|efter|ved|på|fra|fra\s+og\s+med)\s+)*(?:den\s+)?"
    r"(?:(?:\d{1,3}\.|første|anden|andet|tredje|fjerde|femte)\s*(?:dag|uge|måned)(?:en)?|dag\s+\d{1,3})$"
    r"|^(?:maks\.?|maksimalt|max\.?|højst|senest|inden)\s+\d{1,3}(?:\s*[-–]\s*\d{1,3})?\s+(?:arbejds)?(?:dage|uger|måneder|mdr\.?)\b.*$",
    re.IGNORECASE,
)
# an occasion that comes round again ("ved MUS", "i forbindelse med personalemøder"): how often, not when
_RECURRING = re.compile(
    r"\b(?:mus|grus|lus|medarbejderudviklingssamtal\w*|hver[t]?|alle|årlig\w*|\w+møder|\w+samtaler)\b", re.IGNORECASE
)
# what a person writes in an activity's Start or Slut when it simply runs on: no date, nothing to chase
_ONGOING = re.compile(
    r"^(?:løbende|fortløbende|kontinuerligt|straks|nu|umiddelbart|igangsat|i\s+gang|påbegyndt|startet|"
    r"allerede\s+(?:startet|i\s+gang|igangsat|påbegyndt)|fortsætter|fortsat|permanent|permanent\s+drift|varigt|"
    r"vedvarende|i\s+drift|drift|(?:i\s+)?hele\s+(?:plan)?perioden|planperioden|hele\s+året|ingen\s+slutdato|"
    r"pågår|pågående|fremover|til\s+stadighed)[.!]?$",
    re.IGNORECASE,
)


# a cell that says only when something begins: "Fra 1. marts 2027", "Foregår fra maj 07", "fra 2027" (no "til",
# "senest", "inden" …): a start cell uses its beginning, but it names no deadline
# "tidligst marts 2027" is a lower bound: the earliest start, the opposite of "senest"
_START_ONLY = re.compile(r"^\s*(?:foregår\s+|gælder\s+|starter\s+|start\s+)?(?:fra|fra\s+og\s+med|startende|tidligst|(?:i\s+)?tidligste\s+fald)\b", re.IGNORECASE)
# "2027 og frem", "fra 2027 og fremefter": from then on, with no end ("frem" is an end only in "frem til/mod"); one
# pattern for a cell that ends so and for the words right after a time in a sentence
_RUNS_ON = r"\s*(?:,\s*)?\b(?:og|og\s+så)\s+(?:frem(?:efter|over|ad)?|fremover|derefter|videre)\b(?!\s+(?:til|mod)\b)"
_ONWARD = re.compile(_RUNS_ON + r"\s*\.?\s*$", re.IGNORECASE)
_HAS_END = re.compile(r"\btil\b|[-–]|\bfrem\b|\bsenest\b|\binden\b|\budgangen\b", re.IGNORECASE)


def runs_on_after(text: str) -> bool:
    """The text right after a time says it runs on from then ('… 2027 og frem', '… og fremover'): that time is a start."""
    return bool(re.match(_RUNS_ON, text, re.IGNORECASE))


def is_start_only(text: str) -> bool:
    """The text says only when something begins ('fra 1. marts 2027', '2027 og frem'), not by when it must be done."""
    if m := _ONWARD.search(text):
        return not _HAS_END.search(text[:m.start()])
    return bool(_START_ONLY.match(text)) and not _HAS_END.search(text)


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
    def starts_only(self) -> bool:
        """Only when something begins ('Fra 1. marts 2027'): a start, no deadline."""
        return self.kind == "period" and is_start_only(self.text)

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
    if not years and (m := _TWO_DIGIT_YEAR.match(text)):
        full = _read(f"{m[1]} 20{m[2]}")  # "nov. 26" is read as "nov. 2026"
        if full.kind == "period":
            return CellTime(text, full.kind, full.start, full.end, full.what)
    if m := _MONTH_YEAR.match(text):
        month, year = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        if 1 <= month <= 12:
            return CellTime(text, "period", dt.date(year, month, 1),
                            dt.date(year, month, calendar.monthrange(year, month)[1]), "month")
    if _SHORT_MONTH_ALONE.match(text):
        text_read = _read(f"i {text}")  # "feb" alone is the month, as "i feb" is
        return CellTime(text, text_read.kind, text_read.start, text_read.end, text_read.what)
    if m := _DAY_MONTH_ALONE.match(text):  # "31/12", "1.3": a day in the year, but which year
        try:
            dt.date(_NO_YEAR, int(m[2]), int(m[1]))
            return CellTime(text, "no_year", what="date")
        except ValueError:
            pass
    if m := _DAY_MONTH_RANGE.match(text):
        try:
            if dt.date(_NO_YEAR, int(m[2]), int(m[1])) <= dt.date(_NO_YEAR, int(m[4]), int(m[3])):
                return CellTime(text, "no_year", what="period")
        except ValueError:
            pass
    if _PRIMO_ALONE.match(text):  # "Primo", "Ultimo" under a month heading
        return CellTime(text, "no_year", what="period")
    if (m := _YEAR_PAIR.match(text)) and int(m[2]) == int(m[1]) + 1 and not re.match(r"(?:skole(?:års)?)?start", text, re.I):
        # "21/22", "Vinter 19/20": a school or season year
        first = 2000 + int(m[1])
        return CellTime(text, "period", dt.date(first, 8, 1), dt.date(first + 1, 6, 30), "schoolyear")
    if _YEARS_LISTED.match(text):  # "2027 og 2028"
        return CellTime(text, "period", dt.date(min(years), 1, 1), dt.date(max(years), 12, 31), "years")
    # a year written anywhere in the cell is the year of the parts that name none ("januar-marts 2027")
    ref = years[-1] if years else _NO_YEAR
    spans = find_time_expressions(text, None, ref)
    deadlines = [s for s in spans if s.is_deadline]
    relative = [s for s in deadlines if s.kind == "relative"]
    if relative and relative[0] is deadlines[0]:
        # "senest 3 måneder efter opstarten i januar 2027": the date belongs to the event, not the deadline
        return CellTime(text, "relative", what="relative")
    # a part without its own year takes the cell's year ("marts, juni og september 2027"), unless that puts it
    # outside the years written ("skoleårets slut (juli 2027)" is not the school year 2027/28)
    dated = [s for s in deadlines if s.start and s.end and (
        s.year_given or years and min(years) <= s.start.year and s.end.year <= max(years))]
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
    if (m := _YEAR_RANGE.search(text)) and not _BASELINE.search(text) and int(m[1]) <= int(m[2]):
        # a named period among other words: "Budget 2023-2026", "Strategi 2026-2030"
        return CellTime(text, "period", dt.date(int(m[1]), 1, 1), dt.date(int(m[2]), 12, 31), "years")
    if len(set(years)) == 1 and not _DAY_MONTH.search(text) and not _BASELINE.search(text):
        # a bare year among other words: "Budget 2027", "2027."
        year = years[0]
        return CellTime(text, "period", dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    if spans:
        return CellTime(text, "frequency", what="frequency")
    if _COURSE_STEP.match(text):
        return CellTime(text, "relative", what="relative")
    if _EVENT.match(text):
        if _RECURRING.search(text):
            return CellTime(text, "frequency", what="frequency")  # "ved MUS": each time, not once
        return CellTime(text, "relative", what="event")  # "når medarbejderen er raskmeldt"
    return CellTime(text, "unreadable")


#: The date cells where an ongoing text ("Løbende") is a choice: an activity's Start and Slut.
ONGOING_LABELS = ("Start", "Slut")


# time words that name no point: "på sigt", "snarest muligt", "inden for kort tid", "i de kommende år", "straks" (in a
# deadline cell: when it must be done is left open; a date cell gets its own message, not "kan ikke læses")
_VAGUE = re.compile(
    r"^(?:(?:så\s+)?(?:straks|snarest(?:e)?(?:\s+muligt)?|hurtigst(?:\s+muligt)?|så\s+hurtigt\s+som\s+muligt|så\s+snart\s+som\s+muligt|"
    r"på\s+(?:kort|længere|lang|sigt)(?:\s+sigt)?|på\s+sigt|inden\s+for\s+(?:kort\s+tid|en\s+(?:kortere\s+|årrække|overskuelig)\S*(?:\s+\S+)?|"
    r"(?:de|den)\s+(?:kommende|nærmeste|næste)\s+(?:år|tid|periode|årrække)|rimelig\s+tid)|i\s+(?:de\s+kommende|årene\s+fremover|"
    r"den\s+kommende\s+(?:tid|periode)|nær\s+fremtid|fremtiden)(?:\s+år)?|de\s+kommende\s+år|fremover|senere|med\s+tiden|nu|asap|"
    r"snarest\s+belejligt))[.!]?$",
    re.IGNORECASE,
)


def is_vague_time(text: str) -> bool:
    """Time words that name no point or span ('på sigt', 'snarest muligt', 'i de kommende år', 'straks')."""
    return bool(_VAGUE.match(" ".join(text.split())))


def is_ongoing(text: str) -> bool:
    """The text says an activity simply runs on ('løbende', 'straks', 'i drift', 'hele perioden'): in a Start or
    Slut cell that is a choice, not an unreadable date."""
    folded = " ".join(text.split())
    return bool(_ONGOING.match(folded)) or read_date_cell(folded).kind == "frequency"


def ongoing_message(label: str, text: str) -> tuple[str, str]:
    """Danish note for an ongoing Start or Slut ('Løbende'): no date to chase, and why a date still helps."""
    return (f"{label}: '{text}' er ingen dato: aktiviteten løber uden fast {'start' if label == 'Start' else 'slut'}, "
            "så der følges ikke op på en frist for den. Teksten er bevaret.",
            "Skriv en dato, hvis aktiviteten skal være i gang eller afsluttet på et bestemt tidspunkt.")


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
    if is_vague_time(text):
        return (f"{label}: '{text}' er ingen dato eller frist, der kan følges op på. Teksten er bevaret.",
                "Skriv datoen eller perioden, hvor det senest skal være sket, fx 1-3-2027 eller 'marts 2027'.")
    return (f"{label}: '{text}' kan ikke læses som en dato eller en periode. Teksten er bevaret.",
            "Skriv en gyldig dato, fx 1-3-2027 eller 1. marts 2027.")
