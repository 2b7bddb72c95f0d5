"""Danish reasons for errors that libraries and the operating system describe in English.

The user reads Danish, so a message never passes on an exception's English text. Each function here
writes the reason from the error's structured fields (errno, pydantic's error type and context, the
JSON decoder's position, TOML's line and column), never by translating the English sentence word
for word. What is not known gets a general Danish reason, not the English original.

Pure: no files, no terminal.
"""

from __future__ import annotations

import errno
import json
import re
from typing import Any

# -- the operating system -------------------------------------------------------------------------------

_OS_REASONS = {
    errno.EACCES: "adgang nægtet: du har ikke lov til at læse eller skrive her",
    errno.EPERM: "handlingen er ikke tilladt her",
    errno.EROFS: "drevet er skrivebeskyttet",
    errno.ENOSPC: "der er ikke mere plads på disken",
    errno.EDQUOT: "din diskkvote er brugt op",
    errno.EFBIG: "filen er blevet for stor: disken er fyldt, eller der er en grænse for filers størrelse",
    errno.EEXIST: "filen findes allerede",
    errno.ENOENT: "filen eller mappen findes ikke",
    errno.EISDIR: "det er en mappe, ikke en fil",
    errno.ENOTDIR: "en del af stien er ikke en mappe",
    errno.ENAMETOOLONG: "navnet er for langt",
    errno.ELOOP: "stien løber i ring (symbolske links, der peger på hinanden)",
    errno.EBUSY: "filen er i brug af et andet program",
    errno.ETXTBSY: "filen er i brug af et andet program",
    errno.EIO: "drevet kunne ikke læse eller skrive (ind-/udlæsningsfejl)",
    errno.EINVAL: "navnet eller handlingen er ugyldig her",
    errno.EMFILE: "der er for mange åbne filer",
    errno.ENFILE: "der er for mange åbne filer",
    errno.EXDEV: "filen kan ikke flyttes mellem to drev",
    errno.EPIPE: "modtageren har lukket forbindelsen",
    errno.ENXIO: "enheden findes ikke eller er ikke klar",
    errno.ENODEV: "enheden findes ikke",
    errno.EAGAIN: "ressourcen er midlertidigt optaget; prøv igen",
    errno.ENOMEM: "der er ikke hukommelse nok",
}


def os_error_reason(exc: OSError) -> str:
    """A Danish reason for an OS error, from its errno (never its English strerror)."""
    code = exc.errno
    if code in _OS_REASONS:
        return _OS_REASONS[code]
    winerror = getattr(exc, "winerror", None)
    if winerror == 32:  # ERROR_SHARING_VIOLATION: the file is open in Excel
        return "filen er åben i et andet program (fx Excel); luk den og prøv igen"
    return f"systemet meldte fejl nr. {code}" if code is not None else "systemet meldte en fejl"


def os_error_message(exc: OSError) -> str:
    """A whole line: what failed, on which file, and why."""
    reason = os_error_reason(exc)
    if exc.filename:
        return f"Kan ikke læse eller skrive '{exc.filename}': {reason}."
    return f"Fejl ved læsning eller skrivning: {reason}."


# -- JSON -----------------------------------------------------------------------------------------------


class JsonProblem(ValueError):
    """JSON that cannot be read; ``reason`` is Danish."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


_JSON_REASONS = (
    ("Expecting value", "her skulle der stå en værdi"),
    ("Expecting property name", "her skulle der stå et feltnavn i dobbelte anførselstegn"),
    ("Expecting ',' delimiter", "her mangler et komma"),
    ("Expecting ':' delimiter", "her mangler et kolon"),
    ("Unterminated string", "en tekst er ikke afsluttet med \""),
    ("Invalid control character", "en tekst indeholder et kontroltegn (fx et linjeskift skal skrives \\n)"),
    ("Invalid \\uXXXX escape", "en \\u-sekvens er ugyldig"),
    ("Invalid \\escape", "en \\-sekvens er ugyldig"),
    ("Extra data", "der står mere efter JSON-værdien"),
)


def _reject_constant(name: str) -> Any:
    raise JsonProblem(f"filen indeholder {name}, som ikke er gyldig JSON")


def json_loads(text: str) -> Any:
    """``json.loads`` with Danish reasons, strict about NaN/Infinity, a byte-order mark allowed."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        reason = next((da for en, da in _JSON_REASONS if exc.msg.startswith(en)), "JSON-syntaksen er ugyldig")
        raise JsonProblem(f"ugyldig JSON i linje {exc.lineno}, kolonne {exc.colno}: {reason}") from None
    except RecursionError:
        raise JsonProblem("JSON'en er indlejret for dybt (lister eller objekter inden i hinanden)") from None
    except JsonProblem:
        raise
    except ValueError:  # Python's limit on an integer's digits (4,300)
        raise JsonProblem("et tal i filen har urimeligt mange cifre") from None


