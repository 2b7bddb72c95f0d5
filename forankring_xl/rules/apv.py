"""The legal minimum of an APV handlingsplan: problems, measures, owner, and a timetable for
carrying out and following up. A plan that lacks one of these is not weak, it is non-compliant."""

from __future__ import annotations

import re

from ..findings import Severity
from ..text.shorten import shorten
from .base import Context, Dimension, check, rule

APV_NO_PROBLEM = rule("APV_NO_PROBLEM", Severity.ERROR, Dimension.MAALKVALITET, "APV: problemet er ikke beskrevet")
APV_NO_MEASURE = rule("APV_NO_MEASURE", Severity.ERROR, Dimension.MAALKVALITET, "APV: ingen løsninger (aktiviteter)")
APV_NO_OWNER = rule("APV_NO_OWNER", Severity.ERROR, Dimension.EJERSKAB, "APV: en løsning uden ansvarlig")
APV_NO_TIMETABLE = rule("APV_NO_TIMETABLE", Severity.ERROR, Dimension.TIDSPLAN, "APV: en løsning uden tidsplan")
APV_NO_FOLLOWUP_TIMETABLE = rule("APV_NO_FOLLOWUP_TIMETABLE", Severity.ERROR, Dimension.OPFOELGNING, "APV: ingen tidsplan for opfølgning")


def is_apv(ctx: Context) -> bool:
    text = " ".join(t for t in (ctx.plan.indsats, ctx.plan.enhed) if t).casefold()
    return any(re.search(rf"\b{re.escape(w.casefold())}", text) for w in ctx.config.words.apv_words)


@check
def apv_minimum(ctx: Context):
    if not is_apv(ctx):
        return
    law = "Det er et lovkrav til en APV-handlingsplan."
    for s, point in enumerate(ctx.plan.sigtepunkter):
        rows = [(r, row) for r, row in enumerate(point.raekker) if not row.is_empty()]
        if point.is_empty():
            continue
        title_at = ctx.locator.get(("sigtepunkt", s, "titel"))
        if not (point.titel or point.beskrivelse or any(row.formaal for _, row in rows)):
            yield ctx.finding(
                APV_NO_PROBLEM, title_at, "Sigtepunkt",
                f"Problemet, som handlingsplanen skal løse, er ikke beskrevet. {law}",
                "Skriv problemet fra APV'en som sigtepunkt eller formål.",
            )
        measures = [(r, row) for r, row in rows if row.aktivitet]
        if not measures:
            yield ctx.finding(
                APV_NO_MEASURE, ctx.row_at(s, rows[0][0], "aktivitet") if rows else title_at, "Aktivitet",
                f"Der står ingen løsninger (aktiviteter) for problemet. {law}",
                "Skriv, hvad I gør ved problemet.",
            )
        for r, row in measures:
            if row.ansvarlig is None:
                yield ctx.finding(
                    APV_NO_OWNER, ctx.row_at(s, r, "ansvarlig"), "Ansvarlig",
                    f"Løsningen '{shorten(row.aktivitet)}' har ingen ansvarlig. {law}",
                    "Skriv navnet på den ansvarlige.",
                )
            if row.slut is None and row.delmaal_dato is None:
                yield ctx.finding(
                    APV_NO_TIMETABLE, ctx.row_at(s, r, "slut"), "Slut",
                    f"Løsningen '{shorten(row.aktivitet)}' har ingen tidsplan (hverken slutdato eller delmålsdato). {law}",
                    "Skriv, hvornår løsningen skal være gennemført.",
                )
        opf = point.opfoelgning
        if rows and opf.hyppighed is None and not opf.datoer:
            yield ctx.finding(
                APV_NO_FOLLOWUP_TIMETABLE, ctx.locator.get(("opf", s, "hyppighed")), "Hvor ofte følges der op",
                f"Der er ingen tidsplan for opfølgning på løsningerne. {law}",
                "Skriv, hvornår der følges op, fx faste datoer eller 'Kvartalsvis'.",
            )
