"""`forankring check` as a user runs it: formats, exit codes, config, and the annotated copy."""

import hashlib
import json

import pytest
from conftest import EXAMPLES
from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from test_cli import forankring

from forankring_xl.annotate.marks import REGISTRY_SHEET, SEVERITY_FILL, TJEK_SHEET
from forankring_xl.io.reader import read_plan

AS_OF = "2026-11-22"


def example(stem: str):
    return next(p for p in EXAMPLES if stem in p.stem)


def run_json(path, *extra):
    done = forankring("check", str(path), "--format", "json", "--as-of", AS_OF, *extra)
    assert "Traceback" not in done.stderr
    return done, json.loads(done.stdout) if done.stdout.strip().startswith("{") else None


def test_well_made_plan_exits_0_with_no_errors():
    for stem in ("ics_familieafdeling", "velfaerdsteknologi"):
        done, report = run_json(example(stem))
        assert done.returncode == 0, done.stdout
        assert report["summary"]["errors"] == 0
        assert [f for f in report["findings"] if f["severity"] == "error"] == []


def test_flawed_plans_exit_1_with_the_findings_a_consultant_would_point_out():
    done, report = run_json(example("trivsel"))
    assert done.returncode == 1
    found = {(f["code"], f["sheet"], f["cell"]) for f in report["findings"]}
    assert ("OWNER_NOT_A_PERSON", "Sigtepunkt 1", "C5") in found  # "Ledelsen"
    assert ("OWNER_NOT_A_PERSON", "Sigtepunkt 1", "C7") in found  # "alle"
    assert ("OWNER_NOT_A_PERSON", "Sigtepunkt 2", "C5") in found  # "Teamkoordinatorerne"
    assert ("FOLLOWUP_OWNER_NOT_A_PERSON", "Sigtepunkt 1", "B41") in found
    done, report = run_json(example("sprog"))
    codes = {f["code"] for f in report["findings"]}
    assert {"DATE_INVALID", "DELMAAL_NO_DATE", "FOLLOWUP_NO_WHEN", "FOLLOWUP_NO_OWNER", "APPROVAL_MISSING"} <= codes
    done, report = run_json(example("kompetence"))
    # one overloaded person is one finding, not besides an R warning on each of his delmål
    assert [f["code"] for f in report["findings"]] == ["OWNER_OVERLOADED"]
    assert "Peter Vang" in report["findings"][0]["message"]


def test_json_shape():
    _, report = run_json(example("sprog"))
    assert set(report) >= {"findings", "summary", "stress_test", "as_of", "tool_version"}
    for f in report["findings"]:
        assert set(f) == {"code", "severity", "sheet", "cell", "field", "message", "suggestion"}
        assert f["code"] == f["code"].upper() and " " not in f["code"]
        assert f["severity"] in {"error", "warning", "info"}
        assert f["field"] and f["field"].split()[0].casefold() in f["message"].casefold()
    dims = [d["dimension"] for d in report["stress_test"]["dimensions"]]
    assert dims == ["ejerskab", "tidsplan", "målkvalitet", "opfølgning", "organisatorisk forankring"]


def test_text_format_is_a_danish_table_grouped_by_sigtepunkt():
    done = forankring("check", str(example("trivsel")), "--as-of", AS_OF)
    out = done.stdout
    assert done.returncode == 1
    assert "Sigtepunkt 1: Arbejdsmængde og forberedelsestid" in out
    assert "Sigtepunkt 2: Samarbejde i årgangsteams" in out
    assert out.index("Sigtepunkt 1:") < out.index("Sigtepunkt 2:")
    assert "fejl" in out and "Belastningsprøve" in out and "→" in out


def test_text_format_gives_shared_advice_once_per_cell():
    """Several SMART letters failing in one cell share one suggestion: it is printed once, after them."""
    out = forankring("check", str(example("trivsel")), "--as-of", AS_OF).stdout
    _, report = run_json(example("trivsel"))
    findings = report["findings"]
    runs = [f for i, f in enumerate(findings) if f["suggestion"] and not (
        i + 1 < len(findings) and (findings[i + 1]["sheet"], findings[i + 1]["cell"], findings[i + 1]["suggestion"])
        == (f["sheet"], f["cell"], f["suggestion"]))]
    assert len(runs) < sum(1 for f in findings if f["suggestion"])  # the example has such a cell
    assert out.count("→ ") == len(runs)
    lines = out.splitlines()
    f5 = [i for i, line in enumerate(lines) if line.split()[1:2] == ["F5"]]
    assert len(f5) >= 2 and not lines[f5[0] + 1].strip().startswith("→")
    assert lines[f5[-1] + 1].strip().startswith("→")


