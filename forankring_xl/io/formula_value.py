"""The value of a formula cell, shared by the reader and the fast xlsx engine (no openpyxl import)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class FormulaValue:
    """A formula cell: its text and the value Excel last calculated (None when never calculated)."""

    formula: str
    cached: object
