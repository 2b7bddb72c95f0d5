"""HR's follow-up cycle on the command line: ``udsend`` (send plans out) and ``påmind`` (remind owners).

Registered on the main app by :func:`register`; the logic lives in ``sendout/`` (pure) and ``io/`` (files).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..findings import SEVERITY_DA, Finding, Severity
from .danish import DanishCommand

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _err(text: str) -> None:
    typer.echo(text, err=True)


def render_findings(source: str, findings: list[Finding]) -> str:
    """Findings on a list HR wrote, one per line, with sheet and cell."""
    lines = [f"Enhedslisten {source}:"]
    width = max((len(f.where) for f in findings), default=0)
    for f in findings:
        lines.append(f"  {SEVERITY_DA[f.severity]:<9} {f.where:<{width}}  {f.message}")
        if f.suggestion:
            lines.append(f"  {'':<9} {'':<{width}}  → {f.suggestion}")
    return "\n".join(lines) + "\n"


def udsend(
    unit_list: Annotated[Path, typer.Argument(metavar="ENHEDER", help="Enhedsliste som Excel (.xlsx) eller CSV.")],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="MAPPE", help="Mappe til planerne og udsendelseslisten.")],
    overwrite: Annotated[bool, typer.Option("--overskriv", metavar="", help="Erstat filer, der allerede findes i mappen.")] = False,
) -> None:
    """Lav en udfyldt plan til hver enhed på listen og en udsendelsesliste til brevfletning.

    Forsiden er udfyldt og låst, hvor HR bestemmer (kommune, enhed, indsats, planperiode). Hver plan har et Enheds-ID, så 'batch' kan koble den returnerede plan til enheden, også når filen er omdøbt.

    Er der fejl i listen, skrives intet. Exitkode 0 = skrevet, 1 = fejl i listen, 2 = listen kan ikke læses.
    """
    from ..io.outputs_local import OutputExists
    from ..io.safety import ReadError
    from ..io.sendout import SEND_LIST, write_sendout
    from ..io.unitlist import read_unit_list
    from ..rules import today
    from ..sendout.units import validate_units

    try:
        sheet, header_row, headers, rows = read_unit_list(unit_list)
    except ReadError as exc:
        _err(exc.message)
        raise typer.Exit(EXIT_UNREADABLE)
    units, findings = validate_units(header_row, headers, rows, sheet, today())
    if findings:
        _err(render_findings(str(unit_list), findings).rstrip("\n"))
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    if errors:
        _err(f"{errors} fejl i enhedslisten. Intet er skrevet; ret listen, og kør igen.")
        raise typer.Exit(EXIT_ERRORS)
    try:
        write_sendout(units, output, overwrite)
    except OutputExists as exc:
        _err(exc.message)
        raise typer.Exit(EXIT_UNREADABLE)
    typer.echo(f"{len(units)} planer og {SEND_LIST} er gemt i {output}")


def register(app: typer.Typer) -> None:
    app.command("udsend", cls=DanishCommand)(udsend)
