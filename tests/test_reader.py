"""The reader copes with real returned workbooks, and refuses bad files with a Danish reason."""

import datetime as dt
import hashlib
import io
import zipfile

import pytest
from openpyxl import load_workbook
from openpyxl.utils.datetime import CALENDAR_MAC_1904

import make_examples
from forankring_xl.io import reader as reader_module
from forankring_xl.io.safety import ReadError
from forankring_xl.io.template import workbook_bytes
from forankring_xl.io.writer import plan_to_workbook, write_plan
from forankring_xl.layout import spec as L
from forankring_xl.model import Plan, PlanRow, Raw, Sigtepunkt, Status

T = L.ROW_TABLE
FIRST = T.first_data_row


ENGINE = {"name": "fast"}


@pytest.fixture(params=reader_module.ENGINES, autouse=True)
def engine(request):
    """Every test here runs on both readers: the fast XML one and openpyxl's."""
    ENGINE["name"] = request.param
    return request.param


@pytest.fixture
def read_plan(engine):
    return lambda path: reader_module.read_plan(path, engine=engine)


@pytest.fixture
def plan():
    return make_examples.velfaerdsteknologi_hjemmepleje()


@pytest.fixture
def book(plan):
    wb = plan_to_workbook(plan)
    for ws in wb.worksheets:  # users get an unprotected copy to edit freely in these tests
        ws.protection.sheet = False
    return wb


def save(wb, tmp_path, name="plan.xlsx"):
    path = tmp_path / name
    path.write_bytes(workbook_bytes(wb))
    return path


def test_reads_back_what_the_writer_wrote(plan, tmp_path, read_plan):
    path = tmp_path / "p.xlsx"
    write_plan(plan, path)
    result = read_plan(path)
    assert result.plan == plan
    assert result.findings == []
    assert result.template_version == "1.0"


def test_rows_inserted_above_the_table_and_extra_empty_rows(plan, book, tmp_path, read_plan):
    ws = book["Sigtepunkt 1"]
    ws.insert_rows(3, amount=4)  # a unit adds its own notes above the table
    ws.cell(row=3, column=1, value="Vores egne noter")
    ws.insert_rows(FIRST + 4 + 1, amount=2)  # two empty rows between table rows
    result = read_plan(save(book, tmp_path))
    rows = result.plan.sigtepunkter[0].raekker
    assert [r for r in rows if not r.is_empty()] == plan.sigtepunkter[0].raekker
    assert sum(r.is_empty() for r in rows) == 2
    # findings and locations point at the moved cells
    assert result.locator.row_field(0, 0, "aktivitet") == ("Sigtepunkt 1", f"B{FIRST + 4}")
    assert result.plan.sigtepunkter[0].opfoelgning == plan.sigtepunkter[0].opfoelgning


def test_sheet_copied_and_renamed_and_extra_sheets(plan, book, tmp_path, read_plan):
    book["Sigtepunkt 2"].title = "Medicin"
    copy = book.copy_worksheet(book["Sigtepunkt 1"])
    copy.title = "Sigtepunkt 4 (kopi)"
    copy.cell(row=1, column=2, value="Et fjerde sigtepunkt")
    result = read_plan(save(book, tmp_path))
    titles = [s.titel for s in result.plan.sigtepunkter]
    assert titles[:3] == [s.titel for s in plan.sigtepunkter]
    assert titles[3] == "Et fjerde sigtepunkt"
    assert result.locator.sheets[1] == "Medicin"
    assert result.plan.sigtepunkter[3].raekker == plan.sigtepunkter[0].raekker


def test_guide_and_lists_sheets_are_not_read_as_plan_sheets(plan, book, tmp_path, read_plan):
    # a sigtepunkt table pasted into the (normally locked) guide sheet is not a plan sheet
    book.remove(book[L.GUIDE_SHEET])
    book.copy_worksheet(book["Sigtepunkt 1"]).title = L.GUIDE_SHEET
    result = read_plan(save(book, tmp_path))
    assert result.locator.sheets == [s for s in book.sheetnames if s.startswith("Sigtepunkt")]
    assert len(result.plan.sigtepunkter) == len(plan.sigtepunkter)
    # the same table under any other name is read
    book[L.GUIDE_SHEET].title = "Ekstra"
    result = read_plan(save(book, tmp_path, "ekstra.xlsx"))
    assert result.locator.sheets[-1] == "Ekstra"
    assert result.plan.sigtepunkter[-1].raekker == plan.sigtepunkter[0].raekker


