"""'… og frem' read once: a date cell that ends so and a goal's sentence that says so after its time agree
(text/datecell: one pattern behind ``is_start_only`` and ``runs_on_after``; before, the cell knew 'og videre' and
the sentence did not, so 'marts 2027 og videre' was a start in the Slut cell and a deadline in the delmål)."""

from __future__ import annotations

import pytest

from forankring_xl.smart.checker import judge_goal
from forankring_xl.text.datecell import is_start_only, runs_on_after

TAILS = [" og frem", " og fremover", ", og fremefter", " og så derefter", " og videre", " og fremad",
         " og frem til 2029", " og frem mod 2030", " og videreudvikles", ""]


@pytest.mark.parametrize("tail", TAILS)
def test_a_cell_and_a_sentence_agree_on_what_runs_on(tail):
    runs_on = runs_on_after(tail)
    assert is_start_only("marts 2027" + tail) is runs_on
    verdict = judge_goal("Alle 12 ledere har gennemført kurset marts 2027" + tail + ".")
    assert verdict.T is (not runs_on), verdict.reasons["T"]


def test_the_onward_words_are_a_start_and_frem_til_an_end():
    assert all(runs_on_after(t) for t in TAILS[:6])
    assert not any(runs_on_after(t) for t in TAILS[6:])
