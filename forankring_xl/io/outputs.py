"""The output path policy: one set of rules for every file a command writes.

* A path that exists is refused unless the user asked to replace it (``--overskriv``).
* The input itself, or anything inside the inbox a batch reads, is always refused.
* The extension must fit what is written: no calendar into an .xlsx, no workbook into a .json.
* A folder is never created silently when its parent does not exist (a typo in a path is an error).
* A default name never collides with a file that is there (``forankringsplan (2).xlsx``).
* Several inputs with the same file name exported into one folder each get their own JSON, named
  from their relative path by :func:`forankring_xl.batch.runner.archive_name`, as batch names them.

Every refusal is an :class:`OutputError` with a Danish message naming the path; the command line
prints it and exits 2 before any work is done.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

#: What a command writes, the extensions that fit it, and how a message names it.
KINDS: dict[str, tuple[tuple[str, ...], str]] = {
    "workbook": ((".xlsx",), "en Excel-projektmappe (.xlsx)"),
    "json": ((".json",), "en JSON-fil (.json)"),
    "ics": ((".ics",), "en kalenderfil (.ics)"),
    "addin": ((".xlam",), "et tilføjelsesprogram (.xlam)"),
}
OVERWRITE_HINT = "Brug --overskriv for at erstatte den, eller vælg et andet navn."


class OutputError(Exception):
    """An output path the policy refuses; ``message`` is Danish and names the path."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.message = f"Kan ikke skrive '{self.path}': {reason}"
        super().__init__(self.message)


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return _resolved(a) == _resolved(b)


def _resolved(path: Path) -> Path:
    try:
        return Path(os.path.normcase(path.resolve()))
    except (OSError, RuntimeError):  # a symlink loop: compare what was written
        return Path(os.path.normcase(os.path.abspath(path)))


def _inside(path: Path, folder: Path) -> bool:
    p, f = _resolved(path), _resolved(folder)
    return p == f or f in p.parents


def check_output(
    path: Path,
    kind: str,
    *,
    overwrite: bool = False,
    inputs: Iterable[Path] = (),
    inbox: Path | None = None,
    option: str = "-o",
) -> Path:
    """Return ``path`` if a command may write ``kind`` there; raise :class:`OutputError` if not."""
    path = Path(path)
    suffixes, what = KINDS[kind]
    if not path.name or path.name in (".", ".."):
        raise OutputError(path, f"det er ikke et filnavn. Skriv fx {option} {_example(kind)}.")
    for source in inputs:
        if _same(path, Path(source)):
            raise OutputError(path, "det er den fil, der læses fra. Den overskrives aldrig; vælg et andet navn.")
    if inbox is not None and _inside(path, Path(inbox)):
        raise OutputError(
            path, f"den ligger i indbakken '{inbox}', som læses. Læg den uden for indbakken."
        )
    if path.suffix.lower() not in suffixes:
        shown = f"endelsen '{path.suffix}'" if path.suffix else "ingen endelse"
        raise OutputError(path, f"navnet har {shown}, men der skrives {what}. Brug fx '{path.stem or 'fil'}{suffixes[0]}'.")
    if path.is_dir():
        raise OutputError(path, f"det er en mappe. Skriv et filnavn, fx {option} {path / _example(kind)}.")
    if os.path.lexists(path):
        if not overwrite:
            raise OutputError(path, f"filen findes allerede. {OVERWRITE_HINT}")
        if not path.is_file():
            raise OutputError(path, "det er ikke en almindelig fil, og den erstattes ikke.")
    _check_parent(path)
    return path


def _check_parent(path: Path) -> None:
    parent = path.parent
    if not parent.exists():
        raise OutputError(path, f"mappen '{parent}' findes ikke. Opret den først, eller vælg en anden mappe.")
    if not parent.is_dir():
        raise OutputError(path, f"'{parent}' er ikke en mappe.")


def check_output_folder(folder: Path, *, option: str = "-o") -> bool:
    """Check a folder that outputs go into; returns True if it must be created (its parent exists)."""
    folder = Path(folder)
    if folder.is_dir():
        return False
    if os.path.lexists(folder):
        raise OutputError(folder, f"det er en fil, ikke en mappe. Skriv en mappe efter {option}.")
    parent = folder.parent
    if not parent.is_dir():
        raise OutputError(
            folder, f"mappen '{parent}' findes ikke, så '{folder.name}' oprettes ikke. Opret den først."
        )
    return True


def free_name(path: Path) -> Path:
    """``path`` if nothing is there, else the first free ``name (2).ext``, ``name (3).ext`` …"""
    path = Path(path)
    if not os.path.lexists(path):
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem} ({n}){path.suffix}")
        if not os.path.lexists(candidate):
            return candidate
        n += 1


def _example(kind: str) -> str:
    return {"workbook": "plan.xlsx", "json": "plan.json", "ics": "aarshjul.ics", "addin": "Forankring.xlam"}[kind]


def distinct_json_targets(sources: list[Path], targets: list[Path]) -> list[Path]:
    """Targets where no two sources share one: a shared target is renamed from each source's relative path.

    The relative path is taken from the folder the colliding sources have in common, and named as batch
    names its archive JSONs, so ``a/plan.xlsx`` and ``b/plan.xlsx`` become ``a-plan--….json`` and
    ``b-plan--….json`` beside each other.
    """
    from ..batch.runner import archive_name

    groups: dict[Path, list[int]] = {}
    for index, target in enumerate(targets):
        groups.setdefault(_resolved(target), []).append(index)
    result = list(targets)
    for indexes in groups.values():
        if len(indexes) < 2:
            continue
        absolute = [Path(os.path.abspath(sources[i])) for i in indexes]
        common = Path(os.path.commonpath([str(p.parent) for p in absolute]))
        for i, source in zip(indexes, absolute):
            relative = source.relative_to(common).as_posix()
            result[i] = targets[i].parent / archive_name(relative)
    return result
