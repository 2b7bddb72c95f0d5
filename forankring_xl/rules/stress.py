"""Belastningsprøve: a stress test of the whole plan, one score per dimension with the findings behind it.

Each dimension starts at 100 and loses points for every finding in it (error 20, warning 8, info 2),
never below 0. 80 or more is 'holdbar', 50-79 'sårbar', below 50 'skrøbelig'.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from ..findings import Finding, Severity
from .base import RULES, Dimension

PENALTY = {Severity.ERROR: 20, Severity.WARNING: 8, Severity.INFO: 2}
QUESTIONS = {
    Dimension.EJERSKAB: "Er det tydeligt, hvem der gør hvad – med navn?",
    Dimension.TIDSPLAN: "Hænger datoerne sammen, og kan de nås med de folk, der er?",
    Dimension.MAALKVALITET: "Fører formål til aktiviteter, og mål til daterede delmål?",
    Dimension.OPFOELGNING: "Er det aftalt, hvornår, hvordan og af hvem der følges op?",
    Dimension.ORGANISATORISK_FORANKRING: "Står både ledelse og medarbejdere bag, og er planen godkendt?",
}


class DimensionScore(BaseModel):
    dimension: Dimension = Field(title="Dimension")
    question: str = Field(title="Spørgsmål")
    score: int = Field(ge=0, le=100, title="Point (0-100)")
    rating: str = Field(title="Vurdering", description="holdbar, sårbar eller skrøbelig")
    findings: list[str] = Field(default_factory=list, title="Fund", description="Koderne bag pointtabet, med celle.")


class StressTest(BaseModel):
    dimensions: list[DimensionScore]
    overall: int = Field(ge=0, le=100, title="Samlet (gennemsnit)")
    rating: str


def rating(score: int) -> str:
    return "holdbar" if score >= 80 else "sårbar" if score >= 50 else "skrøbelig"


def dimension_of(finding: Finding) -> Dimension:
    info = RULES.get(finding.code)
    return info.dimension if info else Dimension.MAALKVALITET


def stress_test(findings: list[Finding]) -> StressTest:
    scores = []
    for dim in Dimension:
        mine = [f for f in findings if dimension_of(f) == dim]
        score = max(0, 100 - sum(PENALTY[f.severity] for f in mine))
        scores.append(
            DimensionScore(
                dimension=dim,
                question=QUESTIONS[dim],
                score=score,
                rating=rating(score),
                findings=[f"{f.code} ({f.where})" if f.where else f.code for f in mine],
            )
        )
    overall = round(sum(d.score for d in scores) / len(scores))
    return StressTest(dimensions=scores, overall=overall, rating=rating(overall))
