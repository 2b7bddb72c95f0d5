"""Overdue and due-soon items, follow-up meetings, the Danish day, and the årshjul calendar."""

import datetime as dt
import json

import pytest
from conftest import EXAMPLES
from icalendar import Calendar
from test_cli import forankring

from forankring_xl.io.ics import calendar_bytes
from forankring_xl.io.reader import read_plan
from forankring_xl.layout.locator import Locator
from forankring_xl.model import Opfoelgning, Plan, PlanRow, Raw, Sigtepunkt
from forankring_xl.overdue.calendar import plan_events
from forankring_xl.overdue.items import collect_items, next_followup
from forankring_xl.rules import check_plan, today
from forankring_xl.text.frequency import parse_frequency

D = dt.date


def plan_with(*rows, opf=None, start=D(2027, 1, 1)) -> Plan:
    return Plan(enhed="Engskolen", periode_start=start, periode_slut=D(2028, 12, 31),
                sigtepunkter=[Sigtepunkt(titel="Mødekultur", raekker=list(rows),
                                         opfoelgning=opf or Opfoelgning(ansvarlig="Ole Berg"))])


def items(plan, as_of, soon=14):
    return collect_items([(plan, Locator.for_layout(plan))], as_of, soon)


def delmaal(due, status="I gang", **kw):
    return PlanRow(aktivitet=kw.pop("aktivitet", None), delmaal="Dagsorden sendt før 8 møder", delmaal_dato=due,
                   ansvarlig="Mette Hansen", status=status, **kw)


# --- what is overdue -------------------------------------------------------------------


def test_overdue_due_soon_and_later():
    plan = plan_with(delmaal(D(2027, 3, 1)), delmaal(D(2027, 3, 20)), delmaal(D(2027, 5, 1)))
    got = items(plan, D(2027, 3, 10))
    assert [(i.due, i.days_overdue, i.days_left) for i in got] == [(D(2027, 3, 1), 9, None), (D(2027, 3, 20), None, 10)]
    first = got[0]
    assert (first.kind, first.plan, first.sigtepunkt, first.sheet, first.cell) == (
        "delmål", "Engskolen", "Mødekultur", "Sigtepunkt 1", "G5")
    assert first.owner == "Mette Hansen" and first.status == "I gang" and first.text.startswith("Dagsorden")


def test_due_today_is_due_soon_not_overdue():
    (item,) = items(plan_with(delmaal(D(2027, 3, 10))), D(2027, 3, 10))
    assert item.days_left == 0 and item.days_overdue is None and not item.overdue


@pytest.mark.parametrize("status, listed", [("Opnået", False), ("Annulleret", False), ("I gang", True),
                                            ("Forsinket", True), ("Ikke startet", True), ("Ikke opnået", True), (None, True)])
def test_closed_statuses_are_never_overdue(status, listed):
    got = items(plan_with(delmaal(D(2027, 3, 1), status=status)), D(2027, 3, 10))
    assert bool(got) == listed


def test_leap_day():
    plan = plan_with(delmaal(D(2028, 2, 29)))
    assert items(plan, D(2028, 3, 1))[0].days_overdue == 1
    assert items(plan, D(2028, 2, 28))[0].days_left == 1
    assert items(plan, D(2027, 2, 28), soon=366)[0].days_left == 366  # across the leap day


def test_daylight_saving_change_does_not_move_a_day():
    spring, autumn = plan_with(delmaal(D(2027, 3, 27))), plan_with(delmaal(D(2027, 10, 30)))
    assert items(spring, D(2027, 3, 29))[0].days_overdue == 2  # Danish summer time starts 28 March 2027
    assert items(autumn, D(2027, 11, 1))[0].days_overdue == 2  # and ends 31 October 2027
    # the Danish day around the changes: UTC+1 before, UTC+2 after
    assert today(dt.datetime(2027, 3, 27, 23, 30, tzinfo=dt.timezone.utc)) == D(2027, 3, 28)
    assert today(dt.datetime(2027, 3, 28, 22, 30, tzinfo=dt.timezone.utc)) == D(2027, 3, 29)
    assert today(dt.datetime(2027, 10, 30, 22, 30, tzinfo=dt.timezone.utc)) == D(2027, 10, 31)
    assert today(dt.datetime(2027, 10, 31, 22, 30, tzinfo=dt.timezone.utc)) == D(2027, 10, 31)


