"""The add-in's VBA project, checked with readers that are not ours (issue 13).

Readers: olevba (oletools), olefile, pyOpenVBA, the ms-ovba-crypto decoder, LibreOffice (in
test_excel.py), and xlwings' own Excel-made ``quickstart_addin_ribbon.xlam`` as the reference for
what Excel writes.
"""

import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES
from hypothesis import given
from hypothesis import strategies as st

from forankring_xl.excel.vba.ovba import compress, encrypt

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def remote_licence(monkeypatch):
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")


def excel_made() -> Path:
    """xlwings' ribbon add-in as Excel saved it, from the installed xlwings package."""
    import xlwings

    path = Path(xlwings.__file__).parent / "quickstart_addin_ribbon.xlam"
    assert path.is_file(), path
    return path


def vba_bin(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/vbaProject.bin")


def project_text(path: Path) -> str:
    import olefile

    ole = olefile.OleFileIO(io.BytesIO(vba_bin(path)))
    return ole.openstream("PROJECT").read().decode("cp1252")


def olevba_modules(path: Path) -> dict[str, str]:
    from oletools.olevba import VBA_Parser

    parser = VBA_Parser(str(path))
    try:
        return {name.rsplit(".", 1)[0]: code.replace("\r\n", "\n") for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def load_addin(path: Path):
    """The add-in's sheets through openpyxl, which opens only workbook types: the same parts, the
    workbook part declared as an .xlsx workbook."""
    from openpyxl import load_workbook

    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.ms-excel.addin.macroEnabled.main+xml",
                                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
            dst.writestr(item, data)
    return load_workbook(out)


def protection(text: str) -> dict[str, str]:
    return {k: v for k, v in re.findall(r'^(CMG|DPB|GC)="([0-9A-F]+)"\r?$', text, re.M)}


# --- defect 1: RunPython passes the active workbook ---------------------------------------------


def test_runpython_passes_the_active_workbook_not_the_addin(addin):
    code = olevba_modules(addin)["xlwings"]
    wb_args = [line for line in code.splitlines() if "--wb=" in line]
    assert wb_args, "RunPython's command line (--wb=) is missing from the xlwings module"
    for line in wb_args:
        assert "ActiveWorkbook.Name" in line and "ThisWorkbook.Name" not in line, line
    # the workbook handed to Python for Book.caller() on Windows, too
    assert re.search(r'"BOOK_CALLER", ActiveWorkbook\b', code)
    assert not re.search(r'"BOOK_CALLER", ThisWorkbook\b', code)
    # xlwings' config lookup keeps xlwings' own names (xlwings.conf sheet and files)
    assert re.search(r'^Public Const PROJECT_NAME As String = "xlwings"$', code, re.M)


@pytest.mark.parametrize("button", ["tjek", "smart", "forfaldne", "gem_json", "ryd"])
@pytest.mark.parametrize("name", ["Forankring.xlam", "ANDET.XLA"])
def test_dispatch_refuses_an_addin_workbook(button, name, tmp_path, monkeypatch):
    import xlwings
    from test_excel import payload_from

    from forankring_xl.excel.ribbon import dispatch

    example = next(p for p in EXAMPLES if "sprog" in p.stem)
    payload = payload_from(example)
    payload["book"]["name"] = name
    book = xlwings.Book(json=payload)
    monkeypatch.chdir(tmp_path)
    assert dispatch(button, book) is None
    acts = book.json()["actions"]
    assert [a["func"] for a in acts] == ["alert"]
    message = acts[0]["args"][0]
    assert name in message and "tilføjelsesprogram" in message and "forankringsplan" in message
    assert list(tmp_path.iterdir()) == []  # gem_json wrote nothing


def test_dispatch_still_acts_on_a_workbook_named_like_a_plan():
    import xlwings
    from test_excel import payload_from

    from forankring_xl.excel.ribbon import dispatch

    example = next(p for p in EXAMPLES if "sprog" in p.stem)
    payload = payload_from(example)
    payload["book"]["name"] = "xlam-planen.xlsx"
    book = xlwings.Book(json=payload)
    dispatch("tjek", book)
    assert "addSheet" in {a["func"] for a in book.json()["actions"]}


# --- defect 2: protection fields per [MS-OVBA] 2.4.3.2 ------------------------------------------

VECTOR_ID = "{00000000-0000-0000-0000-0000001FFFFF}"  # its bytes sum to 0x..1B, the vector's project key


def test_encrypt_gives_the_published_vector():
    # Beakerboy/MS-OVBA-Crypto's decryption vector: seed 0x41, project key 0x1B, data 00000000
    assert sum(VECTOR_ID.encode()) & 0xFF == 0x1B
    assert encrypt(bytes(4), VECTOR_ID, seed=0x41) == "41435A5A5E5A5E5A5E5A5E"


@given(st.binary(max_size=64), st.integers(0, 255), st.text(alphabet="0123456789ABCDEF", min_size=32, max_size=32))
def test_ms_ovba_crypto_decrypts_what_we_encrypt(data, seed, hexdigits):
    from ms_ovba_crypto import MsOvbaCrypto

    h = hexdigits
    project_id = f"{{{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}}}"
    encrypted = bytes.fromhex(encrypt(data, project_id, seed=seed))
    assert MsOvbaCrypto.decrypt(encrypted) == data
    assert encrypted[2] == seed ^ (sum(project_id.encode()) & 0xFF)


def test_protection_fields_decode_like_excels(addin):
    from ms_ovba_crypto import MsOvbaCrypto

    ours = protection(project_text(addin))
    excels = protection(project_text(excel_made()))
    decoded = {k: MsOvbaCrypto.decrypt(bytes.fromhex(v)) for k, v in ours.items()}
    assert decoded == {k: MsOvbaCrypto.decrypt(bytes.fromhex(v)) for k, v in excels.items()}
    # not protected, no password, visible
    assert decoded == {"CMG": bytes(4), "DPB": b"\x00", "GC": b"\xff"}
    # pyOpenVBA reads the same fields and finds no password
    from pyopenvba import ExcelFile

    with ExcelFile(str(addin)) as wb:
        read = wb.vba_project().protection
    assert not read.has_password and (read.cmg, read.dpb, read.gc) == (ours["CMG"], ours["DPB"], ours["GC"])


# --- defect 3: no module named like the project -------------------------------------------------


def test_no_module_has_the_projects_name(addin):
    from pyopenvba import ExcelFile

    text = project_text(addin)
    project = re.search(r'^Name="([^"]+)"', text, re.M)[1]
    names = re.findall(r"^(?:Module|Class|Document)=([^/\r\n]+)", text, re.M)
    assert project == "Forankring" and names
    # VBA names are case-insensitive; "VBA", "Excel", "Office" and "stdole" are the implicit libraries
    taken = {project.casefold(), "vba", "excel", "office", "stdole"}
    assert not taken & {n.casefold() for n in names}
    with ExcelFile(str(addin)) as wb:  # the dir stream, read by pyOpenVBA, agrees
        project_read = wb.vba_project()
    assert project_read.name == project
    assert {m.name for m in project_read.modules} == set(names)


# --- minor: Dictionary class header; compress() and a short incompressible final chunk ----------


def attribute_lines(code: str) -> list[str]:
    return [line for line in code.split("\n") if line.startswith("Attribute ")]


def module_attributes(code: str) -> list[str]:
    """The module-level attribute lines (not those of a member, like ``Attribute Item.VB_UserMemId``)."""
    return [line for line in attribute_lines(code) if "." not in line.split()[1]]


def test_dictionary_class_header_is_excels(addin):
    ours = module_attributes(olevba_modules(addin)["Dictionary"])
    excels = module_attributes(olevba_modules(excel_made())["Dictionary"])
    assert "Attribute VB_TemplateDerived = False" in excels and "Attribute VB_Customizable = False" in excels
    assert ours == excels


def _decompress(blob: bytes) -> bytes:
    from oletools.olevba import decompress_stream

    return decompress_stream(bytearray(blob))


def test_compress_short_incompressible_final_chunk():
    text = (b"Attribute VB_Name = \"x\"\r\n" * 200)[:4096]
    data = text + os.urandom(4000)  # one chunk of text, then a short final chunk that does not compress
    blob = compress(data)
    out = _decompress(blob)
    assert out[:len(data)] == data
    assert out[len(data):] == bytes(len(out) - len(data))  # a raw chunk is padded with zeros ([MS-OVBA] 2.4.1.3.10)
    assert len(out) % 4096 == 0


@given(st.binary(max_size=9000), st.integers(0, 4200))
def test_compress_round_trips_through_olevba(text, noise):
    data = text + os.urandom(noise)
    out = _decompress(compress(data))
    assert out[:len(data)] == data
    assert set(out[len(data):]) <= {0} and len(out) - len(data) < 4096


# --- defect 4: the interpreter pinned in an xlwings.conf sheet; xlwings' user config path --------


def test_addin_carries_an_xlwings_conf_sheet_that_pins_the_interpreter(tmp_path):
    from test_cli import forankring

    python = r"C:\Programmer\Python311\python.exe"
    path = tmp_path / "Forankring.xlam"
    done = forankring("addin", "build", "-o", str(path), "--python", python)
    assert done.returncode == 0, done.stderr
    wb = load_addin(path)
    conf = wb["xlwings.conf"]  # xlwings reads a sheet named PROJECT_NAME + ".conf"
    keys = []
    for row in conf.iter_rows(min_row=1, max_col=2, values_only=True):
        if row[0] is None:
            break  # xlwings reads column A from A1 down to the first empty cell
        keys.append(row)
    settings = dict(keys)
    assert settings["INTERPRETER_WIN"] == python and settings["INTERPRETER_MAC"] == python
    assert settings["ADD_WORKBOOK_TO_PYTHONPATH"] == "false"  # text: xlwings compares it with "true"
    assert settings.get("CONDA PATH") in (None, "") and "CONDA ENV" in settings
    assert len(keys) == sum(1 for r in conf.iter_rows(values_only=True) if r[0] is not None)
    # every key is one xlwings' VBA asks for, spelled as it asks
    code = olevba_modules(path)["xlwings"]
    asked = set(re.findall(r'GetConfig\("([^"]+)"', code))
    assert set(settings) <= asked
    # the sheet's document module is in the VBA project under the sheet's code name
    with zipfile.ZipFile(path) as z:
        sheet_xml = next(z.read(n).decode() for n in z.namelist()
                         if n.startswith("xl/worksheets/sheet") and 'codeName="Sheet2"' in z.read(n).decode())
    assert sheet_xml and "Document=Sheet2/&H00000000" in project_text(path)


def test_the_default_interpreter_is_the_building_python(addin):
    import sys

    settings = {r[0]: r[1] for r in load_addin(addin)["xlwings.conf"].iter_rows(values_only=True)}
    assert Path(settings["INTERPRETER_WIN"]).resolve() == Path(sys.executable).resolve()


def _fake_home(monkeypatch, tmp_path, system):
    import platform

    import xlwings

    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("APPDATA", str(home / "AppData" / "Roaming"))
    monkeypatch.setattr(platform, "system", lambda: system)
    if system == "Darwin":  # xlwings' constant as it is on macOS: the file in Excel's sandbox container
        conf = home / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / "xlwings.conf"
    else:
        conf = home / ".xlwings" / "xlwings.conf"
    monkeypatch.setattr(xlwings, "USER_CONFIG_FILE", str(conf))
    return home, conf


def _conf_rows(path: Path) -> dict:
    return {r[0]: r[1] for r in load_addin(path)["xlwings.conf"].iter_rows(values_only=True)}


def test_install_on_macos_reads_xlwings_config_there_and_installs_the_applescript(monkeypatch, tmp_path):
    import sys

    import xlwings

    from forankring_xl.excel.install import install

    home, conf = _fake_home(monkeypatch, tmp_path, "Darwin")
    conf.parent.mkdir(parents=True)
    conf.write_text('"INTERPRETER_MAC","/usr/local/bin/python3.9"\n', encoding="utf-8")
    lines = install()
    text = "\n".join(lines)
    script = home / "Library" / "Application Scripts" / "com.microsoft.Excel" / f"xlwings-{xlwings.__version__}.applescript"
    assert script.read_bytes() == (Path(xlwings.__file__).parent / script.name).read_bytes()
    assert str(script.parent) in text
    assert str(conf) in text and "/usr/local/bin/python3.9" in text  # the note names the file it read
    target = home / "Library" / "Group Containers" / "UBF8T346G9.Office" / "User Content" / "Startup" / "Excel" / "Forankring.xlam"
    assert _conf_rows(target)["INTERPRETER_MAC"] == sys.executable
    assert "Traceback" not in text


def test_install_on_windows_puts_the_addin_in_xlstart_without_applescript(monkeypatch, tmp_path):
    import sys

    from forankring_xl.excel.install import install

    home, conf = _fake_home(monkeypatch, tmp_path, "Windows")
    conf.parent.mkdir(parents=True)
    conf.write_text('"INTERPRETER_WIN","C:\\\\Anaconda\\\\python.exe"\n', encoding="utf-8")
    text = "\n".join(install())
    target = home / "AppData" / "Roaming" / "Microsoft" / "Excel" / "XLSTART" / "Forankring.xlam"
    assert _conf_rows(target)["INTERPRETER_WIN"] == sys.executable
    assert str(conf) in text and "Anaconda" in text
    assert not (home / "Library").exists()


def test_install_gives_no_note_when_xlwings_config_agrees(monkeypatch, tmp_path):
    import sys

    from forankring_xl.excel.install import install

    home, conf = _fake_home(monkeypatch, tmp_path, "Windows")
    conf.parent.mkdir(parents=True)
    conf.write_text(f'"INTERPRETER_WIN","{sys.executable}"\n', encoding="utf-8")
    assert not any("Bemærk" in line for line in install())


# --- defect 5: "Indlæs JSON" on macOS --------------------------------------------------------


@pytest.fixture
def archive(tmp_path):
    from forankring_xl.io.archive import archive_json, make_archive
    from forankring_xl.io.reader import read_plan

    example = next(p for p in EXAMPLES if "ics" in p.stem)
    target = tmp_path / "arkiv" / "plan.json"
    target.parent.mkdir()
    target.write_text(archive_json(make_archive(read_plan(example))), encoding="utf-8")
    return example, target


def _fake_osascript(tmp_path, monkeypatch, body: str) -> Path:
    """An ``osascript`` on PATH that logs its arguments and answers as macOS does."""
    import platform

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "osascript.log"
    exe = bin_dir / "osascript"
    exe.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{log}"\n{body}\n', encoding="utf-8")
    exe.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(platform, "system", lambda: "Darwin")
    return log


def test_indlaes_json_on_macos_asks_through_applescript(archive, tmp_path, monkeypatch):
    from test_excel import book_for

    from forankring_xl.excel.ribbon import dispatch
    from forankring_xl.io.reader import read_plan

    example, json_path = archive
    log = _fake_osascript(tmp_path, monkeypatch, f'echo "{json_path}"')
    book = book_for(example)
    restored = dispatch("indlaes_json", book)
    assert restored == json_path.with_suffix(".xlsx") and read_plan(restored).plan == read_plan(example).plan
    script = log.read_text(encoding="utf-8")
    assert 'tell application "Microsoft Excel"' in script and "choose file" in script and "public.json" in script
    assert "POSIX path" in script


def test_indlaes_json_on_macos_cancel_does_nothing(archive, tmp_path, monkeypatch):
    from test_excel import book_for

    from forankring_xl.excel.ribbon import dispatch

    example, json_path = archive
    _fake_osascript(tmp_path, monkeypatch, 'echo "execution error: User canceled. (-128)" >&2; exit 1')
    book = book_for(example)
    assert dispatch("indlaes_json", book) is None
    assert book.json()["actions"] == [] and not json_path.with_suffix(".xlsx").exists()


def test_indlaes_json_on_macos_without_a_dialog_says_what_to_do(archive, tmp_path, monkeypatch):
    from test_excel import book_for

    from forankring_xl.excel.ribbon import dispatch

    example, _ = archive
    _fake_osascript(tmp_path, monkeypatch, 'echo "execution error: Not authorized (-1743)" >&2; exit 1')
    book = book_for(example)
    assert dispatch("indlaes_json", book) is None
    alert = book.json()["actions"]
    assert [a["func"] for a in alert] == ["alert"] and "forankring import" in alert[0]["args"][0]


# --- beside the Excel-made add-in --------------------------------------------------------------

#: PROJECT-stream keys whose values may differ from Excel's, each explained in docs/design.md
DOCUMENTED_DIFFERENCES = {"ID", "Name", "Document", "Module", "Class", "CMG", "DPB", "GC", "[Workspace]"}


def project_lines(text: str) -> list[tuple[str, str, str]]:
    """(section, key, value) for each line; module lines keep their kind as the key."""
    section, out = "", []
    for line in text.split("\r\n"):
        if not line:
            continue
        if line.startswith("["):
            section = line
            out.append((section, line, ""))
            continue
        key, _, value = line.partition("=")
        out.append((section, key, value))
    return out


def _per_module(section: str, key: str) -> bool:
    """A line that names one of the project's modules (their list and their editor windows)."""
    return key in {"Document", "Module", "Class"} or (section == "[Workspace]" and key != "[Workspace]")


def test_project_stream_differs_from_excels_only_where_documented(addin):
    ours, excels = project_lines(project_text(addin)), project_lines(project_text(excel_made()))

    def shape(lines):  # sections and keys in order, each run of module lines as one item
        keys = []
        for section, key, _ in lines:
            item = (section, "<modules>" if _per_module(section, key) else key)
            if not keys or keys[-1] != item:
                keys.append(item)
        return keys

    assert shape(ours) == shape(excels)
    excel_values = {(s, k): v for s, k, v in excels if not _per_module(s, k)}
    differing = set()
    for section, key, value in ours:
        if _per_module(section, key):
            differing.add("[Workspace]" if section == "[Workspace]" else key)
        elif excel_values[(section, key)] != value:
            differing.add(key)
    assert differing <= DOCUMENTED_DIFFERENCES, differing - DOCUMENTED_DIFFERENCES
    assert {"HelpContextID", "VersionCompatible32"}.isdisjoint(differing)
    design = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    table = design[design.index("test_project_stream_differs_from_excels_only_where_documented"):]
    for key in DOCUMENTED_DIFFERENCES:
        assert f"`{key}`" in table, f"{key} differs from Excel's add-in but docs/design.md does not say why"
    # the module kinds are Excel's for the modules both have
    kinds = lambda lines: {v.split("/")[0]: k for s, k, v in lines if k in {"Document", "Module", "Class"}}  # noqa: E731
    assert kinds(ours)["ThisWorkbook"] == kinds(excels)["ThisWorkbook"] == "Document"
    assert kinds(ours)["Dictionary"] == kinds(excels)["Dictionary"] == "Class"
    assert kinds(ours)["xlwings"] == kinds(excels)["xlwings"] == "Module"


def test_module_attribute_headers_are_excels(addin):
    ours, excels = olevba_modules(addin), olevba_modules(excel_made())
    strip_name = lambda code: [a for a in module_attributes(code) if not a.startswith("Attribute VB_Name")]  # noqa: E731
    excel_sheet = strip_name(excels["Sheet2"])
    assert len(excel_sheet) == 7  # VB_Base and six more
    for sheet in ("Sheet1", "Sheet2"):
        assert strip_name(ours[sheet]) == excel_sheet
    assert strip_name(ours["ThisWorkbook"]) == strip_name(excels["ThisWorkbook"])
    assert attribute_lines(ours["Dictionary"]) == attribute_lines(excels["Dictionary"])  # members too
    assert module_attributes(ours["xlwings"]) == module_attributes(excels["xlwings"]) == ['Attribute VB_Name = "xlwings"']
    assert module_attributes(ours["RibbonForankring"]) == ['Attribute VB_Name = "RibbonForankring"']
    assert module_attributes(excels["RibbonMyAddin"]) == ['Attribute VB_Name = "RibbonMyAddin"']


def test_pyopenvba_and_olefile_read_the_project(addin):
    import olefile
    from pyopenvba import ExcelFile
    from pyopenvba.integrity import check_file

    from forankring_xl.excel.addin import modules

    report = check_file(addin)
    assert report.ok and report.complete and not report.issues, report.issues
    with ExcelFile(str(addin)) as wb:
        assert wb.validate() == []
        project = wb.vba_project()
        assert project.validate() == [] and project.code_page == 1252
        read = {m.name: m.source.replace("\r\n", "\n") for m in project.modules}
    want = {m.name: m.code().decode("cp1252").replace("\r\n", "\n") for m in modules()}
    assert set(read) == set(want)
    for name, code in want.items():
        body = "\n".join(line for line in code.split("\n") if not line.startswith("Attribute VB_"))
        assert body.strip("\n") in read[name], name
    ole = olefile.OleFileIO(io.BytesIO(vba_bin(addin)))
    try:
        streams = {"/".join(p) for p in ole.listdir()}
        assert streams == {"PROJECT", "PROJECTwm", "VBA/_VBA_PROJECT", "VBA/dir"} | {f"VBA/{n}" for n in want}
        assert ole.get_type("VBA") == olefile.STGTY_STORAGE
        for path in streams:
            assert ole.get_size(path) == len(ole.openstream(path).read())
    finally:
        ole.close()


# --- one click: import only what the button needs ----------------------------------------------

CLICK = """
import json, sys, sysconfig
import xlwings
import forankring_xl.excel.ribbon as ribbon
after_entry = sorted(m for m in sys.modules if m.startswith("forankring_xl"))
book = xlwings.Book(json=json.load(open(sys.argv[1], encoding="utf-8")))
before = set(sys.modules)
ribbon.dispatch(sys.argv[2], book)
installed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
third_party = sorted({name.split(".")[0] for name, m in list(sys.modules.items()) if name not in before
                      and any(str(getattr(m, "__file__", None) or "").startswith(p) for p in installed)})
print(json.dumps({"entry": after_entry, "modules": sorted(sys.modules), "third_party": third_party}))
"""
#: Never imported by a button click: the command line, the calendar, file reading and writing
NOT_ON_A_CLICK = ("typer", "click", "rich", "icalendar", "openpyxl", "defusedxml", "et_xmlfile",
                  "forankring_xl.cli", "forankring_xl.io.archive", "forankring_xl.io.writer",
                  "forankring_xl.io.template", "forankring_xl.io.xlsx_fast", "forankring_xl.overdue.calendar",
                  "forankring_xl.batch")


def _click(tmp_path, button: str) -> dict:
    import json
    import subprocess
    import sys

    from test_excel import payload_from

    # a process that lemmatises Danish first, so the record of simplemma's rule languages exists
    warm = subprocess.run([sys.executable, "-c", "from forankring_xl.smart.checker import lemma; lemma('målene')"],
                          capture_output=True, text=True, timeout=300)
    assert warm.returncode == 0, warm.stderr
    example = next(p for p in EXAMPLES if "sprog" in p.stem)
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps(payload_from(example), default=str), encoding="utf-8")
    env = dict(os.environ, XLWINGS_LICENSE_KEY="noncommercial")
    done = subprocess.run([sys.executable, "-B", "-c", CLICK, str(payload), button], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("button", ["tjek", "ryd"])
def test_a_click_imports_only_what_its_button_needs(button, tmp_path):
    seen = _click(tmp_path, button)
    modules = set(seen["modules"])
    # the entry module alone: nothing but the package, its Excel folder and the ribbon
    assert seen["entry"] == ["forankring_xl", "forankring_xl.excel", "forankring_xl.excel.ribbon"]
    assert not [m for m in modules if m.split(".")[0] in NOT_ON_A_CLICK or m in NOT_ON_A_CLICK
                or m.startswith(tuple(n + "." for n in NOT_ON_A_CLICK))]
    assert ("forankring_xl.rules" in modules) == (button == "tjek")
    assert ("simplemma" in modules) == (button == "tjek")
    # simplemma's suffix rules for other languages (Finnish, Spanish, ...) are not compiled: Danish has none
    assert not [m for m in modules if m.startswith("simplemma.strategies.defaultrules.")]


def test_addin_install_compiles_every_package_a_tjek_click_imports(tmp_path):
    from forankring_xl.excel.install import CLICK_PACKAGES

    seen = _click(tmp_path, "tjek")
    assert "pydantic" in seen["third_party"] and "simplemma" in seen["third_party"]  # the test sees them
    # xlwings and what it imports came before the click (RunPython imports it first); what the click
    # adds must all be compiled by install (marisa-trie's Cython helpers are compiled code)
    compiled_code = {n for n in seen["third_party"] if n.startswith("_cython_") or n == "cython_runtime"}
    assert set(seen["third_party"]) - compiled_code <= set(CLICK_PACKAGES)


def test_compile_bytecode_writes_what_is_missing_and_names_what_it_could_not(tmp_path, monkeypatch):
    import importlib.util

    from forankring_xl.excel.install import compile_bytecode

    for name in ("fx_pkg_ok", "fx_pkg_blocked"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("VALUE = 1\n", encoding="utf-8")
        (tmp_path / name / "part.py").write_text("def f():\n    return 2\n", encoding="utf-8")
    (tmp_path / "fx_single.py").write_text("X = 3\n", encoding="utf-8")
    (tmp_path / "fx_pkg_blocked" / "__pycache__").write_text("a file where the folder would go", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert compile_bytecode(("fx_pkg_ok", "fx_single", "fx_pkg_blocked", "fx_not_installed")) == ["fx_pkg_blocked"]
    for source in (tmp_path / "fx_pkg_ok" / "__init__.py", tmp_path / "fx_pkg_ok" / "part.py", tmp_path / "fx_single.py"):
        assert Path(importlib.util.cache_from_source(str(source))).is_file()


def test_install_compiles_the_bytecode(monkeypatch, tmp_path):
    from forankring_xl.excel import install as install_module

    calls = []
    monkeypatch.setattr(install_module, "compile_bytecode", lambda *a: calls.append(a) or [])
    _fake_home(monkeypatch, tmp_path, "Windows")
    install_module.install()
    assert calls == [()]


@given(st.integers(1, 18278))
def test_column_letter_is_openpyxls(col):
    from openpyxl.utils import get_column_letter

    from forankring_xl.layout.spec import column_letter

    assert column_letter(col) == get_column_letter(col)


@given(st.floats(61, 2958465.99, allow_nan=False))
def test_serial_date_is_openpyxls(serial):
    from openpyxl.utils.datetime import from_excel

    from forankring_xl.io.reader import _serial_date

    assert _serial_date(serial) == from_excel(serial).date()


class _WindowsApi:
    """Excel's COM Application as far as Indlæs JSON uses it: GetOpenFilename gives a path or False."""

    def __init__(self, answer):
        self.answer, self.asked = answer, []

    def GetOpenFilename(self, *args):  # noqa: N802  (COM's name)
        self.asked.append(args)
        return self.answer


@pytest.mark.parametrize("cancel", [False, True])
def test_indlaes_json_on_windows_asks_excels_file_dialog(archive, monkeypatch, cancel):
    import platform

    from test_excel import book_for

    from forankring_xl.excel import ribbon

    example, json_path = archive
    monkeypatch.setattr(platform, "system", lambda: "Windows")
    book = book_for(example)
    api = _WindowsApi(False if cancel else str(json_path))
    monkeypatch.setattr(type(book.app), "api", property(lambda self: api))
    restored = ribbon.dispatch("indlaes_json", book)
    assert api.asked and "*.json" in api.asked[0][0]
    assert restored == (None if cancel else json_path.with_suffix(".xlsx"))
