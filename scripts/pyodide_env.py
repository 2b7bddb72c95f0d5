"""Prepare what the Pyodide tests and benchmark need, once, in a cache that survives reruns.

    python scripts/pyodide_env.py        # prints the folder

* the npm package ``pyodide`` at PYODIDE_VERSION (Python 3.14), installed with npm into the cache;
* wheels from PyPI with ``pip download`` for Pyodide's platform (``pyemscripten_2026_0_wasm32``, e.g.
  pydantic-core's WebAssembly build) or pure Python: our dependencies as our metadata states them under
  emscripten markers, pytest and hypothesis (the remote-engine tests run in Pyodide), and micropip.

The cache is ``$FORANKRING_CI_CACHE`` or ``~/.cache/forankring-ci``; a rerun with the same
requirements fetches nothing. Only the npm and PyPI registries are contacted, and only here: the tests
themselves run offline.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_VERSION = "314.0.7"
PYODIDE_PYTHON = "3.14"
PLATFORM = "pyemscripten_2026_0_wasm32"
#: what Pyodide's marker environment says (packaging.markers names)
EMSCRIPTEN = {"sys_platform": "emscripten", "platform_system": "Emscripten", "os_name": "posix",
              "platform_machine": "wasm32", "python_version": PYODIDE_PYTHON, "implementation_name": "cpython"}
TEST_REQUIREMENTS = ["pytest>=8", "hypothesis>=6.100"]


def cache_root() -> Path:
    return Path(os.environ.get("FORANKRING_CI_CACHE") or Path.home() / ".cache" / "forankring-ci")


def emscripten_requirements() -> list[str]:
    """Our dependencies that apply in Pyodide, markers evaluated as Pyodide would, markers dropped."""
    from packaging.requirements import Requirement

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    out = []
    for text in deps:
        req = Requirement(text)
        if req.marker is None or req.marker.evaluate(EMSCRIPTEN):
            req.marker = None
            out.append(str(req))
    return out


def _run(cmd: list[str], **kw) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} … failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")


def ensure_pyodide(folder: Path) -> Path:
    package = folder / "node" / "node_modules" / "pyodide"
    meta = package / "package.json"
    if not (meta.exists() and json.loads(meta.read_text())["version"] == PYODIDE_VERSION):
        npm = shutil.which("npm")
        if npm is None:
            raise SystemExit("npm mangler: installér Node.js (apt-get install nodejs npm)")
        (folder / "node").mkdir(parents=True, exist_ok=True)
        _run([npm, "install", "--prefix", str(folder / "node"), "--no-audit", "--no-fund", "--save-exact",
              f"pyodide@{PYODIDE_VERSION}"])
    return package


def micropip_version(package: Path) -> str:
    lock = json.loads((package / "pyodide-lock.json").read_text())
    return lock["packages"]["micropip"]["version"]


def ensure_wheels(folder: Path, package: Path) -> Path:
    wheels = folder / "wheels"
    requirements = sorted(emscripten_requirements() + TEST_REQUIREMENTS + [f"micropip=={micropip_version(package)}"])
    stamp = wheels / ".requirements"
    if stamp.exists() and stamp.read_text() == "\n".join(requirements):
        return wheels
    partial = folder / "wheels.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    _run([sys.executable, "-m", "pip", "download", "-q", "-d", str(partial), "--only-binary=:all:",
          "--platform", PLATFORM, "--platform", "any", "--python-version", PYODIDE_PYTHON,
          "--implementation", "cp", *requirements])
    (micropip,) = partial.glob("micropip-*.whl")
    (partial / ".micropip").write_text(micropip.name)
    (partial / ".requirements").write_text("\n".join(requirements))
    shutil.rmtree(wheels, ignore_errors=True)
    partial.rename(wheels)
    return wheels


def prepare() -> dict[str, Path]:
    folder = cache_root() / f"pyodide-{PYODIDE_VERSION}"
    package = ensure_pyodide(folder)
    return {"pyodide": package, "wheels": ensure_wheels(folder, package)}


if __name__ == "__main__":
    print(prepare()["pyodide"].parent.parent.parent)
