"""The workbook parts that make a workbook an xlwings Lite workbook: its code travels inside the file.

xlwings Lite is an Office add-in (a web extension). Excel stores a web extension that belongs to a
workbook in these parts, and Lite keeps the workbook's Python in the extension's settings:

* ``xl/webextensions/webextension1.xml``: the add-in's store reference (Lite's AppSource asset id
  WA200008175) and its settings as ``<we:property name=… value=…>``. Each value is the setting's JSON
  text, as Office.js stores ``Office.context.document.settings``: ``main.py`` and ``requirements.txt``
  are JSON strings.
* ``xl/webextensions/taskpanes.xml``: the task pane that shows the add-in, pointing at the extension
  through ``xl/webextensions/_rels/taskpanes.xml.rels``.
* a package relationship (``_rels/.rels``, type ``webextensiontaskpanes``) and two content types.

The format was read from public Lite workbooks (github.com/amararun/xlwings-lite-apps-codes-docs, e.g.
``yahoo-finance/YLENS_YAHOO_FINANCE_ANALYZER_Z.xlsx``) and Microsoft's description of the parts
(Office-OOXML-EmbedAddin, "Automatically open a task pane with a document"). openpyxl does not know
these parts and drops them on save, so they are added to the bytes openpyxl wrote, and carried from
source to target where we re-save a user's workbook (``check --annotate``).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import quoteattr

from .atomic import atomic_write_bytes

LITE_ASSET_ID = "WA200008175"  # xlwings Lite in Microsoft's add-in store (AppSource)
#: The extension instance's id in this workbook; fixed, so building the template twice gives the same file.
EXTENSION_GUID = "{5E6C2F0A-7B1D-4F4B-9C0E-46F0A4E2D815}"
FOLDER = "xl/webextensions/"
WEBEXTENSION = FOLDER + "webextension1.xml"
TASKPANES = FOLDER + "taskpanes.xml"
TASKPANES_RELS = FOLDER + "_rels/taskpanes.xml.rels"

WE_NS = "http://schemas.microsoft.com/office/webextensions/webextension/2010/11"
WETP_NS = "http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
TASKPANES_REL = "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes"
WEBEXTENSION_REL = "http://schemas.microsoft.com/office/2011/relationships/webextension"
WEBEXTENSION_TYPE = "application/vnd.ms-office.webextension+xml"
TASKPANES_TYPE = "application/vnd.ms-office.webextensiontaskpanes+xml"


@dataclass(frozen=True)
class LiteCode:
    main_py: str
    requirements_txt: str


def main_py() -> str:
    """The workbook's main.py: the entry module's description (App Mode shows it) and its scripts.

    Read from ``excel/lite.py``'s source (not imported: writing a template needs no xlwings), so the
    workbook's buttons are exactly the entry module's ``@script`` functions.
    """
    import ast
    from importlib import resources

    tree = ast.parse(resources.files("forankring_xl.excel").joinpath("lite.py").read_text("utf-8"))
    doc = ast.get_docstring(tree, clean=False) or ""
    scripts = [node.name for node in tree.body if isinstance(node, ast.AsyncFunctionDef | ast.FunctionDef)
               and any("script" in ast.unparse(d) for d in node.decorator_list)]
    imports = "".join(f"    {name},\n" for name in scripts)
    return (f'"""{doc}"""\n\n'
            "# The buttons come from the forankring-xl package (requirements.txt); see its docs/installation.md.\n"
            f"from forankring_xl.excel.lite import (  # noqa: F401\n{imports})\n")


def requirements_txt() -> str:
    """Our package and the xlwings it was tested with, pinned: Lite installs them from PyPI."""
    from importlib.metadata import version

    from .. import __version__

    return (f"forankring-xl=={__version__}\n"
            f"xlwings=={version('xlwings')}  # Lite kræver xlwings i listen\n")


def lite_code() -> LiteCode:
    return LiteCode(main_py(), requirements_txt())


def _setting(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # Office.js keeps each setting as JSON text


def webextension_xml(code: LiteCode) -> str:
    properties = "".join(
        f"<we:property name={quoteattr(name)} value={quoteattr(value)}/>"
        for name, value in (
            ("main.py", _setting(code.main_py)),
            ("requirements.txt", _setting(code.requirements_txt)),
            ("Office.AutoShowTaskpaneWithDocument", "true"),  # open the pane with the buttons on start
        )
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<we:webextension xmlns:we="{WE_NS}" id="{EXTENSION_GUID}">'
        f'<we:reference id="{LITE_ASSET_ID.lower()}" version="1.0.0.0" store="da-DK" storeType="OMEX"/>'
        f'<we:alternateReferences><we:reference id="{LITE_ASSET_ID}" version="1.0.0.0" store="{LITE_ASSET_ID}" '
        'storeType="OMEX"/></we:alternateReferences>'
        f"<we:properties>{properties}</we:properties><we:bindings/>"
        f'<we:snapshot xmlns:r="{R_NS}"/></we:webextension>'
    )


def taskpanes_xml() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<wetp:taskpanes xmlns:wetp="{WETP_NS}"><wetp:taskpane dockstate="right" visibility="1" width="350" row="1">'
        f'<wetp:webextensionref xmlns:r="{R_NS}" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>'
    )


def taskpanes_rels() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{WEBEXTENSION_REL}" '
        'Target="webextension1.xml"/></Relationships>'
    )


def _with_package_rel(rels: str) -> str:
    if TASKPANES_REL in rels:
        return rels
    ids = set(re.findall(r'Id="([^"]+)"', rels))
    rid = next(f"rIdLite{n}" for n in range(1, 100) if f"rIdLite{n}" not in ids)
    return rels.replace("</Relationships>",
                        f'<Relationship Id="{rid}" Type="{TASKPANES_REL}" Target="{TASKPANES}"/></Relationships>')


def _with_content_types(types: str) -> str:
    for part, ctype in ((WEBEXTENSION, WEBEXTENSION_TYPE), (TASKPANES, TASKPANES_TYPE)):
        if f'PartName="/{part}"' not in types:
            types = types.replace("</Types>", f'<Override PartName="/{part}" ContentType="{ctype}"/></Types>')
    return types


def _rewrite(data: bytes, parts: dict[str, bytes]) -> bytes:
    """``data`` (an .xlsx) with ``parts`` added or replaced, and the relationship and content types."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in source.infolist():
            if item.filename in parts:
                continue
            content = source.read(item)
            if item.filename == "[Content_Types].xml":
                content = _with_content_types(content.decode("utf-8")).encode("utf-8")
            elif item.filename == "_rels/.rels":
                content = _with_package_rel(content.decode("utf-8")).encode("utf-8")
            z.writestr(item, content)
        for name, content in parts.items():
            z.writestr(name, content)
    return out.getvalue()