def test_default_as_of_is_today_in_copenhagen():
    late_utc = dt.datetime(2026, 11, 22, 23, 30, tzinfo=dt.timezone.utc)
    assert today(late_utc) == D(2026, 11, 23)  # already Monday in Denmark
    summer = dt.datetime(2027, 6, 30, 22, 30, tzinfo=dt.timezone.utc)
    assert today(summer) == D(2027, 7, 1)


def test_four_sources_of_items():
    row = PlanRow(formaal="F", aktivitet="Kursus", ansvarlig="Mette Hansen", start=D(2027, 1, 5), slut=D(2027, 2, 1),
                  delmaal="Alle 8 har deltaget", delmaal_dato=D(2027, 2, 2), maal="90 % bruger metoden",
                  maal_dato=D(2027, 2, 3), status="I gang")
    plan = plan_with(row, opf=Opfoelgning(hyppighed="Hver måned", ansvarlig="Ole Berg", form="Teammøde"))
    got = {i.kind: i for i in items(plan, D(2027, 2, 10))}
    assert set(got) == {"aktivitet", "delmål", "mål", "opfølgning"}
    assert got["aktivitet"].cell == "E5" and got["delmål"].cell == "G5" and got["mål"].cell == "I5"
    assert got["opfølgning"].due == D(2027, 2, 1) and got["opfølgning"].owner == "Ole Berg"
    assert got["opfølgning"].cell == Locator.for_layout(plan).get(("opf", 0, "hyppighed"))[1]


def test_date_cell_text_that_names_a_period_uses_its_end():
    (item,) = items(plan_with(delmaal(Raw(raw="ultimo januar 2027"))), D(2027, 2, 10))
    assert item.due == D(2027, 1, 31) and item.days_overdue == 10


# --- follow-up meetings --------------------------------------------------------------------


def test_followup_without_last_followup_counts_from_plan_start():
    plan = plan_with(delmaal(D(2027, 12, 1)), opf=Opfoelgning(hyppighed="Hver 2. måned", ansvarlig="Ole Berg"))
    assert next_followup(plan, 0) == (D(2027, 3, 1), "hyppighed")
    (item,) = [i for i in items(plan, D(2027, 3, 5)) if i.kind == "opfølgning"]
    assert item.days_overdue == 4


def test_followup_with_last_followup_counts_from_it():
    plan = plan_with(delmaal(D(2027, 12, 1), sidst_fulgt_op=D(2027, 3, 3)),
                     opf=Opfoelgning(hyppighed="Kvartalsvis", ansvarlig="Ole Berg"))
    assert next_followup(plan, 0)[0] == D(2027, 6, 3)
    assert [i for i in items(plan, D(2027, 3, 5)) if i.kind == "opfølgning"] == []


def test_monthly_from_31_january_lands_on_month_ends():
    plan = plan_with(delmaal(D(2027, 12, 1)), opf=Opfoelgning(hyppighed="hver måned", ansvarlig="Ole Berg"),
                     start=D(2027, 1, 31))
    assert next_followup(plan, 0)[0] == D(2027, 2, 28)
    leap = plan_with(delmaal(D(2028, 12, 1)), opf=Opfoelgning(hyppighed="månedlig", ansvarlig="Ole Berg"),
                     start=D(2028, 1, 31))
    assert next_followup(leap, 0)[0] == D(2028, 2, 29)
    days = [e.day for e in plan_events(plan, D(2027, 1, 31), months=4) if e.summary.startswith("Opfølgning")]
    assert days == [D(2027, 2, 28), D(2027, 3, 31), D(2027, 4, 30), D(2027, 5, 31)]  # no drift to the 28th


