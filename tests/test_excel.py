"""The Excel side: the ribbon's dispatch through xlwings' own remote engine, and the built add-in.

xlwings' remote engine (``xlwings.Book(json=payload)``) stands in for Excel on Linux: the payload is
built from real template workbooks with openpyxl, ``dispatch`` runs, and we assert the actions xlwings
returns. That engine is licensed PolyForm Noncommercial, which permits testing; the licence key is set
here, in the test environment only.
"""

import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import EXAMPLES
from openpyxl import load_workbook
from openpyxl.utils.datetime import to_excel

from forankring_xl.annotate.marks import REGISTRY_SHEET, SEVERITY_FILL, TJEK_SHEET, cell_marks
from forankring_xl.io.reader import read_plan
from forankring_xl.rules import check_plan


@pytest.fixture(autouse=True)
def remote_licence(monkeypatch):
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")


def payload_from(path: Path) -> dict:
    """What an Office.js client would send for this workbook: every sheet's values."""
    import xlwings

    wb = load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        values = []
        for row in ws.iter_rows(min_row=1, max_row=max(ws.max_row, 1), max_col=max(ws.max_column, 1)):
            out = []
            for cell in row:
                v = cell.value
                if isinstance(v, (dt.date, dt.datetime)):
                    v = to_excel(v)  # Office.js gives dates as serial numbers
                out.append("" if v is None else v)
            values.append(out)
        sheets.append({"name": ws.title, "values": values, "pictures": [], "tables": [], "notes": [],
                       "notes_supported": True})
    return {"client": "Office.js", "version": xlwings.__version__,
            "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"}, "names": [], "sheets": sheets}


def book_for(path: Path):
    import xlwings

    return xlwings.Book(json=payload_from(path))


def actions(book) -> list[dict]:
    return book.json()["actions"]


def _a1(action) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(action['start_column'] + 1)}{action['start_row'] + 1}"


def marks_in(payload_names: list[str], acts) -> dict[tuple[str, str], str]:
    """(sheet, cell) -> colour set by the actions; sheet positions replayed as sheets are added/deleted."""
    names = list(payload_names)
    out = {}
    for a in acts:
        if a["func"] == "addSheet":
            names.insert(a["args"][0], a["args"][1])
        elif a["func"] == "sheetDelete":
            names.pop(a["sheet_position"])
        elif a["func"] == "setRangeColor" and a["args"][0]:
            out[(names[a["sheet_position"]], _a1(a))] = a["args"][0].lstrip("#").upper()
    return out


def expected_marks(path: Path) -> dict[tuple[str, str], str]:
    result = read_plan(path)
    from forankring_xl.rules import today

    report = check_plan(result.plan, result.locator, today(), read_findings=result.findings)
    return {(m.sheet, m.cell): SEVERITY_FILL[m.severity] for m in cell_marks(report.findings)}


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_tjek_button_gives_the_marks_of_check_annotate(example):
    from forankring_xl.excel.ribbon import dispatch

    book = book_for(example)
    before = [s.name for s in book.sheets]
    dispatch("tjek", book)
    acts = actions(book)
    assert [s.name for s in book.sheets][0] == TJEK_SHEET
    assert {"addSheet"} <= {a["func"] for a in acts}
    assert marks_in(before, acts) == expected_marks(example)
    notes = {(a["args"][0], a["sheet_position"]) for a in acts if a["func"] == "addNote"}
    assert len(notes) == len(expected_marks(example))
    hidden = [a for a in acts if a["func"] == "setSheetVisibility"]
    assert hidden and hidden[-1]["args"] == ["Hidden"]


def test_tjek_sheet_values_and_links():
    from forankring_xl.excel.ribbon import dispatch

    example = next(p for p in EXAMPLES if "sprog" in p.stem)
    book = book_for(example)
    dispatch("tjek", book)
    acts = actions(book)
    tjek_values = next(a["values"] for a in acts if a["func"] == "setValues" and a["sheet_position"] == 0)
    flat = [v for row in tjek_values for v in row if v]
    assert "Tjek af forankringsplan" in flat and "Belastningsprøve" in flat
    assert "DATE_INVALID" in flat and "G5" in flat
    links = [a["args"][0] for a in acts if a["func"] == "addHyperlink"]
    assert "#'Sigtepunkt 1'!G5" in links


