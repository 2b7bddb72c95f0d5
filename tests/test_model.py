"""The plan model: closed lists, dates, text normalisation, continuation rows, published schema."""

import datetime as dt
import json

import pytest
from pydantic import ValidationError

from forankring_xl.model import DateText, Phase, Plan, PlanRow, Raw, Role, Sigtepunkt, Status, TeamMember
from forankring_xl.io.archive import archive_schema, plan_schema

from conftest import ROOT


def test_status_list_is_exactly_the_six_values():
    assert [s.value for s in Status] == ["Ikke startet", "I gang", "Forsinket", "Opnået", "Ikke opnået", "Annulleret"]


def test_roles_and_phases():
    assert [p.value for p in Phase] == ["Beslutning", "Klar-parat-start", "I gang", "Forankring"]
    assert {r.value for r in Role} == {
        "leder", "projektansvarlig", "medarbejderrepræsentant", "MED-repræsentant", "AMR", "TR", "HR",
        "superbruger", "andet",
    }


def test_closed_lists_accept_case_and_spacing_and_keep_unknown_text():
    row = PlanRow(status="  opnået ")
    assert row.status is Status.OPNAAET
    assert PlanRow(status="færdig").status == Raw(raw="færdig")
    assert TeamMember(navn="A", rolle="med-repræsentant").rolle is Role.MED_REPRAESENTANT


def test_dates_are_dates_never_datetimes_or_serials():
    with pytest.raises(ValidationError, match="klokkeslæt"):
        PlanRow(start=dt.datetime(2027, 1, 1, 12, 0))
    with pytest.raises(ValidationError, match="serienummer"):
        PlanRow(start=46000)
    assert PlanRow(start="1. marts 2027").start == dt.date(2027, 3, 1)
    assert PlanRow(start="ultimo marts").start == DateText(tekst="ultimo marts", art="uden_aar")
    assert PlanRow(start="efter aftale med lederen").start == Raw(raw="efter aftale med lederen")
    assert type(Plan.model_validate_json('{"periode_start": "2027-02-28"}').periode_start) is dt.date


def test_text_is_stripped_and_line_breaks_normalised():
    row = PlanRow(aktivitet="  Kursus\r\nfor alle  ", ansvarlig="   ")
    assert row.aktivitet == "Kursus\nfor alle" and row.ansvarlig is None


def test_text_that_excel_cannot_hold_is_refused_in_danish():
    with pytest.raises(ValidationError, match="ikke kan gemmes i Excel"):
        PlanRow(aktivitet="bip\x07")
    with pytest.raises(ValidationError, match="32767"):
        PlanRow(aktivitet="x" * 32768)


def test_unknown_fields_are_refused():
    with pytest.raises(ValidationError):
        Plan.model_validate({"kommune": "A", "ukendt": 1})


def test_trailing_empty_rows_and_sigtepunkter_are_dropped_interior_ones_kept():
    point = Sigtepunkt(raekker=[PlanRow(aktivitet="a"), PlanRow(), PlanRow(aktivitet="b"), PlanRow(), PlanRow()])
    assert len(point.raekker) == 3 and point.raekker[1].is_empty()
    plan = Plan(sigtepunkter=[Sigtepunkt(), Sigtepunkt(titel="x"), Sigtepunkt()])
    assert [s.titel for s in plan.sigtepunkter] == [None, "x"]


def test_continuation_rows_resolve_to_the_row_above():
    point = Sigtepunkt(
        raekker=[
            PlanRow(formaal="F1", maal="M1", maal_dato=dt.date(2027, 6, 30), aktivitet="a"),
            PlanRow(aktivitet="b"),
            PlanRow(formaal="F2", aktivitet="c"),
            PlanRow(aktivitet="d", maal="M2"),
        ]
    )
    rows = list(point.resolved_rows())
    assert [(r.formaal, r.formaal_from, r.continues_formaal) for r in rows] == [
        ("F1", 0, False), ("F1", 0, True), ("F2", 2, False), ("F2", 2, True),
    ]
    assert [(r.maal, r.maal_from) for r in rows] == [("M1", 0), ("M1", 0), ("M1", 0), ("M2", 3)]
    assert rows[1].maal_dato == dt.date(2027, 6, 30) and rows[1].continues_maal


def test_published_schemas_equal_the_generated_ones():
    from regenerate import SCHEMAS, schema_text

    for path, make in SCHEMAS.items():
        assert path.read_text(encoding="utf-8") == schema_text(make), f"{path} is stale: run scripts/regenerate.py"


def test_regenerate_leaves_files_with_unchanged_content_alone(tmp_path):
    """Before, every run rewrote every workbook (new zip dates and save time), so git saw changes."""
    import time

    from regenerate import main

    written = main(tmp_path)
    names = {p.relative_to(tmp_path).as_posix() for p in written}
    assert "workbook_templates/forankringsplan.xlsx" in names and "schema/arkiv.schema.json" in names
    assert len([n for n in names if n.startswith("examples/")]) >= 6
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in written}
    time.sleep(2.1)  # zip entries keep dates to two seconds; the save time in docProps/core.xml to one
    assert main(tmp_path) == []
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in written} == before
    # a real change is written again, and only that file
    template = tmp_path / "workbook_templates" / "forankringsplan.xlsx"
    stale = tmp_path / "schema" / "arkiv.schema.json"
    stale.write_text("{}\n", encoding="utf-8")
    from openpyxl import load_workbook

    wb = load_workbook(template)
    wb.worksheets[0]["A1"] = "Noget andet"
    wb.save(template)
    assert set(main(tmp_path)) == {stale, template}


def test_schema_has_danish_titles_and_descriptions():
    schema = plan_schema()
    assert schema["title"] == "Forankringsplan"
    row = schema["$defs"]["PlanRow"]["properties"]
    assert row["formaal"]["title"] == "Formål" and "fortsættelsesrække" in row["formaal"]["description"]
    assert row["delmaal_dato"]["title"] == "Delmål dato"
    assert "Ikke startet" in row["status"]["description"]
    arkiv = archive_schema()
    assert arkiv["properties"]["exported_at"]["title"] == "Eksporteret"
    assert json.loads((ROOT / "schema" / "forankringsplan.schema.json").read_text())["title"] == "Forankringsplan"
