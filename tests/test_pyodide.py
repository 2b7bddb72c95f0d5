"""The xlwings Lite route in Pyodide under Node: our wheel installed with micropip, then run.

Pyodide (npm ``pyodide``, pinned in scripts/pyodide_env.py) and the wheels for its platform are fetched
once by scripts/pyodide_env.py into a cache (scripts/test.sh does it before pytest; a rerun fetches
nothing); the runs themselves use no network. tests/pyodide/harness.mjs loads Pyodide, installs every
dependency wheel and then our freshly built wheel with its dependencies, so micropip evaluates our
metadata's markers under emscripten.

* The remote-engine tests of tests/test_excel.py and tests/test_lite.py run inside Pyodide with pytest.
* The template's own code: main.py is read out of the webextension part of `forankring template --lite`,
  executed, its scripts listed and each one run on example plans; the actions (and /data files) must
  equal what CPython computes from the same workbook at test time.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT
from lite_client import known_formats_for, lite_formats, lite_payload, with_user_marks

sys.path.insert(0, str(ROOT / "scripts"))
import pyodide_env  # noqa: E402

REMOTE_ENGINE_TESTS = [
    "tests/test_excel.py::test_tjek_button_gives_the_marks_of_check_annotate",
    "tests/test_excel.py::test_tjek_sheet_values_and_links",
    "tests/test_excel.py::test_smart_and_forfaldne_buttons_show_only_their_findings",
    "tests/test_excel.py::test_ryd_removes_our_marks_and_sheets",
    "tests/test_excel.py::test_gem_json_and_indlaes_json",
    "tests/test_excel.py::test_unknown_button",
    "tests/test_lite.py::test_one_lite_script_per_ribbon_button_with_danish_names_and_help",
    "tests/test_lite.py::test_each_script_runs_dispatch_with_its_button",
    "tests/test_lite.py::test_tjek_with_formats_read_ahead_keeps_the_users_own_fill_and_note",
    "tests/test_lite.py::test_without_notes_the_fills_and_the_tjek_sheet_remain_and_say_so",
    "tests/test_lite.py::test_gem_json_in_lite_writes_to_data_and_says_where",
    "tests/test_lite.py::test_indlaes_json_in_lite_restores_the_newest_json_from_data",
]


@pytest.fixture(autouse=True)
def remote_licence(monkeypatch):
    monkeypatch.setenv("XLWINGS_LICENSE_KEY", "noncommercial")  # xlwings' remote engine, in tests only


@pytest.fixture(scope="session")
def pyodide(tmp_path_factory, built_wheel):
    node = shutil.which("node")
    assert node, "Node.js mangler: scripts/test.sh installerer det (apt-get install nodejs npm)"
    env = pyodide_env.prepare()
    work = tmp_path_factory.mktemp("pyodide")

    def run(script: str, args: dict, name: str, mounts: tuple = ()) -> dict:
        out = work / f"{name}.json"
        config = {"pyodide": str(env["pyodide"]), "wheels": str(env["wheels"]), "wheel": str(built_wheel),
                  "mounts": [str(ROOT), str(work), *map(str, mounts)], "script": str(ROOT / "tests" / "pyodide" / script),
                  "args": {**args, "root": str(ROOT), "out": str(out)}}
        (work / f"{name}.config.json").write_text(json.dumps(config), encoding="utf-8")
        done = subprocess.run([node, str(ROOT / "tests" / "pyodide" / "harness.mjs"), str(work / f"{name}.config.json")],
                              capture_output=True, text=True, timeout=1800)
        assert done.returncode == 0 and out.exists(), done.stdout[-4000:] + done.stderr[-4000:]
        result = json.loads(out.read_text(encoding="utf-8"))
        result["stdout"] = done.stdout
        return result

    return run


def test_remote_engine_tests_pass_in_pyodide_against_the_installed_wheel(pyodide):
    result = pyodide("run_pytest.py", {"tests": REMOTE_ENGINE_TESTS}, "pytest")
    assert "site-packages" in result["package"]  # the wheel micropip installed, not the source tree
    outcomes = result["outcomes"]
    assert set(outcomes) == {"passed"}, result["stdout"][-6000:]
    ran = {nodeid.split("[")[0] for nodeid in outcomes["passed"]}
    assert ran == set(REMOTE_ENGINE_TESTS)
    assert len(outcomes["passed"]) >= len(REMOTE_ENGINE_TESTS) + len(EXAMPLES) - 1
    assert result["exit"] == 0


# --- the template's own code, in Pyodide and in CPython ----------------------------------------------

def _cpython(button: str, case: dict, data_dir) -> dict:
    """What CPython's dispatch gives for a case: the same formats the stand-in client serves."""
    import xlwings

    from forankring_xl.excel import ribbon
    from forankring_xl.excel.surface import known_formats

    for name in list(data_dir.iterdir()):
        name.unlink()
    for name, text in case.get("data_files", {}).items():
        (data_dir / name).write_text(text, encoding="utf-8")
    book = xlwings.Book(json=json.loads(json.dumps(case["payload"])))
    marks = button in ("tjek", "smart", "forfaldne")
    token = known_formats.set(known_formats_for(case["formats"], case["payload"]) if marks else None)
    try:
        ribbon.dispatch(button, book)
    finally:
        known_formats.reset(token)
    files = {}
    for path in sorted(data_dir.iterdir()):
        if path.name in case.get("data_files", {}):
            continue
        if path.suffix == ".json":
            files[path.name] = json.loads(path.read_text(encoding="utf-8"))
        else:
            from forankring_xl.io.lite_parts import lite_parts_of
            from forankring_xl.io.reader import read_plan

            files[path.name] = {"plan": json.loads(read_plan(path).plan.model_dump_json()),
                                "lite_parts": bool(lite_parts_of(path.read_bytes()))}
    return {"actions": book.json()["actions"], "files": files}


