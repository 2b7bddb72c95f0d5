"""The overview's first sheet, "Overblik": native charts, the belastningsprøve heat map with traffic lights,
Danish explanations, A4 landscape. Read back with openpyxl (the chart XML and what its series point at)
and rendered once by LibreOffice (an independent reader): it opens, converts, and the charts are in the PDF."""

import json
import posixpath
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from conftest import EXAMPLES, TEMPLATE
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.worksheet.cell_range import CellRange
from test_cli import forankring

import later_versions
import make_examples
from forankring_xl.io.overview import HEATMAP_TEXT, OVERDUE_COLOUR, PROGRESS_COLOURS, RATING_COLOURS, SMART_COLOUR
from forankring_xl.io.writer import write_plan
from forankring_xl.layout import overview as O
from forankring_xl.layout.locator import Locator
from forankring_xl.model import Plan, is_closed
from forankring_xl.rules.stress import rating

LONG_UNIT = "Familieafdelingen Myndighedsteamet for udsatte børn og unge Nordvest Kalundborgvej"
AS_OF = "2026-11-22"
HEATMAP_HEADING = HEATMAP_TEXT[0]


@pytest.fixture(scope="module")
def overview(tmp_path_factory) -> tuple[Path, Path]:
    """The six examples, a plan with a very long unit name, and the empty template (not judged), batched in
    September; then the examples come back in later versions (scripts/later_versions.py) and are batched
    again in November, with the overview."""
    root = tmp_path_factory.mktemp("overblik")
    box = root / "indbakke"
    box.mkdir()
    for path in EXAMPLES:
        shutil.copy(path, box / path.name)
    plan = make_examples.ics_familieafdeling().model_copy(update={"enhed": LONG_UNIT})
    write_plan(plan, box / "lang.xlsx")
    shutil.copy(TEMPLATE, box / "tom.xlsx")
    done = forankring("batch", str(box), "-o", str(root / "arkiv"), "--as-of", "2026-09-01")
    assert done.returncode == 0, done.stderr
    later_versions.main(root / "senere")
    for path in (root / "senere").iterdir():
        shutil.copy(path, box / path.name)
    out = root / "oversigt.xlsx"
    done = forankring("batch", str(box), "-o", str(root / "arkiv"), "--overview", str(out), "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    return out, root / "arkiv"


def _values(wb, ref: str) -> list:
    sheet, cells = re.fullmatch(r"'?(.+?)'?!(.+)", ref).groups()
    rng = CellRange(cells.replace("$", ""))
    ws = wb[sheet]
    return [ws.cell(row=r, column=rng.min_col).value for r in range(rng.min_row, rng.max_row + 1)]


def _title(chart) -> str:
    return "".join(run.t for p in chart.title.tx.rich.p for run in (p.r or []))


def test_overblik_is_the_first_sheet_with_native_charts_reading_the_right_cells(overview):
    path, archive = overview
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "Overblik" and wb.active.title == "Overblik"
    assert wb["Diagramdata"].sheet_state == "hidden"
    charts = wb["Overblik"]._charts
    assert [_title(c) for c in charts] == ["Forfaldne punkter pr. enhed", "Andel SMART delmål pr. enhed",
                                           "Udvikling siden sidst"]
    for chart in charts:
        assert chart.tagname == "barChart" and chart.type == "bar" and len(chart.series) == (3 if chart is charts[2] else 1)
        assert chart.x_axis.delete is False and chart.y_axis.delete is False  # axes shown in Excel too

    # overdue per unit: the chart's numbers are the rows of the 'Forfaldne' sheet, counted per unit
    series = charts[0].series[0]
    names, counts = _values(wb, series.cat.strRef.f), _values(wb, series.val.numRef.f)
    listed = Counter(row[0].value for row in wb["Forfaldne"].iter_rows(min_row=3))
    units = [row[0].value for row in wb["Planer"].iter_rows(min_row=3)]
    assert sorted(names) == sorted(u or "(uden enhedsnavn) tom.xlsx" for u in units)  # 8 plans fit on one chart
    assert counts == [listed.get(n, 0) for n in names]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 5  # the most overdue first
    assert all(n is not None for n in names) and None not in counts

    # the share of SMART delmål: delmål with no line in 'Ikke-SMART delmål', counted from the archive
    series = charts[1].series[0]
    names, shares = _values(wb, series.cat.strRef.f), _values(wb, series.val.numRef.f)
    nonsmart = {(r[0].value, r[6].value, r[7].value) for r in wb["Ikke-SMART delmål"].iter_rows(min_row=3)}
    expected = {}
    for record in map(json.loads, (archive / "manifest.jsonl").read_text(encoding="utf-8").splitlines()):
        plan = Plan.model_validate(json.loads((archive / record["archive"]).read_text(encoding="utf-8"))["plan"])
        loc = Locator.for_layout(plan)
        goals = [(plan.enhed, *loc.row_field(s, r, "delmaal"))
                 for s, point in enumerate(plan.sigtepunkter) for r, row in enumerate(point.raekker) if row.delmaal]
        if goals:
            expected[plan.enhed] = sum(goal not in nonsmart for goal in goals) / len(goals)
    assert set(names) == set(expected)  # the empty template has no delmål and is not on this chart
    assert shares == pytest.approx([expected[n] for n in names], abs=1e-4)
    assert shares == sorted(shares) and 0 < shares[0] < 1  # the weakest first
    assert wb["Diagramdata"].cell(row=2, column=CellRange(series.val.numRef.f.split("!")[1].replace("$", "")).min_col
                                  ).number_format == "0%"


def test_progress_chart_shows_what_the_udvikling_sheet_counts(overview):
    path, _ = overview
    wb = load_workbook(path)
    chart = wb["Overblik"]._charts[2]
    names = _values(wb, chart.series[0].cat.strRef.f)
    assert all(s.cat.strRef.f == chart.series[0].cat.strRef.f for s in chart.series)
    assert [_values(wb, s.tx.strRef.f)[0] for s in chart.series] == ["Delmål og mål nået", "Nye forfaldne",
                                                                     "Ikke længere forfaldne"]
    columns = [_values(wb, s.val.numRef.f) for s in chart.series]
    shown = {name: tuple(col[i] for col in columns) for i, name in enumerate(names)}
    rows = list(wb["Udvikling siden sidst"].iter_rows(min_row=2, values_only=True))
    header = rows[0]
    compared = {r["Enhed"]: (r["Delmål nået"] + r["Mål nået"], r["Nye forfaldne"], r["Ikke længere forfaldne"])
                for r in (dict(zip(header, row)) for row in rows[1:]) if r["Delmål nået"] is not None}
    assert shown == compared  # the same numbers as the sheet, for every unit with an earlier version
    assert set(shown) == {row[0].value for row in wb["Planer"].iter_rows(min_row=3)} - {LONG_UNIT, None}
    assert all(any(v[k] for v in shown.values()) for k in range(3))  # reached, newly late and no longer late
    moved = [sum(shown[n]) for n in names]
    assert moved == sorted(moved, reverse=True)  # the units where most moved first
    text = wb["Overblik"].cell(row=chart.anchor._from.row + 2, column=1).value
    assert text.startswith("For hver enhed med en tidligere version") and "Enheder uden en tidligere version" in text


def test_heat_map_holds_every_unit_with_traffic_lights_and_an_explanation(overview):
    path, _ = overview
    wb = load_workbook(path)
    ws = wb["Overblik"]
    header_row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == "Enhed")
    header = [c.value for c in ws[header_row]]
    assert header == ["Enhed", "Samlet", "Ejerskab", "Tidsplan", "Målkvalitet", "Opfølgning",
                      "Organisatorisk forankring", "Vurdering"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=header_row + 1)]
    plans = {r[0].value or "(uden enhedsnavn) tom.xlsx": [c.value for c in r] for r in wb["Planer"].iter_rows(min_row=3)}
    assert [r[0] for r in rows] == list(plans)  # every unit, in the order of 'Planer'
    for r in rows:
        assert r[1:7] == plans[r[0]][9:15]  # Belastningsprøve and the five dimensions
        assert r[7] == rating(r[1])
    assert {r[7] for r in rows} >= {"holdbar", "sårbar", "kan ikke vurderes"}
    assert ws.cell(row=header_row - 1, column=1).value.startswith("Point fra 0 til 100")
    assert "Grøn: holdbar (80-100)" in ws.cell(row=header_row - 1, column=1).value
    # conditional formatting: numbers by the rating's limits (ISNUMBER first: Excel ranks text above numbers),
    # empty cells grey, the rating's own name coloured by itself
    last = header_row + len(rows)
    rules = {str(cf.sqref): [(r.formula[0], r.dxf.fill.fgColor.rgb[-6:]) for r in cf.rules]
             for cf in ws.conditional_formatting}
    score_range = f"B{header_row + 1}:G{last}"
    tl = f"B{header_row + 1}"
    assert rules[score_range] == [(f"AND(ISNUMBER({tl}),{tl}>=80)", RATING_COLOURS["holdbar"][0]),
                                  (f"AND(ISNUMBER({tl}),{tl}>=50)", RATING_COLOURS["sårbar"][0]),
                                  (f"ISNUMBER({tl})", RATING_COLOURS["skrøbelig"][0]),
                                  (f"LEN(TRIM({tl}))=0", RATING_COLOURS["kan ikke vurderes"][0])]
    assert rules[f"H{header_row + 1}:H{last}"] == [(f'H{header_row + 1}="{name}"', fill)
                                                   for name, (fill, _) in RATING_COLOURS.items()]
    # the same traffic lights on 'Planer', over Belastningsprøve and the five dimensions
    planer = {str(cf.sqref) for cf in wb["Planer"].conditional_formatting}
    assert planer == {f"J3:O{2 + len(plans)}"}
    # printed on A4 landscape, one page wide, the table's header repeated on its later pages
    setup = ws.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert ws.print_title_rows == f"${header_row}:${header_row}"