def test_labels_with_other_case_and_trailing_spaces(plan, book, tmp_path, read_plan):
    ws = book["Sigtepunkt 1"]
    for col in range(1, 13):
        cell = ws.cell(row=T.header_row, column=col)
        cell.value = cell.value.upper() + "   "
    ws.cell(row=1, column=1, value="sigtepunkt:  ")
    front = book[L.FRONT_SHEET]
    front.cell(row=4, column=1, value="KOMMUNE ")
    heading = L.followup_heading_row(T.min_rows)
    ws.cell(row=heading, column=1, value=" opfølgning ")
    ws.cell(row=heading + 1, column=1, value="hvor ofte følges der op")
    result = read_plan(save(book, tmp_path))
    assert result.plan == plan
    assert result.findings == []


def test_columns_in_another_order_are_found_by_header(plan, book, tmp_path, read_plan):
    ws = book["Sigtepunkt 1"]
    # swap the contents of the Formål and Bemærkning columns, headers included
    a, l_ = T.col("formaal"), T.col("bemaerkning")
    for row in range(T.header_row, FIRST + 30):
        x, y = ws.cell(row=row, column=a), ws.cell(row=row, column=l_)
        x.value, y.value = y.value, x.value
    result = read_plan(save(book, tmp_path))
    assert result.plan.sigtepunkter[0].raekker == plan.sigtepunkter[0].raekker


def test_danish_text_dates_and_datetimes(book, tmp_path, read_plan):
    ws = book["Sigtepunkt 1"]
    cases = {
        "start": "1. marts 2027",
        "slut": "01-03-2027",
        "delmaal_dato": "1/3-27",
        "maal_dato": "1.3.2027",
    }
    for key, text in cases.items():
        cell = ws.cell(row=FIRST, column=T.col(key), value=text)
        cell.data_type = "s"
    ws.cell(row=FIRST, column=T.col("sidst_fulgt_op"), value=dt.datetime(2027, 3, 1, 0, 0))
    result = read_plan(save(book, tmp_path))
    row = result.plan.sigtepunkter[0].raekker[0]
    for key in (*cases, "sidst_fulgt_op"):
        assert getattr(row, key) == dt.date(2027, 3, 1), key
    assert type(row.start) is dt.date
    assert result.findings == []


def test_invalid_date_text_is_kept_with_a_finding(book, tmp_path, read_plan):
    ws = book["Sigtepunkt 1"]
    ws.cell(row=FIRST + 1, column=T.col("delmaal_dato"), value="31. juni 2027")
    result = read_plan(save(book, tmp_path))
    assert result.plan.sigtepunkter[0].raekker[1].delmaal_dato == Raw(raw="31. juni 2027")
    (finding,) = result.findings
    assert finding.code == "DATE_INVALID" and finding.severity == "error"
    assert finding.sheet == "Sigtepunkt 1" and finding.cell == f"{T.letter('delmaal_dato')}{FIRST + 1}"
    assert "Delmål dato" in finding.message and "31. juni 2027" in finding.message


def test_unknown_status_is_kept_with_a_finding(book, tmp_path, read_plan):
    ws = book["Sigtepunkt 1"]
    ws.cell(row=FIRST, column=T.col("status"), value="Færdig")
    ws.cell(row=FIRST + 1, column=T.col("status"), value="  i gang ")
    result = read_plan(save(book, tmp_path))
    rows = result.plan.sigtepunkter[0].raekker
    assert rows[0].status == Raw(raw="Færdig") and rows[1].status is Status.I_GANG
    assert [f.code for f in result.findings] == ["VALUE_NOT_IN_LIST"]
    assert result.findings[0].cell == f"{T.letter('status')}{FIRST}"


def test_1904_date_system(plan, tmp_path, read_plan):
    wb = plan_to_workbook(plan)
    wb.epoch = CALENDAR_MAC_1904
    ws = wb["Sigtepunkt 1"]
    # a date whose cell lost its date format: a bare serial in the 1904 system
    serial_1904 = (dt.date(2027, 3, 1) - dt.date(1904, 1, 1)).days
    cell = ws.cell(row=FIRST + 5, column=T.col("start"), value=serial_1904)
    cell.number_format = "General"
    path = save(wb, tmp_path)
    with zipfile.ZipFile(path) as z:
        assert 'date1904="1"' in z.read("xl/workbook.xml").decode()
    result = read_plan(path)
    rows = result.plan.sigtepunkter[0].raekker
    assert rows[:3] == plan.sigtepunkter[0].raekker
    assert rows[5].start == dt.date(2027, 3, 1)


