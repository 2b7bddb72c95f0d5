"""Files for ``forankring påmind``: plans in from an inbox or a batch archive, drafts and a sheet out.

The drafts are ``.eml`` files built with the standard library's ``email`` package: UTF-8, a Danish
subject (RFC 2047 encoded by the library), and ``X-Unsent: 1``, which makes Outlook open the file as a
draft to complete and send. Nothing is ever sent. The recipient is left for HR to fill in: the plans
name people, not addresses.
"""

from __future__ import annotations

import binascii
import datetime as dt
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from openpyxl import Workbook

from ..batch.runner import MANIFEST, current_archives, failed_returns, manifest_trouble
from ..layout.locator import Locator
from ..layout.own_outputs import FAILED_SHEET, FAILED_STATUS, REMINDER_SHEETS
from ..sendout.reminders import Person, Source, Unassigned, message
from ..sendout.units import safe_file_stem
from .archive import load_archive
from .cell_text import shown
from .outputs import write_files
from .reader import read_plan
from .safety import ReadError, Skipped
from .template import DATE_FORMAT, HEADER_FILL, HEADER_FONT, workbook_bytes

SHEET_FILE = "Påmindelser.xlsx"
#: The list's sheets: the three that tell it apart (``layout/own_outputs``), and the files not read, so the list
#: never looks complete when it is not (the same sheet name as batch's overview).
SHEETS = (*REMINDER_SHEETS, FAILED_SHEET)
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}


def load_sources(folder: Path) -> tuple[list[Source], list[ReadError]]:
    """Plans from a batch archive (a folder with manifest.jsonl: the JSON files its manifest lists, not
    versions/) or an inbox (every workbook below it). A file that cannot be read is returned as an error, not
    fatal; a JSON the manifest does not list, and a workbook forankring wrote itself (a påmind list, a send
    list, an overview), as :class:`Skipped` with the reason. A manifest so damaged (or emptied) that no plan
    can be told to be current raises its :class:`~forankring_xl.batch.runner.ManifestTrouble`; a partly
    damaged one is returned as an error beside the plans it still names."""
    folder = Path(folder)
    sources: list[Source] = []
    errors: list[ReadError] = []
    if (folder / MANIFEST).is_file():
        trouble = manifest_trouble(folder)
        if trouble is not None and trouble.fatal:
            raise trouble
        errors += [trouble] if trouble is not None else []
        names, others = current_archives(folder)
        errors += failed_returns(folder)
        errors += [Skipped(folder / name, why) for name, why in others]
        for path in (folder / name for name in names):
            try:
                archive = load_archive(path)
            except ReadError as exc:
                errors.append(exc)
                continue
            plan = archive.plan
            sources.append(Source(archive.source_file or path.name, plan, Locator.for_layout(plan)))
        return sources, errors
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    # archive JSON without a manifest (exported plans, or an archive whose manifest is gone) is said, never
    # silently passed over: only a batch archive tells which version of each plan is the current one
    errors += [Skipped(path, "en JSON-fil læses kun fra et batch-arkiv (en mappe med manifest.jsonl); kør "
                             "'forankring batch' på de returnerede planer, og angiv arkivet")
               for path in files if path.suffix.casefold() == ".json"]
    for path in (p for p in files if p.suffix.casefold() in WORKBOOK_SUFFIXES):
        if path.name.startswith("~$"):
            continue  # Excel's lock file for an open workbook
        try:  # our own outputs (a påmind list, a send list, an overview) are refused by the reader as OwnOutput
            result = read_plan(path)
        except ReadError as exc:
            errors.append(exc)
            continue
        sources.append(Source(str(path.relative_to(folder)), result.plan, result.locator))
    return sources, errors


def eml_bytes(person: Person, as_of: dt.date, soon: int, sender: str) -> bytes:
    return _eml(*message(person, as_of, soon, sender))


def _eml(subject: str, body: str) -> bytes:
    """A UTF-8 text/plain draft, quoted-printable, CRLF line ends.

    The body is encoded by the standard library's C encoder (``binascii.b2a_qp``) and given to the message
    as it is: ``set_content`` encodes with the email package's pure-Python one, which took ~0.3 s for the
    drafts of a 1,000-plan archive (benchmarks/paamind.py). Quoted-printable always (never 8bit), so the
    file is plain ASCII whatever the line lengths.
    """
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["X-Unsent"] = "1"  # Outlook: open as a draft
    msg["MIME-Version"] = "1.0"
    msg["Content-Type"] = 'text/plain; charset="utf-8"'
    msg["Content-Transfer-Encoding"] = "quoted-printable"
    msg.set_payload(binascii.b2a_qp(body.encode("utf-8"), istext=True).decode("ascii"))
    return msg.as_bytes(policy=SMTP)


