"""``forankring udvikling`` and batch's "Udvikling siden sidst": the real command on the bundled examples and
later versions of them written as workbooks, a batch archive with versions, and bad input."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from forankring_xl.io.reader import read_plan
from forankring_xl.io.writer import write_plan
from forankring_xl.model import Plan

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ENGLISH = ("Traceback", "Error", "error:", "Exception", "No such file", "Usage:")


def forankring(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("forankring") or str(Path(sys.executable).parent / "forankring")
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=300)


def danish_only(done: subprocess.CompletedProcess) -> None:
    text = done.stdout + done.stderr
    assert not [w for w in ENGLISH if w in text], text
    assert "Uventet fejl" not in text


def later_version(plan: Plan) -> Plan:
    """What Engskolen sends back after a follow-up meeting: a row inserted above, a delmål reached, an owner
    named, a date pushed, a vague row deleted."""
    data = plan.model_dump()
    rows = data["sigtepunkter"][0]["raekker"]
    rows[1]["status"] = "Opnået"
    rows[0]["ansvarlig"] = "Mette Sørensen"
    rows[0]["slut"] = dt.date(2027, 8, 1)
    rows.pop(2)
    rows.insert(0, {"aktivitet": "Trivselssamtaler med alle lærere", "ansvarlig": "Kim Bach",
                    "slut": dt.date(2027, 5, 1)})
    return Plan.model_validate(data)


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    root = tmp_path_factory.mktemp("udvikling")
    old = root / "engskolen marts.xlsx"
    shutil.copy(EXAMPLES / "trivsel_engskolen.xlsx", old)
    new = root / "engskolen juni.xlsx"
    write_plan(later_version(read_plan(old).plan), new)
    return root, old, new


def test_two_returned_workbooks_in_danish_text(versions):
    root, old, new = versions
    done = forankring("udvikling", str(old), str(new), "--as-of", "2027-04-01", "--forrige-pr", "2027-02-01")
    assert done.returncode == 0, done.stderr
    danish_only(done)
    out = done.stdout
    assert "Udvikling for Engskolen (Søndermark Kommune)" in out
    assert "Nået siden sidst (1):" in out and "Rækker tilføjet (1):" in out and "Rækker fjernet (1):" in out
    assert "'Ledelsen' → 'Mette Sørensen'" in out
    assert "Slut: 1-6-2027 → 1-8-2027 (61 dage senere)" in out  # Danish dates in the text; ISO in JSON
    assert "Ikke længere forfaldne" in out and "– nået" in out
    assert "Ejerskab" in out and "→" in out


def test_json_and_a_json_file_through_the_output_policy(versions, tmp_path):
    root, old, new = versions
    done = forankring("udvikling", str(old), str(new), "--as-of", "2027-04-01", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["compared"] and len(data["naaet"]) == 1 and len(data["raekker_fjernet"]) == 1
    target = tmp_path / "udvikling.json"
    done = forankring("udvikling", str(old), str(new), "--as-of", "2027-04-01", "-o", str(target))
    assert done.returncode == 0 and json.loads(target.read_text(encoding="utf-8")) == data
    again = forankring("udvikling", str(old), str(new), "-o", str(target))  # never overwritten unasked
    assert again.returncode == 2 and "findes allerede" in again.stderr and "--overskriv" in again.stderr
    wrong = forankring("udvikling", str(old), str(new), "-o", str(tmp_path / "udvikling.xlsx"))
    assert wrong.returncode == 2 and "endelsen '.xlsx'" in wrong.stderr
    into_input = forankring("udvikling", str(old), str(new), "-o", str(old), "--overskriv")
    assert into_input.returncode == 2 and "læses fra" in into_input.stderr
    danish_only(again)


def test_different_unit_ids_are_never_compared(versions, tmp_path):
    root, old, _ = versions
    plan = read_plan(old).plan
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_plan(plan.model_copy(update={"enheds_id": "FXU-AAAAAAAAAA"}), a)
    write_plan(plan.model_copy(update={"enheds_id": "FXU-BBBBBBBBBB"}), b)
    done = forankring("udvikling", str(a), str(b))
    assert done.returncode == 1
    assert "Ikke sammenlignet" in done.stdout and "Enheds-ID" in done.stdout
    assert "Nået" not in done.stdout
    danish_only(done)
    other = forankring("udvikling", str(old), str(EXAMPLES / "apv_plejecenter_solbakken.xlsx"))
    assert other.returncode == 1 and "forskellige" in other.stdout


def test_bad_input_is_said_in_danish(versions, tmp_path):
    root, old, new = versions
    broken = tmp_path / "ødelagt.json"
    broken.write_text('{"plan": {"sigtepunkter": [', encoding="utf-8")
    for args in ([str(broken), str(new)], [str(tmp_path / "findes ikke.xlsx"), str(new)],
                 [str(old), str(new), str(new)], [str(tmp_path)], [str(old), str(new), "--as-of", "i morgen"]):
        done = forankring("udvikling", *args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert done.stderr.strip()
        danish_only(done)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Two batch runs over an inbox of three examples; Engskolen returns a later version in between."""
    root = tmp_path_factory.mktemp("arkiv")
    inbox = root / "indbakke"
    inbox.mkdir()
    for name in ("trivsel_engskolen", "apv_plejecenter_solbakken", "ics_familieafdeling"):
        shutil.copy(EXAMPLES / f"{name}.xlsx", inbox / f"{name}.xlsx")
    done = forankring("batch", str(inbox), "-o", str(root / "arkiv"), "--as-of", "2027-02-01", "--jobs", "1")
    assert done.returncode == 0, done.stderr
    plan = read_plan(inbox / "trivsel_engskolen.xlsx").plan
    (inbox / "trivsel_engskolen.xlsx").unlink()
    write_plan(later_version(plan), inbox / "trivsel_engskolen.xlsx")
    done = forankring("batch", str(inbox), "-o", str(root / "arkiv"), "--as-of", "2027-04-01",
                      "--overview", str(root / "oversigt.xlsx"))
    assert done.returncode == 0, done.stderr
    return root, inbox


