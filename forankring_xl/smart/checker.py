"""SMART verdicts for one goal text (delmål or mål), explained in Danish.

S, M and T are read from the text (and the due date); A and R need the plan: who approved it, and
whether the date fits the activity, the mål, the plan period and the owner's load. Each letter is
True, False or None (cannot be judged), with a Danish reason; a suggestion says how to rewrite.

The rules (see docs/smart.md):
* **M** holds with a target value (a number or percentage outside time expressions), an explicit
  all/none over a countable group together with a completion verb, a deliverable or event verb
  ("udarbejdes", "er afholdt", "forelægges" …), or a named threshold ("landsgennemsnittet").
* **S** fails for a bare heading (no verb) or for direction words (vague verbs, adjectives, phrases,
  abstract nouns, "flere/færre" without a group) that nothing concrete anchors: a number, an event,
  a measurable noun or a threshold.
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

from pydantic import BaseModel, Field
from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy

from ..model import Raw
from ..text.dates import format_date as _fmt
from ..text.timeexpr import TimeSpan, find_time_expressions, parse_time
from .lemmas import dictionary_factory

LETTERS = ("S", "M", "A", "R", "T")
AUXILIARIES = {
    "skal", "er", "bliver", "blev", "har", "havde", "kan", "vil", "må", "bør", "sker", "får", "skulle",
    "være", "have", "blive", "var", "ligger", "gør", "kunne", "ville",
}
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
def _lemmatizer() -> Lemmatizer:
    # simplemma's trie dictionary, cached on disk (see lemmas.py): milliseconds to load, 4 MB
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=dictionary_factory()))


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


def _numbers(tok: _Tokens, lex: Lexicon) -> list[str]:
    """Target values: numbers and percentages outside time expressions, ages and list numbering."""
    found = []
    for m in re.finditer(r"(?<![\w-])(\d+(?:[.,]\d+)*)\s*(%|procent|pct\.?|procentpoint)?", tok.masked):
        after = tok.masked[m.end(): m.end() + 8].casefold()
        if re.match(r"\s*-?\s*årig", after) or re.match(r"\s*år\b", after):
            continue  # an age, not a target
        if m.start() < 3 and re.match(r"\s*[.)]\s", tok.masked[m.end(1): m.end(1) + 3]):
            continue  # "1. " list numbering
        found.append(m[0].strip())
    for i, (word, lem) in enumerate(zip(tok.words, tok.lemmas)):
        if word in lex.number_words and tok.masked[tok.starts[i]] != " ":
            nxt = tok.words[i + 1] if i + 1 < len(tok.words) else ""
            if not re.match(r"(?:år|måned|uge|dag|gang)", nxt):
                found.append(word)
    return found


def _is_verb_use(tok: _Tokens, i: int) -> bool:
    """A verb lemma used as a verb (finite, passive or participle), not as an adjective after 'en/den'."""
    word, lem = tok.words[i], tok.lemmas[i]
    prev = tok.words[i - 1] if i else ""
    if word == lem:
        # infinitive: counts after "at" ("pligt til at lave"), except in a purpose phrase ("med at indføre")
        if prev == "at":
            before = tok.words[i - 2] if i >= 2 else ""
            return before not in {"med", "ved", "for", "om"}
        return prev in AUXILIARIES or i == 0
    if prev in DETERMINERS and word.endswith(("et", "ede", "te", "de")):
        return False  # "den udarbejdede plan": an adjective
    return True


def _events(tok: _Tokens, lex: Lexicon) -> list[str]:
    return [tok.words[i] for i, lem in enumerate(tok.lemmas) if lem in lex.event_verbs and _is_verb_use(tok, i)]


def _has_verb(tok: _Tokens, lex: Lexicon) -> bool:
    verbs = lex.event_verbs | lex.vague_verbs | lex.state_verbs | lex.completion_verbs
    for i, (word, lem) in enumerate(zip(tok.words, tok.lemmas)):
        if word in AUXILIARIES:
            return True
        if word != lem and lem.endswith("e") and (word in (lem + "r", lem + "s")
                                                  or (lem in verbs and _is_verb_use(tok, i))):
            if not (i and tok.words[i - 1] in DETERMINERS):
                return True
    return False


def _all_or_none(tok: _Tokens, lex: Lexicon) -> str | None:
    for i, word in enumerate(tok.words):
        if word in ("ingen", "nul") and any(w in lex.measure_nouns for w in tok.lemmas[i + 1: i + 3]):
            return " ".join(tok.words[i: i + 2])  # "ingen arbejdsskader": an explicit zero
        if word in ("alle", "ingen", "samtlige", "hver", "hvert"):
            window = tok.lemmas[i + 1: i + 4]
            if any(w in lex.group_nouns for w in window) and any(
                lem in lex.completion_verbs and _is_verb_use(tok, j)
                for j, lem in enumerate(tok.lemmas) if j > i
            ):
                return " ".join(tok.words[i: i + 3])
    return None


def _vague(tok: _Tokens, lex: Lexicon) -> tuple[list[str], bool]:
    """Direction words in the text, and whether they are only 'flere/færre' before a group."""
    hits: list[str] = []
    only_comparatives = True
    low = " ".join(tok.words)
    for m in _phrase_pattern(tuple(lex.vague_phrases)).finditer(low):
        hits.append(m[0])
        only_comparatives = False
    for i, (word, lem) in enumerate(zip(tok.words, tok.lemmas)):
        if lem in lex.vague_verbs or word in lex.vague_verbs:
            hits.append(word)
            only_comparatives = False
        elif lem in lex.vague_adjectives or word in lex.vague_adjectives:
            hits.append(word)
            only_comparatives = False
        elif lem in lex.abstract_nouns or lem in lex.feeling_verbs:
            hits.append(word)  # a topic, or a feeling or state with nothing concrete attached
            only_comparatives = False
        elif word in lex.comparatives:
            window = tok.lemmas[i + 1: i + 3]
            if not any(w in lex.group_nouns or w in lex.measure_nouns for w in window):
                hits.append(word)
                only_comparatives = False
    return hits, only_comparatives and not hits


@lru_cache(maxsize=16)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern:
    """One regex for all phrases, whole words, longest first."""
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b" if alternatives else r"(?!x)x")


def _due_span(due: object, anchor: dt.date | None, ref_year: int | None) -> tuple[TimeSpan | None, bool]:
    """The deadline from the due cell, and whether the cell held something."""
    if due is None:
        return None, False
    if isinstance(due, dt.date):
        return TimeSpan(due.isoformat(), "date", due, due), True
    text = due.raw if isinstance(due, Raw) else str(due)
    if not text.strip():
        return None, False
    return parse_time(text, anchor, ref_year), True


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
    tok = _tokens(text, anchor, ref_year)
    reasons: dict[str, str] = {}

    # --- T ------------------------------------------------------------------------------
    due_span, due_given = _due_span(due, anchor, ref_year)
    text_deadlines = [s for s in tok.spans if s.is_deadline]
    frequencies = [s.text for s in tok.spans if not s.is_deadline]
    deadline = due_span or (text_deadlines[0] if text_deadlines else None)
    if deadline is not None:
        T = True
        source = "datofeltet" if due_span else "teksten"
        when = f" ({_fmt(deadline.end)})" if deadline.end and deadline.kind == "date" else f" ('{deadline.text}')"
        reasons["T"] = f"Tidsfristen fremgår af {source}{when}."
    else:
        T = False
        if frequencies:
            reasons["T"] = f"'{frequencies[0]}' siger, hvor ofte – ikke hvornår {kind}et skal være nået."
        elif due_given:
            reasons["T"] = f"Datofeltet ('{due}') kan ikke læses som en dato eller en periode."
        else:
            reasons["T"] = f"Der står ingen dato eller frist for, hvornår {kind}et skal være nået."

    # --- M ------------------------------------------------------------------------------
    numbers = _numbers(tok, lex)
    events = _events(tok, lex)
    all_none = _all_or_none(tok, lex)
    thresholds = [w for w, lem in zip(tok.words, tok.lemmas) if lem in lex.threshold_words or w in lex.threshold_words]
    named_thresholds = [w for w in thresholds if w not in ("under", "over")]
    states = [w for w, lem in zip(tok.words, tok.lemmas) if lem in lex.state_verbs or w in lex.state_verbs]
    if numbers:
        M = True
        reasons["M"] = f"Der er en målværdi ({', '.join(numbers[:3])}), så man kan se, om den er nået."
    elif all_none:
        M = True
        reasons["M"] = f"'{all_none}' kan tælles efter: enten gælder det alle (eller ingen), eller også ikke."
    elif events:
        M = True
        reasons["M"] = f"Det er noget, der enten sker eller ikke sker ('{events[0]}'), så det kan dokumenteres."
    elif named_thresholds:
        M = True
        reasons["M"] = f"Der er en fast målestok ('{named_thresholds[0]}')."
    else:
        M = False
        if states:
            reasons["M"] = (f"'{states[0]}' beskriver en oplevelse eller tilstand uden tal eller måling – "
                            "man kan ikke afgøre, om målet er nået.")
        else:
            reasons["M"] = "Der er hverken et tal, en andel eller noget, der bliver lavet eller holdt, at måle på."

    # --- S ------------------------------------------------------------------------------
    vague, only_group_comparatives = _vague(tok, lex)
    measures = [w for w, lem in zip(tok.words, tok.lemmas) if lem in lex.measure_nouns or w in lex.measure_nouns]
    strong = numbers or events or measures or named_thresholds
    heading = not _has_verb(tok, lex) and len(tok.words) <= 8 and not numbers
    if not tok.words:
        S = False
        reasons["S"] = f"{kind.capitalize()}et er tomt."
    elif heading and not vague:
        S = False
        reasons["S"] = "Det er en overskrift eller et emne, ikke en beskrivelse af, hvad der skal ændres."
    elif strong and not heading or not vague and not heading:
        S = True
        anchor_word = (numbers or events or measures or named_thresholds or [None])[0]
        reasons["S"] = (f"Det er konkret formuleret (fx '{anchor_word}')." if anchor_word
                        else "Det er konkret formuleret uden vage retningsord.")
    else:
        S = False
        shown = ", ".join(f"'{w}'" for w in dict.fromkeys(vague))
        reasons["S"] = (f"Ord som {shown} angiver kun en retning; der står ikke konkret, hvad der ændres, "
                        "for hvem eller hvor meget.")

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

    due_date = deadline.end if deadline is not None else None
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
    return SmartVerdict(S=S, M=M, A=A, R=R, T=T, smart=smart, reasons=reasons,
                        suggestion=_suggestion(kind, S, M, A, R, T), due=due_date)


def _suggestion(kind: str, S, M, A, R, T) -> str:
    if all(v is not False for v in (S, M, A, R, T)):
        return f"{kind.capitalize()}et er SMART, som det står."
    parts = []
    if S is False:
        parts.append("skriv konkret, hvad der skal være anderledes og for hvem")
    if M is False:
        parts.append("tilføj et tal, en andel eller noget, der er lavet eller holdt, så man kan se, om det er nået")
    if T is False:
        parts.append("sæt en dato i datofeltet")
    if A is False:
        parts.append("få planen godkendt og skriv hvem og hvornår på forsiden")
    if R is False:
        parts.append("flyt datoen, så den passer med aktiviteten, målet og planperioden, eller fordel opgaverne")
    example = "Fx: 'Alle 12 rådgivere har gennemført kurset i den nye metode senest 31-3-2027.'"
    return "Omskriv: " + "; ".join(parts) + ". " + example


def judge_many(items: Iterable[dict], lexicon: Lexicon | None = None) -> Iterable[SmartVerdict]:
    for item in items:
        yield judge_goal(item.get("text") or "", item.get("due"), lexicon=lexicon)
