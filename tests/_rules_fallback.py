"""Until ``pathplanner.rules`` lands (issue 3), loader tests run against a stand-in.

The stand-in accepts every rule directory and returns an empty rule book; it is installed
only when the real package does not exist, so the real one is tested as soon as it is there.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path
from typing import Any


def ensure_rules() -> bool:
    """Install the stand-in when ``pathplanner.rules`` is missing; True when the real
    package is used."""
    if "pathplanner.rules" in sys.modules:
        return not getattr(sys.modules["pathplanner.rules"], "STAND_IN", False)
    if importlib.util.find_spec("pathplanner.rules"):
        return True

    class RuleBook:
        @staticmethod
        def empty() -> RuleBook:
            return RuleBook()

    def load_rulebook(rules_dir: Path, catalog: Any) -> tuple[RuleBook, list[Any]]:
        del rules_dir, catalog
        return RuleBook(), []

    stub = types.ModuleType("pathplanner.rules")
    stub.RuleBook = RuleBook  # type: ignore[attr-defined]
    stub.load_rulebook = load_rulebook  # type: ignore[attr-defined]
    stub.STAND_IN = True  # type: ignore[attr-defined]
    sys.modules["pathplanner.rules"] = stub
    return False
