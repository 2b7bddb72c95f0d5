"""Measure the one Danish time reader on real time text it was never tuned on (issue 12).

Data: ``data/real/time_phrases.jsonl`` (see data/real/README.md, "Time phrases"). Each record is either
a date cell (``read_as: cell``: read by ``text/datecell.read_date_cell``, as the workbook reader, the rules,
``overdue`` and the årshjul read it) or a sentence (``read_as: sentence``: judged by the SMART checker,
``smart/checker.judge_goal``, with no plan, as ``forankring smart`` does). Labels:

* ``fixes_time``: the text fixes when something must happen or be reached (SMART T);
* ``kind``: ``date``/``period`` (a calendar interval with its year), ``no_year`` or ``relative`` (a time
  limit with no calendar date), ``none``;
* ``start``/``end``: the interval, where the label gives it.

Two figures per split of the data:

* **T accuracy**: the tool's "fixes time" (a cell's ``is_time_limit``, a sentence's T) equals the label;
* **reading accuracy**: T right, and for a time the class right (a calendar interval, or a time limit with
  no calendar date: never a guessed date for a time without its year) and the interval right where the
  label gives one (for a sentence, its deadline: the checker's ``due``).

Split: by source page, with the rule of ``goals.jsonl`` (data/real/README.md): a record is ``holdout`` when
``int(sha256(source_url).hexdigest()[:8], 16) / 2**32 < 0.40``, else ``dev``. Figures are printed for both
splits; errors are listed for ``dev`` only (``--split holdout`` or ``--split all`` to list the others, which
nobody tuning the reader runs). ``--json`` prints the figures as JSON.

Run: python scripts/evaluate_time.py [--json] [--file PATH] [--split dev|holdout|all]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "real" / "time_phrases.jsonl"


@dataclass(frozen=True)
class Reading:
    fixes: bool
    klass: str  # "calendar", "undated" or "none"
    start: dt.date | None
    end: dt.date | None
    shown: str  # what the tool said, for the listing


def split_of(record: dict) -> str:
    """The split of a record, by its page (the rule of goals.jsonl)."""
    digest = hashlib.sha256(record["source_url"].encode("utf-8")).hexdigest()
    return "holdout" if int(digest[:8], 16) / 2**32 < 0.40 else "dev"


def _class(kind: str) -> str:
    return "calendar" if kind in ("date", "period") else "undated" if kind in ("no_year", "relative") else "none"


def read(record: dict) -> Reading:
    """What the product makes of one record."""
    from forankring_xl.smart.checker import judge_goal
    from forankring_xl.text.datecell import read_date_cell

    text = record["text"]
    if record.get("read_as") == "cell":
        cell = read_date_cell(text)
        klass = "calendar" if cell.has_interval else "undated" if cell.is_time_limit else "none"
        shown = f"celle: {cell.kind}" + (f" {cell.start}–{cell.end}" if cell.has_interval else "")
        return Reading(cell.is_time_limit, klass, cell.start, cell.end, shown)
    verdict = judge_goal(text)
    klass = "none" if not verdict.T else "calendar" if verdict.due else "undated"
    return Reading(bool(verdict.T), klass, None, verdict.due, f"T={verdict.T} due={verdict.due}: {verdict.reasons['T']}")


def judge(record: dict, got: Reading) -> tuple[bool, bool, str]:
    """(T right, reading right, why the reading is wrong)."""
    want = bool(record["fixes_time"])
    if got.fixes != want:
        return False, False, "T"
    if not want:
        return True, True, ""
    if got.klass != _class(record["kind"]):
        return True, False, f"klasse {got.klass} ≠ {_class(record['kind'])}"
    start = dt.date.fromisoformat(record["start"]) if record.get("start") else None
    end = dt.date.fromisoformat(record["end"]) if record.get("end") else None
    if end is not None and got.end != end:
        return True, False, f"slut {got.end} ≠ {end}"
    if start is not None and record.get("read_as") == "cell" and got.start != start:
        return True, False, f"start {got.start} ≠ {start}"
    return True, True, ""


def evaluate(records: list[dict], listed: str = "all") -> dict:
    """Figures per part and split; the errors of the ``listed`` split ("dev", "holdout" or "all")."""
    rows = []
    for r in records:
        got = read(r)
        t_ok, reading_ok, why = judge(r, got)
        rows.append((r, got, t_ok, reading_ok, why))

    def figures(sel):
        n = len(sel)
        tp = sum(1 for r, g, *_ in sel if r["fixes_time"] and g.fixes)
        fn = sum(1 for r, g, *_ in sel if r["fixes_time"] and not g.fixes)
        fp = sum(1 for r, g, *_ in sel if not r["fixes_time"] and g.fixes)
        tn = n - tp - fn - fp
        return {
            "n": n,
            "T_accuracy": round(sum(1 for row in sel if row[2]) / n, 3) if n else None,
            "reading_accuracy": round(sum(1 for row in sel if row[3]) / n, 3) if n else None,
            "TP": tp, "FN": fn, "FP": fp, "TN": tn,
        }

    result = {
        "all": figures(rows),
        "cells": figures([row for row in rows if row[0].get("read_as") == "cell"]),
        "sentences": figures([row for row in rows if row[0].get("read_as") != "cell"]),
        "sure_only": figures([row for row in rows if not row[0].get("unsure")]),
        "dev": figures([row for row in rows if split_of(row[0]) == "dev"]),
        "holdout": figures([row for row in rows if split_of(row[0]) == "holdout"]),
        "errors": [
            {"id": r["id"], "text": r["text"], "read_as": r.get("read_as", "sentence"), "label": r["kind"],
             "why": why, "tool": g.shown, "source_url": r["source_url"]}
            for r, g, t_ok, ok, why in rows if not ok and listed in ("all", split_of(r))
        ],
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--file", type=Path, default=DATA)
    parser.add_argument("--split", choices=("dev", "holdout", "all"), default="dev", help="whose errors to list")
    args = parser.parse_args(argv)
    records = [json.loads(line) for line in args.file.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = evaluate(records, args.split)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1, default=str))
        return 0
    print(f"# Time reader on real time text ({args.file.relative_to(ROOT) if args.file.is_relative_to(ROOT) else args.file})")
    print("part        n    T acc  reading   TP  FN  FP  TN   (TP: label fixes time and the tool says so)")
    for part in ("all", "cells", "sentences", "sure_only", "dev", "holdout"):
        f = result[part]
        if f["n"]:
            print(f"{part:<10} {f['n']:>4}   {f['T_accuracy']:.3f}    {f['reading_accuracy']:.3f}  "
                  f"{f['TP']:>3} {f['FN']:>3} {f['FP']:>3} {f['TN']:>3}")
    print(f"\nerrors ({len(result['errors'])}, split {args.split}):")
    for e in result["errors"]:
        print(f"  {e['id']} [{e['read_as']}, label {e['label']}] {e['why']}: {e['text'][:110]}")
        print(f"      tool: {e['tool'][:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