def test_smart_and_forfaldne_buttons_show_only_their_findings():
    from forankring_xl.excel.ribbon import dispatch

    trivsel = next(p for p in EXAMPLES if "trivsel" in p.stem)
    book = book_for(trivsel)
    dispatch("smart", book)
    values = next(a["values"] for a in actions(book) if a["func"] == "setValues" and a["sheet_position"] == 0)
    codes = {row[6] for row in values if len(row) > 6 and row[6] and row[6] != "Kode"}
    assert codes and all(c.startswith("SMART_") for c in codes)
    apv = next(p for p in EXAMPLES if "apv" in p.stem)
    book = book_for(apv)
    dispatch("forfaldne", book)
    values = next(a["values"] for a in actions(book) if a["func"] == "setValues" and a["sheet_position"] == 0)
    codes = {row[6] for row in values if len(row) > 6 and row[6] and row[6] != "Kode"}
    assert codes and codes <= {"OVERDUE", "DUE_SOON"}


def test_ryd_removes_our_marks_and_sheets():
    import xlwings

    from forankring_xl.excel.ribbon import dispatch

    example = next(p for p in EXAMPLES if "sprog" in p.stem)
    book = book_for(example)
    marks = dispatch("tjek", book)
    # a later session: the workbook now holds our sheets and registry (as Excel would send them back)
    payload = payload_from(example)
    registry = [["Ark", "Celle", "Tidligere fyld", "Tidligere note"]] + [[m.sheet, m.cell, "FFF9DB", ""] for m in marks]
    payload["sheets"].insert(0, {"name": TJEK_SHEET, "values": [["Tjek af forankringsplan"]], "pictures": [],
                                 "tables": [], "notes": [], "notes_supported": True})
    payload["sheets"].append({"name": REGISTRY_SHEET, "values": registry, "pictures": [], "tables": [], "notes": [],
                              "notes_supported": True})
    for sheet in payload["sheets"]:
        sheet["notes"] = [{"address": f"${re.match('[A-Z]+', m.cell)[0]}${re.search('[0-9]+', m.cell)[0]}"}
                          for m in marks if m.sheet == sheet["name"]]
    again = xlwings.Book(json=payload)
    restored = dispatch("ryd", again)
    acts = actions(again)
    assert restored == len(marks)
    deleted = [a for a in acts if a["func"] == "sheetDelete"]
    assert len(deleted) == 2
    colours = {a["args"][0] for a in acts if a["func"] == "setRangeColor"}
    assert colours == {"#FFF9DB"}
    assert sum(a["func"] == "deleteNote" for a in acts) == len(marks)


def test_gem_json_and_indlaes_json(tmp_path):
    from forankring_xl.excel.ribbon import dispatch

    example = next(p for p in EXAMPLES if "ics" in p.stem)
    book = book_for(example)
    import os

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        target = dispatch("gem_json", book)
    finally:
        os.chdir(cwd)
    data = json.loads(Path(target).read_text(encoding="utf-8"))
    assert data["format"] == "forankring-xl/arkiv"
    assert data["plan"] == json.loads(read_plan(example).plan.model_dump_json())
    restored = dispatch("indlaes_json", book, path=str(target))
    assert restored.exists() and read_plan(restored).plan == read_plan(example).plan


@pytest.mark.parametrize("content, says", [
    ('{"format": "forankring-xl/arkiv", "schema_version": 99, "exported_at": "2027-01-01T00:00:00Z", "plan": {}}',
     "nyere version af forankring-xl"),
    ('{"plan": {"kommune": "A"', "JSON"),
])
def test_indlaes_json_of_an_archive_it_cannot_read_says_so_in_danish_and_writes_nothing(tmp_path, monkeypatch,
                                                                                       content, says):
    """A damaged archive, or one from a newer version, chosen in Indlæs JSON: a Danish message box naming the
    file, no workbook written, no Python error."""
    from forankring_xl.excel import ribbon

    shown = []
    monkeypatch.setattr(ribbon, "_alert", lambda book, text: shown.append(text))
    chosen = tmp_path / "plan.json"
    chosen.write_text(content, encoding="utf-8")
    book = book_for(next(p for p in EXAMPLES if "ics" in p.stem))
    assert ribbon.dispatch("indlaes_json", book, path=str(chosen)) is None
    (message,) = shown
    assert message.startswith(f"Kan ikke læse '{chosen}': ") and says in message
    assert "Traceback" not in message and "Error" not in message
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_unknown_button():
    from forankring_xl.excel.ribbon import dispatch

    with pytest.raises(ValueError, match="Ukendt knap"):
        dispatch("slet_alt", object())


