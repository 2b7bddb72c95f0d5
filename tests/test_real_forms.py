"""Real forms of time text and owners from Danish municipal plans and guidance (issue 12).

Each case is quoted or closely modelled on public text, cited by URL beside it. The aim is the false
alarm a consultant would not accept: a clear deadline called unreadable, a named person called a group.
"""

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from forankring_xl.model import DateText, Raw
from forankring_xl.rules import CheckConfig, check_plan
from forankring_xl.smart.checker import judge_goal
from forankring_xl.text.datecell import read_date_cell
from forankring_xl.text.dates import MONTHS
from forankring_xl.text.frequency import parse_frequency
from forankring_xl.text.names import OwnerKind, classify_owner

from test_rules import AS_OF, good_row, rows, followup

D = dt.date
FALCK = "https://www.falckhealthcare.dk/sundhedsportal/sygefravar/langerevarende-sygefravar/for-lederen/"
ASA = "https://www.asa.gl/Page?PageId=1395782458&hl=da"
BFA = "https://intro-til-konflikthaandtering.bfakontor.dk/vaerktoejer/tema-om-sygefravaer/ledelse-og-sygefravaer"
SUNDFRI = "https://www.sundfri.dk/handleplan-i-realation-til-trivsel"
PROSA = "https://www.prosa.dk/arbejdsmiljoe/arbejdsmiljoe-haandbogen/arbejdsplads-vurdering/handlingsplan"
GOALS = "data/real/goals.jsonl (dev split; each record cites its URL)"


# --- date cells: the one reader ----------------------------------------------------------------------

# (cell text, kind, first day, last day, source)
CELLS = [
    # sick-leave follow-up is counted from the first day of absence: a deadline, no calendar date
    ("1. dag", "relative", None, None, FALCK),
    ("14. dag", "relative", None, None, FALCK),
    ("senest 4 uger efter 1. sygedag", "relative", None, None, FALCK),
    ("efter 4 ugers sygdom", "relative", None, None, FALCK),
    ("fra og med 4. sygedag", "relative", None, None, ASA),
    ("senest 2-3 dage før mødets afholdelse", "relative", None, None, ASA),
    ("senest ved udgangen af den 4. fraværsuge", "relative", None, None, BFA),
    ("maks. 3 måneder", "relative", None, None, SUNDFRI),
    ("inden for 3 måneder", "relative", None, None, PROSA),
    ("de næste ti år", "relative", None, None, GOALS),
    # a deadline tied to an event in the plan's own course (rubric: "før kommunen kan anvende ICS")
    ("Når medarbejderen er raskmeldt", "relative", None, None, FALCK),
    # months without a year in a tidsplan column
    ("Sep./okt.", "no_year", None, None, GOALS),
    ("31/12", "no_year", None, None, "a deadline column typed day/month"),
    ("Næste år", "no_year", None, None, "relative to the plan, so no year"),
    # periods with a year, in the short forms people type
    ("Sep.-okt. 2027", "period", D(2027, 9, 1), D(2027, 10, 31), GOALS),
    ("Ult. 2027", "period", D(2027, 10, 1), D(2027, 12, 31), "abbreviated ultimo"),
    ("Ult. marts 2027", "period", D(2027, 3, 21), D(2027, 3, 31), "abbreviated ultimo"),
    ("nov. 26", "period", D(2026, 11, 1), D(2026, 11, 30), "two-digit year"),
    ("jan-27", "period", D(2027, 1, 1), D(2027, 1, 31), "two-digit year"),
    ("Ultimo 27", "period", D(2027, 10, 1), D(2027, 12, 31), "two-digit year"),
    ("03/2027", "period", D(2027, 3, 1), D(2027, 3, 31), "month and year in figures"),
    ("2027-03", "period", D(2027, 3, 1), D(2027, 3, 31), "month and year in figures"),
    ("Skoleår 26/27", "period", D(2026, 8, 1), D(2027, 6, 30), "school year"),
    ("skoleårets slut (juli 2027)", "period", D(2027, 6, 30), D(2027, 6, 30), "issue 12"),  # school year ends 30 June
    ("Ved årsskiftet 2027/28", "period", D(2027, 12, 31), D(2027, 12, 31), "the turn of the year"),
    ("2027 og 2028", "period", D(2027, 1, 1), D(2028, 12, 31), "two years"),
    ("1/3 2027", "date", D(2027, 3, 1), D(2027, 3, 1), "day/month and year with a space"),
    # names no time at all: still unreadable
    ("Efter aftale med lederen", "unreadable", None, None, "an arrangement, not a time"),
    ("Se bilag", "unreadable", None, None, "a pointer, not a time"),
]


