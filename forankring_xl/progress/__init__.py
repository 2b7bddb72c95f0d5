"""Progress between two returns of a plan (``forankring udvikling``): row matching and the comparison.

Pure core: no files, Excel or terminal. ``matching.py`` pairs the rows of two versions, ``compare.py`` says
what changed, judged by the existing engine. :class:`ProgressSummary` is the per-unit summary in counts
that batch puts in each overview entry (under the key ``"udvikling"``) and the overview's sheets and charts
read back with :func:`summary_of`.
"""

from __future__ import annotations

from .compare import Development, ProgressSummary, Version, compare, smart_letters, smart_share, unit_mismatch
from .matching import Matching, match_plans

#: The key of the progress summary in a batch overview entry.
OVERVIEW_KEY = "udvikling"


def summary_of(entry: dict) -> ProgressSummary | None:
    """The progress summary in a batch overview entry, or None when the entry has none (older archives)."""
    data = entry.get(OVERVIEW_KEY)
    return None if data is None else ProgressSummary.model_validate(data)


__all__ = ["Development", "Matching", "OVERVIEW_KEY", "ProgressSummary", "Version", "compare", "match_plans",
           "smart_letters", "smart_share", "summary_of", "unit_mismatch"]
