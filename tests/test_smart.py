"""The SMART checker: verdicts with Danish reasons, plan context for A and R, the CLI, check, evaluation."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES
from test_cli import forankring

from forankring_xl.io.reader import read_plan
from forankring_xl.rules import check_plan
from forankring_xl.smart.checker import GoalContext, default_lexicon, judge_goal

D = dt.date
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "text, due, expected",
    [
        ("Alle 24 rådgivere har gennemført ICS-grundkurset", "2027-03-31", (True, True, True)),
        ("Styrke trivslen blandt medarbejderne", "2027-06-30", (False, False, True)),
        ("Fokus på god mødekultur", None, (False, False, False)),
        ("Procedurebeskrivelsen er udarbejdet og godkendt af afdelingslederen", "ultimo marts 2027", (True, True, True)),
        ("Andelen af forældre, der deltager i forældremøder, skal stige", None, (True, False, False)),
        ("Medarbejderne trives og føler sig rustet til opgaven", "løbende", (False, False, False)),
        ("Sygefraværet er nedbragt fra 6,8 % til 5,5 % ved udgangen af 2027", None, (True, True, True)),
        ("Ingen arbejdsskader ved forflytning i 2. halvår 2026", None, (True, True, True)),
        ("Kommunikation", "2027", (False, False, True)),
    ],
)
def test_text_letters(text, due, expected):
    v = judge_goal(text, due)
    assert (v.S, v.M, v.T) == expected
    assert v.A is None and v.R is None  # no plan: cannot be judged
    assert set(v.reasons) == {"S", "M", "A", "R", "T"} and all(v.reasons.values())
    assert v.smart == all(expected)


def test_reasons_and_suggestion_are_danish_and_name_the_problem():
    v = judge_goal("Styrke trivslen blandt lærerne", None)
    assert "'styrke'" in v.reasons["S"] and "retning" in v.reasons["S"]
    assert "'styrke'" in v.reasons["M"] and "hvor meget" in v.reasons["M"]
    assert "dato" in v.reasons["T"]
    assert v.suggestion.startswith("Omskriv:") and "dato" in v.suggestion
    v = judge_goal("Status gives jævnligt", None)
    assert "'jævnligt' siger, hvor ofte" in v.reasons["T"]


def test_due_text_from_a_date_cell_and_a_bad_due():
    assert judge_goal("Kurset er afholdt for alle 14 pædagoger", "ultimo juni 2027").due == D(2027, 6, 30)
    v = judge_goal("Kurset er afholdt for alle 14 pædagoger", "hurtigst muligt")
    assert v.T is False and "hurtigst muligt" in v.reasons["T"]


def test_a_and_r_come_from_the_plan():
    good = GoalContext(approved_by="MED-udvalget", approved_on=D(2027, 1, 10), plan_start=D(2027, 1, 1),
                       plan_end=D(2027, 12, 31), activity_start=D(2027, 2, 1), maal_date=D(2027, 6, 30),
                       owner_overloaded=False, owner="Mette Hansen", has_plan=True)
    text = "Alle 12 teams har holdt to læringsmøder"
    v = judge_goal(text, D(2027, 4, 1), good)
    assert v.A is True and v.R is True and v.smart
    assert "MED-udvalget" in v.reasons["A"]
    from dataclasses import replace

    assert judge_goal(text, D(2027, 4, 1), replace(good, approved_on=None)).A is False
    for change, word in [
        (dict(activity_start=D(2027, 5, 1)), "før aktiviteten"),
        (dict(maal_date=D(2027, 3, 1)), "efter målets dato"),
        (dict(plan_end=D(2027, 3, 1)), "efter planperioden"),
        (dict(plan_start=D(2027, 4, 1)), "allerede passeret"),
        (dict(owner_overloaded=True), "for mange aktiviteter"),
    ]:
        v = judge_goal(text, D(2027, 4, 1), replace(good, **change))
        assert v.R is False and word in v.reasons["R"], change


def test_lexicon_is_data_that_can_be_extended():
    path = ROOT / "forankring_xl" / "smart" / "lexicon.toml"
    assert "vague_verbs" in path.read_text(encoding="utf-8")
    # an unlisted verb with a concrete object is an act done or not (M); listed as a direction verb it is none
    text = "Medarbejderne skal revitalisere teamet"
    assert judge_goal(text, None).M is True
    extended = default_lexicon().extended({"vague_verbs": ["revitalisere"]})
    assert judge_goal(text, None, lexicon=extended).M is False
    assert judge_goal(text, None, lexicon=extended).S is False
    text = "Medarbejderne skal mestre teamet"
    extended = default_lexicon().extended({"light_verbs": ["mestre"]})
    assert judge_goal(text, None).M is True and judge_goal(text, None, lexicon=extended).M is False
    text = "Medarbejderne har afholdt et strategiseminar om trivsel"
    assert "'trivsel'" not in judge_goal(text, None).reasons["S"]
    extended = default_lexicon().extended({"abstract_nouns": ["strategiseminar"]})
    assert judge_goal("Strategiseminar", None, lexicon=extended).S is False
    with pytest.raises(ValueError, match="ukendt ordliste"):
        default_lexicon().extended({"nonsens": ["x"]})


def test_the_lists_that_were_code_can_be_extended_too():
    text = "Handleplanen skal om nødvendigt udarbejdes inden 1. juni 2027"
    assert judge_goal(text, None).M is True
    hedged = judge_goal(text, None, lexicon=default_lexicon().extended({"hedges": ["om nødvendigt"]}))
    assert hedged.M is False and "'om nødvendigt'" in hedged.reasons["M"], hedged.reasons["M"]
    text = "Alle borgere over 65 år skal have mulighed for en gratis forebyggende samtale"
    offer = default_lexicon().extended({"entitlements": ["mulighed for"]})
    assert judge_goal(text, None).M is not judge_goal(text, None, lexicon=offer).M
    # a relational measure is a measure noun as well, and needs what it counts
    lex = default_lexicon()
    assert lex.relational_measures and lex.relational_measures <= lex.measure_nouns
    extended = lex.extended({"relational_measures": ["kvote"]})
    assert "kvote" in extended.measure_nouns and "kvote" not in lex.measure_nouns


def test_lemmatiser_matches_inflected_forms():
    for text in ("Trivslen styrkes", "Trivslen skal styrkes", "Samarbejdet er styrket"):
        assert judge_goal(text, None).S is False, text


# --- CLI ---------------------------------------------------------------------------------


def test_cli_json_shape():
    done = forankring("smart", "Alle 24 rådgivere har gennemført kurset", "--due", "ultimo juni 2027", "--format", "json")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert list(data) == ["S", "M", "A", "R", "T", "smart", "reasons", "suggestion"]
    assert data["S"] is True and data["T"] is True and data["A"] is None and data["smart"] is True


def test_cli_text():
    done = forankring("smart", "Fokus på god mødekultur")
    assert done.returncode == 0
    assert "S Specifikt" in done.stdout and "NEJ" in done.stdout and "Omskriv" in done.stdout


def test_cli_reads_json_lines_from_stdin_in_order():
    lines = [
        {"text": "Alle 24 rådgivere har gennemført kurset", "due": "2027-03-31"},
        {"text": "Fokus på god mødekultur", "due": None},
        {"text": "Styrke trivslen", "due": "uge 12"},
    ]
    exe = Path(sys.executable).parent / "forankring"
    done = subprocess.run([str(exe), "smart", "-", "--format", "json"], input="\n".join(json.dumps(x) for x in lines) + "\n",
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["smart"] for o in out] == [True, False, False]
    assert [o["T"] for o in out] == [True, False, True]


def test_cli_bad_stdin_line_is_reported_and_the_rest_goes_on():
    exe = Path(sys.executable).parent / "forankring"
    done = subprocess.run([str(exe), "smart", "-", "--format", "json"], input='nej\n{"text": "Kommunikation"}\n',
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Linje 1" in done.stderr and "Traceback" not in done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert "error" in out[0] and out[1]["S"] is False


def test_cli_stdin_is_utf8_whatever_the_code_page(tmp_path):
    """JSON lines are UTF-8 even where the system's code page is cp1252 (a Windows pipe); a BOM on the first
    line is fine, and a line in another encoding is reported with its number instead of being misread."""
    import os

    exe = Path(sys.executable).parent / "forankring"
    data = ("\ufeff" + json.dumps({"text": "Alle 24 rådgivere har gennemført kurset", "due": "2027-03-31"},
                                   ensure_ascii=False) + "\n").encode("utf-8")
    data += '{"text": "Målet er nået"}\n'.encode("cp1252")
    data += (json.dumps({"text": "Færre sygedage på Søhøj"}, ensure_ascii=False) + "\n").encode("utf-8")
    done = subprocess.run([str(exe), "smart", "-"], input=data, capture_output=True, timeout=60,
                          env={**os.environ, "PYTHONIOENCODING": "cp1252"})
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert done.returncode == 2 and "Linje 2" in err and "UTF-8" in err and "Traceback" not in err
    assert "Tekst: Alle 24 rådgivere har gennemført kurset" in out
    assert "Tekst: Færre sygedage på Søhøj" in out
    assert "Målet er nået" not in out


# --- check ---------------------------------------------------------------------------------


def _check(stem):
    path = next(p for p in EXAMPLES if stem in p.stem)
    result = read_plan(path)
    return result, check_plan(result.plan, result.locator, D(2026, 11, 22), read_findings=result.findings)


def test_check_flags_each_failing_letter_of_a_delmaal_as_a_warning():
    _, report = _check("trivsel")
    f5 = {f.code: f for f in report.findings if f.sheet == "Sigtepunkt 1" and f.cell == "F5"}
    assert {"SMART_S", "SMART_M"} <= set(f5) and "SMART_T" not in f5  # "Styrke trivslen …" has a date
    assert all(f.severity == "warning" and f.field == "Delmål" for f in f5.values())
    assert "'styrke'" in f5["SMART_S"].message
    advice = [f for f in report.findings if f.code == "SMART_MAAL"]
    assert advice and all(f.severity == "info" for f in advice)


def test_well_made_examples_have_smart_delmaal():
    for stem in ("ics_familieafdeling", "velfaerdsteknologi"):
        _, report = _check(stem)
        assert [f for f in report.findings if f.code.startswith("SMART")] == []


def test_every_example_delmaal_gets_a_verdict_with_reasons():
    from forankring_xl.rules.base import Context
    from forankring_xl.rules.smart import verdicts

    for path in EXAMPLES:
        result = read_plan(path)
        ctx = Context(result.plan, result.locator, D(2026, 11, 22))
        seen = 0
        for _, _, res, delmaal, _ in verdicts(ctx):
            if res.row.delmaal:
                seen += 1
                assert all(delmaal.reasons[letter] for letter in "SMART")
                assert delmaal.A is not None  # the plan is known, so A is judged
        assert seen, path.name


# --- evaluation ---------------------------------------------------------------------------


def test_evaluation_script_runs_and_prints_per_letter_figures(capsys):
    sys.path.insert(0, str(ROOT / "scripts"))
    import evaluate_smart

    results = evaluate_smart.main([])
    out = capsys.readouterr().out
    assert "holdout" in out and "confusion" in out and "TP=" in out
    with capsys.disabled():
        print("\n" + out)
    # a regression floor well under what the corpus gives today; the figures themselves are printed
    for part in ("dev", "holdout"):
        for letter in "SMT":
            assert results[part][letter]["accuracy"] >= 0.85, (part, letter)


def test_corpus_is_big_enough_and_labelled_by_the_rubric():
    rows = [json.loads(x) for x in (ROOT / "tests" / "data" / "smart_corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 150
    assert {r["split"] for r in rows} == {"dev", "holdout"}
    assert sum(r["split"] == "holdout" for r in rows) >= 50
    for r in rows:
        assert r["smart_text"] == (r["S"] and r["M"] and r["T"])
