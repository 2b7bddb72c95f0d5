"""The ``forankring`` command line (typer). Parses arguments, calls the library, prints Danish."""

from __future__ import annotations

import contextlib
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import __version__
from ..findings import SEVERITY_DA
from ..io.archive import export_workbook, import_archive
from ..io.atomic import keep_existing
from ..io.outputs import OutputError, check_output, check_output_folder, distinct_json_targets, free_name
from ..io.safety import ReadError
from ..io.template import write_template
from ..text.numbers import count as n_of
from ..text.numbers import days as n_days
from ..text.shorten import shorten
from .danish import DanishCommand, DanishGroup, is_abort, is_usage_error, usage_error_text
from .options import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE
from .options import date_option as _as_of

app = typer.Typer(
    cls=DanishGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    name="forankring",
    help=("Værktøjer til forankringsplaner i Excel: skabelon, tjek og SMART-vurdering, forfaldne opfølgninger, "
          "udsendelse, batch til arkiv og oversigt, påmindelser, udvikling mellem afleveringer og JSON-arkivet."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

LITE_HELP = "Læg knapperne til xlwings Lite i projektmappen (Python kører da i Excel uden installation)."


def _err(text: str) -> None:
    typer.echo(text, err=True)


OverwriteFlag = Annotated[
    bool,
    typer.Option("--overskriv", "--force", metavar="", help="Erstat en fil, der findes i forvejen (ellers afvises den)."),
]
DEFAULT_TEMPLATE = Path("forankringsplan.xlsx")


def _writable(path: Path, kind: str, overwrite: bool, option: str = "-o", inputs=(), inbox=None) -> Path:
    """The output path policy (io/outputs.py) for one output; a refusal is printed and exits 2 before any work."""
    try:
        return check_output(path, kind, overwrite=overwrite, inputs=inputs, inbox=inbox, option=option)
    except OutputError as exc:
        _err(exc.message)
        raise typer.Exit(EXIT_UNREADABLE)


@contextlib.contextmanager
def _writing(path: Path, overwrite: bool):
    """Around a write of ``path``: no existing file is replaced unless asked, and an OS error names ``path``.

    (openpyxl builds a workbook through temporary files of its own; a full disk there came without a name.)
    """
    try:
        with keep_existing(not overwrite):
            yield
    except OSError as exc:
        if exc.filename is None and exc.errno is not None:
            raise type(exc)(exc.errno, exc.strerror or "", str(path)) from None
        raise


def _version(value: bool) -> None:
    if value:
        typer.echo(f"forankring-xl {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, metavar="", help="Vis versionen.")
    ] = False,
) -> None:
    """forankring-xl."""


@app.command(cls=DanishCommand)
def template(
    output: Annotated[
        Optional[Path],
        typer.Option("-o", "--output", metavar="FIL",
                     help="Hvor skabelonen skal gemmes (standard: forankringsplan.xlsx, eller et ledigt navn som 'forankringsplan (2).xlsx')."),
    ] = None,
    lite: Annotated[bool, typer.Option("--lite", metavar="", help=LITE_HELP)] = False,
    overwrite: OverwriteFlag = False,
) -> None:
    """Skriv en tom skabelon til en forankringsplan. En fil, der findes, overskrives ikke."""
    # no -o: the default name, or the first free one beside it; a filled plan is never replaced by a default
    target = free_name(DEFAULT_TEMPLATE) if output is None else _writable(output, "workbook", overwrite)
    with _writing(target, overwrite and output is not None):
        write_template(target, lite=lite)
    typer.echo(f"Skabelonen er gemt i {target}" + (" (med knapperne til xlwings Lite)" if lite else ""))


def _export_targets(inputs: list[Path], output: Optional[Path], overwrite: bool) -> tuple[list[Path], Optional[Path]]:
    """Each input's JSON, checked by the output policy before any is read; and a folder to create, if any.

    Refusals are all printed, then the command stops (exit 2) having written nothing.
    """
    many = len(inputs) > 1
    folder = output is not None and (
        output.is_dir() or not output.suffix or str(output).endswith(("/", os.sep))
        or (many and output.suffix.lower() != ".json")
    )
    try:
        if output is not None and many and not folder:
            raise OutputError(output, "flere planer skrives hver til sin JSON-fil; skriv en mappe efter -o.")
        create = check_output_folder(output) if folder else False
    except OutputError as exc:
        _err(exc.message)
        raise typer.Exit(EXIT_UNREADABLE)
    if output is None:
        targets = [source.with_suffix(".json") for source in inputs]
    elif folder:
        targets = [output / f"{source.stem}.json" for source in inputs]
    else:
        targets = [output]
    targets = distinct_json_targets(inputs, targets)
    refused = 0
    for target in [] if create else targets:  # a folder still to be created holds nothing to refuse
        try:
            check_output(target, "json", overwrite=overwrite, inputs=inputs, option="-o")
        except OutputError as exc:
            _err(exc.message)
            refused += 1
    if refused:
        _err("Intet er eksporteret.")
        raise typer.Exit(EXIT_UNREADABLE)
    return targets, (output if create else None)


def _unique_inputs(inputs: list[Path]) -> list[Path]:
    """The inputs, each once; one named twice is said, not silently dropped."""
    seen, unique = set(), []
    for source in inputs:
        key = os.path.normcase(os.path.abspath(source))
        if key in seen:
            _err(f"'{source}' er angivet mere end én gang; den eksporteres én gang.")
            continue
        seen.add(key)
        unique.append(source)
    return unique


@app.command("export", cls=DanishCommand)
def export_cmd(
    inputs: Annotated[list[Path], typer.Argument(metavar="PLAN.xlsx", help="En eller flere udfyldte planer (.xlsx/.xlsm).")],
    output: Annotated[
        Optional[Path],
        typer.Option("-o", "--output", metavar="FIL|MAPPE", help="JSON-fil (ved én plan) eller mappe (ved flere)."),
    ] = None,
    overwrite: OverwriteFlag = False,
) -> None:
    """Eksportér planer fra Excel til JSON-arkivformatet. En JSON-fil, der findes, overskrives ikke."""
    failed = 0
    inputs = _unique_inputs(inputs)
    targets, create = _export_targets(inputs, output, overwrite)
    if create is not None:
        create.mkdir()
        _err(f"Mappen '{create}' er oprettet.")
    for source, target in zip(inputs, targets):
        try:
            with _writing(target, overwrite):
                archive = export_workbook(source, target)
        except ReadError as exc:
            _err(exc.message)
            failed += 1
            continue
        plan = archive.plan
        rows = sum(len(s.raekker) for s in plan.sigtepunkter)
        typer.echo(
            f"{source} -> {target}: {plan.enhed or '(ingen enhed)'} · {plan.indsats or '(ingen indsats)'} · "
            f"{n_of(len(plan.sigtepunkter), 'sigtepunkt', 'sigtepunkter')}, {n_of(rows, 'række', 'rækker')}, "
            f"{len(plan.team)} i teamet"
        )
        for finding in archive.read_findings:
            typer.echo(f"  {SEVERITY_DA[finding.severity]}: {finding.where} {finding.message}")
    if failed:
        raise typer.Exit(EXIT_UNREADABLE)


@app.command("import", cls=DanishCommand)
def import_cmd(
    source: Annotated[Path, typer.Argument(metavar="ARKIV.json", help="En arkiv-JSON-fil.")],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FIL", help="Den projektmappe (.xlsx), der skal skrives.")],
    lite: Annotated[bool, typer.Option("--lite", metavar="", help=LITE_HELP)] = False,
    overwrite: OverwriteFlag = False,
) -> None:
    """Genskab en projektmappe fra en arkiv-JSON-fil. En fil, der findes, overskrives ikke."""
    _writable(output, "workbook", overwrite, inputs=[source])
    try:
        with _writing(output, overwrite):
            archive = import_archive(source, output, lite=lite)
    except ReadError as exc:
        _err(exc.message)
        raise typer.Exit(EXIT_UNREADABLE)
    typer.echo(f"{source} -> {output}: {archive.plan.enhed or '(ingen enhed)'}")




class Format(str, Enum):
    text = "text"
    json = "json"


@app.command("check", cls=DanishCommand)
def check_cmd(
    plan_file: Annotated[Path, typer.Argument(metavar="PLAN.xlsx", help="Den plan, der skal tjekkes.")],
    fmt: Annotated[Format, typer.Option("--format", help="text (læsbar tabel) eller json.")] = Format.text,
    annotate: Annotated[
        Optional[Path], typer.Option("--annotate", metavar="FIL", help="Skriv en kopi med markeringer og arket 'Tjek' hertil.")
    ] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATO", help="Dato, der tjekkes pr. (standard: i dag).")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", metavar="FIL", help="TOML-fil med egne grænser og alvor.")] = None,
    overwrite: OverwriteFlag = False,
) -> None:
    """Tjek en plan: fund med ark og celle, og en belastningsprøve.

    Exitkode 0 = ingen fejl, 1 = fejl i planen, 2 = planen kan ikke læses, eller den annoterede kopi kan ikke skrives (intet skrevet)."""
    from ..io.annotate_openpyxl import write_annotated_copy
    from ..io.reader import read_plan
    from ..rules import ConfigError, check_plan, load_config
    from .render import render_text

    if annotate is not None:
        _writable(annotate, "workbook", overwrite, option="--annotate", inputs=[plan_file])
    day = _as_of(as_of)
    try:
        cfg = load_config(config)
    except ConfigError as exc:
        _err(exc.message)
        raise typer.Exit(EXIT_UNREADABLE)
    try:
        result = read_plan(plan_file)
    except ReadError as exc:
        _err(exc.message)
        raise typer.Exit(EXIT_UNREADABLE)
    report = check_plan(result.plan, result.locator, day, cfg, result.findings, source_file=plan_file.name)
    if fmt is Format.json:
        typer.echo(report.model_dump_json(indent=2))
    else:
        titles = {
            result.locator.sheets[i]: p.titel
            for i, p in enumerate(result.plan.sigtepunkter)
            if p.titel and i < len(result.locator.sheets)
        }
        typer.echo(render_text(report, titles), nl=False)
    if annotate is not None:
        try:
            with _writing(annotate, overwrite):
                count = write_annotated_copy(plan_file, annotate, report)
        except ReadError as exc:
            _err(exc.message)
            raise typer.Exit(EXIT_UNREADABLE)
        _err(f"Annoteret kopi med {n_of(count, 'markeret celle', 'markerede celler')}: {annotate}")
    raise typer.Exit(EXIT_ERRORS if report.has_errors else EXIT_OK)


