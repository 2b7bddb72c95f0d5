"""Today in Denmark: its own small module, so a command that needs the date but no checks (``påmind``,
``udsend``) does not import the rule engine and the SMART checker's dictionary with it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def today(now: dt.datetime | None = None) -> dt.date:
    """Today in Denmark (Europe/Copenhagen), whatever the machine's time zone."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return now.astimezone(COPENHAGEN).date()
