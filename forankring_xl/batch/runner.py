"""Batch conversion: a folder of returned workbooks → JSON archive, manifest and overview data.

Every input file gets exactly one manifest record (converted, unchanged, failed or skipped). Inputs are
only read. Archive names come from the input's path inside the inbox, never from workbook text. A
changed workbook's previous JSON is moved to ``versions/`` before the new one is written. Each file is
converted in a worker process with a time limit and a memory limit, so no single file can exhaust the
machine; a file that fails is recorded with a Danish reason and the batch goes on.

Portability: the time limit is the one deadline of ``io/limits.py`` (SIGALRM where it exists, Linux and
macOS, and a timer thread that interrupts the worker's main thread elsewhere, Windows); the memory limit
(RLIMIT_AS) exists only on POSIX, and on Windows memory is bounded by the preflight's limits on the package's expanded size.
Archive JSONs are synced once at the end where ``os.sync`` exists, else each is flushed as written.

Faults: the manifest is kept as a journal (``manifest.journal.jsonl``) while a batch runs, one line
appended and flushed per file after its archive JSON is in place; a batch that is killed leaves the
journal, and the next run merges it into ``manifest.jsonl`` first. An archive JSON names the SHA-256 of
its source, so a file converted just before a kill (JSON written, record not yet) is still recognised
as unchanged. One batch per archive at a time: a lock file (``.forankring-batch.lock``) with the
holder's PID and start time, held with an operating-system lock that dies with the process.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import socket
import stat
import re
import signal
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Callable, Iterable, Iterator

try:
    import resource  # POSIX only
except ImportError:  # Windows
    resource = None

from ..io.archive import archive_json, came_in, load_archive, make_archive, sha256_file
from ..io.atomic import CAN_SYNC_ALL, atomic_write_lines, atomic_write_text, sync_folder
from ..io.limits import Expired, deadline
from ..io.reader import OwnOutput, read_plan
from ..io.safety import ReadError
from ..model import cell_due
from ..text.numbers import count as count_noun
from ..overdue.items import collect_items
from ..layout.locator import Locator

# The rule engine (and with it the SMART checker) is imported where a file is converted, and before the
# workers fork (_warm_up): påmind and udvikling read the archive's manifest through this module, and
# påmind needs no checks.

PROGRESS_KEY = "udvikling"  # the overview entry's progress summary (progress.OVERVIEW_KEY)

MANIFEST = "manifest.jsonl"
JOURNAL = "manifest.journal.jsonl"
LOCK = ".forankring-batch.lock"
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
    previous_version: str | None = None  # the newest earlier version in versions/ before this run (a file name)


@dataclass
class Outcome:
    record: dict
    overview: dict | None = None  # plan row, overdue items, non-SMART delmål (for converted/unchanged)
    write_error: int | None = None  # errno when the archive could not be written: the batch stops


class JsonlStore:
    """Entries kept on disk, one JSON line each, with only (key, offset) in memory: a big batch stays flat.

    ``journal`` flushes every line to the operating system as it is appended, so the lines written so far
    survive the process being killed.
    """

    def __init__(self, path: Path, key: str, journal: bool = False):
        self.path = Path(path)
        self.key = key
        self.journal = journal
        self._handle = open(self.path, "w+", encoding="utf-8")
        self._index: list[tuple[str, int]] = []  # (key, offset)

    def append(self, entry: dict) -> None:
        # the entry is indexed only once its line is written: a Ctrl-C that lands while the line is being
        # made or written leaves no index pointing at a missing line (which made the interrupted batch's
        # manifest unreadable, so it was not saved)
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        self._handle.seek(0, os.SEEK_END)
        offset = self._handle.tell()
        self._handle.write(line)
        if self.journal:
            self._handle.flush()
        self._index.append((entry[self.key], offset))

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[dict]:
        """Entries in the order of their key."""
        self._handle.flush()
        for _, offset in sorted(self._index):
            self._handle.seek(offset)
            yield json.loads(self._handle.readline())

    def close(self, keep: bool = False) -> None:
        if not self._handle.closed:
            try:
                self._handle.close()
            except OSError:
                pass  # a full disk: the lines that were flushed are what counts
        if not keep:
            self.path.unlink(missing_ok=True)


@dataclass
class BatchResult:
    records: JsonlStore  # one manifest record per input, by path (the journal while the batch runs)
    overview: JsonlStore  # one overview entry per readable plan, by source path
    counts: Counter = field(default_factory=Counter)
    notices: list[str] = field(default_factory=list)  # Danish lines for the user (a stale lock taken over …)

    def add(self, record: dict) -> None:
        self.records.append(record)
        self.counts[record["status"]] += 1

    @property
    def failed(self) -> int:
        return self.counts["failed"]

    def count(self, status: str) -> int:
        return self.counts[status]

    def close(self, keep_journal: bool = False) -> None:
        self.records.close(keep=keep_journal)
        self.overview.close()


class BatchError(Exception):
    """The batch cannot go on (or cannot start); ``message`` is Danish and names the archive."""

    def __init__(self, message: str, done: int = 0, total: int = 0):
        super().__init__(message)
        self.message = message
        self.done, self.total = done, total


class BatchInterrupted(BatchError):
    """Ctrl-C (or a termination signal): what was done is in the manifest."""


def _fs_text(name: str) -> tuple[str, bool]:
    """A file name as text for the manifest, and whether it was valid UTF-8 (else bytes shown as \\xNN)."""
    raw = os.fsencode(name)
    try:
        return raw.decode("utf-8"), True
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace"), False


def disk_reason(exc: OSError) -> str:
    """What went wrong writing, in Danish (never the system's English text)."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "disken er fuld"
    if code == errno.EROFS:
        return "mappen ligger på et skrivebeskyttet drev"
    if code in (errno.EACCES, errno.EPERM):
        return "der er ikke adgang til at skrive i mappen"
    if code == errno.ENOENT:
        return "mappen findes ikke længere"
    if code in (errno.EEXIST, errno.ENOTDIR):
        return "stien er en fil, ikke en mappe"
    return f"skrivefejl ({errno.errorcode.get(code, code)})"


def read_reason(exc: OSError) -> str:
    """Why a file could not be read, in Danish."""
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM):
        return "filen kan ikke læses: der er ikke adgang til den. Ret rettighederne, og kør igen."
    if code == errno.ENOENT:
        return "filen forsvandt, mens kørslen var i gang."
    if code == errno.EISDIR:
        return "det er en mappe, ikke en fil."
    if code == errno.ELOOP:
        return "stien indeholder en løkke af symbolske links."
    return f"filen kan ikke læses (læsefejl, {errno.errorcode.get(code, code)})."


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "en FIFO (navngivet pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "en enhed"
    if stat.S_ISSOCK(mode):
        return "en sokkel"
    return "en ukendt slags"


