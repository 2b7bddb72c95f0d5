"""SMART verdicts for one goal text (delmål or mål), explained in Danish.

S, M and T are read from the text (and the due date); A and R need the plan: who approved it, and
whether the date fits the activity, the mål, the plan period and the owner's load. Each letter is
True, False or None (cannot be judged), with a Danish reason; a suggestion says how to rewrite.

The rules (see docs/smart.md):
* **M** holds with a target value (a number or percentage outside time expressions, a bounded duration),
  an explicit all/none over a countable group together with a completion verb and a concrete object, a
  deliverable or event (an event verb "udarbejdes", "forelægges"; "har" + any non-direction participle;
  an event verb's action noun "Udarbejdelse af …"; an offer or a right to something concrete; a concrete
  thing in a binary state "er tilgængelig", "i drift", "CO2-neutral"), an agenda's decision ("tages til
  efterretning"), a procedure rule with a fixed cadence or a time limit per case ("følger månedligt op på",
  "inden for 10 arbejdsdage"), or a named threshold ("landsgennemsnittet"). A hedge before the act ("så vidt
  muligt", "hvor muligt") and an intention ("understøtte", "arbejde for, at") fail it; a verb of ensuring
  ("sikre, at …") and a task given to a role ("er ansvarlig for at …") pass on their content's own S and M.
* **S** fails for a bare heading (no verb) or for direction words (vague verbs, adjectives, phrases,
  abstract nouns, "flere/færre" without a group) that nothing concrete anchors: a number, an event,
  a measurable noun that is what changes (not "på alle niveauer", not "antallet" alone) or a threshold.
* **T** holds when the due date or a time expression in the text fixes when; frequencies alone don't.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable

from pydantic import BaseModel, Field, PrivateAttr, model_validator

from ..model import DateText, Raw
from ..text.dates import format_date as _fmt
from ..text.datecell import is_start_only, is_vague_time, read_date_cell, runs_on_after
from ..text.timeexpr import TimeSpan, find_time_expressions
from .lemmas import dictionary_factory, import_simplemma
from .structure import ADVERBS, FINITE, Clauses, analyse, noun_context, strip_label

LETTERS = ("S", "M", "A", "R", "T")
AUXILIARIES = {
    "skal", "er", "bliver", "blev", "har", "havde", "kan", "vil", "må", "bør", "sker", "får", "skulle",
    "være", "have", "blive", "var", "ligger", "gør", "kunne", "ville",
}
_SUBJECT_PRONOUNS = {"vi", "de", "man", "der", "det", "den", "han", "hun", "jeg", "du", "i"}
# the modal verbs that say something is to happen: also what keeps a time a plan's, not background (_PLAN_WORDS)
_MODAL_VERBS = frozenset({"skal", "kan", "vil", "må", "bør", "skulle", "kunne", "ville"})
MODALS = _MODAL_VERBS | {"måtte", "burde", "gerne", "ikke"}
PERFECT_AUX = {"er", "var", "være", "har", "havde", "have", "blive", "bliver", "blev", "været", "blevet"}
REFERENCE_WORDS = {"stk", "nr", "kapitel", "bilag", "afsnit", "mål", "delmål", "indsats", "indsatsområde",
                   "punkt", "pkt", "fase", "version", "side", "sigtepunkt", "tema", "paragraf", "lov"}
# words that open an object or a particle after a verb: "udarbejde en plan", "melde tilbage"
OBJECT_STARTS = {"en", "et", "den", "det", "de", "alle", "sin", "sit", "sine", "deres", "vores", "nye", "ny", "nyt",
                 "tilbage", "op", "ud", "ind", "frem", "sammen", "hver", "hvert", "mindst", "to", "tre", "fire"}
ABILITY_NOUNS = {"kompetence", "kompetencer", "mulighed", "evne", "ret", "lyst", "redskab", "forudsætning", "mod"}
CAP_WORDS = {"maksimalt", "max", "maks", "højst", "mindst", "minimum", "maksimum", "minimalt"}
ORDINAL_SHARES = {"anden", "andet", "tredje", "fjerde", "femte", "sjette", "syvende", "ottende", "niende", "tiende"}
DETERMINERS = {"en", "et", "den", "det", "de", "vores", "jeres", "sin", "sit", "sine"}
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)


class Lexicon(BaseModel):
    vague_verbs: set[str] = Field(default_factory=set)
    vague_phrases: list[str] = Field(default_factory=list)
    vague_adjectives: set[str] = Field(default_factory=set)
    abstract_nouns: set[str] = Field(default_factory=set)
    comparatives: set[str] = Field(default_factory=set)
    group_nouns: set[str] = Field(default_factory=set)
    measure_nouns: set[str] = Field(default_factory=set)
    event_verbs: set[str] = Field(default_factory=set)
    state_verbs: set[str] = Field(default_factory=set)
    feeling_verbs: set[str] = Field(default_factory=set)
    threshold_words: set[str] = Field(default_factory=set)
    completion_verbs: set[str] = Field(default_factory=set)
    number_words: set[str] = Field(default_factory=set)
    change_verbs: set[str] = Field(default_factory=set)
    size_verbs: set[str] = Field(default_factory=set)
    deliverable_nouns: set[str] = Field(default_factory=set)
    relational_measures: set[str] = Field(default_factory=set)  # also measure nouns (added below)
    completion_words: set[str] = Field(default_factory=set)
    binary_states: set[str] = Field(default_factory=set)
    effort_verbs: set[str] = Field(default_factory=set)
    ensure_verbs: set[str] = Field(default_factory=set)
    hedges: list[str] = Field(default_factory=list)  # in order: the first one found is named
    entitlements: set[str] = Field(default_factory=set)  # two words: "ret til"
    person_nouns: set[str] = Field(default_factory=set)
    light_verbs: set[str] = Field(default_factory=set)
    mandate_verbs: set[str] = Field(default_factory=set)
    decision_phrases: list[str] = Field(default_factory=list)  # "tage til efterretning": lemma, then words as written
    promptness: list[str] = Field(default_factory=list)  # "hurtigst muligt": when, not how well
    _verbs: frozenset | None = PrivateAttr(None)  # all verb lemmas, built on first use
    _plain: frozenset | None = PrivateAttr(None)  # measure nouns that are not relational, on first use
    _key: int | None = PrivateAttr(None)  # a hash of the lists, for the text cache

    @model_validator(mode="after")
    def _relational_are_measures(self) -> "Lexicon":
        self.measure_nouns |= self.relational_measures
        return self

    def extended(self, extra: dict[str, list[str]] | None) -> "Lexicon":
        if not extra:
            return self
        data = self.model_dump()
        for key, words in extra.items():
            if key not in data:
                raise ValueError(f"ukendt ordliste '{key}' (kendte: {', '.join(sorted(data))})")
            lowered = [w.casefold() for w in words]
            data[key] = data[key] + lowered if isinstance(data[key], list) else set(data[key]) | set(lowered)
        return Lexicon.model_validate(data)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    text = resources.files("forankring_xl.smart").joinpath("lexicon.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return Lexicon.model_validate({k: [w.casefold() for w in v] for k, v in data.items()})


@lru_cache(maxsize=1)
def _lemmatizer():
    # simplemma's trie dictionary, cached on disk (see lemmas.py): milliseconds to load, 4 MB
    simplemma = import_simplemma()
    from simplemma.strategies import DefaultStrategy

    return simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=dictionary_factory()))


@lru_cache(maxsize=20000)
def lemma(word: str) -> str:
    return _lemmatizer().lemmatize(word.casefold(), lang="da").casefold()


@dataclass
class GoalContext:
    """What the plan says around a goal; every field optional."""

    approved_by: str | None = None
    approved_on: dt.date | None = None
    plan_start: dt.date | None = None
    plan_end: dt.date | None = None
    activity_start: dt.date | None = None
    maal_date: dt.date | None = None
    owner_overloaded: bool | None = None
    owner: str | None = None
    has_plan: bool = False


class SmartVerdict(BaseModel):
    S: bool | None
    M: bool | None
    A: bool | None
    R: bool | None
    T: bool | None
    smart: bool
    reasons: dict[str, str]
    suggestion: str
    hints: dict[str, str] = Field(default_factory=dict, description="A rewrite hint per failing letter.")
    due: dt.date | None = Field(None, description="The deadline read from the date or the text, if any.")

    def failing(self) -> list[str]:
        return [letter for letter in LETTERS if getattr(self, letter) is False]


@dataclass
class _Tokens:
    words: list[str]
    lemmas: list[str]
    starts: list[int]
    text: str
    masked: str  # the text with time expressions blanked out
    spans: list[TimeSpan] = field(default_factory=list)
    verb: list[bool] = field(default_factory=list)  # whether each token is used as a verb


def _tokens(text: str, anchor: dt.date | None, ref_year: int | None) -> _Tokens:
    spans = find_time_expressions(text, anchor, ref_year)
    masked = list(text)
    for span in spans:
        for i in range(span.pos, min(len(text), span.pos + len(span.text))):
            masked[i] = " "
    masked_text = "".join(masked)
    words, lemmas, starts = [], [], []
    for m in _TOKEN.finditer(text):
        words.append(m[0].casefold())
        lemmas.append(lemma(m[0]) if not m[0][0].isdigit() else m[0])
        starts.append(m.start())
    return _Tokens(words, lemmas, starts, text, masked_text, spans)


# a preposition that opens a time expression the time reader took without it: "skal fra 1. januar 2014 …"
_TIME_PREPOSITIONS = frozenset({"fra", "i", "inden", "senest", "før", "efter", "til", "ved", "med", "per", "pr"})


def _verb_at(tok: _Tokens, i: int, verbs: frozenset, first: int = 0) -> bool:
    """Whether token i is used as a verb: finite, passive, infinitive after an auxiliary, or participle.

    simplemma gives lemmas but no word classes, so the form decides: ``lemma+s`` is a passive, ``lemma+r``
    a present tense unless a determiner, quantifier or preposition before it makes it a plural noun
    ("flere skoler"), and a past form counts for the verbs in the word lists only ("samarbejdet" is a noun).
    """
    word, lem = tok.words[i], tok.lemmas[i]
    if word[0].isdigit() or tok.masked[tok.starts[i]] == " ":
        return False  # a number, or a word inside a time expression ("1. marts 2027")
    nxt = tok.words[i + 1] if i + 1 < len(tok.words) else ""
    if word in FINITE:
        return True
    if (word in _NOT_CONTENT and word not in ("gør", "så")) or word in ADVERBS:
        return False  # a pronoun, determiner, preposition or adverb: "har et ansvar", "skal det sikres", "vil derfor"
    prev = tok.words[i - 1] if i else ""
    if word == lem:
        if word in _NOT_CONTENT and word not in ("gør", "så"):
            return False  # a pronoun or function word after a modal: "skal det sikres"
        k = i - 1
        while k >= 0 and k >= i - 8 and (tok.words[k] in ADVERBS or tok.masked[tok.starts[k]] == " "
                                         or _adverbial(tok, k)
                                         or (tok.words[k] in _SUBJECT_PRONOUNS and k and tok.words[k - 1] in MODALS)
                                         or (tok.words[k] in _TIME_PREPOSITIONS and k + 1 < i
                                             and tok.masked[tok.starts[k + 1]] == " ")):
            k -= 1  # "vil herefter udarbejde", "skal hvert år opnå" (time text), "skal fra 1. januar 2014 fastsætte", "vil vi indføre"
        k = _inverted_subject(tok, k)  # "skal byrådet til september godkende", "skal Hovedudvalget på kommunen nu drøfte"
        prev = tok.words[k] if k >= 0 else ""
        if prev == "at":
            before = tok.words[k - 1] if k >= 1 else ""
            noun = tok.lemmas[k - 2] if k >= 2 else ""
            # a purpose ("med at indføre") or an ability ("kompetencer til at indgå") is no predicate
            return before not in {"med", "ved", "for", "om"} and noun not in ABILITY_NOUNS
        if i == first and (lem in verbs or (word.endswith("e") and nxt in OBJECT_STARTS)):
            return True  # a goal that starts with an infinitive: "Udarbejde en plan", "melde tilbage til …"
        # an infinitive follows a modal ("skal udarbejde"), never "har"/"er"/"får": "skal have hjælp",
        # "har erfaring" – the bare form after those is a noun
        if prev in MODALS:
            return True
        if lem in verbs and word.endswith("t") and not nxt:
            return True  # a milestone's closing participle: "Informationsmøder afholdt" (er afholdt)
        # a participle simplemma keeps as it is ("er afholdt"), but not a noun ("har erfaring")
        return prev in AUXILIARIES and (lem in verbs and word.endswith(("t", "de", "et", "en")))
    if prev in DETERMINERS and not (prev in ("det", "den", "de") and i >= 2 and tok.words[i - 2] in FINITE):
        return False  # "den udarbejdede plan", "en skoles": not a verb; but "skal det sikres" is one
    if word == lem + "s" and lem.endswith("e") and prev in MODALS:
        return True  # a passive after a modal: "skal ajourføres", "skal skabes"
    if word in EXPECTED and nxt and _is_participle(nxt):
        return True  # "forventes inkluderet", "ønskes gennemført"
    if word == lem + "s" and (lem in verbs or (lem.endswith("e") and (
            not nxt or nxt in OBJECT_STARTS or nxt in ADVERBS or noun_context(nxt)
            or tok.masked[tok.starts[i + 1]] == " "))):  # "Hjælpen leveres senest 3 dage efter …"
        return True  # a passive; "kommunes konkrete projekt" is a genitive
    if lem.endswith("e") and word == lem + "r":
        if noun_context(prev) or prev in _PREPOSITIONS or (i == first and lem not in verbs) or (
                prev[:1].isdigit() and not tok.text[tok.starts[i - 1]: tok.starts[i]].strip(" " + prev)):
            return False  # (also a unit after a number: "op til 4 uger")
        # past the adjectives before it ("af administrative byrder", "har sociale og relationelle
        # kompetencer"): after a preposition or determiner, or after the clause's finite verb, it is a noun
        k = i - 1
        while k >= 0 and (tok.words[k] == "og" or (tok.words[k].endswith(_WALK_ADJECTIVE) and tok.words[k] not in FINITE
                                                  and tok.lemmas[k] not in verbs and k != first)):
            k -= 1
        if k < i - 1 and k >= 0 and (tok.words[k] in _PREPOSITIONS or tok.words[k] in FINITE):
            return False
        # right after an inflected adjective it is a plural noun: "socioøkonomiske dataanalyser"
        return not (i and prev.endswith(_INFLECTED_ADJECTIVE) and prev not in FINITE)
    # a past tense or participle of a listed verb: the stem and a past ending ("udarbejdet", "afholdt")
    # (irregular ones too: "nedsat", "lagt"), never a superlative ("mindst")
    if lem in verbs and word.endswith(("t", "de", "en")) and not word.endswith("st"):
        # a participle before its noun is an adjective: "afsluttede forløb", "udarbejdede planer"
        return not (word.endswith("de") and prev not in AUXILIARIES and prev not in PERFECT_AUX and nxt
                    and nxt not in _NOT_CONTENT and nxt not in ADVERBS and not nxt[0].isdigit()
                    and not re.search(r"[,.;:]", tok.text[tok.starts[i] + len(word): tok.starts[i + 1]]))
    # any participle right after a passive or perfect auxiliary: "blive mødt", "er kendetegnet"
    # (also after an expectation in the passive: "forventes inkluderet", "ønskes gennemført")
    return ((prev in PERFECT_AUX or prev in EXPECTED) and lem != word and word.endswith(("t", "de", "et"))
            and not word.endswith("st"))


# adverbs made from an adjective by its -t ("skal formelt godkende", "skal systematisk registrere"): only the
# adverbial endings, so a participle ("udarbejdet") or a noun ("arbejdet") is never skipped as one
_ADVERB_ENDINGS = ("ligt", "eligt", "igt", "elt", "isk", "vis", "mæssigt")


def _abstract_object(tok: _Tokens, cl: Clauses, lex: Lexicon, event: str) -> bool:
    """Whether an event verb acts only on something generic or vague: "tilbyde rammerne om det gode hverdagsliv",
    "iværksættes en understøttende proces" (a topic word is no such object: "godkender dagsordenen"). The rubric
    fails S for "no concrete object": the act is done, but what is made or offered is unsaid. Only an event verb
    with an object counts; the object is the first noun group after the verb."""
    if event not in tok.words:
        return False
    at = tok.words.index(event)
    if not (tok.verb[at] and cl.main(at) and tok.lemmas[at] in lex.event_verbs):
        return False
    obj = _object_of(tok, cl, lex, at)
    if obj is None or obj - at > 4 or _in_phrase(tok, obj):
        return False
    return any(_vague_quality(tok, k, lex) for k in range(at + 1, obj)) or _generic(tok, obj, lex)


def _generic(tok: _Tokens, i: int, lex: Lexicon) -> bool:
    """A generic noun ("rammer", "en løsning", "et forløb") that nothing after it makes concrete: "rammerne om det
    gode hverdagsliv" stays generic (a vague quality), "en ny løsning til digital post" and "rammer for
    hjemmearbejde" name what they are for."""
    if tok.words[i] not in GENERIC_NOUNS:
        return False
    n = len(tok.words)
    if i + 2 >= n or tok.words[i + 1] not in ("til", "for", "om", "af", "med") or re.search(
            r"[,;(]", tok.text[tok.starts[i]: tok.starts[i + 1]]):
        return True
    phrase = range(i + 2, min(n, i + 5))
    return (any(_vague_quality(tok, k, lex) for k in phrase)
            or not any(_concrete(tok, k, lex) for k in phrase))


