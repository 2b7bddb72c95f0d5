"""Danish everywhere a user looks: OS errors, JSON, pydantic, TOML, damaged packages, compound files,
number agreement, and overdue on a file that cannot be read. The whole commands are run by
tests/test_hostile.py; these pin the pieces."""

from __future__ import annotations

import datetime as dt
import errno
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from test_hostile import english_in, ole_file

from forankring_xl.io.reader import read_plan
from forankring_xl.io.safety import ReadError, damaged_reason, preflight
from forankring_xl.model import Plan
from forankring_xl.overdue.items import collect_items
from forankring_xl.rules.config import CheckConfig
from forankring_xl.text.errors_da import JsonProblem, json_loads, os_error_message, toml_problem, validation_problems
from forankring_xl.text.numbers import count, days

SPROG = next(p for p in EXAMPLES if "sprog" in p.stem)


def forankring(*args, cwd=None) -> subprocess.CompletedProcess:
    exe = shutil.which("forankring") or str(Path(sys.executable).parent / "forankring")
    return subprocess.run([exe, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=180)


@pytest.mark.parametrize(
    "code, words",
    [(errno.EACCES, "adgang nægtet"), (errno.EROFS, "skrivebeskyttet"), (errno.ENOSPC, "plads på disken"),
     (errno.EEXIST, "findes allerede"), (errno.ENAMETOOLONG, "for langt"), (errno.EFBIG, "fyldt"),
     (errno.EISDIR, "mappe"), (errno.ELOOP, "ring"), (9999, "nr. 9999")],
)
def test_os_errors_are_danish_and_name_the_file(tmp_path, code, words):
    message = os_error_message(OSError(code, "English text from the system", "arkiv/plan.json"))
    assert words in message and "'arkiv/plan.json'" in message
    assert "English" not in message and not english_in(message, tmp_path)


@pytest.mark.parametrize(
    "text, words",
    [("", "skulle der stå en værdi"), ("{ikke", "feltnavn"), ('{"a": 1 "b": 2}', "komma"), ('{"a" 1}', "kolon"),
     ('{"a": "uafsluttet', "ikke afsluttet"), ("[1] [2]", "mere efter"), ('{"a": NaN}', "NaN"),
     ('{"a": -Infinity}', "Infinity"), ("[" * 100_000 + "]" * 100_000, "dybt"), ("9" * 5000, "cifre")],
)
def test_json_problems_are_danish(tmp_path, text, words):
    with pytest.raises(JsonProblem) as info:
        json_loads(text)
    assert words in info.value.reason and not english_in(info.value.reason, tmp_path)


def test_a_byte_order_mark_is_allowed():
    assert json_loads('\ufeff{"a": 1}') == {"a": 1}


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(), lambda c: st.lists(c) | st.dictionaries(st.text(), c)))
def test_json_loads_reads_what_json_writes(value):
    assert json_loads(json.dumps(value)) == value


@pytest.mark.parametrize(
    "model, data, words",
    [(Plan, {"team": 7}, "skal være en liste"), (Plan, {"hemmeligt": 1}, "ukendt felt"),
     (Plan, {"kommune": 5}, "skal være tekst"),
     (CheckConfig, {"thresholds": {"max_years_ahead": "fem"}}, "'fem' skal være et helt tal"),
     (CheckConfig, {"thresholds": {"max_years_ahead": 0}}, "mindst 1"),
     (CheckConfig, {"severity": {"X": "katastrofe"}}, "eller"),
     (CheckConfig, {"thresholds": {"due_soon_days": float("nan")}}, "endeligt tal")],
)
def test_pydantic_errors_are_danish_and_name_the_field(tmp_path, model, data, words):
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    text = validation_problems(info.value)
    assert words in text and not english_in(text, tmp_path), text


def test_toml_errors_give_line_and_column_in_danish(tmp_path):
    import tomllib

    with pytest.raises(tomllib.TOMLDecodeError) as info:
        tomllib.loads("a = 1\n[b\n")
    text = toml_problem(info.value)
    assert "linje 2" in text and not english_in(text, tmp_path)


