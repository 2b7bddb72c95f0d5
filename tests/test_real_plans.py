"""Real municipal plans (data/real/plans) and the scorer that measures the checks on them."""

import contextlib
import io
import json
import re
from pathlib import Path

import pytest
from helpers import fingerprint
from openpyxl import load_workbook

import build_real_plans
import evaluate_real
from evaluate_real import GoldItem, ToolFinding, score_plan, totals

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "data" / "real" / "plans"
DESCRIPTIONS = build_real_plans.description_files(PLANS)


def _desc(path: Path) -> dict:
    return build_real_plans.load_description(path)


def test_committed_workbooks_equal_a_fresh_build(tmp_path):
    build_real_plans.main([str(tmp_path)])
    built = sorted(p.name for p in tmp_path.glob("*.xlsx"))
    committed = sorted(p.name for p in PLANS.glob("*.xlsx"))
    assert built == committed
    for name in committed:
        assert fingerprint(PLANS / name) == fingerprint(tmp_path / name), f"{name}: run scripts/build_real_plans.py"


def test_the_set_has_enough_cited_plans_and_a_named_holdout_split():
    descs = [_desc(p) for p in DESCRIPTIONS]
    assert len(descs) >= 8
    holdout = [d["slug"] for d in descs if d["split"] == "holdout"]
    assert len(holdout) >= 3
    readme = (PLANS / "README.md").read_text(encoding="utf-8")
    for d in descs:
        assert d["source_urls"] and all(re.match(r"https?://", u) for u in d["source_urls"]), d["slug"]
        gold = json.loads((PLANS / f"{d['slug']}.gold.json").read_text(encoding="utf-8"))
        assert gold["split"] == d["split"], d["slug"]
        assert d["slug"] in readme
    holdout_section = readme.split("## Holdout", 1)[1].split("\n## ", 1)[0]
    for slug in holdout:
        assert slug in holdout_section


@pytest.mark.parametrize("path", DESCRIPTIONS, ids=lambda p: p.stem)
def test_gold_lists_use_known_kinds_and_existing_sheets(path):
    desc = _desc(path)
    gold = evaluate_real.load_gold(PLANS / f"{desc['slug']}.gold.json")  # refuses an unknown kind
    assert any(not g.optional for g in gold)
    sheets = load_workbook(PLANS / f"{desc['slug']}.xlsx", read_only=True).sheetnames
    for g in gold:
        assert g.sheet in sheets, (g.sheet, sheets)
        assert g.cell is None or re.fullmatch(r"[A-Z]{1,2}[0-9]{1,4}", g.cell)


@pytest.mark.parametrize("path", DESCRIPTIONS, ids=lambda p: p.stem)
def test_date_cells_hold_the_text_as_written(path):
    """A unit types text into a date cell: what is not one calendar day stays that exact text."""
    desc = _desc(path)
    wb = load_workbook(PLANS / f"{desc['slug']}.xlsx")
    front = wb["Forside"]
    rows = {"periode_start": 7, "periode_slut": 8, "godkendt_dato": 11}
    cells = [(front, f"B{r}", desc["front"].get(k)) for k, r in rows.items()]
    cols = {"start": "D", "slut": "E", "delmaal_dato": "G", "maal_dato": "I", "sidst_fulgt_op": "K"}
    for n, sp in enumerate(desc["sigtepunkter"], start=1):
        ws = wb[f"Sigtepunkt {n}"]
        for offset, row in enumerate(sp.get("raekker", [])):
            cells += [(ws, f"{c}{5 + offset}", row.get(k)) for k, c in cols.items()]
    for ws, ref, text in cells:
        value = ws[ref].value
        if text is None:
            assert value is None, (ws.title, ref)
            continue
        day = build_real_plans.cell_value(text)
        if isinstance(day, str):
            assert value == text, (ws.title, ref)
        else:
            assert value.date() == day, (ws.title, ref)


