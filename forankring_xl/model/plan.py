"""The plan model: a forankringsplan as plain, validated Python data.

Field names are the Danish domain words in ASCII (``formaal`` for formål,
``delmaal`` for delmål, ``ae``/``oe``/``aa`` for æ/ø/å); see docs/glossary.md.
Titles and descriptions are Danish because they end up in the published
JSON Schema that HR and archivists read.

Rules the model enforces for every plan, whatever its source:

* dates are ``datetime.date``; a date cell holding Danish time text ("August 2027",
  "primo 2027", "september", "inden for 5 arbejdsdage") is a :class:`DateText`: the text
  exactly as written plus the interval it names, read by the one date-cell reader
  (``text/datecell.py``); text that names no time at all is kept verbatim as
  :class:`Raw`, so nothing a person typed is lost;
* closed lists (status, phase, role) hold a known value or a :class:`Raw`
  with the text as typed;
* text is stripped, line breaks are normalised to ``\\n``, an empty text is
  ``None``, and characters that cannot be stored in a workbook are refused;
* trailing empty rows of a sigtepunkt are dropped (they carry no content).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from enum import StrEnum
from typing import Annotated, Iterator, Literal

from ..text.datecell import CellTime, read_date_cell
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

#: Version of the workbook layout that the template builder writes.
TEMPLATE_VERSION = "1.0"

#: Excel's hard limit on the length of one cell's text.
MAX_CELL_TEXT = 32767

# Characters an .xlsx cannot hold (XML 1.0 forbids them); \t and \n are fine.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

#: The characters the model strips from a cell's text (``str.strip``: Unicode white space) that a workbook cell
#: can hold: a cell of these alone is empty. The template's "filled" test compares a cell with the same
#: characters (``io/template.filled_formula``, the hidden list ``Liste_blanktegn``), so Excel and the program
#: agree on a cell holding only a line break, a tab, a no-break space or spaces.
BLANK_CHARS = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and not _ILLEGAL_XML.match(c))


class Status(StrEnum):
    """The closed status list, exactly as it appears in the drop-down."""

    IKKE_STARTET = "Ikke startet"
    I_GANG = "I gang"
    FORSINKET = "Forsinket"
    OPNAAET = "Opnået"
    IKKE_OPNAAET = "Ikke opnået"
    ANNULLERET = "Annulleret"


#: Statuses on the list after which an item needs no more follow-up.
CLOSED_STATUSES = frozenset({Status.OPNAAET, Status.ANNULLERET})
#: Statuses typed outside the list that still say the item is done or dropped ("Afsluttet", "Gennemført",
#: "Aflyst"): reported as not on the list, but nobody is chased for them as overdue. A status is compared
#: with case ignored and its spacing collapsed, and one '.' or '!' may follow ("Afsluttet!").
CLOSED_WORDS = (
    "afsluttet", "afsluttes ikke", "gennemført", "færdig", "færdiggjort", "udført", "løst", "done", "ok", "nået",
    "aflyst", "droppet", "udgået", "udgår", "opgivet", "stoppet",
)
#: A closed status on the list may carry a note after one of these characters ("Opnået (juni 2027)",
#: "Annulleret – se referat", "Opnået, men …"); after a letter or digit it is another word ("Opnåede").
#: No '~': the template's red marking compares these in a spreadsheet, where '~' is an escape character.
CLOSED_NOTE_SEPARATORS = " ,.;:!?-–—()[]{}/\\|'\"“”‘’„«»*+&=%#<>…•$@^`"


def _closed_texts() -> tuple[frozenset[str], tuple[str, ...]]:
    whole = {status.value.casefold() for status in CLOSED_STATUSES} | {
        word + end for word in CLOSED_WORDS for end in ("", ".", "!")}
    leads = tuple(sorted(status.value.casefold() + sep for status in CLOSED_STATUSES for sep in CLOSED_NOTE_SEPARATORS))
    return frozenset(whole), leads


#: The one definition of a closed status, as text (case folded, spacing collapsed): the whole texts that are
#: closed, and the beginnings (a closed status and a separator) after which any note may follow. ``is_closed``
#: and the template's red overdue marking (``io/template.py``, which writes both lists into the hidden
#: Lister sheet) are built from these two, so Excel and the program call the same rows overdue.
CLOSED_WHOLE, CLOSED_LEADS = _closed_texts()


def is_closed(status: object) -> bool:
    """The row's status says it needs no more follow-up: Opnået or Annulleret, or a typed word meaning so."""
    if status in CLOSED_STATUSES:
        return True
    text = status.raw if isinstance(status, Raw) else None
    if not text:
        return False
    folded = " ".join(text.split()).casefold()
    return folded in CLOSED_WHOLE or folded.startswith(CLOSED_LEADS)


