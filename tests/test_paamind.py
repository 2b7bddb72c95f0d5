"""forankring påmind: one draft per responsible person across plans, names written two ways grouped.

Pure grouping and message text on plans built in the model; the drafts parsed back with the standard
library's email parser; the real command on an inbox of written workbooks and on a batch archive.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from strategies import plans as random_plans

from forankring_xl.io.reminders import SHEET_FILE, _eml, eml_bytes, sheet_bytes
from forankring_xl.io.writer import write_plan
from forankring_xl.layout.locator import Locator
from forankring_xl.model import Opfoelgning, Plan, PlanRow, Sigtepunkt
from forankring_xl.overdue.items import collect_items
from forankring_xl.rules.config import CheckConfig
from forankring_xl.sendout.reminders import Source, build_reminders, group_names, message

AS_OF = dt.date(2027, 6, 1)
D = dt.date


def plan_a() -> Plan:
    return Plan(
        kommune="Viborg Kommune", enhed="Plejecenter Søndergården", indsats="Velfærdsteknologi i plejen",
        periode_start=D(2027, 2, 1), periode_slut=D(2028, 1, 31),
        sigtepunkter=[Sigtepunkt(titel="Tryghed i skærmbesøg", raekker=[
            PlanRow(formaal="Borgerne skal føle sig trygge", aktivitet="Oplæring i skærmbesøg", ansvarlig="Mette Sørensen",
                    slut=D(2027, 5, 1), delmaal="Alle 12 medarbejdere i dagvagt har haft oplæring", delmaal_dato=D(2027, 5, 15),
                    status="I gang"),
            PlanRow(aktivitet="Evaluering med borgerne", ansvarlig="Ledelsen", slut=D(2027, 5, 20)),
            PlanRow(aktivitet="Fælles tjekliste", ansvarlig="Mette Sørensen og Jens Ølgaard", slut=D(2027, 6, 10)),
            PlanRow(aktivitet="Gammel opgave", ansvarlig="Mette Sørensen", slut=D(2027, 3, 1), status="Opnået"),
        ], opfoelgning=Opfoelgning(hyppighed="Hver 2. måned", ansvarlig="M. Sørensen"))],
    )


def plan_b() -> Plan:
    return Plan(
        kommune="Viborg Kommune", enhed="Dagtilbud Åbakken", indsats="Sprogarbejde",
        periode_start=D(2027, 2, 1), periode_slut=D(2028, 1, 31),
        sigtepunkter=[Sigtepunkt(titel="Dialogisk læsning", raekker=[
            PlanRow(aktivitet="Kursus i dialogisk læsning", ansvarlig="METTE  SØRENSEN", slut=D(2027, 4, 1)),
            PlanRow(aktivitet="Bogkasser på stuerne", ansvarlig="Morten Sørensen", slut=D(2027, 6, 5)),
            PlanRow(aktivitet="Forældremøde", ansvarlig=None, slut=D(2027, 5, 1)),
        ])],
    )


def sources() -> list[Source]:
    return [Source(f"{p.enhed}.xlsx", p, Locator.for_layout(p)) for p in (plan_a(), plan_b())]


def build(srcs=None):
    config = CheckConfig()
    return build_reminders(srcs or sources(), AS_OF, 14, config.group_words(), tuple(config.words.lead_words))


def test_group_names_merges_case_spacing_and_a_unique_initial_only():
    keys = group_names(["Mette Sørensen", "M. Sørensen", "mette  sørensen", "Mette", "Jens Ølgaard"])
    assert keys["Mette Sørensen"] == keys["M. Sørensen"] == keys["mette  sørensen"]
    assert keys["Mette"] != keys["Mette Sørensen"]  # a first name alone is never merged
    assert keys["Jens Ølgaard"] != keys["Mette Sørensen"]
    ambiguous = group_names(["Mette Sørensen", "Morten Sørensen", "M. Sørensen"])
    assert len({ambiguous["M. Sørensen"], ambiguous["Mette Sørensen"], ambiguous["Morten Sørensen"]}) == 3
    assert group_names(["M Hansen", "Mads Hansen"])["M Hansen"] == group_names(["M Hansen", "Mads Hansen"])["Mads Hansen"]


def test_each_person_gets_their_items_across_plans_and_the_grouping_is_kept():
    people, unassigned = build()
    by_name = {p.name: p for p in people}
    # "M. Sørensen" fits both Mette and Morten Sørensen, so it stays apart; the rest of Mette is merged
    assert set(by_name) == {"Mette Sørensen", "Jens Ølgaard", "Morten Sørensen", "M. Sørensen"}
    mette = by_name["Mette Sørensen"]
    assert mette.spellings == {"Mette Sørensen": 3, "METTE SØRENSEN": 1}
    texts = sorted((r.item.kind, r.item.text, r.source) for r in mette.reminders)
    assert ("aktivitet", "Kursus i dialogisk læsning", "Dagtilbud Åbakken.xlsx") in texts
    assert ("aktivitet", "Fælles tjekliste", "Plejecenter Søndergården.xlsx") in texts
    assert all(r.item.text != "Gammel opgave" for r in mette.reminders)  # Opnået: nothing to chase
    assert [r.item.text for r in by_name["Jens Ølgaard"].reminders] == ["Fælles tjekliste"]
    assert len(mette.overdue) == 3 and len(mette.due_soon) == 1
    assert {u.owner for u in unassigned} == {"Ledelsen", "(ingen ansvarlig)"}
    assert people[0].name == "Mette Sørensen"  # most overdue first


def test_the_follow_up_owner_is_reminded_with_the_meeting():
    people, _ = build([sources()[0]])  # without plan B, "M. Sørensen" fits Mette only
    mette = next(p for p in people if p.name == "Mette Sørensen")
    assert "M. Sørensen" in mette.spellings
    meeting = [r for r in mette.reminders if r.item.kind == "opfølgning"]
    assert meeting and meeting[0].item.due == D(2027, 4, 1)  # plan start + 2 months, none recorded
    assert all(r.meeting == D(2027, 4, 1) for r in mette.reminders)


def test_message_is_danish_and_says_what_where_and_how_late():
    people, _ = build()
    mette = next(p for p in people if p.name == "Mette Sørensen")
    subject, body = message(mette, AS_OF, 14, "Hanne fra HR")
    assert subject == "Påmindelse om forankringsplaner: 3 overskredne og 1 forfalder snart"
    assert body.startswith("Kære Mette Sørensen\n")
    assert "Aktivitet: Kursus i dialogisk læsning" in body and "61 dage over" in body
    assert "Plan: Dagtilbud Åbakken, Viborg Kommune · Indsats: Sprogarbejde" in body
    assert "forfalder 10-6-2027 (om 9 dage)" in body
    assert body.rstrip().endswith("Hanne fra HR")


def test_the_eml_is_a_utf8_draft_outlook_opens_and_parses_back():
    people, _ = build()
    raw = eml_bytes(people[0], AS_OF, 14, "HR")
    raw.decode("ascii")  # transport-safe: every non-ASCII character is encoded
    assert b"\r\n" in raw
    msg = message_from_bytes(raw, policy=default)
    assert msg["Subject"] == message(people[0], AS_OF, 14, "HR")[0]
    assert msg["X-Unsent"] == "1" and msg["To"] is None
    assert msg.get_content_charset() == "utf-8"
    assert msg.get_content().replace("\r\n", "\n") == message(people[0], AS_OF, 14, "HR")[1]


@settings(max_examples=200)
@given(body=st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\r"), max_size=3000)
       | st.sampled_from(["a" * 5000, "x = 1 \n\tø\t\n.\n", "slut uden linjeskift  ", "=\n=3D\n"]))
def test_any_message_text_survives_the_draft_exactly_in_ascii_lines_of_at_most_78(body):
    """The body is quoted-printable from binascii (not the email package's own encoder): whatever the text
    (Danish letters, '=', trailing spaces, tabs, a line of 5,000 characters, no final line break), the
    parsed draft gives it back, and the file is short ASCII lines."""
    subject = "Påmindelse om forankringsplaner: 3 overskredne og 1 forfalder snart"
    raw = _eml(subject, body)
    lines = raw.decode("ascii").split("\r\n")
    assert max(len(line) for line in lines) <= 78
    msg = message_from_bytes(raw, policy=default)
    assert msg.get_content_charset() == "utf-8" and msg["Content-Transfer-Encoding"] == "quoted-printable"
    assert msg.get_content().replace("\r\n", "\n") == body
    assert msg["Subject"] == subject and msg["X-Unsent"] == "1"


def test_the_sheet_keeps_text_as_text_and_dates_as_dates(tmp_path):
    """Rows are written by number; text that looks like a formula stays text, a due date is a date cell."""
    plan = plan_b()
    plan.sigtepunkter[0].raekker[0].aktivitet = "=SUM(A1:A3) og +45 mødet"
    plan.sigtepunkter[0].raekker[2].aktivitet = "-1 @alle"
    people, unassigned = build([Source("b.xlsx", plan, Locator.for_layout(plan))])
    files = [f"{p.name}.eml" for p in people]
    path = tmp_path / SHEET_FILE
    path.write_bytes(sheet_bytes(people, files, unassigned, AS_OF, 14, "HR"))
    wb = load_workbook(path)
    rows = list(wb["Påmindelser"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [p.name for p in people] and len(rows) == len(people)
    assert any("=SUM(A1:A3) og +45 mødet" in r[6] for r in rows)
    nobody = wb["Uden navngiven ansvarlig"]
    assert nobody.max_row == 1 + sum(len(u.reminders) for u in unassigned)
    cell = next(c for c in nobody["C"] if c.value == "-1 @alle")
    assert cell.data_type == "s" and isinstance(nobody.cell(row=cell.row, column=4).value, dt.datetime)
    assert all(ws.freeze_panes == "A2" for ws in wb.worksheets)


# --- the command --------------------------------------------------------------------------------


def forankring(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("forankring") or str(Path(sys.executable).parent / "forankring")
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    root = tmp_path_factory.mktemp("paamind")
    folder = root / "indbakke"
    (folder / "uge 22").mkdir(parents=True)
    write_plan(plan_a(), folder / "Søndergården retur.xlsx")
    write_plan(plan_b(), folder / "uge 22" / "kopi af Åbakken FINAL.xlsx")
    return root, folder


def test_paamind_on_an_inbox_writes_drafts_the_sheet_and_shows_the_grouping(inbox):
    root, folder = inbox
    out = root / "PÅMINDELSER"
    done = forankring("påmind", str(folder), "--as-of", "1-6-2027", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "Mette Sørensen: 'METTE SØRENSEN', 'Mette Sørensen'" in done.stdout
    assert "'Ledelsen': 1 punkt" in done.stdout and "Intet er sendt" in done.stdout
    emls = sorted(p.name for p in out.glob("*.eml"))
    assert emls == ["Påmindelse - Jens Ølgaard.eml", "Påmindelse - M. Sørensen.eml",
                    "Påmindelse - Mette Sørensen.eml", "Påmindelse - Morten Sørensen.eml"]
    msg = message_from_bytes((out / "Påmindelse - Mette Sørensen.eml").read_bytes(), policy=default)
    assert "kopi af Åbakken FINAL.xlsx" in msg.get_content()
    wb = load_workbook(out / SHEET_FILE)
    rows = list(wb["Påmindelser"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Navn", "E-mail", "Emne")
    assert rows[1][0] == "Mette Sørensen" and rows[1][3:6] == (3, 1, 61) and rows[1][7] == "Påmindelse - Mette Sørensen.eml"
    groups = list(wb["Navnegrupper"].iter_rows(min_row=2, values_only=True))
    assert ("Mette Sørensen", "METTE SØRENSEN", 1) in groups
    nobody = list(wb["Uden navngiven ansvarlig"].iter_rows(min_row=2, values_only=True))
    assert {r[0] for r in nobody} == {"Ledelsen", "(ingen ansvarlig)"}


def test_paamind_on_a_batch_archive_gives_the_same_people(inbox, tmp_path):
    _, folder = inbox
    archive = tmp_path / "arkiv"
    assert forankring("batch", str(folder), "-o", str(archive), "--jobs", "1").returncode == 0
    out = tmp_path / "ud"
    done = forankring("påmind", str(archive), "--as-of", "2027-06-01", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert len(list(out.glob("*.eml"))) == 4 and "2 planer" in done.stdout


def test_paamind_refuses_existing_files_reports_bad_plans_and_bad_dates(inbox, tmp_path):
    root, folder = inbox
    out = tmp_path / "ud"
    out.mkdir()
    (out / "Påmindelse - Jens Ølgaard.eml").write_text("HR's egen kladde", encoding="utf-8")
    done = forankring("påmind", str(folder), "--as-of", "1-6-2027", "-o", str(out))
    assert done.returncode == 2 and "findes allerede" in done.stderr and "Intet er skrevet" in done.stderr
    assert [p.name for p in out.iterdir()] == ["Påmindelse - Jens Ølgaard.eml"]
    assert (out / "Påmindelse - Jens Ølgaard.eml").read_text(encoding="utf-8") == "HR's egen kladde"
    done = forankring("påmind", str(folder), "--as-of", "31. juni 2027", "-o", str(tmp_path / "x"))
    assert done.returncode == 2 and "'31. juni 2027' er ikke en dato" in done.stderr
    broken = tmp_path / "med-fejl"
    shutil.copytree(folder, broken)
    (broken / "ødelagt.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    done = forankring("påmind", str(broken), "--as-of", "1-6-2027", "-o", str(tmp_path / "y"))
    assert done.returncode == 1 and "ødelagt.xlsx" in done.stderr and "Traceback" not in done.stderr
    assert len(list((tmp_path / "y").glob("*.eml"))) == 4


def test_paamind_does_not_load_the_rule_engine(tmp_path):
    """påmind needs today's date and the configuration, not the checks: the engine (and the SMART checker's
    dictionary it imports) stays unloaded, which is a tenth of a second of every run."""
    from forankring_xl.io.archive import Archive, archive_json

    archive = tmp_path / "arkiv"
    archive.mkdir()
    (archive / "manifest.jsonl").write_text('{"path": "a.xlsx", "status": "converted", "archive": "a.json"}\n',
                                            encoding="utf-8")
    (archive / "a.json").write_text(archive_json(Archive(exported_at=dt.datetime.now(dt.timezone.utc), plan=plan_a())),
                                    encoding="utf-8")
    code = ("import runpy, sys\n"
            f"sys.argv = ['forankring', 'påmind', {str(archive)!r}, '--as-of', '1-6-2027', '-o', {str(tmp_path / 'ud')!r}]\n"
            "try:\n    runpy.run_module('forankring_xl', run_name='__main__')\nexcept SystemExit as exc:\n"
            "    assert exc.code in (0, None), exc.code\n"
            "print(sorted(m for m in sys.modules if m.startswith('forankring_xl.rules') or m == 'simplemma'))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    loaded = done.stdout.strip().splitlines()[-1]
    assert "forankring_xl.rules.config" in loaded  # the command did run through its configuration
    assert "forankring_xl.rules.engine" not in loaded and "simplemma" not in loaded
    assert len(list((tmp_path / "ud").glob("*.eml"))) >= 1


def test_an_output_folder_inside_the_inbox_or_archive_is_refused_before_anything_is_read(inbox, tmp_path):
    """The consultant's natural 'INDBAKKE/Påmindelser' would make the next run read its own sheet as a plan:
    it is refused up front in Danish, with a folder beside the inbox as the example, and nothing is made."""
    root, folder = inbox
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    for out in (folder / "Påmindelser", folder, folder / "uge 22" / "ud"):
        done = forankring("påmind", str(folder), "--as-of", "1-6-2027", "-o", str(out))
        assert done.returncode == 2, done.stdout + done.stderr
        assert "indbakken" in done.stderr and "som læses" in done.stderr and str(folder) in done.stderr
        assert "Traceback" not in done.stderr and done.stdout == ""
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before
    archive = tmp_path / "arkiv"
    assert forankring("batch", str(folder), "-o", str(archive), "--jobs", "1").returncode == 0
    done = forankring("påmind", str(archive), "--as-of", "1-6-2027", "-o", str(archive / "Påmindelser"))
    assert done.returncode == 2 and "arkivet" in done.stderr and not (archive / "Påmindelser").exists()


def test_our_own_workbooks_in_the_inbox_are_skipped_with_a_note_not_read_as_plans(inbox, tmp_path):
    """A påmind list, an udsend send list and a batch overview that ended up in the inbox (copied there, or
    from a run before outputs inside the inbox were refused) are said and skipped: no error, exit 0."""
    root, folder = inbox
    mixed = tmp_path / "indbakke"
    shutil.copytree(folder, mixed)
    first = tmp_path / "første"
    assert forankring("påmind", str(folder), "--as-of", "1-6-2027", "-o", str(first)).returncode == 0
    (mixed / "sidste gang").mkdir()
    shutil.copy(first / SHEET_FILE, mixed / "sidste gang" / "Påmindelser (2).xlsx")
    shutil.copy(first / "Påmindelse - Jens Ølgaard.eml", mixed / "sidste gang")
    overview = tmp_path / "oversigt.xlsx"
    assert forankring("batch", str(folder), "-o", str(tmp_path / "arkiv"), "--overview", str(overview),
                      "--jobs", "1").returncode == 0
    shutil.copy(overview, mixed / "oversigt.xlsx")
    units = tmp_path / "enheder.csv"
    units.write_text("Kommune;Enhed;Kontaktperson;E-mail;Indsats;Planperiode;Svarfrist\n"
                     "Viborg Kommune;Dagtilbud Åbakken;Jens Ølgaard;jeol@viborg.dk;Sprog;1-2-2027 – 31-1-2028;15-12-2026\n",
                     encoding="utf-8")
    assert forankring("udsend", str(units), "-o", str(tmp_path / "udsendt")).returncode == 0
    shutil.copy(tmp_path / "udsendt" / "Udsendelsesliste.xlsx", mixed / "Udsendelsesliste.xlsx")
    (mixed / "noter.xlsx").write_bytes(b"PK\x03\x04 not really a zip")  # a broken workbook stays an error
    done = forankring("påmind", str(mixed), "--as-of", "1-6-2027", "-o", str(tmp_path / "anden"))
    assert done.returncode == 1, done.stderr  # for noter.xlsx only
    err = done.stderr
    for name, what in (("Påmindelser (2).xlsx", "påmindelseslisten"), ("oversigt.xlsx", "oversigten"),
                       ("Udsendelsesliste.xlsx", "udsendelseslisten")):
        line = next(line for line in err.splitlines() if name in line)
        assert line.startswith("Springer over") and what in line and "ikke en plan" in line
    assert "Kan ikke læse" in err and "noter.xlsx" in err and err.count("Kan ikke læse") == 1
    assert "2 planer" in done.stdout and len(list((tmp_path / "anden").glob("*.eml"))) == 4
    (mixed / "noter.xlsx").unlink()
    # a plan that carries sheets with our outputs' names is still a plan: its front page decides
    wb = load_workbook(mixed / "Søndergården retur.xlsx")
    for title in ("Udsendelse", "Påmindelser", "Navnegrupper", "Uden navngiven ansvarlig"):
        wb.create_sheet(title)
    wb.save(mixed / "Søndergården retur.xlsx")
    done = forankring("påmind", str(mixed), "--as-of", "1-6-2027", "-o", str(tmp_path / "tredje"))
    assert done.returncode == 0 and done.stderr.count("Springer over") == 3, done.stderr
    assert "Søndergården" not in done.stderr and "2 planer" in done.stdout
    assert len(list((tmp_path / "tredje").glob("*.eml"))) == 4


def test_a_corrupt_archive_file_is_reported_and_the_rest_still_reminded(inbox, tmp_path):
    """Every kind of damaged archive JSON gets its own Danish line naming the file; the good plans are
    still read and reminded; exit 1 says that something was not read."""
    _, folder = inbox
    archive = tmp_path / "arkiv"
    assert forankring("batch", str(folder), "-o", str(archive), "--jobs", "1").returncode == 0
    good = sorted(archive.glob("*.json"))
    text = good[0].read_text(encoding="utf-8")
    damaged = {
        "afbrudt.json": text[: len(text) // 2],
        "tom.json": "",
        "liste.json": "[1, 2]",
        "nyere.json": re.sub(r'"schema_version": \d+', '"schema_version": 99', text),
        "forkert-dato.json": text.replace('"periode_start": "2027-02-01"', '"periode_start": 20270201'),
    }
    for name, content in damaged.items():
        (archive / name).write_text(content, encoding="utf-8")
    (archive / "latin1.json").write_bytes('{"plan": {"enhed": "Ærø"}}'.encode("latin-1"))
    with (archive / "manifest.jsonl").open("a", encoding="utf-8") as manifest:  # damaged after batch listed them
        for name in [*damaged, "latin1.json"]:
            manifest.write(json.dumps({"path": name.replace(".json", ".xlsx"), "status": "converted", "archive": name}) + "\n")
    done = forankring("påmind", str(archive), "--as-of", "1-6-2027", "-o", str(tmp_path / "ud"))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "Uventet" not in done.stderr
    for name in [*damaged, "latin1.json"]:
        line = next((line for line in done.stderr.splitlines() if name in line), None)
        assert line is not None and line.startswith("Kan ikke læse"), (name, done.stderr)
    assert "nyere version" in done.stderr and "UTF-8" in done.stderr
    assert f"{len(good)} planer" in done.stdout and len(list((tmp_path / "ud").glob("*.eml"))) == 4


def test_on_an_archive_only_the_plans_the_manifest_lists_are_reminded_and_the_rest_is_said(inbox, tmp_path):
    """A JSON the manifest does not list (a plan since removed from the inbox or renamed, a file put there by
    hand) and an earlier return whose newest one could not be read are skipped with a Danish line each, not
    reminded twice; a plan the manifest lists but that is gone is an error naming it."""
    _, folder = inbox
    box = tmp_path / "indbakke"
    shutil.copytree(folder, box)
    archive = tmp_path / "arkiv"
    assert forankring("batch", str(box), "-o", str(archive), "--jobs", "1").returncode == 0
    first = forankring("påmind", str(archive), "--as-of", "1-6-2027", "-o", str(tmp_path / "før"))
    assert first.returncode == 0 and "2 planer" in first.stdout, first.stderr
    # renamed in the inbox: batch archives it under its new name, the old JSON stays behind
    (box / "Søndergården retur.xlsx").rename(box / "Søndergården juni.xlsx")
    # the other unit's newest return is broken: its earlier JSON stays, the manifest says failed
    broken = box / "uge 22" / "kopi af Åbakken FINAL.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert forankring("batch", str(box), "-o", str(archive), "--jobs", "1").returncode == 1
    listed = next(archive.glob("soendergaarden-juni--*.json"))
    shutil.copy(listed, archive / "kladde.json")  # a copy put in the archive by hand
    done = forankring("påmind", str(archive), "--as-of", "1-6-2027", "-o", str(tmp_path / "efter"))
    # Åbakken's newest return could not be read: its people are not reminded, which is a failure, not a skip
    assert done.returncode == 1, done.stderr
    assert "Kan ikke læse 'uge 22/kopi af Åbakken FINAL.xlsx'" in done.stderr and "ved sidste batch" in done.stderr
    skipped = [line for line in done.stderr.splitlines() if line.startswith("Springer over")]
    assert len(skipped) == 3, done.stderr
    assert any("kladde.json" in line and "står ikke i arkivets manifest" in line for line in skipped)
    assert any("soendergaarden-retur" in line and "står ikke i arkivets manifest" in line for line in skipped)
    assert any("Åbakken" in line and "kunne ikke læses ved sidste batch" in line and "ældre version" in line
               for line in skipped)
    assert "1 plan pr. 1-6-2027" in done.stdout
    before = {p.name for p in (tmp_path / "før").glob("*.eml")}
    after = {p.name for p in (tmp_path / "efter").glob("*.eml")}
    assert after and after < before  # only Søndergården's people: Åbakken's older version is not used
    listed.unlink()
    gone = forankring("påmind", str(archive), "--as-of", "1-6-2027", "-o", str(tmp_path / "væk"))
    # now no plan of the archive can be read (the other's newest return failed too): nothing is written
    assert gone.returncode == 2 and f"Kan ikke læse '{listed}'" in gone.stderr, gone.stderr
    assert "Ingen af de 2 filer" in gone.stderr and not (tmp_path / "væk").exists()


def test_the_list_names_the_files_that_were_not_read_so_it_never_looks_complete(inbox, tmp_path):
    """Some plans read, one broken, one of our own lists lying in the inbox: the list is written (exit 1) and
    its sheet 'Fejlede filer' names each file that is not in it, and why."""
    _, folder = inbox
    box = tmp_path / "indbakke"
    shutil.copytree(folder, box)
    (box / "ødelagt.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    assert forankring("påmind", str(folder), "--as-of", "1-6-2027", "-o", str(tmp_path / "først")).returncode == 0
    shutil.copy(tmp_path / "først" / SHEET_FILE, box / SHEET_FILE)
    done = forankring("påmind", str(box), "--as-of", "1-6-2027", "-o", str(tmp_path / "ud"))
    assert done.returncode == 1, done.stderr
    assert "1 fil kunne ikke læses og er ikke med (se arket 'Fejlede filer')" in done.stdout
    rows = list(load_workbook(tmp_path / "ud" / SHEET_FILE)["Fejlede filer"].iter_rows(values_only=True))
    assert rows[0] == ("Fil", "Status", "Begrundelse")
    by_file = {Path(r[0]).name: r for r in rows[1:]}
    assert set(by_file) == {"ødelagt.xlsx", SHEET_FILE}
    # the status words are the overview's sheet of the same name (layout.own_outputs.FAILED_STATUS)
    assert by_file["ødelagt.xlsx"][1] == "fejlet" and "beskadiget" in by_file["ødelagt.xlsx"][2]
    assert by_file[SHEET_FILE][1] == "sprunget over" and "påmindelseslisten" in by_file[SHEET_FILE][2]
    # a list with every plan read says so by an empty sheet
    clean = list(load_workbook(tmp_path / "først" / SHEET_FILE)["Fejlede filer"].iter_rows(values_only=True))
    assert clean == [("Fil", "Status", "Begrundelse")]


def test_a_workbook_that_vanishes_mid_run_is_named_and_the_rest_is_reminded(inbox, tmp_path, monkeypatch):
    """Between listing the inbox and reading it, a workbook is deleted (a unit's colleague tidying the shared
    folder): an error naming it, in Danish, and the other plans are read."""
    from forankring_xl.io import reminders

    _, folder = inbox
    box = tmp_path / "indbakke"
    shutil.copytree(folder, box)
    shutil.copy(box / "Søndergården retur.xlsx", box / "forsvinder.xlsx")
    real = reminders.read_plan

    def racing(path, *args, **kwargs):
        if Path(path).name == "forsvinder.xlsx":
            Path(path).unlink()
        return real(path, *args, **kwargs)

    monkeypatch.setattr(reminders, "read_plan", racing)
    sources, errors = reminders.load_sources(box)
    assert sorted(s.name for s in sources) == ["Søndergården retur.xlsx", "uge 22/kopi af Åbakken FINAL.xlsx"]
    assert [Path(e.path).name for e in errors] == ["forsvinder.xlsx"]
    assert "findes ikke" in errors[0].message and not isinstance(errors[0], reminders.Skipped)


def test_a_workbook_that_cannot_be_opened_is_named_and_the_rest_is_reminded(inbox, tmp_path):
    """A file the user may not read (locked by permissions, as on a share): the real command, as a user
    without root's override, names it in Danish; the list is written for the others and says it is partial."""
    from test_hostile import _as_nobody

    _, folder = inbox
    box = tmp_path / "indbakke"
    shutil.copytree(folder, box)
    locked = box / "låst.xlsx"
    shutil.copy(box / "Søndergården retur.xlsx", locked)
    locked.chmod(0)
    exe = shutil.which("forankring") or str(Path(sys.executable).parent / "forankring")
    done = subprocess.run([exe, "påmind", str(box), "--as-of", "1-6-2027", "-o", str(tmp_path / "ud")],
                          capture_output=True, text=True, timeout=180, preexec_fn=_as_nobody)
    assert done.returncode == 1, done.stderr
    assert f"Kan ikke læse '{locked}'" in done.stderr and "adgang" in done.stderr and "Traceback" not in done.stderr
    assert "2 planer" in done.stdout
    rows = list(load_workbook(tmp_path / "ud" / SHEET_FILE)["Fejlede filer"].iter_rows(min_row=2, values_only=True))
    assert [Path(r[0]).name for r in rows] == ["låst.xlsx"]


