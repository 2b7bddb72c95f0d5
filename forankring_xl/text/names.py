"""Is the text in an Ansvarlig cell a named person, a role, a group or several people?"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from enum import Enum

PARTICLES = {"af", "de", "la", "le", "von", "van", "der", "du", "da", "di", "del"}
ROLE_SUFFIXES = (
    "leder", "ledelse", "ledelsen", "konsulent", "konsulenten", "koordinator", "koordinatoren",
    "repræsentant", "repræsentanten", "udvalg", "udvalget", "gruppe", "gruppen", "team", "teamet",
    "afdeling", "afdelingen", "medarbejdere", "medarbejderne", "erne", "chef", "chefen",
)
_SPLIT = re.compile(r"\s*(?:[,;/&+\n]|\bog\b)\s*", re.IGNORECASE)
_TOKEN = re.compile(r"^[^\W\d_][\w'’.-]*$", re.UNICODE)


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


def _part_kind(part: str, group_words: frozenset[str]) -> OwnerKind:
    folded = " ".join(part.casefold().split())
    if not folded:
        return OwnerKind.EMPTY
    if folded in group_words:
        return OwnerKind.GROUP
    tokens = part.split()
    if not all(_TOKEN.match(t) for t in tokens):
        return OwnerKind.GROUP  # digits or symbols: not a name
    if len(tokens) == 1:
        word = tokens[0]
        if _is_role_word(word, group_words) or not word[0].isupper():
            return OwnerKind.GROUP
        return OwnerKind.FIRST_NAME
    if any(_is_role_word(t, group_words) for t in tokens if t.casefold() not in PARTICLES):
        return OwnerKind.GROUP
    return OwnerKind.PERSON


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
    kinds = [(_part_kind(p, group_words), p) for p in parts]
    people = [p for k, p in kinds if k in (OwnerKind.PERSON, OwnerKind.FIRST_NAME)]
    if not people:
        return OwnerVerdict(OwnerKind.GROUP)
    if len(people) == 1:
        kind = next(k for k, p in kinds if p == people[0])
        return OwnerVerdict(kind, people)
    return OwnerVerdict(OwnerKind.SEVERAL_WITH_LEAD if lead_marked else OwnerKind.SEVERAL, people)


def person_key(name: str) -> str:
    """A key that treats 'Mette Sørensen' and ' mette  sørensen ' as the same owner."""
    return " ".join(name.casefold().split())
