"""Is the text in an Ansvarlig cell a named person, a role, a group or several people?"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from enum import Enum

PARTICLES = {"af", "de", "la", "le", "von", "van", "der", "du", "da", "di", "del", "v.", "v", "van't", "ter", "ten"}
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
    "kommunerne", "center", "centre", "centrene", "huset", "skole",
)
# Titles and professions, in any inflection ("Direktør", "pædagogen", "Sundhedsplejersken", "lærerne"): a
# role, never a name. Matched as the end of a word after its inflection is taken off.
ROLE_STEMS = (
    "direktør", "borgmester", "rådmand", "formand", "næstformand", "sekretær", "psykolog", "plejerske",
    "pædagog", "lærer", "læge", "terapeut", "rådgiver", "behandler", "assistent", "hjælper", "fuldmægtig",
    "specialist", "superbruger", "tovholder", "kontaktperson", "nøgleperson", "ressourceperson", "ansvarlig",
    "koordinator", "konsulent", "chef", "leder", "repræsentant", "medarbejder", "sagsbehandler", "vejleder",
    "underviser", "instruktør", "mentor", "jordemoder", "tandplejer", "medhjælper", "souschef", "inspektør",
)
_INFLECTIONS = ("erne", "ene", "rne", "ne", "er", "en", "et", "e", "n", "r", "")
# Words that name part of a unit ("Jobcenter Syd", "Område Nord"), never part of a name
_PLACE_WORDS = frozenset({"nord", "syd", "øst", "vest", "midt", "centrum"})
# Adjectives that go with a role ("Pædagogisk leder", "Daglig leder", "Nærmeste leder")
_ROLE_ADJECTIVE = re.compile(r"(?:isk|ig|lig|ende|este|ste|ære)$")
# A label before the name ("Ansvarlig: Mette Holm", "Tovholder - Ole Berg") and who acts for a unit
# ("HR v. Mette Holm", "Ledelsen v/ Bo Lund", "Jobcentret ved Ole Berg", "Skolen att. Lise Dam")
_ACTING_FOR = re.compile(r"\s+(?:v\.|v/|ved|att\.?|c/o|repr\.\s*ved|repræsenteret\s+ved)\s+", re.IGNORECASE)
# "m.fl.", "med flere": more people than the one named
_AND_OTHERS = re.compile(r"\s*(?:\bm\.\s*fl\.?|\bmfl\.?|\bmed\s+flere|\bo\.\s*a\.|\bm\.\s*fl)\s*$", re.IGNORECASE)

# Common Danish first names (and a few common in Danish workplaces): a lower-case cell such as
# "mette sørensen" is a person typed without capitals, not a group. Used only for lower-case cells; a
# capitalised name is a name whatever it is.
FIRST_NAMES = frozenset("""
anne kirsten hanne mette anna helle susanne lene maria marianne lone camilla pia louise charlotte tina gitte
inge bente karen jette sanne lise ida julie birgitte christina ulla emma hanna tanja katrine rikke malene
line maja laura sofie karina dorte heidi eva jytte else mia lotte kristina annette lisbeth nina sara signe
trine vibeke ellen stine birthe inger tove grethe ruth bodil merete marie cecilie josefine caroline nanna
liv astrid freja clara alma ella agnes emilie frida mathilde amalie andrea karoline rebecca simone pernille
lærke henriette mona jane janne dorthe connie winnie jeanette britt berit solveig ingrid lis kamilla
peter jens lars michael henrik thomas søren jan niels christian martin anders morten jesper mads rasmus
per hans mikkel ole kim poul jørgen steen frederik jakob lasse nikolaj kasper klaus erik torben allan
brian john bo kenneth carsten flemming tommy johannes daniel tobias emil william oliver lucas noah victor
magnus mathias sebastian alexander simon andreas jonas kristian christoffer philip jacob benjamin oscar
karl knud leif finn bent bjarne svend preben kurt arne ib jørn erling aksel palle troels ulrik claus
jeppe esben bjørn kjeld gert john-erik jens-peter anne-mette anne-marie marie-louise karl-erik hans-henrik
ahmed mohammad mohammed ali fatima aisha hassan omar yusuf mustafa ayse mehmet ibrahim zainab hamid
""".split())
_SURNAME_ENDINGS = ("sen", "søn", "gaard", "gård", "rup", "strup", "holm", "lund", "berg", "bjerg", "dal",
                    "skov", "bæk", "feldt", "toft", "borg", "høj", "kjær", "mose", "vad", "vang", "by")
# Words before a noun that make the cell a group, never a name: "De ansatte", "Alle ledere", "Hele teamet".
DETERMINERS = {"de", "det", "den", "alle", "hele", "samtlige", "vores", "hver", "enhver", "øvrige", "relevante"}
# a suspended compound, "Børne- og Ungeudvalget", "Social- og Sundhedsforvaltningen": one body named by its last
# word, not a first name ("Børne") and a group; the parts before "- og" are dropped before splitting
_SUSPENDED = re.compile(r"\b[^\W\d_]+-(?:\s*(?:og|eller)\s+|\s*,\s*(?=[^\W\d_]+-))", re.IGNORECASE)
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


# Acronyms of bodies and units inside the municipality ("HMU", "LMU", "AMO", "PPR"): groups, not initials
_BODY_ACRONYM = re.compile(r"^(?:[A-ZÆØÅ]{1,3}MU|AMO|AMG|AMR|PPR|SSP|SFO|MED|HR|TR|LMU|BUF)$")


def _is_role_word(word: str, group_words: frozenset[str]) -> bool:
    if _BODY_ACRONYM.match(word.strip(".:")):
        return True
    w = word.casefold().strip(".:")
    if w in group_words or w in _PLACE_WORDS or any(w.endswith(suffix) for suffix in ROLE_SUFFIXES):
        return True
    return any(w.endswith(ending) and w[: len(w) - len(ending)].endswith(ROLE_STEMS) for ending in _INFLECTIONS)


def _lower_case_name(tokens: list[str]) -> bool:
    """'mette sørensen', 'Mette sørensen', 'ole v. hansen': a person written without capitals.

    Only 2-4 words, the first a common first name, the last a name (not a role or group word)."""
    words = [t.casefold() for t in tokens if t.casefold() not in PARTICLES]
    if not 2 <= len(words) <= 4:
        return False
    first = words[0]
    return (first in FIRST_NAMES or "-" in first and all(p in FIRST_NAMES for p in first.split("-"))) and (
        words[-1] not in FIRST_NAMES or len(words) > 2 or words[-1].endswith(_SURNAME_ENDINGS)
    )


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
        if _is_role_word(word, group_words):
            return OwnerKind.GROUP, part
        if not word[0].isupper():  # "mette" typed in lower case is a first name; "personalet" is not
            return (OwnerKind.FIRST_NAME if word.casefold() in FIRST_NAMES else OwnerKind.GROUP), part
        return OwnerKind.FIRST_NAME, part
    if tokens[0].casefold() in DETERMINERS:
        return OwnerKind.GROUP, part  # "De enkelte afdelinger", "De ansatte", "Alle pædagoger"
    roles = [i for i, t in enumerate(tokens) if _is_role_word(t, group_words)]
    # an adjective before a role belongs to it: "Pædagogisk leder Lise Dam", "Daglig leder"
    roles += [i for i in range(len(tokens) - 1) if i + 1 in roles and i not in roles
              and _ROLE_ADJECTIVE.search(tokens[i].casefold())]
    names = [i for i, t in enumerate(tokens) if i not in roles and t.casefold() not in PARTICLES]
    if not roles and _lower_case_name(tokens):
        return OwnerKind.PERSON, " ".join(tokens)  # "mette sørensen": a name typed in lower case
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


@lru_cache(maxsize=64)
def _external_patterns(extra_words: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """One expression for the acronyms (matched with their case) and one for the rest (on folded text)."""
    acronyms = "|".join(rf"(?<![\w-]){re.escape(a)}(?![\w-])" for a in EXTERNAL_ACRONYMS)
    words = (*EXTERNAL_PATTERNS, *(rf"\b{re.escape(w.casefold())}\b" for w in extra_words))
    return re.compile(acronyms), re.compile("|".join(f"(?:{p})" for p in words))


def is_external(text: str | None, extra_words: tuple[str, ...] | list[str] = ()) -> bool:
    """The cell names a body outside the municipality (an agency, a consultancy, KL …)."""
    if not text:
        return False
    acronyms, words = _external_patterns(tuple(extra_words))
    return acronyms.search(text) is not None or words.search(text.casefold()) is not None


def classify_owner(text: str | None, group_words: frozenset[str], lead_words: tuple[str, ...] | list[str]) -> OwnerVerdict:
    """Classify an owner cell. ``group_words`` are lower-case role/group words."""
    if text is None or not text.strip():
        return OwnerVerdict(OwnerKind.EMPTY)
    verdict = _classify(text, group_words, tuple(lead_words))
    return OwnerVerdict(verdict.kind, list(verdict.people))


@lru_cache(maxsize=8192)
def _classify(text: str, group_words: frozenset[str], lead_words: tuple[str, ...]) -> OwnerVerdict:
    lead_marked = any(re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE) for w in lead_words)
    if is_external(text):
        return OwnerVerdict(OwnerKind.GROUP)  # an outside body ("Styrelsen for …", "KL") is no person here
    # a label before the name: "Ansvarlig: Mette Holm", "Tovholder: Ole Berg"
    body = re.sub(r"^\s*[^\W\d_][\w -]*?:\s*(?=\S)", "", text) if ":" in text else text
    others = bool(_AND_OTHERS.search(body))  # "Bo Lund m.fl.": more people, and none marked as the lead
    body = _AND_OTHERS.sub("", body)
    remarks = re.findall(r"\(([^)]*)\)", body)
    without_remarks = re.sub(r"\([^)]*\)", " ", body)
    acting = _ACTING_FOR.split(without_remarks, maxsplit=1)
    if len(acting) == 2 and _part_kind(acting[0].strip(" :-–"), group_words)[0] is OwnerKind.GROUP:
        without_remarks = acting[1]  # "HR v. Mette Holm": the person acts for the unit
    without_remarks = _SUSPENDED.sub("", without_remarks)
    parts = [p.strip(" :-–") for p in _SPLIT.split(without_remarks) if p and p.strip(" :-–")]
    kinds = [_part_kind(p, group_words) for p in parts]
    # "Udvalget for Børn og Unge", "Center for Børn og Familie": beside a group, a single word that is no known
    # first name ("Unge", "Familie") is the rest of the group's name, not a person (only where no part is a full
    # name: in a long list of units one of them may read as a name, and the list is then several owners)
    if (any(k is OwnerKind.GROUP for k, _ in kinds)
            and not any(k is OwnerKind.PERSON for k, _ in kinds)):
        kinds = [(OwnerKind.GROUP, n) if k is OwnerKind.FIRST_NAME and n.casefold() not in FIRST_NAMES else (k, n)
                 for k, n in kinds]
    # "Mette Holm, Jobcenter", "Lise Dam, Solbakken": one full name and, after a comma, a one-word place
    if ("," in without_remarks and sum(k is OwnerKind.PERSON for k, _ in kinds) == 1
            and all(k in (OwnerKind.PERSON, OwnerKind.GROUP)
                    or (k is OwnerKind.FIRST_NAME and i > 0 and n.casefold() not in FIRST_NAMES)
                    for i, (k, n) in enumerate(kinds))
            and not re.search(r"\bog\b|[/&+;]", without_remarks, re.IGNORECASE)):
        kinds = [(k, n) for k, n in kinds if k is OwnerKind.PERSON]
    people = [name for k, name in kinds if k in (OwnerKind.PERSON, OwnerKind.FIRST_NAME)]
    if not people and remarks:
        # "Skoleleder (Mette Holm)": the role outside, the person in the brackets
        inner = [_part_kind(p.strip(" :-–"), group_words) for r in remarks for p in _SPLIT.split(r) if p.strip(" :-–")]
        people = [name for k, name in inner if k is OwnerKind.PERSON]
        if len(people) == 1:
            return OwnerVerdict(OwnerKind.PERSON, people)
        people = []
    if not people:
        return OwnerVerdict(OwnerKind.GROUP)
    if len(people) == 1 and not others:
        kind = next(k for k, name in kinds if name == people[0])
        return OwnerVerdict(kind, people)
    return OwnerVerdict(OwnerKind.SEVERAL_WITH_LEAD if lead_marked else OwnerKind.SEVERAL, people)


def person_key(name: str) -> str:
    """A key that treats 'Mette Sørensen' and ' mette  sørensen ' as the same owner."""
    return " ".join(name.casefold().split())
