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


@pytest.fixture(scope="module")
def addin(tmp_path_factory):
    from test_cli import forankring

    path = tmp_path_factory.mktemp("addin13") / "Forankring.xlam"
    done = forankring("addin", "build", "-o", str(path))
    assert done.returncode == 0, done.stderr
    return path


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