@pytest.mark.parametrize("text, kind, first, last, source", CELLS, ids=[c[0] for c in CELLS])
def test_real_date_cells_are_read_as_the_time_they_name(text, kind, first, last, source):
    cell = read_date_cell(text)
    assert (cell.kind, cell.start, cell.end) == (kind, first, last), source


@pytest.mark.parametrize("text, kind, first, last, source", CELLS, ids=[c[0] for c in CELLS])
def test_a_delmaal_date_is_unreadable_only_when_it_names_no_time(text, kind, first, last, source):
    plan = rows(good_row(delmaal_dato=text, maal_dato=D(2029, 12, 31)))
    found = {f.code for f in check_plan(plan, as_of=AS_OF).findings if f.cell == "G5"}
    assert ("DATE_INVALID" in found) == (kind == "unreadable")
    assert ("DATE_NO_YEAR" in found) == (kind == "no_year")
    if kind in ("relative", "no_year"):  # no calendar date: never overdue from a guessed one
        late = check_plan(plan, as_of=D(2040, 1, 1)).findings
        assert not any(f.code == "OVERDUE" and f.cell == "G5" for f in late)


@given(st.sampled_from(sorted(m for m in MONTHS if len(m) > 3)), st.integers(20, 39),
       st.sampled_from([" ", "-", ". ", "/"]))
def test_a_two_digit_year_after_a_month_is_the_same_month_as_with_four_digits(month, yy, sep):
    short, full = read_date_cell(f"{month}{sep}{yy}"), read_date_cell(f"{month} 20{yy}")
    assert full.kind == "period" and (short.kind, short.start, short.end) == (full.kind, full.start, full.end)


@given(st.integers(1, 12), st.integers(2020, 2040), st.sampled_from(["/", "-", "."]))
def test_a_month_and_year_in_figures_is_that_month(month, year, sep):
    cell = read_date_cell(f"{month:02d}{sep}{year}")
    assert (cell.kind, cell.start.month, cell.end.month, cell.end.year) == ("period", month, month, year)
    assert (cell.end + dt.timedelta(days=1)).day == 1


def test_ongoing_start_or_slut_is_a_note_but_an_ongoing_delmaal_date_is_no_deadline():
    # "Løbende" as an activity's end: the activity runs on (a forankring plan makes practice permanent)
    plan = rows(good_row(start=Raw(raw="Straks"), slut=Raw(raw="Løbende")))
    report = check_plan(plan, as_of=AS_OF)
    ongoing = [f for f in report.findings if f.code == "DATE_ONGOING"]
    assert {f.cell for f in ongoing} == {"D5", "E5"} and all(f.severity == "info" for f in ongoing)
    assert "DATE_INVALID" not in {f.code for f in report.findings}
    assert "'Løbende' er ingen dato" in next(f.message for f in ongoing if f.cell == "E5")
    # in the delmål's date it fixes no time by which the delmål must be reached
    found = {f.code for f in check_plan(rows(good_row(delmaal_dato=Raw(raw="Løbende"))), as_of=AS_OF).findings}
    assert "DATE_INVALID" in found and "DATE_ONGOING" not in found


def test_an_event_bound_cell_keeps_its_text_and_gives_no_date():
    row = good_row(delmaal_dato="Når budgettet er vedtaget")
    assert row.delmaal_dato == DateText(tekst="Når budgettet er vedtaget", art="relativ")
    assert row.delmaal_dato.til is None


# --- SMART T on real goal text --------------------------------------------------------------------------

