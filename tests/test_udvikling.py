"""Progress between returns (``forankring udvikling``): row matching on real-looking edits and the comparison.

Later versions are made from the bundled example plans the way units edit them between follow-up meetings:
rows inserted above, a word changed, a sigtepunkt renamed, rows reordered, a row deleted or moved, statuses
set to Opnået, dates pushed, owners replaced, a vague delmål rewritten. Everything is judged by the engine.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forankring_xl.io.reader import read_plan
from forankring_xl.model import Plan, PlanRow, Sigtepunkt, Status
from forankring_xl.progress import Version, compare, match_plans, summary_of, unit_mismatch
from forankring_xl.progress.matching import ROW_THRESHOLD, row_key, similarity

from helpers import calls_of
from strategies import plans

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
AS_OF = dt.date(2027, 3, 1)


@pytest.fixture(scope="module")
def examples() -> dict[str, Plan]:
    return {p.stem: read_plan(p).plan for p in sorted(EXAMPLES.glob("*.xlsx"))}


def edit(plan: Plan, fn) -> Plan:
    """A later version: ``fn`` edits a deep copy of the plan's data, which is validated again as a Plan."""
    data = plan.model_dump()
    fn(data)
    return Plan.model_validate(data)


def insert(rows: list, at: int, extra: list) -> None:
    rows[at:at] = [dict(x) for x in extra]


def pairs(old: Plan, new: Plan) -> dict[tuple[int, int], tuple[int, int]]:
    return match_plans(old, new).new_of()


def filled(plan: Plan) -> list[tuple[int, int]]:
    return [(s, r) for s, p in enumerate(plan.sigtepunkter) for r, row in enumerate(p.raekker) if not row.is_empty()]


# --- matching ----------------------------------------------------------------------------------------------

def test_rows_inserted_above_keep_their_partners(examples):
    old = examples["trivsel_engskolen"]
    new = edit(old, lambda d: insert(d["sigtepunkter"][0]["raekker"], 0, [
        {"aktivitet": "Trivselssamtaler med alle lærere", "ansvarlig": "Mette Sørensen"},
        {"aktivitet": "Kortlægning af mødetid", "ansvarlig": "Kim Bach"}]))
    m = match_plans(old, new)
    assert m.new_of() == {(0, 0): (0, 2), (0, 1): (0, 3), (0, 2): (0, 4), (1, 0): (1, 0)}
    assert [p.new for p in m.rows if p.old is None] == [(0, 0), (0, 1)]
    assert not [p for p in m.rows if p.new is None]


def test_a_word_changed_is_the_same_row_reworded(examples):
    old = examples["trivsel_engskolen"]
    new = edit(old, lambda d: d["sigtepunkter"][0]["raekker"][1].update(
        delmaal="Alle lærere har mindst 3 faste forberedelseslektioner om ugen i skemaet fra uge 2"))
    m = match_plans(old, new)
    pair = next(p for p in m.rows if p.old == (0, 1))
    assert pair.new == (0, 1) and pair.how == "omformuleret" and 0.8 < pair.score < 1


def test_a_renamed_sigtepunkt_keeps_its_rows(examples):
    old = examples["apv_plejecenter_solbakken"]
    new = edit(old, lambda d: d["sigtepunkter"][0].update(titel="Et helt nyt navn til punktet"))
    m = match_plans(old, new)
    assert m.points[0].old == 0 and m.points[0].new == 0 and m.points[0].how == "omdøbt"
    assert sorted(m.new_of().items()) == [(ref, ref) for ref in filled(old)]
    dev = compare(Version(old), Version(new), AS_OF)
    assert [(c.hvad, c.efter) for c in dev.sigtepunkter] == [("omdøbt", "Et helt nyt navn til punktet")]
    assert not dev.raekker_tilfoejet and not dev.raekker_fjernet


def test_rows_reordered_pair_by_text_not_place(examples):
    old = examples["kompetence_jobcenter"]
    n = len(old.sigtepunkter[0].raekker)
    assert n >= 2
    new = edit(old, lambda d: d["sigtepunkter"][0].update(raekker=list(reversed(d["sigtepunkter"][0]["raekker"]))))
    got = pairs(old, new)
    for r in range(n):
        if not old.sigtepunkter[0].raekker[r].is_empty():
            assert got[(0, r)] == (0, n - 1 - r)


