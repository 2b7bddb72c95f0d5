"""Option values every command reads the same way."""

from __future__ import annotations

import datetime as dt
from typing import Optional

import typer

from ..text.dates import parse_date_text

#: The exit codes every command uses: 0 nothing wrong, 1 findings or some files failed, 2 nothing could be read/done.
EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def date_option(text: Optional[str], option: str = "--as-of") -> dt.date | None:
    """A date option (``--as-of``, ``--forrige-pr``) through the one Danish date reader; None when not given.
    A text that is no date is said in Danish and ends the command with the 'cannot read' exit code."""
    if text is None:
        return None
    day = parse_date_text(text)
    if day is None:
        typer.echo(f"{option}: '{text}' er ikke en dato. Skriv fx 2027-03-01 eller 1-3-2027.", err=True)
        raise typer.Exit(EXIT_UNREADABLE)
    return day
