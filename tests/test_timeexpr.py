"""The Danish time-expression parser: its parse table, and expressions inside sentences."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from forankring_xl.text.timeexpr import find_time_expressions, parse_time

TABLE = [json.loads(line) for line in (Path(__file__).parent / "data" / "time_expressions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
ANCHOR = dt.date(2027, 2, 1)


@pytest.mark.parametrize("row", TABLE, ids=[r["text"] for r in TABLE])
def test_parse_table(row):
    span = parse_time(row["text"], ANCHOR)
    got = (span.kind, span.start and span.start.isoformat(), span.end and span.end.isoformat()) if span else (None, None, None)
    assert got == (row["kind"], row["start"], row["end"])


def test_parse_table_covers_the_issue_forms():
    kinds = {r["kind"] for r in TABLE}
    assert {"date", "month", "period", "week", "quarter", "schoolyear", "holiday", "relative", "years", "year"} <= kinds
    assert len(TABLE) >= 40


@pytest.mark.parametrize(
    "sentence, kind, end",
    [
        ("Alle rådgivere har gennemført kurset senest ved udgangen af 1. kvartal 2027", "quarter", "2027-03-31"),
        ("Handleplanen forelægges LokalMED i uge 12", "week", "2027-03-28"),
        ("Til personalemødet i marts laver stuerne en midtvejsevaluering", "month", "2027-03-31"),
        ("I 2030 skal 90 procent have en uddannelse", "year", "2030-12-31"),
        ("Administrationen fremlægger ny sag primo 2026", "period", "2026-03-31"),
        ("Der laves en ny årsplan i begyndelsen af året", "period", "2027-03-31"),
    ],
)
def test_expressions_inside_sentences(sentence, kind, end):
    deadlines = [s for s in find_time_expressions(sentence, ANCHOR) if s.is_deadline]
    assert deadlines and deadlines[0].kind == kind and deadlines[0].end.isoformat() == end


def test_frequencies_and_baselines_are_no_deadline():
    spans = find_time_expressions("Vi følger løbende op og måler årligt i forhold til 2010", ANCHOR)
    assert spans and all(not s.is_deadline for s in spans)


def test_month_arithmetic_across_month_ends_and_leap_years():
    assert parse_time("efter 1 måned", dt.date(2027, 1, 31)).end == dt.date(2027, 2, 28)
    assert parse_time("efter 1 måned", dt.date(2028, 1, 31)).end == dt.date(2028, 2, 29)
    assert parse_time("efter 12 måneder", dt.date(2028, 2, 29)).end == dt.date(2029, 2, 28)
    assert parse_time("29. februar 2027") is None  # no such day: not a date


# --- the word gates in front of the patterns change speed only, never results -------------------------

_FRAGMENTS = [
    "inden", "senest", "ved udgangen af", "i løbet af", "efter", "om", "i", "uge", "12", "2027", "2027/28", "27",
    "1.", "første", "kvartal", "kvt.", "halvår", "Q2", "primo", "ultimo", "medio", "begyndelsen af", "starten af",
    "marts", "maj", "okt.", "sommerferien", "påske", "jul", "foråret", "vinter", "skoleåret", "måneder", "tre",
    "løbende", "næste", "førstkommende", "møde", "ved", "hver uge", "årligt", "31.", "-", "/", "(2028)", "i forhold til", "år", "Alle", "har", "trivsel",
]
_SENTENCES = [r["text"] for r in TABLE] + [
    json.loads(line)["text"]
    for path in (Path(__file__).parent / "data" / "smart_corpus.jsonl",)
    for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
]


def _ungated(monkeypatch):
    from forankring_xl.text import timeexpr

    monkeypatch.setattr(timeexpr._Parser, "each", lambda self, pattern, needs=(): timeexpr._compiled(pattern).finditer(self.low))


def test_gates_change_nothing_on_the_corpora(monkeypatch):
    gated = [find_time_expressions(text, ANCHOR) for text in _SENTENCES]
    _ungated(monkeypatch)
    assert [find_time_expressions(text, ANCHOR) for text in _SENTENCES] == gated
    assert sum(map(len, gated)) > 50  # the corpora do hold time expressions


from hypothesis import given, settings, strategies as st  # noqa: E402


def _gated_patterns():
    """(pattern, needs) of every gated pattern, recorded from one parse that reaches them all."""
    from forankring_xl.text import timeexpr

    seen = {}
    original = timeexpr._Parser.each

    def record(self, pattern, needs=()):
        if needs:
            seen[pattern] = needs
        return original(self, pattern, needs)

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(timeexpr._Parser, "each", record)
        find_time_expressions("", ANCHOR)
        find_time_expressions("x 1", ANCHOR)
    return sorted(seen.items())


GATED = _gated_patterns()


def test_every_gated_pattern_is_seen():
    """Every pattern written with a gate (``needs=``) is reached by the recording parse, so each is tested below.
    Counted from the source rather than written down (a number each new rule had to bump by hand)."""
    import inspect

    from forankring_xl.text import timeexpr

    written = len(re.findall(r"\bneeds=", inspect.getsource(timeexpr)))
    assert written > 50 and len(GATED) == written


@pytest.mark.parametrize("pattern, needs", GATED, ids=[str(n[:2]) for _, n in GATED])
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_every_match_of_a_gated_pattern_passes_its_gate(pattern, needs, data):
    text = data.draw(st.from_regex(pattern, fullmatch=True)).casefold()
    assert any(any(ch.isdigit() for ch in text) if word == "digit" else word in text for word in needs)




@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=8), st.sampled_from([" ", "  ", "\n"]))
def test_gates_change_nothing_on_generated_text(words, sep):
    text = sep.join(words)
    gated = find_time_expressions(text, ANCHOR)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _ungated(monkeypatch)
        assert find_time_expressions(text, ANCHOR) == gated


def test_halvanden_is_one_and_a_half():
    spans = find_time_expressions("Borgeren skal have svar inden for halvanden måned", dt.date(2027, 1, 1))
    assert [(s.text, s.kind, s.end) for s in spans] == [("inden for halvanden måned", "relative", dt.date(2027, 3, 1))]


D = dt.date


# General forms of Danish deadline text (issue 12, the rubric's T): each form in a goal as municipal plans write it,
# with the deadline it gives (None: a time limit with no calendar date); and look-alikes that fix no time.
GOAL_FORMS = [
    ("Borgeren skal have svar på sin ansøgning 4 uger efter modtagelsen.", True, None),
    ("Borgeren får svar maks. 4 uger efter, at ansøgningen er modtaget.", True, None),
    ("Henvendelser fra borgere besvares inden for 48 timer.", True, None),
    ("Akutte sager behandles inden for to døgn.", True, None),
    ("Alle nyansatte har en introsamtale med deres leder inden for den første uge.", True, None),
    ("Nye medarbejdere får udleveret it-udstyr på første arbejdsdag.", True, None),
    ("Ved akut sygdom kontakter lederen medarbejderen senest dagen efter.", True, None),
    ("Handleplanen fremlægges inden første møde i styregruppen.", True, None),
    ("Evalueringen af forløbet skal foreligge, når projektet slutter.", True, None),
    ("Alle deltagere har en uddannelsesplan efter endt forløb.", True, None),
    ("Forslag til nye besparelser udarbejdes inden budgetvedtagelsen.", True, None),
    ("Planen for de nye klyngeledelser skal være klar senest til budget 2028.", True, D(2028, 12, 31)),
    ("Udbygningen af cykelstierne gennemføres til og med 2028.", True, D(2028, 12, 31)),
    ("Udledningen af CO2 reduceres med 70 % hen mod 2030.", True, D(2030, 12, 31)),
    ("Ny rammeaftale for vikarer. Tidsfrist: 2028", True, D(2028, 12, 31)),
    ("Kortlægning af arbejdsgangene i borgerservice (forventet afsluttet 2028)", True, D(2028, 12, 31)),
    ("Den nye visitationsmodel implementeres i kvartal 3 2027.", True, D(2027, 9, 30)),
    ("Underskuddet på ældreområdet skal være nedbragt i regnskabsåret 2028.", True, D(2028, 12, 31)),
    ("Den digitale ansøgning tages i brug sidst på året 2027.", True, D(2027, 12, 31)),
    ("Alle skoler har en antimobbestrategi i 2. halvdel af 2027.", True, D(2027, 12, 31)),
    ("Sygefraværet nedbringes med 1 dag pr. medarbejder over en 3-årig periode.", True, None),
    ("Alle elever i 9. klasse har en uddannelsesplan ved skoleårets afslutning 2027.", True, D(2027, 6, 30)),
    ("Læseindsatsen evalueres inden udgangen af skoleåret 2026/27.", True, D(2027, 6, 30)),
    # look-alikes: a window that says which cases are counted, a case-handling duration, a frequency, an age group
    ("Andelen af borgere, der vender tilbage til et herberg inden for det første år efter udskrivning, må højst "
     "udgøre 20 procent.", False, None),
    ("Sagsbehandlingstiden på bilsager er max 6 måneder.", False, None),
    ("Trivselsmålingen gennemføres mindst hvert andet år.", False, None),
    ("Mindst 50 procent af udsatte unge skal som 25-årige have en ungdomsuddannelse.", False, None),
]


@pytest.mark.parametrize("text, t, due", GOAL_FORMS, ids=[g[0][:50] for g in GOAL_FORMS])
def test_general_deadline_forms_in_goals(text, t, due):
    from forankring_xl.smart.checker import judge_goal

    verdict = judge_goal(text)
    assert verdict.T is t, verdict.reasons["T"]
    assert verdict.due == due


def test_the_school_year_ends_in_june_and_the_summer_holiday_on_the_last_saturday_of_june():
    # folkeskoleloven § 14 a: the school year begins 1 August; the pupils' summer holiday begins the last Saturday
    # of June. A school year's deadline is 30 June; "inden sommerferien" is the day before that Saturday.
    for year, saturday in ((2025, D(2025, 6, 28)), (2026, D(2026, 6, 27)), (2027, D(2027, 6, 26)), (2028, D(2028, 6, 24))):
        assert parse_time(f"inden sommerferien {year}").end == saturday - dt.timedelta(days=1)
        assert parse_time(f"skoleåret {year - 1}/{str(year)[2:]}").end == D(year, 6, 30)
        assert parse_time(f"skoleårets afslutning {year}").end == D(year, 6, 30)
        assert parse_time(f"skoleåret {year}/{str(year + 1)[2:]}").start == D(year, 8, 1)
