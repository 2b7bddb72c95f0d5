"""Is the text in an Ansvarlig cell a named person, a role, a group or several people?"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from enum import Enum

PARTICLES = {"af", "de", "la", "le", "von", "van", "der", "du", "da", "di", "del"}
ROLE_SUFFIXES = (
    "leder", "ledere", "lederne", "ledelse", "ledelsen", "konsulent", "konsulenten", "koordinator",
    "koordinatoren", "repræsentant", "repræsentanten", "udvalg", "udvalget", "gruppe", "gruppen", "grupper",
    "grupperne", "team", "teamet", "teams", "afdeling", "afdelingen", "afdelinger", "afdelingerne",
    "medarbejdere", "medarbejderne", "erne", "chef", "chefen", "personale", "personalet", "ansatte",
    # units and bodies: a group whatever its grammar ("Bestyrelsen", "Hjemmeplejen", "Forældrerådet")
    "bestyrelse", "bestyrelsen", "rådet", "forvaltning", "forvaltningen", "sekretariat", "sekretariatet",
    "kommune", "kommunen", "administration", "administrationen", "direktion", "direktionen", "styrelse",
    "styrelsen", "plejen", "centret", "centeret", "tjenesten", "enheden", "enheder", "enhederne", "skolen",
    "skoler", "skolerne", "institutionen", "institutioner", "institutionerne", "netværket", "kontoret",
    "foreningen", "organisationen", "dagtilbuddet", "dagtilbud", "børnehaven", "vuggestuen", "klubben",
    "kolleger", "kollegaer", "kollegerne", "forældre", "forældrene", "pladsen", "pladserne", "stedet",
    "området", "områderne", "klinikken", "sektionen", "distriktet", "virksomheden", "hjemmet", "kommuner",
    "kommunerne",
)
# Words before a noun that make the cell a group, never a name: "De ansatte", "Alle ledere", "Hele teamet".
DETERMINERS = {"de", "det", "den", "alle", "hele", "samtlige", "vores", "hver", "enhver", "øvrige", "relevante"}
_SPLIT = re.compile(r"\s*(?:[,;/&+\n]|\bog\b)\s*", re.IGNORECASE)
_TOKEN = re.compile(r"^[^\W\d_][\w'’.-]*$", re.UNICODE)

# Bodies outside the municipality: a national agency, a ministry, a consultancy, a training provider, KL.
# Follow-up must sit inside the municipality, so one of these as the follow-up owner is its own finding.
EXTERNAL_PATTERNS = (
    r"\b(?!\w*bestyrelse)\w*styrelsen?\b", r"\bministeri", r"\w*tilsynet\b", r"\bkonsulent(?:firma|hus|virksomhed|bureau)",
    r"\brådgivningsfirma", r"\bekstern(?:e)?\b", r"\bkommunernes landsforening\b", r"\bvive\b",
    r"\bevalueringsinstitut", r"\bprofessionshøjskole", r"\buniversitet", r"\bleverandør(?:en)?\b",
    r"\budbyder(?:en)?\b", r"\bfirmaet\b", r"\brambøll\b", r"\bcowi\b", r"\bdeloitte\b", r"\bpwc\b",
    r"\bkpmg\b", r"\bimplement consulting", r"\ba/s\b", r"\baps\b",
)
# Acronyms of outside bodies, matched with their case: "KL" is Kommunernes Landsforening, not initials.
EXTERNAL_ACRONYMS = ("KL", "STAR", "BUVM", "EVA", "UCL", "VIA", "KP")


class OwnerKind(Enum):
    EMPTY = "empty"
    PERSON = "person"  # one named person (maybe with a role beside the name)
    FIRST_NAME = "first_name"  # one capitalised word: probably a person, but only a first name
    GROUP = "group"  # a role, a group or everybody
    SEVERAL = "several"  # several people, no lead marked
    SEVERAL_WITH_LEAD = "several_with_lead"


@dataclass
class OwnerVerdict:
    kind: OwnerKind
    people: list[str] = field(default_factory=list)

    @property
    def is_named_person(self) -> bool:
        return self.kind in (OwnerKind.PERSON, OwnerKind.FIRST_NAME, OwnerKind.SEVERAL_WITH_LEAD, OwnerKind.SEVERAL)


def _is_role_word(word: str, group_words: frozenset[str]) -> bool:
    w = word.casefold().strip(".:")
    return w in group_words or any(w.endswith(suffix) for suffix in ROLE_SUFFIXES)


def _part_kind(part: str, group_words: frozenset[str]) -> tuple[OwnerKind, str]:
    """The kind of one person-or-group part of a cell, and the name in it without a role word beside it."""
    folded = " ".join(part.casefold().split())
    if not folded:
        return OwnerKind.EMPTY, part
    if folded in group_words:
        return OwnerKind.GROUP, part
    tokens = part.split()
    if not all(_TOKEN.match(t) for t in tokens):
        return OwnerKind.GROUP, part  # digits or symbols: not a name
    if len(tokens) == 1:
        word = tokens[0]
        if _is_role_word(word, group_words) or not word[0].isupper():
            return OwnerKind.GROUP, part
        return OwnerKind.FIRST_NAME, part
    if tokens[0].casefold() in DETERMINERS:
        return OwnerKind.GROUP, part  # "De enkelte afdelinger", "De ansatte", "Alle pædagoger"
    roles = [i for i, t in enumerate(tokens) if _is_role_word(t, group_words)]
    names = [i for i, t in enumerate(tokens) if i not in roles and t.casefold() not in PARTICLES]
    if any(not tokens[i][0].isupper() for i in names):
        return OwnerKind.GROUP, part  # ordinary words: "Lederen af dagplejen", "Pædagogisk personale"
    if not roles:
        return OwnerKind.PERSON, part
    name = " ".join(t for i, t in enumerate(tokens) if i not in roles)
    # a role beside a name: "Teamleder Mette Hansen", "Lone Kjær afdelingsleder" (the name in full), or
    # "Teamleder Mette" (a first name after the role); "Skolens ledelse", "Daglig leder", "Lederen af
    # Solbakken" are roles
    particles = any(t.casefold() in PARTICLES for t in tokens)
    if len(names) >= 2:
        return OwnerKind.PERSON, name
    if (len(names) == 1 and names[0] > roles[0] and not particles
            and not tokens[names[0]].casefold().endswith("s")):
        return OwnerKind.FIRST_NAME, name
    return OwnerKind.GROUP, part


def is_external(text: str | None, extra_words: tuple[str, ...] | list[str] = ()) -> bool:
    """The cell names a body outside the municipality (an agency, a consultancy, KL …)."""
    if not text:
        return False
    if any(re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", text) for a in EXTERNAL_ACRONYMS):
        return True
    folded = text.casefold()
    patterns = (*EXTERNAL_PATTERNS, *(rf"\b{re.escape(w.casefold())}\b" for w in extra_words))
    return any(re.search(p, folded) for p in patterns)


def classify_owner(text: str | None, group_words: frozenset[str], lead_words: tuple[str, ...] | list[str]) -> OwnerVerdict:
    """Classify an owner cell. ``group_words`` are lower-case role/group words."""
    if text is None or not text.strip():
        return OwnerVerdict(OwnerKind.EMPTY)
    verdict = _classify(text, group_words, tuple(lead_words))
    return OwnerVerdict(verdict.kind, list(verdict.people))


@lru_cache(maxsize=8192)
def _classify(text: str, group_words: frozenset[str], lead_words: tuple[str, ...]) -> OwnerVerdict:
    lead_marked = any(re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE) for w in lead_words)
    without_remarks = re.sub(r"\([^)]*\)", " ", text)
    parts = [p.strip(" :-–") for p in _SPLIT.split(without_remarks) if p and p.strip(" :-–")]
    if is_external(text):
        return OwnerVerdict(OwnerKind.GROUP)  # an outside body ("Styrelsen for …", "KL") is no person here
    kinds = [_part_kind(p, group_words) for p in parts]
    people = [name for k, name in kinds if k in (OwnerKind.PERSON, OwnerKind.FIRST_NAME)]
    if not people:
        return OwnerVerdict(OwnerKind.GROUP)
    if len(people) == 1:
        kind = next(k for k, name in kinds if name == people[0])
        return OwnerVerdict(kind, people)
    return OwnerVerdict(OwnerKind.SEVERAL_WITH_LEAD if lead_marked else OwnerKind.SEVERAL, people)


def person_key(name: str) -> str:
    """A key that treats 'Mette Sørensen' and ' mette  sørensen ' as the same owner."""
    return " ".join(name.casefold().split())
