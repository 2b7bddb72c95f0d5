"""Shape of the real goal-sentence corpus in data/real (issue 12, section 5).

These tests check the data files, not the checker: ids, URLs, the documented split rule,
label coverage, and that the file given to a second reader carries no labels.
"""

import collections
import hashlib
import json
import re
from pathlib import Path

import pytest

REAL = Path(__file__).resolve().parent.parent / "data" / "real"
GOALS = REAL / "goals.jsonl"
UNLABELLED = REAL / "goals_unlabelled.jsonl"
LABELS = REAL / "labels"

LABEL_FIELDS = {"S", "M", "T", "smart_text", "unsure", "note"}
UNLABELLED_FIELDS = {"id", "text", "kind", "due", "source_url"}
GOALS_FIELDS = UNLABELLED_FIELDS | {"source_title", "split"} | LABEL_FIELDS
READER_FIELDS = {"id", "S", "M", "T", "unsure", "note"}


def _read(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"{path.name}: empty line {n}"
        rows.append(json.loads(line))
    return rows


def _documented_split(url: str) -> str:
    """The rule written in data/real/README.md, fixed before labelling."""
    fraction = int(hashlib.sha256(url.encode("utf-8")).hexdigest()[:8], 16) / 2**32
    return "holdout" if fraction < 0.40 else "dev"


@pytest.fixture(scope="module")
def goals() -> list[dict]:
    return _read(GOALS)


@pytest.fixture(scope="module")
def unlabelled() -> list[dict]:
    return _read(UNLABELLED)


def test_at_least_300_records_from_many_sources(goals):
    assert len(goals) >= 300
    per_url = collections.Counter(g["source_url"] for g in goals)
    assert len(per_url) >= 40, f"only {len(per_url)} distinct source URLs"
    url, most = per_url.most_common(1)[0]
    assert most <= 20, f"{most} sentences from one URL: {url}"


def test_ids_are_unique_and_well_formed(goals):
    ids = [g["id"] for g in goals]
    assert len(ids) == len(set(ids)), [i for i, c in collections.Counter(ids).items() if c > 1]
    bad = [i for i in ids if not re.fullmatch(r"g\d{4}", i)]
    assert not bad, bad


def test_texts_are_unique_and_not_blank(goals):
    texts = [" ".join(g["text"].split()).casefold() for g in goals]
    assert all(texts)
    dupes = [t for t, c in collections.Counter(texts).items() if c > 1]
    assert not dupes, dupes


def test_record_fields_and_types(goals):
    for g in goals:
        assert set(g) == GOALS_FIELDS, (g["id"], set(g) ^ GOALS_FIELDS)
        assert g["kind"] in {"mål", "delmål"}, g["id"]
        assert g["due"] is None or (isinstance(g["due"], str) and g["due"].strip()), g["id"]
        for letter in ("S", "M", "T", "smart_text", "unsure"):
            assert isinstance(g[letter], bool), (g["id"], letter)
        assert g["smart_text"] == (g["S"] and g["M"] and g["T"]), g["id"]
        assert g["note"] is None or isinstance(g["note"], str), g["id"]


def test_every_source_is_an_http_url(goals):
    bad = [(g["id"], g["source_url"]) for g in goals if not re.match(r"https?://\S+$", g["source_url"])]
    assert not bad, bad


def test_split_values_and_one_split_per_url(goals):
    assert {g["split"] for g in goals} <= {"dev", "holdout"}
    by_url = collections.defaultdict(set)
    for g in goals:
        by_url[g["source_url"]].add(g["split"])
    mixed = {u: s for u, s in by_url.items() if len(s) > 1}
    assert not mixed, mixed


def test_split_follows_the_documented_rule(goals):
    wrong = [g["id"] for g in goals if g["split"] != _documented_split(g["source_url"])]
    assert not wrong, wrong
    share = sum(g["split"] == "holdout" for g in goals) / len(goals)
    assert 0.30 <= share <= 0.50, share


def test_unlabelled_file_has_no_labels_and_matches_goals(goals, unlabelled):
    for u in unlabelled:
        assert set(u) == UNLABELLED_FIELDS, (u.get("id"), set(u) ^ UNLABELLED_FIELDS)
    by_id = {g["id"]: g for g in goals}
    assert [u["id"] for u in unlabelled] == [g["id"] for g in goals]
    for u in unlabelled:
        g = by_id[u["id"]]
        assert {k: g[k] for k in UNLABELLED_FIELDS} == u, u["id"]


def test_reader_files_cover_exactly_the_ids(goals):
    readers = sorted(LABELS.glob("reader*.jsonl"))
    assert {p.name for p in readers} >= {"reader1.jsonl", "reader2.jsonl"}, [p.name for p in readers]
    ids = [g["id"] for g in goals]
    for path in readers:
        rows = _read(path)
        got = [r["id"] for r in rows]
        assert len(got) == len(set(got)), f"{path.name}: duplicate ids"
        assert set(got) == set(ids), f"{path.name}: {sorted(set(got) ^ set(ids))[:10]}"
        for r in rows:
            assert set(r) == READER_FIELDS, (path.name, r["id"], set(r) ^ READER_FIELDS)
            assert all(isinstance(r[k], bool) for k in ("S", "M", "T", "unsure")), (path.name, r["id"])


def test_final_labels_agree_with_the_readers(goals):
    """Every letter on which both readers agree is the final label; a letter they disagree on is
    settled in data/real/disagreements.md and the record is unsure. unsure is true wherever
    either reader marked it unsure."""
    r1 = {r["id"]: r for r in _read(LABELS / "reader1.jsonl")}
    r2 = {r["id"]: r for r in _read(LABELS / "reader2.jsonl")}
    for g in goals:
        a, b = r1[g["id"]], r2[g["id"]]
        for letter in ("S", "M", "T"):
            if a[letter] == b[letter]:
                assert g[letter] == a[letter], (g["id"], letter)
            else:
                assert g["unsure"], (g["id"], letter, "disputed letter but not unsure")
        if a["unsure"] or b["unsure"]:
            assert g["unsure"], g["id"]


def test_every_disagreement_is_listed_in_disagreements_md(goals):
    """Each disputed (id, letter) appears as a row of the table in data/real/disagreements.md
    with the final label that goals.jsonl carries."""
    r1 = {r["id"]: r for r in _read(LABELS / "reader1.jsonl")}
    r2 = {r["id"]: r for r in _read(LABELS / "reader2.jsonl")}
    rows = {}
    for line in (REAL / "disagreements.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if len(cells) == 7 and re.fullmatch(r"g\d{4}", cells[0]):
            rows[(cells[0], cells[2])] = cells[5].strip("*")
    disputed = {
        (g["id"], letter): str(g[letter]).lower()
        for g in goals
        for letter in ("S", "M", "T")
        if r1[g["id"]][letter] != r2[g["id"]][letter]
    }
    assert rows == disputed


def test_each_letter_has_enough_positives_and_negatives(goals):
    for letter in ("S", "M", "T"):
        positives = sum(g[letter] for g in goals)
        assert positives >= 60, (letter, positives)
        assert len(goals) - positives >= 60, (letter, positives)


def test_batch_label_files_are_kept_unchanged_in_the_merged_files(goals):
    """Each batch's label files (labels/batch*/readerN.jsonl, fixed before settling) appear row for row,
    unchanged, in labels/readerN.jsonl, and the batch's unlabelled file is the matching part of
    goals_unlabelled.jsonl."""
    merged = {n: {r["id"]: r for r in _read(LABELS / f"reader{n}.jsonl")} for n in (1, 2)}
    batches = sorted(p for p in LABELS.glob("batch*") if p.is_dir())
    assert batches, "no batch folder under data/real/labels"
    unlabelled = {u["id"]: u for u in _read(UNLABELLED)}
    for folder in batches:
        for n in (1, 2):
            rows = _read(folder / f"reader{n}.jsonl")
            assert rows, (folder.name, n)
            for r in rows:
                assert merged[n][r["id"]] == r, (folder.name, n, r["id"])
        batch_file = REAL / f"goals_unlabelled_{folder.name}.jsonl"
        batch_rows = _read(batch_file)
        assert {r["id"] for r in batch_rows} == {r["id"] for r in _read(folder / "reader1.jsonl")}
        for u in batch_rows:
            assert unlabelled[u["id"]] == u, u["id"]
