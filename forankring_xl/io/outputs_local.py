"""Refusing to overwrite files a command would write (until the shared output policy lands).

One small function so it can be replaced by the project-wide policy (``--overskriv``) in one place.
"""

from __future__ import annotations

from pathlib import Path


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
