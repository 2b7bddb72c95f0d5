"""Puts the add-in where Excel loads it, after checking that Python, xlwings and Excel fit together.

The add-in carries its own ``xlwings.conf`` sheet that pins the interpreter (see ``addin.config_rows``),
so xlwings' user config file cannot send the buttons to another Python. That file is still read, at
xlwings' own path for this OS (``xlwings.USER_CONFIG_FILE``), to tell the user when it points elsewhere
(their other xlwings workbooks use it). On macOS, RunPython needs the AppleScript that
``xlwings runpython install`` puts in Excel's script folder; ``install`` puts it there too.

RunPython starts ``python -B`` for every click, and ``-B`` never writes bytecode: a module without a
``.pyc`` beside it is compiled from source on every click (about 0.2 s for a Tjek click's modules).
pip compiles at install time, but an editable install, ``pip --no-compile`` or an installer that does not
compile by default (uv) leaves none, so ``install`` compiles the packages a click imports
(``compile_bytecode``), as pip would.
"""

from __future__ import annotations

import os
import platform
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .addin import build_addin

INTERPRETER_KEYS = ("INTERPRETER_WIN", "INTERPRETER_MAC", "INTERPRETER")
#: What a button click imports outside the standard library (tests/test_addin.py holds this to the
#: packages a Tjek click really loads).
CLICK_PACKAGES = ("forankring_xl", "xlwings", "pydantic", "pydantic_core", "annotated_types", "typing_extensions",
                  "typing_inspection", "simplemma", "marisa_trie", "platformdirs", "dateutil", "tzdata")


class InstallError(Exception):
    """What is wrong and what to do, in Danish."""


def _xlstart() -> Path:
    system = platform.system()
    if system == "Windows":
        return Path(os.environ.get("APPDATA", "")) / "Microsoft" / "Excel" / "XLSTART"
    if system == "Darwin":
        return Path.home() / "Library" / "Group Containers" / "UBF8T346G9.Office" / "User Content" / "Startup" / "Excel"
    raise InstallError(
        "Tilføjelsesprogrammet kræver Excel på Windows eller macOS; det kan ikke installeres på "
        f"{system or 'dette system'}. Byg det i stedet med 'forankring addin build' og kopiér filen til en pc med Excel."
    )


def user_config_file() -> Path:
    """xlwings' user config file on this OS (its own constant: ~/.xlwings/xlwings.conf, or on macOS
    the file in Excel's sandbox container)."""
    import xlwings

    return Path(xlwings.USER_CONFIG_FILE)


def user_config_interpreter() -> tuple[Path, str | None]:
    """The interpreter xlwings' user config names for this OS (None when it names none)."""
    conf = user_config_file()
    wanted = ("INTERPRETER_MAC" if platform.system() == "Darwin" else "INTERPRETER_WIN", "INTERPRETER")
    found: dict[str, str] = {}
    if conf.is_file():
        for line in conf.read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, value = line.partition(",")
            key = key.strip().strip('"').upper()
            if key in INTERPRETER_KEYS:
                found[key] = value.strip().strip('"')
    return conf, next((found[k] for k in wanted if found.get(k)), None)


def check_environment() -> list[str]:
    """Problems with Python and xlwings that stop the add-in from working, each with what to do."""
    try:
        xlwings_version = version("xlwings")
    except PackageNotFoundError:
        return ["Python-pakken xlwings mangler. Kør: pip install xlwings"]
    import xlwings

    if xlwings.__version__ != xlwings_version:
        return [f"xlwings findes i to versioner ({xlwings.__version__} og {xlwings_version}). "
                "Afinstallér den ene: pip uninstall xlwings, og installér igen."]
    return []


def notes() -> list[str]:
    """Things worth knowing that do not stop the add-in (it pins its own interpreter)."""
    conf, interpreter = user_config_interpreter()
    if interpreter and Path(interpreter).resolve() != Path(sys.executable).resolve():
        return [f"Bemærk: xlwings' egne indstillinger ({conf}) peger på Python i {interpreter}. "
                f"Forankring bruger altid {sys.executable} (fastlagt i tilføjelsesprogrammet); "
                "dine andre xlwings-projektmapper bruger fortsat indstillingen."]
    return []


def applescript_target() -> Path:
    """Where ``xlwings runpython install`` puts the AppleScript RunPython calls on macOS."""
    import xlwings

    return Path.home() / "Library" / "Application Scripts" / "com.microsoft.Excel" / f"xlwings-{xlwings.__version__}.applescript"


def install_applescript() -> Path:
    """xlwings' own ``runpython install`` step: RunPython on macOS runs Python through this script."""
    from xlwings import cli

    cli.runpython_install(None)  # None: quiet, as xlwings' own "addin install" calls it
    target = applescript_target()
    if not target.is_file():
        raise InstallError(f"AppleScript-filen til xlwings blev ikke lagt i {target.parent}. Kør: xlwings runpython install")
    return target


def compile_bytecode(names: tuple[str, ...] = CLICK_PACKAGES) -> list[str]:
    """Write the bytecode of ``names`` (packages or modules) where it is missing or stale, as pip does
    when it installs. Returns the names that could not be compiled completely (a read-only folder, say):
    a click then compiles them in memory, slower but the same."""
    import compileall
    import importlib.util

    failed = []
    for name in names:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        if spec is None:
            continue
        if spec.submodule_search_locations:
            ok = all([compileall.compile_dir(folder, quiet=2) for folder in spec.submodule_search_locations])
        elif spec.origin and spec.origin.endswith(".py"):
            ok = bool(compileall.compile_file(spec.origin, quiet=2))
        else:
            ok = True  # an extension module: nothing to compile
        if not ok:
            failed.append(name)
    return failed


def install() -> list[str]:
    target_dir = _xlstart()
    problems = check_environment()
    if problems:
        raise InstallError("Installationen er ikke gennemført:\n- " + "\n- ".join(problems))
    lines = []
    if platform.system() == "Darwin":
        script = install_applescript()
        lines.append(f"xlwings' AppleScript til RunPython er lagt i {script.parent}.")
    target_dir.mkdir(parents=True, exist_ok=True)
    target = build_addin(target_dir / "Forankring.xlam", interpreter=sys.executable)
    compile_bytecode()  # where it fails, clicks still work, only slower: nothing to tell the user
    return [f"Forankring.xlam er lagt i {target}.", *lines, "Genstart Excel; fanen 'Forankring' vises i båndet.",
            f"Python: {sys.executable}", *notes()]
