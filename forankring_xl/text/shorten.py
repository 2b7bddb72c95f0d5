"""Quoting a long cell text in a message: cut at a word, never inside one, and show that it was cut."""

from __future__ import annotations


def shorten(text: str | None, width: int = 60) -> str:
    """``text`` on one line, at most ``width`` characters; a longer text ends at the last whole word that fits,
    followed by "…" (a single word longer than ``width`` is cut, also followed by "…")."""
    text = " ".join((text or "").split())
    if len(text) <= width:
        return text
    head = text[: width - 1]
    if text[width - 1] != " " and " " in head:
        head = head[: head.rindex(" ")]
    return head.rstrip(" ,;:-–") + "…"