class Phase(StrEnum):
    """Implementation phase (from the ICS material)."""

    BESLUTNING = "Beslutning"
    KLAR_PARAT_START = "Klar-parat-start"
    I_GANG = "I gang"
    FORANKRING = "Forankring"


class Role(StrEnum):
    """Role of a member of the forankringsteam."""

    LEDER = "leder"
    PROJEKTANSVARLIG = "projektansvarlig"
    MEDARBEJDERREPRAESENTANT = "medarbejderrepræsentant"
    MED_REPRAESENTANT = "MED-repræsentant"
    AMR = "AMR"
    TR = "TR"
    HR = "HR"
    SUPERBRUGER = "superbruger"
    ANDET = "andet"


class Raw(BaseModel):
    """A value that the reader could not interpret, kept exactly as typed."""

    model_config = ConfigDict(frozen=True, extra="forbid", title="Ufortolket værdi")

    raw: str = Field(
        title="Tekst som skrevet",
        description="Cellens indhold, som det stod, fordi det ikke kunne læses som en gyldig værdi.",
    )

    def __str__(self) -> str:  # what a person typed
        return self.raw


#: How a time text in a date cell was read (see :class:`DateText`).
DateTextKind = Literal["periode", "uden_aar", "relativ"]
_KIND_OF = {"period": "periode", "no_year": "uden_aar", "relative": "relativ"}


class DateText(BaseModel):
    """Danish time text in a date cell, kept as written, with the interval it names.

    ``fra``/``til`` are derived from ``tekst`` by the one date-cell reader whenever a DateText is built
    (also from JSON), so the interval always matches the text: a deadline is ``til``, a start ``fra``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", title="Tidsangivelse i tekst")

    tekst: str = Field(title="Tekst som skrevet", description="Cellens indhold, præcis som det stod.")
    art: DateTextKind = Field(
        title="Art",
        description="periode: en periode med årstal (fx 'August 2027', 'primo 2027', '2026-2028'); "
        "uden_aar: en tid på året uden årstal (fx 'september'); relativ: en frist regnet fra en hændelse "
        "(fx 'inden for 5 arbejdsdage').",
    )
    fra: dt.date | None = Field(None, title="Fra", description="Periodens første dag (kun for art 'periode').")
    til: dt.date | None = Field(
        None, title="Til", description="Periodens sidste dag; en frist er denne dag (kun for art 'periode')."
    )

    @model_validator(mode="before")
    @classmethod
    def _derive(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("tekst"), str):
            cell = read_date_cell(data["tekst"])
            if cell.kind in _KIND_OF:
                return {"tekst": data["tekst"], "art": _KIND_OF[cell.kind], "fra": cell.start, "til": cell.end}
        return data

    def __str__(self) -> str:  # what a person typed
        return self.tekst

    @property
    def cell(self) -> CellTime:
        return read_date_cell(self.tekst)


def _clean_text(value: object) -> object:
    if value is None or not isinstance(value, str):
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.strip() or None


def _check_text(value: str | None) -> str | None:
    if value is None:
        return None
    bad = _ILLEGAL_XML.search(value)
    if bad:
        raise ValueError(
            f"Teksten indeholder et tegn (kode {ord(bad.group()):#06x}), som ikke kan gemmes i Excel."
        )
    if len(value) > MAX_CELL_TEXT:
        raise ValueError(f"Teksten er længere end Excels grænse på {MAX_CELL_TEXT} tegn.")
    return value


#: Free text in one cell: stripped, ``None`` when empty.
Text = Annotated[str | None, BeforeValidator(_clean_text), AfterValidator(_check_text)]


def _clean_raw(value: object) -> object:
    """Accept a bare string for a Raw (handy in Python), normalise its text."""
    if isinstance(value, str):
        return {"raw": value}
    return value


def _check_raw(value: object) -> object:
    if isinstance(value, Raw):
        text = _check_text(_clean_text(value.raw))
        if text is None:
            return None
        if text != value.raw:
            return Raw(raw=text)
    return value


def date_cell_value(text: str) -> "dt.date | DateText | Raw":
    """The model value of a date cell's text: a date, time text with its interval, or the text as typed."""
    cell = read_date_cell(text)
    if cell.kind == "date":
        return cell.end
    if cell.kind in _KIND_OF:
        return DateText(tekst=text, art=_KIND_OF[cell.kind])
    return Raw(raw=text)