# -- pydantic -------------------------------------------------------------------------------------------

_TYPE_REASONS = {
    "missing": "mangler",
    "extra_forbidden": "er et ukendt felt",
    "string_type": "skal være tekst",
    "string_unicode": "skal være tekst",
    "int_type": "skal være et helt tal",
    "int_parsing": "skal være et helt tal",
    "int_from_float": "skal være et helt tal",
    "int_parsing_size": "er et for stort tal",
    "float_type": "skal være et tal",
    "float_parsing": "skal være et tal",
    "finite_number": "skal være et endeligt tal",
    "bool_type": "skal være sand eller falsk (true/false)",
    "bool_parsing": "skal være sand eller falsk (true/false)",
    "list_type": "skal være en liste",
    "tuple_type": "skal være en liste",
    "set_type": "skal være en liste",
    "dict_type": "skal være et objekt med felter",
    "model_type": "skal være et objekt med felter",
    "model_attributes_type": "skal være et objekt med felter",
    "dataclass_type": "skal være et objekt med felter",
    "date_type": "skal være en dato (ÅÅÅÅ-MM-DD)",
    "date_parsing": "skal være en dato (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_parsing": "skal være en dato (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_inexact": "skal være en dato uden klokkeslæt",
    "datetime_type": "skal være et tidspunkt (ÅÅÅÅ-MM-DDTtt:mm:ssZ)",
    "datetime_parsing": "skal være et tidspunkt (ÅÅÅÅ-MM-DDTtt:mm:ssZ)",
    "datetime_from_date_parsing": "skal være et tidspunkt (ÅÅÅÅ-MM-DDTtt:mm:ssZ)",
    "none_required": "skal være tom (null)",
    "json_invalid": "er ikke gyldig JSON",
    "union_tag_invalid": "har en ukendt type",
    "union_tag_not_found": "mangler sin type",
}


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value[:60]}{'…' if len(value) > 60 else ''}' "
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, (int, float)) and len(str(value)) <= 20:
        return f"{value} "
    return ""


def _reason(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind in _TYPE_REASONS:
        return _TYPE_REASONS[kind]
    bounds = {"greater_than_equal": ("ge", "mindst"), "greater_than": ("gt", "større end"),
              "less_than_equal": ("le", "højst"), "less_than": ("lt", "mindre end")}
    if kind in bounds:
        key, word = bounds[kind]
        return f"skal være {word} {ctx.get(key)}"
    if kind in ("string_too_long", "too_long"):
        limit = ctx.get("max_length")
        unit = "tegn" if kind == "string_too_long" else "elementer"
        return f"er for lang (højst {limit} {unit})"
    if kind in ("string_too_short", "too_short"):
        return f"er for kort (mindst {ctx.get('min_length')})"
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace(" or ", " eller ")
        return f"skal være en af: {expected}" if expected else "er ikke en af de mulige værdier"
    if kind in ("value_error", "assertion_error"):
        own = str(ctx.get("error", "")).strip()  # our validators raise Danish text
        if own and not re.search(r"\b(the|is|not|must|should|invalid)\b", own, re.IGNORECASE):
            return own[:1].lower() + own[1:].rstrip(".")
        return "har en ugyldig værdi"
    return "har en ugyldig værdi"


def validation_problems(exc: Any, limit: int = 5) -> str:
    """pydantic's errors as Danish text: 'plan.team: skal være en liste; …' (at most ``limit``)."""
    errors = exc.errors() if hasattr(exc, "errors") else []
    parts = []
    for error in errors[:limit]:
        where = ".".join(str(p) for p in error.get("loc", ())) or "(roden)"
        given = "" if error.get("type") in ("missing", "extra_forbidden") else _shown(error.get("input"))
        parts.append(f"{where}: {given}{_reason(error)}")
    more = len(errors) - limit
    if more > 0:
        parts.append(f"og {more} {'anden' if more == 1 else 'andre'}")
    return "; ".join(parts) or "indholdet passer ikke til formatet"


# -- TOML -----------------------------------------------------------------------------------------------


def toml_problem(exc: Exception) -> str:
    """Where a TOML file stops being TOML, in Danish (tomllib gives line and column in its message)."""
    text = str(exc)
    m = re.search(r"line (\d+), column (\d+)", text)
    if m:
        return f"ugyldig TOML i linje {m[1]}, kolonne {m[2]}. Tjek klammer, anførselstegn og lighedstegn dér"
    if "end of document" in text:
        return "ugyldig TOML ved filens slutning. Tjek, at klammer og anførselstegn er lukket"
    return "ugyldig TOML. Tjek klammer, anførselstegn og lighedstegn"
