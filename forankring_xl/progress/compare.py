"""Progress between two returns of one plan (``forankring udvikling``). Pure: two versions in, changes out.

Everything is judged by the existing engine, never a second copy of a rule: findings, SMART letters and the
belastningsprøve come from :func:`forankring_xl.rules.check_plan`, what is overdue from the overdue module's
:func:`collect_items`, deadlines from the one date-cell reader (``cell_due``/``cell_start``). This module
only pairs the two versions' rows (``matching.py``) and says what changed:

* **reached**: a delmål whose row is now Opnået and was not; a mål whose group (the mål's row and the rows
  continuing it) is now all closed (Opnået, Annulleret or a typed word saying so) with at least one Opnået, and was not;
* **newly late / no longer late**: the overdue items of each version, each as of its own date (the
  earlier version as of when it was archived, when that is known, else the same date), mapped through the
  row pairs; a late row that was removed is "no longer late" with that reason;
* **dates moved**: Start, Slut, Delmål dato and Mål dato of paired rows and the plan period, with the
  number of days when both cells name a date;
* **owners changed**: Ansvarlig of paired rows and the follow-up owners of paired sigtepunkter (case and
  spacing do not count);
* **rows added and removed**, rows reworded (paired by similar text), sigtepunkter renamed/added/removed;
* **SMART**: per paired delmål, the letters S and M the engine reports before and after (up = fewer);
  the share of SMART delmål before → after, counted as batch's overview counts "Ikke-SMART delmål";
* **belastningsprøve**: each dimension's score and rating before → after.

Two versions of different units are never compared (:func:`unit_mismatch`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import BaseModel, Field

from ..layout.locator import Locator
from ..layout.spec import sigtepunkt_sheet_name
from ..model import Plan, Status, cell_due, cell_start, is_closed
from ..overdue.items import Item, collect_items
from ..rules import Report, check_plan
from ..rules.base import FIELD_LABELS
from ..rules.config import CheckConfig
from .matching import Matching, match_plans, text_similarity, words

#: The date cells of a row whose moves are reported, and whether a cell's deadline or start counts.
ROW_DATES = (("start", cell_start), ("slut", cell_due), ("delmaal_dato", cell_due), ("maal_dato", cell_due))
PLAN_DATES = (("periode_start", cell_start, "Planperiode start"), ("periode_slut", cell_due, "Planperiode slut"))


@dataclass(frozen=True)
class Version:
    """One version of a plan: the model, where its values sit, and the date it is judged as of.

    ``report`` may be given when the caller has checked the plan already (batch); otherwise it is made.
    ``as_of`` is the date this version's overdue items are counted as of (None: the comparison's date).
    """

    plan: Plan
    locator: Locator | None = None
    report: Report | None = None
    as_of: dt.date | None = None
    label: str | None = None
    read_findings: tuple = ()


class RowRef(BaseModel):
    """A row as HR recognises it: sigtepunkt, what the row says, and its owner."""

    sigtepunkt: str | None = None
    raekke: int = Field(description="Row number in the sigtepunkt's table, from 1.")
    tekst: str | None = None
    ansvarlig: str | None = None


class Reached(RowRef):
    art: str  # "delmål" or "mål"
    status_foer: str | None = None
    ny_raekke: bool = False


class Late(BaseModel):
    art: str  # delmål, mål, aktivitet, opfølgning
    sigtepunkt: str | None = None
    tekst: str | None = None
    ansvarlig: str | None = None
    frist: dt.date
    dage_over: int
    hvorfor: str | None = None  # for "no longer late": nået, annulleret, ny frist, rækken er fjernet …


class DateMove(BaseModel):
    felt: str
    sigtepunkt: str | None = None
    tekst: str | None = None
    foer: str | None = None
    efter: str | None = None
    dage: int | None = Field(None, description="Days later (negative: earlier); None when a side names no date.")


class OwnerChange(BaseModel):
    sigtepunkt: str | None = None
    felt: str = "Ansvarlig"
    tekst: str | None = None
    foer: str | None = None
    efter: str | None = None


class Reworded(BaseModel):
    sigtepunkt: str | None = None
    foer: str | None = None
    efter: str | None = None
    lighed: float


class SmartChange(RowRef):
    foer: list[str] = Field(default_factory=list, description="Letters failing before (S, M).")
    efter: list[str] = Field(default_factory=list, description="Letters failing after.")
    retning: str  # "op" or "ned"


class SmartShare(BaseModel):
    smart: int = 0
    delmaal: int = 0

    @property
    def share(self) -> float | None:
        return self.smart / self.delmaal if self.delmaal else None


class DimensionChange(BaseModel):
    dimension: str
    foer: int | None = None
    efter: int | None = None
    vurdering_foer: str
    vurdering_efter: str


class PointChange(BaseModel):
    foer: str | None = None
    efter: str | None = None
    hvad: str  # omdøbt, tilføjet, fjernet


class ProgressSummary(BaseModel):
    """Per-unit progress since the previous return, in counts: what the overview and its charts show.

    ``compared`` is False when there was nothing to compare or it was refused (``note`` says why: first
    version, another unit, an earlier version that cannot be read); the counts are then 0 and the shares
    None. Shares are 0.0-1.0 (None without delmål); belastningsprøve scores 0-100 (None: not judged).
    """

    compared: bool = False
    note: str | None = None
    previous_as_of: dt.date | None = None
    reached: int = 0
    reached_delmaal: int = 0
    reached_maal: int = 0
    newly_late: int = 0
    no_longer_late: int = 0
    rows_added: int = 0
    rows_removed: int = 0
    dates_moved: int = 0
    owners_changed: int = 0
    smart_up: int = 0
    smart_down: int = 0
    smart_share_before: float | None = None
    smart_share_after: float | None = None
    stress_before: int | None = None
    stress_after: int | None = None
    stress_dimensions: dict[str, list[int | None]] = Field(
        default_factory=dict, description="dimension → [before, after] score.")


class Development(BaseModel):
    """Everything that changed between two versions of one plan."""

    compared: bool = True
    reason: str | None = Field(None, description="Why the versions were not compared (Danish).")
    gammel: str | None = None
    ny: str | None = None
    gammel_pr: dt.date | None = None
    ny_pr: dt.date | None = None
    kommune: str | None = None
    enhed: str | None = None
    indsats: str | None = None
    enheds_id: str | None = None
    naaet: list[Reached] = Field(default_factory=list)
    nye_forfaldne: list[Late] = Field(default_factory=list)
    ikke_laengere_forfaldne: list[Late] = Field(default_factory=list)
    datoer_flyttet: list[DateMove] = Field(default_factory=list)
    ansvarlige_skiftet: list[OwnerChange] = Field(default_factory=list)
    raekker_tilfoejet: list[RowRef] = Field(default_factory=list)
    raekker_fjernet: list[RowRef] = Field(default_factory=list)
    omformuleret: list[Reworded] = Field(default_factory=list)
    sigtepunkter: list[PointChange] = Field(default_factory=list)
    smart_aendringer: list[SmartChange] = Field(default_factory=list)
    smart_foer: SmartShare = Field(default_factory=SmartShare)
    smart_efter: SmartShare = Field(default_factory=SmartShare)
    belastning: list[DimensionChange] = Field(default_factory=list)
    belastning_samlet_foer: int | None = None
    belastning_samlet_efter: int | None = None

    @property
    def unchanged(self) -> bool:
        """Nothing to tell: no list of changes has an entry."""
        return not any((self.naaet, self.nye_forfaldne, self.ikke_laengere_forfaldne, self.datoer_flyttet,
                        self.ansvarlige_skiftet, self.raekker_tilfoejet, self.raekker_fjernet, self.omformuleret,
                        self.sigtepunkter, self.smart_aendringer))

    def summary(self) -> ProgressSummary:
        if not self.compared:
            return ProgressSummary(compared=False, note=self.reason, previous_as_of=self.gammel_pr)
        delmaal = [r for r in self.naaet if r.art == "delmål"]
        return ProgressSummary(
            compared=True,
            previous_as_of=self.gammel_pr,
            reached=len(self.naaet),
            reached_delmaal=len(delmaal),
            reached_maal=len(self.naaet) - len(delmaal),
            newly_late=len(self.nye_forfaldne),
            no_longer_late=len(self.ikke_laengere_forfaldne),
            rows_added=len(self.raekker_tilfoejet),
            rows_removed=len(self.raekker_fjernet),
            dates_moved=len(self.datoer_flyttet),
            owners_changed=len(self.ansvarlige_skiftet),
            smart_up=sum(c.retning == "op" for c in self.smart_aendringer),
            smart_down=sum(c.retning == "ned" for c in self.smart_aendringer),
            smart_share_before=self.smart_foer.share,
            smart_share_after=self.smart_efter.share,
            stress_before=self.belastning_samlet_foer,
            stress_after=self.belastning_samlet_efter,
            stress_dimensions={d.dimension: [d.foer, d.efter] for d in self.belastning},
        )


def _fold(text: str | None) -> str:
    return " ".join(words(text))


def unit_mismatch(old: Plan, new: Plan) -> str | None:
    """Why two plans are not versions of one unit's plan (Danish), or None.

    Both carry an Enheds-ID (from ``udsend``): the IDs decide. Otherwise the front page decides: a
    different kommune, or unit names that share too little (a unit renamed slightly, "Engskolen" →
    "Engskolen, afd. Nord", is still the same unit).
    """
    if old.enheds_id and new.enheds_id:
        if old.enheds_id.strip().casefold() != new.enheds_id.strip().casefold():
            return (f"de to versioner har forskelligt Enheds-ID ('{old.enheds_id}' og '{new.enheds_id}'), så de "
                    "er planer for to forskellige enheder og sammenlignes ikke.")
        return None
    if old.kommune and new.kommune and _fold(old.kommune) != _fold(new.kommune):
        return (f"de to versioner er fra forskellige kommuner ('{old.kommune}' og '{new.kommune}') og "
                "sammenlignes ikke.")
    if old.enhed and new.enhed:
        a, b = set(words(old.enhed)), set(words(new.enhed))
        if not (a <= b or b <= a) and text_similarity(old.enhed, new.enhed) < 0.6:
            return (f"de to versioner er planer for forskellige enheder ('{old.enhed}' og '{new.enhed}') og "
                    "sammenlignes ikke.")
    return None


def _status(value) -> str | None:
    return None if value is None else str(value)


def _row_text(row) -> str | None:
    return row.delmaal or row.maal or row.aktivitet or row.formaal


def _title(plan: Plan, s: int) -> str | None:
    return plan.sigtepunkter[s].titel or sigtepunkt_sheet_name(s + 1)


def _ref(plan: Plan, ref: tuple[int, int]) -> RowRef:
    s, r = ref
    row = plan.sigtepunkter[s].raekker[r]
    return RowRef(sigtepunkt=_title(plan, s), raekke=r + 1, tekst=_row_text(row), ansvarlig=row.ansvarlig)


def _maal_groups(plan: Plan) -> dict[tuple[int, int], bool]:
    """Each mål (by the row it is written on) → reached: all its rows closed and at least one Opnået."""
    out = {}
    for s, point in enumerate(plan.sigtepunkter):
        groups: dict[int, list] = {}
        for res in point.resolved_rows():
            if res.maal_from is not None and not res.row.is_empty():
                groups.setdefault(res.maal_from, []).append(res.row.status)
        for r, statuses in groups.items():
            out[(s, r)] = all(is_closed(st) for st in statuses) and Status.OPNAAET in statuses
    return out


def smart_letters(report: Report, locator: Locator) -> dict[tuple[int, int], list[str]]:
    """The SMART letters the engine reports on each delmål, by (sigtepunkt, row); as batch counts them."""
    where = {cell: key for key, cell in locator.cells.items()}
    out: dict[tuple[int, int], list[str]] = {}
    for f in report.findings:
        if not f.code.startswith("SMART_") or f.code == "SMART_MAAL":
            continue
        key = where.get((f.sheet, f.cell))
        if key and key[0] == "row":
            out.setdefault((key[1], key[2]), []).append(f.code.removeprefix("SMART_"))
    return {k: sorted(v) for k, v in out.items()}


def smart_share(plan: Plan, letters: dict) -> SmartShare:
    """Delmål and the SMART ones among them (no S or M letter in ``letters``, from :func:`smart_letters`): the
    one definition the overview, the Overblik chart and udvikling share."""
    rows = [(s, r) for s, p in enumerate(plan.sigtepunkter) for r, row in enumerate(p.raekker)
            if not row.is_empty() and row.delmaal]
    return SmartShare(smart=sum(1 for ref in rows if not letters.get(ref)), delmaal=len(rows))


def _late(items: list[Item], locator: Locator) -> dict[tuple, Item]:
    """Overdue items by what they are about: ("row", s, r, kind) or ("opf", s); others by their text."""
    where = {cell: key for key, cell in locator.cells.items()}
    out: dict[tuple, Item] = {}
    for item in items:
        if not item.overdue:
            continue
        key = where.get((item.sheet, item.cell)) if item.cell else None
        if key and key[0] == "row":
            ident: tuple = ("row", key[1], key[2], item.kind)
        elif key and key[0] in ("opf", "opf_dato"):
            ident = ("opf", key[1])
        else:
            ident = ("text", item.kind, item.sigtepunkt, item.text)
        out[ident] = item
    return out


def _late_entry(item: Item, why: str | None = None) -> Late:
    return Late(art=item.kind, sigtepunkt=item.sigtepunkt, tekst=item.text, ansvarlig=item.owner, frist=item.due,
                dage_over=item.days_overdue or 0, hvorfor=why)


def _same_text(a: str | None, b: str | None) -> bool:
    return _fold(a) == _fold(b)


def _date_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _date_move(field: str, label: str, old_value, new_value, reader, point: str | None, text: str | None
               ) -> DateMove | None:
    if _date_text(old_value) == _date_text(new_value):
        return None
    a, b = reader(old_value), reader(new_value)
    if a is not None and b is not None and a == b:
        return None  # the same day written another way ('1-3-2027' → '2027-03-01')
    if old_value is not None and new_value is not None and a is None and b is None and \
            _same_text(_date_text(old_value), _date_text(new_value)):
        return None
    days = (b - a).days if a is not None and b is not None else None
    return DateMove(felt=label, sigtepunkt=point, tekst=text, foer=_date_text(old_value), efter=_date_text(new_value),
                    dage=days)


def _prepare(version: Version, as_of: dt.date, config: CheckConfig) -> tuple[Locator, Report, dt.date]:
    locator = version.locator or Locator.for_layout(version.plan)
    day = version.as_of or as_of
    report = version.report
    if report is None or report.as_of != day:
        report = check_plan(version.plan, locator, day, config, read_findings=version.read_findings)
    return locator, report, day


def _items(plan: Plan, locator: Locator, report: Report, day: dt.date) -> list[Item]:
    """The version's overdue items as of ``day``: the ones its check found (one computation per version),
    or, for a report given without them, computed here."""
    if report.items is not None:
        return report.items
    return collect_items([(plan, locator)], day)


def compare(old: Version, new: Version, as_of: dt.date, config: CheckConfig | None = None,
            matching: Matching | None = None) -> Development:
    """What changed from ``old`` to ``new`` (see the module docstring). ``as_of`` is the later version's date
    and, unless ``old.as_of`` says otherwise, the earlier one's too (an earlier date after it is capped)."""
    config = config or CheckConfig()
    p_old, p_new = old.plan, new.plan
    head = dict(gammel=old.label, ny=new.label, kommune=p_new.kommune, enhed=p_new.enhed, indsats=p_new.indsats,
                enheds_id=p_new.enheds_id)
    refused = unit_mismatch(p_old, p_new)
    if refused:
        return Development(compared=False, reason=refused, **head)
    if old.as_of is not None and old.as_of > as_of:
        old = Version(old.plan, old.locator, old.report, as_of, old.label, old.read_findings)
    loc_old, rep_old, day_old = _prepare(old, as_of, config)
    loc_new, rep_new, day_new = _prepare(new, as_of, config)
    m = matching or match_plans(p_old, p_new)
    new_of = m.new_of()
    dev = Development(gammel_pr=day_old, ny_pr=day_new, **head)

    # sigtepunkter renamed, added, removed
    for pp in m.points:
        if pp.old is not None and pp.new is not None:
            if not _same_text(p_old.sigtepunkter[pp.old].titel, p_new.sigtepunkter[pp.new].titel):
                dev.sigtepunkter.append(PointChange(foer=_title(p_old, pp.old), efter=_title(p_new, pp.new), hvad="omdøbt"))
        elif pp.new is not None:
            dev.sigtepunkter.append(PointChange(efter=_title(p_new, pp.new), hvad="tilføjet"))
        else:
            dev.sigtepunkter.append(PointChange(foer=_title(p_old, pp.old), hvad="fjernet"))

    letters_old, letters_new = smart_letters(rep_old, loc_old), smart_letters(rep_new, loc_new)
    groups_old, groups_new = _maal_groups(p_old), _maal_groups(p_new)
    for pair in m.rows:
        if pair.old is None:
            dev.raekker_tilfoejet.append(_ref(p_new, pair.new))
        if pair.new is None:
            dev.raekker_fjernet.append(_ref(p_old, pair.old))
            continue
        (sb, rb) = pair.new
        row_new = p_new.sigtepunkter[sb].raekker[rb]
        row_old = p_old.sigtepunkter[pair.old[0]].raekker[pair.old[1]] if pair.old else None
        ref = _ref(p_new, pair.new)
        # reached
        if row_new.delmaal and row_new.status is Status.OPNAAET and (row_old is None or row_old.status is not Status.OPNAAET):
            dev.naaet.append(Reached(sigtepunkt=ref.sigtepunkt, raekke=ref.raekke, tekst=row_new.delmaal,
                                     ansvarlig=row_new.ansvarlig, art="delmål",
                                     status_foer=_status(row_old.status) if row_old else None, ny_raekke=row_old is None))
        if groups_new.get(pair.new) and not (pair.old is not None and groups_old.get(pair.old)):
            dev.naaet.append(Reached(sigtepunkt=ref.sigtepunkt, raekke=ref.raekke, tekst=row_new.maal,
                                     ansvarlig=row_new.ansvarlig, art="mål",
                                     status_foer=_status(row_old.status) if row_old else None, ny_raekke=row_old is None))
        if row_old is None:
            continue
        point = ref.sigtepunkt
        text = _row_text(row_new)
        if pair.how == "omformuleret":
            for name in ("aktivitet", "delmaal", "maal"):
                a, b = getattr(row_old, name), getattr(row_new, name)
                if not _same_text(a, b):
                    dev.omformuleret.append(Reworded(sigtepunkt=point, foer=a, efter=b, lighed=pair.score))
        for name, reader in ROW_DATES:
            move = _date_move(name, FIELD_LABELS[name], getattr(row_old, name), getattr(row_new, name), reader, point, text)
            if move:
                dev.datoer_flyttet.append(move)
        if not _same_text(row_old.ansvarlig, row_new.ansvarlig):
            dev.ansvarlige_skiftet.append(OwnerChange(sigtepunkt=point, tekst=text, foer=row_old.ansvarlig,
                                                      efter=row_new.ansvarlig))
        if row_old.delmaal and row_new.delmaal:
            before, after = letters_old.get(pair.old, []), letters_new.get(pair.new, [])
            if len(before) != len(after):
                dev.smart_aendringer.append(SmartChange(sigtepunkt=point, raekke=ref.raekke, tekst=row_new.delmaal,
                                                        ansvarlig=row_new.ansvarlig, foer=before, efter=after,
                                                        retning="op" if len(after) < len(before) else "ned"))

    # the follow-up owners of paired sigtepunkter
    for pp in m.points:
        if pp.old is None or pp.new is None:
            continue
        fo, fn = p_old.sigtepunkter[pp.old].opfoelgning, p_new.sigtepunkter[pp.new].opfoelgning
        for name, label in (("ansvarlig", "Ansvarlig for opfølgning"), ("formidling_ansvarlig", "Ansvarlig for formidling")):
            if not _same_text(getattr(fo, name), getattr(fn, name)):
                dev.ansvarlige_skiftet.append(OwnerChange(sigtepunkt=_title(p_new, pp.new), felt=label,
                                                          foer=getattr(fo, name), efter=getattr(fn, name)))
    for name, reader, label in PLAN_DATES:
        move = _date_move(name, label, getattr(p_old, name), getattr(p_new, name), reader, None, None)
        if move:
            dev.datoer_flyttet.append(move)

    # late: each version as of its own date, mapped through the pairs
    late_old = _late(_items(p_old, loc_old, rep_old, day_old), loc_old)
    late_new = _late(_items(p_new, loc_new, rep_new, day_new), loc_new)
    point_new_of = m.point_new_of()
    removed = {p.old for p in m.rows if p.new is None}

    def mapped(ident: tuple) -> tuple | None:
        if ident[0] == "row":
            target = new_of.get((ident[1], ident[2]))
            return None if target is None else ("row", *target, ident[3])
        if ident[0] == "opf":
            target = point_new_of.get(ident[1])
            return None if target is None else ("opf", target)
        return ident

    old_mapped = {}
    for ident, item in late_old.items():
        target = mapped(ident)
        old_mapped[target if target is not None else ("gone", ident)] = (ident, item)
    for ident, item in late_new.items():
        if ident not in old_mapped:
            dev.nye_forfaldne.append(_late_entry(item))
    for target, (ident, item) in old_mapped.items():
        if target in late_new:
            continue
        dev.ikke_laengere_forfaldne.append(_late_entry(item, _why_not_late(ident, target, removed, p_new, item,
                                                                          late_new, day_new)))
    dev.nye_forfaldne.sort(key=lambda x: (-x.dage_over, x.sigtepunkt or "", x.tekst or ""))
    dev.ikke_laengere_forfaldne.sort(key=lambda x: (-x.dage_over, x.sigtepunkt or "", x.tekst or ""))

    # SMART share and the belastningsprøve
    dev.smart_foer, dev.smart_efter = smart_share(p_old, letters_old), smart_share(p_new, letters_new)
    after = {d.dimension.value: d for d in rep_new.stress_test.dimensions}
    for d in rep_old.stress_test.dimensions:
        n = after.get(d.dimension.value)
        dev.belastning.append(DimensionChange(dimension=d.dimension.value, foer=d.score, efter=n.score if n else None,
                                              vurdering_foer=d.rating, vurdering_efter=n.rating if n else d.rating))
    dev.belastning_samlet_foer = rep_old.stress_test.overall
    dev.belastning_samlet_efter = rep_new.stress_test.overall
    return dev


def _why_not_late(ident: tuple, target: tuple | None, removed: set, plan: Plan, item: Item, late_new: dict,
                  day: dt.date) -> str:
    if ident[0] == "row" and (ident[1], ident[2]) in removed:
        return "rækken er fjernet"
    if ident[0] == "opf" and target is None:
        return "sigtepunktet er fjernet"
    if target is not None and target[0] == "row":
        row = plan.sigtepunkter[target[1]].raekker[target[2]]
        if row.status is Status.OPNAAET:
            return "nået"
        if row.status is Status.ANNULLERET:
            return "annulleret"
        if is_closed(row.status):  # a typed word that says done or dropped ('Afsluttet')
            return f"status '{row.status}'"
        field = {"delmål": "delmaal_dato", "mål": "maal_dato", "aktivitet": "slut"}.get(target[3])
        due = cell_due(getattr(row, field)) if field else None
        if due is None:
            return "har ikke længere en dato"
        if due > item.due:
            return "ny frist"
    if target is not None and target[0] == "opf":
        return "fulgt op"
    return "ikke længere overskredet"