def cell_interval(value: object) -> tuple[dt.date, dt.date] | None:
    """(first, last) day a date cell names: a date is one day, a period with a year its interval."""
    if isinstance(value, dt.date):
        return value, value
    if isinstance(value, DateText) and value.fra is not None and value.til is not None:
        return value.fra, value.til
    return None


def cell_due(value: object) -> dt.date | None:
    """The deadline a date cell names: the date, or the end of its period; None without a year, and None for a
    cell that says only when something begins ('Fra 1. marts 2027'), as SMART T reads it."""
    if isinstance(value, DateText) and value.cell.starts_only:
        return None
    span = cell_interval(value)
    return span[1] if span else None


def cell_start(value: object) -> dt.date | None:
    """When a start cell says something begins: the date, or the beginning of its period."""
    span = cell_interval(value)
    return span[0] if span else None


def _check_raw_date(value: object) -> object:
    """A Raw or DateText is read again by the one date-cell reader (one normal form): a Raw that names
    a date or a period after all becomes that date or DateText (archives from before DateText load so)."""
    if value is None or type(value) is dt.date:  # most cells: nothing to read again
        return value
    value = _check_raw(value)
    if isinstance(value, Raw):
        return date_cell_value(value.raw)
    if isinstance(value, DateText):
        text = _check_text(_clean_text(value.tekst))
        if text is None:
            return None
        return date_cell_value(text)
    return value


def _date_before(value: object) -> object:
    if isinstance(value, str):
        text = _clean_text(value)
        if text is None:
            return None
        return date_cell_value(text)
    if isinstance(value, dt.datetime):
        raise ValueError("En dato må ikke have et klokkeslæt; brug en ren dato.")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError("En dato må ikke være et serienummer; brug en ren dato.")
    return value


#: A date cell: a real date, time text with the interval it names, the text that was typed when it
#: names no time, or empty.
DateCell = Annotated[
    dt.date | DateText | Raw | None,
    BeforeValidator(_date_before),
    AfterValidator(_check_raw_date),
]


@cache
def _members(enum: type[StrEnum]) -> dict[str, StrEnum]:
    return {member.value.casefold(): member for member in enum}


def list_member(enum: type[StrEnum], text: str) -> StrEnum | None:
    """The value of a closed list that a typed text names, case and spacing ignored ('i  GANG' is I gang);
    None when it names none. The model and the reader (which reports the rest) decide it here alone."""
    return _members(enum).get(" ".join(text.split()).casefold())


def _closed(enum: type[StrEnum]):
    """Before-validator for a closed list: known value, or the text as Raw."""

    def parse(value: object) -> object:
        if isinstance(value, Raw):
            value = value.raw
        if value is None or isinstance(value, enum):
            return value
        if isinstance(value, dict) and isinstance(value.get("raw"), str) and len(value) == 1:
            value = value["raw"]  # {"raw": ...} from JSON: a known value still wins
        elif isinstance(value, dict):
            return value
        text = _clean_text(str(value))
        if text is None:
            return None
        member = list_member(enum, text)
        return member if member is not None else Raw(raw=text)

    return parse


