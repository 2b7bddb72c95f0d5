"""What is overdue or due soon, as of a date, and whose it is.

Items come from four places: delmål (the delmål date), mål (the mål date), activities (the end date)
and follow-up meetings (the next date derived from the opfølgning block: a frequency such as
'hver 2. måned' counted from the latest 'Sidst fulgt op' of the sigtepunkt, or from the plan start when
none is recorded, and any explicit meeting dates after it).

An item is overdue when its date is before the as-of date and its status is not closed (``model.is_closed``:
Opnået, Annulleret or a typed word saying so; the template's red marking uses the same definition); due soon when its date is from the as-of date up to ``soon`` days after it. Arithmetic is by
calendar day, on ``datetime.date`` only, so daylight-saving changes cannot move a day.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, Literal

from pydantic import BaseModel, Field

from ..layout.locator import Locator
from ..model import Plan, cell_due, cell_start, is_closed
from ..text.frequency import Frequency, parse_frequency

Kind = Literal["delmål", "mål", "aktivitet", "opfølgning"]
DEFAULT_SOON_DAYS = 14
KIND_LABELS = {"delmål": "Delmål", "mål": "Mål", "aktivitet": "Aktivitet", "opfølgning": "Opfølgning"}
KIND_ORDER = {"opfølgning": 0, "delmål": 1, "mål": 2, "aktivitet": 3}


class Item(BaseModel):
    kind: Kind
    plan: str | None = Field(None, description="The unit (enhed).")
    sigtepunkt: str | None = None
    sheet: str | None = None
    cell: str | None = None
    text: str | None = None
    owner: str | None = None
    due: dt.date
    status: str | None = None
    days_overdue: int | None = None
    days_left: int | None = None

    @property
    def overdue(self) -> bool:
        return self.days_overdue is not None


def _date(value: object, plan: Plan) -> dt.date | None:
    """The deadline a date cell names, read by the one date-cell reader: a date, or the end of a period
    with a year ('ultimo juni 2027' → 30-6-2027). Time text without a year ('september'), a relative
    deadline ('inden for 5 arbejdsdage') and unreadable text give none: no overdue from a guessed year."""
    return cell_due(value)


def all_closed(point) -> bool:
    """Every filled row of the sigtepunkt is Opnået or Annulleret: nothing is left to follow up."""
    rows = [row for row in point.raekker if not row.is_empty()]
    return bool(rows) and all(is_closed(row.status) for row in rows)


def _status(value: object) -> str | None:
    return None if value is None else str(value)


def followup_dates(plan: Plan, s: int) -> tuple[dt.date | None, Frequency | None, list[dt.date]]:
    """(base date, frequency, explicit dates) for sigtepunkt ``s``'s follow-up meetings.

    The base is the latest 'Sidst fulgt op' on the sigtepunkt's rows, or the plan start.
    """
    point = plan.sigtepunkter[s]
    recorded = [d for d in (cell_due(r.sidst_fulgt_op) for r in point.raekker) if d is not None]
    # a plan start written as a period ("2012", "primo 2027") counts from the period's end: counting from its
    # first day would make a meeting overdue on a start day the plan never named
    # ("Fra 1. februar 2027" names no deadline, only its start)
    start = cell_due(plan.periode_start) or cell_start(plan.periode_start)
    base = max(recorded) if recorded else start
    explicit = sorted(d for d in (_date(x, plan) for x in point.opfoelgning.datoer) if d)
    return base, parse_frequency(point.opfoelgning.hyppighed), explicit


def _later(day: dt.date, step) -> dt.date | None:
    """``day`` plus a calendar step, or None past the calendar's last day: plans use 31-12-9999 for 'no
    end', and a meeting after that is no meeting (it was an OverflowError that stopped the whole run)."""
    try:
        return day + step
    except (OverflowError, ValueError):
        return None


def next_followup(plan: Plan, s: int) -> tuple[dt.date | None, str | None]:
    """The next follow-up meeting after the last one recorded, and where it comes from ('hyppighed'/'dato:k')."""
    base, freq, explicit = followup_dates(plan, s)
    candidates: list[tuple[dt.date, str]] = []
    if base is not None and freq is not None and (due := _later(base, freq.step(1))) is not None:
        candidates.append((due, "hyppighed"))
    after = [(d, f"dato:{k}") for k, d in enumerate(explicit) if base is None or d > base]
    candidates += after[:1]
    if not candidates:
        return None, None
    return min(candidates)


