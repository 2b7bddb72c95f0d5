"""Runs every rule on a plan and returns one report: findings, summary and belastningsprøve."""

from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, Field, PrivateAttr

from .. import __version__
from ..findings import Finding, Severity
from ..layout.locator import Locator
from ..model import Plan
from ..overdue.items import Item
from . import apv, dates, followup, load, overdue, owner, smart, structure, team, values  # noqa: F401  (registers the checks)
from .base import CHECKS, Context
from .clock import COPENHAGEN, today  # noqa: F401  (today was defined here; kept importable)
from .config import CheckConfig
from .stress import StressTest, stress_test



class Summary(BaseModel):
    kommune: str | None = None
    enhed: str | None = None
    indsats: str | None = None
    fase: str | None = None
    periode_start: str | None = None
    periode_slut: str | None = None
    sigtepunkter: int = 0
    raekker: int = 0
    delmaal: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0


class Report(BaseModel):
    source_file: str | None = None
    as_of: dt.date
    tool_version: str = __version__
    summary: Summary
    findings: list[Finding] = Field(default_factory=list)
    stress_test: StressTest
    # The overdue and due-soon items the check found (not part of the report's JSON): set by check_plan,
    # so a caller that needs them again (udvikling) does not compute them a second time.
    _items: list[Item] | None = PrivateAttr(None)

    @property
    def items(self) -> list[Item] | None:
        """The overdue and due-soon items as of ``as_of`` (None for a report not made by check_plan here)."""
        return self._items

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)


def _cell_key(cell: str | None) -> tuple[int, int]:
    if not cell:
        return (0, 0)
    m = re.match(r"([A-Z]+)(\d+)", cell)
    if not m:
        return (0, 0)
    col = 0
    for ch in m[1]:
        col = col * 26 + ord(ch) - 64
    return (int(m[2]), col)


def _code_key(code: str) -> str:
    """The SMART letters of one cell in the order the word spells them (S, M, A, R, T), other codes by name."""
    letter = code.removeprefix("SMART_")
    return f"SMART_{'SMART'.index(letter)}" if len(letter) == 1 and letter in "SMART" else code


def order_findings(findings: list[Finding], locator: Locator) -> list[Finding]:
    sheets = [locator.front_sheet, *locator.sheets]
    rank = {name: i for i, name in enumerate(sheets) if name}
    severity = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return sorted(
        findings,
        key=lambda f: (rank.get(f.sheet, len(rank)), _cell_key(f.cell), severity[f.severity], _code_key(f.code)),
    )


def _summary(plan: Plan, findings: list[Finding]) -> Summary:
    def text(v):
        return None if v is None else str(v)

    rows = [row for s in plan.sigtepunkter for row in s.raekker if not row.is_empty()]
    return Summary(
        kommune=plan.kommune,
        enhed=plan.enhed,
        indsats=plan.indsats,
        fase=text(plan.fase),
        periode_start=text(plan.periode_start),
        periode_slut=text(plan.periode_slut),
        sigtepunkter=len(plan.sigtepunkter),
        raekker=len(rows),
        delmaal=sum(1 for row in rows if row.delmaal),
        errors=sum(f.severity is Severity.ERROR for f in findings),
        warnings=sum(f.severity is Severity.WARNING for f in findings),
        infos=sum(f.severity is Severity.INFO for f in findings),
    )


def check_plan(
    plan: Plan,
    locator: Locator | None = None,
    as_of: dt.date | None = None,
    config: CheckConfig | None = None,
    read_findings: list[Finding] | tuple[Finding, ...] = (),
    source_file: str | None = None,
) -> Report:
    """Check ``plan``. ``locator`` says where values sit (defaults to the template layout)."""
    locator = locator or Locator.for_layout(plan)
    config = config or CheckConfig()
    ctx = Context(plan=plan, locator=locator, as_of=as_of or today(), config=config)
    findings: list[Finding] = []
    seen: set[tuple] = set()
    for finding in [*(config_severity(f, config) for f in read_findings), *(f for c in CHECKS for f in c(ctx))]:
        key = (finding.code, finding.sheet, finding.cell)
        if key not in seen:
            seen.add(key)
            findings.append(finding)
    findings = order_findings(findings, locator)
    report = Report(
        source_file=source_file,
        as_of=ctx.as_of,
        summary=_summary(plan, findings),
        findings=findings,
        stress_test=stress_test(findings, plan, locator),
    )
    report._items = ctx.items
    return report


def config_severity(finding: Finding, config: CheckConfig) -> Finding:
    override = config.severity.get(finding.code)
    return finding if override is None else finding.model_copy(update={"severity": override})