StatusCell = Annotated[Status | Raw | None, BeforeValidator(_closed(Status)), AfterValidator(_check_raw)]
PhaseCell = Annotated[Phase | Raw | None, BeforeValidator(_closed(Phase)), AfterValidator(_check_raw)]
RoleCell = Annotated[Role | Raw | None, BeforeValidator(_closed(Role)), AfterValidator(_check_raw)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class TeamMember(_Model):
    """One member of the forankringsteam."""

    model_config = ConfigDict(title="Teammedlem")

    navn: Text = Field(None, title="Navn", description="Personens fulde navn.")
    rolle: RoleCell = Field(
        None,
        title="Rolle",
        description="Rollen i teamet: leder, projektansvarlig, medarbejderrepræsentant, "
        "MED-repræsentant, AMR, TR, HR, superbruger eller andet.",
    )

    def is_empty(self) -> bool:
        return self.navn is None and self.rolle is None


class PlanRow(_Model):
    """One row of a sigtepunkt's table.

    ``formaal`` and ``maal`` may be empty on a continuation row: an empty
    formål (or mål with its date) means "the same as the nearest row above
    that has one". :meth:`Sigtepunkt.resolved_rows` makes that relation explicit.
    """

    model_config = ConfigDict(title="Række")

    formaal: Text = Field(
        None,
        title="Formål",
        description="Hvad skal forandres, og hvorfor. Tom på en fortsættelsesrække: samme formål som rækken ovenfor.",
    )
    aktivitet: Text = Field(None, title="Aktivitet", description="Hvad der gøres for at nå formålet.")
    ansvarlig: Text = Field(
        None, title="Ansvarlig", description="Den navngivne person, der har ansvaret for rækken."
    )
    start: DateCell = Field(None, title="Start", description="Hvornår aktiviteten begynder.")
    slut: DateCell = Field(None, title="Slut", description="Hvornår aktiviteten er afsluttet.")
    delmaal: Text = Field(
        None, title="Delmål", description="Et SMART delmål på vejen mod målet."
    )
    delmaal_dato: DateCell = Field(None, title="Delmål dato", description="Hvornår delmålet skal være nået.")
    maal: Text = Field(
        None,
        title="Mål",
        description="Den synlige forandring, der skal nås. Tom på en fortsættelsesrække: samme mål som rækken ovenfor.",
    )
    maal_dato: DateCell = Field(
        None,
        title="Mål dato",
        description="Hvornår målet skal være nået. Tom på en fortsættelsesrække uden eget mål: samme dato som målet ovenfor.",
    )
    status: StatusCell = Field(
        None,
        title="Status",
        description="Ikke startet, I gang, Forsinket, Opnået, Ikke opnået eller Annulleret.",
    )
    sidst_fulgt_op: DateCell = Field(
        None, title="Sidst fulgt op", description="Datoen for den seneste opfølgning på rækken."
    )
    bemaerkning: Text = Field(None, title="Bemærkning", description="Fri bemærkning.")

    def is_empty(self) -> bool:
        # __pydantic_fields__ rather than model_fields: the same names without pydantic's property wrapper,
        # which cost more than the check itself (called for every row by every rule and by overdue)
        return all(getattr(self, name) is None for name in type(self).__pydantic_fields__)


class Opfoelgning(_Model):
    """How a sigtepunkt is followed up."""

    model_config = ConfigDict(title="Opfølgning")

    hyppighed: Text = Field(
        None,
        title="Hvor ofte",
        description="Hvor ofte der følges op, fx 'Hver 2. måned' eller 'Kvartalsvis'.",
    )
    datoer: list[DateCell] = Field(
        default_factory=list,
        title="Faste datoer",
        description="Aftalte datoer for opfølgningsmøder, hvis der er faste datoer.",
    )
    form: Text = Field(None, title="Hvordan", description="Mødeform eller måde, der følges op på.")
    informeres: Text = Field(None, title="Hvem informeres", description="Hvem der skal have besked om fremdriften.")
    ansvarlig: Text = Field(None, title="Ansvarlig for opfølgning", description="Navngiven person.")
    formidling_ansvarlig: Text = Field(
        None, title="Ansvarlig for formidling", description="Navngiven person, der giver besked videre."
    )

    @model_validator(mode="after")
    def _drop_empty_dates(self) -> "Opfoelgning":
        if any(d is None for d in self.datoer):
            object.__setattr__(self, "datoer", [d for d in self.datoer if d is not None])
        return self

    def is_empty(self) -> bool:
        return not self.datoer and all(
            getattr(self, name) is None for name in type(self).model_fields if name != "datoer"
        )


@dataclass(frozen=True)
class ResolvedRow:
    """A row with its continuation made explicit."""

    index: int
    row: PlanRow
    formaal: str | None
    formaal_from: int | None  # index of the row whose formål applies
    maal: str | None
    maal_dato: dt.date | Raw | None
    maal_from: int | None

    @property
    def continues_formaal(self) -> bool:
        return self.formaal_from is not None and self.formaal_from != self.index

    @property
    def continues_maal(self) -> bool:
        return self.maal_from is not None and self.maal_from != self.index


class Sigtepunkt(_Model):
    """One focus point: its own sheet with a table of rows and a follow-up block."""

    model_config = ConfigDict(title="Sigtepunkt")

    titel: Text = Field(None, title="Sigtepunkt", description="Sigtepunktets navn.")
    beskrivelse: Text = Field(
        None, title="Beskrivelse", description="Kort beskrivelse af, hvad sigtepunktet handler om."
    )
    raekker: list[PlanRow] = Field(default_factory=list, title="Rækker")
    opfoelgning: Opfoelgning = Field(default_factory=Opfoelgning, title="Opfølgning")

    @model_validator(mode="after")
    def _drop_trailing_empty_rows(self) -> "Sigtepunkt":
        rows = list(self.raekker)
        while rows and rows[-1].is_empty():
            rows.pop()
        if len(rows) != len(self.raekker):
            object.__setattr__(self, "raekker", rows)
        return self

    def is_empty(self) -> bool:
        return (
            self.titel is None
            and self.beskrivelse is None
            and not self.raekker
            and self.opfoelgning.is_empty()
        )

    def resolved_rows(self) -> Iterator[ResolvedRow]:
        """Rows with formål and mål filled in from the row above where blank."""
        formaal = formaal_from = None
        maal = maal_dato = maal_from = None
        for i, row in enumerate(self.raekker):
            if row.formaal is not None:
                formaal, formaal_from = row.formaal, i
            if row.maal is not None:
                maal, maal_dato, maal_from = row.maal, row.maal_dato, i
            elif row.maal_dato is not None:
                maal_dato = row.maal_dato  # a date on its own refines the inherited mål
            yield ResolvedRow(i, row, formaal, formaal_from, maal, maal_dato, maal_from)


class Plan(_Model):
    """A forankringsplan for one unit and one initiative."""

    model_config = ConfigDict(title="Forankringsplan")

    kommune: Text = Field(None, title="Kommune")
    enhed: Text = Field(None, title="Enhed/forvaltning", description="Skole, dagtilbud, plejecenter, afdeling …")
    indsats: Text = Field(None, title="Indsats", description="Det, der skal implementeres og forankres.")
    periode_start: DateCell = Field(None, title="Planperiode start")
    periode_slut: DateCell = Field(None, title="Planperiode slut")
    fase: PhaseCell = Field(
        None,
        title="Fase",
        description="Implementeringsfase: Beslutning, Klar-parat-start, I gang eller Forankring.",
    )
    team: list[TeamMember] = Field(default_factory=list, title="Forankringsteam")
    godkendt_af: Text = Field(
        None, title="Godkendt af", description="Hvem der har godkendt planen (fx MED-udvalget eller lederen)."
    )
    godkendt_dato: DateCell = Field(None, title="Godkendt dato")
    skabelon_version: Text = Field(
        TEMPLATE_VERSION, title="Skabelonversion", description="Versionen af den skabelon, planen er udfyldt i."
    )
    enheds_id: Text = Field(
        None,
        title="Enheds-ID",
        description="ID skrevet af 'forankring udsend', så en returneret plan kan kobles til enheden, "
        "også når filen er omdøbt. Tom i en plan, der ikke er sendt ud med værktøjet.",
    )
    sigtepunkter: list[Sigtepunkt] = Field(default_factory=list, title="Sigtepunkter")

    @model_validator(mode="after")
    def _normalise(self) -> "Plan":
        if any(m.is_empty() for m in self.team):
            object.__setattr__(self, "team", [m for m in self.team if not m.is_empty()])
        points = list(self.sigtepunkter)
        while points and points[-1].is_empty():
            points.pop()
        if len(points) != len(self.sigtepunkter):
            object.__setattr__(self, "sigtepunkter", points)
        return self