@pytest.mark.parametrize(
    "streams, words, never",
    [(["Workbook"], ".xls-format", None), (["Book"], ".xls-format", None),
     (["WordDocument", "1Table"], "Word-dokument", ".xls"), (["PowerPoint Document"], "PowerPoint", ".xls"),
     (["Noget andet"], "andet Office-dokument", "gamle"), (["EncryptionInfo", "EncryptedPackage"], "krypteret", None)],
)
def test_compound_files_are_told_apart(tmp_path, streams, words, never):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(ole_file(streams))
    with pytest.raises(ReadError) as info:
        preflight(path)
    assert words in info.value.reason
    assert never is None or never not in info.value.reason


def test_damaged_packages_are_described_without_library_text(tmp_path):
    good = SPROG.read_bytes()
    cases = [zipfile.BadZipFile("File is not a zip file"), zipfile.BadZipFile("Bad CRC-32 for file 'xl/a.xml'"),
             KeyError("There is no item named 'xl/styles.xml' in the archive"), IndexError("list index out of range"),
             EOFError(), ValueError("whatever")]
    for exc in cases:
        text = damaged_reason(exc)
        assert "beskadiget" in text and not english_in(text, tmp_path), (exc, text)
    assert "'xl/a.xml'" in damaged_reason(cases[1]) and "'xl/styles.xml'" in damaged_reason(cases[2])
    assert good[:2] == b"PK"


@given(st.integers(min_value=-1000, max_value=1000))
def test_number_agreement(n):
    # written the Danish way: a dot between thousands ("1.000 rækker")
    shown = f"{n:,}".replace(",", ".")
    assert count(n, "række", "rækker") == (f"{shown} række" if abs(n) == 1 else f"{shown} rækker")
    assert days(n).endswith(" dag" if abs(n) == 1 else " dage")


def test_check_says_1_sigtepunkt():
    done = forankring("check", SPROG, "--as-of", "2027-01-01")
    assert "1 sigtepunkt, 2 rækker" in done.stdout, done.stdout[:300]


def _single_due(plan_file: Path):
    result = read_plan(plan_file)
    items = collect_items([(result.plan, result.locator)], dt.date(1990, 1, 1), 100_000)
    by_day: dict = {}
    for item in items:
        by_day.setdefault(item.due, []).append(item)
    earliest = min(by_day)
    assert len(by_day[earliest]) == 1, "the test needs one item on the earliest date"
    return earliest


def test_overdue_agrees_in_number_for_one_day_and_one_item():
    plan = next(p for p in EXAMPLES if "apv" in p.stem)
    due = _single_due(plan)
    done = forankring("overdue", plan, "--as-of", (due + dt.timedelta(days=1)).isoformat(), "--soon", "1")
    assert ": 1 forfalden," in done.stdout and "inden for 1 dag" in done.stdout
    assert "1 dag over" in done.stdout, done.stdout
    done = forankring("overdue", plan, "--as-of", (due - dt.timedelta(days=1)).isoformat(), "--soon", "1")
    assert "om 1 dag " in done.stdout, done.stdout


def test_overdue_on_a_missing_file_claims_nothing(tmp_path):
    done = forankring("overdue", tmp_path / "mangler.xlsx")
    assert done.returncode == 2 and done.stdout == ""
    assert "mangler.xlsx" in done.stderr and "findes ikke" in done.stderr
    done = forankring("overdue", SPROG, tmp_path / "mangler.xlsx", "--as-of", "1990-01-01")
    assert done.returncode == 2 and "Godt gået" not in done.stdout and "kunne læses" in done.stdout


def test_a_file_named_like_an_option_gets_the_dot_slash_hint(tmp_path):
    shutil.copy(SPROG, tmp_path / "-rf.xlsx")
    done = forankring("check", "-rf.xlsx", cwd=tmp_path)
    assert done.returncode == 2 and "./-rf.xlsx" in done.stderr
    assert forankring("check", "./-rf.xlsx", "--as-of", "2027-01-01", cwd=tmp_path).returncode == 1


def test_a_mistyped_command_is_danish_with_a_suggestion():
    done = forankring("chek", "plan.xlsx")
    assert done.returncode == 2 and "Kommandoen 'chek' findes ikke. Mente du 'check'?" in done.stderr
