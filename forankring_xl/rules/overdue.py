"""Opfølgning in time: overdue items are warnings, items due soon are info."""

from __future__ import annotations

from ..findings import Severity
from ..text.numbers import days
from ..text.shorten import shorten
from .base import Context, Dimension, check, fmt, rule

OVERDUE = rule("OVERDUE", Severity.WARNING, Dimension.OPFOELGNING, "En frist er overskredet")
DUE_SOON = rule("DUE_SOON", Severity.INFO, Dimension.OPFOELGNING, "En frist nærmer sig")
# a meeting has no status or date of its own to change: it is held, and the rows followed up get the day
MEETING_HINT = ("Hold opfølgningsmødet, og skriv dagen i 'Sidst fulgt op' på de rækker, I fulgte op på – "
                "eller skriv den aftalte mødedato under 'Faste opfølgningsdatoer'.")
LABELS = {"delmål": "Delmål dato", "mål": "Mål dato", "aktivitet": "Slut", "opfølgning": "Opfølgning"}


@check
def overdue(ctx: Context):
    for item in ctx.items:
        label = LABELS[item.kind]
        owner = f" Ansvarlig: {item.owner}." if item.owner else ""
        what = "Næste opfølgningsmøde" if item.kind == "opfølgning" else f"{label} for '{shorten(item.text)}'"
        if item.overdue:
            status = f", og status er '{item.status}'" if item.status else ""
            yield ctx.finding(
                OVERDUE, (item.sheet, item.cell), label,
                f"{what} ({fmt(item.due)}) er overskredet med {days(item.days_overdue)}{status}.{owner}",
                MEETING_HINT if item.kind == "opfølgning" else
                "Følg op nu: opdatér status, skriv datoen i 'Sidst fulgt op', eller sæt en ny realistisk dato.",
            )
        else:
            when = "i dag" if item.days_left == 0 else f"om {days(item.days_left)}"
            yield ctx.finding(
                DUE_SOON, (item.sheet, item.cell), label,
                f"{what} ({fmt(item.due)}) er {when}.{owner}",
                "Planlæg opfølgningen nu.",
            )
