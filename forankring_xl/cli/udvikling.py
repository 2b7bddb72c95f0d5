"""``forankring udvikling``: what moved between two returns of a plan, or across a batch archive.

The comparison is ``progress/`` (pure); files come in through ``io/progress.py``; a JSON file goes out only
through the output path policy (``io/outputs.py``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..text.dates import format_date
from ..text.numbers import count
from ..text.shorten import shorten
from .danish import DanishCommand
from .options import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, date_option

KIND_DA = {"delmål": "Delmål", "mål": "Mål", "aktivitet": "Aktivitet", "opfølgning": "Opfølgning"}


def _err(text: str) -> None:
    typer.echo(text, err=True)


def _short(text: str | None, width: int = 70) -> str:
    return shorten(text, width)


def _where(sigtepunkt: str | None, row: int | None = None) -> str:
    parts = [x for x in (sigtepunkt, f"række {row}" if row else None) if x]
    return f" ({', '.join(parts)})" if parts else ""


def _shown_date(text: str | None) -> str:
    """A date cell as the text shows it: a real date in Danish form (the JSON keeps ISO), other text as typed."""
    if not text:
        return "(tom)"
    try:
        return format_date(dt.date.fromisoformat(text))
    except ValueError:
        return text


def _share(s) -> str:
    if not s.delmaal:
        return "ingen delmål"
    return f"{round(100 * s.smart / s.delmaal)} % ({s.smart} af {s.delmaal})"


def _days(n: int | None) -> str:
    if n is None:
        return "kan ikke regnes i dage"
    if n == 0:
        return "samme dag"
    return f"{count(abs(n), 'dag', 'dage')} {'senere' if n > 0 else 'tidligere'}"


def render_development(dev) -> str:
    """The Danish text report of one comparison."""
    unit = dev.enhed or "(enhed ikke udfyldt)"
    out = [f"Udvikling for {unit}" + (f" ({dev.kommune})" if dev.kommune else "")]
    if not dev.compared:
        out.append(f"Ikke sammenlignet: {dev.reason}")
        return "\n".join(out) + "\n"
    out.append(f"Før: {dev.gammel or 'gammel version'}, pr. {format_date(dev.gammel_pr)}")
    out.append(f"Nu:  {dev.ny or 'ny version'}, pr. {format_date(dev.ny_pr)}")
    out.append("")

    def section(title: str, lines: list[str]) -> None:
        if lines:
            out.append(f"{title} ({len(lines)}):")
            out.extend(f"  - {line}" for line in lines)
            out.append("")

    section("Nået siden sidst", [f"{KIND_DA[r.art]}: {_short(r.tekst)}{_where(r.sigtepunkt, r.raekke)}"
                                 + (" – ny række" if r.ny_raekke else "") for r in dev.naaet])
    section("Nye forfaldne", [f"{KIND_DA[x.art]}: {_short(x.tekst)}{_where(x.sigtepunkt)} – frist {format_date(x.frist)}, "
                              f"{count(x.dage_over, 'dag', 'dage')} over" + (f", ansvarlig: {x.ansvarlig}" if x.ansvarlig else "")
                              for x in dev.nye_forfaldne])
    section("Ikke længere forfaldne", [f"{KIND_DA[x.art]}: {_short(x.tekst)}{_where(x.sigtepunkt)} – {x.hvorfor}"
                                       for x in dev.ikke_laengere_forfaldne])
    section("Datoer flyttet", [f"{m.felt}: {_shown_date(m.foer)} → {_shown_date(m.efter)} ({_days(m.dage)})"
                               + (f" – {_short(m.tekst, 50)}" if m.tekst else "") + _where(m.sigtepunkt)
                               for m in dev.datoer_flyttet])
    section("Ansvarlige skiftet", [f"{o.felt}: '{o.foer or '(tom)'}' → '{o.efter or '(tom)'}'"
                                   + (f" – {_short(o.tekst, 50)}" if o.tekst else "") + _where(o.sigtepunkt)
                                   for o in dev.ansvarlige_skiftet])
    section("Rækker tilføjet", [f"{_short(r.tekst)}{_where(r.sigtepunkt, r.raekke)}" for r in dev.raekker_tilfoejet])
    section("Rækker fjernet", [f"{_short(r.tekst)}{_where(r.sigtepunkt, r.raekke)}" for r in dev.raekker_fjernet])
    section("Omformuleret (samme række, ny tekst)", [f"'{_short(r.foer, 45)}' → '{_short(r.efter, 45)}'{_where(r.sigtepunkt)}"
                                                     for r in dev.omformuleret])
    section("Sigtepunkter", [f"{p.hvad}: " + (f"'{p.foer}' → '{p.efter}'" if p.hvad == "omdøbt" else f"'{p.foer or p.efter}'")
                             for p in dev.sigtepunkter])

    def letters(x: list[str]) -> str:
        return ", ".join(x) if x else "intet"

    section("SMART-kvalitet ændret", [f"{'bedre' if c.retning == 'op' else 'dårligere'}: {_short(c.tekst)}"
                                      f"{_where(c.sigtepunkt, c.raekke)} – manglede {letters(c.foer)}, mangler nu {letters(c.efter)}"
                                      for c in dev.smart_aendringer])
    if dev.unchanged:
        out += ["Ingen ændringer i rækker, status, datoer, ansvarlige eller forfaldne punkter.", ""]
    out.append(f"SMART-delmål: {_share(dev.smart_foer)} → {_share(dev.smart_efter)}")
    out.append("Belastningsprøve, før → nu:")
    for d in dev.belastning:
        before = "-" if d.foer is None else d.foer
        after = "-" if d.efter is None else d.efter
        out.append(f"  {d.dimension.capitalize():<27} {before:>3} → {after:>3}  ({d.vurdering_foer} → {d.vurdering_efter})")
    total = ["-" if x is None else x for x in (dev.belastning_samlet_foer, dev.belastning_samlet_efter)]
    out.append(f"  {'Samlet':<27} {total[0]:>3} → {total[1]:>3}")
    return "\n".join(out) + "\n"


def render_archive_line(entry) -> str:
    dev = entry.development
    name = entry.source or entry.name
    if dev is None:
        return f"{name}: {entry.note}"
    unit = dev.enhed or "(enhed ikke udfyldt)"
    if not dev.compared:
        return f"{name} ({unit}): ikke sammenlignet – {dev.reason}"
    s = dev.summary()
    parts = [f"nået {s.reached}", f"nye forfaldne {s.newly_late}", f"ikke længere forfaldne {s.no_longer_late}",
             f"datoer flyttet {s.dates_moved}", f"ansvarlige skiftet {s.owners_changed}",
             f"rækker tilføjet {s.rows_added}", f"rækker fjernet {s.rows_removed}",
             f"SMART-delmål {_share(dev.smart_foer)} → {_share(dev.smart_efter)}"]
    total = ["-" if x is None else x for x in (s.stress_before, s.stress_after)]
    parts.append(f"belastningsprøve {total[0]} → {total[1]}")
    return f"{name} ({unit}, siden {format_date(s.previous_as_of)}): " + ", ".join(parts)


def udvikling(
    files: Annotated[list[Path], typer.Argument(metavar="GAMMEL NY | ARKIV", show_default=False,
                                                help="To versioner af en plan (returneret .xlsx eller arkiv-.json), "
                                                     "eller batch-arkivet (mappen med manifest.jsonl).")],
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATO", help="Dato, den nye version vurderes pr. (standard: i dag i Danmark).")] = None,
    previous_as_of: Annotated[Optional[str], typer.Option("--forrige-pr", metavar="DATO", help=(
        "Dato, den gamle version vurderes pr. (standard: den dag, en arkiv-JSON blev gemt, ellers samme som --as-of)."))] = None,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Skriv resultatet som JSON i stedet for tekst.")] = False,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", metavar="FIL", help="Gem resultatet som JSON i denne fil (.json).")] = None,
    overwrite: Annotated[bool, typer.Option("--overskriv", "--force", metavar="", help="Erstat en fil, der findes i forvejen.")] = False,
) -> None:
    """Vis, hvad der har flyttet sig mellem to afleveringer af en plan: nåede delmål og mål, nye og afklarede forfaldne, flyttede datoer, skiftede ansvarlige, tilføjede og fjernede rækker, SMART-kvalitet og belastningsprøven før og nu.

    Rækkerne kobles efter deres tekst, så indsatte, flyttede og let omformulerede rækker genkendes. To versioner med forskelligt Enheds-ID (eller fra to forskellige enheder) sammenlignes aldrig.

    Med ét argument, batch-arkivet, sammenlignes hver plan med sin seneste tidligere version i arkivet. Exitkode 0 = sammenlignet, 1 = ikke sammenlignet (forskellige enheder) eller en tidligere version kunne ikke læses (også en plan på en beskadiget linje i arkivets manifest), 2 = en fil kan ikke læses (også et arkiv, hvis manifest er tomt eller beskadiget).
    """
    from ..batch.runner import failed_returns, manifest_trouble
    from .cycle import none_read
    from ..io.outputs import OutputError, check_output
    from ..io.atomic import atomic_write_text, keep_existing
    from ..io.progress import archive_progress, is_archive, load_version
    from ..io.safety import ReadError, Skipped
    from ..progress import compare
    from ..rules import today

    day = date_option(as_of, "--as-of") or today()
    old_day = date_option(previous_as_of, "--forrige-pr")
    if len(files) not in (1, 2):
        _err(f"Angiv to versioner af en plan (GAMMEL NY) eller ét batch-arkiv, ikke {len(files)} filer.")
        raise typer.Exit(EXIT_UNREADABLE)
    if output is not None:
        try:
            check_output(output, "json", overwrite=overwrite, inputs=files)
        except OutputError as exc:
            _err(exc.message)
            raise typer.Exit(EXIT_UNREADABLE)

    if len(files) == 1:
        folder = files[0]
        if not is_archive(folder):
            _err(f"'{folder}' er ikke et batch-arkiv (en mappe med manifest.jsonl). Angiv to versioner af en plan "
                 "(GAMMEL NY) eller arkivmappen fra 'forankring batch'.")
            raise typer.Exit(EXIT_UNREADABLE)
        trouble = manifest_trouble(folder)
        if trouble is not None and trouble.fatal:  # emptied or damaged: not one plan can be told to be current
            _err(trouble.message)
            raise typer.Exit(EXIT_UNREADABLE)
        if trouble is not None:
            _err(trouble.message)
        entries, skipped = archive_progress(folder, day)
        failed = failed_returns(folder)  # a plan whose newest return the batch could not read: not compared
        for exc in failed:
            _err(exc.message)
        for name, why in skipped:  # not one of the archive's current plans (see batch.runner.current_archives)
            _err(Skipped(folder / name, why).skipped)
        if failed and not entries:
            where = f"arkivet '{folder}'"
            _err(f"{none_read(len(failed), where)} ved sidste batch, så der er intet at sammenligne.")
            raise typer.Exit(EXIT_UNREADABLE)
        payload = [{"arkiv": e.name, "kildefil": e.source, "forrige": e.previous, "bemaerkning": e.note,
                    "udvikling": None if e.development is None else e.development.model_dump(mode="json")}
                   for e in entries]
        # the record of the run holds the plans left out too: a JSON reader sees them, not only the screen
        payload += [{"arkiv": None, "kildefil": exc.path, "forrige": None, "bemaerkning": exc.reason, "udvikling": None}
                    for exc in failed]
        text = "".join(render_archive_line(e) + "\n" for e in entries)
        compared = sum(1 for e in entries if e.development is not None and e.development.compared)
        text += (f"{count(len(entries), 'plan', 'planer')} i arkivet pr. {format_date(day)}: "
                 f"{compared} sammenlignet med en tidligere version.\n")
        bad = trouble is not None or bool(failed) or any(e.note and e.note != "ingen tidligere version i arkivet" for e in entries) or any(
            e.development is not None and not e.development.compared for e in entries)
    else:
        versions = []
        for path, when in zip(files, (old_day, day)):
            try:
                versions.append(load_version(path, when))
            except ReadError as exc:
                _err(exc.message)
                raise typer.Exit(EXIT_UNREADABLE)
        old, new = versions
        dev = compare(old, new, day)
        payload = dev.model_dump(mode="json")
        text = render_development(dev)
        bad = not dev.compared

    if output is not None:
        try:
            with keep_existing(not overwrite):
                atomic_write_text(output, json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        except OSError as exc:
            from ..text.errors_da import os_error_reason

            _err(f"Kan ikke skrive '{output}': {os_error_reason(exc)}.")
            raise typer.Exit(EXIT_UNREADABLE)
        _err(f"Udviklingen er gemt som JSON i {output}")
    if as_json:
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        typer.echo(text, nl=False)
    raise typer.Exit(EXIT_ERRORS if bad else EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("udvikling", cls=DanishCommand)(udvikling)
