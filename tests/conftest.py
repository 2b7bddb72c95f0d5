import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.load_profile("default")

TEMPLATE = ROOT / "workbook_templates" / "forankringsplan.xlsx"
EXAMPLES = sorted((ROOT / "examples").glob("*.xlsx"))


@pytest.fixture(scope="session")
def soffice(tmp_path_factory):
    """Run LibreOffice headless with its own profile; the tests need it installed (see .ci/run)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    assert exe, "LibreOffice (soffice) is not installed; run the README test command, which installs it"
    profile = tmp_path_factory.mktemp("lo-profile")

    def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [exe, f"-env:UserInstallation=file://{profile}", "--headless", *args],
            capture_output=True,
            text=True,
            timeout=180,
            cwd=cwd,
        )

    return run


@pytest.fixture(scope="session")
def addin(tmp_path_factory) -> Path:
    """Forankring.xlam as `forankring addin build` writes it (the tests read it, none changes it)."""
    from test_cli import forankring

    path = tmp_path_factory.mktemp("addin") / "Forankring.xlam"
    done = forankring("addin", "build", "-o", str(path))
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory) -> Path:
    """Our wheel, built with `python -m build` from a copy of the sources (the tree is left alone)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "forankring_xl", src / "forankring_xl",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(src)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (wheel,) = out.glob("*.whl")
    return wheel


def pytest_terminal_summary(terminalreporter):
    """The hostile-input suite's tally (tests/test_hostile.py), when it ran: the figures CI shows."""
    module = sys.modules.get("test_hostile")
    if module is not None and module.TALLY["kinds"]:
        terminalreporter.write_line(module.summary_line())
