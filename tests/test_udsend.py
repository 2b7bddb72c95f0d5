"""forankring udsend: the unit list → pre-filled, locked plans with a unit ID, and a send list.

Pure validation on rows (good and bad lists), then the real command on a real .xlsx and .csv list, the
written workbooks read back with the project's reader, a renamed return matched by its ID through
``read_plan`` and ``batch``, and the all-or-nothing and no-overwrite rules.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from forankring_xl.findings import Severity
from forankring_xl.io.reader import read_plan
from forankring_xl.io.sendout import SEND_LIST, SEND_LIST_SHEET
from forankring_xl.io.unitlist import read_unit_list
from forankring_xl.io.writer import write_plan
from forankring_xl.layout import spec as L
from forankring_xl.sendout.units import ListRow, unit_id, validate_units

HEADER = ["Kommune", "Enhed", "Kontaktperson", "E-mail", "Indsats", "Planperiode", "Svarfrist", "Sigtepunkter"]
# Real-looking units: names of the kind found in Danish municipal organisation charts.
GOOD = [
    ["Viborg Kommune", "Plejecenter Søndergården", "Mette Sørensen", "meso@viborg.dk",
     "Velfærdsteknologi i plejen", "1-2-2027 – 31-1-2028", dt.datetime(2026, 12, 15),
     "Tryghed i brugen af skærmbesøg\nFælles sprog om teknologi"],
    ["Viborg Kommune", "Dagtilbud Åbakken", "Jens Ølgaard", "jeol@viborg.dk",
     "Sprogarbejde i dagtilbud", "1-2-2027 – 31-1-2028", "15-12-2026", None],
    ["Viborg Kommune", "Jobcenter Viborg, Ungeindsatsen", "Aisha Khan", "aikh@viborg.dk",
     "Kompetenceløft i ungeindsatsen", "2027-03-01 til 2028-02-29", "2026-12-20", "Samtaler med de unge"],
]


def rows_of(data: list[list], first_row: int = 2) -> list[ListRow]:
    return [ListRow(row=first_row + i, cells={c: v for c, v in enumerate(r, 1) if v is not None})
            for i, r in enumerate(data)]


def validate(data: list[list], header: list[str] = HEADER, today: dt.date | None = None):
    return validate_units(1, dict(enumerate(header, 1)), rows_of(data), "Enheder", today)


def codes(findings) -> list[tuple[str, str | None]]:
    return [(f.code, f.cell) for f in findings]


# --- the pure core -----------------------------------------------------------------------------


def test_a_good_list_gives_one_unit_per_row_with_dates_and_sigtepunkter():
    units, findings = validate(GOOD)
    assert findings == []
    assert [u.enhed for u in units] == ["Plejecenter Søndergården", "Dagtilbud Åbakken",
                                         "Jobcenter Viborg, Ungeindsatsen"]
    first = units[0]
    assert (first.periode_start, first.periode_slut) == (dt.date(2027, 2, 1), dt.date(2028, 1, 31))
    assert first.svarfrist == dt.date(2026, 12, 15)
    assert first.sigtepunkter == ["Tryghed i brugen af skærmbesøg", "Fælles sprog om teknologi"]
    assert units[1].svarfrist == dt.date(2026, 12, 15) and units[1].sigtepunkter == []
    assert units[2].periode_slut == dt.date(2028, 2, 29)
    assert first.file_name == "Forankringsplan - Plejecenter Søndergården.xlsx"
    plan = first.plan()
    assert plan.enheds_id == first.unit_id and plan.kommune == "Viborg Kommune"
    assert [s.titel for s in plan.sigtepunkter] == first.sigtepunkter


def test_unit_ids_are_stable_distinct_and_ignore_case_and_spacing():
    units, _ = validate(GOOD)
    ids = [u.unit_id for u in units]
    assert len(set(ids)) == 3 and all(i.startswith("FXU-") and len(i) == 14 for i in ids)
    assert ids == [u.unit_id for u in validate(GOOD)[0]]  # the same list gives the same IDs
    assert unit_id("Viborg Kommune", "Dagtilbud Åbakken", "Sprog") == unit_id(" viborg  kommune", "DAGTILBUD åbakken", "sprog ")
    assert unit_id("Viborg Kommune", "Dagtilbud Åbakken", "Sprog") != unit_id("Viborg Kommune", "Dagtilbud Åbakken", "Trivsel")


def test_separate_start_and_end_columns_are_read_too():
    header = ["Kommune", "Enhed", "E-mail", "Planperiode start", "Planperiode slut", "Svarfrist"]
    units, findings = validate([["Herning Kommune", "Akutteamet", "akut@herning.dk", "1.3.2027", "28. februar 2028",
                                 "1/12-26"]], header)
    assert findings == []
    assert (units[0].periode_start, units[0].periode_slut, units[0].svarfrist) == (
        dt.date(2027, 3, 1), dt.date(2028, 2, 28), dt.date(2026, 12, 1))


def test_missing_unit_name_is_an_error_with_its_row_and_cell():
    bad = [GOOD[0], ["Viborg Kommune", None, "Ole Hansen", "olha@viborg.dk", "X", None, "15-12-2026", None]]
    units, findings = validate(bad)
    assert codes(findings) == [("UNIT_LIST_VALUE_MISSING", "B3")]
    assert findings[0].severity is Severity.ERROR and "Række 3" in findings[0].message
    assert "enhedens navn mangler" in findings[0].message and findings[0].sheet == "Enheder"
    assert [u.row for u in units] == [2]


def test_duplicate_units_are_found_despite_case_and_spacing_and_name_the_first_row():
    dup = list(GOOD[1])
    dup[1] = "  dagtilbud   åbakken "
    units, findings = validate([*GOOD, dup])
    assert codes(findings) == [("UNIT_LIST_DUPLICATE", "B5")]
    assert "række 3" in findings[0].message and "Række 5" in findings[0].message
    assert len(units) == 3


@pytest.mark.parametrize("email", ["meso.viborg.dk", "meso@viborg", "meso @viborg.dk", "meso@@viborg.dk",
                                   "meso@viborg.dk, jeol@viborg.dk", "meso@viborg..dk"])
def test_a_bad_email_is_an_error_naming_the_address(email):
    row = list(GOOD[0])
    row[3] = email
    units, findings = validate([row])
    assert codes(findings) == [("UNIT_LIST_EMAIL_INVALID", "D2")]
    assert email in findings[0].message and units == []


@pytest.mark.parametrize("email", ["meso@viborg.dk", "Mette.Sorensen@viborg.dk", "m-s+hr@sub.viborg.dk",
                                   "søren@kommune.dk"])
def test_ordinary_work_addresses_pass(email):
    row = list(GOOD[0])
    row[3] = email
    assert validate([row])[1] == []


@pytest.mark.parametrize("column, value, cell", [(6, "snart", "G2"), (6, "31-6-2027", "G2"),
                                                 (5, "1-2-2027", "F2"), (5, "1-2-2027 – 31-13-2028", "F2")])
def test_an_invalid_date_is_an_error_with_the_text_as_written(column, value, cell):
    row = list(GOOD[0])
    row[column] = value
    units, findings = validate([row])
    assert codes(findings) == [("UNIT_LIST_DATE_INVALID", cell)] and units == []
    assert value in findings[0].message


def test_missing_deadline_reversed_period_and_past_deadline():
    no_deadline, reversed_period = list(GOOD[0]), list(GOOD[1])
    no_deadline[6] = None
    reversed_period[5] = "31-1-2028 – 1-2-2027"
    units, findings = validate([no_deadline, reversed_period, GOOD[2]], today=dt.date(2026, 12, 18))
    assert codes(findings) == [("UNIT_LIST_VALUE_MISSING", "G2"), ("UNIT_LIST_PERIOD_REVERSED", "F3"),
                               ("UNIT_LIST_DEADLINE_PAST", "G3")]
    assert [f.severity for f in findings] == [Severity.ERROR, Severity.ERROR, Severity.WARNING]
    assert [u.row for u in units] == [4]


def test_missing_required_column_stops_before_the_rows():
    header = ["Kommune", "Enhed", "Kontaktperson", "Mailadresse?", "Indsats", "Planperiode", "Frist"]
    units, findings = validate([r[:7] for r in GOOD], header)
    assert units == []
    assert ("UNIT_LIST_COLUMN_UNKNOWN", "D1") in codes(findings)
    missing = [f for f in findings if f.code == "UNIT_LIST_COLUMN_MISSING"]
    assert len(missing) == 1 and "'E-mail'" in missing[0].message and missing[0].severity is Severity.ERROR


def test_text_in_a_column_without_header_is_reported_not_dropped():
    row = [*GOOD[1][:7], None, "Fælles sprog"]  # a CSV cell split by an unquoted semicolon
    units, findings = validate([row])
    assert codes(findings) == [("UNIT_LIST_VALUE_UNUSED", "I2")] and len(units) == 1
    assert "Fælles sprog" in findings[0].message


def test_the_same_unit_name_in_two_municipalities_gets_the_municipality_in_both_file_names():
    other = list(GOOD[1])
    other[0], other[3] = "Skive Kommune", "aabakken@skive.dk"
    units, findings = validate([GOOD[1], other])
    assert findings == []
    assert [u.file_name for u in units] == ["Forankringsplan - Viborg Kommune - Dagtilbud Åbakken.xlsx",
                                            "Forankringsplan - Skive Kommune - Dagtilbud Åbakken.xlsx"]


def test_path_characters_never_reach_the_file_name():
    row = list(GOOD[0])
    row[1] = 'Skole/Vest: "Nord"?'
    units, _ = validate([row])
    assert units[0].file_name == "Forankringsplan - Skole Vest Nord.xlsx"


# --- the command on real files ---------------------------------------------------------------------


def forankring(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("forankring") or str(Path(sys.executable).parent / "forankring")
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=180)


def xlsx_list(path: Path, data: list[list], title_rows: int = 0) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Enheder"
    for _ in range(title_rows):
        ws.append(["Udsendelse af forankringsplaner, efterår 2026"])
    ws.append(HEADER)
    for row in data:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def sent(tmp_path_factory):
    root = tmp_path_factory.mktemp("udsend")
    source = xlsx_list(root / "enheder.xlsx", GOOD, title_rows=2)
    out = root / "UDSENDELSE"
    done = forankring("udsend", str(source), "-o", str(out))
    assert done.returncode == 0, done.stderr
    return root, out, done


def test_udsend_writes_one_plan_per_unit_and_the_send_list(sent):
    _, out, done = sent
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([SEND_LIST, "Forankringsplan - Plejecenter Søndergården.xlsx",
                            "Forankringsplan - Dagtilbud Åbakken.xlsx",
                            "Forankringsplan - Jobcenter Viborg, Ungeindsatsen.xlsx"])
    assert "3 planer" in done.stdout
    ws = load_workbook(out / SEND_LIST)[SEND_LIST_SHEET]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("Kommune", "Enhed", "Kontaktperson", "E-mail", "Fil", "Svarfrist", "Indsats", "Enheds-ID")
    assert rows[1][:6] == ("Viborg Kommune", "Plejecenter Søndergården", "Mette Sørensen", "meso@viborg.dk",
                           "Forankringsplan - Plejecenter Søndergården.xlsx", dt.datetime(2026, 12, 15))
    for row in rows[1:]:
        assert (out / row[4]).is_file()
        assert read_plan(out / row[4]).plan.enheds_id == row[7]


def test_the_sent_plan_is_prefilled_locked_where_hr_decides_and_reads_back(sent):
    _, out, _ = sent
    path = out / "Forankringsplan - Plejecenter Søndergården.xlsx"
    result = read_plan(path)
    plan = result.plan
    assert (plan.kommune, plan.enhed, plan.indsats) == ("Viborg Kommune", "Plejecenter Søndergården",
                                                        "Velfærdsteknologi i plejen")
    assert (plan.periode_start, plan.periode_slut) == (dt.date(2027, 2, 1), dt.date(2028, 1, 31))
    assert [s.titel for s in plan.sigtepunkter] == ["Tryghed i brugen af skærmbesøg", "Fælles sprog om teknologi"]
    assert plan.enheds_id and plan.enheds_id.startswith("FXU-")
    assert [f for f in result.findings if f.severity is Severity.ERROR] == []
    wb = load_workbook(path)
    front = wb[L.FRONT_SHEET]
    locked = {f.key: front.cell(row=f.row, column=L.VALUE_COL).protection.locked for f in L.FRONT_FIELDS}
    assert locked["kommune"] and locked["enhed"] and locked["indsats"] and locked["periode_start"]
    assert not locked["fase"] and not locked["godkendt_af"]  # the unit fills these in
    assert front.protection.sheet
    assert front.cell(row=L.UNIT_ID.row, column=L.LABEL_COL).value == L.UNIT_ID.label
    assert front.cell(row=L.UNIT_ID.row, column=L.VALUE_COL).protection.locked
    assert L.UNIT_ID.name in wb.defined_names
    title = wb[L.sigtepunkt_sheet_name(1)].cell(row=L.SIGTEPUNKT_FIELDS[0].row, column=L.VALUE_COL)
    assert title.protection.locked
    assert not wb[L.sigtepunkt_sheet_name(3)].cell(row=L.SIGTEPUNKT_FIELDS[0].row, column=L.VALUE_COL).protection.locked


def test_a_renamed_return_is_matched_by_its_id_through_batch(sent, tmp_path):
    _, out, _ = sent
    sendlist = {r[7]: r[1] for r in load_workbook(out / SEND_LIST)[SEND_LIST_SHEET].iter_rows(min_row=2, values_only=True)}
    inbox = tmp_path / "indbakke"
    inbox.mkdir()
    # the unit fills it in, saves it under a name of its own, and sends it back
    original = read_plan(out / "Forankringsplan - Dagtilbud Åbakken.xlsx").plan
    filled = original.model_copy(update={"godkendt_af": "MED-udvalget"})
    write_plan(filled, inbox / "kopi af plan FINAL (2).xlsx")
    archive = tmp_path / "arkiv"
    done = forankring("batch", str(inbox), "-o", str(archive), "--jobs", "1")
    assert done.returncode == 0, done.stdout + done.stderr
    record = json.loads((archive / "manifest.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert sendlist[record["enheds_id"]] == "Dagtilbud Åbakken"
    stored = json.loads((archive / record["archive"]).read_text(encoding="utf-8"))
    assert stored["plan"]["enheds_id"] == record["enheds_id"] and stored["plan"]["godkendt_af"] == "MED-udvalget"


def test_the_id_survives_export_and_import(sent, tmp_path):
    _, out, _ = sent
    source = out / "Forankringsplan - Jobcenter Viborg, Ungeindsatsen.xlsx"
    assert forankring("export", str(source), "-o", str(tmp_path / "a.json")).returncode == 0
    assert forankring("import", str(tmp_path / "a.json"), "-o", str(tmp_path / "b.xlsx")).returncode == 0
    assert read_plan(tmp_path / "b.xlsx").plan == read_plan(source).plan


def test_a_plan_without_id_reads_as_before(tmp_path):
    from forankring_xl.io.template import write_template

    write_template(tmp_path / "t.xlsx")
    result = read_plan(tmp_path / "t.xlsx")
    assert result.plan.enheds_id is None
    assert not [f for f in result.findings if L.UNIT_ID.label in (f.field or "") + f.message]


def test_udsend_refuses_existing_files_and_writes_nothing(sent):
    root, out, _ = sent
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    done = forankring("udsend", str(root / "enheder.xlsx"), "-o", str(out))
    assert done.returncode == 2
    assert "findes allerede" in done.stderr and "--overskriv" in done.stderr and "Traceback" not in done.stderr
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == before
    done = forankring("udsend", str(root / "enheder.xlsx"), "-o", str(out), "--overskriv")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(before)


def test_a_bad_list_gets_danish_findings_with_rows_and_nothing_is_written(tmp_path):
    dup = list(GOOD[0])
    bad_mail = list(GOOD[1])
    bad_mail[3] = "jeol(at)viborg.dk"
    no_name = list(GOOD[2])
    no_name[1] = None
    bad_date = list(GOOD[2])
    bad_date[1], bad_date[6] = "Hjemmeplejen Nord", "31. juni 2027"
    source = xlsx_list(tmp_path / "enheder.xlsx", [GOOD[0], dup, bad_mail, no_name, bad_date])
    out = tmp_path / "ud"
    done = forankring("udsend", str(source), "-o", str(out))
    assert done.returncode == 1
    err = done.stderr
    for text in ("Enheder!B3", "Række 3", "allerede i række 2", "Enheder!D4", "jeol(at)viborg.dk",
                 "Enheder!B5", "enhedens navn mangler", "Enheder!G6", "31. juni 2027", "4 fejl", "Intet er skrevet"):
        assert text in err, text
    assert "Traceback" not in err
    assert not out.exists()


def test_a_csv_list_from_danish_excel_reads_the_same(tmp_path):
    text = "\n".join([";".join(HEADER),
                      'Viborg Kommune;Plejecenter Søndergården;Mette Sørensen;meso@viborg.dk;Velfærdsteknologi i plejen;'
                      '1-2-2027 – 31-1-2028;15-12-2026;"Tryghed i brugen; Fælles sprog"',
                      "", "Viborg Kommune;Dagtilbud Åbakken;Jens Ølgaard;jeol@viborg.dk;Sprog;1-2-2027 – 31-1-2028;15-12-2026;"])
    source = tmp_path / "enheder.csv"
    source.write_bytes(text.encode("cp1252"))  # Danish Excel's 'CSV (semikolonsepareret)'
    sheet, header_row, headers, rows = read_unit_list(source)
    units, findings = validate_units(header_row, headers, rows, sheet)
    assert findings == []
    assert [u.enhed for u in units] == ["Plejecenter Søndergården", "Dagtilbud Åbakken"]
    assert units[0].sigtepunkter == ["Tryghed i brugen", "Fælles sprog"] and units[1].row == 4
    out = tmp_path / "ud"
    done = forankring("udsend", str(source), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert len(list(out.glob("*.xlsx"))) == 3


@pytest.mark.parametrize("content, name, words", [
    (b"", "tom.csv", "overskriftsrække"),
    (b"%PDF-1.4 not a list", "liste.xlsx", "Kan ikke læse"),
    (b"Kommune;Enhed\n", "liste.txt", ".csv"),
])
def test_an_unreadable_list_is_a_danish_message_and_exit_2(tmp_path, content, name, words):
    source = tmp_path / name
    source.write_bytes(content)
    done = forankring("udsend", str(source), "-o", str(tmp_path / "ud"))
    assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "ud").exists()


def test_a_failure_while_writing_leaves_nothing_behind(tmp_path, monkeypatch):
    from forankring_xl.io import sendout

    units, _ = validate(GOOD)
    calls = []

    def failing(unit):
        calls.append(unit.enhed)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(unit)

    real = sendout.unit_workbook
    monkeypatch.setattr(sendout, "unit_workbook", failing)
    out = tmp_path / "ud"
    with pytest.raises(OSError) as caught:
        sendout.write_sendout(units, out)
    assert not out.exists()  # the folder it made is gone again, like everything in it
    assert caught.value.filename == str(out / units[1].file_name)  # the file it concerns
    calls.clear()
    out.mkdir()
    (out / "noter.txt").write_text("HR's noter", encoding="utf-8")
    with pytest.raises(OSError):
        sendout.write_sendout(units, out)
    assert [p.name for p in out.iterdir()] == ["noter.txt"]  # no plan, no hidden staging folder


def test_the_output_folder_is_checked_before_the_list_is_read(tmp_path):
    """A missing parent folder or a file where the folder should be is said first (exit 2), even for a
    list with errors, and nothing is made."""
    source = xlsx_list(tmp_path / "enheder.xlsx", [GOOD[0], GOOD[0]])  # a duplicate: an error in the list
    done = forankring("udsend", str(source), "-o", str(tmp_path / "mangler" / "ud"))
    assert done.returncode == 2 and "findes ikke" in done.stderr and "Enhedslisten" not in done.stderr
    assert not (tmp_path / "mangler").exists()
    (tmp_path / "fil").write_text("x", encoding="utf-8")
    done = forankring("udsend", str(source), "-o", str(tmp_path / "fil"))
    assert done.returncode == 2 and "ikke en mappe" in done.stderr and "Traceback" not in done.stderr


def test_the_unit_list_is_never_replaced_not_even_with_overskriv(tmp_path):
    """A list saved in the output folder under the name a unit's plan gets is the input: never overwritten."""
    out = tmp_path / "ud"
    out.mkdir()
    units, _ = validate(GOOD[:1])
    source = xlsx_list(out / units[0].file_name, GOOD[:1])
    before = source.read_bytes()
    for extra in ([], ["--overskriv"]):
        done = forankring("udsend", str(source), "-o", str(out), *extra)
        assert done.returncode == 2, done.stdout + done.stderr
        assert "det er den fil, der læses fra" in done.stderr and "Traceback" not in done.stderr
    assert source.read_bytes() == before and [p.name for p in out.iterdir()] == [source.name]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_content_past_the_list_limits_is_said_never_dropped(tmp_path, kind):
    """A unit past row 5,000, or a note past column 60, stops the list with a Danish reason naming the row
    or column (exit 2, nothing written) instead of being left out without a word."""
    from forankring_xl.io.unitlist import MAX_COLS, MAX_ROWS

    def write(name: str, data: dict[int, list]) -> Path:
        if kind == "csv":
            lines = [";".join("" if v is None else str(v) for v in data.get(n, [])) for n in range(1, max(data) + 1)]
            path = tmp_path / f"{name}.csv"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return path
        wb = Workbook()
        for number, values in data.items():
            for col, value in enumerate(values, 1):
                wb.active.cell(row=number, column=col, value=value)
        path = tmp_path / f"{name}.xlsx"
        wb.save(path)
        return path

    good = [GOOD[1][0], GOOD[1][1], GOOD[1][2], GOOD[1][3], GOOD[1][4], GOOD[1][5], GOOD[1][6]]
    last = write("sidst", {1: HEADER[:7], MAX_ROWS: good})  # the last row that fits is read
    sheet, _, _, rows = read_unit_list(last)
    assert [r.row for r in rows] == [MAX_ROWS]
    far = write("lang", {1: HEADER[:7], 2: good, MAX_ROWS + 7: ["Viborg Kommune", "Bibliotek Nord"]})
    wide = write("bred", {1: HEADER[:7], 2: good, 3: good + [None] * (MAX_COLS - 7) + ["note"]})
    for path, words in ((far, [f"række {MAX_ROWS + 7}", f"højst {MAX_ROWS}"]), (wide, ["kolonne BI", "række 3", "60 kolonner"])):
        done = forankring("udsend", str(path), "-o", str(tmp_path / "ud"))
        assert done.returncode == 2, done.stdout + done.stderr
        assert all(w in done.stderr for w in words), done.stderr
        assert path.name in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "ud").exists()
