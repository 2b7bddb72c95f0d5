"""What "filled" means for a cell holding only white space, in Excel and in the program.

The model strips a cell's text (``str.strip``: every Unicode white space) and calls it empty; the template's
formulas used TRIM, which removes spaces only, so a cell holding a line break, a tab or a no-break space was
filled to Excel (an overdue date marked red on a row the program calls empty) and empty to the program (a
missing owner the program reports and Excel did not mark). Now both use one list of blank characters
(``model.BLANK_CHARS``, written into the hidden Lister sheet). LibreOffice, as an independent spreadsheet,
evaluates the template's own formulas on a real written workbook whose cells hold what Excel stores for such
cells, and each is compared with what the program reads from the same file, cell by cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
import zipfile

import pytest
from openpyxl import load_workbook
from openpyxl.formula.translate import Translator

from forankring_xl.io.cell_text import decode, encode
from forankring_xl.io.reader import read_plan
from forankring_xl.io.template import MISSING_FILL, OVERDUE_DATES, OVERDUE_FILL, filled_formula
from forankring_xl.io.writer import write_plan
from forankring_xl.layout import spec as L
from forankring_xl.model import BLANK_CHARS, Plan, PlanRow, Sigtepunkt
from forankring_xl.overdue.items import collect_items
from forankring_xl.rules import check_plan
from forankring_xl.rules.clock import today

ERROR = "#N/A"  # written as an error cell (t="e"), as a formula's result is kept
# (cell text as Excel keeps it, empty to a person reading the plan?)
VARIANTS: list[tuple[str, bool]] = [
    ("\n", True), ("\r", True), ("\r\n", True), ("\t", True), ("\u00a0", True), ("   ", True),
    (" \n\u00a0 \r\n", True), ("\t \u00a0\t", True), ("\u2003", True), ("\u202f", True), ("\u3000", True), ("\u2028", True),
    ("\u200b", False),  # a zero-width space is no white space to Python, nor to the list: text
    ("x", False), ("\u00a0Mette Holm\n", False), ("_x000D_", False),  # typed as it stands: text
    (ERROR, False),  # an error value: the program reads its text, so it is filled to the rules as well
]
# Not among them: a tab after a line break in one cell. LibreOffice keeps a cell with line breaks as edit text
# and hands such a tab to formulas as U+0001 (UNICODE() says 1), so it cannot judge that cell for Excel.
TEXT_KEYS = ("aktivitet", "delmaal", "maal", "ansvarlig")


def test_the_blank_characters_are_exactly_what_the_model_strips_and_a_cell_can_hold():
    from forankring_xl.model.plan import _ILLEGAL_XML

    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if _ILLEGAL_XML.match(c):
            continue
        assert (c in BLANK_CHARS) is (c.strip() == ""), hex(code)
    assert {"\n", "\r", "\t", " ", "\u00a0", "\u202f"} <= set(BLANK_CHARS)


def test_the_template_lists_the_blank_characters_and_its_rules_use_them():
    from conftest import TEMPLATE

    wb = load_workbook(TEMPLATE)
    ref = wb.defined_names[L.BLANK_LIST].attr_text.split("!")[1].replace("$", "")
    assert "".join(chr(c.value) for row in wb[L.LISTS_SHEET][ref] for c in row) == BLANK_CHARS
    formulas = [r.formula[0] for rs in wb[L.sigtepunkt_sheet_name(1)].conditional_formatting._cf_rules.values() for r in rs]
    assert len(formulas) == 4 and all(L.BLANK_LIST in f and "TRIM($" not in f for f in formulas)


@pytest.mark.parametrize("text", ["_x000D_", "a_x000D_b", "_x005F_x000D_", "_x0041__x005F_", "__x0041__", "x_x1_", ""])
def test_a_typed_escape_is_stored_so_that_it_reads_back_as_typed(text):
    assert decode(encode(text)) == text


def _xml_text(text: str) -> str:
    """A cell's text as Excel writes it into the file: a carriage return as _x000D_, a typed escape escaped."""
    return encode(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "_x000D_")


