"""Målkvalitet (structure): formål lead to activities, mål to delmål, sigtepunkter have rows."""

from __future__ import annotations

from ..findings import Severity
from ..model import Status, is_closed
from .base import Context, Dimension, check, row_label, rule

MAAL_NO_AKTIVITET = rule("MAAL_NO_AKTIVITET", Severity.ERROR, Dimension.MAALKVALITET, "Et mål uden en aktivitet, der fører til det")
SIGTEPUNKT_NO_GOAL = rule("SIGTEPUNKT_NO_GOAL", Severity.ERROR, Dimension.MAALKVALITET, "Et sigtepunkt uden mål og delmål")
DELMAAL_NO_AKTIVITET = rule("DELMAAL_NO_AKTIVITET", Severity.ERROR, Dimension.MAALKVALITET, "Et delmål uden en aktivitet, der fører til det")
FORMAAL_NO_AKTIVITET = rule("FORMAAL_NO_AKTIVITET", Severity.ERROR, Dimension.MAALKVALITET, "Et formål uden aktivitet")
MAAL_NO_DELMAAL = rule("MAAL_NO_DELMAAL", Severity.WARNING, Dimension.MAALKVALITET, "Et mål uden delmål")
SIGTEPUNKT_NO_ROWS = rule("SIGTEPUNKT_NO_ROWS", Severity.ERROR, Dimension.MAALKVALITET, "Et sigtepunkt uden rækker")
SIGTEPUNKT_NO_TITLE = rule("SIGTEPUNKT_NO_TITLE", Severity.WARNING, Dimension.MAALKVALITET, "Et sigtepunkt uden navn")
NO_SIGTEPUNKT = rule("NO_SIGTEPUNKT", Severity.ERROR, Dimension.MAALKVALITET, "Planen har intet sigtepunkt")
TOO_MANY_SIGTEPUNKTER = rule("TOO_MANY_SIGTEPUNKTER", Severity.INFO, Dimension.MAALKVALITET, "Flere aktive sigtepunkter end anbefalet")
DUPLICATE_ROW = rule("DUPLICATE_ROW", Severity.WARNING, Dimension.MAALKVALITET, "To ens rækker")


def _has_rows(point) -> bool:
    return any(not row.is_empty() for row in point.raekker)


def _active(point) -> bool:
    statuses = [row.status for row in point.raekker if not row.is_empty()]
    return bool(statuses) and any(not is_closed(st) and st != Status.IKKE_OPNAAET for st in statuses)


@check
def sigtepunkter(ctx: Context):
    points = ctx.plan.sigtepunkter
    if not any(_has_rows(p) or p.titel for p in points):
        yield ctx.finding(
            NO_SIGTEPUNKT, (ctx.sheet_of(0) or ctx.locator.front_sheet, None), "Sigtepunkt",
            "Planen har intet udfyldt sigtepunkt.",
            "Vælg 2-3 sigtepunkter, og udfyld et ark for hvert.",
        )
        return
    for s, point in enumerate(points):
        if point.is_empty():
            continue
        if not _has_rows(point):
            yield ctx.finding(
                SIGTEPUNKT_NO_ROWS, ctx.locator.get(("sigtepunkt", s, "titel")), "Sigtepunkt",
                f"Sigtepunktet '{point.titel or ctx.sheet_of(s)}' har ingen rækker med formål, aktiviteter eller mål.",
                "Udfyld tabellen, eller fjern sigtepunktet.",
            )
        elif not any(row.maal or row.delmaal for row in point.raekker):
            yield ctx.finding(
                SIGTEPUNKT_NO_GOAL, ctx.locator.get(("sigtepunkt", s, "titel")), "Mål",
                f"Sigtepunktet '{point.titel or ctx.sheet_of(s)}' har hverken mål eller delmål: planen siger, hvad der "
                "skal gøres, men ikke, hvad der skal være nået hvornår.",
                "Skriv målet (den synlige forandring) med dato, og delmål på vejen dertil.",
            )
        if _has_rows(point) and point.titel is None:
            yield ctx.finding(
                SIGTEPUNKT_NO_TITLE, ctx.locator.get(("sigtepunkt", s, "titel")), "Sigtepunkt",
                "Sigtepunktet har rækker, men intet navn.", "Skriv sigtepunktets navn øverst på arket.",
            )
    active = [p for p in points if _active(p)]
    limit = ctx.config.thresholds.max_active_sigtepunkter
    if len(active) > limit:
        yield ctx.finding(
            TOO_MANY_SIGTEPUNKTER, (ctx.locator.front_sheet, None), "Sigtepunkt",
            f"Planen har {len(active)} aktive sigtepunkter. Vejledningen anbefaler 2-3 ad gangen.",
            "Overvej at afslutte eller udskyde nogle sigtepunkter, så kræfterne samles.",
        )


