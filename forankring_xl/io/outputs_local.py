"""Refusing to overwrite files a command would write (until the shared output policy lands).

One small function so it can be replaced by the project-wide policy (``--overskriv``) in one place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable


class OutputExists(Exception):
    """Files that already exist where a command would write; ``message`` is Danish."""

    def __init__(self, paths: list[Path]):
        self.paths = paths
        names = ", ".join(str(p) for p in paths[:5]) + (f" og {len(paths) - 5} til" if len(paths) > 5 else "")
        super().__init__(names)
        self.message = (
            f"Findes allerede: {names}. Intet er skrevet. Vælg en anden mappe, "
            "flyt filerne, eller brug --overskriv for at erstatte dem."
        )


def refuse_existing(paths: list[Path], overwrite: bool = False) -> None:
    """Raise :class:`OutputExists` naming every path that exists, unless ``overwrite``."""
    if overwrite:
        return
    existing = [p for p in paths if p.exists() or p.is_symlink()]
    if existing:
        raise OutputExists(existing)


def write_folder(out_dir: Path, contents: list[tuple[str, Callable[[], bytes]]], overwrite: bool = False) -> list[Path]:
    """Write several files into ``out_dir``, all or nothing.

    Every file is made and written into a private staging folder inside ``out_dir`` first, then renamed
    into place; if anything fails, files already placed are removed again (unless overwriting, where the
    old ones are gone either way). Existing files are refused before anything is made.
    """
    out_dir = Path(out_dir)
    paths = [out_dir / name for name, _ in contents]
    refuse_existing(paths, overwrite)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".forankring-", dir=out_dir))
    placed: list[Path] = []
    try:
        for name, make in contents:
            with open(staging / name, "wb") as handle:
                handle.write(make())
                handle.flush()
                os.fsync(handle.fileno())
        refuse_existing(paths, overwrite)  # a file that appeared meanwhile is not replaced either
        for name, _ in contents:
            os.replace(staging / name, out_dir / name)
            placed.append(out_dir / name)
    except BaseException:
        if not overwrite:
            for path in placed:
                path.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return paths