SMART_NAMES = {"S": "Specifikt", "M": "Målbart", "A": "Accepteret", "R": "Realistisk", "T": "Tidsbestemt"}


def _verdict_json(verdict) -> str:
    import json

    letters = ("S", "M", "A", "R", "T")
    data = {k: getattr(verdict, k) for k in letters}
    data.update(smart=verdict.smart, reasons={k: verdict.reasons[k] for k in letters}, suggestion=verdict.suggestion)
    return json.dumps(data, ensure_ascii=False)


def _verdict_text(text: str, verdict) -> str:
    mark = {True: "ja", False: "NEJ", None: "kan ikke vurderes"}
    lines = [f"Tekst: {text}", ""]
    for letter in ("S", "M", "A", "R", "T"):
        value = getattr(verdict, letter)
        lines.append(f"  {letter} {SMART_NAMES[letter]:<12} {mark[value]:<18} {verdict.reasons[letter]}")
    lines += ["", "SMART: " + ("ja" if verdict.smart else "nej"), verdict.suggestion]
    return "\n".join(lines)


@app.command("smart", cls=DanishCommand)
def smart_cmd(
    text: Annotated[str, typer.Argument(metavar="TEKST", help="Målet eller delmålet. Brug '-' for JSON-linjer på standard input.")],
    due: Annotated[Optional[str], typer.Option("--due", metavar="DATO", help="Dato eller frist, fx 2027-06-30 eller 'ultimo juni 2027'.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="text eller json.")] = Format.text,
    config: Annotated[Optional[Path], typer.Option("--config", metavar="FIL", help="TOML-fil med ekstra ord (afsnittet \\[lexicon]).")] = None,
) -> None:
    """Vurdér om et delmål er SMART. Med '-' læses JSON-linjer {"text": .., "due": ..} fra standard input."""
    import json

    from ..rules import ConfigError, load_config
    from ..smart.checker import default_lexicon, judge_goal
    from ..text.errors_da import JsonProblem, json_loads

    try:
        lexicon = default_lexicon().extended(load_config(config).lexicon)
    except ConfigError as exc:
        _err(exc.message)
        raise typer.Exit(EXIT_UNREADABLE)
    if text != "-":
        verdict = judge_goal(text, due, lexicon=lexicon)
        typer.echo(_verdict_json(verdict) if fmt is Format.json else _verdict_text(text, verdict))
        return
    bad = 0
    if sys.stdin is None:
        _err("Standardinput er lukket, så der er ingen JSON-linjer at læse. Send dem ind, fx med '< mål.jsonl'.")
        raise typer.Exit(EXIT_UNREADABLE)
    # JSON lines are UTF-8 whatever the system's code page (Windows would decode a pipe as cp1252); a
    # byte-order mark on the first line is allowed, and a line that is not UTF-8 is reported, not guessed
    lines = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else (x.encode("utf-8") for x in sys.stdin)
    for number, raw in enumerate(lines, start=1):
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            _err(f"Linje {number} på standardinput er ikke UTF-8; den er sprunget over. Gem filen som UTF-8.")
            typer.echo(json.dumps({"error": f"linje {number}: ikke UTF-8"}, ensure_ascii=False))
            bad += 1
            continue
        if not line.strip():
            continue
        try:
            item = json_loads(line)
            if not isinstance(item, dict) or not isinstance(item.get("text", ""), str):
                raise JsonProblem("linjen skal være et objekt med teksten i 'text'")
        except JsonProblem as exc:
            _err(f"Linje {number} på standardinput kan ikke bruges ({exc.reason}); den er sprunget over.")
            typer.echo(json.dumps({"error": f"linje {number}: ugyldig JSON"}, ensure_ascii=False))
            bad += 1
            continue
        due_value = item.get("due")
        verdict = judge_goal(item.get("text") or "", None if due_value is None else str(due_value), lexicon=lexicon)
        if fmt is Format.json:
            typer.echo(_verdict_json(verdict))
        else:
            typer.echo(_verdict_text(item.get("text") or "", verdict) + "\n")
    if bad:
        raise typer.Exit(EXIT_UNREADABLE)


def _overdue_text(items, as_of, soon: int, complete: bool = True) -> str:
    from ..overdue.items import KIND_LABELS
    from ..text.dates import format_date as day

    overdue = [i for i in items if i.overdue]
    lines = [f"Forfaldne og snart forfaldne pr. {day(as_of)}: {n_of(len(overdue), 'forfalden', 'forfaldne')}, "
             f"{len(items) - len(overdue)} inden for {n_days(soon)}", ""]
    if not items:
        # praise only when every plan was read: a plan that could not be read may hold what is overdue
        done = "Intet forfaldent. Godt gået." if complete else "Intet forfaldent i de planer, der kunne læses."
        return "\n".join(lines + [done]) + "\n"
    units: dict = {}
    for item in items:
        units.setdefault(item.plan or "(ingen enhed)", {}).setdefault(item.owner or "(ingen ansvarlig)", []).append(item)
    for unit, owners in units.items():
        lines.append(unit)
        for owner, its in owners.items():
            lines.append(f"  {owner}")
            for i in its:
                when = f"{n_days(i.days_overdue)} over" if i.overdue else ("i dag" if i.days_left == 0 else f"om {n_days(i.days_left)}")
                where = f"{i.sheet}!{i.cell}" if i.cell else (i.sheet or "")
                lines.append(f"    {when:<14} {KIND_LABELS[i.kind]:<11} {day(i.due):<11} {where:<17} {shorten(i.text, 70)}")
        lines.append("")
    return "\n".join(lines) + "\n"


@app.command("overdue", cls=DanishCommand)
def overdue_cmd(
    plans: Annotated[list[Path], typer.Argument(metavar="PLAN.xlsx", help="En eller flere planer.")],
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATO", help="Dato, der regnes fra (standard: i dag i Danmark).")] = None,
    soon: Annotated[int, typer.Option("--soon", min=0, metavar="DAGE", help="Dage frem, der tæller som snart forfaldent.")] = 14,
    fmt: Annotated[Format, typer.Option("--format", help="text eller json.")] = Format.text,
    ics: Annotated[Optional[Path], typer.Option("--ics", metavar="FIL", help="Skriv årshjulet som kalenderfil (.ics) til Outlook.")] = None,
    overwrite: OverwriteFlag = False,
) -> None:
    """Vis forfaldne og snart forfaldne delmål, mål, aktiviteter og opfølgninger – og lav et årshjul til kalenderen.

    Exitkode 0 = vist, 2 = en eller flere planer kan ikke læses (de andre vises), eller årshjulet kan ikke skrives."""
    import json

    from ..io.ics import write_calendar
    from ..io.reader import read_plan
    from ..overdue.calendar import plan_events
    from ..overdue.items import collect_items
    from ..rules import today

    if ics is not None:
        _writable(ics, "ics", overwrite, option="--ics", inputs=plans)
    day = _as_of(as_of) or today()
    loaded, failed = [], 0
    for path in plans:
        try:
            result = read_plan(path)
        except ReadError as exc:
            _err(exc.message)
            failed += 1
            continue
        loaded.append((result.plan, result.locator))
    if not loaded:
        _err("Ingen af planerne kunne læses; der er intet at vise.")
        raise typer.Exit(EXIT_UNREADABLE)
    items = collect_items(loaded, day, soon)
    if fmt is Format.json:
        typer.echo(json.dumps({"as_of": day.isoformat(), "soon_days": soon,
                               "items": [i.model_dump(mode="json", exclude_none=False) for i in items]},
                              ensure_ascii=False, indent=2))
    else:
        typer.echo(_overdue_text(items, day, soon, complete=not failed), nl=False)
    if ics is not None:
        events = [e for plan, _ in loaded for e in plan_events(plan, day)]
        with _writing(ics, overwrite):
            write_calendar(events, ics)
        _err(f"Årshjul med {n_of(len(events), 'begivenhed', 'begivenheder')} gemt i {ics}")
    if failed:
        raise typer.Exit(EXIT_UNREADABLE)


def _batch_outputs(inbox: Path, archive: Path, overview: Optional[Path], overwrite: bool) -> None:
    """The output policy for batch, before any work: the archive folder and the overview stay out of the
    inbox, the archive's parent folder exists, and an existing overview is replaced only with --overskriv."""
    try:
        if archive.resolve() == inbox.resolve() or inbox.resolve() in archive.resolve().parents:
            raise OutputError(archive, f"arkivmappen ligger i indbakken '{inbox}', som læses. Læg den uden for indbakken.")
        check_output_folder(archive)
    except OutputError as exc:
        _err(exc.message)
        raise typer.Exit(EXIT_UNREADABLE)
    if overview is not None:
        _writable(overview, "workbook", overwrite, option="--overview", inbox=inbox)


STATUS_DA = {"converted": "konverteret", "unchanged": "uændret", "failed": "FEJLET", "skipped": "sprunget over"}


@app.command("batch", cls=DanishCommand)
def batch_cmd(
    inbox: Annotated[Path, typer.Argument(metavar="INDBAKKE", help="Mappe med returnerede projektmapper (læses rekursivt).")],
    output: Annotated[Path, typer.Option("-o", "--output", metavar="MAPPE", help="Arkivmappe til JSON-filer og manifest.")],
    overview: Annotated[Optional[Path], typer.Option("--overview", metavar="FIL", help="Skriv en oversigtsprojektmappe hertil.")] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", metavar="DATO", help="Dato, der regnes fra (standard: i dag).")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", min=1, metavar="ANTAL", help="Antal processer (standard: alle kerner).")] = None,
    force: Annotated[bool, typer.Option("--force", metavar="", help="Konvertér igen, også uændrede filer.")] = False,
    overwrite: Annotated[bool, typer.Option("--overskriv", metavar="", help="Erstat en oversigt, der findes i forvejen.")] = False,
) -> None:
    """Konvertér en hel indbakke til JSON-arkiv, manifest og oversigt.

    Exitkode 0 = alt lykkedes, 1 = nogle filer fejlede (de står i manifestet og i oversigtens ark 'Fejlede filer'), 2 = kørslen kunne ikke gennemføres (fx findes indbakken ikke, eller oversigten findes i forvejen eller kunne ikke gemmes)."""
    from ..batch.runner import BatchError, BatchInterrupted, check_overview_path, run_batch
    from ..io.overview import write_overview
    from ..rules import today

    if not inbox.is_dir():
        _err(f"Indbakken '{inbox}' findes ikke eller er ikke en mappe.")
        raise typer.Exit(EXIT_UNREADABLE)
    problem = check_overview_path(overview, inbox) if overview else None
    if problem:
        _err(problem)
        raise typer.Exit(EXIT_UNREADABLE)
    _batch_outputs(inbox, output, overview, overwrite)
    day = _as_of(as_of) or today()
    exclude = [overview] if overview else []
    try:
        result = _run_batch_cli(run_batch, inbox, output, day, jobs, force, exclude)
    except BatchInterrupted as exc:
        _err(exc.message)
        raise typer.Exit(130)
    except BatchError as exc:
        _err(exc.message)
        raise typer.Exit(EXIT_UNREADABLE)
    unwritten = None
    try:
        if overview:
            with _writing(overview, overwrite):
                write_overview(overview, day, result.overview, result.records, inbox, output)
    except OSError as exc:  # the archive and its manifest are done: say so, and what was not written
        from ..text.errors_da import os_error_reason

        unwritten = (f"Oversigten '{overview}' kunne ikke gemmes: {os_error_reason(exc)}. Arkivet og manifestet er "
                     "gemt; kør batch igen med --overview et sted, hvor der kan skrives (intet konverteres igen).")
    finally:
        result.close()
    typer.echo(
        f"{n_of(len(result.records), 'fil', 'filer')}: {result.count('converted')} konverteret, {result.count('unchanged')} uændret, "
        f"{result.count('failed')} fejlet, {result.count('skipped')} sprunget over. Manifest: {output / 'manifest.jsonl'}"
        + (f" · Oversigt: {overview}" if overview and not unwritten else "")
    )
    if unwritten:
        _err(unwritten)
        raise typer.Exit(EXIT_UNREADABLE)
    raise typer.Exit(EXIT_ERRORS if result.failed else EXIT_OK)


