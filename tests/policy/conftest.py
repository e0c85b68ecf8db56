"""Fixtures for the policy tooling tests: editable copies of the mini catalog."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest

MINI = Path(__file__).resolve().parents[1] / "data" / "mini"

EXAMPLE = """\
name: small-factory
zh: 小型厂房
start: 2026-03-02
profile:
  project:
    investment: enterprise
    floor_area_m2: 8000
  site:
    in_assessed_zone: true
"""


def add_file(root: Path, relative: str, body: str) -> Path:
    """Write ``body`` (dedented) to ``root/relative``, creating folders."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def edit(root: Path, relative: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``root/relative`` by ``new``."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of ``tests/data/mini`` with one example project, free to edit."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    add_file(root, "examples/small-factory.yaml", EXAMPLE)
    return root


@pytest.fixture
def plan_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Memoize ``Planner.plan`` by catalog content and inputs for one test.

    Plans are deterministic, so a test that plans the same profile on the same catalog
    content several times (``diff`` runs, then the test's own check) plans it once.
    """
    from pathplanner.plan.planner import Planner

    original = Planner.plan
    memo: dict[tuple[object, ...], Any] = {}

    def plan(self: Planner, profile: Any, **kwargs: Any) -> Any:
        values = dict(profile.profile) if hasattr(profile, "profile") else dict(profile)
        key = (
            self.catalog.content_hash,
            repr(sorted(values.items())),
            repr(sorted(kwargs.items())),
        )
        if key not in memo:
            memo[key] = original(self, profile, **kwargs)
        return memo[key]

    monkeypatch.setattr(Planner, "plan", plan)
