"""Tidsplan: dates that exist, can be read, and fit together.

Every date cell is read by the one date-cell reader (``text/datecell.py``). A period with a year
("August 2027", "2026-2028") is a date range: a deadline is its end, a start its beginning, and two
cells conflict only when the whole of one lies on the wrong side of the other. Time text without a year
gets a question about the year; text that names no time is unreadable.
"""

from __future__ import annotations

import datetime as dt

from ..findings import Severity
from ..model import DateText, Raw, cell_interval
from ..text.datecell import ONGOING_LABELS, describe, is_ongoing, ongoing_message, unreadable_message
from ..text.timeexpr import find_time_expressions
from .base import FIELD_LABELS, Context, Dimension, check, fmt, iter_rows, row_label, rule

DATE_INVALID = rule("DATE_INVALID", Severity.ERROR, Dimension.TIDSPLAN, "En dato kan ikke læses")
DATE_NO_YEAR = rule("DATE_NO_YEAR", Severity.WARNING, Dimension.TIDSPLAN, "En dato uden årstal")
DATE_ONGOING = rule("DATE_ONGOING", Severity.INFO, Dimension.TIDSPLAN, "En aktivitet uden fast start eller slut ('løbende')")
DATE_START_ONLY = rule("DATE_START_ONLY", Severity.WARNING, Dimension.TIDSPLAN,
                       "En frist, der kun siger, hvornår noget begynder ('fra 1. marts 2027')")
DATE_AS_TEXT = rule("DATE_AS_TEXT", Severity.INFO, Dimension.TIDSPLAN, "Datoer skrevet som tekst")
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
FRONT_DATES = ("periode_start", "periode_slut", "godkendt_dato")
FOLLOWUP_DATES_LABEL = "Faste opfølgningsdatoer"
#: Cells that name a deadline: there a text that only says when something begins ("Fra 1. marts 2027") names none
DEADLINE_LABELS = frozenset({*(FIELD_LABELS[k] for k in ("slut", "delmaal_dato", "maal_dato", "periode_slut")),
                             FOLLOWUP_DATES_LABEL})


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def shown(value: object) -> str:
    """A date cell's value as a message shows it: a date as 1-3-2027, time text as written."""
    if isinstance(value, dt.date):
        return fmt(value)
    return f"'{value}'"


def date_cells(ctx: Context):
    """(where, label, value) for every filled date cell of the plan, in reading order."""
    plan = ctx.plan
    for key in FRONT_DATES:
        value = getattr(plan, key)
        if value is not None:
            yield ctx.locator.plan_field(key), FIELD_LABELS[key], value
    for s, point in enumerate(plan.sigtepunkter):
        for r, row in enumerate(point.raekker):
            for key in (*ROW_DATES, "sidst_fulgt_op"):
                value = getattr(row, key)
                if value is not None:
                    yield ctx.row_at(s, r, key), FIELD_LABELS[key], value
        for k, value in enumerate(point.opfoelgning.datoer):
            yield ctx.locator.get(("opf_dato", s, k)), FOLLOWUP_DATES_LABEL, value


def has_deadline_text(text: str | None) -> bool:
    """The goal's own text fixes when, with a year ("inden sommerferien 2027", "i 2030"): then its empty
    date cell is no separate problem. "i foråret" alone leaves the year open, and the date is missing."""
    return bool(text) and any(span.is_deadline and span.year_given and span.end is not None
                              for span in find_time_expressions(text, None, 2000))


