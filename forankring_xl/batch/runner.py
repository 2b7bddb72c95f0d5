"""Batch conversion: a folder of returned workbooks → JSON archive, manifest and overview data.

Every input file gets exactly one manifest record (converted, unchanged, failed or skipped). Inputs are
only read. Archive names come from the input's path inside the inbox, never from workbook text. A
changed workbook's previous JSON is moved to ``versions/`` before the new one is written. Each file is
converted in a worker process with a time limit and a memory limit, so no single file can exhaust the
machine; a file that fails is recorded with a Danish reason and the batch goes on.

Portability: the time limit uses SIGALRM where it exists (Linux, macOS) and a timer thread that
interrupts the worker's main thread elsewhere (Windows); the memory limit (RLIMIT_AS) exists only on
POSIX, and on Windows memory is bounded by the preflight's limits on the package's expanded size.
Archive JSONs are synced once at the end where ``os.sync`` exists, else each is flushed as written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import _thread
import signal
import threading
import unicodedata
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterable, Iterator

try:
    import resource  # POSIX only
except ImportError:  # Windows
    resource = None

from ..io.archive import archive_json, make_archive, sha256_file
from ..io.atomic import CAN_SYNC_ALL, atomic_write_lines, atomic_write_text, sync_folder
from ..io.reader import read_plan
from ..io.safety import ReadError
from ..model import cell_due
from ..overdue.items import collect_items
from ..rules import check_plan

MANIFEST = "manifest.jsonl"
VERSIONS = "versions"
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}
TIME_LIMIT_S = 60
MEMORY_LIMIT_BYTES = 2 * 1024**3
_TRANSLIT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def archive_name(relative: str) -> str:
    """A safe, unique file name for an input's archive JSON, from its path inside the inbox only."""
    stem = relative.rsplit(".", 1)[0].translate(_TRANSLIT)
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-").lower()[:80] or "plan"
    digest = hashlib.sha256(relative.encode("utf-8")).hexdigest()[:10]
    return f"{slug}--{digest}.json"


@dataclass
class Task:
    path: str
    relative: str
    archive_dir: str
    as_of: dt.date
    force: bool
    previous_sha: str | None


@dataclass
class Outcome:
    record: dict
    overview: dict | None = None  # plan row, overdue items, non-SMART delmål (for converted/unchanged)


class JsonlStore:
    """Entries kept on disk, one JSON line each, with only (key, offset) in memory: a big batch stays flat."""

    def __init__(self, path: Path, key: str):
        self.path = Path(path)
        self.key = key
        self._handle = open(self.path, "w+", encoding="utf-8")
        self._index: list[tuple[str, int]] = []  # (key, offset)

    def append(self, entry: dict) -> None:
        self._handle.seek(0, os.SEEK_END)
        self._index.append((entry[self.key], self._handle.tell()))
        self._handle.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[dict]:
        """Entries in the order of their key."""
        self._handle.flush()
        for _, offset in sorted(self._index):
            self._handle.seek(offset)
            yield json.loads(self._handle.readline())

    def close(self) -> None:
        self._handle.close()
        self.path.unlink(missing_ok=True)


@dataclass
class BatchResult:
    records: JsonlStore  # one manifest record per input, by path
    overview: JsonlStore  # one overview entry per readable plan, by source path
    counts: Counter = field(default_factory=Counter)

    def add(self, record: dict) -> None:
        self.records.append(record)
        self.counts[record["status"]] += 1

    @property
    def failed(self) -> int:
        return self.counts["failed"]

    def count(self, status: str) -> int:
        return self.counts[status]

    def close(self) -> None:
        self.records.close()
        self.overview.close()


