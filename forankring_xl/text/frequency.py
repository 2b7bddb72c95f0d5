"""How often: 'hver 2. måned', 'kvartalsvis', 'månedlig', 'hvert halve år' … as a calendar step."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from .dates import WEEKDAYS

_ORD = {"anden": 2, "andet": 2, "tredje": 3, "fjerde": 4, "femte": 5, "sjette": 6, "ottende": 8}
_WORDS = {"en": 1, "én": 1, "et": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "otte": 8, "ti": 10,
          "tolv": 12, "fjorten": 14}
_COUNT = r"(\d+|en|én|to|tre|fire|fem|seks|otte|ti|tolv)"
# "2 gange årligt", "tre gange om året", "4 gange pr. år", "2 x årligt": a year divided by the count
_TIMES_A_YEAR = re.compile(rf"\b{_COUNT}\s*(?:gange?|x)\s*(?:om\s+året|årligt|pr\.?\s*år|per\s+år|i\s+året|om\s+år|hvert\s+år|på\s+et\s+år)")
_TIMES_A_MONTH = re.compile(rf"\b{_COUNT}\s*(?:gange?|x)\s*(?:om\s+måneden|månedligt|pr\.?\s*måned|per\s+måned|i\s+måneden)")


@dataclass(frozen=True)
class Frequency:
    months: int = 0
    days: int = 0
    text: str = ""

    def step(self, n: int = 1) -> relativedelta:
        """n steps as calendar arithmetic: 31 January + 1 month is 28/29 February."""
        return relativedelta(months=self.months * n, days=self.days * n)

    def danish(self) -> str:
        if self.months:
            return "hver måned" if self.months == 1 else f"hver {self.months}. måned"
        return "hver uge" if self.days == 7 else f"hver {self.days}. dag"


def _count(token: str | None) -> int:
    if not token:
        return 1
    token = token.rstrip(".")
    if token.isdigit():
        return int(token)
    return _ORD.get(token) or _WORDS.get(token) or 1


# Wording that makes a follow-up optional: "evt. hver 2. måned", "efter behov", "hvis det skønnes nødvendigt".
# An optional meeting is no plan for following up, and it cannot be overdue.
_OPTIONAL = re.compile(
    r"\bevt\b\.?|\beventuelt\b|\b(?:efter|ved|når der er|hvis der er)\s+behov\b|"
    r"\b(?:hvis|om|når)\s+(?:det\s+)?(?:skønnes|vurderes|findes|er)?\s*(?:nødvendigt|relevant)\b|"
    r"\bnår det giver mening\b|\bsåfremt\b"
)


def is_optional(text: str | None) -> bool:
    """The text makes the follow-up optional ('evt.', 'efter behov', 'hvis det skønnes nødvendigt')."""
    return bool(text) and _OPTIONAL.search(" ".join(text.casefold().split())) is not None


@lru_cache(maxsize=2048)
def parse_frequency(text: str | None) -> Frequency | None:
    """The interval a frequency text names, or None (also for 'løbende', which names none, and for an
    optional one such as 'evt. hver 2. måned', which is no schedule)."""
    if not text or is_optional(text):
        return None
    s = " ".join(text.casefold().split())
    if m := _TIMES_A_YEAR.search(s):
        n = _count(m[1])
        if 1 <= n <= 12 and 12 % n == 0:
            return Frequency(months=12 // n, text=text)
        if n >= 1:
            return Frequency(days=max(1, round(365 / n)), text=text)  # '1000 gange om året': daily, never a step of 0
    if m := _TIMES_A_MONTH.search(s):
        n = _count(m[1])
        return Frequency(months=1, text=text) if n == 1 else Frequency(days=max(1, round(30 / max(n, 1))), text=text)
    if m := re.search(r"\bhvert\s+(\d+\.?|andet|tredje|fjerde|femte)\s+år\b", s):  # "hvert andet år", "hvert 3. år"
        return Frequency(months=12 * _count(m[1]), text=text)
    table = [
        (r"\b(?:hver|hvert)\s+(\d+\.?|anden|andet|tredje|fjerde|femte|sjette)\s+måned", "m"),
        (r"\bhver\s+(\d+\.?|anden|andet|tredje|fjerde|femte|sjette|ottende|fjortende)\s+uge", "w"),
        (r"\bhver\s+(\d+\.?|fjortende)\s+dag", "d"),
        (r"\bhver\s+måned|\bmånedlig(?:t|e)?\b|\bén gang om måneden|\ben gang om måneden|\b1 gang om måneden", "1m"),
        (r"\bkvartals?vis|\bhvert\s+kvartal|\b(?:en|én|1)\s+gang\s+(?:i|pr\.?|per|om)\s+kvartal(?:et)?|\bhver\s+3\.?\s+måned|\bfire gange om året|\b4 gange om året", "3m"),
        (r"\bhvert\s+halve\s+år|\bhvert\s+halvår|\bhvert\s+semester|\bhalvårlig(?:t|e)?\b|\bto gange om året|\b2 gange om året", "6m"),
        (r"\bårlig(?:t|e)?\b|\bhvert\s+år\b|\bén gang om året|\ben gang om året|\b1 gang om året", "12m"),
        (r"\bhver\s+uge\b|\bugentlig(?:t|e)?\b|\bhver\s+(?:" + "|".join(WEEKDAYS[:5]) + r")\b", "1w"),  # working days
        (r"\bhver\s+(?:anden|andet)\s+måned|\bto gange i kvartalet", "2m"),
    ]
    for pattern, unit in table:
        m = re.search(pattern, s)
        if not m:
            continue
        if unit == "m":
            return Frequency(months=_count(m[1]), text=text)
        if unit == "w":
            return Frequency(days=7 * _count(m[1]), text=text)
        if unit == "d":
            n = 14 if m[1] == "fjortende" else _count(m[1])
            return Frequency(days=n, text=text)
        amount, kind = int(unit[:-1]), unit[-1]
        return Frequency(months=amount, text=text) if kind == "m" else Frequency(days=7 * amount, text=text)
    return None