@check
def readable_dates(ctx: Context):
    """Unreadable date cells (error), time text without a year (a question), and one note for the rest."""
    as_text: list[tuple[tuple, str, DateText]] = []
    no_year_followup: dict[str, list[tuple[tuple, DateText]]] = {}
    for where, label, value in date_cells(ctx):
        if isinstance(value, Raw) and label in ONGOING_LABELS and is_ongoing(value.raw):
            message, suggestion = ongoing_message(label, value.raw)
            yield ctx.finding(DATE_ONGOING, where, label, message, suggestion)
        elif isinstance(value, Raw):
            message, suggestion = unreadable_message(label, value.raw)
            yield ctx.finding(DATE_INVALID, where, label, message, suggestion)
        elif isinstance(value, DateText) and label in DEADLINE_LABELS and value.cell.starts_only:
            # the same reading as SMART T and overdue: a start, so no deadline is computed from it
            yield ctx.finding(
                DATE_START_ONLY, where, label,
                f"{label}: '{value.tekst}' siger kun, hvornår det begynder – ikke hvornår det skal være sket. "
                "Der regnes ingen frist ud fra den.",
                "Skriv datoen eller perioden, hvor det skal være sket, fx 'senest 1-3-2027' eller 'marts–juni 2027'.",
            )
        elif isinstance(value, DateText) and value.art == "uden_aar":
            if label == FOLLOWUP_DATES_LABEL:  # an årshjul of months: one question per sigtepunkt
                no_year_followup.setdefault(where[0] or "", []).append((where, value))
                continue
            yield ctx.finding(
                DATE_NO_YEAR, where, label,
                f"{label}: '{value.tekst}' siger ikke, hvilket år. Der regnes ikke frister ud fra den.",
                f"Skriv årstallet med, fx '{value.tekst} 2027', eller en dato.",
            )
        elif isinstance(value, DateText):
            as_text.append((where, label, value))
    for cells in no_year_followup.values():
        texts = ", ".join(f"'{v.tekst}'" for _, v in cells)
        yield ctx.finding(
            DATE_NO_YEAR, cells[0][0], FOLLOWUP_DATES_LABEL,
            f"{FOLLOWUP_DATES_LABEL}: {texts} siger ikke, hvilket år. Der regnes ikke frister ud fra dem.",
            "Skriv datoerne med årstal, fx 15-9-2027, så næste opfølgning kan findes.",
        )
    if as_text:
        where, label, first = as_text[0]
        if first.art == "periode":
            example = f"'{first.tekst}' i {label} er læst som {describe(first.cell)}"
        else:
            example = f"'{first.tekst}' i {label} er en frist regnet fra en hændelse og giver ingen dato"
        count = "En datocelle er" if len(as_text) == 1 else f"{len(as_text)} datoceller er"
        yield ctx.finding(
            DATE_AS_TEXT, where, label,
            f"{count} skrevet som tekst (fx {example}). En periode tæller til sin sidste dag. "
            "Excels egen røde markering af overskredne frister virker kun på rigtige datoer.",
            "Skriv en rigtig dato, så Excels røde markering virker.",
        )


@check
def plan_period(ctx: Context):
    start, end = cell_interval(ctx.plan.periode_start), cell_interval(ctx.plan.periode_slut)
    for key, value in (("periode_start", ctx.plan.periode_start), ("periode_slut", ctx.plan.periode_slut)):
        if value is None:
            label = FIELD_LABELS[key]
            yield ctx.finding(
                PLAN_PERIOD_MISSING, ctx.locator.plan_field(key), label,
                f"{label} er ikke udfyldt.", "Skriv planperiodens første og sidste dag på forsiden.",
            )
    if start and end and end[1] < start[0]:
        yield ctx.finding(
            PLAN_PERIOD_REVERSED, ctx.locator.plan_field("periode_slut"), "Planperiode slut",
            f"Planperiode slut ({shown(ctx.plan.periode_slut)}) ligger før planperiode start "
            f"({shown(ctx.plan.periode_start)}).",
            "Ret en af de to datoer.",
        )


