"""Puts the add-in where Excel loads it, after checking that Python, xlwings and Excel fit together.

The add-in carries its own ``xlwings.conf`` sheet that pins the interpreter (see ``addin.config_rows``),
so xlwings' user config file cannot send the buttons to another Python. That file is still read, at
xlwings' own path for this OS (``xlwings.USER_CONFIG_FILE``), to tell the user when it points elsewhere
(their other xlwings workbooks use it). On macOS, RunPython needs the AppleScript that
``xlwings runpython install`` puts in Excel's script folder; ``install`` puts it there too.
"""

from __future__ import annotations

import os
import platform
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .addin import build_addin

INTERPRETER_KEYS = ("INTERPRETER_WIN", "INTERPRETER_MAC", "INTERPRETER")


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
    return [f"Forankring.xlam er lagt i {target}.", *lines, "Genstart Excel; fanen 'Forankring' vises i båndet.",
            f"Python: {sys.executable}", *notes()]
