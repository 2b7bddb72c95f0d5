"""The overview workbook across all units (openpyxl, write-only so a big batch stays small in memory).

The first sheet, "Overblik", is to be looked at: native Excel bar charts (overdue items per unit, the
share of SMART delmål per unit, progress since the previous return from ``progress.summary_of``) and the belastningsprøve as a heat map with traffic-light colours, each
with a short Danish explanation beside it. Its positions and sizes come from ``layout/overview.py``; the
charts read their numbers from a hidden sheet. Only one light tuple per plan is kept in memory for it.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass
from typing import Callable
from pathlib import Path
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.layout import Layout, ManualLayout
from openpyxl.drawing.spreadsheet_drawing import AnchorMarker, OneCellAnchor
from openpyxl.drawing.xdr import XDRPositiveSize2D
from openpyxl.formatting.rule import FormulaRule
from openpyxl.utils.units import cm_to_EMU, pixels_to_EMU
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.pagebreak import Break

from ..layout import overview as O
from ..model.plan import _ILLEGAL_XML
from ..layout.own_outputs import FAILED_SHEET, FAILED_STATUS, OVERDUE_SHEET, PLANS_SHEET
from ..overdue.items import KIND_LABELS
from ..progress import summary_of
from ..rules.stress import HOLDBAR_MIN, NOT_JUDGED, SAARBAR_MIN, rating
from ..text.dates import format_date
from .cell_text import shown
from .atomic import atomic_write_bytes
from .template import DATE_FORMAT, landscape_a4, workbook_bytes
from .writer import fit_row_height

HEADER_ROW, FIRST_DATA_ROW = 2, 3  # row 1: the as-of date
HEADER_FONT = Font(name="Calibri", bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="top")  # narrow number columns: the header wraps
LINK_FONT = Font(color="0563C1", underline="single")
DIMENSIONS = ("ejerskab", "tidsplan", "målkvalitet", "opfølgning", "organisatorisk forankring")


CELL_ALIGNMENT = Alignment(wrap_text=True, vertical="top")  # long names wrap instead of being cut off


class _Sheet:
    def __init__(self, wb: Workbook, title: str, headers: list[str], widths: list[int], as_of: dt.date,
                 pages_wide: int = 2):
        self.ws = wb.create_sheet(title)
        self.headers = headers
        self.widths = widths
        self.rows = 0
        for i, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        self.ws.freeze_panes = f"A{FIRST_DATA_ROW}"  # the as-of line and the header stay in view
        # printed: A4 landscape, at most two pages wide (one is too small to read with 18 columns), the
        # as-of line and header on every page, and the first column (the unit, or the file) on both halves
        landscape_a4(self.ws, pages_wide=pages_wide, title_rows=f"1:{HEADER_ROW}",
                     title_cols="A:A" if pages_wide > 1 else None)
        self.ws.row_dimensions[HEADER_ROW].height = 30
        as_of_cell = self._text(f"Pr. {format_date(as_of)} (forankring-xl)")
        as_of_cell.alignment = Alignment(vertical="top")  # one line, over the columns beside it
        self.ws.append([as_of_cell])
        header = []
        for h in headers:
            cell = WriteOnlyCell(self.ws, value=h)
            cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
            header.append(cell)
        self.ws.append(header)

    def _text(self, value):
        cell = WriteOnlyCell(self.ws, value=shown(value) if isinstance(value, str) else value)
        cell.alignment = CELL_ALIGNMENT
        if isinstance(value, str):
            cell.data_type = "s"  # text from workbooks never becomes a formula
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
        return cell

    def link(self, text: str, target: str | None):
        cell = self._text(text)
        if target:
            cell.hyperlink = Hyperlink(ref="", target=target)
            cell.font = LINK_FONT
        return cell

    def append(self, values: list) -> None:
        # room for the wrapped text (neither openpyxl nor LibreOffice fits a row's height to it)
        fit_row_height(self.ws, FIRST_DATA_ROW + self.rows,
                       [(v, w) for v, w in zip(values, self.widths) if isinstance(v, str)])
        self.ws.append([v if isinstance(v, Cell) else self._text(v) for v in values])
        self.rows += 1

    def finish(self) -> None:
        last = get_column_letter(len(self.headers))
        self.ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(self.rows, 1)}"


# --- traffic lights for the belastningsprøve's ratings -------------------------------------------------

#: Fill and font colour per rating (Excel's own good / neutral / bad styles, and grey for "not judged").
RATING_COLOURS = {
    "holdbar": ("C6EFCE", "006100"),
    "sårbar": ("FFEB9C", "9C5700"),
    "skrøbelig": ("FFC7CE", "9C0006"),
    NOT_JUDGED: ("D9D9D9", "404040"),
}
RATING_LEGEND = (f"Grøn: holdbar ({HOLDBAR_MIN}-100). Gul: sårbar ({SAARBAR_MIN}-{HOLDBAR_MIN - 1}). "
                 f"Rød: skrøbelig (under {SAARBAR_MIN}). Grå: kan ikke vurderes.")


def _rating_style(name: str) -> dict:
    fill, font = RATING_COLOURS[name]
    return {"fill": PatternFill(fill_type="solid", start_color=fill, end_color=fill), "font": Font(color=font)}


def traffic_light(ws, scores: str | None = None, ratings: str | None = None) -> None:
    """Colour score cells by the rating their number gives (empty: not judged), and rating text by its name.

    Conditional formatting, so a changed number changes colour; a number is tested with ISNUMBER first,
    because Excel ranks any text above every number.
    """
    if scores:
        first = CellRange(scores)
        tl = f"{get_column_letter(first.min_col)}{first.min_row}"
        for formula, name in ((f"AND(ISNUMBER({tl}),{tl}>={HOLDBAR_MIN})", "holdbar"),
                              (f"AND(ISNUMBER({tl}),{tl}>={SAARBAR_MIN})", "sårbar"),
                              (f"ISNUMBER({tl})", "skrøbelig"),
                              (f"LEN(TRIM({tl}))=0", NOT_JUDGED)):
            ws.conditional_formatting.add(scores, FormulaRule(formula=[formula], stopIfTrue=True, **_rating_style(name)))
    if ratings:
        first = CellRange(ratings)
        tl = f"{get_column_letter(first.min_col)}{first.min_row}"
        for name in RATING_COLOURS:
            ws.conditional_formatting.add(ratings, FormulaRule(formula=[f'{tl}="{name}"'], stopIfTrue=True,
                                                               **_rating_style(name)))


# --- the Overblik sheet ----------------------------------------------------------------------------------

TITLE_FONT = Font(name="Calibri", bold=True, size=14)
HEADING_FONT = Font(name="Calibri", bold=True, size=12)
EXPLANATION_ALIGNMENT = Alignment(wrap_text=True, vertical="top")
HEATMAP_COLUMNS = ("Samlet", *[d.capitalize() for d in DIMENSIONS], "Vurdering")
OVERDUE_COLOUR, SMART_COLOUR = "C0504D", "4F81BD"
PROGRESS_COLOURS = ("70AD47", "ED7D31", "4BACC6")  # reached (green), newly late (orange), no longer late


@dataclass(frozen=True)
class _Number:
    """A chart's number with its format (the chart's data labels follow the cell's format)."""

    value: float
    number_format: str


