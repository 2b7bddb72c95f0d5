"""Measure the checks on real municipal text: SMART letters on real goals, findings on real plans.

(a) SMART per letter (S, M, T) on ``data/real/goals.jsonl`` (fields text, due, S, M, T, split):
    accuracy and confusion matrix per split. When that file is missing, the shared sample
    ``../shared/data/real_goals_sample.jsonl`` is used and reported as split "unsplit".
(b) Findings precision and recall on the real plans in ``data/real/plans`` (``<slug>.xlsx`` with
    ``<slug>.json`` and ``<slug>.gold.json``): each workbook goes through the real ``check``
    pipeline (reader + rules, as of the plan's ``as_of`` date) and its findings are matched
    against the gold list a consultant wrote before running the tool.

Scoring (documented in data/real/plans/README.md):
* A finding's code is mapped to a coarse kind (CODE_KIND below). A finding matches a gold item with
  the same kind and sheet and, unless the gold cell is null (plan- or sheet-level), the same cell.
* Precision counts only warnings and errors: a finding matching a required gold item is correct, one
  matching only an optional ("debatable") item is left out, any other is a false alarm.
  Info findings are never alarms: they are left out of precision, but may still hit a gold item.
* Recall: required gold items hit by at least one finding (any severity) / required gold items.

Both splits' figures are always printed. The detailed listings (every false alarm, every miss, every
SMART error) are printed for the dev split (and the unsplit shared sample) only, so people tuning rules
never read holdout errors: the holdout listings are printed only when asked for explicitly with
``--split holdout`` (``--split all``, the default, lists dev only). ``--json`` prints the same as JSON.
``--dev-only`` does not score the holdout at all (no figures either): reading the holdout's totals after each
rule change is tuning on it too, so people writing rules use this.

Run: python scripts/evaluate_real.py [--split dev|holdout|all] [--dev-only] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "data" / "real" / "plans"
GOALS = ROOT / "data" / "real" / "goals.jsonl"
#: The shared sample of 50 labelled goals, used while data/real/goals.jsonl is missing.
SHARED_GOALS = next(
    (p for p in (ROOT.parent / "shared" / "data" / "real_goals_sample.jsonl",
                 ROOT.parent.parent / "shared" / "data" / "real_goals_sample.jsonl") if p.exists()),
    ROOT.parent / "shared" / "data" / "real_goals_sample.jsonl",
)
SPLITS = ("dev", "holdout")

#: Tool finding code -> coarse kind used in the gold lists. A code not listed maps to "code:<CODE>".
CODE_KIND: dict[str, str] = {
    # owners
    "OWNER_MISSING": "owner_missing",
    "APV_NO_OWNER": "owner_missing",
    "OWNER_NOT_A_PERSON": "owner_group",
    "OWNER_FIRST_NAME_ONLY": "owner_first_name",
    "OWNER_SEVERAL_NO_LEAD": "owner_group",
    "OWNER_OVERLOADED": "owner_overloaded",
    # dates
    "DATE_INVALID": "date_unreadable",
    "DATE_HAS_TIME": "date_has_time",
    "DATE_NO_YEAR": "date_missing_year",
    "DATE_MISSING_YEAR": "date_missing_year",
    "DATE_YEAR_MISSING": "date_missing_year",
    "DATE_AS_TEXT": "date_text",
    "DATE_ONGOING": "date_text",
    "DATE_START_ONLY": "date_unreadable",
    "DATE_NOT_A_DATE": "date_text",
    "DATE_IS_PERIOD": "date_text",
    "DATE_TEXT": "date_text",
    "DELMAAL_NO_DATE": "delmaal_no_date",
    "MAAL_NO_DATE": "maal_no_date",
    "DELMAAL_AFTER_MAAL": "date_order",
    "ACTIVITY_END_BEFORE_START": "date_order",
    "DELMAAL_BEFORE_ACTIVITY_START": "date_order",
    "DATE_BEFORE_PLAN_START": "date_outside_period",
    "DATE_AFTER_PLAN_END": "date_outside_period",
    "DATE_FAR_AHEAD": "date_far_ahead",
    "PLAN_PERIOD_MISSING": "plan_period",
    "PLAN_PERIOD_REVERSED": "plan_period",
    "OVERDUE": "overdue",
    "DUE_SOON": "due_soon",
    # SMART
    "SMART_S": "not_smart_S",
    "SMART_M": "not_smart_M",
    "SMART_T": "not_smart_T",
    "SMART_A": "not_smart_A",
    "SMART_R": "not_smart_R",
    "SMART_MAAL": "maal_advice",
    # structure
    "FORMAAL_NO_AKTIVITET": "no_activity",
    "DELMAAL_NO_AKTIVITET": "no_activity",
    "DELMAAL_NO_ACTIVITY": "no_activity",
    "MAAL_NO_AKTIVITET": "no_activity",
    "MAAL_NO_ACTIVITY": "no_activity",
    "MAAL_NO_DELMAAL": "maal_no_delmaal",
    "NO_GOAL": "no_goal",
    "SIGTEPUNKT_NO_GOAL": "no_goal",
    "SIGTEPUNKT_NO_MAAL": "no_goal",
    "SIGTEPUNKT_NO_ROWS": "sigtepunkt_no_rows",
    "SIGTEPUNKT_NO_TITLE": "sigtepunkt_no_title",
    "NO_SIGTEPUNKT": "no_sigtepunkt",
    "TOO_MANY_SIGTEPUNKTER": "too_many_sigtepunkter",
    "DUPLICATE_ROW": "duplicate_row",
    # follow-up
    "FOLLOWUP_NO_WHEN": "followup_when",
    "FOLLOWUP_WHEN_UNCLEAR": "followup_when",
    "FOLLOWUP_OPTIONAL": "followup_when",
    "FOLLOWUP_NO_HOW": "followup_how",
    "FOLLOWUP_NO_INFORMED": "followup_informed",
    "FOLLOWUP_NO_OWNER": "followup_owner",
    "FOLLOWUP_OWNER_NOT_A_PERSON": "followup_owner",
    "FOLLOWUP_OWNER_EXTERNAL": "followup_external",
    "FOLLOWUP_EXTERNAL": "followup_external",
    "FOLLOWUP_FORMIDLING_NOT_A_PERSON": "followup_formidling",
    # plan level
    "TEAM_EMPTY": "team_incomplete",
    "TEAM_NO_MANAGEMENT": "team_incomplete",
    "TEAM_NO_EMPLOYEE_REPRESENTATION": "team_incomplete",
    "APPROVAL_MISSING": "approval_missing",
    # APV minimum content
    "APV_NO_PROBLEM": "apv_incomplete",
    "APV_NO_MEASURE": "apv_incomplete",
    "APV_NO_TIMETABLE": "apv_incomplete",
    "APV_NO_FOLLOWUP_TIMETABLE": "apv_incomplete",
    # reading
    "VALUE_NOT_IN_LIST": "value_not_in_list",
    "FORMULA_NO_VALUE": "read_problem",
    "CELL_OUTSIDE_TABLE": "read_problem",
    "FIELD_NOT_FOUND": "read_problem",
    "TABLE_COLUMN_MISSING": "read_problem",
    "FRONT_SHEET_MISSING": "read_problem",
    "TEAM_TABLE_NOT_FOUND": "read_problem",
    "NO_SIGTEPUNKT_SHEET": "read_problem",
    "FOLLOWUP_BLOCK_NOT_FOUND": "read_problem",
}

#: Kinds a gold list may use (the scorer refuses others, so a typo cannot hide a miss).
GOLD_KINDS = frozenset(CODE_KIND.values())


def kind_of(code: str) -> str:
    return CODE_KIND.get(code, f"code:{code}")


@dataclass(frozen=True)
class ToolFinding:
    sheet: str | None
    cell: str | None
    code: str
    severity: str  # "error" | "warning" | "info"
    message: str

    @property
    def kind(self) -> str:
        return kind_of(self.code)


@dataclass(frozen=True)
class GoldItem:
    sheet: str
    cell: str | None
    kind: str
    why: str
    optional: bool = False

    def matches(self, f: ToolFinding) -> bool:
        return f.kind == self.kind and f.sheet == self.sheet and (self.cell is None or f.cell == self.cell)


@dataclass
class PlanScore:
    slug: str
    split: str
    correct: int = 0
    false_alarms: list[dict] = field(default_factory=list)
    debatable: int = 0
    info_ignored: int = 0
    required: int = 0
    hits: int = 0
    misses: list[dict] = field(default_factory=list)
    unknown_codes: set[str] = field(default_factory=set)


def load_gold(path: Path) -> list[GoldItem]:
    data = json.loads(path.read_text(encoding="utf-8"))
    items = []
    for raw in data["findings"]:
        item = GoldItem(raw["sheet"], raw.get("cell"), raw["kind"], raw.get("why", ""), bool(raw.get("optional", False)))
        if item.kind not in GOLD_KINDS:
            raise ValueError(f"{path.name}: ukendt kind '{item.kind}'")
        items.append(item)
    return items


def score_plan(slug: str, split: str, findings: list[ToolFinding], gold: list[GoldItem]) -> PlanScore:
    """Match one plan's findings against its gold list (pure: no files)."""
    score = PlanScore(slug, split)
    for f in findings:
        if f.code not in CODE_KIND:
            score.unknown_codes.add(f.code)
        matched = [g for g in gold if g.matches(f)]
        if f.severity == "info":
            if not matched:
                score.info_ignored += 1
            continue
        if any(not g.optional for g in matched):
            score.correct += 1
        elif matched:
            score.debatable += 1
        else:
            score.false_alarms.append(
                {"plan": slug, "sheet": f.sheet, "cell": f.cell, "code": f.code, "kind": f.kind,
                 "severity": f.severity, "message": f.message}
            )
    for g in gold:
        if g.optional:
            continue
        score.required += 1
        if any(g.matches(f) for f in findings):
            score.hits += 1
        else:
            score.misses.append({"plan": slug, "sheet": g.sheet, "cell": g.cell, "kind": g.kind, "why": g.why})
    return score


