"""The template's own red overdue marking (conditional formatting, plain Excel, no add-in) marks exactly the
dates the program calls overdue: the closed statuses come from one place (the model's CLOSED_WHOLE and
CLOSED_LEADS, written into the hidden Lister sheet), and LibreOffice, as an independent spreadsheet,
evaluates the rules of a real written workbook.

The one difference is documented: a date written as text ("ultimo 2020") is read by the program, while a
spreadsheet's rule sees text (the DATE_AS_TEXT info says real dates are better for that reason).
"""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from openpyxl import load_workbook
from openpyxl.formula.translate import Translator

from forankring_xl.io.reader import read_plan
from forankring_xl.io.template import CLOSED_LISTS, OVERDUE_DATES, OVERDUE_FILL
from forankring_xl.io.writer import write_plan
from forankring_xl.layout import spec as L
from forankring_xl.model import CLOSED_LEADS, CLOSED_STATUSES, CLOSED_WHOLE, Plan, PlanRow, Raw, Sigtepunkt, Status, is_closed
from forankring_xl.overdue.items import collect_items
from forankring_xl.rules.clock import today

# statuses as a unit leaves them: the list, typed closed words, notes after a closed status, near misses
STATUSES: list[object] = [
    *Status, None, "Afsluttet", "AFSLUTTET.", "gennemført!", "ok", "Aflyst", "Opnået (juni 2027)",
    "opnået, men sent", "Annulleret – se referat", "OPNÅET: se bemærkning", "Opnået.", "Opnåede", "Afsluttet?",
    "afsluttet .", "Nået delvist", "Ikke afsluttet", "Annulleret2027", "Opnået~x", "Afslutte*",
]
# what the program's model strips or folds, written into the cells afterwards, as Excel keeps them
RAW_CELLS = {"  Opnået  ": True, "Opnået\n(se referat)": True, "afsluttet\n": True, " I gang ": False}


def _rows(past: dt.date, future: dt.date) -> list[PlanRow]:
    rows = []
    for status in STATUSES:
        for day in (past, future):
            rows.append(PlanRow(aktivitet="Aktivitet", slut=day, delmaal="Delmål nået", delmaal_dato=day,
                                maal="Mål nået", maal_dato=day, ansvarlig="Mette Holm", status=status))
    rows += [
        PlanRow(slut=past, delmaal_dato=past, maal_dato=past, ansvarlig="Mette Holm", bemaerkning="kun datoer"),
        PlanRow(aktivitet="Før 1950", slut=dt.date(1940, 1, 1), status="I gang"),  # no date in a plan: DATE_INVALID
        PlanRow(aktivitet="Som tekst", slut="ultimo 2020", status="I gang"),  # the documented difference
    ]
    rows += [PlanRow(aktivitet="Rå status", slut=past, status="Forsinket") for _ in RAW_CELLS]
    return rows


@pytest.fixture(scope="module")
def marked(tmp_path_factory, soffice):
    """A written plan with every kind of status, the raw cells put in as Excel keeps them; what the program
    calls overdue, and which date cells LibreOffice's evaluation of the template's rules marks red."""
    folder = tmp_path_factory.mktemp("marking")
    day = today()
    past, future = day - dt.timedelta(days=40), day + dt.timedelta(days=40)  # far from midnight in any zone
    plan = Plan(kommune="Viborg Kommune", enhed="Engskolen", sigtepunkter=[Sigtepunkt(titel="Trivsel", raekker=_rows(past, future))])
    path = folder / "plan.xlsx"
    write_plan(plan, path)
    wb = load_workbook(path)
    ws = wb[L.sigtepunkt_sheet_name(1)]
    t = L.ROW_TABLE
    first = t.first_data_row
    raw_rows = range(first + len(plan.sigtepunkter[0].raekker) - len(RAW_CELLS), first + len(plan.sigtepunkter[0].raekker))
    for r, text in zip(raw_rows, RAW_CELLS):
        ws[f"{t.letter('status')}{r}"] = text
    ws[f"{t.letter('status')}{raw_rows[-1]}"] = 7  # a number in the status cell: open
    # the rules' formulas, each evaluated for each cell of its range in a column of its own
    rules = [(str(rng.sqref), rule) for rng, rs in ws.conditional_formatting._cf_rules.items() for rule in rs
             if rule.dxf and rule.dxf.fill and rule.dxf.fill.bgColor.rgb.endswith(OVERDUE_FILL.bgColor.rgb[-6:])]
    assert {sqref.split(":")[0].rstrip("0123456789") for sqref, _ in rules} == {t.letter(k) for k in OVERDUE_DATES}
    probes = {}
    for k, (sqref, rule) in enumerate(rules):
        start, end = sqref.split(":")
        col = start.rstrip("0123456789")
        for r in range(int(start[len(col):]), int(end[len(col):]) + 1):
            formula = Translator("=" + rule.formula[0], origin=start).translate_formula(f"{col}{r}")
            ws.cell(row=r, column=40 + k, value=formula)
            probes[(r, 40 + k)] = f"{col}{r}"
    wb.save(folder / "probe.xlsx")
    done = soffice("--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                   "--outdir", str(folder), str(folder / "probe.xlsx"))
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader((folder / f"probe-{ws.title}.csv").open(encoding="utf-8")))
    values = {cell: rows[r - 1][c - 1] for (r, c), cell in probes.items()}
    assert set(values.values()) == {"TRUE", "FALSE"}, set(values.values())  # evaluated, no error
    red = {(ws.title, cell) for cell, v in values.items() if v == "TRUE"}
    result = read_plan(folder / "probe.xlsx")
    items = collect_items([(result.plan, result.locator)], day)
    overdue = {(i.sheet, i.cell) for i in items if i.overdue and i.kind != "opfølgning"}
    return red, overdue, result, ws.title, first


