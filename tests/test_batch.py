"""`forankring batch`: every input accounted for, bad files reported, nothing rewritten twice, versions kept."""

import hashlib
import json
import re
import shutil
import signal
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES
from openpyxl import load_workbook
from test_cli import forankring

from forankring_xl.batch.runner import archive_name
from forankring_xl.io.writer import write_plan

import make_examples

AS_OF = "2026-11-22"


def _fingerprints(folder: Path) -> dict[str, tuple[str, int]]:
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory, soffice):
    """One file of every kind that cannot be converted, made for real where a tool can make it."""
    from msoffcrypto.format.ooxml import OOXMLFile

    folder = tmp_path_factory.mktemp("bad")
    good = folder / "good.xlsx"
    write_plan(make_examples.ics_familieafdeling(), good)
    data = good.read_bytes()
    (folder / "afkortet.xlsx").write_bytes(data[: len(data) // 2])
    (folder / "scanning.xlsx").write_bytes(b"%PDF-1.7\n1 0 obj\n")
    (folder / "tom.xlsx").write_bytes(b"")
    with good.open("rb") as plain, (folder / "krypteret.xlsx").open("wb") as out:
        OOXMLFile(plain).encrypt("hemmelig", out)
    for fmt in ("xls", "ods"):
        done = soffice("--convert-to", fmt, "--outdir", str(folder), str(good))
        assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(folder / "binaer.xlsb", "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.bin", b"\0")
    from openpyxl import Workbook

    other = Workbook()
    other.active["A1"] = "Budget"
    other.save(folder / "budget.xlsx")
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(folder / "bombe.xlsx", "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item))
        zout.writestr("xl/media/fyld.bin", b"\0" * (64 * 1024 * 1024))
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(folder / "entitet.xlsx", "w") as zout:
        for item in zin.infolist():
            body = zin.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + body.replace(
                    b"<t>Fjordby Kommune</t>", b"<t>&e;</t>")
            zout.writestr(item, body)
    good.unlink()
    (folder / "ods").mkdir()
    (folder / "good.ods").rename(folder / "ods" / "plan.ods")
    return folder


EXPECTED_REASONS = {
    "afkortet.xlsx": "beskadiget",
    "scanning.xlsx": "PDF",
    "tom.xlsx": "tom",
    "krypteret.xlsx": "krypteret",
    "good.xls": ".xls",
    "binaer.xlsb": ".xlsb",
    "ods/plan.ods": "OpenDocument",
    "budget.xlsx": "ikke en forankringsplan",
    "bombe.xlsx": "zip-bombe",
    "entitet.xlsx": "DOCTYPE",
}


@pytest.fixture
def inbox(tmp_path, bad_files):
    box = tmp_path / "indbakke"
    (box / "skoler").mkdir(parents=True)
    (box / "pleje" / "nord").mkdir(parents=True)
    for path in EXAMPLES:
        shutil.copy(path, box / "skoler" / path.name)
    shutil.copy(EXAMPLES[0], box / "pleje" / "nord" / EXAMPLES[0].name)  # same file name, another folder
    shutil.copy(EXAMPLES[1], box / "pleje" / "makro.xlsm")  # .xlsm is read too (its macros never run)
    (box / "pleje" / "noter.txt").write_text("husk møde")
    (box / "pleje" / "~$plan.xlsx").write_bytes(b"lock")
    shutil.copytree(bad_files, box / "daarlige")
    return box


def run(inbox, archive, *extra):
    done = forankring("batch", str(inbox), "-o", str(archive), "--as-of", AS_OF, *extra)
    assert "Traceback" not in done.stderr + done.stdout
    return done


def manifest(archive):
    return [json.loads(line) for line in (archive / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def test_every_input_gets_one_record_and_bad_files_fail_with_danish_reasons(inbox, tmp_path):
    before = _fingerprints(inbox)
    archive = tmp_path / "arkiv"
    done = run(inbox, archive, "--jobs", "2")
    assert done.returncode == 1  # some files failed
    records = manifest(archive)
    inputs = [p for p in inbox.rglob("*") if p.is_file()]
    assert len(records) == len(inputs) == len({r["path"] for r in records})
    by_path = {r["path"]: r for r in records}
    for name, word in EXPECTED_REASONS.items():
        record = by_path[f"daarlige/{name}"]
        assert record["status"] == "failed", record
        assert word in record["reason"], record
    assert by_path["pleje/noter.txt"]["status"] == "skipped"
    assert by_path["pleje/~$plan.xlsx"]["status"] == "skipped" and "låsefil" in by_path["pleje/~$plan.xlsx"]["reason"]
    converted = [r for r in records if r["status"] == "converted"]
    assert len(converted) == len(EXAMPLES) + 2
    assert by_path["pleje/makro.xlsm"]["status"] == "converted"
    for r in converted:
        assert (archive / r["archive"]).exists() and len(r["sha256"]) == 64
        assert set(r["counts"]) == {"errors", "warnings", "info", "non_smart_delmaal", "overdue"}
    assert _fingerprints(inbox) == before  # inputs untouched
    assert not any("root:" in p.read_text(errors="ignore") for p in archive.rglob("*.json"))


def test_same_name_in_two_folders_does_not_clash(inbox, tmp_path):
    archive = tmp_path / "arkiv"
    run(inbox, archive)
    by_path = {r["path"]: r for r in manifest(archive)}
    a, b = by_path[f"skoler/{EXAMPLES[0].name}"], by_path[f"pleje/nord/{EXAMPLES[0].name}"]
    assert a["archive"] != b["archive"]
    assert json.loads((archive / a["archive"]).read_text())["plan"] == json.loads((archive / b["archive"]).read_text())["plan"]


def test_text_in_a_workbook_never_steers_a_path(tmp_path):
    box = tmp_path / "box"
    box.mkdir()
    plan = make_examples.ics_familieafdeling().model_copy(update={"enhed": "../../../etc/evil", "kommune": "/tmp/x"})
    write_plan(plan, box / "plan.xlsx")
    archive = tmp_path / "arkiv"
    assert run(box, archive).returncode == 0
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert files == ["arkiv/manifest.jsonl", f"arkiv/{archive_name('plan.xlsx')}", "box/plan.xlsx"]
    assert archive_name("../../x.xlsx") == archive_name("../../x.xlsx") and "/" not in archive_name("a/../../b.xlsx")


def test_running_again_rewrites_nothing(inbox, tmp_path):
    archive = tmp_path / "arkiv"
    run(inbox, archive)
    first = _fingerprints(archive)
    done = run(inbox, archive)
    statuses = {r["status"] for r in manifest(archive) if not r["path"].startswith("daarlige/")}
    assert statuses == {"unchanged", "skipped"}
    after = _fingerprints(archive)
    assert {k: v for k, v in after.items() if k != "manifest.jsonl"} == {k: v for k, v in first.items() if k != "manifest.jsonl"}
    assert "uændret" in done.stdout


def test_force_converts_again_and_keeps_the_previous_json(inbox, tmp_path):
    archive = tmp_path / "arkiv"
    run(inbox, archive)
    run(inbox, archive, "--force")
    records = [r for r in manifest(archive) if r["status"] not in ("failed", "skipped")]
    assert {r["status"] for r in records} == {"converted"}
    assert len(list((archive / "versions").glob("*.json"))) == len(records)


def test_changed_workbook_is_converted_again_and_its_old_json_kept_and_importable(inbox, tmp_path):
    archive = tmp_path / "arkiv"
    run(inbox, archive)
    rel = f"skoler/{EXAMPLES[0].name}"
    target = archive / next(r["archive"] for r in manifest(archive) if r["path"] == rel)
    old = json.loads(target.read_text())
    wb = load_workbook(inbox / rel)
    wb["Forside"]["B5"].value = "Ny enhed efter omorganisering"
    wb.save(inbox / rel)
    run(inbox, archive)
    by_path = {r["path"]: r for r in manifest(archive)}
    assert by_path[rel]["status"] == "converted"
    assert json.loads(target.read_text())["plan"]["enhed"] == "Ny enhed efter omorganisering"
    (version,) = (archive / "versions").glob(f"{target.stem}.*.json")
    assert json.loads(version.read_text())["plan"] == old["plan"]
    restored = tmp_path / "gammel.xlsx"
    done = forankring("import", str(version), "-o", str(restored))
    assert done.returncode == 0 and restored.exists()
    assert load_workbook(restored)["Forside"]["B5"].value == old["plan"]["enhed"]


def test_overview_workbook(inbox, tmp_path):
    archive, overview = tmp_path / "arkiv", tmp_path / "oversigt.xlsx"
    run(inbox, archive, "--overview", str(overview))
    wb = load_workbook(overview)
    # Overblik first (its charts and heat map: tests/test_overview_charts.py), the charts' hidden data last
    assert wb.sheetnames == ["Overblik", "Planer", "Forfaldne", "Ikke-SMART delmål", "Udvikling siden sidst",
                             "Fejlede filer", "Diagramdata"]
    tables = [wb[name] for name in wb.sheetnames[1:-1]]
    for ws in tables:
        assert ws.freeze_panes == "A3" and ws.auto_filter.ref.startswith("A2:")
        assert "22-11-2026" in ws["A1"].value
        links = [c.hyperlink.target for row in ws.iter_rows(min_row=3) for c in row if c.hyperlink]
        assert links, ws.title
        for target in links:
            assert (overview.parent / target).resolve().exists(), target
    plans = wb["Planer"]
    header = [c.value for c in plans[2]]
    for column in ("Enhed", "Indsats", "Fase", "Fejl", "Advarsler", "Ikke-SMART delmål", "Forfaldne", "Sidst fulgt op",
                   "Belastningsprøve"):
        assert column in header
    assert plans.max_row == 2 + len(EXAMPLES) + 2
    overdue = [[c.value for c in row] for row in wb["Forfaldne"].iter_rows(min_row=3)]
    assert any(r[0] == "Plejecenter Solbakken" and r[1] == "Birgitte Holm" and r[6] == 175 for r in overdue)
    units = [r[0] for r in overdue]
    assert units == sorted(units)  # by unit, then owner
    smart = [[c.value for c in row] for row in wb["Ikke-SMART delmål"].iter_rows(min_row=3)]
    assert any(r[0] == "Engskolen" and "S" in r[3] for r in smart)
    bad = {r[0].value: r[2].value for r in wb["Fejlede filer"].iter_rows(min_row=3)}
    assert "daarlige/scanning.xlsx" in bad and "pleje/noter.txt" in bad
    for ws in tables:  # printable: A4 landscape, at most two pages wide ("Fejlede filer": one), titles repeated
        setup = ws.page_setup
        wide = 1 if ws.title == "Fejlede filer" else 2
        assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, wide, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$2" and ws.print_title_cols == ("$A:$A" if wide == 2 else None)


def test_overview_prints_each_sheet_at_most_two_pages_wide(inbox, tmp_path, soffice):
    """LibreOffice as an independent renderer: a small batch's overview prints on two pages per sheet at
    most (before print setup, the six examples' overview took 18 portrait pages, the plans sheet five),
    plus the Overblik sheet's pages (its three charts and the heat map: at most four)."""
    archive, overview = tmp_path / "arkiv", tmp_path / "oversigt.xlsx"
    run(inbox, archive, "--overview", str(overview))
    done = soffice("--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(overview))
    assert done.returncode == 0, done.stderr
    pdf = (tmp_path / "pdf" / "oversigt.pdf").read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    printed = [ws for ws in load_workbook(overview, read_only=True).worksheets if ws.sheet_state == "visible"]
    assert len(printed) <= pages <= 2 * len(printed) + 2, pages  # Overblik: three charts and the heat map, up to four


def test_jobs_one_and_two_give_the_same_manifest(inbox, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    run(inbox, a, "--jobs", "1")
    run(inbox, b, "--jobs", "2")
    assert manifest(a) == manifest(b)


def test_plain_progress_lines_when_not_a_terminal(inbox, tmp_path):
    done = run(inbox, tmp_path / "arkiv")
    lines = [line for line in done.stdout.splitlines() if line.startswith("[")]
    total = len([p for p in inbox.rglob("*") if p.is_file()])
    assert len(lines) == total and lines[-1].startswith(f"[{total}/{total}]")
    assert "FEJLET daarlige/tom.xlsx" in done.stdout


def test_exit_codes(tmp_path):
    box = tmp_path / "box"
    box.mkdir()
    shutil.copy(EXAMPLES[0], box / "a.xlsx")
    assert run(box, tmp_path / "ok").returncode == 0
    assert forankring("batch", str(tmp_path / "findes-ikke"), "-o", str(tmp_path / "x")).returncode == 2
    assert forankring("batch", str(box)).returncode == 2  # -o missing: a usage error


def test_progress_bar_on_a_terminal(tmp_path):
    """On a terminal the user sees a progress bar instead of one line per file."""
    import os
    import pty
    import subprocess
    import sys

    box = tmp_path / "box"
    box.mkdir()
    for path in EXAMPLES[:3]:
        shutil.copy(path, box / path.name)
    master, slave = pty.openpty()
    exe = Path(sys.executable).parent / "forankring"
    proc = subprocess.run([str(exe), "batch", str(box), "-o", str(tmp_path / "a"), "--as-of", AS_OF],
                          stdout=subprocess.PIPE, stderr=slave, text=True, timeout=120)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    screen = b"".join(chunks).decode(errors="ignore")
    assert proc.returncode == 0
    assert "Konverterer" in screen and "3/3" in screen
    assert "[1/3]" not in proc.stdout  # no plain lines when a terminal shows the bar


def test_time_and_memory_per_file_are_bounded(tmp_path, monkeypatch):
    """A file that takes too long or too much memory fails with a reason; the batch would go on."""
    import datetime as dt
    import time

    from forankring_xl.batch import runner

    src = tmp_path / "plan.xlsx"
    shutil.copy(EXAMPLES[0], src)
    task = runner.Task(str(src), "plan.xlsx", str(tmp_path / "arkiv"), dt.date(2026, 11, 22), False, None)
    monkeypatch.setattr(runner, "TIME_LIMIT_S", 1)
    monkeypatch.setattr(runner, "read_plan", lambda path: time.sleep(5))
    started = time.monotonic()
    outcome = runner.convert(task)
    assert time.monotonic() - started < 4
    assert outcome.record["status"] == "failed" and "sekunder" in outcome.record["reason"]

    def greedy(path):
        raise MemoryError

    monkeypatch.setattr(runner, "read_plan", greedy)
    outcome = runner.convert(task)
    assert outcome.record["status"] == "failed" and "hukommelse" in outcome.record["reason"]
    # the worker's address-space limit is set when a pool worker starts
    import resource

    monkeypatch.setattr(resource, "setrlimit", lambda which, limits: seen.append((which, limits)))
    seen = []
    monkeypatch.setattr(runner.signal, "signal", lambda *a: None)
    runner._limits()
    assert seen and seen[0][0] == resource.RLIMIT_AS and seen[0][1][0] <= runner.MEMORY_LIMIT_BYTES


@pytest.mark.parametrize("alarm", [True, False], ids=["sigalrm", "timer"])
def test_the_batch_deadline_inside_the_reader_is_said_as_time_not_damage(tmp_path, monkeypatch, alarm):
    """The reader has its own limit inside the batch's: the batch's deadline, when it runs out while the
    reader parses, is reported as the time limit (before, the reader took it for a damaged file)."""
    import datetime as dt
    import time

    from forankring_xl.batch import runner
    from forankring_xl.io import limits, xlsx_fast

    monkeypatch.setattr(limits, "USE_ALARM", alarm)
    monkeypatch.setattr(runner, "TIME_LIMIT_S", 1)
    src = tmp_path / "plan.xlsx"
    shutil.copy(EXAMPLES[0], src)
    task = runner.Task(str(src), "plan.xlsx", str(tmp_path / "arkiv"), dt.date(2026, 11, 22), False, None)

    def slow_parse(self, path):
        for _ in range(500):  # Python-level work inside the reader's parse
            time.sleep(0.01)

    monkeypatch.setattr(xlsx_fast.FastWorkbook, "__init__", slow_parse)
    started = time.monotonic()
    outcome = runner.convert(task)
    assert time.monotonic() - started < 4
    assert outcome.record["status"] == "failed"
    assert outcome.record["reason"] == "filen er for stor til at læse inden for 1 sekunder og er sprunget over."


def test_time_limit_without_sigalrm_as_on_windows(tmp_path, monkeypatch):
    """Where there is no SIGALRM, a timer thread stops a file that takes too long; Ctrl-C still works."""
    import _thread
    import datetime as dt
    import threading
    import time

    from forankring_xl.batch import runner
    from forankring_xl.io import limits

    monkeypatch.setattr(limits, "USE_ALARM", False)
    monkeypatch.setattr(runner, "TIME_LIMIT_S", 1)
    src = tmp_path / "plan.xlsx"
    shutil.copy(EXAMPLES[0], src)
    task = runner.Task(str(src), "plan.xlsx", str(tmp_path / "arkiv"), dt.date(2026, 11, 22), False, None)

    def slow(path):
        for _ in range(500):  # Python-level work, as a slow plan would be
            time.sleep(0.01)

    monkeypatch.setattr(runner, "read_plan", slow)
    started = time.monotonic()
    outcome = runner.convert(task)
    assert time.monotonic() - started < 4
    assert outcome.record["status"] == "failed" and "sekunder" in outcome.record["reason"]

    # a real Ctrl-C before the deadline is not taken for a timeout: it reaches the handler that was there
    monkeypatch.setattr(runner, "TIME_LIMIT_S", 30)
    threading.Timer(0.3, _thread.interrupt_main).start()
    with pytest.raises(KeyboardInterrupt):
        runner.convert(task)

    # a file that finishes in time converts as usual, and no late timer fires afterwards
    monkeypatch.undo()
    monkeypatch.setattr(limits, "USE_ALARM", False)
    monkeypatch.setattr(runner, "TIME_LIMIT_S", 1)
    (tmp_path / "arkiv").mkdir()
    outcome = runner.convert(task)
    assert outcome.record["status"] == "converted", outcome.record
    time.sleep(1.3)  # past the deadline: nothing may be raised here


def test_batch_without_posix_only_parts_as_on_windows(inbox, tmp_path, monkeypatch):
    """No `resource`, no SIGALRM, no os.sync: the batch converts the same, flushing each JSON as written."""
    import datetime as dt

    from forankring_xl.batch import runner
    from forankring_xl.io import atomic, limits

    monkeypatch.setattr(runner, "resource", None)
    monkeypatch.setattr(limits, "USE_ALARM", False)
    monkeypatch.setattr(runner, "CAN_SYNC_ALL", False)
    monkeypatch.setattr(atomic, "CAN_SYNC_ALL", False)

    def no_sync():
        raise AssertionError("os.sync called")

    monkeypatch.setattr(atomic.os, "sync", no_sync)
    flushed = []
    real_write = runner.atomic_write_text

    def write(path, text, durable=True):
        flushed.append(durable)
        real_write(path, text, durable)

    monkeypatch.setattr(runner, "atomic_write_text", write)
    previous = signal.getsignal(signal.SIGINT)
    try:
        runner._limits()  # no memory limit to set, and no error
    finally:
        signal.signal(signal.SIGINT, previous)  # _limits is for workers: it ignores Ctrl-C
    expected = run(inbox, tmp_path / "arkiv-posix")
    assert expected.returncode == 1
    wanted = sorted((r["path"], r["status"], r["archive"]) for r in manifest(tmp_path / "arkiv-posix"))
    for jobs in (1, 2):  # in this process (the spy sees the writes), and in worker processes
        archive = tmp_path / f"arkiv-{jobs}"
        runner.run_batch(inbox, archive, dt.date.fromisoformat(AS_OF), jobs=jobs)
        assert sorted((r["path"], r["status"], r["archive"]) for r in manifest(archive)) == wanted
    assert len(flushed) == len(EXAMPLES) + 2 and all(flushed)
