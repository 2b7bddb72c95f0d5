"""What a consultant reads in a finding: a quoted cell text ends at a whole word with "…", and a large number is
written the Danish way ("2.982 dage")."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forankring_xl.rules import check_plan
from forankring_xl.text.numbers import count, days, number
from forankring_xl.text.shorten import shorten

from test_rules import good_row, rows

D = dt.date

words = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå0123456789.,", min_size=1, max_size=14),
                 min_size=1, max_size=20).map(" ".join)


@given(words, st.integers(min_value=10, max_value=80))
def test_a_shortened_text_is_a_run_of_whole_words_and_says_it_was_cut(text, width):
    short = shorten(text, width)
    assert len(short) <= width
    if len(text) <= width:
        assert short == text
    else:
        assert short.endswith("…")
        kept = short[:-1]
        assert text.startswith(kept)
        if len(text.split()[0]) < width:
            # it ends where a word ends: the text goes on with a space or a punctuation mark, never a letter
            assert text[len(kept)] in " ,;:-–."


def test_shorten_keeps_one_line_and_never_cuts_inside_a_word():
    text = "Alle 30 medarbejdere i dagvagt har haft oplæring i brug af loftliften"
    assert shorten(text, 60) == "Alle 30 medarbejdere i dagvagt har haft oplæring i brug af…"
    assert shorten("Kort\ntekst", 60) == "Kort tekst"
    assert shorten(None) == ""
    assert shorten("Forflytningsvejledersidemandsoplæringsprogrammet", 20) == "Forflytningsvejlede…"


def test_an_overdue_finding_quotes_the_delmaal_up_to_a_whole_word():
    long_goal = "Alle 30 medarbejdere i dagvagt har haft oplæring i brug af loftliften og kan vise det"
    plan = rows(good_row(start=D(2027, 1, 2), slut=D(2027, 1, 10), delmaal=long_goal, delmaal_dato=D(2027, 1, 10)))
    found = [f for f in check_plan(plan, as_of=D(2027, 1, 15)).findings if f.code == "OVERDUE" and f.field == "Delmål dato"]
    assert len(found) == 1
    assert "'Alle 30 medarbejdere i dagvagt har haft oplæring i brug af…'" in found[0].message
    assert "loftl'" not in found[0].message and "af l'" not in found[0].message


@given(st.integers(min_value=-10**9, max_value=10**9))
def test_a_number_reads_back_as_itself_with_dots_between_thousands(n):
    shown = number(n)
    assert int(shown.replace(".", "")) == n
    groups = shown.lstrip("-").split(".")
    assert all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3


def test_days_and_counts_are_written_the_danish_way():
    assert days(2982) == "2.982 dage"
    assert days(1) == "1 dag"
    assert count(1000, "plan", "planer") == "1.000 planer"
    assert count(999, "plan", "planer") == "999 planer"


def test_a_long_overdue_says_the_days_with_a_thousands_dot():
    plan = rows(good_row(start=D(2018, 1, 2), slut=D(2018, 12, 31), delmaal_dato=D(2018, 12, 31)))
    found = [f for f in check_plan(plan, as_of=D(2027, 3, 1)).findings if f.code == "OVERDUE" and f.field == "Delmål dato"]
    assert found and "overskredet med 2.982 dage" in found[0].message


def test_an_empty_team_is_reported_at_the_team_tables_first_row(tmp_path):
    """Not at a cell '-': the consultant is sent to the row where the names belong, read or laid out alike."""
    from forankring_xl.io.reader import read_plan
    from forankring_xl.io.writer import write_plan
    from forankring_xl.layout import spec as L

    from test_rules import good_plan

    plan = good_plan(team=[])
    path = tmp_path / "plan.xlsx"
    write_plan(plan, path)
    read = read_plan(path)
    first_row = L.TEAM_TABLE.first_data_row
    for locator in (read.locator, None):
        empty = [f for f in check_plan(read.plan, locator=locator, as_of=D(2027, 1, 15)).findings
                 if f.code == "TEAM_EMPTY"]
        assert len(empty) == 1
        assert empty[0].sheet == L.FRONT_SHEET and empty[0].cell is not None
        assert empty[0].cell[0].isalpha() and int(empty[0].cell[1:]) == first_row


# Committees and administrations are named with a suspended compound ("Børne- og Familieudvalget" and
# "Sundheds- og Omsorgsudvalget" stand in several dev sources of data/real); the part before "- og" is no first name.
@pytest.mark.parametrize("owner", ["Ældre- og Aktivitetsudvalget", "Børne- og Familieudvalget", "Social- og Sundhedsudvalget",
                                   "Teknik- og Miljøforvaltningen", "Kultur-, Fritids- og Idrætsudvalget"])
def test_a_committee_named_by_a_suspended_compound_is_a_group_not_a_first_name(owner):
    found = [f for f in check_plan(rows(good_row(ansvarlig=owner)), as_of=D(2027, 1, 15)).findings
             if f.code.startswith("OWNER_")]
    assert [f.code for f in found] == ["OWNER_NOT_A_PERSON"]
    assert "fornavn" not in found[0].message and f"'{owner}'" in found[0].message


@pytest.mark.parametrize("owner", ["Anne-Marie Holm", "Mette Holm-Jensen", "Anne-Marie-Louise Holm",
                                   "Børne- og Familieudvalget v. Mette Holm"])
def test_hyphenated_names_and_a_person_acting_for_a_committee_are_named_people(owner):
    assert not [f for f in check_plan(rows(good_row(ansvarlig=owner)), as_of=D(2027, 1, 15)).findings
                if f.code.startswith("OWNER_")]


def test_the_smart_letters_of_one_cell_come_in_the_order_smart_spells_them():
    """'S, M' as in the goal's own info line, never 'M, S' (findings used to be ordered by code name)."""
    from forankring_xl.layout.locator import Locator
    from forankring_xl.rules.engine import order_findings

    plan = rows(good_row(delmaal="Møderne bliver bedre"))
    report = check_plan(plan, as_of=D(2027, 1, 15))
    letters = [f.code.removeprefix("SMART_") for f in report.findings if f.code in ("SMART_S", "SMART_M") and f.cell == "F5"]
    assert letters == ["S", "M"]
    # the order holds whatever order the rules yield them in
    shuffled = order_findings(list(reversed(report.findings)), Locator.for_layout(plan))
    assert [f.code for f in shuffled if f.code.startswith("SMART_") and f.cell == "F5"] == ["SMART_S", "SMART_M"]


