"""Hostile structure never hangs the reader, and what it cannot read is said, on both engines.

Merged ranges by the thousand, an XML comment that makes openpyxl quadratic, a part too big to read,
content past the rows and columns the reader scans. Each runs on the fast engine and on openpyxl, and
the commands that read a file (export, check, check --annotate, overdue) finish with a Danish message.
"""

import re

import pytest
from openpyxl import load_workbook
from hostile_files import SHEET, SOURCE, merged_ranges, rewrite, xml_comment
from test_cli import forankring

from forankring_xl.io import reader as reader_module
from forankring_xl.io.limits import bounded
from forankring_xl.io.safety import ReadError



@pytest.fixture(params=reader_module.ENGINES)
def engine(request):
    return request.param


def _same_on_both_engines(path):
    results = [reader_module.read_plan(path, engine=e) for e in reader_module.ENGINES]
    fast, slow = results
    assert fast.plan == slow.plan
    assert [f.model_dump() for f in fast.findings] == [f.model_dump() for f in slow.findings]
    return fast


@pytest.mark.parametrize("kind", ["overlapping-sheet-sized", "whole-sheet", "small-disjoint"])
def test_three_thousand_merged_ranges_read_on_both_engines(tmp_path, kind):
    refs = {
        "overlapping-sheet-sized": [f"A{i + 1}:BH5000" for i in range(3000)],
        "whole-sheet": [f"A{i + 1}:XFD1048576" for i in range(3000)],
        "small-disjoint": [f"AA{2 * i + 1}:AB{2 * i + 2}" for i in range(3000)],
    }[kind]
    path = rewrite(tmp_path / "flettet.xlsx", merged_ranges(refs))
    assert path.stat().st_size < 60_000
    result = _same_on_both_engines(path)
    plain = reader_module.read_plan(SOURCE).plan
    found = [f for f in result.findings if f.code == "MERGED_OVERLAP"]
    if kind == "small-disjoint":
        assert not found and result.plan == plain  # valid ranges over empty cells change nothing
    else:
        (finding,) = found
        assert finding.sheet == "Sigtepunkt 1" and "3000 flettede områder" in finding.message
        # the ranges were dropped, so every cell is read as it stands: nothing of the plan is lost
        assert result.plan == plain


def test_overlapping_ranges_keep_the_first_and_drop_the_later(tmp_path, engine):
    path = rewrite(tmp_path / "overlap.xlsx", merged_ranges(["AA1:AB2", "AB2:AC3", "AA10:AA11"]))
    result = reader_module.read_plan(path, engine=engine)
    (finding,) = [f for f in result.findings if f.code == "MERGED_OVERLAP"]
    assert "1 flettet område er ignoreret" in finding.message and "AB2:AC3" in finding.message


def test_merged_ranges_index_is_linear():
    """The index visits each scanned cell at most once, plus one step per range, whatever the ranges."""
    index = reader_module.index_merged([(1, 1, 60, 5000)] + [(1, i, 60, 5000) for i in range(1, 3000)], 5000, 60)
    assert len(index.dropped) == 3000 and not index.kept  # all far above the area a plan merges
    ranges = [(1, 2 * i + 1, 2, 2 * i + 2) for i in range(2000)] + [(2, 2 * i + 2, 3, 2 * i + 3) for i in range(2000)]
    index = reader_module.index_merged(ranges, 5000, 60)
    assert len(index.kept) == 2000 and len(index.dropped) == 2000
    assert index.hidden(2, 2) and not index.hidden(1, 1) and index.top_left(2, 2) == (1, 1)
    assert not index.hidden(3, 3)  # inside a dropped range: read as it stands


def test_long_xml_comment_reads_on_both_engines(tmp_path):
    """openpyxl's load time grows with the square of a comment's length (16 MB took 95 s); not here."""
    path = rewrite(tmp_path / "kommentar.xlsx", xml_comment(12))
    assert path.stat().st_size < 400_000
    result = _same_on_both_engines(path)
    assert result.plan == reader_module.read_plan(SOURCE).plan


def test_check_annotate_on_a_long_comment_finishes_and_keeps_the_workbook(tmp_path):
    path = rewrite(tmp_path / "kommentar.xlsx", xml_comment(12))
    out = tmp_path / "annoteret.xlsx"
    done = forankring("check", str(path), "--annotate", str(out), "--as-of", "2026-11-22")
    assert done.returncode in (0, 1), done.stderr
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Tjek" and "Sigtepunkt 1" in wb.sheetnames


def test_check_annotate_on_three_thousand_overlapping_ranges_finishes(tmp_path):
    path = rewrite(tmp_path / "flettet.xlsx", merged_ranges([f"A{i + 1}:XFD1048576" for i in range(3000)]))
    out = tmp_path / "annoteret.xlsx"
    for command in (["export", str(path), "-o", str(tmp_path / "x.json")], ["overdue", str(path)],
                    ["check", str(path), "--annotate", str(out)]):
        done = forankring(*command, "--as-of", "2026-11-22") if command[0] != "export" else forankring(*command)
        assert done.returncode in (0, 1), (command, done.stderr)
        assert "Traceback" not in done.stderr
    assert load_workbook(out).sheetnames[0] == "Tjek"


def test_a_part_too_big_to_read_is_refused_as_too_big_not_as_damage(tmp_path, engine):
    path = rewrite(tmp_path / "stor.xlsx", xml_comment(70))
    with pytest.raises(ReadError) as caught:
        reader_module.read_plan(path, engine=engine)
    reason = caught.value.reason
    assert reason.startswith("filen er for stor til at læse") and "64 MB" in reason and SHEET in reason
    assert "beskadiget" not in reason
    done = forankring("check", str(path))
    assert done.returncode == 2 and "for stor til at læse" in done.stderr


def test_time_and_memory_limits_are_named(tmp_path):
    import time

    with pytest.raises(ReadError) as caught:
        with bounded(tmp_path / "plan.xlsx", seconds=1):
            time.sleep(3)
    assert caught.value.reason == "filen er for stor til at læse inden for 1 sekund og er ikke læst."
    with pytest.raises(ReadError) as caught:
        with bounded(tmp_path / "plan.xlsx"):
            raise MemoryError
    assert "for stor til at læse inden for 2 GB hukommelse" in caught.value.reason


@pytest.mark.parametrize("where", ["row", "column"])
def test_content_past_the_scanned_rows_or_columns_gets_a_finding(tmp_path, where):
    cell = b'<c r="A6001" t="inlineStr"><is><t>Glemt aktivitet</t></is></c>' if where == "row" else \
        b'<c r="BJ12" t="inlineStr"><is><t>Glemt aktivitet</t></is></c>'

    def change(body):
        if where == "row":
            return body.replace(b"</sheetData>", b'<row r="6001">' + cell + b"</row></sheetData>", 1)
        return re.sub(rb'(<row r="12"[^>]*>.*?)(</row>)', lambda m: m[1] + cell + m[2], body, count=1, flags=re.S)

    path = rewrite(tmp_path / "lang.xlsx", change)
    result = _same_on_both_engines(path)
    (finding,) = [f for f in result.findings if f.code == "CELLS_BEYOND_SCAN"]
    assert finding.sheet == "Sigtepunkt 1"
    assert ("A6001" if where == "row" else "BJ12") in finding.message
    assert ("efter række 5000" if where == "row" else "efter kolonne BH") in finding.message
