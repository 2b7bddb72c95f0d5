"""SMART: every delmål must be SMART (one warning per failing letter); a non-SMART mål gets advice."""

from __future__ import annotations

from ..findings import Severity
from ..smart.checker import GoalContext, default_lexicon, judge_goal
from ..text.names import classify_owner, person_key
from .base import Context, Dimension, check, iter_rows, real_date, row_label, rule
from .load import overloaded_owners

LETTER_NAMES = {"S": "specifikt", "M": "målbart", "A": "accepteret", "R": "realistisk", "T": "tidsbestemt"}
SMART_RULES = {
    "S": rule("SMART_S", Severity.WARNING, Dimension.MAALKVALITET, "Delmålet er ikke specifikt"),
    "M": rule("SMART_M", Severity.WARNING, Dimension.MAALKVALITET, "Delmålet er ikke målbart"),
    "A": rule("SMART_A", Severity.WARNING, Dimension.ORGANISATORISK_FORANKRING, "Delmålet er ikke accepteret (planen er ikke godkendt)"),
    "R": rule("SMART_R", Severity.WARNING, Dimension.TIDSPLAN, "Delmålet er ikke realistisk"),
    "T": rule("SMART_T", Severity.WARNING, Dimension.MAALKVALITET, "Delmålet er ikke tidsbestemt"),
}
MAAL_ADVICE = rule("SMART_MAAL", Severity.INFO, Dimension.MAALKVALITET, "Målet er ikke SMART")


def goal_context(ctx: Context, res, overloaded: set[str]) -> GoalContext:
    plan, row = ctx.plan, res.row
    people = classify_owner(row.ansvarlig, ctx.config.group_words(), ctx.config.words.lead_words).people
    return GoalContext(
        approved_by=plan.godkendt_af,
        approved_on=real_date(plan.godkendt_dato),
        plan_start=real_date(plan.periode_start),
        plan_end=real_date(plan.periode_slut),
        activity_start=real_date(row.start),
        maal_date=real_date(res.maal_dato) if res.maal else None,
        owner_overloaded=any(person_key(p) in overloaded for p in people),
        owner=row.ansvarlig,
        has_plan=True,
    )


def verdicts(ctx: Context):
    """(s, r, resolved row, delmål verdict or None, mål verdict or None) for every row with a goal."""
    lexicon = default_lexicon().extended(ctx.config.lexicon)
    overloaded = overloaded_owners(ctx)
    for s, r, res in iter_rows(ctx.plan):
        row = res.row
        if not (row.delmaal or row.maal):
            continue
        goal_ctx = goal_context(ctx, res, overloaded)
        delmaal = judge_goal(row.delmaal, row.delmaal_dato, goal_ctx, lexicon) if row.delmaal else None
        maal = judge_goal(row.maal, row.maal_dato, goal_ctx, lexicon, kind="mål") if row.maal else None
        yield s, r, res, delmaal, maal


@check
def smart(ctx: Context):
    for s, r, res, delmaal, maal in verdicts(ctx):
        if delmaal is not None:
            for letter in delmaal.failing():
                yield ctx.finding(
                    SMART_RULES[letter], ctx.row_at(s, r, "delmaal"), "Delmål",
                    f"Delmålet i {row_label(r)} er ikke {LETTER_NAMES[letter]} ({letter}): {delmaal.reasons[letter]}",
                    delmaal.hints.get(letter) or delmaal.suggestion,
                )
        # mål: advice on what the text shows (S, M, T); A and R are judged on its delmål
        failing = [letter for letter in maal.failing() if letter in "SMT"] if maal is not None else []
        if failing:
            letters = ", ".join(failing)
            why = " ".join(maal.reasons[letter] for letter in failing)
            yield ctx.finding(
                MAAL_ADVICE, ctx.row_at(s, r, "maal"), "Mål",
                f"Målet i {row_label(r)} er ikke SMART ({letters}): {why}",
                " ".join(dict.fromkeys(maal.hints[letter] for letter in failing if letter in maal.hints)) or maal.suggestion,
            )