def meetings_between(plan: Plan, s: int, first: dt.date, last: dt.date) -> list[dt.date]:
    """Every follow-up meeting date of sigtepunkt ``s`` from ``first`` to ``last`` (inclusive)."""
    base, freq, explicit = followup_dates(plan, s)
    out = {d for d in explicit if first <= d <= last}
    if base is not None and freq is not None:
        n = 1
        while True:
            day = _later(base, freq.step(n))  # from the base each time: no drift across month ends
            if day is None or day > last or day <= base:  # past the calendar, the window, or a step of 0
                break
            if day >= first:
                out.add(day)
            n += 1
    return sorted(out)


def collect_items(
    plans: list[tuple[Plan, Locator]], as_of: dt.date, soon: int = DEFAULT_SOON_DAYS, include_later: bool = False,
    next_meeting: Callable[[Plan, int], tuple[dt.date | None, str | None]] = next_followup,
) -> list[Item]:
    """Overdue and due-soon items of all ``plans``, most overdue first.

    ``next_meeting`` gives a sigtepunkt's next follow-up meeting (:func:`next_followup`); a caller that has
    worked them out already (påmind shows each item's next meeting) passes them in."""
    items: list[Item] = []
    horizon = as_of + dt.timedelta(days=min(soon, (dt.date.max - as_of).days))  # --soon 10**9 is no error

    def consider(item_kwargs: dict, due: dt.date | None, status: object) -> None:
        if due is None:
            return
        if is_closed(status):
            return
        if due < as_of:
            items.append(Item(**item_kwargs, due=due, status=_status(status), days_overdue=(as_of - due).days))
        elif due <= horizon or include_later:
            items.append(Item(**item_kwargs, due=due, status=_status(status), days_left=(due - as_of).days))

    for plan, locator in plans:
        for s, point in enumerate(plan.sigtepunkter):
            common = {"plan": plan.enhed, "sigtepunkt": point.titel or (locator.sheets[s] if s < len(locator.sheets) else None)}
            has_rows = False
            for res in point.resolved_rows():
                row, r = res.row, res.index
                if row.is_empty():
                    continue
                has_rows = True
                for kind, text, key in (("delmål", row.delmaal, "delmaal_dato"), ("aktivitet", row.aktivitet, "slut")):
                    if text:
                        sheet, cell = locator.row_field(s, r, key)
                        consider({**common, "kind": kind, "sheet": sheet, "cell": cell, "text": text,
                                  "owner": row.ansvarlig}, _date(getattr(row, key), plan), row.status)
                if row.maal:  # the mål itself, on the row where it is written
                    sheet, cell = locator.row_field(s, r, "maal_dato")
                    consider({**common, "kind": "mål", "sheet": sheet, "cell": cell, "text": row.maal,
                              "owner": row.ansvarlig}, _date(row.maal_dato, plan), row.status)
            if has_rows and not all_closed(point):  # a finished sigtepunkt has no overdue meetings
                due, source = next_meeting(plan, s)
                if due is not None:
                    if source == "hyppighed":
                        key: tuple = ("opf", s, "hyppighed")
                    else:  # the cell of that explicit date, in the order the dates were typed
                        k = next((i for i, d in enumerate(point.opfoelgning.datoer) if _date(d, plan) == due), 0)
                        key = ("opf_dato", s, k)
                    sheet, cell = locator.get(key)
                    how = point.opfoelgning.form or "opfølgningsmøde"
                    consider({**common, "kind": "opfølgning", "sheet": sheet, "cell": cell,
                              "text": f"Opfølgning: {how}", "owner": point.opfoelgning.ansvarlig}, due, None)
    items.sort(key=lambda i: (-(i.days_overdue or 0), i.days_left if i.days_left is not None else -1,
                              i.plan or "", i.sigtepunkt or "", KIND_ORDER[i.kind], i.sheet or "", i.cell or ""))
    return items
