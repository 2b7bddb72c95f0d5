"""Ejerskab: every activity, delmål and mål has one named person responsible.

A row that carries only a mål (or only a delmål) gets the check too: activities typed loose on the rows
below do not say who answers for the mål. Groups, units and organisations are groups whatever their
grammar ("De enkelte afdelinger", "Bestyrelsen", "Skolens ledelse"), never "only a first name".
"""

from __future__ import annotations

from ..findings import Severity
from ..text.names import OwnerKind, classify_owner, is_external
from .base import Context, Dimension, check, iter_rows, row_label, rule

OWNER_MISSING = rule("OWNER_MISSING", Severity.ERROR, Dimension.EJERSKAB, "Ingen ansvarlig ud for en aktivitet eller et delmål")
OWNER_NOT_A_PERSON = rule("OWNER_NOT_A_PERSON", Severity.ERROR, Dimension.EJERSKAB, "Den ansvarlige er en rolle eller en gruppe, ikke en person")
OWNER_FIRST_NAME_ONLY = rule("OWNER_FIRST_NAME_ONLY", Severity.INFO, Dimension.EJERSKAB, "Den ansvarlige står kun med fornavn")
OWNER_SEVERAL_NO_LEAD = rule("OWNER_SEVERAL_NO_LEAD", Severity.WARNING, Dimension.EJERSKAB, "Flere ansvarlige uden en hovedansvarlig")


@check
def owners(ctx: Context):
    groups = ctx.config.group_words()
    leads = ctx.config.words.lead_words
    for s, r, res in iter_rows(ctx.plan):
        row = res.row
        where = ctx.row_at(s, r, "ansvarlig")
        verdict = classify_owner(row.ansvarlig, groups, leads)
        if verdict.kind is OwnerKind.EMPTY:
            if row.aktivitet or row.delmaal or row.maal:
                what = "aktiviteten" if row.aktivitet else "delmålet" if row.delmaal else "målet"
                yield ctx.finding(
                    OWNER_MISSING, where, "Ansvarlig",
                    f"Ansvarlig mangler i {row_label(r)}: ingen står som ansvarlig for {what}.",
                    "Skriv navnet på den person, der har ansvaret.",
                )
        elif verdict.kind is OwnerKind.GROUP:
            what = "en aktør uden for kommunen" if is_external(row.ansvarlig) else "en gruppe eller en rolle"
            yield ctx.finding(
                OWNER_NOT_A_PERSON, where, "Ansvarlig",
                f"Ansvarlig er '{row.ansvarlig}', som er {what} og ikke en navngiven person.",
                "Skriv for- og efternavn på den ene person, der har ansvaret; når alle har ansvaret, har ingen det.",
            )
        elif verdict.kind is OwnerKind.FIRST_NAME:
            yield ctx.finding(
                OWNER_FIRST_NAME_ONLY, where, "Ansvarlig",
                f"Ansvarlig er kun et fornavn ('{row.ansvarlig}').",
                "Skriv både for- og efternavn, så der ikke er tvivl om, hvem det er.",
            )
        elif verdict.kind is OwnerKind.SEVERAL:
            yield ctx.finding(
                OWNER_SEVERAL_NO_LEAD, where, "Ansvarlig",
                f"Ansvarlig nævner flere personer ({', '.join(verdict.people)}) uden at sige, hvem der har hovedansvaret.",
                "Skriv én person som ansvarlig, eller markér hovedansvarlig, fx 'Mette Sørensen (ansvarlig)'.",
            )