def progress_rows(path: Path) -> dict[str, dict]:
    ws = load_workbook(path)["Udvikling siden sidst"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    header = rows[0]
    return {row[0]: dict(zip(header, row)) for row in rows[1:]}


def test_batch_overview_has_one_progress_line_per_unit(archive):
    root, _ = archive
    rows = progress_rows(root / "oversigt.xlsx")
    assert set(rows) == {"Engskolen", "Plejecenter Solbakken", "Familieafdelingen, Børn og Unge"}
    eng = rows["Engskolen"]
    assert (eng["Delmål nået"], eng["Rækker tilføjet"], eng["Rækker fjernet"], eng["Ansvarlige skiftet"]) == (1, 1, 1, 1)
    assert eng["Datoer flyttet"] == 1 and eng["Bemærkning"] is None
    assert "→" in eng["Ejerskab"]
    others = [r for name, r in rows.items() if name != "Engskolen"]
    assert all(r["Bemærkning"] == "ingen tidligere version i arkivet" and r["Delmål nået"] is None for r in others)


def test_udvikling_on_the_archive_and_a_corrupt_earlier_version(archive, tmp_path):
    root, inbox = archive
    copy = tmp_path / "arkiv"
    shutil.copytree(root / "arkiv", copy)
    done = forankring("udvikling", str(copy), "--as-of", "2027-04-01")
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("trivsel_engskolen.xlsx"))
    assert "nået 1" in line and "rækker tilføjet 1" in line and "rækker fjernet 1" in line
    assert "3 planer i arkivet" in done.stdout and "1 sammenlignet" in done.stdout
    data = json.loads(forankring("udvikling", str(copy), "--as-of", "2027-04-01", "--json").stdout)
    assert sum(1 for e in data if e["udvikling"]) == 1
    # a JSON the manifest does not list is no current plan: said on its own line, not compared
    shutil.copy(next(copy.glob("trivsel-engskolen--*.json")), copy / "kopi.json")
    done = forankring("udvikling", str(copy), "--as-of", "2027-04-01")
    assert done.returncode == 0 and "3 planer i arkivet" in done.stdout and "kopi.json" not in done.stdout
    assert f"Springer over '{copy / 'kopi.json'}': filen står ikke i arkivets manifest" in done.stderr
    (copy / "kopi.json").unlink()
    # an archive JSON against the returned workbook: the JSON is judged as of the day it came in, which is
    # the date the batch that archived it judged it as of (its --as-of), not the real day it ran
    (version,) = (copy / "versions").glob("*.json")
    assert json.loads(version.read_text(encoding="utf-8"))["vurderet_pr"] == "2027-02-01"
    mixed = forankring("udvikling", str(version), str(inbox / "trivsel_engskolen.xlsx"), "--as-of", "2027-04-01",
                       "--json")
    assert mixed.returncode == 0, mixed.stderr
    mixed = json.loads(mixed.stdout)
    assert mixed["gammel_pr"] == "2027-02-01" and mixed["ny_pr"] == "2027-04-01"
    assert len(mixed["naaet"]) == 1
    # an archive without that date (from 'export', or written before batch kept it): the day it was archived
    bare = tmp_path / "eksport.json"
    data = json.loads(version.read_text(encoding="utf-8"))
    data.pop("vurderet_pr")
    bare.write_text(json.dumps(data), encoding="utf-8")
    mixed = json.loads(forankring("udvikling", str(bare), str(inbox / "trivsel_engskolen.xlsx"), "--as-of",
                                  "2027-04-01", "--json").stdout)
    exported = dt.date.fromisoformat(data["exported_at"][:10])
    assert mixed["gammel_pr"] in (exported.isoformat(), (exported + dt.timedelta(days=1)).isoformat())  # in Denmark

    version.write_text("{ikke json", encoding="utf-8")
    done = forankring("udvikling", str(copy), "--as-of", "2027-04-01")
    assert done.returncode == 1
    assert "den tidligere version (versions/" in done.stdout and "kan ikke læses" in done.stdout
    danish_only(done)
    # the batch, run again, reports it on the unit's line and goes on
    overview = tmp_path / "oversigt.xlsx"
    done = forankring("batch", str(inbox), "-o", str(copy), "--as-of", "2027-04-01", "--overview", str(overview))
    assert done.returncode == 0, done.stderr
    eng = progress_rows(overview)["Engskolen"]
    assert "kan ikke læses" in eng["Bemærkning"] and eng["Delmål nået"] is None


