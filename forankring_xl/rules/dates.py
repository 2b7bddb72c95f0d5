"""Tidsplan: dates that exist, can be read, and fit together."""

from __future__ import annotations

import datetime as dt

from ..findings import Severity
from ..model import Raw
from .base import FIELD_LABELS, Context, Dimension, check, fmt, iter_rows, real_date, row_label, rule

DATE_INVALID = rule("DATE_INVALID", Severity.ERROR, Dimension.TIDSPLAN, "En dato kan ikke læses")
DELMAAL_NO_DATE = rule("DELMAAL_NO_DATE", Severity.ERROR, Dimension.TIDSPLAN, "Et delmål uden dato")
MAAL_NO_DATE = rule("MAAL_NO_DATE", Severity.ERROR, Dimension.TIDSPLAN, "Et mål uden dato")
DELMAAL_AFTER_MAAL = rule("DELMAAL_AFTER_MAAL", Severity.ERROR, Dimension.TIDSPLAN, "Et delmål ligger efter sit mål")
ACTIVITY_END_BEFORE_START = rule("ACTIVITY_END_BEFORE_START", Severity.ERROR, Dimension.TIDSPLAN, "En aktivitet slutter før den starter")
DELMAAL_BEFORE_ACTIVITY = rule("DELMAAL_BEFORE_ACTIVITY_START", Severity.WARNING, Dimension.TIDSPLAN, "Et delmål ligger før aktiviteten starter")
DATE_BEFORE_PLAN_START = rule("DATE_BEFORE_PLAN_START", Severity.WARNING, Dimension.TIDSPLAN, "En dato ligger før planperioden")
DATE_AFTER_PLAN_END = rule("DATE_AFTER_PLAN_END", Severity.WARNING, Dimension.TIDSPLAN, "En dato ligger efter planperioden")
DATE_FAR_AHEAD = rule("DATE_FAR_AHEAD", Severity.WARNING, Dimension.TIDSPLAN, "En dato ligger urealistisk langt ude i fremtiden")
PLAN_PERIOD_MISSING = rule("PLAN_PERIOD_MISSING", Severity.WARNING, Dimension.TIDSPLAN, "Planperioden mangler")
PLAN_PERIOD_REVERSED = rule("PLAN_PERIOD_REVERSED", Severity.ERROR, Dimension.TIDSPLAN, "Planperioden slutter før den starter")

ROW_DATES = ("start", "slut", "delmaal_dato", "maal_dato")


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


@check
def invalid_dates(ctx: Context):
    plan = ctx.plan
    for key in ("periode_start", "periode_slut", "godkendt_dato"):
        value = getattr(plan, key)
        if isinstance(value, Raw):
            label = FIELD_LABELS[key]
            yield ctx.finding(
                DATE_INVALID, ctx.locator.plan_field(key), label,
                f"{label}: '{value.raw}' kan ikke læses som en dato.", "Skriv en gyldig dato, fx 1-3-2027.",
            )
    for s, point in enumerate(plan.sigtepunkter):
        for r, row in enumerate(point.raekker):
            for key in (*ROW_DATES, "sidst_fulgt_op"):
                value = getattr(row, key)
                if isinstance(value, Raw):
                    label = FIELD_LABELS[key]
                    yield ctx.finding(
                        DATE_INVALID, ctx.row_at(s, r, key), label,
                        f"{label}: '{value.raw}' kan ikke læses som en dato.",
                        "Skriv en gyldig dato, fx 1-3-2027 eller 1. marts 2027.",
                    )
        for k, value in enumerate(point.opfoelgning.datoer):
            if isinstance(value, Raw):
                yield ctx.finding(
                    DATE_INVALID, ctx.locator.get(("opf_dato", s, k)), "Faste opfølgningsdatoer",
                    f"Faste opfølgningsdatoer: '{value.raw}' kan ikke læses som en dato.",
                    "Skriv én gyldig dato i hver celle, fx 1-3-2027.",
                )


