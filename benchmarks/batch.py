"""Batch speed and memory, as ratios. Prints figures; asserts nothing.

Generates realistic returned workbooks from the template (the example plans, varied: units, dates,
number of rows, owners, statuses), then times in one run:
  * naive: a loop calling openpyxl ``load_workbook`` on each file and reading every row
  * floor: unzip each file and parse every XML part with the standard library parser
  * ``forankring batch`` on the same inbox (all cores), into an empty archive
and reports batch/floor and naive/batch. Floor and batch run ``--rounds`` times, alternating, because
this shared machine's speed drifts by a third from minute to minute: the figures are medians, and each
round's own batch/floor ratio is printed so the spread is visible. Before timing, a one-file batch
builds the lemma cache if the machine has none (a once-per-machine step, like the warm page cache every
contender gets). ``--memory`` also runs batch on 10 x the files (copies in sub-folders) and reports the
peak RSS of the largest process of that run (``wait4``), to show memory stays flat.

Targets on a 2-core machine: batch <= 2 x floor; batch >= 10 x faster than naive; 10,000 files within
150 MB RSS.

Run: python benchmarks/batch.py [--files 1000] [--rounds 3] [--memory] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import make_examples  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from forankring_xl.io.writer import write_plan  # noqa: E402

UNITS = ["Skole", "Børnehus", "Plejecenter", "Jobcenter", "Familieafdeling", "Hjemmepleje", "Bibliotek", "Tandpleje"]
PLACES = ["Nord", "Syd", "Øst", "Vest", "Bakken", "Engen", "Søhøj", "Lunden", "Toften", "Kæret"]
NAMES = ["Mette Hansen", "Ole Berg", "Sara Lind", "Ahmed Yilmaz", "Kim Bach", "Pia Toft", "Lars Holm", "Ida Kjær"]


def _vary(n: int):
    rng = random.Random(n)
    plan = list(make_examples.PLANS.values())[n % len(make_examples.PLANS)]()
    shift = dt.timedelta(days=rng.randint(-200, 200))
    unit = f"{rng.choice(UNITS)} {rng.choice(PLACES)} {n}"
    points = []
    for point in plan.sigtepunkter:
        rows = []
        for row in point.raekker * rng.randint(1, 3):
            change = {k: getattr(row, k) + shift for k in ("start", "slut", "delmaal_dato", "maal_dato", "sidst_fulgt_op")
                      if isinstance(getattr(row, k), dt.date)}
            if row.ansvarlig and rng.random() < 0.5:
                change["ansvarlig"] = rng.choice(NAMES)
            rows.append(row.model_copy(update=change))
        points.append(point.model_copy(update={"raekker": rows}))
    return plan.model_copy(update={"enhed": unit, "sigtepunkter": points})


def _write(args):
    n, folder = args
    write_plan(_vary(n), Path(folder) / f"enhed_{n:05d}.xlsx")


def generate(inbox: Path, count: int) -> None:
    inbox.mkdir(parents=True, exist_ok=True)
    with Pool() as pool:
        pool.map(_write, [(n, str(inbox)) for n in range(count)], chunksize=20)


def naive(files: list[Path]) -> float:
    t0 = time.perf_counter()
    for path in files:
        wb = load_workbook(path)
        for ws in wb.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
    return time.perf_counter() - t0


def floor(files: list[Path]) -> float:
    t0 = time.perf_counter()
    for path in files:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.endswith((".xml", ".rels")):
                    ET.fromstring(z.read(name))
    return time.perf_counter() - t0


def batch(inbox: Path, archive: Path) -> tuple[float, float]:
    """Wall time of one ``forankring batch`` run and the peak RSS (MB) of its largest process."""
    shutil.rmtree(archive, ignore_errors=True)
    exe = Path(sys.executable).parent / "forankring"
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(exe), "batch", str(inbox), "-o", str(archive), "--as-of", "2026-11-22"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)  # the usage of this run alone: it and its workers (Linux: kB)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"batch failed with exit code {proc.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def warm_up(files: list[Path], work: Path) -> None:
    """One small batch before timing: builds the lemma cache if this machine has none (once, ~1.5 s)."""
    small = work / "warm-up"
    small.mkdir()
    shutil.copy(files[0], small / files[0].name)
    batch(small, work / "warm-up-archive")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3, help="alternating floor/batch rounds (medians reported)")
    parser.add_argument("--memory", action="store_true", help="also run 10 x the files and report peak RSS")
    parser.add_argument("--keep", type=Path, help="reuse/keep generated workbooks in this folder")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="forankring-bench-"))
    inbox = args.keep or work / "inbox"
    try:
        existing = sorted(inbox.glob("*.xlsx")) if inbox.exists() else []
        if len(existing) < args.files:
            t0 = time.perf_counter()
            generate(inbox, args.files)
            print(f"generated {args.files} workbooks in {time.perf_counter() - t0:.1f} s")
        files = sorted(inbox.glob("*.xlsx"))[: args.files]
        if len(files) != len(sorted(inbox.glob("*.xlsx"))):
            inbox2 = work / "inbox-exact"
            inbox2.mkdir()
            for f in files:
                shutil.copy(f, inbox2 / f.name)
            inbox = inbox2
        cores = os.cpu_count()
        for f in files:  # the same warm page cache for every contender
            f.read_bytes()
        warm_up(files, work)
        floors, batches, rss = [], [], []
        for _ in range(args.rounds):
            floors.append(floor(files))
            elapsed, peak = batch(inbox, work / "archive")
            batches.append(elapsed)
            rss.append(peak)
        t_floor, t_batch = statistics.median(floors), statistics.median(batches)
        rss_1 = max(rss)
        t_naive = naive(files)
        n = len(files)
        print(f"files: {n}, cores: {cores}")
        print(f"naive openpyxl loop : {t_naive:8.2f} s  ({t_naive / n * 1000:6.1f} ms/file)")
        print(f"floor (unzip+parse) : {t_floor:8.2f} s  ({t_floor / n * 1000:6.1f} ms/file)")
        print(f"forankring batch    : {t_batch:8.2f} s  ({t_batch / n * 1000:6.1f} ms/file, incl. start-up)")
        print(f"batch / floor       : {t_batch / t_floor:8.2f}  (target <= 2; medians of {args.rounds} rounds)")
        print("  per round          : " + ", ".join(f"{b / f:.2f}" for f, b in zip(floors, batches))
              + "  (floor s: " + ", ".join(f"{f:.2f}" for f in floors)
              + "; batch s: " + ", ".join(f"{b:.2f}" for b in batches) + ")")
        print(f"naive / batch       : {t_naive / t_batch:8.2f}  (target >= 10)")
        print(f"peak RSS, any process, {n} files: {rss_1:.0f} MB")
        if args.memory:
            big = work / "inbox-x10"
            for k in range(10):
                (big / f"runde{k}").mkdir(parents=True)
                for f in files:
                    os.link(f, big / f"runde{k}" / f.name)
            t_big, rss_big = batch(big, work / "archive-x10")
            print(f"forankring batch, {10 * n} files: {t_big:.1f} s; peak RSS, any process: {rss_big:.0f} MB "
                  "(target <= 150)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
