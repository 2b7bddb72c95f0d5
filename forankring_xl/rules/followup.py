"""Opfølgning: when, how, who is informed, and a named person responsible."""

from __future__ import annotations

from ..findings import Severity
from ..text.frequency import is_optional, parse_frequency
from ..text.names import OwnerKind, classify_owner, is_external
from .base import Context, Dimension, check, rule

NO_WHEN = rule("FOLLOWUP_NO_WHEN", Severity.ERROR, Dimension.OPFOELGNING, "Opfølgningen siger ikke hvornår")
WHEN_UNCLEAR = rule("FOLLOWUP_WHEN_UNCLEAR", Severity.WARNING, Dimension.OPFOELGNING, "Opfølgningens hyppighed kan ikke bruges som frist")
NO_HOW = rule("FOLLOWUP_NO_HOW", Severity.WARNING, Dimension.OPFOELGNING, "Opfølgningen siger ikke hvordan")
NO_INFORMED = rule("FOLLOWUP_NO_INFORMED", Severity.WARNING, Dimension.OPFOELGNING, "Opfølgningen siger ikke, hvem der informeres")
NO_OWNER = rule("FOLLOWUP_NO_OWNER", Severity.ERROR, Dimension.OPFOELGNING, "Ingen ansvarlig for opfølgningen")
OWNER_NOT_A_PERSON = rule("FOLLOWUP_OWNER_NOT_A_PERSON", Severity.ERROR, Dimension.OPFOELGNING, "Ansvarlig for opfølgning er ikke en navngiven person")
OWNER_EXTERNAL = rule("FOLLOWUP_OWNER_EXTERNAL", Severity.ERROR, Dimension.OPFOELGNING, "Ansvarlig for opfølgning er en aktør uden for kommunen")
OPTIONAL = rule("FOLLOWUP_OPTIONAL", Severity.ERROR, Dimension.OPFOELGNING, "Opfølgningen er valgfri")
FORMIDLING_NOT_A_PERSON = rule("FOLLOWUP_FORMIDLING_NOT_A_PERSON", Severity.WARNING, Dimension.OPFOELGNING, "Ansvarlig for formidling er ikke en navngiven person")


@check
def followup(ctx: Context):
    groups = ctx.config.group_words()
    leads = ctx.config.words.lead_words
    for s, point in enumerate(ctx.plan.sigtepunkter):
        if not any(not row.is_empty() for row in point.raekker):
            continue
        opf = point.opfoelgning

        def at(key: str):
            return ctx.locator.get(("opf", s, key))

        if opf.hyppighed is None and not opf.datoer:
            yield ctx.finding(
                NO_WHEN, at("hyppighed"), "Hvor ofte følges der op",
                "Opfølgningen mangler: der står hverken, hvor ofte der følges op, eller faste datoer.",
                "Vælg fx 'Hver 2. måned', eller skriv faste mødedatoer.",
            )
        elif not opf.datoer and is_optional(opf.hyppighed):
            yield ctx.finding(
                OPTIONAL, at("hyppighed"), "Hvor ofte følges der op",
                f"Hvor ofte følges der op: '{opf.hyppighed}' gør opfølgningen valgfri – det er ingen plan for, "
                "hvornår der følges op.",
                "Aftal en fast hyppighed (fx 'Hver 2. måned') eller faste mødedatoer; ekstra møder kan altid lægges ind.",
            )
        elif not opf.datoer and parse_frequency(opf.hyppighed) is None:
            yield ctx.finding(
                WHEN_UNCLEAR, at("hyppighed"), "Hvor ofte følges der op",
                f"Hvor ofte følges der op: '{opf.hyppighed}' siger ikke, hvornår næste opfølgning er.",
                "Vælg en fast hyppighed fra listen (fx 'Hver 2. måned'), eller skriv faste mødedatoer.",
            )
        if opf.form is None:
            yield ctx.finding(
                NO_HOW, at("form"), "Hvordan følges der op",
                "Opfølgningen siger ikke, hvordan der følges op.",
                "Skriv mødeformen, fx læringsmøde i teamet eller punkt på personalemødet.",
            )
        elif is_optional(opf.form):
            yield ctx.finding(
                NO_HOW, at("form"), "Hvordan følges der op",
                f"Hvordan følges der op: '{opf.form}' er valgfrit og siger ikke, hvordan der faktisk følges op.",
                "Skriv den faste mødeform, fx punkt på personalemødet eller læringsmøde i teamet.",
            )
        if opf.informeres is None:
            yield ctx.finding(
                NO_INFORMED, at("informeres"), "Hvem informeres",
                "Opfølgningen siger ikke, hvem der skal informeres.",
                "Skriv fx medarbejdere, ledelse, MED og samarbejdspartnere.",
            )
        if opf.ansvarlig is None:
            yield ctx.finding(
                NO_OWNER, at("ansvarlig"), "Ansvarlig for opfølgning",
                "Ansvarlig for opfølgning mangler.",
                "Skriv navnet på den person, der sørger for, at opfølgningen sker.",
            )
        elif is_external(opf.ansvarlig, ctx.config.words.external_words):
            yield ctx.finding(
                OWNER_EXTERNAL, at("ansvarlig"), "Ansvarlig for opfølgning",
                f"Ansvarlig for opfølgning er '{opf.ansvarlig}', en aktør uden for kommunen. Opfølgningen skal "
                "ligge hos en person i kommunen, som kan sørge for, at den sker.",
                "Skriv for- og efternavn på den person i enheden, der har ansvaret for opfølgningen; en ekstern "
                "konsulent kan deltage, men ikke bære ansvaret.",
            )
        elif classify_owner(opf.ansvarlig, groups, leads).kind is OwnerKind.GROUP:
            yield ctx.finding(
                OWNER_NOT_A_PERSON, at("ansvarlig"), "Ansvarlig for opfølgning",
                f"Ansvarlig for opfølgning er '{opf.ansvarlig}', som er en gruppe eller en rolle, ikke en navngiven person.",
                "Skriv for- og efternavn på én person.",
            )
        if opf.formidling_ansvarlig is not None and (
            classify_owner(opf.formidling_ansvarlig, groups, leads).kind is OwnerKind.GROUP
        ):
            yield ctx.finding(
                FORMIDLING_NOT_A_PERSON, at("formidling_ansvarlig"), "Ansvarlig for formidling",
                f"Ansvarlig for formidling er '{opf.formidling_ansvarlig}', som er en gruppe eller en rolle, ikke en "
                "navngiven person.",
                "Skriv for- og efternavn på én person.",
            )
