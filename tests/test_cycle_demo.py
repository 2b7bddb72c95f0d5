"""The follow-up cycle from the command line on the bundled examples (issue 16: "all four parts work from the
CLI on the bundled examples plus generated later versions of them"): scripts/cycle_demo.sh runs udsend, batch
twice (September, then later versions in November with the overview), udvikling and påmind with the installed
console script, and keeps its results with KEEP=."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent


def test_the_cycle_runs_on_the_examples_and_keeps_what_it_made(tmp_path):
    keep = tmp_path / "cyklus"
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               PYTHON=sys.executable, KEEP=str(keep))
    done = subprocess.run(["bash", str(ROOT / "scripts" / "cycle_demo.sh")], capture_output=True, text=True,
                          env=env, timeout=600)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "3 planer og Udsendelsesliste.xlsx er gemt i udsendelse" in out
    assert "advarsel" not in out  # the list is well-formed: no finding on it
    assert "6 filer: 6 konverteret" in out
    assert "6 planer i arkivet pr. 22-11-2026: 6 sammenlignet med en tidligere version." in out
    assert "Intet er sendt." in out
    # what it made is real: three pre-filled plans, the overview with its charts, one draft per person
    assert len(list((keep / "udsendelse").glob("Forankringsplan - *.xlsx"))) == 3
    overview = load_workbook(keep / "oversigt.xlsx")
    assert overview.sheetnames[0] == "Overblik" and len(overview["Overblik"]._charts) == 3
    assert "Udvikling siden sidst" in overview.sheetnames
    drafts = list((keep / "påmindelser").glob("Påmindelse - *.eml"))
    assert drafts and all(b"Subject:" in d.read_bytes() for d in drafts)
    assert (keep / "påmindelser" / "Påmindelser.xlsx").exists()


def test_the_cycle_keeps_nothing_over_an_existing_folder(tmp_path):
    keep = tmp_path / "findes"
    keep.mkdir()
    (keep / "mine.txt").write_text("brugerens fil", encoding="utf-8")
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               PYTHON=sys.executable, KEEP=str(keep))
    done = subprocess.run(["bash", str(ROOT / "scripts" / "cycle_demo.sh")], capture_output=True, text=True,
                          env=env, timeout=600)
    assert done.returncode == 1
    assert "findes allerede; intet er gemt." in done.stderr
    assert sorted(p.name for p in keep.iterdir()) == ["mine.txt"]
