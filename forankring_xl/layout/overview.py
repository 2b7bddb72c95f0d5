"""The overview workbook's "Overblik" sheet: every size and position on it, decided here and nowhere else.

The sheet is a stack of sections, top to bottom: the title, one section per chart (a heading and a short
Danish explanation in column A, the chart beside it from column B), and the belastningsprøve heat map
(a table, one row per unit). Positions follow from sizes: a chart's height from how many units it shows
and how many lines their names need; a section's rows from the chart's height and the explanation's
length; page breaks from the page's height, so that no chart is cut in two when printed on A4 landscape.
The chart data lives on a hidden sheet, one block of columns per chart.

Pure: no openpyxl here (the io edge builds the workbook from this plan).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .fit import LINE_HEIGHT as LINE_PT, text_lines
from .spec import column_letter

OVERBLIK_SHEET = "Overblik"
CHART_DATA_SHEET = "Diagramdata"  # hidden; the charts read their numbers from it

# --- columns (widths in characters) --------------------------------------------------------------
TEXT_WIDTH = 40  # column A: the explanations beside the charts, and the unit names of the heat map
SCORE_WIDTH = 12  # the heat map's score columns (the charts stand over them), at least
RATING_WIDTH = 17
BOLD_CHAR = 1.15  # a bold header character is wider than the width unit (the default font's digit)
HEATMAP_FIRST_COL = 1

# --- rows and page (points) -----------------------------------------------------------------------
TITLE_ROW = 1
SUBTITLE_ROW = 2
FIRST_SECTION_ROW = 4  # row 3 stays empty
SECTION_ROW_PT = 15.0  # the rows beside a chart have this height, so a chart's height gives its rows
#: Printable height of an A4 landscape page with the margins the sheet sets (595 pt less 2 × 0.5 in
#: margins and headroom for a header/footer band), so a section is moved to the next page rather than cut.
MARGIN_IN = 0.5
PAGE_PT = 595 - 2 * 72 * MARGIN_IN - 40

# --- charts (centimetres, as openpyxl sizes them) ---------------------------------------------------
CHART_BASE_CM = 3.2  # title, value axis and padding (a legend adds LEGEND_CM)
BAR_LINE_CM = 0.6  # per line of a category label (a long unit name wraps onto more lines)
CHART_MIN_CM = 6.0
CHART_MAX_UNITS = 30  # more bars than this cannot be read; the chart then shows the units that need it most
LABEL_CHARS = 24  # characters per line of a category label before the chart wraps it (LibreOffice: ~25)
CM_PER_PT = 2.54 / 72
CHART_TOP_OFFSET_PT = 3  # a hair below its row's top, so a page break there draws no part of the chart
ROW_GAP = 1  # empty rows after each section


def column_cm(width: float) -> float:
    """A column ``width`` characters wide in centimetres (Excel: 7 px per character plus 5 px, at 96 dpi)."""
    return (width * 7 + 5) / 96 * 2.54


def header_width(header: str, least: float) -> float:
    """A column wide enough that no word of its bold header is broken (the header itself wraps)."""
    return max(least, max(len(word) for word in header.split()) * BOLD_CHAR + 2)


def label_lines(label: str) -> int:
    """Lines a category label needs on a bar chart's axis (the renderer wraps at word boundaries)."""
    lines, used = 1, 0
    for word in label.split():
        need = len(word) + (1 if used else 0)
        if used and used + need > LABEL_CHARS:
            lines, used = lines + 1, len(word)
        else:
            used += need
    return lines


def chart_height_cm(labels: list[str], series: int = 1) -> float:
    """Room for every bar of every label: a long label gets the lines it wraps onto."""
    per_category = max(1.0, 0.6 * series)
    bars = sum(max(label_lines(label), per_category) for label in labels)
    return max(CHART_MIN_CM, CHART_BASE_CM + (LEGEND_CM if series > 1 else 0) + BAR_LINE_CM * bars)


LABEL_CHAR_CM = 0.19  # a category label's character (about 8 points) in centimetres
TITLE_CM, AXIS_CM = 1.6, 1.5  # above the bars: the title; below: the value axis, its numbers and title
LEGEND_CM = 0.9  # a legend under the value axis (charts with several series)


def plot_box(width_cm: float, height_cm: float, legend: bool = False) -> tuple[float, float, float, float]:
    """The bars' area inside a chart as fractions (x, y, w, h): room on the left for labels of
    LABEL_CHARS characters a line, so the renderer wraps them where ``label_lines`` expects; below for the
    value axis (and the legend of a chart with several series)."""
    x = min(0.45, (LABEL_CHARS * LABEL_CHAR_CM + 0.5) / width_cm)
    y = TITLE_CM / height_cm
    below = AXIS_CM + (LEGEND_CM if legend else 0)
    return x, y, 0.9 - x, max(0.1, 1 - y - below / height_cm)  # room on the right for "100%"


def chart_max_cm() -> float:
    """The tallest chart: a page less the title rows (on the first page), a gap row and the offset."""
    return (PAGE_PT - (FIRST_SECTION_ROW + ROW_GAP) * SECTION_ROW_PT - CHART_TOP_OFFSET_PT) * CM_PER_PT


