"""Danish number agreement: "1 sigtepunkt", "2 sigtepunkter", "om 1 dag"."""

from __future__ import annotations


def count(n: int, singular: str, plural: str) -> str:
    """``n`` with the noun (or adjective) in the form Danish uses for it: singular for exactly 1 (and -1)."""
    return f"{n} {singular if abs(n) == 1 else plural}"


def days(n: int) -> str:
    return count(n, "dag", "dage")