def test_merged_cells(plan, book, tmp_path, read_plan):
    ws = book["Sigtepunkt 1"]
    # Formål merged down over its continuation rows, as people often do
    col = T.col("formaal")
    ws.merge_cells(start_row=FIRST, start_column=col, end_row=FIRST + 2, end_column=col)
    result = read_plan(save(book, tmp_path))
    assert result.plan.sigtepunkter[0].raekker == plan.sigtepunkter[0].raekker
    resolved = list(result.plan.sigtepunkter[0].resolved_rows())
    assert resolved[2].formaal == plan.sigtepunkter[0].raekker[0].formaal and resolved[2].continues_formaal


def test_formula_cells_use_cached_values(book, tmp_path, soffice, read_plan):
    ws = book["Sigtepunkt 1"]
    ws.cell(row=FIRST, column=T.col("bemaerkning"), value='="Aftalt "&"i MED"')
    ws.cell(row=FIRST, column=T.col("delmaal_dato"), value="=DATE(2027,3,1)")
    src = save(book, tmp_path / "src" if (tmp_path / "src").mkdir() is None else tmp_path, "formler.xlsx")
    out = tmp_path / "calc"
    # LibreOffice recalculates and stores the cached values, as Excel does on save
    done = soffice("--convert-to", "xlsx", "--outdir", str(out), str(src))
    assert done.returncode == 0, done.stderr
    result = read_plan(out / "formler.xlsx")
    row = result.plan.sigtepunkter[0].raekker[0]
    assert row.bemaerkning == "Aftalt i MED"
    assert row.delmaal_dato == dt.date(2027, 3, 1)


def test_formula_without_cached_value_is_kept_as_text_with_a_finding(book, tmp_path, read_plan):
    ws = book["Sigtepunkt 1"]
    ws.cell(row=FIRST, column=T.col("bemaerkning"), value='="Aftalt "&"i MED"')
    result = read_plan(save(book, tmp_path))
    assert result.plan.sigtepunkter[0].raekker[0].bemaerkning == '="Aftalt "&"i MED"'
    assert [f.code for f in result.findings] == ["FORMULA_NO_VALUE"]


def test_cell_outside_the_table_is_reported_not_dropped(book, tmp_path, read_plan):
    ws = book["Sigtepunkt 1"]
    ws.cell(row=FIRST, column=T.last_col + 2, value="Husk kaffe")
    result = read_plan(save(book, tmp_path))
    (finding,) = result.findings
    assert finding.code == "CELL_OUTSIDE_TABLE" and "Husk kaffe" in finding.message
    assert finding.cell == f"N{FIRST}"


def test_input_file_is_not_modified(plan, tmp_path, read_plan):
    path = tmp_path / "p.xlsx"
    write_plan(plan, path)
    before = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    read_plan(path)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


# --- files that are not readable plans -------------------------------------------------


def _zip(path, parts: dict[str, bytes]):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def expect_error(path, *words):
    with pytest.raises(ReadError) as info:
        reader_module.read_plan(path, engine=ENGINE["name"])
    message = info.value.message
    assert str(path) in message
    for word in words:
        assert word in message, message
    return message


def test_missing_and_empty_files(tmp_path):
    expect_error(tmp_path / "findes-ikke.xlsx", "findes ikke")
    empty = tmp_path / "tom.xlsx"
    empty.write_bytes(b"")
    expect_error(empty, "tom")