def test_explicit_dates_after_the_last_followup():
    opf = Opfoelgning(datoer=[D(2027, 2, 1), D(2027, 4, 1), D(2027, 6, 1)], ansvarlig="Ole Berg")
    plan = plan_with(delmaal(D(2027, 12, 1), sidst_fulgt_op=D(2027, 2, 1)), opf=opf)
    assert next_followup(plan, 0)[0] == D(2027, 4, 1)
    (item,) = [i for i in items(plan, D(2027, 4, 3)) if i.kind == "opfølgning"]
    assert item.days_overdue == 2 and item.cell == "C38"  # the cell of 1-4-2027


@pytest.mark.parametrize("text, months, days", [
    ("Hver måned", 1, 0), ("månedlig", 1, 0), ("Hver 2. måned", 2, 0), ("hver anden måned", 2, 0),
    ("Kvartalsvis", 3, 0), ("hver 3. måned", 3, 0), ("Hver 4. måned", 4, 0), ("Hvert halve år", 6, 0),
    ("Årligt", 12, 0), ("hver uge", 0, 7), ("hver 14. dag", 0, 14),
])
def test_frequencies(text, months, days):
    f = parse_frequency(text)
    assert (f.months, f.days) == (months, days)


def test_loebende_is_no_frequency_and_check_says_so():
    assert parse_frequency("Løbende") is None
    plan = plan_with(delmaal(D(2027, 12, 1)), opf=Opfoelgning(hyppighed="Løbende", form="Møde", informeres="Alle",
                                                              ansvarlig="Ole Berg"))
    codes = [f.code for f in check_plan(plan, as_of=D(2027, 2, 1)).findings]
    assert "FOLLOWUP_WHEN_UNCLEAR" in codes


# --- check, CLI and calendar ----------------------------------------------------------------


def test_check_reports_overdue_as_warning_and_due_soon_as_info():
    plan = plan_with(delmaal(D(2027, 3, 1)), delmaal(D(2027, 3, 20)))
    report = check_plan(plan, as_of=D(2027, 3, 10))
    found = {(f.code, f.cell, f.severity) for f in report.findings if f.code in ("OVERDUE", "DUE_SOON")}
    assert found == {("OVERDUE", "G5", "warning"), ("DUE_SOON", "G6", "info")}
    over = next(f for f in report.findings if f.code == "OVERDUE")
    assert "9 dage" in over.message and "Mette Hansen" in over.message


HAND_COUNT = [  # counted by hand on examples/ as of 22-11-2026
    ("Plejecenter Solbakken", "delmål", "Sigtepunkt 1", "G5", 175),
    ("Plejecenter Solbakken", "aktivitet", "Sigtepunkt 1", "E5", 145),
    ("Plejecenter Solbakken", "opfølgning", "Sigtepunkt 2", "B37", 125),
    ("Hjemmeplejen Nord", "opfølgning", "Sigtepunkt 3", "B37", 113),
    ("Plejecenter Solbakken", "opfølgning", "Sigtepunkt 1", "C38", 89),
    ("Plejecenter Solbakken", "aktivitet", "Sigtepunkt 2", "E6", 83),
    ("Plejecenter Solbakken", "delmål", "Sigtepunkt 2", "G6", 83),
    ("Plejecenter Solbakken", "aktivitet", "Sigtepunkt 1", "E6", 53),
    ("Plejecenter Solbakken", "delmål", "Sigtepunkt 1", "G6", 53),
    ("Engskolen", "opfølgning", "Sigtepunkt 2", "B37", 21),
]
SOON = [
    ("Dagtilbud Kløverbakken", "aktivitet", "Sigtepunkt 1", "E5", 8),
    ("Familieafdelingen, Børn og Unge", "delmål", "Sigtepunkt 1", "G5", 8),
    ("Hjemmeplejen Nord", "opfølgning", "Sigtepunkt 1", "B37", 11),
    ("Hjemmeplejen Nord", "opfølgning", "Sigtepunkt 2", "B37", 11),
]


