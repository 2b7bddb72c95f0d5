"""What every rule shares: the rule registry, the check context and a finding factory."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from enum import StrEnum
from typing import Callable, Iterable, Iterator

from ..findings import Finding, Severity
from ..layout import spec as L
from ..layout.locator import Locator
from ..model import Plan, Raw
from ..overdue.items import Item, collect_items
from ..text.dates import format_date as fmt  # noqa: F401  (rules import it from here)
from .config import CheckConfig


class Dimension(StrEnum):
    """The belastningsprøve's dimensions."""

    EJERSKAB = "ejerskab"
    TIDSPLAN = "tidsplan"
    MAALKVALITET = "målkvalitet"
    OPFOELGNING = "opfølgning"
    ORGANISATORISK_FORANKRING = "organisatorisk forankring"


@dataclass(frozen=True)
class RuleInfo:
    code: str
    severity: Severity
    dimension: Dimension
    title: str  # Danish, one line: what the rule looks for


RULES: dict[str, RuleInfo] = {}


def rule(code: str, severity: Severity, dimension: Dimension, title: str) -> RuleInfo:
    info = RuleInfo(code, severity, dimension, title)
    RULES[code] = info
    return info


# Findings the reader makes are part of the same picture.
rule("DATE_INVALID", Severity.ERROR, Dimension.TIDSPLAN, "En dato kan ikke læses")
rule("VALUE_NOT_IN_LIST", Severity.ERROR, Dimension.MAALKVALITET, "En værdi står ikke på listen")
rule("DATE_HAS_TIME", Severity.INFO, Dimension.TIDSPLAN, "En dato har et klokkeslæt")
rule("FORMULA_NO_VALUE", Severity.WARNING, Dimension.MAALKVALITET, "En formel uden beregnet værdi")
rule("CELL_OUTSIDE_TABLE", Severity.WARNING, Dimension.MAALKVALITET, "Tekst uden for tabellen")
rule("FIELD_NOT_FOUND", Severity.WARNING, Dimension.MAALKVALITET, "Et felt mangler i arket")
rule("TABLE_COLUMN_MISSING", Severity.WARNING, Dimension.MAALKVALITET, "En kolonne mangler i tabellen")
rule("FRONT_SHEET_MISSING", Severity.ERROR, Dimension.ORGANISATORISK_FORANKRING, "Forsiden mangler")
rule("TEAM_TABLE_NOT_FOUND", Severity.WARNING, Dimension.ORGANISATORISK_FORANKRING, "Teamtabellen mangler")
rule("NO_SIGTEPUNKT_SHEET", Severity.ERROR, Dimension.MAALKVALITET, "Intet sigtepunkt-ark")
rule("FOLLOWUP_BLOCK_NOT_FOUND", Severity.WARNING, Dimension.OPFOELGNING, "Opfølgningsblokken mangler")

FIELD_LABELS = {c.key: c.header.split(" (")[0] for c in L.ROW_TABLE.columns}
FIELD_LABELS.update({f.key: f.label for f in L.FRONT_FIELDS})
FOLLOWUP_LABELS = {f.key: f.label.split(" (")[0].rstrip("?") for f in L.FOLLOWUP_FIELDS}


@dataclass
class Context:
    plan: Plan
    locator: Locator
    as_of: dt.date
    config: CheckConfig = field(default_factory=CheckConfig)

    @cached_property
    def items(self) -> list[Item]:
        """Overdue and due-soon items as of ``as_of``, computed once per check: the overdue rule reports them,
        and the report keeps them for whoever needs them again (udvikling)."""
        return collect_items([(self.plan, self.locator)], self.as_of, self.config.thresholds.due_soon_days)

    def severity(self, info: RuleInfo) -> Severity:
        return self.config.severity.get(info.code, info.severity)

    def finding(
        self,
        info: RuleInfo,
        where: tuple[str | None, str | None],
        field_name: str | None,
        message: str,
        suggestion: str | None = None,
    ) -> Finding:
        sheet, cell = where
        return Finding(
            code=info.code,
            severity=self.severity(info),
            sheet=sheet,
            cell=cell,
            field=field_name,
            message=message,
            suggestion=suggestion,
        )

    def row_at(self, s: int, r: int, key: str) -> tuple[str | None, str | None]:
        return self.locator.row_field(s, r, key)

    def sheet_of(self, s: int) -> str | None:
        return self.locator.sheets[s] if s < len(self.locator.sheets) else None


Check = Callable[[Context], Iterable[Finding]]
CHECKS: list[Check] = []


def check(fn: Check) -> Check:
    CHECKS.append(fn)
    return fn


def real_date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) and not isinstance(value, Raw) else None


def row_label(r: int) -> str:
    return f"række {r + 1}"


def iter_rows(plan: Plan) -> Iterator[tuple[int, int, object]]:
    """(sigtepunkt index, row index, resolved row) for every non-empty row."""
    for s, point in enumerate(plan.sigtepunkter):
        for resolved in point.resolved_rows():
            if not resolved.row.is_empty():
                yield s, resolved.index, resolved