def test_a_deleted_row_is_removed_and_the_rest_stay_paired(examples):
    old = examples["ics_familieafdeling"]
    new = edit(old, lambda d: d["sigtepunkter"][0]["raekker"].pop(0))
    m = match_plans(old, new)
    assert [p.old for p in m.rows if p.new is None] == [(0, 0)]
    assert all(m.new_of()[(0, r)] == (0, r - 1) for r in range(1, len(old.sigtepunkter[0].raekker))
               if not old.sigtepunkter[0].raekker[r].is_empty())
    dev = compare(Version(old), Version(new), AS_OF)
    assert len(dev.raekker_fjernet) == 1 and dev.raekker_fjernet[0].raekke == 1


def test_a_row_moved_to_another_sigtepunkt_is_found(examples):
    old = examples["trivsel_engskolen"]

    def move(d):
        row = d["sigtepunkter"][0]["raekker"].pop(1)
        d["sigtepunkter"][1]["raekker"].append(row)

    new = edit(old, move)
    m = match_plans(old, new)
    pair = next(p for p in m.rows if p.old == (0, 1))
    assert pair.new == (1, 1) and pair.how == "flyttet"


def test_unrelated_rows_are_not_paired():
    a = PlanRow(aktivitet="Kursus i dialogisk læsning for alle pædagoger", ansvarlig="Mette Hansen")
    b = PlanRow(aktivitet="Nye bogkasser på stuerne", ansvarlig="Mette Hansen")
    assert similarity(row_key(a), row_key(b)) < ROW_THRESHOLD
    old = Plan(sigtepunkter=[Sigtepunkt(titel="Sprog", raekker=[a])])
    new = Plan(sigtepunkter=[Sigtepunkt(titel="Sprog", raekker=[b])])
    dev = compare(Version(old), Version(new), AS_OF)
    assert len(dev.raekker_tilfoejet) == 1 and len(dev.raekker_fjernet) == 1 and not dev.ansvarlige_skiftet


def test_two_similar_rows_pair_one_to_one_with_the_closest():
    old_rows = [PlanRow(delmaal="80 % af eleverne har læst 10 bøger inden jul"),
                PlanRow(delmaal="90 % af eleverne har læst 10 bøger inden sommerferien")]
    new_rows = [PlanRow(delmaal="85 % af eleverne har læst 10 bøger inden jul"),
                PlanRow(delmaal="95 % af eleverne har læst 10 bøger inden sommerferien")]
    m = match_plans(Plan(sigtepunkter=[Sigtepunkt(titel="Læsning", raekker=old_rows)]),
                    Plan(sigtepunkter=[Sigtepunkt(titel="Læsning", raekker=new_rows)]))
    assert m.new_of() == {(0, 0): (0, 0), (0, 1): (0, 1)}


# --- what changed -------------------------------------------------------------------------------------------

def test_reached_dates_owners_and_smart_on_a_real_looking_later_version(examples):
    old = examples["trivsel_engskolen"]

    def later(d):
        rows = d["sigtepunkter"][0]["raekker"]
        rows[1]["status"] = "Opnået"  # the delmål with a date is reached
        rows[0]["delmaal"] = "Mindst 80 % af lærerne svarer i trivselsmålingen i marts 2027, at de trives"
        rows[0]["ansvarlig"] = "Mette Sørensen"  # 'Ledelsen' replaced by a named person
        rows[0]["slut"] = dt.date(2027, 8, 1)  # pushed two months
        d["sigtepunkter"][1]["raekker"][0]["delmaal_dato"] = dt.date(2027, 4, 1)

    new = edit(old, later)
    dev = compare(Version(old), Version(new), AS_OF)
    assert dev.compared
    assert [(r.art, r.tekst) for r in dev.naaet] == [("delmål", old.sigtepunkter[0].raekker[1].delmaal)]
    moves = {(m.felt, m.dage) for m in dev.datoer_flyttet}
    assert ("Slut", 61) in moves and ("Delmål dato", 31) in moves
    assert [(o.foer, o.efter) for o in dev.ansvarlige_skiftet] == [("Ledelsen", "Mette Sørensen")]
    assert [c.retning for c in dev.smart_aendringer] == ["op"]
    assert dev.smart_efter.smart == dev.smart_foer.smart + 1
    own = {d.dimension: d for d in dev.belastning}
    assert own["ejerskab"].efter > own["ejerskab"].foer
    # the activity and the mål are kept, so the rewritten delmål is the same row, reworded
    assert [(r.foer, r.efter) for r in dev.omformuleret] == [("Styrke trivslen blandt lærerne",
                                                              new.sigtepunkter[0].raekker[0].delmaal)]
    assert not dev.raekker_tilfoejet and not dev.raekker_fjernet
    s = dev.summary()
    assert (s.reached_delmaal, s.owners_changed, s.smart_up, s.smart_down) == (1, 1, 1, 0)
    assert s.smart_share_after > s.smart_share_before