# --- the add-in -------------------------------------------------------------------------------

KNOWN_ELEMENTS = {"customUI", "ribbon", "tabs", "tab", "group", "button"}


def test_customui_is_wellformed_known_unique_and_wired(addin):
    from forankring_xl.excel.addin import CALLBACK, modules

    with zipfile.ZipFile(addin) as z:
        rels = z.read("_rels/.rels").decode()
        assert "customUI/customUI.xml" in rels and "ui/extensibility" in rels
        root = ET.fromstring(z.read("customUI/customUI.xml"))
    ns = "{http://schemas.microsoft.com/office/2006/01/customui}"
    elements = {e.tag.removeprefix(ns) for e in root.iter()}
    assert elements <= KNOWN_ELEMENTS
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    buttons = [e for e in root.iter(f"{ns}button")]
    assert [b.get("id") for b in buttons] == ["tjek", "smart", "forfaldne", "gem_json", "indlaes_json", "ryd"]
    for b in buttons:
        assert b.get("label") and b.get("screentip") and b.get("imageMso")
    callbacks = {e.get("onAction") for e in root.iter() if e.get("onAction")}
    source = "\n".join(m.source for m in modules())
    for callback in callbacks:
        assert re.search(rf"Sub {callback}\(control As Object\)", source), callback
    assert "control.Id" in source and "dispatch(" in source
    tab = next(root.iter(f"{ns}tab"))
    assert tab.get("label") == "Forankring" and CALLBACK in callbacks


def test_olevba_extracts_exactly_our_vba(addin):
    from oletools.olevba import VBA_Parser

    from forankring_xl.excel.addin import modules

    parser = VBA_Parser(str(addin))
    assert parser.detect_vba_macros()
    got = {name.rsplit(".", 1)[0]: code for _, _, name, code in parser.extract_macros()}
    want = {m.name: m.code().decode("cp1252") for m in modules()}
    assert set(got) == set(want) == {"RibbonForankring", "xlwings", "Dictionary", "ThisWorkbook", "Sheet1", "Sheet2"}
    for name in want:
        assert got[name].replace("\r\n", "\n").rstrip("\n") == want[name].replace("\r\n", "\n").rstrip("\n")


def test_libreoffice_imports_the_modules(addin, soffice, tmp_path):
    done = soffice("--infilter=Calc MS Excel 2007 VBA XML", "--convert-to", "ods", "--outdir", str(tmp_path), str(addin))
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(tmp_path / "Forankring.ods") as z:
        names = z.namelist()
        module = next(n for n in names if n.endswith("/RibbonForankring.xml") and n.startswith("Basic/"))
        assert any(n.startswith("Basic/") and n.endswith("/xlwings.xml") for n in names)
        text = z.read(module).decode("utf-8")
    assert "Forankring_Knap" in text and "dispatch" in text


def test_vba_project_is_source_only(addin):
    import olefile

    with zipfile.ZipFile(addin) as z:
        blob = z.read("xl/vbaProject.bin")
        types = z.read("[Content_Types].xml").decode()
    assert "application/vnd.ms-excel.addin.macroEnabled.main+xml" in types
    ole = olefile.OleFileIO(io.BytesIO(blob))
    header = ole.openstream("VBA/_VBA_PROJECT").read()
    assert header[:2] == b"\xcc\x61" and header[2:4] == b"\xff\xff" and len(header) == 7
    project = ole.openstream("PROJECT").read().decode("cp1252")
    assert "Module=RibbonForankring" in project and "Module=xlwings" in project and "CMG=" in project
    assert "Document=ThisWorkbook/&H00000000" in project and "Class=Dictionary" in project
    with zipfile.ZipFile(addin) as z:
        assert 'codeName="ThisWorkbook"' in z.read("xl/workbook.xml").decode()


def test_install_on_linux_says_it_needs_excel():
    from test_cli import forankring

    done = forankring("addin", "install")
    assert done.returncode == 2 and "Excel" in done.stderr and "Traceback" not in done.stderr