def add_lite_parts(data: bytes, code: LiteCode | None = None) -> bytes:
    """The workbook in ``data`` as an xlwings Lite workbook carrying ``code`` (default: ours)."""
    code = code or lite_code()
    return _rewrite(data, {
        WEBEXTENSION: webextension_xml(code).encode("utf-8"),
        TASKPANES: taskpanes_xml().encode("utf-8"),
        TASKPANES_RELS: taskpanes_rels().encode("utf-8"),
    })


def lite_parts_of(data: bytes) -> dict[str, bytes]:
    """Every web extension part in ``data`` (an .xlsx), as stored; empty when it has none."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith(FOLDER)}


def carry_lite_parts(source: Path, data: bytes) -> bytes:
    """``data`` (written by openpyxl from ``source``) with the web extension parts ``source`` had."""
    try:
        parts = lite_parts_of(Path(source).read_bytes())
    except (OSError, zipfile.BadZipFile):
        return data
    if TASKPANES not in parts:
        return data
    return _rewrite(data, parts)


def write_lite_parts(path: Path) -> None:
    """Make the workbook at ``path`` a Lite workbook with our code (atomically)."""
    atomic_write_bytes(Path(path), add_lite_parts(Path(path).read_bytes()))


def read_settings(data: bytes) -> dict[str, object]:
    """The web extension's settings, decoded from their JSON text: ``{"main.py": "...", ...}``."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = ET.fromstring(z.read(WEBEXTENSION))
    out: dict[str, object] = {}
    for prop in root.iter(f"{{{WE_NS}}}property"):
        out[prop.get("name")] = json.loads(prop.get("value"))
    return out
