"""The xlwings Lite route on CPython: the entry module's scripts, the /data JSON buttons, no-notes Excel.

What needs Pyodide itself (the awaitable reads of fills and notes, the package installed from its wheel)
is tested in tests/test_pyodide.py, against these same expectations.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given
from hypothesis import strategies as st
from conftest import EXAMPLES
from lite_client import known_formats_for, lite_formats, lite_payload, with_user_marks
from test_excel import actions, marks_in

from forankring_xl.annotate.marks import REGISTRY_SHEET, TJEK_SHEET
from forankring_xl.excel import ribbon
from forankring_xl.excel.surface import known_formats
from forankring_xl.io.reader import read_plan

SPROG = next(p for p in EXAMPLES if "sprog" in p.stem)


@pytest.fixture(autouse=True)
def remote_licence(monkeypatch):
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")


@pytest.fixture
def lite(remote_licence):
    """The entry module, imported with the licence key xlwings' server module asks for on desktop."""
    import importlib

    return importlib.import_module("forankring_xl.excel.lite")


def book_of(payload: dict):
    import xlwings  # imported after the licence key is set: xlwings registers its remote engine on import

    return xlwings.Book(json=payload)


def run_script(name: str, book):
    import xlwings

    from forankring_xl.excel import lite
    from xlwings.server import custom_scripts_call

    return finish(custom_scripts_call(lite, name, typehint_to_value={xlwings.Book: book}))


def finish(coroutine):
    """Run a coroutine that never waits on I/O to its end (in Pyodide under Node, asyncio.run needs
    WebAssembly stack switching, which Node 20 does not have; these tests' scripts never suspend)."""
    try:
        coroutine.send(None)
    except StopIteration as stop:
        return stop.value
    coroutine.close()
    raise AssertionError("the script waited for I/O")


def test_one_lite_script_per_ribbon_button_with_danish_names_and_help(lite):
    from xlwings.server import custom_scripts_meta

    meta = {m["function_name"]: m for m in custom_scripts_meta(lite)}
    assert set(lite.SCRIPTS) == set(ribbon.BUTTONS)
    assert set(meta) == {f.__name__ for f in lite.SCRIPTS.values()}
    names = [meta[f.__name__]["name"] for f in lite.SCRIPTS.values()]
    assert names == ["Tjek planen", "SMART", "Forfaldne", "Gem som JSON", "Indlæs JSON", "Ryd markeringer"]
    for func in lite.SCRIPTS.values():
        assert func.__doc__ and func.__doc__.startswith("**")
    assert "Knapperne" in lite.__doc__  # the App Mode description


@pytest.mark.parametrize("button", ribbon.BUTTONS)
def test_each_script_runs_dispatch_with_its_button(button, monkeypatch, lite):
    calls = []
    monkeypatch.setattr(lite, "dispatch", lambda bid, book: calls.append((bid, book, known_formats.get())))

    async def read_nothing(book):
        return known_formats_for({"fills": {}, "notes": {}}, {"sheets": []})

    monkeypatch.setattr(lite, "_read_formats", read_nothing)
    book = book_of(lite_payload(SPROG))
    returned = run_script(lite.SCRIPTS[button].__name__, book)
    assert returned is book and [(c[0], c[1]) for c in calls] == [(button, book)]
    marks_cells = button in ("tjek", "smart", "forfaldne")
    assert (calls[0][2] is not None) == marks_cells  # the formats were read ahead only where marks go
    assert known_formats.get() is None


