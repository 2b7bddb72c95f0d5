"""How long ``forankring påmind`` takes on a batch archive of many plans. Prints figures; asserts nothing.

Generates ``--plans`` archive JSONs (the example plans varied as in benchmarks/batch.py: units, dates,
rows, owners) plus a manifest, then times, ``--rounds`` times, the whole command as a user runs it
(a subprocess of the installed console script, start-up included) into an empty folder, and reports
the median of wall and CPU time (the machine's load average is printed with it). The issue's target: a 1,000-plan archive in a few seconds.

Run: python benchmarks/paamind.py [--plans 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
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
    # påmind reads the plans the manifest lists, as batch writes it
    (archive / "manifest.jsonl").write_text("".join(
        json.dumps({"path": f"enhed_{n:05d}.xlsx", "status": "converted", "archive": f"enhed-{n:05d}.json"}) + "\n"
        for n in range(count)), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    exe = shutil.which("forankring") or str(Path(sys.executable).parent / "forankring")
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "arkiv"
        generate(archive, args.plans)
        times, cpus = [], []
        for r in range(args.rounds):
            out = Path(tmp) / f"ud{r}"
            before = _children_cpu()
            start = time.perf_counter()
            done = subprocess.run([exe, "påmind", str(archive), "--as-of", "2027-03-01", "-o", str(out)],
                                  capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            cpus.append(_children_cpu() - before)
            if done.returncode != 0:
                raise SystemExit(done.stderr)
            print(f"round {r + 1}: {times[-1]:.2f} s wall, {cpus[-1]:.2f} s CPU, {len(list(out.glob('*.eml')))} drafts")
        print(f"påmind on {args.plans} plans: median {statistics.median(times):.2f} s wall "
              f"({statistics.median(cpus):.2f} s CPU) over {args.rounds} rounds; load average {_load()}")


def _children_cpu() -> float:
    """User + system CPU seconds of finished child processes: less moved than wall time by other programs
    on a shared machine, so the two together say how much of a slow round was waiting."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _load() -> str:
    try:
        return ", ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "ukendt"


if __name__ == "__main__":
    main()
