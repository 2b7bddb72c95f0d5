"""Files for ``forankring udvikling``: versions of a plan in from workbooks, archive JSONs or a batch archive.

A returned workbook is read with the reader (real cell positions); an archive JSON with the shared archive
loader, positioned as the writer lays it out, and judged as of the day it was archived. In a batch archive
each current JSON is compared with its newest earlier version in ``versions/`` (found as batch names them).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from ..batch.runner import MANIFEST, VERSIONS, current_archives, latest_versions
from ..layout.locator import Locator
from ..progress import Development, Version, compare
from ..rules.config import CheckConfig
from .archive import came_in, load_archive
from .reader import read_plan
from .safety import ReadError

JSON_SUFFIXES = {".json"}


def load_version(path: Path, as_of: dt.date | None = None) -> Version:
    """One version of a plan from a workbook or an archive JSON. Raises ReadError with a Danish reason.

    ``as_of`` is the date it is judged as of; for an archive JSON without one, the day it came in
    (:func:`came_in`); for a workbook, None (the comparison's date)."""
    path = Path(path)
    if path.suffix.casefold() in JSON_SUFFIXES:
        archive = load_archive(path)
        known = archive.vurderet_pr or archive.source_file or archive.source_sha256  # not a bare plan JSON
        day = as_of or (came_in(archive) if known else None)
        return Version(archive.plan, Locator.for_layout(archive.plan), as_of=day, label=str(path),
                       read_findings=tuple(archive.read_findings))
    result = read_plan(path)
    return Version(result.plan, result.locator, as_of=as_of, label=str(path), read_findings=tuple(result.findings))


def is_archive(folder: Path) -> bool:
    return Path(folder).is_dir() and (Path(folder) / MANIFEST).is_file()


@dataclass
class ArchiveProgress:
    """One plan in a batch archive: its JSON, its newest earlier version (if any), and what changed."""

    name: str  # the archive JSON's file name
    source: str | None  # the workbook it came from
    previous: str | None  # versions/<file>, or None
    development: Development | None
    note: str | None = None  # why there is no development (Danish)


def _one(task: tuple) -> ArchiveProgress:
    """Compare one archive JSON with its newest earlier version (runs in a worker process)."""
    folder, name, previous, as_of, config = task
    folder = Path(folder)
    path = folder / name
    shown = f"{VERSIONS}/{previous}" if previous else None
    try:
        current = load_archive(path)
    except ReadError as exc:
        return ArchiveProgress(path.name, None, shown, None, f"planen kan ikke læses: {exc.reason}")
    entry = ArchiveProgress(path.name, current.source_file, shown, None)
    if previous is None:
        entry.note = "ingen tidligere version i arkivet"
        return entry
    try:
        earlier = load_archive(folder / VERSIONS / previous)
    except ReadError as exc:
        entry.note = f"den tidligere version ({shown}) kan ikke læses: {exc.reason}"
        return entry
    entry.development = compare(
        Version(earlier.plan, Locator.for_layout(earlier.plan), as_of=came_in(earlier), label=shown,
                read_findings=tuple(earlier.read_findings)),
        Version(current.plan, Locator.for_layout(current.plan), as_of=as_of, label=current.source_file or path.name,
                read_findings=tuple(current.read_findings)),
        as_of, config)
    return entry


def archive_progress(folder: Path, as_of: dt.date, config: CheckConfig | None = None,
                     jobs: int | None = None) -> tuple[list[ArchiveProgress], list[tuple[str, str]]]:
    """Every current plan of a batch archive (the JSONs its manifest lists) compared with its newest earlier
    version, in file name order; and every other JSON at the archive's top with the Danish reason it is skipped.

    A plan that cannot be read, or whose earlier version cannot, is a note, never fatal. With more than one
    plan the comparisons run in ``jobs`` worker processes (default: one per core), as batch's conversions do."""
    folder = Path(folder)
    config = config or CheckConfig()
    versions = latest_versions(folder)
    names, skipped = current_archives(folder)
    tasks = [(str(folder), name, versions.get(name.removesuffix(".json")), as_of, config) for name in names]
    jobs = jobs or os.cpu_count() or 1
    with_previous = sum(1 for t in tasks if t[2])
    if jobs <= 1 or with_previous < 8 or not hasattr(os, "fork"):
        return [_one(t) for t in tasks], skipped
    from ..batch.runner import _warm_up

    _warm_up()  # the Danish lemma data once, before forking, shared by every worker
    chunk = max(1, min(32, len(tasks) // (jobs * 8) or 1))
    with get_context("fork").Pool(jobs) as pool:
        return list(pool.imap(_one, tasks, chunksize=chunk)), skipped