def units_that_fit(labels: list[str], series: int = 1) -> int:
    """How many of ``labels`` (in order, at most CHART_MAX_UNITS) one chart can show on one printed page
    with every label whole; the chart shows those, the text beside it says so."""
    count = min(len(labels), CHART_MAX_UNITS)
    while count > 1 and chart_height_cm(labels[:count], series) > chart_max_cm():
        count -= 1
    return count


@dataclass(frozen=True)
class ChartSection:
    """A chart beside its explanation: heading in column A of ``first_row``, explanation merged below it."""

    key: str
    first_row: int
    rows: int
    height_cm: float
    data_first_col: int  # the chart's block of columns on the hidden data sheet
    count: int  # categories (units) on the chart

    @property
    def heading_cell(self) -> str:
        return f"A{self.first_row}"

    @property
    def explanation_range(self) -> str:
        return f"A{self.first_row + 1}:A{self.first_row + self.rows - 1 - ROW_GAP}"

    @property
    def anchor(self) -> tuple[int, int]:
        """The chart's top-left cell as (row, column), counted from 0 as drawings count them: column B."""
        return self.first_row - 1, 1

    def data_ref(self, offset: int, header: bool = False) -> str:
        """The data sheet range of the chart's column ``offset`` (0: the unit names, 1…: the series), with
        the series name above it when ``header``."""
        col = column_letter(self.data_first_col + offset)
        return f"'{CHART_DATA_SHEET}'!${col}${1 if header else 2}:${col}${1 + self.count}"


@dataclass(frozen=True)
class HeatMap:
    heading_row: int
    explanation_row: int
    header_row: int
    columns: tuple[str, ...]  # after the unit column

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    @property
    def last_col(self) -> int:
        return HEATMAP_FIRST_COL + len(self.columns)

    def widths(self) -> list[float]:
        return [TEXT_WIDTH, *[header_width(c, SCORE_WIDTH) for c in self.columns[:-1]],
                header_width(self.columns[-1], RATING_WIDTH)]

    def chart_width_cm(self) -> float:
        """The charts stand beside the explanations, over the table's columns after the first."""
        return sum(column_cm(w) for w in self.widths()[1:])

    @property
    def explanation_range(self) -> str:
        return f"A{self.explanation_row}:{column_letter(self.last_col)}{self.explanation_row}"

    def score_range(self, last_row: int) -> str:
        """The score cells (every column but the unit and the rating), rows ``first_data_row``..``last_row``."""
        return f"B{self.first_data_row}:{column_letter(self.last_col - 1)}{last_row}"

    def rating_range(self, last_row: int) -> str:
        col = column_letter(self.last_col)
        return f"{col}{self.first_data_row}:{col}{last_row}"


@dataclass
class OverblikLayout:
    charts: list[ChartSection] = field(default_factory=list)
    heatmap: HeatMap | None = None
    row_breaks: list[int] = field(default_factory=list)  # a page ends after each of these rows
    row_heights: dict[int, float] = field(default_factory=dict)


def plan_overblik(charts: list[tuple[str, list[str], int, str]], heatmap_columns: tuple[str, ...],
                  heatmap_explanation: str) -> OverblikLayout:
    """Positions for the Overblik sheet.

    ``charts`` is (key, category labels, number of series, explanation text) per chart, in order.
    """
    layout = OverblikLayout()
    row = FIRST_SECTION_ROW
    used_pt = FIRST_SECTION_ROW * SECTION_ROW_PT  # the title rows on the first page
    page_has_section = False
    data_col = 1
    for key, labels, series, explanation in charts:
        height = chart_height_cm(labels, series) if labels else 0.0  # no units to show: the text says so
        chart_rows = math.ceil((height / CM_PER_PT + (CHART_TOP_OFFSET_PT if labels else 0)) / SECTION_ROW_PT)
        text_rows = math.ceil(text_lines(explanation, TEXT_WIDTH) * LINE_PT / SECTION_ROW_PT) + 1
        rows = max(chart_rows, text_rows) + ROW_GAP
        block_pt = rows * SECTION_ROW_PT
        if used_pt + block_pt > PAGE_PT and page_has_section:
            layout.row_breaks.append(row - 1)
            used_pt = 0
        used_pt += block_pt
        page_has_section = True
        for r in range(row, row + rows):
            layout.row_heights[r] = SECTION_ROW_PT
        layout.charts.append(ChartSection(key, row, rows, height, data_col, len(labels)))
        data_col += series + 2  # unit names, the series, one empty column
        row += rows
    heatmap = HeatMap(heading_row=row, explanation_row=row + 1, header_row=row + 2, columns=heatmap_columns)
    explanation_pt = text_lines(heatmap_explanation, sum(heatmap.widths())) * LINE_PT + 4
    if layout.charts and used_pt + SECTION_ROW_PT + explanation_pt + 4 * SECTION_ROW_PT > PAGE_PT:
        layout.row_breaks.append(row - 1)  # the heat map starts on a page of its own, with a few rows at least
    layout.heatmap = heatmap
    layout.row_heights[row + 1] = explanation_pt
    layout.row_heights[row + 2] = 30.0  # the header wraps in the narrow score columns
    return layout
