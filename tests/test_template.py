"""The template: committed file = fresh build, and it works in plain Excel (checked through its XML
with openpyxl, and opened by LibreOffice as an independent reader)."""

import csv
import datetime as dt
import zipfile

import pytest
from conftest import TEMPLATE
from helpers import fingerprint
from openpyxl import load_workbook
from typer.testing import CliRunner

from forankring_xl.cli.app import app
from forankring_xl.layout import spec as L
from forankring_xl.model import Phase, Role, Status

HEADER_WORDS = [
    "Formål", "Aktivitet", "Ansvarlig", "Start", "Slut", "Delmål", "Delmål dato",
    "Mål", "Mål dato", "Status", "Sidst fulgt op", "Bemærkning",
]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    path = tmp_path_factory.mktemp("tpl") / "plan.xlsx"
    result = CliRunner().invoke(app, ["template", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def wb(fresh):
    return load_workbook(fresh)


def test_committed_template_equals_fresh_build(fresh):
    assert fingerprint(TEMPLATE) == fingerprint(fresh)


def test_sheets(wb):
    titles = wb.sheetnames
    assert titles[0] == L.FRONT_SHEET
    assert [t for t in titles if t.startswith("Sigtepunkt")] == ["Sigtepunkt 1", "Sigtepunkt 2", "Sigtepunkt 3"]
    assert L.GUIDE_SHEET in titles
    assert wb[L.LISTS_SHEET].sheet_state == "hidden"
    assert all(wb[t].sheet_state == "visible" for t in titles if t != L.LISTS_SHEET)


def test_guide_and_lists_have_no_cell_a_unit_can_type_in(wb):
    """The reader skips these two sheets (reader.NOT_PLAN_SHEETS); that is safe only while they stay locked."""
    for title in (L.GUIDE_SHEET, L.LISTS_SHEET):
        ws = wb[title]
        assert ws.protection.sheet
        assert [c.coordinate for row in ws.iter_rows() for c in row if c.protection.locked is False] == []


def test_guidance_is_danish_and_covers_each_column(wb):
    text = " ".join(str(c.value) for row in wb[L.GUIDE_SHEET].iter_rows() for c in row if c.value)
    for word in ("Formål", "Aktivitet", "Ansvarlig", "Delmål", "Mål", "SMART", "opfølgning"):
        assert word.casefold() in text.casefold()
    assert len(text) > 2000


def test_header_labels_start_with_the_danish_words(wb):
    ws = wb["Sigtepunkt 1"]
    headers = [ws.cell(row=L.ROW_TABLE.header_row, column=c).value for c in range(1, 13)]
    for header, word in zip(headers, HEADER_WORDS, strict=True):
        assert header.startswith(word), (header, word)


def test_room_for_thirty_rows_and_followup_block(wb):
    ws = wb["Sigtepunkt 1"]
    first = L.ROW_TABLE.first_data_row
    for row in range(first, first + 30):
        for col in range(1, 13):
            assert ws.cell(row=row, column=col).protection.locked is False, (row, col)
    heading = L.followup_heading_row(30)
    assert ws.cell(row=heading, column=1).value == "Opfølgning"
    labels = [ws.cell(row=heading + f.row, column=1).value for f in L.FOLLOWUP_FIELDS]
    assert labels == [f.label for f in L.FOLLOWUP_FIELDS]
    # the follow-up input cells are unlocked too
    assert ws.cell(row=heading + 1, column=2).protection.locked is False


def _validations(ws):
    return list(ws.data_validations.dataValidation)


def _covers(dv, coord):
    return any(coord in rng for rng in dv.sqref.ranges)


def _values_of(wb, name):
    ref = wb.defined_names[name].attr_text
    sheet, cells = ref.split("!")
    ws = wb[sheet.strip("'")]
    return [c.value for row in ws[cells.replace("$", "")] for c in row]


def test_drop_down_lists_for_status_role_phase(wb):
    assert _values_of(wb, L.LIST_NAMES[L.Kind.STATUS]) == [s.value for s in Status]
    assert _values_of(wb, L.LIST_NAMES[L.Kind.ROLE]) == [r.value for r in Role]
    assert _values_of(wb, L.LIST_NAMES[L.Kind.PHASE]) == [p.value for p in Phase]
    status_cell = f"{L.ROW_TABLE.letter('status')}{L.ROW_TABLE.first_data_row + 29}"
    lists = [dv for dv in _validations(wb["Sigtepunkt 2"]) if dv.type == "list"]
    assert any(dv.formula1 == "=Liste_status" and _covers(dv, status_cell) for dv in lists)
    front = [dv for dv in _validations(wb[L.FRONT_SHEET]) if dv.type == "list"]
    role_cell = f"B{L.TEAM_TABLE.first_data_row}"
    phase_cell = f"B{next(f.row for f in L.FRONT_FIELDS if f.key == 'fase')}"
    assert any(dv.formula1 == "=Liste_rolle" and _covers(dv, role_cell) for dv in front)
    assert any(dv.formula1 == "=Liste_fase" and _covers(dv, phase_cell) for dv in front)
    assert all(dv.errorStyle == "stop" for dv in lists if dv.formula1 == "=Liste_status")


def test_date_validation_in_danish_on_every_date_column(wb):
    ws = wb["Sigtepunkt 1"]
    dates = [dv for dv in _validations(ws) if dv.type == "date"]
    assert dates
    for key in ("start", "slut", "delmaal_dato", "maal_dato", "sidst_fulgt_op"):
        coord = f"{L.ROW_TABLE.letter(key)}{L.ROW_TABLE.first_data_row + 5}"
        dv = next(dv for dv in dates if _covers(dv, coord))
        assert dv.showErrorMessage and dv.errorStyle == "stop"
        assert "dato" in dv.error.casefold() and "Ugyldig dato" == dv.errorTitle
        assert "dato" in dv.prompt.casefold()
        assert ws[coord].number_format == "dd-mm-yyyy"


def test_conditional_formatting_for_overdue_dates_and_missing_owner(wb):
    ws = wb["Sigtepunkt 1"]
    rules = {str(rng.sqref): [r.formula[0] for r in rs] for rng, rs in ws.conditional_formatting._cf_rules.items()}
    t = L.ROW_TABLE
    first, last = t.first_data_row, t.first_data_row + 29
    for key in ("slut", "delmaal_dato", "maal_dato"):
        col = t.letter(key)
        formula = rules[f"{col}{first}:{col}{last}"][0]
        assert "TODAY()" in formula and f"{col}{first}<TODAY()" in formula
        # the closed statuses come from the model's one list, written into the hidden Lister sheet
        assert L.CLOSED_LIST in formula and L.CLOSED_NOTE_LIST in formula and f"${t.letter('status')}{first}" in formula
    owner = t.letter("ansvarlig")
    formula = rules[f"{owner}{first}:{owner}{last}"][0]
    assert f"${t.letter('aktivitet')}{first}" in formula and f"${owner}{first}" in formula


def test_frozen_headers_print_setup_and_protection(wb):
    for title in ("Sigtepunkt 1", "Sigtepunkt 3"):
        ws = wb[title]
        assert ws.freeze_panes == f"A{L.ROW_TABLE.first_data_row}"
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.protection.sheet is True and not ws.protection.password
        assert ws.print_title_rows
        # labels and headers stay locked
        assert ws.cell(row=L.ROW_TABLE.header_row, column=1).protection.locked is True
    for title in (L.FRONT_SHEET, L.GUIDE_SHEET):
        assert wb[title].page_setup.orientation == "landscape" and int(wb[title].page_setup.paperSize) == 9
    assert wb.security.lockStructure is True and not wb.security.workbookPassword


def test_no_hardcoded_protection_password_in_package(fresh):
    with zipfile.ZipFile(fresh) as z:
        xml = z.read("xl/workbook.xml").decode()
    assert 'lockStructure="1"' in xml and "workbookPassword" not in xml


def test_libreoffice_opens_template_and_renders_pdf(soffice, tmp_path):
    result = soffice("--convert-to", "pdf", "--outdir", str(tmp_path), str(TEMPLATE))
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "forankringsplan.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000


def test_libreoffice_reads_formula_like_text_as_text(soffice, tmp_path):
    """Independent reader: what our writer stores as text must not be evaluated by a spreadsheet."""
    from forankring_xl.io.writer import write_plan
    from forankring_xl.model import Plan, PlanRow, Sigtepunkt

    risky = ["=1+1", "+45 12 34 56", "-3", "@SUM(A1)", "=HYPERLINK(\"http://x\")"]
    plan = Plan(sigtepunkter=[Sigtepunkt(titel="t", raekker=[PlanRow(aktivitet=t, bemaerkning="x") for t in risky])])
    path = tmp_path / "risky.xlsx"
    write_plan(plan, path)
    result = soffice(
        "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        "--outdir", str(tmp_path), str(path),
    )
    assert result.returncode == 0, result.stderr
    sheet_csv = tmp_path / "risky-Sigtepunkt 1.csv"
    rows = list(csv.reader(sheet_csv.open(encoding="utf-8")))
    col = L.ROW_TABLE.col("aktivitet") - 1
    got = [rows[L.ROW_TABLE.first_data_row - 1 + i][col] for i in range(len(risky))]
    assert got == risky


def test_template_cells_hold_no_dates_or_values_to_fill(wb):
    ws = wb["Sigtepunkt 1"]
    first = L.ROW_TABLE.first_data_row
    assert all(ws.cell(row=r, column=c).value is None for r in range(first, first + 30) for c in range(1, 13))
    version_row = next(f.row for f in L.FRONT_FIELDS if f.key == "skabelon_version")
    assert wb[L.FRONT_SHEET].cell(row=version_row, column=2).value
    assert not isinstance(wb[L.FRONT_SHEET].cell(row=version_row, column=2).value, dt.date)
