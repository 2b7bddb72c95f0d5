"""The unit list for ``forankring udsend``: rows as read from a sheet → validated units + findings.

Pure: the caller (``io/unitlist.py``) reads the Excel or CSV file into :class:`ListRow` objects (the
header text of each column and the cell values, with the sheet row number); this module decides which
column is which, checks every row and gives each unit a stable ID. Every problem is a
:class:`~forankring_xl.findings.Finding` naming the sheet and cell (column letter + row number).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from ..findings import Finding, Severity
from ..layout.spec import column_letter as get_column_letter
from ..model import Plan, Sigtepunkt
from ..text.dates import format_date, parse_date_text

#: Column key → the header words that name it (compared case- and space-insensitively, whole text).
COLUMNS: dict[str, tuple[str, ...]] = {
    "kommune": ("kommune",),
    "enhed": ("enhed", "enhed/forvaltning", "enhedens navn", "forvaltning"),
    "kontaktperson": ("kontaktperson", "kontakt", "leder"),
    "email": ("e-mail", "email", "mail", "e-mailadresse", "mailadresse"),
    "indsats": ("indsats",),
    "planperiode": ("planperiode", "periode"),
    "periode_start": ("planperiode start", "periode start", "start"),
    "periode_slut": ("planperiode slut", "periode slut", "slut"),
    "svarfrist": ("svarfrist", "frist", "svar senest"),
    "sigtepunkter": ("sigtepunkter", "sigtepunkt"),
}
COLUMN_LABELS = {
    "kommune": "Kommune", "enhed": "Enhed", "kontaktperson": "Kontaktperson", "email": "E-mail",
    "indsats": "Indsats", "planperiode": "Planperiode", "periode_start": "Planperiode start",
    "periode_slut": "Planperiode slut", "svarfrist": "Svarfrist", "sigtepunkter": "Sigtepunkter",
}
REQUIRED = ("kommune", "enhed", "email", "svarfrist")
_LOOKUP = {" ".join(word.split()): key for key, words in COLUMNS.items() for word in words}
# Local part and domain with a dot; no spaces, one @. Deliberately simple: HR's list holds work
# addresses, and the point is to catch typing slips (missing @, a space, a comma, no domain).
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~æøåÆØÅ-]+@[A-Za-z0-9æøåÆØÅ-]+(?:\.[A-Za-z0-9æøåÆØÅ-]+)+$")
_PERIOD_SPLIT = re.compile(r"\s+(?:-|–|—|til)\s+|\s*(?:–|—)\s*")
_SIGTEPUNKT_SPLIT = re.compile(r"\s*[;|\n]\s*")


@dataclass
class ListRow:
    """One row of the unit list as read: cell values by column number (1-based), and the sheet row."""

    row: int
    cells: dict[int, object]


@dataclass
class Unit:
    """One validated unit: what its pre-filled plan and its line in the send list need."""

    row: int
    kommune: str
    enhed: str
    email: str
    svarfrist: dt.date
    kontaktperson: str | None = None
    indsats: str | None = None
    periode_start: dt.date | None = None
    periode_slut: dt.date | None = None
    sigtepunkter: list[str] = field(default_factory=list)
    file_name: str = ""  # set by validate_units: unique within the list

    @property
    def unit_id(self) -> str:
        return unit_id(self.kommune, self.enhed, self.indsats)

    def plan(self) -> Plan:
        """The pre-filled plan HR sends to this unit."""
        return Plan(
            kommune=self.kommune,
            enhed=self.enhed,
            indsats=self.indsats,
            periode_start=self.periode_start,
            periode_slut=self.periode_slut,
            enheds_id=self.unit_id,
            sigtepunkter=[Sigtepunkt(titel=t) for t in self.sigtepunkter],
        )


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def unit_id(kommune: str, enhed: str, indsats: str | None) -> str:
    """A short, stable ID for a unit and initiative: the same list gives the same IDs every time.

    Spelling differences in case and spacing do not change it. ``FXU-`` + 10 base-32 characters
    (50 bits): collisions within one municipality's few hundred units are negligible, and
    :func:`validate_units` refuses a list where two rows get the same ID anyway.
    """
    key = "\x1f".join(_fold(x or "") for x in (kommune, enhed, indsats))
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return "FXU-" + base64.b32encode(digest).decode("ascii")[:10]


def safe_file_stem(name: str) -> str:
    """A unit name as a file name on Windows, macOS and Linux: Danish letters kept, path and reserved
    characters (``<>:"/\\|?*``, control characters) replaced by spaces, no trailing dot or space."""
    text = unicodedata.normalize("NFC", name)
    text = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", text)
    text = " ".join(text.split()).strip(" .")[:80].strip(" .")
    return text or "enhed"


def map_columns(headers: dict[int, object]) -> tuple[dict[str, int], list[int]]:
    """Header cells → {column key: column number}, and the columns whose header was not recognised."""
    found: dict[str, int] = {}
    unknown: list[int] = []
    for col, value in sorted(headers.items()):
        if value is None or not str(value).strip():
            continue
        key = _LOOKUP.get(_fold(str(value)).rstrip(":"))
        if key is None or key in found:
            unknown.append(col)
            continue
        found[key] = col
    return found, unknown


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _date(value: object) -> dt.date | None | str:
    """A date, None for an empty cell, or the text when it is no date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if text is None:
        return None
    parsed = parse_date_text(text)
    return parsed if parsed is not None else text


class _Checker:
    def __init__(self, sheet: str):
        self.sheet = sheet
        self.findings: list[Finding] = []

    def add(self, code: str, severity: Severity, col: int | None, row: int, field_key: str | None,
            message: str, suggestion: str | None = None) -> None:
        self.findings.append(Finding(
            code=code, severity=severity, sheet=self.sheet,
            cell=f"{get_column_letter(col)}{row}" if col else None,
            field=COLUMN_LABELS.get(field_key or "") if field_key else None,
            message=message, suggestion=suggestion,
        ))


def validate_units(header_row: int, headers: dict[int, object], rows: list[ListRow],
                   sheet: str, today: dt.date | None = None) -> tuple[list[Unit], list[Finding]]:
    """Check the unit list; the units are only usable when no finding is an error.

    ``today`` (when given) makes a reply-by date in the past a warning.
    """
    check = _Checker(sheet)
    cols, unknown = map_columns(headers)
    for col in unknown:
        check.add("UNIT_LIST_COLUMN_UNKNOWN", Severity.WARNING, col, header_row, None,
                  f"Kolonnen '{headers[col]}' kendes ikke og bliver ikke brugt.",
                  "Kendte kolonner: " + ", ".join(COLUMN_LABELS[k] for k in COLUMNS) + ".")
    missing = [k for k in REQUIRED if k not in cols]
    if missing:
        check.add("UNIT_LIST_COLUMN_MISSING", Severity.ERROR, None, header_row, None,
                  "Enhedslisten mangler kolonnen " + ", ".join(f"'{COLUMN_LABELS[k]}'" for k in missing)
                  + f" i overskriftsrækken (række {header_row}).",
                  "Første række skal have overskrifterne Kommune, Enhed, Kontaktperson, E-mail, Indsats, "
                  "Planperiode, Svarfrist og evt. Sigtepunkter.")
        return [], check.findings

    units: list[Unit] = []
    seen: dict[str, int] = {}
    seen_ids: dict[str, int] = {}
    for list_row in rows:
        r = list_row.row

        def get(key: str) -> object:
            return list_row.cells.get(cols[key]) if key in cols else None

        values = {k: get(k) for k in cols}
        if all(_text(v) is None for v in values.values()):
            if any(_text(v) is not None for v in list_row.cells.values()):
                check.add("UNIT_LIST_VALUE_UNUSED", Severity.WARNING, None, r, None,
                          f"Række {r} har kun tekst i kolonner uden kendt overskrift og bruges ikke.",
                          "Skriv enheden i kolonnerne med overskrifter.")
            continue  # an empty row between units is not a unit
        used = set(cols.values())
        for col, value in sorted(list_row.cells.items()):
            if col not in used and col not in headers and _text(value) is not None:
                check.add("UNIT_LIST_VALUE_UNUSED", Severity.WARNING, col, r, None,
                          f"Række {r}: '{_text(value)}' står i en kolonne uden overskrift og bruges ikke.",
                          "Står den i forkert kolonne? I en CSV-fil skal en tekst med semikolon stå i anførselstegn.")
        ok = True
        kommune, enhed, email = _text(get("kommune")), _text(get("enhed")), _text(get("email"))
        for key, value in (("kommune", kommune), ("enhed", enhed), ("email", email)):
            if value is None:
                what = {"kommune": "kommunens navn", "enhed": "enhedens navn", "email": "e-mailadressen"}[key]
                check.add("UNIT_LIST_VALUE_MISSING", Severity.ERROR, cols[key], r, key,
                          f"Række {r}: {what} mangler.", f"Udfyld kolonnen '{COLUMN_LABELS[key]}'.")
                ok = False
        if email is not None and not _EMAIL.match(email):
            check.add("UNIT_LIST_EMAIL_INVALID", Severity.ERROR, cols["email"], r, "email",
                      f"Række {r}: '{email}' er ikke en gyldig e-mailadresse.",
                      "Skriv én adresse på formen navn@kommune.dk, uden mellemrum.")
            ok = False
        kontakt = _text(get("kontaktperson"))
        if kontakt is None and "kontaktperson" in cols:
            check.add("UNIT_LIST_CONTACT_MISSING", Severity.WARNING, cols["kontaktperson"], r, "kontaktperson",
                      f"Række {r}: der er ingen kontaktperson.", "Skriv navnet på den, der modtager planen.")

        dates: dict[str, dt.date | None] = {}
        for key in ("svarfrist", "periode_start", "periode_slut"):
            value = _date(get(key))
            if isinstance(value, str):
                check.add("UNIT_LIST_DATE_INVALID", Severity.ERROR, cols[key], r, key,
                          f"Række {r}: '{value}' i {COLUMN_LABELS[key]} er ikke en gyldig dato.",
                          "Skriv datoen som fx 1-3-2027 eller 2027-03-01.")
                ok = False
                value = None
            dates[key] = value
        period = _text(get("planperiode"))
        if period is not None:
            parts = [p for p in _PERIOD_SPLIT.split(period) if p.strip()]
            parsed = [parse_date_text(p) for p in parts]
            if len(parts) != 2 or None in parsed:
                check.add("UNIT_LIST_DATE_INVALID", Severity.ERROR, cols["planperiode"], r, "planperiode",
                          f"Række {r}: planperioden '{period}' er ikke to gyldige datoer.",
                          "Skriv fx '1-2-2027 – 31-1-2028', eller brug kolonnerne Planperiode start og Planperiode slut.")
                ok = False
            else:
                dates["periode_start"] = dates.get("periode_start") or parsed[0]
                dates["periode_slut"] = dates.get("periode_slut") or parsed[1]
        if dates["svarfrist"] is None and not any(f.cell == f"{get_column_letter(cols['svarfrist'])}{r}"
                                                   for f in check.findings):
            check.add("UNIT_LIST_VALUE_MISSING", Severity.ERROR, cols["svarfrist"], r, "svarfrist",
                      f"Række {r}: svarfristen mangler.", "Skriv den dato, planen skal være sendt retur.")
            ok = False
        start, slut = dates.get("periode_start"), dates.get("periode_slut")
        if start and slut and slut < start:
            col = cols.get("periode_slut") or cols.get("planperiode")
            check.add("UNIT_LIST_PERIOD_REVERSED", Severity.ERROR, col, r, "periode_slut",
                      f"Række {r}: planperioden slutter ({format_date(slut)}) før den begynder ({format_date(start)}).",
                      "Byt om på datoerne.")
            ok = False
        if today is not None and dates["svarfrist"] is not None and dates["svarfrist"] < today:
            check.add("UNIT_LIST_DEADLINE_PAST", Severity.WARNING, cols["svarfrist"], r, "svarfrist",
                      f"Række {r}: svarfristen {format_date(dates['svarfrist'])} er allerede overskredet.",
                      "Ret svarfristen, før planerne sendes ud.")
        sigtepunkter = [s for s in _SIGTEPUNKT_SPLIT.split(_text(get("sigtepunkter")) or "") if s]

        if kommune is not None and enhed is not None:
            key = f"{_fold(kommune)}\x1f{_fold(enhed)}"
            if key in seen:
                check.add("UNIT_LIST_DUPLICATE", Severity.ERROR, cols["enhed"], r, "enhed",
                          f"Række {r}: enheden '{enhed}' i {kommune} står allerede i række {seen[key]}.",
                          "Slet den ene række, eller giv enhederne forskellige navne.")
                ok = False
            else:
                seen[key] = r
        if not ok:
            continue
        unit = Unit(row=r, kommune=kommune, enhed=enhed, email=email, svarfrist=dates["svarfrist"],
                    kontaktperson=kontakt, indsats=_text(get("indsats")), periode_start=start,
                    periode_slut=slut, sigtepunkter=sigtepunkter)
        if unit.unit_id in seen_ids:  # practically impossible; refused rather than trusted
            check.add("UNIT_LIST_DUPLICATE", Severity.ERROR, cols["enhed"], r, "enhed",
                      f"Række {r}: enheden får samme ID som række {seen_ids[unit.unit_id]}.",
                      "Giv enhederne forskellige navne.")
            continue
        seen_ids[unit.unit_id] = r
        units.append(unit)

    # File names: the unit's name; where two units' names spell the same file name (the same unit
    # name in two municipalities, or 'Skole/Vest' and 'Skole Vest'), the municipality is added to both.
    def stem(unit: Unit, with_kommune: bool) -> str:
        name = f"{unit.kommune} - {unit.enhed}" if with_kommune else unit.enhed
        return f"Forankringsplan - {safe_file_stem(name)}.xlsx"

    counts: dict[str, int] = {}
    for unit in units:
        counts[stem(unit, False).casefold()] = counts.get(stem(unit, False).casefold(), 0) + 1
    files: dict[str, int] = {}
    kept: list[Unit] = []
    for unit in units:
        unit.file_name = stem(unit, counts[stem(unit, False).casefold()] > 1)
        name = unit.file_name.casefold()
        if name in files:
            check.add("UNIT_LIST_DUPLICATE", Severity.ERROR, cols["enhed"], unit.row, "enhed",
                      f"Række {unit.row}: enheden '{unit.enhed}' får samme filnavn som række {files[name]} "
                      f"({unit.file_name}).", "Giv enhederne navne, der kan skelnes i et filnavn.")
            continue
        files[name] = unit.row
        kept.append(unit)
    units = kept
    if not units and not any(f.severity is Severity.ERROR for f in check.findings):
        check.add("UNIT_LIST_EMPTY", Severity.ERROR, None, header_row, None,
                  "Enhedslisten har ingen enheder under overskriftsrækken.", "Skriv én enhed på hver række.")
    return units, check.findings
