"""The one layout spec: where every field of a plan lives in the workbook.

The template builder, the reader, the writer (and later the Excel adapter)
read this module; nothing else knows a cell address. Moving a column or a
field is a change here only.

Positions are the template's defaults. The reader does not trust them: it
finds fields and the table by their labels, so a returned workbook with
inserted rows or renamed sheets still reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from ..model import Phase, Role, Status


@lru_cache(maxsize=None)
def column_letter(col: int) -> str:
    """The column's letters (1 -> A, 27 -> AA), as openpyxl's ``get_column_letter`` gives them.

    Our own few lines because importing any part of openpyxl loads the whole package (~150 ms), and a
    ribbon click, which starts a fresh Python and reads through xlwings, needs nothing else from it.
    """
    if not 1 <= col <= 18278:
        raise ValueError(f"column index out of range: {col}")
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def row_col(cell: str) -> tuple[int, int]:
    """An A1 cell as (row, column), both from 1; the inverse of ``column_letter`` plus the row.

    Not openpyxl's: a ribbon or Lite click must not load it (tests/test_addin.py).
    """
    m = re.fullmatch(r"([A-Z]{1,3})([0-9]+)", cell)
    if m is None:
        raise ValueError(f"not an A1 cell: {cell!r}")
    col = 0
    for ch in m[1]:
        col = col * 26 + ord(ch) - 64
    return int(m[2]), col


class Kind(Enum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    DATE = "date"
    STATUS = "status"
    PHASE = "phase"
    ROLE = "role"
    FREQUENCY = "frequency"  # free text with suggestions
    VERSION = "version"  # written by the tool, locked


@dataclass(frozen=True)
class Scalar:
    """A single labelled value: label in ``label_col``, value right of it."""

    key: str
    label: str
    kind: Kind
    row: int
    name: str  # defined name (workbook level on the front sheet, sheet level elsewhere)
    prompt: str = ""


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # what the template writes; the reader matches its first word(s)
    match: str  # the label the reader looks for at the start of a header cell
    kind: Kind
    width: float
    prompt: str = ""


@dataclass(frozen=True)
class Table:
    header_row: int
    first_col: int
    columns: tuple[Column, ...]
    min_rows: int

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    def col(self, key: str) -> int:
        for offset, column in enumerate(self.columns):
            if column.key == key:
                return self.first_col + offset
        raise KeyError(key)

    def letter(self, key: str) -> str:
        return column_letter(self.col(key))

    @property
    def last_col(self) -> int:
        return self.first_col + len(self.columns) - 1


# --- sheets -----------------------------------------------------------------

FRONT_SHEET = "Forside"
GUIDE_SHEET = "Vejledning"
LISTS_SHEET = "Lister"
SIGTEPUNKT_SHEET = "Sigtepunkt {n}"  # n = 1, 2, 3 …
DEFAULT_SIGTEPUNKTER = 3
LABEL_COL = 1  # column A holds labels; values start in column B
VALUE_COL = 2

# --- front sheet ----------------------------------------------------------------

FRONT_TITLE_ROW = 1
FRONT_INTRO_ROW = 2
FRONT_FIELDS: tuple[Scalar, ...] = (
    Scalar("kommune", "Kommune", Kind.TEXT, 4, "Plan_kommune", "Skriv kommunens navn."),
    Scalar("enhed", "Enhed/forvaltning", Kind.TEXT, 5, "Plan_enhed",
           "Skriv enhedens navn, fx skolen, dagtilbuddet eller afdelingen."),
    Scalar("indsats", "Indsats", Kind.LONG_TEXT, 6, "Plan_indsats",
           "Hvad er det, der skal implementeres og forankres?"),
    Scalar("periode_start", "Planperiode start", Kind.DATE, 7, "Plan_periode_start",
           "Første dag i planperioden, fx 1-2-2027."),
    Scalar("periode_slut", "Planperiode slut", Kind.DATE, 8, "Plan_periode_slut",
           "Sidste dag i planperioden, fx 31-1-2028."),
    Scalar("fase", "Fase", Kind.PHASE, 9, "Plan_fase", "Vælg den fase, indsatsen er i nu."),
    Scalar("godkendt_af", "Godkendt af", Kind.TEXT, 10, "Plan_godkendt_af",
           "Hvem har godkendt planen? Fx MED-udvalget eller lederen med navn."),
    Scalar("godkendt_dato", "Godkendt dato", Kind.DATE, 11, "Plan_godkendt_dato",
           "Datoen, hvor planen blev godkendt."),
    Scalar("skabelon_version", "Skabelonversion", Kind.VERSION, 12, "Plan_skabelon_version"),
)
#: The unit ID that ``forankring udsend`` writes on a sent-out plan (locked, written by the tool only).
#: Not part of FRONT_FIELDS: the empty template has no ID, and a plan without one is not incomplete.
#: The reader finds it by its label like any front field, so a renamed file still names its unit.
UNIT_ID = Scalar("enheds_id", "Enheds-ID", Kind.VERSION, 13, "Plan_enheds_id")
TEAM_HEADING_ROW = 14
TEAM_TABLE = Table(
    header_row=15,
    first_col=1,
    columns=(
        Column("navn", "Navn", "Navn", Kind.TEXT, 34, "Fulde navn på teammedlemmet."),
        Column("rolle", "Rolle", "Rolle", Kind.ROLE, 28, "Vælg rollen fra listen."),
    ),
    min_rows=15,
)
TEAM_HEADING = "Forankringsteam"

# --- sigtepunkt sheets ----------------------------------------------------------

SIGTEPUNKT_FIELDS: tuple[Scalar, ...] = (
    Scalar("titel", "Sigtepunkt", Kind.TEXT, 1, "Sigtepunkt_titel",
           "Skriv det sigtepunkt, I har valgt at arbejde med."),
    Scalar("beskrivelse", "Beskrivelse", Kind.LONG_TEXT, 2, "Sigtepunkt_beskrivelse",
           "Kort beskrivelse af sigtepunktet, fx fra målingens rapport."),
)
SIGTEPUNKT_HINT_ROW = 3
ROW_TABLE = Table(
    header_row=4,
    first_col=1,
    columns=(
        Column("formaal", "Formål", "Formål", Kind.LONG_TEXT, 30,
               "Hvad skal forandres, og hvorfor? Lad feltet stå tomt, hvis rækken hører til formålet ovenfor."),
        Column("aktivitet", "Aktivitet", "Aktivitet", Kind.LONG_TEXT, 30,
               "Hvad sætter I i gang? Fx kursus, arbejdsgangsbeskrivelse, sidemandsoplæring."),
        Column("ansvarlig", "Ansvarlig (navn)", "Ansvarlig", Kind.TEXT, 20,
               "Skriv en navngiven person, ikke en rolle eller en gruppe."),
        Column("start", "Start", "Start", Kind.DATE, 12, "Hvornår begynder aktiviteten?"),
        Column("slut", "Slut", "Slut", Kind.DATE, 12, "Hvornår er aktiviteten afsluttet?"),
        Column("delmaal", "Delmål (SMART)", "Delmål", Kind.LONG_TEXT, 32,
               "Konkret, målbart og med dato: hvad kan man se, når delmålet er nået?"),
        Column("delmaal_dato", "Delmål dato", "Delmål dato", Kind.DATE, 12,
               "Hvornår skal delmålet være nået?"),
        Column("maal", "Mål", "Mål", Kind.LONG_TEXT, 30,
               "Hvilken synlig forandring skal nås? Lad feltet stå tomt, hvis rækken hører til målet ovenfor."),
        Column("maal_dato", "Mål dato", "Mål dato", Kind.DATE, 12, "Hvornår skal målet være nået?"),
        Column("status", "Status", "Status", Kind.STATUS, 14, "Vælg status fra listen."),
        Column("sidst_fulgt_op", "Sidst fulgt op", "Sidst fulgt op", Kind.DATE, 13,
               "Datoen for seneste opfølgning på rækken."),
        Column("bemaerkning", "Bemærkning", "Bemærkning", Kind.LONG_TEXT, 28, ""),
    ),
    min_rows=30,
)

FOLLOWUP_HEADING = "Opfølgning"
#: Opfølgning fields; ``row`` is the offset below the heading row.
FOLLOWUP_FIELDS: tuple[Scalar, ...] = (
    Scalar("hyppighed", "Hvor ofte følges der op?", Kind.FREQUENCY, 1, "Opf_hyppighed",
           "Vælg fra listen eller skriv selv, fx 'Hver 2. måned'."),
    Scalar("datoer", "Faste opfølgningsdatoer", Kind.DATE, 2, "Opf_datoer",
           "Skriv én dato i hver celle, hvis I har faste mødedatoer."),
    Scalar("form", "Hvordan følges der op?", Kind.LONG_TEXT, 3, "Opf_form",
           "Fx læringsmøde i teamet, punkt på personalemødet, status i MED."),
    Scalar("informeres", "Hvem informeres?", Kind.LONG_TEXT, 4, "Opf_informeres",
           "Fx medarbejdere, ledelse, samarbejdspartnere."),
    Scalar("ansvarlig", "Ansvarlig for opfølgning (navn)", Kind.TEXT, 5, "Opf_ansvarlig",
           "Den navngivne person, der sørger for, at opfølgningen sker."),
    Scalar("formidling_ansvarlig", "Ansvarlig for formidling (navn)", Kind.TEXT, 6, "Opf_formidling",
           "Den navngivne person, der giver resultaterne videre."),
)
FOLLOWUP_GAP = 1  # empty rows between the table's last row and the heading
FOLLOWUP_DATE_CELLS = 11  # date cells the template prepares (B..L); the writer adds more if needed

# --- hidden lists -----------------------------------------------------------------

FREQUENCY_SUGGESTIONS = (
    "Hver måned",
    "Hver 2. måned",
    "Kvartalsvis",
    "Hver 4. måned",
    "Hvert halve år",
    "Årligt",
)
#: The closed lists a cell kind offers as its drop-down: the template writes their values, the reader maps a
#: typed text back to a member (``model.list_member``) and reports the rest.
LIST_ENUMS = {
    Kind.STATUS: Status,
    Kind.PHASE: Phase,
    Kind.ROLE: Role,
}
LIST_NAMES = {
    Kind.STATUS: "Liste_status",
    Kind.PHASE: "Liste_fase",
    Kind.ROLE: "Liste_rolle",
    Kind.FREQUENCY: "Liste_hyppighed",
}

#: The statuses that close an item, as the hidden lists the template's red overdue marking compares a status
#: with (the model's ``CLOSED_WHOLE`` and ``CLOSED_LEADS``: whole texts, and beginnings a note may follow).
CLOSED_LIST = "Liste_afsluttet"
CLOSED_NOTE_LIST = "Liste_afsluttet_note"

#: The code points of the characters a cell may hold and still be empty (the model's ``BLANK_CHARS``), as the
#: hidden list the template's "filled" test removes from a cell's text.
BLANK_LIST = "Liste_blanktegn"

#: Date validation bounds written into the template (Excel needs a range).
DATE_MIN = (2000, 1, 1)
DATE_MAX = (2099, 12, 31)
#: What the reader takes for a date in a plan: a date-formatted number outside these years is none (a negative
#: number shows as a day in 1899). The template's red overdue marking starts at the same first day.
PLAN_DATE_MIN = (1950, 1, 1)
PLAN_DATE_MAX = (2100, 12, 31)


def sigtepunkt_sheet_name(n: int) -> str:
    return SIGTEPUNKT_SHEET.format(n=n)


def followup_heading_row(n_rows: int) -> int:
    """Row of the Opfølgning heading when the table has ``n_rows`` rows."""
    return ROW_TABLE.first_data_row + n_rows + FOLLOWUP_GAP


def team_rows_needed(n_members: int) -> int:
    return max(TEAM_TABLE.min_rows, n_members)


def table_rows_needed(n_rows: int) -> int:
    return max(ROW_TABLE.min_rows, n_rows)
