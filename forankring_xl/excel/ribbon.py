"""What each ribbon button does. The add-in's VBA calls ``dispatch(control.Id)`` through RunPython.

Button ids: tjek, smart, forfaldne, gem_json, indlaes_json, ryd. The results are the same as
``forankring check --annotate``: the Tjek sheet, coloured cells and notes, written by the same
annotation code through the xlwings surface.

RunPython starts a fresh Python for every click, so this module imports nothing heavy at the top: each
button imports what it needs when it runs (the checks for tjek/smart/forfaldne, the archive code for the
JSON buttons). ``benchmarks/ribbon.py`` measures the import and one click.
"""

from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

BUTTONS = ("tjek", "smart", "forfaldne", "gem_json", "indlaes_json", "ryd")
TITLE = "Forankring"
#: xlwings Lite has no local paths and no file dialog: its files live in /data, which the user reaches
#: through the Lite menu (☰) > Files (import and export).
LITE_DATA = Path("/data")
LITE_FILES_HINT = "Du finder filen i xlwings Lite-menuen (☰) > Files, hvor du kan eksportere den til din computer."


def in_lite() -> bool:
    """True inside xlwings Lite (Pyodide, WebAssembly)."""
    return sys.platform == "emscripten"


def _alert(book, text: str) -> None:
    if in_lite():
        print(text)  # Lite's output pane; its message boxes are not part of every Excel it runs in
        return
    try:
        book.app.alert(text, title=TITLE)
    except Exception:  # no message box on this engine (tests, remote); the action still happened
        pass


def _newest_json(folder: Path) -> Path | None:
    files = [p for p in folder.glob("*.json") if p.is_file()] if folder.is_dir() else []
    return max(files, key=lambda p: (p.stat().st_mtime, p.name), default=None)


def _report(book, only: tuple[str, ...] | None = None):
    from ..rules import check_plan, today
    from .book import read_book

    result = read_book(book)
    report = check_plan(result.plan, result.locator, today(), read_findings=result.findings, source_file=book.name)
    if only is not None:
        kept = [f for f in report.findings if f.code.startswith(only)]
        report = report.model_copy(update={"findings": kept})
    return result, report


ADDIN_SUFFIXES = (".xlam", ".xla")
REFUSE_ADDIN = (
    "Knappen virker på den projektmappe, du har åben og aktiv, men den aktive projektmappe er et "
    "tilføjelsesprogram ({name}). Åbn eller klik i din forankringsplan, og tryk på knappen igen."
)


def is_addin(book) -> bool:
    """True when ``book`` is an add-in (by its name, and on desktop Excel by Workbook.IsAddin)."""
    name = str(getattr(book, "name", "") or "")
    if name.lower().endswith(ADDIN_SUFFIXES):
        return True
    try:
        return bool(book.api.IsAddin)
    except Exception:  # no COM object (remote engine, macOS): the name decides
        return False