@pytest.fixture(scope="module")
def evaluated(tmp_path_factory, soffice):
    """A written plan whose text cells hold the variants as Excel stores them; LibreOffice's value of each of
    the template's formulas for each cell, and the program's reading of the same file."""
    folder = tmp_path_factory.mktemp("blank")
    day = today()
    past = day - dt.timedelta(days=40)
    rows, placed = [], {}  # placeholder -> variant text
    for k, (text, _) in enumerate(VARIANTS):
        def mark(key: str) -> str:
            token = f"PH{k}{key}"
            placed[token] = text
            return token

        rows += [
            PlanRow(aktivitet=mark("a"), slut=past, status="I gang"),  # item? owner missing?
            PlanRow(aktivitet="Kursus for alle", slut=past, ansvarlig=mark("o"), status="I gang"),
            PlanRow(delmaal=mark("d"), delmaal_dato=past, status="I gang"),
            PlanRow(aktivitet="Møde", maal=mark("m"), maal_dato=past, ansvarlig="Mette Holm", status="I gang"),
        ]
    plan = Plan(kommune="Viborg Kommune", enhed="Engskolen", sigtepunkter=[Sigtepunkt(titel="Trivsel", raekker=rows)])
    written = folder / "plan.xlsx"
    write_plan(plan, written)
    wb = load_workbook(written)
    ws = wb[L.sigtepunkt_sheet_name(1)]
    t = L.ROW_TABLE
    first, last = t.first_data_row, t.first_data_row + len(rows) - 1
    texts = {(r, t.col(k)): ws.cell(row=r, column=t.col(k)).value for r in range(first, last + 1) for k in TEXT_KEYS}
    assert set(placed) <= set(texts.values())
    probes: dict[tuple[int, int], tuple[str, str]] = {}  # probe cell -> (what, cell)
    col = 40
    for rng, rules in ws.conditional_formatting._cf_rules.items():
        start, end = str(rng.sqref).split(":")
        letter = start.rstrip("0123456789")
        for rule in rules:
            what = "rød" if rule.dxf.fill.bgColor.rgb.endswith(OVERDUE_FILL.bgColor.rgb[-6:]) else (
                "lyserød" if rule.dxf.fill.bgColor.rgb.endswith(MISSING_FILL.bgColor.rgb[-6:]) else None)
            assert what, rule.formula
            for r in range(first, last + 1):
                formula = Translator("=" + rule.formula[0], origin=start).translate_formula(f"{letter}{r}")
                ws.cell(row=r, column=col, value=formula)
                probes[(r, col)] = (what, f"{letter}{r}")
            col += 1
    for (r, c) in texts:  # the filled test alone, on each text cell
        at = (r, col + [t.col(k) for k in TEXT_KEYS].index(c))
        cell = ws.cell(row=r, column=c).coordinate
        ws.cell(row=at[0], column=at[1], value=f"={filled_formula(cell)}")
        probes[at] = ("udfyldt", cell)
    wb.save(folder / "probe.xlsx")
    # the variants go in as Excel keeps them: white space preserved, a carriage return as _x000D_
    probe = folder / "probe-raw.xlsx"
    with zipfile.ZipFile(folder / "probe.xlsx") as zin, zipfile.ZipFile(probe, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                xml = data.decode("utf-8")
                for token, text in placed.items():
                    if text == ERROR:
                        xml = re.sub(rf'<c ([^>]*?) t="inlineStr"><is><t>{token}</t></is></c>',
                                     rf'<c \1 t="e"><v>{ERROR}</v></c>', xml)
                    xml = xml.replace(f"<t>{token}</t>", f'<t xml:space="preserve">{_xml_text(text)}</t>')
                    assert token not in xml, token
                data = xml.encode("utf-8")
            zout.writestr(info, data)
    done = soffice("--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                   "--outdir", str(folder), str(probe))
    assert done.returncode == 0, done.stderr
    table = list(csv.reader((folder / f"probe-raw-{ws.title}.csv").open(encoding="utf-8", newline="")))
    values = {(r, c): table[r - 1][c - 1] for (r, c) in probes}
    assert set(values.values()) == {"TRUE", "FALSE"}, set(values.values())  # evaluated, no error
    excel = {}
    for (r, c), (what, cell) in probes.items():
        excel.setdefault(what, set())
        if values[(r, c)] == "TRUE":
            excel[what].add(cell)
    # what LibreOffice holds in each text cell: the variant itself, so the file is what Excel would keep
    shown = {table[r - 1][c - 1] for (r, c) in texts}
    assert "\r" in "".join(shown) and "\u00a0" in "".join(shown) and "_x000D_" in shown and ERROR in shown
    result = read_plan(probe)
    return excel, result, placed, texts, ws.title, first


def test_each_cell_is_filled_to_the_spreadsheet_exactly_when_the_program_reads_text_in_it(evaluated):
    excel, result, placed, texts, sheet, first = evaluated
    t = L.ROW_TABLE
    rows = result.plan.sigtepunkter[0].raekker
    program = set()
    for (r, c), token in texts.items():
        key = next(k for k in TEXT_KEYS if t.col(k) == c)
        if getattr(rows[r - first], key) is not None:
            program.add(f"{t.letter(key)}{r}")
    assert excel["udfyldt"] == program
    # and a person's reading: the blank variants are empty on both sides, the others filled
    blank = {text for text, empty in VARIANTS if empty}
    for (r, c), token in texts.items():
        if token in placed:
            key = next(k for k in TEXT_KEYS if t.col(k) == c)
            assert (getattr(rows[r - first], key) is None) is (placed[token] in blank), (key, placed[token])


def test_the_red_and_pink_marks_are_the_programs_overdue_items_and_missing_owners(evaluated):
    excel, result, placed, texts, sheet, first = evaluated
    items = collect_items([(result.plan, result.locator)], today())
    overdue = {i.cell for i in items if i.overdue and i.sheet == sheet and i.kind != "opfølgning"}
    assert excel["rød"] == overdue
    report = check_plan(result.plan, result.locator, as_of=today())
    missing = {f.cell for f in report.findings if f.code == "OWNER_MISSING" and f.sheet == sheet}
    assert excel["lyserød"] == missing
    # not a vacuous agreement: a row with a text is marked, one with only white space is not
    blank, text = sum(1 for _, empty in VARIANTS if empty), sum(1 for _, empty in VARIANTS if not empty)
    assert len(overdue) == len(VARIANTS) + 3 * text  # every "Kursus" row; aktivitet, delmål, mål when text
    assert len(missing) == blank + 2 * text  # a blank owner; no owner beside an aktivitet or delmål with text
    t = L.ROW_TABLE
    blank_rows = [first + 4 * k for k, (_, empty) in enumerate(VARIANTS) if empty]
    assert not {f"{t.letter('slut')}{r}" for r in blank_rows} & overdue
    assert not {f"{t.letter('ansvarlig')}{r}" for r in blank_rows} & missing