def test_the_plans_carry_real_danish_time_text_in_date_cells():
    texts = [
        v for p in DESCRIPTIONS for d in [_desc(p)]
        for v in [*(d["front"].get(k) for k in ("periode_start", "periode_slut", "godkendt_dato")),
                  *(r.get(k) for sp in d["sigtepunkter"] for r in sp.get("raekker", [])
                    for k in ("start", "slut", "delmaal_dato", "maal_dato"))]
        if v is not None
    ]
    as_text = [t for t in texts if isinstance(build_real_plans.cell_value(t), str)]
    assert len(as_text) >= 15 and len(set(as_text)) >= 10


# --- the scorer ------------------------------------------------------------------------------------

GOLD = [
    GoldItem("Sigtepunkt 1", "C5", "owner_group", "gruppe"),
    GoldItem("Forside", None, "team_incomplete", "intet team"),
    GoldItem("Sigtepunkt 1", "F5", "not_smart_S", "debatterbar", optional=True),
    GoldItem("Sigtepunkt 1", "G6", "delmaal_no_date", "ingen dato"),
]


def _f(sheet, cell, code, severity="warning"):
    return ToolFinding(sheet, cell, code, severity, f"{code} i {cell}")


def test_score_counts_correct_false_alarms_debatable_info_and_misses():
    findings = [
        _f("Sigtepunkt 1", "C5", "OWNER_NOT_A_PERSON", "error"),  # correct
        _f("Forside", "A16", "TEAM_EMPTY", "error"),  # correct (gold cell null: any cell on the sheet)
        _f("Forside", "B16", "TEAM_NO_MANAGEMENT"),  # correct
        _f("Sigtepunkt 1", "F5", "SMART_S"),  # debatable: left out
        _f("Sigtepunkt 1", "F5", "SMART_T"),  # false alarm
        _f("Sigtepunkt 1", "G5", "DELMAAL_NO_DATE", "error"),  # false alarm: wrong cell, and G6 is missed
        _f("Sigtepunkt 1", "I5", "DATE_INVALID", "info"),  # info: never an alarm
    ]
    s = score_plan("p", "dev", findings, GOLD)
    assert (s.correct, len(s.false_alarms), s.debatable, s.info_ignored) == (3, 2, 1, 1)
    assert (s.required, s.hits) == (3, 2)
    assert [(m["cell"], m["kind"]) for m in s.misses] == [("G6", "delmaal_no_date")]
    assert {(a["cell"], a["code"]) for a in s.false_alarms} == {("F5", "SMART_T"), ("G5", "DELMAAL_NO_DATE")}
    t = totals([s])
    assert t["precision"] == pytest.approx(3 / 5)
    assert t["recall"] == pytest.approx(2 / 3)
    assert t["false_alarms_by_kind"] == {"not_smart_T": 1, "delmaal_no_date": 1}


def test_an_info_finding_can_hit_a_gold_item_but_never_counts_as_an_alarm():
    s = score_plan("p", "dev", [_f("Sigtepunkt 1", "G6", "DELMAAL_NO_DATE", "info")], GOLD)
    assert (s.correct, len(s.false_alarms), s.hits, s.required) == (0, 0, 1, 3)
    t = totals([s])
    assert t["precision"] is None and t["recall"] == pytest.approx(1 / 3)


def test_totals_add_up_over_plans_and_an_unknown_code_is_its_own_kind():
    a = score_plan("a", "dev", [_f("Sigtepunkt 1", "C5", "OWNER_NOT_A_PERSON")], GOLD)
    b = score_plan("b", "dev", [_f("Sigtepunkt 2", "A1", "SOMETHING_NEW")], GOLD)
    t = totals([a, b])
    assert (t["plans"], t["correct"], t["false_alarms"], t["required_gold"], t["hits"]) == (2, 1, 1, 6, 1)
    assert t["precision"] == pytest.approx(0.5) and t["recall"] == pytest.approx(1 / 6)
    assert t["false_alarms_by_kind"] == {"code:SOMETHING_NEW": 1}
    assert t["codes_without_kind"] == ["SOMETHING_NEW"]