@pytest.mark.parametrize("text, due, expected", [
    # a span counted from when the goal was set is a relative deadline (dev labels g0006, g0149, g0232)
    ("Hver tredje dagligdagsryger skal kvitte smøgerne", "de næste ti år", True),
    ("9.500 flere af kommunens borgere skal være fysisk aktive i løbet af de næste fem år.", None, True),
    ("Kommunen skal nedbringe udledningen med 136.000 ton CO2 på bare otte år.", None, True),
    ("Sygefraværet skal reduceres med 10 procent på tre år.", None, True),
    ("Måltallet for effektiviseringsstrategien i budget 2026 fastsættes til 300 mio. kr.", None, True),
    ("Alle områderne udarbejder områdespecifikke mål for 2021.", None, True),
    ("2027: Alle ledere har gennemført forløbet.", None, True),
    ("Alle ledere har holdt sygefraværssamtale senest i 4. fraværsuge.", None, True),
    # durations that define the group or are the target value fix no time (dev labels g0081, g0168)
    ("At over halvdelen af alle flygtninge inden for 3 år i landet skal være i et lønmodtagerjob.", None, False),
    ("Servicemålet for byggesager er en sagsbehandlingstid på 40 dage.", None, False),
    ("Medarbejdere med en anciennitet på 5 år tilbydes en seniorsamtale.", None, False),
    # a start and how often, with no end point (dev label g0172; rubric: 'årligt' with no end point)
    ("Kommunerne skal fra 1. januar 2014 hvert år offentliggøre mål for sagsbehandlingstiden.", None, False),
    # a baseline is no deadline
    ("Sygefraværet skal være lavere end i 2021.", None, False),
    # only a start is no point to reach (dev labels g0426, g0105); a range with its end is
    ("Milepæl 3. Erhvervelser foretages", "Foregår fra maj 07", False),
    ("Fra 2027 har alle ledere gennemført forløbet.", None, False),
    ("Forslaget fra Borgerrepræsentationens møde den 9. oktober 2025 er håndteret.", None, False),
    ("Alle teams holder læringsmøder fra januar til marts 2027.", None, True),
    ("30% reduktion af affald fra husholdninger i 2018 i forhold til 2010.", None, True),
    # an age fixes the time for each child (dev label g0435); coming meetings are each of them (g0415)
    ("Dit barn bliver sprogvurderet ved 3-års- og 5-års alderen.", None, True),
    ("HMU drøfter fire temaer på kommende HMU-møder.", None, False),
    # a deadline per person inside the workplace is a relative deadline, not a group
    ("Alle nyansatte har inden for 3 måneder i afdelingen gennemført introforløbet.", None, True),
])
def test_t_on_real_goal_text(text, due, expected):
    assert judge_goal(text, due).T is expected


def test_the_reason_names_the_time_text_that_decided():
    verdict = judge_goal("Flere borgere skal være fysisk aktive i løbet af de næste fem år.")
    assert "'i løbet af de næste fem år'" in verdict.reasons["T"]
    start_only = judge_goal("Kommunerne skal fra 1. januar 2014 hvert år offentliggøre målene.")
    assert "'hvert år' siger, hvor ofte" in start_only.reasons["T"]


def test_a_target_year_keeps_its_noun_for_s_and_m():
    # "måltallet for 2026": the year is the time, "måltallet" stays a word of the goal
    verdict = judge_goal("Måltallet for 2026 er 12 sygedage pr. medarbejder.")
    assert verdict.T is True and verdict.M is True


# --- owners ----------------------------------------------------------------------------------------------

PEOPLE = [
    "mette sørensen", "Mette sørensen", "Ole v. Hansen", "Anne la Cour", "Skoleleder (Mette Holm)",
    "HR v. Mette Holm", "HR ved Mette Holm", "Ansvarlig: Mette Holm", "Mette Holm, Jobcenter",
    "Direktør Karen Bæk", "Pædagogisk leder Lise Dam", "Afdelingsleder Hanne Dahl", "Lise Dam, Jobcenter Syd",
]


