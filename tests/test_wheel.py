"""The wheel: `python -m build` makes a pure-Python wheel with our data files, and it installs and runs.

The Pyodide job (tests/test_pyodide.py) installs the same wheel with micropip; here it is installed
with pip into a folder of its own and run with CPython.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from email.parser import Parser

from forankring_xl import __version__


def test_the_wheel_is_pure_python_and_carries_the_data(built_wheel):
    assert built_wheel.name == f"forankring_xl-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(built_wheel) as z:
        names = z.namelist()
        wheel_meta = z.read(f"forankring_xl-{__version__}.dist-info/WHEEL").decode()
        meta = Parser().parsestr(z.read(f"forankring_xl-{__version__}.dist-info/METADATA").decode())
    assert "Root-Is-Purelib: true" in wheel_meta and "Tag: py3-none-any" in wheel_meta
    assert not [n for n in names if n.endswith((".so", ".pyd", ".dll", ".dylib", ".c"))]
    assert {"forankring_xl/smart/lexicon.toml", "forankring_xl/excel/lite.py", "forankring_xl/io/lite_parts.py"} <= set(names)
    requires = meta.get_all("Requires-Dist")
    assert any(r.startswith("typer") and 'sys_platform != "emscripten"' in r for r in requires)
    assert any(r.startswith("simplemma[marisa-trie]") and 'sys_platform != "emscripten"' in r for r in requires)
    assert any(r.startswith("simplemma") and "marisa" not in r and "emscripten" not in r for r in requires)


def test_the_built_wheel_installs_and_writes_a_lite_template(built_wheel, tmp_path):
    target = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target),
                           str(built_wheel)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    env = {**os.environ, "PYTHONPATH": str(target)}  # the wheel's package first; its dependencies from here
    code = ("import forankring_xl, sys; print(forankring_xl.__file__); "
            "from forankring_xl.cli.app import run; sys.argv = ['forankring', 'template', '--lite', '-o', sys.argv[1]]; run()")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "t.xlsx")], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith(str(target))
    from forankring_xl.io.lite_parts import main_py, read_settings

    assert read_settings((tmp_path / "t.xlsx").read_bytes())["main.py"] == main_py()
