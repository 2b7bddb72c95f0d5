"""Time and memory bounds: the one deadline (``deadline``) and reading one workbook within limits (``bounded``).

A file that is too big to read in time or memory is reported as exactly that, never as damage:
"filen er for stor til at læse inden for 60 sekunder". The deadline uses SIGALRM where there is one
(Linux, macOS); on Windows a timer thread interrupts the main thread instead (it cannot interrupt a
single long call into C code, which SIGALRM can only partly do either). Only the main thread can have a
deadline, and Pyodide has none: there the preflight's size limits and the linear reader bound the work.
A deadline already running (a batch worker's, around the file it converts) is left alone: the outer one
decides and reports.
"""

from __future__ import annotations

import _thread
import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .safety import ReadError

TIME_LIMIT_S = 60
MEMORY_LIMIT_TEXT = "2 GB"
USE_ALARM = hasattr(signal, "SIGALRM")


class Expired(Exception):
    """A deadline ran out. Let it pass: whoever set the deadline reports it."""


def too_slow(path: Path | str, seconds: int = TIME_LIMIT_S) -> ReadError:
    unit = "sekund" if seconds == 1 else "sekunder"
    return ReadError(path, f"filen er for stor til at læse inden for {seconds} {unit} og er ikke læst.")


def too_big(path: Path | str) -> ReadError:
    return ReadError(path, f"filen er for stor til at læse inden for {MEMORY_LIMIT_TEXT} hukommelse og er ikke læst.")


_running = False  # a deadline of ours is set (only ever in the main thread)


@contextmanager
def deadline(seconds: int) -> Iterator[bool]:
    """Raise Expired in the main thread when the block runs longer than ``seconds``.

    Yields whether this call set the deadline: False when one is already running (it decides), in a
    thread other than the main one, or where there is no timer at all (Pyodide).
    """
    global _running
    if _running or threading.current_thread() is not threading.main_thread():
        yield False
        return
    if USE_ALARM:
        try:
            pending = signal.alarm(0)
        except (OSError, AttributeError, ValueError):  # Pyodide has the name but no timer
            yield False
            return
        if pending:  # someone else's alarm: put it back and let it decide
            signal.alarm(pending)
            yield False
            return

        def on_alarm(signum, frame):
            raise Expired()

        old = signal.signal(signal.SIGALRM, on_alarm)
        signal.alarm(seconds)
        _running = True
        try:
            yield True
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)
            _running = False
        return
    # no SIGALRM (Windows): a timer thread simulates Ctrl-C in this thread, and a handler that knows
    # the deadline passed turns it into Expired; a real Ctrl-C goes to the handler that was there
    state = {"expired": False, "done": False}
    previous = signal.getsignal(signal.SIGINT)

    def on_interrupt(signum, frame):
        if state["expired"] and not state["done"]:
            raise Expired()
        if callable(previous):
            previous(signum, frame)

    def expire():
        state["expired"] = True
        _thread.interrupt_main(signal.SIGINT)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    signal.signal(signal.SIGINT, on_interrupt)
    try:
        timer.start()
    except RuntimeError:  # no threads here
        signal.signal(signal.SIGINT, previous)
        yield False
        return
    _running = True
    try:
        yield True
    finally:
        state["done"] = True
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
        _running = False


@contextmanager
def bounded(path: Path | str, seconds: int = TIME_LIMIT_S) -> Iterator[None]:
    """Raise ReadError (Danish, naming the limit) when the block runs too long or runs out of memory."""
    with deadline(seconds) as own:
        try:
            yield
        except Expired:
            if own:
                raise too_slow(path, seconds) from None
            raise  # the outer deadline's: it reports it
        except MemoryError:
            raise too_big(path) from None
