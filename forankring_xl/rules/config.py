"""One configuration for every rule: thresholds, severities and word lists.

Defaults are sane for a Danish municipality; an HR department overrides any
of them with a TOML file (``forankring check --config hr.toml``)::

    [thresholds]
    max_overlapping_activities = 4

    [severity]
    APPROVAL_MISSING = "error"

    [words]
    extra_group_words = ["styregruppen", "sekretariatet"]

    [lexicon]
    vague_verbs = ["optimere"]
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..findings import Severity
from ..model import Role

# Words that name a role, a group or everybody, never one person. Compared case-insensitively with the
# whole cell, and with each word of a one-word cell.
GROUP_WORDS = (
    "alle", "alle medarbejdere", "alle ansatte", "alle ledere", "ledelsen", "ledergruppen", "lederen",
    "leder", "lederne", "afdelingslederen", "afdelingsleder", "skolelederen", "skoleleder", "chefen",
    "teamet", "teamene", "team", "gruppen", "hr", "hr-afdelingen", "hr-konsulenten", "med", "med-udvalget",
    "lokalmed", "amr", "tr", "arbejdsmiljøgruppen", "arbejdsmiljørepræsentanten", "tillidsrepræsentanten",
    "personalet", "medarbejderne", "medarbejdere", "pædagogerne", "lærerne", "sygeplejerskerne",
    "rådgiverne", "sagsbehandlerne", "superbrugerne", "superbrugere", "teamkoordinatorerne",
    "teamkoordinator", "koordinatoren", "koordinatorerne", "projektgruppen", "styregruppen",
    "forankringsteamet", "implementeringsteamet", "tovholderen", "tovholder", "vi", "os", "ingen",
    "forvaltningen", "sekretariatet", "udvalget", "direktionen", "ældreplejen", "kontaktpersonen",
)
# Words that mark the lead among several names in one cell.
LEAD_WORDS = ("ansvarlig", "tovholder", "hovedansvarlig", "lead", "leder af", "koordinerer")


class Thresholds(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_overlapping_activities: int = Field(3, ge=1)
    max_years_ahead: int = Field(5, ge=1)
    max_active_sigtepunkter: int = Field(3, ge=1)
    due_soon_days: int = Field(14, ge=0)


class Words(BaseModel):
    model_config = ConfigDict(extra="forbid")

    group_words: list[str] = Field(default_factory=lambda: list(GROUP_WORDS))
    extra_group_words: list[str] = Field(default_factory=list)
    lead_words: list[str] = Field(default_factory=lambda: list(LEAD_WORDS))
    apv_words: list[str] = Field(default_factory=lambda: ["apv", "arbejdspladsvurdering"])
    #: Extra names of bodies outside the municipality (besides agencies, ministries, consultancies, KL …).
    external_words: list[str] = Field(default_factory=list)


class Roles(BaseModel):
    model_config = ConfigDict(extra="forbid")

    management: list[Role] = Field(default_factory=lambda: [Role.LEDER])
    employee_representation: list[Role] = Field(
        default_factory=lambda: [Role.MEDARBEJDERREPRAESENTANT, Role.MED_REPRAESENTANT, Role.AMR, Role.TR]
    )


class CheckConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    thresholds: Thresholds = Field(default_factory=Thresholds)
    severity: dict[str, Severity] = Field(default_factory=dict)
    words: Words = Field(default_factory=Words)
    roles: Roles = Field(default_factory=Roles)
    #: Extra words for the SMART lexicons (same list names as forankring_xl/smart/lexicon.toml).
    lexicon: dict[str, list[str]] = Field(default_factory=dict)

    def group_words(self) -> frozenset[str]:
        return _folded((*self.words.group_words, *self.words.extra_group_words))


@lru_cache(maxsize=32)
def _folded(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.casefold() for w in words)


class ConfigError(Exception):
    """A configuration file that cannot be used; ``message`` is Danish."""

    def __init__(self, path: Path, reason: str):
        self.message = f"Kan ikke bruge konfigurationen '{path}': {reason}"
        super().__init__(self.message)


def load_config(path: Path | None) -> CheckConfig:
    if path is None:
        return CheckConfig()
    from ..text.errors_da import os_error_reason, toml_problem, validation_problems

    path = Path(path)
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError(path, "filen findes ikke.") from None
    except IsADirectoryError:
        raise ConfigError(path, "det er en mappe, ikke en TOML-fil.") from None
    except OSError as exc:
        raise ConfigError(path, f"{os_error_reason(exc)}.") from None
    except UnicodeDecodeError:
        raise ConfigError(path, "filen er ikke UTF-8-tekst. Gem den som UTF-8.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"{toml_problem(exc)}.") from None
    try:
        config = CheckConfig.model_validate(data)
        if config.lexicon:
            from ..smart.checker import default_lexicon

            default_lexicon().extended(config.lexicon)  # unknown list names fail here, with the file named
        return config
    except ValueError as exc:
        if not isinstance(exc, ValidationError):
            raise ConfigError(path, str(exc)) from None
        raise ConfigError(path, f"{validation_problems(exc)}.") from None
