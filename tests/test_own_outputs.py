"""Our own output workbooks are no plans: a batch overview, an udsend send list or a påmind list given where a
plan is expected is refused with a Danish message naming the file, by every engine and every command that
reads a plan; where a folder is walked (batch, påmind) it is skipped with that reason."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import EXAMPLES
from test_cli import forankring

from forankring_xl.io import reader as reader_module
from forankring_xl.io.reader import OwnOutput, read_sources

KINDS = {"oversigt.xlsx": "oversigten fra 'forankring batch'",
         "Udsendelsesliste.xlsx": "udsendelseslisten fra 'forankring udsend'",
         "Påmindelser.xlsx": "påmindelseslisten fra 'forankring påmind'"}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    """The three workbooks as the commands write them."""
    root = tmp_path_factory.mktemp("egne")
    box = root / "indbakke"
    box.mkdir()
    for path in EXAMPLES[:2]:
        shutil.copy(path, box / path.name)
    done = forankring("batch", str(box), "-o", str(root / "arkiv"), "--overview", str(root / "oversigt.xlsx"),
                      "--as-of", "2027-06-01", "--jobs", "1")
    assert done.returncode == 0, done.stderr
    units = root / "enheder.csv"
    units.write_text("Kommune;Enhed;Kontaktperson;E-mail;Indsats;Planperiode;Svarfrist\n"
                     "Viborg Kommune;Dagtilbud Åbakken;Jens Ølgaard;jeol@viborg.dk;Sprog;1-2-2027 – 31-1-2028;15-12-2026\n",
                     encoding="utf-8")
    assert forankring("udsend", str(units), "-o", str(root / "udsendt")).returncode == 0
    done = forankring("påmind", str(box), "--as-of", "1-6-2027", "-o", str(root / "påmind"))
    assert done.returncode == 0, done.stderr
    return {"oversigt.xlsx": root / "oversigt.xlsx", "Udsendelsesliste.xlsx": root / "udsendt" / "Udsendelsesliste.xlsx",
            "Påmindelser.xlsx": root / "påmind" / "Påmindelser.xlsx"}


def test_the_table_names_sheets_that_the_commands_really_write(outputs):
    """The sheet names the reader tells our outputs by are the ones batch, udsend and påmind write (they
    take them from layout/own_outputs.py, so the two cannot drift apart)."""
    from openpyxl import load_workbook

    from forankring_xl.layout.own_outputs import OWN_OUTPUTS

    for name, what in KINDS.items():
        (sheets,) = [sheets for sheets, kind in OWN_OUTPUTS if kind == what]
        assert set(sheets) <= set(load_workbook(outputs[name], read_only=True).sheetnames), name


@pytest.mark.parametrize("engine", reader_module.ENGINES)
@pytest.mark.parametrize("name", list(KINDS))
def test_the_reader_refuses_our_own_outputs_on_both_engines(outputs, name, engine):
    with pytest.raises(OwnOutput) as caught:
        reader_module.read_plan(outputs[name], engine=engine)
    assert caught.value.what == KINDS[name]
    assert caught.value.message == (f"Kan ikke læse '{outputs[name]}': det er {KINDS[name]}, ikke en plan. "
                                    "Angiv en plan, som en enhed har udfyldt.")


def test_an_adapter_workbook_with_the_overviews_sheets_is_refused_too():
    """The Excel adapter (a ribbon click on the open overview) reads through read_sources."""
    sheets = [SimpleNamespace(title=t) for t in ("Overblik", "Planer", "Forfaldne", "Ikke-SMART delmål", "Fejlede filer")]
    with pytest.raises(OwnOutput, match="oversigten fra 'forankring batch'"):
        read_sources("oversigt.xlsx", sheets)


@pytest.mark.parametrize("command", [("check",), ("check", "--annotate", "{tmp}/tjek.xlsx"), ("overdue",),
                                     ("export", "-o", "{tmp}/plan.json"), ("udvikling", "{example}")])
def test_every_command_that_reads_a_plan_refuses_the_overview_naming_it(outputs, tmp_path, command):
    overview = outputs["oversigt.xlsx"]
    args = [a.format(tmp=tmp_path, example=EXAMPLES[0]) for a in command]
    done = forankring(args[0], str(overview), *args[1:])
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert f"'{overview}': det er oversigten fra 'forankring batch', ikke en plan." in done.stderr
    assert "Traceback" not in done.stderr and not list(tmp_path.iterdir())


def test_batch_skips_our_own_outputs_in_the_inbox_with_the_reason(outputs, tmp_path):
    box = tmp_path / "indbakke"
    box.mkdir()
    shutil.copy(EXAMPLES[0], box / EXAMPLES[0].name)
    for name, path in outputs.items():
        shutil.copy(path, box / name)
    done = forankring("batch", str(box), "-o", str(tmp_path / "arkiv"), "--jobs", "1")
    assert done.returncode == 0, done.stderr  # skipped, not failed
    records = {r["path"]: r for r in map(json.loads, (tmp_path / "arkiv" / "manifest.jsonl").read_text("utf-8").splitlines())}
    for name, what in KINDS.items():
        assert records[name]["status"] == "skipped" and records[name]["reason"] == f"det er {what}, ikke en plan."
    assert records[EXAMPLES[0].name]["status"] == "converted"
    assert sorted(p.name for p in (tmp_path / "arkiv").glob("*.json")) == [records[EXAMPLES[0].name]["archive"]]


@pytest.mark.parametrize("button", ["tjek", "gem_json"])
def test_a_ribbon_click_on_the_open_overview_says_so_and_marks_nothing(outputs, button, tmp_path, monkeypatch):
    """Through xlwings' remote engine, as the ribbon runs: a Danish message box naming the workbook, no marks,
    no JSON written."""
    from test_excel import actions, book_for

    from forankring_xl.excel import ribbon

    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")
    shown = []
    monkeypatch.setattr(ribbon, "_alert", lambda book, text: shown.append(text))
    monkeypatch.chdir(tmp_path)
    book = book_for(outputs["oversigt.xlsx"])
    assert ribbon.dispatch(button, book) is None
    assert shown == ["Kan ikke læse 'oversigt.xlsx': det er oversigten fra 'forankring batch', ikke en plan. "
                     "Angiv en plan, som en enhed har udfyldt."]
    assert not [a for a in actions(book) if a["func"] in ("setRangeColor", "addNote", "addSheet")]
    assert not list(tmp_path.iterdir())