@dataclass(frozen=True)
class _Unit:
    """What the Overblik sheet needs of one plan (kept for every plan: a few numbers and a name)."""

    label: str
    source: str
    overdue: int
    delmaal: int
    smart: int
    compared: bool = False  # progress since the previous version in the archive (progress.ProgressSummary)
    reached: int = 0
    newly_late: int = 0
    no_longer_late: int = 0


def _unit(entry: dict) -> _Unit:
    p, progress = entry["plan"], summary_of(entry)
    moved = progress is not None and progress.compared
    return _Unit(_label(p, entry["source"]), entry["source"], len(entry["overdue"]), p.get("delmaal") or 0,
                 p.get("smart_delmaal") or 0, moved,
                 progress.reached_delmaal + progress.reached_maal if moved else 0,
                 progress.newly_late if moved else 0, progress.no_longer_late if moved else 0)


@dataclass(frozen=True)
class _Chart:
    """One chart on Overblik: its heading (also its title), explanation, series and the units it shows."""

    key: str
    heading: str
    explanation: str
    axis: str
    series: tuple[str, ...]
    colours: tuple[str, ...]
    units: list[_Unit]
    values: Callable[[_Unit], list]
    percent: bool = False
    hide_zero: bool = False  # a chart of several series: no "0" labels beside every bar

    @property
    def number_format(self) -> str:
        """The data cells' format, which the data labels follow ('0;-0;' shows no zero)."""
        return "0%" if self.percent else '0;-0;""' if self.hide_zero else "0"


