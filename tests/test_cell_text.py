"""The ``_xHHHH_`` escape law: any text the writer stores reads back unchanged (io/cell_text.py).

Random text over an alphabet made to form escapes ('_', 'x', hex digits, line breaks), so that typed escapes,
escaped underscores and near misses ('_x12_', '_X000D_', '__x0041__') come up in every run, not by luck.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from forankring_xl.io.cell_text import decode, encode
from forankring_xl.io.reader import read_plan
from forankring_xl.io.writer import write_plan
from forankring_xl.model import Plan, PlanRow, Sigtepunkt, TeamMember

_pieces = st.sampled_from(["_", "x", "X", "0", "00", "5F", "5f", "0D", "0d", "41", "D800", "FFFE", "0000", "\n", "\r", " ", "a", "æ"])
escapey = st.lists(st.one_of(_pieces, st.sampled_from(["_x000D_", "_x005F_", "_x0041_", "_x0000_", "_xD83D_"])),
                   max_size=12).map("".join)


@settings(max_examples=2000)
@given(text=escapey)
def test_decode_undoes_encode(text):
    assert decode(encode(text)) == text


@settings(max_examples=40, deadline=None)
@given(text=escapey.filter(lambda t: t.strip()))
def test_text_written_to_a_workbook_reads_back_unchanged(text, tmp_path_factory):
    plan = Plan(kommune=text, team=[TeamMember(navn=text, rolle="andet")],
                sigtepunkter=[Sigtepunkt(titel=text, raekker=[PlanRow(aktivitet=text, bemaerkning=text)])])
    path = tmp_path_factory.mktemp("esc") / "plan.xlsx"
    write_plan(plan, path)
    for engine in ("fast", "openpyxl"):
        back = read_plan(path, engine=engine).plan
        assert back == plan, engine


def test_a_text_at_excels_limit_whose_escapes_make_it_longer_in_the_file_is_written_whole(tmp_path):
    """Excel's 32,767 characters are those shown; openpyxl cut the stored (escaped) string at 32,767, so a
    text of typed escapes lost its second half without a word (LibreOffice reads the file below whole)."""
    text = "_x0041_" * (32767 // 7)
    plan = Plan(kommune="K", sigtepunkter=[Sigtepunkt(titel="T", raekker=[PlanRow(aktivitet=text, ansvarlig="Mette Holm")])])
    path = tmp_path / "plan.xlsx"
    write_plan(plan, path)
    for engine in ("fast", "openpyxl"):
        result = read_plan(path, engine=engine)
        assert result.plan.sigtepunkter[0].raekker[0].aktivitet == text, engine
        assert not [f for f in result.findings if f.code == "TEXT_TOO_LONG"], engine