@settings(max_examples=60)
@given(plans=st.lists(random_plans, min_size=1, max_size=3),
       as_of=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date.max), soon=st.integers(0, 10**9))
def test_any_plans_give_reminders_drafts_and_a_sheet_without_an_error(plans, as_of, soon):
    """Whatever the plans hold (random text, time text, dates up to 31-12-9999, empty rows) and whatever
    the date and horizon: every item lands with exactly one person or in the nobody list, and the draft
    and the sheet are made."""
    srcs = [Source(f"plan{n}.xlsx", p, Locator.for_layout(p)) for n, p in enumerate(plans)]
    config = CheckConfig()
    people, unassigned = build_reminders(srcs, as_of, soon, config.group_words(), tuple(config.words.lead_words))
    for person in people:
        message_from_bytes(eml_bytes(person, as_of, soon, "HR"), policy=default).get_content()
    sheet_bytes(people, [f"{n}.eml" for n in range(len(people))], unassigned, as_of, soon, "HR")
    expected = collect_items([(s.plan, s.locator) for s in srcs], as_of, soon)
    # an item with two people in its Ansvarlig cell reminds both; every item is somewhere
    got = {id(r.item) for p in people for r in p.reminders} | {id(r.item) for u in unassigned for r in u.reminders}
    assert len(got) == len(expected)


