"""Printouts, rendered by LibreOffice (an independent renderer) and read back from the PDF with poppler:
the Tjek sheet, the overview's long names, the one-page-wide "Fejlede filer", and the template's title."""

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from conftest import EXAMPLES
from openpyxl import load_workbook
from test_cli import forankring

import make_examples
from forankring_xl.annotate.marks import SEVERITY_FILL
from forankring_xl.findings import Severity
from forankring_xl.io.template import write_template
from forankring_xl.io.writer import write_plan

A4_LANDSCAPE = (842, 595)  # points, rounded


def _pdf(soffice, workbook: Path, outdir: Path) -> Path:
    done = soffice("--convert-to", "pdf", "--outdir", str(outdir), str(workbook))
    assert done.returncode == 0, done.stderr
    return outdir / f"{workbook.stem}.pdf"


def _pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


def _page_sizes(pdf: Path) -> list[tuple[int, int]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True)
    return [(round(float(w)), round(float(h))) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info.stdout)]


def _only_sheet(path: Path, keep: str, target: Path) -> Path:
    """A copy of the workbook with only one sheet, to render that sheet by itself (print setup kept)."""
    wb = load_workbook(path)
    for ws in list(wb.worksheets):
        if ws.title != keep:
            wb.remove(ws)
    wb.save(target)
    return target


def _raster(pdf: Path, page: int, dpi: int, gray: bool) -> tuple[int, int, bytes]:
    """One page as raw pixels (PGM or PPM from pdftoppm, parsed here: no imaging library needed)."""
    args = ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), *(["-gray"] if gray else []), str(pdf)]
    out = subprocess.run(args, capture_output=True, check=True).stdout
    header = re.match(rb"P([56])\s+(\d+)\s+(\d+)\s+(\d+)\s", out)
    width, height = int(header[2]), int(header[3])
    return width, height, out[header.end():]


def test_tjek_sheet_prints_on_a4_landscape_with_header_row_and_severity_colours(tmp_path, soffice):
    plan = make_examples.ics_familieafdeling()
    point = plan.sigtepunkter[0]
    vague = point.raekker[0].model_copy(update={"delmaal": "Bedre trivsel", "ansvarlig": "Alle", "delmaal_dato": None})
    plan = plan.model_copy(update={"sigtepunkter": [point.model_copy(update={"raekker": point.raekker + [vague] * 25}),
                                                    *plan.sigtepunkter[1:]]})
    source = tmp_path / "plan.xlsx"
    write_plan(plan, source)
    annotated = tmp_path / "annoteret.xlsx"
    done = forankring("check", str(source), "--annotate", str(annotated), "--as-of", "2026-11-22")
    assert done.returncode == 1, done.stderr
    pdf = _pdf(soffice, _only_sheet(annotated, "Tjek", tmp_path / "tjek.xlsx"), tmp_path / "pdf")
    pages = _pages_text(pdf)
    assert len(pages) >= 2  # enough findings to need a second page
    assert all(size == A4_LANDSCAPE for size in _page_sizes(pdf)), _page_sizes(pdf)
    for page in pages:  # the header row is repeated, and every page is the full width
        assert re.search(r"Alvor\s+Ark\s+Celle\s+Felt\s+Besked\s+Forslag\s+Kode", page), page[:500]
    width, height, pixels = _raster(pdf, 1, 40, gray=False)
    colours = {pixels[i:i + 3] for i in range(0, len(pixels), 3)}
    for severity in (Severity.ERROR, Severity.WARNING):
        rgb = bytes.fromhex(SEVERITY_FILL[severity])
        assert any(max(abs(a - b) for a, b in zip(c, rgb)) <= 6 for c in colours), severity


