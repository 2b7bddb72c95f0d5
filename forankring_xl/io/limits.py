"""Time and memory bounds for reading one workbook, for every command (the batch sets its own per file).

A file that is too big to read in time or memory is reported as exactly that, never as damage:
"filen er for stor til at læse inden for 60 sekunder". The time limit uses SIGALRM, so it applies in
the main thread on Linux and macOS; where there is none (Windows, or a thread), the preflight's size
limits and the linear reader are what bound the work. A deadline already running (a batch worker's)
is left alone: the outer one decides.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .safety import ReadError

TIME_LIMIT_S = 60
MEMORY_LIMIT_TEXT = "2 GB"


class Expired(Exception):
    """The deadline of bounded() ran out; let it pass, bounded() reports it."""


def too_slow(path: Path | str, seconds: int = TIME_LIMIT_S) -> ReadError:
    unit = "sekund" if seconds == 1 else "sekunder"
    return ReadError(path, f"filen er for stor til at læse inden for {seconds} {unit} og er ikke læst.")


def too_big(path: Path | str) -> ReadError:
    return ReadError(path, f"filen er for stor til at læse inden for {MEMORY_LIMIT_TEXT} hukommelse og er ikke læst.")


@contextmanager
def bounded(path: Path | str, seconds: int = TIME_LIMIT_S) -> Iterator[None]:
    """Raise ReadError (Danish, naming the limit) when the block runs too long or runs out of memory."""
    usable = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if usable:
        try:
            pending = signal.alarm(0)
        except (OSError, AttributeError, ValueError):  # Pyodide has the name but no timer
            pending, usable = 0, False
        if pending:  # an outer deadline (a batch worker's): put it back and let it decide
            signal.alarm(pending)
            usable = False
    if not usable:
        try:
            yield
        except MemoryError:
            raise too_big(path) from None
        return

    def on_alarm(signum, frame):
        raise Expired()

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    except Expired:
        raise too_slow(path, seconds) from None
    except MemoryError:
        raise too_big(path) from None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