def dispatch(button_id: str, book=None, path: str | None = None):
    """Run one ribbon button on ``book`` (default: the workbook that called).

    An add-in workbook (our own Forankring.xlam, or any other) is refused with a Danish message box
    and nothing is changed: the add-in's VBA passes the active workbook, so this only happens if that
    ever goes wrong.
    """
    if button_id not in BUTTONS:
        raise ValueError(f"Ukendt knap: {button_id}")
    if book is None:
        import xlwings

        book = xlwings.Book.caller()
    if is_addin(book):
        _alert(book, REFUSE_ADDIN.format(name=book.name))
        return None
    from ..annotate.marks import annotate, clear
    from .surface import XlwingsSurface

    surface = XlwingsSurface(book)
    if button_id == "ryd":
        return clear(surface)
    from ..io.safety import ReadError

    if button_id in ("tjek", "smart", "forfaldne"):
        only = {"tjek": None, "smart": ("SMART_",), "forfaldne": ("OVERDUE", "DUE_SOON")}[button_id]
        try:
            _, report = _report(book, only)
        except ReadError as exc:  # no plan (e.g. batch's overview): said in Danish, nothing is marked
            _alert(book, exc.message)
            return None
        return annotate(surface, report)
    if button_id == "gem_json":
        from ..io.archive import archive_json, make_archive
        from ..io.atomic import atomic_write_text
        from .book import read_book

        clear(surface)  # our marks are not part of the plan
        try:
            result = read_book(book)
        except ReadError as exc:
            _alert(book, exc.message)
            return None
        folder = LITE_DATA if in_lite() else Path(book.fullname).resolve().parent
        target = folder / (Path(book.name).stem + ".json")
        atomic_write_text(target, archive_json(make_archive(result)))
        hint = f"\n{LITE_FILES_HINT}" if in_lite() else ""
        _alert(book, f"Planen er gemt som JSON:\n{target}{hint}")
        return target
    # indlaes_json: restore an archive JSON into a new workbook next to it, and open it
    if path is None and in_lite():  # no file dialog: the newest JSON file the user imported into /data
        path = _newest_json(LITE_DATA)
        if path is None:
            _alert(book, f"Der er ingen JSON-fil i {LITE_DATA}. Importér arkiv-filen i xlwings Lite-menuen "
                         "(☰) > Files, og klik på Indlæs JSON igen.")
            return None
    if path is None:
        path = choose_json(book)
        if not path:
            return None
    from ..io.archive import import_archive

    source = Path(path)
    target = source.with_suffix(".xlsx")
    n = 1
    while target.exists():
        target = source.with_name(f"{source.stem} ({n}).xlsx")
        n += 1
    try:
        import_archive(source, target, lite=in_lite())  # from Lite: the restored workbook has the buttons too
    except ReadError as exc:  # not an archive, damaged, or from a newer version: said in Danish, nothing written
        _alert(book, exc.message)
        return None
    try:
        book.app.books.open(str(target))
    except Exception:  # the remote engine cannot open files; the workbook is written either way
        pass
    if in_lite():  # Lite cannot open a workbook: the user exports it and opens it in Excel
        _alert(book, f"Planen fra {source.name} er genskabt i en ny projektmappe:\n{target}\n{LITE_FILES_HINT}")
    else:
        _alert(book, f"Planen er genskabt i en ny projektmappe:\n{target}")
    return target


PROMPT = "Vælg en arkiv-JSON-fil"
#: macOS: Excel shows the file dialog (``choose file`` inside a tell block runs in Excel, in front);
#: the POSIX path comes back on stdout. A cancel is error -128.
MAC_CHOOSE_FILE = (
    'tell application "Microsoft Excel"\n'
    "    activate\n"
    f'    set chosen to choose file with prompt "{PROMPT}" of type {{"public.json", "json"}}\n'
    "end tell\n"
    "return POSIX path of chosen\n"
)
MAC_CANCELLED = "-128"


def choose_json(book) -> str | None:
    """Ask the user for an archive JSON: Excel's own dialog on Windows (COM), AppleScript on macOS.

    ``Application.GetOpenFilename`` exists only through COM on Windows; on macOS xlwings talks to Excel
    through AppleScript, which has ``choose file``. None when the user cancels.
    """
    system = platform.system()
    if system == "Windows":
        chosen = book.app.api.GetOpenFilename("JSON (*.json),*.json", 1, PROMPT)
        return chosen or None  # False when cancelled
    if system == "Darwin":
        try:
            done = subprocess.run(["osascript", "-e", MAC_CHOOSE_FILE], capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired):
            done = None
        if done is not None and done.returncode == 0 and done.stdout.strip():
            return done.stdout.strip()
        if done is not None and MAC_CANCELLED in done.stderr:
            return None
        _alert(book, "Filvælgeren kunne ikke åbnes. Indlæs i stedet arkivfilen med kommandoen:\n"
                     "forankring import FIL.json")
        return None
    _alert(book, "Indlæs JSON kræver Excel på Windows eller macOS. Brug i stedet kommandoen:\n"
                 "forankring import FIL.json")
    return None
