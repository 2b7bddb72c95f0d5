"""'sidste kvartal 2027' and 'sidste halvår 2027' are the year's last quarter and half, as 'sidste halvdel af 2027'
already was: before, the sentence 'Alle ledere har gennemført kurset i sidste kvartal 2027.' had no deadline (a T
false alarm on a timed goal) while the same words in a date cell read as the whole year."""

from __future__ import annotations

import datetime as dt

import pytest

from forankring_xl.smart.checker import judge_goal
from forankring_xl.text.datecell import read_date_cell

D = dt.date


@pytest.mark.parametrize("text, first, last", [
    ("sidste kvartal 2027", D(2027, 10, 1), D(2027, 12, 31)),
    ("Sidste halvår 2027", D(2027, 7, 1), D(2027, 12, 31)),
    ("inden udgangen af sidste kvartal 2028", D(2028, 10, 1), D(2028, 12, 31)),
    ("sidste halvdel af 2027", D(2027, 7, 1), D(2027, 12, 31)),
])
def test_the_last_quarter_or_half_of_a_year_is_read_alike_in_a_cell_and_a_sentence(text, first, last):
    cell = read_date_cell(text)
    assert (cell.kind, cell.start, cell.end) == ("period", first, last)
    verdict = judge_goal(f"Alle ledere har gennemført kurset {text}.")
    assert verdict.T is True and verdict.due == last, verdict.reasons["T"]


def test_the_quarter_just_past_is_no_deadline():
    assert judge_goal("Fraværet faldt i sidste kvartal.").T is False