def test_each_chart_has_a_danish_explanation_beside_it(overview):
    path, _ = overview
    ws = load_workbook(path)["Overblik"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert len(ws._charts) == 3
    for chart, start in zip(ws._charts, ("Søjlen er antallet", "Søjlen er den andel", "For hver enhed med")):
        row = chart.anchor._from.row + 1  # the chart stands in column B from the section's heading row
        assert chart.anchor._from.col == 1
        assert ws.cell(row=row, column=1).value == _title(chart)
        text = ws.cell(row=row + 1, column=1).value
        assert text.startswith(start) and ws.cell(row=row + 1, column=1).alignment.wrap_text
        assert any(m.startswith(f"A{row + 1}:A") for m in merged)


def test_nothing_excel_would_repair_merges_charts_and_parts(overview):
    """What makes Excel offer to repair a file: one-cell or overlapping merges, a drawing or chart part that
    is missing or has no content type, charts stacked over each other or over the table."""
    path, _ = overview
    ws = load_workbook(path)["Overblik"]
    ranges = list(ws.merged_cells.ranges)
    assert len(ranges) == 4  # three explanations and the heat map's
    assert all(r.max_row > r.min_row or r.max_col > r.min_col for r in ranges)
    assert all(a.isdisjoint(b) for i, a in enumerate(ranges) for b in ranges[i + 1:])
    heading = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == HEATMAP_HEADING)
    tops = [c.anchor._from.row + 1 for c in ws._charts]
    assert tops == sorted(tops) and len(set(tops)) == 3 and tops[-1] < heading
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        types = z.read("[Content_Types].xml").decode()
        for part in ("xl/drawings/drawing1.xml", "xl/charts/chart1.xml", "xl/charts/chart2.xml", "xl/charts/chart3.xml"):
            assert part in names and f'PartName="/{part}"' in types
        rels = z.read("xl/drawings/_rels/drawing1.xml.rels").decode()
        for target in re.findall(r'Target="([^"]+)"', rels):
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/drawings/{target}")
            assert part in names, target