def test_examples_match_a_count_by_hand():
    done = forankring("overdue", *map(str, EXAMPLES), "--as-of", "2026-11-22", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    got = data["items"]
    overdue = [(i["plan"], i["kind"], i["sheet"], i["cell"], i["days_overdue"]) for i in got if i["days_overdue"]]
    soon = [(i["plan"], i["kind"], i["sheet"], i["cell"], i["days_left"]) for i in got if i["days_left"] is not None]
    assert sorted(overdue, key=lambda x: -x[4]) == overdue  # most overdue first
    assert sorted(overdue) == sorted(HAND_COUNT)
    assert sorted(soon) == sorted(SOON)
    for i in got:
        assert set(i) == {"kind", "plan", "sigtepunkt", "sheet", "cell", "text", "owner", "due", "status",
                          "days_overdue", "days_left"}
        assert (i["days_overdue"] is None) != (i["days_left"] is None)


def test_text_output_groups_by_unit_and_owner():
    done = forankring("overdue", *map(str, EXAMPLES), "--as-of", "2026-11-22")
    out = done.stdout
    assert out.index("Plejecenter Solbakken") < out.index("  Birgitte Holm") < out.index("175 dage over")
    assert "Hjemmeplejen Nord\n  Jonas Bech" in out
    assert "om 11 dage" in out


def test_ics_export_parses_and_has_stable_uids(tmp_path):
    a, b = tmp_path / "a.ics", tmp_path / "b.ics"
    for out in (a, b):
        done = forankring("overdue", *map(str, EXAMPLES), "--as-of", "2026-11-22", "--ics", str(out))
        assert done.returncode == 0, done.stderr
    cal = Calendar.from_ical(a.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert events
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    assert uids == [str(e["UID"]) for e in Calendar.from_ical(b.read_bytes()).walk("VEVENT")]
    for e in events:
        day = e.decoded("DTSTART")
        assert isinstance(day, dt.date) and not isinstance(day, dt.datetime)
        assert D(2026, 11, 22) <= day <= D(2027, 11, 22) or str(e["SUMMARY"]).startswith("Delmål")
        assert str(e["SUMMARY"]).startswith(("Delmål", "Opfølgning"))
        assert "Ansvarlig:" in str(e["DESCRIPTION"]) and "Sigtepunkt:" in str(e["DESCRIPTION"])
    summaries = [str(e["SUMMARY"]) for e in events]
    assert any("Delmål (Familieafdelingen, Børn og Unge)" in s for s in summaries)


def test_ics_has_future_delmaal_and_twelve_months_of_meetings():
    plan = plan_with(delmaal(D(2027, 1, 15)), delmaal(D(2027, 6, 1)), delmaal(D(2029, 1, 1)),
                     delmaal(D(2027, 7, 1), status="Opnået"),
                     opf=Opfoelgning(hyppighed="Kvartalsvis", ansvarlig="Ole Berg"))
    events = plan_events(plan, D(2027, 2, 1))
    delmaal_days = [e.day for e in events if e.summary.startswith("Delmål")]
    assert delmaal_days == [D(2027, 6, 1), D(2029, 1, 1)]  # future and open only
    meetings = [e.day for e in events if e.summary.startswith("Opfølgning")]
    assert meetings == [D(2027, 4, 1), D(2027, 7, 1), D(2027, 10, 1), D(2028, 1, 1)]
    assert "Ansvarlig: Ole Berg" in next(e for e in events if e.day == D(2027, 4, 1)).description
    cal = Calendar.from_ical(calendar_bytes(events))
    assert len(list(cal.walk("VEVENT"))) == len(events)


def test_unreadable_plan_among_several(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("nej")
    done = forankring("overdue", str(EXAMPLES[0]), str(bad), "--as-of", "2026-11-22", "--format", "json")
    assert done.returncode == 2 and "bad.xlsx" in done.stderr
    items = json.loads(done.stdout)["items"]  # the readable plan is still reported
    assert items and {i["plan"] for i in items} == {"Plejecenter Solbakken"}


def test_annotated_tjek_sheet_lists_overdue_items(tmp_path):
    from openpyxl import load_workbook

    src = next(p for p in EXAMPLES if "apv" in p.stem)
    out = tmp_path / "t.xlsx"
    done = forankring("check", str(src), "--as-of", "2026-11-22", "--annotate", str(out))
    assert done.returncode in (0, 1)
    rows = list(load_workbook(out)["Tjek"].iter_rows(values_only=True))
    assert any(r[6] == "OVERDUE" and r[2] == "G5" and "175 dage" in r[4] for r in rows if len(r) > 6)


def test_the_last_day_of_the_calendar_is_no_error():
    """31-12-9999 is what people write for 'no end'. A follow-up counted from it, an as-of date on it and a
    --soon of a billion days were OverflowErrors that stopped the whole run ('Uventet fejl'); now a meeting
    past the calendar's end simply does not exist, and the horizon stops at the calendar's end."""
    last = dt.date.max
    plan = plan_with(delmaal(D(2027, 3, 1), sidst_fulgt_op=D(9999, 12, 1)), delmaal(last),
                     opf=Opfoelgning(hyppighed="Hver 2. måned", ansvarlig="Ida Holm"))
    assert next_followup(plan, 0) == (None, None)
    assert {i.due for i in items(plan, D(2027, 6, 1))} == {D(2027, 3, 1)}
    assert {i.due for i in items(plan, D(2027, 6, 1), soon=10**9)} == {D(2027, 3, 1), last}
    at_end = items(plan, last)
    assert [i.days_left for i in at_end if i.due == last] == [0]
    assert [e.day for e in plan_events(plan, last)] == [last]  # the delmål itself, no meeting after it
    assert [e.day for e in plan_events(plan, D(9999, 6, 1))] == [last]


def test_overdue_and_paamind_at_the_calendars_end_from_the_command_line(tmp_path):
    from forankring_xl.io.archive import Archive, archive_json
    from forankring_xl.io.writer import write_plan

    plan = plan_with(delmaal(D(2027, 3, 1), sidst_fulgt_op=D(9999, 12, 1)), delmaal(dt.date.max),
                     opf=Opfoelgning(hyppighed="Hver 2. måned", ansvarlig="Ida Holm"))
    archive = tmp_path / "arkiv"
    archive.mkdir()
    (archive / "manifest.jsonl").write_text('{"path": "a.xlsx", "status": "converted", "archive": "a.json"}\n',
                                            encoding="utf-8")
    (archive / "a.json").write_text(archive_json(Archive(exported_at=dt.datetime.now(dt.timezone.utc), plan=plan)),
                                    encoding="utf-8")
    runs = [("påmind", str(archive), "--as-of", "1-6-2027", "-o", str(tmp_path / "ud1")),
            ("påmind", str(archive), "--as-of", "31-12-9999", "-o", str(tmp_path / "ud2")),
            ("påmind", str(archive), "--soon", "1000000000", "-o", str(tmp_path / "ud3")),
            ("overdue", str(tmp_path / "a.xlsx"), "--as-of", "31-12-9999", "--ics", str(tmp_path / "a.ics")),
            ("overdue", str(tmp_path / "a.xlsx"), "--as-of", "1-6-2027", "--soon", "1000000000")]
    write_plan(plan, tmp_path / "a.xlsx")
    for args in runs:
        done = forankring(*args)
        assert done.returncode in (0, 1), (args, done.stderr)
        assert "Uventet" not in done.stderr and "Traceback" not in done.stderr and "Error" not in done.stderr
    assert (tmp_path / "ud2" / "Påmindelser.xlsx").is_file() and (tmp_path / "a.ics").is_file()


def test_a_frequency_too_often_to_count_never_hangs_the_calendar(monkeypatch):
    """'1000 gange om året' was a step of 0 days, and the årshjul's loop never ended: it is daily now, and
    a step that does not move (whatever the parser gives) ends the loop instead of hanging."""
    from forankring_xl.overdue import items as items_module
    from forankring_xl.text.frequency import Frequency

    assert parse_frequency("1000 gange om året").days == 1
    plan = plan_with(delmaal(D(2027, 3, 1)), opf=Opfoelgning(hyppighed="1000 gange om året", ansvarlig="Ida Holm"))
    # every day from 1-6-2027 to 1-6-2028, both included (2028 has 29 February)
    assert len([e for e in plan_events(plan, D(2027, 6, 1)) if e.summary.startswith("Opfølgning")]) == 367
    monkeypatch.setattr(items_module, "parse_frequency", lambda text: Frequency(days=0, text=text or ""))
    assert plan_events(plan, D(2027, 6, 1), months=1) == []
