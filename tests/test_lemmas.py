"""The lemma dictionary: simplemma's trie, cached on disk, gives the same lemmas as the stream dictionary."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries import StreamDictionaryFactory, TrieDictionaryFactory

from forankring_xl.smart import lemmas
from forankring_xl.smart.checker import default_lexicon

ROOT = Path(__file__).resolve().parent.parent


def _words() -> list[str]:
    texts = [json.loads(line)["text"] for line in (ROOT / "tests" / "data" / "smart_corpus.jsonl").read_text("utf-8").splitlines()]
    words = {w.casefold() for text in texts for w in re.findall(r"[^\W\d_]+", text)}
    lexicon = default_lexicon().model_dump()
    words |= {w for entries in lexicon.values() for entry in entries for w in entry.split()}
    return sorted(words)


def _lemmas(factory) -> list[str]:
    lemmatizer = Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory))
    return [lemmatizer.lemmatize(w, lang="da") for w in _words()]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("lemma-cache")
    factory = lemmas.dictionary_factory(folder)
    assert isinstance(factory, TrieDictionaryFactory)
    return folder


def test_the_cache_is_built_once_in_place_and_gives_the_stream_dictionarys_lemmas(built):
    assert [p.name for p in built.iterdir()] == ["da.dic"]  # no build folder left behind
    trie = lemmas.dictionary_factory(built)
    words = _words()
    assert len(words) > 500
    expected = _lemmas(StreamDictionaryFactory())
    assert _lemmas(trie) == expected
    assert sum(a != b for a, b in zip(words, expected)) > 100  # the test compares real lemmatisation


def test_an_existing_cache_is_loaded_not_rebuilt(built, monkeypatch):
    def refuse(folder):
        raise AssertionError("rebuilt")

    monkeypatch.setattr(lemmas, "_build_in_child", refuse)
    before = (built / "da.dic").stat().st_mtime_ns
    assert isinstance(lemmas.dictionary_factory(built), TrieDictionaryFactory)
    assert (built / "da.dic").stat().st_mtime_ns == before


def test_a_damaged_cache_is_rebuilt(tmp_path, built):
    data = (built / "da.dic").read_bytes()
    (tmp_path / "da.dic").write_bytes(data[: len(data) // 2])
    factory = lemmas.dictionary_factory(tmp_path)
    assert isinstance(factory, TrieDictionaryFactory)
    assert (tmp_path / "da.dic").read_bytes() == data


def test_no_writable_cache_falls_back_to_the_stream_dictionary(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    factory = lemmas.dictionary_factory(blocker / "cache")
    assert isinstance(factory, StreamDictionaryFactory)
    assert _lemmas(factory)[:50] == _lemmas(StreamDictionaryFactory())[:50]


def test_without_marisa_trie_the_plain_dictionary_gives_the_tries_lemmas(built, monkeypatch):
    """Pyodide (xlwings Lite) has no marisa-trie: the package installs without it and must lemmatise alike."""
    import sys

    monkeypatch.setitem(sys.modules, "marisa_trie", None)  # what `import marisa_trie` meets in Pyodide
    plain = lemmas.dictionary_factory(built)
    assert type(plain) is StreamDictionaryFactory
    monkeypatch.delitem(sys.modules, "marisa_trie")
    trie = lemmas.dictionary_factory(built)
    assert isinstance(trie, TrieDictionaryFactory)
    assert _lemmas(plain) == _lemmas(trie)


def test_the_metadata_leaves_marisa_trie_and_typer_out_under_emscripten():
    import tomllib

    from packaging.requirements import Requirement

    deps = [Requirement(d) for d in tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]]
    pyodide = {"sys_platform": "emscripten", "platform_system": "Emscripten", "python_version": "3.14"}

    def wanted(env):
        return {(d.name, tuple(sorted(d.extras))) for d in deps if d.marker is None or d.marker.evaluate(env)}

    in_pyodide, on_desktop = wanted(pyodide), wanted({"sys_platform": "win32", "platform_system": "Windows"})
    assert ("simplemma", ()) in in_pyodide and ("simplemma", ("marisa-trie",)) not in in_pyodide
    assert "typer" not in {name for name, _ in in_pyodide}
    assert {("simplemma", ("marisa-trie",)), ("typer", ())} <= on_desktop
    assert any(d.name == "xlwings" and d.specifier.contains("0.37.5") and not d.specifier.contains("0.37.4") for d in deps)