def test_what_the_earlier_batch_already_showed_as_late_is_never_newly_late(archive):
    """The earlier version is judged as of the date the batch that archived it judged it (its --as-of, here
    1-2-2027, run long before that day): an item already late then is not "newly late" as of 1-4-2027,
    whatever real day the batches ran on; the items that fell due in between are."""
    root, _ = archive
    data = json.loads(forankring("udvikling", str(root / "arkiv"), "--as-of", "2027-04-01", "--json").stdout)
    (dev,) = [e["udvikling"] for e in data if e["udvikling"]]
    assert dev["gammel_pr"] == "2027-02-01"
    assert dev["nye_forfaldne"] and all("2027-02-01" <= x["frist"] < "2027-04-01" for x in dev["nye_forfaldne"])
    batch = progress_rows(root / "oversigt.xlsx")["Engskolen"]
    assert batch["Nye forfaldne"] == len(dev["nye_forfaldne"])  # batch's overview counts the same


def test_a_plan_whose_newest_return_failed_is_named_and_kept_in_the_json_record(archive, tmp_path):
    """The last batch could not read one unit's newest return: udvikling on the archive names the inbox file
    with the batch's reason, the JSON record lists it beside the compared plans, and the exit code is 1."""
    root, inbox = archive
    box = tmp_path / "indbakke"
    shutil.copytree(inbox, box)
    copy = tmp_path / "arkiv"
    shutil.copytree(root / "arkiv", copy)
    (box / "ics_familieafdeling.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    assert forankring("batch", str(box), "-o", str(copy), "--as-of", "2027-04-01", "--jobs", "1").returncode == 1
    done = forankring("udvikling", str(copy), "--as-of", "2027-04-01", "--json")
    assert done.returncode == 1, done.stderr
    assert "Kan ikke læse 'ics_familieafdeling.xlsx'" in done.stderr and "ved sidste batch" in done.stderr
    danish_only(done)
    data = json.loads(done.stdout)
    left_out = [e for e in data if e["arkiv"] is None]
    assert [e["kildefil"] for e in left_out] == ["ics_familieafdeling.xlsx"]
    assert "beskadiget" in left_out[0]["bemaerkning"] and left_out[0]["udvikling"] is None
    assert len(data) == 3 and sum(1 for e in data if e["udvikling"]) == 1
