"""Evaluate the SMART checker's S, M and T on labelled goal sentences.

Prints, per data set and letter: accuracy, precision and recall (positive = the letter holds), and the
confusion matrix. Data sets: our own corpus (tests/data/smart_corpus.jsonl) split into the part used
for tuning ("dev") and the part kept out of all tuning ("holdout"), real goals quoted from public
municipal pages while writing the clause rules (tests/data/smart_real_dev.jsonl, each with its URL), and
the shared sample of real goals (../shared/data/real_goals_sample.jsonl, when present). Nothing is asserted; figures are printed.

Run: python scripts/evaluate_smart.py [--show-errors]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from forankring_xl.smart.checker import judge_goal

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "smart_corpus.jsonl"
REAL_DEV = ROOT / "tests" / "data" / "smart_real_dev.jsonl"
# shared/ sits beside the repository (CI, /work/main) or beside the folder of worktrees
SHARED = next((p / "shared" / "data" / "real_goals_sample.jsonl" for p in ROOT.parents
               if (p / "shared" / "data" / "real_goals_sample.jsonl").exists()),
              ROOT.parent / "shared" / "data" / "real_goals_sample.jsonl")


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def scores(records: list[dict]) -> dict[str, dict]:
    out = {}
    verdicts = [judge_goal(r["text"], r.get("due")) for r in records]
    for letter in ("S", "M", "T", "smart_text"):
        tp = fp = fn = tn = 0
        errors = []
        for r, v in zip(records, verdicts):
            got = v.S and v.M and v.T if letter == "smart_text" else getattr(v, letter)
            want = r[letter]
            tp += got and want
            fp += got and not want
            fn += (not got) and want
            tn += (not got) and (not want)
            if bool(got) != bool(want):
                errors.append((r["text"], r.get("due"), want))
        n = tp + fp + fn + tn
        out[letter] = {
            "n": n,
            "accuracy": (tp + tn) / n if n else 0.0,
            "precision": tp / (tp + fp) if tp + fp else 0.0,
            "recall": tp / (tp + fn) if tp + fn else 0.0,
            "confusion": {"tp": tp, "fp": fp, "fn": fn, "tn": tn},
            "errors": errors,
        }
    return out


def report(name: str, records: list[dict], show_errors: bool) -> dict:
    result = scores(records)
    print(f"\n## {name} ({len(records)} sentences)")
    print("letter      accuracy  precision  recall   confusion (label true/false x checker true/false)")
    for letter, s in result.items():
        c = s["confusion"]
        print(f"{letter:<11} {s['accuracy']:>8.3f}  {s['precision']:>9.3f}  {s['recall']:>6.3f}   "
              f"TP={c['tp']:<3} FN={c['fn']:<3} FP={c['fp']:<3} TN={c['tn']:<3}")
        if show_errors and letter != "smart_text":
            for text, due, want in s["errors"]:
                print(f"    {letter} label={int(want)}  {text[:90]}  [due: {due}]")
    return result


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser()
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args(argv)
    corpus = load(CORPUS)
    results = {
        "dev": report("own corpus, dev part (used for tuning)", [r for r in corpus if r["split"] == "dev"], args.show_errors),
        "holdout": report("own corpus, holdout part (never used for tuning)",
                          [r for r in corpus if r["split"] == "holdout"], args.show_errors),
    }
    results["real_dev"] = report("real municipal goals found for development (tests/data/smart_real_dev.jsonl, tuned on)",
                                 load(REAL_DEV), args.show_errors)
    if SHARED.exists():
        results["shared"] = report("shared sample of real municipal goals", load(SHARED), args.show_errors)
    else:
        print(f"\n(shared sample not found at {SHARED})")
    return results


if __name__ == "__main__":
    main()
