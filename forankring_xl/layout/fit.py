"""Fitting text into cells: how many lines a text wraps onto in a column, and how tall a line is.

Neither openpyxl nor LibreOffice fits a row's height to wrapped text, so the writer and the overview
size rows (and the Overblik sheet places its sections) from this estimate.
"""

from __future__ import annotations

LINE_HEIGHT = 13.5  # points per wrapped line in the default font


def text_lines(text: str, width: float) -> int:
    """Rough count of wrapped lines ``text`` needs in a column ``width`` characters wide."""
    per_line = max(int(width * 1.1), 1)
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))