def discover(inbox: Path, exclude: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Workbooks to convert, and other files to record as skipped (with the reason)."""
    workbooks, skipped = [], []
    excluded = [e.resolve() for e in exclude]
    for path in sorted(p for p in inbox.rglob("*") if p.is_file() or p.is_symlink()):
        resolved = path.resolve()
        if any(resolved == e or e in resolved.parents for e in excluded):
            continue
        if path.is_symlink():
            skipped.append((path, "symbolsk link – følges ikke"))
        elif path.name.startswith("~$"):
            skipped.append((path, "Excels midlertidige låsefil"))
        elif path.suffix.lower() in WORKBOOK_SUFFIXES:
            workbooks.append(path)
        elif path.suffix.lower() in (".xls", ".xlsb", ".ods"):
            workbooks.append(path)  # tried, so the reason names the format
        else:
            skipped.append((path, f"ikke en Excel-projektmappe ({path.suffix or 'ingen filendelse'})"))
    return workbooks, skipped


def _limits() -> None:
    """Worker start: bound memory (POSIX); ignore Ctrl-C (the parent handles it)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if resource is None:
        return
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = MEMORY_LIMIT_BYTES if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT_BYTES, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


class _Timeout(Exception):
    pass


USE_ALARM = hasattr(signal, "SIGALRM")


@contextmanager
def _deadline(seconds: int):
    """Raise _Timeout in the calling (main) thread when the block runs longer than ``seconds``."""
    if USE_ALARM:
        def on_alarm(signum, frame):
            raise _Timeout()

        old = signal.signal(signal.SIGALRM, on_alarm)
        signal.alarm(seconds)
        try:
            yield
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)
        return
    # no SIGALRM (Windows): a timer thread simulates Ctrl-C in this thread, and a handler that knows
    # the deadline passed turns it into _Timeout; a real Ctrl-C goes to the handler that was there
    state = {"expired": False, "done": False}
    previous = signal.getsignal(signal.SIGINT)

    def on_interrupt(signum, frame):
        if state["expired"] and not state["done"]:
            raise _Timeout()
        if callable(previous):
            previous(signum, frame)

    def expire():
        state["expired"] = True
        _thread.interrupt_main(signal.SIGINT)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    signal.signal(signal.SIGINT, on_interrupt)
    timer.start()
    try:
        yield
    finally:
        state["done"] = True
        timer.cancel()
        signal.signal(signal.SIGINT, previous)


def _counts(report) -> dict:
    smart_cells = {(f.sheet, f.cell) for f in report.findings if f.code.startswith("SMART_") and f.code != "SMART_MAAL"}
    return {
        "errors": report.summary.errors,
        "warnings": report.summary.warnings,
        "info": report.summary.infos,
        "non_smart_delmaal": len(smart_cells),
        "overdue": sum(f.code == "OVERDUE" for f in report.findings),
    }


def _overview(task: Task, archive: str, result, report) -> dict:
    plan = result.plan
    inverse = {where: key for key, where in result.locator.cells.items()}
    nonsmart: dict[tuple, dict] = {}
    for f in report.findings:
        if not f.code.startswith("SMART_") or f.code == "SMART_MAAL":
            continue
        key = inverse.get((f.sheet, f.cell))
        entry = nonsmart.setdefault((f.sheet, f.cell), {"sheet": f.sheet, "cell": f.cell, "letters": [], "reasons": [],
                                                        "text": None, "owner": None, "sigtepunkt": None})
        entry["letters"].append(f.code.removeprefix("SMART_"))
        entry["reasons"].append(f.message.split(": ", 1)[-1])
        if key and key[0] == "row":
            point = plan.sigtepunkter[key[1]] if key[1] < len(plan.sigtepunkter) else None
            row = point.raekker[key[2]] if point and key[2] < len(point.raekker) else None
            if row is not None:
                entry.update(text=row.delmaal, owner=row.ansvarlig, sigtepunkt=point.titel)
    items = collect_items([(plan, result.locator)], task.as_of)
    recorded = [d for s in plan.sigtepunkter for r in s.raekker if (d := cell_due(r.sidst_fulgt_op)) is not None]
    return {
        "source": task.relative,
        "archive": archive,
        "plan": {
            "enhed": plan.enhed, "kommune": plan.kommune, "indsats": plan.indsats,
            "fase": None if plan.fase is None else str(plan.fase),
            "last_followup": max(recorded).isoformat() if recorded else None,
            "stress": {d.dimension.value: d.score for d in report.stress_test.dimensions},
            "stress_overall": report.stress_test.overall,
            **_counts(report),
        },
        "overdue": [i.model_dump(mode="json") for i in items if i.overdue],
        "nonsmart": list(nonsmart.values()),
    }


def convert(task: Task) -> Outcome:
    """Convert one workbook (runs in a worker process)."""
    record = {"path": task.relative, "sha256": None, "status": "failed", "reason": None, "archive": None,
              "counts": None}
    try:
        with _deadline(TIME_LIMIT_S):
            return _convert(task, record)
    except ReadError as exc:
        record["reason"] = exc.reason
    except _Timeout:
        record["reason"] = f"filen tog mere end {TIME_LIMIT_S} sekunder at læse og er sprunget over."
    except MemoryError:
        record["reason"] = "filen krævede for meget hukommelse og er sprunget over."
    except Exception as exc:  # one odd file must not stop the batch
        record["reason"] = f"uventet fejl ved læsning ({type(exc).__name__}: {exc})."
    return Outcome(record)