def _vague_quality(tok: _Tokens, k: int, lex: Lexicon) -> bool:
    """A vague quality before a noun: a listed adjective ("gode"), or the present participle of a direction verb
    ("en understøttende proces", "styrkende tiltag")."""
    word = tok.words[k]
    return _vague_adjective(word, tok.lemmas[k], lex) or (
        word.endswith("ende") and (_head_in(tok.lemmas[k], lex.vague_verbs) or word[:-3] in lex.vague_verbs))


# nouns that name an act or a thing of any kind: what it is, is said elsewhere ("en proces", "tiltag", "rammerne")
GENERIC_NOUNS = frozenset({"proces", "processen", "tiltag", "tiltagene", "ramme", "rammer", "rammerne", "rammen",
                           "løsning", "løsninger", "løsningerne", "løsningen", "vej", "veje", "vejen", "måde",
                           "måder", "muligheder", "viden"})


# an expectation or a wish in the passive before a participle: "Temaerne forventes inkluderet i udvalgsmøderne" (the
# participle is the act; the expectation works as an auxiliary)
EXPECTED = frozenset({"forventes", "ventes", "ønskes", "planlægges", "påregnes"})


def _mandate(tok: _Tokens, cl: Clauses, lex: Lexicon) -> str | None:
    """The word of a standing task or responsibility in the main clause, as written: a mandate verb ("varetage",
    "MED-udvalget skal varetage alle sager omkring …") or "ansvar(et) for" + a noun ("Udvalget har ansvaret for
    beskæftigelsesområdet"). A mandate says whose task an area is, not what is to change in it (S); "er ansvarlig
    for at udarbejde …" names the task itself (see _duty)."""
    n = len(tok.words)
    for i in range(n):
        if not cl.main(i):
            continue
        if tok.lemmas[i] in lex.mandate_verbs and tok.verb[i]:
            return tok.words[i]
        if (tok.words[i] in ("ansvar", "ansvaret", "ansvarlig", "ansvarlige", "ansvarligt") and i + 2 < n
                and tok.words[i + 1] == "for" and tok.words[i + 2] != "at"):
            return f"{tok.words[i]} for"
    return None


def _adverbial(tok: _Tokens, k: int) -> bool:
    """Whether token k, between a modal and its infinitive, is an adverb: listed, or an adjective's adverb form."""
    word = tok.words[k]
    return (word.endswith(_ADVERB_ENDINGS) and len(word) > 4 and word not in FINITE and word not in _NOT_CONTENT
            and not word[0].isdigit() and k > 0 and tok.words[k - 1] not in DETERMINERS)


def _inverted_subject(tok: _Tokens, k: int) -> int:
    """Past an inverted subject between a fronted modal and its infinitive: the subject is a definite noun (with
    at most one prepositional phrase of a definite noun after it, and adverbs): "Derfor skal Hovedudvalget på
    kommunen nu drøfte", "I forlængelse af klimapolitikken skal byrådet til september godkende". Returns the
    index of the modal when the walk reaches one, else k unchanged."""
    j = k
    if j >= 2 and tok.words[j - 1] in _PREPOSITIONS and _definite_noun(tok, j):
        j -= 2  # "på kommunen"
    while j >= 0 and (tok.words[j] in ADVERBS or _adverbial(tok, j) or tok.masked[tok.starts[j]] == " "):
        j -= 1
    if j >= 1 and _definite_noun(tok, j) and tok.words[j - 1] in MODALS and j - 1 > 0:
        return j - 1
    return k


def _definite_noun(tok: _Tokens, j: int) -> bool:
    """A definite noun by its ending ("byrådet", "kommunen", "borgerne"), not a function word or a verb form."""
    word = tok.words[j]
    return (len(word) > 4 and word.endswith(("et", "en", "ne")) and word not in _NOT_CONTENT
            and word not in FINITE and word not in AUXILIARIES and not word[0].isdigit()
            and tok.masked[tok.starts[j]] != " " and tok.lemmas[j] != word)


def _imperative(tok: _Tokens, i: int, verbs: frozenset) -> str | None:
    """The infinitive of a goal's opening imperative ("Træn alle ansatte …", "Udarbejd en plan", "Kontakt
    borgeren", "Sæt mål"), else None: the word is the stem of a verb, as its present tense shows (simplemma
    reads "træner" as "træne") or as a listed verb's infinitive ("kontakte", "sætte"), and an object follows."""
    word = tok.words[i]
    if (len(word) < 3 or word[0].isdigit() or word in _NOT_CONTENT or word in ADVERBS or word.endswith("e")
            or word.endswith(_ADJECTIVE_ENDINGS + ("sk", "ig", "ing", "else", "hed", "tion"))):
        return None
    nxt = tok.words[i + 1]
    if not (nxt in OBJECT_STARTS or nxt not in _PREPOSITIONS and not noun_context(nxt) or nxt in ("alle", "en", "et")):
        return None
    listed = next((v for v in (word + "e", word + word[-1] + "e") if v in verbs), None)
    if listed:
        return listed
    return word + "e" if lemma(word + "er") == word + "e" or lemma(word) == word + "e" else None


def _verb_lemmas(lex: Lexicon) -> frozenset:
    if lex._verbs is None:
        lex._verbs = frozenset(lex.event_verbs | lex.vague_verbs | lex.state_verbs | lex.completion_verbs
                               | lex.change_verbs | lex.size_verbs)
    return lex._verbs


def _plain_measures(lex: Lexicon) -> frozenset:
    if lex._plain is None:
        lex._plain = frozenset(lex.measure_nouns - lex.relational_measures)
    return lex._plain


def _clauses(tok: _Tokens, lex: Lexicon) -> Clauses:
    verbs = _verb_lemmas(lex)
    for i, word in enumerate(tok.words):
        # simplemma may read a present or passive form as a noun ("kontakter" -> "kontakt"); a listed
        # verb's infinitive plus -r or -s is that verb when the context allows one (see _verb_at)
        if word.endswith(("r", "s")) and word[:-1] in verbs and tok.lemmas[i] != word[:-1]:
            tok.lemmas[i] = word[:-1]
        elif (word.endswith("es") and len(word) > 6 and tok.lemmas[i] != word[:-1] and tok.lemmas[i] + "es" == word
              and lemma(word[:-1] + "r") == word[:-1]):
            tok.lemmas[i] = word[:-1]  # a passive simplemma reads as a noun's: "leveres" (lever), as "leverer" shows
    body_start = strip_label(tok.text)[1]
    first = next((i for i, start in enumerate(tok.starts) if start >= body_start), 0)
    tok.verb = [_verb_at(tok, i, verbs, first) for i in range(len(tok.words))]
    if first < len(tok.words) - 1 and not tok.verb[first]:
        infinitive = _imperative(tok, first, verbs)
        if infinitive:
            tok.lemmas[first], tok.verb[first] = infinitive, True
    return analyse(tok.text, tok.words, tok.lemmas, tok.starts, tok.verb.__getitem__)


# a unit of a duration after a number: "4 uger", "10 arbejdsdage" (not "år": "op til 25 år" is an age)
_DURATION_UNIT = r"\s*(?:arbejds|hver|kalender)?(?:dage?|døgn|uger?|måneder?|timer?)\b"
_UNIT_AFTER = re.compile(r"\s*(?:%|procent|pct|procentpoint)", re.IGNORECASE)


def _targets(tok: _Tokens, cl: Clauses, lex: Lexicon) -> list[str]:
    """Target values in the main clause: numbers and percentages, and verbs with a size ("halveres").

    Numbers that only say which group or object is meant are no target: ages ("de 15-25-årige", "65+",
    "unge under 25 år"), ordinals ("9. klasse"), years outside time expressions ("Vision 2030"), list
    numbering (a label), and anything in a relative clause ("elever, der får mindst 4 i dansk").
    """
    found = []
    index = {s: i for i, s in enumerate(tok.starts)}
    for m in re.finditer(r"(?<![\w-])(\d+(?:[.,]\d+)*)\s*(%|procent|pct\.?|procentpoint)?", tok.masked):
        i = index.get(m.start())
        if i is None or not cl.main(i):
            continue
        after = tok.masked[m.end(1): m.end(1) + 12].casefold()
        has_unit = bool(m[2])
        if re.match(r"\s*\+|\s*-?\s*årig|\s*år\b|-\d+-?\s*årig|\s*-?\s*års-?alder", after):
            continue  # an age: "65+", "25-årige", "under 25 år", "15-25-årige", "fra 1 årsalderen"
        if re.match(r"\.\s+[a-zæøå]", after) and not has_unit:
            continue  # an ordinal: "9. klasse", "2. halvår"
        prev = tok.words[i - 1] if i else ""
        prev2 = tok.lemmas[i - 2] if i >= 2 else ""
        if prev in REFERENCE_WORDS or tok.masked[max(0, m.start() - 2): m.start()].strip() == "§":
            continue  # a reference: "jf. § 17", "mål 4", "bilag 2", "fase 3"
        if not has_unit and prev in ("over", "under", "på", "til", "mellem") and (
                prev2 in lex.group_nouns or (prev == "til" and i >= 3 and tok.words[i - 2] == "op"
                                             and not re.match(_DURATION_UNIT, after))):
            continue  # "borgere over 65", "unge op til 25": which group, not how much ("op til 4 uger" is a bound)
        if (not has_unit and prev in ("over", "under", "mellem") and i >= 2 and not tok.verb[i - 2]
                and tok.words[i - 2] not in FINITE and tok.words[i - 2] not in AUXILIARIES
                and tok.words[i - 2] not in ("end", "ligge", "være", "blive", "på", "til", "fra")
                and re.match(r"\s*(?:uger?|måneder?|år|dage?)\b", after)):
            continue  # "sygedagpengeforløb over 26 uger", "ledige over 6 måneder": which cases, not how much
        value = m[1]
        if re.fullmatch(r"(19|20)\d\d", value) and not has_unit:
            nxt = tok.lemmas[i + 1] if i + 1 < len(tok.words) else ""
            if nxt not in lex.group_nouns and nxt not in lex.measure_nouns:
                continue  # a year in a name or a baseline ("Vision 2030", "i forhold til 2010")
        found.append(m[0].strip())
    for i, (word, lem) in enumerate(zip(tok.words, tok.lemmas)):
        if not cl.main(i) or tok.masked[tok.starts[i]] == " ":
            continue
        if word in ORDINAL_SHARES and i and tok.words[i - 1] in ("hver", "hvert"):
            nxt = tok.words[i + 1] if i + 1 < len(tok.words) else ""
            if not re.fullmatch(r"(?:år|måned|uge|dag|gang|kvartal|halvår)(?:e|er|en)?", nxt):  # "hvert tredje år": a frequency
                found.append(f"{tok.words[i - 1]} {word}")  # "hver tredje": a share
        elif word in lex.number_words:
            nxt = tok.words[i + 1] if i + 1 < len(tok.words) else ""
            # "fem dage" is a duration, unless it is cut from a measure: "skåret fem dage af ventetiden"
            cut = (i + 3 < len(tok.words) and tok.words[i + 2] in ("af", "på", "færre", "mindre", "kortere")
                   and _head_in(tok.lemmas[i + 3 if tok.words[i + 2] in ("af", "på") else i + 2], lex.measure_nouns))
            # "dog maksimalt fire uger", "højst tre måneder": a duration with a named bound is a target value
            capped = (any(j >= 0 and tok.words[j] in CAP_WORDS for j in (i - 1, i - 2))  # also "kan højst vare tre år"
                      or tok.words[max(0, i - 2): i] == ["op", "til"])  # "op til fire uger"
            if not re.match(r"(?:år|måned|uge|dag|gang)", nxt) or cut or capped:
                found.append(" ".join(tok.words[i: i + 2]) if cut else word)
        elif lem in lex.size_verbs and tok.verb[i]:
            found.append(word)  # "halveres", "fordobles": a change with its size
    return found


# words that are never the actor or the object a goal is about: pronouns, determiners, prepositions, conjunctions
_NOT_CONTENT = {
    "vi", "man", "de", "det", "den", "der", "han", "hun", "jeg", "du", "i", "os", "dem", "sig", "hinanden", "noget",
    "nogen", "ingen", "alt", "alle", "flere", "færre", "mange", "andre", "anden", "andet", "hver", "hvert", "en",
    "et", "sin", "sit", "sine", "deres", "vores", "jeres", "hans", "hendes", "dens", "dets", "som", "at", "og",
    "eller", "samt", "men", "af", "til", "for", "med", "på", "om", "fra", "hos", "blandt", "ved", "under", "over",
    "mellem", "efter", "før", "inden", "uden", "mod", "gennem", "via", "igennem", "omkring", "hinandens", "samme",
    "selv", "egen", "eget", "egne", "enkelte", "hele", "ting", "sted", "måde", "grad", "omfang", "vegne", "både",
    "også", "mere", "mest", "meget", "så", "dér", "her", "hvor", "når", "ikke", "kun", "ofte", "altid",
    "foran", "forrest", "frem", "videre", "sammen", "tilbage", "ud", "ind", "op", "ned", "hjem", "væk", "bag", "igen", "del",
    "række", "tid", "tidligt", "tidligere", "senere", "hurtigt", "godt", "sådan", "således", "generelt",
}
_FRAME_PREPOSITIONS = {"på", "om", "med", "hos", "blandt", "ved", "for", "over", "under", "mod", "uden"}
_PREPOSITIONS = {"af", "til", "for", "med", "på", "om", "fra", "hos", "blandt", "ved", "under", "over", "mellem",
                 "efter", "før", "inden", "uden", "mod", "gennem", "via", "igennem", "omkring", "i"}