@given(st.lists(st.lists(st.text(alphabet="abcdeæøå ", min_size=1, max_size=120), max_size=40), min_size=1,
                max_size=4))
def test_layout_stacks_sections_without_overlap_and_never_cuts_a_chart_at_a_page_break(label_lists):
    charts = []
    for labels in label_lists:
        labels = labels[:O.units_that_fit(labels)] if labels else labels
        charts.append(("c", labels, 1, "Forklaring " * 30))
    layout = O.plan_overblik(charts, ("Samlet", "Ejerskab", "Vurdering"), "Forklaring " * 20)
    row = O.FIRST_SECTION_ROW
    breaks = set(layout.row_breaks)
    used = O.FIRST_SECTION_ROW * O.SECTION_ROW_PT
    for section in layout.charts:
        assert section.first_row == row  # stacked, no overlap
        room_pt = (section.rows - O.ROW_GAP) * O.SECTION_ROW_PT
        assert section.height_cm / O.CM_PER_PT + O.CHART_TOP_OFFSET_PT <= room_pt + 1e-6  # the chart fits its rows
        if section.first_row - 1 in breaks:
            used = 0.0
        used += section.rows * O.SECTION_ROW_PT
        assert used <= O.PAGE_PT + 1e-6  # a chart ends on the page it starts on
        assert section.height_cm <= O.chart_max_cm() + 1e-6 or section.count == 1
        row += section.rows
    assert layout.heatmap.heading_row == row and layout.heatmap.header_row == row + 2


