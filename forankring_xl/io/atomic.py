"""Atomic file writes: a temporary file in the target folder, then a rename.

A write never leaves half a file: the data goes to a temporary file beside the target, which is renamed
over it only when complete. Inside :func:`keep_existing` the rename never replaces a file that is
already there (a hard link on POSIX, a plain rename on Windows, both fail when the target exists), so a
file that appears between the command's check and its write is still not overwritten.

An error while writing names the target, never the temporary file (a full disk used to be reported as
"No space left on device: ''").
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Iterator

_KEEP_EXISTING: contextvars.ContextVar[bool] = contextvars.ContextVar("keep_existing", default=False)


@contextlib.contextmanager
def keep_existing(active: bool = True) -> Iterator[None]:
    """Within this block, an atomic write whose target exists fails with FileExistsError instead of replacing it."""
    token = _KEEP_EXISTING.set(active)
    try:
        yield
    finally:
        _KEEP_EXISTING.reset(token)


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


def _put_in_place(tmp: str, path: Path) -> None:
    if not _KEEP_EXISTING.get():
        os.replace(tmp, path)
        return
    if os.name == "nt":
        os.rename(tmp, path)  # Windows: rename fails when the target exists
        return
    try:
        os.link(tmp, path)  # POSIX: a hard link is created only when the name is free
    except FileExistsError:
        raise
    except OSError:
        # a file system without hard links (some network shares, FAT): check, then rename
        if os.path.lexists(path):
            raise FileExistsError(17, os.strerror(17), str(path)) from None
        os.rename(tmp, path)
        return
    os.unlink(tmp)


def _atomic(path: Path, write: Callable, durable: bool) -> None:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _naming(exc, path) from None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file ordinary permissions
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        _put_in_place(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise _naming(exc, path) from None
        raise


def _naming(exc: OSError, path: Path) -> OSError:
    """The same error, naming the target the user asked for (not the temporary file, not '')."""
    if exc.errno is None:
        return exc
    return type(exc)(exc.errno, exc.strerror or os.strerror(exc.errno), str(path))


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


def atomic_write_folder(folder: Path, contents: list[tuple[str, Callable[[], bytes]]], replace: bool = False) -> list[Path]:
    """Write several files into ``folder``, all or nothing; returns their paths.

    Every file is made and written (and flushed to disk) into a private staging folder inside ``folder``
    first, and only then put in place. Without ``replace`` a file is put in place as in
    :func:`keep_existing` (it fails if the name is taken, also by a file that appeared meanwhile). If
    anything fails, the files already put in place are removed again (with ``replace``, a file that was
    replaced is gone either way), and a folder this call created is removed. The caller checks the
    output policy first (:func:`forankring_xl.io.outputs.write_files` does both); the folder's parent
    must exist: no folder is made silently. An OS error names the file it concerns.
    """
    folder = Path(folder)
    created = False
    try:
        if not folder.is_dir():
            folder.mkdir()
            created = True
        staging = Path(tempfile.mkdtemp(prefix=".forankring-", dir=folder))
    except OSError as exc:
        if created:
            _remove_empty(folder)
        raise _naming(exc, folder) from None
    placed: list[Path] = []
    current = folder
    try:
        for name, make in contents:
            current = folder / name
            with open(staging / name, "wb") as handle:
                handle.write(make())
                handle.flush()
                os.fsync(handle.fileno())
        with keep_existing(not replace):
            for name, _ in contents:
                current = folder / name
                _put_in_place(str(staging / name), current)
                placed.append(current)
    except BaseException as exc:
        if not replace:
            for path in placed:
                with contextlib.suppress(OSError):
                    path.unlink()
        shutil.rmtree(staging, ignore_errors=True)
        if created:
            _remove_empty(folder)
        if isinstance(exc, OSError):
            raise _naming(exc, current) from None
        raise
    shutil.rmtree(staging, ignore_errors=True)
    return [folder / name for name, _ in contents]


def _remove_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()
