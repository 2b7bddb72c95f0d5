"""Danish time expressions → date intervals.

Understands what municipal plans write for *when*: dates in the common Danish forms, months with or
without a year, ``primo``/``medio``/``ultimo`` + month or year, ``uge 12 (2027)``, quarters and half
years (``1. kvartal 2027``, ``Q1 2027``, ``2. halvår``), ``inden/ved udgangen af …``, school holidays
(``inden sommerferien``), ``skoleåret 2027/28``, seasons, ``begyndelse af året``, relative spans
(``efter 6 måneder``, ``inden for tre måneder``, ``senest 8 uger efter …``), single years with a
preposition (``i 2030``, ``frem mod 2025``) and year ranges (``2027-2028``).

Every match is a :class:`TimeSpan` with the interval it names. Expressions without a year take it from
``ref`` (the plan start, or today); relative spans count from ``anchor`` (the plan start) and are
unresolved (no dates) without one. Frequency words (``løbende``, ``jævnligt``, ``årligt``,
``kvartalsvis`` …) are found too, as ``kind="frequency"`` with no interval: they are no deadline.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from .dates import MONTHS, WEEKDAYS, parse_date_text

NUMBER_WORDS = {
    "en": 1, "et": 1, "én": 1, "ét": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7,
    "otte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "atten": 18, "fireogtyve": 24, "halvandet": 1.5,
    "halvanden": 1.5, "et halvt": 0.5, "en halv": 0.5,
}
ORDINALS = {"første": 1, "anden": 2, "andet": 2, "tredje": 3, "fjerde": 4, "1.": 1, "2.": 2, "3.": 3, "4.": 4}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# a number of units: "6", "1,5", "1 1/2", "1½", "tre", "halvanden"
_NUM = r"\d+(?:,\d+)?(?:\s+1/2|½)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
_WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"
# the parts of a year (month, day of the first and last day): "primo 2027" is January to March
_YEAR_PARTS = {"start": ((1, 1), (3, 31)), "mid": ((5, 1), (8, 31)), "end": ((10, 1), (12, 31)), "all": ((1, 1), (12, 31))}
_PART_WORDS = {"primo": "start", "medio": "mid", "ultimo": "end"}
_UNIT = (r"(?:arbejds)?dag(?:e|en)?|hverdag(?:e|en)?|uge(?:r|n)?|måned(?:er|en)?|mdr\.?|år(?:et)?|kvartal(?:er|et)?|"
         r"halvår(?:et)?|døgn(?:et)?|time(?:r|n)?|timers")


@dataclass(frozen=True)
class TimeSpan:
    text: str
    kind: str  # date, month, period, week, quarter, half, year, years, schoolyear, season, holiday, relative, frequency
    start: dt.date | None
    end: dt.date | None
    pos: int = 0  # where the expression starts in the text
    year_given: bool = True  # False when the year was not in the text but taken from ``ref``

    @property
    def is_deadline(self) -> bool:
        """A time limit (not a frequency), whether or not its dates could be resolved."""
        return self.kind != "frequency"

    @property
    def due(self) -> dt.date | None:
        return self.end


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _num(text: str) -> float:
    text = text.casefold()
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    half = text.endswith(("1/2", "½"))
    whole = re.sub(r"\s*(?:1/2|½)$", "", text) if half else text
    return float(whole.replace(",", ".")) + (0.5 if half else 0)


def _add(anchor: dt.date, amount: float, unit: str) -> dt.date:
    unit = unit.casefold()
    if unit.startswith(("time", "døgn")):
        hours = amount * (24 if unit.startswith("døgn") else 1)
        return anchor + dt.timedelta(days=max(0, round(hours / 24)))
    if unit.startswith(("arbejdsdag", "hverdag")):
        return anchor + dt.timedelta(days=round(amount * 7 / 5))  # five working days to a week
    if unit.startswith("dag"):
        return anchor + dt.timedelta(days=round(amount))
    if unit.startswith("uge"):
        return anchor + dt.timedelta(weeks=amount)
    if unit.startswith(("måned", "mdr")):
        return anchor + relativedelta(months=round(amount))
    if unit.startswith("halvår"):
        return anchor + relativedelta(months=round(6 * amount))
    if unit.startswith("kvartal"):
        return anchor + relativedelta(months=round(3 * amount))
    return anchor + relativedelta(months=round(12 * amount))


def _year2(text: str | None, ref: int) -> int:
    if text is None:
        return ref
    year = int(text)
    return 2000 + year if year < 100 else year


def _holiday(name: str, year: int) -> tuple[dt.date, dt.date]:
    """Approximate Danish school holidays (the interval the holiday covers)."""
    name = name.casefold()
    if name.startswith("sommerferie"):
        # the pupils' summer holiday begins the last Saturday of June (folkeskoleloven § 14 a, stk. 2) and lasts to
        # the first school day the municipality sets (about the second week of August)
        first = dt.date(year, 6, 30) - dt.timedelta(days=(dt.date(year, 6, 30).weekday() - 5) % 7)
        return first, dt.date(year, 8, 9)
    if name.startswith("efterårsferie"):
        monday = dt.date.fromisocalendar(year, 42, 1)
        return monday, monday + dt.timedelta(days=6)
    if name.startswith("vinterferie"):
        monday = dt.date.fromisocalendar(year, 7, 1)
        return monday, monday + dt.timedelta(days=6)
    if name.startswith(("påske", "påskeferie")):
        sunday = easter(year)
        return sunday - dt.timedelta(days=7), sunday + dt.timedelta(days=1)
    if name.startswith(("jul", "juleferie")):
        return dt.date(year, 12, 23), dt.date(year + 1, 1, 2)
    raise KeyError(name)


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern)


# after a span, the place or state the time is spent in: the span says which group, not when
_STATE_AFTER = re.compile(
    r"\s+(?:i|på)\s+(?:landet|danmark|kommunen|job|beskæftigelse|ledighed|uddannelse|kontanthjælp|"
    r"sygedagpenge|ordningen|tilbuddet)\b"
)

SEASONS = {"forår": (3, 5), "sommer": (6, 8), "efterår": (9, 11), "vinter": (12, 2)}


class _Parser:
    def __init__(self, text: str, ref: int, anchor: dt.date | None):
        self.text = text
        self.low = text.casefold()
        self.ref = ref
        self.anchor = anchor
        self.spans: list[TimeSpan] = []
        self.taken = [False] * len(text)
        self.has_digit = any(ch.isdigit() for ch in self.low)

    def add(self, m: re.Match, kind: str, start: dt.date | None, end: dt.date | None, guessed: bool = False,
            group: int | str = 0) -> None:
        a, b = m.span(group)
        if any(self.taken[a:b]):
            return
        for i in range(a, b):
            self.taken[i] = True
        self.spans.append(TimeSpan(self.text[a:b].strip(), kind, start, end, a, not guessed))

    def each(self, pattern: str, needs: tuple[str, ...] = ()):
        """Matches of ``pattern``; none, without a search, when the text holds none of ``needs``.

        ``needs`` names words that every match contains ("digit" for any digit): a cheap gate, since
        most goal texts hold few time expressions and running every pattern over each text costs.
        """
        if needs and not any(self.has_digit if word == "digit" else word in self.low for word in needs):
            return ()
        return _compiled(pattern).finditer(self.low)

    def relative(self, pattern: str, needs: tuple[str, ...] = ()) -> None:
        """Each match of ``pattern`` is a relative time: it fixes when, counted from an event, with no date."""
        for m in self.each(pattern, needs):
            self.add(m, "relative", None, None)

    def event(self, m: re.Match, year: str | None) -> None:
        """An event a deadline hangs on ("inden budgetvedtagelsen", "inden kommunalvalget"): relative, with no
        date, unless the text gives the event's year, which is then the deadline's year."""
        if year:
            self.add(m, "year", dt.date(int(year), 1, 1), dt.date(int(year), 12, 31))
        else:
            self.add(m, "relative", None, None)

    def run(self) -> list[TimeSpan]:
        ref = self.ref
        # baselines such as "i forhold til 2010" are no deadline: mark them taken first
        for m in self.each(rf"\b(?:i forhold til|sammenlignet med|sammenholdt med|fra niveauet i|niveau i|siden|end\s+i|end)\s+(?:år\s+)?{_YEAR}\b", needs=("digit",)):
            for i in range(*m.span()):
                self.taken[i] = True
        # a budget named by its years after "for": "prioriteringsforslag til budgetprocessen for budget 2023-2026", "forslag
        # for budgetåret 2027" say which budget it is for, not when (as "Budgetaftale 2007" is a name); "i budget 2026"
        # and "senest til budget 2028" stay times
        for m in self.each(rf"\bfor\s+(?:budget(?:året|år|perioden)?|budgetforslag(?:et)?)\s+{_YEAR}(?:\s*[-–/]\s*(?:{_YEAR}|\d\d))?\b",
                           needs=("budget",)):
            for i in range(*m.span()):
                self.taken[i] = True
        # a comparison: "med samme koncept og metode som i 2022", "lige så mange som i 2019"
        for m in self.each(rf"\b(?:samme|lige\s+så)\b[^.;,]{{0,60}}?\b(som\s+i\s+{_YEAR})\b", needs=("samme", "lige")):
            for i in range(*m.span(1)):
                self.taken[i] = True
        # months named with a yearly frequency are the times of the year it happens, a known cycle (rubric: a month
        # or a season "with a year or a known cycle"): "årligt i marts" is read as "i marts hvert år" and "marts hvert
        # år" are, a time of the year without its year; "halvårligt i juni og december" names both months
        for m in self.each(
            rf"\b(?:halv-?årlig\w*|årlig\w*|kvartalsvis|hvert\s+år|hvert\s+halve\s+år|(?:en|én|to|tre|fire|\d)\s+gange?\s+(?:om\s+året|årligt))"
            rf"\s+(?:[\w-]+\s+){{0,2}}?i\s+({_MONTH})\b\.?((?:\s*(?:,|og)\s*(?:i\s+)?(?:{_MONTH})\b\.?)*)",
            needs=("årlig", "kvartalsvis", "hvert", "gang"),
        ):
            months = [MONTHS[m[1]]] + [MONTHS[x] for x in re.findall(rf"\b(?:{_MONTH})\b", m[2])]
            first, last = min(months), max(months)
            self.add(m, "month" if first == last else "period", dt.date(ref, first, 1), _month_end(ref, last), guessed=True)
        # every school year, budget year, season: how often (before the school year itself is read)
        for m in self.each(r"\b(?:hvert|hver|ethvert)\s+(?:skoleår|budgetår|regnskabsår|halvår|kvartal|sæson)\b",
                           needs=("hver",)):
            self.add(m, "frequency", None, None)

        # the course of a sick leave (sygefraværssamtaler): "senest i 4. sygefraværsuge", "1. fraværsdag",
        # "uge 4 af sygefraværet", "ved 3 ugers sygefravær": counted from the first day of absence
        self.relative(
            r"\b(?:(?:senest|inden|efter|ved|på|i|til|inden\s+udgangen\s+af|ved\s+udgangen\s+af|udgangen\s+af)\s+)*"
            r"(?:den\s+)?(?:\d{1,2}\.|første|anden|andet|tredje|fjerde|femte|sjette|syvende|ottende|niende|tiende)\s*"
            r"(?:(?:syge|fraværs|sygefraværs|sygemeldings|sygdoms)(?:dag|uge|måned)(?:en)?|(?:dag|uge|måned)(?:en)?\s+(?:af|i)\s+"
            r"(?:syge)?(?:fraværet|sygdommen|sygemeldingen|sygeforløbet|forløbet))\b",
            needs=("dag", "uge", "måned"),
        )
        # "senest 8. uge", "inden udgangen af 3. måned": the n-th week of a course that has begun (ISO weeks are
        # written "uge 8")
        self.relative(
            r"\b(?:senest|inden|efter|ved|på|i|inden\s+udgangen\s+af|ved\s+udgangen\s+af|udgangen\s+af)\s+(?:den\s+)?"
            r"(?:\d{1,2}\.|første|anden|andet|tredje|fjerde|femte|sjette|syvende|ottende|niende|tiende)\s*(?:uge|måned)(?:en)?\b",
            needs=("uge", "måned"),
        )
        self.relative(
            r"\b(?:(?:senest|inden|efter|ved|i)\s+)*(?:i\s+)?uge\s+\d{1,2}\s+(?:af|i)\s+(?:syge)?"
            r"(?:fraværet|sygdommen|sygemeldingen|sygeforløbet|forløbet)\b",
            needs=("uge",),
        )
        self.relative(
            rf"\b(?:(?:senest|inden|efter|ved)\s+)+({_NUM})\s+(?:dages|ugers|måneders)\s+(?:syge)?(?:fravær|sygdom|sygemelding)\w*",
            needs=("fravær", "sygdom", "sygemeld"),
        )
        # a span from now: "de næste ti år", "i løbet af de næste fem år", "over de efterfølgende tre år",
        # "på bare otte år" (counted from when the goal was set)
        for m in self.each(
            rf"\b(?:(?:inden\s+for|indenfor|i\s+løbet\s+af|over|gennem|på|om)\s+)?de\s+(?:næste|kommende|efterfølgende|førstkommende)"
            rf"\s+({_NUM})\s+({_UNIT})",
            needs=("næste", "kommende", "efterfølgende"),
        ):
            end = _add(self.anchor, _num(m[1]), m[2]) if self.anchor else None
            self.add(m, "relative", self.anchor if end else None, end)
        for m in self.each(rf"\bpå\s+(?:bare|kun|blot)\s+({_NUM})\s+({_UNIT})", needs=("bare", "kun", "blot")):
            end = _add(self.anchor, _num(m[1]), m[2]) if self.anchor else None
            self.add(m, "relative", self.anchor if end else None, end)
        # "reduceres med 20 pct. på tre år": a time frame ending the clause; not a duration that is the target
        # ("en sagsbehandlingstid på 40 dage", "anciennitet på 5 år")
        # "over en 3-årig periode", "over en periode på tre år", "i den kommende 4-årsperiode": the frame of the goal
        for m in self.each(rf"\b(?:over|inden\s+for|indenfor|i\s+løbet\s+af|i)\s+(?:en|den\s+(?:kommende|næste))\s+"
                           rf"(?:(\d+|to|tre|fire|fem|seks|syv|otte|ti)\s*-?\s*(?:årig\s+periode|års\s*-?\s*periode)|periode\s+på\s+({_NUM})\s+(år|måneder))\b",
                           needs=("periode",)):
            amount, unit = (_num(m[1]), "år") if m[1] else (_num(m[2]), m[3])
            end = _add(self.anchor, amount, unit) if self.anchor else None
            self.add(m, "relative", self.anchor if end else None, end)
        for m in self.each(rf"\bpå\s+({_NUM})\s+(år|måneder)\b", needs=("på",)):
            if m.start() == 0 or re.match(r"\s*[,]?\s*(?:skal|vil|er|har|bliver|kan)\b", self.low[m.end():]) and not self.low[:m.start()].strip():
                pass  # "På tre år skal …": the frame opens the sentence
            elif not re.match(r"\s*(?:[,.;:!?)]|$|og\b|så\b)", self.low[m.end():]):
                continue
            before = self.low[max(0, m.start() - 40):m.start()]
            if re.search(r"(?:tid|anciennitet|erfaring|ansættelse|alder|varighed|periode|ophold|forløb|aftale|kontrakt)\w*\s*$", before):
                continue
            end = _add(self.anchor, _num(m[1]), m[2]) if self.anchor else None
            self.add(m, "relative", self.anchor if end else None, end)
        # the period of the plan or the council: "i valgperioden", "inden udgangen af planperioden", "i den kommende
        # byrådsperiode" (a known cycle); with its years it is those years ("i planperioden 2027-2030")
        for m in self.each(
            r"\b(?:i|inden\s+for|indenfor|(?:inden|ved|før)\s+(?:udgangen|udløbet|slutningen|afslutningen)\s+af|i\s+løbet\s+af|i\s+hele)\s+"
            r"(?:(?:den\s+)?(?:første|anden|sidste)\s+halvdel\s+af\s+)?"
            r"(?:(?:den|denne)\s+)?(?:indeværende\s+|nuværende\s+|næste\s+|kommende\s+|[\w-]+s\s+)?(?:valg|byråds|kommunalbestyrelses|plan|"
            r"strategi|politik|handleplan|aftale|budget|projekt)perioden?\b"
            rf"(?:\s*[(,]?\s*(?:for\s+)?({_YEAR})\s*(?:[-–/]|til(?:\s+og\s+med)?)\s*({_YEAR}|\d\d)\b\)?)?",
            needs=("periode",),
        ):
            first, last = (int(m[1]), _year2(m[2], 0)) if m[1] else (0, 0)
            if last and last < 100:
                last += first // 100 * 100
            if m[1] and first <= last <= first + 30 and not re.search(r"halvdel|udgangen|udløbet|slutningen|afslutningen", m[0]):
                self.add(m, "years", dt.date(first, 1, 1), dt.date(last, 12, 31))
            elif m[1] and first <= last <= first + 30 and not re.search(r"halvdel", m[0]):
                self.add(m, "period", dt.date(last, 12, 31), dt.date(last, 12, 31))  # "ved udgangen af planperioden 2027-30"
            else:
                self.add(m, "relative", None, None)

        # a span after the step before: "derefter 10 arbejdsdage", "herefter senest 14 dage" (a time plan's next step,
        # counted from the previous one, not from the plan's start)
        self.relative(
            rf"\b(?:derefter|herefter|dernæst|efterfølgende)\s+(?:(?:senest|inden\s+for|indenfor|inden|efter|maks\.?|maksimalt|højst)\s+)?"
            rf"(?:{_NUM})\s+(?:{_UNIT})\b",
            needs=("derefter", "herefter", "dernæst", "efterfølgende"),
        )
        # relative spans: "efter 6 måneder", "inden for tre måneder (efter …)", "senest 8 uger efter …", "om 3 mdr."
        for m in self.each(
            rf"\b(?:senest\s+(?:inden\s+(?:for\s+)?|om\s+)?|inden\s+for\s+|indenfor\s+|indtil\s+|efter\s+|om\s+|i\s+løbet\s+af\s+|inden\s+)(?:de\s+(?:første\s+)?)?"
            rf"(?:(?:senest\s+)?efter\s+)?({_NUM})\s+({_UNIT})(?:\s+(?:efter|fra|fra\s+start|fra\s+opstart|før|inden)\b[^,.;]*)?"
        ):
            amount, unit = _num(m[1]), m[2]
            if _STATE_AFTER.match(self.low, m.end(2)):
                for i in range(*m.span()):
                    self.taken[i] = True  # "flygtninge inden for 3 år i landet": which group, not when
                continue
            tail = m[0][m.end(2) - m.start():]
            from_start = not tail.strip() or re.search(r"\b(?:start|opstart|planstart|planens start|planperiodens start)\b", tail)
            end = _add(self.anchor, amount, unit) if self.anchor and from_start else None
            self.add(m, "relative", self.anchor if end else None, end)
        # a span after or before an event with no preposition before it, or with a bound: "svar 4 uger efter
        # modtagelsen", "maks. 4 uger efter ansøgningen", "evaluering 2 år efter vedtagelsen", "3 år fra nu",
        # "mindst to uger før et møde", "dagsordenen udsendes en uge før mødet" (counted back from the event)
        for m in self.each(
            # a range counts to its upper end: "10-14 dage før mødet", "2-3 uger efter opstart"
            rf"\b(?:(?:max\.?|maks\.?|maksimalt|højst|mindst|minimum|senest|ca\.|cirka|omkring)\s+)?(?:\d+\s*[-–]\s*)?({_NUM})\s+({_UNIT})\s+"
            rf"(?:(?:efter|fra),?\s+(?!hinanden\b|hver\b)[a-zæøå][^,.;]*|(?:før|inden)(?:\s+(?!hver\b)[a-zæøå][^,.;]*|\s*$))",
            needs=("efter", "fra", "før", "inden"),
        ):
            if m[2].startswith("år") and re.search(r"\b(?:under|over|mellem|på\s+\d+\s*[-–])\s*$", self.low[max(0, m.start() - 12):m.start(1)]):
                continue  # an age says which group: "unge under 25 år efter endt skolegang", "borgere på 18-25 år"
            tail = m[0][m.end(2) - m.start():]
            from_start = re.search(r"\b(?:start|opstart|planstart|planens start|planperiodens start|nu)\b", tail)
            end = _add(self.anchor, _num(m[1]), m[2]) if self.anchor and from_start else None
            self.add(m, "relative", self.anchor if end else None, end)
        # the n-th day, week, month or year of a course: "inden for den første uge", "i løbet af det første år",
        # "på første arbejdsdag" (counted from its start: a new employee, a case, a plan)
        # A quarter or half year named with an ordinal and no article is the calendar's ("i første kvartal 2027",
        # "i løbet af første halvår"); with an article and no year it is the course's ("i løbet af det første halvår").
        self.relative(
            r"\b(?:inden\s+for|indenfor|i\s+løbet\s+af|senest|inden|på|i|den|det|efter)\s+(?:"
            r"(?:den\s+|det\s+)?(?:første|anden|andet|tredje|fjerde)\s+(?:arbejds|ansættelses|hver)?(?:dag|uge|måned|år)(?:en|et)?\b"
            rf"|(?:den|det)\s+(?:første|anden|andet|tredje|fjerde)\s+(?:halvår|kvartal)(?:et)?\b(?!\s*(?:(?:i|af)\s+)?{_YEAR}))"
            # "inden for det første år efter udskrivning": a window that says which cases are counted
            r"(?!\s+efter\b)",
            needs=("første", "anden", "andet", "tredje", "fjerde"),
        )
        # the same or the next day: "samme dag", "senest dagen efter", "næste hverdag"
        self.relative(
            r"\b(?:(?:senest|inden|allerede|på)\s+)?(?:samme\s+(?:dag|uge)|dagen\s+(?:efter|før)|"
            r"(?:næste|efterfølgende|førstkommende)\s+(?:hver|arbejds)dag)\b",
            needs=("samme", "dagen", "dag"),
        )

        # relative to the next event: "inden næste møde i Hovedudvalget", "senest ved førstkommende MED-møde"
        for m in self.each(
            r"\b(?:inden|før|senest\s+(?:ved|til|på)|til|ved|på|i\s+forbindelse\s+med|i\s+(?=den\s+næste))\s+(?:det\s+|den\s+)?(?:næste|førstkommende|kommende)"
            r"\s+[\w-]+",
            needs=("næste", "kommende"),
        ):
            if re.search(r"(?:møder|samtaler|målinger|runder|gange)$", m[0]):
                continue  # "på kommende HMU-møder": each of them, not once
            self.add(m, "relative", None, None)
        # the first meeting: "inden første møde", "på det første møde i styregruppen"
        self.relative(
            r"\b(?:inden|før|senest\s+(?:ved|til|på)|til|på|ved)\s+(?:det\s+|den\s+)?første\s+[\w-]*møde(?:t)?\b",
            needs=("første",),
        )
        # an age that fixes the time for each child: "ved 3-års- og 5-års alderen" (only the word "alderen" is
        # the time: the ages stay in the text for S and M)
        for m in self.each(
            r"\b(?:ved|inden|før|senest\s+ved)\s+\d{1,2}\s*-?\s*års[-\s]*(?:(?:og|,)\s*\d{1,2}\s*-?\s*års[-\s]*)*(alderen)",
            needs=("alderen",),
        ):
            self.add(m, "relative", None, None, group=1)

        # an age as the time for each child or person: "når barnet fylder 3 år", "inden den unge bliver 18 år",
        # "til det er 3 år og 4 måneder", "i treårsalderen", "omkring 3-års alderen"
        self.relative(
            rf"\b(?:når|inden|før|til|indtil|senest\s+når)\s+(?:[\w-]+\s+){{0,3}}?(?:fylder|bliver|er)\s+"
            rf"(?:omkring\s+|ca\.\s*|cirka\s+)?(?:\d{{1,2}}|{_NUM})(?:\s*(?:,|og|eller)\s*(?:\d{{1,2}}|{_NUM}))*\s+år\b"
            rf"(?!\s*gammel\w*\s+(?:ansat|medarbejder))",
            needs=("fylder", "bliver", "er"),
        )
        # a time in a person's own course: "inden medarbejderen har været sygemeldt i 4 uger", "når borgeren har været
        # ledig i 6 måneder" (counted from when the absence or the case began; not "der har været …", a group)
        self.relative(
            rf"\b(?:når|inden|før|senest\s+når|senest\s+inden|senest\s+før)\s+(?:[\w-]+\s+){{1,3}}?(?:har|have|havde)\s+været\s+"
            rf"(?:[\w-]+\s+){{1,2}}?i\s+(?:mere\s+end\s+|over\s+|sammenlagt\s+|samlet\s+)?({_NUM})\s+({_UNIT})\b",
            needs=("været",),
        )
        self.relative(
            r"\b(?:i|omkring|ved|inden|før|senest\s+ved)\s+(?:(?:\d{1,2}|to|tre|fire|fem|seks|syv)\s*-?\s*års?\s*-?\s*alderen|"
            r"(?:to|tre|fire|fem|seks|syv|otte|ni|ti)årsalderen)\b",
            needs=("alderen",),
        )
        # The start of a school year with its year ("ved skolestart 2027", "skoleårets start 2027/28", "inden
        # skolestart i 2027") is its first school day, the day after the summer holiday as "efter sommerferien" reads
        # it; "inden"/"før" it is the last day of the holiday. Without a year, "inden skolestart" is each child's own
        # start (an event, below).
        for m in self.each(
            rf"\b(?:(inden|før|senest\s+(?:ved|inden|før)|ved|til|med|fra)\s+)?(?:skolestart(?:en)?|skoleårsstart(?:en)?|"
            rf"skoleårets\s+(?:start|begyndelse)|(?:starten|begyndelsen)\s+af\s+skoleåret)\s*[(,]?\s*(?:i\s+)?(?:aug(?:ust)?\.?\s+)?"
            rf"(?:({_YEAR})(?:\s*[/-]\s*\d{{2,4}})?|(\d\d)\s*/\s*\d\d)\b\)?",
            needs=("skole",),
        ):
            first_day = _holiday("sommerferie", _year2(m[2] or m[3], ref))[1] + dt.timedelta(days=1)
            if m[1] and re.match(r"(?:inden|før|senest\s+(?:inden|før))", m[1]):
                first_day -= dt.timedelta(days=1)
            self.add(m, "schoolyear", first_day, first_day)
        # the school year. Folkeskolens skoleår begins 1 August (folkeskoleloven § 14 a) and the pupils' summer
        # holiday begins the last Saturday of June (§ 14 a, stk. 2): a school year's work ends in June, so its end
        # ("skoleåret 2027/28", "inden udgangen af skoleåret", "skoleårets slut (juli 2027)") is read as 30 June,
        # not the legal 31 July (docs/smart.md)
        end_words = r"(?:(?:inden|ved|før|senest\s+ved|til)\s+)?(?:udgangen|slutningen|afslutningen)\s+af\s+"
        for m in self.each(rf"\b({end_words})?skoleåre?t?\s+({_YEAR}|\d\d)\s*[/-]\s*(\d{{2,4}})\b", needs=("digit",)):
            first = _year2(m[2], ref)
            last = dt.date(first + 1, 6, 30)
            self.add(m, "schoolyear", last if m[1] else dt.date(first, 8, 1), last)
        # "skoleårets afslutning 2027", "skoleårets slut (juli 2027)": the school year that ends in that year
        for m in self.each(rf"\b(?:(?:inden|ved|før|senest\s+ved|til)\s+)?skoleårets\s+(?:afslutning|slutning|slut|udgang)"
                           rf"\s*[(,]?\s*(?:(?:{_MONTH})\.?\s+)?({_YEAR})\)?", needs=("skoleår",)):
            last = dt.date(int(m[1]), 6, 30)
            self.add(m, "schoolyear", last, last)
        for m in self.each(r"\b(?:inden\s+|ved\s+|før\s+|senest\s+ved\s+|til\s+)?(?:udgangen\s+af\s+|slutningen\s+af\s+|afslutningen\s+af\s+)?(?:dette\s+|indeværende\s+|næste\s+)?"
                           r"skoleår(?:et|ets\s+(?:start|begyndelse|afslutning|slutning|slut|udgang))?\b", needs=("skoleår",)):
            first = ref if (self.anchor is None or self.anchor.month >= 8) else ref - 1
            if "næste" in m[0]:
                first += 1
            last = dt.date(first + 1, 6, 30)
            if re.search(r"start|begyndelse", m[0]):
                # the first school day (as with a year, above): the next one from the plan's start
                day = _holiday("sommerferie", first)[1] + dt.timedelta(days=1)
                if self.anchor is not None and day < self.anchor and "næste" not in m[0]:
                    day = _holiday("sommerferie", first + 1)[1] + dt.timedelta(days=1)
                self.add(m, "schoolyear", day, day, guessed=True)
            elif re.search(r"udgang|slut|afslutning", m[0]):
                self.add(m, "schoolyear", last, last, guessed=True)
            else:
                self.add(m, "schoolyear", dt.date(first, 8, 1), last, guessed=True)

        # an event in the course of the plan or of a person's case: "inden skolestart", "ved overgangen fra
        # vuggestue til børnehave", "inden byggeriet påbegyndes", "senest ved ansættelsen". "efter" alone says
        # from when, not by when.
        self.relative(
            r"\b(?:inden|før|senest\s+ved|senest\s+inden|ved|forud\s+for|op\s+til)\s+(?:den\s+|det\s+)?"
            r"(?:[\w-]+\s+){0,2}?[\w-]*(?:start(?:en)?|overgang(?:en)?|afslutning(?:en)?|udløb(?:et)?|ansættelse(?:n)?|"
            r"indflytning(?:en)?|udskrivning(?:en)?|raskmelding(?:en)?|fratræden|påbegyndelse(?:n)?|igangsættelse(?:n)?|"
            r"ibrugtagning(?:en)?|idriftsættelse(?:n)?|ikrafttræden)\b",
            needs=("start", "overgang", "afslutning", "udløb", "ansættelse", "flytning", "udskrivning", "raskmelding",
                   "fratræden", "påbegyndelse", "igangsættelse", "ibrugtagning", "idriftsættelse", "ikrafttræden"),
        )
        self.relative(
            r"\b(?:inden|før)\s+(?:[\w-]+\s+){1,4}?(?:påbegyndes|igangsættes|iværksættes|starter|begynder|går\s+i\s+gang|"
            r"afsluttes|træder\s+i\s+kraft|tages\s+i\s+brug|flytter\s+ind)\b",
            needs=("inden", "før"),
        )
        # the end of a course or a project as the time: "når projektet slutter", "når forløbet er afsluttet",
        # "efter endt forløb"
        self.relative(
            r"\b(?:når|senest\s+når|inden|før)\s+(?:[\w-]+\s+){1,4}?(?:slutter|ophører|udløber|afsluttes|"
            r"er\s+(?:afsluttet|slut|udløbet|overstået)|bliver\s+afsluttet)\b",
            needs=("slut", "ophører", "udløb", "afslut", "overstået"),
        )
        self.relative(r"\b(?:efter|ved|senest\s+ved)\s+endt\s+[\w-]+", needs=("endt",))
        # the municipality's yearly budget cycle: "inden budgetvedtagelsen", "forud for budgetforhandlingerne",
        # "senest til budget 2027" ("til budget 2026" alone is as often what a report was made for)
        for m in self.each(
            rf"\b(?:inden|før|forud\s+for|senest\s+(?:ved|til|inden)|op\s+til)\s+"
            rf"(?:den\s+|de\s+)?(?:kommende\s+|næste\s+|årets\s+)?budget(?:vedtagelse(?:n)?|forhandling(?:en|erne)?|aftale(?:n)?|forlig(?:et)?|"
            rf"behandling(?:en)?|lægning(?:en)?|seminar(?:et)?|revision(?:en)?)?(?:\s+(?:for\s+)?({_YEAR}))?\b",
            needs=("budget",),
        ):
            if m[1] is None and not re.search(r"budget\w", m[0]):
                continue  # "inden budget" alone is no event
            self.event(m, m[1])
        # the council's election: "inden kommunalvalget", "senest ved valget i 2029" (with its year, that year)
        for m in self.each(
            rf"\b(?:inden|før|forud\s+for|senest\s+(?:ved|inden|før)|op\s+til)\s+(?:det\s+)?(?:kommende\s+|næste\s+)?"
            rf"(?:kommunal|regions|byråds)?valg(?:et)?\b(?:\s+(?:i\s+)?({_YEAR}))?",
            needs=("valg",),
        ):
            self.event(m, m[1])
        # a holiday with its clause: "inden de går på sommerferie"
        for m in self.each(
            r"\b(inden|før|efter)\s+(?:[\w-]+\s+){0,2}?går\s+på\s+(sommer|jule|efterårs|vinter|påske)ferie\b",
            needs=("ferie",),
        ):
            year = ref
            first, last = _holiday(m[2] + "ferie", year)
            day = first - dt.timedelta(days=1) if m[1] in ("inden", "før") else last + dt.timedelta(days=1)
            self.add(m, "holiday", day, day, guessed=True)

        # weeks "i ugerne 20-22", "uge 20 og 21 (2027)"
        for m in self.each(rf"\b(?:i\s+|inden\s+|senest\s+)?uge(?:rne|r)?\s+(\d{{1,2}})\s*(?:-|–|og|til)\s*(\d{{1,2}})"
                           rf"(?:\s*[(,]?\s*({_YEAR})\)?)?", needs=("digit",)):
            first, last, year = int(m[1]), int(m[2]), _year2(m[3], ref)
            try:
                monday = dt.date.fromisocalendar(year, first, 1)
                sunday = dt.date.fromisocalendar(year, last, 7)
            except ValueError:
                continue
            if monday <= sunday:
                self.add(m, "week", monday, sunday, guessed=m[3] is None)

        # ISO week "uge 12 (2027)", "uge 12, 2027", "uge 12"
        for m in self.each(rf"\b(?:i\s+|inden\s+|senest\s+)?uge\s+(\d{{1,2}})(?:\s*[(,]?\s*({_YEAR})\)?)?", needs=("digit",)):
            week, year = int(m[1]), _year2(m[2], ref)
            if 1 <= week <= 53:
                try:
                    monday = dt.date.fromisocalendar(year, week, 1)
                except ValueError:
                    continue
                self.add(m, "week", monday, monday + dt.timedelta(days=6), guessed=m[2] is None)

        # quarters and halves: "1. kvartal 2027", "første kvartal", "Q1 2027", "2. halvår 2027"
        ords = r"1\.|2\.|3\.|4\.|første|anden|andet|tredje|fjerde|sidste"
        udg = r"(?:(?:inden|ved|før|senest\s+ved)\s+)?(?:udgangen\s+af\s+|slutningen\s+af\s+)?"
        for m in self.each(rf"\b{udg}({ords})\s*(kvartal|kvt\.?|halvår)\s*(?:i\s+|af\s+)?({_YEAR})?", needs=("kvartal", "kvt", "halvår")):
            if m[1] == "sidste" and m[3] is None:
                continue  # "i sidste kvartal" without a year is the quarter just past, no deadline
            n, year = ORDINALS.get(m[1]) or (2 if m[2].startswith("halv") else 4), _year2(m[3], ref)
            if m[2].startswith("halv"):
                if n > 2:
                    continue
                first_month, months = 6 * (n - 1) + 1, 6
            else:
                first_month, months = 3 * (n - 1) + 1, 3
            end_month = first_month + months - 1
            self.add(m, "half" if months == 6 else "quarter", dt.date(year, first_month, 1), _month_end(year, end_month),
                     guessed=m[3] is None)
        for m in self.each(rf"\b(?:i\s+|inden\s+udgangen\s+af\s+)?(første|anden|sidste|1\.|2\.)\s+halvdel\s+af\s+({_YEAR})\b", needs=("halvdel",)):
            year, n = int(m[2]), 1 if m[1] in ("første", "1.") else 2
            self.add(m, "half", dt.date(year, 6 * n - 5, 1), _month_end(year, 6 * n))
        # "kvartal 1 2027", "kvartal 3": the number after the noun, as in a time plan
        for m in self.each(rf"\b(?:i\s+|inden\s+udgangen\s+af\s+)?(kvartal|halvår)\s+([1-4])(?:\s*[,/-]?\s*({_YEAR}))?\b(?!\s*[.,]\d)",
                           needs=("kvartal", "halvår")):
            n, year = int(m[2]), _year2(m[3], ref)
            months = 6 if m[1] == "halvår" else 3
            if n * months > 12:
                continue
            self.add(m, "half" if months == 6 else "quarter", dt.date(year, months * (n - 1) + 1, 1),
                     _month_end(year, months * n), guessed=m[3] is None)
        for m in self.each(rf"\bq([1-4])\s*[-/]?\s*({_YEAR}|\d\d)?\b", needs=("digit",)):
            n, year = int(m[1]), _year2(m[2], ref)
            self.add(m, "quarter", dt.date(year, 3 * n - 2, 1), _month_end(year, 3 * n), guessed=m[2] is None)

        # a range of days: "fra den 3. oktober 2022 til den 6. januar 2023", "28. september til og med 27. oktober
        # 2022", "18.-19. februar 2027": one period (a first day without a year takes the last day's year)
        day_word = rf"\d{{1,2}}\.?\s*(?:{_MONTH})\.?(?:\s*{_YEAR})?"
        for m in self.each(
            rf"\b(?:fra\s+)?(?:{_WEEKDAY}\s+)?(?:den\s+|d\.\s*)?({day_word})\s*(?:-|–|til(?:\s+og\s+med)?)\s*"
            rf"(?:{_WEEKDAY}\s+)?(?:den\s+|d\.\s*)?({day_word})(?!\s*\d)",
            needs=("digit",),
        ):
            last = parse_date_text(m[2])
            if last is None:
                continue
            first = parse_date_text(m[1]) or parse_date_text(f"{m[1]} {last.year}")
            if first is not None and first <= last:
                self.add(m, "period", first, last)
        for m in self.each(rf"\b(\d{{1,2}})\.\s*-\s*(\d{{1,2}})\.\s*({_MONTH})\.?\s*({_YEAR})\b", needs=("digit",)):
            month, year = MONTHS[m[3]], int(m[4])
            try:
                first, last = dt.date(year, month, int(m[1])), dt.date(year, month, int(m[2]))
            except ValueError:
                continue
            if first <= last:
                self.add(m, "period", first, last)

        # full dates in the common Danish forms
        date_pat = (
            rf"\b(?:den\s+|d\.\s*)?\d{{1,2}}\.?\s*(?:{_MONTH})\.?\s*(?:{_YEAR}|\d\d)?\b"
            rf"|\b\d{{1,2}}\s*[-./]\s*\d{{1,2}}\s*[-./]\s*(?:{_YEAR}|\d\d)\b"
            rf"|\b\d{{1,2}}/\d{{1,2}}\s+{_YEAR}\b"
            rf"|\b{_YEAR}-\d{{1,2}}-\d{{1,2}}\b"
        )
        for m in self.each(date_pat, needs=("digit",)):
            raw = re.sub(r"^(?:den\s+|d\.\s*)", "", m[0].strip())
            parsed = parse_date_text(raw)
            guessed = parsed is None
            if parsed is None:
                parsed = self._date_without_year(raw)
            if parsed is not None:
                self.add(m, "date", parsed, parsed, guessed=guessed)
            else:  # shaped like a date but no such day ("31. juni"): not a deadline, and not its month either
                for i in range(*m.span()):
                    self.taken[i] = True

        # a day and a month without a year after a preposition: "senest 31/12", "inden 1.3"
        for m in self.each(r"\b(?:senest|inden|til|den|d\.|pr\.|ved|før|frem\s+til)\s+(\d{1,2})[./](\d{1,2})\b(?![./-]?\d)", needs=("digit",)):
            try:
                day = dt.date(self.ref, int(m[2]), int(m[1]))
            except ValueError:
                continue
            self.add(m, "date", day, day, guessed=True)
        for m in self.each(r"^\s*((\d{1,2})/(\d{1,2}))\s*[-–:]", needs=("digit",)):
            try:
                day = dt.date(self.ref, int(m[3]), int(m[2]))
            except ValueError:
                continue
            self.add(m, "date", day, day, guessed=True, group=1)
        # half years "H1 2027", "2027 H2"
        for m in self.each(rf"\b(?:({_YEAR})\s+)?h([12])(?:\s+({_YEAR}))?\b", needs=("h1", "h2")):
            year = _year2(m[1] or m[3], ref)
            n = int(m[2])
            self.add(m, "half", dt.date(year, 6 * n - 5, 1), _month_end(year, 6 * n), guessed=not (m[1] or m[3]))

        # two parts of one year: "primo/medio 2024", "medio-ultimo 2027"
        for m in self.each(rf"\b(primo|medio|ultimo)\s*[/-]\s*(primo|medio|ultimo)\s+({_YEAR})\b", needs=("primo", "medio", "ultimo")):
            year = int(m[3])
            (fm, fd), (lm, ld) = _YEAR_PARTS[_PART_WORDS[m[1]]][0], _YEAR_PARTS[_PART_WORDS[m[2]]][1]
            if (fm, fd) < (lm, ld):
                self.add(m, "period", dt.date(year, fm, fd), dt.date(year, lm, ld))

        # primo/medio/ultimo + month (year) or year; "begyndelse/midten/slutningen af <month|året|year>"
        for m in self.each(rf"\b(primo|medio|ultimo|ult\.|prim\.|i\s+begyndelsen\s+af|begyndelsen?\s+af|i\s+starten\s+af|midten\s+af|i\s+slutningen\s+af|slutningen\s+af|udgangen\s+af|inden\s+udgangen\s+af|ved\s+udgangen\s+af|senest\s+ved\s+udgangen\s+af|i\s+løbet\s+af|resten\s+af|(?:sidst|først|midt)\s+(?:i|på))\s+(?:år(?:et)?\s+(?={_YEAR}))?(?:({_MONTH})\b\.?(?!\s*(?:-|–|/|til)\s*(?:{_MONTH}))\s*({_YEAR})?|({_YEAR})(?!\s*(?:-|–|og|&)\s*{_YEAR})|(året|dette\s+år|næste\s+år|indeværende\s+år))", needs=("prim", "medio", "ult", "begyndelse", "starten", "midten", "slutningen", "udgangen", "løbet", "resten", "sidst", "først", "midt")):
            part = m[1]
            which = ("start" if re.search(r"prim|begyndelse|start|først", part) else "mid" if re.search(r"medio|midt", part)
                     else "all" if re.search(r"løbet|resten", part) else "end")
            if m[2]:
                month, year = MONTHS[m[2]], _year2(m[3], ref)
                first, last = dt.date(year, month, 1), _month_end(year, month)
                if which == "start":
                    last = dt.date(year, month, 10)
                elif which == "mid":
                    first, last = dt.date(year, month, 11), dt.date(year, month, 20)
                elif which == "end":
                    first = dt.date(year, month, 21)
                    if "udgangen" in part:
                        first = last
                self.add(m, "period", first, last, guessed=m[3] is None)
            else:
                if m[4]:
                    year = int(m[4])
                elif m[5] and "næste" in m[5]:
                    year = ref + 1
                else:
                    year = ref
                (fm, fd), (lm, ld) = _YEAR_PARTS[which]
                first, last = dt.date(year, fm, fd), dt.date(year, lm, ld)
                if "udgangen" in part:
                    first = last
                self.add(m, "period", first, last, guessed=not m[4])

        # holidays: "inden sommerferien", "efter efterårsferien", "før jul"
        for m in self.each(r"\b(inden|før|efter|i|senest\s+ved|op\s+til)\s+(sommerferien|efterårsferien|vinterferien|påskeferien|påske|juleferien|jul)(?:\s+({}))?".format(_YEAR), needs=("ferie", "påske", "jul")):
            year = _year2(m[3], ref)
            first, last = _holiday(m[2], year)
            if m[1] in ("inden", "før") or m[1].startswith(("senest", "op")):
                day = first - dt.timedelta(days=1)
                self.add(m, "holiday", day, day, guessed=m[3] is None)
            elif m[1] == "efter":
                day = last + dt.timedelta(days=1)
                self.add(m, "holiday", day, day, guessed=m[3] is None)
            else:
                self.add(m, "holiday", first, last, guessed=m[3] is None)

        # seasons: "foråret 2027", "i efteråret", "sommeren 2027"
        # "om foråret": each spring, a time of the year like "i foråret"
        # "hen over sommeren", "sidst på efteråret", "i sensommeren 2027" (its last month), "forsommeren" (its first)
        for m in self.each(rf"\b(?:i\s+løbet\s+af\s+|((?:først|sidst|midt)\s+(?:i|på)\s+)|(?:i|om|til|inden|før|senest|næste|hen\s+mod|hver|hvert|"
                           rf"(?:hen\s*)?over)\s+)?(sen|for)?(forår|sommer|efterår|vinter)(?:et|en)?\s*({_YEAR})?\b",
                           needs=("forår", "sommer", "efterår", "vinter")):
            if m[4] is None and not re.match(r"(?:i|om|til|inden|før|senest|næste|hen|hver|hvert|over|henover|først|sidst|midt)\s", m[0]):
                continue  # "sommer" alone in a sentence is no deadline
            first_m, last_m = SEASONS[m[3]]
            year = _year2(m[4], ref)
            months = [(first_m + k - 1) % 12 + 1 for k in range(3)]
            part = (m[1] or "").split()[0] if m[1] else m[2]
            if part in ("først", "for"):
                months = months[:1]
            elif part in ("sidst", "sen"):
                months = months[2:]
            elif part == "midt":
                months = months[1:2]
            # a winter's months run into the next year: "vinteren 2027" is December 2027 – February 2028
            first_year = year
            last_year = year + 1 if months[-1] < first_m else year
            if months[0] < first_m:
                first_year = year + 1
            self.add(m, "season", dt.date(first_year, months[0], 1), _month_end(last_year, months[-1]), guessed=m[4] is None)

        # month-year ranges: "december 2024 – januar 2025", "jun 07- maj 2011"
        for m in self.each(rf"\b({_MONTH})\.?\s*({_YEAR}|\d\d)\s*(?:-|–|til)\s*({_MONTH})\.?\s*({_YEAR}|\d\d)\b", needs=("digit",)):
            first = dt.date(_year2(m[2], ref), MONTHS[m[1]], 1)
            last = _month_end(_year2(m[4], ref), MONTHS[m[3]])
            if first <= last:
                self.add(m, "period", first, last)

        # month ranges: "sep./okt.", "april–juni 2027", "marts til maj"
        for m in self.each(rf"\b(?:(?:i|inden|senest\s+i|fra|ved)\s+)?({_MONTH})\.?\s*(?:-|–|/|til|og)\s*({_MONTH})\.?(?:\s*({_YEAR}|'\d\d))?\b"):
            first_m, last_m = MONTHS[m[1]], MONTHS[m[2]]
            if m[3] is None and any(name in ("mar", "jul", "jun", "jan", "nov", "dec", "apr", "aug", "sep", "okt", "feb")
                                    for name in (m[1], m[2])) and not re.search(r"[./–-]", m[0]):
                continue  # "mar og jul" in a sentence: words, not months
            year = _year2(m[3].lstrip("'") if m[3] else None, ref)
            first_year = year - 1 if last_m < first_m else year
            self.add(m, "period", dt.date(first_year, first_m, 1), _month_end(year, last_m), guessed=m[3] is None)

        # months with (or without) a year: "marts 2027", "i oktober", "september 27"
        for m in self.each(rf"\b(?:(?:i|inden|senest\s+i|til|fra|før|ved)\s+)?({_MONTH})\.?(?:\s+(?:måned\s+)?({_YEAR}|'\d\d))?\b"):
            name = m[1]
            if m[2] is None and name in ("maj", "mar", "jun", "jul", "sep", "nov", "dec", "jan", "feb", "apr", "aug", "okt"):
                # short forms alone are too often other words ("mar", "jul" …); keep only after a preposition
                if not re.match(r"(?:i|inden|senest|til|fra|før|ved)\s", m[0]) and name != "maj":
                    continue
            year = _year2(m[2].lstrip("'") if m[2] else None, ref)
            month = MONTHS[name]
            self.add(m, "month", dt.date(year, month, 1), _month_end(year, month), guessed=m[2] is None)

        # the turn of the year: "ved årsskiftet", "årsskiftet 2027/28", "inden nytår"
        for m in self.each(rf"\b(?:(?:ved|inden|før|til|omkring|senest\s+ved)\s+)?(?:års?skiftet|nytår)(?:\s+({_YEAR})\s*/\s*(\d{{2,4}}))?", needs=("skiftet", "nytår")):
            year = int(m[1]) if m[1] else ref
            self.add(m, "date", dt.date(year, 12, 31), dt.date(year, 12, 31), guessed=m[1] is None)

        # year ranges "2027-2028", "2027–28", "2021-2033", "fra 2027 frem til 2029", "fra 2027 og til 2029"
        for m in self.each(rf"\b(?:(?:fra|mellem|i\s+årene)\s+)?({_YEAR})\s*(?:[-–/]\s*({_YEAR}|\d\d)|(?:og(?:\s+til)?|&|(?:frem\s+)?til(?:\s+og\s+med)?)\s*({_YEAR}))\b",
                           needs=("digit",)):
            first, last = int(m[1]), _year2(m[2] or m[3], 0)
            if last < 100:
                last += first // 100 * 100
            if first <= last <= first + 30:
                self.add(m, "years", dt.date(first, 1, 1), dt.date(last, 12, 31))

        # single years with a preposition: "i 2030", "frem mod 2025", "inden 2027", "år 2025", "(2027)"
        for m in self.each(
            rf"\b(?:i|inden|senest\s+i|senest|frem\s+(?:i?mod|til)|hen\s+(?:i?mod)|til(?:\s+og\s+med)?|indtil|før|ved|medio|år|i\s+løbet\s+af|"
            rf"i\s+år|i\s+(?:budget|regnskabs|kalender)(?:året|år)?|(?:budget|regnskabs|kalender)(?:året|år))\s+(?:år\s+)?({_YEAR})\b"
            rf"|[(\[]({_YEAR})[)\]]|^\s*({_YEAR})\s*(?=[:–])"
            # a label or a milestone with its year: "Tidsfrist: 2027", "(forventet afsluttet 2027)", "… – 2027" at the end
            rf"|\b(?:tids)?frist\s*:?\s*({_YEAR})\b|\bdeadline\s*:?\s*({_YEAR})\b|\btidsramme\s*:?\s*({_YEAR})\b"
            rf"|\b(?:forventes\s+|forventet\s+)?(?:afsluttet|afsluttes|færdig|klar|implementeret|gennemført)\s*:?\s+({_YEAR})\b(?!\s*[-–])"
            rf"|\s[–-]\s*({_YEAR})\s*\.?\s*$",
            needs=("digit",),
        ):
            year = int(next(g for g in m.groups() if g))
            self.add(m, "year", dt.date(year, 1, 1), dt.date(year, 12, 31))
        # the year a target is set for: "måltallet for 2026", "handleplan for 2027" (the noun stays the goal's)
        for m in self.each(
            rf"\b(?:mål(?:et|ene|tal(?:let|lene)?|sætning(?:en)?)?|ambition(?:en)?|plan(?:en)?|handleplan(?:en)?)\s+(for\s+{_YEAR})\b",
            needs=("for",),
        ):
            year = int(m[1][-4:])
            self.add(m, "year", dt.date(year, 1, 1), dt.date(year, 12, 31), group=1)

        # a goal bound to a named plan by its year: "målsætningen i Roadmap 2020", "målene i Klimaplan 2030" (the plan's
        # horizon is the goal's); a name alone ("Strategi 2030 sætter rammen") binds nothing
        for m in self.each(
            rf"\b(?:mål(?:et|ene|sætning(?:en|erne)?)?|ambition(?:en|erne)?)\s+(?:i|for)\s+((?:[\w-]+\s+){{1,3}}?({_YEAR}))\b(?!\s*[-–/]\s*\d)",
            needs=("mål", "ambition"),
        ):
            if self.text[m.start(1)].isupper():
                year = int(m[2])
                self.add(m, "year", dt.date(year, 1, 1), dt.date(year, 12, 31), group=1)
        # "i år", "næste år", "inden årets udgang": the year the plan is in (guessed: no date from it)
        for m in self.each(r"\b(?:(?:inden|senest|til)\s+)?(?:i\s+år|næste\s+år|i\s+(?:indeværende|det\s+kommende)\s+år|"
                           r"(?:inden|ved|før)\s+årets\s+udgang)\b(?!\s*\d)", needs=("år",)):
            year = ref + 1 if re.search("næste|kommende", m[0]) else ref
            self.add(m, "year", dt.date(year, 1, 1), dt.date(year, 12, 31), guessed=True)
        # at once after a named event: "straks efter episoden", "umiddelbart efter ansættelsen", "straks ved
        # sygemelding" (a relative deadline of zero days, as the rubric's "senest 8 uger efter …"); "straks" alone, and
        # "hurtigst muligt"/"snarest muligt", fix no time
        self.relative(
            r"\b(?:straks|umiddelbart|omgående)\s+(?:efter|ved|når|i\s+forbindelse\s+med)\s+"
            r"(?!(?:hver|hvert|alle|behov|hinanden|aftale)\b)(?:(?:den|det|de)\s+)?[\w-]{3,}",
            needs=("straks", "umiddelbart", "omgående"),
        )
        # frequencies: no deadline
        for m in self.each(
            r"\b(løbende|jævnligt|regelmæssigt|årligt|årlig|hvert\s+år|hver\s+(?:\d+\.\s*)?(?:uge|måned|kvartal|år)|"
            r"månedlig(?:t)?|ugentlig(?:t)?|kvartalsvis|halvårlig(?:t)?|dagligt?|fortløbende|kontinuerligt)\b"
        ):
            self.add(m, "frequency", None, None)
        return sorted(self.spans, key=lambda s: s.pos)

    def _date_without_year(self, raw: str) -> dt.date | None:
        m = re.match(rf"^(\d{{1,2}})\.?\s*({_MONTH})\.?$", raw.casefold()) or re.match(r"^(\d{1,2})/(\d{1,2})$", raw)
        if not m:
            return None
        day = int(m[1])
        month = MONTHS[m[2]] if m[2] in MONTHS else int(m[2])
        try:
            return dt.date(self.ref, month, day)
        except ValueError:
            return None


def find_time_expressions(text: str, anchor: dt.date | None = None, ref_year: int | None = None) -> list[TimeSpan]:
    """All time expressions in ``text``, in order of appearance."""
    if not text:
        return []
    ref = ref_year or (anchor.year if anchor else dt.date.today().year)
    return _Parser(text, ref, anchor).run()


def parse_time(text: str, anchor: dt.date | None = None, ref_year: int | None = None) -> TimeSpan | None:
    """The deadline a date cell or a short text names: a plain date, else the first deadline expression."""
    if not text or not text.strip():
        return None
    exact = parse_date_text(text)
    if exact is not None:
        return TimeSpan(text.strip(), "date", exact, exact)
    for span in find_time_expressions(text, anchor, ref_year):
        if span.is_deadline:
            return span
    # a bare year or year range in a date cell ("2027", "2012-2014")
    m = re.fullmatch(rf"\s*(?:år\s+)?({_YEAR})\s*", text.casefold())
    if m:
        year = int(m[1])
        return TimeSpan(text.strip(), "year", dt.date(year, 1, 1), dt.date(year, 12, 31))
    return None
