"""The workbooks forankring writes that are not plans, told apart by their sheet names.

A påmind list, an udsend send list or a batch overview given where a plan is expected (``check
oversigt.xlsx``, or lying in an inbox) is refused by the reader with a Danish reason naming what it is;
the overview would otherwise read as a plan, since its sheets carry the headers Delmål and Ansvarlig.
Pure: names in, a Danish description out.
"""

from __future__ import annotations

from collections.abc import Iterable

from .spec import FRONT_SHEET

#: The sheets of påmind's Påmindelser.xlsx: the mail-merge list, the name grouping, items with nobody to remind.
REMINDER_SHEETS = ("Påmindelser", "Navnegrupper", "Uden navngiven ansvarlig")
#: The one sheet of udsend's Udsendelsesliste.xlsx.
SEND_LIST_SHEET = "Udsendelse"
#: Sheets of batch's overview (io/overview.py names its sheets by these): one line per plan, the overdue
#: items, the files that failed or were skipped.
PLANS_SHEET = "Planer"
OVERDUE_SHEET = "Forfaldne"
FAILED_SHEET = "Fejlede filer"
#: The status column of a 'Fejlede filer' sheet, the overview's and påmind's list alike (a manifest status in,
#: Danish out).
FAILED_STATUS = {"failed": "fejlet", "skipped": "sprunget over"}
#: The ones every overview has (it has more: Overblik, Ikke-SMART delmål, …), which tell it apart.
OVERVIEW_SHEETS = (PLANS_SHEET, OVERDUE_SHEET, FAILED_SHEET)

#: (sheets that must all be there, what the workbook is, in Danish)
OWN_OUTPUTS = (
    (REMINDER_SHEETS, "påmindelseslisten fra 'forankring påmind'"),
    ((SEND_LIST_SHEET,), "udsendelseslisten fra 'forankring udsend'"),
    (OVERVIEW_SHEETS, "oversigten fra 'forankring batch'"),
)


def own_output_kind(sheet_names: Iterable[str]) -> str | None:
    """What a workbook with these sheets is, if forankring wrote it and it is no plan; else None.

    A workbook with a front page (Forside) is never taken for one of ours, so a plan with extra sheets
    that happen to carry these names is always read as a plan."""
    names = set(sheet_names)
    if FRONT_SHEET in names:
        return None
    return next((what for sheets, what in OWN_OUTPUTS if names.issuperset(sheets)), None)