def _label(plan: dict, source: str) -> str:
    return plan.get("enhed") or f"(uden enhedsnavn) {source}"


def _distinct(units: list[_Unit]) -> list[str]:
    """Chart labels: a unit name that appears twice on one chart gets its file name in brackets."""
    seen: dict[str, int] = {}
    for u in units:
        seen[u.label] = seen.get(u.label, 0) + 1
    return [f"{u.label} ({u.source})" if seen[u.label] > 1 else u.label for u in units]


def _fit(units: list[_Unit], series: int = 1) -> list[_Unit]:
    """The first units (in the chart's order) that one chart shows with their whole names on a page."""
    units = units[:O.CHART_MAX_UNITS]
    return units[:O.units_that_fit(_distinct(units), series)]


def _charts(as_of: dt.date, units: list[_Unit]) -> list[_Chart]:
    total = len(units)
    by_overdue = _fit(sorted(units, key=lambda u: (-u.overdue, u.label.casefold())))
    with_goals = [u for u in units if u.delmaal]
    by_smart = _fit(sorted(with_goals, key=lambda u: (u.smart / u.delmaal, u.label.casefold())))
    overdue = _Chart(
        "overdue", "Forfaldne punkter pr. enhed",
        f"Søjlen er antallet af delmål, mål, aktiviteter og opfølgningsmøder, hvis frist er overskredet pr. "
        f"{format_date(as_of)}, uden at de er opnået eller annulleret. En lang søjle betyder, at enheden har brug "
        f"for en påmindelse. Hvad det drejer sig om, og hvem der er ansvarlig, står i arket '{OVERDUE_SHEET}'."
        + (f" Kun de {len(by_overdue)} enheder med flest forfaldne punkter er vist; alle står i arket '{PLANS_SHEET}'."
           if total > len(by_overdue) else ""),
        "Antal forfaldne punkter", ("Forfaldne",), (OVERDUE_COLOUR,), by_overdue, lambda u: [u.overdue])
    smart = _Chart(
        "smart", "Andel SMART delmål pr. enhed",
        "Søjlen er den andel af enhedens delmål, der er specifikke og målbare. En kort søjle betyder, at "
        "delmålene er svære at følge op på; hvilke delmål det er, og hvad der mangler, står i arket "
        "'Ikke-SMART delmål'. Delmål uden dato står i tjekket af den enkelte plan."
        + (" Enheder uden delmål er ikke med." if 0 < len(with_goals) < total else "")
        + (f" Kun de {len(by_smart)} enheder med den laveste andel er vist." if len(with_goals) > len(by_smart) else "")
        + (" Ingen af planerne har delmål endnu." if not with_goals else ""),
        "Andel SMART delmål", ("Andel SMART",), (SMART_COLOUR,), by_smart,
        lambda u: [round(min(u.smart, u.delmaal) / u.delmaal, 4)], percent=True)
    compared = [u for u in units if u.compared]
    by_movement = _fit(sorted(compared, key=lambda u: (-(u.reached + u.newly_late + u.no_longer_late),
                                                       u.label.casefold())), series=3)
    progress = _Chart(
        "progress", "Udvikling siden sidst",
        "For hver enhed med en tidligere version i arkivet: delmål og mål, der er nået siden da (grøn), "
        "punkter, der er blevet forfaldne (orange), og punkter, der ikke længere er forfaldne (blå). "
        "Flyttede datoer, skiftede ansvarlige, SMART og belastningsprøven før og nu står i arket "
        "'Udvikling siden sidst'."
        + (" Enheder uden en tidligere version er ikke med." if 0 < len(compared) < total else "")
        + (f" Kun de {len(by_movement)} enheder, hvor mest har flyttet sig, er vist." if len(compared) > len(by_movement)
           else "")
        + (" Ingen af planerne har en tidligere version i arkivet endnu. Når de næste planer kommer ind og "
           "køres gennem batch, vises udviklingen her." if not compared else ""),
        "Antal punkter", ("Delmål og mål nået", "Nye forfaldne", "Ikke længere forfaldne"), PROGRESS_COLOURS,
        by_movement, lambda u: [u.reached, u.newly_late, u.no_longer_late], hide_zero=True)
    return [overdue, smart, progress]


