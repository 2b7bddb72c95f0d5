"""Writes the follow-up calendar as an iCalendar file (RFC 5545) with the icalendar package."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar, Event as VEvent

from .. import __version__
from ..overdue.calendar import Event
from .atomic import atomic_write_bytes


def calendar_bytes(events: list[Event], stamp: dt.datetime | None = None) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//forankring-xl//{__version__}//DA")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "Forankring – årshjul")
    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    for e in events:
        ev = VEvent()
        ev.add("uid", e.uid)
        ev.add("dtstamp", stamp)
        ev.add("dtstart", e.day)  # all-day: a date, so no time zone or daylight-saving shift
        ev.add("dtend", e.day + dt.timedelta(days=1))
        ev.add("summary", e.summary)
        ev.add("description", e.description)
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    return cal.to_ical()


def write_calendar(events: list[Event], path: Path) -> None:
    atomic_write_bytes(Path(path), calendar_bytes(events))
