"""The follow-up calendar (årshjul): future delmål dates and follow-up meetings as plain events."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from ..layout.spec import sigtepunkt_sheet_name
from ..model import Plan, is_closed
from ..text.shorten import shorten
from .items import _date, _later, all_closed, meetings_between


@dataclass(frozen=True)
class Event:
    uid: str
    day: dt.date
    summary: str
    description: str


def _uid(*parts: object) -> str:
    """Stable across exports: built from what identifies the item, never from its date or the run."""
    key = "|".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@forankring-xl"


def _short(text: str, n: int = 70) -> str:
    return shorten(text, n)


def plan_events(plan: Plan, as_of: dt.date, months: int = 12) -> list[Event]:
    """Every future delmål date, and every follow-up meeting in the next ``months`` months."""
    last = _later(as_of, relativedelta(months=months)) or dt.date.max
    unit = plan.enhed or plan.kommune or "Plan"
    ident = (plan.kommune, plan.enhed, plan.indsats)
    events: list[Event] = []
    for s, point in enumerate(plan.sigtepunkter):
        title = point.titel or sigtepunkt_sheet_name(s + 1)  # untitled: called by its sheet, as written
        for r, row in enumerate(point.raekker):
            day = _date(row.delmaal_dato, plan)
            if not row.delmaal or day is None or day < as_of or is_closed(row.status):
                continue
            events.append(Event(
                uid=_uid(*ident, s, "delmål", row.delmaal),
                day=day,
                summary=f"Delmål ({unit}): {_short(row.delmaal)}",
                description=f"Ansvarlig: {row.ansvarlig or 'ikke angivet'}\nSigtepunkt: {title}\nEnhed: {unit}\n"
                            f"Delmål: {row.delmaal}\nStatus: {row.status or 'ikke angivet'}",
            ))
        if not any(not row.is_empty() for row in point.raekker) or all_closed(point):
            continue  # no rows, or all Opnået/Annulleret: no meetings to come
        opf = point.opfoelgning
        for n, day in enumerate(meetings_between(plan, s, as_of, last)):
            events.append(Event(
                uid=_uid(*ident, s, "opfølgning", day.isoformat()),
                day=day,
                summary=f"Opfølgning ({unit}): {_short(title, 60)}",
                description=f"Ansvarlig: {opf.ansvarlig or 'ikke angivet'}\nSigtepunkt: {title}\nEnhed: {unit}\n"
                            f"Hvordan: {opf.form or 'ikke angivet'}\nHvem informeres: {opf.informeres or 'ikke angivet'}",
            ))
    return sorted(events, key=lambda e: (e.day, e.summary))