HEATMAP_TEXT = ("Belastningsprøve pr. enhed og dimension",
                "Point fra 0 til 100 for, hvor stor en del af planen der er i orden i hver dimension. "
                + RATING_LEGEND + " Læs en række for at se, hvor en enhed er sårbar, og en kolonne for at se, "
                "hvad mange enheder har svært ved.")


def _bar_chart(section: O.ChartSection, width_cm: float, spec: _Chart) -> BarChart:
    chart = BarChart()
    chart.type = "bar"  # horizontal bars: long unit names fit on the category axis
    chart.title = spec.heading
    chart.width, chart.height = width_cm, section.height_cm
    x, y, w, h = O.plot_box(width_cm, section.height_cm, legend=len(spec.colours) > 1)
    chart.layout = Layout(manualLayout=ManualLayout(layoutTarget="inner", xMode="edge", yMode="edge",
                                                    x=x, y=y, w=w, h=h))
    for offset in range(1, len(spec.colours) + 1):
        chart.add_data(Reference(range_string=section.data_ref(offset, header=True)), titles_from_data=True)
    for series, colour in zip(chart.series, spec.colours):
        series.cat = AxDataSource(strRef=StrRef(f=section.data_ref(0)))  # unit names are text
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour
    chart.dataLabels = DataLabelList(showVal=True, showCatName=False, showSerName=False, showLegendKey=False,
                                     showPercent=False, numFmt=spec.number_format)
    chart.gapWidth = 60
    if len(spec.colours) == 1:
        chart.legend = None
    else:
        chart.legend.position = "b"
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 hides axes unless told
    chart.x_axis.scaling.orientation = "maxMin"  # the first unit on top, as in the data
    chart.y_axis.crosses = "max"  # and the value axis below the bars
    chart.y_axis.axPos = "b"
    chart.y_axis.title = spec.axis
    chart.y_axis.scaling.min = 0
    if spec.percent:
        chart.y_axis.scaling.max = 1
        chart.y_axis.majorUnit = 0.25
        chart.y_axis.number_format = "0%"
    else:  # counts: whole numbers on the axis, about eight steps at most
        top = max((v for u in spec.units for v in spec.values(u)), default=0)
        chart.y_axis.majorUnit = max(1, math.ceil(top / 8))
        chart.y_axis.number_format = "0"
    return chart


def _merge(ws, ref: str) -> None:
    """Merge a range of more than one cell (Excel repairs a file with a one-cell merge)."""
    rng = CellRange(ref)
    if rng.max_row > rng.min_row or rng.max_col > rng.min_col:
        ws.merged_cells.add(rng)


