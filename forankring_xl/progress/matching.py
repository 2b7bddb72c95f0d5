"""Which row of the earlier version is which row of the later one.

Units return the same plan several times a year, and between returns they insert rows, reword a delmål,
rename a sigtepunkt, move rows about and delete some. Position says little, so rows are matched by what
they say. Pure: plans in, pairs out.

1. **Sigtepunkter.** The same title (case, spacing and punctuation ignored) pairs first, one to one in
   order. The rest are paired by the best of two scores: how alike the titles are, and how many rows the
   two have in common word for word (a renamed sigtepunkt keeps its rows). A pair needs a score of at
   least :data:`SIGTEPUNKT_THRESHOLD`. Two sigtepunkter without a title that nothing else pairs are
   paired by their place.
2. **Rows within a paired sigtepunkt.** A row is known by its own text: aktivitet, delmål and mål as
   written on the row (formål only for a row with none of those). Owner, dates and status are *not* part
   of it: they are what the comparison reports. Rows with the same text pair first, one to one in order
   (the i-th copy with the i-th copy). The rows left are scored by word similarity: for each field written
   on both rows, the standard library's ``difflib.SequenceMatcher`` on its words (2 × matching words / all
   words); the mean over those fields, times √(fields on both rows / fields on either), so a delmål filled
   in on an activity row costs less than a changed activity. Rows are paired greedily, the highest score
   first, ties to the pair whose relative positions are closest, one to one, when the score is at least
   :data:`ROW_THRESHOLD`. One changed word in a ten-word delmål scores about 0.9; an activity kept with
   its delmål rewritten from scratch about 0.55; two unrelated activities near 0.
3. **Rows that moved to another sigtepunkt.** Rows still unpaired anywhere in the plan pair when their
   text is the same word for word.

Whatever is left is a row added (only in the later version) or removed (only in the earlier one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from math import sqrt
from typing import Literal

from ..model import Plan, PlanRow

#: Lowest similarity at which two reworded rows count as the same row.
ROW_THRESHOLD = 0.5
#: Lowest score at which two sigtepunkter with different titles count as the same.
SIGTEPUNKT_THRESHOLD = 0.5

How = Literal["samme tekst", "omformuleret", "flyttet"]
_WORD = re.compile(r"\w+")
_ROW_FIELDS = ("aktivitet", "delmaal", "maal")


def words(text: str | None) -> tuple[str, ...]:
    """The words of a text, folded: case, spacing and punctuation do not count."""
    return tuple(_WORD.findall(text.casefold())) if text else ()


def row_key(row: PlanRow) -> tuple[tuple[str, ...], ...]:
    """What a row says, as words per field (see the module docstring)."""
    key = tuple(words(getattr(row, name)) for name in _ROW_FIELDS)
    if not any(key):
        key += (words(row.formaal),)
    return key


def _field_scores(a, b, exact: bool) -> float:
    union = [(x, y) for x, y in zip(a, b) if x or y]
    if not union:
        return 1.0
    common = [(x, y) for x, y in union if x and y]
    if not common:
        return 0.0
    if exact:
        scores = [sum(block.size for block in SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks())
                  * 2 / (len(x) + len(y)) for x, y in common]
    else:  # a cheap bound: each field matches at most its shorter side
        scores = [2 * min(len(x), len(y)) / (len(x) + len(y)) for x, y in common]
    return sum(scores) / len(common) * sqrt(len(common) / len(union))


def similarity(a: tuple[tuple[str, ...], ...], b: tuple[tuple[str, ...], ...]) -> float:
    """How alike two rows' texts are, 0.0-1.0: per field written on both rows, 2 × matching words / all
    words; the mean of those, times √(fields on both / fields on either). 1.0 = the same words."""
    return _field_scores(a, b, exact=True)


def _upper_bound(a, b) -> float:
    """A cheap bound on :func:`similarity`."""
    return _field_scores(a, b, exact=False)


def text_similarity(a: str | None, b: str | None) -> float:
    return similarity((words(a),), (words(b),))


@dataclass(frozen=True)
class RowPair:
    """A row in both versions (old and new are (sigtepunkt index, row index)), or in only one of them."""

    old: tuple[int, int] | None
    new: tuple[int, int] | None
    how: How | None = None  # None for a row added or removed
    score: float = 1.0


@dataclass(frozen=True)
class PointPair:
    old: int | None
    new: int | None
    how: Literal["samme titel", "omdøbt", "samme plads"] | None = None


@dataclass
class Matching:
    points: list[PointPair]
    rows: list[RowPair]

    def new_of(self) -> dict[tuple[int, int], tuple[int, int]]:
        return {p.old: p.new for p in self.rows if p.old is not None and p.new is not None}

    def point_new_of(self) -> dict[int, int]:
        return {p.old: p.new for p in self.points if p.old is not None and p.new is not None}


def _filled(plan: Plan, s: int) -> list[int]:
    return [r for r, row in enumerate(plan.sigtepunkter[s].raekker) if not row.is_empty()]


def _pair_exact(old_keys: dict[int, tuple], new_keys: dict[int, tuple]) -> list[tuple[int, int]]:
    """Equal keys pair one to one, the i-th copy with the i-th copy; returns (old, new) indexes."""
    waiting: dict[tuple, list[int]] = {}
    for r in sorted(new_keys):
        waiting.setdefault(new_keys[r], []).append(r)
    pairs = []
    for r in sorted(old_keys):
        queue = waiting.get(old_keys[r])
        if queue:
            pairs.append((r, queue.pop(0)))
    return pairs


def _pair_similar(old_keys: dict[int, tuple], new_keys: dict[int, tuple], old_len: int, new_len: int,
                  threshold: float) -> list[tuple[int, int, float]]:
    """Greedy one-to-one pairing by similarity, best first, ties to the closest relative position."""
    candidates = []
    for a, ka in old_keys.items():
        for b, kb in new_keys.items():
            if _upper_bound(ka, kb) < threshold:
                continue
            score = similarity(ka, kb)
            if score >= threshold:
                distance = abs(a / max(old_len, 1) - b / max(new_len, 1))
                candidates.append((-score, distance, a, b))
    candidates.sort()
    used_a, used_b, pairs = set(), set(), []
    for neg, _, a, b in candidates:
        if a in used_a or b in used_b:
            continue
        used_a.add(a)
        used_b.add(b)
        pairs.append((a, b, -neg))
    return pairs


def _point_score(old: Plan, new: Plan, a: int, b: int, keys_old, keys_new) -> float:
    title = text_similarity(old.sigtepunkter[a].titel, new.sigtepunkter[b].titel)
    ka, kb = keys_old[a], keys_new[b]
    if ka or kb:
        common = len(_pair_exact(ka, kb))
        content = 2 * common / (len(ka) + len(kb))
    else:
        content = 0.0
    if not old.sigtepunkter[a].titel and not new.sigtepunkter[b].titel and not ka and not kb:
        return 0.0
    return max(title if (old.sigtepunkter[a].titel and new.sigtepunkter[b].titel) else 0.0, content)


def match_plans(old: Plan, new: Plan) -> Matching:
    """Pair the sigtepunkter and filled rows of two versions of one plan (see the module docstring)."""
    keys_old = {s: {r: row_key(old.sigtepunkter[s].raekker[r]) for r in _filled(old, s)}
                for s in range(len(old.sigtepunkter))}
    keys_new = {s: {r: row_key(new.sigtepunkter[s].raekker[r]) for r in _filled(new, s)}
                for s in range(len(new.sigtepunkter))}

    # 1. sigtepunkter: the same title, then the best score
    titles_old = {s: words(p.titel) for s, p in enumerate(old.sigtepunkter) if p.titel and words(p.titel)}
    titles_new = {s: words(p.titel) for s, p in enumerate(new.sigtepunkter) if p.titel and words(p.titel)}
    point_pairs: dict[int, tuple[int, str]] = {a: (b, "samme titel") for a, b in _pair_exact(titles_old, titles_new)}
    left_old = [s for s in range(len(old.sigtepunkter)) if s not in point_pairs]
    taken_new = {b for b, _ in point_pairs.values()}
    left_new = [s for s in range(len(new.sigtepunkter)) if s not in taken_new]
    candidates = []
    for a in left_old:
        for b in left_new:
            score = _point_score(old, new, a, b, keys_old, keys_new)
            if score >= SIGTEPUNKT_THRESHOLD:
                candidates.append((-score, abs(a - b), a, b))
    candidates.sort()
    for _, _, a, b in candidates:
        if a in point_pairs or b in taken_new:
            continue
        point_pairs[a] = (b, "omdøbt")
        taken_new.add(b)
    for a in left_old:  # untitled on both sides and nothing else to go by: the same place
        if a not in point_pairs and a not in titles_old and a < len(new.sigtepunkter) and a not in titles_new \
                and a not in taken_new:
            point_pairs[a] = (a, "samme plads")
            taken_new.add(a)
    points = [PointPair(a, b, how) for a, (b, how) in sorted(point_pairs.items())]
    points += [PointPair(a, None) for a in range(len(old.sigtepunkter)) if a not in point_pairs]
    points += [PointPair(None, b) for b in range(len(new.sigtepunkter)) if b not in taken_new]

    # 2. rows within each pair of sigtepunkter: the same text, then similar text
    rows: list[RowPair] = []
    paired_old: set[tuple[int, int]] = set()
    paired_new: set[tuple[int, int]] = set()
    for a, (b, _) in sorted(point_pairs.items()):
        ka, kb = dict(keys_old[a]), dict(keys_new[b])
        for ra, rb in _pair_exact(ka, kb):
            rows.append(RowPair((a, ra), (b, rb), "samme tekst"))
            del ka[ra], kb[rb]
        n_old, n_new = len(old.sigtepunkter[a].raekker), len(new.sigtepunkter[b].raekker)
        for ra, rb, score in _pair_similar(ka, kb, n_old, n_new, ROW_THRESHOLD):
            rows.append(RowPair((a, ra), (b, rb), "omformuleret", round(score, 3)))
    for pair in rows:
        paired_old.add(pair.old)
        paired_new.add(pair.new)

    # 3. rows that moved to another sigtepunkt: the same text, anywhere in the plan
    rest_old = {(s, r): k for s, ks in keys_old.items() for r, k in ks.items() if (s, r) not in paired_old}
    rest_new = {(s, r): k for s, ks in keys_new.items() for r, k in ks.items() if (s, r) not in paired_new}
    for ref_a, ref_b in _pair_exact(rest_old, rest_new):
        rows.append(RowPair(ref_a, ref_b, "flyttet"))
        del rest_old[ref_a], rest_new[ref_b]
    rows += [RowPair(ref, None) for ref in sorted(rest_old)]
    rows += [RowPair(None, ref) for ref in sorted(rest_new)]
    rows.sort(key=lambda p: (p.new or (10**9, 10**9), p.old or (10**9, 10**9)))
    return Matching(points, rows)
