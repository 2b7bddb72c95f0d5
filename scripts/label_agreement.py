#!/usr/bin/env python3
"""Agreement between two readers' S/M/T labels (data/real/labels/reader*.jsonl).

Prints, per letter, the number of records, raw agreement and Cohen's kappa, computed from the
two label files (nothing is hard-coded). With --list it also prints every disagreement.

    python scripts/label_agreement.py [reader1.jsonl reader2.jsonl] [--list]
"""

import argparse
import json
from pathlib import Path

LABELS = Path(__file__).resolve().parent.parent / "data" / "real" / "labels"
LETTERS = ("S", "M", "T")


def read(path: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["id"]: r for r in rows}


def cohen_kappa(a: list[bool], b: list[bool]) -> float:
    """Cohen's kappa for two binary raters: (p_o - p_e) / (1 - p_e)."""
    n = len(a)
    if n == 0:
        raise ValueError("no records")
    p_o = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    p_e = pa * pb + (1 - pa) * (1 - pb)
    if p_e == 1:
        return 1.0 if p_o == 1 else 0.0
    return (p_o - p_e) / (1 - p_e)


def agreement(r1: dict[str, dict], r2: dict[str, dict]) -> dict[str, dict]:
    if set(r1) != set(r2):
        raise SystemExit(f"label files cover different ids: {sorted(set(r1) ^ set(r2))[:10]}")
    ids = sorted(r1)
    out = {}
    for letter in LETTERS:
        a = [bool(r1[i][letter]) for i in ids]
        b = [bool(r2[i][letter]) for i in ids]
        agree = sum(x == y for x, y in zip(a, b))
        out[letter] = {
            "n": len(ids),
            "agree": agree,
            "disagree": len(ids) - agree,
            "raw": agree / len(ids),
            "kappa": cohen_kappa(a, b),
            "r1_true": sum(a),
            "r2_true": sum(b),
            "r1_only": sum(x and not y for x, y in zip(a, b)),
            "r2_only": sum(y and not x for x, y in zip(a, b)),
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reader1", nargs="?", type=Path, default=LABELS / "reader1.jsonl")
    ap.add_argument("reader2", nargs="?", type=Path, default=LABELS / "reader2.jsonl")
    ap.add_argument("--list", action="store_true", help="also list every disagreement")
    args = ap.parse_args()
    r1, r2 = read(args.reader1), read(args.reader2)
    stats = agreement(r1, r2)
    print("| letter | records | agree | disagree | raw agreement | Cohen's kappa | true (r1) | true (r2) | r1 true only | r2 true only |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for letter, s in stats.items():
        print(f"| {letter} | {s['n']} | {s['agree']} | {s['disagree']} | {s['raw']:.3f} | {s['kappa']:.3f} "
              f"| {s['r1_true']} | {s['r2_true']} | {s['r1_only']} | {s['r2_only']} |")
    if args.list:
        for i in sorted(r1):
            for letter in LETTERS:
                if r1[i][letter] != r2[i][letter]:
                    print(i, letter, "r1=" + str(r1[i][letter]), "r2=" + str(r2[i][letter]))


if __name__ == "__main__":
    main()
