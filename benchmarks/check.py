"""How long does checking a big plan take? Prints figures; asserts nothing.

Builds a plan with 3 sigtepunkter x 200 rows of realistic content, writes it with the
template writer, then times (median of repeated runs):
  * the rules alone (check_plan on the model, with the reader's locator), the issue's 100 ms target
  * reading the workbook (openpyxl), for context
  * read + check together, as `forankring check` does
  * with --per-check: each check function alone on the model (median), slowest first

Run: python benchmarks/check.py [--repeat N] [--per-check]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

from forankring_xl.io.reader import read_plan
from forankring_xl.io.writer import write_plan
from forankring_xl.model import Opfoelgning, Plan, PlanRow, Sigtepunkt, TeamMember
from forankring_xl.rules import check_plan

OWNERS = ["Mette Hansen", "Ole Berg", "Sara Lind", "Ahmed Yilmaz", "Ledelsen", "Kim Bach", "alle", "Pia Toft"]


def big_plan(rows: int = 200, points: int = 3) -> Plan:
    start = dt.date(2027, 1, 1)
    sigtepunkter = []
    for s in range(points):
        raekker = []
        for r in range(rows):
            begin = start + dt.timedelta(days=(r * 7) % 300)
            raekker.append(
                PlanRow(
                    formaal=f"Formål {r // 5} for sigtepunkt {s + 1}" if r % 5 == 0 else None,
                    aktivitet=f"Aktivitet {r}: læringsmøde med gennemgang af to sager",
                    ansvarlig=OWNERS[r % len(OWNERS)],
                    start=begin,
                    slut=begin + dt.timedelta(days=60),
                    delmaal=f"Mindst {r % 10 + 1} sager er gennemgået på teammødet",
                    delmaal_dato=begin + dt.timedelta(days=45 if r % 13 else 90),
                    maal="90 % af sagerne følger den nye arbejdsgang" if r % 5 == 0 else None,
                    maal_dato=begin + dt.timedelta(days=80) if r % 5 == 0 else None,
                    status=["Ikke startet", "I gang", "Forsinket", "Opnået"][r % 4],
                )
            )
        sigtepunkter.append(
            Sigtepunkt(
                titel=f"Sigtepunkt {s + 1}",
                raekker=raekker,
                opfoelgning=Opfoelgning(hyppighed="Hver 2. måned", form="Læringsmøde", informeres="Alle",
                                        ansvarlig="Mette Hansen"),
            )
        )
    return Plan(
        kommune="Fjordby Kommune", enhed="Familieafdelingen", indsats="ICS", periode_start=start,
        periode_slut=dt.date(2027, 12, 31), team=[TeamMember(navn="Mette Hansen", rolle="leder")],
        sigtepunkter=sigtepunkter,
    )


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--per-check", action="store_true", help="also time each check function alone")
    args = parser.parse_args(argv)
    plan = big_plan()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stor.xlsx"
        write_plan(plan, path)
        read_s, result = timed(lambda: read_plan(path), max(3, args.repeat // 5))
        as_of = dt.date(2027, 6, 1)
        check_s, report = timed(lambda: check_plan(result.plan, result.locator, as_of, read_findings=result.findings),
                                args.repeat)
    rows = sum(len(s.raekker) for s in plan.sigtepunkter)
    print(f"plan: {len(plan.sigtepunkter)} sigtepunkter x {rows // len(plan.sigtepunkter)} rows = {rows} rows, "
          f"{len(report.findings)} findings")
    print(f"rules only (check_plan), median of {args.repeat}: {check_s * 1000:.1f} ms   (target < 100 ms)")
    print(f"read workbook (openpyxl), median:          {read_s * 1000:.1f} ms")
    print(f"read + check:                              {(read_s + check_s) * 1000:.1f} ms")
    if args.per_check:
        from forankring_xl.rules.base import CHECKS, Context

        def one(check):  # a fresh context each time: the overdue items are computed once per context
            return list(check(Context(plan=result.plan, locator=result.locator, as_of=as_of)))

        per = sorted(((timed(lambda: one(c), args.repeat)[0], f"{c.__module__.rsplit('.', 1)[-1]}.{c.__name__}")
                      for c in CHECKS), reverse=True)
        for seconds, name in per:
            print(f"  {name:<32} {seconds * 1000:7.2f} ms")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
