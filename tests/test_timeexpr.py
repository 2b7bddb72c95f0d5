"""The Danish time-expression parser: its parse table, and expressions inside sentences."""

import datetime as dt
import json
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