def totals(scores: list[PlanScore]) -> dict:
    correct = sum(s.correct for s in scores)
    fa = sum(len(s.false_alarms) for s in scores)
    required = sum(s.required for s in scores)
    hits = sum(s.hits for s in scores)
    return {
        "plans": len(scores),
        "alarms_counted": correct + fa,
        "correct": correct,
        "false_alarms": fa,
        "debatable": sum(s.debatable for s in scores),
        "info_ignored": sum(s.info_ignored for s in scores),
        "required_gold": required,
        "hits": hits,
        "misses": required - hits,
        "precision": correct / (correct + fa) if correct + fa else None,
        "recall": hits / required if required else None,
        "false_alarms_by_kind": dict(Counter(a["kind"] for s in scores for a in s.false_alarms).most_common()),
        "misses_by_kind": dict(Counter(m["kind"] for s in scores for m in s.misses).most_common()),
        "codes_without_kind": sorted(set().union(*(s.unknown_codes for s in scores))),
    }


def run_check(xlsx: Path, as_of: dt.date) -> list[ToolFinding]:
    """The real check pipeline: reader, then every rule (as ``forankring check`` runs them)."""
    from forankring_xl.io.reader import read_plan
    from forankring_xl.rules import CheckConfig, check_plan

    result = read_plan(xlsx)
    report = check_plan(result.plan, result.locator, as_of, CheckConfig(), result.findings, source_file=xlsx.name)
    return [ToolFinding(f.sheet, f.cell, f.code, str(f.severity.value), f.message) for f in report.findings]


