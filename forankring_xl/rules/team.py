"""Organisatorisk forankring: a team with both management and employees, and a recorded approval."""

from __future__ import annotations

from ..findings import Severity
from .base import Context, Dimension, check, rule

TEAM_EMPTY = rule("TEAM_EMPTY", Severity.ERROR, Dimension.ORGANISATORISK_FORANKRING, "Intet forankringsteam")
TEAM_NO_MANAGEMENT = rule("TEAM_NO_MANAGEMENT", Severity.WARNING, Dimension.ORGANISATORISK_FORANKRING, "Ledelsen er ikke med i teamet")
TEAM_NO_EMPLOYEES = rule("TEAM_NO_EMPLOYEE_REPRESENTATION", Severity.WARNING, Dimension.ORGANISATORISK_FORANKRING, "Medarbejderne er ikke repræsenteret i teamet")
APPROVAL_MISSING = rule("APPROVAL_MISSING", Severity.WARNING, Dimension.ORGANISATORISK_FORANKRING, "Ingen godkendelse af planen")


@check
def team(ctx: Context):
    members = ctx.plan.team
    front = ctx.locator.front_sheet
    first = ctx.locator.get(("team", 0, "rolle")) if members else (front, None)
    if not members:
        yield ctx.finding(
            TEAM_EMPTY, ctx.locator.get(("team", 0, "navn")), "Forankringsteam",
            "Der står ingen i forankringsteamet.",
            "Skriv teamets medlemmer med navn og rolle – både ledelse og medarbejdere.",
        )
        return
    roles = {m.rolle for m in members}
    if not roles & set(ctx.config.roles.management):
        yield ctx.finding(
            TEAM_NO_MANAGEMENT, first, "Forankringsteam",
            "Ingen i forankringsteamet har rollen leder.",
            "Få en leder med i teamet, så beslutninger og prioritering bakkes op.",
        )
    if not roles & set(ctx.config.roles.employee_representation):
        names = ", ".join(r.value for r in ctx.config.roles.employee_representation)
        yield ctx.finding(
            TEAM_NO_EMPLOYEES, first, "Forankringsteam",
            f"Medarbejderne er ikke repræsenteret i forankringsteamet (ingen {names}).",
            "Få en medarbejderrepræsentant, AMR eller TR med i teamet.",
        )


@check
def approval(ctx: Context):
    plan = ctx.plan
    missing = [label for key, label in (("godkendt_af", "Godkendt af"), ("godkendt_dato", "Godkendt dato"))
               if getattr(plan, key) is None]
    if missing:
        key = "godkendt_af" if plan.godkendt_af is None else "godkendt_dato"
        yield ctx.finding(
            APPROVAL_MISSING, ctx.locator.plan_field(key), missing[0],
            f"Planens godkendelse er ikke registreret ({' og '.join(missing)} mangler).",
            "Skriv, hvem der har godkendt planen (fx MED-udvalget), og hvornår – det er A'et i SMART.",
        )