@dataclass
class Entry:
    """An inbox entry that is not converted: its manifest status and Danish reason."""

    relative: str
    status: str
    reason: str
    path: Path | None = None  # a regular file whose checksum the record carries


def discover(inbox: Path, exclude: list[Path]) -> tuple[list[tuple[Path, str]], list[Entry]]:
    """Workbooks to convert (path, relative name), and every other entry with its reason.

    Walks the inbox itself and follows no symlink, so a symlink loop cannot trap it; an entry that is not
    a regular file (FIFO, device, socket) is recorded without being opened, so it cannot block the batch.
    """
    workbooks: list[tuple[Path, str]] = []
    entries: list[Entry] = []
    excluded = {os.path.normcase(os.path.realpath(e)) for e in exclude}
    stack = [(Path(inbox), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as it:
                items = sorted(it, key=lambda e: os.fsencode(e.name))
        except OSError:
            entries.append(Entry(prefix or "./", "failed",
                                 "mappen kan ikke åbnes (ingen adgang eller læsefejl); filerne i den er ikke læst."))
            continue
        subfolders = []
        for item in items:
            name, valid = _fs_text(item.name)
            rel = prefix + name
            path = Path(item.path)
            try:
                if item.is_symlink():
                    try:
                        os.stat(item.path)
                        entries.append(Entry(rel, "skipped", "symbolsk link – følges ikke"))
                    except OSError as exc:
                        why = "indgår i en løkke" if exc.errno == errno.ELOOP else "peger ikke på noget"
                        entries.append(Entry(rel, "skipped", f"symbolsk link, der {why} – følges ikke"))
                    continue
                if item.is_dir(follow_symlinks=False):
                    if os.path.normcase(os.path.realpath(item.path)) not in excluded:
                        subfolders.append((path, rel + "/"))
                    continue
                mode = item.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                entries.append(Entry(rel, "failed", read_reason(exc)))
                continue
            if os.path.normcase(os.path.realpath(item.path)) in excluded:
                continue
            suffix = Path(name).suffix.lower()
            if not stat.S_ISREG(mode):
                entries.append(Entry(rel, "skipped", f"ikke en almindelig fil, men {_special_kind(mode)} – åbnes ikke"))
            elif not valid:
                entries.append(Entry(rel, "failed" if suffix in WORKBOOK_SUFFIXES else "skipped",
                                     "filnavnet er ikke gyldig tekst (UTF-8). Omdøb filen, og kør igen.", path))
            elif name.startswith("~$"):
                entries.append(Entry(rel, "skipped", "Excels midlertidige låsefil", path))
            elif suffix in WORKBOOK_SUFFIXES or suffix in (".xls", ".xlsb", ".ods"):
                workbooks.append((path, rel))  # an old or other format is tried, so the reason names it
            else:
                entries.append(Entry(rel, "skipped",
                                     f"ikke en Excel-projektmappe ({Path(name).suffix or 'ingen filendelse'})", path))
        stack.extend(reversed(subfolders))
    workbooks.sort(key=lambda w: w[1])
    entries.sort(key=lambda e: e.relative)
    return workbooks, entries


def _limits() -> None:
    """Worker start: bound memory (POSIX); ignore Ctrl-C (the parent handles it); die with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the pool ends its workers with it; the CLI's handler is the parent's
    _die_with_parent()
    if resource is None:
        return
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = MEMORY_LIMIT_BYTES if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT_BYTES, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def _die_with_parent() -> None:
    """A worker must not outlive a batch that was killed (it would hold the archive and write into it)."""
    global _LOCK_FD
    if _LOCK_FD is not None:  # a forked copy of the lock: only the batch's own process holds it
        try:
            os.close(_LOCK_FD)
        except OSError:
            pass
        _LOCK_FD = None
    if not hasattr(os, "fork"):
        return
    parent = os.getppid()
    try:  # Linux: the kernel kills the worker when the parent dies
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0:  # PR_SET_PDEATHSIG
            if os.getppid() != parent:
                os._exit(1)
            return
    except (OSError, AttributeError):
        pass

    def watch() -> None:  # elsewhere (macOS): notice that the parent is gone
        import time

        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


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
            "enhed": plan.enhed, "kommune": plan.kommune, "indsats": plan.indsats, "enheds_id": plan.enheds_id,
            "fase": None if plan.fase is None else str(plan.fase),
            "last_followup": max(recorded).isoformat() if recorded else None,
            "stress": {d.dimension.value: d.score for d in report.stress_test.dimensions},
            "stress_overall": report.stress_test.overall,
            **_smart_share(plan, result.locator, report),
            **_counts(report),
        },
        "overdue": [i.model_dump(mode="json") for i in items if i.overdue],
        "nonsmart": list(nonsmart.values()),
    }


def _smart_share(plan, locator, report) -> dict:
    """Delmål, and the SMART ones among them, counted as 'udvikling' counts them (one definition: no S or M
    remark on the delmål, as the 'Ikke-SMART delmål' sheet lists them; a missing date is its own finding)."""
    from ..progress.compare import smart_letters, smart_share as share_of

    share = share_of(plan, smart_letters(report, locator))
    return {"delmaal": share.delmaal, "smart_delmaal": share.smart}


def convert(task: Task) -> Outcome:
    """Convert one workbook (runs in a worker process)."""
    record = {"path": task.relative, "sha256": None, "status": "failed", "reason": None, "archive": None,
              "counts": None}
    try:
        with deadline(TIME_LIMIT_S):  # the reader's own deadline (io/limits.py) sees this one and leaves it be
            return _convert(task, record)
    except OwnOutput as exc:  # an overview or list forankring wrote, lying in the inbox: no plan, and no failure
        record.update(status="skipped", reason=exc.reason)
    except ReadError as exc:
        record["reason"] = exc.reason
    except Expired:
        record["reason"] = f"filen er for stor til at læse inden for {TIME_LIMIT_S} sekunder og er sprunget over."
    except MemoryError:
        record["reason"] = (f"filen er for stor til at læse inden for {MEMORY_LIMIT_BYTES // 1024**3} GB hukommelse "
                            "og er sprunget over.")
    except ArchiveWriteError as exc:
        record["reason"] = f"arkiv-JSON'en kunne ikke gemmes: {disk_reason(exc.error)}."
        return Outcome(record, write_error=exc.error.errno)
    except OSError as exc:
        record["reason"] = read_reason(exc)
    except Exception as exc:  # one odd file must not stop the batch
        record["reason"] = f"uventet fejl ved læsning ({type(exc).__name__}: {exc})."
    return Outcome(record)


class ArchiveWriteError(Exception):
    """Writing into the archive failed (a full disk, a read-only drive): the batch stops."""

    def __init__(self, error: OSError):
        super().__init__(str(error))
        self.error = error


_SOURCE_SHA = re.compile(rb'"source_sha256":\s*"([0-9a-f]{64})"')


def archived_sha(target: Path) -> str | None:
    """The source SHA-256 an archive JSON names (near its top), or None."""
    try:
        with open(target, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    found = _SOURCE_SHA.search(head)
    return found[1].decode() if found else None


def _convert(task: Task, record: dict) -> Outcome:
    sha = sha256_file(Path(task.path))
    record["sha256"] = sha
    name = archive_name(task.relative)
    target = Path(task.archive_dir) / name
    from ..rules import check_plan

    result = read_plan(task.path)
    report = check_plan(result.plan, result.locator, task.as_of, read_findings=result.findings,
                        source_file=Path(task.path).name)
    # unchanged: the manifest says so, or (after an interrupted run that wrote the JSON but not yet its
    # record) the archive JSON itself names this very source
    unchanged = not task.force and target.exists() and (task.previous_sha == sha or archived_sha(target) == sha)
    previous = Path(task.archive_dir) / VERSIONS / task.previous_version if task.previous_version else None
    if not unchanged:
        try:
            if target.exists():
                previous = _keep_version(target)
            archive = make_archive(result, Path(task.path), sha256=sha, as_of=task.as_of)
            # where the system can sync everything at once, that happens at the end of the batch
            atomic_write_text(target, archive_json(archive), durable=not CAN_SYNC_ALL)
        except OSError as exc:
            raise ArchiveWriteError(exc) from None
    record.update(status="unchanged" if unchanged else "converted", archive=name, counts=_counts(report))
    if result.plan.enheds_id is not None:  # sent out with 'udsend': the unit, whatever the file is called now
        record["enheds_id"] = result.plan.enheds_id
    overview = _overview(task, name, result, report)
    overview[PROGRESS_KEY] = _progress(task, previous, result, report)
    return Outcome(record, overview)


def _progress(task: Task, previous: Path | None, result, report) -> dict:
    """The progress summary since the newest earlier version (``progress.ProgressSummary`` as JSON).

    A missing, unreadable or other unit's earlier version is said in the summary's note; it never fails
    the conversion."""
    from ..progress import ProgressSummary, Version, compare

    if previous is None:
        return ProgressSummary(note="ingen tidligere version i arkivet").model_dump(mode="json")
    shown = f"{VERSIONS}/{previous.name}"
    try:
        earlier = load_archive(previous)
    except ReadError as exc:
        return ProgressSummary(note=f"den tidligere version ({shown}) kan ikke læses: {exc.reason}").model_dump(mode="json")
    try:
        dev = compare(Version(earlier.plan, Locator.for_layout(earlier.plan), as_of=came_in(earlier), label=shown,
                              read_findings=tuple(earlier.read_findings)),
                      Version(result.plan, result.locator, report, task.as_of, task.relative), task.as_of)
    except Exception as exc:  # a comparison must never cost the conversion
        return ProgressSummary(note=f"udviklingen kunne ikke beregnes ({type(exc).__name__}).").model_dump(mode="json")
    return dev.summary().model_dump(mode="json")


def _warm_up() -> None:
    from ..rules import check_plan  # noqa: F401  (the engine once, shared by every forked worker)
    from ..smart.checker import judge_goal

    judge_goal("Alle medarbejdere har gennemført kurset i uge 12")


def _keep_version(target: Path) -> Path:
    """Move an existing archive JSON into versions/, named by the source it came from; returns where."""
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
    return dest


def _version_order(name: str, stem: str) -> tuple[str, int] | None:
    """(stamp, n) of a version file ``<stem>.<stamp>.<sha>[.<n>].json`` of ``stem``, or None."""
    if not name.startswith(stem + ".") or not name.endswith(".json"):
        return None
    parts = name[len(stem) + 1:-len(".json")].split(".")
    if len(parts) not in (2, 3) or not parts[0].isdigit():
        return None
    return parts[0], int(parts[2]) if len(parts) == 3 and parts[2].isdigit() else 0


def latest_versions(archive_dir: Path) -> dict[str, str]:
    """Archive JSON stem → the file name of its newest earlier version in versions/ (one folder scan)."""
    best: dict[str, tuple[tuple[str, int], str]] = {}
    try:
        with os.scandir(Path(archive_dir) / VERSIONS) as it:
            names = [item.name for item in it]
    except OSError:
        return {}
    for name in names:
        stem = name.split(".", 1)[0]  # archive names have no dot before '.json'
        order = _version_order(name, stem)
        if order is not None and (stem not in best or order > best[stem][0]):
            best[stem] = (order, name)
    return {stem: name for stem, (_, name) in best.items()}


def _read_jsonl(path: Path) -> dict[str, dict]:
    """Manifest records by path from a manifest or journal; a torn last line (a kill mid-write) is skipped."""
    out: dict[str, dict] = {}
    try:
        handle = path.open(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return out
    with handle:
        for line in handle:
            try:
                record = json.loads(line)
                if isinstance(record, dict) and isinstance(record.get("path"), str):
                    out[record["path"]] = record
            except ValueError:
                continue
    return out


def read_records(archive_dir: Path) -> dict[str, dict]:
    """The archive's records by input path: the manifest, updated by a journal an interrupted run left."""
    records = _read_jsonl(Path(archive_dir) / MANIFEST)
    records.update(_read_jsonl(Path(archive_dir) / JOURNAL))
    return records


def current_archives(archive_dir: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """The archive JSONs that hold the archive's current plans, as the manifest (and a journal an interrupted
    run left) lists them, and every other JSON at the top of the archive with the Danish reason it is not one.

    Only these are plans to remind or compare: a JSON the manifest does not list is a plan no longer in the
    inbox (removed, or renamed, so the same unit would count twice), an earlier return whose newest one could
    not be read, or a file put there by hand."""
    archive_dir = Path(archive_dir)
    listed: set[str] = set()
    failed: dict[str, str] = {}  # archive name → the input whose newest return could not be read
    for path, record in read_records(archive_dir).items():
        if record.get("status") in ("converted", "unchanged") and isinstance(record.get("archive"), str):
            listed.add(record["archive"])
        elif record.get("status") == "failed":
            failed[archive_name(path)] = path
    others = []
    for path in sorted(archive_dir.glob("*.json")):
        if path.name in listed:
            continue
        if path.name in failed:
            why = (f"den seneste aflevering ('{failed[path.name]}') kunne ikke læses ved sidste batch, så filen her er "
                   "en ældre version af planen og bruges ikke. Ret filen i indbakken, og kør batch igen.")
        else:
            why = ("filen står ikke i arkivets manifest og er derfor ikke en af de aktuelle planer (fx en plan, der er "
                   "fjernet fra indbakken eller omdøbt, eller en fil, som er lagt i arkivet manuelt); den bruges ikke.")
        others.append((path.name, why))
    return sorted(listed), others


def failed_returns(archive_dir: Path) -> list[ReadError]:
    """The inputs whose newest return the last batch could not read, as the manifest records them: each one
    a plan that ``påmind`` and ``udvikling`` on the archive leave out, so it is said as a failure, naming the
    file in the inbox and the batch's reason (an older JSON of it, if any, is told apart by
    :func:`current_archives`)."""
    out = []
    for path, record in sorted(read_records(archive_dir).items()):
        if record.get("status") == "failed":
            reason = str(record.get("reason") or "filen kunne ikke læses").rstrip(". ")
            out.append(ReadError(path, f"{reason} (ved sidste batch). Planen er ikke med; ret filen i indbakken, "
                                       "og kør batch igen."))
    return out


class ManifestTrouble(ReadError):
    """What is wrong with an archive's manifest: ``message`` (Danish) names the file and what to do; ``fatal``
    when it leaves nothing of the archive usable (not one plan can be told to be current)."""

    def __init__(self, manifest: Path, message: str, fatal: bool):
        super().__init__(manifest, message)
        self.fatal = fatal

    @property
    def message(self) -> str:
        return self.reason


def manifest_trouble(archive_dir: Path) -> ManifestTrouble | None:
    """The archive's manifest checked before its plans are read: ``None`` when it is sound.

    The manifest is written whole (atomically), so every non-blank line is a record; a line that is not is
    damage, never a torn line (that happens only to the journal, which is left alone here). An empty manifest
    is sound when the archive holds no plan JSON either (a batch of an empty inbox): then there is simply
    nothing to do. Without it, a command would pass over every plan as 'not in the manifest' and report
    success on nothing."""
    archive_dir = Path(archive_dir)
    manifest = archive_dir / MANIFEST
    redo = (f"Kør 'forankring batch' igen på indbakken med dette arkiv (-o '{archive_dir}'): så skrives "
            "manifestet forfra, og planer, der ikke er ændret, konverteres ikke igen.")
    try:
        lines = [line for line in manifest.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    except OSError as exc:
        from ..text.errors_da import os_error_reason

        return ManifestTrouble(manifest, f"Kan ikke læse arkivets manifest '{manifest}': {os_error_reason(exc)}. "
                                         f"Intet er læst fra arkivet. {redo}", True)
    bad = 0
    for line in lines:
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            record = None
        if not (isinstance(record, dict) and isinstance(record.get("path"), str)):
            bad += 1
    good = len(lines) - bad
    if good or _read_jsonl(archive_dir / JOURNAL):
        if not bad:
            return None
        return ManifestTrouble(
            manifest, f"Arkivets manifest '{manifest}' er beskadiget: {bad} af {len(lines)} linjer kan ikke læses, så planer, der "
            f"kun stod på dem, er sprunget over. {redo}", False)
    plans = sum(1 for _ in archive_dir.glob("*.json"))
    if not plans:
        return None  # an archive of an empty inbox: nothing to read, nothing wrong
    state = "er tomt" if not lines else "er beskadiget: ingen af dets linjer kan læses"
    return ManifestTrouble(
        manifest, f"Kan ikke bruge arkivet '{archive_dir}': manifestet '{manifest}' {state}, så det kan ikke afgøres, hvilke "
        f"af arkivets {count_noun(plans, 'JSON-fil', 'JSON-filer')} der er de aktuelle planer. Intet er læst. {redo}", True)


def read_manifest(archive_dir: Path) -> dict[str, str | None]:
    """Input path → SHA-256 from the previous run's manifest (all a re-run needs)."""
    return {path: record.get("sha256") for path, record in read_records(archive_dir).items()}


def _write_manifest(archive_dir: Path, records: Iterable[dict]) -> None:
    atomic_write_lines(archive_dir / MANIFEST, (json.dumps(r, ensure_ascii=False) + "\n" for r in records))


def _recover(archive_dir: Path) -> int:
    """Merge the journal an interrupted run left into the manifest; returns how many records it held."""
    journal = archive_dir / JOURNAL
    if not journal.exists():
        return 0
    count = len(_read_jsonl(journal))
    records = read_records(archive_dir)
    _write_manifest(archive_dir, (records[k] for k in sorted(records)))
    journal.unlink()
    return count


_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # io.atomic's temp files: .<name>.<8 random>.tmp


def clean_temp_files(folder: Path, name: str | None = None) -> int:
    """Remove temp files an interrupted atomic write left in ``folder`` (only those of ``name`` if given)."""
    removed = 0
    try:
        items = list(os.scandir(folder))
    except OSError:
        return 0
    for item in items:
        if not _TEMP.match(item.name) or (name is not None and not item.name.startswith(f".{name}.")):
            continue
        try:
            if item.is_file(follow_symlinks=False):
                os.unlink(item.path)
                removed += 1
        except OSError:
            continue
    return removed


def check_overview_path(overview: Path, inbox: Path) -> str | None:
    """A Danish reason why ``overview`` cannot be the overview workbook, or None (checked before any work)."""
    overview = Path(overview)
    if overview.is_dir():
        if _same(overview, inbox):
            return f"--overview '{overview}' er selve indbakken. Angiv et filnavn uden for indbakken, fx oversigt.xlsx."
        return f"--overview '{overview}' er en mappe. Angiv et filnavn, fx {overview / 'oversigt.xlsx'}."
    resolved = Path(os.path.realpath(overview))
    if Path(os.path.realpath(inbox)) in resolved.parents:
        return (f"--overview '{overview}' ligger i indbakken '{inbox}', som kun læses. "
                "Gem oversigten et andet sted.")
    if overview.suffix.lower() not in (".xlsx", ".xlsm"):
        return (f"--overview '{overview}' har endelsen '{overview.suffix or '(ingen)'}', men oversigten er en "
                "projektmappe: brug et navn, der ender på .xlsx.")
    return None


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


class ArchiveLock:
    """One batch per archive: a lock file with the holder's PID, host and start time.

    The operating system holds the lock (``flock`` on POSIX, ``msvcrt.locking`` on Windows) and drops it
    when the holder dies, however it dies; the file's text only says who holds it. A lock file whose lock
    is free was left by a run that was killed, and is taken over with a notice.
    """

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = self.folder / LOCK
        self.fd: int | None = None

    def acquire(self) -> str | None:
        """Take the lock; returns a Danish notice when a dead run's lock was taken over. Raises BatchError."""
        for _ in range(20):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                holder = _holder(_read_fd(fd))
                os.close(fd)
                raise BatchError(f"Arkivet '{self.folder}' bruges allerede af en anden batchkørsel ({holder}). "
                                 "Vent til den er færdig, og kør så igen.")
            try:  # the previous holder may have removed the file between our open and our lock
                same = os.path.samestat(os.fstat(fd), os.stat(self.path))
            except OSError:
                same = False
            if same:
                break
            os.close(fd)
        else:
            raise BatchError(f"Arkivet '{self.folder}' kunne ikke låses til kørslen. Prøv igen om lidt.")
        self.fd = fd
        global _LOCK_FD
        _LOCK_FD = fd
        old = _read_fd(fd)
        text = json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                           "started": dt.datetime.now().astimezone().isoformat(timespec="seconds")})
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, text.encode())
        if old.strip():
            return (f"En gammel lås på arkivet fra en kørsel, der ikke findes længere ({_holder(old)}), "
                    "er overtaget.")
        return None

    def release(self) -> None:
        global _LOCK_FD
        if self.fd is None:
            return
        try:
            os.unlink(self.path)  # while still locked: a waiting run sees the file change and opens anew
        except OSError:
            pass
        try:
            os.close(self.fd)
        except OSError:
            pass
        self.fd = _LOCK_FD = None


_LOCK_FD: int | None = None  # closed in forked workers, so only the batch's own process holds the lock


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows: lock one byte far past the text, so the text stays readable
        import msvcrt

        os.lseek(fd, 1 << 30, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
        finally:
            os.lseek(fd, 0, os.SEEK_SET)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    except OSError:  # a file system without locks (some network drives): fall back on the PID
        return not _alive(_read_fd(fd))


def _alive(text: str) -> bool:
    try:
        data = json.loads(text)
        pid = int(data["pid"])
    except (ValueError, KeyError, TypeError):
        return False
    if data.get("host") != socket.gethostname() or pid == os.getpid():
        return data.get("host") != socket.gethostname()  # another machine's run: assume it is alive
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _read_fd(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 4096).decode("utf-8", "replace")
    except OSError:
        return ""


def _holder(text: str) -> str:
    try:
        data = json.loads(text)
        return f"proces {int(data['pid'])} på {data.get('host') or 'ukendt maskine'}, startet {data.get('started') or 'ukendt tidspunkt'}"
    except (ValueError, KeyError, TypeError):
        return "ukendt proces"


def run_batch(
    inbox: Path,
    archive_dir: Path,
    as_of: dt.date,
    jobs: int | None = None,
    force: bool = False,
    exclude: list[Path] | None = None,
    on_done: Callable[[int, int, dict], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> BatchResult:
    """Convert the inbox into the archive. Raises BatchError (BatchInterrupted on Ctrl-C) with a Danish message.

    The records are written to the journal as they come and the manifest is written at the end, also
    when the batch is interrupted or the disk fills up; a kill leaves the journal for the next run.
    """
    inbox, archive_dir = Path(inbox), Path(archive_dir)
    notice = on_notice or (lambda text: None)
    try:
        archive_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"Arkivmappen '{archive_dir}' kan ikke oprettes: {disk_reason(exc)}.") from None
    lock = ArchiveLock(archive_dir)
    try:
        taken = lock.acquire()
    except OSError as exc:
        raise BatchError(f"Kan ikke skrive i arkivet '{archive_dir}': {disk_reason(exc)}.") from None
    try:
        if taken:
            notice(taken)
        return _run_locked(inbox, archive_dir, as_of, jobs, force, exclude or [], on_done, notice)
    finally:
        lock.release()


def _run_locked(inbox, archive_dir, as_of, jobs, force, exclude, on_done, notice) -> BatchResult:
    try:
        recovered = _recover(archive_dir)
        stale = clean_temp_files(archive_dir) + clean_temp_files(archive_dir / VERSIONS)
        for path in exclude:
            stale += clean_temp_files(Path(path).parent, Path(path).name)
    except OSError as exc:
        raise BatchError(f"Kan ikke skrive i arkivet '{archive_dir}': {disk_reason(exc)}.") from None
    if recovered:
        notice(f"Den forrige kørsel blev afbrudt; dens {recovered} poster er ført ind i manifestet.")
    if stale:
        notice(f"{stale} halvskrevne midlertidige filer fra en afbrudt kørsel er fjernet.")
    previous = read_records(archive_dir)
    workbooks, others = discover(inbox, [archive_dir, *exclude])
    total = len(workbooks) + len(others)
    try:
        result = BatchResult(JsonlStore(archive_dir / JOURNAL, "path", journal=True),
                             JsonlStore(archive_dir / ".oversigt.tmp.jsonl", "source"))
    except OSError as exc:
        raise BatchError(f"Kan ikke skrive i arkivet '{archive_dir}': {disk_reason(exc)}.") from None
    done = 0
    try:
        for entry in others:
            sha = None
            if entry.path is not None:
                try:
                    sha = sha256_file(entry.path)
                except OSError as exc:
                    entry.reason += f"; {read_reason(exc)}"
            record = {"path": entry.relative, "sha256": sha, "status": entry.status, "reason": entry.reason,
                      "archive": None, "counts": None}
            result.add(record)
            done += 1
            if on_done:
                on_done(done, total, record)
        versions = latest_versions(archive_dir)
        tasks = (Task(str(path), rel, str(archive_dir), as_of, force, (previous.get(rel) or {}).get("sha256"),
                      versions.get(archive_name(rel).removesuffix(".json")))
                 for path, rel in workbooks)
        outcomes = _map(tasks, len(workbooks), jobs)
        try:
            for outcome in outcomes:
                result.add(outcome.record)
                if outcome.overview:
                    result.overview.append(outcome.overview)
                done += 1
                if on_done:
                    on_done(done, total, outcome.record)
                if outcome.write_error is not None:
                    raise ArchiveWriteError(OSError(outcome.write_error, os.strerror(outcome.write_error)))
        finally:
            outcomes.close()  # the workers stop before the manifest is written and the lock released
        sync_folder(archive_dir)  # the archive JSONs are on disk before the manifest names them
        _write_manifest(archive_dir, result.records)
    except KeyboardInterrupt:
        saved = _finish_interrupted(archive_dir, previous, result)
        result.close(keep_journal=not saved)
        where = (f"Manifestet for det færdige er gemt i {archive_dir / MANIFEST}" if saved else
                 f"Det færdige står i {archive_dir / JOURNAL}")
        raise BatchInterrupted(f"Afbrudt efter {done} af {total} filer. {where}; kør kommandoen igen for at "
                               "gøre resten færdig.", done, total) from None
    except (OSError, ArchiveWriteError) as exc:
        error = exc.error if isinstance(exc, ArchiveWriteError) else exc
        saved = _finish_interrupted(archive_dir, previous, result)
        result.close(keep_journal=not saved)
        where = ("Manifestet viser, hvilke filer der nåede at blive gemt." if saved else
                 f"Manifestet kunne ikke skrives; de gemte filer står i {JOURNAL} og genkendes ved næste kørsel.")
        raise BatchError(f"Kan ikke skrive i arkivet '{archive_dir}': {disk_reason(error)}. "
                         f"{done} af {total} filer blev behandlet. {where} "
                         "Ret fejlen, og kør kommandoen igen.", done, total) from None
    return result


def _finish_interrupted(archive_dir: Path, previous: dict[str, dict], result: BatchResult) -> bool:
    """The manifest after an interruption: this run's records, and the earlier ones for files not reached."""
    try:
        records = dict(previous)
        records.update((r["path"], r) for r in result.records)
        _write_manifest(archive_dir, (records[k] for k in sorted(records)))
        return True
    except (OSError, ValueError):
        return False


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