def plan_slugs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.json") if not p.name.endswith(".gold.json"))


def evaluate_plans(folder: Path, only: tuple[str, ...] | None = None) -> list[PlanScore]:
    """Each plan's score; with ``only``, plans of other splits are not checked at all."""
    scores = []
    for desc_path in plan_slugs(folder):
        desc = json.loads(desc_path.read_text(encoding="utf-8"))
        slug = desc["slug"]
        if only is not None and desc["split"] not in only:
            continue
        gold_path = folder / f"{slug}.gold.json"
        xlsx = folder / f"{slug}.xlsx"
        if not gold_path.exists() or not xlsx.exists():
            raise FileNotFoundError(f"{slug}: mangler {gold_path.name} eller {xlsx.name}")
        findings = run_check(xlsx, dt.date.fromisoformat(desc["as_of"]))
        scores.append(score_plan(slug, desc["split"], findings, load_gold(gold_path)))
    return scores


# --- SMART letters on real goals ----------------------------------------------------------------


def load_goals(path: Path | None) -> tuple[list[dict], str]:
    """Goal records and where they came from; an empty list when there is no file at all."""
    for candidate in ([path] if path else [GOALS, SHARED_GOALS]):
        if candidate and candidate.exists():
            records = []
            for n, line in enumerate(candidate.read_text(encoding="utf-8").splitlines(), start=1):
                if line.strip():
                    records.append(json.loads(line))
            return records, str(candidate)
    return [], ""


