"""Later returns of the bundled example plans, as units send them back after a follow-up meeting.

``python scripts/later_versions.py UD`` writes a later version of every example plan into the folder UD
(which must not exist yet; nothing is overwritten): in each, the first delmål not yet reached is marked
Opnået with today's follow-up date, the next one's date is pushed two months, and the one after is
brought forward to a date that has passed. Used by
``scripts/render_overview.sh`` to show 'Udvikling siden sidst' on the Overblik sheet; the plans stay
invented, like the examples.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from dateutil.relativedelta import relativedelta

from forankring_xl.io.reader import read_plan
from forankring_xl.io.writer import write_plan
from forankring_xl.model import Plan, Status, is_closed

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FOLLOWED_UP = dt.date(2026, 11, 15)


def later(plan: Plan) -> Plan:
    data = plan.model_dump()
    # open: by the model's one definition of closed (a typed 'Afsluttet' is closed too), read on the model
    open_goals = [data["sigtepunkter"][s]["raekker"][r] for s, point in enumerate(plan.sigtepunkter)
                  for r, row in enumerate(point.raekker) if row.delmaal and not is_closed(row.status)]
    if open_goals:
        open_goals[0].update(status=Status.OPNAAET, sidst_fulgt_op=FOLLOWED_UP)
    if len(open_goals) > 1 and isinstance(open_goals[1].get("delmaal_dato"), dt.date):
        open_goals[1]["delmaal_dato"] += relativedelta(months=2)
    if len(open_goals) > 2:  # brought forward to a date that has now passed: newly late
        open_goals[2]["delmaal_dato"] = FOLLOWED_UP - relativedelta(months=1)
    return Plan.model_validate(data)


def main(out: Path) -> None:
    out.mkdir()  # refuses an existing folder
    for path in sorted(EXAMPLES.glob("*.xlsx")):
        write_plan(later(read_plan(path).plan), out / path.name)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
