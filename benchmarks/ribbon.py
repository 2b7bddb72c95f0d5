"""How long does one ribbon click take on the Python side? Prints figures; asserts nothing.

RunPython starts a fresh Python for every click and runs
``import xlwings.utils; xlwings.utils.prepare_sys_path(...); import forankring_xl.excel.ribbon as ribbon;
ribbon.dispatch('tjek')``. Measured here, each in fresh processes (``python -B``, as RunPython starts it),
median of the rounds:

  * cold import of the ribbon entry (``import forankring_xl.excel.ribbon``), goal < 250 ms;
  * ``dispatch("tjek")`` on a plan of 3 sigtepunkter x 30 rows through xlwings' remote engine, goal
    < 300 ms: as the first call in a fresh process (what a click pays: it imports what the button needs)
    and warm (the same call again in the same process);
  * for context: the interpreter's own start, ``import xlwings.utils`` that RunPython does first, and the
    first call when our package has no bytecode (a copy without ``__pycache__`` first on ``sys.path``).

Bytecode: ``-B`` never writes ``.pyc`` files, so a module without one is compiled on every click. pip
compiles at install time and ``forankring addin install`` compiles what a click imports
(``install.compile_bytecode``); the benchmark does the same first, so it measures an installed add-in.
A source checkout that was only ever run with ``-B`` pays the compile on every click (the last line).

Excel's side (starting cmd.exe/python, COM or AppleScript round trips) is not in these figures.
xlwings' remote engine is PolyForm Noncommercial; its licence key is set for this measurement only.

Run: python benchmarks/ribbon.py [--rounds N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

IMPORT_ENTRY = "import time; t = time.perf_counter(); import forankring_xl.excel.ribbon; print(time.perf_counter() - t)"
IMPORT_WITH_XLWINGS = (
    "import time; t = time.perf_counter(); import xlwings.utils; u = time.perf_counter(); "
    "import forankring_xl.excel.ribbon; print(u - t, time.perf_counter() - u)"
)
CLICK = """
import json, sys, time
payload = json.load(open(sys.argv[1], encoding="utf-8"))
import xlwings
book = xlwings.Book(json=payload)
t = time.perf_counter()
import forankring_xl.excel.ribbon as ribbon
ribbon.dispatch("tjek", book)
first = time.perf_counter() - t
warm = []
for _ in range(int(sys.argv[2])):
    again = xlwings.Book(json=payload)
    t = time.perf_counter()
    ribbon.dispatch("tjek", again)
    warm.append(time.perf_counter() - t)
print(json.dumps({"first": first, "warm": warm, "actions": len(book.json()["actions"])}))
"""


def payload(path: Path) -> dict:
    """Every sheet's values, as an Office.js client sends them to xlwings' remote engine."""
    import xlwings
    from openpyxl import load_workbook
    from openpyxl.utils.datetime import to_excel

    wb = load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        values = [["" if v is None else (to_excel(v) if isinstance(v, (dt.date, dt.datetime)) else v) for v in row]
                  for row in ws.iter_rows(max_row=max(ws.max_row, 1), max_col=max(ws.max_column, 1), values_only=True)]
        sheets.append({"name": ws.title, "values": values, "pictures": [], "tables": [], "notes": [],
                       "notes_supported": True})
    return {"client": "Office.js", "version": xlwings.__version__,
            "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"}, "names": [], "sheets": sheets}


def run(code: str, *args: str, path: str | None = None) -> str:
    """``code`` in a fresh ``python -B``, started in an empty folder (as RunPython starts it in Python's own
    folder), so the current folder cannot put another copy of the package first on ``sys.path``;
    ``path`` goes first on ``sys.path`` when given."""
    env = dict(os.environ, XLWINGS_LICENSE_KEY="noncommercial")
    if path is not None:
        env["PYTHONPATH"] = path
    with tempfile.TemporaryDirectory() as cwd:
        done = subprocess.run([sys.executable, "-B", "-c", code, *args], capture_output=True, text=True, env=env,
                              check=True, cwd=cwd)
    return done.stdout.strip()


def ms(values) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms (rounds: {', '.join(f'{v * 1000:.0f}' for v in values)})"


def load_average() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def main() -> None:
    load_before = load_average()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()

    from check import big_plan

    import forankring_xl
    from forankring_xl.excel.install import compile_bytecode
    from forankring_xl.io.writer import write_plan
    from forankring_xl.rules import today

    not_compiled = compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        plan_path = Path(tmp) / "plan_3x30.xlsx"
        write_plan(big_plan(rows=30, points=3), plan_path)
        payload_path = Path(tmp) / "payload.json"
        payload_path.write_text(json.dumps(payload(plan_path), default=str), encoding="utf-8")
        source_only = Path(tmp) / "source-only"
        shutil.copytree(Path(forankring_xl.__file__).parent, source_only / "forankring_xl",
                        ignore=shutil.ignore_patterns("__pycache__"))

        run(CLICK, str(payload_path), "0")  # not counted: on a new machine it builds the lemma cache (once)
        start, entry, xlw, after_xlw, first, warm, first_source = [], [], [], [], [], [], []
        for _ in range(args.rounds):
            t = __import__("time").perf_counter()
            run("pass")
            start.append(__import__("time").perf_counter() - t)
            entry.append(float(run(IMPORT_ENTRY)))
            a, b = map(float, run(IMPORT_WITH_XLWINGS).split())
            xlw.append(a)
            after_xlw.append(b)
            click = json.loads(run(CLICK, str(payload_path), "3"))
            first.append(click["first"])
            warm.append(statistics.median(click["warm"]))
            first_source.append(json.loads(run(CLICK, str(payload_path), "0", path=str(source_only)))["first"])
        print(f"plan: 3 sigtepunkter x 30 rows; as of {today()}; {click['actions']} remote-engine actions per tjek")
        print("bytecode: compiled first, as pip and 'forankring addin install' do"
              + (f" (not writable: {', '.join(not_compiled)})" if not_compiled else ""))
        print(f"load average before / after: {load_before} / {load_average()}")
        print(f"python -B -c pass (process start, wall):          {ms(start)}")
        print(f"cold import of the ribbon entry (goal < 250 ms):   {ms(entry)}")
        print(f"  import xlwings.utils (RunPython does it first): {ms(xlw)}")
        print(f"  then import forankring_xl.excel.ribbon:         {ms(after_xlw)}")
        print(f"dispatch('tjek'), first call in a fresh process:   {ms(first)}  (goal < 300 ms)")
        print(f"dispatch('tjek'), warm (same process again):       {ms(warm)}")
        ratios = [f / w for f, w in zip(first, warm)]
        print(f"  first / warm, per round (load moves both alike):  {statistics.median(ratios):.1f} "
              f"(rounds: {', '.join(f'{r:.1f}' for r in ratios)})")
        print(f"  first call, our package without bytecode:        {ms(first_source)}  (a checkout run only with -B)")


if __name__ == "__main__":
    main()
