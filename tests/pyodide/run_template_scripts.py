# Runs in Pyodide (tests/pyodide/harness.mjs), as xlwings Lite would run the template's code:
# main.py is read out of the template's web extension part, executed as the module `main`, its
# @script functions listed and each one called through xlwings' own custom_scripts_call with an
# xw.Book made from the book data Lite's client sends. The awaitable reads go to the harness's
# stand-in client (fills and notes from the case). Results are written as JSON for the test to compare
# with CPython's.
import json
import os
import shutil
import sys
import time
import types
import zipfile
from xml.etree import ElementTree as ET

args = HARNESS["args"]  # noqa: F821 (set by the harness)
os.chdir("/tmp")
sys.path[:] = [p for p in sys.path if p not in ("", ".")]
os.environ["XLWINGS_LICENSE_KEY"] = "noncommercial"  # xlwings' remote engine (PolyForm Noncommercial, tests)

import js  # noqa: E402
from pyodide.ffi import to_js  # noqa: E402

t0 = time.perf_counter()
import xlwings as xw  # noqa: E402
from xlwings.server import custom_scripts_call, custom_scripts_meta  # noqa: E402

WE = "{http://schemas.microsoft.com/office/webextensions/webextension/2010/11}"
with zipfile.ZipFile(args["template"]) as z:
    ext = ET.fromstring(z.read("xl/webextensions/webextension1.xml"))
settings = {p.get("name"): json.loads(p.get("value")) for p in ext.iter(f"{WE}property")}
main = types.ModuleType("main")
main.__file__ = "main.py"
sys.modules["main"] = main
exec(compile(settings["main.py"], "main.py", "exec"), main.__dict__)
import_ms = (time.perf_counter() - t0) * 1000
scripts = custom_scripts_meta(main)


def plan_json(path):
    from forankring_xl.io.reader import read_plan

    return json.loads(read_plan(path).plan.model_dump_json())


async def run_case(case):
    shutil.rmtree("/data", ignore_errors=True)
    os.makedirs("/data")
    for name, text in case.get("data_files", {}).items():
        with open(f"/data/{name}", "w", encoding="utf-8") as f:
            f.write(text)
    wb = js.liteWorkbook
    wb.fills = to_js(case["formats"]["fills"], dict_converter=js.Object.fromEntries)
    wb.notes = to_js(case["formats"]["notes"], dict_converter=js.Object.fromEntries)
    wb.flushed = to_js([])
    wb.reads = 0
    book = xw.Book(json=json.loads(json.dumps(case["payload"])))  # xlwings updates the data it is given
    started = time.perf_counter()
    await custom_scripts_call(main, case["script"], typehint_to_value={xw.Book: book})
    ms = (time.perf_counter() - started) * 1000
    flushed = wb.flushed.to_py()
    out = {"actions": flushed + book.json()["actions"], "ms": ms, "reads": wb.reads}
    files = {}
    for name in sorted(os.listdir("/data")):
        path = f"/data/{name}"
        if name in case.get("data_files", {}):
            continue
        if name.endswith(".json"):
            files[name] = json.loads(open(path, encoding="utf-8").read())
        elif name.endswith(".xlsx"):
            with zipfile.ZipFile(path) as z:
                has_code = "xl/webextensions/webextension1.xml" in z.namelist()
            files[name] = {"plan": plan_json(path), "lite_parts": has_code}
    out["files"] = files
    return out


results = {}
for case in args["cases"]:
    for attempt in range(case.get("repeat", 1)):
        results.setdefault(case["id"], []).append(await run_case(case))  # noqa: F704 (top-level await)

with open(args["out"], "w") as f:
    json.dump({"scripts": scripts, "requirements": settings["requirements.txt"], "platform": sys.platform,
               "loaded_ms": HARNESS["loaded_ms"], "install_ms": HARNESS["install_ms"],  # noqa: F821
               "import_ms": import_ms, "results": results}, f)
