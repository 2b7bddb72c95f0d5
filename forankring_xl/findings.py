"""The one finding type that every rule, reader and output shares."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


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

    model_config = ConfigDict(frozen=True, extra="forbid", title="Fund")

    code: str = Field(title="Kode", description="Fast kode for fundets type, fx DATE_INVALID.")
    severity: Severity = Field(title="Alvor", description="error (fejl), warning (advarsel) eller info.")
    sheet: str | None = Field(None, title="Ark")
    cell: str | None = Field(None, title="Celle", description="Cellen i A1-form, fx G5.")
    field: str | None = Field(None, title="Felt", description="Feltets danske navn.")
    message: str = Field(title="Besked", description="Hvad der er galt, på dansk.")
    suggestion: str | None = Field(None, title="Forslag", description="Hvordan det rettes, på dansk.")

    @property
    def where(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or ""
