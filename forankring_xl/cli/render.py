"""Plain-text rendering of a check report, in Danish, grouped by sheet (sigtepunkt)."""

from __future__ import annotations

from ..findings import SEVERITY_DA
from ..rules.engine import Report
from ..text.dates import format_date as _date
from ..text.numbers import count


def render_text(report: Report, titles: dict[str, str] | None = None) -> str:
    titles = titles or {}
    s = report.summary
    out = [
        f"Tjek af {report.source_file or 'planen'} pr. {_date(report.as_of)}",
        f"Enhed: {s.enhed or '(ikke udfyldt)'} · Indsats: {s.indsats or '(ikke udfyldt)'}",
        f"{count(s.sigtepunkter, 'sigtepunkt', 'sigtepunkter')}, {count(s.raekker, 'række', 'rækker')}, "
        f"{s.delmaal} delmål · {s.errors} fejl, {count(s.warnings, 'advarsel', 'advarsler')}, {s.infos} info",
        "",
    ]
    if not report.findings:
        out += ["Ingen fund: planen ser solid ud.", ""]
    groups: dict[str, list] = {}
    for f in report.findings:
        groups.setdefault(f.sheet or "Hele planen", []).append(f)
    for sheet, items in groups.items():
        title = titles.get(sheet)
        out.append(f"{sheet}: {title}" if title else sheet)
        width = max(len(f.cell or "-") for f in items)
        for i, f in enumerate(items):
            sev = SEVERITY_DA[f.severity].ljust(8)
            out.append(f"  {sev}  {(f.cell or '-').ljust(width)}  {f.message}")
            after = items[i + 1] if i + 1 < len(items) else None
            if f.suggestion and not (after and (after.cell, after.suggestion) == (f.cell, f.suggestion)):
                # several letters failing in one cell share their advice: say it once, after the last
                out.append(f"  {'':8}  {'':{width}}  → {f.suggestion}")
        out.append("")
    stress = report.stress_test
    if stress.overall is None:
        out.append(f"Belastningsprøve ({stress.rating}: planen har ingen udfyldte rækker)")
    else:
        out.append(f"Belastningsprøve (samlet {stress.overall} point: {stress.rating})")
    for d in stress.dimensions:
        score = "-" if d.score is None else d.score
        out.append(f"  {d.dimension.value.capitalize():<27} {score:>3}  {d.rating:<17} {len(d.findings)} fund")
    out.append(f"  {stress.scale}")
    return "\n".join(out) + "\n"
