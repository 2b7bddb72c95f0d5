"""One Danish time reading everywhere: the reader, the model, the rules, SMART T, overdue and the årshjul
agree on every date cell.

The cell texts are the forms seen in real returned municipal plans. Sources:
* issue 12 (texts quoted from 13 public Danish municipal plans typed into the template): "2028",
  "August 2027", "primo 2027", "2026-2028", "frem mod 2030", "efteråret 2027", "skoleårets slut (juli 2027)",
  "senest ved udgangen af 1. kvartal 2027", "september", "begyndelse af året", "inden for 5 arbejdsdage",
  "senest 8 uger efter …";
* /work/shared/domain.md, "What real returned plans look like" (forms seen in returned plans): "ultimo
  september", "skoleåret 2027/28", a year-less month in an årshjul;
* the real plans in data/real/plans: "vinter/ forår" (Rebild, https://docplayer.dk/127989092-Projektaftale-kommissorium.html),
  "inden næste møde i Hovedudvalget" (Ærø, https://polweb.nethotel.dk/Produkt/PolWeb/Sog/ShowFile.asp?p=aeroe&ID=142894),
  "primo 2024", "2021", "12. juni";
* APV deadlines as municipal guidance writes them, "inden for 3 måneder":
  https://www.prosa.dk/arbejdsmiljoe/arbejdsmiljoe-haandbogen/arbejdsplads-vurdering/handlingsplan
* phase timing in a municipal plan, "mars/april 2019" style month ranges with a year ("Første gangs
  behandling mars/april 2019"): https://www.stange.kommune.no/category21424.html (Norwegian; the Danish
  form "marts/april 2027" is the same shape).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forankring_xl.io.reader import read_plan
from forankring_xl.io.writer import write_plan
from forankring_xl.layout.locator import Locator
from forankring_xl.model import DateText, Opfoelgning, Plan, PlanRow, Raw, Sigtepunkt, cell_due
from forankring_xl.overdue.calendar import plan_events
from forankring_xl.overdue.items import collect_items
from forankring_xl.rules import check_plan
from forankring_xl.smart.checker import GoalContext, judge_goal
from forankring_xl.text.datecell import read_date_cell

D = dt.date
EARLY, LATE = D(2020, 1, 1), D(2040, 1, 1)

# text → (kind, first day, last day): what a consultant reads in the cell
REAL_CELLS = [
    ("2028", "period", D(2028, 1, 1), D(2028, 12, 31)),
    ("August 2027", "period", D(2027, 8, 1), D(2027, 8, 31)),
    ("primo 2027", "period", D(2027, 1, 1), D(2027, 3, 31)),
    ("Ultimo 2026", "period", D(2026, 10, 1), D(2026, 12, 31)),
    ("2026-2028", "period", D(2026, 1, 1), D(2028, 12, 31)),
    ("2027/28", "period", D(2027, 1, 1), D(2028, 12, 31)),
    ("frem mod 2030", "period", D(2030, 1, 1), D(2030, 12, 31)),
    ("efteråret 2027", "period", D(2027, 9, 1), D(2027, 11, 30)),
    ("Foråret 2028", "period", D(2028, 3, 1), D(2028, 5, 31)),
    # the school year 2026/27 ends with its last school day in June (folkeskoleloven § 14 a): 30 June, not July
    ("skoleårets slut (juli 2027)", "period", D(2027, 6, 30), D(2027, 6, 30)),
    ("Inden udgangen af skoleåret 2026/27", "period", D(2027, 6, 30), D(2027, 6, 30)),
    ("Skoleårets afslutning 2027", "period", D(2027, 6, 30), D(2027, 6, 30)),
    # general forms of time-plan cells: a quarter named after its noun, part of a year, a fiscal year, an end year
    ("Kvartal 3 2027", "period", D(2027, 7, 1), D(2027, 9, 30)),
    ("Sidst på året 2027", "period", D(2027, 10, 1), D(2027, 12, 31)),
    ("Regnskabsåret 2028", "period", D(2028, 1, 1), D(2028, 12, 31)),
    ("Til og med 2028", "period", D(2028, 1, 1), D(2028, 12, 31)),
    ("2. halvdel af 2027", "period", D(2027, 7, 1), D(2027, 12, 31)),
    ("senest ved udgangen af 1. kvartal 2027", "period", D(2027, 1, 1), D(2027, 3, 31)),
    ("skoleåret 2027/28", "period", D(2027, 8, 1), D(2028, 6, 30)),
    ("2. halvår 2027", "period", D(2027, 7, 1), D(2027, 12, 31)),
    ("marts/april 2027", "period", D(2027, 3, 1), D(2027, 4, 30)),
    ("januar - marts 2027", "period", D(2027, 1, 1), D(2027, 3, 31)),
    ("Inden sommerferien 2027", "period", D(2027, 6, 25), D(2027, 6, 25)),  # holiday from the last Saturday of June
    ("uge 40 2027", "period", D(2027, 10, 4), D(2027, 10, 10)),
    ("1. marts 2027", "date", D(2027, 3, 1), D(2027, 3, 1)),
    ("01-03-2027", "date", D(2027, 3, 1), D(2027, 3, 1)),
    ("september", "no_year", None, None),
    ("ultimo september", "no_year", None, None),
    ("begyndelse af året", "no_year", None, None),
    ("Efter sommerferien", "no_year", None, None),
    ("inden udgangen af skoleåret", "no_year", None, None),
    ("uge 12", "no_year", None, None),
    ("inden for 5 arbejdsdage", "relative", None, None),
    ("inden for 3 måneder", "relative", None, None),
    ("senest 8 uger efter APV-mødet", "relative", None, None),
    ("vinter/ forår", "no_year", None, None),
    ("inden næste møde i Hovedudvalget", "relative", None, None),
    ("Løbende", "frequency", None, None),
    ("Hver 2. måned", "frequency", None, None),
    ("31. juni 2027", "unreadable", None, None),
    # a deadline tied to an event in the plan's course, like "senest 8 uger efter …" (rubric, g0182)
    ("Når budgettet er vedtaget", "relative", None, None),
    # a span after an event with no "senest"/"inden" before it, hours, the n-th week of a new job, the budget cycle
    ("4 uger efter modtagelsen", "relative", None, None),
    ("Maks. 4 uger efter ansøgningen", "relative", None, None),
    ("Inden for 48 timer", "relative", None, None),
    ("Inden for den første uge", "relative", None, None),
    ("Inden budgetvedtagelsen", "relative", None, None),
    ("Når projektet slutter", "relative", None, None),
    ("Efter aftale med lederen", "unreadable", None, None),
]
IDS = [t for t, *_ in REAL_CELLS]


def _plan(text: str, status: str = "I gang") -> Plan:
    row = PlanRow(formaal="Fælles mødekultur", aktivitet="Kursus for alle ledere", ansvarlig="Mette Hansen",
                  start=D(2020, 1, 1), slut=text, delmaal="Alle 12 ledere har gennemført kurset",
                  delmaal_dato=text, maal="90 % af møderne har en skriftlig dagsorden", maal_dato=D(2040, 1, 1),
                  status=status, sidst_fulgt_op=text)
    return Plan(kommune="Egedal", enhed="Engskolen", indsats="Mødekultur", periode_start=D(2020, 1, 1),
                periode_slut=D(2040, 12, 31), godkendt_af="MED-udvalget", godkendt_dato=D(2020, 1, 1),
                sigtepunkter=[Sigtepunkt(titel="Møder", raekker=[row],
                                         opfoelgning=Opfoelgning(datoer=[text], form="Teammøde",
                                                                 informeres="Alle", ansvarlig="Ole Berg"))])


@pytest.fixture(scope="module")
def read_back(tmp_path_factory):
    """Each plan written to a workbook and read back, as a returned plan is."""
    folder = tmp_path_factory.mktemp("cells")

    def read(text: str):
        path = folder / f"plan{abs(hash(text))}.xlsx"
        if not path.exists():
            write_plan(_plan(text), path)
        return read_plan(path)

    return read


@pytest.mark.parametrize("text, kind, first, last", REAL_CELLS, ids=IDS)
def test_every_consumer_reads_a_real_cell_the_same_way(text, kind, first, last, read_back):
    cell = read_date_cell(text)
    assert (cell.kind, cell.start, cell.end) == (kind, first, last)

    # the reader and the model: a date, time text kept as written with its interval, or the text as typed
    result = read_back(text)
    row = result.plan.sigtepunkter[0].raekker[0]
    value = row.delmaal_dato
    if kind == "date":
        assert value == last
    elif kind in ("period", "no_year", "relative"):
        assert isinstance(value, DateText) and value.tekst == text and (value.fra, value.til) == (first, last)
    else:
        assert value == Raw(raw=text)
    for other in (row.slut, row.sidst_fulgt_op, result.plan.sigtepunkter[0].opfoelgning.datoer[0]):
        assert other == value
    unreadable = {f.cell for f in result.findings if f.code == "DATE_INVALID"}
    assert bool(unreadable) == (kind in ("frequency", "unreadable"))

    # SMART T: any time limit passes; how often, or nothing readable, fails
    verdict = judge_goal("Alle 12 ledere har gennemført kurset", value, GoalContext())
    assert verdict.T is (kind in ("date", "period", "no_year", "relative"))
    assert verdict.due == last

    # overdue: a deadline is the period's end; no year, relative or unreadable gives no date
    plan, locator = result.plan, result.locator
    overdue = [i for i in collect_items([(plan, locator)], LATE) if i.kind in ("delmål", "aktivitet")]
    assert [i.due for i in overdue] == ([last, last] if last else [])
    # the årshjul: the same deadline, or none
    events = [e.day for e in plan_events(plan, EARLY, months=12 * 30) if e.summary.startswith("Delmål")]
    assert events == ([last] if last else [])
    assert cell_due(value) == last

    # the rules: never "kan ikke læses" and "overskredet" for one cell; a period is at most an info note
    report = check_plan(plan, locator, as_of=LATE, read_findings=result.findings)
    by_cell: dict = {}
    for f in report.findings:
        by_cell.setdefault((f.sheet, f.cell), set()).add(f.code)
    for codes in by_cell.values():
        assert not ({"DATE_INVALID", "OVERDUE"} <= codes)
    date_codes = {f.code for f in report.findings if f.code.startswith("DATE_")}
    # how often ("Løbende") in an activity's Slut is a choice, an info note; in a delmål date it is no deadline
    expected = {"period": {"DATE_AS_TEXT"}, "relative": {"DATE_AS_TEXT"}, "no_year": {"DATE_NO_YEAR"},
                "date": set(), "frequency": {"DATE_INVALID", "DATE_ONGOING"}, "unreadable": {"DATE_INVALID"}}[kind]
    assert date_codes == expected
    assert all(f.severity == "info" for f in report.findings if f.code in ("DATE_AS_TEXT", "DATE_ONGOING"))
    assert not any(f.code.startswith("SMART_T") for f in report.findings)


def test_a_period_start_cell_uses_its_beginning_and_a_deadline_its_end():
    plan = _plan("2028")
    row = plan.sigtepunkter[0].raekker[0]
    plan.sigtepunkter[0].raekker[0] = row.model_copy(update={"start": DateText(tekst="2027", art="periode"),
                                                              "slut": DateText(tekst="2027", art="periode")})
    plan = Plan.model_validate(plan.model_dump())
    codes = {f.code for f in check_plan(plan, as_of=D(2027, 6, 1)).findings}
    assert "ACTIVITY_END_BEFORE_START" not in codes  # "2027" to "2027" is one year, not a reversed span
    # a start of "2029" after an end of "2027": the whole of one lies after the other
    reversed_plan = Plan.model_validate(plan.model_dump() | {"sigtepunkter": [
        plan.sigtepunkter[0].model_dump() | {"raekker": [row.model_dump() | {"start": "2029", "slut": "2027"}]}]})
    assert "ACTIVITY_END_BEFORE_START" in {f.code for f in check_plan(reversed_plan, as_of=D(2027, 6, 1)).findings}


def test_year_less_cells_give_one_question_per_cell_and_one_for_an_aarshjul_of_months():
    plan = _plan("september")
    opf = Opfoelgning.model_validate(plan.sigtepunkter[0].opfoelgning.model_dump() | {"datoer": ["september", "december", "marts"]})
    plan = Plan.model_validate(plan.model_dump() | {"sigtepunkter": [
        plan.sigtepunkter[0].model_dump() | {"opfoelgning": opf.model_dump()}]})
    report = check_plan(plan, as_of=D(2027, 6, 1))
    no_year = [f for f in report.findings if f.code == "DATE_NO_YEAR"]
    # slut, delmål dato, sidst fulgt op: one each; the three follow-up months: one together
    assert len(no_year) == 4
    assert any("'september', 'december', 'marts'" in f.message for f in no_year)
    assert not any(f.code == "OVERDUE" for f in report.findings)


def test_a_finished_sigtepunkt_has_no_overdue_follow_up_meeting():
    plan = _plan("1. marts 2027", status="Opnået")
    point = plan.sigtepunkter[0]
    opf = Opfoelgning(hyppighed="Hver 2. måned", form="Teammøde", informeres="Alle", ansvarlig="Ole Berg")
    finished = Plan.model_validate(plan.model_dump() | {"sigtepunkter": [point.model_dump() | {"opfoelgning": opf.model_dump()}]})
    assert not [i for i in collect_items([(finished, Locator.for_layout(finished))], LATE) if i.kind == "opfølgning"]
    assert not [e for e in plan_events(finished, D(2027, 1, 1)) if e.summary.startswith("Opfølgning")]
    # the same sigtepunkt with one row still in progress does have them
    open_plan = Plan.model_validate(finished.model_dump() | {"sigtepunkter": [
        finished.sigtepunkter[0].model_dump() | {"raekker": [point.raekker[0].model_dump() | {"status": "I gang"}]}]})
    assert [i for i in collect_items([(open_plan, Locator.for_layout(open_plan))], LATE) if i.kind == "opfølgning"]


def test_a_missing_delmaal_date_is_one_finding():
    plan = _plan("1. marts 2027")
    row = plan.sigtepunkter[0].raekker[0].model_copy(update={"delmaal_dato": None})
    plan = Plan.model_validate(plan.model_dump() | {"sigtepunkter": [
        plan.sigtepunkter[0].model_dump() | {"raekker": [row.model_dump()]}]})
    codes = [f.code for f in check_plan(plan, as_of=D(2027, 6, 1)).findings]
    assert codes.count("DELMAAL_NO_DATE") == 1 and "SMART_T" not in codes
    # a deadline in the delmål's own text is a time limit: no missing-date finding
    timed = Plan.model_validate(plan.model_dump() | {"sigtepunkter": [plan.sigtepunkter[0].model_dump() | {
        "raekker": [row.model_dump() | {"delmaal": "Alle 12 ledere har gennemført kurset inden sommerferien 2027"}]}]})
    assert "DELMAAL_NO_DATE" not in {f.code for f in check_plan(timed, as_of=D(2027, 6, 1)).findings}


def test_old_archives_with_raw_date_text_load_as_the_period_they_name():
    old = {"delmaal_dato": {"raw": "August 2027"}, "start": {"raw": "efter aftale med lederen"}}
    row = PlanRow.model_validate(old)
    assert row.delmaal_dato == DateText(tekst="August 2027", art="periode")
    assert (row.delmaal_dato.fra, row.delmaal_dato.til) == (D(2027, 8, 1), D(2027, 8, 31))
    assert row.start == Raw(raw="efter aftale med lederen")
    # an interval in JSON is always the one the text names: a hand-edited one is read again
    edited = PlanRow.model_validate({"slut": {"tekst": "primo 2027", "art": "periode", "fra": "2030-01-01",
                                              "til": "2030-12-31"}})
    assert (edited.slut.fra, edited.slut.til) == (D(2027, 1, 1), D(2027, 3, 31))
    assert PlanRow.model_validate_json(edited.model_dump_json()) == edited


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(IDS), st.sampled_from(["", " ", "  "]), st.booleans())
def test_the_reading_depends_on_the_text_only(text, pad, upper):
    """Spacing and case do not change a reading; it never depends on today or the plan."""
    variant = pad + (text.upper() if upper else text) + pad
    a, b = read_date_cell(text), read_date_cell(variant)
    assert (a.kind, a.start, a.end) == (b.kind, b.start, b.end)
