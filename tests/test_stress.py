"""The belastningsprøve ranks plans the way a consultant would: sound complete plans above weak ones, an
empty template not judged at all, and a long plan not punished for its length.

The real-looking plans below follow the handleplan structure municipal guidance asks for (what is done,
who is responsible, when, how it is followed up: https://nfatrivsel.dk/trivselspakke-fase4/ and
https://www.godtarbejdsmiljo.dk/arbejdsmiljoearbejdet/apv/apv-arbejdspladsvurdering/apv-fase-4-udarbejd-en-handleplan)
and the date forms real returned plans use ("efteråret 2027", "primo 2028"; issue 12).
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import EXAMPLES, ROOT

from forankring_xl.io.reader import read_plan
from forankring_xl.model import Opfoelgning, Plan, PlanRow, Sigtepunkt, TeamMember
from forankring_xl.rules import check_plan
from forankring_xl.rules.stress import NOT_JUDGED

D = dt.date
AS_OF = D(2027, 3, 1)


def stress(plan: Plan):
    return check_plan(plan, as_of=AS_OF).stress_test


def score(plan: Plan, dimension: str) -> int | None:
    return next(d.score for d in stress(plan).dimensions if d.dimension.value == dimension)


def row(n: int, owner: str = "Mette Hansen", **change) -> PlanRow:
    values = dict(formaal="Færre episoder med vold og trusler" if n == 0 else None,
                  aktivitet=f"Workshop {n + 1} om konflikthåndtering for aftenvagten", ansvarlig=owner,
                  start=D(2027, 4, 1), slut="efteråret 2027",
                  delmaal=f"Alle 12 medarbejdere på hold {n + 1} har deltaget i workshoppen", delmaal_dato=D(2027, 11, 30),
                  maal="Antallet af registrerede episoder er halveret fra 24 til 12 om året" if n == 0 else None,
                  maal_dato="primo 2028" if n == 0 else None, status="I gang")
    values.update(change)
    return PlanRow(**values)


def plan_of(rows: list[PlanRow], **change) -> Plan:
    follow = Opfoelgning(hyppighed="Hver 2. måned", form="Punkt på personalemødet", informeres="Alle medarbejdere og MED",
                         ansvarlig="Ole Berg", formidling_ansvarlig="Mette Hansen")
    values = dict(kommune="Fjordby Kommune", enhed="Plejecenter Solvang", indsats="APV-handlingsplan: vold og trusler",
                  periode_start=D(2027, 3, 1), periode_slut=D(2028, 6, 30), fase="I gang",
                  team=[TeamMember(navn="Mette Hansen", rolle="leder"), TeamMember(navn="Ole Berg", rolle="AMR")],
                  godkendt_af="Lokal-MED", godkendt_dato=D(2027, 2, 20),
                  sigtepunkter=[Sigtepunkt(titel="Vold og trusler om aftenen", raekker=rows, opfoelgning=follow)])
    values.update(change)
    return Plan(**values)


def test_the_empty_template_cannot_be_judged():
    result = read_plan(ROOT / "workbook_templates" / "forankringsplan.xlsx")
    st = check_plan(result.plan, result.locator, as_of=AS_OF, read_findings=result.findings).stress_test
    assert st.overall is None and st.rating == NOT_JUDGED != "holdbar"
    for d in st.dimensions:
        if d.dimension.value != "organisatorisk forankring":
            assert (d.score, d.rating) == (None, NOT_JUDGED)
    # a filled front page with no rows is no plan to judge either
    assert stress(plan_of([])).rating == NOT_JUDGED


def test_a_plan_with_nobody_named_is_fragile_on_ownership():
    for owners in (["Ledelsen", "De ansatte", "Bestyrelsen"], [None, None, None]):
        plan = plan_of([row(n, owner=o) for n, o in enumerate(owners)])
        assert score(plan, "ejerskab") == 0
        assert next(d.rating for d in stress(plan).dimensions if d.dimension.value == "ejerskab") == "skrøbelig"


def test_a_score_is_the_share_of_the_plan_that_is_sound_not_a_count_of_findings():
    short = plan_of([row(0), row(1, owner="Ledelsen")])
    long = plan_of([row(n, owner="Ledelsen" if n % 2 else "Mette Hansen") for n in range(10)])
    assert score(short, "ejerskab") == score(long, "ejerskab") == 50  # half the rows in both
    long_one_bad = plan_of([row(n, owner="Ledelsen" if n == 1 else "Mette Hansen") for n in range(10)])
    assert score(long_one_bad, "ejerskab") == 90 > score(short, "ejerskab")


def test_sound_complete_plans_score_above_weak_ones():
    sound = plan_of([row(n) for n in range(4)])
    long_sound = plan_of([row(n) for n in range(12)])
    weak = plan_of(
        [row(0, owner="Ledelsen", delmaal="Styrke trivslen", delmaal_dato=None),
         row(1, owner="alle", delmaal="Bedre samarbejde", delmaal_dato="løbende")],
        team=[], godkendt_af=None, godkendt_dato=None)
    for good in (sound, long_sound):
        assert stress(good).rating == "holdbar"
        assert stress(good).overall > stress(weak).overall
    assert stress(weak).rating in ("sårbar", "skrøbelig")
    # and the empty template, which has nothing wrong only because it has nothing, is no "holdbar"
    assert stress(plan_of([])).overall is None


@pytest.mark.parametrize("as_of", [D(2026, 9, 1), D(2027, 6, 1)])
def test_the_examples_rank_sound_plans_above_weak_ones(as_of):
    def overall(name: str) -> int:
        (path,) = [p for p in EXAMPLES if p.name.startswith(name)]
        result = read_plan(path)
        return check_plan(result.plan, result.locator, as_of=as_of, read_findings=result.findings).stress_test.overall

    sound = [overall(n) for n in ("apv", "ics", "kompetence", "velfaerdsteknologi")]
    weak = [overall(n) for n in ("sprog", "trivsel")]
    assert min(sound) > max(weak)
    assert all(s >= 80 for s in sound)