def test_tjek_with_formats_read_ahead_keeps_the_users_own_fill_and_note(tmp_path):
    """Lite reads fills and notes with its awaitable API; the registry then holds the user's own."""
    flagged = ("Sigtepunkt 1", "G5")  # DATE_INVALID in this example (test_excel)
    path = with_user_marks(SPROG, tmp_path / "sprog.xlsx", {flagged: ("00B050", "Min egen note")})
    payload = lite_payload(path)
    token = known_formats.set(known_formats_for(lite_formats(path), payload))
    try:
        book = book_of(payload)
        marks = ribbon.dispatch("tjek", book)
    finally:
        known_formats.reset(token)
    acts = actions(book)
    registry = next(a["values"] for a in acts if a["func"] == "setValues"
                    and a["values"][0] == ["Ark", "Celle", "Tidligere fyld", "Tidligere note"])
    rows = {(r[0], r[1]): (r[2], r[3]) for r in registry[1:]}
    assert rows[flagged] == ("00B050", "Min egen note")
    others = [v for k, v in rows.items() if k != flagged]
    assert others and all(fill != "?" for fill, _ in others)  # no fill was unknown
    assert len(rows) == len(marks)
    # the note is replaced by ours (deleted first), and the user's note is in the registry to come back
    assert any(a["func"] == "deleteNote" for a in acts)


def test_without_notes_the_fills_and_the_tjek_sheet_remain_and_say_so():
    book = book_of(lite_payload(SPROG, notes_supported=False))
    before = [s.name for s in book.sheets]
    marks = ribbon.dispatch("tjek", book)
    acts = actions(book)
    assert not [a for a in acts if a["func"] == "addNote"]
    assert len(marks_in(before, acts)) == len(marks) > 0
    tjek = next(a["values"] for a in acts if a["func"] == "setValues" and a["sheet_position"] == 0)
    line = next(r for r in tjek if r and r[0] == "Noter")
    assert f"{len(marks)} celler er kun farvet" in line[1] and "noter" in line[1]
    with_notes = book_of(lite_payload(SPROG))
    ribbon.dispatch("tjek", with_notes)
    tjek = next(a["values"] for a in actions(with_notes) if a["func"] == "setValues" and a["sheet_position"] == 0)
    assert not any(r and r[0] == "Noter" for r in tjek)


