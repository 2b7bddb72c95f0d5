"""Quoting a long cell text in a message: cut at a word, never inside one, and show that it was cut."""

from __future__ import annotations

import textwrap


def shorten(text: str | None, width: int = 60) -> str:
    """``text`` on one line, at most ``width`` characters; a longer text ends at the last whole word that fits,
    followed by "…" (the standard library's ``textwrap.shorten``). A first word longer than ``width``, which
    ``textwrap`` would drop altogether, is cut instead, so the message still says which text it means."""
    text = " ".join((text or "").split())
    if len(text) <= width:
        return text
    short = textwrap.shorten(text, width, placeholder="…")
    if short == "…":
        return text[: width - 1] + "…"
    return short[:-1].rstrip(",;:-–") + "…"