def test_overview_wraps_long_names_instead_of_cutting_them(tmp_path, soffice):
    plan = make_examples.ics_familieafdeling()
    long_unit = "Familieafdelingen Myndighedsteamet for udsatte børn og unge Nordvest Kalundborgvej"
    long_effort = "Forankring af ICS i børnefaglige undersøgelser og handleplaner på tværs af alle teams og afdelinger"
    long_point = "Fælles forståelse af ICS-trekanten i sagsarbejdet hos alle nyansatte og erfarne rådgivere"
    import datetime as dt

    first = plan.sigtepunkter[0].raekker[0].model_copy(update={"delmaal": "Bedre trivsel",  # not SMART, and overdue
                                                               "delmaal_dato": dt.date(2026, 1, 15)})
    point = plan.sigtepunkter[0].model_copy(update={"titel": long_point,
                                                    "raekker": [first, *plan.sigtepunkter[0].raekker[1:]]})
    plan = plan.model_copy(update={"enhed": long_unit, "indsats": long_effort,
                                   "sigtepunkter": [point, *plan.sigtepunkter[1:]]})
    box = tmp_path / "box"
    box.mkdir()
    write_plan(plan, box / "plan.xlsx")
    overview = tmp_path / "oversigt.xlsx"
    done = forankring("batch", str(box), "-o", str(tmp_path / "arkiv"), "--overview", str(overview),
                      "--as-of", "2026-11-22")
    assert done.returncode == 0, done.stderr
    for sheet, names in (("Planer", (long_unit, long_effort)), ("Ikke-SMART delmål", (long_unit, long_point)),
                         ("Forfaldne", (long_unit,))):
        pdf = _pdf(soffice, _only_sheet(overview, sheet, tmp_path / f"{sheet}.xlsx"), tmp_path / "pdf")
        words = set(" ".join(_pages_text(pdf)).split())
        for name in names:
            missing = [w for w in name.split() if w not in words]
            assert not missing, (sheet, name, missing)


def test_failed_files_sheet_prints_one_page_wide(tmp_path, soffice):
    box = tmp_path / "box"
    (box / "en meget lang mappe med returnerede planer fra efteråret").mkdir(parents=True)
    shutil.copy(EXAMPLES[0], box / "plan.xlsx")
    for n in range(8):
        (box / "en meget lang mappe med returnerede planer fra efteråret" / f"scanning-{n}.xlsx").write_bytes(b"%PDF-1.7")
    with zipfile.ZipFile(box / "budget.xlsx", "w") as z:
        z.writestr("x.txt", "ikke en projektmappe")
    overview = tmp_path / "oversigt.xlsx"
    done = forankring("batch", str(box), "-o", str(tmp_path / "arkiv"), "--overview", str(overview),
                      "--as-of", "2026-11-22")
    assert done.returncode == 1
    pdf = _pdf(soffice, _only_sheet(overview, "Fejlede filer", tmp_path / "fejlede.xlsx"), tmp_path / "pdf")
    pages = _pages_text(pdf)
    assert len(pages) == 1, len(pages)
    assert re.search(r"Fil\s+Status\s+Begrundelse\s+Kildefil\s+Arkiv", pages[0])
    assert _page_sizes(pdf) == [A4_LANDSCAPE]


def _ink_runs(pdf: Path, dpi: int = 100) -> list[tuple[int, int]]:
    """Bands of pixel rows with dark ink in the left part of page 1, top to bottom (lines of text)."""
    width, height, pixels = _raster(pdf, 1, dpi, gray=True)
    runs, start = [], None
    for y in range(height // 3):
        row = pixels[y * width: y * width + width // 2]
        inked = min(row) < 110
        if inked and start is None:
            start = y
        elif not inked and start is not None:
            runs.append((start, y))
            start = None
    return runs


def test_template_title_does_not_touch_its_intro_line(tmp_path, soffice):
    template = tmp_path / "skabelon.xlsx"
    write_template(template)
    runs = _ink_runs(_pdf(soffice, template, tmp_path / "pdf"))
    assert len(runs) >= 3, runs  # title, the intro's lines, the fields
    (title_top, title_bottom), (intro_top, _) = runs[0], runs[1]
    assert title_bottom - title_top >= 12  # the 16-point title is the first band, not a thin line
    assert intro_top - title_bottom >= 5, runs[:3]  # at 100 dpi, over a millimetre of white between them
