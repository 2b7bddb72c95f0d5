"""The Danish deadline grammar (issue 12, SMART T and the one time reader): forms municipal plans use, each read
the same way by every consumer, with the laws that hold for them.

Cells go through the consumer check of tests/test_datecell.py (the workbook reader, the model, the rules, SMART T,
overdue and the årshjul); sentences through the SMART checker. The real sentences are dev records of
data/real/goals.jsonl (looked up by id: each test fails if the record is gone, changed or not in the dev split);
the other real-looking texts cite the public page that uses the form:

* forretningsorden, Brønderslev Kommunes dagpleje ("Forslag til dagsorden sendes … senest 3 uger før mødet",
  "udsendes senest 2 uger før mødet"): https://dagpleje.bronderslev.dk/Lokaludvalg/Forretningsorden.aspx
* trivselsmålinger, OAO ("senest i forbindelse med den næste arbejdspladsvurdering (APV)"):
  https://www.oao.dk/medindflydelse-og-su/med/trivsel/?uid=1000107&view=1&cHash=1d68110c28663c8d1c11696ebfb486d5
* Hørsholm Kommune, skoleindskrivning ("en budgetaftale for budget 2023 – 2026", "fra skoleåret 2023/24"):
  https://www.horsholm.dk/borger/dagtilbud-skole-og-familieliv/skole/skoleindskrivning
* KL's leveranceoversigt ("opdateres halv-årligt i juni og december"):
  https://docplayer.dk/amp/63824427-Tidshorisont-kontakt-person-hos-kl-kontakt-kontor-i-kl-initiativ.html
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import test_datecell as consumers
from forankring_xl.smart.checker import judge_goal
from forankring_xl.text.datecell import read_date_cell, unreadable_message
from forankring_xl.text.dates import MONTHS
from forankring_xl.text.timeexpr import find_time_expressions, parse_time
from real_goals import dev_goal as dev

D = dt.date
read_back = consumers.read_back
ANCHOR = D(2027, 2, 1)
MONTH_NAMES = [m for m in MONTHS if len(m) > 4 or m == "maj" or m == "juni" or m == "juli"]


# --- cells: the same reading for every consumer ------------------------------------------------------------

# (text, kind, first day, last day)
CELLS = [
    # a quarter or half year with an ordinal and no article is the calendar's, with or without a preposition
    ("i første kvartal 2027", "period", D(2027, 1, 1), D(2027, 3, 31)),
    ("I løbet af første halvår 2027", "period", D(2027, 1, 1), D(2027, 6, 30)),
    ("Inden for fjerde kvartal 2027", "period", D(2027, 10, 1), D(2027, 12, 31)),
    ("i andet halvår", "no_year", None, None),
    # a plan or budget period with its years is those years; without them it is a known cycle
    ("i planperioden 2027-2030", "period", D(2027, 1, 1), D(2030, 12, 31)),
    ("I budgetperioden 2027 – 2030", "period", D(2027, 1, 1), D(2030, 12, 31)),
    ("i den kommende byrådsperiode", "relative", None, None),
    # a plan period whose dash was lost when the title was copied (dev g0847, g0848: "Affaldsplan 2014 2024")
    ("2014 2024", "period", D(2014, 1, 1), D(2024, 12, 31)),
    ("Budget 2023-2026", "period", D(2023, 1, 1), D(2026, 12, 31)),
    # the first school day of a school year with its year: the day after the summer holiday, as "efter
    # sommerferien 2027" reads; "inden" it the last day of the holiday
    ("Skolestart 2027", "period", D(2027, 8, 10), D(2027, 8, 10)),
    ("Inden skolestart 2027", "period", D(2027, 8, 9), D(2027, 8, 9)),
    ("Ved skoleårets start 2027/28", "period", D(2027, 8, 10), D(2027, 8, 10)),
    # a span before an event: a time limit with no calendar date (Brønderslev, dev g0889/g0890)
    ("Senest 2 uger før mødet", "relative", None, None),
    ("Mindst to uger før et møde", "relative", None, None),
    ("senest i forbindelse med den næste arbejdspladsvurdering", "relative", None, None),
    ("Straks ved sygemelding", "relative", None, None),
    # a time plan's next step, counted from the step before (dev plan herning_tilsyn_plejecentre, Slut: it was
    # "kan ikke læses")
    ("derefter 10 arbejdsdage", "relative", None, None),
    # a month or season with a yearly frequency is a time of the year, like "marts hvert år"
    ("Årligt i marts", "no_year", None, None),
    ("Hvert år i marts", "no_year", None, None),
    ("Marts hvert år", "no_year", None, None),
    ("Hvert forår", "no_year", None, None),
    ("Halvårligt i juni og december", "no_year", None, None),
    # seasons with a part of them or a preposition of duration; the council's election and the budget agreement
    ("Sidst på sommeren 2027", "period", D(2027, 8, 1), D(2027, 8, 31)),
    ("I sensommeren 2027", "period", D(2027, 8, 1), D(2027, 8, 31)),
    ("Hen over sommeren", "no_year", None, None),
    ("Inden kommunalvalget", "relative", None, None),
    ("Inden valget i 2029", "period", D(2029, 1, 1), D(2029, 12, 31)),
    ("Inden budgetaftalen", "relative", None, None),
    # how often with no time of the year, and vague time words, fix no time
    ("Årligt", "frequency", None, None),
    ("På sigt", "unreadable", None, None),
    ("Inden for kort tid", "unreadable", None, None),
]


@pytest.mark.parametrize("text, kind, first, last", CELLS, ids=[c[0] for c in CELLS])
def test_every_consumer_reads_a_deadline_form_the_same_way(text, kind, first, last, read_back):
    consumers.test_every_consumer_reads_a_real_cell_the_same_way(text, kind, first, last, read_back)


def test_dev_due_cells_with_a_lost_dash_are_the_plan_period():
    for goal_id in ("g0847", "g0848"):
        record = dev(goal_id)
        assert record["T"] is True and record["due"] == "2014 2024"
        verdict = judge_goal(record["text"], record["due"], kind=record["kind"])
        assert verdict.T is True and verdict.due == D(2024, 12, 31)


@pytest.mark.parametrize("text", ["2027 og frem", "Fra 2027 og fremefter", "marts 2027 og frem", "Tidligst marts 2027",
                                  "tidligst sensommeren 2027"])
def test_from_then_on_is_a_start_for_every_consumer(text):
    """'2027 og frem' says when it begins, as 'fra 2027' does: a start cell uses it, no deadline is computed."""
    from forankring_xl.model import DateText, cell_due, cell_start

    cell = read_date_cell(text)
    assert cell.kind == "period" and cell.starts_only
    value = DateText(tekst=text, fra=cell.start, til=cell.end)
    assert cell_due(value) is None and cell_start(value) == cell.start
    assert judge_goal("Alle 12 ledere har gennemført kurset", text).T is False
    assert judge_goal(f"Alle 12 ledere har gennemført kurset {text}").T is False
    # "frem til" and "frem mod" are ends
    assert not read_date_cell("2027 og frem til 2029").starts_only
    assert judge_goal("Alle 12 ledere har gennemført kurset frem mod 2030").T is True


@pytest.mark.parametrize("text", ["På sigt", "snarest muligt", "Straks", "i de kommende år",
                                  "i den kommende periode"])  # the last: a Start cell in dev plan faxe_faelles_om_forebyggelse
def test_vague_time_words_are_no_deadline_and_are_told_so(text):
    message, advice = unreadable_message("Delmål dato", text)
    assert "ingen dato eller frist" in message and "kan ikke læses" not in message and "fx 1-3-2027" in advice
    verdict = judge_goal("Alle 12 ledere har gennemført kurset", text)
    assert verdict.T is False and "ingen dato eller frist" in verdict.reasons["T"]
    # an unreadable cell that is no time word keeps the old message
    assert "kan ikke læses" in unreadable_message("Delmål dato", "Efter aftale med lederen")[0]


# --- sentences: SMART T on dev goals and on look-alikes ----------------------------------------------------

# (dev id, T): every form above met in a dev goal
DEV_SENTENCES = [
    ("g0610", True),   # "inden medarbejderen har været sygemeldt i 4 uger": the course of a sick leave
    ("g0650", True),   # "når de er 3, 4 og 5 år": ages listed, each a time for each child
    ("g0783", True),   # "i den kommende byrådsperiode": a known cycle
    ("g0889", True),   # "mindst to uger før et møde"
    ("g0890", True),   # "mindst en uge før mødet"
    ("g0744", True),   # "senest tre måneder før, du ønsker en plads"
    ("g0810", True),   # "Når episoden er afsluttet, skal der straks …": at once after a named event
    ("g0812", False),  # "straks" alone fixes no time
    ("g0809", False),  # "hurtigst muligt efter episoden" fixes no time
    ("g0820", False),  # "for budget 2023-2026" says which budget
    ("g0693", True),   # "målsætningen i Roadmap 2020, hvor der skal ske …": the goal bound to the plan's year
]


@pytest.mark.parametrize("goal_id, t", DEV_SENTENCES, ids=[g for g, _ in DEV_SENTENCES])
def test_t_on_dev_goals_with_the_new_forms(goal_id, t):
    record = dev(goal_id)
    assert record["T"] is t
    verdict = judge_goal(record["text"], record.get("due"), kind=record["kind"])
    assert verdict.T is t, verdict.reasons["T"]


# (sentence, T, deadline): the forms in goals as plans write them, and look-alikes that fix no time
FORMS = [
    ("Alle medarbejdere har gennemført kurset i første kvartal 2027.", True, D(2027, 3, 31)),
    ("Den nye visitationsmodel tages i brug i løbet af første halvår 2028.", True, D(2028, 6, 30)),
    ("Kommunen etablerer 40 nye plejeboliger i planperioden 2027-2030.", True, D(2030, 12, 31)),
    ("Alle skoler har en ny antimobbestrategi ved skolestart 2027.", True, D(2027, 8, 10)),
    ("Trivselsmålingen gennemføres årligt i marts.", True, None),
    ("Trivselsmålingen gennemføres i marts hvert år.", True, None),
    ("Dagsordenen udsendes senest 2 uger før mødet.", True, None),
    ("Handleplanen drøftes i forbindelse med næste APV.", True, None),
    ("Lederen kontakter medarbejderen straks efter sygemeldingen.", True, None),
    ("Punkter til dagsordenen sendes til formanden 10-14 dage før mødet.", True, None),
    ("Forældrene får svar, inden barnet har været indskrevet i 3 måneder.", True, None),
    ("Alle 12 ledere har gennemført kurset i kalenderåret 2027.", True, D(2027, 12, 31)),
    ("Målene i Sundhedspolitik 2030 skal være nået.", True, D(2030, 12, 31)),
    # look-alikes
    ("Der er indgået en budgetaftale for budget 2023 – 2026.", False, None),
    ("Strategi 2030 sætter rammen for arbejdet med trivsel.", False, None),
    ("Borgere, der har været ledige i 6 måneder, får tilbud om et forløb.", False, None),
    ("Flere unge under 25 år skal have en uddannelse 2 år efter grundskolen.", True, None),
    ("Andelen af unge under 25 år efter grundskolen i uddannelse skal stige.", False, None),
    ("Trivselsmålingen gennemføres årligt.", False, None),
    ("Lederen kontakter straks medarbejderen.", False, None),
    ("Kommunen hjælper de 39 kommuner, som har fået godkendt klimaplaner i efteråret 2022.", False, None),
    ("Alle skoler gennemfører trivselsmålingen fra 2027 og frem.", False, None),
    # "tidligst" is the earliest start, the opposite of "senest" (evaluate_time dev, t124)
    ("Det forventes, at gravearbejdet påbegyndes tidligst sensommeren 2027.", False, None),
    ("Gravearbejdet skal være afsluttet senest sensommeren 2027.", True, D(2027, 8, 31)),
]


@pytest.mark.parametrize("text, t, due", FORMS, ids=[f[0][:50] for f in FORMS])
def test_deadline_forms_and_look_alikes_in_goals(text, t, due):
    verdict = judge_goal(text)
    assert verdict.T is t, verdict.reasons["T"]
    assert verdict.due == due


# --- the reader's intervals where they changed ---------------------------------------------------------------

def test_a_span_before_an_event_is_not_counted_from_the_plan_start():
    """'senest 2 uger før mødet' counts back from the meeting: no date from the plan start (it had one)."""
    for text in ("senest 2 uger før mødet", "senest en uge inden mødet", "mindst 14 dage før"):
        spans = [s for s in find_time_expressions(text, ANCHOR) if s.is_deadline]
        assert [(s.kind, s.start, s.end) for s in spans] == [("relative", None, None)], text
    # counted from the plan start, the span has its date
    assert parse_time("inden for 3 måneder", ANCHOR).end == D(2027, 5, 1)


def test_an_ordinal_quarter_is_the_calendar_quarter_and_an_article_makes_it_a_course_step():
    assert (parse_time("i første kvartal 2027", ANCHOR).kind, parse_time("i første kvartal 2027", ANCHOR).end) == ("quarter", D(2027, 3, 31))
    assert parse_time("i andet halvår", ANCHOR).kind == "half"
    assert parse_time("i løbet af det første halvår", ANCHOR).kind == "relative"
    assert parse_time("inden for det første år", ANCHOR).kind == "relative"


def test_a_yearly_month_is_a_time_of_the_year_without_a_year():
    span = parse_time("årligt i marts", ANCHOR)
    assert (span.kind, span.start, span.end, span.year_given) == ("month", D(2027, 3, 1), D(2027, 3, 31), False)
    span = parse_time("halvårligt i juni og december", ANCHOR)
    assert (span.kind, span.start, span.end, span.year_given) == ("period", D(2027, 6, 1), D(2027, 12, 31), False)


def test_the_start_of_the_school_year_without_a_year_is_the_next_first_school_day():
    # from a plan that starts in February 2027 the next school start is August 2027, not August 2026
    assert parse_time("ved skoleårets start", ANCHOR).end == D(2027, 8, 10)
    assert parse_time("ved skoleårets start", D(2027, 9, 1)).end == D(2028, 8, 10)


# --- laws -------------------------------------------------------------------------------------------------

years = st.integers(2000, 2060)
ORDINALS = {1: "første", 2: "andet", 3: "tredje", 4: "fjerde"}


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(MONTH_NAMES), st.sampled_from(["årligt i {m}", "hvert år i {m}", "{m} hvert år", "i {m} hvert år",
                                                       "en gang om året i {m}", "årligt i {m} og {m2}"]),
       st.sampled_from(MONTH_NAMES))
def test_a_yearly_month_reads_alike_in_every_word_order(month, form, other):
    """'årligt i marts', 'hvert år i marts' and 'marts hvert år' are one reading: a time of the year, T holds, no date."""
    text = form.format(m=month, m2=other)
    cell = read_date_cell(text)
    assert cell.kind == "no_year"
    verdict = judge_goal(f"Trivselsmålingen gennemføres {text}")
    assert verdict.T is True and verdict.due is None


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 4), years, st.sampled_from(["i ", "inden for ", "i løbet af ", "senest i ", ""]))
def test_every_way_of_naming_a_quarter_gives_the_same_interval(n, year, prep):
    first, last = read_date_cell(f"Q{n} {year}"), read_date_cell(f"{prep}{ORDINALS[n]} kvartal {year}")
    assert (first.start, first.end) == (last.start, last.end) == (D(year, 3 * n - 2, 1), read_date_cell(f"{n}. kvartal {year}").end)
    for half in (1, 2):
        cell = read_date_cell(f"{prep}{ORDINALS[half]} halvår {year}")
        assert (cell.start, cell.end) == (D(year, 6 * half - 5, 1), read_date_cell(f"{half}. halvår {year}").end)


PARTS = ["", "senest ", "inden ", "i ", "i løbet af ", "frem mod ", "ved udgangen af ", "primo ", "ultimo ",
         "i første halvdel af ", "skolestart ", "inden skolestart ", "i planperioden "]
UNITS = ["{y}", "{y}-{y2}", "marts {y}", "{o} kvartal {y}", "{o} halvår {y}", "efteråret {y}", "uge 12 {y}",
         "skoleåret {y}/{s}", "årligt i marts", "2 uger før mødet", "{y} og frem", "{y} {y2}"]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PARTS), st.sampled_from(UNITS), years, st.integers(0, 8), st.sampled_from(list(ORDINALS.values())[:2]))
def test_every_accepted_period_ends_on_or_after_its_start(part, unit, year, more, ordinal):
    text = part + unit.format(y=year, y2=year + more, s=str(year + 1)[2:], o=ordinal)
    cell = read_date_cell(text)
    if cell.has_interval:
        assert cell.start <= cell.end, text
    for span in find_time_expressions(text, ANCHOR):
        if span.start is not None and span.end is not None:
            assert span.start <= span.end, (text, span)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([f[0] for f in FORMS] + [f"Alle 12 ledere har gennemført kurset {c[0]}" for c in CELLS]),
       st.sampled_from(["", " ", "  ", "\n"]), st.booleans())
def test_a_deadline_reading_does_not_depend_on_spacing_or_case(text, pad, upper):
    sep = " " + pad if pad else " "
    variant = pad + sep.join((text.upper() if upper else text).split(" ")) + pad
    a, b = judge_goal(text), judge_goal(variant)
    assert (a.T, a.due) == (b.T, b.due), (text, variant)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([c[0] for c in CELLS]), st.sampled_from(["", " ", "  ", "\t"]), st.sampled_from(["same", "upper", "lower"]))
def test_a_cell_reading_does_not_depend_on_spacing_or_case(text, pad, case):
    variant = {"same": text, "upper": text.upper(), "lower": text.lower()}[case]
    variant = pad + (" " + pad if pad else " ").join(variant.split(" ")) + pad
    a, b = read_date_cell(text), read_date_cell(variant)
    assert (a.kind, a.start, a.end, a.starts_only) == (b.kind, b.start, b.end, b.starts_only), (text, variant)


# forms only a cell has: two bare years in a sentence are no time ("i 2014 2024" is not written)
CELL_ONLY = {"2014 2024"}


@pytest.mark.parametrize("text", [c[0] for c in CELLS if c[0] not in CELL_ONLY])
def test_a_form_in_the_due_cell_and_in_the_sentence_gives_one_verdict(text):
    """One reader: the due cell and the goal's own text agree on T and on the deadline."""
    in_cell = judge_goal("Alle 12 ledere har gennemført kurset", text)
    in_text = judge_goal(f"Alle 12 ledere har gennemført kurset {text}")
    assert (in_cell.T, in_cell.due) == (in_text.T, in_text.due)


@pytest.mark.parametrize("text", ["fra 2027 frem til 2029", "fra 2027 og til 2029", "2027 frem til 2029"])
def test_a_span_of_years_with_frem_til_or_og_til_starts_in_its_first_year(text):
    # the review found these read as the last year alone: a Start cell said 1-1-2029
    cell = read_date_cell(text)
    assert (cell.start, cell.end) == (D(2027, 1, 1), D(2029, 12, 31))
    assert judge_goal(f"Alle ledere har gennemført kurset i trivselssamtaler {text}.").T is True