def test_units_that_fit_keeps_long_names_whole_by_showing_fewer_units():
    short = [f"Enhed {i}" for i in range(40)]
    long = [f"{LONG_UNIT} {i}" for i in range(40)]
    assert O.units_that_fit(short) == O.CHART_MAX_UNITS or O.chart_height_cm(short[:O.CHART_MAX_UNITS]) > O.chart_max_cm()
    n = O.units_that_fit(long)
    assert 1 <= n < O.units_that_fit(short)
    assert O.chart_height_cm(long[:n]) <= O.chart_max_cm() < O.chart_height_cm(long[:n + 1])
    assert O.label_lines(LONG_UNIT) >= 3 and O.label_lines("Engskolen") == 1


def test_an_overview_without_readable_plans_has_no_charts_and_says_so(tmp_path):
    box = tmp_path / "box"
    box.mkdir()
    (box / "scanning.xlsx").write_bytes(b"%PDF-1.7")
    out = tmp_path / "oversigt.xlsx"
    done = forankring("batch", str(box), "-o", str(tmp_path / "arkiv"), "--overview", str(out), "--as-of", AS_OF)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Overblik" and wb["Overblik"]._charts == []
    texts = " ".join(str(c.value) for row in wb["Overblik"].iter_rows() for c in row if c.value)
    assert "0 planer" in texts and "Ingen af planerne har delmål endnu" in texts
    assert "Ingen af planerne har en tidligere version i arkivet endnu" in texts


def _raster(pdf: Path, page: int, dpi: int) -> tuple[int, int, bytes]:
    out = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
                         capture_output=True, check=True).stdout
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", out)
    return int(header[1]), int(header[2]), out[header.end():]


def _count(pixels: bytes, rgb: str, tolerance: int = 8) -> int:
    target = bytes.fromhex(rgb)
    return sum(1 for i in range(0, len(pixels), 3)
               if all(abs(pixels[i + k] - target[k]) <= tolerance for k in range(3)))


def test_libreoffice_renders_the_charts_and_the_traffic_lights(overview, soffice, tmp_path):
    path, _ = overview
    done = soffice("--convert-to", "pdf", "--outdir", str(tmp_path), str(path))
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "oversigt.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True).stdout)
    assert {(round(float(w)), round(float(h))) for w, h in sizes} == {(842, 595)}  # A4 landscape throughout
    overblik = [i for i, p in enumerate(pages) if "Overblik over forankringsplanerne" in p
                or "Belastningsprøve pr. enhed" in p or "Andel SMART delmål pr. enhed" in p
                or "For hver enhed med en tidligere version" in p]
    assert overblik and overblik == list(range(len(overblik)))  # the first pages
    first = "\n".join(pages[i] for i in overblik)
    # text only a chart draws: its axis titles, its percent axis and its data labels
    assert first.count("Antal forfaldne punkter") == 1  # the overdue chart's axis title (said nowhere else)
    assert re.search(r"0%\s+25%\s+50%\s+75%\s+100%", first)
    assert "Delmål og mål nået" in first and "Ikke længere forfaldne" in first  # the progress chart's legend
    words = set(first.split())
    assert [w for w in LONG_UNIT.split() if w not in words] == []  # the long name whole (wrapped, not cut)
    # the bars and the heat map's colours are on the Overblik pages, and nowhere without the charts
    found = Counter()
    for i in overblik:
        _, _, pixels = _raster(pdf, i + 1, 30)
        for name, rgb in (("overdue", OVERDUE_COLOUR), ("smart", SMART_COLOUR),
                          *zip(("reached", "newly late", "no longer late"), PROGRESS_COLOURS),
                          *[(k, fill) for k, (fill, _) in RATING_COLOURS.items()]):
            found[name] += _count(pixels, rgb)
    assert found["overdue"] > 150 and found["smart"] > 150, found
    assert min(found["reached"], found["newly late"], found["no longer late"]) > 20, found
    for name in RATING_COLOURS:
        assert found[name] > 20, (name, found)


def test_later_versions_leave_a_typed_closed_delmaal_alone():
    """scripts/later_versions.py picks the first open delmål by the model's one definition of closed: a row
    typed 'Afsluttet' is closed, so the next open delmål is the one marked Opnået."""
    plan = make_examples.trivsel_skole()
    rows = [(s, r) for s, p in enumerate(plan.sigtepunkter) for r, row in enumerate(p.raekker)
            if row.delmaal and not is_closed(row.status)]
    (s0, r0), (s1, r1) = rows[:2]
    data = plan.model_dump()
    data["sigtepunkter"][s0]["raekker"][r0]["status"] = "Afsluttet"
    later = later_versions.later(Plan.model_validate(data))
    assert str(later.sigtepunkter[s0].raekker[r0].status) == "Afsluttet"
    assert later.sigtepunkter[s1].raekker[r1].status == "Opnået"