def test_each_follow_up_meeting_is_worked_out_once_per_plan():
    """build_reminders shows every item's next meeting and collect_items needs the same meetings: they are
    worked out once per sigtepunkt and shared, and the reminders are the same as from collect_items alone."""
    from helpers import calls_of

    from forankring_xl.overdue.items import next_followup

    plans = [plan_a(), plan_b()]
    srcs = [Source(f"plan{n}.xlsx", p, Locator.for_layout(p)) for n, p in enumerate(plans)]
    got = {}

    def run():
        got["people"], got["nobody"] = build_reminders(srcs, dt.date(2027, 6, 1), 14)

    assert calls_of(next_followup, run) == sum(len(p.sigtepunkter) for p in plans)
    items = sorted((i.sheet, i.cell, i.due) for s in srcs for i in collect_items([(s.plan, s.locator)], dt.date(2027, 6, 1), 14))
    reminded = {(r.item.sheet, r.item.cell, r.item.due) for p in got["people"] for r in p.reminders}
    reminded |= {(r.item.sheet, r.item.cell, r.item.due) for u in got["nobody"] for r in u.reminders}
    assert reminded == set(items) and any(r.item.kind == "opfølgning" for p in got["people"] for r in p.reminders)


def test_plan_json_in_a_folder_without_a_manifest_is_said_not_silently_passed_over(inbox, tmp_path):
    """Exported plans (forankring export) in a plain folder: only a batch archive's manifest says which version
    of a plan is current, so påmind reads no JSON there, but it names each one and says what to do."""
    _, folder = inbox
    exported = tmp_path / "eksporteret"
    shutil.copytree(folder, exported)
    done = forankring("export", str(folder / "Søndergården retur.xlsx"), "-o", str(exported / "søndergården.json"))
    assert done.returncode in (0, 1), done.stderr
    assert (exported / "søndergården.json").is_file()
    done = forankring("påmind", str(exported), "--as-of", "1-6-2027", "-o", str(tmp_path / "ud"))
    assert done.returncode == 0, done.stderr  # a skip is said, not a failure: the two workbooks are reminded
    assert f"Springer over '{exported / 'søndergården.json'}'" in done.stderr
    assert "manifest.jsonl" in done.stderr and "forankring batch" in done.stderr
    assert "2 planer" in done.stdout and len(list((tmp_path / "ud").glob("*.eml"))) == 4


