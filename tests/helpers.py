"""Test helpers: a content fingerprint of a workbook (read with openpyxl), and a call counter."""

from __future__ import annotations

import sys

from openpyxl import load_workbook


def _color(fill):
    try:
        return fill.fgColor.rgb if fill and fill.fill_type else None
    except AttributeError:
        return None


def fingerprint(path) -> dict:
    """Everything a user sees or relies on in a workbook, minus timestamps."""
    wb = load_workbook(path)
    out = {
        "sheets": [],
        "names": sorted((n, d.attr_text) for n, d in wb.defined_names.items()),
        "lock_structure": bool(wb.security and wb.security.lockStructure),
        "epoch": wb.epoch.isoformat(),
    }
    for ws in wb.worksheets:
        cells = []
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                cells.append(
                    (
                        c.coordinate,
                        repr(c.value),
                        c.data_type,
                        c.number_format,
                        _color(c.fill),
                        bool(c.font and c.font.b),
                        bool(c.protection.locked),
                    )
                )
        out["sheets"].append(
            {
                "title": ws.title,
                "state": ws.sheet_state,
                "cells": cells,
                "merged": sorted(str(r) for r in ws.merged_cells.ranges),
                "validations": sorted(
                    (
                        dv.type,
                        str(dv.sqref),
                        dv.formula1,
                        dv.formula2,
                        dv.error,
                        dv.errorTitle,
                        dv.prompt,
                        dv.errorStyle,
                    )
                    for dv in ws.data_validations.dataValidation
                ),
                "conditional": sorted(
                    (str(rng.sqref), tuple(tuple(r.formula) for r in rules))
                    for rng, rules in ws.conditional_formatting._cf_rules.items()
                ),
                "local_names": sorted((n, d.attr_text) for n, d in ws.defined_names.items()),
                "freeze": ws.freeze_panes,
                "orientation": ws.page_setup.orientation,
                "paper": ws.page_setup.paperSize,
                "protected": bool(ws.protection.sheet),
                "print_titles": ws.print_title_rows,
            }
        )
    return out


def calls_of(fn, run) -> int:
    """How many times ``fn`` runs during ``run()``, wherever it was imported from (counted by its code)."""
    code, count = fn.__code__, 0

    def profile(frame, event, arg):
        nonlocal count
        if event == "call" and frame.f_code is code:
            count += 1

    sys.setprofile(profile)
    try:
        run()
    finally:
        sys.setprofile(None)
    return count
