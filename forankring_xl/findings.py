"""The one finding type that every rule, reader and output shares."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_DA = {Severity.ERROR: "fejl", Severity.WARNING: "advarsel", Severity.INFO: "info"}


class Finding(BaseModel):
    """Something worth telling HR about one place in a plan.

    ``code`` is stable upper snake case; ``message`` and ``suggestion`` are Danish.
    ``sheet``/``cell`` (A1 style) point at the place in the workbook when known.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    severity: Severity
    sheet: str | None = None
    cell: str | None = None
    field: str | None = None
    message: str
    suggestion: str | None = None

    @property
    def where(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or ""
