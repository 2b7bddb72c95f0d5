"""SMART: every delmål must be SMART (one warning per failing letter); a non-SMART mål gets advice.

Only what the goal's text shows is reported per goal (S and M). The other letters are judged on the plan,
and each of their problems is reported once, by the rule that owns it: A by APPROVAL_MISSING (one
plan-level finding, not a warning on every delmål), R by the date and load rules (DELMAAL_AFTER_MAAL,
DATE_AFTER_PLAN_END, OWNER_OVERLOADED …), and T by the date rules: a missing date is DELMAAL_NO_DATE,
an unreadable one DATE_INVALID (a readable date cell or a deadline in the text always passes T).
"""

from __future__ import annotations

from ..findings import Severity
from ..smart.checker import GoalContext, default_lexicon, judge_goal
from ..text.names import classify_owner, person_key
from ..model import cell_due, cell_start
from .base import Context, Dimension, check, iter_rows, row_label, rule
from .load import overloaded_owners

LETTER_NAMES = {"S": "specifikt", "M": "målbart", "A": "accepteret", "R": "realistisk", "T": "tidsbestemt"}
SMART_RULES = {
    "S": rule("SMART_S", Severity.WARNING, Dimension.MAALKVALITET, "Delmålet er ikke specifikt"),
    "M": rule("SMART_M", Severity.WARNING, Dimension.MAALKVALITET, "Delmålet er ikke målbart"),
}
MAAL_ADVICE = rule("SMART_MAAL", Severity.INFO, Dimension.MAALKVALITET, "Målet er ikke SMART")
#: The letters a goal's own finding reports; A, R and T problems have their own rules (see above).
REPORTED_LETTERS = ("S", "M")


def goal_context(ctx: Context, res, overloaded: set[str]) -> GoalContext:
    plan, row = ctx.plan, res.row
    people = classify_owner(row.ansvarlig, ctx.config.group_words(), ctx.config.words.lead_words).people
    return GoalContext(
        approved_by=plan.godkendt_af,
        approved_on=cell_due(plan.godkendt_dato),
        plan_start=cell_start(plan.periode_start),
        plan_end=cell_due(plan.periode_slut),
        activity_start=cell_start(row.start),
        maal_date=cell_due(res.maal_dato) if res.maal else None,
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
            for letter in (x for x in delmaal.failing() if x in REPORTED_LETTERS):
                yield ctx.finding(
                    SMART_RULES[letter], ctx.row_at(s, r, "delmaal"), "Delmål",
                    f"Delmålet i {row_label(r)} er ikke {LETTER_NAMES[letter]} ({letter}): {delmaal.reasons[letter]}",
                    delmaal.hints.get(letter) or delmaal.suggestion,
                )
        # mål: advice on what the text shows (S, M); a missing mål date is MAAL_NO_DATE
        failing = [letter for letter in maal.failing() if letter in REPORTED_LETTERS] if maal is not None else []
        if failing:
            letters = ", ".join(failing)
            why = " ".join(maal.reasons[letter] for letter in failing)
            yield ctx.finding(
                MAAL_ADVICE, ctx.row_at(s, r, "maal"), "Mål",
                f"Målet i {row_label(r)} er ikke SMART ({letters}): {why}",
                " ".join(dict.fromkeys(maal.hints[letter] for letter in failing if letter in maal.hints)) or maal.suggestion,
            )
