"""Time the commands on the hostile files of issue 14, section 3 (the issue's figures are measured here).

    python benchmarks/hostile.py [--rounds 3]

Builds, from an example plan: a ~25 KB file with 3,000 overlapping sheet-sized merged ranges (hung
export/check/overdue for over 90 s before), and a file whose sheet carries a 16 MB XML comment (openpyxl
is quadratic in it: `check --annotate` ran for minutes) and one inflating to over 64 MB (refused as too big).
Prints the median wall time of each command over the rounds, and its exit code. The machine is shared:
expect noise, and read the figures as "seconds, not minutes".
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from hostile_files import merged_ranges, rewrite, xml_comment  # noqa: E402  (the tests build the same files)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    exe = shutil.which("forankring") or str(Path(sys.executable).parent / "forankring")
    work = Path(tempfile.mkdtemp())
    files = {
        "3000 flettede områder": rewrite(work / "flettet.xlsx", merged_ranges([f"A{i + 1}:XFD1048576" for i in range(3000)])),
        "16 MB XML-kommentar": rewrite(work / "kommentar.xlsx", xml_comment(16)),
        "ark på 70 MB udpakket": rewrite(work / "stor.xlsx", xml_comment(70)),
    }
    for name, path in files.items():
        print(f"{name}: {path.stat().st_size / 1024:.0f} KB")
        for command in (["export", str(path), "-o", str(work / "ud.json")], ["check", str(path)],
                        ["overdue", str(path)], ["check", str(path), "--annotate", str(work / "ann.xlsx")]):
            times, code = [], None
            for _ in range(args.rounds):
                for leftover in (work / "ud.json", work / "ann.xlsx"):
                    leftover.unlink(missing_ok=True)
                started = time.perf_counter()
                done = subprocess.run([exe, *command], capture_output=True, text=True, timeout=600)
                times.append(time.perf_counter() - started)
                code = done.returncode
            label = " ".join(command[:1] + (["--annotate"] if "--annotate" in command else []))
            print(f"  {label:<18} median {statistics.median(times):6.2f} s  (rounds: "
                  f"{', '.join(f'{t:.2f}' for t in times)})  exit {code}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