def test_a_gold_list_with_an_unknown_kind_is_refused(tmp_path):
    path = tmp_path / "x.gold.json"
    path.write_text(json.dumps({"findings": [{"sheet": "Forside", "cell": None, "kind": "owner_grup", "why": ""}]}))
    with pytest.raises(ValueError, match="owner_grup"):
        evaluate_real.load_gold(path)


def _fixture(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    for slug, split in (("lille_dev", "dev"), ("lille_holdout", "holdout")):
        desc = {
            "slug": slug, "split": split, "source_urls": ["https://example.invalid/plan"], "as_of": "2026-01-01",
            "front": {"kommune": "Prøve Kommune"}, "team": [],
            "sigtepunkter": [{"titel": "Trivsel", "raekker": [{"aktivitet": "Personalemøde om trivsel"}], "opfoelgning": {}}],
        }
        (folder / f"{slug}.json").write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")
        gold = {"slug": slug, "split": split, "findings": [
            # no workbook has a sheet 'Sigtepunkt 9': this required item is always missed
            {"sheet": "Sigtepunkt 9", "cell": "C5", "kind": "owner_missing", "why": "findes ikke"},
        ]}
        (folder / f"{slug}.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        (folder / f"{slug}.xlsx").write_bytes(build_real_plans.build_bytes(desc))
    return folder


def _run(*args: str) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert evaluate_real.main([*args, "--json"]) == 0
    return json.loads(out.getvalue())


def test_script_on_a_fixture_reports_both_splits_and_its_arithmetic_holds(tmp_path):
    folder = _fixture(tmp_path)
    goals = tmp_path / "goals.jsonl"
    goals.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in [
            {"text": "Alle 14 pædagoger har gennemført kurset", "due": "2027-03-31", "S": True, "M": True, "T": True, "split": "dev"},
            {"text": "Styrke trivslen", "due": None, "S": False, "M": False, "T": False, "split": "holdout"},
        ]),
        encoding="utf-8",
    )
    listed = {"dev": _run("--plans", str(folder), "--goals", str(goals)),
              "holdout": _run("--plans", str(folder), "--goals", str(goals), "--split", "holdout")}
    for split in ("dev", "holdout"):
        result = listed[split]
        t = result["findings"]["splits"][split]
        assert t["plans"] == 1
        assert t["required_gold"] == 1 and t["hits"] == 0 and t["misses"] == 1 and t["recall"] == 0
        assert t["alarms_counted"] == t["correct"] + t["false_alarms"] == t["false_alarms"]  # nothing is in the gold
        assert len(t["false_alarm_list"]) == t["false_alarms"]
        assert t["miss_list"] == [{"plan": f"lille_{split}", "sheet": "Sigtepunkt 9", "cell": "C5",
                                   "kind": "owner_missing", "why": "findes ikke"}]
        letters = result["smart"]["splits"][split]
        assert all(letters[x]["n"] == 1 for x in "SMT")
        # neither record is marked unsure: every letter is counted among the sure labels
        assert all(letters[x]["by_certainty"]["sure"]["n"] == 1 for x in "SMT")
        assert all(letters[x]["by_certainty"]["unsure"] == {"n": 0, "accuracy": None} for x in "SMT")


def test_accuracy_is_split_by_the_labels_certainty(tmp_path):
    folder = _fixture(tmp_path)
    goals = tmp_path / "goals.jsonl"
    records = [
        {"text": "Styrke trivslen", "due": None, "S": False, "M": False, "T": False, "split": "dev"},
        # the same sentence, labelled S true by a reader who was unsure: the checker disagrees there
        {"text": "Styrke trivslen", "due": None, "S": True, "M": False, "T": False, "split": "dev", "unsure": True},
    ]
    goals.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    letters = _run("--plans", str(folder), "--goals", str(goals), "--split", "dev")["smart"]["splits"]["dev"]
    assert letters["S"]["accuracy"] == 0.5
    assert letters["S"]["by_certainty"] == {"sure": {"n": 1, "accuracy": 1.0}, "unsure": {"n": 1, "accuracy": 0.0}}
    assert letters["M"]["by_certainty"]["unsure"] == {"n": 1, "accuracy": 1.0}