def _run_batch_cli(run_batch, inbox, output, day, jobs, force, exclude):
    """The batch with a progress bar on a terminal, plain lines otherwise; a termination signal acts as Ctrl-C."""
    import signal

    def on_term(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term) if hasattr(signal, "SIGTERM") else None
    try:
        return _run_batch_progress(run_batch, inbox, output, day, jobs, force, exclude)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run_batch_progress(run_batch, inbox, output, day, jobs, force, exclude):
    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(TextColumn("Konverterer"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                            console=Console(stderr=True))
        with progress:
            bar = progress.add_task("batch", total=None)

            def on_done(done, total, record):
                progress.update(bar, completed=done, total=total)
                if record["status"] == "failed":
                    progress.console.print(f"FEJLET {record['path']}: {record['reason']}")

            return run_batch(inbox, output, day, jobs, force, exclude, on_done, progress.console.print)

    def on_done(done, total, record):
        reason = f": {record['reason']}" if record["reason"] else ""
        typer.echo(f"[{done}/{total}] {STATUS_DA[record['status']]} {record['path']}{reason}")

    return run_batch(inbox, output, day, jobs, force, exclude, on_done, _err)


addin_app = typer.Typer(cls=DanishGroup, help="Tilføjelsesprogrammet (båndet 'Forankring') til Excel.", no_args_is_help=True)
app.add_typer(addin_app, name="addin")


@addin_app.command("build", cls=DanishCommand)
def addin_build(
    output: Annotated[Path, typer.Option("-o", "--output", metavar="FIL", help="Hvor Forankring.xlam skal gemmes.")] = Path("Forankring.xlam"),
    python: Annotated[str | None, typer.Option("--python", metavar="STI", help=(
        "Den Python, knapperne skal bruge på brugernes maskiner (fx C:\\Python311\\python.exe). "
        "Standard: den Python, der bygger."))] = None,
    overwrite: OverwriteFlag = False,
) -> None:
    """Byg Forankring.xlam med fanen 'Forankring' og dens VBA."""
    from ..excel.addin import build_addin

    _writable(output, "addin", overwrite)
    with _writing(output, overwrite):
        build_addin(output, interpreter=python)
    typer.echo(f"Tilføjelsesprogrammet er gemt i {output}")


@addin_app.command("install", cls=DanishCommand)
def addin_install() -> None:
    """Læg Forankring.xlam, hvor Excel indlæser den (Windows og macOS), og tjek Python og xlwings."""
    from ..excel.install import InstallError, install

    try:
        for line in install():
            typer.echo(line)
    except InstallError as exc:
        _err(str(exc))
        raise typer.Exit(EXIT_UNREADABLE)


from .cycle import register as _register_cycle  # noqa: E402  (udsend, påmind)

_register_cycle(app)

from .udvikling import register as _register_udvikling  # noqa: E402  (udvikling)

_register_udvikling(app)


def _safe_output() -> None:
    """Output that goes to a file or a pipe is UTF-8 (a report, JSON); a console gets what it can show.

    On Windows a redirected stream defaults to the ANSI code page (cp1252), which has no '→': without
    this, `forankring check plan.xlsx > rapport.txt` stopped with an encoding error.
    """
    for stream in (sys.stdout, sys.stderr):
        if not hasattr(stream, "reconfigure"):
            continue
        try:
            if not stream.isatty() and (stream.encoding or "").replace("-", "").lower() != "utf8":
                stream.reconfigure(encoding="utf-8")
            else:
                stream.reconfigure(errors="replace")
        except (OSError, ValueError):
            pass


def run() -> None:
    """Console entry point: Danish usage errors, and never a traceback to the user."""
    _safe_output()
    try:
        _run()
        code = 0
    except SystemExit as done:
        code = done.code
    sys.exit(_flush_stdout(code))


def _flush_stdout(code):
    """Flush what the command printed; a full disk or a closed pipe behind stdout is said in Danish, once.

    Without this, Python's own flush at exit printed "Exception ignored … No space left on device".
    """
    if sys.stdout is None:  # started with stdout closed: the result went nowhere, and that is said
        _err("Standardoutput er lukket, så resultatet kunne ikke vises.")
        return code
    try:
        sys.stdout.flush()
        return code
    except OSError as exc:
        from ..text.errors_da import os_error_reason

        if not isinstance(exc, BrokenPipeError):  # `forankring … | head` closing early is no error
            _err(f"Resultatet kunne ikke skrives til standardoutput: {os_error_reason(exc)}.")
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # nothing left for the exit-time flush to fail on
        except (OSError, ValueError):
            pass
        return code if isinstance(exc, BrokenPipeError) else EXIT_UNREADABLE


def _run() -> None:
    try:
        code = app(standalone_mode=False)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _err("Afbrudt.")
        sys.exit(130)
    except OSError as exc:
        from ..text.errors_da import os_error_message

        if exc.filename is None and _flush_stdout(0) != 0:
            sys.exit(EXIT_UNREADABLE)  # it was stdout that failed, and that is said
        _err(os_error_message(exc))
        sys.exit(EXIT_UNREADABLE)
    except Exception as exc:  # last line of defence; report, don't dump a traceback
        if type(exc).__name__ == "NoArgsIsHelpError":
            sys.exit(2)  # the help is already shown
        if is_usage_error(exc):
            _err(usage_error_text(exc))
            sys.exit(2)
        if is_abort(exc):
            _err("Afbrudt.")
            sys.exit(1)
        _err(f"Uventet fejl ({type(exc).__name__}: {exc}). Kontakt udviklerne og vedlæg filen.")
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)