@check
def plan_period(ctx: Context):
    start, end = real_date(ctx.plan.periode_start), real_date(ctx.plan.periode_slut)
    for key, value in (("periode_start", ctx.plan.periode_start), ("periode_slut", ctx.plan.periode_slut)):
        if value is None:
            label = FIELD_LABELS[key]
            yield ctx.finding(
                PLAN_PERIOD_MISSING, ctx.locator.plan_field(key), label,
                f"{label} er ikke udfyldt.", "Skriv planperiodens første og sidste dag på forsiden.",
            )
    if start and end and end < start:
        yield ctx.finding(
            PLAN_PERIOD_REVERSED, ctx.locator.plan_field("periode_slut"), "Planperiode slut",
            f"Planperiode slut ({fmt(end)}) ligger før planperiode start ({fmt(start)}).",
            "Ret en af de to datoer.",
        )


@check
def row_dates(ctx: Context):
    start_p, end_p = real_date(ctx.plan.periode_start), real_date(ctx.plan.periode_slut)
    if start_p and end_p and end_p < start_p:
        start_p = end_p = None  # a reversed period is reported once, not for every date
    horizon = _add_years(ctx.as_of, ctx.config.thresholds.max_years_ahead)
    for s, r, res in iter_rows(ctx.plan):
        row = res.row
        if row.delmaal and row.delmaal_dato is None:
            yield ctx.finding(
                DELMAAL_NO_DATE, ctx.row_at(s, r, "delmaal_dato"), "Delmål dato",
                f"Delmål dato mangler i {row_label(r)}: delmålet har ingen dato.",
                "Skriv datoen, hvor delmålet skal være nået.",
            )
        if row.maal and row.maal_dato is None:
            yield ctx.finding(
                MAAL_NO_DATE, ctx.row_at(s, r, "maal_dato"), "Mål dato",
                f"Mål dato mangler i {row_label(r)}: målet har ingen dato.",
                "Skriv datoen, hvor målet skal være nået.",
            )
        start, end = real_date(row.start), real_date(row.slut)
        delmaal, maal = real_date(row.delmaal_dato), real_date(res.maal_dato)
        if start and end and end < start:
            yield ctx.finding(
                ACTIVITY_END_BEFORE_START, ctx.row_at(s, r, "slut"), "Slut",
                f"Slut ({fmt(end)}) ligger før Start ({fmt(start)}) i {row_label(r)}.",
                "Ret start- eller slutdatoen for aktiviteten.",
            )
        if delmaal and maal and res.maal and delmaal > maal:
            yield ctx.finding(
                DELMAAL_AFTER_MAAL, ctx.row_at(s, r, "delmaal_dato"), "Delmål dato",
                f"Delmål dato ({fmt(delmaal)}) ligger efter målets dato ({fmt(maal)}).",
                "Et delmål er et skridt på vejen: læg det før målet, eller flyt målets dato.",
            )
        if delmaal and start and delmaal < start:
            yield ctx.finding(
                DELMAAL_BEFORE_ACTIVITY, ctx.row_at(s, r, "delmaal_dato"), "Delmål dato",
                f"Delmål dato ({fmt(delmaal)}) ligger før aktiviteten starter ({fmt(start)}).",
                "Læg delmålet efter aktivitetens start, eller ret startdatoen.",
            )
        for key in ROW_DATES:
            value = real_date(getattr(row, key))
            if value is None:
                continue
            label = FIELD_LABELS[key]
            if start_p and value < start_p:
                yield ctx.finding(
                    DATE_BEFORE_PLAN_START, ctx.row_at(s, r, key), label,
                    f"{label} ({fmt(value)}) ligger før planperioden starter ({fmt(start_p)}).",
                    "Flyt datoen ind i planperioden, eller ret planperioden på forsiden.",
                )
            elif end_p and value > end_p:
                yield ctx.finding(
                    DATE_AFTER_PLAN_END, ctx.row_at(s, r, key), label,
                    f"{label} ({fmt(value)}) ligger efter planperioden slutter ({fmt(end_p)}).",
                    "Flyt datoen ind i planperioden, eller forlæng planperioden på forsiden.",
                )
            if value > horizon:
                yield ctx.finding(
                    DATE_FAR_AHEAD, ctx.row_at(s, r, key), label,
                    f"{label} ({fmt(value)}) ligger mere end {ctx.config.thresholds.max_years_ahead} år ude i fremtiden.",
                    "Tjek årstallet; del målet op i delmål, der kan nås inden for planperioden.",
                )
