"""Realism: one person cannot carry too many activities at the same time."""

from __future__ import annotations

from collections import defaultdict

from ..findings import Severity
from ..model import is_closed
from ..text.names import classify_owner, person_key
from .base import Context, Dimension, check, fmt, iter_rows, real_date, rule

OWNER_OVERLOADED = rule("OWNER_OVERLOADED", Severity.WARNING, Dimension.TIDSPLAN, "En person har for mange aktiviteter på samme tid")


def max_overlap(intervals: list[tuple]) -> list[tuple]:
    """The largest set of intervals (start, end, payload) that all share one day."""
    best: list[tuple] = []
    for start, _, _ in intervals:
        live = [iv for iv in intervals if iv[0] <= start <= iv[1]]
        if len(live) > len(best):
            best = live
    return best


def busiest_by_owner(ctx: Context) -> dict[str, tuple[str, list[tuple]]]:
    """For each owner: their name as written and the largest set of their activities running at once."""
    groups = ctx.config.group_words()
    leads = ctx.config.words.lead_words
    by_owner: dict[str, list[tuple]] = defaultdict(list)
    names: dict[str, str] = {}
    for s, r, res in iter_rows(ctx.plan):
        row = res.row
        start, end = real_date(row.start), real_date(row.slut)
        if not (row.aktivitet and start and end and start <= end) or is_closed(row.status):
            continue
        for person in classify_owner(row.ansvarlig, groups, leads).people:
            key = person_key(person)
            names.setdefault(key, person)
            by_owner[key].append((start, end, (s, r)))
    return {key: (names[key], max_overlap(sorted(intervals))) for key, intervals in by_owner.items()}


def overloaded_owners(ctx: Context) -> set[str]:
    limit = ctx.config.thresholds.max_overlapping_activities
    return {key for key, (_, busiest) in busiest_by_owner(ctx).items() if len(busiest) > limit}


@check
def overload(ctx: Context):
    limit = ctx.config.thresholds.max_overlapping_activities
    for key, (name, busiest) in busiest_by_owner(ctx).items():
        if len(busiest) > limit:
            day = max(iv[0] for iv in busiest)
            s, r = busiest[0][2]
            rows = ", ".join(f"{ctx.sheet_of(bs)} række {br + 1}" for _, _, (bs, br) in busiest)
            yield ctx.finding(
                OWNER_OVERLOADED, ctx.row_at(s, r, "ansvarlig"), "Ansvarlig",
                f"{name} har {len(busiest)} aktiviteter i gang på samme tid (fx {fmt(day)}): {rows}. "
                f"Grænsen er {limit}.",
                "Fordel aktiviteterne på flere personer, eller læg dem efter hinanden.",
            )