# endings of inflected adjectives that are not also nouns for people ("de ledige", "frivillige", "kortuddannede")
_INFLECTED_ADJECTIVE = ("iske", "ske", "elle", "ive", "ale", "ære")
_WALK_ADJECTIVE = _INFLECTED_ADJECTIVE + ("lige", "ige", "ede", "nye", "gode", "store", "små", "ne")
_ADJECTIVE_ENDINGS = ("lig", "lige", "ligt", "isk", "iske", "ig", "ige", "igt", "elle", "ende", "somme", "bar",
                      "bare", "fuld", "fulde", "løs", "løse")


def _content(tok: _Tokens, i: int, lex: Lexicon) -> bool:
    """A noun-like word that can be an actor or an object: no function word, verb, time text, abstract or vague word."""
    word, lem = tok.words[i], tok.lemmas[i]
    if (len(word) < 3 or word[0].isdigit() or tok.verb[i] or word in _NOT_CONTENT or word in FINITE
            or tok.masked[tok.starts[i]] == " " or word in ADVERBS):
        return False
    if (lem in lex.abstract_nouns or lem in lex.vague_adjectives or word in lex.vague_adjectives
            or lem in lex.comparatives or lem in ABILITY_NOUNS or word in ABILITY_NOUNS or lem in lex.feeling_verbs
            or lem in lex.vague_verbs or lem in lex.state_verbs):
        return False
    return not word.endswith(_ADJECTIVE_ENDINGS)


# measure nouns that name a state one is in ("i uddannelse", "i job") or an instrument: counted only as
# themselves, never as the head of a compound ("efteruddannelse" is a course, "trivselsmåling" an event)
_STATE_MEASURES = frozenset({"uddannelse", "job", "adfærd", "måling", "undersøgelse", "procedure", "retningslinje",
                             "deltagelse", "tilmelding"})


def _actor_and_act(tok: _Tokens, cl: Clauses, lex: Lexicon, we: bool = False) -> tuple[str, str, str] | None:
    """(actor, predicate, object) when the main clause says who does or gets what, concretely; else None.

    The predicate is the main clause's first full verb ("bruger", "kender", "håndtere"), else a finite
    "har"/"er"/"får" used as a full verb ("har erfaring fra …"); a direction, change, state or feeling verb
    is no concrete act. The actor is the subject: a content word before the predicate and not inside a
    prepositional phrase ("Ingen i Danmark" has none). The object is the first noun after the predicate
    (adjectives, particles and function words passed over); it must be concrete: "skal have hjælp",
    "leve et liv", "være en del af fællesskabet" name no concrete object.
    """
    n = len(tok.words)
    main = [i for i in range(n) if cl.main(i)]
    verbs = [i for i in cl.main_verbs if tok.words[i] not in AUXILIARIES and tok.words[i] not in MODALS
             and tok.words[i] not in EXPECTED]
    pred = verbs[0] if verbs else next((i for i in cl.main_verbs if tok.words[i] in ("har", "er", "får", "have",
                                                                                      "være", "få")), None)
    if pred is None:
        return None
    lem = tok.lemmas[pred]
    if lem in lex.vague_verbs or lem in lex.change_verbs or lem in lex.feeling_verbs or lem in lex.size_verbs:
        return None  # (a knowing verb, "kender deres kontaktperson", is concrete for S, but not checkable for M)
    if lem in lex.mandate_verbs or _mandate(tok, cl, lex):
        return None  # a standing task or responsibility ("MED-udvalget skal varetage alle sager omkring …")
    if lem in ("være", "blive") or tok.words[pred] in ("er", "var", "bliver", "blev"):
        # a copula says what the subject is, not what anyone does or gets: "Alle ledere og pædagogisk personale er
        # ledere af læring", "planen skal være det afsæt, der …" (a role or a vision, no change)
        return None
    passive = (tok.words[pred] == lem + "s" or (tok.words[pred].endswith("es") and lem not in lex.event_verbs)
               or (pred and tok.words[pred - 1] in EXPECTED))  # "forventes inkluderet"
    actor = None
    for i in main:
        if i >= pred:
            break
        k = i - 1
        while k >= 0 and (tok.words[k] in DETERMINERS or tok.words[k].endswith(_ADJECTIVE_ENDINGS + ("e",))):
            k -= 1
        in_pp = k >= 0 and tok.words[k] in _PREPOSITIONS
        # an adjective used as a noun for people is the subject when the verb follows: "De ledige deltager"
        person = (tok.words[i].endswith(_ADJECTIVE_ENDINGS) and i + 1 < n and tok.verb[i + 1] and len(tok.words[i]) > 3
                  and tok.words[i] not in ADVERBS and tok.words[i] not in _NOT_CONTENT)
        # "du" in a service standard is the citizen who applies or receives: a concrete person ("Du får svar …");
        # "vi" in a plan or a party programme is the municipality or the unit when it does a concrete act that is
        # no light verb ("Vi vil bygge en ny svømmehal"; not "Vi vil derfor bruge perioden …"), for S only: whether
        # a plan's "vi" did it is not checkable the way a named unit's act is (M)
        we_act = we and tok.words[i] == "vi" and lem not in lex.light_verbs
        if not in_pp and (_content(tok, i, lex) or person or tok.words[i] in ("du",) or we_act) and not _head_in(
                tok.lemmas[i], lex.abstract_nouns):
            actor = tok.words[i]
            break
    at = _object_of(tok, cl, lex, pred)
    obj = tok.words[at] if at is not None and _concrete(tok, at, lex) else None
    if obj is not None and (_generic(tok, at, lex) or any(_vague_quality(tok, k, lex) for k in range(pred + 1, at))):
        obj = None  # "igangsætte styrkende tiltag": what is done is unsaid
    if actor is None or obj is None:
        return None
    if passive and not _head_in(tok.lemmas[tok.words.index(obj)], lex.deliverable_nouns):
        return None  # a passive names what is acted on, not who acts: "handicapaspektet tænkes ind i …"
    return actor, tok.words[pred], obj


# endings of abstract nouns (a quality, a state, a process): "tilliden", "bevidstheden", "fællesskabet",
# "stabiliteten", "inklusionen", "forståelsen", "måling" (a process), also in the plural ("sprogfærdighederne");
# what a direction verb acts on must be a thing, not one of these
_ABSTRACT_ENDINGS = tuple(stem + inflection
                          for stem in ("hed", "skab", "itet", "tion", "isme", "else", "dom", "ance", "ens", "ing")
                          for inflection in (("", "n", "r", "rne") if stem.endswith("e")
                                             else ("", "en", "et", "er", "erne")))


def _thing_acted_on(tok: _Tokens, cl: Clauses, lex: Lexicon, wrapper: int | None = None) -> tuple[str, str] | None:
    """(verb, thing) when a passive in the main clause acts on a concrete thing, else None.

    The rubric fails S for "vague verbs and no concrete object": a passive names what is acted on, and when that
    is a concrete thing, even a direction verb says what is to happen to it ("Digitale beviser skal sikres", "der
    udvikles en model for dokumentation", "det overordnede vejnet kan anvendes under oversvømmelser"). What is
    acted on is the passive's subject (one of its coordinated parts), or the object after the passive when "der"
    stands in the subject's place. It is no such thing when it is people (what is to change for them is unsaid:
    "Samarbejdspartnerne inddrages", "personalet skal støttes"), an abstract noun ("tilliden", "bevidstheden"),
    a count with nothing counted ("Antallet skal reduceres"), inside a prepositional phrase, or qualified by a
    vague quality ("et godt arbejdsmiljø skal sikres"); nor with a particle verb, a figure of speech
    ("handicappolitikken skal flettes ind i hverdagslivet", "medarbejderne klædes på"). An active direction verb
    with an object is an intention ("Boligpolitikken skal sikre et alsidigt udvalg af boliger", "skal derfor
    udvikle samarbejder mellem foreninger") and stays one. ``wrapper``: the predicate of an intention
    ("Inspirere til, at der udarbejdes …"): the verbs it wraps are not the goal's.
    """
    n = len(tok.words)
    main = [i for i in range(n) if cl.main(i)]
    for v in cl.main_verbs:
        word, lem = tok.words[v], tok.lemmas[v]
        expected = v and tok.words[v - 1] in EXPECTED and _is_participle(word, lem)  # "forventes inkluderet"
        if ((word != lem + "s" and not expected) or not lem.endswith("e") or lem in lex.state_verbs
                or (wrapper is not None and v > wrapper)):
            continue
        if v + 1 < n and tok.words[v + 1] in ("at", "ind", "ud", "op", "på", "frem", "sammen"):
            continue  # a content clause (judged on its own) or a particle verb ("tænkes ind", "klædes på")
        if any(tok.words[i] == "der" for i in main if i < v):
            at = _object_of(tok, cl, lex, v)  # "der udvikles en model"
            if at is None or "at" in tok.words[v + 1: at] or _in_phrase(tok, at) or not _concrete_thing(tok, at, lex):
                continue
        else:
            first = next((i for i in main if i < v and tok.words[i] not in _NOT_CONTENT and tok.words[i] not in FINITE
                          and tok.words[i] not in ADVERBS and not tok.verb[i]), None)
            heads = [h for h in (_conjunct_heads(tok, cl, first, v) if first is not None else [])
                     if not _in_phrase(tok, h) and _concrete_thing(tok, h, lex)]
            if not heads:
                continue  # "familieliv samt arbejds- og uddannelsesmulighederne forbedres": no concrete part
            at = heads[0]
        k = at - 1
        vague = False
        while k >= 0 and cl.main(k) and not tok.verb[k] and tok.words[k] not in _PREPOSITIONS:
            vague = vague or _vague_quality(tok, k, lex) or tok.words[k] in lex.comparatives
            k -= 1
        if not vague and not _generic(tok, at, lex):
            return word, tok.words[at]
    return None


def _conjunct_heads(tok: _Tokens, cl: Clauses, first: int, end: int) -> list[int]:
    """The heads of a coordinated noun group from ``first`` up to ``end`` or the first preposition: the last word
    of each part ("Digitale beviser" -> beviser; "familieliv samt arbejds- og uddannelsesmulighederne" ->
    familieliv, uddannelsesmulighederne: a cut compound "arbejds-" shares the next part's head)."""
    heads = []
    for j in range(first, end):
        word = tok.words[j]
        if not cl.main(j):
            continue  # an aside or a relative clause inside the group: "Digitale beviser (fx screendumps)"
        if word in _PREPOSITIONS or word in FINITE or word in MODALS:
            break
        if word in _NOT_CONTENT or word in ADVERBS:
            continue
        gap = tok.text[tok.starts[j] + len(word): tok.starts[j + 1]] if j + 1 < len(tok.words) else ""
        nxt = tok.words[j + 1] if j + 1 < len(tok.words) else ""
        if gap.strip() == "-":
            continue  # "arbejds- og uddannelsesmulighederne"
        if (j + 1 == end or "," in gap or nxt in ("og", "samt", "eller") or nxt in _PREPOSITIONS or nxt in FINITE
                or not cl.main(j + 1)):
            heads.append(j)
    return heads


def _concrete_thing(tok: _Tokens, i: int, lex: Lexicon) -> bool:
    """A concrete thing: no abstract noun (also by its ending: "tilliden", "måling"), no person or group, and no
    measure that names what it counts elsewhere ("Antallet skal reduceres")."""
    return (_concrete(tok, i, lex) and not tok.words[i].endswith(_ABSTRACT_ENDINGS)
            and tok.lemmas[i] not in lex.relational_measures
            and not _head_in(tok.lemmas[i], lex.group_nouns) and not _head_in(tok.lemmas[i], lex.person_nouns))


def _in_phrase(tok: _Tokens, i: int) -> bool:
    """Whether the word is governed by a preposition (past the determiners and adjectives before it)."""
    k = i - 1
    while k >= 0 and tok.words[k] not in _NOT_CONTENT and not tok.verb[k] and tok.words[k] not in FINITE:
        k -= 1
    while k >= 0 and tok.words[k] in DETERMINERS:
        k -= 1
    return k >= 0 and tok.words[k] in _PREPOSITIONS


def _object_of(tok: _Tokens, cl: Clauses, lex: Lexicon, pred: int) -> int | None:
    """The head of the first noun group after the predicate (adjectives, particles and function words passed
    over): "bruger dialogisk læsning" -> "læsning", "har sociale og relationelle kompetencer" -> "kompetencer"."""
    n = len(tok.words)
    for i in range(pred + 1, n):
        if not cl.main(i) or tok.verb[i]:
            continue
        word = tok.words[i]
        if (len(word) < 3 or word in _NOT_CONTENT or word in ADVERBS or word[0].isdigit()
                or tok.masked[tok.starts[i]] == " " or word.endswith(_ADJECTIVE_ENDINGS)
                or _vague_adjective(word, tok.lemmas[i], lex)):
            continue
        # the head is the last word of the noun group: "sociale og relationelle kompetencer", "dialogisk læsning"
        j = i
        while j + 1 < n and cl.main(j + 1) and not re.search(r"[^\s]", tok.text[tok.starts[j] + len(tok.words[j]):
                                                                            tok.starts[j + 1]]):
            nxt = tok.words[j + 1]
            if nxt in ("og", "eller") and j + 2 < n and tok.words[j + 2] not in _NOT_CONTENT:
                j += 2
            elif nxt not in _NOT_CONTENT and nxt not in ADVERBS and not tok.verb[j + 1] and not nxt[0].isdigit():
                j += 1
            else:
                break
        return j
    return None


def _concrete(tok: _Tokens, i: int, lex: Lexicon) -> bool:
    """A concrete noun: a content word whose head is no abstract noun ("hjælp", "liv", "kvalitet", "støtte")."""
    return (_content(tok, i, lex) and not _head_in(tok.lemmas[i], lex.abstract_nouns)
            and not any(_head_in(v, lex.vague_verbs) and not _head_in(v, lex.event_verbs)
                        for v in _action_verbs(tok.words[i])))  # "dannelse", not "lederuddannelse"


def _head_in(lem: str, words: set[str]) -> bool:
    """The word or the head of a compound is listed: "hverdagsliv" -> "liv", "folkeskoleelev" -> "elev"."""
    if lem in words:
        return True
    return any(lem.endswith(w) and len(w) >= 3 and len(lem) - len(w) >= 3 for w in words)


_UNITS = re.compile(r"(?:kalender|arbejds|hverdags|uge)?(?:dage?|uger?|måneder?|timer?|minutter|år)$|kr|kroner")


def _unit_after(tok: _Tokens, target: str) -> str | None:
    """The unit word after a target value in the text ("40 kalenderdage" -> "kalenderdage"), if it is a unit."""
    m = re.search(rf"(?<![\w-]){re.escape(target)}\s*(?:-\s*\d+\s*)?([^\W\d_]+)", tok.text)
    return m[0] if m and _UNITS.fullmatch(m[1].casefold()) else None


def _restricted(cl: Clauses, keep: Iterable[int], tok: _Tokens, lex: Lexicon) -> Clauses:
    """The same analysis with only the main-clause tokens in ``keep`` left in the main clause."""
    keep = set(keep)
    roles = [role if i in keep else "label" for i, role in enumerate(cl.roles)]
    return Clauses(roles, cl.body_start, cl.title, cl.question, [i for i in cl.main_verbs if i in keep])