def judge(text: str, due: object, kind: str | None):
    from forankring_xl.smart.checker import judge_goal

    if kind:
        try:
            return judge_goal(text, due, kind=kind)
        except TypeError:
            pass
    return judge_goal(text, due)


def smart_scores(records: list[dict]) -> dict:
    out = {}
    verdicts = [judge(r["text"], r.get("due"), r.get("kind")) for r in records]
    for letter in ("S", "M", "T"):
        tp = fp = fn = tn = 0
        errors = []
        by_certainty = {"sure": [0, 0], "unsure": [0, 0]}  # [right, counted]
        for r, v in zip(records, verdicts):
            if r.get(letter) is None:
                continue
            got, want = bool(getattr(v, letter)), bool(r[letter])
            tally = by_certainty["unsure" if r.get("unsure") else "sure"]
            tally[0] += got == want
            tally[1] += 1
            tp += got and want
            fp += got and not want
            fn += (not got) and want
            tn += (not got) and (not want)
            if got != want:
                errors.append({"letter": letter, "label": want, "checker": got, "text": r["text"], "due": r.get("due")})
        n = tp + fp + fn + tn
        out[letter] = {"n": n, "accuracy": (tp + tn) / n if n else None, "ci95": wilson(tp + tn, n),
                       "confusion": {"tp": tp, "fn": fn, "fp": fp, "tn": tn}, "errors": errors,
                       # where a careful reader could go either way (label `unsure`), and where not
                       "by_certainty": {k: {"n": c, "accuracy": ok / c if c else None}
                                        for k, (ok, c) in by_certainty.items()}}
    return out


# --- output -------------------------------------------------------------------------------------


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float] | None:
    """The Wilson score interval (95 % by default) for k successes in n trials: how far an accuracy
    measured on a few hundred sentences, or a precision on a few dozen alarms, may lie from the rate
    on text of the same kind. Four lines of arithmetic, so no statistics library is pulled in."""
    if not n:
        return None
    p = k / n
    centre, half = p + z * z / (2 * n), z * ((p * (1 - p) + z * z / (4 * n)) / n) ** 0.5
    return (max(0.0, (centre - half) / (1 + z * z / n)), min(1.0, (centre + half) / (1 + z * z / n)))


def _ci(interval: tuple[float, float] | None) -> str:
    return "" if interval is None else f"[{interval[0]:.3f}–{interval[1]:.3f}]"


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{x:6.3f}"


def build_result(plans_dir: Path, goals_path: Path | None, show: set[str], scored: tuple[str, ...] | None = None) -> dict:
    """``scored``: the splits to score at all (None: every split); others are left out, figures included."""
    records, goals_source = load_goals(goals_path)
    if scored is not None:
        records = [r for r in records if (r.get("split") or "unsplit") in scored]
    smart: dict = {"source": goals_source or None, "splits": {}}
    groups: dict[str, list[dict]] = {}
    for r in records:
        groups.setdefault(r.get("split") or "unsplit", []).append(r)
    for name in sorted(groups, key=lambda s: (s not in SPLITS, s)):
        res = smart_scores(groups[name])
        if name not in show:
            for letter in res.values():
                letter["errors"] = f"{len(letter['errors'])} (listing hidden: not in --split)"
        smart["splits"][name] = res

    scores = evaluate_plans(plans_dir, only=scored)
    findings: dict = {"splits": {}}
    for split in SPLITS if scored is None else [x for x in SPLITS if x in scored]:
        part = [s for s in scores if s.split == split]
        entry = totals(part)
        if split in show:
            entry["false_alarm_list"] = [a for s in part for a in s.false_alarms]
            entry["miss_list"] = [m for s in part for m in s.misses]
        else:
            entry.pop("false_alarms_by_kind")
            entry.pop("misses_by_kind")
            entry["listing"] = "hidden: not in --split"
        findings["splits"][split] = entry
    return {"smart": smart, "findings": findings}