def test_newly_late_and_no_longer_late_as_of_each_versions_date(examples):
    old = examples["trivsel_engskolen"]
    # in the earlier version (as of 1-2-2027) the delmål due 15-1-2027 is late; the later one reaches it,
    # and as of 1-4-2027 the team delmål due 1-3-2027 is late
    new = edit(old, lambda d: d["sigtepunkter"][0]["raekker"][1].update(status="Opnået"))
    dev = compare(Version(old, as_of=dt.date(2027, 2, 1)), Version(new), dt.date(2027, 4, 1))
    gone = {(x.tekst, x.hvorfor) for x in dev.ikke_laengere_forfaldne}
    assert (old.sigtepunkter[0].raekker[1].delmaal, "nået") in gone
    fresh = {x.tekst for x in dev.nye_forfaldne}
    assert old.sigtepunkter[1].raekker[0].delmaal in fresh
    assert all(x.dage_over > 0 for x in dev.nye_forfaldne)


def test_a_new_deadline_takes_an_item_off_the_late_list(examples):
    old = examples["trivsel_engskolen"]
    new = edit(old, lambda d: d["sigtepunkter"][0]["raekker"][1].update(delmaal_dato=dt.date(2027, 9, 1),
                                                                        slut=dt.date(2027, 9, 1)))
    dev = compare(Version(old), Version(new), AS_OF)
    why = {x.art: x.hvorfor for x in dev.ikke_laengere_forfaldne if x.tekst and "forberedelse" in x.tekst}
    assert why == {"delmål": "ny frist", "aktivitet": "ny frist"}
    assert not dev.nye_forfaldne


def test_a_removed_late_row_says_so(examples):
    old = examples["trivsel_engskolen"]
    new = edit(old, lambda d: d["sigtepunkter"][0]["raekker"].pop(1))
    dev = compare(Version(old), Version(new), AS_OF)
    assert {x.hvorfor for x in dev.ikke_laengere_forfaldne} == {"rækken er fjernet"}


def test_a_maal_is_reached_when_all_its_rows_are_done(examples):
    old = examples["trivsel_engskolen"]

    def done(d):
        for row in d["sigtepunkter"][1]["raekker"]:
            row["status"] = "Opnået"

    dev = compare(Version(old), Version(edit(old, done)), AS_OF)
    assert sorted(r.art for r in dev.naaet) == ["delmål", "mål"]
    assert dev.summary().reached_maal == 1


def test_the_same_day_written_another_way_is_no_move():
    old = Plan(sigtepunkter=[Sigtepunkt(titel="A", raekker=[PlanRow(aktivitet="Kursus", slut="august 2027")])])
    new = Plan(sigtepunkter=[Sigtepunkt(titel="A", raekker=[PlanRow(aktivitet="Kursus", slut="ultimo august 2027")])])
    assert compare(Version(old), Version(new), AS_OF).datoer_flyttet == []
    later = Plan(sigtepunkter=[Sigtepunkt(titel="A", raekker=[PlanRow(aktivitet="Kursus", slut="september 2027")])])
    (move,) = compare(Version(old), Version(later), AS_OF).datoer_flyttet
    assert (move.foer, move.efter, move.dage) == ("august 2027", "september 2027", 30)


# --- bad input ----------------------------------------------------------------------------------------------

def test_different_unit_ids_are_never_compared(examples):
    old = edit(examples["apv_plejecenter_solbakken"], lambda d: d.update(enheds_id="FXU-AAAAAAAAAA"))
    new = edit(old, lambda d: d.update(enheds_id="FXU-BBBBBBBBBB"))
    dev = compare(Version(old), Version(new), AS_OF)
    assert not dev.compared and "Enheds-ID" in dev.reason and dev.unchanged
    assert dev.summary().compared is False and dev.summary().note == dev.reason


