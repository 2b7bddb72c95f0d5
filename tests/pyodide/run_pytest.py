# Runs in Pyodide (tests/pyodide/harness.mjs): pytest on test ids of this repository (mounted read-only
# in spirit: nothing is written there), against forankring_xl as installed from our wheel by micropip.
import json
import os
import sys

args = HARNESS["args"]  # noqa: F821 (set by the harness)
os.chdir("/tmp")  # not the repository: its forankring_xl folder must not shadow the installed wheel
sys.path[:] = [p for p in sys.path if p not in ("", ".", args["root"])]
assert sys.platform == "emscripten"
import forankring_xl  # noqa: E402
import pytest  # noqa: E402

assert "site-packages" in forankring_xl.__file__, forankring_xl.__file__
outcomes = {}


class Count:
    def pytest_runtest_logreport(self, report):
        if report.when == "call" or report.outcome != "passed":
            outcomes.setdefault(report.outcome, []).append(report.nodeid)


code = pytest.main([*(f"{args['root']}/{t}" for t in args["tests"]), "-q", "-p", "no:cacheprovider",
                    "--rootdir", args["root"], "-o", "addopts="], plugins=[Count()])
with open(args["out"], "w") as f:
    json.dump({"exit": int(code), "package": forankring_xl.__file__, "loaded_ms": HARNESS["loaded_ms"],  # noqa: F821
               "install_ms": HARNESS["install_ms"], "outcomes": outcomes}, f)  # noqa: F821
