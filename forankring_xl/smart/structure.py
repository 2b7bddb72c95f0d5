"""A light clause analysis of one Danish goal sentence: which words belong to the goal's own statement.

No tagger or parser is used (see docs/design.md: the Danish ones need compiled code or model files and
would not run in Pyodide); Danish goal sentences are short and their structure is marked well enough by
punctuation and a few function words:

* **A label before the goal** is not part of it: list numbering ("3.2:", "7.1:"), "Mål 4:", "Indsats 11 –",
  a short title before a colon or dash ("Mindre røg: Andelen af rygere …", "Trivsel – alle skal …"), and
  the "at" of a bullet under "Det er byrådets mål, at".
* **Relative clauses** (", der/som …", "unge der …") only say *which* people or things the goal is about:
  their verbs are not the goal's predicate and their numbers are no target ("elever, der får mindst 4 i
  dansk"). They end at the next comma or, without one, before the main clause's next finite verb.
* **Subordinate clauses** after a comma (", når …", ", så …", ", fordi …", "for, hvordan …") qualify the
  goal; the main clause carries the change.
* **A parenthesis** is an aside (examples, a reference, a comment: "Hastesager (ex tryksår, udskrivelser ol.)
  max 1 uge"): its verbs are not the goal's predicate.
* **A reporting clause** after a quote (", siger borgmesteren", ", står der i aftalen") says who said it.
* **A question** ("Hvordan udvikler sygefraværet sig?") states no goal at all.

Every token gets a role; the checker then reads verbs, numbers and words from the main clause only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAIN, LABEL, RELATIVE, SUBORDINATE = "main", "label", "relative", "subordinate"

# finite forms that are verbs whatever simplemma says (irregular, or homographs of nouns)
FINITE = {
    "skal", "er", "bliver", "blev", "har", "havde", "kan", "vil", "må", "bør", "sker", "får", "fik", "skulle",
    "var", "ligger", "gør", "kunne", "ville", "går", "gik", "står", "stod", "ses", "gives", "findes", "fås",
    "sættes", "tages", "lægges", "gøres", "bringes", "holdes", "gælder", "kommer", "sidder", "kender",
}
# words after which a form in -er is a noun (a plural), not a verb: determiners, quantifiers, prepositions
_NOUN_CONTEXT = {
    "en", "et", "den", "det", "de", "alle", "flere", "færre", "mange", "nogle", "få", "ingen", "hvis", "disse",
    "af", "til", "for", "med", "i", "på", "om", "fra", "hos", "blandt", "ved", "under", "over", "mellem", "og",
    "eller", "samt", "nye", "gode", "egne", "andre", "vores", "jeres", "deres", "sine", "hver", "hvert", "to",
    "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti", "samtlige", "enkelte", "øvrige", "kommunale",
}
SUBORDINATORS = {"når", "hvis", "fordi", "så", "således", "hvordan", "hvorfor", "hvilket", "hvilke", "mens",
                 "selvom", "idet", "eftersom", "hvorvidt", "om",
                 # an indirect question after a comma: "Tal om rammerne for, hvornår man kan melde sig syg"
                 "hvornår", "hvad", "hvem", "hvilken",
                 # a relative clause of place or means: "det sted i vores landsdel, hvor folk vil bo, leve og arbejde"
                 "hvor", "hvori", "hvorved"}
# after a preposition these are its object, part of the clause before the comma: "ligger over, hvad man kan
# forvente ud fra en socioøkonomisk reference" (only "for, hvordan/hvornår …" opens a clause of its own, below)
_PREPOSITION_OBJECTS = {"hvad", "hvem", "hvilken", "hvornår"}
_BEFORE_OBJECT = {"over", "under", "end", "af", "til", "med", "på", "om", "fra", "ved", "i", "mod", "efter"}
# verbs of a reporting clause after a quote: "…, siger borgmesteren", "…, står der i regeringsgrundlaget"
REPORTING = {"siger", "sagde", "fortæller", "fortalte", "udtaler", "udtalte", "skriver", "skrev", "understreger",
             "understregede", "forklarer", "forklarede", "tilføjer", "tilføjede", "påpeger", "påpegede", "mener",
             "lyder", "lød", "står", "stod", "oplyser", "oplyste", "vurderer", "siges"}
QUESTION_WORDS = {"hvordan", "hvad", "hvorfor", "hvornår", "hvilke", "hvilken", "hvilket", "hvem", "hvor"}
ADVERBS = {"ikke", "også", "allerede", "fx", "f.eks", "eksempelvis", "altid", "aldrig", "typisk", "fortsat",
           "stadig", "selv", "kun", "nu", "hermed", "herefter", "løbende", "derfor", "desuden", "endvidere",
           "dermed", "samtidig", "fremover", "derudover", "herudover", "især", "gerne", "ligeledes", "endelig",
           "evt", "eventuelt", "altså", "nemlig", "straks", "helt", "sagtens"}
LABEL_WORDS = r"(?:mål|delmål|målsætning|indsats|indsatsområde|tema|fokusområde|fokuspunkt|sigtepunkt|pkt\.?|punkt|nr\.?|trin|milepæl|fase)"
_NUMBERING = re.compile(
    rf"^\s*(?:(?i:{LABEL_WORDS})\s*(?:\d+(?:\.\d+)*|[a-zA-Z])(?:\s*[:)]|\s+[–-](?=\s)|\.?(?=\s))"
    rf"|(?:\d+(?:\.\d+)*|[a-zA-Z])(?:\.(?=\s)|\s*[:)]|\s+[–-](?=\s))"
    # multi-level numbering with nothing after it before a capital: "2.2.1 Træn …", "10.5 Gennemførte …"
    # (one or two digits per level, so a thousands group such as "2.400 færre" is never numbering)
    rf"|\d{{1,2}}(?:\.\d{{1,2}})+(?=\s+[A-ZÆØÅ]))\s*"
)
_TITLE_SEP = re.compile(r"\s*(?::|\s[–—-]\s)\s*")
# A frame that announces the goal and is not part of it: "Målet er, at …", "Det overordnede mål med
# retningslinjerne er, at …", "Kommunen har et mål om, at …", "Formålet med politikken er at …",
# "Seniorpolitikken præciserer, at …", "Det betyder, at …". The goal is what follows the "at"; the frame's
# own words (its subject, a year, "10 mål for social mobilitet") say nothing about the change.
_FRAME = re.compile(
    r"(?i)^[^.?!:;]{0,120}?\b(?:mål(?:et|ene|sætning(?:en)?|sætninger)?|formål(?:et)?|vision(?:en)?|"
    r"ambition(?:en)?|hensigt(?:en)?|betyder|indebærer|præciserer|understreger|fastslår)\b"
    r"[^.?!:;]{0,60}?(?<!\bfor)(?<!\btil)(?<!\bmed)(?<!\bved)(?<!\buden),?\s+at,?\s+(?=\w)"
)  # not a purpose or a means: "Den ambition skal nu ændres til syv kalenderdage for at leve op til …"


@dataclass
class Clauses:
    roles: list[str]                      # one role per token
    body_start: int                       # character offset where the goal's own text begins
    title: str = ""                       # a label or title before the goal, if any
    question: bool = False
    main_verbs: list[int] = field(default_factory=list)  # token indices of verbs in the main clause

    def main(self, i: int) -> bool:
        return self.roles[i] == MAIN


def strip_label(text: str) -> tuple[str, int]:
    """(title, offset of the goal body): numbering, "Mål 4:", a short title before ':' or ' – ', "at"."""
    pos = 0
    m = _NUMBERING.match(text)
    if m and m.end() < len(text):
        pos = m.end()
    rest = text[pos:]
    title = text[:pos].strip()
    sep = _TITLE_SEP.search(rest)
    if sep and sep.start() > 0:
        head, body = rest[: sep.start()], rest[sep.end():]
        head_words = head.split()
        # a title is short and has no finite verb; the body must say something itself
        if len(head_words) <= 6 and len(body.split()) >= 3 and not any(w.casefold() in FINITE for w in head_words):
            title = (title + " " + head).strip()
            pos += sep.end()
    m = re.match(r"(?i)at,?\s+", text[pos:])
    if m:
        pos += m.end()
    frame = _FRAME.match(text[pos:])
    if frame and len(text[pos + frame.end():].split()) >= 2:
        title = (title + " " + text[pos: pos + frame.end()].strip().rstrip(",")).strip()
        pos += frame.end()
    return title, pos


def analyse(text: str, words: list[str], lemmas: list[str], starts: list[int], is_verb) -> Clauses:
    """Give every token a role. ``is_verb(i)`` says whether token i is used as a verb."""
    n = len(words)
    title, body_start = strip_label(text)
    roles = [MAIN] * n
    for i in range(n):
        if starts[i] < body_start:
            roles[i] = LABEL
    stripped = text.rstrip()
    first = next((i for i in range(n) if roles[i] == MAIN), n)
    question = stripped.endswith("?") or (first < n and words[first] in QUESTION_WORDS
                                          and (first + 1 < n and is_verb(first + 1)))

    seps = [text[starts[i - 1] + len(words[i - 1]) if i else 0: starts[i]] for i in range(n)]
    sep_before = seps.__getitem__

    def verb_at(i: int) -> bool:
        return words[i] in FINITE or is_verb(i)

    def next_comma(i: int) -> int:
        for j in range(i + 1, n):
            if "," in sep_before(j) or ";" in sep_before(j):
                return j
        return n

    def clause_end(i: int) -> int:
        """The next comma, past the last items of a list the clause ends with: ", hvor folk vil bo, leve og
        arbejde" (a short segment with "og"/"eller" and no finite verb continues the list, not the main clause)."""
        end = next_comma(i)
        while end < n and ";" not in sep_before(end):
            after = next_comma(end)
            segment = words[end:after]
            if not (len(segment) <= 4 and any(w in ("og", "eller") for w in segment[1:])
                    and not any(w in FINITE for w in segment) and segment[0] not in ("og", "eller", "men", "samt")):
                break
            end = after
        return end

    i = first
    while i < n:
        w = words[i]
        comma = "," in sep_before(i) if i else False
        if i > first and w in ("der", "som") and roles[i] == MAIN:
            prev = words[i - 1]
            noun_before = comma or (prev not in SUBORDINATORS and prev not in _NOUN_CONTEXT
                                    and prev not in ("at", "hvor", "skal", "kan", "vil", "må", "bør", "er")
                                    and not verb_at(i - 1))
            # the clause's own verb follows within a few words ("der ikke længere er", "som gennemfører")
            own = next((j for j in range(i + 1, min(n, i + 4)) if verb_at(j)), None)
            if noun_before and own is not None and (w == "der" or words[i + 1] not in ("grundlag", "led")):
                end = next_comma(i)
                if end == n:
                    # no closing comma: the clause ends before the main clause's next finite verb
                    later = next((j for j in range(own + 1, n) if words[j] in FINITE or
                                  (is_verb(j) and words[j - 1] != "at" and words[j].endswith(("r", "s")))), None)
                    if later is not None:
                        end = later
                for k in range(i, end):
                    roles[k] = RELATIVE
                i = end
                continue
        if (i > first + 1 and w in ("som", "der") and words[i - 1] in ("og", "eller") and "," in sep_before(i - 1)
                and roles[i - 2] == RELATIVE):
            # ", og som sagtens kan kaldes …": a second relative clause on the same noun
            end = clause_end(i)
            for k in range(i - 1, end):
                roles[k] = RELATIVE
            i = end
            continue
        if i > first and comma and w in REPORTING and i + 1 < n and roles[i - 1] == MAIN and any(
                roles[j] == MAIN and verb_at(j) for j in range(first, i)) and (
                words[i + 1] in ("der", "det", "han", "hun", "de", "vi", "jeg") or words[i + 1][:1].isalpha()
                and not is_verb(i + 1)):
            # (only after a complete clause of its own, and not where a relative clause ends before the main verb:
            # "Teamlederne, der er udpeget, står for planlægningen")
            # a reporting clause after a quote ("…, siger borgmesteren", "…, står der i regeringsgrundlaget",
            # "…, fortæller direktøren til avisen"): who said it, no part of the goal
            end = next_comma(i)
            for k in range(i, end):
                roles[k] = SUBORDINATE
            i = end
            continue
        if i > first and comma and not (w in _PREPOSITION_OBJECTS and words[i - 1] in _BEFORE_OBJECT) and (
                w in SUBORDINATORS or (
                w in ("og", "eller") and i + 1 < n and words[i + 1] in SUBORDINATORS and words[i + 1] != "så")):
            # (a second subordinate clause joined to the first: ", og hvornår man har brug for en fridag")
            end = clause_end(i)
            for k in range(i, end):
                roles[k] = SUBORDINATE
            i = end
            continue
        if w == "for" and i + 1 < n and "," in sep_before(i + 1) and words[i + 1] in SUBORDINATORS:
            end = next_comma(i + 1)
            for k in range(i + 1, end):
                roles[k] = SUBORDINATE
            i = end
            continue
        i += 1
    # a parenthesis is an aside (examples, a reference, a comment): its words are no part of the main clause
    depth = 0
    for i in range(n):
        depth = max(0, depth + sep_before(i).count("(") - sep_before(i).count(")"))  # "1) …" opens nothing
        if depth > 0 and roles[i] == MAIN:
            roles[i] = SUBORDINATE
    main_verbs = [i for i in range(n) if roles[i] == MAIN and verb_at(i)]
    return Clauses(roles, body_start, title, question, main_verbs)


def noun_context(word: str) -> bool:
    return word in _NOUN_CONTEXT