def _write_overblik(wb: Workbook, as_of: dt.date, overview) -> list[tuple[O.ChartSection, list[list]]]:
    """The first sheet; returns each chart's section and its rows for the hidden data sheet."""
    units = [_unit(e) for e in overview]
    specs = _charts(as_of, units)
    labels = [_distinct(spec.units) for spec in specs]
    layout = O.plan_overblik([(spec.key, names, len(spec.series), f"{spec.heading}\n{spec.explanation}")
                              for spec, names in zip(specs, labels)], HEATMAP_COLUMNS, HEATMAP_TEXT[1])
    data = [[["Enhed", *spec.series], *[[name, *[_Number(v, spec.number_format) for v in spec.values(u)]]
                                        for name, u in zip(names, spec.units)]]
            for spec, names in zip(specs, labels)]
    heat = layout.heatmap
    ws = wb.create_sheet(O.OVERBLIK_SHEET)
    for col, width in enumerate(heat.widths(), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    landscape_a4(ws, pages_wide=1)
    ws.page_margins.top = ws.page_margins.bottom = O.MARGIN_IN
    ws.print_options.gridLines = False
    for row, height in layout.row_heights.items():
        ws.row_dimensions[row].height = height
    ws.row_dimensions[O.TITLE_ROW].height = 20

    def cell(value, font=None, alignment=None, fill=None, number_format=None):
        c = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            c.data_type = "s"  # unit names from workbooks never become formulas
        for attr, v in (("font", font), ("alignment", alignment), ("fill", fill), ("number_format", number_format)):
            if v is not None:
                setattr(c, attr, v)
        return c

    ws.append([cell("Overblik over forankringsplanerne", TITLE_FONT)])
    ws.append([cell(f"Pr. {format_date(as_of)} · {len(units)} planer · forankring-xl. Tallene står i arkene "
                    f"'{PLANS_SHEET}', '{OVERDUE_SHEET}' og 'Ikke-SMART delmål'.", alignment=Alignment(vertical="top"))])
    ws.append([])
    sections = []
    for section, spec, rows in zip(layout.charts, specs, data):
        ws.append([cell(spec.heading, HEADING_FONT)])
        ws.append([cell(spec.explanation, alignment=EXPLANATION_ALIGNMENT)])
        for _ in range(section.rows - 2):
            ws.append([])
        _merge(ws, section.explanation_range)
        if section.count:
            chart = _bar_chart(section, heat.chart_width_cm(), spec)
            row0, col0 = section.anchor
            chart.anchor = OneCellAnchor(_from=AnchorMarker(col=col0, row=row0, rowOff=pixels_to_EMU(
                                         O.CHART_TOP_OFFSET_PT * 96 / 72)),
                                         ext=XDRPositiveSize2D(cm_to_EMU(chart.width), cm_to_EMU(chart.height)))
            ws.add_chart(chart)
        sections.append((section, rows))
    heading, explanation = HEATMAP_TEXT
    ws.append([cell(heading, HEADING_FONT)])
    ws.append([cell(explanation, alignment=EXPLANATION_ALIGNMENT)])
    _merge(ws, heat.explanation_range)
    ws.append([cell(h, HEADER_FONT, HEADER_ALIGNMENT, HEADER_FILL) for h in ("Enhed", *heat.columns)])
    row = heat.first_data_row
    for entry in overview:  # a second pass over the store: every unit, in the order of the other sheets
        p = entry["plan"]
        label = _label(p, entry["source"])
        fit_row_height(ws, row, [(label, O.TEXT_WIDTH)])
        scores = [p.get("stress_overall"), *[(p.get("stress") or {}).get(d) for d in DIMENSIONS]]
        ws.append([cell(label, alignment=CELL_ALIGNMENT), *[cell(v, alignment=CELL_ALIGNMENT) for v in scores],
                   cell(rating(p.get("stress_overall")), alignment=CELL_ALIGNMENT)])
        row += 1
    if row > heat.first_data_row:
        traffic_light(ws, heat.score_range(row - 1), heat.rating_range(row - 1))
    ws.print_title_rows = f"{heat.header_row}:{heat.header_row}"  # the table's header on each of its pages
    for after in layout.row_breaks:
        ws.row_breaks.append(Break(id=after))
    return sections


def _write_chart_data(wb: Workbook, sections: list[tuple[O.ChartSection, list[list]]]) -> None:
    """The hidden sheet the charts read: each chart's block of columns, its header in row 1."""
    ws = wb.create_sheet(O.CHART_DATA_SHEET)
    ws.sheet_state = "hidden"
    height = max((len(rows) for _, rows in sections), default=0)
    width = max((s.data_first_col + len(rows[0]) - 1 for s, rows in sections), default=0)
    for r in range(height):
        line: list = [None] * width
        for section, rows in sections:
            if r < len(rows):
                for offset, value in enumerate(rows[r]):
                    if isinstance(value, str):
                        value = WriteOnlyCell(ws, value=value)
                        value.data_type = "s"
                    elif isinstance(value, _Number):
                        cell = WriteOnlyCell(ws, value=value.value)
                        cell.number_format = value.number_format
                        value = cell
                    line[section.data_first_col - 1 + offset] = value
        ws.append(line)


def _rel(target: Path, start: Path) -> str:
    """A link's target: the relative path, a character a workbook cannot hold percent-encoded."""
    return _ILLEGAL_XML.sub(lambda m: quote(m.group()), Path(os.path.relpath(target, start)).as_posix())


def _date(text: str | None):
    return dt.date.fromisoformat(text) if text else None


PROGRESS_SHEET = "Udvikling siden sidst"


def _share(value: float | None) -> str | None:
    return None if value is None else f"{round(100 * value)} %"


def _before_after(before, after) -> str | None:
    if before is None and after is None:
        return None
    shown = ["–" if x is None else str(x) for x in (before, after)]
    return f"{shown[0]} → {shown[1]}"


def write_progress_sheet(wb: Workbook, as_of: dt.date, overview, links) -> None:
    """"Udvikling siden sidst": one line per unit, what moved since its previous version in the archive."""
    from ..progress import summary_of

    sheet = _Sheet(wb, PROGRESS_SHEET,
                   ["Enhed", "Kommune", "Indsats", "Forrige version pr.", "Delmål nået", "Mål nået", "Nye forfaldne",
                    "Ikke længere forfaldne", "Datoer flyttet", "Ansvarlige skiftet", "Rækker tilføjet",
                    "Rækker fjernet", "SMART bedre", "SMART dårligere", "SMART-andel før", "SMART-andel nu",
                    "Belastningsprøve før", "Belastningsprøve nu", *[d.capitalize() for d in DIMENSIONS],
                    "Bemærkning", "Fil", "Kildefil", "Arkiv"],
                   [26, 18, 30, 12, 9, 8, 10, 11, 9, 11, 10, 10, 9, 11, 10, 10, 13, 13, 10, 10, 12, 12, 15, 36, 30,
                    11, 11], as_of)
    for entry in overview:
        p, s = entry["plan"], summary_of(entry)
        if s is None:
            continue  # an entry from before progress was computed
        counts = [s.reached_delmaal, s.reached_maal, s.newly_late, s.no_longer_late, s.dates_moved,
                  s.owners_changed, s.rows_added, s.rows_removed, s.smart_up, s.smart_down] if s.compared else [None] * 10
        dims = [_before_after(*s.stress_dimensions.get(d, [None, None])) if s.compared else None for d in DIMENSIONS]
        sheet.append([p["enhed"], p["kommune"], p["indsats"], s.previous_as_of, *counts,
                      _share(s.smart_share_before), _share(s.smart_share_after),
                      s.stress_before if s.compared else None, s.stress_after if s.compared else None, *dims,
                      s.note, entry["source"], *links(sheet, entry["source"], entry["archive"])])
    sheet.finish()


def write_overview(path: Path, as_of: dt.date, overview, records: list[dict], inbox: Path,
                   archive_dir: Path) -> None:
    """``overview`` is an iterable of per-plan entries that can be iterated more than once (a store on disk)."""
    path = Path(path)
    base = path.resolve().parent
    wb = Workbook(write_only=True)
    sections = _write_overblik(wb, as_of, overview)

    def links(sheet: _Sheet, entry_source: str, archive: str | None):
        return [sheet.link("Kildefil", _rel(Path(inbox).resolve() / entry_source, base)),
                sheet.link("Arkiv-JSON", _rel(Path(archive_dir).resolve() / archive, base)) if archive else None]

    plans = _Sheet(wb, PLANS_SHEET, ["Enhed", "Kommune", "Indsats", "Fase", "Fejl", "Advarsler", "Ikke-SMART delmål",
                                     "Forfaldne", "Sidst fulgt op", "Belastningsprøve", *[d.capitalize() for d in DIMENSIONS],
                                     "Fil", "Kildefil", "Arkiv"],
                   [28, 20, 40, 14, 7, 10, 12, 10, 13, 16, 10, 10, 12, 12, 15, 36, 11, 11], as_of)
    for entry in overview:
        p = entry["plan"]
        plans.append([p["enhed"], p["kommune"], p["indsats"], p["fase"], p["errors"], p["warnings"],
                      p["non_smart_delmaal"], p["overdue"], _date(p["last_followup"]), p["stress_overall"],
                      *[p["stress"].get(d) for d in DIMENSIONS], entry["source"],
                      *links(plans, entry["source"], entry["archive"])])
    plans.finish()
    if plans.rows:  # the belastningsprøve's scores in traffic-light colours
        first = plans.headers.index("Belastningsprøve") + 1
        traffic_light(plans.ws, f"{get_column_letter(first)}{FIRST_DATA_ROW}:"
                                f"{get_column_letter(first + len(DIMENSIONS))}{FIRST_DATA_ROW + plans.rows - 1}")

    overdue = _Sheet(wb, OVERDUE_SHEET, ["Enhed", "Ansvarlig", "Type", "Sigtepunkt", "Tekst", "Frist", "Dage over",
                                         "Status", "Ark", "Celle", "Fil", "Kildefil", "Arkiv"],
                     [26, 20, 11, 28, 50, 11, 9, 12, 13, 7, 30, 11, 11], as_of)
    rows = [(item, entry["source"], entry["archive"]) for entry in overview for item in entry["overdue"]]
    rows.sort(key=lambda x: (x[0]["plan"] or "", x[0]["owner"] or "", -(x[0]["days_overdue"] or 0)))
    for i, source, archive in rows:
        overdue.append([i["plan"], i["owner"], KIND_LABELS.get(i["kind"], i["kind"]), i["sigtepunkt"], i["text"],
                        _date(i["due"]), i["days_overdue"], i["status"], i["sheet"], i["cell"], source,
                        *links(overdue, source, archive)])
    overdue.finish()

    smart = _Sheet(wb, "Ikke-SMART delmål", ["Enhed", "Sigtepunkt", "Delmål", "Mangler", "Hvorfor", "Ansvarlig",
                                             "Ark", "Celle", "Fil", "Kildefil", "Arkiv"],
                   [26, 28, 50, 10, 70, 20, 13, 7, 30, 11, 11], as_of)
    for entry in overview:
        for n in entry["nonsmart"]:
            smart.append([entry["plan"]["enhed"], n["sigtepunkt"], n["text"], ", ".join(n["letters"]),
                          " ".join(n["reasons"]), n["owner"], n["sheet"], n["cell"], entry["source"],
                          *links(smart, entry["source"], entry["archive"])])
    smart.finish()

    write_progress_sheet(wb, as_of, overview, links)

    # one page wide: five columns, the reason wrapping in its own
    bad = _Sheet(wb, FAILED_SHEET, ["Fil", "Status", "Begrundelse", "Kildefil", "Arkiv"], [34, 13, 62, 9, 9], as_of,
                 pages_wide=1)
    for r in records:
        if r["status"] in ("failed", "skipped"):
            bad.append([r["path"], FAILED_STATUS[r["status"]], r["reason"], *links(bad, r["path"], None)])
    bad.finish()
    _write_chart_data(wb, sections)
    atomic_write_bytes(path, workbook_bytes(wb))