@check
def row_dates(ctx: Context):
    plan = ctx.plan
    period_start, period_end = cell_interval(plan.periode_start), cell_interval(plan.periode_slut)
    # the plan period runs from the start cell's first day to the end cell's last day
    start_p = period_start[0] if period_start else None
    end_p = period_end[1] if period_end else None
    if start_p and end_p and end_p < start_p:
        start_p = end_p = None  # a reversed period is reported once, not for every date
    horizon = _add_years(ctx.as_of, ctx.config.thresholds.max_years_ahead)
    for s, r, res in iter_rows(plan):
        row = res.row
        # a missing date is one finding; when the goal's text says when, the goal has a time limit
        if row.delmaal and row.delmaal_dato is None and not has_deadline_text(row.delmaal):
            yield ctx.finding(
                DELMAAL_NO_DATE, ctx.row_at(s, r, "delmaal_dato"), "Delmål dato",
                f"Delmål dato mangler i {row_label(r)}: delmålet har ingen dato.",
                "Skriv datoen, hvor delmålet skal være nået.",
            )
        if row.maal and row.maal_dato is None and not has_deadline_text(row.maal):
            yield ctx.finding(
                MAAL_NO_DATE, ctx.row_at(s, r, "maal_dato"), "Mål dato",
                f"Mål dato mangler i {row_label(r)}: målet har ingen dato.",
                "Skriv datoen, hvor målet skal være nået.",
            )
        # two cells conflict only when the whole of one period lies on the wrong side of the other
        start, end = cell_interval(row.start), cell_interval(row.slut)
        delmaal, maal = cell_interval(row.delmaal_dato), cell_interval(res.maal_dato)
        if start and end and end[1] < start[0]:
            yield ctx.finding(
                ACTIVITY_END_BEFORE_START, ctx.row_at(s, r, "slut"), "Slut",
                f"Slut ({shown(row.slut)}) ligger før Start ({shown(row.start)}) i {row_label(r)}.",
                "Ret start- eller slutdatoen for aktiviteten.",
            )
        if delmaal and maal and res.maal and delmaal[0] > maal[1]:
            yield ctx.finding(
                DELMAAL_AFTER_MAAL, ctx.row_at(s, r, "delmaal_dato"), "Delmål dato",
                f"Delmål dato ({shown(row.delmaal_dato)}) ligger efter målets dato ({shown(res.maal_dato)}).",
                "Et delmål er et skridt på vejen: læg det før målet, eller flyt målets dato.",
            )
        if delmaal and start and delmaal[1] < start[0]:
            yield ctx.finding(
                DELMAAL_BEFORE_ACTIVITY, ctx.row_at(s, r, "delmaal_dato"), "Delmål dato",
                f"Delmål dato ({shown(row.delmaal_dato)}) ligger før aktiviteten starter ({shown(row.start)}).",
                "Læg delmålet efter aktivitetens start, eller ret startdatoen.",
            )
        for key in ROW_DATES:
            value = getattr(row, key)
            span = cell_interval(value)
            if span is None:
                continue
            label = FIELD_LABELS[key]
            if start_p and span[1] < start_p:
                yield ctx.finding(
                    DATE_BEFORE_PLAN_START, ctx.row_at(s, r, key), label,
                    f"{label} ({shown(value)}) ligger før planperioden starter ({fmt(start_p)}).",
                    "Flyt datoen ind i planperioden, eller ret planperioden på forsiden.",
                )
            elif end_p and span[0] > end_p:
                yield ctx.finding(
                    DATE_AFTER_PLAN_END, ctx.row_at(s, r, key), label,
                    f"{label} ({shown(value)}) ligger efter planperioden slutter ({fmt(end_p)}).",
                    "Flyt datoen ind i planperioden, eller forlæng planperioden på forsiden.",
                )
            if span[0] > horizon:
                yield ctx.finding(
                    DATE_FAR_AHEAD, ctx.row_at(s, r, key), label,
                    f"{label} ({shown(value)}) ligger mere end {ctx.config.thresholds.max_years_ahead} år ude i fremtiden.",
                    "Tjek årstallet; del målet op i delmål, der kan nås inden for planperioden.",
                )
