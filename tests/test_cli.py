"""The forankring command, run as a user runs it (a real subprocess of the installed console script)."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES
from helpers import fingerprint

import make_examples
from forankring_xl.io.archive import load_archive


def forankring(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    exe = shutil.which("forankring") or str(Path(sys.executable).parent / "forankring")
    return subprocess.run([exe, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_examples_are_in_step_with_the_generator(tmp_path):
    make_examples.main(tmp_path)
    assert sorted(p.name for p in tmp_path.glob("*.xlsx")) == sorted(p.name for p in EXAMPLES)
    assert len(EXAMPLES) >= 6
    for path in EXAMPLES:
        assert fingerprint(path) == fingerprint(tmp_path / path.name), f"{path.name}: run scripts/make_examples.py"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_export_import_export_gives_identical_plan_content(example, tmp_path):
    first = tmp_path / "first.json"
    done = forankring("export", str(example), "-o", str(first))
    assert done.returncode == 0, done.stderr
    assert example.name in done.stdout
    xlsx = tmp_path / "back.xlsx"
    done = forankring("import", str(first), "-o", str(xlsx))
    assert done.returncode == 0, done.stderr
    second = tmp_path / "second.json"
    done = forankring("export", str(xlsx), "-o", str(second))
    assert done.returncode == 0, done.stderr
    a, b = json.loads(first.read_text()), json.loads(second.read_text())
    assert a["plan"] == b["plan"]
    assert a["read_findings"] == b["read_findings"]
    assert a["plan"]["sigtepunkter"], "an example without content proves nothing"


def test_envelope(tmp_path):
    example = EXAMPLES[0]
    out = tmp_path / "a.json"
    assert forankring("export", str(example), "-o", str(out)).returncode == 0
    data = json.loads(out.read_text())
    import hashlib

    assert data["format"] == "forankring-xl/arkiv" and data["schema_version"] == 3
    assert data["source_file"] == example.name
    assert data["source_sha256"] == hashlib.sha256(example.read_bytes()).hexdigest()
    assert data["exported_at"].endswith("Z") and "T" in data["exported_at"]
    assert data["template_version_read"] == "1.0"
    assert data["tool_version"]
    assert load_archive(out).plan.enhed == data["plan"]["enhed"]


def test_export_many_into_a_folder_and_report_unreadable(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("ikke en projektmappe")
    out = tmp_path / "arkiv"
    done = forankring("export", *map(str, EXAMPLES), str(bad), "-o", str(out))
    assert done.returncode == 2
    assert sorted(p.stem for p in out.glob("*.json")) == sorted(p.stem for p in EXAMPLES)
    assert "bad.xlsx" in done.stderr and "Traceback" not in done.stderr + done.stdout
    assert "Kan ikke læse" in done.stderr


def test_export_shows_read_findings_with_cells(tmp_path):
    flawed = next(p for p in EXAMPLES if "sprog" in p.stem)
    done = forankring("export", str(flawed), "-o", str(tmp_path / "x.json"))
    assert done.returncode == 0
    assert "Sigtepunkt 1!G5" in done.stdout and "31. juni 2027" in done.stdout


def test_template_command(tmp_path):
    out = tmp_path / "ny.xlsx"
    done = forankring("template", "-o", str(out))
    assert done.returncode == 0 and out.exists()
    assert "Skabelonen er gemt" in done.stdout


@pytest.mark.parametrize(
    "content, words",
    [
        ("{ikke json", ["ugyldig JSON", "linje 1"]),
        ('{"plan": {"sigtepunkter": "nej"}}', ["passer ikke", "sigtepunkter"]),
        ('{"plan": {"kommune": "A", "hemmeligt_felt": 1}}', ["hemmeligt_felt"]),
    ],
)
def test_import_of_bad_json_is_a_danish_message_not_a_traceback(tmp_path, content, words):
    src = tmp_path / "arkiv.json"
    src.write_text(content)
    out = tmp_path / "plan.xlsx"
    done = forankring("import", str(src), "-o", str(out))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    for word in words:
        assert word in done.stderr
    assert not out.exists()


def test_import_never_leaves_a_half_written_file(tmp_path):
    src = tmp_path / "a.json"
    assert forankring("export", str(EXAMPLES[0]), "-o", str(src)).returncode == 0
    out = tmp_path / "b.xlsx"
    out.write_bytes(b"old content")
    refused = forankring("import", str(src), "-o", str(out))
    assert refused.returncode == 2 and "findes allerede" in refused.stderr and "--overskriv" in refused.stderr
    assert out.read_bytes() == b"old content"
    assert forankring("import", str(src), "-o", str(out), "--overskriv").returncode == 0
    assert out.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_version_and_help_are_danish():
    done = forankring("--help")
    assert done.returncode == 0 and "Eksportér" in done.stdout
    assert forankring("--version").stdout.startswith("forankring-xl ")


def test_written_files_get_ordinary_permissions(tmp_path):
    import os

    out = tmp_path / "a.json"
    assert forankring("export", str(EXAMPLES[0]), "-o", str(out)).returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
