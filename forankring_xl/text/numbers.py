"""Danish number agreement and form: "1 sigtepunkt", "2 sigtepunkter", "om 1 dag", "2.982 dage"."""

from __future__ import annotations


def number(n: int) -> str:
    """A whole number as Danish writes it: a dot between thousands ("2.982", "-1.250"), none below 1.000."""
    return f"{n:,}".replace(",", ".")


def count(n: int, singular: str, plural: str) -> str:
    """``n`` with the noun (or adjective) in the form Danish uses for it: singular for exactly 1 (and -1)."""
    return f"{number(n)} {singular if abs(n) == 1 else plural}"


def days(n: int) -> str:
    return count(n, "dag", "dage")