@pytest.mark.parametrize("owner", PEOPLE)
def test_a_named_person_in_real_forms_is_no_group(owner):
    found = {f.code for f in check_plan(rows(good_row(ansvarlig=owner)), as_of=AS_OF).findings}
    assert not found & {"OWNER_NOT_A_PERSON", "OWNER_FIRST_NAME_ONLY", "OWNER_SEVERAL_NO_LEAD"}
    found = {f.code for f in check_plan(followup(ansvarlig=owner), as_of=AS_OF).findings}
    assert "FOLLOWUP_OWNER_NOT_A_PERSON" not in found


def test_the_person_key_is_the_name_without_the_title():
    config = CheckConfig()
    for owner in ("Direktør Karen Bæk", "Karen Bæk, direktør", "karen bæk"):
        people = classify_owner(owner, config.group_words(), config.words.lead_words).people
        assert [p.casefold() for p in people] == ["karen bæk"]


GROUPS = [
    "Afdelingsleder", "HR-konsulenten", "Klasselæreren/skolelederen",  # a role: which person? (SUNDFRI)
    "Borgmester", "Sundhedsplejersken", "Tandlæge", "Jobcenter Syd", "daglig drift", "pædagog",
    "Leder og medarbejder", "Nærmeste leder og HR",
    "HMU og MED-udvalg", "LMU",  # bodies by their acronym (data/real/plans aabenraa_sygefravaer, dev)
]


@pytest.mark.parametrize("owner", GROUPS)
def test_roles_units_and_titles_alone_stay_groups(owner):
    found = [f.code for f in check_plan(rows(good_row(ansvarlig=owner)), as_of=AS_OF).findings if f.code.startswith("OWNER_")]
    assert found == ["OWNER_NOT_A_PERSON"]


def test_lower_case_first_names_and_others_named():
    config = CheckConfig()
    kind = lambda text: classify_owner(text, config.group_words(), config.words.lead_words).kind  # noqa: E731
    assert kind("mette") is OwnerKind.FIRST_NAME  # a first name typed in lower case: only a first name
    assert kind("Bo Lund m.fl.") is OwnerKind.SEVERAL  # more people, none marked as the lead
    assert kind("Bo Lund (ansvarlig) m.fl.") is OwnerKind.SEVERAL_WITH_LEAD
    assert kind("Mette Holm, Ole") is OwnerKind.SEVERAL  # a first name after the comma is a second person
    assert kind("MH") is OwnerKind.FIRST_NAME  # initials are a person, shortly written; "HMU" is a body


# --- how often --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, months, days", [
    ("2 gange årligt", 6, 0), ("Tre gange om året", 4, 0), ("4 gange pr. år", 3, 0), ("Hvert andet år", 24, 0),
    ("Hvert 3. år", 36, 0), ("Hver sjette uge", 0, 42), ("Hvert halvår", 6, 0), ("Én gang i kvartalet", 3, 0),
    ("Hver fredag", 0, 7), ("2 gange om måneden", 0, 15),
])
def test_real_frequencies_give_the_interval_they_name(text, months, days):
    freq = parse_frequency(text)
    assert (freq.months, freq.days) == (months, days)
    found = {f.code for f in check_plan(followup(hyppighed=text), as_of=AS_OF).findings}
    assert "FOLLOWUP_WHEN_UNCLEAR" not in found


# --- status words typed outside the list -------------------------------------------------------------------

@pytest.mark.parametrize("status", ["Afsluttet", "Gennemført", "Aflyst"])
def test_a_typed_status_that_says_done_is_reported_but_never_chased(status):
    plan = rows(good_row(status=status, slut=D(2026, 6, 30), delmaal_dato=D(2026, 6, 30)))
    found = [f.code for f in check_plan(plan, as_of=AS_OF).findings]
    assert "VALUE_NOT_IN_LIST" in found and "OVERDUE" not in found
    # an open typed status is still chased
    open_plan = rows(good_row(status="Igang", slut=D(2026, 6, 30), delmaal_dato=D(2026, 6, 30)))
    assert "OVERDUE" in [f.code for f in check_plan(open_plan, as_of=AS_OF).findings]
