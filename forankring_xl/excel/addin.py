"""Builds Forankring.xlam: a ribbon tab (customUI) whose buttons call Python through xlwings.

The add-in's VBA is written as a source-only project (``vba/ovba.py``) in a compound file
(``vba/cfb.py``): the document modules Excel keeps for the workbook and its sheets (``ThisWorkbook``,
``Sheet1``, ``Sheet2``), ``RibbonForankring`` with the one ribbon callback, and ``xlwings``: xlwings' VBA
module *for custom add-ins* (``xlwings_custom_addin.bas``, what ``xlwings copy vba --addin`` gives),
taken from the installed xlwings package at build time (BSD licence; its notice is kept in the module),
with the ``Dictionary`` class it uses on macOS (MIT, from the same package).

The custom add-in module passes ``ActiveWorkbook`` to Python (``--wb``), so a button acts on the user's
workbook; xlwings' standalone module passes ``ThisWorkbook``, which inside an add-in is the add-in itself.
Its ``PROJECT_NAME`` is set to ``xlwings`` so that its configuration lookup is xlwings' own: an
``xlwings.conf`` sheet, then ``xlwings.conf`` beside the workbook, then xlwings' user config file.
The add-in carries such a sheet (``xlwings.conf``) that pins the interpreter to the one that built it and
keeps the user's workbook folder off ``sys.path`` (``ADD_WORKBOOK_TO_PYTHONPATH`` false).

Embedding xlwings' module rather than calling the xlwings add-in means HR needs one add-in, not two,
and building on the user's machine (``forankring addin install`` builds) keeps the module's version
equal to the installed xlwings package, which the module's DLL name depends on.
"""
from __future__ import annotations

import io
import sys
import zipfile
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook

from ..io.atomic import atomic_write_bytes
from .vba.cfb import write_cfb
from .vba.ovba import CLASS_BASE, DOCUMENT_ATTRIBUTES, WORKBOOK_BASE, WORKSHEET_BASE, Module, vba_streams

PROJECT = "Forankring"  # the VBA project's name, shown in the VBA editor as "Forankring (Forankring.xlam)"
RIBBON_MODULE = "RibbonForankring"  # not the project's name: VBA refuses a module named like its project
CALLBACK = "Forankring_Knap"
CONFIG_SHEET = "xlwings.conf"  # xlwings reads settings from a sheet with this name (PROJECT_NAME + ".conf")
XLWINGS_PROJECT_NAME = "xlwings"  # PROJECT_NAME in the custom add-in module: xlwings' own config files

#: (id, Danish label, screentip, supertip, imageMso)
BUTTONS = (
    ("tjek", "Tjek planen", "Tjek hele planen",
     "Finder fejl, ikke-SMART delmål og forfaldne frister og viser dem på arket Tjek og i cellerne.", "ReviewAcceptChange"),
    ("smart", "SMART", "Vurdér delmål og mål",
     "Markerer delmål og mål, der ikke er specifikke, målbare, accepterede, realistiske eller tidsbestemte.", "HappyFace"),
    ("forfaldne", "Forfaldne", "Forfaldne og snart forfaldne",
     "Viser delmål, mål, aktiviteter og opfølgninger, der er forfaldne eller forfalder inden for 14 dage.", "DateAndTimeInsert"),
    ("gem_json", "Gem som JSON", "Gem planen til arkivet",
     "Gemmer planen som JSON-fil ved siden af projektmappen.", "FileSave"),
    ("indlaes_json", "Indlæs JSON", "Genskab en plan fra arkivet",
     "Vælg en arkiv-JSON-fil; planen åbnes i en ny projektmappe.", "FileOpen"),
    ("ryd", "Ryd markeringer", "Fjern markeringerne",
     "Fjerner arket Tjek og de farver og noter, tjekket har sat. Dine egne farver og noter bliver.", "Delete"),
)

CUSTOM_UI_NS = "http://schemas.microsoft.com/office/2006/01/customui"
UI_REL = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
ADDIN_TYPE = "application/vnd.ms-excel.addin.macroEnabled.main+xml"
VBA_TYPE = "application/vnd.ms-office.vbaProject"

CALLBACK_SOURCE = f"""' forankring-xl: the ribbon's one callback. Every button passes its id to Python,
' which runs forankring_xl.excel.ribbon.dispatch on the active workbook.
Option Explicit

Public Sub {CALLBACK}(control As Object)
    RunPython "import forankring_xl.excel.ribbon as ribbon; ribbon.dispatch('" & control.Id & "')"
End Sub
"""


def custom_ui() -> str:
    buttons = "\n".join(
        f'          <button id="{bid}" label="{escape(label)}" screentip="{escape(tip)}" supertip="{escape(sup)}" '
        f'imageMso="{image}" size="large" onAction="{CALLBACK}"/>'
        for bid, label, tip, sup, image in BUTTONS
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<customUI xmlns="{CUSTOM_UI_NS}">\n'
        "  <ribbon>\n    <tabs>\n"
        '      <tab id="forankringTab" label="Forankring">\n'
        '        <group id="forankringGruppe" label="Forankringsplan">\n'
        f"{buttons}\n"
        "        </group>\n      </tab>\n    </tabs>\n  </ribbon>\n</customUI>\n"
    )


CUSTOM_ADDIN_PROJECT_LINE = 'Public Const PROJECT_NAME As String = "myaddin"'


def _package_text(name: str) -> list[str]:
    text = resources.files("xlwings").joinpath(name).read_bytes().decode("cp1252")
    return text.replace("\r\n", "\n").split("\n")


