"""
# Forankring

Knapperne tjekker forankringsplanen i denne projektmappe. Python kører i
xlwings Lite på din egen computer; planen sendes ingen steder hen.

- **Tjek planen** finder fejl, ikke-SMART delmål og forfaldne frister.
- **Ryd markeringer** fjerner det, tjekket har sat.
- **Gem som JSON** og **Indlæs JSON** bruger mappen `/data`
  (xlwings Lite-menuen ☰ > Files).
"""

# The xlwings Lite entry module: one ``@script`` per ribbon button, each calling the same
# ``ribbon.dispatch`` as the VBA add-in. The template's ``main.py`` (io/lite_parts.py) imports these
# functions; Lite lists every ``@script`` it finds in ``main.py`` as a button, and in App Mode shows the
# module docstring above and each script's docstring (Markdown, Danish: the user reads them).
#
# Two things differ from desktop Excel, both handled before ``dispatch`` runs:
# * Lite cannot read a fill colour or a note's text synchronously. ``_read_formats`` reads them with
#   Lite's awaitable API (``await rng.get_colors()``, ``await note.get_text()``) and hands them to the
#   surface through ``surface.known_formats``, so our marks restore the user's own colours and notes.
# * Lite on Office 2021 cannot add notes (ExcelApi 1.18); the surface counts them and the Tjek sheet
#   says so (``marks.notes_skipped_line``).
#
# ``xlwings.server.script`` is the decorator behind ``xw.script`` in Lite and xlwings Server; importing
# it directly gives the same registration on desktop Python (where xlwings' server module asks for a
# licence key: the tests set the noncommercial one), so the tests can list and run the scripts through
# ``xlwings.server.custom_scripts_call``, the call Lite makes.

from __future__ import annotations

import xlwings as xw

try:
    from xlwings.server import script  # what ``xw.script`` is in Lite and in xlwings Server
except xw.LicenseError:  # desktop Python without an xlwings licence key: Lite's own ``xw.script`` then
    script = xw.script

from ..annotate.marks import REGISTRY_SHEET, TJEK_SHEET
from ..layout.spec import column_letter
from .ribbon import dispatch
from .surface import KnownFormats, _hex, known_formats

MAX_COLOUR_CELLS = 100_000  # one get_colors call reads at most this many cells (xlwings Lite)


async def _read_formats(book) -> KnownFormats:
    """The fills and note texts of the plan sheets, read with Lite's awaitable API."""
    known = KnownFormats()
    for sheet in book.sheets:
        if sheet.name in (TJEK_SHEET, REGISTRY_SHEET):
            continue
        used = sheet.used_range
        rows, cols = used.shape
        if rows * cols <= MAX_COLOUR_CELLS:
            colours = await used.get_colors()
            for i, row in enumerate(colours):
                for j, rgb in enumerate(row):
                    if rgb is not None:
                        known.fills[(sheet.name, f"{column_letter(used.column + j)}{used.row + i}")] = _hex(rgb)
            known.sheets.add(sheet.name)
            known.fill_ranges[sheet.name] = (used.row, used.column, used.row + rows - 1, used.column + cols - 1)
        try:
            notes = sheet.notes
        except NotImplementedError:  # no notes on this Excel (ExcelApi < 1.18): nothing to keep
            notes = []
        known.note_sheets.add(sheet.name)
        for note in notes:
            where = await note.get_location()
            if where is not None:  # None: the note went away meanwhile
                known.notes[(sheet.name, where.address.replace("$", ""))] = await note.get_text() or ""
    return known


async def _run(button_id: str, book):
    """``dispatch`` with the fills and notes read ahead for the buttons that mark cells."""
    marks = button_id in ("tjek", "smart", "forfaldne")
    token = known_formats.set(await _read_formats(book) if marks else None)
    try:
        return dispatch(button_id, book)
    finally:
        known_formats.reset(token)


@script(name="Tjek planen")
async def tjek_planen(book: xw.Book):
    """**Tjek hele planen.** Finder fejl, ikke-SMART delmål og forfaldne frister og viser dem på arket
    Tjek og som farver og noter i cellerne."""
    await _run("tjek", book)


@script(name="SMART")
async def smart(book: xw.Book):
    """**Vurdér delmål og mål.** Markerer dem, der ikke er specifikke, målbare, accepterede, realistiske
    eller tidsbestemte."""
    await _run("smart", book)


@script(name="Forfaldne")
async def forfaldne(book: xw.Book):
    """**Forfaldne og snart forfaldne.** Viser delmål, mål, aktiviteter og opfølgninger, der er forfaldne
    eller forfalder inden for 14 dage."""
    await _run("forfaldne", book)


@script(name="Gem som JSON")
async def gem_som_json(book: xw.Book):
    """**Gem planen til arkivet.** Gemmer planen som JSON-fil i mappen `/data`. Hent den i xlwings
    Lite-menuen (☰) > Files."""
    await _run("gem_json", book)


@script(name="Indlæs JSON")
async def indlaes_json(book: xw.Book):
    """**Genskab en plan fra arkivet.** Importér først arkiv-filen i xlwings Lite-menuen (☰) > Files.
    Den nyeste JSON-fil i `/data` bliver til en ny projektmappe, som du kan eksportere samme sted."""
    await _run("indlaes_json", book)


@script(name="Ryd markeringer")
async def ryd_markeringer(book: xw.Book):
    """**Fjern markeringerne.** Fjerner arket Tjek og de farver og noter, tjekket har sat. Dine egne farver
    og noter bliver."""
    await _run("ryd", book)


#: button id (as in the ribbon) -> the Lite script that runs it
SCRIPTS = {
    "tjek": tjek_planen,
    "smart": smart,
    "forfaldne": forfaldne,
    "gem_json": gem_som_json,
    "indlaes_json": indlaes_json,
    "ryd": ryd_markeringer,
}