@pytest.fixture(scope="module")
def examples_archive(tmp_path_factory):
    """A batch archive of three bundled examples (the inbox beside it), as HR would have it."""
    root = tmp_path_factory.mktemp("manifest")
    box = root / "indbakke"
    box.mkdir()
    examples = Path(__file__).resolve().parent.parent / "examples"
    for name in ("trivsel_engskolen", "apv_plejecenter_solbakken", "ics_familieafdeling"):
        shutil.copy(examples / f"{name}.xlsx", box / f"{name}.xlsx")
    done = forankring("batch", str(box), "-o", str(root / "arkiv"), "--as-of", "2027-02-01", "--jobs", "1")
    assert done.returncode == 0, done.stderr
    return root / "arkiv", box


def _copy_with_manifest(archive: Path, target: Path, manifest: str) -> Path:
    shutil.copytree(archive, target)
    (target / "manifest.jsonl").write_text(manifest, encoding="utf-8")
    return target


COMMANDS = {"påmind": lambda a, out: ("påmind", str(a), "--as-of", "1-6-2027", "-o", str(out)),
            "udvikling": lambda a, out: ("udvikling", str(a), "--as-of", "1-6-2027")}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("manifest", ["", "\n  \n", "garbage\n{\"x\": 1}\n[1, 2]\n{\"path\": 3}\n"],
                         ids=["empty", "blank lines", "no record"])
