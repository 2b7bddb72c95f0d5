"""The output path policy: one set of rules for every file a command writes.

* A path that exists is refused unless the user asked to replace it (``--overskriv``).
* The input itself, or anything inside the inbox a batch reads, is always refused.
* The extension must fit what is written: no calendar into an .xlsx, no workbook into a .json.
* A folder is never created silently when its parent does not exist (a typo in a path is an error).
* A default name never collides with a file that is there (``forankringsplan (2).xlsx``).
* Several inputs with the same file name exported into one folder each get their own JSON, named
  from their relative path by :func:`forankring_xl.batch.runner.archive_name`, as batch names them.
* A command that writes several files into a folder (``udsend``, ``påmind``) writes them all or none
  (:func:`write_files`): every file it would replace is named in one refusal, the folder is never inside
  what the command reads, and a failure while writing leaves the folder as it was.

Every refusal is an :class:`OutputError` with a Danish message naming the path; the command line
prints it and exits 2 before any work is done.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

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


def check_output_folder(folder: Path, *, option: str = "-o", inbox: Path | None = None,
                        inbox_name: str = "indbakken") -> bool:
    """Check a folder that outputs go into; returns True if it must be created (its parent exists).

    ``inbox``: the folder the command reads (``inbox_name`` says what it is, e.g. 'arkivet'); the output
    folder may not be it or lie inside it, or the next run would read the outputs as input.
    """
    folder = Path(folder)
    if inbox is not None and _inside(folder, Path(inbox)):
        where = "er selv" if _resolved(folder) == _resolved(Path(inbox)) else "ligger i"
        raise OutputError(
            folder,
            f"mappen {where} {inbox_name} '{inbox}', som læses, så næste kørsel ville læse det skrevne som "
            f"input. Vælg en mappe uden for {inbox_name}, fx {option} '{_outside_example(folder, Path(inbox))}'.",
        )
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


def _outside_example(folder: Path, inbox: Path) -> Path:
    """A folder beside the inbox with the output folder's name (or a name of its own)."""
    name = folder.name if _resolved(folder) != _resolved(inbox) and folder.name else "resultat"
    return Path(os.path.abspath(inbox)).parent / name


def check_output_files(folder: Path, names: Iterable[str], *, overwrite: bool = False,
                       inputs: Iterable[Path] = ()) -> None:
    """The files a command writes into ``folder``: none is an input (never, even with ``overwrite``), and
    none exists unless ``overwrite``; a refusal names every file that is there."""
    folder = Path(folder)
    paths = [folder / name for name in names]
    inputs = [Path(p) for p in inputs]
    for path in paths:
        if any(_same(path, source) for source in inputs):
            raise OutputError(path, "det er den fil, der læses fra. Den overskrives aldrig; vælg en anden mappe.")
    existing = [p for p in paths if os.path.lexists(p)]
    odd = [p for p in existing if not p.is_file()]
    if odd:
        raise OutputError(odd[0], "det er ikke en almindelig fil, og den erstattes ikke. Vælg en anden mappe.")
    if not existing or overwrite:
        return
    if len(existing) == 1:
        raise OutputError(existing[0], f"filen findes allerede. Intet er skrevet. {OVERWRITE_HINT}")
    shown = ", ".join(f"'{p.name}'" for p in existing[:5])
    if len(existing) > 5:
        shown += f" og {len(existing) - 5} til"
    raise OutputError(
        folder,
        f"{len(existing)} af filerne findes allerede ({shown}). Intet er skrevet. Brug --overskriv for at "
        "erstatte dem, eller vælg en anden mappe.",
    )


def write_files(folder: Path, contents: list[tuple[str, Callable[[], bytes]]], *, overwrite: bool = False,
                inputs: Iterable[Path] = (), inbox: Path | None = None, inbox_name: str = "indbakken",
                option: str = "-o") -> list[Path]:
    """Write the named files into ``folder``, all or nothing, after the policy's checks (folder, inputs,
    existing files); returns their paths. A refusal is an :class:`OutputError` and nothing is written;
    an OS error while writing names the file and leaves nothing behind (``atomic_write_folder``)."""
    from .atomic import atomic_write_folder

    inputs = list(inputs)
    check_output_folder(folder, option=option, inbox=inbox, inbox_name=inbox_name)
    check_output_files(folder, [name for name, _ in contents], overwrite=overwrite, inputs=inputs)
    try:
        return atomic_write_folder(Path(folder), contents, replace=overwrite)
    except FileExistsError as exc:  # a file appeared between the check and the write
        raise OutputError(exc.filename or folder, f"filen er kommet til, mens der blev skrevet. Intet er skrevet. "
                                                  f"{OVERWRITE_HINT}") from None


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
