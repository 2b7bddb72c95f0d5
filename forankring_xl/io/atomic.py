"""Atomic file writes: a temporary file in the target folder, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable, Iterable


def atomic_write_bytes(path: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    ``durable`` also flushes the data to disk before the rename; a batch that writes many files
    passes False and syncs once at the end (:func:`sync_folder`).
    """
    _atomic(path, lambda handle: handle.write(data), durable)


def atomic_write_lines(path: Path, lines: Iterable[str], durable: bool = True) -> None:
    """Like :func:`atomic_write_bytes`, streaming UTF-8 text lines (nothing held in memory)."""

    def write(handle) -> None:
        for line in lines:
            handle.write(line.encode("utf-8"))

    _atomic(path, write, durable)


def _atomic(path: Path, write: Callable, durable: bool) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file ordinary permissions
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def atomic_write_text(path: Path, text: str, durable: bool = True) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), durable)


CAN_SYNC_ALL = hasattr(os, "sync")  # POSIX; on Windows each file is flushed as it is written


def sync_folder(path: Path) -> None:
    """Flush written files and the folder's entries to disk (end of a batch; POSIX only)."""
    if not CAN_SYNC_ALL:
        return  # Windows: no os.sync and no fsync of a folder; the files were flushed one by one
    os.sync()
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
