"""`forankring batch` under faults: kill -9, Ctrl-C, a second batch, a full or read-only disk, odd inbox entries.

Nothing may be lost: every file converted so far has a manifest record (or is recognised from its archive
JSON), a re-run makes no spurious versions, and whatever goes wrong is said in Danish, naming the archive.
"""

import errno
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES
from test_cli import forankring

from forankring_xl.batch import runner

AS_OF = "2026-11-22"
EXE = shutil.which("forankring") or str(Path(sys.executable).parent / "forankring")


def _inbox(folder: Path, copies: int) -> Path:
    """``copies`` workbooks (the examples again and again, in sub-folders)."""
    box = folder / "indbakke"
    for n in range(copies):
        sub = box / f"enhed{n // 10:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        shutil.copy(EXAMPLES[n % len(EXAMPLES)], sub / f"plan{n:03d}.xlsx")
    return box


def _manifest(archive: Path) -> list[dict]:
    return [json.loads(line) for line in (archive / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def _lines(path: Path) -> list[dict]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            pass  # a line torn by the kill: the reader skips it too
    return out


def _run(inbox, archive, *extra):
    done = forankring("batch", str(inbox), "-o", str(archive), "--as-of", AS_OF, *extra)
    assert "Traceback" not in done.stdout + done.stderr
    return done


def _assert_complete_and_no_spurious_versions(inbox: Path, archive: Path) -> None:
    records = _manifest(archive)
    inputs = sorted(p.relative_to(inbox).as_posix() for p in inbox.rglob("*.xlsx"))
    assert sorted(r["path"] for r in records) == inputs
    assert {r["status"] for r in records} <= {"converted", "unchanged"}, [r for r in records if r["status"] == "failed"]
    assert not (archive / "versions").exists() or not list((archive / "versions").iterdir())
    for r in records:  # each record's JSON is there and came from the file the record names
        data = json.loads((archive / r["archive"]).read_text(encoding="utf-8"))
        assert data["source_sha256"] == r["sha256"]
    assert not (archive / runner.JOURNAL).exists() and not (archive / runner.LOCK).exists()
    assert not [p.name for p in archive.rglob("*.tmp")]


def _start(inbox, archive, jobs="2"):
    return subprocess.Popen([EXE, "batch", str(inbox), "-o", str(archive), "--as-of", AS_OF, "--jobs", jobs],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_records(proc, journal: Path, count: int) -> None:
    deadline = time.monotonic() + 60
    while len(_lines(journal)) < count:
        assert proc.poll() is None, "the batch ended before the point of the kill"
        assert time.monotonic() < deadline
        time.sleep(0.002)


def _read_progress(proc, count: int) -> list[str]:
    """The batch's first ``count`` progress lines ("[k/n] status path"), read as they are printed."""
    lines = []
    while len(lines) < count:
        line = proc.stdout.readline()
        assert line, "the batch ended before the point of the kill"
        if line.startswith("["):
            lines.append(line)
    return lines


def test_kill_9_at_several_points_then_a_rerun_loses_nothing(tmp_path):
    """The "done when" fault test: kill -9 at several points of one archive's batches, then a re-run."""
    inbox = _inbox(tmp_path, 90)
    archive = tmp_path / "arkiv"
    for point in (1, 10, 30, 60):
        proc = _start(inbox, archive)
        lines = _read_progress(proc, point)
        os.kill(proc.pid, signal.SIGKILL)
        rest, _ = proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        # every file the batch reported as done has its record in the journal (or the merged manifest)
        reported = {line.split(" ", 2)[2].split(":")[0].strip() for line in lines + rest.splitlines()
                    if line.startswith("[")}
        kept = {r["path"] for r in _lines(archive / runner.JOURNAL) + _lines(archive / "manifest.jsonl")}
        assert reported and reported <= kept
    done = _run(inbox, archive)
    assert done.returncode == 0, done.stderr
    assert "afbrudt" in done.stderr  # the last killed run's journal was taken into the manifest
    _assert_complete_and_no_spurious_versions(inbox, archive)
    again = _run(inbox, archive)
    assert {r["status"] for r in _manifest(archive)} == {"unchanged"}, again.stdout
    _assert_complete_and_no_spurious_versions(inbox, archive)


def test_json_written_but_record_lost_is_recognised_as_unchanged(tmp_path):
    """A kill between a worker writing a JSON and the batch recording it: the JSON names its source."""
    inbox = _inbox(tmp_path, 12)
    archive = tmp_path / "arkiv"
    assert _run(inbox, archive).returncode == 0
    (archive / "manifest.jsonl").unlink()
    stale = archive / ".plan.json.abcd1234.tmp"
    stale.write_text("{halv")
    (archive / "versions").mkdir()
    (archive / "versions" / ".x.json.zz99yy88.tmp").write_text("{")
    done = _run(inbox, archive)
    assert done.returncode == 0
    assert {r["status"] for r in _manifest(archive)} == {"unchanged"}
    assert "2 halvskrevne midlertidige filer" in done.stderr
    (archive / "versions").rmdir()  # empty: nothing moved there
    _assert_complete_and_no_spurious_versions(inbox, archive)


def test_ctrl_c_says_afbrudt_and_leaves_a_manifest(tmp_path):
    inbox = _inbox(tmp_path, 60)
    archive = tmp_path / "arkiv"
    proc = _start(inbox, archive)
    _wait_for_records(proc, archive / runner.JOURNAL, 5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in out + err
    assert "Afbrudt efter" in err and " af 60 filer" in err and "manifest.jsonl" in err
    records = _manifest(archive)
    assert 5 <= len(records) < 60 and {r["status"] for r in records} == {"converted"}
    assert not (archive / runner.JOURNAL).exists() and not (archive / runner.LOCK).exists()
    assert _run(inbox, archive).returncode == 0
    by_path = {r["path"]: r["status"] for r in _manifest(archive)}
    assert all(by_path[r["path"]] == "unchanged" for r in records)
    _assert_complete_and_no_spurious_versions(inbox, archive)


def test_sigterm_is_handled_like_ctrl_c(tmp_path):
    inbox = _inbox(tmp_path, 40)
    archive = tmp_path / "arkiv"
    proc = _start(inbox, archive, jobs="1")
    _wait_for_records(proc, archive / runner.JOURNAL, 3)
    proc.terminate()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Afbrudt efter" in err
    assert len(_manifest(archive)) >= 3


def test_a_second_batch_on_the_same_archive_is_refused_naming_the_holder(tmp_path):
    inbox = _inbox(tmp_path, 2)
    archive = tmp_path / "arkiv"
    archive.mkdir()
    lock = runner.ArchiveLock(archive)
    assert lock.acquire() is None
    try:
        done = _run(inbox, archive)
        assert done.returncode == 2
        assert f"Arkivet '{archive}' bruges allerede" in done.stderr and f"proces {os.getpid()}" in done.stderr
        assert not (archive / "manifest.jsonl").exists()
    finally:
        lock.release()
    assert _run(inbox, archive).returncode == 0


def test_two_batches_started_together_one_runs_one_is_refused(tmp_path):
    inbox = _inbox(tmp_path, 30)
    archive = tmp_path / "arkiv"
    procs = [_start(inbox, archive), _start(inbox, archive)]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    codes = sorted(code for code, _ in results)
    assert codes == [0, 2], results
    assert any("bruges allerede af en anden batchkørsel" in err for _, err in results)
    _assert_complete_and_no_spurious_versions(inbox, archive)


def test_a_dead_runs_lock_is_taken_over_with_a_message(tmp_path):
    inbox = _inbox(tmp_path, 2)
    archive = tmp_path / "arkiv"
    archive.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (archive / runner.LOCK).write_text(json.dumps({"pid": dead.pid, "host": socket.gethostname(),
                                                   "started": "2026-11-22T08:00:00+01:00"}))
    done = _run(inbox, archive)
    assert done.returncode == 0, done.stderr
    assert "gammel lås" in done.stderr and f"proces {dead.pid}" in done.stderr and "overtaget" in done.stderr
    _assert_complete_and_no_spurious_versions(inbox, archive)


def test_bad_inbox_entries_become_records_and_never_abort(tmp_path, monkeypatch):
    import datetime as dt

    inbox = _inbox(tmp_path, 3)
    odd = inbox / "odd"
    odd.mkdir()
    (odd / "loop-a.xlsx").symlink_to("loop-b.xlsx")
    (odd / "loop-b.xlsx").symlink_to("loop-a.xlsx")
    (odd / "mappe-loop").symlink_to(odd, target_is_directory=True)
    bad_name = os.fsdecode(b"plan-\xe6\xf8.xlsx")
    shutil.copy(EXAMPLES[0], odd / bad_name)
    os.mkfifo(odd / "fifo.xlsx")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(odd / "sokkel.xlsx"))
    shutil.copy(EXAMPLES[1], odd / "ulaeselig.xlsx")
    (odd / "noter.txt").write_text("husk")
    expected_device = os.geteuid() == 0  # making a device node needs root
    if expected_device:
        os.mknod(odd / "enhed.xlsx", 0o600 | 0o020000, os.makedev(1, 3))  # a character device like /dev/null
    if os.geteuid() == 0:  # root reads any file: make these two unreadable the way the system would say it
        real = runner.sha256_file

        def sha(path):
            if Path(path).name in ("ulaeselig.xlsx", "noter.txt"):
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(runner, "sha256_file", sha)
    else:
        (odd / "ulaeselig.xlsx").chmod(0)
        (odd / "noter.txt").chmod(0)
    try:
        result = runner.run_batch(inbox, tmp_path / "arkiv", dt.date.fromisoformat(AS_OF), jobs=1)
    finally:
        sock.close()
    try:
        by_path = {r["path"]: r for r in result.records}
    finally:
        result.close()
    manifest = {r["path"]: r for r in _manifest(tmp_path / "arkiv")}
    assert manifest == by_path
    for path, status, word in [
        ("odd/loop-a.xlsx", "skipped", "løkke"),
        ("odd/loop-b.xlsx", "skipped", "løkke"),
        ("odd/mappe-loop", "skipped", "symbolsk link"),
        ("odd/plan-\\xe6\\xf8.xlsx", "failed", "UTF-8"),
        ("odd/fifo.xlsx", "skipped", "FIFO"),
        ("odd/sokkel.xlsx", "skipped", "sokkel"),
        ("odd/ulaeselig.xlsx", "failed", "ikke adgang"),
        ("odd/noter.txt", "skipped", "ikke adgang"),
    ]:
        assert by_path[path]["status"] == status, by_path[path]
        assert word in by_path[path]["reason"], by_path[path]
    if expected_device:
        assert by_path["odd/enhed.xlsx"]["status"] == "skipped" and "enhed" in by_path["odd/enhed.xlsx"]["reason"]
    converted = [p for p, r in by_path.items() if r["status"] == "converted"]
    assert len(converted) == 3
    assert len(by_path) == 3 + 8 + expected_device


@pytest.mark.parametrize("where", ["folder", "inbox", "inside-inbox"])
def test_overview_that_is_a_folder_or_in_the_inbox_is_refused_before_any_work(tmp_path, where):
    inbox = _inbox(tmp_path, 2)
    target = {"folder": tmp_path, "inbox": inbox, "inside-inbox": inbox / "oversigt.xlsx"}[where]
    archive = tmp_path / "arkiv"
    done = _run(inbox, archive, "--overview", str(target))
    assert done.returncode == 2
    assert "--overview" in done.stderr and str(target) in done.stderr
    assert not archive.exists()


def test_full_disk_during_the_batch_names_the_archive_and_the_manifest_says_what_was_written(tmp_path, monkeypatch):
    import datetime as dt

    inbox = _inbox(tmp_path, 6)
    archive = tmp_path / "arkiv"
    written = []
    real = runner.atomic_write_text

    def write(path, text, durable=True):
        if len(written) == 2:
            raise OSError(errno.ENOSPC, "No space left on device", "")
        written.append(path)
        real(path, text, durable)

    monkeypatch.setattr(runner, "atomic_write_text", write)
    with pytest.raises(runner.BatchError) as caught:
        runner.run_batch(inbox, archive, dt.date.fromisoformat(AS_OF), jobs=1)
    message = caught.value.message
    assert f"arkivet '{archive}'" in message and "disken er fuld" in message and "3 af 6" in message
    assert "No space" not in message and "''" not in message
    records = _manifest(archive)
    assert [r["status"] for r in records] == ["converted", "converted", "failed"]
    assert "disken er fuld" in records[2]["reason"]
    monkeypatch.undo()
    done = _run(inbox, archive)
    assert done.returncode == 0
    statuses = [r["status"] for r in _manifest(archive)]
    assert statuses[:2] == ["unchanged", "unchanged"] and set(statuses[2:]) == {"converted"}
    _assert_complete_and_no_spurious_versions(inbox, archive)


@pytest.fixture
def small_disk(tmp_path):
    """A real 200 KB file system (tmpfs), to fill up and to make read-only; needs root and mount."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root); the monkeypatched test covers the logic")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_real_full_disk_and_read_only_archive(tmp_path, small_disk):
    inbox = _inbox(tmp_path, 40)
    archive = small_disk / "arkiv"
    done = _run(inbox, archive, "--jobs", "1")
    assert done.returncode == 2, done.stdout[-2000:]
    assert f"Kan ikke skrive i arkivet '{archive}': disken er fuld" in done.stderr
    assert "No space" not in done.stderr + done.stdout
    # free some room: the next run goes on where this one stopped, without versions
    subprocess.run(["mount", "-o", "remount,size=4m", str(small_disk)], check=True)
    assert _run(inbox, archive, "--jobs", "1").returncode == 0
    _assert_complete_and_no_spurious_versions(inbox, archive)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    shutil.copy(EXAMPLES[0], inbox / "ny.xlsx")
    done = _run(inbox, archive)
    assert done.returncode == 2
    assert f"Kan ikke skrive i arkivet '{archive}': mappen ligger på et skrivebeskyttet drev" in done.stderr
    assert "Read-only" not in done.stderr


def test_an_archive_path_that_is_a_file_is_refused_in_danish(tmp_path):
    inbox = _inbox(tmp_path, 1)
    archive = tmp_path / "arkiv"
    archive.write_text("ikke en mappe")
    done = _run(inbox, archive)
    assert done.returncode == 2
    # the output policy (io/outputs.py) says it before any work, naming the archive path
    assert f"'{archive}'" in done.stderr and "mappe" in done.stderr, done.stderr
    assert archive.read_text() == "ikke en mappe"


@pytest.mark.parametrize("where", ["dumps", "write", "flush"])
def test_a_ctrl_c_while_a_journal_line_is_written_leaves_a_readable_store(tmp_path, monkeypatch, where):
    """The interrupt that CI once met under load: it landed inside JsonlStore.append, after the entry was
    indexed but before its line was there, so reading the store back for the manifest failed and the
    interrupted batch kept only its journal. Whatever the moment, the store reads back every whole entry."""
    store = runner.JsonlStore(tmp_path / "journal.jsonl", key="path", journal=True)
    store.append({"path": "a.xlsx", "status": "converted"})

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    if where == "dumps":
        monkeypatch.setattr(runner.json, "dumps", interrupt)
    else:
        monkeypatch.setattr(store, "_handle", _Interrupting(store._handle, where))
    with pytest.raises(KeyboardInterrupt):
        store.append({"path": "b.xlsx", "status": "converted"})
    monkeypatch.undo()
    assert [e["path"] for e in store] == ["a.xlsx"]
    store.append({"path": "c.xlsx", "status": "converted"})
    assert [e["path"] for e in store] == ["a.xlsx", "c.xlsx"]
    store.close()


class _Interrupting:
    """A file handle whose `where` method raises KeyboardInterrupt once, as a Ctrl-C arriving there."""

    def __init__(self, handle, where):
        self._handle, self._where = handle, where

    def __getattr__(self, name):
        attr = getattr(self._handle, name)
        if name == self._where:
            def once(*args, **kwargs):
                if self._where:
                    self._where = None
                    raise KeyboardInterrupt
                return attr(*args, **kwargs)
            return once
        return attr


@pytest.mark.parametrize("moment", ["before hashing", "after hashing, before reading"])
def test_a_workbook_that_vanishes_mid_run_is_a_failed_record_and_the_rest_is_converted(tmp_path, monkeypatch, moment):
    """A unit deletes (or moves) its file from the shared inbox while the batch runs: the file is a failed
    record with a Danish reason, nothing aborts, and the manifest and the journal agree on what was done."""
    import datetime as dt

    inbox = _inbox(tmp_path, 3)
    plans = sorted(inbox.rglob("*.xlsx"))
    gone = plans[1]
    rel = {p: p.relative_to(inbox).as_posix() for p in plans}
    hook = "sha256_file" if moment == "before hashing" else "read_plan"
    real = getattr(runner, hook)

    def racing(path, *args, **kwargs):
        if Path(path).name == gone.name and Path(path).exists():
            Path(path).unlink()
        return real(path, *args, **kwargs)

    monkeypatch.setattr(runner, hook, racing)
    result = runner.run_batch(inbox, tmp_path / "arkiv", dt.date.fromisoformat(AS_OF), jobs=1)
    try:
        by_path = {r["path"]: r for r in result.records}
    finally:
        result.close()
    assert {p: r["status"] for p, r in by_path.items()} == {rel[p]: "failed" if p == gone else "converted" for p in plans}
    reason = by_path[rel[gone]]["reason"]
    assert "forsvandt" in reason or "findes ikke" in reason, reason
    assert {r["path"]: r for r in _manifest(tmp_path / "arkiv")} == by_path
    assert not (tmp_path / "arkiv" / runner.JOURNAL).exists()  # folded into the manifest at the end
    assert len(list((tmp_path / "arkiv").glob("*.json"))) == 2
