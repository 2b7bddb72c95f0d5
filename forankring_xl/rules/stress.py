"""Belastningsprøve: a stress test of the whole plan, one score per dimension with the findings behind it.

A dimension's score is the share of the plan's parts that are sound in that dimension, so a long plan
is not punished for its length and an empty one is not praised for having nothing wrong:

* the parts a dimension judges: **ejerskab** every row that needs an owner (an activity, a delmål or a
  mål); **tidsplan** the plan period and every filled row; **målkvalitet** every sigtepunkt and every
  filled row; **opfølgning** for every sigtepunkt with rows its follow-up (when, how, who is informed, who
  is responsible) and whether it is followed up in time; **organisatorisk forankring** the team, management
  in it, employees in it and the approval;
* a part with an error counts 0, with a warning ½, otherwise 1 (an info note does not lower a score);
  score = 100 × the parts' mean;
* 80-100 'holdbar', 50-79 'sårbar', below 50 'skrøbelig'. A dimension with no parts to judge, and the
  whole plan when it has no filled rows (an empty template), is 'kan ikke vurderes' and has no score.

Findings are placed on their part through the locator (sheet and cell → the plan value they point at).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from ..findings import Finding, Severity
from ..layout.locator import Locator
from ..model import Plan
from .base import RULES, Dimension

PENALTY = {Severity.ERROR: 1.0, Severity.WARNING: 0.5, Severity.INFO: 0.0}
NOT_JUDGED = "kan ikke vurderes"
HOLDBAR_MIN, SAARBAR_MIN = 80, 50  # the scale's limits (also the overview's traffic-light colours)
RATINGS = ("holdbar", "sårbar", "skrøbelig", NOT_JUDGED)
QUESTIONS = {
    Dimension.EJERSKAB: "Er det tydeligt, hvem der gør hvad – med navn?",
    Dimension.TIDSPLAN: "Hænger datoerne sammen, og kan de nås med de folk, der er?",
    Dimension.MAALKVALITET: "Fører formål til aktiviteter, og mål til daterede delmål?",
    Dimension.OPFOELGNING: "Er det aftalt, hvornår, hvordan og af hvem der følges op – og sker det?",
    Dimension.ORGANISATORISK_FORANKRING: "Står både ledelse og medarbejdere bag, og er planen godkendt?",
}
#: How the scale reads, for the Tjek sheet, the text report and the docs (Danish).
SCALE_DA = (
    "Point = hvor stor en del af planen der er i orden i dimensionen: hver række (og sigtepunkt, "
    "opfølgning og forside) tæller 1, ½ med en advarsel og 0 med en fejl; info trækker ikke fra. "
    "80-100 holdbar, 50-79 sårbar, under 50 skrøbelig. En plan uden udfyldte rækker kan ikke vurderes."
)
_FOLLOWUP_PARTS = ("hyppighed", "form", "informeres", "ansvarlig")
_TEAM_PARTS = ("team", "ledelse", "medarbejdere")
_TEAM_CODES = {"TEAM_NO_MANAGEMENT": ("ledelse",), "TEAM_NO_EMPLOYEE_REPRESENTATION": ("medarbejdere",),
               "TEAM_EMPTY": _TEAM_PARTS, "TEAM_TABLE_NOT_FOUND": _TEAM_PARTS,
               "APPROVAL_MISSING": ("godkendelse",), "FRONT_SHEET_MISSING": (*_TEAM_PARTS, "godkendelse")}


class DimensionScore(BaseModel):
    dimension: Dimension = Field(title="Dimension")
    question: str = Field(title="Spørgsmål")
    score: int | None = Field(ge=0, le=100, title="Point (0-100)", description="Tom, når dimensionen ikke kan vurderes.")
    rating: str = Field(title="Vurdering", description="holdbar, sårbar, skrøbelig eller kan ikke vurderes")
    parts: int = Field(0, title="Dele", description="Hvor mange dele af planen dimensionen vurderer.")
    sound: float = Field(0, title="I orden", description="Hvor mange af delene der er i orden (½ med en advarsel).")
    findings: list[str] = Field(default_factory=list, title="Fund", description="Koderne bag pointtabet, med celle.")


class StressTest(BaseModel):
    dimensions: list[DimensionScore]
    overall: int | None = Field(ge=0, le=100, title="Samlet (gennemsnit)")
    rating: str
    scale: str = Field(SCALE_DA, title="Sådan læses pointene")


def rating(score: int | None) -> str:
    if score is None:
        return NOT_JUDGED
    return "holdbar" if score >= HOLDBAR_MIN else "sårbar" if score >= SAARBAR_MIN else "skrøbelig"


def dimension_of(finding: Finding) -> Dimension:
    info = RULES.get(finding.code)
    return info.dimension if info else Dimension.MAALKVALITET


def _filled_rows(plan: Plan) -> list[tuple[int, int, object]]:
    return [(s, r, row) for s, point in enumerate(plan.sigtepunkter) for r, row in enumerate(point.raekker)
            if not row.is_empty()]


def plan_parts(plan: Plan) -> dict[Dimension, set[tuple]]:
    """The parts of ``plan`` each dimension judges."""
    rows = _filled_rows(plan)
    points = sorted({s for s, _, _ in rows})
    return {
        Dimension.EJERSKAB: {("row", s, r) for s, r, row in rows if row.aktivitet or row.delmaal or row.maal},
        Dimension.TIDSPLAN: {("front",)} | {("row", s, r) for s, r, _ in rows} if rows else set(),
        Dimension.MAALKVALITET: {("sigtepunkt", s) for s in points} | {("row", s, r) for s, r, _ in rows},
        Dimension.OPFOELGNING: {("opf", s, part) for s in points for part in (*_FOLLOWUP_PARTS, "i tide")},
        Dimension.ORGANISATORISK_FORANKRING: {("org", part) for part in (*_TEAM_PARTS, "godkendelse")},
    }


def _parts_of(finding: Finding, dim: Dimension, where: dict[tuple, tuple]) -> tuple[tuple, ...]:
    """The part(s) of the plan a finding is about, in dimension ``dim``."""
    if dim is Dimension.ORGANISATORISK_FORANKRING and finding.code in _TEAM_CODES:
        return tuple(("org", part) for part in _TEAM_CODES[finding.code])
    key = where.get((finding.sheet, finding.cell)) if finding.cell else None
    if key is None:
        if dim is Dimension.OPFOELGNING and finding.code in ("OVERDUE", "DUE_SOON"):
            return (("opf", finding.sheet, "i tide"),)
        return ((finding.code, finding.sheet, finding.cell),)  # a part of its own
    kind = key[0]
    if kind == "row":
        if dim is Dimension.OPFOELGNING:
            return (("opf", key[1], "i tide"),)  # an overdue row: the sigtepunkt is not followed up in time
        return (("row", key[1], key[2]),)
    if kind in ("opf", "opf_dato"):
        field = key[2] if kind == "opf" else "hyppighed"
        if dim is Dimension.OPFOELGNING:
            if finding.code in ("OVERDUE", "DUE_SOON"):
                return (("opf", key[1], "i tide"),)
            return (("opf", key[1], "ansvarlig" if field == "formidling_ansvarlig" else field),)
        return (("opf", key[1], field),)
    if kind == "sigtepunkt":
        return (("sigtepunkt", key[1]),)
    if kind in ("plan", "team"):
        return (("front",),) if dim is Dimension.TIDSPLAN else ((kind, *key[1:]),)
    return (key,)


def stress_test(findings: list[Finding], plan: Plan | None = None, locator: Locator | None = None) -> StressTest:
    """Score each dimension as the share of its parts that are sound (see the module docstring)."""
    plan = plan or Plan()
    locator = locator or Locator.for_layout(plan)
    parts = plan_parts(plan)
    # the sigtepunkt index in a part key, whichever form the locator gave it (index, or sheet name)
    sheets = {name: s for s, name in enumerate(locator.sheets)}
    where = {cell: key for key, cell in locator.cells.items()}
    judged = bool(_filled_rows(plan))
    scores = []
    for dim in Dimension:
        mine = [f for f in findings if dimension_of(f) == dim]
        penalty: dict[tuple, float] = {}
        for f in mine:
            for part in _parts_of(f, dim, where):
                if part[0] == "opf" and isinstance(part[1], str):
                    part = ("opf", sheets.get(part[1], part[1]), part[2])
                penalty[part] = max(penalty.get(part, 0.0), PENALTY[f.severity])
        all_parts = parts[dim] | {p for p, v in penalty.items() if v > 0}
        if not judged and dim is not Dimension.ORGANISATORISK_FORANKRING or not all_parts:
            score, count, sound = None, len(all_parts), 0.0
        else:
            count = len(all_parts)
            sound = count - sum(penalty.values())
            score = round(100 * max(0.0, sound) / count)
        scores.append(
            DimensionScore(
                dimension=dim,
                question=QUESTIONS[dim],
                score=score,
                rating=rating(score),
                parts=count,
                sound=max(0.0, sound),
                findings=[f"{f.code} ({f.where})" if f.where else f.code for f in mine],
            )
        )
    assessed = [d.score for d in scores if d.score is not None]
    overall = round(sum(assessed) / len(assessed)) if judged and assessed else None
    return StressTest(dimensions=scores, overall=overall, rating=rating(overall))
