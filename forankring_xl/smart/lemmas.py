"""Where the Danish lemma dictionary comes from: simplemma's trie cache, built once per machine.

simplemma ships the Danish dictionary compressed. Its frugal ``StreamDictionaryFactory`` decompresses
it and indexes it on every start (~0.3 s, ~25 MB), which is half the run time of a one-file ``check``
and a tenth of a 1,000-file batch. simplemma's ``TrieDictionaryFactory`` (the ``marisa-trie`` extra)
keeps the same lemmas in a MARISA trie saved on disk: loading it takes milliseconds and 4 MB, and
lookups are faster. Building the trie takes ~1.5 s and ~220 MB, once per machine and simplemma version.

Two things are ours, not simplemma's:
* the build runs in a child process (``python -m forankring_xl.smart.lemmas DIR``), so the ~220 MB
  are never part of a long-running process (a batch forks its workers from the process that loads the
  dictionary), and it writes to a private folder first and renames, so two programs starting at
  once never see half a file;
* when the cache cannot be built or read (a read-only home, no interpreter to start), the frugal
  stream dictionary is used instead. The lemmas are the same either way (tests/test_lemmas.py).

``import simplemma`` also compiles the suffix rules of about twenty languages (some hundred regular
expressions: a sixth of a ribbon click's CPU), and Danish is not one of them. ``import_simplemma`` puts
a stand-in for that one module (``simplemma.strategies.defaultrules``) in place first: its
``RULE_FUNCTIONS`` imports the real rules the first time any language asks for them, except when the
languages simplemma has rules for, recorded once per simplemma version in the cache folder, show that
the language asking has none. Every language gets exactly simplemma's rules; Danish gets them without
compiling the others (tests/test_lemmas.py).
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import types
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simplemma.strategies.dictionaries.dictionary_factory import DictionaryFactory

LANG = "da"
BUILD_TIMEOUT_S = 120
RULES_MODULE = "simplemma.strategies.defaultrules"
RULES_RECORD = "rule-languages.json"


class _RulesOnDemand(Mapping):
    """simplemma's ``RULE_FUNCTIONS``, imported only when a language that has rules asks for them."""

    def __init__(self) -> None:
        self._table: Mapping | None = None
        self._recorded: frozenset[str] | None = None  # read once, the first time a language asks
        self._looked = False

    def _real(self) -> Mapping:
        if self._table is None:
            if sys.modules.get(RULES_MODULE) is _STAND_IN:
                del sys.modules[RULES_MODULE]
            self._table = importlib.import_module(RULES_MODULE).RULE_FUNCTIONS
            _record_rule_languages(self._table)
        return self._table

    def get(self, lang, default=None):
        if self._table is None:
            if not self._looked:
                self._recorded, self._looked = _recorded_rule_languages(), True
            if self._recorded is not None and lang not in self._recorded:
                return default
        return self._real().get(lang, default)

    def __getitem__(self, lang):
        return self._real()[lang]

    def __iter__(self):
        return iter(self._real())

    def __len__(self) -> int:
        return len(self._real())


_STAND_IN = types.ModuleType(RULES_MODULE, "forankring-xl: simplemma's suffix rules, imported on demand (smart/lemmas.py)")
_STAND_IN.RULE_FUNCTIONS = _RulesOnDemand()


def import_simplemma() -> types.ModuleType:
    """``import simplemma`` without compiling other languages' suffix rules until one asks for them."""
    if "simplemma" not in sys.modules:
        sys.modules.setdefault(RULES_MODULE, _STAND_IN)
        try:
            import simplemma  # noqa: F401
        except ImportError:  # a simplemma laid out differently: import it as it is
            for name in [n for n in sys.modules if n == "simplemma" or n.startswith("simplemma.")]:
                del sys.modules[name]
            import simplemma  # noqa: F401
    return sys.modules["simplemma"]


def _rules_record() -> Path:
    return default_cache_dir() / RULES_RECORD


def _recorded_rule_languages() -> frozenset[str] | None:
    try:
        return frozenset(json.loads(_rules_record().read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def _record_rule_languages(table: Mapping) -> None:
    if _recorded_rule_languages() == frozenset(table):
        return
    try:
        record = _rules_record()
        record.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".rules-", dir=record.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(sorted(table), out)
        os.replace(tmp, record)
    except OSError:
        pass  # no record: the next process imports the rules again, and nothing else changes


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    version = import_simplemma().__version__
    return Path(user_cache_dir("forankring-xl", appauthor=False)) / f"simplemma-{version}"


def dictionary_factory(cache_dir: Path | None = None) -> DictionaryFactory:
    """simplemma's trie factory over the cache in ``cache_dir``, building it first if needed."""
    import_simplemma()
    from simplemma.strategies.dictionaries import StreamDictionaryFactory

    try:
        from marisa_trie import BytesTrie
        from simplemma.strategies.dictionaries import TrieDictionaryFactory

        folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        target = folder / f"{LANG}.dic"
        for attempt in range(2):
            if not target.exists():
                _build_in_child(folder)
            try:
                BytesTrie().load(str(target))  # a few ms; a damaged cache raises here, not mid-batch
                return TrieDictionaryFactory(disk_cache_dir=str(folder))
            except (RuntimeError, OSError):
                if attempt == 0:
                    target.unlink(missing_ok=True)  # damaged or missing: build it once more
    except (ImportError, OSError, subprocess.SubprocessError):
        pass
    return StreamDictionaryFactory()


def _build_in_child(folder: Path) -> None:
    if not sys.executable:
        raise OSError("no interpreter to build the lemma cache with")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", __name__, str(folder)], check=True, timeout=BUILD_TIMEOUT_S,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))  # no console flash under Excel


def build(folder: Path) -> Path:
    """Build the Danish trie into ``folder`` (atomically: a private folder first, then a rename)."""
    import_simplemma()
    from simplemma.strategies.dictionaries import TrieDictionaryFactory

    folder.mkdir(parents=True, exist_ok=True)
    private = Path(tempfile.mkdtemp(prefix=".build-", dir=folder))
    try:
        TrieDictionaryFactory(disk_cache_dir=str(private)).get_dictionary(LANG)  # builds and saves
        os.replace(private / f"{LANG}.dic", folder / f"{LANG}.dic")
    finally:
        shutil.rmtree(private, ignore_errors=True)
    return folder / f"{LANG}.dic"


if __name__ == "__main__":
    build(Path(sys.argv[1]))