def _convert(task: Task, record: dict) -> Outcome:
    sha = sha256_file(Path(task.path))
    record["sha256"] = sha
    name = archive_name(task.relative)
    target = Path(task.archive_dir) / name
    result = read_plan(task.path)
    report = check_plan(result.plan, result.locator, task.as_of, read_findings=result.findings,
                        source_file=Path(task.path).name)
    unchanged = not task.force and task.previous_sha == sha and target.exists()
    if not unchanged:
        if target.exists():
            _keep_version(target)
        archive = make_archive(result, Path(task.path), sha256=sha)
        # where the system can sync everything at once, that happens at the end of the batch
        atomic_write_text(target, archive_json(archive), durable=not CAN_SYNC_ALL)
    record.update(status="unchanged" if unchanged else "converted", archive=name, counts=_counts(report))
    return Outcome(record, _overview(task, name, result, report))


def _warm_up() -> None:
    from ..smart.checker import judge_goal

    judge_goal("Alle medarbejdere har gennemført kurset i uge 12")


def _keep_version(target: Path) -> None:
    """Move an existing archive JSON into versions/, named by the source it came from."""
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
        sha = (data.get("source_sha256") or "ukendt")[:12]
        stamp = re.sub(r"[^0-9]", "", data.get("exported_at") or "")[:14] or "0"
    except (OSError, ValueError):
        sha, stamp = "ukendt", "0"
    versions = target.parent / VERSIONS
    versions.mkdir(exist_ok=True)
    dest = versions / f"{target.stem}.{stamp}.{sha}.json"
    n = 1
    while dest.exists():
        dest = versions / f"{target.stem}.{stamp}.{sha}.{n}.json"
        n += 1
    os.replace(target, dest)


def read_manifest(archive_dir: Path) -> dict[str, str | None]:
    """Input path → SHA-256 from the previous run's manifest (all a re-run needs)."""
    path = archive_dir / MANIFEST
    if not path.exists():
        return {}
    out = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                record = json.loads(line)
                out[record["path"]] = record.get("sha256")
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
    return out


def run_batch(
    inbox: Path,
    archive_dir: Path,
    as_of: dt.date,
    jobs: int | None = None,
    force: bool = False,
    exclude: list[Path] | None = None,
    on_done: Callable[[int, int, dict], None] | None = None,
) -> BatchResult:
    inbox, archive_dir = Path(inbox), Path(archive_dir)
    archive_dir.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(archive_dir)
    workbooks, skipped = discover(inbox, [archive_dir, *(exclude or [])])
    total = len(workbooks) + len(skipped)
    result = BatchResult(JsonlStore(archive_dir / ".manifest.tmp.jsonl", "path"),
                         JsonlStore(archive_dir / ".oversigt.tmp.jsonl", "source"))
    done = 0
    for path, reason in skipped:
        rel = path.relative_to(inbox).as_posix()
        record = {"path": rel, "sha256": None if path.is_symlink() else sha256_file(path), "status": "skipped",
                  "reason": reason, "archive": None, "counts": None}
        result.add(record)
        done += 1
        if on_done:
            on_done(done, total, record)
    tasks = (
        Task(str(path), rel, str(archive_dir), as_of, force, previous.get(rel))
        for path in workbooks
        for rel in [path.relative_to(inbox).as_posix()]
    )
    for outcome in _map(tasks, len(workbooks), jobs):
        result.add(outcome.record)
        if outcome.overview:
            result.overview.append(outcome.overview)
        done += 1
        if on_done:
            on_done(done, total, outcome.record)
    sync_folder(archive_dir)  # the archive JSONs are on disk before the manifest names them
    atomic_write_lines(archive_dir / MANIFEST, (json.dumps(r, ensure_ascii=False) + "\n" for r in result.records))
    return result


def _map(tasks: Iterable[Task], count: int, jobs: int | None) -> Iterator[Outcome]:
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or count <= 1:
        for task in tasks:
            yield convert(task)
        return
    _warm_up()  # load the Danish lemma data once, before forking, so every worker shares it
    ctx = get_context("fork") if hasattr(os, "fork") else get_context("spawn")
    chunk = max(1, min(16, count // (jobs * 8) or 1))
    with ctx.Pool(jobs, initializer=_limits) as pool:
        yield from pool.imap_unordered(convert, tasks, chunksize=chunk)