def xlwings_module_source() -> str:
    """xlwings' module for custom add-ins, without its VB_Name line (added by ovba), PROJECT_NAME "xlwings"."""
    lines = _package_text("xlwings_custom_addin.bas")
    if lines and lines[0].startswith("Attribute VB_Name"):
        lines = lines[1:]
    if lines.count(CUSTOM_ADDIN_PROJECT_LINE) != 1:
        raise RuntimeError(f"xlwings_custom_addin.bas has no line {CUSTOM_ADDIN_PROJECT_LINE!r}: xlwings changed")
    project_line = CUSTOM_ADDIN_PROJECT_LINE.replace('"myaddin"', f'"{XLWINGS_PROJECT_NAME}"')
    return "\n".join(project_line if line == CUSTOM_ADDIN_PROJECT_LINE else line for line in lines)


def dictionary_class_source() -> str:
    """xlwings' Dictionary class (MIT, Tim Hall), which its VBA uses on macOS, as stored in a project.

    The export header (VERSION/BEGIN/END) is not part of the stream. VBA adds VB_TemplateDerived and
    VB_Customizable (both False for a class) after VB_Exposed when it imports a class; so do we, as Excel,
    EPPlus and vbamc write them.
    """
    lines = _package_text("addin/Dictionary.cls")
    start = next(i for i, line in enumerate(lines) if line.startswith("Attribute VB_Name"))
    lines = lines[start + 1:]
    if not any(line.startswith("Attribute VB_TemplateDerived") for line in lines):
        exposed = next(i for i, line in enumerate(lines) if line.startswith("Attribute VB_Exposed"))
        lines[exposed + 1:exposed + 1] = ["Attribute VB_TemplateDerived = False", "Attribute VB_Customizable = False"]
    return "\n".join(lines)


def modules() -> list[Module]:
    """The add-in's VBA: the workbook and sheet document modules Excel expects, our callback, xlwings."""
    return [
        Module("ThisWorkbook", DOCUMENT_ATTRIBUTES, kind="document", base=WORKBOOK_BASE),
        Module("Sheet1", DOCUMENT_ATTRIBUTES, kind="document", base=WORKSHEET_BASE),
        Module("Sheet2", DOCUMENT_ATTRIBUTES, kind="document", base=WORKSHEET_BASE),
        Module(RIBBON_MODULE, CALLBACK_SOURCE),
        Module("xlwings", xlwings_module_source()),
        Module("Dictionary", dictionary_class_source(), kind="class", base=CLASS_BASE),
    ]


def vba_project_bin() -> bytes:
    return write_cfb(vba_streams(PROJECT, modules()))


def config_rows(interpreter: str | None = None) -> list[tuple[str, str]]:
    """The add-in's xlwings.conf sheet: key in column A, value in column B, as xlwings reads it.

    INTERPRETER_WIN/_MAC pin the Python that built the add-in (so RunPython does not start whatever
    ``python`` is first on PATH); ADD_WORKBOOK_TO_PYTHONPATH false keeps files beside the user's workbook
    from shadowing our modules; empty CONDA PATH/CONDA ENV keep a conda setting in the user's xlwings.conf
    from starting another environment instead. The values are text: xlwings compares them as text.
    """
    interpreter = interpreter or sys.executable
    return [
        ("INTERPRETER_WIN", interpreter),
        ("INTERPRETER_MAC", interpreter),
        ("ADD_WORKBOOK_TO_PYTHONPATH", "false"),
        ("CONDA PATH", ""),
        ("CONDA ENV", ""),
    ]


def _base_workbook(interpreter: str | None = None) -> bytes:
    wb = Workbook()
    wb.code_name = "ThisWorkbook"  # the names of the document modules in the VBA project
    ws = wb.active
    ws.title = "Forankring"
    ws.sheet_properties.codeName = "Sheet1"
    ws.cell(row=1, column=1, value="Forankring – tilføjelsesprogram til Excel (forankring-xl)")
    ws.cell(row=2, column=1, value="Fanen 'Forankring' i båndet tjekker planer, vurderer delmål og viser forfaldne frister.")
    conf = wb.create_sheet(CONFIG_SHEET)
    conf.sheet_properties.codeName = "Sheet2"
    for row, (key, value) in enumerate(config_rows(interpreter), start=1):
        conf.cell(row=row, column=1, value=key)
        if value:
            conf.cell(row=row, column=2, value=value).data_type = "s"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def build_addin_bytes(interpreter: str | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_base_workbook(interpreter)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                text = data.decode()
                text = text.replace(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", ADDIN_TYPE)
                text = text.replace("<Override ", f'<Default Extension="bin" ContentType="{VBA_TYPE}"/><Override ', 1)
                data = text.encode()
            elif item.filename == "_rels/.rels":
                data = data.decode().replace(
                    "</Relationships>",
                    f'<Relationship Id="rIdForankringUI" Type="{UI_REL}" Target="customUI/customUI.xml"/></Relationships>',
                ).encode()
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.decode().replace(
                    "</Relationships>",
                    f'<Relationship Id="rIdVBA" Type="{VBA_REL}" Target="vbaProject.bin"/></Relationships>',
                ).encode()
            z.writestr(item, data)
        z.writestr("xl/vbaProject.bin", vba_project_bin())
        z.writestr("customUI/customUI.xml", custom_ui().encode("utf-8"))
    return out.getvalue()


def build_addin(path: Path, interpreter: str | None = None) -> Path:
    atomic_write_bytes(Path(path), build_addin_bytes(interpreter))
    return Path(path)
