"""Helpers and fixtures shared by the rules tests.

There is no ``conftest.py`` here on purpose: other test directories import helpers with
``from conftest import ...``, and a second ``conftest`` module would shadow theirs. Test
modules declare thin fixtures over :func:`load_test_catalog` and :func:`rules_loader`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from pathplanner.catalog import Catalog
from pathplanner.catalog.loader import load_catalog
from pathplanner.profile import Profile, validate_profile

AS_OF = dt.date(2026, 3, 2)

BASE: dict[str, Any] = {
    "project.investment": "enterprise",
    "project.use": "factory",
    "project.floor_area_m2": 3000,
}


def profile(catalog: Catalog, **values: Any) -> Profile:
    """A validated profile: the base values, updated with ``values`` (``a__b`` → ``a.b``)."""
    data = dict(BASE)
    data.update({k.replace("__", "."): v for k, v in values.items()})
    return validate_profile({k: v for k, v in data.items() if v is not None}, catalog, file="test")


DATA = Path(__file__).parent / "data"
CATALOG_DIR = DATA / "catalog"


@lru_cache(maxsize=1)
def load_test_catalog() -> Catalog:
    """The rules test catalog (tests/rules/data/catalog), loaded once."""
    return load_catalog(CATALOG_DIR)


WithRules = Callable[..., Catalog]


def rules_loader(tmp_path: Path) -> WithRules:
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