@check
def groups(ctx: Context):
    for s, point in enumerate(ctx.plan.sigtepunkter):
        resolved = [res for res in point.resolved_rows() if not res.row.is_empty()]
        by_formaal: dict[int, list] = {}
        by_maal: dict[int, list] = {}
        for res in resolved:
            if res.formaal_from is not None:
                by_formaal.setdefault(res.formaal_from, []).append(res)
            if res.maal_from is not None:
                by_maal.setdefault(res.maal_from, []).append(res)
        for first, members in by_formaal.items():
            if not any(m.row.aktivitet for m in members):
                yield ctx.finding(
                    FORMAAL_NO_AKTIVITET, ctx.row_at(s, first, "aktivitet"), "Aktivitet",
                    f"Formålet i {row_label(first)} har ingen aktivitet.",
                    "Skriv, hvad I vil gøre for at nå formålet.",
                )
        # a mål or delmål with no activity on its row or anywhere in its mål (or formål) group: no "how";
        # one finding per group, none where the formål's own finding already says it
        without_how: dict[tuple, list[int]] = {}
        flagged_formaal = {first for first, members in by_formaal.items() if not any(m.row.aktivitet for m in members)}
        for res in resolved:
            if not (res.row.delmaal or res.row.maal) or res.row.aktivitet or res.formaal_from in flagged_formaal:
                continue
            if res.maal_from is not None:
                key, members = ("mål", res.maal_from), by_maal[res.maal_from]
            elif res.formaal_from is not None:
                key, members = ("formål", res.formaal_from), by_formaal[res.formaal_from]
            else:
                key, members = ("række", res.index), [res]
            if not any(m.row.aktivitet for m in members):
                without_how.setdefault(key, []).append(res.index)
        for key, indexes in without_how.items():
            first = indexes[0]
            if key[0] == "mål":
                delmaal = [i for i in indexes if point.raekker[i].delmaal]
                which = f"Målet i {row_label(key[1])}" + (
                    f" og dets delmål (række {', '.join(str(i + 1) for i in delmaal)})" if delmaal else "")
                info, pronoun = MAAL_NO_AKTIVITET, "dem" if delmaal else "det"
            else:
                which = (f"Delmålet i {row_label(first)}" if len(indexes) == 1 else
                         "Delmålene i rækkerne " + ", ".join(str(i + 1) for i in indexes))
                info, pronoun = DELMAAL_NO_AKTIVITET, "det" if len(indexes) == 1 else "dem"
            yield ctx.finding(
                info, ctx.row_at(s, first, "aktivitet"), "Aktivitet",
                f"{which} har ingen aktivitet, der fører til {pronoun}: planen siger, hvad der skal nås, men ikke hvordan.",
                "Skriv den aktivitet, der skal føre dertil (fx kursus, ny procedure, sidemandsoplæring), "
                "og hvem der har ansvaret for den.",
            )
        for first, members in by_maal.items():
            if not any(m.row.delmaal for m in members):
                yield ctx.finding(
                    MAAL_NO_DELMAAL, ctx.row_at(s, first, "delmaal"), "Delmål",
                    f"Målet i {row_label(first)} har ingen delmål.",
                    "Skriv mindst ét delmål med dato, så I kan se fremdriften undervejs (fx efter 3, 6 og 9 måneder).",
                )


@check
def duplicates(ctx: Context):
    # Two rows are the same when their whole content is; the whole content (as JSON) is made only for rows
    # whose texts repeat an earlier row's, each row's at most once, not for every row of every check.
    for s, point in enumerate(ctx.plan.sigtepunkter):
        first: dict[tuple, int] = {}  # the row's texts → the first row with them
        seen: dict[str, int] = {}  # the whole row → the first row with it, among rows whose texts repeat
        dumped: set[int] = set()  # first rows whose whole content is in ``seen``
        for r, row in enumerate(point.raekker):
            if row.is_empty():
                continue
            texts = (row.formaal, row.aktivitet, row.ansvarlig, row.delmaal, row.maal)
            earlier = first.setdefault(texts, r)
            if earlier == r:
                continue
            if earlier not in dumped:
                dumped.add(earlier)
                seen.setdefault(point.raekker[earlier].model_dump_json(), earlier)
            key = row.model_dump_json()
            if key in seen:
                yield ctx.finding(
                    DUPLICATE_ROW, ctx.row_at(s, r, "aktivitet"), "Aktivitet",
                    f"{row_label(r).capitalize()} er magen til {row_label(seen[key])}.",
                    "Slet den ene række, eller ret den, hvis den skulle handle om noget andet.",
                )
            else:
                seen[key] = r