def test_split_dev_hides_the_holdout_listings_but_keeps_its_figures(tmp_path):
    folder = _fixture(tmp_path)
    result = _run("--plans", str(folder), "--goals", str(tmp_path / "none.jsonl"), "--split", "dev")
    holdout = result["findings"]["splits"]["holdout"]
    assert "miss_list" not in holdout and "false_alarm_list" not in holdout
    assert holdout["misses"] == 1 and holdout["recall"] == 0
    assert result["findings"]["splits"]["dev"]["miss_list"]
    assert result["smart"] == {"source": None, "splits": {}}  # a missing goal file is reported, not a crash


def test_holdout_listings_only_with_an_explicit_split_holdout(tmp_path):
    folder = _fixture(tmp_path)
    goals = tmp_path / "goals.jsonl"
    goals.write_text(json.dumps({"text": "Styrke trivslen", "due": None, "S": True, "M": False, "T": False,
                                 "split": "holdout"}, ensure_ascii=False), encoding="utf-8")
    for args in ((), ("--split", "all"), ("--split", "dev")):
        result = _run("--plans", str(folder), "--goals", str(goals), *args)
        holdout = result["findings"]["splits"]["holdout"]
        assert "miss_list" not in holdout and holdout["misses"] == 1, args
        assert isinstance(result["smart"]["splits"]["holdout"]["S"]["errors"], str), args  # a count, no text
        assert result["smart"]["splits"]["holdout"]["S"]["accuracy"] == 0, args  # the figure is still there
    listed = _run("--plans", str(folder), "--goals", str(goals), "--split", "holdout")
    assert listed["smart"]["splits"]["holdout"]["S"]["errors"][0]["text"] == "Styrke trivslen"


from hypothesis import given, strategies as st  # noqa: E402


@given(st.integers(min_value=1, max_value=2000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_interval_holds_the_rate_and_stays_in_0_1(kn):
    k, n = kn
    lo, hi = evaluate_real.wilson(k, n)
    eps = 1e-12  # k = 0 or k = n put a bound on the rate itself, up to rounding
    assert 0.0 <= lo <= k / n + eps and k / n - eps <= hi <= 1.0
    # four times the sentences at the same rate give a narrower interval
    lo4, hi4 = evaluate_real.wilson(4 * k, 4 * n)
    assert hi4 - lo4 < hi - lo


def test_wilson_interval_matches_a_known_value_and_is_absent_without_data():
    lo, hi = evaluate_real.wilson(170, 208)  # 0.817 measured on 208 sentences
    assert (round(lo, 3), round(hi, 3)) == (0.759, 0.864)
    assert evaluate_real.wilson(0, 0) is None


def test_dev_only_scores_no_holdout_record_or_plan_at_all(tmp_path, monkeypatch):
    folder = _fixture(tmp_path)
    goals = tmp_path / "goals.jsonl"
    goals.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"text": "Styrke trivslen", "due": None, "S": True, "M": False, "T": False, "split": "holdout"},
        {"text": "Styrke trivslen", "due": None, "S": False, "M": False, "T": False, "split": "dev"},
    ]), encoding="utf-8")
    judged: list[str] = []
    real_judge = evaluate_real.judge
    monkeypatch.setattr(evaluate_real, "judge", lambda text, *a: judged.append(text) or real_judge(text, *a))
    checked: list[str] = []
    real_check = evaluate_real.run_check
    monkeypatch.setattr(evaluate_real, "run_check", lambda xlsx, *a: checked.append(xlsx.name) or real_check(xlsx, *a))
    result = _run("--plans", str(folder), "--goals", str(goals), "--dev-only")
    assert set(result["smart"]["splits"]) == {"dev"} and result["smart"]["splits"]["dev"]["S"]["n"] == 1
    assert set(result["findings"]["splits"]) == {"dev"}
    assert checked == ["lille_dev.xlsx"] and len(judged) == 1  # the holdout was never even run
    with pytest.raises(SystemExit):
        evaluate_real.main(["--dev-only", "--split", "holdout"])
