"""Fixtures for the policy tooling tests: editable copies of the mini catalog."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

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
