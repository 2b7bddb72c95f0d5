"""The plan model (pure data, no I/O)."""

from .plan import (
    CLOSED_STATUSES,
    MAX_CELL_TEXT,
    TEMPLATE_VERSION,
    Opfoelgning,
    Phase,
    Plan,
    PlanRow,
    Raw,
    ResolvedRow,
    Role,
    Sigtepunkt,
    Status,
    TeamMember,
)

__all__ = [
    "CLOSED_STATUSES",
    "MAX_CELL_TEXT",
    "TEMPLATE_VERSION",
    "Opfoelgning",
    "Phase",
    "Plan",
    "PlanRow",
    "Raw",
    "ResolvedRow",
    "Role",
    "Sigtepunkt",
    "Status",
    "TeamMember",
]