def test_pdf_renamed_to_xlsx(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    expect_error(path, "PDF")


def test_truncated_zip(plan, tmp_path):
    good = tmp_path / "good.xlsx"
    write_plan(plan, good)
    bad = tmp_path / "afkortet.xlsx"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    expect_error(bad, "beskadiget")


def test_old_xls_made_by_libreoffice(plan, tmp_path, soffice):
    src = tmp_path / "plan.xlsx"
    write_plan(plan, src)
    out = tmp_path / "xls"
    done = soffice("--convert-to", "xls", "--outdir", str(out), str(src))
    assert done.returncode == 0, done.stderr
    expect_error(out / "plan.xls", ".xls")


def test_encrypted_workbook(plan, tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    src = tmp_path / "plan.xlsx"
    write_plan(plan, src)
    enc = tmp_path / "krypteret.xlsx"
    with src.open("rb") as plain, enc.open("wb") as out:
        OOXMLFile(plain).encrypt("hemmelig", out)
    assert enc.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")
    expect_error(enc, "krypteret")


def test_xlsb_and_ods(tmp_path, plan, soffice):
    xlsb = _zip(tmp_path / "plan.xlsb", {"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x00"})
    expect_error(xlsb, ".xlsb")
    src = tmp_path / "plan.xlsx"
    write_plan(plan, src)
    done = soffice("--convert-to", "ods", "--outdir", str(tmp_path / "ods"), str(src))
    assert done.returncode == 0, done.stderr
    expect_error(tmp_path / "ods" / "plan.ods", "OpenDocument")


def test_zip_that_is_no_workbook(tmp_path):
    expect_error(_zip(tmp_path / "noget.xlsx", {"readme.txt": b"hej"}), "ikke en Excel-projektmappe")


def test_workbook_that_is_not_a_forankringsplan(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "Budget 2027"
    wb.active["B2"] = 1200
    expect_error(save(wb, tmp_path, "budget.xlsx"), "ikke en forankringsplan")


def _with_doctype(src, dst, secret, padding=""):
    """Copy workbook ``src`` to ``dst`` with an external entity declared and used in the front sheet."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                decl = ""
                if text.startswith("<?xml"):
                    decl, text = text.split("?>", 1)
                    decl += "?>"
                text = text.replace("<t>Hjemmeplejen Nord</t>", "<t>&xxe;</t>", 1)
                doctype = f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file://{secret}">]>'
                data = f"{decl}{padding}{doctype}{text}".encode()
            zout.writestr(item, data)
    return dst


@pytest.mark.parametrize("padding", ["", "<!--" + "x" * 8000 + "-->"], ids=["plain", "behind-long-comment"])
def test_xml_with_external_entity_is_refused_and_never_resolved(plan, tmp_path, padding):
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("TOPHEMMELIGT")
    src = tmp_path / "plan.xlsx"
    write_plan(plan, src)
    evil = _with_doctype(src, tmp_path / "xxe.xlsx", secret, padding)
    # the preflight sees the DOCTYPE; behind a long comment, defusedxml inside openpyxl refuses it
    message = expect_error(evil)
    assert "DOCTYPE" in message or "entiteter" in message
    assert "TOPHEMMELIGT" not in message


def test_zip_bomb_is_refused(tmp_path, plan):
    src = tmp_path / "plan.xlsx"
    write_plan(plan, src)
    bomb = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item))
        zout.writestr("xl/media/fyld.bin", b"\0" * (64 * 1024 * 1024))
    expect_error(bomb, "zip-bombe")


def test_plan_without_front_sheet_reads_with_a_finding(book, tmp_path, read_plan):
    book.remove(book[L.FRONT_SHEET])
    result = read_plan(save(book, tmp_path))
    assert result.plan.kommune is None and len(result.plan.sigtepunkter) == 3
    assert "FRONT_SHEET_MISSING" in [f.code for f in result.findings]


def test_sigtepunkt_without_followup_block_reads_with_a_finding(tmp_path, read_plan):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    for col, column in enumerate(T.columns, start=1):
        ws.cell(row=1, column=col, value=column.header)
    ws.cell(row=2, column=1, value="Formål A")
    ws.cell(row=2, column=2, value="Aktivitet A")
    result = read_plan(save(wb, tmp_path))
    assert result.plan.sigtepunkter == [Sigtepunkt(raekker=[PlanRow(formaal="Formål A", aktivitet="Aktivitet A")])]
    codes = {f.code for f in result.findings}
    assert {"FOLLOWUP_BLOCK_NOT_FOUND", "FRONT_SHEET_MISSING", "FIELD_NOT_FOUND"} <= codes


def test_examples_saved_by_libreoffice_read_the_same(tmp_path, soffice, read_plan):
    """A unit that opens the plan in LibreOffice and saves it sends back a package written by another
    program (shared strings, its own styles, dates as styled numbers): the plan must read the same."""
    from conftest import EXAMPLES

    out = tmp_path / "calc"
    done = soffice("--convert-to", "xlsx", "--outdir", str(out), *map(str, EXAMPLES))
    assert done.returncode == 0, done.stderr
    for example in EXAMPLES:
        saved = out / example.name
        with zipfile.ZipFile(saved) as z:
            assert "xl/sharedStrings.xml" in z.namelist()  # really rewritten, not copied
        original, again = reader_module.read_plan(example), read_plan(saved)
        assert again.plan == original.plan, example.name
        assert [f.code for f in again.findings] == [f.code for f in original.findings], example.name
