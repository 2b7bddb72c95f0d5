"""scripts/fit_sm.py: the experiment that fits the SMART checker's own signals (issue 12).

The fitter is plain Python, so these check that it finds the optimum it claims, that the folds keep each
source URL together, that the features are the checker's own (its verdicts included), and that the
bootstrap interval of a difference behaves."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import fit_sm
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forankring_xl.smart.checker import judge_goal

ROOT = Path(__file__).resolve().parent.parent


def _objective_gradient(w, rows, y, c):
    grad = [0.0] + [v / c for v in w[1:]]
    for row, t in zip(rows, y):
        xi = [1.0] + [float(v) for v in row]
        p = fit_sm._sigmoid(sum(a * b for a, b in zip(w, xi)))
        for j, v in enumerate(xi):
            grad[j] += (p - t) * v
    return grad


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.sampled_from([0.03, 0.1, 1.0]))
def test_fit_reaches_the_penalised_optimum(seed, c):
    # the penalised log-loss is strictly convex, so a zero gradient means the minimum
    rng = random.Random(seed)
    rows = [[rng.randint(0, 1) for _ in range(5)] for _ in range(40)]
    y = [int((r[0] + r[1] + rng.random()) > 1.5) for r in rows]
    w = fit_sm.fit(rows, y, c)
    assert max(abs(g) for g in _objective_gradient(w, rows, y, c)) < 1e-6


def test_fit_learns_a_clear_signal_and_shrinks_noise():
    rng = random.Random(1)
    rows = [[rng.randint(0, 1), rng.randint(0, 1)] for _ in range(200)]
    y = [r[0] for r in rows]  # the label is feature 0; feature 1 is noise
    w = fit_sm.fit(rows, y, 0.1)
    assert w[1] > 1 and abs(w[2]) < 0.5 * w[1]
    assert [fit_sm.predict(w, r) for r in rows] == y
    strong = fit_sm.fit(rows, y, 0.001)  # stronger regularisation, smaller weight
    assert abs(strong[1]) < abs(w[1])


def test_the_validation_set_is_batch_3_dev_only():
    records = [{"id": i, "split": s} for i, s in (("g0001", "dev"), ("g0491", "dev"), ("g0492", "dev"),
                                                    ("g0500", "holdout"), ("g0683", "dev"), ("g0684", "dev"))]
    tune, valid = fit_sm.tuning_and_validation(records)
    assert [r["id"] for r in tune] == ["g0001", "g0491"]
    assert [r["id"] for r in valid] == ["g0492", "g0683"]  # a later batch (g0684-) is neither


def test_folds_keep_each_source_together_and_balance_sizes():
    records = [json.loads(line) for line in (ROOT / "data" / "real" / "goals.jsonl").read_text("utf-8").splitlines()
               if line.strip()]
    tune = [r for r in records if r["split"] == "dev" and int(r["id"][1:]) < fit_sm.VALIDATION_FIRST]
    folds = fit_sm.group_folds(tune, 10, fit_sm.SEED)
    fold_of_url: dict[str, set[int]] = {}
    for r, f in zip(tune, folds):
        fold_of_url.setdefault(r["source_url"], set()).add(f)
    assert all(len(fs) == 1 for fs in fold_of_url.values())
    sizes = [folds.count(f) for f in range(10)]
    assert min(sizes) > 0 and max(sizes) - min(sizes) <= max(
        sum(r["source_url"] == u for r in tune) for u in fold_of_url)
    assert folds == fit_sm.group_folds(tune, 10, fit_sm.SEED)  # the same folds every run


@pytest.mark.parametrize("text, kind", [
    ("Styrke trivslen blandt lærerne", "delmål"),
    ("Alle 24 rådgivere har gennemført kurset", "delmål"),
    ("Hvordan udvikler sygefraværet sig?", "mål"),
    ("Handleplanen skal så vidt muligt udarbejdes i samarbejde med borgeren", "delmål"),
    ("Sygefraværet skal nedbringes med 10 % i forhold til 2024", "mål"),
    ("Styrkelse af det tværfaglige samarbejde", "mål"),
])
def test_features_carry_the_checkers_own_verdicts(text, kind):
    v = judge_goal(text, kind=kind)
    f = fit_sm.features(text, kind)
    assert (f["verdict_S"], f["verdict_M"]) == (int(bool(v.S)), int(bool(v.M)))
    assert set(f.values()) <= {0, 1}


def test_features_expose_the_cascades_signals():
    assert fit_sm.features("Hvordan udvikler sygefraværet sig?", "mål")["question"] == 1
    hedged = fit_sm.features("Handleplanen skal så vidt muligt udarbejdes i samarbejde med borgeren", "delmål")
    assert hedged["hedge"] == 1 and hedged["verdict_M"] == 0
    assert fit_sm.features("Skolen skal sikre et godt læringsmiljø", "mål")["wrapped_by_intention"] == 1
    target = fit_sm.features("Sygefraværet skal nedbringes med 10 % i forhold til 2024", "mål")
    assert target["target_value"] == 1 and target["concrete_anchor"] == 1
    age = fit_sm.features("De 15-25-årige skal trives bedre", "mål")
    assert age["target_value"] == 0 and age["digit_anywhere"] == 1
    heading = fit_sm.features("Styrkelse af det tværfaglige samarbejde", "mål")
    assert heading["heading"] == 1 and heading["no_main_verb"] == 1
    assert fit_sm.features("Alle rådgivere har gennemført kurset", "delmål")["all_or_none_checkable"] == 1
    assert fit_sm.features("Alle borgere har ret til en god hjemmepleje", "mål")["all_or_none_checkable"] == 0


def test_paired_interval_is_zero_for_identical_predictions_and_covers_the_difference():
    records = [{"source_url": f"u{i // 3}"} for i in range(60)]
    y = [i % 2 for i in range(60)]
    same = [1] * 60
    assert fit_sm.paired_interval(records, same, same, y, 1) == (0.0, 0.0)
    better = y[:]  # all right
    worse = [1 - t if i % 4 == 0 else t for i, t in enumerate(y)]  # a quarter wrong
    lo, hi = fit_sm.paired_interval(records, better, worse, y, 1)
    assert 0 < lo <= 0.25 <= hi


def test_the_script_prints_the_grouped_cv_and_the_decision(capsys):
    assert fit_sm.main(["--cv-only"]) == 0
    out = capsys.readouterr().out
    assert "grouped CV" in out and "Decision rule" in out and "VALIDATION" not in out
    accuracies = [float(part.split("=")[1].split()[0]) for line in out.splitlines() if "grouped CV" in line
                  for part in line.split("   ") if "=" in part]
    assert len(accuracies) == 4 and all(0.5 < a <= 1 for a in accuracies)
    assert not math.isnan(sum(accuracies))
