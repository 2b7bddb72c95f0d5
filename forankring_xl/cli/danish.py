"""Danish help screens and usage errors for the typer command line.

typer, and the click code it carries, writes help headings and usage errors in English; the people
who run ``forankring`` read Danish. Three small adaptations, all through typer's extension points:

* ``DanishGroup`` and ``DanishCommand`` (passed as ``cls=``) give the help option a Danish text, the
  usage line a Danish prefix and placeholders, and show an argument's Danish placeholder without
  typer's Python type name beside it;
* ``use_danish_help()`` sets the headings of typer's rich help ("Tilvalg", "Kommandoer" …), which typer
  keeps as module constants in ``typer.rich_utils``; it runs when help is shown, since importing rich
  costs more than the rest of a one-file run's start-up;
* ``usage_error_text()`` writes a usage error in Danish from the exception's fields (its kind, the
  parameter, the option name, the value pydantic could not convert), never by translating English text.
  An error of a kind it does not know keeps typer's English detail after a Danish lead.

Written against typer 0.29 (pinned in pyproject); tests/test_cli_danish.py runs every kind through
the real command.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any

from typer.core import TyperCommand, TyperGroup

HELP_OPTION_TEXT = "Vis denne hjælp og afslut."
USAGE_PREFIX = "Brug: "
OPTIONS_METAVAR = "[TILVALG]"
SUBCOMMAND_METAVAR = "KOMMANDO [ARGUMENTER]..."

HELP_TEXTS = {
    "ARGUMENTS_PANEL_TITLE": "Argumenter",
    "OPTIONS_PANEL_TITLE": "Tilvalg",
    "COMMANDS_PANEL_TITLE": "Kommandoer",
    "ERRORS_PANEL_TITLE": "Fejl",
    "ABORTED_TEXT": "Afbrudt.",
    "DEFAULT_STRING": "[standard: {}]",
    "REQUIRED_LONG_STRING": "[skal angives]",
    "ENVVAR_STRING": "[miljøvariabel: {}]",
    "DEPRECATED_STRING": "(udgået) ",
    "RICH_HELP": "Se [blue]'{command_path} {help_option}'[/] for hjælp.",
}


def use_danish_help() -> None:
    # imported here, when help is shown: rich takes ~75 ms to import, a third of a plain run's start-up
    import typer.rich_utils as rich_utils

    for name, text in HELP_TEXTS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, text)


class _Danish:
    def format_help(self, ctx, formatter) -> None:
        use_danish_help()
        super().format_help(ctx, formatter)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_TEXT
            option.metavar = ""  # a flag takes no value: no "<bool>" beside it
        return option

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=USAGE_PREFIX)


def _no_type_label(ctx) -> None:
    return None


class DanishCommand(_Danish, TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.options_metavar == "[OPTIONS]":
            self.options_metavar = OPTIONS_METAVAR
        for param in self.params:
            if getattr(param, "param_type_name", "") == "argument" and getattr(param, "metavar", None):
                # the Danish placeholder (INDBAKKE, PLAN.xlsx) says what goes there; typer would add
                # its Python type ("<path>", "<list[Path]>") beside it
                param.display_type_rich = _no_type_label


class DanishGroup(_Danish, TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.options_metavar == "[OPTIONS]":
            self.options_metavar = OPTIONS_METAVAR
        if self.subcommand_metavar == "COMMAND [ARGS]...":
            self.subcommand_metavar = SUBCOMMAND_METAVAR


def _kinds(exc: BaseException) -> set[str]:
    """The exception's class names up its hierarchy (typer carries its own copy of click's classes)."""
    return {cls.__name__ for cls in type(exc).__mro__}


def is_usage_error(exc: BaseException) -> bool:
    return "UsageError" in _kinds(exc)


def is_abort(exc: BaseException) -> bool:
    return "Abort" in _kinds(exc)


def usage_error_text(exc: BaseException) -> str:
    """Usage line, where to find help, and the error, in Danish (what typer would print, translated)."""
    lines = []
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.help_option_names:
            lines.append(f"Se '{ctx.command_path} {ctx.help_option_names[0]}' for hjælp.")
    lines.append(f"Fejl: {usage_error_message(exc)}")
    return "\n".join(lines)


def _name(param) -> str:
    if param is None:
        return "værdien"
    if getattr(param, "param_type_name", "") == "option":
        opts = sorted(getattr(param, "opts", []) or [], key=len, reverse=True)
        return opts[0] if opts else param.name
    for attribute in ("metavar", "display_name_raw", "human_readable_name"):
        value = getattr(param, attribute, None)
        if isinstance(value, str) and value:
            return value
    return (param.name or "").upper()


def usage_error_message(exc: BaseException) -> str:
    kinds = _kinds(exc)
    message = str(getattr(exc, "message", "") or "")
    param = getattr(exc, "param", None)
    if "MissingParameter" in kinds:
        kind = getattr(exc, "param_type", None) or getattr(param, "param_type_name", "")
        what = "Tilvalget" if kind == "option" else "Argumentet"
        return f"{what} {_name(param)} mangler."
    if "NoSuchOption" in kinds:
        text = f"Tilvalget {exc.option_name} findes ikke."
        file_name = _dash_file_name(exc.option_name)
        if file_name:
            return text + f" Er '{file_name}' et filnavn, så skriv ./{file_name}"
        possibilities = sorted(getattr(exc, "possibilities", None) or [])
        if possibilities:
            text += f" Mente du {' eller '.join(possibilities)}?"
        return text
    if "BadOptionUsage" in kinds:
        if "does not take a value" in message:
            return f"Tilvalget {exc.option_name} tager ingen værdi."
        if "requires" in message:
            return f"Tilvalget {exc.option_name} skal have en værdi."
        return f"Tilvalget {exc.option_name} er brugt forkert ({message})."
    if "BadParameter" in kinds:
        # typer's own access check on a path argument: its kind, and the file it names
        m = re.search(r"'(.*)' is not (readable|writable)\.$", message)
        if m:
            verb = "læse" if m[2] == "readable" else "skrive"
            return f"Kan ikke {verb} '{m[1]}': adgang nægtet; du har ikke lov til at {verb} filen."
        return f"Ugyldig værdi for {_name(param)}: {_why_invalid(exc, param)}"
    m = re.fullmatch(r"No such command '(.*?)'\.(?: Did you mean '(.*)'\?)?", message)
    if m:
        return f"Kommandoen '{m[1]}' findes ikke." + (f" Mente du '{m[2]}'?" if m[2] else "")
    m = re.fullmatch(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message)
    if m:
        return f"For mange argumenter: {m[1]}."
    if message == "Missing command.":
        return "Skriv en kommando."
    return f"Kommandolinjen kan ikke forstås ({message})."


def _dash_file_name(option: str) -> str | None:
    """The command-line word that looked like an option but names a file ('-rf.xlsx'), if there is one."""
    for word in sys.argv[1:]:
        if word.startswith(option) and word != option and not word.startswith("--") and (
            "." in word or os.path.exists(word)
        ):
            return word
    return None


def _why_invalid(exc: BaseException, param) -> str:
    """The reason from pydantic's structured error, which typer converts values with."""
    cause = exc.__cause__
    errors = cause.errors() if hasattr(cause, "errors") else []
    if not errors:
        return "værdien kan ikke bruges."
    error = errors[0]
    kind, given, limits = error.get("type", ""), error.get("input"), error.get("ctx") or {}
    shown = f"'{given}'" if isinstance(given, str) else "værdien"
    if kind == "int_parsing":
        return f"{shown} er ikke et helt tal."
    if kind in ("float_parsing", "decimal_parsing"):
        return f"{shown} er ikke et tal."
    if kind == "bool_parsing":
        return f"{shown} er hverken ja eller nej."
    if kind in ("greater_than_equal", "greater_than"):
        bound = limits.get("ge", limits.get("gt"))
        word = "mindst" if kind == "greater_than_equal" else "større end"
        return f"{shown} er for lille; den skal være {word} {bound}."
    if kind in ("less_than_equal", "less_than"):
        bound = limits.get("le", limits.get("lt"))
        word = "højst" if kind == "less_than_equal" else "mindre end"
        return f"{shown} er for stor; den skal være {word} {bound}."
    if kind in ("enum", "literal_error", "value_error"):
        choices = _choices(param)
        if choices:
            return f"{shown} er ikke en af de mulige værdier ({', '.join(choices)})."
    return f"{shown} kan ikke bruges."


def _choices(param) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)
    choices = getattr(descriptor, "choices", None) or []
    return [str(getattr(c, "value", c)) for c in choices]
