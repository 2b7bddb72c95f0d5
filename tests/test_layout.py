"""One layout spec: builder, writer, reader and locator all follow it."""

import dataclasses
import re
from pathlib import Path

from openpyxl import load_workbook

import make_examples
from forankring_xl.io.reader import read_plan
from forankring_xl.io.writer import write_plan
from forankring_xl.layout import spec as L
from forankring_xl.layout.locator import Locator

PACKAGE = Path(__file__).resolve().parent.parent / "forankring_xl"


def test_moving_a_column_in_the_spec_moves_it_everywhere(monkeypatch, tmp_path):
    cols = list(L.ROW_TABLE.columns)
    cols.insert(0, cols.pop(next(i for i, c in enumerate(cols) if c.key == "ansvarlig")))  # Ansvarlig first
    monkeypatch.setattr(L, "ROW_TABLE", dataclasses.replace(L.ROW_TABLE, columns=tuple(cols), header_row=6))
    plan = make_examples.ics_familieafdeling()
    path = tmp_path / "moved.xlsx"
    write_plan(plan, path)
    ws = load_workbook(path)["Sigtepunkt 1"]
    assert ws["A6"].value.startswith("Ansvarlig") and ws["A7"].value == "Sara Nyborg"
    result = read_plan(path)
    assert result.plan == plan and result.findings == []
    assert result.locator.row_field(0, 0, "ansvarlig") == ("Sigtepunkt 1", "A7")
    assert Locator.for_layout(plan).row_field(0, 0, "ansvarlig") == ("Sigtepunkt 1", "A7")


def test_locator_for_layout_matches_what_the_reader_finds(tmp_path):
    plan = make_examples.velfaerdsteknologi_hjemmepleje()
    path = tmp_path / "p.xlsx"
    write_plan(plan, path)
    found = read_plan(path).locator
    expected = Locator.for_layout(plan)
    for key, where in found.cells.items():
        if key[0] == "row" and key[2] >= len(plan.sigtepunkter[key[1]].raekker):
            continue  # empty template rows the reader walked past
        assert expected.cells.get(key) == where, key


def test_no_cell_addresses_outside_the_layout_spec():
    """Only the layout spec knows where things are: no A1-style literals in the rest of the library."""
    address = re.compile(r"""["'](\$?[A-Z]{1,2}\$?\d{1,5})(:\$?[A-Z]{1,2}\$?\d{1,5})?["']""")
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "layout":
            continue
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if address.search(line):
                offenders.append(f"{path.relative_to(PACKAGE)}:{lineno}: {line.strip()}")
    assert offenders == []
