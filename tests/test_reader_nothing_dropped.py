"""Nothing of a plan is dropped silently: each odd structure is read correctly or gets a finding naming
the sheet, on both reader engines (issue 14, section 4)."""

import datetime as dt
import json
import re
import zipfile

import pytest
from conftest import EXAMPLES
from openpyxl import load_workbook
from test_cli import forankring

import make_examples
from forankring_xl.io import reader as reader_module
from forankring_xl.io.archive import SCHEMA_VERSION
from forankring_xl.io.template import workbook_bytes
from forankring_xl.io.writer import plan_to_workbook
from forankring_xl.layout import spec as L
from forankring_xl.model import MAX_CELL_TEXT, Raw

SOURCE = next(p for p in EXAMPLES if p.name == "ics_familieafdeling.xlsx")
T = L.ROW_TABLE
FIRST = T.first_data_row


def _rewrite(target, changes: dict):
    with zipfile.ZipFile(SOURCE) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item)
            if item.filename in changes:
                body = changes[item.filename](body)
            zout.writestr(item, body)
    return target


def _both(path):
    """Read with both engines; they must agree on the plan and the findings."""
    fast, slow = (reader_module.read_plan(path, engine=e) for e in reader_module.ENGINES)
    assert fast.plan == slow.plan
    assert [f.model_dump() for f in fast.findings] == [f.model_dump() for f in slow.findings]
    assert fast.locator.cells == slow.locator.cells
    return fast


def _codes(result, code):
    return [f for f in result.findings if f.code == code]


def test_two_sheets_with_the_same_name_are_both_read(tmp_path):
    def rename(body):  # "Sigtepunkt 2" becomes a second "Sigtepunkt 1"
        return body.replace(b'name="Sigtepunkt 2"', b'name="Sigtepunkt 1"')

    path = _rewrite(tmp_path / "dobbelt.xlsx", {"xl/workbook.xml": rename})
    result = _both(path)
    plain = reader_module.read_plan(SOURCE)
    assert len(result.plan.sigtepunkter) == len(plain.plan.sigtepunkter)
    assert result.plan.sigtepunkter == plain.plan.sigtepunkter
    (finding,) = _codes(result, "SHEET_NAME_REPEATED")
    assert finding.sheet == "Sigtepunkt 1 (2)" and "'Sigtepunkt 1'" in finding.message
    assert result.locator.sheets[1] == "Sigtepunkt 1 (2)"


@pytest.mark.parametrize("plural", [("Aktivitet", "Aktiviteter"), ("Ansvarlig", "Ansvarlige")])
def test_headers_in_the_plural_are_read(tmp_path, plural):
    plan = make_examples.ics_familieafdeling()
    wb = plan_to_workbook(plan)
    ws = wb["Sigtepunkt 1"]
    column = T.col("aktivitet" if plural[0] == "Aktivitet" else "ansvarlig")
    assert ws.cell(row=T.header_row, column=column).value.startswith(plural[0])
    ws.cell(row=T.header_row, column=column).value = plural[1]
    path = tmp_path / "flertal.xlsx"
    path.write_bytes(workbook_bytes(wb))
    result = _both(path)
    assert result.plan.sigtepunkter == plan.sigtepunkter
    assert not _codes(result, "TABLE_COLUMN_MISSING") and not _codes(result, "SHEET_NOT_READ")


def test_a_sheet_that_cannot_be_read_as_a_plan_sheet_gets_a_finding(tmp_path):
    plan = make_examples.ics_familieafdeling()
    wb = plan_to_workbook(plan)
    ws = wb["Sigtepunkt 2"]
    for col in range(1, 12):  # headers nobody can match: the sheet is not a sigtepunkt table any more
        ws.cell(row=T.header_row, column=col).value = f"Kolonne {col}"
    path = tmp_path / "ukendt.xlsx"
    path.write_bytes(workbook_bytes(wb))
    result = _both(path)
    (finding,) = _codes(result, "SHEET_NOT_READ")
    assert finding.sheet == "Sigtepunkt 2" and "ikke læst" in finding.message


def test_cells_without_r_references_are_placed_by_counting(tmp_path):
    def strip_refs(body):
        return re.sub(rb'(<c) r="[A-Z]+[0-9]+"', rb"\1", body)

    path = _rewrite(tmp_path / "uden-r.xlsx", {"xl/worksheets/sheet3.xml": strip_refs})
    assert b' r="B' not in zipfile.ZipFile(path).read("xl/worksheets/sheet3.xml")
    result = _both(path)
    plain = reader_module.read_plan(SOURCE)
    assert result.plan.sigtepunkter[0] == plain.plan.sigtepunkter[0]