@pytest.fixture
def in_lite(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setattr(ribbon, "in_lite", lambda: True)
    monkeypatch.setattr(ribbon, "LITE_DATA", data)
    monkeypatch.chdir(tmp_path)  # the workbook's own folder (Lite has none) must not be used
    return data


def test_gem_json_in_lite_writes_to_data_and_says_where(in_lite, capsys, lite):
    book = book_of(lite_payload(SPROG))
    target = run_script("gem_som_json", book)  # returns the book; the file is what counts
    assert target is book
    files = list(in_lite.iterdir())
    assert [f.name for f in files] == [SPROG.stem + ".json"]
    assert json.loads(files[0].read_text("utf-8"))["plan"] == json.loads(read_plan(SPROG).plan.model_dump_json())
    out = capsys.readouterr().out
    assert str(files[0]) in out and "Files" in out and "gemt" in out
    assert not list(in_lite.parent.glob("*.json"))


def test_indlaes_json_in_lite_restores_the_newest_json_from_data(in_lite, capsys, lite):
    book = book_of(lite_payload(SPROG))
    assert ribbon.dispatch("indlaes_json", book) is None
    assert "ingen JSON-fil" in capsys.readouterr().out
    ribbon.dispatch("gem_json", book)
    older = in_lite / "ældre.json"
    older.write_text("{}", encoding="utf-8")
    os.utime(older, (1, 1))
    run_script("indlaes_json", book)
    restored = in_lite / (SPROG.stem + ".xlsx")
    assert restored.exists() and read_plan(restored).plan == read_plan(SPROG).plan
    out = capsys.readouterr().out
    assert str(restored) in out and "Files" in out and SPROG.stem + ".json" in out


def test_ryd_script_removes_our_sheets(lite):
    payload = lite_payload(SPROG)
    book = book_of(payload)
    marks = ribbon.dispatch("tjek", book)
    assert marks
    payload["sheets"].insert(0, {"name": TJEK_SHEET, "values": [["Tjek af forankringsplan"]], "pictures": [],
                                 "tables": [], "notes": [], "notes_supported": True})
    payload["sheets"].append({"name": REGISTRY_SHEET, "values": [["Ark", "Celle", "Tidligere fyld", "Tidligere note"]]
                              + [[m.sheet, m.cell, "FFF9DB", ""] for m in marks], "pictures": [], "tables": [],
                              "notes": [], "notes_supported": True})
    again = book_of(payload)
    run_script("ryd_markeringer", again)
    assert sum(a["func"] == "sheetDelete" for a in actions(again)) == 2


# --- the template that carries the code -----------------------------------------------------------

def _zip(path):
    import zipfile

    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


@pytest.fixture(scope="module")
def lite_template(tmp_path_factory):
    from test_cli import forankring

    folder = tmp_path_factory.mktemp("lite")
    done = forankring("template", "--lite", "-o", str(folder / "lite.xlsx"))
    assert done.returncode == 0, done.stderr
    assert forankring("template", "-o", str(folder / "plain.xlsx")).returncode == 0
    return folder / "lite.xlsx"


def test_template_lite_has_the_parts_wired_and_the_plain_template_otherwise(lite_template):
    from xml.etree import ElementTree as ET

    from forankring_xl.io import lite_parts as P

    parts, plain = _zip(lite_template), _zip(lite_template.with_name("plain.xlsx"))
    added = set(parts) - set(plain)
    assert added == {P.WEBEXTENSION, P.TASKPANES, P.TASKPANES_RELS}
    for name in set(plain) - {"[Content_Types].xml", "_rels/.rels", "docProps/core.xml"}:
        assert parts[name] == plain[name], name  # the sheets are the plain template's
    for name in added:
        ET.fromstring(parts[name])  # well-formed
    types = parts["[Content_Types].xml"].decode()
    assert f'PartName="/{P.WEBEXTENSION}" ContentType="application/vnd.ms-office.webextension+xml"' in types
    assert f'PartName="/{P.TASKPANES}" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"' in types
    rels = ET.fromstring(parts["_rels/.rels"])
    targets = {r.get("Type"): r.get("Target") for r in rels}
    assert targets[P.TASKPANES_REL] == P.TASKPANES
    assert len({r.get("Id") for r in rels}) == len(rels)
    pane_rel = ET.fromstring(parts[P.TASKPANES_RELS])[0]
    pane_ref = next(ET.fromstring(parts[P.TASKPANES]).iter(f"{{{P.WETP_NS}}}webextensionref"))
    assert pane_ref.get(f"{{{P.R_NS}}}id") == pane_rel.get("Id") and pane_rel.get("Target") == "webextension1.xml"
    ext = ET.fromstring(parts[P.WEBEXTENSION])
    refs = [r.get("id").upper() for r in ext.iter(f"{{{P.WE_NS}}}reference")]
    assert refs and set(refs) == {"WA200008175"}


def test_template_lite_settings_hold_main_py_and_pinned_requirements(lite_template):
    from importlib.metadata import version

    from forankring_xl import __version__
    from forankring_xl.io.lite_parts import main_py, read_settings

    settings = read_settings(lite_template.read_bytes())
    assert settings["main.py"] == main_py()
    compile(settings["main.py"], "main.py", "exec")
    lines = [line.split("#")[0].strip() for line in settings["requirements.txt"].splitlines()]
    assert f"forankring-xl=={__version__}" in lines and f"xlwings=={version('xlwings')}" in lines


def test_main_py_from_the_template_gives_every_button(lite_template, lite):
    """Executed as Lite would: its @script functions are the buttons, with the entry module's names."""
    import types

    from xlwings.server import custom_scripts_meta

    from forankring_xl.io.lite_parts import read_settings

    module = types.ModuleType("main")
    exec(compile(read_settings(lite_template.read_bytes())["main.py"], "main.py", "exec"), module.__dict__)
    meta = sorted((m["function_name"], m["name"]) for m in custom_scripts_meta(module))
    assert meta == sorted((f.__name__, m["name"]) for f, m in
                          ((f, f.__xlscript__) for f in lite.SCRIPTS.values()))
    assert len(meta) == len(ribbon.BUTTONS)
    assert "Knapperne" in module.__doc__


def test_the_parts_survive_check_annotate_and_import_lite(lite_template, tmp_path):
    from test_cli import forankring

    from forankring_xl.io import lite_parts as P

    example = tmp_path / "plan.xlsx"
    example.write_bytes(P.add_lite_parts(SPROG.read_bytes()))
    expected = P.lite_parts_of(example.read_bytes())
    done = forankring("check", "--annotate", str(tmp_path / "tjek.xlsx"), str(example))
    assert done.returncode in (0, 1), done.stderr
    annotated = (tmp_path / "tjek.xlsx").read_bytes()
    assert P.lite_parts_of(annotated) == expected
    assert P.read_settings(annotated)["main.py"] == P.main_py()
    assert "Tjek" in __import__("openpyxl").load_workbook(tmp_path / "tjek.xlsx").sheetnames
    assert forankring("export", str(example), "-o", str(tmp_path / "plan.json")).returncode in (0, 1)
    assert forankring("import", str(tmp_path / "plan.json"), "-o", str(tmp_path / "lite.xlsx"), "--lite").returncode == 0
    assert forankring("import", str(tmp_path / "plan.json"), "-o", str(tmp_path / "plain.xlsx")).returncode == 0
    assert P.lite_parts_of((tmp_path / "lite.xlsx").read_bytes()) == P.lite_parts_of(lite_template.read_bytes())
    assert P.lite_parts_of((tmp_path / "plain.xlsx").read_bytes()) == {}
    assert read_plan(tmp_path / "lite.xlsx").plan == read_plan(SPROG).plan


def test_libreoffice_reads_the_lite_template_and_drops_the_code_when_it_saves(lite_template, soffice, tmp_path):
    """LibreOffice opens it; a copy it saves keeps the task pane but not the extension (main.py is lost).

    docs/installation.md tells the user; `forankring import --lite` gives the buttons back.
    """
    from forankring_xl.io import lite_parts as P

    out = tmp_path / "lo"
    done = soffice("--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(lite_template))
    assert done.returncode == 0, done.stderr
    saved = _zip(out / "lite.xlsx")
    assert "xl/worksheets/sheet1.xml" in saved and len([n for n in saved if n.startswith("xl/worksheets/sheet")]) >= 3
    assert P.WEBEXTENSION not in saved
    assert read_plan(out / "lite.xlsx").plan == read_plan(lite_template).plan


def test_a_cell_outside_the_fills_read_ahead_counts_as_unknown_not_as_unfilled():
    """Lite reads fills over the used range; a marked cell beyond it must get the template fill back."""
    from forankring_xl.excel.surface import UNKNOWN_FILL, KnownFormats, XlwingsSurface

    payload = lite_payload(SPROG)
    known = KnownFormats(fills={("Sigtepunkt 1", "B2"): "00B050"}, sheets={"Sigtepunkt 1"},
                         fill_ranges={"Sigtepunkt 1": (1, 1, 10, 5)})
    token = known_formats.set(known)
    try:
        surface = XlwingsSurface(book_of(payload))
        assert surface.get_fill("Sigtepunkt 1", "B2") == "00B050"
        assert surface.get_fill("Sigtepunkt 1", "C3") == ""  # read, no fill
        assert surface.get_fill("Sigtepunkt 1", "F3") == UNKNOWN_FILL  # column 6: not read
        assert surface.get_fill("Sigtepunkt 1", "A11") == UNKNOWN_FILL  # row 11: not read
        surface.set_fill("Sigtepunkt 1", "C3", None, rgb="FFC7CE")
        assert surface.get_fill("Sigtepunkt 1", "C3") == "FFC7CE"  # kept current as it writes
    finally:
        known_formats.reset(token)


@given(row=st.integers(1, 1_048_576), col=st.integers(1, 16_384))
def test_row_col_reads_a1_cells_as_openpyxl_does(row, col):
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter

    from forankring_xl.layout.spec import row_col

    cell = f"{get_column_letter(col)}{row}"
    letters, r = coordinate_from_string(cell)
    assert row_col(cell) == (r, column_index_from_string(letters)) == (row, col)