def eml_name(person: Person, taken: set[str]) -> str:
    base = f"Påmindelse - {safe_file_stem(person.name)}"
    name, n = f"{base}.eml", 2
    while name.casefold() in taken:
        name, n = f"{base} ({n}).eml", n + 1
    taken.add(name.casefold())
    return name


def _header(ws, headers: list[tuple[str, float]]) -> None:
    ws.append([h for h, _ in headers])
    for col, (_, width) in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=col)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        ws.column_dimensions[cell.column_letter].width = width


def _text_row(ws, row: int, values: list) -> None:
    """Row ``row`` of ``ws`` (by number: ``ws.max_row`` scans every cell, which made the sheet quadratic)."""
    for col, value in enumerate(values, start=1):
        if value is None:
            continue
        cell = ws.cell(row=row, column=col, value=shown(value) if isinstance(value, str) else value)
        if isinstance(value, str):
            cell.data_type = "s"
        elif isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT


def sheet_bytes(people: list[Person], files: list[str], unassigned: list[Unassigned], as_of: dt.date,
                soon: int, sender: str, messages: list[tuple[str, str]] | None = None,
                not_read: list[ReadError] = ()) -> bytes:
    """The mail-merge sheet (one row per person), the name grouping, items with nobody to remind, and the
    files that were not read (failed, or skipped with a reason), so whoever opens the list sees it is partial.

    ``messages``: each person's (subject, body), when the caller has made them already."""
    if messages is None:
        messages = [message(person, as_of, soon, sender) for person in people]
    wb = Workbook()
    ws = wb.active
    ws.title = SHEETS[0]
    _header(ws, [("Navn", 24), ("E-mail", 28), ("Emne", 50), ("Overskredne", 12), ("Snart", 10),
                 ("Mest overskredet (dage)", 14), ("Tekst", 80), ("Fil", 36)])
    for row, (person, name, (subject, body)) in enumerate(zip(people, files, messages), start=2):
        worst = max((r.item.days_overdue or 0 for r in person.reminders), default=0)
        _text_row(ws, row, [person.name, None, subject, len(person.overdue), len(person.due_soon), worst, body, name])
    names = wb.create_sheet(SHEETS[1])
    _header(names, [("Navn i påmindelsen", 24), ("Skrevet som", 24), ("Antal punkter", 12)])
    row = 2
    for person in people:
        for spelling, count in sorted(person.spellings.items(), key=lambda x: (-x[1], x[0])):
            _text_row(names, row, [person.name, spelling, count])
            row += 1
    nobody = wb.create_sheet(SHEETS[2])
    _header(nobody, [("Ansvarlig som skrevet", 24), ("Enhed", 28), ("Punkt", 60), ("Dato", 12), ("Fil", 36)])
    row = 2
    for group in unassigned:
        for r in group.reminders:
            _text_row(nobody, row, [group.owner, r.item.plan, r.item.text, r.item.due, r.source])
            row += 1
    failed = wb.create_sheet(SHEETS[3])
    _header(failed, [("Fil", 48), ("Status", 16), ("Begrundelse", 90)])
    for row, exc in enumerate(not_read, start=2):
        _text_row(failed, row, [exc.path, FAILED_STATUS["skipped" if isinstance(exc, Skipped) else "failed"], exc.reason])
    for sheet in wb.worksheets:
        sheet.freeze_panes = sheet.cell(row=2, column=1)
    return workbook_bytes(wb)


def write_reminders(people: list[Person], unassigned: list[Unassigned], out_dir: Path, as_of: dt.date,
                    soon: int, sender: str = "HR", overwrite: bool = False, source: Path | None = None,
                    not_read: list[ReadError] = ()) -> list[str]:
    """One .eml per person and the sheet, all or nothing, by the shared output policy (never inside
    ``source``, the inbox or archive read); returns the .eml file names. ``not_read``: the files that were
    not read, listed in the sheet."""
    taken: set[str] = set()
    files = [eml_name(p, taken) for p in people]
    messages = [message(p, as_of, soon, sender) for p in people]
    contents = [(name, lambda m=m: _eml(*m)) for m, name in zip(messages, files)]
    contents.append((SHEET_FILE, lambda: sheet_bytes(people, files, unassigned, as_of, soon, sender, messages, not_read)))
    write_files(Path(out_dir), contents, overwrite=overwrite, inbox=source, inbox_name=source_name(source))
    return files


def source_name(folder: Path | None) -> str:
    """What påmind reads, as a message says it: 'arkivet' (a batch archive) or 'indbakken'."""
    return "arkivet" if folder is not None and (Path(folder) / MANIFEST).is_file() else "indbakken"