@pytest.mark.parametrize(
    "content, word",
    [(b"", "tom"), (b"%PDF-1.4 nope", "PDF"), (b"not a zip at all", "ikke en Excel")],
)
def test_unreadable_input_exits_2_with_a_danish_reason(tmp_path, content, word):
    bad = tmp_path / "plan.xlsx"
    bad.write_bytes(content)
    done = forankring("check", str(bad))
    assert done.returncode == 2
    assert str(bad) in done.stderr and word in done.stderr and "Traceback" not in done.stderr


def test_config_file(tmp_path):
    cfg = tmp_path / "hr.toml"
    cfg.write_text('[thresholds]\nmax_overlapping_activities = 5\n\n[severity]\nAPPROVAL_MISSING = "error"\n')
    done, report = run_json(example("kompetence"), "--config", str(cfg))
    assert report["findings"] == [] and done.returncode == 0
    bad = tmp_path / "bad.toml"
    bad.write_text("[thresholds]\nukendt = 1\n")
    done = forankring("check", str(example("kompetence")), "--config", str(bad))
    assert done.returncode == 2 and "konfigurationen" in done.stderr and "ukendt" in done.stderr


def test_bad_as_of_date(tmp_path):
    done = forankring("check", str(example("ics")), "--as-of", "i morgen")
    assert done.returncode == 2 and "--as-of" in done.stderr


# --- the annotated copy ---------------------------------------------------------------


def annotate(src, out, *extra):
    done = forankring("check", str(src), "--as-of", AS_OF, "--annotate", str(out), *extra)
    assert done.returncode in (0, 1), done.stderr
    return done


def _rgb(cell):
    return cell.fill.fgColor.rgb[-6:] if cell.fill and cell.fill.fill_type else None


def test_annotated_copy_has_tjek_sheet_colours_and_notes(tmp_path):
    src = example("sprog")
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    out = tmp_path / "tjekket.xlsx"
    annotate(src, out)
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before  # input untouched
    wb = load_workbook(out)
    assert wb.sheetnames[0] == TJEK_SHEET and wb[REGISTRY_SHEET].sheet_state == "hidden"
    tjek = wb[TJEK_SHEET]
    values = [[c.value for c in row] for row in tjek.iter_rows()]
    flat = [v for row in values for v in row if v is not None]
    assert "Tjekket pr." in flat and "Belastningsprøve" in flat and any(str(v).startswith("forankring-xl") for v in flat)
    # the scale is explained beside the scores
    scale = next(row for row in values if row[0] == "Sådan læses pointene")
    assert "80-100 holdbar" in scale[1] and "kan ikke vurderes" in scale[1]
    header = next(i for i, row in enumerate(values, start=1) if row[0] == "Alvor")
    links = {tjek.cell(row=r, column=3).value: tjek.cell(row=r, column=3).hyperlink.location
             for r in range(header + 1, tjek.max_row + 1) if tjek.cell(row=r, column=3).hyperlink}
    assert links["G5"] == "'Sigtepunkt 1'!G5" and links["B10"] == "'Forside'!B10"
    ws = wb["Sigtepunkt 1"]
    assert _rgb(ws["G5"]) == SEVERITY_FILL["error"] and "31. juni 2027" in ws["G5"].comment.text
    assert _rgb(ws["B39"]) == SEVERITY_FILL["warning"]
    assert _rgb(ws["A5"]) == "FFF9DB"  # unflagged input cell keeps the template's colour
    # the annotated copy still reads as the same plan
    assert read_plan(out).plan == read_plan(src).plan


