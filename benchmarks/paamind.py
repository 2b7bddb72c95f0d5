"""How long ``forankring påmind`` takes on a batch archive of many plans. Prints figures; asserts nothing.

Generates ``--plans`` archive JSONs (the example plans varied as in benchmarks/batch.py: units, dates,
rows, owners) plus a manifest, then times, ``--rounds`` times, the whole command as a user runs it
(a subprocess of the installed console script, start-up included) into an empty folder, and reports
the median. The issue's target: a 1,000-plan archive in a few seconds.

Run: python benchmarks/paamind.py [--plans 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch import _vary  # noqa: E402

from forankring_xl.io.archive import Archive, archive_json  # noqa: E402


def generate(archive: Path, count: int) -> None:
    archive.mkdir(parents=True)
    now = dt.datetime.now(dt.timezone.utc)
    for n in range(count):
        data = Archive(exported_at=now, source_file=f"enhed_{n:05d}.xlsx", plan=_vary(n))
        (archive / f"enhed-{n:05d}.json").write_text(archive_json(data), encoding="utf-8")
    (archive / "manifest.jsonl").write_text("", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    exe = shutil.which("forankring") or str(Path(sys.executable).parent / "forankring")
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "arkiv"
        generate(archive, args.plans)
        times = []
        for r in range(args.rounds):
            out = Path(tmp) / f"ud{r}"
            start = time.perf_counter()
            done = subprocess.run([exe, "påmind", str(archive), "--as-of", "2027-03-01", "-o", str(out)],
                                  capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if done.returncode != 0:
                raise SystemExit(done.stderr)
            print(f"round {r + 1}: {times[-1]:.2f} s, {len(list(out.glob('*.eml')))} drafts")
        print(f"påmind on {args.plans} plans: median {statistics.median(times):.2f} s over {args.rounds} rounds")


if __name__ == "__main__":
    main()
