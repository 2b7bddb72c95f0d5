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
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from simplemma.__metadata__ import __version__ as SIMPLEMMA_VERSION
from simplemma.strategies.dictionaries import StreamDictionaryFactory
from simplemma.strategies.dictionaries.dictionary_factory import DictionaryFactory

LANG = "da"
BUILD_TIMEOUT_S = 120


def default_cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("forankring-xl", appauthor=False)) / f"simplemma-{SIMPLEMMA_VERSION}"


def dictionary_factory(cache_dir: Path | None = None) -> DictionaryFactory:
    """simplemma's trie factory over the cache in ``cache_dir``, building it first if needed."""
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
