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


# --- simplemma's suffix rules: other languages' rules are imported only when one asks -----------------

RULES_PROBE = """
import json, sys
from forankring_xl.smart import lemmas
from forankring_xl.smart.checker import lemma
if sys.argv[1] == "ours":
    simplemma = lemmas.import_simplemma()
else:
    import simplemma
danish = [lemma(w) for w in sys.argv[2].split()]
loaded_after_danish = sorted(m for m in sys.modules if m.startswith("simplemma.strategies.defaultrules."))
from simplemma.strategies import RulesStrategy  # the rules alone: no other language's dictionary is loaded
others = [RulesStrategy().get_lemma(w, lang) for w, lang in json.loads(sys.argv[3])]
print(json.dumps({"danish": danish, "loaded": loaded_after_danish, "others": others,
                  "record": sorted(lemmas._recorded_rule_languages() or [])}))
"""
DANISH = "målene medarbejderne trivselsmålingen gennemføres kompetenceudviklingsforløb"
#: words simplemma's suffix rules have an answer for (German, Spanish, English), and one they have none for
OTHERS = [["Freundschaften", "de"], ["Donaudampfschifffahrtsgesellschaften", "de"], ["kauneimmista", "fi"],
          ["desinstitucionalizaciones", "es"], ["nationalizations", "en"]]


def _probe(mode: str, cache_home: Path) -> dict:
    import os
    import subprocess
    import sys

    env = dict(os.environ, XDG_CACHE_HOME=str(cache_home))
    done = subprocess.run([sys.executable, "-c", RULES_PROBE, mode, DANISH, json.dumps(OTHERS)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_danish_needs_no_other_languages_rules_and_every_language_gets_simplemmas_rules(tmp_path, built):
    home = tmp_path / "cache"  # platformdirs' user cache folder on Linux is $XDG_CACHE_HOME
    version_dir = home / "forankring-xl" / lemmas.default_cache_dir().name
    version_dir.mkdir(parents=True)
    (version_dir / "da.dic").write_bytes((built / "da.dic").read_bytes())  # no trie build in the probe

    first = _probe("ours", home)  # no record yet: the first Danish word imports the real rules, once
    assert first["loaded"] and first["record"] and "da" not in first["record"]
    second = _probe("ours", home)  # the record says Danish has none: nothing compiled for Danish
    assert second["loaded"] == [] and second["record"] == first["record"]
    plain = _probe("plain", home)  # simplemma imported as it is
    assert plain["loaded"]
    assert first["danish"] == second["danish"] == plain["danish"]
    assert first["others"] == second["others"] == plain["others"]
    assert sum(lemma is not None for lemma in plain["others"]) == 4  # the rules really answered


def test_the_stand_in_answers_like_simplemmas_rule_table():
    import subprocess
    import sys

    code = ("import json, sys; from forankring_xl.smart import lemmas; lemmas.import_simplemma();"
            "from simplemma.strategies.rules import RULE_FUNCTIONS as t;"
            "print(json.dumps([type(t).__name__, sorted(t), t.get('da'), t.get('de') is not None, len(t)]))")
    ours = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    from simplemma.strategies.defaultrules import RULE_FUNCTIONS

    assert ours == ["_RulesOnDemand", sorted(RULE_FUNCTIONS), None, True, len(RULE_FUNCTIONS)]