def test_the_template_marks_exactly_what_the_program_calls_overdue(marked):
    red, overdue, result, sheet, first = marked
    t = L.ROW_TABLE
    as_text = next(r for r, row in enumerate(result.plan.sigtepunkter[0].raekker) if row.aktivitet == "Som tekst")
    text_cell = (sheet, f"{t.letter('slut')}{first + as_text}")
    assert text_cell in overdue and text_cell not in red  # read by the program, text to a spreadsheet
    from forankring_xl.rules import check_plan

    report = check_plan(result.plan, result.locator, as_of=today())
    assert any(f.code == "DATE_AS_TEXT" for f in report.findings)  # the check says real dates are better
    assert red == overdue - {text_cell}
    # not a vacuous agreement: both sides mark many items (the next test: and leave the closed ones alone)
    assert len(red) >= 30


def test_the_statuses_that_close_an_item_are_the_models_one_list(marked):
    """What the rows above covered: each status on its own side, decided by is_closed alone."""
    red, _, result, sheet, first = marked
    t = L.ROW_TABLE
    for r, row in enumerate(result.plan.sigtepunkter[0].raekker):
        if row.aktivitet != "Aktivitet" or row.slut >= today():
            continue
        cell = (sheet, f"{t.letter('slut')}{first + r}")
        assert (cell in red) is not is_closed(row.status), row.status
    closed_read = {str(row.status) for row in result.plan.sigtepunkter[0].raekker if is_closed(row.status)}
    assert {"Afsluttet", "Opnået (juni 2027)", "Opnået", "Annulleret", "Opnået\n(se referat)"} <= closed_read
    assert not {"Opnåede", "Afsluttet?", "Nået delvist", "Ikke afsluttet", "Opnået~x", "I gang"} & closed_read


def test_the_hidden_lists_are_the_models_closed_texts_and_the_rules_name_them(tmp_path):
    from conftest import TEMPLATE

    wb = load_workbook(TEMPLATE)
    lists = wb[L.LISTS_SHEET]
    for name, values in CLOSED_LISTS.items():
        ref = wb.defined_names[name].attr_text.split("!")[1].replace("$", "")
        got = [c.value for row in lists[ref] for c in row]
        assert got == list(values)
    assert set(CLOSED_LISTS[L.CLOSED_LIST]) == CLOSED_WHOLE and CLOSED_LISTS[L.CLOSED_NOTE_LIST] == CLOSED_LEADS
    assert {s.value.casefold() for s in CLOSED_STATUSES} <= CLOSED_WHOLE
    formulas = [r.formula[0] for rs in wb["Sigtepunkt 1"].conditional_formatting._cf_rules.values() for r in rs]
    overdue = [f for f in formulas if "TODAY()" in f]
    assert len(overdue) == 3 and all(L.CLOSED_LIST in f and L.CLOSED_NOTE_LIST in f for f in overdue)
    assert not any('"Opnået"' in f or '"Annulleret"' in f for f in formulas)  # no second, hard-coded list
    # Excel's limit on a formula in a file (ST_Formula, [MS-OI29500] 2.1.1085): 8,192 characters
    assert all(len(f) <= 8192 for f in formulas)


def test_a_status_written_as_a_raw_closed_word_is_closed_however_it_is_spaced():
    for text in ("Afsluttet", "  afsluttet  ", "AFSLUTTET!", "Opnået\n(juni)", "annulleret\u00a0– se referat"):
        assert is_closed(Raw(raw=text)), text
    for text in ("Afsluttet?", "Opnåede", "afsluttet .", "Opnået~x", "Nået delvist"):
        assert not is_closed(Raw(raw=text)), text