def _without_time(files: dict) -> dict:
    return {name: {k: v for k, v in content.items() if k != "exported_at"} for name, content in files.items()}


def _after_tjek(example, formats) -> dict:
    """The book data after a Tjek: our sheet and registry, our notes on the marked cells (CPython's run)."""
    import xlwings

    from forankring_xl.annotate.marks import REGISTRY_SHEET, TJEK_SHEET
    from forankring_xl.excel import ribbon
    from forankring_xl.excel.surface import known_formats

    payload = lite_payload(example)
    book = xlwings.Book(json=json.loads(json.dumps(payload)))
    token = known_formats.set(known_formats_for(formats, payload))
    try:
        marks = ribbon.dispatch("tjek", book)
    finally:
        known_formats.reset(token)
    registry = next(a["values"] for a in book.json()["actions"]
                    if a["func"] == "setValues" and a["values"][0][:2] == ["Ark", "Celle"])
    after = {"fills": {k: dict(v) for k, v in formats["fills"].items()}, "notes": {k: dict(v) for k, v in formats["notes"].items()}}
    for mark in marks:
        after["fills"].setdefault(mark.sheet, {})[mark.cell] = "FFC7CE"
        after["notes"].setdefault(mark.sheet, {})[mark.cell] = mark.note
        sheet = next(s for s in payload["sheets"] if s["name"] == mark.sheet)
        col = "".join(c for c in mark.cell if c.isalpha())
        row = "".join(c for c in mark.cell if c.isdigit())
        if {"address": f"${col}${row}"} not in sheet["notes"]:
            sheet["notes"].append({"address": f"${col}${row}"})
    blank = {"pictures": [], "tables": [], "notes": [], "notes_supported": True}
    payload["sheets"].insert(0, {"name": TJEK_SHEET, "values": [["Tjek af forankringsplan"]], **blank})
    payload["sheets"].append({"name": REGISTRY_SHEET, "values": registry, **blank})
    return {"payload": payload, "formats": after}


@pytest.fixture(scope="module")
def lite_template(tmp_path_factory):
    from test_cli import forankring

    path = tmp_path_factory.mktemp("tpl") / "forankringsplan-lite.xlsx"
    assert forankring("template", "--lite", "-o", str(path)).returncode == 0
    return path


def _cases(tmp_path) -> tuple[list[dict], dict]:
    from forankring_xl.excel.lite import SCRIPTS
    from forankring_xl.io.archive import archive_json, make_archive
    from forankring_xl.io.reader import read_plan

    sprog = next(p for p in EXAMPLES if "sprog" in p.stem)
    user = with_user_marks(sprog, tmp_path / "sprog_egne.xlsx", {("Sigtepunkt 1", "G5"): ("00B050", "Min egen note")})
    cases, buttons = [], {}

    def add(case_id, button, example, **extra):
        formats = extra.pop("formats", None) or lite_formats(example)
        payload = extra.pop("payload", None) or lite_payload(example)
        cases.append({"id": case_id, "script": SCRIPTS[button].__name__, "payload": payload, "formats": formats, **extra})
        buttons[case_id] = button

    for example in EXAMPLES:
        add(f"tjek:{example.stem}", "tjek", example)
    add("tjek:egne-farver-og-noter", "tjek", user)
    for button in ("smart", "forfaldne", "gem_json"):
        for example in EXAMPLES[:2]:
            add(f"{button}:{example.stem}", button, example)
    archive = archive_json(make_archive(read_plan(sprog)))
    add("indlaes_json:sprog", "indlaes_json", sprog, data_files={f"{sprog.stem}.json": archive})
    add("ryd:egne-farver-og-noter", "ryd", user, **_after_tjek(user, lite_formats(user)))
    return cases, buttons


def test_the_templates_scripts_in_pyodide_give_cpythons_results(pyodide, lite_template, tmp_path, monkeypatch):
    from xlwings.server import custom_scripts_meta

    from forankring_xl.excel import lite, ribbon

    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setattr(ribbon, "in_lite", lambda: True)
    monkeypatch.setattr(ribbon, "LITE_DATA", data)
    cases, buttons = _cases(tmp_path)
    result = pyodide("run_template_scripts.py", {"template": str(lite_template), "cases": cases}, "template",
                     mounts=(lite_template.parent,))
    assert result["platform"] == "emscripten"
    listed = sorted((s["function_name"], s["name"]) for s in result["scripts"])
    assert listed == sorted((m["function_name"], m["name"]) for m in custom_scripts_meta(lite))
    assert {buttons[c["id"]] for c in cases} == set(ribbon.BUTTONS)  # every button ran
    for case in cases:
        (got,) = result["results"][case["id"]]
        want = _cpython(buttons[case["id"]], case, data)
        assert got["actions"] == want["actions"], case["id"]
        assert _without_time(got["files"]) == _without_time(want["files"]), case["id"]
        if buttons[case["id"]] == "tjek":
            assert got["reads"] > 0 and want["actions"]  # fills and notes came through Lite's awaitable reads
        if buttons[case["id"]] in ("gem_json", "indlaes_json"):
            assert got["files"]  # a file in /data
    restored = result["results"]["indlaes_json:sprog"][0]["files"]
    assert next(iter(restored.values()))["lite_parts"] is True
    ryd = result["results"]["ryd:egne-farver-og-noter"][0]["actions"]
    assert any(a["func"] == "addNote" and a["args"][1] == "Min egen note" for a in ryd)  # the user's note is back