def test_an_archive_whose_manifest_names_no_plan_is_refused_naming_it_and_what_to_do(
        examples_archive, tmp_path, command, manifest):
    """An emptied or damaged manifest used to make every plan 'not in the manifest': both commands said so
    line by line, found nothing, and exited 0, so a script or the ribbon took it for a run with nothing due."""
    archive, box = examples_archive
    damaged = _copy_with_manifest(archive, tmp_path / "arkiv", manifest)
    out = tmp_path / "ud"
    done = forankring(*COMMANDS[command](damaged, out))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "Uventet" not in done.stderr and "Springer over" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert f"manifestet '{damaged / 'manifest.jsonl'}'" in line and "3 JSON-filer" in line
    assert ("er tomt" if not manifest.strip() else "er beskadiget") in line
    assert "Intet er læst" in line and f"Kør 'forankring batch' igen på indbakken med dette arkiv (-o '{damaged}')" in line
    assert not out.exists() and done.stdout == ""
    # the advice works: batch on the inbox into that archive writes the manifest again, converting nothing
    again = forankring("batch", str(box), "-o", str(damaged), "--as-of", "2027-02-01", "--jobs", "1")
    assert again.returncode == 0 and "0 konverteret, 3 uændret" in again.stdout, again.stdout + again.stderr
    assert not (damaged / "versions").exists()
    done = forankring(*COMMANDS[command](damaged, out))
    assert done.returncode == 0 and "3 planer" in done.stdout, done.stderr


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_partly_damaged_manifest_is_said_and_the_plans_it_still_names_are_used(examples_archive, tmp_path, command):
    archive, _ = examples_archive
    lines = (archive / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    lost = json.loads(lines[0])["archive"]
    damaged = _copy_with_manifest(archive, tmp_path / "arkiv", "\n".join(["{\"path\": \"x.xlsx\", \"sta", *lines[1:]]) + "\n")
    done = forankring(*COMMANDS[command](damaged, tmp_path / "ud"))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "Uventet" not in done.stderr
    assert f"Arkivets manifest '{damaged / 'manifest.jsonl'}' er beskadiget: 1 af 3 linjer kan ikke læses" in done.stderr
    assert any(line.startswith("Springer over") and lost in line for line in done.stderr.splitlines()), done.stderr
    assert "2 planer" in done.stdout


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_archive_of_an_empty_inbox_is_nothing_to_remind_not_an_error(tmp_path, command):
    (tmp_path / "tom").mkdir()
    assert forankring("batch", str(tmp_path / "tom"), "-o", str(tmp_path / "arkiv"), "--jobs", "1").returncode == 0
    assert (tmp_path / "arkiv" / "manifest.jsonl").read_text(encoding="utf-8").strip() == ""
    done = forankring(*COMMANDS[command](tmp_path / "arkiv", tmp_path / "ud"))
    assert done.returncode == 0 and "0 planer" in done.stdout and done.stderr == "", done.stderr
