"""The real goal sentences' dev split for rule tests (data/real/goals.jsonl): rules are written from dev only."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_ALL = [json.loads(x) for x in (ROOT / "data" / "real" / "goals.jsonl").read_text(encoding="utf-8").splitlines()
        if x.strip()]
DEV = {r["id"]: r for r in _ALL if r["split"] == "dev"}


def dev_goal(goal_id: str) -> dict:
    """A real dev goal record; a holdout id fails the test that asks for it."""
    assert goal_id in DEV, f"{goal_id}: rules are written from dev records only"
    return DEV[goal_id]


def dev_text(goal_id: str) -> str:
    """The text of a real dev goal."""
    return dev_goal(goal_id)["text"]


def quoted(reason: str) -> list[str]:
    """The words a reason quotes ('…')."""
    return re.findall(r"'([^']+)'", reason)
