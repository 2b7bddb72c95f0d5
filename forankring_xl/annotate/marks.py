"""Marks that show a report inside the workbook: the Tjek sheet, cell colours and notes.

One code path for every surface: :func:`annotate` and :func:`clear` talk to a
:class:`Surface`, which an openpyxl file (``io/annotate_openpyxl.py``) and,
later, an open Excel workbook through xlwings implement.

Our marks are recorded in a hidden registry sheet with the fill and note
each cell had before, so annotating again replaces the marks instead of
stacking them, and the user's own colours and notes come back untouched.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Protocol

from ..findings import SEVERITY_DA, Finding, Severity

TJEK_SHEET = "Tjek"
REGISTRY_SHEET = "Tjek_markeringer"
NOTE_AUTHOR = "forankring-xl"
#: Fill colour (RRGGBB) per severity.
SEVERITY_FILL = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class CellMark:
    sheet: str
    cell: str
    severity: Severity
    note: str


@dataclass(frozen=True)
class RegistryEntry:
    sheet: str
    cell: str
    fill: str  # the surface's own encoding of the cell's earlier fill ("" = none)
    note: str  # the earlier note ("" = none)


@dataclass(frozen=True)
class Link:
    sheet: str
    cell: str


class Surface(Protocol):
    """The few things annotation needs from a workbook."""

    def sheet_names(self) -> list[str]: ...
    def get_fill(self, sheet: str, cell: str) -> str: ...
    def set_fill(self, sheet: str, cell: str, fill: str | None, rgb: str | None = None) -> None: ...
    def get_note(self, sheet: str, cell: str) -> str: ...
    def set_note(self, sheet: str, cell: str, text: str) -> None: ...
    def remove_sheet(self, name: str) -> None: ...
    def write_sheet(self, name: str, rows: list[list[object]], links: dict[tuple[int, int], Link],
                    hidden: bool = False, first: bool = False) -> None: ...
    def read_sheet(self, name: str) -> list[list[object]]: ...


TJEK_TITLE = "Tjek af forankringsplan"  # the report sheet's first cell: how ours is told from a unit's "Tjek"


def is_report_sheet(name: str, first_cell: object) -> bool:
    """Our report sheet: named "Tjek" (or "Tjek (n)" beside a unit's own "Tjek") with our title in A1."""
    return (name == TJEK_SHEET or name.startswith(f"{TJEK_SHEET} (")) and first_cell == TJEK_TITLE


def report_sheet_name(names: list[str]) -> str:
    """"Tjek", or "Tjek (2)" … when a unit has a sheet of its own named "Tjek"."""
    taken = set(names)
    name, n = TJEK_SHEET, 1
    while name in taken:
        n += 1
        name = f"{TJEK_SHEET} ({n})"
    return name


def cell_marks(findings: list[Finding]) -> list[CellMark]:
    """One mark per flagged cell: the worst severity, every message in the note."""
    grouped: OrderedDict[tuple[str, str], list[Finding]] = OrderedDict()
    for f in findings:
        if f.sheet and f.cell:
            grouped.setdefault((f.sheet, f.cell), []).append(f)
    marks = []
    for (sheet, cell), items in grouped.items():
        worst = min(items, key=lambda f: _RANK[f.severity]).severity
        lines = [f"{SEVERITY_DA[f.severity].capitalize()}: {f.message}" for f in items]
        # several findings in one cell often share their advice (the SMART letters do): give it once
        advice = list(dict.fromkeys(f.suggestion for f in items if f.suggestion))
        lines += [f"→ {text}" for text in advice]
        marks.append(CellMark(sheet, cell, worst, "\n".join(lines)))
    return marks


def _read_registry(surface: Surface) -> list[RegistryEntry]:
    if REGISTRY_SHEET not in surface.sheet_names():
        return []
    rows = surface.read_sheet(REGISTRY_SHEET)[1:]
    return [RegistryEntry(*(str(v) if v is not None else "" for v in (row + [None] * 4)[:4])) for row in rows if row and row[0]]


def clear(surface: Surface) -> int:
    """Remove our marks, the Tjek sheet and the registry; returns how many cells were restored."""
    entries = _read_registry(surface)
    names = set(surface.sheet_names())
    for entry in entries:
        if entry.sheet in names:
            surface.set_fill(entry.sheet, entry.cell, entry.fill or None)
            surface.set_note(entry.sheet, entry.cell, entry.note)
    for name in list(surface.sheet_names()):
        if name == TJEK_SHEET or name.startswith(f"{TJEK_SHEET} ("):
            rows = surface.read_sheet(name)
            if rows and rows[0] and is_report_sheet(name, rows[0][0]):
                surface.remove_sheet(name)  # ours; a unit's own "Tjek" sheet is never removed
    if REGISTRY_SHEET in surface.sheet_names():
        surface.remove_sheet(REGISTRY_SHEET)
    return len(entries)


def notes_skipped_line(count: int) -> list[object]:
    return ["Noter", f"Denne Excel kan ikke tilføje noter (det kræver Excel-API 1.18, som fx Office 2021 ikke har). "
                     f"{count} celler er kun farvet; beskederne står i tabellen herunder."]


def tjek_rows(report, notes_skipped: int = 0) -> tuple[list[list[object]], dict[tuple[int, int], Link]]:
    """The Tjek sheet: summary, belastningsprøve, then the findings with a link to each cell.

    ``notes_skipped``: how many cells got their colour but no note (the surface could not add notes).
    """
    s = report.summary
    rows: list[list[object]] = [
        [TJEK_TITLE],
        ["Fil", report.source_file or ""],
        ["Tjekket pr.", report.as_of],
        ["Programversion", f"forankring-xl {report.tool_version}"],
        ["Enhed", s.enhed or ""],
        ["Fejl / advarsler / info", f"{s.errors} / {s.warnings} / {s.infos}"],
        *([notes_skipped_line(notes_skipped)] if notes_skipped else []),
        [],
        ["Belastningsprøve", "Point", "Vurdering", "", "Spørgsmål"],
    ]
    for dim in report.stress_test.dimensions:
        rows.append([dim.dimension.value.capitalize(), dim.score, dim.rating, "", dim.question])
    rows.append(["Samlet", report.stress_test.overall, report.stress_test.rating])
    rows.append(["Sådan læses pointene", report.stress_test.scale])
    rows.append([])
    rows.append(["Alvor", "Ark", "Celle", "Felt", "Besked", "Forslag", "Kode"])
    links: dict[tuple[int, int], Link] = {}
    for f in report.findings:
        rows.append([SEVERITY_DA[f.severity], f.sheet or "", f.cell or "", f.field or "", f.message,
                     f.suggestion or "", f.code])
        if f.sheet and f.cell:
            links[(len(rows), 3)] = Link(f.sheet, f.cell)
    if not report.findings:
        rows.append(["", "", "", "", "Ingen fund.", "", ""])
    return rows, links


def annotate(surface: Surface, report) -> list[CellMark]:
    """Show ``report`` in the workbook, replacing any earlier marks of ours."""
    clear(surface)
    names = set(surface.sheet_names())
    marks = [m for m in cell_marks(report.findings) if m.sheet in names]
    registry: list[list[object]] = [["Ark", "Celle", "Tidligere fyld", "Tidligere note"]]
    for mark in marks:
        registry.append([mark.sheet, mark.cell, surface.get_fill(mark.sheet, mark.cell),
                         surface.get_note(mark.sheet, mark.cell)])
        surface.set_fill(mark.sheet, mark.cell, None, rgb=SEVERITY_FILL[mark.severity])
        surface.set_note(mark.sheet, mark.cell, mark.note)
    rows, links = tjek_rows(report, notes_skipped=getattr(surface, "notes_skipped", 0))
    surface.write_sheet(report_sheet_name(surface.sheet_names()), rows, links, first=True)
    surface.write_sheet(REGISTRY_SHEET, registry, {}, hidden=True)
    return marks
