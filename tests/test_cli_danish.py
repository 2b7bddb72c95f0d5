"""The command line speaks Danish: help screens and usage errors, run through the real `forankring` command."""

import pytest
from test_cli import forankring

# words typer/click would print in English; none may reach the user
ENGLISH = ["Usage", "Options", "Arguments", "Commands", "Show this message", "[default", "[required]", "Error",
           "Missing", "No such", "Invalid value", "Try '", "Got unexpected", "requires an argument",
           "does not take", "<path>", "<str>", "<bool>", "<int", "<list", "COMMAND", "[OPTIONS]"]

COMMANDS = [[], ["template"], ["export"], ["import"], ["check"], ["smart"], ["overdue"], ["batch"], ["addin"],
            ["addin", "build"], ["addin", "install"], ["udvikling"]]


def _english(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "forankring")
def test_help_is_danish(command):
    done = forankring(*command, "-h")
    assert done.returncode == 0, done.stderr
    assert "Brug: forankring" in done.stdout and "Vis denne hjælp og afslut." in done.stdout
    assert "Tilvalg" in done.stdout
    assert _english(done.stdout + done.stderr) == []


USAGE_ERRORS = [
    (["batch"], "Argumentet INDBAKKE mangler."),
    (["batch", "indbakke"], "Tilvalget --output mangler."),
    (["batch", "indbakke", "-o", "arkiv", "--jobs", "abc"], "Ugyldig værdi for --jobs: 'abc' er ikke et helt tal."),
    (["batch", "indbakke", "-o", "arkiv", "--jobs", "0"], "Ugyldig værdi for --jobs: '0' er for lille; den skal være mindst 1."),
    (["batch", "indbakke", "-o", "arkiv", "--jbos", "2"], "Tilvalget --jbos findes ikke. Mente du --jobs?"),
    (["batch", "indbakke", "-o"], "Tilvalget -o skal have en værdi."),
    (["batch", "indbakke", "-o", "arkiv", "--force=ja"], "Tilvalget --force tager ingen værdi."),
    (["batch", "a", "b", "-o", "arkiv"], "For mange argumenter: b."),
    (["check", "plan.xlsx", "--format", "xml"], "Ugyldig værdi for --format: 'xml' er ikke en af de mulige værdier (text, json)."),
    (["overdue", "plan.xlsx", "--soon", "-3"], "Ugyldig værdi for --soon: '-3' er for lille; den skal være mindst 0."),
    (["tjek"], "Kommandoen 'tjek' findes ikke."),
    (["export"], "Argumentet PLAN.xlsx mangler."),
]


@pytest.mark.parametrize("args, message", USAGE_ERRORS, ids=lambda x: " ".join(x) if isinstance(x, list) else "")
def test_usage_errors_are_danish_with_exit_code_2(args, message, tmp_path):
    done = forankring(*args, cwd=tmp_path)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert f"Fejl: {message}" in done.stderr
    assert _english(done.stdout + done.stderr) == []
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_a_usage_error_names_the_command_and_where_help_is(tmp_path):
    done = forankring("batch", "indbakke", "-o", "arkiv", "--jobs", "x", cwd=tmp_path)
    assert done.stderr.splitlines()[:2] == ["Brug: forankring batch [TILVALG] {INDBAKKE}",
                                            "Se 'forankring batch -h' for hjælp."]


def test_no_arguments_shows_the_help_and_exits_2():
    done = forankring()
    assert done.returncode == 2
    assert "Kommandoer" in done.stdout + done.stderr and "batch" in done.stdout + done.stderr
    assert _english(done.stdout + done.stderr) == []


def test_commands_still_exit_with_their_own_codes(tmp_path):
    assert forankring("--version").returncode == 0
    done = forankring("template", "-o", str(tmp_path / "skabelon.xlsx"))
    assert done.returncode == 0 and (tmp_path / "skabelon.xlsx").exists()
    done = forankring("check", str(tmp_path / "findes-ikke.xlsx"))
    assert done.returncode == 2 and "findes-ikke.xlsx" in done.stderr