def test_a_unit_sheet_named_tjek_is_read_and_annotate_keeps_it(tmp_path):
    def rename(body):
        return body.replace(b'name="Sigtepunkt 1"', b'name="Tjek"')

    path = _rewrite(tmp_path / "tjek.xlsx", {"xl/workbook.xml": rename})
    result = _both(path)
    plain = reader_module.read_plan(SOURCE)
    assert result.plan.sigtepunkter == plain.plan.sigtepunkter and result.locator.sheets[0] == "Tjek"
    out = tmp_path / "annoteret.xlsx"
    done = forankring("check", str(path), "--annotate", str(out), "--as-of", "2026-11-22")
    assert done.returncode in (0, 1), done.stderr
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Tjek (2)" and "Tjek" in wb.sheetnames
    assert wb["Tjek (2)"]["A1"].value == "Tjek af forankringsplan"
    own = wb["Tjek"]
    assert any(c.value == plain.plan.sigtepunkter[0].raekker[0].aktivitet for row in own.iter_rows() for c in row)
    # annotated again: our report is replaced, the unit's sheet stays, and the copy reads as before
    again = tmp_path / "igen.xlsx"
    done = forankring("check", str(out), "--annotate", str(again), "--as-of", "2026-11-22")
    assert done.returncode in (0, 1), done.stderr
    assert load_workbook(again).sheetnames.count("Tjek (2)") == 1 and "Tjek" in load_workbook(again).sheetnames
    assert _both(again).plan == result.plan


def test_a_shared_string_index_out_of_range_is_a_finding_not_a_failure(tmp_path):
    cell = f"B{FIRST}"

    def break_ref(body):  # the cell names shared string 999999; the file has no such string
        return re.sub(rf'<c r="{cell}"( s="[0-9]+")? t="inlineStr"><is>.*?</is></c>'.encode(),
                      rf'<c r="{cell}"\1 t="s"><v>999999</v></c>'.encode(), body, count=1, flags=re.S)

    path = _rewrite(tmp_path / "streng.xlsx", {"xl/worksheets/sheet3.xml": break_ref})
    assert b"<v>999999</v>" in zipfile.ZipFile(path).read("xl/worksheets/sheet3.xml")
    result = _both(path)
    (finding,) = _codes(result, "TEXT_MISSING_IN_FILE")
    assert (finding.sheet, finding.cell) == ("Sigtepunkt 1", cell) and "999999" in finding.message


@pytest.mark.parametrize("number, date_format", [(-5, True), (99999999, False)], ids=["negative", "too-big"])
def test_a_number_that_is_no_date_in_a_date_cell_gets_a_finding(tmp_path, number, date_format):
    plan = make_examples.ics_familieafdeling()
    wb = plan_to_workbook(plan)
    ws = wb["Sigtepunkt 1"]
    target = ws.cell(row=FIRST, column=T.col("delmaal_dato"))
    target.value = number
    target.number_format = "dd-mm-yyyy" if date_format else "General"
    path = tmp_path / "tal.xlsx"
    path.write_bytes(workbook_bytes(wb))
    result = _both(path)
    findings = [f for f in _codes(result, "DATE_INVALID") if f.cell == target.coordinate]
    assert findings and findings[0].sheet == "Sigtepunkt 1" and f"tallet {number}" in findings[0].message
    # a number is kept and said to be kept as a number (before, a big one was said to be kept as text)
    assert findings[0].message.endswith("Tallet er bevaret.")
    assert findings[0].suggestion == "Skriv en dato, fx 1-3-2027."
    assert result.plan.sigtepunkter[0].raekker[0].delmaal_dato == Raw(raw=str(number))


def test_text_longer_than_excel_allows_is_cut_with_a_finding_naming_the_cell(tmp_path):
    long = "Kurset gennemføres. " * 2000  # 40,000 characters
    assert len(long) > MAX_CELL_TEXT

    plan = make_examples.ics_familieafdeling()
    wb = plan_to_workbook(plan)
    path = tmp_path / "lang.xlsx"
    path.write_bytes(workbook_bytes(wb))
    # openpyxl will not write a cell over the limit; put it into the package by hand
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    sheet = parts["xl/worksheets/sheet3.xml"]
    from openpyxl.utils import get_column_letter

    ref = f"{get_column_letter(T.col('aktivitet'))}{FIRST}"
    cell = f'<c r="{ref}" t="inlineStr"><is><t>{long}</t></is></c>'.encode()
    sheet, n = re.subn(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)'.encode(), cell, sheet, count=1, flags=re.S)
    assert n == 1
    parts["xl/worksheets/sheet3.xml"] = sheet
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    result = _both(path)
    (finding,) = _codes(result, "TEXT_TOO_LONG")
    assert (finding.sheet, finding.cell) == ("Sigtepunkt 1", ref) and "40.000 tegn" in finding.message
    assert result.plan.sigtepunkter[0].raekker[0].aktivitet == long[:MAX_CELL_TEXT].strip()
    assert result.plan.sigtepunkter[1:] == reader_module.read_plan(SOURCE).plan.sigtepunkter[1:]


@pytest.mark.parametrize("version", [SCHEMA_VERSION + 1, "7", 99])
def test_an_archive_from_a_future_schema_version_is_refused_before_import(tmp_path, version):
    archive = tmp_path / "plan.json"
    assert forankring("export", str(SOURCE), "-o", str(archive)).returncode == 0
    data = json.loads(archive.read_text(encoding="utf-8"))
    data["schema_version"] = version
    archive.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "plan.xlsx"
    done = forankring("import", str(archive), "-o", str(out))
    assert done.returncode == 2
    assert "nyere version af forankring-xl" in done.stderr and f"skemaversion {int(version)}" in done.stderr
    assert not out.exists()
