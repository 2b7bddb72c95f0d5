"""Archives written before schema version 3 still read everywhere.

Schema version 3 added ``vurderet_pr`` (the date batch judged a plan as of). Every archive a municipality
has from before is version 2: ``tests/data/arkiv_v2_trivsel_engskolen.json`` is one, written by
``forankring batch --as-of 2027-02-01`` of the program before version 3 (commit 9cc6170) from
``examples/trivsel_engskolen.xlsx``, its ``exported_at`` set to the morning of 1-2-2027 as if that batch ran
that day. Its ``source_sha256`` was set to the example's again when the example was rebuilt with the
template's closed-status lists, and again with its list of blank characters (the plan in it is unchanged), so a batch still sees the same file. Such an
archive loads, imports, is compared by ``udvikling`` (as of the day it was archived), and
a batch archive of them goes on: a new return is archived beside it, ``udvikling`` and ``påmind`` read it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import later_versions
from conftest import EXAMPLES
from test_cli import forankring

from forankring_xl.batch.runner import archive_name
from forankring_xl.io.archive import SCHEMA_VERSION, archive_json, came_in, load_archive
from forankring_xl.io.reader import read_plan
from forankring_xl.io.writer import write_plan

V2 = Path(__file__).resolve().parent / "data" / "arkiv_v2_trivsel_engskolen.json"
SOURCE = next(p for p in EXAMPLES if p.name == "trivsel_engskolen.xlsx")
ARCHIVED = dt.date(2027, 2, 1)


def test_the_fixture_is_a_version_2_archive_as_the_previous_program_wrote_it():
    data = json.loads(V2.read_text(encoding="utf-8"))
    assert data["schema_version"] == 2 and "vurderet_pr" not in data
    assert data["source_sha256"] == hashlib.sha256(SOURCE.read_bytes()).hexdigest()


def test_a_version_2_archive_loads_as_the_current_version_without_a_judging_date():
    archive = load_archive(V2)
    assert archive.schema_version == SCHEMA_VERSION == 3
    assert archive.vurderet_pr is None and came_in(archive) == ARCHIVED  # the day it was archived, in Denmark
    assert archive.plan == read_plan(SOURCE).plan  # the same plan the workbook reads as today
    again = json.loads(archive_json(archive))  # written again: version 3, the field present and empty
    assert again["schema_version"] == 3 and again["vurderet_pr"] is None


def test_import_and_udvikling_take_a_version_2_archive(tmp_path):
    done = forankring("import", str(V2), "-o", str(tmp_path / "plan.xlsx"))
    assert done.returncode == 0, done.stderr
    assert read_plan(tmp_path / "plan.xlsx").plan == load_archive(V2).plan
    later = tmp_path / "senere.xlsx"
    write_plan(later_versions.later(read_plan(SOURCE).plan), later)
    done = forankring("udvikling", str(V2), str(later), "--as-of", "2027-04-01", "--json")
    assert done.returncode == 0, done.stderr
    dev = json.loads(done.stdout)
    assert dev["gammel_pr"] == ARCHIVED.isoformat() and dev["ny_pr"] == "2027-04-01"
    assert len(dev["naaet"]) == 1


def test_a_batch_archive_of_version_2_goes_on(tmp_path):
    """The archive as the previous program left it (its manifest and a version 2 JSON); the unit returns a
    later version, batch runs again: the version 2 JSON becomes the earlier version, compared as of the day it
    was archived, and udvikling and påmind read the archive."""
    archive = tmp_path / "arkiv"
    archive.mkdir()
    name = archive_name(SOURCE.name)
    shutil.copy(V2, archive / name)
    (archive / "manifest.jsonl").write_text(json.dumps(
        {"path": SOURCE.name, "sha256": hashlib.sha256(SOURCE.read_bytes()).hexdigest(), "status": "converted",
         "reason": None, "archive": name, "counts": None}) + "\n", encoding="utf-8")
    inbox = tmp_path / "indbakke"
    inbox.mkdir()
    write_plan(later_versions.later(read_plan(SOURCE).plan), inbox / SOURCE.name)

    done = forankring("batch", str(inbox), "-o", str(archive), "--as-of", "2027-04-01", "--jobs", "1",
                      "--overview", str(tmp_path / "oversigt.xlsx"))
    assert done.returncode == 0, done.stderr
    (kept,) = (archive / "versions").glob("*.json")
    assert json.loads(kept.read_text(encoding="utf-8"))["schema_version"] == 2  # kept as it was
    current = json.loads((archive / name).read_text(encoding="utf-8"))
    assert current["schema_version"] == 3 and current["vurderet_pr"] == "2027-04-01"

    done = forankring("udvikling", str(archive), "--as-of", "2027-04-01", "--json")
    assert done.returncode == 0, done.stderr
    (entry,) = json.loads(done.stdout)
    assert entry["udvikling"]["gammel_pr"] == ARCHIVED.isoformat() and len(entry["udvikling"]["naaet"]) == 1
    done = forankring("påmind", str(archive), "--as-of", "2027-04-01", "-o", str(tmp_path / "påmind"))
    assert done.returncode == 0, done.stderr
    assert "1 plan pr. 1-4-2027" in done.stdout and "Springer over" not in done.stderr
