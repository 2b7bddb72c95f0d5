"""HR's follow-up cycle on the command line: ``udsend`` (send plans out) and ``påmind`` (remind owners).

Registered on the main app by :func:`register`; the logic lives in ``sendout/`` (pure) and ``io/`` (files).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..findings import SEVERITY_DA, Finding, Severity
from .danish import DanishCommand
from .options import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, date_option



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
    from ..io.outputs import OutputError, check_output_folder
    from ..io.safety import ReadError
    from ..io.sendout import SEND_LIST, write_sendout
    from ..io.unitlist import read_unit_list
    from ..rules import today
    from ..sendout.units import validate_units

    try:
        check_output_folder(output)  # the output policy before anything is read
    except OutputError as exc:
        _err(exc.message)
        raise typer.Exit(EXIT_UNREADABLE)
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
        write_sendout(units, output, overwrite, inputs=(unit_list,))
    except OutputError as exc:
        _err(exc.message)
        raise typer.Exit(EXIT_UNREADABLE)
    typer.echo(f"{len(units)} planer og {SEND_LIST} er gemt i {output}")


def render_grouping(people, unassigned) -> str:
    """The name grouping HR should check: every person written more than one way, and who got no reminder."""
    lines = []
    merged = [p for p in people if len(p.spellings) > 1]
    if merged:
        lines.append("Navne, der er lagt sammen (tjek, at det er samme person):")
        for p in merged:
            lines.append(f"  {p.name}: " + ", ".join(f"'{s}'" for s in sorted(p.spellings)))
    if unassigned:
        lines.append("Ingen påmindelse, fordi der ikke står en navngiven person som ansvarlig:")
        for u in unassigned:
            lines.append(f"  '{u.owner}': {len(u.reminders)} punkt" + ("er" if len(u.reminders) != 1 else ""))
    return "\n".join(lines)


def paamind(
    source: Annotated[Path, typer.Argument(metavar="INDBAKKE_ELLER_ARKIV",
                                           help="Mappe med returnerede planer, eller batch-arkivet (mappen med manifest.jsonl).")],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="MAPPE", help="Mappe til .eml-kladderne og Påmindelser.xlsx.")],
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATO", help="Dato, der regnes fra (standard: i dag i Danmark).")] = None,
    soon: Annotated[int, typer.Option("--soon", min=0, metavar="DAGE", help="Dage frem, der tæller som snart forfaldent.")] = 14,
    sender: Annotated[str, typer.Option("--afsender", metavar="NAVN", help="Navnet under hilsenen.")] = "HR",
    overwrite: Annotated[bool, typer.Option("--overskriv", metavar="", help="Erstat filer, der allerede findes i mappen.")] = False,
) -> None:
    """Skriv én påmindelse pr. ansvarlig person med de overskredne og snart forfaldne punkter på tværs af alle planer.

    Påmindelserne er .eml-kladder, som Outlook åbner som kladde (udfyld modtageren og send selv); intet sendes af værktøjet. Påmindelser.xlsx har én linje pr. person til brevfletning, arket Navnegrupper viser, hvilke stavemåder der er lagt sammen. Filer, der ikke kunne læses, står i arket 'Fejlede filer'. Kan ingen plan læses, eller er der ingen planer, skrives intet. Exitkode 0 = skrevet (eller ingen planer at påminde om), 1 = nogle planer kunne ikke læses, 2 = intet kunne læses eller skrives (fx et arkiv med et tomt eller beskadiget manifest).
    """
    from ..io.outputs import OutputError, check_output_folder
    from ..io.safety import ReadError, Skipped
    from ..io.reminders import SHEET_FILE, SHEETS, load_sources, source_name, write_reminders
    from ..rules import today
    from ..rules.config import CheckConfig
    from ..sendout.reminders import build_reminders
    from ..text.dates import format_date
    from ..text.numbers import count

    day = date_option(as_of) or today()
    if not source.is_dir():
        _err(f"'{source}' findes ikke eller er ikke en mappe.")
        raise typer.Exit(EXIT_UNREADABLE)
    try:  # the output policy before anything is read: never inside what is read, or the next run reads it
        check_output_folder(output, inbox=source, inbox_name=source_name(source))
    except OutputError as exc:
        _err(exc.message)
        raise typer.Exit(EXIT_UNREADABLE)
    try:
        sources, errors = load_sources(source)
    except ReadError as exc:  # an archive whose manifest names no plan (emptied or damaged): nothing to remind from
        _err(exc.message)
        raise typer.Exit(EXIT_UNREADABLE)
    for exc in errors:
        _err(exc.skipped if isinstance(exc, Skipped) else exc.message)
    failed = [exc for exc in errors if not isinstance(exc, Skipped)]
    where = f"{source_name(source)} '{source}'"
    if not sources:  # an empty list would read as "nobody is late"; and it would be in the way of the next run
        if failed:
            _err(f"{none_read(len(failed), where)}, så der er ingen påmindelser at skrive. Intet er gemt i "
                 f"'{output}'. Ret eller fjern filerne ovenfor, og kør igen.")
            raise typer.Exit(EXIT_UNREADABLE)
        typer.echo(f"0 planer i {where}: ingen at påminde. Intet er gemt i '{output}'.")
        raise typer.Exit(EXIT_OK)
    config = CheckConfig()
    people, unassigned = build_reminders(sources, day, soon, config.group_words(), tuple(config.words.lead_words))
    try:
        files = write_reminders(people, unassigned, output, day, soon, sender, overwrite, source=source,
                                not_read=errors)
    except OutputError as exc:
        _err(exc.message)
        raise typer.Exit(EXIT_UNREADABLE)
    grouping = render_grouping(people, unassigned)
    if grouping:
        typer.echo(grouping)
    typer.echo(f"{count(len(sources), 'plan', 'planer')} pr. {format_date(day)}: "
               f"{count(len(files), 'påmindelse', 'påmindelser')} og {SHEET_FILE} er gemt i {output}. "
               "Intet er sendt." + (f" {count(len(failed), 'fil', 'filer')} kunne ikke læses og er ikke med "
                                    f"(se arket '{SHEETS[3]}')." if failed else ""))
    raise typer.Exit(EXIT_ERRORS if failed else EXIT_OK)


def none_read(failed: int, where: str) -> str:
    """'Ingen af de 3 filer i indbakken … kunne læses' (or the one file): påmind and udvikling on an input
    set where every file failed."""
    return (f"Den eneste fil i {where} kunne ikke læses" if failed == 1
            else f"Ingen af de {failed} filer i {where} kunne læses")


def register(app: typer.Typer) -> None:
    app.command("udsend", cls=DanishCommand)(udsend)
    app.command("påmind", cls=DanishCommand)(paamind)