def _cli(*args, cwd=None):
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    exe = shutil.which("forankring") or str(Path(sys.executable).parent / "forankring")
    return subprocess.run([exe, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def _help(command):
    done = _cli(command, "--help")
    assert done.returncode == 0
    return " ".join(done.stdout.replace("│", " ").split())


def test_the_help_names_every_exit_code_the_command_gives(tmp_path):
    """A consultant scripting a run reads the exit codes in --help: each code a command returns is there."""
    from conftest import EXAMPLES

    plan = next(p for p in EXAMPLES if p.name == "trivsel_engskolen.xlsx")
    clean = next(p for p in EXAMPLES if p.name == "ics_familieafdeling.xlsx")
    taken = tmp_path / "findes.xlsx"
    taken.write_bytes(b"x")
    inbox = tmp_path / "Indbakke"
    inbox.mkdir()
    (inbox / "ikke_en_plan.xlsx").write_bytes(b"ikke en projektmappe")
    (tmp_path / "kaput.xlsx").write_bytes(b"ikke en projektmappe")
    cases = [
        ("check", [str(clean), "--as-of", "2027-03-01"], 0, "0 = ingen fejl"),
        ("check", [str(plan), "--as-of", "2027-03-01"], 1, "1 = fejl i planen"),
        ("check", [str(tmp_path / "kaput.xlsx")], 2, "2 = planen kan ikke læses"),
        ("check", [str(plan), "--annotate", str(taken)], 2, "den annoterede kopi kan ikke skrives"),
        ("overdue", [str(plan), "--as-of", "2027-03-01"], 0, "0 = vist"),
        ("overdue", [str(plan), str(tmp_path / "kaput.xlsx")], 2, "2 = en eller flere planer kan ikke læses"),
        ("batch", [str(inbox), "-o", str(tmp_path / "Arkiv")], 1, "1 = nogle filer fejlede"),
        ("batch", [str(tmp_path / "Findes_ikke"), "-o", str(tmp_path / "Arkiv2")], 2, "findes indbakken ikke"),
        ("batch", [str(inbox), "-o", str(tmp_path / "Arkiv3"), "--overview", str(taken)], 2,
         "oversigten findes i forvejen"),
    ]
    for command, args, code, documented in cases:
        done = _cli(command, *args)
        assert done.returncode == code, (command, args, done.stdout, done.stderr)
        assert documented in _help(command), (command, documented)
    assert taken.read_bytes() == b"x"


def test_the_programs_help_names_what_it_does_not_only_the_json_round_trip():
    text = " ".join(_cli("--help").stdout.replace("│", " ").split())
    for what in ("tjek", "SMART", "forfaldne", "batch", "påmindelser", "udvikling"):
        assert what in text


def test_a_reminder_says_what_each_late_item_should_have_been_in_danish_number_agreement():
    """'1 dag over', not '1 dage over'; a delmål 'skulle være nået', an activity 'færdig', a meeting 'holdt'."""
    from forankring_xl.layout.locator import Locator
    from forankring_xl.model import Opfoelgning, Plan, PlanRow, Sigtepunkt
    from forankring_xl.rules.config import CheckConfig
    from forankring_xl.sendout.reminders import Source, build_reminders, message

    as_of = D(2027, 6, 1)
    plan = Plan(kommune="Viborg Kommune", enhed="Plejecenter Søndergården", indsats="Velfærdsteknologi",
                periode_start=D(2027, 1, 1), periode_slut=D(2027, 12, 31),
                sigtepunkter=[Sigtepunkt(titel="Skærmbesøg", raekker=[
                    PlanRow(aktivitet="Oplæring i skærmbesøg", ansvarlig="Mette Sørensen", slut=D(2027, 5, 31),
                            delmaal="Alle 12 medarbejdere har haft oplæring", delmaal_dato=D(2027, 5, 31), status="I gang"),
                    PlanRow(aktivitet="Tjekliste", ansvarlig="Mette Sørensen", slut=D(2027, 6, 2)),
                ], opfoelgning=Opfoelgning(hyppighed="Hver 2. måned", ansvarlig="Mette Sørensen"))])
    config = CheckConfig()
    people, _ = build_reminders([Source("plan.xlsx", plan, Locator.for_layout(plan))], as_of, 1,
                                config.group_words(), tuple(config.words.lead_words))
    _, body = message(people[0], as_of, 1, "HR")
    assert "Delmål: Alle 12 medarbejdere har haft oplæring\n  skulle være nået 31-5-2027 – 1 dag over" in body
    assert "Aktivitet: Oplæring i skærmbesøg\n  skulle være færdig 31-5-2027 – 1 dag over" in body
    assert "Opfølgning" in body and "skulle være holdt 1-3-2027" in body
    assert "forfalder 2-6-2027 (om 1 dag)" in body
    assert "inden for 1 dag (opgjort 1-6-2027)" in body and "Forfalder inden for 1 dag:" in body
    assert "(ikke registreret som holdt)" in body
    assert "1 dage" not in body and "skulle være klar" not in body


@pytest.mark.parametrize("owner", ["Udvalget for Børn og Unge", "Center for Børn og Familie", "Familieafdelingen, Børn og Unge"])
def test_a_unit_named_with_og_is_a_group_not_a_first_name(owner):
    """'Unge' in 'Udvalget for Børn og Unge' (svendborg_strategiplan_familie, dev) is no first name."""
    found = [f for f in check_plan(rows(good_row(ansvarlig=owner)), as_of=D(2027, 1, 15)).findings
             if f.code.startswith("OWNER_")]
    assert [f.code for f in found] == ["OWNER_NOT_A_PERSON"]
    assert "fornavn" not in found[0].message


def test_a_known_first_name_beside_a_group_is_still_a_first_name():
    found = [f.code for f in check_plan(rows(good_row(ansvarlig="Ledelsen og Mette")), as_of=D(2027, 1, 15)).findings
             if f.code.startswith("OWNER_")]
    assert found == ["OWNER_FIRST_NAME_ONLY"]


def test_an_overdue_meeting_is_told_to_be_held_not_to_update_a_status_it_does_not_have():
    from test_rules import followup

    plan = followup(hyppighed="Hver 2. måned")  # plan start 1-1-2027, nothing followed up: the meeting was due 1-3-2027
    found = [f for f in check_plan(plan, as_of=D(2027, 6, 1)).findings if f.code == "OVERDUE" and f.field == "Opfølgning"]
    assert len(found) == 1
    assert "opdatér status" not in found[0].suggestion
    assert "'Sidst fulgt op'" in found[0].suggestion and "'Faste opfølgningsdatoer'" in found[0].suggestion
    rows_late = [f for f in check_plan(rows(good_row(start=D(2027, 1, 2), slut=D(2027, 1, 10), delmaal_dato=D(2027, 1, 10))),
                                       as_of=D(2027, 1, 15)).findings if f.code == "OVERDUE"]
    assert rows_late and all("opdatér status" in f.suggestion for f in rows_late)


def test_a_reminder_says_sheet_and_cell_in_words_not_in_excel_notation():
    """The e-mail goes to the person responsible, who may never have seen 'Sigtepunkt 1!G5'."""
    from forankring_xl.layout.locator import Locator
    from forankring_xl.model import Plan, PlanRow, Sigtepunkt
    from forankring_xl.rules.config import CheckConfig
    from forankring_xl.sendout.reminders import Source, build_reminders, message

    plan = Plan(enhed="Engskolen", sigtepunkter=[Sigtepunkt(titel="Møder", raekker=[
        PlanRow(aktivitet="Fast dagsorden", ansvarlig="Mette Sørensen", slut=D(2027, 5, 1))])])
    config = CheckConfig()
    people, _ = build_reminders([Source("engskolen.xlsx", plan, Locator.for_layout(plan))], D(2027, 6, 1), 14,
                                config.group_words(), tuple(config.words.lead_words))
    _, body = message(people[0], D(2027, 6, 1), 14, "HR")
    assert "Hvor: engskolen.xlsx, arket 'Sigtepunkt 1', celle E5" in body
    assert "!" not in body
