"""Fixtures of the rules tests: the small test catalog, and copies of it with extra rules."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from pathplanner.catalog import Catalog
from pathplanner.errors import InputError
from pathplanner.loader import load_catalog

DATA = Path(__file__).parent / "data"
CATALOG_DIR = DATA / "catalog"


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The rules test catalog (tests/rules/data/catalog)."""
    return load_catalog(CATALOG_DIR)


WithRules = Callable[..., Catalog]


@pytest.fixture
def with_rules(tmp_path: Path) -> WithRules:
    """Load a copy of the test catalog with one more rule file (``rules/extra.yaml``).

    ``keep=False`` drops the catalog's own rules first. Raises InputError like the loader.
    """

    def load(text: str, *, keep: bool = True) -> Catalog:
        root = tmp_path / "cat"
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(CATALOG_DIR, root)
        if not keep:
            for f in (root / "rules").glob("*.yaml"):
                f.unlink()
        (root / "rules" / "extra.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        return load_catalog(root)

    return load


def problems_of(load: WithRules, text: str, *, keep: bool = True) -> list[str]:
    """The English messages of the problems loading ``text`` raises."""
    with pytest.raises(InputError) as info:
        load(text, keep=keep)
    return [p.message("en") for p in info.value.problems]