def print_text(result: dict) -> None:
    smart = result["smart"]
    print("# Real municipal text: SMART letters and findings")
    print(f"\n## (a) SMART per letter on real goals ({smart['source'] or 'no goal file found'})")
    if not smart["splits"]:
        print("  no goals: data/real/goals.jsonl is not there yet (and no shared sample).")
    for split, res in smart["splits"].items():
        n = res["S"]["n"]
        print(f"\n### split {split} ({n} sentences)")
        print("letter  accuracy  95 % interval     TP   FN   FP   TN   (TP: label holds and checker says it holds)"
              "   on sure labels | on unsure labels")
        for letter, s in res.items():
            c = s["confusion"]
            cert = "  |".join(f" {_pct(b['accuracy'])} (n {b['n']:>3})" for b in s["by_certainty"].values())
            print(f"  {letter}     {_pct(s['accuracy'])}  {_ci(s['ci95']):15s} {c['tp']:>4} {c['fn']:>4} {c['fp']:>4} "
                  f"{c['tn']:>4}   {cert}")
        for letter, s in res.items():
            if isinstance(s["errors"], str):
                print(f"  {letter} errors: {s['errors']}")
                continue
            for e in s["errors"]:
                print(f"  {letter} label={int(e['label'])} checker={int(e['checker'])}  {e['text'][:100]}  [due: {e['due']}]")

    print("\n## (b) Findings on real plans (warnings and errors; info never counts as an alarm)")
    for split, t in result["findings"]["splits"].items():
        print(f"\n### split {split}: {t['plans']} plans")
        print(f"  precision {_pct(t['precision'])} {_ci(wilson(t['correct'], t['alarms_counted']))}  "
              f"({t['correct']} correct of {t['alarms_counted']} counted alarms; "
              f"{t['false_alarms']} false alarms, {t['debatable']} debatable left out, {t['info_ignored']} info left out)")
        print(f"  recall    {_pct(t['recall'])} {_ci(wilson(t['hits'], t['required_gold']))}  ({t['hits']} of {t['required_gold']} required gold findings; {t['misses']} missed)")
        if t["codes_without_kind"]:
            print("  codes with no kind in CODE_KIND (add them): " + ", ".join(t["codes_without_kind"]))
        if "false_alarm_list" not in t:
            print(f"  listings {t['listing']}")
            continue
        if t["false_alarms_by_kind"]:
            print("  false alarms by kind: " + ", ".join(f"{k} {n}" for k, n in t["false_alarms_by_kind"].items()))
        if t["misses_by_kind"]:
            print("  misses by kind:       " + ", ".join(f"{k} {n}" for k, n in t["misses_by_kind"].items()))
        for a in t["false_alarm_list"]:
            print(f"  FALSE ALARM {a['plan']} {a['sheet']}!{a['cell']} {a['code']} ({a['severity']}): {a['message']}")
        for m in t["miss_list"]:
            where = f"{m['sheet']}!{m['cell']}" if m["cell"] else f"{m['sheet']} (any cell)"
            print(f"  MISS        {m['plan']} {where} {m['kind']}: {m['why']}")


def listed_splits(choice: str) -> set[str]:
    """The splits whose errors are listed: holdout only when asked for by name (it is never tuned on)."""
    if choice == "holdout":
        return {"holdout"}
    return {"dev", "unsplit"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="SMART and findings on real municipal text, per split.")
    parser.add_argument("--split", choices=("dev", "holdout", "all"), default="all",
                        help="which split's errors to list (figures of both are always printed); holdout "
                             "errors are listed only with an explicit --split holdout, never by 'all'")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument("--dev-only", action="store_true",
                        help="score the dev split only: the holdout's figures are not computed (for rule writers)")
    parser.add_argument("--plans", type=Path, default=PLANS, help="folder with <slug>.json/.gold.json/.xlsx")
    parser.add_argument("--goals", type=Path, default=None, help="goal sentences (JSON lines)")
    args = parser.parse_args(argv)
    show = listed_splits(args.split)
    if args.dev_only and args.split == "holdout":
        parser.error("--dev-only and --split holdout exclude each other")
    result = build_result(args.plans, args.goals, show, scored=("dev", "unsplit") if args.dev_only else None)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
    else:
        print_text(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
