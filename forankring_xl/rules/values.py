"""Closed lists: status, phase and role hold a value from their list."""

from __future__ import annotations

from ..findings import Severity
from ..model import Phase, Raw, Role, Status
from .base import Context, Dimension, check, rule

VALUE_NOT_IN_LIST = rule("VALUE_NOT_IN_LIST", Severity.ERROR, Dimension.MAALKVALITET, "En værdi står ikke på listen")


def _finding(ctx: Context, where, label: str, value: Raw, enum) -> object:
    allowed = ", ".join(m.value for m in enum)
    return ctx.finding(
        VALUE_NOT_IN_LIST, where, label,
        f"{label}: '{value.raw}' er ikke en gyldig værdi. Teksten er bevaret.",
        f"Vælg en af: {allowed}.",
    )


@check
def closed_lists(ctx: Context):
    plan = ctx.plan
    if isinstance(plan.fase, Raw):
        yield _finding(ctx, ctx.locator.plan_field("fase"), "Fase", plan.fase, Phase)
    for i, member in enumerate(plan.team):
        if isinstance(member.rolle, Raw):
            yield _finding(ctx, ctx.locator.get(("team", i, "rolle")), "Rolle", member.rolle, Role)
    for s, point in enumerate(plan.sigtepunkter):
        for r, row in enumerate(point.raekker):
            if isinstance(row.status, Raw):
                yield _finding(ctx, ctx.row_at(s, r, "status"), "Status", row.status, Status)