def _result_targets(tok: _Tokens, cl: Clauses, lex: Lexicon) -> list[str]:
    """Target values of a result clause: "…, så udgifterne reduceres med tre mia. kr. i 2030" states the change
    the main clause's act is for, with its size. Only a "så" clause with a change verb counts ("så længe",
    "så vidt" and a "så" clause with no change are no result)."""
    n = len(tok.words)
    for i, word in enumerate(tok.words):
        if word not in ("så", "således") or cl.roles[i] != "subordinate" or (i + 1 < n and tok.words[i + 1] in (
                "længe", "vidt", "hurtigt", "snart", "meget", "godt", "tidligt")):
            continue
        end = next((j for j in range(i + 1, n) if cl.roles[j] != "subordinate"), n)
        # a change verb, or a verb with a direction particle and its level: "kommer ned på 5 hverdage"
        if not any(((tok.lemmas[j] in lex.change_verbs or tok.lemmas[j] in lex.size_verbs) and tok.verb[j])
                   or (tok.words[j] in ("ned", "op") and j + 1 < end and tok.words[j + 1] in ("på", "til")
                       and tok.verb[j - 1]) for j in range(i + 1, end)):
            continue
        roles = ["label"] * n
        roles[i + 1: end] = ["main"] * (end - i - 1)
        found = _targets(tok, Clauses(roles, cl.body_start, cl.title, cl.question, []), lex)
        if found:
            return found
    return []


_ACTION_SUFFIXES = ("elsen", "else", "ingen", "ing")


def _action_verbs(word: str) -> list[str]:
    """The verb an action noun may be made from, by its suffix: "udarbejdelse" -> "udarbejde", "etablering" ->
    "etablere", "forståelse" -> "forstå"; none for a word with no such suffix."""
    for suffix in _ACTION_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            stem = word[: -len(suffix)]
            return [stem + "e", stem] if stem[-1] in "aeiouyæøå" else [stem + "e"]
    return []


def _deliverable_noun(word: str, lem: str, lex: Lexicon, broad: bool = False) -> bool:
    """A product or an event: a listed noun (also as the head of a compound: "cybersikkerhedstræning"), or an
    action noun (-else, -ing) of an event verb ("udarbejdelse", "behandling", "etablering", "uddannelse af
    superbrugere"). ``broad``: any action noun of a verb that is no direction, change, state or feeling verb
    ("ressourcedisponering" coordinated with a listed one); alone such nouns are as often topics ("Styring af
    økonomien", "Mestring af eget liv") as tasks."""
    if lem in lex.deliverable_nouns or word in lex.deliverable_nouns:
        return True
    if _head_in(lem, lex.abstract_nouns):
        return False
    verbs = _action_verbs(word)
    if any(verb in lex.event_verbs for verb in verbs):
        return True
    if lem in lex.measure_nouns:
        return False
    if _head_in(lem, lex.deliverable_nouns):
        return True
    # a verb in -isere makes something more so ("digitalisering", "modernisering"): a change, not a product
    return broad and bool(verbs) and not any(
        verb.endswith("isere") or _head_in(verb, words) for verb in verbs
        for words in (lex.vague_verbs, lex.change_verbs, lex.state_verbs, lex.feeling_verbs, lex.size_verbs))


def _vague_adjective(word: str, lem: str, lex: Lexicon) -> bool:
    """A listed vague quality, also inflected: "gode", "stærke", "tydelige", "hurtigt"."""
    return (lem in lex.vague_adjectives or word in lex.vague_adjectives
            or (word.endswith(("e", "t")) and word[:-1] in lex.vague_adjectives))


def _measure_at(tok: _Tokens, i: int, lex: Lexicon) -> bool:
    """A measurable noun that is what changes, not a place or a frame around it: "sygefraværet", "andelen af
    …", "reduktion af fraværet"; not "på alle niveauer", "fokus på sygefravær" (a noun governed by a
    preposition other than "af" says where or about what, not what is measured), also in a list the preposition
    governs ("et godt liv – med uddannelse, job og et aktivt fritidsliv")."""
    word, lem = tok.words[i], tok.lemmas[i]
    if not (lem in lex.measure_nouns or word in lex.measure_nouns or _head_in(lem, lex.measure_nouns - _STATE_MEASURES)):
        return False
    k = i - 1
    while k >= 0 and tok.masked[tok.starts[k]] != " " and (
            tok.words[k] in DETERMINERS or tok.words[k] in ("alle", "hele", "samlede", "enkelte")
            or tok.words[k].endswith(_INFLECTED_ADJECTIVE + ("lige", "ige", "ede", "ne"))):
        k -= 1
    k = _before_list(tok, k)
    if lem in lex.relational_measures and word not in _plain_measures(lex):
        # "antallet", "andelen" name a measure only with what they count: "antallet af klager", "den andel,
        # som er aktive …"; alone the thing counted is elsewhere ("antallet skal halveres")
        nxt = tok.words[i + 1] if i + 1 < len(tok.words) else ""
        if nxt not in ("af", "der", "som", "blandt", "for", "i"):
            return False
    # "i"/"af" follow a change ("en stigning i andelen", "reduktion af fraværet"): those still name the measure
    return k < 0 or tok.words[k] not in _FRAME_PREPOSITIONS


def _before_list(tok: _Tokens, k: int) -> int:
    """Past the earlier parts of a list before position k+1: in "med uddannelse, job og et aktivt fritidsliv" the
    word before "job"'s part is "med", which governs the whole list."""
    def comma_after(j: int) -> bool:
        return j + 1 < len(tok.words) and "," in tok.text[tok.starts[j] + len(tok.words[j]): tok.starts[j + 1]]

    while k >= 1:
        if tok.words[k] in ("og", "eller", "samt"):
            k -= 1
        elif not comma_after(k):
            break
        if tok.words[k] in _NOT_CONTENT or tok.verb[k] or tok.words[k] in FINITE or tok.words[k][0].isdigit():
            break
        while k >= 1 and not comma_after(k - 1) and tok.words[k - 1] not in _PREPOSITIONS and tok.words[k - 1] not in (
                "og", "eller", "samt") and not tok.verb[k - 1] and tok.words[k - 1] not in FINITE:
            k -= 1
        k -= 1
    return k



def _events(tok: _Tokens, cl: Clauses, lex: Lexicon) -> list[str]:
    found = [tok.words[i] for i, lem in enumerate(tok.lemmas)
             if cl.main(i) and tok.verb[i] and (lem in lex.event_verbs or _completed(tok, i, lex))
             and not _changes_measure(tok, cl, i, lex)]
    gone = _elided_motion(tok, cl, lex)
    return found + ([gone] if gone else []) + _decisions(tok, cl, lex)


# a fixed cadence: "månedligt", "hver anden uge", "hvert år", "to gange om året", "én gang årligt" (not "løbende",
# "jævnligt", "år for år": no period one could check)
_CADENCE = re.compile(
    r"\b(?:dagligt|ugentligt|månedligt|kvartalsvis|halvårligt|årligt"
    r"|hvert? (?:\S+ )?(?:dag|hverdag|uge|måned|kvartal|halvår|år|skoleår)"
    r"|(?:en|én|et|to|tre|fire|fem|seks|\d+) gange? (?:om|pr|per|hver|hvert|i) (?:dagen|ugen|måneden|kvartalet|"
    r"halvåret|året|dag|uge|måned|kvartal|halvår|år))\b")


def _cadence(tok: _Tokens, cl: Clauses, predicate: int | None, lex: Lexicon) -> str | None:
    """A fixed cadence in the main clause of a goal whose predicate is an act or a habit, not a direction, change,
    state, feeling, effort or ensuring verb: "Fordelingssekretariatet følger månedligt op på …". Quoted as written."""
    if predicate is None and cl.main_verbs:
        predicate = cl.main_verbs[0]  # "Borgeren får besøg … to gange om ugen"
    if predicate is None:
        return None
    lem = tok.lemmas[predicate]
    if any(_head_in(lem, words) or lem in words for words in (
            lex.vague_verbs, lex.change_verbs, lex.size_verbs, lex.state_verbs, lex.feeling_verbs,
            lex.effort_verbs, lex.ensure_verbs)):
        return None
    index = {start: i for i, start in enumerate(tok.starts)}
    for m in _CADENCE.finditer(tok.text.casefold()):
        if m.start() in index and cl.main(index[m.start()]):
            return m[0]  # as written: "hver 3. måned"
    return None


def _changes_measure(tok: _Tokens, cl: Clauses, i: int, lex: Lexicon) -> bool:
    """Whether an event verb that is also a change verb changes a measure here: "nedsætte fraværet", "Sygefraværet
    skal nedsættes" (a change, which needs a size) but "nedsætte en arbejdsgruppe" (an event). What it acts on is
    its object or, in the passive, its subject (or the noun after "der")."""
    if tok.lemmas[i] not in lex.change_verbs:
        return False
    passive = tok.words[i] == tok.lemmas[i] + "s"
    if passive:
        at = next((k for k in range(i) if cl.main(k) and _content(tok, k, lex)), None)
        if at is None:
            at = _object_of(tok, cl, lex, i)
    else:
        at = _object_of(tok, cl, lex, i)
    return at is not None and _measure_at(tok, at, lex)


def _effort_complement(tok: _Tokens, cl: Clauses, pred: int) -> bool:
    """Whether a verb of effort takes "for/på/til (,) at …" after it, past a reflexive pronoun and adverbials
    but no other verb: "arbejder for, at …", "bestræber os på, at …", "arbejde målrettet … på at tilbyde"."""
    n = len(tok.words)
    for k in range(pred + 1, min(n - 1, pred + 14)):
        if not cl.main(k) or (tok.verb[k] and k > pred + 1):
            return False
        if tok.words[k] in ("for", "på", "til") and tok.words[k + 1] == "at":
            return True
    return False


def _time_limit(tok: _Tokens, cl: Clauses, predicate: int | None, lex: Lexicon) -> str | None:
    """A time limit counted in units in the main clause ("inden for 10 arbejdsdage", "senest 14 dage efter …")
    of a goal whose predicate is no direction, change, state, feeling, effort or ensuring verb. Quoted as written."""
    if predicate is None and cl.main_verbs:
        predicate = cl.main_verbs[0]
    if predicate is not None and any(_head_in(tok.lemmas[predicate], words) or tok.lemmas[predicate] in words
                                     for words in (lex.vague_verbs, lex.change_verbs, lex.size_verbs, lex.state_verbs,
                                                   lex.feeling_verbs, lex.effort_verbs, lex.ensure_verbs)):
        return None
    index = {start: i for i, start in enumerate(tok.starts)}
    for span in tok.spans:
        if span.kind != "relative" or span.pos not in index or not cl.main(index[span.pos]):
            continue
        if re.search(r"\d|\b(?:en|et|to|tre|fire|fem|seks|syv|otte|ni|ti|tolv|fjorten)\b" + _DURATION_UNIT,
                     span.text.casefold()):
            return span.text
    return None


def _duty(tok: _Tokens, cl: Clauses, lex: Lexicon) -> tuple[str, int] | None:
    """A task given to the subject in the main clause: "er ansvarlig(e) for at …", "har ansvaret for at …", "har
    til opgave at …". Returns the phrase as written and the index of the infinitive after its "at"."""
    words, n = tok.words, len(tok.words)
    for i in range(1, n - 2):
        if not cl.main(i) or words[i - 1] not in ("er", "være", "har", "have", "bliver", "blive"):
            continue
        if words[i] in ("ansvarlig", "ansvarlige", "ansvar", "ansvaret") and words[i + 1] == "for" \
                and words[i + 2] == "at" and i + 3 < n:
            return " ".join(words[i - 1: i + 3]), i + 3
        if words[i] == "til" and words[i + 1] == "opgave" and i + 3 < n and words[i + 2] == "at":
            return " ".join(words[i - 1: i + 3]), i + 3
    return None


def _decisions(tok: _Tokens, cl: Clauses, lex: Lexicon) -> list[str]:
    """An agenda's decision formula in the main clause ("Budgetopfølgningen tages til efterretning", "sendes i
    høring"): a committee's decision is minuted, so it happened or not. Quoted as written."""
    found = []
    for phrase in lex.decision_phrases:
        head, *rest = phrase.split()
        for i in range(len(tok.words) - len(rest)):
            if (cl.main(i) and tok.lemmas[i] == head and tok.words[i + 1: i + 1 + len(rest)] == rest
                    and tok.masked[tok.starts[i]] != " "):
                found.append(" ".join(tok.words[i: i + 1 + len(rest)]))
    return found


def _prompt(tok: _Tokens, cl: Clauses, lex: Lexicon) -> set[int]:
    """The tokens of a promptness phrase ("hurtigst muligt", "så hurtigt som muligt"): they say when, not how
    well, so their adjective is no direction word."""
    covered: set[int] = set()
    for phrase in lex.promptness:
        words = phrase.split()
        for i in range(len(tok.words) - len(words) + 1):
            if tok.words[i: i + len(words)] == words:
                covered.update(range(i, i + len(words)))
    return covered


def _elided_motion(tok: _Tokens, cl: Clauses, lex: Lexicon) -> str | None:
    """A modal with its verb of motion left out, going to an event: "Alle medarbejdere skal på dokumenteret
    cybersikkerhedstræning", "skal til en samtale" (= skal deltage i). Quoted from the preposition."""
    n = len(tok.words)
    for i in range(n - 2):
        if cl.main(i) and tok.words[i] in ("skal", "må", "bør") and tok.words[i + 1] in ("på", "til"):
            for j in range(i + 2, min(n, i + 5)):
                if cl.main(j) and _deliverable_noun(tok.words[j], tok.lemmas[j], lex):
                    return " ".join(tok.words[i + 1: j + 1])
    return None


def _completed(tok: _Tokens, i: int, lex: Lexicon) -> bool:
    """A completed act: the participle after "har" of any verb that is no direction, change, state or feeling
    verb ("har lagt alle ruter ind"), as the rubric's "er udarbejdet". After "er" only a listed event verb's
    participle counts (an event verb list): "er præget af", "er målrettet" describe a state."""
    word, lem = tok.words[i], tok.lemmas[i]
    if not _is_participle(word, lem):
        return False
    k = i - 1
    while k >= 0 and (tok.words[k] in ADVERBS or tok.words[k] in _NOT_CONTENT and tok.words[k] not in ("at", "som", "der")):
        k -= 1
    if k < 0 or tok.words[k] not in ("har", "havde", "have"):  # "er præget af", "er målrettet" describe a state
        return False
    return not any(_head_in(lem, words) for words in (lex.vague_verbs, lex.change_verbs, lex.state_verbs,
                                                      lex.feeling_verbs, lex.size_verbs))


