"""Puts the add-in where Excel loads it, after checking that Python, xlwings and Excel fit together."""

from __future__ import annotations

import os
import platform
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .addin import build_addin


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


def check_environment() -> list[str]:
    """Problems with Python, xlwings and the interpreter setting, each with what to do."""
    problems = []
    try:
        xlwings_version = version("xlwings")
    except PackageNotFoundError:
        return ["Python-pakken xlwings mangler. Kør: pip install xlwings"]
    import xlwings

    if xlwings.__version__ != xlwings_version:
        problems.append(f"xlwings findes i to versioner ({xlwings.__version__} og {xlwings_version}). "
                        "Afinstallér den ene: pip uninstall xlwings, og installér igen.")
    conf = Path.home() / ".xlwings" / "xlwings.conf"
    interpreter = None
    if conf.exists():
        for line in conf.read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, value = line.partition(",")
            if key.strip('" ').upper() in ("INTERPRETER_WIN", "INTERPRETER_MAC", "INTERPRETER"):
                interpreter = value.strip().strip('"')
    if interpreter and Path(interpreter).resolve() != Path(sys.executable).resolve():
        problems.append(
            f"xlwings er sat op til at bruge Python i {interpreter}, men forankring-xl er installeret i "
            f"{sys.executable}. Ret INTERPRETER i {conf}, eller kør: xlwings config create --force"
        )
    return problems


def install() -> list[str]:
    target_dir = _xlstart()
    problems = check_environment()
    if problems:
        raise InstallError("Installationen er ikke gennemført:\n- " + "\n- ".join(problems))
    target_dir.mkdir(parents=True, exist_ok=True)
    target = build_addin(target_dir / "Forankring.xlam")
    return [f"Forankring.xlam er lagt i {target}.", "Genstart Excel; fanen 'Forankring' vises i båndet.",
            f"Python: {sys.executable}"]
