"""How long does a "Tjek planen" click take in xlwings Lite? Pyodide under Node; prints figures, asserts nothing.

A plan of 3 sigtepunkter x 30 rows (benchmarks/check.py's generator) is written with the template writer.
tests/pyodide/harness.mjs starts Pyodide, installs our wheel (built here with `python -m build`) and its
dependency wheels with micropip, and tests/pyodide/run_template_scripts.py runs the template's own
main.py: the `tjek_planen` script on the plan's book data, --clicks times in one session.

* cold: what the first click after opening costs: Pyodide start, installing the packages from local
  wheels (in Lite they come from PyPI through the network, not measured), importing main.py
  (forankring_xl, xlwings, pydantic) and the first click, which also loads the Danish lemma data;
* warm: the median of the later clicks (the issue's goal: under 1.5 s).

The machine is shared: run it several times (--rounds) and read the medians.

Run: python benchmarks/lite_click.py [--rounds 3] [--clicks 5] [--wheel dist/forankring_xl-….whl]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "scripts"), str(ROOT / "tests")]
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")  # xlwings' remote engine (benchmark use)

from check import big_plan  # noqa: E402
from lite_client import lite_formats, lite_payload  # noqa: E402
from pyodide_env import prepare  # noqa: E402

from forankring_xl.io.lite_parts import add_lite_parts  # noqa: E402
from forankring_xl.io.template import workbook_bytes  # noqa: E402
from forankring_xl.io.writer import plan_to_workbook  # noqa: E402


def build_wheel(out: Path) -> Path:
    src = out.parent / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "forankring_xl", src / "forankring_xl", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(src)], check=True,
                   capture_output=True)
    return next(out.glob("*.whl"))


def one_round(env: dict, wheel: Path, work: Path, clicks: int) -> dict:
    plan_path = work / "plan_3x30.xlsx"
    plan_path.write_bytes(add_lite_parts(workbook_bytes(plan_to_workbook(big_plan(rows=30, points=3)))))
    case = {"id": "tjek", "script": "tjek_planen", "payload": lite_payload(plan_path), "formats": lite_formats(plan_path),
            "repeat": clicks}
    out = work / "out.json"
    config = {"pyodide": str(env["pyodide"]), "wheels": str(env["wheels"]), "wheel": str(wheel),
              "mounts": [str(ROOT), str(work), str(wheel.parent)],
              "script": str(ROOT / "tests" / "pyodide" / "run_template_scripts.py"),
              "args": {"template": str(plan_path), "cases": [case], "root": str(ROOT), "out": str(out)}}
    (work / "config.json").write_text(json.dumps(config))
    done = subprocess.run(["node", str(ROOT / "tests" / "pyodide" / "harness.mjs"), str(work / "config.json")],
                          capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise SystemExit(f"Pyodide run failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    result = json.loads(out.read_text())
    ms = [r["ms"] for r in result["results"]["tjek"]]
    return {"load": result["loaded_ms"], "install": result["install_ms"], "import": result["import_ms"],
            "first": ms[0], "warm": statistics.median(ms[1:]), "marks": sum(
                a["func"] == "setRangeColor" for a in result["results"]["tjek"][0]["actions"])}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clicks", type=int, default=5)
    parser.add_argument("--wheel", type=Path)
    args = parser.parse_args(argv)
    env = prepare()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "dist").mkdir()
        wheel = args.wheel or build_wheel(tmp / "dist")
        rounds = []
        for n in range(args.rounds):
            work = tmp / f"round{n}"
            work.mkdir()
            rounds.append(one_round(env, wheel.resolve(), work, args.clicks))
    med = {k: statistics.median(r[k] for r in rounds) for k in rounds[0]}
    cold = med["load"] + med["install"] + med["import"] + med["first"]
    print(f"plan: 3 sigtepunkter x 30 rows; {int(med['marks'])} cells marked; Pyodide "
          f"(npm {json.loads((env['pyodide'] / 'package.json').read_text())['version']}) under Node {_node()}")
    print(f"medians of {args.rounds} rounds, {args.clicks} clicks each:")
    print(f"  Pyodide start                {med['load']:8.0f} ms")
    print(f"  install wheels (micropip)    {med['install']:8.0f} ms   (local files; Lite downloads them)")
    print(f"  import main.py               {med['import']:8.0f} ms")
    print(f"  first click (+ lemma data)   {med['first']:8.0f} ms")
    print(f"cold (all of the above)        {cold:8.0f} ms")
    print(f"warm click (median)            {med['warm']:8.0f} ms   (goal < 1500 ms)")
    print("per round (warm ms): " + ", ".join(f"{r['warm']:.0f}" for r in rounds))


def _node() -> str:
    return subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    main()