def _concrete_act(tok: _Tokens, cl: Clauses, lex: Lexicon) -> tuple[str, str] | None:
    """(predicate, what it acts on) when the main predicate is an act done to a concrete thing, in any tense,
    voice or mood: "Kommunen åbner et nyt plejecenter", "Der tilknyttes en fast kontaktperson", "Ledelsen skal
    aftale retningslinjer". Such an act is done or not done, so it can be checked afterwards (rubric M (b)).

    Not an act: a direction, change, size, state, feeling, effort or ensuring verb, or a light verb of being,
    having, getting or reaching ("være", "få", "opnå"); a passive with only a particle ("klædes på",
    "tænkes ind"); an object with a vague quality ("opnå et højere niveau", "skabe gode rammer")."""
    hedging = {w for h in lex.hedges for w in h.split()}
    verbs = [i for i in cl.main_verbs if tok.words[i] not in MODALS and tok.words[i] not in hedging
             and tok.words[i] not in ADVERBS and tok.masked[tok.starts[i]] != " "]  # not "evt", not "marts"
    while verbs and (tok.words[verbs[0]] in AUXILIARIES or tok.words[verbs[0]] in EXPECTED):
        # an auxiliary is the predicate itself unless a participle follows: "skal have skoler med …" (a
        # light verb), but "er blevet indført", "har afholdt"
        if len(verbs) < 2 or not (_is_participle(tok.words[verbs[1]], tok.lemmas[verbs[1]])
                                  or tok.words[verbs[1]] in AUXILIARIES):
            return None
        verbs = verbs[1:]
    if not verbs:
        return None
    pred = verbs[0]
    word, lem = tok.words[pred], tok.lemmas[pred]
    if any(_head_in(lem, words) or lem in words for words in (
            lex.vague_verbs, lex.change_verbs, lex.size_verbs, lex.state_verbs, lex.feeling_verbs,
            lex.effort_verbs, lex.ensure_verbs, lex.light_verbs)):
        return None
    n = len(tok.words)
    nxt = tok.words[pred + 1] if pred + 1 < n else ""
    if nxt == "sig":
        return None  # reflexive: "udvikler sig", "forholder sig til"
    body = [i for i in range(n) if cl.roles[i] != "label"]
    k = pred - 1
    while k >= 0 and tok.words[k] in AUXILIARIES:
        k -= 1  # "for at blive udsat for"
    if k >= 0 and tok.words[k] == "at" and body and k != body[0]:
        return None  # an infinitive governed by a noun: "har ansvar for at identificere …"
    if any(tok.words[k] in ("kan", "kunne") for k in range(pred) if cl.main(k)):
        return None  # an ability is no act done: "Alle børn skal kunne udleve deres drømme"
    passive = (word == lem + "s" and lem.endswith("e")) or bool(pred and tok.words[pred - 1] in EXPECTED)
    if passive:
        if nxt in ("på", "ind", "op", "ud", "frem", "sammen", "med", "til") and (
                pred + 2 >= n or not cl.main(pred + 2) or tok.words[pred + 2] in _PREPOSITIONS
                or tok.words[pred + 2] in ("og", "eller", "samt")):
            return None  # "Medarbejderne klædes på", "handicapaspektet tænkes ind og …"

        def head(k: int) -> int:  # the last word of the noun group: "spredte initiativer" -> "initiativer"
            while (k + 1 < n and cl.main(k + 1) and not tok.verb[k + 1] and tok.words[k + 1] not in _NOT_CONTENT
                   and tok.words[k + 1] not in ADVERBS and not tok.words[k + 1][0].isdigit()
                   and not re.search(r"\S", tok.text[tok.starts[k] + len(tok.words[k]): tok.starts[k + 1]])):
                k += 1
            return k

        def free(k: int) -> bool:  # not inside a prepositional phrase: "i et sygdomsforløb", "Ingen i Danmark"
            j = k - 1
            while j >= 0 and (tok.words[j] in DETERMINERS or tok.words[j] in ("al", "alt", "alle", "hele") or _vague_adjective(tok.words[j], tok.lemmas[j], lex)
                              or (tok.words[j].endswith(_ADJECTIVE_ENDINGS + ("e",)) and not tok.verb[j])):
                j -= 1
            return j < 0 or tok.words[j] not in _PREPOSITIONS

        # the thing acted on: the subject ("Et nyt plejecenter skal åbnes") or, after "der", the noun that
        # follows ("Der tilknyttes en fast kontaktperson")
        first = next((k for k in range(pred) if cl.main(k) and k in body and _content(tok, k, lex)
                      and free(k)), None)
        at = head(first) if first is not None and head(first) < pred else None
        if at is None:  # the first noun after it that no preposition governs ("evt. en mentor", "efter behov en …")
            at = next((head(k) for k in range(pred + 1, n) if cl.main(k) and _content(tok, k, lex) and free(k)
                       and not _vague_adjective(tok.words[k], tok.lemmas[k], lex)), None)
    else:
        found = _actor_and_act(tok, cl, lex)
        at = tok.words.index(found[2]) if found and found[1] == word else None
    if at is None or not _concrete(tok, at, lex):
        return None
    lo, hi = min(pred, at), max(pred, at)
    if any(_vague_quality(tok, k, lex) or tok.words[k] in lex.comparatives
           for k in range(lo + 1, hi) if cl.main(k)) or _generic(tok, at, lex):
        return None  # "opnå et højere fagligt niveau": what is reached is a direction; "en understøttende proces"
    return word, tok.words[at]


def _all_or_none(tok: _Tokens, cl: Clauses, lex: Lexicon) -> tuple[str | None, str | None]:
    """(an explicit all/none over a countable group with a checkable predicate, or the group phrase when the
    predicate is not checkable, e.g. "alle borgere har ret til …")."""
    unchecked = None
    for i, word in enumerate(tok.words):
        if not cl.main(i):
            continue
        if word in ("ingen", "nul") and any(w in lex.measure_nouns for w in tok.lemmas[i + 1: i + 3]):
            return " ".join(tok.words[i: i + 2]), None  # "ingen arbejdsskader": an explicit zero
        if (word == "ingen" and i + 1 < len(tok.words) and tok.verb[i + 1]
                and tok.words[i + 1] not in ("skal", "kan", "må", "bør", "vil", "skulle", "kunne")):
            return " ".join(tok.words[i: i + 2]), None  # "Ingen dræbes i trafikken": an explicit zero
        if word in ("alle", "ingen", "samtlige", "hver", "hvert"):
            window = tok.lemmas[i + 1: i + 4] + tok.words[i + 1: i + 4]
            phrase = " ".join(tok.words[i: i + 2])
            # a completion or event verb whose object, if it has one, is concrete: "har gennemført kurset",
            # "har deltaget"; not "får den nødvendige støtte" (nothing one can check each member for)
            event = any(cl.main(j) and (lem in lex.completion_verbs or lem in lex.event_verbs) and tok.verb[j]
                        and ((o := _object_of(tok, cl, lex, j)) is None or _concrete(tok, o, lex))
                        for j, lem in enumerate(tok.lemmas) if j > i) or _elided_motion(tok, cl, lex) is not None
            if not any(_head_in(w, lex.group_nouns) for w in window):
                # a countable set of things done or not: "alle olie- og gasfyr skal være nedlagt"
                if (event and i + 1 < len(tok.words) and _content(tok, i + 1, lex)
                        and not _head_in(tok.lemmas[i + 1], lex.abstract_nouns)):
                    return phrase, None
                continue
            if event:
                return phrase, None
            # each member has a deliverable of their own: "hver elev skal have en elevplan"
            # (also in the plural, with adjectives that say which: "skal have lokale retningslinjer for …", "har
            # skriftlige handleplaner"; not a vague quality: "har gode planer")
            for j in range(i + 2, min(len(tok.words), i + 12)):
                if not (cl.main(j) and tok.words[j] in ("have", "har", "få", "får")):
                    continue
                k = j + 1
                while k < len(tok.words) and k < j + 4 and cl.main(k) and (
                        tok.words[k] in ("en", "et", "sin", "sit", "sine", "deres", "egen", "eget", "egne")
                        or (tok.words[k].endswith(_ADJECTIVE_ENDINGS + ("e",)) and not tok.verb[k]
                            and not _vague_adjective(tok.words[k], tok.lemmas[k], lex)
                            and not _deliverable_noun(tok.words[k], tok.lemmas[k], lex))):
                    k += 1
                if k < len(tok.words) and k > j + 1 and cl.main(k) and (
                        _deliverable_noun(tok.words[k], tok.lemmas[k], lex) or _head_in(tok.lemmas[k], lex.deliverable_nouns)) \
                        or (k == j + 1 and k < len(tok.words) and cl.main(k)
                            and _head_in(tok.lemmas[k], lex.deliverable_nouns) and tok.words[k] != tok.lemmas[k]):
                    return phrase, None
            # a measured state each member is in or not: "alle unge er i uddannelse eller job" (a binary state
            # such as "alle skoler skal være røgfri" is any concrete thing's, see _binary_state)
            for j in range(i + 2, len(tok.words)):
                if not cl.main(j) or tok.words[j - 1] not in ("er", "være", "bliver", "blive"):
                    continue
                if (tok.words[j] in ("i", "på") and any(_head_in(w, lex.measure_nouns)
                                                        for w in tok.lemmas[j + 1: j + 5])):
                    return phrase, None
            unchecked = unchecked or phrase
    return None, unchecked


def _binary_state(tok: _Tokens, cl: Clauses, lex: Lexicon) -> str | None:
    """A concrete thing in a state it has or has not: "Loggen skal være offentlig tilgængelig", "Rådhuset skal
    være røgfrit", "Systemet er i drift". Quoted from the subject to the state word."""
    n = len(tok.words)
    for i in range(1, n):
        if not cl.main(i) or tok.words[i - 1] not in ("være", "er", "bliver", "blive"):
            continue
        j = i
        while j < n - 1 and cl.main(j) and (tok.words[j] in ADVERBS or tok.words[j].endswith(("lig", "ligt", "lige"))
                                           and tok.words[j] not in lex.binary_states):
            j += 1  # "offentlig tilgængelig", "altid tilgængelig"
        word = tok.words[j]
        # a compound written with a digit and a hyphen is one word here: "CO2-neutral" (tokens co, 2, neutral)
        written = re.match(r"[\w-]+", tok.text[tok.starts[j]:])[0].casefold()
        compound_end = None
        if written != word and written in lex.binary_states:
            word, compound_end = written, tok.starts[j] + len(written)
            while j + 1 < n and tok.starts[j + 1] < compound_end:
                j += 1
        phrase = " ".join(tok.words[j: j + 2])
        binary = (word in lex.binary_states or phrase in lex.completion_words or word in lex.completion_words
                  or (re.search(r"fri[te]?$", word) and len(word) >= 6)
                  or (word in ("fri", "frit", "frie") and tok.words[j + 1: j + 2] == ["for"]))  # "fri for mobning"
        if not binary:
            continue
        subject = next((k for k in range(i - 1) if cl.main(k) and _concrete(tok, k, lex)), None)
        if subject is not None and not all(cl.main(k) for k in range(subject, j + 1)):
            subject = i - 1  # quoted from the verb past a relative clause: 'være selvforsynende'
        if subject is not None and compound_end is not None:
            return " ".join(tok.text[tok.starts[subject]: compound_end].casefold().split())  # '… co2-neutral'
        if subject is not None:
            return " ".join(tok.words[subject: j + 1 + (phrase in lex.completion_words)])
    return None


def _entitlement(tok: _Tokens, cl: Clauses, lex: Lexicon) -> str | None:
    """A right or an offer with a concrete object ("ret til en anerkendt lederuddannelse", "Ret til at vælge
    deltidstilbud", "tilbud om en seniorsamtale"): it exists or not. Quoted as written up to the object;
    None for a vague or abstract object ("ret til en god hjemmepleje", "tilbud om livslang dannelse")."""
    n = len(tok.words)
    for i in range(n - 2):
        if not cl.main(i) or f"{tok.words[i]} {tok.words[i + 1]}" not in lex.entitlements:
            continue
        j = i + 2
        while j < n and cl.main(j) and (tok.words[j] in DETERMINERS or tok.words[j] in ("at", "få", "vælge", "modtage")
                                        or (tok.words[j].endswith(("e", "t")) and not _vague_adjective(
                                            tok.words[j], tok.lemmas[j], lex) and not _concrete(tok, j, lex))):
            j += 1
        while (j + 1 < n and cl.main(j + 1) and tok.words[j + 1] not in _NOT_CONTENT and not tok.verb[j + 1]
               and not re.search(r"\S", tok.text[tok.starts[j] + len(tok.words[j]): tok.starts[j + 1]])):
            j += 1  # the head is the last word of the noun group: "livslang dannelse"
        if j < n and cl.main(j) and _concrete(tok, j, lex) and not _vague_adjective(tok.words[j - 1], tok.lemmas[j - 1], lex):
            return " ".join(tok.words[i: j + 1])
    return None


def _vague(tok: _Tokens, cl: Clauses, lex: Lexicon) -> tuple[list[str], list[str], list[str]]:
    """Direction words, topic words (abstract nouns, feelings) and size-less comparatives in the main clause."""
    direction: list[str] = []
    topics: list[str] = []
    comparatives: list[str] = []
    main_text = " ".join(w for i, w in enumerate(tok.words) if cl.main(i))
    entitled = _entitlement(tok, cl, lex)
    prompt = _prompt(tok, cl, lex)
    for m in _phrase_pattern(tuple(lex.vague_phrases)).finditer(main_text):
        if not (entitled and entitled.startswith(m[0])):
            direction.append(m[0])
    for i, (word, lem) in enumerate(zip(tok.words, tok.lemmas)):
        if not cl.main(i) or i in prompt:
            continue
        if word.endswith("ende") and (lem in lex.vague_verbs or word[:-2] in lex.vague_verbs) and word not in lex.vague_adjectives:
            continue  # a present participle naming a kind ("understøttende sprogstrategier"), not a direction
        if (lem in lex.vague_verbs and word != lem and word.endswith(("et", "ede")) and word not in lex.vague_adjectives
                and lem not in lex.vague_adjectives and i + 1 < len(tok.words) and cl.main(i + 1)
                and not tok.verb[i + 1] and tok.words[i + 1] not in _NOT_CONTENT and i and not tok.verb[i - 1]
                and tok.words[i - 1] not in PERFECT_AUX):
            continue  # a past participle before its noun ("en prioriteret handleplan"): which plan, not a direction
        if lem in lex.vague_verbs or word in lex.vague_verbs:
            direction.append(word)
        elif lem in lex.vague_adjectives or word in lex.vague_adjectives:
            direction.append(word)
        elif lem in lex.abstract_nouns or lem in lex.feeling_verbs:
            topics.append(word)
        elif word in lex.comparatives:
            window = tok.lemmas[i + 1: i + 4] + tok.words[i + 1: i + 4]
            comparatives.append(word)
            if not any(_head_in(w, lex.group_nouns) or _head_in(w, lex.measure_nouns) for w in window):
                direction.append(word)
    return direction, topics, comparatives