def test_the_unit_is_told_by_the_front_page_without_ids(examples):
    a, b = examples["apv_plejecenter_solbakken"], examples["sprog_dagtilbud_kloeverbakken"]
    assert unit_mismatch(a, b) is not None
    renamed = edit(a, lambda d: d.update(enhed=f"{a.enhed}, afd. Nord"))
    assert unit_mismatch(a, renamed) is None
    same_id = edit(b, lambda d: d.update(enheds_id="FXU-AAAAAAAAAA"))
    assert unit_mismatch(edit(a, lambda d: d.update(enheds_id="FXU-AAAAAAAAAA")), same_id) is None  # the ID decides


def test_summary_round_trips_through_an_overview_entry(examples):
    old = examples["trivsel_engskolen"]
    new = edit(old, lambda d: d["sigtepunkter"][0]["raekker"].pop(2))
    s = compare(Version(old), Version(new), AS_OF).summary()
    import json

    entry = json.loads(json.dumps({"udvikling": s.model_dump(mode="json")}))
    assert summary_of(entry) == s and summary_of({}) is None
    assert s.rows_removed == 1


# --- laws ---------------------------------------------------------------------------------------------------

@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans)
def test_a_plan_compared_with_itself_has_no_change(plan):
    dev = compare(Version(plan), Version(plan), AS_OF)
    assert dev.compared and dev.unchanged, dev.model_dump(exclude_defaults=True)
    assert [(d.foer, d.vurdering_foer) for d in dev.belastning] == [(d.efter, d.vurdering_efter) for d in dev.belastning]
    assert dev.smart_foer == dev.smart_efter


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans, plans)
def test_matching_is_one_to_one_and_covers_every_filled_row(old, new):
    m = match_plans(old, new)
    olds = [p.old for p in m.rows if p.old is not None]
    news = [p.new for p in m.rows if p.new is not None]
    assert sorted(olds) == filled(old) and sorted(news) == filled(new)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(p.stem for p in EXAMPLES.glob("*.xlsx"))), st.data())
def test_any_rows_inserted_leave_the_example_rows_paired_with_themselves(examples, name, data):
    old = examples[name]
    s = data.draw(st.integers(0, len(old.sigtepunkter) - 1))
    at = data.draw(st.integers(0, len(old.sigtepunkter[s].raekker)))
    extra = data.draw(st.lists(st.sampled_from([
        {"aktivitet": "Temadag om forankring for hele personalegruppen", "ansvarlig": "Lene Holm"},
        {"delmaal": "Alle nye medarbejdere har haft en introsamtale senest 1 måned efter start"},
        {"aktivitet": "Evaluering på personalemødet", "status": "Ikke startet"}]), min_size=1, max_size=3))
    new = edit(old, lambda d: insert(d["sigtepunkter"][s]["raekker"], at, extra))
    got = pairs(old, new)
    for ref in filled(old):
        shift = len(extra) if ref[0] == s and ref[1] >= at else 0
        assert got[ref] == (ref[0], ref[1] + shift)


def test_a_typed_done_status_takes_an_item_off_the_late_list_but_is_no_reached_delmaal(examples):
    old = examples["trivsel_engskolen"]
    new = edit(old, lambda d: d["sigtepunkter"][0]["raekker"][1].update(status="Afsluttet"))
    dev = compare(Version(old), Version(new), AS_OF)
    assert not dev.naaet  # only Opnået says a goal was reached; 'Afsluttet' may be done or dropped
    assert {x.hvorfor for x in dev.ikke_laengere_forfaldne} == {"status 'Afsluttet'"}


def test_each_versions_overdue_items_are_collected_once(examples):
    from forankring_xl.overdue.items import collect_items

    old = examples["trivsel_engskolen"]
    new = edit(old, lambda d: d["sigtepunkter"][0]["raekker"][1].update(status="Opnået"))
    result = {}

    def run():
        result["dev"] = compare(Version(old, as_of=dt.date(2027, 2, 1)), Version(new), dt.date(2027, 4, 1))

    # once per version, inside its check (the overdue rule); the late lists reuse them
    assert calls_of(collect_items, run) == 2
    assert {x.hvorfor for x in result["dev"].ikke_laengere_forfaldne} >= {"nået"}
    assert result["dev"].nye_forfaldne