def test_a_cells_note_gives_each_finding_and_shared_advice_once(tmp_path):
    src = example("trivsel")
    out = tmp_path / "tjekket.xlsx"
    annotate(src, out)
    _, report = run_json(src)
    in_f5 = [f for f in report["findings"] if (f["sheet"], f["cell"]) == ("Sigtepunkt 1", "F5")]
    assert len(in_f5) >= 2 and len({f["suggestion"] for f in in_f5}) == 1
    note = load_workbook(out)["Sigtepunkt 1"]["F5"].comment.text
    for f in in_f5:
        assert note.count(f["message"]) == 1
    assert note.count(in_f5[0]["suggestion"]) == 1 and note.splitlines()[-1] == f"→ {in_f5[0]['suggestion']}"


def test_annotating_again_replaces_marks_and_keeps_the_users_own(tmp_path):
    src = tmp_path / "plan.xlsx"
    src.write_bytes(example("sprog").read_bytes())
    wb = load_workbook(src)
    ws = wb["Sigtepunkt 1"]
    ws["L5"].fill = PatternFill("solid", fgColor="FF00B050")  # the user's own green, not flagged
    ws["L5"].comment = Comment("Min egen note", "Mette")
    ws["G6"].comment = Comment("Dato kommer senere", "Mette")  # the user's note on a flagged cell
    wb.save(src)
    first = tmp_path / "a.xlsx"
    annotate(src, first)
    # the unit fixes the missing date in the annotated copy and HR checks that copy again
    wb = load_workbook(first)
    wb["Sigtepunkt 1"]["G6"].value = __import__("datetime").date(2027, 2, 1)
    wb.save(first)
    second = tmp_path / "b.xlsx"
    annotate(first, second)
    wb = load_workbook(second)
    assert wb.sheetnames.count(TJEK_SHEET) == 1 and wb.sheetnames.count(REGISTRY_SHEET) == 1
    ws = wb["Sigtepunkt 1"]
    assert _rgb(ws["L5"]) == "00B050" and ws["L5"].comment.text == "Min egen note"
    assert _rgb(ws["G6"]) == "FFF9DB" and ws["G6"].comment.text == "Dato kommer senere"  # mark gone, user's back
    assert _rgb(ws["G5"]) == SEVERITY_FILL["error"]
    assert ws["G5"].comment.text.count("31. juni 2027") == 1  # replaced, not stacked
    registry = [row for row in wb[REGISTRY_SHEET].iter_rows(values_only=True)][1:]
    assert ("Sigtepunkt 1", "G6") not in {(r[0], r[1]) for r in registry}
    g5 = next(r for r in registry if r[:2] == ("Sigtepunkt 1", "G5"))
    assert "FFF9DB" in g5[2]  # the registry remembers the template colour, not our red


def test_annotate_refuses_to_overwrite_the_input(tmp_path):
    src = tmp_path / "plan.xlsx"
    src.write_bytes(example("sprog").read_bytes())
    before = src.read_bytes()
    done = forankring("check", str(src), "--annotate", str(src))
    assert done.returncode == 2 and "overskrive" in done.stderr
    assert src.read_bytes() == before


def test_libreoffice_opens_the_annotated_copy(tmp_path, soffice):
    out = tmp_path / "tjekket.xlsx"
    annotate(example("trivsel"), out)
    done = soffice("--convert-to", "pdf", "--outdir", str(tmp_path), str(out))
    assert done.returncode == 0 and (tmp_path / "tjekket.pdf").stat().st_size > 10_000


def test_benchmark_script_runs_and_prints_its_figures():
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "benchmarks" / "check.py"
    done = subprocess.run([sys.executable, str(script), "--repeat", "1"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "600 rows" in done.stdout and "rules only (check_plan)" in done.stdout


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_redirected_output_is_utf8_even_where_the_code_page_has_no_arrow(fmt, tmp_path):
    """Windows gives a redirected stream the ANSI code page (cp1252), which has no '→'; the report must
    still come out whole, as UTF-8, instead of stopping with an encoding error."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    exe = shutil.which("forankring") or str(Path(sys.executable).parent / "forankring")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run([exe, "check", str(example("trivsel")), "--as-of", AS_OF, "--format", fmt],
                          capture_output=True, env=env, timeout=120)
    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
    text = done.stdout.decode("utf-8")  # strict: the bytes are UTF-8 (JSON must be)
    if fmt == "text":
        assert "→" in text and "Arbejdsmængde" in text
    else:
        report = json.loads(text)
        assert any("æ" in f["message"] or "ø" in f["message"] for f in report["findings"])