@lru_cache(maxsize=16)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    """One regex for all phrases, whole words, longest first."""
    # an adverb may stand between a phrase's words: "arbejde både med", "i endnu højere grad"
    alternatives = "|".join(r"(?:\s+(?:både|også|fortsat|endnu|altså|fx))?\s+".join(re.escape(w) for w in p.split())
                            for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b" if alternatives else r"(?!x)x")


# "fra", "fra og med", "foregår fra" up to three words before a time ("fra Borgerrepræsentationens møde den
# 9. oktober 2025"): when something starts or where it comes from
_START_BEFORE = re.compile(r"\b(?:fra|fra\s+og\s+med|med\s+virkning\s+fra|startende|foregår\s+fra|tidligst|(?:i\s+)?tidligste\s+fald)"
                           r"(?:\s+(?:sidst|først|midt|primo|medio|ultimo|slutningen|starten|begyndelsen|midten)(?:\s+af)?)?\s*$",
                           re.IGNORECASE)
_FROM_EVENT_BEFORE = re.compile(r"\bfra(?:\s+[^\s,.;:]+){1,3}\s*$", re.IGNORECASE)
_HAS_END = re.compile(r"\btil\b|[-–]|\bfrem\b|\bsenest\b|\binden\b|\budgangen\b", re.IGNORECASE)


def _is_start_point(text: str, span: TimeSpan) -> bool:
    """The time expression says when something starts ('fra 1. januar 2014'), not when it must be reached."""
    if _HAS_END.search(span.text):
        return False  # "fra januar til marts 2027" has an end
    if runs_on_after(text[span.pos + len(span.text):]):
        return True  # "marts 2027 og frem": from then on
    before = text[: span.pos]
    if span.text.casefold().startswith(("den ", "d.")) and _FROM_EVENT_BEFORE.search(before):
        return True  # "fra Borgerrepræsentationens møde den 9. oktober 2025": where it comes from
    return span.text.casefold().startswith("fra ") or bool(_START_BEFORE.search(before))


# --- past and background times ------------------------------------------------------------------------
# A goal states what must be reached; a time that says when something happened ("Byrådet vedtog den 25. juni
# 2018 …", "Siden er senest opdateret 12. maj 2025", "Der er i 2015 afsat …") is background, never the goal's
# deadline. Read from the clause the time stands in: a simple past verb, a report's perfect with the time
# between the auxiliary and the participle ("har den 11. april 2023 besøgt …"), "blevet", a page's
# "opdateret"/"ændret" stamp or a document's date ("brev af 18. september"). A modal or an expectation in the
# clause ("skal", "vil", "forventes") or a deadline word before the time ("senest", "inden") keeps it a
# deadline: a goal is often written as the state reached ("Alle nyansatte har inden for 3 måneder …
# gennemført introforløbet"), so the rule stays with what only narrative text writes (a false "no deadline"
# on a real goal is a false alarm).
_PAST_IRREGULAR = frozenset({
    "vedtog", "indgik", "opstod", "fandt", "blev", "var", "havde", "kom", "gik", "fik", "tog", "gav", "trådte",
    "tiltrådte", "holdt", "stod", "lå", "skrev", "sagde", "gjorde", "udgjorde", "deltog", "besluttede",
    "foretog", "modtog", "bad",
})
# what follows a past verb ("besluttede på mødet", "godkendte den 5. september", "startede i 2022"); a participle
# used as an adjective is followed by its noun ("målrettede indsatser", "forbedrede forløb")
_AFTER_PAST_VERB = frozenset({
    "i", "på", "den", "det", "de", "d", "at", "en", "et", "med", "til", "om", "for", "af", "sig", "ikke", "også",
    "endeligt", "derfor", "dette", "denne", "disse", "sin", "sit", "sine", "deres", "hermed", "allerede", "senest",
})
_PAST_NOT_AFTER = frozenset({
    "de", "den", "det", "en", "et", "alle", "disse", "denne", "dette", "vores", "jeres", "deres", "sin", "sit", "sine",
    "hans", "hendes", "mine", "dine", "nogle", "flere", "mange", "ingen", "hver", "hvert", "af", "til", "for", "med",
})
_PLAN_WORDS = _MODAL_VERBS | {"forventes", "ventes", "planlægges", "forventer", "påregnes", "regner", "bliver"}
_CLAUSE_END = re.compile(
    r"[;!?]|\.(?=\s+[A-ZÆØÅ\d])|,\s+(?=(?i:og|men|mens|hvor|hvorefter|samt|så|som|der|hvis|når|fordi|da|at)\s)|\s[–—]\s")
_STAMP_BEFORE = re.compile(r"\b(?:opdateret|ændret|revideret|redigeret|udgivet)\s*:?\s*(?:den\s+|d\.\s*)?$", re.IGNORECASE)
_DOCUMENT_DATE_BEFORE = re.compile(
    r"(?<!udgangen )(?<!slutningen )(?<!begyndelsen )(?<!starten )(?<!midten )(?<!løbet )\baf\s*$", re.IGNORECASE)
_DEADLINE_START = re.compile(r"^(?:senest|inden|før|frem|til|ved|i\s+løbet|udgangen|slutningen|forud)\b", re.IGNORECASE)


def _clause(text: str, pos: int, end: int) -> tuple[int, int]:
    """The bounds of the clause around text[pos:end]."""
    start = 0
    for m in _CLAUSE_END.finditer(text, 0, pos):
        start = m.end()
    m = _CLAUSE_END.search(text, end)
    return start, m.start() if m else len(text)


def _is_past_form(word: str, prev: str, nxt: str) -> bool:
    """A simple past verb ('vedtog', 'besluttede', 'godkendte'), not a participle before its noun ('de uddannede
    medarbejdere', 'målrettede indsatser')."""
    if word in _PAST_IRREGULAR:
        return True
    if prev in _PAST_NOT_AFTER or nxt not in _AFTER_PAST_VERB or len(word) < 5 or not word.endswith(("ede", "te")):
        return False
    lem = lemma(word)
    return lem.endswith("e") and lem != word and (word == lem + "de" or word == lem[:-1] + "te")


_IRREGULAR_PARTICIPLES = frozenset({"blevet", "været", "fået", "kunnet", "truffet", "afholdt", "gjort"})


def _is_participle(word: str, lem: str | None = None) -> bool:
    """A past participle: "udarbejdet", "afholdt", "lagt", "fået", "blevet". The one test used both where a
    completed act makes a goal measurable ("har lagt alle ruter ind") and where a time in the text says when
    something happened ("Der er i 2015 afsat …"). A Danish participle ends in -t; a form in -de/-ede is a
    past tense or an adjective ("afsluttede forløb"), and -st a superlative ("mindst"). ``lem`` is the word's
    lemma when the caller has it (the checker may have corrected simplemma's)."""
    if word in _IRREGULAR_PARTICIPLES:
        return True
    if len(word) < 4 or not word.endswith("t") or word.endswith("st"):
        return False
    lem = lem or lemma(word)
    return lem != word and lem.endswith(("e", "i", "å"))


def _is_background(text: str, span: TimeSpan) -> str | None:
    """The word that makes a time in the text say when something happened, not when the goal must be reached."""
    end = span.pos + len(span.text)
    before = text[: span.pos]
    if _STAMP_BEFORE.search(before):
        return _STAMP_BEFORE.search(before)[0].split()[0].rstrip(":")
    if span.kind == "date" and _DOCUMENT_DATE_BEFORE.search(before) and not span.text.casefold().startswith(("senest", "inden")):
        return "af"
    lo, hi = _clause(text, span.pos, end)
    words = [(m.start() + lo, m[0].casefold()) for m in _TOKEN.finditer(text[lo:hi])]
    outside = [(p, w) for p, w in words if not span.pos <= p < end]
    if any(w in _PLAN_WORDS for _, w in outside):
        return None
    # the auxiliary of a report: "har"/"havde", or an impersonal "der er" ("Andelen er i 2015 forøget fra 94,4 til
    # 96 pct." states a goal); "Planen er at opstarte …" is no perfect
    def neighbours(i: int) -> tuple[str, str]:
        return words[i - 1][1] if i else "", words[i + 1][1] if i + 1 < len(words) else ""

    aux = [i for i, (p, w) in enumerate(words) if p < span.pos and neighbours(i)[1] != "at"
           and (w in ("har", "havde") or w in ("er", "var") and "der" in neighbours(i))]
    # a participle used as a verb: not a noun after a determiner or a preposition ("af arbejdet"), not a
    # comparison ("sammenholdt med 1990")
    participles = [(i, w) for i, (p, w) in enumerate(words) if not span.pos <= p < end and _is_participle(w)
                   and (i == 0 or words[i - 1][1] not in _PAST_NOT_AFTER)
                   and (i + 1 >= len(words) or words[i + 1][1] != "med")]
    preceding = text[max(lo, span.pos - 12): span.pos]
    # a relative clause in the perfect says which ones are meant ("de 39 kommuner, som har fået godkendt
    # klimahandlingsplaner i efteråret 2022", "personer, der er tilkendt førtidspension før 2003"): its time is when
    # that happened to them, not the goal's deadline; "senest"/"inden" (or a modal, above) still make it one
    if (words and words[0][1] in ("der", "som") and text[:lo].rstrip().endswith(",")
            and not re.search(r"\b(?:senest|inden|frem\s+til|frem\s+mod)\s*$", preceding, re.I)
            and not re.match(r"(?:senest|inden|frem)\b", span.text, re.I)):
        before_time = [(i, w) for i, (p, w) in enumerate(words) if p < span.pos]
        aux = [i for i, w in before_time if w in ("har", "havde", "er", "var")]
        done = [w for i, w in before_time if aux and i > aux[0] and _is_participle(w)]
        if done:
            return done[-1]
    if _DEADLINE_START.match(span.text) or re.search(r"\b(?:senest|inden|før|frem\s+til|frem\s+mod)\s*$", preceding, re.I):
        # "Byrådet vedtog en plan om røgfri skoler inden 2027", "Alle nyansatte har inden for 3 måneder …
        # gennemført introforløbet": the deadline of what is stated
        return None
    first_after = next((i for i, (p, _) in enumerate(words) if p >= end), len(words))
    first_in = next((i for i, (p, _) in enumerate(words) if p >= span.pos), len(words))
    between = [w for i, w in participles if first_after <= i < first_after + 3]
    if between and any(first_in - 5 <= i < first_in for i in aux):
        # the time between the auxiliary and the participle: "Der er i september 2021 sendt …", "har den 11. april
        # 2023 besøgt afdelingen"
        return between[0]
    for i, (p, w) in enumerate(words):
        if not span.pos <= p < end and _is_past_form(w, *neighbours(i)):
            return w
    perfect = any(w in ("har", "havde", "er", "var") for _, w in outside)
    if perfect and any(w == "blevet" for _, w in participles):
        return "blevet"  # "er ikke blevet indfriet i skoleåret 2020-2021"
    return None


def _due_text(due: object) -> str:
    if due is None or isinstance(due, dt.date):
        return ""
    return due.raw if isinstance(due, Raw) else due.tekst if isinstance(due, DateText) else str(due)


def _is_start_only(text: str) -> bool:
    """A due cell that says only when it starts ('Foregår fra maj 07', 'fra 2027'): no point to reach (the
    date-cell reader's reading, so overdue computes no deadline from it either)."""
    return is_start_only(text)


def _due_span(due: object) -> tuple[TimeSpan | None, bool]:
    """The deadline from the due cell, read by the one date-cell reader, and whether the cell held something.

    A date or a period with a year gives its interval; time text without a year ("september") and a
    relative deadline ("inden for 5 arbejdsdage") fix when (T holds) but give no calendar date.
    """
    if due is None:
        return None, False
    if isinstance(due, dt.date):
        return TimeSpan(due.isoformat(), "date", due, due), True
    text = due.raw if isinstance(due, Raw) else due.tekst if isinstance(due, DateText) else str(due)
    if not text.strip():
        return None, False
    cell = read_date_cell(text)
    if not cell.is_time_limit:
        return None, True
    return TimeSpan(cell.text, cell.kind if cell.kind != "period" else (cell.what or "period"), cell.start, cell.end), True


def _ensuring(tok: _Tokens, predicate: int | None, lex: Lexicon) -> int:
    """How many words the verb of ensuring at the predicate takes before its content clause's "at": 1 for "sikre,
    at …", 2 for a listed two-word entry ("sikre sig, at …"); 0 when it is none or no "at" follows."""
    if predicate is None:
        return 0
    words, lem = tok.words, tok.lemmas[predicate]
    for entry in sorted(lex.ensure_verbs, key=len, reverse=True):
        parts = entry.split()
        size = len(parts)
        if (lemma(parts[0]) == lem and words[predicate + 1: predicate + size] == parts[1:]
                and predicate + size < len(words) and words[predicate + size] == "at"):
            return size
    return 0


def _judge_text(text: str, tok: _Tokens, lex: Lexicon, kind: str) -> tuple[bool, bool, dict[str, str], "_Info"]:
    """S and M from the text alone (cached by judge_goal: plans repeat their goal texts)."""
    reasons: dict[str, str] = {}
    # --- the goal's structure: label, main clause, relative and subordinate clauses ---------
    cl = _clauses(tok, lex)
    body = [i for i, role in enumerate(cl.roles) if role != "label"]
    targets = _targets(tok, cl, lex) or _result_targets(tok, cl, lex)
    events = _events(tok, cl, lex)
    all_none, unchecked_all = _all_or_none(tok, cl, lex)
    main_words = [(tok.words[i], tok.lemmas[i]) for i in range(len(tok.words)) if cl.main(i)]
    thresholds = [w for w, lem in main_words if lem in lex.threshold_words or w in lex.threshold_words]
    qualifiers = ("mindst", "højst", "minimum", "maksimum")
    named_thresholds = ([w for w in thresholds if w not in ("under", "over") + qualifiers]  # the reference first
                        + [w for w in thresholds if w in qualifiers])
    # a comparison with a named measure: "skal stige mere end middellevetiden for folk med lange uddannelser"
    # (a base year alone, "bedre end i 2021", names no reference)
    for i, word in enumerate(tok.words):
        if word == "end" and cl.main(i):
            ref = next((j for j in range(i + 1, min(len(tok.words), i + 4)) if cl.main(j)
                        and tok.masked[tok.starts[j]] != " " and _head_in(tok.lemmas[j], lex.measure_nouns)), None)
            if ref is not None:
                named_thresholds.insert(0, "end " + " ".join(tok.words[i + 1: ref + 1]))
    states = [w for w, lem in main_words if lem in lex.state_verbs or w in lex.state_verbs]
    changes = [w for i, (w, lem) in enumerate(zip(tok.words, tok.lemmas))
               if cl.main(i) and (lem in lex.change_verbs or w in lex.change_verbs) and tok.verb[i]]
    direction, topics, comparatives = _vague(tok, cl, lex)
    measures = [tok.words[i] for i in range(len(tok.words)) if cl.main(i) and _measure_at(tok, i, lex)]
    main_idx = [i for i, role in enumerate(cl.roles) if role == "main"]
    deliverable = None
    with_object = False
    if not cl.question:
        # a noun phrase naming a product or an event ("Oplæg til KFU", "Udarbejdelse af planforslag",
        # "Offentlig høring"), or one that the main clause says exists ("Der er en plan for …")
        window = main_idx[:3] if not cl.main_verbs else [
            i for i in main_idx if i and (tok.words[i - 1] in ("en", "et") or (i > 1 and tok.words[i - 2] in ("en", "et")
                                                                              and not tok.verb[i - 1])) and any(
                tok.words[j] in ("er", "har", "foreligger", "findes", "får") or (
                    tok.verb[j] and tok.words[j] not in FINITE and tok.lemmas[j] not in lex.state_verbs
                    and tok.lemmas[j] not in lex.vague_verbs and tok.lemmas[j] not in lex.feeling_verbs)
                for j in main_idx if j < i)]
        heading_np = not cl.main_verbs
        at = next((i for i in window if _deliverable_noun(tok.words[i], tok.lemmas[i], lex)), None)
        if at is not None and heading_np and any(
                _vague_adjective(tok.words[j], tok.lemmas[j], lex) or tok.words[j] in lex.comparatives
                for j in main_idx if j < at):
            at = None  # "Hurtig udredning og behandling", "Mere bevægelse i …": a direction, not a product
        if at is None and heading_np and len(main_idx) >= 2:
            # a milestone that says a concrete thing is done: "Nyt bookingsystem i drift", "Forundersøgelse færdig"
            for k in (1, 2):
                if " ".join(tok.words[i] for i in main_idx[-k:]) in lex.completion_words and len(main_idx) > k:
                    head = main_idx[-k - 1]
                    if _concrete(tok, head, lex) and not _vague_adjective(tok.words[head], tok.lemmas[head], lex):
                        at = head
        new_thing = None
        if at is None and heading_np and main_idx:
            # a new concrete thing named as the goal: "En ny børnehave i Vordingborg by", "Nye cykelstier ved alle
            # skoler" (it is built or opened, or not): the noun right after "ny/nyt/nye", past "en/et"
            k = main_idx[0] + (tok.words[main_idx[0]] in ("en", "et"))
            if (k + 1 < len(tok.words) and tok.words[k] in ("ny", "nyt", "nye") and cl.main(k + 1)
                    and _concrete_thing(tok, k + 1, lex) and tok.words[k + 1] not in GENERIC_NOUNS
                    and not _vague_adjective(tok.words[k + 1], tok.lemmas[k + 1], lex)):
                new_thing = k + 1
        if new_thing is not None:
            deliverable, with_object = f"{tok.words[new_thing - 1]} {tok.words[new_thing]}", True
        elif at is not None:
            deliverable = tok.words[at]
            # "Udarbejdelse af planforslag" names what is made; "Offentlig høring" alone does not (S)
            obj = at + 2
            while obj < len(tok.words) - 1 and tok.words[obj] in ("ny", "nyt", "nye", "den", "det", "de", "en", "et"):
                obj += 1
            link = at + 1
            if link + 2 < len(tok.words) and tok.words[link] in ("og", "samt") and _deliverable_noun(
                    tok.words[link + 1], tok.lemmas[link + 1], lex, broad=True):
                link, obj = link + 2, obj + 2  # "Tilrettelæggelse og ressourcedisponering af projektet"
            # (not a purpose after a comma: "en plan, for at vide hvor vi skal hen")
            with_object = (obj < len(tok.words) and tok.words[link] in ("af", "til", "for", "om", "med", "i")
                           and not (tok.words[obj] == "at" and "," in tok.text[tok.starts[at]: tok.starts[link]]))
            # a compound names what the product is about in its first part: "klimahandlingsplan", "sygesamtale",
            # "seniorsamtale" (a listed product as the head; "handleplan" or "samtale" alone names nothing)
            lem_at = tok.lemmas[at]
            with_object = with_object or (lem_at not in lex.deliverable_nouns and deliverable not in lex.deliverable_nouns
                                          and _head_in(lem_at, lex.deliverable_nouns))
            # a milestone that says the product is done names it: "Ejendomsmæssig forundersøgelse færdig"
            closing = " ".join(tok.words[at + 1:])
            listed = tok.lemmas[at] in lex.deliverable_nouns or deliverable in lex.deliverable_nouns
            if with_object and not listed and obj < len(tok.words) and tok.lemmas[obj] in lex.abstract_nouns:
                deliverable = None  # "Implementering af ny praksis": the object is a topic, nothing to verify
            elif heading_np and closing in lex.completion_words:
                with_object, deliverable = True, f"{deliverable} {closing}"  # quoted whole: 'hjemmeside i drift'
    state = None if cl.question or deliverable else _binary_state(tok, cl, lex)
    if state:
        deliverable, with_object = state, True  # "Loggen skal være offentlig tilgængelig"
    entitled = None if cl.question else _entitlement(tok, cl, lex)
    if entitled and not deliverable:
        deliverable, with_object = entitled, True  # "Ret til at vælge deltidstilbud for forældre …"
    if deliverable:
        events = events + [deliverable]
    heading = not cl.main_verbs and not targets and not deliverable and not all_none  # "Ingen arbejdsskader ved …"
    info = _Info(cl, targets, events, all_none, unchecked_all, named_thresholds, states, changes,
                 direction, topics, comparatives, measures, heading)

    # the predicate: the main clause's first verb that is not an auxiliary. A direction verb there
    # ("sikre", "understøtte", "skabe", "inspirere til, at …") wraps whatever concrete follows it in an
    # intention: the goal is the intention, and the numbers and events inside it are not its own
    predicate = next((i for i in cl.main_verbs if tok.words[i] not in AUXILIARIES and tok.words[i] not in FINITE
                      or tok.lemmas[i] in lex.vague_verbs), None)
    # a reflexive direction verb is the subject's own change, not an intention around it: "andelen …
    # udvikler sig positivt" changes the share (S holds with a measurable subject; M still wants a size)
    # a verb of ensuring, as listed with its particle ("sikre sig, at …"; the entry's second word is matched as
    # written after the predicate): the words it takes before its "at"
    ensuring = _ensuring(tok, predicate, lex)
    reflexive = (predicate is not None and predicate + 1 < len(tok.words) and tok.words[predicate + 1] == "sig"
                 and not ensuring)
    # a passive direction verb has no clause or topic to wrap: "der skal skabes flere praktikpladser" names
    # what is made; its S and M are judged on that ("skal sikres" alone still names nothing concrete)
    passive = (predicate is not None and tok.words[predicate] == tok.lemmas[predicate] + "s"
               and not (predicate + 1 < len(tok.words) and tok.words[predicate + 1] == "at"))  # "det sikres, at …" wraps
    # an effort towards a content clause ("arbejder for, at …", "medvirke til, at …") commits to nothing either
    # (also past a reflexive pronoun and adverbials: "Vi bestræber os på, at …", "vil arbejde målrettet, tværfagligt
    # og med fokus på forebyggelse på at tilbyde …")
    effort = predicate is not None and tok.lemmas[predicate] in lex.effort_verbs and _effort_complement(tok, cl, predicate)
    # a verb of ensuring wraps its content clause whether or not it is a direction verb too ("sørge for, at …",
    # "foranledige, at …")
    wrapped = effort or bool(ensuring) or (
        predicate is not None and tok.lemmas[predicate] in lex.vague_verbs
        and tok.lemmas[predicate] not in lex.change_verbs and not reflexive and not passive)
    if reflexive and tok.lemmas[predicate] in lex.vague_verbs and tok.words[predicate] not in changes:
        changes.append(tok.words[predicate])
    if wrapped:
        targets, events, all_none = [], [], None
        info.targets, info.events, info.all_none = targets, events, all_none
        if tok.words[predicate] not in direction:
            direction.insert(0, tok.words[predicate])

    # an optional act is no commitment: "Handleplanen skal så vidt muligt udarbejdes …", "evt. en temadag"
    # (only a hedge before the first act counts: "… evalueres i januar, før den eventuelt udbygges" is not one)
    first_event = next((i for i in main_idx if tok.words[i] in events or (tok.verb[i] and tok.lemmas[i] in lex.event_verbs)),
                       None)
    before = " " + " ".join(tok.words[i] for i in main_idx if first_event is not None and i < first_event) + " "
    act = None if wrapped or cl.question or direction else _concrete_act(tok, cl, lex)
    if act and first_event is None:
        first_event = tok.words.index(act[0])
        before = " " + " ".join(tok.words[i] for i in main_idx if i < first_event) + " "
    hedge = next((h for h in lex.hedges if f" {h} " in before), None)
    # a procedure with a fixed cadence ("følger månedligt op på …", "kan få gjort rent hver anden uge"): each
    # period it was done or not, whatever its verb (a habit's light verb too)
    cadence = None if cl.question else _cadence(tok, cl, predicate, lex)
    # a service time: a time limit counted in units for each case ("Du får svar inden for 10 arbejdsdage",
    # "skal underrettes senest 2 dage efter …"): each case meets it or not (the number is masked as time text)
    limit = None if cl.question or cadence else _time_limit(tok, cl, predicate, lex)

    # "Det skal sikres, at alle piger og drenge gennemfører …": a verb of ensuring commits to its content clause,
    # so S and M are that clause's own, judged by the same rules. Verbs of effort ("inspirere til, at",
    # "arbejde for, at") commit to nothing.
    ensured = inner_m = None
    if wrapped and ensuring and predicate + ensuring + 1 < len(tok.words):
        inner_text = text[tok.starts[predicate + ensuring + 1]:]
        inner_s, inner_m, inner_reasons, _ = _judge_text(inner_text, _tokens(inner_text, None, None), lex, kind)
        if inner_s:
            ensured = inner_reasons["S"]
        if inner_m:
            inner_m = inner_reasons["M"]
    # a task given to a named role ("Formand og næstformand er ansvarlige for at udarbejde dagsorden", "har til
    # opgave at indkalde …"): like a verb of ensuring it commits to its infinitive, judged by the same rules (M)
    duty = duty_m = duty_named = None
    if not inner_m and not wrapped and not cl.question:
        duty = _duty(tok, cl, lex)
        if duty is not None:
            duty_text = text[tok.starts[duty[1]]:]
            duty_s, duty_ok, duty_reasons, _ = _judge_text(duty_text, _tokens(duty_text, None, None), lex, kind)
            if duty_ok:
                duty_m = duty_reasons["M"]
            if duty_s:  # the task names what is done (S): "er ansvarlige for at udarbejde dagsorden"
                duty_named = duty_reasons["S"]

    # --- M ------------------------------------------------------------------------------
    if inner_m:
        M = True
        reasons["M"] = (f"Det, '{' '.join(tok.words[predicate: predicate + ensuring])}' gælder, kan måles: "
                        + inner_m[0].lower() + inner_m[1:])
    elif duty_m:
        M = True
        reasons["M"] = f"Opgaven, som '{duty[0]}' giver, kan tjekkes: " + duty_m[0].lower() + duty_m[1:]
    elif cl.question:
        M = False
        reasons["M"] = "Et spørgsmål er ikke et mål: der er intet at måle, om det er nået."
    elif targets:
        M = True
        reasons["M"] = f"Der er en målværdi ({', '.join(targets[:3])}), så man kan se, om den er nået."
    elif all_none:
        M = True
        reasons["M"] = f"'{all_none}' kan tælles efter: enten gælder det alle (eller ingen), eller også ikke."
    elif comparatives and not named_thresholds:
        M = False
        reasons["M"] = (f"'{comparatives[0]}' siger ikke hvor mange eller hvor meget – der er ingen målværdi, "
                        "så man kan ikke afgøre, om målet er nået.")
    elif events and hedge:
        M = False
        reasons["M"] = (f"'{hedge}' gør '{events[0]}' valgfrit – man kan ikke afgøre, om det skulle være sket.")
    elif events:
        M = True
        reasons["M"] = f"Det er noget, der enten sker eller ikke sker ('{events[0]}'), så det kan dokumenteres."
    elif named_thresholds and named_thresholds[0] not in qualifiers:
        # a bare bound ("mindst", "højst") bounds a number; with none left ("den mindst 5-årige periode": an age
        # of the period) it names no measure (the reference comes first in the list when there is one)
        M = True
        reasons["M"] = f"Der er en fast målestok ('{named_thresholds[0]}') at sammenligne med."
    elif act and hedge:
        M = False
        reasons["M"] = f"'{hedge}' gør '{act[0]}' valgfrit – man kan ikke afgøre, om det skulle være sket."
    elif act:
        M = True
        reasons["M"] = (f"'{act[0]}' er en handling, der enten bliver gjort eller ej ('{act[1]}'), "
                        "så det kan dokumenteres.")
    elif (cadence or limit) and not (hedge or wrapped or changes or states or direction) and not any(
            f" {h} " in f" {' '.join(tok.words[i] for i in main_idx)} " for h in lex.hedges):
        M = True
        if cadence:
            reasons["M"] = (f"'{cadence}' er en fast hyppighed: man kan for hver periode se, om det er sket "
                            "(en servicestandard).")
        else:
            reasons["M"] = (f"'{limit}' er en tidsgrænse: man kan for hver sag se, om den er overholdt "
                            "(en servicestandard).")
    else:
        M = False
        if unchecked_all:
            reasons["M"] = (f"'{unchecked_all}' kan kun tælles efter, hvis der står noget, man kan tjekke for hver "
                            "enkelt (fx 'har gennemført kurset') – det gør der ikke her.")
        elif states:
            reasons["M"] = (f"'{states[0]}' beskriver en oplevelse eller tilstand uden tal eller måling – "
                            "man kan ikke afgøre, om målet er nået.")
        elif changes:
            reasons["M"] = (f"'{changes[0]}' siger, at noget skal ændre sig, men ikke hvor meget – der er "
                            "ingen målværdi.")
        elif heading:
            reasons["M"] = "Der står kun et emne – hverken et tal, en andel eller noget, der bliver lavet eller holdt."
        else:
            reasons["M"] = "Der er hverken et tal, en andel eller noget, der bliver lavet eller holdt, at måle på."

    # --- S ------------------------------------------------------------------------------
    # "flere elever", "færre dræbte": a change in a named group or thing (M still wants its size)
    counted = [w for i, w in enumerate(tok.words) if cl.main(i) and w in lex.comparatives
               and i + 1 < len(tok.words) and cl.main(i + 1) and not tok.verb[i + 1]
               and tok.words[i + 1] not in ("end", "og", "eller")]
    concrete_events = [w for w in events if (w != deliverable or with_object)
                       and not _abstract_object(tok, cl, lex, w)]
    if act and (M or hedge):
        concrete_events.append(act[0])  # a concrete act names what is done and to what (S), hedged or not (M's matter)
    # a fragment that is only a number of days or kroner "for …" names no measure: "40 kalenderdage for
    # mindre kompliceret byggeri" (the number is M's target value, but S asks what it measures)
    unit_only = None
    # (a title that names a measure says what the number measures: "Sagsbehandlingstid: op til 4 uger")
    titled = any(cl.roles[i] == "label" and _head_in(tok.lemmas[i], _plain_measures(lex)) for i in range(len(tok.words)))
    if not cl.main_verbs and not deliverable and targets and not measures and not titled:
        units = [_unit_after(tok, t) for t in targets]
        if all(units):
            unit_only = units[0]  # as written: "40 kalenderdage", "50-60 kalenderdage"
            info.unit_only = unit_only
    # a reference names what is compared ("over landsgennemsnittet"); a bare bound ("mindst", "højst") only
    # bounds a number and says nothing concrete without one (with one it is a target value above)
    references = [w for w in named_thresholds if w not in qualifiers]
    strong = not wrapped and (targets or concrete_events or measures or references or all_none
                              or (counted and not topics))
    # who does or gets what: a named actor, a concrete predicate and a concrete object ("Pædagogerne bruger
    # dialogisk læsning i hverdagen") is specific without a number; the M letter then asks how it is checked
    actor_act = None
    if not strong and not wrapped and not direction and not cl.question:
        actor_act = _actor_and_act(tok, cl, lex, we=True)
    acted_on = None
    # a direction phrase says how the thing acted on is to change, and only as a direction: "ældreplejen skal i
    # endnu højere grad ydes fleksibelt" (the rubric's "i højere grad")
    phrased = any(_phrase_pattern(tuple(lex.vague_phrases)).fullmatch(w) for w in direction)
    if not strong and not actor_act and not ensured and not cl.question and not phrased:
        acted_on = _thing_acted_on(tok, cl, lex, predicate if wrapped else None)
    if not body:
        S = False
        reasons["S"] = (f"{kind.capitalize()}et er tomt." if not tok.words
                        else f"Der står kun en nummerering eller overskrift ('{cl.title or text}').")
    elif cl.question:
        S = False
        reasons["S"] = "Det er et spørgsmål, ikke et mål: der står ikke, hvad der skal være ændret."
    elif heading and not (strong and counted and counted[0] in ("flere", "færre") and counted[0] not in direction
                          and tok.words[tok.words.index(counted[0]) + 1] not in _PREPOSITIONS):
        S = False
        reasons["S"] = ("Det er en overskrift eller et emne uden udsagnsord – der står ikke, hvad der skal "
                        "ændres, for hvem eller hvor meget.")
    elif unit_only:
        S = False
        reasons["S"] = (f"'{unit_only}' er et tal uden et udsagn: der står ikke, hvad der skal måles eller ændres "
                        "(fx sagsbehandlingstiden), eller hvem det gælder.")
    elif not strong and not actor_act and not ensured and not acted_on and not duty_named:
        S = False
        parts = []
        if direction:
            parts.append(", ".join(f"'{w}'" for w in dict.fromkeys(direction)) + " angiver kun en retning")
        if topics:
            parts.append(", ".join(f"'{w}'" for w in dict.fromkeys(topics))
                         + " er et emne eller en følelse, ikke en konkret ændring")
        mandate = _mandate(tok, cl, lex)
        if mandate:  # the mandate first, the topics it names ("ansvaret") apart
            parts = [f"'{mandate}' siger, hvis opgave eller ansvar noget er, ikke hvad der skal ændres"] + [
                p for p in parts if f"'{mandate.split()[0]}'" not in p]
        if not parts:
            verb = tok.words[cl.main_verbs[-1]] if cl.main_verbs else None
            parts.append(f"'{verb}' siger ikke, hvad der konkret skal være anderledes" if verb
                         else "Der står hverken en målværdi, noget der skal laves, eller noget, der kan måles")
        reasons["S"] = "; ".join(parts) + " – der står ikke konkret, hvad der ændres, for hvem eller hvor meget."
    else:
        S = True
        if duty_named and not strong:
            reasons["S"] = (f"Det er konkret, hvilken opgave '{duty[0]}' giver: "
                            + duty_named.removeprefix("Det er konkret: ").removeprefix("Det er konkret, "))
        elif acted_on:
            reasons["S"] = f"Det er konkret: det siger, hvad der skal ske ('{acted_on[0]}') med hvad ('{acted_on[1]}')."
        elif ensured:
            reasons["S"] = (f"Det er konkret, hvad '{' '.join(tok.words[predicate: predicate + ensuring])}' gælder: "
                            + ensured.removeprefix("Det er konkret: ").removeprefix("Det er konkret, "))
        elif targets:
            reasons["S"] = f"Det er konkret: målværdien '{targets[0]}' siger, hvad der skal nås."
        elif all_none:
            reasons["S"] = f"Det er konkret: det gælder '{all_none}'."
        elif events:
            reasons["S"] = f"Det er konkret: '{events[0]}' siger, hvad der skal gøres."
        elif act and (M or hedge):
            reasons["S"] = f"Det er konkret: '{act[0]}' siger, hvad der skal gøres, og '{act[1]}', hvad det gælder."
        elif measures:
            reasons["S"] = f"Det er konkret, hvad der skal ændres: '{_phrase_at(tok, measures[0])}'."
        elif references:
            reasons["S"] = f"Det er konkret: der sammenlignes med '{references[0]}'."
        elif actor_act:
            who, act, what = actor_act
            reasons["S"] = f"Det er konkret: det siger, hvem ('{who}') der '{act}' hvad ('{what}')."
        elif counted:
            at = tok.words.index(counted[0])
            reasons["S"] = (f"Det er konkret, hvem eller hvad der skal ændre sig: '{counted[0]} {tok.words[at + 1]}' "
                            "(men ikke hvor meget).")
        else:
            verb = tok.words[cl.main_verbs[0]] if cl.main_verbs else None
            reasons["S"] = (f"Det er konkret formuleret ('{verb}') uden vage retningsord." if verb
                            else "Det er konkret formuleret uden vage retningsord.")

    info.deliverable, info.wrapped, info.ensured, info.hedge = deliverable, bool(wrapped), bool(ensured), hedge
    info.counted, info.actor_act, info.strong, info.act = counted, actor_act, bool(strong), act
    return S, M, reasons, info


_TEXT_CACHE: dict[tuple, tuple] = {}


def _lexicon_key(lex: Lexicon) -> int:
    if lex._key is None:
        lex._key = hash(tuple(sorted((k, tuple(sorted(v))) for k, v in lex.model_dump().items())))
    return lex._key


def judge_goal(
    text: str,
    due: object = None,
    context: GoalContext | None = None,
    lexicon: Lexicon | None = None,
    kind: str = "delmål",
) -> SmartVerdict:
    """Judge one goal. ``due`` is a date, a Raw/str from a date cell, or None."""
    lex = lexicon or default_lexicon()
    ctx = context or GoalContext()
    text = (text or "").strip()
    anchor = ctx.plan_start
    ref_year = anchor.year if anchor else None
    key = (text, anchor, kind, _lexicon_key(lex))
    cached = _TEXT_CACHE.get(key)
    if cached is None:
        tok = _tokens(text, anchor, ref_year)
        cached = (tok, *_judge_text(text, tok, lex, kind))
        if len(_TEXT_CACHE) > 4096:
            _TEXT_CACHE.clear()
        _TEXT_CACHE[key] = cached
    tok, S, M, text_reasons, info = cached
    reasons: dict[str, str] = dict(text_reasons)

    # --- T ------------------------------------------------------------------------------
    due_span, due_given = _due_span(due)
    text_deadlines = [s for s in tok.spans if s.is_deadline]
    frequencies = [s.text for s in tok.spans if not s.is_deadline]
    past = [(s, why) for s in text_deadlines if (why := _is_background(text, s))]
    text_deadlines = [s for s in text_deadlines if all(s is not p for p, _ in past)]
    starts = [s for s in text_deadlines if _is_start_point(text, s)]
    start_only = None
    if starts and len(starts) == len(text_deadlines):
        # "fra 1. januar 2014 hvert år": when it starts (and how often), no point by which it must be reached
        start_only, text_deadlines = starts[0].text, []
    if due_span is not None and _is_start_only(_due_text(due)):
        start_only, due_span = _due_text(due), None
    # a deadline with its calendar date reads better than an event or a time of year without its year
    # ("inden påbegyndelse, senest d. 1/4-2023")
    dated = [s for s in text_deadlines if s.end is not None and s.year_given]
    deadline = due_span or (dated[0] if dated else text_deadlines[0] if text_deadlines else None)
    if deadline is not None:
        T = True
        source = "datofeltet" if due_span else "teksten"
        when = f" ({_fmt(deadline.end)})" if deadline.end and deadline.kind == "date" else f" ('{deadline.text}')"
        reasons["T"] = f"Tidsfristen fremgår af {source}{when}."
    else:
        T = False
        if frequencies:
            reasons["T"] = f"'{frequencies[0]}' siger, hvor ofte – ikke hvornår {kind}et skal være nået."
        elif start_only:
            reasons["T"] = f"'{start_only}' siger, hvornår det begynder – ikke hvornår {kind}et skal være nået."
        elif past:
            reasons["T"] = (f"'{past[0][0].text}' siger, hvornår noget skete ('{past[0][1]}') – ikke hvornår {kind}et "
                            "skal være nået.")
        elif due_given and is_vague_time(_due_text(due)):
            reasons["T"] = f"Datofeltet ('{_due_text(due)}') er ingen dato eller frist for, hvornår {kind}et skal være nået."
        elif due_given:
            reasons["T"] = f"Datofeltet ('{due}') kan ikke læses som en dato eller en periode."
        else:
            reasons["T"] = f"Der står ingen dato eller frist for, hvornår {kind}et skal være nået."

    # --- A and R (need the plan) ----------------------------------------------------------
    if not ctx.has_plan:
        A = None
        reasons["A"] = "Kan ikke vurderes uden planen: det afhænger af, hvem der har godkendt den."
    elif ctx.approved_by and ctx.approved_on:
        A = True
        reasons["A"] = f"Planen er godkendt af {ctx.approved_by} den {_fmt(ctx.approved_on)}."
    else:
        A = False
        reasons["A"] = "Planen har ingen registreret godkendelse (Godkendt af og dato på forsiden)."

    # a deadline whose year was guessed ("i oktober") gives no date to judge R by
    due_date = deadline.end if deadline is not None and deadline.year_given else None
    if not ctx.has_plan:
        R = None
        reasons["R"] = "Kan ikke vurderes uden planen: det afhænger af datoer, aktiviteter og den ansvarliges opgaver."
    elif due_date is None:
        R = None
        reasons["R"] = "Kan ikke vurderes uden en dato."
    else:
        problems = []
        if ctx.activity_start and due_date < ctx.activity_start:
            problems.append(f"datoen ligger før aktiviteten starter ({_fmt(ctx.activity_start)})")
        if ctx.maal_date and kind == "delmål" and due_date > ctx.maal_date:
            problems.append(f"datoen ligger efter målets dato ({_fmt(ctx.maal_date)})")
        if ctx.plan_start and due_date <= ctx.plan_start:
            problems.append(f"datoen er allerede passeret, når planen starter ({_fmt(ctx.plan_start)})")
        if ctx.plan_end and due_date > ctx.plan_end:
            problems.append(f"datoen ligger efter planperioden ({_fmt(ctx.plan_end)})")
        if ctx.owner_overloaded:
            problems.append(f"den ansvarlige ({ctx.owner}) har for mange aktiviteter på samme tid")
        R = not problems
        reasons["R"] = ("Datoen passer med aktiviteten, målet og planperioden, og den ansvarlige er ikke overbelastet."
                        if R else "Ikke realistisk: " + "; ".join(problems) + ".")

    smart = all(v is not False for v in (S, M, A, R, T))
    hints = _hints(kind, S, M, A, R, T, tok, info, lex)
    return SmartVerdict(S=S, M=M, A=A, R=R, T=T, smart=smart, reasons=reasons,
                        suggestion=_suggestion(kind, hints), hints=hints, due=due_date)


@dataclass
class _Info:
    """What the analysis found, for the reasons and the rewrite hint."""

    clauses: Clauses
    targets: list[str]
    events: list[str]
    all_none: str | None
    unchecked_all: str | None
    thresholds: list[str]
    states: list[str]
    changes: list[str]
    direction: list[str]
    topics: list[str]
    comparatives: list[str]
    measures: list[str]
    heading: bool
    unit_only: str | None = None  # a bare "40 kalenderdage for …": the number names no measure
    # the cascade's other intermediate signals, kept for scripts/fit_sm.py (they change no verdict)
    deliverable: str | None = None   # a product, event, binary state or entitlement named as the goal
    wrapped: bool = False            # a direction verb or an effort wraps the goal ("sikre", "arbejde for, at")
    ensured: bool = False            # a verb of ensuring whose content clause is specific on its own
    hedge: str | None = None         # "så vidt muligt", "evt." before the first act
    counted: list[str] = field(default_factory=list)  # "flere elever": flere/færre with what they count
    actor_act: tuple[str, str, str] | None = None     # who does what to which concrete object
    strong: bool = False             # S's concrete anchors (target, event, measure, reference, all/none)
    act: tuple[str, str] | None = None  # a concrete act as the main predicate: (verb, what it acts on)


def _phrase_at(tok: _Tokens, word: str) -> str:
    """The word with its 'af …' complement, as written: "andelen af elever", "sygefraværet"."""
    i = tok.words.index(word)
    if i + 2 < len(tok.words) and tok.words[i + 1] == "af":
        return f"{tok.words[i]} af {tok.words[i + 2]}"
    return word


def _group(tok: _Tokens, info: _Info, lex: Lexicon) -> str | None:
    """The people the goal is about, as written ("lærerne", "de nyansatte")."""
    for i, lem in enumerate(tok.lemmas):
        if info.clauses.roles[i] != "label" and (lem in lex.group_nouns or tok.words[i] in lex.group_nouns):
            word = tok.words[i]
            if lem in ("team", "afdeling", "skole", "institution", "kommune", "enhed", "stue", "klasse", "sag",
                       "undersøgelse", "handleplan", "gruppe", "årgang"):
                continue  # units and things, not people who answer a measurement
            return word
    return None


def _hints(kind: str, S, M, A, R, T, tok: _Tokens, info: _Info, lex: Lexicon) -> dict[str, str]:
    """One rewrite hint per failing letter, built from the goal's own words; A gets approval advice."""
    hints: dict[str, str] = {}
    deadline = " senest dd-mm-åååå" if T is False else ""
    group = _group(tok, info, lex)
    nouns = [w for w in info.topics if lemma(w) not in lex.feeling_verbs] + info.measures
    topic = nouns[0] if nouns else None
    example = None
    if topic and group:
        example = f"Andelen af {group}, der i målingen af {topic} svarer … , er steget fra __ % til __ %{deadline}"
    elif topic:
        example = f"… {topic} er ændret fra __ til __{deadline}"
    if S is False:
        if info.unit_only:
            hints["S"] = (f"Skriv en hel sætning om, hvad '{info.unit_only}' gælder: hvad skal højst (eller mindst) "
                          f"vare {info.unit_only}, og for hvem?")
        elif info.clauses.question or info.heading:
            subject = tok.text[info.clauses.body_start:].strip().rstrip("?.!") or info.clauses.title or tok.text
            hints["S"] = (f"Skriv en hel sætning om, hvad der skal være opnået inden for '{subject}': hvem gør eller "
                          "opnår hvad, og hvor meget.")
        elif info.direction and example:
            hints["S"] = (f"Skriv i stedet for '{info.direction[0]}', hvad der konkret skal være anderledes"
                          f"{' for ' + group if group else ''}, fx '{example}'.")
        elif example:
            hints["S"] = f"Sig, hvordan '{topic}' skal ses eller måles{' for ' + group if group else ''}, fx '{example}'."
        elif info.direction:
            hints["S"] = (f"Skriv i stedet for '{info.direction[0]}', hvad der konkret skal være anderledes, for hvem, "
                          "og hvor meget.")
        else:
            hints["S"] = "Skriv konkret, hvad der skal være anderledes og for hvem."
    if M is False:
        if info.clauses.question or info.heading:
            hints["M"] = "Skriv et tal, en andel eller noget, der skal være lavet eller holdt, så man kan se, om det er nået."
        elif info.comparatives:
            word = info.comparatives[0]
            hints["M"] = f"Sig hvor mange: i stedet for '{word}' fx 'fra __ til __' eller '__ % {word} end i dag'."
        elif info.unchecked_all:
            hints["M"] = (f"Skriv noget, man kan tjekke for '{info.unchecked_all}', fx at de har gennemført, modtaget "
                          "eller deltaget i noget bestemt.")
        elif info.states:
            hints["M"] = (f"Knyt '{info.states[0]}' til en måling: fx 'andelen, der i målingen svarer …, er mindst "
                          f"__ %{deadline}'.")
        elif example and S is False and "S" in hints and example in hints["S"]:
            hints["M"] = hints["S"]  # the S hint's example already carries the target value: one advice
        elif example and S is False:
            hints["M"] = f"Sæt en målværdi på, fx '{example}'."
        elif info.changes:
            hints["M"] = f"Sig hvor meget: '{info.changes[0]}' fra __ til __ eller med __ %."
        elif example:
            hints["M"] = f"Sæt en målværdi på, fx '{example}'."
        else:
            hints["M"] = "Tilføj et tal, en andel eller noget, der er lavet eller holdt, så man kan se, om det er nået."
    if T is False:
        hints["T"] = "Sæt en frist i datofeltet eller i teksten (fx 'senest dd-mm-åååå')."
    if A is False:
        hints["A"] = ("Få planen godkendt: skriv på forsiden, hvem der har godkendt den (Godkendt af) og hvornår "
                      "(Godkendt dato).")
    if R is False:
        hints["R"] = "Flyt datoen, så den passer med aktiviteten, målet og planperioden, eller fordel opgaverne."
    return hints


def _suggestion(kind: str, hints: dict[str, str]) -> str:
    """All hints in one text: the rewrite (S, M, T) first, then R and the approval."""
    if not hints:
        return f"{kind.capitalize()}et er SMART, som det står."
    rewrite = [hints[k] for k in "SM" if k in hints]
    rest = [hints[k] for k in "RA" if k in hints]
    parts: list[str] = []
    for hint in dict.fromkeys(rewrite):
        example = re.search(r"fx '([^']+)'", hint)
        if example and any(example[1] in earlier for earlier in parts):
            continue  # the same example sentence is already shown
        parts.append(hint)
    if "T" in hints:
        parts.append(hints["T"])
    text = ""
    if parts:
        text = "Omskriv: " + " ".join(p[0].lower() + p[1:] if i == 0 else p for i, p in enumerate(parts))
    return " ".join([text] + rest if text else rest)


def judge_many(items: Iterable[dict], lexicon: Lexicon | None = None) -> Iterable[SmartVerdict]:
    for item in items:
        yield judge_goal(item.get("text") or "", item.get("due"), lexicon=lexicon)

