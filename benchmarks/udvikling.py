"""How long ``forankring udvikling ARKIV`` takes on a batch archive of many plans. Prints figures; asserts nothing.

Generates ``--plans`` archive JSONs (the example plans varied as in benchmarks/batch.py: units, dates, rows,
owners), each with an earlier version in ``versions/`` named as batch names them, the later version edited
the way units edit between returns (a row inserted, statuses set to Opnået, a date pushed, an owner
named, a row deleted). Then times, ``--rounds`` times, the whole command as a user runs it (a subprocess of
the installed console script, start-up included), and reports the median. The issue's target: a 1,000-plan
archive in a few seconds.

Run: python benchmarks/udvikling.py [--plans 1000] [--rounds 3] [--profile] [--in-process]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import resource  # POSIX: CPU time of the command
except ImportError:
    resource = None

sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch import _vary  # noqa: E402

from forankring_xl.io.archive import Archive, archive_json  # noqa: E402
from forankring_xl.model import Plan  # noqa: E402

EARLIER = dt.datetime(2027, 2, 1, 9, 0, tzinfo=dt.timezone.utc)
LATER = dt.datetime(2027, 4, 1, 9, 0, tzinfo=dt.timezone.utc)


def later(plan: Plan, rng: random.Random) -> Plan:
    data = plan.model_dump()
    for point in data["sigtepunkter"]:
        rows = point["raekker"]
        for row in rows:
            if rng.random() < 0.3:
                row["status"] = "Opnået"
            if isinstance(row.get("slut"), dt.date) and rng.random() < 0.2:
                row["slut"] = row["slut"] + dt.timedelta(days=rng.randint(7, 90))
        if rows and rng.random() < 0.5:
            rows.insert(rng.randint(0, len(rows)), {"aktivitet": "Temadag om forankring", "ansvarlig": "Lene Holm"})
        if len(rows) > 2 and rng.random() < 0.3:
            rows.pop(rng.randint(0, len(rows) - 1))
    return Plan.model_validate(data)


def generate(archive: Path, count: int) -> None:
    (archive / "versions").mkdir(parents=True)
    for n in range(count):
        earlier = _vary(n)
        stem = f"enhed-{n:05d}--{n:010x}"
        old = Archive(exported_at=EARLIER, source_file=f"enhed_{n:05d}.xlsx", source_sha256="a" * 64, plan=earlier)
        new = Archive(exported_at=LATER, source_file=f"enhed_{n:05d}.xlsx", source_sha256="b" * 64,
                      plan=later(earlier, random.Random(n)))
        (archive / "versions" / f"{stem}.20270201090000.aaaaaaaaaaaa.json").write_text(archive_json(old), encoding="utf-8")
        (archive / f"{stem}.json").write_text(archive_json(new), encoding="utf-8")
    (archive / "manifest.jsonl").write_text("".join(  # the current plans, as batch lists them
        json.dumps({"path": f"enhed_{n:05d}.xlsx", "status": "converted", "archive": f"enhed-{n:05d}--{n:010x}.json"})
        + "\n" for n in range(count)), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="also profile one in-process run (top 25 by cumulative time)")
    parser.add_argument("--in-process", action="store_true",
                        help="also time the comparisons in this process, one worker, by CPU time (after a warm-up run)")
    args = parser.parse_args(argv)
    exe = shutil.which("forankring") or str(Path(sys.executable).parent / "forankring")
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "arkiv"
        start = time.perf_counter()
        generate(archive, args.plans)
        print(f"generated {args.plans} plans with an earlier version each in {time.perf_counter() - start:.1f} s")
        times, cpu = [], []
        for r in range(args.rounds):
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
            before = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
            start = time.perf_counter()
            done = subprocess.run([exe, "udvikling", str(archive), "--as-of", "2027-04-01"],
                                  capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if before is not None:  # CPU seconds of the command and its workers: what the machine's load does not change
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            if done.returncode != 0:
                raise SystemExit(done.stderr or done.stdout[-2000:])
            used = f", CPU {cpu[-1]:.2f} s" if cpu else ""
            print(f"round {r + 1}: {times[-1]:.2f} s wall{used}, load average {load:.1f} "
                  f"({done.stdout.strip().splitlines()[-1]})")
        print(f"udvikling on {args.plans} plans: median {statistics.median(times):.2f} s wall over {args.rounds} rounds"
              + (f", median CPU {statistics.median(cpu):.2f} s ({os.cpu_count()} cores)" if cpu else ""))
        if args.in_process:
            from forankring_xl.io.progress import archive_progress

            archive_progress(archive, dt.date(2027, 4, 1), jobs=1)  # warm: the lemma data, the imports
            used = []
            for _ in range(args.rounds):
                start = time.process_time()
                archive_progress(archive, dt.date(2027, 4, 1), jobs=1)
                used.append(time.process_time() - start)
            print(f"in one process, one worker: CPU {', '.join(f'{t:.2f}' for t in used)} s, "
                  f"median {statistics.median(used):.2f} s ({1000 * statistics.median(used) / args.plans:.1f} ms per plan)")
        if args.profile:
            import cProfile
            import pstats

            from forankring_xl.io.progress import archive_progress

            profile = cProfile.Profile()
            profile.runcall(archive_progress, archive, dt.date(2027, 4, 1))
            pstats.Stats(profile).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
